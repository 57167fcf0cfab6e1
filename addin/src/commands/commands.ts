// Function file named by the manifest's <FunctionFile>. The ribbon buttons only open the task pane
// (ShowTaskpane), so there are no ExecuteFunction commands; this page just initialises office.js, and
// only where Office hosts it (office-host.ts): opened in a browser it loads nothing.
import { currentPageEnv, loadOfficeJs, officeSignal } from '../office-host';

async function start(): Promise<void> {
  if (!officeSignal(currentPageEnv())) return;
  if (!(await loadOfficeJs())) return;
  Office.onReady(() => {
    document.body.dataset.ready = 'true';
  });
}

void start();
