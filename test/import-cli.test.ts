// yanpan import as a process: exit statuses, a killed run leaves the previous outputs whole, the per-file
// time budget.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillWorkbook, type FillInput } from '../templates/src/template/fill';
import { DEMO_UNITS } from '../importer/src/demo/data';
import { unitFillInput } from '../importer/src/demo/generate';
import { OUTPUT_NAMES, RUN_MESSAGES } from '../importer/src/import/labels';
import { runImport } from '../importer/src/folder/run-import';
import { tempDir, trackingIn } from './helpers/tools';
import { privateBuild } from './import-build';
import { definition } from '../templates/src/index';

let CLI = '';
let cleanBuild = () => {};
const t = tempDir('yanpan-import-cli-');
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function cli(args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000 });
}

/** A clean unit (no overdue risks), named uniquely. */
function cleanUnit(i: number): FillInput {
  const proto = DEMO_UNITS[i % DEMO_UNITS.length];
  const input = unitFillInput(
    { ...proto, code: `K${String(i).padStart(4, '0')}`, name: `测试单位${i}` },
    { seed: 100 + i, risks: 1 },
    definition,
  );
  return { ...input, risks: input.risks!.map((r) => ({ ...r, deadline: '2099-12-31' })) };
}

async function writeUnits(dir: string, from: number, to: number): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (let i = from; i < to; i++)
    writeFileSync(path.join(dir, `单位${i}.xlsx`), await fillWorkbook(cleanUnit(i), definition));
}

function noStack(s: string): void {
  expect(s).not.toMatch(/\n\s+at /);
}

beforeAll(async () => {
  const b = await privateBuild();
  CLI = b.cli;
  cleanBuild = b.cleanup;
  process.env.YANPAN_WORKER = b.worker;
}, 60_000);
afterAll(() => {
  t.cleanup();
  cleanBuild();
});

describe('yanpan import exit statuses', () => {
  it('exits 0 when every unit passed (no roster: the units found are the roster)', async () => {
    const dir = path.join(t.dir, 'ok');
    await writeUnits(dir, 0, 2);
    const r = cli(['import', dir, '-o', path.join(t.dir, 'ok-out'), '--as-of', '2023-10-15']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('已报送-通过 2 个');
    expect(r.stdout).not.toContain('导入中 ['); // not a TTY: no progress bar
  }, 60_000);

  it('exits 2 with a Chinese message for bad arguments, an unreadable folder or an unwritable OUTDIR', () => {
    const a = cli(['import', path.join(t.dir, 'nope'), '-o', path.join(t.dir, 'x')]);
    expect(a.status).toBe(2);
    expect(a.stderr).toContain('无法读取输入文件夹');
    noStack(a.stderr);
    const b = cli(['import', t.dir, '-o', path.join(t.dir, 'x'), '--jobs', 'many']);
    expect(b.status).toBe(2);
    expect(b.stderr).toContain('参数 --jobs 应为1—64的整数');
    const c = cli(['import', t.dir]);
    expect(c.status).toBe(2);
    expect(c.stderr).toContain('请用 -o 指定输出文件夹');
    const file = path.join(t.dir, 'a-file');
    writeFileSync(file, 'x');
    const d = cli(['import', path.join(t.dir, 'ok'), '-o', path.join(file, 'out')]);
    expect(d.status).toBe(2);
    expect(d.stderr).toContain('无法写入输出文件夹');
    noStack(d.stderr);
    const e = cli([
      'import',
      path.join(t.dir, 'ok'),
      '-o',
      path.join(t.dir, 'x'),
      '--roster',
      path.join(t.dir, 'none.csv'),
    ]);
    expect(e.status).toBe(2);
    expect(e.stderr).toContain('无法读取单位名册');
  });
});

describe('a killed import', () => {
  it('leaves the previous outputs whole and no temporary file among the outputs', async () => {
    const dir = path.join(t.dir, 'kill-in');
    const out = path.join(t.dir, 'kill-out');
    await writeUnits(dir, 0, 3);
    const first = cli(['import', dir, '-o', out, '--as-of', '2023-10-15', '--jobs', '2']);
    expect(first.status).toBe(0);
    const tracking = trackingIn(out);
    const summary = path.join(out, OUTPUT_NAMES.summary);
    const before = { tracking: sha(tracking), summary: sha(summary) };
    const reportsBefore = readdirSync(path.join(out, OUTPUT_NAMES.reportsDir));
    expect(reportsBefore.length).toBe(3);

    // A bigger batch, killed while it is checking.
    await writeUnits(dir, 3, 24);
    const child = spawn(
      process.execPath,
      [CLI, 'import', dir, '-o', out, '--as-of', '2023-10-15', '--jobs', '2'],
      {
        stdio: 'ignore',
      },
    );
    const exited = new Promise<NodeJS.Signals | null>((res) => child.on('exit', (_c, sig) => res(sig)));
    const deadline = Date.now() + 60_000;
    // Wait until the run has staged some outputs (it is mid-way), then kill it.
    for (;;) {
      const staging = readdirSync(out).find((n) => n.startsWith('.yanpan-staging-'));
      const staged = staging
        ? readdirSync(path.join(out, staging)).filter((n) => n.endsWith('.docx')).length
        : 0;
      if (staged >= 3) break;
      if (Date.now() > deadline) throw new Error('the import never got going');
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    // The previous outputs are exactly as they were, and whole.
    expect(sha(tracking)).toBe(before.tracking);
    expect(sha(summary)).toBe(before.summary);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(tracking) as any);
    expect(wb.getWorksheet('报送情况')!.rowCount).toBe(4);
    await JSZip.loadAsync(readFileSync(summary));
    for (const r of readdirSync(path.join(out, OUTPUT_NAMES.reportsDir)))
      await JSZip.loadAsync(readFileSync(path.join(out, OUTPUT_NAMES.reportsDir, r)));
    // Nothing half-written is visible: every visible entry is one of the outputs.
    // (The workspace store, yanpan.db and its WAL files, also lives in OUTDIR: docs/workspace.md.)
    const visible = readdirSync(out).filter((n) => !n.startsWith('.') && !n.startsWith('yanpan.db'));
    expect(visible.sort()).toEqual(
      [
        path.basename(tracking),
        OUTPUT_NAMES.summary,
        OUTPUT_NAMES.reportsDir,
        OUTPUT_NAMES.returnsDir,
      ].sort(),
    );
    for (const sub of [OUTPUT_NAMES.reportsDir, OUTPUT_NAMES.returnsDir])
      for (const n of readdirSync(path.join(out, sub)))
        expect(n.startsWith('.') || n.endsWith('.tmp')).toBe(false);

    // The next run cleans the killed run's temporary files and completes.
    const again = cli(['import', dir, '-o', out, '--as-of', '2023-10-15', '--jobs', '2', '--json']);
    expect(again.status).toBe(0);
    expect(JSON.parse(again.stdout).totals.submitted).toBe(24);
    // Nothing hidden stays (docs/importer.md): no lock file (the killed run's is taken over and removed),
    // no staging folder, no *.tmp.
    expect(readdirSync(out).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(readdirSync(path.join(out, OUTPUT_NAMES.reportsDir)).length).toBe(24);
  }, 120_000);
});

describe('the per-file time budget', () => {
  it('turns a file over budget into one 错误 file.timeout and goes on with the batch', async () => {
    const dir = path.join(t.dir, 'slow');
    await writeUnits(dir, 0, 2);
    const s = await runImport({
      def: definition,
      inputDir: dir,
      outDir: path.join(t.dir, 'slow-out'),
      jobs: 1,
      budgetMs: 1,
    });
    expect(s.files.map((f) => f.status)).toEqual(['failed', 'failed']);
    expect(s.totals.unreadable).toBe(2);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(trackingIn(t.dir, 'slow-out')) as any);
    const issues = wb.getWorksheet('校验问题')!;
    expect(issues.rowCount).toBe(3);
    expect(String(issues.getCell('G2').value)).toContain('读取超时');
    // No unit could be counted: no hollow summary report, and the run says why.
    expect(existsSync(path.join(t.dir, 'slow-out', OUTPUT_NAMES.summary))).toBe(false);
    expect(s.notes).toContain(RUN_MESSAGES.noSummary);
  }, 60_000);

  it('a hanging file is stopped at its budget and never costs the files queued behind it their budget', async () => {
    // A stand-in worker that spins forever on files named hang*, and answers at once otherwise.
    const dir = path.join(t.dir, 'hang');
    mkdirSync(dir, { recursive: true });
    for (const n of ['hang1.xlsx', 'hang2.xlsx', 'ok1.xlsx', 'ok2.xlsx', 'ok3.xlsx'])
      writeFileSync(path.join(dir, n), n);
    const worker = path.join(t.dir, 'spin-worker.mjs');
    writeFileSync(
      worker,
      `export default async (task) => {
        if (task.fileName.startsWith('hang')) for (;;) {}
        return { submission: null, issues: [], checkMs: 0, reportMs: 0, report: null, returnCopy: null, internalError: null };
      };\n`,
    );
    const saved = process.env.YANPAN_WORKER;
    process.env.YANPAN_WORKER = worker;
    try {
      const s = await runImport({
        def: definition,
        inputDir: dir,
        outDir: path.join(t.dir, 'hang-out'),
        jobs: 2,
        budgetMs: 1500,
      });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(trackingIn(t.dir, 'hang-out')) as any);
      const issues = wb.getWorksheet('校验问题')!;
      const timedOut: string[] = [];
      for (let r = 2; r <= issues.rowCount; r++)
        if (String(issues.getCell(r, 7).value).includes('读取超时'))
          timedOut.push(String(issues.getCell(r, 2).value));
      expect(timedOut.sort()).toEqual(['hang1.xlsx', 'hang2.xlsx']);
      expect(s.files.length).toBe(5);
    } finally {
      process.env.YANPAN_WORKER = saved;
    }
  }, 60_000);
});
