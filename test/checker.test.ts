import { describe, expect, it } from 'vitest';
import { checkGrid } from '../templates/src/check/checker';
import { definition } from '../templates/src/standard/ideology';
import type { Definition } from '../templates/src/standard/types';
import type { CellValue, WorkbookGrid } from '../templates/src/xlsx/grid';
import { META_KEYS } from '../templates/src/template/layout';
import { submissionSchema, type Issue } from '../templates/src/standard/schema';
import {
  AS_OF,
  insertColumn,
  insertRows,
  makeGrid,
  setCell,
  sheetOf,
  validSpec,
  type GridSpec,
} from './helpers/make-grid';

const S = definition.sheets;

function check(grid: WorkbookGrid, def: Definition = definition, asOf = AS_OF) {
  const r = checkGrid(grid, def, { asOf });
  if (r.submission) submissionSchema.parse(r.submission);
  return r;
}
function withSpec(edit: (s: GridSpec) => void) {
  const spec = validSpec();
  edit(spec);
  return check(makeGrid(spec));
}
/** The issues without the rule id, for exact comparison. */
function brief(issues: Issue[]) {
  return issues.map(({ severity, sheet, cell, field, value, message }) => ({
    severity,
    sheet,
    cell,
    field,
    value,
    message,
  }));
}
function metricRow(id: string): number {
  return definition.metrics.findIndex((m) => m.id === id) + 3;
}
function metricCell(id: string, value: CellValue, col: 'E' | 'F' = 'E') {
  const g = makeGrid(validSpec());
  setCell(g, S.metrics, `${col}${metricRow(id)}`, value);
  return check(g);
}

describe('checkGrid: a valid workbook', () => {
  it('reads every part with no issues', () => {
    const r = check(makeGrid(validSpec()));
    expect(r.issues).toEqual([]);
    const s = r.submission!;
    expect(s.unit).toEqual({ name: '市交通运输局', code: '1001' });
    expect([s.reportKind, s.year, s.period, s.fillDate]).toEqual([
      '季度分析研判报告',
      2023,
      '第三季度',
      '2023-10-10',
    ]);
    expect([s.partyOrg, s.filler, s.phone, s.reviewer]).toEqual(['局党组', '张三', '0571-87654321', '李四']);
    expect(s.templateId).toBe(definition.id);
    expect(s.templateVersion).toBe(definition.version);
    expect(s.metrics).toHaveLength(definition.metrics.length);
    expect(s.metrics.find((m) => m.id === 'theory.centralGroup')).toMatchObject({
      current: 6,
      ytd: 18,
      unit: '次',
    });
    expect(s.metrics.find((m) => m.id === 'net.commentators')).toMatchObject({
      current: 5,
      ytd: null,
      kind: 'stock',
    });
    expect(s.risks.map((x) => [x.id, x.row, x.deadline, x.overdue])).toEqual([
      ['FX-001', 3, '2023-12-31', false],
      ['FX-002', 4, '2023-09-30', false],
    ]);
    expect(s.narrative.opening).toBe('今年以来，局党组坚决落实意识形态工作责任制。');
    expect(s.narrative.sections.map((x) => x.category)).toEqual(['组织领导', '理论武装']);
    expect(s.narrative.problems).toEqual([{ category: null, title: null, body: '学习形式较为单一。' }]);
    expect(s.narrative.nextSteps[0].body).toBe('持续深化理论武装。');
    expect(s.narrative.signatureUnit).toBe('中共市交通运输局党组');
    expect(s.narrative.signatureDate).toBe('2023-10-10');
  });

  it('has a metric entry (null) for every metric left blank', () => {
    const r = withSpec((s) => {
      s.metrics = {};
    });
    expect(r.issues).toEqual([]);
    expect(r.submission!.metrics.every((m) => m.current === null && m.ytd === null)).toBe(true);
    expect(r.submission!.metrics.map((m) => m.id)).toEqual(definition.metrics.map((m) => m.id));
  });
});

describe('checkGrid: sheets and meta', () => {
  it('recognises a renamed sheet by its header row (警告)', () => {
    const g = makeGrid(validSpec());
    sheetOf(g, S.metrics).name = '指标';
    sheetOf(g, S.risks).name = 'Sheet3';
    const r = check(g);
    expect(brief(r.issues)).toEqual([
      {
        severity: 'warning',
        sheet: '指标',
        cell: null,
        field: '工作指标',
        value: '指标',
        message: '工作表“指标”已被改名，按表头识别为“工作指标”。建议恢复原名“工作指标”。',
      },
      {
        severity: 'warning',
        sheet: 'Sheet3',
        cell: null,
        field: '风险隐患台账',
        value: 'Sheet3',
        message: '工作表“Sheet3”已被改名，按表头识别为“风险隐患台账”。建议恢复原名“风险隐患台账”。',
      },
    ]);
    expect(r.submission!.metrics.find((m) => m.id === 'theory.centralGroup')!.current).toBe(6);
    expect(r.submission!.risks).toHaveLength(2);
  });

  it('recognises renamed 基本信息 and 工作情况 sheets by their labels and header', () => {
    const g = makeGrid(validSpec());
    sheetOf(g, S.info).name = '封面';
    sheetOf(g, S.narrative).name = '文字材料';
    const r = check(g);
    expect(r.issues.map((i) => [i.rule, i.sheet, i.field])).toEqual([
      ['sheet.renamed', '封面', '基本信息'],
      ['sheet.renamed', '文字材料', '工作情况'],
    ]);
    expect(r.submission!.unit.name).toBe('市交通运输局');
    expect(r.submission!.narrative.sections).toHaveLength(2);
  });

  it('a renamed meta sheet is still found by its keys', () => {
    const g = makeGrid(validSpec());
    sheetOf(g, S.meta).name = 'Sheet9';
    const r = check(g);
    expect(r.issues).toEqual([]);
    expect(r.submission!.templateVersion).toBe(definition.version);
  });

  it('ignores extra sheets, even before the standard ones', () => {
    const g = makeGrid(validSpec());
    g.sheets.unshift({ name: '草稿', state: 'visible', rows: [['随便写写', 3]] });
    g.sheets.push({ name: 'Sheet1', state: 'visible', rows: [] });
    expect(check(g).issues).toEqual([]);
  });

  it('a missing standard sheet is one 错误', () => {
    const g = makeGrid(validSpec());
    g.sheets = g.sheets.filter((s) => s.name !== S.risks);
    const r = check(g);
    expect(brief(r.issues)).toEqual([
      {
        severity: 'error',
        sheet: null,
        cell: null,
        field: '风险隐患台账',
        value: null,
        message: '缺少“风险隐患台账”工作表。请使用标准填报表，不要删除或改动标准工作表。',
      },
    ]);
    expect(r.submission!.risks).toEqual([]);
  });

  it('a workbook with none of the standard sheets gets a single 错误 and no submission', () => {
    const r = check({ sheets: [{ name: 'Sheet1', state: 'visible', rows: [['a', 'b']] }] });
    expect(r.submission).toBeNull();
    expect(r.issues.map((i) => i.rule)).toEqual(['meta.missing', 'sheet.missing']);
  });

  it('deleted meta sheet → 警告, rest read normally', () => {
    const r = withSpec((s) => {
      s.meta = null;
    });
    expect(brief(r.issues)).toEqual([
      {
        severity: 'warning',
        sheet: null,
        cell: null,
        field: null,
        value: null,
        message: '隐藏的模板信息表缺失，无法确认模板版本，已按标准格式读取。建议使用最新标准填报表。',
      },
    ]);
    expect(r.submission!.templateVersion).toBeNull();
  });

  it('deleted meta sheet: the version line of 填报说明 still identifies the template', () => {
    const line = (v: string) =>
      definition.texts.versionLine.replace('{templateId}', definition.id).replace('{version}', v);
    const spec = validSpec();
    spec.meta = null;
    const g = makeGrid(spec);
    sheetOf(g, S.guide).rows.push([], [line('1.0')]);
    const r = check(g);
    expect(r.issues.map((i) => i.rule)).toEqual(['meta.missing']);
    expect([r.submission!.templateId, r.submission!.templateVersion]).toEqual([definition.id, '1.0']);

    const g2 = makeGrid(spec);
    sheetOf(g2, S.guide).rows.push([line('9.0')]);
    const r2 = check(g2);
    expect(r2.submission).toBeNull();
    expect(r2.issues.map((i) => [i.severity, i.sheet, i.rule, i.value])).toEqual([
      ['warning', null, 'meta.missing', null],
      ['error', '填报说明', 'meta.unknownVersion', '9.0'],
    ]);
  });

  it('another template id → 错误, not read', () => {
    const r = withSpec((s) => {
      s.meta![META_KEYS.templateId] = 'yanpan.clean';
    });
    expect(r.submission).toBeNull();
    expect(brief(r.issues)).toEqual([
      {
        severity: 'error',
        sheet: '_yanpan',
        cell: null,
        field: '模板标识',
        value: 'yanpan.clean',
        message: '这不是意识形态工作分析研判填报表（模板标识为“yanpan.clean”）。请使用正确的标准填报表。',
      },
    ]);
  });

  it('unknown (newer) version → 错误; an older version the definition declares compatible is read silently', () => {
    const r = withSpec((s) => {
      s.meta![META_KEYS.version] = '9.0';
    });
    expect(r.submission).toBeNull();
    expect(r.issues.map((i) => [i.severity, i.message])).toEqual([
      ['error', `模板版本“9.0”无法识别（当前版本为${definition.version}）。请下载最新标准填报表重新填写。`],
    ]);
    expect(definition.compatibleVersions).toContain('1.0');
    const spec = validSpec();
    spec.meta![META_KEYS.version] = '1.0';
    const r2 = checkGrid(makeGrid(spec), definition, { asOf: AS_OF });
    expect(r2.issues).toEqual([]);
    expect(r2.submission!.templateVersion).toBe('1.0');
  });

  it('roster-locked unit code mismatch → 错误 at the code cell', () => {
    const r = withSpec((s) => {
      s.meta![META_KEYS.unitCode] = '2002';
    });
    expect(brief(r.issues)).toEqual([
      {
        severity: 'error',
        sheet: '基本信息',
        cell: 'B4',
        field: '单位代码',
        value: '1001',
        message:
          '单位代码“1001”与预置模板锁定的单位代码“2002”不一致。请使用下发给本单位的填报表，不要修改单位代码。',
      },
    ]);
  });

  it('roster-locked code fills a blank 单位代码', () => {
    const r = withSpec((s) => {
      s.meta![META_KEYS.unitCode] = '2002';
      s.info.unitCode = null;
    });
    expect(r.issues).toEqual([]);
    expect(r.submission!.unit.code).toBe('2002');
  });
});

describe('checkGrid: 基本信息 fields', () => {
  it('finds labels wherever the user moved them (inserted rows and a column, colon, full-width star)', () => {
    const g = makeGrid(validSpec());
    insertRows(g, S.info, 3, 2);
    insertColumn(g, S.info, 0);
    setCell(g, S.info, 'B5', '＊ 单位名称：');
    setCell(g, S.info, 'B11', '填报人（必填）');
    setCell(g, S.info, 'B13', '审核人');
    const r = check(g);
    expect(r.issues).toEqual([]);
    expect(r.submission!.unit.name).toBe('市交通运输局');
    expect([r.submission!.filler, r.submission!.reviewer]).toEqual(['张三', '李四']);
  });

  it('takes the first non-empty cell to the right (merged value cells keep the value in the master)', () => {
    const g = makeGrid(validSpec());
    // A column inserted before the hint column: the header moves to D with it.
    insertColumn(g, S.info, 2);
    setCell(g, S.info, 'B3', null);
    setCell(g, S.info, 'C3', '市交通运输局（合并单元格）');
    expect(sheetOf(g, S.info).rows[1][3]).toBe('填写说明');
    expect(check(g).submission!.unit.name).toBe('市交通运输局（合并单元格）');
  });

  it('never reads the hint as the value of an empty field', () => {
    const r = withSpec((s) => {
      s.info.filler = null;
    });
    expect(brief(r.issues)).toEqual([
      {
        severity: 'error',
        sheet: '基本信息',
        cell: 'B9',
        field: '填报人',
        value: null,
        message: '“填报人”未填写，请填写。',
      },
    ]);
    expect(r.submission!.filler).toBeNull();
  });

  it('never reads an edited hint (in the 填写说明 column) as the value', () => {
    const g = makeGrid(validSpec());
    setCell(g, S.info, 'B9', null);
    setCell(g, S.info, 'C9', '请填写填报人姓名（旧版说明）');
    const r = check(g);
    expect(r.issues.map((i) => [i.cell, i.message])).toEqual([['B9', '“填报人”未填写，请填写。']]);
  });

  it('a deleted label row counts as not filled', () => {
    const g = makeGrid(validSpec());
    sheetOf(g, S.info).rows.splice(8, 1); // 填报人 row
    expect(check(g).issues.map((i) => [i.cell, i.message])).toEqual([[null, '“填报人”未填写，请填写。']]);
  });

  it('报告类型 not in the list → 错误 listing the choices', () => {
    const r = withSpec((s) => {
      s.info.reportKind = '季度报告';
    });
    expect(brief(r.issues)).toEqual([
      {
        severity: 'error',
        sheet: '基本信息',
        cell: 'B6',
        field: '报告类型',
        value: '季度报告',
        message:
          '“报告类型”的值“季度报告”不在下拉列表中，请从下拉列表选择：季度分析研判报告、半年自查报告、年度自查报告。',
      },
    ]);
  });

  it('报告期 inconsistent with 报告类型 → 错误', () => {
    const r = withSpec((s) => {
      s.info.period = '上半年';
    });
    expect(brief(r.issues)).toEqual([
      {
        severity: 'error',
        sheet: '基本信息',
        cell: 'B8',
        field: '报告期',
        value: '上半年',
        message:
          '报告期“上半年”与报告类型“季度分析研判报告”不一致：季度分析研判报告的报告期应为第一季度、第二季度、第三季度、第四季度。',
      },
    ]);
  });

  it.each([
    ['2023年', 2023, null],
    ['２０２３', 2023, null],
    [2023.0, 2023, null],
    [1999, null, '“年度”应为四位年份（2000—2024），现为“1999”。'],
    [2025, null, '“年度”应为四位年份（2000—2024），现为“2025”。'],
    ['二〇二三', null, '“年度”应为四位年份（2000—2024），现为“二〇二三”。'],
  ] as const)('年度 %j', (input, year, message) => {
    const r = withSpec((s) => {
      s.info.year = input;
    });
    expect(r.submission!.year).toBe(year);
    expect(r.issues.map((i) => [i.severity, i.cell, i.message])).toEqual(
      message ? [['error', 'B7', message]] : [],
    );
  });

  it.each([
    [new Date(Date.UTC(2023, 9, 10)), '2023-10-10'],
    [45209, '2023-10-10'],
    ['2023年10月10日', '2023-10-10'],
    ['2023.10.10', '2023-10-10'],
    ['2023/10/10', '2023-10-10'],
    ['20231010', '2023-10-10'],
  ] as const)('填报日期 %j → %s', (input, iso) => {
    const r = withSpec((s) => {
      s.info.fillDate = input;
    });
    expect(r.issues).toEqual([]);
    expect(r.submission!.fillDate).toBe(iso);
  });

  it('填报日期 not a real date → 错误; after asOf → 警告', () => {
    const r = withSpec((s) => {
      s.info.fillDate = '2023-09-31';
    });
    expect(brief(r.issues)).toEqual([
      {
        severity: 'error',
        sheet: '基本信息',
        cell: 'B12',
        field: '填报日期',
        value: '2023-09-31',
        message: '“填报日期”不是有效日期（“2023-09-31”），请按“2023-10-10”格式填写。',
      },
    ]);
    const r2 = withSpec((s) => {
      s.info.fillDate = '2023-11-01';
    });
    expect(r2.issues.map((i) => [i.severity, i.cell, i.message])).toEqual([
      ['warning', 'B12', '“填报日期”（2023-11-01）晚于今天，请核实。'],
    ]);
    expect(r2.submission!.fillDate).toBe('2023-11-01');
  });

  it('implausible phone → 警告; a number cell is read as text', () => {
    const r = withSpec((s) => {
      s.info.phone = '12345';
    });
    expect(brief(r.issues)).toEqual([
      {
        severity: 'warning',
        sheet: '基本信息',
        cell: 'B10',
        field: '联系电话',
        value: '12345',
        message: '“联系电话”（12345）不像电话号码，请填写手机号或带区号的座机号码。',
      },
    ]);
    const r2 = withSpec((s) => {
      s.info.phone = 13800138000;
      s.info.unitCode = 1001;
    });
    expect(r2.issues).toEqual([]);
    expect([r2.submission!.phone, r2.submission!.unit.code]).toEqual(['13800138000', '1001']);
  });

  it('a formula without cached result → 错误 telling to open and save', () => {
    const r = withSpec((s) => {
      s.info.unitName = { kind: 'formulaNoResult', formula: 'CONCAT("市","交通局")' };
    });
    expect(brief(r.issues)).toEqual([
      {
        severity: 'error',
        sheet: '基本信息',
        cell: 'B3',
        field: '单位名称',
        value: '=CONCAT("市","交通局")',
        message: '单元格是公式但没有计算结果，无法读取。请在Excel或WPS中打开文件、保存后重新报送。',
      },
    ]);
  });
});

describe('checkGrid: 工作指标', () => {
  const E8 = `E${metricRow('theory.centralGroup')}`;
  const name = '理论学习中心组集体学习';

  it.each([
    ['3次', 3, '“理论学习中心组集体学习（本期数）”填写为“3次”，已按3读取。请只填写阿拉伯数字。'],
    ['３', 3, '“理论学习中心组集体学习（本期数）”填写为“３”，已按3读取。请只填写阿拉伯数字。'],
    ['三', 3, '“理论学习中心组集体学习（本期数）”填写为“三”，已按3读取。请只填写阿拉伯数字。'],
  ])('%j → value + 警告 at the cell', (input, value, message) => {
    const r = metricCell('theory.centralGroup', input);
    expect(brief(r.issues)).toEqual([
      { severity: 'warning', sheet: '工作指标', cell: E8, field: `${name}（本期数）`, value: input, message },
    ]);
    expect(r.submission!.metrics.find((m) => m.id === 'theory.centralGroup')!.current).toBe(value);
  });

  it('numbers stored as text and thousands separators read without warning', () => {
    expect(metricCell('theory.centralGroup', '6').issues).toEqual([]);
    const g = makeGrid(validSpec());
    setCell(g, S.metrics, `E${metricRow('front.reach')}`, '1,754');
    setCell(g, S.metrics, `F${metricRow('front.reach')}`, '12,000');
    const r = check(g);
    expect(r.issues).toEqual([]);
    expect(r.submission!.metrics.find((m) => m.id === 'front.reach')!.current).toBe(1754);
  });

  it.each([
    [-2, 'error', '“理论学习中心组集体学习（本期数）”不能为负数（-2），请核实。'],
    [2.5, 'error', '“理论学习中心组集体学习（本期数）”应为整数，现为小数2.5，请核实。'],
    [
      '若干',
      'error',
      '“理论学习中心组集体学习（本期数）”应填写整数，现为“若干”，请改为阿拉伯数字（如：3）。',
    ],
  ] as const)('%j → 错误', (input, severity, message) => {
    const r = metricCell('theory.centralGroup', input);
    expect(r.issues.map((i) => [i.severity, i.cell, i.message])).toEqual([[severity, E8, message]]);
    expect(r.submission!.metrics.find((m) => m.id === 'theory.centralGroup')!.current).toBeNull();
  });

  it('本年累计 < 本期数 → 错误 at the 本年累计 cell', () => {
    const r = metricCell('theory.centralGroup', 2, 'F');
    expect(brief(r.issues)).toEqual([
      {
        severity: 'error',
        sheet: '工作指标',
        cell: `F${metricRow('theory.centralGroup')}`,
        field: name,
        value: '2',
        message: '“理论学习中心组集体学习”的本年累计（2）小于本期数（6），请核实：本年累计应包含本期。',
      },
    ]);
  });

  it('a stock metric ignores 本年累计 with a 警告', () => {
    const r = metricCell('net.commentators', 9, 'F');
    expect(brief(r.issues)).toEqual([
      {
        severity: 'warning',
        sheet: '工作指标',
        cell: `F${metricRow('net.commentators')}`,
        field: '配备网评员',
        value: '9',
        message: '“配备网评员”是期末数，不填本年累计（现为“9”），已忽略。',
      },
    ]);
    expect(r.submission!.metrics.find((m) => m.id === 'net.commentators')!.ytd).toBeNull();
  });

  it("the template's own note text in a stock metric's 本年累计 is not a value", () => {
    const r = metricCell('net.commentators', definition.texts.stockYtdNote, 'F');
    expect(r.issues).toEqual([]);
  });

  it('处置 > 发现 → the definition rule (警告)', () => {
    const r = metricCell('net.handled', 45);
    expect(brief(r.issues)).toEqual([
      {
        severity: 'warning',
        sheet: '工作指标',
        cell: `E${metricRow('net.handled')}`,
        field: '处置舆情信息',
        value: '45',
        message: '“处置舆情信息”（45条）多于“发现不良导向舆情信息”（40条），请核实两项数字。',
      },
    ]);
    expect(r.issues[0].rule).toBe('net.handled<=found');
  });

  it('活动覆盖人数 under 5 per activity → the definition rule (警告); 5 per activity passes', () => {
    const g = makeGrid(validSpec());
    setCell(g, S.metrics, `E${metricRow('front.activities')}`, 9);
    setCell(g, S.metrics, `E${metricRow('front.reach')}`, 25);
    const r = check(g);
    expect(r.issues.map((i) => [i.rule, i.severity, i.cell, i.message])).toEqual([
      [
        'front.reach>=activities',
        'warning',
        `E${metricRow('front.reach')}`,
        '“活动覆盖人数”（25人次）不到“开展宣传教育活动”（9场）的5倍，平均每场活动覆盖不足5人次，请核实两项数字。',
      ],
    ]);
    setCell(g, S.metrics, `E${metricRow('front.reach')}`, 45);
    expect(check(g).issues).toEqual([]);
  });

  it('formula results are used; error values and formulas without result are 错误', () => {
    expect(
      metricCell('theory.centralGroup', { kind: 'error', error: '#DIV/0!' }).issues.map((i) => [
        i.cell,
        i.message,
      ]),
    ).toEqual([[E8, '单元格的公式结果是错误值（#DIV/0!）。请修正公式或直接填写数字。']]);
    expect(
      metricCell('theory.centralGroup', { kind: 'formulaNoResult', formula: 'SUM(E3:E4)' }).issues.map(
        (i) => [i.severity, i.cell, i.value, i.rule],
      ),
    ).toEqual([['error', E8, '=SUM(E3:E4)', 'value.formulaNoResult']]);
  });

  it('rows are matched by 指标编号 even when reordered, renamed, or with rows and columns inserted', () => {
    const g = makeGrid(validSpec());
    const rows = sheetOf(g, S.metrics).rows;
    const [a, b] = [rows[2], rows[3]];
    rows[2] = b;
    rows[3] = a;
    rows[4][2] = '改过名字的指标';
    insertRows(g, S.metrics, 4, 3);
    insertColumn(g, S.metrics, 4);
    const r = check(g);
    expect(r.issues).toEqual([]);
    expect(r.submission!.metrics.slice(0, 3).map((m) => m.current)).toEqual([1, 2, 3]);
  });

  it('falls back to the 指标 name when the 指标编号 column is gone; header aliases are accepted', () => {
    const g = makeGrid(validSpec());
    for (const row of sheetOf(g, S.metrics).rows) row.splice(7, 1);
    setCell(g, S.metrics, 'E2', '本季度');
    setCell(g, S.metrics, 'F2', '累计');
    const r = check(g);
    expect(r.issues).toEqual([]);
    expect(r.submission!.metrics.find((m) => m.id === 'team.training')!.ytd).toBe(6);
  });

  it('a deleted metric row → 警告, values null; an added non-standard row with numbers → 警告', () => {
    const g = makeGrid(validSpec());
    const rows = sheetOf(g, S.metrics).rows;
    rows.splice(metricRow('org.inspections') - 1, 1);
    rows.push([null, '其他', '自创指标', '次', 4, 4, null, null]);
    rows.push([null, null, '合计', null, 100, 300, null, null]);
    rows.push(['注：本表数据截至9月30日', null, null, null, null, null, null, null]);
    const r = check(g);
    expect(brief(r.issues)).toEqual([
      {
        severity: 'warning',
        sheet: '工作指标',
        cell: `C${rows.length - 2}`,
        field: '自创指标',
        value: null,
        message: `第${rows.length - 2}行的指标“自创指标”不是标准指标，已忽略。`,
      },
      {
        severity: 'warning',
        sheet: '工作指标',
        cell: null,
        field: '开展意识形态工作专项督查',
        value: null,
        message: '缺少指标“开展意识形态工作专项督查”所在的行，请勿删除指标行。已按未填写处理。',
      },
    ]);
    expect(r.submission!.metrics.find((m) => m.id === 'org.inspections')).toMatchObject({
      current: null,
      ytd: null,
    });
  });
});

describe('checkGrid: 风险隐患台账', () => {
  function withRisk(edit: (r: Record<string, CellValue>) => void, asOf = AS_OF) {
    const spec = validSpec();
    edit(spec.risks[0]);
    return checkGrid(makeGrid(spec), definition, { asOf });
  }

  it('required columns and lists, with row numbers in the message', () => {
    const r = withRisk((x) => {
      x.category = '宣传';
      x.description = null;
      x.level = null;
      x.measures = '  ';
    });
    expect(brief(r.issues)).toEqual([
      {
        severity: 'error',
        sheet: '风险隐患台账',
        cell: 'B3',
        field: '风险类别',
        value: '宣传',
        message:
          '风险隐患台账“风险类别”的值“宣传”不在下拉列表中，请从下拉列表选择：组织领导、理论武装、阵地管理、舆论引导、网络意识形态、队伍建设、其他。',
      },
      {
        severity: 'error',
        sheet: '风险隐患台账',
        cell: 'C3',
        field: '风险隐患描述',
        value: null,
        message: '风险隐患台账第3行“风险隐患描述”未填写，请补充。',
      },
      {
        severity: 'error',
        sheet: '风险隐患台账',
        cell: 'E3',
        field: '风险等级',
        value: null,
        message: '风险隐患台账第3行“风险等级”未填写，请补充。',
      },
      {
        severity: 'error',
        sheet: '风险隐患台账',
        cell: 'F3',
        field: '防范化解措施',
        value: null,
        message: '风险隐患台账第3行“防范化解措施”未填写，请补充。',
      },
    ]);
  });

  it('风险等级 and 整改状态 must come from their lists', () => {
    const r = withRisk((x) => {
      x.level = '较高';
      x.status = '部分整改';
    });
    expect(r.issues.map((i) => [i.severity, i.cell, i.field, i.value, i.message])).toEqual([
      [
        'error',
        'E3',
        '风险等级',
        '较高',
        '风险隐患台账“风险等级”的值“较高”不在下拉列表中，请从下拉列表选择：高、中、低。',
      ],
      [
        'error',
        'J3',
        '整改状态',
        '部分整改',
        '风险隐患台账“整改状态”的值“部分整改”不在下拉列表中，请从下拉列表选择：未整改、整改中、已整改。',
      ],
    ]);
    expect(r.submission!.risks[0]).toMatchObject({ level: null, status: null });
  });

  it.each([
    [45291, '2023-12-31'],
    ['2023年12月31日', '2023-12-31'],
    ['2023.12.31', '2023-12-31'],
    [new Date(Date.UTC(2023, 11, 31)), '2023-12-31'],
  ] as const)('整改时限 %j → %s', (input, iso) => {
    const r = withRisk((x) => {
      x.deadline = input;
    });
    expect(r.issues).toEqual([]);
    expect(r.submission!.risks[0].deadline).toBe(iso);
  });

  it('整改时限 not a date → 错误', () => {
    const r = withRisk((x) => {
      x.deadline = '年底前';
    });
    expect(brief(r.issues)).toEqual([
      {
        severity: 'error',
        sheet: '风险隐患台账',
        cell: 'I3',
        field: '整改时限',
        value: '年底前',
        message: '风险隐患台账“整改时限”不是有效日期（“年底前”），请按“2023-12-31”格式填写。',
      },
    ]);
  });

  it('已整改 without 完成情况 → 警告 at the 完成情况 cell', () => {
    const r = withRisk((x) => {
      x.status = '已整改';
      x.progress = null;
    });
    expect(brief(r.issues)).toEqual([
      {
        severity: 'warning',
        sheet: '风险隐患台账',
        cell: 'K3',
        field: '完成情况',
        value: 'FX-001',
        message: '风险“FX-001”已标记为已整改，但“完成情况”未填写，请补充整改完成情况。',
      },
    ]);
  });

  it('past its 整改时限 (against 填报日期) and not 已整改 → 逾期 警告 and overdue=true', () => {
    const r = withRisk((x) => {
      x.deadline = '2023-09-30';
    });
    expect(brief(r.issues)).toEqual([
      {
        severity: 'warning',
        sheet: '风险隐患台账',
        cell: 'I3',
        field: '整改时限',
        value: 'FX-001',
        message: '风险“FX-001”已超过整改时限（2023-09-30）仍未整改完成（逾期），请说明原因或更新整改状态。',
      },
    ]);
    expect(r.submission!.risks.map((x) => x.overdue)).toEqual([true, false]);
  });

  it('逾期 uses asOf when 填报日期 is missing', () => {
    const spec = validSpec();
    spec.info.fillDate = null;
    spec.risks[0].deadline = '2023-10-15';
    const early = checkGrid(makeGrid(spec), definition, { asOf: '2023-10-14' });
    expect(early.submission!.risks[0].overdue).toBe(false);
    const late = checkGrid(makeGrid(spec), definition, { asOf: '2023-10-16' });
    expect(late.submission!.risks[0].overdue).toBe(true);
    expect(late.issues.map((i) => i.rule)).toEqual(['field.required', 'risk.overdue']);
  });

  it('duplicate 风险编号 → 错误 naming the first row; missing 风险编号 → generated id + 警告', () => {
    const spec = validSpec();
    spec.risks[1].id = 'FX-001';
    spec.risks.push({ ...spec.risks[0], id: null });
    const r = check(makeGrid(spec));
    expect(brief(r.issues)).toEqual([
      {
        severity: 'error',
        sheet: '风险隐患台账',
        cell: 'A4',
        field: '风险编号',
        value: 'FX-001',
        message: '风险编号“FX-001”重复出现（也在第3行），请为每条风险使用不同编号。',
      },
      {
        severity: 'warning',
        sheet: '风险隐患台账',
        cell: 'A5',
        field: '风险编号',
        value: null,
        message: '风险隐患台账第5行未填写风险编号，已自动编为“R5”。建议填写编号，便于跨期跟踪整改。',
      },
    ]);
    expect(r.submission!.risks.map((x) => x.id)).toEqual(['FX-001', 'FX-001', 'R5']);
  });

  it('skips blank rows and stray rows (合计, 注, id-only, a repeated header), keeps real rows after them', () => {
    const g = makeGrid(validSpec());
    const rows = sheetOf(g, S.risks).rows;
    const real = [...rows[3]];
    rows[3] = [];
    rows[4] = [null, null, null];
    rows[5] = ['合计', null, '共2条', null, null, null];
    rows[6] = ['注：风险等级按影响程度划分'];
    rows[7] = ['FX-099'];
    rows.splice(
      8,
      0,
      definition.riskColumns.map((c) => c.label),
    ); // the header pasted again
    rows[8] = real;
    rows.splice(
      8,
      0,
      definition.riskColumns.map((c) => c.label),
    ); // the header pasted again
    const r = check(g);
    expect(r.issues).toEqual([]);
    expect(r.submission!.risks.map((x) => [x.id, x.row])).toEqual([
      ['FX-001', 3],
      ['FX-002', 10],
    ]);
  });

  it('rich-text flattened descriptions and header aliases', () => {
    const g = makeGrid(validSpec());
    setCell(g, S.risks, 'C2', '风险隐患');
    setCell(g, S.risks, 'F2', '整改措施');
    const r = check(g);
    expect(r.issues).toEqual([]);
    expect(r.submission!.risks[0].measures).toBe('建立宣传阵地月检制度');
  });
});

describe('checkGrid: 工作情况', () => {
  it('title without body → 警告; missing 部分 → treated as 工作开展情况 with 警告', () => {
    const spec = validSpec();
    spec.narrative.push({ part: '工作开展情况', category: '队伍建设', title: '加强队伍建设', body: null });
    spec.narrative.push({ part: null, category: '其他', title: '其他工作', body: '做了其他工作。' });
    const r = check(makeGrid(spec));
    expect(brief(r.issues)).toEqual([
      {
        severity: 'warning',
        sheet: '工作情况',
        cell: 'D11',
        field: '正文',
        value: null,
        message: '工作情况第11行填写了小标题但没有正文，请补充正文。',
      },
      {
        severity: 'warning',
        sheet: '工作情况',
        cell: 'A12',
        field: '部分',
        value: null,
        message: '工作情况第12行没有选择“部分”，已按“工作开展情况”处理。',
      },
    ]);
    expect(r.submission!.narrative.sections.map((s) => s.title)).toEqual([
      '落实主体责任',
      '强化理论武装',
      '加强队伍建设',
      '其他工作',
    ]);
  });

  it('an unknown 部分 or 类别 → 错误', () => {
    const spec = validSpec();
    spec.narrative[1].category = '宣传思想';
    const r = check(makeGrid(spec));
    expect(r.issues.map((i) => [i.severity, i.cell, i.message])).toEqual([
      [
        'error',
        'B7',
        '“类别”的值“宣传思想”不在下拉列表中，请从下拉列表选择：组织领导、理论武装、阵地建设、网络意识形态、队伍建设、其他。',
      ],
    ]);
  });

  it('成文日期 invalid → 错误 at its cell', () => {
    const spec = validSpec();
    spec.narrativeFields.signatureDate = '十月十日';
    const r = check(makeGrid(spec));
    expect(r.issues.map((i) => [i.severity, i.sheet, i.cell, i.message])).toEqual([
      ['error', '工作情况', 'B3', '“成文日期”不是有效日期（“十月十日”），请按“2023-10-10”格式填写。'],
    ]);
  });
});

describe('checkGrid: a definition with one more metric', () => {
  it('finds the new metric and its value with no code change', () => {
    const def = structuredClone(definition) as Definition;
    (def.metrics as Definition['metrics'][number][]).push({
      id: 'team.volunteers',
      category: '队伍建设',
      name: '组建理论宣讲志愿者队伍',
      unit: '支',
      kind: 'flow',
      phrase: '组建理论宣讲志愿者队伍',
    });
    const spec = validSpec(def);
    spec.metrics['team.volunteers'] = { current: 2, ytd: 4 };
    const r = checkGrid(makeGrid(spec, def), def, { asOf: AS_OF });
    expect(r.issues).toEqual([]);
    expect(r.submission!.metrics.at(-1)).toEqual({
      id: 'team.volunteers',
      name: '组建理论宣讲志愿者队伍',
      category: '队伍建设',
      unit: '支',
      kind: 'flow',
      current: 2,
      ytd: 4,
      note: null,
    });
    // The standard definition does not know it: the same row is an unknown row there.
    const r2 = checkGrid(makeGrid(spec, def), definition, { asOf: AS_OF });
    expect(r2.issues.map((i) => i.rule)).toEqual(['metric.unknownRow']);
  });
});
