// Period keys ("2023Q3", "2023H1", "2023Y") and their order, all derived from def.periods and
// def.reportKinds: a period's "family" is the report kind whose 报告期 list contains it, and its previous
// period is the one before it in that list (the first one's is the previous year's last).
import {
  type Definition,
  type PeriodDef,
  type ReportKindDef,
  type Submission,
} from '../../../templates/src/index';

export interface PeriodRef {
  year: number;
  /** def.periods[].code: Q1..Q4, H1, H2, Y. */
  code: string;
}

export function periodKey(ref: PeriodRef): string {
  return `${ref.year}${ref.code}`;
}

export function periodDef(code: string, def: Definition): PeriodDef | undefined {
  return def.periods.find((p) => p.code === code);
}

function familyOf(code: string, def: Definition): ReportKindDef | undefined {
  const p = periodDef(code, def);
  return p ? def.reportKinds.find((k) => k.periods.includes(p.name)) : undefined;
}

/**
 * Parses what a user types for a period: "2023Q3", "2023q3", "2023-Q3", "2023年第三季度", "2023年上半年",
 * "2023全年". Returns null when it is not a known period.
 */
export function parsePeriod(text: string, def: Definition): PeriodRef | null {
  const s = text.trim().replace(/\s+/g, '');
  const m = /^(\d{4})(?:年|-|_|\/)?(.+)$/.exec(s);
  if (!m) return null;
  const year = Number(m[1]);
  const rest = m[2];
  const p =
    def.periods.find((d) => d.code.toUpperCase() === rest.toUpperCase()) ??
    def.periods.find((d) => d.name === rest);
  return p ? { year, code: p.code } : null;
}

/** The period a submission reports on, or null when 年度 or 报告期 is missing or unknown. */
export function periodOfSubmission(
  sub: Pick<Submission, 'year' | 'period'>,
  def: Definition,
): PeriodRef | null {
  if (sub.year == null || !sub.period) return null;
  const p = def.periods.find((d) => d.name === sub.period);
  return p ? { year: sub.year, code: p.code } : null;
}

/** Orders periods by year, then position within the year, then definition order. */
export function comparePeriods(a: PeriodRef, b: PeriodRef, def: Definition): number {
  if (a.year !== b.year) return a.year - b.year;
  const pa = periodDef(a.code, def);
  const pb = periodDef(b.code, def);
  const oa = pa?.order ?? 0;
  const ob = pb?.order ?? 0;
  if (oa !== ob) return oa - ob;
  return def.periods.indexOf(pa as PeriodDef) - def.periods.indexOf(pb as PeriodDef);
}

export function compareKeys(a: string, b: string, def: Definition): number {
  const pa = parsePeriod(a, def);
  const pb = parsePeriod(b, def);
  if (!pa || !pb) return a < b ? -1 : a > b ? 1 : 0;
  return comparePeriods(pa, pb, def);
}

/** The period before this one in its family: Q1 → previous year's Q4, H2 → H1, Y → previous Y. */
export function previousPeriod(ref: PeriodRef, def: Definition): PeriodRef | null {
  const fam = familyOf(ref.code, def);
  const p = periodDef(ref.code, def);
  if (!fam || !p) return null;
  const i = fam.periods.indexOf(p.name);
  const prevName = i > 0 ? fam.periods[i - 1] : fam.periods[fam.periods.length - 1];
  const prev = def.periods.find((d) => d.name === prevName);
  if (!prev) return null;
  return { year: i > 0 ? ref.year : ref.year - 1, code: prev.code };
}

/** The earlier periods of the same year in the same family (Q3 → Q1, Q2; H2 → H1; Y → none). */
export function earlierPeriodsOfYear(ref: PeriodRef, def: Definition): PeriodRef[] {
  const fam = familyOf(ref.code, def);
  const p = periodDef(ref.code, def);
  if (!fam || !p) return [];
  const i = fam.periods.indexOf(p.name);
  const out: PeriodRef[] = [];
  for (const name of fam.periods.slice(0, Math.max(i, 0))) {
    const d = def.periods.find((x) => x.name === name);
    if (d) out.push({ year: ref.year, code: d.code });
  }
  return out;
}

/** "2023年第三季度", "2023年上半年", "2023年全年". */
export function periodLabel(ref: PeriodRef, def: Definition): string {
  const p = periodDef(ref.code, def);
  return `${ref.year}年${p ? p.name : ref.code}`;
}

export function keyLabel(key: string, def: Definition): string {
  const ref = parsePeriod(key, def);
  return ref ? periodLabel(ref, def) : key;
}
