// Chinese texts of the importer's own outputs (the tracking workbook, return copies, CLI messages).
// The standard's own labels (sheets, metrics, vocabularies, rule messages) come from the Definition;
// these are the texts of the superior's side, kept in one place.

export const OUTPUT_NAMES = {
  tracking: '汇总台账.xlsx',
  summary: '汇总分析报告.docx',
  reportsDir: 'reports',
  returnsDir: '退回修改',
} as const;

export const SHEETS = {
  status: '报送情况',
  metrics: '指标汇总',
  risks: '风险隐患汇总',
  stats: '分类统计',
  issues: '校验问题',
  returnIssues: '校验结果',
} as const;

export const STATUS_LABEL = {
  ok: '已报送-通过',
  warnings: '已报送-有警告',
  errors: '已报送-有错误',
  missing: '未报送',
} as const;

export const FILE_STATUS_LABEL = {
  used: '已采用',
  superseded: '已被替代',
  identical: '重复文件（内容相同）',
  failed: '无法读取',
  unmatched: '未识别单位',
} as const;

export const SEVERITY_LABEL = { error: '错误', warning: '警告' } as const;

/** Header of the 校验结果 sheet of a return copy. */
export const RETURN_COLUMNS = [
  '序号',
  '严重程度',
  '工作表',
  '单元格',
  '项目',
  '填写内容',
  '问题说明',
] as const;

export const OVERDUE_LABEL = '逾期';
export const TOTAL_LABEL = '合计';

/** Importer-level issues (rule ids and messages; placeholders {value} {other}). */
export const IMPORT_MESSAGES: Record<string, string> = {
  'import.superseded':
    '本单位还报送了“{other}”（填报日期或文件时间较晚），本文件已被替代，汇总采用较晚报送的文件。',
  'import.identical': '本文件与“{other}”内容完全相同，按同一份报送处理。',
  'import.unknownUnit': '单位“{value}”不在单位名册中，请核对单位名称或单位代码（名册中没有该单位）。',
  'import.noUnit': '未能识别填报单位（单位名称和单位代码均未填写或无法读取），本文件未计入汇总。',
  'import.missing': '单位名册中的“{value}”未报送填报表。',
  'file.unsupported': '文件格式“{value}”不是填报表（.xlsx），已跳过。',
};

export function fmt(template: string, vars: Record<string, string | number | null | undefined>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => {
    const v = vars[k];
    return v === undefined || v === null ? m : String(v);
  });
}
