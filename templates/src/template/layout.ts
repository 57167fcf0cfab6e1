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

/** Meta sheet keys (column A) → values (column B). */
export const META_KEYS = {
  templateId: '模板标识',
  version: '模板版本',
  unitCode: '单位代码',
  unitName: '单位名称',
} as const;
