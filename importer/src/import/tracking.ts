// 汇总台账.xlsx: 总览, 报送情况, 催报名单, 各单位基本信息 (when the rows carry it), 指标汇总, 指标明细,
// 风险隐患汇总, 分类统计, 校验问题, 文件清单.
// Written into the host's exceljs book (tracking-book.ts): in Node the streaming WorkbookWriter, so that
// the rows never have to fit in memory as cells; in the browser the in-memory Workbook.
//
// The same input gives the same bytes, apart from one timestamp: the workbook's created/modified time in
// docProps/core.xml (when it was written). Every zip entry carries the fixed ZIP_EPOCH date, rows come
// in the order the caller gives, no cell holds more text than Excel accepts, and no number that is not
// finite is ever written.
import type ExcelJS from 'exceljs';
import {
  Package,
  ZipReader,
  columnLetters,
  formatDate,
  isHighLevel,
  localDay,
  putSheetFirst,
  reminderTable,
  roleValue,
  SUBMISSION_LABELS,
  type Definition,
  type Issue,
  type ReminderItem,
  type Risk,
  type Timeliness,
  type ZipReadOptions,
} from '../../../templates/src/index';
import { num, text } from './cell-text';
export { num, text }; // the workspace's sheets (store/tracking-sheets.ts) write cells the same way
import { memoryTrackingBook, type TrackingBookFactory } from './tracking-book';
import {
  addSheet,
  BOLD_FONT,
  BORDER,
  FILLS,
  fitRowHeight,
  headerRow,
  INT_FMT,
  TITLE_FONT,
  type SheetBook,
} from './sheet-style';
import {
  EACH_UNIT,
  FILE_COLUMNS,
  OVERDUE_LABEL,
  SEVERITY_LABEL,
  SHEETS,
  STATUS_LABEL,
  TOTAL_LABEL,
} from './labels';

export type UnitStatus = keyof typeof STATUS_LABEL;

export interface StatusRow {
  code: string;
  name: string;
  group: string | null;
  status: UnitStatus;
  file: string | null;
  fillDate: string | null;
  errors: number;
  warnings: number;
  risks: number;
  high: number;
  overdue: number;
  note: string;
  /** 联系人, 联系电话 from the roster. */
  contact?: string | null;
  phone?: string | null;
  /** On time or late against the unit's deadline (null without a deadline). */
  timeliness?: Timeliness | null;
  /** The submission's 基本信息 by field key (every field of the definition, including any it adds). */
  info?: Readonly<Record<string, string | number | null>> | null;
}

export interface MetricRow {
  code: string;
  name: string;
  group: string | null;
  /** 本期数 in definition order. */
  current: (number | null)[];
}

export interface RiskRow {
  code: string;
  name: string;
  risk: Risk;
}

export interface IssueRow {
  unit: string;
  file: string;
  issue: Issue;
}

export const STATUS_COLUMNS = [
  '序号',
  '单位代码',
  '单位名称',
  '分类',
  '报送状态',
  '按时/迟报',
  '迟报天数',
  '填报日期',
  '错误数',
  '警告数',
  '风险隐患数',
  '高风险数',
  '逾期数',
  '联系人',
  '联系电话',
  '文件',
  '备注',
] as const;
export const ISSUE_COLUMNS = ['单位', '文件', '工作表', '单元格', '项目', '严重程度', '问题说明'] as const;
/** The long 指标明细 sheet: one row per unit and metric (for pivot tables). */
export const METRIC_LONG_COLUMNS = [
  '单位代码',
  '单位名称',
  '分类',
  '指标类别',
  '指标编号',
  '指标',
  '计量单位',
  '本期数',
] as const;
export const UNCATEGORISED = '未分类';
export const ON_TIME_LABEL = { onTime: '按时', late: '迟报' } as const;

export interface FileRow {
  file: string;
  /** What happened to it (FILE_STATUS_LABEL). */
  status: string;
  unit: string | null;
  note: string;
}

/**
 * Zip limits for reading back the workbook we just wrote (sheets at 20,000 units exceed the 50 MB a part
 * that guards untrusted files).
 */
export const OWN_WORKBOOK_LIMITS: ZipReadOptions = {
  maxEntries: 100_000,
  maxPartBytes: 2 ** 31,
  maxTotalBytes: 2 ** 33,
};

/** The round the workbook consolidates: its title, page headers and file name say it. */
export interface TrackingRound {
  year: number;
  period: string;
  reportKind?: string | null;
}

export interface TrackingInput {
  statusRows: readonly StatusRow[];
  metricRows: Iterable<MetricRow>;
  riskRows: AsyncIterable<RiskRow>;
  issueRows: AsyncIterable<IssueRow>;
  /** Every file found, with what happened to it (文件清单). */
  fileRows?: Iterable<FileRow>;
  /** The 催报名单: units to chase, in roster order. */
  reminders?: readonly ReminderItem[];
  round?: TrackingRound | null;
  /** Who consolidates (汇总单位), for 总览. */
  issuer?: string | null;
  /** The day the workbook is made (YYYY-MM-DD), for 总览; default: the created time's date. */
  asOf?: string | null;
  /** The workbook's created/modified time (docProps/core.xml); default now, to the second. */
  created?: Date;
  /** More sheets (the workspace's 环比, 风险跟踪, 跨期核对), added after the standard ones. */
  extraSheets?: (wb: ExcelJS.stream.xlsx.WorkbookWriter, caption: string) => void | Promise<void>;
}

export interface TrackingStats {
  /** category → level → count (categories of the vocabulary, then UNCATEGORISED). */
  byCategory: Map<string, Map<string, number>>;
  metricTotals: number[];
  riskRows: number;
  issueRows: number;
  /** 总览's two tables, as written there (and drawn by its charts and by the page's 批量汇总). */
  overview: OverviewFigures;
}

/**
 * 总览's figures: the submission counts of 一、报送情况 and the risks by category × level of 二、风险隐患,
 * in its order. The workbook writes its tables (and charts) from these; the page's 批量汇总 draws the same.
 */
export interface OverviewFigures {
  /** 应报单位, 已报送, 按时报送, 迟报, 有错误或无法使用, 未报送; null: not counted (no unit had a deadline). */
  status: { label: string; value: number | null }[];
  /** The risk levels (the chart's series), in the definition's order. */
  levels: string[];
  /** The categories shown (UNCATEGORISED only when it has risks), each with its count per level. */
  risks: { category: string; counts: number[] }[];
}

/** 总览's figures from the status rows and the category → level → count table of 风险隐患汇总. */
export function overviewFigures(
  statusRows: readonly StatusRow[],
  byCategory: ReadonlyMap<string, ReadonlyMap<string, number>>,
  levels: readonly string[],
): OverviewFigures {
  const count = (f: (s: StatusRow) => boolean) => statusRows.filter(f).length;
  const hasDeadline = statusRows.some((r) => r.timeliness);
  const timely = (late: boolean) =>
    hasDeadline ? count((s) => s.status !== 'missing' && s.timeliness?.late === late) : null;
  const at = (c: string, l: string) => byCategory.get(c)?.get(l) ?? 0;
  return {
    status: [
      { label: SUBMISSION_LABELS.expected, value: statusRows.length },
      { label: SUBMISSION_LABELS.submitted, value: count((s) => s.status !== 'missing') },
      { label: SUBMISSION_LABELS.onTime, value: timely(false) },
      { label: SUBMISSION_LABELS.late, value: timely(true) },
      {
        label: SUBMISSION_LABELS.withErrors,
        value: count((s) => s.status === 'errors' || s.status === 'unusable'),
      },
      { label: SUBMISSION_LABELS.missing, value: count((s) => s.status === 'missing') },
    ],
    levels: [...levels],
    risks: [...byCategory.keys()]
      .filter((c) => c !== UNCATEGORISED || levels.some((l) => at(c, l) > 0))
      .map((c) => ({ category: c, counts: levels.map((l) => at(c, l)) })),
  };
}

/** "2023年第三季度" / "2023年上半年" / "2023年度". */
export function roundLabel(round: TrackingRound, def: Definition): string {
  const p = def.periods.find((x) => x.name === round.period);
  const name = p ? p.titleName : round.period;
  return name ? `${round.year}年${name}` : `${round.year}年度`;
}

/** The workbook's title: "2023年第三季度意识形态工作汇总台账" (without a round: "意识形态工作汇总台账"). */
export function trackingTitle(round: TrackingRound | null | undefined, def: Definition): string {
  return `${round ? roundLabel(round, def) : ''}${def.subject}工作汇总台账`;
}

/** The file name, so that rounds do not overwrite each other: "2023年第三季度汇总台账.xlsx". */
export function trackingFileName(round: TrackingRound | null | undefined, def: Definition): string {
  return round ? `${roundLabel(round, def)}汇总台账.xlsx` : '汇总台账.xlsx';
}

/** The metrics 总览 shows: the weightiest of each category (the first on a tie), in definition order. */
export function overviewMetrics(def: Definition): number[] {
  const best = new Map<string, number>();
  def.metrics.forEach((m, i) => {
    const b = best.get(m.category);
    if (b === undefined || (m.weight ?? 1) > (def.metrics[b].weight ?? 1)) best.set(m.category, i);
  });
  return [...best.values()].sort((a, b) => a - b);
}

/** The metric whose leading units 总览 charts: the weightiest flow metric (the first on a tie). */
export function chartedMetric(def: Definition): number {
  let best = -1;
  def.metrics.forEach((m, i) => {
    if (m.kind !== 'flow') return;
    if (best < 0 || (m.weight ?? 1) > (def.metrics[best].weight ?? 1)) best = i;
  });
  return Math.max(0, best);
}

const TOP_UNITS = 10;

interface MetricOverview {
  units: number;
  total: number;
  top: { name: string; value: number } | null;
}

/** The cells 总览's charts draw (A1 ranges on 总览), for the chart patcher. */
export interface OverviewCharts {
  status: { categories: string; values: string; anchor: string };
  risks: { categories: string; series: { values: string; name: string }[]; anchor: string } | null;
  metric: { categories: string; values: string; title: string; anchor: string } | null;
}

/** Builds the tracking workbook in the host's book (default: exceljs' in-memory one); returns its bytes. */
export async function writeTracking(
  input: TrackingInput,
  def: Definition,
  newBook: TrackingBookFactory = memoryTrackingBook,
): Promise<TrackingStats & { charts: OverviewCharts; bytes: Uint8Array }> {
  const created = input.created ?? new Date(Math.floor(Date.now() / 1000) * 1000);
  const book = newBook(created);
  const wb = book.wb;
  wb.creator = 'Yanpan';
  wb.lastModifiedBy = 'Yanpan';
  wb.created = created;
  wb.modified = created;
  wb.views = [
    { x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: 'visible' },
  ];
  const caption = trackingTitle(input.round, def);
  const levels = [...def.vocab.riskLevel.values];
  const highLevel = roleValue(def, 'riskLevel', 'high')!;
  const categories = [...def.vocab.riskCategory.values, UNCATEGORISED];
  const hasDeadline = input.statusRows.some((r) => r.timeliness);

  // ---- 报送情况 ----
  {
    const widths = [5, 11, 20, 9, 13, 7, 6, 11, 6, 6, 7, 7, 6, 8, 13, 26, 28];
    const ws = addSheet(wb, SHEETS.status, {
      widths,
      frozen: { x: 3, y: 1 },
      titleRows: '1:1',
      caption,
    });
    headerRow(ws, STATUS_COLUMNS);
    input.statusRows.forEach((r, i) => {
      const submitted = r.status !== 'missing';
      const t = submitted ? r.timeliness : null;
      const row = ws.addRow([
        i + 1,
        text(r.code),
        text(r.name),
        text(r.group),
        STATUS_LABEL[r.status],
        t ? ON_TIME_LABEL[t.late ? 'late' : 'onTime'] : '',
        t?.late ? t.daysLate : null,
        text(r.fillDate),
        submitted ? num(r.errors) : null,
        submitted ? num(r.warnings) : null,
        submitted ? num(r.risks) : null,
        submitted ? num(r.high) : null,
        submitted ? num(r.overdue) : null,
        text(r.contact),
        text(r.phone),
        text(r.file),
        text(r.note),
      ]);
      const fill =
        r.status === 'errors' || r.status === 'unusable'
          ? FILLS.error
          : r.status === 'warnings'
            ? FILLS.warning
            : r.status === 'missing'
              ? FILLS.missing
              : null;
      if (fill) row.getCell(5).fill = fill;
      if (t?.late) row.getCell(6).fill = FILLS.warning;
      for (const c of [16, 17]) row.getCell(c).alignment = { wrapText: true, vertical: 'top' };
      fitRowHeight(row, widths, [3, 16, 17]);
      row.commit();
    });
    ws.autoFilter = `A1:${columnLetters(STATUS_COLUMNS.length - 1)}${Math.max(1, input.statusRows.length + 1)}`;
    ws.commit();
  }

  // ---- 催报名单 ----
  if (input.reminders) {
    const table = reminderTable(input.reminders);
    const widths = [5, 22, 12, 9, 14, 40, 32];
    const ws = addSheet(wb, SHEETS.reminders, {
      widths,
      frozen: { y: 1 },
      titleRows: '1:1',
      caption,
    });
    headerRow(
      ws,
      table.columns.map((c) => c.label),
    );
    for (const cells of table.rows) {
      const row = ws.addRow([Number(cells[0]), ...cells.slice(1).map((c) => text(c))]);
      for (const c of [2, 6, 7]) row.getCell(c).alignment = { wrapText: true, vertical: 'top' };
      fitRowHeight(row, widths, [2, 6, 7]);
      row.commit();
    }
    if (table.rows.length === 0) ws.addRow(['', '各单位均已按时报送，无需催报。']).commit();
    ws.commit();
  }

  // ---- 各单位基本信息: every field of the definition, for the units whose submission was read ----
  if (input.statusRows.some((r) => r.info)) {
    const labels = ['单位代码', '单位名称', ...def.info.map((f) => f.label)];
    const widths = [11, 20, ...def.info.map((f) => Math.min(30, Math.max(10, f.label.length * 2 + 2)))];
    const ws = addSheet(wb, `${EACH_UNIT}${def.sheets.info}`.slice(0, 31), {
      widths,
      frozen: { x: 2, y: 1 },
      titleRows: '1:1',
      caption,
    });
    headerRow(ws, labels);
    let n = 0;
    for (const r of input.statusRows) {
      if (!r.info) continue;
      const info = r.info;
      const values = def.info.map((f) => {
        const v = info[f.key];
        return typeof v === 'number' ? num(v) : text(v);
      });
      const row = ws.addRow([text(r.code), text(r.name), ...values]);
      fitRowHeight(row, widths, [2]);
      row.commit();
      n++;
    }
    ws.autoFilter = `A1:${columnLetters(labels.length - 1)}${n + 1}`;
    ws.commit();
  }

  // ---- 指标汇总 (wide) and 指标明细 (long) ----
  const nm = def.metrics.length;
  const metricTotals = new Array<number>(nm).fill(0);
  const metricView: MetricOverview[] = def.metrics.map(() => ({ units: 0, total: 0, top: null }));
  const charted = chartedMetric(def);
  const leaders: { name: string; value: number; order: number }[] = [];
  const longRows: MetricRow[] = [];
  {
    const fixed = ['单位代码', '单位名称', '分类'];
    const labels = [...fixed, ...def.metrics.map((m) => `${m.name}（${m.unit}）`)];
    const ws = addSheet(wb, SHEETS.metrics, {
      widths: labels.map((_, i) => (i === 1 ? 20 : i < 3 ? 10 : 8)),
      frozen: { x: 2, y: 1 },
      titleRows: '1:1',
      caption,
    });
    headerRow(ws, labels, 90);
    let n = 0;
    for (const r of input.metricRows) {
      const row = ws.addRow([text(r.code), text(r.name), text(r.group), ...r.current.map((v) => num(v))]);
      for (let j = 0; j < nm; j++) {
        const v = num(r.current[j]);
        if (v !== null) {
          metricTotals[j] += v;
          const mv = metricView[j];
          mv.units++;
          mv.total += v;
          if (!mv.top || v > mv.top.value) mv.top = { name: r.name, value: v };
        }
        row.getCell(fixed.length + j + 1).numFmt = INT_FMT;
      }
      const v = num(r.current[charted]);
      if (v !== null && v > 0) {
        leaders.push({ name: r.name, value: v, order: n });
        leaders.sort((a, b) => b.value - a.value || a.order - b.order);
        if (leaders.length > TOP_UNITS) leaders.pop();
      }
      longRows.push(r);
      row.commit();
      n++;
    }
    const first = 2;
    const last = n + 1;
    const totals = ws.addRow([TOTAL_LABEL, '', '']);
    for (let j = 0; j < nm; j++) {
      const col = columnLetters(fixed.length + j);
      const cell = totals.getCell(fixed.length + j + 1);
      cell.value = {
        formula: n > 0 ? `SUM(${col}${first}:${col}${last})` : '0',
        result: num(metricTotals[j]) ?? 0,
      } as any;
      cell.numFmt = INT_FMT;
    }
    totals.eachCell((c) => {
      c.font = BOLD_FONT;
      c.border = { top: { style: 'thin' } };
    });
    totals.commit();
    const lastCol = columnLetters(labels.length - 1);
    ws.autoFilter = `A1:${lastCol}${Math.max(1, last)}`;
    if (n > 0) {
      for (let j = 0; j < nm; j++) {
        const col = columnLetters(fixed.length + j);
        ws.addConditionalFormatting({
          ref: `${col}${first}:${col}${last}`,
          rules: [
            {
              type: 'dataBar',
              priority: j + 1,
              cfvo: [{ type: 'min' }, { type: 'max' }],
              color: { argb: 'FF5B9BD5' },
              gradient: true,
            } as any,
          ],
        });
      }
    }
    ws.commit();
  }
  {
    const ws = addSheet(wb, SHEETS.metricsLong, {
      widths: [11, 20, 9, 12, 20, 36, 8, 10],
      frozen: { y: 1 },
      titleRows: '1:1',
      caption,
    });
    headerRow(ws, METRIC_LONG_COLUMNS);
    let n = 0;
    for (const r of longRows) {
      def.metrics.forEach((m, j) => {
        const v = num(r.current[j]);
        if (v === null) return;
        const row = ws.addRow([
          text(r.code),
          text(r.name),
          text(r.group),
          m.category,
          m.id,
          m.name,
          m.unit,
          v,
        ]);
        row.getCell(8).numFmt = INT_FMT;
        row.commit();
        n++;
      });
    }
    ws.autoFilter = `A1:${columnLetters(METRIC_LONG_COLUMNS.length - 1)}${n + 1}`;
    ws.commit();
  }
  longRows.length = 0;

  // ---- 风险隐患汇总 ----
  const byCategory = new Map<string, Map<string, number>>();
  for (const c of categories) byCategory.set(c, new Map(levels.map((l) => [l, 0])));
  const perUnit = new Map<
    string,
    { code: string; name: string; counts: number[]; high: number; total: number }
  >();
  let riskCount = 0;
  {
    const labels = ['单位代码', '单位名称', ...def.riskColumns.map((c) => c.label), OVERDUE_LABEL];
    const widths = [11, 18, ...def.riskColumns.map((c) => c.width), 6];
    const ws = addSheet(wb, SHEETS.risks, {
      widths,
      frozen: { x: 2, y: 1 },
      titleRows: '1:1',
      caption,
    });
    headerRow(ws, labels);
    const wrapped = def.riskColumns.map((c, i) => (c.width >= 20 ? i + 3 : 0)).filter((i) => i > 0);
    for await (const r of input.riskRows) {
      const values = def.riskColumns.map((c) => {
        // The named fields are the risk's own; `values` holds the columns a definition adds.
        const v = c.key in r.risk ? (r.risk as Record<string, unknown>)[c.key] : r.risk.values?.[c.key];
        return v === null || v === undefined ? '' : text(String(v));
      });
      const row = ws.addRow([text(r.code), text(r.name), ...values, r.risk.overdue ? OVERDUE_LABEL : '']);
      for (const c of wrapped) row.getCell(c).alignment = { wrapText: true, vertical: 'top' };
      fitRowHeight(row, widths, wrapped);
      if (r.risk.overdue) row.eachCell({ includeEmpty: true }, (c) => (c.fill = FILLS.error));
      row.commit();
      riskCount++;
      const cat = r.risk.category && byCategory.has(r.risk.category) ? r.risk.category : UNCATEGORISED;
      const lvl = r.risk.level && levels.includes(r.risk.level) ? r.risk.level : null;
      if (lvl) byCategory.get(cat)!.set(lvl, byCategory.get(cat)!.get(lvl)! + 1);
      const key = `${r.code}\u0000${r.name}`;
      let u = perUnit.get(key);
      if (!u) {
        u = { code: r.code, name: r.name, counts: new Array(categories.length).fill(0), high: 0, total: 0 };
        perUnit.set(key, u);
      }
      u.counts[categories.indexOf(cat)]++;
      if (isHighLevel(def, lvl)) u.high++;
      u.total++;
    }
    ws.autoFilter = `A1:${columnLetters(labels.length - 1)}${riskCount + 1}`;
    ws.commit();
  }

  // ---- 分类统计 ----
  // The per-unit table first, its header repeated on every printed page; then category × level (also on
  // 总览), short enough to print whole.
  {
    const ws = addSheet(wb, SHEETS.stats, {
      widths: [22, ...categories.map(() => 10), 10, 10],
      frozen: { y: 1 },
      titleRows: '1:1',
      caption,
    });
    headerRow(ws, ['单位名称', ...categories, `${highLevel}风险`, TOTAL_LABEL]);
    for (const u of perUnit.values()) ws.addRow([text(u.name), ...u.counts, u.high, u.total]).commit();
    ws.addRow([]).commit();
    const title = ws.addRow([`${def.vocab.riskCategory.label} × ${def.vocab.riskLevel.label}`]);
    title.font = BOLD_FONT;
    title.commit();
    headerRow(ws, [def.vocab.riskCategory.label, ...levels, TOTAL_LABEL]);
    const colTotals = new Array<number>(levels.length).fill(0);
    for (const c of categories) {
      const counts = levels.map((l) => byCategory.get(c)!.get(l)!);
      counts.forEach((v, i) => (colTotals[i] += v));
      ws.addRow([c, ...counts, counts.reduce((a, b) => a + b, 0)]).commit();
    }
    const tr = ws.addRow([TOTAL_LABEL, ...colTotals, colTotals.reduce((a, b) => a + b, 0)]);
    tr.font = BOLD_FONT;
    tr.commit();
    ws.commit();
  }

  // ---- 校验问题 ----
  let issueCount = 0;
  {
    const widths = [18, 28, 10, 7, 16, 7, 60];
    const ws = addSheet(wb, SHEETS.issues, {
      widths,
      frozen: { y: 1 },
      titleRows: '1:1',
      caption,
    });
    headerRow(ws, ISSUE_COLUMNS);
    for await (const r of input.issueRows) {
      const row = ws.addRow([
        text(r.unit),
        text(r.file),
        text(r.issue.sheet),
        text(r.issue.cell),
        text(r.issue.field),
        SEVERITY_LABEL[r.issue.severity],
        text(r.issue.message),
      ]);
      row.getCell(6).fill = r.issue.severity === 'error' ? FILLS.error : FILLS.warning;
      for (const c of [2, 7]) row.getCell(c).alignment = { wrapText: true, vertical: 'top' };
      fitRowHeight(row, widths, [2, 7]);
      row.commit();
      issueCount++;
    }
    ws.autoFilter = `A1:${columnLetters(ISSUE_COLUMNS.length - 1)}${issueCount + 1}`;
    ws.commit();
  }

  // ---- 文件清单 ----
  if (input.fileRows) {
    const widths = [5, 40, 14, 18, 50];
    const ws = addSheet(wb, SHEETS.files, {
      widths,
      frozen: { y: 1 },
      titleRows: '1:1',
      caption,
    });
    headerRow(ws, FILE_COLUMNS);
    let n = 0;
    for (const r of input.fileRows) {
      n++;
      const row = ws.addRow([n, text(r.file), text(r.status), text(r.unit), text(r.note)]);
      for (const c of [2, 5]) row.getCell(c).alignment = { wrapText: true, vertical: 'top' };
      fitRowHeight(row, widths, [2, 5]);
      row.commit();
    }
    ws.autoFilter = `A1:${columnLetters(FILE_COLUMNS.length - 1)}${n + 1}`;
    ws.commit();
  }

  // Only the Node host adds sheets of its own (the workspace's), and it writes with the streaming writer.
  await input.extraSheets?.(wb as ExcelJS.stream.xlsx.WorkbookWriter, caption);

  // ---- 总览: streamed last, moved to the front below ----
  const overview = overviewFigures(input.statusRows, byCategory, levels);
  const charts = writeOverview(wb, {
    input,
    def,
    caption,
    created,
    hasDeadline,
    levels,
    overview,
    metricView,
    leaders,
    charted,
  });

  const pkg = new Package(new ZipReader(await book.finish(), OWN_WORKBOOK_LIMITS));
  putSheetFirst(pkg, SHEETS.overview);
  const bytes = pkg.write();
  return {
    byCategory,
    metricTotals,
    riskRows: riskCount,
    issueRows: issueCount,
    overview,
    charts,
    bytes,
  };
}

interface OverviewData {
  input: TrackingInput;
  def: Definition;
  caption: string;
  created: Date;
  hasDeadline: boolean;
  levels: string[];
  overview: OverviewFigures;
  metricView: MetricOverview[];
  leaders: { name: string; value: number }[];
  charted: number;
}

/** Columns of 总览: the tables in A–H, the charts beside them in J–Q. */
const OVERVIEW_WIDTHS = [24, 9, 9, 9, 9, 9, 9, 9, 2, 9, 9, 9, 9, 9, 9, 9, 9];
/** Rows each section of 总览 takes (a chart's height). */
const SECTION_ROWS = 17;

function writeOverview(wb: SheetBook, d: OverviewData): OverviewCharts {
  const { input, def, levels } = d;
  const ws = addSheet(wb, SHEETS.overview, { widths: OVERVIEW_WIDTHS, caption: d.caption, gridLines: false });
  const lastCol = OVERVIEW_WIDTHS.length;
  let r = 0;
  const add = (values: unknown[] = []) => {
    r++;
    return ws.addRow(values);
  };
  /** Blank rows up to `row`; `pageBreak`: the printed page ends before `row`. */
  const blankTo = (row: number, pageBreak = false) => {
    while (r < row - 1) {
      const blank = add();
      if (pageBreak && r === row - 1) blank.addPageBreak();
      blank.commit();
    }
  };
  const section = (title: string) => {
    const row = add([title]);
    row.font = { ...BOLD_FONT, size: 12 };
    row.height = 22;
    row.commit();
  };
  /** A bordered table; `merge` joins two columns (1-based) on every row, header included. */
  const table = (
    labels: readonly string[],
    rows: (string | number | null)[][],
    merge: [number, number] | null = null,
  ) => {
    const h = add([...labels]);
    h.eachCell((c) => {
      c.font = BOLD_FONT;
      c.fill = FILLS.header;
      c.border = BORDER;
      c.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    });
    if (merge) ws.mergeCells(r, merge[0], r, merge[1]);
    h.commit();
    const first = r + 1;
    const fitWidths = [...OVERVIEW_WIDTHS];
    if (merge)
      fitWidths[merge[0] - 1] = OVERVIEW_WIDTHS.slice(merge[0] - 1, merge[1]).reduce((a, b) => a + b, 0);
    for (const values of rows) {
      const row = add(values);
      for (let c = 1; c <= labels.length; c++) {
        const cell = row.getCell(c);
        cell.border = BORDER;
        cell.alignment = { vertical: 'middle', wrapText: true, horizontal: c === 1 ? 'left' : 'center' };
        if (typeof values[c - 1] === 'number') cell.numFmt = INT_FMT;
      }
      if (merge) ws.mergeCells(r, merge[0], r, merge[1]);
      fitRowHeight(row, fitWidths, merge ? [1, merge[0]] : [1]);
      row.commit();
    }
    return { first, last: r };
  };

  // Title and the round.
  {
    const t = add([d.caption]);
    t.font = TITLE_FONT;
    t.height = 32;
    t.alignment = { horizontal: 'center', vertical: 'middle' };
    ws.mergeCells(1, 1, 1, lastCol);
    t.commit();
    const round = input.round;
    const asOf = input.asOf ?? localDay(d.created);
    const meta = [
      round ? `报告期：${roundLabel(round, def)}${round.reportKind ? `（${round.reportKind}）` : ''}` : '',
      input.issuer ? `汇总单位：${input.issuer}` : '',
      `生成日期：${formatDate(asOf) ?? asOf}`,
    ].filter(Boolean);
    const m = add([meta.join('\u3000\u3000')]);
    m.alignment = { horizontal: 'center' };
    ws.mergeCells(2, 1, 2, lastCol);
    m.commit();
  }

  // 一、报送情况
  const statusTable = d.overview.status.map((x) => [x.label, x.value ?? '—']);
  blankTo(4);
  const statusTop = r + 1;
  section('一、报送情况');
  const st = table(['项目', '单位数'], statusTable);
  if (!d.hasDeadline) {
    add([
      '注：未设报送截止日期，未区分按时与迟报（可在单位名册中填写“报送截止日期”或导入时指定）。',
    ]).commit();
  }

  // 二、风险隐患
  blankTo(statusTop + SECTION_ROWS);
  const riskTop = r + 1;
  section(`二、${def.vocab.riskCategory.label}与${def.vocab.riskLevel.label}`);
  const risks = d.overview.risks;
  const riskRows = risks.map((x) => [x.category, ...x.counts, x.counts.reduce((a, b) => a + b, 0)]);
  const colTotals = levels.map((_, i) => risks.reduce((a, x) => a + x.counts[i], 0));
  const rt = table(
    [def.vocab.riskCategory.label, ...levels, TOTAL_LABEL],
    [...riskRows, [TOTAL_LABEL, ...colTotals, colTotals.reduce((a, b) => a + b, 0)]],
  );
  const anyRisk = colTotals.some((v) => v > 0);

  // 三、主要工作指标
  // 三 and 四 start the second printed page.
  blankTo(riskTop + SECTION_ROWS, true);
  section('三、主要工作指标');
  table(
    ['指标', '计量单位', '报送单位数', '合计', '单位平均', '最多的单位', '', '最多数'],
    overviewMetrics(def).map((j) => {
      const m = def.metrics[j];
      const v = d.metricView[j];
      return [
        m.name,
        m.unit,
        v.units,
        v.total,
        v.units ? Math.round((v.total / v.units) * 10) / 10 : null,
        v.top?.name ?? '',
        '',
        v.top?.value ?? null,
      ];
    }),
    [6, 7],
  );

  // 四、the leading units of one metric
  const m = def.metrics[d.charted];
  const leadersTop = r + 2;
  blankTo(leadersTop);
  section(`四、${m.name}（${m.unit}）居前的单位`);
  const lt = table(
    ['单位', `本期数（${m.unit}）`],
    d.leaders.map((x) => [x.name, x.value]),
  );
  if (d.leaders.length === 0) add(['（本期各单位均未填报此项）']).commit();

  ws.commit();
  const ref = (c: number, r1: number, r2: number) => `${columnLetters(c)}${r1}:${columnLetters(c)}${r2}`;
  const anchorAt = (top: number) => `J${top}:Q${top + SECTION_ROWS - 2}`;
  return {
    status: {
      categories: ref(0, st.first, st.last),
      values: ref(1, st.first, st.last),
      anchor: anchorAt(statusTop),
    },
    risks: anyRisk
      ? {
          categories: ref(0, rt.first, rt.last - 1),
          series: levels.map((l, i) => ({ values: ref(i + 1, rt.first, rt.last - 1), name: l })),
          anchor: anchorAt(riskTop),
        }
      : null,
    metric: d.leaders.length
      ? {
          categories: ref(0, lt.first, lt.last),
          values: ref(1, lt.first, lt.last),
          title: `${m.name}居前的单位`,
          anchor: anchorAt(leadersTop),
        }
      : null,
  };
}
