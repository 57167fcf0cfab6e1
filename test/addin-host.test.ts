// Host glue of the task pane: each command's Office calls and results, with office-addin-mock
// (OfficeMockObject) for Office/Word/selection and a strict fake RequestContext for collection loads.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OfficeMockObject } from 'office-addin-mock';
import { definition } from '../templates/src/standard/ideology';
import { writeTemplate } from '../templates/src/template/writer';
import { fillWorkbook } from '../templates/src/template/fill';
import { sampleSubmission } from '../templates/src/samples/submission';
import { checkWorkbookBytes } from '../templates/src/check/check-bytes';
import { DRAFT_NOTE, reportTitle } from '../templates/src/report/index';
import { templateSize } from '../templates/src/template/layout';
import { HEADER_SCAN_ROWS, checkGrid } from '../templates/src/check/checker';
import { a1 } from '../templates/src/xlsx/grid';
import type { CheckResult } from '../templates/src/standard/schema';
import { statusOf } from '../templates/src/standard/schema';
import * as actions from '../addin/src/taskpane/actions';
import * as excel from '../addin/src/taskpane/excel';
import {
  base64ToBytes,
  bytesToBase64,
  countIssues,
  groupIssues,
  reportDecision,
} from '../addin/src/taskpane/pipeline';
import {
  EXTRA_COLS,
  EXTRA_ROWS,
  isDateFormat,
  probeAddress,
  rangeEnd,
  rangeOrigin,
  readLimits,
  snapshotsToGrid,
  type SheetSnapshot,
} from '../addin/src/taskpane/excel-grid';
import { officeSignal, type PageEnv } from '../addin/src/office-host';
import {
  RESPONSE_LIMIT,
  bigSheet,
  docxText,
  fakeExcel,
  fakeWord,
  flawedInput,
  officeSnapshotsFromXlsx,
  type FakeLog,
} from './addin-fixtures';

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

let flawedBytes: Uint8Array;
let cleanBytes: Uint8Array;
beforeAll(async () => {
  flawedBytes = await fillWorkbook(flawedInput({ phone: '12' }), definition);
  cleanBytes = await fillWorkbook(sampleSubmission(definition), definition);
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

describe('校验 in Excel: only the standard sheets, each bounded', () => {
  const limits = readLimits(definition);
  const withinLimits = (log: FakeLog, sheets: SheetSnapshot[]) => {
    for (const r of log.reads) {
      const e = rangeEnd(r.address);
      const role = (Object.keys(definition.sheets) as (keyof typeof definition.sheets)[]).find(
        (k) => definition.sheets[k] === r.sheet,
      );
      const limit = role ? limits[role] : { rows: HEADER_SCAN_ROWS, cols: 1e9 };
      expect(e.row, `${r.sheet} ${r.address}`).toBeLessThan(limit.rows);
      expect(e.col, `${r.sheet} ${r.address}`).toBeLessThan(
        Math.max(...Object.values(limits).map((l) => l.cols)),
      );
      expect(sheets.some((s) => s.name === r.sheet)).toBe(true);
    }
  };

  it('reads the standard sheets from A1 to their used end and gives the same issues as the file check', async () => {
    mockOffice({ ExcelApi: '1.17' });
    const snapshots = await officeSnapshotsFromXlsx(flawedBytes);
    const fake = fakeExcel(snapshots);
    g.Excel = fake.Excel;

    const fromPane = await actions.checkOpenWorkbook(definition);
    const fromFile = await checkWorkbookBytes(flawedBytes, definition);

    expect(fake.log.collectionLoads).toEqual(['items/name,items/visibility']);
    // Used ranges: addresses only, values only (formatting-only cells do not count).
    expect(fake.log.usedRanges.map((u) => u.props)).toEqual(snapshots.map(() => 'address'));
    expect(fake.log.usedRanges.every((u) => u.valuesOnly === true)).toBe(true);
    // Every sheet of the template is a sheet the checker reads: each read once, from A1, in workbook order.
    expect(fake.log.reads.map((r) => r.sheet)).toEqual(snapshots.filter((s) => s.address).map((s) => s.name));
    expect(fake.log.reads.every((r) => r.address.startsWith('A1:'))).toBe(true);
    withinLimits(fake.log, snapshots);
    // Sheet list, used ranges, then one sync per sheet read.
    expect(fake.log.syncs).toBe(2 + fake.log.reads.length);

    expect(fromFile.issues.length).toBeGreaterThanOrEqual(4);
    expect(fromPane.issues).toEqual(fromFile.issues);
    expect(fromPane.submission).toEqual(fromFile.submission);
    const rules = fromPane.issues.map((i) => i.rule);
    expect(rules).toContain('field.phone');
    expect(rules).toContain('metric.coerced');
    expect(rules).toContain('metric.negative');
    expect(rules).toContain('risk.enum');
  });

  it('never reads a large sheet of the user’s own (which alone exceeds the 5 MB response limit)', async () => {
    mockOffice({ ExcelApi: '1.17' });
    const own = bigSheet('本单位台账', 60_000);
    const snapshots = [...(await officeSnapshotsFromXlsx(cleanBytes)), own];
    const fake = fakeExcel(snapshots);
    g.Excel = fake.Excel;
    // The fake enforces the limit: reading that sheet's used range as the pane used to (every sheet's used
    // range, values and formats) is refused, as Excel on the web does.
    await expect(
      fake.Excel.run(async (ctx) => {
        const used = ctx.workbook.worksheets.getItem(own.name).getUsedRangeOrNullObject(true);
        used.load('address,values,valueTypes,numberFormat');
        await ctx.sync();
      }),
    ).rejects.toThrow(/exceeded the limit/);
    fake.log.reads.length = 0;
    fake.log.largestResponse = 0;

    const result = await actions.checkOpenWorkbook(definition);
    expect(result.issues).toEqual((await checkWorkbookBytes(cleanBytes, definition)).issues);
    expect(result.submission).not.toBeNull();
    expect(fake.log.reads.map((r) => r.sheet)).not.toContain(own.name);
    expect(fake.log.largestResponse).toBeLessThan(RESPONSE_LIMIT / 10);
  });

  it('recognises a renamed standard sheet by its header row, reading only the first rows of the others', async () => {
    mockOffice({ ExcelApi: '1.17' });
    const renamed = '风险台账（本单位）';
    const snapshots = (await officeSnapshotsFromXlsx(flawedBytes)).map((s) =>
      s.name === definition.sheets.risks
        ? { ...s, name: renamed, address: s.address!.replace(`'${s.name}'`, `'${renamed}'`) }
        : s,
    );
    snapshots.push(bigSheet('本单位台账', 60_000));
    const fake = fakeExcel(snapshots);
    g.Excel = fake.Excel;
    const result = await actions.checkOpenWorkbook(definition);

    // The file check on the same workbook (the big sheet left out: it plays no part in the check).
    const expected = checkGrid(snapshotsToGrid(snapshots.slice(0, -1)), definition);
    expect(result.issues).toEqual(expected.issues);
    expect(result.issues.map((i) => i.rule)).toContain('sheet.renamed');
    expect(result.submission!.risks).toEqual(expected.submission!.risks);
    // Probes: the first HEADER_SCAN_ROWS rows of the two sheets not known by name; then the renamed sheet.
    const probes = fake.log.reads.filter((r) => r.address === probeAddress(definition));
    expect(probes.map((r) => r.sheet)).toEqual([renamed, '本单位台账']);
    expect(rangeEnd(probeAddress(definition)).row).toBe(HEADER_SCAN_ROWS - 1);
    const full = fake.log.reads.filter((r) => r.address !== probeAddress(definition));
    expect(full.map((r) => r.sheet)).toContain(renamed);
    expect(full.map((r) => r.sheet)).not.toContain('本单位台账');
    expect(fake.log.largestResponse).toBeLessThan(RESPONSE_LIMIT / 10);
  });

  it('refuses, without reading it, a standard sheet whose used range goes beyond the template’s size', async () => {
    mockOffice({ ExcelApi: '1.17' });
    const snapshots = await officeSnapshotsFromXlsx(cleanBytes);
    const risks = snapshots.find((s) => s.name === definition.sheets.risks)!;
    // Something typed far below the table (row 60000): the used range now reaches it.
    const stray = bigSheet(risks.name, 60_000);
    const grown = { ...risks, address: `'${risks.name}'!A1:L60000` };
    Object.assign(grown, {
      values: stray.values,
      valueTypes: stray.valueTypes,
      numberFormat: stray.numberFormat,
    });
    const fake = fakeExcel(snapshots.map((s) => (s === risks ? grown : s)));
    g.Excel = fake.Excel;

    const result = await actions.checkOpenWorkbook(definition);
    expect(result.submission).toBeNull();
    expect(result.issues).toHaveLength(1);
    const limit = limits.risks;
    expect(result.issues[0]).toMatchObject({
      severity: 'error',
      rule: 'sheet.tooLarge',
      sheet: risks.name,
      cell: 'L60000',
    });
    expect(result.issues[0].message).toBe(
      `工作表“${risks.name}”的内容超出了标准填报表的范围（已填到L60000单元格，本表最多读取到` +
        `${a1(limit.rows - 1, limit.cols - 1)}单元格），未读取。请删除该表下方或右侧多余的内容` +
        '（自己的数据请放到另一个工作簿），然后重新校验。',
    );
    // Nothing of any sheet was read: the refusal comes from the used-range addresses alone.
    expect(fake.log.reads).toEqual([]);
    // And no report: 生成报告 says why.
    const out = await actions.reportFromOpenWorkbook(definition, 'PC');
    expect(out.report).toBeNull();
    expect(out.offerDraft).toBe(false);
    expect(out.notices[0].text).toContain('超出了标准填报表的范围');
  });

  it('the template, blank, for a unit or filled in, fits the template size the limits start from', async () => {
    const size = templateSize(definition);
    const files = [
      await writeTemplate(definition),
      await writeTemplate(definition, { unit: { code: 'SZ001', name: '市交通运输局' } }),
      cleanBytes,
    ];
    const role = (name: string) =>
      (Object.keys(definition.sheets) as (keyof typeof definition.sheets)[]).find(
        (k) => definition.sheets[k] === name,
      )!;
    for (const bytes of files) {
      const sheets = await officeSnapshotsFromXlsx(bytes);
      expect(sheets.map((s) => role(s.name)).sort()).toEqual(Object.keys(size).sort());
      for (const s of sheets) {
        if (!s.address) continue;
        const end = rangeEnd(s.address);
        expect(end.row, s.name).toBeLessThan(size[role(s.name)].rows);
        expect(end.col, s.name).toBeLessThan(size[role(s.name)].cols);
      }
    }
    expect(limits.risks).toEqual({ rows: size.risks.rows + EXTRA_ROWS, cols: size.risks.cols + EXTRA_COLS });
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

describe('one rule in every mode: no report from a workbook with errors, unless a draft is chosen', () => {
  let flawed: CheckResult;
  let clean: CheckResult;
  let blank: CheckResult;
  beforeAll(async () => {
    flawed = await checkWorkbookBytes(flawedBytes, definition);
    clean = await checkWorkbookBytes(cleanBytes, definition);
    blank = await checkWorkbookBytes(await writeTemplate(definition), definition);
  });

  it('the decision: report without errors, draft only with errors, nothing without a submission', () => {
    expect(reportDecision(clean).kind).toBe('report');
    expect(reportDecision(flawed)).toMatchObject({
      kind: 'draftOnly',
      errors: countIssues(flawed.issues).errors,
    });
    // The blank template has a submission (all empty) and errors: never a report.
    expect(blank.submission).not.toBeNull();
    expect(reportDecision(blank).kind).toBe('draftOnly');
    expect(reportDecision({ submission: null, issues: [] }).kind).toBe('none');
  });

  it('standalone / file: refused with a clear notice; a draft when chosen, marked and never green', async () => {
    for (const check of [flawed, blank]) {
      const out = await actions.reportFromCheck(check, definition);
      expect(out.report).toBeNull();
      expect(out.offerDraft).toBe(true);
      expect(out.notices).toEqual([
        {
          level: 'error',
          text:
            `填报表还有${countIssues(check.issues).errors}处错误，未生成报告。请按下方校验结果修改后重新生成；` +
            '如需先看草稿，可点击“仍然生成草稿”（标题标注“（草稿）”，不能作为正式报告报送）。',
        },
      ]);
    }
    const draft = await actions.reportFromCheck(flawed, definition, { allowDraft: true });
    const title = reportTitle(flawed.submission!, definition);
    expect(draft.report!.fileName).toBe(`${title}（草稿）.docx`);
    const text = await docxText(draft.report!.bytes);
    expect(text.split('\n')).toContain(`${title}（草稿）`);
    expect(text).toContain(DRAFT_NOTE);
    expect(draft.notices.map((n) => n.level)).toEqual(['warning']);
    expect(draft.notices[0].text).toMatch(/^已生成草稿：.*（草稿）\.docx。填报表还有\d+处错误，这是草稿/);

    // Without errors allowDraft changes nothing: the report, not a draft.
    const ok = await actions.reportFromCheck(clean, definition, { allowDraft: true });
    expect(ok.report!.fileName).toBe(`${reportTitle(clean.submission!, definition)}.docx`);
    expect(await docxText(ok.report!.bytes)).not.toContain('草稿');
    expect(ok.notices).toEqual([{ level: 'success', text: `报告已生成：${ok.report!.fileName}` }]);
  });

  it('Excel 生成报告: the same rule on the open workbook', async () => {
    mockOffice({ ExcelApi: '1.17' });
    g.Excel = fakeExcel(await officeSnapshotsFromXlsx(flawedBytes)).Excel;
    const refused = await actions.reportFromOpenWorkbook(definition, 'PC');
    expect(refused.report).toBeNull();
    expect(refused.offerDraft).toBe(true);
    expect(refused.notices[0].level).toBe('error');
    expect(refused.check.issues).toEqual(flawed.issues);
    const draft = await actions.reportFromOpenWorkbook(definition, 'PC', { allowDraft: true });
    expect(draft.report!.fileName).toMatch(/（草稿）\.docx$/);
    expect(draft.notices.every((n) => n.level !== 'success')).toBe(true);

    g.Excel = fakeExcel(await officeSnapshotsFromXlsx(cleanBytes)).Excel;
    const out = await actions.reportFromOpenWorkbook(definition, 'PC');
    const sub = out.check.submission!;
    expect(out.report!.fileName).toBe('市交通运输局2023年第三季度意识形态工作分析研判报告.docx');
    expect(await docxText(out.report!.bytes)).toContain(reportTitle(sub, definition));
    expect(out.notices).toEqual([{ level: 'success', text: `报告已生成：${out.report!.fileName}` }]);
  });

  it('Excel on Mac says downloads are blocked and points to Word', async () => {
    mockOffice({ ExcelApi: '1.17' }, 'Mac');
    g.Excel = fakeExcel(await officeSnapshotsFromXlsx(cleanBytes)).Excel;
    const out = await actions.reportFromOpenWorkbook(definition, 'Mac');
    expect(out.report).not.toBeNull();
    expect(out.notices.at(-1)!.text).toMatch(/Mac版Excel.*不能下载.*Word.*插入报告/);
  });

  it('Excel: says why no report can be built from a workbook without the standard sheets', async () => {
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
    const out = await actions.reportFromOpenWorkbook(definition, 'PC', { allowDraft: true });
    expect(out.report).toBeNull();
    expect(out.offerDraft).toBe(false);
    expect(out.notices[0].level).toBe('error');
    expect(out.notices[0].text).toMatch(/^无法生成报告：/);
  });

  it('Word: refused with errors (nothing inserted or opened); a draft when chosen', async () => {
    mockOffice({ WordApi: '1.5' });
    const w = fakeWord({ paragraphs: [''] });
    g.Word = w.Word;
    const refused = await actions.insertReportIntoWord(flawed, definition);
    expect(refused).toMatchObject({ result: 'refused', offerDraft: true });
    const notOpened = await actions.openReportInNewDocument(blank, definition);
    expect(notOpened).toMatchObject({ opened: false, offerDraft: true });
    expect(w.log.inserts).toEqual([]);
    expect(w.log.created).toEqual([]);

    const draft = await actions.insertReportIntoWord(flawed, definition, { allowDraft: true });
    expect(draft.result).toBe('inserted');
    expect(draft.notices[0].level).toBe('warning');
    const text = await docxText(base64ToBytes(w.log.inserts[0].base64));
    expect(text.split('\n')[0]).toBe(`${reportTitle(flawed.submission!, definition)}（草稿）`);
    const opened = await actions.openReportInNewDocument(flawed, definition, { allowDraft: true });
    expect(opened.opened).toBe(true);
    expect(await docxText(base64ToBytes(w.log.created[0]))).toContain(DRAFT_NOTE);
  });
});

describe('Word: 插入报告 asks before replacing a document with content', () => {
  let clean: CheckResult;
  beforeAll(async () => {
    clean = await checkWorkbookBytes(cleanBytes, definition);
  });

  it('an empty document is replaced at once (WordApi 1.5: with headers, footers, page setup)', async () => {
    const calls = mockOffice({ WordApi: '1.5' });
    const w = fakeWord({ paragraphs: [' '] });
    g.Word = w.Word;
    const out = await actions.insertReportIntoWord(clean, definition);
    expect(calls).toContain('WordApi 1.5');
    expect(out).toMatchObject({ result: 'inserted', mode: 'document' });
    expect(w.log.textReads).toBe(1); // the first paragraph only
    expect(w.log.inserts).toHaveLength(1);
    expect(w.log.inserts[0]).toMatchObject({ target: 'document', location: 'Replace' });
    expect(w.log.inserts[0].options).toMatchObject({ importStyles: true, importDifferentOddEvenPages: true });
    expect(await docxText(base64ToBytes(w.log.inserts[0].base64))).toContain(
      reportTitle(clean.submission!, definition),
    );
    expect(out.notices).toEqual([
      { level: 'success', text: '报告已插入当前文档（含页面设置、页眉页脚和页码）。' },
    ]);
  });

  it('a document with text, more paragraphs or a picture: nothing is inserted, the pane asks', async () => {
    for (const doc of [
      { paragraphs: ['关于……的报告'] },
      { paragraphs: ['', ''] },
      { paragraphs: [''], pictures: 1 },
    ]) {
      mockOffice({ WordApi: '1.5' });
      const w = fakeWord(doc);
      g.Word = w.Word;
      const out = await actions.insertReportIntoWord(clean, definition);
      expect(out, JSON.stringify(doc)).toMatchObject({ result: 'confirm', mode: null, notices: [] });
      expect(w.log.inserts).toEqual([]);
    }
  });

  it('before WordApi 1.3 emptiness cannot be told: it asks', async () => {
    mockOffice({ WordApi: '1.2' });
    const w = fakeWord({ paragraphs: [''] });
    g.Word = w.Word;
    expect((await actions.insertReportIntoWord(clean, definition)).result).toBe('confirm');
    expect(w.log.syncs).toBe(0);
  });

  it('the user’s choice: replace everything, or insert after the cursor', async () => {
    mockOffice({ WordApi: '1.5' });
    const w = fakeWord({ paragraphs: ['已有内容'] });
    g.Word = w.Word;
    const replaced = await actions.insertReportIntoWord(clean, definition, { placement: 'replace' });
    expect(replaced.mode).toBe('document');
    const atCursor = await actions.insertReportIntoWord(clean, definition, { placement: 'cursor' });
    expect(atCursor.mode).toBe('cursor');
    expect(w.log.inserts.map((i) => [i.target, i.location])).toEqual([
      ['document', 'Replace'],
      ['selection', 'After'],
    ]);
    expect(atCursor.notices[0]).toEqual({
      level: 'success',
      text: '报告已插入到光标处（页眉页脚、页码和页面设置不随之插入，沿用当前文档的设置）。',
    });
  });

  it('before WordApi 1.5: Body.insertFileFromBase64, and a note that page numbers are lost', async () => {
    mockOffice({ WordApi: '1.4' });
    const w = fakeWord({ paragraphs: [''] });
    g.Word = w.Word;
    const out = await actions.insertReportIntoWord(clean, definition);
    expect(out.mode).toBe('body');
    expect(w.log.inserts.map((r) => [r.target, r.location])).toEqual([['body', 'Replace']]);
    expect(out.notices[0].level).toBe('warning');
    expect(out.notices[0].text).toContain('页眉页脚');
    expect(out.notices[0].text).toContain('页码已丢失');
  });

  it('opens the report as a new document with WordApi 1.3, refuses without', async () => {
    mockOffice({ WordApi: '1.3' });
    const w = fakeWord({ paragraphs: ['x'] });
    g.Word = w.Word;
    const out = await actions.openReportInNewDocument(clean, definition);
    expect(out.opened).toBe(true);
    expect(w.log.created).toHaveLength(1);
    expect(w.log.opened).toBe(1);
    expect(await docxText(base64ToBytes(w.log.created[0]))).toContain('意识形态工作分析研判报告');

    mockOffice({ WordApi: '1.2' });
    const w2 = fakeWord({ paragraphs: ['x'] });
    g.Word = w2.Word;
    const out2 = await actions.openReportInNewDocument(clean, definition);
    expect(out2.opened).toBe(false);
    expect(w2.log.created).toEqual([]);
    expect(out2.notices[0].text).toContain('WordApi 1.3');
  });
});

describe('is the page hosted by Office? (decided without office.js)', () => {
  const plain: PageEnv = {
    search: '',
    hash: '',
    windowName: '',
    storageKeys: [],
    external: {},
    agaveHost: undefined,
  };

  it('a plain browser has no signal, whatever else the address holds', () => {
    expect(officeSignal(plain)).toBeNull();
    for (const env of [
      { search: '?x=1&host_Info=Excel' },
      { search: '?_host_info=Excel' }, // office.js matches the name exactly
      { hash: '#_host_Info' },
      { windowName: 'yanpan' },
      { windowName: '{"other":1}' },
      { storageKeys: ['xdm', 'hostInfo'] },
      // Chromium's own window.external has no GetHostInfo / GetContext.
      { external: { AddSearchProvider() {}, IsSearchProviderInstalled() {} } },
    ])
      expect(officeSignal({ ...plain, ...env }), JSON.stringify(env)).toBeNull();
  });

  it('every signal office.js itself uses to find its host', () => {
    const cases: [Partial<PageEnv>, string][] = [
      [{ search: '?_host_Info=Excel$Win32$16.01$zh-CN$$$$0' }, 'query _host_Info'],
      [{ search: '?a=1&_host_Info=Word|Mac|16.00|zh-CN' }, 'query _host_Info'],
      [{ hash: '#&_xdm_Info=abc' }, 'fragment'],
      [{ hash: '#_host_Info=Excel$Web$16.00' }, 'fragment'],
      [{ windowName: JSON.stringify({ hostInfo: 'Excel$Web$16.00' }) }, 'window.name'],
      [{ windowName: JSON.stringify({ xdmInfo: 'x' }) }, 'window.name'],
      [{ storageKeys: ['hostInfoValue'] }, 'sessionStorage'],
      [{ storageKeys: ['_xdm_abc'] }, 'sessionStorage'],
      [{ external: { GetHostInfo: () => 'Excel$Win32$16.01' } }, 'window.external'],
      [{ external: { GetContext: () => ({}) } }, 'window.external'],
      [{ agaveHost: {} }, 'agaveHost'],
    ];
    for (const [env, signal] of cases)
      expect(officeSignal({ ...plain, ...env }), JSON.stringify(env)).toBe(signal);
  });
});

describe('base64', () => {
  it('round-trips large binaries', () => {
    const bytes = new Uint8Array(200_000).map((_, i) => (i * 31) % 256);
    expect(Buffer.from(base64ToBytes(bytesToBase64(bytes))).equals(Buffer.from(bytes))).toBe(true);
    expect(bytesToBase64(new Uint8Array([1, 2, 3]))).toBe(Buffer.from([1, 2, 3]).toString('base64'));
  });
});
