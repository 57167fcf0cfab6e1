// The two pictures of a finished 批量汇总 — 各单位报送情况 and 各类风险隐患分布情况 — as inline SVG bar
// charts, drawn from the tracking workbook's own 总览 figures (BatchSummary.overview, computed by
// overviewFigures in importer/src/import/tracking.ts), so the page shows what the workbook and the report
// show. Built with createElementNS and textContent only (the page's Content-Security-Policy allows no
// inline styles: every look is a class of batch.css). Black-and-white friendly: one series is a dark
// bar, the risk levels are solid, hatched and outlined, and every bar carries its number. Each chart is
// role="img" with the figures said in its aria-label.
import { CHART_TITLES } from '../../../../templates/src/index';
import type { OverviewFigures } from '../../../../importer/src/import/tracking';
import { el } from './batch-dom';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** The drawing's width in user units (the SVG scales to its box; 12-unit text stays legible at 360 px). */
const WIDTH = 400;
const FONT = 12;
/** Room after the longest bar for its number. */
const VALUE_ROOM = 36;
/** Longest category label drawn whole (longer ones are cut, the whole text in a <title>). */
const MAX_LABEL_UNITS = 132;
/** Level fills, by position in the definition's list (cycled): solid, hatched, outlined, dotted. */
const LEVEL_STYLES = 4;
/** The hatching of the second level (one per page: only the risk chart uses it). */
const HATCH_ID = 'batch-chart-hatch';
const DOTS_ID = 'batch-chart-dots';

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number> = {},
  ...children: (Node | string)[]
): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  e.append(...children);
  return e;
}

/** Text of `s` in user units at FONT (CJK and full-width characters a full em, others about half). */
function textUnits(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.codePointAt(0)! > 0x2e7f ? FONT : FONT * 0.6;
  return w;
}

/** A label cut to fit `room` units, with "…". */
function fit(s: string, room: number): string {
  if (textUnits(s) <= room) return s;
  let out = '';
  for (const ch of s) {
    if (textUnits(`${out}${ch}…`) > room) break;
    out += ch;
  }
  return `${out}…`;
}

export interface BarSeries {
  name: string;
  values: number[];
}

export interface BarChartSpec {
  /** The chart's id (the figure's); its caption is `title`. */
  id: string;
  title: string;
  categories: string[];
  series: BarSeries[];
  /** What the aria-label says for the chart (the figures in words). */
  description: string;
}

/**
 * Horizontal bars, one group per category and one bar per series (a legend when there are several). Each
 * bar is a <rect class="chart-bar"> with data-category, data-series and data-value.
 */
export function barChart(spec: BarChartSpec): HTMLElement {
  const { categories, series } = spec;
  const many = series.length > 1;
  const barH = many ? 11 : 18;
  const barGap = many ? 2 : 0;
  const groupGap = many ? 10 : 8;
  const legendH = many ? 24 : 0;
  const labelW = Math.min(MAX_LABEL_UNITS, Math.max(FONT * 2, ...categories.map(textUnits)));
  const x0 = labelW + 8;
  const span = WIDTH - x0 - VALUE_ROOM;
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const groupH = series.length * barH + (series.length - 1) * barGap;
  const height = legendH + categories.length * (groupH + groupGap) + groupGap;

  const root = svg('svg', {
    viewBox: `0 0 ${WIDTH} ${height}`,
    width: WIDTH,
    height,
    role: 'img',
    'aria-label': spec.description,
    class: 'chart',
  });
  root.append(svg('title', {}, spec.title));
  if (many)
    root.append(
      svg(
        'defs',
        {},
        svg(
          'pattern',
          {
            id: HATCH_ID,
            width: 5,
            height: 5,
            patternUnits: 'userSpaceOnUse',
            patternTransform: 'rotate(45)',
          },
          svg('rect', { width: 5, height: 5, class: 'chart-pattern-ground' }),
          svg('line', { x1: 0, y1: 0, x2: 0, y2: 5, class: 'chart-pattern-ink' }),
        ),
        svg(
          'pattern',
          { id: DOTS_ID, width: 4, height: 4, patternUnits: 'userSpaceOnUse' },
          svg('rect', { width: 4, height: 4, class: 'chart-pattern-ground' }),
          svg('circle', { cx: 2, cy: 2, r: 1, class: 'chart-pattern-dot' }),
        ),
      ),
    );

  // Legend: a swatch and the series' name, left to right.
  if (many) {
    let x = x0;
    series.forEach((s, i) => {
      const g = svg('g', { class: 'chart-legend' });
      g.append(
        svg('rect', { x, y: 6, width: 12, height: 12, class: `chart-swatch level-${i % LEVEL_STYLES}` }),
        svg('text', { x: x + 16, y: 16 }, s.name),
      );
      root.append(g);
      x += 16 + textUnits(s.name) + 14;
    });
  }

  categories.forEach((c, ci) => {
    const top = legendH + groupGap + ci * (groupH + groupGap);
    const shown = fit(c, labelW);
    const label = svg(
      'text',
      { x: x0 - 6, y: top + groupH / 2, 'text-anchor': 'end', 'dominant-baseline': 'central' },
      shown,
    );
    if (shown !== c) label.append(svg('title', {}, c));
    root.append(label);
    series.forEach((s, si) => {
      const v = s.values[ci] ?? 0;
      const y = top + si * (barH + barGap);
      const w = (v / max) * span;
      const bar = svg('rect', {
        x: x0,
        y,
        width: Math.round(w * 10) / 10,
        height: barH,
        class: many ? `chart-bar level-${si % LEVEL_STYLES}` : 'chart-bar',
        'data-category': c,
        'data-series': s.name,
        'data-value': v,
      });
      root.append(
        bar,
        svg(
          'text',
          { x: x0 + w + 4, y: y + barH / 2, 'dominant-baseline': 'central', class: 'chart-value' },
          String(v),
        ),
      );
    });
  });
  root.append(svg('line', { x1: x0, y1: legendH + 2, x2: x0, y2: height - 2, class: 'chart-axis' }));

  const fig = el('figure', { id: spec.id, className: 'batch-chart' });
  fig.append(el('figcaption', { textContent: spec.title }), root);
  return fig;
}

/** 各单位报送情况: 总览's submission counts (按时/迟报 left out when no unit had a deadline). */
export function statusChart(o: OverviewFigures): HTMLElement {
  const shown = o.status.filter((s): s is { label: string; value: number } => s.value !== null);
  return barChart({
    id: 'batch-chart-status',
    title: CHART_TITLES.status,
    categories: shown.map((s) => s.label),
    series: [{ name: '单位数', values: shown.map((s) => s.value) }],
    description: `${CHART_TITLES.status}：${shown.map((s) => `${s.label}${s.value}个`).join('，')}。`,
  });
}

/** 各类风险隐患分布情况: 总览's risks by category × level; a sentence instead when there are none. */
export function riskChart(o: OverviewFigures): HTMLElement {
  const total = o.risks.reduce((a, r) => a + r.counts.reduce((x, y) => x + y, 0), 0);
  if (total === 0) {
    const fig = el('figure', { id: 'batch-chart-risks', className: 'batch-chart' });
    fig.append(
      el('figcaption', { textContent: CHART_TITLES.risks }),
      el('p', { className: 'chart-none', textContent: '各单位均未上报风险隐患。' }),
    );
    return fig;
  }
  const said = o.risks
    .filter((r) => r.counts.some((n) => n > 0))
    .map(
      (r) =>
        `${r.category}：${r.counts
          .map((n, i) => (n > 0 ? `${o.levels[i]}${n}条` : ''))
          .filter(Boolean)
          .join('、')}`,
    );
  return barChart({
    id: 'batch-chart-risks',
    title: CHART_TITLES.risks,
    categories: o.risks.map((r) => r.category),
    series: o.levels.map((l, i) => ({ name: l, values: o.risks.map((r) => r.counts[i]) })),
    description: `${CHART_TITLES.risks}：共${total}条，${said.join('；')}。`,
  });
}
