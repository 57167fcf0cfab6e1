// File names and cell text, host-free (Node and the browser alike): unique and safe output names, names
// in any encoding (UTF-8, else GBK), text cut between graphemes, and what a read of a file can come to.

/** The extension of the last segment of a "/"- or "\\"-separated name, with its dot, as path.extname. */
export function extname(name: string): string {
  const base = basename(name);
  const dot = base.lastIndexOf('.');
  // ".profile" and ".." have none; "a." has "."
  if (dot <= 0 || base === '..') return '';
  return base.slice(dot);
}

/** The last segment of a "/"- or "\\"-separated name. */
export function basename(name: string): string {
  const trimmed = name.replace(/[\\/]+$/, '');
  return trimmed.slice(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
}

/**
 * Makes a file name (or relative path) unique within `used` (compared case-insensitively, as on Windows)
 * by numbering it "名称（2）.xlsx", and records it as used.
 */
export function uniqueName(name: string, used: Set<string>): string {
  const ext = extname(name);
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

// ---------------------------------------------------------------------------------------------------
// Text cut on grapheme boundaries

/** The graphemes of a string; code points where the platform has no Intl.Segmenter (older Firefox). */
let segmenter: Intl.Segmenter | null | undefined;
function* graphemesOf(s: string): Iterable<string> {
  if (segmenter === undefined)
    segmenter =
      typeof Intl !== 'undefined' && 'Segmenter' in Intl
        ? new Intl.Segmenter('zh', { granularity: 'grapheme' })
        : null;
  if (!segmenter) {
    yield* s;
    return;
  }
  for (const { segment } of segmenter.segment(s)) yield segment;
}

/** Bytes of a string in UTF-8 (a lone surrogate counts as U+FFFD, three bytes, as encoders write it). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Replaces lone UTF-16 surrogates (text cut in the middle of a character) with U+FFFD. */
export function wellFormed(s: string): string {
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/**
 * The longest prefix of `s` made of whole graphemes (an emoji, a letter with its accents, a family emoji
 * with its joiners) with at most `maxUnits` UTF-16 code units and, when given, `maxBytes` UTF-8 bytes.
 */
export function cutGraphemes(s: string, maxUnits: number, maxBytes = Infinity): string {
  if (s.length <= maxUnits && (maxBytes === Infinity || utf8Length(s) <= maxBytes)) return s;
  let out = '';
  let bytes = 0;
  for (const segment of graphemesOf(s)) {
    const b = utf8Length(segment);
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
// What reading a file can come to (each host reads in its own way)

/** Why a path could not be read; see problemText(). */
export type ReadProblem =
  'missing' | 'directory' | 'notRegular' | 'denied' | 'tooLarge' | 'link' | 'busy' | 'other';

export type ReadOutcome =
  | { bytes: Uint8Array; size: number; mtimeMs: number }
  | { problem: ReadProblem; size?: number; code?: string };

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
