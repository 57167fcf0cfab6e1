// yanpan import: a folder of returned workbooks → checked; 汇总台账.xlsx, per-unit reports, the summary
// report and return copies in OUTDIR. Files are checked in a kept worker pool; the main thread keeps one
// small record per file and spools risks and issues to a scratch file, so memory stays bounded.
//
// One run:
//  1. openRun: the arguments, the output folder's lock (one import at a time per folder, whatever --db
//     says), leftovers of a killed run removed, a private staging folder inside OUTDIR;
//  2. discover: every file under the input folder (and inside its .zip files), each with its kind;
//  3. check: each workbook in the pool (its unit report built with it); everything else is settled
//     without reading it (documents, skipped files, links leaving the folder, FIFOs and devices);
//  4. units, in a fixed order (roster order, else by unit code), and each unit's winning submission;
//  5. return copies for the winners with issues, each on a time budget of its own (a slow return copy
//     is a note, never a file error);
//  6. outputs: written into the staging folder, then put in place together (an output open in Excel or
//     WPS is waited for, with a message, and never half-replaced).
import { createHash } from 'node:crypto';
import { constants as fsConstants, existsSync, promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  definition as defaultDefinition,
  formatTemplate,
  isHighLevel,
  makeIssue,
  practicesOf,
  readRoster,
  unitProblemsOf,
  type Definition,
  type Issue,
  type MessageCode,
  type MessageVars,
  type Risk,
  type Submission,
} from '../../../templates/src/index';
import {
  cutGraphemes,
  isLaterSubmission,
  isLockedError,
  nameKey,
  outputFs,
  problemText,
  readRegularFile,
  sanitizeFileName,
  uniqueName,
  type ReadOutcome,
} from '../fsutil';
import type { WorkerResult } from '../worker';
import { Aggregator, type ImportAggregate, type UnitWords } from './aggregate';
import type { ArchiveLimits } from './archive';
import { discoverSources, sortSources, type Source, type SourceIssue } from './discover';
import { FILE_STATUS_LABEL, OUTPUT_NAMES, RUN_MESSAGES, SEVERITY_LABEL } from './labels';
import { lockOutputFolder, type FolderLock } from './lock';
import { CheckPool, TimeoutError } from './pool';
import { RosterMatcher, matchFileName, normalizeKey } from './roster-match';
import { Spool, type Span } from './spool';
import { resolveDbFile, runWorkspaceImport, type WorkspaceInfo } from '../store/workspace';
import { writeSummaryReport } from './summary';
import {
  writeTracking,
  type FileRow,
  type IssueRow,
  type MetricRow,
  type RiskRow,
  type StatusRow,
  type UnitStatus,
  type TrackingInput,
} from './tracking';

/** Time budget of one file in a worker (check and unit report); a timeout is retried once. The return
 *  copy has a budget of the same length of its own. */
export const DEFAULT_BUDGET_MS = 30_000;

/** Files larger than this (compressed) are refused before reading. */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

/** The limits a .zip submission is unpacked with (a zip bomb meets them before anything is inflated). */
export const ARCHIVE_LIMITS: ArchiveLimits = {
  maxEntries: 10_000,
  maxEntryBytes: MAX_FILE_BYTES,
  maxTotalBytes: 200 * 1024 * 1024,
};

/** How long an output held open by another program (Excel, WPS) is waited for, by default. */
export const DEFAULT_LOCK_WAIT_MS = 60_000;

export type FileState = keyof typeof FILE_STATUS_LABEL;

export interface ImportOptions {
  inputDir: string;
  outDir: string;
  roster?: string;
  jobs?: number;
  /** 填报日期 and overdue risks are judged against this date (YYYY-MM-DD); default today. */
  asOf?: string;
  /** Per-file time budget in the worker (ms); default DEFAULT_BUDGET_MS. */
  budgetMs?: number;
  /** 上级单位 that signs the summary report. */
  issuer?: string;
  onProgress?: (done: number, total: number) => void;
  /** Messages for the user while the run goes on (an output held open in Excel); the CLI prints them. */
  onNotice?: (message: string) => void;
  /** How long to wait for an output held open by another program; default DEFAULT_LOCK_WAIT_MS. */
  lockWaitMs?: number;
  def?: Definition;
  /** The workspace store (docs/workspace.md); default OUTDIR/yanpan.db; false: the folder alone. */
  db?: string | false;
  /** The period to report on ("2023Q3", "2023年第三季度"); default: see docs/workspace.md. */
  period?: string;
  /** Set by the workspace: sentences on the main changes since the previous period (summary report). */
  changes?: string[];
  /** Set by the workspace: adds its sheets (环比, 风险跟踪, 跨期核对) to the tracking workbook. */
  extraTrackingSheets?: TrackingInput['extraSheets'];
  /** Set by the workspace: a worker pool already running, reused (and left open). */
  pool?: CheckPool;
}

export interface ImportSummary {
  units: {
    code: string;
    name: string;
    status: UnitStatus;
    file: string | null;
    errors: number;
    warnings: number;
    /** The unit's 退回修改 copy (under outputs.dir), when one was written. */
    returnCopy: string | null;
  }[];
  files: { file: string; status: FileState; unit: string | null }[];
  outputs: {
    dir: string;
    tracking: string;
    summaryReport: string | null;
    reports: string[];
    returnCopies: string[];
  };
  totals: {
    expected: number;
    submitted: number;
    ok: number;
    warnings: number;
    errors: number;
    /** Units that sent something that cannot be used (a document, an .xls, a damaged file). */
    unusable: number;
    missing: number;
    unknown: number;
    /** Every file found (inside .zip files too). */
    files: number;
    /** Files read as workbooks. */
    workbooks: number;
    /** Documents sent instead of a workbook. */
    documents: number;
    /** Files skipped or ignored (not submissions). */
    skipped: number;
    duplicates: number;
    unreadable: number;
    risks: number;
    highRisks: number;
    overdueRisks: number;
    issues: number;
  };
  /** Problems of our own (never of an input), e.g. a report that could not be built. */
  notes: string[];
  timing: { seconds: number; checkMsTotal: number; reportMsTotal: number; checkedFiles: number };
  aggregate: ImportAggregate;
  /** The workspace store's part of the run (absent with db: false). */
  workspace?: WorkspaceInfo;
}

/**
 * The command could not do what was asked; the message is Chinese and shown as is. Exit status 2 (the
 * command could not run), or 1 for an input folder with nothing to import.
 */
export class ImportUsageError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 2,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------------------------------------------
// The run: arguments, lock, staging

/** What one run holds while it works: resolved folders, the output folder's lock, the staging folder. */
export interface RunContext {
  inputDir: string;
  outDir: string;
  /** Private (0700) scratch folder inside OUTDIR, removed at the end and by the next run if killed. */
  staging: string;
  notice: (message: string) => void;
  lockWaitMs: number;
}

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

/** True when the sources hold something to report on: a workbook or a document a unit sent. */
export function hasSubmissions(sources: readonly Source[]): boolean {
  return sources.some((s) => (s.kind === 'workbook' && !s.problem) || s.kind === 'document');
}

/** "Nothing to import here": exit status 1, no outputs. Lists what was found instead, if anything. */
export function nothingToImport(inputDir: string, sources: readonly Source[]): ImportUsageError {
  let msg = formatTemplate(RUN_MESSAGES.empty, { value: inputDir });
  if (sources.length) {
    const names = sources.slice(0, 5).map((s) => `“${s.rel}”`);
    msg += formatTemplate(RUN_MESSAGES.emptySeen, {
      n: sources.length,
      other: names.join('、') + (sources.length > 5 ? '等' : ''),
    });
  }
  return new ImportUsageError(msg, 1);
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

// ---------------------------------------------------------------------------------------------------
// The pipeline over a list of sources

interface FileRecord {
  idx: number;
  source: Source;
  rel: string;
  mtimeMs: number;
  state: FileState;
  identicalTo: number | null;
  unit: number | null;
  /** The unit was found from the file's name (a document or an unreadable file). */
  byFileName: boolean;
  wbName: string | null;
  wbCode: string | null;
  fillDate: string | null;
  year: number | null;
  reportKind: string | null;
  period: string | null;
  errors: number;
  warnings: number;
  /** Issues the checker found in the workbook (those marked in the return copy). */
  checkIssues: number;
  /** The file's first 错误, shown where the file is listed on one line. */
  firstError: string | null;
  risks: number;
  high: number;
  overdue: number;
  current: (number | null)[] | null;
  riskSpan: Span | null;
  /** The unit's own practices and 存在问题 (a few sentences), for the summary report. */
  wordsSpan: Span | null;
  issueSpan: Span | null;
  extraIssues: Issue[];
  report: { staged: string; name: string } | null;
  /** The file's bytes kept in the staging folder for its return copy (files with issues only). */
  kept: string | null;
  returnCopy: string | null;
  /** Notes of our own about this file, in file order in the summary. */
  notes: string[];
}

/** An issue of the importer's own about a file (its value: the file's name). */
function fileFinding<C extends MessageCode>(
  def: Definition,
  severity: Issue['severity'],
  code: C,
  file: string | null,
  vars: MessageVars<C>,
): Issue {
  return makeIssue(def, severity, code, vars, { value: file });
}

const fromSource = (def: Definition, s: SourceIssue): Issue =>
  makeIssue(def, s.severity, s.rule, s.vars as MessageVars<typeof s.rule>, { value: s.value });

/** The issue for a file that could not be read. */
function readIssue(def: Definition, rel: string, r: Extract<ReadOutcome, { problem: unknown }>): Issue {
  switch (r.problem) {
    case 'tooLarge':
      return fileFinding(def, 'error', 'file.tooLarge', rel, { limit: `${MAX_FILE_BYTES / 1024 / 1024} MB` });
    case 'notRegular':
      return fileFinding(def, 'error', 'file.notRegular', rel, { file: rel });
    default:
      if (r.code === 'archive') return fileFinding(def, 'error', 'archive.entryCorrupt', rel, {});
      return fileFinding(def, 'error', 'file.unreadable', rel, { reason: problemText(r.problem, r.code) });
  }
}

/** Creates a private file (0600) in the staging folder. */
async function writeStaged(file: string, data: Uint8Array): Promise<void> {
  const fh = await fsp.open(file, 'w', 0o600);
  try {
    await fh.writeFile(data);
  } finally {
    await fh.close();
  }
}

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
  const stem = path.posix.basename(rel).replace(/\.[^.]*$/, '');
  const base =
    unit && year !== null && period
      ? `${cutGraphemes(unit, 40)}-退回修改-${year}年${cutGraphemes(period, 20)}`
      : `${cutGraphemes(stem, 60)}-退回修改`;
  return `${sanitizeFileName(base, '退回修改')}.xlsx`;
}

/** Later 填报日期 wins, then the later file time, then the later path (deterministic). */
function laterThan(a: FileRecord, b: FileRecord): boolean {
  return isLaterSubmission({ ...a, name: a.rel }, { ...b, name: b.rel });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Puts the staged outputs in place. First every existing target is probed (on Windows: a file open in
 * Excel or WPS cannot be opened for writing), so nothing is replaced while another output is still held;
 * then each is renamed over its target. A held file gets one message and is retried every second until
 * `lockWaitMs` runs out; then the run stops with a Chinese message and the previous outputs are left as
 * they were (except any already moved when a file was locked between the probe and its rename).
 */
async function putInPlace(
  moves: { from: string; to: string; name: string }[],
  ctx: RunContext,
): Promise<void> {
  const deadline = Date.now() + ctx.lockWaitMs;
  const told = new Set<string>();
  const settle = async (name: string, op: () => Promise<void>) => {
    for (;;) {
      try {
        return await op();
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (code === 'EISDIR' || code === 'ENOTEMPTY' || code === 'EEXIST')
          throw new ImportUsageError(formatTemplate(RUN_MESSAGES.outputIsFolder, { value: name }));
        if (!isLockedError(err)) {
          if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
            throw new ImportUsageError(
              formatTemplate(RUN_MESSAGES.outputDenied, { value: name, other: code }),
            );
          throw err;
        }
        const left = deadline - Date.now();
        if (left <= 0)
          throw new ImportUsageError(formatTemplate(RUN_MESSAGES.outputLockedGaveUp, { value: name }));
        if (!told.has(name)) {
          told.add(name);
          ctx.notice(formatTemplate(RUN_MESSAGES.outputLocked, { value: name, n: Math.ceil(left / 1000) }));
        }
        await sleep(Math.min(left, Math.max(50, Math.min(1000, ctx.lockWaitMs / 10))));
      }
    }
  };
  for (const dir of new Set(moves.map((m) => path.dirname(m.to))))
    await fsp.access(dir, fsConstants.W_OK).catch((err: { code?: string }) => {
      const name = path.relative(ctx.outDir, dir) || path.basename(dir);
      throw new ImportUsageError(
        formatTemplate(RUN_MESSAGES.outputDenied, { value: name, other: err.code ?? '' }),
      );
    });
  for (const m of moves) {
    const st = await fsp.lstat(m.to).catch(() => null);
    if (st?.isDirectory())
      throw new ImportUsageError(formatTemplate(RUN_MESSAGES.outputIsFolder, { value: m.name }));
    if (st) await settle(m.name, () => outputFs.probe(m.to));
  }
  for (const m of moves) await settle(m.name, () => outputFs.rename(m.from, m.to));
}

export async function importSources(
  input: readonly Source[],
  opts: ImportOptions,
  ctx: RunContext,
): Promise<ImportSummary> {
  const started = performance.now();
  const def = opts.def ?? defaultDefinition;
  const outDir = ctx.outDir;
  const staging = ctx.staging;
  const jobs = Math.max(1, Math.min(64, opts.jobs ?? Math.max(1, os.availableParallelism())));
  const budgetMs = opts.budgetMs ?? DEFAULT_BUDGET_MS;

  const matcher = new RosterMatcher();
  const hasRoster = !!opts.roster;
  const runNotes: string[] = [];
  if (opts.roster) {
    const r = await readRegularFile(opts.roster, { maxBytes: MAX_FILE_BYTES });
    if ('problem' in r)
      throw new ImportUsageError(`无法读取单位名册“${opts.roster}”：文件不存在或没有读取权限。`);
    const res = await readRoster(r.bytes, path.basename(opts.roster), def);
    const rosterErrors = res.issues.filter((i) => i.severity === 'error');
    if (res.units.length === 0)
      throw new ImportUsageError(
        `单位名册“${path.basename(opts.roster)}”中没有读到单位。${rosterErrors.map((i) => i.message).join('；')}`,
      );
    for (const i of res.issues) runNotes.push(`单位名册：${i.message}`);
    for (const u of res.units) matcher.add(u);
  }
  const rosterSize = matcher.units.length;

  const sources = sortSources([...input]);
  const total = sources.length;
  const records: FileRecord[] = sources.map((s, idx) => ({
    idx,
    source: s,
    rel: s.rel,
    mtimeMs: s.mtimeMs ?? 0,
    state: 'failed',
    identicalTo: null,
    unit: null,
    byFileName: false,
    wbName: null,
    wbCode: null,
    fillDate: null,
    year: null,
    reportKind: null,
    period: null,
    errors: 0,
    warnings: 0,
    checkIssues: 0,
    firstError: null,
    risks: 0,
    high: 0,
    overdue: 0,
    current: null,
    riskSpan: null,
    wordsSpan: null,
    issueSpan: null,
    extraIssues: [],
    report: null,
    kept: null,
    returnCopy: null,
    notes: [],
  }));
  const spool = await Spool.open(path.join(staging, 'spool.jsonl'));
  const byHash = new Map<string, number>();
  let done = 0;
  let checkMsTotal = 0;
  let reportMsTotal = 0;
  let checkedFiles = 0;
  const progressTotal = total;
  opts.onProgress?.(0, progressTotal);

  const addIssue = (rec: FileRecord, issue: Issue) => {
    rec.extraIssues.push(issue);
    if (issue.severity === 'error') {
      rec.errors++;
      rec.firstError ??= issue.message;
    } else rec.warnings++;
  };

  const needsPool = sources.some((s) => s.read && !s.problem);
  const pool = needsPool ? (opts.pool ?? new CheckPool(jobs, budgetMs)) : null;
  try {
    // ---- 3. check: settle what needs no reading, read and check the workbooks ----
    /** Settles a file without reading it; true when it still has to be read. */
    const settle = (rec: FileRecord): boolean => {
      const s = rec.source;
      for (const w of s.warnings ?? []) if (s.kind !== 'ignored') addIssue(rec, fromSource(def, w));
      if (s.kind === 'ignored') {
        rec.state = 'ignored';
        return false;
      }
      if (s.problem) {
        addIssue(rec, fromSource(def, s.problem));
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
    };

    // Reads run ahead concurrently, but hashes are registered strictly in file order, so which of two
    // identical files is "the copy" never depends on timing.
    let hashTurn: Promise<unknown> = Promise.resolve();
    const prepare = (rec: FileRecord): Promise<Uint8Array | null> => {
      if (!settle(rec)) return Promise.resolve(null);
      const reading = rec.source.read!();
      const turn = hashTurn.then(async () => {
        const r = await reading;
        if ('problem' in r) {
          addIssue(rec, readIssue(def, rec.rel, r));
          return null;
        }
        rec.mtimeMs = rec.source.mtimeMs ?? r.mtimeMs;
        const hash = createHash('sha256').update(r.bytes).digest('hex');
        const first = byHash.get(hash);
        if (first !== undefined) {
          rec.state = 'identical';
          rec.identicalTo = first;
          return null;
        }
        byHash.set(hash, rec.idx);
        return r.bytes;
      });
      hashTurn = turn.catch(() => undefined);
      return turn;
    };

    /** Checks one file in the pool and records the result (its unit report staged). */
    const check = async (rec: FileRecord, bytes: Uint8Array): Promise<void> => {
      // A file over its time budget is tried once more in a fresh worker (a cold start on a loaded machine
      // can be slow); a second timeout is the file's 错误.
      let result: WorkerResult | undefined;
      for (let attempt = 0; ; attempt++) {
        try {
          result = await pool!.check({
            bytes: bytes.slice(),
            fileName: rec.rel,
            asOf: opts.asOf,
            report: true,
          });
          break;
        } catch (err) {
          if (err instanceof TimeoutError && attempt === 0) continue;
          const rule = err instanceof TimeoutError ? 'file.timeout' : 'file.corrupt';
          addIssue(rec, fileFinding(def, 'error', rule, rec.rel, {}));
          return;
        }
      }
      checkedFiles++;
      checkMsTotal += result.checkMs;
      reportMsTotal += result.reportMs;
      if (result.internalError) rec.notes.push(`${rec.rel}：生成单位报告时出错（${result.internalError}）`);
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
        rec.wordsSpan = words.practices.length || words.problems.length ? await spool.put(words) : null;
        // The bytes of a file with issues are kept (privately) for its return copy.
        if (issues.length > 0) {
          rec.kept = path.join(staging, `b${rec.idx}.xlsx`);
          await writeStaged(rec.kept, bytes);
        }
      }
      if (result.report) {
        const p = path.join(staging, `r${rec.idx}.docx`);
        await writeStaged(p, result.report.bytes);
        rec.report = { staged: p, name: result.report.name };
      }
    };

    // Exactly `jobs` lanes, one file in a worker each, so a file's time budget runs only while it is being
    // checked (never while it waits behind a hanging file). Each lane reads and hashes its next file while
    // the current one is in the worker.
    let next = 0;
    const failed = (rec: FileRecord, err: unknown) => {
      // Our own failure on one file (e.g. disk): note it, keep the batch going.
      rec.state = 'failed';
      if (rec.errors === 0) addIssue(rec, fileFinding(def, 'error', 'file.corrupt', rec.rel, {}));
      rec.notes.push(`${rec.rel}：${err instanceof Error ? err.message : String(err)}`);
    };
    const take = (): { rec: FileRecord; bytes: Promise<Uint8Array | null> } | null => {
      if (next >= total) return null;
      const rec = records[next++];
      return {
        rec,
        bytes: prepare(rec).catch((err: unknown) => {
          failed(rec, err);
          return null;
        }),
      };
    };
    const lane = async (): Promise<void> => {
      let cur = take();
      while (cur) {
        const bytes = await cur.bytes;
        const following = take();
        if (bytes) {
          try {
            await check(cur.rec, bytes);
          } catch (err) {
            failed(cur.rec, err);
          }
        }
        done++;
        opts.onProgress?.(done, progressTotal);
        cur = following;
      }
    };
    await Promise.all(Array.from({ length: Math.min(jobs, Math.max(1, total)) }, lane));

    // ---- 4. units, in a fixed order ----
    // Roster units keep the roster's order; units not in it (all units, without a roster) follow, ordered
    // by unit code, then name — never by which file happened to finish first.
    const unknown: FileRecord[] = [];
    for (const rec of records) {
      if (rec.state !== 'used') continue;
      if (!rec.wbName && !rec.wbCode) {
        rec.state = 'unmatched';
        addIssue(rec, fileFinding(def, 'error', 'import.noUnit', rec.rel, {}));
        continue;
      }
      const m = matcher.match({ code: rec.wbCode, name: rec.wbName });
      if (m) rec.unit = m.index;
      else unknown.push(rec);
    }
    const sortKey = (r: FileRecord) => [
      r.wbCode ? 0 : 1,
      normalizeKey(r.wbCode ?? ''),
      normalizeKey(r.wbName ?? ''),
      r.rel,
    ];
    unknown.sort((a, b) => {
      const ka = sortKey(a);
      const kb = sortKey(b);
      for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
      return 0;
    });
    for (const rec of unknown) {
      const m = matcher.match({ code: rec.wbCode, name: rec.wbName });
      rec.unit =
        m?.index ??
        matcher.add({
          code: rec.wbCode ?? '',
          name: rec.wbName ?? rec.wbCode ?? '',
          aliases: [],
          group: null,
        });
    }
    // A document, an .xls or a damaged file belongs to the unit its name names: that unit sent something
    // (unusable), it did not fail to send.
    for (const rec of records) {
      if (rec.state !== 'document' && rec.state !== 'failed') continue;
      const m = matchFileName(matcher, rec.rel);
      if (m) {
        rec.unit = m.index;
        rec.byFileName = true;
      }
    }
  } catch (err) {
    if (!opts.pool) await pool?.close();
    throw err;
  }

  // ---- winners per unit ----
  const winner = new Map<number, FileRecord>();
  const unusable = new Map<number, FileRecord[]>();
  for (const rec of records) {
    if (rec.unit === null) continue;
    if (rec.state === 'used') {
      const cur = winner.get(rec.unit);
      if (!cur || laterThan(rec, cur)) winner.set(rec.unit, rec);
    } else if (rec.byFileName) unusable.set(rec.unit, [...(unusable.get(rec.unit) ?? []), rec]);
  }
  for (const rec of records) {
    if (rec.state === 'used' && rec.unit !== null && winner.get(rec.unit) !== rec) {
      rec.state = 'superseded';
      rec.extraIssues.push(
        fileFinding(def, 'warning', 'import.superseded', null, { other: winner.get(rec.unit)!.rel }),
      );
    }
    if (rec.state === 'identical' && rec.identicalTo !== null) {
      rec.extraIssues.push(
        fileFinding(def, 'warning', 'import.identical', null, { other: records[rec.identicalTo].rel }),
      );
    }
  }
  // Unknown units (with a roster): a warning on the file that brought them.
  for (const [unit, rec] of winner) {
    if (hasRoster && unit >= rosterSize)
      addIssue(
        rec,
        fileFinding(def, 'warning', 'import.unknownUnit', matcher.units[unit].name, {
          value: matcher.units[unit].name,
        }),
      );
  }
  const unitName = (i: number) => matcher.units[i].name;
  const unitOf = (rec: FileRecord): number | null =>
    rec.unit ?? (rec.identicalTo !== null ? records[rec.identicalTo].unit : null);

  // ---- 5. return copies of the winners with issues, each on its own budget ----
  {
    const todo = [...winner.values()]
      .filter((r) => r.kept && r.checkIssues > 0)
      .sort((a, b) => a.idx - b.idx);
    // The check's pool, still running (a file with issues was checked, so there is one).
    const rcPool = todo.length ? (pool ?? new CheckPool(jobs, budgetMs)) : null;
    try {
      let k = 0;
      const lane = async () => {
        while (k < todo.length) {
          const rec = todo[k++];
          try {
            const bytes = new Uint8Array(await fsp.readFile(rec.kept!));
            const issues = rec.issueSpan ? await spool.get<Issue[]>(rec.issueSpan) : [];
            const u = rec.unit !== null ? matcher.units[rec.unit].name : null;
            const period = rec.year !== null && rec.period ? `${rec.year}年${rec.period}` : null;
            const title = [u, period].filter(Boolean).join(' ');
            const r = await rcPool!.returnCopy({
              kind: 'returnCopy',
              bytes,
              fileName: rec.rel,
              issues,
              title,
            });
            if (r.returnCopy) {
              rec.returnCopy = path.join(staging, `c${rec.idx}.xlsx`);
              await writeStaged(rec.returnCopy, r.returnCopy);
            } else if (r.error) {
              rec.notes.push(
                formatTemplate(RUN_MESSAGES.returnCopyFailed, { value: rec.rel, other: r.error }),
              );
            }
          } catch (err) {
            const why =
              err instanceof TimeoutError ? '超过时限' : err instanceof Error ? err.message : String(err);
            rec.notes.push(formatTemplate(RUN_MESSAGES.returnCopyFailed, { value: rec.rel, other: why }));
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(jobs, todo.length) }, lane));
    } finally {
      if (!opts.pool) await Promise.all([pool?.close(), rcPool !== pool ? rcPool?.close() : undefined]);
    }
  }

  // ---- unit rows ----
  const statusOfRec = (rec: FileRecord): Exclude<UnitStatus, 'missing' | 'unusable'> =>
    rec.errors > 0 ? 'errors' : rec.warnings > 0 ? 'warnings' : 'ok';
  const filesOfUnit = new Map<number, FileRecord[]>();
  for (const rec of records) {
    const u = unitOf(rec);
    if (u === null) continue;
    filesOfUnit.set(u, [...(filesOfUnit.get(u) ?? []), rec]);
  }
  const statusRows: StatusRow[] = matcher.units.map((u, i) => {
    const rec = winner.get(i);
    const noteParts: string[] = [];
    if (hasRoster && i >= rosterSize) noteParts.push('不在单位名册中');
    const bad = unusable.get(i) ?? [];
    const shown = rec ?? bad[bad.length - 1];
    for (const o of (filesOfUnit.get(i) ?? []).filter((r) => r !== shown)) {
      if (o.state === 'identical') noteParts.push(`另有相同文件：${o.rel}`);
      else if (o.state === 'superseded') noteParts.push(`另有较早报送：${o.rel}`);
      else noteParts.push(`另有无法使用的文件：${o.rel}`);
    }
    const empty = { risks: 0, high: 0, overdue: 0 };
    if (!rec && shown) {
      if (shown.firstError) noteParts.unshift(shown.firstError);
      return {
        code: u.code,
        name: u.name,
        group: u.group,
        status: 'unusable',
        file: shown.rel,
        fillDate: null,
        errors: shown.errors,
        warnings: shown.warnings,
        ...empty,
        note: noteParts.join('；'),
      };
    }
    if (!rec)
      return {
        code: u.code,
        name: u.name,
        group: u.group,
        status: 'missing',
        file: null,
        fillDate: null,
        errors: 0,
        warnings: 0,
        ...empty,
        note: noteParts.join('；'),
      };
    return {
      code: u.code,
      name: u.name,
      group: u.group,
      status: statusOfRec(rec),
      file: rec.rel,
      fillDate: rec.fillDate,
      errors: rec.errors,
      warnings: rec.warnings,
      risks: rec.risks,
      high: rec.high,
      overdue: rec.overdue,
      note: noteParts.join('；'),
    };
  });

  // Counted = the winning submission of a unit, without errors. Their figures and risks are summed.
  const counted: { unit: number; rec: FileRecord }[] = [];
  matcher.units.forEach((_, i) => {
    const rec = winner.get(i);
    if (rec && rec.errors === 0) counted.push({ unit: i, rec });
  });

  const agg = new Aggregator(def);
  function* metricRows(): Iterable<MetricRow> {
    for (const { unit, rec } of counted) {
      const u = matcher.units[unit];
      const current = rec.current ?? def.metrics.map(() => null);
      agg.addUnit(u.name, current, rec);
      yield { code: u.code, name: u.name, group: u.group, current };
    }
  }
  async function* riskRows(): AsyncIterable<RiskRow> {
    for (const { unit, rec } of counted) {
      if (rec.wordsSpan) agg.addWords(matcher.units[unit].name, await spool.get<UnitWords>(rec.wordsSpan));
      if (!rec.riskSpan) continue;
      const u = matcher.units[unit];
      for (const risk of await spool.get<Risk[]>(rec.riskSpan)) {
        agg.addRisk(u.name, risk);
        yield { code: u.code, name: u.name, risk };
      }
    }
  }
  const missingIssues: IssueRow[] = [];
  statusRows.forEach((r) => {
    if (r.status === 'missing')
      missingIssues.push({
        unit: r.name,
        file: '',
        issue: fileFinding(def, 'error', 'import.missing', r.name, { value: r.name }),
      });
  });
  /** A file's issues as listed: its own (unless it was set aside as a duplicate), then ours. */
  const issuesOf = async (rec: FileRecord): Promise<Issue[]> => {
    const list = rec.issueSpan ? await spool.get<Issue[]>(rec.issueSpan) : [];
    const own = rec.state === 'superseded' || rec.state === 'identical' ? [] : list;
    return [...own, ...rec.extraIssues];
  };
  async function* issueRows(): AsyncIterable<IssueRow> {
    // In unit order, then files that belong to no unit, then the units that did not submit.
    const order: FileRecord[] = [];
    const seen = new Set<FileRecord>();
    matcher.units.forEach((_, i) => {
      for (const rec of filesOfUnit.get(i) ?? [])
        if (!seen.has(rec)) {
          order.push(rec);
          seen.add(rec);
        }
    });
    for (const rec of records) if (!seen.has(rec)) order.push(rec);
    for (const rec of order) {
      const u = unitOf(rec);
      const name = u !== null ? unitName(u) : (rec.wbName ?? '');
      for (const issue of await issuesOf(rec)) yield { unit: name, file: rec.rel, issue };
    }
    for (const m of missingIssues) yield m;
  }
  function* fileRows(): Iterable<FileRow> {
    for (const rec of records) {
      const u = unitOf(rec);
      const first = rec.firstError ?? rec.extraIssues[0]?.message ?? null;
      let note = '';
      if (rec.state === 'unpacked') note = `压缩包，其中有${rec.source.entries ?? 0}个文件，见下`;
      else if (rec.state === 'used' || rec.state === 'superseded' || rec.state === 'identical')
        note =
          rec.errors + rec.warnings > 0
            ? `${SEVERITY_LABEL.error}${rec.errors}条，${SEVERITY_LABEL.warning}${rec.warnings}条`
            : '';
      else if (first) note = first;
      if (rec.byFileName) note = note ? `${note}（按文件名识别单位）` : '按文件名识别单位';
      yield {
        file: rec.rel,
        status: FILE_STATUS_LABEL[rec.state],
        unit: u !== null ? unitName(u) : null,
        note,
      };
    }
  }

  // ---- 6. outputs: staged, then put in place together ----
  const trackingStaged = path.join(staging, 'tracking.xlsx');
  const stats = await writeTracking(
    trackingStaged,
    {
      statusRows,
      metricRows: metricRows(),
      riskRows: riskRows(),
      issueRows: issueRows(),
      fileRows: fileRows(),
      extraSheets: opts.extraTrackingSheets,
    },
    def,
  );
  {
    const fh = await fsp.open(trackingStaged, 'r+');
    await fh.sync();
    await fh.close();
  }
  await spool.close();

  const unitsMissing = statusRows.filter((r) => r.status === 'missing');
  const unusableUnits = statusRows.filter((r) => r.status === 'unusable').length;
  const aggregate = agg.result({
    expected: hasRoster ? rosterSize : matcher.units.length,
    submitted: winner.size + unusableUnits,
    passed: statusRows.filter((r) => r.status === 'ok').length,
    withWarnings: statusRows.filter((r) => r.status === 'warnings').length,
    withErrors: statusRows.filter((r) => r.status === 'errors' || r.status === 'unusable').length,
    missing: unitsMissing.map((r) => ({ code: r.code, name: r.name })),
    unknown: hasRoster ? matcher.units.slice(rosterSize).map((u) => ({ code: u.code, name: u.name })) : [],
  });

  // 汇总分析报告.docx: only when some unit's figures are counted (else it would be a hollow document).
  let summaryStaged: string | null = null;
  if (aggregate.counted > 0) {
    try {
      summaryStaged = path.join(staging, 'summary.docx');
      await writeSummaryReport(summaryStaged, aggregate, def, {
        issuer: opts.issuer,
        date: opts.asOf ?? null,
        byCategory: stats.byCategory,
        changes: opts.changes,
      });
    } catch (err) {
      summaryStaged = null;
      runNotes.push(`汇总分析报告生成失败：${err instanceof Error ? err.message : String(err)}`);
    }
  } else runNotes.push(RUN_MESSAGES.noSummary);

  const reportsDir = path.join(outDir, OUTPUT_NAMES.reportsDir);
  const returnsDir = path.join(outDir, OUTPUT_NAMES.returnsDir);
  await fsp.mkdir(reportsDir, { recursive: true });
  await fsp.mkdir(returnsDir, { recursive: true });
  const moves: { from: string; to: string; name: string }[] = [
    { from: trackingStaged, to: path.join(outDir, OUTPUT_NAMES.tracking), name: OUTPUT_NAMES.tracking },
  ];
  if (summaryStaged)
    moves.push({
      from: summaryStaged,
      to: path.join(outDir, OUTPUT_NAMES.summary),
      name: OUTPUT_NAMES.summary,
    });
  const reports: string[] = [];
  const returnCopies: string[] = [];
  const returnCopyOf = new Map<number, string>();
  const usedReport = new Set<string>();
  const usedReturn = new Set<string>();
  for (const [unit, rec] of [...winner.entries()].sort((a, b) => a[0] - b[0])) {
    const u = matcher.units[unit];
    if (rec.report && rec.errors === 0) {
      const base = sanitizeFileName(rec.report.name.replace(/\.docx$/i, ''), sanitizeFileName(u.name));
      const name = uniqueName(`${base}.docx`, usedReport);
      moves.push({
        from: rec.report.staged,
        to: path.join(reportsDir, name),
        name: `${OUTPUT_NAMES.reportsDir}/${name}`,
      });
      reports.push(`${OUTPUT_NAMES.reportsDir}/${name}`);
    }
    if (rec.returnCopy) {
      const name = uniqueName(returnCopyName(u.name, rec.year, rec.period, rec.rel), usedReturn);
      moves.push({
        from: rec.returnCopy,
        to: path.join(returnsDir, name),
        name: `${OUTPUT_NAMES.returnsDir}/${name}`,
      });
      returnCopies.push(`${OUTPUT_NAMES.returnsDir}/${name}`);
      returnCopyOf.set(unit, `${OUTPUT_NAMES.returnsDir}/${name}`);
    }
  }
  await putInPlace(moves, ctx);

  // Outputs of an earlier run that this run did not produce again are stale: remove them. Names are
  // compared the way the file system compares them (the names written are whole graphemes, NFC).
  for (const [dir, keep] of [
    [reportsDir, usedReport],
    [returnsDir, usedReturn],
  ] as const) {
    for (const e of await fsp.readdir(dir, { withFileTypes: true })) {
      if (e.isFile() && /\.(docx|xlsx)$/i.test(e.name) && !keep.has(nameKey(e.name)))
        await fsp.rm(path.join(dir, e.name), { force: true }).catch(() => undefined);
    }
  }
  if (!summaryStaged)
    await fsp.rm(path.join(outDir, OUTPUT_NAMES.summary), { force: true }).catch(() => undefined);

  const notes = [...runNotes, ...records.flatMap((r) => r.notes)];
  const count = (...states: FileState[]) => records.filter((r) => states.includes(r.state)).length;
  const summary: ImportSummary = {
    units: statusRows.map((r, i) => ({
      code: r.code,
      name: r.name,
      status: r.status,
      file: r.file,
      errors: r.errors,
      warnings: r.warnings,
      returnCopy: returnCopyOf.get(i) ?? null,
    })),
    files: records.map((rec) => {
      const u = unitOf(rec);
      return { file: rec.rel, status: rec.state, unit: u !== null ? unitName(u) : null };
    }),
    outputs: {
      dir: outDir,
      tracking: OUTPUT_NAMES.tracking,
      summaryReport: summaryStaged ? OUTPUT_NAMES.summary : null,
      reports,
      returnCopies,
    },
    totals: {
      expected: aggregate.expected,
      submitted: aggregate.submitted,
      ok: aggregate.passed,
      warnings: aggregate.withWarnings,
      errors: statusRows.filter((r) => r.status === 'errors').length,
      unusable: unusableUnits,
      missing: unitsMissing.length,
      unknown: aggregate.unknown.length,
      files: total,
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
    notes,
    timing: { seconds: (performance.now() - started) / 1000, checkMsTotal, reportMsTotal, checkedFiles },
    aggregate,
  };
  return summary;
}
