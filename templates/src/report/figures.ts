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
  value: number;
  /** The value is the year to date (said with the period's ytd phrase). */
  ytd: boolean;
  /** A following metric said with this one ("…38场，覆盖2.7万余人次"). */
  follower?: { metric: MetricDef; phrase: string; value: number };
}

export class Figures {
  private readonly used = new Set<string>();
  private readonly values: Map<string, MetricValue>;

  constructor(
    private readonly def: Definition,
    metrics: readonly MetricValue[],
    private readonly period: PeriodVoice,
    /** Values for the placeholders of metric phrases ({meeting}, {subject} …). */
    private readonly vars: TemplateVars = {},
  ) {
    this.values = new Map(metrics.map((m) => [m.id, m]));
  }

  /**
   * The value prose uses for a metric, or null when there is nothing to say: the period's own figure. A
   * period that did none of it says nothing (not the year's total again: "截至第三季度累计…4条" in a
   * quarter that found none reads as if it had). A yearly figure is said as the year to date, and only in
   * a period that added to it.
   */
  private valueOf(m: MetricDef): { value: number; ytd: boolean } | null {
    const v = this.values.get(m.id);
    if (!v) return null;
    const cur = v.current != null && v.current > 0 ? v.current : null;
    if (cur === null) return null;
    const ytd = m.kind === 'flow' && v.ytd != null && v.ytd > cur ? v.ytd : null;
    // From 1 January the two are one quantity: one figure.
    if (!this.period.startsYear && m.yearly && ytd !== null) return { value: ytd, ytd: true };
    return { value: cur, ytd: false };
  }

  /** Whether the category has any figure left to say. */
  hasAny(category: string): boolean {
    return this.def.metrics.some((m) => m.category === category && !this.used.has(m.id) && this.valueOf(m));
  }

  /**
   * Up to `max` telling figures of a category not yet said, by weight (then definition order), each
   * with its follower; they are marked as said.
   */
  take(category: string, max: number): Figure[] {
    return this.pick(
      (m) => m.category === category,
      () => 0,
      max,
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

  private pick(wanted: (m: MetricDef) => boolean, rank: (m: MetricDef) => number, max: number): Figure[] {
    const followers = new Map<string, MetricDef>();
    for (const m of this.def.metrics) if (m.follows) followers.set(m.follows, m);
    const candidates = this.def.metrics
      .map((m, order) => ({ m, order, v: this.valueOf(m) }))
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
        value: v!.value,
        ytd: v!.ytd,
      };
      const fm = followers.get(m.id);
      const fv = fm ? this.valueOf(fm) : null;
      if (fm && fv && fv.ytd === v!.ytd) {
        this.used.add(fm.id);
        f.follower = { metric: fm, phrase: formatTemplate(fm.phrase, this.vars), value: fv.value };
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
}

function withFollower(f: Figure): string {
  let s = `${f.phrase}${formatCount(f.value, f.metric.unit, f.metric.style)}`;
  if (f.follower) {
    const fm = f.follower.metric;
    s +=
      fm.sameAs && f.follower.value === f.value
        ? `，${fm.sameAs}`
        : `，${f.follower.phrase}${formatCount(f.follower.value, fm.unit, fm.style)}`;
  }
  return s;
}

/**
 * The figures as one clause: "本季度组织理论学习中心组集体学习3次，开展专题学习研讨2次；截至第三季度累计
 * 签订{subject}工作责任书24份" — the period's figures after its phrase, the year-to-date ones after theirs,
 * stock levels ("配备网评员12人") last. `lead` false leaves the period phrase out (the sentence has one).
 */
export function figureClause(figs: readonly Figure[], period: PeriodVoice, lead = true): string {
  const stock = figs.filter((f) => f.metric.kind === 'stock');
  const cur = figs.filter((f) => f.metric.kind === 'flow' && !f.ytd);
  const ytd = figs.filter((f) => f.metric.kind === 'flow' && f.ytd);
  const parts: string[] = [];
  if (cur.length) parts.push(`${lead ? period.current : ''}${cur.map(withFollower).join('，')}`);
  if (ytd.length) {
    const p = period.ytd.startsWith('截至') ? `${period.ytd}累计` : `${period.ytd}共`;
    parts.push(`${p}${ytd.map(withFollower).join('，')}`);
  }
  if (stock.length) parts.push(stock.map(withFollower).join('，'));
  return parts.join('；');
}

/**
 * Where each figure belongs among a unit's paragraphs: the one that speaks of it most (keyword
 * occurrences, a paragraph of the metric's own category counting half a hit more), the first of equals.
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
    let bestScore = 0;
    paragraphs.forEach((p, i) => {
      let hits = 0;
      for (const k of m.keywords!) hits += p.text.split(k).length - 1;
      const score = hits > 0 ? hits + (p.category === m.category ? 0.5 : 0) : 0;
      if (score > bestScore) {
        best = i;
        bestScore = score;
      }
    });
    if (best >= 0) homes[best].add(m.id);
  }
  return homes;
}
