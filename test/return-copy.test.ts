// The 退回修改 copy (importer/src/import/return-copy.ts) on workbooks from every writer we can run here:
// our template filled by fillWorkbook, the same re-saved by LibreOffice, openpyxl (inline strings,
// namespaces declared on elements, its own comments and VML), xlsxwriter, exceljs, and packages written
// the way Excel writes them (mc:Ignorable, xr:uid, x14ac, a selected second tab, sheet-local names) and a
// Strict one with a prefixed main namespace. Each copy must parse with a strict XML parser (xmllint), load
// in openpyxl, open in LibreOffice, carry our comment and fill on exactly the flagged cells, and open on
// a styled, printable 校验结果 sheet with links to the cells.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildReturnCopy,
  returnCellNote,
  FILL_ERROR,
  FILL_WARNING,
} from '../importer/src/import/return-copy';
import { RETURN_COLUMNS, SHEETS } from '../importer/src/import/labels';
import { returnCopyName } from '../importer/src/import/outputs';
import { zlibInflateRaw } from '../importer/src/worker';
import {
  NS,
  childElement,
  childElements,
  decodeXmlBytes,
  descendants,
  getAttr,
  parseXml,
  relType,
  textContent,
  type XmlElement,
} from '../templates/src/ooxml/xml';
import { ZipReader, unzip } from '../templates/src/ooxml/zip';
import { parseA1 } from '../templates/src/xlsx/grid';
import { readWorkbook, relsPartOf, resolvePartName } from '../templates/src/xlsx/reader';
import { checkWorkbookBytes } from '../templates/src/check/check-bytes';
import { definition } from '../templates/src/standard/ideology';
import { fillWorkbook } from '../templates/src/template/fill';
import type { Issue } from '../templates/src/standard/schema';
import { sampleFillInput } from './helpers/sample-fill';
import { workbookParts, zipParts } from './helpers/ooxml-build';
import { has, sofficeConvert, tempDir } from './helpers/tools';

const PY = '/usr/bin/python3';
const AS_OF = '2023-10-15';
const t = tempDir('yanpan-return-');
afterAll(() => {
  if (!process.env.YANPAN_KEEP_TEST_DIR) t.cleanup();
});

// ---------------------------------------------------------------------------------------------------
// Reading a copy back through the XML layer

interface CopyView {
  /** Sheet names in tab order. */
  sheets: string[];
  activeTab: number;
  /** Sheets whose tab is selected. */
  selected: string[];
  /** sheet → cell → comment text. */
  comments: Map<string, Map<string, string>>;
  /** sheet → cell → fill rgb of the cell's format (solid fills only). */
  fills: Map<string, Map<string, string>>;
  parts: Map<string, Uint8Array>;
  definedNames: { name: string; localSheetId?: string; text: string }[];
  issueSheet: XmlElement;
}

function readCopy(bytes: Uint8Array): CopyView {
  const parts = new Map(unzip(bytes).map((p) => [p.name, p.data]));
  const xml = (name: string) => parseXml(decodeXmlBytes(parts.get(name)!)).root;
  const rels = (part: string) => {
    const out = new Map<string, { type: string; target: string }>();
    if (!parts.has(relsPartOf(part))) return out;
    for (const r of childElements(xml(relsPartOf(part))))
      out.set(getAttr(r, 'Id')!, {
        type: relType(getAttr(r, 'Type')!),
        target: resolvePartName(part, getAttr(r, 'Target')!),
      });
    return out;
  };
  const main = [...rels('').values()].find((r) => r.type === 'officeDocument')!.target;
  const wb = xml(main);
  const wbRels = rels(main);
  const stylesRoot = xml([...wbRels.values()].find((r) => r.type === 'styles')!.target);
  const fills = childElements(childElement(stylesRoot, NS.main, 'fills')!, NS.main, 'fill').map((f) => {
    const p = childElement(f, NS.main, 'patternFill');
    const fg = p && childElement(p, NS.main, 'fgColor');
    return p && getAttr(p, 'patternType') === 'solid' && fg ? (getAttr(fg, 'rgb') ?? '') : '';
  });
  const xfs = childElements(childElement(stylesRoot, NS.main, 'cellXfs')!, NS.main, 'xf');
  const view: CopyView = {
    sheets: [],
    activeTab: Number(getAttr(descendants(wb, NS.main, 'workbookView')[0] ?? wb, 'activeTab') ?? 0),
    selected: [],
    comments: new Map(),
    fills: new Map(),
    parts,
    definedNames: descendants(wb, NS.main, 'definedName').map((d) => ({
      name: getAttr(d, 'name')!,
      localSheetId: getAttr(d, 'localSheetId'),
      text: textContent(d),
    })),
    issueSheet: wb,
  };
  for (const s of descendants(wb, NS.main, 'sheet')) {
    const name = getAttr(s, 'name')!;
    view.sheets.push(name);
    const part = wbRels.get(getAttr(s, 'id', NS.r)!)!.target;
    const ws = xml(part);
    if (name === SHEETS.returnIssues) view.issueSheet = ws;
    if (
      descendants(ws, NS.main, 'sheetView').some((v) =>
        ['1', 'true'].includes(getAttr(v, 'tabSelected') ?? ''),
      )
    )
      view.selected.push(name);
    const cellFills = new Map<string, string>();
    for (const c of descendants(ws, NS.main, 'c')) {
      const fill = fills[Number(getAttr(xfs[Number(getAttr(c, 's') ?? 0)], 'fillId') ?? 0)];
      if (fill) cellFills.set(getAttr(c, 'r')!, fill);
    }
    view.fills.set(name, cellFills);
    const sheetRels = rels(part);
    const comments = new Map<string, string>();
    const c = [...sheetRels.values()].find((r) => r.type === 'comments');
    if (c)
      for (const cm of descendants(xml(c.target), NS.main, 'comment'))
        comments.set(getAttr(cm, 'ref')!, textContent(childElement(cm, NS.main, 'text')!));
    view.comments.set(name, comments);
  }
  return view;
}

/** Issues on cells: flagged cell → the note we expect there. */
function expectedNotes(issues: Issue[], sheets: string[]): Map<string, string> {
  const byCell = new Map<string, Issue[]>();
  for (const is of issues) {
    if (!is.sheet || !is.cell || !sheets.includes(is.sheet) || parseA1(is.cell).col >= 16_384) continue;
    const k = `${is.sheet}!${is.cell}`;
    byCell.set(k, [...(byCell.get(k) ?? []), is]);
  }
  return new Map([...byCell].map(([k, list]) => [k, returnCellNote(list)]));
}

const issue = (
  severity: Issue['severity'],
  sheet: string | null,
  cell: string | null,
  message: string,
  extra: Partial<Issue> = {},
): Issue => ({ severity, rule: 'test', sheet, cell, field: null, value: null, message, ...extra });

// ---------------------------------------------------------------------------------------------------
// Inputs from every writer

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

const PY_WRITERS = `
import sys, openpyxl, xlsxwriter
from openpyxl.comments import Comment
from openpyxl.worksheet.datavalidation import DataValidation
wb = openpyxl.Workbook()
ws = wb.active
ws.title = '基本信息'
ws['A1'] = '单位名称'; ws['B1'] = '市文联'; ws['A2'] = '填报人'; ws['B2'] = '张三'; ws['C5'] = 5
ws['A1'].comment = Comment('单位自己的批注', '填报人')
dv = DataValidation(type='list', formula1='"是,否"'); ws.add_data_validation(dv); dv.add('B3')
ws.protection.sheet = True
ws2 = wb.create_sheet('工作指标')
for r in range(1, 10):
    ws2.cell(r, 1, '项目%d' % r); ws2.cell(r, 5, r)
wb.save(sys.argv[1])

w = xlsxwriter.Workbook(sys.argv[2])
s = w.add_worksheet('基本信息')
s.write('A1', '单位名称'); s.write('B1', '市文联'); s.write('A2', '填报人'); s.write('C5', 5)
s.write_comment('A1', '单位自己的批注')
s.data_validation('B3', {'validate': 'list', 'source': ['是', '否']})
s.protect()
s2 = w.add_worksheet('工作指标')
for r in range(0, 9):
    s2.write(r, 0, '项目%d' % (r + 1)); s2.write(r, 4, r + 1)
w.close()
`;

/** What Excel writes: mc:Ignorable with x14ac/xr prefixes, xr:uid, spans and dyDescent, shared strings,
 * the second tab active and selected, sheet-local names, a comment with Excel's VML. */
function excelStyle(): Uint8Array {
  const ns =
    `xmlns="${MAIN}" xmlns:r="${REL}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ` +
    'mc:Ignorable="x14ac xr xr2 xr3" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" ' +
    'xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" ' +
    'xmlns:xr2="http://schemas.microsoft.com/office/spreadsheetml/2015/revision2" ' +
    'xmlns:xr3="http://schemas.microsoft.com/office/spreadsheetml/2016/revision3"';
  const sheet = (selected: boolean, rows: string, tail = '') =>
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<worksheet ${ns} xr:uid="{00000000-0001-0000-0000-000000000000}">` +
    `<dimension ref="A1:C3"/><sheetViews><sheetView ${selected ? 'tabSelected="1" ' : ''}workbookViewId="0"/></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="13.5" x14ac:dyDescent="0.15"/><cols><col min="2" max="2" width="12" style="1" customWidth="1"/></cols>` +
    `<sheetData>${rows}</sheetData><sheetProtection sheet="1" objects="1" scenarios="1"/>` +
    `<dataValidations count="1"><dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" sqref="B2:B9"><formula1>"是,否"</formula1></dataValidation></dataValidations>` +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>${tail}</worksheet>`;
  const row = (r: number, cells: string) => `<row r="${r}" spans="1:3" x14ac:dyDescent="0.15">${cells}</row>`;
  const vml =
    '<xml xmlns:v="urn:schemas-microsoft-com:vml"\r\n xmlns:o="urn:schemas-microsoft-com:office:office"\r\n xmlns:x="urn:schemas-microsoft-com:office:excel">\r\n' +
    ' <o:shapelayout v:ext="edit">\r\n  <o:idmap v:ext="edit" data="2"/>\r\n </o:shapelayout><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202"\r\n  path="m,l,21600r21600,l21600,xe">\r\n' +
    '  <v:stroke joinstyle="miter"/>\r\n  <v:path gradientshapeok="t" o:connecttype="rect"/>\r\n </v:shapetype><v:shape id="_x0000_s2049" type="#_x0000_t202" style=\'position:absolute;\r\n  margin-left:59.25pt;margin-top:1.5pt;width:108pt;height:59.25pt;z-index:1;\r\n  visibility:hidden\' fillcolor="infoBackground [80]" o:insetmode="auto">\r\n' +
    '  <v:fill color2="infoBackground [80]"/>\r\n  <v:shadow color="none [81]" obscured="t"/>\r\n  <v:path o:connecttype="none"/>\r\n  <v:textbox style=\'mso-direction-alt:auto\'>\r\n   <div style=\'text-align:left\'></div>\r\n  </v:textbox>\r\n' +
    '  <x:ClientData ObjectType="Note">\r\n   <x:MoveWithCells/>\r\n   <x:SizeWithCells/>\r\n   <x:Anchor>\r\n    2, 15, 0, 2, 4, 15, 3, 16</x:Anchor>\r\n   <x:AutoFill>False</x:AutoFill>\r\n   <x:Row>0</x:Row>\r\n   <x:Column>1</x:Column>\r\n  </x:ClientData>\r\n </v:shape></xml>';
  const parts = workbookParts({
    sheets: { 填报说明: '', 基本信息: '' },
    sharedStrings: ['单位名称', '市文联', '说明'],
  });
  parts.set(
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<workbook ${ns}><fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="27328"/>` +
      '<workbookPr defaultThemeVersion="166925"/><mc:AlternateContent><mc:Choice Requires="x15"><x15ac:absPath xmlns:x15ac="http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac" url="C:\\Users\\a\\"/></mc:Choice></mc:AlternateContent>' +
      '<xr:revisionPtr revIDLastSave="0" documentId="8_{1}" xr6:coauthVersionLast="47" xmlns:xr6="http://schemas.microsoft.com/office/spreadsheetml/2016/revision6"/>' +
      '<bookViews><workbookView xWindow="-120" yWindow="-120" windowWidth="29040" windowHeight="15840" firstSheet="1" activeTab="1" xr2:uid="{00000000-000D-0000-FFFF-FFFF00000000}"/></bookViews>' +
      `<sheets><sheet name="填报说明" sheetId="1" r:id="rId1"/><sheet name="基本信息" sheetId="2" r:id="rId2"/></sheets>` +
      '<definedNames><definedName name="_xlnm.Print_Area" localSheetId="1">基本信息!$A$1:$C$9</definedName><definedName name="_xlnm.Print_Titles" localSheetId="0">填报说明!$1:$1</definedName></definedNames>' +
      '<calcPr calcId="191029"/></workbook>',
  );
  parts.set(
    'xl/styles.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<styleSheet xmlns="${MAIN}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac x16r2 xr" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" xmlns:x16r2="http://schemas.microsoft.com/office/spreadsheetml/2015/02/main" xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision">` +
      '<fonts count="1" x14ac:knownFonts="1"><font><sz val="11"/><color theme="1"/><name val="等线"/><family val="2"/><charset val="134"/><scheme val="minor"/></font></fonts>' +
      '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"><alignment vertical="center"/></xf></cellStyleXfs>' +
      '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"><alignment vertical="center"/></xf>' +
      '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyProtection="1"><alignment vertical="center"/><protection locked="0"/></xf></cellXfs>' +
      '<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
      '<extLst><ext uri="{EB79DEF2-80B8-43e5-95BD-54CBDDF226C8}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:slicerStyles defaultSlicerStyle="SlicerStyleLight1"/></ext></extLst></styleSheet>',
  );
  parts.set('xl/worksheets/sheet1.xml', sheet(false, row(1, '<c r="A1" t="s"><v>2</v></c>')));
  parts.set(
    'xl/worksheets/sheet2.xml',
    sheet(
      true,
      row(1, '<c r="A1" t="s"><v>0</v></c><c r="B1" s="1" t="s"><v>1</v></c>') +
        row(3, '<c r="A3"><v>1</v></c><c r="C3"><v>3</v></c>'),
      '<legacyDrawing r:id="rId1"/>',
    ),
  );
  parts.set(
    'xl/worksheets/_rels/sheet2.xml.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns="${PKG}"><Relationship Id="rId2" Type="${REL}/comments" Target="../comments1.xml"/><Relationship Id="rId1" Type="${REL}/vmlDrawing" Target="../drawings/vmlDrawing1.vml"/></Relationships>`,
  );
  parts.set(
    'xl/comments1.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<comments xmlns="${MAIN}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="xr" xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision">` +
      '<authors><author>张三</author></authors><commentList><comment ref="B1" authorId="0" shapeId="0" xr:uid="{1D2A}"><text><r><rPr><b/><sz val="9"/><color indexed="81"/><rFont val="宋体"/><family val="3"/><charset val="134"/></rPr><t>张三:</t></r><r><rPr><sz val="9"/><color indexed="81"/><rFont val="宋体"/><family val="3"/><charset val="134"/></rPr><t xml:space="preserve">\n请填全称</t></r></text></comment></commentList></comments>',
  );
  parts.set('xl/drawings/vmlDrawing1.vml', vml);
  const ct = parts.get('[Content_Types].xml') as string;
  parts.set(
    '[Content_Types].xml',
    ct
      .replace(
        '<Default Extension="xml"',
        '<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/><Default Extension="xml"',
      )
      .replace(
        '</Types>',
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
          '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
          '<Override PartName="/xl/comments1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/></Types>',
      ),
  );
  return zipParts(parts);
}

/** Strict OOXML with the main namespace under a prefix (x:) and rows/cells without r. */
function strictPrefixed(): Uint8Array {
  const SM = 'http://purl.oclc.org/ooxml/spreadsheetml/main';
  const SR = 'http://purl.oclc.org/ooxml/officeDocument/relationships';
  const parts = workbookParts({ sheets: { 基本信息: '' } });
  parts.set(
    '_rels/.rels',
    `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  parts.set(
    'xl/workbook.xml',
    `<x:workbook xmlns:x="${SM}" xmlns:r="${SR}"><x:sheets><x:sheet name="基本信息" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`,
  );
  parts.set(
    'xl/_rels/workbook.xml.rels',
    `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${SR}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rIdS" Type="${SR}/styles" Target="styles.xml"/></Relationships>`,
  );
  parts.set(
    'xl/styles.xml',
    `<x:styleSheet xmlns:x="${SM}"><x:fonts count="1"><x:font><x:sz val="11"/><x:name val="宋体"/></x:font></x:fonts><x:fills count="2"><x:fill><x:patternFill patternType="none"/></x:fill><x:fill><x:patternFill patternType="gray125"/></x:fill></x:fills><x:borders count="1"><x:border/></x:borders><x:cellXfs count="1"><x:xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></x:cellXfs></x:styleSheet>`,
  );
  parts.set(
    'xl/worksheets/sheet1.xml',
    `<x:worksheet xmlns:x="${SM}"><x:sheetData><x:row><x:c t="inlineStr"><x:is><x:t>单位名称</x:t></x:is></x:c><x:c><x:v>1</x:v></x:c></x:row>` +
      '<x:row><x:c><x:v>2</x:v></x:c></x:row><x:row r="5"><x:c r="C5"><x:v>5</x:v></x:c></x:row></x:sheetData></x:worksheet>',
  );
  return zipParts(parts);
}

async function exceljsBook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('基本信息');
  ws.getCell('A1').value = '单位名称';
  ws.getCell('B1').value = '市文联';
  ws.getCell('A2').value = '填报人';
  ws.getCell('C5').value = 5;
  ws.getCell('A1').note = '单位自己的批注';
  ws.getCell('B3').dataValidation = { type: 'list', allowBlank: true, formulae: ['"是,否"'] };
  await ws.protect('', {});
  const ws2 = wb.addWorksheet('工作指标');
  for (let r = 1; r <= 9; r++) {
    ws2.getCell(r, 1).value = `项目${r}`;
    ws2.getCell(r, 5).value = r;
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** Issues for the small two-sheet books (openpyxl, xlsxwriter, exceljs). */
function smallIssues(): Issue[] {
  return [
    issue('error', '基本信息', 'B1', '单位名称与名册不符'),
    issue('warning', '基本信息', 'B1', '请核实单位代码'), // a second issue on the same cell
    issue('warning', '基本信息', 'A1', '已有批注的单元格'), // the unit's own comment is there
    issue('error', '基本信息', 'D2', '不存在的单元格'), // row exists, cell does not
    issue('error', '基本信息', 'B40', '不存在的行'), // neither does the row
    issue('warning', '工作指标', 'E3', '数值偏大', { field: '开展活动', value: '300' }),
    issue('error', '工作指标', 'E12', '漏填'),
    issue('error', '工作指标', null, '整张表的问题'), // listed, linked to the sheet, not marked
    issue('error', null, null, '文件的问题'),
    issue('warning', '不存在的表', 'A1', '表不在文件中'), // listed only
  ];
}

/** Issues on the filled template: existing cells, input cells of empty rows, a cell with a template comment. */
function templateIssues(): Issue[] {
  return [
    issue('error', '基本信息', 'C3', '单位名称不能为空', { field: '单位名称' }),
    issue('warning', '工作指标', 'E8', '请填写数字，不要写“若干”', { value: '若干' }),
    issue('error', '工作指标', 'F22', '本年累计小于本期数'), // the template comments this cell
    issue('error', '风险隐患台账', 'I3', '整改期限已过', { value: '2023-09-30' }),
    issue('warning', '风险隐患台账', 'C40', '行不存在'),
    issue('error', '工作情况', 'B7', '内容过短'),
    issue('error', '基本信息', 'XFE1', '越界的单元格'), // beyond Excel's columns: listed only
    issue('error', null, null, `很长的说明${'字'.repeat(40_000)}`),
  ];
}

/** The second round: 工作指标!E8 flagged again (now an error), the other cells fixed, one new cell. */
function againIssues(): Issue[] {
  return [
    issue('error', '工作指标', 'E8', '仍未填写数字'),
    issue('warning', '工作指标', 'F22', '请再核实'),
    issue('warning', '风险隐患台账', 'D5', '新的问题'),
  ];
}

interface Case {
  name: string;
  input: Uint8Array;
  issues: Issue[];
  /** Cells that carried a comment before (sheet!cell → a piece of its text). */
  unitComments: Record<string, string>;
}

const cases: Case[] = [];
const copies = new Map<string, Uint8Array>();
const copyFiles = new Map<string, string>();

beforeAll(async () => {
  const ours = await fillWorkbook(sampleFillInput(), definition);
  cases.push({
    name: 'ours',
    input: ours,
    issues: templateIssues(),
    unitComments: { '工作指标!F22': '期末数' },
  });
  const oursFile = path.join(t.dir, 'ours.xlsx');
  writeFileSync(oursFile, ours);
  if (has('soffice')) {
    const lo = path.join(t.dir, 'lo');
    mkdirSync(lo);
    const [file] = sofficeConvert([oursFile], 'xlsx', lo);
    cases.push({
      name: 'libreoffice',
      input: new Uint8Array(readFileSync(file)),
      issues: templateIssues(),
      unitComments: { '工作指标!F22': '期末数' },
    });
  }
  if (has('openpyxl') && has('xlsxwriter')) {
    const script = path.join(t.dir, 'writers.py');
    writeFileSync(script, PY_WRITERS);
    const op = path.join(t.dir, 'openpyxl.xlsx');
    const xw = path.join(t.dir, 'xlsxwriter.xlsx');
    execFileSync(PY, [script, op, xw]);
    const unitComments = { '基本信息!A1': '单位自己的批注' };
    cases.push({
      name: 'openpyxl',
      input: new Uint8Array(readFileSync(op)),
      issues: smallIssues(),
      unitComments,
    });
    cases.push({
      name: 'xlsxwriter',
      input: new Uint8Array(readFileSync(xw)),
      issues: smallIssues(),
      unitComments,
    });
  }
  cases.push({
    name: 'exceljs',
    input: await exceljsBook(),
    issues: smallIssues(),
    unitComments: { '基本信息!A1': '单位自己的批注' },
  });
  cases.push({
    name: 'excel',
    input: excelStyle(),
    issues: [
      issue('error', '基本信息', 'B1', '已有批注'),
      issue('warning', '基本信息', 'B2', '空单元格，行不存在：取列的格式（未锁定）'),
      issue('error', '基本信息', 'C3', '存在的单元格'),
      issue('error', '填报说明', 'A1', '另一张表'),
      issue('warning', '填报说明', 'C2', '行不存在'),
    ],
    unitComments: { '基本信息!B1': '请填全称' },
  });
  cases.push({
    name: 'strict',
    input: strictPrefixed(),
    issues: [
      issue('error', '基本信息', 'B1', '没有 r 属性的单元格'),
      issue('error', '基本信息', 'A3', '插在两行之间的新行'),
      issue('warning', '基本信息', 'B5', '插在已有单元格之前'),
    ],
    unitComments: {},
  });
  // A unit sends its copy back corrected: the copy of the copy (some cells flagged again, others fixed).
  const first = buildReturnCopy(ours, templateIssues(), { title: '市文联 2023年第三季度' });
  cases.push({
    name: 'copy-of-copy',
    input: first,
    issues: againIssues(),
    unitComments: { '工作指标!F22': '期末数' },
  });
  for (const c of cases) {
    const copy = buildReturnCopy(c.input, c.issues, {
      inflateRaw: zlibInflateRaw,
      title: '市文联 2023年第三季度',
    });
    copies.set(c.name, copy);
    const file = path.join(t.dir, `copy-${c.name}.xlsx`);
    writeFileSync(file, copy);
    copyFiles.set(c.name, file);
  }
}, 180_000);

describe('return copies from every writer', () => {
  it('were built for every writer available here', () => {
    const names = cases.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['ours', 'exceljs', 'excel', 'strict']));
    if (has('soffice')) expect(names).toContain('libreoffice');
    if (has('openpyxl')) expect(names).toEqual(expect.arrayContaining(['openpyxl', 'xlsxwriter']));
  });

  it('the original bytes are untouched and the copy is the same for the same input (fixed zip dates)', () => {
    for (const c of cases) {
      const before = Buffer.from(c.input).toString('base64');
      const again = buildReturnCopy(c.input, c.issues, { title: '市文联 2023年第三季度' });
      expect(Buffer.from(c.input).toString('base64')).toBe(before);
      expect(Buffer.from(again).equals(Buffer.from(copies.get(c.name)!)), c.name).toBe(true);
    }
  });

  it.skipIf(!has('xmllint'))('every XML part of every copy parses with xmllint (strict)', () => {
    for (const c of cases) {
      const dir = path.join(t.dir, `parts-${c.name}`);
      const files: string[] = [];
      for (const p of unzip(copies.get(c.name)!)) {
        if (!/\.(xml|rels|vml)$/i.test(p.name)) continue;
        const f = path.join(dir, p.name.replace(/[[\]]/g, '_'));
        mkdirSync(path.dirname(f), { recursive: true });
        writeFileSync(f, p.data);
        files.push(f);
      }
      expect(files.length).toBeGreaterThan(5);
      // throws (with xmllint's message) on any namespace or well-formedness error
      execFileSync('xmllint', ['--noout', ...files], { stdio: 'pipe' });
      const out = execFileSync('xmllint', ['--noout', ...files], { encoding: 'utf8', stdio: 'pipe' });
      expect(out).toBe('');
    }
  });

  it('comments sit on exactly the flagged cells (and the unit’s own comments stay); the cells are filled', () => {
    for (const c of cases) {
      const v = readCopy(copies.get(c.name)!);
      const want = expectedNotes(c.issues, v.sheets);
      const ours = new Map<string, string>();
      for (const [sheet, cells] of v.comments)
        for (const [ref, text] of cells) if (text.includes('【')) ours.set(`${sheet}!${ref}`, text);
      expect([...ours.keys()].sort(), c.name).toEqual([...want.keys()].sort());
      for (const [k, note] of want) {
        expect(ours.get(k)!.startsWith(note), `${c.name} ${k}`).toBe(true);
        const [sheet, ref] = k.split('!');
        const error = c.issues.some((i) => `${i.sheet}!${i.cell}` === k && i.severity === 'error');
        expect(v.fills.get(sheet)!.get(ref), `${c.name} ${k}`).toBe(error ? FILL_ERROR : FILL_WARNING);
      }
      for (const [k, piece] of Object.entries(c.unitComments)) {
        const [sheet, ref] = k.split('!');
        expect(v.comments.get(sheet)!.get(ref), `${c.name} ${k}`).toContain(piece);
      }
    }
  });

  it('the 校验结果 sheet is the first tab, active and the only one selected; sheet-local names moved with their sheets', () => {
    for (const c of cases) {
      const v = readCopy(copies.get(c.name)!);
      expect(v.sheets[0], c.name).toBe(SHEETS.returnIssues);
      expect(v.activeTab, c.name).toBe(0);
      expect(v.selected, c.name).toEqual([SHEETS.returnIssues]);
      const titles = v.definedNames.find((d) => d.name === '_xlnm.Print_Titles' && d.localSheetId === '0');
      expect(titles?.text, c.name).toBe(`'${SHEETS.returnIssues}'!$3:$3`);
      // every other sheet-local name still names the sheet at its index
      for (const d of v.definedNames) {
        if (d.localSheetId === undefined || d.localSheetId === '0') continue;
        expect(d.text.replace(/'/g, ''), `${c.name} ${d.name}`).toContain(
          `${v.sheets[Number(d.localSheetId)]}!`,
        );
      }
    }
    const excel = readCopy(copies.get('excel')!);
    expect(excel.definedNames.map((d) => [d.name, d.localSheetId])).toEqual(
      expect.arrayContaining([
        ['_xlnm.Print_Area', '2'],
        ['_xlnm.Print_Titles', '1'],
      ]),
    );
  });

  it('our reader reads the copy: 校验结果 first with its header, every issue listed, long text cut', () => {
    for (const c of cases) {
      const grid = readWorkbook(new ZipReader(copies.get(c.name)!));
      const sheet = grid.sheets[0];
      expect(sheet.name).toBe(SHEETS.returnIssues);
      expect(sheet.rows[0][0]).toBe('市文联 2023年第三季度 填报表校验结果');
      expect(sheet.rows[2]).toEqual([...RETURN_COLUMNS]);
      expect(sheet.rows.length).toBe(3 + c.issues.length);
      expect(sheet.rows.slice(3).map((r) => r[6])).toEqual(
        c.issues.map((i) => (i.message.length > 32_767 ? expect.stringContaining('已截断') : i.message)),
      );
      for (const r of sheet.rows)
        for (const v of r) if (typeof v === 'string') expect(v.length).toBeLessThanOrEqual(32_767);
      // the unit's sheets read as before
      const before = readWorkbook(new ZipReader(c.input));
      expect(grid.sheets.slice(1).map((s) => s.name)).toEqual(
        before.sheets.filter((s) => s.name !== SHEETS.returnIssues).map((s) => s.name),
      );
      for (const s of before.sheets.filter((b) => b.name !== SHEETS.returnIssues))
        expect(grid.sheets.find((g) => g.name === s.name)!.rows, `${c.name} ${s.name}`).toEqual(s.rows);
    }
  });

  it('a copy checks as its original did (the unit corrects the copy and sends it back)', async () => {
    const original = cases.find((c) => c.name === 'ours')!.input;
    const want = (await checkWorkbookBytes(original, definition, { asOf: AS_OF })).issues;
    for (const name of ['ours', 'copy-of-copy']) {
      const got = (await checkWorkbookBytes(copies.get(name)!, definition, { asOf: AS_OF })).issues;
      expect(got, name).toEqual(want);
    }
  });

  it('the copy of a copy: one 校验结果, our old comments and fills gone where fixed, the unit’s comment kept once', () => {
    const before = readCopy(cases.find((c) => c.name === 'ours')!.input);
    const v = readCopy(copies.get('copy-of-copy')!);
    expect(v.sheets.filter((n) => n === SHEETS.returnIssues)).toEqual([SHEETS.returnIssues]);
    // fixed cells: no comment of ours, no fill of ours, the style they had before the first copy
    for (const [sheet, ref] of [
      ['基本信息', 'C3'],
      ['工作指标', 'E8'],
      ['风险隐患台账', 'I3'],
      ['工作情况', 'B7'],
    ].filter(([s, r]) => !againIssues().some((i) => i.sheet === s && i.cell === r))) {
      expect(v.comments.get(sheet)!.has(ref), `${sheet}!${ref}`).toBe(false);
      expect(v.fills.get(sheet)!.get(ref), `${sheet}!${ref}`).toBe(before.fills.get(sheet)!.get(ref));
    }
    // a cell the first copy created (row 40 did not exist) keeps no fill of ours either
    expect(v.fills.get('风险隐患台账')!.get('C40')).toBeUndefined();
    // the template's own comment on F22: once, below our new note, as the unit had it
    const f22 = v.comments.get('工作指标')!.get('F22')!;
    expect(f22.startsWith('【警告】请再核实')).toBe(true);
    expect(f22.split('原批注').length).toBe(2);
    expect(f22.endsWith(before.comments.get('工作指标')!.get('F22')!)).toBe(true);
  });

  it('the 校验结果 sheet is styled, wrapped, A4 landscape fitted to the width, header repeated, links to each cell', () => {
    const v = readCopy(copies.get('ours')!);
    const ws = v.issueSheet;
    const setup = descendants(ws, NS.main, 'pageSetup')[0];
    expect([
      getAttr(setup, 'paperSize'),
      getAttr(setup, 'orientation'),
      getAttr(setup, 'fitToWidth'),
      getAttr(setup, 'fitToHeight'),
    ]).toEqual(['9', 'landscape', '1', '0']);
    expect(getAttr(descendants(ws, NS.main, 'pageSetUpPr')[0], 'fitToPage')).toBe('1');
    const links = descendants(ws, NS.main, 'hyperlink').map((h) => [
      getAttr(h, 'ref'),
      getAttr(h, 'location'),
    ]);
    expect(links).toEqual([
      ['D4', "'基本信息'!C3"],
      ['D5', "'工作指标'!E8"],
      ['D6', "'工作指标'!F22"],
      ['D7', "'风险隐患台账'!I3"],
      ['D8', "'风险隐患台账'!C40"],
      ['D9', "'工作情况'!B7"],
      ['D10', "'基本信息'!A1"], // a cell beyond the sheet: the link goes to the sheet
    ]);
    // every issue row's 问题说明 wraps; the header is bold on the template's header fill
    const root = parseXml(decodeXmlBytes(v.parts.get('xl/styles.xml')!)).root;
    const xfs = childElements(childElement(root, NS.main, 'cellXfs')!, NS.main, 'xf');
    const fonts = childElements(childElement(root, NS.main, 'fonts')!, NS.main, 'font');
    const fills = childElements(childElement(root, NS.main, 'fills')!, NS.main, 'fill');
    const styleOf = (ref: string) =>
      xfs[
        Number(
          getAttr(
            descendants(ws, NS.main, 'c').find((c) => getAttr(c, 'r') === ref)!,
            's',
          ),
        )
      ];
    for (let r = 4; r <= 3 + templateIssues().length; r++) {
      const xf = styleOf(`G${r}`);
      expect(getAttr(childElement(xf, NS.main, 'alignment')!, 'wrapText')).toBe('1');
      expect(getAttr(xf, 'borderId')).not.toBe('0');
    }
    const header = styleOf('A3');
    expect(childElement(fonts[Number(getAttr(header, 'fontId'))], NS.main, 'b')).not.toBeNull();
    expect(getAttr(descendants(fills[Number(getAttr(header, 'fillId'))], NS.main, 'fgColor')[0], 'rgb')).toBe(
      'FFDDEBF7',
    );
    expect(getAttr(childElement(styleOf('A1'), NS.main, 'alignment')!, 'horizontal')).toBe('center');
  });

  it('an absent cell takes the style Excel shows there (the column’s: unlocked input stays unlocked)', () => {
    const parts = new Map(unzip(copies.get('excel')!).map((p) => [p.name, p.data]));
    const ws = parseXml(decodeXmlBytes(parts.get('xl/worksheets/sheet2.xml')!)).root;
    const styles = parseXml(decodeXmlBytes(parts.get('xl/styles.xml')!)).root;
    const xfs = childElements(childElement(styles, NS.main, 'cellXfs')!, NS.main, 'xf');
    const b2 = descendants(ws, NS.main, 'c').find((c) => getAttr(c, 'r') === 'B2')!;
    const xf = xfs[Number(getAttr(b2, 's'))];
    expect(getAttr(childElement(xf, NS.main, 'protection')!, 'locked')).toBe('0');
    expect(getAttr(xf, 'numFmtId')).toBe('49');
    // rows stay in order, the new row 2 between 1 and 3; a row that got a cell loses its stale spans
    expect(descendants(ws, NS.main, 'row').map((r) => getAttr(r, 'r'))).toEqual(['1', '2', '3']);
    expect(descendants(ws, NS.main, 'c').map((c) => getAttr(c, 'r'))).toEqual(['A1', 'B1', 'B2', 'A3', 'C3']);
    // the drop-downs and the protection are the unit's
    expect(descendants(ws, NS.main, 'dataValidation').length).toBe(1);
    expect(descendants(ws, NS.main, 'sheetProtection').length).toBe(1);
    // Strict, prefixed: new rows and cells in the x: prefix, numbers written out
    const sp = new Map(unzip(copies.get('strict')!).map((p) => [p.name, p.data]));
    const sx = decodeXmlBytes(sp.get('xl/worksheets/sheet1.xml')!);
    const sws = parseXml(sx).root;
    expect(descendants(sws, NS.main, 'row').map((r) => [r.name, getAttr(r, 'r')])).toEqual([
      ['x:row', '1'],
      ['x:row', '2'],
      ['x:row', '3'],
      ['x:row', '5'],
    ]);
    // (the untouched row 2 keeps its cell without r)
    expect(descendants(sws, NS.main, 'c').map((c) => getAttr(c, 'r'))).toEqual([
      'A1',
      'B1',
      undefined,
      'A3',
      'B5',
      'C5',
    ]);
    expect(sx).toContain('http://purl.oclc.org/ooxml/officeDocument/relationships');
  });

  it('parts the copy does not need to change are the original’s, byte for byte', () => {
    const before = new Map(unzip(cases[0].input).map((p) => [p.name, p.data]));
    const after = new Map(unzip(copies.get('ours')!).map((p) => [p.name, p.data]));
    for (const name of ['xl/sharedStrings.xml', 'xl/theme/theme1.xml', 'docProps/core.xml'])
      expect(Buffer.from(after.get(name)!).equals(Buffer.from(before.get(name)!)), name).toBe(true);
    const changed = [...before.keys()].filter(
      (n) => !Buffer.from(after.get(n)!).equals(Buffer.from(before.get(n)!)),
    );
    expect(changed.sort()).toEqual(
      [
        '[Content_Types].xml',
        'xl/_rels/workbook.xml.rels',
        'xl/comments3.xml',
        'xl/drawings/vmlDrawing3.vml',
        'xl/styles.xml',
        'xl/workbook.xml',
        'xl/worksheets/sheet2.xml',
        'xl/worksheets/sheet3.xml',
        'xl/worksheets/sheet4.xml',
        'xl/worksheets/sheet5.xml',
        'xl/worksheets/_rels/sheet4.xml.rels',
      ]
        .filter((n) => before.has(n))
        .sort(),
    );
  });

  it.skipIf(!has('openpyxl'))(
    'openpyxl loads every copy and sees the comments, fills, links and print setup',
    () => {
      const script = path.join(t.dir, 'dump.py');
      writeFileSync(script, PY_DUMP);
      // openpyxl reads no sheets of a Strict OOXML file (its original as little as its copy)
      const readable = cases.filter((c) => c.name !== 'strict');
      const files = readable.map((c) => copyFiles.get(c.name)!);
      const dump = JSON.parse(execFileSync(PY, [script, ...files], { encoding: 'utf8', maxBuffer: 1 << 28 }));
      for (const c of readable) {
        const d = dump[copyFiles.get(c.name)!];
        expect(d.sheets[0], c.name).toBe(SHEETS.returnIssues);
        expect(d.active, c.name).toBe(SHEETS.returnIssues);
        const want = expectedNotes(c.issues, d.sheets);
        const ours: Record<string, string> = {};
        for (const [sheet, cells] of Object.entries(
          d.comments as Record<string, Record<string, { text: string; fill: string }>>,
        ))
          for (const [ref, cm] of Object.entries(cells))
            if (cm.text.includes('【')) ours[`${sheet}!${ref}`] = cm.fill;
        expect(Object.keys(ours).sort(), c.name).toEqual([...want.keys()].sort());
        for (const [k, fill] of Object.entries(ours)) {
          const error = c.issues.some((i) => `${i.sheet}!${i.cell}` === k && i.severity === 'error');
          expect(fill, `${c.name} ${k}`).toBe(error ? FILL_ERROR : FILL_WARNING);
        }
        expect(d.result.printTitleRows, c.name).toBe('$3:$3');
        expect([d.result.paper, d.result.orientation, d.result.fitToPage], c.name).toEqual([
          '9',
          'landscape',
          true,
        ]);
        expect(d.result.header, c.name).toEqual([...RETURN_COLUMNS]);
        expect(d.result.wrap, c.name).toBe(true);
        const linked = c.issues.filter((i) => i.sheet && d.sheets.includes(i.sheet)).length;
        expect(Object.keys(d.result.links).length, c.name).toBe(linked);
      }
    },
    120_000,
  );

  it.skipIf(!has('soffice') || !has('openpyxl'))(
    'LibreOffice opens every copy; re-saved, the comments are still on the flagged cells',
    () => {
      const dir = path.join(t.dir, 'lo-copies');
      mkdirSync(dir);
      const files = cases.map((c) => copyFiles.get(c.name)!);
      const outs = sofficeConvert(files, 'xlsx', dir);
      const script = path.join(t.dir, 'dump.py');
      writeFileSync(script, PY_DUMP);
      const dump = JSON.parse(execFileSync(PY, [script, ...outs], { encoding: 'utf8', maxBuffer: 1 << 28 }));
      cases.forEach((c, i) => {
        const d = dump[outs[i]];
        expect(d.sheets[0], c.name).toBe(SHEETS.returnIssues);
        const want = expectedNotes(c.issues, d.sheets);
        const ours: string[] = [];
        for (const [sheet, cells] of Object.entries(
          d.comments as Record<string, Record<string, { text: string }>>,
        ))
          for (const [ref, cm] of Object.entries(cells))
            if (cm.text.includes('【')) ours.push(`${sheet}!${ref}`);
        expect(ours.sort(), c.name).toEqual([...want.keys()].sort());
      });
    },
    180_000,
  );
});

const PY_DUMP = `
import sys, json, openpyxl
out = {}
for path in sys.argv[1:]:
    wb = openpyxl.load_workbook(path)
    d = {'sheets': wb.sheetnames, 'active': wb.active.title, 'comments': {}}
    for ws in wb.worksheets:
        cm = {}
        for row in ws.iter_rows():
            for c in row:
                if c.comment:
                    fill = c.fill.fgColor.rgb if c.fill is not None and c.fill.fill_type == 'solid' else None
                    cm[c.coordinate] = {'text': c.comment.text, 'fill': fill}
        d['comments'][ws.title] = cm
    ws = wb['校验结果']
    ps = ws.page_setup
    pr = ws.sheet_properties.pageSetUpPr
    d['result'] = {
        'printTitleRows': ws.print_title_rows,
        'paper': str(ps.paperSize), 'orientation': ps.orientation,
        'fitToPage': bool(pr and pr.fitToPage),
        'header': [c.value for c in ws[3]],
        'wrap': all(ws.cell(r, 7).alignment.wrap_text for r in range(3, ws.max_row + 1)),
        'links': {c.coordinate: c.hyperlink.location for row in ws.iter_rows() for c in row if c.hyperlink},
    }
    out[path] = d
print(json.dumps(out, ensure_ascii=False))
`;

describe('a register of 5,000 issues', () => {
  it('builds in linear time, every issue listed and every cell commented', async () => {
    const input = await fillWorkbook(sampleFillInput(), definition);
    const issues: Issue[] = [];
    for (let i = 0; i < 5000; i++)
      issues.push(
        issue(
          i % 3 ? 'warning' : 'error',
          '风险隐患台账',
          `${'BCDEFGHI'[i % 8]}${3 + Math.floor(i / 8)}`,
          `第${i + 1}个问题`,
        ),
      );
    const t0 = performance.now();
    const copy = buildReturnCopy(input, issues, { inflateRaw: zlibInflateRaw });
    const ms = performance.now() - t0;
    // Printed, not asserted: the old string patcher took minutes here (quadratic), past the suite's
    // per-test timeout; this takes well under a second.
    console.log(`[measure] return copy with 5,000 notes: ${ms.toFixed(0)} ms`);
    const v = readCopy(copy);
    expect(v.comments.get('风险隐患台账')!.size).toBeGreaterThanOrEqual(5000);
    expect([...v.comments.get('风险隐患台账')!.values()].filter((t) => t.includes('【')).length).toBe(5000);
    expect(descendants(v.issueSheet, NS.main, 'hyperlink').length).toBe(5000);
    // shape ids stay unique across the blocks the drawing declares
    const vml = [...v.parts].find(
      ([n]) => /vmlDrawing.*\.vml$/.test(n) && decodeXmlBytes(v.parts.get(n)!).includes('第5000个'),
    );
    expect(vml).toBeUndefined(); // the text lives in the comments part, the VML only has shapes
    const sheetVml = [...v.parts.entries()].filter(([n]) => n.endsWith('.vml'));
    const ids = sheetVml.flatMap(([, b]) =>
      [...decodeXmlBytes(b).matchAll(/id="_x0000_s(\d+)"/g)].map((m) => Number(m[1])),
    );
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(5000);
    // sent back with half of them fixed and 2,500 new ones: the copy of the copy is linear too
    const again = issues.filter((_, i) => i % 2).map((is) => ({ ...is, message: `仍有${is.message}` }));
    for (let i = 0; i < 2500; i++) again.push(issue('error', '风险隐患台账', `J${3 + i}`, `新问题${i + 1}`));
    const t1 = performance.now();
    const copy2 = buildReturnCopy(copy, again, { inflateRaw: zlibInflateRaw });
    const ms2 = performance.now() - t1;
    console.log(`[measure] its copy with 2,500 more: ${ms2.toFixed(0)} ms`);
    const v2 = readCopy(copy2);
    const notes = [...v2.comments.get('风险隐患台账')!].filter(([, t]) => t.includes('【'));
    expect(notes.length).toBe(5000);
    expect(notes.filter(([, t]) => t.includes('仍有')).length).toBe(2500);
    expect(v2.fills.get('风险隐患台账')!.get('B3')).toBeUndefined(); // issue 0 was fixed
    process.stderr.write(
      `[return copy] 5,000 issues: ${ms.toFixed(0)} ms, ${copy.length} bytes; its copy with 5,000: ${ms2.toFixed(0)} ms\n`,
    );
  }, 60_000);
});

describe('the copy’s file name', () => {
  it('says what it is: {单位名称}-退回修改-{年度}年{报告期}.xlsx, else the original’s stem', () => {
    expect(returnCopyName('市文联', 2023, '第三季度', '收文/市文联填报表.xlsx')).toBe(
      '市文联-退回修改-2023年第三季度.xlsx',
    );
    expect(returnCopyName('市文联', null, '第三季度', '收文/市文联填报表.xlsx')).toBe(
      '市文联填报表-退回修改.xlsx',
    );
    expect(returnCopyName('市文联', 2023, null, 'a.b.xlsx')).toBe('a.b-退回修改.xlsx');
    expect(returnCopyName('a/b:c', 2023, '第三季度', 'x.xlsx')).toBe('a_b_c-退回修改-2023年第三季度.xlsx');
    // a long name is cut between graphemes (never inside an emoji), the period stays
    const long = returnCopyName(`${'单位'.repeat(30)}👨‍👩‍👧`, 2023, '第三季度', 'x.xlsx');
    expect(long).toBe(`${'单位'.repeat(20)}-退回修改-2023年第三季度.xlsx`);
  });
});
