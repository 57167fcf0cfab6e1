// The shared context of one check: the definition, the issues found so far and the dates the rules need;
// report() (a finding with the catalog's message) and the cell helpers every sheet reader uses.
import { localDay } from '../roster/round';
import type { Definition, PeriodDef } from '../standard/types';
import type { CellValue, SheetGrid } from '../xlsx/grid';
import { a1 } from '../xlsx/grid';
import { makeIssue, type MessageCode, type MessageVars } from '../standard/messages';
import type { Issue, Severity } from '../standard/schema';
import { cellDisplay, isCellError, isFormulaNoResult } from './values';

export interface CheckOptions {
  /** "Today" as YYYY-MM-DD: upper bound for 年度 and 填报日期, and the fallback date for 逾期. */
  asOf?: string;
}

/** Today in local time, YYYY-MM-DD (the default "as of"). */
export function localToday(): string {
  return localDay();
}

/** One check in progress: what the sheet readers share and add their findings to. */
export interface Ctx {
  def: Definition;
  issues: Issue[];
  asOf: string;
  /** Flow metric id → 本年累计 before this period, as the issued workbook records it. */
  ytdBefore?: Readonly<Record<string, number>>;
  /** The 报告期 read from 基本信息 (for the rules that depend on it). */
  period: PeriodDef | null;
}

export interface IssueSpec<C extends MessageCode> {
  rule: C;
  severity: Severity;
  sheet: string | null;
  cell: string | null;
  /** The issue's field (and the message's {field}). */
  field: string | null;
  /** The value found (and the message's {value}); null where there is none. */
  value: string | null;
  /** The message's other fields (the catalog declares which). */
  vars?: Partial<MessageVars<C>>;
}

/** Records a finding with the catalog's message for its code (standard/messages.ts). */
export function report<C extends MessageCode>(ctx: Ctx, s: IssueSpec<C>): void {
  const vars = { field: s.field ?? '', value: s.value ?? '', ...s.vars } as unknown as MessageVars<C>;
  ctx.issues.push(
    makeIssue(ctx.def, s.severity, s.rule, vars, {
      sheet: s.sheet,
      cell: s.cell,
      field: s.field,
      value: s.value,
    }),
  );
}

export function cell(sheet: SheetGrid, row: number, col: number): CellValue {
  return sheet.rows[row]?.[col] ?? null;
}

export function rowIsBlank(sheet: SheetGrid, row: number): boolean {
  return (sheet.rows[row] ?? []).every((v) => cellDisplay(v) === null);
}

/** Returns false (after reporting) when the cell holds a formula without result or an error value. */
export function usable(ctx: Ctx, sheet: SheetGrid, row: number, col: number, field: string): boolean {
  const v = cell(sheet, row, col);
  if (isFormulaNoResult(v)) {
    report(ctx, {
      rule: 'value.formulaNoResult',
      severity: 'error',
      sheet: sheet.name,
      cell: a1(row, col),
      field,
      value: cellDisplay(v),
    });
    return false;
  }
  if (isCellError(v)) {
    report(ctx, {
      rule: 'value.formulaError',
      severity: 'error',
      sheet: sheet.name,
      cell: a1(row, col),
      field,
      value: v.error,
    });
    return false;
  }
  return true;
}
