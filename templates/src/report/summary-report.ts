// The superior's consolidated report (汇总分析报告, in the spirit of seed 001): an overall judgement drawn
// from the data; per theme a short lead, the totals once, then units named with their own practices
// (quoted brand names kept), units grouped when they report the same practice, and figures only where they
// stand out; problems analysed across units (which units, their own words woven into a sentence, a cause
// that fits them; one unit's problem folded into the section it fits); suggestions that
// follow from the problems found. Every stock phrase comes from the definition's report data.
import { formatTemplate, type TemplateVars } from '../standard/format';
import { roleOf } from '../standard/roles';
import type { Definition, MetricDef } from '../standard/types';
import type { Risk } from '../standard/schema';
import type { AppendixTable, Block } from './blocks';
import { formatCount, formatDate, formatPercent, headingOrdinal, sectionOrdinal } from './numbers';
import { clause, sentence, stripOrdinal } from './phrases';
import {
  Prose,
  containedIn,
  fitScore,
  fixedPhrase,
  leastRepeating,
  plainWords,
  listWithEtc,
  pairWeights,
  repeatedRuns,
  sentencesOf,
  withoutRepeats,
} from './prose';
import { CHART_TITLES, riskChart, submissionChart } from './summary-charts';
import { compareTelling, tellingByFacts, tellingKey, type ProblemFacts } from './telling';
import { repeatedRisk } from './unit-report';

export interface SummaryRisk {
  unit: string;
  id: string;
  category?: string | null;
  description: string;
  level: string | null;
  overdue: boolean;
  deadline?: string | null;
  status?: string | null;
  /** 具体表现 and 原因分析, where known: what a cause said of the problem should fit. */
  detail?: string | null;
  cause?: string | null;
}

/** A sentence of a unit's own narrative that describes a practice, by work category. */
export interface UnitPractice {
  unit: string;
  category: string;
  text: string;
}

/** A problem a unit wrote itself (工作情况 → 存在问题), by register category. */
export interface UnitProblem {
  unit: string;
  category: string;
  text: string;
}

/**
 * How the risks of the units' earlier report of the year stand in this round (the workspace store): the
 * counts each unit's report is written from (EarlierRisks), summed over the units whose earlier report is in
 * the store. `open` is what their registers listed as not rectified then: doneSince + inProgress +
 * notStarted + unaccounted.
 */
export interface SummaryEarlier {
  year: number;
  /** The earlier reports' 报告期 and 报告类型 (上半年, 半年自查报告). */
  period: string;
  reportKind?: string | null;
  /** Units whose earlier report is summed. */
  units: number;
  open: number;
  /** Marked rectified in this round's registers. */
  doneSince: number;
  /** Still listed, not rectified: being rectified, not started. */
  inProgress: number;
  notStarted: number;
  /** Of inProgress and notStarted, past their 整改时限. */
  overdue?: number;
  /** Gone from this round's registers without being marked rectified. */
  unaccounted: number;
  /** The units with such rows (roster order): named when few. */
  unaccountedUnits?: string[];
}

export interface SummaryInput {
  /** Overrides the generated title. */
  title?: string;
  /** 上级单位, e.g. 市直机关工委: signs the report. */
  issuer: string;
  year: number;
  /** 报告期 as in the definition (第三季度, 上半年 …). */
  period: string;
  reportKind: string;
  /** 成文日期 YYYY-MM-DD (optional). */
  date?: string | null;
  units: {
    expected: number;
    submitted: number;
    onTime?: number | null;
    /** Submitted after the deadline (null or absent without a deadline). */
    late?: number | null;
    /** Submitted and passed with warnings only. */
    withWarnings?: number | null;
    /** Submitted with errors: returned, their data not counted. */
    withErrors: number;
    /** The units with errors, where known (roster order): named when few. */
    returned?: { code: string | null; name: string }[];
    missing: { code: string | null; name: string }[];
  };
  /** One entry per metric id; total null when no unit filled it. `top` sorted by value, largest first. */
  metricTotals: {
    id: string;
    total: number | null;
    /** Number of units that reported a value above zero. */
    units?: number | null;
    top: { unit: string; value: number }[];
  }[];
  riskCounts: { category: string; level: string; count: number }[];
  /** Register risks by category: how many units, and their names where known (a unit is counted once). */
  commonProblems: {
    category: string;
    units: number;
    unitNames?: string[];
    examples: string[];
    /** The unit of each example, where known (the same order as `examples`): it is named with it. */
    exampleUnits?: (string | null)[];
    /**
     * What the register says of each example, where known (the same order as `examples`): its level,
     * whether it is overdue, its status. The most telling example is the one quoted first.
     */
    exampleFacts?: (ProblemFacts | null)[];
  }[];
  highRisks: SummaryRisk[];
  overdueRisks: SummaryRisk[];
  /** Counted units that reported neither a register risk nor a problem of their own (roster order). */
  quietUnits?: string[];
  /** Sentences on the main changes since the previous period (workspace store); one paragraph. */
  changes?: string[];
  /** The units' own practices, from their narratives (see practicesOf). */
  practices?: UnitPractice[];
  /** The units' own 存在问题 rows (see unitProblemsOf). */
  unitProblems?: UnitProblem[];
  /** How the risks of the units' earlier report of the year stand now (said after this round's count). */
  earlier?: SummaryEarlier | null;
}

/** Missing units are named in the text up to this many; more go to an attachment as well. */
const MAX_NAMED_MISSING = 8;
/** Units named before "等单位". */
const MAX_GROUP_NAMES = 4;
/** Suggestions drawn from problem themes (the risks' and the reporting's come on top). */
const MAX_THEME_SUGGESTIONS = 4;
/** Units named in full where they are held to account (high and overdue risks). */
const MAX_NAMED_ACCOUNTABLE = 5;
/** Units named whose earlier rows are gone from this round's registers unaccounted for (more: counted). */
const MAX_NAMED_UNACCOUNTED = 3;
/** Units named with their own practice per theme. */
const MAX_NAMED_PRACTICES = 3;
/** A unit's figure is worth naming when it is this many times the others' average (and at least MIN). */
const STANDOUT_FACTOR = 3;
const STANDOUT_MIN = 10;

function summaryVars(input: SummaryInput, def: Definition): TemplateVars {
  const p = def.periods.find((x) => x.name === input.period);
  const kindDef = def.reportKinds.find((k) => k.name === input.reportKind);
  const themes = def.report.years[String(input.year)]?.themes ?? [];
  return {
    theme: themes[0] ?? fixedPhrase(def.report.banks, 'context.theme', { subject: def.subject }),
    theme2:
      themes[1] ?? themes[0] ?? fixedPhrase(def.report.banks, 'context.theme2', { subject: def.subject }),
    issuer: input.issuer,
    year: input.year,
    period: p?.titleName ?? input.period,
    yearPeriod: `${input.year}年${p?.titleName ?? input.period}`,
    current: p?.currentPhrase ?? '本期',
    subject: def.subject,
    kind: kindDef?.titleSuffix ?? input.reportKind,
    meeting: fixedPhrase(def.report.banks, 'summary.meeting'),
    head: fixedPhrase(def.report.banks, 'summary.head'),
  };
}

/** The title's words (it breaks only between them): "关于|2023年第三季度|{subject}工作|分析研判情况的|汇总报告". */
export function summaryTitleWords(input: SummaryInput, def: Definition): string[] {
  if (input.title?.trim()) return [input.title.trim()];
  // The kind's own title where the definition has one (a round of 自查报告 is summarised as such).
  const outline = def.reportKinds.find((k) => k.name === input.reportKind)?.outline;
  const own = outline ? `summary.titleWords.${outline}` : '';
  const bank = own && def.report.banks[own]?.length ? own : 'summary.titleWords';
  return fixedPhrase(def.report.banks, bank, summaryVars(input, def)).split('|').filter(Boolean);
}

export function summaryTitle(input: SummaryInput, def: Definition): string {
  return summaryTitleWords(input, def).join('');
}

export function summaryFileName(input: SummaryInput, def: Definition): string {
  // eslint-disable-next-line no-control-regex
  return `${summaryTitle(input, def).replace(/[\u0000-\u001f\\/:*?"<>|]/g, '_')}.docx`;
}

interface Ctx {
  input: SummaryInput;
  def: Definition;
  prose: Prose;
  vars: TemplateVars;
  said: Set<string>;
  /** Figures numbered so far. */
  figures: number;
  /** Practice sentences already printed (one may be said in another category's section). */
  usedPractices: Set<string>;
  /** How telling each character pair of the problem headings is (see pairWeights), once computed. */
  headingWeights?: Map<string, number>;
  /** The keywords of the definition's causes and problem headings (see keywordWeights), once computed. */
  keywords?: Map<string, number>;
  /** Those a cause shares with an example it speaks of (see causeWeights), once computed. */
  causeKeywords?: Map<string, number>;
  /** The units' roster order (see rosterRank), once computed. */
  roster?: Map<string, number>;
}

function say(ctx: Ctx, bank: string, extra: TemplateVars = {}): string {
  return ctx.prose.say(bank, { ...ctx.vars, ...extra });
}

function para(ctx: Ctx, text: string, lead?: string): Block | null {
  const t = withoutRepeats(text, ctx.said);
  if (!t && !lead) return null;
  return lead ? { kind: 'para', lead, text: t } : { kind: 'para', text: t };
}

function push(out: Block[], b: Block | null): void {
  if (b) out.push(b);
}

function phraseOf(m: MetricDef, ctx: Ctx): string {
  return formatTemplate(m.phrase, ctx.vars);
}

/** "市委网信办、市文联、市交通运输局等单位" (all of them, or the first few and 等). */
function unitList(ctx: Ctx, names: readonly string[], max = MAX_GROUP_NAMES): string {
  if (names.length <= 2) return names.join('、');
  return say(ctx, 'summary.unitGroup', { names: names.slice(0, max).join('、') });
}

/** The units a sentence holds to account: all of them when they are few (no 等 after a full list). */
function accountable(ctx: Ctx, names: readonly string[]): string {
  return names.length <= MAX_NAMED_ACCOUNTABLE ? names.join('、') : unitList(ctx, names);
}

// ---------------------------------------------------------------------------------------------------
// 一、总体情况

/** "图1", a full-width space (U+3000), the title. */
function caption(n: number, title: string): string {
  return `图${n}\u3000${title}`;
}

function overallBlocks(ctx: Ctx): Block[] {
  const { input, def } = ctx;
  const u = input.units;
  const out: Block[] = [];
  // Figures go right after the paragraph that speaks of them, which names them ("（见图1）").
  const figures: Block[] = [];
  const timely = [
    u.onTime != null ? say(ctx, 'summary.reporting.onTime', { n: u.onTime }) : '',
    u.late != null && u.late > 0 ? say(ctx, 'summary.reporting.late', { n: u.late }) : '',
  ].filter(Boolean);
  let figureRef = '';
  if (u.expected > 0) {
    const n = ++ctx.figures;
    figureRef = `（见图${n}）`;
    figures.push({ kind: 'figure', caption: caption(n, CHART_TITLES.status), chart: submissionChart(u) });
  }
  let s = say(ctx, 'summary.reporting', {
    expected: u.expected,
    submitted: u.submitted,
    timely: timely.length ? say(ctx, 'summary.reporting.timely', { list: timely.join('，') }) : '',
    rate:
      u.expected > 0
        ? say(ctx, 'summary.reporting.rate', { rate: formatPercent(u.submitted / u.expected) })
        : '',
    figure: figureRef,
  });
  if (u.submitted > 0) {
    // The units returned are named when they are few and the definition has words for it.
    const returned = u.returned?.length === u.withErrors ? u.returned.map((r) => r.name) : [];
    const named =
      returned.length > 0 &&
      returned.length <= MAX_NAMED_MISSING &&
      ctx.prose.has(returned.length === 1 ? 'summary.checked.returnedOne' : 'summary.checked.returnedNamed');
    const bank = !u.withErrors
      ? 'summary.checked.all'
      : !named
        ? 'summary.checked.returned'
        : returned.length === 1
          ? 'summary.checked.returnedOne'
          : 'summary.checked.returnedNamed';
    s += say(ctx, bank, {
      passed: u.submitted - u.withErrors,
      errors: u.withErrors,
      names: returned.join('、'),
    });
  }
  if (u.missing.length) {
    const names = u.missing.map((m) => m.name);
    const many = names.length > MAX_NAMED_MISSING;
    s += say(
      ctx,
      names.length === 1 ? 'summary.missing.one' : many ? 'summary.missing.many' : 'summary.missing.few',
      {
        names: (many ? names.slice(0, 3) : names).join('、'),
        n: names.length,
      },
    );
  }
  push(out, para(ctx, s));
  out.push(...figures.splice(0));

  const totalRisks = input.riskCounts.reduce((a, r) => a + r.count, 0);
  let r: string;
  if (totalRisks === 0) r = say(ctx, 'summary.risks.none');
  else {
    const byCat = new Map<string, number>();
    for (const x of input.riskCounts) byCat.set(x.category, (byCat.get(x.category) ?? 0) + x.count);
    const named = [...byCat.entries()]
      .filter(([c]) => roleOf(def, 'riskCategory', c) !== 'other')
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([c]) => c);
    const highLevel = def.vocab.riskLevel?.byRole.high?.[0] ?? '';
    const high = input.riskCounts
      .filter((x) => roleOf(def, 'riskLevel', x.level) === 'high')
      .reduce((a, x) => a + x.count, 0);
    const highUnits = new Set(input.highRisks.map((x) => x.unit)).size;
    const chart = riskChart(input.riskCounts, def);
    let figure = '';
    if (chart) {
      const n = ++ctx.figures;
      figure = `（见图${n}）`;
      figures.push({ kind: 'figure', caption: caption(n, CHART_TITLES.risks), chart });
    }
    const details = {
      where: named.length
        ? say(ctx, 'summary.risks.where', { categories: listWithEtc(def.report.banks, named) })
        : '',
      figure,
      high: high ? say(ctx, 'summary.risks.high', { n: high, level: highLevel, units: highUnits }) : '',
      overdue: input.overdueRisks.length
        ? say(ctx, 'summary.risks.overdue', { n: input.overdueRisks.length })
        : '',
    };
    // The units' reports count their own 存在问题 beside the register: so does the total, which says what
    // it is made of (the register's rows and the problems the units found themselves, so that none of the
    // difference reads as risks gone missing); what the register's rows are (where, how high, how late)
    // follows of the register alone, as the figure shows (the problems below count units over both).
    const own = input.unitProblems?.length ?? 0;
    r = own
      ? say(ctx, 'summary.risks.withOwn', { n: totalRisks + own, register: totalRisks, own }) +
        (details.where || details.figure || details.high || details.overdue
          ? say(ctx, 'summary.risks.registerDetail', details)
          : '')
      : say(ctx, 'summary.risks.total', { n: totalRisks, ...details });
  }
  r += earlierSentence(ctx);
  if (input.changes?.length) r += input.changes.join('');
  push(out, para(ctx, r));
  out.push(...figures);
  return out;
}

/**
 * "上半年各单位自查查摆、当时尚未整改到位的风险隐患24条，9条已于本季度整改到位，12条正在整改，1条正在制定整改
 * 措施，其中超过整改时限仍未整改到位的4条；另有市X局上半年所列的2条在本季度台账中未作说明，需督促补充说明。" —
 * how the risks the units' earlier reports left open stand now, each clause only when its count is not zero.
 * Rectification is said to be this period's only when the earlier period ended right before this one began
 * (as the unit reports say it). '' without the aggregate, when it holds no open risk, or when the
 * definition has no words for it (summary.earlier.*).
 */
function earlierSentence(ctx: Ctx): string {
  const { input, def } = ctx;
  const e = input.earlier;
  if (!e || e.open <= 0 || !ctx.prose.has('summary.earlier.lead')) return '';
  const before = def.periods.find((p) => p.name === e.period);
  const now = def.periods.find((p) => p.name === input.period);
  const adjacent = !!before && !!now && e.year === input.year && before.endMonth + 1 === now.startMonth;
  const outline = def.reportKinds.find((k) => k.name === e.reportKind)?.outline;
  const sourceBank =
    outline && ctx.prose.has(`summary.earlier.source.${outline}`)
      ? `summary.earlier.source.${outline}`
      : 'summary.earlier.source';
  const vars = { earlier: e.period };
  const followed = e.doneSince + e.inProgress + e.notStarted;
  const states = (
    [
      [adjacent ? 'doneNow' : 'done', e.doneSince],
      ['inProgress', e.inProgress],
      ['notStarted', e.notStarted],
    ] as const
  ).filter(([, n]) => n > 0);
  const parts: string[] = [];
  // All that is still followed stand alike: said of them all, without a second count.
  if (states.length === 1 && !e.unaccounted && ctx.prose.has(`summary.earlier.all.${states[0][0]}`))
    parts.push(say(ctx, `summary.earlier.all.${states[0][0]}`, { n: followed }));
  else for (const [state, n] of states) parts.push(say(ctx, `summary.earlier.${state}`, { n }));
  const overdue = Math.min(e.overdue ?? 0, e.inProgress + e.notStarted);
  if (overdue > 0) parts.push(say(ctx, 'summary.earlier.overdue', { n: overdue }));
  let text = say(ctx, 'summary.earlier.lead', {
    source: say(ctx, sourceBank, vars),
    n: e.open,
  });
  if (parts.length) text += `，${parts.filter(Boolean).join('，')}`;
  if (e.unaccounted > 0) {
    // Rows gone from this round's registers unmarked: the units named when few, else counted. Beside
    // the rest ("；另有…"), or, when nothing else is followed, said of them all.
    const names = e.unaccountedUnits ?? [];
    const named = names.length > 0 && names.length <= MAX_NAMED_UNACCOUNTED;
    const bank = `summary.earlier.${followed ? 'unaccounted' : 'allUnaccounted'}${named ? 'Named' : ''}`;
    const tail = say(ctx, bank, {
      ...vars,
      n: e.unaccounted,
      names: names.join('、'),
      units: names.length ? say(ctx, 'summary.earlier.unaccountedUnits', { units: names.length }) : '',
    });
    if (tail) text += `${followed ? '；' : '，'}${tail}`;
  }
  return `${text}。`;
}

/**
 * "个别" (one or two), "少数" (a fifth of `of` at most), "部分" (more): how many of how many, in the
 * definition's words (summary.judgement.some.*).
 */
function some(ctx: Ctx, n: number, of: number): string {
  const size = n <= 2 ? 'one' : n * 5 <= of ? 'few' : 'many';
  return say(ctx, `summary.judgement.some.${size}`);
}

/**
 * The shortfalls the data shows, each only where it does: units that reported late or not at all, units
 * whose returns have errors, units with high risks, risks past their deadline. None: [].
 */
function judgementGaps(ctx: Ctx, high: number): string[] {
  const { input, def } = ctx;
  const u = input.units;
  const gaps: string[] = [];
  const untimely = (u.late ?? 0) + u.missing.length;
  const errors = u.withErrors;
  if (untimely && errors)
    gaps.push(
      say(ctx, 'summary.judgement.gap.reporting', { some: some(ctx, untimely + errors, u.expected) }),
    );
  else if (untimely)
    gaps.push(say(ctx, 'summary.judgement.gap.timely', { some: some(ctx, untimely, u.expected) }));
  else if (errors)
    gaps.push(say(ctx, 'summary.judgement.gap.errors', { some: some(ctx, errors, u.submitted) }));
  if (high) {
    const units = new Set(input.highRisks.map((r) => r.unit)).size || high;
    gaps.push(
      say(ctx, 'summary.judgement.gap.high', {
        some: some(ctx, units, u.submitted),
        level: def.vocab.riskLevel?.byRole.high?.[0] ?? '',
      }),
    );
  }
  const overdue = input.overdueRisks.length;
  if (overdue) {
    const risks = input.riskCounts.reduce((a, r) => a + r.count, 0);
    gaps.push(
      say(ctx, 'summary.judgement.gap.overdue', { some: some(ctx, overdue, Math.max(risks, overdue)) }),
    );
  }
  return gaps.filter(Boolean);
}

/**
 * "总的来说，…": a judgement from the data (how fully units reported, how many risks are high), and the
 * shortfalls it shows — only those (a batch all on time with no risk overdue is not said to lag).
 */
function judgement(ctx: Ctx): string {
  const { input, def } = ctx;
  const u = input.units;
  const rate = u.expected ? u.submitted / u.expected : 1;
  const errorShare = u.submitted ? u.withErrors / u.submitted : 0;
  const high = input.riskCounts
    .filter((x) => roleOf(def, 'riskLevel', x.level) === 'high')
    .reduce((a, x) => a + x.count, 0);
  const gaps = judgementGaps(ctx, high).join('，');
  const tone =
    !gaps || (rate >= 0.95 && errorShare <= 0.1 && high <= Math.max(1, u.submitted * 0.1)) ? 'good' : 'mixed';
  return say(ctx, `summary.judgement.${tone}`, {
    n: u.submitted,
    gaps,
    also: tone === 'good' && gaps ? say(ctx, 'summary.judgement.also', { gaps }) : '',
  });
}

// ---------------------------------------------------------------------------------------------------
// 二、工作开展情况

function startsYear(ctx: Ctx): boolean {
  return ctx.def.periods.find((p) => p.name === ctx.input.period)?.startMonth === 1;
}

/**
 * The category's totals in one clause, the most telling metrics first (each total said once), and the
 * ids of the metrics it names.
 */
function totalsClause(ctx: Ctx, category: string): { text: string; ids: string[] } {
  const totals = new Map(ctx.input.metricTotals.map((t) => [t.id, t]));
  const metrics = ctx.def.metrics
    .map((m, order) => ({ m, order, t: totals.get(m.id) }))
    // A yearly figure (责任书) summed over a later quarter is not a total worth telling.
    .filter((x) => !x.m.yearly || startsYear(ctx))
    .filter((x) => x.m.category === category && !x.m.follows && x.t?.total != null && x.t.total > 0)
    .sort((a, b) => (b.m.weight ?? 1) - (a.m.weight ?? 1) || a.order - b.order)
    .slice(0, 3)
    .sort((a, b) => a.order - b.order);
  const follower = (id: string) => ctx.def.metrics.find((f) => f.follows === id);
  const text = metrics
    .map(({ m, t }) => {
      let s = `${phraseOf(m, ctx)}${formatCount(t!.total!, m.unit, m.style)}`;
      const f = follower(m.id);
      const ft = f ? totals.get(f.id) : undefined;
      if (f && ft?.total != null && ft.total > 0)
        s +=
          f.sameAs && ft.total === t!.total
            ? `，${f.sameAs}`
            : `，${phraseOf(f, ctx)}${formatCount(ft.total, f.unit, f.style)}`;
      return s;
    })
    .join('，');
  return { text, ids: metrics.map(({ m }) => m.id) };
}

/** A unit's figure that stands out against the others' in the category (worth naming). */
interface Standout {
  metric: MetricDef;
  /** "开展宣传教育活动1754场": the metric's phrase and the unit's count. */
  figure: string;
  /** "1754场": the count alone, for a sentence that already says what was done. */
  count: string;
  /** "，覆盖近10万人次": the unit's figure of the metric that follows this one, or ''. */
  follower: string;
  /** The unit's share of all units' total. */
  share: number;
}

/** ", 覆盖9.9万人次" for a unit's figure whose metric has a follower the unit also reported. */
function followerClause(ctx: Ctx, m: MetricDef, unit: string, value: number): string {
  const f = ctx.def.metrics.find((x) => x.follows === m.id);
  const v = f && ctx.input.metricTotals.find((t) => t.id === f.id)?.top.find((x) => x.unit === unit)?.value;
  if (!f || !v || v <= 0) return '';
  return f.sameAs && v === value
    ? `，${f.sameAs}`
    : `，${phraseOf(f, ctx)}${formatCount(v, f.unit, f.style)}`;
}

function standoutOf(ctx: Ctx, category: string, unit: string): Standout | null {
  for (const m of ctx.def.metrics) {
    if (m.category !== category || m.follows) continue;
    const t = ctx.input.metricTotals.find((x) => x.id === m.id);
    const top = t?.top[0];
    if (!t || !top || top.unit !== unit || t.total == null || t.total <= 0) continue;
    const others = Math.max(1, (t.units ?? 1) - 1);
    const avg = (t.total - top.value) / others;
    if (top.value >= STANDOUT_MIN && top.value >= STANDOUT_FACTOR * Math.max(avg, 1)) {
      const count = formatCount(top.value, m.unit, m.style);
      return {
        metric: m,
        figure: `${phraseOf(m, ctx)}${count}`,
        count,
        follower: followerClause(ctx, m, unit, top.value),
        share: top.value / t.total,
      };
    }
  }
  return null;
}

/**
 * The unit's practice sentence, of any category, that speaks of the standout's metric (one of its
 * keywords occurs), not yet printed: the category's own first, then one with a quoted name.
 */
function practiceAbout(ctx: Ctx, unit: string, s: Standout): UnitPractice | null {
  const keywords = s.metric.keywords ?? [];
  return (
    (ctx.input.practices ?? [])
      .filter(
        (p) => p.unit === unit && !ctx.usedPractices.has(p.text) && keywords.some((k) => p.text.includes(k)),
      )
      .map((p, i) => ({ p, i }))
      .sort(
        (a, b) =>
          Number(b.p.category === s.metric.category) - Number(a.p.category === s.metric.category) ||
          Number(b.p.text.includes('“')) - Number(a.p.text.includes('“')) ||
          a.i - b.i,
      )[0]?.p ?? null
  );
}

/**
 * A unit's sentence with its standout figure inside (seed 001: "…“巾帼大宣讲”“双千”活动1754场，近10万名妇女
 * 受益"): the count right after the metric's keyword where a clause ends there, else the figure closing the
 * sentence. A sentence that gives figures of its own is left as it is.
 */
function withFigure(text: string, s: Standout): string {
  if (/\d/.test(text)) return text;
  for (const k of s.metric.keywords ?? []) {
    const at = text.indexOf(k);
    if (at < 0) continue;
    const end = at + k.length;
    if (end === text.length || /^[，；]/u.test(text.slice(end)))
      return `${text.slice(0, end)}${s.count}${s.follower}${text.slice(end)}`;
  }
  return `${text}，${s.figure}${s.follower}`;
}

/** A unit's own sentence with the unit as its subject ("我会组织…" → "市妇联组织…"). */
function asUnitSentence(unit: string, text: string, def: Definition): string {
  let t = clause(stripOrdinal(text));
  const selfWords = [
    ...def.report.selfWords.map((w) => w.word),
    ...(def.report.banks['voice.selfAlso'] ?? []),
    unit,
  ];
  for (const w of selfWords.sort((a, b) => b.length - a.length))
    if (t.startsWith(w)) {
      t = t.slice(w.length).replace(/^[，,]/, '');
      break;
    }
  // A leading body ("党委", "局党组") stays: it is what acts. "局党组" after "…局" is the unit's own.
  const bodies = [
    ...def.report.bodies.map((b) => b.short ?? b.suffix),
    ...def.report.selfWords.map((w) => w.word),
    ...(def.report.banks['voice.body'] ?? []),
  ];
  if (unit.endsWith(t[0] ?? '') && bodies.some((b) => t.slice(1).startsWith(b))) t = t.slice(1);
  return `${unit}${t}`;
}

function practiceBlocks(ctx: Ctx): Block[] {
  const { input, def } = ctx;
  const out: Block[] = [];
  const practices = input.practices ?? [];
  const categories = [
    ...new Set([...def.metrics.map((m) => m.category), ...practices.map((p) => p.category)]),
  ];
  let n = 0;
  let besides = '';
  for (const c of categories) {
    const prose = def.report.categories[c];
    const mine = practices.filter((p) => p.category === c);
    const totals = totalsClause(ctx, c);
    if (!totals.text && !mine.length) continue;
    let text = prose?.summaryLead
      ? ctx.prose.fill(ctx.prose.choose(`${c}.summaryLead`, prose.summaryLead), ctx.vars)
      : '';
    if (totals.text) text += say(ctx, 'summary.totals', { totals: totals.text });
    // A bare standout figure goes right after the total it is part of ("其中，…"), the rest after it.
    let ofTotal = '';
    let body = '';
    // A unit whose figure stands out is named on its own below, not inside a group.
    const standouts = new Map<string, Standout>();
    for (const m of ctx.def.metrics.filter((x) => x.category === c)) {
      const u = ctx.input.metricTotals.find((t) => t.id === m.id)?.top[0]?.unit;
      const s = u && !standouts.has(u) ? standoutOf(ctx, c, u) : null;
      if (u && s) standouts.set(u, s);
    }
    // Units grouped under a practice they share (their own words name it); a unit is named once.
    const grouped = new Set<string>();
    const usedKeywords: string[] = [];
    let groups = 0;
    for (const p of prose?.practices ?? []) {
      if (groups >= 2) break;
      const said = mine.filter(
        (x) =>
          x.text.includes(p.keyword) &&
          !grouped.has(x.unit) &&
          !standouts.has(x.unit) &&
          !ctx.usedPractices.has(x.text),
      );
      const units = [...new Set(said.map((x) => x.unit))];
      if (units.length < 2) continue;
      body += `${unitList(ctx, units)}${formatTemplate(p.says, ctx.vars)}。`;
      units.slice(0, MAX_GROUP_NAMES).forEach((u) => grouped.add(u));
      said.forEach((x) => ctx.usedPractices.add(x.text));
      usedKeywords.push(p.keyword);
      groups++;
    }
    // Units named with a practice of their own (a quoted name first) or a figure that stands out — the
    // figure inside the unit's own sentence that speaks of it — never one a group above has already said.
    const own = (unit: string) =>
      mine
        .filter(
          (p) =>
            p.unit === unit &&
            !ctx.usedPractices.has(p.text) &&
            !usedKeywords.some((k) => p.text.includes(k)),
        )
        .sort((a, b) => Number(b.text.includes('“')) - Number(a.text.includes('“')))[0];
    const quoted = mine.filter((p) => p.text.includes('“')).map((p) => p.unit);
    const named = new Set<string>();
    for (const unit of [...new Set([...standouts.keys(), ...quoted])]) {
      if (named.size >= MAX_NAMED_PRACTICES || grouped.has(unit) || named.has(unit)) continue;
      // A figure that is the whole total (no other unit did any) is not the unit's to repeat.
      const found = standouts.get(unit);
      const standout = found && found.share < 1 ? found : undefined;
      const about = standout ? practiceAbout(ctx, unit, standout) : null;
      const p = about ?? own(unit);
      const vars = { unit, figure: standout?.figure ?? '', follower: standout?.follower ?? '' };
      const plain = `${vars.figure}${vars.follower}`;
      let said = '';
      let alone = false;
      if (p && standout) {
        const s = asUnitSentence(unit, p.text, def);
        said = about
          ? sentence(withFigure(s, standout))
          : // Its own words say something else: the figure follows as a further fact.
            sentence(`${s}，${say(ctx, 'summary.standout.also', vars) || plain}`);
      } else if (p) said = sentence(asUnitSentence(unit, p.text, def));
      else if (
        standout &&
        !ofTotal &&
        totals.ids.includes(standout.metric.id) &&
        ctx.prose.has('summary.standout.ofTotal')
      ) {
        ofTotal = say(ctx, 'summary.standout.ofTotal', vars);
        alone = true;
      } else if (standout) said = say(ctx, 'summary.standout', vars) || sentence(`${unit}${plain}`);
      if (p) ctx.usedPractices.add(p.text);
      if (!said && !alone) continue;
      body += said;
      named.add(unit);
    }
    text += ofTotal + body;
    // What falls under "other" gets no heading of its own: it closes the section ("此外，…").
    if (roleOf(def, 'workCategory', c) === 'other') {
      besides += text;
      continue;
    }
    const title = prose?.summaryTitle
      ? formatTemplate(prose.summaryTitle, ctx.vars)
      : fixedPhrase(def.report.banks, 'summary.workTitle', { ...ctx.vars, category: c });
    push(out, para(ctx, text, `${sectionOrdinal(++n)}${clause(title)}。`));
  }
  if (besides) foldBesides(ctx, out, besides);
  if (!out.length) push(out, para(ctx, say(ctx, 'summary.work.none')));
  return out;
}

/**
 * What units did under "other" has no heading of its own and no paragraph of its own: each sentence joins
 * the subsection whose words it shares most (fitScore), as a further example there; one that fits none
 * closes the last subsection ("此外，…").
 */
function foldBesides(ctx: Ctx, out: Block[], besides: string): void {
  const paras = out.filter((b): b is Extract<Block, { kind: 'para' }> => b.kind === 'para');
  if (!paras.length) {
    push(out, para(ctx, say(ctx, 'summary.work.besides', { text: besides })));
    return;
  }
  const ignore = plainWords(ctx.def.report.banks, ctx.def.subject);
  const texts = paras.map((b) => `${b.lead ?? ''}${b.text}`);
  const weights = pairWeights(texts, ignore);
  for (const s of sentencesOf(besides)) {
    const scores = texts.map((t) => fitScore(t, [], s, weights, ignore));
    const best = Math.max(...scores);
    const target = best > 0 ? paras[scores.indexOf(best)] : paras[paras.length - 1];
    target.text += best > 0 ? sentence(s) : say(ctx, 'summary.work.besides', { text: sentence(s) });
  }
}

// ---------------------------------------------------------------------------------------------------
// 三、存在问题

/** A problem as a unit wrote it (or as a register risk says it), with the unit where known. */
interface Example {
  text: string;
  unit: string | null;
  /** What the register says of it (level, overdue, status); null for a unit's own words. */
  facts: ProblemFacts | null;
  /** How telling it is (tellingKey): the most telling is quoted first. */
  key: number[];
}

interface Theme {
  category: string;
  units: Set<string>;
  examples: Example[];
}

/** A unit counted without its name (a register count without names): never named in the text. */
const unnamed = (u: string) => u.startsWith('#');

function themesOf(ctx: Ctx): Theme[] {
  const { input } = ctx;
  const themes = new Map<string, Theme>();
  const theme = (c: string) => {
    let t = themes.get(c);
    if (!t) themes.set(c, (t = { category: c, units: new Set(), examples: [] }));
    return t;
  };
  // The units' own words first (in the order they came), then the register's descriptions.
  const own = new Map<Theme, Example[]>();
  const example = (text: string, unit: string | null, facts: ProblemFacts | null): Example => ({
    text,
    unit,
    facts,
    key: tellingKey(ctx.def, text, facts),
  });
  const add = (list: Example[], e: Example) => {
    if (e.text && !list.some((x) => x.text === e.text)) list.push(e);
  };
  for (const p of input.unitProblems ?? []) {
    const t = theme(p.category);
    t.units.add(p.unit);
    if (!own.has(t)) own.set(t, []);
    add(own.get(t)!, example(clause(stripOrdinal(p.text)), p.unit, null));
  }
  for (const p of input.commonProblems) {
    const t = theme(p.category);
    // By name, so a unit that also wrote the problem in its own words is counted once; a count without
    // names is taken as distinct units.
    if (p.unitNames) p.unitNames.forEach((u) => t.units.add(u));
    else for (let i = 0; i < p.units; i++) t.units.add(`#${p.category}#${i}`);
    p.examples.forEach((e, i) =>
      add(t.examples, example(clause(e), p.exampleUnits?.[i] ?? null, p.exampleFacts?.[i] ?? null)),
    );
  }
  for (const [t, list] of own) {
    const texts = new Set(list.map((e) => e.text));
    t.examples = [...list, ...t.examples.filter((e) => !texts.has(e.text))];
  }
  // The register's high and overdue risks (listed in full, where an import keeps a few rows per category)
  // are examples of their category's theme too, and tell the level and unit of an example that is one.
  for (const r of [...input.highRisks, ...input.overdueRisks]) {
    const t = r.category ? themes.get(r.category) : undefined;
    const text = clause(r.description);
    if (!t || !text) continue;
    const facts = {
      level: r.level,
      overdue: r.overdue,
      status: r.status ?? null,
      detail: r.detail ?? null,
      cause: r.cause ?? null,
    };
    const i = t.examples.findIndex((e) => e.text === text && (!e.unit || e.unit === r.unit));
    if (i < 0) {
      if (t.examples.some((e) => e.text === text)) continue;
      t.examples.push(example(text, r.unit, facts));
      // Units counted by name count this one too (a count without names has it already).
      if ([...t.units].every((u) => !unnamed(u))) t.units.add(r.unit);
    } else if (!t.examples[i].facts) t.examples[i] = example(text, t.examples[i].unit ?? r.unit, facts);
  }
  return [...themes.values()].filter((t) => t.units.size > 0).sort((a, b) => b.units.size - a.units.size);
}

/**
 * The units' order as the batch gives it (the roster's: the importer adds units in roster order), merged
 * from every list of units the input holds; a unit first seen earlier comes first where the lists do not
 * say. Units are named in this order, so two runs name them alike.
 */
function rosterRank(ctx: Ctx): Map<string, number> {
  if (ctx.roster) return ctx.roster;
  const { input } = ctx;
  const lists = [
    (input.unitProblems ?? []).map((p) => p.unit),
    ...input.commonProblems.map((p) => p.unitNames ?? []),
    (input.practices ?? []).map((p) => p.unit),
    input.quietUnits ?? [],
  ].map((l) => l.filter((u, i) => !unnamed(u) && u !== l[i - 1]));
  const seen = new Map<string, number>();
  for (const u of lists.flat()) if (!seen.has(u)) seen.set(u, seen.size);
  const after = new Map<string, Set<string>>([...seen.keys()].map((u) => [u, new Set()]));
  const before = new Map<string, number>([...seen.keys()].map((u) => [u, 0]));
  for (const l of lists)
    for (let i = 1; i < l.length; i++)
      if (!after.get(l[i - 1])!.has(l[i])) {
        after.get(l[i - 1])!.add(l[i]);
        before.set(l[i], before.get(l[i])! + 1);
      }
  const rank = new Map<string, number>();
  const left = [...seen.keys()];
  while (left.length) {
    // The first-seen unit nothing left must precede (or, in a cycle, the first-seen unit).
    const i = Math.max(
      0,
      left.findIndex((u) => before.get(u) === 0),
    );
    const [u] = left.splice(i, 1);
    rank.set(u, rank.size);
    for (const v of after.get(u)!) before.set(v, before.get(v)! - 1);
  }
  ctx.roster = rank;
  return rank;
}

function byRoster(ctx: Ctx, names: Iterable<string>): string[] {
  const rank = rosterRank(ctx);
  return [...new Set(names)]
    .filter((u) => !unnamed(u))
    .sort((a, b) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity) || (a < b ? -1 : a > b ? 1 : 0));
}

/** A problem heading of a category, filled, with the words that show an example belongs under it. */
interface Heading {
  text: string;
  keywords: readonly string[];
}

/** An example fits a heading from this score up: one keyword, or a pair no other heading has. */
const MIN_FIT = 1;
/** Examples said under a heading: the fitting ones up to MAX; the rest only to make up MIN. */
const MAX_EXAMPLES = 3;
const MIN_EXAMPLES = 2;
/** Units named before "等N家单位" in a problem paragraph; as many or fewer are all named. */
const MAX_PROBLEM_NAMES = 3;
/** An example that says no more than its heading (this share of its pairs in it) is not said under it. */
const SAME_AS_HEADING = 0.6;
/** A cause never says again this many characters in a row of an example under it. */
const CAUSE_RUN = 4;
/**
 * A cause speaks of an example through its row's 具体表现 and 原因分析 (longer, not quoted) from this fit
 * (causeFit) up: a keyword of at most three of the definition's causes and headings, or two of more. One
 * pair many of them have (业务 of 业务主管单位 and of 重业务) is chance.
 */
const MIN_ROW_FIT = 1 / 3;
/**
 * A character pair is a keyword (a cause that shares one with an example speaks of it) when at most this
 * share of the definition's causes and problem headings has it: 宣传 or 不足 are in too many to tell.
 */
const KEYWORD_SHARE = 0.08;
/** …or in at most this many of them (a definition with few causes: a word its heading and two causes say). */
const MIN_KEYWORD_TEXTS = 3;
/** A cause's keyword is in the prose of at most this share of the categories (causeWeights)… */
const KEYWORD_CATEGORY_SHARE = 1 / 3;
/** …or of at most this many of them. */
const MIN_KEYWORD_CATEGORIES = 2;

function headingsOf(ctx: Ctx, category: string): Heading[] {
  const prose = ctx.def.report.categories[category];
  return (prose?.problemTitle ?? []).map((t) => ({
    text: formatTemplate(t, ctx.vars),
    keywords: prose?.problemKeywords?.[t] ?? [],
  }));
}

/** How well an example fits under a heading (shared telling pairs and the heading's keywords). */
function fitOf(ctx: Ctx, h: Heading, example: string): number {
  if (!ctx.headingWeights) {
    const all = Object.keys(ctx.def.report.categories).flatMap((c) => headingsOf(ctx, c).map((x) => x.text));
    ctx.headingWeights = pairWeights(all, [ctx.def.subject]);
  }
  return fitScore(h.text, h.keywords, example, ctx.headingWeights, [ctx.def.subject]);
}

/**
 * A theme's heading and the examples said under it, of `examples` (the theme's that may be quoted here).
 * A problem that tells for its level or urgency (tellingByFacts) leads: the heading is one it fits best
 * that another example fits too (or it alone, the only one), else the category's general heading over the
 * most telling examples. Otherwise a specific heading (one with keywords) when at least two examples fit it best
 * (or the only example does) — the one most of them fit, then the one they fit most in all. Either way a
 * specific heading only when at least half of the theme's units have a problem that fits it best
 * (headingShare): "纪律规矩意识" does not head ten units of whom two speak of 纪律. The examples
 * are those that fit it, the most telling first (compareTelling), then the best fitting. Otherwise the
 * category's general heading (one without keywords) over the most telling examples; without one, the best
 * specific heading with the rest made up to two. A category without keywords: the heading nearest in
 * words. A unit gives one example at most; one that only says its heading again is left out while others
 * remain.
 */
function headingAndExamples(
  ctx: Ctx,
  t: Theme,
  examples: readonly Example[] = t.examples,
): { title: string; examples: Example[] } {
  const { title, examples: picked } = pickHeading(ctx, t, examples);
  const plain = plainWords(ctx.def.report.banks, ctx.def.subject);
  const own = picked.filter((e) => containedIn(e.text, title, plain) < SAME_AS_HEADING);
  return { title, examples: own.length ? own : picked };
}

/** The examples, the most telling first (equals in the order they came: the units' own words first). */
function byTelling(examples: readonly Example[]): Example[] {
  return examples
    .map((e, j) => ({ e, j }))
    .sort((a, b) => compareTelling(a.e.key, b.e.key) || a.j - b.j)
    .map((x) => x.e);
}

/** The first example of each unit (words without a unit's name are each their own). */
function onePerUnit<T>(list: readonly T[], unitOf: (x: T) => string | null): T[] {
  const seen = new Set<string>();
  return list.filter((x) => {
    const u = unitOf(x);
    if (!u) return true;
    if (seen.has(u)) return false;
    seen.add(u);
    return true;
  });
}

function pickHeading(
  ctx: Ctx,
  t: Theme,
  examples: readonly Example[],
): { title: string; examples: Example[] } {
  const heads = headingsOf(ctx, t.category);
  const key = `${t.category}.problemTitle`;
  const specific = heads.flatMap((h, i) => (h.keywords.length ? [i] : []));
  const general = heads.flatMap((h, i) => (h.keywords.length ? [] : [i]));
  const ranked = byTelling(examples);
  const first = onePerUnit(ranked, (e) => e.unit).slice(0, MAX_EXAMPLES);
  // The heading nearest in words over the first examples.
  const nearest = () => ({
    title: ctx.prose.chooseFitting(
      key,
      heads.map((h) => h.text),
      first.map((e) => e.text).join(''),
    ),
    examples: first,
  });
  if (!specific.length || !ranked.length) return nearest();
  const scores = ranked.map((e) => heads.map((h, i) => (specific.includes(i) ? fitOf(ctx, h, e.text) : 0)));
  const bests = scores.map((row) => {
    const best = Math.max(0, ...row);
    return best >= MIN_FIT ? row.flatMap((v, i) => (v === best ? [i] : [])) : [];
  });
  // An example that fits several headings equally gives each a share of its vote.
  const votes = heads.map((_, i) => bests.reduce((a, b) => a + (b.includes(i) ? 1 / b.length : 0), 0));
  const most = Math.max(0, ...votes);
  const sum = (i: number) => scores.reduce((a, r) => a + r[i], 0);
  const enough = Math.min(MIN_EXAMPLES, onePerUnit(ranked, (e) => e.unit).length);
  const generalHeading = () => ({ title: heads[ctx.prose.choose(key, general)].text, examples: first });
  // A high or overdue problem is the one the section is about: a heading it fits with another example
  // (or alone), else the general heading over the most telling.
  const lead = tellingByFacts(ranked[0].key);
  const fitting = (i: number) =>
    onePerUnit(
      ranked.filter((_, j) => bests[j].includes(i)),
      (e) => e.unit,
    ).length;
  // A specific heading speaks for the whole theme, not for its lead alone: it is one that at least half of
  // the theme's units' problems fit best (a unit counts when one of its problems does).
  const share = headingShare(ctx, heads, specific, t.examples.length ? t.examples : examples);
  const wide = (i: number) => share[i] * 2 >= 1 - 1e-9;
  let cands = lead ? bests[0].filter((i) => fitting(i) >= enough && wide(i)) : [];
  if (lead && !cands.length && general.length) return generalHeading();
  if (!cands.length) {
    const ok = heads.flatMap((_, i) => (votes[i] > 0 && votes[i] >= enough - 1e-9 && wide(i) ? [i] : []));
    if (!ok.length && general.length) return generalHeading();
    if (most === 0) return nearest();
    const top = ok.length ? Math.max(...ok.map((i) => votes[i])) : most;
    cands = (ok.length ? ok : heads.map((_, i) => i)).filter((i) => Math.abs(votes[i] - top) < 1e-9);
  }
  const mostVotes = Math.max(...cands.map((i) => votes[i]));
  cands = cands.filter((i) => Math.abs(votes[i] - mostVotes) < 1e-9);
  const bestSum = Math.max(...cands.map(sum));
  cands = cands.filter((i) => Math.abs(sum(i) - bestSum) < 1e-9);
  const chosen = ctx.prose.choose(key, cands);
  const byFit = (a: number, b: number) => scores[b][chosen] - scores[a][chosen] || a - b;
  const all = ranked.map((_, j) => j);
  const unitOf = (j: number) => ranked[j].unit;
  // Fitting ones, the most telling first (ranked is in that order), then the best fitting.
  const picked = onePerUnit(
    all
      .filter((j) => bests[j].includes(chosen))
      .sort((a, b) => compareTelling(ranked[a].key, ranked[b].key) || byFit(a, b)),
    unitOf,
  ).slice(0, MAX_EXAMPLES);
  const rest = all.filter((j) => !picked.includes(j)).sort(byFit);
  for (const j of rest) {
    if (picked.length >= MIN_EXAMPLES) break;
    const u = unitOf(j);
    if (!u || !picked.some((k) => unitOf(k) === u)) picked.push(j);
  }
  return { title: heads[chosen].text, examples: picked.map((j) => ranked[j]) };
}

/**
 * For each heading, the share of the theme's units (words without a unit's name each their own) with a
 * problem that fits it best of the specific headings (MIN_FIT at least); 0 for a general heading.
 */
function headingShare(
  ctx: Ctx,
  heads: readonly Heading[],
  specific: readonly number[],
  all: readonly Example[],
): number[] {
  const groups = new Map<string, Set<number>>();
  all.forEach((e, j) => {
    const key = e.unit ?? `\u0000${j}`;
    const fits = groups.get(key) ?? new Set<number>();
    groups.set(key, fits);
    const row = heads.map((h, i) => (specific.includes(i) ? fitOf(ctx, h, e.text) : 0));
    const best = Math.max(0, ...row);
    if (best >= MIN_FIT) row.forEach((v, i) => v === best && fits.add(i));
  });
  const n = Math.max(1, groups.size);
  return heads.map((_, i) => [...groups.values()].filter((f) => f.has(i)).length / n);
}

/**
 * The keywords of the definition's problem prose: the character pairs few of its causes and problem
 * headings have (KEYWORD_SHARE), weighted as pairWeights does. Built once per report.
 */
function keywordWeights(ctx: Ctx): Map<string, number> {
  if (ctx.keywords) return ctx.keywords;
  const texts = Object.values(ctx.def.report.categories).flatMap((p) =>
    [...(p.cause ?? []), ...(p.problemTitle ?? [])].map((c) => formatTemplate(c, ctx.vars)),
  );
  const most = Math.max(MIN_KEYWORD_TEXTS, Math.floor(texts.length * KEYWORD_SHARE));
  const weights = pairWeights(texts, plainWords(ctx.def.report.banks, ctx.def.subject));
  ctx.keywords = new Map([...weights].filter(([, w]) => w >= 1 / most));
  return ctx.keywords;
}

/**
 * The keywords a cause and an example share when the cause speaks of it: those of keywordWeights that the
 * causes and headings of few categories have (at most a third of them, and two), so a pair of the genre's
 * every category — 及时, 不足, 能力 — does not make "更新不及时" and "管理办法跟进不及时" one problem.
 */
function causeWeights(ctx: Ctx): Map<string, number> {
  if (ctx.causeKeywords) return ctx.causeKeywords;
  const plain = plainWords(ctx.def.report.banks, ctx.def.subject);
  const cats = Object.values(ctx.def.report.categories).filter((p) => p.cause?.length);
  const spread = new Map<string, number>();
  for (const p of cats) {
    const text = [...(p.cause ?? []), ...(p.problemTitle ?? [])]
      .map((c) => formatTemplate(c, ctx.vars))
      .join('|');
    for (const pair of pairWeights([text], plain).keys()) spread.set(pair, (spread.get(pair) ?? 0) + 1);
  }
  const most = Math.max(MIN_KEYWORD_CATEGORIES, Math.floor(cats.length * KEYWORD_CATEGORY_SHARE));
  ctx.causeKeywords = new Map([...keywordWeights(ctx)].filter(([p]) => (spread.get(p) ?? 0) <= most));
  return ctx.causeKeywords;
}

/**
 * How much a cause speaks of an example: the weight of the keywords they share (causeWeights; 0: nothing
 * in common), the definition's `summary.causePlain` words (单位, 部分 …) aside.
 */
function causeFit(ctx: Ctx, cause: string, example: string): number {
  const banks = ctx.def.report.banks;
  const plain = [...plainWords(banks, ctx.def.subject), ...(banks['summary.causePlain'] ?? [])];
  return fitScore(cause, [], example, causeWeights(ctx), plain);
}

/**
 * The cause said after a problem: of the category's causes, those that repeat no CAUSE_RUN characters of any
 * example said beside it (`said`) and speak of more than half of its examples (one of one, two of two or of
 * three), or of half of them with the first (the one the section leads with): a cause that speaks of the
 * second example of two, or of one of three, explains that one, not "这些问题". A cause speaks of an example
 * when it shares a keyword (causeFit) with its words, or a telling one (MIN_ROW_FIT) with its row's 具体表现
 * and 原因分析. Of those, the ones that speak of the most examples (the first counting half again); of
 * those, the ones that fit at least half as well as the best (the weight of the keywords shared, the
 * heading's keywords counting too); of those, the ones that do not say the heading's words again
 * (leastRepeating); then the one that fits most, then the one that repeats least of the examples (seeded
 * among equals). None when no cause fits: one that speaks of something else is not said.
 */
function causeOf(
  ctx: Ctx,
  category: string,
  title: string,
  cited: readonly Example[],
  said: readonly string[],
): string | null {
  if (!cited.length) return null;
  const examples = cited.map((e) => e.text);
  // What each example's row says besides its words: its 具体表现 and 原因分析, where the register has them.
  const row = cited.map((e) => [e.facts?.detail, e.facts?.cause].filter(Boolean).join('。'));
  const plain = plainWords(ctx.def.report.banks, ctx.def.subject);
  const keywords = headingsOf(ctx, category).find((h) => h.text === title)?.keywords ?? [];
  const causes = (ctx.def.report.categories[category]?.cause ?? [])
    .map((c) => formatTemplate(c, ctx.vars))
    .filter((c) => said.every((e) => repeatedRuns(c, e, plain, CAUSE_RUN) === 0))
    .map((c) => {
      // It speaks of an example that shares a keyword with its words, or a telling one with its row's.
      const fits = cited.map((e, i) => {
        const words = causeFit(ctx, c, e.text);
        const more = row[i] ? causeFit(ctx, c, row[i]) : 0;
        return { fit: words + more, speaks: words > 0 || more >= MIN_ROW_FIT - 1e-9 };
      });
      const covers = fits.filter((f) => f.speaks).length;
      return { c, covers, lead: fits[0].speaks, fit: fits.reduce((a, f) => a + f.fit, 0) };
    })
    .filter((x) => x.covers * 2 > examples.length || (x.lead && x.covers * 2 === examples.length))
    // Of those, one that also speaks of the heading's theme (its keywords) fits better.
    .map((x) => ({ ...x, fit: x.fit + keywords.filter((k) => x.c.includes(k)).length }));
  if (!causes.length) return null;
  const widest = Math.max(...causes.map((x) => x.covers + (x.lead ? 0.5 : 0)));
  const wide = causes.filter((x) => x.covers + (x.lead ? 0.5 : 0) === widest);
  // One that says the heading's words again only when it fits twice as well as any that does not.
  const top = Math.max(...wide.map((x) => x.fit));
  const close = wide.filter((x) => x.fit * 2 >= top - 1e-9);
  const fresh = leastRepeating(
    close.map((x) => x.c),
    title,
    plain,
  );
  const fits = close.filter((x) => fresh.includes(x.c));
  const best = Math.max(...fits.map((x) => x.fit));
  const least = leastRepeating(
    fits.filter((x) => Math.abs(x.fit - best) < 1e-9).map((x) => x.c),
    examples.join('。'),
    plain,
  );
  return ctx.prose.choose(`${category}.cause`, least);
}

/** "市科协、市文联等20家单位", "市科协、市文联" (all of a few), "20家单位" (none known by name). */
function problemUnits(ctx: Ctx, t: Theme, cited: readonly Example[]): string {
  const n = t.units.size;
  const known = byRoster(ctx, t.units);
  // (A definition without these banks says {n} in its own formula.)
  if (!known.length) return say(ctx, 'summary.problem.units.count', { n });
  if (known.length === n && n <= MAX_PROBLEM_NAMES)
    return say(ctx, 'summary.problem.units.all', { names: known.join('、'), n }) || known.join('、');
  // Those whose words are said below first; the roster's first make up the rest.
  const quoted = byRoster(
    ctx,
    cited.flatMap((e) => (e.unit ? [e.unit] : [])),
  );
  const names = byRoster(ctx, [...quoted, ...known].slice(0, MAX_PROBLEM_NAMES));
  return say(ctx, 'summary.problem.units.some', { names: names.join('、'), n });
}

/**
 * The examples woven into the sentence, each with the name of the unit that wrote it: "如市科协反映…，市文联
 * 反映…"; words without a unit's name are "也有单位反映…" ("其中有的单位反映…" when they open the list).
 * `opens`: the list opens the problem's examples (false after an older formula's own {example}).
 */
function citedClause(ctx: Ctx, examples: readonly Example[], opens = true): string {
  if (!examples.length) return '';
  const named = (e: Example) => !!e.unit && !unnamed(e.unit);
  const items = examples.map((e, i) =>
    named(e)
      ? say(ctx, 'summary.problem.cited', { unit: e.unit!, example: e.text }) || e.text
      : (opens && i === 0 && say(ctx, 'summary.problem.citedAnonFirst', { example: e.text })) ||
        say(ctx, 'summary.problem.citedAnon', { example: e.text }) ||
        e.text,
  );
  // Examples with commas of their own are set apart by semicolons.
  const list = items.join(examples.some((e) => /[，,]/u.test(e.text)) ? '；' : '，');
  if (named(examples[0])) return say(ctx, 'summary.problem.such', { list }) || list;
  return (opens && say(ctx, 'summary.problem.suchAnon', { list })) || list;
}

/**
 * Where a cause sentence opens: its words before {cause} (the first two), or the whole formula when it
 * opens with the cause. Two causes in a row never open alike.
 */
function causeOpening(formula: string): string {
  const lead = formula.split('{cause}')[0];
  return lead ? lead.slice(0, 2) : formula;
}

/** A problem only one unit reported: a sentence of its own (no heading), the unit named where known. */
function singleSentence(ctx: Ctx, t: Theme): string {
  const unit = [...t.units][0];
  const example = t.examples[0]?.text ?? '';
  if (!example) return '';
  // Two short problems of the unit in one breath ("反映了A、B等问题"); one with commas of its own alone.
  const two = t.examples.slice(0, 2).map((e) => e.text);
  if (!unnamed(unit) && two.length === 2 && !two.some((e) => /[，,；]/u.test(e))) {
    const s = say(ctx, 'summary.problem.single.examples', { unit, list: two.join('、') });
    if (s) return s;
  }
  if (!unnamed(unit)) return say(ctx, 'summary.problem.single.example', { unit, example });
  return say(ctx, 'summary.problem.anon', { example }) || sentence(example);
}

/** Items of the closing "此外，…" list: two, or three while they stay short (characters in all). */
const BESIDES_ITEMS = 3;
const BESIDES_CHARS = 45;
/** A problem's core is kept whole when cutting would leave fewer characters than this. */
const MIN_CORE = 6;

/**
 * A problem said as an item of a list: its core, the words before its first comma ("分包单位拖欠农民工
 * 工资，存在引发…的风险" → "分包单位拖欠农民工工资"), or before what it may lead to (the definition's
 * summary.problem.shortenBefore: "融资项目到期兑付压力可能引发负面舆论" → "融资项目到期兑付压力").
 */
function problemCore(text: string, cutBefore: readonly string[] = []): string {
  let t = clause(text);
  const comma = t.search(/[，,；;：:]/u);
  if (comma >= MIN_CORE) t = t.slice(0, comma);
  for (const w of cutBefore) {
    const at = t.indexOf(w);
    if (at >= MIN_CORE) t = t.slice(0, at);
  }
  return t;
}

/**
 * The closing list of problems no heading took ("市城建集团反映的分包单位拖欠农民工工资、市投资集团反映的
 * 融资项目到期兑付压力"): each a short core with its unit, two of them, a third only while the list stays
 * short; never whole register sentences joined by 、.
 */
function besidesItems(ctx: Ctx, examples: readonly Example[]): string {
  const cut = ctx.def.report.banks['summary.problem.shortenBefore'] ?? [];
  const items: string[] = [];
  let chars = 0;
  for (const e of examples) {
    if (items.length >= BESIDES_ITEMS) break;
    const core = problemCore(e.text, cut);
    if (!core) continue;
    const item =
      e.unit && !unnamed(e.unit)
        ? say(ctx, 'summary.problems.besidesItem', { unit: e.unit, example: core }) || core
        : core;
    if (items.length >= 2 && chars + item.length > BESIDES_CHARS) break;
    items.push(item);
    chars += item.length;
  }
  return items.join('、');
}

interface ProblemSection {
  theme: Theme;
  title: string;
  examples: Example[];
  /** One unit's problems that fit here, said after the cause. */
  folded: Theme[];
}

/**
 * Which section a one-unit problem belongs to: the one whose heading and examples share most keywords
 * with it (the heading's own keywords count too); null when none shares any.
 */
function foldTarget(ctx: Ctx, sections: readonly ProblemSection[], t: Theme): ProblemSection | null {
  const text = t.examples.map((e) => e.text).join('');
  const plain = plainWords(ctx.def.report.banks, ctx.def.subject);
  let best: ProblemSection | null = null;
  let bestScore = 0;
  for (const s of sections) {
    const keywords = headingsOf(ctx, s.theme.category).find((h) => h.text === s.title)?.keywords ?? [];
    const about = `${s.title}${s.examples.map((e) => e.text).join('')}`;
    const score = fitScore(about, keywords, text, keywordWeights(ctx), plain);
    if (score > bestScore) [best, bestScore] = [s, score];
  }
  return best;
}

function problemBlocks(ctx: Ctx): Block[] {
  const { input, def } = ctx;
  const out: Block[] = [];
  const themes = themesOf(ctx);
  const others: Theme[] = [];
  const singles: Theme[] = [];
  const sections: ProblemSection[] = [];
  const headed: Theme[] = [];
  for (const t of themes) {
    if (
      roleOf(def, 'riskCategory', t.category) === 'other' ||
      !def.report.categories[t.category]?.problemTitle
    )
      others.push(t);
    // One unit's problem gets no heading of its own: it joins the section it fits, or closes the part.
    else if (t.units.size === 1) singles.push(t);
    else headed.push(t);
  }
  // A unit is quoted once in the sections. A theme's high or overdue problem is kept for it (a unit whose
  // problems would lead two themes leads the first); the other examples come from units not yet quoted.
  const reserved = new Map<string, Theme>();
  for (const t of headed) {
    const lead = byTelling(t.examples.filter((e) => !e.unit || !reserved.has(e.unit)))[0];
    if (lead?.unit && tellingByFacts(lead.key)) reserved.set(lead.unit, t);
  }
  const quoted = new Set<string>();
  for (const t of headed) {
    const free = t.examples.filter(
      (e) => !e.unit || (!quoted.has(e.unit) && (reserved.get(e.unit) ?? t) === t),
    );
    const s: ProblemSection = { theme: t, ...headingAndExamples(ctx, t, free), folded: [] };
    for (const e of s.examples) if (e.unit) quoted.add(e.unit);
    sections.push(s);
  }
  const loose: string[] = [];
  for (const t of singles) {
    const target = foldTarget(ctx, sections, t);
    if (target) target.folded.push(t);
    else loose.push(singleSentence(ctx, t));
  }
  const banks = def.report.banks;
  let lastCause: string | null = null;
  sections.forEach((s, i) => {
    const { theme: t, title, examples } = s;
    // The best-fitting example first; the others follow in the batch's order of units. Every example is
    // said as its unit's: none is put as what all the units share (主要表现为 one unit's words).
    const rank = rosterRank(ctx);
    const at = (e: Example) => (e.unit ? (rank.get(e.unit) ?? Infinity) : Infinity);
    const [main, ...others] = examples;
    const rest = others
      .map((e, j) => ({ e, j }))
      .sort((a, b) => at(a.e) - at(b.e) || a.j - b.j)
      .map((x) => x.e);
    // A register count without descriptions: which units, and no more.
    const bank = !main
      ? 'summary.problem.bare'
      : rest.length
        ? 'summary.problem.examples'
        : 'summary.problem.example';
    const formula = banks[bank]?.length ? ctx.prose.choose(bank, banks[bank]) : '';
    // An older formula says the main example itself ({example}) and the rest after it ({more}).
    const own = formula.includes('{example}');
    let text = ctx.prose.fill(formula, {
      ...ctx.vars,
      n: t.units.size,
      units: problemUnits(ctx, t, examples),
      // The units counted are those that reported the category's problems, of which the heading is one.
      category: t.category,
      example: main?.text ?? '',
      more: main ? (own ? citedClause(ctx, rest, false) : citedClause(ctx, [main, ...rest])) : '',
      // A definition's older formula lists the examples ({list}).
      list: examples.map((e) => e.text).join('；'),
    });
    const texts = examples.map((e) => e.text);
    // The cause repeats none of the words said beside it, the folded units' included.
    const beside = [...texts, ...s.folded.flatMap((f) => f.examples.slice(0, 2).map((e) => e.text))];
    const cause = causeOf(ctx, t.category, title, examples, beside);
    const causes = banks['summary.cause'] ?? [];
    if (cause && causes.length) {
      const prev = lastCause;
      const f = ctx.prose.choose(
        'summary.cause',
        causes,
        (v) => prev === null || causeOpening(v) !== causeOpening(prev),
      );
      lastCause = f;
      text += ctx.prose.fill(f, { ...ctx.vars, cause });
    }
    text += s.folded.map((f) => singleSentence(ctx, f)).join('');
    push(out, para(ctx, text, `${sectionOrdinal(i + 1)}${clause(title)}。`));
  });
  if (!sections.length && singles.length) {
    // No section to join: the few units' problems are said together, each unit named.
    const named = singles.filter((t) => !unnamed([...t.units][0]) && t.examples.length);
    const list = named.map((t) =>
      say(ctx, 'summary.problem.cited', { unit: [...t.units][0], example: t.examples[0].text }),
    );
    const scattered = list.length ? say(ctx, 'summary.problems.scattered', { list: list.join('；') }) : '';
    loose.length = 0;
    if (scattered) loose.push(scattered);
    for (const t of singles.filter((x) => !scattered || !named.includes(x)))
      loose.push(singleSentence(ctx, t));
  }
  const units = new Set(others.flatMap((t) => [...t.units])).size;
  const ex = besidesItems(
    ctx,
    onePerUnit(byTelling(others.flatMap((t) => t.examples)), (e) => e.unit),
  );
  const besides = ex ? say(ctx, 'summary.problems.besides', { n: units, examples: ex }) : '';
  if (loose.length || besides) push(out, para(ctx, `${loose.join('')}${besides}`));
  // High and overdue risks, without register ids: how many, where, which units.
  const high = input.highRisks;
  const overdue = input.overdueRisks;
  if (high.length || overdue.length) {
    const parts: string[] = [];
    if (high.length) {
      const cats = [...new Set(high.map((r) => r.category).filter(Boolean))].slice(0, 3) as string[];
      // Its example is a high risk the sections above have not quoted; none left, none (where the
      // definition has words without one).
      const above = out.map((b) => (b.kind === 'para' ? b.text : '')).join('');
      const fresh = high.find((r) => !above.includes(clause(r.description)));
      const bare = !fresh && ctx.prose.has('summary.attention.highBare');
      parts.push(
        say(ctx, bare ? 'summary.attention.highBare' : 'summary.attention.high', {
          units: accountable(ctx, [...new Set(high.map((r) => r.unit))]),
          n: high.length,
          level: def.vocab.riskLevel?.byRole.high?.[0] ?? '',
          // Three risks in three categories are not "集中在": they are spread over them.
          where: cats.length
            ? say(ctx, cats.length < high.length ? 'summary.attention.where' : 'summary.attention.spread', {
                categories: cats.join('、'),
              })
            : '',
          example: clause((fresh ?? high[0]).description),
        }),
      );
    }
    if (overdue.length)
      parts.push(
        say(ctx, 'summary.attention.overdue', {
          units: accountable(ctx, [...new Set(overdue.map((r) => r.unit))]),
          n: overdue.length,
        }),
      );
    push(out, para(ctx, say(ctx, 'summary.attention', { list: parts.join('；') })));
  }
  // Units that reported neither a risk nor a problem, named when few: a superior asks them to look again
  // (a "零风险" report is itself a finding), where the definition has words for it.
  const quiet = byRoster(ctx, input.quietUnits ?? []);
  const quietBank = quiet.length === 1 ? 'summary.problems.quietOne' : 'summary.problems.quiet';
  if (out.length && quiet.length && quiet.length <= MAX_NAMED_MISSING && ctx.prose.has(quietBank))
    push(out, para(ctx, say(ctx, quietBank, { names: quiet.join('、'), n: quiet.length })));
  if (!out.length) push(out, para(ctx, say(ctx, 'summary.problems.none')));
  return out;
}

// ---------------------------------------------------------------------------------------------------
// 四、意见建议

function suggestionBlocks(ctx: Ctx): Block[] {
  const { input, def } = ctx;
  const out: Block[] = [];
  const seen = new Set<string>();
  // A suggestion goes in only whole: a title and its text (a definition may lack a bank).
  const add = (title: string, text: string): void => {
    if (!title || !text || seen.has(title)) return;
    seen.add(title);
    push(out, para(ctx, text, `${sectionOrdinal(out.length + 1)}${clause(title)}。`));
  };
  // One suggestion per problem theme found (the most widely reported first), then the register's.
  for (const t of themesOf(ctx).slice(0, MAX_THEME_SUGGESTIONS)) {
    const sug = def.report.categories[t.category]?.suggestion;
    if (sug) add(ctx.prose.fill(sug.title, ctx.vars), ctx.prose.fill(sug.text, ctx.vars));
  }
  // Each suggestion speaks of what was found: high risks and overdue ones, or one of them (where the
  // definition has words for one alone); units missing and returns with errors, likewise.
  const only = (general: string, which: string, vars: TemplateVars) =>
    (ctx.prose.has(which) && say(ctx, which, vars)) || say(ctx, general, vars);
  const high = input.highRisks.length;
  const overdue = input.overdueRisks.length;
  if (high || overdue) {
    const vars = { high, overdue };
    add(
      say(ctx, 'summary.suggest.risksTitle'),
      high && overdue
        ? say(ctx, 'summary.suggest.risks', vars)
        : only(
            'summary.suggest.risks',
            high ? 'summary.suggest.risks.high' : 'summary.suggest.risks.overdue',
            vars,
          ),
    );
  }
  const u = input.units;
  if (u.missing.length || u.withErrors) {
    const vars = { missing: u.missing.length, errors: u.withErrors };
    add(
      say(ctx, 'summary.suggest.reportingTitle'),
      u.missing.length && u.withErrors
        ? say(ctx, 'summary.suggest.reporting', vars)
        : only(
            'summary.suggest.reporting',
            u.missing.length ? 'summary.suggest.reporting.missing' : 'summary.suggest.reporting.errors',
            vars,
          ),
    );
  }
  if (!out.length) add(say(ctx, 'summary.suggest.defaultTitle'), say(ctx, 'summary.suggest.default'));
  return out;
}

// ---------------------------------------------------------------------------------------------------

export function summaryReportBlocks(input: SummaryInput, def: Definition): Block[] {
  const ctx: Ctx = {
    input,
    def,
    prose: new Prose(def.report.banks, `${input.issuer}|${input.year}|${input.period}`),
    vars: summaryVars(input, def),
    said: new Set(),
    figures: 0,
    usedPractices: new Set(),
  };
  const words = summaryTitleWords(input, def);
  const blocks: Block[] = [{ kind: 'title', text: words.join(''), words }];
  const outline = def.report.outlines.summary;
  push(blocks, para(ctx, `${say(ctx, outline.opening)}${judgement(ctx)}`));
  outline.sections.forEach((s, i) => {
    blocks.push({ kind: 'h1', text: `${headingOrdinal(i + 1)}${formatTemplate(s.heading, ctx.vars)}` });
    if (s.section === 'overall') blocks.push(...overallBlocks(ctx));
    else if (s.section === 'work') blocks.push(...practiceBlocks(ctx));
    else if (s.section === 'problems') blocks.push(...problemBlocks(ctx));
    else if (s.section === 'suggestions') blocks.push(...suggestionBlocks(ctx));
  });

  const missing = input.units.missing;
  const appendix: AppendixTable | null =
    missing.length > MAX_NAMED_MISSING
      ? {
          columns: [
            { label: '序号', kind: 'number' },
            { label: '单位代码', kind: 'id' },
            { label: '单位名称', kind: 'text' },
          ],
          rows: missing.map((m, i) => [String(i + 1), m.code ?? '', m.name]),
        }
      : null;
  const appendixTitle = '未报送单位名单';
  if (appendix) blocks.push({ kind: 'blank' }, { kind: 'attachmentNote', items: [appendixTitle] });
  const signDate = formatDate(input.date);
  if (input.issuer.trim() || signDate)
    blocks.push({ kind: 'blank' }, { kind: 'signature', unit: input.issuer.trim(), date: signDate });
  if (appendix) blocks.push({ kind: 'appendix', label: '附件', title: appendixTitle, table: appendix });
  return blocks;
}

// ---------------------------------------------------------------------------------------------------
// What the importer takes from each unit's submission for the summary

/** Longest practice sentence kept (a summary names practices, it does not reprint paragraphs). */
const MAX_PRACTICE_CHARS = 90;

/**
 * The sentences of a submission's narrative that describe practices: per work category, those with a
 * quoted name (“…”) or one of the definition's practice keywords for that category, at most two.
 */
export function practicesOf(
  sub: { narrative: { sections: { category: string | null; body: string | null; title: string | null }[] } },
  def: Definition,
): { category: string; text: string }[] {
  const out: { category: string; text: string }[] = [];
  for (const s of sub.narrative.sections) {
    if (!s.category || !s.body) continue;
    const keywords = (def.report.categories[s.category]?.practices ?? []).map((p) => p.keyword);
    const picked = sentencesOf(s.body)
      .filter(
        (x) => x.length <= MAX_PRACTICE_CHARS && (x.includes('“') || keywords.some((k) => x.includes(k))),
      )
      .slice(0, 2);
    for (const text of picked) out.push({ category: s.category, text });
  }
  return out;
}

/**
 * A submission's own 存在问题 rows, by register category (work categories mapped), title first; a row that
 * tells one of the register's risks of its category again is left out, as the unit report tells it once.
 */
export function unitProblemsOf(
  sub: {
    narrative: { problems: { category: string | null; body: string | null; title: string | null }[] };
    risks?: readonly Risk[];
  },
  def: Definition,
): { category: string; text: string }[] {
  const other = def.vocab.riskCategory?.byRole.other?.[0] ?? '其他';
  const risks = sub.risks ?? [];
  return sub.narrative.problems
    .map((p) => {
      const mapped = p.category ? (def.vocab.workCategory?.maps[p.category] ?? p.category) : null;
      const category = mapped && def.vocab.riskCategory?.values.includes(mapped) ? mapped : other;
      const text = clause(stripOrdinal(p.title)) || clause(sentencesOf(p.body ?? '')[0]);
      const mine = risks.filter((r) => ((r.category ?? '').trim() || other) === category);
      const told = repeatedRisk(def, `${clause(stripOrdinal(p.title))}${sentence(p.body)}`, mine);
      return { category, text: told ? '' : text };
    })
    .filter((p) => p.text);
}
