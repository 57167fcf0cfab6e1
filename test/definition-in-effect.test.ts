// The definition in effect reaches every word of a run, never the built-in default instead (issue
// "Definitions as data"): `yanpan import --definition` with a local standard whose 报告期 are named
// differently prints the store's 环比 line in the local names; `yanpan import --kind yanpan.party-conduct`
// checks a 党风廉政建设 workbook whose hidden 模板信息 sheet and 填报说明 were deleted with the round's
// standard (the workbook names none), not with 意识形态工作, so it is used rather than refused as another kind.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { stringify as toYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDefinitionText, sampleSubmission } from '../templates/src/index';
import { fillWorkbook, type FillInput } from '../templates/src/template/fill';
import { definitionData } from './helpers/definitions';
import { asFillInput, partyConductDefinition, partyConductSample } from './helpers/party-conduct-sample';
import { tempDir } from './helpers/tools';
import { privateBuild } from './import-build';

const t = tempDir('yanpan-in-effect-');
let build: Awaited<ReturnType<typeof privateBuild>>;

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [build.cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, YANPAN_WORKER: build.worker },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A city's own standard: the built-in one with its quarters named 一季度 … 四季度. */
const RENAMED: Record<string, string> = {
  第一季度: '一季度',
  第二季度: '二季度',
  第三季度: '三季度',
  第四季度: '四季度',
};
const local = (() => {
  const d = definitionData();
  d.id = 'city.ideology';
  d.title = '某市意识形态工作分析研判填报表';
  for (const p of d.periods) p.name = RENAMED[p.name] ?? p.name;
  for (const k of d.reportKinds) k.periods = k.periods.map((n) => RENAMED[n] ?? n);
  d.vocab.period.values = (d.vocab.period.values as string[]).map((n) => RENAMED[n] ?? n);
  return d;
})();
const localDef = parseDefinitionText(JSON.stringify(local), 'local.json');
const localFile = path.join(t.dir, '本地标准.yaml');

/** The sample unit's workbook of one quarter, made from the local standard's template. */
async function localWorkbook(period: string, fillDate: string): Promise<Uint8Array> {
  const sub = sampleSubmission(localDef);
  const input: FillInput = {
    ...(sub as unknown as FillInput),
    templateId: undefined,
    templateVersion: undefined,
    period,
    fillDate,
    narrative: { ...sub.narrative, opening: null, signatureDate: fillDate },
  };
  return fillWorkbook(input, localDef);
}

/** A workbook with its hidden 模板信息 sheet and its 填报说明 deleted: it names no template id. */
async function withoutTemplateId(bytes: Uint8Array, names: readonly string[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  for (const name of names) {
    const ws = wb.getWorksheet(name);
    if (!ws) throw new Error(`no sheet ${name}`);
    wb.removeWorksheet(ws.id);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

beforeAll(async () => {
  build = await privateBuild();
  writeFileSync(localFile, toYaml(local));
  for (const [dir, period, date] of [
    ['q2', '二季度', '2023-07-08'],
    ['q3', '三季度', '2023-10-08'],
  ]) {
    mkdirSync(path.join(t.dir, dir));
    writeFileSync(path.join(t.dir, dir, `交通-${period}.xlsx`), await localWorkbook(period, date));
  }
  const pc = partyConductDefinition();
  mkdirSync(path.join(t.dir, 'party'));
  writeFileSync(
    path.join(t.dir, 'party', '党风-无模板信息.xlsx'),
    await withoutTemplateId(await fillWorkbook(asFillInput(partyConductSample()), pc), [
      pc.sheets.meta,
      pc.sheets.guide,
    ]),
  );
}, 120_000);

afterAll(() => {
  build?.cleanup();
  t.cleanup();
});

describe('the definition in effect, not the built-in default', () => {
  it('--definition: the store’s 环比 line names the previous period in the local standard’s words', () => {
    const out = path.join(t.dir, 'out-local');
    const common = ['-o', out, '--definition', localFile, '--as-of', '2023-10-20'];
    const first = cli('import', path.join(t.dir, 'q2'), ...common);
    expect(first.stderr).toBe('');
    expect(first.stdout).toContain('报告期：2023年二季度');
    const second = cli('import', path.join(t.dir, 'q3'), ...common);
    expect(second.stderr).toBe('');
    expect(second.stdout).toContain('报告期：2023年三季度');
    expect(second.stdout).toContain('1个单位已与2023年二季度环比');
    expect(second.stdout).not.toContain('第二季度');
  }, 120_000);

  it('--kind: a workbook that names no template id is checked with the round’s standard', () => {
    const out = path.join(t.dir, 'out-party');
    const r = cli(
      'import',
      path.join(t.dir, 'party'),
      '-o',
      out,
      '--kind',
      'yanpan.party-conduct',
      '--as-of',
      '2024-07-10',
      '--json',
    );
    expect(r.stderr).toBe('');
    const json = JSON.parse(r.stdout) as {
      files: { file: string; status: string; issues?: unknown }[];
      outputs: { reports: string[] };
    };
    expect(json.files.find((f) => f.file === '党风-无模板信息.xlsx')?.status).toBe('used');
    expect(json.outputs.reports).toHaveLength(1);
    expect(json.outputs.reports[0]).toMatch(/党风廉政建设工作分析研判报告\.docx$/);
  }, 120_000);
});
