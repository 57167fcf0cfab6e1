// yanpan template [-o FILE]                          the blank standard workbook
// yanpan template --roster ROSTER --out-dir DIR      one pre-filled, unit-locked workbook per roster unit
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import {
  carryOver,
  definition,
  fillWorkbook,
  type CarryOver,
  type Submission,
  readRoster,
  roundFor,
  type TemplateRound,
  writeTemplate,
  type Definition,
} from '../../../templates/src/index';
import { runCommand, terminalAsk, UsageError } from '../cli-program';
import { definitionOption, kindOption, pickDefinition, registryOf } from '../definitions';
import { describeError, retryIfLocked } from '../errors';
import { sanitizeFileName, uniqueName, writeFileAtomic } from '../fsutil';
import { openStore, StoreError, type Store } from '../store';
import type { CommandSpec } from './types';

/** File name of a definition's blank template: 意识形态工作填报表.xlsx (templates/ holds the default's). */
export function templateFileName(def: Definition): string {
  return `${def.subject}工作填报表.xlsx`;
}

/** The file name of one unit's pre-filled workbook: 代码_名称_意识形态工作填报表.xlsx, made safe. */
export function unitTemplateFileName(unit: { code: string; name: string }, def: Definition): string {
  const base = path.basename(templateFileName(def), '.xlsx');
  return `${sanitizeFileName(`${unit.code}_${unit.name}_${base}`, base, 120)}.xlsx`;
}

function err(s: string): void {
  process.stderr.write(s + '\n');
}

interface TemplateOptions {
  out?: string;
  roster?: string;
  outDir?: string;
  kind?: string;
  definition?: string[];
  year?: string;
  period?: string;
  db?: string;
}

/** The round from --year and --period (both or neither), checked against the standard. */
function roundOption(args: TemplateOptions, def: Definition): TemplateRound | undefined {
  if (args.year === undefined && args.period === undefined) return undefined;
  if (args.year === undefined || args.period === undefined)
    throw new UsageError('--year 与 --period 须一起使用，如：--year 2024 --period 第一季度。');
  const periods = def.reportKinds.flatMap((k) => k.periods);
  const round = roundFor(def, Number(args.year.trim()), args.period.trim());
  if (!/^\d{4}$/.test(args.year.trim()) || !round)
    throw new UsageError(
      !periods.includes(args.period.trim())
        ? `报告期“${args.period}”不在标准中，可选：${periods.join('、')}。`
        : `年度“${args.year}”不是四位年份，如：2024。`,
    );
  return round;
}

export function templateCommand(def: Definition): CommandSpec<TemplateOptions> {
  return {
    name: 'template',
    summary: '生成标准填报表（空白模板，或按单位名册逐单位预置）',
    usage: `  yanpan template [-o 文件]
      生成空白标准填报表（默认保存为当前文件夹下的“${templateFileName(def)}”）。
      --kind 选用另一个内置标准（如 yanpan.party-conduct），--definition 使用本地调整过的标准。
  yanpan template --roster 单位名册(.xlsx|.csv) --out-dir 文件夹
      按单位名册为每个单位生成一份预置填报表：单位名称、单位代码已填好并锁定。
      单位名册第一行为表头，须有“单位代码”“单位名称”两列，可有“简称/别名”“分类”列；
      .csv 可为 UTF-8 或 GBK（Excel“CSV（逗号分隔）”）编码。
  加 --year 年度 --period 报告期：报告类型、年度、报告期也预置并锁定（下发一轮报送用）。
  再加 --db 数据库：从历次导入的数据库（导入输出文件夹中的 yanpan.db）沿用各单位上期尚未整改的
      风险（风险编号、类别、等级、措施、时限不变，整改状态和完成情况留给单位更新），并在备注中提示
      截至上期的本年累计。`,
    options: [
      { flags: '-o, --out <文件>', description: '空白填报表的保存位置' },
      { flags: '--roster <单位名册>', description: '单位名册' },
      { flags: '--out-dir <文件夹>', description: '预置填报表的保存文件夹（不存在时自动创建）' },
      { flags: '--year <年度>', description: '预置并锁定年度（与 --period 一起用），如 2024' },
      { flags: '--period <报告期>', description: '预置并锁定报告期（报告类型随之确定），如 第一季度' },
      { flags: '--db <数据库文件>', description: '沿用上期未整改风险：历次导入的数据库（yanpan.db）' },
      kindOption(),
      definitionOption('本地的标准定义文件（.json 或 .yaml）：按它生成填报表'),
    ],
    exitStatus: '0 成功；1 名册中有错误行（其余单位已生成）；2 无法运行（参数错误、名册无法读取等）。',
    run: async (_args, opts) =>
      template(
        opts,
        opts.kind || opts.definition?.length
          ? pickDefinition(await registryOf(opts.definition), opts.kind, opts.definition)
          : def,
      ),
  };
}

export function runTemplate(argv: string[], def: Definition): Promise<number> {
  return runCommand(templateCommand(def), argv);
}

/** Writes one output, waiting for the user to close it if Excel/WPS holds it open. */
function writeOutput(file: string, data: Uint8Array): Promise<void> {
  return retryIfLocked(file, () => writeFileAtomic(file, data), { ask: terminalAsk() });
}

/** A unit's carry-over into the round from its current submissions in the store (none if unknown). */
function carryFromStore(
  store: Store,
  u: { code: string; name: string },
  round: TemplateRound,
  def: Definition,
): CarryOver | null {
  const key = store.resolveUnitKey(u.code, u.name);
  const h = key ? store.unitHistory(key) : null;
  if (!h) return null;
  const earlier = h.submissions
    .filter((s) => s.supersededBy === null && s.submission)
    .map((s) => s.submission as Submission);
  return carryOver(def, round, earlier);
}

async function template(args: TemplateOptions, def: Definition): Promise<number> {
  const round = roundOption(args, def);
  if (args.roster === undefined) {
    if (args.outDir !== undefined) throw new UsageError('--out-dir 须与 --roster 一起使用。');
    const out = path.resolve(args.out ?? templateFileName(def));
    const bytes = await writeTemplate(def, { round });
    try {
      await writeOutput(out, bytes);
    } catch (e) {
      err(describeError(e, { file: out, writing: true }));
      return 2;
    }
    const lockedRound = round ? `，已预置 ${round.year}年${round.period}` : '';
    process.stdout.write(`已生成空白填报表：${out}\n（模板版本 ${def.version}${lockedRound}）\n`);
    return 0;
  }

  if (args.out !== undefined) throw new UsageError('按名册生成时请用 --out-dir 指定文件夹，不能用 -o。');
  if (!args.outDir) throw new UsageError('缺少 --out-dir：请指定预置填报表的保存文件夹。');
  const rosterPath = args.roster;
  const rosterName = path.basename(rosterPath);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await fsp.readFile(rosterPath));
  } catch (e) {
    err(describeError(e, { file: rosterPath, what: '单位名册' }));
    return 2;
  }
  const { units, issues } = await readRoster(bytes, rosterName, def);
  for (const i of issues) err(`${i.severity === 'error' ? '错误' : '警告'}：${i.message}`);
  if (units.length === 0) {
    err(`单位名册“${rosterName}”中没有可用的单位，未生成任何填报表。`);
    return 2;
  }

  const outDir = path.resolve(args.outDir);
  try {
    await fsp.mkdir(outDir, { recursive: true });
  } catch (e) {
    err(describeError(e, { file: outDir, writing: true }));
    return 2;
  }
  let store: Store | null = null;
  if (args.db !== undefined) {
    if (!round) throw new UsageError('--db 须与 --year、--period 一起使用：沿用的是该报告期之前的风险。');
    try {
      store = await openStore(path.resolve(args.db), { mustExist: true, def });
    } catch (e) {
      if (!(e instanceof StoreError)) throw e;
      err(
        e.message +
          (e.code === 'missing' ? '请用 --db 指定导入时生成的数据库（导入输出文件夹中的 yanpan.db）。' : ''),
      );
      return 2;
    }
  }
  const used = new Set<string>();
  const lines: string[] = [];
  let carriedTotal = 0;
  try {
    for (const u of units) {
      const name = uniqueName(unitTemplateFileName(u, def), used);
      const target = path.join(outDir, name);
      const carried = store && round ? carryFromStore(store, u, round, def) : null;
      try {
        const data = await fillWorkbook(
          {
            unit: { name: u.name, code: u.code },
            ...(carried
              ? { risks: carried.risks, carried: { riskIds: carried.riskIds, ytdBefore: carried.ytdBefore } }
              : {}),
          },
          def,
          { prefill: true, round },
        );
        await writeOutput(target, data);
      } catch (e) {
        err(describeError(e, { file: target, writing: true }));
        return 2;
      }
      const note = carried?.riskIds.length
        ? `（沿用${carried.from}未整改风险 ${carried.riskIds.length} 条）`
        : '';
      carriedTotal += carried?.riskIds.length ?? 0;
      lines.push(`  ${u.code}  ${u.name}  →  ${name}${note}`);
    }
  } finally {
    store?.close();
  }
  if (store) lines.push(`共沿用未整改风险 ${carriedTotal} 条。`);
  const errors = issues.filter((i) => i.severity === 'error').length;
  process.stdout.write(
    [
      `已按单位名册“${rosterName}”生成 ${units.length} 份预置填报表（模板版本 ${def.version}${
        round ? `，${round.year}年${round.period}` : ''
      }），保存在：${outDir}`,
      ...lines,
      ...(errors ? [`名册中有 ${errors} 行有错误（见上），这些单位未生成，请修正名册后重新运行。`] : []),
    ].join('\n') + '\n',
  );
  return errors ? 1 : 0;
}

export default (argv: string[]): Promise<number> => runTemplate(argv, definition);
