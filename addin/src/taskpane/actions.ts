// What each task-pane command does: shared pipeline (same checker and report builder as the importer)
// plus host calls (excel.ts, word.ts). Returns results and Chinese notices; taskpane.ts renders them.
import {
  DATE_FORMAT,
  DRAFT_MARK,
  DefinitionRegistry,
  checkGrid,
  selectDefinition,
  locateSheets,
  writeTemplate,
  type CellValue,
  type CheckResult,
  type Definition,
  type Issue,
  type Submission,
  type WorkbookGrid,
} from '../../../templates/src/index';
import {
  allLocated,
  isDateFormat,
  plannedRead,
  probeAddress,
  readLimits,
  sheetState,
  sheetsToRead,
  snapshotsToGrid,
  type SheetSnapshot,
} from './excel-grid';
import * as excel from './excel';
import type { CellState, CellWrite } from './excel';
import { fixText, type Fix } from './fixes';
import { MARK_FILL, MARK_FORMULA, marksFor, planMarks, type PlacedMark } from './marks';
import * as word from './word';
import {
  buildReport,
  bytesToBase64,
  countIssues,
  reportDecision,
  type BuiltReport,
  type ReportDecision,
} from './pipeline';

export type NoticeLevel = 'info' | 'success' | 'warning' | 'error';
export interface Notice {
  level: NoticeLevel;
  text: string;
}

function standardSheetNames(def: Definition): string[] {
  return [def.sheets.guide, def.sheets.info, def.sheets.metrics, def.sheets.risks, def.sheets.narrative];
}

function quoteList(names: readonly string[]): string {
  return names.map((n) => `“${n}”`).join('');
}

/** One-line summary of a check. */
export function checkSummary(issues: readonly Issue[], canSelect = false): Notice {
  const { errors, warnings } = countIssues(issues);
  if (errors === 0 && warnings === 0) return { level: 'success', text: '校验通过：未发现问题。' };
  if (errors === 0)
    return {
      level: 'warning',
      text: `未发现错误，有${warnings}处警告，请逐条核实${canSelect ? '（点击可定位到单元格）' : ''}。`,
    };
  return {
    level: 'error',
    text: `发现${errors}处错误${warnings ? `、${warnings}处警告` : ''}。错误须修改后再报送，警告请核实。`,
  };
}

// ---------------------------------------------------------------- Excel

export interface InsertOutcome {
  inserted: boolean;
  notices: Notice[];
}

/** 插入标准填报表: the template's sheets, as writeTemplate writes them, into the open workbook. */
export async function insertTemplate(def: Definition): Promise<InsertOutcome> {
  if (!excel.excelApiSupported('1.13')) {
    return {
      inserted: false,
      notices: [
        {
          level: 'error',
          text:
            '当前Excel版本不支持插入工作表（需要ExcelApi 1.13：Microsoft 365、Excel 2021及以上或Excel网页版）。' +
            '请使用上级下发的标准填报表文件填写。',
        },
      ],
    };
  }
  const existing = await excel.existingSheets(standardSheetNames(def));
  if (existing.length > 0) {
    return {
      inserted: false,
      notices: [
        {
          level: 'warning',
          text:
            `当前工作簿已有${quoteList(existing)}工作表，未重复插入。` +
            '如需重新插入，请新建空白工作簿后再点击“插入标准填报表”。',
        },
      ],
    };
  }
  const bytes = await writeTemplate(def);
  await excel.insertWorksheets(bytesToBase64(bytes), def.sheets.info);
  return {
    inserted: true,
    notices: [
      {
        level: 'success',
        text: `已插入标准填报表：${quoteList(standardSheetNames(def))}工作表。请先阅读“${def.sheets.guide}”，再逐表填写。`,
      },
    ],
  };
}

/**
 * Reads what the checker needs of the open workbook for `def`: only the sheets the checker uses — the
 * standard sheets by name; only when one is missing by name, the first rows of the other sheets to
 * recognise it by its header row — each from A1 to the end of its used range. A sheet whose used range
 * goes beyond the template's size plus room (readLimits) is not read: it is an issue instead. No response
 * comes near Excel on the web's 5 MB limit, whatever else the workbook holds; sheets of the user's own are
 * never read in full.
 */
async function readOpenWorkbook(def: Definition): Promise<{ grid: WorkbookGrid } | { refused: Issue[] }> {
  const sheets = await excel.listSheets();
  // Names only (no rows): locateSheets finds the sheets it knows by name.
  const names: WorkbookGrid = {
    sheets: sheets.map((s) => ({ name: s.name, state: sheetState(s.visibility), rows: [] })),
  };
  let loc = locateSheets(names, def);
  if (!allLocated(loc)) {
    const known = new Set(Object.values(loc));
    const others = sheets.filter((s) => !known.has(s.name));
    const probes = others.length
      ? await excel.loadRanges(others.map((s) => ({ ...s, address: probeAddress(def) })))
      : [];
    const probed = snapshotsToGrid(probes);
    loc = locateSheets(
      { sheets: names.sheets.map((g) => probed.sheets.find((p) => p.name === g.name) ?? g) },
      def,
    );
  }
  const wanted = sheetsToRead(loc);
  const limits = readLimits(def);
  const used = await excel.usedRangeAddresses(wanted.map((w) => w.name));
  const plans = wanted.map((w, i) => ({ ...w, plan: plannedRead(w.name, used[i], limits[w.role], def) }));
  const refused = plans.flatMap((p) => ('issue' in p.plan ? [p.plan.issue] : []));
  if (refused.length > 0) return { refused };
  // Workbook order, as checkGrid would see the whole workbook; one sync per sheet keeps responses small.
  const snapshots: SheetSnapshot[] = [];
  for (const s of sheets) {
    const p = plans.find((x) => x.name === s.name);
    if (!p || 'issue' in p.plan) continue;
    if (p.plan.address === null) snapshots.push({ ...s, address: null, values: [] });
    else snapshots.push(...(await excel.loadRanges([{ ...s, address: p.plan.address }])));
  }
  return { grid: snapshotsToGrid(snapshots) };
}

/** A check of the open workbook with what it was made from: the grid read and the definition used. */
export interface OpenWorkbookCheck {
  check: CheckResult;
  /** What was read (null when a sheet was too large to read). */
  grid: WorkbookGrid | null;
  def: Definition;
}

/**
 * 校验 the open workbook (readOpenWorkbook) against `def`, or against the definition of the registry its
 * template id names: read with the registry's default, then — when the workbook names another — read
 * again with that one's sheets and limits. The result's definitionId names the definition used.
 */
export async function inspectOpenWorkbook(defs: Definition | DefinitionRegistry): Promise<OpenWorkbookCheck> {
  let def = defs instanceof DefinitionRegistry ? defs.all[0] : defs;
  let read = await readOpenWorkbook(def);
  if (defs instanceof DefinitionRegistry && 'grid' in read) {
    const chosen = selectDefinition(read.grid, defs);
    if ('issue' in chosen)
      return { check: { submission: null, issues: [chosen.issue] }, grid: read.grid, def };
    if (chosen.def !== def) {
      def = chosen.def;
      read = await readOpenWorkbook(def);
    }
  }
  if ('refused' in read)
    return { check: { submission: null, issues: read.refused, definitionId: def.id }, grid: null, def };
  return { check: { ...checkGrid(read.grid, def), definitionId: def.id }, grid: read.grid, def };
}

/** 校验 with one definition (inspectOpenWorkbook). */
export async function checkOpenWorkbook(def: Definition): Promise<CheckResult> {
  const { check } = await inspectOpenWorkbook(def);
  return check;
}

// ---------------------------------------------------------------- Excel: one-click fixes and their undo

/** A fix written to the workbook, with what the cell held before (for 撤销). */
export interface AppliedFix {
  fix: Fix;
  previous: { value: string | number; numberFormat: string };
  written: CellWrite;
}

function isFormula(state: CellState): boolean {
  return typeof state.formula === 'string' && state.formula.startsWith('=');
}

/** The cell still holds what the check read (a date-formatted number is read as a Date: never a fix). */
function stillHolds(state: CellState, before: CellValue): boolean {
  return (typeof before === 'string' || typeof before === 'number') && state.value === before;
}

/** What a fix writes, keeping the cell's number format unless the new value needs another. */
function fixWrite(fix: Fix, state: CellState): CellWrite {
  const at = { sheet: fix.sheet, cell: fix.cell };
  const v = fix.after;
  if (v.kind === 'number')
    return {
      ...at,
      value: v.value,
      numberFormat: state.numberFormat === '@' ? 'General' : state.numberFormat,
    };
  if (v.kind === 'date')
    return {
      ...at,
      value: v.serial,
      numberFormat: isDateFormat(state.numberFormat) ? state.numberFormat : DATE_FORMAT,
    };
  return { ...at, value: v.value, numberFormat: state.numberFormat };
}

export interface FixOutcome {
  applied: AppliedFix[];
  notices: Notice[];
}

/**
 * 修正: writes each fix whose cell still holds what was checked and is not a formula (one read, one write);
 * the others are left as they are, and said so.
 */
export async function applyFixes(fixes: readonly Fix[]): Promise<FixOutcome> {
  const states = await excel.readCells(fixes);
  const applied: AppliedFix[] = [];
  const changed: string[] = [];
  fixes.forEach((fix, i) => {
    const st = states[i];
    if (isFormula(st) || !stillHolds(st, fix.before) || typeof fix.before === 'boolean') {
      changed.push(fix.cell);
      return;
    }
    applied.push({
      fix,
      previous: { value: fix.before as string | number, numberFormat: st.numberFormat },
      written: fixWrite(fix, st),
    });
  });
  await excel.writeCells(applied.map((a) => a.written));
  const notices: Notice[] = [];
  if (applied.length > 0)
    notices.push({
      level: 'success',
      text:
        applied.length === 1
          ? `已修正“${applied[0].fix.sheet}”工作表${applied[0].fix.cell}单元格：${fixText(applied[0].fix)}。可点击“撤销”恢复。`
          : `已修正${applied.length}处单元格。可点击“撤销”恢复。`,
    });
  if (changed.length > 0)
    notices.push({
      level: 'warning',
      text: `${changed.join('、')}单元格在校验后已改动（或是公式），未修正。已重新校验，请按新的结果处理。`,
    });
  return { applied, notices };
}

/** 撤销: puts back what each fixed cell held, where it still holds what the fix wrote. */
export async function undoFixes(
  applied: readonly AppliedFix[],
): Promise<{ undone: AppliedFix[]; notices: Notice[] }> {
  const states = await excel.readCells(applied.map((a) => a.fix));
  const undone = applied.filter((a, i) => !isFormula(states[i]) && states[i].value === a.written.value);
  const kept = applied.filter((a) => !undone.includes(a));
  await excel.writeCells(
    undone.map((a) => ({
      sheet: a.fix.sheet,
      cell: a.fix.cell,
      value: a.previous.value,
      numberFormat: a.previous.numberFormat,
    })),
  );
  const notices: Notice[] = [];
  if (undone.length > 0)
    notices.push({
      level: 'info',
      text:
        undone.length === 1
          ? `已撤销：${undone[0].fix.cell}单元格恢复为“${String(undone[0].previous.value)}”。`
          : `已撤销：${undone.length}处单元格恢复为原来的内容。`,
    });
  if (kept.length > 0)
    notices.push({
      level: 'warning',
      text: `${kept.map((a) => a.fix.cell).join('、')}单元格在修正后又被改动，未撤销，以免覆盖新填写的内容。`,
    });
  return { undone, notices };
}

// ---------------------------------------------------------------- Excel: marks on the offending cells

/**
 * The marks this pane has put in the workbook. Changes run one after another; each brings the workbook
 * from the marks placed to the ones wanted (planMarks), so an unchanged issue keeps its mark.
 */
export class CellMarks {
  private placed: (PlacedMark & { sheetId: string })[] = [];
  private queue: Promise<unknown> = Promise.resolve();

  /** How many cells are marked now. */
  get count(): number {
    return this.placed.length;
  }

  private enqueue(work: () => Promise<void>): Promise<string | null> {
    const next = this.queue.then(work).then(
      () => null,
      (e: unknown) => (e instanceof Error ? e.message : String(e)) || '未知错误',
    );
    this.queue = next;
    return next;
  }

  /** Marks the cells of these issues (and removes the other marks). Resolves to an error text or null. */
  show(issues: readonly Issue[]): Promise<string | null> {
    return this.enqueue(async () => {
      const plan = planMarks(this.placed, marksFor(issues));
      await excel.removeMarks(plan.remove);
      this.placed = this.placed.filter((p) => !plan.remove.includes(p));
      this.placed.push(...(await excel.addMarks(plan.add, MARK_FORMULA, MARK_FILL)));
    });
  }

  /** Removes every mark this pane placed. */
  clear(): Promise<string | null> {
    return this.enqueue(async () => {
      const placed = this.placed;
      this.placed = [];
      await excel.removeMarks(placed);
    });
  }

  /** Removes marks a pane left in the workbook (closed before it could remove them). */
  removeLeftovers(): Promise<string | null> {
    return this.enqueue(async () => {
      await excel.removeTaggedMarks(MARK_FORMULA);
    });
  }
}

// ---------------------------------------------------------------- the report rule, for every mode

export interface ReportOptions {
  /** The user chose “仍然生成草稿”: a workbook with errors gives a draft instead of nothing. */
  allowDraft?: boolean;
}

/** What to build from a check: the report, a draft, or nothing (with the notice saying why). */
export type ReportPlan =
  | { build: true; sub: Submission; draft: boolean; errors: number }
  | { build: false; offerDraft: boolean; notice: Notice };

/** Applies reportDecision, the same in Excel, Word and the standalone page. */
export function planReport(check: CheckResult, opts: ReportOptions = {}): ReportPlan {
  const d: ReportDecision = reportDecision(check);
  if (d.kind === 'report') return { build: true, sub: d.sub, draft: false, errors: 0 };
  if (d.kind === 'draftOnly' && opts.allowDraft)
    return { build: true, sub: d.sub, draft: true, errors: d.errors };
  if (d.kind === 'draftOnly')
    return {
      build: false,
      offerDraft: true,
      notice: {
        level: 'error',
        text:
          `填报表还有${d.errors}处错误，未生成报告。请按下方校验结果修改后重新生成；` +
          `如需先看草稿，可点击“仍然生成草稿”（标题标注“${DRAFT_MARK}”，不能作为正式报告报送）。`,
      },
    };
  const first = check.issues.find((i) => i.severity === 'error');
  return {
    build: false,
    offerDraft: false,
    notice: { level: 'error', text: `无法生成报告：${first ? first.message : '没有读到填报内容。'}` },
  };
}

/** The notice for a built draft (never a green success). */
function draftNotice(errors: number, what: string): Notice {
  return {
    level: 'warning',
    text:
      `${what}。填报表还有${errors}处错误，这是草稿：标题标注“${DRAFT_MARK}”，` +
      '首页注明据有错误的填报表生成，不能作为正式报告报送。请修改填报表后重新生成。',
  };
}

export interface ReportOutcome {
  check: CheckResult;
  report: BuiltReport | null;
  /** True when the workbook has errors and the pane should offer “仍然生成草稿”. */
  offerDraft: boolean;
  notices: Notice[];
}

/** 生成报告 / 下载报告 from a check (Excel reads the open workbook first; the standalone page has a file). */
export async function reportFromCheck(
  check: CheckResult,
  def: Definition,
  opts: ReportOptions = {},
): Promise<ReportOutcome> {
  const plan = planReport(check, opts);
  if (!plan.build) return { check, report: null, offerDraft: plan.offerDraft, notices: [plan.notice] };
  const report = await buildReport(plan.sub, def, { draft: plan.draft });
  const notices = [
    plan.draft
      ? draftNotice(plan.errors, `已生成草稿：${report.fileName}`)
      : { level: 'success' as const, text: `报告已生成：${report.fileName}` },
  ];
  return { check, report, offerDraft: plan.draft, notices };
}

/** 生成报告 in Excel: check the open workbook (with the definition it names), then build the .docx in the pane (the rule above). */
export async function reportFromOpenWorkbook(
  defs: Definition | DefinitionRegistry,
  platform: string | null = null,
  opts: ReportOptions = {},
): Promise<ReportOutcome & OpenWorkbookCheck> {
  const { check, def, grid } = await inspectOpenWorkbook(defs);
  const out = { ...(await reportFromCheck(check, def, opts)), def, grid };
  if (out.report && platform === 'Mac') {
    out.notices.push({
      level: 'warning',
      text:
        'Mac版Excel的任务窗格不能下载文件，点击下方链接可能没有反应。请保存本工作簿，' +
        '在Word中打开本加载项，点击“选择填报表”选中本文件，再点击“插入报告”。',
    });
  }
  return out;
}

// ---------------------------------------------------------------- Word

/** Where the report goes in Word: ask first when the document has content, or as the user chose. */
export type Placement = 'ask' | 'replace' | 'cursor';

export interface WordOutcome {
  /** 'confirm': the document has content; the pane asks and calls again with 'replace' or 'cursor'. */
  result: 'inserted' | 'confirm' | 'refused';
  mode: 'document' | 'body' | 'cursor' | null;
  offerDraft: boolean;
  notices: Notice[];
}

/** 插入报告: the report into the current document — replacing it only when it is empty or the user said so. */
export async function insertReportIntoWord(
  check: CheckResult,
  def: Definition,
  opts: ReportOptions & { placement?: Placement } = {},
): Promise<WordOutcome> {
  const plan = planReport(check, opts);
  if (!plan.build)
    return { result: 'refused', mode: null, offerDraft: plan.offerDraft, notices: [plan.notice] };
  const placement = opts.placement ?? 'ask';
  if (placement === 'ask' && !(await word.documentIsEmpty()))
    return { result: 'confirm', mode: null, offerDraft: plan.draft, notices: [] };
  const report = await buildReport(plan.sub, def, { draft: plan.draft });
  let mode: WordOutcome['mode'];
  if (placement === 'cursor') {
    await word.insertAtCursor(report.base64);
    mode = 'cursor';
  } else {
    mode = await word.replaceDocument(report.base64);
  }
  const what =
    mode === 'document'
      ? '已插入当前文档（含页面设置、页眉页脚和页码）'
      : mode === 'cursor'
        ? '已插入到光标处（页眉页脚、页码和页面设置不随之插入，沿用当前文档的设置）'
        : '已插入当前文档，但当前Word版本（低于WordApi 1.5）不能带入页眉页脚和页面设置，页码已丢失。' +
          '可点击“在新文档中打开”获得完整格式，或在Word中自行设置页码';
  const notices: Notice[] = plan.draft
    ? [draftNotice(plan.errors, `草稿${what}`)]
    : [{ level: mode === 'body' ? 'warning' : 'success', text: `报告${what}。` }];
  return { result: 'inserted', mode, offerDraft: plan.draft, notices };
}

/** 在新文档中打开 (WordApi 1.3), under the same rule. */
export async function openReportInNewDocument(
  check: CheckResult,
  def: Definition,
  opts: ReportOptions = {},
): Promise<{ opened: boolean; offerDraft: boolean; notices: Notice[] }> {
  const plan = planReport(check, opts);
  if (!plan.build) return { opened: false, offerDraft: plan.offerDraft, notices: [plan.notice] };
  if (!word.wordApiSupported('1.3')) {
    return {
      opened: false,
      offerDraft: plan.draft,
      notices: [
        { level: 'error', text: '当前Word版本不支持新建文档（需要WordApi 1.3），请使用“插入报告”。' },
      ],
    };
  }
  const report = await buildReport(plan.sub, def, { draft: plan.draft });
  await word.openNewDocument(report.base64);
  return {
    opened: true,
    offerDraft: plan.draft,
    notices: [
      plan.draft
        ? draftNotice(plan.errors, '草稿已在新文档中打开')
        : { level: 'success', text: '报告已在新文档中打开，请保存。' },
    ],
  };
}
