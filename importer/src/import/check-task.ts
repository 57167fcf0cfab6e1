// What an import worker does, host-free: the same code runs in Node's worker threads (importer/src/worker.ts)
// and in the browser's Web Workers (addin/src/taskpane/batch/check-worker.ts). Two kinds of task, each with
// its own time budget in the pool:
//  - check: checks one workbook and builds its unit report when it has no errors (given the check's result
//    from an earlier check of the same bytes, builds the report alone);
//  - returnCopy: builds the marked-up copy of a workbook that goes back for correction.
// They are separate so that a slow or failing return copy can never turn a checked file into a file
// error: the check result is in hand before the return copy is even asked for. The worker receives the
// file's bytes (transferred, not copied), returns small results, and never touches a file system.
import {
  checkWorkbookBytes,
  DefinitionRegistry,
  parseDefinitionText,
  reportFileName,
  statusOf,
  unitReportDocx,
  type EarlierReport,
  type Issue,
  type RawInflater,
  type Submission,
} from '../../../templates/src/index';
import { buildReturnCopy } from './return-copy';

export interface CheckTask {
  kind?: 'check';
  bytes: Uint8Array;
  fileName: string;
  asOf?: string;
  /** Build the unit report when the workbook has no errors. */
  report: boolean;
  /**
   * Local definition files (`--definition`, or loaded in the page), already validated by the caller: the
   * workbook is checked with the definition its template id names, built in or one of these.
   */
  definitions?: readonly LocalDefinition[];
  /**
   * The result of an earlier check of these bytes, with the same asOf and definitions (the workspace
   * store checks every file as it records it): not checked again, only the unit report is built; `bytes`
   * may then be empty.
   */
  checked?: CheckedFile;
  /** The unit's earlier report of the year, which its report refers back to (see BatchOptions.earlier). */
  earlier?: EarlierReport;
  /** The id of the round's definition: a workbook that names no template id is checked with it. */
  defId: string;
}

/** What a check found in a workbook: all a later stage needs to use the file without checking it again. */
export type CheckedFile = Pick<WorkerResult, 'submission' | 'issues' | 'definitionId' | 'checkMs'>;

/** A definition file's name and text, as the user gave it. */
export interface LocalDefinition {
  name: string;
  text: string;
}

export interface ReturnCopyTask {
  kind: 'returnCopy';
  bytes: Uint8Array;
  fileName: string;
  issues: Issue[];
  /** Who and which period, for the 校验结果 sheet's title (e.g. "市文联 2023年第三季度"). */
  title?: string;
}

export type WorkerTask = CheckTask | ReturnCopyTask;

export interface WorkerResult {
  submission: Submission | null;
  issues: Issue[];
  checkMs: number;
  reportMs: number;
  report: { name: string; bytes: Uint8Array } | null;
  /** The id of the definition the workbook was checked with (its template's), when it was read. */
  definitionId: string | null;
  /** A failure of our own report builder (never of the input): reported, never fatal. */
  internalError: string | null;
}

export interface ReturnCopyResult {
  returnCopy: Uint8Array | null;
  /** Why the copy could not be built (our builder's failure). */
  error: string | null;
}

/** The registries of this worker, by the local definitions' texts (parsed once per worker). */
const registries = new Map<string, DefinitionRegistry>();

export function registryFor(locals: readonly LocalDefinition[] = []): DefinitionRegistry {
  const key = JSON.stringify(locals);
  let reg = registries.get(key);
  if (!reg) {
    reg = new DefinitionRegistry(locals.map((d) => parseDefinitionText(d.text, d.name)));
    registries.set(key, reg);
  }
  return reg;
}

async function checkBytes(
  task: CheckTask,
  registry: DefinitionRegistry,
  inflateRaw?: RawInflater,
): Promise<CheckedFile> {
  const bytes = task.bytes instanceof Uint8Array ? task.bytes : new Uint8Array(task.bytes);
  const t0 = performance.now();
  const result = await checkWorkbookBytes(bytes, registry, { asOf: task.asOf, inflateRaw });
  return {
    submission: result.submission,
    issues: result.issues,
    definitionId: result.definitionId ?? null,
    checkMs: performance.now() - t0,
  };
}

async function check(task: CheckTask, inflateRaw?: RawInflater): Promise<WorkerResult> {
  const registry = registryFor(task.definitions).preferring(task.defId);
  const result = task.checked ?? (await checkBytes(task, registry, inflateRaw));
  const out: WorkerResult = { ...result, reportMs: 0, report: null, internalError: null };
  const definition = registry.byId(result.definitionId) ?? registry.all[0];
  try {
    if (task.report && result.submission && statusOf(result.issues) !== 'errors') {
      const t1 = performance.now();
      const docBytes = await unitReportDocx(result.submission, definition, { earlier: task.earlier });
      out.report = { name: reportFileName(result.submission, definition), bytes: docBytes };
      out.reportMs = performance.now() - t1;
    }
  } catch (err) {
    out.internalError = err instanceof Error ? err.message : String(err);
  }
  return out;
}

async function returnCopy(task: ReturnCopyTask, inflateRaw?: RawInflater): Promise<ReturnCopyResult> {
  const bytes = task.bytes instanceof Uint8Array ? task.bytes : new Uint8Array(task.bytes);
  try {
    const copy = buildReturnCopy(bytes, task.issues, { inflateRaw, title: task.title });
    return { returnCopy: copy, error: null };
  } catch (err) {
    return { returnCopy: null, error: err instanceof Error ? err.message : String(err) };
  }
}

/** Runs one task; `inflateRaw` is the host's native inflater (Node: zlib), default the reader's own. */
export async function runWorkerTask(
  task: WorkerTask,
  inflateRaw?: RawInflater,
): Promise<WorkerResult | ReturnCopyResult> {
  return task.kind === 'returnCopy' ? returnCopy(task, inflateRaw) : check(task, inflateRaw);
}
