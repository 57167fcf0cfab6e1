// The command line as a whole, run as users run it (a private build of the CLI): --version, help for every
// command, one Chinese wording for every argument error of every command (exit 2, the command's usage, no
// English, no stack trace), the one date validator behind every date option, `| head` on --json, outputs
// held open by Excel (EBUSY played by test/stubs/locked-fs.mjs) and other errno on outputs.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { importFailed } from '../importer/src/commands/import';
import { UserError } from '../importer/src/errors';
import { ImportUsageError } from '../importer/src/import/errors';
import { definition } from '../templates/src/index';
import { tempDir } from './helpers/tools';
import { privateBuild } from './import-build';

const root = path.resolve(__dirname, '..');
const fx = (name: string) => path.join(root, 'test', 'fixtures', name);
const LOCKED_STUB = path.join(root, 'test', 'stubs', 'locked-fs.mjs');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
const COMMANDS = ['template', 'check', 'report', 'import', 'demo', 'history', 'year', 'remind'];
const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

const tmp = tempDir('yanpan-cli-');
let build: Awaited<ReturnType<typeof privateBuild>> | undefined;
beforeAll(async () => {
  build = await privateBuild();
  process.env.YANPAN_WORKER = build.worker;
}, 60_000);
afterAll(() => {
  build?.cleanup();
  tmp.cleanup();
});

interface Run {
  code: number | null;
  out: string;
  err: string;
}

function yanpan(args: string[], opts: { env?: Record<string, string>; locked?: boolean } = {}): Run {
  const node = opts.locked ? ['--import', LOCKED_STUB] : [];
  const r = spawnSync(process.execPath, [...node, build!.cli, ...args], {
    cwd: tmp.dir,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, ...opts.env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Every word of Latin letters left once the names the user typed or sees on purpose are taken out. */
function englishIn(s: string): string[] {
  const allowed =
    /(?:--?[a-zA-Z][\w-]*|yanpan\.[a-z][a-z.-]*|yanpan(?:\.db)?|template|check|report|import|demo-output|demo|history|year|remind|help|definition|list|export|validate|JSON|OA|Word|Excel|WPS|CSV|UTF-8|GBK|CPU|docs\/check-json\.md|\.(?:xlsx|xlsm|csv|docx|json|yaml)|reports|Q3|H1|N)/g;
  return s.replace(allowed, '').match(/[A-Za-z]{2,}/g) ?? [];
}

function noStackNoEnglish(s: string): void {
  expect(s).not.toMatch(/\n\s+at /);
  expect(s).not.toMatch(/Error|EPIPE|EBUSY|errno/);
  expect(englishIn(s)).toEqual([]);
}

describe('yanpan --version and help', () => {
  it('--version and -V print the version (and the template version) and exit 0', () => {
    for (const flag of ['--version', '-V']) {
      const r = yanpan([flag]);
      expect(r).toEqual({
        code: 0,
        out: `yanpan ${pkg.version}（填报表模板版本 ${definition.version}）\n`,
        err: '',
      });
    }
  });

  it('help, --help and -h print the list of commands in Chinese and exit 0', () => {
    const general = yanpan(['help']);
    expect(general.code).toBe(0);
    expect(general.err).toBe('');
    expect(general.out.split('\n').slice(0, 3)).toEqual(['用法：yanpan <命令> [参数]', '', '命令：']);
    for (const c of COMMANDS) expect(general.out).toMatch(new RegExp(`^  ${c} +\\S`, 'm'));
    expect(general.out).toContain('  -V, --version  显示版本号\n');
    expect(general.out).toContain('每个命令的详细用法：yanpan help <命令>，或 yanpan <命令> --help。');
    noStackNoEnglish(general.out);
    expect(yanpan(['--help'])).toEqual(general);
    expect(yanpan(['-h'])).toEqual(general);
  });

  it.each(COMMANDS)('`yanpan help %s` prints that command’s help, the same as its --help', (c) => {
    const viaHelp = yanpan(['help', c]);
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.err).toBe('');
    expect(viaHelp.out.startsWith(`用法：\n  yanpan ${c}`)).toBe(true);
    expect(viaHelp.out).toContain('\n参数：\n');
    expect(viaHelp.out).toContain('  -h, --help');
    expect(viaHelp.out).toMatch(/\n退出状态：0 /);
    noStackNoEnglish(viaHelp.out);
    expect(yanpan([c, '--help'])).toEqual(viaHelp);
    expect(yanpan([c, '-h'])).toEqual(viaHelp);
  });

  it('`yanpan help import` lists every import option', () => {
    const out = yanpan(['help', 'import']).out;
    for (const o of [
      '-o, --out 输出文件夹',
      '--roster',
      '--jobs 线程数',
      '--json',
      '--as-of 日期',
      '--issuer',
    ])
      expect(out).toContain(`  ${o}`);
    expect(out).toContain('  --period 报告期       按数据库生成该报告期的汇总');
  });

  it('no command: the list of commands on stderr, exit 2; an unknown command or help topic: exit 2', () => {
    const none = yanpan([]);
    expect(none.code).toBe(2);
    expect(none.out).toBe('');
    expect(none.err).toBe(yanpan(['help']).out);
    for (const args of [['bogus'], ['help', 'bogus']]) {
      const r = yanpan(args);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toBe(`未知命令“bogus”。\n\n${none.err}`);
    }
  });
});

describe('argument errors: a Chinese message, then the command’s usage, exit 2', () => {
  const cases: [string[], string][] = [
    // one date validator behind every date option
    [
      ['import', 'in', '--as-of', '2023-02-30', '-o', 'out'],
      '参数 --as-of 的日期“2023-02-30”无效（2023年2月只有28天），请检查后重新输入。',
    ],
    [
      ['report', 'a.xlsx', '--as-of', '2023-13-45'],
      '参数 --as-of 的日期“2023-13-45”无效（月份应为1—12），请检查后重新输入。',
    ],
    [
      ['check', 'a.xlsx', '--as-of', '2023-13-45'],
      '参数 --as-of 的日期“2023-13-45”无效（月份应为1—12），请检查后重新输入。',
    ],
    [
      ['import', 'in', '-o', 'out', '--as-of', '2023-13-45'],
      '参数 --as-of 的日期“2023-13-45”无效（月份应为1—12），请检查后重新输入。',
    ],
    [
      ['check', 'a.xlsx', '--as-of=2023-02-29'],
      '参数 --as-of 的日期“2023-02-29”无效（2023年2月只有28天），请检查后重新输入。',
    ],
    [
      ['report', 'a.xlsx', '--as-of', '2023-04-31'],
      '参数 --as-of 的日期“2023-04-31”无效（2023年4月只有30天），请检查后重新输入。',
    ],
    [['import', 'in', '-o', 'out', '--as-of', '昨天'], '参数 --as-of 应为日期，如 2023-10-20，现为“昨天”。'],
    [
      ['check', 'a.xlsx', '--as-of', '10/10/2023'],
      '参数 --as-of 应为日期，如 2023-10-20，现为“10/10/2023”。',
    ],
    [['check', 'a.xlsx', '--as-of', '45219'], '参数 --as-of 应为日期，如 2023-10-20，现为“45219”。'],
    // a missing option value is a missing value, not an unknown option
    [['check', 'a.xlsx', '--as-of'], '参数 --as-of 需要指定日期，如 2023-10-20。'],
    [['report', 'a.xlsx', '--as-of'], '参数 --as-of 需要指定日期，如 2023-10-10。'],
    [['import', 'in', '-o'], '参数 -o/--out 需要指定输出文件夹。'],
    [['import', 'in', '-o', '--json'], '参数 -o/--out 需要指定输出文件夹。'],
    [['import', 'in', '-o', 'out', '--jobs'], '参数 --jobs 需要指定线程数，如 4。'],
    [['import', 'in', '-o', 'out', '--roster'], '参数 --roster 需要指定单位名册。'],
    [['report', 'a.xlsx', '-o'], '参数 -o/--out 需要指定文件。'],
    [['template', '--roster'], '参数 --roster 需要指定单位名册。'],
    [['demo', '-o'], '参数 -o/--out 需要指定输出文件夹。'],
    [['history', '市交通局', '--db'], '参数 --db 需要指定数据库文件。'],
    [['history', '市交通局', '--db='], '参数 --db 需要指定数据库文件。'],
    [['check', 'a.xlsx', '--as-of='], '参数 --as-of 需要指定日期，如 2023-10-20。'],
    [['template', '-o', ''], '参数 -o/--out 需要指定文件。'],
    // other values
    [['import', 'in', '-o', 'out', '--jobs', '0'], '参数 --jobs 应为1—64的整数，现为“0”。'],
    [['import', 'in', '-o', 'out', '--jobs', '2.5'], '参数 --jobs 应为1—64的整数，现为“2.5”。'],
    // unknown options, for every command and before any command
    ...COMMANDS.map((c): [string[], string] => [[c, '--bogus'], '参数错误：无法识别“--bogus”。']),
    [['--bogus'], '参数错误：无法识别“--bogus”。'],
    [['check', 'a.xlsx', '-x'], '参数错误：无法识别“-x”。'],
    // missing and surplus arguments
    [['check'], '未指定要校验的文件。'],
    [['report'], '缺少填报表文件。'],
    [['import', '-o', 'out'], '请指定收回的填报表所在文件夹。'],
    [['import', 'in'], '请用 -o 指定输出文件夹。'],
    [['import'], '请指定收回的填报表所在文件夹。'],
    [['history'], '请指定单位（单位代码、名称或简称）。'],
    [['history', '  '], '请指定单位（单位代码、名称或简称）。'],
    [['report', 'a.xlsx', 'b.xlsx'], '一次只能为一个填报表生成报告。'],
    [['import', 'a', 'b', '-o', 'out'], '只能指定一个输入文件夹（多余的参数“b”）。'],
    [['history', '甲', '乙'], '只能指定一个单位（多余的参数“乙”）。'],
    [['template', 'x.xlsx'], '多余的参数“x.xlsx”。'],
    [['demo', 'x'], '多余的参数“x”。'],
    [['help', 'import', 'check'], '一次只能查看一个命令的用法（多余的参数“check”）。'],
    // combinations the command itself refuses
    [['template', '--out-dir', 'x'], '--out-dir 须与 --roster 一起使用。'],
    [['template', '--roster', 'r.csv'], '缺少 --out-dir：请指定预置填报表的保存文件夹。'],
  ];

  it.each(cases)('%j', (args, message) => {
    const r = yanpan(args);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    const [first, blank, usage] = r.err.split('\n');
    expect(first).toBe(message);
    expect(blank).toBe('');
    expect(usage).toMatch(/^用法：/);
    // The usage shown is the command's own (the general one for errors before a command).
    const c = [...COMMANDS, 'help'].find((name) => args[0] === name);
    expect(r.err.slice(first.length + 2)).toBe(yanpan(c ? ['help', c] : ['help']).out);
    noStackNoEnglish(r.err);
  });

  it('nothing is written by a refused command', () => {
    const before = readdirSync(tmp.dir).sort();
    yanpan(['import', 'in', '-o', 'out-refused', '--as-of', '2023-02-30']);
    yanpan(['demo', '-o', 'demo-refused', 'x']);
    expect(readdirSync(tmp.dir).sort()).toEqual(before);
  });
});

describe('dates: the checker’s calendar, in any of the usual writings', () => {
  it('2023-10-20, 2023/10/20, 2023年10月20日 and 20231020 are the same day for check', () => {
    const file = fx('valid-openpyxl.xlsx');
    const base = yanpan(['check', '--json', '--as-of', '2023-10-20', file]);
    expect(base.code).toBe(0);
    for (const d of ['2023/10/20', '2023年10月20日', '20231020', '2023-10-20 ']) {
      const r = yanpan(['check', '--json', `--as-of=${d}`, file]);
      expect(r, d).toEqual(base);
    }
  });
});

describe('`| head` on the output is quiet', () => {
  const files = [fx('valid-openpyxl.xlsx'), fx('tolerant-openpyxl.xlsx'), fx('encrypted.xlsx')];

  it('check --json with the reader gone before the first byte: no message, the usual exit status', async () => {
    const child = spawn(process.execPath, [build!.cli, 'check', '--json', ...files], {
      cwd: tmp.dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(err).toBe('');
    expect(code).toBe(1); // encrypted.xlsx is an 错误, as without the pipe
  });

  it('yanpan check --json … | head -c 10', () => {
    const errFile = path.join(tmp.dir, 'head-stderr.txt');
    const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
    const r = spawnSync(
      'bash',
      [
        '-c',
        `${q(process.execPath)} ${q(build!.cli)} check --json ${files.map(q).join(' ')} 2>${q(errFile)} | head -c 10; echo " status=\${PIPESTATUS[0]}"`,
      ],
      { encoding: 'utf8' },
    );
    expect(r.stdout).toBe('{\n  "files status=1\n');
    expect(readFileSync(errFile, 'utf8')).toBe('');
  });
});

describe('an output held open by Excel/WPS/Word', () => {
  const locked = (name: string, extra: Record<string, string> = {}) => ({
    locked: true,
    env: { YANPAN_TEST_LOCKED: name, ...extra },
  });
  const lockedText = (file: string) =>
    `“${file}”正被其他程序（如Excel、WPS、Word）打开，无法写入。请关闭正在打开的“${path.basename(file)}”后重试。`;

  it('report: retried, then "请关闭正在打开的…后重试", exit 2, nothing written', () => {
    const dir = path.join(tmp.dir, 'locked-report');
    mkdirSync(dir);
    const out = path.join(dir, '报告.docx');
    const r = yanpan(
      ['report', fx('valid-openpyxl.xlsx'), '--as-of', '2023-10-20', '-o', out],
      locked('报告.docx'),
    );
    expect(r.err).toBe(`${lockedText(out)}\n`);
    expect(r.code).toBe(2);
    expect(readdirSync(dir)).toEqual([]); // no report, no temporary file left
  });

  it('report: a lock that goes away while the command waits is no failure', () => {
    const out = path.join(tmp.dir, 'locked-twice', '报告.docx');
    const r = yanpan(
      ['report', fx('valid-openpyxl.xlsx'), '--as-of', '2023-10-20', '-o', out],
      locked('报告.docx', { YANPAN_TEST_LOCKED_TIMES: '2' }),
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`已生成报告：${out}`);
    expect(existsSync(out)).toBe(true);
  });

  it('template -o: the same message', () => {
    const out = path.join(tmp.dir, 'locked-template', '模板.xlsx');
    const r = yanpan(['template', '-o', out], locked('模板.xlsx'));
    expect(r.err).toBe(`${lockedText(out)}\n`);
    expect(r.code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it('import: the tracking workbook open in Excel is found before the import starts; the old one stays whole', () => {
    const input = path.join(tmp.dir, 'locked-import-in');
    const out = path.join(tmp.dir, 'locked-import-out');
    mkdirSync(input);
    copyFileSync(fx('valid-openpyxl.xlsx'), path.join(input, '文广旅局.xlsx'));
    const first = yanpan(['import', input, '-o', out, '--as-of', '2023-10-20']);
    expect(first.code).toBe(0);
    const tracking = path.join(out, '2023年第三季度汇总台账.xlsx');
    const before = sha(tracking);
    const listing = readdirSync(out).sort();
    const r = yanpan(['import', input, '-o', out, '--as-of', '2023-10-20'], locked(path.basename(tracking)));
    expect(r.err).toBe(`导入未完成：${lockedText(tracking)}\n`);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(sha(tracking)).toBe(before);
    expect(readdirSync(out).sort()).toEqual(listing);
  });

  it('on a terminal: asks to close the file and press Enter, then writes it; "q" gives up', async () => {
    const dir = path.join(tmp.dir, 'locked-tty');
    mkdirSync(dir);
    const out = path.join(dir, '报告.docx');
    const unlock = path.join(dir, 'closed');
    const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
    const command = [
      process.execPath,
      '--import',
      LOCKED_STUB,
      build!.cli,
      'report',
      fx('valid-openpyxl.xlsx'),
    ]
      .concat(['--as-of', '2023-10-20', '-o', out])
      .map(q)
      .join(' ');
    // `script` runs the CLI on a pseudo-terminal (util-linux, part of every Debian system).
    const session = (answer: string) =>
      new Promise<{ code: number | null; screen: string }>((resolve) => {
        const child = spawn('script', ['-qfec', command, '/dev/null'], {
          env: { ...process.env, YANPAN_TEST_LOCKED: '报告.docx', YANPAN_TEST_UNLOCK: unlock },
          stdio: ['pipe', 'pipe', 'pipe'],
        });
        let screen = '';
        let answered = false;
        child.stdout.on('data', (d) => {
          screen += d;
          if (!answered && screen.includes('按回车键重试')) {
            answered = true;
            if (answer === '') writeFileSync(unlock, ''); // the user closes the file in Excel
            child.stdin.write(`${answer}\r`);
          }
        });
        child.on('close', (code) => resolve({ code, screen: screen.replace(/\r/g, '') }));
      });

    const giveUp = await session('q');
    expect(giveUp.screen).toContain(`${lockedText(out)}\n关闭后按回车键重试，输入 q 后按回车键放弃：`);
    expect(giveUp.code).toBe(2);
    expect(existsSync(out)).toBe(false);

    const retried = await session('');
    expect(retried.screen).toContain(`已生成报告：${out}`);
    expect(retried.code).toBe(0);
    expect(existsSync(out)).toBe(true);
  }, 60_000);
});

describe('other errors on outputs: a Chinese sentence naming the file', () => {
  it('report -o onto a folder', () => {
    const dir = path.join(tmp.dir, '已有文件夹.docx');
    mkdirSync(dir);
    const r = yanpan(['report', fx('valid-openpyxl.xlsx'), '--as-of', '2023-10-20', '-o', dir]);
    expect(r.err).toBe(`无法写入“${dir}”：这是一个文件夹，不是文件。\n`);
    expect(r.code).toBe(2);
  });

  it('template -o below a file', () => {
    const file = path.join(tmp.dir, '一个文件');
    writeFileSync(file, '');
    const out = path.join(file, '模板.xlsx');
    const r = yanpan(['template', '-o', out]);
    expect(r.err).toBe(`无法写入“${out}”：路径中有一部分不是文件夹（已有同名文件）。\n`);
    expect(r.code).toBe(2);
  });
});

describe('import: how a failure of the pipeline is shown', () => {
  function shown(err: unknown): { code: number; err: string } {
    let text = '';
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((text += String(s)), true));
    try {
      return { code: importFailed(err), err: text };
    } finally {
      spy.mockRestore();
    }
  }

  it('the pipeline’s own message as is, with the exit status it carries (an empty folder: 1)', () => {
    const empty = Object.assign(new ImportUsageError('输入文件夹“收文”中没有找到可导入的填报表。'), {
      exitCode: 1,
    });
    expect(shown(empty)).toEqual({ code: 1, err: '输入文件夹“收文”中没有找到可导入的填报表。\n' });
    expect(shown(new ImportUsageError('无法读取输入文件夹“x”。'))).toEqual({
      code: 2,
      err: '无法读取输入文件夹“x”。\n',
    });
  });

  it('an errno that reaches the command, in Chinese and naming the file', () => {
    const err = Object.assign(new Error('ENOSPC: no space left on device, write'), {
      code: 'ENOSPC',
      syscall: 'write',
      path: '/汇总/reports/市交通局.docx',
    });
    expect(shown(err)).toEqual({
      code: 2,
      err: '导入未完成：无法写入“/汇总/reports/市交通局.docx”：磁盘空间不足。请清理磁盘空间后重试。\n',
    });
    expect(shown(new UserError('请关闭正在打开的“汇总台账.xlsx”后重试。'))).toEqual({
      code: 2,
      err: '导入未完成：请关闭正在打开的“汇总台账.xlsx”后重试。\n',
    });
  });
});
