// The browser figure of `npm run bench`: N workbooks through 批量汇总 in the standalone page, in headless
// Chromium (the production build in dist/, served on 127.0.0.1), chosen as a folder the way a user's
// browser without a directory picker hands them over (<input webkitdirectory>). Prints the time from
// 开始汇总 to the .zip, the page's peak JS heap (its main thread: the outputs and the tracking workbook
// live there) and the peak memory of all Chromium processes (RSS, Web Workers included; Linux only).
// Printed, never asserted.
import { copyFileSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS, dist as DIST, ensureDist, serve } from '../test/helpers/addin-browser';

export interface BrowserFigure {
  n: number;
  seconds: number;
  peakHeapMb: number;
  peakRssMb: number | null;
  /** All Chromium processes before 开始汇总 (the page loaded, nothing chosen yet). */
  rssBeforeMb: number | null;
  workers: number;
  buildSeconds: number;
}

const mb = (b: number) => b / 1024 / 1024;

/** Every file under dir, sorted (the order the generator wrote them in). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .sort();
}

/** RSS of every process whose command line names `marker` (the browser's profile folder). */
function rssOf(marker: string): number | null {
  if (process.platform !== 'linux') return null;
  let total = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker)) continue;
      const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) total += Number(m[1]) * 1024;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/** Runs the page on the first `n` workbooks of `inDir` with `roster`; null when there is no Chromium. */
export async function browserBench(opts: {
  root: string;
  inDir: string;
  roster: string;
  n: number;
  asOf: string;
}): Promise<BrowserFigure | null> {
  if (!statSync(CHROMIUM, { throwIfNoEntry: false })) return null;
  const t0 = performance.now();
  await ensureDist();
  const buildSeconds = (performance.now() - t0) / 1000;
  // The first n workbooks, in a folder of their own.
  let folder = opts.inDir;
  const all = filesUnder(opts.inDir);
  if (opts.n < all.length) {
    folder = path.join(opts.root, 'browser-in');
    mkdirSync(folder, { recursive: true });
    for (const f of all.slice(0, opts.n)) copyFileSync(f, path.join(folder, path.basename(f)));
  }
  const server: http.Server = await serve(DIST);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const profile = path.join(opts.root, 'chromium-profile');
  const { chromium } = await import('playwright-core');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
  });
  try {
    const page = await context.newPage();
    const workers: string[] = [];
    page.on('worker', (w) => workers.push(w.url()));
    await page.goto(`${base}taskpane.html`);
    await page.waitForSelector('body[data-host="standalone"]');
    await page.click('#open-batch');
    await page.setInputFiles('#batch-folder-input', folder);
    await page.setInputFiles('#batch-roster-input', opts.roster);
    await page.fill('#batch-as-of', opts.asOf);
    await page.waitForFunction(() => !(document.getElementById('batch-start') as HTMLButtonElement).disabled);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    let peakHeap = 0;
    let peakRss = 0;
    let sampling = true;
    const sample = async () => {
      while (sampling) {
        const { metrics } = await cdp.send('Performance.getMetrics');
        peakHeap = Math.max(peakHeap, metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0);
        peakRss = Math.max(peakRss, rssOf(profile) ?? 0);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const rssBefore = rssOf(profile);
    const sampler = sample();
    const t1 = performance.now();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 3_600_000 }),
      page.click('#batch-start'),
    ]);
    const seconds = (performance.now() - t1) / 1000;
    sampling = false;
    await sampler;
    await download.path();
    return {
      n: Math.min(opts.n, all.length),
      seconds,
      peakHeapMb: mb(peakHeap),
      peakRssMb: rssBefore !== null ? mb(peakRss) : null,
      rssBeforeMb: rssBefore !== null ? mb(rssBefore) : null,
      workers: workers.filter((u) => u.includes('yanpan-check')).length,
      buildSeconds,
    };
  } finally {
    await context.close();
    await new Promise((r) => server.close(r));
  }
}

/** The lines `npm run bench` prints for the browser figure. */
export function describeBrowserFigure(f: BrowserFigure): string[] {
  return [
    `浏览器批量汇总 ${f.n} 个单位（Chromium，启动 Web Worker ${f.workers} 个，${os.availableParallelism()} 核）：` +
      `${f.seconds.toFixed(1)} 秒，${(f.n / f.seconds).toFixed(1)} 单位/秒`,
    `浏览器峰值内存：页面主线程 JS 堆 ${f.peakHeapMb.toFixed(0)} MB` +
      (f.peakRssMb !== null
        ? `；Chromium 全部进程 RSS ${f.peakRssMb.toFixed(0)} MB（开始前 ${f.rssBeforeMb!.toFixed(0)} MB）`
        : '') +
      (f.buildSeconds > 1 ? `（构建页面 ${f.buildSeconds.toFixed(0)} 秒，不计入）` : ''),
  ];
}
