// The views that work on a workbook file: Word (insert the report into the document) and the standalone
// page (download it). A file is chosen with the command button or dragged onto the page, checked with the
// definition its template id names, and the blank template of the current definition can be downloaded.
// The standalone page also loads definition files (JSON or YAML).
import { writeTemplate, type CheckResult, type Definition } from '../../../templates/src/index';
import * as actions from './actions';
import type { Notice, ReportOptions } from './actions';
import {
  definitionLabel,
  isDefinitionFileName,
  isWorkbookFileName,
  readDefinitionFile,
  templateFileName,
  type PaneDefinitions,
} from './definitions';
import { DOCX_MIME, checkFileBytes, reportDecision } from './pipeline';
import * as word from './word';
import {
  $,
  acceptDrops,
  askPlacement,
  clearResults,
  enabledWhen,
  fileCommand,
  offerDownload,
  offerDraft,
  readFile,
  refreshButtons,
  run,
  setDraftAction,
  showNotices,
  showResults,
} from './ui';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Prefix = 'word' | 'standalone';

interface FileViewOptions {
  defs: PaneDefinitions;
  /** The current definition changed (the page shows it). */
  definitionUsed: () => void;
  /** A check ended (null: a new file is being read). */
  onChecked: (check: CheckResult | null, def: Definition) => void;
  /** Definition files may be loaded (standalone page only). */
  loadDefinitions: boolean;
}

/** 下载空白填报表: the current definition's blank template, written in the page. */
function setupBlankTemplate(prefix: Prefix, defs: PaneDefinitions): void {
  $(`${prefix}-blank`).addEventListener('click', () =>
    run('正在生成空白填报表…', async () => {
      const def = defs.current;
      const bytes = await writeTemplate(def);
      offerDownload(bytes, templateFileName(def), XLSX_MIME, '下载空白填报表', true);
      showNotices([
        { level: 'success', text: `已生成空白填报表“${templateFileName(def)}”（${definitionLabel(def)}）。` },
      ]);
    }),
  );
}

/** Reads a definition file and adds it to the page's definitions (a clear error naming the file if bad). */
function loadDefinition(file: File, o: FileViewOptions): Promise<void> {
  return run('正在读取标准定义文件…', async () => {
    const text = await file.text();
    const read = readDefinitionFile(file.name, text);
    if ('error' in read) {
      showNotices([{ level: 'error', text: read.error }]);
      return;
    }
    o.defs.add(read.def, { name: file.name, text });
    o.definitionUsed();
    showNotices([
      {
        level: 'success',
        text:
          `已加载标准定义文件“${file.name}”：${definitionLabel(read.def)}，模板标识 ${read.def.id}。` +
          '校验填报表时按填报表记录的模板标识选用标准；“下载空白填报表”下载此标准的填报表。',
      },
    ]);
  });
}

/** File choice or drop → check, shared by the Word and standalone views. */
function setupFileChoice(prefix: Prefix, o: FileViewOptions): void {
  const check = (file: File, notices: Notice[] = []) =>
    run('正在读取并校验填报表…', async () => {
      clearResults();
      o.onChecked(null, o.defs.current);
      offerDraft(null, '');
      $(`${prefix}-file-name`).textContent = `已选择：${file.name}`;
      const chosen = await readFile(file);
      const result = await checkFileBytes(chosen.bytes, o.defs.registry());
      if (o.defs.choose(result.definitionId)) o.definitionUsed();
      const def = o.defs.current;
      showResults(result, def, chosen.name, actions.checkSummary(result.issues));
      if (!result.submission) {
        const first = result.issues.find((i) => i.severity === 'error');
        notices.push({
          level: 'error',
          text: `“${chosen.name}”无法生成报告：${first?.message ?? '没有读到填报内容。'}`,
        });
      }
      showNotices(notices);
      offerDraft(result, '重新选择文件');
      o.onChecked(result, def);
    });

  fileCommand(`${prefix}-choose`, `${prefix}-file`, (file) => {
    if (isWorkbookFileName(file.name) || !isDefinitionFileName(file.name)) void check(file);
    else
      showNotices([{ level: 'error', text: `“${file.name}”不是Excel填报表（.xlsx），请选择填报表文件。` }]);
  });

  acceptDrops(
    (files) => {
      const workbooks = files.filter((f) => isWorkbookFileName(f.name));
      const definitions = o.loadDefinitions ? files.filter((f) => isDefinitionFileName(f.name)) : [];
      if (workbooks.length === 0 && definitions.length === 0) {
        const names = files.map((f) => `“${f.name}”`).join('');
        showNotices([
          {
            level: 'error',
            text:
              `${names}不是Excel填报表（.xlsx）${o.loadDefinitions ? '或标准定义文件（.json、.yaml）' : ''}，未处理。` +
              '旧版.xls文件请先在Excel或WPS中另存为.xlsx。',
          },
        ]);
        return;
      }
      void (async () => {
        for (const d of definitions) await loadDefinition(d, o);
        if (workbooks.length === 0) return;
        const more: Notice[] =
          workbooks.length > 1
            ? [
                {
                  level: 'info',
                  text: `一次校验一个填报表：拖入了${workbooks.length}个，已校验“${workbooks[0].name}”。`,
                },
              ]
            : [];
        await check(workbooks[0], more);
      })();
    },
    o.loadDefinitions ? '松开鼠标，校验此填报表（或加载标准定义文件）' : '松开鼠标，校验此填报表',
  );
}

export function setupWord(defs: PaneDefinitions, definitionUsed: () => void): void {
  let current: { check: CheckResult; def: Definition } | null = null;
  const clean = () => current !== null && reportDecision(current.check).kind === 'report';
  enabledWhen.set('word-insert', clean);
  enabledWhen.set('word-new', clean);
  setupFileChoice('word', {
    defs,
    definitionUsed,
    loadDefinitions: false,
    onChecked: (check, def) => {
      current = check ? { check, def } : null;
      $('confirm').hidden = true;
      refreshButtons();
    },
  });
  setupBlankTemplate('word', defs);
  const openNew = (opts: ReportOptions) =>
    run('正在生成报告并新建文档…', async () => {
      if (!current) return;
      const out = await actions.openReportInNewDocument(current.check, current.def, opts);
      showNotices(out.notices);
    });
  const insert = (opts: ReportOptions, placement: actions.Placement) =>
    run(placement === 'ask' ? '正在检查当前文档…' : '正在生成报告并插入文档…', async () => {
      if (!current) return;
      const out = await actions.insertReportIntoWord(current.check, current.def, { ...opts, placement });
      showNotices(out.notices);
      if (out.result !== 'confirm') return;
      askPlacement(word.wordApiSupported('1.3'), (choice) => {
        if (choice === 'new') void openNew(opts);
        else if (choice) void insert(opts, choice);
        else showNotices([{ level: 'info', text: '未插入报告，当前文档没有改动。' }]);
      });
    });
  $('word-insert').addEventListener('click', () => insert({}, 'ask'));
  $('word-new').addEventListener('click', () => openNew({}));
  setDraftAction(() => insert({ allowDraft: true }, 'ask'));
}

export function setupStandalone(defs: PaneDefinitions, definitionUsed: () => void): void {
  let current: { check: CheckResult; def: Definition } | null = null;
  const o: FileViewOptions = {
    defs,
    definitionUsed,
    loadDefinitions: true,
    onChecked: (check, def) => {
      current = check ? { check, def } : null;
      refreshButtons();
    },
  };
  enabledWhen.set(
    'standalone-report',
    () => current !== null && reportDecision(current.check).kind === 'report',
  );
  setupFileChoice('standalone', o);
  setupBlankTemplate('standalone', defs);
  $('definition-load').hidden = false;
  fileCommand('definition-load', 'definition-file', (file) => void loadDefinition(file, o));
  const download = (opts: ReportOptions) =>
    run(opts.allowDraft ? '正在生成草稿…' : '正在生成报告…', async () => {
      if (!current) return;
      const out = await actions.reportFromCheck(current.check, current.def, opts);
      showNotices(out.notices);
      if (out.report) offerDownload(out.report.bytes, out.report.fileName, DOCX_MIME, '下载报告', true);
    });
  $('standalone-report').addEventListener('click', () => download({}));
  setDraftAction(() => download({ allowDraft: true }));
}
