// The 批量汇总 view's elements, built with the DOM API (the page's Content-Security-Policy allows no inline
// markup or styles; text from the files is only ever set as textContent). Behaviour: batch-view.ts.
import { localDay, type Issue } from '../../../../templates/src/index';
import { OUTPUT_NAMES } from '../../../../importer/src/import/labels';
import { LIVE_STATUS_LABEL, type LiveUnit } from './live-table';

const ACCEPT_FILES = '.xlsx,.xlsm,.xltx,.xltm,.xls,.et,.zip';
const ACCEPT_ROSTER = '.xlsx,.xlsm,.csv';

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<Record<'id' | 'className' | 'textContent' | 'type' | 'htmlFor', string>> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) (e as unknown as Record<string, string>)[k] = v;
  e.append(...children);
  return e;
}

function fileInput(id: string, accept: string | null, label: string): [HTMLInputElement, HTMLLabelElement] {
  const input = el('input', { id, type: 'file', className: 'file-input' });
  if (accept) input.accept = accept;
  return [input, el('label', { htmlFor: id, className: 'file-label', textContent: label })];
}

/** Today, YYYY-MM-DD (local). */
const today = (): string => localDay();

export interface Parts {
  section: HTMLElement;
  folder: HTMLButtonElement;
  folderInput: HTMLInputElement;
  filesInput: HTMLInputElement;
  inputName: HTMLElement;
  rosterInput: HTMLInputElement;
  rosterName: HTMLElement;
  issuer: HTMLInputElement;
  asOf: HTMLInputElement;
  start: HTMLButtonElement;
  back: HTMLButtonElement;
  progress: HTMLElement;
  bar: HTMLProgressElement;
  progressText: HTMLElement;
  notices: HTMLElement;
  done: HTMLElement;
  doneText: HTMLElement;
  download: HTMLElement;
  write: HTMLButtonElement;
  /** 总览's two charts, once the run is done (charts.ts). */
  charts: HTMLElement;
  tableBox: HTMLElement;
  filters: HTMLButtonElement[];
  tbody: HTMLTableSectionElement;
  unitBox: HTMLElement;
  unitTitle: HTMLElement;
  unitIssues: HTMLUListElement;
}

export function build(): Parts {
  const [folderInput, folderLabel] = fileInput('batch-folder-input', null, '选择文件夹…');
  folderInput.multiple = true;
  folderInput.setAttribute('webkitdirectory', '');
  const folder = el('button', { id: 'batch-folder', type: 'button', textContent: '选择文件夹…' });
  const [filesInput, filesLabel] = fileInput('batch-files-input', ACCEPT_FILES, '或选择多个文件、.zip…');
  filesInput.multiple = true;
  const [rosterInput, rosterLabel] = fileInput('batch-roster-input', ACCEPT_ROSTER, '单位名册（可选）…');
  const inputName = el('span', { id: 'batch-input-name', className: 'file-name' });
  const rosterName = el('span', { id: 'batch-roster-name', className: 'file-name' });
  const issuer = el('input', { id: 'batch-issuer', type: 'text' });
  issuer.placeholder = '如：市直机关工委';
  const asOf = el('input', { id: 'batch-as-of', type: 'date' });
  asOf.value = today();
  const start = el('button', {
    id: 'batch-start',
    type: 'button',
    className: 'primary',
    textContent: '开始汇总',
  });
  start.disabled = true;
  const back = el('button', { id: 'batch-back', type: 'button', textContent: '返回单个文件校验' });
  // With a directory picker the button uses it; without, it opens the webkitdirectory input.
  folderLabel.hidden = true;

  const bar = el('progress');
  bar.setAttribute('aria-label', '汇总进度');
  const progressText = el('p', { id: 'batch-progress-text' });
  const progress = el('div', { id: 'batch-progress', className: 'batch-progress' }, bar, progressText);
  progress.setAttribute('role', 'status');
  progress.setAttribute('aria-live', 'polite');
  progress.hidden = true;
  const notices = el('div', { id: 'batch-notices' });
  notices.setAttribute('aria-live', 'polite');

  const doneText = el('p', { id: 'batch-done-text' });
  const download = el('div', { id: 'batch-download' });
  const write = el('button', { id: 'batch-write', type: 'button', textContent: '写入文件夹…' });
  const charts = el('div', { id: 'batch-charts', className: 'batch-charts' });
  const done = el('div', { id: 'batch-done', className: 'batch-done' }, doneText, download, write, charts);
  done.hidden = true;

  const filters = (
    [
      ['all', '全部'],
      ['missing', '未报送'],
      ['errors', '有错误'],
    ] as const
  ).map(([value, text]) => {
    const b = el('button', { type: 'button', className: 'batch-filter', textContent: text });
    b.dataset.filter = value;
    b.setAttribute('aria-pressed', String(value === 'all'));
    return b;
  });
  const filterGroup = el('div', { className: 'batch-filters' }, ...filters);
  filterGroup.setAttribute('role', 'group');
  filterGroup.setAttribute('aria-label', '筛选单位');
  const tbody = el('tbody');
  const head = el('tr');
  for (const h of ['序号', '单位', '报送状态', '错误', '警告', '文件'])
    head.append(el('th', { textContent: h }));
  const table = el(
    'table',
    { id: 'batch-table', className: 'batch-table' },
    el('caption', { textContent: '报送情况（点击单位名称查看问题）' }),
    el('thead', {}, head),
    tbody,
  );
  const unitTitle = el('h3', { id: 'batch-unit-title' });
  const unitIssues = el('ul', { id: 'batch-unit-issues', className: 'issues' });
  const unitBox = el('section', { id: 'batch-unit' }, unitTitle, unitIssues);
  unitBox.hidden = true;
  unitBox.setAttribute('aria-labelledby', 'batch-unit-title');
  unitBox.tabIndex = -1;
  const tableBox = el(
    'div',
    { id: 'batch-table-box' },
    el('h3', { textContent: '报送情况' }),
    filterGroup,
    el('div', { className: 'batch-table-wrap' }, table),
    unitBox,
  );
  tableBox.hidden = true;

  const field = (text: string, input: HTMLInputElement) =>
    el('label', { className: 'batch-field' }, text, input);
  const section = el(
    'section',
    { id: 'view-batch', className: 'batch' },
    el('h2', { id: 'batch-title', textContent: '批量汇总' }),
    el('p', {
      className: 'lead',
      textContent:
        '选择收回的填报表所在文件夹（含子文件夹和.zip），可选单位名册，在本机浏览器中逐个校验，生成与命令行' +
        `“yanpan import”相同的${OUTPUT_NAMES.tracking}、单位报告、${OUTPUT_NAMES.summary}和退回修改件。文件只在本机处理，不会上传。`,
    }),
    el(
      'div',
      { className: 'batch-actions' },
      folder,
      folderInput,
      folderLabel,
      filesInput,
      filesLabel,
      inputName,
      rosterInput,
      rosterLabel,
      rosterName,
      field('落款单位（汇总分析报告）', issuer),
      field('统计日期（判断填报日期和整改逾期）', asOf),
      start,
      back,
    ),
    progress,
    notices,
    done,
    tableBox,
  );
  section.setAttribute('aria-labelledby', 'batch-title');
  section.hidden = true;
  return {
    section,
    folder,
    folderInput,
    filesInput,
    inputName,
    rosterInput,
    rosterName,
    issuer,
    asOf,
    start,
    back,
    progress,
    bar,
    progressText,
    notices,
    done,
    doneText,
    download,
    write,
    charts,
    tableBox,
    filters,
    tbody,
    unitBox,
    unitTitle,
    unitIssues,
  };
}

/** One issue of a unit, as the pane lists issues (badge, sheet and cell, message). */
export function issueItem(issue: Issue, file: string | null): HTMLLIElement {
  const box = el('div', { className: 'issue' });
  const badge = el('span', {
    className: `badge ${issue.severity}`,
    textContent: issue.severity === 'error' ? '错误' : '警告',
  });
  box.append(badge);
  const where = [issue.sheet, issue.cell].filter(Boolean).join(' ');
  if (where) box.append(el('span', { className: 'cell', textContent: where }));
  box.append(el('span', { className: 'message', textContent: issue.message }));
  if (file && !issue.sheet) box.title = file;
  return el('li', {}, box);
}

/** A unit's row of the 报送情况 table; `onOpen` shows its issues. The first cell (序号) is set by the caller. */
export function unitRow(u: LiveUnit, onOpen: () => void): HTMLTableRowElement {
  const name = el('button', { type: 'button', className: 'batch-unit-name', textContent: u.name || u.code });
  name.addEventListener('click', onOpen);
  const status = el('span', {
    className: `batch-status ${u.status}`,
    textContent: LIVE_STATUS_LABEL[u.status],
  });
  const counted = u.status !== 'waiting' && u.status !== 'missing';
  const tr = el(
    'tr',
    {},
    el('td'),
    el('td', {}, name),
    el('td', {}, status),
    el('td', { textContent: counted ? String(u.errors) : '' }),
    el('td', { textContent: counted ? String(u.warnings) : '' }),
    el('td', { className: 'file-name', textContent: u.file ?? '' }),
  );
  tr.dataset.status = u.status;
  return tr;
}
