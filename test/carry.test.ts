// Next round's workbooks: open risks carried with their 风险编号 (a closed one is not), the year's 本年累计 so
// far as a hint, and the checker's 警告 when a carried risk disappears or the year to date falls short.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runTemplate } from '../importer/src/commands/template';
import { openStore } from '../importer/src/store';
import { carryOver } from '../templates/src/roster/carry';
import { checkWorkbookBytes } from '../templates/src/check/check-bytes';
import { fillWorkbook } from '../templates/src/template/fill';
import { roundFor } from '../templates/src/template/writer';
import { definition as def } from '../templates/src/standard/ideology';
import { makeSubmission, recordOf } from './helpers/store-fixtures';
import { tempDir } from './helpers/tools';
import { definition } from '../templates/src/index';

const tmp = tempDir('yanpan-carry-');
afterAll(() => tmp.cleanup());

const Q3 = roundFor(def, 2023, '第三季度')!;
const meetings = 'org.partyMeetings';

const q1 = makeSubmission({
  code: 'A01',
  name: '市交通运输局',
  year: 2023,
  period: '第一季度',
  metrics: { [meetings]: [2, 2] },
  risks: [['FX-009', '未整改', '一季度的旧风险']],
});
const q2 = makeSubmission({
  code: 'A01',
  name: '市交通运输局',
  year: 2023,
  period: '第二季度',
  metrics: { [meetings]: [1, 3] },
  risks: [
    ['FX-001', '未整改', '学习流于形式'],
    ['FX-002', '整改中', '宣传栏更新不及时'],
    ['FX-003', '已整改', '网站栏目停更'],
  ],
});
q2.risks[1].progress = '已更换两处展板';
q2.risks[1].measures = '每月检查宣传栏';

describe('carryOver', () => {
  it('carries the open risks of the latest earlier period, status and progress left blank', () => {
    const c = carryOver(def, Q3, [q2, q1]);
    expect(c.riskIds).toEqual(['FX-001', 'FX-002']);
    expect(c.from).toBe('2023年第二季度');
    const second = c.risks[1];
    expect(second).toMatchObject({
      id: 'FX-002',
      description: '宣传栏更新不及时',
      category: '阵地管理',
      level: '中',
      measures: '每月检查宣传栏',
      deadline: '2023-12-31',
    });
    expect(second.status).toBeUndefined();
    expect(second.progress).toBeUndefined();
  });

  it('gives the year so far from the last period ending right before the round', () => {
    expect(carryOver(def, Q3, [q1, q2]).ytdBefore[meetings]).toBe(3);
    // Only Q1 is known: its 本年累计 is not the year up to July.
    expect(carryOver(def, Q3, [q1]).ytdBefore[meetings]).toBeUndefined();
    // Q2 without a 本年累计: the sum of Q1 and Q2's 本期数, which tile January to June.
    const q2NoYtd = makeSubmission({
      name: 'x',
      year: 2023,
      period: '第二季度',
      metrics: { [meetings]: [1, null] },
    });
    expect(carryOver(def, Q3, [q1, q2NoYtd]).ytdBefore[meetings]).toBe(3);
    // A new year starts from nothing, but the open risks still carry.
    const next = carryOver(def, roundFor(def, 2024, '第一季度')!, [q1, q2]);
    expect(next.ytdBefore).toEqual({});
    expect(next.riskIds).toEqual(['FX-001', 'FX-002']);
  });

  it('carries nothing from the round itself or later', () => {
    const c = carryOver(def, roundFor(def, 2023, '第二季度')!, [q2]);
    expect(c.riskIds).toEqual([]);
    expect(c.from).toBeNull();
  });
});

describe('a carried workbook, filled and checked', () => {
  async function issued() {
    const c = carryOver(def, Q3, [q1, q2]);
    return fillWorkbook({ unit: { name: '市交通运输局', code: 'A01' }, risks: c.risks, carried: c }, def, {
      prefill: true,
      round: Q3,
    });
  }

  it('reads back with the carried risks and the 备注 hint', async () => {
    const r = await checkWorkbookBytes(await issued(), def);
    const sub = r.submission!;
    expect(sub.risks.map((x) => [x.id, x.status, x.measures])).toEqual([
      ['FX-001', null, '加强管理'],
      ['FX-002', null, '每月检查宣传栏'],
    ]);
    expect(sub.metrics.find((m) => m.id === meetings)!.note).toBe(
      '截至上期本年累计3，本年累计＝此数＋本期数',
    );
    expect(r.issues.filter((i) => i.rule === 'risk.carriedMissing')).toEqual([]);
  });

  it('warns when the unit drops a carried risk or gives a year to date below the year so far', async () => {
    const c = carryOver(def, Q3, [q1, q2]);
    const bytes = await fillWorkbook(
      {
        unit: { name: '市交通运输局', code: 'A01' },
        year: 2023,
        period: '第三季度',
        risks: [{ ...c.risks[1], status: '整改中' }],
        metrics: [{ id: meetings, current: 2, ytd: 4 }],
        carried: c,
      },
      def,
      { prefill: true, round: Q3 },
    );
    const r = await checkWorkbookBytes(bytes, def);
    const gone = r.issues.filter((i) => i.rule === 'risk.carriedMissing');
    expect(gone.map((i) => [i.severity, i.value])).toEqual([['warning', 'FX-001']]);
    expect(gone[0].message).toContain('风险“FX-001”是上期尚未整改完成');
    const ytd = r.issues.filter((i) => i.rule === 'metric.ytdBelowEarlier');
    expect(ytd.map((i) => i.message)).toEqual([
      '“党组（党委）会议专题研究意识形态工作”的本年累计（4）小于截至上期的本年累计（3）加本期数（2），请核实：本年累计应包含此前各期。',
    ]);
  });
});

describe('yanpan template --db', () => {
  async function run(args: string[]) {
    let out = '';
    let err = '';
    const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
    const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
    try {
      return { code: await runTemplate(args, definition), out, err };
    } finally {
      o.mockRestore();
      e.mockRestore();
    }
  }

  it("writes each unit's next-round workbook with exactly its open risks", async () => {
    const dbFile = path.join(tmp.dir, 'yanpan.db');
    const store = await openStore(dbFile, { def: definition });
    await store.recordImport([
      recordOf('交通.xlsx', {
        code: 'A01',
        name: '市交通运输局',
        year: 2023,
        period: '第三季度',
        risks: [
          ['FX-001', '整改中'],
          ['FX-003', '已整改'],
        ],
      }),
      recordOf('妇联.xlsx', { code: 'B02', name: '市妇联', year: 2023, period: '第三季度' }),
    ]);
    store.close();
    const roster = path.join(tmp.dir, '名册.csv');
    writeFileSync(roster, '单位代码,单位名称\nA01,市交通运输局\nB02,市妇联\nC03,市文联\n');
    const out = path.join(tmp.dir, 'q4');
    const r = await run([
      '--roster',
      roster,
      '--out-dir',
      out,
      '--db',
      dbFile,
      '--year',
      '2023',
      '--period',
      '第四季度',
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      '市交通运输局  →  A01_市交通运输局_意识形态工作填报表.xlsx（沿用2023年第三季度未整改风险 1 条）',
    );
    expect(r.out).toContain('共沿用未整改风险 1 条。');
    const files = readdirSync(out).sort();
    expect(files).toHaveLength(3);
    const read = async (f: string) =>
      (await checkWorkbookBytes(new Uint8Array(readFileSync(path.join(out, f))), def)).submission!;
    const a = await read(files.find((f) => f.startsWith('A01'))!);
    expect(a.risks.map((x) => x.id)).toEqual(['FX-001']);
    expect([a.year, a.period, a.reportKind]).toEqual([2023, '第四季度', '季度分析研判报告']);
    expect((await read(files.find((f) => f.startsWith('B02'))!)).risks).toEqual([]);
    expect((await read(files.find((f) => f.startsWith('C03'))!)).risks).toEqual([]);
  });

  it('needs the round, and names a missing database', async () => {
    const roster = path.join(tmp.dir, '名册.csv');
    const noRound = await run(['--roster', roster, '--out-dir', tmp.dir, '--db', 'x.db']);
    expect(noRound.code).toBe(2);
    expect(noRound.err).toContain('--db 须与 --year、--period 一起使用');
    const missing = await run([
      '--roster',
      roster,
      '--out-dir',
      path.join(tmp.dir, 'm'),
      '--db',
      path.join(tmp.dir, '无.db'),
      '--year',
      '2023',
      '--period',
      '第四季度',
    ]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('无.db');
    expect(missing.err).toContain('请用 --db 指定导入时生成的数据库');
  });
});
