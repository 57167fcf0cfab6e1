// The per-unit report from a checked submission, in the register of the seeds: the unit's own words first,
// a few figures woven into sentences about what was done, risks written as manifestation, cause and level,
// next steps as actions grouped by theme. The outline (which sections, their headings) and every stock
// phrase come from the definition's report data; this file only decides what to say where.
import { formatTemplate, type TemplateVars } from '../standard/format';
import { isDoneStatus, isHighLevel, isOverdueOn, roleOf, roleValue } from '../standard/roles';
import type { Definition, ReportKindDef } from '../standard/types';
import type { Risk, Submission } from '../standard/schema';
import type { AppendixTable, Block } from './blocks';
import { figureClause, figureHomes, Figures, type ClauseShape, type Figure } from './figures';
import { chineseNumber, formatDate, headingOrdinal, sectionOrdinal, shiOrdinal } from './numbers';
import { clause, sentence, stripOrdinal } from './phrases';
import {
  Prose,
  containedIn,
  fitScore,
  fixedPhrase,
  leastRepeating,
  listWithAnd,
  listWithEtc,
  pairWeights,
  partsRepeat,
  plainWords,
  repeatedRuns,
  sentencesOf,
  sharedPairs,
  withoutRepeats,
} from './prose';
import { periodVoice, placeSuperior, spokenDefinition, voiceOf, type PeriodVoice, type Voice } from './voice';

export interface UnitReportOptions {
  /** The unit's full name from the roster (wins over what the workbook says). */
  unitName?: string | null;
  /**
   * A draft from a workbook that still has errors (the user chose to see it anyway): "（草稿）" after the
   * title and in the file name, and DRAFT_NOTE under the title.
   */
  draft?: boolean;
  /**
   * The unit's earlier report of the same year (the host finds it, e.g. in the workspace store): the report
   * says in a sentence or two how the risks it listed stand now. Without it nothing is said.
   */
  earlier?: EarlierReport | null;
}

/**
 * The unit's most recent earlier report of the same year (any report kind of the same definition) as a
 * later report refers back to it: which it was, and how the risks of its register stand in this report's
 * register, followed by 风险编号. Counts only; never the 风险编号 themselves.
 */
export interface EarlierReport {
  year: number;
  /** Its 报告期 (上半年, 第二季度). */
  period: string;
  /** Its 报告类型 (半年自查报告, 季度分析研判报告). */
  reportKind: string | null;
  risks: EarlierRisks;
}

export interface EarlierRisks {
  /** Risks its register listed. */
  listed: number;
  /** Already rectified when it reported (and not reopened since). */
  doneThen: number;
  /** Not rectified then, marked rectified in this register. */
  doneSince: number;
  /** Listed in both registers. */
  carried: number;
  /** Carried and not rectified here: being rectified, not started. */
  inProgress: number;
  open: number;
  /** Of the carried ones not rectified here (inProgress and open), those past their 整改时限. */
  overdue?: number;
  /** Not rectified then and gone from this register without a word: not spoken of (the checker warns). */
  unaccounted: number;
  /**
   * 风险编号 of this register's risks that were in the earlier one (to tell the carried from the new; never
   * printed). Without it the carried are told apart by their counts alone.
   */
  carriedIds?: readonly string[];
}

export const DRAFT_MARK = '（草稿）';
export const DRAFT_NOTE =
  '本稿根据仍有错误的填报表生成，仅供核对修改，不能作为正式报告报送。请按校验结果修改填报表后重新生成。';

/** Most figures woven into one paragraph. */
const FIGURES_PER_PARAGRAPH = 3;
/**
 * Most figures in a paragraph composed for a category the unit wrote nothing on: two (a follower such as
 * 覆盖…人次 comes with its figure), inside a sentence about what was done; the rest are in the attachment.
 */
const FIGURES_COMPOSED = 2;
/** Problems a self-inspection names (its own rows first, then the register's categories). */
const MAX_SELF_PROBLEMS = 4;

interface Ctx {
  def: Definition;
  sub: Submission;
  kind: ReportKindDef | null;
  voice: Voice;
  period: PeriodVoice;
  prose: Prose;
  figures: Figures;
  /** Sentences said so far (no sentence is printed twice). */
  said: Set<string>;
  /** The acting subject's first mention is the full 党组织名称 (or name); later ones are shorter. */
  actorUsed: boolean;
  /** What the report admitted of a category it named as a shortfall (its heading and cause), by category. */
  admitted: Map<string, string>;
  vars: TemplateVars;
  earlier: EarlierReport | null;
  /** The shortfall categories of a unit that found no problem, once chosen (三 and 四 name the same). */
  shortfalls?: string[];
  /** Of those, the ones its figures show (report.gaps), as said. */
  gaps: Map<string, GapParts>;
}

/** The words a title may break between: unit name, year and period, then the kind's own words. */
export function reportTitleWords(sub: Submission, def: Definition, opts: UnitReportOptions = {}): string[] {
  const voice = voiceOf(sub, def, opts.unitName);
  const period = periodVoice(sub, def);
  const kind = def.reportKinds.find((k) => k.name === sub.reportKind) ?? def.reportKinds[0];
  return [
    voice.unit,
    `${period.year ?? ''}年${period.name}`,
    ...splitTitleSuffix(kind.titleSuffix, def),
    opts.draft ? DRAFT_MARK : '',
  ].filter(Boolean);
}

/** "{subject}工作分析研判报告" → ["{subject}工作", "分析研判报告"]: the subject's words stay together. */
function splitTitleSuffix(suffix: string, def: Definition): string[] {
  const subjectWork = `${def.subject}工作`;
  if (suffix.startsWith(subjectWork) && suffix.length > subjectWork.length)
    return [subjectWork, ...splitWords(suffix.slice(subjectWork.length))];
  return splitWords(suffix);
}

/** Splits the rest of a title into words at the genre's usual seams (责任制|落实情况|自查报告). */
function splitWords(s: string): string[] {
  const seams = ['报告', '情况', '责任制', '分析研判'];
  const out: string[] = [];
  let rest = s;
  while (rest) {
    let cut = -1;
    for (const w of seams) {
      const i = rest.indexOf(w);
      if (i >= 0 && (cut < 0 || i + w.length < cut)) cut = i + w.length;
    }
    if (cut <= 0 || cut >= rest.length) {
      out.push(rest);
      break;
    }
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  return out;
}

/** "{单位名称}{年度}年{报告期}{the kind's title suffix}". */
export function reportTitle(sub: Submission, def: Definition, opts: UnitReportOptions = {}): string {
  return reportTitleWords(sub, def, opts).join('');
}

/** Default output name: the title + ".docx", with characters no file system accepts replaced. */
export function reportFileName(sub: Submission, def: Definition, opts: UnitReportOptions = {}): string {
  const base = reportTitle(sub, def, opts)
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\\/:*?"<>|]/g, '_')
    .trim();
  return `${base || `${def.subject}工作报告`}.docx`;
}

/**
 * The report speaks as of its own date (成文日期, else 填报日期): a risk is past its deadline when it was
 * at that date, not when the workbook happens to be checked (a superior's import months later would
 * otherwise have the unit call a risk overdue that was on time when the unit signed).
 */
function asOfReport(sub: Submission, def: Definition): Submission {
  const date = sub.narrative.signatureDate ?? sub.fillDate;
  if (!date) return sub;
  return {
    ...sub,
    risks: sub.risks.map((r) => ({
      ...r,
      overdue: isOverdueOn(def, r.deadline, r.status, date),
    })),
  };
}

function context(given: Submission, standard: Definition, opts: UnitReportOptions): Ctx {
  const sub = asOfReport(given, standard);
  const voice = voiceOf(sub, standard, opts.unitName);
  // The report reads the definition as its unit speaks it: its line of work's phrases in place of the
  // banks of the same name, its words in every phrase (every def.report below is this unit's).
  const def = spokenDefinition(standard, voice.line);
  const period = periodVoice(sub, def);
  const prose = new Prose(def.report.banks, voice.seed);
  const themes = period.themes;
  const ctx: Ctx = {
    def,
    sub,
    kind: def.reportKinds.find((k) => k.name === sub.reportKind) ?? null,
    voice,
    period,
    prose,
    figures: new Figures(def, sub.metrics, period),
    said: new Set(),
    actorUsed: false,
    admitted: new Map(),
    earlier: opts.earlier ?? null,
    gaps: new Map(),
    vars: {
      unit: voice.unit,
      we: voice.we,
      field: voice.field,
      org: voice.org ?? voice.unit,
      body: voice.body,
      meeting: voice.meeting,
      head: voice.head,
      year: period.year ?? '',
      period: period.name,
      yearPeriod: period.yearPeriod,
      current: period.current,
      ytd: period.ytd,
      subject: def.subject,
      theme: themes[0] ?? fixedPhrase(def.report.banks, 'context.theme', { subject: def.subject }),
      theme2:
        themes[1] ?? themes[0] ?? fixedPhrase(def.report.banks, 'context.theme2', { subject: def.subject }),
      dates: someDates(prose, period.dates).join('、'),
      superior:
        (sub.info?.superiorOrg as string | null | undefined) ??
        placeSuperior(voice.unit, def) ??
        fixedPhrase(def.report.banks, 'context.superior'),
    },
  };
  // What became of the rest when a follower counts only part of its figure ("其余4条正在核查处置").
  const rest = (n: number, unit: string) =>
    prose.has('figures.rest') ? say(ctx, 'figures.rest', { n, unit }) : '';
  ctx.figures = new Figures(def, sub.metrics, period, ctx.vars, rest);
  return ctx;
}

/**
 * The period's sensitive dates as one unit names them: two or more of them, in calendar order, chosen
 * by the unit's seed (thirty reports do not all list the same four).
 */
function someDates(prose: Prose, dates: readonly string[]): string[] {
  if (dates.length <= 2) return [...dates];
  const subsets: string[][] = [];
  for (let mask = 1; mask < 1 << dates.length; mask++) {
    const pick = dates.filter((_, i) => mask & (1 << i));
    if (pick.length >= 2) subsets.push(pick);
  }
  return prose.choose('dates', subsets);
}

/** The acting subject: the full 党组织名称 (or unit name) the first time, then the short form. */
function actor(ctx: Ctx): string {
  if (!ctx.actorUsed) {
    ctx.actorUsed = true;
    return ctx.voice.org ?? ctx.voice.unit;
  }
  return ctx.voice.org ? ctx.voice.body : ctx.voice.we;
}

function say(ctx: Ctx, bank: string, extra: TemplateVars = {}): string {
  return ctx.prose.say(bank, { ...ctx.vars, ...extra });
}

/** A paragraph, with sentences already said dropped; null when nothing is left. */
function para(ctx: Ctx, text: string, lead?: string): Block | null {
  const t = withoutRepeats(text, ctx.said);
  if (!t && !lead) return null;
  return lead ? { kind: 'para', lead, text: t } : { kind: 'para', text: t };
}

function push(out: Block[], b: Block | null): void {
  if (b) out.push(b);
}

// ---------------------------------------------------------------------------------------------------
// Categories: metrics, narrative sections, the register and 存在问题 meet by category name

/** Work categories in definition order (metric categories first, then the rest of the list). */
function workCategories(def: Definition): string[] {
  return [...new Set([...def.metrics.map((m) => m.category), ...(def.vocab.workCategory?.values ?? [])])];
}

/** The risk category a work category corresponds to (阵地建设 → 阵地管理), or the name itself. */
function riskCategoryOf(def: Definition, workCategory: string | null): string | null {
  if (!workCategory) return null;
  return def.vocab.workCategory?.maps[workCategory] ?? workCategory;
}

function isOtherRiskCategory(def: Definition, c: string): boolean {
  return roleOf(def, 'riskCategory', c) === 'other';
}

/**
 * How running prose names a few categories (the 下一步 lead, the judgement of high risks): not by the
 * form's labels but each by one of its nextTheme phrases ("责任落实", "网上舆情应对"): of those that say
 * least of `avoid` (the headings that follow: no run of three characters) and then of the phrases named
 * before it (no pair), the ones nearest to what the report says of the category (`about`: its risks and
 * problems), seeded among equals; joined by the bank list.and. A category without any is named by its label; a definition that has no nextTheme for any
 * of them names them by their labels, joined by `labels` (its templates say "{categories}方面").
 */
function categoryWords(
  ctx: Ctx,
  cats: readonly string[],
  labels: (cs: readonly string[]) => string,
  avoid = '',
  about: (c: string) => string = () => '',
): string {
  const { def } = ctx;
  const themes = (c: string) => def.report.categories[c]?.nextTheme ?? [];
  if (!cats.some((c) => themes(c).length)) return labels(cats);
  const plain = plainWords(def.report.banks, def.subject);
  const fill = (v: string) => ctx.prose.fill(v, ctx.vars);
  const words: string[] = [];
  for (const c of cats) {
    const bank = themes(c);
    if (!bank.length) {
      words.push(c);
      continue;
    }
    const own = (v: string) => plain.reduce((x, w) => x.replaceAll(w, '|'), fill(v));
    // Not the headings' words; not a word of the phrases before it ("责任落实和学习制度落实").
    const fresh = leastRepeating(bank, avoid, plain, fill);
    const apart = (v: string) => sharedPairs(own(v), words.join('|'));
    const least = Math.min(...fresh.map(apart));
    const distinct = fresh.filter((v) => apart(v) === least);
    const text = about(c);
    const fit = (v: string) => sharedPairs(own(v), text);
    const best = Math.max(...distinct.map(fit));
    // What the report said of the category fits none of them: the general one (the bank's first), not a
    // specific one it never spoke of ("工作力量配备" over a shortfall of 纪律规矩).
    const general = text && best === 0 && distinct.includes(bank[0]) ? [bank[0]] : null;
    words.push(fill(ctx.prose.choose(`${c}.nextTheme`, general ?? distinct.filter((v) => fit(v) === best))));
  }
  return listWithAnd(def.report.banks, words);
}

/**
 * What the report says of a category's problems (the register's, the unit's own, a shortfall it admitted),
 * to choose words by.
 */
function problemText(ctx: Ctx, c: string, ps: readonly Problem[] = problemsOf(ctx)): string {
  const told = ps
    .filter((p) => p.category === c)
    .map((p) => (p.risk ? `${riskText(p.risk)}。${p.risk.measures ?? ''}` : `${p.title ?? ''}。${p.text}`));
  return [...told, ctx.admitted.get(c) ?? ''].join('。');
}

/** A found problem: a register risk or a 存在问题 row of the unit's own. */
interface Problem {
  category: string;
  title: string | null;
  text: string;
  risk: Risk | null;
  /** A 存在问题 row that tells this register risk again: its heading (and what it adds) leads the risk. */
  lead?: string;
}

/**
 * A 存在问题 row is the register's risk told again when at least this share of what it says is in the
 * risk's description, detail and cause (measured, not listed: 欠薪隐患排查 and 分包单位拖欠农民工工资).
 */
const SAME_PROBLEM = 1 / 3;

/** What a register risk says: its description, detail and cause. */
const riskText = (r: Risk): string => `${r.description ?? ''}${r.detail ?? ''}${r.values?.cause ?? ''}`;

/**
 * The register risk (among `risks`, of the row's category) that a 存在问题 row tells again, if any: the
 * one holding the largest share of what the row says, when that share reaches SAME_PROBLEM.
 */
export function repeatedRisk(def: Definition, text: string, risks: readonly Risk[]): Risk | null {
  const plain = plainWords(def.report.banks, def.subject);
  const best = risks
    .map((r) => ({ r, share: containedIn(text, riskText(r), plain) }))
    .sort((a, b) => b.share - a.share)[0];
  return best && best.share >= SAME_PROBLEM ? best.r : null;
}

function problemsOf(ctx: Ctx): Problem[] {
  const { def, sub } = ctx;
  const otherCat = def.vocab.riskCategory?.byRole.other?.[0] ?? '其他';
  const own: Problem[] = [];
  for (const p of sub.narrative.problems) {
    const title = clause(stripOrdinal(p.title)) || null;
    const text = sentence(p.body);
    if (!title && !text) continue;
    const cat = riskCategoryOf(def, p.category);
    own.push({
      category: cat && def.vocab.riskCategory?.values.includes(cat) ? cat : otherCat,
      title,
      text,
      risk: null,
    });
  }
  const register: Problem[] = [];
  for (const r of sub.risks) {
    if (!clause(r.description) && !clause(r.detail)) continue;
    register.push({
      category: (r.category ?? '').trim() || otherCat,
      title: null,
      text: '',
      risk: r,
    });
  }
  // A row of the unit's that tells a register risk of the same category again is told once, with the risk:
  // its heading leads, and the sentences of its body the risk does not already say follow.
  const plain = plainWords(def.report.banks, def.subject);
  const kept = own.filter((p) => {
    const free = register.filter((q) => q.category === p.category && !q.lead);
    const r = repeatedRisk(
      def,
      `${p.title ?? ''}${p.text}`,
      free.map((q) => q.risk!),
    );
    if (!r) return true;
    const news = sentencesOf(p.text).filter((x) => containedIn(x, riskText(r), plain) < SAME_PROBLEM);
    free.find((q) => q.risk === r)!.lead = `${p.title ? `${p.title}。` : ''}${news.join('')}`;
    return false;
  });
  return [...kept, ...register];
}

/** Problems grouped by category, in the register vocabulary's order, "other" last. */
function byCategory(ctx: Ctx, problems: readonly Problem[]): [string, Problem[]][] {
  const order = ctx.def.vocab.riskCategory?.values ?? [];
  const groups = new Map<string, Problem[]>();
  for (const c of order) groups.set(c, []);
  for (const p of problems) {
    if (!groups.has(p.category)) groups.set(p.category, []);
    groups.get(p.category)!.push(p);
  }
  const list = [...groups.entries()].filter(([, ps]) => ps.length > 0);
  return [
    ...list.filter(([c]) => !isOtherRiskCategory(ctx.def, c)),
    ...list.filter(([c]) => isOtherRiskCategory(ctx.def, c)),
  ];
}

// ---------------------------------------------------------------------------------------------------
// Sentences built from data

/** "经梳理排查，共分析研判{subject}工作风险隐患N条，其中，组织领导方面a条，…。" (a fixed formula). */
function countSentence(ctx: Ctx, problems: readonly Problem[]): string {
  const parts = byCategory(ctx, problems).map(([c, ps]) => ({ c, n: ps.length }));
  const named = parts.filter((p) => !isOtherRiskCategory(ctx.def, p.c));
  const other = parts.filter((p) => isOtherRiskCategory(ctx.def, p.c));
  // Only "other" problems: no breakdown ("其中，其他方面2条" would say nothing).
  const list = named.length
    ? [
        ...named.map((p) => fixedPhrase(ctx.def.report.banks, 'count.part', { category: p.c, n: p.n })),
        ...other.map((p) => fixedPhrase(ctx.def.report.banks, 'count.otherPart', { n: p.n })),
      ]
    : [];
  // All in one category: "均属阵地管理方面" (not "其中，阵地管理方面2条").
  if (named.length === 1 && !other.length)
    return fixedPhrase(ctx.def.report.banks, problems.length === 1 ? 'count.foundOneIn' : 'count.foundIn', {
      ...ctx.vars,
      n: problems.length,
      category: named[0].c,
    });
  return fixedPhrase(ctx.def.report.banks, list.length ? 'count.found' : 'count.foundOnly', {
    ...ctx.vars,
    n: problems.length,
    list: list.join('，'),
  });
}

/** Most characters of a short name the status line may use ("网评员队伍年龄结构偏大的问题"). */
const NAME_MAX = 12;

/**
 * A risk's short name as a noun phrase ("{clause}的问题"), when one can be made: the first clause of its
 * description without a leading 个别/部分 (the definition's `status.nameDrop` words), short, one phrase (no
 * 、), and neither a potential risk (可能…) nor a name that already holds 问题. null otherwise: the risk is
 * then counted ("其中1条"), never named by its whole description.
 */
function riskName(ctx: Ctx, r: Risk): string | null {
  const first = clause(stripOrdinal(r.description) || r.detail).split(/[，；]/u)[0] ?? '';
  const drop = ctx.def.report.banks['status.nameDrop'] ?? [];
  let name = first;
  for (const w of drop) if (name.startsWith(w) && name.length > w.length + 4) name = name.slice(w.length);
  const words = (bank: string) => ctx.def.report.banks[bank] ?? [];
  const trim = words('risk.nameTrim').find((w) => name.endsWith(w));
  if (trim) name = name.slice(0, -trim.length);
  if (!name || name.length > NAME_MAX || /[、，；：]/u.test(name)) return null;
  if (words('risk.nameAvoid').some((w) => name.includes(w)) || !ctx.prose.has('risk.name')) return null;
  return fixedPhrase(ctx.def.report.banks, 'risk.name', { name });
}

/** `text` without a leading word of bank `bank` (and the comma after it): "目前，已完成…" → "已完成…". */
function withoutLead(ctx: Ctx, bank: string, text: string): string {
  const lead = [...(ctx.def.report.banks[bank] ?? [])]
    .sort((a, b) => b.length - a.length)
    .find((w) => text.startsWith(w));
  return lead ? text.slice(lead.length).replace(/^[，,]/u, '') : text;
}

/** The state a risk is in, as the status line counts it. */
type RiskRole = 'done' | 'inProgress' | 'open';
const roleOfRisk = (def: Definition, r: Risk): RiskRole =>
  (roleOf(def, 'riskStatus', r.status) as RiskRole | null) ?? 'open';

/**
 * The count phrase of a state ("2条正在整改"), in words that fit the risks it counts: "按计划" and "待启动
 * 实施" are not said of a group holding a late risk (三 tells its lateness, with its deadline, once).
 */
function stateCount(ctx: Ctx, role: RiskRole, rs: readonly Risk[], mayPlan = true): string {
  const late = rs.some((r) => r.overdue);
  const n = rs.length;
  if (role === 'open') {
    if (late && ctx.prose.has('status.openBehind')) return say(ctx, 'status.openBehind', { n });
    const planned = mayPlan && rs.every((r) => clause(r.measures)) && ctx.prose.has('status.openPlanned');
    return say(ctx, planned ? 'status.openPlanned' : 'status.open', { n });
  }
  // Those past their deadline are said to be late here too (三 tells each with its date).
  if (role === 'inProgress' && late && ctx.prose.has('status.inProgressBehind')) {
    const lateN = rs.filter((r) => r.overdue).length;
    const all = lateN === n && ctx.prose.has('status.inProgressBehindAll');
    return say(ctx, all ? 'status.inProgressBehindAll' : 'status.inProgressBehind', { n, late: lateN });
  }
  return say(ctx, `status.${role}`, { n });
}

/** How one risk stands ("目前正在整改"), not "按计划" when it is late. */
function oneState(ctx: Ctx, r: Risk): string {
  const role = roleOfRisk(ctx.def, r);
  const behind = `status.one.${role}Behind`;
  return say(ctx, r.overdue && ctx.prose.has(behind) ? behind : `status.one.${role}`);
}

/** Risks grouped by state, in the order done, being rectified, not started. */
function byState(def: Definition, risks: readonly Risk[]): [RiskRole, Risk[]][] {
  return (['done', 'inProgress', 'open'] as const)
    .map((role) => [role, risks.filter((r) => roleOfRisk(def, r) === role)] as [RiskRole, Risk[]])
    .filter(([, rs]) => rs.length > 0);
}

/** The states of a group of risks as a list ("1条正在整改，另有1条尚未启动整改"). */
function stateList(ctx: Ctx, risks: readonly Risk[]): string {
  const parts = byState(ctx.def, risks).map(([role, rs]) => stateCount(ctx, role, rs));
  // Two states read "1条正在整改，另有1条尚未启动整改" where the definition has such a joint.
  const and = parts.length === 2 && ctx.prose.has('status.and') ? say(ctx, 'status.and') : '，';
  if (parts.length === 2) return `${parts[0]}${and}${parts[1]}`;
  // After a part that counts within itself ("其中…"), the next is set apart (status.apart: "；另有1条…"),
  // or it reads as part of it.
  const within = ctx.def.report.banks['status.within'] ?? [];
  return parts.reduce((out, p, i) => {
    if (i === 0) return p;
    const apart = within.some((w) => parts[i - 1].includes(w)) && ctx.prose.has('status.apart');
    return `${out}${apart ? say(ctx, 'status.apart') : '，'}${p}`;
  }, '');
}

/**
 * How a group of risks stands after its count ("上半年自查发现的2条" + "均在整改中" | "，本季度整改到位1条，
 * 1条正在整改"). `doneNow` of its rectified ones were rectified in this very period.
 */
function groupState(ctx: Ctx, risks: readonly Risk[], doneNow: number): string {
  const states = byState(ctx.def, risks);
  const has = (b: string) => ctx.prose.has(b);
  if (states.length === 1) {
    const [role, rs] = states[0];
    const now = role === 'done' && doneNow === rs.length;
    const bank =
      rs.length === 1 ? `status.it.${now ? 'doneNow' : role}` : `status.all.${now ? 'doneNow' : role}`;
    // A group holding a late risk in the words for a late one ("至今尚未启动整改"), not as if on track.
    const late = role !== 'done' && rs.some((r) => r.overdue) && has(`${bank}Behind`);
    if (has(bank)) return say(ctx, late ? `${bank}Behind` : bank);
  }
  const parts = states.map(([role, rs]) => {
    if (role !== 'done' || !doneNow || !has('earlier.doneNow')) return stateCount(ctx, role, rs, false);
    const then = rs.length - doneNow;
    const now = fixedPhrase(ctx.def.report.banks, 'earlier.doneNow', { ...ctx.vars, n: doneNow });
    return then > 0 ? `${say(ctx, 'status.done', { n: then })}，${now}` : now;
  });
  return `，${parts.join('，')}`;
}

/**
 * What the unit's earlier report of the year adds to the status line, as part of it: where the risks
 * carried over come from and how they stand beside the new ones, that some were rectified since, that
 * some are no longer listed. null when it adds nothing (the register is the earlier one carried over,
 * unchanged), or without an earlier report; then the status line is said as without one.
 */
interface EarlierFold {
  /** The register's states by provenance (replaces the plain list), or '' to keep the plain list. */
  list: string;
  /** A clause after the list ("另有2条未再列入本季度台账"), or ''. */
  tail: string;
}

function earlierFold(ctx: Ctx): EarlierFold | null {
  const { def, sub } = ctx;
  const e = ctx.earlier;
  if (!e || !ctx.prose.has('earlier.group') || !ctx.prose.has('status.all.done')) return null;
  const r = e.risks;
  const before = def.periods.find((p) => p.name === e.period);
  const now = def.periods.find((p) => p.name === sub.period);
  const adjacent = !!before && !!now && e.year === sub.year && before.endMonth + 1 === now.startMonth;
  const source = say(ctx, earlierSourceBank(ctx), { earlier: e.period });
  const risks = sub.risks;
  const fresh = risks.length - r.carried;
  const doneNow = adjacent ? r.doneSince : 0;
  const tail = r.unaccounted
    ? fixedPhrase(def.report.banks, 'earlier.unaccounted', { ...ctx.vars, n: r.unaccounted })
    : '';
  // Nothing carried: only what left the register unmarked is news ("上半年自查发现的3条中，…另有2条…").
  if (!r.carried) {
    if (!r.unaccounted) return null;
    const done = r.doneThen + r.doneSince;
    const list = [done ? say(ctx, 'status.done', { n: done }) : '', tail].filter(Boolean).join('，');
    return { list: '', tail: `${say(ctx, 'earlier.group', { source, n: r.listed })}，${list}` };
  }
  if (!doneNow && fresh <= 0 && !r.unaccounted) return null;
  // Which of this register's risks are the carried ones is not known here, only how many stand how:
  // the carried are told from the earlier report's counts, the new ones are the rest of each state.
  const carriedDone = r.carried - r.inProgress - r.open;
  const ofRole = (role: RiskRole, n: number) =>
    risks.filter((x) => roleOfRisk(def, x) === role).slice(0, Math.max(0, n));
  const ids = r.carriedIds ? new Set(r.carriedIds) : null;
  const carried = ids
    ? risks.filter((x) => x.id && ids.has(x.id))
    : [...ofRole('done', carriedDone), ...ofRole('inProgress', r.inProgress), ...ofRole('open', r.open)];
  if (carried.length !== r.carried) return null;
  const rest = risks.filter((x) => !carried.includes(x));
  const group = `${say(ctx, 'earlier.group', { source, n: r.carried })}${groupState(ctx, carried, doneNow)}`;
  const parts = [group + (tail ? `，${tail}` : '')];
  if (rest.length && ctx.prose.has('earlier.new'))
    parts.push(`${say(ctx, 'earlier.new', { n: rest.length })}${groupState(ctx, rest, 0)}`);
  // Groups that list states of their own are kept apart by "；".
  return { list: parts.join(parts.some((p) => p.includes('，')) ? '；' : '，'), tail: '' };
}

/** The bank naming the earlier report by its kind ("上半年自查发现的"). */
function earlierSourceBank(ctx: Ctx): string {
  const e = ctx.earlier!;
  const o = ctx.def.reportKinds.find((k) => k.name === e.reportKind)?.outline;
  return ctx.prose.has(`earlier.source.${o}`) ? `earlier.source.${o}` : 'earlier.source';
}

/**
 * How far the register's risks are dealt with, as a writer says it ("目前1条正在整改，另有1条已明确整改措施、
 * 尚未启动。"): `joined` gives a clause to close the count sentence with ("，目前…"), else a sentence of its
 * own. No risk is named by its description and no reason is given: 三 tells each risk, and a late one's
 * lateness with its deadline, once. With the unit's earlier report of the year, the states are told by
 * where the risks come from when that adds something (rectified since, new ones beside the carried).
 * When the unit also wrote problems of its own (not in the register), the sentence says it speaks of the
 * register's.
 */
function statusSentence(ctx: Ctx, joined = false): string {
  const { sub } = ctx;
  const risks = sub.risks;
  if (!risks.length) return '';
  const ownProblems = sub.narrative.problems.some((p) => clause(p.title) || clause(p.body));
  const fold = earlierFold(ctx);
  // One risk is spoken of as such: by a short name when it has one that reads as a noun, else counted.
  if (risks.length === 1) {
    const r = risks[0];
    const e = ctx.earlier?.risks;
    const since =
      fold && e && e.carried === 1 && e.doneSince === 1 && ctx.prose.has('earlier.oneIs') && ctx.earlier
        ? `${say(ctx, 'earlier.oneIs', { source: say(ctx, earlierSourceBank(ctx), { earlier: ctx.earlier.period }) })}，${say(ctx, 'status.it.doneNow')}`
        : '';
    const status = since || oneState(ctx, r);
    const tail = fold?.tail ? `；${fold.tail}` : '';
    if (ownProblems) {
      const name = riskName(ctx, r);
      const bank = name && ctx.prose.has('status.oneNamed') ? 'status.oneNamed' : 'status.oneUnnamed';
      const category = (r.category ?? '').trim();
      const vars = { name: name ?? '', status, category };
      // A risk of the "other" category is not said to be of 其他方面.
      if (ctx.prose.has(bank) && (name || (category && !isOtherRiskCategory(ctx.def, category))))
        return `${say(ctx, bank, vars)}${tail}。`;
      if (ctx.prose.has('status.oneRegister')) return `${say(ctx, 'status.oneRegister', vars)}${tail}。`;
    }
    return `，${status}${tail}。`;
  }
  const list = fold?.list || `${stateList(ctx, risks)}${fold?.tail ? `；${fold.tail}` : ''}`;
  if (ownProblems) return `${say(ctx, 'status.leadRegister', { n: risks.length })}${list}。`;
  // Told by where the risks come from, the states need no 目前 before them, and stand on their own.
  if (fold?.list) return `${list}。`;
  if (joined && ctx.prose.has('status.joinLead')) return `，${say(ctx, 'status.joinLead')}${list}。`;
  return `${say(ctx, 'status.lead')}${list}。`;
}

/**
 * "上半年自查发现的风险隐患3条，已整改到位2条，正在整改1条。尚未整改到位的1条已继续列入风险隐患台账…" — how
 * the risks of the unit's earlier report of the year stand now. The earlier report is named by its period and
 * kind (`earlier.source.<outline>`); rectification since then is said to be this period's only when the
 * earlier period ended right before this one began; risks gone from this register without being marked
 * rectified are said to be no longer listed. '' without an earlier report, when none of its risks can be
 * followed (its register was empty, or all are gone unmarked), or when the definition has no words for it.
 */
function earlierSentence(ctx: Ctx): string {
  const { def, sub } = ctx;
  const e = ctx.earlier;
  if (!e || !ctx.prose.has('earlier.some')) return '';
  const r = e.risks;
  const followed = r.doneThen + r.doneSince + r.inProgress + r.open;
  if (!followed) return '';
  const fixed = (bank: string, vars: TemplateVars = {}) =>
    fixedPhrase(def.report.banks, bank, { ...ctx.vars, ...vars });
  const sourceOf = () => say(ctx, earlierSourceBank(ctx), { earlier: e.period });
  const source = sourceOf();
  const before = def.periods.find((p) => p.name === e.period);
  const now = def.periods.find((p) => p.name === sub.period);
  const adjacent = !!before && !!now && e.year === sub.year && before.endMonth + 1 === now.startMonth;
  const done = r.doneThen + r.doneSince;
  const stillOpen = r.inProgress + r.open;
  // Risks that left the register without being marked rectified are counted as such, never as rectified.
  const whole = !r.unaccounted;
  if (followed === 1 && whole) {
    if (adjacent && r.doneSince) return say(ctx, 'earlier.oneDoneNow', { source });
    const role = done ? 'done' : r.inProgress ? 'inProgress' : 'open';
    const text = say(ctx, 'earlier.one', { source, status: fixed(`status.one.${role}`) });
    return stillOpen ? text + say(ctx, 'earlier.carriedOne') : text;
  }
  if (whole && !stillOpen && adjacent && r.doneSince === followed)
    return say(ctx, 'earlier.allDoneNow', { source, n: followed });
  if (whole && !stillOpen && !(adjacent && r.doneSince))
    return say(ctx, 'earlier.allDone', { source, n: followed });
  const parts: string[] = [];
  if (adjacent && r.doneSince && !r.doneThen) parts.push(fixed('earlier.doneNow', { n: r.doneSince }));
  else if (done)
    parts.push(
      fixed('status.done', { n: done }) +
        (adjacent && r.doneSince ? fixed('earlier.doneSince', { n: r.doneSince }) : ''),
    );
  if (r.inProgress) parts.push(fixed('status.inProgress', { n: r.inProgress }));
  if (r.open) parts.push(fixed('status.open', { n: r.open }));
  if (r.unaccounted) parts.push(fixed('earlier.unaccounted', { n: r.unaccounted }));
  const text = say(ctx, 'earlier.some', { source, n: followed + r.unaccounted, list: parts.join('，') });
  return stillOpen ? text + say(ctx, 'earlier.carried', { n: stillOpen }) : text;
}

/** A sentence with a few figures of `category`, framed by a seeded phrase; '' when none are left. */
function figureSentence(ctx: Ctx, category: string, max = FIGURES_PER_PARAGRAPH): string {
  const figs = ctx.figures.take(category, max);
  return figs.length ? framedFigures(ctx, figs) : '';
}

/** Whether a figure is the period's own (a flow's 本期数, not a level or a year-to-date total). */
const hasCurrent = (figs: readonly Figure[]): boolean => figs.some((f) => f.metric.kind === 'flow' && !f.ytd);

/** A last sentence this short takes the category's figures as its closing clause. */
const JOIN_FIGURES_MAX = 50;

/**
 * The unit's paragraph with its category's figures: woven into its last sentence when that is short ("…
 * 谈体会，本季度组织…2次。"), as the seeds do, else in a sentence of their own.
 */
function withFigures(
  ctx: Ctx,
  title: string,
  body: string | null,
  category: string | null,
  only?: ReadonlySet<string>,
): string {
  const text = sentence(body);
  const figs = ctx.figures.takeAbout(`${title}${text}`, category, FIGURES_PER_PARAGRAPH, only);
  if (!figs.length) return text;
  const last = /([^。！？]*)。$/u.exec(text);
  if (
    last &&
    hasCurrent(figs) &&
    last[1].length > 0 &&
    last[1].length <= JOIN_FIGURES_MAX &&
    !/\d/.test(last[1])
  )
    return `${text.slice(0, -1)}，${figureClause(figs, ctx.period, true, stockLead(ctx), ownWording(ctx))}。`;
  return `${text}${framedFigures(ctx, figs)}`;
}

function framedFigures(ctx: Ctx, figs: readonly Figure[]): string {
  // Only levels (配备网评员): "现配备网评员12人。"
  if (figs.every((f) => f.metric.kind === 'stock') && ctx.prose.has('figures.stock'))
    return say(ctx, 'figures.stock', { figures: figureClause(figs, ctx.period, true, '', ownWording(ctx)) });
  if (!hasCurrent(figs)) return `${figureClause(figs, ctx.period, true, stockLead(ctx), ownWording(ctx))}。`;
  return say(ctx, 'figures.frame', {
    figures: figureClause(figs, ctx.period, false, stockLead(ctx), ownWording(ctx)),
  });
}

/**
 * How the unit words a figure beside its own paragraph: the one of the metric's phrases it always uses, so
 * thirty units' reports do not all say a figure in the form's words.
 */
function ownWording(ctx: Ctx): ClauseShape {
  return { phrase: (f) => ctx.prose.chooseOnce(`figures.phrase.${f.metric.id}`, f.phrases) };
}

/** How a level is said beside counts ("目前配备网评员11人"): never as a count of the period. */
function stockLead(ctx: Ctx): string {
  return ctx.prose.has('figures.stockLead') ? say(ctx, 'figures.stockLead') : '';
}

const QUARTER_ENDS: Record<string, number> = { '03-31': 1, '06-30': 2, '09-30': 3, '12-31': 4 };

/**
 * A deadline as office writers say it before 前: the last day of the report's year is "年底"; the end of a
 * quarter of the next year "明年一季度末" (the definition's `deadline.*` banks); any other date as a date.
 */
function deadlineWords(ctx: Ctx, iso: string | null | undefined): string {
  const date = formatDate(iso) ?? '';
  const m = /^(\d{4})-(\d{2}-\d{2})$/.exec(iso ?? '');
  const year = ctx.sub.year;
  if (!m || !year) return date;
  const y = Number(m[1]);
  if (y === year && m[2] === '12-31' && ctx.prose.has('deadline.yearEnd'))
    return say(ctx, 'deadline.yearEnd');
  const q = QUARTER_ENDS[m[2]];
  if (y === year + 1 && q && ctx.prose.has('deadline.nextYearQuarter'))
    return say(ctx, 'deadline.nextYearQuarter', { year: y, quarter: chineseNumber(q) });
  return date;
}

/**
 * One register risk as an item, in the order a writer follows: what it is (with its level where the
 * definition has words for it), how it shows, why; then how far it is dealt with — the register's
 * 完成情况, or that it is past its deadline.
 */
function riskItem(ctx: Ctx, r: Risk): string {
  const { def } = ctx;
  const desc = clause(stripOrdinal(r.description));
  // The banks put 目前 before the 完成情况 themselves (no "目前，目前…").
  const progress = withoutLead(ctx, 'progress.lead', clause(r.values?.progress ?? null));
  const levelRole = roleOf(def, 'riskLevel', r.level);
  const phrases = levelRole ? def.report.levelPhrases[levelRole] : undefined;
  // A description that already calls the risk high ("…的风险较高") is not told so again.
  const saysLevel =
    levelRole === 'high' && (def.report.banks['level.saidHigh'] ?? []).some((w) => desc.includes(w));
  let s = critiqueItem(ctx, r);
  // The level after the analysis, in a sentence of its own ("该问题研判为高风险，需重点盯防。").
  const phrase =
    phrases?.length && !saysLevel
      ? clause(ctx.prose.fill(ctx.prose.choose(`level.${levelRole}`, phrases), ctx.vars))
      : '';
  if (phrase) s += say(ctx, 'risk.level', { phrase });
  const deadline = deadlineWords(ctx, r.deadline);
  if (r.overdue) {
    const late = sayBeside(
      ctx,
      progress ? 'risk.overdueProgress' : 'risk.overdue',
      { deadline, progress },
      progress,
    );
    // Lateness with nothing of the unit's own beside the date is joined to what precedes it ("…；该问题原定
    // …"), not a stock sentence of its own that two units with one deadline would share.
    s = progress ? s + sentence(late) : `${s.replace(/。$/u, '；')}${sentence(late)}`;
  } else if (isDoneStatus(def, r.status)) s += doneSentence(ctx, r, progress);
  else if (progress) s += sentence(sayBeside(ctx, 'risk.progress', { progress }, progress));
  return s;
}

/**
 * A variant of `bank` whose own words do not say again a word of `beside` that is said once (the
 * definition's `progress.once`: "其余正在修订，正在加快推进" reads as a seam), where one is left.
 */
function sayBeside(ctx: Ctx, bank: string, vars: TemplateVars, beside: string): string {
  const variants = ctx.def.report.banks[bank] ?? [];
  const once = (ctx.def.report.banks['progress.once'] ?? []).filter((w) => beside.includes(w));
  const own = (v: string) => v.replace(/\{[^{}]*\}/gu, '');
  const pick = ctx.prose.choose(bank, variants, (v) => !once.some((w) => own(v).includes(w)));
  return pick ? ctx.prose.fill(pick, { ...ctx.vars, ...vars }) : '';
}

/** Whether two clauses say the same thing: a run of three characters, or three pairs, in common. */
function sayAgain(ctx: Ctx, a: string, b: string): boolean {
  const plain = plainWords(ctx.def.report.banks, ctx.def.subject);
  return repeatedRuns(a, b, plain) > 0 || sharedPairs(a, b) >= 3;
}

/**
 * A risk dealt with: what was done, then that it is rectified — once, in that order ("已责令整改，审核登记
 * 台账建立后通过复查，该问题已整改到位。"). What was done is the 完成情况, with the measures before it
 * when they say something else; when the 完成情况 says the measure again, it alone. A 完成情况 that
 * itself says the risk is rectified is not followed by it again.
 */
function doneSentence(ctx: Ctx, r: Risk, progress: string): string {
  const measures = clause(stripOrdinal(r.measures));
  const usable = !!measures && !/[。！？]/u.test(measures);
  const p = withoutLead(ctx, 'progress.lead', progress);
  if (!p && !usable) return sentence(say(ctx, 'risk.done'));
  if (p && usable && !sayAgain(ctx, measures, p) && ctx.prose.has('risk.doneMeasureProgress'))
    return sentence(say(ctx, 'risk.doneMeasureProgress', { measures, progress: p }));
  const done = p || measures;
  const rectified = ctx.def.report.banks['risk.doneSaid'] ?? [];
  if (rectified.some((w) => done.includes(w)) || !ctx.prose.has('risk.doneWith')) return sentence(done);
  return sentence(say(ctx, 'risk.doneWith', { done }));
}

/**
 * "主要表现为{detail}" and the like, never doubling a word the detail starts with ("主要表现为主要依靠…").
 */
function detailSentence(ctx: Ctx, detail: string): string {
  const bank = ctx.def.report.banks['risk.detail'] ?? [];
  const fits = bank.filter((v) => !v.split('{detail}')[0].includes(detail.slice(0, 2)));
  const pick = ctx.prose.choose('risk.detail', fits.length ? fits : bank);
  return pick ? ctx.prose.fill(pick, { ...ctx.vars, detail }) : '';
}

/**
 * How a risk's analysis is told: the unit's facts are the same, the joins and the number of sentences
 * differ. plain: "X。主要表现为Y。分析原因，Z。"; folded: "X，如Y。…"; causeFirst: "由于Z，X。如Y。" (the
 * cause explains the problem, the manifestation is its evidence); joined: "X，主要是Z。Y。" (no connector
 * sentence); brief: "X，Y，主要是Z。" (one sentence, for a risk not rated high whose facts are short).
 */
type RiskShape = 'plain' | 'folded' | 'causeFirst' | 'joined' | 'brief';

/** A risk told in one sentence has at most this many characters of facts. */
const BRIEF_MAX = 80;

/**
 * The shapes a risk can take, where the definition has words for them and the unit's text allows: a
 * detail of one sentence; a cause of one sentence that does not itself begin with 由于 or 主要是; a
 * problem that does not give its own cause (因…) for the cause-first shape.
 */
function riskShapes(ctx: Ctx, r: Risk, desc: string, detail: string, cause: string): RiskShape[] {
  const shapes: RiskShape[] = ['plain'];
  const oneSentence = (t: string) => !/[。！？]/u.test(t);
  const has = (b: string) => ctx.prose.has(b);
  const example = !!desc && !!detail && detail !== desc && oneSentence(detail);
  const words = (bank: string) => ctx.def.report.banks[bank] ?? [];
  const causeJoins = !!cause && oneSentence(cause) && !words('cause.lead').some((w) => cause.startsWith(w));
  if (example && !words('detail.lead').some((w) => detail.startsWith(w)) && has('risk.fold'))
    shapes.push('folded');
  if (example && causeJoins && !words('cause.marks').some((w) => desc.includes(w)) && has('risk.causeFirst'))
    shapes.push('causeFirst');
  if (desc && causeJoins && (example || !detail) && has('risk.joined') && has('risk.causeIn'))
    shapes.push('joined');
  const high = roleOf(ctx.def, 'riskLevel', r.level) === 'high';
  if (
    example &&
    !high &&
    (cause ? causeJoins : true) &&
    desc.length + detail.length + cause.length <= BRIEF_MAX &&
    has(cause ? 'risk.brief' : 'risk.briefNoCause')
  )
    shapes.push('brief');
  return shapes;
}

function critiqueItem(ctx: Ctx, r: Risk): string {
  const desc = clause(stripOrdinal(r.description));
  const detail = clause(r.detail);
  const cause = clause(r.values?.cause ?? null);
  // Seeded per unit, and a unit's next risk takes another shape while one is left.
  const shape = ctx.prose.choose('risk.shape', riskShapes(ctx, r, desc, detail, cause));
  const vars = { problem: desc, detail, cause };
  if (shape === 'folded') {
    const s = say(ctx, 'risk.fold', vars);
    return cause ? `${s}${say(ctx, 'risk.cause', { cause })}` : s;
  }
  if (shape === 'causeFirst') return say(ctx, 'risk.causeFirst', vars);
  if (shape === 'brief') return say(ctx, cause ? 'risk.brief' : 'risk.briefNoCause', vars);
  if (shape === 'joined') {
    // Without a detail: the problem with its cause, one sentence.
    if (!detail || detail === desc) return `${desc}，${say(ctx, 'risk.causeIn', { cause })}。`;
    return say(ctx, 'risk.joined', vars);
  }
  let s = sentence(desc || detail);
  if (detail && desc && detail !== desc) s += detailSentence(ctx, detail);
  if (cause) s += say(ctx, 'risk.cause', { cause });
  return s;
}

/** "一是…。二是…。" over a category's problems (a single one without 一是). */
function problemItems(ctx: Ctx, ps: readonly Problem[], critique = false): string {
  return ps
    .map((p, i) => {
      const lead = ps.length > 1 ? shiOrdinal(i + 1) : '';
      if (p.risk) {
        // A self-critique tells what was wrong; one already put right says so (not as if still open).
        const told = critique ? critiqueItem(ctx, p.risk) : riskItem(ctx, p.risk);
        const done = critique && isDoneStatus(ctx.def, p.risk.status) ? sentence(say(ctx, 'risk.done')) : '';
        return `${lead}${p.lead ?? ''}${told}${done}`;
      }
      return `${lead}${p.title ? `${p.title}。` : ''}${p.text}`;
    })
    .join('');
}

// ---------------------------------------------------------------------------------------------------
// Sections

function openingBlock(ctx: Ctx, outlineOpening: string): Block | null {
  const own = sentence(ctx.sub.narrative.opening);
  if (own) return para(ctx, own);
  return para(ctx, say(ctx, outlineOpening, { actor: actor(ctx) }));
}

/** 总体情况: responsibility and context in one sentence with the organisation's figures, the judgement,
 * the register count and its levels and progress. */
function overallBlocks(ctx: Ctx): Block[] {
  const { sub, def } = ctx;
  const problems = problemsOf(ctx);
  const orgCategory = roleValue(def, 'workCategory', 'duty')!; // a required role
  // One or two of the organisation's figures (seeded): thirty reports do not all open with the same two.
  const orgFigures = ctx.figures.take(orgCategory, ctx.prose.choose('overall.figures', [1, 2, 2]));
  const high = sub.risks.filter((r) => roleOf(def, 'riskLevel', r.level) === 'high');
  // The judgement, from the data: high risks to watch; else what the period found (不良信息, people whose
  // thinking was corrected), never denied, with what became of it — all dealt with in the words of
  // judgement.handled (a metric that follows another with a `sameAs` phrase: 处置 of 发现), or clause by
  // clause (the definition's found.<metric> banks); else calm.
  const findings = findingsOf(ctx);
  let judgement = '';
  let calm = '';
  if (high.length) {
    const cats = [...new Set(high.map((r) => r.category).filter((c): c is string => !!c))];
    const about = (c: string) =>
      high
        .filter((r) => r.category === c)
        .map(riskText)
        .join('。');
    judgement = say(ctx, 'judgement.watch', {
      categories: cats.length ? categoryWords(ctx, cats, (cs) => cs.join('、'), '', about) : def.subject,
    });
  } else if (findings.length === 1 && findings[0].handledAll && ctx.prose.has('judgement.handled')) {
    findings[0].ids.forEach((id) => ctx.figures.markSaid(id));
    judgement = say(ctx, 'judgement.handled', { n: findings[0].n });
  } else if (findings.some((f) => f.clause) && ctx.prose.has('judgement.found')) {
    const said = findings.filter((f) => f.clause);
    said.forEach((f) => f.ids.forEach((id) => ctx.figures.markSaid(id)));
    judgement = say(ctx, 'judgement.found', { findings: said.map((f) => f.clause).join('；') });
  } else calm = say(ctx, 'judgement.calm');
  const lead = ctx.prose.choose('overall.lead', ctx.def.report.banks['overall.lead'] ?? []);
  // A lead that gives the dates a sentence of its own ({datesSentence}) or a clause ({datesClause}).
  const dates = ctx.period.dates.length > 0;
  let text = ctx.prose.fill(lead, {
    ...ctx.vars,
    actor: actor(ctx),
    figures: orgFigures.length ? `，${figureClause(orgFigures, ctx.period, false)}` : '',
    datesClause: dates && lead.includes('{datesClause}') ? say(ctx, 'overall.dates') : '',
    datesSentence: dates && lead.includes('{datesSentence}') ? say(ctx, 'overall.datesSentence') : '',
    calm,
  });
  // The count and how far it is dealt with: one sentence or two; before or after the judgement (seeded).
  let found = '';
  if (problems.length) {
    const count = countSentence(ctx, problems);
    const joined = ctx.prose.choose('overall.statusJoined', [true, false]);
    const status = statusSentence(ctx, joined);
    found = status.startsWith('，') ? `${count.replace(/。$/u, '')}${status}` : `${count}${status}`;
  }
  // How the earlier report's risks stand is part of the status line (statusSentence); said on its own only
  // when this register is empty.
  if (!sub.risks.length) found += earlierSentence(ctx);
  text += ctx.prose.choose('overall.order', [true, false]) ? judgement + found : found + judgement;
  const out: Block[] = [];
  push(out, para(ctx, text));
  return out;
}

/** A count of problems the period found, and what became of them. */
interface Finding {
  /** The metric and its follower (处置), marked said when the judgement says them. */
  ids: string[];
  n: number;
  /** A follower with `sameAs` counts them all dealt with. */
  handledAll: boolean;
  /** Some are not dealt with yet. */
  pending: boolean;
  /** The clause from the definition's found.<id>[.all|.part|.pending] bank; '' without one. */
  clause: string;
}

/**
 * The period's findings: metrics marked `finding`, and those a `sameAs` follower counts as dealt with (发现
 * of 处置), with a figure this period (not yet said elsewhere).
 */
function findingsOf(ctx: Ctx, evenIfSaid = false): Finding[] {
  const { def } = ctx;
  const out: Finding[] = [];
  for (const m of def.metrics) {
    const follower = def.metrics.find((x) => x.follows === m.id && x.sameAs);
    if (!m.finding && !follower) continue;
    const n = ctx.figures.current(m.id);
    if (!n || n <= 0 || (!evenIfSaid && ctx.figures.isSaid(m.id))) continue;
    const done = follower ? ctx.figures.current(follower.id) : null;
    const kind = done === null ? '' : done >= n ? '.all' : done > 0 ? '.part' : '.pending';
    const bank = ctx.prose.has(`found.${m.id}${kind}`) ? `found.${m.id}${kind}` : `found.${m.id}`;
    out.push({
      ids: follower ? [m.id, follower.id] : [m.id],
      n,
      handledAll: done !== null && done >= n,
      pending: done !== null && done < n,
      clause:
        !evenIfSaid && ctx.prose.has(bank)
          ? clause(say(ctx, bank, { n, done: done ?? 0, rest: done === null ? 0 : n - done, unit: m.unit }))
          : '',
    });
  }
  return out;
}

/** 具体工作开展情况 / 开展情况及主要做法: the unit's subsections with their figures, then generated ones. */
function workBlocks(ctx: Ctx, skipCategories: ReadonlySet<string> = new Set()): Block[] {
  const { sub, def } = ctx;
  const sections = sub.narrative.sections.filter(
    (s) => (clause(s.title) || clause(s.body)) && !(s.category && skipCategories.has(s.category)),
  );
  const lastOfCategory = new Map<string, number>();
  sections.forEach((s, i) => s.category && lastOfCategory.set(s.category, i));
  const out: Block[] = [];
  const order = workCategories(def);
  const rank = (c: string | null) => (c && order.includes(c) ? order.indexOf(c) : order.length);
  // Each figure goes to the paragraph that speaks of it most, not the first that mentions it.
  const homes = figureHomes(
    def,
    sections.map((s) => ({ text: `${s.title ?? ''}${s.body ?? ''}`, category: s.category })),
  );
  const entries: { own: boolean; rank: number; title: string; text: string }[] = sections.map((s, i) => {
    const title = clause(stripOrdinal(s.title));
    return {
      own: true,
      rank: rank(s.category),
      title,
      text: withFigures(ctx, title, s.body, s.category, homes[i]),
    };
  });
  // Categories with figures but no paragraph of the unit's: a few sentences composed from them, placed
  // where their category comes (组织领导 before the unit's own 理论武装 paragraph, not after all of them).
  // Some are joined two in one subsection, and one may tell the year so far, as the unit's seed has it.
  const composed = order.filter(
    (c) => !skipCategories.has(c) && !lastOfCategory.has(c) && ctx.figures.hasAny(c),
  );
  const joins = chosenJoins(
    ctx,
    composed,
    entries.map((e) => e.rank),
    rank,
  );
  // (Not one half of a joined subsection: a paragraph says its figures on one footing, the period's or
  // the year's, or a reader adds one to the other.)
  const tallyIn = tallyCategory(
    ctx,
    composed.filter((c) => !joins.some((j) => j.categories.includes(c))),
  );
  for (const c of composed) {
    const join = joins.find((j) => j.categories.includes(c));
    if (join && rank(c) > Math.min(...join.categories.map(rank))) continue;
    const { title, text } = join ? joinedParagraph(ctx, join, tallyIn) : composedParagraph(ctx, c, tallyIn);
    const entry = { own: false, rank: rank(c), title: clause(title), text: sentence(text) };
    const at = entries.findIndex((e) => e.own && e.rank > entry.rank);
    if (at < 0) entries.push(entry);
    else entries.splice(at, 0, entry);
  }
  entries.forEach((e, i) =>
    push(out, para(ctx, e.text, `${sectionOrdinal(i + 1)}${e.title ? `${e.title}。` : ''}`)),
  );
  if (!out.length) push(out, para(ctx, say(ctx, 'work.none', { actor: actor(ctx) })));
  return out;
}

type WorkJoin = NonNullable<Definition['report']['workJoins']>[number];

/**
 * The definition's joins of two composed categories this report makes (report.workJoins): both
 * categories composed, with a body to compose from, and no paragraph of the unit's own between them (its
 * paragraphs keep their order). One of every set of joins that share no category, seeded: the same unit
 * always, thirty units with 3, 4 or 5 subsections.
 */
function chosenJoins(
  ctx: Ctx,
  composed: readonly string[],
  ownRanks: readonly number[],
  rank: (c: string) => number,
): WorkJoin[] {
  const { def } = ctx;
  const usable = (def.report.workJoins ?? []).filter((j) => {
    const [lo, hi] = j.categories.map(rank).sort((a, b) => a - b);
    return (
      j.categories.every((c) => composed.includes(c) && def.report.categories[c]?.workBody?.length) &&
      !ownRanks.some((r) => r > lo && r < hi)
    );
  });
  if (!usable.length) return [];
  const sets: WorkJoin[][] = [[]];
  for (const j of usable)
    for (const set of [...sets])
      if (!set.some((x) => x.categories.some((c) => j.categories.includes(c)))) sets.push([...set, j]);
  return ctx.prose.choose('work.joins', sets);
}

/**
 * The composed category, if any, whose figures this report tells as the year so far ("截至第三季度，累计…",
 * as seed 000 does): one with a figure done this period and before it, in about half of the reports (the
 * bank figures.tally holds the words; none without it).
 */
function tallyCategory(ctx: Ctx, composed: readonly string[]): string | null {
  if (!ctx.prose.has('figures.tally')) return null;
  const can = composed.filter((c) => ctx.figures.hasYearToDate(c));
  if (!can.length) return null;
  // (A third of reports: a quarter's report speaks of the quarter; the year's tally is the exception.)
  const none = can.map(() => null);
  return ctx.prose.choose<string | null>('figures.tallyIn', [...none, ...none, ...can]);
}

/** Most figures in a composed paragraph that tells the year so far (a tally lists a few more). */
const FIGURES_TALLY = 3;

/**
 * How this unit words a composed paragraph's figures: after its own choice of the period's words (7至9月,
 * 7月以来) or the plain one, in turn; each metric in one of its phrases; sometimes two sharing a verb;
 * the year so far as a tally where `tally`.
 */
function clauseShape(ctx: Ctx, tally: boolean): ClauseShape {
  const main = ctx.prose.chooseOnce('figures.leadMain', ctx.period.currents);
  const verbs = ctx.def.report.banks['figures.sharedVerbs'];
  const tallies = ctx.def.report.banks['figures.tally'];
  return {
    ...ownWording(ctx),
    lead: ctx.prose.choose('figures.lead', [...new Set([main, ctx.period.current])]),
    verbs: verbs?.length && ctx.prose.choose('figures.share', [true, false]) ? verbs : undefined,
    tally: tally && tallies?.length ? ctx.prose.choose('figures.tally', tallies) : undefined,
  };
}

/** A figure this small is not followed by a sentence on what the work achieved ("学习1次。…更加扎实"). */
const SMALL_FIGURE = 2;

/**
 * The body composed for a category with figures and no paragraph of the unit's: a shape of the category's
 * workBody (one that goes on after the figures only when none of them is small; one sentence where
 * `single`, to stand as a part of a joined sentence), its figures shaped as the unit words them (with no
 * period words where `lead` is false: the sentence before has said them).
 */
function composedBody(
  ctx: Ctx,
  c: string,
  figs: readonly Figure[],
  tally: boolean,
  single = false,
  lead = true,
): string {
  const prose = ctx.def.report.categories[c];
  // A figure this small, or a category whose figures show a gap (三 admits it), is not followed by what
  // the work achieved.
  const small = figs.some((f) => f.value <= SMALL_FIGURE) || showsGap(ctx, c);
  const endsOnFigures = (b: string) => /\{figures\}。?$/u.test(b.trim());
  const oneSentence = (b: string) => !/。./u.test(b.trim());
  const allowed =
    small || single ? (b: string) => (!small || endsOnFigures(b)) && (!single || oneSentence(b)) : undefined;
  const body = prose?.workBody ? ctx.prose.choose(`${c}.workBody`, prose.workBody, allowed) : '{figures}。';
  return sentence(
    ctx.prose.fill(body, {
      ...ctx.vars,
      figures: figureClause(figs, ctx.period, lead, stockLead(ctx), clauseShape(ctx, tally)),
      risks: '',
    }),
  );
}

/**
 * The heading of a composed subsection, from `templates` expanded: one that names what a figure counts
 * (培训) only over that figure or words on it, whose two halves do not say the same thing, and that says
 * least of what the body says.
 */
function composedHeading(
  ctx: Ctx,
  key: string,
  templates: readonly string[],
  figs: readonly Figure[],
  text: string,
): string {
  const { def } = ctx;
  const plain = plainWords(def.report.banks, def.subject);
  const candidates = [...new Set(templates.flatMap((t) => ctx.prose.expand(t, ctx.vars)))];
  const has = new Set(figs.flatMap((f) => [f.metric.id, ...(f.follower ? [f.follower.metric.id] : [])]));
  const named = (t: string) =>
    def.metrics.every((m) => has.has(m.id) || !m.keywords?.some((k) => t.includes(k) && !text.includes(k)));
  const sound = candidates.filter((t) => named(t) && !partsRepeat(t, plain));
  // Says nothing the body says (no three-character run in common), where that leaves a choice.
  const base = sound.length ? sound : candidates;
  // Only the subject aside: "建强工作队伍" over "…业务精湛的工作队伍" says it twice.
  const fresh = base.filter((t) => repeatedRuns(t, text, [def.subject]) === 0);
  const pool = new Set(fresh.length ? fresh : leastRepeating(base, text, [def.subject]));
  // Seeded among the pool itself (not the first fitting one after a seeded start: that favours a few).
  return ctx.prose.choose(key, [...pool]);
}

/**
 * The paragraph composed for a category with figures and no paragraph of the unit's: the body, then the
 * heading that fits it (composedHeading).
 */
function composedParagraph(ctx: Ctx, c: string, tallyIn: string | null): { title: string; text: string } {
  const { def } = ctx;
  const tally = c === tallyIn;
  const figs = ctx.figures.take(c, tally ? FIGURES_TALLY : FIGURES_COMPOSED, tally);
  const prose = def.report.categories[c];
  const text = composedBody(ctx, c, figs, tally);
  if (!prose?.workTitle)
    return { title: fixedPhrase(def.report.banks, 'work.title', { ...ctx.vars, category: c }), text };
  return { title: composedHeading(ctx, `${c}.workTitle`, prose.workTitle, figs, text), text };
}

/**
 * Two composed categories in one subsection (a join of report.workJoins): the bank work.joinBody with
 * each category's body ({a} {b}; one sentence each where either goes on with ；or ，) and its
 * workPart ({partA} {partB}, only where both categories have one), under one of the join's headings.
 */
function joinedParagraph(ctx: Ctx, join: WorkJoin, tallyIn: string | null): { title: string; text: string } {
  const { def } = ctx;
  const cats = join.categories;
  // (A part's verdict, "学习制度落实有力", is not said of a category whose figures show a gap.)
  const hasParts = cats.every((c) => def.report.categories[c]?.workPart?.length && !showsGap(ctx, c));
  const template = ctx.prose.choose(
    'work.joinBody',
    def.report.banks['work.joinBody'] ?? ['{a}。{b}。'],
    (t) => hasParts || !/\{part[AB]\}/u.test(t),
  );
  const figs: Figure[] = [];
  const vars: Record<string, string> = { partA: '', partB: '' };
  const plain = plainWords(def.report.banks, def.subject);
  let leadSaid = false;
  // Parts joined inside one sentence ("一是…；二是…") are one sentence each.
  const single = /\{[ab]\}[；，]/u.test(template);
  cats.forEach((c, i) => {
    const mine = ctx.figures.take(c, c === tallyIn ? FIGURES_TALLY : FIGURES_COMPOSED, c === tallyIn);
    figs.push(...mine);
    vars[i ? 'b' : 'a'] = composedBody(ctx, c, mine, c === tallyIn, single, !leadSaid).replace(/。$/u, '');
    leadSaid ||= hasCurrent(mine);
  });
  const title = composedHeading(
    ctx,
    `join.${cats.join('+')}.title`,
    join.title,
    figs,
    formatTemplate(template, vars),
  );
  // Each part's verdict says least of its body and of the heading ("阵地建设有序" not under "加强阵地建设").
  if (hasParts)
    cats.forEach((c, i) => {
      const k = i ? 'B' : 'A';
      const fewest = leastRepeating(
        def.report.categories[c].workPart!,
        `${title}${vars[k.toLowerCase()]}`,
        plain,
        (v) => ctx.prose.fill(v, ctx.vars),
      );
      vars[`part${k}`] = clause(ctx.prose.fill(ctx.prose.choose(`${c}.workPart`, fewest), ctx.vars));
    });
  return { title, text: sentence(formatTemplate(template, vars)) };
}

/** A shortfall sharing a run this long with what the report has claimed gainsays it. */
const CLAIM_RUN = 4;
/** Fewest shortfalls left to choose from for the claims to narrow the choice. */
const MIN_SHORTFALLS = 3;

/** A cause fits a heading when it scores at least this (one of the heading's keywords, or as much). */
const CAUSE_FIT_MIN = 2;

/**
 * "理论学习的系统性和实效性有待提升，学习形式较为单一" — a shortfall named and said why (not a bare label).
 * Heading and cause are chosen together: among the pairs where the cause fits the heading (its keywords,
 * the telling pairs they share: fitScore) and does not say the heading's words again; without such a
 * pair, the heading's cause that says least of it.
 */
function shortfall(ctx: Ctx, c: string): string {
  const { title, cause } = shortfallParts(ctx, c);
  return cause ? `${title}，${cause}` : title;
}

/** A shortfall of category `c` as its heading and the cause that fits it ('' when the data has none). */
function shortfallParts(
  ctx: Ctx,
  c: string,
  besides?: { title: string; cause: string },
): { title: string; cause: string; more?: string } {
  const parts = chooseShortfall(ctx, c, besides);
  const before = ctx.admitted.get(c);
  ctx.admitted.set(c, `${before ? `${before}。` : ''}${parts.title}。${parts.cause}`);
  return parts;
}

/**
 * A shortfall of category `c`: its gap when its figures show one; else a heading and cause (neither the
 * heading nor the cause of `besides`, a shortfall of the category already told).
 */
function chooseShortfall(
  ctx: Ctx,
  c: string,
  besides?: { title: string; cause: string },
): { title: string; cause: string; more?: string } {
  const { def } = ctx;
  const gap = ctx.gaps.get(c);
  if (gap && besides === undefined) return gap;
  const prose = def.report.categories[c];
  // A unit speaks of itself: causes written of "一些单位" are the superior's voice. The definition's
  // sf.<category> bank, when present, holds causes in the unit's own voice.
  const ownVoice = def.report.banks[`sf.${c}`] ?? [];
  const all = (ownVoice.length ? ownVoice : (prose.cause ?? [])).map((x) =>
    clause(ctx.prose.fill(x, ctx.vars)),
  );
  const others = def.report.banks['voice.others'] ?? [];
  const own = all.filter((x) => !others.some((w) => x.includes(w)));
  const causes = own.length ? own : all;
  const plain = plainWords(def.report.banks, def.subject);
  // A keyword the heading itself says tells nothing of the cause (思想 in 思想动态掌握…).
  const titles = prose.problemTitle!.map((raw) => {
    const t = clause(ctx.prose.fill(raw, ctx.vars));
    return { t, keywords: (prose.problemKeywords?.[raw] ?? []).filter((k) => !t.includes(k)) };
  });
  const weights = pairWeights([...titles.map((x) => x.t), ...causes], plain);
  const fitting = titles
    .filter(({ t }) => t !== besides?.title)
    .flatMap(({ t, keywords }) =>
      causes
        .filter(
          (x) =>
            x !== besides?.cause &&
            repeatedRuns(x, t, plain) === 0 &&
            fitScore(t, keywords, x, weights, plain) >= CAUSE_FIT_MIN,
        )
        .map((x) => ({ title: t, cause: x })),
    );
  // A shortfall does not gainsay, in the same words, what the report has just claimed ("把网络阵地纳入日常
  // 管理" … "日常管理还存在盲区"): a pair sharing a four-character run with what was said is avoided.
  const saidText = [...ctx.said].join('。');
  const unsaid = fitting.filter(
    (x) => repeatedRuns(`${x.title}，${x.cause}`, saidText, plain, CLAIM_RUN) === 0,
  );
  // (When that leaves too few, thirty units would all admit the same two: the choice stays wide.)
  // (A second shortfall of a category takes any unsaid pair left.)
  if (fitting.length) {
    const pick = ctx.prose.choose(
      `${c}.shortfall`,
      unsaid.length >= MIN_SHORTFALLS || (besides !== undefined && unsaid.length) ? unsaid : fitting,
    );
    // Another cause that fits the same heading, for a self-inspection that tells a problem in more
    // than one clause (seed 002: "…对个人自学的敦促不够…尤其是当工作与学习发生矛盾时…").
    const more = unsaid.filter(
      (x) =>
        x.title === pick.title && x.cause !== pick.cause && repeatedRuns(x.cause, pick.cause, plain) === 0,
    );
    return more.length ? { ...pick, more: ctx.prose.choose(`${c}.more`, more).cause } : pick;
  }
  const title = ctx.prose.choose(
    `${c}.problemTitle`,
    titles.map((x) => x.t).filter((t) => t !== besides?.title),
  );
  if (!causes.length) return { title, cause: '' };
  // The cause that says least of what the title says.
  const left = causes.filter((x) => x !== besides?.cause);
  return {
    title,
    cause: ctx.prose.choose(`${c}.cause`, leastRepeating(left.length ? left : causes, title, plain)),
  };
}

type Gap = NonNullable<Definition['report']['gaps']>[number];

/**
 * A gap sharing a run this long with what the report has claimed would gainsay it ("开展专项督查"); shorter
 * runs are common words ("落实情况", "今年以来"), not claims.
 */
const GAP_CLAIM_RUN = 6;

/**
 * The shortfalls the unit's own figures show (report.gaps), the first of each category; a blank figure is
 * never one. A gap whose words the report has claimed already (GAP_CLAIM_RUN) is passed over.
 */
function gapsOf(ctx: Ctx): Map<string, Gap> {
  const { def, sub } = ctx;
  const value = (id: string, ytd: boolean): number | null => {
    const m = sub.metrics.find((x) => x.id === id);
    if (!m) return null;
    if (!ytd || m.kind !== 'flow') return m.current;
    return m.ytd ?? (ctx.period.startsYear ? m.current : null);
  };
  const plain = plainWords(def.report.banks, def.subject);
  const saidText = [...ctx.said].join('。');
  const out = new Map<string, Gap>();
  for (const g of def.report.gaps ?? []) {
    if (out.has(g.category)) continue;
    const n = value(g.metric, !!g.ytd);
    if (n === null) continue;
    let shown = false;
    if (g.atMost !== undefined) shown = n <= g.atMost;
    else if (g.below) {
      const of = value(g.below.metric, !!g.ytd);
      shown = of !== null && of >= (g.below.min ?? 1) && n < g.below.times * of;
    }
    const says = g.says.map((v) => ctx.prose.fill(v, ctx.vars));
    if (shown && says.some((v) => repeatedRuns(v, saidText, plain, GAP_CLAIM_RUN) === 0))
      out.set(g.category, g);
  }
  return out;
}

/** Whether the figures of work category `c` show a gap (report.gaps) that 三 may admit. */
function showsGap(ctx: Ctx, c: string): boolean {
  const risk = riskCategoryOf(ctx.def, c);
  return !!risk && gapsOf(ctx).has(risk);
}

interface GapParts {
  title: string;
  /** What the figures show, said where a stock shortfall says its cause. */
  cause: string;
  /** The step answering it in 下一步, in place of the category's stock body ('' without one). */
  next: string;
}

/** Gap `g` (of category `c`) as a shortfall's heading, what the figures show and its step. */
function gapParts(ctx: Ctx, c: string, g: Gap | undefined): GapParts | null {
  if (!g) return null;
  const fill = (v: string) => clause(ctx.prose.fill(v, ctx.vars));
  const plain = plainWords(ctx.def.report.banks, ctx.def.subject);
  const saidText = [...ctx.said].join('。');
  const says = g.says.map(fill).filter((v) => repeatedRuns(v, saidText, plain, GAP_CLAIM_RUN) === 0);
  if (!says.length) return null;
  const title = ctx.prose.chooseOnce(`gap.${c}.title`, g.title.map(fill));
  return {
    title,
    // What the figures show, in words the heading has not just said ("网评员队伍力量偏弱，网评员队伍…").
    cause: ctx.prose.chooseOnce(`gap.${c}.says`, leastRepeating(says, title, plain)),
    next: g.next?.length ? ctx.prose.chooseOnce(`gap.${c}.next`, g.next.map(fill)) : '',
  };
}

/**
 * For a unit that found no problem: the two categories where it admits its work falls short (the same two
 * in 三 and 四), among those the definition has problem headings and next steps for: those its own
 * figures show a gap in first (report.gaps), the rest chosen by its seed.
 */
function shortfalls(ctx: Ctx): string[] {
  if (ctx.shortfalls) return ctx.shortfalls;
  const stock = stockShortfalls(ctx);
  const cats = shortfallCategories(ctx);
  const shown = gapsOf(ctx);
  const gaps = cats.filter((c) => shown.has(c));
  const picked = [...gaps.slice(0, stock.length), ...stock.filter((c) => !gaps.includes(c))];
  ctx.shortfalls = picked.slice(0, stock.length).sort((a, b) => cats.indexOf(a) - cats.indexOf(b));
  // What each gap says is fixed now: 三 names it, 四 answers it (by then 三 has said its words).
  for (const c of ctx.shortfalls) {
    const parts = gapParts(ctx, c, shown.get(c));
    if (parts) ctx.gaps.set(c, parts);
  }
  return ctx.shortfalls;
}

/** The categories a shortfall may be named in (problem headings and next steps in the definition). */
function shortfallCategories(ctx: Ctx): string[] {
  const { def } = ctx;
  return [...new Set(workCategories(def).map((c) => riskCategoryOf(def, c)!))].filter(
    (c) =>
      !isOtherRiskCategory(def, c) &&
      !!def.report.categories[c]?.problemTitle?.length &&
      !!def.report.categories[c]?.nextTitle?.length,
  );
}

/** The seeded choice of two (or three) shortfall categories, before the unit's figures are heard. */
function stockShortfalls(ctx: Ctx): string[] {
  const { def } = ctx;
  const cats = shortfallCategories(ctx);
  if (cats.length <= 2) return cats;
  const pairs: string[][] = [];
  for (let i = 0; i < cats.length; i++)
    for (let j = i + 1; j < cats.length; j++) pairs.push([cats[i], cats[j]]);
  // A self-inspection (an outline with 存在的问题 of its own) names two or three, as the unit's seed has
  // it (seed 002 names three); a quarterly analysis mostly two (seed 000 has three categories).
  const outline = def.report.outlines[ctx.kind?.outline ?? def.reportKinds[0].outline];
  const self = outline?.sections.some((x) => x.section === 'problems');
  if (ctx.prose.chooseOnce('shortfalls.n', self ? [2, 3] : [2, 2, 3]) === 3) {
    const triples = pairs.flatMap(([a, b]) =>
      cats.filter((c) => cats.indexOf(c) > cats.indexOf(b)).map((c) => [a, b, c]),
    );
    if (triples.length) return [...ctx.prose.chooseOnce('shortfalls3', triples)];
  }
  return [...ctx.prose.chooseOnce('shortfalls', pairs)];
}

/**
 * 风险隐患分析研判: per category "（一）组织领导方面。一是…。二是…。", the unit's 存在问题 beside the
 * register. The "other" category comes last, numbered like the rest when the definition gives it a
 * heading (`risks.otherHeading`), else introduced by 此外.
 */
function riskAnalysisBlocks(ctx: Ctx): Block[] {
  const groups = byCategory(ctx, problemsOf(ctx));
  const out: Block[] = [];
  if (!groups.length) {
    // Nothing found: the genre still names where the work falls short (seed 003's "一是…有待提高").
    const short = shortfalls(ctx);
    // Or, as seed 000 writes its 三, by category ("（一）组织领导方面。一是…。二是…。"), each category's
    // shortfalls under it and no sentence that nothing was found (seeded: risks.byCategory).
    if (
      ctx.prose.chooseOnce('risks.byCategory', ctx.def.report.banks['risks.byCategory'] ?? ['']) === 'yes'
    ) {
      // Where the unit looked (its line of work's words) and what it found — not denied when the period
      // found something (不良信息, people corrected): dealt with, or being dealt with — then what it found
      // wanting.
      const found = findingsOf(ctx, true);
      const pending = found.some((f) => f.pending);
      const lead = !found.length
        ? 'risks.byCategoryLead'
        : pending && ctx.prose.has('risks.byCategoryLeadPending')
          ? 'risks.byCategoryLeadPending'
          : 'risks.byCategoryLeadFound';
      push(out, para(ctx, say(ctx, ctx.prose.has(lead) ? lead : 'risks.byCategoryLead')));
      let n = 0;
      const told = (p: { title: string; cause: string }) => (p.cause ? `${p.title}，${p.cause}` : p.title);
      for (const c of short) {
        const first = shortfallParts(ctx, c);
        // (What the figures show stands alone: a stock shortfall beside it would say it again.)
        const second =
          !ctx.gaps.has(c) && ctx.prose.choose(`risks.byCategory.two`, [true, false])
            ? shortfallParts(ctx, c, first)
            : null;
        const text =
          second && second.title !== first.title
            ? `${shiOrdinal(1)}${told(first)}。${shiOrdinal(2)}${told(second)}。`
            : `${told(first)}。`;
        const heading = fixedPhrase(ctx.def.report.banks, 'risks.categoryHeading', { category: c }) || c;
        push(out, para(ctx, text, `${sectionOrdinal(++n)}${heading}。`));
      }
      return out;
    }
    // "一是…；二是…" or "一是…。二是…" (risks.shortfallsSep, seeded).
    const sep = ctx.prose.chooseOnce(
      'risks.shortfallsSep',
      ctx.def.report.banks['risks.shortfallsSep'] ?? ['；'],
    );
    const list = short.map((c, i) => `${shiOrdinal(i + 1)}${shortfall(ctx, c)}`).join(sep);
    // What the period found (不良信息, people corrected) is not denied: said as dealt with or being dealt
    // with and not amounting to a risk for the register, where the definition has words for it.
    const found = findingsOf(ctx, true);
    const none =
      found.length && ctx.prose.has('found.none')
        ? say(
            ctx,
            found.some((f) => f.pending) && ctx.prose.has('found.nonePending')
              ? 'found.nonePending'
              : 'found.none',
          )
        : say(ctx, 'risks.none');
    // The lead to the shortfalls does not say again what the sentence before it said.
    // (The lead's own words: the list itself may share a word with it.)
    const plain = plainWords(ctx.def.report.banks, ctx.def.subject);
    const own = (v: string) => formatTemplate(v.replace(/\{@[^{}]+\}/gu, ''), { ...ctx.vars, list: '' });
    const leads = leastRepeating(ctx.def.report.banks['risks.shortfalls'] ?? [], none, plain, own);
    const more = list
      ? ctx.prose.fill(ctx.prose.choose('risks.shortfalls', leads), { ...ctx.vars, list })
      : '';
    push(out, para(ctx, none + more));
    return out;
  }
  let n = 0;
  for (const [c, ps] of groups) {
    const items = problemItems(ctx, ps);
    const other = isOtherRiskCategory(ctx.def, c);
    if (other && groups.length > 1 && !ctx.prose.has('risks.otherHeading'))
      push(out, para(ctx, `${say(ctx, 'risks.besides')}${items}`));
    else {
      const byCategory = fixedPhrase(ctx.def.report.banks, 'risks.categoryHeading', { category: c }) || c;
      const heading = other
        ? fixedPhrase(ctx.def.report.banks, 'risks.otherHeading', { ...ctx.vars, category: c })
        : byCategory;
      push(out, para(ctx, items, `${sectionOrdinal(++n)}${heading || byCategory}。`));
    }
  }
  return out;
}

/** 存在问题 of a self-inspection: titled, self-critical problems from the unit's rows and the register. */
function problemsBlocks(ctx: Ctx): Block[] {
  const { def, sub } = ctx;
  const out: Block[] = [];
  // How the earlier report's risks stand opens the section (a self-inspection has no 总体情况).
  const earlier = para(ctx, earlierSentence(ctx));
  let n = 0;
  for (const p of sub.narrative.problems) {
    const title = clause(stripOrdinal(p.title));
    const body = sentence(p.body);
    if (!title && !body) continue;
    push(out, para(ctx, body, title ? `${sectionOrdinal(++n)}${title}。` : undefined));
  }
  // A self-inspection names a few problems (seed 002 has three), not the whole register: the categories
  // with high risks and the most items first, up to four problems in all; the register is attached.
  // A register risk the unit's own row tells again was named with that row.
  const registerOnly = problemsOf(ctx).filter((p) => p.risk && !p.lead);
  const high = (ps: readonly Problem[]) => ps.filter((p) => p.risk && isHighLevel(def, p.risk.level)).length;
  const groups = byCategory(ctx, registerOnly)
    .map((g, i) => ({ g, i }))
    .sort((a, b) => high(b.g[1]) - high(a.g[1]) || b.g[1].length - a.g[1].length || a.i - b.i)
    .slice(0, Math.max(0, MAX_SELF_PROBLEMS - n))
    .sort((a, b) => a.i - b.i)
    .map(({ g }) => g);
  const plain = plainWords(def.report.banks, def.subject);
  const fill = (v: string) => ctx.prose.fill(v, ctx.vars);
  // Headings already given (the unit's own first): a later one does not say their words again.
  const titlesSoFar = sub.narrative.problems.map((p) => stripOrdinal(p.title ?? ''));
  for (const [c, ps] of groups) {
    const prose = def.report.categories[c];
    const items = problemItems(ctx, ps, true);
    // The heading that says most nearly what the items say, among those that do not say their words again.
    const title = prose?.problemTitle
      ? ctx.prose.chooseFitting(
          `${c}.problemTitle`,
          leastRepeating(
            leastRepeating(prose.problemTitle, titlesSoFar.join('。'), plain, fill),
            items,
            plain,
            fill,
          ),
          items,
        )
      : fixedPhrase(def.report.banks, 'problems.title', { ...ctx.vars, category: c });
    titlesSoFar.push(ctx.prose.fill(title, ctx.vars));
    push(out, para(ctx, items, `${sectionOrdinal(++n)}${clause(ctx.prose.fill(title, ctx.vars))}。`));
  }
  // What the 责任制 facts say the unit has not done yet (纳入考核 …: answered 否).
  for (const f of def.info) {
    if (f.vocab !== 'yesNo') continue;
    const v = sub.info?.[f.key];
    if (roleOf(def, 'yesNo', typeof v === 'string' ? v : null) !== 'no') continue;
    const bank = `duty.${f.key}.no`;
    if (!ctx.prose.has(bank)) continue;
    push(
      out,
      para(ctx, say(ctx, bank), `${sectionOrdinal(++n)}${clause(say(ctx, `duty.${f.key}.noTitle`))}。`),
    );
  }
  if (!out.length) {
    // Nothing found, nothing answered 否: the unit still names where it falls short, as titled problems
    // (seed 002), the same categories its 下一步 takes up; where the definition has words for them.
    const short = ctx.prose.has('problems.shortfallBody') ? shortfalls(ctx) : [];
    push(out, para(ctx, say(ctx, short.length ? 'problems.shortfallsLead' : 'problems.none')));
    for (const c of short) {
      const parts = shortfallParts(ctx, c);
      const { title } = parts;
      // Told in two clauses where another cause fits the heading, in about half the problems (seeded).
      const cause =
        parts.more && ctx.prose.choose('problems.moreCause', [true, false])
          ? `${parts.cause}；${parts.more}`
          : parts.cause;
      // What figures show ("今年以来还没有…") opens its sentence or follows a lead of its own ("从自查情况看，"),
      // never "工作中今年以来…"; two clauses end their sentence (no "主要表现在A；B，制约了…").
      const bank = ctx.def.report.banks['problems.shortfallBody'] ?? [];
      const opens = (v: string) => ['', '，'].some((end) => v.split('{cause}')[0].endsWith(end));
      const two = cause !== parts.cause;
      const fit = (v: string) => (!ctx.gaps.has(c) || opens(v)) && (!two || v.endsWith('{cause}。'));
      const body = cause
        ? ctx.prose.fill(ctx.prose.choose('problems.shortfallBody', bank, fit), { ...ctx.vars, cause })
        : '';
      push(out, para(ctx, body, `${sectionOrdinal(++n)}${title}。`));
    }
  }
  if (earlier) out.unshift(earlier);
  return out;
}

/** 责任制落实情况 (self-inspection): the unit's own words on 组织领导, the 责任制 facts, the figures. */
function responsibilityBlocks(ctx: Ctx, dutyCategory: string): Block[] {
  const { def, sub } = ctx;
  const own = sub.narrative.sections.filter(
    (s) => s.category === dutyCategory && (clause(s.title) || clause(s.body)),
  );
  if (def.report.responsibility?.length) return dutyPartBlocks(ctx, def.report.responsibility, own);
  const out: Block[] = [];
  let text = say(ctx, 'duty.lead', { actor: actor(ctx) });
  for (const f of def.info) {
    if (f.vocab !== 'yesNo') continue;
    const v = sub.info?.[f.key];
    if (roleOf(def, 'yesNo', typeof v === 'string' ? v : null) === 'yes')
      text += say(ctx, `duty.${f.key}.yes`);
  }
  let n = 0;
  // One paragraph of the unit's own follows the facts as their continuation; several are numbered. Each
  // takes the figures it speaks of; what none speaks of closes the facts.
  for (const s of own) {
    const title = clause(stripOrdinal(s.title));
    const body = withFigures(ctx, title, s.body, dutyCategory);
    if (own.length === 1) push(out, para(ctx, body));
    else push(out, para(ctx, body, `${sectionOrdinal(++n)}${title ? `${title}。` : ''}`));
  }
  text += figureSentence(ctx, dutyCategory, own.length ? 2 : 4);
  const first = para(ctx, text);
  if (first) out.unshift(first);
  return out;
}

/** Most figures said in one part of 责任制落实情况. */
const FIGURES_PER_PART = 3;
/** Three-character runs a 责任制 fact shares with the unit's words when the unit has said it already. */
const FACT_SAID_RUNS = 2;

/**
 * 责任制落实情况 in titled parts (主体责任, 考核述职, 定期研判 as the definition lists them), as seed 002's
 * sections read: each part opens with its lead, takes the unit's own sentences that speak of it, the
 * 责任制 facts (answered 是) the unit's words do not already say, and its figures in one sentence. A part
 * with nothing of its own beyond the lead is left out (the first part always stands).
 */
function dutyPartBlocks(
  ctx: Ctx,
  parts: NonNullable<Definition['report']['responsibility']>,
  own: Submission['narrative']['sections'],
): Block[] {
  const { def, sub } = ctx;
  const plain = plainWords(def.report.banks, def.subject);
  // The unit's sentences, each to the part whose keywords it names most (else the part before it).
  const ownSentences = own.flatMap((s) => sentencesOf(sentence(s.body)));
  const ownText = ownSentences.join('');
  const mine: string[][] = parts.map(() => []);
  let last = 0;
  for (const t of ownSentences) {
    const hits = parts.map((p) => p.keywords.reduce((n, k) => n + (t.split(k).length - 1), 0));
    const best = Math.max(...hits);
    if (best > 0) last = hits.indexOf(best);
    mine[last].push(t);
  }
  const out: Block[] = [];
  let n = 0;
  parts.forEach((part, i) => {
    const facts = (part.info ?? [])
      .filter((key) => {
        const v = sub.info?.[key];
        return roleOf(def, 'yesNo', typeof v === 'string' ? v : null) === 'yes';
      })
      .map((key) => say(ctx, `duty.${key}.yes`))
      .filter((f) => f && repeatedRuns(f, ownText, plain) < FACT_SAID_RUNS);
    const figs = part.metrics?.length ? ctx.figures.takeIds(part.metrics, FIGURES_PER_PART) : [];
    if (i > 0 && !mine[i].length && !facts.length && !figs.length) return;
    const vars = { ...ctx.vars, actor: i === 0 ? actor(ctx) : ctx.voice.org ? ctx.voice.body : ctx.voice.we };
    // The lead that says least of the unit's own sentences and of what the report has said so far.
    const before = [...ctx.said].join('。') + mine[i].join('');
    const leads = leastRepeating(part.lead, before, plain, (v) => ctx.prose.fill(v, vars));
    let text = sentence(ctx.prose.fill(ctx.prose.choose(`duty.part${i}.lead`, leads), vars));
    text += mine[i].join('') + facts.join('');
    if (figs.length && part.figures?.length) {
      const frame = ctx.prose.choose(`duty.part${i}.figures`, part.figures);
      text += sentence(ctx.prose.fill(frame, { ...vars, figures: figureClause(figs, ctx.period) }));
    }
    // The heading that says least of what its paragraph says (not the first sentence again).
    const titles = leastRepeating(part.title, text, plain, (v) => ctx.prose.fill(v, vars));
    const title = clause(ctx.prose.fill(ctx.prose.choose(`duty.part${i}.title`, titles), vars));
    push(out, para(ctx, text, `${sectionOrdinal(++n)}${title}。`));
  });
  return out;
}

interface Measure {
  text: string;
  deadline: string | null;
  overdue: boolean;
}

/** Runs this long in common tell that a plan takes up a measure already (its words, not the subject's). */
const MEASURE_RUN = 4;

/**
 * The step for the register's late or high risks still open whose measures `plan` (the unit's own 下一步)
 * does not take up: their measures in one sentence, with the deadline ahead or the words for a late one;
 * null when there are none or the definition has no words for it (next.registerTitle).
 */
function registerStep(ctx: Ctx, plan: string): { title: string; text: string } | null {
  const { def, sub } = ctx;
  if (!ctx.prose.has('next.registerTitle')) return null;
  const plain = plainWords(def.report.banks, def.subject);
  const measuresOf = (r: Risk) => clause(stripOrdinal(r.measures));
  const left = sub.risks.filter(
    (r) =>
      !isDoneStatus(def, r.status) &&
      (r.overdue || isHighLevel(def, r.level)) &&
      !!measuresOf(r) &&
      repeatedRuns(measuresOf(r), plan, plain, MEASURE_RUN) === 0,
  );
  if (!left.length) return null;
  let text = [...new Set(left.map(measuresOf))].join('；');
  const ahead = left
    .filter((r) => !r.overdue && r.deadline)
    .map((r) => r.deadline!)
    .sort();
  if (left.every((r) => r.overdue) && ctx.prose.has('next.overdueAll')) text += say(ctx, 'next.overdueAll');
  else if (ahead.length) text += say(ctx, 'next.deadline', { deadline: deadlineWords(ctx, ahead.at(-1)) });
  return { title: clause(say(ctx, 'next.registerTitle')), text: `${clause(text)}。` };
}

/** 下一步工作打算: the unit's own rows; else actions grouped by theme from its open risks and problems. */
function nextStepBlocks(ctx: Ctx, style: 'sections' | 'ordinal'): Block[] {
  const { def, sub } = ctx;
  const out: Block[] = [];
  const own = sub.narrative.nextSteps.filter((s) => clause(s.title) || clause(s.body));
  // A self-inspection ends on what the unit will do with what it found (one sentence, the plan's words
  // not said again).
  const close = (): Block[] => {
    if (style !== 'ordinal' || !ctx.prose.has('self.close')) return out;
    const plan = out.map((b) => (b.kind === 'para' ? `${b.lead ?? ''}${b.text}` : '')).join('');
    const bank = def.report.banks['self.close'];
    const fill = (v: string) => ctx.prose.fill(v, ctx.vars);
    const v = ctx.prose.choose(
      'self.close',
      leastRepeating(bank, plan, plainWords(def.report.banks, def.subject), fill),
    );
    push(out, para(ctx, fill(v)));
    return out;
  };
  const leadOf = (i: number, title: string) =>
    style === 'ordinal' ? `第${chineseNumber(i + 1)}，${title}。` : `${sectionOrdinal(i + 1)}${title}。`;
  if (own.length) {
    own.forEach((s, i) => {
      const title = clause(stripOrdinal(s.title));
      push(out, title ? para(ctx, sentence(s.body), leadOf(i, title)) : para(ctx, sentence(s.body)));
    });
    // A late or high risk still open whose measures the unit's own plan does not take up gets a step of
    // its own after it (a plan that answers the register), where the definition has words for it.
    const step = registerStep(ctx, own.map((s) => `${s.title ?? ''}${s.body ?? ''}`).join('。'));
    if (step) push(out, para(ctx, step.text, leadOf(own.length, step.title)));
    return close();
  }
  // Open risks' measures by category; identical measures merged; one deadline sentence per group.
  const groups = new Map<string, Measure[]>();
  for (const r of sub.risks) {
    if (isDoneStatus(def, r.status)) continue;
    const m = clause(stripOrdinal(r.measures));
    if (!m) continue;
    const c = (r.category ?? '').trim() || '';
    const list = groups.get(c) ?? [];
    if (!list.some((x) => x.text === m)) list.push({ text: m, deadline: r.deadline, overdue: r.overdue });
    else {
      const x = list.find((y) => y.text === m)!;
      if ((r.deadline ?? '') > (x.deadline ?? '')) x.deadline = r.deadline;
      x.overdue ||= r.overdue;
    }
    groups.set(c, list);
  }
  const cats = [...groups.keys()].sort(
    (a, b) =>
      (def.vocab.riskCategory?.values.indexOf(a) ?? 0) - (def.vocab.riskCategory?.values.indexOf(b) ?? 0),
  );
  // Themes without measures of their own, for a report whose register is empty: the unit's weakest points
  // as its 存在问题 rows name them, else the categories it reported least on.
  const extra: string[] = [];
  for (const p of problemsOf(ctx))
    if (!p.risk && !cats.includes(p.category) && !extra.includes(p.category)) extra.push(p.category);
  if (!cats.length && !extra.length) extra.push(...shortfalls(ctx));
  // What the lead names: the categories with problems or shortfalls (not one added below to make a list).
  const named = [...cats, ...extra].filter((c) => c && !isOtherRiskCategory(def, c)).slice(0, 3);
  // A plan of one item is not a list: a second comes from a category not yet spoken of (seeded).
  const plain = (c: string) => !!def.report.categories[c]?.nextTitle && !!def.report.categories[c]?.nextBody;
  if (cats.length + extra.filter(plain).length === 1) {
    const more = workCategories(def)
      .map((c) => riskCategoryOf(def, c)!)
      .filter((c) => plain(c) && !cats.includes(c) && !extra.includes(c) && !isOtherRiskCategory(def, c));
    if (more.length) extra.push(ctx.prose.choose('next.more', more));
  }
  // The headings first: the lead names its categories in words that do not say them again.
  const titles = new Map<string, string>();
  for (const c of cats) {
    const prose = def.report.categories[c];
    const title = prose?.nextTitle
      ? ctx.prose.choose(`${c}.nextTitle`, prose.nextTitle)
      : say(ctx, 'next.title', { category: c || def.subject });
    titles.set(c, clause(ctx.prose.fill(title, ctx.vars)));
  }
  for (const c of extra) {
    const prose = def.report.categories[c];
    if (prose?.nextTitle && prose.nextBody && !titles.has(c))
      titles.set(c, clause(ctx.prose.fill(ctx.prose.choose(`${c}.nextTitle`, prose.nextTitle), ctx.vars)));
  }
  push(
    out,
    para(
      ctx,
      say(ctx, problemsOf(ctx).length ? 'next.lead' : 'next.leadCalm', {
        actor: actor(ctx),
        categories: named.length
          ? categoryWords(
              ctx,
              named,
              (cs) => listWithEtc(def.report.banks, cs),
              [...titles.values()].join('|'),
              (c) => problemText(ctx, c),
            )
          : def.subject,
      }),
    ),
  );
  let i = 0;
  for (const c of cats) {
    const ms = groups.get(c)!;
    const deadlines = [...new Set(ms.map((m) => m.deadline).filter((d): d is string => !!d))].sort();
    // The measures in one sentence; one deadline clause for the group (or each measure its own), and
    // the overdue ones named, all before the full stop (the banks hold clauses starting with "，").
    let text: string;
    // A deadline already passed is not promised again: those measures get the overdue clause instead.
    const ahead = [
      ...new Set(
        ms
          .filter((m) => !m.overdue)
          .map((m) => m.deadline)
          .filter((d): d is string => !!d),
      ),
    ];
    if (ahead.length <= 1 && deadlines.length <= 1) {
      text = ms.map((m) => m.text).join('；');
      if (ahead.length === 1) text += say(ctx, 'next.deadline', { deadline: deadlineWords(ctx, ahead[0]) });
    } else {
      text = ms
        .map((m) =>
          m.deadline && !m.overdue
            ? fixedPhrase(def.report.banks, 'next.itemDeadline', {
                text: m.text,
                deadline: deadlineWords(ctx, m.deadline),
              })
            : m.text,
        )
        .join('；');
    }
    // A late measure was told late in 三 with its deadline: here it is referred to, "其中…" only when the
    // group lists others beside it.
    const late = ms.filter((m) => m.overdue).length;
    if (late)
      text += say(
        ctx,
        late === ms.length && ctx.prose.has('next.overdueAll') ? 'next.overdueAll' : 'next.overdue',
        {
          n: late,
        },
      );
    text = `${clause(text)}。`;
    push(out, para(ctx, text, leadOf(i++, titles.get(c)!)));
  }
  for (const c of extra) {
    const prose = def.report.categories[c];
    if (!prose?.nextTitle || !prose.nextBody) continue;
    // A shortfall the figures showed is answered by its own step.
    const body =
      ctx.gaps.get(c)?.next || ctx.prose.fill(ctx.prose.choose(`${c}.nextBody`, prose.nextBody), ctx.vars);
    push(out, para(ctx, sentence(body), leadOf(i++, titles.get(c)!)));
  }
  return close();
}

// ---------------------------------------------------------------------------------------------------
// Attachments and the signature

/** The register as an attachment table: columns from the definition, empty ones left out. */
export function riskTable(risks: readonly Risk[], def: Definition): AppendixTable {
  const cell = (r: Risk, key: string): string => {
    if (key === 'deadline') return formatDate(r.deadline) ?? '';
    if (key === 'status' && r.overdue) return `${r.status ?? ''}（逾期）`;
    // The named fields are the submission's own; `values` adds the columns a definition adds.
    const named = (r as unknown as Record<string, unknown>)[key];
    const v = key in r ? named : r.values?.[key];
    return v == null ? '' : String(v);
  };
  const cols = def.riskColumns.filter((c) => risks.some((r) => cell(r, c.key) !== ''));
  return {
    landscape: true,
    columns: cols.map((c) => ({
      label: c.label,
      kind:
        c.key === 'id'
          ? ('id' as const)
          : c.type === 'date'
            ? ('date' as const)
            : c.type === 'int'
              ? ('number' as const)
              : ('text' as const),
    })),
    rows: risks.map((r) => cols.map((c) => cell(r, c.key))),
  };
}

/** Every metric with a value, as the 工作指标统计表 attachment (the full figures, beside the prose). */
export function metricTable(sub: Submission, def: Definition): AppendixTable | null {
  const byId = new Map(sub.metrics.map((m) => [m.id, m]));
  const rows = def.metrics
    .map((m) => ({ m, v: byId.get(m.id) }))
    .filter(({ v }) => v && (v.current !== null || v.ytd !== null))
    .map(({ m, v }) => [
      m.category,
      m.name,
      m.unit,
      v!.current === null ? '' : String(v!.current),
      m.kind === 'stock' || v!.ytd === null ? '' : String(v!.ytd),
    ]);
  if (!rows.length) return null;
  const label = (key: string, fallback: string) =>
    def.metricColumns.find((c) => c.key === key)?.label ?? fallback;
  return {
    columns: [
      { label: label('category', '类别'), kind: 'text' },
      { label: label('name', '指标'), kind: 'text' },
      { label: label('unit', '计量单位'), kind: 'id' },
      { label: label('current', '本期数'), kind: 'number' },
      { label: label('ytd', '本年累计'), kind: 'number' },
    ],
    rows,
  };
}

/**
 * The 落款 rule, the same for every kind: what the unit wrote as 落款单位, else its 党组织名称, else its
 * full name; the date is the 成文日期, else the 填报日期.
 */
export function signatureOf(sub: Submission, voice: Voice): { unit: string; date: string | null } {
  const unit = clause(sub.narrative.signatureUnit) || voice.signer;
  return { unit, date: formatDate(sub.narrative.signatureDate) ?? formatDate(sub.fillDate) };
}

function closingBlocks(ctx: Ctx): Block[] {
  const { sub, def } = ctx;
  const attachments: { title: string; table: AppendixTable }[] = [];
  if (sub.risks.length)
    attachments.push({
      title: say(ctx, 'attachment.register'),
      table: riskTable(sub.risks, def),
    });
  const metrics = metricTable(sub, def);
  if (metrics) attachments.push({ title: say(ctx, 'attachment.metrics'), table: metrics });
  const out: Block[] = [];
  if (attachments.length)
    out.push({ kind: 'blank' }, { kind: 'attachmentNote', items: attachments.map((a) => a.title) });
  const sig = signatureOf(sub, ctx.voice);
  out.push({ kind: 'blank' }, { kind: 'signature', unit: sig.unit, date: sig.date });
  attachments.forEach((a, i) =>
    out.push({
      kind: 'appendix',
      label: attachments.length > 1 ? `附件${i + 1}` : '附件',
      title: a.title,
      table: a.table,
    }),
  );
  return out;
}

// ---------------------------------------------------------------------------------------------------

/** The unit report as blocks, following the outline the definition assigns to its 报告类型. */
export function unitReportBlocks(sub: Submission, def: Definition, opts: UnitReportOptions = {}): Block[] {
  const ctx = context(sub, def, opts);
  const outlineKey = ctx.kind?.outline ?? def.reportKinds[0].outline;
  const outline = def.report.outlines[outlineKey];
  const words = reportTitleWords(sub, def, opts);
  const blocks: Block[] = [{ kind: 'title', text: words.join(''), words }];
  if (opts.draft) blocks.push({ kind: 'para', lead: '草稿说明：', text: DRAFT_NOTE });
  push(blocks, openingBlock(ctx, outline.opening));
  const dutyCategory = roleValue(def, 'workCategory', 'duty')!; // a required role
  const hasResponsibility = outline.sections.some((s) => s.section === 'responsibility');
  outline.sections.forEach((s, i) => {
    const heading = `${headingOrdinal(i + 1)}${formatTemplate(s.heading, { ...ctx.vars, period: ctx.period.yearPeriod })}`;
    blocks.push({ kind: 'h1', text: heading });
    switch (s.section) {
      case 'overall':
        blocks.push(...overallBlocks(ctx));
        break;
      case 'responsibility':
        blocks.push(...responsibilityBlocks(ctx, dutyCategory));
        break;
      case 'work':
        blocks.push(...workBlocks(ctx, hasResponsibility ? new Set([dutyCategory]) : new Set()));
        break;
      case 'riskAnalysis':
        blocks.push(...riskAnalysisBlocks(ctx));
        break;
      case 'problems':
        blocks.push(...problemsBlocks(ctx));
        break;
      case 'nextSteps':
        blocks.push(...nextStepBlocks(ctx, hasResponsibility ? 'ordinal' : 'sections'));
        break;
      default:
        break;
    }
  });
  blocks.push(...closingBlocks(ctx));
  return blocks;
}
