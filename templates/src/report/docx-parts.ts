// The fixed parts of a report's .docx package (ECMA-376 Part 1, WordprocessingML; Part 2, OPC), written
// as XML from the GB/T 9704 table in gbt9704.ts: the styles (the document's own, no Calibri, so a user
// can restyle it), settings (even/odd footers), the font table with fall-backs, the "— 1 —" footers, the
// optional 草稿 header, content types, relationships and document properties. The same for every report.
import { xmlEscape } from '../ooxml/xml';
import {
  BODY_CHAR_SPACING,
  CELL_MARGIN,
  FONT_FALLBACKS,
  FONTS,
  INDENT_2CH,
  LINE_PITCH,
  PAGE_NUMBER_INDENT,
  PAGE_NUMBER_LINE,
  SIZE,
  STYLE,
} from './gbt9704';

export const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
export const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
export const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_ATTRS = `xmlns:w="${W_NS}" xmlns:r="${R_NS}"`;
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** Run fonts: Chinese in `eastAsia`, digits and Latin in Times New Roman (or `latin`). */
export const rFonts = (eastAsia: string, latin: string = FONTS.latin) =>
  `<w:rFonts w:ascii="${latin}" w:hAnsi="${latin}" w:eastAsia="${eastAsia}" w:cs="${latin}"/>`;
const size = (halfPoints: number) => `<w:sz w:val="${halfPoints}"/><w:szCs w:val="${halfPoints}"/>`;
const exact = (line: number) => `<w:spacing w:before="0" w:after="0" w:line="${line}" w:lineRule="exact"/>`;
const NOT_BOLD = '<w:b w:val="0"/><w:bCs w:val="0"/>';
const BORDERS = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV']
  .map((s) => `<w:${s} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`)
  .join('');
/** Table borders and cell margins, written into the table style and into every table. */
export const TABLE_BORDERS = `<w:tblBorders>${BORDERS}</w:tblBorders>`;
export const TABLE_CELL_MARGINS = `<w:tblCellMar><w:left w:w="${CELL_MARGIN}" w:type="dxa"/><w:right w:w="${CELL_MARGIN}" w:type="dxa"/></w:tblCellMar>`;

interface StyleDef {
  type: 'paragraph' | 'character' | 'table';
  id: string;
  name: string;
  isDefault?: boolean;
  basedOn?: string;
  next?: string;
  extra?: string;
  pPr?: string;
  rPr?: string;
  tblPr?: string;
}

const BODY_RPR = `${rFonts(FONTS.body)}<w:spacing w:val="${BODY_CHAR_SPACING}"/>${size(SIZE.body)}`;

/** The document's styles, from which every paragraph and run takes its formatting. */
const STYLES: readonly StyleDef[] = [
  {
    type: 'paragraph',
    id: STYLE.normal,
    name: 'Normal',
    isDefault: true,
    extra: '<w:qFormat/>',
    pPr: `${exact(LINE_PITCH)}<w:ind w:firstLine="${INDENT_2CH}"/><w:jc w:val="both"/>`,
    rPr: BODY_RPR,
  },
  {
    type: 'character',
    id: STYLE.defaultChar,
    name: 'Default Paragraph Font',
    isDefault: true,
    extra: '<w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/>',
  },
  {
    type: 'table',
    id: STYLE.defaultTable,
    name: 'Normal Table',
    isDefault: true,
    extra: '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>',
    tblPr:
      '<w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar>',
  },
  {
    // snapToGrid off: LibreOffice otherwise gives each 22 pt title line two grid lines (its glyph box is
    // taller than the 28.95 pt pitch) and page 1 loses two body lines.
    type: 'paragraph',
    id: STYLE.title,
    name: 'Title',
    basedOn: STYLE.normal,
    next: STYLE.normal,
    extra: '<w:qFormat/>',
    pPr: `<w:keepNext/><w:snapToGrid w:val="0"/>${exact(LINE_PITCH)}<w:ind w:firstLine="0"/><w:jc w:val="center"/>`,
    rPr: `${rFonts(FONTS.title)}${NOT_BOLD}<w:spacing w:val="0"/>${size(SIZE.title)}`,
  },
  {
    type: 'paragraph',
    id: STYLE.h1,
    name: 'heading 1',
    basedOn: STYLE.normal,
    next: STYLE.normal,
    extra: '<w:qFormat/>',
    pPr: '<w:keepNext/><w:outlineLvl w:val="0"/>',
    rPr: `${rFonts(FONTS.h1)}${NOT_BOLD}`,
  },
  {
    type: 'paragraph',
    id: STYLE.h2,
    name: 'heading 2',
    basedOn: STYLE.normal,
    next: STYLE.normal,
    extra: '<w:qFormat/>',
    pPr: '<w:keepNext/><w:outlineLvl w:val="1"/>',
    rPr: `${rFonts(FONTS.h2)}${NOT_BOLD}`,
  },
  { type: 'character', id: STYLE.lead, name: '楷体小标题', rPr: rFonts(FONTS.h2) },
  {
    // Left-aligned from indents computed from the text's width (gbt9704 signatureIndents); no automatic
    // space between Chinese and digits, so Word and WPS render exactly the measured widths.
    type: 'paragraph',
    id: STYLE.signature,
    name: '落款',
    basedOn: STYLE.normal,
    pPr: '<w:keepLines/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/><w:ind w:firstLine="0"/><w:jc w:val="left"/>',
  },
  {
    type: 'paragraph',
    id: STYLE.attachmentNote,
    name: '附件说明',
    basedOn: STYLE.normal,
    pPr: '<w:jc w:val="left"/>',
  },
  {
    type: 'paragraph',
    id: STYLE.appendixLabel,
    name: '附件标识',
    basedOn: STYLE.normal,
    next: STYLE.normal,
    pPr: '<w:keepNext/><w:ind w:firstLine="0"/><w:jc w:val="left"/>',
    rPr: rFonts(FONTS.h1),
  },
  {
    type: 'paragraph',
    id: STYLE.tableText,
    name: '表格文字',
    pPr: `<w:snapToGrid w:val="0"/>${exact(300)}<w:ind w:firstLine="0"/><w:jc w:val="left"/>`,
    rPr: `${rFonts(FONTS.body)}${size(SIZE.table)}`,
  },
  {
    type: 'paragraph',
    id: STYLE.tableCenter,
    name: '表格文字居中',
    basedOn: STYLE.tableText,
    pPr: '<w:jc w:val="center"/>',
  },
  {
    type: 'paragraph',
    id: STYLE.tableHeader,
    name: '表头文字',
    basedOn: STYLE.tableText,
    pPr: '<w:jc w:val="center"/>',
    rPr: rFonts(FONTS.h1),
  },
  {
    // A figure's paragraph: single spacing, on the grid (its height rounds up to whole grid lines, so the
    // text after it stays on the 22-line grid), kept with its caption.
    type: 'paragraph',
    id: STYLE.figure,
    name: '图',
    basedOn: STYLE.normal,
    next: STYLE.figureCaption,
    pPr: '<w:keepNext/><w:keepLines/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0"/><w:jc w:val="center"/>',
  },
  {
    type: 'paragraph',
    id: STYLE.figureCaption,
    name: '图题',
    basedOn: STYLE.normal,
    next: STYLE.normal,
    pPr: '<w:keepLines/><w:ind w:firstLine="0"/><w:jc w:val="center"/>',
    rPr: rFonts(FONTS.h2),
  },
  {
    // Exact line height of one em: the dash's height above the footer's bottom is then known
    // (gbt9704 FOOTER_DISTANCE).
    type: 'paragraph',
    id: STYLE.footer,
    name: 'footer',
    pPr: `<w:snapToGrid w:val="0"/>${exact(PAGE_NUMBER_LINE)}<w:ind w:firstLine="0"/>`,
    rPr: `${rFonts(FONTS.pageNumber, FONTS.pageNumber)}${size(SIZE.pageNumber)}`,
  },
  {
    type: 'paragraph',
    id: STYLE.header,
    name: 'header',
    pPr: '<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0"/><w:jc w:val="right"/>',
    rPr: `${rFonts(FONTS.h1)}${size(SIZE.body)}`,
  },
  {
    type: 'table',
    id: STYLE.table,
    name: '报告表格',
    basedOn: STYLE.defaultTable,
    extra: '<w:uiPriority w:val="59"/>',
    tblPr: `${TABLE_BORDERS}${TABLE_CELL_MARGINS}`,
  },
];

function styleXml(s: StyleDef): string {
  return (
    `<w:style w:type="${s.type}"${s.isDefault ? ' w:default="1"' : ''} w:styleId="${s.id}">` +
    `<w:name w:val="${xmlEscape(s.name)}"/>` +
    (s.basedOn ? `<w:basedOn w:val="${s.basedOn}"/>` : '') +
    (s.next ? `<w:next w:val="${s.next}"/>` : '') +
    (s.extra ?? '') +
    (s.pPr ? `<w:pPr>${s.pPr}</w:pPr>` : '') +
    (s.rPr ? `<w:rPr>${s.rPr}</w:rPr>` : '') +
    (s.tblPr ? `<w:tblPr>${s.tblPr}</w:tblPr>` : '') +
    '</w:style>'
  );
}

/** word/styles.xml: defaults (仿宋 + Times New Roman, 3号, exact 28.95 pt lines, Chinese language) and styles. */
export function stylesXml(): string {
  return (
    `${XML_DECL}<w:styles ${NS_ATTRS}><w:docDefaults>` +
    `<w:rPrDefault><w:rPr>${rFonts(FONTS.body)}${size(SIZE.body)}<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
    `<w:pPrDefault><w:pPr>${exact(LINE_PITCH)}</w:pPr></w:pPrDefault></w:docDefaults>` +
    STYLES.map(styleXml).join('') +
    '</w:styles>'
  );
}

/** word/settings.xml: different footers on odd and even pages. */
export function settingsXml(): string {
  return (
    `${XML_DECL}<w:settings ${NS_ATTRS}><w:defaultTabStop w:val="${INDENT_2CH}"/><w:evenAndOddHeaders/>` +
    '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>' +
    '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/></w:settings>'
  );
}

/** word/fontTable.xml declaring the fonts used and their fall-backs. */
export function fontTableXml(): string {
  const fonts = [
    `<w:font w:name="${FONTS.latin}"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>`,
    ...FONT_FALLBACKS.map(
      (f) =>
        `<w:font w:name="${xmlEscape(f.name)}"><w:altName w:val="${xmlEscape(f.altName)}"/><w:charset w:val="86"/><w:family w:val="${f.family}"/><w:pitch w:val="${f.pitch}"/></w:font>`,
    ),
  ];
  return `${XML_DECL}<w:fonts ${NS_ATTRS}>${fonts.join('')}</w:fonts>`;
}

const t = (s: string) => `<w:r><w:t xml:space="preserve">${xmlEscape(s)}</w:t></w:r>`;

/** "— 1 —" in 4号宋体: odd pages right and even pages left, one character in from the text block. */
export function footerXml(side: 'odd' | 'even'): string {
  const ind =
    side === 'odd'
      ? `<w:ind w:right="${PAGE_NUMBER_INDENT}" w:firstLine="0"/><w:jc w:val="right"/>`
      : `<w:ind w:left="${PAGE_NUMBER_INDENT}" w:firstLine="0"/><w:jc w:val="left"/>`;
  return (
    `${XML_DECL}<w:ftr ${NS_ATTRS}><w:p><w:pPr><w:pStyle w:val="${STYLE.footer}"/>${ind}</w:pPr>` +
    t('— ') +
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>' +
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>' +
    t(' —') +
    '</w:p></w:ftr>'
  );
}

/** The draft marking: "草稿" in 3号黑体 at the top right of every page. */
export function draftHeaderXml(): string {
  return `${XML_DECL}<w:hdr ${NS_ATTRS}><w:p><w:pPr><w:pStyle w:val="${STYLE.header}"/></w:pPr>${t('草稿')}</w:p></w:hdr>`;
}

/** Parts of word/ other than document.xml, with the relationship id document.xml refers to them by. */
interface WordPart {
  name: string;
  rel: string;
  type: string;
  contentType: string;
  xml: () => string;
}

const CT = 'application/vnd.openxmlformats-officedocument.wordprocessingml';

export function wordParts(draft: boolean): WordPart[] {
  const parts: WordPart[] = [
    { name: 'styles.xml', rel: 'rId1', type: 'styles', contentType: `${CT}.styles+xml`, xml: stylesXml },
    {
      name: 'settings.xml',
      rel: 'rId2',
      type: 'settings',
      contentType: `${CT}.settings+xml`,
      xml: settingsXml,
    },
    {
      name: 'fontTable.xml',
      rel: 'rId3',
      type: 'fontTable',
      contentType: `${CT}.fontTable+xml`,
      xml: fontTableXml,
    },
    {
      name: 'footer1.xml',
      rel: 'rId4',
      type: 'footer',
      contentType: `${CT}.footer+xml`,
      xml: () => footerXml('odd'),
    },
    {
      name: 'footer2.xml',
      rel: 'rId5',
      type: 'footer',
      contentType: `${CT}.footer+xml`,
      xml: () => footerXml('even'),
    },
  ];
  if (draft)
    parts.push({
      name: 'header1.xml',
      rel: 'rId6',
      type: 'header',
      contentType: `${CT}.header+xml`,
      xml: draftHeaderXml,
    });
  return parts;
}

/** Header and footer references for every section's properties. */
export function headerFooterRefs(draft: boolean): string {
  return (
    (draft
      ? '<w:headerReference w:type="default" r:id="rId6"/><w:headerReference w:type="even" r:id="rId6"/>'
      : '') +
    '<w:footerReference w:type="default" r:id="rId4"/><w:footerReference w:type="even" r:id="rId5"/>'
  );
}

/** A part a document adds to the fixed ones (a chart), with the id document.xml refers to it by. */
export interface ExtraPart {
  name: string;
  rel: string;
  type: string;
  contentType: string;
}

export function documentRelsXml(parts: readonly (WordPart | ExtraPart)[]): string {
  return (
    `${XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    parts.map((p) => `<Relationship Id="${p.rel}" Type="${REL}/${p.type}" Target="${p.name}"/>`).join('') +
    '</Relationships>'
  );
}

export function contentTypesXml(parts: readonly (WordPart | ExtraPart)[]): string {
  return (
    `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/word/document.xml" ContentType="${CT}.document.main+xml"/>` +
    parts.map((p) => `<Override PartName="/word/${p.name}" ContentType="${p.contentType}"/>`).join('') +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
    '</Types>'
  );
}

export function packageRelsXml(): string {
  return (
    `${XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/>` +
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
    `<Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/>` +
    '</Relationships>'
  );
}

export function appXml(): string {
  return (
    `${XML_DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
    '<Application>研判 Yanpan</Application></Properties>'
  );
}

export interface CoreMeta {
  title: string;
  creator?: string;
  description?: string;
}

/** docProps/core.xml. No timestamps: the same report gives the same bytes. */
export function coreXml(meta: CoreMeta): string {
  const text = (s: string) => xmlEscape(s.replace(/[\r\n]+/g, ''));
  return (
    `${XML_DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">` +
    `<dc:title>${text(meta.title)}</dc:title><dc:creator>${text(meta.creator ?? '研判 Yanpan')}</dc:creator>` +
    (meta.description ? `<dc:description>${text(meta.description)}</dc:description>` : '') +
    '</cp:coreProperties>'
  );
}
