// A fast, dependency-free reader from the inflated parts of an .xlsx file to a WorkbookGrid. It scans the
// XML strings with regular expressions (no DOM: the import worker has no DOMParser) and reproduces what the
// exceljs path in xlsx-grid.ts yields, cell for cell, for ordinary workbooks (Excel, WPS, LibreOffice,
// openpyxl, exceljs). Anything it does not handle exactly the same way (hyperlinks, CDATA, prefixed
// element names, odd sheet names, overlapping merges, dangling string indexes…) throws
// UnsupportedXlsxError, and the caller falls back to exceljs.
import type { CellValue, SheetGrid, WorkbookGrid } from './grid';

/** Thrown for input the fast reader does not reproduce exactly; the caller falls back to exceljs. */
export class UnsupportedXlsxError extends Error {
  constructor(what: string) {
    super(`fast xlsx reader: ${what}`);
    this.name = 'UnsupportedXlsxError';
  }
}

/** The zip's parts, already inflated, by path (e.g. "xl/workbook.xml"). */
export type XlsxParts = Map<string, Uint8Array>;

const unsupported = (what: string): never => {
  throw new UnsupportedXlsxError(what);
};

// ---------------------------------------------------------------------------------------------------------
// XML helpers

/** One start, end or empty-element tag; attribute values may contain '>'. */
const TAG_RE = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[^\s=>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
const ATTR_RE = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const ENTITY_RE = /&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z][\w.-]*);/g;

function decodeEntity(_m: string, e: string): string {
  switch (e) {
    case 'lt':
      return '<';
    case 'gt':
      return '>';
    case 'amp':
      return '&';
    case 'quot':
      return '"';
    case 'apos':
      return "'";
  }
  if (e.charCodeAt(0) === 35) {
    const code = e.charCodeAt(1) === 120 ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    if (!(code >= 0 && code <= 0x10ffff)) unsupported('bad character reference');
    return String.fromCodePoint(code);
  }
  return unsupported(`entity &${e};`);
}

/** XML character data → string: line ends normalised, entities and character references decoded. */
export function decodeXmlText(raw: string): string {
  let s = raw.indexOf('\r') >= 0 ? raw.replace(/\r\n?/g, '\n') : raw;
  if (s.indexOf('&') >= 0) {
    if (/&(?!(?:#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z][\w.-]*);)/.test(s)) unsupported('bare &');
    s = s.replace(ENTITY_RE, decodeEntity);
  }
  return s;
}

const ATTR_SPECIAL_RE = /[&\t\n\r]/;
function decodeAttr(raw: string): string {
  if (!ATTR_SPECIAL_RE.test(raw)) return raw;
  return decodeXmlText(raw.replace(/[\t\n\r]/g, (c) => (c === '\r' ? '' : ' ')));
}

function parseAttrs(src: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!src) return out;
  ATTR_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ATTR_RE.exec(src))) out[m[1]] = decodeAttr(m[2] ?? m[3] ?? '');
  return out;
}

const R_ATTR = /(?:^|\s)r\s*=\s*(?:"([^"]*)"|'([^']*)')/;
const T_ATTR = /(?:^|\s)t\s*=\s*(?:"([^"]*)"|'([^']*)')/;
const S_ATTR = /(?:^|\s)s\s*=\s*(?:"([^"]*)"|'([^']*)')/;
/** One attribute by a precompiled pattern (cheaper than parseAttrs on the hot <row>/<c> tags). */
function attr(src: string, re: RegExp): string | undefined {
  const m = re.exec(src);
  return m ? decodeAttr(m[1] ?? m[2] ?? '') : undefined;
}

/** Excel's `_xHHHH_` escapes in shared-string text (uppercase hex, as exceljs reads them). */
function decodeXEscapes(s: string): string {
  return s.indexOf('_x') >= 0
    ? s.replace(/_x([0-9A-F]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)))
    : s;
}

/** exceljs' second decoding of t="str" values (five named entities only). */
function xmlDecodeAgain(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&([a-z]*);/g, (c) => {
    switch (c) {
      case '&lt;':
        return '<';
      case '&gt;':
        return '>';
      case '&amp;':
        return '&';
      case '&apos;':
        return "'";
      case '&quot;':
        return '"';
      default:
        return c;
    }
  });
}

function noSpecialMarkup(xml: string, from = 0, to = xml.length): void {
  const i = xml.indexOf('<!', from);
  if (i >= 0 && i < to) unsupported('CDATA or comment');
}

const decoder = new TextDecoder('utf-8');
function partText(parts: XlsxParts, name: string): string | null {
  const b = parts.get(name);
  return b ? decoder.decode(b) : null;
}

// ---------------------------------------------------------------------------------------------------------
// Shared strings

type RichRun = { text: string };
/** A shared string: plain text, or rich-text runs (joined when flattened). */
type SharedString = string | RichRun[];

function tText(inner: string): string {
  // inner of one element that holds <t> children: the last <t> wins (as in exceljs' text parser)
  let text: string | null = null;
  const re = /<t(?:\s[^>]*)?(?:\/>|>([^<]*)<\/t>)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(inner))) text = m[1] === undefined ? '' : m[1];
  return text === null ? '' : decodeXEscapes(decodeXmlText(text));
}

export function parseSharedStrings(xml: string): SharedString[] {
  noSpecialMarkup(xml);
  const out: SharedString[] = [];
  const re = /<si(?:\s[^>]*)?(?:\/>|>([\s\S]*?)<\/si>)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) {
    let inner = m[1] ?? '';
    if (inner.indexOf('<rPh') >= 0) inner = inner.replace(/<rPh\b(?:[^>]*\/>|[\s\S]*?<\/rPh>)/g, '');
    if (/<r[\s>]/.test(inner)) {
      const runs: RichRun[] = [];
      const rr = /<r(?:\s[^>]*)?(?:\/>|>([\s\S]*?)<\/r>)/g;
      let rm: RegExpExecArray | null;
      let outside = '';
      let last = 0;
      while ((rm = rr.exec(inner))) {
        outside += inner.slice(last, rm.index);
        last = rr.lastIndex;
        runs.push({ text: tText(rm[1] ?? '') });
      }
      outside += inner.slice(last);
      if (/<t[\s>/]/.test(outside)) unsupported('shared string mixes <t> and runs');
      out.push(runs);
    } else {
      out.push(tText(inner));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Styles: which cellXfs index is a date format (exceljs' rule)

/** Built-in format codes exceljs knows (ids without an entry are not formats to it). */
const BUILTIN_FMT: Record<number, string> = {
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy "h":mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00 ;(#,##0.00)',
  40: '#,##0.00 ;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
};

/** Whether a number format code shows a date or time (text in quotes and [..] sections ignored). */
export function isDateFormat(code: string | undefined): boolean {
  if (!code) return false;
  const f = code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]/.test(f);
}

/** For each cellXfs index, whether numbers in it are dates; null when styles.xml has no cellXfs. */
export function parseDateStyles(xml: string): boolean[] | null {
  const custom = new Map<number, string>();
  const nf = /<numFmt\b((?:\s+[^\s=>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/g;
  let m: RegExpExecArray | null;
  while ((m = nf.exec(xml))) {
    const a = parseAttrs(m[1]);
    if (a.formatCode === undefined) unsupported('numFmt without formatCode');
    custom.set(parseInt(a.numFmtId, 10), a.formatCode.replace(/[\\](.)/g, '$1'));
  }
  const block = /<cellXfs\b[^>]*?(?:\/>|>([\s\S]*?)<\/cellXfs>)/.exec(xml);
  if (!block || !block[1]) return null;
  const out: boolean[] = [];
  const xf = /<xf\b((?:\s+[^\s=>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/g;
  while ((m = xf.exec(block[1]))) {
    const id = parseInt(parseAttrs(m[1]).numFmtId, 10);
    out.push(id ? isDateFormat(custom.get(id) || BUILTIN_FMT[id]) : false);
  }
  return out.length > 0 ? out : null;
}

// ---------------------------------------------------------------------------------------------------------
// Workbook and relationships

interface SheetRef {
  name: string;
  state: SheetGrid['state'];
  path: string;
}

function sheetRefs(parts: XlsxParts): { sheets: SheetRef[]; date1904: boolean } {
  const wb = partText(parts, 'xl/workbook.xml') ?? unsupported('no workbook.xml');
  const relsXml = partText(parts, 'xl/_rels/workbook.xml.rels') ?? unsupported('no workbook rels');
  noSpecialMarkup(wb);
  noSpecialMarkup(relsXml);
  const rels = new Map<string, string>();
  const relRe = /<Relationship\b((?:\s+[^\s=>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/g;
  let m: RegExpExecArray | null;
  while ((m = relRe.exec(relsXml))) {
    const a = parseAttrs(m[1]);
    if (a.Id !== undefined && a.Target !== undefined) rels.set(a.Id, a.Target);
  }
  const pr = /<workbookPr\b((?:\s+[^\s=>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/.exec(wb);
  const date1904 = pr ? parseAttrs(pr[1]).date1904 === '1' : false;

  const sheets: SheetRef[] = [];
  const ids = new Set<number>();
  const names = new Set<string>();
  const paths = new Set<string>();
  const sheetRe = /<sheet\b((?:\s+[^\s=>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/g;
  while ((m = sheetRe.exec(wb))) {
    const a = parseAttrs(m[1]);
    const target = a['r:id'] !== undefined ? rels.get(a['r:id']) : undefined;
    if (target === undefined) continue; // exceljs skips sheets without a relationship
    const key = `xl/${target.replace(/^(\s|\/xl\/)+/, '')}`;
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(key) || !parts.has(key)) {
      // exceljs only loads parts named like xl/worksheets/sheetN.xml and skips the rest (chartsheets…)
      if (/xl\/worksheets\/sheet(\d+)[.]xml/.test(key)) unsupported(`sheet target ${target}`);
      continue;
    }
    const id = parseInt(a.sheetId, 10);
    const name = a.name;
    if (!Number.isInteger(id) || id < 1 || ids.has(id)) unsupported('sheet ids');
    if (
      !name ||
      name === 'History' ||
      name.length > 31 ||
      /[*?:/\\[\]]/.test(name) ||
      /(^')|('$)/.test(name) ||
      names.has(name.toLowerCase()) ||
      paths.has(key)
    )
      unsupported('sheet name');
    ids.add(id);
    names.add(name.toLowerCase());
    paths.add(key);
    const state = a.state === 'hidden' || a.state === 'veryHidden' ? a.state : 'visible';
    sheets.push({ name, state, path: key });
  }
  return { sheets, date1904 };
}

// ---------------------------------------------------------------------------------------------------------
// Worksheets

interface Ctx {
  strings: SharedString[] | null;
  dateStyles: boolean[] | null;
  date1904: boolean;
}

function colIndex(letters: string): number {
  let c = 0;
  for (let i = 0; i < letters.length; i++) c = c * 26 + (letters.charCodeAt(i) - 64);
  return c - 1;
}

const ADDR_RE = /^([A-Z]{1,3})([1-9]\d{0,6})$/;

function excelToDate(v: number, date1904: boolean): Date {
  return new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

function joinRuns(runs: RichRun[]): CellValue {
  const t = runs.map((r) => r.text).join('');
  return t === '' ? null : t;
}

function sharedString(ctx: Ctx, v: string): CellValue {
  const i = parseInt(v, 10);
  const s = ctx.strings?.[i];
  if (s === undefined) return unsupported('shared string index');
  if (typeof s === 'string') return s === '' ? null : s;
  return joinRuns(s);
}

function isDateStyle(ctx: Ctx, s: string | undefined): boolean {
  if (s === undefined) return false;
  const id = parseInt(s, 10);
  if (!id) return false;
  if (!ctx.dateStyles) return unsupported('cell style without cellXfs');
  return ctx.dateStyles[id] === true;
}

interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function parseMerges(xml: string, from: number): Merge[] {
  const out: Merge[] = [];
  const re = /<mergeCell\b((?:\s+[^\s=>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/g;
  re.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) {
    const ref = (parseAttrs(m[1]).ref ?? '').replace(/\$/g, '');
    const mm = /^([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?$/.exec(ref);
    if (!mm) return unsupported(`merge ${ref}`);
    const r1 = Number(mm[2]) - 1;
    const c1 = colIndex(mm[1]);
    const r2 = mm[3] ? Number(mm[4]) - 1 : r1;
    const c2 = mm[3] ? colIndex(mm[3]) : c1;
    const g = {
      top: Math.min(r1, r2),
      left: Math.min(c1, c2),
      bottom: Math.max(r1, r2),
      right: Math.max(c1, c2),
    };
    for (const o of out)
      if (g.top <= o.bottom && o.top <= g.bottom && g.left <= o.right && o.left <= g.right)
        unsupported('overlapping merges');
    out.push(g);
  }
  return out;
}

export function parseSheet(xml: string, ctx: Ctx): CellValue[][] {
  const open = /<sheetData\b[^>]*?(\/?)>/.exec(xml);
  if (!open) return unsupported('no sheetData');
  const start = open.index + open[0].length;
  const end = open[1] ? start : xml.indexOf('</sheetData>', start);
  if (end < 0) return unsupported('unclosed sheetData');
  noSpecialMarkup(xml, start, end);
  if (/<hyperlink\b/.test(xml)) unsupported('hyperlinks');

  const cells: (CellValue | undefined)[][] = [];
  const formulae: Record<string, string | undefined> = {};

  let rowNum = -1; // 0-based current row
  let lastCol = -1;
  // current cell
  let inCell = false;
  let addr: string | undefined;
  let cRow = 0;
  let cCol = 0;
  let cT: string | undefined;
  let cS: string | undefined;
  let formula: string | undefined;
  let shareType: string | undefined;
  let fRef: string | undefined;
  let fSi: string | undefined;
  let value: string | undefined;
  let rich: RichRun[] | undefined;
  let cur: 'f' | 'v' | 't' | null = null;
  let inRun = false;
  let runT: string | null = null; // text of the <t> being read inside a run
  let runText = '';
  let inRunT = false;

  const finish = (): void => {
    inCell = false;
    let out: CellValue | undefined;
    if (formula || shareType) {
      if (rich) unsupported('rich formula value');
      let result: unknown;
      if (value) {
        if (cT === 'str') result = xmlDecodeAgain(value);
        else if (cT === 'b') result = parseInt(value, 10) !== 0;
        else if (cT === 'e') result = { kind: 'error', error: value };
        else result = parseFloat(value);
      }
      // exceljs converts any cached result of a date-styled formula (ToNumber semantics)
      if (result !== undefined && isDateStyle(ctx, cS)) result = excelToDate(Number(result), ctx.date1904);
      let shared: string | undefined;
      if (shareType === 'shared') {
        if (fRef) formulae[fSi ?? 'undefined'] = addr;
        else shared = formulae[fSi ?? 'undefined'];
      }
      const f = formula || shared || '';
      if (!result) out = f ? { kind: 'formulaNoResult', formula: f } : null;
      else out = result as CellValue;
    } else if (rich) {
      if (value !== undefined) unsupported('mixed inline string');
      if (cT !== 'inlineStr') unsupported('runs outside an inline string');
      out = joinRuns(rich);
    } else if (value !== undefined) {
      switch (cT) {
        case 's':
          out = sharedString(ctx, value);
          break;
        case 'str': {
          const s = xmlDecodeAgain(value);
          out = s === '' ? null : s;
          break;
        }
        case 'inlineStr':
          out = value === '' ? null : value;
          break;
        case 'b':
          out = parseInt(value, 10) !== 0;
          break;
        case 'e':
          out = { kind: 'error', error: value };
          break;
        default: {
          const n = parseFloat(value);
          if (isDateStyle(ctx, cS)) out = excelToDate(n, ctx.date1904);
          else out = Number.isFinite(n) ? n : null;
        }
      }
    }
    if (out === undefined) return; // no value: nothing to record
    (cells[cRow] ??= [])[cCol] = out;
  };

  TAG_RE.lastIndex = start;
  let textFrom = start;
  let m: RegExpExecArray | null;
  while ((m = TAG_RE.exec(xml)) && m.index < end) {
    // a '<' that did not start a tag we understand (malformed XML): let exceljs judge the file
    if (xml.indexOf('<', textFrom) !== m.index) unsupported('malformed tag');
    if (m.index > textFrom && (cur !== null || inRunT)) {
      const text = decodeXmlText(xml.slice(textFrom, m.index));
      if (inRunT) runT = (runT ?? '') + text;
      else if (cur === 'f') formula = (formula ?? '') + text;
      else value = (value ?? '') + text;
    }
    textFrom = TAG_RE.lastIndex;
    const closing = m[1] === '/';
    const name = m[2];
    const selfClosing = m[4] === '/';
    if (inRun) {
      // inside <r>: only <t> counts (exceljs' rich-text parser; the last <t> wins)
      if (name === 't') {
        if (closing) {
          inRunT = false;
          runText = decodeXEscapes(runT ?? '');
        } else if (selfClosing) runText = '';
        else {
          inRunT = true;
          runT = null;
        }
      } else if (name === 'r' && closing) {
        inRun = false;
        (rich ??= []).push({ text: runText });
      }
      continue;
    }
    if (closing) {
      if (name === 'c') {
        if (inCell) finish();
      } else if (name === 'f' || name === 'v' || name === 't' || name === 'is') cur = null;
      continue;
    }
    const attrs = m[3];
    switch (name) {
      case 'row': {
        const r = attr(attrs, R_ATTR);
        rowNum = r !== undefined ? parseInt(r, 10) - 1 : rowNum + 1;
        if (!(rowNum >= 0)) unsupported('row number');
        lastCol = -1;
        break;
      }
      case 'c': {
        if (inCell) unsupported('nested cell');
        addr = attr(attrs, R_ATTR);
        if (addr !== undefined) {
          const am = ADDR_RE.exec(addr);
          if (!am) return unsupported(`cell address ${addr}`);
          cCol = colIndex(am[1]);
          cRow = Number(am[2]) - 1;
        } else {
          if (rowNum < 0) unsupported('cell outside a row');
          cCol = lastCol + 1;
          cRow = rowNum;
        }
        lastCol = cCol;
        cT = attr(attrs, T_ATTR);
        cS = attr(attrs, S_ATTR);
        formula = shareType = fRef = fSi = value = undefined;
        rich = undefined;
        cur = null;
        inCell = !selfClosing;
        break;
      }
      case 'f': {
        if (!inCell) break;
        const a = parseAttrs(attrs);
        fSi = a.si;
        shareType = a.t;
        fRef = a.ref;
        cur = selfClosing ? null : 'f';
        break;
      }
      case 'v':
      case 't':
        if (inCell && !selfClosing) cur = name as 'v' | 't';
        break;
      case 'r':
        if (!inCell) break;
        if (selfClosing) (rich ??= []).push({ text: '' });
        else {
          inRun = true;
          runText = '';
          runT = null;
        }
        break;
      default:
        break;
    }
  }
  if (inCell || inRun) unsupported('unclosed cell');

  const merges = parseMerges(xml, end);
  const rows: CellValue[][] = [];
  for (let r = 0; r < cells.length; r++) {
    const src = cells[r];
    const row: CellValue[] = [];
    if (src) {
      for (let c = 0; c < src.length; c++) {
        const v = src[c];
        if (v === undefined || v === null) continue;
        let slave = false;
        for (const g of merges)
          if (r >= g.top && r <= g.bottom && c >= g.left && c <= g.right && (r !== g.top || c !== g.left)) {
            slave = true;
            break;
          }
        if (!slave) row[c] = v;
      }
      for (let c = 0; c < row.length; c++) if (row[c] === undefined) row[c] = null;
    }
    rows[r] = row;
  }
  // trailing empty rows are not part of the grid
  while (rows.length > 0 && rows[rows.length - 1].length === 0) rows.pop();
  return rows;
}

/** Inflated .xlsx parts → WorkbookGrid. Throws UnsupportedXlsxError (or any error) to ask for the fallback. */
export function partsToGrid(parts: XlsxParts): WorkbookGrid {
  const { sheets, date1904 } = sheetRefs(parts);
  const sst = partText(parts, 'xl/sharedStrings.xml');
  const stylesXml = partText(parts, 'xl/styles.xml');
  if (stylesXml === null) unsupported('no styles.xml');
  noSpecialMarkup(stylesXml!);
  const ctx: Ctx = {
    strings: sst === null ? null : parseSharedStrings(sst),
    dateStyles: parseDateStyles(stylesXml!),
    date1904,
  };
  return {
    sheets: sheets.map((s) => ({
      name: s.name,
      state: s.state,
      rows: parseSheet(partText(parts, s.path)!, ctx),
    })),
  };
}
