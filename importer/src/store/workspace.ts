// The import through the workspace store. One run (the output folder already locked by runImport):
//  1. checks every workbook of the input folder and records it in the store, inside ONE write transaction
//     (held to the end: a second import on the same store is refused; a killed run changes nothing); the
//     check results are kept (by the files' hashes) for step 4, which checks no file twice;
//  2. picks the period to report on (--period, else the period most of today's files belong to, else the
//     latest period in the store);
//  3. hands the folder importer the store's current submission of every unit for that period (read back
//     from the store, never copied anywhere), plus every other file found today (documents, skipped
//     files, files that could not be read or belong to another period) so each is listed with what
//     happened to it — so the outputs depend on the store, not on today's folder;
//  4. runs the folder importer over those files: it builds the unit reports of the files checked in step 1
//     and checks only the others (from the store, or not checked in step 1); adds 环比 / 风险跟踪 / 跨期核对
//     to the tracking workbook and the main changes to the summary report;
//  5. commits.
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import {
  readRoster,
  type CheckResult,
  type Definition,
  type EarlierReport,
} from '../../../templates/src/index';
import { readRegularFile, uniqueName, type ReadOutcome } from '../fsutil';
import type { ImportOptions, RunContext } from '../folder/import-options';
import { ThreadPool } from '../folder/pool';
import type { BatchSummary } from '../import/batch-types';
import type { CheckedFile } from '../import/check-task';
import { TimeoutError, type CheckPool } from '../import/host';
import { RosterMatcher } from '../import/roster-match';
import type { Source } from '../import/sources';
import { earlierReportOf } from './analysis';
import { StoreError } from './errors';
import { compareKeys, keyLabel, parsePeriod } from './periods';
import { hashBytes, openStore } from './file';
import type { PeriodView, RecordOutcome, Store } from './store';
import { addWorkspaceSheets } from './tracking-sheets';

/** The store's default file name inside the output folder. */
export const DEFAULT_DB_NAME = 'yanpan.db';

export interface WorkspaceOptions {
  /** The store; default OUTDIR/yanpan.db. */
  db?: string;
  /** The period to report on: "2023Q3", "2023年第三季度" …; default see chooseDefaultPeriod(). */
  period?: string;
}

/** What the folder importer receives on top of ImportOptions. */
export interface FolderImportExtras {
  /** Sentences on the main changes since the previous period, for the summary report. */
  changes?: string[];
  /** Adds the workspace's sheets to the tracking workbook before it is closed. */
  extraTrackingSheets?: (wb: ExcelJS.stream.xlsx.WorkbookWriter, caption: string) => void | Promise<void>;
  /** The worker pool of the check, reused by the folder importer (which leaves it open). */
  pool?: CheckPool;
}

export interface WorkspaceInfo {
  db: string;
  /** The period reported on (null when nothing in the store has a period yet). */
  period: string | null;
  periodLabel: string | null;
  previousPeriod: string | null;
  /** Units of the period that also have a submission for the previous period (compared in 环比). */
  compared: number;
  /** What this run did to the store. */
  added: number;
  unchanged: number;
  superseded: number;
  /** Today's files that belong to another period (recorded, not in these outputs). */
  otherPeriods: { file: string; period: string }[];
  /** Files of the outputs that came from the store, not from today's folder. */
  fromStore: string[];
  /** Cross-period 警告 listed in the tracking workbook's 跨期核对 sheet. */
  crossChecks: number;
  changes: string[];
}

export type WorkspaceSummary = BatchSummary & { workspace: WorkspaceInfo };

export interface WorkspaceDeps {
  /** The folder importer's pipeline over a list of files. */
  importSources: (
    sources: readonly Source[],
    opts: ImportOptions & FolderImportExtras,
    run: RunContext,
  ) => Promise<BatchSummary>;
  /** Every file of today's input folder (OUTDIR and the store's folder not entered). */
  sources: readonly Source[];
  /** True when the files hold something to report on. */
  hasSubmissions: (sources: readonly Source[]) => boolean;
  /** The error for "nothing to import" (exit status 1, no outputs). */
  nothingToImport: (sources: readonly Source[]) => Error;
  /** Builds the error that makes the command exit with status 2. */
  usageError: (message: string) => Error;
  /** The run: resolved folders (the output folder locked), the staging folder. */
  run: RunContext;
}

/** Most of today's files decide; ties and an empty run fall back to the latest period. */
export function chooseDefaultPeriod(
  outcomes: readonly Pick<RecordOutcome, 'periodKey'>[],
  latest: string | null,
  def: Definition,
): string | null {
  const count = new Map<string, number>();
  for (const o of outcomes) if (o.periodKey) count.set(o.periodKey, (count.get(o.periodKey) ?? 0) + 1);
  if (count.size === 0) return latest;
  return [...count.entries()].sort((a, b) => b[1] - a[1] || compareKeys(b[0], a[0], def))[0][0];
}

/** Scratch folders earlier versions made in the system's temporary folder (world-readable copies of the
 *  returns): removed when their process is gone. Nothing is staged there any more. */
const LEGACY_STAGING_PREFIX = 'yanpan-period-';

async function removeLegacyStaging(): Promise<void> {
  let names: string[];
  try {
    names = await fsp.readdir(os.tmpdir());
  } catch {
    return;
  }
  for (const n of names) {
    const m = new RegExp(`^${LEGACY_STAGING_PREFIX}(\\d+)-[0-9a-f]+$`).exec(n);
    if (!m) continue;
    try {
      process.kill(Number(m[1]), 0);
      continue; // still running
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EPERM') continue;
    }
    await fsp.rm(path.join(os.tmpdir(), n), { recursive: true, force: true }).catch(() => undefined);
  }
}

/** The store's file: --db (a file, or a folder holding yanpan.db), default OUTDIR/yanpan.db. */
export async function resolveDbFile(db: string | undefined, outDir: string): Promise<string> {
  const file = path.resolve(db ?? path.join(outDir, DEFAULT_DB_NAME));
  try {
    if ((await fsp.stat(file)).isDirectory()) return path.join(file, DEFAULT_DB_NAME);
  } catch {
    // not there yet: created by the first import
  }
  return file;
}

export async function runWorkspaceImport(
  opts: ImportOptions & WorkspaceOptions,
  deps: WorkspaceDeps,
): Promise<WorkspaceSummary> {
  const def = opts.def;
  const { inputDir, outDir } = deps.run;
  const dbFile = await resolveDbFile(opts.db, outDir);
  // A period that cannot be parsed is refused before any work.
  if (opts.period && !parsePeriod(opts.period, def))
    throw deps.usageError(
      `无法识别报告期“${opts.period}”。请按“2023Q3”“2023H1”“2023Y”或“2023年第三季度”的格式填写。` +
        (/全年|年度/.test(opts.period)
          ? '全年各期并列的汇总台账请用 yanpan year 2023（年份按需填写）生成。'
          : ''),
    );
  // Never write into the input folder (the output folder may sit inside it, and the db with it).
  const inside = (dir: string) => dbFile.startsWith(dir + path.sep);
  if (inside(inputDir) && !inside(outDir))
    throw deps.usageError(`数据库文件“${dbFile}”不能放在输入文件夹中，请另选位置（--db）。`);

  let store: Store;
  try {
    store = await openStore(dbFile, { def });
  } catch (err) {
    if (err instanceof StoreError) throw deps.usageError(err.message);
    throw deps.usageError(`无法打开或创建数据库“${dbFile}”：${(err as Error).message}`);
  }
  await removeLegacyStaging();
  let pool: CheckPool | null = null;
  try {
    // The roster, for matching units (the folder importer reads it again and reports its problems).
    const matcher = new RosterMatcher();
    const rosterUnits: { code: string; name: string; aliases: string[]; group: string | null }[] = [];
    if (opts.roster) {
      const r = await readRegularFile(opts.roster, { maxBytes: 100 * 1024 * 1024 });
      // An unreadable roster is left to the folder importer, which refuses it with its own message.
      if (!('problem' in r)) {
        const res = await readRoster(r.bytes, path.basename(opts.roster), def).catch(() => null);
        for (const u of res?.units ?? []) {
          matcher.add(u);
          if (u.code) rosterUnits.push(u);
        }
      }
    }

    let session;
    try {
      session = await store.beginImport({ roster: rosterUnits, inputDir });
    } catch (err) {
      if (err instanceof StoreError) throw deps.usageError(err.message);
      throw err;
    }
    try {
      // ---- 1. check and record today's workbooks ----
      const sources = deps.sources;
      const work = sources.flatMap((s, i) => (s.kind === 'workbook' && s.read && !s.problem ? [i] : []));
      const total = work.length;
      const jobs = Math.max(1, Math.min(64, opts.jobs ?? Math.max(1, os.availableParallelism())));
      const progressTotal = total * 2;
      opts.onProgress?.(0, progressTotal);
      const outcomes: ((RecordOutcome & { mtimeMs: number }) | undefined)[] = new Array(sources.length);
      // Every check's result by the file's hash, so the folder importer does not check the file again.
      const checked = new Map<string, CheckedFile>();
      pool = total > 0 ? new ThreadPool(jobs, opts.budgetMs ?? 30_000) : null;
      let done = 0;
      // Files this run could not check (unreadable, too big, the worker failed twice) are not recorded:
      // the failure may be passing. The folder importer reads them again and reports them.
      {
        let next = 0;
        const lane = async () => {
          while (next < total) {
            const idx = work[next++];
            const f = sources[idx];
            let result: CheckResult | null = null;
            const r = await f.read!();
            const bytes = 'problem' in r ? null : r.bytes;
            const hash = bytes ? hashBytes(bytes) : '';
            for (let attempt = 0; bytes && !result && attempt < 2; attempt++) {
              try {
                const c = await pool!.check({
                  bytes: bytes.slice(),
                  fileName: f.rel,
                  asOf: opts.asOf,
                  report: false,
                  definitions: opts.definitions,
                  defId: def.id,
                });
                checked.set(hash, {
                  submission: c.submission,
                  issues: c.issues,
                  definitionId: c.definitionId,
                  checkMs: c.checkMs,
                });
                // Another kind of report is not stored with this one: the folder importer reports it.
                if (c.definitionId && c.definitionId !== def.id) break;
                result = { submission: c.submission, issues: c.issues };
              } catch (err) {
                if (!(err instanceof TimeoutError)) break;
              }
            }
            if (bytes && result && !('problem' in r)) {
              const m = result.submission ? matcher.match(result.submission.unit) : null;
              const ru = m ? matcher.units[m.index] : null;
              const o = session.add({
                hash,
                fileName: f.rel,
                result,
                unitKey: ru?.code || undefined,
                unitName: ru?.name,
                bytes,
                mtimeMs: r.mtimeMs,
              });
              outcomes[idx] = { ...o, mtimeMs: r.mtimeMs };
            }
            done++;
            opts.onProgress?.(done, progressTotal);
          }
        };
        await Promise.all(Array.from({ length: Math.min(jobs * 2, Math.max(1, total)) }, lane));
      }
      const today = outcomes.filter((o): o is RecordOutcome & { mtimeMs: number } => !!o);

      // ---- 2. the period ----
      let period: string | null;
      try {
        period = opts.period
          ? store.periodKeyOf(opts.period)
          : chooseDefaultPeriod(today, store.latestPeriod(), def);
      } catch (err) {
        if (err instanceof StoreError) throw deps.usageError(err.message);
        throw err;
      }

      // ---- 3. the files of the outputs: the period's current submissions, and everything seen today ----
      const notes: string[] = [];
      const view: PeriodView | null = period ? store.periodView(period) : null;
      const current = view ? view.units.map((u) => u.current) : [];
      const currentHashes = new Set(current.map((c) => c.hash));
      // A file superseded by another file of the same import is still reported (as the unit's earlier
      // file), on its first import and on every re-import of the same folder alike.
      const sameBatchDuplicate = (id: number): boolean => {
        const s = store.submission(id);
        const w = s?.supersededBy != null ? store.submission(s.supersededBy) : null;
        return !!s && !!w && w.importId === s.importId;
      };
      const include = new Set<string>(currentHashes);
      for (const o of today) {
        if (o.periodKey == null) include.add(o.hash);
        else if (o.periodKey === period && sameBatchDuplicate(o.submissionId)) include.add(o.hash);
      }
      /** Reads a recorded file back from the store (no copy is made anywhere). */
      const fromStoreBytes = (hash: string) => async (): Promise<ReadOutcome> => {
        const f = store.storedFile(hash);
        if (!f) return { problem: 'missing' };
        return { bytes: f.bytes, size: f.bytes.length, mtimeMs: f.mtimeMs ?? 0 };
      };
      const used = new Set<string>();
      const files: Source[] = [];
      const put = (s: Source) => files.push({ ...s, rel: uniqueName(s.rel, used) });
      const staged = new Set<string>();
      sources.forEach((s, i) => {
        const o = outcomes[i];
        if (!o) {
          put(s); // not a recorded workbook: listed as found (read again if it is a workbook)
          return;
        }
        if (include.has(o.hash)) {
          put({
            rel: s.rel,
            kind: 'workbook',
            warnings: s.warnings,
            mtimeMs: o.mtimeMs,
            read: fromStoreBytes(o.hash),
          });
          staged.add(o.hash);
        } else if (o.periodKey && o.periodKey !== period) {
          const label = keyLabel(o.periodKey, def);
          notes.push(`“${o.fileName}”是${label}的报送，已存入数据库，未计入本次汇总。`);
          put({
            rel: s.rel,
            kind: 'workbook',
            warnings: s.warnings,
            problem: {
              rule: 'import.otherPeriod',
              severity: 'warning',
              vars: { period: label },
              value: s.rel,
            },
          });
        } else if (o.periodKey === period) {
          const winner = current.find((c) => c.unitKey === o.unitKey);
          notes.push(
            `“${o.fileName}”已被此前导入的更正件${winner ? `“${winner.fileName}”` : ''}替代，本次汇总采用更正件。`,
          );
          put({
            rel: s.rel,
            kind: 'workbook',
            warnings: s.warnings,
            problem: {
              rule: 'import.replacedEarlier',
              severity: 'warning',
              vars: { other: winner?.fileName ?? '' },
              value: s.rel,
            },
          });
        }
      });
      if (period && current.length === 0) notes.push(`数据库中没有${keyLabel(period, def)}的报送。`);
      for (const o of today) {
        for (const id of o.superseded) {
          const old = store.submission(id);
          if (old && !today.some((t) => t.submissionId === id))
            notes.push(
              `“${o.fileName}”替代了此前导入的“${old.fileName}”（同一单位、同一报告期），原件保留在数据库中。`,
            );
        }
      }
      const fromStore: string[] = [];
      for (const c of current) {
        if (staged.has(c.hash)) continue;
        if (!store.storedFile(c.hash)) {
          notes.push(`数据库中缺少“${c.fileName}”的原始文件，未能计入本次汇总。`);
          continue;
        }
        put({
          rel: c.fileName,
          kind: 'workbook',
          mtimeMs: store.storedFile(c.hash)?.mtimeMs ?? 0,
          read: fromStoreBytes(c.hash),
        });
        staged.add(c.hash);
        fromStore.push(c.fileName);
      }
      if (fromStore.length)
        notes.push(
          `本次汇总包含数据库中此前导入的${fromStore.length}份报送（本次文件夹中没有）：${fromStore.join('、')}。`,
        );
      if (!deps.hasSubmissions(files)) throw deps.nothingToImport(sources);

      // ---- 4. outputs ----
      const changes = view?.changes ?? [];
      // Each unit's report refers back to its earlier report of the year, when the store has one.
      const earlier = new Map<string, EarlierReport>();
      for (const u of view?.units ?? []) {
        const key = u.current.unitKey;
        const before = key && view ? store.earlierInYear(key, view.periodKey) : null;
        const now = before?.submission ? store.submission(u.current.id)?.submission : null;
        if (before?.submission && now)
          earlier.set(u.current.hash, earlierReportOf(now, before.submission, def));
      }
      const summary = await deps.importSources(
        files,
        {
          ...opts,
          onProgress: opts.onProgress
            ? (d, t) => opts.onProgress!(total + (t > 0 ? Math.round((d / t) * total) : total), progressTotal)
            : undefined,
          changes,
          pool: pool ?? undefined,
          checked,
          earlier,
          // Without a previous period to compare with and without cross-period 警告, the sheets would be
          // empty: they are left out.
          extraTrackingSheets:
            view && (view.units.some((u) => u.previous) || view.units.some((u) => u.warnings.length))
              ? (wb, caption) => {
                  addWorkspaceSheets(wb, view, caption);
                }
              : undefined,
        },
        deps.run,
      );
      const crossChecks = view ? view.units.reduce((n, u) => n + u.warnings.length, 0) : 0;

      // ---- 5. commit ----
      const rec = await session.commit();
      return {
        ...summary,
        notes: [...notes, ...summary.notes],
        workspace: {
          db: dbFile,
          period,
          periodLabel: period ? keyLabel(period, def) : null,
          previousPeriod: view?.previousKey ?? null,
          compared: view ? view.units.filter((u) => u.previous).length : 0,
          added: rec.added,
          unchanged: rec.unchanged,
          superseded: rec.superseded,
          otherPeriods: today
            .filter((o) => o.periodKey && o.periodKey !== period)
            .map((o) => ({ file: o.fileName, period: o.periodKey as string })),
          fromStore,
          crossChecks,
          changes,
        },
      };
    } catch (err) {
      session.rollback();
      throw err;
    }
  } finally {
    store.close();
    await pool?.close();
  }
}

/** The lines `yanpan import` prints about the store (after the folder importer's own summary). */
export function describeWorkspace(w: WorkspaceInfo, def: Definition): string[] {
  const lines = [`数据库：${w.db}`];
  if (w.period) {
    lines.push(
      `报告期：${w.periodLabel}（本次新增${w.added}份，已有${w.unchanged}份，替代${w.superseded}份）` +
        (w.previousPeriod && w.compared
          ? `；${w.compared}个单位已与${keyLabel(w.previousPeriod, def)}环比`
          : ''),
    );
  } else lines.push('报告期：数据库中还没有可识别报告期的报送。');
  if (w.fromStore.length) lines.push(`  其中取自数据库（本次文件夹中没有）的报送 ${w.fromStore.length} 份`);
  if (w.otherPeriods.length) lines.push(`  属于其他报告期的文件 ${w.otherPeriods.length} 个（已存入数据库）`);
  if (w.crossChecks) lines.push(`  跨期核对警告 ${w.crossChecks} 条（见汇总台账“跨期核对”）`);
  return lines;
}
