// Unpacking a .zip a unit sent instead of (or holding) its workbook, with the limits a zip bomb meets: a
// cap on the number of entries, on each entry's size and on the total, checked on the declared sizes
// before anything is inflated; an entry whose directory lies about its size is inflated into a buffer of
// the declared size and no further (it comes out truncated, and the reader then reports it as damaged).
//
// unpackArchive() is the one function the importer calls: it uses fflate today and is meant to switch to
// the core's zip reader with limits (templates/src/ooxml/zip.ts) once that exists.
import { unzipSync } from 'fflate';
import { decodeFileName } from '../fsutil';

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

/**
 * Lists an archive and (unless `inflate` is false) inflates the entries `want` selects, after checking the
 * limits on their declared sizes. Never throws. Names: fflate decodes a name
 * without the zip's UTF-8 flag as Latin-1, which gives back its bytes; those are decoded as the OS would
 * have (UTF-8, then GBK: a zip made on a Chinese Windows).
 */
export function unpackArchive(
  bytes: Uint8Array,
  want: (name: string) => boolean,
  limits: ArchiveLimits,
  opts: { inflate: boolean } = { inflate: true },
): Unpacked {
  const listed: {
    raw: string;
    name: string;
    nameDecoded: boolean;
    size: number;
    wanted: boolean;
    duplicate?: boolean;
  }[] = [];
  let tooMany = false;
  try {
    unzipSync(bytes, {
      filter(f) {
        if (listed.length >= limits.maxEntries) {
          tooMany = true;
          return false;
        }
        const latin1 = [...f.name].every((c) => c.charCodeAt(0) < 0x100);
        const decoded = latin1
          ? decodeFileName(Uint8Array.from(f.name, (c) => c.charCodeAt(0)))
          : { text: f.name, encoding: 'utf8' as const };
        const name = decoded.text;
        listed.push({
          raw: f.name,
          name,
          nameDecoded: decoded.encoding !== null,
          size: f.originalSize,
          wanted: !name.endsWith('/') && want(name),
        });
        return false;
      },
    });
  } catch {
    return { problem: 'corrupt' };
  }
  if (tooMany) return { problem: 'tooMany', max: limits.maxEntries };

  // The same raw name twice: fflate keys its result by name, so only the first of them is inflated.
  const seen = new Set<string>();
  let total = 0;
  for (const e of listed) {
    if (!e.wanted) continue;
    if (seen.has(e.raw)) {
      e.wanted = false;
      e.duplicate = true;
      continue;
    }
    seen.add(e.raw);
    if (e.size > limits.maxEntryBytes) return { problem: 'tooLarge', max: limits.maxEntryBytes };
    total += e.size;
    if (total > limits.maxTotalBytes) return { problem: 'tooLarge', max: limits.maxTotalBytes };
  }

  if (!opts.inflate)
    return {
      entries: listed.map((e) => ({
        name: e.name,
        nameDecoded: e.nameDecoded,
        size: e.size,
        ...(e.duplicate ? { duplicate: true } : {}),
      })),
    };

  const inflate = (names: Set<string>): Record<string, Uint8Array> => {
    const taken = new Set<string>();
    return unzipSync(bytes, {
      filter: (f) => {
        if (!names.has(f.name) || taken.has(f.name)) return false;
        taken.add(f.name);
        return true;
      },
    });
  };
  const wanted = listed.filter((e) => e.wanted);
  let data: Record<string, Uint8Array> = {};
  try {
    data = inflate(new Set(wanted.map((e) => e.raw)));
  } catch {
    // One damaged (or encrypted) entry spoils the whole call: inflate them one by one instead.
    for (const e of wanted) {
      try {
        Object.assign(data, inflate(new Set([e.raw])));
      } catch {
        // left without data: reported as damaged
      }
    }
  }
  return {
    entries: listed.map((e) => ({
      name: e.name,
      nameDecoded: e.nameDecoded,
      size: e.size,
      ...(e.wanted ? { data: data[e.raw] ?? null } : {}),
      ...(e.duplicate ? { duplicate: true } : {}),
    })),
  };
}
