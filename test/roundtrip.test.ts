// Round trip: template → filled programmatically (fill.ts) → read back (xlsx-grid + checker), directly and
// after a LibreOffice re-save (soffice --convert-to xlsx): the same submission comes out.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { benchCheckBytes, checkWorkbookBytes } from '../templates/src/check-bytes';
import { definition } from '../templates/src/definition';
import type { Definition } from '../templates/src/definition-types';
import { fillWorkbook, type FillInput } from '../templates/src/fill';
import { sampleSubmission } from '../templates/src/sample';
import type { Submission } from '../templates/src/schema';
import { columnLetters } from '../templates/src/grid';
import { has, sofficeConvert, tempDir } from './helpers/tools';

const tmp = tempDir('yanpan-roundtrip-');
afterAll(() => tmp.cleanup());

function asFill(s: Submission): FillInput {
  return s as unknown as FillInput;
}

/** A sample with what users really type: numbers as text, units, full-width digits, Chinese numerals. */
function messyInput(): FillInput {
  const s = sampleSubmission();
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
  set('theory.staffStudy', 'current', '六');
  set('front.posts', 'ytd', '13,460');
  set('team.talks', 'current', '64');
  const risks = s.risks.map((r) => ({ ...r }) as Record<string, unknown>);
  const [y0, m0, d0] = String(risks[0].deadline).split('-').map(Number);
  risks[0].deadline = { text: `${y0}年${m0}月${d0}日` };
  risks[1].deadline = { text: String(risks[1].deadline).replace(/-/g, '.') };
  return { ...asFill(s), metrics, risks, fillDate: { text: '2023/10/10' }, year: '2023年' };
}

const asOf = '2023-10-20';

describe('round trip through the template', () => {
  it('fill → read: the same submission, no issues', async () => {
    const sample = sampleSubmission();
    const bytes = await fillWorkbook(asFill(sample));
    const r = await checkWorkbookBytes(bytes, definition, { asOf });
    const bench = await benchCheckBytes(bytes, 10);
    console.log(
      `checkWorkbookBytes on the filled sample (${bytes.length} bytes): mean ${bench.meanMs.toFixed(1)} ms, fastest ${bench.minMs.toFixed(1)} ms`,
    );
    expect(r.issues.map((i) => [i.severity, i.sheet, i.cell, i.rule, i.value])).toEqual(
      overdueExpected(definition),
    );
    expect(r.submission).toEqual(sample);
  });

  it('messy values are read with exactly the expected warnings', async () => {
    const bytes = await fillWorkbook(messyInput());
    const r = await checkWorkbookBytes(bytes, definition, { asOf });
    expect(r.issues.map((i) => [i.severity, i.sheet, i.cell, i.rule, i.value])).toEqual(
      messyExpected(definition),
    );
    expect(r.submission).toEqual(sampleSubmission());
  });

  it.skipIf(!has('soffice'))(
    'fill → LibreOffice re-save → read: the same submission',
    async () => {
      const clean = path.join(tmp.dir, 'clean.xlsx');
      const messy = path.join(tmp.dir, 'messy.xlsx');
      writeFileSync(clean, await fillWorkbook(asFill(sampleSubmission())));
      writeFileSync(messy, await fillWorkbook(messyInput()));
      const out = path.join(tmp.dir, 'lo');
      const [cleanLo, messyLo] = sofficeConvert([clean, messy], 'xlsx', out);
      const r = await checkWorkbookBytes(readFileSync(cleanLo), definition, { asOf });
      expect(r.issues.map((i) => [i.severity, i.sheet, i.cell, i.rule, i.value])).toEqual(
        overdueExpected(definition),
      );
      expect(r.submission).toEqual(sampleSubmission());
      const r2 = await checkWorkbookBytes(readFileSync(messyLo), definition, { asOf });
      expect(r2.issues.map((i) => [i.severity, i.sheet, i.cell, i.rule, i.value])).toEqual(
        messyExpected(definition),
      );
      expect(r2.submission).toEqual(sampleSubmission());
    },
    60_000,
  );
});

/** The sample's overdue risks (it has some on purpose): one 逾期 警告 each, at the 整改时限 cell. */
function overdueExpected(def: Definition) {
  const col = columnLetters(def.riskColumns.findIndex((c) => c.key === 'deadline'));
  const overdue = sampleSubmission().risks.filter((r) => r.overdue);
  expect(overdue.length).toBeGreaterThan(0);
  return overdue.map((r) => ['warning', def.sheets.risks, `${col}${r.row}`, 'risk.overdue', r.id]);
}

function messyExpected(def: Definition) {
  const row = (id: string) => def.metrics.findIndex((m) => m.id === id) + 3;
  return [
    ['warning', '工作指标', `E${row('theory.centralGroup')}`, 'metric.coerced', '3次'],
    ['warning', '工作指标', `E${row('theory.seminars')}`, 'metric.coerced', '２'],
    ['warning', '工作指标', `E${row('theory.staffStudy')}`, 'metric.coerced', '六'],
    ...overdueExpected(def),
  ];
}
