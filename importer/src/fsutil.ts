// File helpers for the Node side: reading only regular files (never a FIFO or a device), file names in any
// encoding, safe output names, atomic writes, and output files held open by another program.
import { randomBytes } from 'node:crypto';
import { constants as fsc, promises as fsp } from 'node:fs';
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
  for (let i = 2; used.has(nameKey(candidate)); i++) candidate = `${base}（${i}）${ext}`;
  used.add(nameKey(candidate));
  return candidate;
}

/** How two file names are compared (Windows and macOS: case-insensitive; macOS: normalised). */
export function nameKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

export { isLaterSubmission } from './submission-order';

// ---------------------------------------------------------------------------------------------------
// Text cut on grapheme boundaries

const graphemes = new Intl.Segmenter('zh', { granularity: 'grapheme' });

/** Replaces lone UTF-16 surrogates (text cut in the middle of a character) with U+FFFD. */
export function wellFormed(s: string): string {
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/**
 * The longest prefix of `s` made of whole graphemes (an emoji, a letter with its accents, a family emoji
 * with its joiners) with at most `maxUnits` UTF-16 code units and, when given, `maxBytes` UTF-8 bytes.
 */
export function cutGraphemes(s: string, maxUnits: number, maxBytes = Infinity): string {
  if (s.length <= maxUnits && (maxBytes === Infinity || Buffer.byteLength(s) <= maxBytes)) return s;
  let out = '';
  let bytes = 0;
  for (const { segment } of graphemes.segment(s)) {
    const b = Buffer.byteLength(segment);
    if (out.length + segment.length > maxUnits || bytes + b > maxBytes) break;
    out += segment;
    bytes += b;
  }
  return out;
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/** UTF-8 bytes a name may take before its extension and a "（12）" suffix (Linux allows 255 a name). */
const MAX_NAME_BYTES = 200;

/**
 * Turns text from inside a workbook (a unit name, a period) into a safe single path segment: no
 * separators, no "..", no control or Windows-forbidden characters, no reserved device names, bounded
 * length, cut between graphemes (never inside an emoji). Never returns an empty string.
 */
export function sanitizeFileName(name: string, fallback = '未命名', maxLength = 80): string {
  let s = wellFormed(name)
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/[\\/:*?"<>|]/g, '_')
    .replace(/\.{2,}/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, '');
  if (WINDOWS_RESERVED.test(s)) s = `_${s}`;
  s = cutGraphemes(s, maxLength, MAX_NAME_BYTES)
    .trim()
    .replace(/[.\s]+$/g, '');
  return s || fallback;
}

// ---------------------------------------------------------------------------------------------------
// File names as the OS hands them over

const utf8 = new TextDecoder('utf-8', { fatal: true });
let gbk: TextDecoder | null = null;
try {
  gbk = new TextDecoder('gbk', { fatal: true });
} catch {
  gbk = null; // a Node without full ICU: GBK names are reported as undecodable
}

/**
 * Characters a GBK (GB 18030) byte string holds, or -1 when it is not well formed. ICU's decoder accepts
 * some bytes the encoding does not define (0xFF), so the structure is checked here and the count compared.
 */
function gbkChars(b: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < b.length; n++) {
    const c = b[i];
    if (c < 0x80 || c === 0x80) {
      i++;
      continue;
    }
    if (c === 0xff || i + 1 >= b.length) return -1;
    const d = b[i + 1];
    if ((d >= 0x40 && d <= 0x7e) || (d >= 0x80 && d <= 0xfe)) {
      i += 2;
      continue;
    }
    if (d >= 0x30 && d <= 0x39 && i + 3 < b.length) {
      const e = b[i + 2];
      const f = b[i + 3];
      if (e >= 0x81 && e <= 0xfe && f >= 0x30 && f <= 0x39) {
        i += 4;
        continue;
      }
    }
    return -1;
  }
  return n;
}

export interface DecodedName {
  text: string;
  /** utf8 or gbk: decoded; null: neither fits — `text` shows the undecodable bytes as %XX. */
  encoding: 'utf8' | 'gbk' | null;
}

/**
 * Decodes a file name as the OS handed it over (a Windows zip unpacked on Linux leaves GBK bytes): UTF-8
 * first, then GBK. A name that is neither is shown with every non-ASCII byte as %XX (distinct names stay
 * distinct) and reported.
 */
export function decodeFileName(bytes: Uint8Array): DecodedName {
  try {
    return { text: utf8.decode(bytes), encoding: 'utf8' };
  } catch {
    // not UTF-8
  }
  if (gbk) {
    const n = gbkChars(bytes);
    if (n >= 0) {
      try {
        const text = gbk.decode(bytes);
        if ([...text].length === n && !text.includes('\ufffd')) return { text, encoding: 'gbk' };
      } catch {
        // not GBK
      }
    }
  }
  let text = '';
  for (const b of bytes)
    text +=
      b < 0x80 && b !== 0x25 ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  return { text, encoding: null };
}

// ---------------------------------------------------------------------------------------------------
// Reading a regular file, and nothing else

/** Why a path could not be read; see problemText(). */
export type ReadProblem =
  'missing' | 'directory' | 'notRegular' | 'denied' | 'tooLarge' | 'link' | 'busy' | 'other';

export type ReadOutcome =
  | { bytes: Uint8Array; size: number; mtimeMs: number }
  | { problem: ReadProblem; size?: number; code?: string };

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

/** Plain Chinese for a ReadProblem (the reason in “文件无法读取（…）”). */
export function problemText(p: ReadProblem, code?: string): string {
  switch (p) {
    case 'missing':
      return '找不到该文件';
    case 'directory':
      return '这是一个文件夹，不是文件';
    case 'notRegular':
      return '不是普通文件，而是管道、设备或套接字';
    case 'denied':
      return '没有读取权限';
    case 'tooLarge':
      return '文件过大';
    case 'link':
      return '是快捷方式（链接）';
    case 'busy':
      return '文件正被其他程序占用';
    case 'other':
      return code ? `系统错误 ${code}` : '系统错误';
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
