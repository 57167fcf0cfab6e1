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
  files: '文件清单',
  returnIssues: '校验结果',
} as const;

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

/** Importer-level issues (rule ids and messages; placeholders {value} {other}). */
export const IMPORT_MESSAGES: Record<string, string> = {
  'import.superseded':
    '本单位还报送了“{other}”（填报日期或文件时间较晚），本文件已被替代，汇总采用较晚报送的文件。',
  'import.identical': '本文件与“{other}”内容完全相同，按同一份报送处理。',
  'import.unknownUnit': '单位“{value}”不在单位名册中，请核对单位名称或单位代码（名册中没有该单位）。',
  'import.noUnit': '未能识别填报单位（单位名称和单位代码均未填写或无法读取），本文件未计入汇总。',
  'import.missing': '单位名册中的“{value}”未报送填报表。',
  'import.otherPeriod': '本文件是{other}的报送，已存入数据库，未计入本次汇总。',
  'import.replacedEarlier': '本文件已被此前导入的更正件“{other}”替代，本次汇总采用更正件。',
  'import.skipped': '“{value}”不是填报表（{other}文件），已跳过。',
  'file.document':
    '报送了文档而不是填报表（{other}文件），无法导入。请使用标准填报表（.xlsx）填写后重新报送。',
  'file.notRegular': '“{value}”不是普通文件（是管道、设备或套接字），未读取。',
  'file.danglingLink':
    '“{value}”是快捷方式（链接），但它指向的文件不存在，未读取。请把文件本身放入输入文件夹后重新导入。',
  'file.linkOutside':
    '“{value}”是指向输入文件夹以外的快捷方式（链接），为安全起见未读取。请把文件本身复制到输入文件夹中后重新导入。',
  'file.folderLink':
    '“{value}”是指向文件夹的快捷方式（链接），未进入其中查找。如需导入其中的文件，请把文件夹本身复制到输入文件夹中。',
  'file.folderUnreadable':
    '文件夹“{value}”无法打开（{other}），其中的文件未能导入。请检查该文件夹的读取权限。',
  'file.badName':
    '文件名的编码无法识别（既不是UTF-8也不是GBK），显示为“{value}”；文件内容照常读取。建议报送单位重新命名文件。',
  'archive.unsupported':
    '压缩包格式“{other}”无法读取，其中的文件未能导入。请改用.zip格式，或直接报送填报表（.xlsx）。',
  'archive.unreadable': '压缩包无法读取（{other}），其中的文件未能导入。',
  'archive.corrupt':
    '压缩包已损坏、格式不支持或设置了密码，无法打开，其中的文件未能导入。请解压后直接报送其中的填报表（.xlsx）。',
  'archive.tooMany': '压缩包中的文件过多（超过{max}个），可能不是正常的报送文件，已拒绝解压。',
  'archive.tooLarge': '压缩包解压后过大（超过{max}），可能不是正常的报送文件，已拒绝解压。',
  'archive.nested': '这是压缩包中的压缩包，未解开。请解压后直接报送其中的填报表（.xlsx）。',
  'archive.duplicate': '压缩包中有同名文件，只读取了第一个，本文件未读取。',
  'archive.entryCorrupt':
    '压缩包中的这个文件无法解压（压缩包可能已损坏或设置了密码）。请解压确认后直接报送填报表（.xlsx）。',
};

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
} as const;

export function fmt(template: string, vars: Record<string, string | number | null | undefined>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => {
    const v = vars[k];
    return v === undefined || v === null ? m : String(v);
  });
}
