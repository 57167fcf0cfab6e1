// The page's import worker (a Web Worker): the same tasks as the CLI's worker threads
// (importer/src/import/check-task.ts), with the reader's own inflater. Receives { id, task } with the
// file's bytes transferred; answers { id, result } (its bytes transferred back) or { id, error }.
import '../../no-eval';
import { runWorkerTask, type WorkerTask } from '../../../../importer/src/import/check-task';

interface Request {
  id: number;
  task?: WorkerTask;
  /** A start-up probe: answered at once. */
  ping?: boolean;
}

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<Request>) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
};

scope.onmessage = async (e) => {
  const { id, task, ping } = e.data;
  if (ping || !task) {
    scope.postMessage({ id, result: 'pong' });
    return;
  }
  try {
    const result = await runWorkerTask(task);
    const transfer: Transferable[] = [];
    if ('report' in result && result.report) transfer.push(result.report.bytes.buffer as ArrayBuffer);
    if ('returnCopy' in result && result.returnCopy) transfer.push(result.returnCopy.buffer as ArrayBuffer);
    scope.postMessage({ id, result }, transfer);
  } catch (err) {
    scope.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
};
