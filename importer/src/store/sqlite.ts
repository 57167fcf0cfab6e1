// SQLite through sql.js (SQLite compiled to WebAssembly): a database held in memory, opened from the
// bytes of a store file and exported back to bytes. Host-agnostic: no file system here; the engine (the
// loaded sql.js module) is handed in by the host (Node: ./file.ts; the browser: the page).
import type { BindParams, Database as SqlJsDatabase, SqlJsStatic, SqlValue, Statement } from 'sql.js';

export type SqlEngine = SqlJsStatic;
export type SqlParam = SqlValue;
type Row = Record<string, SqlValue>;

/** One prepared statement (better-sqlite3's shape: get / all / iterate / run). */
export class Stmt {
  constructor(
    private readonly db: Db,
    private readonly st: Statement,
  ) {}

  /** Named parameters (`@name` in the SQL) are passed as one object with plain keys. */
  /** @internal */
  bindParams(params: readonly unknown[]): void {
    this.st.reset();
    if (params.length === 1 && params[0] && typeof params[0] === 'object' && !ArrayBuffer.isView(params[0])) {
      const named: Record<string, SqlValue> = {};
      for (const [k, v] of Object.entries(params[0] as Record<string, SqlValue>)) named[`@${k}`] = v;
      this.st.bind(named as BindParams);
    } else this.st.bind(params as SqlValue[]);
  }

  get(...params: unknown[]): Row | undefined {
    this.bindParams(params);
    try {
      return this.st.step() ? (this.st.getAsObject() as Row) : undefined;
    } finally {
      this.st.reset();
    }
  }

  all(...params: unknown[]): Row[] {
    this.bindParams(params);
    const rows: Row[] = [];
    try {
      while (this.st.step()) rows.push(this.st.getAsObject() as Row);
    } finally {
      this.st.reset();
    }
    return rows;
  }

  run(...params: unknown[]): { changes: number; lastInsertRowid: number } {
    this.bindParams(params);
    try {
      this.st.step();
    } finally {
      this.st.reset();
    }
    return { changes: this.db.raw.getRowsModified(), lastInsertRowid: this.db.lastInsertRowid() };
  }
}

/** A database in memory. */
export class Db {
  private readonly statements = new Map<string, Stmt>();
  private open = true;

  private constructor(readonly raw: SqlJsDatabase) {}

  /** Opens a database from a store file's bytes (null: a new, empty database). */
  static fromBytes(engine: SqlEngine, bytes: Uint8Array | null): Db {
    return new Db(new engine.Database(bytes && bytes.length ? bytes : null));
  }

  get isOpen(): boolean {
    return this.open;
  }

  exec(sql: string): void {
    this.raw.exec(sql);
  }

  /** A prepared statement, prepared once per database. */
  prepare(sql: string): Stmt {
    let st = this.statements.get(sql);
    if (!st) {
      st = new Stmt(this, this.raw.prepare(sql));
      this.statements.set(sql, st);
    }
    return st;
  }

  /** Rows one at a time, from a statement of their own (freed when the iteration ends or is abandoned). */
  *iterate(sql: string, ...params: unknown[]): Generator<Row> {
    const st = this.raw.prepare(sql);
    try {
      const stmt = new Stmt(this, st);
      stmt.bindParams(params);
      while (st.step()) yield st.getAsObject() as Row;
    } finally {
      st.free();
    }
  }

  /** The value of a pragma that returns one value (`user_version`). */
  pragmaValue(name: string): SqlValue {
    const r = this.raw.exec(`PRAGMA ${name}`);
    return r[0]?.values[0]?.[0] ?? null;
  }

  /** Every row of a pragma's result, first column (`integrity_check`). */
  pragmaRows(name: string): SqlValue[] {
    return (this.raw.exec(`PRAGMA ${name}`)[0]?.values ?? []).map((r) => r[0]);
  }

  lastInsertRowid(): number {
    return Number(this.prepare('SELECT last_insert_rowid() AS id').get()?.id);
  }

  /** The database as the bytes of a store file (rollback-journal mode; no WAL needed to read it). */
  export(): Uint8Array {
    return this.raw.export();
  }

  close(): void {
    if (!this.open) return;
    this.open = false;
    this.statements.clear();
    this.raw.close();
  }
}

/** The SQLite result code of an error thrown by sql.js ("SQLITE_NOTADB" …), or "". */
export function sqliteCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}
