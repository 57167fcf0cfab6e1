// yanpan import DIR -o OUTDIR [--roster FILE] [--jobs 线程数] [--json] [--as-of YYYY-MM-DD] [--db FILE] [--period P]
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { asOfOption, deadlineOption, intValue, sendToOption, runCommand, terminalAsk } from '../cli-program';
import { UserError, describeError, isLockedError, retryIfLocked } from '../errors';
import { runImport, type ImportSummary } from '../folder/run-import';
import { ImportUsageError } from '../import/errors';
import { OUTPUT_NAMES, STATUS_LABEL } from '../import/labels';
import { StoreError } from '../store/errors';
import { describeWorkspace } from '../store/workspace';
import {
  definitionOption,
  kindOption,
  loadDefinitionTexts,
  pickDefinition,
  registryOfTexts,
} from '../definitions';
import type { LocalDefinition } from '../import/check-task';
import type { Definition } from '../../../templates/src/index';
import type { CommandSpec } from './types';

export interface ImportOptions {
  out: string;
  roster?: string;
  jobs?: number;
  json?: boolean;
  asOf?: string;
  deadline?: string;
  sendTo?: string;
  issuer?: string;
  db?: string;
  period?: string;
  definition?: string[];
  kind?: string;
}

export const importCommand: CommandSpec<ImportOptions> = {
  name: 'import',
  summary: '批量导入文件夹中的填报表，生成汇总台账、报告和退回修改件',
  usage: `  yanpan import 文件夹 -o 输出文件夹 [--roster 单位名册.xlsx|.csv] [--jobs 线程数] [--json]
                [--as-of 日期] [--deadline 日期] [--issuer 单位] [--send-to 报送渠道]
                [--db 文件] [--period 报告期] [--kind 标识] [--definition 文件]
      导入收回的填报表，在输出文件夹中生成汇总台账（如“2023年第三季度汇总台账.xlsx”）、
      ${OUTPUT_NAMES.summary}、${OUTPUT_NAMES.reminderNotice}（有需催报的单位时）、
      ${OUTPUT_NAMES.reportsDir}/（单位报告）和${OUTPUT_NAMES.returnsDir}/（退回修改件）。
      一次汇总一种报告：默认意识形态工作，--kind 选用另一个内置标准（如 yanpan.party-conduct），
      --definition 使用本地调整过的标准；其他标准的填报表列为错误，不混入汇总。`,
  arguments: [
    {
      name: '<文件夹>',
      description: '收回的填报表所在文件夹（含子文件夹，.xlsx/.xlsm；~$开头的临时文件忽略）',
      missing: '请指定收回的填报表所在文件夹。',
    },
  ],
  options: [
    {
      flags: '-o, --out <输出文件夹>',
      description: `输出文件夹：汇总台账、${OUTPUT_NAMES.summary}、${OUTPUT_NAMES.reminderNotice}、${OUTPUT_NAMES.reportsDir}/、${OUTPUT_NAMES.returnsDir}/`,
      required: '请用 -o 指定输出文件夹。',
    },
    {
      flags: '--roster <单位名册>',
      description:
        '单位名册（列：单位代码、单位名称、简称/别名、分类，可选：联系人、联系电话、报送截止日期），用于统计未报送、迟报和催报',
    },
    {
      flags: '--jobs <线程数>',
      description: '并行线程数（默认为CPU核数）',
      parse: intValue(1, 64),
      example: '4',
    },
    { flags: '--json', description: '以JSON格式输出运行结果（不显示进度条）' },
    asOfOption('以该日期判断填报日期和整改逾期（默认今天），如 2023-10-10', '2023-10-10'),
    deadlineOption(),
    sendToOption(),
    { flags: '--issuer <单位>', description: '汇总分析报告的落款单位（如：市直机关工委）' },
    {
      flags: '--db <文件>',
      description: '数据库文件（保存历次导入的全部报送），默认为 输出文件夹/yanpan.db',
    },
    {
      flags: '--period <报告期>',
      description:
        '按数据库生成该报告期的汇总，如 2023Q3、2023H1、2023年第三季度\n' +
        '（默认：本次文件最多的报告期；本次没有文件时为数据库中最新的报告期）',
      example: '2023Q3',
    },
    kindOption(),
    definitionOption(),
  ],
  exitStatus: '0 全部通过；1 有单位存在错误或未报送（其余结果已输出）；2 命令无法运行。',
  tooMany: (extra) => `只能指定一个输入文件夹（多余的参数“${extra.join(' ')}”）。`,
  run: ([inputDir], opts) => runImportCommand(inputDir, opts),
};

function progressBar(done: number, total: number): string {
  const width = 30;
  const frac = total ? done / total : 1;
  const full = Math.round(frac * width);
  return `\r导入中 [${'█'.repeat(full)}${'░'.repeat(width - full)}] ${done}/${total}`;
}

/** The Chinese report printed after a run (not with --json), in the words of the round's definition. */
export function describeSummary(s: ImportSummary, def: Definition): string {
  const t = s.totals;
  const lines = [
    `共发现文件 ${t.files} 个（填报表 ${t.workbooks} 个），应报单位 ${t.expected} 个，已报送 ${t.submitted} 个。`,
    `  ${STATUS_LABEL.ok} ${t.ok} 个，${STATUS_LABEL.warnings} ${t.warnings} 个，${STATUS_LABEL.errors} ${t.errors} 个，${STATUS_LABEL.unusable} ${t.unusable} 个，${STATUS_LABEL.missing} ${t.missing} 个。`,
  ];
  if (t.documents) lines.push(`  报送了文档而不是填报表的文件 ${t.documents} 个（见汇总台账“文件清单”）。`);
  if (t.skipped) lines.push(`  已跳过或忽略的文件 ${t.skipped} 个（见汇总台账“文件清单”）。`);
  if (t.unknown) lines.push(`  不在单位名册中的单位 ${t.unknown} 个（见汇总台账“报送情况”）。`);
  if (t.duplicates) lines.push(`  重复报送的文件 ${t.duplicates} 个（采用较晚报送的一份）。`);
  if (t.unreadable) lines.push(`  无法读取或无法识别单位的文件 ${t.unreadable} 个。`);
  if (t.onTime !== null && t.late !== null) lines.push(`  按时报送 ${t.onTime} 个，迟报 ${t.late} 个。`);
  lines.push(
    `  风险隐患 ${t.risks} 条，其中高风险 ${t.highRisks} 条、逾期 ${t.overdueRisks} 条；校验问题 ${t.issues} 条。`,
  );
  if (s.reminders.length)
    lines.push(
      `  需催报的单位 ${s.reminders.length} 个（见汇总台账“催报名单”和${OUTPUT_NAMES.reminderNotice}）。`,
    );
  lines.push('', `输出文件夹：${s.outputs.dir}`, `  ${s.outputs.tracking}`);
  if (s.outputs.summaryReport) lines.push(`  ${s.outputs.summaryReport}`);
  if (s.outputs.reminderNotice) lines.push(`  ${s.outputs.reminderNotice}`);
  lines.push(`  reports/ 单位报告 ${s.outputs.reports.length} 份`);
  lines.push(`  退回修改/ 退回修改件 ${s.outputs.returnCopies.length} 份`);
  const missing = s.units.filter((u) => u.status === 'missing');
  if (missing.length) {
    const names = missing
      .slice(0, 20)
      .map((u) => u.name)
      .join('、');
    lines.push('', `未报送单位：${names}${missing.length > 20 ? ` 等${missing.length}个` : ''}`);
  }
  if (s.workspace) lines.push('', ...describeWorkspace(s.workspace, def));
  for (const n of s.notes.slice(0, 20)) lines.push(`注意：${n}`);
  lines.push(`用时 ${s.timing.seconds.toFixed(1)} 秒。`);
  return lines.join('\n');
}

export function exitStatusOf(s: ImportSummary): number {
  return s.totals.errors > 0 || s.totals.missing > 0 || s.totals.unreadable > 0 ? 1 : 0;
}

/** The --json document: exactly units, files, outputs, totals, reminders. */
export function jsonSummary(s: ImportSummary): string {
  return JSON.stringify(
    { units: s.units, files: s.files, outputs: s.outputs, totals: s.totals, reminders: s.reminders },
    null,
    2,
  );
}

/**
 * Before the import: the outputs it will replace must not be open in Excel/WPS/Word (on Windows a file
 * shown there cannot be replaced). Asks the user to close them (on a terminal), or fails with
 * "请关闭正在打开的“汇总台账.xlsx”后重试" — before minutes of work, not after.
 */
export async function ensureOutputsClosed(outDir: string): Promise<void> {
  const trackings = await fsp
    .readdir(outDir)
    .then((names) => names.filter((n) => n.endsWith(OUTPUT_NAMES.tracking) && !n.startsWith('.')).sort())
    .catch(() => [] as string[]);
  for (const name of [...trackings, OUTPUT_NAMES.summary, OUTPUT_NAMES.reminderNotice]) {
    const file = path.join(outDir, name);
    await retryIfLocked(
      file,
      async () => {
        try {
          await (await fsp.open(file, 'r+')).close();
        } catch (err) {
          // Not there yet, or another problem: the import itself reports those, naming the file.
          if (isLockedError(err)) throw err;
        }
      },
      { ask: terminalAsk() },
    );
  }
}

/** The kind of report the round consolidates (--kind, else the first --definition, else 意识形态工作). */
export async function roundDefinition(
  args: Pick<ImportOptions, 'definition' | 'kind'>,
): Promise<{ def: Definition; definitions: LocalDefinition[] }> {
  // Each file read once: parsed here (a bad one is refused before any work) and handed to the workers.
  const definitions = await loadDefinitionTexts(args.definition);
  const def = pickDefinition(registryOfTexts(definitions), args.kind, args.definition);
  return { def, definitions };
}

async function runImportCommand(inputDir: string, args: ImportOptions): Promise<number> {
  const showProgress = !args.json && !!process.stdout.isTTY;
  let lastDraw = 0;
  try {
    await ensureOutputsClosed(path.resolve(args.out));
    const { def, definitions } = await roundDefinition(args);
    const summary = await runImport({
      def,
      definitions,
      inputDir,
      outDir: args.out,
      roster: args.roster,
      jobs: args.jobs,
      asOf: args.asOf,
      deadline: args.deadline,
      sendTo: args.sendTo,
      issuer: args.issuer,
      db: args.db,
      period: args.period,
      onNotice: (m) => process.stderr.write(`${showProgress ? '\n' : ''}${m}\n`),
      onProgress: showProgress
        ? (done, total) => {
            const now = Date.now();
            if (done === total || now - lastDraw > 100) {
              lastDraw = now;
              process.stdout.write(progressBar(done, total));
              if (done === total) process.stdout.write('\n');
            }
          }
        : undefined,
    });
    process.stdout.write(args.json ? `${jsonSummary(summary)}\n` : `${describeSummary(summary, def)}\n`);
    return exitStatusOf(summary);
  } catch (err) {
    if (showProgress) process.stdout.write('\n');
    return importFailed(err);
  }
}

/**
 * The import could not run or finish: one Chinese message. The pipeline's and the store's own messages are
 * shown as they are, with their exit status when they carry one (an empty input folder is 1); anything else
 * (a file held open, an errno from the file system) is put in Chinese by errors.ts after `prefix`.
 */
export function importFailed(err: unknown, prefix = '导入未完成'): number {
  if (err instanceof ImportUsageError || err instanceof StoreError) {
    process.stderr.write(`${err.message}\n`);
    return (err as { exitCode?: unknown }).exitCode === 1 ? 1 : 2;
  }
  process.stderr.write(`${prefix}：${describeError(err)}\n`);
  if (process.env.YANPAN_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  return err instanceof UserError ? err.exitCode : 2;
}

export default (argv: string[]): Promise<number> => runCommand(importCommand, argv);
