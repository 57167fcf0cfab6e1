#!/usr/bin/env node
// yanpan — the command line. Each subcommand lives in ./commands/<name>.ts and returns an exit status:
// 0 all good, 1 the input has errors (outputs written for the rest), 2 the command itself could not run.
import type { Command } from './commands/types';

const commands: Record<string, { summary: string; load: () => Promise<{ default: Command }> }> = {
  template: {
    summary: '生成标准填报表（空白模板，或按单位名册逐单位预置）',
    load: () => import('./commands/template'),
  },
  check: { summary: '校验一个或多个填报表', load: () => import('./commands/check') },
  report: { summary: '由一个填报表生成本单位的Word报告', load: () => import('./commands/report') },
  import: {
    summary: '批量导入文件夹中的填报表，生成汇总台账、报告和退回修改件',
    load: () => import('./commands/import'),
  },
  demo: { summary: '生成一套示例填报表并导入（演示）', load: () => import('./commands/demo') },
  history: { summary: '查看某单位的历次报送和风险整改情况', load: () => import('./commands/history') },
};

function usage(): string {
  const lines = ['用法：yanpan <命令> [参数]', '', '命令：'];
  for (const [name, c] of Object.entries(commands)) lines.push(`  ${name.padEnd(10)}${c.summary}`);
  lines.push('', '每个命令加 --help 查看详细用法。');
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage() + '\n');
    return name ? 0 : 2;
  }
  const cmd = commands[name];
  if (!cmd) {
    process.stderr.write(`未知命令“${name}”。\n\n${usage()}\n`);
    return 2;
  }
  const mod = await cmd.load();
  return mod.default(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // Last resort: commands handle their own errors; this keeps a stack trace off the user's screen.
    process.stderr.write(`运行出错：${err instanceof Error ? err.message : String(err)}\n`);
    if (process.env.YANPAN_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    process.exitCode = 2;
  },
);
