// 汇总台账 a leader can print: 总览 first (title, round, counts, risks by category × level, key metrics,
// leading units), 报送情况 with 按时/迟报 and contacts, 催报名单, the long 指标明细 beside the wide
// 指标汇总, and every sheet set up for A4 landscape with the header row repeated and page numbers —
// checked in the parts and in LibreOffice's PDF.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamingTrackingBook } from '../importer/src/folder/tracking-book';
import { SHEETS, STATUS_LABEL } from '../importer/src/import/labels';
import {
  chartedMetric,
  overviewMetrics,
  STATUS_COLUMNS,
  trackingFileName,
  trackingTitle,
  writeTracking,
  type MetricRow,
  type RiskRow,
  type StatusRow,
} from '../importer/src/import/tracking';
import {
  childElements,
  definition,
  getAttr,
  parseXml,
  reminderItems,
  timelinessOf,
  type Risk,
} from '../templates/src/index';
import { pageCount, pageLines, pageSize } from './helpers/pdf';
import { has, sofficeConvert, tempDir } from './helpers/tools';
import { sheetXml } from './helpers/xlsx-parts';

const def = definition;
const tmp = tempDir('yanpan-tracking-');
afterAll(() => tmp.cleanup());

const round = { year: 2023, period: '第三季度', reportKind: '季度分析研判报告' };
const DEADLINE = '2023-10-10';
const N = 60; // enough units for several printed pages

function unitName(i: number): string {
  return `测试单位${String(i + 1).padStart(2, '0')}局`;
}

function status(i: number): StatusRow {
  const missing = i % 15 === 14;
  const errors = i % 10 === 3 ? 2 : 0;
  const fillDate = missing ? null : i % 7 === 5 ? '2023-10-13' : '2023-10-09';
  return {
    code: `U${String(i + 1).padStart(3, '0')}`,
    name: unitName(i),
    group: i % 2 ? '党群部门' : '政府部门',
    status: missing ? 'missing' : errors ? 'errors' : 'ok',
    file: missing ? null : `收件/${unitName(i)}.xlsx`,
    fillDate,
    errors,
    warnings: 0,
    risks: 1,
    high: 0,
    overdue: 0,
    note: '',
    contact: `联系人${i + 1}`,
    phone: `1380000${String(i).padStart(4, '0')}`,
    timeliness: missing ? null : timelinessOf(DEADLINE, fillDate, null),
  };
}

const statusRows = Array.from({ length: N }, (_, i) => status(i));
const counted = statusRows.filter((r) => r.status === 'ok');
const metricRows: MetricRow[] = counted.map((r, k) => ({
  code: r.code,
  name: r.name,
  group: r.group,
  current: def.metrics.map((_, j) => (j === 1 && k % 3 === 0 ? null : ((k * 7 + j * 3) % 11) + 1)),
}));
const levels = def.vocab.riskLevel.values;
const cats = def.vocab.riskCategory.values;
const riskRows: RiskRow[] = counted.map((r, k) => ({
  code: r.code,
  name: r.name,
  risk: {
    riskId: `FX-${k + 1}`,
    category: cats[k % cats.length],
    level: levels[k % levels.length],
    description: '网络平台评论区出现不当言论',
    measures: '及时处置并加强巡查',
    status: '整改中',
    overdue: false,
  } as unknown as Risk,
}));

async function* iter<T>(xs: T[]): AsyncIterable<T> {
  for (const x of xs) yield x;
}

const file = path.join(tmp.dir, trackingFileName(round, def));
let charts: Awaited<ReturnType<typeof writeTracking>>['charts'];
let wb: ExcelJS.Workbook;
let zip: JSZip;
const reminders = reminderItems(
  statusRows.map((r) => ({
    ...r,
    returnCopy: r.status === 'errors' ? `${r.name}-退回修改-2023年第三季度.xlsx` : null,
  })),
);

beforeAll(async () => {
  let bytes: Uint8Array;
  ({ charts, bytes } = await writeTracking(
    {
      statusRows,
      metricRows,
      riskRows: iter(riskRows),
      issueRows: iter([]),
      fileRows: statusRows
        .filter((r) => r.file)
        .map((r) => ({ file: r.file!, status: '已采用', unit: r.name, note: '' })),
      reminders,
      round,
      issuer: '市直机关工委',
      asOf: '2023-10-20',
      created: new Date('2023-10-20T08:00:00Z'),
    },
    def,
    streamingTrackingBook,
  ));
  writeFileSync(file, bytes);
  wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(file) as any);
  zip = await JSZip.loadAsync(readFileSync(file));
}, 60_000);

describe('汇总台账 structure', () => {
  it('is named and titled by the round', () => {
    expect(path.basename(file)).toBe('2023年第三季度汇总台账.xlsx');
    expect(trackingTitle(round, def)).toBe('2023年第三季度意识形态工作汇总台账');
    expect(trackingFileName({ year: 2023, period: '全年' }, def)).toBe('2023年度汇总台账.xlsx');
    expect(trackingFileName(null, def)).toBe('汇总台账.xlsx');
  });

  it('opens on 总览, the first tab, followed by the data sheets', async () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      SHEETS.overview,
      SHEETS.status,
      SHEETS.reminders,
      SHEETS.metrics,
      SHEETS.metricsLong,
      SHEETS.risks,
      SHEETS.stats,
      SHEETS.issues,
      SHEETS.files,
    ]);
    const book = await zip.file('xl/workbook.xml')!.async('string');
    expect(book).toMatch(/<workbookView[^>]*activeTab="0"/);
    // Each print-titles name belongs to its own sheet after the move (报送情况 is now index 1).
    const titles = [
      ...book.matchAll(/<definedName name="_xlnm.Print_Titles" localSheetId="(\d+)">([^<]*)</g),
    ];
    expect(titles.length).toBeGreaterThan(4);
    for (const [, id, ref] of titles) expect(ref).toContain(`'${wb.worksheets[Number(id)].name}'!`);
  });

  it('总览 holds the title, the round, the issuer and exact counts', () => {
    const ws = wb.getWorksheet(SHEETS.overview)!;
    expect(ws.getCell('A1').value).toBe('2023年第三季度意识形态工作汇总台账');
    expect(String(ws.getCell('A2').value)).toBe(
      '报告期：2023年第三季度（季度分析研判报告）\u3000\u3000汇总单位：市直机关工委\u3000\u3000生成日期：2023年10月20日',
    );
    const values = new Map<string, unknown>();
    ws.eachRow((row) => values.set(String(row.getCell(1).value), row.getCell(2).value));
    const submitted = statusRows.filter((r) => r.status !== 'missing');
    expect(values.get('应报单位')).toBe(N);
    expect(values.get('已报送')).toBe(submitted.length);
    expect(values.get('迟报')).toBe(submitted.filter((r) => r.fillDate === '2023-10-13').length);
    expect(values.get('按时报送')).toBe(submitted.filter((r) => r.fillDate === '2023-10-09').length);
    expect(values.get('有错误或无法使用')).toBe(statusRows.filter((r) => r.status === 'errors').length);
    expect(values.get('未报送')).toBe(statusRows.filter((r) => r.status === 'missing').length);
  });

  it('总览 counts risks by category and level, names the key metrics and the leading units', () => {
    const ws = wb.getWorksheet(SHEETS.overview)!;
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    for (const c of cats) {
      const row = rows.find((r) => r[0] === c)!;
      levels.forEach((l, i) =>
        expect(row[1 + i], `${c} ${l}`).toBe(
          riskRows.filter((x) => x.risk.category === c && x.risk.level === l).length,
        ),
      );
    }
    const keyed = overviewMetrics(def);
    expect(keyed.length).toBe(new Set(def.metrics.map((m) => m.category)).size);
    for (const j of keyed) {
      const m = def.metrics[j];
      const row = rows.find((r) => r[0] === m.name)!;
      const vals = metricRows.map((r) => r.current[j]).filter((v): v is number => v !== null);
      expect(row[2], m.name).toBe(vals.length);
      expect(row[3], m.name).toBe(vals.reduce((a, b) => a + b, 0));
    }
    // The leading units of the charted metric, largest first, ties in roster order.
    const j = chartedMetric(def);
    const expected = metricRows
      .map((r, k) => ({ name: r.name, v: r.current[j] as number, k }))
      .sort((a, b) => b.v - a.v || a.k - b.k)
      .slice(0, 10)
      .map((x) => [x.name, x.v]);
    const start = rows.findIndex((r) => String(r[0]).startsWith('四、'));
    expect(rows.slice(start + 2, start + 12).map((r) => [r[0], r[1]])).toEqual(expected);
    expect(charts.metric?.categories).toMatch(/^A\d+:A\d+$/);
  });

  it('报送情况 says 按时/迟报 with days late, and each unit’s contact', () => {
    const ws = wb.getWorksheet(SHEETS.status)!;
    const col = (l: (typeof STATUS_COLUMNS)[number]) => STATUS_COLUMNS.indexOf(l) + 1;
    for (let i = 0; i < N; i++) {
      const r = ws.getRow(i + 2);
      const s = statusRows[i];
      expect(r.getCell(col('单位名称')).value).toBe(s.name);
      expect(r.getCell(col('按时/迟报')).value ?? '').toBe(
        s.status === 'missing' ? '' : s.fillDate === '2023-10-13' ? '迟报' : '按时',
      );
      expect(r.getCell(col('迟报天数')).value ?? null).toBe(
        s.fillDate === '2023-10-13' && s.status !== 'missing' ? 3 : null,
      );
      expect(r.getCell(col('联系人')).value).toBe(s.contact);
      expect(r.getCell(col('联系电话')).value).toBe(s.phone);
    }
    expect(ws.getRow(16).getCell(col('报送状态')).value).toBe(STATUS_LABEL.missing);
  });

  it('催报名单 lists exactly the units to chase with contact and return copy', () => {
    const ws = wb.getWorksheet(SHEETS.reminders)!;
    const names: string[] = [];
    for (let r = 2; r <= ws.rowCount; r++) names.push(String(ws.getCell(r, 2).value));
    const expected = statusRows.filter((s) => s.status !== 'ok' || s.timeliness?.late).map((s) => s.name);
    expect(names).toEqual(expected);
    const errorUnit = statusRows.find((s) => s.status === 'errors')!;
    const row = names.indexOf(errorUnit.name) + 2;
    expect(ws.getCell(row, 3).value).toBe('退回修改');
    expect(ws.getCell(row, 4).value).toBe(errorUnit.contact);
    expect(ws.getCell(row, 7).value).toBe(`${errorUnit.name}-退回修改-2023年第三季度.xlsx`);
  });

  it('指标明细 has one row per unit and metric with a value, equal to 指标汇总', () => {
    const long = wb.getWorksheet(SHEETS.metricsLong)!;
    const wide = wb.getWorksheet(SHEETS.metrics)!;
    const fromLong = new Map<string, unknown>();
    for (let r = 2; r <= long.rowCount; r++)
      fromLong.set(`${long.getCell(r, 2).value}|${long.getCell(r, 5).value}`, long.getCell(r, 8).value);
    const fromWide = new Map<string, unknown>();
    for (let r = 2; wide.getCell(r, 1).value !== '合计'; r++)
      def.metrics.forEach((m, j) => {
        const v = wide.getCell(r, 4 + j).value;
        if (v !== null && v !== undefined) fromWide.set(`${wide.getCell(r, 2).value}|${m.id}`, v);
      });
    expect(fromLong.size).toBe(metricRows.length * def.metrics.length - Math.ceil(metricRows.length / 3));
    expect(fromLong).toEqual(fromWide);
  });

  it('sets every sheet up for A4 landscape, fit to width, with header rows repeated and page numbers', async () => {
    for (const ws of wb.worksheets) {
      const xml = await sheetXml(zip, ws.name);
      expect(xml, ws.name).toMatch(/<pageSetup[^>]*paperSize="9"[^>]*orientation="landscape"/);
      expect(xml, ws.name).toMatch(/<pageSetup[^>]*fitToWidth="1"[^>]*fitToHeight="0"/);
      expect(xml, ws.name).toContain('<pageSetUpPr fitToPage="1"/>');
      expect(xml, ws.name).toMatch(/<oddFooter>[^<]*第 &amp;P 页，共 &amp;N 页<\/oddFooter>/);
      expect(xml, ws.name).toContain('2023年第三季度意识形态工作汇总台账');
    }
    // Every table sheet repeats its header row on each printed page (总览 is laid out as one page).
    const book = parseXml(await zip.file('xl/workbook.xml')!.async('string')).root;
    const names = childElements(book).find((e) => e.local === 'definedNames');
    const titled = new Set(
      childElements(names!)
        .filter((n) => getAttr(n, 'name') === '_xlnm.Print_Titles')
        .map((n) => wb.worksheets[Number(getAttr(n, 'localSheetId'))].name),
    );
    for (const ws of wb.worksheets)
      if (ws.name !== SHEETS.overview) expect(titled.has(ws.name), ws.name).toBe(true);
  });
});

describe.skipIf(!has('soffice') || !has('pdftotext'))('汇总台账 printed by LibreOffice', () => {
  let pdf: string;
  beforeAll(() => {
    [pdf] = sofficeConvert([file], 'pdf', tmp.dir);
  }, 180_000);

  it('prints on A4 landscape with page numbers, and never cuts 报送情况 or 指标汇总 across pages', () => {
    const pages = pageCount(pdf);
    const lastStatus = STATUS_COLUMNS[STATUS_COLUMNS.length - 1];
    const lastMetric = def.metrics[def.metrics.length - 1].name;
    let statusPages = 0;
    let metricPages = 0;
    for (let p = 1; p <= pages; p++) {
      const { width, height } = pageSize(pdf, p);
      expect(Math.round(width)).toBe(842);
      expect(Math.round(height)).toBe(595);
      const text = pageLines(pdf, p)
        .map((l) => l.text)
        .join('\n');
      expect(text, `page ${p}`).toContain(`第${p}页，共${pages}页`);
      // The page header names the round in full (a year right after a font-size code is not lost).
      expect(text.replace(/\s/g, ''), `page ${p}`).toContain('2023年第三季度意识形态工作汇总台账');
      // A page of 报送情况 carries its repeated header from 序号 to the last column.
      if (text.includes('按时/迟报')) {
        statusPages++;
        expect(text).toContain('序号');
        expect(text).toContain(lastStatus);
      }
      if (text.includes('指标汇总')) {
        metricPages++;
        expect(text.replace(/\s/g, '')).toContain(lastMetric.slice(0, 6));
      }
    }
    expect(statusPages).toBeGreaterThanOrEqual(2); // 60 units run over a page: the header repeats
    expect(metricPages).toBeGreaterThanOrEqual(1);
  });
});
