// The page's host of the import pipeline: Web Workers (check-worker.ts) as the checker pool — or, where
// the browser refuses workers (a page opened from disk), the checks on the page's own thread —, scratch
// and spool in memory, WebCrypto (else the pure SHA-256), exceljs' in-memory writer.
import type { CheckPool, ImportHost } from '../../../../importer/src/import/host';
import { InlinePool } from '../../../../importer/src/import/inline-pool';
import { MemoryScratch, MemorySpool, portableSha256 } from '../../../../importer/src/import/memory-host';
import { WebWorkerPool } from './web-pool';

/** Most workers the page starts, whatever the machine: each holds a copy of the checker. */
export const MAX_PAGE_WORKERS = 8;

export function spawnCheckWorker(): Worker {
  return new Worker(new URL('./check-worker.ts', import.meta.url), { name: 'yanpan-check' });
}

/** True when a Web Worker starts and answers here (not from file://, not blocked by a policy). */
export async function workersWork(timeoutMs = 10_000): Promise<boolean> {
  let worker: Worker;
  try {
    worker = spawnCheckWorker();
  } catch {
    return false;
  }
  const ok = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    worker.addEventListener('message', () => {
      clearTimeout(timer);
      resolve(true);
    });
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      clearTimeout(timer);
      resolve(false);
    });
    worker.postMessage({ id: 0, ping: true });
  });
  worker.terminate();
  return ok;
}

export function pageParallelism(): number {
  const n = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
  return Math.max(1, Math.min(MAX_PAGE_WORKERS, n));
}

export function webHost(workers: boolean): ImportHost & { scratch: MemoryScratch } {
  return {
    openPool: (threads, budgetMs): CheckPool =>
      workers ? new WebWorkerPool(threads, budgetMs, spawnCheckWorker) : new InlinePool(),
    parallelism: workers ? pageParallelism() : 1,
    scratch: new MemoryScratch(),
    openSpool: async () => new MemorySpool(),
    sha256: portableSha256,
  };
}
