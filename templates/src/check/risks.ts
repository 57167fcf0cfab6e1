// 风险隐患台账: each register row read by the definition's columns (every column by its key in `values`,
// so an added column flows through), enum and date columns checked, ids made unique, 逾期 and closing
// judged by the status's role, and the risks carried from the last round required to stay.
import type { SheetGrid } from '../xlsx/grid';
import { a1 } from '../xlsx/grid';
import { isDoneStatus, isOverdueOn } from '../standard/roles';
import type { Risk } from '../standard/schema';
import { cell, report, rowIsBlank, usable, type Ctx } from './context';
import { findHeader, labelsOf } from './locate';
import { cellDisplay, cellText, normalizeLabel, normalizeText, parseDate } from './values';

/** Rows that are not risks: a total, a note, a repeated caption. */
const STRAY_ROW = /^(合计|小计|总计|共计|注|说明|备注|填表说明|填报说明)/;

export function readRisks(ctx: Ctx, sheet: SheetGrid | null, refDate: string): Risk[] {
  if (!sheet) return [];
  const def = ctx.def;
  const header = findHeader(sheet, def.riskColumns, 0, 2);
  if (!header) return [];
  const cols = header.cols;
  const colDef = new Map(def.riskColumns.map((c) => [c.key, c]));
  const risks: Risk[] = [];
  const firstRowOfId = new Map<string, number>();
  const riskLabels = new Set(def.riskColumns.flatMap(labelsOf));
  const substantive = def.riskColumns.filter((c) => c.key !== 'id' && c.key !== 'note').map((c) => c.key);
  for (let r = header.row + 1; r < sheet.rows.length; r++) {
    if (rowIsBlank(sheet, r)) continue;
    // Stray rows: nothing in the substantive columns (only an id or a note), or a total / note line.
    const first = (sheet.rows[r] ?? []).map((v) => cellText(v)).find((t) => t !== null) ?? '';
    if (!substantive.some((k) => cellDisplay(cols.has(k) ? cell(sheet, r, cols.get(k)!) : null) !== null))
      continue;
    if (STRAY_ROW.test(normalizeLabel(first))) continue;
    // A repeated header row (pasted twice).
    const headerLike = (sheet.rows[r] ?? []).filter((v) => {
      const t = cellText(v);
      return t !== null && riskLabels.has(normalizeLabel(t));
    }).length;
    if (headerLike >= 4) continue;

    const rowNo = r + 1;
    const at = (key: string) => (cols.has(key) ? a1(r, cols.get(key)!) : null);
    const label = (key: string) => colDef.get(key)?.label ?? key;
    const values: Record<string, string | null> = {};
    for (const c of def.riskColumns) {
      const ci = cols.get(c.key);
      if (ci === undefined) {
        values[c.key] = null;
        continue;
      }
      if (!usable(ctx, sheet, r, ci, c.label)) {
        values[c.key] = null;
        continue;
      }
      const raw = cell(sheet, r, ci);
      const t = cellText(raw);
      if (t === null) {
        values[c.key] = null;
        if (c.required)
          report(ctx, {
            rule: 'risk.required',
            severity: 'error',
            sheet: sheet.name,
            cell: a1(r, ci),
            field: c.label,
            value: null,
            vars: { row: rowNo },
          });
        continue;
      }
      if (c.type === 'enum' && c.vocab) {
        const vocab = def.vocab[c.vocab];
        const match = vocab?.values.find((x) => normalizeLabel(x) === normalizeLabel(t));
        if (vocab && !match) {
          report(ctx, {
            rule: 'risk.enum',
            severity: 'error',
            sheet: sheet.name,
            cell: a1(r, ci),
            field: c.label,
            value: t,
            vars: { allowed: vocab.values.join('、') },
          });
          values[c.key] = null;
          continue;
        }
        values[c.key] = match ?? t;
      } else if (c.type === 'date') {
        const d = parseDate(raw);
        if (d.status !== 'ok') {
          report(ctx, {
            rule: 'risk.date',
            severity: 'error',
            sheet: sheet.name,
            cell: a1(r, ci),
            field: c.label,
            value: t,
          });
          values[c.key] = null;
        } else values[c.key] = d.iso;
      } else {
        values[c.key] = t;
      }
    }

    let id = values.id !== null && values.id !== undefined ? normalizeText(values.id) : null;
    if (id === null) {
      id = `R${rowNo}`;
      report(ctx, {
        rule: 'risk.missingId',
        severity: 'warning',
        sheet: sheet.name,
        cell: at('id') ?? a1(r, 0),
        field: label('id'),
        value: null,
        vars: { row: rowNo, newId: id },
      });
    } else {
      const prev = firstRowOfId.get(id);
      if (prev !== undefined) {
        report(ctx, {
          rule: 'risk.duplicateId',
          severity: 'error',
          sheet: sheet.name,
          cell: at('id'),
          field: label('id'),
          value: id,
          vars: { id, firstRow: prev },
        });
      } else firstRowOfId.set(id, rowNo);
    }

    const status = values.status ?? null;
    const done = isDoneStatus(def, status);
    if (done && !values.progress) {
      report(ctx, {
        rule: 'risk.doneNoProgress',
        severity: 'warning',
        sheet: sheet.name,
        cell: at('progress') ?? at('status'),
        field: label('progress'),
        value: id,
        vars: { id },
      });
    }
    const deadline = values.deadline ?? null;
    const overdue = isOverdueOn(def, deadline, status, refDate);
    if (overdue && deadline !== null) {
      report(ctx, {
        rule: 'risk.overdue',
        severity: 'warning',
        sheet: sheet.name,
        cell: at('deadline'),
        field: label('deadline'),
        value: id,
        vars: { id, deadline },
      });
    }
    risks.push({
      id,
      category: values.category ?? null,
      description: values.description ?? null,
      detail: values.detail ?? null,
      level: values.level ?? null,
      measures: values.measures ?? null,
      leader: values.leader ?? null,
      owner: values.owner ?? null,
      deadline,
      status,
      progress: values.progress ?? null,
      note: values.note ?? null,
      overdue,
      row: rowNo,
      values: { ...values, id, status, deadline },
    });
  }
  return risks;
}

/** A risk carried from the last round must stay in the register until it is marked closed. */
export function checkCarriedRisks(
  ctx: Ctx,
  sheet: SheetGrid | null,
  risks: readonly Risk[],
  carried: readonly string[],
): void {
  if (!sheet) return;
  const present = new Set(risks.map((r) => normalizeText(r.id)));
  for (const id of carried)
    if (!present.has(normalizeText(id)))
      report(ctx, {
        rule: 'risk.carriedMissing',
        severity: 'warning',
        sheet: sheet.name,
        cell: null,
        field: ctx.def.riskColumns.find((c) => c.key === 'id')?.label ?? null,
        value: id,
        vars: { id },
      });
}
