// yanpan import DIR -o OUTDIR [--roster FILE] [--jobs N] [--json] [--as-of YYYY-MM-DD] [--db FILE] [--period P]
import { ImportUsageError, runImport, type ImportSummary } from '../import/run-import';
import { STATUS_LABEL } from '../import/labels';
import { describeWorkspace } from '../store/workspace';

export const IMPORT_USAGE = `用法：yanpan import 文件夹 -o 输出文件夹 [--roster 单位名册.xlsx|.csv] [--jobs N] [--json] [--as-of YYYY-MM-DD] [--db 文件] [--period 报告期]

  文件夹            收回的填报表所在文件夹（含子文件夹，.xlsx/.xlsm；~$开头的临时文件忽略）
  -o, --out         输出文件夹：汇总台账.xlsx、汇总分析报告.docx、reports/、退回修改/
  --roster          单位名册（列：单位代码、单位名称、简称/别名、分类），用于统计未报送单位
  --jobs N          并行线程数（默认为CPU核数）
  --json            以JSON格式输出运行结果（不显示进度条）
  --as-of 日期      以该日期判断填报日期和整改逾期（默认今天）
  --issuer 单位     汇总分析报告的落款单位（如：市直机关工委）
  --db 文件         数据库文件（保存历次导入的全部报送），默认为 输出文件夹/yanpan.db
  --period 报告期   按数据库生成该报告期的汇总，如 2023Q3、2023H1、2023年第三季度
                    （默认：本次文件最多的报告期；本次没有文件时为数据库中最新的报告期）

退出状态：0 全部通过；1 有单位存在错误或未报送（其余结果已输出）；2 命令无法运行。`;

export interface ImportArgs {
  inputDir: string;
  outDir: string;
  roster?: string;
  jobs?: number;
  json: boolean;
  asOf?: string;
  issuer?: string;
  db?: string;
  period?: string;
}

export function parseImportArgs(argv: string[]): ImportArgs | { error: string } | { help: true } {
  let inputDir: string | undefined;
  let outDir: string | undefined;
  let roster: string | undefined;
  let jobs: number | undefined;
  let asOf: string | undefined;
  let issuer: string | undefined;
  let db: string | undefined;
  let period: string | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string | undefined => {
      const eq = a.indexOf('=');
      if (a.startsWith('--') && eq > 0) return a.slice(eq + 1);
      return argv[++i];
    };
    const flag = a.startsWith('--') && a.includes('=') ? a.slice(0, a.indexOf('=')) : a;
    switch (flag) {
      case '-h':
      case '--help':
        return { help: true };
      case '-o':
      case '--out':
        outDir = value();
        if (!outDir) return { error: '参数 -o 需要指定输出文件夹。' };
        break;
      case '--roster':
        roster = value();
        if (!roster) return { error: '参数 --roster 需要指定单位名册文件。' };
        break;
      case '--jobs': {
        const v = value();
        const n = Number(v);
        if (!v || !Number.isInteger(n) || n < 1 || n > 64)
          return { error: `参数 --jobs 应为1—64的整数，现为“${v ?? ''}”。` };
        jobs = n;
        break;
      }
      case '--as-of': {
        const v = value();
        if (!v || !/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v)))
          return { error: `参数 --as-of 应为日期（如 2023-10-10），现为“${v ?? ''}”。` };
        asOf = v;
        break;
      }
      case '--issuer':
        issuer = value();
        if (!issuer) return { error: '参数 --issuer 需要指定落款单位。' };
        break;
      case '--db':
        db = value();
        if (!db) return { error: '参数 --db 需要指定数据库文件。' };
        break;
      case '--period':
        period = value();
        if (!period) return { error: '参数 --period 需要指定报告期（如 2023Q3）。' };
        break;
      case '--json':
        json = true;
        break;
      default:
        if (a.startsWith('-')) return { error: `未知参数“${a}”。` };
        if (inputDir) return { error: `只能指定一个输入文件夹（多余的参数“${a}”）。` };
        inputDir = a;
    }
  }
  if (!inputDir) return { error: '请指定收回的填报表所在文件夹。' };
  if (!outDir) return { error: '请用 -o 指定输出文件夹。' };
  return { inputDir, outDir, roster, jobs, json, asOf, issuer, db, period };
}

function progressBar(done: number, total: number): string {
  const width = 30;
  const frac = total ? done / total : 1;
  const full = Math.round(frac * width);
  return `\r导入中 [${'█'.repeat(full)}${'░'.repeat(width - full)}] ${done}/${total}`;
}

/** The Chinese report printed after a run (not with --json). */
export function describeSummary(s: ImportSummary): string {
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
  lines.push(
    `  风险隐患 ${t.risks} 条，其中高风险 ${t.highRisks} 条、逾期 ${t.overdueRisks} 条；校验问题 ${t.issues} 条。`,
  );
  lines.push('', `输出文件夹：${s.outputs.dir}`, `  ${s.outputs.tracking}`);
  if (s.outputs.summaryReport) lines.push(`  ${s.outputs.summaryReport}`);
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
  if (s.workspace) lines.push('', ...describeWorkspace(s.workspace));
  for (const n of s.notes.slice(0, 20)) lines.push(`注意：${n}`);
  lines.push(`用时 ${s.timing.seconds.toFixed(1)} 秒。`);
  return lines.join('\n');
}

export function exitStatusOf(s: ImportSummary): number {
  return s.totals.errors > 0 || s.totals.missing > 0 || s.totals.unreadable > 0 ? 1 : 0;
}

/** The --json document: exactly units, files, outputs, totals. */
export function jsonSummary(s: ImportSummary): string {
  return JSON.stringify({ units: s.units, files: s.files, outputs: s.outputs, totals: s.totals }, null, 2);
}

export default async function run(argv: string[]): Promise<number> {
  const args = parseImportArgs(argv);
  if ('help' in args) {
    process.stdout.write(`${IMPORT_USAGE}\n`);
    return 0;
  }
  if ('error' in args) {
    process.stderr.write(`${args.error}\n\n${IMPORT_USAGE}\n`);
    return 2;
  }
  const showProgress = !args.json && !!process.stdout.isTTY;
  let lastDraw = 0;
  try {
    const summary = await runImport({
      inputDir: args.inputDir,
      outDir: args.outDir,
      roster: args.roster,
      jobs: args.jobs,
      asOf: args.asOf,
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
    process.stdout.write(args.json ? `${jsonSummary(summary)}\n` : `${describeSummary(summary)}\n`);
    return exitStatusOf(summary);
  } catch (err) {
    if (showProgress) process.stdout.write('\n');
    if (err instanceof ImportUsageError) {
      process.stderr.write(`${err.message}\n`);
      return err.exitCode;
    }
    process.stderr.write(`导入失败：${err instanceof Error ? err.message : String(err)}\n`);
    if (process.env.YANPAN_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    return 2;
  }
}
