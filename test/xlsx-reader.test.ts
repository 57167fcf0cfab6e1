// The workbook reader (templates/src/xlsx/reader.ts) against exceljs as an oracle (test/helpers/exceljs-grid.ts):
// every fixture, fillWorkbook/writeTemplate output and LibreOffice re-saves of those must give identical
// grids cell by cell (dates by time value). Where exceljs differs from what Excel shows (a cached formula
// result 0, CJK built-in date formats, a second entity decoding of t="str" values) the every-kind workbook
// asserts Excel's value. Plus the edge cases of the XML it reads and the native inflater.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { workbookParts } from './helpers/ooxml-build';
import { fillWorkbook } from '../templates/src/template/fill';
import type { CellValue, WorkbookGrid } from '../templates/src/xlsx/grid';
import { definition } from '../templates/src/standard/ideology';
import { writeTemplate } from '../templates/src/template/writer';
import { isDateFormat, readSharedStrings } from '../templates/src/xlsx/reader';
import { exceljsGrid } from './helpers/exceljs-grid';
import { workbookBytesToGrid } from '../templates/src/xlsx/read';
import runWorker, { zlibInflateRaw, type WorkerResult } from '../importer/src/worker';
import { reportFileName, unitReportDocx } from '../templates/src/report/index';
import { checkWorkbookBytes } from '../templates/src/check/check-bytes';
import { sampleFillInput } from './helpers/sample-fill';
import { has, sofficeConvert, tempDir } from './helpers/tools';

const fixturesDir = path.join(__dirname, 'fixtures');
const fixture = (name: string) => new Uint8Array(readFileSync(path.join(fixturesDir, name)));

/** Comparable form of a grid: Dates become { date: time value } so NaN dates compare too. */
function normal(grid: WorkbookGrid): unknown {
  const cell = (v: CellValue): unknown =>
    v instanceof Date ? { date: Number.isNaN(v.getTime()) ? 'invalid' : v.getTime() } : v;
  return grid.sheets.map((s) => ({ name: s.name, state: s.state, rows: s.rows.map((r) => r.map(cell)) }));
}

async function bothEngines(bytes: Uint8Array): Promise<{ fast: unknown; exceljs: unknown }> {
  const fast = await workbookBytesToGrid(bytes, { def: definition });
  if (!('grid' in fast)) throw new Error(`expected a grid: ${fast.issue.message}`);
  return { fast: normal(fast.grid), exceljs: normal(await exceljsGrid(bytes)) };
}

const readable = readdirSync(fixturesDir).filter(
  (f) =>
    f.endsWith('.xlsx') &&
    ![
      'empty.xlsx',
      'not-a-workbook.xlsx',
      'docx-renamed.xlsx',
      'truncated.xlsx',
      'encrypted.xlsx',
      'legacy-renamed.xlsx',
      'zip-bomb.xlsx',
    ].includes(f),
);

/** An exceljs workbook with every kind of value the checker may meet. */
async function everyKindWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据 & <测试>');
  ws.getCell('A1').value = '文本 "引号" & <尖括号>';
  ws.getCell('B1').value = 42;
  ws.getCell('C1').value = -0.5;
  ws.getCell('D1').value = true;
  ws.getCell('E1').value = false;
  ws.getCell('F1').value = new Date(Date.UTC(2023, 8, 30));
  ws.getCell('G1').value = new Date(Date.UTC(2023, 8, 30, 14, 30));
  ws.getCell('G1').numFmt = 'yyyy"年"m"月"d"日" h:mm';
  ws.getCell('H1').value = 45199;
  ws.getCell('H1').numFmt = '[Red]0.00;"年"0';
  ws.getCell('I1').value = { richText: [{ text: '富', font: { bold: true } }, { text: '文本' }] };
  ws.getCell('J1').value = { error: '#DIV/0!' };
  ws.getCell('A2').value = { formula: 'B1*2', result: 84 };
  ws.getCell('B2').value = { formula: 'B1-42', result: 0 };
  ws.getCell('C2').value = { formula: 'A1&""', result: 'a &amp; b' };
  ws.getCell('D2').value = { formula: 'D1', result: true };
  ws.getCell('E2').value = { formula: '1/0', result: { error: '#DIV/0!' } };
  ws.getCell('F2').value = { formula: 'F1+1', result: new Date(Date.UTC(2023, 9, 1)) };
  ws.getCell('G2').value = { formula: 'SUM(B1:C1)' } as ExcelJS.CellValue;
  ws.getCell('A3').value = { formula: 'B1+1', result: 43, shareType: 'shared', ref: 'A3:A5' } as never;
  ws.getCell('A4').value = { sharedFormula: 'A3', result: 44 } as never;
  ws.getCell('A5').value = { sharedFormula: 'A3' } as never;
  ws.getCell('B3').value = '合并主格';
  ws.mergeCells('B3:D4');
  ws.getCell('E5').value = '   前后空格   ';
  ws.getCell('F5').value = '第一行\n第二行\r\n第三行';
  ws.getCell('G5').value = '';
  ws.getCell('H5').value = '控制字符_x0007_与\u0007';
  ws.getCell('A8').value = 1e-7;
  ws.getCell('B8').value = 12345678901234;
  ws.getCell('C8').value = 0;
  for (const id of [14, 15, 17, 20, 22, 27, 31, 45, 47, 49]) {
    const c = ws.getCell(10, id - 10);
    c.value = 45000.25;
    c.numFmt = `__builtin${id}`;
  }
  const hidden = wb.addWorksheet('隐藏', { state: 'hidden' });
  hidden.getCell('A1').value = '隐藏表';
  const very = wb.addWorksheet('很隐藏', { state: 'veryHidden' });
  very.getCell('C3').value = 3;
  wb.addWorksheet('空表');
  const out = new Uint8Array(await wb.xlsx.writeBuffer());
  // exceljs cannot write built-in numFmtIds by number: patch the placeholders into real built-in ids.
  const zip = await JSZip.loadAsync(out);
  let styles = await zip.file('xl/styles.xml')!.async('string');
  styles = styles.replace(
    /<numFmt numFmtId="(\d+)" formatCode="__builtin(\d+)"\/>/g,
    (_m, custom: string, builtin: string) => `<numFmt numFmtId="${custom}" formatCode="@@${builtin}"/>`,
  );
  for (const m of styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="@@(\d+)"\/>/g))
    styles = styles.replace(new RegExp(`numFmtId="${m[1]}"(?! formatCode)`, 'g'), `numFmtId="${m[2]}"`);
  styles = styles.replace(/<numFmt numFmtId="\d+" formatCode="@@\d+"\/>/g, '');
  zip.file('xl/styles.xml', styles);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

const fillInput = sampleFillInput;

const generated: Record<string, Uint8Array> = {};

beforeAll(async () => {
  generated['template-blank'] = await writeTemplate(definition);
  generated['template-unit'] = await writeTemplate(definition, { unit: { name: '测试局', code: 'T001' } });
  const input = fillInput();
  generated['fill-sample'] = await fillWorkbook(input, definition);
  generated['fill-raw'] = await fillWorkbook(
    {
      ...input,
      fillDate: '2023年10月8日',
      metrics: input.metrics!.map((m, i) =>
        i === 0 ? { ...m, current: '3次' } : i === 1 ? { ...m, current: { formula: '1+2', result: 3 } } : m,
      ),
    },
    definition,
  );
  generated['every-kind'] = await everyKindWorkbook();
}, 60_000);

describe('reader = exceljs (oracle)', () => {
  it('has readable fixtures to compare', () => {
    expect(readable).toEqual(
      expect.arrayContaining([
        'valid-openpyxl.xlsx',
        'formulas-libreoffice.xlsx',
        'tolerant-libreoffice.xlsx',
      ]),
    );
  });

  it.each(readable)('fixture %s', async (name) => {
    const { fast, exceljs } = await bothEngines(fixture(name));
    expect(fast).toEqual(exceljs);
  });

  it.each(['template-blank', 'template-unit', 'fill-sample', 'fill-raw'])('generated %s', async (name) => {
    const { fast, exceljs } = await bothEngines(generated[name]);
    expect(fast).toEqual(exceljs);
  });

  it('reads the every-kind workbook to the exact values', async () => {
    const r = await workbookBytesToGrid(generated['every-kind'], { def: definition });
    if (!('grid' in r)) throw new Error('no grid');
    const [s, hidden, very, empty] = r.grid.sheets;
    expect(s.name).toBe('数据 & <测试>');
    expect([hidden.name, hidden.state, very.state, empty.rows]).toEqual(['隐藏', 'hidden', 'veryHidden', []]);
    expect(very.rows[2]).toEqual([null, null, 3]);
    expect(s.rows[0].slice(0, 5)).toEqual(['文本 "引号" & <尖括号>', 42, -0.5, true, false]);
    expect((s.rows[0][5] as Date).toISOString()).toBe('2023-09-30T00:00:00.000Z');
    expect((s.rows[0][6] as Date).toISOString()).toBe('2023-09-30T14:30:00.000Z');
    expect(s.rows[0][7]).toBe(45199); // [Red] and quoted text are not date codes
    expect(s.rows[0][8]).toBe('富文本');
    expect(s.rows[0][9]).toEqual({ kind: 'error', error: '#DIV/0!' });
    expect(s.rows[1].slice(0, 5)).toEqual([
      84,
      0, // a cached result 0 is 0 (exceljs drops falsy results)
      'a &amp; b', // as Excel shows it (exceljs decodes entities a second time)
      true,
      { kind: 'error', error: '#DIV/0!' },
    ]);
    expect((s.rows[1][5] as Date).toISOString()).toBe('2023-10-01T00:00:00.000Z');
    expect(s.rows[1][6]).toEqual({ kind: 'formulaNoResult', formula: 'SUM(B1:C1)' });
    expect(s.rows[2][0]).toBe(43);
    expect(s.rows[3][0]).toBe(44);
    // a shared formula without a cached result, as Excel shows it in A5 (exceljs: the master's address)
    expect(s.rows[4][0]).toEqual({ kind: 'formulaNoResult', formula: 'B3+1' });
    expect(s.rows[2].slice(1, 4)).toEqual(['合并主格']);
    expect(s.rows[4].slice(4, 7)).toEqual(['   前后空格   ', '第一行\n第二行\n第三行', null]);
    expect(s.rows[7]).toEqual([1e-7, 12345678901234, 0]);
    // built-in formats: 14–22, 27–36 (CJK: yyyy"年"m"月" …) and 45–47 are dates, 49 (@) is not
    const row = s.rows[9];
    const kinds = [14, 15, 17, 20, 22, 27, 31, 45, 47, 49].map((id) =>
      row[id - 11] instanceof Date ? 'date' : typeof row[id - 11],
    );
    expect(kinds).toEqual(['date', 'date', 'date', 'date', 'date', 'date', 'date', 'date', 'date', 'number']);
  });

  it.skipIf(!has('soffice'))(
    'LibreOffice re-saves of generated workbooks',
    async () => {
      const { dir, cleanup } = tempDir('yanpan-fast-');
      try {
        const names = ['template-unit', 'fill-sample', 'fill-raw'];
        const src = names.map((n) => {
          const p = path.join(dir, 'src', `${n}.xlsx`);
          return p;
        });
        const { mkdirSync } = await import('node:fs');
        mkdirSync(path.join(dir, 'src'));
        names.forEach((n, i) => writeFileSync(src[i], generated[n]));
        const outs = sofficeConvert(src, 'xlsx', dir);
        for (const out of outs) {
          const bytes = new Uint8Array(readFileSync(out));
          const { fast, exceljs } = await bothEngines(bytes);
          expect(fast, out).toEqual(exceljs);
        }
      } finally {
        cleanup();
      }
    },
    60_000,
  );
});

describe('XML details', () => {
  it('shared strings: runs joined, phonetic runs dropped, entities, CDATA and _x escapes decoded', () => {
    const sst = readSharedStrings(
      '<sst><si><t xml:space="preserve"> a&amp;b&#x4E2D;&#22269; </t></si>' +
        '<si><r><rPr><b/></rPr><t>富</t></r><r><t>文本_x000D_</t></r></si>' +
        '<si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh></si><si/><si><t/></si>' +
        '<si><t>1\r\n2</t></si><si><t><![CDATA[市<局>]]></t></si><si x="1"/></sst>',
    );
    expect(sst).toEqual([' a&b中国 ', '富文本\r', '漢字', '', '', '1\n2', '市<局>', '']);
  });

  it('date formats as Excel reads them: first section, quoted text, escapes and [..] tags ignored', () => {
    for (const f of [
      'yyyy"年"m"月"d"日"',
      '[$-804]yyyy"年"m"月"d"日";@',
      '[DBNum1][$-804]yyyy"年"m"月"d"日"',
      '[h]:mm:ss',
      'YYYY-MM-DD',
      'm/d/yy h:mm',
      '上午/下午h"时"mm"分"',
      '[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy',
      'aaaa',
    ])
      expect(isDateFormat(f), f).toBe(true);
    for (const f of [
      '0.00"元"',
      '[Red]#,##0',
      'General',
      '0.00E+00',
      '[Red]0.00;"年"0',
      '#,##0_);[Red](#,##0)',
      '@',
      '"yyyy"0',
      '\\d0',
    ])
      expect(isDateFormat(f), f).toBe(false);
  });

  it('cells without r count positions; rows without r follow on; 1904 dates; inline strings', async () => {
    const zip = new JSZip();
    zip.file(
      'xl/workbook.xml',
      '<workbook xmlns:r="r"><workbookPr date1904="1"/><sheets><sheet name="表" sheetId="1" r:id="rId1"/></sheets></workbook>',
    );
    zip.file(
      'xl/_rels/workbook.xml.rels',
      '<Relationships><Relationship Id="rId1" Type="http://x/worksheet" Target="/xl/worksheets/sheet1.xml"/></Relationships>',
    );
    zip.file(
      'xl/styles.xml',
      '<styleSheet><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>',
    );
    zip.file(
      'xl/worksheets/sheet1.xml',
      '<worksheet><sheetData><row r="2"><c><v>1</v></c><c s="1"/><c><v>3</v></c></row>' +
        '<row><c r="B3" s="1"><v>0</v></c><c t="inlineStr"><is><t>内联</t></is></c></row></sheetData></worksheet>',
    );
    const bytes = await zip.generateAsync({ type: 'uint8array' });
    const r = await workbookBytesToGrid(bytes, { def: definition });
    if (!('grid' in r)) throw new Error('no grid');
    const rows = r.grid.sheets[0].rows;
    expect(rows[0]).toEqual([]);
    expect(rows[1]).toEqual([1, null, 3]);
    expect((rows[2][1] as Date).toISOString()).toBe('1904-01-01T00:00:00.000Z');
    expect(rows[2][2]).toBe('内联');
  });

  it('malformed sheet XML is a damaged file, not a silently dropped cell', async () => {
    const zip = new JSZip();
    zip.file(
      'xl/workbook.xml',
      '<workbook xmlns:r="r"><sheets><sheet name="表" sheetId="1" r:id="rId1"/></sheets></workbook>',
    );
    zip.file(
      'xl/_rels/workbook.xml.rels',
      '<Relationships><Relationship Id="rId1" Type="http://x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    );
    zip.file('xl/styles.xml', '<styleSheet><cellXfs count="1"><xf numFmtId="0"/></cellXfs></styleSheet>');
    zip.file(
      'xl/worksheets/sheet1.xml',
      '<worksheet><sheetData><row r="1"><c r=A1><v>1</v></c></row></sheetData></worksheet>',
    );
    const bytes = await zip.generateAsync({ type: 'uint8array' });
    expect(await workbookBytesToGrid(bytes, { def: definition })).toMatchObject({
      issue: { rule: 'file.corrupt' },
    });
  });

  it('hyperlinked cells read as their text', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('链接');
    ws.getCell('A1').value = { text: '网站', hyperlink: 'https://example.org' };
    ws.getCell('A2').value = 7;
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const r = await workbookBytesToGrid(bytes, { def: definition });
    expect('grid' in r && r.grid.sheets[0].rows).toEqual([['网站'], [7]]);
  });
});

describe('native inflater (the import worker passes zlib)', () => {
  it.each([...readable, 'every-kind', 'fill-sample'])(
    '%s: same grid as with fflate inflating',
    async (name) => {
      const bytes = name in generated ? generated[name] : fixture(name);
      const a = await workbookBytesToGrid(bytes, { def: definition });
      const b = await workbookBytesToGrid(bytes, { def: definition, inflateRaw: zlibInflateRaw });
      if (!('grid' in a) || !('grid' in b)) throw new Error('expected grids');
      expect(normal(b.grid)).toEqual(normal(a.grid));
    },
  );

  it('keeps the size caps and the damaged-file answers', async () => {
    const tooLarge = '文件解压后过大（超过50 MB），可能不是正常的填报表，已拒绝读取。';
    const bomb = await checkWorkbookBytes(fixture('zip-bomb.xlsx'), definition, {
      inflateRaw: zlibInflateRaw,
    });
    expect(bomb.issues.map((i) => [i.rule, i.message])).toEqual([['file.tooLarge', tooLarge]]);
    const truncated = await checkWorkbookBytes(fixture('truncated.xlsx'), definition, {
      inflateRaw: zlibInflateRaw,
    });
    expect(truncated.issues.map((i) => i.rule)).toEqual(['file.corrupt']);

    // a directory that lies about a part's size: stopped by the cap while inflating
    const zip = new JSZip();
    for (const [name, content] of workbookParts({ sheets: { 表: '' } })) zip.file(name, content);
    zip.file('xl/worksheets/sheet1.xml', 'a'.repeat(8 * 1024 * 1024));
    const lying = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    const view = new DataView(lying.buffer, lying.byteOffset, lying.byteLength);
    for (let i = 0; i + 30 < lying.length; i++) {
      const sig = view.getUint32(i, true);
      const at = sig === 0x04034b50 ? 22 : sig === 0x02014b50 ? 24 : -1;
      if (at > 0 && view.getUint32(i + at, true) > 1024 * 1024) view.setUint32(i + at, 1000, true);
    }
    const r = await workbookBytesToGrid(lying, {
      def: definition,
      maxPartBytes: 5 * 1024 * 1024,
      inflateRaw: zlibInflateRaw,
    });
    expect(r).toMatchObject({ issue: { rule: 'file.tooLarge', message: tooLarge.replace('50 MB', '5 MB') } });
    // …and one that is merely wrong about the size (smaller than declared-as-lie, under the cap): corrupt
    const small = new JSZip();
    for (const [name, content] of workbookParts({ sheets: { 表: '' } })) small.file(name, content);
    small.file('xl/worksheets/sheet1.xml', 'b'.repeat(5000));
    const wrong = await small.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    const v2 = new DataView(wrong.buffer, wrong.byteOffset, wrong.byteLength);
    for (let i = 0; i + 30 < wrong.length; i++) {
      const sig = v2.getUint32(i, true);
      const at = sig === 0x04034b50 ? 22 : sig === 0x02014b50 ? 24 : -1;
      if (at > 0 && v2.getUint32(i + at, true) === 5000) v2.setUint32(i + at, 4000, true);
    }
    for (const inflateRaw of [zlibInflateRaw, undefined])
      expect(await workbookBytesToGrid(wrong, { def: definition, inflateRaw })).toMatchObject({
        issue: { rule: 'file.corrupt' },
      });
  });
});

describe('the import worker', () => {
  it('checks and writes the same unit report as unitReportDocx()', async () => {
    const bytes = generated['fill-sample'];
    const expected = await checkWorkbookBytes(bytes, definition, { asOf: '2023-10-15' });
    const r = (await runWorker({
      bytes: bytes.slice(),
      fileName: 'a.xlsx',
      asOf: '2023-10-15',
      report: true,
      defId: definition.id,
    })) as WorkerResult;
    expect(r.internalError).toBeNull();
    expect(r.issues).toEqual(expected.issues);
    expect(r.submission).toEqual(expected.submission);
    const sub = r.submission!;
    expect(r.report!.name).toBe(reportFileName(sub, definition));
    // the same bytes
    expect(r.report!.bytes).toEqual(await unitReportDocx(sub, definition));
    const z = await JSZip.loadAsync(r.report!.bytes);
    expect(await z.file('word/document.xml')!.async('string')).toContain(sub.unit.name);
  });
});
