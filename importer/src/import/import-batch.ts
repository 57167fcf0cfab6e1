// The import pipeline, host-free: sources found → check → units and winners → return copies → outputs.
// The same code runs in the CLI (folder/run-import.ts: a folder in, the outputs put in place in OUTDIR)
// and in the browser page (addin/src/taskpane/batch: a chosen folder in, a .zip or a chosen folder out);
// what differs is the host (host.ts): the workers, the scratch storage, hashing, the exceljs writer.
//
// One pass per file; the main side keeps one small record per file and spools risks and issues, so
// memory stays bounded. The outputs are ordered by roster (else by unit code), never by timing: the same
// sources give the same outputs.
import { readRoster, type Definition } from '../../../templates/src/index';
import type { BatchRun } from './batch-run';
import type { BatchOptions, BatchResult, BatchSummary, FileState } from './batch-types';
import { checkFiles } from './check-files';
import { ImportUsageError } from './errors';
import type { CheckPool, ImportHost } from './host';
import { OUTPUT_NAMES } from './labels';
import { DEFAULT_BUDGET_MS, MAX_JOBS } from './limits';
import { writeOutputs } from './outputs';
import { newRecord } from './records';
import { makeReturnCopies } from './return-copies';
import { RosterMatcher } from './roster-match';
import { trackingRows } from './rows';
import { ON_TIME_LABEL } from './tracking';
import { timelinessCounts } from './tracking-charts';
import { sortSources, type Source } from './sources';
import { assignUnits, chooseWinners, unitOf } from './units';

/** Reads the roster into the matcher; its problems become notes, a roster without units is refused. */
async function loadRoster(
  roster: NonNullable<BatchOptions['roster']>,
  def: Definition,
  matcher: RosterMatcher,
  notes: string[],
): Promise<void> {
  const res = await readRoster(roster.bytes, roster.name, def);
  const rosterErrors = res.issues.filter((i) => i.severity === 'error');
  if (res.units.length === 0)
    throw new ImportUsageError(
      `单位名册“${roster.name}”中没有读到单位。${rosterErrors.map((i) => i.message).join('；')}`,
    );
  for (const i of res.issues) notes.push(`单位名册：${i.message}`);
  for (const u of res.units) matcher.add(u);
}

/**
 * Imports the sources: checks every workbook, picks each unit's submission and builds the outputs into
 * the host's scratch. Returns the summary and the outputs by name; putting them anywhere is the caller's.
 */
export async function importBatch(
  input: readonly Source[],
  opts: BatchOptions,
  host: ImportHost,
): Promise<BatchResult> {
  const started = performance.now();
  const def = opts.def;
  const jobs = Math.max(1, Math.min(MAX_JOBS, opts.jobs ?? Math.max(1, host.parallelism)));
  const budgetMs = opts.budgetMs ?? DEFAULT_BUDGET_MS;
  const matcher = new RosterMatcher();
  const runNotes: string[] = [];
  if (opts.roster) await loadRoster(opts.roster, def, matcher, runNotes);
  // The pool is started on first use (a run of documents only needs none), and closed unless the caller's.
  const lazy: { pool: CheckPool | null } = { pool: null };
  const run: BatchRun = {
    def,
    opts,
    host,
    jobs,
    budgetMs,
    records: sortSources([...input]).map(newRecord),
    spool: await host.openSpool(),
    matcher,
    hasRoster: !!opts.roster,
    rosterSize: matcher.units.length,
    runNotes,
    pool: () => (lazy.pool ??= opts.pool ?? host.openPool(jobs, budgetMs)),
    timing: { checkMsTotal: 0, reportMsTotal: 0, checkedFiles: 0 },
  };
  try {
    let winners;
    try {
      await checkFiles(run);
      assignUnits(run);
      winners = chooseWinners(run);
      await makeReturnCopies(run, winners.winner.values());
    } finally {
      if (!opts.pool) await lazy.pool?.close();
    }
    const rows = trackingRows(run, winners);
    const out = await writeOutputs(run, winners, rows);
    const { records, matcher } = run;
    const { statusRows } = rows;
    const { aggregate, stats } = out;
    const unitName = (i: number) => matcher.units[i].name;
    const count = (...states: FileState[]) => records.filter((r) => states.includes(r.state)).length;
    const timeliness = timelinessCounts(statusRows);
    const summary: BatchSummary = {
      units: statusRows.map((r, i) => ({
        code: r.code,
        name: r.name,
        status: r.status,
        file: r.file,
        errors: r.errors,
        warnings: r.warnings,
        returnCopy: out.returnCopyOf.get(i) ?? null,
        contact: r.contact ?? null,
        phone: r.phone ?? null,
        timeliness:
          r.status !== 'missing' && r.timeliness
            ? ON_TIME_LABEL[r.timeliness.late ? 'late' : 'onTime']
            : null,
        daysLate: r.status !== 'missing' && r.timeliness?.late ? r.timeliness.daysLate : null,
      })),
      reminders: out.reminders,
      round: out.round,
      deadline: out.deadline,
      files: [],
      outputs: {
        dir: opts.outDir ?? '',
        tracking: out.tracking,
        summaryReport: out.summaryReport ? OUTPUT_NAMES.summary : null,
        reminderNotice: out.reminderNotice ? OUTPUT_NAMES.reminderNotice : null,
        reports: out.reports,
        returnCopies: out.returnCopies,
      },
      totals: {
        expected: aggregate.expected,
        submitted: aggregate.submitted,
        ok: aggregate.passed,
        warnings: aggregate.withWarnings,
        errors: statusRows.filter((r) => r.status === 'errors').length,
        unusable: statusRows.filter((r) => r.status === 'unusable').length,
        missing: statusRows.filter((r) => r.status === 'missing').length,
        onTime: timeliness?.onTime ?? null,
        late: timeliness?.late ?? null,
        unknown: aggregate.unknown.length,
        files: records.length,
        workbooks: records.filter((r) => r.source.kind === 'workbook').length,
        documents: count('document'),
        skipped: count('skipped', 'ignored'),
        duplicates: count('identical', 'superseded'),
        unreadable: count('failed', 'unmatched', 'document'),
        risks: stats.riskRows,
        highRisks: aggregate.riskTotals.high,
        overdueRisks: aggregate.riskTotals.overdue,
        issues: stats.issueRows,
      },
      notes: [...run.runNotes, ...records.flatMap((r) => r.notes)],
      timing: { seconds: 0, ...run.timing },
      aggregate,
      overview: stats.overview,
    };
    for (const rec of records) {
      const u = unitOf(run, rec);
      summary.files.push({
        file: rec.rel,
        status: rec.state,
        unit: u !== null ? unitName(u) : null,
        ...(opts.keepIssues ? { issues: await rows.issuesOf(rec) } : {}),
      });
    }
    summary.timing.seconds = (performance.now() - started) / 1000;
    return { summary, outputs: out.outputs };
  } finally {
    await run.spool.close();
  }
}
