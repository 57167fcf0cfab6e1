// The unit roster (单位名册): a list of units with their codes, as .xlsx or .csv. Used to pre-fill one
// template per unit and by the importer to match returned files to units. Pure code (no fs/path).
import type { Definition } from '../standard/types';
import { a1, type CellValue } from '../xlsx/grid';
import { workbookBytesToGrid } from '../xlsx/read';
import { parseDate } from '../check/values';
import type { Issue } from '../standard/schema';
import { makeIssue, type MessageCode, type MessageVars } from '../standard/messages';

export interface RosterUnit {
  code: string;
  name: string;
  aliases: string[];
  group: string | null;
  /** 联系人 and 联系电话 (for 催报), when the roster has them. */
  contact?: string | null;
  phone?: string | null;
  /** 报送截止日期 (YYYY-MM-DD) of this unit, when the roster has one. */
  deadline?: string | null;
}

export interface RosterResult {
  units: RosterUnit[];
  issues: Issue[];
}

// Header texts recognised in a roster besides the definition's own 单位代码/单位名称 labels.
const CODE_HEADERS = ['单位编码', '代码', '编码', '单位编号'];
const NAME_HEADERS = ['单位全称', '名称', '单位'];
const ALIAS_HEADERS = ['简称/别名', '简称', '别名', '单位简称'];
const GROUP_HEADERS = ['分类', '类别', '分组', '单位类别', '单位分类'];
const CONTACT_HEADERS = ['联系人', '填报联系人', '经办人'];
const PHONE_HEADERS = ['联系电话', '电话', '手机', '联系方式'];
const DEADLINE_HEADERS = ['报送截止日期', '截止日期', '报送期限', '截止时间'];
/** Separators between aliases in one cell. */
const ALIAS_SPLIT = /[、,，;；/／\s]+/;
/** How far down the header row is looked for. */
const HEADER_SCAN_ROWS = 20;

type Cell = string | null;

function normHeader(s: Cell): string {
  return (s ?? '')
    .normalize('NFKC')
    .replace(/[\s*＊:：]/g, '')
    .replace(/[（(].*[）)]$/, '');
}

interface Columns {
  code: number;
  name: number;
  aliases: number | null;
  group: number | null;
  contact: number | null;
  phone: number | null;
  deadline: number | null;
}

function findColumns(row: Cell[], codeLabel: string, nameLabel: string): Partial<Columns> {
  const found: Partial<Columns> = {};
  const raw = row.map((c) => (c ?? '').normalize('NFKC').replace(/[\s*＊:：]/g, ''));
  const norm = row.map(normHeader);
  const pick = (labels: string[]): number | undefined => {
    for (const l of labels) {
      const i = raw.findIndex((h) => h === l);
      if (i >= 0) return i;
      const j = norm.findIndex((h) => h === l);
      if (j >= 0) return j;
    }
    return undefined;
  };
  found.code = pick([codeLabel, ...CODE_HEADERS]);
  found.name = pick([nameLabel, ...NAME_HEADERS]);
  found.aliases = pick(ALIAS_HEADERS) ?? null;
  found.group = pick(GROUP_HEADERS) ?? null;
  found.contact = pick(CONTACT_HEADERS) ?? null;
  found.phone = pick(PHONE_HEADERS) ?? null;
  found.deadline = pick(DEADLINE_HEADERS) ?? null;
  return found;
}

function rosterLabels(def: Definition): { code: string; name: string } {
  const code = def.info.find((f) => f.fromRoster === 'code')?.label ?? '单位代码';
  const name = def.info.find((f) => f.fromRoster === 'name')?.label ?? '单位名称';
  return { code, name };
}

/** Turns a table of cells (rows × columns, 0-based) into units and issues. */
function rosterFromRows(
  rows: Cell[][],
  fileName: string,
  sheet: string | null,
  def: Definition,
): RosterResult {
  const labels = rosterLabels(def);
  const issues: Issue[] = [];
  const issue = <C extends MessageCode>(
    rule: C,
    cell: string | null,
    field: string | null,
    value: string | null,
    vars: Omit<MessageVars<C>, 'roster'>,
  ) =>
    issues.push(
      makeIssue(def, 'error', rule, { roster: fileName, ...vars } as unknown as MessageVars<C>, {
        sheet,
        cell,
        field,
        value,
      }),
    );

  let headerRow = -1;
  let cols: Partial<Columns> = {};
  let bestMissing: string[] = [labels.code, labels.name];
  for (let r = 0; r < Math.min(rows.length, HEADER_SCAN_ROWS); r++) {
    const c = findColumns(rows[r] ?? [], labels.code, labels.name);
    if (c.code !== undefined && c.name !== undefined) {
      headerRow = r;
      cols = c;
      break;
    }
    const missing = [c.code === undefined ? labels.code : null, c.name === undefined ? labels.name : null];
    const m = missing.filter((x): x is string => x !== null);
    if (m.length < bestMissing.length) bestMissing = m;
  }
  if (headerRow < 0) {
    issue('roster.noHeader', null, null, null, { field: bestMissing.join('”“') });
    return { units: [], issues };
  }
  const { code: codeCol, name: nameCol } = cols as Columns;
  const units: RosterUnit[] = [];
  const seen = new Map<string, number>();
  for (let r = headerRow + 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    if (row.every((c) => c === null || c.trim() === '')) continue;
    const code = (row[codeCol] ?? '').normalize('NFKC').trim();
    const name = (row[nameCol] ?? '').replace(/\s+/g, ' ').trim();
    const line = r + 1;
    if (!code) {
      issue('roster.blankCode', a1(r, codeCol), labels.code, name || null, { field: labels.code, row: line });
      continue;
    }
    if (!name) {
      issue('roster.blankName', a1(r, nameCol), labels.name, code, { field: labels.name, row: line });
      continue;
    }
    const prev = seen.get(code);
    if (prev !== undefined) {
      issue('roster.duplicateCode', a1(r, codeCol), labels.code, code, {
        value: code,
        row: line,
        firstRow: prev,
      });
      continue;
    }
    seen.set(code, line);
    const aliasCell = cols.aliases != null ? (row[cols.aliases] ?? '') : '';
    const aliases = [
      ...new Set(
        aliasCell
          .split(ALIAS_SPLIT)
          .map((s) => s.trim())
          .filter((s) => s && s !== name),
      ),
    ];
    const group = cols.group != null ? (row[cols.group] ?? '').trim() || null : null;
    const text = (c: number | null | undefined) => (c != null ? (row[c] ?? '').trim() || null : null);
    let deadline: string | null = null;
    const deadlineText = text(cols.deadline);
    if (deadlineText !== null) {
      const d = parseDate(
        /^\d{4}-\d{2}-\d{2}T/.test(deadlineText) ? deadlineText.slice(0, 10) : deadlineText,
      );
      if (d.status === 'ok') deadline = d.iso;
      else
        issue('roster.badDate', a1(r, cols.deadline!), '报送截止日期', deadlineText, {
          field: '报送截止日期',
          row: line,
          value: deadlineText,
        });
    }
    units.push({
      code,
      name,
      aliases,
      group,
      contact: text(cols.contact),
      phone: text(cols.phone),
      deadline,
    });
  }
  if (units.length === 0 && issues.length === 0) issue('roster.empty', null, null, null, {});
  return { units, issues };
}

// ---------------------------------------------------------------------------------------------------
// CSV

/** Decodes CSV bytes: UTF-8 (with or without BOM), else GBK as Excel on Chinese Windows saves it. */
export function decodeCsv(bytes: Uint8Array): string {
  let b = bytes;
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) b = b.subarray(3);
  else if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))
    return new TextDecoder(b[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(b.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    return new TextDecoder('gbk').decode(b);
  }
}

/** RFC 4180 CSV (quotes, doubled quotes, CRLF/LF, newlines inside quotes); delimiter , or tab or ;. */
export function parseCsv(text: string): string[][] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const counts = [',', '\t', ';'].map((d) => [d, firstLine.split(d).length] as const);
  const delim = counts.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delim) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------------
// xlsx

function cellText(v: CellValue | undefined): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return null; // a formula without a cached result, an error value
}

/**
 * The visible sheets' rows, read by the one workbook reader (its zip and XML limits apply), or why the
 * file cannot be read.
 */
async function xlsxRows(
  bytes: Uint8Array,
  def: Definition,
): Promise<{ sheets: { name: string; rows: Cell[][] }[] } | { reason: string }> {
  const r = await workbookBytesToGrid(bytes, { def });
  if ('issue' in r) {
    const { rule, message } = r.issue;
    // Limits, encryption and unsupported features say what is wrong; anything else is a damaged file.
    const said = [
      'file.tooLarge',
      'file.tooManyParts',
      'file.tooComplex',
      'file.encrypted',
      'file.unsupported',
    ];
    const reason = said.includes(rule)
      ? message
          .replace(/[。.]+$/u, '')
          .replace(/，已拒绝读取$/u, '')
          .replace('，可能不是正常的填报表', '')
      : '文件已损坏或不是有效的Excel工作簿';
    return { reason };
  }
  return {
    sheets: r.grid.sheets
      .filter((ws) => ws.state === 'visible')
      .map((ws) => ({ name: ws.name, rows: ws.rows.map((row) => Array.from(row, (c) => cellText(c))) })),
  };
}

/** Reads a unit roster from .xlsx or .csv bytes. Never throws: every failure is an Issue. */
export async function readRoster(
  bytes: Uint8Array,
  fileName: string,
  def: Definition,
): Promise<RosterResult> {
  const fail = (rule: 'roster.type' | 'roster.unreadable', reason = ''): RosterResult => ({
    units: [],
    issues: [
      makeIssue(def, 'error', rule, { roster: fileName, reason } as MessageVars<typeof rule>, {
        field: null,
        value: fileName,
      }),
    ],
  });
  const ext = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase();
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  try {
    if (ext === 'csv' || ext === 'txt') {
      if (isZip) return fail('roster.unreadable', '文件内容是Excel工作簿，请将扩展名改为.xlsx');
      return rosterFromRows(parseCsv(decodeCsv(bytes)), fileName, null, def);
    }
    if (ext === 'xlsx' || ext === 'xlsm') {
      if (bytes.length === 0) return fail('roster.unreadable', '文件是空的');
      if (!isZip) return fail('roster.unreadable', '不是.xlsx格式的Excel工作簿');
      const read = await xlsxRows(bytes, def);
      if ('reason' in read) return fail('roster.unreadable', read.reason);
      const sheets = read.sheets;
      if (sheets.length === 0) return fail('roster.unreadable', '没有工作表');
      // The first sheet with a header row wins; else report the first sheet's problem.
      let first: RosterResult | null = null;
      for (const s of sheets) {
        const res = rosterFromRows(s.rows, fileName, s.name, def);
        if (!res.issues.some((i) => i.rule === 'roster.noHeader')) return res;
        first ??= res;
      }
      return first!;
    }
    return fail('roster.type');
  } catch {
    return fail('roster.unreadable', '文件已损坏或不是有效的Excel工作簿');
  }
}
