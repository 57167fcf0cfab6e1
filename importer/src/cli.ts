#!/usr/bin/env node
// yanpan — the command line. Each subcommand lives in ./commands/<name>.ts and declares its arguments and
// options; cli-program.ts parses them (commander, Chinese messages) and runs it. Exit status: 0 all good,
// 1 the input has errors (outputs written for the rest), 2 the command itself could not run.
import { definition } from '../../templates/src/index';
import { runCli } from './cli-program';
import type { CommandSpec } from './commands/types';
import { UserError, describeError } from './errors';
import { checkCommand } from './commands/check';
import { definitionCommand } from './commands/definition';
import { demoCommand } from './commands/demo';
import { historyCommand } from './commands/history';
import { importCommand } from './commands/import';
import { remindCommand } from './commands/remind';
import { reportCommand } from './commands/report';
import { templateCommand } from './commands/template';
import { yearCommand } from './commands/year';
import { ImportUsageError } from './import/errors';
import { StoreError } from './store/errors';

const commands: CommandSpec<never>[] = [
  // Without --kind or --definition, template, check and report use the built-in 意识形态 standard.
  templateCommand(definition),
  checkCommand(definition),
  reportCommand(definition),
  importCommand,
  remindCommand,
  demoCommand,
  historyCommand,
  yearCommand,
  definitionCommand,
];

// `yanpan check --json … | head`: the reader went away. Nothing more can be shown, and nothing is wrong
// with the work itself: finish it quietly (no "Error: write EPIPE" and stack trace).
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});

/** Failures whose message is already Chinese and meant for the user. */
function isUserFacing(err: unknown): err is Error {
  return err instanceof UserError || err instanceof StoreError || err instanceof ImportUsageError;
}

/** Last resort for anything a command did not handle: one Chinese line, no stack trace. */
function fail(err: unknown): void {
  const message = isUserFacing(err) ? err.message : describeError(err);
  process.stderr.write(`${message}\n`);
  if (process.env.YANPAN_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  process.exitCode = err instanceof UserError ? err.exitCode : 2;
}
// Thrown outside any command's await chain (a stream or worker callback): report it and stop.
const fatal = (err: unknown): void => {
  fail(err);
  process.exit();
};
process.on('uncaughtException', fatal);
process.on('unhandledRejection', fatal);

runCli(process.argv.slice(2), commands).then((code) => {
  process.exitCode = code;
}, fail);
