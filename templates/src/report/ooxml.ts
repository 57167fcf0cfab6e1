// The one .docx writer for reports: blocks → word/document.xml (WordprocessingML, ECMA-376 Part 1 §17) and
// the package around it. Formatting lives in the styles (docx-parts.ts); layout decisions that depend on
// text widths (title lines, signature indents, table columns, the page-number position) come from
// gbt9704.ts. The fixed parts are written and deflated once per process; per report only document.xml and
// docProps/core.xml are. Node and browser alike.
import { CHART_CONTENT_TYPE, CHART_GRAPHIC_URI, CHART_NS, chartSpaceXml, DRAWINGML_NS } from '../ooxml/chart';
import { xmlEscape } from '../ooxml/xml';
import { deflatedEntry, writeZip, type ZipEntry } from '../ooxml/zip';
import type { AppendixTable, Block } from './blocks';
import {
  appXml,
  contentTypesXml,
  coreXml,
  documentRelsXml,
  type ExtraPart,
  headerFooterRefs,
  packageRelsXml,
  TABLE_BORDERS,
  TABLE_CELL_MARGINS,
  wordParts,
  R_NS,
  W_NS,
  XML_DECL,
  type CoreMeta,
} from './docx-parts';
import {
  attachmentNoteLines,
  columnWidths,
  headerLines,
  FIGURE,
  FOOTER_DISTANCE,
  LINE_PITCH,
  PAGE,
  pageContentWidth,
  signatureIndents,
  STYLE,
  titleLines,
} from './gbt9704';

export interface RenderOptions {
  /** Marks the document as a draft: "草稿" at the top of every page. */
  draft?: boolean;
}

export type RenderMeta = CoreMeta & RenderOptions;

/** Text for w:t: XML-escaped, without characters XML cannot carry and without line breaks. */
export function xmlText(s: string): string {
  // Most text needs nothing done: one scan instead of the escaper's five.
  // eslint-disable-next-line no-control-regex
  return /[&<>"\u0000-\u001f\ufffe\uffff]/.test(s) ? xmlEscape(s.replace(/[\r\n]+/g, '')) : s;
}

const run = (text: string, charStyle?: string) =>
  `<w:r>${charStyle ? `<w:rPr><w:rStyle w:val="${charStyle}"/></w:rPr>` : ''}<w:t xml:space="preserve">${xmlText(text)}</w:t></w:r>`;

/** A paragraph: its style, further properties (in schema order after w:pStyle) and runs. */
interface Para {
  style: string;
  props?: string;
  runs?: string;
}

function paraXml(x: Para, sectPr = ''): string {
  const pPr = (x.style === STYLE.normal ? '' : `<w:pStyle w:val="${x.style}"/>`) + (x.props ?? '') + sectPr;
  if (!pPr && !x.runs) return '<w:p/>';
  return `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}${x.runs ?? ''}</w:p>`;
}

const blank: Para = { style: STYLE.normal };

/** Title lines as one paragraph with line breaks, so Word and WPS see one title. */
function titlePara(words: readonly string[]): Para {
  const lines = titleLines(words);
  return {
    style: STYLE.title,
    runs: `<w:r>${lines.map((l, i) => `${i ? '<w:br/>' : ''}<w:t xml:space="preserve">${xmlText(l)}</w:t>`).join('')}</w:r>`,
  };
}

type FigureBlock = Extract<Block, { kind: 'figure' }>;

const WP_NS = 'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing';
/** EMUs (English metric units, DrawingML's length) in a twip. */
const EMU_PER_TWIP = 635;
const chartRel = (n: number) => `rIdChart${n}`;
const chartPart = (n: number) => `charts/chart${n}.xml`;

/**
 * Figure `n` of the document: its chart inline (wp:inline, so it moves with the text and never floats
 * over it), centred in its own paragraph, the caption below.
 */
function figureParas(b: FigureBlock, n: number): Para[] {
  const cx = FIGURE.width * EMU_PER_TWIP;
  const cy = FIGURE.height * EMU_PER_TWIP;
  const drawing =
    `<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="${cx}" cy="${cy}"/>` +
    `<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="${n}" name="图表 ${n}" descr="${xmlText(b.caption)}"/>` +
    `<wp:cNvGraphicFramePr/><a:graphic xmlns:a="${DRAWINGML_NS}"><a:graphicData uri="${CHART_GRAPHIC_URI}">` +
    `<c:chart xmlns:c="${CHART_NS}" r:id="${chartRel(n)}"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`;
  return [
    { style: STYLE.figure, runs: drawing },
    { style: STYLE.figureCaption, runs: run(b.caption) },
  ];
}

function blockParas(b: Exclude<Block, { kind: 'appendix' } | { kind: 'figure' }>): Para[] {
  switch (b.kind) {
    case 'title':
      return [titlePara(b.words.length ? b.words : [b.text]), blank];
    case 'h1':
      return [{ style: STYLE.h1, runs: run(b.text) }];
    case 'addressee':
      return [{ style: STYLE.normal, props: '<w:ind w:firstLine="0"/>', runs: run(b.text) }];
    case 'para':
      return [
        { style: STYLE.normal, runs: (b.lead ? run(b.lead, STYLE.lead) : '') + (b.text ? run(b.text) : '') },
      ];
    case 'blank':
      return [blank];
    case 'attachmentNote':
      return attachmentNoteLines(b.items).map((l) => ({
        style: STYLE.attachmentNote,
        props: `<w:ind w:left="${l.left}" w:hanging="${l.hanging}"/>`,
        runs: run(l.text),
      }));
    case 'signature': {
      const ind = signatureIndents(b.unit, b.date);
      const out: Para[] = [];
      if (b.unit)
        out.push({
          style: STYLE.signature,
          props: `${b.date ? '<w:keepNext/>' : ''}<w:ind w:left="${ind.unit}" w:firstLine="0"/>`,
          runs: run(b.unit),
        });
      if (b.date)
        out.push({
          style: STYLE.signature,
          props: `<w:ind w:left="${ind.date}" w:firstLine="0"/>`,
          runs: run(b.date),
        });
      return out;
    }
  }
}

function tableXml(t: AppendixTable, contentWidth: number): string {
  const widths = columnWidths(t, contentWidth);
  const cell = (text: string, style: string, width: number) =>
    `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>` +
    text
      .split('\n')
      .map((line) => paraXml({ style, runs: line ? run(line) : '' }))
      .join('') +
    '</w:tc>';
  const bodyStyle = t.columns.map((c) => (c.kind === 'text' ? STYLE.tableText : STYLE.tableCenter));
  return (
    `<w:tbl><w:tblPr><w:tblStyle w:val="${STYLE.table}"/><w:tblW w:w="${widths.reduce((a, b) => a + b, 0)}" w:type="dxa"/>` +
    `<w:jc w:val="center"/>${TABLE_BORDERS}<w:tblLayout w:type="fixed"/>${TABLE_CELL_MARGINS}</w:tblPr>` +
    `<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>` +
    '<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="480" w:hRule="atLeast"/><w:tblHeader/></w:trPr>' +
    t.columns
      .map((c, i) => cell(headerLines(c.label, widths[i]).join('\n'), STYLE.tableHeader, widths[i]))
      .join('') +
    '</w:tr>' +
    t.rows
      .map(
        (r) =>
          `<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="400" w:hRule="atLeast"/></w:trPr>${t.columns.map((_, i) => cell(r[i] ?? '', bodyStyle[i], widths[i])).join('')}</w:tr>`,
      )
      .join('') +
    '</w:tbl>'
  );
}

/**
 * Section properties: A4 (landscape for wide attachment tables), GB/T 9704 margins, the footer distance
 * that puts the page number 7 mm under the text block, and the 22-line grid on body pages.
 */
function sectPr(refs: string, landscape: boolean, newPage: boolean, grid: boolean): string {
  const [w, h] = landscape ? [PAGE.height, PAGE.width] : [PAGE.width, PAGE.height];
  const m = PAGE.margin;
  return (
    `<w:sectPr>${refs}${newPage ? '<w:type w:val="nextPage"/>' : ''}` +
    `<w:pgSz w:w="${w}" w:h="${h}"${landscape ? ' w:orient="landscape"' : ''}/>` +
    `<w:pgMar w:top="${m.top}" w:right="${m.right}" w:bottom="${m.bottom}" w:left="${m.left}" w:header="${PAGE.header}" w:footer="${FOOTER_DISTANCE}" w:gutter="0"/>` +
    `<w:pgNumType/>${grid ? `<w:docGrid w:type="lines" w:linePitch="${LINE_PITCH}"/>` : ''}</w:sectPr>`
  );
}

/** The empty paragraph after an attachment's table that carries its section's properties: 1 pt high, so
 * it never pushes a page of its own. */
const SECTION_END: Para = {
  style: STYLE.normal,
  props:
    '<w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/><w:ind w:firstLine="0"/><w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>',
};

/** word/document.xml for the blocks. Each attachment starts a new section (and page). */
export function documentXml(blocks: readonly Block[], opts: RenderOptions = {}): string {
  const refs = headerFooterRefs(!!opts.draft);
  const out: string[] = [];
  // The section being written: its paragraphs, then (in an attachment) its table.
  let paras: Para[] = [];
  let table = '';
  let landscape = false;
  let first = true;
  let figures = 0;
  const flush = (last: boolean) => {
    const props = sectPr(refs, landscape, !first, first);
    // A section's properties ride on its last paragraph (an empty one after a table); the document's
    // last section's are the body's own.
    if (last) out.push(...paras.map((x) => paraXml(x)), table, props);
    else if (table) out.push(...paras.map((x) => paraXml(x)), table, paraXml(SECTION_END, props));
    else {
      const end = paras.pop() ?? blank;
      out.push(...paras.map((x) => paraXml(x)), paraXml(end, props));
    }
    paras = [];
    table = '';
    first = false;
  };
  for (const b of blocks) {
    if (b.kind === 'appendix') {
      flush(false);
      landscape = !!b.table.landscape;
      // GB/T 9704 8: "附件" on line 1, the attachment's title centred on line 3, then the table.
      paras = [{ style: STYLE.appendixLabel, runs: run(b.label) }, blank, titlePara([b.title]), blank];
      table = tableXml(b.table, pageContentWidth(landscape));
    } else {
      if (table) {
        // Body text after an attachment's table stays in that section.
        out.push(...paras.map((x) => paraXml(x)), table);
        paras = [];
        table = '';
      }
      paras.push(...(b.kind === 'figure' ? figureParas(b, ++figures) : blockParas(b)));
    }
  }
  flush(true);
  return `${XML_DECL}<w:document xmlns:w="${W_NS}" xmlns:r="${R_NS}" xmlns:wp="${WP_NS}"><w:body>${out.join('')}</w:body></w:document>`;
}

/** The fixed parts, deflated once per process (two sets: with and without the draft header). */
const fixedParts = new Map<boolean, ZipEntry[]>();

function fixed(draft: boolean): ZipEntry[] {
  let parts = fixedParts.get(draft);
  if (!parts) {
    const word = wordParts(draft);
    parts = [
      deflatedEntry('[Content_Types].xml', contentTypesXml(word)),
      deflatedEntry('_rels/.rels', packageRelsXml()),
      deflatedEntry('docProps/app.xml', appXml()),
      deflatedEntry('word/_rels/document.xml.rels', documentRelsXml(word)),
      ...word.map((w) => deflatedEntry(`word/${w.name}`, w.xml())),
    ];
    fixedParts.set(draft, parts);
  }
  return parts;
}

/** Content types and document relationships with `n` charts, deflated once per process. */
const chartPackages = new Map<string, [ZipEntry, ZipEntry]>();

function withCharts(draft: boolean, n: number): [ZipEntry, ZipEntry] {
  const key = `${draft}|${n}`;
  let entries = chartPackages.get(key);
  if (!entries) {
    const extra: ExtraPart[] = Array.from({ length: n }, (_, i) => ({
      name: chartPart(i + 1),
      rel: chartRel(i + 1),
      type: 'chart',
      contentType: CHART_CONTENT_TYPE,
    }));
    const parts = [...wordParts(draft), ...extra];
    entries = [
      deflatedEntry('[Content_Types].xml', contentTypesXml(parts)),
      deflatedEntry('word/_rels/document.xml.rels', documentRelsXml(parts)),
    ];
    chartPackages.set(key, entries);
  }
  return entries;
}

/** Blocks → .docx bytes (Node and browser). The same blocks and options give the same bytes. */
export async function blocksToDocx(blocks: readonly Block[], meta: RenderMeta): Promise<Uint8Array> {
  const draft = !!meta.draft;
  const [fixedTypes, rels, app, fixedRels, ...word] = fixed(draft);
  // Figures add a chart part each, and their relationships and content types.
  const figures = blocks.filter((b): b is FigureBlock => b.kind === 'figure');
  const [types, docRels] = figures.length ? withCharts(draft, figures.length) : [fixedTypes, fixedRels];
  const charts = figures.map((f, i) => deflatedEntry(`word/${chartPart(i + 1)}`, chartSpaceXml(f.chart)));
  return writeZip([
    types,
    rels,
    deflatedEntry('docProps/core.xml', coreXml(meta)),
    app,
    docRels,
    ...word,
    deflatedEntry('word/document.xml', documentXml(blocks, { draft })),
    ...charts,
  ]);
}
