// The workbook reader: the parts of an .xlsx package (through the zip layer) → WorkbookGrid, with the XML
// layer (saxes). It reads what Excel shows: the package's own relationships (no fixed part names), Strict
// and transitional namespaces, any prefixes, shared and inline strings (rich text joined, phonetic runs
// dropped, CDATA, _xHHHH_ escapes), formulas by their cached results, both date1904 spellings, t="d" ISO
// cells, and every built-in and custom date format. Shared strings, cells and merges are read in linear
// time. What it cannot read throws WorkbookReadError with a reason the caller turns into a message.
import type { CellValue, SheetGrid, WorkbookGrid } from './grid';
import {
  NS,
  XmlError,
  childElement,
  childElements,
  decodeXmlBytes,
  getAttr,
  parseXml,
  relType,
  saxXml,
  type XmlLimits,
  type SaxTag,
} from '../ooxml/xml';

/** Where the reader gets a part's bytes from (a ZipReader). */
export interface PartSource {
  read(name: string): Uint8Array | undefined;
  has(name: string): boolean;
}

export type WorkbookReadProblem =
  /** The package is a zip but not a spreadsheet (a .docx, a .pptx, an arbitrary archive). */
  | { kind: 'notWorkbook' }
  /** A spreadsheet format we do not read (what: a Chinese name of the format). */
  | { kind: 'unsupported'; what: string }
  /** The workbook is larger or more complex than the limits (what: a Chinese name, max: the limit). */
  | { kind: 'tooComplex'; what: string; max: number };

export class WorkbookReadError extends Error {
  constructor(readonly problem: WorkbookReadProblem) {
    super(`workbook: ${problem.kind}${'what' in problem ? ` (${problem.what})` : ''}`);
    this.name = 'WorkbookReadError';
  }
}

export interface ReaderLimits extends XmlLimits {
  /** Most cells in the grid of one sheet, blanks between values included (rows × their width). */
  maxGridCells?: number;
  /**
   * Most characters of text in all cells together, a shared string counted once per cell that shows it
   * (one long string referenced by thousands of cells would cost the checker minutes).
   */
  maxTextChars?: number;
}

export const READER_LIMITS = { maxGridCells: 20_000_000, maxTextChars: 20_000_000 } as const;

const MAIN = NS.main;
/** SpreadsheetML element (Strict is already mapped to transitional); no namespace is tolerated too. */
const isMain = (ns: string) => ns === MAIN || ns === '';

// ---------------------------------------------------------------------------------------------------
// Package structure

interface Rel {
  type: string;
  target: string;
}

/** Resolves a relationship target against the folder of the part that owns the rels. */
export function resolvePartName(fromPart: string, target: string): string {
  let t = target.replace(/\\/g, '/');
  try {
    t = decodeURIComponent(t);
  } catch {
    // keep it as written
  }
  const parts = t.startsWith('/') ? [] : fromPart.split('/').slice(0, -1);
  for (const seg of t.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

/** The rels part of a part: xl/workbook.xml → xl/_rels/workbook.xml.rels ('' → _rels/.rels). */
export function relsPartOf(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

function text(src: PartSource, name: string): string | null {
  const b = src.read(name);
  return b ? decodeXmlBytes(b) : null;
}

/** Relationship id → { type (last segment), resolved target } of a part (internal targets only). */
function readRels(src: PartSource, part: string, limits: XmlLimits): Map<string, Rel> {
  const out = new Map<string, Rel>();
  const xml = text(src, relsPartOf(part));
  if (xml === null) return out;
  const doc = parseXml(xml, limits);
  for (const r of childElements(doc.root)) {
    if (r.local !== 'Relationship') continue;
    const id = getAttr(r, 'Id');
    const target = getAttr(r, 'Target');
    if (!id || target === undefined || getAttr(r, 'TargetMode') === 'External') continue;
    out.set(id, { type: relType(getAttr(r, 'Type') ?? ''), target: resolvePartName(part, target) });
  }
  return out;
}

function mainPart(src: PartSource, limits: XmlLimits): string {
  let rels = new Map<string, Rel>();
  try {
    rels = readRels(src, '', limits);
  } catch (e) {
    // A damaged package relationship part: the workbook at its usual place is still read (as openpyxl
    // does); a DOCTYPE or a limit is not forgiven.
    if (!(e instanceof XmlError && e.code === 'malformed')) throw e;
  }
  for (const r of rels.values()) if (r.type === 'officeDocument') return r.target;
  if (src.has('xl/workbook.xml')) return 'xl/workbook.xml';
  if (src.has('xl/workbook.bin')) return 'xl/workbook.bin';
  if (src.has('mimetype') && /opendocument\.spreadsheet/.test(text(src, 'mimetype') ?? ''))
    throw new WorkbookReadError({ kind: 'unsupported', what: 'OpenDocument表格格式（.ods）' });
  throw new WorkbookReadError({ kind: 'notWorkbook' });
}

// ---------------------------------------------------------------------------------------------------
// Number formats: which cell styles show dates

/** Built-in number formats that show a date or time (ECMA-376 18.8.30 and the CJK/Thai locale ids). */
const BUILTIN_DATE_IDS = new Set<number>([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81,
]);

/**
 * Whether a number format code shows a date or time, by Excel's reading: the first section only, with
 * quoted text, backslash-escaped and padding characters, colours and locale tags ([Red], [$-804],
 * [DBNum1]) left out; elapsed time ([h], [mm], [ss]) counts.
 */
export function isDateFormat(code: string | undefined | null): boolean {
  if (!code) return false;
  let section = '';
  let inQuote = false;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if (inQuote) {
      if (ch === '"') inQuote = false;
      continue;
    }
    if (ch === '"') inQuote = true;
    else if (ch === '\\' || ch === '_' || ch === '*') i++;
    else if (ch === ';') break;
    else if (ch === '[') {
      const end = code.indexOf(']', i);
      const inner = end < 0 ? '' : code.slice(i + 1, end);
      if (/^(h+|m+|s+)$/i.test(inner)) section += inner;
      i = end < 0 ? code.length : end;
    } else section += ch;
  }
  const s = section.replace(/general/gi, '').replace(/e[+-]/gi, '');
  return /[dmyhs]/i.test(s) || /aaa/i.test(s) || /[上下]午/.test(s);
}

/** For each cellXfs index, whether numbers in it show as dates. */
export function readDateStyles(xml: string | null, limits: XmlLimits): boolean[] {
  if (xml === null) return [];
  const custom = new Map<number, string>();
  const xfIds: number[] = [];
  let inCellXfs = false;
  saxXml(
    xml,
    {
      open(t, depth) {
        if (!isMain(t.ns)) return;
        if (depth === 2 && t.local === 'cellXfs') inCellXfs = true;
        else if (t.local === 'numFmt' && depth === 3) {
          const id = Number(t.attrs.numFmtId?.value);
          if (Number.isInteger(id)) custom.set(id, t.attrs.formatCode?.value ?? '');
        } else if (inCellXfs && depth === 3 && t.local === 'xf')
          xfIds.push(Number(t.attrs.numFmtId?.value ?? 0));
      },
      close(t, depth) {
        if (depth === 2 && t.local === 'cellXfs') inCellXfs = false;
      },
    },
    limits,
  );
  return xfIds.map((id) => {
    const code = custom.get(id);
    return code !== undefined ? isDateFormat(code) : BUILTIN_DATE_IDS.has(id);
  });
}

// ---------------------------------------------------------------------------------------------------
// Strings

/** Excel's _xHHHH_ escapes (a character XML cannot carry, or a literal "_x" written as _x005F_). */
export function decodeXEscapes(s: string): string {
  return s.indexOf('_x') >= 0
    ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)))
    : s;
}

/**
 * Collects the text of a string item (<si> or <is>): every <t> under it, in runs or not, except those
 * of phonetic runs (<rPh>). Feed it the open/close/text events below the item.
 */
class StringItem {
  private inT = 0;
  private inPh = 0;
  private parts: string[] = [];
  open(t: SaxTag): void {
    if (!isMain(t.ns)) return;
    if (t.local === 't') this.inT++;
    else if (t.local === 'rPh') this.inPh++;
  }
  close(t: SaxTag): void {
    if (!isMain(t.ns)) return;
    if (t.local === 't') this.inT--;
    else if (t.local === 'rPh') this.inPh--;
  }
  text(s: string): void {
    if (this.inT > 0 && this.inPh === 0) this.parts.push(s);
  }
  take(): string {
    const s = decodeXEscapes(this.parts.length === 1 ? this.parts[0] : this.parts.join(''));
    this.parts = [];
    this.inT = this.inPh = 0;
    return s;
  }
}

export function readSharedStrings(xml: string | null, limits: XmlLimits = {}): string[] {
  if (xml === null) return [];
  const out: string[] = [];
  const item = new StringItem();
  let inSi = false;
  saxXml(
    xml,
    {
      open(t, depth) {
        if (depth === 2 && t.local === 'si' && isMain(t.ns)) inSi = true;
        else if (inSi) item.open(t);
      },
      close(t, depth) {
        if (depth === 2 && inSi) {
          out.push(item.take());
          inSi = false;
        } else if (inSi) item.close(t);
      },
      text(s) {
        if (inSi) item.text(s);
      },
    },
    limits,
  );
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Dates

const DAY_MS = 86_400_000;
/** 1899-12-30: serial 0 of the 1900 date system (with Lotus' phantom 1900-02-29 before serial 61). */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);
/** 9999-12-31 23:59:59: Excel's last date (serial 2958465.99999). */
const MAX_SERIAL = 2958466;

/** An Excel serial → Date (UTC wall time), as Excel shows it; null outside Excel's date range. */
export function serialToDate(serial: number, date1904: boolean): Date | null {
  if (!Number.isFinite(serial) || serial < 0 || serial >= MAX_SERIAL) return null;
  if (date1904) return new Date(EPOCH_1904 + Math.round(serial * DAY_MS));
  // Serials 1–59 are 1900-01-01…02-28 in Excel, one day later than the plain count from 1899-12-30
  // (Lotus' phantom 1900-02-29 is serial 60); times of day (serial < 1) keep the 1899-12-30 base.
  const shift = serial >= 1 && serial < 60 ? 1 : 0;
  return new Date(EPOCH_1900 + Math.round((serial + shift) * DAY_MS));
}

const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;
const ISO_TIME_RE = /^T?(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?$/;

/** A t="d" cell value (ISO 8601 date, date-time or time) → Date (UTC wall time), or null. */
export function isoToDate(s: string): Date | null {
  const v = s.trim();
  let m = ISO_RE.exec(v);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
    const t = Date.UTC(y, mo - 1, d, Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), ms);
    const date = new Date(t);
    if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
    return date;
  }
  m = ISO_TIME_RE.exec(v);
  if (m) {
    const ms = m[4] ? Math.round(Number(`0.${m[4]}`) * 1000) : 0;
    return new Date(EPOCH_1900 + ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3] ?? 0)) * 1000 + ms);
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Worksheets

interface SheetCtx {
  strings: string[];
  dateStyles: boolean[];
  date1904: boolean;
  limits: ReaderLimits;
  /** Characters of cell text still allowed (maxTextChars, shared by all sheets). */
  textBudget: number;
}

function colIndex(letters: string): number {
  let c = 0;
  for (let i = 0; i < letters.length; i++) c = c * 26 + ((letters.charCodeAt(i) & 0xdf) - 64);
  return c - 1;
}

const CELL_REF = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

/** A1 reference → 0-based { row, col } inside Excel's grid, or null. */
function cellRef(ref: string): { row: number; col: number } | null {
  const m = CELL_REF.exec(ref);
  if (!m) return null;
  const row = Number(m[2]) - 1;
  const col = colIndex(m[1]);
  return row >= 0 && row < MAX_ROW && col >= 0 && col < MAX_COL ? { row, col } : null;
}

function colLetters(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * A shared formula as it reads in a cell `dRow` rows and `dCol` columns from its master: relative A1
 * references move, absolute ($) parts and text in quotes stay (for messages such as “=E4+4”).
 */
export function shiftFormula(formula: string, dRow: number, dCol: number): string {
  if (dRow === 0 && dCol === 0) return formula;
  return formula.replace(
    /("[^"]*")|('[^']*'!)|(?<![\w.$])(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})(?![\w(])/g,
    (m, str: string, sheet: string, cAbs: string, col: string, rAbs: string, row: string) => {
      if (str || sheet) return m;
      const c = cAbs ? colIndex(col.toUpperCase()) : colIndex(col.toUpperCase()) + dCol;
      const r = rAbs ? Number(row) : Number(row) + dRow;
      if (c < 0 || r < 1) return '#REF!';
      return `${cAbs}${colLetters(c)}${rAbs}${r}`;
    },
  );
}

interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function numberValue(v: string): number | null {
  const n = Number(v);
  return v.trim() !== '' && Number.isFinite(n) ? n : null;
}

function styledNumber(ctx: SheetCtx, n: number, s: string | undefined): CellValue {
  if (s !== undefined && ctx.dateStyles[Number(s)]) return serialToDate(n, ctx.date1904) ?? n;
  return n;
}

/** A cached value or plain value by the cell's type (t), style (s) and raw text. */
function typedValue(ctx: SheetCtx, t: string | undefined, s: string | undefined, v: string): CellValue {
  switch (t) {
    case 's': {
      const i = numberValue(v); // <v/> is no index (Number('') would be string 0)
      const str = i !== null && Number.isInteger(i) ? ctx.strings[i] : undefined;
      return str === undefined || str === '' ? null : str;
    }
    case 'str':
    case 'inlineStr': {
      const str = decodeXEscapes(v);
      return str === '' ? null : str;
    }
    case 'b':
      return v.trim() === '1' || v.trim() === 'true';
    case 'e':
      return { kind: 'error', error: v.trim() };
    case 'd': {
      if (v.trim() === '') return null;
      return isoToDate(v) ?? v;
    }
    default: {
      const n = numberValue(v);
      return n === null ? null : styledNumber(ctx, n, s);
    }
  }
}

/** The rows of one worksheet's XML. */
export function readSheet(xml: string, ctx: SheetCtx): CellValue[][] {
  const cells: CellValue[][] = [];
  const merges: Merge[] = [];
  const sharedFormulas = new Map<string, { formula: string; row: number; col: number }>();
  const inline = new StringItem();

  let rowNum = -1;
  let lastCol = -1;
  // the cell being read
  let inCell = false;
  let cRow = 0;
  let cCol = 0;
  let cT: string | undefined;
  let cS: string | undefined;
  let hasF = false;
  let fText = '';
  let fShared: string | undefined;
  let fIsMaster = false;
  let v: string | null = null;
  let inV = false;
  let inF = false;
  let inIs = false;
  let isText: string | null = null;
  let sheetDataDepth = 0;

  const finish = (): void => {
    let out: CellValue;
    if (hasF) {
      let formula = fText;
      if (fShared !== undefined) {
        if (fIsMaster && formula) sharedFormulas.set(fShared, { formula, row: cRow, col: cCol });
        else if (!formula) {
          const m = sharedFormulas.get(fShared);
          formula = m ? shiftFormula(m.formula, cRow - m.row, cCol - m.col) : '';
        }
      }
      // no cached value (or an empty one where only a string may be empty): "open and save in Excel"
      const textual = cT === 'str' || cT === 'inlineStr' || cT === 's';
      if ((v === null || (v.trim() === '' && !textual)) && isText === null)
        out = { kind: 'formulaNoResult', formula };
      else out = typedValue(ctx, cT, cS, v ?? isText ?? '');
    } else if (isText !== null && (cT === 'inlineStr' || v === null)) {
      out = isText === '' ? null : isText;
    } else if (v !== null) {
      out = typedValue(ctx, cT, cS, v);
    } else return;
    if (out === null) return;
    if (typeof out === 'string' && (ctx.textBudget -= out.length) < 0) {
      const max = ctx.limits.maxTextChars ?? READER_LIMITS.maxTextChars;
      throw new WorkbookReadError({ kind: 'tooComplex', what: '单元格文字总量（字符数）', max });
    }
    (cells[cRow] ??= [])[cCol] = out;
  };

  saxXml(
    xml,
    {
      open(t, depth) {
        if (inIs) {
          inline.open(t);
          return;
        }
        if (!isMain(t.ns)) return;
        const name = t.local;
        if (sheetDataDepth === 0) {
          if (depth === 2 && name === 'sheetData') sheetDataDepth = depth;
          else if (name === 'mergeCell' && depth === 3) {
            const [a, b = a] = (t.attrs.ref?.value ?? '').split(':');
            const p = cellRef(a);
            const q = cellRef(b);
            if (p && q)
              merges.push({
                top: Math.min(p.row, q.row),
                left: Math.min(p.col, q.col),
                bottom: Math.max(p.row, q.row),
                right: Math.max(p.col, q.col),
              });
          }
          return;
        }
        switch (name) {
          case 'row': {
            if (depth !== sheetDataDepth + 1) return;
            const r = t.attrs.r?.value;
            const n = r !== undefined ? Number(r) - 1 : rowNum + 1;
            rowNum = Number.isInteger(n) && n >= 0 && n < MAX_ROW ? n : rowNum + 1;
            lastCol = -1;
            return;
          }
          case 'c': {
            if (depth !== sheetDataDepth + 2) return;
            const r = t.attrs.r?.value;
            const ref = r !== undefined ? cellRef(r) : null;
            if (ref) {
              cRow = ref.row;
              cCol = ref.col;
            } else {
              cRow = Math.max(rowNum, 0);
              cCol = lastCol + 1;
            }
            lastCol = cCol;
            cT = t.attrs.t?.value;
            cS = t.attrs.s?.value;
            hasF = false;
            fText = '';
            fShared = undefined;
            fIsMaster = false;
            v = null;
            isText = null;
            inCell = true;
            return;
          }
          case 'v':
            if (inCell) {
              inV = true;
              v ??= '';
            }
            return;
          case 'f':
            if (inCell) {
              inF = true;
              hasF = true;
              if (t.attrs.t?.value === 'shared' && t.attrs.si?.value !== undefined) {
                fShared = t.attrs.si?.value;
                fIsMaster = t.attrs.ref?.value !== undefined;
              }
            }
            return;
          case 'is':
            if (inCell) {
              inIs = true;
              isText ??= '';
            }
            return;
        }
      },
      close(t, depth) {
        if (inIs) {
          if (t.local === 'is' && isMain(t.ns) && depth === sheetDataDepth + 3) {
            inIs = false;
            isText = (isText ?? '') + inline.take();
          } else inline.close(t);
          return;
        }
        if (sheetDataDepth === 0 || !isMain(t.ns)) return;
        if (depth === sheetDataDepth) sheetDataDepth = 0;
        else if (t.local === 'c' && depth === sheetDataDepth + 2) {
          inCell = false;
          finish();
        } else if (t.local === 'v') inV = false;
        else if (t.local === 'f') inF = false;
      },
      text(s) {
        if (inIs) inline.text(s);
        else if (inV) v = (v ?? '') + s;
        else if (inF) fText += s;
      },
    },
    ctx.limits,
  );
  return gridRows(cells, merges, ctx.limits.maxGridCells ?? READER_LIMITS.maxGridCells);
}

/** Drops the values of merged cells other than each range's master; fills holes with null. */
function gridRows(cells: CellValue[][], merges: Merge[], maxGridCells: number): CellValue[][] {
  if (merges.length > 0) {
    // Rows that have values, sorted, to visit only those inside each range. For valid (non-overlapping)
    // merges every value is visited at most once; the budget stops overlapping ones from looping.
    const filled: number[] = [];
    for (const r in cells) filled.push(Number(r));
    filled.sort((a, b) => a - b);
    let budget = 4 * (filled.length + merges.length) + 10_000_000;
    for (const g of merges) {
      let lo = 0;
      let hi = filled.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (filled[mid] < g.top) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < filled.length && filled[i] <= g.bottom; i++) {
        const r = filled[i];
        const row = cells[r];
        const end = Math.min(g.right, row.length - 1);
        for (let c = g.left; c <= end; c++) {
          if (r === g.top && c === g.left) continue;
          if (--budget < 0)
            throw new WorkbookReadError({ kind: 'tooComplex', what: '合并单元格', max: merges.length });
          if (row[c] !== undefined) delete row[c];
        }
        if (--budget < 0)
          throw new WorkbookReadError({ kind: 'tooComplex', what: '合并单元格', max: merges.length });
      }
    }
  }
  const widthOf = (src: CellValue[] | undefined): number => {
    if (!src) return 0;
    let w = src.length;
    while (w > 0 && src[w - 1] === undefined) w--;
    return w;
  };
  let last = cells.length - 1;
  while (last >= 0 && widthOf(cells[last]) === 0) last--;
  const rows: CellValue[][] = [];
  let area = 0;
  for (let r = 0; r <= last; r++) {
    const src = cells[r];
    const width = widthOf(src);
    const row: CellValue[] = new Array(width);
    area += width;
    if (area > maxGridCells)
      throw new WorkbookReadError({ kind: 'tooComplex', what: '单元格范围', max: maxGridCells });
    for (let c = 0; c < width; c++) row[c] = src[c] ?? null;
    rows.push(row);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------------
// The workbook

/**
 * Reads a workbook package into a grid. Throws WorkbookReadError (not a workbook, an unsupported format,
 * a limit), XmlError (malformed XML, DOCTYPE, XML limits) or the source's own errors (ZipError).
 */
export function readWorkbook(src: PartSource, limits: ReaderLimits = {}): WorkbookGrid {
  const main = mainPart(src, limits);
  if (/\.bin$/i.test(main))
    throw new WorkbookReadError({ kind: 'unsupported', what: 'Excel二进制工作簿格式（.xlsb）' });
  const wbXml = text(src, main);
  if (wbXml === null) throw new WorkbookReadError({ kind: 'notWorkbook' });
  const wb = parseXml(wbXml, limits).root;
  if (wb.local === 'workbook' && wb.ns === 'http://schemas.microsoft.com/office/excel/2006/2')
    throw new WorkbookReadError({ kind: 'unsupported', what: 'Excel 2007测试版（Beta）格式' });
  if (wb.local !== 'workbook' || !isMain(wb.ns)) throw new WorkbookReadError({ kind: 'notWorkbook' });
  const rels = readRels(src, main, limits);

  const pr = childElement(wb, wb.ns, 'workbookPr');
  const d1904 = pr ? getAttr(pr, 'date1904') : undefined;
  const date1904 = d1904 === '1' || d1904 === 'true';

  const relOfType = (type: string): string | null => {
    for (const r of rels.values()) if (r.type === type) return r.target;
    return null;
  };
  const dir = main.slice(0, main.lastIndexOf('/') + 1);
  const stylesPart = relOfType('styles') ?? `${dir}styles.xml`;
  const stringsPart = relOfType('sharedStrings') ?? `${dir}sharedStrings.xml`;
  const ctx: SheetCtx = {
    strings: readSharedStrings(text(src, stringsPart), limits),
    dateStyles: readDateStyles(text(src, stylesPart), limits),
    date1904,
    limits,
    textBudget: limits.maxTextChars ?? READER_LIMITS.maxTextChars,
  };

  const sheets: SheetGrid[] = [];
  const sheetsEl = childElement(wb, wb.ns, 'sheets');
  for (const s of sheetsEl ? childElements(sheetsEl, wb.ns, 'sheet') : []) {
    const id = getAttr(s, 'id', NS.r) ?? s.attrs.find((a) => /^[^:]+:id$/.test(a.name))?.value;
    const rel = id !== undefined ? rels.get(id) : undefined;
    // chartsheets, dialog and macro sheets hold no cells; a sheet whose part is missing is left out,
    // as Excel's repair does
    if (!rel || rel.type !== 'worksheet') continue;
    const xml = text(src, rel.target);
    if (xml === null) continue;
    const st = getAttr(s, 'state');
    sheets.push({
      name: getAttr(s, 'name') ?? '',
      state: st === 'hidden' || st === 'veryHidden' ? st : 'visible',
      rows: readSheet(xml, ctx),
    });
  }
  return { sheets };
}
