// yanpan history UNIT [--db FILE] [--json]: a unit's submissions over time (every file ever imported,
// superseded ones included) and each risk's 整改状态 period by period.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { STATUS_TEXT, displayWidth, padToWidth } from '../cli-format';
import { runCommand, UsageError } from '../cli-program';
import { definitionOption, kindOption, pickDefinition, registryOf } from '../definitions';
import { openStore, StoreError, type Store, type UnitHistory } from '../store';
import type { CommandSpec } from './types';

interface HistoryOptions {
  db?: string;
  json?: boolean;
  kind?: string;
  definition?: string[];
}

export const historyCommand: CommandSpec<HistoryOptions> = {
  name: 'history',
  summary: '查看某单位的历次报送和风险整改情况',
  usage: `  yanpan history 单位 [--db 数据库文件] [--json] [--kind 标识] [--definition 文件]
      列出该单位历次报送的文件（报告期、文件名、文件指纹、导入时间、校验结果、是否已被更正件替代），
      以及每条风险隐患（按风险编号）在各期的整改状态。`,
  arguments: [
    {
      name: '<单位>',
      description: '单位代码、单位名称或简称/别名（如：市交通局）',
      missing: '请指定单位（单位代码、名称或简称）。',
    },
  ],
  options: [
    {
      flags: '--db <数据库文件>',
      description: '数据库文件（yanpan.db），或其所在的导入输出文件夹；默认为当前文件夹中的 yanpan.db',
    },
    { flags: '--json', description: '以JSON格式输出' },
    kindOption(),
    definitionOption('本地的标准定义文件（.json 或 .yaml）：按它判断整改状态（如本地增加的“已销号”）'),
  ],
  exitStatus: '0 成功；2 命令无法运行（数据库不存在、单位找不到或不唯一）。',
  tooMany: (extra) => `只能指定一个单位（多余的参数“${extra.join(' ')}”）。`,
  run: ([unit], opts) => history(unit, opts),
};

/** A directory means the import's output folder: its yanpan.db. */
function resolveDb(p: string): string {
  try {
    if (existsSync(p) && statSync(p).isDirectory()) return path.join(p, 'yanpan.db');
  } catch {
    // fall through: openStore reports it
  }
  return p;
}

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => displayWidth(r[i] ?? ''))));
  return rows.map((r) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : padToWidth(c, widths[i])))
      .join('  ')
      .trimEnd(),
  );
}

/** "2023-10-10 09:30" in local time. */
function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function historyJson(store: Store, h: UnitHistory) {
  const byId = new Map(h.submissions.map((s) => [s.id, s]));
  return {
    unit: {
      key: h.unit.unitKey,
      code: h.unit.code,
      name: h.unit.name,
      aliases: h.unit.aliases,
      group: h.unit.group,
      inRoster: h.unit.inRoster,
    },
    submissions: h.submissions.map((s) => ({
      period: s.periodKey,
      periodLabel: s.periodKey ? store.label(s.periodKey) : null,
      file: s.fileName,
      hash: s.hash,
      fillDate: s.fillDate,
      importedAt: s.importedAt,
      status: s.status,
      errors: s.errors,
      warnings: s.warnings,
      current: s.supersededBy == null,
      supersededBy: s.supersededBy != null ? (byId.get(s.supersededBy)?.fileName ?? null) : null,
    })),
    risks: h.risks.map((r) => ({
      id: r.riskId,
      category: r.category,
      description: r.description,
      timeline: r.timeline.map((t) => ({
        period: t.periodKey,
        periodLabel: store.label(t.periodKey),
        status: t.status,
        level: t.level,
        overdue: t.overdue,
      })),
      vanishedIn: r.vanishedIn,
    })),
  };
}

export function historyText(store: Store, h: UnitHistory): string {
  const u = h.unit;
  const lines: string[] = [];
  const facts = [
    u.code ? `单位代码：${u.code}` : null,
    u.aliases.length ? `又称：${u.aliases.join('、')}` : null,
  ]
    .filter(Boolean)
    .join('；');
  lines.push(`${u.name ?? u.unitKey}${facts ? `（${facts}）` : ''}`, '');
  const byId = new Map(h.submissions.map((s) => [s.id, s]));
  lines.push(`历次报送（共${h.submissions.length}份）：`);
  const rows: string[][] = [['报告期', '文件', '填报日期', '导入时间', '校验结果', '状态', '文件指纹']];
  for (const s of h.submissions) {
    const result =
      s.status === 'ok'
        ? STATUS_TEXT.ok
        : `${STATUS_TEXT[s.status]}（${s.status === 'errors' ? s.errors : s.warnings}）`;
    const state =
      s.supersededBy == null
        ? '当前'
        : `已被更正件替代（${byId.get(s.supersededBy)?.fileName ?? `#${s.supersededBy}`}）`;
    rows.push([
      s.periodKey ? store.label(s.periodKey) : '（报告期不明）',
      s.fileName,
      s.fillDate ?? '',
      localTime(s.importedAt),
      result,
      state,
      s.hash.slice(0, 12),
    ]);
  }
  lines.push(...table(rows).map((l) => `  ${l}`));
  lines.push('');
  if (h.risks.length === 0) {
    lines.push('风险隐患：各期台账中没有风险隐患记录。');
  } else {
    lines.push(`风险整改跟踪（按风险编号，共${h.risks.length}条）：`);
    for (const r of h.risks) {
      const head = [r.riskId, r.category, r.description].filter(Boolean).join('  ');
      lines.push(`  ${head}`);
      const steps = r.timeline.map(
        (t) => `${store.label(t.periodKey)} ${t.status ?? '未填整改状态'}${t.overdue ? '（逾期）' : ''}`,
      );
      if (r.vanishedIn) steps.push(`${store.label(r.vanishedIn)} 未再报告（未标记已整改，需核实）`);
      lines.push(`    ${steps.join(' → ')}`);
    }
  }
  return lines.join('\n');
}

async function history(unit: string, opts: HistoryOptions): Promise<number> {
  if (!unit.trim()) throw new UsageError('请指定单位（单位代码、名称或简称）。');
  const args = { unit, json: !!opts.json };
  const dbFile = resolveDb(opts.db ?? 'yanpan.db');
  // The standard the rounds were imported with: its vocabularies say which 整改状态 is done.
  const def = pickDefinition(await registryOf(opts.definition), opts.kind, opts.definition);
  let store: Store;
  try {
    store = await openStore(dbFile, { mustExist: true, def });
  } catch (err) {
    if (err instanceof StoreError) {
      const hint =
        err.code === 'missing'
          ? '请用 --db 指定导入时生成的数据库（默认位于导入输出文件夹中的 yanpan.db）。'
          : '';
      process.stderr.write(`${err.message}${hint}\n`);
      return 2;
    }
    throw err;
  }
  try {
    const found = store.findUnits(args.unit);
    if (found.length === 0) {
      process.stderr.write(`数据库“${dbFile}”中没有找到单位“${args.unit}”。请使用单位代码、名称或简称。\n`);
      return 2;
    }
    if (found.length > 1) {
      const list = found.map((u) => `  ${u.code ?? '（无代码）'}  ${u.name ?? u.unitKey}`).join('\n');
      process.stderr.write(`“${args.unit}”对应多个单位，请用单位代码或完整名称指定：\n${list}\n`);
      return 2;
    }
    const h = store.unitHistory(found[0].unitKey);
    if (!h) {
      process.stderr.write(`数据库中没有找到单位“${args.unit}”的报送记录。\n`);
      return 2;
    }
    process.stdout.write(
      args.json ? `${JSON.stringify(historyJson(store, h), null, 2)}\n` : `${historyText(store, h)}\n`,
    );
    return 0;
  } finally {
    store.close();
  }
}

export default (argv: string[]): Promise<number> => runCommand(historyCommand, argv);
