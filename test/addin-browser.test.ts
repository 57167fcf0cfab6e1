// The task pane in a real browser: build dist/ (webpack production), serve it on 127.0.0.1, open it in
// headless Chromium (playwright-core) with office.js routed to test/stubs/office-stub.js, an in-memory
// Excel workbook / Word document. Drives the Excel view (insert, check, select an issue, generate), the
// Word view (choose a workbook, insert, open as new) and the standalone view (no Office).
// UPDATE_SCREENSHOTS=1 also writes docs/addin-{excel,word,standalone}.png (360 px wide).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { definition } from '../templates/src/standard/ideology';
import { writeTemplate } from '../templates/src/template/writer';
import { fillWorkbook, type FillInput } from '../templates/src/template/fill';
import { sampleSubmission } from '../templates/src/standard/sample';
import { checkWorkbookBytes } from '../templates/src/check/check-bytes';
import { reportFileName, reportTitle } from '../templates/src/report/index';
import { groupIssues } from '../addin/src/taskpane/pipeline';
import { docxText, officeSnapshotsFromXlsx } from './addin-fixtures';
import { has } from './helpers/tools';

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');
const stubJs = readFileSync(path.join(root, 'test', 'stubs', 'office-stub.js'), 'utf8');
const CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const screenshots = process.env.UPDATE_SCREENSHOTS === '1';
/** Generous: the machine may be busy building or running other tests. */
const POLL = { timeout: 15_000 };
const HOSTILE = '<img src=x onerror="window.__pwned=1">';

function newestMtime(p: string): number {
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((f) => newestMtime(path.join(p, f))));
}

/** dist/ is reused when it holds a build newer than every source it is made from. */
function distIsFresh(): boolean {
  const outputs = [
    'taskpane.js',
    'taskpane.html',
    'index.html',
    'commands.html',
    'manifest.xml',
    'office-js/office.js',
  ];
  if (!outputs.every((f) => existsSync(path.join(dist, f)))) return false;
  if (!readFileSync(path.join(dist, 'taskpane.html'), 'utf8').includes('office-js/office.js')) return false;
  const built = statSync(path.join(dist, 'taskpane.js')).mtimeMs;
  const sources = ['addin', 'templates/src', 'webpack.config.js', 'manifest.xml', 'package.json'];
  return sources.every((s) => newestMtime(path.join(root, s)) < built);
}

function serve(dir: string): Promise<http.Server> {
  const types: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.png': 'image/png',
    '.xml': 'application/xml',
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const file = path.join(dir, decodeURIComponent(url.pathname));
    if (!file.startsWith(dir) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

let server: http.Server | undefined;
let browser: Browser | undefined;
let base = '';
const external: string[] = [];
let buildMs = -1;

/** What a user typically gets wrong: a hostile/garbled phone, '3次', a negative count, a bad level. */
function flawedInput(hostile = false): FillInput {
  const sub = sampleSubmission();
  return {
    ...sub,
    phone: hostile ? HOSTILE : '6512',
    metrics: sub.metrics.map((m) =>
      m.id === 'theory.centralGroup'
        ? { ...m, current: '3次' }
        : m.id === 'org.reportsUp'
          ? { ...m, current: -1 }
          : m,
    ),
    risks: sub.risks.map((r, i) => (i === 1 ? { ...r, level: '很高' } : r)),
  } as FillInput;
}

interface StubConfig {
  host: 'Excel' | 'Word' | null;
  failSync?: string;
  sheets?: unknown[];
  platform?: string;
  supported?: Record<string, string>;
}

async function openPane(
  config: StubConfig | 'office-js-fails',
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser!.newContext({ viewport: { width: 360, height: 900 }, acceptDownloads: true });
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url === CDN || url === `${base}office-js/office.js`) {
      if (config === 'office-js-fails') return route.abort('internetdisconnected');
      return route.fulfill({ status: 200, contentType: 'text/javascript', body: stubJs });
    }
    if (url.startsWith(base)) return route.continue();
    external.push(url);
    return route.abort();
  });
  if (config !== 'office-js-fails')
    await context.addInitScript((c) => ((window as any).__officeStubConfig = c), config);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${base}taskpane.html`);
  return { context, page, errors };
}

const stub = (page: Page) => page.evaluate(() => (window as any).__officeStub);

const ready = has('chromium');

beforeAll(async () => {
  if (!ready) return;
  if (!distIsFresh()) {
    const t0 = Date.now();
    execFileSync(
      process.execPath,
      [path.join(root, 'node_modules/webpack-cli/bin/cli.js'), '--mode', 'production'],
      {
        cwd: root,
        stdio: 'pipe',
        timeout: 600_000,
        env: { ...process.env, YANPAN_OFFICE_JS: 'local' },
      },
    );
    buildMs = Date.now() - t0;
  }
  server = await serve(dist);
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => (server ? server.close(r) : r(null)));
  if (buildMs >= 0) process.stderr.write(`[addin-browser] webpack production build: ${buildMs} ms\n`);
});

describe.skipIf(!ready)('task pane in Chromium', () => {
  let flawedBytes: Uint8Array;
  let cleanBytes: Uint8Array;
  beforeAll(async () => {
    flawedBytes = await fillWorkbook(flawedInput());
    cleanBytes = await fillWorkbook(sampleSubmission());
  });

  it('built dist/ loads office.js from its own origin and ships a production manifest', () => {
    const html = readFileSync(path.join(dist, 'taskpane.html'), 'utf8');
    expect(html).toMatch(/<script src="office-js\/office\.js"/);
    expect(html).not.toContain('appsforoffice.microsoft.com');
    expect(existsSync(path.join(dist, 'office-js', 'zh-cn', 'office_strings.js'))).toBe(true);
    expect(readFileSync(path.join(dist, 'index.html'), 'utf8')).toBe(html);
    const manifest = readFileSync(path.join(dist, 'manifest.xml'), 'utf8');
    expect(manifest).not.toContain('https://localhost:3000/');
    expect(manifest).toContain('https://yanpan.example.gov.cn/taskpane.html');
    for (const size of [16, 32, 64, 80, 128])
      expect(existsSync(path.join(dist, 'assets', `icon-${size}.png`))).toBe(true);
  });

  it('Excel: insert the template, check, select an issue (click and Enter), generate the report', async () => {
    const { context, page, errors } = await openPane({ host: 'Excel', platform: 'PC' });
    try {
      await page.waitForSelector('body[data-host="excel"]');
      expect(await page.isVisible('#view-excel')).toBe(true);
      expect(await page.isVisible('#view-word')).toBe(false);
      expect(await page.textContent('#host-label')).toBe('Excel 加载项');

      // 插入标准填报表: the stub records the base64; it must be exactly the template.
      await page.getByRole('button', { name: '插入标准填报表' }).click();
      await page.waitForSelector('#notices p.success');
      let s = await stub(page);
      expect(s.insertedWorksheets).toHaveLength(1);
      expect(s.insertedWorksheets[0].options).toEqual({ positionType: 'End' });
      const inserted = Buffer.from(s.insertedWorksheets[0].base64, 'base64');
      // Written by the browser build of exceljs: same sheets, cells, formats and states as in Node.
      const templateSheets = await officeSnapshotsFromXlsx(new Uint8Array(inserted));
      expect(templateSheets).toEqual(await officeSnapshotsFromXlsx(await writeTemplate(definition)));
      expect(s.activated).toEqual([definition.sheets.info]);
      // Excel now holds the template's sheets.
      await page.evaluate((sheets) => (window as any).__officeStub.sheets.push(...sheets), templateSheets);
      s = await stub(page);
      for (const name of Object.values(definition.sheets))
        expect(s.sheets.map((x: any) => x.name)).toContain(name);

      // Inserting again is refused with a clear message.
      await page.getByRole('button', { name: '插入标准填报表' }).click();
      await page.waitForSelector('#notices p.warning');
      expect(await page.textContent('#notices')).toContain('未重复插入');
      expect((await stub(page)).insertedWorksheets).toHaveLength(1);

      // The user fills the sheets (with mistakes); 校验 lists the same issues as the file checker.
      const filled = await officeSnapshotsFromXlsx(flawedBytes);
      await page.evaluate((sheets) => ((window as any).__officeStub.sheets = sheets), filled);
      const expected = await checkWorkbookBytes(flawedBytes, definition);
      expect(expected.issues.length).toBeGreaterThanOrEqual(4);
      const loadsBefore = (await stub(page)).loads.length;
      await page.getByRole('button', { name: '校验' }).click();
      await page.waitForSelector('#results:not([hidden]) li');
      s = await stub(page);
      expect(s.loads.slice(loadsBefore)[0]).toBe('items/name,items/visibility');
      expect(s.loads.slice(loadsBefore).slice(1)).toEqual(
        filled.map(() => 'address,values,valueTypes,numberFormat'),
      );
      const headings = await page.locator('#issues h3').allTextContents();
      expect(headings).toEqual(
        groupIssues(expected.issues, definition).map((g) => `${g.sheet}（${g.issues.length}）`),
      );
      const items = await page.locator('#issues li').allTextContents();
      const ordered = groupIssues(expected.issues, definition).flatMap((g) => g.issues);
      expect(items).toEqual(
        ordered.map((i) => `${i.severity === 'error' ? '错误' : '警告'}${i.cell ?? ''}${i.message}`),
      );
      expect(await page.textContent('#issues .summary')).toMatch(/^发现\d+处错误/);

      // Clicking an issue selects its cell.
      const phone = expected.issues.find((i) => i.rule === 'field.phone')!;
      await page.locator('button.issue', { hasText: phone.message }).click();
      await expect
        .poll(async () => (await stub(page)).selected, POLL)
        .toEqual([{ sheet: phone.sheet, address: phone.cell }]);
      expect(await page.locator('button.issue[aria-current="true"]').textContent()).toContain(phone.message);
      // … and so does Enter on a focused issue.
      const negative = expected.issues.find((i) => i.rule === 'metric.negative')!;
      await page.locator('button.issue', { hasText: negative.message }).focus();
      await page.keyboard.press('Enter');
      await expect
        .poll(async () => (await stub(page)).selected.at(-1), POLL)
        .toEqual({ sheet: negative.sheet, address: negative.cell });
      if (screenshots) await page.screenshot({ path: path.join(root, 'docs', 'addin-excel.png') });

      // 生成报告: the .docx is built in the pane and downloaded.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: '生成报告' }).click(),
      ]);
      const sub = expected.submission!;
      expect(download.suggestedFilename()).toBe(reportFileName(sub, definition));
      const docx = readFileSync(await download.path());
      const text = await docxText(new Uint8Array(docx));
      expect(text.split('\n')).toContain(reportTitle(sub, definition));
      expect(await page.textContent('#notices')).toMatch(/填报表还有\d+处错误/);
      expect(await page.textContent('#download a')).toBe(`下载报告：${reportFileName(sub, definition)}`);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Excel on Mac without ExcelApi 1.13: 插入 explains; the report is offered but Word is suggested', async () => {
    const sheets = await officeSnapshotsFromXlsx(cleanBytes);
    const { context, page, errors } = await openPane({
      host: 'Excel',
      platform: 'Mac',
      supported: { ExcelApi: '1.12' },
      sheets,
    });
    try {
      await page.waitForSelector('body[data-host="excel"]');
      await page.getByRole('button', { name: '插入标准填报表' }).click();
      await page.waitForSelector('#notices p.error');
      expect(await page.textContent('#notices p.error')).toContain('ExcelApi 1.13');
      expect((await stub(page)).insertedWorksheets).toEqual([]);

      const downloads: string[] = [];
      page.on('download', (d) => downloads.push(d.suggestedFilename()));
      await page.getByRole('button', { name: '生成报告' }).click();
      await page.waitForSelector('#download:not([hidden]) a');
      const sub = (await checkWorkbookBytes(cleanBytes, definition)).submission!;
      expect(await page.getAttribute('#download a', 'download')).toBe(reportFileName(sub, definition));
      expect(await page.textContent('#notices')).toContain('Mac版Excel的任务窗格不能下载文件');
      expect(await page.textContent('#notices')).toContain('在Word中打开本加载项');
      expect(downloads).toEqual([]); // not started automatically where the host blocks it
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Excel: a host error is shown in the pane, and the pane stays usable', async () => {
    const { context, page, errors } = await openPane({
      host: 'Excel',
      failSync: 'GeneralException: 模拟的宿主错误',
    });
    try {
      await page.waitForSelector('body[data-host="excel"]');
      await page.getByRole('button', { name: '校验' }).click();
      await page.waitForSelector('#notices p.error[role="alert"]');
      expect(await page.textContent('#notices p.error')).toBe(
        '操作失败：GeneralException: 模拟的宿主错误。请重试；如仍失败，请保存文件后重新打开本任务窗格。',
      );
      expect(await page.isHidden('#progress')).toBe(true);
      expect(await page.getByRole('button', { name: '校验' }).isEnabled()).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Word: choose a completed workbook, insert the report, open it as a new document', async () => {
    const { context, page, errors } = await openPane({ host: 'Word', platform: 'PC' });
    try {
      await page.waitForSelector('body[data-host="word"]');
      expect(await page.isVisible('#view-word')).toBe(true);
      const insert = page.getByRole('button', { name: '插入报告' });
      expect(await insert.isDisabled()).toBe(true);
      await page.setInputFiles('#word-file', {
        name: '市交通运输局.xlsx',
        mimeType: XLSX_MIME,
        buffer: Buffer.from(cleanBytes),
      });
      await page.waitForSelector('#results:not([hidden])');
      expect(await page.textContent('#results-file')).toBe('文件：市交通运输局.xlsx');
      const expected = await checkWorkbookBytes(cleanBytes, definition);
      expect(await page.locator('#issues li').count()).toBe(expected.issues.length);
      await expect.poll(() => insert.isEnabled(), POLL).toBe(true);
      if (screenshots) await page.screenshot({ path: path.join(root, 'docs', 'addin-word.png') });

      await insert.click();
      await page.waitForSelector('#notices p.success');
      const s = await stub(page);
      expect(s.wordInserts).toHaveLength(1);
      expect(s.wordInserts[0]).toMatchObject({ target: 'document', location: 'Replace' });
      const sub = expected.submission!;
      const text = await docxText(new Uint8Array(Buffer.from(s.wordInserts[0].base64, 'base64')));
      expect(text.split('\n')).toContain(reportTitle(sub, definition));
      expect(text).toContain('市交通运输局');
      expect(await page.textContent('#notices')).toBe('报告已插入当前文档（含页面设置、页眉页脚和页码）。');

      await page.getByRole('button', { name: '在新文档中打开' }).click();
      await page.waitForSelector('#notices p.success');
      await expect.poll(async () => (await stub(page)).openedDocuments, POLL).toBe(1);
      const created = (await stub(page)).createdDocuments;
      expect(created).toHaveLength(1);
      expect(await docxText(new Uint8Array(Buffer.from(created[0], 'base64')))).toContain(
        reportTitle(sub, definition),
      );
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Word before WordApi 1.5: Body.insertFileFromBase64 and a note that page numbers are lost', async () => {
    const { context, page } = await openPane({ host: 'Word', supported: { WordApi: '1.4' } });
    try {
      await page.waitForSelector('body[data-host="word"]');
      await page.setInputFiles('#word-file', {
        name: 'a.xlsx',
        mimeType: XLSX_MIME,
        buffer: Buffer.from(cleanBytes),
      });
      await expect.poll(() => page.getByRole('button', { name: '插入报告' }).isEnabled(), POLL).toBe(true);
      await page.getByRole('button', { name: '插入报告' }).click();
      await page.waitForSelector('#notices p.warning');
      expect((await stub(page)).wordInserts.map((w: any) => w.target)).toEqual(['body']);
      expect(await page.textContent('#notices')).toContain('页码已丢失');
    } finally {
      await context.close();
    }
  });

  it('standalone (office.js unreachable): choose a file → issues → download the report', async () => {
    const { context, page, errors } = await openPane('office-js-fails');
    try {
      await page.waitForSelector('body[data-host="standalone"]');
      expect(await page.isVisible('#view-standalone')).toBe(true);
      expect(await page.textContent('#host-label')).toBe('独立使用（无需安装Office）');
      const button = page.getByRole('button', { name: '下载报告' });

      // A file that is not a workbook: a clear message naming the file, no report.
      await page.setInputFiles('#standalone-file', {
        name: '报送.xlsx',
        mimeType: XLSX_MIME,
        buffer: Buffer.from('这不是Excel文件'),
      });
      await page.waitForSelector('#notices p.error');
      expect(await page.textContent('#notices p.error')).toMatch(/^“报送\.xlsx”无法生成报告：/);
      expect(await button.isDisabled()).toBe(true);

      // A workbook with mistakes: the issues are listed.
      await page.setInputFiles('#standalone-file', {
        name: 'flawed.xlsx',
        mimeType: XLSX_MIME,
        buffer: Buffer.from(flawedBytes),
      });
      await page.waitForSelector('#results-file:text("文件：flawed.xlsx")');
      const expected = await checkWorkbookBytes(flawedBytes, definition);
      expect(await page.locator('#issues li').count()).toBe(expected.issues.length);
      expect(await page.locator('button.issue').count()).toBe(0); // no cells to select outside Excel
      if (screenshots) await page.screenshot({ path: path.join(root, 'docs', 'addin-standalone.png') });

      // Text from a workbook is shown as text, never parsed as HTML.
      await page.setInputFiles('#standalone-file', {
        name: '<b>x</b>.xlsx',
        mimeType: XLSX_MIME,
        buffer: Buffer.from(await fillWorkbook(flawedInput(true))),
      });
      await page.waitForSelector('#results-file:text("文件：<b>x</b>.xlsx")');
      expect(await page.locator('#issues').textContent()).toContain(HOSTILE);
      expect(await page.locator('main img, main b').count()).toBe(0);
      expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();

      // Usable at 320 px: nothing wider than the pane.
      await page.setViewportSize({ width: 320, height: 800 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

      // A completed workbook: download the report.
      await page.setInputFiles('#standalone-file', {
        name: 'ok.xlsx',
        mimeType: XLSX_MIME,
        buffer: Buffer.from(cleanBytes),
      });
      await page.waitForSelector('#results-file:text("文件：ok.xlsx")');
      await expect.poll(() => button.isEnabled(), POLL).toBe(true);
      const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
      const sub = (await checkWorkbookBytes(cleanBytes, definition)).submission!;
      expect(download.suggestedFilename()).toBe(reportFileName(sub, definition));
      const text = await docxText(new Uint8Array(readFileSync(await download.path())));
      expect(text.split('\n')).toContain(reportTitle(sub, definition));
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('standalone when office.js loads but there is no Office host', async () => {
    const { context, page } = await openPane({ host: null });
    try {
      await page.waitForSelector('body[data-host="standalone"]');
      expect(await page.isVisible('#view-standalone')).toBe(true);
    } finally {
      await context.close();
    }
  });

  it('made no request to any outside service', () => {
    expect(external).toEqual([]);
  });
});
