// The output folder's lock: one import at a time writes into a folder, whatever store (--db) each uses.
// The lock is an exclusive SQLite transaction on OUTDIR/.yanpan.lock (an empty database file that stays
// there): the operating system releases it when the process ends, even by kill -9, so there is never a
// stale lock to delete by hand, and SQLite makes it work the same on Windows, Linux and macOS.
import { rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export const LOCK_FILE = '.yanpan.lock';

export interface FolderLock {
  release(): void;
}

/** Takes the folder's lock, or returns null at once when another import holds it. */
export function lockOutputFolder(outDir: string): FolderLock | null {
  const file = path.join(outDir, LOCK_FILE);
  for (let attempt = 0; ; attempt++) {
    const db = new Database(file);
    try {
      db.pragma('busy_timeout = 0');
      db.exec('BEGIN EXCLUSIVE');
      return {
        release() {
          if (!db.open) return;
          if (db.inTransaction) db.exec('ROLLBACK');
          db.close();
        },
      };
    } catch (err) {
      db.close();
      const code = (err as { code?: string }).code ?? '';
      if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return null;
      // Something else under our name (not a database): nothing of ours can be in it; start it afresh.
      if ((code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') && attempt === 0) {
        rmSync(file, { force: true });
        continue;
      }
      throw err;
    }
  }
}
