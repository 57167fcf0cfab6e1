// Excel host calls (Office.js). Nothing here decides what to show: actions.ts does.
import type { SheetSnapshot } from './excel-grid';
import type { Mark, PlacedMark } from './marks';

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

// ------------------------------------------------------------------ edits as they happen (ExcelApi 1.9)

export interface SheetChange {
  worksheetId: string;
  address: string;
  /** The change was made by this add-in (ExcelApi 1.14 says so; earlier versions never do). */
  ownChange: boolean;
}

/** Calls `onChange` for every edit of any worksheet while the pane is open. */
export async function watchChanges(onChange: (change: SheetChange) => void): Promise<void> {
  await Excel.run(async (context) => {
    context.workbook.worksheets.onChanged.add(async (e) => {
      onChange({
        worksheetId: e.worksheetId,
        address: e.address,
        ownChange: e.triggerSource === 'ThisLocalAddin',
      });
    });
    await context.sync();
  });
}

/** Worksheet ids → names (one sync; no cell is read). */
export async function sheetNamesById(): Promise<Map<string, string>> {
  return Excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load('items/id,items/name');
    await context.sync();
    return new Map(sheets.items.map((ws) => [ws.id, ws.name]));
  });
}

// ------------------------------------------------------------------ sheet protection

/**
 * Lifts the protection of the given sheets that have it (the template protects its sheets without a
 * password; a sheet protected with a password makes the sync fail, and nothing is changed), queues
 * `edit`, and protects them again with the options they had. One sync to read the protection; the caller
 * syncs the edit.
 */
async function underLiftedProtection<T>(
  context: Excel.RequestContext,
  sheets: readonly Excel.Worksheet[],
  edit: () => T,
): Promise<T> {
  const protections = sheets.map((ws) => {
    ws.protection.load('protected,options');
    return ws.protection;
  });
  await context.sync();
  const lifted = protections.filter((p) => p.protected);
  const options = lifted.map((p) => p.toJSON().options);
  for (const p of lifted) p.unprotect();
  const out = edit();
  lifted.forEach((p, i) => p.protect(options[i]));
  return out;
}

/** Each named sheet once. */
function sheetsNamed(context: Excel.RequestContext, names: readonly string[]): Map<string, Excel.Worksheet> {
  return new Map([...new Set(names)].map((n) => [n, context.workbook.worksheets.getItem(n)]));
}

// ------------------------------------------------------------------ marks (conditional formats, ExcelApi 1.6)

/**
 * Adds one conditional format per mark (custom rule `formula`, the mark's fill), in one sync. Returns each
 * with the format's id and its worksheet's id (which survives a rename). The cells' own formatting is not
 * touched.
 */
export async function addMarks(
  marks: readonly Mark[],
  formula: string,
  fill: Record<Mark['severity'], string>,
): Promise<(PlacedMark & { sheetId: string })[]> {
  if (marks.length === 0) return [];
  return Excel.run(async (context) => {
    const sheets = sheetsNamed(
      context,
      marks.map((m) => m.sheet),
    );
    for (const ws of sheets.values()) ws.load('id');
    const made = await underLiftedProtection(context, [...sheets.values()], () =>
      marks.map((m) => {
        const cf = sheets.get(m.sheet)!.getRange(m.cell).conditionalFormats.add('Custom');
        cf.custom.rule.formula = formula;
        cf.custom.format.fill.color = fill[m.severity];
        cf.load('id');
        return cf;
      }),
    );
    await context.sync();
    return marks.map((m, i) => ({ ...m, id: made[i].id, sheetId: sheets.get(m.sheet)!.id }));
  });
}

/** Deletes conditional formats (lifting their sheets' protection for it), in one more sync. */
async function deleteFormats(
  context: Excel.RequestContext,
  formats: readonly { ws: Excel.Worksheet; cf: Excel.ConditionalFormat }[],
): Promise<void> {
  if (formats.length === 0) return;
  const sheets = [...new Set(formats.map((f) => f.ws))];
  await underLiftedProtection(context, sheets, () => formats.forEach((f) => f.cf.delete()));
  await context.sync();
}

/** Deletes the given conditional formats (by worksheet id and format id); those already gone are skipped. */
export async function removeMarks(marks: readonly { sheetId: string; id: string }[]): Promise<void> {
  if (marks.length === 0) return;
  const bySheet = new Map<string, Set<string>>();
  for (const m of marks) bySheet.set(m.sheetId, (bySheet.get(m.sheetId) ?? new Set()).add(m.id));
  await Excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load('items/id');
    await context.sync();
    const present = new Set(sheets.items.map((ws) => ws.id));
    const targets = [...bySheet.keys()]
      .filter((id) => present.has(id))
      .map((id) => {
        const ws = sheets.getItem(id);
        const c = ws.getRange().conditionalFormats;
        c.load('items/id');
        return { ws, c, ids: bySheet.get(id)! };
      });
    await context.sync();
    const doomed = targets.flatMap(({ ws, c, ids }) =>
      c.items.filter((cf) => ids.has(cf.id)).map((cf) => ({ ws, cf })),
    );
    await deleteFormats(context, doomed);
  });
}

/**
 * Deletes every conditional format, on any worksheet, whose custom rule is exactly `formula` (marks a
 * pane left behind). Reads formats only, no cell. Returns how many were deleted.
 */
export async function removeTaggedMarks(formula: string): Promise<number> {
  return Excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load('items/id');
    await context.sync();
    const collections = sheets.items.map((ws) => {
      const c = ws.getRange().conditionalFormats;
      c.load('items/id,items/type');
      return { ws, c };
    });
    await context.sync();
    const custom = collections.flatMap(({ ws, c }) =>
      c.items
        .filter((cf) => cf.type === 'Custom')
        .map((cf) => {
          cf.custom.rule.load('formula');
          return { ws, cf };
        }),
    );
    if (custom.length === 0) return 0;
    await context.sync();
    const tagged = custom.filter(({ cf }) => cf.custom.rule.formula === formula);
    await deleteFormats(context, tagged);
    return tagged.length;
  });
}

// ------------------------------------------------------------------ single cells (fixes and their undo)

export interface CellState {
  value: unknown;
  /** The formula ('=…'), or the value when the cell holds none. */
  formula: unknown;
  numberFormat: string;
}

/** Value, formula and number format of each cell (one sync). */
export async function readCells(cells: readonly { sheet: string; cell: string }[]): Promise<CellState[]> {
  return Excel.run(async (context) => {
    const ranges = cells.map((c) => {
      const r = context.workbook.worksheets.getItem(c.sheet).getRange(c.cell);
      r.load('values,formulas,numberFormat');
      return r;
    });
    await context.sync();
    return ranges.map((r) => ({
      value: r.values[0][0],
      formula: r.formulas[0][0],
      numberFormat: String(r.numberFormat[0][0]),
    }));
  });
}

export interface CellWrite {
  sheet: string;
  cell: string;
  value: string | number;
  /** The number format the cell ends with. */
  numberFormat: string;
}

/**
 * Writes each cell's value and number format (one sync). Text is written into a text-formatted cell (so
 * that Excel keeps "2023.12.31" or "3次" as typed, not as a number or date) and the cell's format set after.
 */
export async function writeCells(writes: readonly CellWrite[]): Promise<void> {
  if (writes.length === 0) return;
  await Excel.run(async (context) => {
    const sheets = sheetsNamed(
      context,
      writes.map((w) => w.sheet),
    );
    await underLiftedProtection(context, [...sheets.values()], () => {
      for (const w of writes) {
        const r = sheets.get(w.sheet)!.getRange(w.cell);
        if (typeof w.value === 'string') {
          r.numberFormat = [['@']];
          r.values = [[w.value]];
          r.numberFormat = [[w.numberFormat]];
        } else {
          r.numberFormat = [[w.numberFormat]];
          r.values = [[w.value]];
        }
      }
    });
    await context.sync();
  });
}
