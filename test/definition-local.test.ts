// A superior adjusts the standard without a developer: a metric, a register column, a 基本信息 field and a
// 整改状态 value with the role done are added to an exported copy of the built-in definition file; each is
// found in the template, the checker's output, the report's attachment, the tracking workbook and the
// store, with no code changed. Through
// the CLI: `yanpan definition export`, then template/check/report --definition; an invalid file gets a
// Chinese error naming the bad entry's path and line.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkWorkbookBytes } from '../templates/src/check/check-bytes';
import { isHighLevel } from '../templates/src/standard/roles';
import { statusOf, type Submission } from '../templates/src/standard/schema';
import { unitReportText } from '../templates/src/report/index';
import { DefinitionRegistry, parseDefinitionText } from '../templates/src/standard/registry';
import { sampleSubmission } from '../templates/src/samples/submission';
import type { DefinitionInput } from '../templates/src/standard/definition';
import { fillWorkbook, type FillInput } from '../templates/src/template/fill';
import { writeTemplate } from '../templates/src/template/writer';
import type { SheetGrid } from '../templates/src/xlsx/grid';
import { workbookBytesToGrid } from '../templates/src/xlsx/read';
import { EACH_UNIT, OVERDUE_LABEL, SHEETS } from '../importer/src/import/labels';
import { writeTracking } from '../importer/src/import/tracking';
import { hashBytes, openStore } from '../importer/src/store';
import { definitionData } from './helpers/definitions';
import { tempDir } from './helpers/tools';
import { privateBuild } from './import-build';
import { definition } from '../templates/src/index';

/** The user's edits to an exported copy: data only. */
function localEdits(d: DefinitionInput): void {
  d.id = 'city.ideology';
  d.title = '某市意识形态工作分析研判填报表';
  d.metrics.push({
    id: 'front.museums',
    category: '阵地建设',
    name: '组织参观红色教育基地',
    unit: '次',
    kind: 'flow',
    phrase: '组织党员干部参观红色教育基地',
    // Woven into a paragraph of the unit's that speaks of it (the sample's 阵地 paragraph speaks of 活动).
    keywords: ['红色教育基地', '活动'],
    weight: 5,
  });
  d.riskColumns.push({ key: 'supervision', label: '督办级别', type: 'text', width: 12 });
  d.info.push({ key: 'email', label: '电子邮箱', required: false, type: 'text', hint: '联系人的电子邮箱' });
  (d.vocab.riskStatus.values as unknown[]).push({ value: '已销号', role: 'done' });
}

const local = (() => {
  const d = definitionData();
  localEdits(d);
  return d;
})();
const def = parseDefinitionText(JSON.stringify(local), 'local.json');

function filled(): FillInput {
  const sub = sampleSubmission(definition);
  return {
    ...(sub as unknown as FillInput),
    templateId: undefined,
    templateVersion: undefined,
    info: { ...sub.info, email: 'zhang@example.gov.cn' },
    metrics: [...sub.metrics, { id: 'front.museums', current: 4, ytd: 9 }],
    risks: sub.risks.map((r, i) =>
      i === 0
        ? {
            ...r,
            status: '已销号',
            progress: '已完成整改并销号',
            deadline: '2023-09-01',
            supervision: '市级督办',
          }
        : { ...r, supervision: i % 2 ? '局级督办' : null },
    ),
  };
}

describe('a locally adjusted definition, data only', () => {
  it('the template has the added metric row, register column, 基本信息 field and drop-down value', async () => {
    const grid = await workbookBytesToGrid(await writeTemplate(def), { def });
    if (!('grid' in grid)) throw new Error('unreadable');
    const cells = (name: string) =>
      grid.grid.sheets
        .find((s) => s.name === name)!
        .rows.flat()
        .filter((v) => typeof v === 'string');
    expect(cells(def.sheets.metrics)).toContain('组织参观红色教育基地');
    expect(cells(def.sheets.risks)).toContain('督办级别');
    expect(cells(def.sheets.info)).toContain('电子邮箱');
    expect(cells(def.sheets.guide).join('')).toContain('city.ideology');
  });

  it('the checker reads each, and 已销号 counts as rectified (role done), not overdue', async () => {
    const r = await checkWorkbookBytes(await fillWorkbook(filled(), def), new DefinitionRegistry([def]), {
      asOf: '2023-10-15',
    });
    expect(r.definitionId).toBe('city.ideology');
    const sub = r.submission!;
    expect(sub.metrics.find((m) => m.id === 'front.museums')).toMatchObject({ current: 4, ytd: 9 });
    expect(sub.info?.email).toBe('zhang@example.gov.cn');
    expect(sub.risks[0].values?.supervision).toBe('市级督办');
    expect(sub.risks[0]).toMatchObject({ status: '已销号', overdue: false });
    expect(r.issues.map((i) => i.rule)).not.toContain('field.enum');
    expect(r.issues.filter((i) => i.cell?.startsWith('J3'))).toEqual([]);
    // The report weaves the new metric (the most telling one its paragraph speaks of) and lists the new column.
    const text = unitReportText(sub, def);
    expect(text).toContain('组织党员干部参观红色教育基地4次');
    expect(text).toContain('督办级别');
    expect(text).toContain('市级督办');
  });
});

describe('the tracking workbook and the store, data only', () => {
  let tmp: ReturnType<typeof tempDir>;
  let bytes: Uint8Array;
  let checked: Awaited<ReturnType<typeof checkWorkbookBytes>>;
  let sub: Submission;
  beforeAll(async () => {
    tmp = tempDir('yanpan-deflocal-out-');
    bytes = await fillWorkbook(filled(), def);
    checked = await checkWorkbookBytes(bytes, new DefinitionRegistry([def]), { asOf: '2023-10-15' });
    sub = checked.submission!;
  });
  afterAll(() => tmp?.cleanup());

  /** A sheet's rows as text, the header row first. */
  const rowsOf = (sheets: SheetGrid[], name: string): string[][] =>
    sheets
      .find((s) => s.name === name)!
      .rows.map((r) => (r ?? []).map((v) => (v === null || v === undefined ? '' : String(v))));
  /** The cell of `row` under the header `label` (which must be there). */
  const under = (rows: string[][], row: string[], label: string): string => {
    const i = rows[0].indexOf(label);
    if (i < 0) throw new Error(`no column ${label} in ${rows[0].join('|')}`);
    return row[i] ?? '';
  };

  it('汇总台账 lists the added metric, register column and 基本信息 field; 已销号 is not 逾期', async () => {
    const unit = { code: sub.unit.code!, name: sub.unit.name!, group: null };
    const counts = (f: (i: { severity: string }) => boolean) => checked.issues.filter(f).length;
    async function* each<T>(xs: T[]): AsyncIterable<T> {
      for (const x of xs) yield x;
    }
    const { bytes: book } = await writeTracking(
      {
        statusRows: [
          {
            ...unit,
            status: statusOf(checked.issues),
            file: 'unit.xlsx',
            fillDate: sub.fillDate,
            errors: counts((i) => i.severity === 'error'),
            warnings: counts((i) => i.severity === 'warning'),
            risks: sub.risks.length,
            high: sub.risks.filter((r) => isHighLevel(def, r.level)).length,
            overdue: sub.risks.filter((r) => r.overdue).length,
            note: '',
            info: sub.info,
          },
        ],
        metricRows: [
          { ...unit, current: def.metrics.map((m) => sub.metrics.find((v) => v.id === m.id)!.current) },
        ],
        riskRows: each(sub.risks.map((risk) => ({ ...unit, risk }))),
        issueRows: each(checked.issues.map((issue) => ({ unit: unit.name, file: 'unit.xlsx', issue }))),
        round: { year: sub.year!, period: sub.period!, reportKind: sub.reportKind },
        created: new Date('2023-10-20T08:00:00Z'),
      },
      def,
    );
    const g = await workbookBytesToGrid(book, { def });
    if (!('grid' in g)) throw new Error('unreadable');
    const sheets = g.grid.sheets;

    const metrics = rowsOf(sheets, SHEETS.metrics);
    expect(under(metrics, metrics[1], '组织参观红色教育基地（次）')).toBe('4');

    const risks = rowsOf(sheets, SHEETS.risks);
    const closed = risks.find((r) => r.includes(sub.risks[0].id))!;
    expect(under(risks, closed, '督办级别')).toBe('市级督办');
    expect(under(risks, closed, def.riskColumns.find((c) => c.key === 'status')!.label)).toBe('已销号');
    expect(under(risks, closed, OVERDUE_LABEL)).toBe('');
    expect(risks.slice(1).map((r) => under(risks, r, '督办级别'))).toContain('局级督办');

    const info = rowsOf(sheets, `${EACH_UNIT}${def.sheets.info}`);
    expect(info[0]).toEqual(['单位代码', '单位名称', ...def.info.map((f) => f.label)]);
    expect(info).toHaveLength(2);
    expect(under(info, info[1], '电子邮箱')).toBe('zhang@example.gov.cn');
    expect(under(info, info[1], '单位名称')).toBe(sub.unit.name);
  });

  it('the store keeps each: the submission read back has the added field, column and metric', async () => {
    const dbFile = path.join(tmp.dir, 'ws.db');
    const store = await openStore(dbFile, { def });
    const recorded = await store.recordImport([
      { hash: hashBytes(bytes), fileName: 'unit.xlsx', result: checked, bytes },
    ]);
    expect(recorded.added).toBe(1);
    store.close();

    const back = await openStore(dbFile, { def, mustExist: true });
    const stored = back.currentSubmissions(back.latestPeriod()!);
    back.close();
    expect(stored).toHaveLength(1);
    const s = stored[0].submission!;
    expect(s.info?.email).toBe('zhang@example.gov.cn');
    expect(s.metrics.find((m) => m.id === 'front.museums')).toMatchObject({ current: 4, ytd: 9 });
    expect(s.risks[0].values?.supervision).toBe('市级督办');
    expect(s.risks[0]).toMatchObject({ status: '已销号', overdue: false });
    expect(s).toEqual(sub);
  });
});

describe('yanpan definition / --definition (CLI)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let cli: string;
  const run = (args: string[]) => {
    const r = spawnSync(process.execPath, [cli, ...args], { cwd: tmp.dir, encoding: 'utf8' });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  beforeAll(async () => {
    tmp = tempDir('yanpan-deflocal-');
    cli = (await privateBuild()).cli;
  }, 120_000);
  afterAll(() => tmp?.cleanup());

  it('exports YAML, the user edits it, and template/check/report use it', async () => {
    const e = run(['definition', 'export', '-o', 'local.yaml']);
    expect(e.code, e.err).toBe(0);
    expect(e.out).toContain('已导出标准“yanpan.ideology”');
    const data = parseYaml(readFileSync(path.join(tmp.dir, 'local.yaml'), 'utf8')) as DefinitionInput;
    localEdits(data);
    writeFileSync(path.join(tmp.dir, 'local.yaml'), toYaml(data));
    expect(run(['definition', 'validate', 'local.yaml']).out).toContain(
      '“local.yaml”符合要求：city.ideology',
    );

    const t = run(['template', '--definition', 'local.yaml', '-o', 'blank.xlsx']);
    expect(t.code, t.err).toBe(0);
    const blank = new Uint8Array(readFileSync(path.join(tmp.dir, 'blank.xlsx')));
    const g = await workbookBytesToGrid(blank, { def });
    expect(JSON.stringify(g)).toContain('组织参观红色教育基地');

    writeFileSync(path.join(tmp.dir, 'unit.xlsx'), await fillWorkbook(filled(), def));
    // Without the local definition the workbook's template id is unknown: one clear 错误.
    const without = run(['check', 'unit.xlsx', '--as-of', '2023-10-15']);
    expect(without.code).toBe(1);
    expect(without.out).toContain('填报表的模板标识为“city.ideology”，不是已知的标准');
    const withIt = run([
      'check',
      'unit.xlsx',
      '--definition',
      'local.yaml',
      '--as-of',
      '2023-10-15',
      '--json',
    ]);
    expect(withIt.code, withIt.err).toBe(0);
    const json = JSON.parse(withIt.out) as { files: { submission: { info: Record<string, unknown> } }[] };
    expect(json.files[0].submission.info.email).toBe('zhang@example.gov.cn');
    const rep = run([
      'report',
      'unit.xlsx',
      '--definition',
      'local.yaml',
      '--as-of',
      '2023-10-15',
      '-o',
      'r.docx',
    ]);
    expect(rep.code, rep.err).toBe(0);
  });

  it('an invalid file: a Chinese error with the path and line of the bad entry, exit 2', () => {
    const d = definitionData();
    (d.metrics[2] as { kind: string }).kind = 'monthly';
    const text = JSON.stringify(d, null, 2);
    writeFileSync(path.join(tmp.dir, 'bad.json'), text);
    const line = text.split('\n').findIndex((l) => l.includes('"monthly"')) + 1;
    const r = run(['template', '--definition', 'bad.json', '-o', 'x.xlsx']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('标准定义文件“bad.json”有1处不符合要求：');
    expect(r.err).toContain(`位置 metrics[2].kind（第${line}行）：只能是：flow、stock`);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(run(['definition', 'validate', 'bad.json']).code).toBe(1);
  });

  it('history judges 整改状态 by the standard the rounds were imported with (--definition)', async () => {
    // Q3: the first risk 已销号 (done in the local standard); Q4: it is no longer reported.
    const registry = new DefinitionRegistry([def]);
    const q3 = await fillWorkbook(filled(), def);
    const q4 = await fillWorkbook(
      { ...filled(), period: '第四季度', fillDate: '2024-01-08', risks: (filled().risks ?? []).slice(1) },
      def,
    );
    const dbFile = path.join(tmp.dir, 'closed.db');
    const store = await openStore(dbFile, { def });
    for (const [name, b, asOf] of [
      ['q3.xlsx', q3, '2023-10-15'],
      ['q4.xlsx', q4, '2024-01-10'],
    ] as const) {
      const result = await checkWorkbookBytes(b, registry, { asOf });
      await store.recordImport([{ hash: hashBytes(b), fileName: name, result, bytes: b }]);
    }
    store.close();
    writeFileSync(path.join(tmp.dir, 'local.json'), JSON.stringify(local));
    const unit = sampleSubmission(definition).unit.name ?? '';
    const withDef = run(['history', unit, '--db', 'closed.db', '--definition', 'local.json']);
    expect(withDef.code, withDef.err).toBe(0);
    expect(withDef.out).toContain('已销号');
    expect(withDef.out).not.toContain('未再报告');
    // With the built-in standard 已销号 means nothing: the risk looks dropped without being closed.
    const builtIn = run(['history', unit, '--db', 'closed.db']);
    expect(builtIn.out).toContain('未再报告');
  });

  it('lists the known kinds; --kind writes the second built-in standard’s template', () => {
    const l = run(['definition', 'list']);
    expect(l.out).toContain('yanpan.ideology');
    expect(l.out).toContain('yanpan.party-conduct');
    const t = run(['template', '--kind', 'yanpan.party-conduct']);
    expect(t.code, t.err).toBe(0);
    expect(t.out).toContain('党风廉政建设工作填报表.xlsx');
    expect(run(['template', '--kind', 'no.such']).err).toContain('没有标识为“no.such”的标准');
  });
});
