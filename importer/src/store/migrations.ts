// Versioned schema migrations. The database's PRAGMA user_version is the number of migrations applied;
// opening a store applies the missing ones in order (in memory), each in its own transaction together with
// the new user_version, so a database is always at exactly one known version; the migrated database is
// written back with the next import's commit. Never edit a released migration: add a new one.
import type { Db } from './sqlite';

export interface Migration {
  version: number;
  description: string;
  up: (db: Db) => void;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'imports and submissions',
    up: (db) => {
      db.exec(`
        CREATE TABLE imports (
          id INTEGER PRIMARY KEY,
          started_at TEXT NOT NULL,
          finished_at TEXT NOT NULL,
          input_dir TEXT,
          files INTEGER NOT NULL,
          added INTEGER NOT NULL,
          unchanged INTEGER NOT NULL,
          superseded INTEGER NOT NULL
        );
        CREATE TABLE submissions (
          id INTEGER PRIMARY KEY,
          hash TEXT NOT NULL UNIQUE,
          file_name TEXT NOT NULL,
          unit_key TEXT,
          unit_code TEXT,
          unit_name TEXT,
          report_kind TEXT,
          year INTEGER,
          period TEXT,
          period_code TEXT,
          period_key TEXT,
          fill_date TEXT,
          status TEXT NOT NULL CHECK (status IN ('ok', 'warnings', 'errors')),
          errors INTEGER NOT NULL,
          warnings INTEGER NOT NULL,
          submission_json TEXT,
          issues_json TEXT NOT NULL,
          import_id INTEGER NOT NULL REFERENCES imports(id),
          imported_at TEXT NOT NULL,
          superseded_by INTEGER REFERENCES submissions(id)
        );
        CREATE INDEX submissions_unit_period ON submissions (unit_key, period_key);
        CREATE INDEX submissions_period_current ON submissions (period_key) WHERE superseded_by IS NULL;
      `);
    },
  },
  {
    version: 2,
    description: 'units (roster and aliases) and per-risk status rows, backfilled from stored submissions',
    up: (db) => {
      db.exec(`
        CREATE TABLE units (
          unit_key TEXT PRIMARY KEY,
          code TEXT,
          name TEXT,
          aliases_json TEXT NOT NULL DEFAULT '[]',
          grp TEXT,
          in_roster INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE risks (
          submission_id INTEGER NOT NULL REFERENCES submissions(id),
          unit_key TEXT,
          period_key TEXT,
          risk_id TEXT NOT NULL,
          category TEXT,
          level TEXT,
          status TEXT,
          description TEXT,
          deadline TEXT,
          overdue INTEGER NOT NULL DEFAULT 0,
          PRIMARY KEY (submission_id, risk_id)
        );
        CREATE INDEX risks_unit ON risks (unit_key, risk_id);
        INSERT OR IGNORE INTO risks
          (submission_id, unit_key, period_key, risk_id, category, level, status, description, deadline, overdue)
          SELECT s.id, s.unit_key, s.period_key,
                 json_extract(r.value, '$.id'), json_extract(r.value, '$.category'),
                 json_extract(r.value, '$.level'), json_extract(r.value, '$.status'),
                 json_extract(r.value, '$.description'), json_extract(r.value, '$.deadline'),
                 CASE WHEN json_extract(r.value, '$.overdue') THEN 1 ELSE 0 END
          FROM submissions s, json_each(s.submission_json, '$.risks') r
          WHERE s.submission_json IS NOT NULL AND json_extract(r.value, '$.id') IS NOT NULL;
        INSERT OR IGNORE INTO units (unit_key, code, name)
          SELECT unit_key, MAX(unit_code), MAX(unit_name) FROM submissions
          WHERE unit_key IS NOT NULL GROUP BY unit_key;
      `);
    },
  },
  {
    version: 3,
    description: 'original file bytes, so outputs and return copies can be regenerated from the store',
    up: (db) => {
      db.exec(`
        CREATE TABLE files (
          hash TEXT PRIMARY KEY,
          size INTEGER NOT NULL,
          mtime_ms REAL,
          bytes BLOB NOT NULL
        );
      `);
    },
  },
];

export const SCHEMA_VERSION = migrations[migrations.length - 1].version;

export function schemaVersion(db: Db): number {
  return Number(db.pragmaValue('user_version'));
}

/**
 * Brings the database up to `target` (default: the latest). Returns the versions applied. Throws when
 * the database is newer than this program knows (the caller turns that into a Chinese message).
 */
export function migrate(db: Db, target = SCHEMA_VERSION): number[] {
  const current = schemaVersion(db);
  if (current > SCHEMA_VERSION) throw new NewerSchemaError(current);
  const applied: number[] = [];
  for (const m of migrations) {
    if (m.version <= current || m.version > target) continue;
    db.exec('BEGIN IMMEDIATE');
    try {
      m.up(db);
      db.exec(`PRAGMA user_version = ${m.version}`);
      db.exec('COMMIT');
    } catch (err) {
      db.exec('ROLLBACK');
      throw err;
    }
    applied.push(m.version);
  }
  return applied;
}

export class NewerSchemaError extends Error {
  constructor(public readonly version: number) {
    super(`database schema version ${version} is newer than ${SCHEMA_VERSION}`);
  }
}
