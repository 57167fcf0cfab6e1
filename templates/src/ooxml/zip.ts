// The one ZIP layer: reads packages (central directory, limits on entry count and inflated sizes, CRC
// check, duplicate names refused, an injectable native raw inflater) and writes them (fixed timestamps:
// the same content gives the same bytes). Pure code (no fs/path/process/Buffer): it runs in the import
// worker and in the browser bundle; fflate inflates and deflates where no native inflater is injected.
import { Inflate, deflateSync, inflateSync } from 'fflate';

// ---------------------------------------------------------------------------------------------------
// Errors and limits

export type ZipErrorCode =
  /** Not a zip archive, or its directory or an entry is damaged (truncated, bad CRC, bad data). */
  | 'corrupt'
  /** More entries than maxEntries. */
  | 'tooManyEntries'
  /** An entry or the total would inflate past maxPartBytes / maxTotalBytes. */
  | 'tooLarge'
  /** Two entries with the same name (compared without case, as OPC part names are). */
  | 'duplicate'
  /** A zip feature we do not read (encrypted entries, a compression method other than store/deflate). */
  | 'unsupported';

export class ZipError extends Error {
  constructor(
    readonly code: ZipErrorCode,
    message: string,
    /** tooLarge / tooManyEntries: the limit; duplicate: the entry name; unsupported: what. */
    readonly detail?: string | number,
  ) {
    super(message);
    this.name = 'ZipError';
  }
}

/**
 * A native raw-deflate inflater (Node: zlib.inflateRawSync with maxOutputLength), used instead of
 * fflate; returns 'tooLarge' when the output would pass maxBytes. The core stays platform-free: Node
 * callers inject it.
 */
export type RawInflater = (data: Uint8Array, maxBytes: number) => Uint8Array | 'tooLarge';

export interface ZipReadOptions {
  /** Most entries (files and folders). Default 10,000 (a workbook has a few dozen). */
  maxEntries?: number;
  /**
   * Check every entry's declared size against the caps when the directory is read (default true: a
   * package whose parts would pass them is refused at once). False for an archive of which only some
   * entries are read: the caps then apply to the entries read, when they are read.
   */
  checkDeclaredSizes?: boolean;
  /**
   * Keep entries whose names repeat instead of refusing the archive (default false: OPC packages must not
   * have them). `entry(name)` and `read(name)` then give the first; `readEntry` reads any one.
   */
  allowDuplicates?: boolean;
  /** Largest inflated size of one entry (bytes). Default 50 MB. */
  maxPartBytes?: number;
  /** Largest inflated size of all entries together (bytes). Default 200 MB. */
  maxTotalBytes?: number;
  inflateRaw?: RawInflater;
}

const MB = 1024 * 1024;
export const ZIP_LIMITS = { maxEntries: 10_000, maxPartBytes: 50 * MB, maxTotalBytes: 200 * MB } as const;

// ---------------------------------------------------------------------------------------------------
// CRC-32

const CRC_TABLES = (() => {
  // slicing-by-8 tables: about 4x faster than byte-at-a-time in JS
  const t = new Int32Array(256 * 8);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n];
    for (let k = 1; k < 8; k++) {
      c = t[c & 0xff] ^ (c >>> 8);
      t[k * 256 + n] = c;
    }
  }
  return t;
})();

export function crc32(data: Uint8Array): number {
  const t = CRC_TABLES;
  let c = -1;
  let i = 0;
  const n8 = data.length - (data.length % 8);
  for (; i < n8; i += 8) {
    const a = (data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24)) ^ c;
    c =
      t[1792 + (a & 0xff)] ^
      t[1536 + ((a >>> 8) & 0xff)] ^
      t[1280 + ((a >>> 16) & 0xff)] ^
      t[1024 + (a >>> 24)] ^
      t[768 + data[i + 4]] ^
      t[512 + data[i + 5]] ^
      t[256 + data[i + 6]] ^
      t[data[i + 7]];
  }
  for (; i < data.length; i++) c = t[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

// ---------------------------------------------------------------------------------------------------
// Reading

export interface ZipDirEntry {
  /**
   * Entry name: UTF-8 when its bytes are valid UTF-8, else one character per byte (Latin-1), so that
   * distinct names stay distinct (rawName has the bytes, for a caller that knows the code page).
   */
  name: string;
  /** The name's bytes as stored. */
  rawName: Uint8Array;
  /** The entry's UTF-8 flag (general purpose bit 11) is set. */
  utf8: boolean;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  /** Declared inflated size. */
  size: number;
  /** Offset of the local header. */
  offset: number;
  /** A folder entry (name ending in "/"). */
  dir: boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function entryName(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    // Old Windows zippers write names in the local code page (GBK on a Chinese Windows): one character
    // per byte keeps them distinct; OPC part names are ASCII anyway.
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return s;
  }
}

const asciiLower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/**
 * A zip archive opened for reading: the central directory is parsed (and checked) at once, entries are
 * inflated on demand with the caps and the CRC check. Throws ZipError.
 */
export class ZipReader {
  readonly entries: readonly ZipDirEntry[];
  private readonly byName = new Map<string, ZipDirEntry>();
  private readonly byLowerName = new Map<string, ZipDirEntry>();
  private readonly view: DataView;
  private readonly maxPart: number;
  private budget: number;
  private readonly maxTotal: number;
  private readonly inflateRaw?: RawInflater;

  constructor(
    private readonly bytes: Uint8Array,
    opts: ZipReadOptions = {},
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.maxPart = opts.maxPartBytes ?? ZIP_LIMITS.maxPartBytes;
    this.maxTotal = opts.maxTotalBytes ?? ZIP_LIMITS.maxTotalBytes;
    this.budget = this.maxTotal;
    this.inflateRaw = opts.inflateRaw;
    this.entries = this.readDirectory(
      opts.maxEntries ?? ZIP_LIMITS.maxEntries,
      opts.checkDeclaredSizes ?? true,
      opts.allowDuplicates ?? false,
    );
  }

  private corrupt(what: string): never {
    throw new ZipError('corrupt', `zip: ${what}`);
  }

  private readDirectory(maxEntries: number, checkSizes: boolean, allowDuplicates: boolean): ZipDirEntry[] {
    const v = this.view;
    const len = this.bytes.length;
    // End of central directory: the last signature within 22 + 65535 (comment) bytes of the end.
    let eocd = -1;
    for (let i = len - 22; i >= Math.max(0, len - 22 - 0xffff); i--) {
      if (v.getUint32(i, true) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) this.corrupt('no end of central directory');
    if (v.getUint16(eocd + 4, true) !== 0 || v.getUint16(eocd + 6, true) !== 0)
      throw new ZipError('unsupported', 'zip: split archive', 'split');
    let count = v.getUint16(eocd + 10, true);
    let cdSize = v.getUint32(eocd + 12, true);
    let cdOffset = v.getUint32(eocd + 16, true);
    // ZIP64: a locator right before the end record points at the ZIP64 end record.
    if (
      (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) &&
      eocd >= 20 &&
      v.getUint32(eocd - 20, true) === 0x07064b50
    ) {
      const z = Number(v.getBigUint64(eocd - 12, true));
      if (z + 56 > len || v.getUint32(z, true) !== 0x06064b50) this.corrupt('bad zip64 end record');
      count = Number(v.getBigUint64(z + 32, true));
      cdSize = Number(v.getBigUint64(z + 40, true));
      cdOffset = Number(v.getBigUint64(z + 48, true));
    }
    if (count > maxEntries)
      throw new ZipError('tooManyEntries', `zip: ${count} entries (limit ${maxEntries})`, maxEntries);
    if (cdOffset + cdSize > len) this.corrupt('central directory outside the file');
    const out: ZipDirEntry[] = [];
    let p = cdOffset;
    let declaredTotal = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > len || v.getUint32(p, true) !== 0x02014b50) this.corrupt('bad central directory entry');
      const flags = v.getUint16(p + 8, true);
      const method = v.getUint16(p + 10, true);
      const crc = v.getUint32(p + 16, true);
      let compressedSize = v.getUint32(p + 20, true);
      let size = v.getUint32(p + 24, true);
      const nameLen = v.getUint16(p + 28, true);
      const extraLen = v.getUint16(p + 30, true);
      const commentLen = v.getUint16(p + 32, true);
      let offset = v.getUint32(p + 42, true);
      if (p + 46 + nameLen + extraLen + commentLen > len) this.corrupt('central directory entry truncated');
      // Windows zippers write "xl\\styles.xml": the separator is read as "/", as Excel does
      const rawName = this.bytes.subarray(p + 46, p + 46 + nameLen);
      const name = entryName(rawName).replace(/\\/g, '/');
      // ZIP64 extended information: the 0xFFFFFFFF fields, in order.
      if (size === 0xffffffff || compressedSize === 0xffffffff || offset === 0xffffffff) {
        let e = p + 46 + nameLen;
        const end = e + extraLen;
        while (e + 4 <= end) {
          const id = v.getUint16(e, true);
          const sz = v.getUint16(e + 2, true);
          if (id === 0x0001) {
            let q = e + 4;
            if (size === 0xffffffff) {
              size = Number(v.getBigUint64(q, true));
              q += 8;
            }
            if (compressedSize === 0xffffffff) {
              compressedSize = Number(v.getBigUint64(q, true));
              q += 8;
            }
            if (offset === 0xffffffff) offset = Number(v.getBigUint64(q, true));
            break;
          }
          e += 4 + sz;
        }
      }
      p += 46 + nameLen + extraLen + commentLen;
      const dir = name.endsWith('/');
      const entry: ZipDirEntry = {
        name,
        rawName,
        utf8: (flags & 0x0800) !== 0,
        method,
        flags,
        crc,
        compressedSize,
        size,
        offset,
        dir,
      };
      const lower = asciiLower(name);
      if (!this.byLowerName.has(lower)) this.byLowerName.set(lower, entry);
      else if (!allowDuplicates) throw new ZipError('duplicate', `zip: duplicate entry ${name}`, name);
      if (!this.byName.has(name)) this.byName.set(name, entry);
      out.push(entry);
      if (dir || !checkSizes) continue;
      if (size > this.maxPart) this.tooLarge(this.maxPart);
      declaredTotal += size;
      if (declaredTotal > this.maxTotal) this.tooLarge(this.maxTotal);
    }
    return out;
  }

  private tooLarge(limit: number): never {
    throw new ZipError('tooLarge', `zip: inflates past ${limit} bytes`, limit);
  }

  /** Entry `name` as it is stored (still compressed), for copying it into a new archive unchanged. */
  rawEntry(name: string): ZipEntry | undefined {
    const e = this.entry(name);
    if (!e || e.dir || (e.method !== 0 && e.method !== 8) || e.flags & 1) return undefined;
    return { name: e.name, method: e.method as 0 | 8, data: this.rawData(e), crc: e.crc, size: e.size };
  }

  private rawData(e: ZipDirEntry): Uint8Array {
    const v = this.view;
    const p = e.offset;
    if (p + 30 > this.bytes.length || v.getUint32(p, true) !== 0x04034b50) this.corrupt('bad local header');
    const start = p + 30 + v.getUint16(p + 26, true) + v.getUint16(p + 28, true);
    if (start + e.compressedSize > this.bytes.length) this.corrupt(`entry ${e.name} truncated`);
    return this.bytes.subarray(start, start + e.compressedSize);
  }

  /** The entry called `name` (exact, else without regard to ASCII case), or undefined. */
  entry(name: string): ZipDirEntry | undefined {
    return this.byName.get(name) ?? this.byLowerName.get(asciiLower(name));
  }

  has(name: string): boolean {
    return this.entry(name) !== undefined;
  }

  /** File entries' names in archive order (folders left out). */
  names(): string[] {
    return this.entries.filter((e) => !e.dir).map((e) => e.name);
  }

  /**
   * The inflated bytes of entry `name` (undefined when absent), after checking its size against the
   * caps (and what is left of the total) and its CRC-32. Throws ZipError.
   */
  read(name: string): Uint8Array | undefined {
    const e = this.entry(name);
    return e ? this.readEntry(e) : undefined;
  }

  /** The inflated bytes of one entry of `entries` (undefined for a folder); see read(). */
  readEntry(e: ZipDirEntry): Uint8Array | undefined {
    if (e.dir) return undefined;
    const data = this.inflate(e);
    if (crc32(data) !== e.crc) this.corrupt(`CRC mismatch in ${e.name}`);
    this.budget -= data.length;
    return data;
  }

  private inflate(e: ZipDirEntry): Uint8Array {
    if (e.flags & 1) throw new ZipError('unsupported', 'zip: encrypted entry', 'encrypted');
    if (e.method !== 0 && e.method !== 8)
      throw new ZipError('unsupported', `zip: compression method ${e.method}`, `method ${e.method}`);
    const raw = this.rawData(e);
    const cap = Math.min(this.maxPart, this.budget);
    const limit = cap === this.maxPart ? this.maxPart : this.maxTotal;
    if (e.size > cap) this.tooLarge(limit);
    if (e.method === 0) {
      if (e.compressedSize !== e.size) this.corrupt(`stored entry ${e.name} size mismatch`);
      return raw;
    }
    let out: Uint8Array | 'tooLarge';
    try {
      out = this.inflateRaw ? this.inflateRaw(raw, cap) : inflateCapped(raw, e.size, cap);
    } catch {
      this.corrupt(`bad deflate data in ${e.name}`);
    }
    if (out === 'tooLarge' || out.length > cap) this.tooLarge(limit);
    if (out.length !== e.size) this.corrupt(`entry ${e.name} size differs from the directory`);
    return out;
  }
}

/**
 * fflate's inflater, bounded: when even a maximal deflate ratio (1032:1) cannot pass the cap, one
 * synchronous call into a buffer of the declared size (+1, to see a larger output); otherwise a
 * stream fed in small chunks that stops as soon as the output passes the cap.
 */
function inflateCapped(raw: Uint8Array, declared: number, cap: number): Uint8Array | 'tooLarge' {
  if (raw.length * 1032 <= cap) {
    const out = inflateSync(raw, { out: new Uint8Array(Math.min(declared, cap) + 1) });
    // inflateSync truncates to the buffer; a full buffer means the data is larger than declared
    return out;
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  let over = false;
  const inf = new Inflate((chunk) => {
    total += chunk.length;
    if (total > cap) over = true;
    else chunks.push(chunk);
  });
  const STEP = 16 * 1024; // at most ~16 MB of output per push
  for (let i = 0; i < raw.length && !over; i += STEP)
    inf.push(raw.subarray(i, Math.min(raw.length, i + STEP)), i + STEP >= raw.length);
  if (over) return 'tooLarge';
  const out = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.length;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Writing

export interface ZipEntry {
  name: string;
  /** 8 = deflate (data is raw-deflated), 0 = stored */
  method: 0 | 8;
  data: Uint8Array;
  /** CRC-32 of the uncompressed content. */
  crc: number;
  /** Uncompressed size. */
  size: number;
}

function toBytes(content: string | Uint8Array): Uint8Array {
  return typeof content === 'string' ? new TextEncoder().encode(content) : content;
}

/** A part deflated synchronously (fflate, level 6); always method 8. */
export function deflatedEntry(name: string, content: string | Uint8Array): ZipEntry {
  const raw = toBytes(content);
  return { name, method: 8, data: deflateSync(raw, { level: 6 }), crc: crc32(raw), size: raw.length };
}

/** A part stored uncompressed. */
export function storedEntry(name: string, content: string | Uint8Array): ZipEntry {
  const raw = toBytes(content);
  return { name, method: 0, data: raw, crc: crc32(raw), size: raw.length };
}

async function nativeDeflateRaw(data: Uint8Array): Promise<Uint8Array | null> {
  if (typeof CompressionStream === 'undefined') return null;
  const stream = new Blob([data as BlobPart]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * A part deflated with the platform's native deflate (CompressionStream); stored instead when that is
 * unavailable or would not make the part smaller.
 */
export async function nativeDeflatedEntry(name: string, content: string | Uint8Array): Promise<ZipEntry> {
  const raw = toBytes(content);
  const deflated = raw.length > 0 ? await nativeDeflateRaw(raw) : null;
  return deflated && deflated.length < raw.length
    ? { name, method: 8, data: deflated, crc: crc32(raw), size: raw.length }
    : { name, method: 0, data: raw, crc: crc32(raw), size: raw.length };
}

/**
 * An entry of an archive being read, passed on as it is (still compressed, CRC from the directory):
 * for patching a package without inflating and deflating the parts that do not change.
 */
export function rawEntry(zip: ZipReader, name: string): ZipEntry | undefined {
  return zip.rawEntry(name);
}

/** 1980-01-01 00:00 UTC, the earliest DOS date: the default timestamp of every entry. */
export const ZIP_EPOCH = new Date(Date.UTC(1980, 0, 1, 0, 0, 0));

/**
 * Assembles a ZIP file from entries, in order, every entry dated `date` (UTC, fixed: the same content
 * gives the same bytes). UTF-8 names, no data descriptors, no ZIP64: OOXML parts are small. Throws on
 * duplicate names.
 */
export function writeZip(entries: readonly ZipEntry[], date: Date = ZIP_EPOCH): Uint8Array {
  const seen = new Set<string>();
  for (const e of entries) {
    const k = asciiLower(e.name);
    if (seen.has(k)) throw new Error(`writeZip: duplicate entry ${e.name}`);
    seen.add(k);
  }
  const dosTime = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1);
  const dosDate = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  const enc = new TextEncoder();
  const names = entries.map((e) => enc.encode(e.name));
  let size = 22;
  entries.forEach((e, i) => (size += 30 + 46 + 2 * names[i].length + e.data.length));
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  const offsets: number[] = [];
  let p = 0;
  entries.forEach((e, i) => {
    offsets.push(p);
    v.setUint32(p, 0x04034b50, true);
    v.setUint16(p + 4, 20, true);
    v.setUint16(p + 6, 0x0800, true);
    v.setUint16(p + 8, e.method, true);
    v.setUint16(p + 10, dosTime, true);
    v.setUint16(p + 12, dosDate, true);
    v.setUint32(p + 14, e.crc, true);
    v.setUint32(p + 18, e.data.length, true);
    v.setUint32(p + 22, e.size, true);
    v.setUint16(p + 26, names[i].length, true);
    v.setUint16(p + 28, 0, true);
    out.set(names[i], p + 30);
    out.set(e.data, p + 30 + names[i].length);
    p += 30 + names[i].length + e.data.length;
  });
  const cd = p;
  entries.forEach((e, i) => {
    v.setUint32(p, 0x02014b50, true);
    v.setUint16(p + 4, 20, true);
    v.setUint16(p + 6, 20, true);
    v.setUint16(p + 8, 0x0800, true);
    v.setUint16(p + 10, e.method, true);
    v.setUint16(p + 12, dosTime, true);
    v.setUint16(p + 14, dosDate, true);
    v.setUint32(p + 16, e.crc, true);
    v.setUint32(p + 20, e.data.length, true);
    v.setUint32(p + 24, e.size, true);
    v.setUint16(p + 28, names[i].length, true);
    // extra, comment, disk, internal and external attributes: 0
    v.setUint32(p + 42, offsets[i], true);
    out.set(names[i], p + 46);
    p += 46 + names[i].length;
  });
  v.setUint32(p, 0x06054b50, true);
  v.setUint16(p + 8, entries.length, true);
  v.setUint16(p + 10, entries.length, true);
  v.setUint32(p + 12, p - cd, true);
  v.setUint32(p + 16, cd, true);
  return out;
}

/**
 * All file entries of an archive, inflated and checked (for small packages such as our own outputs).
 * Throws ZipError.
 */
export function unzip(bytes: Uint8Array, opts: ZipReadOptions = {}): { name: string; data: Uint8Array }[] {
  const zip = new ZipReader(bytes, opts);
  return zip.names().map((name) => ({ name, data: zip.read(name)! }));
}
