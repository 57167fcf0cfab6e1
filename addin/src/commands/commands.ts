// Function file named by the manifest's <FunctionFile>. The ribbon buttons only open the task pane
// (ShowTaskpane), so there are no ExecuteFunction commands; this page just initialises office.js.
function start(): void {
  const w = window as unknown as { __yanpanOfficeJsFailed?: boolean };
  if (w.__yanpanOfficeJsFailed || typeof Office === 'undefined') return;
  Office.onReady(() => {
    document.body.dataset.ready = 'true';
  });
}

start();
