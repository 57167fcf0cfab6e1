// Step 5 of an import: the 退回修改 copies of the winners with issues, built in the pool, each on a time
// budget of its own — a slow or failing return copy is a note, never a file error.
import { formatTemplate, type Issue } from '../../../templates/src/index';
import type { BatchRun } from './batch-run';
import { TimeoutError } from './host';
import { RUN_MESSAGES } from './labels';
import type { FileRecord } from './records';

export async function makeReturnCopies(run: BatchRun, winners: Iterable<FileRecord>): Promise<void> {
  const { spool, matcher, host } = run;
  const todo = [...winners].filter((r) => r.kept && r.checkIssues > 0).sort((a, b) => a.idx - b.idx);
  let k = 0;
  const lane = async () => {
    while (k < todo.length) {
      const rec = todo[k++];
      try {
        const bytes = await host.scratch.get(rec.kept!);
        const issues = rec.issueSpan ? await spool.get<Issue[]>(rec.issueSpan) : [];
        const u = rec.unit !== null ? matcher.units[rec.unit].name : null;
        const period = rec.year !== null && rec.period ? `${rec.year}年${rec.period}` : null;
        const title = [u, period].filter(Boolean).join(' ');
        const r = await run
          .pool()
          .returnCopy({ kind: 'returnCopy', bytes, fileName: rec.rel, issues, title });
        if (r.returnCopy) {
          rec.returnCopy = `c${rec.idx}.xlsx`;
          await host.scratch.put(rec.returnCopy, r.returnCopy);
        } else if (r.error) {
          rec.notes.push(formatTemplate(RUN_MESSAGES.returnCopyFailed, { value: rec.rel, other: r.error }));
        }
      } catch (err) {
        const why =
          err instanceof TimeoutError ? '超过时限' : err instanceof Error ? err.message : String(err);
        rec.notes.push(formatTemplate(RUN_MESSAGES.returnCopyFailed, { value: rec.rel, other: why }));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(run.jobs, todo.length) }, lane));
}
