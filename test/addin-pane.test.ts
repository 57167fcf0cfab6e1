// The pane for everyday use, in Chromium (the standalone page, and the Excel pane with the Office stub):
// the keyboard (focus stays on the command, Enter opens the file chooser), the screen-reader announcement,
// badge and status contrast, drag-and-drop, 下载空白填报表, the desktop layout, the definition chosen by
// the workbook's template id and loaded from a local file; in Excel the re-check as the user edits, the
// marks on offending cells (added, kept, removed, the user's formatting untouched), one-click fixes and
// their undo, and identical issues on one line.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileChooser, Page } from 'playwright-core';
import { builtinDefinitionData, DefinitionRegistry } from '../templates/src/standard/registry';
import { definition } from '../templates/src/standard/ideology';
import { parseDefinitionData } from '../templates/src/standard/registry';
import { fillWorkbook } from '../templates/src/template/fill';
import { sampleSubmission } from '../templates/src/samples/submission';
import { checkWorkbookBytes } from '../templates/src/check/check-bytes';
import { parseA1, a1 } from '../templates/src/xlsx/grid';
import { dateToSerial } from '../templates/src/template/fill';
import { checkAnnouncement, countIssues } from '../addin/src/taskpane/pipeline';
import { MARK_FILL, MARK_FORMULA } from '../addin/src/taskpane/marks';
import { templateFileName } from '../addin/src/taskpane/definitions';
import { flawedInput, officeSnapshotsFromXlsx } from './addin-fixtures';
import { asFillInput, partyConductDefinition, partyConductSample } from './helpers/party-conduct-sample';
import { has } from './helpers/tools';
import {
  BROWSER_TEST,
  POLL,
  XLSX_MIME,
  csp,
  openPane,
  startSite,
  stopSite,
  stub,
  type PaneSite,
  type StubConfig,
} from './helpers/addin-browser';

const ready = has('chromium');
let site: PaneSite | undefined;

beforeAll(async () => {
  if (ready) site = await startSite();
}, 600_000);
afterAll(() => stopSite(site));

/** A workbook with what users get wrong, and loose values the pane offers to fix. */
const looseInput = () => flawedInput({ phone: '１３８００１３８０００', fillDate: '2023.10.10' });

/**
 * Opens the pane (a plain browser, or Excel with the stub), waits until it has started, runs `test`, and
 * checks that the page threw nothing and broke no rule of its Content-Security-Policy.
 */
async function withPane(
  config: StubConfig | 'browser',
  test: (page: Page) => Promise<void>,
  viewport?: { width: number; height: number },
): Promise<void> {
  const { context, page, errors } = await openPane(site!, config, viewport);
  try {
    await page.waitForSelector(`body[data-host="${config === 'browser' ? 'standalone' : 'excel'}"]`);
    await test(page);
    expect(errors).toEqual([]);
    expect(await csp(page)).toEqual([]);
  } finally {
    await context.close();
  }
}

/** Chooses a workbook in the standalone page and waits for its check. */
async function chooseFile(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  await page.setInputFiles('#standalone-file', { name, mimeType: XLSX_MIME, buffer: Buffer.from(bytes) });
  await page.waitForSelector(`#results-file:text("文件：${name}")`);
}

/**
 * The file chooser that `action` opens. Playwright turns on file-chooser interception only when a listener
 * is added, asynchronously; a key press sent at once can beat it and open no chooser at all. A round trip
 * through the page after subscribing lets the interception land first.
 */
async function fileChooser(page: Page, action: () => Promise<void>): Promise<FileChooser> {
  const chosen = page.waitForEvent('filechooser');
  await page.evaluate(() => new Promise(requestAnimationFrame));
  await action();
  return chosen;
}

const active = (page: Page) => page.evaluate(() => document.activeElement?.id ?? null);
const announced = (page: Page) => page.textContent('#announce');

/** Drops files on the page as a user dragging them from the file manager would. */
async function drop(page: Page, files: { name: string; bytes: Uint8Array; type?: string }[]): Promise<void> {
  const payload = files.map((f) => ({
    name: f.name,
    type: f.type ?? '',
    b64: Buffer.from(f.bytes).toString('base64'),
  }));
  const dt = await page.evaluateHandle((list) => {
    const t = new DataTransfer();
    for (const f of list) {
      const bin = atob(f.b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      t.items.add(new File([bytes], f.name, { type: f.type }));
    }
    return t;
  }, payload);
  await page.dispatchEvent('#panel-check', 'dragenter', { dataTransfer: dt });
  expect(await page.isVisible('#drop-overlay')).toBe(true);
  await page.dispatchEvent('#panel-check', 'dragover', { dataTransfer: dt });
  await page.dispatchEvent('#panel-check', 'drop', { dataTransfer: dt });
}

/** Sheet names of an .xlsx, as exceljs reads them. */
async function sheetNames(bytes: Uint8Array): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer, { ignoreNodes: ['dataValidations'] } as never);
  return wb.worksheets.map((w) => w.name);
}

// ---------------------------------------------------------------------------- contrast

/** WCAG contrast of every badge and status element on the page, from the computed styles. */
function contrasts(page: Page): Promise<{ what: string; ratio: number }[]> {
  return page.evaluate(() => {
    const rgb = (c: string) => {
      const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(c);
      if (!m) throw new Error(`colour ${c}`);
      return { r: +m[1], g: +m[2], b: +m[3], a: m[4] === undefined ? 1 : +m[4] };
    };
    const lum = ({ r, g, b }: { r: number; g: number; b: number }) => {
      const f = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const background = (el: Element | null): { r: number; g: number; b: number } => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.a > 0) return c;
      }
      return { r: 255, g: 255, b: 255 };
    };
    const sel = '.badge, .summary, .notice, .notice p, #host-label, .file-name, .cell, .lead';
    return [...document.querySelectorAll(sel)]
      .filter((el) => (el as HTMLElement).offsetParent !== null && el.textContent?.trim())
      .map((el) => {
        const fg = lum(rgb(getComputedStyle(el).color));
        const bg = lum(background(el));
        const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
        return {
          what: `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} “${el.textContent!.trim().slice(0, 12)}”`,
          ratio,
        };
      });
  });
}

/** Puts one element of every status class on the page (the ones a session may not have shown yet). */
function addStatusSamples(page: Page): Promise<void> {
  return page.evaluate(() => {
    const box = document.createElement('div');
    box.id = 'status-samples';
    for (const level of ['info', 'success', 'warning', 'error']) {
      const n = document.createElement('p');
      n.className = `notice ${level}`;
      n.textContent = `样例${level}`;
      const s = document.createElement('p');
      s.className = `summary ${level}`;
      s.textContent = `样例${level}`;
      box.append(n, s);
    }
    for (const sev of ['error', 'warning']) {
      const b = document.createElement('span');
      b.className = `badge ${sev}`;
      b.textContent = sev === 'error' ? '错误' : '警告';
      box.append(b);
    }
    document.querySelector('.column-actions')!.append(box);
  });
}

describe.skipIf(!ready)('the pane for everyday use (standalone page)', BROWSER_TEST, () => {
  let looseBytes: Uint8Array;
  let cleanBytes: Uint8Array;
  beforeAll(async () => {
    looseBytes = await fillWorkbook(looseInput(), definition);
    cleanBytes = await fillWorkbook(sampleSubmission(definition), definition);
  });

  it('keyboard only: Enter opens the file chooser, focus stays on each command, the result is announced', async () => {
    await withPane('browser', async (page) => {
      // Tab from the top of the page to 选择填报表… (the file input itself is never a tab stop).
      let guard = 0;
      while ((await active(page)) !== 'standalone-choose' && guard++ < 20) await page.keyboard.press('Tab');
      expect(await active(page)).toBe('standalone-choose');
      const chooser = await fileChooser(page, () => page.keyboard.press('Enter'));
      await chooser.setFiles({ name: 'loose.xlsx', mimeType: XLSX_MIME, buffer: Buffer.from(looseBytes) });
      await page.waitForSelector('#results-file:text("文件：loose.xlsx")');
      const expected = await checkWorkbookBytes(looseBytes, new DefinitionRegistry());
      const { errors: e, warnings: w } = countIssues(expected.issues);
      expect(e).toBeGreaterThan(0);
      expect(w).toBeGreaterThan(0);
      await expect.poll(() => announced(page), POLL).toBe(`校验完成：错误 ${e} 条，警告 ${w} 条`);
      expect(await page.getAttribute('#announce', 'aria-live')).toBe('polite');
      expect(await active(page)).toBe('standalone-choose');

      // Enter on 下载空白填报表: the download, and focus stays on the command.
      await page.focus('#standalone-blank');
      const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
      await page.waitForSelector('#notices p.success');
      expect(download.suggestedFilename()).toBe(templateFileName(definition));
      expect(await active(page)).toBe('standalone-blank');

      // A clean workbook: 下载报告 by keyboard, focus kept; the announcement says so.
      await chooseFile(page, 'ok.xlsx', cleanBytes);
      const clean = await checkWorkbookBytes(cleanBytes, definition);
      await expect.poll(() => announced(page), POLL).toBe(checkAnnouncement(clean.issues));
      await expect.poll(() => page.isEnabled('#standalone-report'), POLL).toBe(true);
      await page.focus('#standalone-report');
      await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
      await page.waitForSelector('#notices p.success');
      expect(await active(page)).toBe('standalone-report');
    });
  });

  it('every badge and status colour has a contrast of at least 4.5:1', async () => {
    await withPane('browser', async (page) => {
      await chooseFile(page, 'loose.xlsx', looseBytes);
      await page.waitForSelector('#issues .badge.warning');
      await addStatusSamples(page);
      const found = await contrasts(page);
      // The real ones (both badges, the summary) and the samples of every level are all measured.
      expect(found.filter((f) => f.what.startsWith('span.badge.warning')).length).toBeGreaterThan(1);
      expect(found.filter((f) => f.what.startsWith('span.badge.error')).length).toBeGreaterThan(1);
      for (const level of ['info', 'success', 'warning', 'error'])
        expect(found.some((f) => f.what.startsWith(`p.summary.${level}`))).toBe(true);
      const low = found.filter((f) => f.ratio < 4.5);
      expect(low).toEqual([]);
    });
  });

  it('drag-and-drop: a workbook dropped on the page is checked; other files are refused, clearly', async () => {
    await withPane('browser', async (page) => {
      await drop(page, [{ name: '市交通运输局.xlsx', bytes: looseBytes, type: XLSX_MIME }]);
      await page.waitForSelector('#results-file:text("文件：市交通运输局.xlsx")');
      expect(await page.isHidden('#drop-overlay')).toBe(true);
      const expected = await checkWorkbookBytes(looseBytes, definition);
      expect(await page.textContent('#issues')).toContain(expected.issues[0].message);
      expect(await page.textContent('#standalone-file-name')).toBe('已选择：市交通运输局.xlsx');

      // Two workbooks: the first is checked, and the pane says so.
      await drop(page, [
        { name: 'a.xlsx', bytes: cleanBytes, type: XLSX_MIME },
        { name: 'b.xlsx', bytes: looseBytes, type: XLSX_MIME },
      ]);
      await page.waitForSelector('#results-file:text("文件：a.xlsx")');
      expect(await page.textContent('#notices')).toContain('拖入了2个，已校验“a.xlsx”');

      await drop(page, [{ name: '说明.pdf', bytes: new Uint8Array([37, 80, 68, 70]) }]);
      await page.waitForSelector('#notices p.error');
      expect(await page.textContent('#notices p.error')).toMatch(/^“说明\.pdf”不是Excel填报表（\.xlsx）/);
      // The page is still the pane: nothing navigated away.
      expect(page.url()).toMatch(/taskpane\.html$/);
    });
  });

  it('下载空白填报表 of the current definition (built in the page); a workbook picks its definition', async () => {
    await withPane('browser', async (page) => {
      expect(await page.inputValue('#definition')).toBe(definition.id);
      const download = async () => {
        const [d] = await Promise.all([page.waitForEvent('download'), page.click('#standalone-blank')]);
        return { name: d.suggestedFilename(), bytes: new Uint8Array(readFileSync(await d.path())) };
      };
      const blank = await download();
      expect(blank.name).toBe('意识形态工作填报表.xlsx');
      expect(await sheetNames(blank.bytes)).toEqual(expect.arrayContaining(Object.values(definition.sheets)));
      // It is the blank template: checked, it is this definition's, with the 未填写 errors of a blank one.
      const checked = await checkWorkbookBytes(blank.bytes, new DefinitionRegistry());
      expect(checked.definitionId).toBe(definition.id);
      expect(checked.issues.map((i) => i.rule)).toContain('field.required');

      // Another definition chosen: its template.
      const party = partyConductDefinition();
      await page.selectOption('#definition', party.id);
      expect(await page.textContent('footer')).toContain(party.title);
      const other = await download();
      expect(other.name).toBe(templateFileName(party));
      expect((await checkWorkbookBytes(other.bytes, new DefinitionRegistry())).definitionId).toBe(party.id);

      // A workbook is checked with the definition its template id names, and the chooser follows it.
      await page.selectOption('#definition', definition.id);
      const partyBytes = await fillWorkbook(asFillInput(partyConductSample()), party);
      await chooseFile(page, 'party.xlsx', partyBytes);
      await expect.poll(() => page.inputValue('#definition'), POLL).toBe(party.id);
      const expected = await checkWorkbookBytes(partyBytes, new DefinitionRegistry());
      expect(expected.definitionId).toBe(party.id);
      expect(await announced(page)).toBe(checkAnnouncement(expected.issues));
    });
  });

  it('a local definition file: a bad one is refused naming the file and the place; a good one is used', async () => {
    await withPane('browser', async (page) => {
      const chooser = await fileChooser(page, () => page.click('#definition-load'));
      await chooser.setFiles({
        name: '本地标准.yaml',
        mimeType: 'text/yaml',
        buffer: Buffer.from('id: my.local\ntitle: 本地标准\nversion: 1\nmetrics: 很多\n'),
      });
      await page.waitForSelector('#notices p.error');
      const error = (await page.textContent('#notices p.error'))!;
      expect(error).toMatch(/^标准定义文件“本地标准\.yaml”有\d+处不符合要求：/);
      expect(error).toMatch(/位置 metrics（第4行）：应为列表，现为文本/);
      expect(await page.locator('#definition option').count()).toBe(2);

      // A good one (the standard with its own id, title and a renamed sheet), dropped on the page.
      const data = structuredClone(builtinDefinitionData[0]) as any;
      data.id = 'my.local';
      data.title = '本单位意识形态工作填报表';
      data.sheets.info = '单位基本情况';
      const local = parseDefinitionData(data, 'x');
      await drop(page, [
        {
          name: '本单位标准.json',
          bytes: new TextEncoder().encode(JSON.stringify(data)),
          type: 'application/json',
        },
      ]);
      await page.waitForSelector('#notices p.success');
      expect(await page.textContent('#notices')).toContain('已加载标准定义文件“本单位标准.json”');
      expect(await page.inputValue('#definition')).toBe('my.local');
      expect(await page.textContent('#definition option:checked')).toContain('（本地文件）');
      const [d] = await Promise.all([page.waitForEvent('download'), page.click('#standalone-blank')]);
      const bytes = new Uint8Array(readFileSync(await d.path()));
      expect(await sheetNames(bytes)).toContain('单位基本情况');

      // A workbook of that definition is checked with it.
      // (The sample records the default's template id and version; the template's own are kept instead.)
      const filled = await fillWorkbook(
        { ...sampleSubmission(definition), templateId: null, templateVersion: null },
        local,
      );
      await page.selectOption('#definition', definition.id);
      await chooseFile(page, 'local.xlsx', filled);
      await expect.poll(() => page.inputValue('#definition'), POLL).toBe('my.local');
      const expected = await checkWorkbookBytes(filled, new DefinitionRegistry([local]));
      expect(expected.definitionId).toBe('my.local');
      expect(await announced(page)).toBe(checkAnnouncement(expected.issues));
    });
  });

  it('desktop layout at 1280 px: actions and summary left, results right; one column in the pane', async () => {
    await withPane(
      'browser',
      async (page) => {
        await chooseFile(page, 'loose.xlsx', looseBytes);
        await page.waitForSelector('#results:not([hidden]) li');
        const boxes = async () => ({
          actions: (await page.locator('#view-standalone').boundingBox())!,
          summary: (await page.locator('#summary').boundingBox())!,
          results: (await page.locator('#results').boundingBox())!,
        });
        let b = await boxes();
        expect(b.results.x).toBeGreaterThanOrEqual(b.actions.x + b.actions.width);
        expect(b.summary.x).toBe(b.actions.x);
        expect(b.results.y).toBeLessThan(b.summary.y); // side by side, not below
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
        // The place for a second view: a tab list, hidden while there is one view.
        expect(await page.getAttribute('#panel-check', 'role')).toBe('tabpanel');
        expect(await page.isHidden('#views')).toBe(true);

        await page.setViewportSize({ width: 360, height: 900 });
        b = await boxes();
        expect(b.results.y).toBeGreaterThanOrEqual(b.summary.y + b.summary.height);
        expect(Math.abs(b.results.x - b.actions.x)).toBeLessThan(2);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      },
      { width: 1280, height: 900 },
    );
  });
});

// ---------------------------------------------------------------------------- Excel

/** Protection the template's sheets carry (as the stub models it). */
const PROTECTION = { allowInsertRows: true, allowDeleteRows: true, allowSort: true, allowAutoFilter: true };

/** The stub's sheets (with conditional formats and protection) as the test sees them. */
const sheetsOf = (page: Page) =>
  page.evaluate(() =>
    (window as any).__officeStub.sheets.map((s: any) => ({
      name: s.name,
      protection: s.protection ?? null,
      conditionalFormats: (s.conditionalFormats ?? []).map((f: any) => ({ ...f })),
    })),
  ) as Promise<{ name: string; protection: any; conditionalFormats: any[] }[]>;

const marksIn = async (page: Page) =>
  (await sheetsOf(page)).flatMap((s) =>
    s.conditionalFormats.filter((f) => f.formula === MARK_FORMULA).map((f) => ({ sheet: s.name, ...f })),
  );

/** A cell's value and number format in the stub's workbook. */
const cellOf = (page: Page, sheet: string, cell: string) =>
  page.evaluate(
    ([sheet, cell]) => {
      const s = (window as any).__officeStub.sheets.find((x: any) => x.name === sheet);
      const m = /^([A-Z]+)(\d+)$/.exec(cell)!;
      let col = 0;
      for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
      const o = /!\$?([A-Z]+)\$?(\d+)/.exec(s.address)!;
      let c0 = 0;
      for (const ch of o[1]) c0 = c0 * 26 + ch.charCodeAt(0) - 64;
      const r = Number(m[2]) - Number(o[2]);
      const c = col - c0;
      return { value: s.values[r]?.[c], type: s.valueTypes[r]?.[c], format: s.numberFormat[r]?.[c] };
    },
    [sheet, cell] as const,
  );

/** Reads of a sheet's cells so far. */
const readsOf = async (page: Page, sheet: string) =>
  ((await stub(page)).reads as { sheet: string }[]).filter((r) => r.sheet === sheet).length;

describe.skipIf(!ready)('the Excel pane for everyday use (Office stub)', BROWSER_TEST, () => {
  let loose: Awaited<ReturnType<typeof officeSnapshotsFromXlsx>>;
  let expected: Awaited<ReturnType<typeof checkWorkbookBytes>>;
  let config: StubConfig;
  beforeAll(async () => {
    const bytes = await fillWorkbook(looseInput(), definition);
    expected = await checkWorkbookBytes(bytes, definition);
    const standard = new Set(Object.values(definition.sheets));
    loose = (await officeSnapshotsFromXlsx(bytes)).map((s) =>
      standard.has(s.name) && s.name !== definition.sheets.meta
        ? ({ ...s, protection: { protected: true, options: PROTECTION } } as typeof s)
        : s,
    );
    config = { host: 'Excel', platform: 'PC', sheets: loose };
  });
  const cellOfRule = (rule: string) => expected.issues.find((i) => i.rule === rule)!;

  it('marks the offending cells (conditional formats over the user’s formatting), keeps, removes and restores them', async () => {
    // A mark the pane left behind last time, and a conditional format of the user's own on a cell with an issue.
    const coerced = cellOfRule('metric.coerced');
    const negative = cellOfRule('metric.negative');
    const own = { id: 'user-1', address: coerced.cell, type: 'Custom', formula: '=A1>0', fill: '#00FF00' };
    const leftover = { id: 'old-1', address: 'B2', type: 'Custom', formula: MARK_FORMULA, fill: '#FFC7CE' };
    const sheets = loose.map((s) =>
      s.name === coerced.sheet ? { ...s, conditionalFormats: [own, leftover] } : s,
    );
    await withPane({ ...config, sheets }, async (page) => {
      // The leftover goes when the pane opens; the user's format stays.
      await expect.poll(async () => (await marksIn(page)).length, POLL).toBe(0);
      expect((await sheetsOf(page)).find((s) => s.name === coerced.sheet)!.conditionalFormats).toEqual([own]);

      await page.click('#excel-check');
      await page.waitForSelector('#results:not([hidden]) li');
      const withCells = expected.issues.filter((i) => i.sheet && i.cell);
      await expect
        .poll(async () => (await marksIn(page)).length, POLL)
        .toBe(new Set(withCells.map((i) => `${i.sheet}!${i.cell}`)).size);
      const marks = await marksIn(page);
      const markAt = (sheet: string, cell: string) =>
        marks.find((m) => m.sheet === sheet && m.address === cell);
      expect(markAt(coerced.sheet!, coerced.cell!)!.fill).toBe(MARK_FILL.warning);
      expect(markAt(negative.sheet!, negative.cell!)!.fill).toBe(MARK_FILL.error);
      // The user's conditional format is still there, the sheets are protected again as they were, and
      // no cell's own fill was written.
      const after = await sheetsOf(page);
      expect(after.find((s) => s.name === coerced.sheet)!.conditionalFormats).toContainEqual(own);
      for (const s of after.filter((x) => x.protection))
        expect(s.protection).toEqual({ protected: true, options: PROTECTION });
      expect((await stub(page)).fillWrites).toEqual([]);

      // The user corrects the negative count: checked again, its mark goes, the others stay as they were.
      await page.evaluate(([s, c]) => (window as any).__officeStub.edit(s, c, 2), [
        negative.sheet!,
        negative.cell!,
      ] as const);
      await expect.poll(async () => (await marksIn(page)).length, POLL).toBe(marks.length - 1);
      const kept = await marksIn(page);
      expect(kept.find((m) => m.sheet === negative.sheet && m.address === negative.cell)).toBeUndefined();
      expect(kept.map((m) => m.id).every((id) => marks.some((m) => m.id === id))).toBe(true);

      // Turned off: all gone (the user's format stays); on again: back.
      await page.click('#excel-marks');
      await expect.poll(async () => (await marksIn(page)).length, POLL).toBe(0);
      expect((await sheetsOf(page)).find((s) => s.name === coerced.sheet)!.conditionalFormats).toEqual([own]);
      await page.click('#excel-marks');
      await expect.poll(async () => (await marksIn(page)).length, POLL).toBe(kept.length);

      // The pane closes: the marks go with it.
      await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide')));
      await expect.poll(async () => (await marksIn(page)).length, POLL).toBe(0);
      expect((await sheetsOf(page)).find((s) => s.name === coerced.sheet)!.conditionalFormats).toEqual([own]);
      for (const s of (await sheetsOf(page)).filter((x) => x.protection))
        expect(s.protection).toEqual({ protected: true, options: PROTECTION });
    });
  });

  it('re-checks as the user edits: debounced, only for the standard sheets, reading only them, announced', async () => {
    const own = {
      name: '本单位台账',
      visibility: 'Visible',
      address: "'本单位台账'!A1:B2",
      values: [
        ['a', 1],
        ['b', 2],
      ],
    };
    await withPane({ ...config, sheets: [...loose, own] }, async (page) => {
      // Before the first 校验 an edit does nothing.
      await page.click('#excel-check');
      await page.waitForSelector('#results:not([hidden]) li');
      const { errors: e0, warnings: w0 } = countIssues(expected.issues);
      await expect.poll(() => announced(page), POLL).toBe(`校验完成：错误 ${e0} 条，警告 ${w0} 条`);
      const metrics = definition.sheets.metrics;
      const first = await readsOf(page, metrics);

      // A burst of edits (the negative count corrected in steps): one re-check, after the last.
      const negative = cellOfRule('metric.negative');
      await page.evaluate(
        ([s, c]) => {
          const st = (window as any).__officeStub;
          st.edit(s, c, 1);
          st.edit(s, c, 12);
          st.edit(s, c, 2);
        },
        [negative.sheet!, negative.cell!] as const,
      );
      await expect.poll(() => announced(page), POLL).toBe(`已重新校验：错误 ${e0 - 1} 条，警告 ${w0} 条`);
      expect(await readsOf(page, metrics)).toBe(first + 1);
      expect(await page.textContent('#issues')).not.toContain(negative.message);
      expect(await page.textContent('#summary')).toMatch(/^发现\d+处错误/);
      // Only the standard sheets were read, never the user's own.
      expect((await stub(page)).reads.map((r: any) => r.sheet)).not.toContain(own.name);

      // An edit of the user's own sheet is not a reason to check again.
      const reads = (await stub(page)).reads.length;
      await page.evaluate(() => (window as any).__officeStub.edit('本单位台账', 'A3', 'c'));
      await page.waitForTimeout(2500);
      expect((await stub(page)).reads.length).toBe(reads);
    });
  });

  it('one-click fixes (“3次” → 3, full-width digits, 2023.10.10 → a date) and their undo', async () => {
    await withPane(config, async (page) => {
      await page.click('#excel-check');
      await page.waitForSelector('#fixes:not([hidden]) li');
      const items = await page.locator('#fixes-list li').allTextContents();
      expect(items.some((t) => t.includes('“3次” → 3'))).toBe(true);
      expect(items.some((t) => t.includes('“１３８００１３８０００” → 13800138000'))).toBe(true);
      expect(items.some((t) => t.includes('“2023.10.10” → 2023-10-10'))).toBe(true);
      expect(items).toHaveLength(3);

      // “3次” → 3 by keyboard: the cell is the number, the warning goes, focus moves to its 撤销.
      const coerced = cellOfRule('metric.coerced');
      const before = await cellOf(page, coerced.sheet!, coerced.cell!);
      expect(before.value).toBe('3次');
      const fixButton = page.locator('#fixes-list li', { hasText: '“3次” → 3' }).locator('button');
      await fixButton.focus();
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await cellOf(page, coerced.sheet!, coerced.cell!)).value, POLL).toBe(3);
      expect(await cellOf(page, coerced.sheet!, coerced.cell!)).toMatchObject({
        type: 'Double',
        format: before.format,
      });
      await expect.poll(() => page.textContent('#issues'), POLL).not.toContain(coerced.message);
      await expect.poll(() => announced(page), POLL).toMatch(/^已修正并重新校验：错误 \d+ 条，警告 \d+ 条$/);
      expect(await page.locator('#fixes-list li').count()).toBe(2);
      expect(await page.evaluate(() => document.activeElement?.className)).toBe('undo');
      expect(await page.textContent('#notices')).toContain(
        `已修正“${coerced.sheet}”工作表${coerced.cell}单元格：“3次” → 3`,
      );
      // The sheets are protected again as they were.
      for (const s of (await sheetsOf(page)).filter((x) => x.protection))
        expect(s.protection).toEqual({ protected: true, options: PROTECTION });

      // 撤销: the cell holds “3次” again (as text, in its own format), and the fix is offered again.
      await page.keyboard.press('Enter');
      await expect
        .poll(async () => (await cellOf(page, coerced.sheet!, coerced.cell!)).value, POLL)
        .toBe('3次');
      expect(await cellOf(page, coerced.sheet!, coerced.cell!)).toEqual(before);
      await expect.poll(() => page.locator('#fixes-list li').count(), POLL).toBe(3);
      expect(await page.textContent('#issues')).toContain(coerced.message);
      expect(await page.isHidden('#undo')).toBe(true);
      expect(await page.evaluate(() => (document.activeElement as HTMLElement)?.dataset.cell)).toBe(
        `${coerced.sheet}!${coerced.cell}`,
      );

      // 全部修正: the phone in half-width digits, the date a real date (serial, date format).
      await page.click('#fixes-all');
      await expect.poll(() => page.isHidden('#fixes'), POLL).toBe(true);
      const info = definition.sheets.info;
      const snap = loose.find((s) => s.name === info)!;
      const origin = parseA1(snap.address!.split('!')[1].split(':')[0]);
      const find = (v: unknown) => {
        for (let r = 0; r < snap.values.length; r++)
          for (let c = 0; c < snap.values[r].length; c++)
            if (snap.values[r][c] === v) return a1(origin.row + r, origin.col + c);
        throw new Error(`no ${String(v)}`);
      };
      expect(await cellOf(page, info, find('１３８００１３８０００'))).toMatchObject({
        value: '13800138000',
        type: 'String',
      });
      const date = await cellOf(page, info, find('2023.10.10'));
      expect(date).toMatchObject({ value: dateToSerial(new Date('2023-10-10T00:00:00Z')), type: 'Double' });
      expect(String(date.format)).toMatch(/y/);
      // The three fixes (“3次” offered again after its undo) are one entry of 撤销.
      expect(await page.textContent('#undo-list')).toContain('3处');
    });
  });

  it('identical issues on one line (“以下 3 处”), each cell selectable; the definition from the workbook', async () => {
    const coerced = cellOfRule('metric.coerced');
    const at = parseA1(coerced.cell!);
    const cells = [1, 2, 3].map((d) => a1(at.row + d, at.col));
    const party = partyConductDefinition();
    const partyBytes = await fillWorkbook(asFillInput(partyConductSample()), party);
    await withPane(config, async (page) => {
      await page.evaluate(
        ([s, cs]) => cs.forEach((c) => (window as any).__officeStub.edit(s, c, '#DIV/0!', 'Error')),
        [coerced.sheet!, cells] as const,
      );
      await page.click('#excel-check');
      await page.waitForSelector('#issues .issue.group');
      const group = page.locator('#issues .issue.group');
      expect(await group.count()).toBe(1);
      const text = (await group.textContent())!;
      expect(text).toMatch(/^错误以下 3 处：.*#DIV\/0!/);
      expect(text.endsWith(cells.join('、'))).toBe(true);
      await group.getByRole('button', { name: cells[1] }).click();
      await expect
        .poll(async () => (await stub(page)).selected.at(-1), POLL)
        .toEqual({ sheet: coerced.sheet, address: cells[1] });
      expect(await page.inputValue('#definition')).toBe(definition.id);

      // Another workbook, of the 党风廉政建设 standard: checked with that definition.
      await page.evaluate(
        (s) => ((window as any).__officeStub.sheets = s),
        await officeSnapshotsFromXlsx(partyBytes),
      );
      await page.click('#excel-check');
      await expect.poll(() => page.inputValue('#definition'), POLL).toBe(party.id);
      const want = await checkWorkbookBytes(partyBytes, new DefinitionRegistry());
      await expect.poll(() => announced(page), POLL).toBe(checkAnnouncement(want.issues));
      expect(await page.textContent('footer')).toContain(party.title);
    });
  });

  it('before ExcelApi 1.9: checked on command only, no marks, no fixes, and the pane says why', async () => {
    await withPane({ ...config, supported: { ExcelApi: '1.8' } }, async (page) => {
      expect(await page.isDisabled('#excel-marks')).toBe(true);
      expect(await page.textContent('label[for="excel-marks"]')).toContain('需要ExcelApi 1.9');
      await page.click('#excel-check');
      await page.waitForSelector('#results:not([hidden]) li');
      expect(await page.isHidden('#fixes')).toBe(true);
      const s = await stub(page);
      expect(s.changeHandlers).toBe(0);
      expect(await marksIn(page)).toEqual([]);
      expect(s.writes).toEqual([]);
    });
  });

  it('focus stays on 校验 and 生成报告 after Enter', async () => {
    await withPane(config, async (page) => {
      await page.focus('#excel-check');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#results:not([hidden]) li');
      await expect.poll(() => page.isEnabled('#excel-check'), POLL).toBe(true);
      expect(await active(page)).toBe('excel-check');
      await page.focus('#excel-report');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#notices p.error');
      await expect.poll(() => page.isEnabled('#excel-report'), POLL).toBe(true);
      expect(await active(page)).toBe('excel-report');
    });
  });
});
