// 总览's native charts (importer/src/import/tracking-charts.ts) and the summary report's figures
// (templates/src/report/summary-charts.ts, the figure block of report/ooxml.ts), from one round's data:
// the chart parts sit at the cells writeTracking reserved and cache exactly 总览's numbers; openpyxl and
// xmllint accept them; LibreOffice prints them on 总览's A4 landscape pages; the summary report's two
// figures show the same numbers as the workbook's charts, each right after the paragraph that names it,
// drawn as vector graphics above a centred 楷体 caption on the line grid. And through the importer
// itself (runImport on the demo set): the report's figures equal 总览's cells.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AS_OF, DEMO_ISSUER, buildDemoSet } from '../importer/src/demo/generate';
import { Aggregator } from '../importer/src/import/aggregate';
import { SHEETS, TOTAL_LABEL } from '../importer/src/import/labels';
import { runImport } from '../importer/src/folder/run-import';
import { toSummaryInput } from '../importer/src/import/summary';
import {
  METRIC_SERIES,
  addOverviewCharts,
  overviewChartList,
  timelinessCounts,
} from '../importer/src/import/tracking-charts';
import {
  UNCATEGORISED,
  trackingFileName,
  writeTracking,
  type MetricRow,
  type OverviewCharts,
  type RiskRow,
  type StatusRow,
} from '../importer/src/import/tracking';
import {
  CHART_TITLES,
  STATUS_SERIES,
  SUBMISSION_LABELS,
  ZipReader,
  blocksToDocx,
  definition,
  parseA1,
  readWorkbook,
  sheetRangeRef,
  summaryReportBlocks,
  summaryReportDocx,
  summaryTitle,
  timelinessOf,
  type CellValue,
  type ChartData,
  type Risk,
  type SummaryInput,
} from '../templates/src/index';
import { docxCharts, partsOf, sheetCharts } from './helpers/chart-parts';
import { privateBuild } from './import-build';
import { inkRows, pageCount, pageLines, pageSize, type Line } from './helpers/pdf';
import { has, openpyxlPython, sofficeConvert, tempDir } from './helpers/tools';

const def = definition;
const round = { year: 2023, period: '第三季度', reportKind: '季度分析研判报告' };
const DEADLINE = '2023-10-10';
const N = 26;
const levels = def.vocab.riskLevel.values;
const cats = def.vocab.riskCategory.values;

// ---- one round: a roster with a deadline; missing, late, erroneous and warned units ----
const statusRows: StatusRow[] = Array.from({ length: N }, (_, i) => {
  const missing = i % 8 === 7;
  const status = missing ? 'missing' : i % 6 === 2 ? 'errors' : i % 9 === 4 ? 'warnings' : 'ok';
  const fillDate = missing ? null : i % 5 === 1 ? '2023-10-12' : '2023-10-09';
  return {
    code: `D${String(i + 1).padStart(3, '0')}`,
    name: `示例单位${i + 1}`,
    group: null,
    status,
    file: missing ? null : `示例单位${i + 1}.xlsx`,
    fillDate,
    errors: status === 'errors' ? 1 : 0,
    warnings: status === 'warnings' ? 1 : 0,
    risks: 0,
    high: 0,
    overdue: 0,
    note: '',
    timeliness: missing ? null : timelinessOf(DEADLINE, fillDate, null),
  };
});
const counted = statusRows.filter((r) => r.status === 'ok' || r.status === 'warnings');
const metricRows: MetricRow[] = counted.map((r, k) => ({
  code: r.code,
  name: r.name,
  group: null,
  current: def.metrics.map((_, j) => ((k * 5 + j * 7) % 13) + (j === 0 ? 2 : 0)),
}));
/** Each counted unit's risks; one of them in a category outside the vocabulary (→ 未分类). */
const risksOf = (k: number): Risk[] =>
  Array.from({ length: (k % 3) + 1 }, (_, n) => ({
    riskId: `FX-${k}-${n}`,
    category: k === 4 && n === 0 ? '外部来源' : cats[(k + n * 2) % (cats.length - 1)],
    level: levels[(k * 2 + n) % levels.length],
    description: '网络平台评论区出现不当言论',
    measures: '及时处置并加强巡查',
    deadline: null,
    status: '整改中',
    overdue: false,
  })) as unknown as Risk[];
const riskRows: RiskRow[] = counted.flatMap((r, k) =>
  risksOf(k).map((risk) => ({ code: r.code, name: r.name, risk })),
);

async function* iter<T>(xs: T[]): AsyncIterable<T> {
  for (const x of xs) yield x;
}

const tmp = tempDir('yanpan-tracking-charts-');
afterAll(() => tmp.cleanup());

let charts: OverviewCharts;
let workbook: Uint8Array;
let workbookFile: string;
let overview: CellValue[][];
let summaryInput: SummaryInput;
let docx: Uint8Array;
let docxFile: string;

beforeAll(async () => {
  const stats = await writeTracking(
    {
      statusRows,
      metricRows,
      riskRows: iter(riskRows),
      issueRows: iter([]),
      round,
      issuer: '市直机关工委',
      asOf: '2023-10-20',
      created: new Date('2023-10-20T08:00:00Z'),
    },
    def,
  );
  charts = stats.charts;
  workbook = addOverviewCharts(stats.bytes, charts);
  workbookFile = path.join(tmp.dir, trackingFileName(round, def));
  writeFileSync(workbookFile, workbook);
  overview = readWorkbook(new ZipReader(workbook)).sheets.find((s) => s.name === SHEETS.overview)!.rows;

  // The summary report from the same round, its input built as the importer builds it (run-import.ts:
  // the aggregate of the counted units, the tracking workbook's category × level counts).
  const agg = new Aggregator(def);
  counted.forEach((r, k) => {
    agg.addUnit(r.name, metricRows[k].current, round);
    for (const risk of risksOf(k)) agg.addRisk(r.name, risk);
  });
  const count = (f: (r: StatusRow) => boolean) => statusRows.filter(f).length;
  const aggregate = agg.result({
    expected: N,
    submitted: count((r) => r.status !== 'missing'),
    passed: count((r) => r.status === 'ok'),
    withWarnings: count((r) => r.status === 'warnings'),
    withErrors: count((r) => r.status === 'errors' || r.status === 'unusable'),
    missing: statusRows.filter((r) => r.status === 'missing').map((r) => ({ code: r.code, name: r.name })),
    unknown: [],
  });
  summaryInput = toSummaryInput(aggregate, def, {
    issuer: '市直机关工委',
    date: '2023-10-20',
    byCategory: stats.byCategory,
    timeliness: timelinessCounts(statusRows),
  });
  docx = await summaryReportDocx(summaryInput, def);
  docxFile = path.join(tmp.dir, `${summaryTitle(summaryInput, def)}.docx`);
  writeFileSync(docxFile, docx);
}, 120_000);

/** The cells of an A1 range of 总览 (one row or column). */
function cells(range: string): CellValue[] {
  const [a, b] = range.split(':').map(parseA1);
  const out: CellValue[] = [];
  for (let r = a.row; r <= b.row; r++)
    for (let c = a.col; c <= b.col; c++) out.push(overview[r]?.[c] ?? null);
  return out;
}

/** `file` printed by LibreOffice into a folder of its own. */
function printed(file: string, folder: string): string {
  const dir = path.join(tmp.dir, folder);
  mkdirSync(dir);
  return sofficeConvert([file], 'pdf', dir)[0];
}

/** A PDF line's text without spaces (pdftotext splits Chinese text at the renderer's gaps). */
const squash = (l: Line) => l.text.replace(/\s/g, '');

/** A chart's numbers by category (and series): "应报单位|单位数" → 26. */
function numbers(d: ChartData): Map<string, number | null> {
  const out = new Map<string, number | null>();
  for (const s of d.series) s.categories.forEach((c, i) => out.set(`${c}|${s.name}`, s.values[i] ?? null));
  return out;
}

describe('总览 charts in the tracking workbook', () => {
  it('sits at the cells writeTracking reserved, one chart a table', () => {
    const found = sheetCharts(partsOf(workbook), SHEETS.overview);
    expect(found.map((c) => c.anchor)).toEqual([
      charts.status.anchor,
      charts.risks!.anchor,
      charts.metric!.anchor,
    ]);
    expect(found.map((c) => c.data.title)).toEqual([
      CHART_TITLES.status,
      CHART_TITLES.risks,
      charts.metric!.title,
    ]);
    expect(found.map((c) => c.data.kind)).toEqual(['bar', 'column', 'bar']);
  });

  it('caches exactly 总览’s numbers, its series referring to those cells', () => {
    const found = sheetCharts(partsOf(workbook), SHEETS.overview);
    overviewChartList(charts).forEach((spec, k) => {
      const d = found[k].data;
      expect(d.series.map((s) => s.name)).toEqual(spec.series.map((s) => s.name));
      d.series.forEach((s, i) => {
        expect(s.categories).toEqual(cells(spec.categories).map((v) => String(v ?? '')));
        expect(s.values).toEqual(cells(spec.series[i].values).map((v) => (typeof v === 'number' ? v : null)));
        expect(s.ref).toBe(sheetRangeRef(SHEETS.overview, spec.series[i].values));
      });
    });
    // …and those are the round's numbers.
    const submitted = statusRows.filter((r) => r.status !== 'missing');
    expect(found[0].data.series[0]).toMatchObject({
      name: STATUS_SERIES,
      categories: Object.values(SUBMISSION_LABELS),
      values: [
        N,
        submitted.length,
        submitted.filter((r) => r.fillDate === '2023-10-09').length,
        submitted.filter((r) => r.fillDate === '2023-10-12').length,
        statusRows.filter((r) => r.status === 'errors').length,
        N - submitted.length,
      ],
    });
    const risks = numbers(found[1].data);
    expect(found[1].data.series[0].categories).toEqual([...cats, UNCATEGORISED]);
    for (const c of [...cats, UNCATEGORISED])
      for (const l of levels)
        expect(risks.get(`${c}|${l}`), `${c} ${l}`).toBe(
          riskRows.filter(
            (r) =>
              (cats.includes(r.risk.category!) ? r.risk.category : UNCATEGORISED) === c && r.risk.level === l,
          ).length,
        );
    expect(found[2].data.series[0].name).toBe(METRIC_SERIES);
    expect(found[2].data.series[0].values.length).toBeGreaterThan(5);
  });

  it('without a deadline, 按时 and 迟报 are gaps in the chart as they are dashes on 总览', async () => {
    const { charts: c, bytes } = await writeTracking(
      {
        statusRows: statusRows.map((r) => ({ ...r, timeliness: null })),
        metricRows: [],
        riskRows: iter([]),
        issueRows: iter([]),
        round,
        created: new Date('2023-10-20T08:00:00Z'),
      },
      def,
    );
    expect(c.risks).toBeNull();
    expect(c.metric).toBeNull();
    const out = addOverviewCharts(bytes, c);
    const found = sheetCharts(partsOf(out), SHEETS.overview);
    expect(found).toHaveLength(1);
    expect(found[0].data.series[0].values).toEqual([N, 23, null, null, 4, 3]);
    expect(timelinessCounts(statusRows.map((r) => ({ ...r, timeliness: null })))).toBeNull();
  });

  it.skipIf(!has('openpyxl'))('opens in openpyxl without a warning, 总览 with its three charts', () => {
    const out = execFileSync(
      openpyxlPython()!,
      [
        '-c',
        [
          'import sys, warnings, openpyxl',
          // a chart openpyxl cannot read is a warning ("Unable to read chart"): an error here; exceljs'
          // data bars on 指标汇总 (an x14 extension openpyxl drops) are not the charts' business
          'warnings.simplefilter("error")',
          'warnings.filterwarnings("ignore", message=".*extension is not supported")',
          'ws = openpyxl.load_workbook(sys.argv[1])[sys.argv[2]]',
          'print(len(ws._charts))',
        ].join('\n'),
        workbookFile,
        SHEETS.overview,
      ],
      { encoding: 'utf8' },
    );
    expect(out.trim()).toBe('3');
  });

  it.skipIf(!has('xmllint'))('its chart and drawing parts parse with xmllint', () => {
    const dir = path.join(tmp.dir, 'parts');
    const files = [...partsOf(workbook)]
      .filter(([name]) => /^xl\/(charts|drawings)\//.test(name))
      .map(([name, data]) => {
        const f = path.join(dir, name);
        mkdirSync(path.dirname(f), { recursive: true });
        writeFileSync(f, data);
        return f;
      });
    expect(files.length).toBe(5); // three charts, the drawing and its relationships
    execFileSync('xmllint', ['--noout', ...files], { stdio: 'pipe' });
  });

  it.skipIf(!has('soffice') || !has('pdftotext'))(
    'LibreOffice prints the charts on 总览’s A4 landscape pages, beside their tables',
    () => {
      const pdf = printed(workbookFile, 'xlsx-pdf');
      const pageOf = (text: string) => {
        for (let p = 1; p <= pageCount(pdf); p++)
          if (pageLines(pdf, p).some((l) => squash(l).includes(text))) return p;
        return 0;
      };
      // 总览 is the first tab: its two pages come first, sections 一–二 and 三–四.
      expect(pageOf('一、报送情况')).toBe(1);
      expect(pageOf('三、主要工作指标')).toBe(2);
      const where = [
        [CHART_TITLES.status, 1],
        [CHART_TITLES.risks, 1],
        [charts.metric!.title, 2],
      ] as const;
      for (const [title, page] of where) {
        const { width, height } = pageSize(pdf, page);
        expect([Math.round(width), Math.round(height)]).toEqual([842, 595]);
        const line = pageLines(pdf, page).find((l) => squash(l) === title);
        expect(line, title).toBeTruthy();
        // the charts stand right of the tables (columns J–Q)
        expect(line!.xMin, title).toBeGreaterThan(width / 2);
      }
      // the bars' value labels print too: the status chart's largest bar says N
      const right = pageLines(pdf, 1).filter((l) => l.xMin > pageSize(pdf, 1).width / 2);
      expect(right.some((l) => squash(l) === String(N))).toBe(true);
    },
    180_000,
  );
});

describe('figures in the summary report', () => {
  it('carries two figures with the workbook’s numbers', () => {
    const figs = docxCharts(partsOf(docx));
    const found = sheetCharts(partsOf(workbook), SHEETS.overview);
    expect(figs.map((f) => f.part)).toEqual(['word/charts/chart1.xml', 'word/charts/chart2.xml']);
    // status: every count the report draws, the same as 总览's chart; all six with a deadline
    expect(figs[0].data.series[0].categories).toEqual(Object.values(SUBMISSION_LABELS));
    expect(numbers(figs[0].data)).toEqual(numbers(found[0].data));
    // risks by category × level
    expect(figs[1].data.series.map((s) => s.name)).toEqual([...levels]);
    expect(numbers(figs[1].data)).toEqual(numbers(found[1].data));
    // listed in the content types and reachable from document.xml (docxCharts followed its relationships)
    const types = new TextDecoder().decode(partsOf(docx).get('[Content_Types].xml')!);
    for (const f of figs) expect(types).toContain(`PartName="/${f.part}"`);
    // literal values in the document (no workbook to refer to), no title inside (the caption names it)
    for (const f of figs) {
      expect(f.data.title).toBeNull();
      for (const s of f.data.series) expect(s.ref).toBeNull();
    }
  });

  it('puts each figure after the paragraph that names it, captioned 图N　title', () => {
    const blocks = summaryReportBlocks(summaryInput, def);
    const at = (pred: (b: (typeof blocks)[number]) => boolean) => blocks.findIndex(pred);
    const fig1 = at((b) => b.kind === 'figure' && b.caption === `图1\u3000${CHART_TITLES.status}`);
    const fig2 = at((b) => b.kind === 'figure' && b.caption === `图2\u3000${CHART_TITLES.risks}`);
    expect(fig1).toBeGreaterThan(0);
    expect(fig2).toBeGreaterThan(fig1);
    const before = (i: number) => blocks[i - 1] as { kind: string; text: string };
    expect(before(fig1).text).toMatch(
      /^本次应报送单位26家，实际报送23家（其中按时报送\d+家，迟报\d+家），报送率[\d.]+%（见图1）。/,
    );
    expect(before(fig2).text).toMatch(
      /^各单位共排查上报意识形态工作风险隐患\d+条，主要集中在.*等方面（见图2）；/,
    );
    // both in 一、总体情况, not in an attachment
    const h1 = blocks.map((b, i) => (b.kind === 'h1' ? i : -1)).filter((i) => i >= 0);
    expect(fig2).toBeLessThan(h1[1]);
    // a round without risks has one figure
    const none = summaryReportBlocks({ ...summaryInput, riskCounts: [] }, def).filter(
      (b) => b.kind === 'figure',
    );
    expect(none).toHaveLength(1);
  });

  it('costs little per report (printed, not asserted)', async () => {
    const blocks = summaryReportBlocks(summaryInput, def);
    const meta = { title: summaryTitle(summaryInput, def) };
    const plain = blocks.filter((b) => b.kind !== 'figure');
    // CPU time (the machine may be busy with other work), after warming up
    const time = async (f: () => Promise<unknown>) => {
      for (let i = 0; i < 20; i++) await f();
      const runs = 100;
      const t0 = process.cpuUsage();
      for (let i = 0; i < runs; i++) await f();
      const d = process.cpuUsage(t0);
      return (d.user + d.system) / 1000 / runs;
    };
    const withFigures = await time(() => blocksToDocx(blocks, meta));
    const without = await time(() => blocksToDocx(plain, meta));
    process.stdout.write(
      `\n[measure] summary report .docx (CPU): ${withFigures.toFixed(2)} ms with its two figures, ${without.toFixed(2)} ms without (figures: ${(withFigures - without).toFixed(2)} ms)\n`,
    );
    expect(withFigures).toBeGreaterThan(0);
  });

  it.skipIf(!has('soffice') || !has('pdftotext') || !has('pdftoppm'))(
    'LibreOffice draws each figure as vector graphics above its centred caption, on the line grid',
    () => {
      const pdf = printed(docxFile, 'docx-pdf');
      const figures = [
        {
          caption: `图1${CHART_TITLES.status}`,
          labels: [SUBMISSION_LABELS.expected, SUBMISSION_LABELS.missing],
        },
        { caption: `图2${CHART_TITLES.risks}`, labels: [cats[0], UNCATEGORISED] },
      ];
      for (const f of figures) {
        let page = 0;
        let caption: Line | undefined;
        for (let p = 1; p <= pageCount(pdf) && !caption; p++) {
          caption = pageLines(pdf, p).find((l) => squash(l) === f.caption);
          page = p;
        }
        expect(caption, f.caption).toBeTruthy();
        const { width } = pageSize(pdf, page);
        const lines = pageLines(pdf, page);
        // centred between the margins (GB/T 9704: 28 mm left, 26 mm right)
        const centre = (79.35 + (width - 73.7)) / 2;
        expect(Math.abs((caption!.xMin + caption!.xMax) / 2 - centre), f.caption).toBeLessThan(2);
        // the chart above it: its category labels within the figure's 8 lines
        const top = caption!.yMin - 8 * 28.95;
        for (const label of f.labels)
          expect(
            lines.some((l) => squash(l).includes(label) && l.yMin > top - 2 && l.yMax < caption!.yMin),
            `${f.caption}: ${label}`,
          ).toBe(true);
        // …and ink there: filled bars, axis, outlines (rows of dark pixels)
        const ink = inkRows(pdf, page, {
          x: centre - 120,
          y: top,
          width: 240,
          height: caption!.yMin - top - 2,
        });
        expect(ink.filter((r) => r.dark > 40).length, f.caption).toBeGreaterThan(20);
        // drawn as vectors: no raster image on the page
        const images = execFileSync('pdfimages', ['-list', '-f', String(page), '-l', String(page), pdf], {
          encoding: 'utf8',
        });
        expect(images.trim().split('\n').length, f.caption).toBe(2); // the list's two header lines only
        // the body text stays on the 28.95 pt grid around the figure
        const body = lines.filter(
          // body text (16 pt: 21 pt boxes), not the chart's 9–10 pt labels nor the page number
          (x) => x.yMax - x.yMin > 18 && x.yMax - x.yMin < 25 && x.yMax < pageSize(pdf, page).height - 99.2,
        );
        expect(body.length, f.caption).toBeGreaterThan(2);
        for (const l of body) {
          const steps = (l.yMin - caption!.yMin) / 28.95;
          expect(Math.abs(steps - Math.round(steps)), `${l.text}`).toBeLessThan(0.1);
        }
      }
    },
    180_000,
  );
});

describe.skipIf(!has('soffice'))('through the importer (runImport on the demo set)', () => {
  let build: Awaited<ReturnType<typeof privateBuild>> | undefined;
  let out: string;
  let summaryReport: string | null = null;
  let tracking = '';
  beforeAll(async () => {
    build = await privateBuild();
    process.env.YANPAN_WORKER = build.worker;
    const set = await buildDemoSet(definition);
    const input = path.join(tmp.dir, 'demo', '填报表');
    for (const f of set.files) {
      const target = path.join(input, ...f.rel.split('/'));
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, f.bytes);
    }
    const roster = path.join(tmp.dir, 'demo', '单位名册.csv');
    writeFileSync(roster, set.rosterCsv);
    out = path.join(tmp.dir, 'demo', 'out');
    const s = await runImport({
      def: definition,
      inputDir: input,
      outDir: out,
      roster,
      asOf: DEMO_AS_OF,
      issuer: DEMO_ISSUER,
      db: false,
    });
    summaryReport = s.outputs.summaryReport;
    tracking = s.outputs.tracking;
  }, 240_000);
  afterAll(() => build?.cleanup());

  it('the summary report’s figures equal 总览’s cells', () => {
    expect(summaryReport).toBeTruthy();
    const grid = readWorkbook(new ZipReader(new Uint8Array(readFileSync(path.join(out, tracking)))));
    const rows = grid.sheets.find((s) => s.name === SHEETS.overview)!.rows;
    const figs = docxCharts(partsOf(new Uint8Array(readFileSync(path.join(out, summaryReport!)))));
    expect(figs).toHaveLength(2);
    // status: each count the figure draws stands on 总览 under the same label
    const byLabel = new Map(rows.map((r) => [String(r[0] ?? ''), r[1]]));
    const status = figs[0].data.series[0];
    expect(status.categories).toEqual(
      expect.arrayContaining([SUBMISSION_LABELS.expected, SUBMISSION_LABELS.missing]),
    );
    status.categories.forEach((c, i) => expect(status.values[i], c).toBe(byLabel.get(c)));
    // risks: 总览's category × level table
    const header = rows.findIndex((r) => r[0] === def.vocab.riskCategory.label && r[1] === levels[0]);
    const table = new Map<string, CellValue[]>();
    for (let r = header + 1; rows[r]?.[0] && rows[r][0] !== TOTAL_LABEL; r++)
      table.set(String(rows[r][0]), rows[r]);
    const risks = figs[1].data;
    expect(risks.series[0].categories).toEqual([...table.keys()]);
    risks.series.forEach((s, li) =>
      s.categories.forEach((c, ci) => expect(s.values[ci], `${c} ${s.name}`).toBe(table.get(c)![1 + li])),
    );
  });
});
