// End to end through the store: real workbooks (fillWorkbook), the folder importer, the tracking workbook.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import JSZip from 'jszip';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ThreadPool } from '../importer/src/folder/pool';
import { runImport } from '../importer/src/folder/run-import';
import { openStore, type Store } from '../importer/src/store';
import type { ImportOptions } from '../importer/src/folder/run-import';
import { tempDir } from './helpers/tools';
import { privateBuild } from './import-build';
import { sheetValues, variant, writeWorkbook } from './helpers/workspace-fixtures';
import { definition } from '../templates/src/index';

const JT = { code: 'JT001', name: '市交通运输局' };
const FL = { code: 'FL002', name: '市妇联' };

/** runImport goes through the store by default (db: OUTDIR/yanpan.db). */
async function wsImport(opts: ImportOptions) {
  const s = await runImport(opts);
  if (!s.workspace) throw new Error('runImport did not go through the store');
  return s as typeof s & { workspace: NonNullable<typeof s.workspace> };
}

let tmp: ReturnType<typeof tempDir>;
let build: Awaited<ReturnType<typeof privateBuild>> | undefined;
let q2: string;
let q3: string;
let q3fix: string;
let out: string;
let roster: string;
const asOf = '2023-10-20';

beforeAll(async () => {
  // The pool's worker thread runs a bundled worker: a private build, so that other test files
  // rebuilding build/ cannot hand it a half-written bundle.
  build = await privateBuild();
  process.env.YANPAN_WORKER = build.worker;
  tmp = tempDir('yanpan-ws-');
  q2 = path.join(tmp.dir, 'q2');
  q3 = path.join(tmp.dir, 'q3');
  q3fix = path.join(tmp.dir, 'q3fix');
  out = path.join(tmp.dir, 'out');
  roster = path.join(tmp.dir, '单位名册.csv');
  writeFileSync(
    roster,
    '单位代码,单位名称,简称/别名,分类\nJT001,市交通运输局,市交通局,市直部门\nFL002,市妇联,,群团组织\n',
  );
  // A late 第一季度 file of 交通 arrives with the second-quarter folder.
  await writeWorkbook(
    q2,
    '交通-一季度.xlsx',
    variant({
      ...JT,
      period: '第一季度',
      fillDate: '2023-04-08',
      metrics: { 'theory.centralGroup': [2, 2], 'front.posts': [160, 160] },
      risks: [['FX-001', '未整改']],
    }),
  );
  await writeWorkbook(
    q2,
    '交通-二季度.xlsx',
    variant({
      ...JT,
      period: '第二季度',
      fillDate: '2023-07-08',
      metrics: { 'theory.centralGroup': [4, 6], 'front.posts': [183, 343] },
      risks: [
        ['FX-001', '未整改'],
        ['FX-002', '整改中'],
        ['FX-003', '整改中'],
      ],
    }),
  );
  await writeWorkbook(
    q2,
    '妇联-二季度.xlsx',
    variant({
      ...FL,
      period: '第二季度',
      fillDate: '2023-07-06',
      metrics: { 'theory.centralGroup': [1, 3] },
      risks: [['FX-001', '未整改']],
    }),
  );
  await writeWorkbook(
    q3,
    '交通-三季度.xlsx',
    variant({
      ...JT,
      period: '第三季度',
      fillDate: '2023-10-10',
      // 2 + 4 + 3 = 9 (consistent); 160 + 183 + 186 = 529 ≠ 592 (inconsistent: two digits swapped)
      metrics: { 'theory.centralGroup': [3, 9], 'front.posts': [186, 592] },
      risks: [
        ['FX-001', '整改中'],
        ['FX-002', '已整改'],
        ['FX-004', '未整改'],
      ],
    }),
  );
  await writeWorkbook(
    q3,
    '妇联-三季度.xlsx',
    variant({
      ...FL,
      period: '第三季度',
      fillDate: '2023-10-09',
      metrics: { 'theory.centralGroup': [2, 5] },
      risks: [['FX-001', '已整改']],
    }),
  );
  // The corrected 交通 file: only this one file in the folder.
  await writeWorkbook(
    q3fix,
    '交通-三季度（更正）.xlsx',
    variant({
      ...JT,
      period: '第三季度',
      fillDate: '2023-10-15',
      metrics: { 'theory.centralGroup': [5, 11], 'front.posts': [186, 529] },
      risks: [
        ['FX-001', '整改中'],
        ['FX-002', '已整改'],
        ['FX-003', '整改中'],
        ['FX-004', '未整改'],
      ],
    }),
  );
}, 120_000);
afterAll(() => {
  tmp?.cleanup();
  build?.cleanup();
});

const rowsOf = (sheet: unknown[][], code: string) => sheet.filter((r) => r[0] === code);

describe('workspace import (store + folder importer)', () => {
  let afterQ3: Record<string, unknown[][]>;
  let countsAfterQ3: ReturnType<Store['counts']>;
  let reportsAfterQ3: string[];

  it('imports Q2 (a late Q1 file is stored, not reported), then Q3 with 环比 and cross-period 警告', async () => {
    const s2 = await wsImport({ def: definition, roster, inputDir: q2, outDir: out, asOf, jobs: 1 });
    expect(s2.workspace).toMatchObject({
      period: '2023Q2',
      periodLabel: '2023年第二季度',
      added: 3,
      otherPeriods: [{ file: '交通-一季度.xlsx', period: '2023Q1' }],
    });
    expect(s2.notes).toContain('“交通-一季度.xlsx”是2023年第一季度的报送，已存入数据库，未计入本次汇总。');
    expect(s2.units.map((u) => [u.name, u.file]).sort()).toEqual([
      ['市交通运输局', '交通-二季度.xlsx'],
      ['市妇联', '妇联-二季度.xlsx'],
    ]);

    const s3 = await wsImport({ def: definition, roster, inputDir: q3, outDir: out, asOf, jobs: 1 });
    expect(s3.workspace).toMatchObject({
      period: '2023Q3',
      previousPeriod: '2023Q2',
      compared: 2,
      added: 2,
      fromStore: [],
    });
    const wb = await sheetValues(path.join(out, '2023年第三季度汇总台账.xlsx'));
    afterQ3 = wb;
    // 环比: this period, previous period, change = difference, rate.
    const cmp = wb['环比'];
    expect(cmp[0][0]).toBe('2023年第三季度与2023年第二季度环比（本期数对比上期数）');
    expect(cmp[1].slice(0, 10)).toEqual([
      '单位代码',
      '单位名称',
      '类别',
      '指标',
      '计量单位',
      '本期数',
      '上期数',
      '增减',
      '增减幅度',
      '备注',
    ]);
    const jtCentral = rowsOf(cmp, 'JT001').find((r) => r[3] === '理论学习中心组集体学习')!;
    expect(jtCentral.slice(0, 9)).toEqual([
      'JT001',
      '市交通运输局',
      '理论武装',
      '理论学习中心组集体学习',
      '次',
      3,
      4,
      -1,
      -0.25,
    ]);
    const jtPosts = rowsOf(cmp, 'JT001').find((r) => r[3] === '通过网站、公众号等发布宣传信息')!;
    expect(jtPosts.slice(5, 8)).toEqual([186, 183, 3]);
    const flCentral = rowsOf(cmp, 'FL002').find((r) => r[3] === '理论学习中心组集体学习')!;
    expect(flCentral.slice(5, 8)).toEqual([2, 1, 1]);
    for (const r of cmp.slice(2)) {
      if (typeof r[5] === 'number' && typeof r[6] === 'number')
        expect(r[7]).toBe((r[5] as number) - (r[6] as number));
    }
    // 风险跟踪 and 跨期核对.
    const rt = rowsOf(wb['风险跟踪'], 'JT001').map((r) => [r[2], r[6] ?? null, r[7] ?? null, r[8]]);
    expect(rt).toEqual([
      ['FX-001', '未整改', '整改中', '上期延续'],
      ['FX-002', '整改中', '已整改', '本期整改完成'],
      ['FX-004', null, '未整改', '本期新增'],
      ['FX-003', '整改中', null, '未再报告（未标记已整改）'],
    ]);
    const chk = rowsOf(wb['跨期核对'], 'JT001');
    expect(chk.map((r) => [r[2], r[3], r[4], r[5]])).toEqual([
      ['交通-三季度.xlsx', '警告', '风险编号', 'FX-003'],
      ['交通-三季度.xlsx', '警告', '通过网站、公众号等发布宣传信息', '592'],
    ]);
    expect(String(chk[0][6])).toMatch(
      /^风险“FX-003”（.+）在2023年第二季度台账中为“整改中”，本期台账中不再出现，也未标记为已整改。/,
    );
    expect(chk[1][6]).toBe(
      '“通过网站、公众号等发布宣传信息”的本年累计（592）与本年各期本期数之和（529：第一季度160＋第二季度183＋第三季度186）不一致，请核实本年累计或各期数字。',
    );
    expect(rowsOf(wb['跨期核对'], 'FL002')).toEqual([]);
    expect(s3.workspace.crossChecks).toBe(2);
    expect(s3.workspace.changes[0]).toBe('与2023年第二季度相比，报送单位数持平，均为2个。');
    expect(s3.workspace.changes[2]).toBe(
      '风险隐患方面，新发现风险隐患1条，上期延续3条（其中本期整改完成2条），另有1条上期未整改完成的风险本期未再报告且未标记“已整改”，需核实。',
    );

    // The summary report carries the main changes, in 一、总体情况.
    const zip = await JSZip.loadAsync(readFileSync(path.join(out, '汇总分析报告.docx')));
    const text = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(text).toContain(s3.workspace.changes.join(''));
    expect(text.indexOf(s3.workspace.changes[0])).toBeLessThan(text.indexOf('二、工作开展情况'));

    const store = await openStore(path.join(out, 'yanpan.db'), { def: definition });
    countsAfterQ3 = store.counts();
    expect(countsAfterQ3).toMatchObject({
      submissions: 5,
      imports: 2,
      files: 5,
    });
    store.close();
    reportsAfterQ3 = readdirSync(path.join(out, 'reports')).sort();
    expect(reportsAfterQ3).toHaveLength(2);
  }, 150_000);

  it('re-importing the unchanged Q3 folder changes nothing: same store rows, same outputs', async () => {
    const again = await wsImport({ def: definition, roster, inputDir: q3, outDir: out, asOf, jobs: 1 });
    expect(again.workspace).toMatchObject({
      period: '2023Q3',
      added: 0,
      unchanged: 2,
      superseded: 0,
    });
    const store = await openStore(path.join(out, 'yanpan.db'), { def: definition });
    expect(store.counts()).toEqual(countsAfterQ3);
    store.close();
    expect(await sheetValues(path.join(out, '2023年第三季度汇总台账.xlsx'))).toEqual(afterQ3);
    expect(readdirSync(path.join(out, 'reports')).sort()).toEqual(reportsAfterQ3);
  }, 150_000);

  it('a corrected Q3 file supersedes the earlier one; the other unit still comes from the store', async () => {
    const fix = await wsImport({ def: definition, roster, inputDir: q3fix, outDir: out, asOf, jobs: 1 });
    expect(fix.workspace).toMatchObject({
      period: '2023Q3',
      added: 1,
      superseded: 1,
      fromStore: ['妇联-三季度.xlsx'],
    });
    expect(fix.notes).toContain(
      '“交通-三季度（更正）.xlsx”替代了此前导入的“交通-三季度.xlsx”（同一单位、同一报告期），原件保留在数据库中。',
    );
    expect(fix.units.map((u) => [u.name, u.file]).sort()).toEqual([
      ['市交通运输局', '交通-三季度（更正）.xlsx'],
      ['市妇联', '妇联-三季度.xlsx'],
    ]);
    const wb = await sheetValues(path.join(out, '2023年第三季度汇总台账.xlsx'));
    const jtCentral = rowsOf(wb['环比'], 'JT001').find((r) => r[3] === '理论学习中心组集体学习')!;
    expect(jtCentral.slice(5, 8)).toEqual([5, 4, 1]);
    // FX-003 is back and 本年累计 now adds up: no cross-period 警告 for 交通.
    expect(rowsOf(wb['跨期核对'], 'JT001')).toEqual([]);
    const store = await openStore(path.join(out, 'yanpan.db'), { def: definition });
    const h = store.unitHistory('JT001')!;
    expect(h.submissions.map((s) => [s.periodKey, s.fileName, s.supersededBy != null])).toEqual([
      ['2023Q1', '交通-一季度.xlsx', false],
      ['2023Q2', '交通-二季度.xlsx', false],
      ['2023Q3', '交通-三季度.xlsx', true],
      ['2023Q3', '交通-三季度（更正）.xlsx', false],
    ]);
    expect(store.counts().submissions).toBe(6);
    store.close();
  }, 150_000);

  it('regenerates an earlier period from the store with --period, whatever today’s folder holds', async () => {
    const s = await wsImport({
      def: definition,
      inputDir: q3fix,
      outDir: path.join(tmp.dir, 'out-q2'),
      db: path.join(out, 'yanpan.db'),
      period: '2023年第二季度',
      asOf,
      jobs: 1,
    });
    expect(s.workspace).toMatchObject({
      period: '2023Q2',
      added: 0,
      unchanged: 1,
    });
    expect(s.units.map((u) => [u.name, u.file]).sort()).toEqual([
      ['市交通运输局', '交通-二季度.xlsx'],
      ['市妇联', '妇联-二季度.xlsx'],
    ]);
    await expect(
      wsImport({
        def: definition,
        inputDir: q3fix,
        outDir: path.join(tmp.dir, 'out-x'),
        db: path.join(out, 'yanpan.db'),
        period: '2023Q9',
      }),
    ).rejects.toThrow(/^无法识别报告期“2023Q9”。请按“2023Q3”/);
  }, 150_000);

  it('refuses a second import while one holds the store', async () => {
    const store = await openStore(path.join(out, 'yanpan.db'), { def: definition });
    const session = await store.beginImport();
    try {
      await expect(wsImport({ def: definition, roster, inputDir: q3, outDir: out, asOf })).rejects.toThrow(
        /^另一个导入正在使用数据库“.*yanpan\.db”，请等待其完成后再试。$/,
      );
    } finally {
      session.rollback();
      store.close();
    }
  }, 150_000);
});

describe('one pass per file', () => {
  /** The checker's tasks during `f`: workbooks checked, and unit reports built from an earlier check. */
  async function tasksOf(f: () => Promise<unknown>): Promise<{ checks: number; reportsOnly: number }> {
    const spy = vi.spyOn(ThreadPool.prototype, 'check');
    try {
      await f();
      const tasks = spy.mock.calls.map(([task]) => task);
      return {
        checks: tasks.filter((t) => !t.checked).length,
        reportsOnly: tasks.filter((t) => t.checked).length,
      };
    } finally {
      spy.mockRestore();
    }
  }

  it('checks each of today’s workbooks once; only files taken from the store are checked again', async () => {
    const outDir = path.join(tmp.dir, 'out-once');
    const run = (inputDir: string) => wsImport({ def: definition, roster, inputDir, outDir, asOf, jobs: 2 });
    // Q2: three workbooks (one of them the late Q1 file), each checked once; the two of Q2 get reports.
    expect(await tasksOf(() => run(q2))).toEqual({ checks: 3, reportsOnly: 2 });
    expect(await tasksOf(() => run(q3))).toEqual({ checks: 2, reportsOnly: 2 });
    // The corrected file is checked once; 妇联's Q3 file, not in today's folder, comes from the store and
    // is checked there (nothing of this run checked it).
    let fix: Awaited<ReturnType<typeof run>> | undefined;
    expect(await tasksOf(async () => (fix = await run(q3fix)))).toEqual({ checks: 2, reportsOnly: 1 });
    expect(fix!.workspace.fromStore).toEqual(['妇联-三季度.xlsx']);
    expect(fix!.outputs.reports).toHaveLength(2);
  }, 150_000);
});
