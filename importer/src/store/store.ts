// The workspace: an embedded SQLite database (one file, yanpan.db) that keeps every submission ever
// imported, so that outputs for a period come from the store — the current submission of every unit —
// and not from whatever files happen to be in today's folder.
//
// - A file is identified by the SHA-256 of its bytes: importing the same bytes again is a no-op.
// - A new file from the same unit and period supersedes the current one (superseded_by), which stays in
//   history.
// - The database lives in memory (sql.js, SQLite compiled to WebAssembly): opened from the store file's
//   bytes, written back whole by an import's commit. Host-agnostic: the file (Node: ./file.ts; the
//   browser: a file of the chosen output folder) is reached through a StoreHost.
// - An import holds the host's lock from beginImport() to commit()/rollback(), re-reads the store when
//   it changed since it was read, and writes it atomically at commit: a killed run leaves the store
//   exactly as it was, and two imports never lose each other's rows.
import { z } from 'zod';
import {
  issueSchema,
  submissionSchema,
  emptyNarrative,
  statusOf,
  type CheckResult,
  type CheckStatus,
  type Definition,
  type Issue,
  type Submission,
} from '../../../templates/src/index';
import {
  checkYtd,
  compareMetrics,
  describeChanges,
  riskWarnings,
  trackRisks,
  type MetricChange,
  type RiskTrack,
} from './analysis';
import { isLaterSubmission } from '../import/names';
import { StoreError } from './errors';
import { NewerSchemaError, SCHEMA_VERSION, migrate, schemaVersion } from './migrations';
import {
  compareKeys,
  earlierPeriodsOfYear,
  keyLabel,
  parsePeriod,
  periodDef,
  periodKey,
  periodLabel,
  periodOfSubmission,
  previousPeriod,
  type PeriodRef,
} from './periods';
import { Db, sqliteCode, type SqlEngine, type Stmt } from './sqlite';

/** Where a store's bytes live, and the lock that serialises writers (see Store.open). */
export interface StoreHost {
  /** The store's name in messages (its file's path). */
  readonly name: string;
  /** The store's bytes and their version stamp, or null when there is no store yet. */
  read(): Promise<{ bytes: Uint8Array; stamp: string | null } | null>;
  /** A cheap identifier of the stored version (null: unknown, so always read again). */
  stamp(): Promise<string | null>;
  /** Replaces the stored bytes atomically (readers see the old or the new store, never a mix). */
  write(bytes: Uint8Array): Promise<void>;
  /** The writers' lock, or null at once when another import holds it. */
  lock(): Promise<StoreLock | null>;
}

export interface StoreLock {
  release(): void;
}

/** A host keeping the store in memory (tests; a page that reads and saves the file itself). */
export function memoryHost(
  name: string,
  initial: Uint8Array | null = null,
): StoreHost & { bytes: Uint8Array | null } {
  let version = 0;
  let held = false;
  const host = {
    name,
    bytes: initial,
    read: async () => (host.bytes ? { bytes: host.bytes, stamp: String(version) } : null),
    stamp: async () => (host.bytes ? String(version) : null),
    write: async (bytes: Uint8Array) => {
      host.bytes = bytes;
      version++;
    },
    lock: async () => {
      if (held) return null;
      held = true;
      return { release: () => (held = false) };
    },
  };
  return host;
}

/** A roster unit as the store keeps it (same shape as templates/src/roster.ts RosterUnit). */
export interface StoreRosterUnit {
  code: string;
  name: string;
  aliases: readonly string[];
  group: string | null;
}

/** One checked file to record. */
export interface RecordFile {
  /** SHA-256 (hex) of the file's bytes; see hashBytes(). */
  hash: string;
  /** The file's name as the user knows it (relative to the input folder). */
  fileName: string;
  result: CheckResult;
  /** The unit's identity as the importer resolved it (roster code); default: resolved by the store. */
  unitKey?: string | null;
  /** The unit's display name (roster name); default: the workbook's 单位名称. */
  unitName?: string | null;
  /** The file's bytes, kept so outputs can be regenerated from the store alone. */
  bytes?: Uint8Array;
  /** The file's modification time (orders two files of one unit and period in the same import). */
  mtimeMs?: number;
}

export interface RecordOptions {
  /** Roster units to remember (codes, names, aliases), so later lookups by name or alias work. */
  roster?: readonly StoreRosterUnit[];
  inputDir?: string;
  /** Clock, for tests. */
  now?: () => Date;
}

export interface RecordOutcome {
  fileName: string;
  hash: string;
  submissionId: number;
  /** added: a new submission; unchanged: these bytes were already in the store. */
  action: 'added' | 'unchanged';
  /** Ids of the submissions this one superseded (same unit and period). */
  superseded: number[];
  unitKey: string | null;
  periodKey: string | null;
}

export interface RecordSummary {
  /** The imports row written, or null when nothing changed (an import of known files writes nothing). */
  importId: number | null;
  files: number;
  added: number;
  unchanged: number;
  superseded: number;
  outcomes: RecordOutcome[];
}

export interface StoredSubmission {
  id: number;
  hash: string;
  fileName: string;
  unitKey: string | null;
  unitCode: string | null;
  unitName: string | null;
  reportKind: string | null;
  year: number | null;
  period: string | null;
  periodKey: string | null;
  fillDate: string | null;
  status: CheckStatus;
  errors: number;
  warnings: number;
  submission: Submission | null;
  issues: Issue[];
  importId: number;
  importedAt: string;
  supersededBy: number | null;
}

/** A stored submission without its parsed content (what lists and tables need). */
export type StoredMeta = Omit<StoredSubmission, 'submission' | 'issues'>;

function metaOf(s: StoredSubmission): StoredMeta {
  const { submission: _s, issues: _i, ...meta } = s;
  return meta;
}

interface SlimSubmission {
  meta: StoredMeta;
  submission: Submission | null;
}

const EMPTY_NARRATIVE = emptyNarrative();

export interface StoredUnit {
  unitKey: string;
  code: string | null;
  name: string | null;
  aliases: string[];
  group: string | null;
  inRoster: boolean;
}

export interface UnitPeriodView {
  unitKey: string;
  unitName: string | null;
  current: StoredMeta;
  /** The unit's current submission for the previous period, if any. */
  previous: StoredMeta | null;
  /** 环比 per metric (empty when the current submission could not be read). */
  metrics: MetricChange[];
  /** Risks followed from the previous period (empty without a previous submission). */
  risks: RiskTrack[];
  /** Cross-period 警告: vanished or reopened risks, 本年累计 against the sum of the year's periods. */
  warnings: Issue[];
}

export interface PeriodView {
  periodKey: string;
  label: string;
  previousKey: string | null;
  previousLabel: string | null;
  units: UnitPeriodView[];
  /** Units that reported in the previous period but not in this one. */
  missingSincePrevious: { unitKey: string; unitName: string | null }[];
  /** Sentences on the main changes since the previous period (for the summary report). */
  changes: string[];
}

export interface RiskTimelineEntry {
  periodKey: string;
  status: string | null;
  level: string | null;
  overdue: boolean;
}

export interface RiskTimeline {
  riskId: string;
  category: string | null;
  description: string | null;
  timeline: RiskTimelineEntry[];
  /** Period in which the risk disappeared without being marked 已整改 (null if it did not). */
  vanishedIn: string | null;
}

export interface UnitHistory {
  unit: StoredUnit;
  /** Every submission ever recorded for the unit, by period then import order (superseded ones too). */
  submissions: StoredSubmission[];
  risks: RiskTimeline[];
}

export interface OpenOptions {
  /** The definition the store's periods, statuses and comparisons follow (the run's). */
  def: Definition;
  /** Fail instead of creating a new database (history, read-only uses). */
  mustExist?: boolean;
}

/** A JSON column parsed with `schema`. */
function jsonColumn<T extends z.ZodType>(schema: T) {
  return z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);
}

const int = z.number().int();
const text = z.string();

// Rows are parsed at the boundary: a store file is input like any other (another version, a damaged
// file, an edit by hand), so every row read becomes a typed value here or a StoreError.
const submissionRowSchema = z.object({
  id: int,
  hash: text,
  file_name: text,
  unit_key: text.nullable(),
  unit_code: text.nullable(),
  unit_name: text.nullable(),
  report_kind: text.nullable(),
  year: int.nullable(),
  period: text.nullable(),
  period_key: text.nullable(),
  fill_date: text.nullable(),
  status: z.enum(['ok', 'warnings', 'errors']),
  errors: int,
  warnings: int,
  submission_json: jsonColumn(submissionSchema).nullable(),
  issues_json: jsonColumn(z.array(issueSchema)),
  import_id: int,
  imported_at: text,
  superseded_by: int.nullable(),
});

const unitRowSchema = z.object({
  unit_key: text,
  code: text.nullable(),
  name: text.nullable(),
  aliases_json: jsonColumn(z.array(text)),
  grp: text.nullable(),
  in_roster: int,
});

const fileRowSchema = z.object({ bytes: z.instanceof(Uint8Array), mtime_ms: z.number().nullable() });

function toStored(r: z.infer<typeof submissionRowSchema>): StoredSubmission {
  return {
    id: r.id,
    hash: r.hash,
    fileName: r.file_name,
    unitKey: r.unit_key,
    unitCode: r.unit_code,
    unitName: r.unit_name,
    reportKind: r.report_kind,
    year: r.year,
    period: r.period,
    periodKey: r.period_key,
    fillDate: r.fill_date,
    status: r.status,
    errors: r.errors,
    warnings: r.warnings,
    submission: r.submission_json,
    issues: r.issues_json,
    importId: r.import_id,
    importedAt: r.imported_at,
    supersededBy: r.superseded_by,
  };
}

function toUnit(r: z.infer<typeof unitRowSchema>): StoredUnit {
  return {
    unitKey: r.unit_key,
    code: r.code,
    name: r.name,
    aliases: r.aliases_json,
    group: r.grp,
    inRoster: r.in_roster === 1,
  };
}

/** Names compare without spaces (full- or half-width). */
function normName(s: string | null | undefined): string {
  return (s ?? '').normalize('NFKC').replace(/\s+/g, '');
}

export class Store {
  readonly def: Definition;
  private db: Db;
  /** The stored version the database in memory was read from (null: never written yet, or unknown). */
  private stamp: string | null;
  /** The database in memory differs from the stored one (new, or migrated): the next commit writes it. */
  private unsaved: boolean;

  private constructor(
    private readonly engine: SqlEngine,
    private readonly host: StoreHost,
    def: Definition,
    loaded: Loaded,
  ) {
    this.def = def;
    this.db = loaded.db;
    this.stamp = loaded.stamp;
    this.unsaved = loaded.unsaved;
  }

  /** The store's name (its file's path). */
  get file(): string {
    return this.host.name;
  }

  /**
   * Opens the store kept by `host` (a new, empty store when there is none yet, unless `mustExist`) and
   * migrates it to the current schema in memory. Throws StoreError with a Chinese message when the bytes
   * are not a usable store. Node: see openStore() in ./file.ts.
   */
  static async open(engine: SqlEngine, host: StoreHost, opts: OpenOptions): Promise<Store> {
    const def = opts.def;
    const got = await host.read();
    if (!got && opts.mustExist) throw new StoreError('missing', `未找到数据库文件“${host.name}”。`);
    return new Store(engine, host, def, load(engine, host.name, got));
  }

  close(): void {
    this.session?.rollback();
    this.db.close();
  }

  /** @internal A prepared statement, prepared once per database. */
  sql(text: string): Stmt {
    return this.db.prepare(text);
  }

  /** @internal Parses a row read from the store (see submissionRowSchema). */
  row<T extends z.ZodType>(schema: T, r: unknown, what: string): z.infer<T> {
    const res = schema.safeParse(r);
    if (res.success) return res.data;
    throw new StoreError('corrupt', `数据库“${this.host.name}”中${what}的记录已损坏，无法读取。`);
  }

  private submissionRow(r: unknown): StoredSubmission {
    const id = (r as { id?: unknown } | null)?.id;
    return toStored(this.row(submissionRowSchema, r, `第${String(id)}份报送`));
  }

  private unitRow(r: unknown): StoredUnit {
    const key = (r as { unit_key?: unknown } | null)?.unit_key;
    return toUnit(this.row(unitRowSchema, r, `单位“${String(key)}”`));
  }

  get schemaVersion(): number {
    return schemaVersion(this.db);
  }

  /** PRAGMA integrity_check: "ok" when the database is sound. */
  integrityCheck(): string {
    return this.db.pragmaRows('integrity_check').map(String).join('\n');
  }

  /** The database's bytes, as a store file holds them. */
  export(): Uint8Array {
    return this.db.export();
  }

  /** Row counts of every table (tests compare them before and after). */
  counts(): Record<'imports' | 'submissions' | 'risks' | 'units' | 'files', number> {
    const c = (t: string) => Number(this.sql(`SELECT COUNT(*) AS n FROM ${t}`).get()?.n);
    return {
      imports: c('imports'),
      submissions: c('submissions'),
      risks: c('risks'),
      units: c('units'),
      files: c('files'),
    };
  }

  // ---------------------------------------------------------------- units

  units(): StoredUnit[] {
    return this.sql('SELECT * FROM units ORDER BY unit_key')
      .all()
      .map((r) => this.unitRow(r));
  }

  unit(unitKey: string): StoredUnit | null {
    const r = this.sql('SELECT * FROM units WHERE unit_key = ?').get(unitKey);
    return r ? this.unitRow(r) : null;
  }

  /**
   * Units matching what a user typed: exact code, then exact name or alias, then names containing it.
   * Several results mean the query is ambiguous.
   */
  findUnits(query: string): StoredUnit[] {
    const q = normName(query);
    if (!q) return [];
    const all = this.units();
    const byCode = all.filter((u) => u.code != null && normName(u.code).toLowerCase() === q.toLowerCase());
    if (byCode.length) return byCode;
    const byKey = all.filter((u) => u.unitKey === query.trim());
    if (byKey.length) return byKey;
    const exact = all.filter((u) => normName(u.name) === q || u.aliases.some((a) => normName(a) === q));
    if (exact.length) return exact;
    return all.filter((u) => normName(u.name).includes(q) || u.aliases.some((a) => normName(a).includes(q)));
  }

  // ---------------------------------------------------------------- recording

  /**
   * Starts an import: takes the host's lock (refused at once with a StoreError 'locked' while another
   * import holds it), reads the store again if it changed since it was read, and opens one write
   * transaction, held until commit() (which writes the store back atomically) or rollback(). Readers of
   * the file are never blocked: they see the store as it was when they opened it. A process killed before
   * commit() has written leaves the store exactly as it was.
   */
  async beginImport(opts: RecordOptions = {}): Promise<ImportSession> {
    if (this.session) throw new Error('an import session is already open on this store');
    const lock = await this.host.lock();
    if (!lock) throw new StoreError('locked', `另一个导入正在使用数据库“${this.file}”，请等待其完成后再试。`);
    try {
      const stamp = await this.host.stamp();
      if (stamp === null || stamp !== this.stamp) {
        const loaded = load(this.engine, this.host.name, await this.host.read());
        this.db.close();
        this.db = loaded.db;
        this.stamp = loaded.stamp;
        this.unsaved = loaded.unsaved;
      }
      this.db.exec('BEGIN IMMEDIATE');
    } catch (err) {
      lock.release();
      throw err;
    }
    const session = new ImportSession(this, this.db, opts, async (committed) => {
      try {
        if (committed && (committed.importId != null || this.unsaved)) await this.save();
      } finally {
        this.session = null;
        lock.release();
      }
    });
    this.session = session;
    return session;
  }

  /** Writes the database back to the host (under the import's lock). */
  private async save(): Promise<void> {
    const bytes = this.db.export();
    try {
      await this.host.write(bytes);
    } catch (err) {
      // The database in memory is ahead of the stored one: read it again before the next import.
      this.stamp = null;
      throw new StoreError(
        'writeFailed',
        `无法写入数据库文件“${this.host.name}”：${(err as Error).message}（数据库保持导入前的状态）。`,
      );
    }
    this.unsaved = false;
    this.stamp = await this.host.stamp();
  }

  private session: ImportSession | null = null;

  /**
   * Records the checked files of one import in one transaction (beginImport + add + commit). Files
   * already in the store (same hash) are left alone; a new file for a unit and period that has a current
   * submission supersedes it.
   */
  async recordImport(files: readonly RecordFile[], opts: RecordOptions = {}): Promise<RecordSummary> {
    const s = await this.beginImport(opts);
    try {
      for (const f of files) s.add(f);
    } catch (err) {
      s.rollback();
      throw err;
    }
    return s.commit();
  }

  /** @internal Normalised name or alias → unit key, for matching units without a code. */
  nameIndex(): Map<string, string> {
    const index = new Map<string, string>();
    for (const u of this.units()) {
      for (const n of [u.name, ...u.aliases]) {
        const k = normName(n);
        if (k && !index.has(k)) index.set(k, u.unitKey);
      }
    }
    return index;
  }

  /** @internal */
  resolveUnitKey(code: string | null, name: string | null, index = this.nameIndex()): string | null {
    const c = code?.trim() || null;
    if (c) return c;
    const n = normName(name);
    if (!n) return null;
    return index.get(n) ?? `名称:${n}`;
  }

  // ---------------------------------------------------------------- queries

  /** Period keys that have at least one current submission, oldest first. */
  periods(): string[] {
    const keys = this.sql(
      'SELECT DISTINCT period_key AS k FROM submissions WHERE period_key IS NOT NULL AND superseded_by IS NULL',
    )
      .all()
      .map((r) => String(r.k));
    return keys.sort((a, b) => compareKeys(a, b, this.def));
  }

  latestPeriod(): string | null {
    const p = this.periods();
    return p.length ? p[p.length - 1] : null;
  }

  /**
   * Normalises what a user typed for --period ("2023Q3", "2023年第三季度") to a period key, or throws a
   * StoreError listing the periods in the store.
   */
  periodKeyOf(text: string): string {
    const ref = parsePeriod(text, this.def);
    if (!ref) {
      const known = this.periods();
      throw new StoreError(
        'badPeriod',
        `无法识别报告期“${text}”。请按“2023Q3”“2023H1”“2023Y”的格式填写${known.length ? `；数据库中已有：${known.join('、')}` : ''}。`,
      );
    }
    return periodKey(ref);
  }

  submission(id: number): StoredSubmission | null {
    const r = this.sql('SELECT * FROM submissions WHERE id = ?').get(id);
    return r ? this.submissionRow(r) : null;
  }

  /** The original bytes of a recorded file (null when they were not kept). */
  fileBytes(hash: string): Uint8Array | null {
    return this.storedFile(hash)?.bytes ?? null;
  }

  /** The original bytes of a recorded file and its modification time when imported. */
  storedFile(hash: string): { bytes: Uint8Array; mtimeMs: number | null } | null {
    const r = this.sql('SELECT bytes, mtime_ms FROM files WHERE hash = ?').get(hash);
    if (!r) return null;
    const f = this.row(fileRowSchema, r, `文件“${hash}”`);
    return { bytes: f.bytes, mtimeMs: f.mtime_ms };
  }

  submissionsByHash(hashes: readonly string[]): StoredSubmission[] {
    const get = this.sql('SELECT * FROM submissions WHERE hash = ?');
    return hashes
      .map((h) => get.get(h))
      .filter((r) => !!r)
      .map((r) => this.submissionRow(r));
  }

  /** Every unit's current submission for the period, by unit key. */
  currentSubmissions(periodKeyText: string): StoredSubmission[] {
    const key = this.periodKeyOf(periodKeyText);
    return this.sql(
      'SELECT * FROM submissions WHERE period_key = ? AND superseded_by IS NULL ORDER BY unit_key, id',
    )
      .all(key)
      .map((r) => this.submissionRow(r));
  }

  /** Like currentSubmissions(), one row at a time. */
  private *iterateCurrent(key: string): Generator<StoredSubmission> {
    const rows = this.db.iterate(
      'SELECT * FROM submissions WHERE period_key = ? AND superseded_by IS NULL ORDER BY unit_key, id',
      key,
    );
    for (const r of rows) yield this.submissionRow(r);
  }

  /** Submissions of the period that were replaced by a later file (kept for history). */
  supersededSubmissions(periodKeyText: string): StoredSubmission[] {
    const key = this.periodKeyOf(periodKeyText);
    return this.sql(
      'SELECT * FROM submissions WHERE period_key = ? AND superseded_by IS NOT NULL ORDER BY unit_key, id',
    )
      .all(key)
      .map((r) => this.submissionRow(r));
  }

  /**
   * Everything the outputs need for one period: each unit's current submission, its previous-period
   * submission, 环比 per metric, risk tracking, cross-period 警告, and the sentences on the main changes.
   */
  periodView(periodKeyText: string): PeriodView {
    const def = this.def;
    const key = this.periodKeyOf(periodKeyText);
    const ref = parsePeriod(key, def) as PeriodRef;
    const prevRef = previousPeriod(ref, def);
    const prevKey = prevRef ? periodKey(prevRef) : null;
    const prevLabel = prevRef ? periodLabel(prevRef, def) : null;
    const earlier = earlierPeriodsOfYear(ref, def);
    // One streamed query per period involved. Only what the comparison needs is kept of the other
    // periods (metric values, the risk register), and nothing of the narratives: memory stays small
    // with thousands of units.
    const slim = (s: StoredSubmission): SlimSubmission => ({
      meta: metaOf(s),
      submission: s.submission ? { ...s.submission, narrative: EMPTY_NARRATIVE } : null,
    });
    const byUnit = (k: string) => {
      const m = new Map<string, SlimSubmission>();
      for (const s of this.iterateCurrent(k)) if (s.unitKey) m.set(s.unitKey, slim(s));
      return m;
    };
    const prevMap = prevKey ? byUnit(prevKey) : new Map<string, SlimSubmission>();
    const earlierMaps = earlier.map((e) => ({
      name: periodDef(e.code, def)?.name ?? e.code,
      map: periodKey(e) === prevKey ? prevMap : byUnit(periodKey(e)),
    }));
    const units: UnitPeriodView[] = [];
    for (const cur of this.iterateCurrent(key)) {
      const unitKey = cur.unitKey ?? `#${cur.id}`;
      const previous = cur.unitKey ? (prevMap.get(cur.unitKey) ?? null) : null;
      const sub = cur.submission;
      const metrics = sub ? compareMetrics(sub, previous?.submission ?? null, def) : [];
      const risks = sub ? trackRisks(sub, previous?.submission ?? null, def) : [];
      const warnings: Issue[] = [];
      if (sub) {
        warnings.push(...riskWarnings(risks, prevLabel ?? '', def));
        const prior = earlierMaps.map((e) => ({
          name: e.name,
          submission: cur.unitKey ? (e.map.get(cur.unitKey)?.submission ?? null) : null,
        }));
        warnings.push(...checkYtd(sub, prior, def));
      }
      units.push({
        unitKey,
        unitName: cur.unitName,
        current: metaOf(cur),
        previous: previous?.meta ?? null,
        metrics,
        risks,
        warnings,
      });
    }
    const missingSincePrevious: PeriodView['missingSincePrevious'] = [];
    const here = new Set(units.map((u) => u.unitKey));
    for (const [k, p] of prevMap)
      if (!here.has(k)) missingSincePrevious.push({ unitKey: k, unitName: p.meta.unitName });
    const label = periodLabel(ref, def);
    const changes = prevKey
      ? describeChanges(
          units.map((u) => ({ hasPrevious: u.previous != null, metrics: u.metrics, risks: u.risks })),
          {
            current: label,
            previous: prevLabel ?? '',
            currentUnits: units.length,
            previousUnits: prevMap.size,
          },
          def,
        )
      : [];
    return {
      periodKey: key,
      label,
      previousKey: prevKey,
      previousLabel: prevLabel,
      units,
      missingSincePrevious,
      changes,
    };
  }

  /**
   * The unit's current submission for the most recent earlier period of the same year, any report kind
   * (a 第三季度 looks back to 上半年 or 第二季度, whichever the store has, 上半年 first when both): a period
   * counts as earlier when it ends before this one ends. Null when there is none.
   */
  earlierInYear(unitKey: string, periodKeyText: string): StoredSubmission | null {
    const def = this.def;
    const key = this.periodKeyOf(periodKeyText);
    const ref = parsePeriod(key, def) as PeriodRef;
    const end = periodDef(ref.code, def)?.endMonth;
    if (end === undefined) return null;
    let best: StoredSubmission | null = null;
    const rows = this.sql(
      'SELECT * FROM submissions WHERE unit_key = ? AND year = ? AND superseded_by IS NULL AND period_key IS NOT NULL',
    ).all(unitKey, ref.year);
    for (const r of rows) {
      const s = this.submissionRow(r);
      const p = parsePeriod(s.periodKey as string, def);
      const e = p ? periodDef(p.code, def)?.endMonth : undefined;
      if (!p || p.year !== ref.year || e === undefined || e >= end || !s.submission) continue;
      if (!best || compareKeys(s.periodKey as string, best.periodKey as string, def) > 0) best = s;
    }
    return best;
  }

  /** A unit's submissions over time (superseded ones included) and each risk's status per period. */
  unitHistory(unitKey: string): UnitHistory | null {
    const unit = this.unit(unitKey);
    if (!unit) return null;
    const def = this.def;
    const subs = this.sql('SELECT * FROM submissions WHERE unit_key = ? ORDER BY id')
      .all(unitKey)
      .map((r) => this.submissionRow(r));
    subs.sort((a, b) => {
      if (a.periodKey && b.periodKey && a.periodKey !== b.periodKey)
        return compareKeys(a.periodKey, b.periodKey, def);
      if (!a.periodKey !== !b.periodKey) return a.periodKey ? -1 : 1;
      return a.id - b.id;
    });
    const current = subs.filter((s) => s.supersededBy == null && s.periodKey && s.submission);
    const byKey = new Map(current.map((s) => [s.periodKey as string, s]));
    const timelines = new Map<string, RiskTimeline>();
    for (const s of current) {
      for (const r of (s.submission as Submission).risks) {
        let t = timelines.get(r.id);
        if (!t) {
          t = {
            riskId: r.id,
            category: r.category,
            description: r.description,
            timeline: [],
            vanishedIn: null,
          };
          timelines.set(r.id, t);
        }
        if (t.timeline.some((e) => e.periodKey === s.periodKey)) continue;
        t.category = r.category ?? t.category;
        t.description = r.description ?? t.description;
        t.timeline.push({
          periodKey: s.periodKey as string,
          status: r.status,
          level: r.level,
          overdue: r.overdue,
        });
      }
    }
    // A risk vanished in period P when the unit reported P, the previous period listed it not 已整改, and P
    // does not list it.
    for (const s of current) {
      const ref = parsePeriod(s.periodKey as string, def) as PeriodRef;
      const prev = previousPeriod(ref, def);
      const p = prev ? byKey.get(periodKey(prev)) : undefined;
      if (!p) continue;
      for (const t of trackRisks(s.submission as Submission, p.submission, def))
        if (t.kind === 'vanished') {
          const tl = timelines.get(t.riskId);
          if (tl && !tl.vanishedIn) tl.vanishedIn = s.periodKey;
        }
    }
    return { unit, submissions: subs, risks: [...timelines.values()] };
  }

  /** "2023年第三季度" for a period key. */
  label(key: string): string {
    return keyLabel(key, this.def);
  }
}

/** Orders two files of the same unit and period within one import: the importer's rule. */
function laterFile(
  a: { fillDate: string | null; mtimeMs: number; fileName: string },
  b: { fillDate: string | null; mtimeMs: number; fileName: string },
): boolean {
  return isLaterSubmission({ ...a, name: a.fileName }, { ...b, name: b.fileName });
}

/** One import's open write transaction; see Store.beginImport(). */
export class ImportSession {
  private importId: number | null = null;
  private added = 0;
  private unchanged = 0;
  private superseded = 0;
  private closed = false;
  private readonly startedAt: string;
  private readonly outcomes: RecordOutcome[] = [];
  /** Files added in this session, for ordering duplicates within the batch. */
  private readonly mine = new Map<number, { fillDate: string | null; mtimeMs: number; fileName: string }>();

  private sql(text: string): Stmt {
    return this.store.sql(text);
  }

  constructor(
    private readonly store: Store,
    private readonly db: Db,
    private readonly opts: RecordOptions,
    private readonly onClose: (committed: RecordSummary | null) => Promise<void>,
  ) {
    this.startedAt = (opts.now?.() ?? new Date()).toISOString();
    for (const r of opts.roster ?? []) {
      const old = store.unit(r.code);
      const aliases = [...new Set([...r.aliases, ...(old?.aliases ?? [])])].filter((a) => a !== r.name);
      this.putUnit({ unitKey: r.code, code: r.code, name: r.name, aliases, group: r.group, inRoster: true });
    }
  }

  private index: Map<string, string> | null = null;

  private names(): Map<string, string> {
    if (!this.index) this.index = this.store.nameIndex();
    return this.index;
  }

  private putUnit(u: StoredUnit): void {
    if (this.index)
      for (const n of [u.name, ...u.aliases]) {
        const k = normName(n);
        if (k && !this.index.has(k)) this.index.set(k, u.unitKey);
      }
    this.sql(
      `INSERT INTO units (unit_key, code, name, aliases_json, grp, in_roster) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (unit_key) DO UPDATE SET code = excluded.code, name = excluded.name,
           aliases_json = excluded.aliases_json, grp = excluded.grp, in_roster = excluded.in_roster
         WHERE units.code IS NOT excluded.code OR units.name IS NOT excluded.name
           OR units.aliases_json IS NOT excluded.aliases_json OR units.grp IS NOT excluded.grp
           OR units.in_roster IS NOT excluded.in_roster`,
    ).run(u.unitKey, u.code, u.name, JSON.stringify(u.aliases), u.group, u.inRoster ? 1 : 0);
  }

  private check(): void {
    if (this.closed) throw new Error('import session already closed');
  }

  /** Records one checked file (and its bytes, if given) inside the transaction. */
  add(f: RecordFile): RecordOutcome {
    this.check();
    const def = this.store.def;
    const known = this.store.row(
      z.object({ id: int, unit_key: text.nullable(), period_key: text.nullable() }).optional(),
      this.sql('SELECT id, unit_key, period_key FROM submissions WHERE hash = ?').get(f.hash),
      `文件“${f.fileName}”`,
    );
    if (known) {
      this.unchanged++;
      const o: RecordOutcome = {
        fileName: f.fileName,
        hash: f.hash,
        submissionId: known.id,
        action: 'unchanged',
        superseded: [],
        unitKey: known.unit_key,
        periodKey: known.period_key,
      };
      this.outcomes.push(o);
      return o;
    }
    if (this.importId == null) {
      this.importId = Number(
        this.sql(
          `INSERT INTO imports (started_at, finished_at, input_dir, files, added, unchanged, superseded)
             VALUES (?, ?, ?, 0, 0, 0, 0)`,
        ).run(this.startedAt, this.startedAt, this.opts.inputDir ?? null).lastInsertRowid,
      );
    }
    const sub = f.result.submission;
    // A file whose 年度 or 报告期 has an error belongs to no period until it is corrected.
    const periodLabels = new Set(
      def.info.filter((x) => x.key === 'year' || x.key === 'period').map((x) => x.label),
    );
    const doubtful = f.result.issues.some(
      (x) => x.severity === 'error' && x.field != null && periodLabels.has(x.field),
    );
    const ref = sub && !doubtful ? periodOfSubmission(sub, def) : null;
    const pkey = ref ? periodKey(ref) : null;
    const name = f.unitName ?? sub?.unit.name ?? null;
    const code = sub?.unit.code?.trim() || null;
    const unitKey =
      f.unitKey ??
      (sub ? this.store.resolveUnitKey(code, sub.unit.name ?? f.unitName ?? null, this.names()) : null);
    if (unitKey) {
      const u = this.store.unit(unitKey);
      const seen = [sub?.unit.name, f.unitName].filter((x): x is string => !!x && !!x.trim());
      if (!u) {
        this.putUnit({
          unitKey,
          code: unitKey.startsWith('名称:') ? null : unitKey,
          name,
          aliases: [...new Set(seen.filter((x) => x !== name))],
          group: null,
          inRoster: false,
        });
      } else {
        const extra = [...new Set(seen)].filter(
          (x) => normName(x) !== normName(u.name) && !u.aliases.some((a) => normName(a) === normName(x)),
        );
        if (extra.length) this.putUnit({ ...u, name: u.name ?? name, aliases: [...u.aliases, ...extra] });
      }
    }
    const issues = f.result.issues;
    const id = Number(
      this.sql(
        `INSERT INTO submissions (hash, file_name, unit_key, unit_code, unit_name, report_kind, year, period,
             period_code, period_key, fill_date, status, errors, warnings, submission_json, issues_json,
             import_id, imported_at)
           VALUES (@hash, @file_name, @unit_key, @unit_code, @unit_name, @report_kind, @year, @period,
             @period_code, @period_key, @fill_date, @status, @errors, @warnings, @submission_json,
             @issues_json, @import_id, @imported_at)`,
      ).run({
        hash: f.hash,
        file_name: f.fileName,
        unit_key: unitKey,
        unit_code: code,
        unit_name: name,
        report_kind: sub?.reportKind ?? null,
        year: sub?.year ?? null,
        period: sub?.period ?? null,
        period_code: ref?.code ?? null,
        period_key: pkey,
        fill_date: sub?.fillDate ?? null,
        status: statusOf(issues),
        errors: issues.filter((x) => x.severity === 'error').length,
        warnings: issues.filter((x) => x.severity === 'warning').length,
        submission_json: sub ? JSON.stringify(sub) : null,
        issues_json: JSON.stringify(issues),
        import_id: this.importId,
        imported_at: this.startedAt,
      }).lastInsertRowid,
    );
    if (f.bytes)
      this.sql('INSERT OR IGNORE INTO files (hash, size, mtime_ms, bytes) VALUES (?, ?, ?, ?)').run(
        f.hash,
        f.bytes.byteLength,
        f.mtimeMs ?? null,
        f.bytes,
      );
    this.added++;
    const insertRisk = this.sql(
      `INSERT OR IGNORE INTO risks (submission_id, unit_key, period_key, risk_id, category, level, status,
         description, deadline, overdue) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const r of sub?.risks ?? [])
      insertRisk.run(
        id,
        unitKey,
        pkey,
        r.id,
        r.category,
        r.level,
        r.status,
        r.description,
        r.deadline,
        r.overdue ? 1 : 0,
      );
    const me = { fillDate: sub?.fillDate ?? null, mtimeMs: f.mtimeMs ?? 0, fileName: f.fileName };
    this.mine.set(id, me);
    const replaced: number[] = [];
    if (unitKey && pkey) {
      const cur = this.sql(
        'SELECT id FROM submissions WHERE unit_key = ? AND period_key = ? AND superseded_by IS NULL AND id <> ?',
      )
        .all(unitKey, pkey, id)
        .map((r) => Number(r.id));
      const supersede = this.sql('UPDATE submissions SET superseded_by = ? WHERE id = ?');
      for (const oldId of cur) {
        const other = this.mine.get(oldId);
        // Two files of one unit and period in the same import: the later one wins, whatever the order
        // they were checked in. A file from an earlier import is always superseded by a new one.
        if (other && !laterFile(me, other)) {
          supersede.run(oldId, id);
          this.superseded++;
          const prevOutcome = this.outcomes.find((o) => o.submissionId === oldId);
          prevOutcome?.superseded.push(id);
          continue;
        }
        supersede.run(id, oldId);
        replaced.push(oldId);
      }
    }
    this.superseded += replaced.length;
    const o: RecordOutcome = {
      fileName: f.fileName,
      hash: f.hash,
      submissionId: id,
      action: 'added',
      superseded: replaced,
      unitKey,
      periodKey: pkey,
    };
    this.outcomes.push(o);
    return o;
  }

  /** Commits the import. Writes nothing at all when every file was already known. */
  async commit(): Promise<RecordSummary> {
    this.check();
    if (this.importId != null)
      this.sql(
        'UPDATE imports SET finished_at = ?, files = ?, added = ?, unchanged = ?, superseded = ? WHERE id = ?',
      ).run(
        (this.opts.now?.() ?? new Date()).toISOString(),
        this.outcomes.length,
        this.added,
        this.unchanged,
        this.superseded,
        this.importId,
      );
    this.db.exec('COMMIT');
    this.closed = true;
    const summary: RecordSummary = {
      importId: this.importId,
      files: this.outcomes.length,
      added: this.added,
      unchanged: this.unchanged,
      superseded: this.superseded,
      outcomes: this.outcomes,
    };
    await this.onClose(summary);
    return summary;
  }

  /** Abandons the import: the store stays as it was before beginImport(). */
  rollback(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.db.isOpen) this.db.exec('ROLLBACK');
    void this.onClose(null);
  }
}

interface Loaded {
  db: Db;
  stamp: string | null;
  unsaved: boolean;
}

/** Opens a store's bytes (null: a new store) and migrates the database to the current schema. */
function load(
  engine: SqlEngine,
  name: string,
  got: { bytes: Uint8Array; stamp: string | null } | null,
): Loaded {
  const db = Db.fromBytes(engine, got?.bytes ?? null);
  try {
    // The file on disk is written whole at commit: SQLite's own journal only serves rollback in memory.
    db.exec('PRAGMA journal_mode = MEMORY');
    db.exec('PRAGMA foreign_keys = ON');
    const applied = migrate(db);
    return { db, stamp: got?.stamp ?? null, unsaved: !got || applied.length > 0 };
  } catch (err) {
    db.close();
    if (err instanceof NewerSchemaError)
      throw new StoreError(
        'newerSchema',
        `数据库“${name}”由更高版本的研判程序创建（数据库版本${err.version}，本程序支持到${SCHEMA_VERSION}），请升级研判后再试。`,
      );
    const code = sqliteCode(err);
    if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'))
      throw new StoreError('corrupt', `数据库文件“${name}”已损坏或不是研判数据库，无法使用。`);
    throw err;
  }
}
