// Figures in prose, the way the seeds use them: a few telling ones, each named once in the report, inside
// a sentence about what was done — the period's figure, or the year to date where that is the telling
// one (a yearly figure such as 责任书), never both as lists. The full table goes to an attachment.
import { formatTemplate, type TemplateVars } from '../standard/format';
import type { Definition, MetricDef } from '../standard/types';
import type { MetricValue } from '../standard/schema';
import { formatCount } from './numbers';
import type { PeriodVoice } from './voice';

export interface Figure {
  metric: MetricDef;
  /** The metric's prose phrase with the unit's words filled in ("召开党组会议专题研究{subject}工作"). */
  phrase: string;
  /** Every way to say it in a composed paragraph: `phrase`, then the metric's `phrases`, filled in. */
  phrases: string[];
  value: number;
  /** The value is the year to date (said with the period's ytd phrase). */
  ytd: boolean;
  /** A following metric said with this one ("…38场，覆盖2.7万余人次"). */
  follower?: {
    metric: MetricDef;
    phrase: string;
    value: number;
    /**
     * A follower that counts a part of its figure (it has a `sameAs`: 处置 of 发现) and falls short of
     * it: what became of the rest ("其余4条正在核查处置"); absent otherwise.
     */
    rest?: string;
  };
}

/** Words for the part of a figure its follower does not count (n left, in the metric's unit). */
export type RestWords = (n: number, unit: string) => string;

export class Figures {
  private readonly used = new Set<string>();
  private readonly values: Map<string, MetricValue>;

  constructor(
    private readonly def: Definition,
    metrics: readonly MetricValue[],
    private readonly period: PeriodVoice,
    /** Values for the placeholders of metric phrases ({meeting}, {subject} …). */
    private readonly vars: TemplateVars = {},
    /** What became of the rest when a follower counts only part of its figure (from the definition). */
    private readonly restWords?: RestWords,
  ) {
    this.values = new Map(metrics.map((m) => [m.id, m]));
  }

  /**
   * The value prose uses for a metric, or null when there is nothing to say: the period's own figure. A
   * period that did none of it says nothing (not the year's total again: "截至第三季度累计…4条" in a
   * quarter that found none reads as if it had). A yearly figure is said as the year to date, and only in
   * a period that added to it.
   */
  private valueOf(m: MetricDef, tally = false): { value: number; ytd: boolean } | null {
    const v = this.values.get(m.id);
    if (!v) return null;
    const cur = v.current != null && v.current > 0 ? v.current : null;
    if (cur === null) return null;
    const ytd = m.kind === 'flow' && v.ytd != null && v.ytd > cur ? v.ytd : null;
    // From 1 January the two are one quantity: one figure.
    if (!this.period.startsYear && m.yearly && ytd !== null) return { value: ytd, ytd: true };
    // A tally of the year so far ("截至第三季度，累计…"): the year to date where it is more than the period's.
    if (tally && !this.period.startsYear && ytd !== null) return { value: ytd, ytd: true };
    return { value: cur, ytd: false };
  }

  /**
   * Whether the category has a figure not yet said whose year to date tells more than the period's own
   * (a flow done this period and before it): a tally of the year may be said for it.
   */
  hasYearToDate(category: string): boolean {
    return this.def.metrics.some((m) => {
      if (m.category !== category || m.follows || this.used.has(m.id) || m.yearly) return false;
      return this.valueOf(m, true)?.ytd === true && (m.weight ?? 1) > 0;
    });
  }

  /** Whether the category has any figure left to say. */
  hasAny(category: string): boolean {
    return this.def.metrics.some((m) => m.category === category && !this.used.has(m.id) && this.valueOf(m));
  }

  /**
   * Up to `max` telling figures of a category not yet said, by weight (then definition order), each
   * with its follower; they are marked as said.
   */
  take(category: string, max: number, tally = false): Figure[] {
    return this.pick(
      (m) => m.category === category,
      () => 0,
      max,
      tally,
    );
  }

  /**
   * Up to `max` figures that a paragraph of the unit's own speaks of (a keyword of the metric occurs in
   * `text`), those of `category` first; a figure the paragraph does not speak of is left for the
   * attachment. They are marked as said.
   */
  takeAbout(text: string, category: string | null, max: number, only?: ReadonlySet<string>): Figure[] {
    return this.pick(
      (m) => (!only || only.has(m.id)) && !!m.keywords?.some((k) => text.includes(k)),
      (m) => (m.category === category ? 0 : 1),
      max,
    );
  }

  /** Up to `max` figures among the metrics `ids` not yet said, by weight; they are marked as said. */
  takeIds(ids: readonly string[], max: number): Figure[] {
    return this.pick(
      (m) => ids.includes(m.id),
      () => 0,
      max,
    );
  }

  /** `tally`: flows said as the year to date where that is more than the period's (see valueOf). */
  private pick(
    wanted: (m: MetricDef) => boolean,
    rank: (m: MetricDef) => number,
    max: number,
    tally = false,
  ): Figure[] {
    const followers = new Map<string, MetricDef>();
    for (const m of this.def.metrics) if (m.follows) followers.set(m.follows, m);
    const candidates = this.def.metrics
      .map((m, order) => ({ m, order, v: this.valueOf(m, tally) }))
      .filter(
        (c) => wanted(c.m) && !c.m.follows && !this.used.has(c.m.id) && c.v !== null && (c.m.weight ?? 1) > 0,
      )
      .sort((a, b) => rank(a.m) - rank(b.m) || (b.m.weight ?? 1) - (a.m.weight ?? 1) || a.order - b.order)
      .slice(0, max)
      .sort((a, b) => a.order - b.order);
    return candidates.map(({ m, v }) => {
      this.used.add(m.id);
      const f: Figure = {
        metric: m,
        phrase: formatTemplate(m.phrase, this.vars),
        phrases: [...new Set([m.phrase, ...(m.phrases ?? [])].map((p) => formatTemplate(p, this.vars)))],
        value: v!.value,
        ytd: v!.ytd,
      };
      const fm = followers.get(m.id);
      const fv = fm ? this.valueOf(fm, tally) : null;
      if (fm && fv && fv.ytd === v!.ytd) {
        this.used.add(fm.id);
        f.follower = { metric: fm, phrase: formatTemplate(fm.phrase, this.vars), value: fv.value };
        if (fm.sameAs && fv.value < v!.value && this.restWords)
          f.follower.rest = this.restWords(v!.value - fv.value, m.unit) || undefined;
      }
      return f;
    });
  }

  /** Marks a metric as said (when a sentence names it another way). */
  markSaid(id: string): void {
    this.used.add(id);
  }

  /** The current value of a metric (for relations such as 处置 = 发现). */
  current(id: string): number | null {
    return this.values.get(id)?.current ?? null;
  }

  /** Whether a metric is said already (in the judgement, another paragraph). */
  isSaid(id: string): boolean {
    return this.used.has(id);
  }
}

/**
 * How a composed paragraph shapes its figures (every part optional: the plain comma list after the
 * period's phrase otherwise).
 */
export interface ClauseShape {
  /** Words before the period's figures instead of period.current ("7月以来，", "7至9月，"). */
  lead?: string;
  /** The wording of a figure (one of its `phrases`). */
  phrase?: (f: Figure) => string;
  /**
   * Verbs two neighbouring figures may share: "开展专题学习研讨2次、主题宣讲3次" (not after a figure with a
   * follower: "覆盖…人次、…" would read as one more follower).
   */
  verbs?: readonly string[];
  /** The year-to-date figures as a tally: {ytd} (截至第三季度) and {figures} ("{ytd}，累计{figures}"). */
  tally?: string;
}

/** Figures in a list, neighbours that begin with one of `verbs` sharing it ("开展A2次、B3次"). */
function figureList(figs: readonly Figure[], shape: ClauseShape): string {
  const parts: string[] = [];
  let shared = '';
  figs.forEach((f, i) => {
    const p = shape.phrase?.(f) ?? f.phrase;
    const verb = shape.verbs?.find((v) => p.startsWith(v) && p.length > v.length + 1) ?? '';
    if (i > 0 && verb && verb === shared && !figs[i - 1].follower)
      parts[parts.length - 1] += `、${withFollower(f, p.slice(verb.length))}`;
    else parts.push(withFollower(f, p));
    shared = verb;
  });
  return parts.join('，');
}

function withFollower(f: Figure, phrase = f.phrase): string {
  let s = `${phrase}${formatCount(f.value, f.metric.unit, f.metric.style)}`;
  if (f.follower) {
    const fm = f.follower.metric;
    s +=
      fm.sameAs && f.follower.value === f.value
        ? `，${fm.sameAs}`
        : `，${f.follower.phrase}${formatCount(f.follower.value, fm.unit, fm.style)}`;
    if (f.follower.rest) s += `，${f.follower.rest}`;
  }
  return s;
}

/**
 * The figures as one clause: "本季度组织理论学习中心组集体学习3次，开展专题学习研讨2次；截至第三季度累计
 * 签订{subject}工作责任书24份" — the period's figures after its phrase, the year-to-date ones after theirs,
 * stock levels last, after `stockLead` ("目前配备网评员12人": a level the unit has, not a count of the
 * period). `lead` false leaves the period phrase out (the sentence has one).
 */
export function figureClause(
  figs: readonly Figure[],
  period: PeriodVoice,
  lead = true,
  stockLead = '',
  shape: ClauseShape = {},
): string {
  const stock = figs.filter((f) => f.metric.kind === 'stock');
  const cur = figs.filter((f) => f.metric.kind === 'flow' && !f.ytd);
  const ytd = figs.filter((f) => f.metric.kind === 'flow' && f.ytd);
  const parts: string[] = [];
  if (cur.length) parts.push(`${lead ? (shape.lead ?? period.current) : ''}${figureList(cur, shape)}`);
  if (ytd.length) {
    if (shape.tally)
      parts.push(formatTemplate(shape.tally, { ytd: period.ytd, figures: figureList(ytd, shape) }));
    else {
      const p = period.ytd.startsWith('截至') ? `${period.ytd}累计` : `${period.ytd}共`;
      parts.push(`${p}${figureList(ytd, shape)}`);
    }
  }
  if (stock.length) parts.push(`${stockLead}${figureList(stock, shape)}`);
  return parts.join('；');
}

/**
 * Where each figure belongs among a unit's paragraphs: a paragraph of the metric's own category that
 * speaks of it (a keyword occurs) before any other; among those, the one that speaks of it most (keyword
 * occurrences), the first of equals. A figure no paragraph speaks of has no home (the attachment has it).
 * Returns, per paragraph, the metric ids it may take.
 */
export function figureHomes(
  def: Definition,
  paragraphs: readonly { text: string; category: string | null }[],
): Set<string>[] {
  const homes = paragraphs.map(() => new Set<string>());
  for (const m of def.metrics) {
    if (!m.keywords?.length) continue;
    let best = -1;
    let bestOwn = false;
    let bestHits = 0;
    paragraphs.forEach((p, i) => {
      let hits = 0;
      for (const k of m.keywords!) hits += p.text.split(k).length - 1;
      if (!hits) return;
      const own = p.category === m.category;
      if ((own && !bestOwn) || (own === bestOwn && hits > bestHits)) {
        best = i;
        bestOwn = own;
        bestHits = hits;
      }
    });
    if (best >= 0) homes[best].add(m.id);
  }
  return homes;
}
