// The return copy at the XML level (fast path): the original package is kept part for part; only
// styles.xml (two fills and the cell formats that use them), the sheets with offending cells (their
// style index), their comments and VML shapes, and a new 校验结果 sheet are written. Everything else —
// drop-down lists, protection, print settings — stays exactly as the unit had it. Any surprise in the
// package makes it throw; the caller then falls back to the exceljs path.
import JSZip from 'jszip';
import {
  columnLetters,
  parseA1,
  xmlAttr,
  xmlEscape,
  xmlUnescape,
  type Issue,
} from '../../../templates/src/index';
import { RETURN_COLUMNS, SEVERITY_LABEL, SHEETS } from './labels';

/** Fill colours of offending cells in a return copy (both paths). */
export const FILL_ERROR = 'FFFFC7CE';
export const FILL_WARNING = 'FFFFEB9C';
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_BASE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
/** One row of the 校验结果 sheet (RETURN_COLUMNS), for the n-th issue (0-based). */
export function returnIssueRow(is: Issue, n: number): (string | number)[] {
  return [
    n + 1,
    SEVERITY_LABEL[is.severity],
    is.sheet ?? '',
    is.cell ?? '',
    is.field ?? '',
    is.value ?? '',
    is.message,
  ];
}

/** The comment on an offending cell: one "【错误】…" line per issue of that cell. */
export function returnCellNote(list: readonly Issue[]): string {
  return list.map((i) => `【${SEVERITY_LABEL[i.severity]}】${i.message}`).join('\n');
}

const CT_SHEET = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const CT_COMMENTS = 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml';
const CT_VML = 'application/vnd.openxmlformats-officedocument.vmlDrawing';

/** Resolves a relationship target against the folder of the part that owns the rels. */
function resolveTarget(fromPart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = fromPart.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

function relsPathOf(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i)}/_rels/${part.slice(i + 1)}.rels`;
}

async function text(zip: JSZip, name: string): Promise<string> {
  const f = zip.file(name);
  if (!f) throw new Error(`missing part ${name}`);
  return f.async('string');
}

function nextRelId(rels: string): string {
  let max = 0;
  for (const m of rels.matchAll(/\sId="rId(\d+)"/g)) max = Math.max(max, Number(m[1]));
  return `rId${max + 1}`;
}

function addRel(rels: string, id: string, type: string, target: string): string {
  return rels.replace(
    '</Relationships>',
    `<Relationship Id="${id}" Type="${REL_BASE}/${type}" Target="${target}"/></Relationships>`,
  );
}

/** Sets the style index of cell `ref` in the sheet XML, creating the cell (and row) when absent. */
function setCellStyle(xml: string, ref: string, styleOf: (old: number) => number): string {
  const { row } = parseA1(ref);
  const r = row + 1;
  const cellRe = new RegExp(`<c r="${ref}"(?=[\\s/>])[^>]*?(/?)>`);
  const m = cellRe.exec(xml);
  if (m) {
    const tag = m[0];
    const old = Number(xmlAttr(tag, 's') ?? 0);
    const s = styleOf(old);
    const next =
      xmlAttr(tag, 's') !== null
        ? tag.replace(/\ss="\d+"/, ` s="${s}"`)
        : tag.replace(`<c r="${ref}"`, `<c r="${ref}" s="${s}"`);
    return xml.slice(0, m.index) + next + xml.slice(m.index + tag.length);
  }
  const newCell = `<c r="${ref}" s="${styleOf(0)}"/>`;
  const col = parseA1(ref).col;
  const rowRe = new RegExp(`<row r="${r}"(?=[\\s/>])[^>]*?(/?)>`);
  const rm = rowRe.exec(xml);
  if (rm) {
    if (rm[1] === '/') {
      const open = rm[0].replace(/\/>$/, '>');
      return xml.slice(0, rm.index) + open + newCell + '</row>' + xml.slice(rm.index + rm[0].length);
    }
    const start = rm.index + rm[0].length;
    const end = xml.indexOf('</row>', start);
    const body = xml.slice(start, end);
    // Insert before the first cell to the right.
    let at = body.length;
    for (const cm of body.matchAll(/<c r="([A-Z]+)\d+"/g)) {
      if (parseA1(`${cm[1]}1`).col > col) {
        at = cm.index!;
        break;
      }
    }
    return xml.slice(0, start) + body.slice(0, at) + newCell + body.slice(at) + xml.slice(end);
  }
  // No such row: insert a new one in order.
  const newRow = `<row r="${r}">${newCell}</row>`;
  if (/<sheetData\s*\/>/.test(xml))
    return xml.replace(/<sheetData\s*\/>/, `<sheetData>${newRow}</sheetData>`);
  const sdStart = xml.indexOf('<sheetData');
  const sdEnd = xml.indexOf('</sheetData>');
  if (sdStart < 0 || sdEnd < 0) throw new Error('no sheetData');
  let at = sdEnd;
  const re = /<row r="(\d+)"/g;
  re.lastIndex = sdStart;
  for (let rr = re.exec(xml); rr && rr.index < sdEnd; rr = re.exec(xml)) {
    if (Number(rr[1]) > r) {
      at = rr.index;
      break;
    }
  }
  return xml.slice(0, at) + newRow + xml.slice(at);
}

/**
 * Where to insert an element into worksheet XML: before the first of `followers` (the elements that
 * follow it in CT_Worksheet) found at or after `from`, else before </worksheet>; -1 if there is neither.
 */
export function insertionPoint(xml: string, followers: readonly string[], from: number): number {
  let at = -1;
  for (const t of followers) {
    const re = new RegExp(`<${t}\\b`, 'g');
    re.lastIndex = from;
    const i = re.exec(xml)?.index ?? -1;
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  return at < 0 ? xml.lastIndexOf('</worksheet>') : at;
}

/** The child elements of CT_Worksheet from dataValidations on, in schema order. */
const WORKSHEET_TAIL = [
  'dataValidations',
  'hyperlinks',
  'printOptions',
  'pageMargins',
  'pageSetup',
  'headerFooter',
  'rowBreaks',
  'colBreaks',
  'customProperties',
  'cellWatches',
  'ignoredErrors',
  'smartTags',
  'drawing',
  'legacyDrawing',
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
] as const;

/** The elements that follow `element` in CT_Worksheet. */
export function followersOf(element: (typeof WORKSHEET_TAIL)[number]): readonly string[] {
  return WORKSHEET_TAIL.slice(WORKSHEET_TAIL.indexOf(element) + 1);
}

const AFTER_LEGACY = followersOf('legacyDrawing');

function insertLegacyDrawing(xml: string, rid: string): string {
  const head = xml.slice(0, xml.indexOf('>', xml.indexOf('<worksheet')));
  if (!/xmlns:r="/.test(head)) xml = xml.replace(/<worksheet\b/, `<worksheet xmlns:r="${REL_BASE}"`);
  const tag = `<legacyDrawing r:id="${rid}"/>`;
  const from = Math.max(
    xml.indexOf('</sheetData>'),
    xml.lastIndexOf('</conditionalFormatting>'),
    xml.lastIndexOf('</dataValidations>'),
    0,
  );
  const at = insertionPoint(xml, AFTER_LEGACY, from);
  return xml.slice(0, at) + tag + xml.slice(at);
}

function vmlShape(id: number, row: number, col: number): string {
  return (
    `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute; margin-left:105.3pt;margin-top:10.5pt;width:180pt;height:80pt;z-index:${id};visibility:hidden" fillcolor="infoBackground [80]" strokecolor="none [81]" o:insetmode="auto">` +
    '<v:fill color2="infoBackground [80]"/><v:shadow color="none [81]" obscured="t"/><v:path o:connecttype="none"/>' +
    '<v:textbox style="mso-direction-alt:auto" inset="1.3mm,1.3mm,2.5mm,2.5mm"><div style="text-align:left"/></v:textbox>' +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${col + 1}, 6, ${row}, 14, ${col + 4}, 2, ${row + 5}, 16</x:Anchor>` +
    `<x:Locked>True</x:Locked><x:AutoFill>False</x:AutoFill><x:LockText>True</x:LockText><x:Row>${row}</x:Row><x:Column>${col}</x:Column></x:ClientData></v:shape>`
  );
}

const VML_HEAD =
  '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
  '<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="{N}"/></o:shapelayout>' +
  '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>';

function commentXml(ref: string, body: string): string {
  return `<comment ref="${ref}" authorId="0"><text><r><t xml:space="preserve">${xmlEscape(body)}</t></r></text></comment>`;
}

export async function buildReturnCopyXml(
  original: Uint8Array,
  issues: readonly Issue[],
): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(original);
  const wbPath = 'xl/workbook.xml';
  const wbRelsPath = 'xl/_rels/workbook.xml.rels';
  let wbXml = await text(zip, wbPath);
  let wbRels = await text(zip, wbRelsPath);
  let ct = await text(zip, '[Content_Types].xml');
  let styles = await text(zip, 'xl/styles.xml');

  // sheet name → part
  const targets = new Map<string, string>();
  for (const m of wbRels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = xmlAttr(m[0], 'Id');
    const target = xmlAttr(m[0], 'Target');
    if (id && target) targets.set(id, resolveTarget(wbPath, target));
  }
  const sheetPart = new Map<string, string>();
  let maxSheetId = 0;
  for (const m of wbXml.matchAll(/<sheet\b[^>]*>/g)) {
    const name = xmlAttr(m[0], 'name');
    const rid = xmlAttr(m[0], 'r:id');
    maxSheetId = Math.max(maxSheetId, Number(xmlAttr(m[0], 'sheetId') ?? 0));
    if (name !== null && rid && targets.has(rid)) sheetPart.set(xmlUnescape(name), targets.get(rid)!);
  }
  if (sheetPart.has(SHEETS.returnIssues)) throw new Error('copy already has an issue sheet');

  // Group issues by sheet and cell.
  const bySheet = new Map<string, Map<string, Issue[]>>();
  for (const is of issues) {
    if (!is.sheet || !is.cell || !sheetPart.has(is.sheet)) continue;
    try {
      parseA1(is.cell);
    } catch {
      continue;
    }
    const ref = is.cell.replace(/\$/g, '').toUpperCase();
    const cells = bySheet.get(is.sheet) ?? new Map<string, Issue[]>();
    const list = cells.get(ref) ?? [];
    list.push(is);
    cells.set(ref, list);
    bySheet.set(is.sheet, cells);
  }

  // styles: two fills, and per (old style, severity) a copy of the cell format with that fill.
  const fillsM = /<fills count="(\d+)"[^>]*>([\s\S]*?)<\/fills>/.exec(styles);
  const xfsM = /<cellXfs count="(\d+)"[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles);
  if (!fillsM || !xfsM) throw new Error('unexpected styles.xml');
  const fillBase = Number(fillsM[1]);
  const newFills = [FILL_ERROR, FILL_WARNING]
    .map(
      (c) =>
        `<fill><patternFill patternType="solid"><fgColor rgb="${c}"/><bgColor indexed="64"/></patternFill></fill>`,
    )
    .join('');
  const xfs = [...xfsM[2].matchAll(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)].map((m) => m[0]);
  if (xfs.length !== Number(xfsM[1])) throw new Error('cellXfs count mismatch');
  const added: string[] = [];
  const styleMap = new Map<string, number>();
  const styleFor = (old: number, error: boolean): number => {
    const key = `${old}:${error ? 'e' : 'w'}`;
    let s = styleMap.get(key);
    if (s === undefined) {
      const src = xfs[old] ?? xfs[0];
      const fillId = fillBase + (error ? 0 : 1);
      let xf = /\sfillId="\d+"/.test(src)
        ? src.replace(/\sfillId="\d+"/, ` fillId="${fillId}"`)
        : src.replace('<xf', `<xf fillId="${fillId}"`);
      xf = /\sapplyFill="[^"]*"/.test(xf)
        ? xf.replace(/\sapplyFill="[^"]*"/, ' applyFill="1"')
        : xf.replace('<xf', '<xf applyFill="1"');
      s = xfs.length + added.length;
      added.push(xf);
      styleMap.set(key, s);
    }
    return s;
  };

  let commentsSeq = 1000;
  for (const [sheetName, cells] of bySheet) {
    const part = sheetPart.get(sheetName)!;
    let xml = await text(zip, part);
    if (!xml.includes('<worksheet') || !xml.includes('<sheetData')) throw new Error('unexpected sheet XML');
    for (const [ref, list] of cells) {
      const error = list.some((i) => i.severity === 'error');
      xml = setCellStyle(xml, ref, (old) => styleFor(old, error));
    }
    // Comments: reuse the sheet's comments part when it has one.
    const relsPath = relsPathOf(part);
    let rels = zip.file(relsPath)
      ? await text(zip, relsPath)
      : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
    let commentsPart: string | null = null;
    let vmlPart: string | null = null;
    for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
      const type = xmlAttr(m[0], 'Type') ?? '';
      const target = xmlAttr(m[0], 'Target');
      if (!target) continue;
      if (type.endsWith('/comments')) commentsPart = resolveTarget(part, target);
      if (type.endsWith('/vmlDrawing')) vmlPart = resolveTarget(part, target);
    }
    if (!!commentsPart !== !!vmlPart) throw new Error('comments without VML');
    let comments: string;
    let vml: string;
    if (commentsPart && vmlPart) {
      comments = await text(zip, commentsPart);
      vml = await text(zip, vmlPart);
    } else {
      // Conventional part names (some readers only recognise xl/commentsN.xml), N not yet used.
      let n = ++commentsSeq - 999;
      while (zip.file(`xl/comments${n}.xml`) || zip.file(`xl/drawings/vmlDrawing${n}.vml`)) n++;
      commentsPart = `xl/comments${n}.xml`;
      vmlPart = `xl/drawings/vmlDrawing${n}.vml`;
      comments = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="${NS_MAIN}"><authors><author>研判</author></authors><commentList></commentList></comments>`;
      vml = `${VML_HEAD.replace('{N}', String(n))}</xml>`;
      const cid = nextRelId(rels);
      rels = addRel(rels, cid, 'comments', `../${commentsPart.slice(3)}`);
      const vid = nextRelId(rels);
      rels = addRel(rels, vid, 'vmlDrawing', `../${vmlPart.slice(3)}`);
      if (/<legacyDrawing\b/.test(xml)) throw new Error('legacyDrawing without rels');
      xml = insertLegacyDrawing(xml, vid);
      ct = ct.replace(
        '</Types>',
        `<Override PartName="/${commentsPart}" ContentType="${CT_COMMENTS}"/></Types>`,
      );
      if (!/Extension="vml"/i.test(ct))
        ct = ct.replace('</Types>', `<Default Extension="vml" ContentType="${CT_VML}"/></Types>`);
    }
    if (!/<commentList\s*\/>|<commentList>/.test(comments) && !comments.includes('<commentList'))
      throw new Error('unexpected comments part');
    comments = comments.replace(/<commentList\s*\/>/, '<commentList></commentList>');
    // Shape ids continue the VML's own block (o:idmap data="N" → ids from 1024·N + 1).
    const idmap = Number(/<o:idmap[^>]*data="(\d+)/.exec(vml)?.[1] ?? 1);
    let shapeId = 1024 * idmap + 1;
    for (const m of vml.matchAll(/_x0000_s(\d+)/g)) shapeId = Math.max(shapeId, Number(m[1]) + 1);
    for (const [ref, list] of cells) {
      const body = returnCellNote(list);
      const existing = new RegExp(`<comment ref="${ref}"[^>]*>[\\s\\S]*?</comment>`);
      if (existing.test(comments)) {
        comments = comments.replace(existing, commentXml(ref, body)); // its VML shape stays
      } else {
        comments = comments.replace('</commentList>', `${commentXml(ref, body)}</commentList>`);
        const { row, col } = parseA1(ref);
        vml = vml.replace(/<\/xml>\s*$/, `${vmlShape(shapeId++, row, col)}</xml>`);
      }
    }
    zip.file(part, xml);
    zip.file(relsPath, rels);
    zip.file(commentsPart, comments);
    zip.file(vmlPart, vml);
  }

  if (added.length) {
    styles = styles
      .replace(
        fillsM[0],
        fillsM[0]
          .replace(`<fills count="${fillBase}"`, `<fills count="${fillBase + 2}"`)
          .replace('</fills>', `${newFills}</fills>`),
      )
      .replace(/<cellXfs count="\d+"/, `<cellXfs count="${xfs.length + added.length}"`)
      .replace('</cellXfs>', `${added.join('')}</cellXfs>`);
  }

  // 校验结果 sheet (inline strings: unit text can never become a formula).
  const cell = (r: number, c: number, v: string | number, s?: number) =>
    typeof v === 'number'
      ? `<c r="${columnLetters(c)}${r}"${s ? ` s="${s}"` : ''}><v>${v}</v></c>`
      : `<c r="${columnLetters(c)}${r}"${s ? ` s="${s}"` : ''} t="inlineStr"><is><t xml:space="preserve">${xmlEscape(v)}</t></is></c>`;
  const rows: string[] = [`<row r="1">${RETURN_COLUMNS.map((h, c) => cell(1, c, h)).join('')}</row>`];
  issues.forEach((is, n) => {
    const r = n + 2;
    rows.push(
      `<row r="${r}">${returnIssueRow(is, n)
        .map((v, c) => cell(r, c, v))
        .join('')}</row>`,
    );
  });
  const widths = [6, 10, 14, 10, 24, 24, 80];
  const sheetXml =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS_MAIN}" xmlns:r="${REL_BASE}">` +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
    `<sheetFormatPr defaultRowHeight="15"/><cols>${widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>` +
    `<sheetData>${rows.join('')}</sheetData>` +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>';
  let n = 1;
  while (zip.file(`xl/worksheets/sheet${n}.xml`)) n++;
  const newPart = `xl/worksheets/sheet${n}.xml`;
  zip.file(newPart, sheetXml);
  const rid = nextRelId(wbRels);
  wbRels = addRel(wbRels, rid, 'worksheet', `worksheets/sheet${n}.xml`);
  wbXml = wbXml.replace(
    '</sheets>',
    `<sheet name="${SHEETS.returnIssues}" sheetId="${maxSheetId + 1}" r:id="${rid}"/></sheets>`,
  );
  ct = ct.replace('</Types>', `<Override PartName="/${newPart}" ContentType="${CT_SHEET}"/></Types>`);
  zip.file(wbPath, wbXml);
  zip.file(wbRelsPath, wbRels);
  zip.file('[Content_Types].xml', ct);
  zip.file('xl/styles.xml', styles);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
