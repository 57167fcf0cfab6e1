// Marks on the offending cells while the pane is open: one conditional format per cell (a custom rule
// that is always true, with a light fill). A conditional format lies over the cell's own formatting and is
// removed by its id, so removing a mark restores exactly what the cell looked like: the user's fills,
// borders, number formats and conditional formats are never written. The rule's formula carries a tag, so
// marks left behind by a pane that closed abruptly are recognised (and only they) the next time.
// Host-free: what to mark and what to change; excel.ts adds and removes.
import type { Issue } from '../../../templates/src/index';

/** Always true; the text names the add-in to a user who finds the rule in 条件格式 › 管理规则. */
export const MARK_FORMULA = '=ISTEXT("研判校验标记")';
/** Excel's own “浅红色填充” and “浅黄色填充”. */
export const MARK_FILL = { error: '#FFC7CE', warning: '#FFEB9C' } as const;
/** At most this many cells are marked (each is a conditional format; the list in the pane has them all). */
export const MAX_MARKS = 300;

export interface Mark {
  sheet: string;
  cell: string;
  severity: Issue['severity'];
}

/** A mark in the workbook: where it was put, and the conditional format's id. */
export interface PlacedMark extends Mark {
  id: string;
}

export function markKey(m: { sheet: string; cell: string }): string {
  return `${m.sheet}!${m.cell}`;
}

/** The cells to mark for these issues: each once (an error wins over a warning), at most MAX_MARKS. */
export function marksFor(issues: readonly Issue[], max = MAX_MARKS): Mark[] {
  const byCell = new Map<string, Mark>();
  for (const i of issues) {
    if (!i.sheet || !i.cell) continue;
    const key = markKey({ sheet: i.sheet, cell: i.cell });
    const had = byCell.get(key);
    if (had) {
      if (i.severity === 'error') had.severity = 'error';
      continue;
    }
    if (byCell.size >= max) continue;
    byCell.set(key, { sheet: i.sheet, cell: i.cell, severity: i.severity });
  }
  return [...byCell.values()];
}

/** What to change to go from the placed marks to the wanted ones: the rest stays as it is. */
export function planMarks<P extends PlacedMark>(
  placed: readonly P[],
  wanted: readonly Mark[],
): { remove: P[]; keep: P[]; add: Mark[] } {
  const want = new Map(wanted.map((m) => [markKey(m), m]));
  const remove: P[] = [];
  const keep: P[] = [];
  for (const p of placed) {
    const w = want.get(markKey(p));
    if (w && w.severity === p.severity && !keep.some((k) => markKey(k) === markKey(p))) keep.push(p);
    else remove.push(p);
  }
  const kept = new Set(keep.map(markKey));
  return { remove, keep, add: wanted.filter((m) => !kept.has(markKey(m))) };
}
