// Office.js range data → WorkbookGrid, the input of the shared checker (templates/src/check/checker.ts),
// and how much of a workbook to read for it. Pure: no Office calls here (excel.ts loads the ranges), so it
// is tested with plain data.
import {
  HEADER_SCAN_ROWS,
  a1,
  makeIssue,
  parseA1,
  templateSize,
  type CellValue,
  type Definition,
  type Issue,
  type SheetGrid,
  type SheetLocations,
  type SheetSize,
  type WorkbookGrid,
} from '../../../templates/src/index';

/** What excel.ts loads for one worksheet: its used range (null when the sheet is empty). */
export interface SheetSnapshot {
  name: string;
  /** Excel.SheetVisibility: 'Visible' | 'Hidden' | 'VeryHidden'. */
  visibility: string;
  /** Address of the used range, e.g. "'基本信息'!B2:D17"; null for an empty sheet. */
  address: string | null;
  values: unknown[][];
  /** Excel.RangeValueType per cell ('Empty', 'String', 'Double', 'Boolean', 'Error', …). */
  valueTypes?: string[][];
  /** Number format per cell, to tell a date (serial number) from a plain number. */
  numberFormat?: unknown[][];
}

function rangeRef(address: string): string[] {
  const bang = address.lastIndexOf('!');
  return (bang >= 0 ? address.slice(bang + 1) : address).split(':');
}

/** Top-left cell of a range address such as "Sheet1!B2:D5", "'My sheet'!A1" or "C3" (0-based). */
export function rangeOrigin(address: string): { row: number; col: number } {
  return parseA1(rangeRef(address)[0]);
}

/** Bottom-right cell of a range address (0-based). */
export function rangeEnd(address: string): { row: number; col: number } {
  const ref = rangeRef(address);
  return parseA1(ref[ref.length - 1]);
}

/** True for number formats that show a date (yyyy-mm-dd, yyyy"年"m"月"d"日", m/d/yy …). */
export function isDateFormat(format: unknown): boolean {
  if (typeof format !== 'string' || format === '') return false;
  const cleaned = format
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\\./g, '');
  if (/general|@/i.test(cleaned) && !/[yd]/i.test(cleaned)) return false;
  if (/[yd]/i.test(cleaned)) return true;
  return /m/i.test(cleaned) && !/[hs]/i.test(cleaned);
}

/** Excel serial day number (1900 date system) → Date at UTC midnight, as exceljs reads date cells. */
export function serialToDate(serial: number): Date {
  return new Date(Math.round((serial - 25569) * 86400000));
}

const VISIBILITY: Record<string, SheetGrid['state']> = {
  Visible: 'visible',
  Hidden: 'hidden',
  VeryHidden: 'veryHidden',
};

/** Excel.SheetVisibility → the grid's sheet state. */
export function sheetState(visibility: string): SheetGrid['state'] {
  return VISIBILITY[visibility] ?? 'visible';
}

function cellOf(value: unknown, type: string | undefined, format: unknown): CellValue {
  if (type === 'Error') return { kind: 'error', error: String(value) };
  if (value === '' || value === null || value === undefined || type === 'Empty') return null;
  if (typeof value === 'number') return isDateFormat(format) ? serialToDate(value) : value;
  if (typeof value === 'boolean') return value;
  const text = String(value);
  // Without valueTypes, error values still arrive as their display text.
  if (
    type === undefined &&
    /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|SPILL!|CALC!|GETTING_DATA)$/.test(text)
  )
    return { kind: 'error', error: text };
  return text;
}

export function snapshotsToGrid(snapshots: readonly SheetSnapshot[]): WorkbookGrid {
  return {
    sheets: snapshots.map((s) => {
      const rows: CellValue[][] = [];
      if (s.address) {
        const origin = rangeOrigin(s.address);
        s.values.forEach((line, r) => {
          const row: CellValue[] = new Array(origin.col).fill(null);
          line.forEach((v, c) => row.push(cellOf(v, s.valueTypes?.[r]?.[c], s.numberFormat?.[r]?.[c])));
          rows[origin.row + r] = row;
        });
        for (let r = 0; r < rows.length; r++) if (!rows[r]) rows[r] = [];
      }
      return { name: s.name, state: sheetState(s.visibility), rows };
    }),
  };
}

// ------------------------------------------------------------------ how much to read

/** Which part of the standard a sheet holds (the keys of templateSize / SheetLocations). */
export type SheetRole = keyof SheetLocations;

/** Room for what users add to a sheet of the template: rows in a table, a column or two. */
export const EXTRA_ROWS = 100;
export const EXTRA_COLS = 10;

/**
 * How far the add-in reads each standard sheet, from A1: the template's size plus EXTRA_ROWS and
 * EXTRA_COLS. Far below Excel on the web's 5 MB response limit, whatever else the workbook holds.
 */
export function readLimits(def: Definition): Record<SheetRole, SheetSize> {
  const size = templateSize(def);
  const out = {} as Record<SheetRole, SheetSize>;
  for (const role of Object.keys(size) as SheetRole[])
    out[role] = { rows: size[role].rows + EXTRA_ROWS, cols: size[role].cols + EXTRA_COLS };
  return out;
}

/**
 * What is read of a sheet that may be a renamed standard sheet, to recognise it as the checker does
 * (labels and header rows within the first HEADER_SCAN_ROWS rows): that many rows, as wide as the widest
 * standard sheet may be.
 */
export function probeAddress(def: Definition): string {
  const cols = Math.max(...Object.values(readLimits(def)).map((l) => l.cols));
  return `A1:${a1(HEADER_SCAN_ROWS - 1, cols - 1)}`;
}

/** True when the locations name every standard sheet and the meta sheet (nothing left to recognise). */
export function allLocated(loc: SheetLocations): boolean {
  return !!(loc.info && loc.metrics && loc.risks && loc.narrative && loc.meta);
}

/** The located sheets, each once, with the role that sets its read limit. */
export function sheetsToRead(loc: SheetLocations): { name: string; role: SheetRole }[] {
  const out: { name: string; role: SheetRole }[] = [];
  for (const role of Object.keys(loc) as SheetRole[]) {
    const name = loc[role];
    if (name !== null && !out.some((x) => x.name === name)) out.push({ name, role });
  }
  return out;
}

/**
 * The range to read of a located sheet, from A1 to the end of its used range (null when it is empty), or
 * the issue saying it is too large to read: its used range goes beyond the limit of its role.
 */
export function plannedRead(
  name: string,
  usedAddress: string | null,
  limit: SheetSize,
  def: Definition,
): { address: string | null } | { issue: Issue } {
  if (usedAddress === null) return { address: null };
  const end = rangeEnd(usedAddress);
  if (end.row < limit.rows && end.col < limit.cols) return { address: `A1:${a1(end.row, end.col)}` };
  const cell = a1(end.row, end.col);
  return {
    issue: makeIssue(
      def,
      'error',
      'sheet.tooLarge',
      { value: name, cell, limit: a1(limit.rows - 1, limit.cols - 1) },
      { sheet: name, cell, field: null },
    ),
  };
}
