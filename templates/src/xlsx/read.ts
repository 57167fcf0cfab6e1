// Workbook bytes → WorkbookGrid: the fast pure-TS reader (xlsx-fast.ts), exceljs as the fallback. Works in Node and in the browser bundle (Uint8Array only, no
// fs / Buffer-only APIs). Before exceljs sees the file we sniff what it is (empty, CFB = encrypted OOXML or
// legacy .xls, not a zip), check the zip's declared sizes (zip bombs) and inflate every part with a cap.
// For the exceljs fallback we drop parts exceljs would expand cell by cell (defined names over whole
// columns; data validations are ignored at load).
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { definition as defaultDefinition } from '../standard/ideology';
import type { Definition } from '../standard/types';
import type { CellValue, SheetGrid, WorkbookGrid } from './grid';
import type { Issue } from '../standard/schema';
import { partsToGrid, type XlsxParts } from './fast';

export interface GridOptions {
  /** Largest uncompressed size of one zip entry (bytes). Default 50 MB. */
  maxPartBytes?: number;
  /** Largest total uncompressed size (bytes). Default 200 MB. */
  maxTotalBytes?: number;
  /** Definition whose messages are used for file-level issues. */
  def?: Definition;
  /**
   * Which reader turns the parts into a grid: 'auto' (default: fast reader, exceljs when it declines),
   * 'exceljs' (the fallback only), 'fast' (no fallback: its error is thrown — for tests and benchmarks).
   */
  engine?: 'auto' | 'fast' | 'exceljs';
  /**
   * A native raw-deflate inflater (Node: zlib.inflateRawSync with maxOutputLength), used instead of JSZip's
   * JavaScript one; returns 'tooLarge' when the output would pass maxBytes. The core stays platform-free:
   * Node callers inject it.
   */
  inflateRaw?: (data: Uint8Array, maxBytes: number) => Uint8Array | 'tooLarge';
}

export type FileKind = 'empty' | 'encrypted' | 'legacyXls' | 'cfbOther' | 'zip' | 'other';

const MB = 1024 * 1024;

function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/** A whole-file issue (no sheet, no cell) with the definition's message. */
export function fileIssue(
  rule: string,
  def: Definition = defaultDefinition,
  vars: Record<string, string | number> = {},
): Issue {
  return {
    severity: 'error',
    rule,
    sheet: null,
    cell: null,
    field: null,
    value: vars.value !== undefined ? String(vars.value) : null,
    message: fill(def.messages[rule] ?? rule, vars),
  };
}

function utf16(s: string): Uint8Array {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    out[i * 2] = s.charCodeAt(i) & 0xff;
    out[i * 2 + 1] = s.charCodeAt(i) >> 8;
  }
  return out;
}

function indexOfBytes(hay: Uint8Array, needle: Uint8Array, limit = hay.length): number {
  const end = Math.min(limit, hay.length) - needle.length;
  outer: for (let i = 0; i <= end; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** What the bytes probably are, from their signature (and, for CFB containers, their stream names). */
export function sniffWorkbook(bytes: Uint8Array): FileKind {
  if (bytes.length === 0) return 'empty';
  if (bytes.length >= 8 && CFB_MAGIC.every((b, i) => bytes[i] === b)) {
    if (
      indexOfBytes(bytes, utf16('EncryptionInfo')) >= 0 ||
      indexOfBytes(bytes, utf16('EncryptedPackage')) >= 0
    )
      return 'encrypted';
    if (indexOfBytes(bytes, utf16('Workbook')) >= 0 || indexOfBytes(bytes, utf16('Book')) >= 0)
      return 'legacyXls';
    return 'cfbOther';
  }
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)
    return 'zip';
  return 'other';
}

function formatBytes(n: number): string {
  return n >= MB ? `${Math.round(n / MB)} MB` : `${Math.round(n / 1024)} KB`;
}

/** Parts exceljs does not need to read values and that can be huge or slow. */
const IGNORE_NODES = ['dataValidations', 'conditionalFormatting', 'extLst', 'drawing', 'picture'];

/**
 * Reads workbook bytes into a grid. Never throws: anything unreadable becomes a single file-level Issue.
 */
export async function workbookBytesToGrid(
  bytes: Uint8Array,
  opts: GridOptions = {},
): Promise<{ grid: WorkbookGrid } | { issue: Issue }> {
  const def = opts.def ?? defaultDefinition;
  const maxPart = opts.maxPartBytes ?? 50 * MB;
  const maxTotal = opts.maxTotalBytes ?? 200 * MB;
  const kind = sniffWorkbook(bytes);
  switch (kind) {
    case 'empty':
      return { issue: fileIssue('file.empty', def) };
    case 'encrypted':
      return { issue: fileIssue('file.encrypted', def) };
    case 'legacyXls':
      return { issue: fileIssue('file.legacyXls', def) };
    case 'cfbOther':
    case 'other':
      return { issue: fileIssue('file.notWorkbook', def) };
    case 'zip':
      break;
  }

  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes, { checkCRC32: false });
  } catch {
    return { issue: fileIssue('file.corrupt', def) };
  }

  // Declared sizes from the central directory, before anything is inflated.
  let total = 0;
  for (const entry of Object.values(zip.files)) {
    const size = (entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize;
    if (typeof size !== 'number' || size < 0) continue;
    if (size > maxPart) return { issue: fileIssue('file.tooLarge', def, { max: formatBytes(maxPart) }) };
    total += size;
    if (total > maxTotal) return { issue: fileIssue('file.tooLarge', def, { max: formatBytes(maxTotal) }) };
  }

  const wbEntry = zip.file('xl/workbook.xml');
  if (!wbEntry) return { issue: fileIssue('file.notWorkbook', def) };

  // Inflate every part ourselves with a cap, so that a zip whose directory lies about its sizes cannot
  // exhaust memory.
  const parts: XlsxParts = new Map();
  try {
    let budget = maxTotal;
    for (const [name, entry] of Object.entries(zip.files)) {
      if (entry.dir) continue;
      const cap = Math.min(maxPart, budget);
      const data = inflateNow(entry, cap, opts.inflateRaw) ?? (await inflateCapped(entry, cap));
      if (data === 'tooLarge') {
        const max = budget < maxPart ? maxTotal : maxPart;
        return { issue: fileIssue('file.tooLarge', def, { max: formatBytes(max) }) };
      }
      budget -= data.length;
      parts.set(name, data);
    }
  } catch {
    return { issue: fileIssue('file.corrupt', def) };
  }

  // The fast reader (xlsx-fast.ts) handles ordinary workbooks; anything it does not mirror exactly makes
  // it throw, and exceljs reads the file as before.
  const engine = opts.engine ?? 'auto';
  if (engine === 'fast') return { grid: partsToGrid(parts) };
  if (engine === 'auto') {
    try {
      return { grid: partsToGrid(parts) };
    } catch {
      // fall through to exceljs
    }
  }
  return readWithExcelJs(zip, parts, def);
}

/** The exceljs path (the fallback): exceljs gets the inflated parts stored uncompressed. */
async function readWithExcelJs(
  zip: JSZip,
  parts: XlsxParts,
  def: Definition,
): Promise<{ grid: WorkbookGrid } | { issue: Issue }> {
  let loadBytes: Uint8Array;
  try {
    const dec = new TextDecoder();
    for (const [name, data] of parts) {
      if (name === 'xl/workbook.xml') {
        // Defined names (print titles, user names over whole columns) are not needed to read values,
        // and exceljs expands each range cell by cell: drop them all.
        zip.file(name, stripDefinedNames(dec.decode(data)));
      } else if (/^xl\/worksheets\/[^/]+\.xml$/i.test(name)) {
        // Empty styled cells (a template prepares hundreds of formatted rows) cost exceljs a cell
        // object each: drop cells without a value, and rows left without cells.
        zip.file(name, stripEmptyCells(dec.decode(data)));
      } else {
        zip.file(name, data);
      }
    }
    loadBytes = await zip.generateAsync({ type: 'uint8array', compression: 'STORE' });
  } catch {
    return { issue: fileIssue('file.corrupt', def) };
  }

  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(loadBytes as unknown as ArrayBuffer as never, { ignoreNodes: IGNORE_NODES });
  } catch {
    return { issue: fileIssue('file.corrupt', def) };
  }

  try {
    return { grid: { sheets: wb.worksheets.map(sheetToGrid) } };
  } catch {
    return { issue: fileIssue('file.corrupt', def) };
  }
}

interface InternalStream {
  on(event: 'data', cb: (chunk: Uint8Array) => void): InternalStream;
  on(event: 'error', cb: (e: unknown) => void): InternalStream;
  on(event: 'end', cb: () => void): InternalStream;
  pause(): InternalStream;
  resume(): InternalStream;
}

interface JsZipWorker {
  on(event: 'data', cb: (chunk: { data: Uint8Array | number[] }) => void): JsZipWorker;
  processChunk(chunk: { data: Uint8Array; meta: object }): void;
  flush(): void;
}
interface JsZipCompressedData {
  compressedContent?: Uint8Array;
  uncompressedSize?: number;
  compression?: { magic?: string; uncompressWorker?: () => JsZipWorker };
}
const TOO_LARGE = Symbol('tooLarge');

/**
 * Inflates one zip entry synchronously with JSZip's own inflater, giving up as soon as it grows past `cap`
 * bytes; null when the entry is not a plain loaded one (then inflateCapped does it). Like JSZip's stream,
 * it throws when the inflated size differs from the declared one (a damaged or lying entry).
 */
function inflateNow(
  entry: JSZip.JSZipObject,
  cap: number,
  inflateRaw?: GridOptions['inflateRaw'],
): Uint8Array | 'tooLarge' | null {
  const d = (entry as unknown as { _data?: JsZipCompressedData })._data;
  const content = d?.compressedContent;
  if (!d || !(content instanceof Uint8Array) || typeof d.compression?.uncompressWorker !== 'function')
    return null;
  if (inflateRaw && d.compression.magic === '\x08\x00') {
    const out = inflateRaw(content, cap);
    if (out === 'tooLarge' || out.length > cap) return 'tooLarge';
    if (out.length !== d.uncompressedSize) throw new Error('uncompressed data size mismatch');
    return out;
  }
  const worker = d.compression.uncompressWorker();
  const chunks: Uint8Array[] = [];
  let total = 0;
  worker.on('data', (chunk) => {
    const data = chunk.data instanceof Uint8Array ? chunk.data : Uint8Array.from(chunk.data);
    total += data.length;
    if (total > cap) throw TOO_LARGE;
    chunks.push(data);
  });
  try {
    worker.processChunk({ data: content, meta: {} });
    worker.flush();
  } catch (e) {
    if (e === TOO_LARGE) return 'tooLarge';
    throw e;
  }
  if (total !== d.uncompressedSize) throw new Error('uncompressed data size mismatch');
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.length;
  }
  return out;
}

/** Inflates one zip entry, giving up as soon as it grows past `cap` bytes. */
function inflateCapped(entry: JSZip.JSZipObject, cap: number): Promise<Uint8Array | 'tooLarge'> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let total = 0;
    let settled = false;
    const stream = (
      entry as unknown as { internalStream(type: 'uint8array'): InternalStream }
    ).internalStream('uint8array');
    stream
      .on('data', (chunk) => {
        if (settled) return;
        total += chunk.length;
        if (total > cap) {
          settled = true;
          stream.pause();
          resolve('tooLarge');
          return;
        }
        chunks.push(chunk);
      })
      .on('error', (e) => {
        if (settled) return;
        settled = true;
        reject(e);
      })
      .on('end', () => {
        if (settled) return;
        settled = true;
        const out = new Uint8Array(total);
        let off = 0;
        for (const c of chunks) {
          out.set(c, off);
          off += c.length;
        }
        resolve(out);
      })
      .resume();
  });
}

/** Removes the workbook's <definedNames> block. */
export function stripDefinedNames(xml: string): string {
  return xml.replace(/<((?:\w+:)?)definedNames\b[^>]*?(?:\/>|>[\s\S]*?<\/\1definedNames>)/g, '');
}

/** Removes value-less cells (<c r="A5" s="3"/>) and then rows without cells from worksheet XML. */
export function stripEmptyCells(xml: string): string {
  return xml
    .replace(/<c\s[^>]*?\/>/g, '')
    .replace(/<c\s[^>]*?>\s*<\/c>/g, '')
    .replace(/<row\s[^>]*?\/>/g, '')
    .replace(/<row\s[^>]*?>\s*<\/row>/g, '');
}

function sheetToGrid(ws: ExcelJS.Worksheet): SheetGrid {
  const rows: CellValue[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: CellValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      // Merged ranges: only the master cell keeps the value.
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
