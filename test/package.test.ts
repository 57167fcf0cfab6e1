// npm run package (scripts/package.mjs): the CLI folder runs with a stock `node` from an empty folder,
// outside the repository, with no node_modules anywhere above it.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_UNITS } from '../importer/src/demo/data';
import { OUTPUT_NAMES, SHEETS } from '../importer/src/import/labels';
import { tempDir, trackingIn } from './helpers/tools';

let build: ReturnType<typeof tempDir>;
let run: ReturnType<typeof tempDir>;
let app: string;

beforeAll(() => {
  build = tempDir('yanpan-package-build-');
  const r = spawnSync(process.execPath, ['scripts/package.mjs', '--cli', '--dist', build.dir], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(r.stderr);
  // Copied to an empty folder outside the repository: nothing can come from its node_modules.
  run = tempDir('yanpan-package-run-');
  app = path.join(run.dir, 'yanpan-cli');
  cpSync(path.join(build.dir, 'yanpan-cli'), app, { recursive: true });
}, 120_000);
afterAll(() => {
  build?.cleanup();
  run?.cleanup();
});

/** Runs the packaged CLI in the run folder with only `node` (no NODE_PATH). */
function yanpan(args: string[]) {
  const env = { ...process.env };
  delete env.NODE_PATH;
  delete env.YANPAN_WORKER;
  return spawnSync(process.execPath, [path.join(app, 'yanpan.mjs'), ...args], {
    cwd: run.dir,
    encoding: 'utf8',
    env,
  });
}

async function unitNames(tracking: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(tracking) as any, { ignoreNodes: ['dataValidations'] } as any);
  const ws = wb.getWorksheet(SHEETS.status)!;
  const names: string[] = [];
  ws.eachRow((row, i) => {
    if (i > 1) names.push(String(row.getCell(3).value));
  });
  return names;
}

describe('npm run package: the CLI folder', () => {
  it('holds the bundle and its runtime assets only, and no node_modules is reachable from it', () => {
    expect(readdirSync(app).sort()).toEqual(['entry', 'sql-wasm.wasm', 'worker.mjs', 'yanpan.mjs']);
    for (let d = app; ; d = path.dirname(d)) {
      expect(existsSync(path.join(d, 'node_modules'))).toBe(false);
      if (path.dirname(d) === d) break;
    }
  });

  it('runs demo, check, import and history with a stock node', async () => {
    const demo = yanpan(['demo', '-o', 'demo']);
    expect(demo.stderr).toBe('');
    expect(demo.status).toBe(0);
    const demoDir = path.join(run.dir, 'demo');
    expect((await unitNames(trackingIn(demoDir))).sort()).toEqual(DEMO_UNITS.map((u) => u.name).sort());

    const returns = path.join(demoDir, '填报表');
    const one = readdirSync(returns, { recursive: true, encoding: 'utf8' }).find((f) =>
      f.includes('市妇联'),
    )!;
    const check = yanpan(['check', path.join(returns, one)]);
    expect(check.status).toBe(0);
    expect(check.stdout).toContain('状态：通过');

    const imp = yanpan([
      'import',
      returns,
      '-o',
      'out',
      '--roster',
      path.join(demoDir, '单位名册.csv'),
      '--as-of',
      '2023-10-15',
      '--jobs',
      '2',
    ]);
    expect(imp.stderr).toBe('');
    expect(imp.status).toBe(1); // the demo has units with errors and one that never submitted
    const out = path.join(run.dir, 'out');
    expect((await unitNames(trackingIn(out))).sort()).toEqual(DEMO_UNITS.map((u) => u.name).sort());
    const summary = await JSZip.loadAsync(readFileSync(path.join(out, OUTPUT_NAMES.summary)));
    expect(await summary.file('word/document.xml')!.async('string')).toContain('2023年第三季度');
    expect(readdirSync(path.join(out, OUTPUT_NAMES.reportsDir)).length).toBeGreaterThan(20);

    // The store (sql.js's WebAssembly beside the bundle) holds the import: history reads it.
    const history = yanpan(['history', '市妇联', '--db', 'out']);
    expect(history.stderr).toBe('');
    expect(history.status).toBe(0);
    expect(history.stdout).toContain('市妇联');
    expect(history.stdout).toContain('2023年第三季度');
  }, 120_000);
});
