// Builds WorkbookGrids laid out like the template (layout.ts), for checker tests that do not need a file.
import { definition as defaultDefinition } from '../../templates/src/standard/ideology';
import type { Definition } from '../../templates/src/standard/types';
import type { CellValue, SheetGrid, WorkbookGrid } from '../../templates/src/xlsx/grid';
import { parseA1 } from '../../templates/src/xlsx/grid';
import { layoutOf, META_KEYS } from '../../templates/src/template/layout';

export interface GridSpec {
  info: Record<string, CellValue>;
  metrics: Record<string, { current?: CellValue; ytd?: CellValue; note?: CellValue }>;
  risks: Record<string, CellValue>[];
  narrativeFields: Record<string, CellValue>;
  narrative: Record<string, CellValue>[];
  /** null: no meta sheet. */
  meta: Record<string, string> | null;
}

export const AS_OF = '2023-10-20';

export function validSpec(def: Definition = defaultDefinition): GridSpec {
  const metrics: GridSpec['metrics'] = {};
  def.metrics.forEach((m, i) => {
    metrics[m.id] = m.kind === 'stock' ? { current: 5 } : { current: i + 1, ytd: (i + 1) * 3 };
  });
  if (metrics['net.found'] && metrics['net.handled']) {
    metrics['net.found'] = { current: 40, ytd: 120 };
    metrics['net.handled'] = { current: 38, ytd: 110 };
  }
  // Within the usual scale of a quarter (the checker warns above it), and a reach that fits the events.
  if (metrics['team.training']) metrics['team.training'] = { current: 2, ytd: 6 };
  if (metrics['org.partyMeetings']) metrics['org.partyMeetings'] = { current: 1, ytd: 3 };
  if (metrics['front.reach']) metrics['front.reach'] = { current: 1500, ytd: 4500 };
  return {
    info: {
      unitName: '市交通运输局',
      unitCode: '1001',
      partyOrg: '局党组',
      reportKind: '季度分析研判报告',
      year: 2023,
      period: '第三季度',
      filler: '张三',
      phone: '0571-87654321',
      reviewer: '李四',
      fillDate: '2023-10-10',
    },
    metrics,
    risks: [
      {
        id: 'FX-001',
        category: '阵地管理',
        description: '个别宣传栏内容更新不及时',
        detail: '部分科室宣传栏仍为上季度内容',
        level: '中',
        measures: '建立宣传阵地月检制度',
        leader: '王五',
        owner: '办公室（赵六）',
        deadline: '2023-12-31',
        status: '整改中',
        progress: '已完成一半',
        note: null,
      },
      {
        id: 'FX-002',
        category: '网络意识形态',
        description: '网评员队伍力量不足',
        detail: null,
        level: '低',
        measures: '新增培养网评员',
        leader: '王五',
        owner: '宣传科',
        deadline: '2023-09-30',
        status: '已整改',
        progress: '已新增网评员2名',
        note: null,
      },
    ],
    narrativeFields: { signatureUnit: '中共市交通运输局党组', signatureDate: '2023-10-10' },
    narrative: [
      { part: '开篇', category: null, title: null, body: '今年以来，局党组坚决落实意识形态工作责任制。' },
      {
        part: '工作开展情况',
        category: '组织领导',
        title: '落实主体责任',
        body: '局党组专题研究意识形态工作。',
      },
      {
        part: '工作开展情况',
        category: '理论武装',
        title: '强化理论武装',
        body: '坚持理论学习中心组学习制度。',
      },
      { part: '存在问题', category: null, title: null, body: '学习形式较为单一。' },
      { part: '下一步工作打算', category: null, title: null, body: '持续深化理论武装。' },
    ],
    meta: { [META_KEYS.templateId]: def.id, [META_KEYS.version]: def.version },
  };
}

export function makeGrid(spec: GridSpec, def: Definition = defaultDefinition): WorkbookGrid {
  const L = layoutOf(def);
  const sheets: SheetGrid[] = [];
  const put = (rows: CellValue[][], row1: number, col1: number, v: CellValue) => {
    const r = (rows[row1 - 1] ??= []);
    while (r.length < col1 - 1) r.push(null);
    r[col1 - 1] = v;
  };
  const fill = (rows: CellValue[][]) => {
    for (let i = 0; i < rows.length; i++) rows[i] ??= [];
    for (const r of rows) for (let i = 0; i < r.length; i++) if (r[i] === undefined) r[i] = null;
    return rows;
  };

  sheets.push({ name: def.sheets.guide, state: 'visible', rows: def.guide.map((g) => [g]) });

  const info: CellValue[][] = [];
  put(info, L.info.titleRow, 1, def.sheets.info);
  put(info, L.info.headerRow, L.info.labelCol, '项目');
  put(info, L.info.headerRow, L.info.valueCol, '填写内容');
  put(info, L.info.headerRow, L.info.hintCol, '填写说明');
  def.info.forEach((f, i) => {
    const row = L.info.firstRow + i;
    put(info, row, L.info.labelCol, f.required ? `${f.label}*` : f.label);
    put(info, row, L.info.valueCol, spec.info[f.key] ?? null);
    put(info, row, L.info.hintCol, f.hint);
  });
  sheets.push({ name: def.sheets.info, state: 'visible', rows: fill(info) });

  const metrics: CellValue[][] = [];
  put(metrics, L.metrics.titleRow, 1, def.sheets.metrics);
  def.metricColumns.forEach((c, ci) => put(metrics, L.metrics.headerRow, ci + 1, c.label));
  def.metrics.forEach((m, i) => {
    const row = L.metrics.firstRow + i;
    const v = spec.metrics[m.id] ?? {};
    def.metricColumns.forEach((c, ci) => {
      const val: CellValue =
        c.key === 'seq'
          ? i + 1
          : c.key === 'category'
            ? m.category
            : c.key === 'name'
              ? m.name
              : c.key === 'unit'
                ? m.unit
                : c.key === 'id'
                  ? m.id
                  : c.key === 'current'
                    ? (v.current ?? null)
                    : c.key === 'ytd'
                      ? (v.ytd ?? null)
                      : c.key === 'note'
                        ? (v.note ?? null)
                        : null;
      put(metrics, row, ci + 1, val);
    });
  });
  sheets.push({ name: def.sheets.metrics, state: 'visible', rows: fill(metrics) });

  const risks: CellValue[][] = [];
  put(risks, L.risks.titleRow, 1, def.sheets.risks);
  def.riskColumns.forEach((c, ci) => put(risks, L.risks.headerRow, ci + 1, c.label));
  spec.risks.forEach((r, i) => {
    def.riskColumns.forEach((c, ci) => put(risks, L.risks.firstRow + i, ci + 1, r[c.key] ?? null));
  });
  sheets.push({ name: def.sheets.risks, state: 'visible', rows: fill(risks) });

  const nar: CellValue[][] = [];
  put(nar, L.narrative.titleRow, 1, def.sheets.narrative);
  def.narrativeFields.forEach((f, i) => {
    put(nar, L.narrative.fieldsRow + i, L.narrative.labelCol, f.label);
    put(nar, L.narrative.fieldsRow + i, L.narrative.valueCol, spec.narrativeFields[f.key] ?? null);
  });
  def.narrativeColumns.forEach((c, ci) => put(nar, L.narrative.headerRow, ci + 1, c.label));
  spec.narrative.forEach((r, i) => {
    def.narrativeColumns.forEach((c, ci) => put(nar, L.narrative.firstRow + i, ci + 1, r[c.key] ?? null));
  });
  sheets.push({ name: def.sheets.narrative, state: 'visible', rows: fill(nar) });

  if (spec.meta) {
    sheets.push({
      name: def.sheets.meta,
      state: 'veryHidden',
      rows: Object.entries(spec.meta).map(([k, v]) => [k, v]),
    });
  }
  return { sheets };
}

export function sheetOf(grid: WorkbookGrid, name: string): SheetGrid {
  const s = grid.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

/** Sets one cell (A1) of a sheet, growing rows as needed. */
export function setCell(grid: WorkbookGrid, sheet: string, address: string, v: CellValue): void {
  const s = sheetOf(grid, sheet);
  const { row, col } = parseA1(address);
  while (s.rows.length <= row) s.rows.push([]);
  const r = s.rows[row];
  while (r.length <= col) r.push(null);
  r[col] = v;
}

/** Inserts empty rows before a 1-based row (as a user inserting rows in Excel). */
export function insertRows(grid: WorkbookGrid, sheet: string, beforeRow1: number, count = 1): void {
  const s = sheetOf(grid, sheet);
  s.rows.splice(beforeRow1 - 1, 0, ...Array.from({ length: count }, () => [] as CellValue[]));
}

/** Inserts an empty column before a 0-based column in every row. */
export function insertColumn(grid: WorkbookGrid, sheet: string, beforeCol0: number): void {
  const s = sheetOf(grid, sheet);
  for (const r of s.rows) if (r.length > beforeCol0) r.splice(beforeCol0, 0, null);
}
