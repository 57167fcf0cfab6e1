// What a subcommand declares: its arguments and options (parsed by cli-program.ts, the CLI's one argument
// parser) and the Chinese help text around them; `run` gets the parsed values and returns the exit status:
// 0 all good, 1 the input has errors (outputs written for the rest), 2 the command itself could not run.

/** A positional argument. `name` in commander syntax: "<文件...>" (required), "[单位]" (optional). */
export interface ArgumentSpec {
  name: string;
  /** The help line. */
  description: string;
  /** The Chinese error when a required argument is missing, e.g. "未指定要校验的文件。". */
  missing?: string;
}

/** An option. `flags` in commander syntax: "-o, --out <文件>" takes a value, "--json" is a switch. */
export interface OptionSpec {
  flags: string;
  /** The help line. */
  description: string;
  /** Validates and converts the value; throws UsageError (cli-program.ts) with a Chinese message. */
  parse?: (value: string, flag: string) => unknown;
  /** When set the option is mandatory and this is the Chinese error when it is absent. */
  required?: string;
  /** An example value for the "missing value" error: "参数 --as-of 需要指定日期，如 2023-10-20。" */
  example?: string;
  /** May be given several times; the command gets the values as a list. */
  repeatable?: boolean;
}

export interface CommandSpec<O = Record<string, unknown>> {
  name: string;
  /** One line in `yanpan help`. */
  summary: string;
  /** The 用法 block: synopsis lines and what the command does (already indented). */
  usage: string;
  arguments?: ArgumentSpec[];
  options: OptionSpec[];
  /** The 退出状态 line. */
  exitStatus: string;
  /** The Chinese error for surplus positional arguments (default: "多余的参数“…”。"). */
  tooMany?: (extra: string[]) => string;
  /** Runs the command: `args` are the positional arguments, `opts` the options by camelCase name. */
  run: (args: string[], opts: O) => Promise<number>;
}
