// The XML layer (templates/src/ooxml/xml.ts) and the zip reader (templates/src/ooxml/zip.ts): parsing with
// namespaces, CDATA, refused DOCTYPE/entities, limits, patching helpers and serialization; the reader's
// directory checks, caps, CRC and duplicate refusal, with fflate and with Node's zlib.
import { deflateRawSync } from 'node:zlib';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import {
  NS,
  WORKSHEET_ORDER,
  XmlError,
  appendChild,
  childElements,
  createElement,
  decodeXmlBytes,
  descendants,
  findPath,
  getAttr,
  insertChild,
  parseXml,
  removeAttr,
  saxAttr,
  saxXml,
  serializeXml,
  setAttr,
  setText,
  textContent,
} from '../templates/src/ooxml/xml';
import {
  ZipError,
  ZipReader,
  crc32,
  deflatedEntry,
  storedEntry,
  unzip,
  writeZip,
} from '../templates/src/ooxml/zip';
import { zlibInflateRaw } from '../importer/src/worker';

const STRICT_MAIN = 'http://purl.oclc.org/ooxml/spreadsheetml/main';

describe('parseXml', () => {
  it('resolves namespaces: default, prefixed, declared on inner elements, Strict mapped to transitional', () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<x:worksheet xmlns:x="${NS.main}"><x:sheetData><row xmlns="${STRICT_MAIN}" r="1"/></x:sheetData>` +
      `<x:hyperlinks><x:hyperlink xmlns:r="${NS.r}" ref="A1" r:id="rId1"/></x:hyperlinks></x:worksheet>`;
    const doc = parseXml(xml);
    expect(doc.decl).toEqual({ version: '1.0', standalone: 'yes' });
    expect([doc.root.local, doc.root.ns, doc.root.name]).toEqual(['worksheet', NS.main, 'x:worksheet']);
    const row = findPath(doc.root, NS.main, 'sheetData', 'row')!;
    expect([row.name, row.ns, getAttr(row, 'r')]).toEqual(['row', NS.main, '1']);
    const link = descendants(doc.root, NS.main, 'hyperlink')[0];
    expect(getAttr(link, 'id', NS.r)).toBe('rId1');
    expect(getAttr(link, 'id')).toBeUndefined();
  });

  it('reads CDATA, entities and character references; normalises line ends', () => {
    const doc = parseXml('<a><t><![CDATA[市<文化>局]]></t><t>&amp;&lt;&#x4E2D;&#22269;\r\nx</t></a>');
    const [t1, t2] = childElements(doc.root);
    expect(textContent(t1)).toBe('市<文化>局');
    expect(textContent(t2)).toBe('&<中国\nx');
  });

  it('refuses DOCTYPE (and so entity declarations) and undefined entities', () => {
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><a>&lol2;</a>';
    expect(() => parseXml(bomb)).toThrow(expect.objectContaining({ code: 'doctype' }));
    expect(() => parseXml('<a>&nbsp;</a>')).toThrow(XmlError);
    expect(() => parseXml('<a>&nbsp;</a>')).toThrow(expect.objectContaining({ code: 'malformed' }));
  });

  it('refuses XML that is not well-formed', () => {
    for (const bad of ['<a><b></a>', '<a r=1/>', '<a/><b/>', '', '<x:a/>', '<a>\u0001</a>'])
      expect(() => parseXml(bad), bad).toThrow(expect.objectContaining({ code: 'malformed' }));
  });

  it('stops at the element count and the nesting depth', () => {
    const many = `<a>${'<b/>'.repeat(1001)}</a>`;
    expect(() => parseXml(many, { maxElements: 1000 })).toThrow(
      expect.objectContaining({ code: 'tooManyElements', limit: 1000 }),
    );
    expect(parseXml(many, { maxElements: 1002 }).root.children).toHaveLength(1001);
    const deep = '<a>'.repeat(200) + '</a>'.repeat(200);
    expect(() => parseXml(deep)).toThrow(expect.objectContaining({ code: 'tooDeep', limit: 128 }));
    expect(() => saxXml(deep, {})).toThrow(expect.objectContaining({ code: 'tooDeep' }));
  });

  it('decodes bytes: UTF-8 with or without BOM, UTF-16 with BOM, a declared GBK encoding', () => {
    const s = '<a>单位</a>';
    const utf8 = new TextEncoder().encode(s);
    expect(decodeXmlBytes(utf8)).toBe(s);
    expect(decodeXmlBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toBe(s);
    const u16 = new Uint8Array(2 + s.length * 2);
    u16.set([0xff, 0xfe]);
    for (let i = 0; i < s.length; i++) {
      u16[2 + i * 2] = s.charCodeAt(i) & 0xff;
      u16[3 + i * 2] = s.charCodeAt(i) >> 8;
    }
    expect(decodeXmlBytes(u16)).toBe(s);
    const gbk = new Uint8Array([
      ...new TextEncoder().encode('<?xml version="1.0" encoding="GBK"?><a>'),
      0xb5,
      0xa5,
      0xce,
      0xbb,
      ...new TextEncoder().encode('</a>'),
    ]);
    expect(textContent(parseXml(decodeXmlBytes(gbk)).root)).toBe('单位');
  });
});

describe('saxXml', () => {
  it('streams open/close/text with depth, namespaces and attribute lookup', () => {
    const events: string[] = [];
    saxXml(
      `<w:worksheet xmlns:w="${STRICT_MAIN}" xmlns:r="${NS.r}"><w:c r="B2" r:id="x"><w:v>1</w:v><w:is><w:t><![CDATA[a<b]]></w:t></w:is></w:c></w:worksheet>`,
      {
        open: (t, d) =>
          events.push(
            `open ${t.local}@${d} ${t.ns === NS.main} ${saxAttr(t, 'r') ?? ''}${saxAttr(t, 'id', NS.r) ?? ''}`,
          ),
        close: (t, d) => events.push(`close ${t.local}@${d}`),
        text: (s, d) => events.push(`text ${s}@${d}`),
      },
    );
    expect(events).toEqual([
      'open worksheet@1 true ',
      'open c@2 true B2x',
      'open v@3 true ',
      'text 1@3',
      'close v@3',
      'open is@3 true ',
      'open t@4 true ',
      'text a<b@4',
      'close t@4',
      'close is@3',
      'close c@2',
      'close worksheet@1',
    ]);
  });

  it('reads 100,000 self-closing <si x="1"/> (linear: time printed, not asserted)', () => {
    const xml = `<sst xmlns="${NS.main}">${'<si x="1"/>'.repeat(100_000)}</sst>`;
    let n = 0;
    const t0 = performance.now();
    saxXml(xml, { open: () => n++ });
    expect(n).toBe(100_001);
    // (Printed, not asserted: the regex reader took ~50 s here, past the suite's per-test timeout.)
    console.log(`[measure] 100,000 self-closing elements: ${(performance.now() - t0).toFixed(0)} ms`);
  });
});

describe('patching and serialization', () => {
  // openpyxl declares namespaces on elements, not on the root
  const openpyxlSheet =
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetPr><outlinePr summaryBelow="1"/></sheetPr>' +
    '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>单位&amp;名称</t></is></c></row></sheetData>' +
    '<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/>' +
    '<legacyDrawing xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="anysvml"/></worksheet>';

  it('round-trips a document unchanged (text, attributes, CDATA); comments and PIs are skipped', () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<a xmlns="urn:x" b="1&amp;&quot;&#10;"><![CDATA[x]]>t&lt;<e/></a>';
    expect(serializeXml(parseXml(xml))).toBe(xml);
    expect(serializeXml(parseXml('<!--c--><a><?pi x?>1<!--d-->2</a>'))).toBe('<a>12</a>');
    expect(serializeXml(parseXml(openpyxlSheet))).toBe(openpyxlSheet);
  });

  it('inserts children in schema order, reusing the prefix in scope or declaring the namespace', () => {
    const doc = parseXml(openpyxlSheet);
    const ws = doc.root;
    const merge = createElement(ws, NS.main, 'mergeCells', { count: 1 });
    appendChild(merge, createElement(merge, NS.main, 'mergeCell', { ref: 'A1:B1' }));
    insertChild(ws, merge, WORKSHEET_ORDER);
    const prot = createElement(ws, NS.main, 'sheetProtection', { sheet: 1 });
    insertChild(ws, prot, WORKSHEET_ORDER);
    expect(childElements(ws).map((e) => e.local)).toEqual([
      'sheetPr',
      'sheetData',
      'sheetProtection',
      'mergeCells',
      'pageMargins',
      'legacyDrawing',
    ]);
    // r:id on an element whose ancestors do not declare r: a declaration is added on that element
    const sheetPr = findPath(ws, NS.main, 'sheetPr')!;
    setAttr(sheetPr, 'id', 'rId9', NS.r);
    setAttr(sheetPr, 'codeName', 'S&"1"');
    removeAttr(findPath(ws, NS.main, 'legacyDrawing')!, 'id', NS.r);
    const out = serializeXml(doc);
    expect(out).toContain('<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>');
    expect(out).toContain(
      `<sheetPr xmlns:r="${NS.r}" r:id="rId9" codeName="S&amp;&quot;1&quot;"><outlinePr summaryBelow="1"/></sheetPr>`,
    );
    expect(out).toContain(`<legacyDrawing xmlns:r="${NS.r}"/>`);
    const again = parseXml(out);
    expect(getAttr(findPath(again.root, NS.main, 'sheetPr')!, 'id', NS.r)).toBe('rId9');
  });

  it('new elements under a prefixed Strict root take its prefix; under a foreign default they declare theirs', () => {
    const strict = parseXml(`<x:worksheet xmlns:x="${STRICT_MAIN}"><x:sheetData/></x:worksheet>`);
    const el = createElement(strict.root, NS.main, 'mergeCells');
    insertChild(strict.root, el, WORKSHEET_ORDER);
    expect(serializeXml(strict)).toBe(
      `<x:worksheet xmlns:x="${STRICT_MAIN}"><x:sheetData/><x:mergeCells/></x:worksheet>`,
    );
    const foreign = parseXml('<o xmlns="urn:other"/>');
    const c = createElement(foreign.root, NS.main, 'c');
    setText(c, 'v&');
    appendChild(foreign.root, c);
    expect(serializeXml(foreign)).toBe(`<o xmlns="urn:other"><c xmlns="${NS.main}">v&amp;</c></o>`);
    expect(parseXml(serializeXml(foreign)).root.children[0]).toMatchObject({ ns: NS.main, local: 'c' });
  });

  it('serialized text keeps \\r and attribute line breaks', () => {
    const doc = parseXml('<a/>');
    setAttr(doc.root, 'v', 'x\ty\nz');
    setText(doc.root, 'a\rb');
    const back = parseXml(serializeXml(doc));
    expect(getAttr(back.root, 'v')).toBe('x\ty\nz');
    expect(textContent(back.root)).toBe('a\rb');
  });
});

// ---------------------------------------------------------------------------------------------------

const enc = (s: string) => new TextEncoder().encode(s);

/** Rewrites every local-header and directory field at `field` offset (22/24 = size) where pred matches. */
function patchDirectory(
  bytes: Uint8Array,
  set: (sig: 'local' | 'central', view: DataView, at: number) => void,
) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i + 30 < bytes.length; i++) {
    const sig = view.getUint32(i, true);
    if (sig === 0x04034b50) set('local', view, i);
    else if (sig === 0x02014b50) set('central', view, i);
  }
}

describe('ZipReader', () => {
  const inflaters = [
    ['fflate', undefined],
    ['zlib', zlibInflateRaw],
  ] as const;

  it.each(inflaters)('reads what JSZip and our writer write (%s)', async (_n, inflateRaw) => {
    const zip = new JSZip();
    zip.file('xl/workbook.xml', '<workbook/>');
    zip.file('xl/worksheets/sheet1.xml', '单位'.repeat(5000));
    zip.folder('empty');
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    const r = new ZipReader(bytes, { inflateRaw });
    expect(r.names()).toEqual(['xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
    expect(new TextDecoder().decode(r.read('xl/worksheets/sheet1.xml'))).toBe('单位'.repeat(5000));
    expect(new TextDecoder().decode(r.read('XL/Workbook.xml'))).toBe('<workbook/>');
    expect(r.read('nope')).toBeUndefined();
    const ours = writeZip([storedEntry('a', 'x'), deflatedEntry('b', 'y'.repeat(1000))]);
    expect(unzip(ours, { inflateRaw }).map((e) => [e.name, e.data.length])).toEqual([
      ['a', 1],
      ['b', 1000],
    ]);
  });

  it('refuses a CRC mismatch', () => {
    const bytes = writeZip([storedEntry('a.xml', '<a>1</a>')]);
    bytes[30 + 5 + 3] = '2'.charCodeAt(0); // the stored content
    expect(() => new ZipReader(bytes).read('a.xml')).toThrow(expect.objectContaining({ code: 'corrupt' }));
  });

  it('refuses duplicate entries (also differing only in case)', () => {
    /** An archive with entries `a` and `b` written under different names, then renamed in place. */
    const withNames = (a: string, b: string) => {
      const placeholder = 'Q'.repeat(b.length);
      const bytes = writeZip([storedEntry(a, '<a/>'), storedEntry(placeholder, '<b/>')]);
      const text = new TextDecoder('latin1').decode(bytes);
      for (let i = text.indexOf(placeholder); i >= 0; i = text.indexOf(placeholder, i + 1))
        bytes.set(enc(b), i);
      return bytes;
    };
    expect(new ZipReader(withNames('xl/a.xml', 'xl/b.xml')).names()).toEqual(['xl/a.xml', 'xl/b.xml']);
    for (const [a, b] of [
      ['xl/workbook.xml', 'xl/workbook.xml'],
      ['xl/sharedStrings.xml', 'XL/SharedStrings.xml'],
    ])
      expect(() => new ZipReader(withNames(a, b))).toThrow(
        expect.objectContaining({ code: 'duplicate', detail: b }),
      );
    expect(() => writeZip([storedEntry('a', ''), storedEntry('A', '')])).toThrow(/duplicate/);
  });

  it('limits the entry count from the directory, before reading entries', () => {
    const bytes = writeZip(Array.from({ length: 30 }, (_, i) => storedEntry(`f${i}`, '')));
    expect(() => new ZipReader(bytes, { maxEntries: 29 })).toThrow(
      expect.objectContaining({ code: 'tooManyEntries', detail: 29 }),
    );
    expect(new ZipReader(bytes, { maxEntries: 30 }).names()).toHaveLength(30);
  });

  it.each(inflaters)('caps declared and actual inflated sizes, part and total (%s)', (_n, inflateRaw) => {
    const big = 'a'.repeat(3 * 1024 * 1024);
    const bytes = writeZip([deflatedEntry('a', big), deflatedEntry('b', big)]);
    expect(() => new ZipReader(bytes, { maxPartBytes: 1024 * 1024, inflateRaw })).toThrow(
      expect.objectContaining({ code: 'tooLarge', detail: 1024 * 1024 }),
    );
    expect(() => new ZipReader(bytes, { maxTotalBytes: 5 * 1024 * 1024, inflateRaw })).toThrow(
      expect.objectContaining({ code: 'tooLarge', detail: 5 * 1024 * 1024 }),
    );
    // a directory that lies about the sizes: stopped while inflating
    const lying = bytes.slice();
    patchDirectory(lying, (sig, v, i) => v.setUint32(i + (sig === 'local' ? 22 : 24), 10, true));
    expect(() => new ZipReader(lying, { maxPartBytes: 1024 * 1024, inflateRaw }).read('a')).toThrow(
      expect.objectContaining({ code: 'tooLarge' }),
    );
    // …merely wrong (under the cap): damaged
    const wrong = writeZip([deflatedEntry('a', 'b'.repeat(5000))]);
    patchDirectory(wrong, (sig, v, i) => v.setUint32(i + (sig === 'local' ? 22 : 24), 4000, true));
    expect(() => new ZipReader(wrong, { inflateRaw }).read('a')).toThrow(
      expect.objectContaining({ code: 'corrupt' }),
    );
    // the total budget counts what was read
    const two = writeZip([deflatedEntry('a', 'x'.repeat(3000)), deflatedEntry('b', 'x'.repeat(3000))]);
    const r = new ZipReader(two, { maxTotalBytes: 6000, inflateRaw });
    r.read('a');
    r.read('b');
    expect(() => r.read('a')).toThrow(expect.objectContaining({ code: 'tooLarge', detail: 6000 }));
  });

  it('a lying bomb (1 GB of zeros declared as 10 bytes) is refused by the pure-JS inflater', () => {
    const raw = deflateRawSync(new Uint8Array(256 * 1024 * 1024), { level: 9 });
    const bytes = writeZip([{ name: 'a', method: 8, data: raw, crc: 0, size: 10 }]);
    const t0 = performance.now();
    expect(() => new ZipReader(bytes).read('a')).toThrow(expect.objectContaining({ code: 'tooLarge' }));
    // (Printed, not asserted: inflating the whole bomb would run past the suite's per-test timeout.)
    console.log(`[measure] lying zip bomb refused in ${(performance.now() - t0).toFixed(0)} ms`);
  });

  it('names what it does not read: encrypted entries, other compression methods; damaged archives', () => {
    const enc1 = writeZip([storedEntry('a', 'x')]);
    patchDirectory(enc1, (sig, v, i) => v.setUint16(i + (sig === 'local' ? 6 : 8), 0x0801, true));
    expect(() => new ZipReader(enc1).read('a')).toThrow(
      expect.objectContaining({ code: 'unsupported', detail: 'encrypted' }),
    );
    const bz = writeZip([storedEntry('a', 'x')]);
    patchDirectory(bz, (sig, v, i) => v.setUint16(i + (sig === 'local' ? 8 : 10), 12, true));
    expect(() => new ZipReader(bz).read('a')).toThrow(
      expect.objectContaining({ code: 'unsupported', detail: 'method 12' }),
    );
    const ok = writeZip([deflatedEntry('a', 'x'.repeat(100))]);
    expect(() => new ZipReader(ok.subarray(0, ok.length - 30))).toThrow(ZipError);
    expect(() => new ZipReader(enc('PK\u0003\u0004 not really'))).toThrow(
      expect.objectContaining({ code: 'corrupt' }),
    );
    expect(crc32(enc('123456789'))).toBe(0xcbf43926);
  });
});
