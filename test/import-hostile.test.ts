// Hostile inputs for `yanpan import` and `yanpan check` (issue 10, "Files users can trust"). Every file is
// built here (no binary fixture is committed); each case is a small import of its own and asserts the
// exact Chinese message, that the rest of the batch goes on, and nothing else is touched.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkGrid } from '../templates/src/check/checker';
import { definition } from '../templates/src/standard/ideology';
import { fillWorkbook, type FillInput } from '../templates/src/template/fill';
import { runCheck } from '../importer/src/commands/check';
import runImportCommand, { describeSummary, exitStatusOf } from '../importer/src/commands/import';
import { DEMO_UNITS } from '../importer/src/demo/data';
import { unitFillInput } from '../importer/src/demo/generate';
import { isLockedError, outputFs, sanitizeFileName } from '../importer/src/fsutil';
import { OUTPUT_NAMES, SHEETS } from '../importer/src/import/labels';
import { runImport, type ImportOptions, type ImportSummary } from '../importer/src/folder/run-import';
import { openStore } from '../importer/src/store';
import { AS_OF as GRID_AS_OF, makeGrid, validSpec } from './helpers/make-grid';
import { tempDir, trackingIn } from './helpers/tools';
import { rawZip } from './helpers/zip-raw';
import { privateBuild } from './import-build';
import { MESSAGES } from '../templates/src/standard/messages';

const AS_OF = '2023-10-15';
const onLinux = process.platform !== 'win32';
let build: Awaited<ReturnType<typeof privateBuild>>;
const t = tempDir('yanpan-hostile-');

beforeAll(async () => {
  build = await privateBuild();
  process.env.YANPAN_WORKER = build.worker;
}, 120_000);
afterAll(() => {
  if (!process.env.YANPAN_KEEP_TEST_DIR) t.cleanup();
  build?.cleanup();
});

let caseNo = 0;
function newCase(): { input: string; out: string; base: string } {
  const base = path.join(t.dir, `case${++caseNo}`);
  const input = path.join(base, 'in');
  mkdirSync(input, { recursive: true });
  return { input, out: path.join(base, 'out'), base };
}

/** A clean unit (risks not overdue) with its own code and name. */
function unitInput(
  i: number,
  name = `测试单位${i}`,
  code: string | null = `K${String(i).padStart(4, '0')}`,
): FillInput {
  const proto = DEMO_UNITS[i % DEMO_UNITS.length];
  const input = unitFillInput({ ...proto, code: code ?? '', name }, { seed: 100 + i, risks: 1 }, definition);
  return {
    ...input,
    unit: { name, code },
    risks: input.risks!.map((r) => ({ ...r, deadline: '2099-12-31' })),
  };
}

async function put(file: string | Buffer, input: FillInput): Promise<void> {
  writeFileSync(file, await fillWorkbook(input, definition));
}

function importDir(input: string, out: string, extra: Partial<ImportOptions> = {}): Promise<ImportSummary> {
  return runImport({
    def: definition,
    inputDir: input,
    outDir: out,
    asOf: AS_OF,
    jobs: 2,
    db: false,
    ...extra,
  });
}

async function sheetRows(file: string, sheet: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(file) as any, { ignoreNodes: ['dataValidations'] } as any);
  const ws = wb.getWorksheet(sheet)!;
  const rows: unknown[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) rows.push((ws.getRow(r).values as unknown[]).slice(1));
  return rows;
}

/** Issue messages of the tracking workbook's 校验问题 by file. */
async function issuesByFile(out: string): Promise<Map<string, string[]>> {
  const m = new Map<string, string[]>();
  for (const r of (await sheetRows(trackingIn(out), SHEETS.issues)).slice(1)) {
    const f = String(r[1] ?? '');
    m.set(f, [...(m.get(f) ?? []), String(r[6])]);
  }
  return m;
}

const fileStatus = (s: ImportSummary) => Object.fromEntries(s.files.map((f) => [f.file, f.status]));
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Every part of every zip-based file in a folder: name → part → text (core.xml's timestamps masked). */
async function outputParts(
  dir: string,
  withDates: (rel: string) => boolean,
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const walk = (d: string, rel: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(path.join(d, e.name), `${rel}${e.name}/`) : [`${rel}${e.name}`],
    );
  for (const rel of walk(dir, '').sort()) {
    if (rel.startsWith('yanpan.db') || rel.startsWith('.')) continue;
    const zip = await JSZip.loadAsync(readFileSync(path.join(dir, rel)));
    const parts: Record<string, string> = {};
    for (const [name, entry] of Object.entries(zip.files)) {
      let text = Buffer.from(await entry.async('uint8array')).toString('base64');
      if (name === 'docProps/core.xml')
        text = (await entry.async('string')).replace(
          /(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g,
          '$1TIMESTAMP$3',
        );
      parts[name] = withDates(rel) ? `${entry.date.toISOString()} ${text}` : text;
    }
    out[rel] = parts;
  }
  return out;
}

describe('files on disk', () => {
  it.skipIf(!onLinux)(
    'finds GBK names (a Windows zip unpacked on Linux) and reads them; a name in no known encoding is read and reported',
    async () => {
      const { input, out } = newCase();
      const gbk = (hex: string) => Buffer.from(hex, 'hex');
      // 市妇联填报表.xlsx and 收文/ in GBK, and a name that is neither UTF-8 nor GBK.
      await put(
        Buffer.concat([Buffer.from(input + '/'), gbk('cad0b8bec1aacceeb1a8b1ed2e786c7378')]),
        unitInput(1),
      );
      const folder = Buffer.concat([Buffer.from(input + '/'), gbk('cad5cec4')]);
      mkdirSync(folder);
      await put(Buffer.concat([folder, Buffer.from('/a.xlsx')]), unitInput(2));
      await put(
        Buffer.concat([Buffer.from(input + '/'), Buffer.from([0xff, 0xfe]), Buffer.from('.xlsx')]),
        unitInput(3),
      );
      const s = await importDir(input, out);
      expect(s.files).toEqual([
        { file: '%FF%FE.xlsx', status: 'used', unit: '测试单位3' },
        { file: '市妇联填报表.xlsx', status: 'used', unit: '测试单位1' },
        { file: '收文/a.xlsx', status: 'used', unit: '测试单位2' },
      ]);
      expect(s.units.map((u) => [u.name, u.status])).toEqual([
        ['测试单位1', 'ok'],
        ['测试单位2', 'ok'],
        ['测试单位3', 'warnings'],
      ]);
      expect((await issuesByFile(out)).get('%FF%FE.xlsx')).toEqual([
        '文件名的编码无法识别（既不是UTF-8也不是GBK），显示为“%FF%FE.xlsx”；文件内容照常读取。建议报送单位重新命名文件。',
      ]);
      expect(describeSummary(s, definition).split('\n')[0]).toBe(
        '共发现文件 3 个（填报表 3 个），应报单位 3 个，已报送 3 个。',
      );
    },
    30_000,
  );

  it.skipIf(!onLinux)(
    'lists dangling links, links leaving the folder, folder links and FIFOs without reading them; the batch goes on',
    async () => {
      const { input, out } = newCase();
      await put(path.join(input, 'good.xlsx'), unitInput(1));
      mkdirSync(path.join(input, 'sub'));
      await put(path.join(input, 'sub', 'real.xlsx'), unitInput(2));
      symlinkSync(path.join(input, 'sub', 'real.xlsx'), path.join(input, 'inside.xlsx'));
      symlinkSync(path.join(input, 'nowhere.xlsx'), path.join(input, 'dangling.xlsx'));
      symlinkSync('/etc/passwd', path.join(input, 'passwd.xlsx'));
      symlinkSync('/dev/zero', path.join(input, 'zero.xlsx'));
      symlinkSync(input, path.join(input, 'loop'));
      expect(spawnSync('mkfifo', [path.join(input, 'fifo.xlsx')]).status).toBe(0);
      writeFileSync(path.join(input, 'notes.txt'), '说明');
      // Through the store (the default): nothing from outside the folder may end up in yanpan.db.
      const s = await runImport({ def: definition, inputDir: input, outDir: out, asOf: AS_OF, jobs: 2 });
      expect(fileStatus(s)).toEqual({
        'dangling.xlsx': 'failed',
        'fifo.xlsx': 'failed',
        'good.xlsx': 'used',
        'inside.xlsx': 'used',
        loop: 'skipped',
        'notes.txt': 'skipped',
        'passwd.xlsx': 'failed',
        'sub/real.xlsx': 'identical',
        'zero.xlsx': 'failed',
      });
      const issues = await issuesByFile(out);
      expect(issues.get('dangling.xlsx')).toEqual([
        '“dangling.xlsx”是快捷方式（链接），但它指向的文件不存在，未读取。请把文件本身放入输入文件夹后重新导入。',
      ]);
      for (const f of ['passwd.xlsx', 'zero.xlsx'])
        expect(issues.get(f)).toEqual([
          `“${f}”是指向输入文件夹以外的快捷方式（链接），为安全起见未读取。请把文件本身复制到输入文件夹中后重新导入。`,
        ]);
      expect(issues.get('fifo.xlsx')).toEqual(['“fifo.xlsx”不是普通文件（是管道、设备或套接字），未读取。']);
      expect(issues.get('loop')).toEqual([
        '“loop”是指向文件夹的快捷方式（链接），未进入其中查找。如需导入其中的文件，请把文件夹本身复制到输入文件夹中。',
      ]);
      expect(issues.get('notes.txt')).toEqual(['“notes.txt”不是填报表（.txt文件），已跳过。']);
      // The store holds the two workbooks' bytes and nothing of /etc/passwd.
      const store = await openStore(path.join(out, 'yanpan.db'), { def: definition });
      expect(store.counts().files).toBe(2);
      store.close();
      const passwd = readFileSync('/etc/passwd');
      const db = readFileSync(path.join(out, 'yanpan.db'));
      expect(db.includes(passwd.subarray(0, Math.min(40, passwd.length)))).toBe(false);
      const rows = await sheetRows(trackingIn(out), SHEETS.files);
      expect(rows.slice(1).map((r) => [r[1], r[2]])).toEqual([
        ['dangling.xlsx', '无法读取'],
        ['fifo.xlsx', '无法读取'],
        ['good.xlsx', '已采用'],
        ['inside.xlsx', '已采用'],
        ['loop', '已跳过'],
        ['notes.txt', '已跳过'],
        ['passwd.xlsx', '无法读取'],
        ['sub/real.xlsx', '重复文件（内容相同）'],
        ['zero.xlsx', '无法读取'],
      ]);
    },
    30_000,
  );

  it.skipIf(!onLinux)(
    '`yanpan check` refuses a FIFO and a link to /dev/zero at once and checks the files after them',
    async () => {
      const { input } = newCase();
      const fifo = path.join(input, 'x.xlsx');
      expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
      symlinkSync('/dev/zero', path.join(input, 'zero.xlsx'));
      await put(path.join(input, 'good.xlsx'), unitInput(1));
      let printed = '';
      const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: any) => {
        printed += String(chunk);
        return true;
      });
      let code: number;
      try {
        code = await runCheck(
          [fifo, path.join(input, 'zero.xlsx'), path.join(input, 'good.xlsx'), '--json', '--as-of', AS_OF],
          definition,
        );
      } finally {
        spy.mockRestore();
      }
      expect(code).toBe(1);
      const files = JSON.parse(printed).files as { status: string; issues: { message: string }[] }[];
      const refused =
        '文件无法读取（不是普通文件，而是管道、设备或套接字）。请检查文件路径是否正确、文件是否存在。';
      expect(files.map((f) => [f.status, f.issues.map((i) => i.message)])).toEqual([
        ['errors', [refused]],
        ['errors', [refused]],
        ['ok', []],
      ]);
    },
    30_000,
  );
});

describe('numbers and text that would break a file', () => {
  it('a count above the definition bound is 错误 (1E+308 in two units); no Infinity or NaN reaches any output', async () => {
    const { input, out } = newCase();
    const huge = (i: number): FillInput => {
      const u = unitInput(i);
      return {
        ...u,
        metrics: u.metrics!.map((m) =>
          m.id === 'theory.centralGroup' ? { ...m, current: 1e308, ytd: 1e308 } : m,
        ),
      };
    };
    await put(path.join(input, 'a.xlsx'), huge(1));
    await put(path.join(input, 'b.xlsx'), huge(2));
    await put(path.join(input, 'c.xlsx'), unitInput(3));
    const s = await importDir(input, out);
    expect(s.units.map((u) => [u.name, u.status, u.errors])).toEqual([
      ['测试单位1', 'errors', 2],
      ['测试单位2', 'errors', 2],
      ['测试单位3', 'ok', 0],
    ]);
    expect((await issuesByFile(out)).get('a.xlsx')).toEqual([
      '“理论学习中心组集体学习（本期数）”为1E+308，超过合理上限（100000000），请核实是否多填了数字。',
      '“理论学习中心组集体学习（本年累计）”为1E+308，超过合理上限（100000000），请核实是否多填了数字。',
    ]);
    expect(s.outputs.summaryReport).toBe(OUTPUT_NAMES.summary);
    for (const f of [s.outputs.tracking, OUTPUT_NAMES.summary, ...s.outputs.reports]) {
      const zip = await JSZip.loadAsync(readFileSync(path.join(out, f)));
      for (const e of Object.values(zip.files)) {
        const xml = await e.async('string');
        expect(xml, `${f} ${e.name}`).not.toMatch(/Infinity|NaN|<v>[^<]*e\+?\d+<\/v>/);
      }
    }
  }, 30_000);

  it('the checker: counts up to the bound pass, above it are 错误 whether typed as a number or as text', () => {
    const spec = validSpec();
    spec.metrics['theory.centralGroup'] = { current: 100_000_000, ytd: '100000001' };
    const r = checkGrid(makeGrid(spec), definition, { asOf: GRID_AS_OF });
    const big = r.issues.filter((i) => i.rule === 'metric.tooLarge');
    expect(big.map((i) => i.message)).toEqual([
      '“理论学习中心组集体学习（本年累计）”为100000001，超过合理上限（100000000），请核实是否多填了数字。',
    ]);
    expect(r.submission!.metrics.find((m) => m.id === 'theory.centralGroup')!.current).toBe(100_000_000);
  });

  it('an 80-character name cut inside an emoji: the report is written whole and survives the stale-file sweep', async () => {
    const { input, out } = newCase();
    const a = `${'甲'.repeat(26)}${'a'.repeat(53)}😀尾`; // the title's 80th code unit is the emoji's first half
    const b = `${'b'.repeat(70)}👨‍👩‍👧‍👦尾`; // a family emoji (joined by ZWJ) across the cut
    await put(path.join(input, 'a.xlsx'), unitInput(1, a));
    await put(path.join(input, 'b.xlsx'), unitInput(2, b));
    for (let run = 0; run < 2; run++) {
      const s = await importDir(input, out);
      const names = readdirSync(path.join(out, OUTPUT_NAMES.reportsDir)).sort();
      expect(names).toEqual([`${'b'.repeat(70)}.docx`, `${'甲'.repeat(26)}${'a'.repeat(53)}.docx`]);
      expect(s.outputs.reports.map((r) => r.split('/')[1]).sort()).toEqual(names);
    }
    expect(sanitizeFileName(`${'x'.repeat(79)}😀`)).toBe('x'.repeat(79));
    expect(sanitizeFileName('🇨🇳'.repeat(41))).toBe('🇨🇳'.repeat(20)); // flags are two code points each
  }, 30_000);

  it('a 40,000-character cell is cut at Excel’s 32,767 with a visible marker', async () => {
    const { input, out } = newCase();
    const u = unitInput(1);
    const long = `${'长'.repeat(39_990)}${'末'.repeat(10)}`;
    await put(path.join(input, 'a.xlsx'), { ...u, risks: [{ ...u.risks![0], description: long }] });
    await importDir(input, out);
    const rows = await sheetRows(trackingIn(out), SHEETS.risks);
    const cell = String(rows[1][4]);
    expect(cell.length).toBeLessThanOrEqual(32_767);
    expect(cell.endsWith('……【内容过长，已截断：原文共40000字】')).toBe(true);
    expect(cell.startsWith('长'.repeat(1000))).toBe(true);
    // Every cell of every sheet is within the limit.
    const zip = await JSZip.loadAsync(readFileSync(trackingIn(out)));
    for (const [name, e] of Object.entries(zip.files))
      if (name.startsWith('xl/worksheets/'))
        for (const m of (await e.async('string')).matchAll(/<t(?: [^>]*)?>([^<]*)<\/t>/g))
          expect(m[1].length).toBeLessThanOrEqual(32_767);
  }, 30_000);
});

describe('what units send instead of one workbook', () => {
  it('.zip submissions are unpacked (GBK names, sub-folders) with the bomb limits; their workbooks imported', async () => {
    const { input, out } = newCase();
    const wb = async (i: number) => new Uint8Array(await fillWorkbook(unitInput(i), definition));
    writeFileSync(
      path.join(input, '收文.zip'),
      rawZip([
        { name: Buffer.from('cad0b8bec1aa2e786c7378', 'hex'), data: await wb(1), deflate: true }, // 市妇联.xlsx, GBK
        { name: 'sub/单位2.xlsx', data: await wb(2), deflate: true },
        { name: '../../evil.xlsx', data: await wb(3) },
        { name: '说明.docx', data: new Uint8Array([1, 2, 3]) },
        { name: 'inner.zip', data: rawZip([{ name: 'x.xlsx', data: await wb(4) }]) },
        { name: '__MACOSX/sub/._单位2.xlsx', data: new Uint8Array(10) },
        { name: 'sub/', data: new Uint8Array(0) },
      ]),
    );
    // Declares 300 MB: refused before anything is inflated.
    writeFileSync(
      path.join(input, 'bomb.zip'),
      rawZip([{ name: 'a.xlsx', data: new Uint8Array(100), declaredSize: 300 * 1024 * 1024 }]),
    );
    // Lies the other way: 50 MB of zeros declared as 1,000 bytes: inflated no further than the entry cap,
    // and reported as an entry that cannot be unpacked (its size is not the declared one).
    writeFileSync(
      path.join(input, 'liar.zip'),
      rawZip([{ name: 'b.xlsx', data: new Uint8Array(50 * 1024 * 1024), deflate: true, declaredSize: 1000 }]),
    );
    writeFileSync(path.join(input, 'broken.zip'), Buffer.from('PK\u0003\u0004 not really a zip'));
    writeFileSync(path.join(input, 'old.rar'), Buffer.from('Rar!'));
    const s = await importDir(input, out);
    expect(fileStatus(s)).toEqual({
      'bomb.zip': 'failed',
      'broken.zip': 'failed',
      'liar.zip': 'unpacked',
      'liar.zip/b.xlsx': 'failed',
      'old.rar': 'failed',
      '收文.zip': 'unpacked',
      '收文.zip/__MACOSX/sub/._单位2.xlsx': 'ignored',
      '收文.zip/evil.xlsx': 'used',
      '收文.zip/inner.zip': 'failed',
      '收文.zip/sub/单位2.xlsx': 'used',
      '收文.zip/市妇联.xlsx': 'used',
      '收文.zip/说明.docx': 'document',
    });
    expect(s.units.map((u) => [u.name, u.file])).toEqual([
      ['测试单位1', '收文.zip/市妇联.xlsx'],
      ['测试单位2', '收文.zip/sub/单位2.xlsx'],
      ['测试单位3', '收文.zip/evil.xlsx'],
    ]);
    const issues = await issuesByFile(out);
    expect(issues.get('bomb.zip')).toEqual([
      '压缩包解压后过大（超过100 MB），可能不是正常的报送文件，已拒绝解压。',
    ]);
    expect(issues.get('broken.zip')).toEqual([
      '压缩包已损坏、格式不支持或设置了密码，无法打开，其中的文件未能导入。请解压后直接报送其中的填报表（.xlsx）。',
    ]);
    expect(issues.get('liar.zip/b.xlsx')).toEqual([
      '压缩包中的这个文件无法解压（压缩包可能已损坏或设置了密码）。请解压确认后直接报送填报表（.xlsx）。',
    ]);
    expect(issues.get('old.rar')).toEqual([
      '压缩包格式“.rar”无法读取，其中的文件未能导入。请改用.zip格式，或直接报送填报表（.xlsx）。',
    ]);
    expect(issues.get('收文.zip/inner.zip')).toEqual([
      '这是压缩包中的压缩包，未解开。请解压后直接报送其中的填报表（.xlsx）。',
    ]);
    expect(issues.get('收文.zip/说明.docx')).toEqual([
      '报送了文档而不是填报表（.docx文件），无法导入。请使用标准填报表（.xlsx）填写后重新报送。',
    ]);
  }, 30_000);

  it('a document or an .xls sent instead: “报送了文档而不是填报表”, the unit submitted-unusable, not 未报送', async () => {
    const { input, out, base } = newCase();
    const roster = path.join(base, '单位名册.csv');
    writeFileSync(
      roster,
      '单位代码,单位名称,简称/别名\nB01,市妇联,妇联\nB02,市文联,\nB03,市档案馆,\nB04,市科技局,科技局\nB05,市交通运输局,市交通局\n',
    );
    writeFileSync(path.join(input, '市妇联-三季度研判报告.docx'), 'PK\u0003\u0004');
    const cfb = Buffer.alloc(1024);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(cfb);
    Buffer.from('W\0o\0r\0k\0b\0o\0o\0k\0', 'latin1').copy(cfb, 512);
    writeFileSync(path.join(input, '市文联.xls'), cfb);
    await put(path.join(input, '科技局.xlsx'), unitInput(4, '市科技局', 'B04'));
    writeFileSync(path.join(input, '市交通局扫描件.pdf'), '%PDF-1.4');
    writeFileSync(path.join(input, '扫描件.jpg'), 'jpg');
    const s = await importDir(input, out, { roster });
    expect(s.units.map((u) => [u.name, u.status, u.file])).toEqual([
      ['市妇联', 'unusable', '市妇联-三季度研判报告.docx'],
      ['市文联', 'unusable', '市文联.xls'],
      ['市档案馆', 'missing', null],
      ['市科技局', 'ok', '科技局.xlsx'],
      ['市交通运输局', 'unusable', '市交通局扫描件.pdf'],
    ]);
    expect(s.files.find((f) => f.file === '扫描件.jpg')).toEqual({
      file: '扫描件.jpg',
      status: 'document',
      unit: null,
    });
    expect(s.totals).toMatchObject({ submitted: 4, unusable: 3, missing: 1, documents: 3 });
    expect(exitStatusOf(s)).toBe(1);
    const status = await sheetRows(trackingIn(out), SHEETS.status);
    const head = status[0] as string[];
    const col = (label: string) => {
      const i = head.indexOf(label);
      expect(i, label).toBeGreaterThanOrEqual(0);
      return i;
    };
    const cell = (unit: string, label: string) =>
      status.find((r) => r[col('单位名称')] === unit)![col(label)];
    expect([cell('市妇联', '报送状态'), cell('市妇联', '文件')]).toEqual([
      '已报送-无法使用',
      '市妇联-三季度研判报告.docx',
    ]);
    expect(cell('市妇联', '备注')).toBe(
      '报送了文档而不是填报表（.docx文件），无法导入。请使用标准填报表（.xlsx）填写后重新报送。',
    );
    expect(cell('市文联', '备注')).toBe(MESSAGES['file.legacyXls'].template);
    expect(cell('市档案馆', '报送状态')).toBe('未报送');
    const files = await sheetRows(trackingIn(out), SHEETS.files);
    expect(files.find((r) => r[1] === '市妇联-三季度研判报告.docx')!.slice(2)).toEqual([
      '文档（不是填报表）',
      '市妇联',
      '报送了文档而不是填报表（.docx文件），无法导入。请使用标准填报表（.xlsx）填写后重新报送。（按文件名识别单位）',
    ]);
  }, 30_000);
});

describe('the output folder', () => {
  it('stages inside the output folder only (private, cleaned on start), never in the system temp folder', async () => {
    const { input, out } = newCase();
    for (let i = 1; i <= 4; i++) await put(path.join(input, `${i}.xlsx`), unitInput(i));
    mkdirSync(path.join(out, '.yanpan-staging-999-old'), { recursive: true });
    writeFileSync(path.join(out, '.yanpan-staging-999-old', 'c1.xlsx'), 'a killed run’s copy');
    // A file under the lock's name that is not a lock (damaged): taken over.
    writeFileSync(path.join(out, '.yanpan.lock'), 'not a lock, but long enough to look like something');
    // (Earlier versions copied every return to os.tmpdir()/yanpan-period-<pid>-…; other processes on this
    // machine may still, so only this process's name counts.)
    const mine = () => readdirSync(os.tmpdir()).filter((n) => n.startsWith(`yanpan-period-${process.pid}-`));
    const inTmp: string[] = [];
    const seen: { name: string; mode: number }[] = [];
    const s = await runImport({
      def: definition,
      inputDir: input,
      outDir: out,
      asOf: AS_OF,
      jobs: 2,
      onProgress: () => {
        inTmp.push(...mine());
        for (const n of readdirSync(out))
          if (n.startsWith('.yanpan-staging-'))
            seen.push({ name: n, mode: statSync(path.join(out, n)).mode & 0o777 });
      },
    });
    expect(s.totals.submitted).toBe(4);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((x) => x.mode === 0o700 && !x.name.includes('999'))).toBe(true);
    expect(readdirSync(out).filter((n) => n.startsWith('.'))).toEqual([]);
    expect([...inTmp, ...mine()]).toEqual([]);
  }, 30_000);

  it('a second import into the same output folder is refused whatever --db says; the first completes', async () => {
    const { input, out, base } = newCase();
    for (let i = 1; i <= 3; i++) await put(path.join(input, `${i}.xlsx`), unitInput(i));
    const busy = `另一个导入正在向输出文件夹“${out}”写入结果，请等待其完成后再试。`;
    let second: Promise<unknown> | null = null;
    let cli: ReturnType<typeof spawnSync> | null = null;
    const first = await runImport({
      def: definition,
      inputDir: input,
      outDir: out,
      asOf: AS_OF,
      jobs: 1,
      onProgress: () => {
        if (second) return;
        second = importDir(input, out, { db: path.join(base, 'other.db') }).then(
          () => 'completed',
          (e: Error) => e.message,
        );
        // Another process too (the first holds its lock while this one runs).
        cli = spawnSync(
          process.execPath,
          [build.cli, 'import', input, '-o', out, '--db', path.join(base, 'third.db'), '--as-of', AS_OF],
          { encoding: 'utf8', timeout: 60_000 },
        );
      },
    });
    expect(await second).toBe(busy);
    expect(cli!.status).toBe(2);
    expect(cli!.stderr).toBe(`${busy}\n`);
    expect(first.totals.submitted).toBe(3);
    expect(existsSync(path.join(base, 'other.db')) || existsSync(path.join(base, 'third.db'))).toBe(false);
    // Once the first is done, the folder is free again.
    expect((await importDir(input, out, { db: path.join(base, 'other.db') })).totals.submitted).toBe(3);
  }, 60_000);

  it('an empty input folder (or one with no workbook) is exit status 1 with a message, and no outputs', () => {
    const { input, out } = newCase();
    const r = spawnSync(process.execPath, [build.cli, 'import', input, '-o', out], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      `输入文件夹“${input}”中没有找到可导入的填报表（.xlsx/.xlsm，或装有填报表的.zip），未生成任何汇总文件。\n`,
    );
    expect(existsSync(out)).toBe(false);
    writeFileSync(path.join(input, 'Thumbs.db'), 'x');
    writeFileSync(path.join(input, '说明.txt'), 'x');
    const r2 = spawnSync(process.execPath, [build.cli, 'import', input, '-o', out, '--json'], {
      encoding: 'utf8',
    });
    expect(r2.status).toBe(1);
    expect(r2.stdout).toBe('');
    expect(r2.stderr).toBe(
      `输入文件夹“${input}”中没有找到可导入的填报表（.xlsx/.xlsm，或装有填报表的.zip），未生成任何汇总文件。` +
        '共发现2个文件，均不是填报表：“Thumbs.db”、“说明.txt”。\n',
    );
    expect(existsSync(out)).toBe(false);
  }, 30_000);
});

describe('an output held open by another program (Excel or WPS on Windows)', () => {
  // Linux has no mandatory file locks: the open-for-writing probe that fails on Windows while Excel holds
  // the file is simulated through the outputFs seam, with the EBUSY Windows gives.
  let input = '';
  let out = '';
  let tracking = '';
  const realProbe = outputFs.probe;
  const busy = (file: string) =>
    Object.assign(new Error(`EBUSY: resource busy or locked, open '${file}'`), { code: 'EBUSY' });
  /** The tracking workbook's name: the round's. */
  const T = '2023年第三季度汇总台账.xlsx';
  /** The tracking workbook is held for the first `n` probes (Infinity: for good). */
  const hold = (n: number) => {
    let tries = 0;
    outputFs.probe = async (file) => {
      if (file === tracking && tries++ < n) throw busy(file);
      return realProbe(file);
    };
  };
  afterEach(() => {
    outputFs.probe = realProbe;
  });

  it('gets “请关闭正在打开的…” once and is retried until it is closed', async () => {
    ({ input, out } = newCase());
    for (let i = 1; i <= 2; i++) await put(path.join(input, `${i}.xlsx`), unitInput(i));
    await importDir(input, out);
    tracking = trackingIn(out);
    expect(path.basename(tracking)).toBe(T);
    hold(2);
    // …and, once the probe passes, held again for the rename (a race): one message all the same.
    const realRename = outputFs.rename;
    let renames = 0;
    outputFs.rename = async (from, to) => {
      if (to === tracking && renames++ < 1) throw busy(to);
      return realRename(from, to);
    };
    const notices: string[] = [];
    const s = await importDir(input, out, { onNotice: (m) => notices.push(m), lockWaitMs: 3_000 });
    outputFs.rename = realRename;
    expect(notices).toEqual([`请关闭正在打开的“${T}”（Excel或WPS中），程序将在3秒内自动重试……`]);
    expect(renames).toBe(2);
    expect(s.totals.submitted).toBe(2);
  }, 30_000);

  it('held for good: a clear message, and not one of the earlier outputs replaced', async () => {
    await put(path.join(input, '3.xlsx'), unitInput(3));
    const summary = path.join(out, OUTPUT_NAMES.summary);
    const before = { tracking: sha(tracking), summary: sha(summary) };
    hold(Infinity);
    await expect(importDir(input, out, { lockWaitMs: 500 })).rejects.toThrow(
      `无法写入“${T}”：该文件正在被其他程序（Excel或WPS）打开。请关闭该文件后重新运行导入（本次结果未写出，上次的结果保持不变）。`,
    );
    expect({ tracking: sha(tracking), summary: sha(summary) }).toEqual(before);
    expect(readdirSync(path.join(out, OUTPUT_NAMES.reportsDir)).length).toBe(2);
  }, 30_000);

  it('the command prints the message on stderr, and exit status 2 when it gives up', async () => {
    hold(1);
    let err = '';
    const spyErr = vi
      .spyOn(process.stderr, 'write')
      .mockImplementation((c: any) => ((err += String(c)), true));
    const spyOut = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    let code: number;
    try {
      code = await runImportCommand([input, '-o', out, '--as-of', AS_OF, '--db', path.join(out, 'x.db')]);
    } finally {
      spyErr.mockRestore();
      spyOut.mockRestore();
    }
    expect(code).toBe(0);
    expect(err).toMatch(
      /^请关闭正在打开的“2023年第三季度汇总台账\.xlsx”（Excel或WPS中），程序将在\d+秒内自动重试……\n$/,
    );
    expect(readdirSync(path.join(out, OUTPUT_NAMES.reportsDir)).length).toBe(3);
  }, 30_000);

  it('a rename that fails for want of permission (Linux) is named, not waited for', async () => {
    const realRename = outputFs.rename;
    outputFs.rename = async (from, to) => {
      if (to === tracking)
        throw Object.assign(new Error(`EACCES: permission denied, rename '${from}'`), { code: 'EACCES' });
      return realRename(from, to);
    };
    try {
      await expect(importDir(input, out, { lockWaitMs: 60_000 })).rejects.toThrow(
        process.platform === 'win32'
          ? `无法写入“${T}”：该文件正在被其他程序`
          : `无法写入“${T}”：没有写入权限（EACCES）。请检查输出文件夹及其中文件的权限后重新运行导入。`,
      );
    } finally {
      outputFs.rename = realRename;
    }
    // On Windows the same codes mean the file is held open, and are waited for.
    expect(isLockedError({ code: 'EPERM' }, 'win32')).toBe(true);
    expect(isLockedError({ code: 'EACCES' }, 'win32')).toBe(true);
    expect(isLockedError({ code: 'EPERM' }, 'linux')).toBe(false);
    expect(isLockedError({ code: 'EBUSY' }, 'linux')).toBe(true);
  }, 30_000);

  it('a folder where an output goes is named (exit status 2)', async () => {
    rmSync(path.join(out, OUTPUT_NAMES.summary), { force: true });
    mkdirSync(path.join(out, OUTPUT_NAMES.summary));
    await expect(importDir(input, out)).rejects.toThrow(
      '无法写入“汇总分析报告.docx”：输出文件夹中已有同名的文件夹。请将其改名或删除后重新运行导入。',
    );
  }, 30_000);
});

describe('the same inputs give the same outputs', () => {
  /** A folder whose files finish in a different order from run to run: sizes differ a lot, names are
   *  in the reverse order of the unit codes, with a duplicate, a correction and units with issues. */
  async function varied(input: string): Promise<void> {
    for (let i = 1; i <= 8; i++) {
      const u = unitInput(i, `单位${String.fromCharCode(0x7532 + i)}`, `C${String(9 - i).padStart(2, '0')}`);
      const risks = Array.from({ length: i % 2 ? 12 : 0 }, (_, k) => ({ ...u.risks![0], id: `FX-${k + 1}` }));
      const input2: FillInput = { ...u, risks: i === 3 ? [] : risks.length ? risks : u.risks };
      if (i === 5)
        input2.metrics = u.metrics!.map((m) => (m.id === 'org.partyMeetings' ? { ...m, current: '3次' } : m));
      if (i === 6)
        input2.metrics = u.metrics!.map((m) =>
          m.id === 'theory.centralGroup' ? { ...m, current: '若干' } : m,
        );
      await put(path.join(input, `${String.fromCharCode(0x61 + 8 - i)}-${i}.xlsx`), input2);
    }
    cpSync(path.join(input, 'h-1.xlsx'), path.join(input, 'copy-of-1.xlsx'));
  }

  for (const withRoster of [false, true])
    describe(withRoster ? 'with a roster (roster order)' : 'without a roster (unit code order)', () => {
      let input = '';
      let base = '';
      let first: Record<string, unknown> = {};
      let s1: ImportSummary;
      const order = [4, 1, 7, 2, 8, 3, 6, 5]; // neither code nor name order
      const code = (i: number) => `C${String(9 - i).padStart(2, '0')}`;
      const opts = (out: string, jobs: number): ImportOptions => ({
        def: definition,
        inputDir: input,
        outDir: out,
        asOf: AS_OF,
        jobs,
        ...(withRoster ? { roster: path.join(base, '名册.csv') } : {}),
      });
      // every output's entry dates are compared too: return copies included (fixed zip dates)
      const allDates = () => true;

      it('the first import: units in a fixed order', async () => {
        ({ input, base } = newCase());
        await varied(input);
        writeFileSync(
          path.join(base, '名册.csv'),
          '单位代码,单位名称\n' +
            order.map((i) => `${code(i)},单位${String.fromCharCode(0x7532 + i)}`).join('\n'),
        );
        s1 = await runImport(opts(path.join(base, 'a'), 3));
        first = await outputParts(path.join(base, 'a'), allDates);
        const codes = s1.units.map((u) => u.code);
        expect(codes).toEqual(withRoster ? order.map(code) : [...codes].sort());
        expect(Object.keys(first)).toEqual(
          expect.arrayContaining([
            '2023年第三季度汇总台账.xlsx',
            OUTPUT_NAMES.summary,
            `${OUTPUT_NAMES.returnsDir}/单位甸-退回修改-2023年第三季度.xlsx`,
          ]),
        );
      }, 30_000);

      it('the same folder into a fresh output folder: byte-identical (timestamps aside)', async () => {
        const s2 = await runImport(opts(path.join(base, 'b'), 1));
        expect(await outputParts(path.join(base, 'b'), allDates)).toEqual(first);
        expect([s2.units, s2.files]).toEqual([s1.units, s1.files]);
      }, 30_000);

      it('the same folder again into the first output folder (from its store): byte-identical', async () => {
        const s3 = await runImport(opts(path.join(base, 'a'), 2));
        expect(await outputParts(path.join(base, 'a'), allDates)).toEqual(first);
        expect([s3.units, s3.files]).toEqual([s1.units, s1.files]);
      }, 30_000);
    });
});

describe('the return copy has a budget of its own', () => {
  it('a return copy that hangs is a note; the file keeps its check result, its report and its unit status', async () => {
    const { input, out, base } = newCase();
    await put(path.join(input, 'ok.xlsx'), unitInput(1));
    const warn = unitInput(2);
    await put(path.join(input, 'warn.xlsx'), {
      ...warn,
      metrics: warn.metrics!.map((m) => (m.id === 'org.partyMeetings' ? { ...m, current: '3次' } : m)),
    });
    // The real worker for checks; a return copy that never finishes.
    const stand = path.join(base, 'slow-copy-worker.mjs');
    writeFileSync(
      stand,
      `import real from ${JSON.stringify(pathToFileURL(build.worker).href)};\n` +
        `export default async (task) => { if (task.kind === 'returnCopy') for (;;) {} return real(task); };\n`,
    );
    const saved = process.env.YANPAN_WORKER;
    process.env.YANPAN_WORKER = stand;
    try {
      const s = await importDir(input, out, { budgetMs: 4_000 });
      expect(s.units.map((u) => [u.name, u.status])).toEqual([
        ['测试单位1', 'ok'],
        ['测试单位2', 'warnings'],
      ]);
      expect(s.notes).toEqual(['“warn.xlsx”的退回修改件未能生成（超过时限），校验结果不受影响。']);
      expect(s.outputs.returnCopies).toEqual([]);
      expect(s.outputs.reports.length).toBe(2);
      const issues = (await issuesByFile(out)).get('warn.xlsx')!;
      expect(issues.some((m) => m.includes('读取超时'))).toBe(false);
      expect(issues.length).toBe(1);
    } finally {
      process.env.YANPAN_WORKER = saved;
    }
  }, 60_000);
});

describe('resources', () => {
  it('the whole file stayed under 500 MB of memory', () => {
    expect(process.resourceUsage().maxRSS * 1024).toBeLessThan(500 * 1024 * 1024);
  });
});
