// A workbook as plain cell values: what the reader and checker consume. Adapters build it from an
// exceljs workbook (Node and browser) or from Office.js ranges (the Excel task pane).

/** A formula cell whose file carries no cached result. */
export interface FormulaNoResult {
  kind: 'formulaNoResult';
  formula: string;
}
/** A cell holding an error value such as #DIV/0! or #REF!. */
export interface CellError {
  kind: 'error';
  error: string;
}

/**
 * One cell. Strings are already flattened (rich text joined); formulas are replaced by their cached
 * result; dates may arrive as Date (exceljs, date-formatted cells) or as serial numbers (Office.js).
 */
export type CellValue = string | number | boolean | Date | null | FormulaNoResult | CellError;

export interface SheetGrid {
  name: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  /** rows[r][c], 0-based; row r is sheet row r+1, column c is column c+1. Ragged rows are fine. */
  rows: CellValue[][];
}

export interface WorkbookGrid {
  sheets: SheetGrid[];
}

/** 0-based column index → letters (0 → A, 26 → AA). */
export function columnLetters(col: number): string {
  let s = '';
  let n = col + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** 0-based row and column → A1 address. */
export function a1(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

/** A1 address → 0-based { row, col }. */
export function parseA1(address: string): { row: number; col: number } {
  const m = /^\$?([A-Za-z]+)\$?(\d+)$/.exec(address.trim());
  if (!m) throw new Error(`bad A1 address: ${address}`);
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

export function cellAt(sheet: SheetGrid, row: number, col: number): CellValue {
  return sheet.rows[row]?.[col] ?? null;
}
