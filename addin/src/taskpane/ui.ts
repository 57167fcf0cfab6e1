// The pane's DOM, shared by every view: running a command (progress, notices, focus kept on the command),
// the result list (grouped by sheet, identical issues on one line), the summary and its announcement to
// screen readers, downloads, the draft offer and the Word placement question. All text from a workbook is
// set with textContent, never as HTML.
import { DRAFT_MARK, type CheckResult, type Definition, type Issue } from '../../../templates/src/index';
import type { Notice } from './actions';
import { checkAnnouncement, groupIdentical, groupIssues, reportDecision, type IssueLine } from './pipeline';

export function $(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el;
}

// ------------------------------------------------------------------ commands

let busy = false;
/** When each action button may be used (besides not being busy); buttons not listed: always. */
export const enabledWhen = new Map<string, () => boolean>();

export function isBusy(): boolean {
  return busy;
}

export function refreshButtons(): void {
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

export function showNotices(notices: readonly Notice[]): void {
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

export function errorText(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return `操作失败：${msg || '未知错误'}。请重试；如仍失败，请保存文件后重新打开本任务窗格。`;
}

/**
 * Runs one command with progress shown and every failure reported in the pane. The command's button is
 * disabled while it runs (which takes the keyboard focus from it); focus goes back to it afterwards, unless
 * the command moved focus on purpose (the Word placement question).
 */
export async function run(progress: string, work: () => Promise<void>): Promise<void> {
  if (busy) return;
  const focused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
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
    const lost = !document.activeElement || document.activeElement === document.body;
    if (
      lost &&
      focused?.isConnected &&
      !(focused as HTMLButtonElement).disabled &&
      !focused.closest('[hidden]')
    )
      focused.focus();
  }
}

// ------------------------------------------------------------------ announcement

/** Says `text` to screen readers (the polite live region), once per call. */
export function announce(text: string): void {
  const box = $('announce');
  box.textContent = '';
  // A new text node after a frame: read again even when the text is the same as last time.
  requestAnimationFrame(() => {
    box.textContent = text;
  });
}

// ------------------------------------------------------------------ results

/** Where an issue is, as the data-key of its button (to keep focus on it when the list is redrawn). */
function issueKey(issue: Issue): string {
  return JSON.stringify([issue.sheet, issue.cell, issue.rule]);
}

function badge(severity: Issue['severity']): HTMLElement {
  const b = document.createElement('span');
  b.className = `badge ${severity}`;
  b.textContent = severity === 'error' ? '错误' : '警告';
  return b;
}

function span(className: string, text: string): HTMLElement {
  const s = document.createElement('span');
  s.className = className;
  s.textContent = text;
  return s;
}

function selectTitle(issue: Issue): string {
  return `定位到“${issue.sheet}”工作表${issue.cell}单元格`;
}

export type SelectIssue = (issue: Issue, button: HTMLButtonElement) => void;

/** One line of the list: a single issue (a button selecting its cell, with onSelect), or identical ones. */
function lineItem(line: IssueLine, onSelect?: SelectIssue): HTMLLIElement {
  const li = document.createElement('li');
  if (line.issues.length === 1) {
    const issue = line.issues[0];
    const selectable = onSelect && issue.sheet && issue.cell;
    const box = document.createElement(selectable ? 'button' : 'div');
    box.className = 'issue';
    box.append(badge(issue.severity));
    if (issue.cell) box.append(span('cell', issue.cell));
    box.append(span('message', issue.message));
    if (selectable) {
      const b = box as HTMLButtonElement;
      b.type = 'button';
      b.title = selectTitle(issue);
      b.dataset.key = issueKey(issue);
      b.addEventListener('click', () => onSelect(issue, b));
    }
    li.append(box);
    return li;
  }
  const box = document.createElement('div');
  box.className = 'issue group';
  box.append(
    badge(line.severity),
    span('count', `以下 ${line.issues.length} 处：`),
    span('message', line.message),
  );
  const cells = document.createElement('span');
  cells.className = 'cells';
  line.issues.forEach((issue, i) => {
    if (i > 0) cells.append('、');
    if (onSelect && issue.sheet && issue.cell) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'cell-link';
      b.textContent = issue.cell;
      b.title = selectTitle(issue);
      b.dataset.key = issueKey(issue);
      b.addEventListener('click', () => onSelect(issue, b));
      cells.append(b);
    } else cells.append(issue.cell ?? '');
  });
  box.append(cells);
  li.append(box);
  return li;
}

/** The one-line summary (left column) and its announcement. */
export function showSummary(summary: Notice, announcement: string | null): void {
  const p = $('summary');
  p.className = `summary ${summary.level}`;
  p.textContent = summary.text;
  p.hidden = false;
  if (announcement) announce(announcement);
}

/**
 * Lists issues grouped by sheet, identical issues on one line. With onSelect, issues that have a cell are
 * buttons selecting it. Redrawing keeps the keyboard focus on the same issue when it is still listed.
 */
export function showResults(
  result: CheckResult,
  def: Definition,
  fileName: string | null,
  summary: Notice,
  onSelect?: SelectIssue,
  announcement: string | null = checkAnnouncement(result.issues),
): void {
  const focusedKey = (document.activeElement as HTMLElement | null)?.closest?.('#issues')
    ? (document.activeElement as HTMLElement).dataset.key
    : undefined;
  showSummary(summary, announcement);
  $('results').hidden = result.issues.length === 0 && !fileName;
  $('results-file').textContent = fileName ? `文件：${fileName}` : '';
  const box = $('issues');
  box.replaceChildren();
  for (const group of groupIssues(result.issues, def)) {
    const h = document.createElement('h3');
    h.textContent = `${group.sheet ?? '整个文件'}（${group.issues.length}）`;
    const ul = document.createElement('ul');
    ul.className = 'issues';
    ul.setAttribute('aria-label', group.sheet ?? '整个文件');
    for (const line of groupIdentical(group.issues)) ul.append(lineItem(line, onSelect));
    box.append(h, ul);
  }
  if (focusedKey) {
    const again = [...box.querySelectorAll<HTMLElement>('[data-key]')].find(
      (b) => b.dataset.key === focusedKey,
    );
    again?.focus();
  }
}

export function clearResults(): void {
  $('results').hidden = true;
  $('issues').replaceChildren();
  $('summary').hidden = true;
  $('download').hidden = true;
  $('download').replaceChildren();
}

// ------------------------------------------------------------------ files in and out

let lastUrl: string | null = null;

/** Offers bytes as a download link (and starts the download unless the host blocks it). */
export function offerDownload(
  bytes: Uint8Array,
  fileName: string,
  mime: string,
  label: string,
  autoStart: boolean,
): void {
  if (lastUrl) URL.revokeObjectURL(lastUrl);
  lastUrl = URL.createObjectURL(new Blob([bytes as BlobPart], { type: mime }));
  const a = document.createElement('a');
  a.href = lastUrl;
  a.download = fileName;
  a.textContent = `${label}：${fileName}`;
  const box = $('download');
  box.replaceChildren(a);
  box.hidden = false;
  if (autoStart) a.click();
}

export interface ChosenFile {
  name: string;
  bytes: Uint8Array;
}

export async function readFile(file: File): Promise<ChosenFile> {
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

/**
 * A command button that opens a hidden file input (Enter and Space on the button open the file chooser);
 * `onFile` runs for the chosen file. Choosing the same (corrected) file again runs it again.
 */
export function fileCommand(buttonId: string, inputId: string, onFile: (file: File) => void): void {
  const input = $(inputId) as HTMLInputElement;
  $(buttonId).addEventListener('click', () => input.click());
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    input.value = '';
    if (file) onFile(file);
  });
}

/**
 * Files dragged onto the page: the overlay says what dropping will do while they are over it, and
 * `onDrop` gets the dropped files. The browser never opens a dropped file in place of the pane.
 */
export function acceptDrops(onDrop: (files: File[]) => void, hint: string): void {
  const overlay = $('drop-overlay');
  let depth = 0;
  const hasFiles = (e: DragEvent) => [...(e.dataTransfer?.types ?? [])].includes('Files');
  document.addEventListener('dragenter', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth++;
    $('drop-text').textContent = hint;
    overlay.hidden = false;
  });
  document.addEventListener('dragover', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
  });
  document.addEventListener('dragleave', (e) => {
    if (!hasFiles(e)) return;
    depth = Math.max(0, depth - 1);
    if (depth === 0) overlay.hidden = true;
  });
  document.addEventListener('drop', (e) => {
    e.preventDefault();
    depth = 0;
    overlay.hidden = true;
    const files = [...(e.dataTransfer?.files ?? [])];
    if (files.length > 0) onDrop(files);
  });
}

// ------------------------------------------------------------------ draft offer and Word confirmation

let onDraft: () => void = () => undefined;

export function setDraftAction(action: () => void): void {
  onDraft = action;
}

/** Shows “仍然生成草稿” when the check allows only a draft (reportDecision), hides it otherwise. */
export function offerDraft(check: CheckResult | null, fix: string): void {
  const d = check ? reportDecision(check) : null;
  $('draft').hidden = d?.kind !== 'draftOnly';
  if (d?.kind === 'draftOnly')
    $('draft-text').textContent =
      `填报表还有${d.errors}处错误，不生成报告。请按校验结果修改后${fix}。` +
      `如需先看看报告，可以生成草稿：标题标注“${DRAFT_MARK}”，首页注明据有错误的填报表生成，不能作为正式报告报送。`;
}

export type Placement = 'replace' | 'cursor' | 'new' | null;
let confirmChoice: (choice: Placement) => void = () => undefined;

/** Asks in the pane (no window.confirm in Office) where the report goes; keyboard: Tab, Enter, Esc. */
export function askPlacement(canOpenNew: boolean, onChoice: (choice: Placement) => void): void {
  confirmChoice = (choice) => {
    $('confirm').hidden = true;
    confirmChoice = () => undefined;
    onChoice(choice);
  };
  $('confirm-new').hidden = !canOpenNew;
  $('confirm').hidden = false;
  $('confirm').focus();
}

export function setupCommon(): void {
  const box = $('confirm');
  $('confirm-replace').addEventListener('click', () => confirmChoice('replace'));
  $('confirm-cursor').addEventListener('click', () => confirmChoice('cursor'));
  $('confirm-new').addEventListener('click', () => confirmChoice('new'));
  $('confirm-cancel').addEventListener('click', () => confirmChoice(null));
  box.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') confirmChoice(null);
  });
  $('draft-button').addEventListener('click', () => onDraft());
}
