// Next round's workbook from this round: the risks a unit has not closed are carried into its register
// with the same 风险编号 (status and progress left for the unit to update), and each flow metric's 本年累计
// so far is given as a hint. Pure: the host finds the unit's earlier submissions (the store) and fills the
// workbook with the result (fillWorkbook's `carried`).
import type { Definition } from '../standard/types';
import type { Submission } from '../standard/schema';
import { isDoneStatus } from '../standard/roles';
import type { TemplateRound } from '../template/writer';

export interface CarryOver {
  /** 风险隐患台账 rows by register column key (the columns the definition carries). */
  risks: Record<string, string | null>[];
  /** The carried 风险编号, recorded in the workbook so the checker notices one that disappears. */
  riskIds: string[];
  /** Flow metric id → its 本年累计 at the end of the earlier periods of the round's year. */
  ytdBefore: Record<string, number>;
  /** The period the risks came from, e.g. 2023年第三季度 (null when nothing was carried). */
  from: string | null;
}

type Earlier = Pick<Submission, 'year' | 'period' | 'metrics' | 'risks'>;

/** A period's position in time: year × 12 + its last month (null for an unknown period). */
function endOf(def: Definition, year: number | null, period: string | null): number | null {
  const p = def.periods.find((x) => x.name === period);
  return p && year !== null ? year * 12 + p.endMonth : null;
}

/**
 * What round `round` starts from, given the unit's earlier submissions (one per period, any order):
 * the open risks of the latest period before the round, and the year's 本年累计 so far — the latest
 * same-year period's 本年累计, else the sum of the same-year periods' 本期数 when those cover the year
 * from January without a gap.
 */
export function carryOver(def: Definition, round: TemplateRound, earlier: readonly Earlier[]): CarryOver {
  const p = def.periods.find((x) => x.name === round.period);
  const start = p ? round.year * 12 + p.startMonth - 1 : null;
  const before = earlier
    .map((s) => ({ s, end: endOf(def, s.year, s.period) }))
    .filter((x): x is { s: Earlier; end: number } => x.end !== null && start !== null && x.end <= start)
    .sort((a, b) => a.end - b.end);
  const latest = before.at(-1)?.s ?? null;

  const carriedCols = def.riskColumns.filter((c) => c.carry !== false);
  const risks: Record<string, string | null>[] = [];
  const riskIds: string[] = [];
  for (const r of latest?.risks ?? []) {
    if (isDoneStatus(def, r.status)) continue;
    const values: Record<string, string | null> = { ...r.values };
    const named = r as unknown as Record<string, unknown>;
    const row: Record<string, string | null> = {};
    for (const c of carriedCols) {
      const v = c.key in values ? values[c.key] : named[c.key];
      row[c.key] = typeof v === 'string' && v !== '' ? v : null;
    }
    row.id = r.id;
    risks.push(row);
    riskIds.push(r.id);
  }

  const ytdBefore: Record<string, number> = {};
  if (p) {
    const sameYear = before.filter((x) => x.s.year === round.year);
    const last = sameYear.at(-1)?.s ?? null;
    // Do the same-year periods tile January..(start of the round) with no gap?
    let month = 0;
    let tiled = true;
    for (const { s } of sameYear) {
      const q = def.periods.find((x) => x.name === s.period)!;
      if (q.startMonth !== month + 1) tiled = false;
      month = q.endMonth;
    }
    tiled &&= month === p.startMonth - 1 && sameYear.length > 0;
    // The latest period's 本年累计 is the year so far only when it ends right before the round.
    const lastEndsBefore = month === p.startMonth - 1;
    for (const m of def.metrics) {
      if (m.kind !== 'flow' || !last) continue;
      const ytd = lastEndsBefore ? (last.metrics.find((x) => x.id === m.id)?.ytd ?? null) : null;
      if (ytd !== null) {
        ytdBefore[m.id] = ytd;
        continue;
      }
      if (!tiled) continue;
      const currents = sameYear.map(({ s }) => s.metrics.find((x) => x.id === m.id)?.current ?? null);
      if (currents.every((c) => c !== null)) ytdBefore[m.id] = currents.reduce((a, c) => a! + c!, 0)!;
    }
  }
  return {
    risks,
    riskIds,
    ytdBefore,
    from: latest && riskIds.length ? `${latest.year}年${latest.period}` : null,
  };
}
