// End-to-end tests of `yanpan import` on generated folders with known contents.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkWorkbookBytes } from '../templates/src/check/check-bytes';
import { definition } from '../templates/src/standard/ideology';
import { OVERDUE_LABEL } from '../importer/src/import/labels';
import { fillWorkbook, type FillInput } from '../templates/src/template/fill';
import { DEMO_UNITS } from '../importer/src/demo/data';
import { unitFillInput } from '../importer/src/demo/generate';
import { OUTPUT_NAMES, SHEETS, STATUS_LABEL } from '../importer/src/import/labels';
import { RETURN_COLUMNS } from '../importer/src/import/return-copy';
import { ISSUE_COLUMNS, STATUS_COLUMNS } from '../importer/src/import/tracking';
import { has, sofficeConvert, tempDir, trackingIn } from './helpers/tools';
import { sheetXml } from './helpers/xlsx-parts';
import { privateBuild } from './import-build';

let CLI = '';
let cleanBuild = () => {};
const AS_OF = '2023-10-15';

function runCli(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const unit = (name: string) => DEMO_UNITS.find((u) => u.name === name)!;
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

function metricOf(input: FillInput, id: string): unknown {
  return input.metrics!.find((m) => m.id === id)!.current;
}

function setMetric(input: FillInput, id: string, current: unknown): FillInput {
  return {
    ...input,
    metrics: input.metrics!.map((m) =>
      m.id === id
        ? { ...m, current, ytd: typeof current === 'number' && m.ytd !== null ? current * 3 : m.ytd }
        : m,
    ),
  };
}

/** Risks that are not overdue (so a unit is clean unless a test says otherwise). */
function cleanRisks(input: FillInput, overdueFirst = false): FillInput {
  return {
    ...input,
    risks: input.risks!.map((r, i) => ({
      ...r,
      deadline: overdueFirst && i === 0 ? '2023-09-30' : '2023-12-31',
      status: '整改中',
      progress: '正在推进',
    })),
  };
}

async function loadXlsx(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(file) as any, { ignoreNodes: ['dataValidations'] } as any);
  return wb;
}

function rowValues(ws: ExcelJS.Worksheet, r: number): unknown[] {
  return (ws.getRow(r).values as unknown[]).slice(1);
}

/** The text of a docx: every w:t, paragraphs joined by newlines. */
async function docxText(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml
    .split(/<\/w:p>/)
    .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n');
}

// ---- the generated folder ----
const t = tempDir('yanpan-import-');
const IN = path.join(t.dir, 'in');
const OUT = path.join(t.dir, 'out');
const ROSTER = path.join(t.dir, '单位名册.csv');

const inputs = new Map<string, FillInput>(); // file rel → what was written
const FORMULA_TEXT = '=HYPERLINK("http://example.com","点击")';
const EVIL_NAMES = ['../../evil', 'CON', 'a/b\\c'];
const rosterUnits = ['市委网信办', '市妇联', '市交通运输局', '市科技局', '市文联', '国基公司', '市档案馆'];

async function put(rel: string, input: FillInput, mtime?: Date): Promise<void> {
  const file = path.join(IN, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, await fillWorkbook(input, definition));
  if (mtime) utimesSync(file, mtime, mtime);
  inputs.set(rel, input);
}

let json: any;
let cliStatus: number | null;
let inputHashes: Map<string, string>;

beforeAll(async () => {
  const b = await privateBuild();
  CLI = b.cli;
  cleanBuild = b.cleanup;
  process.env.YANPAN_WORKER = b.worker;
  mkdirSync(IN, { recursive: true });
  const base = (name: string, seed: number, extra: Partial<Parameters<typeof unitFillInput>[1]> = {}) =>
    cleanRisks(unitFillInput(unit(name), { seed, risks: 2, ...extra }, definition));

  await put('a/市委网信办.xlsx', base('市委网信办', 1));
  const fulian = cleanRisks(setMetric(base('市妇联', 2), 'front.activities', 1754), true);
  await put('a/市妇联.xlsx', fulian);
  await put('a/市交通局.xlsx', base('市交通运输局', 3, { withCode: false, typedName: '市交通局' }));
  // Same unit twice: the later 填报日期 wins although its file is older.
  await put(
    'b/市科技局-旧.xlsx',
    setMetric(base('市科技局', 4, { fillDay: 9 }), 'front.activities', 11),
    new Date(2023, 9, 20),
  );
  await put(
    'b/市科技局-新.xlsx',
    setMetric(base('市科技局', 5, { fillDay: 12 }), 'front.activities', 25),
    new Date(2023, 9, 10),
  );
  await put('b/市文联.xlsx', setMetric(base('市文联', 6), 'org.partyMeetings', '3次'));
  await put('b/国基公司.xlsx', setMetric(base('国基公司', 7), 'theory.centralGroup', '若干'));
  // Formula-looking text in a risk and hostile unit names (unknown to the roster).
  const withFormula = base('市委网信办', 8);
  await put('c/formula.xlsx', {
    ...withFormula,
    unit: { name: '市外事办', code: null },
    risks: [{ ...withFormula.risks![0], description: FORMULA_TEXT, detail: '+cmd|calc' }],
  });
  for (const [i, n] of EVIL_NAMES.entries())
    await put(`c/evil${i}.xlsx`, { ...base('市委编办', 20 + i), unit: { name: n, code: null } });
  // Byte-identical copy.
  mkdirSync(path.join(IN, 'mail'), { recursive: true });
  writeFileSync(path.join(IN, 'mail', '市妇联-副本.xlsx'), readFileSync(path.join(IN, 'a/市妇联.xlsx')));
  // Lock file, legacy .xls, zip bomb (one 60 MB entry of zeros, ~60 kB compressed).
  writeFileSync(path.join(IN, 'a', '~$市妇联.xlsx'), Buffer.alloc(165));
  const cfb = Buffer.alloc(1024);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(cfb);
  writeFileSync(path.join(IN, 'old.xls'), cfb);
  const bomb = new JSZip();
  bomb.file('[Content_Types].xml', '<?xml version="1.0"?><Types/>');
  bomb.file('xl/worksheets/sheet1.xml', new Uint8Array(60 * 1024 * 1024));
  writeFileSync(
    path.join(IN, 'bomb.xlsx'),
    await bomb.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }),
  );

  writeFileSync(
    ROSTER,
    '\uFEFF单位代码,单位名称,简称/别名,分类\r\n' +
      rosterUnits
        .map((n) => [unit(n).code, n, unit(n).aliases.join('、'), unit(n).group].join(','))
        .join('\r\n') +
      '\r\n',
  );
  inputHashes = new Map(walk(IN).map((f) => [f, sha(f)]));
  const r = runCli(['import', IN, '-o', OUT, '--roster', ROSTER, '--json', '--as-of', AS_OF, '--jobs', '2']);
  cliStatus = r.status;
  expect(r.stderr).toBe('');
  json = JSON.parse(r.stdout);
}, 180_000);

afterAll(() => {
  if (!process.env.YANPAN_KEEP_TEST_DIR) t.cleanup();
  cleanBuild();
});

describe('yanpan import end to end', () => {
  it('exits 1 (errors and a missing unit) and prints exactly the agreed JSON summary', () => {
    expect(cliStatus).toBe(1);
    expect(Object.keys(json)).toEqual(['units', 'files', 'outputs', 'totals', 'reminders']);
    expect(Object.keys(json.units[0])).toEqual([
      'code',
      'name',
      'status',
      'file',
      'errors',
      'warnings',
      'returnCopy',
      'contact',
      'phone',
      'timeliness',
      'daysLate',
    ]);
    expect(Object.keys(json.files[0])).toEqual(['file', 'status', 'unit']);
    const byName = new Map<string, any>(json.units.map((u: any) => [u.name, u]));
    expect(byName.get('市委网信办').status).toBe('ok');
    expect(byName.get('市妇联').status).toBe('warnings'); // one overdue risk
    expect(byName.get('市交通运输局')).toMatchObject({ status: 'ok', file: 'a/市交通局.xlsx' });
    expect(byName.get('市科技局')).toMatchObject({ file: 'b/市科技局-新.xlsx' });
    expect(byName.get('市文联')).toMatchObject({ status: 'warnings', errors: 0 });
    expect(byName.get('国基公司')).toMatchObject({ status: 'errors', errors: 1 });
    expect(byName.get('市档案馆')).toMatchObject({ status: 'missing', file: null });
    const files = new Map<string, any>(json.files.map((f: any) => [f.file, f]));
    expect(files.get('a/~$市妇联.xlsx')).toMatchObject({ status: 'ignored', unit: null }); // listed, not read
    expect(files.get('mail/市妇联-副本.xlsx')).toMatchObject({ status: 'identical', unit: '市妇联' });
    expect(files.get('b/市科技局-旧.xlsx')).toMatchObject({ status: 'superseded', unit: '市科技局' });
    expect(files.get('bomb.xlsx')).toMatchObject({ status: 'failed', unit: null });
    expect(files.get('old.xls')).toMatchObject({ status: 'failed', unit: null });
    expect(json.totals).toMatchObject({
      expected: 7,
      missing: 1,
      unknown: 4,
      errors: 1,
      files: 15,
      workbooks: 14,
      duplicates: 2,
    });
  });

  it('never modifies an input', () => {
    for (const [f, h] of inputHashes) expect(sha(f), f).toBe(h);
  });

  it('报送情况 lists every roster unit with its status, then the unknown units', async () => {
    const wb = await loadXlsx(trackingIn(OUT));
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
    const ws = wb.getWorksheet(SHEETS.status)!;
    expect(rowValues(ws, 1)).toEqual([...STATUS_COLUMNS]);
    const rows = new Map<string, unknown[]>();
    for (let r = 2; r <= ws.rowCount; r++) rows.set(String(ws.getCell(r, 3).value), rowValues(ws, r));
    const col = (label: (typeof STATUS_COLUMNS)[number]) => STATUS_COLUMNS.indexOf(label);
    const of = (unit: string, label: (typeof STATUS_COLUMNS)[number]) => rows.get(unit)![col(label)];
    expect(rows.get('市委网信办')!.slice(0, 5)).toEqual([
      1,
      'SZ001',
      '市委网信办',
      '党群部门',
      STATUS_LABEL.ok,
    ]);
    expect(of('市委网信办', '文件')).toBe('a/市委网信办.xlsx');
    expect(of('市委网信办', '填报日期')).toBe(inputs.get('a/市委网信办.xlsx')!.fillDate);
    expect(of('国基公司', '报送状态')).toBe(STATUS_LABEL.errors);
    expect(of('国基公司', '错误数')).toBe(1);
    expect(of('市文联', '报送状态')).toBe(STATUS_LABEL.warnings);
    expect(of('市档案馆', '报送状态')).toBe(STATUS_LABEL.missing);
    expect(of('市科技局', '填报日期')).toBe('2023-10-12');
    expect(String(of('市科技局', '备注'))).toContain('b/市科技局-旧.xlsx');
    expect(String(of('市外事办', '备注'))).toContain('不在单位名册中');
    // Roster order first, unknown units after.
    expect([...rows.keys()].slice(0, rosterUnits.length)).toEqual(rosterUnits);
    // Risk counts come from the file.
    expect(of('市委网信办', '风险隐患数')).toBe(2);
  });

  it('指标汇总 equals the inputs cell by cell, with SUM formulas and their cached totals', async () => {
    const wb = await loadXlsx(trackingIn(OUT));
    const ws = wb.getWorksheet(SHEETS.metrics)!;
    const counted = new Map<string, FillInput>([
      ['市委网信办', inputs.get('a/市委网信办.xlsx')!],
      ['市妇联', inputs.get('a/市妇联.xlsx')!],
      ['市交通运输局', inputs.get('a/市交通局.xlsx')!],
      ['市科技局', inputs.get('b/市科技局-新.xlsx')!],
      [
        '市文联',
        {
          ...inputs.get('b/市文联.xlsx')!,
          metrics: inputs
            .get('b/市文联.xlsx')!
            .metrics!.map((m) => (m.id === 'org.partyMeetings' ? { ...m, current: 3 } : m)),
        },
      ],
    ]);
    const names: string[] = [];
    for (let r = 2; ws.getCell(r, 1).value !== '合计'; r++) {
      const name = String(ws.getCell(r, 2).value);
      names.push(name);
      const input = counted.get(name);
      if (!input) continue; // unknown units are counted too; checked by the totals below
      definition.metrics.forEach((m, j) =>
        expect(ws.getCell(r, 4 + j).value, `${name} ${m.id}`).toBe(metricOf(input, m.id)),
      );
    }
    expect(names.slice(0, 5)).toEqual(['市委网信办', '市妇联', '市交通运输局', '市科技局', '市文联']);
    expect(names).not.toContain('国基公司'); // errors: not counted
    const last = names.length + 1;
    const totalRow = last + 1;
    // The cached totals as written (exceljs' reader drops a cached result of 0, so read the sheet XML).
    const zip = await JSZip.loadAsync(readFileSync(trackingIn(OUT)));
    const sheet2 = await sheetXml(zip, SHEETS.metrics);
    definition.metrics.forEach((m, j) => {
      const col = ws.getColumn(4 + j).letter;
      let sum = 0;
      for (let r = 2; r <= last; r++) sum += Number(ws.getCell(r, 4 + j).value ?? 0);
      const cell = ws.getCell(totalRow, 4 + j).value as any;
      expect(cell.formula).toBe(`SUM(${col}2:${col}${last})`);
      const total = new RegExp(
        `<c r="${col}${totalRow}"[^>]*><f>SUM\\(${col}2:${col}${last}\\)</f><v>([^<]*)</v>`,
      );
      expect(Number(total.exec(sheet2)?.[1]), m.id).toBe(sum);
    });
    expect(ws.autoFilter).toBeTruthy();
    expect((ws.views[0] as any).state).toBe('frozen');
    // Data bars in the sheet XML.
    expect(sheet2).toContain('type="dataBar"');
    expect(sheet2).toContain('<autoFilter');
  });

  it('风险隐患汇总 has every counted risk, overdue ones highlighted; 校验问题 has the exact issues', async () => {
    const wb = await loadXlsx(trackingIn(OUT));
    const ws = wb.getWorksheet(SHEETS.risks)!;
    const risks: unknown[][] = [];
    for (let r = 2; r <= ws.rowCount; r++) risks.push(rowValues(ws, r));
    const wx = risks.filter((r) => r[1] === '市委网信办');
    const input = inputs.get('a/市委网信办.xlsx')!;
    expect(wx.map((r) => r[4])).toEqual(input.risks!.map((r) => r.description));
    expect(wx.map((r) => r[2])).toEqual(input.risks!.map((r) => r.id));
    let overdue = 0;
    const header = rowValues(ws, 1);
    const col = (label: string) => header.indexOf(label) + 1; // rowValues is 0-based, cells 1-based
    const deadlineLabel = definition.riskColumns.find((c) => c.key === 'deadline')!.label;
    expect(col(OVERDUE_LABEL)).toBeGreaterThan(0);
    for (let r = 2; r <= ws.rowCount; r++) {
      const isOverdue = ws.getCell(r, col(OVERDUE_LABEL)).value === '逾期';
      if (isOverdue) {
        overdue++;
        expect((ws.getCell(r, 3).fill as any)?.fgColor?.argb).toBe('FFFFC7CE');
        expect(String(ws.getCell(r, col(deadlineLabel)).value) < AS_OF).toBe(true);
      }
    }
    expect(overdue).toBe(json.totals.overdueRisks);
    expect(risks.length).toBe(json.totals.risks);

    const iss = wb.getWorksheet(SHEETS.issues)!;
    expect(rowValues(iss, 1)).toEqual([...ISSUE_COLUMNS]);
    const rows: unknown[][] = [];
    for (let r = 2; r <= iss.rowCount; r++) rows.push(rowValues(iss, r));
    const gj = rows.find((r) => r[0] === '国基公司')!;
    expect(gj.slice(0, 6)).toEqual([
      '国基公司',
      'b/国基公司.xlsx',
      '工作指标',
      'E8',
      '理论学习中心组集体学习（本期数）',
      '错误',
    ]);
    expect(rows.find((r) => r[1] === 'bomb.xlsx')![5]).toBe('错误');
    expect(String(rows.find((r) => r[1] === 'bomb.xlsx')![6])).toContain('过大');
    expect(rows.some((r) => r[0] === '市档案馆' && String(r[6]).includes('未报送'))).toBe(true);
    expect(rows.some((r) => r[1] === 'b/市科技局-旧.xlsx' && r[5] === '警告')).toBe(true);
  });

  it('writes formula-looking text as text (no <f> element) in the tracking workbook', async () => {
    const zip = await JSZip.loadAsync(readFileSync(trackingIn(OUT)));
    const xml = await sheetXml(zip, SHEETS.risks);
    const cells = [...xml.matchAll(/<c [^>]*>(?:(?!<\/c>).)*<\/c>/gs)].map((m) => m[0]);
    const hit = cells.filter((c) => c.includes('=HYPERLINK') || c.includes('+cmd|calc'));
    expect(hit.length).toBe(2);
    for (const c of hit) {
      expect(c).not.toContain('<f>');
      expect(c).toMatch(/t="(inlineStr|s|str)"/);
    }
  });

  it('keeps names from inside workbooks from deciding a path outside OUTDIR', () => {
    const all = walk(t.dir);
    for (const f of walk(OUT)) expect(path.resolve(f).startsWith(path.resolve(OUT) + path.sep)).toBe(true);
    expect(all.some((f) => path.basename(f).startsWith('evil'))).toBe(true); // only the inputs
    expect(existsSync(path.join(t.dir, '..', 'evil'))).toBe(false);
    const reports = readdirSync(path.join(OUT, OUTPUT_NAMES.reportsDir));
    expect(reports.length).toBe(json.outputs.reports.length);
    for (const r of reports) {
      expect(r).not.toMatch(/[\\/]|\.\./);
      expect(r).not.toMatch(/^(con|prn|aux|nul)(\.|$)/i);
    }
    expect(reports.filter((r) => r.includes('evil')).length).toBe(1);
    expect(reports.some((r) => r.startsWith('CON'))).toBe(true);
    expect(reports.some((r) => r.startsWith('a_b_c'))).toBe(true);
  });

  it('returns a marked-up copy with comments on exactly the bad cells and a 校验结果 sheet', async () => {
    const copies = readdirSync(path.join(OUT, OUTPUT_NAMES.returnsDir));
    // named by unit and period; the run summary maps each unit to its copy
    const gj = '国基公司-退回修改-2023年第三季度.xlsx';
    expect(copies).toContain(gj);
    expect(json.units.find((u: { name: string }) => u.name === '国基公司').returnCopy).toBe(
      `${OUTPUT_NAMES.returnsDir}/${gj}`,
    );
    expect(json.units.find((u: { name: string }) => u.name === '市委网信办').returnCopy).toBeNull();
    const original = new Uint8Array(readFileSync(path.join(IN, 'b/国基公司.xlsx')));
    const expected = (await checkWorkbookBytes(original, definition, { asOf: AS_OF })).issues;
    const wb = await loadXlsx(path.join(OUT, OUTPUT_NAMES.returnsDir, gj));
    const noted: string[] = [];
    for (const ws of wb.worksheets)
      ws.eachRow((row) => row.eachCell((c) => void (c.note && noted.push(`${ws.name}!${c.address}`))));
    const want = [...new Set(expected.filter((i) => i.sheet && i.cell).map((i) => `${i.sheet}!${i.cell}`))];
    expect(noted.sort()).toEqual(want.sort());
    expect(noted).toContain('工作指标!E8');
    const cell = wb.getWorksheet('工作指标')!.getCell('E8');
    expect((cell.fill as any).fgColor.argb).toBe('FFFFC7CE');
    expect(JSON.stringify(cell.note)).toContain('若干');
    const res = wb.getWorksheet(SHEETS.returnIssues)!;
    expect(rowValues(res, 1)[0]).toBe('国基公司 2023年第三季度 填报表校验结果');
    expect(rowValues(res, 3)).toEqual([...RETURN_COLUMNS]);
    expect(res.rowCount).toBe(expected.length + 3);
    // it opens first
    expect((wb.views[0] as { activeTab?: number }).activeTab ?? 0).toBe(0);
    expect(wb.worksheets.map((w) => w.name)[0]).toBe(SHEETS.returnIssues);
    // The drop-down lists of the original are kept.
    const zip = await JSZip.loadAsync(readFileSync(path.join(OUT, OUTPUT_NAMES.returnsDir, gj)));
    const xmls = await Promise.all(
      Object.keys(zip.files)
        .filter((n) => n.startsWith('xl/worksheets/sheet'))
        .map((n) => zip.file(n)!.async('string')),
    );
    expect(xmls.some((x) => x.includes('<dataValidations'))).toBe(true);
    // Built at the XML level: parts without issues are the original's, byte for byte.
    const orig = await JSZip.loadAsync(original);
    for (const part of ['xl/worksheets/sheet4.xml', 'xl/worksheets/sheet5.xml', 'xl/sharedStrings.xml'])
      expect(await zip.file(part)!.async('string'), part).toBe(await orig.file(part)!.async('string'));
    // A sheet without comments gets a new comments part: the overdue risk of 市妇联.
    const fl = await loadXlsx(
      path.join(
        OUT,
        OUTPUT_NAMES.returnsDir,
        copies.find((c) => c.startsWith('市妇联'))!,
      ),
    );
    const flNoted: string[] = [];
    for (const ws of fl.worksheets)
      ws.eachRow((row) => row.eachCell((c) => void (c.note && flNoted.push(`${ws.name}!${c.address}`))));
    expect(flNoted).toEqual(['风险隐患台账!I3']);
    expect((fl.getWorksheet('风险隐患台账')!.getCell('I3').fill as any).fgColor.argb).toBe('FFFFEB9C');
    // Units without issues get no copy; the warning unit gets one.
    expect(copies.some((c) => c.startsWith('市委网信办'))).toBe(false);
    expect(copies.some((c) => c.startsWith('市文联'))).toBe(true);
  });

  it('the summary report names the top units with their figures and the missing units', async () => {
    const text = await docxText(path.join(OUT, OUTPUT_NAMES.summary));
    // The figure inside 市妇联's own sentence on the activities it counts (seed 001's way).
    expect(text).toMatch(/市妇联[^。]*“姐妹微课堂”宣讲活动1754场，覆盖6.3万余人次/);
    expect(text).toContain('市档案馆');
    // A short list of missing units is named in the text; an attachment only for a long one.
    expect(text).toMatch(/市档案馆[^。]*未报送/);
    expect(text).not.toMatch(/附件/);
  });

  it.skipIf(!has('soffice'))(
    'the tracking workbook and a return copy open in LibreOffice',
    () => {
      const conv = path.join(t.dir, 'lo');
      mkdirSync(conv, { recursive: true });
      const copies = readdirSync(path.join(OUT, OUTPUT_NAMES.returnsDir));
      // One copy whose sheet already had comments (工作指标), one that got a new comments part (风险隐患台账).
      const picked = ['国基公司', '市妇联'].map((n) => copies.find((c) => c.startsWith(n))!);
      const outs = sofficeConvert(
        [trackingIn(OUT), ...picked.map((c) => path.join(OUT, OUTPUT_NAMES.returnsDir, c))],
        'pdf',
        conv,
      );
      for (const o of outs) expect(statSync(o).size).toBeGreaterThan(1000);
    },
    120_000,
  );
});
