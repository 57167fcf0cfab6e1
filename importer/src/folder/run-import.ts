// yanpan import on Node: a folder of returned workbooks → 汇总台账.xlsx, per-unit reports, the summary
// report and return copies in OUTDIR. A thin adapter around the host-free pipeline (import/import-batch.ts):
//  1. the folders checked, the output folder's lock taken (one import at a time per folder, whatever --db
//     says), leftovers of a killed run removed, a private staging folder made inside OUTDIR;
//  2. discovery: every file under the input folder (and inside its .zip files), each with its kind;
//  3. the roster file read; importBatch with the Node host (worker threads, the staging folder,
//     node:crypto, exceljs' streaming writer) — through the workspace store unless db is false;
//  4. the outputs, staged, put in place together (an output open in Excel or WPS is waited for, with a
//     message, and never half-replaced), and the stale outputs of an earlier run swept away.
import { existsSync, promises as fsp } from 'node:fs';
import path from 'node:path';
import { formatTemplate } from '../../../templates/src/index';
import { readRegularFile } from '../fsutil';
import type { BatchSummary } from '../import/batch-types';
import { ImportUsageError, hasSubmissions, nothingToImport } from '../import/errors';
import { importBatch } from '../import/import-batch';
import { OUTPUT_NAMES, RUN_MESSAGES } from '../import/labels';
import { ARCHIVE_LIMITS, DEFAULT_BUDGET_MS, MAX_FILE_BYTES } from '../import/limits';
import type { Source } from '../import/sources';
import { resolveDbFile, runWorkspaceImport, type WorkspaceInfo } from '../store/workspace';
import { discoverSources } from './discover';
import type { ImportOptions, RunContext } from './import-options';
import { lockOutputFolder, type FolderLock } from './lock';
import { nodeHost } from './node-host';
import { placeOutputs } from './put-in-place';

export type { ImportOptions, RunContext } from './import-options';

/** How long an output held open by another program (Excel, WPS) is waited for, by default. */
export const DEFAULT_LOCK_WAIT_MS = 60_000;

export type ImportSummary = BatchSummary & {
  /** The workspace store's part of the run (absent with db: false). */
  workspace?: WorkspaceInfo;
};

const STAGING_PREFIX = '.yanpan-staging-';

/** Removes what a killed earlier run left in OUTDIR (ours only: dot-named *.tmp and staging folders). */
async function cleanStale(outDir: string): Promise<void> {
  for (const dir of [
    outDir,
    path.join(outDir, OUTPUT_NAMES.reportsDir),
    path.join(outDir, OUTPUT_NAMES.returnsDir),
  ]) {
    let entries;
    try {
      entries = await fsp.readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      if (e.name.startsWith(STAGING_PREFIX) && e.isDirectory())
        await fsp.rm(path.join(dir, e.name), { recursive: true, force: true });
      else if (e.name.startsWith('.') && e.name.endsWith('.tmp') && e.isFile())
        await fsp.rm(path.join(dir, e.name), { force: true });
    }
  }
}

/** The input folder must be readable and differ from the output folder. */
async function checkFolders(opts: ImportOptions): Promise<{ inputDir: string; outDir: string }> {
  const inputDir = path.resolve(opts.inputDir);
  const outDir = path.resolve(opts.outDir);
  try {
    const st = await fsp.stat(inputDir);
    if (!st.isDirectory()) throw new Error();
    await fsp.readdir(inputDir);
  } catch {
    throw new ImportUsageError(`无法读取输入文件夹“${opts.inputDir}”：文件夹不存在或没有读取权限。`);
  }
  const real = async (p: string) => fsp.realpath(p).catch(() => p);
  if (outDir === inputDir || (await real(outDir)) === (await real(inputDir)))
    throw new ImportUsageError('输出文件夹不能与输入文件夹相同，请另选一个输出文件夹。');
  return { inputDir, outDir };
}

async function openRun(
  opts: ImportOptions,
  inputDir: string,
  outDir: string,
): Promise<RunContext & { close(): Promise<void> }> {
  let lock: FolderLock | null;
  try {
    await fsp.mkdir(outDir, { recursive: true });
    const probe = path.join(outDir, `.yanpan-probe-${process.pid}.tmp`);
    await fsp.writeFile(probe, '');
    await fsp.rm(probe);
    lock = lockOutputFolder(outDir);
  } catch {
    throw new ImportUsageError(`无法写入输出文件夹“${opts.outDir}”：请检查路径和写入权限。`);
  }
  if (!lock) throw new ImportUsageError(formatTemplate(RUN_MESSAGES.folderBusy, { value: outDir }));
  let staging = '';
  try {
    await cleanStale(outDir);
    staging = path.join(outDir, `${STAGING_PREFIX}${process.pid}-${Date.now().toString(36)}`);
    await fsp.mkdir(staging, { mode: 0o700 });
    await fsp.chmod(staging, 0o700); // whatever the umask
  } catch (err) {
    lock.release();
    throw err;
  }
  const held = lock;
  return {
    inputDir,
    outDir,
    staging,
    notice: opts.onNotice ?? (() => undefined),
    lockWaitMs: opts.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS,
    async close() {
      await fsp.rm(staging, { recursive: true, force: true }).catch(() => undefined);
      held.release();
    },
  };
}

/** Finds every file of the input folder (OUTDIR and `skip` not entered). */
export function discoverInput(inputDir: string, skip: string[]): Promise<Source[]> {
  return discoverSources(inputDir, { skip, maxFileBytes: MAX_FILE_BYTES, archive: ARCHIVE_LIMITS });
}

/**
 * Imports a folder of returned workbooks. By default through the workspace store (every file is kept in
 * OUTDIR/yanpan.db or opts.db, and the outputs are generated from the store's current submissions for the
 * period asked, see docs/workspace.md); with `db: false`, the folder alone.
 */
export async function runImport(opts: ImportOptions): Promise<ImportSummary> {
  const { inputDir, outDir } = await checkFolders(opts);
  const dbFile = opts.db === false ? null : await resolveDbFile(opts.db, outDir);
  // Found before anything is created: an input folder with nothing to import leaves no trace at all
  // (unless a store exists to regenerate the outputs from).
  const skip = [outDir, ...(dbFile ? [path.dirname(dbFile)] : [])].filter((d) => d !== inputDir);
  const sources = await discoverInput(inputDir, skip);
  if (!hasSubmissions(sources) && !(dbFile && existsSync(dbFile)))
    throw nothingToImport(opts.inputDir, sources);
  const ctx = await openRun(opts, inputDir, outDir);
  try {
    if (!dbFile) return await importSources(sources, opts, ctx);
    return await runWorkspaceImport(
      { ...opts, db: dbFile, budgetMs: opts.budgetMs ?? DEFAULT_BUDGET_MS },
      {
        importSources,
        sources,
        hasSubmissions,
        nothingToImport: (found) => nothingToImport(opts.inputDir, found),
        usageError: (m) => new ImportUsageError(m),
        run: ctx,
      },
    );
  } finally {
    await ctx.close();
  }
}

/** The roster file's bytes, or the Chinese refusal. */
export async function readRosterFile(file: string): Promise<{ name: string; bytes: Uint8Array }> {
  const r = await readRegularFile(file, { maxBytes: MAX_FILE_BYTES });
  if ('problem' in r) throw new ImportUsageError(`无法读取单位名册“${file}”：文件不存在或没有读取权限。`);
  return { name: path.basename(file), bytes: r.bytes };
}

/** The pipeline over a list of sources in the run's folders: importBatch, then the outputs put in place. */
export async function importSources(
  sources: readonly Source[],
  opts: ImportOptions,
  ctx: RunContext,
): Promise<ImportSummary> {
  const started = performance.now();
  const roster = opts.roster ? await readRosterFile(opts.roster) : null;
  const host = nodeHost(ctx.staging);
  const { summary, outputs } = await importBatch(sources, { ...opts, roster, outDir: ctx.outDir }, host);
  await placeOutputs(outputs, (key) => host.scratch.pathOf(key), {
    outDir: ctx.outDir,
    notice: ctx.notice,
    lockWaitMs: ctx.lockWaitMs,
  });
  summary.timing.seconds = (performance.now() - started) / 1000;
  return summary;
}
