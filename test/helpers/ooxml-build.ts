// Builds small .xlsx packages in tests, part by part (no binaries committed): a minimal but valid
// workbook whose parts a test can replace or break.
import { deflatedEntry, storedEntry, writeZip } from '../../templates/src/ooxml/zip';

export const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';

export interface BuildOptions {
  /** Worksheet XML per sheet name (the whole <worksheet> element, or only the <sheetData> content). */
  sheets: Record<string, string>;
  sharedStrings?: string[] | string;
  /** Whole styles.xml, or number format codes: cell style s=i+1 uses formats[i] (string = custom code, number = built-in id). */
  styles?: string | (string | number)[];
  /** Attributes of <workbookPr>, e.g. 'date1904="true"'. */
  workbookPr?: string;
  /** Extra or replacement parts by name (string or bytes); null removes a part. */
  parts?: Record<string, string | Uint8Array | null>;
  /** Stored instead of deflated. */
  store?: boolean;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

export function stylesXml(formats: (string | number)[]): string {
  const custom = formats
    .map((f, i) => (typeof f === 'string' ? `<numFmt numFmtId="${164 + i}" formatCode="${esc(f)}"/>` : ''))
    .join('');
  const xfs = formats
    .map((f, i) => `<xf numFmtId="${typeof f === 'string' ? 164 + i : f}" applyNumberFormat="1"/>`)
    .join('');
  return (
    `<styleSheet xmlns="${MAIN_NS}">` +
    (custom ? `<numFmts count="${formats.length}">${custom}</numFmts>` : '') +
    `<cellXfs count="${formats.length + 1}"><xf numFmtId="0"/>${xfs}</cellXfs></styleSheet>`
  );
}

/** The parts of a workbook as a name → content map. */
export function workbookParts(o: BuildOptions): Map<string, string | Uint8Array> {
  const names = Object.keys(o.sheets);
  const parts = new Map<string, string | Uint8Array>();
  parts.set(
    '[Content_Types].xml',
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      names
        .map(
          (_n, i) =>
            `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        )
        .join('') +
      '</Types>',
  );
  parts.set(
    '_rels/.rels',
    `<Relationships xmlns="${PKG_RELS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  parts.set(
    'xl/workbook.xml',
    `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
      (o.workbookPr ? `<workbookPr ${o.workbookPr}/>` : '') +
      `<sheets>${names.map((n, i) => `<sheet name="${esc(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
  );
  const rels = names.map(
    (_n, i) =>
      `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  );
  rels.push(`<Relationship Id="rIdS" Type="${REL_NS}/styles" Target="styles.xml"/>`);
  if (o.sharedStrings !== undefined)
    rels.push(`<Relationship Id="rIdSS" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>`);
  parts.set(
    'xl/_rels/workbook.xml.rels',
    `<Relationships xmlns="${PKG_RELS}">${rels.join('')}</Relationships>`,
  );
  parts.set('xl/styles.xml', typeof o.styles === 'string' ? o.styles : stylesXml(o.styles ?? []));
  if (o.sharedStrings !== undefined)
    parts.set(
      'xl/sharedStrings.xml',
      typeof o.sharedStrings === 'string'
        ? o.sharedStrings
        : `<sst xmlns="${MAIN_NS}" count="${o.sharedStrings.length}" uniqueCount="${o.sharedStrings.length}">${o.sharedStrings
            .map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`)
            .join('')}</sst>`,
    );
  names.forEach((n, i) => {
    const x = o.sheets[n];
    parts.set(
      `xl/worksheets/sheet${i + 1}.xml`,
      /<(\w+:)?worksheet[\s>]/.test(x)
        ? x
        : `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetData>${x}</sheetData></worksheet>`,
    );
  });
  for (const [k, v] of Object.entries(o.parts ?? {})) {
    if (v === null) parts.delete(k);
    else parts.set(k, v);
  }
  return parts;
}

/** Zips parts (our writer; deflated unless `store`). */
export function zipParts(parts: Map<string, string | Uint8Array>, store = false): Uint8Array {
  return writeZip([...parts].map(([n, c]) => (store ? storedEntry(n, c) : deflatedEntry(n, c))));
}

/** A whole .xlsx from BuildOptions. */
export function buildXlsx(o: BuildOptions): Uint8Array {
  return zipParts(workbookParts(o), o.store);
}
