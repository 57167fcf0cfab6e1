// yanpan demo [-o OUTDIR]: writes a realistic sample set (填报表/ and 单位名册.csv) and imports it.
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { definition } from '../../../templates/src/index';
import { DEMO_UNITS } from '../demo/data';
import {
  DEMO_AS_OF,
  DEMO_CASES,
  DEMO_EARLIER,
  DEMO_ISSUER,
  buildDemoEarlierSet,
  buildDemoSet,
} from '../demo/generate';
import { writeFileAtomic } from '../fsutil';
import { runCommand } from '../cli-program';
import { runImport } from '../folder/run-import';
import { describeSummary, ensureOutputsClosed, exitStatusOf, importFailed } from './import';
import type { CommandSpec } from './types';

export const DEMO_INPUT_DIR = '填报表';
export const DEMO_ROSTER = '单位名册.csv';
/** The earlier round (the units' 上半年 self-inspection): its workbooks and its outputs. */
export const DEMO_EARLIER_INPUT_DIR = `填报表-${DEMO_EARLIER.period}`;
export const DEMO_EARLIER_OUT_DIR = `${DEMO_EARLIER.period}汇总`;

export const demoCommand: CommandSpec<{ out?: string }> = {
  name: 'demo',
  summary: '生成一套示例填报表并导入（演示）',
  usage: `  yanpan demo [-o 输出文件夹]
      生成一套示例填报表（${DEMO_UNITS.length}个市直单位，含有错误、警告、重复报送和未报送的情况）和单位名册，
      然后导入，生成汇总台账、单位报告、汇总分析报告和退回修改件。`,
  options: [{ flags: '-o, --out <输出文件夹>', description: '输出文件夹（默认 demo-output）' }],
  exitStatus: '0 演示完成；2 无法运行（参数错误、无法写入输出文件夹等）。',
  run: (_args, opts) => demo(opts.out ?? 'demo-output'),
};

async function demo(outDir: string): Promise<number> {
  const inputDir = path.join(outDir, DEMO_INPUT_DIR);
  const rosterPath = path.join(outDir, DEMO_ROSTER);
  try {
    // The demo's units, figures and wording are those of the built-in 意识形态 standard.
    const set = await buildDemoSet(definition);
    const earlier = await buildDemoEarlierSet(definition);
    const earlierDir = path.join(outDir, DEMO_EARLIER_INPUT_DIR);
    // The sample folders and the store are ours: rebuild them from scratch so a rerun gives the same set.
    await fsp.rm(inputDir, { recursive: true, force: true });
    await fsp.rm(earlierDir, { recursive: true, force: true });
    await fsp.rm(path.join(outDir, 'yanpan.db'), { force: true });
    for (const f of earlier) {
      const target = path.join(earlierDir, ...f.rel.split('/'));
      await writeFileAtomic(target, f.bytes);
      await fsp.utimes(target, f.mtime, f.mtime);
    }
    for (const f of set.files) {
      const target = path.join(inputDir, ...f.rel.split('/'));
      await writeFileAtomic(target, f.bytes);
      await fsp.utimes(target, f.mtime, f.mtime);
    }
    // An Office lock file, as left by an open workbook: the import ignores it.
    const lockOf = set.files[0].rel.split('/');
    lockOf[lockOf.length - 1] = `~$${lockOf[lockOf.length - 1]}`;
    await writeFileAtomic(path.join(inputDir, ...lockOf), new Uint8Array(165));
    await writeFileAtomic(rosterPath, set.rosterCsv);
    process.stdout.write(
      [
        `已生成示例数据：${inputDir}（${set.files.length}个填报表，含子文件夹）和单位名册 ${rosterPath}（${set.roster.length}个单位）。`,
        `  其中有意设置：${DEMO_CASES.decimal}填了小数、${DEMO_CASES.word}在数字栏填了文字、${DEMO_CASES.periodMismatch}报告期与报告类型不一致（错误）；`,
        `  ${DEMO_CASES.coerced}填写“3次”（警告）；${DEMO_CASES.duplicate}重复报送两次；${DEMO_CASES.identicalCopy}的文件有一份相同副本；`,
        `  ${DEMO_CASES.alias.rosterName}在填报表中写作“${DEMO_CASES.alias.name}”；${DEMO_CASES.missing}未报送。`,
        '',
        '正在导入……',
        '',
      ].join('\n'),
    );
    await ensureOutputsClosed(path.resolve(outDir));
    // First the earlier round, into the same store: the third quarter's reports then say how the risks of
    // each unit's self-inspection stand now.
    const before = await runImport({
      def: definition,
      inputDir: earlierDir,
      outDir: path.join(outDir, DEMO_EARLIER_OUT_DIR),
      db: path.join(outDir, 'yanpan.db'),
      // No roster: the units that took part are those expected (the roster's deadline is the third quarter's).
      asOf: `${DEMO_EARLIER.fillDate.slice(0, 8)}15`,
      issuer: DEMO_ISSUER,
    });
    process.stdout.write(
      `先导入${earlier.length}个单位的${DEMO_EARLIER.period}自查填报表（${earlierDir}，输出在 ${path.join(outDir, DEMO_EARLIER_OUT_DIR)}）。\n\n`,
    );
    if (exitStatusOf(before) === 2) return 2;
    const summary = await runImport({
      def: definition,
      inputDir,
      outDir,
      roster: rosterPath,
      asOf: DEMO_AS_OF,
      issuer: DEMO_ISSUER,
    });
    process.stdout.write(`${describeSummary(summary, definition)}\n`);
    // The demo itself succeeded even though its sample set contains errors on purpose.
    return exitStatusOf(summary) === 2 ? 2 : 0;
  } catch (err) {
    return importFailed(err, '演示未完成');
  }
}

export default (argv: string[]): Promise<number> => runCommand(demoCommand, argv);
