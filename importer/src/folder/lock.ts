// Lock files: one import at a time writes into an output folder (OUTDIR/.yanpan.lock, whatever store each
// uses), and one import at a time writes a store (yanpan.db.lock beside it).
//
// A lock is a file created exclusively (O_EXCL) holding its owner (process id, host, time); it is removed
// on release. The owner refreshes the file's time every 15 seconds while it holds it. A lock left by a
// process that is gone (killed, even by kill -9, or the machine lost power) is taken over by the next
// import without anyone deleting it by hand: on the same machine as soon as its process no longer runs,
// from another machine (a shared folder) once its time is older than five minutes. A file under the
// lock's name that is not a lock (damaged; an earlier version's empty one once it is five seconds old) is
// taken over. Works the same on Windows, Linux and macOS (no native code).
import {
  openSync,
  closeSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeSync,
  fsyncSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

export const LOCK_FILE = '.yanpan.lock';

/** A lock whose time has not been refreshed for this long is abandoned (its owner is gone). */
const STALE_MS = 5 * 60_000;
const REFRESH_MS = 15_000;
/** A lock file being written by its owner is empty for an instant: only older empty ones are junk. */
const JUNK_GRACE_MS = 5_000;

const ownerSchema = z.object({ pid: z.number().int(), host: z.string(), since: z.string() });

export interface FolderLock {
  release(): void;
}

/** Lock files this process holds (a file naming this process id but not held is a leftover). */
const heldHere = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when the lock file at `file` (which exists) belongs to nobody any more. */
function abandoned(file: string): boolean {
  let age: number;
  let text: string;
  try {
    age = Date.now() - statSync(file).mtimeMs;
    text = readFileSync(file, 'utf8');
  } catch {
    return false; // gone or changing right now: try again
  }
  let owner: z.infer<typeof ownerSchema> | null = null;
  try {
    const parsed = ownerSchema.safeParse(JSON.parse(text));
    if (parsed.success) owner = parsed.data;
  } catch {
    // not a lock of ours
  }
  // An empty file may be a lock its owner is writing right now (an earlier version's lock files were
  // empty too, and old); anything else that is not a lock is junk.
  if (!owner) return text.length > 0 || age > JUNK_GRACE_MS;
  if (owner.host === os.hostname()) {
    if (owner.pid === process.pid) return !heldHere.has(path.resolve(file));
    if (!alive(owner.pid)) return true;
  }
  return age > STALE_MS;
}

/** Takes the lock file `file`, or returns null at once when another process holds it. */
export function acquireLock(file: string): FolderLock | null {
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (!abandoned(file)) return null;
      rmSync(file, { force: true });
      continue;
    }
    try {
      writeSync(
        fd,
        JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString() }),
      );
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    const timer = setInterval(() => {
      try {
        const now = new Date();
        utimesSync(file, now, now);
      } catch {
        // the folder went away: nothing to keep
      }
    }, REFRESH_MS);
    timer.unref();
    const key = path.resolve(file);
    heldHere.add(key);
    let held = true;
    const release = () => {
      if (!held) return;
      held = false;
      heldHere.delete(key);
      clearInterval(timer);
      process.off('exit', release);
      rmSync(file, { force: true });
    };
    // A process that exits without releasing (process.exit after an internal error) removes it too.
    process.on('exit', release);
    return { release };
  }
  return null;
}

/** Takes the output folder's lock, or returns null at once when another import holds it. */
export function lockOutputFolder(outDir: string): FolderLock | null {
  return acquireLock(path.join(outDir, LOCK_FILE));
}
