// The two charts a round is summed up with — submission status, and risks by category and level — as
// chart specifications (ooxml/chart.ts). The summary report draws them from its input as figures; the
// tracking workbook's 总览 draws the same from its cells, under the same titles and labels, so the two
// outputs of one import show the same numbers. Pure TypeScript.
import type { ChartSpec } from '../ooxml/chart';
import type { Definition } from '../standard/types';
import type { SummaryInput } from './summary-report';

/** The submission counts, named as 汇总台账's 总览 names them, in its order. */
export const SUBMISSION_LABELS = {
  expected: '应报单位',
  submitted: '已报送',
  onTime: '按时报送',
  late: '迟报',
  withErrors: '有错误或无法使用',
  missing: '未报送',
} as const;

/** Titles of the charts (in the workbook) and of the figures (in the report's captions). */
export const CHART_TITLES = { status: '各单位报送情况', risks: '各类风险隐患分布情况' } as const;
/** The status chart's one series. */
export const STATUS_SERIES = '单位数';

/**
 * Submission status as horizontal bars, one a count: 应报, 已报, 按时, 迟报, 有错误, 未报送. Bars rather
 * than a pie: the counts overlap (已报 holds 按时, 迟报 and those with errors), so they are not shares of
 * one whole. 按时 and 迟报 are left out when the round had no deadline.
 */
export function submissionChart(units: SummaryInput['units'], title: string | null = null): ChartSpec {
  const rows: [string, number | null | undefined][] = [
    [SUBMISSION_LABELS.expected, units.expected],
    [SUBMISSION_LABELS.submitted, units.submitted],
    [SUBMISSION_LABELS.onTime, units.onTime],
    [SUBMISSION_LABELS.late, units.late],
    [SUBMISSION_LABELS.withErrors, units.withErrors],
    [SUBMISSION_LABELS.missing, units.missing.length],
  ];
  const shown = rows.filter((r): r is [string, number] => typeof r[1] === 'number' && Number.isFinite(r[1]));
  return {
    kind: 'bar',
    title,
    categories: shown.map((r) => r[0]),
    series: [{ name: STATUS_SERIES, values: shown.map((r) => r[1]) }],
  };
}

/**
 * Risks by category (the definition's, then any other that has risks, such as 未分类) as columns, one
 * series a level; null when there are none.
 */
export function riskChart(
  riskCounts: SummaryInput['riskCounts'],
  def: Definition,
  title: string | null = null,
): ChartSpec | null {
  if (!riskCounts.some((r) => r.count > 0)) return null;
  const categories = [...def.vocab.riskCategory.values];
  for (const r of riskCounts)
    if (r.count > 0 && !categories.includes(r.category)) categories.push(r.category);
  const count = (c: string, l: string) =>
    riskCounts.filter((r) => r.category === c && r.level === l).reduce((a, r) => a + r.count, 0);
  return {
    kind: 'column',
    title,
    categories,
    series: def.vocab.riskLevel.values.map((l) => ({ name: l, values: categories.map((c) => count(c, l)) })),
  };
}
