// The Excel view: insert the template, check the open workbook (with the definition its template id
// names), select an issue's cell, generate the report. Once checked, the workbook is checked again as the
// user edits it (debounced, reading only the standard sheets, bounded as every check is), the offending
// cells are marked while the pane is open, and the values the checker reads tolerantly can be fixed with
// one click (and the fix undone).
import type { Issue } from '../../../templates/src/index';
import * as actions from './actions';
import type { AppliedFix, OpenWorkbookCheck, ReportOptions } from './actions';
import type { PaneDefinitions } from './definitions';
import * as excel from './excel';
import { findFixes, fixText, type Fix } from './fixes';
import { DOCX_MIME, checkAnnouncement, countIssues } from './pipeline';
import {
  $,
  clearResults,
  isBusy,
  offerDownload,
  offerDraft,
  run,
  setDraftAction,
  showNotices,
  showResults,
  type SelectIssue,
} from './ui';

/** How long after the last edit the workbook is checked again. */
export const LIVE_DELAY_MS = 1000;
/** Editing events, marks and the undo of fixes need ExcelApi 1.9 (Excel 2019, Microsoft 365, the web). */
const LIVE_API = '1.9';

export function setupExcel(platform: string | null, defs: PaneDefinitions, definitionUsed: () => void): void {
  const marks = new actions.CellMarks();
  const liveSupported = excel.excelApiSupported(LIVE_API);
  let last: OpenWorkbookCheck | null = null;
  let fixes: Fix[] = [];
  const undoable: AppliedFix[][] = [];
  /** After the first check, edits of the sheets it read are checked again. */
  let live = false;
  let sheetIds = new Map<string, string>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let liveRunning = false;
  let liveAgain = false;
  let marksError: string | null = null;

  const select: SelectIssue = async (issue, button) => {
    document.querySelectorAll('#issues [aria-current]').forEach((b) => b.removeAttribute('aria-current'));
    button.setAttribute('aria-current', 'true');
    try {
      await excel.selectCell(issue.sheet as string, issue.cell as string);
    } catch (e) {
      showNotices([
        {
          level: 'error',
          text: `无法定位到“${issue.sheet}”工作表${issue.cell}单元格（工作表可能已改名或删除）：${e instanceof Error ? e.message : String(e)}`,
        },
      ]);
    }
  };

  // ---------------------------------------------------------------- marks

  const marksWanted = () => liveSupported && ($('excel-marks') as HTMLInputElement).checked;
  const syncMarks = async (issues: readonly Issue[] | null) => {
    if (!liveSupported) return;
    const err = await (marksWanted() && issues ? marks.show(issues) : marks.clear());
    if (err && err !== marksError)
      showNotices([
        {
          level: 'warning',
          text: `无法在工作表中标出有问题的单元格（${err}）。校验结果不受影响，请按下方列表逐条修改。`,
        },
      ]);
    marksError = err;
  };

  // ---------------------------------------------------------------- fixes

  function renderFixes(): void {
    const list = $('fixes-list');
    list.replaceChildren();
    for (const fix of fixes) {
      const li = document.createElement('li');
      const text = document.createElement('span');
      text.textContent = `${fix.field ?? fix.sheet}（${fix.cell}）：${fixText(fix)}`;
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'fix';
      b.textContent = '修正';
      b.dataset.cell = `${fix.sheet}!${fix.cell}`;
      b.setAttribute('aria-label', `修正${fix.cell}：${fixText(fix)}`);
      b.addEventListener('click', () => void fix1([fix]));
      li.append(text, b);
      list.append(li);
    }
    $('fixes').hidden = fixes.length === 0;
    ($('fixes-all') as HTMLButtonElement).hidden = fixes.length < 2;

    const undoList = $('undo-list');
    undoList.replaceChildren();
    undoable.forEach((entry, index) => {
      const li = document.createElement('li');
      const text = document.createElement('span');
      text.textContent =
        entry.length === 1
          ? `${entry[0].fix.cell}：${fixText(entry[0].fix)}`
          : `${entry.length}处：${entry.map((a) => a.fix.cell).join('、')}`;
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'undo';
      b.textContent = '撤销';
      b.dataset.undo = String(index);
      b.setAttribute('aria-label', `撤销修正${entry.map((a) => a.fix.cell).join('、')}`);
      b.addEventListener('click', () => void undo(entry));
      li.append(text, b);
      undoList.prepend(li);
    });
    $('undo').hidden = undoable.length === 0;
  }

  const fix1 = (list: Fix[]) =>
    run(list.length === 1 ? '正在修正…' : `正在修正${list.length}处…`, async () => {
      const out = await actions.applyFixes(list);
      if (out.applied.length > 0) undoable.push(out.applied);
      await recheck('已修正并重新校验');
      showNotices(out.notices);
      // The fix buttons are gone: the keyboard goes on from the new 撤销.
      if (out.applied.length > 0)
        (document.querySelector('#undo-list button.undo') as HTMLElement | null)?.focus();
    });

  const undo = (entry: AppliedFix[]) =>
    run('正在撤销…', async () => {
      const out = await actions.undoFixes(entry);
      undoable.splice(undoable.indexOf(entry), 1);
      await recheck('已撤销并重新校验');
      showNotices(out.notices);
      const again = document.querySelector<HTMLElement>(
        `#fixes-list button[data-cell="${CSS.escape(`${entry[0].fix.sheet}!${entry[0].fix.cell}`)}"]`,
      );
      (again ?? $('excel-check')).focus();
    });

  // ---------------------------------------------------------------- checking

  /** Shows a check: the list, the summary (announced), the fixes, the draft offer and the marks. */
  function render(result: OpenWorkbookCheck, announcement: string | null): void {
    if (defs.choose(result.def.id)) definitionUsed();
    last = result;
    const { check } = result;
    showResults(check, result.def, null, actions.checkSummary(check.issues, true), select, announcement);
    fixes = liveSupported && result.grid ? findFixes(result.grid, result.def, check) : [];
    renderFixes();
    offerDraft(check, '再点击“生成报告”');
    void syncMarks(check.issues);
  }

  /** Checks again (after an edit, a fix or an undo); announces only when the counts changed or `what`. */
  async function recheck(what?: string): Promise<void> {
    const before = last ? countIssues(last.check.issues) : null;
    const result = await actions.inspectOpenWorkbook(defs.registry());
    const after = countIssues(result.check.issues);
    const changed = !before || before.errors !== after.errors || before.warnings !== after.warnings;
    render(result, what || changed ? checkAnnouncement(result.check.issues, what ?? '已重新校验') : null);
  }

  async function liveCheck(): Promise<void> {
    timer = null;
    if (liveRunning || isBusy()) {
      liveAgain = true;
      return;
    }
    liveRunning = true;
    try {
      await recheck();
    } catch (e) {
      showNotices([
        {
          level: 'warning',
          text: `自动重新校验失败：${e instanceof Error ? e.message : String(e)}。可点击“校验”重试。`,
        },
      ]);
    } finally {
      liveRunning = false;
      if (liveAgain) {
        liveAgain = false;
        schedule();
      }
    }
  }

  function schedule(): void {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void liveCheck(), LIVE_DELAY_MS);
  }

  /** An edit: checked again after LIVE_DELAY_MS without edits, when it is on a sheet the check reads. */
  async function onChange(change: excel.SheetChange): Promise<void> {
    if (!live || change.ownChange) return;
    let name = sheetIds.get(change.worksheetId);
    if (name === undefined) {
      // A sheet added or renamed since: look again (a failure here only means: check anyway).
      sheetIds = await excel.sheetNamesById().catch(() => sheetIds);
      name = sheetIds.get(change.worksheetId);
    }
    const read = last?.grid?.sheets.map((s) => s.name) ?? [];
    if (name !== undefined && last?.grid && !read.includes(name)) return;
    schedule();
  }

  /** A command that checks (校验, 生成报告): from then on, edits are checked as they happen. */
  async function goLive(): Promise<void> {
    if (live || !liveSupported) return;
    live = true;
    sheetIds = await excel.sheetNamesById();
    await excel.watchChanges((c) => void onChange(c));
  }

  // ---------------------------------------------------------------- commands

  const report = (opts: ReportOptions) =>
    run(opts.allowDraft ? '正在校验并生成草稿…' : '正在校验并生成报告…', async () => {
      clearResults();
      const out = await actions.reportFromOpenWorkbook(defs.registry(), platform, opts);
      render(out, checkAnnouncement(out.check.issues));
      showNotices(out.notices);
      offerDraft(out.report ? null : out.check, '重新生成');
      if (out.report)
        offerDownload(out.report.bytes, out.report.fileName, DOCX_MIME, '下载报告', platform !== 'Mac');
      await goLive();
    });

  $('excel-insert').addEventListener('click', () =>
    run('正在插入标准填报表…', async () => {
      clearResults();
      offerDraft(null, '');
      const out = await actions.insertTemplate(defs.current);
      showNotices(out.notices);
    }),
  );
  $('excel-check').addEventListener('click', () =>
    run('正在读取并校验工作簿…', async () => {
      clearResults();
      const result = await actions.inspectOpenWorkbook(defs.registry());
      render(result, checkAnnouncement(result.check.issues));
      await goLive();
    }),
  );
  $('excel-report').addEventListener('click', () => report({}));
  setDraftAction(() => report({ allowDraft: true }));
  $('fixes-all').addEventListener('click', () => void fix1([...fixes]));

  const marksBox = $('excel-marks') as HTMLInputElement;
  if (!liveSupported) {
    marksBox.checked = false;
    marksBox.disabled = true;
    ($('excel-marks').nextElementSibling as HTMLElement).textContent +=
      '（当前Excel版本不支持，需要ExcelApi 1.9：Excel 2019、Microsoft 365或Excel网页版）';
  }
  marksBox.addEventListener('change', () => void syncMarks(last?.check.issues ?? null));

  if (liveSupported) {
    // Marks a pane left behind (closed before it could remove them), then ours go when the pane does.
    void marks.removeLeftovers();
    const hide = () => void marks.clear();
    window.addEventListener('pagehide', hide);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') hide();
      else void syncMarks(last?.check.issues ?? null);
    });
  }
}
