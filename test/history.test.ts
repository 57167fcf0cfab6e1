import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import history from '../importer/src/commands/history';
import { openStore } from '../importer/src/store';
import { tempDir } from './helpers/tools';
import { recordOf } from './helpers/store-fixtures';
import { privateBuild } from './import-build';
import { definition } from '../templates/src/index';

let tmp: ReturnType<typeof tempDir>;
let dbFile: string;

async function runHistory(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    out += String(s);
    return true;
  });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
    err += String(s);
    return true;
  });
  try {
    const code = await history(argv);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

beforeAll(async () => {
  tmp = tempDir('yanpan-history-');
  dbFile = path.join(tmp.dir, 'yanpan.db');
  const store = await openStore(dbFile, { def: definition });
  const now = (iso: string) => () => new Date(iso);
  await store.recordImport(
    [
      recordOf('二季度/交通.xlsx', {
        code: 'A01',
        name: '市交通运输局',
        year: 2023,
        period: '第二季度',
        fillDate: '2023-07-05',
        risks: [
          ['FX-001', '未整改', '学习流于形式'],
          ['FX-002', '整改中', '宣传栏更新不及时'],
        ],
      }),
      recordOf('二季度/妇联.xlsx', { code: 'B02', name: '市妇联', year: 2023, period: '第二季度' }),
    ],
    {
      now: now('2023-07-10T01:30:00Z'),
      roster: [
        { code: 'A01', name: '市交通运输局', aliases: ['市交通局'], group: null },
        { code: 'B02', name: '市妇联', aliases: [], group: null },
      ],
    },
  );
  await store.recordImport(
    [
      recordOf(
        '三季度/交通.xlsx',
        { code: 'A01', name: '市交通运输局', year: 2023, period: '第三季度', risks: [['FX-001', '整改中']] },
        [
          {
            severity: 'error',
            rule: 'field.required',
            sheet: '基本信息',
            cell: 'B9',
            field: '联系电话',
            value: null,
            message: '“联系电话”未填写，请填写。',
          },
        ],
      ),
    ],
    { now: now('2023-10-11T02:00:00Z') },
  );
  await store.recordImport(
    [
      recordOf('三季度/交通（更正）.xlsx', {
        code: 'A01',
        name: '市交通运输局',
        year: 2023,
        period: '第三季度',
        fillDate: '2023-10-12',
        risks: [['FX-001', '已整改']],
      }),
    ],
    { now: now('2023-10-13T02:00:00Z') },
  );
  store.close();
});
const onExit: (() => void)[] = [];
afterAll(() => {
  tmp.cleanup();
  for (const f of onExit) f();
});

describe('yanpan history', () => {
  it('lists a unit found by alias: its submissions (superseded too) and each risk across periods', async () => {
    const r = await runHistory(['市交通局', '--db', dbFile]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('市交通运输局（单位代码：A01；又称：市交通局）');
    expect(r.out).toContain('历次报送（共3份）：');
    const rowOf = (file: string) => lines.find((l) => l.trim().split(/\s{2,}/)[1] === file) ?? '';
    expect(rowOf('二季度/交通.xlsx')).toMatch(
      /^ {2}2023年第二季度\s+二季度\/交通\.xlsx\s+2023-07-05\s+\S+ \S+\s+通过\s+当前\s+[0-9a-f]{12}$/,
    );
    expect(rowOf('三季度/交通.xlsx')).toMatch(/有错误（1）\s+已被更正件替代（三季度\/交通（更正）\.xlsx）/);
    expect(rowOf('三季度/交通（更正）.xlsx')).toMatch(/2023年第三季度.*通过\s+当前/);
    expect(r.out).toContain('风险整改跟踪（按风险编号，共2条）：');
    expect(r.out).toContain('    2023年第二季度 未整改 → 2023年第三季度 已整改\n');
    expect(r.out).toContain('  FX-002  阵地管理  宣传栏更新不及时\n');
    expect(r.out).toContain('    2023年第二季度 整改中 → 2023年第三季度 未再报告（未标记已整改，需核实）\n');
  });

  it('prints JSON with --json, and accepts the output folder as --db', async () => {
    const r = await runHistory(['A01', '--db', tmp.dir, '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.unit).toMatchObject({ code: 'A01', name: '市交通运输局', aliases: ['市交通局'] });
    expect(
      j.submissions.map((s: { file: string; current: boolean; period: string }) => [
        s.period,
        s.file,
        s.current,
      ]),
    ).toEqual([
      ['2023Q2', '二季度/交通.xlsx', true],
      ['2023Q3', '三季度/交通.xlsx', false],
      ['2023Q3', '三季度/交通（更正）.xlsx', true],
    ]);
    expect(j.submissions[1]).toMatchObject({
      status: 'errors',
      errors: 1,
      importedAt: '2023-10-11T02:00:00.000Z',
      supersededBy: '三季度/交通（更正）.xlsx',
    });
    expect(j.submissions[0].hash).toMatch(/^[0-9a-f]{64}$/);
    const fx1 = j.risks.find((x: { id: string }) => x.id === 'FX-001');
    expect(fx1.timeline.map((t: { period: string; status: string }) => [t.period, t.status])).toEqual([
      ['2023Q2', '未整改'],
      ['2023Q3', '已整改'],
    ]);
    expect(j.risks.find((x: { id: string }) => x.id === 'FX-002').vanishedIn).toBe('2023Q3');
  });

  it('says clearly when the database or the unit is not there, or the name is ambiguous', async () => {
    const missing = await runHistory(['A01', '--db', path.join(tmp.dir, 'nope.db')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain(`未找到数据库文件“${path.join(tmp.dir, 'nope.db')}”。请用 --db 指定`);
    const unknown = await runHistory(['市公安局', '--db', dbFile]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('中没有找到单位“市公安局”');
    const ambiguous = await runHistory(['市', '--db', dbFile]);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.err).toContain('“市”对应多个单位，请用单位代码或完整名称指定：');
    expect(ambiguous.err).toContain('  A01  市交通运输局');
    expect(ambiguous.err).toContain('  B02  市妇联');
    const noArg = await runHistory([]);
    expect(noArg.code).toBe(2);
    expect(noArg.err).toContain('请指定单位');
  });

  it('reads while an import holds the store open', async () => {
    const store = await openStore(dbFile, { def: definition });
    const s = await store.beginImport();
    try {
      const r = await runHistory(['B02', '--db', dbFile]);
      expect(r.code).toBe(0);
      expect(r.out.split('\n')[0]).toBe('市妇联（单位代码：B02）');
    } finally {
      s.rollback();
      store.close();
    }
  });

  it('runs through the built CLI', async () => {
    const b = await privateBuild();
    onExit.push(b.cleanup);
    const r = spawnSync(process.execPath, [b.cli, 'history', 'B02', '--db', dbFile], {
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('市妇联（单位代码：B02）');
    expect(r.stdout).toContain('风险隐患：各期台账中没有风险隐患记录。');
  });
});
