// Where things sit in the template the writer produces. The reader does not depend on these positions
// (it finds sheets, labels and header rows by text) but the writer, the add-in and tests do.
import type { Definition } from '../standard/types';

export interface TableLayout {
  /** 1-based row of the sheet title. */
  titleRow: number;
  /** 1-based header row. */
  headerRow: number;
  /** 1-based first data row. */
  firstRow: number;
  /** 1-based last data row prepared (validations are bounded to firstRow..lastRow). */
  lastRow: number;
}

export interface Layout {
  info: TableLayout & { labelCol: number; valueCol: number; hintCol: number };
  metrics: TableLayout;
  risks: TableLayout;
  narrative: TableLayout & { fieldsRow: number; labelCol: number; valueCol: number };
  meta: { keyCol: number; valueCol: number };
}

export function layoutOf(def: Definition): Layout {
  const narrativeFieldsRow = 2;
  const narrativeHeader = narrativeFieldsRow + def.narrativeFields.length + 1;
  return {
    info: {
      titleRow: 1,
      headerRow: 2,
      firstRow: 3,
      lastRow: 2 + def.info.length,
      labelCol: 1,
      valueCol: 2,
      hintCol: 3,
    },
    metrics: { titleRow: 1, headerRow: 2, firstRow: 3, lastRow: 2 + def.metrics.length },
    risks: { titleRow: 1, headerRow: 2, firstRow: 3, lastRow: 2 + def.riskRows },
    narrative: {
      titleRow: 1,
      fieldsRow: narrativeFieldsRow,
      labelCol: 1,
      valueCol: 2,
      headerRow: narrativeHeader,
      firstRow: narrativeHeader + 1,
      lastRow: narrativeHeader + def.narrativeRows,
    },
    meta: { keyCol: 1, valueCol: 2 },
  };
}

/** Rows and columns (counted from A1) one template sheet can fill. */
export interface SheetSize {
  rows: number;
  cols: number;
}

/**
 * How far each sheet of the template reaches: the cells the writer fills or prepares for the user, the
 * pre-filled unit line of 填报说明 and every meta key included. The add-in reads no further than this
 * (plus room for rows and columns users add) from an open workbook.
 */
export function templateSize(
  def: Definition,
): Record<'guide' | 'info' | 'metrics' | 'risks' | 'narrative' | 'meta', SheetSize> {
  const L = layoutOf(def);
  return {
    // Title, the guide lines, the unit line, a blank row and the version line; one column.
    guide: { rows: def.guide.length + 4, cols: 1 },
    info: { rows: L.info.lastRow, cols: Math.max(L.info.labelCol, L.info.valueCol, L.info.hintCol) },
    metrics: { rows: L.metrics.lastRow, cols: def.metricColumns.length },
    risks: { rows: L.risks.lastRow, cols: def.riskColumns.length },
    narrative: {
      rows: L.narrative.lastRow,
      cols: Math.max(def.narrativeColumns.length, L.narrative.valueCol),
    },
    meta: { rows: META_CARRY_ROW + 1, cols: Math.max(L.meta.keyCol, L.meta.valueCol) },
  };
}

/** Meta sheet keys (column A) → values (column B). */
export const META_KEYS = {
  templateId: '模板标识',
  version: '模板版本',
  unitCode: '单位代码',
  unitName: '单位名称',
  /** A content hash of the definition the template was made from (registry.ts definitionHash). */
  hash: '标准摘要',
  /** Next round's workbook: the 风险编号 carried from the last round (JSON array). */
  carriedRisks: '沿用风险编号',
  /** Next round's workbook: flow metric id → 本年累计 before this period (JSON object). */
  ytdBefore: '上期累计',
} as const;

/** The meta sheet row (1-based) of the carried-over keys, below the template's own rows. */
export const META_CARRY_ROW = 11;
