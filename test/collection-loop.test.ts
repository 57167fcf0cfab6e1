// The collection loop (issue 12) through yanpan import and yanpan remind: a roster with contacts and
// deadlines → 按时 / 迟报 / 未报送 exact per unit (by 填报日期 or by the file's arrival), the 催报名单 sheet,
// 催报通知.docx's text, --json, the tracking workbook named with its round and 总览's native charts.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillWorkbook, type FillInput } from '../templates/src/template/fill';
import { DEMO_UNITS } from '../importer/src/demo/data';
import { unitFillInput } from '../importer/src/demo/generate';
import { SHEETS } from '../importer/src/import/labels';
import { runImport, type ImportSummary } from '../importer/src/folder/run-import';
import { docxText } from './addin-fixtures';
import { partsOf, sheetCharts } from './helpers/chart-parts';
import { tempDir } from './helpers/tools';
import { privateBuild } from './import-build';
import { definition } from '../templates/src/index';

const AS_OF = '2023-10-16';
const DEADLINE = '2023-10-10';
const t = tempDir('yanpan-loop-');
let build: Awaited<ReturnType<typeof privateBuild>>;
let input = '';
let out = '';
let roster = '';
let s: ImportSummary;

/** A unit's workbook, filled on `fillDate` (its risks not overdue). */
function unit(i: number, fillDate: string, bad = false): FillInput {
  const name = `单位${i}`;
  const base = unitFillInput(
    { ...DEMO_UNITS[i], code: `K${i}`, name },
    { seed: 300 + i, risks: 1 },
    definition,
  );
  return {
    ...base,
    unit: { name, code: `K${i}` },
    fillDate,
    risks: base.risks!.map((r) => ({ ...r, deadline: '2099-12-31' })),
    metrics: bad ? base.metrics!.map((m, j) => (j === 0 ? { ...m, current: -3 } : m)) : base.metrics,
  };
}

/** Writes the workbook and sets its modification time (its arrival) to noon of `arrived`. */
async function put(file: string, fill: FillInput, arrived: string): Promise<void> {
  writeFileSync(path.join(input, file), await fillWorkbook(fill, definition));
  const when = new Date(`${arrived}T12:00:00`);
  utimesSync(path.join(input, file), when, when);
}

async function sheetRows(file: string, sheet: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(file) as any, { ignoreNodes: ['dataValidations'] } as any);
  const ws = wb.getWorksheet(sheet)!;
  const rows: string[][] = [];
  for (let r = 1; r <= ws.rowCount; r++)
    rows.push(
      Array.from({ length: ws.columnCount }, (_, c) => {
        const v = ws.getRow(r).getCell(c + 1).value;
        return v === null || v === undefined ? '' : String(v);
      }),
    );
  return rows;
}

beforeAll(async () => {
  build = await privateBuild();
  process.env.YANPAN_WORKER = build.worker;
  input = path.join(t.dir, 'in');
  out = path.join(t.dir, 'out');
  mkdirSync(input);
  roster = path.join(t.dir, '名册.csv');
  writeFileSync(
    roster,
    '\uFEFF单位代码,单位名称,联系人,联系电话,报送截止日期\n' +
      'K1,单位1,张一,0371-1111,\n' +
      'K2,单位2,李二,0371-2222,\n' +
      'K3,单位3,王三,0371-3333,\n' +
      'K4,单位4,赵四,0371-4444,\n' +
      'K5,单位5,钱五,0371-5555,2023-10-20\n' +
      'K6,单位6,孙六,0371-6666,\n',
  );
  await put('1.xlsx', unit(1, '2023-10-09'), '2023-10-09'); // on time
  await put('2.xlsx', unit(2, '2023-10-09'), '2023-10-12'); // filled in time, arrived 2 days late
  await put('3.xlsx', unit(3, '2023-10-13'), '2023-10-13'); // filled 3 days late
  // 单位4 sends nothing.
  await put('5.xlsx', unit(5, '2023-10-15'), '2023-10-15'); // its own deadline is later: on time
  await put('6.xlsx', unit(6, '2023-10-08', true), '2023-10-08'); // on time, with an error
  s = await runImport({
    def: definition,
    inputDir: input,
    outDir: out,
    roster,
    asOf: AS_OF,
    deadline: DEADLINE,
    issuer: '市直机关工委',
    sendTo: '市直机关工委宣传科邮箱',
    jobs: 2,
    db: false,
  });
}, 180_000);

afterAll(() => {
  if (!process.env.YANPAN_KEEP_TEST_DIR) t.cleanup();
  build?.cleanup();
});

describe('a round with contacts and a deadline', () => {
  it('按时 / 迟报 / 未报送 per unit, in the summary (--json carries it)', () => {
    expect(s.units.map((u) => [u.name, u.status, u.timeliness, u.daysLate, u.contact, u.phone])).toEqual([
      ['单位1', 'ok', '按时', null, '张一', '0371-1111'],
      ['单位2', 'ok', '迟报', 2, '李二', '0371-2222'],
      ['单位3', 'ok', '迟报', 3, '王三', '0371-3333'],
      ['单位4', 'missing', null, null, '赵四', '0371-4444'],
      ['单位5', 'ok', '按时', null, '钱五', '0371-5555'],
      ['单位6', 'errors', '按时', null, '孙六', '0371-6666'],
    ]);
    expect(s.totals).toMatchObject({ expected: 6, submitted: 5, missing: 1, onTime: 3, late: 2 });
    expect(s.round).toEqual({ year: 2023, reportKind: '季度分析研判报告', period: '第三季度' });
    expect(s.outputs.tracking).toBe('2023年第三季度汇总台账.xlsx');
    expect(s.outputs.reminderNotice).toBe('催报通知.docx');
  });

  it('报送情况: 按时/迟报, days late, contacts, and why a unit is late in 备注', async () => {
    const rows = await sheetRows(path.join(out, s.outputs.tracking), SHEETS.status);
    const head = rows[0];
    const pick = (r: string[]) =>
      ['单位名称', '报送状态', '按时/迟报', '迟报天数', '联系人', '联系电话', '备注'].map(
        (l) => r[head.indexOf(l)],
      );
    expect(rows.slice(1).map(pick)).toEqual([
      ['单位1', '已报送-通过', '按时', '', '张一', '0371-1111', ''],
      [
        '单位2',
        '已报送-通过',
        '迟报',
        '2',
        '李二',
        '0371-2222',
        '文件收到日期（按文件修改时间）2023年10月12日晚于报送截止日期2023年10月10日',
      ],
      [
        '单位3',
        '已报送-通过',
        '迟报',
        '3',
        '王三',
        '0371-3333',
        '填报日期2023年10月13日晚于报送截止日期2023年10月10日',
      ],
      ['单位4', '未报送', '', '', '赵四', '0371-4444', ''],
      ['单位5', '已报送-通过', '按时', '', '钱五', '0371-5555', ''],
      ['单位6', '已报送-有错误', '按时', '', '孙六', '0371-6666', ''],
    ]);
  });

  it('催报名单: the units to chase, with contact, what to do and the return copy', async () => {
    const rows = await sheetRows(path.join(out, s.outputs.tracking), SHEETS.reminders);
    expect(rows).toEqual([
      ['序号', '单位名称', '情况', '联系人', '联系电话', '需要报送或修改的内容', '退回修改件'],
      ['1', '单位2', '迟报', '李二', '0371-2222', '已报送，迟报2天，请今后按时报送', ''],
      ['2', '单位3', '迟报', '王三', '0371-3333', '已报送，迟报3天，请今后按时报送', ''],
      ['3', '单位4', '未报送', '赵四', '0371-4444', '报送填报表', ''],
      [
        '4',
        '单位6',
        '退回修改',
        '孙六',
        '0371-6666',
        '按退回修改件修改1处错误后重新报送',
        '单位6-退回修改-2023年第三季度.xlsx',
      ],
    ]);
    expect(s.reminders.map((r) => [r.unit, r.status])).toEqual([
      ['单位2', 'late'],
      ['单位3', 'late'],
      ['单位4', 'missing'],
      ['单位6', 'returned'],
    ]);
  });

  it('催报通知.docx: 主送 the units, the deadline, what to send and where, signed', async () => {
    const text = await docxText(new Uint8Array(readFileSync(path.join(out, '催报通知.docx'))));
    const lines = text.split('\n').filter((l) => l.trim());
    expect(lines.slice(0, 6)).toEqual([
      '关于催报2023年第三季度意识形态工作分析研判报告的通知',
      '单位2、单位3、单位4、单位6：',
      '按照市直机关工委关于报送2023年第三季度意识形态工作分析研判报告的工作安排，报送截止日期为2023年10月10日。截至2023年10月16日，1家单位未报送或报送的文件无法使用，2家单位迟报，1家单位的填报表存在错误需修改后重新报送（名单见附件）。',
      '请上述单位高度重视，尽快通过市直机关工委宣传科邮箱报送标准填报表（.xlsx），不要另存为其他格式，也不要设置打开密码。',
      '填报表存在错误的单位，请按退回修改件中“校验结果”表和单元格批注的说明逐项修改后，报送修改好的填报表。',
      '附件：催报名单',
    ]);
    expect(text).toContain('市直机关工委');
    expect(text).toContain('2023年10月16日');
    expect(text).toContain('单位6-退回修改-2023年第三季度.xlsx');
  });

  it('总览 carries its native charts (submission status with 按时 and 迟报, risks, a metric)', () => {
    const parts = partsOf(new Uint8Array(readFileSync(path.join(out, s.outputs.tracking))));
    const charts = sheetCharts(parts, SHEETS.overview);
    expect(charts.length).toBe(3);
    const status = charts[0]!.data;
    expect(status.series[0]!.categories).toEqual([
      '应报单位',
      '已报送',
      '按时报送',
      '迟报',
      '有错误或无法使用',
      '未报送',
    ]);
    expect(status.series[0]!.values.map(Number)).toEqual([6, 5, 3, 2, 1, 1]);
  });

  it('yanpan remind prints the same list and the notice as text to paste, writing nothing', () => {
    const before = JSON.stringify(readdirNames(t.dir));
    const r = spawnSync(
      process.execPath,
      [
        build.cli,
        'remind',
        input,
        '--roster',
        roster,
        '--deadline',
        DEADLINE,
        '--as-of',
        AS_OF,
        '--issuer',
        '市直机关工委',
        '--send-to',
        '市直机关工委宣传科邮箱',
      ],
      { encoding: 'utf8', env: { ...process.env, YANPAN_WORKER: build.worker } },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.slice(0, 7)).toEqual([
      '2023年第三季度：应报单位 6 个，已报送 5 个，未报送 1 个，迟报 2 个。',
      '',
      '需催报的单位 4 个：',
      '1. 单位2（迟报）：已报送，迟报2天，请今后按时报送；联系人：李二，0371-2222',
      '2. 单位3（迟报）：已报送，迟报3天，请今后按时报送；联系人：王三，0371-3333',
      '3. 单位4（未报送）：报送填报表；联系人：赵四，0371-4444',
      '4. 单位6（退回修改）：按退回修改件修改1处错误后重新报送（单位6-退回修改-2023年第三季度.xlsx）；联系人：孙六，0371-6666',
    ]);
    const paste = lines.slice(lines.indexOf('——— 以下文字可复制到OA或聊天工具中发送 ———') + 1);
    expect(paste[0]).toBe('关于催报2023年第三季度意识形态工作分析研判报告的通知');
    expect(paste[2]).toContain('（名单如下）');
    expect(paste.slice(-6)).toEqual([
      '1. 单位2（迟报）：已报送，迟报2天，请今后按时报送；联系人：李二，0371-2222',
      '2. 单位3（迟报）：已报送，迟报3天，请今后按时报送；联系人：王三，0371-3333',
      '3. 单位4（未报送）：报送填报表；联系人：赵四，0371-4444',
      '4. 单位6（退回修改）：按退回修改件修改1处错误后重新报送（单位6-退回修改-2023年第三季度.xlsx）；联系人：孙六，0371-6666',
      '市直机关工委',
      '2023年10月16日',
    ]);
    expect(JSON.stringify(readdirNames(t.dir))).toBe(before);
  }, 120_000);

  it('a round where everyone is on time and correct: no 催报通知, and an earlier one is removed', async () => {
    const in2 = path.join(t.dir, 'in2');
    mkdirSync(in2);
    for (const i of [1, 5]) {
      writeFileSync(path.join(in2, `${i}.xlsx`), await fillWorkbook(unit(i, '2023-10-09'), definition));
      const when = new Date('2023-10-09T12:00:00');
      utimesSync(path.join(in2, `${i}.xlsx`), when, when);
    }
    const roster2 = path.join(t.dir, '名册2.csv');
    writeFileSync(roster2, '单位代码,单位名称\nK1,单位1\nK5,单位5\n');
    const s2 = await runImport({
      def: definition,
      inputDir: in2,
      outDir: out,
      roster: roster2,
      asOf: AS_OF,
      deadline: DEADLINE,
      jobs: 2,
      db: false,
    });
    expect(s2.reminders).toEqual([]);
    expect(s2.outputs.reminderNotice).toBeNull();
    expect(readdirNames(out)).not.toContain('催报通知.docx');
    const rows = await sheetRows(path.join(out, s2.outputs.tracking), SHEETS.reminders);
    expect(rows[1]!.slice(0, 2)).toEqual(['', '各单位均已按时报送，无需催报。']);
    expect(rows.length).toBe(2);
  }, 120_000);
});

function readdirNames(dir: string): string[] {
  return readdirSync(dir, { recursive: true }).map(String).sort();
}
