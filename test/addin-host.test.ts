// Host glue of the task pane: each command's Office calls and results, with office-addin-mock
// (OfficeMockObject) for Office/Word/selection and a strict fake RequestContext for collection loads.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OfficeMockObject } from 'office-addin-mock';
import { definition } from '../templates/src/standard/ideology';
import { writeTemplate } from '../templates/src/template/writer';
import { fillWorkbook, type FillInput } from '../templates/src/template/fill';
import { sampleSubmission } from '../templates/src/standard/sample';
import { checkWorkbookBytes } from '../templates/src/check/check-bytes';
import { reportTitle } from '../templates/src/report/index';
import { statusOf } from '../templates/src/standard/schema';
import * as actions from '../addin/src/taskpane/actions';
import * as excel from '../addin/src/taskpane/excel';
import { base64ToBytes, bytesToBase64, groupIssues } from '../addin/src/taskpane/pipeline';
import { isDateFormat, rangeOrigin, snapshotsToGrid } from '../addin/src/taskpane/excel-grid';
import { docxText, fakeExcel, officeSnapshotsFromXlsx } from './addin-fixtures';

const g = globalThis as any;

function mockOffice(supported: Record<string, string>, platform = 'PC') {
  const calls: string[] = [];
  g.Office = new OfficeMockObject({
    context: {
      requirements: {
        isSetSupported(api: string, version: string) {
          calls.push(`${api} ${version}`);
          const max = supported[api];
          return max !== undefined && Number(version) <= Number(max);
        },
      },
      diagnostics: { platform },
    },
  });
  return calls;
}

afterEach(() => {
  delete g.Office;
  delete g.Excel;
  delete g.Word;
});

/** A completed workbook with mistakes a user makes, so the check has real issues. */
function flawedInput(): FillInput {
  const sub = sampleSubmission();
  return {
    ...sub,
    phone: '12',
    metrics: sub.metrics.map((m) =>
      m.id === 'theory.centralGroup'
        ? { ...m, current: '3次' }
        : m.id === 'org.reportsUp'
          ? { ...m, current: -1 }
          : m,
    ),
    risks: sub.risks.map((r, i) => (i === 1 ? { ...r, level: '很高' } : r)),
  } as FillInput;
}

let flawedBytes: Uint8Array;
let cleanBytes: Uint8Array;
beforeAll(async () => {
  flawedBytes = await fillWorkbook(flawedInput());
  cleanBytes = await fillWorkbook(sampleSubmission());
});

describe('excel-grid: Office.js ranges → WorkbookGrid', () => {
  it('offsets rows and columns from the used range address', () => {
    expect(rangeOrigin("'基本信息'!C3:D9")).toEqual({ row: 2, col: 2 });
    expect(rangeOrigin('Sheet1!A1')).toEqual({ row: 0, col: 0 });
    expect(rangeOrigin("'a!b'!AA10:AB12")).toEqual({ row: 9, col: 26 });
    const grid = snapshotsToGrid([
      {
        name: 'S',
        visibility: 'VeryHidden',
        address: 'S!B2:C3',
        values: [
          ['x', ''],
          [45199, '#DIV/0!'],
        ],
        valueTypes: [
          ['String', 'Empty'],
          ['Double', 'Error'],
        ],
        numberFormat: [
          ['General', 'General'],
          ['yyyy-mm-dd', 'General'],
        ],
      },
      { name: 'Empty', visibility: 'Visible', address: null, values: [] },
    ]);
    expect(grid.sheets[0].state).toBe('veryHidden');
    expect(grid.sheets[0].rows[0]).toEqual([]);
    expect(grid.sheets[0].rows[1]).toEqual([null, 'x', null]);
    expect(grid.sheets[0].rows[2][1]).toEqual(new Date(Date.UTC(2023, 8, 30)));
    expect(grid.sheets[0].rows[2][2]).toEqual({ kind: 'error', error: '#DIV/0!' });
    expect(grid.sheets[1]).toEqual({ name: 'Empty', state: 'visible', rows: [] });
  });

  it('tells date formats from number formats', () => {
    for (const f of ['yyyy-mm-dd', 'yyyy"年"m"月"d"日"', 'm/d/yy', '[$-804]yyyy/m/d', 'mmm-yy'])
      expect(isDateFormat(f), f).toBe(true);
    for (const f of ['General', '0', '#,##0', '0.00_);[Red](0.00)', '@', 'h:mm:ss', '"天"0', 'mm:ss', null])
      expect(isDateFormat(f), String(f)).toBe(false);
  });
});

describe('校验 in Excel', () => {
  it('reads all used ranges in one sync and gives the same issues as checkWorkbookBytes on the file', async () => {
    mockOffice({ ExcelApi: '1.17' });
    const snapshots = await officeSnapshotsFromXlsx(flawedBytes);
    const fake = fakeExcel(snapshots);
    g.Excel = fake.Excel;

    const fromPane = await actions.checkOpenWorkbook(definition);
    const fromFile = await checkWorkbookBytes(flawedBytes, definition);

    expect(fake.log.syncs).toBe(2); // sheet list, then every range together
    expect(fake.log.collectionLoads).toEqual(['items/name,items/visibility']);
    expect(fake.log.rangeLoads).toHaveLength(snapshots.length);
    expect(new Set(fake.log.rangeLoads)).toEqual(new Set(['address,values,valueTypes,numberFormat']));
    expect(fake.log.usedRangeArgs.every((v) => v === true)).toBe(true);

    expect(fromFile.issues.length).toBeGreaterThanOrEqual(4);
    expect(fromPane.issues).toEqual(fromFile.issues);
    expect(fromPane.submission).toEqual(fromFile.submission);
    const rules = fromPane.issues.map((i) => i.rule);
    expect(rules).toContain('field.phone');
    expect(rules).toContain('metric.coerced');
    expect(rules).toContain('metric.negative');
    expect(rules).toContain('risk.enum');
  });

  it('groups issues by sheet in the order of the standard', async () => {
    const { issues } = await checkWorkbookBytes(flawedBytes, definition);
    const groups = groupIssues(issues, definition);
    const names = groups.map((x) => x.sheet);
    expect(names).toEqual([definition.sheets.info, definition.sheets.metrics, definition.sheets.risks]);
    expect(groups.flatMap((x) => x.issues)).toHaveLength(issues.length);
  });

  it('a workbook without errors: same warnings as the file, summary says so', async () => {
    mockOffice({ ExcelApi: '1.17' });
    g.Excel = fakeExcel(await officeSnapshotsFromXlsx(cleanBytes)).Excel;
    const result = await actions.checkOpenWorkbook(definition);
    const fromFile = await checkWorkbookBytes(cleanBytes, definition);
    expect(result.issues).toEqual(fromFile.issues);
    expect(statusOf(result.issues)).toBe('warnings');
    const n = result.issues.length;
    expect(actions.checkSummary(result.issues, true)).toEqual({
      level: 'warning',
      text: `未发现错误，有${n}处警告，请逐条核实（点击可定位到单元格）。`,
    });
    expect(actions.checkSummary(result.issues).text).toBe(`未发现错误，有${n}处警告，请逐条核实。`);
    expect(actions.checkSummary([])).toEqual({ level: 'success', text: '校验通过：未发现问题。' });
  });
});

describe('插入标准填报表 (OfficeMockObject)', () => {
  function mockExcelForInsert(existing: readonly string[]) {
    const log = {
      checked: [] as string[],
      inserted: [] as { base64: string; options: unknown }[],
      activated: [] as string[],
      syncs: 0,
    };
    g.Excel = new OfficeMockObject({
      context: {
        workbook: {
          worksheets: {
            getItemOrNullObject: (name: string) => {
              log.checked.push(name);
              return { isNullObject: !existing.includes(name) };
            },
            getItem: (name: string) => ({ activate: () => log.activated.push(name) }),
          },
          insertWorksheetsFromBase64: (base64: string, options: unknown) => {
            log.inserted.push({ base64, options });
            return { value: ['{A1B2}'] };
          },
        },
        sync: () => {
          log.syncs++;
        },
      },
      run: async function (cb: (ctx: unknown) => Promise<unknown>) {
        return cb((this as any).context);
      },
    });
    return log;
  }
  const standard = () => [
    definition.sheets.guide,
    definition.sheets.info,
    definition.sheets.metrics,
    definition.sheets.risks,
    definition.sheets.narrative,
  ];

  it('inserts the template’s base64 at the end and activates 基本信息', async () => {
    const calls = mockOffice({ ExcelApi: '1.13' });
    const log = mockExcelForInsert(['Sheet1']);
    const out = await actions.insertTemplate(definition);
    expect(calls).toContain('ExcelApi 1.13');
    expect(log.checked).toEqual(standard());
    expect(out.inserted).toBe(true);
    expect(log.inserted).toHaveLength(1);
    const expected = await writeTemplate(definition);
    expect(Buffer.from(base64ToBytes(log.inserted[0].base64)).equals(Buffer.from(expected))).toBe(true);
    expect(log.inserted[0].options).toEqual({ positionType: 'End' });
    expect(log.activated).toEqual([definition.sheets.info]);
    expect(log.syncs).toBe(3); // existence check, insert, activate
    expect(out.notices[0].level).toBe('success');
    expect(out.notices[0].text).toContain(`“${definition.sheets.risks}”`);
  });

  it('says so, and inserts nothing, where ExcelApi 1.13 is missing', async () => {
    mockOffice({ ExcelApi: '1.12' });
    const log = mockExcelForInsert([]);
    const out = await actions.insertTemplate(definition);
    expect(out.inserted).toBe(false);
    expect(log.inserted).toEqual([]);
    expect(log.syncs).toBe(0);
    expect(out.notices).toEqual([expect.objectContaining({ level: 'error' })]);
    expect(out.notices[0].text).toContain('ExcelApi 1.13');
  });

  it('does not insert the standard sheets twice', async () => {
    mockOffice({ ExcelApi: '1.17' });
    const log = mockExcelForInsert([definition.sheets.info, definition.sheets.risks, 'Sheet1']);
    const out = await actions.insertTemplate(definition);
    expect(out.inserted).toBe(false);
    expect(log.inserted).toEqual([]);
    expect(out.notices[0].text).toBe(
      `当前工作簿已有“${definition.sheets.info}”“${definition.sheets.risks}”工作表，未重复插入。` +
        '如需重新插入，请新建空白工作簿后再点击“插入标准填报表”。',
    );
  });
});

describe('clicking an issue', () => {
  it('activates the sheet and selects the issue’s cell (OfficeMockObject)', async () => {
    const { issues } = await checkWorkbookBytes(flawedBytes, definition);
    const issue = issues.find((i) => i.rule === 'field.phone')!;
    expect(issue.sheet).toBe(definition.sheets.info);
    const log: string[] = [];
    g.Excel = new OfficeMockObject({
      context: {
        workbook: {
          worksheets: {
            getItem(name: string) {
              return {
                activate: () => log.push(`activate ${name}`),
                getRange: (a: string) => ({ select: () => log.push(`select ${name}!${a}`) }),
              };
            },
          },
        },
        sync: () => log.push('sync'),
      },
      run: async function (cb: (ctx: unknown) => Promise<unknown>) {
        return cb((this as any).context);
      },
    });
    await excel.selectCell(issue.sheet!, issue.cell!);
    expect(log).toEqual([`activate ${issue.sheet}`, `select ${issue.sheet}!${issue.cell}`, 'sync']);
  });
});

describe('生成报告 in Excel', () => {
  it('builds the .docx from the open workbook with the shared report builder', async () => {
    mockOffice({ ExcelApi: '1.17' });
    g.Excel = fakeExcel(await officeSnapshotsFromXlsx(cleanBytes)).Excel;
    const out = await actions.reportFromOpenWorkbook(definition, 'PC');
    expect(out.report).not.toBeNull();
    const sub = out.check.submission!;
    expect(out.report!.fileName).toBe(`${reportTitle(sub, definition)}.docx`);
    expect(out.report!.fileName).toBe('市交通运输局2023年第三季度意识形态工作分析研判报告.docx');
    const text = await docxText(out.report!.bytes);
    expect(text).toContain(reportTitle(sub, definition));
    expect(out.notices).toEqual([{ level: 'success', text: `报告已生成：${out.report!.fileName}` }]);
  });

  it('on Mac says downloads are blocked and points to Word', async () => {
    mockOffice({ ExcelApi: '1.17' }, 'Mac');
    g.Excel = fakeExcel(await officeSnapshotsFromXlsx(cleanBytes)).Excel;
    const out = await actions.reportFromOpenWorkbook(definition, 'Mac');
    expect(out.report).not.toBeNull();
    expect(out.notices.at(-1)!.text).toMatch(/Mac版Excel.*不能下载.*Word.*插入报告/);
  });

  it('reports why no report can be built from a workbook without the standard sheets', async () => {
    mockOffice({ ExcelApi: '1.17' });
    g.Excel = fakeExcel([
      {
        name: 'Sheet1',
        visibility: 'Visible',
        address: 'Sheet1!A1',
        values: [['x']],
        valueTypes: [['String']],
      },
    ]).Excel;
    const out = await actions.reportFromOpenWorkbook(definition, 'PC');
    expect(out.report).toBeNull();
    expect(out.notices[0].level).toBe('error');
    expect(out.notices[0].text).toMatch(/^无法生成报告：/);
  });
});

describe('Word: 插入报告 / 在新文档中打开', () => {
  function mockWord() {
    const rec: { target: string; base64: string; location: string; options?: unknown }[] = [];
    const created: string[] = [];
    let opened = 0;
    g.Word = new OfficeMockObject({
      context: {
        document: {
          insertFileFromBase64: (base64: string, location: string, options: unknown) =>
            rec.push({ target: 'document', base64, location, options }),
          body: {
            insertFileFromBase64: (base64: string, location: string) =>
              rec.push({ target: 'body', base64, location }),
          },
        },
        application: {
          createDocument: (base64: string) => {
            created.push(base64);
            return { open: () => opened++ };
          },
        },
        sync: () => undefined,
      },
      run: async function (cb: (ctx: unknown) => Promise<unknown>) {
        return cb((this as any).context);
      },
    });
    return { rec, created, opened: () => opened };
  }

  it('uses Document.insertFileFromBase64 where WordApi 1.5 is supported', async () => {
    const calls = mockOffice({ WordApi: '1.5' });
    const w = mockWord();
    const sub = sampleSubmission();
    const out = await actions.insertReportIntoWord(sub, definition);
    expect(calls).toContain('WordApi 1.5');
    expect(out.mode).toBe('document');
    expect(w.rec).toHaveLength(1);
    expect(w.rec[0]).toMatchObject({ target: 'document', location: 'Replace', base64: out.report.base64 });
    expect(w.rec[0].options).toMatchObject({ importStyles: true, importDifferentOddEvenPages: true });
    expect(await docxText(base64ToBytes(w.rec[0].base64))).toContain(reportTitle(sub, definition));
    expect(out.notices[0]).toEqual({
      level: 'success',
      text: '报告已插入当前文档（含页面设置、页眉页脚和页码）。',
    });
  });

  it('falls back to Body.insertFileFromBase64 and says headers/footers are lost', async () => {
    mockOffice({ WordApi: '1.4' });
    const w = mockWord();
    const out = await actions.insertReportIntoWord(sampleSubmission(), definition);
    expect(out.mode).toBe('body');
    expect(w.rec.map((r) => [r.target, r.location])).toEqual([['body', 'Replace']]);
    expect(out.notices[0].level).toBe('warning');
    expect(out.notices[0].text).toContain('页眉页脚');
    expect(out.notices[0].text).toContain('页码已丢失');
  });

  it('opens the report as a new document with WordApi 1.3, refuses without', async () => {
    mockOffice({ WordApi: '1.3' });
    const w = mockWord();
    const out = await actions.openReportInNewDocument(sampleSubmission(), definition);
    expect(out.opened).toBe(true);
    expect(w.created).toHaveLength(1);
    expect(w.opened()).toBe(1);
    expect(await docxText(base64ToBytes(w.created[0]))).toContain('意识形态工作分析研判报告');

    mockOffice({ WordApi: '1.2' });
    const w2 = mockWord();
    const out2 = await actions.openReportInNewDocument(sampleSubmission(), definition);
    expect(out2.opened).toBe(false);
    expect(w2.created).toEqual([]);
    expect(out2.notices[0].text).toContain('WordApi 1.3');
  });
});

describe('base64', () => {
  it('round-trips large binaries', () => {
    const bytes = new Uint8Array(200_000).map((_, i) => (i * 31) % 256);
    expect(Buffer.from(base64ToBytes(bytesToBase64(bytes))).equals(Buffer.from(bytes))).toBe(true);
    expect(bytesToBase64(new Uint8Array([1, 2, 3]))).toBe(Buffer.from([1, 2, 3]).toString('base64'));
  });
});
