// yanpan report FILE [-o OUT.docx] [--as-of YYYY-MM-DD]
// Checks one completed workbook and, when it has no 错误, writes the unit's Word report.
import path from 'node:path';
import {
  DefinitionRegistry,
  definition,
  reportFileName,
  statusOf,
  unitReportDocx,
  type Definition,
  type Issue,
} from '../../../templates/src/index';
import { checkFile } from '../check-file';
import { definitionOption, registryOf } from '../definitions';
import { asOfOption, runCommand, terminalAsk } from '../cli-program';
import { describeError, retryIfLocked } from '../errors';
import { SEVERITY_LABEL } from '../import/labels';
import { sanitizeFileName, writeFileAtomic } from '../fsutil';
import type { CommandSpec } from './types';

function err(s: string): void {
  process.stderr.write(s + '\n');
}

/** "错误  基本信息!B3  “单位名称”未填写，请填写。" */
export function formatIssue(i: Issue): string {
  const where = i.sheet ? `${i.sheet}${i.cell ? `!${i.cell}` : ''}` : '';
  return `  ${SEVERITY_LABEL[i.severity]}  ${where ? `${where}  ` : ''}${i.message}`;
}

interface ReportOptions {
  out?: string;
  asOf?: string;
  definition?: string[];
}

export function reportCommand(def: Definition): CommandSpec<ReportOptions> {
  return {
    name: 'report',
    summary: '由一个填报表生成本单位的Word报告',
    usage: `  yanpan report 填报表.xlsx [-o 报告.docx] [--as-of 日期]
      校验一个填好的标准填报表；没有错误时生成本单位的Word报告（季度分析研判报告或自查报告，
      按“报告类型”确定），默认保存为当前文件夹下的“{单位名称}{年度}年{报告期}…报告.docx”。
      有错误时不生成报告，并列出需要修改的位置。`,
    arguments: [{ name: '<填报表>', description: '填好的标准填报表（.xlsx）', missing: '缺少填报表文件。' }],
    options: [
      { flags: '-o, --out <文件>', description: '报告的保存位置' },
      asOfOption('判断风险隐患是否逾期的基准日期（默认今天），如 2023-10-10', '2023-10-10'),
      definitionOption(),
    ],
    exitStatus:
      '0 已生成报告；1 填报表有错误，未生成报告；2 无法运行（参数错误、文件无法读取、无法写入等）。',
    tooMany: () => '一次只能为一个填报表生成报告。',
    run: ([file], opts) => report(file, opts, def),
  };
}

export function runReport(argv: string[], def: Definition): Promise<number> {
  return runCommand(reportCommand(def), argv);
}

async function report(file: string, args: ReportOptions, def: Definition): Promise<number> {
  const asOf = args.asOf;
  const name = path.basename(file);
  const defs = args.definition?.length ? await registryOf(args.definition) : new DefinitionRegistry([def]);
  const result = await checkFile(file, defs, asOf ? { asOf } : {});
  // The report speaks the standard the workbook was checked with (its template id).
  def = defs.byId(result.definitionId) ?? def;
  const errors = result.issues.filter((i) => i.severity === 'error');
  const warnings = result.issues.filter((i) => i.severity === 'warning');

  if (result.issues.some((i) => i.rule === 'file.unreadable')) {
    err(`“${name}”：${errors[0]?.message ?? '文件无法读取。'}`);
    return 2;
  }
  if (statusOf(result.issues) === 'errors' || !result.submission) {
    err(`“${name}”有${errors.length}处错误，未生成报告。请按以下提示修改后重新运行：`);
    for (const i of errors) err(formatIssue(i));
    if (warnings.length) {
      err(`另有${warnings.length}处警告：`);
      for (const i of warnings) err(formatIssue(i));
    }
    return 1;
  }

  const sub = result.submission;
  const out = path.resolve(
    args.out ??
      `${sanitizeFileName(reportFileName(sub, def).replace(/\.docx$/, ''), `${def.subject}工作报告`, 120)}.docx`,
  );
  let bytes: Uint8Array;
  try {
    bytes = await unitReportDocx(sub, def);
  } catch (e) {
    err(`生成报告时出错：${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
  try {
    await retryIfLocked(out, () => writeFileAtomic(out, bytes), { ask: terminalAsk() });
  } catch (e) {
    err(describeError(e, { file: out, writing: true }));
    return 2;
  }
  if (warnings.length) {
    process.stdout.write(`“${name}”有${warnings.length}处警告（不影响生成报告），请核实：\n`);
    for (const i of warnings) process.stdout.write(formatIssue(i) + '\n');
  }
  process.stdout.write(`已生成报告：${out}\n`);
  return 0;
}

export default (argv: string[]): Promise<number> => runReport(argv, definition);
