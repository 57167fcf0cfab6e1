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

/**
 * Loads every worksheet's used range (values, value types, number formats and address). Two syncs in
 * all: one for the sheet list, one for all ranges together.
 */
export async function loadUsedRanges(): Promise<SheetSnapshot[]> {
  return Excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name,items/visibility');
    await context.sync();
    const ranges = sheets.items.map((ws) => {
      const range = ws.getUsedRangeOrNullObject(true);
      range.load('address,values,valueTypes,numberFormat');
      return range;
    });
    await context.sync();
    return sheets.items.map((ws, i) => {
      const r = ranges[i];
      if (r.isNullObject) return { name: ws.name, visibility: ws.visibility, address: null, values: [] };
      return {
        name: ws.name,
        visibility: ws.visibility,
        address: r.address,
        values: r.values,
        valueTypes: r.valueTypes as string[][],
        numberFormat: r.numberFormat,
      };
    });
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
