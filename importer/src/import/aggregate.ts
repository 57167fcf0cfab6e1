// What the consolidated summary report is built from, aggregated incrementally and kept small: totals,
// top units per metric, problems per category with representative descriptions, bounded lists of high
// and overdue risks. Pure data, independent of the report builder's own input type (see summary.ts).
import {
  compareTelling,
  isHighLevel,
  tellingKey,
  type Definition,
  type EarlierReport,
  type Risk,
} from '../../../templates/src/index';

export interface UnitRef {
  code: string;
  name: string;
}

export interface MetricAggregate {
  id: string;
  name: string;
  category: string;
  unit: string;
  total: number;
  /** Units that filled the metric (0 included). */
  filled: number;
  /** Units that reported a value above zero. */
  units: number;
  /** Highest figures first (ties by unit order). */
  top: { name: string; value: number }[];
}

export interface RiskRef {
  unit: string;
  id: string;
  category: string | null;
  level: string | null;
  description: string | null;
  /** 具体表现 and 原因分析 (the summary's cause for a problem fits what its rows say). */
  detail: string | null;
  cause: string | null;
  measures: string | null;
  deadline: string | null;
  status: string | null;
  overdue: boolean;
}

export interface CategoryProblems {
  category: string;
  /** How many units reported at least one risk in this category. */
  units: number;
  /** Those units' names, in the order they came. */
  unitNames: string[];
  risks: number;
  high: number;
  /**
   * Up to MAX_EXAMPLES distinct descriptions, one per unit (its most telling row of the category), the
   * most telling first (tellingKey: level, then overdue or not started, then concrete wording), else in
   * the order they came.
   */
  examples: CategoryExample[];
}

/** A register row a summary may quote: its unit, its words and what makes it telling. */
export interface CategoryExample {
  unit: string;
  description: string;
  level: string | null;
  overdue: boolean;
  status: string | null;
  detail: string | null;
  cause: string | null;
}

/** A unit's own words the summary quotes: practices from its narrative, problems it wrote itself. */
export interface UnitWords {
  practices: { category: string; text: string }[];
  problems: { category: string; text: string }[];
}

/**
 * How the risks of the counted units' earlier reports of the year stand in this round: their EarlierReport
 * counts (the same the unit reports are written from) summed over the units whose earlier report is of
 * the period most of them have.
 */
export interface EarlierAggregate {
  year: number;
  /** The earlier reports' 报告期 and 报告类型 (上半年, 半年自查报告). */
  period: string;
  reportKind: string | null;
  /** Units summed. */
  units: number;
  /** Risks their registers listed as not rectified then: doneSince + inProgress + notStarted + unaccounted. */
  open: number;
  /** Of those, marked rectified in this round's registers. */
  doneSince: number;
  /** Still listed and not rectified: being rectified, not started (the 整改状态's roles). */
  inProgress: number;
  notStarted: number;
  /** Of inProgress and notStarted, past their 整改时限. */
  overdue: number;
  /** Gone from this round's registers without being marked rectified. */
  unaccounted: number;
  /** The units with such rows, in the order counted (roster order). */
  unaccountedUnits: string[];
}

export interface ImportAggregate {
  expected: number;
  submitted: number;
  passed: number;
  withWarnings: number;
  withErrors: number;
  missing: UnitRef[];
  /** Counted units that reported neither a risk nor a problem of their own, in the order counted. */
  quietUnits?: string[];
  /** Units whose returns have errors (returned for correction, their figures not counted), by roster. */
  returned?: UnitRef[];
  unknown: UnitRef[];
  /** The period most submissions are for. */
  year: number | null;
  reportKind: string | null;
  period: string | null;
  /** Units whose figures are counted (submitted without errors). */
  counted: number;
  metrics: MetricAggregate[];
  problems: CategoryProblems[];
  riskTotals: { risks: number; high: number; overdue: number; byLevel: Record<string, number> };
  highRisks: RiskRef[];
  overdueRisks: RiskRef[];
  /** Counted units' own practices and problems (bounded). */
  practices: { unit: string; category: string; text: string }[];
  unitProblems: { unit: string; category: string; text: string }[];
  /** The counted units' earlier reports of the year (workspace store); null without any. */
  earlier?: EarlierAggregate | null;
}

/** Units' own sentences kept for the summary (it names a few per theme). */
export const MAX_WORDS = 20_000;

export const TOP_UNITS = 3;
/** The summary quotes up to three per heading, a unit once in the report: a few more to choose from. */
export const MAX_EXAMPLES = 8;
/** High and overdue risks are listed in full (a few short fields each); this bounds a pathological batch. */
export const MAX_LISTED_RISKS = 200_000;

/** The key counted most often; the first one counted on a tie (the counts' insertion order). */
export function mostCommon<K>(counts: ReadonlyMap<K, number>): K | null {
  let best: [K, number] | null = null;
  for (const e of counts) if (!best || e[1] > best[1]) best = e;
  return best ? best[0] : null;
}

export class Aggregator {
  private metricTop: { name: string; value: number }[][];
  private metricTotals: number[];
  private metricUnits: number[];
  private metricFilled: number[];
  private cats = new Map<
    string,
    {
      units: Set<string>;
      risks: number;
      high: number;
      examples: { e: CategoryExample; key: number[]; seq: number }[];
    }
  >();
  private exampleSeq = 0;
  private byLevel: Record<string, number> = {};
  private risks = 0;
  private high = 0;
  private overdue = 0;
  private highRisks: RiskRef[] = [];
  private overdueRisks: RiskRef[] = [];
  private periods = new Map<string, number>();
  private practices: ImportAggregate['practices'] = [];
  private unitProblems: ImportAggregate['unitProblems'] = [];
  /** Counted units in the order they were added, and those that reported a risk or a problem. */
  private countedUnits: string[] = [];
  private spoke = new Set<string>();
  /** Earlier reports summed by their year, period and kind (a unit may lack one of the round's). */
  private earlier = new Map<string, EarlierAggregate>();
  counted = 0;

  constructor(private def: Definition) {
    const n = def.metrics.length;
    this.metricTop = Array.from({ length: n }, () => []);
    this.metricTotals = new Array(n).fill(0);
    this.metricUnits = new Array(n).fill(0);
    this.metricFilled = new Array(n).fill(0);
    for (const l of def.vocab.riskLevel.values) this.byLevel[l] = 0;
  }

  /** One counted unit's figures (本期数 in definition order) and its period. */
  addUnit(
    name: string,
    current: readonly (number | null)[],
    period: { year: number | null; reportKind: string | null; period: string | null },
  ): void {
    this.counted++;
    this.countedUnits.push(name);
    const key = JSON.stringify([period.year, period.reportKind, period.period]);
    this.periods.set(key, (this.periods.get(key) ?? 0) + 1);
    current.forEach((v, j) => {
      if (v === null || v === undefined) return;
      this.metricTotals[j] += v;
      this.metricFilled[j]++;
      if (v > 0) this.metricUnits[j]++;
      const top = this.metricTop[j];
      if (v > 0 && (top.length < TOP_UNITS || v > top[top.length - 1].value)) {
        top.push({ name, value: v });
        top.sort((a, b) => b.value - a.value);
        if (top.length > TOP_UNITS) top.pop();
      }
    });
  }

  /** A counted unit's own practices and problems. */
  addWords(unit: string, w: UnitWords): void {
    if (w.problems.length) this.spoke.add(unit);
    for (const p of w.practices) if (this.practices.length < MAX_WORDS) this.practices.push({ unit, ...p });
    for (const p of w.problems)
      if (this.unitProblems.length < MAX_WORDS) this.unitProblems.push({ unit, ...p });
  }

  /** A counted unit's earlier report of the year, as its unit report refers back to it (or none). */
  addEarlier(unit: string, e: EarlierReport | null | undefined): void {
    if (!e) return;
    const key = JSON.stringify([e.year, e.period, e.reportKind]);
    let a = this.earlier.get(key);
    if (!a) {
      a = {
        year: e.year,
        period: e.period,
        reportKind: e.reportKind,
        units: 0,
        open: 0,
        doneSince: 0,
        inProgress: 0,
        notStarted: 0,
        overdue: 0,
        unaccounted: 0,
        unaccountedUnits: [],
      };
      this.earlier.set(key, a);
    }
    const r = e.risks;
    a.units++;
    a.open += r.doneSince + r.inProgress + r.open + r.unaccounted;
    a.doneSince += r.doneSince;
    a.inProgress += r.inProgress;
    a.notStarted += r.open;
    a.overdue += r.overdue ?? 0;
    a.unaccounted += r.unaccounted;
    if (r.unaccounted) a.unaccountedUnits.push(unit);
  }

  addRisk(unit: string, r: Risk): void {
    this.risks++;
    this.spoke.add(unit);
    const high = isHighLevel(this.def, r.level);
    if (r.level && r.level in this.byLevel) this.byLevel[r.level]++;
    const ref: RiskRef = {
      unit,
      id: r.id,
      category: r.category,
      level: r.level,
      description: r.description,
      detail: r.detail,
      cause: r.values?.cause ?? null,
      measures: r.measures,
      deadline: r.deadline,
      status: r.status,
      overdue: r.overdue,
    };
    if (high) {
      this.high++;
      if (this.highRisks.length < MAX_LISTED_RISKS) this.highRisks.push(ref);
    }
    if (r.overdue) {
      this.overdue++;
      if (this.overdueRisks.length < MAX_LISTED_RISKS) this.overdueRisks.push(ref);
    }
    const cat = r.category ?? '其他';
    let c = this.cats.get(cat);
    if (!c) {
      c = { units: new Set(), risks: 0, high: 0, examples: [] };
      this.cats.set(cat, c);
    }
    c.risks++;
    if (high) c.high++;
    c.units.add(unit);
    if (r.description) this.addExample(c.examples, ref, r.description);
  }

  /**
   * Keeps a row as one of its category's examples: in place of its unit's own when more telling, else in a
   * free place or in place of the least telling one (an earlier row stays on a tie). Kept most telling
   * first.
   */
  private addExample(
    list: { e: CategoryExample; key: number[]; seq: number }[],
    ref: RiskRef,
    description: string,
  ): void {
    if (list.some((x) => x.e.description === description)) return;
    const e: CategoryExample = {
      unit: ref.unit,
      description,
      level: ref.level,
      overdue: ref.overdue,
      status: ref.status,
      detail: ref.detail,
      cause: ref.cause,
    };
    const mine = list.findIndex((x) => x.e.unit === ref.unit);
    // A unit's row keeps the place its first came in (the order they came, among rows alike).
    const seq = mine >= 0 ? list[mine].seq : this.exampleSeq++;
    const item = { e, key: tellingKey(this.def, description, e), seq };
    const worst = mine >= 0 ? mine : list.length < MAX_EXAMPLES ? -1 : list.length - 1;
    if (worst >= 0 && compareTelling(item.key, list[worst].key) >= 0) return;
    if (worst >= 0) list.splice(worst, 1);
    list.push(item);
    list.sort((a, b) => compareTelling(a.key, b.key) || a.seq - b.seq);
  }

  result(
    base: Pick<
      ImportAggregate,
      'expected' | 'submitted' | 'passed' | 'withWarnings' | 'withErrors' | 'missing' | 'returned' | 'unknown'
    >,
  ): ImportAggregate {
    const best = mostCommon(this.periods);
    const [year, reportKind, period] = best
      ? (JSON.parse(best) as [number | null, string | null, string | null])
      : [null, null, null];
    const order = this.def.vocab.riskCategory.values;
    const earlierKey = mostCommon(new Map([...this.earlier].map(([k, a]) => [k, a.units])));
    const problems = [...this.cats.entries()]
      .map(([category, c]) => ({
        category,
        units: c.units.size,
        unitNames: [...c.units],
        risks: c.risks,
        high: c.high,
        examples: c.examples.map((x) => x.e),
      }))
      .sort(
        (a, b) =>
          b.units - a.units || b.risks - a.risks || order.indexOf(a.category) - order.indexOf(b.category),
      );
    return {
      ...base,
      year,
      reportKind,
      period,
      counted: this.counted,
      quietUnits: this.countedUnits.filter((u) => !this.spoke.has(u)),
      metrics: this.def.metrics.map((m, j) => ({
        id: m.id,
        name: m.name,
        category: m.category,
        unit: m.unit,
        total: this.metricTotals[j],
        filled: this.metricFilled[j],
        units: this.metricUnits[j],
        top: this.metricTop[j],
      })),
      problems,
      riskTotals: { risks: this.risks, high: this.high, overdue: this.overdue, byLevel: this.byLevel },
      highRisks: this.highRisks,
      overdueRisks: this.overdueRisks,
      practices: this.practices,
      unitProblems: this.unitProblems,
      earlier: earlierKey !== null ? this.earlier.get(earlierKey)! : null,
    };
  }
}
