// The ZIP writer (templates/src/ooxml/zip.ts) and the legacy string helpers (ooxml/xml-zip.ts) still used by
// the importer's return copies.
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { xmlAttr, xmlUnescape } from '../templates/src/ooxml/xml-zip';
import { xmlEscape } from '../templates/src/ooxml/xml';
import { ZIP_EPOCH, crc32, deflatedEntry, nativeDeflatedEntry, writeZip } from '../templates/src/ooxml/zip';

describe('XML helpers', () => {
  it('escapes & < > " and drops characters XML cannot carry; unescape is its inverse', () => {
    const s = 'a&b<c>"d"\u0001\ufffe\t\n单位';
    expect(xmlEscape(s)).toBe('a&amp;b&lt;c&gt;&quot;d&quot;\t\n单位');
    expect(xmlUnescape(xmlEscape('x&y<z>"w"'))).toBe('x&y<z>"w"');
    expect(xmlUnescape('&apos;&amp;lt;')).toBe("'&lt;");
  });

  it('reads an attribute by its exact name, not a prefixed one', () => {
    const tag = '<sheet name="基本&amp;信息" sheetId="2" r:id="rId2"/>';
    expect(xmlAttr(tag, 'name')).toBe('基本&amp;信息');
    expect(xmlAttr(tag, 'r:id')).toBe('rId2');
    expect(xmlAttr(tag, 'id')).toBeNull();
    expect(xmlAttr('<c r="A1" s="3"/>', 's')).toBe('3');
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
