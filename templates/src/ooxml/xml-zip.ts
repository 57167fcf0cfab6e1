// Small XML and ZIP helpers shared by the code that writes or patches OOXML packages directly (the
// template writer, fillWorkbook, the .docx report writer, the importer's return copies).
// Pure code (no fs/path/process): it is bundled for the task pane as well.
import { deflateSync, strToU8 } from 'fflate';

// ---------------------------------------------------------------------------------------------------
// XML

/**
 * Escapes text for XML element content or a double-quoted attribute (& < > "), dropping the characters
 * XML 1.0 cannot carry at all.
 */
export function xmlEscape(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
  );
}

/** Resolves the five predefined entities (&amp; last, so "&amp;lt;" stays "&lt;"). */
export function xmlUnescape(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The raw (still escaped) value of attribute `name` in a start tag, or null when it is absent. */
export function xmlAttr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? m[1] : null;
}

// ---------------------------------------------------------------------------------------------------
// ZIP

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

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function toBytes(content: string | Uint8Array): Uint8Array {
  return typeof content === 'string' ? strToU8(content) : content;
}

/** A part deflated synchronously (fflate, level 6); always method 8. */
export function deflatedEntry(name: string, content: string | Uint8Array): ZipEntry {
  const raw = toBytes(content);
  return { name, method: 8, data: deflateSync(raw, { level: 6 }), crc: crc32(raw), size: raw.length };
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

/** 1980-01-01 00:00 UTC, the earliest DOS date: the default timestamp of every entry. */
export const ZIP_EPOCH = new Date(Date.UTC(1980, 0, 1, 0, 0, 0));

/**
 * Assembles a ZIP file from entries, in order, every entry dated `date` (UTC, fixed: the same content
 * gives the same bytes). UTF-8 names, no data descriptors, no ZIP64: OOXML parts are small.
 */
export function writeZip(entries: readonly ZipEntry[], date: Date = ZIP_EPOCH): Uint8Array {
  const dosTime = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1);
  const dosDate = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  const names = entries.map((e) => strToU8(e.name));
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
