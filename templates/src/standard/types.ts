// The shape of a standard definition. A definition is data: the template writer, reader, checker,
// tracking workbook, reports and add-in all read it. Adding a metric is a change to the data alone.

/** How a count is written in prose: exact ("1754场"), 万 style ("1.3万余条"), or round-down ("近10万名"). */
export type NumberStyle = 'exact' | 'wan' | 'approx';

export interface MetricDef {
  /** Stable id, never reused: the reader maps rows by it, the tracking workbook and history key on it. */
  id: string;
  /** 类别: groups metrics in the sheet and in the report's 具体工作开展情况. */
  category: string;
  /** 指标: the label in the sheet. */
  name: string;
  /** 计量单位: 次, 篇, 场, 人次 … */
  unit: string;
  /** flow: counted within the period and year to date; stock: a level at the end of the period (no 本年累计). */
  kind: 'flow' | 'stock';
  /** Verb phrase for prose, number and unit follow it: "组织理论学习中心组集体学习" → "…学习3次". */
  phrase: string;
  /** Prose number style; default exact. */
  style?: NumberStyle;
  /** Input prompt shown in the template. */
  hint?: string;
}

export interface VocabDef {
  /** Sheet-facing name of the list, e.g. 风险等级. */
  label: string;
  values: readonly string[];
}

export type FieldType = 'text' | 'code' | 'enum' | 'year' | 'period' | 'date' | 'phone';

export interface InfoFieldDef {
  key: string;
  label: string;
  required: boolean;
  type: FieldType;
  /** Vocabulary key (definition.vocab) for enum fields. */
  vocab?: string;
  hint: string;
  /** Filled and locked from the roster in a pre-filled template. */
  fromRoster?: 'name' | 'code';
}

export type ColumnType = 'text' | 'enum' | 'date' | 'int';

export interface ColumnDef {
  key: string;
  label: string;
  type: ColumnType;
  vocab?: string;
  required?: boolean;
  /** Column width in characters. */
  width: number;
  hint?: string;
  /** Other header texts the reader accepts for this column (older templates, user edits). */
  aliases?: readonly string[];
}

export interface PeriodDef {
  /** 报告期 as written in the workbook: 第三季度, 上半年 … */
  name: string;
  /** Short code used on the command line and in the store: Q3, H1, Y. */
  code: string;
  /** Position within the year, for ordering and 环比. */
  order: number;
  /** Last month covered by the period (for 本年累计 and deadlines). */
  endMonth: number;
  /** Prose for "within the period": 本季度, 上半年, 全年. */
  currentPhrase: string;
  /** Prose for "year to date" at the end of the period: 截至第三季度, 截至上半年. */
  ytdPhrase: string;
  /** Prose naming the period in a title: 第三季度, 上半年. */
  titleName: string;
}

export interface ReportKindDef {
  /** 报告类型 as written in the workbook. */
  name: string;
  /** Which outline the report builder uses. */
  outline: 'quarterly' | 'selfInspection';
  /** Allowed 报告期 names. */
  periods: readonly string[];
  /** Title suffix: 意识形态工作分析研判报告 / 意识形态工作责任制落实情况自查报告. */
  titleSuffix: string;
}

export interface MetricRuleDef {
  id: string;
  severity: 'error' | 'warning';
  /** lhs <= rhs must hold for the 本期数 of both metrics when both are filled. */
  lhs: string;
  rhs: string;
  message: string;
}

export interface SheetNames {
  guide: string;
  info: string;
  metrics: string;
  risks: string;
  narrative: string;
  meta: string;
}

export interface Definition {
  /** Stable template id, written in the hidden meta sheet. */
  id: string;
  /** Human title of the standard. */
  title: string;
  /** Current template version (written by the template writer). */
  version: string;
  /** Older template versions the reader still accepts (with a 警告). */
  compatibleVersions: readonly string[];
  sheets: SheetNames;
  vocab: Record<string, VocabDef>;
  reportKinds: readonly ReportKindDef[];
  periods: readonly PeriodDef[];
  info: readonly InfoFieldDef[];
  metricColumns: readonly ColumnDef[];
  metrics: readonly MetricDef[];
  riskColumns: readonly ColumnDef[];
  /** Number of register rows the template prepares (validation ranges are bounded to these). */
  riskRows: number;
  narrativeColumns: readonly ColumnDef[];
  narrativeFields: readonly InfoFieldDef[];
  narrativeRows: number;
  /** 工作情况 部分 values, in report order. */
  narrativeParts: {
    opening: string;
    work: string;
    problems: string;
    nextSteps: string;
  };
  metricRules: readonly MetricRuleDef[];
  /**
   * The largest count a metric cell may hold; above it the value is an 错误 (a slip on the keyboard, or a
   * 1E+308 that would make every total infinite).
   */
  maxCount: number;
  /** Every rule's Chinese message; placeholders {field} {value} {min} {max} {other}. */
  messages: Record<string, string>;
  /** Lines of the 填报说明 sheet. */
  guide: readonly string[];
}
