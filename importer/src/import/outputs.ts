// Step 6 of an import: the outputs, as bytes kept in the host's scratch under a name each —
// 汇总台账.xlsx, 汇总分析报告.docx (when some unit's figures are counted), reports/ (a unit report per
// winner without errors) and 退回修改/ (the return copies). Output names are made here, the same in every
// host: whole graphemes, safe on Windows, unique ignoring case.
import type { ImportAggregate } from './aggregate';
import type { BatchRun } from './batch-run';
import type { BatchOutput } from './batch-types';
import { OUTPUT_NAMES, RUN_MESSAGES } from './labels';
import { basename, cutGraphemes, sanitizeFileName, uniqueName } from './names';
import type { TrackingRows } from './rows';
import { summaryReportBytes } from './summary';
import { writeTracking, type TrackingStats } from './tracking';
import type { Winners } from './units';

/**
 * The name of a unit's return copy: "{单位名称}-退回修改-{年度}年{报告期}.xlsx" (市文联-退回修改-2023年第三季度.xlsx);
 * "{原文件名}-退回修改.xlsx" when the workbook's period is not known. Parts cut between graphemes.
 */
export function returnCopyName(
  unit: string | null,
  year: number | null,
  period: string | null,
  rel: string,
): string {
  const stem = basename(rel).replace(/\.[^.]*$/, '');
  const base =
    unit && year !== null && period
      ? `${cutGraphemes(unit, 40)}-退回修改-${year}年${cutGraphemes(period, 20)}`
      : `${cutGraphemes(stem, 60)}-退回修改`;
  return `${sanitizeFileName(base, '退回修改')}.xlsx`;
}

export interface WrittenOutputs {
  outputs: BatchOutput[];
  stats: TrackingStats;
  aggregate: ImportAggregate;
  summaryReport: boolean;
  reports: string[];
  returnCopies: string[];
  /** unit index → its return copy's path. */
  returnCopyOf: Map<number, string>;
}

export async function writeOutputs(
  run: BatchRun,
  winners: Winners,
  rows: TrackingRows,
): Promise<WrittenOutputs> {
  const { def, opts, host, matcher } = run;
  const { winner } = winners;
  const { statusRows } = rows;
  const { bytes: trackingBytes, ...stats } = await writeTracking(
    {
      statusRows,
      metricRows: rows.metricRows(),
      riskRows: rows.riskRows(),
      issueRows: rows.issueRows(),
      fileRows: rows.fileRows(),
      extraSheets: opts.extraTrackingSheets,
    },
    def,
    host.trackingBook,
  );
  await host.scratch.put('tracking.xlsx', trackingBytes, { durable: true });
  const outputs: BatchOutput[] = [{ path: OUTPUT_NAMES.tracking, key: 'tracking.xlsx' }];

  const unitsMissing = statusRows.filter((r) => r.status === 'missing');
  const unusableUnits = statusRows.filter((r) => r.status === 'unusable').length;
  const aggregate = rows.agg.result({
    expected: run.hasRoster ? run.rosterSize : matcher.units.length,
    submitted: winner.size + unusableUnits,
    passed: statusRows.filter((r) => r.status === 'ok').length,
    withWarnings: statusRows.filter((r) => r.status === 'warnings').length,
    withErrors: statusRows.filter((r) => r.status === 'errors' || r.status === 'unusable').length,
    missing: unitsMissing.map((r) => ({ code: r.code, name: r.name })),
    unknown: run.hasRoster
      ? matcher.units.slice(run.rosterSize).map((u) => ({ code: u.code, name: u.name }))
      : [],
  });

  // 汇总分析报告.docx: only when some unit's figures are counted (else it would be a hollow document).
  let summaryReport = false;
  if (aggregate.counted > 0) {
    try {
      const bytes = await summaryReportBytes(aggregate, def, {
        issuer: opts.issuer,
        date: opts.asOf ?? null,
        byCategory: stats.byCategory,
        changes: opts.changes,
      });
      await host.scratch.put('summary.docx', bytes, { durable: true });
      outputs.push({ path: OUTPUT_NAMES.summary, key: 'summary.docx' });
      summaryReport = true;
    } catch (err) {
      run.runNotes.push(`汇总分析报告生成失败：${err instanceof Error ? err.message : String(err)}`);
    }
  } else run.runNotes.push(RUN_MESSAGES.noSummary);

  const reports: string[] = [];
  const returnCopies: string[] = [];
  const returnCopyOf = new Map<number, string>();
  const usedReport = new Set<string>();
  const usedReturn = new Set<string>();
  for (const [unit, rec] of [...winner.entries()].sort((a, b) => a[0] - b[0])) {
    const u = matcher.units[unit];
    if (rec.report && rec.errors === 0) {
      const base = sanitizeFileName(rec.report.name.replace(/\.docx$/i, ''), sanitizeFileName(u.name));
      const name = `${OUTPUT_NAMES.reportsDir}/${uniqueName(`${base}.docx`, usedReport)}`;
      outputs.push({ path: name, key: rec.report.key });
      reports.push(name);
    }
    if (rec.returnCopy) {
      const file = uniqueName(returnCopyName(u.name, rec.year, rec.period, rec.rel), usedReturn);
      const name = `${OUTPUT_NAMES.returnsDir}/${file}`;
      outputs.push({ path: name, key: rec.returnCopy });
      returnCopies.push(name);
      returnCopyOf.set(unit, name);
    }
  }
  return { outputs, stats, aggregate, summaryReport, reports, returnCopies, returnCopyOf };
}
