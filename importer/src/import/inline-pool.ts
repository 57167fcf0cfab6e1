// A checker "pool" that runs the worker's tasks on the calling thread: for hosts that cannot start
// workers (a page opened from disk, where browsers refuse Web Workers) and for tests. It cannot stop a
// task that hangs, so it has no time budget; the real pools (Node's threads, the browser's Web Workers)
// do.
import type { RawInflater } from '../../../templates/src/index';
import {
  runWorkerTask,
  type CheckTask,
  type ReturnCopyResult,
  type ReturnCopyTask,
  type WorkerResult,
} from './check-task';
import type { CheckPool } from './host';

export class InlinePool implements CheckPool {
  constructor(private readonly inflateRaw?: RawInflater) {}

  check(task: CheckTask): Promise<WorkerResult> {
    return runWorkerTask(task, this.inflateRaw) as Promise<WorkerResult>;
  }

  returnCopy(task: ReturnCopyTask): Promise<ReturnCopyResult> {
    return runWorkerTask(task, this.inflateRaw) as Promise<ReturnCopyResult>;
  }

  async close(): Promise<void> {}
}
