// The look of every sheet the superior's side writes (汇总台账 and the workspace's sheets): one font,
// wrapped header rows, and a page set up to print — A4 landscape, fit to the page width, the header row
// repeated on every page, the round and the sheet in the page header, page numbers in the footer.
import type ExcelJS from 'exceljs';

export const SHEET_FONT_NAME = '宋体';
export const SHEET_FONT: Partial<ExcelJS.Font> = { name: SHEET_FONT_NAME, size: 10 };
export const BOLD_FONT: Partial<ExcelJS.Font> = { ...SHEET_FONT, bold: true };
export const TITLE_FONT: Partial<ExcelJS.Font> = { name: '黑体', size: 16 };

const solid = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });
export const FILLS = {
  header: solid('FFD9E1F2'),
  error: solid('FFFFC7CE'),
  warning: solid('FFFFEB9C'),
  missing: solid('FFD9D9D9'),
} as const;

export const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  bottom: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  left: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  right: { style: 'thin', color: { argb: 'FFBFBFBF' } },
};

export const INT_FMT = '#,##0';

/** A sheet as both exceljs writers hand it out (the streaming one has commit). */
export type Sheet = ExcelJS.Worksheet & { commit?: () => void };
export type SheetBook = ExcelJS.stream.xlsx.WorkbookWriter | ExcelJS.Workbook;

/** Header/footer text is a format string: a literal & is written &&. */
function hf(s: string): string {
  return s.replace(/&/g, '&&');
}

export interface SheetLayout {
  /** Column widths, in characters. */
  widths: readonly number[];
  /** Frozen columns and rows. */
  frozen?: { x?: number; y?: number };
  /** Rows repeated at the top of every printed page (the header), e.g. '1:1'. */
  titleRows?: string;
  /** The round, e.g. "2023年第三季度意识形态工作汇总台账", in the page header. */
  caption: string;
  /** Print the cell grid (data sheets); false for a laid-out sheet such as 总览. */
  gridLines?: boolean;
  portrait?: boolean;
}

/**
 * Adds a sheet set up to read and print: every column in the one font, A4 landscape fit to the page
 * width (as many pages down as it takes), the header row(s) repeated, the caption and the sheet's name
 * in the page header, "第 N 页，共 M 页" in the footer.
 */
export function addSheet(wb: SheetBook, name: string, layout: SheetLayout): Sheet {
  const views: Partial<ExcelJS.WorksheetView>[] =
    layout.frozen && (layout.frozen.x || layout.frozen.y)
      ? [{ state: 'frozen', xSplit: layout.frozen.x ?? 0, ySplit: layout.frozen.y ?? 0 }]
      : [{}];
  // "&9" sets the size; digits right after it would be read as part of the size ("&92023年…" is a
  // 92023-point "年…"), so text that starts with a digit is set off by a space.
  const font = (text: string) => `&"${SHEET_FONT_NAME},常规"&9${/^\d/.test(text) ? ' ' : ''}${text}`;
  const ws = wb.addWorksheet(name, {
    views,
    pageSetup: {
      paperSize: 9,
      orientation: layout.portrait ? 'portrait' : 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      showGridLines: layout.gridLines ?? true,
      printTitlesRow: layout.titleRows,
      margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
    },
    headerFooter: {
      oddHeader: `&L${font(hf(layout.caption))}&R${font(hf(name))}`,
      oddFooter: `&C${font('第 &P 页，共 &N 页')}`,
    },
  }) as Sheet;
  ws.columns = layout.widths.map((width) => ({ width, style: { font: SHEET_FONT } }));
  return ws;
}

/** The header row: bold, shaded, bordered, centred and wrapped; `height` in points. */
export function headerRow(ws: Sheet, labels: readonly string[], height = 30): ExcelJS.Row {
  const row = ws.addRow([...labels]);
  row.eachCell((c) => {
    c.font = BOLD_FONT;
    c.fill = FILLS.header;
    c.border = BORDER;
    c.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });
  row.height = height;
  row.commit();
  return row;
}

/** Points per line of the sheet font, with the cell's padding. */
const LINE_POINTS = 13.5;

/** Width of a text in column-width units of the sheet font (a CJK character about two, others one). */
function textUnits(s: string): number {
  let n = 0;
  for (const ch of s)
    n +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(
        ch,
      )
        ? 1.9
        : 0.95;
  return n;
}

/**
 * Sets a row's height to show its wrapped cells whole (1-based `cols` of `widths`): spreadsheet programs
 * do not all grow a row for wrapped text they did not lay out themselves, and a printout must not cut
 * a line. Rows that fit on one line keep the default height.
 */
export function fitRowHeight(row: ExcelJS.Row, widths: readonly number[], cols: readonly number[]): void {
  let lines = 1;
  for (const c of cols) {
    const v = row.getCell(c).value;
    if (typeof v !== 'string' || v === '') continue;
    const per = Math.max(1, (widths[c - 1] ?? 10) - 1);
    let n = 0;
    for (const part of v.split('\n')) n += Math.max(1, Math.ceil(textUnits(part) / per));
    lines = Math.max(lines, n);
  }
  if (lines === 1) return;
  row.height = Math.min(409, lines * LINE_POINTS);
  // The row's other cells start at its top line too, not at its bottom.
  row.eachCell({ includeEmpty: false }, (c) => {
    c.alignment = { ...c.alignment, vertical: 'top' };
  });
}
