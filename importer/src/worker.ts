// The import worker (tinypool thread): checks one workbook and builds what the main thread writes for it
// (the unit report when it has no errors, the marked-up return copy when it has issues). It receives the
// file's bytes (transferred, not copied) and returns small results; it never touches the file system.
import { inflateRawSync } from 'node:zlib';
import {
  checkWorkbookBytes,
  definition,
  reportFileName,
  statusOf,
  unitReportDocx,
  type Issue,
  type Submission,
} from '../../templates/src/index';
import { buildReturnCopy } from './import/return-copy';

/** Node's native inflater for the reader (about 4x less CPU than JSZip's JavaScript one). */
export function zlibInflateRaw(data: Uint8Array, maxBytes: number): Uint8Array | 'tooLarge' {
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, maxBytes) });
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return 'tooLarge';
    throw err;
  }
}

export interface WorkerTask {
  bytes: Uint8Array;
  fileName: string;
  asOf?: string;
  /** Build the unit report when the workbook has no errors. */
  report: boolean;
  /** Build the marked-up return copy when the workbook has issues. */
  returnCopy: boolean;
}

export interface WorkerResult {
  submission: Submission | null;
  issues: Issue[];
  checkMs: number;
  reportMs: number;
  report: { name: string; bytes: Uint8Array } | null;
  returnCopy: Uint8Array | null;
  /** A failure of our own builders (never of the input): reported, never fatal. */
  internalError: string | null;
}

export default async function run(task: WorkerTask): Promise<WorkerResult> {
  const bytes = task.bytes instanceof Uint8Array ? task.bytes : new Uint8Array(task.bytes);
  const t0 = performance.now();
  const result = await checkWorkbookBytes(bytes, definition, {
    asOf: task.asOf,
    inflateRaw: zlibInflateRaw,
  });
  const checkMs = performance.now() - t0;
  const status = statusOf(result.issues);
  const out: WorkerResult = {
    submission: result.submission,
    issues: result.issues,
    checkMs,
    reportMs: 0,
    report: null,
    returnCopy: null,
    internalError: null,
  };
  try {
    if (task.report && result.submission && status !== 'errors') {
      const t1 = performance.now();
      const docBytes = await unitReportDocx(result.submission, definition);
      out.report = { name: reportFileName(result.submission, definition), bytes: docBytes };
      out.reportMs = performance.now() - t1;
    }
    if (task.returnCopy && result.issues.length > 0 && result.submission) {
      out.returnCopy = await buildReturnCopy(bytes, result.issues);
    }
  } catch (err) {
    out.internalError = err instanceof Error ? err.message : String(err);
  }
  return out;
}
