// The message catalog: every finding the checker, the reader, the roster reader and the importer can report,
// with its code, a short title, the Chinese template (named fields, each meaning one thing everywhere) and
// a description for the error reference (docs/errors.md is generated from this table). A definition may
// reword a message for its kind (`messages` in its data file); the fields stay the ones declared here.
// One formatter fills them all (format.ts).
import type { Definition } from './definition';
import { formatTemplate } from './format';
import type { Issue, Severity } from './schema';

/** What each field means, wherever it appears (the error reference lists them). */
export const MESSAGE_FIELDS = {
  field: '项目、列或指标的名称（如“单位名称”“风险等级”）',
  value: '单元格中填写的内容，或文件中读到的值',
  sheet: '工作表名称',
  cell: '单元格地址（如B3）',
  row: '工作表中的行号',
  firstRow: '同一内容第一次出现的行号',
  limit: '允许的上限（数量或大小）',
  allowed: '可以选择的值，以顿号分隔',
  from: '允许的最早年份',
  to: '允许的最晚年份',
  reason: '无法读取的原因（由操作系统给出，已译成中文）',
  feature: '本系统不支持的文件功能或格式',
  what: '超过上限的内容（如“单元格数”）',
  part: '文件内部件的名称',
  version: '文件记录的模板版本',
  current: '当前模板版本，或本期数',
  templateId: '文件记录的模板标识',
  lockedCode: '预置模板锁定的单位代码',
  kind: '报告类型',
  periods: '该报告类型允许的报告期，以顿号分隔',
  period: '报告期名称',
  ytd: '本年累计数',
  unit: '计量单位',
  id: '风险编号',
  newId: '系统自动编的风险编号',
  deadline: '整改时限',
  previous: '上一报告期（如“2023年第二季度”）',
  status: '整改状态',
  quarters: '本年各期本期数之和的来历',
  sum: '本年各期本期数之和',
  before: '截至上期的本年累计（下发填报表时记录）',
  lhsName: '规则左边指标的名称',
  lhsValue: '规则左边指标的数值（带单位）',
  rhsName: '规则右边指标的名称',
  rhsValue: '规则右边指标的数值（带单位）',
  file: '文件名',
  other: '另一个相关的文件',
  roster: '单位名册的文件名',
  extension: '文件的扩展名（如“.docx”）',
  format: '压缩包的格式',
  title: '标准的名称（如“意识形态工作分析研判填报表”）',
  subject: '报告主题词（如“意识形态”）',
} as const;

export type MessageField = keyof typeof MESSAGE_FIELDS;

/** Fields every message may use: they come from the definition, not from the finding. */
export const GLOBAL_FIELDS = ['title', 'subject'] as const satisfies readonly MessageField[];

interface MessageSpec {
  /** Short title for the error reference. */
  title: string;
  /** The fields the template may use (besides title and subject). */
  fields: readonly MessageField[];
  /** The Chinese message: what is wrong and how to fix it. */
  template: string;
  /** When it happens, for the error reference. */
  description: string;
}

export const MESSAGES = {
  // ---- the file as a whole ---------------------------------------------------------------------------
  'file.notWorkbook': {
    title: '不是Excel工作簿',
    fields: [],
    template: '文件不是Excel工作簿（.xlsx），无法读取。请用Excel或WPS打开标准填报表填写后另存为.xlsx格式。',
    description: '文件内容不是 .xlsx（zip 格式的 Office Open XML 工作簿）。',
  },
  'file.empty': {
    title: '空文件',
    fields: [],
    template: '文件是空的（0字节），请重新报送。',
    description: '文件长度为 0。',
  },
  'file.corrupt': {
    title: '文件已损坏',
    fields: [],
    template: '文件已损坏或不完整，无法打开。请在Excel或WPS中打开确认后重新保存、报送。',
    description: '压缩数据的校验值或长度不符、XML 残缺：任何软件都无法可靠读取。',
  },
  'file.encrypted': {
    title: '文件已加密',
    fields: [],
    template:
      '文件设置了打开密码（已加密），无法读取。请在Excel或WPS中取消密码（文件→信息→保护工作簿）后重新报送。',
    description: '工作簿设置了打开密码。',
  },
  'file.legacyXls': {
    title: '旧版 .xls 格式',
    fields: [],
    template:
      '文件是旧版Excel 97-2003格式（.xls），无法读取。请在Excel或WPS中打开，另存为“Excel工作簿（*.xlsx）”后重新报送。',
    description: '文件是 Excel 97-2003 二进制格式。',
  },
  'file.tooLarge': {
    title: '文件过大',
    fields: ['limit'],
    template: '文件解压后过大（超过{limit}），可能不是正常的填报表，已拒绝读取。',
    description: '文件或其中某一部件解压后超过上限（防止“压缩炸弹”）。',
  },
  'file.tooManyParts': {
    title: '部件过多',
    fields: ['limit'],
    template: '文件内含的部件过多（超过{limit}个），可能不是正常的填报表，已拒绝读取。',
    description: '压缩包中的条目数超过上限。',
  },
  'file.tooComplex': {
    title: '内容过于复杂',
    fields: ['what', 'limit'],
    template: '文件内容过于复杂（{what}超过{limit}），可能不是正常的填报表，已拒绝读取。',
    description: 'XML 元素数、嵌套层数、单元格数或文字总量超过上限。',
  },
  'file.duplicatePart': {
    title: '部件重名',
    fields: ['part'],
    template:
      '文件内有两个同名的部件“{part}”，无法确定应读取哪一个，已拒绝读取。请在Excel或WPS中打开并重新保存后报送。',
    description: '压缩包中有两个同名条目。',
  },
  'file.unsupported': {
    title: '不支持的格式或功能',
    fields: ['feature'],
    template:
      '文件使用了本系统不支持的{feature}，无法读取。请在Excel或WPS中打开，另存为“Excel工作簿（*.xlsx）”后重新报送。',
    description: '如 .xlsb、.ods、加密的部件、XML 文档类型声明等。',
  },
  'file.unreadable': {
    title: '文件无法读取',
    fields: ['reason'],
    template: '文件无法读取（{reason}）。请检查文件路径是否正确、文件是否存在。',
    description: '操作系统不让读取这个文件（不存在、没有权限、是文件夹……）。',
  },
  'file.timeout': {
    title: '读取超时',
    fields: [],
    template: '文件读取超时，可能已损坏或内容异常。请在Excel或WPS中打开并重新保存后报送。',
    description: '读取一个文件用时超过时限（两次）。',
  },
  // ---- sheets and the template -----------------------------------------------------------------------
  'sheet.missing': {
    title: '缺少标准工作表',
    fields: ['field'],
    template: '缺少“{field}”工作表。请使用标准填报表，不要删除或改动标准工作表。',
    description: '按名称和表头都找不到一张标准工作表。',
  },
  'sheet.renamed': {
    title: '工作表被改名',
    fields: ['field', 'value'],
    template: '工作表“{value}”已被改名，按表头识别为“{field}”。建议恢复原名“{field}”。',
    description: '标准工作表改了名，但按表头认出来了（照常读取）。',
  },
  'sheet.tooLarge': {
    title: '工作表超出范围',
    fields: ['value', 'cell', 'limit'],
    template:
      '工作表“{value}”的内容超出了标准填报表的范围（已填到{cell}单元格，本表最多读取到{limit}单元格），未读取。请删除该表下方或右侧多余的内容（自己的数据请放到另一个工作簿），然后重新校验。',
    description: 'Excel 加载项只读取标准大小以内的工作表（Excel 网页版单次读取不超过 5 MB）。',
  },
  'meta.missing': {
    title: '模板信息表缺失',
    fields: [],
    template: '隐藏的模板信息表缺失，无法确认模板版本，已按标准格式读取。建议使用最新标准填报表。',
    description: '隐藏的模板信息表被删除（照常读取）。',
  },
  'meta.unknownVersion': {
    title: '模板版本无法识别',
    fields: ['version', 'current'],
    template: '模板版本“{version}”无法识别（当前版本为{current}）。请下载最新标准填报表重新填写。',
    description: '文件记录的模板版本既不是当前版本，也不是标准声明兼容的旧版本。',
  },
  'meta.otherTemplate': {
    title: '不是本标准的填报表',
    fields: ['templateId'],
    template: '这不是{title}（模板标识为“{templateId}”）。请使用正确的标准填报表。',
    description: '文件记录的模板标识不属于任何已知标准。',
  },
  'meta.unknownTemplate': {
    title: '未知的标准',
    fields: ['templateId', 'allowed'],
    template:
      '填报表的模板标识为“{templateId}”，不是已知的标准（已知：{allowed}）。如果这是本地调整过的标准，请指定其标准定义文件（--definition）；否则请使用正确的标准填报表。',
    description: '按模板标识找不到标准定义：既不是内置标准，也不是用 --definition 给出的标准。',
  },
  'meta.codeMismatch': {
    title: '单位代码与预置不符',
    fields: ['value', 'lockedCode'],
    template:
      '单位代码“{value}”与预置模板锁定的单位代码“{lockedCode}”不一致。请使用下发给本单位的填报表，不要修改单位代码。',
    description: '按名册预置的填报表中，单位代码被改动。',
  },
  // ---- cells -------------------------------------------------------------------------------------------
  'value.formulaNoResult': {
    title: '公式没有计算结果',
    fields: [],
    template: '单元格是公式但没有计算结果，无法读取。请在Excel或WPS中打开文件、保存后重新报送。',
    description: '公式单元格没有保存结果（如由程序生成后未在 Excel 中打开过）。',
  },
  'value.formulaError': {
    title: '公式结果是错误值',
    fields: ['value'],
    template: '单元格的公式结果是错误值（{value}）。请修正公式或直接填写数字。',
    description: '如 #DIV/0!、#REF!。',
  },
  'field.required': {
    title: '必填项未填写',
    fields: ['field'],
    template: '“{field}”未填写，请填写。',
    description: '基本信息中带“*”的项目为空。',
  },
  'field.enum': {
    title: '不在下拉列表中',
    fields: ['field', 'value', 'allowed'],
    template: '“{field}”的值“{value}”不在下拉列表中，请从下拉列表选择：{allowed}。',
    description: '下拉项目填了列表以外的值。',
  },
  'field.year': {
    title: '年度不合理',
    fields: ['field', 'value', 'from', 'to'],
    template: '“{field}”应为四位年份（{from}—{to}），现为“{value}”。',
    description: '年度不是四位数字，或早于2000年、晚于明年。',
  },
  'field.date': {
    title: '不是有效日期',
    fields: ['field', 'value'],
    template: '“{field}”不是有效日期（“{value}”），请按“2023-10-10”格式填写。',
    description: '日期无法识别（可识别：日期单元格、2023-12-31、2023年12月31日、2023.12.31、20231231）。',
  },
  'field.dateFuture': {
    title: '日期晚于今天',
    fields: ['field', 'value'],
    template: '“{field}”（{value}）晚于今天，请核实。',
    description: '填报日期等晚于导入当天。',
  },
  'field.phone': {
    title: '电话号码不像',
    fields: ['field', 'value'],
    template: '“{field}”（{value}）不像电话号码，请填写手机号或带区号的座机号码。',
    description: '联系电话不像手机或座机号码。',
  },
  'field.periodMismatch': {
    title: '报告期与报告类型不一致',
    fields: ['value', 'kind', 'periods'],
    template: '报告期“{value}”与报告类型“{kind}”不一致：{kind}的报告期应为{periods}。',
    description: '如季度报告选了“上半年”。',
  },
  // ---- 工作指标 --------------------------------------------------------------------------------------
  'metric.missingRow': {
    title: '缺少指标行',
    fields: ['field'],
    template: '缺少指标“{field}”所在的行，请勿删除指标行。已按未填写处理。',
    description: '工作指标表中找不到某个标准指标的行。',
  },
  'metric.unknownRow': {
    title: '不是标准指标',
    fields: ['field', 'row'],
    template: '第{row}行的指标“{field}”不是标准指标，已忽略。',
    description: '用户自行加了一行带数字的指标。',
  },
  'metric.coerced': {
    title: '数字按规则读取',
    fields: ['field', 'value', 'current'],
    template: '“{field}”填写为“{value}”，已按{current}读取。请只填写阿拉伯数字。',
    description: '“3次”“３”“三”等按数字读取。',
  },
  'metric.notNumber': {
    title: '不是数字',
    fields: ['field', 'value'],
    template: '“{field}”应填写整数，现为“{value}”，请改为阿拉伯数字（如：3）。',
    description: '指标单元格中是文字。',
  },
  'metric.negative': {
    title: '负数',
    fields: ['field', 'value'],
    template: '“{field}”不能为负数（{value}），请核实。',
    description: '指标为负数。',
  },
  'metric.decimal': {
    title: '小数',
    fields: ['field', 'value'],
    template: '“{field}”应为整数，现为小数{value}，请核实。',
    description: '指标为小数。',
  },
  'metric.tooLarge': {
    title: '数字超过合理上限',
    fields: ['field', 'value', 'limit'],
    template: '“{field}”为{value}，超过合理上限（{limit}），请核实是否多填了数字。',
    description: '指标超过标准规定的上限（如 1E+308）。',
  },
  'metric.ytdLess': {
    title: '本年累计小于本期数',
    fields: ['field', 'ytd', 'current'],
    template: '“{field}”的本年累计（{ytd}）小于本期数（{current}），请核实：本年累计应包含本期。',
    description: '本年累计必然包含本期，两个数必有一个错。',
  },
  'metric.ytdBelowEarlier': {
    title: '本年累计小于上期累计加本期数',
    fields: ['field', 'ytd', 'before', 'current'],
    template:
      '“{field}”的本年累计（{ytd}）小于截至上期的本年累计（{before}）加本期数（{current}），请核实：本年累计应包含此前各期。',
    description: '下发的填报表记有截至上期的本年累计（元数据“上期累计”），本期的本年累计比它加本期数还小。',
  },
  'metric.firstPeriodYtd': {
    title: '从1月1日开始的报告期，本期与累计不同',
    fields: ['field', 'period', 'ytd', 'current'],
    template:
      '报告期“{period}”从1月1日开始，本期数与本年累计应相同，但“{field}”的本年累计为{ytd}、本期数为{current}。请核实后改为同一个数。',
    description: '第一季度、上半年、全年的本期数就是本年累计。',
  },
  'metric.unusual': {
    title: '明显高于通常水平',
    fields: ['field', 'current', 'unit', 'period', 'limit'],
    template:
      '“{field}”本期数为{current}{unit}，明显高于通常水平（{period}一般不超过{limit}{unit}），请核实是否多填了位数或把累计数填在了本期数。',
    description: '指标超过标准为该指标规定的通常规模（按报告期长短折算）。',
  },
  'metric.stockYtd': {
    title: '期末数填了累计',
    fields: ['field', 'value'],
    template: '“{field}”是期末数，不填本年累计（现为“{value}”），已忽略。',
    description: '如“配备网评员”是期末人数，没有累计。',
  },
  'metric.rule': {
    title: '指标之间不合常理',
    fields: ['lhsName', 'lhsValue', 'rhsName', 'rhsValue'],
    template: '“{lhsName}”（{lhsValue}）与“{rhsName}”（{rhsValue}）不合常理，请核实两项数字。',
    description: '标准规定的指标关系（如处置不多于发现）不成立；每条规则可以有自己的说明。',
  },
  'content.empty': {
    title: '没有可生成报告的内容',
    fields: [],
    template:
      '填报表中没有可生成报告的内容：工作指标、风险隐患台账和工作情况都未填写。请至少填写本期工作指标和工作情况后重新报送。',
    description: '三张填报表都是空的。',
  },
  // ---- 风险隐患台账 --------------------------------------------------------------------------------
  'risk.required': {
    title: '台账必填列未填写',
    fields: ['field', 'row'],
    template: '风险隐患台账第{row}行“{field}”未填写，请补充。',
    description: '风险类别、风险隐患描述、风险等级、防范化解措施必须填写。',
  },
  'risk.enum': {
    title: '台账值不在下拉列表中',
    fields: ['field', 'value', 'allowed'],
    template: '风险隐患台账“{field}”的值“{value}”不在下拉列表中，请从下拉列表选择：{allowed}。',
    description: '风险类别、风险等级、整改状态填了列表以外的值。',
  },
  'risk.date': {
    title: '整改时限不是日期',
    fields: ['field', 'value'],
    template: '风险隐患台账“{field}”不是有效日期（“{value}”），请按“2023-12-31”格式填写。',
    description: '整改时限无法识别为日期。',
  },
  'risk.doneNoProgress': {
    title: '已整改但未填完成情况',
    fields: ['id'],
    template: '风险“{id}”已标记为已整改，但“完成情况”未填写，请补充整改完成情况。',
    description: '整改状态为已整改（角色 done）而完成情况为空。',
  },
  'risk.overdue': {
    title: '逾期',
    fields: ['id', 'deadline'],
    template: '风险“{id}”已超过整改时限（{deadline}）仍未整改完成（逾期），请说明原因或更新整改状态。',
    description: '超过整改时限且不是已整改。',
  },
  'risk.duplicateId': {
    title: '风险编号重复',
    fields: ['id', 'firstRow'],
    template: '风险编号“{id}”重复出现（也在第{firstRow}行），请为每条风险使用不同编号。',
    description: '风险编号用于跨期跟踪，必须唯一。',
  },
  'risk.missingId': {
    title: '未填风险编号',
    fields: ['row', 'newId'],
    template: '风险隐患台账第{row}行未填写风险编号，已自动编为“{newId}”。建议填写编号，便于跨期跟踪整改。',
    description: '风险编号为空（照常读取）。',
  },
  'risk.carriedMissing': {
    title: '上期未整改的风险不见了',
    fields: ['id'],
    template:
      '风险“{id}”是上期尚未整改完成、沿用到本期的风险，本期台账中没有这一行。如已整改，请保留该行并将整改状态改为“已整改”、填写完成情况；如编号改了，请恢复原编号。',
    description: '下发的填报表沿用了上期未整改的风险（元数据“沿用风险编号”），本期台账中找不到该编号。',
  },
  // ---- 工作情况 --------------------------------------------------------------------------------------
  'narrative.bodyMissing': {
    title: '有小标题没有正文',
    fields: ['row'],
    template: '工作情况第{row}行填写了小标题但没有正文，请补充正文。',
    description: '工作情况某行只有小标题。',
  },
  'narrative.partMissing': {
    title: '未选择“部分”',
    fields: ['row'],
    template: '工作情况第{row}行没有选择“部分”，已按“工作开展情况”处理。',
    description: '工作情况某行的“部分”为空。',
  },
  // ---- across periods (the workspace) ----------------------------------------------------------------
  'track.riskVanished': {
    title: '风险未整改就不见了',
    fields: ['id', 'field', 'previous', 'status'],
    template:
      '风险“{id}”（{field}）在{previous}台账中为“{status}”，本期台账中不再出现，也未标记为已整改。请在台账中保留该风险并如实更新整改状态和完成情况。',
    description: '上期未整改完成的风险，本期台账中没有了。',
  },
  'track.riskReopened': {
    title: '已整改的风险又未整改',
    fields: ['id', 'field', 'previous', 'status'],
    template: '风险“{id}”（{field}）在{previous}已标记为已整改，本期整改状态又为“{status}”，请核实。',
    description: '上期已整改的风险，本期整改状态倒退。',
  },
  'track.ytdMismatch': {
    title: '本年累计与各期之和不符',
    fields: ['field', 'ytd', 'quarters', 'sum'],
    template:
      '“{field}”的本年累计（{ytd}）与本年各期本期数之和（{sum}：{quarters}）不一致，请核实本年累计或各期数字。',
    description: '工作台数据库中有本单位本年前几期的报送时核对。',
  },
  // ---- the roster ------------------------------------------------------------------------------------
  'roster.type': {
    title: '名册格式不对',
    fields: ['roster'],
    template:
      '单位名册“{roster}”应为.xlsx或.csv文件。请在Excel或WPS中另存为“Excel工作簿（*.xlsx）”或“CSV（逗号分隔）”。',
    description: '名册不是 .xlsx 或 .csv。',
  },
  'roster.unreadable': {
    title: '名册无法读取',
    fields: ['roster', 'reason'],
    template: '单位名册“{roster}”无法读取（{reason}）。请在Excel或WPS中打开确认后重新保存。',
    description: '名册文件损坏或无法打开。',
  },
  'roster.noHeader': {
    title: '名册没有表头',
    fields: ['roster', 'field'],
    template:
      '单位名册“{roster}”中没有找到表头行（缺少“{field}”列）。第一行应为表头，至少包含“单位代码”“单位名称”两列。',
    description: '找不到“单位代码”“单位名称”表头。',
  },
  'roster.blankCode': {
    title: '名册单位代码为空',
    fields: ['roster', 'row', 'field'],
    template: '单位名册“{roster}”第{row}行“{field}”未填写，请补充。',
    description: '名册某行没有单位代码。',
  },
  'roster.blankName': {
    title: '名册单位名称为空',
    fields: ['roster', 'row', 'field'],
    template: '单位名册“{roster}”第{row}行“{field}”未填写，请补充。',
    description: '名册某行没有单位名称。',
  },
  'roster.duplicateCode': {
    title: '名册单位代码重复',
    fields: ['roster', 'row', 'value', 'firstRow'],
    template:
      '单位名册“{roster}”第{row}行的单位代码“{value}”与第{firstRow}行重复，请为每个单位使用不同代码。',
    description: '名册中两个单位代码相同。',
  },
  'roster.badDate': {
    title: '名册截止日期不是日期',
    fields: ['roster', 'row', 'field', 'value'],
    template: '单位名册“{roster}”第{row}行的“{field}”不是有效日期（“{value}”），请按“2023-10-20”格式填写。',
    description: '名册的报送截止日期列无法识别为日期（该单位按本次统一的截止日期处理）。',
  },
  'roster.empty': {
    title: '名册没有单位',
    fields: ['roster'],
    template: '单位名册“{roster}”中没有单位（表头以下没有数据行）。',
    description: '名册只有表头。',
  },
  // ---- the importer ------------------------------------------------------------------------------------
  'import.superseded': {
    title: '已被较晚的报送替代',
    fields: ['other'],
    template: '本单位还报送了“{other}”（填报日期或文件时间较晚），本文件已被替代，汇总采用较晚报送的文件。',
    description: '同一单位报送了两次，采用较晚的一份。',
  },
  'import.identical': {
    title: '内容相同的重复文件',
    fields: ['other'],
    template: '本文件与“{other}”内容完全相同，按同一份报送处理。',
    description: '两个文件逐字节相同。',
  },
  'import.unknownUnit': {
    title: '不在名册中的单位',
    fields: ['value'],
    template: '单位“{value}”不在单位名册中，请核对单位名称或单位代码（名册中没有该单位）。',
    description: '填报表中的单位按代码、名称、简称都对不上名册。',
  },
  'import.noUnit': {
    title: '未能识别填报单位',
    fields: [],
    template: '未能识别填报单位（单位名称和单位代码均未填写或无法读取），本文件未计入汇总。',
    description: '单位名称和代码都为空。',
  },
  'import.missing': {
    title: '未报送',
    fields: ['value'],
    template: '单位名册中的“{value}”未报送填报表。',
    description: '名册中的单位没有报送任何文件。',
  },
  'import.otherPeriod': {
    title: '其他报告期的报送',
    fields: ['period'],
    template: '本文件是{period}的报送，已存入数据库，未计入本次汇总。',
    description: '文件的报告期不是本次汇总的报告期。',
  },
  'import.otherKind': {
    title: '其他标准的报送',
    fields: ['title', 'current'],
    template:
      '本文件是“{title}”，本次汇总的是“{current}”，两种报告不混在一起汇总，本文件未计入。请把这类填报表放在单独的文件夹中另行汇总。',
    description: '不同标准（如党风廉政建设）的报送不混入本次汇总。',
  },
  'import.replacedEarlier': {
    title: '已被更正件替代',
    fields: ['other'],
    template: '本文件已被此前导入的更正件“{other}”替代，本次汇总采用更正件。',
    description: '工作台数据库中有本单位本期较晚的报送。',
  },
  'import.skipped': {
    title: '不是填报表，已跳过',
    fields: ['file', 'extension'],
    template: '“{file}”不是填报表（{extension}文件），已跳过。',
    description: '输入文件夹中的其他文件（如 .txt）。',
  },
  'file.document': {
    title: '报送了文档',
    fields: ['extension'],
    template:
      '报送了文档而不是填报表（{extension}文件），无法导入。请使用标准填报表（.xlsx）填写后重新报送。',
    description: '报送了 .docx、.pdf 等文档；该单位显示为“已报送-无法使用”，不是“未报送”。',
  },
  'file.notRegular': {
    title: '不是普通文件',
    fields: ['file'],
    template: '“{file}”不是普通文件（是管道、设备或套接字），未读取。',
    description: '管道、设备等特殊文件从不打开。',
  },
  'file.danglingLink': {
    title: '快捷方式指向的文件不存在',
    fields: ['file'],
    template:
      '“{file}”是快捷方式（链接），但它指向的文件不存在，未读取。请把文件本身放入输入文件夹后重新导入。',
    description: '失效的符号链接。',
  },
  'file.linkOutside': {
    title: '快捷方式指向输入文件夹以外',
    fields: ['file'],
    template:
      '“{file}”是指向输入文件夹以外的快捷方式（链接），为安全起见未读取。请把文件本身复制到输入文件夹中后重新导入。',
    description: '符号链接指向输入文件夹以外（如 /etc/passwd）。',
  },
  'file.folderLink': {
    title: '指向文件夹的快捷方式',
    fields: ['file'],
    template:
      '“{file}”是指向文件夹的快捷方式（链接），未进入其中查找。如需导入其中的文件，请把文件夹本身复制到输入文件夹中。',
    description: '不跟随指向文件夹的链接（避免循环）。',
  },
  'file.folderUnreadable': {
    title: '文件夹无法打开',
    fields: ['file', 'reason'],
    template: '文件夹“{file}”无法打开（{reason}），其中的文件未能导入。请检查该文件夹的读取权限。',
    description: '输入文件夹中的某个子文件夹无法读取。',
  },
  'file.badName': {
    title: '文件名编码无法识别',
    fields: ['file'],
    template:
      '文件名的编码无法识别（既不是UTF-8也不是GBK），显示为“{file}”；文件内容照常读取。建议报送单位重新命名文件。',
    description: '文件名既不是 UTF-8 也不是 GBK。',
  },
  'archive.unsupported': {
    title: '压缩包格式不支持',
    fields: ['format'],
    template: '压缩包格式“{format}”无法读取，其中的文件未能导入。请改用.zip格式，或直接报送填报表（.xlsx）。',
    description: '.rar、.7z 等。',
  },
  'archive.unreadable': {
    title: '压缩包无法读取',
    fields: ['reason'],
    template: '压缩包无法读取（{reason}），其中的文件未能导入。',
    description: '操作系统不让读取压缩包。',
  },
  'archive.corrupt': {
    title: '压缩包已损坏',
    fields: [],
    template:
      '压缩包已损坏、格式不支持或设置了密码，无法打开，其中的文件未能导入。请解压后直接报送其中的填报表（.xlsx）。',
    description: '压缩包无法打开。',
  },
  'archive.tooMany': {
    title: '压缩包文件过多',
    fields: ['limit'],
    template: '压缩包中的文件过多（超过{limit}个），可能不是正常的报送文件，已拒绝解压。',
    description: '压缩包条目数超过上限。',
  },
  'archive.tooLarge': {
    title: '压缩包解压后过大',
    fields: ['limit'],
    template: '压缩包解压后过大（超过{limit}），可能不是正常的报送文件，已拒绝解压。',
    description: '压缩包解压后的总大小超过上限。',
  },
  'archive.nested': {
    title: '压缩包中的压缩包',
    fields: [],
    template: '这是压缩包中的压缩包，未解开。请解压后直接报送其中的填报表（.xlsx）。',
    description: '只解开一层压缩包。',
  },
  'archive.duplicate': {
    title: '压缩包中有同名文件',
    fields: [],
    template: '压缩包中有同名文件，只读取了第一个，本文件未读取。',
    description: '压缩包中两个条目同名。',
  },
  'archive.entryCorrupt': {
    title: '压缩包中的文件无法解压',
    fields: [],
    template:
      '压缩包中的这个文件无法解压（压缩包可能已损坏或设置了密码）。请解压确认后直接报送填报表（.xlsx）。',
    description: '压缩包中的某个条目损坏或加密。',
  },
} as const satisfies Record<string, MessageSpec>;

export type MessageCode = keyof typeof MESSAGES;

/** The values a message's template needs: one per declared field. */
export type MessageVars<C extends MessageCode> = {
  [F in (typeof MESSAGES)[C]['fields'][number]]: string | number;
};

export function isMessageCode(code: string): code is MessageCode {
  return Object.prototype.hasOwnProperty.call(MESSAGES, code);
}

/** The template of `code` for a definition: its own wording where it has one, else the catalog's. */
export function messageTemplate(def: Pick<Definition, 'messages'> | null, code: MessageCode): string {
  return def?.messages[code] ?? MESSAGES[code].template;
}

/** The Chinese message of `code` with its fields filled (the definition's title and subject included). */
export function formatMessage<C extends MessageCode>(
  def: Pick<Definition, 'messages' | 'title' | 'subject'> | null,
  code: C,
  vars: MessageVars<C>,
): string {
  return formatTemplate(messageTemplate(def, code), {
    title: def?.title,
    subject: def?.subject,
    ...(vars as Record<string, string | number>),
  });
}

/** Where a finding is: its sheet and cell, and the field and value when they are not among its fields. */
export interface IssuePlace {
  sheet?: string | null;
  cell?: string | null;
  field?: string | null;
  value?: string | null;
}

/**
 * A finding as an Issue: the catalog's message for `code`, filled with `vars`; the issue's field and value
 * are the vars' field and value unless `at` says otherwise.
 */
export function makeIssue<C extends MessageCode>(
  def: Pick<Definition, 'messages' | 'title' | 'subject'> | null,
  severity: Severity,
  code: C,
  vars: MessageVars<C>,
  at: IssuePlace = {},
): Issue {
  const v = vars as Record<string, string | number | undefined>;
  const text = (x: string | number | undefined) => (x === undefined ? null : String(x));
  return {
    severity,
    rule: code,
    sheet: at.sheet ?? null,
    cell: at.cell ?? null,
    field: at.field !== undefined ? at.field : text(v.field),
    value: at.value !== undefined ? at.value : text(v.value),
    message: formatMessage(def, code, vars),
  };
}

/**
 * The error reference (docs/errors.md) as Markdown: every code with its title, message and description,
 * and what each field means. Generated from this catalog, so the page and the code never drift apart.
 */
export function errorReference(
  def: Pick<Definition, 'messages' | 'title' | 'subject'> | null = null,
): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [
    '# 校验问题一览（错误与警告）',
    '',
    '本页由 `templates/src/standard/messages.ts` 中的提示语目录生成（`npm run docs`），请勿手工修改。',
    '每条问题有一个代码、一个标题、一条中文提示语（`{名称}` 处填入具体内容）和适用情形。',
    '标准定义文件可以在 `messages` 中为本标准改写某条提示语的措辞，但只能使用下表列出的字段。',
    '',
    '| 代码 | 标题 | 提示语 | 适用情形 |',
    '| --- | --- | --- | --- |',
  ];
  for (const [code, m] of Object.entries(MESSAGES) as [MessageCode, MessageSpec][])
    lines.push(
      `| \`${code}\` | ${cell(m.title)} | ${cell(messageTemplate(def, code))} | ${cell(m.description)} |`,
    );
  lines.push('', '## 字段', '', '| 字段 | 含义 |', '| --- | --- |');
  for (const [name, meaning] of Object.entries(MESSAGE_FIELDS))
    lines.push(`| \`{${name}}\` | ${cell(meaning)} |`);
  lines.push(
    '',
    '`{title}` 和 `{subject}` 来自标准定义本身，任何提示语都可以使用。指标之间的规则（标准定义的 `metricRules`）各有自己的提示语，',
    '可用字段为 `{lhsName}` `{lhsValue}` `{rhsName}` `{rhsValue}`。',
    '',
  );
  return lines.join('\n');
}
