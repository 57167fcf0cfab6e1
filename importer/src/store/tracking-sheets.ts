// The workspace's sheets in 汇总台账.xlsx: 环比 (this period against the previous one, per unit and metric)
// and 跨期核对 (cross-period 警告: vanished or reopened risks, 本年累计 against the sum of the periods).
// Written with exceljs' streaming WorkbookWriter (the tracking workbook is streamed).
import type ExcelJS from 'exceljs';
import {
  addSheet,
  BOLD_FONT,
  FILLS,
  headerRow as header,
  SHEET_FONT,
  type SheetBook,
} from '../import/sheet-style';
import { num, text } from '../import/tracking';
import type { RiskTrackKind } from './analysis';
import type { PeriodView } from './store';

export const WORKSPACE_SHEETS = {
  comparison: '环比',
  riskTracking: '风险跟踪',
  crossChecks: '跨期核对',
} as const;

export const COMPARISON_COLUMNS = [
  '单位代码',
  '单位名称',
  '类别',
  '指标',
  '计量单位',
  '本期数',
  '上期数',
  '增减',
  '增减幅度',
  '备注',
] as const;

export const RISK_TRACK_COLUMNS = [
  '单位代码',
  '单位名称',
  '风险编号',
  '风险类别',
  '风险等级',
  '风险隐患描述',
  '上期整改状态',
  '本期整改状态',
  '跟踪情况',
] as const;

export const CROSS_CHECK_COLUMNS = [
  '单位代码',
  '单位名称',
  '文件',
  '严重程度',
  '项目',
  '值',
  '问题说明',
] as const;

export const RISK_TRACK_LABEL: Record<RiskTrackKind, string> = {
  new: '本期新增',
  carried: '上期延续',
  resolved: '本期整改完成',
  closed: '上期已整改',
  vanished: '未再报告（未标记已整改）',
  reopened: '已整改后重新出现',
};

const WARNING_FILL = FILLS.warning;
const UP_FONT: Partial<ExcelJS.Font> = { ...SHEET_FONT, color: { argb: 'FF006100' } };
const DOWN_FONT: Partial<ExcelJS.Font> = { ...SHEET_FONT, color: { argb: 'FF9C0006' } };

function codeOf(unitKey: string): string {
  return unitKey.startsWith('名称:') || unitKey.startsWith('#') ? '' : unitKey;
}

/** Adds the 环比 and 跨期核对 sheets for a period view. Returns the number of rows written to each. */
export function addWorkspaceSheets(
  wb: SheetBook,
  view: PeriodView,
  caption = '',
): { comparisonRows: number; riskRows: number; crossCheckRows: number } {
  // ---- 环比 ----
  const cmp = addSheet(wb, WORKSPACE_SHEETS.comparison, {
    widths: [11, 18, 10, 30, 7, 8, 8, 8, 8, 24],
    frozen: { x: 2, y: 2 },
    titleRows: '2:2',
    caption,
  });
  const title = cmp.addRow([
    view.previousLabel
      ? `${view.label}与${view.previousLabel}环比（本期数对比上期数）`
      : `${view.label}（无上期可比）`,
  ]);
  title.font = { ...BOLD_FONT, size: 12 };
  title.commit();
  header(cmp, COMPARISON_COLUMNS);
  let comparisonRows = 0;
  // By unit key, compared as plain strings (the same order on every machine, whatever its locale).
  const units = [...view.units].sort((a, b) => (a.unitKey < b.unitKey ? -1 : a.unitKey > b.unitKey ? 1 : 0));
  for (const u of units) {
    const note =
      u.current.status === 'errors'
        ? '本期报送有错误，数字待核实'
        : u.previous
          ? u.previous.status === 'errors'
            ? '上期报送有错误，数字待核实'
            : ''
          : '上期未报送';
    for (const m of u.metrics) {
      const pct = m.change != null && m.previous ? m.change / m.previous : null;
      const row = cmp.addRow([
        text(codeOf(u.unitKey)),
        text(u.unitName),
        m.category,
        m.name,
        m.unit,
        num(m.current),
        num(m.previous),
        num(m.change),
        num(pct),
        note,
      ]);
      row.getCell(9).numFmt = '0.0%';
      if (m.change != null && m.change !== 0) row.getCell(8).font = m.change > 0 ? UP_FONT : DOWN_FONT;
      row.commit();
      comparisonRows++;
    }
  }
  cmp.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: COMPARISON_COLUMNS.length } };
  cmp.commit?.();

  // ---- 风险跟踪 ----
  const rt = addSheet(wb, WORKSPACE_SHEETS.riskTracking, {
    widths: [11, 18, 12, 12, 8, 40, 11, 11, 20],
    frozen: { x: 3, y: 1 },
    titleRows: '1:1',
    caption,
  });
  header(rt, RISK_TRACK_COLUMNS);
  let riskRows = 0;
  for (const u of units) {
    for (const r of u.risks) {
      const row = rt.addRow([
        text(codeOf(u.unitKey)),
        text(u.unitName),
        text(r.riskId),
        text(r.category),
        text(r.level),
        text(r.description),
        text(r.previousStatus),
        text(r.currentStatus),
        RISK_TRACK_LABEL[r.kind],
      ]);
      row.getCell(6).alignment = { wrapText: true, vertical: 'top' };
      if (r.kind === 'vanished' || r.kind === 'reopened') row.getCell(9).fill = WARNING_FILL;
      row.commit();
      riskRows++;
    }
  }
  rt.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: RISK_TRACK_COLUMNS.length } };
  rt.commit?.();

  // ---- 跨期核对 ----
  const chk = addSheet(wb, WORKSPACE_SHEETS.crossChecks, {
    widths: [11, 18, 26, 7, 18, 12, 60],
    frozen: { y: 1 },
    titleRows: '1:1',
    caption,
  });
  header(chk, CROSS_CHECK_COLUMNS);
  let crossCheckRows = 0;
  for (const u of units) {
    for (const w of u.warnings) {
      const row = chk.addRow([
        text(codeOf(u.unitKey)),
        text(u.unitName),
        text(u.current.fileName),
        w.severity === 'error' ? '错误' : '警告',
        text(w.field),
        text(w.value),
        text(w.message),
      ]);
      row.getCell(4).fill = WARNING_FILL;
      row.getCell(7).alignment = { wrapText: true, vertical: 'top' };
      row.commit();
      crossCheckRows++;
    }
  }
  if (crossCheckRows === 0) {
    const row = chk.addRow([
      '',
      '',
      '',
      '',
      '',
      '',
      view.previousLabel
        ? `未发现跨期问题（已与${view.previousLabel}及本年各期核对）。`
        : '数据库中没有上期报送，未做跨期核对。',
    ]);
    row.commit();
  }
  chk.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: CROSS_CHECK_COLUMNS.length } };
  chk.commit?.();
  return { comparisonRows, riskRows, crossCheckRows };
}
