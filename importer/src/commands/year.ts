// yanpan year 年度 [--db FILE] [-o DIR]: the year's 各期汇总台账 from the store — each unit's periods side by
// side, 本年累计 checked against the sum of the periods, the risks opened and closed during the year.
import { existsSync, promises as fsp, statSync } from 'node:fs';
import path from 'node:path';
import { runCommand, terminalAsk, UsageError } from '../cli-program';
import { definitionOption, kindOption, pickDefinition, registryOf } from '../definitions';
import { describeError, retryIfLocked } from '../errors';
import { writeFileAtomic } from '../fsutil';
import { Store, StoreError } from '../store';
import { yearFileName, yearView, yearWorkbook } from '../store/year-view';
import type { CommandSpec } from './types';

interface YearOptions {
  db?: string;
  out?: string;
  kind?: string;
  definition?: string[];
}

export const yearCommand: CommandSpec<YearOptions> = {
  name: 'year',
  summary: '生成全年各期汇总台账（从历次导入的数据库）',
  usage: `  yanpan year 年度 [--db 数据库文件] [-o 输出文件夹]
      从历次导入的数据库（导入输出文件夹中的 yanpan.db）生成“年度各期汇总台账”：各单位各期报送情况
      和各项指标并排列出，核对本年累计与各期之和，列出年内新增、整改完成和仍未整改的风险隐患。`,
  arguments: [
    { name: '<年度>', description: '四位年份，如 2023', missing: '请指定年度，如：yanpan year 2023。' },
  ],
  options: [
    {
      flags: '--db <数据库文件>',
      description: '数据库文件（yanpan.db），或其所在的导入输出文件夹；默认为当前文件夹中的 yanpan.db',
    },
    { flags: '-o, --out <输出文件夹>', description: '台账的保存文件夹（默认为数据库所在文件夹）' },
    kindOption(),
    definitionOption('本地的标准定义文件（.json 或 .yaml）'),
  ],
  exitStatus: '0 成功；2 无法运行（年度不对、数据库不存在或其中没有该年度的报送）。',
  tooMany: (extra) => `只能指定一个年度（多余的参数“${extra.join(' ')}”）。`,
  run: ([year], opts) => runYear(year, opts),
};

async function runYear(yearText: string, opts: YearOptions): Promise<number> {
  const t = yearText.trim().replace(/年$/, '');
  if (!/^\d{4}$/.test(t)) throw new UsageError(`年度“${yearText}”不是四位年份，如：2023。`);
  const year = Number(t);
  const def = pickDefinition(await registryOf(opts.definition), opts.kind, opts.definition);
  let dbFile = path.resolve(opts.db ?? 'yanpan.db');
  if (existsSync(dbFile) && statSync(dbFile).isDirectory()) dbFile = path.join(dbFile, 'yanpan.db');
  let store: Store;
  try {
    store = Store.open(dbFile, { mustExist: true, def });
  } catch (e) {
    if (!(e instanceof StoreError)) throw e;
    process.stderr.write(
      `${e.message}${e.code === 'missing' ? '请用 --db 指定导入时生成的数据库（导入输出文件夹中的 yanpan.db）。' : ''}\n`,
    );
    return 2;
  }
  let bytes: Uint8Array;
  let summary: string;
  try {
    const view = yearView(store, year, def);
    if (!view) {
      process.stderr.write(`数据库“${dbFile}”中没有${year}年度的报送。\n`);
      return 2;
    }
    bytes = await yearWorkbook(view, def);
    const vanished = view.risks.filter((r) => r.vanished).length;
    summary = [
      `${year}年度（${view.reportKind}，${view.periods.map((p) => p.name).join('、')}）：单位 ${view.units.length} 个，风险隐患 ${view.risks.length} 条（年内整改完成 ${view.risks.filter((r) => r.closedIn).length} 条${vanished ? `，未标记整改即不再报告 ${vanished} 条` : ''}）。`,
      ...(view.otherKinds.length ? [`另有${view.otherKinds.join('、')}的报送，未列入本台账。`] : []),
    ].join('\n');
  } finally {
    store.close();
  }
  const outDir = path.resolve(opts.out ?? path.dirname(dbFile));
  const target = path.join(outDir, yearFileName(year));
  try {
    await fsp.mkdir(outDir, { recursive: true });
    await retryIfLocked(target, () => writeFileAtomic(target, bytes), { ask: terminalAsk() });
  } catch (e) {
    process.stderr.write(`${describeError(e, { file: target, writing: true })}\n`);
    return 2;
  }
  process.stdout.write(`已生成：${target}\n${summary}\n`);
  return 0;
}

export default (argv: string[]): Promise<number> => runCommand(yearCommand, argv);
