// yanpan check FILE... [--json] [--as-of YYYY-MM-DD]
// Checks returned workbooks: a readable table per file, or one JSON document (docs/check-json.md).
import {
  DefinitionRegistry,
  definition,
  statusOf,
  type CheckStatus,
  type Definition,
  type Issue,
  type Submission,
} from '../../../templates/src/index';
import { checkFile } from '../check-file';
import { definitionOption, registryOf } from '../definitions';
import { STATUS_TEXT, displayWidth, padToWidth } from '../cli-format';
import { asOfOption, runCommand } from '../cli-program';
import { SEVERITY_LABEL } from '../import/labels';
import type { CommandSpec } from './types';

export { displayWidth } from '../cli-format';

/** The JSON shape of one issue (docs/check-json.md). */
export interface CheckJsonIssue {
  severity: Issue['severity'];
  sheet: string | null;
  cell: string | null;
  field: string | null;
  value: string | null;
  message: string;
}
export interface CheckJsonFile {
  file: string;
  status: CheckStatus;
  errors: number;
  warnings: number;
  issues: CheckJsonIssue[];
  submission: Submission | null;
}
export interface CheckJson {
  files: CheckJsonFile[];
}

function clip(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  let out = '';
  for (const ch of s.replace(/\s+/g, ' ')) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return out + '…';
}

export function toJsonFile(r: {
  file: string;
  issues: Issue[];
  submission: Submission | null;
}): CheckJsonFile {
  return {
    file: r.file,
    status: statusOf(r.issues),
    errors: r.issues.filter((i) => i.severity === 'error').length,
    warnings: r.issues.filter((i) => i.severity === 'warning').length,
    issues: r.issues.map(({ severity, sheet, cell, field, value, message }) => ({
      severity,
      sheet,
      cell,
      field,
      value,
      message,
    })),
    submission: r.submission,
  };
}

/** The terminal table of one file. */
export function formatFileTable(f: CheckJsonFile): string {
  const lines: string[] = [];
  lines.push(`文件：${f.file}`);
  const counts = f.status === 'ok' ? '' : `（错误${f.errors}条，警告${f.warnings}条）`;
  lines.push(`状态：${STATUS_TEXT[f.status]}${counts}`);
  if (f.issues.length > 0) {
    const head = ['级别', '工作表', '单元格', '项目', '值', '说明'];
    const rows = f.issues.map((i) => [
      SEVERITY_LABEL[i.severity],
      clip(i.sheet ?? '—', 16),
      i.cell ?? '—',
      clip(i.field ?? '—', 40),
      clip(i.value ?? '—', 16),
      i.message,
    ]);
    const widths = head
      .slice(0, 5)
      .map((h, c) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[c]))));
    const line = (cells: string[]) =>
      '  ' + cells.map((c, i) => (i < widths.length ? padToWidth(c, widths[i]) : c)).join('  ');
    lines.push(line(head));
    lines.push('  ' + widths.map((w) => '-'.repeat(w)).join('  ') + '  ' + '-'.repeat(4));
    for (const r of rows) lines.push(line(r));
  }
  return lines.join('\n');
}

interface CheckOptions {
  json?: boolean;
  asOf?: string;
  definition?: string[];
}

export function checkCommand(def: Definition): CommandSpec<CheckOptions> {
  return {
    name: 'check',
    summary: '校验一个或多个填报表',
    usage: `  yanpan check 文件... [--json] [--as-of 日期]
      校验一个或多个填报表，逐个文件列出问题（错误、警告、所在工作表和单元格、修改方法）。
      每个填报表按其记录的模板标识选用标准（内置的，或用 --definition 给出的本地标准）。`,
    arguments: [
      { name: '<文件...>', description: '要校验的填报表（.xlsx）', missing: '未指定要校验的文件。' },
    ],
    options: [
      { flags: '--json', description: '以JSON格式输出全部结果（格式见 docs/check-json.md）' },
      asOfOption('按指定日期校验（如 2023-10-20）：年度上限、填报日期和整改逾期以此为“今天”'),
      definitionOption(),
    ],
    exitStatus: '0 没有错误；1 有文件存在错误；2 无法运行（参数错误、未指定文件）。',
    run: (files, opts) => check(files, opts, def),
  };
}

async function check(paths: string[], opts: CheckOptions, def: Definition): Promise<number> {
  const { asOf } = opts;
  const files: CheckJsonFile[] = [];
  const defs = opts.definition?.length ? await registryOf(opts.definition) : new DefinitionRegistry([def]);
  for (const file of paths) {
    const r = await checkFile(file, defs, asOf ? { asOf } : {});
    const f = toJsonFile(r);
    files.push(f);
    if (!opts.json) process.stdout.write(formatFileTable(f) + '\n\n');
  }
  if (opts.json) {
    const doc: CheckJson = { files };
    process.stdout.write(JSON.stringify(doc, null, 2) + '\n');
  } else {
    const n = (s: CheckStatus) => files.filter((f) => f.status === s).length;
    process.stdout.write(
      `共校验${files.length}个文件：通过${n('ok')}个，有警告${n('warnings')}个，有错误${n('errors')}个。\n`,
    );
  }
  return files.some((f) => f.status === 'errors') ? 1 : 0;
}

export function runCheck(argv: string[], def: Definition): Promise<number> {
  return runCommand(checkCommand(def), argv);
}

const run = (argv: string[]): Promise<number> => runCheck(argv, definition);
export default run;
