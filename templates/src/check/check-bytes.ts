// Workbook bytes → CheckResult: the reader and the checker together. Never throws: every failure,
// expected or not, becomes an Issue, so one bad file can never stop a batch.
import { checkGrid, type CheckOptions } from './checker';
import { definition as defaultDefinition } from '../standard/ideology';
import type { Definition } from '../standard/types';
import type { CheckResult } from '../standard/schema';
import { fileIssue, workbookBytesToGrid, type GridOptions } from '../xlsx/read';

export type CheckBytesOptions = CheckOptions & Omit<GridOptions, 'def'>;

export async function checkWorkbookBytes(
  bytes: Uint8Array,
  def: Definition = defaultDefinition,
  opts: CheckBytesOptions = {},
): Promise<CheckResult> {
  try {
    const r = await workbookBytesToGrid(bytes, { ...opts, def });
    if ('issue' in r) return { submission: null, issues: [r.issue] };
    return checkGrid(r.grid, def, opts);
  } catch {
    return { submission: null, issues: [fileIssue('file.corrupt', def)] };
  }
}

/**
 * Times checkWorkbookBytes on one workbook (for `npm run bench`): a warm-up run, then `runs` runs.
 * Returns milliseconds per run (mean and the fastest) and the issue count of the last run.
 */
export async function benchCheckBytes(
  bytes: Uint8Array,
  runs = 20,
  def: Definition = defaultDefinition,
): Promise<{ meanMs: number; minMs: number; issues: number }> {
  let r = await checkWorkbookBytes(bytes, def);
  let total = 0;
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    r = await checkWorkbookBytes(bytes, def);
    const dt = performance.now() - t0;
    total += dt;
    min = Math.min(min, dt);
  }
  return { meanMs: total / runs, minMs: min, issues: r.issues.length };
}
