// Native charts added to a sheet of an existing workbook (exceljs, openpyxl, xlsxwriter, LibreOffice or
// Excel wrote it), on the package and XML layers: a chart part per chart (chart.ts) whose series refer to
// the sheet's cells with a cached copy of their values (read from the same cells, so the picture and
// the table agree), a drawing part (the sheet's own when it has one: the charts are appended to it)
// anchored to cells (twoCellAnchor), and the relationships and content types between them. Every other
// part is copied as it was. Pure TypeScript (no fs).
import { parseA1, type CellValue } from '../xlsx/grid';
import { readWorkbook } from '../xlsx/reader';
import {
  CHART_CONTENT_TYPE,
  CHART_GRAPHIC_URI,
  CHART_NS,
  chartSpaceDoc,
  sheetRangeRef,
  type ChartKind,
} from './chart';
import {
  appendElement,
  ContentTypes,
  freePartName,
  newPrefixedDocument,
  Package,
  PackageError,
  Rels,
} from './package';
import {
  childElement,
  childElements,
  createElement,
  descendants,
  getAttr,
  insertChild,
  lookupNamespaceUri,
  NS,
  setAttr,
  setText,
  WORKSHEET_ORDER,
  type XmlElement,
} from './xml';
import { ZipReader, type ZipReadOptions } from './zip';

/** A chart on a sheet: its data as A1 ranges of that sheet (one row or one column each). */
export interface SheetChart {
  kind: ChartKind;
  stacked?: boolean;
  title: string;
  /** The category labels, e.g. "A5:A10". */
  categories: string;
  /** The series, each with its name and the range of its values ("B5:B10"), as long as the categories. */
  series: readonly { name: string; values: string }[];
  /** The cells the chart covers, e.g. "J4:Q18" (its top-left and bottom-right cells). */
  anchor: string;
}

const XDR_NS = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';
const A_NS = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const REL_BASE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const DRAWING_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.drawing+xml';

interface Range {
  first: { row: number; col: number };
  last: { row: number; col: number };
}

function parseRange(range: string): Range {
  const [from, to = from] = range.split(':');
  let first: Range['first'];
  let last: Range['last'];
  try {
    first = parseA1(from);
    last = parseA1(to);
  } catch {
    throw new PackageError(`图表的单元格区域“${range}”无效`);
  }
  return {
    first: { row: Math.min(first.row, last.row), col: Math.min(first.col, last.col) },
    last: { row: Math.max(first.row, last.row), col: Math.max(first.col, last.col) },
  };
}

/** The cells of a one-row or one-column range, in order. */
function rangeCells(rows: readonly CellValue[][], range: string): CellValue[] {
  const { first, last } = parseRange(range);
  if (first.row !== last.row && first.col !== last.col)
    throw new PackageError(`图表的数据区域“${range}”应为一行或一列`);
  const out: CellValue[] = [];
  for (let r = first.row; r <= last.row; r++)
    for (let c = first.col; c <= last.col; c++) out.push(rows[r]?.[c] ?? null);
  return out;
}

function cellText(v: CellValue): string {
  if (v === null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') return v.kind === 'error' ? v.error : '';
  return String(v);
}

function cellNumber(v: CellValue): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** The sheet's part and the parts of every worksheet (by the workbook's relationships). */
function sheetPart(pkg: Package, sheetName: string): { workbook: string; part: string; all: Set<string> } {
  const workbook = new Rels(pkg, '', '').ofType('officeDocument')?.target ?? 'xl/workbook.xml';
  const doc = pkg.read(workbook);
  if (!doc || doc.root.local !== 'workbook') throw new PackageError('文件中没有工作簿部件');
  const wb = doc.root;
  const colon = wb.name.indexOf(':');
  const written = lookupNamespaceUri(wb, colon < 0 ? '' : wb.name.slice(0, colon)) ?? '';
  if (written.startsWith('http://purl.oclc.org/'))
    throw new PackageError('严格（Strict Open XML）格式的工作簿不支持添加图表，请另存为普通的 .xlsx 格式');
  const rels = new Rels(pkg, workbook, REL_BASE);
  const sheets = childElement(wb, wb.ns, 'sheets');
  let part: string | null = null;
  const all = new Set<string>();
  for (const s of sheets ? childElements(sheets, wb.ns, 'sheet') : []) {
    const rel = rels.get(getAttr(s, 'id', NS.r));
    if (rel?.type !== 'worksheet') continue;
    all.add(rel.target);
    if (part === null && getAttr(s, 'name') === sheetName) part = rel.target;
  }
  if (part === null || !pkg.has(part)) throw new PackageError(`工作簿中没有工作表“${sheetName}”`);
  return { workbook, part, all };
}

/** The sheet's cell values (the other sheets are not read). */
function sheetRows(pkg: Package, sheetName: string, part: string, others: Set<string>): CellValue[][] {
  const skip = new Set([...others].filter((p) => p !== part).map((p) => p.toLowerCase()));
  const grid = readWorkbook({
    read: (name) => (skip.has(name.toLowerCase()) ? undefined : pkg.bytes(name)),
    has: (name) => pkg.has(name),
  });
  return grid.sheets.find((s) => s.name === sheetName)?.rows ?? [];
}

/** Appends an {xdr}local element holding a number (from/to's col, colOff, row, rowOff). */
function marker(parent: XmlElement, local: 'from' | 'to', row: number, col: number): void {
  const m = appendElement(parent, local, {}, XDR_NS, 'xdr');
  for (const [k, v] of [
    ['col', col],
    ['colOff', 0],
    ['row', row],
    ['rowOff', 0],
  ] as const) {
    const el = appendElement(m, k, {}, XDR_NS, 'xdr');
    setText(el, String(v));
  }
}

/** The drawing part of the sheet, created and referenced from the sheet when it has none. */
function sheetDrawing(pkg: Package, ct: ContentTypes, workbook: string, part: string): string {
  const rels = new Rels(pkg, part, REL_BASE);
  const doc = pkg.read(part);
  if (!doc) throw new PackageError(`文件缺少工作表部件“${part}”`);
  const ws = doc.root;
  const existingEl = childElement(ws, ws.ns, 'drawing');
  const existing = existingEl ? rels.get(getAttr(existingEl, 'id', NS.r)) : rels.ofType('drawing');
  if (existing?.type === 'drawing' && pkg.has(existing.target)) {
    const d = pkg.edit(existing.target);
    if (!d || d.root.local !== 'wsDr') throw new PackageError(`工作表的绘图部件“${existing.target}”无法识别`);
    return existing.target;
  }
  const dir = workbook.slice(0, workbook.lastIndexOf('/') + 1);
  const drawing = freePartName(pkg, `${dir}drawings/drawing`, '.xml');
  pkg.add(drawing, newPrefixedDocument('xdr', 'wsDr', { xdr: XDR_NS, a: A_NS }));
  ct.override(drawing, DRAWING_CONTENT_TYPE);
  const id = rels.add('drawing', drawing);
  pkg.edit(part);
  if (existingEl) setAttr(existingEl, 'id', id, NS.r);
  else {
    const el = createElement(ws, ws.ns, 'drawing');
    setAttr(el, 'id', id, NS.r);
    insertChild(ws, el, WORKSHEET_ORDER);
  }
  return drawing;
}

/**
 * Adds `charts` to the sheet `sheetName` of the workbook `bytes` and returns the new workbook. The
 * charts' caches hold the values of their cells as the file has them (a formula by its cached result;
 * a cell without a number is a gap). Throws PackageError (Chinese message) when the workbook or the
 * sheet cannot take them, and XmlError / ZipError for a damaged file.
 */
export function addSheetCharts(
  bytes: Uint8Array,
  sheetName: string,
  charts: readonly SheetChart[],
  opts: ZipReadOptions = {},
): Uint8Array {
  if (charts.length === 0) return bytes;
  const pkg = new Package(new ZipReader(bytes, opts));
  const { workbook, part, all } = sheetPart(pkg, sheetName);
  const rows = sheetRows(pkg, sheetName, part, all);
  const ct = new ContentTypes(pkg);
  const drawing = sheetDrawing(pkg, ct, workbook, part);
  const drawingDoc = pkg.read(drawing)!;
  const drawingRels = new Rels(pkg, drawing, REL_BASE);
  const root = drawingDoc.root;
  let nextId = 0;
  for (const pr of descendants(root, XDR_NS, 'cNvPr'))
    nextId = Math.max(nextId, Number(getAttr(pr, 'id')) || 0);
  const dir = workbook.slice(0, workbook.lastIndexOf('/') + 1);

  for (const ch of charts) {
    const categories = rangeCells(rows, ch.categories);
    const series = ch.series.map((s) => {
      const values = rangeCells(rows, s.values);
      if (values.length !== categories.length)
        throw new PackageError(
          `图表“${ch.title}”的数据区域“${s.values}”与类别区域“${ch.categories}”长短不一`,
        );
      return { name: s.name, values: values.map(cellNumber), ref: sheetRangeRef(sheetName, s.values) };
    });
    const chartPart = freePartName(pkg, `${dir}charts/chart`, '.xml');
    pkg.add(
      chartPart,
      chartSpaceDoc({
        kind: ch.kind,
        stacked: ch.stacked,
        title: ch.title,
        categories: categories.map(cellText),
        categoriesRef: sheetRangeRef(sheetName, ch.categories),
        series,
      }),
    );
    ct.override(chartPart, CHART_CONTENT_TYPE);
    const rid = drawingRels.add('chart', chartPart);

    const { first, last } = parseRange(ch.anchor);
    const anchor = appendElement(root, 'twoCellAnchor', {}, XDR_NS, 'xdr');
    marker(anchor, 'from', first.row, first.col);
    marker(anchor, 'to', last.row + 1, last.col + 1);
    const frame = appendElement(anchor, 'graphicFrame', { macro: '' }, XDR_NS);
    const nv = appendElement(frame, 'nvGraphicFramePr', {}, XDR_NS);
    nextId++;
    appendElement(nv, 'cNvPr', { id: nextId, name: `图表 ${nextId}`, descr: ch.title }, XDR_NS);
    appendElement(nv, 'cNvGraphicFramePr', {}, XDR_NS);
    const xfrm = appendElement(frame, 'xfrm', {}, XDR_NS);
    appendElement(xfrm, 'off', { x: 0, y: 0 }, A_NS, 'a');
    appendElement(xfrm, 'ext', { cx: 0, cy: 0 }, A_NS, 'a');
    const graphic = appendElement(frame, 'graphic', {}, A_NS, 'a');
    const data = appendElement(graphic, 'graphicData', { uri: CHART_GRAPHIC_URI }, A_NS, 'a');
    const ref = appendElement(data, 'chart', {}, CHART_NS, 'c');
    setAttr(ref, 'id', rid, NS.r);
    appendElement(anchor, 'clientData', {}, XDR_NS);
  }
  return pkg.write();
}
