// File helpers for the Node side: reading only regular files (never a FIFO or a device), atomic writes,
// and output files held open by another program. The host-free name helpers (safe output names, names in
// any encoding, text cut between graphemes) live in import/names.ts and are re-exported here.
import { randomBytes } from 'node:crypto';
import { constants as fsc, promises as fsp } from 'node:fs';
import path from 'node:path';
import type { ReadOutcome, ReadProblem } from './import/names';

export {
  cutGraphemes,
  decodeFileName,
  isLaterSubmission,
  nameKey,
  problemText,
  sanitizeFileName,
  uniqueName,
  wellFormed,
  type DecodedName,
  type ReadOutcome,
  type ReadProblem,
} from './import/names';

/**
 * Writes a file so that readers only ever see the old content or the whole new content: the data goes
 * to a temporary name in the same folder, is flushed, and is renamed over the target.
 */
export async function writeFileAtomic(target: string, data: Uint8Array | string): Promise<void> {
  const dir = path.dirname(target);
  await fsp.mkdir(dir, { recursive: true });
  const tmp = path.join(
    dir,
    `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  const fh = await fsp.open(tmp, 'w');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await fsp.rename(tmp, target);
  } catch (err) {
    await fsp.rm(tmp, { force: true });
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------------
// Reading a regular file, and nothing else

/** System error codes → why a file could not be read. */
const PROBLEM_OF_CODE: Record<string, ReadProblem> = {
  ENOENT: 'missing',
  ENOTDIR: 'missing',
  EISDIR: 'directory',
  EACCES: 'denied',
  EPERM: 'denied',
  ELOOP: 'link',
  EBUSY: 'busy',
  ENXIO: 'notRegular',
  ENODEV: 'notRegular',
};

function problemOf(err: unknown): { problem: ReadProblem; code?: string } {
  const code = (err as { code?: string } | null)?.code;
  return { problem: (code && PROBLEM_OF_CODE[code]) || 'other', code };
}

const O_NONBLOCK = (fsc as Record<string, number | undefined>).O_NONBLOCK ?? 0;
const O_NOFOLLOW = (fsc as Record<string, number | undefined>).O_NOFOLLOW ?? 0;

/**
 * Reads a file only when it is a regular file of at most `maxBytes`. A FIFO, socket or device is refused
 * without reading (it is opened non-blocking, so a FIFO without a writer cannot hang us, and checked on
 * the open handle, so it cannot be swapped in between); a file that grows while being read is read up to
 * the size it had. With `noFollow` a symbolic link in the last component is refused (the caller resolved
 * links itself). Never throws.
 */
export async function readRegularFile(
  file: string | Buffer,
  opts: { maxBytes: number; noFollow?: boolean },
): Promise<ReadOutcome> {
  // A path the caller named that is a device (a link to /dev/zero) is refused before it is opened at all:
  // opening some devices has effects.
  try {
    const st = await fsp.stat(file);
    if (st.isDirectory()) return { problem: 'directory' };
    if (!st.isFile()) return { problem: 'notRegular' };
  } catch (err) {
    return problemOf(err);
  }
  let fh: fsp.FileHandle;
  try {
    fh = await fsp.open(file, fsc.O_RDONLY | O_NONBLOCK | (opts.noFollow ? O_NOFOLLOW : 0));
  } catch (err) {
    return problemOf(err);
  }
  try {
    const st = await fh.stat();
    if (st.isDirectory()) return { problem: 'directory' };
    if (!st.isFile()) return { problem: 'notRegular' };
    if (st.size > opts.maxBytes) return { problem: 'tooLarge', size: st.size };
    const bytes = new Uint8Array(st.size);
    let off = 0;
    while (off < bytes.length) {
      const { bytesRead } = await fh.read(bytes, off, bytes.length - off, off);
      if (bytesRead === 0) break; // shrank while being read: what is there
      off += bytesRead;
    }
    return { bytes: off === bytes.length ? bytes : bytes.subarray(0, off), size: off, mtimeMs: st.mtimeMs };
  } catch (err) {
    return problemOf(err);
  } finally {
    await fh.close().catch(() => undefined);
  }
}

// ---------------------------------------------------------------------------------------------------
// Output files another program holds open

/**
 * Errors that mean "another program holds this file". On Windows, Excel and WPS hold an open workbook so
 * that renaming over it or opening it for writing fails with EBUSY, EPERM or EACCES; elsewhere files are
 * not held that way, and EPERM/EACCES mean a missing permission (not worth waiting for), so only EBUSY
 * counts. Tests inject these codes through `outputFs`.
 */
export function isLockedError(err: unknown, platform: string = process.platform): boolean {
  const code = (err as { code?: string } | null)?.code;
  if (platform === 'win32') return code === 'EBUSY' || code === 'EPERM' || code === 'EACCES';
  return code === 'EBUSY' || code === 'ETXTBSY';
}

/** The calls that put outputs in place; a seam for tests to simulate a file held open on Windows. */
export const outputFs = {
  rename: (from: string, to: string): Promise<void> => fsp.rename(from, to),
  /**
   * On Windows, opens an existing output for writing and closes it again: fails (EBUSY/EPERM) while Excel
   * or WPS holds it. Elsewhere nothing holds a file that way (and a read-only file is still replaced by
   * rename), so there is nothing to probe.
   */
  probe: async (file: string): Promise<void> => {
    if (process.platform !== 'win32') return;
    const fh = await fsp.open(file, 'r+');
    await fh.close();
  },
};
