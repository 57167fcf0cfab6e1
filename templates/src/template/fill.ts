// fillWorkbook: a completed workbook from a Submission-like object, written exactly where the template
// has its cells. Used by tests (to simulate what users type), the demo and the benchmark, so it is fast:
// the template is built once per definition with exceljs, and each fill only patches the cells of the
// sheet XML that change and re-compresses the changed parts (a few ms per workbook).
// Pure code (no fs/path/process).
import type { ColumnDef, Definition, InfoFieldDef } from '../standard/types';
import { columnLetters, parseA1 } from '../xlsx/grid';
import { META_CARRY_ROW, META_KEYS, layoutOf } from './layout';
import { narrativeParts } from '../standard/roles';
import { formatTemplate } from '../standard/format';
import { METRIC_LABEL_KEYS, TEMPLATE_DATE, writeTemplate, type TemplateRound } from './writer';
import {
  NS,
  appendChild,
  childElement,
  childElements,
  createElement,
  decodeXmlBytes,
  descendants,
  findPath,
  getAttr,
  isElement,
  parseXml,
  removeAttr,
  serializeXml,
  setAttr,
  setText,
  type XmlElement,
  type XmlNode,
} from '../ooxml/xml';
import { resolvePartName } from '../xlsx/reader';
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
  /**
   * Carried from the unit's last round (roster/carry.ts): the carried 风险编号 and each flow metric's
   * 本年累计 so far, recorded in the meta sheet for the checker; the latter also as a 备注 hint.
   */
  carried?: { riskIds: readonly string[]; ytdBefore: Readonly<Record<string, number>> };
  /** Overrides of the hidden meta sheet (e.g. an old version); null/undefined keep the template's. */
  templateId?: RawCell;
  templateVersion?: RawCell;
}

export interface FillOptions {
  /** Start from the template pre-filled and locked for the unit. Default: when unit.code is set. */
  prefill?: boolean;
  /** Start from the template with 报告类型/年度/报告期 pre-filled and locked for this round. */
  round?: TemplateRound;
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

/** Per definition: the cached templates by kind (blank or unit) and round. */
const cache = new WeakMap<Definition, Map<string, Promise<CachedTemplate>>>();

async function loadTemplate(bytes: Uint8Array): Promise<CachedTemplate> {
  const parts = unzip(bytes);
  const text = (name: string) => {
    const part = parts.find((x) => x.name === name);
    if (!part) throw new Error(`template has no part ${name}`);
    return decodeXmlBytes(part.data);
  };
  const targets = new Map<string, string>();
  for (const rel of childElements(parseXml(text('xl/_rels/workbook.xml.rels')).root)) {
    const id = getAttr(rel, 'Id');
    const target = getAttr(rel, 'Target');
    if (id && target) targets.set(id, resolvePartName('xl/workbook.xml', target));
  }
  const sheetPath = new Map<string, string>();
  const wb = parseXml(text('xl/workbook.xml')).root;
  for (const sh of descendants(wb, wb.ns, 'sheet')) {
    const name = getAttr(sh, 'name');
    const rid = getAttr(sh, 'id', NS.r);
    if (name && rid && targets.has(rid)) sheetPath.set(name, targets.get(rid)!);
  }
  const xml = new Map<string, string>();
  for (const p of [...sheetPath.values(), SHARED_STRINGS]) xml.set(p, text(p));
  const entries = await Promise.all(parts.map((x) => nativeDeflatedEntry(x.name, x.data)));
  return { entries, sheetPath, xml };
}

const SHARED_STRINGS = 'xl/sharedStrings.xml';

function templateFor(def: Definition, prefill: boolean, round?: TemplateRound): Promise<CachedTemplate> {
  let entry = cache.get(def);
  if (!entry) cache.set(def, (entry = new Map()));
  const key = JSON.stringify([prefill, round ? [round.reportKind, round.year, round.period] : null]);
  let p = entry.get(key);
  if (!p) {
    const unit = prefill ? { name: NAME_TOKEN, code: CODE_TOKEN } : undefined;
    p = writeTemplate(def, { unit, round }).then(loadTemplate);
    entry.set(key, p);
    p.catch(() => {
      if (entry.get(key) === p) entry.delete(key);
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

/** One child of a new cell: <v>…</v>, <f>…</f> or <is><t xml:space="preserve">…</t></is>. */
type Part = { local: 'v' | 'f' | 'is'; text: string };

/** The children and type attribute of a cell for a raw value, or null for a blank. */
function cellContent(v: unknown, isDate: boolean): { t: string | null; parts: Part[] } | null {
  if (v === null || v === undefined || v === '') return null;
  const num = (n: number, t: string | null = null) => ({
    t,
    parts: [{ local: 'v' as const, text: String(n) }],
  });
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : num(dateToSerial(v));
  if (typeof v === 'number') return Number.isFinite(v) ? num(v) : null;
  if (typeof v === 'boolean') return num(v ? 1 : 0, 'b');
  if (typeof v === 'string') {
    if (isDate) {
      const serial = isoToSerial(v);
      if (serial !== null) return num(serial);
    }
    return { t: 'inlineStr', parts: [{ local: 'is', text: v }] };
  }
  if (typeof v === 'object' && 'text' in v && typeof (v as { text: unknown }).text === 'string') {
    return cellContent((v as { text: string }).text, false);
  }
  if (typeof v === 'object' && 'formula' in v && typeof (v as FormulaCell).formula === 'string') {
    const f = v as FormulaCell;
    const formula: Part = { local: 'f', text: f.formula.replace(/^=/, '') };
    const r = f.result;
    if (r === undefined || r === null) return { t: null, parts: [formula] };
    if (typeof r === 'number') return { t: null, parts: [formula, { local: 'v', text: String(r) }] };
    if (typeof r === 'boolean') return { t: 'b', parts: [formula, { local: 'v', text: r ? '1' : '0' }] };
    return { t: 'str', parts: [formula, { local: 'v', text: r }] };
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

/** A new <c> for `ref` (the given style, the value's content); null for a blank without style. */
function cellElement(
  row: XmlElement,
  ref: string,
  style: string | null,
  v: { value: unknown; isDate: boolean },
): XmlElement | null {
  const c = cellContent(v.value, v.isDate);
  if (!c && style === null) return null;
  const attrs: Record<string, string> = { r: ref };
  if (style !== null) attrs.s = style;
  if (c?.t) attrs.t = c.t;
  const cell = createElement(row, row.ns, 'c', attrs);
  for (const part of c?.parts ?? []) {
    const child = createElement(cell, cell.ns, part.local);
    if (part.local === 'is') {
      const t = createElement(child, child.ns, 't', { 'xml:space': 'preserve' });
      setText(t, part.text);
      appendChild(child, t);
    } else setText(child, part.text);
    appendChild(cell, child);
  }
  return cell;
}

/** Applies the writes to one <row>: cells replaced or inserted in column order. */
function patchRow(
  row: XmlElement,
  rowNum: number,
  cols: Map<number, { value: unknown; isDate: boolean }>,
  colStyle: (col: number) => string | null,
): void {
  removeAttr(row, 'spans');
  const out: XmlNode[] = [];
  const pending = [...cols.keys()].sort((a, b) => a - b);
  const add = (col: number, style: string | null) => {
    const c = cellElement(row, `${columnLetters(col)}${rowNum}`, style, cols.get(col)!);
    if (c) out.push(c);
  };
  for (const child of row.children) {
    if (!isElement(child, row.ns, 'c')) {
      out.push(child);
      continue;
    }
    const ref = getAttr(child, 'r');
    const col = ref ? parseA1(ref).col : -1;
    // A new cell takes its column's style, as Excel does when a user types into it.
    while (pending.length && pending[0] < col) {
      const c = pending.shift()!;
      add(c, colStyle(c));
    }
    if (pending[0] === col && ref) add(pending.shift()!, getAttr(child, 's') ?? null);
    else out.push(child);
  }
  for (const c of pending) add(c, colStyle(c));
  row.children = out;
}

/** Applies the writes to a worksheet's XML, inserting rows and cells the template does not have. */
export function patchSheetXml(xml: string, writes: SheetWrites): string {
  if (writes.size === 0) return xml;
  const doc = parseXml(xml);
  const ws = doc.root;
  const sheetData = childElement(ws, ws.ns, 'sheetData');
  if (!sheetData) throw new Error('worksheet has no sheetData');
  // Column styles (<col min max style>), 1-based → the style of new cells in that column.
  const colStyles: [number, number, string][] = [];
  for (const col of childElements(findPath(ws, ws.ns, 'cols') ?? ws, ws.ns, 'col')) {
    const st = getAttr(col, 'style');
    if (st !== undefined) colStyles.push([Number(getAttr(col, 'min')), Number(getAttr(col, 'max')), st]);
  }
  const colStyle = (c0: number) => colStyles.find(([a, b]) => c0 + 1 >= a && c0 + 1 <= b)?.[2] ?? null;
  // Rows are 1-based in the XML; writes are 0-based.
  const pending = [...writes.keys()].sort((a, b) => a - b).map((r) => r + 1);
  let maxRow = 0;
  let maxCol = 0;
  for (const [r, cols] of writes) {
    maxRow = Math.max(maxRow, r);
    for (const c of cols.keys()) maxCol = Math.max(maxCol, c);
  }
  const out: XmlNode[] = [];
  const newRow = (r: number) => {
    const row = createElement(sheetData, sheetData.ns, 'row', { r });
    patchRow(row, r, writes.get(r - 1)!, colStyle);
    out.push(row);
  };
  for (const child of sheetData.children) {
    if (!isElement(child, sheetData.ns, 'row')) {
      out.push(child);
      continue;
    }
    const r = Number(getAttr(child, 'r'));
    while (pending.length && pending[0] < r) newRow(pending.shift()!);
    if (pending[0] === r) patchRow(child, pending.shift()!, writes.get(r - 1)!, colStyle);
    out.push(child);
  }
  while (pending.length) newRow(pending.shift()!);
  sheetData.children = out;
  growDimension(ws, maxRow, maxCol);
  return serializeXml(doc);
}

/** Widens <dimension ref> (the used range) to include the 0-based maxRow/maxCol. */
function growDimension(ws: XmlElement, maxRow: number, maxCol: number): void {
  const dim = childElement(ws, ws.ns, 'dimension');
  const ref = dim ? getAttr(dim, 'ref') : undefined;
  if (!dim || ref === undefined) return;
  const [a, b = a] = ref.split(':');
  try {
    const p = parseA1(a);
    const q = parseA1(b);
    const end = `${columnLetters(Math.max(q.col, maxCol))}${Math.max(q.row, maxRow) + 1}`;
    setAttr(dim, 'ref', `${columnLetters(p.col)}${p.row + 1}:${end}`);
  } catch {
    // an unreadable range stays as it is
  }
}

// ---------------------------------------------------------------------------------------------------
// Where each value goes

/** A field's value: the submission's named field where it has one (unit, year …), else its `info` map. */
function infoValue(sub: FillInput, f: InfoFieldDef): unknown {
  if (f.fromRoster === 'name' && sub.unit && 'name' in sub.unit) return sub.unit.name;
  if (f.fromRoster === 'code' && sub.unit && 'code' in sub.unit) return sub.unit.code;
  const named = (sub as unknown as Record<string, unknown>)[f.key];
  if (named !== undefined && f.key !== 'info') return named;
  return sub.info?.[f.key];
}

function narrativeRows(def: Definition, sub: FillInput): ReadonlyArray<Readonly<Record<string, unknown>>> {
  const n = sub.narrative;
  if (!n) return [];
  if (n.rows) return n.rows;
  const parts = narrativeParts(def);
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
  def: Definition,
  opts: FillOptions = {},
): Promise<Uint8Array> {
  const code = sub.unit?.code;
  const prefill = opts.prefill ?? (code !== null && code !== undefined && code !== '');
  const tpl = await templateFor(def, prefill, opts.round);
  const roundKeys = new Set<string>(opts.round ? ['reportKind', 'year', 'period'] : []);
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
      if (roundKeys.has(f.key) && !(sub.info && f.key in sub.info)) return;
      put(w, L.info.firstRow + i - 1, L.info.valueCol - 1, infoValue(sub, f), f.type === 'date');
    });
  }

  // 工作指标 (a carried 本年累计 is a 备注 hint on its row unless the row has a note of its own)
  const hintText = def.texts.ytdBeforeHint;
  const hints = Object.entries(hintText ? (sub.carried?.ytdBefore ?? {}) : {})
    .filter(([id]) => !sub.metrics?.some((m) => m.id === id && 'note' in m))
    .map(([id, ytd]) => ({ id, note: formatTemplate(hintText!, { value: ytd }) }));
  const metricRows: NonNullable<FillInput['metrics']> = [...(sub.metrics ?? []), ...hints];
  if (metricRows.length) {
    const w = sheet(def.sheets.metrics);
    const rowOf = new Map(def.metrics.map((m, i) => [m.id, L.metrics.firstRow + i]));
    const labelKeys = new Set(METRIC_LABEL_KEYS);
    for (const m of metricRows) {
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
    if (sub.carried) {
      const carried: [string, unknown][] = [
        [META_KEYS.carriedRisks, sub.carried.riskIds],
        [META_KEYS.ytdBefore, sub.carried.ytdBefore],
      ];
      carried.forEach(([key, value], i) => {
        put(w, META_CARRY_ROW - 1 + i, L.meta.keyCol - 1, key);
        put(w, META_CARRY_ROW - 1 + i, L.meta.valueCol - 1, { text: JSON.stringify(value) });
      });
    }
  }

  const changed = new Map<string, string>();
  for (const [name, w] of writes) {
    if (w.size === 0) continue;
    const p = tpl.sheetPath.get(name);
    if (!p) throw new Error(`template has no sheet "${name}"`);
    changed.set(p, patchSheetXml(tpl.xml.get(p)!, w));
  }
  if (prefill) {
    // The unit's name and code replace the placeholders in the text of the cached template's parts.
    const name = (rawText(sub.unit?.name) ?? '').trim();
    const codeText = (rawText(code) ?? '').trim();
    changed.set(SHARED_STRINGS, tpl.xml.get(SHARED_STRINGS)!);
    for (const [p, x] of changed) {
      if (!x.includes(NAME_TOKEN) && !x.includes(CODE_TOKEN)) continue;
      const doc = parseXml(x);
      const stack: XmlNode[] = [doc.root];
      while (stack.length) {
        const n = stack.pop()!;
        if (n.type === 'element') stack.push(...n.children);
        else if (n.type === 'text')
          n.text = n.text.split(NAME_TOKEN).join(name).split(CODE_TOKEN).join(codeText);
      }
      changed.set(p, serializeXml(doc));
    }
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
