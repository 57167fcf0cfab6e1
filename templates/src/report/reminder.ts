// 催报通知: a short GB/T 9704 notice to the units that have not submitted, submitted late, or were sent a
// return copy to correct — 主送 the units, the deadline, what to send and where — with the 催报名单 as its
// attachment. Its wording comes from the definition's report banks (reminder.*).
import type { TemplateVars } from '../standard/format';
import type { Definition } from '../standard/types';
import type { AppendixTable, Block } from './blocks';
import { formatDate } from './numbers';
import { clause } from './phrases';
import { fixedPhrase } from './prose';

export type ReminderStatus = 'missing' | 'late' | 'returned' | 'unusable';

export interface ReminderItem {
  unit: string;
  status: ReminderStatus;
  contact?: string | null;
  phone?: string | null;
  /** What the unit must send or correct (e.g. "报送填报表", "按退回修改件修改3处错误后重新报送"). */
  what: string;
  /** The return copy's file name, for a unit that must correct its workbook. */
  returnCopy?: string | null;
}

export interface ReminderInput {
  issuer: string;
  year: number;
  period: string;
  reportKind: string;
  /** The round's deadline (YYYY-MM-DD), when there was one. */
  deadline?: string | null;
  /** As of when the list was made (YYYY-MM-DD). */
  asOf: string;
  /** The new deadline asked for (YYYY-MM-DD). */
  newDeadline?: string | null;
  /** Where to send it ("市直机关工委组织科邮箱 zzk@example.gov.cn"), from the command line. */
  sendTo?: string | null;
  /** The issuer's contact person and phone. */
  contact?: string | null;
  phone?: string | null;
  items: ReminderItem[];
}

/** "市档案馆、市林业发展中心等" — the units to address, briefly. */
function addressees(items: readonly ReminderItem[]): string {
  const names = [...new Set(items.map((i) => i.unit))];
  return names.length <= 6 ? names.join('、') : `${names.slice(0, 5).join('、')}等${names.length}家单位`;
}

export const REMINDER_STATUS_TEXT: Record<ReminderStatus, string> = {
  missing: '未报送',
  late: '迟报',
  returned: '退回修改',
  unusable: '报送文件无法使用',
};

/** The 催报名单 as a table (also the tracking workbook's 催报名单 sheet, one row per unit). */
export function reminderTable(items: readonly ReminderItem[]): AppendixTable {
  return {
    columns: [
      { label: '序号', kind: 'number' },
      { label: '单位名称', kind: 'text' },
      { label: '情况', kind: 'text' },
      { label: '联系人', kind: 'text' },
      { label: '联系电话', kind: 'id' },
      { label: '需要报送或修改的内容', kind: 'text' },
      { label: '退回修改件', kind: 'text' },
    ],
    rows: items.map((i, n) => [
      String(n + 1),
      i.unit,
      REMINDER_STATUS_TEXT[i.status],
      i.contact ?? '',
      i.phone ?? '',
      i.what,
      i.returnCopy ?? '',
    ]),
    landscape: true,
  };
}

export function reminderTitleWords(input: ReminderInput, def: Definition): string[] {
  const p = def.periods.find((x) => x.name === input.period);
  return fixedPhrase(def.report.banks, 'reminder.titleWords', {
    yearPeriod: `${input.year}年${p?.titleName ?? input.period}`,
    subject: def.subject,
  })
    .split('|')
    .filter(Boolean);
}

/** The notice's wording, with the list referred to as attached (docx) or following (pasted text). */
function noticeParts(input: ReminderInput, def: Definition, pasted: boolean) {
  const p = def.periods.find((x) => x.name === input.period);
  const kind = def.reportKinds.find((k) => k.name === input.reportKind);
  const count = (s: ReminderStatus) => input.items.filter((i) => i.status === s).length;
  const vars: TemplateVars = {
    issuer: input.issuer,
    yearPeriod: `${input.year}年${p?.titleName ?? input.period}`,
    subject: def.subject,
    kind: kind?.titleSuffix ?? input.reportKind,
    deadline: formatDate(input.deadline) ?? '',
    asOf: formatDate(input.asOf) ?? '',
    newDeadline: formatDate(input.newDeadline) ?? '',
    sendTo: clause(input.sendTo) || fixedPhrase(def.report.banks, 'reminder.sendTo'),
    missing: count('missing') + count('unusable'),
    late: count('late'),
    returned: count('returned'),
    contact: input.contact ?? '',
    phone: input.phone ?? '',
  };
  const say = (bank: string, extra: TemplateVars = {}) =>
    fixedPhrase(def.report.banks, bank, { ...vars, ...extra });
  // What happened: the deadline, then how many units are in which situation.
  const parts: string[] = [];
  if (vars.missing) parts.push(say('reminder.situationMissing'));
  if (vars.late) parts.push(say('reminder.situationLate'));
  if (vars.returned) parts.push(say('reminder.situationReturned'));
  const listRef = say(pasted ? 'reminder.listRefPaste' : 'reminder.listRef');
  const paras = [
    say(input.deadline ? 'reminder.lead' : 'reminder.leadNoDeadline', {
      situation: parts.join('，'),
      listRef,
    }),
    say(input.newDeadline ? 'reminder.ask' : 'reminder.askNoDate'),
    vars.returned ? say('reminder.returned') : '',
    input.contact || input.phone ? say('reminder.contact') : '',
  ].filter(Boolean);
  return {
    words: reminderTitleWords(input, def),
    addressee: `${addressees(input.items)}：`,
    paras,
    listTitle: say('reminder.attachment'),
  };
}

export function reminderNoticeBlocks(input: ReminderInput, def: Definition): Block[] {
  const { words, addressee, paras, listTitle: title } = noticeParts(input, def, false);
  const blocks: Block[] = [{ kind: 'title', text: words.join(''), words }];
  blocks.push({ kind: 'addressee', text: addressee });
  for (const text of paras) blocks.push({ kind: 'para', text });
  blocks.push({ kind: 'blank' }, { kind: 'attachmentNote', items: [title] });
  blocks.push({ kind: 'blank' }, { kind: 'signature', unit: input.issuer, date: formatDate(input.asOf) });
  blocks.push({ kind: 'appendix', label: '附件', title, table: reminderTable(input.items) });
  return blocks;
}

/** One unit of the list on one line: "1. 市档案馆（未报送）：报送填报表；联系人：王芳，0571-…". */
export function reminderLine(item: ReminderItem, n: number): string {
  const who = [item.contact, item.phone].filter(Boolean).join('，');
  const copy = item.returnCopy ? `（${item.returnCopy}）` : '';
  return `${n}. ${item.unit}（${REMINDER_STATUS_TEXT[item.status]}）：${item.what}${copy}${who ? `；联系人：${who}` : ''}`;
}

/**
 * The same notice as plain text to paste into an OA system or a chat message: the title, 主送, the
 * paragraphs, then the list one unit per line, then the issuer and date.
 */
export function reminderPasteText(input: ReminderInput, def: Definition): string {
  const { words, addressee, paras } = noticeParts(input, def, true);
  const list = input.items.map((i, n) => reminderLine(i, n + 1));
  return [words.join(''), addressee, ...paras, ...list, `${input.issuer}`, formatDate(input.asOf) ?? ''].join(
    '\n',
  );
}
