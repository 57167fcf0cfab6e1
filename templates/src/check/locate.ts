// Where things are in a workbook: a table's header row (by header text and aliases), a field's label (by
// its text, wherever the user moved it), and which sheet is which part of the standard (by name, else by
// its header row or labels when it was renamed).
import type { ColumnDef, Definition, InfoFieldDef } from '../standard/types';
import type { SheetGrid, WorkbookGrid } from '../xlsx/grid';
import { report, type Ctx } from './context';
import { findMeta } from './meta';
import { cellText, normalizeLabel } from './values';

export type SheetKey = 'info' | 'metrics' | 'risks' | 'narrative';
export const STANDARD_SHEETS: readonly SheetKey[] = ['info', 'metrics', 'risks', 'narrative'];

/** How many leading columns may hold a field label (users insert a column or two). */
const LABEL_COLS = 4;
/** How many leading rows are searched for a table's header row (and hold what identifies any sheet). */
export const HEADER_SCAN_ROWS = 30;

export function labelsOf(col: ColumnDef): string[] {
  return [col.label, ...(col.aliases ?? [])].map(normalizeLabel);
}

export interface HeaderMatch {
  row: number;
  cols: Map<string, number>;
}

/**
 * The header row of a table: the row (within the first rows) whose cells match the most column labels.
 * Each column is matched by its label first, then its aliases; a cell is used by one column only.
 */
export function findHeader(
  sheet: SheetGrid,
  columns: readonly ColumnDef[],
  startRow = 0,
  minMatches = 2,
): HeaderMatch | null {
  let best: HeaderMatch | null = null;
  const end = Math.min(sheet.rows.length, startRow + HEADER_SCAN_ROWS);
  const exact = columns.map((c) => normalizeLabel(c.label));
  const aliases = columns.map((c) => labelsOf(c).slice(1));
  const known = new Set([...exact, ...aliases.flat()]);
  for (let r = startRow; r < end; r++) {
    const row = sheet.rows[r] ?? [];
    const texts = row.map((v) => {
      const t = cellText(v);
      return t === null ? null : normalizeLabel(t);
    });
    if (texts.filter((t) => t !== null && known.has(t)).length < minMatches) continue;
    const cols = new Map<string, number>();
    const used = new Set<number>();
    // Exact labels first, so that an alias (类别) never steals a column that is another's label.
    for (const pass of [0, 1] as const) {
      columns.forEach((c, ci) => {
        if (cols.has(c.key)) return;
        const wanted = pass === 0 ? [exact[ci]] : aliases[ci];
        const idx = texts.findIndex((t, i) => t !== null && !used.has(i) && wanted.includes(t));
        if (idx >= 0) {
          cols.set(c.key, idx);
          used.add(idx);
        }
      });
    }
    if (cols.size >= minMatches && (!best || cols.size > best.cols.size)) best = { row: r, cols };
  }
  return best;
}

/** Where a label sits: the first matching cell in the first columns of a row. */
export interface LabelHit {
  row: number;
  col: number;
}

export function findLabels(
  sheet: SheetGrid,
  fields: readonly InfoFieldDef[],
  fromRow = 0,
  toRow = sheet.rows.length,
): Map<string, LabelHit> {
  const wanted = new Map<string, string>();
  for (const f of fields) wanted.set(normalizeLabel(f.label), f.key);
  // Also accept the label without its bracketed note: 审核人（分管领导） ← 审核人.
  const short = new Map<string, string>();
  for (const f of fields) {
    const s = normalizeLabel(f.label.replace(/[（(][^）)]*[）)]\s*$/, ''));
    if (s !== normalizeLabel(f.label) && !wanted.has(s)) short.set(s, f.key);
  }
  const hits = new Map<string, LabelHit>();
  for (let r = fromRow; r < Math.min(toRow, sheet.rows.length); r++) {
    const row = sheet.rows[r] ?? [];
    for (let c = 0; c < Math.min(LABEL_COLS, row.length); c++) {
      const t = cellText(row[c]);
      if (t === null) continue;
      const n = normalizeLabel(t);
      // "单位名称（必填）": a note in brackets added after the label.
      const bare = n.replace(/[（(][^（()）]*[）)]$/, '');
      const key = wanted.get(n) ?? short.get(n) ?? (bare !== n ? wanted.get(bare) : undefined);
      if (key && !hits.has(key)) {
        hits.set(key, { row: r, col: c });
        break;
      }
    }
  }
  return hits;
}

export interface FoundSheet {
  sheet: SheetGrid;
  renamed: boolean;
}

function recognises(key: SheetKey, sheet: SheetGrid, def: Definition): boolean {
  switch (key) {
    case 'info':
      return findLabels(sheet, def.info).size >= Math.ceil(def.info.length / 2);
    case 'metrics': {
      const h = findHeader(sheet, def.metricColumns, 0, 3);
      return !!h && h.cols.has('current') && (h.cols.has('name') || h.cols.has('id'));
    }
    case 'risks': {
      const h = findHeader(sheet, def.riskColumns, 0, 4);
      return !!h && h.cols.has('description');
    }
    case 'narrative': {
      const h = findHeader(sheet, def.narrativeColumns, 0, 2);
      return !!h && h.cols.has('part') && h.cols.has('body');
    }
  }
}

function findSheets(grid: WorkbookGrid, def: Definition): Map<SheetKey, FoundSheet> {
  const found = new Map<SheetKey, FoundSheet>();
  const taken = new Set<SheetGrid>();
  const byName = (name: string) =>
    grid.sheets.find((s) => normalizeLabel(s.name) === normalizeLabel(name) && !taken.has(s));
  for (const key of STANDARD_SHEETS) {
    const s = byName(def.sheets[key]);
    if (s) {
      found.set(key, { sheet: s, renamed: false });
      taken.add(s);
    }
  }
  const reserved = new Set([normalizeLabel(def.sheets.meta), normalizeLabel(def.sheets.guide)]);
  for (const key of STANDARD_SHEETS) {
    if (found.has(key)) continue;
    const s = grid.sheets.find(
      (g) => !taken.has(g) && !reserved.has(normalizeLabel(g.name)) && recognises(key, g, def),
    );
    if (s) {
      found.set(key, { sheet: s, renamed: true });
      taken.add(s);
    }
  }
  return found;
}

/** The sheets checkGrid reads, by name (null where there is none); it reads no other sheet. */
export interface SheetLocations {
  info: string | null;
  metrics: string | null;
  risks: string | null;
  narrative: string | null;
  meta: string | null;
  guide: string | null;
}

/**
 * Which sheet checkGrid takes for each part: the standard sheets by name, else by header row (renamed),
 * the meta sheet by name, else by its 模板标识 key, and 填报说明 by name. Renamed sheets are recognised by
 * labels and headers within their first HEADER_SCAN_ROWS rows (where the template puts them), so a grid of
 * just those rows locates the same sheets: a caller can look before it reads.
 */
export function locateSheets(grid: WorkbookGrid, def: Definition): SheetLocations {
  const found = findSheets(grid, def);
  const name = (key: SheetKey) => found.get(key)?.sheet.name ?? null;
  const guide = grid.sheets.find((s) => normalizeLabel(s.name) === normalizeLabel(def.sheets.guide));
  return {
    info: name('info'),
    metrics: name('metrics'),
    risks: name('risks'),
    narrative: name('narrative'),
    meta: findMeta(grid, def)?.name ?? null,
    guide: guide?.name ?? null,
  };
}

/**
 * The standard's sheets, found and reported (each missing one an 错误, each renamed one a 警告); null
 * (after one clear 错误 rather than four) when the workbook has none of them.
 */
export function checkSheets(ctx: Ctx, grid: WorkbookGrid): Map<SheetKey, FoundSheet> | null {
  const def = ctx.def;
  const found = findSheets(grid, def);
  if (found.size === 0) {
    report(ctx, {
      rule: 'sheet.missing',
      severity: 'error',
      sheet: null,
      cell: null,
      field: def.sheets.info,
      value: null,
    });
    return null;
  }
  for (const key of STANDARD_SHEETS) {
    const f = found.get(key);
    if (!f)
      report(ctx, {
        rule: 'sheet.missing',
        severity: 'error',
        sheet: null,
        cell: null,
        field: def.sheets[key],
        value: null,
      });
    else if (f.renamed)
      report(ctx, {
        rule: 'sheet.renamed',
        severity: 'warning',
        sheet: f.sheet.name,
        cell: null,
        field: def.sheets[key],
        value: f.sheet.name,
      });
  }
  return found;
}
