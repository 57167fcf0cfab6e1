// fillWorkbook: a completed workbook from a Submission-like object, written exactly where the template
// has its cells. Used by tests (to simulate what users type), the demo and the benchmark, so it is fast:
// the template is built once per definition with exceljs, and each fill only patches the cells of the
// sheet XML that change and re-compresses the changed parts (a few ms per workbook).
// Pure code (no fs/path/process).
import type { ColumnDef, Definition, InfoFieldDef } from '../standard/types';
import { definition } from '../standard/ideology';
import { columnLetters, parseA1 } from '../xlsx/grid';
import { layoutOf } from './layout';
import { METRIC_LABEL_KEYS, TEMPLATE_DATE, writeTemplate } from './writer';
import { xmlAttr, xmlUnescape } from '../ooxml/xml-zip';
import { xmlEscape } from '../ooxml/xml';
import { nativeDeflatedEntry, unzip, writeZip, type ZipEntry } from '../ooxml/zip';

/** A formula cell, optionally with a cached result (none = "open and save in Excel" case). */
export interface FormulaCell {
  formula: string;
  result?: string | number | boolean | null;
}

/**
 * What may go into a cell. Numbers are written as numbers, strings as text (so '3次', '３', '三',
 * '2023年12月31日' arrive exactly as a user typed them), Date as a date cell. In a date field an ISO
 * 'YYYY-MM-DD' string becomes a real date cell; wrap it as { text } to write the text instead.
 * null/undefined/'' leave the cell blank.
 */
export type RawCell = string | number | boolean | Date | null | undefined | { text: string } | FormulaCell;

export interface FillNarrativeSection {
  category?: RawCell;
  title?: RawCell;
  body?: RawCell;
}

export interface FillInput {
  unit: { name: RawCell; code: RawCell };
  partyOrg?: RawCell;
  reportKind?: RawCell;
  year?: RawCell;
  period?: RawCell;
  filler?: RawCell;
  phone?: RawCell;
  reviewer?: RawCell;
  fillDate?: RawCell;
  /** 基本信息 values by field key; wins over the named properties (also for fields a definition adds). */
  info?: Readonly<Record<string, RawCell>>;
  /** 工作指标 rows by metric id; other keys are metricColumns keys (current, ytd, note …). */
  metrics?: ReadonlyArray<{ readonly id: string; readonly [column: string]: unknown }>;
  /** 风险隐患台账 rows; keys are riskColumns keys. `row` (1-based) places a row, else rows follow on. */
  risks?: ReadonlyArray<{ readonly [column: string]: unknown }>;
  narrative?: {
    opening?: RawCell;
    sections?: readonly FillNarrativeSection[];
    problems?: readonly FillNarrativeSection[];
    nextSteps?: readonly FillNarrativeSection[];
    signatureUnit?: RawCell;
    signatureDate?: RawCell;
    /** Raw 工作情况 rows (keys are narrativeColumns keys); replaces opening/sections/problems/nextSteps. */
    rows?: ReadonlyArray<Readonly<Record<string, RawCell>>>;
  };
  /** Overrides of the hidden meta sheet (e.g. an old version); null/undefined keep the template's. */
  templateId?: RawCell;
  templateVersion?: RawCell;
}

export interface FillOptions {
  /** Start from the template pre-filled and locked for the unit. Default: when unit.code is set. */
  prefill?: boolean;
}

// Placeholders the cached pre-fill template carries in its shared strings; replaced per unit.
const NAME_TOKEN = '@@YANPAN_UNIT_NAME@@';
const CODE_TOKEN = '@@YANPAN_UNIT_CODE@@';

interface CachedTemplate {
  /** The template's parts, compressed, in file order. */
  entries: ZipEntry[];
  /** sheet name → part path, e.g. 基本信息 → xl/worksheets/sheet2.xml */
  sheetPath: Map<string, string>;
  /** Decompressed XML of every worksheet and the shared strings. */
  xml: Map<string, string>;
}

const cache = new WeakMap<Definition, { blank?: Promise<CachedTemplate>; unit?: Promise<CachedTemplate> }>();

async function loadTemplate(bytes: Uint8Array): Promise<CachedTemplate> {
  const parts = unzip(bytes);
  const dec = new TextDecoder();
  const text = (name: string) => {
    const part = parts.find((x) => x.name === name);
    if (!part) throw new Error(`template has no part ${name}`);
    return dec.decode(part.data);
  };
  const wbXml = text('xl/workbook.xml');
  const relsXml = text('xl/_rels/workbook.xml.rels');
  const targets = new Map<string, string>();
  for (const m of relsXml.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = xmlAttr(m[0], 'Id');
    const target = xmlAttr(m[0], 'Target');
    if (id && target) targets.set(id, target.replace(/^\/?(xl\/)?/, 'xl/'));
  }
  const sheetPath = new Map<string, string>();
  for (const m of wbXml.matchAll(/<sheet\b[^>]*>/g)) {
    const name = xmlAttr(m[0], 'name');
    const rid = xmlAttr(m[0], 'r:id');
    if (name && rid && targets.has(rid)) sheetPath.set(xmlUnescape(name), targets.get(rid)!);
  }
  const xml = new Map<string, string>();
  for (const p of [...sheetPath.values(), SHARED_STRINGS]) xml.set(p, text(p));
  const entries = await Promise.all(parts.map((x) => nativeDeflatedEntry(x.name, x.data)));
  return { entries, sheetPath, xml };
}

const SHARED_STRINGS = 'xl/sharedStrings.xml';

function templateFor(def: Definition, prefill: boolean): Promise<CachedTemplate> {
  let entry = cache.get(def);
  if (!entry) cache.set(def, (entry = {}));
  const key = prefill ? 'unit' : 'blank';
  let p = entry[key];
  if (!p) {
    p = writeTemplate(def, prefill ? { unit: { name: NAME_TOKEN, code: CODE_TOKEN } } : {}).then(
      loadTemplate,
    );
    entry[key] = p;
    p.catch(() => {
      if (entry[key] === p) delete entry[key];
    });
  }
  return p;
}

// ---------------------------------------------------------------------------------------------------
// Cell XML

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Date → Excel serial (UTC-based, as exceljs reads it back). */
export function dateToSerial(d: Date): number {
  return (d.getTime() - EXCEL_EPOCH) / 86_400_000;
}

function isoToSerial(s: string): number | null {
  const m = ISO_DATE.exec(s);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const d = new Date(t);
  if (d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() !== Number(m[2]) - 1) return null;
  return (t - EXCEL_EPOCH) / 86_400_000;
}

/** The inner XML and type attribute of a cell for a raw value, or null for a blank. */
function cellContent(v: unknown, isDate: boolean): { t: string | null; inner: string } | null {
  if (v === null || v === undefined || v === '') return null;
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return null;
    return { t: null, inner: `<v>${dateToSerial(v)}</v>` };
  }
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return null;
    return { t: null, inner: `<v>${v}</v>` };
  }
  if (typeof v === 'boolean') return { t: 'b', inner: `<v>${v ? 1 : 0}</v>` };
  if (typeof v === 'string') {
    if (isDate) {
      const serial = isoToSerial(v);
      if (serial !== null) return { t: null, inner: `<v>${serial}</v>` };
    }
    return { t: 'inlineStr', inner: `<is><t xml:space="preserve">${xmlEscape(v)}</t></is>` };
  }
  if (typeof v === 'object' && 'text' in v && typeof (v as { text: unknown }).text === 'string') {
    return cellContent((v as { text: string }).text, false);
  }
  if (typeof v === 'object' && 'formula' in v && typeof (v as FormulaCell).formula === 'string') {
    const f = v as FormulaCell;
    const formula = `<f>${xmlEscape(f.formula.replace(/^=/, ''))}</f>`;
    const r = f.result;
    if (r === undefined || r === null) return { t: null, inner: formula };
    if (typeof r === 'number') return { t: null, inner: `${formula}<v>${r}</v>` };
    if (typeof r === 'boolean') return { t: 'b', inner: `${formula}<v>${r ? 1 : 0}</v>` };
    return { t: 'str', inner: `${formula}<v>${xmlEscape(r)}</v>` };
  }
  return cellContent(String(v), isDate);
}

/** Pending cell writes of one sheet: row → col (0-based) → value. */
type SheetWrites = Map<number, Map<number, { value: unknown; isDate: boolean }>>;

function put(w: SheetWrites, row: number, col: number, value: unknown, isDate = false): void {
  if (value === undefined) return;
  let r = w.get(row);
  if (!r) w.set(row, (r = new Map()));
  r.set(col, { value, isDate });
}

function cellXml(ref: string, style: string | null, v: { value: unknown; isDate: boolean }): string {
  const s = style === null ? '' : ` s="${style}"`;
  const c = cellContent(v.value, v.isDate);
  if (!c) return style === null ? '' : `<c r="${ref}"${s}/>`;
  return `<c r="${ref}"${s}${c.t ? ` t="${c.t}"` : ''}>${c.inner}</c>`;
}

const ROW_RE = /<row\b[^>]*?(?:\/>|>[\s\S]*?<\/row>)/g;
const CELL_RE = /<c\b[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g;

function patchRow(
  rowXml: string,
  rowNum: number,
  cols: Map<number, { value: unknown; isDate: boolean }>,
  colStyle: (col: number) => string | null,
): string {
  const selfClosing = /^<row\b[^>]*\/>$/.test(rowXml);
  const open = (selfClosing ? rowXml.slice(0, -2) + '>' : rowXml.slice(0, rowXml.indexOf('>') + 1)).replace(
    /\sspans="[^"]*"/,
    '',
  );
  const body = selfClosing ? '' : rowXml.slice(rowXml.indexOf('>') + 1, -'</row>'.length);
  const pending = new Map(cols);
  const out: string[] = [];
  const flushBefore = (col: number) => {
    for (const c of [...pending.keys()].sort((a, b) => a - b)) {
      if (c >= col) break;
      // A new cell takes its column's style, as Excel does when a user types into it.
      out.push(cellXml(`${columnLetters(c)}${rowNum}`, colStyle(c), pending.get(c)!));
      pending.delete(c);
    }
  };
  let last = 0;
  for (const m of body.matchAll(CELL_RE)) {
    out.push(body.slice(last, m.index));
    last = m.index + m[0].length;
    const ref = xmlAttr(m[0].slice(0, m[0].indexOf('>') + 1), 'r');
    const col = ref ? parseA1(ref).col : -1;
    flushBefore(col);
    const w = pending.get(col);
    if (w && ref) {
      out.push(cellXml(ref, xmlAttr(m[0].slice(0, m[0].indexOf('>') + 1), 's'), w));
      pending.delete(col);
    } else out.push(m[0]);
  }
  out.push(body.slice(last));
  flushBefore(Number.MAX_SAFE_INTEGER);
  return `${open}${out.join('')}</row>`;
}

/** Applies the writes to a worksheet's XML, inserting rows and cells the template does not have. */
export function patchSheetXml(xml: string, writes: SheetWrites): string {
  if (writes.size === 0) return xml;
  let start = xml.indexOf('<sheetData>');
  let end: number;
  let inner: string;
  if (start < 0) {
    const empty = xml.indexOf('<sheetData/>');
    if (empty < 0) throw new Error('worksheet has no sheetData');
    start = empty;
    end = empty + '<sheetData/>'.length;
    inner = '';
  } else {
    end = xml.indexOf('</sheetData>', start) + '</sheetData>'.length;
    inner = xml.slice(start + '<sheetData>'.length, end - '</sheetData>'.length);
  }
  // Column styles (<col min max style>), 1-based → the style of new cells in that column.
  const colStyles: [number, number, string][] = [];
  const colsXml = /<cols>([\s\S]*?)<\/cols>/.exec(xml.slice(0, start))?.[1] ?? '';
  for (const m of colsXml.matchAll(/<col\b[^>]*>/g)) {
    const st = xmlAttr(m[0], 'style');
    if (st !== null) colStyles.push([Number(xmlAttr(m[0], 'min')), Number(xmlAttr(m[0], 'max')), st]);
  }
  const colStyle = (c0: number) => colStyles.find(([a, b]) => c0 + 1 >= a && c0 + 1 <= b)?.[2] ?? null;
  // Rows are 1-based in the XML; writes are 0-based.
  const pending = new Map<number, Map<number, { value: unknown; isDate: boolean }>>();
  let maxRow = 0;
  let maxCol = 0;
  for (const [r, cols] of writes) {
    pending.set(r + 1, cols);
    maxRow = Math.max(maxRow, r);
    for (const c of cols.keys()) maxCol = Math.max(maxCol, c);
  }
  const out: string[] = [];
  const flushBefore = (rowNum: number) => {
    for (const r of [...pending.keys()].sort((a, b) => a - b)) {
      if (r >= rowNum) break;
      out.push(patchRow(`<row r="${r}"/>`, r, pending.get(r)!, colStyle));
      pending.delete(r);
    }
  };
  let last = 0;
  for (const m of inner.matchAll(ROW_RE)) {
    if (pending.size === 0) break; // the rest of the sheet stays as it is
    out.push(inner.slice(last, m.index));
    last = m.index + m[0].length;
    const r = Number(xmlAttr(m[0].slice(0, m[0].indexOf('>') + 1), 'r'));
    flushBefore(r);
    const cols = pending.get(r);
    if (cols) {
      out.push(patchRow(m[0], r, cols, colStyle));
      pending.delete(r);
    } else out.push(m[0]);
  }
  out.push(inner.slice(last));
  flushBefore(Number.MAX_SAFE_INTEGER);
  return `${growDimension(xml.slice(0, start), maxRow, maxCol)}<sheetData>${out.join('')}</sheetData>${xml.slice(end)}`;
}

/** Widens <dimension ref> (the used range) to include the 0-based maxRow/maxCol. */
function growDimension(head: string, maxRow: number, maxCol: number): string {
  return head.replace(/<dimension ref="([^"]*)"\/>/, (whole, ref: string) => {
    const [a, b = a] = ref.split(':');
    try {
      const p = parseA1(a);
      const q = parseA1(b);
      const end = `${columnLetters(Math.max(q.col, maxCol))}${Math.max(q.row, maxRow) + 1}`;
      return `<dimension ref="${columnLetters(p.col)}${p.row + 1}:${end}"/>`;
    } catch {
      return whole;
    }
  });
}

// ---------------------------------------------------------------------------------------------------
// Where each value goes

function infoValue(sub: FillInput, f: InfoFieldDef): unknown {
  if (sub.info && f.key in sub.info) return sub.info[f.key];
  if (f.fromRoster === 'name') return sub.unit?.name;
  if (f.fromRoster === 'code') return sub.unit?.code;
  return (sub as unknown as Record<string, unknown>)[f.key];
}

function narrativeRows(def: Definition, sub: FillInput): ReadonlyArray<Readonly<Record<string, unknown>>> {
  const n = sub.narrative;
  if (!n) return [];
  if (n.rows) return n.rows;
  const parts = def.narrativeParts;
  const rows: Record<string, unknown>[] = [];
  if (n.opening !== null && n.opening !== undefined && n.opening !== '')
    rows.push({ part: parts.opening, body: n.opening });
  for (const s of n.sections ?? []) rows.push({ part: parts.work, ...s });
  for (const s of n.problems ?? []) rows.push({ part: parts.problems, ...s });
  for (const s of n.nextSteps ?? []) rows.push({ part: parts.nextSteps, ...s });
  return rows;
}

function tableWrites(
  w: SheetWrites,
  cols: readonly ColumnDef[],
  rows: ReadonlyArray<Readonly<Record<string, unknown>>>,
  first: number,
  last: number,
  what: string,
): void {
  // Rows carrying a valid, distinct 1-based `row` keep it; otherwise rows follow on from the first.
  const wanted = rows.map((r) => r.row);
  const usable =
    wanted.every((x) => typeof x === 'number' && Number.isInteger(x) && x >= first && x <= last) &&
    new Set(wanted).size === wanted.length;
  rows.forEach((row, i) => {
    const r = usable ? (wanted[i] as number) : first + i;
    if (r > last) throw new Error(`${what}: more rows (${rows.length}) than the template prepares`);
    cols.forEach((c, ci) => {
      if (c.key in row) put(w, r - 1, ci, row[c.key], c.type === 'date');
    });
  });
}

/**
 * Writes a completed workbook: the template (pre-filled for the unit when it has a code) with every
 * field, metric, risk and narrative value at the template's own cells.
 */
export async function fillWorkbook(
  sub: FillInput,
  def: Definition = definition,
  opts: FillOptions = {},
): Promise<Uint8Array> {
  const code = sub.unit?.code;
  const prefill = opts.prefill ?? (code !== null && code !== undefined && code !== '');
  const tpl = await templateFor(def, prefill);
  const L = layoutOf(def);
  const writes = new Map<string, SheetWrites>();
  const sheet = (name: string): SheetWrites => {
    let w = writes.get(name);
    if (!w) writes.set(name, (w = new Map()));
    return w;
  };

  // 基本信息 (in a pre-filled template the unit's cells already hold the unit, via the tokens below).
  {
    const w = sheet(def.sheets.info);
    def.info.forEach((f, i) => {
      if (prefill && f.fromRoster && !(sub.info && f.key in sub.info)) return;
      put(w, L.info.firstRow + i - 1, L.info.valueCol - 1, infoValue(sub, f), f.type === 'date');
    });
  }

  // 工作指标
  if (sub.metrics?.length) {
    const w = sheet(def.sheets.metrics);
    const rowOf = new Map(def.metrics.map((m, i) => [m.id, L.metrics.firstRow + i]));
    const labelKeys = new Set(METRIC_LABEL_KEYS);
    for (const m of sub.metrics) {
      const r = rowOf.get(m.id);
      if (r === undefined) throw new Error(`fillWorkbook: unknown metric id "${m.id}"`);
      def.metricColumns.forEach((c, ci) => {
        if (labelKeys.has(c.key) || !(c.key in m)) return;
        put(w, r - 1, ci, m[c.key], c.type === 'date');
      });
    }
  }

  // 风险隐患台账
  if (sub.risks?.length)
    tableWrites(
      sheet(def.sheets.risks),
      def.riskColumns,
      sub.risks,
      L.risks.firstRow,
      L.risks.lastRow,
      def.sheets.risks,
    );

  // 工作情况
  if (sub.narrative) {
    const w = sheet(def.sheets.narrative);
    const n = sub.narrative as Record<string, unknown>;
    def.narrativeFields.forEach((f, i) => {
      if (f.key in n)
        put(w, L.narrative.fieldsRow + i - 1, L.narrative.valueCol - 1, n[f.key], f.type === 'date');
    });
    tableWrites(
      w,
      def.narrativeColumns,
      narrativeRows(def, sub),
      L.narrative.firstRow,
      L.narrative.lastRow,
      def.sheets.narrative,
    );
  }

  // Meta overrides.
  {
    // The template writes 模板标识 and 模板版本 as the first two meta rows.
    const w = sheet(def.sheets.meta);
    [sub.templateId, sub.templateVersion].forEach((v, i) => {
      if (v !== null && v !== undefined) put(w, i, L.meta.valueCol - 1, v);
    });
  }

  const changed = new Map<string, string>();
  for (const [name, w] of writes) {
    if (w.size === 0) continue;
    const p = tpl.sheetPath.get(name);
    if (!p) throw new Error(`template has no sheet "${name}"`);
    changed.set(p, patchSheetXml(tpl.xml.get(p)!, w));
  }
  if (prefill) {
    const name = xmlEscape((rawText(sub.unit?.name) ?? '').trim());
    const codeText = xmlEscape((rawText(code) ?? '').trim());
    const replaceTokens = (s: string) => s.split(NAME_TOKEN).join(name).split(CODE_TOKEN).join(codeText);
    changed.set(SHARED_STRINGS, tpl.xml.get(SHARED_STRINGS)!);
    for (const [p, x] of changed) changed.set(p, replaceTokens(x));
  }
  const fresh = new Map<string, ZipEntry>();
  await Promise.all([...changed].map(async ([p, x]) => fresh.set(p, await nativeDeflatedEntry(p, x))));
  return writeZip(
    tpl.entries.map((e) => fresh.get(e.name) ?? e),
    TEMPLATE_DATE,
  );
}

function rawText(v: RawCell | unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'text' in (v as object)) return String((v as { text: unknown }).text);
  return String(v);
}
