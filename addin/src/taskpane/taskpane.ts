// Task pane: host detection, routing between the Excel, Word and standalone views, and rendering.
// All text from a workbook is set with textContent, never as HTML. The same report rule in every view
// (actions.planReport): no report from a workbook with errors unless the user chooses “仍然生成草稿”.
import '../no-eval';
import { DRAFT_MARK, definition, type CheckResult, type Issue } from '../../../templates/src/index';
import { currentPageEnv, loadOfficeJs, officeReady, officeSignal } from '../office-host';
import * as actions from './actions';
import type { Notice, ReportOptions } from './actions';
import * as excel from './excel';
import * as word from './word';
import { mountBatchEntry } from './batch/batch-view';
import { checkFileBytes, DOCX_MIME, groupIssues, reportDecision, type BuiltReport } from './pipeline';

type HostKind = 'excel' | 'word' | 'standalone';
const def = definition;

function $(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el;
}

// ------------------------------------------------------------------ host detection

const OFFICE_TIMEOUT_MS = 5000;
const OFFICE_UNREACHABLE =
  '未能连接到Office（office.js未能加载或没有响应），下面是独立使用方式：可以选择填报表校验并下载报告。' +
  '在Office中看到此提示时，请关闭任务窗格后重新打开。';

interface HostInfo {
  host: HostKind;
  platform: string | null;
  /** Why the pane runs standalone although it looked like Office, or why the Office host is not served. */
  notice: string | null;
}

/** office.js only where Office hosts the page (office-host.ts); everywhere else the standalone page. */
async function detectHost(): Promise<HostInfo> {
  if (!officeSignal(currentPageEnv())) return { host: 'standalone', platform: null, notice: null };
  const ready = (await loadOfficeJs()) ? await officeReady(OFFICE_TIMEOUT_MS) : null;
  if (!ready || !ready.host) return { host: 'standalone', platform: null, notice: OFFICE_UNREACHABLE };
  if (ready.host === 'Excel') return { host: 'excel', platform: ready.platform, notice: null };
  if (ready.host === 'Word') return { host: 'word', platform: ready.platform, notice: null };
  return {
    host: 'standalone',
    platform: ready.platform,
    notice:
      `本加载项只能在Excel和Word中使用，不支持${ready.host}。` +
      '下面是独立使用方式：可以选择填报表校验并下载报告。',
  };
}

// ------------------------------------------------------------------ rendering

let busy = false;
/** When each action button may be used (besides not being busy); buttons not listed: always. */
const enabledWhen = new Map<string, () => boolean>();

function refreshButtons(): void {
  document.querySelectorAll<HTMLButtonElement>('main .actions button').forEach((b) => {
    b.disabled = busy || !(enabledWhen.get(b.id)?.() ?? true);
  });
}

function setBusy(text: string | null): void {
  busy = text !== null;
  $('progress').hidden = !busy;
  $('progress-text').textContent = text ?? '';
  document.body.setAttribute('aria-busy', String(busy));
  refreshButtons();
}

function showNotices(notices: readonly Notice[]): void {
  const box = $('notices');
  box.replaceChildren();
  for (const n of notices) {
    const p = document.createElement('p');
    p.className = `notice ${n.level}`;
    if (n.level === 'error') p.setAttribute('role', 'alert');
    p.textContent = n.text;
    box.append(p);
  }
}

function errorText(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return `操作失败：${msg || '未知错误'}。请重试；如仍失败，请保存文件后重新打开本任务窗格。`;
}

/** Runs one command with progress shown and every failure reported in the pane. */
async function run(progress: string, work: () => Promise<void>): Promise<void> {
  if (busy) return;
  $('confirm').hidden = true;
  setBusy(progress);
  showNotices([]);
  // Let the progress indicator paint before parsing/building (which keeps the main thread busy).
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  try {
    await work();
  } catch (e) {
    showNotices([{ level: 'error', text: errorText(e) }]);
  } finally {
    setBusy(null);
  }
}

function issueContent(issue: Issue, el: HTMLElement): void {
  const badge = document.createElement('span');
  badge.className = `badge ${issue.severity}`;
  badge.textContent = issue.severity === 'error' ? '错误' : '警告';
  el.append(badge);
  if (issue.cell) {
    const cell = document.createElement('span');
    cell.className = 'cell';
    cell.textContent = issue.cell;
    el.append(cell);
  }
  const msg = document.createElement('span');
  msg.className = 'message';
  msg.textContent = issue.message;
  el.append(msg);
}

/** Lists issues grouped by sheet. With onSelect, issues that have a cell are buttons selecting it. */
function showResults(
  result: CheckResult,
  fileName: string | null,
  summary: Notice,
  onSelect?: (issue: Issue, button: HTMLButtonElement) => void,
): void {
  $('results').hidden = false;
  $('results-file').textContent = fileName ? `文件：${fileName}` : '';
  const box = $('issues');
  box.replaceChildren();
  const p = document.createElement('p');
  p.className = `summary ${summary.level}`;
  p.textContent = summary.text;
  box.append(p);
  for (const group of groupIssues(result.issues, def)) {
    const h = document.createElement('h3');
    h.textContent = `${group.sheet ?? '整个文件'}（${group.issues.length}）`;
    const ul = document.createElement('ul');
    ul.className = 'issues';
    ul.setAttribute('aria-label', group.sheet ?? '整个文件');
    for (const issue of group.issues) {
      const li = document.createElement('li');
      if (onSelect && issue.sheet && issue.cell) {
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'issue';
        b.title = `定位到“${issue.sheet}”工作表${issue.cell}单元格`;
        issueContent(issue, b);
        b.addEventListener('click', () => onSelect(issue, b));
        li.append(b);
      } else {
        const div = document.createElement('div');
        div.className = 'issue';
        issueContent(issue, div);
        li.append(div);
      }
      ul.append(li);
    }
    box.append(h, ul);
  }
}

function clearResults(): void {
  $('results').hidden = true;
  $('issues').replaceChildren();
  $('download').hidden = true;
  $('download').replaceChildren();
}

let lastUrl: string | null = null;

/** Offers the .docx as a download link (and starts the download unless the host blocks it). */
function offerDownload(report: BuiltReport, autoStart: boolean): void {
  if (lastUrl) URL.revokeObjectURL(lastUrl);
  const blob = new Blob([report.bytes as BlobPart], { type: DOCX_MIME });
  lastUrl = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = lastUrl;
  a.download = report.fileName;
  a.textContent = `下载报告：${report.fileName}`;
  const box = $('download');
  box.replaceChildren(a);
  box.hidden = false;
  if (autoStart) a.click();
}

async function readChosenFile(input: HTMLInputElement): Promise<{ name: string; bytes: Uint8Array } | null> {
  const file = input.files?.[0];
  if (!file) return null;
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

// ------------------------------------------------------------------ draft offer and Word confirmation

let onDraft: () => void = () => undefined;

/** Shows “仍然生成草稿” when the check allows only a draft (reportDecision), hides it otherwise. */
function offerDraft(check: CheckResult | null, fix: string): void {
  const d = check ? reportDecision(check) : null;
  $('draft').hidden = d?.kind !== 'draftOnly';
  if (d?.kind === 'draftOnly')
    $('draft-text').textContent =
      `填报表还有${d.errors}处错误，不生成报告。请按校验结果修改后${fix}。` +
      `如需先看看报告，可以生成草稿：标题标注“${DRAFT_MARK}”，首页注明据有错误的填报表生成，不能作为正式报告报送。`;
}

let confirmChoice: (choice: 'replace' | 'cursor' | 'new' | null) => void = () => undefined;

/** Asks in the pane (no window.confirm in Office) where the report goes; keyboard: Tab, Enter, Esc. */
function askPlacement(onChoice: (choice: 'replace' | 'cursor' | 'new' | null) => void): void {
  confirmChoice = (choice) => {
    $('confirm').hidden = true;
    confirmChoice = () => undefined;
    onChoice(choice);
  };
  $('confirm-new').hidden = !word.wordApiSupported('1.3');
  $('confirm').hidden = false;
  $('confirm').focus();
}

function setupConfirm(): void {
  const box = $('confirm');
  $('confirm-replace').addEventListener('click', () => confirmChoice('replace'));
  $('confirm-cursor').addEventListener('click', () => confirmChoice('cursor'));
  $('confirm-new').addEventListener('click', () => confirmChoice('new'));
  $('confirm-cancel').addEventListener('click', () => confirmChoice(null));
  box.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') confirmChoice(null);
  });
}

// ------------------------------------------------------------------ views

function showView(host: HostKind): void {
  for (const v of ['excel', 'word', 'standalone'] as const) $(`view-${v}`).hidden = v !== host;
  $('host-label').textContent =
    host === 'excel' ? 'Excel 加载项' : host === 'word' ? 'Word 加载项' : '独立使用（无需安装Office）';
  $('footer').textContent = `${def.title} · 标准版本 ${def.version}`;
}

function setupExcel(platform: string | null): void {
  const select = async (issue: Issue, button: HTMLButtonElement) => {
    document.querySelectorAll('button.issue[aria-current]').forEach((b) => b.removeAttribute('aria-current'));
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
  const report = (opts: ReportOptions) =>
    run(opts.allowDraft ? '正在校验并生成草稿…' : '正在校验并生成报告…', async () => {
      clearResults();
      const out = await actions.reportFromOpenWorkbook(def, platform, opts);
      showNotices(out.notices);
      if (out.check.issues.length > 0)
        showResults(out.check, null, actions.checkSummary(out.check.issues, true), select);
      offerDraft(out.report ? null : out.check, '重新生成');
      if (out.report) offerDownload(out.report, platform !== 'Mac');
    });

  $('excel-insert').addEventListener('click', () =>
    run('正在插入标准填报表…', async () => {
      clearResults();
      offerDraft(null, '');
      const out = await actions.insertTemplate(def);
      showNotices(out.notices);
    }),
  );
  $('excel-check').addEventListener('click', () =>
    run('正在读取并校验工作簿…', async () => {
      clearResults();
      const result = await actions.checkOpenWorkbook(def);
      showResults(result, null, actions.checkSummary(result.issues, true), select);
      offerDraft(result, '再点击“生成报告”');
    }),
  );
  $('excel-report').addEventListener('click', () => report({}));
  onDraft = () => report({ allowDraft: true });
}

/** File choice → check, shared by the Word and standalone views. Reports the current check result. */
function setupFileChoice(
  prefix: 'word' | 'standalone',
  onChecked: (check: CheckResult | null) => void,
): void {
  const input = $(`${prefix}-file`) as HTMLInputElement;
  input.addEventListener('change', () =>
    run('正在读取并校验填报表…', async () => {
      clearResults();
      onChecked(null);
      offerDraft(null, '');
      const chosen = await readChosenFile(input);
      input.value = ''; // choosing the same (corrected) file again re-checks it
      $(`${prefix}-file-name`).textContent = chosen ? `已选择：${chosen.name}` : '';
      if (!chosen) return;
      const result = await checkFileBytes(chosen.bytes, def);
      showResults(result, chosen.name, actions.checkSummary(result.issues));
      if (!result.submission) {
        const first = result.issues.find((i) => i.severity === 'error');
        showNotices([
          { level: 'error', text: `“${chosen.name}”无法生成报告：${first?.message ?? '没有读到填报内容。'}` },
        ]);
      }
      offerDraft(result, '重新选择文件');
      onChecked(result);
    }),
  );
}

function setupWord(): void {
  let current: CheckResult | null = null;
  const clean = () => current !== null && reportDecision(current).kind === 'report';
  enabledWhen.set('word-insert', clean);
  enabledWhen.set('word-new', clean);
  setupFileChoice('word', (check) => {
    current = check;
    $('confirm').hidden = true;
    refreshButtons();
  });
  const openNew = (opts: ReportOptions) =>
    run('正在生成报告并新建文档…', async () => {
      if (!current) return;
      const out = await actions.openReportInNewDocument(current, def, opts);
      showNotices(out.notices);
    });
  const insert = (opts: ReportOptions, placement: actions.Placement) =>
    run(placement === 'ask' ? '正在检查当前文档…' : '正在生成报告并插入文档…', async () => {
      if (!current) return;
      const out = await actions.insertReportIntoWord(current, def, { ...opts, placement });
      showNotices(out.notices);
      if (out.result !== 'confirm') return;
      askPlacement((choice) => {
        if (choice === 'new') void openNew(opts);
        else if (choice) void insert(opts, choice);
        else showNotices([{ level: 'info', text: '未插入报告，当前文档没有改动。' }]);
      });
    });
  $('word-insert').addEventListener('click', () => insert({}, 'ask'));
  $('word-new').addEventListener('click', () => openNew({}));
  onDraft = () => insert({ allowDraft: true }, 'ask');
}

function setupStandalone(): void {
  let current: CheckResult | null = null;
  enabledWhen.set('standalone-report', () => current !== null && reportDecision(current).kind === 'report');
  setupFileChoice('standalone', (check) => {
    current = check;
    refreshButtons();
  });
  const download = (opts: ReportOptions) =>
    run(opts.allowDraft ? '正在生成草稿…' : '正在生成报告…', async () => {
      if (!current) return;
      const out = await actions.reportFromCheck(current, def, opts);
      showNotices(out.notices);
      if (out.report) offerDownload(out.report, true);
    });
  $('standalone-report').addEventListener('click', () => download({}));
  onDraft = () => download({ allowDraft: true });
}

async function start(): Promise<void> {
  const { host, platform, notice } = await detectHost();
  showView(host);
  if (notice) {
    $('host-notice').textContent = notice;
    $('host-notice').hidden = false;
  }
  setupConfirm();
  $('draft-button').addEventListener('click', () => onDraft());
  if (host === 'excel') setupExcel(platform);
  else if (host === 'word') setupWord();
  else setupStandalone();
  if (host === 'standalone') mountBatchEntry($('view-standalone'));
  refreshButtons();
  document.body.dataset.host = host;
}

start().catch((e) => {
  $('host-label').textContent = '启动失败';
  showNotices([{ level: 'error', text: errorText(e) }]);
});
