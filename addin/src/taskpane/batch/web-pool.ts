// The page's checker pool: Web Workers running check-worker.ts, one task at a time each, every task on
// the pool's time budget — a task over budget has its worker terminated and replaced, as Node's worker
// threads are (importer/src/folder/pool.ts).
import type {
  CheckTask,
  ReturnCopyResult,
  ReturnCopyTask,
  WorkerTask,
  WorkerResult,
} from '../../../../importer/src/import/check-task';
import { TimeoutError, type CheckPool } from '../../../../importer/src/import/host';

interface Slot {
  worker: Worker;
  busy: boolean;
}

interface Reply {
  id: number;
  result?: unknown;
  error?: string;
}

export class WebWorkerPool implements CheckPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: ((slot: Slot) => void)[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    threads: number,
    private readonly budgetMs: number,
    private readonly spawn: () => Worker,
  ) {
    for (let i = 0; i < threads; i++) this.slots.push({ worker: spawn(), busy: false });
  }

  check(task: CheckTask): Promise<WorkerResult> {
    return this.run(task) as Promise<WorkerResult>;
  }

  returnCopy(task: ReturnCopyTask): Promise<ReturnCopyResult> {
    return this.run(task) as Promise<ReturnCopyResult>;
  }

  private acquire(): Promise<Slot> {
    const idle = this.slots.find((s) => !s.busy);
    if (idle) {
      idle.busy = true;
      return Promise.resolve(idle);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(slot: Slot): void {
    const next = this.waiting.shift();
    if (next) next(slot);
    else slot.busy = false;
  }

  private async run(task: WorkerTask): Promise<unknown> {
    if (this.closed) throw new Error('pool closed');
    const slot = await this.acquire();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const worker = slot.worker;
      const done = () => {
        clearTimeout(timer);
        worker.removeEventListener('message', onMessage);
        worker.removeEventListener('error', onError);
      };
      /** The worker is gone (over budget or crashed): a fresh one takes its place. */
      const replace = () => {
        worker.terminate();
        try {
          slot.worker = this.spawn();
        } catch {
          // The browser refuses a new worker now: tasks sent to this slot run out of budget.
        }
      };
      const onMessage = (e: MessageEvent<Reply>) => {
        if (e.data?.id !== id) return;
        done();
        this.release(slot);
        if (e.data.error !== undefined) reject(new Error(e.data.error));
        else resolve(e.data.result);
      };
      const onError = (e: ErrorEvent) => {
        e.preventDefault();
        done();
        replace();
        this.release(slot);
        reject(new Error(e.message || 'worker failed'));
      };
      const timer = setTimeout(() => {
        done();
        replace();
        this.release(slot);
        reject(new TimeoutError('timeout'));
      }, this.budgetMs);
      worker.addEventListener('message', onMessage);
      worker.addEventListener('error', onError);
      worker.postMessage({ id, task }, [task.bytes.buffer as ArrayBuffer]);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const s of this.slots) s.worker.terminate();
  }
}
