// npm run package (scripts/package.mjs --web): the web folder dist/yanpan-web/, built once into a temporary
// folder outside the repository, served as it is by a plain static server (test/helpers/addin-browser.ts
// serve: files only, a folder's address gives its index.html) and opened in headless Chromium: the
// standalone page starts from the site's address, checks a workbook chosen in its file input, and sends no
// request off its own origin.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAnnouncement } from '../addin/src/taskpane/pipeline';
import { checkWorkbookBytes } from '../templates/src/check/check-bytes';
import { DefinitionRegistry } from '../templates/src/standard/registry';
import { fillWorkbook } from '../templates/src/template/fill';
import { flawedInput } from './addin-fixtures';
import {
  BROWSER_TEST,
  NAVIGATION,
  POLL,
  XLSX_MIME,
  recordCsp,
  root,
  startSite,
  stopSite,
  withBuildLock,
  type PaneSite,
} from './helpers/addin-browser';
import { has, tempDir } from './helpers/tools';
import { definition } from '../templates/src/index';

const ready = has('chromium');
const build = tempDir('yanpan-package-web-');
const web = path.join(build.dir, 'yanpan-web');
let site: PaneSite | undefined;

beforeAll(async () => {
  if (!ready) return;
  // One webpack build at a time across test files (the browser tests build dist/ under the same lock).
  await withBuildLock(() =>
    promisify(execFile)(process.execPath, ['scripts/package.mjs', '--web', '--dist', build.dir], {
      cwd: root,
      timeout: 600_000,
      maxBuffer: 64 * 1024 * 1024,
    }),
  );
  site = await startSite(web);
}, 900_000);
afterAll(async () => {
  await stopSite(site);
  build.cleanup();
});

describe.skipIf(!ready)('npm run package: the web folder', BROWSER_TEST, () => {
  it('holds the pages, their scripts and office.js, and a manifest for the production address', () => {
    const files = readdirSync(web, { recursive: true, encoding: 'utf8' }).map((f) =>
      f.split(path.sep).join('/'),
    );
    for (const f of [
      'index.html',
      'taskpane.html',
      'taskpane.js',
      'commands.html',
      'manifest.xml',
      'boot.js',
    ])
      expect(files).toContain(f);
    // office.js is deployed with the site (intranets cannot reach Microsoft's CDN), and no source maps.
    expect(existsSync(path.join(web, 'office-js', 'office.js'))).toBe(true);
    expect(readFileSync(path.join(web, 'index.html'), 'utf8')).toContain('content="office-js/office.js"');
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(readFileSync(path.join(web, 'manifest.xml'), 'utf8')).not.toContain('https://localhost:3000/');
  });

  it('the standalone page starts from the site address, checks a workbook, and nothing leaves the origin', async () => {
    const { browser, base } = site!;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const requested: string[] = [];
    const external: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      requested.push(url);
      if (url.startsWith(base)) return route.continue();
      external.push(url);
      return route.abort();
    });
    await context.addInitScript(recordCsp);
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(base, NAVIGATION);
      await page.waitForSelector('body[data-host="standalone"]', POLL);

      // A workbook with errors and warnings: the page finds what the checker finds in Node.
      const bytes = await fillWorkbook(flawedInput(), definition);
      const expected = await checkWorkbookBytes(bytes, new DefinitionRegistry());
      expect(expected.issues.some((i) => i.severity === 'error')).toBe(true);
      await page.setInputFiles('#standalone-file', {
        name: '市妇联.xlsx',
        mimeType: XLSX_MIME,
        buffer: Buffer.from(bytes),
      });
      await page.waitForSelector('#results-file:text("文件：市妇联.xlsx")', POLL);
      await expect.poll(() => page.textContent('#announce'), POLL).toBe(checkAnnouncement(expected.issues));
      await page.waitForSelector('#issues .badge.error', POLL);

      expect(errors).toEqual([]);
      expect(await page.evaluate(() => (window as any).__csp)).toEqual([]);
      // The page and its script came from the served folder; office.js is not loaded outside Office.
      expect(requested).toContain(base);
      expect(requested).toContain(`${base}taskpane.js`);
      expect(requested.filter((u) => u.includes('office.js'))).toEqual([]);
      expect(external).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
