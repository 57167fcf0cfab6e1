// Reading a written workbook's parts by sheet name (sheet part numbers follow the writing order, not the tabs).
import type JSZip from 'jszip';
import { childElements, getAttr, parseXml, resolvePartName } from '../../templates/src/index';

/** The XML of the sheet named `name`. */
export async function sheetXml(zip: JSZip, name: string): Promise<string> {
  const wb = parseXml(await zip.file('xl/workbook.xml')!.async('string')).root;
  const sheets = childElements(wb).find((e) => e.local === 'sheets')!;
  const sheet = childElements(sheets).find((s) => getAttr(s, 'name') === name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  const rid = sheet.attrs.find((a) => a.name.endsWith(':id'))!.value;
  const rels = parseXml(await zip.file('xl/_rels/workbook.xml.rels')!.async('string')).root;
  const rel = childElements(rels).find((r) => getAttr(r, 'Id') === rid)!;
  return zip.file(resolvePartName('xl/workbook.xml', getAttr(rel, 'Target')!))!.async('string');
}
