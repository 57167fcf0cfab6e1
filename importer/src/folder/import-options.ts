// What yanpan import on Node takes, and what one run holds while it works: shared by the folder importer
// (run-import.ts) and the import through the workspace store (store/workspace.ts), which it calls.
import type { BatchOptions } from '../import/batch-types';

export interface ImportOptions extends Omit<BatchOptions, 'roster' | 'outDir' | 'keepIssues'> {
  inputDir: string;
  outDir: string;
  /** The roster file (单位名册 .xlsx or .csv). */
  roster?: string;
  /** Messages for the user while the run goes on (an output held open in Excel); the CLI prints them. */
  onNotice?: (message: string) => void;
  /** How long to wait for an output held open by another program; default DEFAULT_LOCK_WAIT_MS. */
  lockWaitMs?: number;
  /** The workspace store (docs/workspace.md); default OUTDIR/yanpan.db; false: the folder alone. */
  db?: string | false;
  /** The period to report on ("2023Q3", "2023年第三季度"); default: see docs/workspace.md. */
  period?: string;
}

/** What one run holds while it works: resolved folders, the output folder's lock, the staging folder. */
export interface RunContext {
  inputDir: string;
  outDir: string;
  /** Private (0700) scratch folder inside OUTDIR, removed at the end and by the next run if killed. */
  staging: string;
  notice: (message: string) => void;
  lockWaitMs: number;
}
