// exceljs as a test oracle: reads a workbook the way the project's old fallback did (exceljs cell values
// flattened to CellValue), to compare the one reader (templates/src/xlsx/reader.ts) against another
// implementation. Not used by the product.
import ExcelJS from 'exceljs';
import type { CellValue, SheetGrid, WorkbookGrid } from '../../templates/src/xlsx/grid';

function richText(parts: unknown): string {
  if (!Array.isArray(parts)) return '';
  return parts.map((p) => (p && typeof p === 'object' && 'text' in p ? String(p.text ?? '') : '')).join('');
}

/** exceljs cell value → CellValue. */
export function flattenValue(v: ExcelJS.CellValue | undefined): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if (typeof v !== 'object') return null;
  const o = v as unknown as Record<string, unknown>;
  if ('richText' in o) {
    const t = richText(o.richText);
    return t === '' ? null : t;
  }
  if ('error' in o && typeof o.error === 'string') return { kind: 'error', error: o.error };
  if ('formula' in o || 'sharedFormula' in o) {
    const formula = String(o.formula ?? o.sharedFormula ?? '');
    const r = o.result;
    if (r === undefined) return { kind: 'formulaNoResult', formula };
    if (r === null || r === '') return null;
    if (typeof r === 'object' && !(r instanceof Date)) {
      const ro = r as Record<string, unknown>;
      if (typeof ro.error === 'string') return { kind: 'error', error: ro.error };
      if ('richText' in ro) return richText(ro.richText) || null;
      return null;
    }
    return r as CellValue;
  }
  if ('text' in o || 'hyperlink' in o) {
    const t = o.text;
    if (typeof t === 'string') return t === '' ? null : t;
    if (t && typeof t === 'object' && 'richText' in t)
      return richText((t as { richText: unknown }).richText) || null;
    return null;
  }
  return null;
}

function sheetToGrid(ws: ExcelJS.Worksheet): SheetGrid {
  const rows: CellValue[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: CellValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      if (cell.isMerged && cell.master !== cell) return;
      const v = flattenValue(cell.value);
      if (v !== null) cells[colNumber - 1] = v;
    });
    if (cells.length > 0) {
      for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
      rows[rowNumber - 1] = cells;
    }
  });
  for (let i = 0; i < rows.length; i++) if (rows[i] === undefined) rows[i] = [];
  const state = ws.state === 'hidden' || ws.state === 'veryHidden' ? ws.state : 'visible';
  return { name: ws.name, state, rows };
}

/** The grid exceljs reads (data validations and other slow parts ignored). */
export async function exceljsGrid(bytes: Uint8Array): Promise<WorkbookGrid> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer as never, {
    ignoreNodes: ['dataValidations', 'conditionalFormatting', 'extLst', 'drawing', 'picture'],
  });
  return { sheets: wb.worksheets.map(sheetToGrid) };
}
