// Step 6 of an import: the outputs, as bytes kept in the host's scratch under a name each —
// 2023年第三季度汇总台账.xlsx (with 总览's charts and the 催报名单), 汇总分析报告.docx (when some unit's
// figures are counted), 催报通知.docx (when some unit is to be chased), reports/ (a unit report per
// winner without errors) and 退回修改/ (the return copies). Output names are made here, the same in every
// host: whole graphemes, safe on Windows, unique ignoring case.
import { localDay, reminderItems, reminderNoticeDocx, type ReminderItem } from '../../../templates/src/index';
import { mostCommon, type ImportAggregate } from './aggregate';
import type { BatchRun } from './batch-run';
import type { BatchOutput } from './batch-types';
import { OUTPUT_NAMES, RUN_MESSAGES } from './labels';
import { basename, cutGraphemes, sanitizeFileName, uniqueName } from './names';
import type { FileRecord } from './records';
import type { TrackingRows } from './rows';
import { summaryReportBytes } from './summary';
import { addOverviewCharts, timelinessCounts } from './tracking-charts';
import {
  OWN_WORKBOOK_LIMITS,
  trackingFileName,
  writeTracking,
  type TrackingRound,
  type TrackingStats,
} from './tracking';
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

/**
 * Outputs of fixed name a run writes only sometimes: when a run does not write one, the copy an earlier
 * run left in the output folder is removed (it would speak of a state that no longer holds).
 */
export function staleFixedOutputs(outputs: readonly BatchOutput[]): string[] {
  return [OUTPUT_NAMES.summary, OUTPUT_NAMES.reminderNotice].filter(
    (name) => !outputs.some((o) => o.path === name),
  );
}

export interface WrittenOutputs {
  outputs: BatchOutput[];
  stats: TrackingStats;
  aggregate: ImportAggregate;
  /** The tracking workbook's name ("2023年第三季度汇总台账.xlsx"). */
  tracking: string;
  summaryReport: boolean;
  /** 催报通知.docx was written. */
  reminderNotice: boolean;
  reminders: ReminderItem[];
  round: TrackingRound | null;
  deadline: string | null;
  reports: string[];
  returnCopies: string[];
  /** unit index → its return copy's path. */
  returnCopyOf: Map<number, string>;
}

/**
 * The round the outputs speak of: the year, kind and period most counted units report (the first on a
 * tie, in roster order — as the summary report's aggregate decides), else most winners'; null if none.
 */
export function roundOf(recs: Iterable<FileRecord>): TrackingRound | null {
  const counts = new Map<string, number>();
  for (const r of recs) {
    if (r.year === null || !r.period) continue;
    const key = JSON.stringify([r.year, r.reportKind, r.period]);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const best = mostCommon(counts);
  if (!best) return null;
  const [year, reportKind, period] = JSON.parse(best) as [number, string | null, string];
  return { year, reportKind, period };
}

/** The round's deadline for the notice: the one given, else the one every roster unit shares. */
function roundDeadline(run: BatchRun): string | null {
  if (run.opts.deadline) return run.opts.deadline;
  const own = new Set(run.matcher.units.slice(0, run.rosterSize).map((u) => u.deadline ?? null));
  return own.size === 1 ? [...own][0] : null;
}

export async function writeOutputs(
  run: BatchRun,
  winners: Winners,
  rows: TrackingRows,
): Promise<WrittenOutputs> {
  const { def, opts, host, matcher } = run;
  const { winner } = winners;
  const { statusRows } = rows;
  const asOf = opts.asOf ?? localDay();

  const counted = rows.counted.map((c) => c.rec);
  const round = roundOf(counted) ?? roundOf(winner.values());

  // Names first: the 催报名单 names each unit's return copy (after the round being collected, not the
  // period a unit typed: a workbook returned for a wrong 报告期 is still this round's return).
  const unitOutputs: BatchOutput[] = [];
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
      unitOutputs.push({ path: name, key: rec.report.key });
      reports.push(name);
    }
    if (rec.returnCopy) {
      const file = uniqueName(
        returnCopyName(u.name, round?.year ?? rec.year, round?.period ?? rec.period, rec.rel),
        usedReturn,
      );
      const name = `${OUTPUT_NAMES.returnsDir}/${file}`;
      unitOutputs.push({ path: name, key: rec.returnCopy });
      returnCopies.push(name);
      returnCopyOf.set(unit, name);
    }
  }

  const reminders = reminderItems(
    statusRows.map((r, i) => ({
      name: r.name,
      contact: r.contact,
      phone: r.phone,
      status: r.status,
      errors: r.errors,
      timeliness: r.timeliness,
      returnCopy: returnCopyOf.has(i) ? basename(returnCopyOf.get(i)!) : null,
    })),
  );

  const trackingName = trackingFileName(round, def);
  const written = await writeTracking(
    {
      statusRows,
      metricRows: rows.metricRows(),
      riskRows: rows.riskRows(),
      issueRows: rows.issueRows(),
      fileRows: rows.fileRows(),
      reminders,
      round,
      issuer: opts.issuer ?? null,
      asOf,
      extraSheets: opts.extraTrackingSheets,
    },
    def,
    host.trackingBook,
  );
  const { bytes: plainBytes, charts, ...stats } = written;
  // 总览's charts; a workbook that cannot take them is kept as it is, with a note.
  let trackingBytes = plainBytes;
  try {
    trackingBytes = addOverviewCharts(plainBytes, charts, OWN_WORKBOOK_LIMITS);
  } catch (err) {
    run.runNotes.push(`${RUN_MESSAGES.noCharts}${err instanceof Error ? err.message : String(err)}`);
  }
  await host.scratch.put('tracking.xlsx', trackingBytes, { durable: true });
  const outputs: BatchOutput[] = [{ path: trackingName, key: 'tracking.xlsx' }];

  const unitsMissing = statusRows.filter((r) => r.status === 'missing');
  const unusableUnits = statusRows.filter((r) => r.status === 'unusable').length;
  const aggregate = rows.agg.result({
    expected: run.hasRoster ? run.rosterSize : matcher.units.length,
    submitted: winner.size + unusableUnits,
    passed: statusRows.filter((r) => r.status === 'ok').length,
    withWarnings: statusRows.filter((r) => r.status === 'warnings').length,
    withErrors: statusRows.filter((r) => r.status === 'errors' || r.status === 'unusable').length,
    missing: unitsMissing.map((r) => ({ code: r.code, name: r.name })),
    returned: statusRows
      .filter((r) => r.status === 'errors' || r.status === 'unusable')
      .map((r) => ({ code: r.code, name: r.name })),
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
        timeliness: timelinessCounts(statusRows),
      });
      await host.scratch.put('summary.docx', bytes, { durable: true });
      outputs.push({ path: OUTPUT_NAMES.summary, key: 'summary.docx' });
      summaryReport = true;
    } catch (err) {
      run.runNotes.push(`汇总分析报告生成失败：${err instanceof Error ? err.message : String(err)}`);
    }
  } else run.runNotes.push(RUN_MESSAGES.noSummary);

  // 催报通知.docx: when some unit is to be chased and the round is known (its title names the round).
  let reminderNotice = false;
  if (reminders.length > 0 && round) {
    try {
      const bytes = await reminderNoticeDocx(
        {
          issuer: opts.issuer ?? '',
          year: round.year,
          period: round.period,
          reportKind: round.reportKind ?? def.reportKinds[0].name,
          deadline: roundDeadline(run),
          asOf,
          sendTo: opts.sendTo ?? null,
          items: reminders,
        },
        def,
      );
      await host.scratch.put('reminder.docx', bytes, { durable: true });
      outputs.push({ path: OUTPUT_NAMES.reminderNotice, key: 'reminder.docx' });
      reminderNotice = true;
    } catch (err) {
      run.runNotes.push(`催报通知生成失败：${err instanceof Error ? err.message : String(err)}`);
    }
  }

  outputs.push(...unitOutputs);
  return {
    outputs,
    stats,
    aggregate,
    tracking: trackingName,
    summaryReport,
    reminderNotice,
    reminders,
    round,
    deadline: roundDeadline(run),
    reports,
    returnCopies,
    returnCopyOf,
  };
}
