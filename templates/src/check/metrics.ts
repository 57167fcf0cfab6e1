// 工作指标: each metric of the definition found by its id or name, its 本期数 and 本年累计 read as counts,
// the year-to-date checks (against the period, the year so far the template carried, a first period),
// the usual-scale plausibility check, and the definition's metric rules across metrics.
import type { MetricDef } from '../standard/types';
import type { SheetGrid } from '../xlsx/grid';
import { a1 } from '../xlsx/grid';
import { formatTemplate } from '../standard/format';
import type { MetricValue } from '../standard/schema';
import { cell, report, rowIsBlank, usable, type Ctx } from './context';
import { findHeader } from './locate';
import { cellDisplay, cellText, normalizeLabel, normalizeText, parseInteger } from './values';

/** The cell of each metric's 本期数 (where a rule's finding points), by metric id. */
type MetricCells = ReadonlyMap<string, { current: string | null }>;

/** Every metric of the definition, in its order (blank where the sheet has no row or no figure). */
export function readMetrics(ctx: Ctx, sheet: SheetGrid | null): MetricValue[] {
  const def = ctx.def;
  const blank = (m: MetricDef): MetricValue => ({
    id: m.id,
    name: m.name,
    category: m.category,
    unit: m.unit,
    kind: m.kind,
    current: null,
    ytd: null,
    note: null,
  });
  if (!sheet) return def.metrics.map(blank);
  const header = findHeader(sheet, def.metricColumns, 0, 2);
  const cols = header?.cols ?? new Map<string, number>();
  const colLabel = (key: string) => def.metricColumns.find((c) => c.key === key)?.label ?? key;
  const units = [...new Set(def.metrics.map((m) => m.unit))];
  const byId = new Map(def.metrics.map((m) => [m.id, m]));
  const byName = new Map(def.metrics.map((m) => [normalizeLabel(m.name), m]));
  const rowOf = new Map<string, number>();
  if (header) {
    const idCol = cols.get('id');
    const nameCol = cols.get('name');
    for (let r = header.row + 1; r < sheet.rows.length; r++) {
      if (rowIsBlank(sheet, r)) continue;
      const idText = idCol !== undefined ? cellText(cell(sheet, r, idCol)) : null;
      const nameText = nameCol !== undefined ? cellText(cell(sheet, r, nameCol)) : null;
      const m =
        (idText !== null ? byId.get(normalizeText(idText)) : undefined) ??
        (nameText !== null ? byName.get(normalizeLabel(nameText)) : undefined);
      if (m) {
        if (!rowOf.has(m.id)) rowOf.set(m.id, r);
        continue;
      }
      // Not a standard metric. Report rows that carry numbers (someone added an indicator); a note or
      // a category caption without values is left alone.
      const hasValue = ['current', 'ytd'].some((k) => {
        const c = cols.get(k);
        return c !== undefined && cellDisplay(cell(sheet, r, c)) !== null;
      });
      if (hasValue && nameText !== null && !/^(合计|小计|总计)$/.test(normalizeLabel(nameText))) {
        report(ctx, {
          rule: 'metric.unknownRow',
          severity: 'warning',
          sheet: sheet.name,
          cell: a1(r, nameCol ?? 0),
          field: nameText,
          value: null,
          vars: { row: r + 1 },
        });
      }
    }
  }
  const values = new Map<string, MetricValue>();
  const cellsOf = new Map<string, { current: string | null }>();
  for (const m of def.metrics) {
    const mv = blank(m);
    values.set(m.id, mv);
    const r = rowOf.get(m.id);
    if (r === undefined) {
      report(ctx, {
        rule: 'metric.missingRow',
        severity: 'warning',
        sheet: sheet.name,
        cell: null,
        field: m.name,
        value: null,
      });
      continue;
    }
    const read = (key: 'current' | 'ytd'): number | null => {
      const c = cols.get(key);
      if (c === undefined) return null;
      const field = `${m.name}（${colLabel(key)}）`;
      if (!usable(ctx, sheet, r, c, field)) return null;
      const raw = cell(sheet, r, c);
      const p = parseInteger(raw, units);
      const base = { sheet: sheet.name, cell: a1(r, c), field, value: cellDisplay(raw) };
      switch (p.status) {
        case 'empty':
          return null;
        case 'ok':
          if (p.value > (m.max ?? def.maxCount)) {
            // Shown the way Excel shows it (1E+308), not as a 309-digit number.
            const shown = Number.isSafeInteger(p.value)
              ? String(p.value)
              : p.value.toExponential().toUpperCase();
            report(ctx, {
              ...base,
              value: shown,
              rule: 'metric.tooLarge',
              severity: 'error',
              vars: { limit: m.max ?? def.maxCount },
            });
            return null;
          }
          if (p.coerced)
            report(ctx, { ...base, rule: 'metric.coerced', severity: 'warning', vars: { current: p.value } });
          return p.value;
        case 'negative':
          report(ctx, { ...base, rule: 'metric.negative', severity: 'error' });
          return null;
        case 'decimal':
          report(ctx, { ...base, rule: 'metric.decimal', severity: 'error' });
          return null;
        case 'notNumber':
          report(ctx, { ...base, rule: 'metric.notNumber', severity: 'error' });
          return null;
      }
    };
    mv.current = read('current');
    cellsOf.set(m.id, { current: cols.has('current') ? a1(r, cols.get('current')!) : null });
    const ytdCol = cols.get('ytd');
    if (m.kind === 'stock') {
      const raw = ytdCol !== undefined ? cell(sheet, r, ytdCol) : null;
      const shown = cellDisplay(raw);
      // The template may mark the cell with its own note text; that is not a value.
      const note = def.texts.stockYtdNote;
      if (shown !== null && !(note && normalizeLabel(shown) === normalizeLabel(note)))
        report(ctx, {
          rule: 'metric.stockYtd',
          severity: 'warning',
          sheet: sheet.name,
          cell: a1(r, ytdCol!),
          field: m.name,
          value: cellDisplay(raw),
        });
    } else {
      mv.ytd = read('ytd');
      // 本年累计 < 本期数 is a contradiction, not a matter of judgement (the year includes the period):
      // one of the two figures is wrong and would be printed in the report, so it is an 错误.
      if (mv.current !== null && mv.ytd !== null && mv.ytd < mv.current)
        report(ctx, {
          rule: 'metric.ytdLess',
          severity: 'error',
          sheet: sheet.name,
          cell: a1(r, ytdCol!),
          field: m.name,
          value: String(mv.ytd),
          vars: { ytd: mv.ytd, current: mv.current },
        });
      // The issued workbook knew the year so far: the year to date cannot be less than it plus the period.
      else if (
        mv.current !== null &&
        mv.ytd !== null &&
        ctx.ytdBefore?.[m.id] !== undefined &&
        mv.ytd < ctx.ytdBefore[m.id] + mv.current
      )
        report(ctx, {
          rule: 'metric.ytdBelowEarlier',
          severity: 'warning',
          sheet: sheet.name,
          cell: a1(r, ytdCol!),
          field: m.name,
          value: String(mv.ytd),
          vars: { ytd: mv.ytd, before: ctx.ytdBefore[m.id], current: mv.current },
        });
      // A period that starts on 1 January: the period and the year to date are one quantity.
      else if (
        ctx.period?.startMonth === 1 &&
        mv.current !== null &&
        mv.ytd !== null &&
        mv.ytd !== mv.current
      )
        report(ctx, {
          rule: 'metric.firstPeriodYtd',
          severity: 'warning',
          sheet: sheet.name,
          cell: a1(r, ytdCol!),
          field: m.name,
          value: String(mv.ytd),
          vars: { ytd: mv.ytd, current: mv.current, period: ctx.period.name },
        });
    }
    // Usual scale: a figure far above what a unit does in a quarter is probably a typing slip.
    if (m.usualMax && mv.current !== null && ctx.period) {
      const limit = Math.round((m.usualMax * (ctx.period.endMonth - ctx.period.startMonth + 1)) / 3);
      if (mv.current > limit)
        report(ctx, {
          rule: 'metric.unusual',
          severity: 'warning',
          sheet: sheet.name,
          cell: cellsOf.get(m.id)?.current ?? null,
          field: m.name,
          value: String(mv.current),
          vars: { current: mv.current, unit: m.unit, period: ctx.period.name, limit },
        });
    }
    const noteCol = cols.get('note');
    if (noteCol !== undefined) {
      const t = cellText(cell(sheet, r, noteCol));
      mv.note = t === null ? null : t;
    }
  }
  applyMetricRules(ctx, sheet, values, cellsOf);
  return def.metrics.map((m) => values.get(m.id)!);
}

/** The definition's rules between two metrics' 本期数 (e.g. one at most another), each with its message. */
function applyMetricRules(
  ctx: Ctx,
  sheet: SheetGrid,
  values: ReadonlyMap<string, MetricValue>,
  cellsOf: MetricCells,
): void {
  for (const rule of ctx.def.metricRules) {
    const l = values.get(rule.lhs);
    const rr = values.get(rule.rhs);
    if (!l || !rr || l.current === null || rr.current === null) continue;
    const holds =
      rule.kind === 'atMost'
        ? l.current <= rr.current
        : rr.current === 0 || l.current >= rule.factor * rr.current;
    if (holds) continue;
    ctx.issues.push({
      severity: rule.severity,
      rule: rule.id,
      sheet: sheet.name,
      cell: cellsOf.get(rule.lhs)?.current ?? null,
      field: l.name,
      value: String(l.current),
      message: formatTemplate(rule.message, {
        lhsName: l.name,
        lhsValue: `${l.current}${l.unit}`,
        rhsName: rr.name,
        rhsValue: `${rr.current}${rr.unit}`,
      }),
    });
  }
}
