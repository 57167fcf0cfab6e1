// yanpan demo [-o OUTDIR]: writes a realistic sample set (填报表/ and 单位名册.csv) and imports it.
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { DEMO_UNITS } from '../demo/data';
import { DEMO_AS_OF, DEMO_CASES, DEMO_ISSUER, buildDemoSet } from '../demo/generate';
import { writeFileAtomic } from '../fsutil';
import { ImportUsageError, runImport } from '../import/run-import';
import { describeSummary, exitStatusOf } from './import';

export const DEMO_USAGE = `用法：yanpan demo [-o 输出文件夹]

生成一套示例填报表（${DEMO_UNITS.length}个市直单位，含有错误、警告、重复报送和未报送的情况）和单位名册，
然后导入，生成汇总台账、单位报告、汇总分析报告和退回修改件。默认输出到 demo-output。`;

export const DEMO_INPUT_DIR = '填报表';
export const DEMO_ROSTER = '单位名册.csv';

export default async function run(argv: string[]): Promise<number> {
  let outDir = 'demo-output';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') {
      process.stdout.write(`${DEMO_USAGE}\n`);
      return 0;
    }
    if (a === '-o' || a === '--out') {
      const v = argv[++i];
      if (!v) {
        process.stderr.write(`参数 -o 需要指定输出文件夹。\n\n${DEMO_USAGE}\n`);
        return 2;
      }
      outDir = v;
    } else {
      process.stderr.write(`未知参数“${a}”。\n\n${DEMO_USAGE}\n`);
      return 2;
    }
  }
  const inputDir = path.join(outDir, DEMO_INPUT_DIR);
  const rosterPath = path.join(outDir, DEMO_ROSTER);
  try {
    const set = await buildDemoSet();
    // The sample folder is ours: rebuild it from scratch so a rerun gives the same set.
    await fsp.rm(inputDir, { recursive: true, force: true });
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
    const summary = await runImport({
      inputDir,
      outDir,
      roster: rosterPath,
      asOf: DEMO_AS_OF,
      issuer: DEMO_ISSUER,
    });
    process.stdout.write(`${describeSummary(summary)}\n`);
    // The demo itself succeeded even though its sample set contains errors on purpose.
    return exitStatusOf(summary) === 2 ? 2 : 0;
  } catch (err) {
    if (err instanceof ImportUsageError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    process.stderr.write(`演示运行失败：${err instanceof Error ? err.message : String(err)}\n`);
    if (process.env.YANPAN_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    return 2;
  }
}
