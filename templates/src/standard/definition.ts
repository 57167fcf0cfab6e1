// The schema of a standard definition (a data file under templates/definitions/). One zod schema, types
// inferred from it, cross-checks in superRefine: ids unique, every reference resolves, each vocabulary
// carries the roles the code asks for, report outlines name sections that exist. A definition file is
// untrusted input: it is parsed here, at the boundary, and passed on as a value.
import { z } from 'zod';
import { placeholders } from './format';
import { GLOBAL_FIELDS, MESSAGES, isMessageCode } from './messages';

// ---------------------------------------------------------------------------------------------------
// Vocabularies: values carry roles (never meaning by position)

/**
 * The roles the code asks of each built-in vocabulary. `required` roles must be carried by at least one
 * value; `allowed` lists every role the vocabulary may use. Vocabularies a definition adds are free.
 */
export const VOCAB_ROLES = {
  riskLevel: { required: ['high', 'low'], allowed: ['high', 'medium', 'low'] },
  riskStatus: { required: ['open', 'done'], allowed: ['open', 'inProgress', 'done'] },
  riskCategory: { required: [], allowed: ['other'] },
  workCategory: { required: ['duty'], allowed: ['duty', 'other'] },
  narrativePart: {
    required: ['opening', 'work', 'problems', 'nextSteps'],
    allowed: ['opening', 'work', 'problems', 'nextSteps'],
  },
  yesNo: { required: ['yes', 'no'], allowed: ['yes', 'no'] },
} as const satisfies Record<string, { required: readonly string[]; allowed: readonly string[] }>;

export type VocabKey = keyof typeof VOCAB_ROLES;
export type RoleOf<K extends VocabKey> = (typeof VOCAB_ROLES)[K]['allowed'][number];

const text = z.string().trim().min(1);

const vocabItemSchema = z.union([
  text,
  z.strictObject({
    value: text,
    /** What the value means to the code (high, done, other …). */
    role: z.string().optional(),
    /** Another vocabulary's value this one corresponds to (阵地建设 → 阵地管理). */
    maps: z.string().optional(),
  }),
]);

const vocabSchema = z
  .strictObject({
    /** Sheet-facing name of the list, e.g. 风险等级. */
    label: text,
    values: z.array(vocabItemSchema).min(1),
  })
  .transform((v) => {
    const items = v.values.map((x) => (typeof x === 'string' ? { value: x } : x));
    const byRole: Record<string, string[]> = {};
    const maps: Record<string, string> = {};
    for (const it of items) {
      if (it.role) (byRole[it.role] ??= []).push(it.value);
      if (it.maps) maps[it.value] = it.maps;
    }
    return {
      label: v.label,
      /** The values in list order (the drop-down's order). */
      values: items.map((i) => i.value),
      /** role → the values carrying it. */
      byRole,
      /** value → the value of another vocabulary it corresponds to. */
      maps,
      items,
    };
  });

// ---------------------------------------------------------------------------------------------------
// Sheets, fields, columns, metrics

const numberStyleSchema = z.enum(['exact', 'wan', 'approx']);

const metricSchema = z.strictObject({
  /** Stable id, never reused: the reader maps rows by it, the tracking workbook and history key on it. */
  id: text,
  /** 类别: groups metrics in the sheet and in the report's 具体工作开展情况 (a workCategory value). */
  category: text,
  /** 指标: the label in the sheet. */
  name: text,
  /** 计量单位: 次, 篇, 场, 人次 … */
  unit: text,
  /** flow: counted within the period and year to date; stock: a level at the end of the period. */
  kind: z.enum(['flow', 'stock']),
  /** Verb phrase for prose; the number and unit follow it: "组织理论学习中心组集体学习" → "…学习3次". */
  phrase: text,
  /**
   * Other ways of saying `phrase` in a paragraph composed from figures ("召开理论学习中心组学习会"): each
   * unit says the figure in one of them (seeded), so thirty reports do not word it alike. Default: phrase.
   */
  phrases: z.array(text).optional(),
  /** A shorter phrase once the context is clear ("中心组学习"); default: phrase. */
  short: text.optional(),
  /** Prose number style; default exact. */
  style: numberStyleSchema.optional(),
  /** Input prompt shown in the template. */
  hint: text.optional(),
  /** How telling the figure is in prose (higher first); default 1. Zero: never woven into prose. */
  weight: z.number().min(0).optional(),
  /**
   * A yearly figure (责任书 signed once a year): said only in a period when some were added, then as the
   * year to date; never repeated in a period that added none.
   */
  yearly: z.boolean().optional(),
  /**
   * Words that show a paragraph of the unit's own is about this figure ("中心组", "宣讲"): the figure is
   * woven only into a paragraph that speaks of it. Without keywords it goes only into sentences composed
   * from figures.
   */
  keywords: z.array(text).optional(),
  /** Said right after another metric's figure ("开展宣传教育活动38场，覆盖2.7万余人次"). */
  follows: text.optional(),
  /** What to say instead of the figure when it equals the followed one ("均已及时处置"). */
  sameAs: text.optional(),
  /**
   * A count of problems found (不良导向信息 found, people whose wrong thinking was corrected): when the
   * period has any, the report's judgement says so (the definition's `found.<id>` banks) and never that
   * nothing was found.
   */
  finding: z.boolean().optional(),
  /** Usual largest 本期数 of a unit in one quarter; above it the checker asks to verify (警告). */
  usualMax: z.number().int().positive().optional(),
  /** Largest believable 本期数/本年累计 (above: 错误); default: the definition's maxCount. */
  max: z.number().int().positive().optional(),
});

const fieldTypeSchema = z.enum(['text', 'code', 'enum', 'year', 'period', 'date', 'phone']);

const infoFieldSchema = z.strictObject({
  key: text,
  label: text,
  required: z.boolean(),
  type: fieldTypeSchema,
  /** Vocabulary key for enum fields. */
  vocab: text.optional(),
  hint: text,
  /** Filled and locked from the roster in a pre-filled template. */
  fromRoster: z.enum(['name', 'code']).optional(),
  /** Template version that introduced the field: older workbooks lack it without a warning. */
  since: text.optional(),
});

const columnSchema = z.strictObject({
  key: text,
  label: text,
  type: z.enum(['text', 'enum', 'date', 'int']),
  vocab: text.optional(),
  required: z.boolean().optional(),
  /** Column width in characters. */
  width: z.number().positive(),
  hint: text.optional(),
  /** Other header texts the reader accepts for this column (older templates, user edits). */
  aliases: z.array(text).optional(),
  /** Template version that introduced the column: older workbooks lack it without a warning. */
  since: text.optional(),
  /**
   * 风险隐患台账 only: copied into the next round's workbook for a risk not yet closed (default true;
   * false for what the unit must state afresh, such as 整改状态 and 完成情况).
   */
  carry: z.boolean().optional(),
});

const periodSchema = z.strictObject({
  /** 报告期 as written in the workbook: 第三季度, 上半年 … */
  name: text,
  /** Short code used on the command line and in the store: Q3, H1, Y. */
  code: z.string().regex(/^[A-Z][A-Z0-9]*$/),
  /** Position within the year, for ordering and 环比. */
  order: z.number().int().min(1),
  /** First month covered: a period starting in month 1 has 本期数 = 本年累计. */
  startMonth: z.number().int().min(1).max(12),
  /** Last month covered by the period (for 本年累计 and deadlines). */
  endMonth: z.number().int().min(1).max(12),
  /** Prose for "within the period": 本季度, 上半年, 全年. */
  currentPhrase: text,
  /**
   * Other words before a composed paragraph's figures ("{startMonth}月以来，", "{startMonth}至{endMonth}月，"; {startMonth}
   * {endMonth} are the period's months): a unit says some of its figures after one of them. Default:
   * currentPhrase only.
   */
  currentPhrases: z.array(text).optional(),
  /** Prose for "year to date" at the end of the period: 截至第三季度, 截至上半年, 全年. */
  ytdPhrase: text,
  /** Prose naming the period in a title: 第三季度, 上半年 ('' for 全年). */
  titleName: z.string(),
});

const reportKindSchema = z.strictObject({
  /** 报告类型 as written in the workbook. */
  name: text,
  /** Key of the outline in report.outlines. */
  outline: text,
  /** Allowed 报告期 names. */
  periods: z.array(text).min(1),
  /** Title suffix: 意识形态工作分析研判报告 / 意识形态工作责任制落实情况自查报告. */
  titleSuffix: text,
});

const metricRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    id: text,
    kind: z.literal('atMost'),
    severity: z.enum(['error', 'warning']),
    /** lhs ≤ rhs must hold (本期数) when both are filled. */
    lhs: text,
    rhs: text,
    /** Named fields: {lhsName} {lhsValue} {rhsName} {rhsValue} {unit}. */
    message: text,
  }),
  z.strictObject({
    id: text,
    kind: z.literal('atLeastTimes'),
    severity: z.enum(['error', 'warning']),
    /** lhs ≥ factor × rhs must hold (本期数) when both are filled and rhs > 0. */
    lhs: text,
    rhs: text,
    factor: z.number().positive(),
    message: text,
  }),
]);

const sheetNamesSchema = z.strictObject({
  guide: text,
  info: text,
  metrics: text,
  risks: text,
  narrative: text,
  meta: text,
});

// ---------------------------------------------------------------------------------------------------
// Report prose: outlines, phrase banks and per-category wording. All prose lives here, not in code.

/** A phrase bank: variants of one sentence; the unit's seed picks one (same unit, same choice). */
const bankSchema = z.array(z.string()).min(1);

const outlineSectionSchema = z.strictObject({
  /** Which builder fills the section (the report code's section ids). */
  section: text,
  /** Heading text after the ordinal ("总体情况"); {period} {year} {subject} may be used. */
  heading: text,
});

const outlineSchema = z.strictObject({
  /** Bank of openings used when the unit wrote none. */
  opening: text,
  sections: z.array(outlineSectionSchema).min(1),
});

const categoryProseSchema = z.strictObject({
  /** Heading of a generated 工作开展情况 subsection (no narrative written). */
  workTitle: bankSchema.optional(),
  /** Sentences leading into the figures of a generated subsection; {figures} holds them. */
  workBody: bankSchema.optional(),
  /**
   * Short verdict naming the category's part of a joined subsection ("一是组织领导有力，…", see
   * report.workJoins and the bank work.joinBody's {partA} {partB}).
   */
  workPart: bankSchema.optional(),
  /** Verb-phrase heading of a 下一步 group ("压紧压实意识形态工作责任制"). */
  nextTitle: bankSchema.optional(),
  /** General sentences for a 下一步 group when the unit has no measures of its own in it. */
  nextBody: bankSchema.optional(),
  /**
   * What running prose calls the category's work, short noun phrases a unit writes (组织领导 → "责任落实",
   * 网络意识形态 → "网上舆情应对"): the 下一步 lead and the judgement of high risks ({categories} in
   * next.lead, next.leadCalm, judgement.watch) name categories by one of these (seeded, joined by the bank
   * list.and: "责任落实、理论学习和网络阵地管理"), not by the form's labels. A definition whose categories
   * have none names them by their labels (list.etc: "组织领导、阵地管理等"), as its templates then expect.
   */
  nextTheme: bankSchema.optional(),
  /** Self-inspection problem title when the register holds risks of this category. */
  problemTitle: bankSchema.optional(),
  /**
   * Summary report: words that show a problem belongs under a problemTitle (keyed by the heading as
   * written there), so the heading chosen fits the examples listed under it.
   */
  problemKeywords: z.record(z.string(), z.array(text)).optional(),
  /** Summary report: heading of the 工作开展情况 subsection ("强化组织领导"). */
  summaryTitle: text.optional(),
  /** Summary report: descriptive lead of the subsection. */
  summaryLead: bankSchema.optional(),
  /** Summary report: a cause behind problems of this category. */
  cause: bankSchema.optional(),
  /** Summary report: suggestion title and text following from problems of this category. */
  suggestion: z.strictObject({ title: text, text: text }).optional(),
  /** Summary report: practices to look for in units' narratives ("第一议题" → how to say it). */
  practices: z.array(z.strictObject({ keyword: text, says: text })).optional(),
});

/**
 * A part of a self-inspection's 责任制落实情况 (主体责任, 考核述职, 定期研判): one titled paragraph made of its
 * lead, the unit's own sentences that speak of it, its 责任制 facts and its figures.
 */
const dutyPartSchema = z.strictObject({
  /** Headings of the part ("压紧压实主体责任"); the one that says least of the paragraph is chosen. */
  title: bankSchema,
  /** Sentences opening the part ({actor} {head} {meeting} {subject}); the one the unit's words repeat least. */
  lead: bankSchema,
  /** Words that put a sentence of the unit's own (组织领导 narrative) in this part. */
  keywords: z.array(text).min(1),
  /** Yes/no 基本信息 keys whose "是" is said here (bank duty.{key}.yes), unless the unit's words say it. */
  info: z.array(text).optional(),
  /** Metric ids said here, in one sentence of `figures`. */
  metrics: z.array(text).optional(),
  /** Sentences holding the part's figures ({figures}: "上半年召开党组会议专题研究…4次"). */
  figures: bankSchema.optional(),
});

/** Two work categories said in one composed subsection, under a heading of its own. */
const workJoinSchema = z.strictObject({
  /** The two work categories, in the order they are told. */
  categories: z.tuple([text, text]),
  /** Headings of the joined subsection ("强化舆论引导，守牢阵地安全"). */
  title: bankSchema,
});

/**
 * A line of work (教育, 卫生健康 …), recognised by words of the unit's name: what the report calls it
 * ({field}) and the phrases its units say in its own terms. Each bank overrides the definition's bank of
 * the same name for those units, so an 教育局's figures-only report speaks of 课堂 and 校园网络, not of
 * what every unit says.
 */
const fieldSchema = z.strictObject({
  /** Words of a unit name that place it in this line of work; the longest match over all fields wins. */
  match: z.array(text).min(1),
  /** The line of work as prose says it ("结合{field}工作实际"). */
  word: text,
  banks: z.record(z.string(), bankSchema),
  /**
   * Words its units say otherwise (a school: 干部职工 → 教职工, 科室 → 部门), in every phrase the definition
   * gives its reports (banks, category prose, metric phrases, gaps); never in the unit's own words.
   */
  words: z.record(text, text).optional(),
});

/**
 * A shortfall the unit's own figures show (专项督查 not held this year, 研讨 far fewer than 集中学习): where
 * a unit reports no problem, the report names it among its shortfalls, in the unit's words, before any
 * stock one — a self-critique grounded in what the unit did and did not do.
 */
const gapSchema = z
  .strictObject({
    /** The register category it is a shortfall of (one with problem headings and next steps). */
    category: text,
    metric: text,
    /** Read the year so far (本年累计) instead of the period's figure. */
    ytd: z.boolean().optional(),
    /** A gap when the figure is at most this (0: not done at all). A blank figure is never a gap. */
    atMost: z.number().int().min(0).optional(),
    /** Or when it is below `times` × another metric's figure, that figure being at least `min`. */
    below: z
      .strictObject({ metric: text, times: z.number().positive(), min: z.number().int().min(0).optional() })
      .optional(),
    /** Headings of the shortfall ("专项督查还没有开展起来"). */
    title: bankSchema,
    /** What the figure shows, as a clause after the heading ("今年以来还没有对所属单位开展…"). */
    says: bankSchema,
    /** The step that answers it in 下一步, a clause ("下一步对所属单位开展一次…专项督查"). */
    next: bankSchema.optional(),
  })
  .refine((g) => (g.atMost === undefined) !== (g.below === undefined), {
    message: '请在 atMost 与 below 中恰好给出一个',
  });

const reportSchema = z.strictObject({
  outlines: z.record(z.string(), outlineSchema),
  /** Named phrase banks ({unit} {we} {org} {period} {year} {subject} … as each builder documents). */
  banks: z.record(z.string(), bankSchema),
  /** Prose per category (metric/work categories and risk categories share one table by name). */
  categories: z.record(z.string(), categoryProseSchema),
  /** How a risk's level is said, by role (high/medium/low); '' says nothing. */
  levelPhrases: z.record(z.string(), bankSchema),
  /** Context of a year: its central tasks, and per period code the sensitive dates. */
  years: z.record(
    z.string().regex(/^\d{4}$/),
    z.strictObject({
      themes: z.array(text).min(1),
      periods: z.record(z.string(), z.array(text)),
    }),
  ),
  /** How a unit speaks of itself, by the end of its name ("局" → "我局"), longest match first. */
  selfWords: z.array(
    z.strictObject({
      suffix: text,
      word: text,
      /** What a bare 党组/党委 is prefixed with when the unit speaks of it (局 → 局党组); none: 党组. */
      short: text.optional(),
    }),
  ),
  /**
   * Deciding bodies by the end of the 党组织名称 ("党组" → meeting 党组会议, head 党组书记); `short` is how a
   * full name is said for short ("中共…委员会" → 党委).
   */
  bodies: z.array(
    z.strictObject({
      suffix: text,
      short: text.optional(),
      meeting: text,
      head: text,
      /** A meeting (部务会, 室务会) decides but does not sign: the 落款 is the unit. */
      signs: z.boolean().optional(),
    }),
  ),
  /** Sentences every report of the genre may share (titles, the register count, "现将…报告如下"). */
  fixedFormulas: z.array(text),
  /** Self-inspection: the parts of 责任制落实情况, in order (without it, one paragraph of facts and figures). */
  responsibility: z.array(dutyPartSchema).optional(),
  /**
   * Work categories a 具体工作开展情况 composed from figures may say in one subsection (the unit wrote on
   * neither): each unit's report joins some of them or none (seeded), so reports differ in how many
   * subsections they have. The body is the bank work.joinBody ({a} {b}: the two categories' composed
   * sentences; {partA} {partB}: their workPart).
   */
  workJoins: z.array(workJoinSchema).optional(),
  /** Lines of work with their own word and phrases (see fieldSchema); a unit matching none uses the banks. */
  fields: z.array(fieldSchema).optional(),
  /** Shortfalls read off the unit's figures (see gapSchema), in the order they are preferred. */
  gaps: z.array(gapSchema).optional(),
});

// ---------------------------------------------------------------------------------------------------
// The definition

const definitionObject = z.strictObject({
  /** JSON Schema reference for editors; ignored. */
  $schema: z.string().optional(),
  /** Stable template id, written in the hidden meta sheet; chooses the definition for a workbook. */
  id: z.string().regex(/^[a-z][a-z0-9.-]*$/),
  /** Human title of the standard (the template's title). */
  title: text,
  /** The subject word of the genre in prose: 意识形态, 党风廉政建设. */
  subject: text,
  /** Current template version (written by the template writer). */
  version: text,
  /** Older template versions the reader still accepts (with a 警告). */
  compatibleVersions: z.array(text),
  sheets: sheetNamesSchema,
  vocab: z.record(z.string(), vocabSchema),
  reportKinds: z.array(reportKindSchema).min(1),
  periods: z.array(periodSchema).min(1),
  info: z.array(infoFieldSchema).min(1),
  metricColumns: z.array(columnSchema).min(1),
  metrics: z.array(metricSchema),
  /** Largest believable count in a metric cell unless a metric says otherwise (above it: 错误). */
  maxCount: z.number().int().positive(),
  riskColumns: z.array(columnSchema).min(1),
  /** Register rows the template prepares (validation ranges are bounded to these). */
  riskRows: z.number().int().min(1).max(5000),
  narrativeColumns: z.array(columnSchema).min(1),
  narrativeFields: z.array(infoFieldSchema),
  narrativeRows: z.number().int().min(1).max(5000),
  metricRules: z.array(metricRuleSchema),
  /** The kind's own wording of catalog messages (standard/messages.ts), by code; the fields stay the catalog's. */
  messages: z.record(z.string(), text).default({}),
  /** Texts of the template workbook itself. */
  texts: z.strictObject({
    infoHeaderLabel: text,
    infoHeaderValue: text,
    infoHeaderHint: text,
    /** {templateId} {version}: the 填报说明 line the reader also recognises. */
    versionLine: text,
    /** {unit} {code}: a pre-filled template's note. */
    unitLine: text,
    errorTitle: text,
    /** {field} {allowed} */
    listError: text,
    /** {field} */
    intError: text,
    /** {field} {from} {to} */
    yearError: text,
    /** {field} */
    dateError: text,
    stockYtdNote: text,
    /** {value}: the 备注 hint of a flow metric's 本年累计 carried from the last round. */
    ytdBeforeHint: text.optional(),
    footer: text,
    creator: text,
  }),
  /** Lines of the 填报说明 sheet. */
  guide: z.array(text).min(1),
  report: reportSchema,
});

type RawDefinition = z.output<typeof definitionObject>;

/** Fields and columns the code reads by key; a definition may add others, which flow through as data. */
const REQUIRED_INFO = ['unitName', 'unitCode', 'reportKind', 'year', 'period', 'fillDate'] as const;
const REQUIRED_RISK_COLUMNS = ['id', 'category', 'description', 'level', 'measures', 'status', 'deadline'];
const REQUIRED_METRIC_COLUMNS = ['name', 'current', 'id'];
const REQUIRED_NARRATIVE_COLUMNS = ['part', 'category', 'title', 'body'];
/** Column/field key → the built-in vocabulary it must use. */
const KEY_VOCAB: Record<string, VocabKey> = {
  level: 'riskLevel',
  status: 'riskStatus',
  category: 'riskCategory',
  part: 'narrativePart',
};
/** The report code's section builders (outlines may name only these). */
export const REPORT_SECTIONS = [
  'overall',
  'work',
  'riskAnalysis',
  'nextSteps',
  'responsibility',
  'problems',
  'suggestions',
] as const;

/**
 * Phrase banks the report builders cannot write without, by the document they are for (named in the
 * error). Banks a builder can do without (a fallback, or `has()` first) are not listed.
 */
export const REQUIRED_BANKS: Record<string, readonly string[]> = {
  单位报告: [
    'overall.lead',
    'overall.dates',
    'judgement.watch',
    'judgement.calm',
    'figures.frame',
    'count.found',
    'duty.lead',
    'work.title',
    'work.none',
    'risks.none',
    'risks.besides',
    'risks.shortfalls',
    'risk.overdue',
    'risk.detail',
    'risk.cause',
    'problems.title',
    'problems.none',
    'next.lead',
    'next.leadCalm',
    'next.title',
    'next.deadline',
    'next.overdue',
    'attachment.register',
    'attachment.metrics',
    'context.theme',
    'context.theme2',
    'context.superior',
    'voice.unit',
    'voice.we',
    'voice.body',
    'voice.meeting',
    'voice.head',
    'voice.meetingOf',
    'voice.headOf',
    'count.foundOnly',
    'count.foundIn',
    'count.foundOneIn',
    'risk.level',
    'count.part',
    'count.otherPart',
    'status.lead',
    'status.leadRegister',
    'risk.progress',
    'risk.done',
    'risk.overdueProgress',
    'status.done',
    'status.inProgress',
    'status.open',
    'status.one.done',
    'status.one.inProgress',
    'status.one.open',
    'next.itemDeadline',
    'list.etc',
  ],
  汇总报告: [
    'summary.judgement.good',
    'summary.judgement.mixed',
    'summary.judgement.also',
    'summary.judgement.gap.timely',
    'summary.judgement.gap.errors',
    'summary.judgement.gap.reporting',
    'summary.judgement.gap.high',
    'summary.judgement.gap.overdue',
    'summary.judgement.some.one',
    'summary.judgement.some.few',
    'summary.judgement.some.many',
    'summary.risks.none',
    'summary.totals',
    'summary.work.none',
    'summary.work.besides',
    'summary.problems.besides',
    'summary.problems.besidesItem',
    'summary.cause',
    'summary.problems.none',
    'summary.suggest.risksTitle',
    'summary.suggest.risks',
    'summary.suggest.reportingTitle',
    'summary.suggest.reporting',
    'summary.suggest.defaultTitle',
    'summary.suggest.default',
    'summary.titleWords',
    'summary.workTitle',
    'summary.meeting',
    'summary.head',
    'summary.unitGroup',
    'summary.reporting',
    'summary.reporting.timely',
    'summary.reporting.onTime',
    'summary.reporting.late',
    'summary.reporting.rate',
    'summary.checked.all',
    'summary.checked.returned',
    'summary.missing.one',
    'summary.missing.few',
    'summary.missing.many',
    'summary.risks.total',
    'summary.risks.where',
    'summary.risks.withOwn',
    'summary.risks.registerDetail',
    'summary.risks.high',
    'summary.risks.overdue',
    'summary.problem.example',
    'summary.problem.examples',
    'summary.problem.single.example',
    'summary.problem.single.examples',
    'summary.attention',
    'summary.attention.where',
    'summary.attention.spread',
    'summary.attention.high',
    'summary.attention.overdue',
  ],
  催报通知: [
    'reminder.lead',
    'reminder.leadNoDeadline',
    'reminder.ask',
    'reminder.askNoDate',
    'reminder.situationMissing',
    'reminder.situationLate',
    'reminder.situationReturned',
    'reminder.listRef',
    'reminder.listRefPaste',
    'reminder.returned',
    'reminder.contact',
    'reminder.titleWords',
    'reminder.sendTo',
    'reminder.attachment',
  ],
};

function crossCheck(d: RawDefinition, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path, message });
  const unique = (list: readonly string[], path: (string | number)[], what: string) => {
    const seen = new Set<string>();
    list.forEach((x, i) => {
      if (seen.has(x)) issue([...path, i], `${what}“${x}”重复`);
      seen.add(x);
    });
  };

  // Vocabularies and their roles.
  for (const [key, rule] of Object.entries(VOCAB_ROLES)) {
    const v = d.vocab[key];
    if (!v) {
      if (key !== 'yesNo') issue(['vocab', key], `缺少下拉列表“${key}”`);
      continue;
    }
    const allowed = new Set<string>(rule.allowed);
    v.items.forEach((it, i) => {
      if (it.role && !allowed.has(it.role))
        issue(
          ['vocab', key, 'values', i, 'role'],
          `角色“${it.role}”不可用，可用：${rule.allowed.join('、')}`,
        );
    });
    for (const r of rule.required)
      if (!v.byRole[r]?.length) issue(['vocab', key, 'values'], `没有取值带有角色“${r}”`);
  }
  for (const [key, v] of Object.entries(d.vocab)) unique(v.values, ['vocab', key, 'values'], '取值');
  const workCats = d.vocab.workCategory;
  const riskCats = d.vocab.riskCategory;
  if (workCats && riskCats)
    workCats.items.forEach((it, i) => {
      if (it.maps && !riskCats.values.includes(it.maps))
        issue(['vocab', 'workCategory', 'values', i, 'maps'], `“${it.maps}”不是风险类别`);
    });

  // Periods and kinds.
  unique(
    d.periods.map((p) => p.name),
    ['periods'],
    '报告期',
  );
  unique(
    d.periods.map((p) => p.code),
    ['periods'],
    '报告期代码',
  );
  d.periods.forEach((p, i) => {
    if (p.startMonth > p.endMonth) issue(['periods', i, 'startMonth'], '起始月份晚于结束月份');
  });
  unique(
    d.reportKinds.map((k) => k.name),
    ['reportKinds'],
    '报告类型',
  );
  d.reportKinds.forEach((k, i) => {
    if (!d.report.outlines[k.outline]) issue(['reportKinds', i, 'outline'], `提纲“${k.outline}”不存在`);
    k.periods.forEach((p, j) => {
      if (!d.periods.some((x) => x.name === p)) issue(['reportKinds', i, 'periods', j], `报告期“${p}”不存在`);
    });
  });
  d.report.responsibility?.forEach((part, i) => {
    part.metrics?.forEach((id, j) => {
      if (!d.metrics.some((m) => m.id === id))
        issue(['report', 'responsibility', i, 'metrics', j], `指标“${id}”不存在`);
    });
    part.info?.forEach((key, j) => {
      if (!d.info.some((f) => f.key === key))
        issue(['report', 'responsibility', i, 'info', j], `基本信息项“${key}”不存在`);
    });
    if (part.metrics?.length && !part.figures?.length)
      issue(['report', 'responsibility', i, 'figures'], '列出了指标，但没有写出指标的句子（figures）');
  });
  for (const [name, o] of Object.entries(d.report.outlines)) {
    if (!d.report.banks[o.opening])
      issue(['report', 'outlines', name, 'opening'], `用语库“${o.opening}”不存在`);
    o.sections.forEach((s, i) => {
      if (!(REPORT_SECTIONS as readonly string[]).includes(s.section))
        issue(
          ['report', 'outlines', name, 'sections', i, 'section'],
          `部分“${s.section}”不存在，可用：${REPORT_SECTIONS.join('、')}`,
        );
    });
  }
  if (!d.report.outlines.summary) issue(['report', 'outlines'], '缺少汇总报告提纲“summary”');
  d.report.workJoins?.forEach((j, i) =>
    j.categories.forEach((c, k) => {
      if (workCats && !workCats.values.includes(c))
        issue(['report', 'workJoins', i, 'categories', k], `类别“${c}”不在“${workCats.label}”下拉列表中`);
      else if (k === 1 && c === j.categories[0])
        issue(['report', 'workJoins', i, 'categories', k], '两个类别相同');
    }),
  );
  d.report.gaps?.forEach((g, i) => {
    for (const [key, id] of [
      ['metric', g.metric],
      ['below', g.below?.metric],
    ] as const)
      if (id !== undefined && !d.metrics.some((m) => m.id === id))
        issue(['report', 'gaps', i, key], `指标“${id}”不存在`);
    if (riskCats && !riskCats.values.includes(g.category))
      issue(['report', 'gaps', i, 'category'], `类别“${g.category}”不在“${riskCats.label}”下拉列表中`);
  });
  // A line of work's phrases name only banks it or the definition has; a name word places a unit once.
  const matchedBy = new Map<string, number>();
  d.report.fields?.forEach((f, i) => {
    f.match.forEach((w, j) => {
      const other = matchedBy.get(w);
      if (other !== undefined)
        issue(
          ['report', 'fields', i, 'match', j],
          `“${w}”已用于第${other + 1}个行业（${d.report.fields![other].word}）`,
        );
      matchedBy.set(w, i);
    });
    for (const [name, bank] of Object.entries(f.banks))
      bank.forEach((t, k) => {
        for (const m of t.matchAll(/\{@([^{}\s]+)\}/gu))
          if (!f.banks[m[1]] && !d.report.banks[m[1]])
            issue(['report', 'fields', i, 'banks', name, k], `用语库“${m[1]}”不存在`);
      });
  });
  for (const [doc, banks] of Object.entries(REQUIRED_BANKS))
    for (const b of banks)
      if (!d.report.banks[b]?.some((t) => t.trim()))
        issue(['report', 'banks'], `缺少用语库“${b}”（${doc}要用）`);
  // "All that was found was dealt with" is said only where a metric follows another with `sameAs`.
  for (const [c, p] of Object.entries(d.report.categories))
    for (const h of Object.keys(p.problemKeywords ?? {}))
      if (!p.problemTitle?.includes(h))
        issue(
          ['report', 'categories', c, 'problemKeywords', h],
          `“${h}”不是本类别的问题标题（problemTitle）`,
        );
  if (d.metrics.some((m) => m.follows && m.sameAs) && !d.report.banks['judgement.handled']?.length)
    issue(['report', 'banks'], '缺少用语库“judgement.handled”（单位报告要用：有指标设置了 sameAs）');

  // Fields and columns.
  const checkColumns = (cols: RawDefinition['riskColumns'], path: string, required: readonly string[]) => {
    unique(
      cols.map((c) => c.key),
      [path],
      '列键',
    );
    unique(
      cols.map((c) => c.label),
      [path],
      '列名',
    );
    for (const k of required) if (!cols.some((c) => c.key === k)) issue([path], `缺少列“${k}”`);
    cols.forEach((c, i) => {
      if (c.type === 'enum' && !c.vocab) issue([path, i, 'vocab'], '下拉列需指定下拉列表');
      if (c.vocab && !d.vocab[c.vocab]) issue([path, i, 'vocab'], `下拉列表“${c.vocab}”不存在`);
    });
  };
  checkColumns(d.riskColumns, 'riskColumns', REQUIRED_RISK_COLUMNS);
  checkColumns(d.metricColumns, 'metricColumns', REQUIRED_METRIC_COLUMNS);
  checkColumns(d.narrativeColumns, 'narrativeColumns', REQUIRED_NARRATIVE_COLUMNS);
  d.riskColumns.forEach((c, i) => {
    const want = KEY_VOCAB[c.key];
    if (want && c.vocab !== want) issue(['riskColumns', i, 'vocab'], `“${c.label}”列应使用下拉列表“${want}”`);
  });
  const narrPart = d.narrativeColumns.findIndex((c) => c.key === 'part');
  if (narrPart >= 0 && d.narrativeColumns[narrPart].vocab !== 'narrativePart')
    issue(['narrativeColumns', narrPart, 'vocab'], '“部分”列应使用下拉列表“narrativePart”');
  const fields = [...d.info, ...d.narrativeFields];
  unique(
    fields.map((f) => f.key),
    ['info'],
    '项目键',
  );
  unique(
    fields.map((f) => f.label),
    ['info'],
    '项目名称',
  );
  for (const k of REQUIRED_INFO) if (!d.info.some((f) => f.key === k)) issue(['info'], `缺少项目“${k}”`);
  d.info.forEach((f, i) => {
    if ((f.type === 'enum' || f.type === 'period') && f.vocab && !d.vocab[f.vocab])
      issue(['info', i, 'vocab'], `下拉列表“${f.vocab}”不存在`);
    if (f.type === 'enum' && !f.vocab) issue(['info', i, 'vocab'], '下拉项目需指定下拉列表');
  });

  // Metrics and rules.
  unique(
    d.metrics.map((m) => m.id),
    ['metrics'],
    '指标编号',
  );
  unique(
    d.metrics.map((m) => m.name),
    ['metrics'],
    '指标名称',
  );
  d.metrics.forEach((m, i) => {
    if (m.follows) {
      const f = d.metrics.find((x) => x.id === m.follows);
      if (!f) issue(['metrics', i, 'follows'], `指标“${m.follows}”不存在`);
      else if (f.category !== m.category) issue(['metrics', i, 'follows'], '只能跟随同一类别的指标');
    }
    if (workCats && !workCats.values.includes(m.category))
      issue(['metrics', i, 'category'], `类别“${m.category}”不在“${workCats.label}”下拉列表中`);
  });
  unique(
    d.metricRules.map((r) => r.id),
    ['metricRules'],
    '规则编号',
  );
  d.metricRules.forEach((r, i) => {
    for (const side of ['lhs', 'rhs'] as const)
      if (!d.metrics.some((m) => m.id === r[side])) issue(['metricRules', i, side], `指标“${r[side]}”不存在`);
  });
  unique(d.compatibleVersions, ['compatibleVersions'], '版本');

  // Messages reworded by the kind: known codes, and only the fields the catalog declares.
  for (const [code, template] of Object.entries(d.messages)) {
    if (!isMessageCode(code)) {
      issue(['messages', code], `没有代码为“${code}”的提示语`);
      continue;
    }
    const allowed = new Set<string>([...MESSAGES[code].fields, ...GLOBAL_FIELDS]);
    for (const f of placeholders(template))
      if (!allowed.has(f))
        issue(['messages', code], `提示语不能使用“{${f}}”，可用：${[...allowed].join('、')}`);
  }
  const textFields: Partial<Record<keyof RawDefinition['texts'], readonly string[]>> = {
    versionLine: ['templateId', 'version'],
    unitLine: ['unit', 'code'],
    listError: ['field', 'allowed'],
    intError: ['field'],
    yearError: ['field', 'from', 'to'],
    dateError: ['field'],
    ytdBeforeHint: ['value'],
  };
  for (const [key, template] of Object.entries(d.texts) as [keyof RawDefinition['texts'], string][]) {
    const allowed = new Set(textFields[key] ?? []);
    for (const f of placeholders(template)) if (!allowed.has(f)) issue(['texts', key], `不能使用“{${f}}”`);
  }
  for (const m of d.metricRules)
    for (const f of placeholders(m.message))
      if (!['lhsName', 'lhsValue', 'rhsName', 'rhsValue'].includes(f))
        issue(['metricRules', d.metricRules.indexOf(m), 'message'], `提示语不能使用“{${f}}”`);
  if (d.compatibleVersions.includes(d.version)) issue(['compatibleVersions'], '不应包含当前版本');
}

/** The one schema of a definition file. */
export const definitionSchema = definitionObject.superRefine(crossCheck);

export type Definition = z.output<typeof definitionSchema>;
/** What a definition file contains (before defaults and transforms). */
export type DefinitionInput = z.input<typeof definitionSchema>;
export type MetricDef = Definition['metrics'][number];
export type InfoFieldDef = Definition['info'][number];
export type ColumnDef = Definition['riskColumns'][number];
export type ColumnType = ColumnDef['type'];
export type FieldType = InfoFieldDef['type'];
export type PeriodDef = Definition['periods'][number];
export type ReportKindDef = Definition['reportKinds'][number];
export type MetricRuleDef = Definition['metricRules'][number];
export type VocabDef = Definition['vocab'][string];
export type NumberStyle = z.infer<typeof numberStyleSchema>;
export type SheetNames = Definition['sheets'];
export type ReportProse = Definition['report'];
export type CategoryProse = ReportProse['categories'][string];

/** The JSON Schema of a definition file, for editor completion (templates/definitions/definition.schema.json). */
export function definitionJsonSchema(): unknown {
  return z.toJSONSchema(definitionObject, { io: 'input', unrepresentable: 'any' });
}
