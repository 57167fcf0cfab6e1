// The per-unit report from a checked submission: the quarterly 分析研判报告 outline (seeds 000/003) and the
// half-year/annual 自查报告 outline (seed 002). Produces blocks; gbt9704.ts renders them.
import { definition as defaultDefinition } from '../standard/ideology';
import type { Definition, PeriodDef, ReportKindDef } from '../standard/types';
import type { MetricValue, NarrativeSection, Risk, Submission } from '../standard/schema';
import type { AppendixTable, Block } from './blocks';
import { formatCount, formatDate, headingOrdinal, sectionOrdinal, shiOrdinal } from './numbers';
import { clause, sentence, stripOrdinal, unitWorkTitle } from './phrases';

export interface ReportContext {
  def: Definition;
  sub: Submission;
  period: PeriodDef | null;
  kind: ReportKindDef | null;
  /** Who acts in the prose: the party organisation (局党组) or the unit. */
  subject: string;
  currentPhrase: string;
  ytdPhrase: string;
}

export function reportContext(sub: Submission, def: Definition): ReportContext {
  const period = def.periods.find((p) => p.name === sub.period) ?? null;
  const kind = def.reportKinds.find((k) => k.name === sub.reportKind) ?? null;
  return {
    def,
    sub,
    period,
    kind,
    subject: (sub.partyOrg ?? '').trim() || (sub.unit.name ?? '').trim() || '我单位',
    currentPhrase: period?.currentPhrase ?? '本期',
    ytdPhrase: period?.ytdPhrase ?? '截至目前',
  };
}

export interface UnitReportOptions {
  /**
   * A draft from a workbook that still has errors (the user chose to see it anyway): "（草稿）" after the
   * title and in the file name, and DRAFT_NOTE under the title.
   */
  draft?: boolean;
}

export const DRAFT_MARK = '（草稿）';
export const DRAFT_NOTE =
  '本稿根据仍有错误的填报表生成，仅供核对修改，不能作为正式报告报送。请按校验结果修改填报表后重新生成。';

/** "{单位名称}{年度}年{报告期}{意识形态工作分析研判报告 | …自查报告}", "（草稿）" after it for a draft. */
export function reportTitle(
  sub: Submission,
  def: Definition = defaultDefinition,
  opts: UnitReportOptions = {},
): string {
  const ctx = reportContext(sub, def);
  const year = sub.year != null ? `${sub.year}年` : '';
  const suffix = ctx.kind?.titleSuffix ?? def.reportKinds[0]?.titleSuffix ?? '意识形态工作分析研判报告';
  const title = `${(sub.unit.name ?? '').trim()}${year}${ctx.period?.titleName ?? sub.period ?? ''}${suffix}`;
  return opts.draft ? `${title}${DRAFT_MARK}` : title;
}

/** Default output name: the title + ".docx", with characters no file system accepts replaced. */
export function reportFileName(
  sub: Submission,
  def: Definition = defaultDefinition,
  opts: UnitReportOptions = {},
): string {
  const base = reportTitle(sub, def, opts)
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\\/:*?"<>|]/g, '_')
    .trim();
  return `${base || '意识形态工作报告'}.docx`;
}

/** Metric categories in definition order. */
function metricCategories(def: Definition): string[] {
  return [...new Set(def.metrics.map((m) => m.category))];
}

/**
 * The metrics of one category as one sentence: "本季度组织理论学习中心组集体学习3次，开展专题学习研讨2次；
 * 截至第三季度，累计组织理论学习中心组集体学习9次。" Blank and zero values are left out; a stock metric
 * reads "配备网评员3人" without 累计; the year-to-date clause is left out where it repeats the period.
 * Returns '' when nothing is left.
 */
export function metricSentence(
  category: string,
  metrics: readonly MetricValue[],
  ctx: Pick<ReportContext, 'def' | 'currentPhrase' | 'ytdPhrase'>,
): string {
  const byId = new Map(metrics.map((m) => [m.id, m]));
  const current: string[] = [];
  const ytd: string[] = [];
  const stock: string[] = [];
  const ytdDistinct = ctx.ytdPhrase !== ctx.currentPhrase;
  for (const m of ctx.def.metrics) {
    if (m.category !== category) continue;
    const v = byId.get(m.id);
    if (!v) continue;
    const say = (n: number) => `${m.phrase}${formatCount(n, m.unit, m.style)}`;
    if (m.kind === 'stock') {
      if (v.current != null && v.current > 0) stock.push(say(v.current));
      continue;
    }
    if (v.current != null && v.current > 0) current.push(say(v.current));
    if (ytdDistinct && v.ytd != null && v.ytd > 0 && v.ytd !== v.current) ytd.push(say(v.ytd));
  }
  const parts: string[] = [];
  if (current.length) parts.push(`${ctx.currentPhrase}${current.join('，')}`);
  if (ytd.length) {
    const sep = ctx.ytdPhrase.startsWith('截至') ? '，' : '';
    parts.push(`${ctx.ytdPhrase}${sep}累计${ytd.join('，')}`);
  }
  if (stock.length) parts.push(stock.join('，'));
  return parts.length ? `${parts.join('；')}。` : '';
}

/** Risk categories present, in vocabulary order (unknown ones after, in order of appearance). */
function groupByCategory(risks: readonly Risk[], def: Definition): [string, Risk[]][] {
  const order = def.vocab.riskCategory?.values ?? [];
  const groups = new Map<string, Risk[]>();
  for (const c of order) groups.set(c, []);
  for (const r of risks) {
    const c = (r.category ?? '').trim() || order[order.length - 1] || '其他';
    if (!groups.has(c)) groups.set(c, []);
    groups.get(c)!.push(r);
  }
  return [...groups.entries()].filter(([, rs]) => rs.length > 0);
}

/** "经梳理排查，共分析研判意识形态工作风险隐患N条，其中，组织领导方面a条，…。" or the none-found sentence. */
export function registerSentence(ctx: ReportContext): string {
  const risks = ctx.sub.risks;
  if (risks.length === 0) return `经梳理排查，${ctx.currentPhrase}未发现意识形态工作风险隐患。`;
  const parts = groupByCategory(risks, ctx.def).map(([c, rs]) => `${c}方面${rs.length}条`);
  return `经梳理排查，共分析研判意识形态工作风险隐患${risks.length}条，其中，${parts.join('，')}。`;
}

/** "按风险等级分，高风险1条、中风险3条、低风险8条。" and the rectification status with overdue count. */
export function levelAndStatusSentence(ctx: ReportContext): string {
  const risks = ctx.sub.risks;
  if (risks.length === 0) return '';
  const count = (pred: (r: Risk) => boolean) => risks.filter(pred).length;
  const levels = (ctx.def.vocab.riskLevel?.values ?? [])
    .map((l) => [l, count((r) => r.level === l)] as const)
    .filter(([, n]) => n > 0);
  let out = '';
  if (levels.length === 1 && levels[0][1] === risks.length) out += `以上风险隐患均为${levels[0][0]}风险。`;
  else if (levels.length) out += `按风险等级分，${levels.map(([l, n]) => `${l}风险${n}条`).join('、')}。`;
  // Rectified first (the vocabulary runs 未整改 → 已整改): "已整改1条、整改中7条、未整改4条".
  const statuses = [...(ctx.def.vocab.riskStatus?.values ?? [])]
    .reverse()
    .map((s) => [s, count((r) => r.status === s)] as const)
    .filter(([, n]) => n > 0);
  const overdue = count((r) => r.overdue);
  if (statuses.length) {
    out += `目前，${statuses.map(([s, n]) => `${s}${n}条`).join('、')}`;
    out += overdue ? `，其中超过整改时限仍未整改完成${overdue}条。` : '。';
  } else if (overdue) {
    out += `其中超过整改时限仍未整改完成${overdue}条。`;
  }
  return out;
}

/** "一是{描述}，{具体表现}，研判为高风险，已超过整改时限（…）尚未整改到位。二是…" (a single risk: no 一是). */
export function riskItems(risks: readonly Risk[], ctx: ReportContext, highLevel: string | null): string {
  return risks
    .map((r, i) => {
      let s = `${risks.length > 1 ? shiOrdinal(i + 1) : ''}${clause(stripOrdinal(r.description) || r.detail)}`;
      const d = clause(r.description?.trim() ? r.detail : null);
      if (d) s += `，${d}`;
      if (highLevel && r.level === highLevel) s += `，研判为${highLevel}风险`;
      if (r.overdue) {
        const dl = formatDate(r.deadline);
        s += `，已超过整改时限${dl ? `（${dl}）` : ''}尚未整改到位`;
      }
      return `${s}。`;
    })
    .join('');
}

function doneStatus(def: Definition): string | null {
  const v = def.vocab.riskStatus?.values ?? [];
  return v.length ? v[v.length - 1] : null;
}

/** "一是{措施}，力争2023年12月31日前整改到位。二是…" for the risks not yet rectified. */
function measureItems(risks: readonly Risk[]): string {
  return risks
    .map((r, i) => {
      let s = `${risks.length > 1 ? shiOrdinal(i + 1) : ''}${clause(stripOrdinal(r.measures))}`;
      const dl = formatDate(r.deadline);
      if (dl) s += r.overdue ? `，加快推进逾期整改` : `，力争${dl}前整改到位`;
      return `${s}。`;
    })
    .join('');
}

/** Narrative rows as "（一）小标题。正文" paragraphs; untitled rows are plain paragraphs. */
function narrativeParagraphs(rows: readonly NarrativeSection[]): Block[] {
  const out: Block[] = [];
  let n = 0;
  for (const r of rows) {
    const title = clause(stripOrdinal(r.title));
    const body = sentence(r.body);
    if (!title && !body) continue;
    if (title) out.push({ kind: 'para', lead: `${sectionOrdinal(++n)}${title}。`, text: body });
    else out.push({ kind: 'para', text: body });
  }
  return out;
}

/** 具体工作开展情况: the unit's subsections, each followed by its category's metrics; generated ones after. */
function workBlocks(ctx: ReportContext): Block[] {
  const { sub, def } = ctx;
  const sections = sub.narrative.sections.filter((s) => clause(s.title) || clause(s.body));
  const categories = metricCategories(def);
  const sentences = new Map(categories.map((c) => [c, metricSentence(c, sub.metrics, ctx)]));
  const lastIndex = new Map<string, number>();
  sections.forEach((s, i) => {
    if (s.category) lastIndex.set(s.category, i);
  });
  const out: Block[] = [];
  let n = 0;
  sections.forEach((s, i) => {
    const title = clause(stripOrdinal(s.title));
    const metrics = s.category && lastIndex.get(s.category) === i ? (sentences.get(s.category) ?? '') : '';
    out.push({
      kind: 'para',
      lead: `${sectionOrdinal(++n)}${title ? `${title}。` : ''}`,
      text: `${sentence(s.body)}${metrics}`,
    });
  });
  for (const c of categories) {
    const text = sentences.get(c) ?? '';
    if (text && !lastIndex.has(c))
      out.push({ kind: 'para', lead: `${sectionOrdinal(++n)}${unitWorkTitle(c)}。`, text });
  }
  if (out.length === 0)
    out.push({
      kind: 'para',
      text: `${ctx.currentPhrase}，${ctx.subject}按照年度工作安排，扎实推进意识形态各项工作。`,
    });
  return out;
}

/** 风险隐患分析研判 (quarterly) / derived 存在问题 (self-inspection): per category "（一）…方面。一是…". */
function riskAnalysisBlocks(ctx: ReportContext): Block[] {
  const levels = ctx.def.vocab.riskLevel?.values ?? [];
  const high = levels.length ? levels[0] : null;
  const described = ctx.sub.risks.filter((r) => clause(r.description) || clause(r.detail));
  return groupByCategory(described, ctx.def).map(([c, rs], i) => ({
    kind: 'para' as const,
    lead: `${sectionOrdinal(i + 1)}${c}方面。`,
    text: riskItems(rs, ctx, high),
  }));
}

/** 下一步工作打算: the unit's own rows, else built from the register's measures, else a general paragraph. */
function nextStepBlocks(ctx: ReportContext): Block[] {
  const own = narrativeParagraphs(ctx.sub.narrative.nextSteps);
  if (own.length) return own;
  const done = doneStatus(ctx.def);
  const open = ctx.sub.risks.filter((r) => r.status !== done && clause(r.measures));
  const closing: Block = {
    kind: 'para',
    text: `${ctx.subject}将持续压紧压实意识形态工作责任制，定期开展分析研判，做到风险隐患早发现、早报告、早处置，确保本单位意识形态领域安全稳定。`,
  };
  if (open.length === 0) return [closing];
  const out: Block[] = [
    {
      kind: 'para',
      text: `针对排查发现的风险隐患，下一步，${ctx.subject}将坚持问题导向，逐项落实防范化解措施，明确责任、限时整改，持续提升意识形态工作实效。`,
    },
  ];
  groupByCategory(open, ctx.def).forEach(([c, rs], i) =>
    out.push({ kind: 'para', lead: `${sectionOrdinal(i + 1)}${c}方面。`, text: measureItems(rs) }),
  );
  out.push(closing);
  return out;
}

/** The risk register as the appendix table (columns from the definition). */
export function riskTable(risks: readonly Risk[], def: Definition): AppendixTable {
  const cell = (r: Risk, key: string): string => {
    const v = (r as unknown as Record<string, unknown>)[key];
    if (key === 'deadline') return formatDate(r.deadline) ?? '';
    if (key === 'status' && r.overdue) return `${r.status ?? ''}（逾期）`;
    return v == null ? '' : String(v);
  };
  return {
    landscape: true,
    columns: def.riskColumns.map((c) => ({ label: c.label, width: c.width })),
    rows: risks.map((r) => def.riskColumns.map((c) => cell(r, c.key))),
  };
}

function closingBlocks(ctx: ReportContext, appendixTitle: string | null): Block[] {
  const { sub } = ctx;
  const out: Block[] = [];
  if (appendixTitle) out.push({ kind: 'blank' }, { kind: 'attachmentNote', text: `附件：${appendixTitle}` });
  const unit = clause(sub.narrative.signatureUnit) || (sub.unit.name ?? '').trim();
  const date = formatDate(sub.narrative.signatureDate) ?? formatDate(sub.fillDate);
  if (unit || date) out.push({ kind: 'blank' }, { kind: 'signature', unit, date });
  if (appendixTitle)
    out.push({ kind: 'appendix', label: '附件', title: appendixTitle, table: riskTable(sub.risks, ctx.def) });
  return out;
}

const APPENDIX_TITLE = '风险隐患台账';

function quarterlyBlocks(ctx: ReportContext, title: string): Block[] {
  const { sub } = ctx;
  const periodTitle = `${sub.year ?? ''}年${ctx.period?.titleName ?? sub.period ?? ''}`;
  const opening =
    sentence(sub.narrative.opening) ||
    `今年以来，${ctx.subject}坚持以习近平新时代中国特色社会主义思想为指导，认真落实意识形态工作责任制，牢牢掌握意识形态工作领导权、管理权、话语权，全面排查、深入分析研判本单位意识形态领域风险隐患。现将${periodTitle}意识形态工作分析研判情况报告如下：`;
  const high = ctx.def.vocab.riskLevel?.values[0];
  const hasHigh = !!high && sub.risks.some((r) => r.level === high);
  const overall =
    `${ctx.currentPhrase}，${ctx.subject}把意识形态工作与业务工作同部署、同落实、同检查、同考核，` +
    `班子成员认真履行“一岗双责”，${hasHigh ? '意识形态领域形势总体平稳，个别方面仍存在需要重点防范的风险隐患' : '意识形态领域形势总体平稳向好'}。` +
    registerSentence(ctx) +
    levelAndStatusSentence(ctx);
  const riskBlocks = riskAnalysisBlocks(ctx);
  return [
    { kind: 'title', text: title },
    { kind: 'para', text: opening },
    { kind: 'h1', text: `${headingOrdinal(1)}总体情况` },
    { kind: 'para', text: overall },
    { kind: 'h1', text: `${headingOrdinal(2)}具体工作开展情况` },
    ...workBlocks(ctx),
    { kind: 'h1', text: `${headingOrdinal(3)}风险隐患分析研判` },
    ...(riskBlocks.length
      ? riskBlocks
      : [
          {
            kind: 'para' as const,
            text: `${registerSentence(ctx)}下一步将继续加强日常监测和分析研判，做到早发现、早报告、早处置。`,
          },
        ]),
    { kind: 'h1', text: `${headingOrdinal(4)}下一步工作打算` },
    ...nextStepBlocks(ctx),
    ...closingBlocks(ctx, sub.risks.length ? APPENDIX_TITLE : null),
  ];
}

function selfInspectionBlocks(ctx: ReportContext, title: string): Block[] {
  const { sub } = ctx;
  const periodTitle = `${sub.year ?? ''}年${ctx.period?.titleName ?? ''}`;
  const opening =
    sentence(sub.narrative.opening) ||
    `今年以来，${ctx.subject}认真贯彻落实上级关于意识形态工作的决策部署，严格落实意识形态工作责任制，把意识形态工作摆在突出位置，牢牢把握意识形态工作的领导权、管理权、话语权。现将${periodTitle}意识形态工作责任制落实情况自查报告如下：`;
  const ownProblems = narrativeParagraphs(sub.narrative.problems);
  let problems: Block[];
  if (ownProblems.length) problems = ownProblems;
  else if (sub.risks.length)
    problems = [
      { kind: 'para', text: `${registerSentence(ctx)}${levelAndStatusSentence(ctx)}` },
      ...riskAnalysisBlocks(ctx),
    ];
  else
    problems = [
      {
        kind: 'para',
        text: `经自查，${ctx.currentPhrase}未发现意识形态工作方面的突出问题，但对照上级要求，工作的创新性、实效性仍有提升空间。`,
      },
    ];
  return [
    { kind: 'title', text: title },
    { kind: 'para', text: opening },
    { kind: 'h1', text: `${headingOrdinal(1)}${periodTitle}意识形态工作开展情况及主要做法` },
    ...workBlocks(ctx),
    { kind: 'h1', text: `${headingOrdinal(2)}存在问题` },
    ...problems,
    { kind: 'h1', text: `${headingOrdinal(3)}下一步工作打算` },
    ...nextStepBlocks(ctx),
    ...closingBlocks(ctx, sub.risks.length ? APPENDIX_TITLE : null),
  ];
}

/** The unit report as blocks, following the outline the definition assigns to the report kind. */
export function unitReportBlocks(
  sub: Submission,
  def: Definition = defaultDefinition,
  opts: UnitReportOptions = {},
): Block[] {
  const ctx = reportContext(sub, def);
  const title = reportTitle(sub, def, opts);
  const [head, ...rest] =
    ctx.kind?.outline === 'selfInspection' ? selfInspectionBlocks(ctx, title) : quarterlyBlocks(ctx, title);
  return opts.draft
    ? [head, { kind: 'para', lead: '草稿说明：', text: DRAFT_NOTE }, ...rest]
    : [head, ...rest];
}
