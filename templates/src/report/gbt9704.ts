// The GB/T 9704-2012 《党政机关公文格式》 document skeleton: page, margins, the 22×28 line grid, fonts,
// styles, even/odd footers "— 1 —", signature and appendix. Renders report blocks to a docx Document.
// Pure TypeScript (no fs): used by the importer in Node and by the task pane in the browser.
import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentDefaults,
  DocumentGridType,
  Footer,
  HeightRule,
  ImportedXmlComponent,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  SectionType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type ISectionOptions,
  type FileChild,
} from 'docx';
import type { AppendixTable, Block } from './blocks';
import { xmlEscape } from '../ooxml/xml';

/** Page geometry in twentieths of a point (twips). */
export const PAGE = {
  width: 11906,
  height: 16838,
  margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 },
  /** Footer distance from the bottom edge: the page number sits ~7 mm under the body area. */
  footer: 992,
  header: 851,
} as const;

/** 28.95 pt: 22 lines fill the 12756-twip body height. */
export const LINE_PITCH = 579;
/** −0.25 pt (twentieths of a point): 28 × (16 − 0.25) pt fits the 442.25 pt body width. */
export const BODY_CHAR_SPACING = -5;
/** Half-points. */
export const SIZE = { title: 44, body: 32, footer: 28, table: 21, tableHeader: 21 } as const;
/** Two 3号 characters. */
export const INDENT_2CH = 640;

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

/** word/fontTable.xml declaring the fonts used and their fall-backs. */
export function fontTableXml(): string {
  const fonts = [
    `<w:font w:name="${FONTS.latin}"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>`,
    ...FONT_FALLBACKS.map(
      (f) =>
        `<w:font w:name="${xmlEscape(f.name)}"><w:altName w:val="${xmlEscape(f.altName)}"/><w:charset w:val="86"/><w:family w:val="${f.family}"/><w:pitch w:val="${f.pitch}"/></w:font>`,
    ),
  ];
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    fonts.join('') +
    '</w:fonts>'
  );
}

/** Run fonts: Chinese in `eastAsia`, digits and Latin in Times New Roman. */
export function runFont(eastAsia: string, latin: string = FONTS.latin) {
  return { ascii: latin, hAnsi: latin, eastAsia, cs: latin };
}

const exactLine = (line: number) => ({ line, lineRule: LineRuleType.EXACT, before: 0, after: 0 });

/** Style ids (stable, so a user can restyle in Word and a test can find them). */
export const STYLE = {
  normal: 'Normal',
  title: 'Title',
  h1: 'Heading1',
  h2: 'Heading2',
  lead: 'LeadKai',
  signature: 'Signature',
  appendixLabel: 'AppendixLabel',
  tableText: 'TableText',
  tableHeader: 'TableHeader',
  footer: 'Footer',
  table: 'ReportTable',
} as const;

const TABLE_STYLE_XML =
  `<w:style xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:type="table" w:styleId="${STYLE.table}">` +
  '<w:name w:val="报告表格"/><w:uiPriority w:val="59"/><w:pPr><w:spacing w:before="0" w:after="0" w:line="300" w:lineRule="exact"/><w:ind w:firstLine="0"/><w:jc w:val="left"/></w:pPr>' +
  `<w:rPr><w:rFonts w:ascii="${FONTS.latin}" w:hAnsi="${FONTS.latin}" w:eastAsia="${FONTS.body}" w:cs="${FONTS.latin}"/><w:sz w:val="${SIZE.table}"/><w:szCs w:val="${SIZE.table}"/></w:rPr>` +
  '<w:tblPr><w:tblBorders>' +
  ['top', 'left', 'bottom', 'right', 'insideH', 'insideV']
    .map((s) => `<w:${s} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`)
    .join('') +
  '</w:tblBorders><w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>';

const W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

/**
 * The title style is written as XML because it needs w:snapToGrid="0" on the paragraph, which docx has no
 * option for: LibreOffice otherwise gives each 22 pt title line two grid lines (its glyph box is taller than
 * the 28.95 pt pitch), and page 1 loses two body lines. Word ignores the grid for exact spacing anyway.
 */
const TITLE_STYLE_XML =
  `<w:style ${W_NS} w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>` +
  `<w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="${LINE_PITCH}" w:lineRule="exact"/><w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr>` +
  `<w:rPr><w:rFonts w:ascii="${FONTS.latin}" w:hAnsi="${FONTS.latin}" w:eastAsia="${FONTS.title}" w:cs="${FONTS.latin}"/><w:b w:val="0"/><w:bCs w:val="0"/><w:spacing w:val="0"/><w:sz w:val="${SIZE.title}"/><w:szCs w:val="${SIZE.title}"/></w:rPr></w:style>`;

function styles() {
  const body = { font: runFont(FONTS.body), size: SIZE.body, characterSpacing: BODY_CHAR_SPACING };
  return {
    // docx's own default styles are replaced entirely (importedStyles), so no Calibri-based style leaks.
    importedStyles: [
      new DocumentDefaults({
        run: { font: runFont(FONTS.body), size: SIZE.body },
        paragraph: { spacing: exactLine(LINE_PITCH) },
      }),
      ImportedXmlComponent.fromXmlString(TITLE_STYLE_XML),
      ImportedXmlComponent.fromXmlString(TABLE_STYLE_XML),
    ],
    paragraphStyles: [
      {
        id: STYLE.h1,
        name: 'heading 1',
        basedOn: STYLE.normal,
        next: STYLE.normal,
        quickFormat: true,
        run: { ...body, font: runFont(FONTS.h1), bold: false },
        paragraph: {
          spacing: exactLine(LINE_PITCH),
          indent: { firstLine: INDENT_2CH },
          keepNext: true,
          outlineLevel: 0,
        },
      },
      {
        id: STYLE.h2,
        name: 'heading 2',
        basedOn: STYLE.normal,
        next: STYLE.normal,
        quickFormat: true,
        run: { ...body, font: runFont(FONTS.h2), bold: false },
        paragraph: {
          spacing: exactLine(LINE_PITCH),
          indent: { firstLine: INDENT_2CH },
          keepNext: true,
          outlineLevel: 1,
        },
      },
      {
        id: STYLE.normal,
        name: 'Normal',
        quickFormat: true,
        run: body,
        paragraph: {
          alignment: AlignmentType.JUSTIFIED,
          spacing: exactLine(LINE_PITCH),
          indent: { firstLine: INDENT_2CH },
        },
      },
      {
        id: STYLE.signature,
        name: '落款',
        basedOn: STYLE.normal,
        run: body,
        paragraph: { alignment: AlignmentType.RIGHT, indent: { firstLine: 0, right: INDENT_2CH } },
      },
      {
        id: STYLE.appendixLabel,
        name: '附件标识',
        basedOn: STYLE.normal,
        next: STYLE.title,
        run: { ...body, font: runFont(FONTS.h1) },
        paragraph: { alignment: AlignmentType.LEFT, indent: { firstLine: 0 }, keepNext: true },
      },
      {
        id: STYLE.tableText,
        name: '表格文字',
        run: { font: runFont(FONTS.body), size: SIZE.table },
        paragraph: {
          alignment: AlignmentType.LEFT,
          spacing: exactLine(300),
          indent: { firstLine: 0 },
        },
      },
      {
        id: STYLE.tableHeader,
        name: '表头文字',
        basedOn: STYLE.tableText,
        run: { font: runFont(FONTS.h1), size: SIZE.tableHeader },
        paragraph: { alignment: AlignmentType.CENTER, indent: { firstLine: 0 } },
      },
      {
        id: STYLE.footer,
        name: 'footer',
        run: { font: runFont(FONTS.pageNumber, FONTS.pageNumber), size: SIZE.footer },
        paragraph: {
          spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
          indent: { firstLine: 0 },
        },
      },
    ],
    characterStyles: [
      {
        id: STYLE.lead,
        name: '楷体小标题',
        run: { font: runFont(FONTS.h2) },
      },
    ],
  };
}

/** A body run: 仿宋 (or the given font), 16 pt, −0.25 pt spacing. */
export function bodyRun(text: string, opts: { style?: string; font?: string } = {}): TextRun {
  return new TextRun({
    text,
    style: opts.style,
    font: runFont(opts.font ?? FONTS.body),
    size: SIZE.body,
    characterSpacing: BODY_CHAR_SPACING,
  });
}

/** "— 1 —" in 4号宋体: odd pages right and even pages left, one character in. */
function pageFooter(side: 'odd' | 'even'): Footer {
  return new Footer({
    children: [
      new Paragraph({
        style: STYLE.footer,
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent:
          side === 'odd'
            ? { right: SIZE.footer * 10, firstLine: 0 }
            : { left: SIZE.footer * 10, firstLine: 0 },
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            font: runFont(FONTS.pageNumber, FONTS.pageNumber),
            size: SIZE.footer,
          }),
        ],
      }),
    ],
  });
}

/** Approximate width in 3号 characters: CJK 1, ASCII digits/letters ½. */
function textWidthChars(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) < 0x2e80 ? 0.5 : 1;
  return w;
}

/**
 * GB/T 9704 7.3.5.2 without seal: unit name 右空二字; the date on the next line starts two characters right
 * of the unit name's first character; if the date is the longer, the date is 右空二字 and the name moves left.
 */
export function signatureIndents(unit: string, date: string | null): { unit: number; date: number } {
  const per = INDENT_2CH / 2;
  if (!date) return { unit: INDENT_2CH, date: INDENT_2CH };
  const u = textWidthChars(unit);
  const d = textWidthChars(date);
  if (u - d >= 2) return { unit: INDENT_2CH, date: Math.round((u - d) * per) };
  return { unit: Math.round((d - u + 4) * per), date: INDENT_2CH };
}

/** Twips a cell needs for its text on one line in 10.5 pt: CJK 210, half-width 105, plus cell margins. */
function naturalWidth(text: string): number {
  let w = 0;
  for (const line of text.split('\n')) w = Math.max(w, textWidthChars(line) * 210);
  return Math.ceil(w) + 200;
}

/** Columns whose longest entry needs at most this many twips (a code, a level, a name) never wrap. */
const SHORT_COLUMN = 1100;
/** Other columns get at least four characters of 10.5 pt. */
const MIN_COLUMN = 4 * 210 + 200;

/**
 * Column widths: a short column (编号, 等级, 责任领导 — longest value and first four header characters within SHORT_COLUMN)
 * gets exactly what it needs; the remaining width goes to the other columns in
 * proportion to their definition widths, each at least four characters wide.
 */
/** Width between the side margins of a portrait or landscape page (twips). */
export function pageContentWidth(landscape: boolean): number {
  return (landscape ? PAGE.height : PAGE.width) - PAGE.margin.left - PAGE.margin.right;
}

export function columnWidths(t: AppendixTable, contentWidth: number): number[] {
  const natural = t.columns.map((c, i) =>
    Math.max(naturalWidth(c.label.slice(0, 4)), ...t.rows.map((r) => naturalWidth(r[i] ?? ''))),
  );
  const widths: (number | null)[] = natural.map((w) => (w <= SHORT_COLUMN ? w : null));
  let remaining = contentWidth - widths.reduce<number>((s, w) => s + (w ?? 0), 0);
  // Columns whose proportional share is under the minimum get the minimum, then the rest is shared again.
  for (;;) {
    const open = widths.map((w, i) => (w == null ? i : -1)).filter((i) => i >= 0);
    if (!open.length) break;
    const weight = open.reduce((s, i) => s + t.columns[i].width, 0);
    const small = open.filter((i) => (t.columns[i].width / weight) * remaining < MIN_COLUMN);
    if (!small.length || small.length === open.length) {
      for (const i of open)
        widths[i] = Math.max(
          small.length ? MIN_COLUMN : 0,
          Math.floor((t.columns[i].width / weight) * remaining),
        );
      break;
    }
    for (const i of small) {
      widths[i] = MIN_COLUMN;
      remaining -= MIN_COLUMN;
    }
  }
  return widths.map((w) => Math.max(1, Math.floor(w ?? 0)));
}

function appendixTable(t: AppendixTable, contentWidth: number): Table {
  const widths = columnWidths(t, contentWidth);
  const cell = (text: string, header: boolean, width: number) =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      children: text
        .split('\n')
        .map((line) => new Paragraph({ style: header ? STYLE.tableHeader : STYLE.tableText, text: line })),
    });
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  return new Table({
    style: STYLE.table,
    layout: TableLayoutType.FIXED,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    borders: {
      top: border,
      bottom: border,
      left: border,
      right: border,
      insideHorizontal: border,
      insideVertical: border,
    },
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        height: { value: 480, rule: HeightRule.ATLEAST },
        children: t.columns.map((c, i) => cell(c.label, true, widths[i])),
      }),
      ...t.rows.map(
        (r) =>
          new TableRow({
            cantSplit: true,
            children: r.map((v, i) => cell(v, false, widths[i])),
          }),
      ),
    ],
  });
}

/** Body sections carry the 22-line grid; appendix sections (tables in small type) have none. */
function sectionProperties(
  landscape: boolean,
  newPage: boolean,
  grid: boolean,
): ISectionOptions['properties'] {
  return {
    ...(newPage ? { type: SectionType.NEXT_PAGE } : {}),
    page: {
      size: {
        width: PAGE.width,
        height: PAGE.height,
        orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
      },
      margin: { ...PAGE.margin, header: PAGE.header, footer: PAGE.footer, gutter: 0 },
    },
    ...(grid ? { grid: { type: DocumentGridType.LINES, linePitch: LINE_PITCH } } : {}),
  };
}

function blockParagraphs(b: Exclude<Block, { kind: 'appendix' }>): Paragraph[] {
  switch (b.kind) {
    case 'title':
      return [
        new Paragraph({
          style: STYLE.title,
          children: [new TextRun({ text: b.text, font: runFont(FONTS.title), size: SIZE.title })],
        }),
        new Paragraph({ style: STYLE.normal }),
      ];
    case 'h1':
      return [new Paragraph({ style: STYLE.h1, children: [bodyRun(b.text, { font: FONTS.h1 })] })];
    case 'para': {
      const runs: TextRun[] = [];
      if (b.lead) runs.push(bodyRun(b.lead, { style: STYLE.lead, font: FONTS.h2 }));
      if (b.text) runs.push(bodyRun(b.text));
      return [new Paragraph({ style: STYLE.normal, children: runs })];
    }
    case 'blank':
      return [new Paragraph({ style: STYLE.normal })];
    case 'attachmentNote':
      return [new Paragraph({ style: STYLE.normal, children: [bodyRun(b.text)] })];
    case 'signature': {
      const ind = signatureIndents(b.unit, b.date);
      const out: Paragraph[] = [];
      if (b.unit)
        out.push(
          new Paragraph({
            style: STYLE.signature,
            indent: { firstLine: 0, right: ind.unit },
            children: [bodyRun(b.unit)],
          }),
        );
      if (b.date)
        out.push(
          new Paragraph({
            style: STYLE.signature,
            indent: { firstLine: 0, right: ind.date },
            children: [bodyRun(b.date)],
          }),
        );
      return out;
    }
  }
}

export interface RenderMeta {
  title: string;
  creator?: string;
  description?: string;
}

/** Renders blocks to a GB/T 9704 document. Each appendix starts a new section (and page). */
export function renderDocument(blocks: readonly Block[], meta: RenderMeta): Document {
  const footers = { default: pageFooter('odd'), even: pageFooter('even') };
  const sections: ISectionOptions[] = [];
  let current: FileChild[] = [];
  let currentLandscape = false;
  let first = true;
  const flush = () => {
    sections.push({
      properties: sectionProperties(currentLandscape, !first, first),
      footers,
      children: current,
    });
    first = false;
  };
  for (const b of blocks) {
    if (b.kind === 'appendix') {
      flush();
      currentLandscape = !!b.table.landscape;
      current = [
        new Paragraph({ style: STYLE.appendixLabel, children: [bodyRun(b.label, { font: FONTS.h1 })] }),
        new Paragraph({
          style: STYLE.title,
          children: [new TextRun({ text: b.title, font: runFont(FONTS.title), size: SIZE.title })],
        }),
        new Paragraph({ style: STYLE.normal }),
        appendixTable(b.table, pageContentWidth(currentLandscape)),
      ];
    } else {
      current.push(...blockParagraphs(b));
    }
  }
  flush();
  const doc = new Document({
    title: meta.title,
    creator: meta.creator ?? '研判 Yanpan',
    description: meta.description,
    evenAndOddHeaderAndFooters: true,
    theme: {
      fonts: {
        headings: { latin: FONTS.latin, eastAsia: FONTS.h1 },
        body: { latin: FONTS.latin, eastAsia: FONTS.body },
      },
    },
    styles: styles(),
    sections,
  });
  RENDERED.set(doc, { blocks: [...blocks], meta });
  return doc;
}

/** Blocks and metadata of the documents renderDocument made, so packDocx can take the fast writer. */
const RENDERED = new WeakMap<Document, { blocks: readonly Block[]; meta: RenderMeta }>();

/** Packs any docx Document with the docx package, with the font table and its fall-backs. */
export async function packWithDocx(doc: Document): Promise<Uint8Array> {
  return Packer.pack(doc, 'uint8array', false, [{ path: 'word/fontTable.xml', data: fontTableXml() }]);
}

/** The blocks a Document was rendered from, when renderDocument made it (for the fast writer). */
export function renderedFrom(doc: Document): { blocks: readonly Block[]; meta: RenderMeta } | undefined {
  return RENDERED.get(doc);
}
