// Shared pieces of the CLI commands' terminal output: option parsing with the Chinese error message,
// display widths for aligned tables, and the Chinese words for check statuses.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CheckStatus } from '../../templates/src/index';

/** 通过 / 有警告 / 有错误. */
export const STATUS_TEXT: Record<CheckStatus, string> = { ok: '通过', warnings: '有警告', errors: '有错误' };

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;
type WithHelp<O extends ParseArgsOptionsConfig> = O & { help: { type: 'boolean'; short: 'h' } };
type CommandArgs<O extends ParseArgsOptionsConfig, P extends boolean> = ReturnType<
  typeof parseArgs<{ args: string[]; options: WithHelp<O>; allowPositionals: P; strict: true }>
>;

/**
 * A command's options (node:util parseArgs, strict, with -h/--help added). Returns the exit code when the
 * command is done: 0 after printing the usage for --help; 2 after writing "参数错误：无法识别“--x”。" and
 * the usage to stderr for an unknown option or a surplus argument.
 */
export function parseCommandArgs<O extends ParseArgsOptionsConfig, P extends boolean = true>(
  argv: string[],
  usage: string,
  options: O,
  allowPositionals: P = true as P,
): CommandArgs<O, P> | number {
  let parsed: CommandArgs<O, P>;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } } as WithHelp<O>,
      allowPositionals,
      strict: true,
    }) as CommandArgs<O, P>;
  } catch (e) {
    const m = e instanceof Error ? /'([^']+)'/.exec(e.message)?.[1] : undefined;
    process.stderr.write(`参数错误${m ? `：无法识别“${m}”` : ''}。\n\n${usage}\n`);
    return 2;
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(usage + '\n');
    return 0;
  }
  return parsed;
}

/** Display width on a terminal: CJK and full-width characters take two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w +=
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      c >= 0x20000
        ? 2
        : 1;
  }
  return w;
}

/** `s` padded with spaces to `width` display columns. */
export function padToWidth(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}
