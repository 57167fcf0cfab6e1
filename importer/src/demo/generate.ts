// Builds the demo set (deterministic, seeded): one returned workbook per unit with realistic figures,
// risks and narratives, a few with errors or warnings, one duplicate pair, one byte-identical copy, one
// unit in the roster that never submitted. Also used by the benchmark to make realistic workbooks.
import {
  definition as defaultDefinition,
  fillWorkbook,
  roleValue,
  type Definition,
  type FillInput,
} from '../../../templates/src/index';
import {
  DEMO_UNITS,
  FILLERS,
  FIXED_FIGURES,
  LEADERS,
  METRIC_BASE,
  NEXT_TEXTS,
  OPENING,
  PROBLEM_TEXTS,
  RISK_TEXTS,
  WORK_TEXTS,
  type DemoUnit,
} from './data';

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
export const DEMO_KIND = '季度分析研判报告';
/** The demo is imported as of this date (overdue risks are judged against it). */
export const DEMO_AS_OF = '2023-10-15';
export const DEMO_ISSUER = '市直机关工委';

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
  /** Number of risks (default: drawn). */
  risks?: number;
}

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)];
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A complete, realistic FillInput for one unit (no deliberate errors). */
export function unitFillInput(
  unit: DemoUnit,
  opts: UnitFillOptions,
  def: Definition = defaultDefinition,
): FillInput {
  const r = rng(opts.seed);
  const fixed = FIXED_FIGURES[unit.name] ?? {};
  const values = new Map<string, number>();
  for (const m of def.metrics) {
    const base = METRIC_BASE[m.id] ?? 1;
    let v = fixed[m.id];
    if (v === undefined) {
      const x = base * unit.scale * (0.5 + r());
      v = base >= 20 ? Math.round(x) : Math.max(0, Math.round(x));
      if (m.id === 'team.corrections') v = r() < 0.15 ? 1 : 0;
    }
    values.set(m.id, v);
  }
  // 处置 never exceeds 发现.
  values.set('net.handled', Math.min(values.get('net.handled')!, values.get('net.found')!));
  const metrics = def.metrics.map((m) => {
    const current = values.get(m.id)!;
    const ytd = m.kind === 'stock' ? null : current + Math.round(current * (1.6 + r() * 0.8));
    return { id: m.id, current, ytd };
  });

  const fillDay = opts.fillDay ?? 8 + Math.floor(r() * 5);
  const fillDate = `${DEMO_YEAR}-10-${pad2(fillDay)}`;
  const nRisks = opts.risks ?? (r() < 0.5 ? 0 : r() < 0.75 ? 1 : 2);
  const statusOf = (role: 'open' | 'inProgress' | 'done') => roleValue(def, 'riskStatus', role);
  const levelOf = (role: 'high' | 'medium' | 'low') =>
    roleValue(def, 'riskLevel', role) ?? roleValue(def, 'riskLevel', 'low')!;
  const risks = Array.from({ length: nRisks }, (_, i) => {
    const t = pick(r, RISK_TEXTS);
    const level = r() < 0.15 ? levelOf('high') : r() < 0.55 ? levelOf('medium') : levelOf('low');
    const kind = r();
    // overdue: deadline before the as-of date and not 已整改
    const status =
      kind < 0.3
        ? statusOf('done')
        : kind < 0.75
          ? (statusOf('inProgress') ?? statusOf('open'))
          : statusOf('open');
    const deadline = kind > 0.55 && kind < 0.8 ? `${DEMO_YEAR}-09-30` : `${DEMO_YEAR}-12-31`;
    return {
      id: `FX-${DEMO_YEAR}-${pad2(i + 1)}`,
      category: t.category,
      description: t.description,
      detail: t.detail,
      level,
      measures: t.measures,
      leader: pick(r, LEADERS),
      owner: '机关党委办公室',
      deadline: status === statusOf('done') ? `${DEMO_YEAR}-09-30` : deadline,
      status,
      progress:
        status === statusOf('done')
          ? '已完成整改，建立长效机制'
          : status === statusOf('inProgress')
            ? '正在推进'
            : '',
      note: '',
    };
  });

  const cats = ['组织领导', '理论武装', '阵地建设', '网络意识形态', '队伍建设'];
  const sections = cats.map((c) => {
    const t = pick(r, WORK_TEXTS[c]);
    return { category: c, title: t.title, body: t.body.replaceAll('{unit}', unit.name) };
  });
  const name = opts.typedName ?? unit.name;
  return {
    unit: { name, code: opts.withCode === false ? null : unit.code },
    partyOrg: unit.partyOrg,
    reportKind: DEMO_KIND,
    year: DEMO_YEAR,
    period: DEMO_PERIOD,
    filler: pick(r, FILLERS),
    phone: `0371-6${String(1000000 + Math.floor(r() * 8999999)).slice(0, 7)}`,
    reviewer: pick(r, LEADERS),
    fillDate,
    metrics,
    risks,
    narrative: {
      opening: OPENING.replaceAll('{unit}', name).replaceAll('{period}', '今年第三季度'),
      sections,
      problems: PROBLEM_TEXTS.map((p) => ({ title: p.title, body: p.body })),
      nextSteps: NEXT_TEXTS.map((p) => ({ title: p.title, body: p.body })),
      signatureUnit: unit.partyOrg,
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

export async function buildDemoSet(seed = 2023, def: Definition = defaultDefinition): Promise<DemoSet> {
  const files: DemoFile[] = [];
  const baseTime = Date.UTC(DEMO_YEAR, 9, 8, 2, 0, 0);
  for (const [i, unit] of DEMO_UNITS.entries()) {
    if (unit.name === DEMO_CASES.missing) continue;
    const withCode = i % 3 !== 2; // a third typed their name into a blank template
    const opts: UnitFillOptions = {
      seed: seed * 1000 + i,
      withCode,
      risks: i % 3 === 0 ? 1 : i % 10 === 1 ? 2 : 0,
    };
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
      '单位代码,单位名称,简称/别名,分类',
      ...DEMO_UNITS.map((u) => [u.code, u.name, u.aliases.join('、'), u.group ?? ''].map(esc).join(',')),
    ].join('\r\n') +
    '\r\n';
  return { roster: DEMO_UNITS, files, rosterCsv };
}
