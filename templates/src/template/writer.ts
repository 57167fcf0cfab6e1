// The template writer: builds the standard input workbook (填报表) from a Definition with exceljs.
// Pure code (no fs/path/process): it runs in Node and in the task-pane bundle.
//
// Positions follow layout.ts. Every text comes from the definition (labels, vocabularies, hints, guide,
// template.* messages). Validation ranges are bounded to the rows the template prepares.
import ExcelJS from 'exceljs';
import type { ColumnDef, Definition, InfoFieldDef } from '../standard/types';
import { columnLetters } from '../xlsx/grid';
import { formatTemplate } from '../standard/format';
import { META_KEYS, layoutOf } from './layout';
import { definitionHash } from '../standard/registry';
import { nativeDeflatedEntry, unzip, writeZip } from '../ooxml/zip';
import {
  NS,
  childElement,
  decodeXmlBytes,
  findPath,
  getAttr,
  parseXml,
  removeChild,
  serializeXml,
  setAttr,
} from '../ooxml/xml';

export interface TemplateUnit {
  name: string;
  code: string;
}

/** A round of reporting the superior opens: its 报告类型, 年度 and 报告期, pre-filled and locked. */
export interface TemplateRound {
  reportKind: string;
  year: number;
  period: string;
}

export interface TemplateOptions {
  /** Pre-fill and lock 单位名称/单位代码 for one roster unit (also recorded in the meta sheet). */
  unit?: TemplateUnit;
  /** Pre-fill and lock 报告类型/年度/报告期 (next round's templates). */
  round?: TemplateRound;
}

/**
 * The round for 年度 and 报告期: the 报告类型 is the one whose periods include the period. Null when the
 * standard has no such period or the year is not a four-digit year.
 */
export function roundFor(def: Definition, year: number, period: string): TemplateRound | null {
  const kind = def.reportKinds.find((k) => k.periods.includes(period));
  if (!kind || !Number.isInteger(year) || year < 1900 || year > 2999) return null;
  return { reportKind: kind.name, year, period };
}

/** The round's value for a 基本信息 field (reportKind, year, period), or undefined. */
function roundValue(round: TemplateRound | undefined, key: string): string | number | undefined {
  if (!round) return undefined;
  return key === 'reportKind'
    ? round.reportKind
    : key === 'year'
      ? round.year
      : key === 'period'
        ? round.period
        : undefined;
}

/** Appended to the label of a required field: "单位名称*". The reader strips it. */
export const REQUIRED_MARK = '*';

/** Plausible 年度 range enforced by the template's validation. */
export const YEAR_MIN = 2000;
export const YEAR_MAX = 2099;

/** Fixed workbook dates so that the same definition always produces the same workbook. */
export const TEMPLATE_DATE = new Date(Date.UTC(2024, 0, 1, 0, 0, 0));

/** Number format of date cells. */
export const DATE_FORMAT = 'yyyy-mm-dd';

// Excel limits for data-validation texts.
const MAX_TITLE = 32;
const MAX_PROMPT = 255;
const MAX_ERROR = 225;
/** Excel rejects an inline list formula longer than 255 characters. */
const MAX_LIST = 255;

/** 工作指标 columns that the template fills from the definition (locked labels). */
export const METRIC_LABEL_KEYS: readonly string[] = ['seq', 'category', 'name', 'unit', 'id'];

const FONT = '宋体';
const TITLE_FONT = '黑体';
const COLOR_HEADER = 'FFDDEBF7';
const COLOR_LABEL = 'FFF2F2F2';
const COLOR_LOCKED_VALUE = 'FFE7E6E6';
const COLOR_MUTED = 'FF808080';

const COLOR_BORDER = 'FF808080';

/** The template's look, for other sheets written to match it (a return copy's 校验结果). */
export const TEMPLATE_LOOK = {
  font: FONT,
  titleFont: TITLE_FONT,
  headerFill: COLOR_HEADER,
  border: COLOR_BORDER,
} as const;

const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: COLOR_BORDER } };
const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

function fill(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

/** A text of the template workbook (definition.texts), its fields filled. */
function msg(
  def: Definition,
  key: keyof Definition['texts'],
  vars: Record<string, string | number> = {},
): string {
  return formatTemplate(def.texts[key] ?? '', vars);
}

function clip(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max - 1) + '…';
}

/** The inline list formula for a vocabulary: "\"a,b,c\"". Throws when Excel would reject it. */
export function listFormula(def: Definition, vocabKey: string): string {
  const vocab = def.vocab[vocabKey];
  if (!vocab) throw new Error(`definition has no vocabulary "${vocabKey}"`);
  for (const v of vocab.values) {
    if (v.includes(',') || v.includes('"'))
      throw new Error(`vocabulary "${vocabKey}" value "${v}" cannot be in an inline list`);
  }
  const joined = vocab.values.join(',');
  if (joined.length + 2 > MAX_LIST)
    throw new Error(`vocabulary "${vocabKey}" is too long for an inline list (${joined.length} chars)`);
  return `"${joined}"`;
}

type Validation = ExcelJS.DataValidation;

/** Adds a validation over a cell or range ("B3", "E3:E25"); exceljs has this but does not type it. */
function addValidation(ws: ExcelJS.Worksheet, address: string, v: Validation): void {
  (ws as unknown as { dataValidations: { add(a: string, v: Validation): void } }).dataValidations.add(
    address,
    v,
  );
}

function withPrompt(v: Validation, title: string, hint: string | undefined): Validation {
  if (!hint) return v;
  return {
    ...v,
    showInputMessage: true,
    promptTitle: clip(title, MAX_TITLE),
    prompt: clip(hint, MAX_PROMPT),
  };
}

function withError(def: Definition, v: Validation, error: string): Validation {
  return {
    ...v,
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: clip(msg(def, 'errorTitle'), MAX_TITLE),
    error: clip(error, MAX_ERROR),
  };
}

/** The validation for a value of the given kind, or a prompt-only validation (type any) for free text. */
function validationFor(
  def: Definition,
  label: string,
  kind: 'text' | 'enum' | 'int' | 'year' | 'date',
  vocab: string | undefined,
  hint: string | undefined,
): Validation | null {
  let v: Validation;
  switch (kind) {
    case 'enum': {
      if (!vocab) throw new Error(`enum field "${label}" has no vocabulary`);
      v = withError(
        def,
        { type: 'list', allowBlank: true, formulae: [listFormula(def, vocab)] },
        msg(def, 'listError', { field: label, allowed: def.vocab[vocab].values.join('、') }),
      );
      break;
    }
    case 'int':
      v = withError(
        def,
        { type: 'whole', operator: 'greaterThanOrEqual', allowBlank: true, formulae: [0] },
        msg(def, 'intError', { field: label }),
      );
      break;
    case 'year':
      v = withError(
        def,
        { type: 'whole', operator: 'between', allowBlank: true, formulae: [YEAR_MIN, YEAR_MAX] },
        msg(def, 'yearError', { field: label, from: YEAR_MIN, to: YEAR_MAX }),
      );
      break;
    case 'date':
      v = withError(
        def,
        {
          type: 'date',
          operator: 'between',
          allowBlank: true,
          formulae: [new Date(Date.UTC(YEAR_MIN, 0, 1)), new Date(Date.UTC(YEAR_MAX, 11, 31))],
        },
        msg(def, 'dateError', { field: label }),
      );
      break;
    default:
      if (!hint) return null;
      v = { type: 'any', allowBlank: true } as unknown as Validation;
  }
  return withPrompt(v, label, hint);
}

function infoKind(f: InfoFieldDef): 'text' | 'enum' | 'year' | 'date' {
  if (f.type === 'enum' || f.type === 'period') return f.vocab ? 'enum' : 'text';
  if (f.type === 'year') return 'year';
  if (f.type === 'date') return 'date';
  return 'text';
}

function columnKind(c: ColumnDef): 'text' | 'enum' | 'int' | 'date' {
  return c.type;
}

function numFmtFor(kind: 'text' | 'enum' | 'int' | 'year' | 'date', textType?: string): string | undefined {
  if (kind === 'date') return DATE_FORMAT;
  if (kind === 'year') return '0';
  // Codes and phone numbers stay text so that leading zeros survive.
  if (textType === 'code' || textType === 'phone') return '@';
  return undefined;
}

const baseFont: Partial<ExcelJS.Font> = { name: FONT, size: 11 };

function styleTitle(ws: ExcelJS.Worksheet, row: number, lastCol: number, text: string): void {
  ws.mergeCells(row, 1, row, lastCol);
  const c = ws.getCell(row, 1);
  c.value = text;
  c.font = { name: TITLE_FONT, size: 16, bold: true };
  c.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(row).height = 30;
}

function styleHeader(cell: ExcelJS.Cell, text: string): void {
  cell.value = text;
  cell.font = { ...baseFont, bold: true };
  cell.fill = fill(COLOR_HEADER);
  cell.border = BORDER;
  cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  cell.protection = { locked: true };
}

/**
 * Formats a whole column as an input column (unlocked, bordered, wrapped text or a date format) without
 * creating cells. Cells that already exist (title, header) keep their own style.
 */
function columnValueStyle(
  ws: ExcelJS.Worksheet,
  col: number,
  numFmt: string | undefined,
  wrap: boolean,
): void {
  const style: Partial<ExcelJS.Style> = {
    font: baseFont,
    border: BORDER,
    alignment: { vertical: 'middle', wrapText: wrap },
    protection: { locked: false },
    ...(numFmt ? { numFmt } : {}),
  };
  (ws.getColumn(col) as unknown as { style: Partial<ExcelJS.Style> }).style = style;
}

function styleLabel(cell: ExcelJS.Cell, text: string | number, center = false): void {
  cell.value = text;
  cell.font = baseFont;
  cell.fill = fill(COLOR_LABEL);
  cell.border = BORDER;
  cell.alignment = { vertical: 'middle', wrapText: true, ...(center ? { horizontal: 'center' } : {}) };
}

function styleValue(cell: ExcelJS.Cell, numFmt: string | undefined, wrap: boolean): void {
  cell.font = baseFont;
  cell.border = BORDER;
  cell.alignment = { vertical: 'middle', wrapText: wrap };
  cell.protection = { locked: false };
  if (numFmt) cell.numFmt = numFmt;
}

function styleLockedValue(cell: ExcelJS.Cell, value: string | number | null): void {
  cell.value = value;
  cell.font = baseFont;
  cell.fill = fill(COLOR_LOCKED_VALUE);
  cell.border = BORDER;
  cell.alignment = { vertical: 'middle', wrapText: true };
  cell.numFmt = typeof value === 'number' ? '0' : '@';
}

async function protect(
  ws: ExcelJS.Worksheet,
  extra: Partial<ExcelJS.WorksheetProtection> = {},
): Promise<void> {
  // No password (documented in 填报说明); spinCount kept small so protecting costs nothing.
  await ws.protect('', {
    spinCount: 1,
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    ...extra,
  });
}

function pageSetup(
  ws: ExcelJS.Worksheet,
  def: Definition,
  orientation: 'portrait' | 'landscape',
  titleRow: number | null,
): void {
  ws.pageSetup = {
    paperSize: 9,
    orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    ...(titleRow ? { printTitlesRow: `${titleRow}:${titleRow}` } : {}),
  };
  ws.headerFooter = { oddFooter: `&C${msg(def, 'footer')}` };
}

/** Builds the template as an exceljs workbook (fillWorkbook and the add-in start from the bytes). */
export async function buildTemplateWorkbook(
  def: Definition,
  opts: TemplateOptions = {},
): Promise<ExcelJS.Workbook> {
  const L = layoutOf(def);
  const wb = new ExcelJS.Workbook();
  wb.creator = msg(def, 'creator');
  wb.lastModifiedBy = msg(def, 'creator');
  wb.title = def.title;
  wb.subject = def.title;
  wb.created = TEMPLATE_DATE;
  wb.modified = TEMPLATE_DATE;
  wb.views = [
    { x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: 'visible' },
  ];
  const unit = opts.unit;

  // 填报说明 — read-only guide.
  {
    const ws = wb.addWorksheet(def.sheets.guide, { properties: { tabColor: { argb: 'FF2F5597' } } });
    // Narrow enough to print on A4 portrait without scaling.
    ws.columns = [{ width: 72 }];
    const t = ws.getCell(1, 1);
    t.value = def.title;
    t.font = { name: TITLE_FONT, size: 16, bold: true };
    t.alignment = { horizontal: 'center', vertical: 'middle' };
    ws.getRow(1).height = 32;
    let r = 2;
    const lines = [...def.guide];
    if (unit) lines.push(msg(def, 'unitLine', { unit: unit.name, code: unit.code }));
    for (const line of lines) {
      const c = ws.getCell(r, 1);
      c.value = line;
      c.font = { name: '仿宋', size: 12 };
      c.alignment = { vertical: 'top', wrapText: true };
      // Rough height so the wrapped text shows without autofit: ~30 CJK characters per line at this width.
      ws.getRow(r).height = Math.max(1, Math.ceil(line.length / 30)) * 17 + 4;
      r++;
    }
    r++;
    const v = ws.getCell(r, 1);
    v.value = msg(def, 'versionLine', { templateId: def.id, version: def.version });
    v.font = { name: FONT, size: 10, color: { argb: COLOR_MUTED } };
    await protect(ws, { formatColumns: false, formatRows: false });
    pageSetup(ws, def, 'portrait', null);
  }

  // 基本信息 — label / value / hint.
  {
    const li = L.info;
    const ws = wb.addWorksheet(def.sheets.info, {
      views: [{ state: 'frozen', xSplit: 0, ySplit: li.headerRow }],
    });
    ws.getColumn(li.labelCol).width = 22;
    ws.getColumn(li.valueCol).width = 36;
    ws.getColumn(li.hintCol).width = 56;
    const lastCol = Math.max(li.labelCol, li.valueCol, li.hintCol);
    styleTitle(ws, li.titleRow, lastCol, def.sheets.info);
    styleHeader(ws.getCell(li.headerRow, li.labelCol), msg(def, 'infoHeaderLabel'));
    styleHeader(ws.getCell(li.headerRow, li.valueCol), msg(def, 'infoHeaderValue'));
    styleHeader(ws.getCell(li.headerRow, li.hintCol), msg(def, 'infoHeaderHint'));
    def.info.forEach((f, i) => {
      const r = li.firstRow + i;
      ws.getRow(r).height = 24;
      styleLabel(ws.getCell(r, li.labelCol), f.label + (f.required ? REQUIRED_MARK : ''));
      const hint = ws.getCell(r, li.hintCol);
      hint.value = f.hint;
      hint.font = { ...baseFont, size: 10, color: { argb: COLOR_MUTED } };
      hint.border = BORDER;
      hint.alignment = { vertical: 'middle', wrapText: true };
      const cell = ws.getCell(r, li.valueCol);
      const locked =
        unit && f.fromRoster
          ? f.fromRoster === 'name'
            ? unit.name
            : unit.code
          : roundValue(opts.round, f.key);
      if (locked !== undefined) {
        styleLockedValue(cell, locked);
        return;
      }
      const kind = infoKind(f);
      styleValue(cell, numFmtFor(kind, f.type), true);
      const v = validationFor(def, f.label, kind, f.vocab, f.hint);
      if (v) addValidation(ws, cell.address, v);
    });
    await protect(ws);
    pageSetup(ws, def, 'portrait', li.headerRow);
  }

  // 工作指标 — one row per metric.
  {
    const lm = L.metrics;
    const cols = def.metricColumns;
    const ws = wb.addWorksheet(def.sheets.metrics, {
      views: [{ state: 'frozen', xSplit: 0, ySplit: lm.headerRow }],
    });
    cols.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
    styleTitle(ws, lm.titleRow, cols.length, def.sheets.metrics);
    ws.getRow(lm.headerRow).height = 28;
    cols.forEach((c, i) => styleHeader(ws.getCell(lm.headerRow, i + 1), c.label));
    const stockRows: number[] = [];
    def.metrics.forEach((m, i) => {
      const r = lm.firstRow + i;
      ws.getRow(r).height = 22;
      cols.forEach((c, ci) => {
        const cell = ws.getCell(r, ci + 1);
        switch (c.key) {
          case 'seq':
            styleLabel(cell, i + 1, true);
            return;
          case 'category':
          case 'name':
          case 'unit':
            styleLabel(cell, m[c.key], c.key === 'unit');
            return;
          case 'id':
            styleLabel(cell, m.id);
            cell.font = { ...baseFont, size: 9, color: { argb: COLOR_MUTED } };
            return;
          case 'ytd':
            if (m.kind === 'stock') {
              // A stock has no 本年累计: grey, locked, blank (the reader sees an empty cell).
              styleLockedValue(cell, null);
              cell.note = msg(def, 'stockYtdNote');
              stockRows.push(r);
              return;
            }
            styleValue(cell, undefined, false);
            return;
          default:
            styleValue(cell, undefined, c.type === 'text');
        }
      });
    });
    // Validations per column, bounded to the metric rows. 本年累计 skips stock rows (locked, blank); a
    // metric with its own hint (e.g. 配备网评员 is an end-of-period count) gets its own 本期数 prompt.
    const hinted = def.metrics.flatMap((m, i) => (m.hint ? [lm.firstRow + i] : []));
    cols.forEach((c, ci) => {
      if (METRIC_LABEL_KEYS.includes(c.key)) return;
      const v = validationFor(def, c.label, columnKind(c), c.vocab, c.hint);
      if (!v) return;
      const letter = columnLetters(ci);
      const own = c.key === 'current' ? hinted : [];
      const skip = c.key === 'ytd' ? stockRows : own;
      for (const [a, b] of rowRuns(lm.firstRow, lm.lastRow, skip))
        addValidation(ws, a === b ? `${letter}${a}` : `${letter}${a}:${letter}${b}`, v);
      for (const r of own) {
        const m = def.metrics[r - lm.firstRow];
        addValidation(ws, `${letter}${r}`, withPrompt(v, m.name, `${m.hint}。${c.hint ?? ''}`));
      }
    });
    await protect(ws);
    pageSetup(ws, def, 'portrait', lm.headerRow);
  }

  // 风险隐患台账 — header + prepared empty rows.
  {
    const lr = L.risks;
    const cols = def.riskColumns;
    const ws = wb.addWorksheet(def.sheets.risks, {
      views: [{ state: 'frozen', xSplit: 1, ySplit: lr.headerRow }],
    });
    cols.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
    styleTitle(ws, lr.titleRow, cols.length, def.sheets.risks);
    ws.getRow(lr.headerRow).height = 30;
    cols.forEach((c, i) =>
      styleHeader(ws.getCell(lr.headerRow, i + 1), c.label + (c.required ? REQUIRED_MARK : '')),
    );
    // The data rows carry no cells: each column's own style (unlocked, bordered, date format) formats
    // what the user types. This keeps the file small and fast to fill and to read.
    cols.forEach((c, ci) => columnValueStyle(ws, ci + 1, numFmtFor(columnKind(c)), columnKind(c) === 'text'));
    cols.forEach((c, ci) => {
      const v = validationFor(def, c.label, columnKind(c), c.vocab, c.hint);
      const letter = columnLetters(ci);
      if (v) addValidation(ws, `${letter}${lr.firstRow}:${letter}${lr.lastRow}`, v);
    });
    await protect(ws, { insertRows: true, deleteRows: true, sort: true, autoFilter: true });
    pageSetup(ws, def, 'landscape', lr.headerRow);
  }

  // 工作情况 — field rows, then header + prepared rows.
  {
    const ln = L.narrative;
    const cols = def.narrativeColumns;
    const ws = wb.addWorksheet(def.sheets.narrative, {
      views: [{ state: 'frozen', xSplit: 0, ySplit: ln.headerRow }],
    });
    cols.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
    const lastCol = Math.max(cols.length, ln.valueCol);
    styleTitle(ws, ln.titleRow, lastCol, def.sheets.narrative);
    def.narrativeFields.forEach((f, i) => {
      const r = ln.fieldsRow + i;
      ws.getRow(r).height = 22;
      styleLabel(ws.getCell(r, ln.labelCol), f.label + (f.required ? REQUIRED_MARK : ''));
      const kind = infoKind(f);
      const cell = ws.getCell(r, ln.valueCol);
      styleValue(cell, numFmtFor(kind, f.type), false);
      if (lastCol > ln.valueCol) {
        ws.mergeCells(r, ln.valueCol, r, lastCol);
        cell.alignment = { vertical: 'middle', horizontal: 'left' };
      }
      const v = validationFor(def, f.label, kind, f.vocab, f.hint);
      if (v) addValidation(ws, cell.address, v);
    });
    ws.getRow(ln.headerRow).height = 28;
    cols.forEach((c, i) =>
      styleHeader(ws.getCell(ln.headerRow, i + 1), c.label + (c.required ? REQUIRED_MARK : '')),
    );
    // The gap row between the fields and the table stays plain (the column styles below would border it).
    for (let r = ln.fieldsRow + def.narrativeFields.length; r < ln.headerRow; r++)
      for (let c = 1; c <= lastCol; c++) ws.getCell(r, c).protection = { locked: true };
    cols.forEach((c, ci) => columnValueStyle(ws, ci + 1, numFmtFor(columnKind(c)), columnKind(c) === 'text'));
    cols.forEach((c, ci) => {
      const v = validationFor(def, c.label, columnKind(c), c.vocab, c.hint);
      const letter = columnLetters(ci);
      if (v) addValidation(ws, `${letter}${ln.firstRow}:${letter}${ln.lastRow}`, v);
    });
    await protect(ws, { insertRows: true, deleteRows: true });
    pageSetup(ws, def, 'landscape', ln.headerRow);
  }

  // Meta sheet — veryHidden key/value pairs.
  {
    const lm = L.meta;
    const ws = wb.addWorksheet(def.sheets.meta, { state: 'veryHidden' });
    ws.getColumn(lm.keyCol).width = 16;
    ws.getColumn(lm.valueCol).width = 40;
    const rows: [string, string][] = [
      [META_KEYS.templateId, def.id],
      [META_KEYS.version, def.version],
    ];
    if (unit) rows.push([META_KEYS.unitCode, unit.code], [META_KEYS.unitName, unit.name]);
    rows.push([META_KEYS.hash, definitionHash(def)]);
    rows.forEach(([k, v], i) => {
      ws.getCell(i + 1, lm.keyCol).value = k;
      const c = ws.getCell(i + 1, lm.valueCol);
      c.value = v;
      c.numFmt = '@';
    });
    await protect(ws);
  }
  return wb;
}

/** Contiguous [from, to] runs of rows between first and last, leaving out the given rows. */
function rowRuns(first: number, last: number, skip: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  let start: number | null = null;
  for (let r = first; r <= last + 1; r++) {
    const inside = r <= last && !skip.includes(r);
    if (inside && start === null) start = r;
    if (!inside && start !== null) {
      out.push([start, r - 1]);
      start = null;
    }
  }
  return out;
}

/** Writes the standard template: blank, or pre-filled and locked for one roster unit. */
export async function writeTemplate(def: Definition, opts: TemplateOptions = {}): Promise<Uint8Array> {
  const wb = await buildTemplateWorkbook(def, opts);
  const parts = unzip(new Uint8Array(await wb.xlsx.writeBuffer()));
  // exceljs makes Calibri (theme minor font) the workbook default; make it 宋体 so that cells typed
  // outside the prepared area look like the rest.
  const styles = parts.find((p) => p.name === 'xl/styles.xml');
  if (styles) {
    const doc = parseXml(decodeXmlBytes(styles.data));
    const font = findPath(doc.root, NS.main, 'fonts', 'font');
    if (font) {
      const scheme = childElement(font, NS.main, 'scheme');
      if (scheme && getAttr(scheme, 'val') === 'minor') removeChild(font, scheme);
      const name = childElement(font, NS.main, 'name');
      if (name) setAttr(name, 'val', FONT);
    }
    styles.data = new TextEncoder().encode(serializeXml(doc));
  }
  // Re-packed with native deflate and fixed timestamps: the same definition gives the same bytes.
  return writeZip(await Promise.all(parts.map((p) => nativeDeflatedEntry(p.name, p.data))), TEMPLATE_DATE);
}
