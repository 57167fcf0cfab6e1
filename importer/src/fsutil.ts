// File helpers for the Node side: atomic writes and safe file names.
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';

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

/**
 * Makes a file name (or relative path) unique within `used` (compared case-insensitively, as on Windows)
 * by numbering it "名称（2）.xlsx", and records it as used.
 */
export function uniqueName(name: string, used: Set<string>): string {
  const ext = path.extname(name);
  const base = name.slice(0, name.length - ext.length);
  let candidate = name;
  for (let i = 2; used.has(candidate.toLowerCase()); i++) candidate = `${base}（${i}）${ext}`;
  used.add(candidate.toLowerCase());
  return candidate;
}

/** The rule for "the same unit submitting twice": the later 填报日期 wins, then the later file time,
 *  then the later name (deterministic). True when `a` wins over `b`. */
export function isLaterSubmission(
  a: { fillDate: string | null; mtimeMs: number; name: string },
  b: { fillDate: string | null; mtimeMs: number; name: string },
): boolean {
  const da = a.fillDate ?? '';
  const db = b.fillDate ?? '';
  if (da !== db) return da > db;
  if (a.mtimeMs !== b.mtimeMs) return a.mtimeMs > b.mtimeMs;
  return a.name > b.name;
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/**
 * Turns text from inside a workbook (a unit name, a period) into a safe single path segment: no
 * separators, no "..", no control or Windows-forbidden characters, no reserved device names, bounded
 * length. Never returns an empty string.
 */
export function sanitizeFileName(name: string, fallback = '未命名', maxLength = 80): string {
  let s = name
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/[\\/:*?"<>|]/g, '_')
    .replace(/\.{2,}/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, '');
  if (WINDOWS_RESERVED.test(s)) s = `_${s}`;
  if (s.length > maxLength) s = s.slice(0, maxLength).trim();
  return s || fallback;
}
