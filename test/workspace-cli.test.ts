// `yanpan import` through the store, as separate processes: --db/--period, a second import refused while
// the first holds the store, and a SIGKILL inside the import transaction.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../importer/src/store';
import { tempDir } from './helpers/tools';
import { privateBuild } from './import-build';
import { sheetValues, variant, writeWorkbook } from './helpers/workspace-fixtures';
import { definition } from '../templates/src/index';

let cli: string;
let build: Awaited<ReturnType<typeof privateBuild>> | undefined;
let tmp: ReturnType<typeof tempDir>;
let q2: string;
let q3: string;
let roster: string;

beforeAll(async () => {
  build = await privateBuild();
  cli = build.cli;
  tmp = tempDir('yanpan-ws-cli-');
  q2 = path.join(tmp.dir, 'q2');
  q3 = path.join(tmp.dir, 'q3');
  roster = path.join(tmp.dir, '单位名册.csv');
  writeFileSync(roster, '单位代码,单位名称\nJT001,市交通运输局\nFL002,市妇联\n');
  for (const [code, name] of [
    ['JT001', '市交通运输局'],
    ['FL002', '市妇联'],
  ]) {
    await writeWorkbook(
      q2,
      `${name}-二季度.xlsx`,
      variant({
        code,
        name,
        period: '第二季度',
        fillDate: '2023-07-08',
        risks: [['FX-001', '未整改']],
      }),
    );
    await writeWorkbook(
      q3,
      `${name}-三季度.xlsx`,
      variant({
        code,
        name,
        period: '第三季度',
        fillDate: '2023-10-10',
        risks: [['FX-001', '整改中']],
      }),
    );
  }
}, 120_000);
afterAll(() => {
  tmp?.cleanup();
  build?.cleanup();
});

function yanpan(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
}

/** What a run produced, comparable across runs: sheet values, report names and texts. */
async function snapshot(out: string) {
  const docText = async (file: string) => {
    const zip = await JSZip.loadAsync(readFileSync(file));
    return (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
  };
  const reports = readdirSync(path.join(out, 'reports')).sort();
  return {
    tracking: await sheetValues(path.join(out, '2023年第二季度汇总台账.xlsx')),
    summary: await docText(path.join(out, '汇总分析报告.docx')),
    reports: await Promise.all(reports.map(async (r) => [r, await docText(path.join(out, 'reports', r))])),
  };
}

describe('yanpan import with the store (CLI)', () => {
  it('--db/--period; a second import is refused; a SIGKILL inside the transaction changes nothing', async () => {
    const out = path.join(tmp.dir, 'out');
    const db = path.join(tmp.dir, 'elsewhere', 'ws.db');
    const first = yanpan([
      'import',
      q2,
      '-o',
      out,
      '--db',
      db,
      '--as-of',
      '2023-10-20',
      '--roster',
      roster,
      '--jobs',
      '1',
    ]);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain(`数据库：${db}`);
    expect(first.stdout).toContain('报告期：2023年第二季度（本次新增2份，已有0份，替代0份）');
    expect(existsSync(path.join(out, 'yanpan.db'))).toBe(false);
    const before = await snapshot(out);
    const store = await openStore(db, { def: definition });
    const counts = store.counts();
    store.close();

    const marker = path.join(tmp.dir, 'paused');
    const child = spawn(
      process.execPath,
      [cli, 'import', q3, '-o', out, '--db', db, '--as-of', '2023-10-20', '--roster', roster, '--jobs', '1'],
      {
        env: { ...process.env, YANPAN_TEST_PAUSE_IN_TRANSACTION: marker },
        stdio: 'ignore',
      },
    );
    const exited = new Promise<string | number | null>((resolve) =>
      child.on('exit', (code, signal) => resolve(signal ?? code)),
    );
    const t0 = Date.now();
    while (!existsSync(marker)) {
      if (Date.now() - t0 > 50_000) throw new Error('the import never reached its commit');
      await new Promise((r) => setTimeout(r, 50));
    }
    // The paused import holds the store: a second one is refused at once.
    const second = yanpan(['import', q3, '-o', path.join(tmp.dir, 'out-c'), '--db', db]);
    expect(second.status).toBe(2);
    expect(second.stderr.trim()).toBe(`另一个导入正在使用数据库“${db}”，请等待其完成后再试。`);

    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const after = await openStore(db, { def: definition });
    expect(after.integrityCheck()).toBe('ok');
    expect(after.counts()).toEqual(counts);
    expect(after.periods()).toEqual(['2023Q2']);
    after.close();

    // The previous outputs regenerate identically from the store.
    const again = yanpan([
      'import',
      q2,
      '-o',
      out,
      '--db',
      db,
      '--as-of',
      '2023-10-20',
      '--roster',
      roster,
      '--jobs',
      '1',
    ]);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('报告期：2023年第二季度（本次新增0份，已有2份，替代0份）');
    expect(await snapshot(out)).toEqual(before);

    const bad = yanpan(['import', q3, '-o', out, '--db', db, '--period', '明年']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('无法识别报告期“明年”');
  }, 150_000);
});
