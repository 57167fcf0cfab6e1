// The 退回修改 copy of a unit's workbook: each offending cell filled (错误 red, 警告 yellow) and commented,
// and a 校验结果 sheet, first and active, listing every issue with a link to its cell, styled like the
// template and printable on A4. Built on the XML layer (templates/src/ooxml/xml.ts) and the zip layer
// (zip.ts): the original package is kept part for part; only these parts are rewritten, as trees whose
// namespace declarations stay where the writer put them:
//   - the workbook (the new sheet first, sheet-local names renumbered, the first tab active),
//   - its relationships and [Content_Types].xml (the new parts),
//   - styles (fills, fonts, a border and the cell formats that use them),
//   - the sheets with offending cells (their style index; cells and rows created where absent, taking
//     the style Excel shows there, so an unlocked input column stays unlocked), their comments, their VML
//     shapes and relationships,
//   - any other sheet whose tab was selected (unselected, so that no two tabs are grouped).
// Drop-down lists, protection, print settings, drawings and every other part stay byte for byte as the
// unit had them. Time is linear in the number of issues and in the size of the parts rewritten. The same
// input gives the same bytes (fixed zip dates). Errors are thrown in Chinese (they reach the user as the
// reason a copy could not be made).
import {
  COMMENTS_ORDER,
  NS,
  STYLESHEET_ORDER,
  TEMPLATE_LOOK,
  WORKBOOK_ORDER,
  WORKSHEET_ORDER,
  XmlError,
  ZipError,
  ZipReader,
  ContentTypes,
  Package,
  PackageError,
  Rels,
  appendChild,
  appendElement as add,
  appendTextElement as addText,
  newXmlDocument as newDoc,
  canonicalNs,
  childElement,
  childElements,
  columnLetters,
  createElement,
  decodeXmlBytes,
  descendants,
  getAttr,
  insertChild,
  lookupNamespaceUri,
  lookupPrefix,
  parseA1,
  relsPartOf,
  removeAttr,
  removeChild,
  saxAttr,
  saxXml,
  serializeElement,
  setAttr,
  setText,
  textContent,
  type Issue,
  type RawInflater,
  type XmlDocument,
  type XmlElement,
  type XmlNode,
} from '../../../templates/src/index';
import { RETURN_COLUMNS, SEVERITY_LABEL, SHEETS } from './labels';
import { text as cellText } from './cell-text';

export { RETURN_COLUMNS } from './labels';

/** Fill colours of offending cells (and of the 严重程度 column). */
export const FILL_ERROR = 'FFFFC7CE';
export const FILL_WARNING = 'FFFFEB9C';
/** The template's look (header fill, border colour, fonts); links in Excel's hyperlink blue. */
const FILL_HEADER = TEMPLATE_LOOK.headerFill;
const BORDER_COLOR = TEMPLATE_LOOK.border;
const FONT = TEMPLATE_LOOK.font;
const TITLE_FONT = TEMPLATE_LOOK.titleFont;
const LINK_COLOR = 'FF0563C1';
/** Author of the comments we add. */
const AUTHOR = '研判（校验）';
/** Column widths of the 校验结果 sheet (RETURN_COLUMNS), in characters: about 130, A4 landscape. */
const WIDTHS = [6, 9, 14, 9, 18, 26, 50];
/** Rows of the 校验结果 sheet: title, summary, header, then one row per issue. */
const HEADER_ROW = 3;

const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

const NS_VML = 'urn:schemas-microsoft-com:vml';
const NS_O = 'urn:schemas-microsoft-com:office:office';
const NS_X = 'urn:schemas-microsoft-com:office:excel';
const STRICT_REL = 'http://purl.oclc.org/ooxml/officeDocument/relationships';
const CT = {
  sheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  comments: 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml',
  vml: 'application/vnd.openxmlformats-officedocument.vmlDrawing',
  styles: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
};

export interface ReturnCopyOptions {
  /** Native inflater (Node's zlib) for reading the original. */
  inflateRaw?: RawInflater;
  /** Who and which period, for the 校验结果 title (e.g. "市文联 2023年第三季度"). */
  title?: string;
}

/** One row of the 校验结果 sheet (RETURN_COLUMNS), for the n-th issue (0-based). */
export function returnIssueRow(is: Issue, n: number): (string | number)[] {
  return [
    n + 1,
    SEVERITY_LABEL[is.severity],
    is.sheet ?? '',
    is.cell ?? '',
    is.field ?? '',
    is.value ?? '',
    is.message,
  ];
}

/** The comment on an offending cell: one "【错误】…" line per issue of that cell. */
export function returnCellNote(list: readonly Issue[]): string {
  return cellText(list.map((i) => `【${SEVERITY_LABEL[i.severity]}】${i.message}`).join('\n'));
}

class ReturnCopyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReturnCopyError';
  }
}

function cloneElement(el: XmlElement, parent: XmlElement | null): XmlElement {
  const copy: XmlElement = {
    type: 'element',
    name: el.name,
    local: el.local,
    ns: el.ns,
    attrs: el.attrs.map((a) => ({ ...a })),
    children: [],
    parent,
  };
  for (const c of el.children) copy.children.push(c.type === 'element' ? cloneElement(c, copy) : { ...c });
  return copy;
}

/**
 * Binds a prefix (`hint`, or `hint`1, 2… when taken) to `uri` on the document root, unless `el` already
 * has one in scope: elements and attributes created below then find it.
 */
function declareAtRoot(root: XmlElement, el: XmlElement, uri: string, hint: string): void {
  const p = lookupPrefix(el, canonicalNs(uri));
  if (p !== null && p !== '') return;
  let prefix = hint;
  for (let i = 1; lookupNamespaceUri(el, prefix) !== null || lookupNamespaceUri(root, prefix) !== null; i++)
    prefix = `${hint}${i}`;
  root.attrs.push({ name: `xmlns:${prefix}`, value: uri });
}

const isTrue = (v: string | undefined) => v === '1' || v === 'true';

// ---------------------------------------------------------------------------------------------------
// Styles

/** The 校验结果 sheet's cell formats (indices into cellXfs). */
interface SheetStyles {
  title: number;
  summary: number;
  header: number;
  center: number;
  text: number;
  link: number;
  error: number;
  warning: number;
}

class Styles {
  private readonly root: XmlElement;
  private readonly xfs: XmlElement;
  private readonly xfList: XmlElement[];
  private readonly marked = new Map<number, number>();
  private fillError = -1;
  private fillWarning = -1;
  private hasStyleXf: boolean;

  constructor(doc: XmlDocument) {
    this.root = doc.root;
    const fonts = this.section('fonts');
    if (childElements(fonts, fonts.ns, 'font').length === 0) this.font({ size: 11, name: FONT });
    const fills = this.section('fills');
    // fills 0 and 1 are reserved (none, gray125): Excel takes them as such whatever they say
    for (const patternType of ['none', 'gray125'].slice(childElements(fills, fills.ns, 'fill').length))
      this.append('fills', 'fill', (f) => add(f, 'patternFill', { patternType }));
    const borders = this.section('borders');
    if (childElements(borders, borders.ns, 'border').length === 0) this.border(null);
    const styleXfs = childElement(this.root, this.root.ns, 'cellStyleXfs');
    this.hasStyleXf = !!styleXfs && childElements(styleXfs, styleXfs.ns, 'xf').length > 0;
    this.xfs = this.section('cellXfs');
    this.xfList = childElements(this.xfs, this.xfs.ns, 'xf');
    if (this.xfList.length === 0)
      this.addXf(
        createElement(this.xfs, this.xfs.ns, 'xf', { numFmtId: 0, fontId: 0, fillId: 0, borderId: 0 }),
      );
  }

  /** The section element (fonts, fills, …), created in schema order when absent. */
  private section(local: string): XmlElement {
    let el = childElement(this.root, this.root.ns, local);
    if (!el) {
      el = createElement(this.root, this.root.ns, local);
      insertChild(this.root, el, STYLESHEET_ORDER);
    }
    return el;
  }

  /** Appends to a section and updates its count; returns the new item's index. */
  private append(local: string, item: string, build: (el: XmlElement) => void): number {
    const sec = this.section(local);
    const n = childElements(sec, sec.ns, item).length;
    this.colors = null;
    build(add(sec, item));
    setAttr(sec, 'count', String(n + 1));
    return n;
  }

  font(f: { size: number; name: string; bold?: boolean; underline?: boolean; color?: string }): number {
    return this.append('fonts', 'font', (el) => {
      if (f.bold) add(el, 'b');
      if (f.underline) add(el, 'u');
      add(el, 'sz', { val: f.size });
      if (f.color) add(el, 'color', { rgb: f.color });
      add(el, 'name', { val: f.name });
      add(el, 'family', { val: 3 });
      add(el, 'charset', { val: 134 });
    });
  }

  private colors: string[] | null = null;

  /** The solid fill colour of each fill ('' for others). */
  private fillColors(): string[] {
    if (this.colors) return this.colors;
    const fills = this.section('fills');
    return (this.colors = childElements(fills, fills.ns, 'fill').map((f) => {
      const p = childElement(f, f.ns, 'patternFill');
      const fg = p && getAttr(p, 'patternType') === 'solid' ? childElement(p, p.ns, 'fgColor') : null;
      return fg ? (getAttr(fg, 'rgb') ?? '').toUpperCase() : '';
    }));
  }

  /** A solid fill of this colour: the workbook's own when it has one (a copy of a copy), else a new one. */
  fill(rgb: string): number {
    const have = this.fillColors().indexOf(rgb);
    if (have >= 2) return have;
    return this.append('fills', 'fill', (el) => {
      const p = add(el, 'patternFill', { patternType: 'solid' });
      add(p, 'fgColor', { rgb });
      add(p, 'bgColor', { indexed: 64 });
    });
  }

  border(rgb: string | null): number {
    return this.append('borders', 'border', (el) => {
      for (const side of ['left', 'right', 'top', 'bottom', 'diagonal']) {
        const s = add(el, side, rgb && side !== 'diagonal' ? { style: 'thin' } : {});
        if (rgb && side !== 'diagonal') add(s, 'color', { rgb });
      }
    });
  }

  private addXf(xf: XmlElement): number {
    appendChild(this.xfs, xf);
    this.xfList.push(xf);
    setAttr(this.xfs, 'count', String(this.xfList.length));
    return this.xfList.length - 1;
  }

  /** The cell format `old` with the error or warning fill (one new format per format and severity). */
  markedStyle(old: number, error: boolean): number {
    const base = old >= 0 && old < this.xfList.length ? old : 0;
    const key = base * 2 + (error ? 1 : 0);
    let s = this.marked.get(key);
    if (s === undefined) {
      if (this.fillError < 0) {
        this.fillError = this.fill(FILL_ERROR);
        this.fillWarning = this.fill(FILL_WARNING);
      }
      const xf = cloneElement(this.xfList[base], this.xfs);
      setAttr(xf, 'fillId', String(error ? this.fillError : this.fillWarning));
      setAttr(xf, 'applyFill', '1');
      s = this.addXf(xf);
      this.marked.set(key, s);
    }
    return s;
  }

  private bases: Map<string, number> | null = null;

  /**
   * The format a cell had before an earlier copy marked it: `s` is a marked format (our fill) and the
   * first format equal to it but for the fill is the one it was copied from; `s` itself when there is none.
   */
  unmarked(s: number): number {
    const xf = this.xfList[s];
    if (!xf) return s;
    const colors = this.fillColors();
    const ours = (x: XmlElement) => {
      const c = colors[Number(getAttr(x, 'fillId') ?? 0)];
      return c === FILL_ERROR || c === FILL_WARNING;
    };
    if (!ours(xf)) return s;
    const key = (x: XmlElement) => {
      const c = cloneElement(x, null);
      c.attrs = c.attrs.filter((a) => a.name !== 'fillId' && a.name !== 'applyFill');
      return serializeElement(c);
    };
    if (!this.bases) {
      this.bases = new Map();
      this.xfList.forEach((x, i) => {
        if (ours(x)) return;
        const k = key(x);
        if (!this.bases!.has(k)) this.bases!.set(k, i);
      });
    }
    return this.bases.get(key(xf)) ?? s;
  }

  /** The cell formats of the 校验结果 sheet. */
  sheetStyles(): SheetStyles {
    const body = this.font({ size: 11, name: FONT });
    const bold = this.font({ size: 11, name: FONT, bold: true });
    const title = this.font({ size: 16, name: TITLE_FONT, bold: true });
    const link = this.font({ size: 11, name: FONT, underline: true, color: LINK_COLOR });
    if (this.fillError < 0) {
      this.fillError = this.fill(FILL_ERROR);
      this.fillWarning = this.fill(FILL_WARNING);
    }
    const header = this.fill(FILL_HEADER);
    const border = this.border(BORDER_COLOR);
    const xf = (fontId: number, fillId: number, borderId: number, align: Record<string, string>): number => {
      const el = createElement(this.xfs, this.xfs.ns, 'xf', {
        numFmtId: 0,
        fontId,
        fillId,
        borderId,
        ...(this.hasStyleXf ? { xfId: 0 } : {}),
        applyFont: 1,
        applyFill: 1,
        applyBorder: 1,
        applyAlignment: 1,
      });
      add(el, 'alignment', align);
      return this.addXf(el);
    };
    const top = { vertical: 'top', wrapText: '1' };
    return {
      title: xf(title, 0, 0, { horizontal: 'center', vertical: 'center' }),
      summary: xf(body, 0, 0, { horizontal: 'left', vertical: 'center', wrapText: '1' }),
      header: xf(bold, header, border, { horizontal: 'center', vertical: 'center', wrapText: '1' }),
      center: xf(body, 0, border, { horizontal: 'center', ...top }),
      text: xf(body, 0, border, { horizontal: 'left', ...top }),
      link: xf(link, 0, border, { horizontal: 'center', ...top }),
      error: xf(body, this.fillError, border, { horizontal: 'center', ...top }),
      warning: xf(body, this.fillWarning, border, { horizontal: 'center', ...top }),
    };
  }
}

// ---------------------------------------------------------------------------------------------------
// Marking cells

interface Mark {
  row: number; // 0-based
  col: number;
  ref: string;
  issues: Issue[];
  error: boolean;
}

/** An issue's cell as a mark position, or null when it names no single cell inside the sheet's bounds. */
function cellOf(cell: string | null): At | null {
  if (!cell) return null;
  let p: { row: number; col: number };
  try {
    p = parseA1(cell);
  } catch {
    return null;
  }
  if (p.row < 0 || p.row >= MAX_ROW || p.col < 0 || p.col >= MAX_COL) return null;
  return { ...p, ref: `${columnLetters(p.col)}${p.row + 1}` };
}

/** 0-based column of a cell reference ("AB12" → 27), or -1. */
function colOfRef(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) & ~0x20; // upper case
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  return i === 0 ? -1 : col - 1;
}

/**
 * Merges new elements (sorted by `key`) among `parent`'s children, whose elements of the same kind are
 * in `key` order: one pass, whatever the number of insertions.
 */
function mergeInOrder(parent: XmlElement, added: XmlElement[], key: (el: XmlElement) => number): void {
  if (added.length === 0) return;
  added.sort((a, b) => key(a) - key(b));
  const out: XmlNode[] = [];
  let k = 0;
  for (const c of parent.children) {
    if (c.type === 'element' && c.local === added[0].local && c.ns === added[0].ns)
      while (k < added.length && key(added[k]) < key(c)) out.push(added[k++]);
    out.push(c);
  }
  while (k < added.length) out.push(added[k++]);
  for (const a of added) a.parent = parent;
  parent.children = out;
}

/**
 * Sets the style of every marked cell of a worksheet, creating cells and rows where absent; cells marked
 * by an earlier copy and no longer flagged (`stale`) get their own style back.
 */
function markCells(ws: XmlElement, marks: Mark[], stale: At[], styles: Styles): void {
  const ns = ws.ns;
  let sheetData = childElement(ws, ns, 'sheetData');
  if (!sheetData) {
    sheetData = createElement(ws, ns, 'sheetData');
    insertChild(ws, sheetData, WORKSHEET_ORDER);
  }
  // Column styles: what an absent cell shows (an unlocked input column of the template, for one).
  const cols: { min: number; max: number; style: number }[] = [];
  const colsEl = childElement(ws, ns, 'cols');
  for (const c of colsEl ? childElements(colsEl, ns, 'col') : []) {
    const style = getAttr(c, 'style');
    if (style !== undefined)
      cols.push({ min: Number(getAttr(c, 'min')), max: Number(getAttr(c, 'max')), style: Number(style) });
  }
  cols.sort((a, b) => a.min - b.min);
  const colStyle = (col: number): number => {
    let lo = 0;
    let hi = cols.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (cols[mid].max < col + 1) lo = mid + 1;
      else if (cols[mid].min > col + 1) hi = mid - 1;
      else return cols[mid].style;
    }
    return 0;
  };

  // Rows by number (1-based); a row without r follows the one before it: numbers are written out so
  // that rows inserted below keep every row where it was.
  const rows = new Map<number, XmlElement>();
  const rowEls = childElements(sheetData, ns, 'row');
  let r = 0;
  const implicitRows = rowEls.some((row) => getAttr(row, 'r') === undefined);
  for (const row of rowEls) {
    const n = Number(getAttr(row, 'r'));
    r = Number.isInteger(n) && n > 0 ? n : r + 1;
    if (implicitRows) setAttr(row, 'r', String(r));
    if (!rows.has(r)) rows.set(r, row);
  }

  for (const at of stale) {
    const row = rows.get(at.row + 1);
    const cell = row && childElements(row, ns, 'c').find((c) => getAttr(c, 'r') === at.ref);
    const s = cell && getAttr(cell, 's');
    if (cell && s !== undefined) setAttr(cell, 's', String(styles.unmarked(Number(s))));
  }

  const byRow = new Map<number, Mark[]>();
  for (const m of marks) {
    const list = byRow.get(m.row + 1);
    if (list) list.push(m);
    else byRow.set(m.row + 1, [m]);
  }
  const newRows: XmlElement[] = [];
  for (const [rowNo, list] of byRow) {
    let row = rows.get(rowNo);
    if (!row) {
      row = createElement(sheetData, ns, 'row', { r: rowNo });
      newRows.push(row);
    }
    const rowStyle = isTrue(getAttr(row, 'customFormat')) ? Number(getAttr(row, 's') ?? 0) : null;
    // Cells by column; a cell without r follows the one before it.
    const cells = new Map<number, XmlElement>();
    const cellEls = childElements(row, ns, 'c');
    const implicit = cellEls.some((c) => getAttr(c, 'r') === undefined);
    let col = -1;
    for (const c of cellEls) {
      const ref = getAttr(c, 'r');
      const at = ref !== undefined ? colOfRef(ref) : -1;
      col = at >= 0 ? at : col + 1;
      if (implicit) setAttr(c, 'r', `${columnLetters(col)}${rowNo}`);
      if (!cells.has(col)) cells.set(col, c);
    }
    const newCells: XmlElement[] = [];
    for (const m of list) {
      let cell = cells.get(m.col);
      let old: number;
      // (a cell an earlier copy marked is marked from its own format again)
      if (cell) old = styles.unmarked(Number(getAttr(cell, 's') ?? 0));
      else {
        old = rowStyle ?? colStyle(m.col);
        cell = createElement(row, ns, 'c', { r: m.ref });
        cells.set(m.col, cell);
        newCells.push(cell);
      }
      setAttr(cell, 's', String(styles.markedStyle(Number.isInteger(old) ? old : 0, m.error)));
    }
    if (newCells.length) {
      removeAttr(row, 'spans'); // an optional hint, no longer right
      mergeInOrder(row, newCells, (c) => colOfRef(getAttr(c, 'r') ?? ''));
    }
  }
  mergeInOrder(sheetData, newRows, (row) => Number(getAttr(row, 'r')));

  // The dimension, when there is one, covers the new cells.
  const dim = childElement(ws, ns, 'dimension');
  const ref = dim ? getAttr(dim, 'ref') : undefined;
  if (dim && ref) {
    const [a, b = a] = ref.split(':');
    const p = cellOf(a);
    const q = cellOf(b);
    if (p && q) {
      let [r0, c0, r1, c1] = [p.row, p.col, q.row, q.col];
      for (const m of marks) {
        r0 = Math.min(r0, m.row);
        c0 = Math.min(c0, m.col);
        r1 = Math.max(r1, m.row);
        c1 = Math.max(c1, m.col);
      }
      setAttr(dim, 'ref', `${columnLetters(c0)}${r0 + 1}:${columnLetters(c1)}${r1 + 1}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Comments and their VML shapes

/** Shape ids of VML drawings come in blocks of 1024 (o:idmap data="n" → ids 1024·n …). */
class ShapeIds {
  private block: number;
  private next = 0;
  private left = 0;

  constructor(usedBlocks: number) {
    this.block = usedBlocks;
  }

  /** A new shape id; the blocks used are added to `blocks`. */
  take(blocks: Set<number>): number {
    if (this.left === 0) {
      this.block++;
      this.next = this.block * 1024 + 1;
      this.left = 1023;
    }
    blocks.add(this.block);
    this.left--;
    return this.next++;
  }
}

/** The highest shape-id block used by any VML part of the package (idmaps and _x0000_sN ids). */
function usedShapeBlocks(pkg: Package): number {
  let max = 0;
  for (const name of pkg.zip.names()) {
    if (!/\.vml$/i.test(name)) continue;
    let doc: XmlDocument | null;
    try {
      doc = pkg.read(name);
    } catch {
      continue; // not ours to fix; its ids are not known
    }
    if (!doc) continue;
    for (const m of descendants(doc.root, NS_O, 'idmap'))
      for (const d of (getAttr(m, 'data') ?? '').split(',')) if (Number(d) > max) max = Number(d);
    for (const s of descendants(doc.root, NS_VML, 'shape')) {
      for (const id of [getAttr(s, 'id'), getAttr(s, 'spid', NS_O)]) {
        const n = id?.startsWith('_x0000_s') ? Number(id.slice(8)) : NaN;
        if (Number.isInteger(n)) max = Math.max(max, Math.floor(n / 1024));
      }
    }
  }
  return max;
}

function newVml(): XmlDocument {
  const root: XmlElement = {
    type: 'element',
    name: 'xml',
    local: 'xml',
    ns: '',
    attrs: [
      { name: 'xmlns:v', value: NS_VML },
      { name: 'xmlns:o', value: NS_O },
      { name: 'xmlns:x', value: NS_X },
    ],
    children: [],
    parent: null,
  };
  const layout = add(root, 'shapelayout', {}, NS_O);
  setAttr(layout, 'ext', 'edit', NS_VML, 'v');
  const idmap = add(layout, 'idmap', {}, NS_O);
  setAttr(idmap, 'ext', 'edit', NS_VML, 'v');
  setAttr(idmap, 'data', '');
  return { decl: null, root, before: [], after: [] };
}

/** The note shape type (_x0000_t202) every comment shape refers to. */
function addNoteShapeType(root: XmlElement, at: number): void {
  const t = createElement(root, NS_VML, 'shapetype', {
    id: '_x0000_t202',
    coordsize: '21600,21600',
    path: 'm,l,21600r21600,l21600,xe',
  });
  setAttr(t, 'spt', '202', NS_O, 'o');
  add(t, 'stroke', { joinstyle: 'miter' });
  const path = add(t, 'path', { gradientshapeok: 't' });
  setAttr(path, 'connecttype', 'rect', NS_O, 'o');
  t.parent = root;
  root.children.splice(at, 0, t);
}

/** A hidden note shape for the cell at (row, col), sized for `lines` lines of text. */
function addNoteShape(root: XmlElement, id: number, row: number, col: number, lines: number): void {
  const height = Math.min(Math.max(lines + 1, 4), 24);
  const c0 = Math.min(col + 1, MAX_COL - 4);
  const r0 = Math.min(row, MAX_ROW - 1 - height);
  const shape = add(
    root,
    'shape',
    {
      id: `_x0000_s${id}`,
      type: '#_x0000_t202',
      style: `position:absolute;margin-left:60pt;margin-top:2pt;width:240pt;height:${height * 15}pt;z-index:${id % 1024};visibility:hidden`,
      fillcolor: '#ffffe1',
    },
    NS_VML,
  );
  setAttr(shape, 'insetmode', 'auto', NS_O, 'o');
  add(shape, 'fill', { color2: '#ffffe1' }, NS_VML);
  add(shape, 'shadow', { color: 'black', obscured: 't' }, NS_VML);
  setAttr(add(shape, 'path', {}, NS_VML), 'connecttype', 'none', NS_O, 'o');
  const box = add(shape, 'textbox', { style: 'mso-direction-alt:auto' }, NS_VML);
  add(box, 'div', { style: 'text-align:left' }, '');
  const data = add(shape, 'ClientData', { ObjectType: 'Note' }, NS_X);
  add(data, 'MoveWithCells', {}, NS_X);
  add(data, 'SizeWithCells', {}, NS_X);
  addText(data, 'Anchor', `${c0}, 15, ${r0}, 2, ${c0 + 4}, 15, ${r0 + height}, 2`, NS_X);
  addText(data, 'AutoFill', 'False', NS_X);
  addText(data, 'Row', String(row), NS_X);
  addText(data, 'Column', String(col), NS_X);
}

/** Lines a note takes in a 240pt box (about 20 characters a line). */
function noteLines(text: string): number {
  let n = 0;
  for (const line of text.split('\n')) n += Math.max(1, Math.ceil([...line].length / 20));
  return n;
}

interface SheetCtx {
  pkg: Package;
  ct: ContentTypes;
  relBase: string;
  rUri: string;
  mainUri: string;
  dir: string;
  ids: ShapeIds;
}

/** A free part name `${prefix}${n}${suffix}`, n from 1. */
function freeName(pkg: Package, prefix: string, suffix: string): string {
  let n = 1;
  while (pkg.has(`${prefix}${n}${suffix}`)) n++;
  return `${prefix}${n}${suffix}`;
}

/** Sets r:id on `el`, declaring the relationships namespace at the root when it is not in scope. */
function setRelId(doc: XmlDocument, el: XmlElement, id: string, rUri: string): void {
  declareAtRoot(doc.root, el, rUri, 'r');
  setAttr(el, 'id', id, NS.r);
}

/** The run between our note and the unit's own comment kept below it. */
const KEPT_LEAD = '\n\n原批注：\n';

/**
 * What a comment holds of the unit's own, as its runs (or plain <t>): after KEPT_LEAD when an earlier
 * copy wrapped it; nothing when the comment is ours (author `ourId`); else all of it.
 */
function unitPart(comment: XmlElement, ourId: number): { ours: boolean; kept: XmlElement[] } {
  const text = childElement(comment, comment.ns, 'text');
  const items = text
    ? childElements(text).filter((c) => c.ns === comment.ns && (c.local === 'r' || c.local === 't'))
    : [];
  const lead = items.findIndex((c) => c.local === 'r' && textContent(c) === KEPT_LEAD);
  if (lead >= 0) return { ours: true, kept: items.slice(lead + 1) };
  if (ourId >= 0 && getAttr(comment, 'authorId') === String(ourId)) return { ours: true, kept: [] };
  return { ours: false, kept: items };
}

/**
 * The comment's text: our note (bold) first, then the unit's own comment, if any (plain text becomes a
 * run; runs are kept as they were, with the namespace declarations their <text> had).
 */
function commentText(comment: XmlElement, note: string, kept: XmlElement[], decls: XmlElement | null): void {
  const ns = comment.ns;
  const text = add(comment, 'text');
  const run = (t: string, bold: boolean) => {
    const r = add(text, 'r');
    const pr = add(r, 'rPr');
    if (bold) add(pr, 'b');
    add(pr, 'sz', { val: 10 });
    add(pr, 'color', { rgb: 'FF000000' });
    add(pr, 'rFont', { val: FONT });
    add(pr, 'family', { val: 3 });
    add(pr, 'charset', { val: 134 });
    addText(r, 't', t);
  };
  run(note, true);
  if (kept.length === 0 || kept.every((k) => textContent(k).trim() === '')) return;
  for (const a of decls?.attrs ?? [])
    if (a.name === 'xmlns' || a.name.startsWith('xmlns:')) text.attrs.push({ ...a });
  run(KEPT_LEAD, false);
  for (const k of kept) {
    if (k.local === 't') {
      const r = createElement(text, ns, 'r');
      appendChild(r, k);
      appendChild(text, r);
    } else appendChild(text, k);
  }
}

/** A cell position (0-based) and its reference. */
interface At {
  row: number;
  col: number;
  ref: string;
}

/**
 * Comments (and their VML shapes) on the marked cells of one sheet. Our comments from an earlier return
 * copy (a unit sends the copy back corrected) go, with their shapes, unless their cell is flagged again;
 * returns those cells (their fill goes too). Does nothing (and returns []) when the sheet has neither.
 */
function commentCells(ctx: SheetCtx, part: string, wsDoc: XmlDocument, marks: Mark[]): At[] {
  const { pkg, ct } = ctx;
  const ws = wsDoc.root;
  const rels = new Rels(pkg, part, ctx.relBase);

  // The comments part: the sheet's own, or a new one; our earlier comments in it.
  let commentsPart = rels.ofType('comments')?.target;
  let comments = commentsPart ? pkg.read(commentsPart) : null;
  const authorsOf = (doc: XmlDocument) => {
    const el = childElement(doc.root, doc.root.ns, 'authors');
    return el ? childElements(el, doc.root.ns, 'author') : [];
  };
  const ourId = comments ? authorsOf(comments).findIndex((a) => textContent(a) === AUTHOR) : -1;
  const existing = new Map<string, { el: XmlElement; ours: boolean; kept: XmlElement[] }>();
  const listEl = comments && childElement(comments.root, comments.root.ns, 'commentList');
  for (const c of listEl ? childElements(listEl, listEl.ns, 'comment') : []) {
    const at = cellOf(getAttr(c, 'ref') ?? null);
    if (at && !existing.has(at.ref)) existing.set(at.ref, { el: c, ...unitPart(c, ourId) });
  }
  const flagged = new Set(marks.map((m) => m.ref));
  const stale: At[] = [];
  for (const [ref, c] of existing) if (c.ours && !flagged.has(ref)) stale.push(cellOf(ref)!);
  if (marks.length === 0 && stale.length === 0) return [];

  if (comments) pkg.edit(commentsPart!);
  else {
    commentsPart = freeName(pkg, `${ctx.dir}comments`, '.xml');
    comments = newDoc('comments', ctx.mainUri);
    pkg.add(commentsPart, comments);
    ct.override(commentsPart, CT.comments);
    rels.add('comments', commentsPart);
  }
  const croot = comments.root;
  let authors = childElement(croot, croot.ns, 'authors');
  if (!authors) {
    authors = createElement(croot, croot.ns, 'authors');
    insertChild(croot, authors, COMMENTS_ORDER);
  }
  let authorId = ourId;
  if (authorId < 0 && marks.length) {
    authorId = authorsOf(comments).length;
    addText(authors, 'author', AUTHOR);
  }
  let list = childElement(croot, croot.ns, 'commentList');
  if (!list) {
    list = createElement(croot, croot.ns, 'commentList');
    insertChild(croot, list, COMMENTS_ORDER);
  }
  // Ours from an earlier copy, no longer flagged: the unit's own comment it wrapped comes back as it
  // was, or the comment goes (and its shape, below).
  const gone = new Set<string>();
  const removed = new Set<XmlNode>();
  for (const at of stale) {
    const c = existing.get(at.ref)!;
    const text = childElement(c.el, c.el.ns, 'text');
    if (c.kept.length && text) {
      text.children = [];
      for (const k of c.kept) appendChild(text, k);
      existing.set(at.ref, { el: c.el, ours: false, kept: c.kept });
    } else {
      removed.add(c.el);
      existing.delete(at.ref);
      gone.add(`${at.row},${at.col}`);
    }
  }
  if (removed.size) list.children = list.children.filter((c) => !removed.has(c));

  // The VML drawing the sheet's legacyDrawing points to, or (for new comments) a new one.
  let legacy = childElement(ws, ws.ns, 'legacyDrawing');
  const vmlRel = rels.get(legacy ? getAttr(legacy, 'id', NS.r) : undefined);
  let vmlPart = vmlRel?.type === 'vmlDrawing' ? vmlRel.target : undefined;
  let vml: XmlDocument | null = null;
  if (vmlPart) {
    try {
      vml = pkg.edit(vmlPart);
    } catch {
      throw new ReturnCopyError(`工作表的批注图形（${vmlPart}）不是有效的XML，无法加批注`);
    }
  }
  if (!vml) {
    if (marks.length === 0) return stale;
    vmlPart = freeName(pkg, `${ctx.dir}drawings/vmlDrawing`, '.vml');
    vml = newVml();
    pkg.add(vmlPart, vml);
    const id = rels.add('vmlDrawing', vmlPart);
    if (!legacy) {
      legacy = createElement(ws, ws.ns, 'legacyDrawing');
      insertChild(ws, legacy, WORKSHEET_ORDER);
    }
    setRelId(wsDoc, legacy, id, ctx.rUri);
  }
  ct.byExtension(vmlPart!, 'vml', CT.vml);
  const vroot = vml.root;
  // Note shapes by cell: those of comments gone go too, the others say which cells already have one.
  const shaped = new Set<string>();
  const goneShapes = new Set<XmlNode>();
  for (const d of descendants(vroot, NS_X, 'ClientData')) {
    if (getAttr(d, 'ObjectType') !== 'Note') continue;
    const rEl = childElement(d, NS_X, 'Row');
    const cEl = childElement(d, NS_X, 'Column');
    if (!rEl || !cEl) continue;
    const key = `${Number(textContent(rEl))},${Number(textContent(cEl))}`;
    if (gone.has(key) && d.parent?.parent) goneShapes.add(d.parent);
    else shaped.add(key);
  }
  for (const parent of new Set([...goneShapes].map((s) => (s as XmlElement).parent!)))
    parent.children = parent.children.filter((c) => !goneShapes.has(c));
  if (marks.length === 0) return stale;

  declareAtRoot(vroot, vroot, NS_VML, 'v');
  declareAtRoot(vroot, vroot, NS_O, 'o');
  declareAtRoot(vroot, vroot, NS_X, 'x');
  const hasType = descendants(vroot, NS_VML, 'shapetype').some((t) => getAttr(t, 'id') === '_x0000_t202');
  if (!hasType) {
    const layout = childElement(vroot, NS_O, 'shapelayout');
    addNoteShapeType(vroot, layout ? vroot.children.indexOf(layout) + 1 : 0);
  }
  // A comment of the unit's without a shape gets one too (Excel shows a comment through its shape).
  const blocks = new Set<number>();
  for (const [ref, c] of existing) {
    const p = cellOf(ref)!;
    if (!shaped.has(`${p.row},${p.col}`) && !flagged.has(ref)) {
      addNoteShape(vroot, ctx.ids.take(blocks), p.row, p.col, noteLines(textContent(c.el)));
      shaped.add(`${p.row},${p.col}`);
    }
  }

  const sorted = [...marks].sort((a, b) => a.row - b.row || a.col - b.col);
  const position = new Map<XmlNode, number>(list.children.map((c, i) => [c, i]));
  for (const m of sorted) {
    const note = returnCellNote(m.issues);
    const prev = existing.get(m.ref);
    const old = prev?.el ?? null;
    // the unit's own comment stays below ours (with its author); ours from an earlier copy is replaced
    const kept = prev?.kept ?? [];
    const author = kept.length && old ? (getAttr(old, 'authorId') ?? authorId) : authorId;
    const comment = createElement(list, croot.ns, 'comment', { ref: m.ref, authorId: author });
    const oldText = old && childElement(old, old.ns, 'text');
    commentText(comment, note, kept, oldText);
    if (old) {
      for (const c of childElements(old)) if (c !== oldText) appendChild(comment, c);
      // in its place; its shape stays
      for (const a of old.attrs) if (a.name !== 'ref' && a.name !== 'authorId') comment.attrs.push({ ...a });
      comment.parent = list;
      list.children[position.get(old)!] = comment;
    } else appendChild(list, comment);
    if (!shaped.has(`${m.row},${m.col}`)) {
      addNoteShape(vroot, ctx.ids.take(blocks), m.row, m.col, noteLines(note));
      shaped.add(`${m.row},${m.col}`);
    }
  }
  // The blocks of the new shape ids, in the drawing's idmap (when it has one).
  if (blocks.size) {
    const idmap = descendants(vroot, NS_O, 'idmap')[0];
    if (idmap) {
      const data = (getAttr(idmap, 'data') ?? '').split(',').filter((d) => d.trim() !== '');
      for (const b of blocks) if (!data.includes(String(b))) data.push(String(b));
      setAttr(idmap, 'data', data.join(','));
    }
  }
  return stale;
}

// ---------------------------------------------------------------------------------------------------
// The 校验结果 sheet

/** Line height (pt) of 11pt 宋体, and the most lines a row is given (Excel caps a row at 409pt). */
const LINE_PT = 14.25;
const MAX_LINES = 28;

/**
 * Lines a text takes in a column `width` characters wide (a CJK character is two widths of "0"):
 * row heights are written out, since LibreOffice does not fit the rows of a file to their text.
 */
function linesIn(text: string, width: number): number {
  let lines = 0;
  for (const line of text.split('\n')) {
    let units = 0;
    for (const ch of line) units += ch.charCodeAt(0) > 0x2e7f ? 2 : 1.1;
    lines += Math.max(1, Math.ceil(units / Math.max(1, width - 1.5)));
    if (lines >= MAX_LINES) return MAX_LINES;
  }
  return lines;
}

const rowHeight = (lines: number) => Math.round((lines * LINE_PT + 6) * 4) / 4;

function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

function issueSheet(
  mainUri: string,
  issues: readonly Issue[],
  st: SheetStyles,
  title: string,
  linkable: (is: Issue) => string | null,
): XmlDocument {
  const doc = newDoc('worksheet', mainUri);
  const ws = doc.root;
  const last = columnLetters(RETURN_COLUMNS.length - 1);
  const lastRow = HEADER_ROW + issues.length;
  const pr = add(ws, 'sheetPr');
  add(pr, 'tabColor', { rgb: 'FFC00000' });
  add(pr, 'pageSetUpPr', { fitToPage: 1 });
  add(ws, 'dimension', { ref: `A1:${last}${lastRow}` });
  const view = add(add(ws, 'sheetViews'), 'sheetView', { tabSelected: 1, workbookViewId: 0 });
  add(view, 'pane', {
    ySplit: HEADER_ROW,
    topLeftCell: `A${HEADER_ROW + 1}`,
    activePane: 'bottomLeft',
    state: 'frozen',
  });
  add(view, 'selection', {
    pane: 'bottomLeft',
    activeCell: `A${HEADER_ROW + 1}`,
    sqref: `A${HEADER_ROW + 1}`,
  });
  add(ws, 'sheetFormatPr', { defaultRowHeight: 15 });
  const cols = add(ws, 'cols');
  WIDTHS.forEach((w, i) => add(cols, 'col', { min: i + 1, max: i + 1, width: w, customWidth: 1 }));
  const data = add(ws, 'sheetData');

  const row = (r: number, attrs: Record<string, string | number> = {}) => add(data, 'row', { r, ...attrs });
  const cell = (rowEl: XmlElement, r: number, c: number, v: string | number, s: number) => {
    const ref = `${columnLetters(c)}${r}`;
    if (typeof v === 'number') {
      const el = add(rowEl, 'c', { r: ref, s });
      addText(el, 'v', String(v));
    } else {
      // inline strings: unit text is never a formula, and sharedStrings stays the unit's
      const el = add(rowEl, 'c', { r: ref, s, t: 'inlineStr' });
      addText(add(el, 'is'), 't', cellText(v));
    }
  };
  const errors = issues.filter((i) => i.severity === 'error').length;
  const t = row(1, { ht: 30, customHeight: 1 });
  cell(t, 1, 0, `${title ? `${title} ` : ''}填报表校验结果`, st.title);
  const summary =
    `共${issues.length}处问题：${SEVERITY_LABEL.error}${errors}处，${SEVERITY_LABEL.warning}${issues.length - errors}处。` +
    '有问题的单元格已标色（红色为错误，黄色为警告）并附批注；点击“单元格”一列可转到该处。' +
    '请逐项修改（错误须改正，警告请核实），修改后重新报送。';
  const total = WIDTHS.reduce((a, b) => a + b, 0);
  cell(row(2, { ht: rowHeight(linesIn(summary, total)), customHeight: 1 }), 2, 0, summary, st.summary);
  const h = row(HEADER_ROW);
  RETURN_COLUMNS.forEach((label, c) => cell(h, HEADER_ROW, c, label, st.header));
  const links: { ref: string; location: string; display: string }[] = [];
  issues.forEach((is, n) => {
    const r = HEADER_ROW + 1 + n;
    const values = returnIssueRow(is, n);
    let lines = 1;
    values.forEach((v, c) => {
      if (typeof v === 'string') lines = Math.max(lines, linesIn(v, WIDTHS[c]));
    });
    const el = row(r, { ht: rowHeight(lines), customHeight: 1 });
    const target = linkable(is);
    values.forEach((v, c) => {
      let style = c <= 1 || c === 3 ? st.center : st.text;
      if (c === 1) style = is.severity === 'error' ? st.error : st.warning;
      const linkCol = is.cell ? 3 : 2;
      if (target && c === linkCol) {
        style = st.link;
        links.push({ ref: `${columnLetters(c)}${r}`, location: target, display: String(v) });
      }
      cell(el, r, c, v, style);
    });
  });
  const merges = add(ws, 'mergeCells', { count: 2 });
  add(merges, 'mergeCell', { ref: `A1:${last}1` });
  add(merges, 'mergeCell', { ref: `A2:${last}2` });
  if (links.length) {
    const hl = add(ws, 'hyperlinks');
    for (const l of links) add(hl, 'hyperlink', { ref: l.ref, location: l.location, display: l.display });
  }
  add(ws, 'printOptions', { horizontalCentered: 1 });
  add(ws, 'pageMargins', { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 });
  add(ws, 'pageSetup', { paperSize: 9, orientation: 'landscape', fitToWidth: 1, fitToHeight: 0 });
  addText(add(ws, 'headerFooter'), 'oddFooter', '&C第 &P 页，共 &N 页');
  return doc;
}

// ---------------------------------------------------------------------------------------------------
// The copy

/** Whether a sheet part's first sheetView has its tab selected (read only up to the cells). */
function tabSelected(bytes: Uint8Array): boolean {
  const STOP = {};
  let selected = false;
  try {
    saxXml(decodeXmlBytes(bytes), {
      open(tag) {
        if (tag.local === 'sheetView' && isTrue(saxAttr(tag, 'tabSelected'))) {
          selected = true;
          throw STOP;
        }
        if (tag.local === 'sheetData') throw STOP;
      },
    });
  } catch (e) {
    if (e !== STOP) return false; // unreadable: not ours to change
  }
  return selected;
}

/** The main part: the package relationship's officeDocument, else xl/workbook.xml. */
function mainPart(pkg: Package): string {
  try {
    const rels = new Rels(pkg, '', '');
    const main = rels.ofType('officeDocument');
    if (main) return main.target;
  } catch {
    // a damaged package relationship part: the workbook at its usual place (as the reader does)
  }
  return 'xl/workbook.xml';
}

/**
 * The return copy of `original` marked with `issues`. Throws (in Chinese) when the package cannot be
 * patched; the original is never changed.
 */
export function buildReturnCopy(
  original: Uint8Array,
  issues: readonly Issue[],
  opts: ReturnCopyOptions = {},
): Uint8Array {
  try {
    return build(original, issues, opts);
  } catch (e) {
    if (e instanceof ReturnCopyError) throw e;
    if (e instanceof PackageError) throw new ReturnCopyError(e.message);
    if (e instanceof XmlError) throw new ReturnCopyError('文件中有无法解析的XML部件');
    if (e instanceof ZipError) throw new ReturnCopyError('文件的压缩结构异常');
    throw new ReturnCopyError(`生成时出错：${e instanceof Error ? e.message : String(e)}`);
  }
}

function build(original: Uint8Array, issues: readonly Issue[], opts: ReturnCopyOptions): Uint8Array {
  const pkg = new Package(new ZipReader(original, { inflateRaw: opts.inflateRaw }));
  const wbPart = mainPart(pkg);
  const wbDoc = pkg.edit(wbPart);
  if (!wbDoc || wbDoc.root.local !== 'workbook') throw new ReturnCopyError('文件中没有工作簿部件');
  const wb = wbDoc.root;
  const colon = wb.name.indexOf(':');
  const mainUri = lookupNamespaceUri(wb, colon < 0 ? '' : wb.name.slice(0, colon)) ?? NS.main;
  const strict = mainUri.startsWith('http://purl.oclc.org/');
  const rUri = strict ? STRICT_REL : NS.r;
  const relBase = rUri;
  const dir = wbPart.slice(0, wbPart.lastIndexOf('/') + 1);
  const wbRels = new Rels(pkg, wbPart, relBase);
  const ct = new ContentTypes(pkg);

  // The sheets, in tab order.
  let sheetsEl = childElement(wb, wb.ns, 'sheets');
  if (!sheetsEl) {
    sheetsEl = createElement(wb, wb.ns, 'sheets');
    insertChild(wb, sheetsEl, WORKBOOK_ORDER);
  }
  const sheets = childElements(sheetsEl, wb.ns, 'sheet').map((el) => {
    const rel = wbRels.get(getAttr(el, 'id', NS.r));
    return { el, name: getAttr(el, 'name') ?? '', rel };
  });
  const previous = sheets.find((s) => s.name === SHEETS.returnIssues);
  const worksheetPart = new Map<string, string>();
  for (const s of sheets)
    if (s !== previous && s.rel?.type === 'worksheet' && !worksheetPart.has(s.name))
      worksheetPart.set(s.name, s.rel.target);

  // Marks by sheet and cell (a cell with two issues gets one comment listing both).
  const marks = new Map<string, Map<string, Mark>>();
  for (const is of issues) {
    if (!is.sheet || !worksheetPart.has(is.sheet)) continue;
    const at = cellOf(is.cell);
    if (!at) continue;
    let cells = marks.get(is.sheet);
    if (!cells) marks.set(is.sheet, (cells = new Map()));
    const m = cells.get(at.ref);
    if (m) {
      m.issues.push(is);
      m.error ||= is.severity === 'error';
    } else cells.set(at.ref, { ...at, issues: [is], error: is.severity === 'error' });
  }

  // Styles (the workbook's own part, or a new one).
  let stylesPart = wbRels.ofType('styles')?.target;
  let stylesDoc = stylesPart ? pkg.edit(stylesPart) : null;
  if (!stylesDoc) {
    stylesPart = freeName(pkg, `${dir}styles`, '.xml');
    stylesDoc = newDoc('styleSheet', mainUri);
    pkg.add(stylesPart, stylesDoc);
    ct.override(stylesPart, CT.styles);
    wbRels.add('styles', stylesPart);
  }
  const styles = new Styles(stylesDoc);

  // The marked sheets: cell styles, comments and shapes.
  const ids = new ShapeIds(marks.size ? usedShapeBlocks(pkg) : 0);
  const edited = new Set<string>();
  for (const [name, part] of worksheetPart) {
    const list = [...(marks.get(name)?.values() ?? [])];
    // a sheet without marks only for our comments of an earlier copy, which need a comments part
    if (list.length === 0 && !new Rels(pkg, part, relBase).ofType('comments')) continue;
    const wsDoc = pkg.read(part);
    if (!wsDoc) continue; // a sheet whose part is missing (the reader leaves it out too)
    const stale = commentCells({ pkg, ct, relBase, rUri, mainUri, dir, ids }, part, wsDoc, list);
    if (list.length === 0 && stale.length === 0) continue;
    pkg.edit(part);
    markCells(wsDoc.root, list, stale, styles);
    edited.add(part);
  }

  // No other tab stays selected (two selected tabs are a group: typing would change both).
  for (const s of sheets) {
    if (s === previous || !s.rel) continue;
    const part = s.rel.target;
    if (!edited.has(part)) {
      const bytes = pkg.has(part) ? pkg.bytes(part) : undefined;
      if (!bytes || !tabSelected(bytes)) continue;
    }
    const doc = pkg.edit(part);
    const views = doc ? childElement(doc.root, doc.root.ns, 'sheetViews') : null;
    for (const v of views ? childElements(views, views.ns, 'sheetView') : []) removeAttr(v, 'tabSelected');
  }

  // The 校验结果 sheet: a new part, or the part of the one a unit sent back with its corrections.
  const st = styles.sheetStyles();
  const location = (is: Issue): string | null => {
    if (!is.sheet || !worksheetPart.has(is.sheet)) return null;
    return `${quoteSheet(is.sheet)}!${cellOf(is.cell)?.ref ?? 'A1'}`;
  };
  const sheetDoc = issueSheet(mainUri, issues, st, opts.title ?? '', location);
  let sheetEl: XmlElement;
  if (previous && previous.rel?.type === 'worksheet' && pkg.has(previous.rel.target)) {
    const part = previous.rel.target;
    pkg.drop(part);
    if (pkg.has(relsPartOf(part))) pkg.drop(relsPartOf(part));
    pkg.add(pkg.zip.entry(part)?.name ?? part, sheetDoc);
    sheetEl = previous.el;
    removeAttr(sheetEl, 'state');
  } else {
    if (previous?.rel) wbRels.remove(previous.rel.id);
    const part = freeName(pkg, `${dir}worksheets/sheet`, '.xml');
    pkg.add(part, sheetDoc);
    ct.override(part, CT.sheet);
    const id = wbRels.add('worksheet', part);
    let maxId = 0;
    for (const s of sheets) maxId = Math.max(maxId, Number(getAttr(s.el, 'sheetId')) || 0);
    sheetEl = createElement(sheetsEl, wb.ns, 'sheet', { name: SHEETS.returnIssues, sheetId: maxId + 1 });
    setRelId(wbDoc, sheetEl, id, rUri);
  }
  // First tab: sheet-local names follow their sheets to their new places.
  const before = sheets.map((s) => s.el);
  if (previous) removeChild(sheetsEl, previous.el);
  sheetEl.parent = sheetsEl;
  const firstEl = sheetsEl.children.findIndex((c) => c.type === 'element');
  sheetsEl.children.splice(firstEl < 0 ? sheetsEl.children.length : firstEl, 0, sheetEl);
  const after = childElements(sheetsEl, wb.ns, 'sheet');
  const newIndex = new Map(after.map((el, i) => [el, i]));
  let names = childElement(wb, wb.ns, 'definedNames');
  if (names) {
    for (const dn of childElements(names, wb.ns, 'definedName')) {
      const local = getAttr(dn, 'localSheetId');
      if (local === undefined) continue;
      const el = before[Number(local)];
      if (!el) continue;
      if (el === previous?.el) removeChild(names, dn);
      else setAttr(dn, 'localSheetId', String(newIndex.get(el)));
    }
  } else {
    names = createElement(wb, wb.ns, 'definedNames');
    insertChild(wb, names, WORKBOOK_ORDER);
  }
  const printTitles = createElement(names, wb.ns, 'definedName', {
    name: '_xlnm.Print_Titles',
    localSheetId: 0,
  });
  setText(printTitles, `${quoteSheet(SHEETS.returnIssues)}!$${HEADER_ROW}:$${HEADER_ROW}`);
  printTitles.parent = names;
  names.children.unshift(printTitles);
  // Opens on it.
  const views = childElement(wb, wb.ns, 'bookViews');
  for (const v of views ? childElements(views, wb.ns, 'workbookView') : []) {
    setAttr(v, 'activeTab', '0');
    if (getAttr(v, 'firstSheet') !== undefined) setAttr(v, 'firstSheet', '0');
  }
  return pkg.write();
}
