// Excel host calls (Office.js). Nothing here decides what to show: actions.ts does.
import type { SheetSnapshot } from './excel-grid';

export function excelApiSupported(version: string): boolean {
  return Office.context.requirements.isSetSupported('ExcelApi', version);
}

/** Which of `names` exist as worksheets (one sync, no collection load). */
export async function existingSheets(names: readonly string[]): Promise<string[]> {
  return Excel.run(async (context) => {
    const sheets = names.map((n) => context.workbook.worksheets.getItemOrNullObject(n));
    await context.sync();
    return names.filter((_, i) => !sheets[i].isNullObject);
  });
}

/**
 * Inserts every worksheet of an .xlsx (base64) at the end of the workbook (ExcelApi 1.13) and activates
 * `activate` when given. Returns the ids of the inserted sheets.
 */
export async function insertWorksheets(base64: string, activate?: string): Promise<string[]> {
  return Excel.run(async (context) => {
    const ids = context.workbook.insertWorksheetsFromBase64(base64, { positionType: 'End' });
    await context.sync();
    if (activate) {
      context.workbook.worksheets.getItem(activate).activate();
      await context.sync();
    }
    return ids.value;
  });
}

export interface SheetInfo {
  name: string;
  /** Excel.SheetVisibility. */
  visibility: string;
}

/** Names and visibility of the worksheets, in workbook order (one sync; no cell is read). */
export async function listSheets(): Promise<SheetInfo[]> {
  return Excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name,items/visibility');
    await context.sync();
    return sheets.items.map((ws) => ({ name: ws.name, visibility: ws.visibility }));
  });
}

/**
 * The address of each named sheet's used range (cells with values only; null for an empty sheet). One
 * sync; addresses only, no values, so it is small whatever the sheets hold.
 */
export async function usedRangeAddresses(names: readonly string[]): Promise<(string | null)[]> {
  return Excel.run(async (context) => {
    const ranges = names.map((n) => {
      const r = context.workbook.worksheets.getItem(n).getUsedRangeOrNullObject(true);
      r.load('address');
      return r;
    });
    await context.sync();
    return ranges.map((r) => (r.isNullObject ? null : r.address));
  });
}

/**
 * Values, value types and number formats of the given ranges, in one sync. The caller keeps each request
 * bounded (excel-grid.ts readLimits / probeAddress): Excel on the web refuses responses over 5 MB.
 */
export async function loadRanges(
  requests: readonly (SheetInfo & { address: string })[],
): Promise<SheetSnapshot[]> {
  return Excel.run(async (context) => {
    const ranges = requests.map((q) => {
      const r = context.workbook.worksheets.getItem(q.name).getRange(q.address);
      r.load('address,values,valueTypes,numberFormat');
      return r;
    });
    await context.sync();
    return requests.map((q, i) => ({
      name: q.name,
      visibility: q.visibility,
      address: ranges[i].address,
      values: ranges[i].values,
      valueTypes: ranges[i].valueTypes as string[][],
      numberFormat: ranges[i].numberFormat,
    }));
  });
}

/** Activates the sheet and selects the cell (A1 address). */
export async function selectCell(sheet: string, cell: string): Promise<void> {
  await Excel.run(async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    ws.activate();
    ws.getRange(cell).select();
    await context.sync();
  });
}
