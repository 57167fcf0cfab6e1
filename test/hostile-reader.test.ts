// Hostile and unusual workbooks, all built here (no binaries committed): silent wrong dates (1904 date
// system in both spellings, t="d" ISO cells, Strict OOXML), CDATA, shared strings and merges that used to
// hang, zips with too many entries, duplicate or damaged entries, XML bombs, formats we do not read. Each
// must end in the right value or one exact Chinese 错误, within a few seconds and a bounded amount of
// memory, and an import batch containing them all must go on to read the good workbook behind them.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkWorkbookBytes } from '../templates/src/check/check-bytes';
import { MESSAGES } from '../templates/src/standard/messages';
import { definition } from '../templates/src/standard/ideology';
import type { CheckResult } from '../templates/src/standard/schema';
import { fillWorkbook } from '../templates/src/template/fill';
import {
  NS,
  WORKSHEET_ORDER,
  appendChild,
  childElement,
  createElement,
  decodeXmlBytes,
  descendants,
  findPath,
  getAttr,
  insertChild,
  parseXml,
  removeAttr,
  serializeXml,
  setAttr,
  setText,
  textContent,
  type XmlDocument,
  type XmlElement,
} from '../templates/src/ooxml/xml';
import { storedEntry, unzip, writeZip, deflatedEntry } from '../templates/src/ooxml/zip';
import { readDateStyles } from '../templates/src/xlsx/reader';
import { workbookBytesToGrid } from '../templates/src/xlsx/read';
import type { CellValue } from '../templates/src/xlsx/grid';
import { zlibInflateRaw } from '../importer/src/worker';
import { runImport } from '../importer/src/folder/run-import';
import { buildXlsx } from './helpers/ooxml-build';
import { sampleFillInput } from './helpers/sample-fill';
import { has, openpyxlPython, sofficeConvert, tempDir, trackingIn } from './helpers/tools';
import { privateBuild } from './import-build';

const M = Object.fromEntries(Object.entries(MESSAGES).map(([k, v]) => [k, v.template])) as Record<
  keyof typeof MESSAGES,
  string
>;
const AS_OF = '2023-10-15';
const TIMEOUT = 60_000;

// ---------------------------------------------------------------------------------------------------
// Package surgery with our own layers

type Parts = Map<string, Uint8Array>;

function partsOf(bytes: Uint8Array): Parts {
  return new Map(unzip(bytes).map((p) => [p.name, p.data]));
}
function pack(parts: Parts): Uint8Array {
  return writeZip([...parts].map(([n, d]) => deflatedEntry(n, d)));
}
function xmlOf(parts: Parts, name: string): XmlDocument {
  return parseXml(decodeXmlBytes(parts.get(name)!));
}
function put(parts: Parts, name: string, doc: XmlDocument | string): void {
  parts.set(name, new TextEncoder().encode(typeof doc === 'string' ? doc : serializeXml(doc)));
}
const sheetNames = (parts: Parts) => [...parts.keys()].filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n));

/** Every numeric cell in a date style: rewritten by `f` (the 1904 shift, or an ISO t="d" value). */
function rewriteDateCells(parts: Parts, f: (c: XmlElement, v: XmlElement, serial: number) => void): number {
  const dateStyles = readDateStyles(decodeXmlBytes(parts.get('xl/styles.xml')!), {});
  let n = 0;
  for (const name of sheetNames(parts)) {
    const doc = xmlOf(parts, name);
    for (const c of descendants(doc.root, NS.main, 'c')) {
      const v = childElement(c, NS.main, 'v');
      const s = Number(getAttr(c, 's') ?? 0);
      if (!v || getAttr(c, 't') || childElement(c, NS.main, 'f') || !dateStyles[s]) continue;
      f(c, v, Number(textContent(v)));
      n++;
    }
    put(parts, name, doc);
  }
  return n;
}

function serialToIso(serial: number): string {
  return new Date(Date.UTC(1899, 11, 30) + Math.round(serial * 86_400_000)).toISOString().slice(0, 19);
}

/** The package in Strict OOXML namespaces and relationship types (as Excel's "Strict Open XML" save). */
function toStrict(parts: Parts): void {
  const map: Record<string, string> = {
    [NS.main]: 'http://purl.oclc.org/ooxml/spreadsheetml/main',
    [NS.r]: 'http://purl.oclc.org/ooxml/officeDocument/relationships',
  };
  for (const name of [...parts.keys()].filter((n) => /\.(xml|rels)$/.test(n))) {
    const doc = xmlOf(parts, name);
    const stack = [doc.root];
    while (stack.length) {
      const el = stack.pop()!;
      for (const a of el.attrs) {
        if ((a.name === 'xmlns' || a.name.startsWith('xmlns:')) && map[a.value]) a.value = map[a.value];
        if (a.name === 'Type' && a.value.startsWith(`${NS.r}/`))
          a.value = a.value.replace(NS.r, 'http://purl.oclc.org/ooxml/officeDocument/relationships');
      }
      for (const c of el.children) if (c.type === 'element') stack.push(c);
    }
    if (name === 'xl/workbook.xml') setAttr(doc.root, 'conformance', 'strict');
    put(parts, name, doc);
  }
}

// ---------------------------------------------------------------------------------------------------

const fillInput = sampleFillInput;

let good: Uint8Array;
let baseline: CheckResult;

/**
 * Checks with a loose bound on memory (500 MB): a blow-up fails. A hang fails by the test's timeout; no time
 * is asserted (speed is measured in `npm run bench`, not here, where a busy machine would fail it).
 */
async function checkBounded(bytes: Uint8Array, native = false): Promise<CheckResult> {
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    return await checkWorkbookBytes(bytes, definition, {
      asOf: AS_OF,
      ...(native ? { inflateRaw: zlibInflateRaw } : {}),
    });
  } finally {
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(peak - rss0).toBeLessThan(500 * 1024 * 1024);
  }
}

const fileError = (rule: string, message: string, value: string | null = null) => ({
  submission: null,
  issues: [{ severity: 'error', rule, sheet: null, cell: null, field: null, value, message }],
});

beforeAll(async () => {
  good = await fillWorkbook(fillInput(), definition);
  baseline = await checkWorkbookBytes(good, definition, { asOf: AS_OF });
  expect(baseline.submission).not.toBeNull();
}, TIMEOUT);

// ---------------------------------------------------------------------------------------------------

describe('dates are never silently wrong', () => {
  it.each([['true'], ['1']])(
    'date1904="%s" (LibreOffice writes "true"): 填报日期 and 整改时限 read as written',
    async (spelling) => {
      const parts = partsOf(good);
      const wb = xmlOf(parts, 'xl/workbook.xml');
      let pr = findPath(wb.root, NS.main, 'workbookPr');
      if (!pr) {
        pr = createElement(wb.root, NS.main, 'workbookPr');
        insertChild(wb.root, pr, ['fileVersion', 'fileSharing', 'workbookPr', 'sheets']);
      }
      setAttr(pr, 'date1904', spelling);
      put(parts, 'xl/workbook.xml', wb);
      const n = rewriteDateCells(parts, (_c, v, serial) => setText(v, String(serial - 1462)));
      expect(n).toBeGreaterThan(2); // 填报日期 and the risks' 整改时限
      const r = await checkBounded(pack(parts));
      expect(r).toEqual(baseline);
      expect(r.submission!.fillDate).toBe(baseline.submission!.fillDate);
    },
    TIMEOUT,
  );

  it('t="d" ISO 8601 cells (Excel\'s ISO save) read as dates, not as 1905', async () => {
    const parts = partsOf(good);
    rewriteDateCells(parts, (c, v, serial) => {
      setAttr(c, 't', 'd');
      setText(v, serialToIso(serial));
    });
    expect(await checkBounded(pack(parts))).toEqual(baseline);
  });

  it('Strict OOXML (purl.oclc.org namespaces and relationship types, t="d" dates) reads the same', async () => {
    const parts = partsOf(good);
    rewriteDateCells(parts, (c, v, serial) => {
      setAttr(c, 't', 'd');
      setText(v, serialToIso(serial));
    });
    toStrict(parts);
    const bytes = pack(parts);
    expect(decodeXmlBytes(partsOf(bytes).get('xl/workbook.xml')!)).toContain('purl.oclc.org');
    expect(await checkBounded(bytes)).toEqual(baseline);
  });
});

describe('text the old reader lost', () => {
  it('a CDATA unit name is read, not empty', async () => {
    const parts = partsOf(good);
    const name = baseline.submission!.unit.name;
    let done = 0;
    for (const sheet of sheetNames(parts)) {
      const doc = xmlOf(parts, sheet);
      for (const t of descendants(doc.root, NS.main, 't'))
        if (textContent(t) === name) {
          t.children = [{ type: 'text', text: name, cdata: true }];
          removeAttr(t, 'space', NS.xml);
          done++;
        }
      put(parts, sheet, doc);
    }
    if (parts.has('xl/sharedStrings.xml')) {
      const sst = xmlOf(parts, 'xl/sharedStrings.xml');
      for (const t of descendants(sst.root, NS.main, 't'))
        if (textContent(t) === name) {
          t.children = [{ type: 'text', text: name, cdata: true }];
          done++;
        }
      put(parts, 'xl/sharedStrings.xml', sst);
    }
    expect(done).toBeGreaterThan(0);
    const bytes = pack(parts);
    expect(
      new TextDecoder().decode(
        unzip(bytes)
          .map((p) => p.data)
          .reduce((a, b) => new Uint8Array([...a, ...b])),
      ),
    ).toContain(`<![CDATA[${name}]]>`);
    const r = await checkBounded(bytes);
    expect(r.submission!.unit.name).toBe(name);
    expect(r).toEqual(baseline);
  });

  it('prefixed element names (x:row, x:c) are read', async () => {
    const parts = partsOf(good);
    for (const sheet of sheetNames(parts)) {
      const doc = xmlOf(parts, sheet);
      const stack = [doc.root];
      while (stack.length) {
        const el = stack.pop()!;
        if (el.ns === NS.main) el.name = `x:${el.local}`;
        el.attrs = el.attrs.map((a) => (a.name === 'xmlns' ? { name: 'xmlns:x', value: a.value } : a));
        for (const c of el.children) if (c.type === 'element') stack.push(c);
      }
      put(parts, sheet, doc);
    }
    expect(await checkBounded(pack(parts))).toEqual(baseline);
  });
});

describe('no hang, no blow-up', () => {
  it(
    '100,000 self-closing <si x="1"/> in the shared strings: read in linear time',
    async () => {
      const base = buildXlsx({
        sheets: { 表: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>100001</v></c></row>' },
        sharedStrings: `<sst xmlns="${NS.main}"><si><t>第一</t></si>${'<si x="1"/>'.repeat(100_000)}<si><t>最后</t></si></sst>`,
      });
      expect(base.length).toBeLessThan(200 * 1024);
      const g = await workbookBytesToGrid(base, { def: definition });
      expect('grid' in g && g.grid.sheets[0].rows).toEqual([['第一', '最后']]);
      // and inside a real return: same result as without them
      const parts = partsOf(good);
      if (parts.has('xl/sharedStrings.xml')) {
        const sst = xmlOf(parts, 'xl/sharedStrings.xml');
        for (let i = 0; i < 100_000; i++)
          appendChild(sst.root, createElement(sst.root, NS.main, 'si', { x: 1 }));
        put(parts, 'xl/sharedStrings.xml', sst);
      }
      expect(await checkBounded(pack(parts))).toEqual(baseline);
    },
    TIMEOUT,
  );

  it(
    '150,000 <mergeCell> ranges: read in linear time, masters kept',
    async () => {
      const parts = partsOf(good);
      const sheet = sheetNames(parts).at(-1)!;
      const doc = xmlOf(parts, sheet);
      let merges = findPath(doc.root, NS.main, 'mergeCells');
      if (!merges) {
        merges = createElement(doc.root, NS.main, 'mergeCells');
        insertChild(doc.root, merges, WORKSHEET_ORDER);
      }
      for (let r = 2000; r < 152_000; r++)
        appendChild(merges, createElement(merges, NS.main, 'mergeCell', { ref: `A${r}:B${r}` }));
      put(parts, sheet, doc);
      expect(await checkBounded(pack(parts))).toEqual(baseline);

      const rows = Array.from(
        { length: 3000 },
        (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c><c r="B${i + 1}"><v>1</v></c></row>`,
      ).join('');
      const mergeXml = Array.from(
        { length: 150_000 },
        (_, i) => `<mergeCell ref="A${i + 1}:B${i + 1}"/>`,
      ).join('');
      const bytes = buildXlsx({
        sheets: {
          表: `<worksheet xmlns="${NS.main}"><sheetData>${rows}</sheetData><mergeCells count="150000">${mergeXml}</mergeCells></worksheet>`,
        },
      });
      const t0 = performance.now();
      const g = await workbookBytesToGrid(bytes, { def: definition });
      console.log(`[measure] 150,000 merged ranges read in ${(performance.now() - t0).toFixed(0)} ms`);
      if (!('grid' in g)) throw new Error(g.issue.message);
      expect(g.grid.sheets[0].rows.length).toBe(3000);
      expect(g.grid.sheets[0].rows.every((row, i) => row.length === 1 && row[0] === i)).toBe(true);
    },
    TIMEOUT,
  );

  it(
    'a 15 MB zip of 150,000 tiny entries: one 错误, nothing inflated',
    async () => {
      const entries = [...partsOf(good)].map(([n, d]) => deflatedEntry(n, d));
      for (let i = 0; i < 150_000; i++) entries.push(storedEntry(`x/${i}.xml`, ''));
      const bytes = writeZip(entries);
      for (const native of [false, true])
        expect(await checkBounded(bytes, native)).toEqual(
          fileError(
            'file.tooManyParts',
            '文件内含的部件过多（超过10000个），可能不是正常的填报表，已拒绝读取。',
          ),
        );
    },
    TIMEOUT,
  );

  it('an entity bomb (DOCTYPE with nested entities) is refused, not expanded', async () => {
    const ents = Array.from({ length: 10 }, (_, i) =>
      i === 0 ? '<!ENTITY e0 "lollollollol">' : `<!ENTITY e${i} "${`&e${i - 1};`.repeat(10)}">`,
    ).join('');
    const bytes = buildXlsx({
      sheets: {
        表: `<?xml version="1.0"?><!DOCTYPE worksheet [${ents}]><worksheet xmlns="${NS.main}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&e9;</t></is></c></row></sheetData></worksheet>`,
      },
    });
    expect(await checkBounded(bytes)).toEqual(
      fileError(
        'file.unsupported',
        '文件使用了本系统不支持的XML文档类型声明（DOCTYPE/实体定义），无法读取。请在Excel或WPS中打开，另存为“Excel工作簿（*.xlsx）”后重新报送。',
      ),
    );
  });

  it(
    'nesting 100,000 deep and 2 million elements: one 错误 each',
    async () => {
      const deep = buildXlsx({
        sheets: {
          表: `<worksheet xmlns="${NS.main}">${'<x>'.repeat(100_000)}${'</x>'.repeat(100_000)}<sheetData/></worksheet>`,
        },
      });
      expect(await checkBounded(deep)).toEqual(
        fileError(
          'file.tooComplex',
          '文件内容过于复杂（XML嵌套层数超过128），可能不是正常的填报表，已拒绝读取。',
        ),
      );
      const many = buildXlsx({
        sheets: {
          表: `<worksheet xmlns="${NS.main}"><sheetData/><extLst>${'<x/>'.repeat(2_000_001)}</extLst></worksheet>`,
        },
      });
      expect(many.length).toBeLessThan(1024 * 1024);
      expect(await checkBounded(many, true)).toEqual(
        fileError(
          'file.tooComplex',
          '文件内容过于复杂（XML元素数量超过2000000），可能不是正常的填报表，已拒绝读取。',
        ),
      );
    },
    TIMEOUT,
  );

  it('one 1 MB shared string shown by 12,000 cells (POI poc-shared-strings): one 错误, not a 30 s check', async () => {
    const rows = Array.from(
      { length: 4000 },
      (_, i) =>
        `<row r="${i + 1}">${['A', 'B', 'C'].map((c) => `<c r="${c}${i + 1}" t="s"><v>0</v></c>`).join('')}</row>`,
    ).join('');
    const bytes = buildXlsx({ sheets: { 表: rows }, sharedStrings: ['长'.repeat(1_000_000)] });
    expect(await checkBounded(bytes)).toEqual(
      fileError(
        'file.tooComplex',
        '文件内容过于复杂（单元格文字总量（字符数）超过20000000），可能不是正常的填报表，已拒绝读取。',
      ),
    );
  });

  it(
    'values scattered to XFD1048576: read within the grid limit',
    async () => {
      const bytes = buildXlsx({
        sheets: {
          表:
            '<row r="1"><c r="A1"><v>1</v></c></row>' +
            '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>角落</t></is></c></row>',
        },
      });
      const r = await workbookBytesToGrid(bytes, { def: definition });
      if (!('grid' in r)) throw new Error(r.issue.message);
      const rows = r.grid.sheets[0].rows;
      expect([rows.length, rows[0], rows[1048575].length, rows[1048575][16383]]).toEqual([
        1048576,
        [1],
        16384,
        '角落',
      ]);
    },
    TIMEOUT,
  );
});

describe('real-world oddities that other readers open', () => {
  it('backslash part names (Windows zippers), a damaged _rels/.rels, <v/> in a string cell, times of day', async () => {
    const parts = new Map<string, Uint8Array>();
    for (const [name, data] of partsOf(
      buildXlsx({
        sheets: {
          表:
            '<row r="1"><c r="A1" t="s"><v/></c><c r="B1" t="s"><v>0</v></c><c r="C1" s="1"><v>0.5625</v></c>' +
            '<c r="D1" s="1"><v>1.5</v></c><c r="E1" s="1"><v>-1</v></c></row>',
        },
        sharedStrings: ['名称'],
        styles: ['h:mm'],
      }),
    ))
      parts.set(name === '_rels/.rels' ? name : name.replace(/\//g, '\\'), data);
    parts.set('_rels/.rels', new TextEncoder().encode('<?xml version="1.0" encoding="UTF-8"?>\nCORRUPTED'));
    const r = await workbookBytesToGrid(pack(parts), { def: definition });
    if (!('grid' in r)) throw new Error(r.issue.message);
    const [a, b, c, d, e] = r.grid.sheets[0].rows[0];
    expect([a, b, e]).toEqual([null, '名称', -1]); // a negative serial is no date (Excel shows ####)
    expect([(c as Date).toISOString(), (d as Date).toISOString()]).toEqual([
      '1899-12-30T13:30:00.000Z',
      '1900-01-01T12:00:00.000Z',
    ]);
  });

  it('an Office 2007 beta workbook is named as unsupported', async () => {
    const bytes = buildXlsx({
      sheets: { 表: '' },
      parts: { 'xl/workbook.xml': '<workbook xmlns="http://schemas.microsoft.com/office/excel/2006/2"/>' },
    });
    expect(await checkBounded(bytes)).toEqual(
      fileError(
        'file.unsupported',
        '文件使用了本系统不支持的Excel 2007测试版（Beta）格式，无法读取。请在Excel或WPS中打开，另存为“Excel工作簿（*.xlsx）”后重新报送。',
      ),
    );
  });
});

describe('damaged or unsupported packages: the right message', () => {
  const rename = (bytes: Uint8Array, from: string, to: string) => {
    const text = new TextDecoder('latin1').decode(bytes);
    const out = bytes.slice();
    for (let i = text.indexOf(from); i >= 0; i = text.indexOf(from, i + 1))
      out.set(new TextEncoder().encode(to), i);
    return out;
  };

  it('duplicate part names', async () => {
    const entries = [...partsOf(good)].map(([n, d]) => deflatedEntry(n, d));
    entries.push(storedEntry('xl/worksheets/sheet2.xmX', '<worksheet/>'));
    const bytes = rename(writeZip(entries), 'xl/worksheets/sheet2.xmX', 'xl/worksheets/sheet2.xml');
    expect(await checkBounded(bytes)).toEqual(
      fileError(
        'file.duplicatePart',
        '文件内有两个同名的部件“xl/worksheets/sheet2.xml”，无法确定应读取哪一个，已拒绝读取。请在Excel或WPS中打开并重新保存后报送。',
        'xl/worksheets/sheet2.xml',
      ),
    );
  });

  it('a CRC mismatch is damage', async () => {
    const entries = [...partsOf(good)].map(([n, d]) => storedEntry(n, d));
    const bytes = writeZip(entries);
    const at = new TextDecoder('latin1').decode(bytes).indexOf('<workbook');
    bytes[at + 2] = 'W'.charCodeAt(0);
    for (const native of [false, true])
      expect(await checkBounded(bytes, native)).toEqual(fileError('file.corrupt', M['file.corrupt']));
  });

  it.each([
    [0x0001, 8, '加密压缩（压缩包内文件设置了密码）'],
    [0, 12, '压缩方式（编号12）'],
    [0, 14, '压缩方式（编号14）'],
  ])('zip flags %i, method %i: named as unsupported', async (flag, method, what) => {
    const entries = [...partsOf(good)].map(([n, d]) => deflatedEntry(n, d));
    const bytes = writeZip(entries);
    const v = new DataView(bytes.buffer);
    for (let i = 0; i + 46 < bytes.length; i++) {
      const sig = v.getUint32(i, true);
      if (sig === 0x04034b50) {
        v.setUint16(i + 6, v.getUint16(i + 6, true) | flag, true);
        v.setUint16(i + 8, method, true);
      } else if (sig === 0x02014b50) {
        v.setUint16(i + 8, v.getUint16(i + 8, true) | flag, true);
        v.setUint16(i + 10, method, true);
      }
    }
    expect(await checkBounded(bytes)).toEqual(
      fileError(
        'file.unsupported',
        `文件使用了本系统不支持的${what}，无法读取。请在Excel或WPS中打开，另存为“Excel工作簿（*.xlsx）”后重新报送。`,
      ),
    );
  });

  it('.xlsb and .ods renamed to .xlsx are named, not called damaged', async () => {
    const xlsb = writeZip([
      storedEntry(
        '_rels/.rels',
        `<Relationships xmlns="${NS.rels}"><Relationship Id="rId1" Type="${NS.r}/officeDocument" Target="xl/workbook.bin"/></Relationships>`,
      ),
      storedEntry('xl/workbook.bin', new Uint8Array([0x83, 0x01, 0x00])),
    ]);
    const ods = writeZip([
      storedEntry('mimetype', 'application/vnd.oasis.opendocument.spreadsheet'),
      storedEntry(
        'content.xml',
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>',
      ),
    ]);
    const msg = (what: string) =>
      `文件使用了本系统不支持的${what}，无法读取。请在Excel或WPS中打开，另存为“Excel工作簿（*.xlsx）”后重新报送。`;
    expect(await checkBounded(xlsb)).toEqual(
      fileError('file.unsupported', msg('Excel二进制工作簿格式（.xlsb）')),
    );
    expect(await checkBounded(ods)).toEqual(
      fileError('file.unsupported', msg('OpenDocument表格格式（.ods）')),
    );
  });
});

// ---------------------------------------------------------------------------------------------------
// Dates per writer

const EXPECT_DATE = '2023-10-09T00:00:00.000Z';
const EXPECT_TIME = '2023-10-09T14:30:00.000Z';
/** Format codes each writer puts on a date cell (row i+1 of column A; B holds a date-time). */
const FORMATS = [
  'yyyy-mm-dd',
  'yyyy"年"m"月"d"日"',
  '[$-804]yyyy"年"m"月"d"日";@',
  '[DBNum1][$-804]yyyy"年"m"月"d"日"',
  'm/d/yy',
  'mm-dd-yy',
  'd-mmm-yy',
  'yyyy/m/d h:mm',
  'dd/mm/yyyy',
  'YYYY.MM.DD',
];

function pyWorkbook(kind: 'openpyxl' | 'xlsxwriter', file: string, date1904: boolean): void {
  const script =
    kind === 'openpyxl'
      ? `
import sys, datetime, openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904
wb = openpyxl.Workbook()
if sys.argv[2] == '1': wb.epoch = CALENDAR_MAC_1904
ws = wb.active
for i, f in enumerate(${JSON.stringify(FORMATS)}):
    c = ws.cell(row=i + 1, column=1, value=datetime.date(2023, 10, 9)); c.number_format = f
    d = ws.cell(row=i + 1, column=2, value=datetime.datetime(2023, 10, 9, 14, 30)); d.number_format = f
wb.save(sys.argv[1])
`
      : `
import sys, datetime, xlsxwriter
wb = xlsxwriter.Workbook(sys.argv[1], {'date_1904': sys.argv[2] == '1'})
ws = wb.add_worksheet()
for i, f in enumerate(${JSON.stringify(FORMATS)}):
    fmt = wb.add_format({'num_format': f})
    ws.write_datetime(i, 0, datetime.datetime(2023, 10, 9), fmt)
    ws.write_datetime(i, 1, datetime.datetime(2023, 10, 9, 14, 30), fmt)
wb.close()
`;
  const py = kind === 'openpyxl' ? openpyxlPython()! : '/usr/bin/python3';
  const r = spawnSync(py, ['-c', script, file, date1904 ? '1' : '0'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${kind}: ${r.stderr}`);
}

async function exceljsWorkbook(file: string, date1904: boolean): Promise<void> {
  const wb = new ExcelJS.Workbook();
  if (date1904) wb.properties.date1904 = true;
  const ws = wb.addWorksheet('日期');
  FORMATS.forEach((f, i) => {
    ws.getCell(i + 1, 1).value = new Date(EXPECT_DATE);
    ws.getCell(i + 1, 1).numFmt = f;
    ws.getCell(i + 1, 2).value = new Date(EXPECT_TIME);
    ws.getCell(i + 1, 2).numFmt = f;
  });
  writeFileSync(file, new Uint8Array(await wb.xlsx.writeBuffer()));
}

async function expectDates(file: string, date1904: boolean): Promise<void> {
  const bytes = new Uint8Array(readFileSync(file));
  const wbXml = decodeXmlBytes(partsOf(bytes).get('xl/workbook.xml')!);
  const pr = findPath(parseXml(wbXml).root, NS.main, 'workbookPr');
  const flag = pr ? getAttr(pr, 'date1904') : undefined;
  expect(flag === '1' || flag === 'true', `${file}: date1904=${flag}`).toBe(date1904);
  const r = await workbookBytesToGrid(bytes, { def: definition });
  if (!('grid' in r)) throw new Error(r.issue.message);
  const iso = (v: CellValue) => (v instanceof Date ? v.toISOString() : v);
  const rows = r.grid.sheets[0].rows.slice(0, FORMATS.length);
  expect(
    rows.map((row) => row.map(iso)),
    file,
  ).toEqual(FORMATS.map(() => [EXPECT_DATE, EXPECT_TIME]));
}

describe('dates per writer, 1900 and 1904 systems, built-in and custom formats', () => {
  const t = tempDir('yanpan-dates-');
  afterAll(() => t.cleanup());

  it.skipIf(!has('openpyxl'))('openpyxl', async () => {
    for (const d1904 of [false, true]) {
      const f = path.join(t.dir, `openpyxl-${d1904}.xlsx`);
      pyWorkbook('openpyxl', f, d1904);
      await expectDates(f, d1904);
    }
  });

  it.skipIf(!has('xlsxwriter'))('xlsxwriter', async () => {
    for (const d1904 of [false, true]) {
      const f = path.join(t.dir, `xlsxwriter-${d1904}.xlsx`);
      pyWorkbook('xlsxwriter', f, d1904);
      await expectDates(f, d1904);
    }
  });

  it('exceljs', async () => {
    for (const d1904 of [false, true]) {
      const f = path.join(t.dir, `exceljs-${d1904}.xlsx`);
      await exceljsWorkbook(f, d1904);
      await expectDates(f, d1904);
    }
  });

  it.skipIf(!has('soffice') || !has('xlsxwriter'))(
    'LibreOffice (re-saves; writes date1904="true")',
    async () => {
      const src = path.join(t.dir, 'lo-src');
      mkdirSync(src, { recursive: true });
      const files = [false, true].map((d) => {
        const f = path.join(src, `lo-${d}.xlsx`);
        pyWorkbook('xlsxwriter', f, d);
        return f;
      });
      const out = path.join(t.dir, 'lo-out');
      mkdirSync(out, { recursive: true });
      const [a, b] = sofficeConvert(files, 'xlsx', out);
      await expectDates(a, false);
      await expectDates(b, true);
      expect(decodeXmlBytes(partsOf(new Uint8Array(readFileSync(b))).get('xl/workbook.xml')!)).toContain(
        'date1904="true"',
      );
    },
    120_000,
  );
});

// ---------------------------------------------------------------------------------------------------
// The batch goes on

describe('an import batch with every hostile file still reads the good one', () => {
  let build: { worker: string; cleanup: () => void };
  const t = tempDir('yanpan-hostile-');
  beforeAll(async () => {
    build = await privateBuild();
  }, TIMEOUT);
  afterAll(() => {
    build?.cleanup();
    t.cleanup();
  });

  it('each bad file gets its one 错误 in the tracking workbook; the good unit is read', async () => {
    const dir = path.join(t.dir, 'in');
    mkdirSync(dir, { recursive: true });
    const many = [...partsOf(good)].map(([n, d]) => deflatedEntry(n, d));
    for (let i = 0; i < 150_000; i++) many.push(storedEntry(`x/${i}.xml`, ''));
    writeFileSync(path.join(dir, 'a-many-entries.xlsx'), writeZip(many));
    writeFileSync(
      path.join(dir, 'b-entities.xlsx'),
      buildXlsx({
        sheets: {
          表: `<!DOCTYPE w [<!ENTITY a "aaaa">]><worksheet xmlns="${NS.main}"><sheetData/></worksheet>`,
        },
      }),
    );
    writeFileSync(
      path.join(dir, 'c-deep.xlsx'),
      buildXlsx({
        sheets: {
          表: `<worksheet xmlns="${NS.main}">${'<x>'.repeat(1000)}${'</x>'.repeat(1000)}</worksheet>`,
        },
      }),
    );
    writeFileSync(path.join(dir, 'z-good.xlsx'), good);
    const saved = process.env.YANPAN_WORKER;
    process.env.YANPAN_WORKER = build.worker;
    try {
      const s = await runImport({
        def: definition,
        inputDir: dir,
        outDir: path.join(t.dir, 'out'),
        jobs: 2,
        asOf: AS_OF,
        db: false,
      });
      expect(s.files.length).toBe(4);
      expect(s.totals.submitted).toBe(1);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(trackingIn(t.dir, 'out')) as never);
      const issues = wb.getWorksheet('校验问题')!;
      const byFile = new Map<string, string>();
      for (let r = 2; r <= issues.rowCount; r++)
        byFile.set(String(issues.getCell(r, 2).value), String(issues.getCell(r, 7).value));
      expect(byFile.get('a-many-entries.xlsx')).toBe(M['file.tooManyParts'].replace('{limit}', '10000'));
      expect(byFile.get('b-entities.xlsx')).toBe(
        M['file.unsupported'].replace('{feature}', 'XML文档类型声明（DOCTYPE/实体定义）'),
      );
      expect(byFile.get('c-deep.xlsx')).toBe(
        M['file.tooComplex'].replace('{what}', 'XML嵌套层数').replace('{limit}', '128'),
      );
    } finally {
      process.env.YANPAN_WORKER = saved;
    }
  }, 120_000);
});
