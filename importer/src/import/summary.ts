// 汇总分析报告.docx: the importer's aggregate → the report builder's SummaryInput → Word bytes.
import {
  summaryReportDocx,
  type Definition,
  type SummaryInput,
  type SummaryRisk,
} from '../../../templates/src/index';
import type { ImportAggregate, RiskRef } from './aggregate';

export interface SummaryOptions {
  /** 上级单位 that signs the report (e.g. 市直机关工委). */
  issuer?: string;
  /** 成文日期 YYYY-MM-DD. */
  date?: string | null;
  /** category → level → count, from the tracking workbook's 分类统计. */
  byCategory?: Map<string, Map<string, number>>;
  /** Sentences on the main changes since the previous period (from the workspace store). */
  changes?: string[];
  /** 按时 and 迟报 as the tracking workbook counts them (timelinessCounts); null without a deadline. */
  timeliness?: { onTime: number; late: number } | null;
}

function toRisk(r: RiskRef): SummaryRisk {
  return {
    unit: r.unit,
    id: r.id,
    category: r.category,
    description: r.description ?? '',
    detail: r.detail,
    cause: r.cause,
    level: r.level,
    overdue: r.overdue,
    deadline: r.deadline,
    status: r.status,
  };
}

export function toSummaryInput(
  agg: ImportAggregate,
  def: Definition,
  opts: SummaryOptions = {},
): SummaryInput {
  const kind = agg.reportKind ?? def.reportKinds[0].name;
  const riskCounts: SummaryInput['riskCounts'] = [];
  for (const [category, levels] of opts.byCategory ?? new Map())
    for (const [level, count] of levels) if (count > 0) riskCounts.push({ category, level, count });
  return {
    issuer: opts.issuer ?? '',
    year: agg.year ?? new Date().getFullYear(),
    period: agg.period ?? def.reportKinds.find((k) => k.name === kind)?.periods[0] ?? '',
    reportKind: kind,
    date: opts.date ?? null,
    units: {
      expected: agg.expected,
      submitted: agg.submitted,
      onTime: opts.timeliness?.onTime ?? null,
      late: opts.timeliness?.late ?? null,
      withWarnings: agg.withWarnings,
      withErrors: agg.withErrors,
      missing: agg.missing.map((m) => ({ code: m.code || null, name: m.name })),
      returned: agg.returned?.map((m) => ({ code: m.code || null, name: m.name })),
    },
    // Only finite figures reach the document (the checker bounds every count; this is the last guard).
    metricTotals: agg.metrics.map((m) => ({
      id: m.id,
      total: m.filled > 0 && Number.isFinite(m.total) ? m.total : null,
      units: m.units,
      top: m.top.filter((t) => Number.isFinite(t.value)).map((t) => ({ unit: t.name, value: t.value })),
    })),
    riskCounts,
    commonProblems: agg.problems.map((p) => ({
      category: p.category,
      units: p.units,
      unitNames: p.unitNames,
      examples: p.examples.map((e) => e.description),
      exampleUnits: p.examples.map((e) => e.unit),
      exampleFacts: p.examples.map((e) => ({
        level: e.level,
        overdue: e.overdue,
        status: e.status,
        detail: e.detail,
        cause: e.cause,
      })),
    })),
    highRisks: agg.highRisks.map(toRisk),
    overdueRisks: agg.overdueRisks.map(toRisk),
    quietUnits: agg.quietUnits,
    changes: opts.changes,
    practices: agg.practices,
    unitProblems: agg.unitProblems,
    earlier: agg.earlier
      ? { ...agg.earlier, unaccountedUnits: [...agg.earlier.unaccountedUnits] }
      : undefined,
  };
}

export function summaryReportBytes(
  agg: ImportAggregate,
  def: Definition,
  opts: SummaryOptions = {},
): Promise<Uint8Array> {
  return summaryReportDocx(toSummaryInput(agg, def, opts), def);
}
