import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { definition } from '../templates/src/standard/ideology';
import {
  SCHEMA_VERSION,
  Store,
  hashBytes,
  memoryHost,
  migrations,
  sqlEngine,
  type Db,
  StoreError,
  openStore,
  chooseDefaultPeriod,
  compareKeys,
  describeWorkspace,
  earlierPeriodsOfYear,
  parsePeriod,
  periodLabel,
  previousPeriod,
} from '../importer/src/store';
import { tempDir } from './helpers/tools';
import { makeSubmission, recordOf, type SubSpec } from './helpers/store-fixtures';
import { MESSAGES } from '../templates/src/standard/messages';

const A = { code: 'A01', name: '市交通运输局' };
const B = { code: 'B02', name: '市妇联' };

function spec(unit: { code: string; name: string }, period: string, extra: Partial<SubSpec> = {}): SubSpec {
  return { ...unit, year: 2023, period, ...extra };
}

/** Runs Python's sqlite3 (native SQLite, the file format earlier versions wrote) on `file`; `c` is the
 *  connection, sys.argv[2…] the extra arguments. Returns what the script prints. */
function nativeSqlite(file: string, script: string, ...args: string[]): string {
  const r = spawnSync(
    'python3',
    ['-c', `import os, sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\n${script}`, file, ...args],
    {
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
}

let tmp: ReturnType<typeof tempDir>;
let dbFile: string;
beforeEach(() => {
  tmp = tempDir('yanpan-store-');
  dbFile = path.join(tmp.dir, 'yanpan.db');
});
afterEach(() => tmp.cleanup());

describe('periods', () => {
  it('parses keys and Chinese names, orders them, and finds the previous and earlier periods', () => {
    expect(parsePeriod('2023Q3', definition)).toEqual({ year: 2023, code: 'Q3' });
    expect(parsePeriod('2023q3', definition)).toEqual({ year: 2023, code: 'Q3' });
    expect(parsePeriod('2023年第三季度', definition)).toEqual({ year: 2023, code: 'Q3' });
    expect(parsePeriod('2023年上半年', definition)).toEqual({ year: 2023, code: 'H1' });
    expect(parsePeriod('2023Q5', definition)).toBeNull();
    expect(previousPeriod({ year: 2023, code: 'Q1' }, definition)).toEqual({ year: 2022, code: 'Q4' });
    expect(previousPeriod({ year: 2023, code: 'Q3' }, definition)).toEqual({ year: 2023, code: 'Q2' });
    expect(previousPeriod({ year: 2023, code: 'H2' }, definition)).toEqual({ year: 2023, code: 'H1' });
    expect(previousPeriod({ year: 2023, code: 'H1' }, definition)).toEqual({ year: 2022, code: 'H2' });
    expect(previousPeriod({ year: 2023, code: 'Y' }, definition)).toEqual({ year: 2022, code: 'Y' });
    expect(earlierPeriodsOfYear({ year: 2023, code: 'Q3' }, definition)).toEqual([
      { year: 2023, code: 'Q1' },
      { year: 2023, code: 'Q2' },
    ]);
    expect(earlierPeriodsOfYear({ year: 2023, code: 'Q1' }, definition)).toEqual([]);
    expect(['2023Q3', '2022Q4', '2023Q1', '2023H1'].sort((a, b) => compareKeys(a, b, definition))).toEqual([
      '2022Q4',
      '2023Q1',
      '2023H1',
      '2023Q3',
    ]);
    expect(periodLabel({ year: 2023, code: 'Q3' }, definition)).toBe('2023年第三季度');
  });
});

describe('workspace helpers', () => {
  it('the default period: most of today’s files, ties to the later one, else the latest in the store', () => {
    const o = (...keys: (string | null)[]) => keys.map((periodKey) => ({ periodKey }));
    expect(chooseDefaultPeriod(o('2023Q3', '2023Q3', '2023Q4', null), '2023Q2', definition)).toBe('2023Q3');
    expect(chooseDefaultPeriod(o('2023Q3', '2023Q4'), '2023Q2', definition)).toBe('2023Q4');
    expect(chooseDefaultPeriod(o(null), '2023Q2', definition)).toBe('2023Q2');
    expect(chooseDefaultPeriod([], null, definition)).toBeNull();
  });

  it('describes the store’s part of a run in Chinese', () => {
    expect(
      describeWorkspace(
        {
          db: '/x/yanpan.db',
          period: '2023Q3',
          periodLabel: '2023年第三季度',
          previousPeriod: '2023Q2',
          compared: 2,
          added: 1,
          unchanged: 2,
          superseded: 1,
          otherPeriods: [{ file: 'a.xlsx', period: '2023Q2' }],
          fromStore: ['b.xlsx'],
          crossChecks: 3,
          changes: [],
        },
        definition,
      ),
    ).toEqual([
      '数据库：/x/yanpan.db',
      '报告期：2023年第三季度（本次新增1份，已有2份，替代1份）；2个单位已与2023年第二季度环比',
      '  其中取自数据库（本次文件夹中没有）的报送 1 份',
      '  属于其他报告期的文件 1 个（已存入数据库）',
      '  跨期核对警告 3 条（见汇总台账“跨期核对”）',
    ]);
  });
});

describe('store: recording imports', () => {
  it('records Q2 then Q3, and a re-import of the same files changes nothing', async () => {
    const store = await openStore(dbFile, { def: definition });
    const q2 = [recordOf('q2/a.xlsx', spec(A, '第二季度')), recordOf('q2/b.xlsx', spec(B, '第二季度'))];
    const r1 = await store.recordImport(q2);
    expect(r1).toMatchObject({ added: 2, unchanged: 0, superseded: 0, files: 2 });
    expect(r1.importId).toBe(1);
    const q3 = [recordOf('q3/a.xlsx', spec(A, '第三季度')), recordOf('q3/b.xlsx', spec(B, '第三季度'))];
    await store.recordImport(q3);
    expect(store.periods()).toEqual(['2023Q2', '2023Q3']);
    expect(store.latestPeriod()).toBe('2023Q3');
    expect(store.currentSubmissions('2023Q3').map((s) => [s.unitKey, s.fileName])).toEqual([
      ['A01', 'q3/a.xlsx'],
      ['B02', 'q3/b.xlsx'],
    ]);
    const before = store.counts();
    expect(before).toEqual({ imports: 2, submissions: 4, risks: 0, units: 2, files: 4 });

    const again = await store.recordImport([...q3, ...q2]);
    expect(again).toMatchObject({ importId: null, added: 0, unchanged: 4, superseded: 0 });
    expect(store.counts()).toEqual(before);
    expect(store.integrityCheck()).toBe('ok');
    store.close();
    // The data survives closing and reopening (WAL checkpointed or not).
    const reopened = await openStore(dbFile, { def: definition });
    expect(reopened.counts()).toEqual(before);
    expect(reopened.fileBytes(q3[0].hash)).toEqual(q3[0].bytes);
    reopened.close();
  });

  it('a corrected file supersedes the earlier one for the same unit and period; history keeps both', async () => {
    const store = await openStore(dbFile, { def: definition });
    const first = recordOf('a-q3.xlsx', spec(A, '第三季度', { metrics: { 'theory.centralGroup': [2, 5] } }), [
      {
        severity: 'error',
        rule: 'field.required',
        sheet: '基本信息',
        cell: 'B9',
        field: '联系电话',
        value: null,
        message: '“联系电话”未填写，请填写。',
      },
    ]);
    await store.recordImport([first]);
    expect(store.currentSubmissions('2023Q3')[0]).toMatchObject({ status: 'errors', errors: 1 });
    const fixed = recordOf(
      'a-q3-改.xlsx',
      spec(A, '第三季度', { metrics: { 'theory.centralGroup': [3, 6] }, fillDate: '2023-10-12' }),
    );
    const r = await store.recordImport([fixed]);
    expect(r.superseded).toBe(1);
    expect(r.outcomes[0].superseded).toEqual([1]);
    const cur = store.currentSubmissions('2023Q3');
    expect(cur).toHaveLength(1);
    expect(cur[0]).toMatchObject({ fileName: 'a-q3-改.xlsx', status: 'ok', supersededBy: null });
    expect(cur[0].submission?.metrics.find((m) => m.id === 'theory.centralGroup')?.current).toBe(3);
    const old = store.supersededSubmissions('2023Q3');
    expect(old.map((s) => [s.fileName, s.supersededBy])).toEqual([['a-q3.xlsx', cur[0].id]]);
    const h = store.unitHistory('A01');
    expect(h?.submissions.map((s) => [s.fileName, s.supersededBy != null])).toEqual([
      ['a-q3.xlsx', true],
      ['a-q3-改.xlsx', false],
    ]);
    // Importing the old file again does not bring it back.
    await store.recordImport([first]);
    expect(store.currentSubmissions('2023Q3')[0].fileName).toBe('a-q3-改.xlsx');
    store.close();
  });

  it('two files of one unit and period in the same import: the later 填报日期 wins, whatever the order', async () => {
    const store = await openStore(dbFile, { def: definition });
    const late = recordOf('late.xlsx', spec(A, '第三季度', { fillDate: '2023-10-15' }));
    const early = recordOf('early.xlsx', spec(A, '第三季度', { fillDate: '2023-10-01' }));
    const r = await store.recordImport([late, early]);
    expect(r).toMatchObject({ added: 2, superseded: 1 });
    expect(store.currentSubmissions('2023Q3').map((s) => s.fileName)).toEqual(['late.xlsx']);
    expect(store.supersededSubmissions('2023Q3').map((s) => s.fileName)).toEqual(['early.xlsx']);
    store.close();
  });

  it('matches a unit without a code by name or roster alias, and finds units the way users type them', async () => {
    const store = await openStore(dbFile, { def: definition });
    await store.recordImport([recordOf('a.xlsx', spec(A, '第二季度'))], {
      roster: [{ code: 'A01', name: '市交通运输局', aliases: ['市交通局'], group: '市直部门' }],
    });
    await store.recordImport([
      recordOf('a3.xlsx', { code: null, name: '市交通局', year: 2023, period: '第三季度' }),
    ]);
    expect(store.currentSubmissions('2023Q3')[0].unitKey).toBe('A01');
    expect(store.findUnits('市交通局').map((u) => u.unitKey)).toEqual(['A01']);
    expect(store.findUnits('a01').map((u) => u.unitKey)).toEqual(['A01']);
    expect(store.findUnits('交通').map((u) => u.unitKey)).toEqual(['A01']);
    expect(store.findUnits('市妇联')).toEqual([]);
    store.close();
  });

  it('a file whose 报告期 has an error belongs to no period', async () => {
    const store = await openStore(dbFile, { def: definition });
    const r = await store.recordImport([
      recordOf('mismatch.xlsx', spec(A, '上半年'), [
        {
          severity: 'error',
          rule: 'field.periodMismatch',
          sheet: '基本信息',
          cell: 'B8',
          field: '报告期',
          value: '上半年',
          message: '报告期“上半年”与报告类型“季度分析研判报告”不一致',
        },
      ]),
    ]);
    expect(r.outcomes[0]).toMatchObject({ action: 'added', unitKey: 'A01', periodKey: null });
    expect(store.periods()).toEqual([]);
    store.close();
  });

  it('keeps a file without 年度/报告期 (unreadable) by hash, outside every period', async () => {
    const store = await openStore(dbFile, { def: definition });
    const bytes = new TextEncoder().encode('not a workbook');
    const r = await store.recordImport([
      {
        hash: 'h-broken',
        fileName: '坏文件.xlsx',
        bytes,
        result: {
          submission: null,
          issues: [
            {
              severity: 'error',
              rule: 'file.corrupt',
              sheet: null,
              cell: null,
              field: null,
              value: null,
              message: MESSAGES['file.corrupt'].template,
            },
          ],
        },
      },
    ]);
    expect(r.outcomes[0]).toMatchObject({ action: 'added', unitKey: null, periodKey: null });
    expect(store.periods()).toEqual([]);
    expect(store.submissionsByHash(['h-broken'])[0]).toMatchObject({ status: 'errors', submission: null });
    store.close();
  });
});

describe('store: across periods', () => {
  async function seed(store: Store) {
    await store.recordImport([
      recordOf(
        'a2.xlsx',
        spec(A, '第二季度', {
          metrics: {
            'theory.centralGroup': [4, 7],
            'front.posts': [100, 180],
            'net.commentators': [5, null],
          },
          risks: [
            ['FX-001', '未整改'],
            ['FX-002', '整改中'],
            ['FX-003', '整改中', '宣传栏内容更新不及时'],
            ['FX-004', '已整改'],
          ],
        }),
      ),
      recordOf('b2.xlsx', spec(B, '第二季度', { metrics: { 'theory.centralGroup': [1, 1] } })),
      recordOf(
        'a1.xlsx',
        spec(A, '第一季度', { metrics: { 'theory.centralGroup': [3, 3], 'front.posts': [80, 80] } }),
      ),
    ]);
    await store.recordImport([
      recordOf(
        'a3.xlsx',
        spec(A, '第三季度', {
          // 3 + 4 + 6 = 13 (consistent); 80 + 100 + 150 = 330 ≠ 300 (inconsistent)
          metrics: {
            'theory.centralGroup': [6, 13],
            'front.posts': [150, 300],
            'net.commentators': [6, null],
          },
          risks: [
            ['FX-001', '整改中'],
            ['FX-002', '已整改'],
            ['FX-005', '未整改'],
          ],
        }),
      ),
      recordOf('b3.xlsx', spec(B, '第三季度', { metrics: { 'theory.centralGroup': [2, 3] } })),
    ]);
  }

  it('computes 环比 as the differences, per unit and metric', async () => {
    const store = await openStore(dbFile, { def: definition });
    await seed(store);
    const v = store.periodView('2023Q3');
    expect(v).toMatchObject({ periodKey: '2023Q3', previousKey: '2023Q2', previousLabel: '2023年第二季度' });
    const a = v.units.find((u) => u.unitKey === 'A01')!;
    const pick = (id: string) => a.metrics.find((m) => m.metricId === id)!;
    expect(pick('theory.centralGroup')).toMatchObject({ current: 6, previous: 4, change: 2 });
    expect(pick('front.posts')).toMatchObject({ current: 150, previous: 100, change: 50 });
    expect(pick('net.commentators')).toMatchObject({ current: 6, previous: 5, change: 1 });
    expect(pick('theory.seminars')).toMatchObject({ current: null, previous: null, change: null });
    expect(a.metrics).toHaveLength(definition.metrics.length);
    const b = v.units.find((u) => u.unitKey === 'B02')!;
    expect(b.metrics.find((m) => m.metricId === 'theory.centralGroup')).toMatchObject({ change: 1 });
    store.close();
  });

  it('tracks risks by 风险编号 and flags the one that vanished without being 已整改', async () => {
    const store = await openStore(dbFile, { def: definition });
    await seed(store);
    const a = store.periodView('2023Q3').units.find((u) => u.unitKey === 'A01')!;
    const kinds = Object.fromEntries(
      a.risks.map((r) => [r.riskId, [r.kind, r.previousStatus, r.currentStatus]]),
    );
    expect(kinds).toEqual({
      'FX-001': ['carried', '未整改', '整改中'],
      'FX-002': ['resolved', '整改中', '已整改'],
      'FX-005': ['new', null, '未整改'],
      'FX-003': ['vanished', '整改中', null],
      'FX-004': ['closed', '已整改', null],
    });
    const vanished = a.warnings.filter((w) => w.rule === 'track.riskVanished');
    expect(vanished).toEqual([
      {
        severity: 'warning',
        rule: 'track.riskVanished',
        sheet: '风险隐患台账',
        cell: null,
        field: '风险编号',
        value: 'FX-003',
        message:
          '风险“FX-003”（宣传栏内容更新不及时）在2023年第二季度台账中为“整改中”，本期台账中不再出现，也未标记为已整改。请在台账中保留该风险并如实更新整改状态和完成情况。',
      },
    ]);
    store.close();
  });

  it('shows a risk status moving across quarters in the unit history', async () => {
    const store = await openStore(dbFile, { def: definition });
    await seed(store);
    await store.recordImport([
      recordOf('a4.xlsx', spec(A, '第四季度', { fillDate: '2024-01-05', risks: [['FX-001', '已整改']] })),
    ]);
    const h = store.unitHistory('A01')!;
    expect(h.submissions.map((s) => s.periodKey)).toEqual(['2023Q1', '2023Q2', '2023Q3', '2023Q4']);
    const fx1 = h.risks.find((r) => r.riskId === 'FX-001')!;
    expect(fx1.timeline.map((t) => [t.periodKey, t.status])).toEqual([
      ['2023Q2', '未整改'],
      ['2023Q3', '整改中'],
      ['2023Q4', '已整改'],
    ]);
    expect(fx1.vanishedIn).toBeNull();
    expect(h.risks.find((r) => r.riskId === 'FX-003')!.vanishedIn).toBe('2023Q3');
    // FX-005 (未整改 in Q3) is missing from Q4 → vanished there; FX-004 was 已整改 → not flagged.
    expect(h.risks.find((r) => r.riskId === 'FX-005')!.vanishedIn).toBe('2023Q4');
    expect(h.risks.find((r) => r.riskId === 'FX-004')!.vanishedIn).toBeNull();
    store.close();
  });

  it('checks 本年累计 against the sum of the year’s periods', async () => {
    const store = await openStore(dbFile, { def: definition });
    await seed(store);
    const v = store.periodView('2023Q3');
    const a = v.units.find((u) => u.unitKey === 'A01')!;
    expect(a.warnings.filter((w) => w.rule === 'track.ytdMismatch')).toEqual([
      {
        severity: 'warning',
        rule: 'track.ytdMismatch',
        sheet: '工作指标',
        cell: null,
        field: '通过网站、公众号等发布宣传信息',
        value: '300',
        message:
          '“通过网站、公众号等发布宣传信息”的本年累计（300）与本年各期本期数之和（330：第一季度80＋第二季度100＋第三季度150）不一致，请核实本年累计或各期数字。',
      },
    ]);
    // B has no Q1 in the store: the sum is unknown, nothing is said.
    const b = v.units.find((u) => u.unitKey === 'B02')!;
    expect(b.warnings).toEqual([]);
    // Q2 of A: 3 + 4 = 7 and 80 + 100 = 180 → consistent.
    const a2 = store.periodView('2023Q2').units.find((u) => u.unitKey === 'A01')!;
    expect(a2.warnings.filter((w) => w.rule === 'track.ytdMismatch')).toEqual([]);
    store.close();
  });

  it('describes the main changes for the summary report', async () => {
    const store = await openStore(dbFile, { def: definition });
    await seed(store);
    const v = store.periodView('2023Q3');
    expect(v.changes).toEqual([
      '与2023年第二季度相比，报送单位数持平，均为2个。',
      '在两期均报送的2个单位中，变化较大的指标是：“理论学习中心组集体学习”合计由5次增加到8次（增长60%）；“通过网站、公众号等发布宣传信息”合计由100篇增加到150篇（增长50%）；“配备网评员”合计由5人增加到6人（增长20%）。',
      '风险隐患方面，新发现风险隐患1条，上期延续2条（其中本期整改完成1条），另有1条上期未整改完成的风险本期未再报告且未标记“已整改”，需核实。',
    ]);
    expect(store.periodView('2023Q1').changes).toEqual([]);
    store.close();
  });
});

describe('store: schema and safety', () => {
  it('migrates a version-1 store written by native SQLite in WAL mode, commits left in its -wal included', async () => {
    // An earlier version (native SQLite, WAL mode) killed after committing, before checkpointing: the
    // whole store is still in yanpan.db-wal.
    const ddl: string[] = [];
    migrations[0].up({ exec: (sql: string) => ddl.push(sql) } as unknown as Db);
    const sub = makeSubmission({ ...A, year: 2023, period: '第二季度', risks: [['FX-009', '整改中']] });
    nativeSqlite(
      dbFile,
      `c.execute('PRAGMA journal_mode=WAL')
c.execute('PRAGMA wal_autocheckpoint=0')
c.executescript(sys.argv[2])
c.execute("""INSERT INTO imports (id, started_at, finished_at, files, added, unchanged, superseded)
  VALUES (1, '2023-07-01T00:00:00Z', '2023-07-01T00:00:01Z', 1, 1, 0, 0)""")
c.execute("""INSERT INTO submissions (hash, file_name, unit_key, unit_code, unit_name, report_kind, year, period,
  period_code, period_key, fill_date, status, errors, warnings, submission_json, issues_json, import_id, imported_at)
  VALUES ('h1', 'old.xlsx', 'A01', 'A01', '市交通运输局', '季度分析研判报告', 2023, '第二季度', 'Q2',
  '2023Q2', '2023-07-01', 'ok', 0, 0, ?, '[]', 1, '2023-07-01T00:00:00Z')""", (sys.argv[3],))
c.execute('PRAGMA user_version = 1')
c.commit()
os._exit(0)`,
      ddl.join(';\n'),
      JSON.stringify(sub),
    );
    expect(statSync(`${dbFile}-wal`).size).toBeGreaterThan(0);

    const store = await openStore(dbFile, { def: definition });
    expect(store.schemaVersion).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBe(3);
    expect(store.counts()).toEqual({ imports: 1, submissions: 1, risks: 1, units: 1, files: 0 });
    expect(store.unitHistory('A01')!.risks.map((r) => [r.riskId, r.timeline[0].status])).toEqual([
      ['FX-009', '整改中'],
    ]);
    expect(store.findUnits('市交通运输局').map((u) => u.unitKey)).toEqual(['A01']);
    // The next import writes the migrated store back; the earlier version's WAL files are gone, and
    // native SQLite reads the new file.
    await store.recordImport([recordOf('b.xlsx', spec(B, '第二季度'))]);
    store.close();
    expect(existsSync(`${dbFile}-wal`)).toBe(false);
    expect(
      nativeSqlite(
        dbFile,
        `print(c.execute('PRAGMA integrity_check').fetchone()[0], c.execute('PRAGMA user_version').fetchone()[0],
  c.execute('SELECT COUNT(*) FROM submissions').fetchone()[0], c.execute('PRAGMA journal_mode').fetchone()[0])`,
      ),
    ).toBe('ok 3 2 delete');
  });

  it('opens a store written by the previous version (better-sqlite3) and goes on recording into it', async () => {
    // test/fixtures/store-v3-better-sqlite3.db: \`yanpan import\` of two demo workbooks with the demo roster,
    // by the version that used better-sqlite3 (WAL mode, schema version 3).
    copyFileSync(path.join('test/fixtures/store-v3-better-sqlite3.db'), dbFile);
    const store = await openStore(dbFile, { def: definition, mustExist: true });
    expect(store.integrityCheck()).toBe('ok');
    expect(store.counts()).toEqual({ imports: 1, submissions: 2, risks: 3, units: 34, files: 2 });
    expect(store.periods()).toEqual(['2023Q3']);
    const cur = store.currentSubmissions('2023Q3');
    expect(cur.map((s) => [s.unitKey, s.unitName])).toEqual([
      ['SZ005', '市妇联'],
      ['SZ012', '市交通运输局'],
    ]);
    for (const s of cur) expect(hashBytes(store.fileBytes(s.hash)!)).toBe(s.hash);
    expect(store.findUnits('市交通局').map((u) => u.unitKey)).toEqual(['SZ012']);
    const q4 = recordOf('妇联-四季度.xlsx', {
      code: 'SZ005',
      name: '市妇联',
      year: 2023,
      period: '第四季度',
    });
    expect((await store.recordImport([q4])).added).toBe(1);
    store.close();
    const again = await openStore(dbFile, { def: definition, mustExist: true });
    expect(again.periods()).toEqual(['2023Q3', '2023Q4']);
    expect(again.periodView('2023Q4').units.map((u) => [u.unitKey, u.previous?.fileName])).toEqual([
      ['SZ005', '市妇联-2023年第三季度意识形态工作分析研判填报表.xlsx'],
    ]);
    again.close();
  });

  it('refuses a database from a newer version and a file that is not a database, in Chinese', async () => {
    nativeSqlite(dbFile, `c.execute('PRAGMA user_version = 99')\nc.commit()`);
    await expect(openStore(dbFile, { def: definition })).rejects.toThrow(StoreError);
    await expect(openStore(dbFile, { def: definition })).rejects.toThrow(
      /更高版本的研判程序创建（数据库版本99/,
    );
    const junk = path.join(tmp.dir, 'junk.db');
    writeFileSync(junk, 'this is not sqlite, just some text long enough to look like a header...'.repeat(20));
    await expect(openStore(junk, { def: definition })).rejects.toThrow(/已损坏或不是研判数据库/);
    await expect(
      openStore(path.join(tmp.dir, 'none.db'), { def: definition, mustExist: true }),
    ).rejects.toThrow(/未找到数据库文件/);
  });

  it('refuses a row that does not parse (zod at the boundary) with a Chinese message, not a crash', async () => {
    const store = await openStore(dbFile, { def: definition });
    await store.recordImport([recordOf('a.xlsx', spec(A, '第二季度'))]);
    store.close();
    nativeSqlite(
      dbFile,
      `c.execute("UPDATE submissions SET issues_json = '[{\\"severity\\": 3}]'")\nc.commit()`,
    );
    const broken = await openStore(dbFile, { def: definition });
    expect(() => broken.currentSubmissions('2023Q2')).toThrow(
      new StoreError('corrupt', `数据库“${dbFile}”中第1份报送的记录已损坏，无法读取。`),
    );
    broken.close();
  });

  it('works on bytes alone (as the browser page will): no Node module in the core, the same file format', async () => {
    // The core (store.ts and what it imports) bundles for the browser: nothing of fs, path or crypto.
    const bundle = await build({
      entryPoints: ['importer/src/store/store.ts'],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    expect(bundle.errors).toEqual([]);
    // A store kept in memory by its host writes the bytes of a store file, and opens one.
    const host = memoryHost('内存中的数据库');
    const store = await Store.open(await sqlEngine(), host, { def: definition });
    await store.recordImport([recordOf('a.xlsx', spec(A, '第二季度'))]);
    store.close();
    writeFileSync(dbFile, host.bytes!);
    const onDisk = await openStore(dbFile, { def: definition, mustExist: true });
    expect(onDisk.currentSubmissions('2023Q2').map((x) => x.fileName)).toEqual(['a.xlsx']);
    await onDisk.recordImport([recordOf('b.xlsx', spec(B, '第二季度'))]);
    onDisk.close();
    const back = await Store.open(await sqlEngine(), memoryHost('读回', readFileSync(dbFile)), {
      def: definition,
      mustExist: true,
    });
    expect(back.counts()).toMatchObject({ imports: 2, submissions: 2, files: 2 });
    back.close();
  });

  it('refuses a second import on the same store while the first one is open', async () => {
    const s1 = await openStore(dbFile, { def: definition });
    const s2 = await openStore(dbFile, { def: definition });
    const session = await s1.beginImport();
    session.add(recordOf('a.xlsx', spec(A, '第二季度')));
    await expect(s2.beginImport()).rejects.toThrow(/另一个导入正在使用数据库.*请等待其完成后再试/);
    // Readers are not blocked; a store read before the commit does not see it (it holds what it read).
    expect(s2.counts().submissions).toBe(0);
    await session.commit();
    expect(existsSync(`${dbFile}.lock`)).toBe(false);
    // An import reads the store again first.
    const again = await s2.beginImport();
    expect(s2.counts().submissions).toBe(1);
    again.rollback();
    s1.close();
    s2.close();
  });

  it('two imports through stores opened at the same time keep each other’s rows', async () => {
    const s1 = await openStore(dbFile, { def: definition });
    const s2 = await openStore(dbFile, { def: definition });
    await s1.recordImport([recordOf('a.xlsx', spec(A, '第二季度'))]);
    await s2.recordImport([recordOf('b.xlsx', spec(B, '第二季度'))]);
    s1.close();
    s2.close();
    const after = await openStore(dbFile, { def: definition });
    expect(after.currentSubmissions('2023Q2').map((s) => s.fileName)).toEqual(['a.xlsx', 'b.xlsx']);
    expect(after.counts()).toMatchObject({ imports: 2, submissions: 2, files: 2 });
    after.close();
  });

  it('rollback leaves the store as it was', async () => {
    const store = await openStore(dbFile, { def: definition });
    await store.recordImport([recordOf('a.xlsx', spec(A, '第二季度'))]);
    const before = store.counts();
    const s = await store.beginImport();
    s.add(recordOf('b.xlsx', spec(B, '第二季度')));
    s.add(recordOf('a3.xlsx', spec(A, '第二季度', { fillDate: '2023-07-09' })));
    s.rollback();
    expect(store.counts()).toEqual(before);
    expect(store.currentSubmissions('2023Q2').map((x) => x.fileName)).toEqual(['a.xlsx']);
    store.close();
  });

  it('a process killed (SIGKILL) inside the import transaction leaves the store as it was', async () => {
    // The child opens the store, records three files and stops inside the transaction, just before
    // the store is written (test hook); the parent kills it there.
    const childSrc = path.join(tmp.dir, 'child.ts');
    const here = path.resolve('.');
    writeFileSync(
      childSrc,
      `import { openStore } from ${JSON.stringify(path.join(here, 'importer/src/store'))};
       import { definition } from ${JSON.stringify(path.join(here, 'templates/src/index'))};
       import { recordOf } from ${JSON.stringify(path.join(here, 'test/helpers/store-fixtures'))};
       const store = await openStore(process.argv[2], { def: definition });
       const units = [['C01', '市文旅局'], ['C02', '市教育局'], ['A01', '市交通运输局']];
       await store.recordImport(units.map(([code, name]) =>
         recordOf(code + '.xlsx', { code, name, year: 2023, period: '第三季度', risks: [['FX-1', '未整改']] }, [], 'x')));
       console.log('committed');`,
    );
    const childOut = path.join(here, 'build', `store-child-${process.pid}-${Date.now()}.mjs`);
    await build({
      entryPoints: [childSrc],
      outfile: childOut,
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      logLevel: 'silent',
    });
    try {
      const store = await openStore(dbFile, { def: definition });
      await store.recordImport([recordOf('a.xlsx', spec(A, '第三季度'))]);
      const before = store.counts();
      const view = JSON.stringify(store.periodView('2023Q3'));
      store.close();

      const marker = path.join(tmp.dir, 'in-transaction');
      const child = spawn(process.execPath, [childOut, dbFile], {
        env: { ...process.env, YANPAN_TEST_PAUSE_IN_TRANSACTION: marker },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += String(d)));
      const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
        child.on('exit', (code, signal) => resolve(signal ?? code)),
      );
      const t0 = Date.now();
      // (The marker exists before its pid is written in it: wait for the pid, not the file.)
      while (!existsSync(marker) || readFileSync(marker, 'utf8') === '') {
        if (Date.now() - t0 > 20_000) throw new Error(`child never reached the transaction: ${stderr}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(readFileSync(marker, 'utf8')).toBe(String(child.pid));
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');

      const after = await openStore(dbFile, { def: definition });
      expect(after.integrityCheck()).toBe('ok');
      expect(after.counts()).toEqual(before);
      expect(JSON.stringify(after.periodView('2023Q3'))).toBe(view);
      // And the store is usable: the next import goes through.
      expect((await after.recordImport([recordOf('b.xlsx', spec(B, '第三季度'))])).added).toBe(1);
      after.close();
    } finally {
      const { rmSync } = await import('node:fs');
      rmSync(childOut, { force: true });
      rmSync(`${childOut}.map`, { force: true });
    }
  });
});

describe('store: the earlier report of the year', () => {
  it('is the unit’s latest period of the same year that ends before this one, of any kind', async () => {
    const store = await openStore(dbFile, { def: definition });
    await store.recordImport([
      recordOf('a1.xlsx', spec(A, '第一季度')),
      recordOf('a2.xlsx', spec(A, '第二季度')),
      recordOf('ah1.xlsx', spec(A, '上半年', { reportKind: '半年自查报告' })),
      recordOf('a3.xlsx', spec(A, '第三季度')),
      recordOf('a4-2022.xlsx', spec(A, '第四季度', { year: 2022 })),
      recordOf('b3.xlsx', spec(B, '第三季度')),
    ]);
    const a = store.resolveUnitKey(A.code, A.name)!;
    const b = store.resolveUnitKey(B.code, B.name)!;
    const earlier = (unit: string, period: string) => store.earlierInYear(unit, period)?.fileName ?? null;
    // 上半年 and 第二季度 both end in June: the self-inspection, later in the store's order, is taken.
    expect(earlier(a, '2023Q3')).toBe('ah1.xlsx');
    expect(earlier(a, '2023Q2')).toBe('a1.xlsx');
    // 第三季度 ends before 下半年 does.
    expect(earlier(a, '2023H2')).toBe('a3.xlsx');
    // The previous year's 第四季度 is not this year's.
    expect(earlier(a, '2023Q1')).toBeNull();
    expect(earlier(b, '2023Q3')).toBeNull();
    store.close();
  });
});
