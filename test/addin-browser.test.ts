// The task pane in a real browser: build dist/ (webpack production), serve it on 127.0.0.1, open it in
// headless Chromium (playwright-core). Inside "Office" (the address carries Office's _host_Info) office.js
// is routed to test/stubs/office-stub.js, an in-memory Excel workbook / Word document: drives the Excel
// view (insert, check, select an issue, generate, draft), the Word view (choose a workbook, insert — asking
// first when the document has content —, open as new) and the standalone view (no Office). Then the REAL
// office.js for ≥5 s, in a plain browser and as if in Office: no request may leave our origin. Plus the
// page without script, in an old web view, and in an Office host we do not serve.
// UPDATE_SCREENSHOTS=1 also writes docs/addin-{excel,word,standalone}.png (360 px wide).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as acorn from 'acorn';
import { definition } from '../templates/src/standard/ideology';
import { writeTemplate } from '../templates/src/template/writer';
import { fillWorkbook } from '../templates/src/template/fill';
import { sampleSubmission } from '../templates/src/samples/submission';
import { checkWorkbookBytes } from '../templates/src/check/check-bytes';
import { DRAFT_NOTE, reportFileName, reportTitle } from '../templates/src/report/index';
import { groupIdentical, groupIssues } from '../addin/src/taskpane/pipeline';
import { docxText, flawedInput, officeSnapshotsFromXlsx } from './addin-fixtures';
import { has } from './helpers/tools';
import {
  BROWSER_TEST,
  HOST_INFO,
  NAVIGATION,
  POLL,
  XLSX_MIME,
  csp,
  dist,
  openPane as open,
  recordCsp,
  root,
  startSite,
  stopSite,
  stub,
  type PaneSite,
  type StubConfig,
} from './helpers/addin-browser';

const screenshots = process.env.UPDATE_SCREENSHOTS === '1';
const HOSTILE = '<img src=x onerror="window.__pwned=1">';

let site: PaneSite | undefined;
let base = '';
const openPane = (config: StubConfig | 'office-js-fails' | 'browser') => open(site!, config);

const ready = has('chromium');

beforeAll(async () => {
  if (!ready) return;
  site = await startSite();
  base = site.base;
}, 600_000);

afterAll(async () => {
  await stopSite(site);
  if (site && site.buildMs >= 0)
    process.stderr.write(`[addin-browser] webpack production build: ${site.buildMs} ms\n`);
});

describe.skipIf(!ready)('task pane in Chromium', BROWSER_TEST, () => {
  let flawedBytes: Uint8Array;
  let cleanBytes: Uint8Array;
  beforeAll(async () => {
    flawedBytes = await fillWorkbook(flawedInput(), definition);
    cleanBytes = await fillWorkbook(sampleSubmission(definition), definition);
  });

  it('built dist/: office.js only by the pane’s choice, the CSP, the unchanged office.js, the manifest', async () => {
    const html = readFileSync(path.join(dist, 'taskpane.html'), 'utf8');
    // No <script> for office.js: taskpane.ts adds it inside Office only.
    expect(html).not.toMatch(/<script[^>]*office\.js/);
    expect(html).toContain('<meta name="yanpan-office-js" content="office-js/office.js"/>');
    // Our own origin only: nothing may be loaded, framed, fetched or posted anywhere else.
    const policy = (page: string) =>
      /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(page)?.[1].split('; ');
    expect(policy(html)).toEqual([
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self'",
      "connect-src 'self'",
      "frame-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
    ]);
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
    expect(policy(readFileSync(path.join(dist, 'commands.html'), 'utf8'))).toEqual(policy(html));
    // Built for Microsoft's CDN, the policy adds that one script host.
    const config = await import(path.join(root, 'webpack.config.js'));
    expect(config.contentSecurityPolicy('cdn')).toContain(
      "script-src 'self' https://appsforoffice.microsoft.com;",
    );
    expect(html).not.toContain('appsforoffice.microsoft.com');
    expect(html).not.toMatch(/<style|style="|onerror=|onload=/);
    // Microsoft's files are shipped as published (not re-minified).
    const officeDist = path.join(root, 'node_modules/@microsoft/office-js/dist');
    for (const f of ['office.js', 'excel-win32-16.01.js', 'word-web-16.00.js', 'zh-cn/office_strings.js'])
      expect(
        readFileSync(path.join(dist, 'office-js', f)).equals(readFileSync(path.join(officeDist, f))),
        f,
      ).toBe(true);
    // The start-up guard runs in any web view Office has used: ES5 only.
    expect(() =>
      acorn.parse(readFileSync(path.join(dist, 'boot.js'), 'utf8'), { ecmaVersion: 5 }),
    ).not.toThrow();
    expect(readFileSync(path.join(dist, 'index.html'), 'utf8')).toBe(html);
    const manifest = readFileSync(path.join(dist, 'manifest.xml'), 'utf8');
    expect(manifest).not.toContain('https://localhost:3000/');
    expect(manifest).toContain('https://yanpan.example.gov.cn/taskpane.html');
    for (const size of [16, 32, 64, 80, 128])
      expect(existsSync(path.join(dist, 'assets', `icon-${size}.png`))).toBe(true);
  });

  it('Excel: insert the template, check, select an issue (click and Enter), refuse the report, draft', async () => {
    const { context, page, errors, officeJs } = await openPane({ host: 'Excel', platform: 'PC' });
    try {
      await page.waitForSelector('body[data-host="excel"]');
      expect(officeJs).toEqual([`${base}office-js/office.js`]);
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

      // The user fills the sheets (with mistakes) and keeps a large ledger of their own in the workbook;
      // 校验 lists the same issues as the file checker, reading only the standard sheets, bounded.
      const filled = await officeSnapshotsFromXlsx(flawedBytes);
      // The ledger (as bigSheet makes it) is built in the page: Playwright copies large arguments slowly.
      await page.evaluate(
        ([sheets, name, rows]) => {
          const own = {
            name,
            visibility: 'Visible',
            address: `'${name}'!A1:C${rows}`,
            values: Array.from({ length: rows }, (_, i) => [
              `第${i + 1}条记录`,
              i,
              '已办结的一般事项说明文字',
            ]),
            valueTypes: Array.from({ length: rows }, () => ['String', 'Double', 'String']),
            numberFormat: Array.from({ length: rows }, () => ['General', 'General', 'General']),
          };
          (window as any).__officeStub.sheets = [...sheets, own];
        },
        [filled, '本单位台账', 60_000] as const,
      );
      const expected = await checkWorkbookBytes(flawedBytes, definition);
      expect(expected.issues.length).toBeGreaterThanOrEqual(4);
      await page.getByRole('button', { name: '校验' }).click();
      await page.waitForSelector('#results:not([hidden]) li');
      s = await stub(page);
      expect(s.reads.map((r: any) => r.sheet)).toEqual(filled.filter((x) => x.address).map((x) => x.name));
      expect(s.usedRanges.map((u: any) => u.sheet)).not.toContain('本单位台账');
      expect(s.largestResponse).toBeLessThan(500_000);
      const headings = await page.locator('#issues h3').allTextContents();
      expect(headings).toEqual(
        groupIssues(expected.issues, definition).map((g) => `${g.sheet}（${g.issues.length}）`),
      );
      const items = await page.locator('#issues li').allTextContents();
      const lines = groupIssues(expected.issues, definition).flatMap((g) => groupIdentical(g.issues));
      expect(lines.every((l) => l.issues.length === 1)).toBe(true); // no identical issues here
      expect(items).toEqual(
        lines.map(
          ({ issues: [i] }) => `${i.severity === 'error' ? '错误' : '警告'}${i.cell ?? ''}${i.message}`,
        ),
      );
      expect(await page.textContent('#summary')).toMatch(/^发现\d+处错误/);
      expect(await page.isVisible('#draft')).toBe(true);

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

      // 生成报告 with errors: no report, the list, and the offer of a draft.
      const downloads: string[] = [];
      page.on('download', (d) => downloads.push(d.suggestedFilename()));
      await page.getByRole('button', { name: '生成报告' }).click();
      await page.waitForSelector('#notices p.error');
      expect(await page.textContent('#notices')).toMatch(/^填报表还有\d+处错误，未生成报告。/);
      expect(await page.isHidden('#download')).toBe(true);
      expect(await page.locator('#issues li').count()).toBe(expected.issues.length);
      expect(await page.textContent('#draft-text')).toContain('不能作为正式报告报送');

      // 仍然生成草稿: the .docx is built in the pane and downloaded, marked as a draft.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: '仍然生成草稿' }).click(),
      ]);
      const sub = expected.submission!;
      expect(download.suggestedFilename()).toBe(reportFileName(sub, definition, { draft: true }));
      const text = await docxText(new Uint8Array(readFileSync(await download.path())));
      expect(text.split('\n')).toContain(`${reportTitle(sub, definition)}（草稿）`);
      expect(text).toContain(DRAFT_NOTE);
      expect(await page.locator('#notices p.success').count()).toBe(0);
      expect(await page.textContent('#notices p.warning')).toMatch(/^已生成草稿：/);
      expect(downloads).toHaveLength(1);

      // Corrected: the report itself.
      await page.evaluate(
        (sheets) => ((window as any).__officeStub.sheets = sheets),
        await officeSnapshotsFromXlsx(cleanBytes),
      );
      const [clean] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: '生成报告' }).click(),
      ]);
      expect(clean.suggestedFilename()).toBe(reportFileName(sub, definition));
      expect(await page.textContent('#download a')).toBe(`下载报告：${reportFileName(sub, definition)}`);
      expect(await page.isHidden('#draft')).toBe(true);
      expect(errors).toEqual([]);
      expect(await csp(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Excel: a standard sheet used far beyond the template is refused, clearly, without reading it', async () => {
    const sheets = (await officeSnapshotsFromXlsx(cleanBytes)).map((x) =>
      x.name === definition.sheets.risks ? { ...x, address: `'${x.name}'!A1:L60000` } : x,
    );
    const { context, page } = await openPane({ host: 'Excel', sheets });
    try {
      await page.waitForSelector('body[data-host="excel"]');
      await page.getByRole('button', { name: '校验' }).click();
      await page.waitForSelector('#results:not([hidden]) li');
      expect(await page.textContent('#issues li')).toContain(
        `工作表“${definition.sheets.risks}”的内容超出了标准填报表的范围（已填到L60000单元格`,
      );
      expect((await stub(page)).reads).toEqual([]);
      expect(await page.isHidden('#draft')).toBe(true);
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

  it('Word: a completed workbook; insert into an empty document, ask (keyboard) for one with content', async () => {
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
      expect(await page.isHidden('#draft')).toBe(true);
      if (screenshots) await page.screenshot({ path: path.join(root, 'docs', 'addin-word.png') });

      // The document is empty: the report replaces it at once.
      await insert.click();
      await page.waitForSelector('#notices p.success');
      let s = await stub(page);
      expect(s.wordInserts).toHaveLength(1);
      expect(s.wordInserts[0]).toMatchObject({ target: 'document', location: 'Replace' });
      const sub = expected.submission!;
      const text = await docxText(new Uint8Array(Buffer.from(s.wordInserts[0].base64, 'base64')));
      expect(text.split('\n')).toContain(reportTitle(sub, definition));
      expect(text).toContain('市交通运输局');
      expect(await page.textContent('#notices')).toBe('报告已插入当前文档（含页面设置、页眉页脚和页码）。');

      // Now the document has content: nothing is replaced before the user answers, in the pane.
      await page.evaluate(() => ((window as any).__officeStub.wordDocument = { paragraphs: ['关于……', ''] }));
      await insert.click();
      await page.waitForSelector('#confirm:not([hidden])');
      expect((await stub(page)).wordInserts).toHaveLength(1);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('confirm');
      // Esc: nothing happens to the document.
      await page.keyboard.press('Escape');
      await page.waitForSelector('#confirm', { state: 'hidden' });
      expect(await page.textContent('#notices')).toBe('未插入报告，当前文档没有改动。');
      expect((await stub(page)).wordInserts).toHaveLength(1);
      // Again, and with the keyboard alone: Tab to 插入到光标处, Enter.
      await insert.click();
      await page.waitForSelector('#confirm:not([hidden])');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('替换全部内容');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('插入到光标处');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#notices p.success');
      s = await stub(page);
      expect(s.wordInserts.map((w: any) => [w.target, w.location])).toEqual([
        ['document', 'Replace'],
        ['selection', 'After'],
      ]);
      expect(await page.textContent('#notices')).toContain('报告已插入到光标处');
      // … or replace it all, by choice.
      await insert.click();
      await page.getByRole('button', { name: '替换全部内容' }).click();
      await expect.poll(async () => (await stub(page)).wordInserts.length, POLL).toBe(3);
      expect((await stub(page)).wordInserts[2]).toMatchObject({ target: 'document', location: 'Replace' });

      await page.getByRole('button', { name: '在新文档中打开' }).first().click();
      await page.waitForSelector('#notices p.success');
      await expect.poll(async () => (await stub(page)).openedDocuments, POLL).toBe(1);
      const created = (await stub(page)).createdDocuments;
      expect(created).toHaveLength(1);
      expect(await docxText(new Uint8Array(Buffer.from(created[0], 'base64')))).toContain(
        reportTitle(sub, definition),
      );
      expect(errors).toEqual([]);
      expect(await csp(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Word: a workbook with errors gives no report; 仍然生成草稿 inserts a marked draft', async () => {
    const { context, page } = await openPane({
      host: 'Word',
      supported: { WordApi: '1.4' },
      wordDocument: { paragraphs: ['已有内容'] },
    });
    try {
      await page.waitForSelector('body[data-host="word"]');
      await page.setInputFiles('#word-file', {
        name: 'a.xlsx',
        mimeType: XLSX_MIME,
        buffer: Buffer.from(flawedBytes),
      });
      await page.waitForSelector('#draft:not([hidden])');
      expect(await page.getByRole('button', { name: '插入报告' }).isDisabled()).toBe(true);
      expect(await page.getByRole('button', { name: '在新文档中打开' }).isDisabled()).toBe(true);
      // The document has content: the pane asks first.
      await page.getByRole('button', { name: '仍然生成草稿' }).click();
      await page.waitForSelector('#confirm:not([hidden])');
      await page.getByRole('button', { name: '替换全部内容' }).click();
      await page.waitForSelector('#notices p.warning');
      const s = await stub(page);
      expect(s.wordInserts.map((w: any) => w.target)).toEqual(['body']);
      const text = await docxText(new Uint8Array(Buffer.from(s.wordInserts[0].base64, 'base64')));
      expect(text.split('\n')[0]).toMatch(/（草稿）$/);
      expect(await page.textContent('#notices')).toMatch(
        /^草稿已插入当前文档，但当前Word版本.*页码已丢失.*这是草稿/,
      );
    } finally {
      await context.close();
    }
  });

  it('standalone (plain browser, no office.js): choose a file → issues → no report with errors → draft', async () => {
    const { context, page, errors, officeJs } = await openPane('browser');
    try {
      await page.waitForSelector('body[data-host="standalone"]');
      expect(officeJs).toEqual([]);
      expect(await page.isVisible('#view-standalone')).toBe(true);
      expect(await page.isHidden('#host-notice')).toBe(true);
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
      expect(await page.isHidden('#draft')).toBe(true);

      // The blank template: errors, so no report — only a draft on request.
      await page.setInputFiles('#standalone-file', {
        name: 'blank.xlsx',
        mimeType: XLSX_MIME,
        buffer: Buffer.from(await writeTemplate(definition)),
      });
      await page.waitForSelector('#results-file:text("文件：blank.xlsx")');
      await page.waitForSelector('#draft:not([hidden])');
      expect(await button.isDisabled()).toBe(true);

      // A workbook with mistakes: the issues are listed; no report, a draft on request.
      await page.setInputFiles('#standalone-file', {
        name: 'flawed.xlsx',
        mimeType: XLSX_MIME,
        buffer: Buffer.from(flawedBytes),
      });
      await page.waitForSelector('#results-file:text("文件：flawed.xlsx")');
      const expected = await checkWorkbookBytes(flawedBytes, definition);
      expect(await page.locator('#issues li').count()).toBe(expected.issues.length);
      expect(await page.locator('button.issue').count()).toBe(0); // no cells to select outside Excel
      expect(await button.isDisabled()).toBe(true);
      expect(await page.isVisible('#draft')).toBe(true);
      if (screenshots) await page.screenshot({ path: path.join(root, 'docs', 'addin-standalone.png') });
      const [draft] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: '仍然生成草稿' }).click(),
      ]);
      expect(draft.suggestedFilename()).toBe(
        reportFileName(expected.submission!, definition, { draft: true }),
      );
      expect(await docxText(new Uint8Array(readFileSync(await draft.path())))).toContain(DRAFT_NOTE);
      expect(await page.textContent('#notices p.warning')).toMatch(/^已生成草稿：/);

      // Text from a workbook is shown as text, never parsed as HTML.
      await page.setInputFiles('#standalone-file', {
        name: '<b>x</b>.xlsx',
        mimeType: XLSX_MIME,
        buffer: Buffer.from(await fillWorkbook(flawedInput({ phone: HOSTILE }), definition)),
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
      expect(await page.isHidden('#draft')).toBe(true);
      const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
      const sub = (await checkWorkbookBytes(cleanBytes, definition)).submission!;
      expect(download.suggestedFilename()).toBe(reportFileName(sub, definition));
      const text = await docxText(new Uint8Array(readFileSync(await download.path())));
      expect(text.split('\n')).toContain(reportTitle(sub, definition));
      expect(await page.textContent('#notices p.success')).toBe(
        `报告已生成：${reportFileName(sub, definition)}`,
      );
      expect(errors).toEqual([]);
      expect(await csp(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('in Office but office.js unreachable, or no host answers: standalone, saying why', async () => {
    for (const config of ['office-js-fails', { host: null }] as const) {
      const { context, page, officeJs } = await openPane(config);
      try {
        await page.waitForSelector('body[data-host="standalone"]');
        expect(officeJs).toHaveLength(1);
        expect(await page.isVisible('#view-standalone')).toBe(true);
        expect(await page.textContent('#host-notice')).toMatch(/^未能连接到Office/);
      } finally {
        await context.close();
      }
    }
  });

  it('an Office host other than Excel and Word: says so, and offers the standalone tool', async () => {
    const { context, page } = await openPane({ host: 'PowerPoint' });
    try {
      await page.waitForSelector('body[data-host="standalone"]');
      expect(await page.textContent('#host-notice')).toBe(
        '本加载项只能在Excel和Word中使用，不支持PowerPoint。下面是独立使用方式：可以选择填报表校验并下载报告。',
      );
      expect(await page.isVisible('#view-standalone')).toBe(true);
    } finally {
      await context.close();
    }
  });

  it('without script: the <noscript> message, not “正在启动…”', async () => {
    const context = await site!.browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`${base}taskpane.html?${HOST_INFO.Excel}`, NAVIGATION);
      const text = await page.locator('main').innerText();
      expect(text).toContain('本页需要运行脚本（JavaScript），当前脚本被禁用或被阻止，无法使用。');
      expect(await page.locator('body').innerText()).not.toContain('正在启动');
    } finally {
      await context.close();
    }
  });

  it('a web view that cannot run the pane (old Office, IE11 / old Edge): says so, with the address', async () => {
    for (const body of ['const f = (a) => a?.b ?? ;', null]) {
      const context = await site!.browser.newContext();
      try {
        // A syntax error as an old web view reports one in modern JavaScript, or the file not loading.
        await context.route(`${base}taskpane.js`, (route) =>
          body === null ? route.abort() : route.fulfill({ contentType: 'text/javascript', body }),
        );
        const page = await context.newPage();
        await page.goto(`${base}taskpane.html?${HOST_INFO.Word}`, NAVIGATION);
        await page.waitForSelector('#unsupported:not([hidden])');
        expect(await page.textContent('#host-label')).toBe('无法在此运行');
        expect(await page.textContent('#unsupported')).toContain('浏览器内核过旧');
        expect(await page.textContent('#unsupported-url')).toBe(`${base}taskpane.html`);
      } finally {
        await context.close();
      }
    }
  });

  it('made no request to any outside service', () => {
    expect(site!.external).toEqual([]);
  });
});

// ---------------------------------------------------------------------------- the real office.js

/**
 * Opens a page and records, for `ms` after it loaded (and until the pane has started), every request it
 * attempts, where it went and how it ended.
 */
async function watch(url: string, ms: number) {
  const context = await site!.browser.newContext();
  const attempted: string[] = [];
  const sent: string[] = [];
  const blocked: string[] = [];
  context.on('request', (r) => {
    if (!r.url().startsWith(base)) attempted.push(r.url());
  });
  context.on('requestfailed', (r) => {
    if (!r.url().startsWith(base) && /CSP|blocked/i.test(r.failure()?.errorText ?? '')) blocked.push(r.url());
  });
  // Anything that reaches the network layer; off our origin it is recorded and never leaves the machine.
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith(base) || u.startsWith(`${base}no-csp/`)) return route.continue();
    sent.push(u);
    return route.abort();
  });
  await context.addInitScript(recordCsp);
  const page = await context.newPage();
  const officeJs: string[] = [];
  page.on('request', (r) => {
    if (/\/office-js\//.test(r.url())) officeJs.push(r.url().replace(/^.*\/office-js\//, ''));
  });
  await page.goto(url, NAVIGATION);
  await page.waitForTimeout(ms);
  await page.waitForSelector('body[data-host]');
  const result = {
    attempted,
    sent,
    blocked,
    officeJs,
    host: await page.evaluate(() => document.body.dataset.host),
    csp: await csp(page),
  };
  await context.close();
  return result;
}

describe.skipIf(!ready)('the real office.js: nothing leaves our origin', BROWSER_TEST, () => {
  // office.js opens its telemetry frame ~3 s after load; 6 s covers that with room.
  const WAIT = 6000;

  it('plain browser: office.js is not even loaded; as if in Office it loads and nothing goes elsewhere', async () => {
    const [plain, win32, web] = await Promise.all([
      watch(`${base}taskpane.html`, WAIT),
      watch(`${base}taskpane.html?_host_Info=Excel$Win32$16.01$zh-CN$$$$0`, WAIT),
      watch(`${base}taskpane.html?_host_Info=Word$Web$16.00$zh-CN$$$$0`, WAIT),
    ]);
    expect(plain.officeJs).toEqual([]);
    expect(plain.host).toBe('standalone');
    // The real office.js and its host files were loaded (from our origin) …
    expect(win32.officeJs).toEqual(expect.arrayContaining(['office.js', 'excel-win32-16.01.js']));
    expect(web.officeJs).toEqual(expect.arrayContaining(['office.js', 'word-web-16.00.js']));
    // … no Office answered (there is none here), so the pane fell back to the standalone page …
    expect([win32.host, web.host]).toEqual(['standalone', 'standalone']);
    // … and not one request went anywhere but our origin, nor was attempted.
    for (const r of [plain, win32, web]) {
      expect(r.sent).toEqual([]);
      expect(r.attempted).toEqual([]);
      expect(r.csp).toEqual([]);
    }
  });

  it('what office.js tries (telemetry frame, Microsoft’s CDN) is stopped by the CSP — and sent without it', async () => {
    // The host files of old Office builds (16.00 on Windows) open the telemetry frame and fetch
    // MicrosoftAjax.js from Microsoft's CDN. With the page's CSP both are blocked before any request …
    const url = (prefix: string) => `${base}${prefix}taskpane.html?_host_Info=Excel$Win32$16.00$zh-CN$$$$0`;
    const [withCsp, without] = await Promise.all([watch(url(''), WAIT), watch(url('no-csp/'), WAIT)]);
    expect(withCsp.officeJs).toEqual(expect.arrayContaining(['office.js', 'excel-win32-16.00.js']));
    expect(withCsp.sent).toEqual([]);
    // (A violation report names only the blocked origin.)
    expect(withCsp.csp).toEqual(
      expect.arrayContaining(['frame-src https://telemetryservice.firstpartyapps.oaspapps.com']),
    );
    expect(withCsp.attempted.every((u) => withCsp.blocked.includes(u))).toBe(true);
    // … whereas the same page without its CSP sends them: this test sees such requests when they happen.
    expect(without.sent).toEqual(
      expect.arrayContaining([
        'https://telemetryservice.firstpartyapps.oaspapps.com/telemetryservice/telemetryproxy.html',
      ]),
    );
  });
});
