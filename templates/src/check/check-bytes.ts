// Workbook bytes → CheckResult: the reader and the checker together. Never throws: every failure,
// expected or not, becomes an Issue, so one bad file can never stop a batch.
import { checkGrid, selectDefinition, type CheckOptions } from './checker';
import { DefinitionRegistry } from '../standard/registry';
import type { Definition } from '../standard/types';
import type { CheckResult } from '../standard/schema';
import { fileIssue, workbookBytesToGrid, type GridOptions } from '../xlsx/read';

export type CheckBytesOptions = CheckOptions & Omit<GridOptions, 'def'>;

/**
 * Checks workbook bytes against one definition, or against the one a registry holds for the workbook's
 * template id (an unknown id is one 错误). The result names the definition used.
 */
export async function checkWorkbookBytes(
  bytes: Uint8Array,
  defs: Definition | DefinitionRegistry,
  opts: CheckBytesOptions = {},
): Promise<CheckResult> {
  const fallback = defs instanceof DefinitionRegistry ? defs.all[0] : defs;
  try {
    const r = await workbookBytesToGrid(bytes, { ...opts, def: fallback });
    if ('issue' in r) return { submission: null, issues: [r.issue] };
    let def = fallback;
    if (defs instanceof DefinitionRegistry) {
      const chosen = selectDefinition(r.grid, defs);
      if ('issue' in chosen) return { submission: null, issues: [chosen.issue] };
      def = chosen.def;
    }
    return { ...checkGrid(r.grid, def, opts), definitionId: def.id };
  } catch {
    return { submission: null, issues: [fileIssue('file.corrupt', fallback)] };
  }
}

/**
 * Times checkWorkbookBytes on one workbook against `def` (for `npm run bench`): a warm-up run, then `runs` runs.
 * Returns milliseconds per run (mean and the fastest) and the issue count of the last run.
 */
export async function benchCheckBytes(
  bytes: Uint8Array,
  def: Definition,
  runs = 20,
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
