// Chinese texts of the importer's own outputs (the tracking workbook, return copies, CLI messages).
// The standard's own labels (sheets, metrics, vocabularies, rule messages) come from the Definition;
// these are the texts of the superior's side, kept in one place.

export const OUTPUT_NAMES = {
  tracking: '汇总台账.xlsx',
  summary: '汇总分析报告.docx',
  /** 催报通知 to the units that have not submitted, were late or must correct (when there are any). */
  reminderNotice: '催报通知.docx',
  reportsDir: 'reports',
  returnsDir: '退回修改',
} as const;

export const SHEETS = {
  overview: '总览',
  status: '报送情况',
  reminders: '催报名单',
  metrics: '指标汇总',
  metricsLong: '指标明细',
  risks: '风险隐患汇总',
  stats: '分类统计',
  issues: '校验问题',
  files: '文件清单',
  returnIssues: '校验结果',
} as const;

/** The tracking sheet of every unit's 基本信息 is named this and the definition's sheet name. */
export const EACH_UNIT = '各单位';

export const STATUS_LABEL = {
  ok: '已报送-通过',
  warnings: '已报送-有警告',
  errors: '已报送-有错误',
  /** Sent something that cannot be read as a workbook (a document, an .xls, a damaged file). */
  unusable: '已报送-无法使用',
  missing: '未报送',
} as const;

export const FILE_STATUS_LABEL = {
  used: '已采用',
  superseded: '已被替代',
  identical: '重复文件（内容相同）',
  failed: '无法读取',
  unmatched: '未识别单位',
  document: '文档（不是填报表）',
  unpacked: '已解压',
  skipped: '已跳过',
  ignored: '已忽略',
} as const;

/** Header of the tracking workbook's 文件清单 sheet. */
export const FILE_COLUMNS = ['序号', '文件', '处理结果', '单位', '说明'] as const;

/** Excel's limit on the text of one cell. */
export const MAX_CELL_TEXT = 32_767;
/** Ends a cell text cut at MAX_CELL_TEXT; {n}: the original length in characters. */
export const TRUNCATED_MARK = '……【内容过长，已截断：原文共{n}字】';

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

/** Messages of the run itself (printed; never an issue of an input). */
export const RUN_MESSAGES = {
  empty:
    '输入文件夹“{value}”中没有找到可导入的填报表（.xlsx/.xlsm，或装有填报表的.zip），未生成任何汇总文件。',
  emptySeen: '共发现{n}个文件，均不是填报表：{other}。',
  folderBusy: '另一个导入正在向输出文件夹“{value}”写入结果，请等待其完成后再试。',
  outputLocked: '请关闭正在打开的“{value}”（Excel或WPS中），程序将在{n}秒内自动重试……',
  outputLockedGaveUp:
    '无法写入“{value}”：该文件正在被其他程序（Excel或WPS）打开。请关闭该文件后重新运行导入（本次结果未写出，上次的结果保持不变）。',
  outputIsFolder: '无法写入“{value}”：输出文件夹中已有同名的文件夹。请将其改名或删除后重新运行导入。',
  outputDenied:
    '无法写入“{value}”：没有写入权限（{other}）。请检查输出文件夹及其中文件的权限后重新运行导入。',
  returnCopyFailed: '“{value}”的退回修改件未能生成（{other}），校验结果不受影响。',
  noSummary: '没有可计入汇总的填报表（各单位均有错误、无法使用或未报送），未生成汇总分析报告。',
  noCharts: '汇总台账的总览图表未能生成（台账其余内容完整）：',
} as const;
