// yanpan year: the year's periods side by side from the store, 本年累计 against the sum of the periods, and
// the risks opened, closed, carried from last year or gone without being closed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import year from '../importer/src/commands/year';
import { openStore } from '../importer/src/store';
import { recordOf } from './helpers/store-fixtures';
import { tempDir } from './helpers/tools';
import { definition } from '../templates/src/index';

const tmp = tempDir('yanpan-year-');
let dbFile: string;
const M = 'org.partyMeetings';
const A = { code: 'A01', name: '市交通运输局' };
const B = { code: 'B02', name: '市妇联' };

beforeAll(async () => {
  dbFile = path.join(tmp.dir, 'yanpan.db');
  const store = await openStore(dbFile, { def: definition });
  await store.recordImport([
    recordOf('2022q4/a.xlsx', {
      ...A,
      year: 2022,
      period: '第四季度',
      risks: [['FX-000', '整改中', '上年的风险']],
    }),
  ]);
  await store.recordImport([
    recordOf('q1/a.xlsx', {
      ...A,
      year: 2023,
      period: '第一季度',
      metrics: { [M]: [2, 2] },
      risks: [
        ['FX-000', '整改中', '上年的风险'],
        ['FX-001', '未整改', '学习流于形式'],
      ],
    }),
    recordOf('q1/b.xlsx', { ...B, year: 2023, period: '第一季度', metrics: { [M]: [1, 1] } }),
  ]);
  await store.recordImport([
    recordOf('q2/a.xlsx', {
      ...A,
      year: 2023,
      period: '第二季度',
      metrics: { [M]: [1, 4] },
      risks: [['FX-001', '已整改', '学习流于形式']],
    }),
  ]);
  store.close();
});
afterAll(() => tmp.cleanup());

async function run(argv: string[]) {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    return { code: await year(argv), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

function rows(ws: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  ws.eachRow((r) => out.push((r.values as unknown[]).slice(1)));
  return out;
}

describe('yanpan year', () => {
  it('writes the year view next to the database', async () => {
    const r = await run(['2023', '--db', tmp.dir]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const file = path.join(tmp.dir, '2023年度各期汇总台账.xlsx');
    expect(r.out).toContain(`已生成：${file}`);
    expect(r.out).toContain('单位 2 个，风险隐患 2 条（年内整改完成 1 条，未标记整改即不再报告 1 条）');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['各期报送', '各期指标', '风险隐患（全年）']);

    expect(rows(wb.getWorksheet('各期报送')!)).toEqual([
      ['单位代码', '单位名称', '第一季度', '第二季度', '第三季度', '第四季度'],
      ['A01', '市交通运输局', '已报送-通过', '已报送-通过', '未报送', '未报送'],
      ['B02', '市妇联', '已报送-通过', '未报送', '未报送', '未报送'],
    ]);

    const metrics = rows(wb.getWorksheet('各期指标')!);
    const meetings = metrics.filter((r) => String(r[2]).startsWith('党组（党委）会议专题研究'));
    // A: 2 + 1 = 3 but it reported 4 by Q2; B: only Q1, 1 = 1.
    expect(meetings.map((r) => r.slice(3))).toEqual([
      [2, 1, undefined, undefined, 3, 4, '不一致（相差1）'],
      [1, undefined, undefined, undefined, 1, 1, '一致'],
    ]);

    expect(rows(wb.getWorksheet('风险隐患（全年）')!).slice(1)).toEqual([
      [
        '市交通运输局',
        'FX-000',
        '阵地管理',
        '上年的风险',
        '上年结转',
        '',
        '整改中',
        '未标记已整改即不再报告，需核实',
      ],
      [
        '市交通运输局',
        'FX-001',
        '阵地管理',
        '学习流于形式',
        '第一季度新增',
        '第二季度',
        '已整改',
        '第二季度已整改',
      ],
    ]);
  });

  it('says so for a year with nothing stored, and refuses a bad year', async () => {
    const none = await run(['2021', '--db', dbFile]);
    expect(none.code).toBe(2);
    expect(none.err).toContain('没有2021年度的报送');
    const bad = await run(['23', '--db', dbFile]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('年度“23”不是四位年份');
  });
});
