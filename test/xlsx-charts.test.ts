// Native charts added to workbooks from every writer we can run here (templates/src/ooxml/chart.ts and
// xlsx-charts.ts): exceljs, openpyxl, xlsxwriter and LibreOffice, each with and without a drawing on the
// sheet already (the charts are appended to it). Each result must carry chart parts whose caches equal
// the cells, keep what was drawn before, parse with xmllint, load in openpyxl without a warning (seeing
// every chart) and print from LibreOffice with the charts' titles on the page.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addSheetCharts,
  axisStep,
  chartData,
  chartSpaceXml,
  childElement,
  childElements,
  descendants,
  getAttr,
  NS,
  PackageError,
  parseXml,
  parseXmlBytes,
  relsPartOf,
  resolvePartName,
  sheetRangeRef,
  unzip,
  type SheetChart,
  type XmlDocument,
} from '../templates/src/index';
import { has, openpyxlPython, sofficeConvert, tempDir } from './helpers/tools';

const SHEET = "单位's 数据";
const LEVELS = ['高', '中', '低'] as const;
const ROWS: (string | number)[][] = [
  ['类别', ...LEVELS],
  ['组织领导', 3, 0, 1],
  ['网络意识形态', 1, 2, 0],
  ['队伍建设', 0, 5, 2],
  ['其他', 0, 0, 4],
];
const CHARTS: SheetChart[] = [
  {
    kind: 'column',
    title: '各类风险隐患分布情况',
    categories: 'A2:A5',
    series: LEVELS.map((name, i) => ({ name, values: `${'BCD'[i]}2:${'BCD'[i]}5` })),
    anchor: 'A8:G24',
  },
  {
    kind: 'bar',
    title: '高风险隐患数量',
    categories: 'A2:A5',
    series: [{ name: '高', values: 'B2:B5' }],
    anchor: 'A26:G40',
  },
  {
    kind: 'pie',
    title: '中风险隐患构成',
    categories: 'A2:A5',
    series: [{ name: '中', values: 'C2:C5' }],
    anchor: 'I26:O40',
  },
];

const tmp = tempDir('yanpan-xlsx-charts-');
afterAll(() => tmp.cleanup());

interface Case {
  name: string;
  /** Anchors the sheet's drawing had before (0: none). */
  before: number;
  original: Uint8Array;
  patched: Uint8Array;
  file: string;
}
const cases: Case[] = [];

const PNG_1PX = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

async function exceljsBook(withImage: boolean): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET);
  for (const r of ROWS) ws.addRow(r);
  if (withImage) {
    const id = wb.addImage({ buffer: PNG_1PX as any, extension: 'png' });
    ws.addImage(id, 'I2:K6');
  }
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

const PY_FIXTURES = `
import json, sys, openpyxl, xlsxwriter
from openpyxl.chart import BarChart, Reference
out, data = sys.argv[1], json.loads(sys.argv[2])
sheet, rows = data['sheet'], data['rows']
def opx(path, chart):
    wb = openpyxl.Workbook(); ws = wb.active; ws.title = sheet
    for r in rows: ws.append(r)
    if chart:
        ch = BarChart(); ch.title = 'Existing'
        ch.add_data(Reference(ws, min_col=2, min_row=1, max_row=len(rows)), titles_from_data=True)
        ws.add_chart(ch, 'I2')
    wb.save(path)
def xw(path, chart):
    wb = xlsxwriter.Workbook(path); ws = wb.add_worksheet(sheet)
    for i, r in enumerate(rows): ws.write_row(i, 0, r)
    if chart:
        ch = wb.add_chart({'type': 'column'}); ch.set_title({'name': 'Existing'})
        ch.add_series({'values': [sheet, 1, 1, len(rows) - 1, 1]})
        ws.insert_chart('I2', ch)
    wb.close()
opx(out + '/openpyxl.xlsx', False); opx(out + '/openpyxl-drawing.xlsx', True)
xw(out + '/xlsxwriter.xlsx', False); xw(out + '/xlsxwriter-drawing.xlsx', True)
`;

const PY_LOAD = `
import json, sys, warnings, openpyxl
warnings.simplefilter('error')
out = {}
for f in sys.argv[2:]:
    ws = openpyxl.load_workbook(f)[sys.argv[1]]
    out[f] = [[getattr(c.title.tx.rich.p[0].r[0], 't', None) if c.title and c.title.tx and c.title.tx.rich else None, type(c).__name__] for c in ws._charts]
print(json.dumps(out))
`;

/** The sheet's drawing part and its tree, through the workbook's and the sheet's relationships. */
function drawingOf(parts: Map<string, Uint8Array>, sheet: string): { name: string; doc: XmlDocument } {
  const rel = (part: string, id: string | undefined, type?: string) => {
    const rels = parseXmlBytes(parts.get(relsPartOf(part))!).root;
    const r = childElements(rels).find((x) =>
      id ? getAttr(x, 'Id') === id : getAttr(x, 'Type')!.endsWith(`/${type}`),
    )!;
    return resolvePartName(part, getAttr(r, 'Target')!);
  };
  const wb = parseXmlBytes(parts.get('xl/workbook.xml')!).root;
  const s = childElements(childElement(wb, NS.main, 'sheets')!).find((x) => getAttr(x, 'name') === sheet)!;
  const sheetPart = rel('xl/workbook.xml', getAttr(s, 'id', NS.r));
  const ws = parseXmlBytes(parts.get(sheetPart)!).root;
  const drawingEl = childElement(ws, NS.main, 'drawing')!;
  expect(drawingEl, `${sheetPart} <drawing>`).toBeTruthy();
  const name = rel(sheetPart, getAttr(drawingEl, 'id', NS.r));
  return { name, doc: parseXmlBytes(parts.get(name)!) };
}

const XDR = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';
const C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';

/** The chart parts the drawing's anchors show, in order (a part name, or null for a picture). */
function anchoredCharts(
  parts: Map<string, Uint8Array>,
  drawing: string,
  doc: XmlDocument,
): (string | null)[] {
  const rels = parseXmlBytes(parts.get(relsPartOf(drawing))!).root;
  return childElements(doc.root)
    .filter((e) => e.ns === XDR && e.local.endsWith('Anchor'))
    .map((anchor) => {
      const ref = descendants(anchor, C, 'chart')[0];
      if (!ref) return null;
      const r = childElements(rels).find((x) => getAttr(x, 'Id') === getAttr(ref, 'id', NS.r))!;
      return resolvePartName(drawing, getAttr(r, 'Target')!);
    });
}

beforeAll(async () => {
  const books: { name: string; before: number; bytes: Uint8Array }[] = [
    { name: 'exceljs', before: 0, bytes: await exceljsBook(false) },
    { name: 'exceljs-drawing', before: 1, bytes: await exceljsBook(true) },
  ];
  if (has('openpyxl') && has('xlsxwriter')) {
    const dir = path.join(tmp.dir, 'py');
    mkdirSync(dir);
    execFileSync(openpyxlPython()!, ['-c', PY_FIXTURES, dir, JSON.stringify({ sheet: SHEET, rows: ROWS })]);
    for (const [name, before] of [
      ['openpyxl', 0],
      ['openpyxl-drawing', 1],
      ['xlsxwriter', 0],
      ['xlsxwriter-drawing', 1],
    ] as const)
      books.push({ name, before, bytes: new Uint8Array(readFileSync(path.join(dir, `${name}.xlsx`))) });
    if (has('soffice')) {
      // LibreOffice's own package: the openpyxl book without a drawing, xlsxwriter's with its chart.
      const lo = path.join(tmp.dir, 'lo');
      mkdirSync(lo);
      const outs = sofficeConvert(
        [path.join(dir, 'openpyxl.xlsx'), path.join(dir, 'xlsxwriter-drawing.xlsx')],
        'xlsx',
        lo,
      );
      books.push({ name: 'libreoffice', before: 0, bytes: new Uint8Array(readFileSync(outs[0])) });
      books.push({ name: 'libreoffice-drawing', before: 1, bytes: new Uint8Array(readFileSync(outs[1])) });
    }
  }
  const out = path.join(tmp.dir, 'out');
  mkdirSync(out);
  for (const b of books) {
    const patched = addSheetCharts(b.bytes, SHEET, CHARTS);
    const file = path.join(out, `${b.name}.xlsx`);
    writeFileSync(file, patched);
    cases.push({ name: b.name, before: b.before, original: b.bytes, patched, file });
  }
}, 180_000);

describe('addSheetCharts on workbooks from every writer', () => {
  it('covers exceljs, openpyxl, xlsxwriter and LibreOffice, each with and without a drawing', () => {
    const names = cases.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['exceljs', 'exceljs-drawing']));
    if (has('openpyxl') && has('xlsxwriter') && has('soffice'))
      expect(names).toEqual(
        expect.arrayContaining([
          'openpyxl',
          'openpyxl-drawing',
          'xlsxwriter',
          'xlsxwriter-drawing',
          'libreoffice',
          'libreoffice-drawing',
        ]),
      );
  });

  it('adds one anchored chart part per chart, its caches equal to the cells, after what was drawn', () => {
    for (const c of cases) {
      const parts = new Map(unzip(c.patched).map((e) => [e.name, e.data]));
      const { name, doc } = drawingOf(parts, SHEET);
      const anchored = anchoredCharts(parts, name, doc);
      expect(anchored, c.name).toHaveLength(c.before + CHARTS.length);
      const ours = anchored.slice(c.before);
      // What was there stays: the same anchors first, pointing at the same parts.
      if (c.before) {
        const old = new Map(unzip(c.original).map((e) => [e.name, e.data]));
        const was = drawingOf(old, SHEET);
        expect(anchoredCharts(old, was.name, was.doc), c.name).toEqual(anchored.slice(0, c.before));
        for (const p of anchored.slice(0, c.before)) if (p) expect(parts.get(p), p).toEqual(old.get(p));
      }
      ours.forEach((part, k) => {
        expect(part, c.name).toMatch(/^xl\/charts\/chart\d+\.xml$/);
        const data = chartData(parseXmlBytes(parts.get(part!)!));
        const spec = CHARTS[k];
        expect(data.kind, c.name).toBe(spec.kind);
        expect(data.title, c.name).toBe(spec.title);
        expect(
          data.series.map((s) => s.name),
          c.name,
        ).toEqual(spec.series.map((s) => s.name));
        data.series.forEach((s, i) => {
          const col = 'ABCD'.indexOf(spec.series[i].values[0]);
          expect(s.categories, c.name).toEqual(ROWS.slice(1).map((r) => r[0]));
          expect(s.values, c.name).toEqual(ROWS.slice(1).map((r) => r[col]));
          expect(s.ref, c.name).toBe(sheetRangeRef(SHEET, spec.series[i].values));
          expect(s.ref, c.name).toBe(`'单位''s 数据'!$${'ABCD'[col]}$2:$${'ABCD'[col]}$5`);
        });
        const ct = new TextDecoder().decode(parts.get('[Content_Types].xml')!);
        expect(ct, c.name).toContain(`PartName="/${part}"`);
      });
    }
  });

  it('names its fonts (黑体 title, 宋体 text), never Calibri, and draws nothing in 3-D', () => {
    const parts = new Map(unzip(cases[0].patched).map((e) => [e.name, e.data]));
    const { name, doc } = drawingOf(parts, SHEET);
    for (const part of anchoredCharts(parts, name, doc)) {
      const xml = new TextDecoder().decode(parts.get(part!)!);
      expect(xml).toContain('<a:latin typeface="黑体"/><a:ea typeface="黑体"/>');
      expect(xml).toContain('<a:ea typeface="宋体"/>');
      expect(xml).not.toMatch(/Calibri|3DChart|view3D|bubble3D/);
      // every text property names its East Asian font
      const root = parseXml(xml).root;
      const A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
      for (const el of [...descendants(root, A, 'defRPr'), ...descendants(root, A, 'rPr')])
        expect(childElement(el, A, 'ea'), part!).toBeTruthy();
    }
  });

  it.skipIf(!has('xmllint'))('every new part parses with xmllint', () => {
    for (const c of cases) {
      const dir = path.join(tmp.dir, 'xml', c.name);
      const files: string[] = [];
      for (const e of unzip(c.patched)) {
        if (!/(charts|drawings)\/.*\.xml(\.rels)?$|Content_Types|worksheets\/sheet\d+\.xml$/.test(e.name))
          continue;
        const f = path.join(dir, e.name);
        mkdirSync(path.dirname(f), { recursive: true });
        writeFileSync(f, e.data);
        files.push(f);
      }
      expect(files.length, c.name).toBeGreaterThan(4);
      execFileSync('xmllint', ['--noout', ...files], { stdio: 'pipe' });
    }
  });

  it.skipIf(!has('openpyxl'))('openpyxl loads every result without a warning and sees every chart', () => {
    const out = JSON.parse(
      execFileSync(openpyxlPython()!, ['-c', PY_LOAD, SHEET, ...cases.map((c) => c.file)], {
        encoding: 'utf8',
      }),
    ) as Record<string, [string | null, string][]>;
    for (const c of cases) {
      const charts = out[c.file];
      // openpyxl keeps charts only (exceljs' picture is an image to it)
      const ours = charts.slice(charts.length - CHARTS.length);
      expect(
        ours.map((x) => x[0]),
        c.name,
      ).toEqual(CHARTS.map((x) => x.title));
      expect(
        ours.map((x) => x[1]),
        c.name,
      ).toEqual(['BarChart', 'BarChart', 'PieChart']);
    }
  });

  it.skipIf(!has('soffice') || !has('pdftotext'))(
    'LibreOffice prints every result with the charts’ titles and labels on the page',
    () => {
      const dir = path.join(tmp.dir, 'pdf');
      mkdirSync(dir);
      const pdfs = sofficeConvert(
        cases.map((c) => c.file),
        'pdf',
        dir,
      );
      pdfs.forEach((pdf, i) => {
        const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
        for (const ch of CHARTS) expect(text, cases[i].name).toContain(ch.title);
        // the pie's labels say the share
        expect(text, cases[i].name).toMatch(/\d+%/);
      });
    },
    180_000,
  );
});

describe('chart parts', () => {
  it('a literal chart (Word) reads back as written; gaps stay gaps', () => {
    const xml = chartSpaceXml({
      kind: 'column',
      categories: ['甲', '乙', '丙'],
      series: [
        { name: '本期', values: [1, null, 2.5] },
        { name: '上期', values: [0, 3, 4] },
      ],
    });
    expect(xml).toContain('<c:numLit>');
    expect(xml).toContain('<c:strLit>');
    expect(xml).toContain('<c:autoTitleDeleted val="1"/>');
    const data = chartData(parseXml(xml));
    expect(data).toEqual({
      kind: 'column',
      stacked: false,
      title: null,
      series: [
        { name: '本期', categories: ['甲', '乙', '丙'], values: [1, null, 2.5], ref: null },
        { name: '上期', categories: ['甲', '乙', '丙'], values: [0, 3, 4], ref: null },
      ],
    });
  });

  it('stacked bars overlap fully and label inside; bars of one series need no legend', () => {
    const stacked = chartSpaceXml({
      kind: 'bar',
      stacked: true,
      title: '堆积',
      categories: ['甲'],
      series: [
        { name: 'a', values: [1] },
        { name: 'b', values: [2] },
      ],
    });
    expect(stacked).toContain('<c:grouping val="stacked"/>');
    expect(stacked).toContain('<c:overlap val="100"/>');
    expect(stacked).toContain('<c:dLblPos val="ctr"/>');
    expect(stacked).toContain('<c:legend>');
    const single = chartSpaceXml({
      kind: 'bar',
      title: '单',
      categories: ['甲'],
      series: [{ name: 'a', values: [1] }],
    });
    expect(single).not.toContain('<c:legend>');
    expect(single).toContain('<c:dLblPos val="outEnd"/>');
  });

  it('the value axis steps by whole numbers, about five steps to the largest bar', () => {
    expect([0, 3, 5, 7, 12, 40, 230, 1800].map(axisStep)).toEqual([1, 1, 1, 2, 5, 10, 50, 500]);
  });

  it('refuses what it cannot chart with a Chinese message', async () => {
    const bytes = await exceljsBook(false);
    const one = (over: Partial<SheetChart>) => () =>
      addSheetCharts(bytes, SHEET, [{ ...CHARTS[1], ...over }]);
    expect(() => addSheetCharts(bytes, '没有', CHARTS)).toThrow(new PackageError('工作簿中没有工作表“没有”'));
    expect(one({ categories: 'A2:B5' })).toThrow('图表的数据区域“A2:B5”应为一行或一列');
    expect(one({ series: [{ name: 'x', values: 'B2:B4' }] })).toThrow('长短不一');
    expect(one({ anchor: '甲1' })).toThrow('图表的单元格区域“甲1”无效');
    expect(addSheetCharts(bytes, SHEET, [])).toBe(bytes);
  });

  it('a formula cell charts its cached result; a text cell is a gap', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('表');
    ws.addRow(['甲', 2]);
    ws.addRow(['乙', '—']);
    ws.addRow(['合计', { formula: 'SUM(B1:B2)', result: 2 } as any]);
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const out = addSheetCharts(bytes, '表', [
      {
        kind: 'bar',
        title: 't',
        categories: 'A1:A3',
        series: [{ name: 's', values: 'B1:B3' }],
        anchor: 'D1:H10',
      },
    ]);
    const chart = unzip(out).find((e) => e.name === 'xl/charts/chart1.xml')!;
    expect(chartData(parseXmlBytes(chart.data)).series[0].values).toEqual([2, null, 2]);
  });
});
