// The CLI's one argument parser: commander, with every message in Chinese. Commands declare their
// arguments and options (commands/types.ts); this module builds the program, parses, prints the help
// (yanpan help CMD, CMD --help), the version (--version, -V), and turns argument errors (unknown options,
// missing values or arguments, invalid dates) into a Chinese message, the command's usage and exit 2.
import { createInterface } from 'node:readline';
import { Command, CommanderError, type Help, type Option } from 'commander';
import { definition, parseDate } from '../../templates/src/index';
import { version as packageVersion } from '../../package.json';
import { displayWidth, padToWidth } from './cli-format';
import type { ArgumentSpec, CommandSpec, OptionSpec } from './commands/types';
import { UserError } from './errors';

/** A wrong command line: a Chinese message, then the usage of `command`; exit status 2. */
export class UsageError extends UserError {
  constructor(
    message: string,
    public command?: Command,
  ) {
    super(message, 2);
    this.name = 'UsageError';
  }
}

/** "yanpan 0.1.0（填报表模板版本 1.0）" */
export const VERSION_TEXT = `yanpan ${packageVersion}（填报表模板版本 ${definition.version}）`;

// ---------------------------------------------------------------------------------------------------
// Value validators, one per kind of value, used by every command's options.

/**
 * A date option (--as-of…): "2023-10-20" (also 2023/10/20, 2023年10月20日, 20231020), checked against the
 * calendar by the checker's own date parser. Returns the ISO date; throws UsageError naming the option.
 */
export function dateValue(value: string, flag: string): string {
  const s = value.trim();
  // The core parser also reads Excel serial numbers ("45219"): not a date anyone types on a command line.
  const r = /^\d+(\.\d+)?$/.test(s) && !/^\d{8}$/.test(s) ? null : parseDate(s);
  if (r?.status === 'ok') return r.iso;
  const ymd = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?$/.exec(s);
  if (ymd) {
    const [y, m] = [Number(ymd[1]), Number(ymd[2])];
    const why =
      y < 1900
        ? '年份应不早于1900年'
        : m < 1 || m > 12
          ? '月份应为1—12'
          : `${y}年${m}月只有${new Date(Date.UTC(y, m, 0)).getUTCDate()}天`;
    throw new UsageError(`参数 ${flag} 的日期“${value}”无效（${why}），请检查后重新输入。`);
  }
  throw new UsageError(`参数 ${flag} 应为日期，如 2023-10-20，现为“${value}”。`);
}

/** The --as-of option of every command that has one: the date validator above, the command's own words. */
export function asOfOption(description: string, example = '2023-10-20'): OptionSpec {
  return { flags: '--as-of <日期>', description, parse: dateValue, example };
}

/** --deadline: the round's 报送截止日期 (a roster unit's own date wins). */
export function deadlineOption(): OptionSpec {
  return {
    flags: '--deadline <日期>',
    description:
      '本轮报送截止日期（单位名册中填有“报送截止日期”的单位以名册为准），用于区分按时与迟报，如 2023-10-10',
    parse: dateValue,
    example: '2023-10-10',
  };
}

/** --send-to: where units send their workbooks, named in the 催报通知. */
export function sendToOption(): OptionSpec {
  return {
    flags: '--send-to <报送渠道>',
    description: '催报通知中写明的报送渠道（如：市直机关工委组织科邮箱），默认写“原报送渠道”',
  };
}

/** An integer option within [min, max] (--jobs). */
export function intValue(min: number, max: number): (value: string, flag: string) => number {
  return (value, flag) => {
    const n = Number(value.trim());
    if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max)
      throw new UsageError(`参数 ${flag} 应为${min}—${max}的整数，现为“${value}”。`);
    return n;
  };
}

// ---------------------------------------------------------------------------------------------------
// Asking the user to close a file (errors.ts retryIfLocked): only on an interactive terminal.

/** On a terminal: prints `message` and waits for Enter (true: try again) or "q" (false). Elsewhere: null. */
export function terminalAsk(): ((message: string) => Promise<boolean>) | undefined {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return undefined;
  return (message) =>
    new Promise<boolean>((resolve) => {
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      let answered = false;
      rl.on('close', () => {
        if (!answered) resolve(false);
      });
      rl.question(`${message}\n关闭后按回车键重试，输入 q 后按回车键放弃：`, (answer) => {
        answered = true;
        rl.close();
        resolve(answer.trim().toLowerCase() !== 'q');
      });
    });
}

// ---------------------------------------------------------------------------------------------------
// The program.

const HELP_OPTION = { flags: '-h, --help', description: '显示本说明' };
const VERSION_OPTION = { flags: '-V, --version', description: '显示版本号' };

/** "-o, --out <文件>" → "-o, --out 文件" (the help's way of writing it). */
function plainTerm(flags: string): string {
  return flags.replace(/[<>[\]]/g, '');
}

/** How the user names an option in a message: "-o/--out", "--as-of". */
function optionName(o: Option): string {
  return [o.short, o.long].filter(Boolean).join('/');
}

/** The value's name in the flags: "-o, --out <输出文件夹>" → "输出文件夹". */
function valueName(flags: string): string {
  return /[<[]([^>\]]+)[>\]]/.exec(flags)?.[1].replace(/\.\.\.$/, '') ?? '值';
}

/** Two aligned columns (terms padded by display width, so Chinese terms line up). */
function columns(rows: [string, string][], min = 16): string[] {
  const w = Math.max(min, ...rows.map(([t]) => displayWidth(t))) + 2;
  return rows.map(([t, d]) =>
    d
      .split('\n')
      .map((line, i) => `  ${padToWidth(i ? '' : t, w)}${line}`.trimEnd())
      .join('\n'),
  );
}

/**
 * A commander Command whose errors are Chinese UsageErrors. The overridden methods are the ones commander
 * calls for each kind of argument error (they are not in its typings; the tests in test/cli-program.test.ts
 * run every one of them, so an upgrade that renames one fails there).
 */
class YanpanCommand extends Command {
  readonly optionSpecs = new Map<Option, OptionSpec>();
  spec?: CommandSpec<never>;

  unknownOption(flag: string): never {
    throw new UsageError(`参数错误：无法识别“${flag}”。`, this);
  }

  optionMissingArgument(option: Option): never {
    const spec = this.optionSpecs.get(option);
    const example = spec?.example ? `，如 ${spec.example}` : '';
    throw new UsageError(`参数 ${optionName(option)} 需要指定${valueName(option.flags)}${example}。`, this);
  }

  missingArgument(name: string): never {
    const spec = this.spec?.arguments?.find((a) => argName(a) === name);
    throw new UsageError(spec?.missing ?? `缺少参数“${name}”。`, this);
  }

  _excessArguments(received: string[]): never {
    const extra = received.slice(this.registeredArguments.length);
    const msg = this.spec?.tooMany?.(extra) ?? `多余的参数“${extra.join(' ')}”。`;
    throw new UsageError(msg, this);
  }

  unknownCommand(): never {
    throw new UsageError(`未知命令“${this.args[0]}”。`, this);
  }

  /** Any other commander error (none is expected): still Chinese, never commander's English. */
  override error(): never {
    throw new UsageError('参数错误，请检查命令行。', this);
  }
}

/** "<文件...>" → "文件" (commander's name for it). */
function argName(a: ArgumentSpec): string {
  return a.name.replace(/^[<[]|[>\]]$/g, '').replace(/\.\.\.$/, '');
}

function commandHelp(cmd: YanpanCommand): string {
  const spec = cmd.spec;
  if (!spec) return programHelp(cmd);
  const rows: [string, string][] = [
    ...(spec.arguments ?? []).map((a): [string, string] => [plainTerm(a.name), a.description]),
    ...spec.options.map((o): [string, string] => [plainTerm(o.flags), o.description]),
    [HELP_OPTION.flags, HELP_OPTION.description],
  ];
  return ['用法：', spec.usage, '', '参数：', ...columns(rows), '', `退出状态：${spec.exitStatus}`, ''].join(
    '\n',
  );
}

function programHelp(program: Command): string {
  const cmds = (program.commands as YanpanCommand[]).map((c): [string, string] => [
    c.name(),
    c.spec?.summary ?? '',
  ]);
  return [
    '用法：yanpan <命令> [参数]',
    '',
    '命令：',
    ...columns(cmds, 8),
    '',
    '选项：',
    ...columns(
      [
        [VERSION_OPTION.flags, VERSION_OPTION.description],
        [HELP_OPTION.flags, HELP_OPTION.description],
      ],
      8,
    ),
    '',
    '每个命令的详细用法：yanpan help <命令>，或 yanpan <命令> --help。',
    '',
  ].join('\n');
}

/** Runs `f`; a UsageError it throws gets `cmd`'s usage shown after the message. */
function withCommand<T>(cmd: Command, f: () => T): T {
  const attach = (e: unknown): never => {
    if (e instanceof UsageError) e.command ??= cmd;
    throw e;
  };
  try {
    const r = f();
    return r instanceof Promise ? (r.catch(attach) as T) : r;
  } catch (e) {
    return attach(e);
  }
}

function configure(cmd: YanpanCommand): YanpanCommand {
  return cmd
    .helpOption(HELP_OPTION.flags, HELP_OPTION.description)
    .configureHelp({
      formatHelp: (c: Command, _h: Help) => commandHelp(c as YanpanCommand),
    })
    .configureOutput({
      writeOut: (s) => process.stdout.write(s),
      writeErr: (s) => process.stderr.write(s),
      outputError: () => {},
    })
    .exitOverride() as YanpanCommand;
}

function addCommand(program: Command, spec: CommandSpec<never>, onStatus: (code: number) => void) {
  const cmd = configure(new YanpanCommand(spec.name));
  cmd.spec = spec;
  cmd.summary(spec.summary);
  for (const a of spec.arguments ?? []) cmd.argument(a.name, a.description);
  for (const o of spec.options) {
    const opt = cmd.createOption(o.flags, o.description);
    if (opt.required) {
      const flag = opt.long ?? opt.short ?? o.flags;
      opt.argParser((value: string, previous: unknown) => {
        // "-o --json": the next word is another option, not this one's value; "--db=" gives none.
        if ((value.length > 1 && value.startsWith('-')) || value.trim() === '')
          cmd.optionMissingArgument(opt);
        const v = o.parse ? withCommand(cmd, () => o.parse!(value, flag)) : value;
        return o.repeatable ? [...((previous as unknown[] | undefined) ?? []), v] : v;
      });
    }
    cmd.addOption(opt);
    cmd.optionSpecs.set(opt, o);
  }
  cmd.action(async () => {
    // Mandatory options are checked here, after unknown options and missing arguments (commander's own
    // check would come first and hide those).
    const opts = cmd.opts();
    for (const [opt, o] of cmd.optionSpecs)
      if (o.required && opts[opt.attributeName()] === undefined) throw new UsageError(o.required, cmd);
    onStatus(await withCommand(cmd, () => spec.run(cmd.args, opts as never)));
  });
  program.addCommand(cmd);
  return cmd;
}

/** Builds the program: one subcommand per spec, plus `help [命令]`. */
export function buildProgram(specs: CommandSpec<never>[], onStatus: (code: number) => void): Command {
  const program = configure(new YanpanCommand('yanpan'));
  program.version(VERSION_TEXT, VERSION_OPTION.flags, VERSION_OPTION.description);
  program.helpCommand(false);
  for (const spec of specs) addCommand(program, spec, onStatus);
  const help: CommandSpec<never> = {
    name: 'help',
    summary: '显示某个命令的详细用法，如：yanpan help import',
    usage: '  yanpan help [命令]\n      显示命令的详细用法；不指定命令时列出全部命令。',
    arguments: [{ name: '[命令]', description: `命令名：${specs.map((s) => s.name).join('、')}` }],
    options: [],
    exitStatus: '0 成功；2 命令名有误。',
    tooMany: (extra) => `一次只能查看一个命令的用法（多余的参数“${extra.join(' ')}”）。`,
    run: async ([name]) => {
      if (!name) {
        program.outputHelp();
        return 0;
      }
      const target = program.commands.find((c) => c.name() === name);
      if (!target) throw new UsageError(`未知命令“${name}”。`, program);
      target.outputHelp();
      return 0;
    },
  };
  addCommand(program, help, onStatus);
  return program;
}

/**
 * Parses `argv` (the words after "yanpan") and runs the command. Returns the exit status; argument errors
 * are written to stderr here (exit 2). Errors of the command itself propagate (see cli.ts).
 */
export async function runCli(argv: string[], specs: CommandSpec<never>[]): Promise<number> {
  let status = 0;
  const program = buildProgram(specs, (code) => {
    status = code;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return status;
  } catch (err) {
    if (err instanceof UsageError) {
      const usage = err.command ? `\n\n${err.command.helpInformation()}` : '\n';
      process.stderr.write(`${err.message}${usage}`);
      return 2;
    }
    if (err instanceof CommanderError) {
      // Help or version printed (exit 0), or the general help for a missing command (exit 2).
      return err.code === 'commander.helpDisplayed' || err.code === 'commander.version' ? 0 : 2;
    }
    throw err;
  }
}

/** Runs one command's spec as `yanpan <name> argv…` (the commands' own entry points, used by tests). */
export function runCommand(spec: CommandSpec<never>, argv: string[]): Promise<number> {
  return runCli([spec.name, ...argv], [spec]);
}
