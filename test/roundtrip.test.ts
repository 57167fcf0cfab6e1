// Round trip: template → filled programmatically (fill.ts) → read back (xlsx-grid + checker), directly and
// after a LibreOffice re-save (soffice --convert-to xlsx): the same submission comes out.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { benchCheckBytes, checkWorkbookBytes } from '../templates/src/check/check-bytes';
import { definition } from '../templates/src/standard/ideology';
import type { Definition } from '../templates/src/standard/types';
import { fillWorkbook, type FillInput } from '../templates/src/template/fill';
import { sampleSubmission } from '../templates/src/samples/submission';
import type { Submission } from '../templates/src/standard/schema';
import { columnLetters } from '../templates/src/xlsx/grid';
import { layoutOf } from '../templates/src/template/layout';
import ExcelJS from 'exceljs';
import { has, sofficeConvert, tempDir } from './helpers/tools';

const tmp = tempDir('yanpan-roundtrip-');
afterAll(() => tmp.cleanup());

function asFill(s: Submission): FillInput {
  return s as unknown as FillInput;
}

/** A sample with what users really type: numbers as text, units, full-width digits, Chinese numerals. */
function messyInput(): FillInput {
  const s = sampleSubmission(definition);
  const metrics = s.metrics.map(
    (m) =>
      ({ id: m.id, current: m.current, ytd: m.ytd, note: m.note }) as Record<string, unknown> & {
        id: string;
      },
  );
  const set = (id: string, k: string, v: unknown) => {
    metrics.find((m) => m.id === id)![k] = v;
  };
  set('theory.centralGroup', 'current', '3次');
  set('theory.seminars', 'current', '２');
  set('theory.staffStudy', 'current', '四');
  set('front.reach', 'ytd', '9,100');
  set('team.talks', 'current', '46');
  const risks = s.risks.map((r) => ({ ...r }) as Record<string, unknown>);
  const [y0, m0, d0] = String(risks[0].deadline).split('-').map(Number);
  risks[0].deadline = { text: `${y0}年${m0}月${d0}日` };
  risks[1].deadline = { text: String(risks[1].deadline).replace(/-/g, '.') };
  return { ...asFill(s), metrics, risks, fillDate: { text: '2023/10/10' }, year: '2023年' };
}

const asOf = '2023-10-20';

describe('round trip through the template', () => {
  it('fill → read: the same submission, no issues', async () => {
    const sample = sampleSubmission(definition);
    const bytes = await fillWorkbook(asFill(sample), definition);
    const r = await checkWorkbookBytes(bytes, definition, { asOf });
    const c0 = process.cpuUsage();
    const bench = await benchCheckBytes(bytes, definition, 10);
    const cpu = process.cpuUsage(c0);
    console.log(
      `checkWorkbookBytes on the filled sample (${bytes.length} bytes): wall mean ${bench.meanMs.toFixed(1)} ms, ` +
        `fastest ${bench.minMs.toFixed(1)} ms; CPU ${((cpu.user + cpu.system) / 1000 / 11).toFixed(1)} ms per check`,
    );
    expect(r.issues.map((i) => [i.severity, i.sheet, i.cell, i.rule, i.value])).toEqual(
      overdueExpected(definition),
    );
    expect(r.submission).toEqual(sample);
  });

  it('messy values are read with exactly the expected warnings', async () => {
    const bytes = await fillWorkbook(messyInput(), definition);
    const r = await checkWorkbookBytes(bytes, definition, { asOf });
    expect(r.issues.map((i) => [i.severity, i.sheet, i.cell, i.rule, i.value])).toEqual(
      messyExpected(definition),
    );
    expect(r.submission).toEqual(sampleSubmission(definition));
  });

  it.skipIf(!has('soffice'))(
    'fill → LibreOffice re-save → read: the same submission',
    async () => {
      const clean = path.join(tmp.dir, 'clean.xlsx');
      const messy = path.join(tmp.dir, 'messy.xlsx');
      writeFileSync(clean, await fillWorkbook(asFill(sampleSubmission(definition)), definition));
      writeFileSync(messy, await fillWorkbook(messyInput(), definition));
      const out = path.join(tmp.dir, 'lo');
      const [cleanLo, messyLo] = sofficeConvert([clean, messy], 'xlsx', out);
      const r = await checkWorkbookBytes(readFileSync(cleanLo), definition, { asOf });
      expect(r.issues.map((i) => [i.severity, i.sheet, i.cell, i.rule, i.value])).toEqual(
        overdueExpected(definition),
      );
      expect(r.submission).toEqual(sampleSubmission(definition));
      const r2 = await checkWorkbookBytes(readFileSync(messyLo), definition, { asOf });
      expect(r2.issues.map((i) => [i.severity, i.sheet, i.cell, i.rule, i.value])).toEqual(
        messyExpected(definition),
      );
      expect(r2.submission).toEqual(sampleSubmission(definition));
    },
    60_000,
  );
});

/** The sample's overdue risks (it has some on purpose): one 逾期 警告 each, at the 整改时限 cell. */
function overdueExpected(def: Definition) {
  const col = columnLetters(def.riskColumns.findIndex((c) => c.key === 'deadline'));
  const overdue = sampleSubmission(definition).risks.filter((r) => r.overdue);
  expect(overdue.length).toBeGreaterThan(0);
  return overdue.map((r) => ['warning', def.sheets.risks, `${col}${r.row}`, 'risk.overdue', r.id]);
}

describe('a workbook pre-filled for one roster unit', () => {
  it('reads the locked code; a changed 单位代码 is a 错误 against the meta sheet', async () => {
    const sample = sampleSubmission(definition);
    const bytes = await fillWorkbook(asFill(sample), definition, { prefill: true });
    const ok = await checkWorkbookBytes(bytes, definition, { asOf });
    expect(ok.submission!.unit).toEqual(sample.unit);
    expect(ok.issues.map((i) => i.rule)).toEqual(overdueExpected(definition).map((x) => x[3]));

    // Someone unprotects the sheet and types another code (re-saved here with exceljs).
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as never, { ignoreNodes: ['dataValidations'] });
    const info = wb.getWorksheet(definition.sheets.info)!;
    const codeRow =
      layoutOf(definition).info.firstRow + definition.info.findIndex((f) => f.key === 'unitCode');
    const cellRef = `B${codeRow}`;
    info.getCell(cellRef).value = '9999';
    const changed = new Uint8Array(await wb.xlsx.writeBuffer());
    const r = await checkWorkbookBytes(changed, definition, { asOf });
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([
      {
        severity: 'error',
        rule: 'meta.codeMismatch',
        sheet: '基本信息',
        cell: cellRef,
        field: '单位代码',
        value: '9999',
        message: `单位代码“9999”与预置模板锁定的单位代码“${sample.unit.code}”不一致。请使用下发给本单位的填报表，不要修改单位代码。`,
      },
    ]);
  });
});

describe('a definition with one more metric', () => {
  it('is written by the template writer, filled, and found by the checker with its value — no code change', async () => {
    const def = structuredClone(definition) as Definition;
    (def.metrics as Definition['metrics'][number][]).push({
      id: 'team.volunteers',
      category: '队伍建设',
      name: '组建理论宣讲志愿者队伍',
      unit: '支',
      kind: 'flow',
      phrase: '组建理论宣讲志愿者队伍',
    });
    const sample = sampleSubmission(definition);
    const input = {
      ...asFill(sample),
      metrics: [
        ...sample.metrics.map((m) => ({ id: m.id, current: m.current, ytd: m.ytd, note: m.note })),
        { id: 'team.volunteers', current: 2, ytd: '5支' },
      ],
    };
    const bytes = await fillWorkbook(input, def);
    const r = await checkWorkbookBytes(bytes, def, { asOf });
    const row = def.metrics.length + 2;
    expect(r.issues.map((i) => [i.severity, i.sheet, i.cell, i.rule, i.value])).toEqual([
      ['warning', '工作指标', `F${row}`, 'metric.coerced', '5支'],
      ...overdueExpected(def),
    ]);
    expect(r.submission!.metrics.at(-1)).toEqual({
      id: 'team.volunteers',
      name: '组建理论宣讲志愿者队伍',
      category: '队伍建设',
      unit: '支',
      kind: 'flow',
      current: 2,
      ytd: 5,
      note: null,
    });
    expect(r.submission!.metrics.slice(0, -1)).toEqual(sample.metrics);
  });
});

function messyExpected(def: Definition) {
  const row = (id: string) => def.metrics.findIndex((m) => m.id === id) + 3;
  return [
    ['warning', '工作指标', `E${row('theory.centralGroup')}`, 'metric.coerced', '3次'],
    ['warning', '工作指标', `E${row('theory.seminars')}`, 'metric.coerced', '２'],
    ['warning', '工作指标', `E${row('theory.staffStudy')}`, 'metric.coerced', '四'],
    ...overdueExpected(def),
  ];
}
