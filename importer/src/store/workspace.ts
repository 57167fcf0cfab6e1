// The import through the workspace store. One run:
//  1. checks every file of the input folder and records it in the store, inside ONE write transaction
//     (held to the end: a second import on the same store is refused; a killed run changes nothing);
//  2. picks the period to report on (--period, else the period most of today's files belong to, else the
//     latest period in the store);
//  3. stages the store's current submission of every unit for that period (plus today's files that
//     belong to no period, and today's duplicates, so they are still reported) into a scratch folder and
//     runs the folder importer over it — so the outputs depend on the store, not on today's folder;
//  4. adds 环比 / 风险跟踪 / 跨期核对 to the tracking workbook and the main changes to the summary report;
//  5. commits.
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { definition as defaultDefinition, readRoster, type CheckResult } from '../../../templates/src/index';
import { sanitizeFileName, uniqueName } from '../fsutil';
import { discover } from '../import/discover';
import { CheckPool, TimeoutError } from '../import/pool';
import { RosterMatcher } from '../import/roster-match';
import type { ImportOptions, ImportSummary } from '../import/run-import';
import { StoreError } from './errors';
import { compareKeys, keyLabel, parsePeriod } from './periods';
import { Store, hashBytes, type PeriodView, type RecordOutcome } from './store';
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
  extraTrackingSheets?: (wb: ExcelJS.stream.xlsx.WorkbookWriter) => void | Promise<void>;
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

export type WorkspaceSummary = ImportSummary & { workspace: WorkspaceInfo };

export interface WorkspaceDeps {
  /** The folder importer (runImport without the store). */
  importFolder: (opts: ImportOptions & FolderImportExtras) => Promise<ImportSummary>;
  /** Builds the error that makes the command exit with status 2. */
  usageError: (message: string) => Error;
  /** Files larger than this are not read (the folder importer refuses them); default 100 MB. */
  maxFileBytes?: number;
}

/** Most of today's files decide; ties and an empty run fall back to the latest period. */
export function chooseDefaultPeriod(
  outcomes: readonly Pick<RecordOutcome, 'periodKey'>[],
  latest: string | null,
  def = defaultDefinition,
): string | null {
  const count = new Map<string, number>();
  for (const o of outcomes) if (o.periodKey) count.set(o.periodKey, (count.get(o.periodKey) ?? 0) + 1);
  if (count.size === 0) return latest;
  return [...count.entries()].sort((a, b) => b[1] - a[1] || compareKeys(b[0], a[0], def))[0][0];
}

/** A stored relative name made safe again, segment by segment (it came from an earlier folder). */
function safeRel(rel: string): string {
  return rel
    .split(/[\\/]+/)
    .filter((s) => s && s !== '.' && s !== '..')
    .map((s) => sanitizeFileName(s))
    .join('/');
}

const STAGING_PREFIX = 'yanpan-period-';

/** Removes scratch folders of killed runs (their pid is gone). */
async function removeStaleStaging(): Promise<void> {
  let names: string[];
  try {
    names = await fsp.readdir(os.tmpdir());
  } catch {
    return;
  }
  for (const n of names) {
    const m = new RegExp(`^${STAGING_PREFIX}(\\d+)-[0-9a-f]+$`).exec(n);
    if (!m || Number(m[1]) === process.pid) continue;
    try {
      process.kill(Number(m[1]), 0);
      continue; // still running
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EPERM') continue;
    }
    await fsp.rm(path.join(os.tmpdir(), n), { recursive: true, force: true }).catch(() => undefined);
  }
}

export async function runWorkspaceImport(
  opts: ImportOptions & WorkspaceOptions,
  deps: WorkspaceDeps,
): Promise<WorkspaceSummary> {
  const def = opts.def ?? defaultDefinition;
  const inputDir = path.resolve(opts.inputDir);
  const outDir = path.resolve(opts.outDir);
  try {
    const st = await fsp.stat(inputDir);
    if (!st.isDirectory()) throw new Error();
    await fsp.readdir(inputDir);
  } catch {
    throw deps.usageError(`无法读取输入文件夹“${opts.inputDir}”：文件夹不存在或没有读取权限。`);
  }
  if (outDir === inputDir) throw deps.usageError('输出文件夹不能与输入文件夹相同，请另选一个输出文件夹。');
  try {
    await fsp.mkdir(outDir, { recursive: true });
    const probe = path.join(outDir, `.yanpan-probe-${process.pid}.tmp`);
    await fsp.writeFile(probe, '');
    await fsp.rm(probe);
  } catch {
    throw deps.usageError(`无法写入输出文件夹“${opts.outDir}”：请检查路径和写入权限。`);
  }
  let dbFile = path.resolve(opts.db ?? path.join(outDir, DEFAULT_DB_NAME));
  try {
    if ((await fsp.stat(dbFile)).isDirectory()) dbFile = path.join(dbFile, DEFAULT_DB_NAME);
  } catch {
    // not there yet: created by Store.open
  }
  // A period that cannot be parsed is refused before any work.
  if (opts.period && !parsePeriod(opts.period, def))
    throw deps.usageError(
      `无法识别报告期“${opts.period}”。请按“2023Q3”“2023H1”“2023Y”或“2023年第三季度”的格式填写。`,
    );
  // Never write into the input folder (the output folder may sit inside it, and the db with it).
  const inside = (dir: string) => dbFile.startsWith(dir + path.sep);
  if (inside(inputDir) && !inside(outDir))
    throw deps.usageError(`数据库文件“${dbFile}”不能放在输入文件夹中，请另选位置（--db）。`);

  let store: Store;
  try {
    store = Store.open(dbFile, { def });
  } catch (err) {
    if (err instanceof StoreError) throw deps.usageError(err.message);
    throw deps.usageError(`无法打开或创建数据库“${dbFile}”：${(err as Error).message}`);
  }
  await removeStaleStaging();
  let pool: CheckPool | null = null;
  const staging = path.join(os.tmpdir(), `${STAGING_PREFIX}${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    // The roster, for matching units (the folder importer reads it again and reports its problems).
    const matcher = new RosterMatcher();
    const rosterUnits: { code: string; name: string; aliases: string[]; group: string | null }[] = [];
    if (opts.roster) {
      try {
        const res = await readRoster(
          new Uint8Array(await fsp.readFile(opts.roster)),
          path.basename(opts.roster),
          def,
        );
        for (const u of res.units) {
          matcher.add(u);
          if (u.code) rosterUnits.push(u);
        }
      } catch {
        // Left to the folder importer, which refuses an unreadable roster with its own message.
      }
    }

    let session;
    try {
      session = store.beginImport({ roster: rosterUnits, inputDir });
    } catch (err) {
      if (err instanceof StoreError) throw deps.usageError(err.message);
      throw err;
    }
    try {
      // ---- 1. check and record today's files ----
      const found = await discover(
        inputDir,
        [outDir, path.dirname(dbFile)].filter((d) => d !== inputDir),
      );
      const total = found.length;
      const jobs = Math.max(1, Math.min(64, opts.jobs ?? Math.max(1, os.availableParallelism())));
      const progressTotal = total * 2;
      opts.onProgress?.(0, progressTotal);
      const outcomes: (RecordOutcome & { path: string; mtimeMs: number })[] = new Array(total);
      pool = total > 0 ? new CheckPool(jobs, opts.budgetMs ?? 30_000) : null;
      let done = 0;
      // Files this run could not check (unreadable, too big, the worker failed twice) are not recorded:
      // the failure may be passing. They are staged as they are, and the folder importer reports them.
      const unrecorded: { rel: string; path: string; mtimeMs: number }[] = [];
      const maxBytes = deps.maxFileBytes ?? 100 * 1024 * 1024;
      {
        let next = 0;
        const lane = async () => {
          while (next < total) {
            const idx = next++;
            const f = found[idx];
            let result: CheckResult | null = null;
            let bytes: Uint8Array | null = null;
            if (f.size <= maxBytes) {
              try {
                bytes = new Uint8Array(await fsp.readFile(f.path));
              } catch {
                bytes = null;
              }
            }
            for (let attempt = 0; bytes && !result && attempt < 2; attempt++) {
              try {
                const r = await pool!.run({
                  bytes: bytes.slice(),
                  fileName: f.rel,
                  asOf: opts.asOf,
                  report: false,
                  returnCopy: false,
                });
                result = { submission: r.submission, issues: r.issues };
              } catch (err) {
                if (!(err instanceof TimeoutError)) break;
              }
            }
            if (!bytes || !result) {
              unrecorded.push({ rel: f.rel, path: f.path, mtimeMs: f.mtimeMs });
            } else {
              const m = result.submission ? matcher.match(result.submission.unit) : null;
              const ru = m ? matcher.units[m.index] : null;
              const o = session.add({
                hash: hashBytes(bytes),
                fileName: f.rel,
                result,
                unitKey: ru?.code || undefined,
                unitName: ru?.name,
                bytes,
                mtimeMs: f.mtimeMs,
              });
              outcomes[idx] = { ...o, path: f.path, mtimeMs: f.mtimeMs };
            }
            done++;
            opts.onProgress?.(done, progressTotal);
          }
        };
        await Promise.all(Array.from({ length: Math.min(jobs * 2, Math.max(1, total)) }, lane));
      }
      const today = outcomes.filter(Boolean);

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

      // ---- 3. stage the period's current submissions ----
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
      await fsp.mkdir(staging, { recursive: true });
      const used = new Set<string>();
      const staged = new Set<string>();
      const stage = async (rel: string, data: Uint8Array | string, mtimeMs: number | null) => {
        const name = uniqueName(safeRel(rel) || 'file.xlsx', used);
        const target = path.join(staging, ...name.split('/'));
        await fsp.mkdir(path.dirname(target), { recursive: true });
        if (typeof data === 'string') await fsp.copyFile(data, target);
        else await fsp.writeFile(target, data);
        if (mtimeMs != null) await fsp.utimes(target, new Date(), new Date(mtimeMs));
      };
      for (const u of unrecorded) {
        // A link, not a copy (the file may be huge or unreadable); a copy where links are not allowed.
        const name = uniqueName(safeRel(u.rel) || 'file.xlsx', used);
        const target = path.join(staging, ...name.split('/'));
        await fsp.mkdir(path.dirname(target), { recursive: true });
        try {
          await fsp.symlink(u.path, target);
        } catch {
          await fsp.copyFile(u.path, target).catch(() => {
            notes.push(`无法读取文件“${u.rel}”（没有读取权限或已被占用），未导入。`);
          });
        }
      }
      for (const o of today) {
        if (include.has(o.hash)) {
          await stage(o.fileName, o.path, o.mtimeMs);
          staged.add(o.hash);
        } else if (o.periodKey && o.periodKey !== period) {
          notes.push(`“${o.fileName}”是${keyLabel(o.periodKey, def)}的报送，已存入数据库，未计入本次汇总。`);
        } else if (o.periodKey === period) {
          const winner = current.find((c) => c.unitKey === o.unitKey);
          notes.push(
            `“${o.fileName}”已被此前导入的更正件${winner ? `“${winner.fileName}”` : ''}替代，本次汇总采用更正件。`,
          );
        }
      }
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
        const f = store.storedFile(c.hash);
        if (!f) {
          notes.push(`数据库中缺少“${c.fileName}”的原始文件，未能计入本次汇总。`);
          continue;
        }
        await stage(c.fileName, f.bytes, f.mtimeMs);
        staged.add(c.hash);
        fromStore.push(c.fileName);
      }
      if (fromStore.length)
        notes.push(
          `本次汇总包含数据库中此前导入的${fromStore.length}份报送（本次文件夹中没有）：${fromStore.join('、')}。`,
        );

      // ---- 4. outputs ----
      const changes = view?.changes ?? [];
      const summary = await deps.importFolder({
        ...opts,
        inputDir: staging,
        onProgress: opts.onProgress
          ? (d, t) => opts.onProgress!(total + (t > 0 ? Math.round((d / t) * total) : total), progressTotal)
          : undefined,
        changes,
        pool: pool ?? undefined,
        // Without a previous period to compare with and without cross-period 警告, the sheets would be
        // empty: they are left out.
        extraTrackingSheets:
          view && (view.units.some((u) => u.previous) || view.units.some((u) => u.warnings.length))
            ? (wb) => {
                addWorkspaceSheets(wb, view);
              }
            : undefined,
      });
      const crossChecks = view ? view.units.reduce((n, u) => n + u.warnings.length, 0) : 0;

      // ---- 5. commit ----
      const rec = session.commit();
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
    await fsp.rm(staging, { recursive: true, force: true });
  }
}

/** The lines `yanpan import` prints about the store (after the folder importer's own summary). */
export function describeWorkspace(w: WorkspaceInfo): string[] {
  const lines = [`数据库：${w.db}`];
  if (w.period) {
    lines.push(
      `报告期：${w.periodLabel}（本次新增${w.added}份，已有${w.unchanged}份，替代${w.superseded}份）` +
        (w.previousPeriod && w.compared ? `；${w.compared}个单位已与${keyLabel(w.previousPeriod)}环比` : ''),
    );
  } else lines.push('报告期：数据库中还没有可识别报告期的报送。');
  if (w.fromStore.length) lines.push(`  其中取自数据库（本次文件夹中没有）的报送 ${w.fromStore.length} 份`);
  if (w.otherPeriods.length) lines.push(`  属于其他报告期的文件 ${w.otherPeriods.length} 个（已存入数据库）`);
  if (w.crossChecks) lines.push(`  跨期核对警告 ${w.crossChecks} 条（见汇总台账“跨期核对”）`);
  return lines;
}
