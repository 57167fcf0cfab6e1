// 汇总台账.xlsx, written with exceljs' streaming WorkbookWriter so that its size never has to fit in
// memory: 报送情况, 指标汇总, 风险隐患汇总, 分类统计, 校验问题, 文件清单.
//
// The same input gives the same bytes, apart from one timestamp: the workbook's created/modified time in
// docProps/core.xml (when it was written). Every zip entry carries the fixed ZIP_EPOCH date, rows come
// in the order the caller gives, no cell holds more text than Excel accepts, and no number that is not
// finite is ever written.
import ExcelJS from 'exceljs';
import {
  ZIP_EPOCH,
  columnLetters,
  formatTemplate,
  isHighLevel,
  roleValue,
  type Definition,
  type Issue,
  type Risk,
} from '../../../templates/src/index';
import { cutGraphemes } from '../fsutil';
import {
  FILE_COLUMNS,
  MAX_CELL_TEXT,
  OVERDUE_LABEL,
  SEVERITY_LABEL,
  SHEETS,
  STATUS_LABEL,
  TOTAL_LABEL,
  TRUNCATED_MARK,
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
  '文件',
  '填报日期',
  '错误数',
  '警告数',
  '风险隐患数',
  '高风险数',
  '逾期数',
  '备注',
] as const;
export const ISSUE_COLUMNS = ['单位', '文件', '工作表', '单元格', '项目', '严重程度', '问题说明'] as const;
export const UNCATEGORISED = '未分类';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const OVERDUE_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const ERROR_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const WARNING_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFEB9C' } };
const MISSING_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  bottom: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  left: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  right: { style: 'thin', color: { argb: 'FFBFBFBF' } },
};
const INT_FMT = '#,##0';

function header(ws: ExcelJS.Worksheet, labels: readonly string[]): void {
  const row = ws.addRow([...labels]);
  row.eachCell((c) => {
    c.font = { bold: true };
    c.fill = HEADER_FILL;
    c.border = BORDER;
    c.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });
  row.height = 30;
  row.commit();
}

/**
 * Text from a unit is always written as a string cell (exceljs never turns a string into a formula), and
 * cut, between graphemes, with a visible marker when it is longer than a cell can hold.
 */
export function text(s: string | null | undefined): string {
  if (!s) return '';
  if (s.length <= MAX_CELL_TEXT) return s;
  const mark = formatTemplate(TRUNCATED_MARK, { n: [...s].length });
  return cutGraphemes(s, MAX_CELL_TEXT - mark.length) + mark;
}

/** A number cell: only finite numbers reach a file; anything else is left empty. */
export function num(v: number | null | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * exceljs' streaming writer hands every part to archiver without a date, and archiver stamps each with
 * the current time, so the same workbook would differ from run to run. The constructor's first call
 * (addThemes) comes right after it creates the archive: from there on every part gets ZIP_EPOCH.
 */
export class StableWorkbookWriter extends ExcelJS.stream.xlsx.WorkbookWriter {
  override addThemes(): Promise<void> {
    const zip = (this as unknown as { zip?: { append: (src: unknown, data: object) => unknown } }).zip;
    if (zip && !(zip as { pinned?: boolean }).pinned) {
      const append = zip.append.bind(zip);
      zip.append = (src: unknown, data: object) => append(src, { ...data, date: ZIP_EPOCH });
      (zip as { pinned?: boolean }).pinned = true;
    }
    return super.addThemes();
  }
}

export interface FileRow {
  file: string;
  /** What happened to it (FILE_STATUS_LABEL). */
  status: string;
  unit: string | null;
  note: string;
}

export interface TrackingInput {
  statusRows: readonly StatusRow[];
  metricRows: Iterable<MetricRow>;
  riskRows: AsyncIterable<RiskRow>;
  issueRows: AsyncIterable<IssueRow>;
  /** Every file found, with what happened to it (文件清单). */
  fileRows?: Iterable<FileRow>;
  /** The workbook's created/modified time (docProps/core.xml); default now, to the second. */
  created?: Date;
  /** More sheets (the workspace's 环比, 风险跟踪, 跨期核对), added after the standard ones. */
  extraSheets?: (wb: ExcelJS.stream.xlsx.WorkbookWriter) => void | Promise<void>;
}

export interface TrackingStats {
  /** category → level → count (categories of the vocabulary, then UNCATEGORISED). */
  byCategory: Map<string, Map<string, number>>;
  metricTotals: number[];
  riskRows: number;
  issueRows: number;
}

/** Writes the tracking workbook to `file` (the caller renames it into place). */
export async function writeTracking(
  file: string,
  input: TrackingInput,
  def: Definition,
): Promise<TrackingStats> {
  const created = input.created ?? new Date(Math.floor(Date.now() / 1000) * 1000);
  const wb = new StableWorkbookWriter({
    filename: file,
    useStyles: true,
    useSharedStrings: false,
    created,
    modified: created,
  } as Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions>);
  wb.creator = 'Yanpan';
  wb.lastModifiedBy = 'Yanpan';
  wb.created = created;
  wb.modified = created;
  const levels = [...def.vocab.riskLevel.values];
  const highLevel = roleValue(def, 'riskLevel', 'high')!;
  const categories = [...def.vocab.riskCategory.values, UNCATEGORISED];

  // ---- 报送情况 ----
  {
    const ws = wb.addWorksheet(SHEETS.status, { views: [{ state: 'frozen', xSplit: 3, ySplit: 1 }] });
    ws.columns = [6, 14, 24, 12, 16, 40, 12, 8, 8, 10, 10, 8, 40].map((width) => ({ width }));
    header(ws, STATUS_COLUMNS);
    input.statusRows.forEach((r, i) => {
      const row = ws.addRow([
        i + 1,
        text(r.code),
        text(r.name),
        text(r.group),
        STATUS_LABEL[r.status],
        text(r.file),
        text(r.fillDate),
        r.status === 'missing' ? null : num(r.errors),
        r.status === 'missing' ? null : num(r.warnings),
        r.status === 'missing' ? null : num(r.risks),
        r.status === 'missing' ? null : num(r.high),
        r.status === 'missing' ? null : num(r.overdue),
        text(r.note),
      ]);
      const fill =
        r.status === 'errors' || r.status === 'unusable'
          ? ERROR_FILL
          : r.status === 'warnings'
            ? WARNING_FILL
            : r.status === 'missing'
              ? MISSING_FILL
              : null;
      if (fill) row.getCell(5).fill = fill;
      row.commit();
    });
    ws.autoFilter = `A1:${columnLetters(STATUS_COLUMNS.length - 1)}${Math.max(1, input.statusRows.length + 1)}`;
    ws.commit();
  }

  // ---- 指标汇总 ----
  const nm = def.metrics.length;
  const metricTotals = new Array<number>(nm).fill(0);
  {
    const fixed = ['单位代码', '单位名称', '分类'];
    const labels = [...fixed, ...def.metrics.map((m) => `${m.name}（${m.unit}）`)];
    const ws = wb.addWorksheet(SHEETS.metrics, { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
    ws.columns = labels.map((_, i) => ({ width: i === 1 ? 24 : i < 3 ? 12 : 14 }));
    header(ws, labels);
    let n = 0;
    for (const r of input.metricRows) {
      const row = ws.addRow([text(r.code), text(r.name), text(r.group), ...r.current.map((v) => num(v))]);
      for (let j = 0; j < nm; j++) {
        const v = num(r.current[j]);
        if (v !== null) metricTotals[j] += v;
        row.getCell(fixed.length + j + 1).numFmt = INT_FMT;
      }
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
      c.font = { bold: true };
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
    const ws = wb.addWorksheet(SHEETS.risks, { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
    ws.columns = [14, 24, ...def.riskColumns.map((c) => c.width), 8].map((width) => ({ width }));
    header(ws, labels);
    for await (const r of input.riskRows) {
      const values = def.riskColumns.map((c) => {
        const v = (r.risk as Record<string, unknown>)[c.key];
        return v === null || v === undefined ? '' : text(String(v));
      });
      const row = ws.addRow([text(r.code), text(r.name), ...values, r.risk.overdue ? OVERDUE_LABEL : '']);
      if (r.risk.overdue) row.eachCell({ includeEmpty: true }, (c) => (c.fill = OVERDUE_FILL));
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
  {
    const ws = wb.addWorksheet(SHEETS.stats);
    ws.columns = [{ width: 24 }, ...categories.map(() => ({ width: 12 })), { width: 10 }, { width: 10 }];
    const title = ws.addRow([`${def.vocab.riskCategory.label} × ${def.vocab.riskLevel.label}`]);
    title.font = { bold: true };
    title.commit();
    header(ws, [def.vocab.riskCategory.label, ...levels, TOTAL_LABEL]);
    const colTotals = new Array<number>(levels.length).fill(0);
    for (const c of categories) {
      const counts = levels.map((l) => byCategory.get(c)!.get(l)!);
      counts.forEach((v, i) => (colTotals[i] += v));
      ws.addRow([c, ...counts, counts.reduce((a, b) => a + b, 0)]).commit();
    }
    const tr = ws.addRow([TOTAL_LABEL, ...colTotals, colTotals.reduce((a, b) => a + b, 0)]);
    tr.font = { bold: true };
    tr.commit();
    ws.addRow([]).commit();
    const t2 = ws.addRow([`各单位${def.vocab.riskCategory.label}统计`]);
    t2.font = { bold: true };
    t2.commit();
    header(ws, ['单位名称', ...categories, `${highLevel}风险`, TOTAL_LABEL]);
    for (const u of perUnit.values()) ws.addRow([text(u.name), ...u.counts, u.high, u.total]).commit();
    ws.commit();
  }

  // ---- 校验问题 ----
  let issueCount = 0;
  {
    const ws = wb.addWorksheet(SHEETS.issues, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = [24, 40, 14, 10, 24, 10, 80].map((width) => ({ width }));
    header(ws, ISSUE_COLUMNS);
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
      row.getCell(6).fill = r.issue.severity === 'error' ? ERROR_FILL : WARNING_FILL;
      row.commit();
      issueCount++;
    }
    ws.autoFilter = `A1:${columnLetters(ISSUE_COLUMNS.length - 1)}${issueCount + 1}`;
    ws.commit();
  }

  // ---- 文件清单 ----
  if (input.fileRows) {
    const ws = wb.addWorksheet(SHEETS.files, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = [6, 48, 18, 24, 80].map((width) => ({ width }));
    header(ws, FILE_COLUMNS);
    let n = 0;
    for (const r of input.fileRows) {
      n++;
      ws.addRow([n, text(r.file), text(r.status), text(r.unit), text(r.note)]).commit();
    }
    ws.autoFilter = `A1:${columnLetters(FILE_COLUMNS.length - 1)}${n + 1}`;
    ws.commit();
  }

  await input.extraSheets?.(wb);
  await wb.commit();
  return { byCategory, metricTotals, riskRows: riskCount, issueRows: issueCount };
}
