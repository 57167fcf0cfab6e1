// npm run bench [-- --n 20000] [--jobs N] [--keep]
// Generates N realistic returned workbooks (fillWorkbook: the demo's figures, risks and narratives, ~10%
// with a warning and ~3% with an error), a roster with 1% of units that never submitted, then runs the
// whole import and prints units/second, total seconds and peak RSS (sampled every 50 ms; worker threads
// live in this process, so its RSS covers them), plus checker and report milliseconds per file, and the
// import's time against its floor: a plain unzip of every input (each file read and all its entries
// inflated with the project's zip reader and fflate, on this thread, one file after another; the fastest
// of three passes). Then the
// browser figure (bench/browser-bench.ts): the same workbooks through 批量汇总 in the page in Chromium —
// YANPAN_BENCH_BROWSER_N workbooks (default min(N, 1000); 0 skips it).
import { mkdirSync, promises as fsp, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  benchCheckBytes,
  checkWorkbookBytes,
  definition,
  fillWorkbook,
  unitReportDocx,
  type FillInput,
} from '../templates/src/index';
import { DEMO_UNITS } from '../importer/src/demo/data';
import { unitFillInput } from '../importer/src/demo/generate';
import { runImport } from '../importer/src/folder/run-import';
import { unzip } from '../templates/src/ooxml/zip';
import { browserBench, describeBrowserFigure } from './browser-bench';
import { zlibInflateRaw } from '../importer/src/worker';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const N = Number(arg('--n') ?? 1000);
const JOBS = arg('--jobs') ? Number(arg('--jobs')) : undefined;
const KEEP = process.argv.includes('--keep');
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;

/** Seconds to read every file under `dir` and inflate all its zip entries (fflate, this thread): the
 *  fastest of `passes` passes, as a floor is least disturbed by the machine's other work. */
async function unzipSeconds(dir: string, passes = 3): Promise<number> {
  const files = (await fsp.readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
  let best = Infinity;
  for (let k = 0; k < passes; k++) {
    const t = performance.now();
    for (const f of files) unzip(await fsp.readFile(f));
    best = Math.min(best, (performance.now() - t) / 1000);
  }
  return best;
}

function setMetric(input: FillInput, id: string, current: unknown): FillInput {
  return { ...input, metrics: input.metrics!.map((m) => (m.id === id ? { ...m, current } : m)) };
}

async function main(): Promise<void> {
  if (!Number.isInteger(N) || N < 1) throw new Error('--n 应为正整数');
  const root = arg('--dir') ?? (await fsp.mkdtemp(path.join(os.tmpdir(), 'yanpan-bench-')));
  const inDir = path.join(root, 'in');
  const outDir = path.join(root, 'out');
  mkdirSync(inDir, { recursive: true });

  // ---- generate ----
  const t0 = performance.now();
  const rosterLines = ['单位代码,单位名称,简称/别名,分类'];
  const missingEvery = 100;
  let sample: Uint8Array | null = null;
  for (let i = 0; i < N + Math.floor(N / missingEvery); i++) {
    const code = `B${String(i + 1).padStart(6, '0')}`;
    const name = `测试单位${String(i + 1).padStart(6, '0')}`;
    const group = `第${(i % 20) + 1}组`;
    rosterLines.push(`${code},${name},,${group}`);
    if (i >= N) continue; // in the roster, never submitted
    const proto = DEMO_UNITS[i % DEMO_UNITS.length];
    let input = unitFillInput(
      { ...proto, code, name, aliases: [], group },
      { seed: 7000 + i, risks: i % 4 === 0 ? 3 : i % 4 === 1 ? 1 : 0 },
      definition,
    );
    // Keep the risks clean of deadlines so warnings/errors are the deliberate ones below.
    input = { ...input, risks: input.risks!.map((r) => ({ ...r, deadline: '2099-12-31' })) };
    if (i % 10 === 3) input = setMetric(input, 'org.partyMeetings', '3次');
    if (i % 33 === 5) input = setMetric(input, 'theory.centralGroup', '若干');
    const bytes = await fillWorkbook(input, definition);
    if (!sample) sample = bytes;
    const sub = path.join(inDir, `批次${Math.floor(i / 1000) + 1}`);
    if (i % 1000 === 0) mkdirSync(sub, { recursive: true });
    writeFileSync(path.join(sub, `${name}.xlsx`), bytes);
  }
  writeFileSync(path.join(root, 'roster.csv'), `\uFEFF${rosterLines.join('\r\n')}\r\n`);
  const genSeconds = (performance.now() - t0) / 1000;
  process.stdout.write(`生成 ${N} 个填报表：${genSeconds.toFixed(1)} 秒（${root}）\n`);

  // ---- single-file figures (this thread) ----
  const chk = await benchCheckBytes(sample!, definition, 10);
  const sub = (await checkWorkbookBytes(sample!, definition)).submission!;
  await unitReportDocx(sub, definition);
  let reportMs = Infinity;
  for (let k = 0; k < 5; k++) {
    const t = performance.now();
    await unitReportDocx(sub, definition);
    reportMs = Math.min(reportMs, performance.now() - t);
  }

  // ---- CPU per file, this thread (robust on a shared machine): reader engines and report writers ----
  const cpuMs = async (runs: number, f: () => Promise<unknown>): Promise<number> => {
    for (let k = 0; k < 5; k++) await f();
    const c0 = process.cpuUsage();
    for (let k = 0; k < runs; k++) await f();
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1000 / runs;
  };
  const cpuCheckFast = await cpuMs(100, () => checkWorkbookBytes(sample!, definition));
  const cpuCheckZlib = await cpuMs(100, () =>
    checkWorkbookBytes(sample!, definition, { inflateRaw: zlibInflateRaw }),
  );
  const cpuReportDirect = await cpuMs(50, () => unitReportDocx(sub, definition));

  // ---- the import ----
  (globalThis as { gc?: () => void }).gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const t1 = performance.now();
  // CPU time of the whole process (worker threads included): robust on a shared machine, unlike wall time
  const cpu0 = process.cpuUsage();
  let lastPrint = 0;
  const summary = await runImport({
    def: definition,
    inputDir: inDir,
    outDir,
    roster: path.join(root, 'roster.csv'),
    jobs: JOBS,
    asOf: '2023-10-15',
    onProgress: (done, total) => {
      peak = Math.max(peak, process.memoryUsage().rss);
      if (process.stdout.isTTY && (done === total || performance.now() - lastPrint > 500)) {
        lastPrint = performance.now();
        process.stdout.write(`\r导入中 ${done}/${total}`);
        if (done === total) process.stdout.write('\n');
      }
    },
  });
  const seconds = (performance.now() - t1) / 1000;
  const cpuDelta = process.cpuUsage(cpu0);
  const cpuSeconds = (cpuDelta.user + cpuDelta.system) / 1e6;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const floorSeconds = await unzipSeconds(inDir);
  const st = summary.timing;
  const lines = [
    `导入 ${N} 个单位（${JOBS ?? os.availableParallelism()} 个线程，${os.availableParallelism()} 核）：${seconds.toFixed(1)} 秒，${(N / seconds).toFixed(1)} 单位/秒`,
    `CPU 时间（所有线程）：${cpuSeconds.toFixed(1)} 秒，每个文件 ${((cpuSeconds * 1000) / N).toFixed(1)} 毫秒；${os.availableParallelism()} 核满载时约 ${(cpuSeconds / os.availableParallelism()).toFixed(1)} 秒`,
    `峰值内存（RSS，含工作线程）：${mb(peak)}（导入前 ${mb(rssBefore)}）`,
    `单个文件：校验 ${chk.meanMs.toFixed(1)} 毫秒（最快 ${chk.minMs.toFixed(1)}），生成单位报告 ${reportMs.toFixed(1)} 毫秒（单线程测得）`,
    `单个文件 CPU：校验 ${cpuCheckFast.toFixed(1)} 毫秒（JavaScript 解压；导入线程用 zlib 解压为 ${cpuCheckZlib.toFixed(1)} 毫秒），单位报告 ${cpuReportDirect.toFixed(1)} 毫秒（unitReportDocx）`,
    `导入中平均：校验 ${(st.checkMsTotal / Math.max(1, st.checkedFiles)).toFixed(1)} 毫秒/文件，报告 ${(st.reportMsTotal / Math.max(1, summary.outputs.reports.length)).toFixed(1)} 毫秒/份`,
    `导入全程（含数据库）${seconds.toFixed(1)} 秒，全部输入文件读取并解压 ${floorSeconds.toFixed(2)} 秒（单线程，三次中最快），比值 ${(seconds / floorSeconds).toFixed(1)}`,
    `结果：通过 ${summary.totals.ok}，有警告 ${summary.totals.warnings}，有错误 ${summary.totals.errors}，未报送 ${summary.totals.missing}；报告 ${summary.outputs.reports.length} 份，退回修改件 ${summary.outputs.returnCopies.length} 份`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  process.stdout.write(
    `BENCH_JSON ${JSON.stringify({ n: N, seconds, cpuSeconds, unitsPerSecond: N / seconds, floorSeconds, floorRatio: seconds / floorSeconds, peakRssMb: peak / 1048576, genSeconds, checkMs: chk.meanMs, reportMs, cpuCheckFast, cpuCheckZlib, cpuReportDirect })}\n`,
  );

  // ---- the page, in Chromium ----
  const browserN = Number(process.env.YANPAN_BENCH_BROWSER_N ?? Math.min(N, 1000));
  if (Number.isInteger(browserN) && browserN > 0) {
    const figure = await browserBench({
      root,
      inDir,
      roster: path.join(root, 'roster.csv'),
      n: browserN,
      asOf: '2023-10-15',
    });
    if (!figure) process.stdout.write('未找到 Chromium（/usr/bin/chromium），跳过浏览器批量汇总的测试。\n');
    else {
      process.stdout.write(`${describeBrowserFigure(figure).join('\n')}\n`);
      process.stdout.write(`BENCH_BROWSER_JSON ${JSON.stringify(figure)}\n`);
    }
  }
  if (!KEEP && !arg('--dir')) await fsp.rm(root, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  process.stderr.write(`基准测试失败：${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 2;
});
