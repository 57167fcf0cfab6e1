// The built pane in headless Chromium, shared by the browser tests and the benchmark: dist/ (webpack
// production, rebuilt only when a source is newer), a static server on 127.0.0.1 (under /no-csp/ the same
// pages without their Content-Security-Policy, the control), and Chromium through playwright-core.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';

/** The repository: the folder above this file (or the bundle it is part of) that holds webpack.config.js. */
function repositoryRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'webpack.config.js')) && path.dirname(dir) !== dir)
    dir = path.dirname(dir);
  return dir;
}

export const ROOT = repositoryRoot();
export const DIST = path.join(ROOT, 'dist');

function newestMtime(p: string): number {
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((f) => newestMtime(path.join(p, f))));
}

/** dist/ is reused when it holds a build newer than every source it is made from. */
export function distIsFresh(): boolean {
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
  if (!outputs.every((f) => existsSync(path.join(DIST, f)))) return false;
  if (!readFileSync(path.join(DIST, 'taskpane.html'), 'utf8').includes('content="office-js/office.js"'))
    return false;
  const built = statSync(path.join(DIST, 'taskpane.js')).mtimeMs;
  const sources = [
    'addin',
    'templates/src',
    'importer/src',
    'webpack.config.js',
    'manifest.xml',
    'package.json',
  ];
  return sources.every((s) => newestMtime(path.join(ROOT, s)) < built);
}

/** Builds dist/ unless it is fresh; the build's milliseconds, or -1 when none was needed. */
export function buildDist(): number {
  if (distIsFresh()) return -1;
  const t0 = Date.now();
  execFileSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/webpack-cli/bin/cli.js'), '--mode', 'production'],
    { cwd: ROOT, stdio: 'pipe', timeout: 600_000, env: { ...process.env, YANPAN_OFFICE_JS: 'local' } },
  );
  return Date.now() - t0;
}

/** Serves dir; under /no-csp/ the same pages with their Content-Security-Policy removed (the control). */
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
    const file = path.join(dir, decodeURIComponent(url.pathname.replace(/^\/no-csp\//, '/')));
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
