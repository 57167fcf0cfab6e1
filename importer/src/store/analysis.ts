// Period-over-period analysis on submissions: 环比 per metric, risk tracking by 风险编号, 本年累计 against
// the sum of the year's periods, and the summary's sentences on the main changes. Pure functions over
// Submission objects; the store feeds them.
import {
  isDoneStatus,
  makeIssue,
  roleOf,
  roleValue,
  type Definition,
  type EarlierReport,
  type EarlierRisks,
  type Issue,
  type Submission,
} from '../../../templates/src/index';

export interface MetricChange {
  metricId: string;
  name: string;
  category: string;
  unit: string;
  current: number | null;
  previous: number | null;
  /** current − previous, null when either is blank. */
  change: number | null;
}

/** new: first seen this period; carried: in both periods; resolved: marked 已整改 this period; closed: was
 *  已整改 last period and is gone now; vanished: was not 已整改 last period and is gone without a word;
 *  reopened: was 已整改 last period and is open again. */
export type RiskTrackKind = 'new' | 'carried' | 'resolved' | 'closed' | 'vanished' | 'reopened';

export interface RiskTrack {
  riskId: string;
  kind: RiskTrackKind;
  category: string | null;
  level: string | null;
  description: string | null;
  previousStatus: string | null;
  currentStatus: string | null;
}

/** The 整改状态 value meaning "rectified" (the first value carrying the role done). */
export function doneStatus(def: Definition): string {
  return roleValue(def, 'riskStatus', 'done')!;
}

/** The status a risk whose 整改状态 was left blank is taken to have (the first value of role open). */
function openStatus(def: Definition): string {
  return roleValue(def, 'riskStatus', 'open')!;
}

function metricMap(sub: Submission | null): Map<string, Submission['metrics'][number]> {
  return new Map((sub?.metrics ?? []).map((m) => [m.id, m]));
}

/** 环比: every metric of the definition, this period against the previous one. */
export function compareMetrics(
  current: Submission,
  previous: Submission | null,
  def: Definition,
): MetricChange[] {
  const cur = metricMap(current);
  const prev = metricMap(previous);
  return def.metrics.map((m) => {
    const c = cur.get(m.id)?.current ?? null;
    const p = prev.get(m.id)?.current ?? null;
    return {
      metricId: m.id,
      name: m.name,
      category: m.category,
      unit: m.unit,
      current: c,
      previous: p,
      change: c != null && p != null ? c - p : null,
    };
  });
}

/**
 * Follows every risk by 风险编号 from the previous period's register to this one. Without a previous
 * submission nothing can be said and the result is empty.
 */
export function trackRisks(current: Submission, previous: Submission | null, def: Definition): RiskTrack[] {
  if (!previous) return [];
  const isDone = (s: string | null) => isDoneStatus(def, s);
  const prev = new Map(previous.risks.map((r) => [r.id, r]));
  const seen = new Set<string>();
  const out: RiskTrack[] = [];
  for (const r of current.risks) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    const p = prev.get(r.id);
    const cs = r.status ?? openStatus(def);
    const ps = p ? (p.status ?? openStatus(def)) : null;
    let kind: RiskTrackKind;
    if (!p) kind = 'new';
    else if (isDone(ps) && !isDone(cs)) kind = 'reopened';
    else if (isDone(cs) && !isDone(ps)) kind = 'resolved';
    else kind = 'carried';
    out.push({
      riskId: r.id,
      kind,
      category: r.category,
      level: r.level,
      description: r.description,
      previousStatus: ps,
      currentStatus: cs,
    });
  }
  for (const p of previous.risks) {
    if (seen.has(p.id)) continue;
    seen.add(p.id);
    const ps = p.status ?? openStatus(def);
    out.push({
      riskId: p.id,
      kind: isDone(ps) ? 'closed' : 'vanished',
      category: p.category,
      level: p.level,
      description: p.description,
      previousStatus: ps,
      currentStatus: null,
    });
  }
  return out;
}

/**
 * The unit's earlier report of the year as this period's report refers back to it: its period and kind,
 * and where the risks of its register stand now (trackRisks by 风险编号; this register's 整改状态 decides).
 */
export function earlierReportOf(current: Submission, earlier: Submission, def: Definition): EarlierReport {
  const risks: EarlierRisks = {
    listed: 0,
    doneThen: 0,
    doneSince: 0,
    carried: 0,
    inProgress: 0,
    open: 0,
    overdue: 0,
    unaccounted: 0,
  };
  const carriedIds: string[] = [];
  // A 风险编号 listed twice is followed by its first row (as trackRisks does).
  const overdueNow = new Map<string, boolean>();
  for (const r of current.risks) if (!overdueNow.has(r.id)) overdueNow.set(r.id, r.overdue);
  for (const t of trackRisks(current, earlier, def)) {
    if (t.kind === 'new') continue;
    risks.listed++;
    if (t.kind === 'closed') risks.doneThen++;
    else if (t.kind === 'vanished') risks.unaccounted++;
    else {
      risks.carried++;
      carriedIds.push(t.riskId);
      if (t.kind === 'resolved') risks.doneSince++;
      else if (isDoneStatus(def, t.currentStatus)) risks.doneThen++;
      else {
        if (roleOf(def, 'riskStatus', t.currentStatus) === 'inProgress') risks.inProgress++;
        else risks.open++;
        if (overdueNow.get(t.riskId)) risks.overdue!++;
      }
    }
  }
  return {
    year: earlier.year ?? 0,
    period: earlier.period ?? '',
    reportKind: earlier.reportKind,
    risks: { ...risks, carriedIds },
  };
}

/** 警告 for risks that vanished without being marked 已整改, or were reopened. */
export function riskWarnings(tracks: readonly RiskTrack[], previousLabel: string, def: Definition): Issue[] {
  const idLabel = def.riskColumns.find((c) => c.key === 'id')?.label ?? null;
  const out: Issue[] = [];
  for (const t of tracks) {
    if (t.kind !== 'vanished' && t.kind !== 'reopened') continue;
    const rule = t.kind === 'vanished' ? ('track.riskVanished' as const) : ('track.riskReopened' as const);
    out.push(
      makeIssue(
        def,
        'warning',
        rule,
        {
          id: t.riskId,
          field: t.description ?? '',
          previous: previousLabel,
          status: t.kind === 'vanished' ? (t.previousStatus ?? '') : (t.currentStatus ?? ''),
        },
        { sheet: def.sheets.risks, field: idLabel, value: t.riskId },
      ),
    );
  }
  return out;
}

export interface EarlierPeriod {
  /** 报告期 name, e.g. 第一季度. */
  name: string;
  submission: Submission | null;
}

/**
 * 本年累计 against the sum of 本期数 over the year's periods: checked for a flow metric only when this
 * period and every earlier period of the year have its 本期数 (otherwise the sum is unknown).
 */
export function checkYtd(current: Submission, earlier: readonly EarlierPeriod[], def: Definition): Issue[] {
  if (earlier.some((e) => e.submission == null)) return [];
  const curName = current.period ?? '';
  const maps = earlier.map((e) => metricMap(e.submission));
  const out: Issue[] = [];
  for (const m of def.metrics) {
    if (m.kind !== 'flow') continue;
    const cur = current.metrics.find((x) => x.id === m.id);
    if (!cur || cur.ytd == null || cur.current == null) continue;
    const parts = maps.map((mm) => mm.get(m.id)?.current ?? null);
    if (parts.some((p) => p == null)) continue;
    const sum = (parts as number[]).reduce((a, b) => a + b, 0) + cur.current;
    if (sum === cur.ytd) continue;
    const breakdown = [...earlier.map((e, i) => `${e.name}${parts[i]}`), `${curName}${cur.current}`].join(
      '＋',
    );
    out.push(
      makeIssue(
        def,
        'warning',
        'track.ytdMismatch',
        { field: m.name, ytd: cur.ytd, quarters: breakdown, sum },
        { sheet: def.sheets.metrics, value: String(cur.ytd) },
      ),
    );
  }
  return out;
}

export interface UnitChange {
  /** The unit also reported in the previous period. */
  hasPrevious: boolean;
  metrics: readonly MetricChange[];
  risks: readonly RiskTrack[];
}

function pct(from: number, to: number): string {
  return `${((Math.abs(to - from) / from) * 100).toFixed(1).replace(/\.0$/, '')}%`;
}

/**
 * Sentences on the main changes since the previous period, for the summary report: units that reported,
 * the metrics that moved most (like for like: units that reported in both periods), and risk movement.
 * Empty when there is no previous period to compare with.
 */
export function describeChanges(
  units: readonly UnitChange[],
  ctx: { current: string; previous: string; currentUnits: number; previousUnits: number },
  def: Definition,
  maxMetrics = 3,
): string[] {
  const labels = ctx;
  const prevCount = ctx.previousUnits;
  if (prevCount === 0) return [];
  const curCount = ctx.currentUnits;
  const out: string[] = [];
  out.push(
    curCount === prevCount
      ? `与${labels.previous}相比，报送单位数持平，均为${curCount}个。`
      : `与${labels.previous}相比，报送单位由${prevCount}个${curCount > prevCount ? '增加' : '减少'}到${curCount}个。`,
  );
  const both = units.filter((u) => u.hasPrevious);
  if (both.length > 0) {
    const moves: { name: string; unit: string; from: number; to: number; score: number }[] = [];
    for (const m of def.metrics) {
      let from = 0;
      let to = 0;
      let n = 0;
      for (const u of both) {
        const c = u.metrics.find((x) => x.metricId === m.id);
        if (c?.current == null || c.previous == null) continue;
        from += c.previous;
        to += c.current;
        n++;
      }
      if (n === 0 || from === to || from === 0) continue;
      moves.push({ name: m.name, unit: m.unit, from, to, score: Math.abs(to - from) / from });
    }
    moves.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'zh'));
    const top = moves.slice(0, maxMetrics);
    if (top.length > 0) {
      const parts = top.map(
        (x) =>
          `“${x.name}”合计由${x.from}${x.unit}${x.to > x.from ? '增加' : '减少'}到${x.to}${x.unit}（${x.to > x.from ? '增长' : '下降'}${pct(x.from, x.to)}）`,
      );
      out.push(`在两期均报送的${both.length}个单位中，变化较大的指标是：${parts.join('；')}。`);
    }
  }
  const all = units.flatMap((u) => u.risks);
  const count = (k: RiskTrackKind) => all.filter((r) => r.kind === k).length;
  const risky = all.length > 0;
  if (risky) {
    const parts = [
      `新发现风险隐患${count('new')}条`,
      `上期延续${count('carried') + count('resolved') + count('reopened')}条（其中本期整改完成${count('resolved')}条）`,
    ];
    if (count('vanished') > 0)
      parts.push(
        `另有${count('vanished')}条上期未整改完成的风险本期未再报告且未标记“${doneStatus(def)}”，需核实`,
      );
    if (count('reopened') > 0) parts.push(`${count('reopened')}条上期已整改的风险本期重新出现`);
    out.push(`风险隐患方面，${parts.join('，')}。`);
  }
  return out;
}
