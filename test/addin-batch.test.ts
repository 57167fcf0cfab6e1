// 批量汇总 in the standalone page, in headless Chromium: the demo set (≥ 30 workbooks from the demo
// generator: some with errors, one sent twice, one byte-identical copy, one unit missing) and its roster,
// chosen as a folder; every workbook checked in Web Workers with live progress and a live 报送情况;
// the downloaded .zip compared with `yanpan import` on the same folder — the same tracking workbook cell
// values (every sheet), the same report texts, the same return-copy comments. Then the outputs written
// into a folder through the File System Access API (an origin-private folder stands in for the one the
// user would pick), a folder chosen with the directory picker, and the page's own refusals. The keyboard
// and screen reader (focus back on the command, the result announced), 总览's two charts drawn from the
// tracking workbook's own figures, 批量汇总 in the Excel pane (Office stub) and the desktop layout.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AS_OF, DEMO_CASES, DEMO_ISSUER, buildDemoSet } from '../importer/src/demo/generate';
import { OUTPUT_NAMES, SHEETS, STATUS_LABEL, TOTAL_LABEL } from '../importer/src/import/labels';
import { CHART_TITLES, SUBMISSION_LABELS, definition } from '../templates/src/index';
import type { SheetGrid } from '../templates/src/xlsx/grid';
import { outputDigest, folderOutputs, zipOutputs, type OutputFiles } from './helpers/batch-outputs';
import { csp, openPane, startSite, stopSite, type PaneSite } from './helpers/addin-browser';
import { has, tempDir } from './helpers/tools';
import { privateBuild } from './import-build';

const ready = has('chromium');
const tmp = tempDir('yanpan-addin-batch-');
const inDir = path.join(tmp.dir, '填报表');
const rosterFile = path.join(tmp.dir, '单位名册.csv');
const cliOut = path.join(tmp.dir, 'cli-out');
/** A few workbooks of the demo set (no roster), and the CLI's outputs for them. */
const smallDir = path.join(tmp.dir, '小批量');
const cliSmallOut = path.join(tmp.dir, 'cli-small-out');
const POLL = { timeout: 60_000 };

let site: PaneSite | undefined;
let cleanBuild = () => {};
let demoFiles: { rel: string; bytes: Uint8Array }[] = [];
const external: string[] = [];

/** Records CSP violations, every progress text shown, and whether office.js was ever asked for. */
function instrument(): void {
  const w = window as any;
  w.__csp = [];
  w.__progress = [];
  document.addEventListener('securitypolicyviolation', (e) =>
    w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`),
  );
  new MutationObserver(() => {
    const t = document.getElementById('batch-progress-text')?.textContent;
    if (t && w.__progress[w.__progress.length - 1] !== t) w.__progress.push(t);
  }).observe(document, { subtree: true, childList: true, characterData: true });
}

/** Makes showDirectoryPicker hand out folders of the origin-private file system (by the picker's id). */
function opfsPicker(): void {
  (window as any).showDirectoryPicker = async (opts: { id?: string } = {}) => {
    const root = await navigator.storage.getDirectory();
    const name = (window as any).__pick?.[opts.id ?? ''] ?? opts.id ?? 'picked';
    return root.getDirectoryHandle(name, { create: true });
  };
}

async function openPage(
  picker = false,
  viewport = { width: 1280, height: 900 },
): Promise<{ context: BrowserContext; page: Page; errors: string[]; officeJs: string[] }> {
  const { browser, base } = site!;
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const officeJs: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.includes('office.js')) officeJs.push(url);
    if (url.startsWith(base)) return route.continue();
    external.push(url);
    return route.abort();
  });
  await context.addInitScript(instrument);
  if (picker) await context.addInitScript(opfsPicker);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${base}taskpane.html`);
  await page.waitForSelector('body[data-host="standalone"]');
  await page.click('#open-batch');
  await page.waitForSelector('#view-batch:not([hidden])');
  return { context, page, errors, officeJs };
}

/** Chooses the demo folder (the <input webkitdirectory> way) and the roster, sets the date and issuer. */
async function chooseDemo(page: Page): Promise<void> {
  await page.setInputFiles('#batch-folder-input', inDir);
  await page.setInputFiles('#batch-roster-input', rosterFile);
  await page.fill('#batch-as-of', DEMO_AS_OF);
  await page.fill('#batch-issuer', DEMO_ISSUER);
  await page.waitForFunction(() => !(document.getElementById('batch-start') as HTMLButtonElement).disabled);
}

/**
 * Starts the run (a click, or with the keyboard: Enter on 开始汇总); resolves with the downloaded .zip's
 * files once the page offers it.
 */
async function runAndDownload(page: Page, keyboard = false): Promise<OutputFiles> {
  const start = async () => {
    if (!keyboard) return page.click('#batch-start');
    await page.focus('#batch-start');
    await page.keyboard.press('Enter');
  };
  const [download] = await Promise.all([page.waitForEvent('download', POLL), start()]);
  expect(download.suggestedFilename()).toBe('批量汇总结果.zip');
  return zipOutputs(new Uint8Array(readFileSync(await download.path())));
}

/** The id of the element that has the keyboard focus once the command's button is usable again. */
async function focusAfter(page: Page, button: string): Promise<string | undefined> {
  await page.waitForFunction((id) => !(document.getElementById(id) as HTMLButtonElement).disabled, button);
  return page.evaluate(() => document.activeElement?.id);
}

/** What the page's aria-live region (#announce) says, once it says something. */
async function announced(page: Page): Promise<string> {
  await page.waitForFunction(() => !!document.getElementById('announce')?.textContent, null, POLL);
  return (await page.textContent('#announce')) ?? '';
}

/** 总览 of a tracking workbook: the 报送情况 counts and the risks by category × level, as its tables say. */
function overviewTables(sheets: SheetGrid[]): {
  status: [string, number | string][];
  risks: [string, string, number][];
} {
  const rows = sheets.find((s) => s.name === SHEETS.overview)!.rows;
  const labels: string[] = Object.values(SUBMISSION_LABELS);
  const status = rows
    .filter((r) => labels.includes(String(r[0])))
    .map((r): [string, number | string] => [String(r[0]), r[1] as number | string]);
  const head = rows.findIndex((r) => r[0] === definition.vocab.riskCategory.label);
  const levels = rows[head].slice(1, -1).map(String);
  const risks: [string, string, number][] = [];
  for (let i = head + 1; rows[i][0] !== TOTAL_LABEL; i++)
    levels.forEach((l, j) => risks.push([String(rows[i][0]), l, rows[i][j + 1] as number]));
  return { status, risks };
}

/** The bars of a chart of the page: [category, series, value]. */
const barsOf = (page: Page, chart: string) =>
  page.$$eval(`#${chart} rect.chart-bar`, (rs) =>
    rs.map((r) => [
      r.getAttribute('data-category'),
      r.getAttribute('data-series'),
      Number(r.getAttribute('data-value')),
    ]),
  );

const rowsShown = (page: Page) =>
  page.$$eval('#batch-table tbody tr', (trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
  );

/** WCAG contrast ratio of two CSS rgb() colours. */
function contrast(fg: string, bg: string): number {
  const lum = (c: string) => {
    const [r, g, b] = (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((x) => {
      const v = Number(x) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}

beforeAll(async () => {
  if (!ready) return;
  const set = await buildDemoSet(definition);
  demoFiles = set.files;
  for (const f of set.files) {
    const p = path.join(inDir, ...f.rel.split('/'));
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, f.bytes);
    utimesSync(p, f.mtime, f.mtime);
  }
  // An Office lock file, as left by an open workbook (ignored), and a note that is no submission.
  writeFileSync(path.join(inDir, `~$${path.posix.basename(set.files[0].rel)}`), new Uint8Array(165));
  writeFileSync(path.join(inDir, '说明.txt'), '请各单位按时报送。');
  writeFileSync(rosterFile, set.rosterCsv);
  const build = await privateBuild();
  cleanBuild = build.cleanup;
  const r = spawnSync(
    process.execPath,
    [
      build.cli,
      'import',
      inDir,
      '-o',
      cliOut,
      '--roster',
      rosterFile,
      '--as-of',
      DEMO_AS_OF,
      '--issuer',
      DEMO_ISSUER,
    ],
    { encoding: 'utf8', timeout: 300_000 },
  );
  expect(r.status, r.stderr).toBe(1); // errors and a missing unit, on purpose
  for (const f of set.files.slice(0, 4)) {
    const p = path.join(smallDir, ...f.rel.split('/'));
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, f.bytes);
    utimesSync(p, f.mtime, f.mtime);
  }
  const small = spawnSync(
    process.execPath,
    [build.cli, 'import', smallDir, '-o', cliSmallOut, '--as-of', DEMO_AS_OF, '--issuer', DEMO_ISSUER],
    { encoding: 'utf8', timeout: 300_000 },
  );
  expect([0, 1], small.stderr).toContain(small.status);
  site = await startSite();
}, 900_000);

afterAll(async () => {
  await stopSite(site);
  cleanBuild();
  tmp.cleanup();
});

describe.skipIf(!ready)('批量汇总 in the standalone page (Chromium)', () => {
  it('a folder of ≥ 30 workbooks and a roster: checked in Web Workers, live, and the same outputs as yanpan import', async () => {
    expect(demoFiles.length).toBeGreaterThanOrEqual(30);
    const { context, page, errors, officeJs } = await openPage();
    try {
      expect(officeJs).toEqual([]);
      // The choice is named; the folder's files are counted (the lock file and the note included).
      const workers: string[] = [];
      page.on('worker', (w) => workers.push(w.url()));
      await chooseDemo(page);
      expect(await page.textContent('#batch-input-name')).toBe(
        `已选择：填报表（${demoFiles.length + 2}个文件）`,
      );
      expect(await page.textContent('#batch-roster-name')).toBe('单位名册：单位名册.csv');
      const zip = await runAndDownload(page, true);

      // Web Workers did the checking.
      expect(workers.filter((u) => u.startsWith(`${site!.base}yanpan-check`)).length).toBeGreaterThan(1);
      expect(await page.textContent('#batch-notices')).not.toContain('后台线程');
      // Live progress: files done, units matched, errors so far, time left.
      const progress: string[] = await page.evaluate(() => (window as any).__progress);
      expect(
        progress.some((t) => /^已校验 \d+\/\d+ 个文件 · 已匹配单位 \d+ 个 · 有错误的文件 \d+ 个/.test(t)),
      ).toBe(true);
      expect(progress.some((t) => t.includes('预计还需'))).toBe(true);
      expect(await page.textContent('#batch-done-text')).toContain('汇总完成：共');

      // The keyboard and the screen reader: 开始汇总 (disabled while it ran) has the focus again, and the
      // page's live region says the result in the numbers the 报送情况 table shows.
      expect(await focusAfter(page, 'batch-start')).toBe('batch-start');
      const shown = await rowsShown(page);
      const counted = (...labels: string[]) => shown.filter((r) => labels.includes(r[2])).length;
      const missing = counted(STATUS_LABEL.missing);
      const withErrors = counted(STATUS_LABEL.errors, STATUS_LABEL.unusable);
      expect(missing).toBeGreaterThan(0);
      expect(withErrors).toBeGreaterThan(0);
      expect(await announced(page)).toBe(
        `汇总完成：已报送${shown.length - missing}个单位，未报送${missing}个，有错误${withErrors}个`,
      );
      expect(await page.textContent('#batch-done-text')).toContain(`已报送${shown.length - missing}个`);

      // The same outputs as the CLI.
      const web = await outputDigest(zip);
      const cli = await outputDigest(folderOutputs(cliOut));
      expect(web.paths).toEqual(cli.paths);
      expect(web.paths).toContain('2023年第三季度汇总台账.xlsx');
      expect(web.paths).toContain(OUTPUT_NAMES.summary);
      expect(web.paths.filter((p) => p.startsWith(`${OUTPUT_NAMES.reportsDir}/`)).length).toBeGreaterThan(20);
      expect(web.paths.filter((p) => p.startsWith(`${OUTPUT_NAMES.returnsDir}/`)).length).toBeGreaterThan(2);
      expect((web.tracking as unknown[]).length).toBeGreaterThanOrEqual(7);
      expect(web.tracking).toEqual(cli.tracking);
      expect(web.texts).toEqual(cli.texts);
      expect(web.comments).toEqual(cli.comments);

      // 总览's two charts, drawn from the figures the tracking workbook's 总览 shows.
      const overview = overviewTables(web.tracking as SheetGrid[]);
      expect(overview.status.map((x) => x[0])).toEqual(Object.values(SUBMISSION_LABELS));
      expect(overview.status.every((x) => typeof x[1] === 'number')).toBe(true); // the demo has deadlines
      expect(await barsOf(page, 'batch-chart-status')).toEqual(
        overview.status.map(([label, n]) => [label, '单位数', n]),
      );
      expect(overview.risks.some((x) => x[2] > 0)).toBe(true);
      expect(await barsOf(page, 'batch-chart-risks')).toEqual(overview.risks);
      // Each is one image with its text alternative (the figures in words), every bar labelled with its
      // number, and the levels told apart without colour (solid, hatched, outlined).
      expect(await page.getAttribute('#batch-chart-status svg', 'role')).toBe('img');
      expect(await page.getAttribute('#batch-chart-status svg', 'aria-label')).toBe(
        `${CHART_TITLES.status}：${overview.status.map(([label, n]) => `${label}${n}个`).join('，')}。`,
      );
      const riskTotal = overview.risks.reduce((a, x) => a + x[2], 0);
      expect(await page.getAttribute('#batch-chart-risks svg', 'role')).toBe('img');
      expect(await page.getAttribute('#batch-chart-risks svg', 'aria-label')).toContain(
        `${CHART_TITLES.risks}：共${riskTotal}条，`,
      );
      for (const chart of ['batch-chart-status', 'batch-chart-risks'])
        expect(
          await page.$$eval(`#${chart} text.chart-value`, (ts) => ts.map((t) => Number(t.textContent))),
        ).toEqual((await barsOf(page, chart)).map((b) => b[2]));
      const fills = await page.$$eval('#batch-chart-risks rect.chart-bar', (rs) => [
        ...new Set(rs.map((r) => getComputedStyle(r).fill)),
      ]);
      expect(fills.length).toBe(definition.vocab.riskLevel.values.length);

      // The 报送情况: every roster unit; filters 未报送 and 有错误; a unit's issues on a click.
      const all = await rowsShown(page);
      expect(all.length).toBeGreaterThanOrEqual(30);
      await page.getByRole('button', { name: '未报送' }).click();
      await page.waitForFunction(() => document.querySelectorAll('#batch-table tbody tr').length < 5);
      expect((await rowsShown(page)).map((r) => [r[1], r[2]])).toEqual([
        [DEMO_CASES.missing, STATUS_LABEL.missing],
      ]);
      await page.getByRole('button', { name: '有错误' }).click();
      await page.waitForFunction(() => document.querySelectorAll('#batch-table tbody tr').length > 1);
      const bad = await rowsShown(page);
      expect(bad.every((r) => r[2] === STATUS_LABEL.errors || r[2] === STATUS_LABEL.unusable)).toBe(true);
      expect(bad.map((r) => r[1])).toEqual(
        expect.arrayContaining([DEMO_CASES.decimal, DEMO_CASES.word, DEMO_CASES.periodMismatch]),
      );
      await page.getByRole('button', { name: '全部' }).click();
      await page.getByRole('button', { name: DEMO_CASES.coerced, exact: true }).click();
      await page.waitForSelector('#batch-unit:not([hidden])');
      expect(await page.textContent('#batch-unit-title')).toContain(
        `${DEMO_CASES.coerced}：${STATUS_LABEL.warnings}`,
      );
      expect(await page.textContent('#batch-unit-issues')).toContain('3次');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('batch-unit');

      // Every status badge and the unit links are legible (contrast ≥ 4.5:1).
      const colours = await page.$$eval('.batch-status, .batch-unit-name', (els) =>
        els.map((e) => {
          const s = getComputedStyle(e);
          let bg = s.backgroundColor;
          for (let p = e.parentElement; p && /rgba\(0, 0, 0, 0\)|transparent/.test(bg); p = p.parentElement)
            bg = getComputedStyle(p).backgroundColor;
          return {
            cls: e.className,
            fg: s.color,
            bg: /rgba\(0, 0, 0, 0\)/.test(bg) ? 'rgb(255, 255, 255)' : bg,
          };
        }),
      );
      for (const c of colours) expect(contrast(c.fg, c.bg), c.cls).toBeGreaterThanOrEqual(4.5);

      expect(await page.evaluate(() => (window as any).__csp)).toEqual([]);
      expect(errors).toEqual([]);
      expect(officeJs).toEqual([]);
      expect(external).toEqual([]);
    } finally {
      await context.close();
    }
  }, 300_000);

  it('writes the outputs into a chosen folder (File System Access), sweeping what an earlier run left', async () => {
    const { context, page, errors } = await openPage(true);
    try {
      // An earlier run's report of a unit this run does not report on, and a file of the user's own.
      await page.evaluate(async () => {
        const root = await navigator.storage.getDirectory();
        const out = await root.getDirectoryHandle('yanpan-output', { create: true });
        const reports = await out.getDirectoryHandle('reports', { create: true });
        for (const [dir, name] of [
          [reports, '已撤销单位-2023年第二季度分析研判报告.docx'],
          [out, '我的笔记.txt'],
        ] as const) {
          const w = await (await dir.getFileHandle(name, { create: true })).createWritable();
          await w.write('x');
          await w.close();
        }
      });
      await chooseDemo(page);
      const zip = await runAndDownload(page);
      await page.click('#batch-write');
      await page.waitForSelector('#batch-notices .notice.success', POLL);
      expect(await focusAfter(page, 'batch-write')).toBe('batch-write');
      const written: [string, number[]][] = await page.evaluate(async () => {
        const out: [string, number[]][] = [];
        const walk = async (d: any, rel: string) => {
          for await (const e of d.values()) {
            const r = rel ? `${rel}/${e.name}` : e.name;
            if (e.kind === 'directory') await walk(e, r);
            else out.push([r, [...new Uint8Array(await (await e.getFile()).arrayBuffer())]]);
          }
        };
        const root = await navigator.storage.getDirectory();
        await walk(await root.getDirectoryHandle('yanpan-output'), '');
        return out;
      });
      const files = new Map(written.map(([p, b]) => [p, new Uint8Array(b)]));
      expect([...files.keys()].sort()).toEqual([...zip.keys(), '我的笔记.txt'].sort());
      for (const [p, bytes] of zip)
        expect(Buffer.from(files.get(p)!).equals(Buffer.from(bytes)), p).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 300_000);

  it('a folder chosen with the directory picker; outputs refused inside it; nothing to import is said so', async () => {
    const { context, page, errors } = await openPage(true);
    try {
      // Three workbooks of the demo set in an origin-private folder the picker hands out.
      const some = demoFiles.slice(0, 3).map((f) => ({ rel: f.rel, bytes: [...f.bytes] }));
      await page.evaluate(async (list) => {
        const root = await navigator.storage.getDirectory();
        const input = await root.getDirectoryHandle('收文', { create: true });
        for (const f of list) {
          const parts = f.rel.split('/');
          let d = input;
          for (const p of parts.slice(0, -1)) d = await d.getDirectoryHandle(p, { create: true });
          const w = await (await d.getFileHandle(parts[parts.length - 1], { create: true })).createWritable();
          await w.write(new Uint8Array(f.bytes));
          await w.close();
        }
        await root.getDirectoryHandle('空文件夹', { create: true });
        (window as any).__pick = { 'yanpan-input': '收文', 'yanpan-output': '收文' };
      }, some);
      await page.click('#batch-folder');
      await page.waitForFunction(
        () => document.getElementById('batch-input-name')?.textContent === '已选择：收文（3个文件）',
      );
      await runAndDownload(page);
      expect(await page.textContent('#batch-done-text')).toContain('共3个文件（填报表3个）');
      // The outputs may not go into the folder the workbooks came from.
      await page.click('#batch-write');
      await page.waitForSelector('#batch-notices .notice.error');
      expect(await page.textContent('#batch-notices .notice.error')).toBe(
        '输出文件夹不能是所选的填报表文件夹或其中的子文件夹，请另选一个文件夹。',
      );
      // A folder with no workbook: the CLI's message, and nothing offered.
      await page.evaluate(() => ((window as any).__pick = { 'yanpan-input': '空文件夹' }));
      await page.click('#batch-folder');
      await page.waitForFunction(
        () => document.getElementById('batch-input-name')?.textContent === '已选择：空文件夹（0个文件）',
      );
      await page.click('#batch-start');
      await page.waitForSelector('#batch-notices .notice.error');
      expect(await page.textContent('#batch-notices .notice.error')).toBe(
        '输入文件夹“空文件夹”中没有找到可导入的填报表（.xlsx/.xlsm，或装有填报表的.zip），未生成任何汇总文件。',
      );
      expect(await page.isHidden('#batch-done')).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 300_000);
  it('批量汇总 in the Excel pane (Office stub): a small folder, the same outputs as yanpan import', async () => {
    const { context, page, errors, officeJs } = await openPane({ ...site!, external }, { host: 'Excel' });
    try {
      await page.waitForSelector('body[data-host="excel"]');
      expect(officeJs.length).toBeGreaterThan(0); // in "Office": the stub stands in for office.js
      await page.click('#open-batch');
      await page.waitForSelector('#view-batch:not([hidden])');
      expect(await page.isHidden('#view-excel')).toBe(true);
      await page.setInputFiles('#batch-folder-input', smallDir);
      await page.fill('#batch-as-of', DEMO_AS_OF);
      await page.fill('#batch-issuer', DEMO_ISSUER);
      await page.waitForFunction(
        () => !(document.getElementById('batch-start') as HTMLButtonElement).disabled,
      );
      const zip = await runAndDownload(page, true);
      const web = await outputDigest(zip);
      const cli = await outputDigest(folderOutputs(cliSmallOut));
      expect(web.paths).toEqual(cli.paths);
      expect(web.paths.filter((p) => p.startsWith(`${OUTPUT_NAMES.reportsDir}/`)).length).toBeGreaterThan(0);
      expect(web.tracking).toEqual(cli.tracking);
      expect(web.texts).toEqual(cli.texts);
      expect(web.comments).toEqual(cli.comments);
      expect(await focusAfter(page, 'batch-start')).toBe('batch-start');
      const cliOverview = new Map(overviewTables(cli.tracking as SheetGrid[]).status);
      expect(cliOverview.get(SUBMISSION_LABELS.submitted)).toBeGreaterThan(0);
      expect(await announced(page)).toBe(
        `汇总完成：已报送${cliOverview.get(SUBMISSION_LABELS.submitted)}个单位，` +
          `未报送${cliOverview.get(SUBMISSION_LABELS.missing)}个，有错误${cliOverview.get(SUBMISSION_LABELS.withErrors)}个`,
      );
      expect(await barsOf(page, 'batch-chart-status')).toEqual(
        [...cliOverview].filter(([, n]) => typeof n === 'number').map(([label, n]) => [label, '单位数', n]),
      );
      // Back to the Excel view, the focus on the entry that opened the batch view.
      await page.click('#batch-back');
      await page.waitForSelector('#view-excel:not([hidden])');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('open-batch');
      expect(await csp(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 300_000);

  it('desktop layout at 1280×800: the batch view uses the width, the charts side by side, nothing overflows', async () => {
    const { context, page, errors } = await openPage(false, { width: 1280, height: 800 });
    try {
      await chooseDemo(page);
      await runAndDownload(page);
      await page.waitForSelector('#batch-chart-risks svg');
      const box = async (sel: string) => (await page.locator(sel).boundingBox())!;
      const view = await box('#view-batch');
      // The view takes the page's width (up to main's 1100 px), not the single-file view's column.
      expect(view.width).toBeGreaterThan(1000);
      // The commands in a row; the two charts side by side, top-aligned.
      const [start, back] = [await box('#batch-start'), await box('#batch-back')];
      expect(Math.abs(start.y - back.y)).toBeLessThan(2);
      expect(back.x).toBeGreaterThan(start.x + start.width);
      let [status, risks] = [await box('#batch-chart-status'), await box('#batch-chart-risks')];
      expect(risks.x).toBeGreaterThanOrEqual(status.x + status.width);
      expect(Math.abs(risks.y - status.y)).toBeLessThan(2);
      // The 报送情况 table fits whole (no scrolling of its own), and the page does not scroll sideways.
      expect(await page.$eval('.batch-table-wrap', (w) => w.scrollWidth <= w.clientWidth)).toBe(true);
      const overflow = () => page.evaluate(() => [document.scrollingElement!.scrollWidth, window.innerWidth]);
      let [scroll, inner] = await overflow();
      expect(scroll).toBeLessThanOrEqual(inner);

      // In the pane's width, one column: the charts one under the other, still no sideways scrolling.
      await page.setViewportSize({ width: 360, height: 800 });
      [status, risks] = [await box('#batch-chart-status'), await box('#batch-chart-risks')];
      expect(risks.y).toBeGreaterThanOrEqual(status.y + status.height);
      [scroll, inner] = await overflow();
      expect(scroll).toBeLessThanOrEqual(inner);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 300_000);
});
