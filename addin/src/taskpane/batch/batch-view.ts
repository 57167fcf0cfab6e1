// 批量汇总 in the standalone page: a folder of returned workbooks (or several files, or a .zip) and
// optionally a roster → every workbook checked in Web Workers with live progress and a live 报送情况 →
// the same outputs as `yanpan import` (the same pipeline, importer/src/import/import-batch.ts), as one
// .zip to download or written into a folder the user picks. Stateless: the CLI's workspace store
// (环比, 风险跟踪, history) is not opened from the page. All text from the files is set with textContent.
import { definition as def, readRoster, type Issue } from '../../../../templates/src/index';
import type { BatchResult, FileEvent } from '../../../../importer/src/import/batch-types';
import { ImportUsageError, hasSubmissions, nothingToImport } from '../../../../importer/src/import/errors';
import { importBatch } from '../../../../importer/src/import/import-batch';
import { OUTPUT_NAMES, STATUS_LABEL } from '../../../../importer/src/import/labels';
import { ARCHIVE_LIMITS, MAX_FILE_BYTES } from '../../../../importer/src/import/limits';
import type { MemoryScratch } from '../../../../importer/src/import/memory-host';
import { sortSources, sourcesOfFile, type Source } from '../../../../importer/src/import/sources';
import type { RosterUnit } from '../../../../importer/src/import/roster-match';
import { fromDirectory, fromFileList, type ChosenInput } from './choose';
import { ZIP_MIME, downloadLink, outputsZip, refuseOutputFolder, writeOutputsTo } from './deliver';
import { directoryPicker, isAbort } from './fs-access';
import { LIVE_STATUS_LABEL, LiveTable, type LiveFilter, type LiveUnit } from './live-table';
import { webHost, workersWork } from './web-host';

/** The .zip the outputs are downloaded as. */
export const ZIP_NAME = '批量汇总结果.zip';
const ACCEPT_FILES = '.xlsx,.xlsm,.xltx,.xltm,.xls,.et,.zip';
const ACCEPT_ROSTER = '.xlsx,.xlsm,.csv';

function el<K extends keyof HTMLElementTagNameMap>(
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

/** "1 分 05 秒" / "12 秒". */
export function durationText(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  return s >= 60 ? `${Math.floor(s / 60)} 分 ${String(s % 60).padStart(2, '0')} 秒` : `${s} 秒`;
}

/** Today, YYYY-MM-DD (local). */
function today(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

interface Parts {
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
  tableBox: HTMLElement;
  filters: HTMLButtonElement[];
  tbody: HTMLTableSectionElement;
  unitBox: HTMLElement;
  unitTitle: HTMLElement;
  unitIssues: HTMLUListElement;
}

function build(): Parts {
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
  const done = el('div', { id: 'batch-done', className: 'batch-done' }, doneText, download, write);
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
    tableBox,
    filters,
    tbody,
    unitBox,
    unitTitle,
    unitIssues,
  };
}

function issueItem(issue: Issue, file: string | null): HTMLLIElement {
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

/** The batch view's state and behaviour. */
class BatchView {
  private input: ChosenInput | null = null;
  private roster: { name: string; bytes: Uint8Array } | null = null;
  private result: { batch: BatchResult; scratch: MemoryScratch } | null = null;
  private table = new LiveTable();
  private filter: LiveFilter = 'all';
  private busy = false;
  private drawPending = false;
  private started = 0;
  private workers: boolean | null = null;
  private lastUrl: string | null = null;

  constructor(
    readonly p: Parts,
    private readonly onBack: () => void,
  ) {
    const picker = directoryPicker();
    p.folder.addEventListener('click', () => {
      if (picker) void this.pickFolder(picker);
      else p.folderInput.click();
    });
    p.folderInput.addEventListener('change', () => {
      if (p.folderInput.files?.length) this.setInput(fromFileList(p.folderInput.files, true));
      p.folderInput.value = '';
    });
    p.filesInput.addEventListener('change', () => {
      if (p.filesInput.files?.length) this.setInput(fromFileList(p.filesInput.files, false));
      p.filesInput.value = '';
    });
    p.rosterInput.addEventListener('change', () => void this.setRoster());
    p.start.addEventListener('click', () => void this.run());
    p.back.addEventListener('click', () => this.onBack());
    p.write.addEventListener('click', () => void this.writeToFolder());
    p.write.hidden = !picker;
    for (const b of p.filters)
      b.addEventListener('click', () => {
        this.filter = b.dataset.filter as LiveFilter;
        for (const x of p.filters) x.setAttribute('aria-pressed', String(x === b));
        this.draw();
      });
  }

  private notice(level: 'info' | 'success' | 'warning' | 'error', text: string): void {
    const n = el('p', { className: `notice ${level}`, textContent: text });
    if (level === 'error') n.setAttribute('role', 'alert');
    this.p.notices.append(n);
  }

  private refresh(): void {
    const p = this.p;
    for (const c of [p.folder, p.rosterInput, p.filesInput, p.folderInput, p.issuer, p.asOf, p.back])
      c.disabled = this.busy;
    p.start.disabled = this.busy || !this.input;
    p.write.disabled = this.busy || !this.result;
    p.section.setAttribute('aria-busy', String(this.busy));
  }

  private setInput(input: ChosenInput): void {
    this.input = input;
    this.p.inputName.textContent = `已选择：${input.label}（${input.files.length}个文件）`;
    this.refresh();
  }

  private async pickFolder(picker: NonNullable<ReturnType<typeof directoryPicker>>): Promise<void> {
    try {
      const dir = await picker({ id: 'yanpan-input', mode: 'read' });
      this.setInput(await fromDirectory(dir));
    } catch (err) {
      if (!isAbort(err))
        this.notice('error', `无法读取所选文件夹：${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private async setRoster(): Promise<void> {
    const f = this.p.rosterInput.files?.[0];
    this.p.rosterInput.value = '';
    if (!f) return;
    this.roster = { name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) };
    this.p.rosterName.textContent = `单位名册：${f.name}`;
  }

  /** Redraws the table (at most once a frame: files come back faster than it is worth drawing). */
  private draw(): void {
    if (this.drawPending) return;
    this.drawPending = true;
    requestAnimationFrame(() => {
      this.drawPending = false;
      this.drawNow();
    });
  }

  private drawNow(): void {
    const rows = this.table.shown(this.filter).map((u, i) => this.row(u, i + 1));
    this.p.tbody.replaceChildren(...rows);
    if (!this.table.final && this.table.total > 0) {
      const t = this.table;
      const elapsed = performance.now() - this.started;
      const left = t.done > 0 && t.done < t.total ? ((t.total - t.done) * elapsed) / t.done : 0;
      this.p.bar.max = t.total;
      this.p.bar.value = t.done;
      this.p.progressText.textContent =
        t.done < t.total
          ? `已校验 ${t.done}/${t.total} 个文件 · 已匹配单位 ${t.matched} 个 · 有错误的文件 ${t.filesWithErrors} 个` +
            (left > 0 ? ` · 预计还需 ${durationText(left)}` : '')
          : `已校验全部 ${t.total} 个文件，正在生成${OUTPUT_NAMES.tracking}、报告和退回修改件…`;
    }
  }

  private row(u: LiveUnit, n: number): HTMLTableRowElement {
    const name = el('button', {
      type: 'button',
      className: 'batch-unit-name',
      textContent: u.name || u.code,
    });
    name.addEventListener('click', () => this.showUnit(u));
    const status = el('span', {
      className: `batch-status ${u.status}`,
      textContent: LIVE_STATUS_LABEL[u.status],
    });
    const tr = el(
      'tr',
      {},
      el('td', { textContent: String(n) }),
      el('td', {}, name),
      el('td', {}, status),
      el('td', { textContent: u.status === 'waiting' || u.status === 'missing' ? '' : String(u.errors) }),
      el('td', { textContent: u.status === 'waiting' || u.status === 'missing' ? '' : String(u.warnings) }),
      el('td', { className: 'file-name', textContent: u.file ?? '' }),
    );
    tr.dataset.status = u.status;
    return tr;
  }

  private showUnit(u: LiveUnit): void {
    const p = this.p;
    p.unitBox.hidden = false;
    p.unitTitle.textContent = `${u.name}：${LIVE_STATUS_LABEL[u.status]}${u.file ? `（${u.file}）` : ''}`;
    const items = u.issues.map((i) => issueItem(i, u.file));
    if (u.status === 'missing') items.push(el('li', { textContent: `${u.name}未报送。` }));
    else if (items.length === 0 && u.status !== 'waiting')
      items.push(el('li', { textContent: '没有发现问题。' }));
    p.unitIssues.replaceChildren(...items);
    p.unitBox.focus();
  }

  private async sources(input: ChosenInput): Promise<Source[]> {
    const limits = { maxFileBytes: MAX_FILE_BYTES, archive: ARCHIVE_LIMITS };
    const out: Source[] = [];
    for (const f of input.files) out.push(...(await sourcesOfFile(f, limits)));
    return sortSources(out);
  }

  private async run(): Promise<void> {
    if (this.busy || !this.input) return;
    const p = this.p;
    const input = this.input;
    this.busy = true;
    this.result = null;
    this.refresh();
    p.notices.replaceChildren();
    p.done.hidden = true;
    p.unitBox.hidden = true;
    if (this.lastUrl) URL.revokeObjectURL(this.lastUrl);
    p.download.replaceChildren();
    p.progress.hidden = false;
    p.progressText.textContent = '正在读取所选文件…';
    p.bar.removeAttribute('value');
    try {
      const sources = await this.sources(input);
      if (!hasSubmissions(sources)) throw nothingToImport(input.label, sources);
      let rosterUnits: RosterUnit[] = [];
      if (this.roster) rosterUnits = (await readRoster(this.roster.bytes, this.roster.name, def)).units;
      this.table = new LiveTable(rosterUnits);
      p.tableBox.hidden = false;
      this.draw();
      this.workers ??= await workersWork();
      if (!this.workers)
        this.notice(
          'info',
          '浏览器不允许本页启动后台线程（例如直接从磁盘打开了本页），校验在本页进行，速度较慢。',
        );
      const host = webHost(this.workers);
      this.started = performance.now();
      const batch = await importBatch(
        sources,
        {
          def,
          roster: this.roster,
          asOf: p.asOf.value || undefined,
          issuer: p.issuer.value.trim() || undefined,
          keepIssues: true,
          onFile: (e: FileEvent) => {
            this.table.onFile(e);
            this.draw();
          },
        },
        host,
      );
      this.result = { batch, scratch: host.scratch };
      this.table.finish(batch.summary);
      this.drawNow();
      this.finished(batch);
    } catch (err) {
      p.progress.hidden = true;
      this.notice(
        'error',
        err instanceof ImportUsageError
          ? err.message
          : `汇总未完成：${err instanceof Error ? err.message : String(err)}。请重试；如仍失败，请刷新本页后重试。`,
      );
    } finally {
      this.busy = false;
      this.refresh();
    }
  }

  private finished(batch: BatchResult): void {
    const p = this.p;
    const s = batch.summary;
    const t = s.totals;
    p.progress.hidden = true;
    p.doneText.textContent =
      `汇总完成：共${t.files}个文件（填报表${t.workbooks}个），应报单位${t.expected}个，已报送${t.submitted}个；` +
      `${STATUS_LABEL.ok}${t.ok}个，${STATUS_LABEL.warnings}${t.warnings}个，${STATUS_LABEL.errors}${t.errors}个，` +
      `${STATUS_LABEL.unusable}${t.unusable}个，${STATUS_LABEL.missing}${t.missing}个。` +
      `生成单位报告${s.outputs.reports.length}份、退回修改件${s.outputs.returnCopies.length}份，用时${durationText(s.timing.seconds * 1000)}。`;
    const zip = outputsZip(batch.outputs, this.result!.scratch);
    const a = downloadLink(zip, ZIP_NAME, ZIP_MIME, `下载全部结果：${ZIP_NAME}`);
    a.id = 'batch-zip';
    this.lastUrl = a.href;
    p.download.replaceChildren(a);
    p.done.hidden = false;
    for (const n of s.notes.slice(0, 20)) this.notice('warning', n);
    a.click();
  }

  private async writeToFolder(): Promise<void> {
    const picker = directoryPicker();
    if (!picker || !this.result || this.busy) return;
    this.busy = true;
    this.refresh();
    try {
      const out = await picker({ id: 'yanpan-output', mode: 'readwrite' });
      const refused = await refuseOutputFolder(out, this.input?.dir);
      if (refused) {
        this.notice('error', refused);
        return;
      }
      const n = await writeOutputsTo(out, this.result.batch.outputs, this.result.scratch);
      this.notice('success', `已将${n}个文件写入文件夹“${out.name}”。`);
    } catch (err) {
      if (!isAbort(err))
        this.notice('error', `写入文件夹未完成：${err instanceof Error ? err.message : String(err)}`);
    } finally {
      this.busy = false;
      this.refresh();
    }
  }
}

/**
 * Adds the 批量汇总 entry to the standalone view: a button that swaps the view for the batch view (and a
 * button there to come back). The batch view's styles are its own file (batch.css).
 */
export function mountBatchEntry(standalone: HTMLElement): void {
  const css = el('link');
  css.rel = 'stylesheet';
  css.href = 'batch.css';
  document.head.append(css);
  const parts = build();
  standalone.after(parts.section);
  const open = el('button', {
    id: 'open-batch',
    type: 'button',
    textContent: '批量汇总：导入一个文件夹的填报表…',
  });
  const entry = el('div', { className: 'batch-entry' }, open);
  standalone.append(entry);
  new BatchView(parts, () => {
    parts.section.hidden = true;
    standalone.hidden = false;
    document.body.classList.remove('batch-open');
    open.focus();
  });
  open.addEventListener('click', () => {
    standalone.hidden = true;
    parts.section.hidden = false;
    document.body.classList.add('batch-open');
    parts.folder.focus();
  });
}
