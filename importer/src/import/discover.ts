// Finds everything under the input folder, recursively, and says what each file is: a workbook to read,
// a .zip to unpack, a document sent instead of a workbook, something else (skipped), or something ignored
// (Office lock files, our own temporary files). Every file found is returned — none is dropped silently.
//
// Names are taken as the OS hands them over (bytes) and decoded (UTF-8, else GBK: a Windows zip unpacked
// on Linux), and files are opened by their raw path, so a name in any encoding is found and read. Only
// regular files are read: FIFOs, sockets and devices are listed, never opened; a symbolic link is
// followed only to a regular file inside the input folder.
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { decodeFileName, readRegularFile, uniqueName, type ReadOutcome } from '../fsutil';
import { unpackArchive, type ArchiveLimits } from './archive';
import { fsReason } from '../errors';
import type { MessageCode, MessageVars } from '../../../templates/src/index';

export type SourceKind = 'workbook' | 'document' | 'archive' | 'other' | 'ignored';

/** A file-level finding, turned into an Issue by the importer (the catalog's message for its code). */
export interface SourceIssue {
  rule: MessageCode;
  severity: 'error' | 'warning';
  vars: Record<string, string | number>;
  /** The issue's value: the file it is about. */
  value: string;
}

/** One file to account for: found in the folder, inside a .zip, or (workspace) kept in the store. */
export interface Source {
  /** What the outputs show: the path from the input folder, "/"-separated ("收文.zip/市妇联.xlsx"). */
  rel: string;
  kind: SourceKind;
  /** Settled when found: listed with this finding and never read. */
  problem?: SourceIssue;
  /** Listed along with whatever else happens to the file (a name that could not be decoded). */
  warnings?: SourceIssue[];
  /** Reads the bytes (workbooks); never throws. */
  read?: () => Promise<ReadOutcome>;
  /** An archive that was unpacked: how many files it held. */
  entries?: number;
  /** Set by the workspace for files it already holds: the modification time it recorded. */
  mtimeMs?: number;
}

const WORKBOOK_EXT = new Set(['.xlsx', '.xlsm', '.xltx', '.xltm', '.xls', '.et', '.ett', '.xlsb', '.ods']);
const DOCUMENT_EXT = new Set([
  '.docx',
  '.docm',
  '.doc',
  '.dotx',
  '.wps',
  '.wpt',
  '.odt',
  '.rtf',
  '.pdf',
  '.ofd',
  '.jpg',
  '.jpeg',
  '.png',
  '.tif',
  '.tiff',
  '.bmp',
]);
const ARCHIVE_EXT = new Set(['.zip', '.rar', '.7z', '.tar', '.gz', '.tgz', '.bz2', '.xz']);
const IGNORED_NAMES = new Set(['thumbs.db', 'desktop.ini', '.ds_store', '.yanpan.lock']);

/** Office/WPS lock files (~$name.xlsx), LibreOffice's (.~lock.name#), our temporary files, OS clutter. */
export function isIgnoredName(name: string): boolean {
  return (
    name.startsWith('~$') ||
    (name.startsWith('.~lock.') && name.endsWith('#')) ||
    (name.startsWith('.') && name.endsWith('.tmp')) ||
    name.startsWith('._') ||
    IGNORED_NAMES.has(name.toLowerCase())
  );
}

export function kindOfName(name: string): SourceKind {
  if (isIgnoredName(name)) return 'ignored';
  const ext = path.extname(name).toLowerCase();
  if (WORKBOOK_EXT.has(ext)) return 'workbook';
  if (DOCUMENT_EXT.has(ext)) return 'document';
  if (ARCHIVE_EXT.has(ext)) return 'archive';
  return 'other';
}

/** What a file of this kind is called in a message (".docx 文档"). */
export function extLabel(name: string): string {
  const ext = path.extname(name).toLowerCase();
  return ext ? ext : '无扩展名';
}

export interface DiscoverOptions {
  /** Folders not to enter (the output folder when it sits inside the input folder, the store's folder). */
  skip?: string[];
  /** Files larger than this are not read. */
  maxFileBytes: number;
  archive: ArchiveLimits;
}

function issue<C extends MessageCode>(
  rule: C,
  severity: SourceIssue['severity'],
  file: string,
  vars: MessageVars<C>,
): SourceIssue {
  return { rule, severity, vars: vars as Record<string, string | number>, value: file };
}

/** Findings on a file that looks like a submission are 错误; on anything else 警告. */
function severityFor(kind: SourceKind): SourceIssue['severity'] {
  return kind === 'other' || kind === 'ignored' ? 'warning' : 'error';
}

function startsWithDir(p: Buffer, dir: Buffer): boolean {
  if (p.equals(dir)) return true;
  const sep = Buffer.from(path.sep);
  const base = dir.subarray(dir.length - sep.length).equals(sep) ? dir : Buffer.concat([dir, sep]);
  return p.length > base.length && p.subarray(0, base.length).equals(base);
}

/**
 * Walks `root` and returns one Source per file, sorted by `rel` so runs are deterministic. Folders in
 * `skip` are not entered. Symbolic links to folders are listed, not followed (no loops, no file counted
 * twice).
 */
export async function discoverSources(root: string, opts: DiscoverOptions): Promise<Source[]> {
  const rootBuf = Buffer.from(path.resolve(root));
  const realRoot = await fsp.realpath(rootBuf, { encoding: 'buffer' });
  const skip = (opts.skip ?? []).map((s) => Buffer.from(path.resolve(s)));
  const sep = Buffer.from(path.sep);
  const out: Source[] = [];

  const add = (s: Source) => out.push(s);

  async function walk(dir: Buffer, rel: string, badName: boolean, depth: number): Promise<void> {
    if (skip.some((s) => s.equals(dir))) return;
    let entries;
    try {
      entries = (await fsp.readdir(dir, { withFileTypes: true, encoding: 'buffer' })) as unknown as {
        name: Buffer;
        isDirectory(): boolean;
        isFile(): boolean;
        isSymbolicLink(): boolean;
      }[];
    } catch (err) {
      // A subfolder we may not read: listed, so nothing in it is lost without a word.
      if (depth > 0)
        add({
          rel,
          kind: 'other',
          problem: issue('file.folderUnreadable', 'error', rel, { file: rel, reason: fsReason(err) }),
        });
      return;
    }
    for (const e of entries) {
      const full = Buffer.concat([dir, sep, e.name]);
      const dec = decodeFileName(e.name);
      const name = dec.text;
      const r = rel ? `${rel}/${name}` : name;
      const bad = badName || dec.encoding === null;
      if (e.isDirectory()) {
        if (depth < 64) await walk(full, r, bad, depth + 1);
        continue;
      }
      const kind = kindOfName(name);
      const warnings = bad ? [issue('file.badName', 'warning', r, { file: r })] : undefined;
      if (kind === 'ignored') {
        add({ rel: r, kind, warnings });
        continue;
      }
      /** Lists the file as found, with why it is not read. */
      const refuse = (
        rule: 'file.notRegular' | 'file.danglingLink' | 'file.linkOutside' | 'file.folderLink',
        severity = severityFor(kind),
        k: SourceKind = kind,
      ) => add({ rel: r, kind: k, warnings, problem: issue(rule, severity, r, { file: r }) });
      let target: Buffer = full;
      if (e.isSymbolicLink()) {
        const real = await fsp.realpath(full, { encoding: 'buffer' }).catch(() => null);
        const inside = !!real && startsWithDir(real, realRoot);
        // Only a link to something inside the input folder is even looked at.
        const st = real && inside ? await fsp.stat(real).catch(() => null) : null;
        if (real && !inside) refuse('file.linkOutside');
        else if (!real || !st) refuse('file.danglingLink');
        else if (st.isDirectory()) refuse('file.folderLink', 'warning', 'other');
        if (!real || !st || st.isDirectory()) continue;
        target = real;
      } else if (!e.isFile()) {
        // Dirent types can be unknown on some file systems: ask lstat.
        const st = await fsp.lstat(full).catch(() => null);
        if (!st) continue; // gone since the listing
        if (st.isDirectory()) {
          if (depth < 64) await walk(full, r, bad, depth + 1);
          continue;
        }
        if (!st.isFile()) {
          refuse('file.notRegular');
          continue;
        }
      }
      const read = () => readRegularFile(target, { maxBytes: opts.maxFileBytes, noFollow: true });
      if (kind === 'archive') {
        for (const s of await archiveSources(r, read, opts)) add({ ...s, warnings: s.warnings ?? warnings });
        continue;
      }
      if (kind === 'workbook') add({ rel: r, kind, warnings, read });
      else
        add({
          rel: r,
          kind,
          warnings,
          problem:
            kind === 'document'
              ? issue('file.document', 'error', r, { extension: extLabel(name) })
              : issue('import.skipped', 'warning', r, { file: r, extension: extLabel(name) }),
        });
    }
  }

  await walk(rootBuf, '', false, 0);
  return sortSources(out);
}

export function sortSources<T extends { rel: string }>(list: T[]): T[] {
  return list.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}

function tooLargeLabel(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}

/** A path from inside an archive made safe to show: no "..", no leading "/", "/"-separated. */
function entryPath(name: string): string {
  return name
    .split(/[\\/]+/)
    .filter((s) => s && s !== '.' && s !== '..')
    .join('/');
}

/**
 * The archive itself (listed as unpacked, or with why it was not) and one Source per file inside it.
 * Entries are inflated lazily, all of one archive at once on the first read, and each entry's bytes are
 * dropped once read, so only one archive's contents are held at a time.
 */
async function archiveSources(
  rel: string,
  read: () => Promise<ReadOutcome>,
  opts: DiscoverOptions,
): Promise<Source[]> {
  const ext = path.extname(rel).toLowerCase();
  if (ext !== '.zip')
    return [{ rel, kind: 'archive', problem: issue('archive.unsupported', 'error', rel, { format: ext }) }];
  const first = await read();
  if ('problem' in first) {
    const problem =
      first.problem === 'tooLarge'
        ? issue('file.tooLarge', 'error', rel, { limit: tooLargeLabel(opts.maxFileBytes) })
        : first.problem === 'notRegular'
          ? issue('file.notRegular', 'error', rel, { file: rel })
          : issue('archive.unreadable', 'error', rel, { reason: first.problem });
    return [{ rel, kind: 'archive', problem }];
  }
  const isWorkbook = (n: string) => kindOfName(path.posix.basename(entryPath(n))) === 'workbook';
  const listed = unpackArchive(first.bytes, isWorkbook, opts.archive, { inflate: false });
  if ('problem' in listed) {
    const problem =
      listed.problem === 'corrupt'
        ? issue('archive.corrupt', 'error', rel, {})
        : listed.problem === 'tooMany'
          ? issue('archive.tooMany', 'error', rel, { limit: listed.max })
          : issue('archive.tooLarge', 'error', rel, { limit: tooLargeLabel(listed.max) });
    return [{ rel, kind: 'archive', problem }];
  }
  const mtimeMs = first.mtimeMs;
  // Lazily inflated contents, by entry index (one unpacking shared by the lanes that ask at once).
  let cache: Promise<Map<number, Uint8Array | null> | null> | null = null;
  const unpack = async (): Promise<Map<number, Uint8Array | null> | null> => {
    const again = await read();
    if ('problem' in again) return null;
    const u = unpackArchive(again.bytes, isWorkbook, opts.archive, { inflate: true });
    return 'problem' in u ? null : new Map(u.entries.map((e, j) => [j, e.data ?? null]));
  };
  const take = async (i: number): Promise<ReadOutcome> => {
    let map = cache ? await cache : null;
    if (!map || !map.has(i)) {
      cache = unpack();
      map = await cache;
    }
    const data = map?.get(i) ?? null;
    map?.delete(i);
    if (!data) return { problem: 'other', code: 'archive' };
    return { bytes: data, size: data.length, mtimeMs };
  };
  const out: Source[] = [];
  const used = new Set<string>();
  listed.entries.forEach((e, i) => {
    if (e.name.endsWith('/') || e.name.endsWith('\\')) return; // a folder entry
    const inner = entryPath(e.name);
    if (!inner) return;
    const r = uniqueName(`${rel}/${inner}`, used);
    const base = path.posix.basename(inner);
    const warnings = e.nameDecoded ? undefined : [issue('file.badName', 'warning', r, { file: r })];
    const kind = inner.split('/').includes('__MACOSX') ? 'ignored' : kindOfName(base);
    const s: Source = { rel: r, kind, warnings, mtimeMs };
    if (kind === 'workbook') {
      if (e.duplicate) s.problem = issue('archive.duplicate', 'error', r, {});
      else s.read = () => take(i);
    } else if (kind === 'document')
      s.problem = issue('file.document', 'error', r, { extension: extLabel(base) });
    else if (kind === 'archive') s.problem = issue('archive.nested', 'error', r, {});
    else if (kind === 'other')
      s.problem = issue('import.skipped', 'warning', r, { file: r, extension: extLabel(base) });
    out.push(s);
  });
  return [{ rel, kind: 'archive', entries: out.length, mtimeMs }, ...out];
}
