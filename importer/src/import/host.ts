// What the import pipeline asks of the host it runs in — the only host-specific parts of an import:
//   - a checker pool (Node: worker threads of build/worker.mjs; the browser: Web Workers), each task on a
//     time budget;
//   - scratch storage for staged bytes and the spool (Node: files in the private staging folder inside the
//     output folder, so memory stays bounded at 20,000 units; the browser: memory);
//   - SHA-256 (Node: node:crypto; the browser: crypto.subtle, else the pure one — the same digests);
//   - the tracking workbook's exceljs writer (Node: the streaming writer; the browser: the in-memory one).
// Files in (discovery) and files out (putting the outputs in place, a .zip, a chosen folder) are the
// host's own business, before and after importBatch.
import type { TrackingBookFactory } from './tracking-book';
import type { ReturnCopyResult, CheckTask, ReturnCopyTask, WorkerResult } from './check-task';

/** A task ran over its time budget (its worker was stopped and replaced). */
export class TimeoutError extends Error {}

/** The checker pool: a fixed number of workers, each task on the pool's time budget. */
export interface CheckPool {
  /** Checks one workbook (and builds its unit report). Rejects with TimeoutError over budget. */
  check(task: CheckTask): Promise<WorkerResult>;
  /** Builds one return copy, on a budget of its own. */
  returnCopy(task: ReturnCopyTask): Promise<ReturnCopyResult>;
  close(): Promise<void>;
}

/** Bytes kept during a run under a key ("b12.xlsx"): the staged files and the outputs. */
export interface Scratch {
  /** Keeps bytes; `durable`: flushed to stable storage (Node: fsync) before put returns. */
  put(key: string, bytes: Uint8Array, opts?: { durable?: boolean }): Promise<void>;
  get(key: string): Promise<Uint8Array>;
}

/** Where a spooled value is. */
export interface Span {
  off: number;
  len: number;
}

/** Append-only storage for the risks and issues of every file: the pipeline keeps only spans. */
export interface Spool {
  put(value: unknown): Promise<Span>;
  get<T>(span: Span): Promise<T>;
  close(): Promise<void>;
}

export interface ImportHost {
  /** Starts a checker pool of `threads` workers, each task on `budgetMs`. */
  openPool(threads: number, budgetMs: number): CheckPool;
  /** How many workers by default (the machine's parallelism). */
  parallelism: number;
  scratch: Scratch;
  openSpool(): Promise<Spool>;
  /** SHA-256 of the bytes, lower-case hex. */
  sha256(bytes: Uint8Array): Promise<string>;
  /** The tracking workbook's writer; default the in-memory one (import/tracking-book.ts). */
  trackingBook?: TrackingBookFactory;
}
