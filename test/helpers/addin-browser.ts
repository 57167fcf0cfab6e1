// The task pane in a real browser, for the Chromium tests (test/addin-browser.test.ts,
// test/addin-pane.test.ts): build dist/ once (webpack production; a lock keeps test files running in
// parallel from building at the same time), serve it on 127.0.0.1, open it in headless Chromium
// (playwright-core). Inside "Office" (the address carries Office's _host_Info) office.js is routed to
// test/stubs/office-stub.js, an in-memory Excel workbook / Word document.
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/** The repository: the folder above this file (or the bundle it is part of) that holds webpack.config.js. */
function repositoryRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'webpack.config.js')) && path.dirname(dir) !== dir)
    dir = path.dirname(dir);
  return dir;
}

export const root = repositoryRoot();
export const dist = path.join(root, 'dist');
/** What Office adds to the task pane's address (host, platform, host file version, locale, …). */
export const HOST_INFO = {
  Excel: '_host_Info=Excel$Win32$16.01$zh-CN$$$$0',
  Word: '_host_Info=Word$Win32$16.01$zh-CN$$$$0',
  PowerPoint: '_host_Info=PowerPoint$Win32$16.01$zh-CN$$$$0',
} as const;
export const stubJs = readFileSync(path.join(root, 'test', 'stubs', 'office-stub.js'), 'utf8');
export const CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Generous: the machine may be busy building or running other tests. */
export const POLL = { timeout: 15_000 };
/** Loading the pane (1.6 MB of script, office.js) on a machine running two browser test files at once. */
export const NAVIGATION = { timeout: 120_000 };
/** A browser test: several page loads and commands on a busy machine. */
export const BROWSER_TEST = { timeout: 300_000 };

function newestMtime(p: string): number {
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((f) => newestMtime(path.join(p, f))));
}

/**
 * When dist/ was last built by these tests: webpack leaves an output whose content did not change as it
 * was (so taskpane.js alone would look older than a changed style sheet for ever).
 */
const STAMP = path.join(dist, '.tests-built');

/** dist/ is reused when it holds a build newer than every source it is made from. */
function distIsFresh(): boolean {
  const outputs = [
    'taskpane.js',
    'taskpane.html',
    'taskpane.css',
    'batch.css',
    'boot.js',
    'index.html',
    'commands.html',
    'manifest.xml',
    'office-js/office.js',
  ];
  if (!outputs.every((f) => existsSync(path.join(dist, f))) || !existsSync(STAMP)) return false;
  if (!readFileSync(path.join(dist, 'taskpane.html'), 'utf8').includes('content="office-js/office.js"'))
    return false;
  const built = statSync(STAMP).mtimeMs;
  const sources = [
    'addin',
    'templates/src',
    'templates/definitions',
    'importer/src',
    'webpack.config.js',
    'manifest.xml',
    'package.json',
  ];
  return sources.every((s) => newestMtime(path.join(root, s)) < built);
}

const LOCK = path.join(root, 'node_modules', '.cache', 'yanpan-dist.lock');

/**
 * Runs `build` while holding the build lock: one webpack build at a time across test files (they share
 * webpack's cache and two cores). The lock is a directory, taken atomically; a stale lock older than the
 * build timeout is broken.
 */
export async function withBuildLock<T>(build: () => T | Promise<T>): Promise<T> {
  mkdirSync(path.dirname(LOCK), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 600_000)
        rmSync(LOCK, { recursive: true });
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return await build();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/**
 * Builds dist/ unless it is fresh; returns the build's duration (-1 when none was needed). One test file
 * builds at a time (withBuildLock); the others wait and then find dist/ fresh.
 */
export function ensureDist(): Promise<number> {
  return withBuildLock(() => {
    if (distIsFresh()) return -1;
    const t0 = Date.now();
    const started = new Date();
    execFileSync(
      process.execPath,
      [path.join(root, 'node_modules/webpack-cli/bin/cli.js'), '--mode', 'production'],
      { cwd: root, stdio: 'pipe', timeout: 600_000, env: { ...process.env, YANPAN_OFFICE_JS: 'local' } },
    );
    // Stamped with the build's start: a source saved during the build makes the next run build again.
    writeFileSync(STAMP, '');
    utimesSync(STAMP, started, started);
    return Date.now() - t0;
  });
}

/**
 * Serves dir (a folder's address: its index.html); under /no-csp/ the same pages with their
 * Content-Security-Policy removed (the control).
 */
export function serve(dir: string): Promise<http.Server> {
  const types: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.png': 'image/png',
    '.xml': 'application/xml',
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const noCsp = url.pathname.startsWith('/no-csp/');
    let file = path.join(dir, decodeURIComponent(url.pathname.replace(/^\/no-csp\//, '/')));
    // A folder's address serves its index.html, as any web server a site is put on does.
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!file.startsWith(dir) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404).end('not found');
      return;
    }
    let body: Buffer | string = readFileSync(file);
    if (noCsp && file.endsWith('.html'))
      body = body.toString('utf8').replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    res.end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export const CHROMIUM = '/usr/bin/chromium';

/** Chromium's switches: headless, and nothing of its own reaching the network. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Headless Chromium (/usr/bin/chromium). */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** The served dist/ and the browser: built, served and launched once per test file. */
export interface PaneSite {
  browser: Browser;
  server: http.Server;
  base: string;
  /** Requests the pages tried to send off our origin (aborted). */
  external: string[];
  buildMs: number;
}

/** Serves `dir` (default dist/, built first if stale) and launches the browser. */
export async function startSite(dir?: string): Promise<PaneSite> {
  const buildMs = dir ? -1 : await ensureDist();
  const server = await serve(dir ?? dist);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return { browser: await launchChromium(), server, base, external: [], buildMs };
}

export async function stopSite(site: PaneSite | undefined): Promise<void> {
  await site?.browser.close();
  await new Promise((r) => (site ? site.server.close(r) : r(null)));
}

export interface StubConfig {
  host: 'Excel' | 'Word' | 'PowerPoint' | null;
  failSync?: string;
  sheets?: unknown[];
  platform?: string;
  supported?: Record<string, string>;
  wordDocument?: { paragraphs: string[]; pictures?: number };
}

/** Records every Content-Security-Policy violation of the page in window.__csp. */
export function recordCsp(): void {
  (window as any).__csp = [];
  document.addEventListener('securitypolicyviolation', (e) =>
    (window as any).__csp.push(`${e.violatedDirective} ${e.blockedURI}`),
  );
}

/**
 * Opens the pane. With a stub config the page's address carries Office's _host_Info (the pane is "in
 * Office") and office.js is the stub; 'office-js-fails': in Office, but office.js cannot be loaded;
 * 'browser': a plain browser (no _host_Info).
 */
export async function openPane(
  site: PaneSite,
  config: StubConfig | 'office-js-fails' | 'browser',
  viewport = { width: 360, height: 900 },
): Promise<{ context: BrowserContext; page: Page; errors: string[]; officeJs: string[] }> {
  const { browser, base, external } = site;
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const officeJs: string[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url === CDN || url === `${base}office-js/office.js`) {
      officeJs.push(url);
      if (config === 'office-js-fails') return route.abort('internetdisconnected');
      return route.fulfill({ status: 200, contentType: 'text/javascript', body: stubJs });
    }
    if (url.startsWith(base)) return route.continue();
    external.push(url);
    return route.abort();
  });
  await context.addInitScript(recordCsp);
  if (typeof config === 'object')
    await context.addInitScript((c) => ((window as any).__officeStubConfig = c), config);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const query =
    config === 'browser'
      ? ''
      : config === 'office-js-fails'
        ? `?${HOST_INFO.Excel}`
        : config.host
          ? `?${HOST_INFO[config.host]}`
          : `?${HOST_INFO.Excel}`;
  await page.goto(`${base}taskpane.html${query}`, NAVIGATION);
  return { context, page, errors, officeJs };
}

/** The page's CSP violations so far (none expected: the pages need nothing the policy forbids). */
export const csp = (page: Page): Promise<string[]> => page.evaluate(() => (window as any).__csp);

/** What the stub recorded (sheets by name only: a large sheet is not copied out on every look). */
export const stub = (page: Page) =>
  page.evaluate(() => {
    const s = (window as any).__officeStub;
    return {
      ...s,
      edit: undefined,
      sheets: s.sheets.map((x: any) => ({ name: x.name })),
      changeHandlers: s.changeHandlers.length,
    };
  });
