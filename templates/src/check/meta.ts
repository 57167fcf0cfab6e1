// The template's hidden meta sheet: template id, version, locked unit and what the template carried over
// from the last round (open risks, 本年累计 so far); also the 填报说明 version line when the meta sheet is
// gone, and the choice of definition by the workbook's template id.
import type { Definition } from '../standard/types';
import type { DefinitionRegistry } from '../standard/registry';
import type { SheetGrid, WorkbookGrid } from '../xlsx/grid';
import { z } from 'zod';
import { META_KEYS } from '../template/layout';
import { makeIssue } from '../standard/messages';
import type { Issue } from '../standard/schema';
import { report, type Ctx } from './context';
import { cellText, normalizeLabel } from './values';

export interface Meta {
  templateId: string | null;
  version: string | null;
  unitCode: string | null;
  unitName: string | null;
  hash: string | null;
  /** Carried from the last round by the template (roster/carry.ts); empty otherwise. */
  carriedRisks: string[];
  ytdBefore: Record<string, number>;
}

const NO_CARRY = { carriedRisks: [], ytdBefore: {} };

/** A JSON meta value, parsed and validated; null when absent or not what it should be. */
function metaJson<T>(text: string | null, schema: z.ZodType<T>): T | null {
  if (text === null) return null;
  try {
    const r = schema.safeParse(JSON.parse(text));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

function readMeta(sheet: SheetGrid): Meta {
  const get = (key: string): string | null => {
    for (const row of sheet.rows) {
      const k = cellText(row?.[0] ?? null);
      if (k !== null && normalizeLabel(k) === normalizeLabel(key)) return cellText(row[1] ?? null);
    }
    return null;
  };
  return {
    templateId: get(META_KEYS.templateId),
    version: get(META_KEYS.version),
    unitCode: get(META_KEYS.unitCode),
    unitName: get(META_KEYS.unitName),
    hash: get(META_KEYS.hash),
    carriedRisks: metaJson(get(META_KEYS.carriedRisks), z.array(z.string().min(1)).max(10_000)) ?? [],
    ytdBefore: metaJson(get(META_KEYS.ytdBefore), z.record(z.string(), z.number().int().nonnegative())) ?? {},
  };
}

export function findMeta(grid: WorkbookGrid, def: Definition): SheetGrid | null {
  const byName = grid.sheets.find((s) => s.name === def.sheets.meta);
  if (byName) return byName;
  // Renamed meta sheet: recognise it by its 模板标识 key in column A.
  return (
    grid.sheets.find((s) =>
      s.rows
        .slice(0, 10)
        .some((r) => normalizeLabel(cellText(r?.[0] ?? null) ?? '') === META_KEYS.templateId),
    ) ?? null
  );
}

/**
 * The definition a workbook belongs to, by the template id its meta sheet (or its 填报说明 line) records:
 * one of the registry's; a workbook that records no id is read with the registry's first (default)
 * definition; an id the registry does not know is one 错误.
 */
export function selectDefinition(
  grid: WorkbookGrid,
  registry: DefinitionRegistry,
): { def: Definition } | { issue: Issue } {
  let id: string | null = null;
  let sheet: string | null = null;
  for (const def of registry.all) {
    const metaSheet = findMeta(grid, def);
    if (metaSheet) {
      id = readMeta(metaSheet).templateId;
      sheet = metaSheet.name;
    } else {
      const fromGuide = versionFromGuide(grid, def);
      if (fromGuide) {
        id = fromGuide.templateId;
        sheet = fromGuide.sheet.name;
      }
    }
    if (id !== null) break;
  }
  if (id === null) return { def: registry.all[0] };
  const def = registry.byId(id);
  if (def) return { def };
  return {
    issue: makeIssue(
      registry.all[0],
      'error',
      'meta.unknownTemplate',
      { templateId: id, allowed: registry.all.map((d) => `${d.title}（${d.id}）`).join('、') },
      { sheet, field: META_KEYS.templateId, value: id },
    ),
  };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Template id and version from the 填报说明 sheet's version line (def.texts.versionLine). */
function versionFromGuide(
  grid: WorkbookGrid,
  def: Definition,
): { sheet: SheetGrid; templateId: string; version: string } | null {
  const line = def.texts.versionLine;
  if (!line || !line.includes('{templateId}') || !line.includes('{version}')) return null;
  const parts = line.split(/(\{templateId\}|\{version\})/);
  const order: string[] = [];
  const pattern = parts
    .map((p) => {
      if (p === '{templateId}' || p === '{version}') {
        order.push(p);
        return '(\\S+?)';
      }
      return escapeRegExp(normalizeLabel(p));
    })
    .join('');
  const re = new RegExp(`^${pattern}$`);
  const guide = grid.sheets.find((s) => normalizeLabel(s.name) === normalizeLabel(def.sheets.guide));
  if (!guide) return null;
  for (const row of guide.rows) {
    for (const v of row ?? []) {
      const t = cellText(v);
      if (t === null) continue;
      const m = re.exec(normalizeLabel(t));
      if (!m) continue;
      const value = m[order.indexOf('{templateId}') + 1];
      const other = m[order.indexOf('{version}') + 1];
      return { sheet: guide, templateId: value, version: other };
    }
  }
  return null;
}

/**
 * The meta sheet (else the 填报说明 version line) read and checked first: null (after the 错误) when the
 * workbook is another template or a version the definition does not read, so that nothing else is read.
 */
export function checkMeta(ctx: Ctx, grid: WorkbookGrid): Meta | null {
  const def = ctx.def;
  const metaSheet = findMeta(grid, def);
  let meta: Meta = {
    templateId: null,
    version: null,
    unitCode: null,
    unitName: null,
    hash: null,
    ...NO_CARRY,
  };
  let metaSource: SheetGrid | null = metaSheet;
  if (!metaSheet) {
    report(ctx, {
      rule: 'meta.missing',
      severity: 'warning',
      sheet: null,
      cell: null,
      field: null,
      value: null,
    });
    // The 填报说明 sheet repeats the template id and version: still check them when it is there.
    const fromGuide = versionFromGuide(grid, def);
    if (fromGuide) {
      meta = { ...meta, templateId: fromGuide.templateId, version: fromGuide.version };
      metaSource = fromGuide.sheet;
    }
  } else {
    meta = readMeta(metaSheet);
  }
  if (metaSource) {
    if (meta.templateId !== null && meta.templateId !== def.id) {
      report(ctx, {
        rule: 'meta.otherTemplate',
        severity: 'error',
        sheet: metaSource.name,
        cell: null,
        field: META_KEYS.templateId,
        value: meta.templateId,
        vars: { templateId: meta.templateId },
      });
      return null;
    }
    // An older version the definition declares compatible is read as it is, silently: its missing fields
    // and columns (the definition marks them `since`) are simply empty.
    if (
      meta.version !== null &&
      meta.version !== def.version &&
      !def.compatibleVersions.includes(meta.version)
    ) {
      report(ctx, {
        rule: 'meta.unknownVersion',
        severity: 'error',
        sheet: metaSource.name,
        cell: null,
        field: META_KEYS.version,
        value: meta.version,
        vars: { version: meta.version, current: def.version },
      });
      return null;
    }
  }
  return meta;
}
