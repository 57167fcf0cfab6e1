// Test fixtures for the add-in tests: what Office.js would return for a workbook file, and a strict
// fake Excel RequestContext for reading a whole workbook (office-addin-mock treats arrays as scalars,
// so it cannot model a collection load such as `worksheets.load('items/name')`).
import ExcelJS from 'exceljs';
import type { SheetSnapshot } from '../addin/src/taskpane/excel-grid';
import { a1 } from '../templates/src/xlsx/grid';

/** Excel serial day (1900 system) of a Date as exceljs reads date cells (UTC midnight). */
function dateToSerial(d: Date): number {
  return d.getTime() / 86400000 + 25569;
}

/**
 * Loads an .xlsx with exceljs and returns, per worksheet, what Office.js gives for
 * `getUsedRangeOrNullObject(true)` loaded with address, values, valueTypes and numberFormat: values
 * from the top-left used cell, '' for empty cells, dates as serial numbers, formula results, errors
 * as their text with valueType 'Error'.
 */
export async function officeSnapshotsFromXlsx(bytes: Uint8Array): Promise<SheetSnapshot[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer, { ignoreNodes: ['dataValidations'] } as never);
  const out: SheetSnapshot[] = [];
  wb.eachSheet((ws) => {
    const cells: { r: number; c: number; v: unknown; t: string; f: string }[] = [];
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        let v: unknown = cell.value;
        let t = 'String';
        if (v && typeof v === 'object' && 'formula' in (v as object)) v = (v as { result?: unknown }).result;
        if (v && typeof v === 'object' && 'sharedFormula' in (v as object))
          v = (v as { result?: unknown }).result;
        if (v && typeof v === 'object' && 'richText' in (v as object))
          v = (v as { richText: { text: string }[] }).richText.map((x) => x.text).join('');
        if (v && typeof v === 'object' && 'error' in (v as object)) {
          v = (v as { error: string }).error;
          t = 'Error';
        } else if (v && typeof v === 'object' && 'text' in (v as object)) v = (v as { text: string }).text;
        if (v instanceof Date) {
          v = dateToSerial(v);
          t = 'Double';
        } else if (typeof v === 'number') t = 'Double';
        else if (typeof v === 'boolean') t = 'Boolean';
        if (v === null || v === undefined || v === '') return;
        cells.push({ r: r - 1, c: c - 1, v, t, f: cell.numFmt || 'General' });
      });
    });
    const visibility =
      ws.state === 'veryHidden' ? 'VeryHidden' : ws.state === 'hidden' ? 'Hidden' : 'Visible';
    if (cells.length === 0) {
      out.push({ name: ws.name, visibility, address: null, values: [] });
      return;
    }
    const r0 = Math.min(...cells.map((x) => x.r));
    const r1 = Math.max(...cells.map((x) => x.r));
    const c0 = Math.min(...cells.map((x) => x.c));
    const c1 = Math.max(...cells.map((x) => x.c));
    const h = r1 - r0 + 1;
    const w = c1 - c0 + 1;
    const values = Array.from({ length: h }, () => new Array<unknown>(w).fill(''));
    const valueTypes = Array.from({ length: h }, () => new Array<string>(w).fill('Empty'));
    const numberFormat = Array.from({ length: h }, () => new Array<unknown>(w).fill('General'));
    for (const x of cells) {
      values[x.r - r0][x.c - c0] = x.v;
      valueTypes[x.r - r0][x.c - c0] = x.t;
      numberFormat[x.r - r0][x.c - c0] = x.f;
    }
    out.push({
      name: ws.name,
      visibility,
      address: `'${ws.name}'!${a1(r0, c0)}:${a1(r1, c1)}`,
      values,
      valueTypes,
      numberFormat,
    });
  });
  return out;
}

/** Records what the code under test did to the fake workbook. */
export interface FakeLog {
  syncs: number;
  collectionLoads: string[];
  rangeLoads: string[];
  usedRangeArgs: unknown[];
  activated: string[];
  selected: { sheet: string; address: string }[];
}

const NOT_LOADED = 'property read before load() + sync()';

/** A strict fake Excel RequestContext over snapshots: properties throw unless loaded and synced. */
export function fakeExcel(sheets: SheetSnapshot[]): {
  Excel: { run: <T>(cb: (ctx: any) => Promise<T>) => Promise<T> };
  log: FakeLog;
  sheets: SheetSnapshot[];
} {
  const log: FakeLog = {
    syncs: 0,
    collectionLoads: [],
    rangeLoads: [],
    usedRangeArgs: [],
    activated: [],
    selected: [],
  };
  const run = async <T>(cb: (ctx: any) => Promise<T>): Promise<T> => {
    const pending: (() => void)[] = [];
    const sheetObj = (s: SheetSnapshot, loadedRef: { ok: boolean }) => ({
      get name() {
        if (!loadedRef.ok) throw new Error(NOT_LOADED);
        return s.name;
      },
      get visibility() {
        if (!loadedRef.ok) throw new Error(NOT_LOADED);
        return s.visibility;
      },
      activate() {
        log.activated.push(s.name);
      },
      getRange(address: string) {
        return {
          select() {
            log.selected.push({ sheet: s.name, address });
          },
        };
      },
      getUsedRangeOrNullObject(valuesOnly?: boolean) {
        log.usedRangeArgs.push(valuesOnly);
        const loaded = new Set<string>();
        let synced = false;
        const need = (p: string) => {
          if (!synced || !loaded.has(p)) throw new Error(`${p}: ${NOT_LOADED}`);
        };
        return {
          load(props: string) {
            log.rangeLoads.push(props);
            pending.push(() => {
              for (const p of props.split(',')) loaded.add(p.trim());
              synced = true;
            });
          },
          get isNullObject() {
            if (!synced) throw new Error(NOT_LOADED);
            return s.address === null;
          },
          get address() {
            need('address');
            return s.address;
          },
          get values() {
            need('values');
            return s.values;
          },
          get valueTypes() {
            need('valueTypes');
            return s.valueTypes;
          },
          get numberFormat() {
            need('numberFormat');
            return s.numberFormat;
          },
        };
      },
    });
    const collectionLoaded = { ok: false };
    const worksheets = {
      load(props: string) {
        log.collectionLoads.push(props);
        pending.push(() => (collectionLoaded.ok = true));
      },
      get items() {
        if (!collectionLoaded.ok) throw new Error(NOT_LOADED);
        return sheets.map((s) => sheetObj(s, collectionLoaded));
      },
      getItem(name: string) {
        const s = sheets.find((x) => x.name === name);
        if (!s) throw new Error(`ItemNotFound: ${name}`);
        return sheetObj(s, { ok: true });
      },
    };
    const ctx = {
      workbook: {
        worksheets,
      },
      async sync() {
        log.syncs++;
        for (const f of pending.splice(0)) f();
      },
    };
    return cb(ctx);
  };
  return { Excel: { run }, log, sheets };
}

/** Visible text of a .docx's main document part. */
export async function docxText(bytes: Uint8Array): Promise<string> {
  const JSZip = (await import('jszip')).default;
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}
