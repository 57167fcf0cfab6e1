// Label/value fields (基本信息, and the 工作情况 fields above its table): the value cell right of each
// label (never the template's hint), read by the field's type from the definition.
import type { InfoFieldDef } from '../standard/types';
import type { CellValue, SheetGrid } from '../xlsx/grid';
import { a1 } from '../xlsx/grid';
import type { MessageCode, MessageVars } from '../standard/messages';
import type { Severity } from '../standard/schema';
import { report, usable, type Ctx } from './context';
import { findLabels } from './locate';
import {
  cellDisplay,
  cellText,
  isPlausiblePhone,
  normalizeLabel,
  normalizeText,
  parseDate,
  parseYear,
  tidyText,
} from './values';

/** Lowest plausible 年度. */
export const MIN_YEAR = 2000;

export interface FieldValue {
  /** 0-based position of the value cell (or where it should be, if blank). */
  row: number;
  col: number;
  value: CellValue;
  found: boolean;
}

export function fieldValues(
  sheet: SheetGrid,
  fields: readonly InfoFieldDef[],
  fromRow = 0,
  toRow = sheet.rows.length,
  hintCol: number | null = null,
): Map<string, FieldValue> {
  const hits = findLabels(sheet, fields, fromRow, toRow);
  const out = new Map<string, FieldValue>();
  for (const f of fields) {
    const hit = hits.get(f.key);
    if (!hit) continue;
    const row = sheet.rows[hit.row] ?? [];
    const hint = normalizeLabel(f.hint);
    let found: FieldValue = { row: hit.row, col: hit.col + 1, value: null, found: true };
    for (let c = hit.col + 1; c < row.length; c++) {
      // The template's hint column is to the right of an empty value: never take the hint as the value
      // (recognised by its header, or by the hint text itself when the header is gone).
      if (c === hintCol) break;
      const v = row[c];
      const t = cellDisplay(v);
      if (t === null) continue;
      if (normalizeLabel(t) === hint) break;
      found = { row: hit.row, col: c, value: v, found: true };
      break;
    }
    out.set(f.key, found);
  }
  return out;
}

export type InfoValue = string | number | null;

export function readField(
  ctx: Ctx,
  sheet: SheetGrid,
  f: InfoFieldDef,
  fv: FieldValue | undefined,
): InfoValue {
  const def = ctx.def;
  const where = fv ? a1(fv.row, fv.col) : null;
  const at = <C extends MessageCode>(
    rule: C,
    severity: Severity,
    value: string | null,
    vars?: Partial<MessageVars<C>>,
  ) => report(ctx, { rule, severity, sheet: sheet.name, cell: where, field: f.label, value, vars });
  if (fv && !usable(ctx, sheet, fv.row, fv.col, f.label)) return null;
  const raw = fv?.value ?? null;
  const text = cellText(raw);

  if (text === null) {
    if (f.required) at('field.required', 'error', null);
    return null;
  }
  switch (f.type) {
    case 'text':
      return tidyText(text);
    case 'code':
      return normalizeText(text);
    case 'enum':
    case 'period': {
      const vocab = f.vocab ? def.vocab[f.vocab] : undefined;
      const v = normalizeText(text);
      if (!vocab) return v;
      const match = vocab.values.find((x) => normalizeLabel(x) === normalizeLabel(v));
      if (!match) {
        at('field.enum', 'error', text, { allowed: vocab.values.join('、') });
        return null;
      }
      return match;
    }
    case 'year': {
      const y = parseYear(raw);
      const max = Number(ctx.asOf.slice(0, 4)) + 1;
      if (y.status !== 'ok' || y.value < MIN_YEAR || y.value > max) {
        at('field.year', 'error', text, { from: MIN_YEAR, to: max });
        return null;
      }
      return y.value;
    }
    case 'date': {
      const d = parseDate(raw);
      if (d.status !== 'ok') {
        at('field.date', 'error', text);
        return null;
      }
      if (d.iso > ctx.asOf) at('field.dateFuture', 'warning', d.iso);
      return d.iso;
    }
    case 'phone': {
      const v = normalizeText(text);
      if (!isPlausiblePhone(v)) at('field.phone', 'warning', text);
      return v;
    }
  }
}
