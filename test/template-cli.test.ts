// `yanpan template`: the blank workbook, one pre-filled workbook per roster unit, bad rosters and
// arguments (exit 0 / 1 / 2, Chinese messages, no stack traces).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runTemplate } from '../importer/src/commands/template';
import { writeTemplate } from '../templates/src/template/writer';
import { tempDir } from './helpers/tools';
import { privateBuild } from './import-build';
import { definition } from '../templates/src/standard/ideology';

const tmp = tempDir('yanpan-template-cli-');
let build: Awaited<ReturnType<typeof privateBuild>> | undefined;
afterAll(() => {
  build?.cleanup();
  tmp.cleanup();
});

beforeAll(async () => {
  build = await privateBuild();
}, 60_000);

/** Runs the command in this process (fast), capturing stdout and stderr. */
async function inProcess(args: string[]) {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    const code = await runTemplate(args, definition);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

/** Runs the built CLI as a user would. */
function yanpan(args: string[], cwd = tmp.dir) {
  const r = spawnSync(process.execPath, [build!.cli, 'template', ...args], {
    cwd,
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

async function partsOf(bytes: Uint8Array): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const out: Record<string, string> = {};
  for (const f of Object.values(zip.files)) if (!f.dir) out[f.name] = await f.async('string');
  return out;
}

async function load(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(
    readFileSync(file) as unknown as ArrayBuffer,
    {
      ignoreNodes: ['dataValidations'],
    } as unknown as Parameters<typeof wb.xlsx.load>[1],
  );
  return wb;
}

describe('yanpan template', () => {
  it('--help prints Chinese usage and exits 0', async () => {
    const r = await inProcess(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('用法：');
    expect(r.out).toContain('yanpan template --roster 单位名册(.xlsx|.csv) --out-dir 文件夹');
  });

  it('writes the blank template to the default name, and to -o FILE', async () => {
    const dir = path.join(tmp.dir, 'blank');
    mkdirSync(dir);
    const r = yanpan([], dir);
    expect(r.code, r.err).toBe(0);
    const def = path.join(dir, '意识形态工作填报表.xlsx');
    expect(r.out).toContain(`已生成空白填报表：${def}`);
    expect(await partsOf(new Uint8Array(readFileSync(def)))).toEqual(
      await partsOf(await writeTemplate(definition)),
    );

    const r2 = await inProcess(['-o', path.join(dir, 'sub', 'x.xlsx')]);
    expect(r2.code, r2.err).toBe(0);
    expect(statSync(path.join(dir, 'sub', 'x.xlsx')).size).toBeGreaterThan(10_000);
    // Nothing else (no temporary files) left behind.
    expect(readdirSync(path.join(dir, 'sub'))).toEqual(['x.xlsx']);
  });

  it('--roster writes one pre-filled, locked workbook per unit with a safe file name', async () => {
    const roster = path.join(tmp.dir, '名册.csv');
    writeFileSync(
      roster,
      '\ufeff单位代码,单位名称,简称\nJT001,市交通运输局,交通局\nA/2,"区财政局: 预算科",\n',
    );
    const before = readFileSync(roster);
    const out = path.join(tmp.dir, 'units');
    const r = yanpan(['--roster', roster, '--out-dir', out]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toContain(
      `已按单位名册“名册.csv”生成 2 份预置填报表（模板版本 ${definition.version}），保存在：${out}`,
    );
    expect(readdirSync(out).sort()).toEqual(
      ['A_2_区财政局_ 预算科_意识形态工作填报表.xlsx', 'JT001_市交通运输局_意识形态工作填报表.xlsx'].sort(),
    );
    expect(readFileSync(roster).equals(before)).toBe(true); // input untouched

    const wb = await load(path.join(out, 'JT001_市交通运输局_意识形态工作填报表.xlsx'));
    const info = wb.getWorksheet('基本信息')!;
    expect([info.getCell('B3').value, info.getCell('B4').value]).toEqual(['市交通运输局', 'JT001']);
    expect(info.getCell('B3').protection?.locked).not.toBe(false);
    expect(info.getCell('B5').protection?.locked).toBe(false);
    const meta = wb.getWorksheet('_yanpan')!;
    expect([meta.getCell('B3').value, meta.getCell('B4').value]).toEqual(['JT001', '市交通运输局']);
    const wb2 = await load(path.join(out, 'A_2_区财政局_ 预算科_意识形态工作填报表.xlsx'));
    expect(wb2.getWorksheet('基本信息')!.getCell('B3').value).toBe('区财政局: 预算科');
    expect(wb2.getWorksheet('_yanpan')!.getCell('B3').value).toBe('A/2');
  });

  it('a roster with bad rows: the good units are written, the rows are named, exit 1', async () => {
    const roster = path.join(tmp.dir, 'partly.csv');
    writeFileSync(roster, '单位代码,单位名称\nB1,乙局\nB1,丙局\n');
    const out = path.join(tmp.dir, 'partly');
    const r = await inProcess(['--roster', roster, '--out-dir', out]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('错误：单位名册“partly.csv”第3行的单位代码“B1”与第2行重复');
    expect(readdirSync(out)).toEqual(['B1_乙局_意识形态工作填报表.xlsx']);
    expect(r.out).toContain('名册中有 1 行有错误');
  });

  it('two units whose safe file names collide get distinct files', async () => {
    const roster = path.join(tmp.dir, 'collide.csv');
    writeFileSync(roster, '单位代码,单位名称\nA/1,甲\nA_1,甲\n');
    const out = path.join(tmp.dir, 'collide');
    const r = await inProcess(['--roster', roster, '--out-dir', out]);
    expect(r.code, r.err).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'A_1_甲_意识形态工作填报表.xlsx',
      'A_1_甲_意识形态工作填报表（2）.xlsx',
    ]);
    const codes = await Promise.all(
      readdirSync(out)
        .sort()
        .map(async (f) => (await load(path.join(out, f))).getWorksheet('基本信息')!.getCell('B4').value),
    );
    expect(codes).toEqual(['A/1', 'A_1']);
  });

  it('an unusable roster: a clear Chinese error naming the file, exit 2, nothing written', async () => {
    const roster = path.join(tmp.dir, 'bad.csv');
    writeFileSync(roster, '名称,代号\n甲,1\n');
    const out = path.join(tmp.dir, 'bad-out');
    const r = yanpan(['--roster', roster, '--out-dir', out]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('单位名册“bad.csv”中没有找到表头行（缺少“单位代码”列）');
    expect(r.err).not.toMatch(/\bat .*\.m?js:\d+/); // no stack trace
    expect(existsSync(out)).toBe(false);

    const missing = await inProcess(['--roster', path.join(tmp.dir, 'nope.xlsx'), '--out-dir', out]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('无法读取单位名册');
    expect(missing.err).toBe(
      `无法读取单位名册“${path.join(tmp.dir, 'nope.xlsx')}”：找不到该文件。请检查文件路径是否正确。\n`,
    );
  });

  it('--year and --period lock 报告类型, 年度 and 报告期 of each unit for the round', async () => {
    const roster = path.join(tmp.dir, '名册-轮次.csv');
    writeFileSync(roster, '单位代码,单位名称\nJT001,市交通运输局\nCZ002,市财政局\n');
    const out = path.join(tmp.dir, 'round');
    const r = await inProcess(['--roster', roster, '--out-dir', out, '--year', '2024', '--period', '上半年']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('2024年上半年');
    for (const [file, name] of [
      ['JT001_市交通运输局_意识形态工作填报表.xlsx', '市交通运输局'],
      ['CZ002_市财政局_意识形态工作填报表.xlsx', '市财政局'],
    ]) {
      const info = (await load(path.join(out, file))).getWorksheet('基本信息')!;
      const byLabel = new Map<string, ExcelJS.Cell>();
      info.eachRow((row) => byLabel.set(String(row.getCell(1).value).replace(/\*$/, ''), row.getCell(2)));
      expect(byLabel.get('单位名称')!.value).toBe(name);
      expect(byLabel.get('报告类型')!.value).toBe('半年自查报告');
      expect(byLabel.get('年度')!.value).toBe(2024);
      expect(byLabel.get('报告期')!.value).toBe('上半年');
      for (const k of ['报告类型', '年度', '报告期'])
        expect(byLabel.get(k)!.protection?.locked).not.toBe(false);
      expect(byLabel.get('填报人')!.protection?.locked).toBe(false);
    }
    // A period the standard does not have, or half a round, is a usage error.
    for (const args of [
      ['--year', '2024', '--period', '第五季度'],
      ['--year', '二〇二四', '--period', '全年'],
      ['--period', '全年'],
    ]) {
      const bad = await inProcess(args);
      expect(bad.code, args.join(' ')).toBe(2);
      expect(bad.err).toMatch(/报告期“第五季度”不在标准中|不是四位年份|须一起使用/);
    }
  });

  it('bad arguments exit 2 with usage', async () => {
    const bogus = await inProcess(['--bogus']);
    expect(bogus.err).toContain('参数错误：无法识别“--bogus”');
    for (const args of [
      ['--bogus'],
      ['--out-dir', 'x'],
      ['--roster', 'r.csv'],
      ['--roster', 'r.csv', '-o', 'x.xlsx'],
    ]) {
      const r = await inProcess(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toContain('用法：');
    }
  });
});
