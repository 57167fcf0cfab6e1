// Step 3 of an import: every file settled without reading it (documents, skipped files, links leaving the
// folder…), or read, hashed (a byte-identical copy is set aside) and checked in the pool, its unit report
// built with it (a file the caller has checked already, opts.checked, gets its report alone). Exactly
// `jobs` lanes, one file in a worker each, so a file's time budget runs only while it is being checked
// (never while it waits behind a hanging file); each lane reads and hashes its next file while the
// current one is in the worker.
import {
  isHighLevel,
  practicesOf,
  reportFileName,
  unitProblemsOf,
  unitReportDocx,
  type EarlierReport,
  type Issue,
  type Submission,
} from '../../../templates/src/index';
import type { UnitWords } from './aggregate';
import type { BatchRun } from './batch-run';
import { registryFor, type CheckedFile, type WorkerResult } from './check-task';
import { TimeoutError } from './host';
import { addIssue, fileFinding, fromSource, readIssue, type FileRecord } from './records';

/** Settles a file without reading it; true when it still has to be read. */
function settle(run: BatchRun, rec: FileRecord): boolean {
  const s = rec.source;
  for (const w of s.warnings ?? []) if (s.kind !== 'ignored') addIssue(rec, fromSource(run.def, w));
  if (s.kind === 'ignored') {
    rec.state = 'ignored';
    return false;
  }
  if (s.problem) {
    addIssue(rec, fromSource(run.def, s.problem));
    rec.state =
      s.kind === 'document' && s.problem.rule === 'file.document'
        ? 'document'
        : s.problem.severity === 'warning'
          ? 'skipped'
          : 'failed';
    return false;
  }
  if (s.kind === 'archive') {
    rec.state = 'unpacked';
    return false;
  }
  if (!s.read) {
    rec.state = 'skipped';
    return false;
  }
  return true;
}

/** The roster's name for the unit a workbook names, when it differs from what the workbook says. */
function rosterNameOf(run: BatchRun, sub: Submission): string | null {
  const m = run.matcher.match({ code: sub.unit.code, name: sub.unit.name });
  if (!m || m.index >= run.rosterSize) return null;
  const name = run.matcher.units[m.index].name.trim();
  return name && name !== (sub.unit.name ?? '').trim() ? name : null;
}

/**
 * A file read and hashed, to be checked: its bytes, its check when the caller has done it, and the unit's
 * earlier report of the year when the caller knows it (both by the file's hash).
 */
interface Prepared {
  bytes: Uint8Array;
  checked: CheckedFile | undefined;
  earlier: EarlierReport | undefined;
}

/** Checks one file in the pool and records the result (its issues spooled, its unit report kept). */
async function check(
  run: BatchRun,
  rec: FileRecord,
  { bytes, checked, earlier }: Prepared,
): Promise<Issue[]> {
  const { def, spool, host } = run;
  // A file over its time budget is tried once more in a fresh worker (a cold start on a loaded machine
  // can be slow); a second timeout is the file's 错误.
  let result: WorkerResult | undefined;
  for (let attempt = 0; ; attempt++) {
    try {
      result = await run.pool().check({
        bytes: checked ? new Uint8Array(0) : bytes.slice(),
        fileName: rec.rel,
        asOf: run.opts.asOf,
        report: true,
        definitions: run.opts.definitions,
        checked,
        earlier,
        defId: def.id,
      });
      break;
    } catch (err) {
      if (err instanceof TimeoutError && attempt === 0) continue;
      const rule = err instanceof TimeoutError ? 'file.timeout' : 'file.corrupt';
      addIssue(rec, fileFinding(def, 'error', rule, rec.rel, {}));
      return [];
    }
  }
  run.timing.checkedFiles++;
  run.timing.checkMsTotal += result.checkMs;
  run.timing.reportMsTotal += result.reportMs;
  if (result.internalError) rec.notes.push(`${rec.rel}：生成单位报告时出错（${result.internalError}）`);
  // Another kind of report (党风廉政建设 in a round of 意识形态): never mixed into this round's outputs.
  if (result.definitionId && result.definitionId !== def.id) {
    const other = registryFor(run.opts.definitions).byId(result.definitionId);
    addIssue(
      rec,
      fileFinding(def, 'error', 'import.otherKind', rec.rel, {
        title: other?.title ?? result.definitionId,
        current: def.title,
      }),
    );
    return [];
  }
  const issues = result.issues;
  rec.errors += issues.filter((i) => i.severity === 'error').length;
  rec.warnings += issues.filter((i) => i.severity === 'warning').length;
  rec.checkIssues = issues.length;
  rec.firstError ??= issues.find((i) => i.severity === 'error')?.message ?? null;
  rec.issueSpan = issues.length ? await spool.put(issues) : null;
  const sub: Submission | null = result.submission;
  if (sub) {
    rec.state = 'used';
    rec.wbName = sub.unit.name;
    rec.wbCode = sub.unit.code;
    rec.fillDate = sub.fillDate;
    rec.year = sub.year;
    rec.reportKind = sub.reportKind;
    rec.period = sub.period;
    const byId = new Map(sub.metrics.map((m) => [m.id, m.current]));
    rec.current = def.metrics.map((m) => byId.get(m.id) ?? null);
    rec.risks = sub.risks.length;
    rec.high = sub.risks.filter((r) => isHighLevel(def, r.level)).length;
    rec.overdue = sub.risks.filter((r) => r.overdue).length;
    rec.riskSpan = sub.risks.length ? await spool.put(sub.risks) : null;
    const words: UnitWords = { practices: practicesOf(sub, def), problems: unitProblemsOf(sub, def) };
    // What the unit report says of the earlier report, kept for the summary (its counts, not the ids).
    if (earlier) {
      const { carriedIds: _ids, ...counts } = earlier.risks;
      rec.earlier = { ...earlier, risks: counts };
    }
    rec.wordsSpan = words.practices.length || words.problems.length ? await spool.put(words) : null;
    // The bytes of a file with issues are kept (privately) for its return copy.
    if (issues.length > 0) {
      rec.kept = `b${rec.idx}.xlsx`;
      await host.scratch.put(rec.kept, bytes);
    }
  }
  if (result.report) {
    let report = result.report;
    // The report speaks of the unit by one name, the roster's: a unit that typed a short name (市交通局
    // for 市交通运输局) gets its report rebuilt with the roster's full name (title, body and 落款 agree).
    const rosterName = sub ? rosterNameOf(run, sub) : null;
    if (sub && rosterName) {
      const t0 = performance.now();
      const opts = { unitName: rosterName, earlier };
      report = { name: reportFileName(sub, def, opts), bytes: await unitReportDocx(sub, def, opts) };
      run.timing.reportMsTotal += performance.now() - t0;
    }
    const key = `r${rec.idx}.docx`;
    await host.scratch.put(key, report.bytes);
    rec.report = { key, name: report.name };
  }
  return issues;
}

/** Checks every file of the run (step 3). */
export async function checkFiles(run: BatchRun): Promise<void> {
  const { def, records, opts, host } = run;
  const total = records.length;
  const byHash = new Map<string, number>();
  let done = 0;
  opts.onProgress?.(0, total);

  // Reads run ahead concurrently, but hashes are registered strictly in file order, so which of two
  // identical files is "the copy" never depends on timing.
  let hashTurn: Promise<unknown> = Promise.resolve();
  const prepare = (rec: FileRecord): Promise<Prepared | null> => {
    if (!settle(run, rec)) return Promise.resolve(null);
    const reading = rec.source.read!();
    const turn = hashTurn.then(async () => {
      const r = await reading;
      if ('problem' in r) {
        addIssue(rec, readIssue(def, rec.rel, r));
        return null;
      }
      rec.mtimeMs = rec.source.mtimeMs ?? r.mtimeMs;
      const hash = await host.sha256(r.bytes);
      const first = byHash.get(hash);
      if (first !== undefined) {
        rec.state = 'identical';
        rec.identicalTo = first;
        return null;
      }
      byHash.set(hash, rec.idx);
      return { bytes: r.bytes, checked: opts.checked?.get(hash), earlier: opts.earlier?.get(hash) };
    });
    hashTurn = turn.catch(() => undefined);
    return turn;
  };

  let next = 0;
  const failed = (rec: FileRecord, err: unknown) => {
    // Our own failure on one file (e.g. disk): note it, keep the batch going.
    rec.state = 'failed';
    if (rec.errors === 0) addIssue(rec, fileFinding(def, 'error', 'file.corrupt', rec.rel, {}));
    rec.notes.push(`${rec.rel}：${err instanceof Error ? err.message : String(err)}`);
  };
  const take = (): { rec: FileRecord; file: Promise<Prepared | null> } | null => {
    if (next >= total) return null;
    const rec = records[next++];
    return {
      rec,
      file: prepare(rec).catch((err: unknown) => {
        failed(rec, err);
        return null;
      }),
    };
  };
  const lane = async (): Promise<void> => {
    let cur = take();
    while (cur) {
      const file = await cur.file;
      const following = take();
      let issues: Issue[] = [];
      if (file) {
        try {
          issues = await check(run, cur.rec, file);
        } catch (err) {
          failed(cur.rec, err);
        }
      }
      done++;
      opts.onProgress?.(done, total);
      if (opts.onFile) {
        const rec = cur.rec;
        opts.onFile({
          done,
          total,
          file: rec.rel,
          state: rec.state,
          unit: rec.wbName || rec.wbCode ? { code: rec.wbCode, name: rec.wbName } : null,
          errors: rec.errors,
          warnings: rec.warnings,
          issues: [...issues, ...rec.extraIssues],
        });
      }
      cur = following;
    }
  };
  await Promise.all(Array.from({ length: Math.min(run.jobs, Math.max(1, total)) }, lane));
}
