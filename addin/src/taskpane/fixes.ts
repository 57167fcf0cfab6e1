// One-click fixes for what the checker reads tolerantly but a clean workbook should hold as it means:
// a count typed as text ("3次", full-width "３", "三") → the number; a date typed as text ("2023.12.31",
// "2023年12月31日", "２０２３-１２-３１", 20231231) → a real date; a phone number typed in full-width
// digits → half-width. Host-free: found on the grid the pane read, applied by excel.ts.
//
// Where the date and phone fields are is the checker's knowledge (labels found wherever the user moved
// them, columns by header and alias). Rather than repeat it, the candidates are asked of the checker: the
// same grid with each candidate cell replaced by a value no field accepts is checked again, and the rule
// the checker then reports at that cell (field.date, risk.date, field.phone) says what the cell is.
import {
  a1,
  cellDisplay,
  checkGrid,
  dateToSerial,
  locateSheets,
  normalizeText,
  parseA1,
  parseDate,
  parseInteger,
  type CellValue,
  type CheckOptions,
  type CheckResult,
  type Definition,
  type WorkbookGrid,
} from '../../../templates/src/index';

/** What a fix writes: a number, a date (its ISO text and Excel serial), or text. */
export type FixValue =
  | { kind: 'number'; value: number }
  | { kind: 'date'; iso: string; serial: number }
  | { kind: 'text'; value: string };

export interface Fix {
  sheet: string;
  cell: string;
  /** The field's label as the checker names it (null when unknown). */
  field: string | null;
  /** The cell's value as found (and as it must still be when the fix is applied). */
  before: CellValue;
  after: FixValue;
}

/** The fix's value as shown: 3, 2023-12-31, 13800138000. */
export function fixShown(v: FixValue): string {
  return v.kind === 'date' ? v.iso : String(v.value);
}

/** “3次” → 3 (the line of the fix list). */
export function fixText(fix: Fix): string {
  return `“${cellDisplay(fix.before) ?? ''}” → ${fixShown(fix.after)}`;
}

/** A value no date, phone, number or list field accepts, and that no label or header matches. */
const PROBE = '？';
const DATE_RULES = new Set(['field.date', 'risk.date']);
const FULL_WIDTH_DIGIT = /[\uff10-\uff19]/;

function isoToSerial(iso: string): number {
  return dateToSerial(new Date(`${iso}T00:00:00Z`));
}

/** Cells that may be a date or phone typed loosely: text that reads as a date, text with full-width digits. */
function candidateCells(
  grid: WorkbookGrid,
  sheets: readonly string[],
): { sheet: string; row: number; col: number }[] {
  const out: { sheet: string; row: number; col: number }[] = [];
  for (const s of grid.sheets) {
    if (!sheets.includes(s.name)) continue;
    s.rows.forEach((row, r) =>
      (row ?? []).forEach((v, c) => {
        const looseDate =
          (typeof v === 'string' && parseDate(v).status === 'ok') ||
          (typeof v === 'number' && Number.isInteger(v) && v >= 19000101 && v <= 99991231);
        if (looseDate || (typeof v === 'string' && FULL_WIDTH_DIGIT.test(v)))
          out.push({ sheet: s.name, row: r, col: c });
      }),
    );
  }
  return out;
}

/**
 * The fixes for a checked grid: every metric.coerced cell, and every date or phone cell the checker
 * reads from loosely typed text. In sheet and cell order of the check's issues, then of the grid.
 */
export function findFixes(
  grid: WorkbookGrid,
  def: Definition,
  check: CheckResult,
  opts: CheckOptions = {},
): Fix[] {
  const fixes: Fix[] = [];
  const cellOf = (sheet: string, cell: string): CellValue => {
    const s = grid.sheets.find((x) => x.name === sheet);
    const { row, col } = parseA1(cell);
    return s?.rows[row]?.[col] ?? null;
  };
  const units = [...new Set(def.metrics.map((m) => m.unit))];
  for (const issue of check.issues) {
    if (issue.rule !== 'metric.coerced' || !issue.sheet || !issue.cell) continue;
    const before = cellOf(issue.sheet, issue.cell);
    const p = parseInteger(before, units);
    if (p.status === 'ok' && p.coerced)
      fixes.push({
        sheet: issue.sheet,
        cell: issue.cell,
        field: issue.field,
        before,
        after: { kind: 'number', value: p.value },
      });
  }

  const loc = locateSheets(grid, def);
  const sheets = [loc.info, loc.risks, loc.narrative].filter((s): s is string => s !== null);
  const candidates = candidateCells(grid, sheets);
  if (candidates.length === 0) return fixes;
  const probed: WorkbookGrid = {
    sheets: grid.sheets.map((s) => {
      const mine = candidates.filter((c) => c.sheet === s.name);
      if (mine.length === 0) return s;
      const rows = s.rows.map((row) => (row ? [...row] : row));
      for (const c of mine) rows[c.row][c.col] = PROBE;
      return { ...s, rows };
    }),
  };
  const before = new Set(check.issues.map((i) => `${i.sheet}!${i.cell}!${i.rule}`));
  const seen = new Set(fixes.map((f) => `${f.sheet}!${f.cell}`));
  for (const issue of checkGrid(probed, def, opts).issues) {
    if (!issue.sheet || !issue.cell || before.has(`${issue.sheet}!${issue.cell}!${issue.rule}`)) continue;
    const where = `${issue.sheet}!${issue.cell}`;
    if (seen.has(where)) continue;
    const { row, col } = parseA1(issue.cell);
    if (!candidates.some((c) => c.sheet === issue.sheet && c.row === row && c.col === col)) continue;
    const value = cellOf(issue.sheet, a1(row, col));
    let after: FixValue | null = null;
    if (DATE_RULES.has(issue.rule)) {
      const d = parseDate(value);
      if (d.status === 'ok') after = { kind: 'date', iso: d.iso, serial: isoToSerial(d.iso) };
    } else if (issue.rule === 'field.phone' && typeof value === 'string') {
      const half = normalizeText(value);
      if (half !== value) after = { kind: 'text', value: half };
    }
    if (!after) continue;
    seen.add(where);
    fixes.push({ sheet: issue.sheet, cell: issue.cell, field: issue.field, before: value, after });
  }
  return fixes;
}
