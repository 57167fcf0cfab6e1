// 总览's native charts: the cells writeTracking reserved for them (OverviewCharts) drawn by the chart
// layer (templates/src/ooxml/xlsx-charts.ts) — submission status as bars, risks by category and level as
// columns, the leading units of one metric as bars — each beside its table, its series referring to the
// table's cells with their values cached. Titles and labels are the summary report's figures' own
// (CHART_TITLES), so the workbook and the report show the same charts. Host-free: bytes in, bytes out.
import {
  addSheetCharts,
  CHART_TITLES,
  STATUS_SERIES,
  type SheetChart,
  type ZipReadOptions,
} from '../../../templates/src/index';
import { SHEETS } from './labels';
import type { OverviewCharts, StatusRow } from './tracking';

/** The metric chart's one series. */
export const METRIC_SERIES = '本期数';

/** The charts of 总览, in its order (those writeTracking left out — no risks, no figures — are absent). */
export function overviewChartList(charts: OverviewCharts): SheetChart[] {
  const out: SheetChart[] = [
    {
      kind: 'bar',
      title: CHART_TITLES.status,
      categories: charts.status.categories,
      series: [{ name: STATUS_SERIES, values: charts.status.values }],
      anchor: charts.status.anchor,
    },
  ];
  if (charts.risks)
    out.push({
      kind: 'column',
      title: CHART_TITLES.risks,
      categories: charts.risks.categories,
      series: charts.risks.series,
      anchor: charts.risks.anchor,
    });
  if (charts.metric)
    out.push({
      kind: 'bar',
      title: charts.metric.title,
      categories: charts.metric.categories,
      series: [{ name: METRIC_SERIES, values: charts.metric.values }],
      anchor: charts.metric.anchor,
    });
  return out;
}

/**
 * The tracking workbook with 总览's charts. Throws (PackageError with a Chinese message, or the XML and
 * zip layers' errors) when the workbook cannot take them; the caller keeps the workbook without charts.
 */
export function addOverviewCharts(
  bytes: Uint8Array,
  charts: OverviewCharts,
  opts: ZipReadOptions = {},
): Uint8Array {
  return addSheetCharts(bytes, SHEETS.overview, overviewChartList(charts), opts);
}

/**
 * 按时 and 迟报 among the submitted units, counted as 总览 counts them, for the summary report's figure;
 * null when no unit had a deadline.
 */
export function timelinessCounts(rows: readonly StatusRow[]): { onTime: number; late: number } | null {
  if (!rows.some((r) => r.timeliness)) return null;
  const submitted = rows.filter((r) => r.status !== 'missing');
  return {
    onTime: submitted.filter((r) => r.timeliness?.late === false).length,
    late: submitted.filter((r) => r.timeliness?.late === true).length,
  };
}
