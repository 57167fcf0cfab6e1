// Workbook bytes → WorkbookGrid. Works in Node and in the browser bundle (Uint8Array only, no fs /
// Buffer-only APIs). We sniff what the bytes are (empty, CFB = encrypted OOXML or legacy .xls, not a zip),
// open the zip with its caps (entry count, per-part and total inflated size, CRC, duplicate names) and read
// the workbook with the one reader (reader.ts, on the XML layer). Every failure becomes one file-level
// Issue with a message that says what is wrong: 已损坏 only for what no program could open.
import type { Definition } from '../standard/types';
import type { WorkbookGrid } from './grid';
import type { Issue } from '../standard/schema';
import { makeIssue, type MessageCode, type MessageVars } from '../standard/messages';
import { XmlError } from '../ooxml/xml';
import { ZipError, ZipReader, ZIP_LIMITS, type RawInflater } from '../ooxml/zip';
import { readWorkbook, WorkbookReadError, type ReaderLimits } from './reader';

export interface GridOptions {
  /** Largest uncompressed size of one zip entry (bytes). Default 50 MB. */
  maxPartBytes?: number;
  /** Largest total uncompressed size (bytes). Default 200 MB. */
  maxTotalBytes?: number;
  /** Most zip entries. Default 10,000. */
  maxEntries?: number;
  /** XML and grid limits (elements, depth, grid cells). */
  limits?: ReaderLimits;
  /** Definition whose messages are used for file-level issues. */
  def: Definition;
  /**
   * A native raw-deflate inflater (Node: zlib.inflateRawSync with maxOutputLength), used instead of
   * fflate's JavaScript one; returns 'tooLarge' when the output would pass maxBytes. The core stays
   * platform-free: Node callers inject it.
   */
  inflateRaw?: RawInflater;
}

export type FileKind = 'empty' | 'encrypted' | 'legacyXls' | 'cfbOther' | 'zip' | 'other';

const MB = 1024 * 1024;

/** A whole-file issue (no sheet, no cell): always an 错误. */
export function fileIssue<C extends MessageCode>(
  code: C,
  def: Definition,
  vars: MessageVars<C> = {} as MessageVars<C>,
  value: string | null = null,
): Issue {
  return makeIssue(def, 'error', code, vars, { value });
}

function utf16(s: string): Uint8Array {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    out[i * 2] = s.charCodeAt(i) & 0xff;
    out[i * 2 + 1] = s.charCodeAt(i) >> 8;
  }
  return out;
}

function indexOfBytes(hay: Uint8Array, needle: Uint8Array, limit = hay.length): number {
  const end = Math.min(limit, hay.length) - needle.length;
  outer: for (let i = 0; i <= end; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** What the bytes probably are, from their signature (and, for CFB containers, their stream names). */
export function sniffWorkbook(bytes: Uint8Array): FileKind {
  if (bytes.length === 0) return 'empty';
  if (bytes.length >= 8 && CFB_MAGIC.every((b, i) => bytes[i] === b)) {
    if (
      indexOfBytes(bytes, utf16('EncryptionInfo')) >= 0 ||
      indexOfBytes(bytes, utf16('EncryptedPackage')) >= 0
    )
      return 'encrypted';
    if (indexOfBytes(bytes, utf16('Workbook')) >= 0 || indexOfBytes(bytes, utf16('Book')) >= 0)
      return 'legacyXls';
    return 'cfbOther';
  }
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)
    return 'zip';
  return 'other';
}

function formatBytes(n: number): string {
  return n >= MB ? `${Math.round(n / MB)} MB` : `${Math.round(n / 1024)} KB`;
}

const UNSUPPORTED_ZIP: Record<string, string> = {
  encrypted: '加密压缩（压缩包内文件设置了密码）',
  split: '分卷压缩包',
};

/** The file-level Issue for an error of the zip layer, the XML layer or the reader; null for others. */
export function readErrorIssue(e: unknown, def: Definition): Issue | null {
  if (e instanceof ZipError) {
    switch (e.code) {
      case 'tooLarge':
        return fileIssue('file.tooLarge', def, { limit: formatBytes(Number(e.detail)) });
      case 'tooManyEntries':
        return fileIssue('file.tooManyParts', def, { limit: Number(e.detail) });
      case 'duplicate':
        return fileIssue('file.duplicatePart', def, { part: String(e.detail) }, String(e.detail));
      case 'unsupported': {
        const d = String(e.detail);
        const what = UNSUPPORTED_ZIP[d] ?? `压缩方式（编号${d.replace(/^method /, '')}）`;
        return fileIssue('file.unsupported', def, { feature: what });
      }
      case 'corrupt':
        return fileIssue('file.corrupt', def);
    }
  }
  if (e instanceof XmlError) {
    switch (e.code) {
      case 'doctype':
        return fileIssue('file.unsupported', def, { feature: 'XML文档类型声明（DOCTYPE/实体定义）' });
      case 'tooManyElements':
        return fileIssue('file.tooComplex', def, { what: 'XML元素数量', limit: e.limit ?? 0 });
      case 'tooDeep':
        return fileIssue('file.tooComplex', def, { what: 'XML嵌套层数', limit: e.limit ?? 0 });
      case 'malformed':
        return fileIssue('file.corrupt', def);
    }
  }
  if (e instanceof WorkbookReadError) {
    const p = e.problem;
    switch (p.kind) {
      case 'notWorkbook':
        return fileIssue('file.notWorkbook', def);
      case 'unsupported':
        return fileIssue('file.unsupported', def, { feature: p.what });
      case 'tooComplex':
        return fileIssue('file.tooComplex', def, { what: p.what, limit: p.max });
    }
  }
  return null;
}

/**
 * Reads workbook bytes into a grid. Never throws: anything unreadable becomes a single file-level Issue.
 */
export async function workbookBytesToGrid(
  bytes: Uint8Array,
  opts: GridOptions,
): Promise<{ grid: WorkbookGrid } | { issue: Issue }> {
  const def = opts.def;
  switch (sniffWorkbook(bytes)) {
    case 'empty':
      return { issue: fileIssue('file.empty', def) };
    case 'encrypted':
      return { issue: fileIssue('file.encrypted', def) };
    case 'legacyXls':
      return { issue: fileIssue('file.legacyXls', def) };
    case 'cfbOther':
    case 'other':
      return { issue: fileIssue('file.notWorkbook', def) };
    case 'zip':
      break;
  }
  try {
    const zip = new ZipReader(bytes, {
      maxEntries: opts.maxEntries ?? ZIP_LIMITS.maxEntries,
      maxPartBytes: opts.maxPartBytes ?? ZIP_LIMITS.maxPartBytes,
      maxTotalBytes: opts.maxTotalBytes ?? ZIP_LIMITS.maxTotalBytes,
      inflateRaw: opts.inflateRaw,
    });
    return { grid: readWorkbook(zip, opts.limits) };
  } catch (e) {
    return { issue: readErrorIssue(e, def) ?? fileIssue('file.corrupt', def) };
  }
}
