// Task pane: host detection, the definition chooser and routing between the Excel view (excel-view.ts),
// the Word and standalone views (file-views.ts); ui.ts renders. The same report rule in every view
// (actions.planReport): no report from a workbook with errors unless the user chooses “仍然生成草稿”.
import '../no-eval';
import { currentPageEnv, loadOfficeJs, officeReady, officeSignal } from '../office-host';
import { mountBatchEntry } from './batch/batch-view';
import { PaneDefinitions, definitionLabel } from './definitions';
import { setupExcel } from './excel-view';
import { setupStandalone, setupWord } from './file-views';
import { $, acceptDrops, errorText, refreshButtons, setupCommon, showNotices } from './ui';

type HostKind = 'excel' | 'word' | 'standalone';

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

// ------------------------------------------------------------------ definitions and views

/** The definition chooser (the current definition: 插入/下载空白填报表; a check picks the workbook's). */
function setupDefinitions(defs: PaneDefinitions): () => void {
  const select = $('definition') as HTMLSelectElement;
  const refresh = () => {
    select.replaceChildren(
      ...defs.registry().all.map((d) => {
        const o = document.createElement('option');
        o.value = d.id;
        o.textContent = `${definitionLabel(d)}${defs.isLocal(d) ? '（本地文件）' : ''}`;
        return o;
      }),
    );
    select.value = defs.current.id;
    $('footer').textContent = `${defs.current.title} · 标准版本 ${defs.current.version}`;
  };
  select.addEventListener('change', () => {
    defs.choose(select.value);
    refresh();
  });
  $('definition-bar').hidden = false;
  refresh();
  return refresh;
}

/** The tab list is shown once the page has more than one view (批量汇总 adds the second). */
function setupViews(): void {
  $('views').hidden = document.querySelectorAll('#views [role="tab"]').length < 2;
}

function showHost(host: HostKind): void {
  for (const v of ['excel', 'word', 'standalone'] as const) $(`view-${v}`).hidden = v !== host;
  $('host-label').textContent =
    host === 'excel' ? 'Excel 加载项' : host === 'word' ? 'Word 加载项' : '独立使用（无需安装Office）';
}

async function start(): Promise<void> {
  const { host, platform, notice } = await detectHost();
  showHost(host);
  setupViews();
  if (notice) {
    $('host-notice').textContent = notice;
    $('host-notice').hidden = false;
  }
  setupCommon();
  const defs = new PaneDefinitions();
  const definitionUsed = setupDefinitions(defs);
  if (host === 'excel') {
    setupExcel(platform, defs, definitionUsed);
    // A file dropped on the Excel pane is not opened in place of the pane; the workbook is checked here.
    acceptDrops(
      () =>
        showNotices([
          {
            level: 'info',
            text: '在Excel中，请打开要校验的工作簿，再点击“校验”。要校验其他填报表文件，可在浏览器中打开本页。',
          },
        ]),
      '在Excel中请打开工作簿后点击“校验”',
    );
  } else if (host === 'word') setupWord(defs, definitionUsed);
  else setupStandalone(defs, definitionUsed);
  // 批量汇总 (a folder of returned workbooks) in the standalone page and in the Excel pane.
  if (host === 'standalone') mountBatchEntry($('view-standalone'), defs);
  else if (host === 'excel') mountBatchEntry($('view-excel'), defs);
  refreshButtons();
  document.body.dataset.host = host;
}

start().catch((e) => {
  $('host-label').textContent = '启动失败';
  showNotices([{ level: 'error', text: errorText(e) }]);
});
