// What one importBatch run holds while it works, shared by its steps (check-files, units, return-copies,
// outputs).
import type { Definition } from '../../../templates/src/index';
import type { BatchOptions } from './batch-types';
import type { CheckPool, ImportHost, Spool } from './host';
import type { FileRecord } from './records';
import type { RosterMatcher } from './roster-match';

export interface BatchRun {
  def: Definition;
  opts: BatchOptions;
  host: ImportHost;
  jobs: number;
  budgetMs: number;
  /** One per source, in file order. */
  records: FileRecord[];
  spool: Spool;
  /** The roster's units first (in its order), then the units found that it does not list. */
  matcher: RosterMatcher;
  hasRoster: boolean;
  rosterSize: number;
  /** Notes of the run itself (the roster's problems, a summary report that could not be built). */
  runNotes: string[];
  /** The checker pool, started on first use (or the caller's). */
  pool(): CheckPool;
  timing: { checkMsTotal: number; reportMsTotal: number; checkedFiles: number };
}
