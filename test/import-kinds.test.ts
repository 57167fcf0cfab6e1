// One kind of report per round, chosen on the command line: `yanpan import` consolidates 意识形态工作 by
// default, 党风廉政建设 with --kind, a superior's local variant with --definition FILE; the workers check
// each workbook with the definition its template names, and a workbook of another kind is an error of its
// own (named, with what to do), never mixed into the round. A unit that typed a short name gets a report
// in the roster's full name.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify as toYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDefinitionText } from '../templates/src/standard/registry';
import { sampleSubmission } from '../templates/src/samples/submission';
import { fillWorkbook, type FillInput } from '../templates/src/template/fill';
import { unzip } from '../templates/src/ooxml/zip';
import { docxText } from './addin-fixtures';
import { definitionData } from './helpers/definitions';
import {
  asFillInput,
  otherUnit,
  partyConductDefinition,
  partyConductSample,
} from './helpers/party-conduct-sample';
import { sampleFillInput } from './helpers/sample-fill';
import { tempDir, trackingIn } from './helpers/tools';
import { privateBuild } from './import-build';
import { definition } from '../templates/src/index';

const t = tempDir('yanpan-kinds-');
let build: Awaited<ReturnType<typeof privateBuild>>;
const input = path.join(t.dir, 'in');
const localFile = path.join(t.dir, '本地标准.yaml');

interface Json {
  units: { name: string; status: string; file: string | null }[];
  files: { file: string; status: string; unit: string | null }[];
  outputs: { dir: string; tracking: string; reports: string[]; summaryReport: string | null };
}

function importRun(out: string, ...extra: string[]): { code: number | null; json: Json; stderr: string } {
  const r = spawnSync(
    process.execPath,
    [build.cli, 'import', input, '-o', out, '--as-of', '2024-07-10', '--json', '--jobs', '2', ...extra],
    { encoding: 'utf8', env: { ...process.env, YANPAN_WORKER: build.worker } },
  );
  return { code: r.status, json: JSON.parse(r.stdout) as Json, stderr: r.stderr };
}

/** Every text of a workbook's parts (shared strings and inline strings alike). */
function workbookText(file: string): string {
  return unzip(new Uint8Array(readFileSync(file)))
    .filter((p) => p.name.endsWith('.xml'))
    .map((p) => new TextDecoder().decode(p.data))
    .join('\n');
}

const statusOf = (j: Json, file: string) => j.files.find((f) => f.file === file)?.status;

beforeAll(async () => {
  build = await privateBuild();
  mkdirSync(input);
  const pc = partyConductDefinition();
  writeFileSync(path.join(input, '党风1.xlsx'), await fillWorkbook(asFillInput(partyConductSample()), pc));
  writeFileSync(path.join(input, '党风2.xlsx'), await fillWorkbook(asFillInput(otherUnit()), pc));
  writeFileSync(path.join(input, '意识形态.xlsx'), await fillWorkbook(sampleFillInput(), definition));
  // A superior's local variant: another id and a register column of its own.
  const local = definitionData();
  local.id = 'city.ideology';
  local.title = '某市意识形态工作分析研判填报表';
  local.riskColumns.push({ key: 'supervision', label: '督办级别', type: 'text', width: 12 });
  writeFileSync(localFile, toYaml(local));
  const localDef = parseDefinitionText(JSON.stringify(local), 'local.json');
  const sub = sampleSubmission(definition);
  const fill: FillInput = {
    ...(sub as unknown as FillInput),
    templateId: undefined,
    templateVersion: undefined,
    unit: { ...sub.unit, name: '市档案馆', code: 'LOCAL-1' },
    risks: sub.risks.map((r) => ({ ...r, supervision: '市级督办' })),
  };
  writeFileSync(path.join(input, '本地.xlsx'), await fillWorkbook(fill, localDef));
}, 120_000);

afterAll(() => {
  build?.cleanup();
  t.cleanup();
});

describe('one kind of report per round', () => {
  it('by default 意识形态工作: 党风廉政建设 workbooks are named errors, not mixed in', () => {
    const out = path.join(t.dir, 'out-default');
    const r = importRun(out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(statusOf(r.json, '意识形态.xlsx')).toBe('used');
    expect(statusOf(r.json, '党风1.xlsx')).toBe('failed');
    expect(statusOf(r.json, '党风2.xlsx')).toBe('failed');
    // The local variant's template id is unknown without its file.
    expect(statusOf(r.json, '本地.xlsx')).toBe('failed');
    const text = workbookText(path.join(out, r.json.outputs.tracking));
    expect(text).toContain(
      '本文件是“党风廉政建设工作填报表”，本次汇总的是“意识形态工作分析研判填报表”，两种报告不混在一起汇总，本文件未计入。',
    );
    expect(r.json.outputs.reports).toHaveLength(1);
  }, 120_000);

  it('--kind yanpan.party-conduct: its units, reports and summary in the genre’s words', async () => {
    const out = path.join(t.dir, 'out-party');
    const r = importRun(out, '--kind', 'yanpan.party-conduct');
    expect(r.stderr).toBe('');
    expect(statusOf(r.json, '党风1.xlsx')).toBe('used');
    expect(statusOf(r.json, '党风2.xlsx')).toBe('used');
    expect(statusOf(r.json, '意识形态.xlsx')).toBe('failed');
    expect(r.json.outputs.reports).toHaveLength(2);
    for (const f of r.json.outputs.reports) expect(f).toMatch(/党风廉政建设工作分析研判报告\.docx$/);
    const summary = await docxText(readFileSync(path.join(out, r.json.outputs.summaryReport!)));
    expect(summary).toContain('党风廉政建设');
    expect(summary).not.toContain('意识形态');
    expect(workbookText(trackingIn(out))).toContain(
      '本文件是“意识形态工作分析研判填报表”，本次汇总的是“党风廉政建设工作填报表”',
    );
  }, 120_000);

  it('--definition 本地标准.yaml: the local variant’s workbook is used, its own column in 风险隐患汇总', () => {
    const out = path.join(t.dir, 'out-local');
    const r = importRun(out, '--definition', localFile);
    expect(r.stderr).toBe('');
    expect(statusOf(r.json, '本地.xlsx')).toBe('used');
    expect(statusOf(r.json, '意识形态.xlsx')).toBe('failed');
    expect(r.json.units.find((u) => u.name === '市档案馆')?.status).not.toBe('errors');
    const text = workbookText(path.join(out, r.json.outputs.tracking));
    expect(text).toContain('督办级别');
    expect(text).toContain('市级督办');
  }, 120_000);

  it('an unknown --kind is a Chinese usage error listing the known ones', () => {
    const r = spawnSync(
      process.execPath,
      [build.cli, 'import', input, '-o', path.join(t.dir, 'x'), '--kind', 'nope'],
      {
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('没有标识为“nope”的标准。已知的标准：');
    expect(r.stderr).toContain('yanpan.party-conduct');
  });
});

describe('one name in a unit’s report', () => {
  it('a unit that typed its short name gets its report in the roster’s full name', async () => {
    const roster = path.join(t.dir, '名册.csv');
    const sub = sampleSubmission(definition);
    writeFileSync(
      roster,
      `单位代码,单位名称,简称/别名\n${sub.unit.code},${sub.unit.name}全称,${sub.unit.name}\n`,
    );
    const out = path.join(t.dir, 'out-roster');
    const r = importRun(out, '--roster', roster);
    expect(r.stderr).toBe('');
    const report = r.json.outputs.reports[0];
    expect(path.basename(report)).toBe(`${sub.unit.name}全称2023年第三季度意识形态工作分析研判报告.docx`);
    const text = await docxText(readFileSync(path.join(out, report)));
    expect(text.startsWith(`${sub.unit.name}全称2023年第三季度`)).toBe(true);
  }, 120_000);
});
