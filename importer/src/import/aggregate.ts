// What the consolidated summary report is built from, aggregated incrementally and kept small: totals,
// top units per metric, problems per category with representative descriptions, bounded lists of high
// and overdue risks. Pure data, independent of the report builder's own input type (see summary.ts).
import { isHighLevel, type Definition, type Risk } from '../../../templates/src/index';

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
  /** Up to MAX_EXAMPLES distinct descriptions, from different units where possible. */
  examples: { unit: string; description: string }[];
}

/** A unit's own words the summary quotes: practices from its narrative, problems it wrote itself. */
export interface UnitWords {
  practices: { category: string; text: string }[];
  problems: { category: string; text: string }[];
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
}

/** Units' own sentences kept for the summary (it names a few per theme). */
export const MAX_WORDS = 20_000;

export const TOP_UNITS = 3;
export const MAX_EXAMPLES = 3;
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
    { units: Set<string>; risks: number; high: number; examples: { unit: string; description: string }[] }
  >();
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
    const newUnit = !c.units.has(unit);
    c.units.add(unit);
    if (
      r.description &&
      newUnit &&
      c.examples.length < MAX_EXAMPLES &&
      !c.examples.some((e) => e.description === r.description)
    )
      c.examples.push({ unit, description: r.description });
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
    const problems = [...this.cats.entries()]
      .map(([category, c]) => ({
        category,
        units: c.units.size,
        unitNames: [...c.units],
        risks: c.risks,
        high: c.high,
        examples: c.examples,
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
    };
  }
}
