// The copy of a unit's workbook that goes back for correction: each offending cell highlighted and
// commented, plus a 校验结果 sheet listing every issue. The original bytes are never modified.
//
// The workbook is loaded with exceljs while skipping data validations (exceljs expands every validation
// range cell by cell, which a hostile file can abuse). The validations (drop-down lists) of the original
// are then copied back into the new file at the XML level, so the returned copy keeps its drop-downs.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { parseA1, xmlUnescape, type Issue } from '../../../templates/src/index';
import { RETURN_COLUMNS, SHEETS } from './labels';
import {
  FILL_ERROR,
  FILL_WARNING,
  buildReturnCopyXml,
  followersOf,
  insertionPoint,
  returnCellNote,
  returnIssueRow,
} from './return-copy-xml';

export { RETURN_COLUMNS } from './labels';

/**
 * The return copy: the fast XML-level path (return-copy-xml.ts) keeps every part of the original it does
 * not need to change; if the package surprises it, the exceljs path below builds the copy instead.
 */
export async function buildReturnCopy(original: Uint8Array, issues: readonly Issue[]): Promise<Uint8Array> {
  try {
    return await buildReturnCopyXml(original, issues);
  } catch {
    return buildReturnCopyExceljs(original, issues);
  }
}

export async function buildReturnCopyExceljs(
  original: Uint8Array,
  issues: readonly Issue[],
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(original) as any, { ignoreNodes: ['dataValidations'] } as any);

  // Group cell issues so a cell with two problems gets one note listing both.
  const byCell = new Map<string, Issue[]>();
  for (const is of issues) {
    if (!is.sheet || !is.cell) continue;
    const key = `${is.sheet}\u0000${is.cell}`;
    const list = byCell.get(key) ?? [];
    list.push(is);
    byCell.set(key, list);
  }
  for (const [key, list] of byCell) {
    const [sheetName, cellAddr] = key.split('\u0000');
    const ws = wb.getWorksheet(sheetName);
    if (!ws) continue;
    try {
      parseA1(cellAddr);
    } catch {
      continue;
    }
    const cell = ws.getCell(cellAddr);
    const hasError = list.some((i) => i.severity === 'error');
    // Assign a fresh style object: cells loaded from the same style id may share one.
    cell.style = {
      ...cell.style,
      fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: hasError ? FILL_ERROR : FILL_WARNING } },
    };
    const text = returnCellNote(list);
    cell.note = { texts: [{ text }] } as any;
  }

  const existing = wb.getWorksheet(SHEETS.returnIssues);
  if (existing) wb.removeWorksheet(existing.id);
  const sheet = wb.addWorksheet(SHEETS.returnIssues);
  sheet.columns = [
    { width: 6 },
    { width: 10 },
    { width: 14 },
    { width: 10 },
    { width: 24 },
    { width: 24 },
    { width: 70 },
  ];
  const header = sheet.addRow([...RETURN_COLUMNS]);
  header.font = { bold: true };
  issues.forEach((is, n) => {
    const row = sheet.addRow(returnIssueRow(is, n));
    row.getCell(7).alignment = { wrapText: true, vertical: 'top' };
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  // Open on the issue list.
  wb.views = [{ activeTab: wb.worksheets.indexOf(sheet) } as any];

  const written = new Uint8Array(await wb.xlsx.writeBuffer());
  try {
    return await restoreValidations(original, written);
  } catch {
    return written; // the copy without drop-downs is still a useful copy
  }
}

// ---- data validations: copy the <dataValidations> element of each original sheet into the new file ----

const VALIDATIONS_RE = /<(?:\w+:)?dataValidations\b[\s\S]*?<\/(?:\w+:)?dataValidations>/;
/** Elements that follow dataValidations in CT_Worksheet; the copy is inserted before the first present. */
const AFTER_VALIDATIONS = followersOf('dataValidations');
/** A sane bound: the standard template's validations are a few kB. */
const MAX_VALIDATIONS_XML = 200_000;

async function sheetPathsByName(zip: JSZip): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const wbXml = await zip.file('xl/workbook.xml')?.async('string');
  const relsXml = await zip.file('xl/_rels/workbook.xml.rels')?.async('string');
  if (!wbXml || !relsXml) return out;
  const targets = new Map<string, string>();
  for (const m of relsXml.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]+)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.replace(/^\/?xl\//, '').replace(/^\//, ''));
  }
  for (const m of wbXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const rid = /\br:id="([^"]+)"/.exec(m[0])?.[1];
    if (name === undefined || !rid) continue;
    const t = targets.get(rid);
    if (t) out.set(xmlUnescape(name), `xl/${t}`);
  }
  return out;
}

async function restoreValidations(original: Uint8Array, written: Uint8Array): Promise<Uint8Array> {
  const src = await JSZip.loadAsync(original);
  const dst = await JSZip.loadAsync(written);
  const srcSheets = await sheetPathsByName(src);
  const dstSheets = await sheetPathsByName(dst);
  let changed = false;
  for (const [name, srcPath] of srcSheets) {
    const dstPath = dstSheets.get(name);
    const srcFile = src.file(srcPath);
    const dstFile = dst.file(dstPath ?? '');
    if (!dstPath || !srcFile || !dstFile) continue;
    const srcXml = await srcFile.async('string');
    const m = VALIDATIONS_RE.exec(srcXml);
    if (!m || m[0].length > MAX_VALIDATIONS_XML) continue;
    // Drop a namespace prefix, if any: the new sheet uses the default namespace.
    const block = m[0].replace(/<(\/?)\w+:(dataValidations?|formula1|formula2)\b/g, '<$1$2');
    let xml = await dstFile.async('string');
    if (VALIDATIONS_RE.test(xml)) continue;
    // Search only after the cell data and conditional formats (an extLst may sit inside a cfRule).
    const from = Math.max(xml.indexOf('</sheetData>'), xml.lastIndexOf('</conditionalFormatting>'), 0);
    const at = insertionPoint(xml, AFTER_VALIDATIONS, from);
    if (at < 0) continue;
    xml = xml.slice(0, at) + block + xml.slice(at);
    dst.file(dstPath, xml);
    changed = true;
  }
  if (!changed) return written;
  return dst.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}
