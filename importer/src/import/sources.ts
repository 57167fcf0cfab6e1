// What each file found is, host-free: a workbook to read, a .zip to unpack, a document sent instead of a
// workbook, something else (skipped), or something ignored (Office lock files, our own temporary files).
// The hosts find the files — Node walks the input folder (folder/discover.ts), the browser takes a chosen
// folder, files or .zip — and hand each one here with a way to read it; every file becomes at least one
// Source, so none is dropped silently.
import type { MessageCode, MessageVars, RawInflater } from '../../../templates/src/index';
import { unpackArchive, type ArchiveLimits } from './archive';
import { basename, extname, uniqueName, type ReadOutcome } from './names';

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

/** How far a file is read: the size a file may have, the limits a .zip is unpacked with. */
export interface SourceLimits {
  /** Files larger than this are not read. */
  maxFileBytes: number;
  archive: ArchiveLimits;
  /** The raw inflater for .zip files (Node: zlib); default the zip reader's own. */
  inflateRaw?: RawInflater;
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
  const ext = extname(name).toLowerCase();
  if (WORKBOOK_EXT.has(ext)) return 'workbook';
  if (DOCUMENT_EXT.has(ext)) return 'document';
  if (ARCHIVE_EXT.has(ext)) return 'archive';
  return 'other';
}

/** What a file of this kind is called in a message (".docx 文档"). */
export function extLabel(name: string): string {
  const ext = extname(name).toLowerCase();
  return ext ? ext : '无扩展名';
}

export function sourceIssue<C extends MessageCode>(
  rule: C,
  severity: SourceIssue['severity'],
  file: string,
  vars: MessageVars<C>,
): SourceIssue {
  return { rule, severity, vars: vars as Record<string, string | number>, value: file };
}

/** Findings on a file that looks like a submission are 错误; on anything else 警告. */
export function severityFor(kind: SourceKind): SourceIssue['severity'] {
  return kind === 'other' || kind === 'ignored' ? 'warning' : 'error';
}

export function sortSources<T extends { rel: string }>(list: T[]): T[] {
  return list.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}

/** A file a host found: where (rel), its own name (default rel's last segment), how to read it. */
export interface FoundFile {
  rel: string;
  name?: string;
  read: () => Promise<ReadOutcome>;
  warnings?: SourceIssue[];
}

/**
 * The Sources of one readable file (its name decides its kind): a workbook, a document or another file
 * as one Source; a .zip as the archive and one Source per file inside it.
 */
export async function sourcesOfFile(file: FoundFile, limits: SourceLimits): Promise<Source[]> {
  const { rel, read, warnings } = file;
  const name = file.name ?? basename(rel);
  const kind = kindOfName(name);
  if (kind === 'ignored') return [{ rel, kind, warnings }];
  if (kind === 'archive')
    return (await archiveSources(rel, read, limits)).map((s) => ({ ...s, warnings: s.warnings ?? warnings }));
  if (kind === 'workbook') return [{ rel, kind, warnings, read }];
  return [
    {
      rel,
      kind,
      warnings,
      problem:
        kind === 'document'
          ? sourceIssue('file.document', 'error', rel, { extension: extLabel(name) })
          : sourceIssue('import.skipped', 'warning', rel, { file: rel, extension: extLabel(name) }),
    },
  ];
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
  limits: SourceLimits,
): Promise<Source[]> {
  const ext = extname(rel).toLowerCase();
  if (ext !== '.zip')
    return [
      { rel, kind: 'archive', problem: sourceIssue('archive.unsupported', 'error', rel, { format: ext }) },
    ];
  const first = await read();
  if ('problem' in first) {
    const problem =
      first.problem === 'tooLarge'
        ? sourceIssue('file.tooLarge', 'error', rel, { limit: tooLargeLabel(limits.maxFileBytes) })
        : first.problem === 'notRegular'
          ? sourceIssue('file.notRegular', 'error', rel, { file: rel })
          : sourceIssue('archive.unreadable', 'error', rel, { reason: first.problem });
    return [{ rel, kind: 'archive', problem }];
  }
  const isWorkbook = (n: string) => kindOfName(basename(entryPath(n))) === 'workbook';
  const unpack = { inflateRaw: limits.inflateRaw };
  const listed = unpackArchive(first.bytes, isWorkbook, limits.archive, { ...unpack, inflate: false });
  if ('problem' in listed) {
    const problem =
      listed.problem === 'corrupt'
        ? sourceIssue('archive.corrupt', 'error', rel, {})
        : listed.problem === 'tooMany'
          ? sourceIssue('archive.tooMany', 'error', rel, { limit: listed.max })
          : sourceIssue('archive.tooLarge', 'error', rel, { limit: tooLargeLabel(listed.max) });
    return [{ rel, kind: 'archive', problem }];
  }
  const mtimeMs = first.mtimeMs;
  // Lazily inflated contents, by entry index (one unpacking shared by the lanes that ask at once).
  let cache: Promise<Map<number, Uint8Array | null> | null> | null = null;
  const inflateAll = async (): Promise<Map<number, Uint8Array | null> | null> => {
    const again = await read();
    if ('problem' in again) return null;
    const u = unpackArchive(again.bytes, isWorkbook, limits.archive, { ...unpack, inflate: true });
    return 'problem' in u ? null : new Map(u.entries.map((e, j) => [j, e.data ?? null]));
  };
  const take = async (i: number): Promise<ReadOutcome> => {
    let map = cache ? await cache : null;
    if (!map || !map.has(i)) {
      cache = inflateAll();
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
    const base = basename(inner);
    const warnings = e.nameDecoded ? undefined : [sourceIssue('file.badName', 'warning', r, { file: r })];
    const kind = inner.split('/').includes('__MACOSX') ? 'ignored' : kindOfName(base);
    const s: Source = { rel: r, kind, warnings, mtimeMs };
    if (kind === 'workbook') {
      if (e.duplicate) s.problem = sourceIssue('archive.duplicate', 'error', r, {});
      else s.read = () => take(i);
    } else if (kind === 'document')
      s.problem = sourceIssue('file.document', 'error', r, { extension: extLabel(base) });
    else if (kind === 'archive') s.problem = sourceIssue('archive.nested', 'error', r, {});
    else if (kind === 'other')
      s.problem = sourceIssue('import.skipped', 'warning', r, { file: r, extension: extLabel(base) });
    out.push(s);
  });
  return [{ rel, kind: 'archive', entries: out.length, mtimeMs }, ...out];
}
