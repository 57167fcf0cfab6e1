// GB/T 9704-2012 《党政机关公文格式》 as data and rules: page geometry, the 22×28 line grid, sizes, fonts and
// their fall-backs, style ids, text measurement, and the layout rules that depend on how wide text is —
// title lines (7.3.3), the signature block (7.3.5.2), the page-number position (7.5) and the widths of an
// attachment's table. Each rule lives here once; ooxml.ts only writes what these functions decide.
// Pure TypeScript (no fs): used by the importer in Node and by the task pane in the browser.
import type { AppendixTable, ColumnKind } from './blocks';

/** Page geometry in twentieths of a point (twips). */
export const PAGE = {
  width: 11906,
  height: 16838,
  margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 },
  header: 851,
} as const;

/** Twips in a millimetre. */
export const TWIPS_PER_MM = 1440 / 25.4;

/** 28.95 pt: 22 lines fill the 12756-twip body height. */
export const LINE_PITCH = 579;
/** −0.25 pt (twentieths of a point) on body text: 28 × (16 − 0.25) pt fits the 442.25 pt body width. */
export const BODY_CHAR_SPACING = -5;
/** Font sizes in half-points: 2号 22 pt, 3号 16 pt, 4号 14 pt, 五号 10.5 pt. */
export const SIZE = { title: 44, body: 32, pageNumber: 28, table: 21 } as const;
/** One body character: a 3号 character with the −0.25 pt spacing (15.75 pt), the pitch of the 28-character line. */
export const BODY_CHAR = SIZE.body * 10 + BODY_CHAR_SPACING;
/** 左空二字 / 右空二字. */
export const INDENT_2CH = 2 * BODY_CHAR;

export const FONTS = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  h1: '黑体',
  h2: '楷体_GB2312',
  latin: 'Times New Roman',
  pageNumber: '宋体',
} as const;

/**
 * Font table entries with w:altName fall-backs for machines without the GB2312 fonts: 仿宋_GB2312 → 仿宋 →
 * FangSong, 楷体_GB2312 → 楷体 → KaiTi, 黑体 → SimHei, 宋体 → SimSun, 方正小标宋简体 → 宋体.
 */
export const FONT_FALLBACKS: readonly { name: string; altName: string; family: string; pitch: string }[] = [
  { name: FONTS.body, altName: '仿宋', family: 'modern', pitch: 'fixed' },
  { name: '仿宋', altName: 'FangSong', family: 'modern', pitch: 'fixed' },
  { name: FONTS.h2, altName: '楷体', family: 'modern', pitch: 'fixed' },
  { name: '楷体', altName: 'KaiTi', family: 'modern', pitch: 'fixed' },
  { name: FONTS.h1, altName: 'SimHei', family: 'modern', pitch: 'fixed' },
  { name: FONTS.pageNumber, altName: 'SimSun', family: 'auto', pitch: 'variable' },
  { name: FONTS.title, altName: '宋体', family: 'auto', pitch: 'variable' },
];

/** Style ids (stable, so a user can restyle in Word and a test can find them). */
export const STYLE = {
  normal: 'Normal',
  title: 'Title',
  h1: 'Heading1',
  h2: 'Heading2',
  lead: 'LeadKai',
  signature: 'Signature',
  attachmentNote: 'AttachmentNote',
  appendixLabel: 'AppendixLabel',
  tableText: 'TableText',
  tableCenter: 'TableTextCenter',
  tableHeader: 'TableHeader',
  footer: 'Footer',
  header: 'Header',
  table: 'ReportTable',
  figure: 'Figure',
  figureCaption: 'FigureCaption',
  defaultTable: 'TableNormal',
  defaultChar: 'DefaultParagraphFont',
} as const;

/**
 * A figure in the body: 26 characters wide (centred in the 28-character line) and 8 grid lines high with
 * its paragraph, the chart a little lower than its lines so that no renderer clips it.
 */
export const FIGURE = { width: 26 * BODY_CHAR, lines: 8, height: 8 * LINE_PITCH - 240 } as const;

/** Width between the side margins of a portrait or landscape page (twips). */
export function pageContentWidth(landscape: boolean): number {
  return (landscape ? PAGE.height : PAGE.width) - PAGE.margin.left - PAGE.margin.right;
}

// ---------------------------------------------------------------------------------------------------
// Text measurement

/** Advance widths of printable ASCII (U+0020–U+007E) in Times New Roman, thousandths of an em. */
const TIMES_ASCII = [
  250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500, 500, 500,
  500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667, 722, 611, 556, 722, 722, 333,
  389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469,
  500, 333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389,
  278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
];

/** Punctuation below U+2E80 that Chinese fonts (and Word with an East Asian language) set full width. */
const FULL_WIDTH_PUNCT = new Set([0x00b7, 0x2014, 0x2015, 0x2018, 0x2019, 0x201c, 0x201d, 0x2026, 0x2030]);

/** True for characters set in the East Asian font, one em wide. */
function isWide(code: number): boolean {
  if (code >= 0x2e80) return !(code >= 0xff61 && code <= 0xff9f);
  return FULL_WIDTH_PUNCT.has(code);
}

/**
 * Extra space an application may put between Chinese and Latin letters or digits (Word's autoSpaceDE/DN,
 * LibreOffice's "space between Asian and non-Asian text": about 0.2–0.25 em). Counted at 0.25 em, the
 * upper bound, where a paragraph leaves it on.
 */
const AUTOSPACE_EM = 0.25;

export interface MeasureOptions {
  /** Font size in half-points. */
  size: number;
  /** Character spacing in twips, added to every character (w:spacing). */
  spacing?: number;
  /** Whether the paragraph keeps the automatic space between Chinese and Latin/digits. */
  autospace?: boolean;
}

/**
 * Rendered width of one line of text in twips: Chinese characters and full-width punctuation one em,
 * ASCII by the Times New Roman metrics (digits half an em), other characters half an em; plus the
 * character spacing and, where on, the automatic Chinese–Latin space.
 */
export function textWidth(text: string, opts: MeasureOptions): number {
  const em = opts.size * 10;
  const spacing = opts.spacing ?? 0;
  const autospace = opts.autospace ? AUTOSPACE_EM * em : 0;
  let w = 0;
  // 0 wide, 1 a Latin letter or digit, 2 anything else (the classes autospace looks at).
  let prev = 2;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) code = text.codePointAt(i++)!;
    let cls: number;
    if (isWide(code)) {
      w += em;
      cls = 0;
    } else if (code >= 0x20 && code <= 0x7e) {
      w += (TIMES_ASCII[code - 0x20] * em) / 1000;
      cls = (code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a) ? 1 : 2;
    } else {
      w += em / 2;
      cls = 2;
    }
    w += spacing;
    if (autospace && ((prev === 0 && cls === 1) || (prev === 1 && cls === 0))) w += autospace;
    prev = cls;
  }
  return w;
}

/** Width of body text (3号, −0.25 pt), with or without the automatic Chinese–Latin space. */
export function bodyWidth(text: string, autospace = true): number {
  return textWidth(text, { size: SIZE.body, spacing: BODY_CHAR_SPACING, autospace });
}

// ---------------------------------------------------------------------------------------------------
// 7.3.3 Title: broken between words into balanced lines

const titleWidth = (s: string) => textWidth(s, { size: SIZE.title, autospace: true });

/** Splits a word wider than `max` at the character nearest its middle (never inside a run of digits or
 * Latin letters), again while a half is still too wide. */
function splitLongWord(word: string, max: number): string[] {
  const chars = [...word];
  if (titleWidth(word) <= max || chars.length < 2) return [word];
  const total = titleWidth(word);
  let best = -1;
  let bestGap = Infinity;
  for (let i = 1; i < chars.length; i++) {
    if (/[0-9A-Za-z]/.test(chars[i - 1]) && /[0-9A-Za-z]/.test(chars[i])) continue;
    const gap = Math.abs(titleWidth(chars.slice(0, i).join('')) - total / 2);
    if (gap < bestGap) [best, bestGap] = [i, gap];
  }
  if (best < 0) return [word];
  return [
    ...splitLongWord(chars.slice(0, best).join(''), max),
    ...splitLongWord(chars.slice(best).join(''), max),
  ];
}

/**
 * The lines of a title (GB/T 9704 7.3.3: 词意完整，排列对称，长短适宜，梯形或菱形): as few lines as the width
 * allows, broken only between `words` (a word wider than a line is split at its middle), chosen so the
 * longest line is as short as possible, avoiding an hourglass (a middle line shorter than both
 * neighbours), then with the most even line lengths.
 */
export function titleLines(words: readonly string[], width: number = pageContentWidth(false)): string[] {
  const parts = words.filter((w) => w.length > 0).flatMap((w) => splitLongWord(w, width));
  if (parts.length <= 1) return parts.length ? [parts[0]] : [];
  const total = titleWidth(parts.join(''));
  if (total <= width) return [parts.join('')];
  // Widths of every run of parts i..j-1 (a line), measured as joined text.
  const lineW = (i: number, j: number) => titleWidth(parts.slice(i, j).join(''));
  for (let n = Math.max(2, Math.ceil(total / width)); n <= parts.length; n++) {
    let best: { lines: string[]; cost: [number, number] } | null = null;
    const breaks: number[] = [];
    const visit = (start: number, left: number) => {
      if (left === 1) {
        const ends = [...breaks, parts.length];
        const widths = ends.map((e, k) => lineW(k ? ends[k - 1] : 0, e));
        if (widths.some((w) => w > width)) return;
        const hourglass = widths.some(
          (w, k) => k > 0 && k < widths.length - 1 && w < widths[k - 1] && w < widths[k + 1],
        );
        // One em of 2号 is worth trading for a shape that is not an hourglass.
        const cost: [number, number] = [
          Math.max(...widths) + (hourglass ? SIZE.title * 10 * 2 : 0),
          widths.reduce((s, w) => s + w * w, 0),
        ];
        if (!best || cost[0] < best.cost[0] || (cost[0] === best.cost[0] && cost[1] < best.cost[1]))
          best = { lines: ends.map((e, k) => parts.slice(k ? ends[k - 1] : 0, e).join('')), cost };
        return;
      }
      for (let b = start + 1; b <= parts.length - left + 1; b++) {
        if (lineW(breaks.length ? breaks[breaks.length - 1] : 0, b) > width) break;
        breaks.push(b);
        visit(b, left - 1);
        breaks.pop();
      }
    };
    visit(0, n);
    if (best) return (best as { lines: string[] }).lines;
  }
  return parts;
}

// ---------------------------------------------------------------------------------------------------
// 7.3.5.2 Signature without seal

/**
 * Left indents (twips, from the left margin) of the unit name and the date: the name 右空二字, the date on
 * the next line starting exactly two characters right of the name's first character; when the date is
 * the longer, the date is 右空二字 and the name moves left to keep the two characters. Both lines are set
 * left-aligned from these indents, so the two-character offset holds whatever width an application gives
 * the digits; the widths used are of the rendered text (digits in Times New Roman, the −0.25 pt spacing),
 * and the signature paragraphs switch the automatic Chinese–digit space off so Word and WPS render
 * exactly these widths.
 */
export function signatureIndents(
  unit: string,
  date: string | null,
  contentWidth: number = pageContentWidth(false),
): { unit: number; date: number } {
  const u = unit ? bodyWidth(unit, false) : 0;
  const d = date ? bodyWidth(date, false) : 0;
  // Where the name starts: 右空二字 for the name, or two characters left of a 右空二字 date.
  const start = !date
    ? contentWidth - INDENT_2CH - u
    : contentWidth - INDENT_2CH - Math.max(u, d + INDENT_2CH);
  const unitLeft = Math.max(0, Math.round(start));
  return {
    unit: unitLeft,
    date: unit ? unitLeft + INDENT_2CH : Math.max(0, Math.round(contentWidth - INDENT_2CH - d)),
  };
}

// ---------------------------------------------------------------------------------------------------
// 7.4.1 Attachment note: "附件：1.名称", later names aligned under the first, long names hanging

export interface NoteLine {
  text: string;
  /** Left indent and hanging indent in twips: wrapped lines align with the attachment's name. */
  left: number;
  hanging: number;
}

export function attachmentNoteLines(items: readonly string[]): NoteLine[] {
  const head = '附件：';
  const headW = bodyWidth(head);
  if (items.length === 1)
    return [{ text: head + items[0], left: Math.round(INDENT_2CH + headW), hanging: Math.round(headW) }];
  return items.map((name, i) => {
    const num = `${i + 1}.`;
    const numW = bodyWidth(num);
    const left = Math.round(INDENT_2CH + headW + numW);
    return i === 0
      ? { text: head + num + name, left, hanging: Math.round(headW + numW) }
      : { text: num + name, left, hanging: Math.round(numW) };
  });
}

// ---------------------------------------------------------------------------------------------------
// 7.5 Page number

/** GB/T 9704 7.5: the dash of "— 1 —" lies 7 mm below the text block. */
export const PAGE_NUMBER_GAP_MM = 7;
/** The page-number line: 4号 with an exact line height of one em. */
export const PAGE_NUMBER_LINE = SIZE.pageNumber * 10;
/**
 * Height of the dash above the bottom of that line: with an exact line height the baseline sits the
 * font's descent above the line's bottom (宋体 0.141 em), and the dash of 宋体 lies at the middle of its
 * em box (0.359 em above the baseline): half an em in all.
 */
const DASH_ABOVE_LINE_BOTTOM = PAGE_NUMBER_LINE / 2;
/** Footer distance from the bottom edge (w:footer) that puts the dash 7 mm under the text block. */
export const FOOTER_DISTANCE = Math.round(
  PAGE.margin.bottom - PAGE_NUMBER_GAP_MM * TWIPS_PER_MM - DASH_ABOVE_LINE_BOTTOM,
);
/** "— 1 —" one character in from the text block's edge (a 4号 character). */
export const PAGE_NUMBER_INDENT = SIZE.pageNumber * 10;

// ---------------------------------------------------------------------------------------------------
// Attachment tables: column widths by content

/** Cell margins left and right (twips), also written into the table. */
export const CELL_MARGIN = 85;
/** A little room for rounding in a column that must not wrap. */
const NO_WRAP_SLACK = 60;
const tableWidth = (s: string) => textWidth(s, { size: SIZE.table, autospace: true });
const TABLE_CHAR = SIZE.table * 10;

/** Widest line of a cell (cells may hold line breaks). */
const cellWidth = (text: string) => Math.max(0, ...text.split('\n').map(tableWidth));

/**
 * Where a header label breaks when its column is too narrow for it on one line: before a bracket, else
 * between two-character terms (风险/等级, 风险隐患/描述), the first line the longer.
 */
function splitLabel(label: string): [string, string] | null {
  const chars = [...label];
  if (chars.length < 4) return null;
  const bracket = chars.findIndex((c, i) => i > 0 && '（('.includes(c));
  let at = bracket > 0 ? bracket : 2 * Math.ceil(chars.length / 4);
  if (at >= chars.length) at = Math.ceil(chars.length / 2);
  return [chars.slice(0, at).join(''), chars.slice(at).join('')];
}

/** What a header label needs: up to three characters on one line, longer labels on two lines. */
function headerNeed(label: string): number {
  const split = splitLabel(label);
  return split ? Math.max(...split.map(tableWidth)) : tableWidth(label);
}

/** A header label's lines in a column `width` twips wide: one line when it fits, else two. */
export function headerLines(label: string, width: number): string[] {
  const split = splitLabel(label);
  return split && tableWidth(label) + 2 * CELL_MARGIN > width ? split : [label];
}

const NEVER_WRAPS: ReadonlySet<ColumnKind> = new Set(['id', 'date', 'number']);

/**
 * Column widths (twips) for an attachment's table on a page `contentWidth` wide:
 * - id, date and number columns get the width of their longest cell, measured at the table's size, so
 *   an id or a date is never broken;
 * - an empty column is narrow: two characters, its header wrapping;
 * - text columns share the rest in proportion to how much text they hold, none wider than its longest
 *   cell and none narrower than four characters (or its longest cell, when shorter);
 * - when everything fits with room to spare, the text columns take the room, so the table spans the
 *   page; a table without text columns keeps its natural width (and is centred by the writer).
 */
export function columnWidths(t: AppendixTable, contentWidth: number): number[] {
  const pad = 2 * CELL_MARGIN;
  const cols = t.columns.map((c, i) => {
    const cells = t.rows.map((r) => r[i] ?? '');
    const cellWidths = cells.map(cellWidth);
    const widest = Math.max(0, ...cellWidths);
    const head = headerNeed(c.label);
    const empty = cells.every((v) => !v.trim());
    const text = c.kind === 'text' && !empty;
    return {
      fixed: !text,
      need: empty
        ? 2 * TABLE_CHAR + pad
        : NEVER_WRAPS.has(c.kind)
          ? Math.max(widest, head) + pad + NO_WRAP_SLACK
          : 0,
      min: Math.max(head, Math.min(widest, 4 * TABLE_CHAR)) + pad + NO_WRAP_SLACK,
      max: Math.max(head, widest) + pad + NO_WRAP_SLACK,
      weight: cellWidths.reduce((s, v) => s + v, head),
    };
  });
  const widths = cols.map((c) => (c.fixed ? c.need : 0));
  const text = cols.map((c, i) => (c.fixed ? -1 : i)).filter((i) => i >= 0);
  let room = contentWidth - widths.reduce((a, b) => a + b, 0);
  // Water-filling: a column whose share is past its longest cell takes just that; one whose share is
  // under its minimum takes the minimum; the rest share what is left by weight.
  let open = [...text];
  while (open.length) {
    const weight = open.reduce((s, i) => s + cols[i].weight, 0) || 1;
    const share = (i: number) => (room * cols[i].weight) / weight;
    const capped = open.filter((i) => share(i) >= cols[i].max);
    const floored = capped.length ? [] : open.filter((i) => share(i) < cols[i].min);
    const settled = capped.length ? capped : floored;
    if (!settled.length) {
      for (const i of open) widths[i] = share(i);
      room = 0;
      break;
    }
    for (const i of settled) {
      widths[i] = capped.length ? cols[i].max : cols[i].min;
      room -= widths[i];
    }
    open = open.filter((i) => !settled.includes(i));
  }
  // Room left over (every text column at its longest cell): headers that were broken go back on one
  // line, then the text columns widen to fill the page.
  for (const [i, c] of t.columns.entries()) {
    const full = tableWidth(c.label) + pad + NO_WRAP_SLACK;
    if (room > 0 && widths[i] < full && full - widths[i] <= room) {
      room -= full - widths[i];
      widths[i] = full;
    }
  }
  if (room > 0 && text.length) {
    const total = text.reduce((s, i) => s + widths[i], 0);
    for (const i of text) widths[i] += (room * widths[i]) / total;
  }
  // Too many columns for the page even at their minimums: everything shrinks alike (the last resort).
  const sum = widths.reduce((a, b) => a + b, 0);
  if (sum > contentWidth)
    for (let i = 0; i < widths.length; i++) widths[i] = (widths[i] * contentWidth) / sum;
  return widths.map((w) => Math.max(1, Math.floor(w)));
}
