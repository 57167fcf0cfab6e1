// Office.js range data → WorkbookGrid, the input of the shared checker (templates/src/checker.ts).
// Pure: no Office calls here (excel.ts loads the ranges), so it is tested with plain data.
import { parseA1, type CellValue, type SheetGrid, type WorkbookGrid } from '../../../templates/src/index';

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

/** Top-left cell of a range address such as "Sheet1!B2:D5", "'My sheet'!A1" or "C3". */
export function rangeOrigin(address: string): { row: number; col: number } {
  const bang = address.lastIndexOf('!');
  const ref = bang >= 0 ? address.slice(bang + 1) : address;
  return parseA1(ref.split(':')[0]);
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
      return { name: s.name, state: VISIBILITY[s.visibility] ?? 'visible', rows };
    }),
  };
}
