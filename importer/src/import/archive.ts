// Unpacking a .zip a unit sent instead of (or holding) its workbook, through the project's one zip reader
// (templates/src/ooxml/zip.ts), with the limits a zip bomb meets: a cap on the number of entries, and on
// each entry's size and the total, checked on the declared sizes of the entries wanted before anything is
// inflated; an entry whose directory lies about its size is inflated no further than the cap, and is then
// reported as damaged (its inflated size does not match the directory's).
import { ZipError, ZipReader, type RawInflater, type ZipDirEntry } from '../../../templates/src/index';
import { decodeFileName } from './names';

export interface ArchiveLimits {
  /** Most entries an archive may list. */
  maxEntries: number;
  /** Largest declared size of one extracted entry. */
  maxEntryBytes: number;
  /** Largest total declared size of the extracted entries. */
  maxTotalBytes: number;
}

export interface ArchiveEntry {
  /** The entry's path inside the archive, decoded (UTF-8, else GBK, else %XX). */
  name: string;
  /** False when the name was neither UTF-8 nor GBK. */
  nameDecoded: boolean;
  /** Declared uncompressed size. */
  size: number;
  /** The inflated bytes, for entries `want` asked for; null when it could not be inflated. */
  data?: Uint8Array | null;
  /** Another entry before it has the same name (it is not inflated). */
  duplicate?: boolean;
}

export type Unpacked =
  | { entries: ArchiveEntry[] }
  | { problem: 'corrupt' }
  | { problem: 'tooMany'; max: number }
  | { problem: 'tooLarge'; max: number };

/** The raw bytes of a name as a string key (one character per byte): equal bytes, equal keys. */
function byteKey(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

/**
 * Lists an archive and (unless `inflate` is false) inflates the entries `want` selects, after checking the
 * limits on their declared sizes. Never throws. Names are decoded from their stored bytes as the OS would
 * have (UTF-8, then GBK: a zip made on a Chinese Windows sets no UTF-8 flag).
 */
export function unpackArchive(
  bytes: Uint8Array,
  want: (name: string) => boolean,
  limits: ArchiveLimits,
  opts: { inflate: boolean; inflateRaw?: RawInflater } = { inflate: true },
): Unpacked {
  let zip: ZipReader;
  try {
    zip = new ZipReader(bytes, {
      maxEntries: limits.maxEntries,
      maxPartBytes: limits.maxEntryBytes,
      maxTotalBytes: limits.maxTotalBytes,
      // only the wanted entries count against the caps (checked below), not a large PDF beside them
      checkDeclaredSizes: false,
      allowDuplicates: true,
      inflateRaw: opts.inflateRaw,
    });
  } catch (e) {
    if (e instanceof ZipError && e.code === 'tooManyEntries')
      return { problem: 'tooMany', max: limits.maxEntries };
    return { problem: 'corrupt' };
  }

  const listed: {
    entry: ZipDirEntry;
    name: string;
    nameDecoded: boolean;
    wanted: boolean;
    duplicate?: boolean;
  }[] = zip.entries.map((entry) => {
    const decoded = decodeFileName(entry.rawName);
    const name = decoded.text;
    return {
      entry,
      name,
      nameDecoded: decoded.encoding !== null,
      wanted: !name.endsWith('/') && want(name),
    };
  });

  // The same raw name twice: only the first of them is read.
  const seen = new Set<string>();
  let total = 0;
  for (const e of listed) {
    if (!e.wanted) continue;
    const key = byteKey(e.entry.rawName);
    if (seen.has(key)) {
      e.wanted = false;
      e.duplicate = true;
      continue;
    }
    seen.add(key);
    if (e.entry.size > limits.maxEntryBytes) return { problem: 'tooLarge', max: limits.maxEntryBytes };
    total += e.entry.size;
    if (total > limits.maxTotalBytes) return { problem: 'tooLarge', max: limits.maxTotalBytes };
  }

  const read = (e: ZipDirEntry): Uint8Array | null => {
    try {
      return zip.readEntry(e) ?? null;
    } catch {
      return null; // damaged, encrypted, another method, or lying about its size: reported as damaged
    }
  };
  return {
    entries: listed.map((e) => ({
      name: e.name,
      nameDecoded: e.nameDecoded,
      size: e.entry.size,
      ...(opts.inflate && e.wanted ? { data: read(e.entry) } : {}),
      ...(e.duplicate ? { duplicate: true } : {}),
    })),
  };
}
