// The ZIP writer (templates/src/ooxml/zip.ts), its reader as the importer unpacks a unit's .zip with it
// (importer/src/import/archive.ts: raw names, GBK, repeated names, caps on read), and the XML layer's text
// escaping (ooxml/xml.ts) that every writer of XML text relies on.
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { parseXml, textContent, xmlEscape } from '../templates/src/ooxml/xml';
import {
  ZIP_EPOCH,
  ZipError,
  ZipReader,
  crc32,
  deflatedEntry,
  nativeDeflatedEntry,
  writeZip,
} from '../templates/src/ooxml/zip';
import { unpackArchive } from '../importer/src/import/archive';
import { rawZip } from './helpers/zip-raw';

describe('XML escaping', () => {
  it('escapes & < > " and drops characters XML cannot carry; a parser reads the text back', () => {
    const s = 'a&b<c>"d"\u0001\ufffe\t\n单位';
    expect(xmlEscape(s)).toBe('a&amp;b&lt;c&gt;&quot;d&quot;\t\n单位');
    expect(xmlEscape('plain 单位 text')).toBe('plain 单位 text');
    const back = parseXml(`<t a="${xmlEscape('x&y<z>"w"')}">${xmlEscape("x&y<z>'w'")}</t>`).root;
    expect([back.attrs[0].value, textContent(back)]).toEqual(['x&y<z>"w"', "x&y<z>'w'"]);
  });
});

describe('ZIP writer', () => {
  it('crc32 of "123456789" is the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('writes deflated and stored entries that JSZip reads back, with the given fixed date', async () => {
    const big = '<x>' + '意识形态'.repeat(200) + '</x>';
    const stored = await nativeDeflatedEntry('empty.txt', '');
    expect(stored.method).toBe(0);
    const native = await nativeDeflatedEntry('xl/a.xml', big);
    expect(native.method).toBe(8);
    const entries = [deflatedEntry('[Content_Types].xml', '<Types/>'), native, stored];
    const date = new Date(Date.UTC(2024, 0, 1, 0, 0, 0));
    const bytes = writeZip(entries, date);
    expect(writeZip(entries, date)).toEqual(bytes);
    const zip = await JSZip.loadAsync(bytes);
    expect(Object.keys(zip.files)).toEqual(['[Content_Types].xml', 'xl/a.xml', 'empty.txt']);
    expect(await zip.file('xl/a.xml')!.async('string')).toBe(big);
    expect(await zip.file('[Content_Types].xml')!.async('string')).toBe('<Types/>');
    expect(await zip.file('empty.txt')!.async('string')).toBe('');
    // DOS date of 2024-01-01 at offset 12 of the first local header; 1980-01-01 by default.
    const dosDate = (b: Uint8Array) => b[12] | (b[13] << 8);
    expect(dosDate(bytes)).toBe(((2024 - 1980) << 9) | (1 << 5) | 1);
    expect(dosDate(writeZip(entries))).toBe((1 << 5) | 1);
    expect(ZIP_EPOCH.toISOString()).toBe('1980-01-01T00:00:00.000Z');
  });
});

describe('ZIP reader for archives (a unit’s .zip submission)', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  const gbk = (hex: string) => new Uint8Array(Buffer.from(hex, 'hex'));
  const archive = () =>
    rawZip([
      { name: gbk('cad0b8bec1aa2e786c7378'), data: bytes('GBK'), deflate: true }, // 市妇联.xlsx in GBK, no flag
      { name: gbk('cad0cec4c1aa2e786c7378'), data: bytes('GBK 2') }, // 市文联.xlsx: same length, other bytes
      { name: 'a.xlsx', data: bytes('first'), deflate: true },
      { name: 'a.xlsx', data: bytes('second') },
      { name: 'big.pdf', data: new Uint8Array(10), declaredSize: 500 },
    ]);

  it('keeps raw name bytes and the UTF-8 flag; names that are not UTF-8 stay distinct', () => {
    const zip = new ZipReader(archive(), { allowDuplicates: true, checkDeclaredSizes: false });
    const [a, b, c] = zip.entries;
    expect([a.utf8, c.utf8]).toEqual([false, true]);
    expect(Buffer.from(a.rawName).toString('hex')).toBe('cad0b8bec1aa2e786c7378');
    expect(a.name).not.toBe(b.name);
    expect(new TextDecoder('gbk').decode(a.rawName)).toBe('市妇联.xlsx');
  });

  it('refuses duplicate names for packages, keeps them for archives (the first is read by name)', () => {
    expect(() => new ZipReader(archive(), { checkDeclaredSizes: false })).toThrow(ZipError);
    const zip = new ZipReader(archive(), {
      allowDuplicates: true,
      maxPartBytes: 100,
      checkDeclaredSizes: false,
    });
    expect(new TextDecoder().decode(zip.read('a.xlsx'))).toBe('first');
    expect(new TextDecoder().decode(zip.readEntry(zip.entries[3]))).toBe('second');
    // the cap applies when an entry is read, not to the directory
    expect(() => zip.readEntry(zip.entries[4])).toThrow(ZipError);
    expect(() => new ZipReader(archive(), { allowDuplicates: true, maxPartBytes: 100 })).toThrow(ZipError);
  });

  it('unpackArchive: GBK names decoded, a repeated name reported, lying and oversized entries refused', () => {
    const limits = { maxEntries: 10, maxEntryBytes: 1000, maxTotalBytes: 2000 };
    const u = unpackArchive(archive(), (n) => n.endsWith('.xlsx'), limits);
    if (!('entries' in u)) throw new Error('not unpacked');
    expect(u.entries.map((e) => [e.name, e.nameDecoded, e.duplicate ?? false])).toEqual([
      ['市妇联.xlsx', true, false],
      ['市文联.xlsx', true, false],
      ['a.xlsx', true, false],
      ['a.xlsx', true, true],
      ['big.pdf', true, false],
    ]);
    const text = (d: Uint8Array | null | undefined) => (d ? new TextDecoder().decode(d) : d);
    expect(u.entries.map((e) => text(e.data))).toEqual(['GBK', 'GBK 2', 'first', undefined, undefined]);
    // a wanted entry whose declared size passes the cap: the archive is refused before inflating
    expect(unpackArchive(archive(), () => true, { ...limits, maxEntryBytes: 100 })).toEqual({
      problem: 'tooLarge',
      max: 100,
    });
    expect(unpackArchive(archive(), () => true, { ...limits, maxEntries: 4 })).toEqual({
      problem: 'tooMany',
      max: 4,
    });
    expect(unpackArchive(bytes('PK\u0003\u0004 not a zip'), () => true, limits)).toEqual({
      problem: 'corrupt',
    });
    // an entry lying about its size (1 MB declared as 10 bytes) comes out as null (reported as damaged)
    const liar = rawZip([{ name: 'b.xlsx', data: new Uint8Array(1 << 20), deflate: true, declaredSize: 10 }]);
    const l = unpackArchive(liar, () => true, limits);
    expect('entries' in l && l.entries[0].data).toBeNull();
  });
});
