// Task pane: host detection, routing between the Excel, Word and standalone views, and rendering.
// All text from a workbook is set with textContent, never as HTML.
import { definition, type CheckResult, type Issue, type Submission } from '../../../templates/src/index';
import * as actions from './actions';
import type { Notice } from './actions';
import * as excel from './excel';
import { checkFileBytes, buildReport, DOCX_MIME, groupIssues, type BuiltReport } from './pipeline';

type HostKind = 'excel' | 'word' | 'standalone';
const def = definition;

function $(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el;
}

// ------------------------------------------------------------------ host detection

function detectHost(timeoutMs = 5000): Promise<{ host: HostKind; platform: string | null }> {
  const w = window as unknown as { __yanpanOfficeJsFailed?: boolean };
  if (w.__yanpanOfficeJsFailed || typeof Office === 'undefined' || typeof Office.onReady !== 'function')
    return Promise.resolve({ host: 'standalone', platform: null });
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ host: 'standalone', platform: null }), timeoutMs);
    try {
      Office.onReady((info) => {
        clearTimeout(timer);
        let platform: string | null;
        try {
          platform = String(Office.context?.diagnostics?.platform ?? info.platform ?? '') || null;
        } catch {
          platform = null;
        }
        const host: HostKind =
          info.host === Office.HostType.Excel
            ? 'excel'
            : info.host === Office.HostType.Word
              ? 'word'
              : 'standalone';
        resolve({ host, platform });
      });
    } catch {
      clearTimeout(timer);
      resolve({ host: 'standalone', platform: null });
    }
  });
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
    p.className = n.level;
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

  $('excel-insert').addEventListener('click', () =>
    run('正在插入标准填报表…', async () => {
      clearResults();
      const out = await actions.insertTemplate(def);
      showNotices(out.notices);
    }),
  );
  $('excel-check').addEventListener('click', () =>
    run('正在读取并校验工作簿…', async () => {
      clearResults();
      const result = await actions.checkOpenWorkbook(def);
      showResults(result, null, actions.checkSummary(result.issues, true), select);
    }),
  );
  $('excel-report').addEventListener('click', () =>
    run('正在校验并生成报告…', async () => {
      clearResults();
      const out = await actions.reportFromOpenWorkbook(def, platform);
      showNotices(out.notices);
      if (out.check.issues.length > 0)
        showResults(out.check, null, actions.checkSummary(out.check.issues, true), select);
      if (out.report) offerDownload(out.report, platform !== 'Mac');
    }),
  );
}

/** File choice → check, shared by the Word and standalone views. Returns the current submission. */
function setupFileChoice(prefix: 'word' | 'standalone', onChecked: (sub: Submission | null) => void): void {
  const input = $(`${prefix}-file`) as HTMLInputElement;
  input.addEventListener('change', () =>
    run('正在读取并校验填报表…', async () => {
      clearResults();
      onChecked(null);
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
      onChecked(result.submission);
    }),
  );
}

function setupWord(): void {
  let current: Submission | null = null;
  enabledWhen.set('word-insert', () => current !== null);
  enabledWhen.set('word-new', () => current !== null);
  setupFileChoice('word', (sub) => {
    current = sub;
    refreshButtons();
  });
  $('word-insert').addEventListener('click', () =>
    run('正在生成报告并插入文档…', async () => {
      if (!current) return;
      const out = await actions.insertReportIntoWord(current, def);
      showNotices(out.notices);
    }),
  );
  $('word-new').addEventListener('click', () =>
    run('正在生成报告并新建文档…', async () => {
      if (!current) return;
      const out = await actions.openReportInNewDocument(current, def);
      showNotices(out.notices);
    }),
  );
}

function setupStandalone(): void {
  let current: Submission | null = null;
  enabledWhen.set('standalone-report', () => current !== null);
  setupFileChoice('standalone', (sub) => {
    current = sub;
    refreshButtons();
  });
  $('standalone-report').addEventListener('click', () =>
    run('正在生成报告…', async () => {
      if (!current) return;
      const report = await buildReport(current, def);
      offerDownload(report, true);
      showNotices([{ level: 'success', text: `报告已生成：${report.fileName}` }]);
    }),
  );
}

async function start(): Promise<void> {
  const { host, platform } = await detectHost();
  showView(host);
  if (host === 'excel') setupExcel(platform);
  else if (host === 'word') setupWord();
  else setupStandalone();
  refreshButtons();
  document.body.dataset.host = host;
}

start().catch((e) => {
  showNotices([{ level: 'error', text: errorText(e) }]);
});
