// yanpan import: a folder of returned workbooks → checked; 汇总台账.xlsx, per-unit reports, the summary
// report and return copies in OUTDIR. Files are checked in a kept worker pool; the main thread keeps one
// small record per file and spools risks and issues to a scratch file, so memory stays bounded.
import { createHash, randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  definition as defaultDefinition,
  isHighLevel,
  readRoster,
  type Definition,
  type Issue,
  type Risk,
  type Submission,
} from '../../../templates/src/index';
import { isLaterSubmission, sanitizeFileName, uniqueName } from '../fsutil';
import { Aggregator, type ImportAggregate } from './aggregate';
import { discover } from './discover';
import { FILE_STATUS_LABEL, IMPORT_MESSAGES, OUTPUT_NAMES, fmt } from './labels';
import { CheckPool, TimeoutError } from './pool';
import { RosterMatcher } from './roster-match';
import { Spool, type Span } from './spool';
import { runWorkspaceImport, type WorkspaceInfo } from '../store/workspace';
import { writeSummaryReport } from './summary';
import {
  writeTracking,
  type IssueRow,
  type MetricRow,
  type RiskRow,
  type StatusRow,
  type UnitStatus,
  type TrackingInput,
} from './tracking';

/** Time budget of one file in a worker (check, unit report and return copy); a timeout is retried once. */
export const DEFAULT_BUDGET_MS = 30_000;

/** Files larger than this (compressed) are refused before reading. */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

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
    missing: number;
    unknown: number;
    files: number;
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

/** The command could not run at all (exit status 2); the message is Chinese and shown as is. */
export class ImportUsageError extends Error {}

interface FileRecord {
  idx: number;
  rel: string;
  mtimeMs: number;
  state: FileState;
  identicalTo: number | null;
  unit: number | null;
  wbName: string | null;
  wbCode: string | null;
  fillDate: string | null;
  year: number | null;
  reportKind: string | null;
  period: string | null;
  errors: number;
  warnings: number;
  risks: number;
  high: number;
  overdue: number;
  current: (number | null)[] | null;
  riskSpan: Span | null;
  issueSpan: Span | null;
  extraIssues: Issue[];
  report: { staged: string; name: string } | null;
  returnCopy: string | null;
}

function issueFor(
  def: Definition,
  rule: string,
  severity: Issue['severity'],
  vars: Record<string, string | number | null> = {},
): Issue {
  const template = def.messages[rule] ?? IMPORT_MESSAGES[rule] ?? rule;
  return {
    severity,
    rule,
    sheet: null,
    cell: null,
    field: null,
    value: vars.value === undefined || vars.value === null ? null : String(vars.value),
    message: fmt(template, vars),
  };
}

async function writeSynced(file: string, data: Uint8Array): Promise<void> {
  const fh = await fsp.open(file, 'w');
  try {
    await fh.writeFile(data);
  } finally {
    await fh.close();
  }
}

/** Removes temporary files left by a killed earlier run (ours only: dot-named *.tmp and staging folders). */
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
      if (e.name.startsWith('.yanpan-staging-') && e.isDirectory())
        await fsp.rm(path.join(dir, e.name), { recursive: true, force: true });
      else if (e.name.startsWith('.') && e.name.endsWith('.tmp') && e.isFile())
        await fsp.rm(path.join(dir, e.name), { force: true });
    }
  }
}

/** Later 填报日期 wins, then the later file time, then the later path (deterministic). */
function laterThan(a: FileRecord, b: FileRecord): boolean {
  return isLaterSubmission({ ...a, name: a.rel }, { ...b, name: b.rel });
}

/**
 * Imports a folder of returned workbooks. By default through the workspace store (every file is kept in
 * OUTDIR/yanpan.db or opts.db, and the outputs are generated from the store's current submissions for the
 * period asked, see docs/workspace.md); with `db: false`, the folder alone.
 */
export async function runImport(opts: ImportOptions): Promise<ImportSummary> {
  if (opts.db === false) return importFolder(opts);
  return runWorkspaceImport(
    { ...opts, db: opts.db, budgetMs: opts.budgetMs ?? DEFAULT_BUDGET_MS },
    { importFolder, usageError: (m) => new ImportUsageError(m), maxFileBytes: MAX_FILE_BYTES },
  );
}

async function importFolder(opts: ImportOptions): Promise<ImportSummary> {
  const started = performance.now();
  const def = opts.def ?? defaultDefinition;
  const inputDir = path.resolve(opts.inputDir);
  const outDir = path.resolve(opts.outDir);
  const jobs = Math.max(1, Math.min(64, opts.jobs ?? Math.max(1, os.availableParallelism())));

  // ---- arguments ----
  try {
    const st = await fsp.stat(inputDir);
    if (!st.isDirectory()) throw new Error();
    await fsp.readdir(inputDir);
  } catch {
    throw new ImportUsageError(`无法读取输入文件夹“${opts.inputDir}”：文件夹不存在或没有读取权限。`);
  }
  if (outDir === inputDir)
    throw new ImportUsageError('输出文件夹不能与输入文件夹相同，请另选一个输出文件夹。');
  try {
    await fsp.mkdir(outDir, { recursive: true });
    const probe = path.join(outDir, `.yanpan-probe-${process.pid}.tmp`);
    await fsp.writeFile(probe, '');
    await fsp.rm(probe);
  } catch {
    throw new ImportUsageError(`无法写入输出文件夹“${opts.outDir}”：请检查路径和写入权限。`);
  }

  const matcher = new RosterMatcher();
  const hasRoster = !!opts.roster;
  const notes: string[] = [];
  if (opts.roster) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await fsp.readFile(opts.roster));
    } catch {
      throw new ImportUsageError(`无法读取单位名册“${opts.roster}”：文件不存在或没有读取权限。`);
    }
    const res = await readRoster(bytes, path.basename(opts.roster));
    const rosterErrors = res.issues.filter((i) => i.severity === 'error');
    if (res.units.length === 0)
      throw new ImportUsageError(
        `单位名册“${path.basename(opts.roster)}”中没有读到单位。${rosterErrors.map((i) => i.message).join('；')}`,
      );
    for (const i of res.issues) notes.push(`单位名册：${i.message}`);
    for (const u of res.units) matcher.add(u);
  }
  const rosterSize = matcher.units.length;

  await cleanStale(outDir);
  const staging = path.join(outDir, `.yanpan-staging-${process.pid}-${randomBytes(3).toString('hex')}`);
  await fsp.mkdir(staging, { recursive: true });

  const found = await discover(inputDir, [outDir]);
  const total = found.length;
  const records: FileRecord[] = [];
  const spool = await Spool.open(path.join(staging, 'spool.jsonl'));
  const byHash = new Map<string, number>();
  let done = 0;
  let checkMsTotal = 0;
  let reportMsTotal = 0;
  let checkedFiles = 0;
  opts.onProgress?.(0, total);

  const pool = total > 0 ? (opts.pool ?? new CheckPool(jobs, opts.budgetMs ?? DEFAULT_BUDGET_MS)) : null;
  try {
    const newRecord = (idx: number): FileRecord => {
      const f = found[idx];
      return {
        idx,
        rel: f.rel,
        mtimeMs: f.mtimeMs,
        state: 'failed',
        identicalTo: null,
        unit: null,
        wbName: null,
        wbCode: null,
        fillDate: null,
        year: null,
        reportKind: null,
        period: null,
        errors: 0,
        warnings: 0,
        risks: 0,
        high: 0,
        overdue: 0,
        current: null,
        riskSpan: null,
        issueSpan: null,
        extraIssues: [],
        report: null,
        returnCopy: null,
      };
    };

    /** Reads and hashes one file; returns its bytes when it must be checked, null when it is settled. */
    const prepare = async (idx: number): Promise<Uint8Array | null> => {
      const f = found[idx];
      const rec = newRecord(idx);
      records[idx] = rec;
      // Legacy .xls/.et files go through the reader too: it sniffs the real format (a renamed .xlsx is read;
      // a real Excel 97-2003 or encrypted file gets its own clear 错误).
      // A returned workbook is tens of kB; a file this big is not read into memory at all.
      if (f.size > MAX_FILE_BYTES) {
        rec.issueSpan = await spool.put([
          issueFor(def, 'file.tooLarge', 'error', { max: `${MAX_FILE_BYTES / 1024 / 1024} MB` }),
        ]);
        rec.errors = 1;
        return null;
      }
      let bytes: Uint8Array;
      try {
        const buf = await fsp.readFile(f.path);
        bytes = new Uint8Array(buf.byteLength);
        bytes.set(buf);
      } catch {
        rec.issueSpan = await spool.put([issueFor(def, 'file.corrupt', 'error', { value: f.rel })]);
        rec.errors = 1;
        return null;
      }
      const hash = createHash('sha256').update(bytes).digest('hex');
      const first = byHash.get(hash);
      if (first !== undefined) {
        rec.state = 'identical';
        rec.identicalTo = first;
        return null;
      }
      byHash.set(hash, idx);
      return bytes;
    };

    /** Checks one file in the pool and records the result (staged report and return copy included). */
    const check = async (idx: number, bytes: Uint8Array): Promise<void> => {
      const f = found[idx];
      const rec = records[idx];

      // A file over its time budget is tried once more in a fresh worker (a cold start on a loaded machine
      // can be slow); a second timeout is the file's 错误.
      const spare = bytes.slice();
      let result;
      for (let attempt = 0; ; attempt++) {
        try {
          const task = { bytes: attempt === 0 ? bytes : spare, fileName: f.rel, asOf: opts.asOf };
          result = await pool!.run({ ...task, report: true, returnCopy: true });
          break;
        } catch (err) {
          if (err instanceof TimeoutError && attempt === 0) continue;
          const rule = err instanceof TimeoutError ? 'file.timeout' : 'file.corrupt';
          rec.issueSpan = await spool.put([issueFor(def, rule, 'error', { value: f.rel })]);
          rec.errors = 1;
          return;
        }
      }
      checkedFiles++;
      checkMsTotal += result.checkMs;
      reportMsTotal += result.reportMs;
      if (result.internalError) notes.push(`${f.rel}：生成报告或退回件时出错（${result.internalError}）`);
      const issues = result.issues;
      rec.errors = issues.filter((i) => i.severity === 'error').length;
      rec.warnings = issues.length - rec.errors;
      rec.issueSpan = issues.length ? await spool.put(issues) : null;
      const sub: Submission | null = result.submission;
      if (sub) {
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
        if (sub.unit.name || sub.unit.code) {
          let m = matcher.match(sub.unit);
          if (!m && !hasRoster) {
            // Without a roster the units found are the roster.
            const index = matcher.add({
              code: sub.unit.code ?? '',
              name: sub.unit.name ?? sub.unit.code ?? '',
              aliases: [],
              group: null,
            });
            m = { index, by: 'name' };
          }
          if (m) {
            rec.unit = m.index;
            rec.state = 'used';
          } else {
            // With a roster: an unknown unit is listed on its own (after the roster units).
            const index = matcher.add({
              code: sub.unit.code ?? '',
              name: sub.unit.name ?? sub.unit.code ?? '',
              aliases: [],
              group: null,
            });
            rec.unit = index;
            rec.state = 'used';
          }
        } else {
          rec.state = 'unmatched';
          rec.extraIssues.push(issueFor(def, 'import.noUnit', 'error', { value: f.rel }));
          rec.errors++;
        }
      }
      if (result.report) {
        const p = path.join(staging, `r${idx}.docx`);
        await writeSynced(p, result.report.bytes);
        rec.report = { staged: p, name: result.report.name };
      }
      if (result.returnCopy) {
        const p = path.join(staging, `c${idx}.xlsx`);
        await writeSynced(p, result.returnCopy);
        rec.returnCopy = p;
      }
    };

    // Exactly `jobs` lanes, one file in a worker each, so a file's time budget runs only while it is being
    // checked (never while it waits behind a hanging file). Each lane reads and hashes its next file while
    // the current one is in the worker.
    let next = 0;
    const failed = (idx: number, err: unknown) => {
      // Our own failure on one file (e.g. disk): note it, keep the batch going.
      const rec = records[idx] ?? newRecord(idx);
      records[idx] = rec;
      rec.state = 'failed';
      rec.errors = Math.max(rec.errors, 1);
      rec.extraIssues.push(issueFor(def, 'file.corrupt', 'error', { value: found[idx].rel }));
      notes.push(`${found[idx].rel}：${err instanceof Error ? err.message : String(err)}`);
    };
    const take = (): { idx: number; bytes: Promise<Uint8Array | null> } | null => {
      if (next >= total) return null;
      const idx = next++;
      return {
        idx,
        bytes: prepare(idx).catch((err: unknown) => {
          failed(idx, err);
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
            await check(cur.idx, bytes);
          } catch (err) {
            failed(cur.idx, err);
          }
        }
        done++;
        opts.onProgress?.(done, total);
        cur = following;
      }
    };
    await Promise.all(Array.from({ length: Math.min(jobs, Math.max(1, total)) }, lane));
  } finally {
    if (!opts.pool) await pool?.close();
  }

  // ---- winners per unit ----
  const winner = new Map<number, FileRecord>();
  for (const rec of records) {
    if (rec.state !== 'used' || rec.unit === null) continue;
    const cur = winner.get(rec.unit);
    if (!cur || laterThan(rec, cur)) winner.set(rec.unit, rec);
  }
  for (const rec of records) {
    if (rec.state === 'used' && rec.unit !== null && winner.get(rec.unit) !== rec) {
      rec.state = 'superseded';
      rec.extraIssues.push(
        issueFor(def, 'import.superseded', 'warning', { other: winner.get(rec.unit)!.rel }),
      );
    }
    if (rec.state === 'identical' && rec.identicalTo !== null) {
      rec.extraIssues.push(
        issueFor(def, 'import.identical', 'warning', { other: records[rec.identicalTo].rel }),
      );
    }
  }
  // Unknown units (with a roster): a warning on the file that brought them.
  for (const [unit, rec] of winner) {
    if (hasRoster && unit >= rosterSize) {
      rec.extraIssues.push(
        issueFor(def, 'import.unknownUnit', 'warning', { value: matcher.units[unit].name }),
      );
      rec.warnings++;
    }
  }
  const unitName = (i: number) => matcher.units[i].name;

  // ---- unit rows ----
  const statusOfRec = (rec: FileRecord): Exclude<UnitStatus, 'missing'> =>
    rec.errors > 0 ? 'errors' : rec.warnings > 0 ? 'warnings' : 'ok';
  const filesOfUnit = new Map<number, FileRecord[]>();
  for (const rec of records) {
    const u = rec.unit ?? (rec.identicalTo !== null ? records[rec.identicalTo].unit : null);
    if (u === null) continue;
    const list = filesOfUnit.get(u) ?? [];
    list.push(rec);
    filesOfUnit.set(u, list);
  }
  const statusRows: StatusRow[] = matcher.units.map((u, i) => {
    const rec = winner.get(i);
    const noteParts: string[] = [];
    if (hasRoster && i >= rosterSize) noteParts.push('不在单位名册中');
    const others = (filesOfUnit.get(i) ?? []).filter((r) => r !== rec);
    for (const o of others)
      noteParts.push(o.state === 'identical' ? `另有相同文件：${o.rel}` : `另有较早报送：${o.rel}`);
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
        risks: 0,
        high: 0,
        overdue: 0,
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
        issue: issueFor(def, 'import.missing', 'error', { value: r.name }),
      });
  });
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
      const u = rec.unit ?? (rec.identicalTo !== null ? records[rec.identicalTo].unit : null);
      const name = u !== null ? unitName(u) : (rec.wbName ?? '');
      const list = rec.issueSpan ? await spool.get<Issue[]>(rec.issueSpan) : [];
      // A superseded or identical file's own issues do not count; only the note that it was set aside.
      const shown = rec.state === 'superseded' || rec.state === 'identical' ? [] : list;
      for (const issue of [...shown, ...rec.extraIssues]) yield { unit: name, file: rec.rel, issue };
    }
    for (const m of missingIssues) yield m;
  }

  // ---- 汇总台账.xlsx ----
  const trackingPath = path.join(outDir, OUTPUT_NAMES.tracking);
  const trackingTmp = path.join(outDir, `.${OUTPUT_NAMES.tracking}.${process.pid}.tmp`);
  const stats = await writeTracking(
    trackingTmp,
    {
      statusRows,
      metricRows: metricRows(),
      riskRows: riskRows(),
      issueRows: issueRows(),
      extraSheets: opts.extraTrackingSheets,
    },
    def,
  );
  {
    const fh = await fsp.open(trackingTmp, 'r+');
    await fh.sync();
    await fh.close();
  }
  await fsp.rename(trackingTmp, trackingPath);
  await spool.close();

  const unitsMissing = statusRows.filter((r) => r.status === 'missing');
  const aggregate = agg.result({
    expected: hasRoster ? rosterSize : matcher.units.length,
    submitted: winner.size,
    passed: statusRows.filter((r) => r.status === 'ok').length,
    withWarnings: statusRows.filter((r) => r.status === 'warnings').length,
    withErrors: statusRows.filter((r) => r.status === 'errors').length,
    missing: unitsMissing.map((r) => ({ code: r.code, name: r.name })),
    unknown: hasRoster ? matcher.units.slice(rosterSize).map((u) => ({ code: u.code, name: u.name })) : [],
  });

  // ---- reports/ and 退回修改/: move the winners' staged files into place ----
  const reportsDir = path.join(outDir, OUTPUT_NAMES.reportsDir);
  const returnsDir = path.join(outDir, OUTPUT_NAMES.returnsDir);
  await fsp.mkdir(reportsDir, { recursive: true });
  await fsp.mkdir(returnsDir, { recursive: true });
  const reports: string[] = [];
  const returnCopies: string[] = [];
  const usedReport = new Set<string>();
  const usedReturn = new Set<string>();
  for (const [unit, rec] of [...winner.entries()].sort((a, b) => a[0] - b[0])) {
    const u = matcher.units[unit];
    if (rec.report && rec.errors === 0) {
      const base = sanitizeFileName(rec.report.name.replace(/\.docx$/i, ''), sanitizeFileName(u.name));
      const name = uniqueName(`${base}.docx`, usedReport);
      await fsp.rename(rec.report.staged, path.join(reportsDir, name));
      reports.push(`${OUTPUT_NAMES.reportsDir}/${name}`);
    }
    if (rec.returnCopy && rec.errors + rec.warnings > 0) {
      const orig = path.basename(rec.rel).replace(/\.(xlsx|xlsm)$/i, '');
      const name = uniqueName(
        `${sanitizeFileName(orig.includes(u.name) ? orig : `${u.name}-${orig}`, '退回修改')}.xlsx`,
        usedReturn,
      );
      await fsp.rename(rec.returnCopy, path.join(returnsDir, name));
      returnCopies.push(`${OUTPUT_NAMES.returnsDir}/${name}`);
    }
  }
  // Outputs of an earlier run that this run did not produce again are stale: remove them.
  for (const [dir, keep] of [
    [reportsDir, usedReport],
    [returnsDir, usedReturn],
  ] as const) {
    for (const e of await fsp.readdir(dir, { withFileTypes: true })) {
      if (e.isFile() && /\.(docx|xlsx)$/i.test(e.name) && !keep.has(e.name.toLowerCase()))
        await fsp.rm(path.join(dir, e.name), { force: true });
    }
  }

  // ---- 汇总分析报告.docx ----
  let summaryReport: string | null = null;
  try {
    await writeSummaryReport(path.join(outDir, OUTPUT_NAMES.summary), aggregate, def, {
      issuer: opts.issuer,
      date: opts.asOf ?? null,
      byCategory: stats.byCategory,
      changes: opts.changes,
    });
    summaryReport = OUTPUT_NAMES.summary;
  } catch (err) {
    notes.push(`汇总分析报告生成失败：${err instanceof Error ? err.message : String(err)}`);
  }
  await fsp.rm(staging, { recursive: true, force: true });

  const fileState = (rec: FileRecord): FileState => rec.state;
  const summary: ImportSummary = {
    units: statusRows.map((r) => ({
      code: r.code,
      name: r.name,
      status: r.status,
      file: r.file,
      errors: r.errors,
      warnings: r.warnings,
    })),
    files: records.map((rec) => {
      const u = rec.unit ?? (rec.identicalTo !== null ? records[rec.identicalTo].unit : null);
      return { file: rec.rel, status: fileState(rec), unit: u !== null ? unitName(u) : null };
    }),
    outputs: { dir: outDir, tracking: OUTPUT_NAMES.tracking, summaryReport, reports, returnCopies },
    totals: {
      expected: aggregate.expected,
      submitted: winner.size,
      ok: aggregate.passed,
      warnings: aggregate.withWarnings,
      errors: aggregate.withErrors,
      missing: unitsMissing.length,
      unknown: aggregate.unknown.length,
      files: total,
      duplicates: records.filter((r) => r.state === 'identical' || r.state === 'superseded').length,
      unreadable: records.filter((r) => r.state === 'failed' || r.state === 'unmatched').length,
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
