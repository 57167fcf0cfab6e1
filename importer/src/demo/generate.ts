// Builds the demo set (deterministic, seeded): one returned workbook per unit from its own data (data.ts)
// with figures drawn around its scale, a few with errors or warnings, one duplicate pair, one byte-identical copy, one
// unit in the roster that never submitted. Also used by the benchmark to make realistic workbooks.
import {
  emptyNarrative,
  fillWorkbook,
  roleValue,
  type Definition,
  type FillInput,
} from '../../../templates/src/index';
import { DEFAULT_AUDIENCE, DEMO_UNITS, METRIC_BASE, type DemoRisk, type DemoUnit } from './data';

/** mulberry32: a small deterministic PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const DEMO_YEAR = 2023;
export const DEMO_PERIOD = '第三季度';
/** The round's deadline in the demo roster (a unit whose 填报日期 is later is 迟报). */
export const DEMO_DEADLINE = '2023-10-11';
export const DEMO_KIND = '季度分析研判报告';
/** The demo is imported as of this date (overdue risks are judged against it). */
export const DEMO_AS_OF = '2023-10-15';
export const DEMO_ISSUER = '市直机关工委';
/** Who leads the demo's 市直 units (the 上级党组织 they name when they name none of their own). */
const DEMO_SUPERIOR = '市委';

/** What the demo set contains on purpose (tests and the printed summary use it). */
export const DEMO_CASES = {
  missing: '市档案馆',
  decimal: '市农业机械发展中心',
  word: '国基公司',
  periodMismatch: '市残联',
  coerced: '市文联',
  duplicate: '市科技局',
  identicalCopy: '市妇联',
  alias: { name: '市交通局', rosterName: '市交通运输局' },
} as const;

export interface UnitFillOptions {
  seed: number;
  fillDay?: number;
  /** Write the unit code (pre-filled template) or leave it blank (blank template, name typed). */
  withCode?: boolean;
  /** Name as typed in the workbook (an alias), when not the roster name. */
  typedName?: string;
  /**
   * Number of register rows (default: the unit's own register). Tests and the benchmark ask for a fixed
   * number: beyond the unit's own risks, rows of the following units' registers are borrowed.
   */
  risks?: number;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The unit's register rows, or `n` rows (its own first, then the following units' in roster order). */
function registerOf(unit: DemoUnit, n: number | undefined): readonly DemoRisk[] {
  if (n === undefined) return unit.risks;
  const at = DEMO_UNITS.findIndex((u) => u.risks === unit.risks);
  const others = [...DEMO_UNITS.slice(at + 1), ...DEMO_UNITS.slice(0, Math.max(at, 0))];
  const pool = [...unit.risks, ...others.flatMap((u) => u.risks)];
  return Array.from({ length: n }, (_, i) => pool[i % pool.length]);
}

/**
 * 本期数 and 本年累计 of every metric: the unit's own figures, else drawn around METRIC_BASE × scale. Each
 * metric takes its two draws whether it uses them or not, so fixing one figure changes no other.
 */
function unitMetrics(unit: DemoUnit, r: () => number, def: Definition): NonNullable<FillInput['metrics']> {
  const written = new Set<string>(unit.work.map((s) => s.category ?? ''));
  const fixed = unit.figures ?? {};
  const draws = new Map(def.metrics.map((m) => [m.id, [r(), r()] as const]));
  const base = (id: string) => (METRIC_BASE[id] ?? 1) * unit.scale;
  const current = new Map<string, number | null>();
  for (const m of def.metrics) {
    const [x] = draws.get(m.id)!;
    let v: number | null;
    if (m.id in fixed) v = fixed[m.id];
    // A unit that wrote about some categories leaves the others' figures blank (nothing to weave them
    // into); a unit that wrote no paragraph (or says so) fills every figure and lets the report compose.
    else if (unit.work.length && !unit.allFigures && !written.has(m.category)) v = null;
    else if (m.follows)
      v = null; // 覆盖人数 from the activities, 处置 as found: below
    else if (!(m.id in METRIC_BASE))
      v = x < 0.15 ? 1 : 0; // a rare event (纠正思想认识偏差)
    else v = Math.max(m.kind === 'stock' ? 1 : 0, Math.round(base(m.id) * (0.6 + x * 0.8)));
    if (v !== null && m.usualMax) v = Math.min(v, m.usualMax);
    current.set(m.id, v);
  }
  const values = new Map<string, { current: number; ytd: number | null }>();
  for (const m of def.metrics) {
    const v = current.get(m.id) ?? null;
    if (v === null || m.follows) continue;
    if (m.kind === 'stock') values.set(m.id, { current: v, ytd: null });
    // A yearly figure (责任书) is signed once: this quarter when the unit names it, else earlier this year.
    else if (m.yearly) values.set(m.id, m.id in fixed ? { current: v, ytd: v } : { current: 0, ytd: v });
    else {
      const y = draws.get(m.id)![1];
      const earlier =
        m.id in METRIC_BASE ? Math.round(Math.max(v, base(m.id)) * (1.6 + y * 0.8)) : y < 0.3 ? 1 : 0;
      values.set(m.id, { current: v, ytd: v + earlier });
    }
  }
  // A follower goes with its lead (覆盖人数 per activity, 处置 as found), this quarter and year to date.
  for (const m of def.metrics) {
    const lead = m.follows ? values.get(m.follows) : undefined;
    if (!m.follows || !lead || (m.id in fixed && fixed[m.id] === null)) continue;
    const perActivity = (unit.audience ?? DEFAULT_AUDIENCE) * (0.8 + draws.get(m.id)![0] * 0.4);
    const own = fixed[m.id];
    const ratio =
      own != null && lead.current > 0
        ? own / lead.current
        : m.follows === 'front.activities'
          ? perActivity
          : 1;
    values.set(m.id, {
      current: own ?? Math.round(lead.current * ratio),
      ytd: lead.ytd === null ? null : Math.round(lead.ytd * ratio),
    });
  }
  return def.metrics.map((m) => ({ id: m.id, current: null, ytd: null, ...values.get(m.id) }));
}

/** A complete FillInput for one unit, from its own data (no deliberate errors). */
export function unitFillInput(unit: DemoUnit, opts: UnitFillOptions, def: Definition): FillInput {
  const r = rng(opts.seed);
  const metrics = unitMetrics(unit, r, def);
  const fillDay = opts.fillDay ?? 8 + Math.floor(r() * 5);
  const fillDate = `${DEMO_YEAR}-10-${pad2(fillDay)}`;
  const yesNo = (b: boolean) => roleValue(def, 'yesNo', b ? 'yes' : 'no');
  const risks = registerOf(unit, opts.risks).map((x, i) => ({
    id: `FX-${DEMO_YEAR}-${pad2(i + 1)}`,
    category: x.category,
    description: x.description,
    detail: x.detail,
    level: roleValue(def, 'riskLevel', x.level),
    measures: x.measures,
    leader: x.leader ?? unit.reviewer,
    owner: x.owner,
    deadline: x.deadline,
    status: roleValue(def, 'riskStatus', x.status),
    progress: x.progress ?? '',
    cause: x.cause,
    note: '',
  }));
  const name = opts.typedName ?? unit.name;
  const rows = (list: DemoUnit['work']) =>
    list.map((p) => ({ category: p.category ?? null, title: p.title, body: p.body }));
  return {
    unit: { name, code: opts.withCode === false ? null : unit.code },
    partyOrg: unit.partyOrg,
    reportKind: DEMO_KIND,
    year: DEMO_YEAR,
    period: DEMO_PERIOD,
    filler: unit.filler,
    phone: `0371-6${String(1000000 + Math.floor(r() * 8999999)).slice(0, 7)}`,
    reviewer: unit.reviewer,
    fillDate,
    info: {
      superiorOrg: unit.superiorOrg ?? DEMO_SUPERIOR,
      dutyList: yesNo(unit.duty?.dutyList ?? true),
      inAssessment: yesNo(unit.duty?.inAssessment ?? true),
      inReview: yesNo(unit.duty?.inReview ?? true),
    },
    metrics,
    risks,
    narrative: {
      opening: unit.opening ?? null,
      sections: rows(unit.work),
      problems: rows(unit.problems),
      nextSteps: rows(unit.nextSteps),
      signatureUnit: unit.signatureUnit ?? unit.partyOrg,
      signatureDate: fillDate,
    },
  };
}

export interface DemoFile {
  /** Path under the 填报表 folder, forward slashes. */
  rel: string;
  bytes: Uint8Array;
  /** File time to set (the duplicate pair differs by it and by 填报日期). */
  mtime: Date;
}

export interface DemoSet {
  roster: DemoUnit[];
  files: DemoFile[];
  /** The roster as CSV (UTF-8 with BOM, as Excel saves it). */
  rosterCsv: string;
}

function setMetric(input: FillInput, id: string, current: unknown): FillInput {
  return {
    ...input,
    metrics: input.metrics!.map((m) =>
      // Keep 本年累计 ≥ 本期数 when the figure is a number (the deliberate errors are elsewhere).
      m.id === id
        ? {
            ...m,
            current,
            ytd:
              typeof current === 'number' && typeof m.ytd === 'number'
                ? Math.max(m.ytd, Math.ceil(current) * 3)
                : m.ytd,
          }
        : m,
    ),
  };
}

/** Words of a register row that place it in the third quarter (it cannot be in June's register). */
const THIRD_QUARTER_WORDS = /本季度|第三季度|三季度|[789]月|秋粮|中秋|国庆|暑期|夏季/u;

/** The kind and period of the round before the demo's: the units' 上半年 self-inspection. */
export const DEMO_EARLIER = {
  period: '上半年',
  kind: '半年自查报告',
  fillDate: `${DEMO_YEAR}-07-10`,
} as const;

/**
 * The units' 上半年 self-inspection workbooks, as they would have been returned in July: the figures the
 * third quarter's 本年累计 started from, and the register as it stood then (a risk rectified in the third
 * quarter was still being rectified; the last risk of a longer register was found only in the third
 * quarter). Only units with a register and no deliberate error take part; no narrative (the reports are
 * composed). Importing these first into the demo's store lets the third quarter's reports refer back.
 */
export async function buildDemoEarlierSet(def: Definition, seed = 2023): Promise<DemoFile[]> {
  const files: DemoFile[] = [];
  const baseTime = Date.UTC(DEMO_YEAR, 6, 8, 2, 0, 0);
  const skip = new Set<string>([
    DEMO_CASES.missing,
    DEMO_CASES.decimal,
    DEMO_CASES.word,
    DEMO_CASES.periodMismatch,
  ]);
  const open = roleValue(def, 'riskStatus', 'inProgress') ?? roleValue(def, 'riskStatus', 'open');
  const done = roleValue(def, 'riskStatus', 'done');
  for (const [i, unit] of DEMO_UNITS.entries()) {
    if (skip.has(unit.name) || unit.risks.length === 0) continue;
    const q3 = unitFillInput(unit, { seed: seed * 1000 + i, withCode: true }, def);
    const byId = new Map(def.metrics.map((m) => [m.id, m]));
    const metrics = q3.metrics!.map((m) => {
      const d = byId.get(m.id)!;
      if (typeof m.current !== 'number') return { ...m, current: null, ytd: null };
      if (d.kind === 'stock') return m;
      // What the year had reached by the end of June: the third quarter's 本年累计 less its own figure.
      const before = typeof m.ytd === 'number' ? Math.max(0, m.ytd - m.current) : m.current;
      return { ...m, current: before, ytd: before };
    });
    // A row that tells of the third quarter ("本季度发生…", "8月…", 秋粮收购) was found then, not in June.
    const toldOfQ3 = (r: NonNullable<FillInput['risks']>[number]) =>
      THIRD_QUARTER_WORDS.test(Object.values(r).join(''));
    const risks = (q3.risks ?? [])
      .slice(0, q3.risks!.length > 1 ? -1 : undefined)
      .filter((r) => !toldOfQ3(r))
      .map((r) => ({ ...r, status: r.status === done ? open : r.status, progress: '' }));
    const input: FillInput = {
      ...q3,
      reportKind: DEMO_EARLIER.kind,
      period: DEMO_EARLIER.period,
      fillDate: DEMO_EARLIER.fillDate,
      metrics,
      risks,
      narrative: {
        ...emptyNarrative(),
        signatureUnit: q3.narrative?.signatureUnit ?? null,
        signatureDate: DEMO_EARLIER.fillDate,
      },
    };
    const fileName = `${unit.name}-${DEMO_YEAR}年${DEMO_EARLIER.period}意识形态工作自查填报表.xlsx`;
    files.push({
      rel: fileName,
      bytes: await fillWorkbook(input, def),
      mtime: new Date(baseTime + i * 3_600_000),
    });
  }
  return files;
}

export async function buildDemoSet(def: Definition, seed = 2023): Promise<DemoSet> {
  const files: DemoFile[] = [];
  const baseTime = Date.UTC(DEMO_YEAR, 9, 8, 2, 0, 0);
  for (const [i, unit] of DEMO_UNITS.entries()) {
    if (unit.name === DEMO_CASES.missing) continue;
    const withCode = i % 3 !== 2; // a third typed their name into a blank template
    const opts: UnitFillOptions = { seed: seed * 1000 + i, withCode };
    let input: FillInput;
    if (unit.name === DEMO_CASES.alias.rosterName) {
      input = unitFillInput(unit, { ...opts, withCode: false, typedName: DEMO_CASES.alias.name }, def);
    } else {
      input = unitFillInput(unit, opts, def);
    }
    if (unit.name === DEMO_CASES.decimal) input = setMetric(input, 'front.activities', 2.5);
    if (unit.name === DEMO_CASES.word) input = setMetric(input, 'theory.centralGroup', '若干');
    if (unit.name === DEMO_CASES.periodMismatch) input = { ...input, period: '上半年' };
    if (unit.name === DEMO_CASES.coerced) input = setMetric(input, 'org.partyMeetings', '3次');
    const folder = unit.group ?? '其他';
    const mtime = new Date(baseTime + i * 3_600_000);
    const bytes = await fillWorkbook(input, def);
    const fileName = `${unit.name}-${DEMO_YEAR}年${DEMO_PERIOD}意识形态工作分析研判填报表.xlsx`;
    files.push({ rel: `${folder}/${fileName}`, bytes, mtime });
    if (unit.name === DEMO_CASES.identicalCopy) files.push({ rel: `邮件附件/${fileName}`, bytes, mtime });
    if (unit.name === DEMO_CASES.duplicate) {
      // A corrected resubmission three days later, with more activities.
      const later = unitFillInput(unit, { ...opts, fillDay: 12 }, def);
      const again = setMetric(later, 'front.activities', 25);
      files.push({
        rel: `补报/${unit.name}-${DEMO_YEAR}年${DEMO_PERIOD}填报表（修改后）.xlsx`,
        bytes: await fillWorkbook(again, def),
        mtime: new Date(mtime.getTime() + 3 * 86_400_000),
      });
    }
  }
  const esc = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const rosterCsv =
    '\uFEFF' +
    [
      '单位代码,单位名称,简称/别名,分类,联系人,联系电话,报送截止日期',
      ...DEMO_UNITS.map((u, i) => {
        // The office line the superior keeps for the unit (not the number typed into the workbook).
        const office = `0371-6${String(5_550_000 + Math.floor(rng(seed + i)() * 4_000_000)).slice(0, 7)}`;
        return [u.code, u.name, u.aliases.join('、'), u.group ?? '', u.filler, office, DEMO_DEADLINE]
          .map(esc)
          .join(',');
      }),
    ].join('\r\n') +
    '\r\n';
  return { roster: DEMO_UNITS, files, rosterCsv };
}
