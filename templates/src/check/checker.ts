// WorkbookGrid → { submission, issues }. Finds the standard sheets (by name, else by header row), the
// fields (by label text, wherever the user moved them), the table columns (by header text and aliases),
// reads values tolerantly (values.ts) and applies every rule of the definition. Pure: no fs, no Office.
import { definition as defaultDefinition } from '../standard/ideology';
import type { ColumnDef, Definition, InfoFieldDef, MetricDef, PeriodDef } from '../standard/types';
import type { DefinitionRegistry } from '../standard/registry';
import type { CellValue, SheetGrid, WorkbookGrid } from '../xlsx/grid';
import { a1 } from '../xlsx/grid';
import { z } from 'zod';
import { META_KEYS } from '../template/layout';
import { isDoneStatus, narrativeParts } from '../standard/roles';
import { formatTemplate } from '../standard/format';
import { makeIssue, type MessageCode, type MessageVars } from '../standard/messages';
import type {
  CheckResult,
  Issue,
  MetricValue,
  Narrative,
  NarrativeSection,
  Risk,
  Severity,
  Submission,
} from '../standard/schema';
import {
  cellDisplay,
  cellText,
  isCellError,
  isFormulaNoResult,
  isPlausiblePhone,
  normalizeLabel,
  normalizeText,
  parseDate,
  parseInteger,
  parseYear,
  tidyText,
} from './values';

export interface CheckOptions {
  /** "Today" as YYYY-MM-DD: upper bound for 年度 and 填报日期, and the fallback date for 逾期. */
  asOf?: string;
}

type SheetKey = 'info' | 'metrics' | 'risks' | 'narrative';
const STANDARD_SHEETS: readonly SheetKey[] = ['info', 'metrics', 'risks', 'narrative'];

/** Lowest plausible 年度. */
export const MIN_YEAR = 2000;
/** How many leading columns may hold a field label (users insert a column or two). */
const LABEL_COLS = 4;
/** How many leading rows are searched for a table's header row (and hold what identifies any sheet). */
export const HEADER_SCAN_ROWS = 30;

function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

interface Ctx {
  def: Definition;
  issues: Issue[];
  asOf: string;
  /** Flow metric id → 本年累计 before this period, as the issued workbook records it. */
  ytdBefore?: Readonly<Record<string, number>>;
  /** The 报告期 read from 基本信息 (for the rules that depend on it). */
  period: PeriodDef | null;
}

interface IssueSpec<C extends MessageCode> {
  rule: C;
  severity: Severity;
  sheet: string | null;
  cell: string | null;
  /** The issue's field (and the message's {field}). */
  field: string | null;
  /** The value found (and the message's {value}); null where there is none. */
  value: string | null;
  /** The message's other fields (the catalog declares which). */
  vars?: Partial<MessageVars<C>>;
}

/** Records a finding with the catalog's message for its code (standard/messages.ts). */
function report<C extends MessageCode>(ctx: Ctx, s: IssueSpec<C>): void {
  const vars = { field: s.field ?? '', value: s.value ?? '', ...s.vars } as unknown as MessageVars<C>;
  ctx.issues.push(
    makeIssue(ctx.def, s.severity, s.rule, vars, {
      sheet: s.sheet,
      cell: s.cell,
      field: s.field,
      value: s.value,
    }),
  );
}

function cell(sheet: SheetGrid, row: number, col: number): CellValue {
  return sheet.rows[row]?.[col] ?? null;
}

function rowIsBlank(sheet: SheetGrid, row: number): boolean {
  return (sheet.rows[row] ?? []).every((v) => cellDisplay(v) === null);
}

// ---------------------------------------------------------------------------------------------------
// Finding sheets

function labelsOf(col: ColumnDef): string[] {
  return [col.label, ...(col.aliases ?? [])].map(normalizeLabel);
}

interface HeaderMatch {
  row: number;
  cols: Map<string, number>;
}

/**
 * The header row of a table: the row (within the first rows) whose cells match the most column labels.
 * Each column is matched by its label first, then its aliases; a cell is used by one column only.
 */
export function findHeader(
  sheet: SheetGrid,
  columns: readonly ColumnDef[],
  startRow = 0,
  minMatches = 2,
): HeaderMatch | null {
  let best: HeaderMatch | null = null;
  const end = Math.min(sheet.rows.length, startRow + HEADER_SCAN_ROWS);
  const exact = columns.map((c) => normalizeLabel(c.label));
  const aliases = columns.map((c) => labelsOf(c).slice(1));
  const known = new Set([...exact, ...aliases.flat()]);
  for (let r = startRow; r < end; r++) {
    const row = sheet.rows[r] ?? [];
    const texts = row.map((v) => {
      const t = cellText(v);
      return t === null ? null : normalizeLabel(t);
    });
    if (texts.filter((t) => t !== null && known.has(t)).length < minMatches) continue;
    const cols = new Map<string, number>();
    const used = new Set<number>();
    // Exact labels first, so that an alias (类别) never steals a column that is another's label.
    for (const pass of [0, 1] as const) {
      columns.forEach((c, ci) => {
        if (cols.has(c.key)) return;
        const wanted = pass === 0 ? [exact[ci]] : aliases[ci];
        const idx = texts.findIndex((t, i) => t !== null && !used.has(i) && wanted.includes(t));
        if (idx >= 0) {
          cols.set(c.key, idx);
          used.add(idx);
        }
      });
    }
    if (cols.size >= minMatches && (!best || cols.size > best.cols.size)) best = { row: r, cols };
  }
  return best;
}

/** Where a label sits: the first matching cell in the first columns of a row. */
interface LabelHit {
  row: number;
  col: number;
}

function findLabels(
  sheet: SheetGrid,
  fields: readonly InfoFieldDef[],
  fromRow = 0,
  toRow = sheet.rows.length,
): Map<string, LabelHit> {
  const wanted = new Map<string, string>();
  for (const f of fields) wanted.set(normalizeLabel(f.label), f.key);
  // Also accept the label without its bracketed note: 审核人（分管领导） ← 审核人.
  const short = new Map<string, string>();
  for (const f of fields) {
    const s = normalizeLabel(f.label.replace(/[（(][^）)]*[）)]\s*$/, ''));
    if (s !== normalizeLabel(f.label) && !wanted.has(s)) short.set(s, f.key);
  }
  const hits = new Map<string, LabelHit>();
  for (let r = fromRow; r < Math.min(toRow, sheet.rows.length); r++) {
    const row = sheet.rows[r] ?? [];
    for (let c = 0; c < Math.min(LABEL_COLS, row.length); c++) {
      const t = cellText(row[c]);
      if (t === null) continue;
      const n = normalizeLabel(t);
      // "单位名称（必填）": a note in brackets added after the label.
      const bare = n.replace(/[（(][^（()）]*[）)]$/, '');
      const key = wanted.get(n) ?? short.get(n) ?? (bare !== n ? wanted.get(bare) : undefined);
      if (key && !hits.has(key)) {
        hits.set(key, { row: r, col: c });
        break;
      }
    }
  }
  return hits;
}

interface FoundSheet {
  sheet: SheetGrid;
  renamed: boolean;
}

function recognises(key: SheetKey, sheet: SheetGrid, def: Definition): boolean {
  switch (key) {
    case 'info':
      return findLabels(sheet, def.info).size >= Math.ceil(def.info.length / 2);
    case 'metrics': {
      const h = findHeader(sheet, def.metricColumns, 0, 3);
      return !!h && h.cols.has('current') && (h.cols.has('name') || h.cols.has('id'));
    }
    case 'risks': {
      const h = findHeader(sheet, def.riskColumns, 0, 4);
      return !!h && h.cols.has('description');
    }
    case 'narrative': {
      const h = findHeader(sheet, def.narrativeColumns, 0, 2);
      return !!h && h.cols.has('part') && h.cols.has('body');
    }
  }
}

function findSheets(grid: WorkbookGrid, def: Definition): Map<SheetKey, FoundSheet> {
  const found = new Map<SheetKey, FoundSheet>();
  const taken = new Set<SheetGrid>();
  const byName = (name: string) =>
    grid.sheets.find((s) => normalizeLabel(s.name) === normalizeLabel(name) && !taken.has(s));
  for (const key of STANDARD_SHEETS) {
    const s = byName(def.sheets[key]);
    if (s) {
      found.set(key, { sheet: s, renamed: false });
      taken.add(s);
    }
  }
  const reserved = new Set([normalizeLabel(def.sheets.meta), normalizeLabel(def.sheets.guide)]);
  for (const key of STANDARD_SHEETS) {
    if (found.has(key)) continue;
    const s = grid.sheets.find(
      (g) => !taken.has(g) && !reserved.has(normalizeLabel(g.name)) && recognises(key, g, def),
    );
    if (s) {
      found.set(key, { sheet: s, renamed: true });
      taken.add(s);
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------------
// Meta sheet

interface Meta {
  templateId: string | null;
  version: string | null;
  unitCode: string | null;
  unitName: string | null;
  hash: string | null;
  /** Carried from the last round by the template (roster/carry.ts); empty otherwise. */
  carriedRisks: string[];
  ytdBefore: Record<string, number>;
}

const NO_CARRY = { carriedRisks: [], ytdBefore: {} };

/** A JSON meta value, parsed and validated; null when absent or not what it should be. */
function metaJson<T>(text: string | null, schema: z.ZodType<T>): T | null {
  if (text === null) return null;
  try {
    const r = schema.safeParse(JSON.parse(text));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

function readMeta(sheet: SheetGrid): Meta {
  const get = (key: string): string | null => {
    for (const row of sheet.rows) {
      const k = cellText(row?.[0] ?? null);
      if (k !== null && normalizeLabel(k) === normalizeLabel(key)) return cellText(row[1] ?? null);
    }
    return null;
  };
  return {
    templateId: get(META_KEYS.templateId),
    version: get(META_KEYS.version),
    unitCode: get(META_KEYS.unitCode),
    unitName: get(META_KEYS.unitName),
    hash: get(META_KEYS.hash),
    carriedRisks: metaJson(get(META_KEYS.carriedRisks), z.array(z.string().min(1)).max(10_000)) ?? [],
    ytdBefore: metaJson(get(META_KEYS.ytdBefore), z.record(z.string(), z.number().int().nonnegative())) ?? {},
  };
}

function findMeta(grid: WorkbookGrid, def: Definition): SheetGrid | null {
  const byName = grid.sheets.find((s) => s.name === def.sheets.meta);
  if (byName) return byName;
  // Renamed meta sheet: recognise it by its 模板标识 key in column A.
  return (
    grid.sheets.find((s) =>
      s.rows
        .slice(0, 10)
        .some((r) => normalizeLabel(cellText(r?.[0] ?? null) ?? '') === META_KEYS.templateId),
    ) ?? null
  );
}

/**
 * The definition a workbook belongs to, by the template id its meta sheet (or its 填报说明 line) records:
 * one of the registry's; a workbook that records no id is read with the registry's first (default)
 * definition; an id the registry does not know is one 错误.
 */
export function selectDefinition(
  grid: WorkbookGrid,
  registry: DefinitionRegistry,
): { def: Definition } | { issue: Issue } {
  let id: string | null = null;
  let sheet: string | null = null;
  for (const def of registry.all) {
    const metaSheet = findMeta(grid, def);
    if (metaSheet) {
      id = readMeta(metaSheet).templateId;
      sheet = metaSheet.name;
    } else {
      const fromGuide = versionFromGuide(grid, def);
      if (fromGuide) {
        id = fromGuide.templateId;
        sheet = fromGuide.sheet.name;
      }
    }
    if (id !== null) break;
  }
  if (id === null) return { def: registry.all[0] };
  const def = registry.byId(id);
  if (def) return { def };
  return {
    issue: makeIssue(
      registry.all[0],
      'error',
      'meta.unknownTemplate',
      { templateId: id, allowed: registry.all.map((d) => `${d.title}（${d.id}）`).join('、') },
      { sheet, field: META_KEYS.templateId, value: id },
    ),
  };
}

/** The sheets checkGrid reads, by name (null where there is none); it reads no other sheet. */
export interface SheetLocations {
  info: string | null;
  metrics: string | null;
  risks: string | null;
  narrative: string | null;
  meta: string | null;
  guide: string | null;
}

/**
 * Which sheet checkGrid takes for each part: the standard sheets by name, else by header row (renamed),
 * the meta sheet by name, else by its 模板标识 key, and 填报说明 by name. Renamed sheets are recognised by
 * labels and headers within their first HEADER_SCAN_ROWS rows (where the template puts them), so a grid of
 * just those rows locates the same sheets: a caller can look before it reads.
 */
export function locateSheets(grid: WorkbookGrid, def: Definition = defaultDefinition): SheetLocations {
  const found = findSheets(grid, def);
  const name = (key: SheetKey) => found.get(key)?.sheet.name ?? null;
  const guide = grid.sheets.find((s) => normalizeLabel(s.name) === normalizeLabel(def.sheets.guide));
  return {
    info: name('info'),
    metrics: name('metrics'),
    risks: name('risks'),
    narrative: name('narrative'),
    meta: findMeta(grid, def)?.name ?? null,
    guide: guide?.name ?? null,
  };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Template id and version from the 填报说明 sheet's version line (def.texts.versionLine). */
function versionFromGuide(
  grid: WorkbookGrid,
  def: Definition,
): { sheet: SheetGrid; templateId: string; version: string } | null {
  const line = def.texts.versionLine;
  if (!line || !line.includes('{templateId}') || !line.includes('{version}')) return null;
  const parts = line.split(/(\{templateId\}|\{version\})/);
  const order: string[] = [];
  const pattern = parts
    .map((p) => {
      if (p === '{templateId}' || p === '{version}') {
        order.push(p);
        return '(\\S+?)';
      }
      return escapeRegExp(normalizeLabel(p));
    })
    .join('');
  const re = new RegExp(`^${pattern}$`);
  const guide = grid.sheets.find((s) => normalizeLabel(s.name) === normalizeLabel(def.sheets.guide));
  if (!guide) return null;
  for (const row of guide.rows) {
    for (const v of row ?? []) {
      const t = cellText(v);
      if (t === null) continue;
      const m = re.exec(normalizeLabel(t));
      if (!m) continue;
      const value = m[order.indexOf('{templateId}') + 1];
      const other = m[order.indexOf('{version}') + 1];
      return { sheet: guide, templateId: value, version: other };
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Reading one value cell with the common cell-level problems (formula without result, error value)

/** Returns false (after reporting) when the cell holds a formula without result or an error value. */
function usable(ctx: Ctx, sheet: SheetGrid, row: number, col: number, field: string): boolean {
  const v = cell(sheet, row, col);
  if (isFormulaNoResult(v)) {
    report(ctx, {
      rule: 'value.formulaNoResult',
      severity: 'error',
      sheet: sheet.name,
      cell: a1(row, col),
      field,
      value: cellDisplay(v),
    });
    return false;
  }
  if (isCellError(v)) {
    report(ctx, {
      rule: 'value.formulaError',
      severity: 'error',
      sheet: sheet.name,
      cell: a1(row, col),
      field,
      value: v.error,
    });
    return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------
// Label/value fields (基本信息, and the 工作情况 fields above its table)

interface FieldValue {
  /** 0-based position of the value cell (or where it should be, if blank). */
  row: number;
  col: number;
  value: CellValue;
  found: boolean;
}

function fieldValues(
  sheet: SheetGrid,
  fields: readonly InfoFieldDef[],
  fromRow = 0,
  toRow = sheet.rows.length,
  hintCol: number | null = null,
): Map<string, FieldValue> {
  const hits = findLabels(sheet, fields, fromRow, toRow);
  const out = new Map<string, FieldValue>();
  for (const f of fields) {
    const hit = hits.get(f.key);
    if (!hit) continue;
    const row = sheet.rows[hit.row] ?? [];
    const hint = normalizeLabel(f.hint);
    let found: FieldValue = { row: hit.row, col: hit.col + 1, value: null, found: true };
    for (let c = hit.col + 1; c < row.length; c++) {
      // The template's hint column is to the right of an empty value: never take the hint as the value
      // (recognised by its header, or by the hint text itself when the header is gone).
      if (c === hintCol) break;
      const v = row[c];
      const t = cellDisplay(v);
      if (t === null) continue;
      if (normalizeLabel(t) === hint) break;
      found = { row: hit.row, col: c, value: v, found: true };
      break;
    }
    out.set(f.key, found);
  }
  return out;
}

type InfoValue = string | number | null;

function readField(ctx: Ctx, sheet: SheetGrid, f: InfoFieldDef, fv: FieldValue | undefined): InfoValue {
  const def = ctx.def;
  const where = fv ? a1(fv.row, fv.col) : null;
  const at = <C extends MessageCode>(
    rule: C,
    severity: Severity,
    value: string | null,
    vars?: Partial<MessageVars<C>>,
  ) => report(ctx, { rule, severity, sheet: sheet.name, cell: where, field: f.label, value, vars });
  if (fv && !usable(ctx, sheet, fv.row, fv.col, f.label)) return null;
  const raw = fv?.value ?? null;
  const text = cellText(raw);

  if (text === null) {
    if (f.required) at('field.required', 'error', null);
    return null;
  }
  switch (f.type) {
    case 'text':
      return tidyText(text);
    case 'code':
      return normalizeText(text);
    case 'enum':
    case 'period': {
      const vocab = f.vocab ? def.vocab[f.vocab] : undefined;
      const v = normalizeText(text);
      if (!vocab) return v;
      const match = vocab.values.find((x) => normalizeLabel(x) === normalizeLabel(v));
      if (!match) {
        at('field.enum', 'error', text, { allowed: vocab.values.join('、') });
        return null;
      }
      return match;
    }
    case 'year': {
      const y = parseYear(raw);
      const max = Number(ctx.asOf.slice(0, 4)) + 1;
      if (y.status !== 'ok' || y.value < MIN_YEAR || y.value > max) {
        at('field.year', 'error', text, { from: MIN_YEAR, to: max });
        return null;
      }
      return y.value;
    }
    case 'date': {
      const d = parseDate(raw);
      if (d.status !== 'ok') {
        at('field.date', 'error', text);
        return null;
      }
      if (d.iso > ctx.asOf) at('field.dateFuture', 'warning', d.iso);
      return d.iso;
    }
    case 'phone': {
      const v = normalizeText(text);
      if (!isPlausiblePhone(v)) at('field.phone', 'warning', text);
      return v;
    }
  }
}

interface InfoResult {
  values: Record<string, InfoValue>;
  cells: Record<string, string | null>;
}

function readInfo(ctx: Ctx, sheet: SheetGrid): InfoResult {
  const def = ctx.def;
  // The 填写说明 column, found by its header text in the first rows.
  const hintHeader = def.texts.infoHeaderHint;
  let hintCol: number | null = null;
  if (hintHeader) {
    for (let r = 0; r < Math.min(sheet.rows.length, 10) && hintCol === null; r++) {
      const i = (sheet.rows[r] ?? []).findIndex(
        (v) => normalizeLabel(cellText(v) ?? '') === normalizeLabel(hintHeader),
      );
      if (i > 0) hintCol = i;
    }
  }
  const fvs = fieldValues(sheet, def.info, 0, sheet.rows.length, hintCol);
  const values: Record<string, InfoValue> = {};
  const cells: Record<string, string | null> = {};
  for (const f of def.info) {
    const fv = fvs.get(f.key);
    cells[f.key] = fv ? a1(fv.row, fv.col) : null;
    values[f.key] = readField(ctx, sheet, f, fv);
  }
  // 报告期 consistent with 报告类型.
  const kindName = values.reportKind;
  const period = values.period;
  if (typeof kindName === 'string' && typeof period === 'string') {
    const kind = def.reportKinds.find((k) => k.name === kindName);
    if (kind && !kind.periods.includes(period)) {
      report(ctx, {
        rule: 'field.periodMismatch',
        severity: 'error',
        sheet: sheet.name,
        cell: cells.period,
        field: def.info.find((f) => f.key === 'period')?.label ?? null,
        value: period,
        vars: { kind: kind.name, periods: kind.periods.join('、') },
      });
    }
  }
  return { values, cells };
}

// ---------------------------------------------------------------------------------------------------
// 工作指标

function readMetrics(ctx: Ctx, sheet: SheetGrid | null): MetricValue[] {
  const def = ctx.def;
  const blank = (m: MetricDef): MetricValue => ({
    id: m.id,
    name: m.name,
    category: m.category,
    unit: m.unit,
    kind: m.kind,
    current: null,
    ytd: null,
    note: null,
  });
  if (!sheet) return def.metrics.map(blank);
  const header = findHeader(sheet, def.metricColumns, 0, 2);
  const cols = header?.cols ?? new Map<string, number>();
  const colLabel = (key: string) => def.metricColumns.find((c) => c.key === key)?.label ?? key;
  const units = [...new Set(def.metrics.map((m) => m.unit))];
  const byId = new Map(def.metrics.map((m) => [m.id, m]));
  const byName = new Map(def.metrics.map((m) => [normalizeLabel(m.name), m]));
  const rowOf = new Map<string, number>();
  if (header) {
    const idCol = cols.get('id');
    const nameCol = cols.get('name');
    for (let r = header.row + 1; r < sheet.rows.length; r++) {
      if (rowIsBlank(sheet, r)) continue;
      const idText = idCol !== undefined ? cellText(cell(sheet, r, idCol)) : null;
      const nameText = nameCol !== undefined ? cellText(cell(sheet, r, nameCol)) : null;
      const m =
        (idText !== null ? byId.get(normalizeText(idText)) : undefined) ??
        (nameText !== null ? byName.get(normalizeLabel(nameText)) : undefined);
      if (m) {
        if (!rowOf.has(m.id)) rowOf.set(m.id, r);
        continue;
      }
      // Not a standard metric. Report rows that carry numbers (someone added an indicator); a note or
      // a category caption without values is left alone.
      const hasValue = ['current', 'ytd'].some((k) => {
        const c = cols.get(k);
        return c !== undefined && cellDisplay(cell(sheet, r, c)) !== null;
      });
      if (hasValue && nameText !== null && !/^(合计|小计|总计)$/.test(normalizeLabel(nameText))) {
        report(ctx, {
          rule: 'metric.unknownRow',
          severity: 'warning',
          sheet: sheet.name,
          cell: a1(r, nameCol ?? 0),
          field: nameText,
          value: null,
          vars: { row: r + 1 },
        });
      }
    }
  }
  const values = new Map<string, MetricValue>();
  const cellsOf = new Map<string, { current: string | null }>();
  for (const m of def.metrics) {
    const mv = blank(m);
    values.set(m.id, mv);
    const r = rowOf.get(m.id);
    if (r === undefined) {
      report(ctx, {
        rule: 'metric.missingRow',
        severity: 'warning',
        sheet: sheet.name,
        cell: null,
        field: m.name,
        value: null,
      });
      continue;
    }
    const read = (key: 'current' | 'ytd'): number | null => {
      const c = cols.get(key);
      if (c === undefined) return null;
      const field = `${m.name}（${colLabel(key)}）`;
      if (!usable(ctx, sheet, r, c, field)) return null;
      const raw = cell(sheet, r, c);
      const p = parseInteger(raw, units);
      const base = { sheet: sheet.name, cell: a1(r, c), field, value: cellDisplay(raw) };
      switch (p.status) {
        case 'empty':
          return null;
        case 'ok':
          if (p.value > (m.max ?? def.maxCount)) {
            // Shown the way Excel shows it (1E+308), not as a 309-digit number.
            const shown = Number.isSafeInteger(p.value)
              ? String(p.value)
              : p.value.toExponential().toUpperCase();
            report(ctx, {
              ...base,
              value: shown,
              rule: 'metric.tooLarge',
              severity: 'error',
              vars: { limit: m.max ?? def.maxCount },
            });
            return null;
          }
          if (p.coerced)
            report(ctx, { ...base, rule: 'metric.coerced', severity: 'warning', vars: { current: p.value } });
          return p.value;
        case 'negative':
          report(ctx, { ...base, rule: 'metric.negative', severity: 'error' });
          return null;
        case 'decimal':
          report(ctx, { ...base, rule: 'metric.decimal', severity: 'error' });
          return null;
        case 'notNumber':
          report(ctx, { ...base, rule: 'metric.notNumber', severity: 'error' });
          return null;
      }
    };
    mv.current = read('current');
    cellsOf.set(m.id, { current: cols.has('current') ? a1(r, cols.get('current')!) : null });
    const ytdCol = cols.get('ytd');
    if (m.kind === 'stock') {
      const raw = ytdCol !== undefined ? cell(sheet, r, ytdCol) : null;
      const shown = cellDisplay(raw);
      // The template may mark the cell with its own note text; that is not a value.
      const note = def.texts.stockYtdNote;
      if (shown !== null && !(note && normalizeLabel(shown) === normalizeLabel(note)))
        report(ctx, {
          rule: 'metric.stockYtd',
          severity: 'warning',
          sheet: sheet.name,
          cell: a1(r, ytdCol!),
          field: m.name,
          value: cellDisplay(raw),
        });
    } else {
      mv.ytd = read('ytd');
      // 本年累计 < 本期数 is a contradiction, not a matter of judgement (the year includes the period):
      // one of the two figures is wrong and would be printed in the report, so it is an 错误.
      if (mv.current !== null && mv.ytd !== null && mv.ytd < mv.current)
        report(ctx, {
          rule: 'metric.ytdLess',
          severity: 'error',
          sheet: sheet.name,
          cell: a1(r, ytdCol!),
          field: m.name,
          value: String(mv.ytd),
          vars: { ytd: mv.ytd, current: mv.current },
        });
      // The issued workbook knew the year so far: the year to date cannot be less than it plus the period.
      else if (
        mv.current !== null &&
        mv.ytd !== null &&
        ctx.ytdBefore?.[m.id] !== undefined &&
        mv.ytd < ctx.ytdBefore[m.id] + mv.current
      )
        report(ctx, {
          rule: 'metric.ytdBelowEarlier',
          severity: 'warning',
          sheet: sheet.name,
          cell: a1(r, ytdCol!),
          field: m.name,
          value: String(mv.ytd),
          vars: { ytd: mv.ytd, before: ctx.ytdBefore[m.id], current: mv.current },
        });
      // A period that starts on 1 January: the period and the year to date are one quantity.
      else if (
        ctx.period?.startMonth === 1 &&
        mv.current !== null &&
        mv.ytd !== null &&
        mv.ytd !== mv.current
      )
        report(ctx, {
          rule: 'metric.firstPeriodYtd',
          severity: 'warning',
          sheet: sheet.name,
          cell: a1(r, ytdCol!),
          field: m.name,
          value: String(mv.ytd),
          vars: { ytd: mv.ytd, current: mv.current, period: ctx.period.name },
        });
    }
    // Usual scale: a figure far above what a unit does in a quarter is probably a typing slip.
    if (m.usualMax && mv.current !== null && ctx.period) {
      const limit = Math.round((m.usualMax * (ctx.period.endMonth - ctx.period.startMonth + 1)) / 3);
      if (mv.current > limit)
        report(ctx, {
          rule: 'metric.unusual',
          severity: 'warning',
          sheet: sheet.name,
          cell: cellsOf.get(m.id)?.current ?? null,
          field: m.name,
          value: String(mv.current),
          vars: { current: mv.current, unit: m.unit, period: ctx.period.name, limit },
        });
    }
    const noteCol = cols.get('note');
    if (noteCol !== undefined) {
      const t = cellText(cell(sheet, r, noteCol));
      mv.note = t === null ? null : t;
    }
  }
  for (const rule of def.metricRules) {
    const l = values.get(rule.lhs);
    const rr = values.get(rule.rhs);
    if (!l || !rr || l.current === null || rr.current === null) continue;
    const holds =
      rule.kind === 'atMost'
        ? l.current <= rr.current
        : rr.current === 0 || l.current >= rule.factor * rr.current;
    if (holds) continue;
    ctx.issues.push({
      severity: rule.severity,
      rule: rule.id,
      sheet: sheet.name,
      cell: cellsOf.get(rule.lhs)?.current ?? null,
      field: l.name,
      value: String(l.current),
      message: formatTemplate(rule.message, {
        lhsName: l.name,
        lhsValue: `${l.current}${l.unit}`,
        rhsName: rr.name,
        rhsValue: `${rr.current}${rr.unit}`,
      }),
    });
  }
  return def.metrics.map((m) => values.get(m.id)!);
}

// ---------------------------------------------------------------------------------------------------
// 风险隐患台账

/** Rows that are not risks: a total, a note, a repeated caption. */
const STRAY_ROW = /^(合计|小计|总计|共计|注|说明|备注|填表说明|填报说明)/;

function readRisks(ctx: Ctx, sheet: SheetGrid | null, refDate: string): Risk[] {
  if (!sheet) return [];
  const def = ctx.def;
  const header = findHeader(sheet, def.riskColumns, 0, 2);
  if (!header) return [];
  const cols = header.cols;
  const colDef = new Map(def.riskColumns.map((c) => [c.key, c]));
  const risks: Risk[] = [];
  const firstRowOfId = new Map<string, number>();
  const riskLabels = new Set(def.riskColumns.flatMap(labelsOf));
  const substantive = def.riskColumns.filter((c) => c.key !== 'id' && c.key !== 'note').map((c) => c.key);
  for (let r = header.row + 1; r < sheet.rows.length; r++) {
    if (rowIsBlank(sheet, r)) continue;
    // Stray rows: nothing in the substantive columns (only an id or a note), or a total / note line.
    const first = (sheet.rows[r] ?? []).map((v) => cellText(v)).find((t) => t !== null) ?? '';
    if (!substantive.some((k) => cellDisplay(cols.has(k) ? cell(sheet, r, cols.get(k)!) : null) !== null))
      continue;
    if (STRAY_ROW.test(normalizeLabel(first))) continue;
    // A repeated header row (pasted twice).
    const headerLike = (sheet.rows[r] ?? []).filter((v) => {
      const t = cellText(v);
      return t !== null && riskLabels.has(normalizeLabel(t));
    }).length;
    if (headerLike >= 4) continue;

    const rowNo = r + 1;
    const at = (key: string) => (cols.has(key) ? a1(r, cols.get(key)!) : null);
    const label = (key: string) => colDef.get(key)?.label ?? key;
    const values: Record<string, string | null> = {};
    for (const c of def.riskColumns) {
      const ci = cols.get(c.key);
      if (ci === undefined) {
        values[c.key] = null;
        continue;
      }
      if (!usable(ctx, sheet, r, ci, c.label)) {
        values[c.key] = null;
        continue;
      }
      const raw = cell(sheet, r, ci);
      const t = cellText(raw);
      if (t === null) {
        values[c.key] = null;
        if (c.required)
          report(ctx, {
            rule: 'risk.required',
            severity: 'error',
            sheet: sheet.name,
            cell: a1(r, ci),
            field: c.label,
            value: null,
            vars: { row: rowNo },
          });
        continue;
      }
      if (c.type === 'enum' && c.vocab) {
        const vocab = def.vocab[c.vocab];
        const match = vocab?.values.find((x) => normalizeLabel(x) === normalizeLabel(t));
        if (vocab && !match) {
          report(ctx, {
            rule: 'risk.enum',
            severity: 'error',
            sheet: sheet.name,
            cell: a1(r, ci),
            field: c.label,
            value: t,
            vars: { allowed: vocab.values.join('、') },
          });
          values[c.key] = null;
          continue;
        }
        values[c.key] = match ?? t;
      } else if (c.type === 'date') {
        const d = parseDate(raw);
        if (d.status !== 'ok') {
          report(ctx, {
            rule: 'risk.date',
            severity: 'error',
            sheet: sheet.name,
            cell: a1(r, ci),
            field: c.label,
            value: t,
          });
          values[c.key] = null;
        } else values[c.key] = d.iso;
      } else {
        values[c.key] = t;
      }
    }

    let id = values.id !== null && values.id !== undefined ? normalizeText(values.id) : null;
    if (id === null) {
      id = `R${rowNo}`;
      report(ctx, {
        rule: 'risk.missingId',
        severity: 'warning',
        sheet: sheet.name,
        cell: at('id') ?? a1(r, 0),
        field: label('id'),
        value: null,
        vars: { row: rowNo, newId: id },
      });
    } else {
      const prev = firstRowOfId.get(id);
      if (prev !== undefined) {
        report(ctx, {
          rule: 'risk.duplicateId',
          severity: 'error',
          sheet: sheet.name,
          cell: at('id'),
          field: label('id'),
          value: id,
          vars: { id, firstRow: prev },
        });
      } else firstRowOfId.set(id, rowNo);
    }

    const status = values.status ?? null;
    const done = isDoneStatus(def, status);
    if (done && !values.progress) {
      report(ctx, {
        rule: 'risk.doneNoProgress',
        severity: 'warning',
        sheet: sheet.name,
        cell: at('progress') ?? at('status'),
        field: label('progress'),
        value: id,
        vars: { id },
      });
    }
    const deadline = values.deadline ?? null;
    const overdue = deadline !== null && deadline < refDate && !done;
    if (overdue) {
      report(ctx, {
        rule: 'risk.overdue',
        severity: 'warning',
        sheet: sheet.name,
        cell: at('deadline'),
        field: label('deadline'),
        value: id,
        vars: { id, deadline },
      });
    }
    risks.push({
      id,
      category: values.category ?? null,
      description: values.description ?? null,
      detail: values.detail ?? null,
      level: values.level ?? null,
      measures: values.measures ?? null,
      leader: values.leader ?? null,
      owner: values.owner ?? null,
      deadline,
      status,
      progress: values.progress ?? null,
      note: values.note ?? null,
      overdue,
      row: rowNo,
      values: { ...values, id, status, deadline },
    });
  }
  return risks;
}

// ---------------------------------------------------------------------------------------------------
// 工作情况

/** A narrative with nothing filled in. */
export function emptyNarrative(): Narrative {
  return {
    opening: null,
    sections: [],
    problems: [],
    nextSteps: [],
    signatureUnit: null,
    signatureDate: null,
  };
}

function readNarrative(ctx: Ctx, sheet: SheetGrid | null): Narrative {
  const out = emptyNarrative();
  if (!sheet) return out;
  const def = ctx.def;
  const header = findHeader(sheet, def.narrativeColumns, 0, 2);
  const headerRow = header ? header.row : sheet.rows.length;
  // Fields (落款单位, 成文日期) sit above the table.
  const fvs = fieldValues(sheet, def.narrativeFields, 0, headerRow);
  const fieldVals: Record<string, InfoValue> = {};
  for (const f of def.narrativeFields) {
    const fv = fvs.get(f.key);
    fieldVals[f.key] = fv ? readField(ctx, sheet, f, fv) : null;
  }
  out.signatureUnit = typeof fieldVals.signatureUnit === 'string' ? fieldVals.signatureUnit : null;
  out.signatureDate = typeof fieldVals.signatureDate === 'string' ? fieldVals.signatureDate : null;
  if (!header) return out;
  const cols = header.cols;
  const parts = narrativeParts(def);
  const partVocab = def.narrativeColumns.find((c) => c.key === 'part')?.vocab;
  const catCol = def.narrativeColumns.find((c) => c.key === 'category');
  const openings: string[] = [];
  for (let r = header.row + 1; r < sheet.rows.length; r++) {
    if (rowIsBlank(sheet, r)) continue;
    const get = (key: string): string | null => {
      const c = cols.get(key);
      if (c === undefined) return null;
      const label = def.narrativeColumns.find((x) => x.key === key)?.label ?? key;
      if (!usable(ctx, sheet, r, c, label)) return null;
      return cellText(cell(sheet, r, c));
    };
    const partText = get('part');
    let category = get('category');
    const title = get('title');
    const body = get('body');
    if (title === null && body === null && category === null) continue; // a part chosen, nothing written
    let part: string | null;
    if (partText === null) {
      report(ctx, {
        rule: 'narrative.partMissing',
        severity: 'warning',
        sheet: sheet.name,
        cell: cols.has('part') ? a1(r, cols.get('part')!) : null,
        field: def.narrativeColumns.find((c) => c.key === 'part')?.label ?? null,
        value: null,
        vars: { row: r + 1 },
      });
      part = parts.work;
    } else {
      const n = normalizeLabel(partText);
      part = Object.values(parts).find((p) => normalizeLabel(p) === n) ?? null;
      if (!part) {
        const values = partVocab
          ? (def.vocab[partVocab]?.values ?? Object.values(parts))
          : Object.values(parts);
        report(ctx, {
          rule: 'field.enum',
          severity: 'error',
          sheet: sheet.name,
          cell: a1(r, cols.get('part')!),
          field: def.narrativeColumns.find((c) => c.key === 'part')?.label ?? null,
          value: partText,
          vars: { allowed: values.join('、') },
        });
        continue;
      }
    }
    if (category !== null && catCol?.vocab) {
      const vocab = def.vocab[catCol.vocab];
      const match = vocab?.values.find((x) => normalizeLabel(x) === normalizeLabel(category!));
      if (vocab && !match) {
        report(ctx, {
          rule: 'field.enum',
          severity: 'error',
          sheet: sheet.name,
          cell: a1(r, cols.get('category')!),
          field: catCol.label,
          value: category,
          vars: { allowed: vocab.values.join('、') },
        });
        category = null;
      } else if (match) category = match;
    }
    if (title !== null && body === null) {
      report(ctx, {
        rule: 'narrative.bodyMissing',
        severity: 'warning',
        sheet: sheet.name,
        cell: cols.has('body') ? a1(r, cols.get('body')!) : null,
        field: def.narrativeColumns.find((c) => c.key === 'body')?.label ?? null,
        value: null,
        vars: { row: r + 1 },
      });
    }
    const section: NarrativeSection = { category, title, body };
    if (part === parts.opening) {
      if (body !== null || title !== null) openings.push(body ?? title!);
    } else if (part === parts.work) out.sections.push(section);
    else if (part === parts.problems) out.problems.push(section);
    else if (part === parts.nextSteps) out.nextSteps.push(section);
  }
  out.opening = openings.length > 0 ? openings.join('\n') : null;
  return out;
}

// ---------------------------------------------------------------------------------------------------

/** Checks a workbook grid against the definition. Never throws on odd content. */
export function checkGrid(
  grid: WorkbookGrid,
  def: Definition = defaultDefinition,
  opts: CheckOptions = {},
): CheckResult {
  const ctx: Ctx = { def, issues: [], asOf: opts.asOf ?? localToday(), period: null };

  // Meta sheet: template id and version first — a foreign or newer template is not read at all.
  const metaSheet = findMeta(grid, def);
  let meta: Meta = {
    templateId: null,
    version: null,
    unitCode: null,
    unitName: null,
    hash: null,
    ...NO_CARRY,
  };
  let metaSource: SheetGrid | null = metaSheet;
  if (!metaSheet) {
    report(ctx, {
      rule: 'meta.missing',
      severity: 'warning',
      sheet: null,
      cell: null,
      field: null,
      value: null,
    });
    // The 填报说明 sheet repeats the template id and version: still check them when it is there.
    const fromGuide = versionFromGuide(grid, def);
    if (fromGuide) {
      meta = { ...meta, templateId: fromGuide.templateId, version: fromGuide.version };
      metaSource = fromGuide.sheet;
    }
  } else {
    meta = readMeta(metaSheet);
  }
  if (metaSource) {
    if (meta.templateId !== null && meta.templateId !== def.id) {
      report(ctx, {
        rule: 'meta.otherTemplate',
        severity: 'error',
        sheet: metaSource.name,
        cell: null,
        field: META_KEYS.templateId,
        value: meta.templateId,
        vars: { templateId: meta.templateId },
      });
      return { submission: null, issues: ctx.issues };
    }
    // An older version the definition declares compatible is read as it is, silently: its missing fields
    // and columns (the definition marks them `since`) are simply empty.
    if (
      meta.version !== null &&
      meta.version !== def.version &&
      !def.compatibleVersions.includes(meta.version)
    ) {
      report(ctx, {
        rule: 'meta.unknownVersion',
        severity: 'error',
        sheet: metaSource.name,
        cell: null,
        field: META_KEYS.version,
        value: meta.version,
        vars: { version: meta.version, current: def.version },
      });
      return { submission: null, issues: ctx.issues };
    }
  }

  const found = findSheets(grid, def);
  if (found.size === 0) {
    // Nothing of the standard at all: one clear error rather than four.
    report(ctx, {
      rule: 'sheet.missing',
      severity: 'error',
      sheet: null,
      cell: null,
      field: def.sheets.info,
      value: null,
    });
    return { submission: null, issues: ctx.issues };
  }
  for (const key of STANDARD_SHEETS) {
    const f = found.get(key);
    if (!f)
      report(ctx, {
        rule: 'sheet.missing',
        severity: 'error',
        sheet: null,
        cell: null,
        field: def.sheets[key],
        value: null,
      });
    else if (f.renamed)
      report(ctx, {
        rule: 'sheet.renamed',
        severity: 'warning',
        sheet: f.sheet.name,
        cell: null,
        field: def.sheets[key],
        value: f.sheet.name,
      });
  }

  const infoSheet = found.get('info')?.sheet ?? null;
  const info = infoSheet
    ? readInfo(ctx, infoSheet)
    : { values: {}, cells: {} as Record<string, string | null> };
  const str = (k: string): string | null => {
    const v = info.values[k];
    return v === undefined || v === null ? null : String(v);
  };

  let unitCode = str('unitCode');
  let unitName = str('unitName');
  if (meta.unitCode !== null) {
    if (unitCode === null) unitCode = meta.unitCode;
    else if (normalizeText(unitCode) !== normalizeText(meta.unitCode))
      report(ctx, {
        rule: 'meta.codeMismatch',
        severity: 'error',
        sheet: infoSheet?.name ?? null,
        cell: info.cells.unitCode ?? null,
        field: def.info.find((f) => f.key === 'unitCode')?.label ?? null,
        value: unitCode,
        vars: { lockedCode: meta.unitCode },
      });
  }
  if (unitName === null && meta.unitName !== null) unitName = meta.unitName;

  const fillDate = str('fillDate');
  // The period's own rules apply only when 报告期 agrees with 报告类型 (else that 错误 says enough).
  const kindOf = def.reportKinds.find((k) => k.name === str('reportKind'));
  const periodName = str('period');
  ctx.period =
    periodName && (!kindOf || kindOf.periods.includes(periodName))
      ? (def.periods.find((p) => p.name === periodName) ?? null)
      : null;
  ctx.ytdBefore = meta.ytdBefore;
  const metrics = readMetrics(ctx, found.get('metrics')?.sheet ?? null);
  const risksSheet = found.get('risks')?.sheet ?? null;
  const risks = readRisks(ctx, risksSheet, fillDate ?? ctx.asOf);
  // A risk carried from the last round must stay in the register until it is marked closed.
  if (risksSheet) {
    const present = new Set(risks.map((r) => normalizeText(r.id)));
    for (const id of meta.carriedRisks)
      if (!present.has(normalizeText(id)))
        report(ctx, {
          rule: 'risk.carriedMissing',
          severity: 'warning',
          sheet: risksSheet.name,
          cell: null,
          field: def.riskColumns.find((c) => c.key === 'id')?.label ?? null,
          value: id,
          vars: { id },
        });
  }
  const narrative = readNarrative(ctx, found.get('narrative')?.sheet ?? null);
  const year = info.values.year;

  // Nothing to write a report from: no figure, no register row, no paragraph.
  const n = narrative;
  if (
    metrics.every((m) => m.current === null && m.ytd === null) &&
    risks.length === 0 &&
    !n.opening &&
    n.sections.length + n.problems.length + n.nextSteps.length === 0
  )
    report(ctx, {
      rule: 'content.empty',
      severity: 'error',
      sheet: found.get('metrics')?.sheet.name ?? null,
      cell: null,
      field: null,
      value: null,
    });

  const submission: Submission = {
    templateId: meta.templateId,
    templateVersion: meta.version,
    unit: { name: unitName, code: unitCode },
    partyOrg: str('partyOrg'),
    reportKind: str('reportKind'),
    year: typeof year === 'number' ? year : null,
    period: str('period'),
    filler: str('filler'),
    phone: str('phone'),
    reviewer: str('reviewer'),
    fillDate,
    info: { ...info.values, unitName, unitCode },
    metrics,
    risks,
    narrative,
  };
  return { submission, issues: ctx.issues };
}
