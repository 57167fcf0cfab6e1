// Test fixtures for the add-in tests: what Office.js would return for a workbook file, and strict fake
// Excel and Word RequestContexts (office-addin-mock treats arrays as scalars, so it cannot model a
// collection load such as `worksheets.load('items/name')`, nor a response too large for Excel on the web).
import ExcelJS from 'exceljs';
import { sampleSubmission } from '../templates/src/samples/submission';
import type { FillInput } from '../templates/src/template/fill';
import { rangeEnd, rangeOrigin, type SheetSnapshot } from '../addin/src/taskpane/excel-grid';
import { a1 } from '../templates/src/xlsx/grid';
import { definition } from '../templates/src/index';
import { NS, descendants, parseXml, textContent } from '../templates/src/ooxml/xml';

/**
 * What a user typically gets wrong: a garbled phone, '3次', a negative count, a risk level not in the list;
 * `over` changes or adds fields (another phone, a date typed as text …).
 */
export function flawedInput(over: Partial<FillInput> = {}): FillInput {
  const sub = sampleSubmission(definition);
  return {
    ...sub,
    phone: '6512',
    metrics: sub.metrics.map((m) =>
      m.id === 'theory.centralGroup'
        ? { ...m, current: '3次' }
        : m.id === 'org.reportsUp'
          ? { ...m, current: -1 }
          : m,
    ),
    risks: sub.risks.map((r, i) => (i === 1 ? { ...r, level: '很高' } : r)),
    ...over,
  } as FillInput;
}

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

/** A sheet of the user's own with `rows` rows of three columns (a ledger, an export …). */
export function bigSheet(name: string, rows: number): SheetSnapshot {
  return {
    name,
    visibility: 'Visible',
    address: `'${name}'!A1:C${rows}`,
    values: Array.from({ length: rows }, (_, i) => [`第${i + 1}条记录`, i, '已办结的一般事项说明文字']),
    valueTypes: Array.from({ length: rows }, () => ['String', 'Double', 'String']),
    numberFormat: Array.from({ length: rows }, () => ['General', 'General', 'General']),
  };
}

/** Excel on the web refuses a response larger than this (the fakes do the same). */
export const RESPONSE_LIMIT = 5 * 1024 * 1024;

type Cell = { v: unknown; t: string; f: unknown };

/** The cells of a snapshot by absolute 0-based "row,col". */
function cellsOf(s: SheetSnapshot): Map<string, Cell> {
  const out = new Map<string, Cell>();
  if (!s.address) return out;
  const o = rangeOrigin(s.address);
  s.values.forEach((row, r) =>
    row.forEach((v, c) => {
      const t = s.valueTypes?.[r]?.[c] ?? (v === '' ? 'Empty' : 'String');
      if (t !== 'Empty')
        out.set(`${o.row + r},${o.col + c}`, { v, t, f: s.numberFormat?.[r]?.[c] ?? 'General' });
    }),
  );
  return out;
}

/** What Office.js returns for `getRange(address)` of a snapshot's sheet, loaded with values and formats. */
export function rangeOfSnapshot(
  s: SheetSnapshot,
  address: string,
): { address: string; values: unknown[][]; valueTypes: string[][]; numberFormat: unknown[][] } {
  const o = rangeOrigin(address);
  const e = rangeEnd(address);
  const cells = cellsOf(s);
  const rows = Array.from({ length: e.row - o.row + 1 }, (_, r) =>
    Array.from({ length: e.col - o.col + 1 }, (_, c) => cells.get(`${o.row + r},${o.col + c}`)),
  );
  return {
    address: `'${s.name}'!${a1(o.row, o.col)}:${a1(e.row, e.col)}`,
    values: rows.map((row) => row.map((x) => (x ? x.v : ''))),
    valueTypes: rows.map((row) => row.map((x) => (x ? x.t : 'Empty'))),
    numberFormat: rows.map((row) => row.map((x) => (x ? x.f : 'General'))),
  };
}

/** Records what the code under test did to the fake workbook. */
export interface FakeLog {
  syncs: number;
  collectionLoads: string[];
  /** Every range whose cells were loaded: its sheet, address and number of cells. */
  reads: { sheet: string; address: string; cells: number }[];
  /** Every used range requested: its sheet, the valuesOnly argument and what was loaded. */
  usedRanges: { sheet: string; valuesOnly: unknown; props: string }[];
  /** Size in bytes (JSON) of the largest response a sync returned. */
  largestResponse: number;
  activated: string[];
  selected: { sheet: string; address: string }[];
}

const NOT_LOADED = 'property read before load() + sync()';

/**
 * A strict fake Excel RequestContext over snapshots: properties throw unless loaded and synced, and a
 * sync whose response would exceed RESPONSE_LIMIT fails as Excel on the web does.
 */
export function fakeExcel(sheets: SheetSnapshot[]): {
  Excel: { run: <T>(cb: (ctx: any) => Promise<T>) => Promise<T> };
  log: FakeLog;
  sheets: SheetSnapshot[];
} {
  const log: FakeLog = {
    syncs: 0,
    collectionLoads: [],
    reads: [],
    usedRanges: [],
    largestResponse: 0,
    activated: [],
    selected: [],
  };
  const run = async <T>(cb: (ctx: any) => Promise<T>): Promise<T> => {
    /** What the next sync answers: each pending load returns its response (JSON-sized) and applies it. */
    const pending: (() => unknown)[] = [];
    /** A range object whose properties come from `data` once loaded and synced. */
    const rangeObject = (data: () => Record<string, unknown> | null, onLoad: (props: string) => void) => {
      const loaded = new Set<string>();
      let synced = false;
      let got: Record<string, unknown> | null = null;
      const need = (p: string) => {
        if (!synced || !loaded.has(p)) throw new Error(`${p}: ${NOT_LOADED}`);
        return got![p];
      };
      return {
        load(props: string) {
          onLoad(props);
          pending.push(() => {
            got = data();
            for (const p of props.split(',')) loaded.add(p.trim());
            synced = true;
            if (!got) return null;
            return Object.fromEntries(props.split(',').map((p) => [p.trim(), got![p.trim()]]));
          });
        },
        get isNullObject() {
          if (!synced) throw new Error(NOT_LOADED);
          return got === null;
        },
        get address() {
          return need('address');
        },
        get values() {
          return need('values');
        },
        get valueTypes() {
          return need('valueTypes');
        },
        get numberFormat() {
          return need('numberFormat');
        },
      };
    };
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
        const range = rangeObject(
          () => rangeOfSnapshot(s, address),
          (props) => {
            const o = rangeOrigin(address);
            const e = rangeEnd(address);
            if (/values|valueTypes|numberFormat/.test(props))
              log.reads.push({ sheet: s.name, address, cells: (e.row - o.row + 1) * (e.col - o.col + 1) });
          },
        );
        return Object.defineProperty(range, 'select', {
          value: () => log.selected.push({ sheet: s.name, address }),
        });
      },
      getUsedRangeOrNullObject(valuesOnly?: boolean) {
        return rangeObject(
          () => (s.address === null ? null : { ...s, address: s.address }),
          (props) => {
            log.usedRanges.push({ sheet: s.name, valuesOnly, props });
            if (/values|valueTypes|numberFormat/.test(props) && s.address) {
              const o = rangeOrigin(s.address);
              const e = rangeEnd(s.address);
              log.reads.push({
                sheet: s.name,
                address: s.address,
                cells: (e.row - o.row + 1) * (e.col - o.col + 1),
              });
            }
          },
        );
      },
    });
    const collectionLoaded = { ok: false };
    const worksheets = {
      load(props: string) {
        log.collectionLoads.push(props);
        pending.push(() => {
          collectionLoaded.ok = true;
          return sheets.map((x) => ({ name: x.name, visibility: x.visibility }));
        });
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
        const response = pending.splice(0).map((f) => f());
        const size = new TextEncoder().encode(JSON.stringify(response)).length;
        log.largestResponse = Math.max(log.largestResponse, size);
        if (size > RESPONSE_LIMIT)
          throw new Error(`RichApi.Error: The response payload size (${size}) has exceeded the limit.`);
      },
    };
    return cb(ctx);
  };
  return { Excel: { run }, log, sheets };
}

/** Records what the code under test did to the fake Word document. */
export interface FakeWordLog {
  syncs: number;
  /** Paragraph texts read (only the first paragraph's should ever be). */
  textReads: number;
  inserts: {
    target: 'document' | 'body' | 'selection';
    base64: string;
    location: string;
    options?: unknown;
  }[];
  created: string[];
  opened: number;
}

/**
 * A strict fake Word RequestContext over a document of paragraphs (and inline pictures): a paragraph's
 * text and isNullObject throw unless loaded and synced.
 */
export function fakeWord(doc: { paragraphs: string[]; pictures?: number }): {
  Word: { run: <T>(cb: (ctx: any) => Promise<T>) => Promise<T> };
  log: FakeWordLog;
} {
  const log: FakeWordLog = { syncs: 0, textReads: 0, inserts: [], created: [], opened: 0 };
  const run = async <T>(cb: (ctx: any) => Promise<T>): Promise<T> => {
    const pending: (() => void)[] = [];
    const afterSync = <V>(compute: () => V) => {
      let ready = false;
      let value: V;
      pending.push(() => {
        value = compute();
        ready = true;
      });
      return () => {
        if (!ready) throw new Error(NOT_LOADED);
        return value;
      };
    };
    const nullObject = (isNull: () => boolean) => {
      const get = afterSync(isNull);
      return {
        get isNullObject() {
          return get();
        },
      };
    };
    const paragraph = (i: number) => {
      let text: (() => string) | null = null;
      return {
        load(props: string) {
          if (props.split(',').includes('text')) {
            log.textReads++;
            text = afterSync(() => doc.paragraphs[i]);
          }
        },
        get text() {
          if (!text) throw new Error(`text: ${NOT_LOADED}`);
          return text();
        },
        getNextOrNullObject() {
          return nullObject(() => i + 1 >= doc.paragraphs.length);
        },
      };
    };
    const ctx = {
      document: {
        body: {
          paragraphs: { getFirst: () => paragraph(0) },
          inlinePictures: { getFirstOrNullObject: () => nullObject(() => !(doc.pictures ?? 0)) },
          insertFileFromBase64: (base64: string, location: string) =>
            log.inserts.push({ target: 'body', base64, location }),
        },
        insertFileFromBase64: (base64: string, location: string, options: unknown) =>
          log.inserts.push({ target: 'document', base64, location, options }),
        getSelection: () => ({
          insertFileFromBase64: (base64: string, location: string) =>
            log.inserts.push({ target: 'selection', base64, location }),
        }),
      },
      application: {
        createDocument: (base64: string) => {
          log.created.push(base64);
          return { open: () => log.opened++ };
        },
      },
      async sync() {
        log.syncs++;
        for (const f of pending.splice(0)) f();
      },
    };
    return cb(ctx);
  };
  return { Word: { run }, log };
}

/** Visible text of a .docx's main document part, read through the XML layer: a line per paragraph. */
export async function docxText(bytes: Uint8Array): Promise<string> {
  const JSZip = (await import('jszip')).default;
  const zip = await JSZip.loadAsync(bytes);
  const doc = parseXml(await zip.file('word/document.xml')!.async('string'));
  return descendants(doc.root, NS.w, 'p')
    .map((p) => `${textContent(p)}\n`)
    .join('');
}
