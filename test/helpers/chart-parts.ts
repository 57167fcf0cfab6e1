// Finding the charts of a written package the way an application does: a sheet's drawing through the
// workbook's and the sheet's relationships, then each anchor's chart part; a Word document's inline
// charts through document.xml's relationships, in the order they stand in the text.
import {
  chartData,
  childElement,
  columnLetters,
  childElements,
  descendants,
  getAttr,
  NS,
  parseXmlBytes,
  relsPartOf,
  resolvePartName,
  textContent,
  unzip,
  type ChartData,
  type XmlDocument,
  type XmlElement,
} from '../../templates/src/index';

export const XDR_NS = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';
const C_NS = 'http://schemas.openxmlformats.org/drawingml/2006/chart';

export type Parts = Map<string, Uint8Array>;

export function partsOf(bytes: Uint8Array): Parts {
  return new Map(unzip(bytes).map((e) => [e.name, e.data]));
}

/** The target of a part's relationship, by id or (without one) by type. */
function relTarget(parts: Parts, part: string, id: string | undefined, type?: string): string | null {
  const bytes = parts.get(relsPartOf(part));
  if (!bytes) return null;
  const r = childElements(parseXmlBytes(bytes).root).find((x) =>
    id !== undefined ? getAttr(x, 'Id') === id : getAttr(x, 'Type')!.endsWith(`/${type}`),
  );
  return r ? resolvePartName(part, getAttr(r, 'Target')!) : null;
}

/** The drawing part of a sheet (by name) and its tree; null when the sheet has none. */
export function sheetDrawing(parts: Parts, sheet: string): { name: string; doc: XmlDocument } | null {
  const wbPart = relTarget(parts, '', undefined, 'officeDocument') ?? 'xl/workbook.xml';
  const wb = parseXmlBytes(parts.get(wbPart)!).root;
  const s = childElements(childElement(wb, NS.main, 'sheets')!).find((x) => getAttr(x, 'name') === sheet);
  if (!s) throw new Error(`no sheet ${sheet}`);
  const sheetPart = relTarget(parts, wbPart, getAttr(s, 'id', NS.r))!;
  const drawingEl = childElement(parseXmlBytes(parts.get(sheetPart)!).root, NS.main, 'drawing');
  if (!drawingEl) return null;
  const name = relTarget(parts, sheetPart, getAttr(drawingEl, 'id', NS.r))!;
  return { name, doc: parseXmlBytes(parts.get(name)!) };
}

/** The anchors of a drawing in order: the chart part each shows, or null (a picture, a shape). */
export function anchoredCharts(parts: Parts, drawing: { name: string; doc: XmlDocument }): (string | null)[] {
  return childElements(drawing.doc.root)
    .filter((e) => e.ns === XDR_NS && e.local.endsWith('Anchor'))
    .map((anchor) => {
      const ref = descendants(anchor, C_NS, 'chart')[0];
      return ref ? relTarget(parts, drawing.name, getAttr(ref, 'id', NS.r)) : null;
    });
}

/** The anchor cells of each chart on a sheet ("J4:Q18") with its data, in the drawing's order. */
export function sheetCharts(
  parts: Parts,
  sheet: string,
): { part: string; anchor: string; data: ChartData }[] {
  const drawing = sheetDrawing(parts, sheet);
  if (!drawing) return [];
  const anchors = childElements(drawing.doc.root).filter(
    (e) => e.ns === XDR_NS && e.local === 'twoCellAnchor',
  );
  // Our anchors end at the far edge of their last cell: the next cell's corner, offsets 0.
  const cell = (m: XmlElement | null, back: number) => {
    const n = (k: string) => Number(textContent(childElement(m!, XDR_NS, k)!)) - back;
    return `${columnLetters(n('col'))}${n('row') + 1}`;
  };
  const out: { part: string; anchor: string; data: ChartData }[] = [];
  for (const a of anchors) {
    const ref = descendants(a, C_NS, 'chart')[0];
    if (!ref) continue;
    const part = relTarget(parts, drawing.name, getAttr(ref, 'id', NS.r))!;
    out.push({
      part,
      anchor: `${cell(childElement(a, XDR_NS, 'from'), 0)}:${cell(childElement(a, XDR_NS, 'to'), 1)}`,
      data: chartData(parseXmlBytes(parts.get(part)!)),
    });
  }
  return out;
}

/** The charts inline in a Word document, in text order: their parts and data. */
export function docxCharts(parts: Parts): { part: string; data: ChartData }[] {
  const doc = parseXmlBytes(parts.get('word/document.xml')!).root;
  return descendants(doc, C_NS, 'chart').map((ref) => {
    const part = relTarget(parts, 'word/document.xml', getAttr(ref, 'id', NS.r))!;
    return { part, data: chartData(parseXmlBytes(parts.get(part)!)) };
  });
}
