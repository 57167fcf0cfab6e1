// The host-free logic of the pane for everyday use: identical issues on one line, the announcement, which
// cells to mark and what to change, which loose values can be fixed (asked of the checker), the decisions
// of 修正 and 撤销 (whether the cell still holds what was checked or written), and local definition files.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { definition } from '../templates/src/standard/ideology';
import { builtinDefinitionData } from '../templates/src/standard/registry';
import { fillWorkbook, dateToSerial, type FillInput } from '../templates/src/template/fill';
import { sampleSubmission } from '../templates/src/samples/submission';
import { checkGrid } from '../templates/src/check/checker';
import type { Issue } from '../templates/src/standard/schema';
import { a1, type WorkbookGrid } from '../templates/src/xlsx/grid';
import { checkAnnouncement, groupIdentical } from '../addin/src/taskpane/pipeline';
import { marksFor, planMarks, type PlacedMark } from '../addin/src/taskpane/marks';
import { findFixes, fixText } from '../addin/src/taskpane/fixes';
import { PaneDefinitions, readDefinitionFile, templateFileName } from '../addin/src/taskpane/definitions';
import { snapshotsToGrid } from '../addin/src/taskpane/excel-grid';
import { officeSnapshotsFromXlsx } from './addin-fixtures';

// 修正 and 撤销 decide on what excel.ts reads; the cells here are a plain map.
const cells = new Map<string, { value: unknown; formula: unknown; numberFormat: string }>();
const written: { sheet: string; cell: string; value: unknown; numberFormat: string }[] = [];
vi.mock('../addin/src/taskpane/excel', () => ({
  readCells: async (list: { sheet: string; cell: string }[]) =>
    list.map((c) => ({ ...cells.get(`${c.sheet}!${c.cell}`)! })),
  writeCells: async (list: typeof written) => {
    for (const w of list) {
      written.push(w);
      cells.set(`${w.sheet}!${w.cell}`, { value: w.value, formula: w.value, numberFormat: w.numberFormat });
    }
  },
}));
const actions = await import('../addin/src/taskpane/actions');

function issue(over: Partial<Issue>): Issue {
  return {
    severity: 'warning',
    rule: 'value.formulaError',
    sheet: '工作指标',
    cell: 'E5',
    field: null,
    value: '#DIV/0!',
    message: '单元格的公式结果是错误值（#DIV/0!）。请修正公式或直接填写数字。',
    ...over,
  };
}

describe('identical issues on one line', () => {
  it('groups issues that differ only in their cell, at the first one’s place; keeps the others apart', () => {
    const a = issue({ cell: 'E5' });
    const other = issue({ cell: 'E6', rule: 'metric.negative', message: '“x”不能为负数（-1），请核实。' });
    const b = issue({ cell: 'E7' });
    const c = issue({ cell: 'E9' });
    const elsewhere = issue({ sheet: '基本信息', cell: 'C5' });
    const error = issue({ cell: 'E10', severity: 'error' });
    const lines = groupIdentical([a, other, b, c, elsewhere, error]);
    expect(lines.map((l) => l.issues)).toEqual([[a, b, c], [other], [elsewhere], [error]]);
    expect(lines[0].message).toBe(a.message);
  });

  it('announces counts in one line', () => {
    expect(checkAnnouncement([issue({ severity: 'error' }), issue({}), issue({ severity: 'error' })])).toBe(
      '校验完成：错误 2 条，警告 1 条',
    );
    expect(checkAnnouncement([], '已重新校验')).toBe('已重新校验：未发现问题');
  });
});

describe('marks', () => {
  it('one mark per cell (an error wins), none without a cell, at most the limit', () => {
    const marks = marksFor([
      issue({ cell: 'E5' }),
      issue({ cell: 'E5', severity: 'error', rule: 'x' }),
      issue({ cell: null }),
      issue({ sheet: null, cell: null }),
      issue({ cell: 'E6' }),
      issue({ cell: 'E7' }),
    ]);
    expect(marks).toEqual([
      { sheet: '工作指标', cell: 'E5', severity: 'error' },
      { sheet: '工作指标', cell: 'E6', severity: 'warning' },
      { sheet: '工作指标', cell: 'E7', severity: 'warning' },
    ]);
    expect(marksFor([issue({ cell: 'A1' }), issue({ cell: 'A2' }), issue({ cell: 'A3' })], 2)).toHaveLength(
      2,
    );
  });

  it('keeps unchanged marks, removes the fixed ones and those whose severity changed, adds the new', () => {
    const placed: PlacedMark[] = [
      { sheet: 's', cell: 'A1', severity: 'error', id: '1' },
      { sheet: 's', cell: 'A2', severity: 'warning', id: '2' },
      { sheet: 's', cell: 'A3', severity: 'warning', id: '3' },
    ];
    const plan = planMarks(placed, [
      { sheet: 's', cell: 'A1', severity: 'error' },
      { sheet: 's', cell: 'A3', severity: 'error' },
      { sheet: 's', cell: 'A4', severity: 'warning' },
    ]);
    expect(plan.keep.map((p) => p.id)).toEqual(['1']);
    expect(plan.remove.map((p) => p.id)).toEqual(['2', '3']);
    expect(plan.add).toEqual([
      { sheet: 's', cell: 'A3', severity: 'error' },
      { sheet: 's', cell: 'A4', severity: 'warning' },
    ]);
  });
});

describe('one-click fixes', () => {
  let grid: WorkbookGrid;
  beforeAll(async () => {
    const sub = sampleSubmission(definition);
    const input = {
      ...sub,
      phone: '０１０－６５１２３４５６',
      fillDate: '2023年10月10日',
      partyOrg: '中共某某局第１支部', // full-width, but free text: not a fix
      metrics: sub.metrics.map((m) =>
        m.id === 'theory.centralGroup'
          ? { ...m, current: '３' }
          : m.id === 'org.reportsUp'
            ? { ...m, current: '两次' }
            : m,
      ),
      risks: sub.risks.map((r, i) => (i === 0 ? { ...r, deadline: { text: '2024.06.30' } } : r)),
    } as FillInput;
    grid = snapshotsToGrid(await officeSnapshotsFromXlsx(await fillWorkbook(input, definition)));
  });

  it('finds the counts, dates and phone the checker reads loosely, with the values it reads', () => {
    const check = checkGrid(grid, definition);
    const fixes = findFixes(grid, definition, check);
    // The counts in the order the checker reports them, then dates and phone in sheet order.
    expect(fixes.map(fixText)).toEqual([
      '“两次” → 2',
      '“３” → 3',
      '“０１０－６５１２３４５６” → 010-65123456',
      '“2023年10月10日” → 2023-10-10',
      '“2024.06.30” → 2024-06-30',
    ]);
    const coerced = check.issues.filter((i) => i.rule === 'metric.coerced').map((i) => i.cell);
    expect(fixes.slice(0, 2).map((f) => f.cell)).toEqual(coerced);
    expect(fixes[3].after).toEqual({
      kind: 'date',
      iso: '2023-10-10',
      serial: dateToSerial(new Date('2023-10-10T00:00:00Z')),
    });
    expect(fixes[4].sheet).toBe(definition.sheets.risks);
    // Fixed, the workbook reads the same and has no loose values left.
    const fixedGrid: WorkbookGrid = {
      sheets: grid.sheets.map((s) => ({
        ...s,
        rows: s.rows.map((row, r) =>
          (row ?? []).map((v, c) => {
            const f = fixes.find((x) => x.sheet === s.name && x.cell === a1(r, c));
            if (!f) return v;
            return f.after.kind === 'date' ? new Date(`${f.after.iso}T00:00:00Z`) : f.after.value;
          }),
        ),
      })),
    };
    const again = checkGrid(fixedGrid, definition);
    expect(again.submission).toEqual(check.submission);
    expect(again.issues.filter((i) => i.rule === 'metric.coerced')).toEqual([]);
    expect(findFixes(fixedGrid, definition, again)).toEqual([]);
  });

  it('修正 writes only where the cell still holds what was checked; 撤销 only where it holds what was written', async () => {
    const check = checkGrid(grid, definition);
    const fixes = findFixes(grid, definition, check);
    const [two, three, phone, date] = fixes;
    for (const f of fixes)
      cells.set(`${f.sheet}!${f.cell}`, { value: f.before, formula: f.before, numberFormat: 'General' });
    cells.set(`${two.sheet}!${two.cell}`, {
      value: '两次',
      formula: '=IF(1,"两次")',
      numberFormat: 'General',
    });
    cells.set(`${phone.sheet}!${phone.cell}`, { value: '改过了', formula: '改过了', numberFormat: '@' });
    cells.set(`${date.sheet}!${date.cell}`, { value: date.before, formula: date.before, numberFormat: '@' });

    const out = await actions.applyFixes([three, two, phone, date]);
    expect(out.applied.map((a) => a.fix)).toEqual([three, date]);
    expect(written).toEqual([
      { sheet: three.sheet, cell: three.cell, value: 3, numberFormat: 'General' },
      // A text-formatted cell gets the date format, or the date would show as a number.
      {
        sheet: date.sheet,
        cell: date.cell,
        value: (date.after as { serial: number }).serial,
        numberFormat: 'yyyy-mm-dd',
      },
    ]);
    expect(out.notices.map((n) => n.level)).toEqual(['success', 'warning']);
    expect(out.notices[1].text).toContain(
      `${two.cell}、${phone.cell}单元格在校验后已改动（或是公式），未修正`,
    );

    // The user changes the date cell again after the fix: 撤销 leaves it, restores the other.
    cells.set(`${date.sheet}!${date.cell}`, { value: 45000, formula: 45000, numberFormat: 'yyyy-mm-dd' });
    written.length = 0;
    const undone = await actions.undoFixes(out.applied);
    expect(undone.undone.map((a) => a.fix)).toEqual([three]);
    expect(written).toEqual([{ sheet: three.sheet, cell: three.cell, value: '３', numberFormat: 'General' }]);
    expect(undone.notices[1].text).toContain(`${date.cell}单元格在修正后又被改动，未撤销`);
  });
});

describe('definitions in the page', () => {
  it('a bad file: the core’s Chinese error naming the file, the place and the line', () => {
    const bad = readDefinitionFile('本地.yaml', 'id: a\ntitle: 标准\nmetrics: 很多\n');
    expect('error' in bad && bad.error).toMatch(/^标准定义文件“本地\.yaml”有\d+处不符合要求：\n/);
    expect('error' in bad && bad.problems).toContain('位置 metrics（第3行）：应为列表，现为文本');
    const broken = readDefinitionFile('坏.json', '{"id": "a",');
    expect('error' in broken && broken.error).toMatch(/^标准定义文件“坏\.json”格式有误（第1行）/);
  });

  it('a good file is added first (winning on its id) and becomes the current definition', () => {
    const defs = new PaneDefinitions();
    expect(defs.current.id).toBe(definition.id);
    expect(templateFileName(defs.current)).toBe('意识形态工作填报表.xlsx');
    const data = { ...structuredClone(builtinDefinitionData[0]), title: '本单位改过的填报表' };
    const read = readDefinitionFile('mine.json', JSON.stringify(data));
    if (!('def' in read)) throw new Error(read.error);
    defs.add(read.def);
    expect(defs.current).toBe(read.def);
    expect(defs.byId(definition.id)).toBe(read.def);
    expect(defs.isLocal(read.def)).toBe(true);
    expect(defs.registry().all).toHaveLength(2);
    expect(defs.choose('yanpan.party-conduct')).toBe(true);
    expect(defs.choose('no.such')).toBe(false);
    expect(defs.current.id).toBe('yanpan.party-conduct');
  });
});
