// Native charts as DrawingML chart parts (ECMA-376 Part 1 §21.2, c:chartSpace), built on the XML layer:
// clustered or stacked bars and columns with one or more series, and pies. The same part serves a
// workbook (series refer to sheet ranges and carry a cached copy of the values; xlsx-charts.ts) and a
// Word document (literal values; report/ooxml.ts). Made to be printed in black and white: fills step
// from dark to light with a black outline, every bar carries its value, no 3-D, no shadows; every text
// names its font (黑体 for the title, 宋体 elsewhere), so nothing falls back to the theme's Calibri.
// chartData reads a part back (series names, categories, values), for tests and for callers that show
// the numbers. Pure TypeScript (no fs).
import { appendElement, newPrefixedDocument } from './package';
import {
  childElement,
  childElements,
  descendants,
  getAttr,
  NS,
  serializeXml,
  setText,
  textContent,
  type XmlDocument,
  type XmlElement,
} from './xml';

export const CHART_NS = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
/** DrawingML main (a:). */
export const DRAWINGML_NS = 'http://schemas.openxmlformats.org/drawingml/2006/main';
export const CHART_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';
/** a:graphicData's uri for a chart. */
export const CHART_GRAPHIC_URI = CHART_NS;

/** bar: horizontal bars; column: vertical bars; pie: one series as slices. */
export type ChartKind = 'bar' | 'column' | 'pie';

export interface ChartSeries {
  name: string;
  /** One value a category; null is a gap (no bar, no label). */
  values: readonly (number | null)[];
  /** The sheet range the values come from ("'总览'!$B$5:$B$10"); without it the values are literal. */
  ref?: string;
}

export interface ChartSpec {
  kind: ChartKind;
  /** Bars or columns stacked (series on top of each other) instead of side by side. */
  stacked?: boolean;
  /** The title above the chart (黑体); none when a caption outside the chart names it. */
  title?: string | null;
  categories: readonly string[];
  /** The sheet range the categories come from; without it they are literal. */
  categoriesRef?: string;
  series: readonly ChartSeries[];
}

/** Fonts and sizes (hundredths of a point) of the chart's text. */
export const CHART_TEXT = {
  titleFont: '黑体',
  font: '宋体',
  titleSize: 1400,
  size: 1000,
  labelSize: 900,
} as const;

/**
 * Series fills, dark to light: distinct as greys when printed in black and white, each with a black
 * outline (a white-ish fill still shows its edge). Series past the list reuse it with a hatch.
 */
export const CHART_FILLS = ['1F3864', '8FAADC', 'EDF2FA', '4472C4', 'C9D6EE'] as const;
const HATCHES = ['dkUpDiag', 'smCheck', 'dkHorz', 'dkVert', 'dotDmnd'] as const;
const DARK_FILLS = new Set(['1F3864', '4472C4']);

const A = DRAWINGML_NS;
const C = CHART_NS;
const CAT_AX = 50010001;
const VAL_AX = 50010002;

type Attrs = Record<string, string | number>;
const c = (parent: XmlElement, local: string, attrs: Attrs = {}) => appendElement(parent, local, attrs, C);
const a = (parent: XmlElement, local: string, attrs: Attrs = {}) => appendElement(parent, local, attrs, A);
const val = (parent: XmlElement, local: string, v: string | number) => c(parent, local, { val: v });
const text = (parent: XmlElement, local: string, s: string, ns: string) => {
  const el = appendElement(parent, local, {}, ns);
  setText(el, s);
  return el;
};

/** A number as chart text: integers as they are, others to 10 significant digits. */
function numText(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(10)));
}

function solid(parent: XmlElement, rgb: string): void {
  a(a(parent, 'solidFill'), 'srgbClr', { val: rgb });
}

function line(parent: XmlElement, widthEmu: number, rgb: string | null): void {
  const ln = a(parent, 'ln', { w: widthEmu });
  if (rgb === null) a(ln, 'noFill');
  else solid(ln, rgb);
}

/** a:defRPr / a:rPr content: colour, then the fonts (Latin, East Asian, complex script). */
function runProps(el: XmlElement, font: string, rgb = '000000'): void {
  solid(el, rgb);
  for (const k of ['latin', 'ea', 'cs']) a(el, k, { typeface: font });
}

/** c:txPr: the text properties of a chart element. */
function textProps(parent: XmlElement, size: number, font: string = CHART_TEXT.font, rgb?: string): void {
  const tx = c(parent, 'txPr');
  a(tx, 'bodyPr');
  a(tx, 'lstStyle');
  const p = a(tx, 'p');
  runProps(a(a(p, 'pPr'), 'defRPr', { sz: size, b: 0 }), font, rgb);
  a(p, 'endParaRPr', { lang: 'zh-CN' });
}

function titleEl(parent: XmlElement, title: string): void {
  const t = c(parent, 'title');
  const rich = c(c(t, 'tx'), 'rich');
  a(rich, 'bodyPr');
  a(rich, 'lstStyle');
  const p = a(rich, 'p');
  runProps(a(a(p, 'pPr'), 'defRPr', { sz: CHART_TEXT.titleSize, b: 0 }), CHART_TEXT.titleFont);
  const r = a(p, 'r');
  runProps(a(r, 'rPr', { lang: 'zh-CN', sz: CHART_TEXT.titleSize, b: 0 }), CHART_TEXT.titleFont);
  text(r, 't', title, A);
  val(t, 'overlay', 0);
}

/** The fill of series (or pie slice) `i`: solid from the ramp, then hatched. */
function fill(spPr: XmlElement, i: number): void {
  const rgb = CHART_FILLS[i % CHART_FILLS.length];
  if (i < CHART_FILLS.length) solid(spPr, rgb);
  else {
    const p = a(spPr, 'pattFill', { prst: HATCHES[Math.floor(i / CHART_FILLS.length - 1) % HATCHES.length] });
    a(a(p, 'fgClr'), 'srgbClr', { val: '000000' });
    a(a(p, 'bgClr'), 'srgbClr', { val: rgb });
  }
  line(spPr, 6350, '000000');
}

/** Label text on a fill: white on the dark ones when the label sits inside the bar. */
function labelColour(i: number, inside: boolean): string {
  return inside && i < CHART_FILLS.length && DARK_FILLS.has(CHART_FILLS[i]) ? 'FFFFFF' : '000000';
}

/**
 * c:dLbls of a series: the value, zeros left blank (a row of "0" labels says nothing); pies say the
 * category, the value and its share.
 */
function labels(parent: XmlElement, spec: ChartSpec, i: number): void {
  const d = c(parent, 'dLbls');
  const pie = spec.kind === 'pie';
  // (A pie's labels keep the default format: it would apply to the share as well.)
  if (!pie) c(d, 'numFmt', { formatCode: '#,##0;-#,##0;;', sourceLinked: 0 });
  const sp = c(d, 'spPr');
  a(sp, 'noFill');
  line(sp, 9525, null);
  textProps(d, CHART_TEXT.labelSize, CHART_TEXT.font, labelColour(i, !pie && !!spec.stacked));
  // Pie labels outside the slices, in black on white whatever the slice's fill.
  val(d, 'dLblPos', pie ? 'outEnd' : spec.stacked ? 'ctr' : 'outEnd');
  val(d, 'showLegendKey', 0);
  val(d, 'showVal', 1);
  val(d, 'showCatName', pie ? 1 : 0);
  val(d, 'showSerName', 0);
  val(d, 'showPercent', pie ? 1 : 0);
  val(d, 'showBubbleSize', 0);
  if (pie) {
    text(d, 'separator', '\n', C);
    val(d, 'showLeaderLines', 1);
  }
}

function strData(parent: XmlElement, local: 'strCache' | 'strLit', items: readonly string[]): void {
  const s = c(parent, local);
  val(s, 'ptCount', items.length);
  items.forEach((v, idx) => text(c(s, 'pt', { idx }), 'v', v, C));
}

function numData(parent: XmlElement, local: 'numCache' | 'numLit', items: readonly (number | null)[]): void {
  const s = c(parent, local);
  text(s, 'formatCode', 'General', C);
  val(s, 'ptCount', items.length);
  items.forEach((v, idx) => {
    if (v !== null && Number.isFinite(v)) text(c(s, 'pt', { idx }), 'v', numText(v), C);
  });
}

function categoriesEl(ser: XmlElement, spec: ChartSpec): void {
  const cat = c(ser, 'cat');
  if (spec.categoriesRef) {
    const ref = c(cat, 'strRef');
    text(ref, 'f', spec.categoriesRef, C);
    strData(ref, 'strCache', spec.categories);
  } else strData(cat, 'strLit', spec.categories);
}

function valuesEl(ser: XmlElement, s: ChartSeries): void {
  const v = c(ser, 'val');
  if (s.ref) {
    const ref = c(v, 'numRef');
    text(ref, 'f', s.ref, C);
    numData(ref, 'numCache', s.values);
  } else numData(v, 'numLit', s.values);
}

/** A step for the value axis: 1, 2 or 5 × 10^k, about five steps to the largest bar; whole numbers. */
export function axisStep(max: number): number {
  if (!(max > 0)) return 1;
  const raw = max / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  return Math.max(1, Math.round(step));
}

/** The largest bar: the largest value, or for stacked bars the largest sum of a category. */
function largestBar(spec: ChartSpec): number {
  let max = 0;
  spec.categories.forEach((_, k) => {
    let sum = 0;
    for (const s of spec.series) {
      const v = s.values[k] ?? 0;
      if (spec.stacked) sum += Math.max(0, v);
      else max = Math.max(max, v);
    }
    max = Math.max(max, sum);
  });
  return max;
}

function axes(plot: XmlElement, spec: ChartSpec): void {
  const bar = spec.kind === 'bar';
  // Category axis: the first category on top of a bar chart (reading order), at the left/bottom.
  const cat = c(plot, 'catAx');
  val(cat, 'axId', CAT_AX);
  val(c(cat, 'scaling'), 'orientation', bar ? 'maxMin' : 'minMax');
  val(cat, 'delete', 0);
  val(cat, 'axPos', bar ? 'l' : 'b');
  c(cat, 'numFmt', { formatCode: 'General', sourceLinked: 0 });
  val(cat, 'majorTickMark', 'none');
  val(cat, 'minorTickMark', 'none');
  val(cat, 'tickLblPos', 'nextTo');
  const catSp = c(cat, 'spPr');
  line(catSp, 9525, '000000');
  textProps(cat, CHART_TEXT.size);
  val(cat, 'crossAx', VAL_AX);
  val(cat, 'crosses', 'autoZero');
  val(cat, 'auto', 1);
  val(cat, 'lblAlgn', 'ctr');
  val(cat, 'lblOffset', 100);
  val(cat, 'noMultiLvlLbl', 0);

  // Value axis: on column charts a scale with light gridlines; bar charts carry their values on the
  // bars and leave the axis out.
  const v = c(plot, 'valAx');
  val(v, 'axId', VAL_AX);
  const scaling = c(v, 'scaling');
  val(scaling, 'orientation', 'minMax');
  val(scaling, 'min', 0);
  val(v, 'delete', bar ? 1 : 0);
  val(v, 'axPos', bar ? 't' : 'l');
  if (!bar) line(c(c(v, 'majorGridlines'), 'spPr'), 6350, 'BFBFBF');
  c(v, 'numFmt', { formatCode: '0', sourceLinked: 0 });
  val(v, 'majorTickMark', 'none');
  val(v, 'minorTickMark', 'none');
  val(v, 'tickLblPos', 'nextTo');
  const valSp = c(v, 'spPr');
  line(valSp, 9525, bar ? null : '000000');
  textProps(v, CHART_TEXT.size);
  val(v, 'crossAx', CAT_AX);
  val(v, 'crosses', bar ? 'max' : 'autoZero');
  val(v, 'crossBetween', 'between');
  val(v, 'majorUnit', axisStep(largestBar(spec)));
}

/** The chart part for `spec` as an XML tree. */
export function chartSpaceDoc(spec: ChartSpec): XmlDocument {
  if (spec.series.length === 0) throw new Error('a chart needs at least one series');
  const doc = newPrefixedDocument('c', 'chartSpace', { c: C, a: A, r: NS.r });
  const root = doc.root;
  val(root, 'date1904', 0);
  val(root, 'lang', 'zh-CN');
  val(root, 'roundedCorners', 0);
  const chart = c(root, 'chart');
  if (spec.title) titleEl(chart, spec.title);
  val(chart, 'autoTitleDeleted', spec.title ? 0 : 1);
  const plot = c(chart, 'plotArea');
  c(plot, 'layout');
  const pie = spec.kind === 'pie';
  const group = c(plot, pie ? 'pieChart' : 'barChart');
  if (!pie) {
    val(group, 'barDir', spec.kind === 'bar' ? 'bar' : 'col');
    val(group, 'grouping', spec.stacked ? 'stacked' : 'clustered');
  }
  val(group, 'varyColors', pie ? 1 : 0);
  (pie ? spec.series.slice(0, 1) : spec.series).forEach((s, i) => {
    const ser = c(group, 'ser');
    val(ser, 'idx', i);
    val(ser, 'order', i);
    text(c(ser, 'tx'), 'v', s.name, C);
    if (pie) {
      line(c(ser, 'spPr'), 6350, '000000');
      spec.categories.forEach((_, k) => {
        const pt = c(ser, 'dPt');
        val(pt, 'idx', k);
        fill(c(pt, 'spPr'), k);
      });
    } else {
      fill(c(ser, 'spPr'), i);
      val(ser, 'invertIfNegative', 0);
    }
    labels(ser, spec, i);
    categoriesEl(ser, spec);
    valuesEl(ser, s);
  });
  if (pie) val(group, 'firstSliceAng', 0);
  else {
    val(group, 'gapWidth', spec.series.length > 1 ? 60 : 80);
    if (spec.stacked) val(group, 'overlap', 100);
    val(group, 'axId', CAT_AX);
    val(group, 'axId', VAL_AX);
    axes(plot, spec);
  }
  const plotSp = c(plot, 'spPr');
  a(plotSp, 'noFill');
  line(plotSp, 9525, null);
  // Pies name their slices on the labels; bars need a legend only for more than one series.
  if (!pie && spec.series.length > 1) {
    const legend = c(chart, 'legend');
    val(legend, 'legendPos', 'b');
    val(legend, 'overlay', 0);
    textProps(legend, CHART_TEXT.size);
  }
  val(chart, 'plotVisOnly', 1);
  val(chart, 'dispBlanksAs', 'gap');
  const sp = c(root, 'spPr');
  solid(sp, 'FFFFFF');
  line(sp, 9525, null);
  textProps(root, CHART_TEXT.size);
  return doc;
}

/** The chart part for `spec` as XML text. */
export function chartSpaceXml(spec: ChartSpec): string {
  return serializeXml(chartSpaceDoc(spec));
}

/** A sheet range as a chart formula: "'总览'!$A$5:$A$10" (the name always quoted, ' doubled). */
export function sheetRangeRef(sheet: string, range: string): string {
  const abs = range
    .split(':')
    .map((p) =>
      p.trim().replace(/^\$?([A-Za-z]+)\$?(\d+)$/, (_, col: string, row: string) => `$${col}$${row}`),
    )
    .join(':');
  return `'${sheet.replace(/'/g, "''")}'!${abs}`;
}

// ---------------------------------------------------------------------------------------------------
// Reading a chart part back

export interface ChartData {
  kind: ChartKind | 'other';
  stacked: boolean;
  title: string | null;
  series: { name: string; categories: string[]; values: (number | null)[]; ref: string | null }[];
}

function points(data: XmlElement | null): (string | null)[] {
  if (!data) return [];
  const count = Number(getAttr(childElement(data, C, 'ptCount') ?? data, 'val') ?? 0);
  const out: (string | null)[] = new Array(Number.isFinite(count) ? count : 0).fill(null);
  for (const pt of childElements(data, C, 'pt')) {
    const idx = Number(getAttr(pt, 'idx'));
    const v = childElement(pt, C, 'v');
    if (Number.isInteger(idx) && idx >= 0 && v) out[idx] = textContent(v);
  }
  return out;
}

/** The data of a chart source (c:cat or c:val): its formula (null for literals) and its points. */
function source(el: XmlElement | null): { ref: string | null; items: (string | null)[] } {
  if (!el) return { ref: null, items: [] };
  for (const k of ['strRef', 'numRef']) {
    const ref = childElement(el, C, k);
    if (ref) {
      const f = childElement(ref, C, 'f');
      return {
        ref: f ? textContent(f) : null,
        items: points(childElement(ref, C, k === 'strRef' ? 'strCache' : 'numCache')),
      };
    }
  }
  return { ref: null, items: points(childElement(el, C, 'strLit') ?? childElement(el, C, 'numLit')) };
}

/** What a chart part shows: its kind, title and each series' name, categories and values. */
export function chartData(doc: XmlDocument): ChartData {
  const chart = childElement(doc.root, C, 'chart');
  const plot = chart && childElement(chart, C, 'plotArea');
  const group = plot && (childElement(plot, C, 'barChart') ?? childElement(plot, C, 'pieChart'));
  const title = chart && childElement(chart, C, 'title');
  let kind: ChartData['kind'] = 'other';
  if (group?.local === 'pieChart') kind = 'pie';
  else if (group) {
    const dir = childElement(group, C, 'barDir');
    kind = dir && getAttr(dir, 'val') === 'bar' ? 'bar' : 'column';
  }
  const grouping = group && childElement(group, C, 'grouping');
  return {
    kind,
    stacked: !!grouping && /stacked/i.test(getAttr(grouping, 'val') ?? ''),
    title: title ? descendants(title, A, 't').map(textContent).join('') : null,
    series: (group ? childElements(group, C, 'ser') : []).map((ser) => {
      const tx = childElement(ser, C, 'tx');
      const literal = tx && childElement(tx, C, 'v');
      const nameRef = tx && childElement(tx, C, 'strRef');
      const cat = source(childElement(ser, C, 'cat'));
      const v = source(childElement(ser, C, 'val'));
      return {
        name: literal
          ? textContent(literal)
          : ((nameRef && points(childElement(nameRef, C, 'strCache'))[0]) ?? ''),
        categories: cat.items.map((x) => x ?? ''),
        values: v.items.map((x) => (x === null || x.trim() === '' ? null : Number(x))),
        ref: v.ref,
      };
    }),
  };
}
