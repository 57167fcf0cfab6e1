// The Node host's checker pool: one tinypool of worker threads running build/worker.mjs, with a time
// budget per task.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Tinypool from 'tinypool';
import { TimeoutError, type CheckPool } from '../import/host';
import type { CheckTask, ReturnCopyResult, ReturnCopyTask, WorkerResult, WorkerTask } from '../worker';

/**
 * Finds the bundled worker. From the bundled CLI (build/cli.mjs) it sits next to us; from the sources
 * (tests, tsx) it is build/worker.mjs at the repository root. YANPAN_WORKER overrides both.
 */
export function workerPath(): string {
  const candidates = [
    process.env.YANPAN_WORKER,
    fileURLToPath(new URL('./worker.mjs', import.meta.url)),
    fileURLToPath(new URL('../../../build/worker.mjs', import.meta.url)),
  ].filter((p): p is string => !!p);
  for (const p of candidates) if (existsSync(p)) return p;
  throw new Error('找不到导入工作线程 build/worker.mjs，请先运行 npm run build:cli。');
}

export class ThreadPool implements CheckPool {
  private pool: Tinypool;
  constructor(
    readonly threads: number,
    readonly budgetMs: number,
  ) {
    this.pool = new Tinypool({
      filename: workerPath(),
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: 60_000,
      isolateWorkers: false,
    });
  }

  check(task: CheckTask): Promise<WorkerResult> {
    return this.run(task) as Promise<WorkerResult>;
  }

  returnCopy(task: ReturnCopyTask): Promise<ReturnCopyResult> {
    return this.run(task) as Promise<ReturnCopyResult>;
  }

  /** Runs one task; a task over budget is aborted (its worker thread is terminated and replaced). */
  private async run(task: WorkerTask): Promise<unknown> {
    const ac = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      ac.abort();
    }, this.budgetMs);
    try {
      return await this.pool.run(task, {
        signal: ac.signal,
        transferList: [task.bytes.buffer as ArrayBuffer],
      });
    } catch (err) {
      if (timedOut) throw new TimeoutError('timeout');
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
