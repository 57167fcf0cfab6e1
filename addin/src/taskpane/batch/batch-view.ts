// 批量汇总 in the standalone page and the Excel pane: a folder of returned workbooks (or several files, or
// a .zip) and optionally a roster → every workbook checked in Web Workers with live progress and a live
// 报送情况 → the same outputs as `yanpan import` (the same pipeline, importer/src/import/import-batch.ts),
// as one .zip to download or written into a folder the user picks, with 总览's two charts (charts.ts).
// When a run ends the focus is back on its command and the result is said in the page's live region.
// Stateless: the CLI's workspace store (环比, 风险跟踪, history) is not opened from the page. All text
// from the files is set with textContent.
import { readRoster } from '../../../../templates/src/index';
import type { PaneDefinitions } from '../definitions';
import { announce } from '../ui';
import type { BatchResult, BatchSummary, FileEvent } from '../../../../importer/src/import/batch-types';
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
import { build, el, issueItem, unitRow, type Parts } from './batch-dom';
import { riskChart, statusChart } from './charts';
import { LIVE_STATUS_LABEL, LiveTable, type LiveFilter, type LiveUnit } from './live-table';
import { webHost, workersWork } from './web-host';

/** The .zip the outputs are downloaded as. */
export const ZIP_NAME = '批量汇总结果.zip';
/** How often the table and the progress are redrawn while files come back (ms). */
const DRAW_EVERY_MS = 300;

/** "1 分 05 秒" / "12 秒". */
export function durationText(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  return s >= 60 ? `${Math.floor(s / 60)} 分 ${String(s % 60).padStart(2, '0')} 秒` : `${s} 秒`;
}

/** What screen readers hear when a run is done (the counts of the 报送情况 table and its filters). */
export function doneAnnouncement(t: BatchSummary['totals']): string {
  return `汇总完成：已报送${t.submitted}个单位，未报送${t.missing}个，有错误${t.errors + t.unusable}个`;
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
  /** Rows already built, by unit (a unit's row is rebuilt only when it changed). */
  private rowOf = new Map<LiveUnit, HTMLTableRowElement>();
  private started = 0;
  private workers: boolean | null = null;
  private lastUrl: string | null = null;

  constructor(
    readonly p: Parts,
    private readonly onBack: () => void,
    /** The page's definitions: the round is of the current one; loaded files reach the workers. */
    private readonly defs: PaneDefinitions,
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

  /**
   * A command's button is disabled while it runs, which takes the keyboard focus from it: focus goes back
   * to it afterwards, unless the user has since put focus somewhere else.
   */
  private refocus(command: HTMLButtonElement): void {
    const now = document.activeElement;
    if ((!now || now === document.body) && !command.disabled && !command.closest('[hidden]')) command.focus();
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

  /** Redraws the table and the progress soon (files come back faster than it is worth drawing). */
  private draw(): void {
    if (this.drawPending) return;
    this.drawPending = true;
    setTimeout(() => {
      this.drawPending = false;
      this.drawNow();
    }, DRAW_EVERY_MS);
  }

  private drawNow(): void {
    for (const u of this.table.takeChanged()) this.rowOf.delete(u);
    const rows = this.table.shown(this.filter).map((u, i) => {
      let tr = this.rowOf.get(u);
      if (!tr) {
        tr = unitRow(u, () => this.showUnit(u));
        this.rowOf.set(u, tr);
      }
      const n = String(i + 1);
      if (tr.cells[0].textContent !== n) tr.cells[0].textContent = n;
      return tr;
    });
    // Only what changed is touched: a table of a thousand units is laid out again on every change.
    const body = this.p.tbody;
    const same = rows.length === body.rows.length;
    const moved = same ? rows.filter((r, i) => body.rows[i] !== r).length : rows.length;
    if (!same || moved > 50) body.replaceChildren(...rows);
    else if (moved) rows.forEach((r, i) => body.rows[i] !== r && body.rows[i].replaceWith(r));
    if (!this.table.final && this.table.total > 0) this.drawProgress();
  }

  private drawProgress(): void {
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
      const def = this.defs.current;
      const sources = await this.sources(input);
      if (!hasSubmissions(sources)) throw nothingToImport(input.label, sources);
      let rosterUnits: RosterUnit[] = [];
      if (this.roster) rosterUnits = (await readRoster(this.roster.bytes, this.roster.name, def)).units;
      this.table = new LiveTable(rosterUnits);
      this.rowOf.clear();
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
          definitions: this.defs.localFiles(),
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
      this.rowOf.clear();
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
      this.refocus(p.start);
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
    p.charts.replaceChildren(statusChart(s.overview), riskChart(s.overview));
    p.done.hidden = false;
    announce(doneAnnouncement(t));
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
      this.refocus(this.p.write);
    }
  }
}

/**
 * Adds the 批量汇总 entry to the standalone view: a button that swaps the view for the batch view (and a
 * button there to come back). The batch view's styles are its own file (batch.css).
 */
export function mountBatchEntry(standalone: HTMLElement, defs: PaneDefinitions): void {
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
  new BatchView(
    parts,
    () => {
      parts.section.hidden = true;
      standalone.hidden = false;
      document.body.classList.remove('batch-open');
      open.focus();
    },
    defs,
  );
  open.addEventListener('click', () => {
    standalone.hidden = true;
    parts.section.hidden = false;
    document.body.classList.add('batch-open');
    parts.folder.focus();
  });
}
