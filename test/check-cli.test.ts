// yanpan check, run as users run it: node cli.mjs (a private build of scripts/build-cli.mjs, beforeAll).
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayWidth } from '../importer/src/commands/check';
import { checkFile } from '../importer/src/check-file';
import { submissionSchema } from '../templates/src/standard/schema';
import { tempDir } from './helpers/tools';
import { privateBuild } from './import-build';
import { definition } from '../templates/src/index';

const root = path.resolve(__dirname, '..');
const fx = (name: string) => path.join(root, 'test', 'fixtures', name);
const tmp = tempDir('yanpan-check-cli-');

let build: Awaited<ReturnType<typeof privateBuild>> | undefined;
beforeAll(async () => {
  build = await privateBuild();
}, 60_000);
afterAll(() => {
  build?.cleanup();
  tmp.cleanup();
});

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [build!.cli, 'check', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('yanpan check --json', () => {
  it('one document for several files; a missing path is an 错误 entry and the rest are still checked', () => {
    const missing = path.join(tmp.dir, '没有这个文件.xlsx');
    const { code, out, err } = cli([
      '--json',
      '--as-of',
      '2023-10-20',
      fx('valid-openpyxl.xlsx'),
      fx('tolerant-openpyxl.xlsx'),
      missing,
      fx('encrypted.xlsx'),
    ]);
    expect(err).toBe('');
    expect(code).toBe(1);
    const doc = JSON.parse(out);
    expect(Object.keys(doc)).toEqual(['files']);
    expect(
      doc.files.map((f: { file: string; status: string; errors: number; warnings: number }) => [
        f.file,
        f.status,
        f.errors,
        f.warnings,
      ]),
    ).toEqual([
      [fx('valid-openpyxl.xlsx'), 'ok', 0, 0],
      [fx('tolerant-openpyxl.xlsx'), 'warnings', 0, 5],
      [missing, 'errors', 1, 0],
      [fx('encrypted.xlsx'), 'errors', 1, 0],
    ]);
    const [valid, tolerant, gone, enc] = doc.files;
    expect(Object.keys(valid)).toEqual(['file', 'status', 'errors', 'warnings', 'issues', 'submission']);
    submissionSchema.parse(valid.submission);
    expect(valid.submission.unit).toEqual({ name: '市文化广电旅游局', code: '2001' });
    expect([valid.submission.reportKind, valid.submission.year, valid.submission.period]).toEqual([
      '季度分析研判报告',
      2023,
      '第三季度',
    ]);
    expect(valid.submission.metrics[0]).toEqual({
      id: 'org.partyMeetings',
      name: '党组（党委）会议专题研究意识形态工作',
      category: '组织领导',
      unit: '次',
      kind: 'flow',
      current: 2,
      ytd: 6,
      note: null,
    });
    expect(valid.submission.risks[0]).toMatchObject({
      id: 'WL-001',
      category: '阵地管理',
      level: '中',
      deadline: '2023-12-31',
      status: '整改中',
    });
    expect(tolerant.issues[2]).toEqual({
      severity: 'warning',
      sheet: '指标统计',
      cell: 'E8',
      field: '理论学习中心组集体学习（本期数）',
      value: '3次',
      message: '“理论学习中心组集体学习（本期数）”填写为“3次”，已按3读取。请只填写阿拉伯数字。',
    });
    expect(gone.issues).toEqual([
      {
        severity: 'error',
        sheet: null,
        cell: null,
        field: null,
        value: null,
        message: '文件无法读取（找不到该文件）。请检查文件路径是否正确、文件是否存在。',
      },
    ]);
    expect(gone.submission).toBeNull();
    expect(enc.issues[0].message).toContain('打开密码');
  });

  it('exit 0 when no file has errors (warnings allowed)', () => {
    const r = cli([
      '--json',
      '--as-of',
      '2023-10-20',
      fx('valid-openpyxl.xlsx'),
      fx('tolerant-openpyxl.xlsx'),
    ]);
    expect(r.code).toBe(0);
  });

  it('never modifies its inputs', () => {
    const copy = path.join(tmp.dir, 'copy.xlsx');
    copyFileSync(fx('tolerant-openpyxl.xlsx'), copy);
    const before = readFileSync(copy);
    const mtime = statSync(copy).mtimeMs;
    cli([copy]);
    expect(readFileSync(copy).equals(before)).toBe(true);
    expect(statSync(copy).mtimeMs).toBe(mtime);
  });
});

describe('checkFile', () => {
  it('a folder or a missing path is one 错误 naming the reason', async () => {
    const dir = await checkFile(tmp.dir, definition);
    expect(dir.issues.map((i) => i.message)).toEqual([
      '文件无法读取（这是一个文件夹，不是文件）。请检查文件路径是否正确、文件是否存在。',
    ]);
    const gone = await checkFile(path.join(tmp.dir, 'x.xlsx'), definition);
    expect(gone).toMatchObject({ file: path.join(tmp.dir, 'x.xlsx'), submission: null });
    expect(gone.issues[0].message).toContain('找不到该文件');
  });

  it('passes asOf through (dates after it get a 警告)', async () => {
    const r = await checkFile(fx('valid-openpyxl.xlsx'), definition, { asOf: '2023-10-20' });
    expect(r.file).toBe(fx('valid-openpyxl.xlsx'));
    expect(r.issues).toEqual([]);
    const future = await checkFile(fx('valid-openpyxl.xlsx'), definition, { asOf: '2023-10-01' });
    expect(future.issues.map((i) => [i.rule, i.sheet, i.cell])).toEqual([
      ['field.dateFuture', '基本信息', 'B12'],
      ['field.dateFuture', '工作情况', 'B3'],
    ]);
  });
});

describe('yanpan check on a terminal', () => {
  it('prints a table per file and a summary line', () => {
    const { code, out } = cli(['--as-of', '2023-10-20', fx('tolerant-openpyxl.xlsx'), fx('legacy.xls')]);
    expect(code).toBe(1);
    const lines = out.split('\n');
    expect(lines[0]).toBe(`文件：${fx('tolerant-openpyxl.xlsx')}`);
    expect(lines[1]).toBe('状态：有警告（错误0条，警告5条）');
    expect(lines[2].trim().split(/\s+/)).toEqual(['级别', '工作表', '单元格', '项目', '值', '说明']);
    const e8 = lines.find((l) => l.includes(' E8 '))!;
    expect(e8.trim().split(/\s{2,}/)).toEqual([
      '警告',
      '指标统计',
      'E8',
      '理论学习中心组集体学习（本期数）',
      '3次',
      '“理论学习中心组集体学习（本期数）”填写为“3次”，已按3读取。请只填写阿拉伯数字。',
    ]);
    // Columns line up on a terminal: the 说明 column starts at the same display column in every row.
    const col = (l: string) => displayWidth(l.slice(0, l.lastIndexOf('  ') + 2));
    const tableRows = [lines[2], ...lines.slice(4, 9)];
    expect(tableRows.filter((l) => l.startsWith('  警告'))).toHaveLength(5);
    expect(new Set(tableRows.map(col)).size).toBe(1);
    expect(out).toContain('状态：有错误（错误1条，警告0条）');
    expect(out).toContain('文件是旧版Excel 97-2003格式（.xls），无法读取。');
    expect(lines.at(-2)).toBe('共校验2个文件：通过0个，有警告1个，有错误1个。');
  });

  it('a clean file says 通过', () => {
    const { code, out } = cli(['--as-of', '2023-10-20', fx('valid-openpyxl.xlsx')]);
    expect(code).toBe(0);
    expect(out.split('\n').slice(0, 2)).toEqual([`文件：${fx('valid-openpyxl.xlsx')}`, '状态：通过']);
  });
});

describe('yanpan check: bad arguments → exit 2', () => {
  it.each([
    [[], '未指定要校验的文件。'],
    [
      ['--as-of', '2023-02-30', 'a.xlsx'],
      '参数 --as-of 的日期“2023-02-30”无效（2023年2月只有28天），请检查后重新输入。',
    ],
    [['--as-of', '20231020x', 'a.xlsx'], '参数 --as-of 应为日期，如 2023-10-20，现为“20231020x”。'],
    [['--bogus', 'a.xlsx'], '参数错误：无法识别“--bogus”。'],
  ])('%j', (args, msg) => {
    const r = cli(args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(msg);
    expect(r.err).not.toMatch(/at .*\.(m?js|ts):\d+/);
  });
  it('--help exits 0', () => {
    const r = cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('yanpan check 文件...');
  });
});
