// yanpan remind DIR --roster FILE [--deadline D] [--as-of D] [--issuer 单位]: who must be chased in this
// round — the same 催报名单 an import writes (units not submitted, sent an unusable file, with errors to
// correct, or late), printed on the terminal, then the 催报通知's wording as text to paste into an OA
// system or a chat message. Checks the folder the way yanpan import does (the same pipeline) and writes
// nothing.
import path from 'node:path';
import { localDay, reminderLine, reminderPasteText } from '../../../templates/src/index';
import { asOfOption, deadlineOption, runCommand, sendToOption } from '../cli-program';
import { memoryNodeHost } from '../folder/node-host';
import { discoverInput, readRosterFile } from '../folder/run-import';
import { importBatch } from '../import/import-batch';
import { definitionOption, kindOption } from '../definitions';
import { roundLabel } from '../import/tracking';
import { importFailed, roundDefinition } from './import';
import type { CommandSpec } from './types';

interface RemindOptions {
  roster: string;
  deadline?: string;
  sendTo?: string;
  definition?: string[];
  kind?: string;
  asOf?: string;
  issuer?: string;
}

export const remindCommand: CommandSpec<RemindOptions> = {
  name: 'remind',
  summary: '列出需催报的单位，并生成可复制粘贴的催报通知文字',
  usage: `  yanpan remind 文件夹 --roster 单位名册.xlsx|.csv [--deadline 日期] [--as-of 日期] [--issuer 单位]
                [--send-to 报送渠道]
      按与 yanpan import 相同的方式校验收回的填报表，列出未报送、报送文件无法使用、需退回修改和迟报的单位
      （含联系人、联系电话），再给出可直接复制到OA或聊天工具中的催报通知文字。不写任何文件。`,
  arguments: [
    {
      name: '<文件夹>',
      description: '收回的填报表所在文件夹（含子文件夹）',
      missing: '请指定收回的填报表所在文件夹。',
    },
  ],
  options: [
    {
      flags: '--roster <单位名册>',
      description: '单位名册（列：单位代码、单位名称，可选：联系人、联系电话、报送截止日期）',
      required: '请用 --roster 指定单位名册：没有名册就无法知道哪些单位未报送。',
    },
    deadlineOption(),
    sendToOption(),
    kindOption(),
    definitionOption(),
    asOfOption('以该日期判断填报日期和迟报（默认今天），如 2023-10-12', '2023-10-12'),
    { flags: '--issuer <单位>', description: '催报通知的落款单位（如：市直机关工委）' },
  ],
  exitStatus: '0 没有需催报的单位；1 有需催报的单位；2 命令无法运行。',
  tooMany: (extra) => `只能指定一个输入文件夹（多余的参数“${extra.join(' ')}”）。`,
  run: ([inputDir], opts) => runRemind(inputDir, opts),
};

async function runRemind(inputDir: string, opts: RemindOptions): Promise<number> {
  try {
    // An empty folder is a round where nobody has sent anything yet: every unit is listed.
    const sources = await discoverInput(path.resolve(inputDir), []);
    const roster = await readRosterFile(opts.roster);
    const { def, definitions } = await roundDefinition(opts);
    const { summary } = await importBatch(
      sources,
      {
        def,
        definitions,
        roster,
        deadline: opts.deadline,
        asOf: opts.asOf,
        issuer: opts.issuer,
        sendTo: opts.sendTo,
      },
      memoryNodeHost(),
    );
    const items = summary.reminders;
    const round = summary.round;
    const out: string[] = [];
    const t = summary.totals;
    out.push(
      `${round ? roundLabel(round, def) : '本轮'}：应报单位 ${t.expected} 个，已报送 ${t.submitted} 个，未报送 ${t.missing} 个${
        t.late !== null ? `，迟报 ${t.late} 个` : ''
      }。`,
    );
    if (items.length === 0) {
      out.push('各单位均已按时报送且无须修改，无需催报。');
      process.stdout.write(`${out.join('\n')}\n`);
      return 0;
    }
    out.push('', `需催报的单位 ${items.length} 个：`, ...items.map((item, i) => reminderLine(item, i + 1)));
    if (round) {
      const text = reminderPasteText(
        {
          issuer: opts.issuer ?? '',
          year: round.year,
          period: round.period,
          reportKind: round.reportKind ?? def.reportKinds[0].name,
          deadline: summary.deadline,
          asOf: opts.asOf ?? localDay(),
          sendTo: opts.sendTo ?? null,
          items,
        },
        def,
      );
      out.push('', '——— 以下文字可复制到OA或聊天工具中发送 ———', text);
    }
    process.stdout.write(`${out.join('\n')}\n`);
    return 1;
  } catch (err) {
    return importFailed(err, '催报名单未能生成');
  }
}

export default (argv: string[]): Promise<number> => runCommand(remindCommand, argv);
