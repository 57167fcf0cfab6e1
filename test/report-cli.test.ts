// yanpan report end to end: a workbook written by fillWorkbook from the sample submission is checked by the
// reader and turned into the Word report; a workbook with errors is refused with the issue list.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFile } from '../importer/src/check-file';
import { fillWorkbook, type FillInput } from '../templates/src/template/fill';
import { unitReportText } from '../templates/src/report/index';
import { sampleSubmission } from '../templates/src/samples/submission';
import { tempDir } from './helpers/tools';
import { privateBuild } from './import-build';
import { definition } from '../templates/src/index';

let build: Awaited<ReturnType<typeof privateBuild>> | undefined;
const REPORT_NAME = '市交通运输局2023年第三季度意识形态工作分析研判报告.docx';

function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [build!.cli, 'report', ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function docText(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const xml = await zip.file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

describe('yanpan report', () => {
  let tmp: ReturnType<typeof tempDir>;
  let good = '';
  let bad = '';

  beforeAll(async () => {
    build = await privateBuild();
    tmp = tempDir('yanpan-report-cli-');
    const sample = sampleSubmission(definition);
    good = path.join(tmp.dir, '交通局.xlsx');
    writeFileSync(good, await fillWorkbook(sample as unknown as FillInput, definition));
    const broken = {
      ...sample,
      unit: { name: null, code: null },
      metrics: sample.metrics.map((m) => (m.id === 'theory.seminars' ? { ...m, current: '-2' } : m)),
    };
    bad = path.join(tmp.dir, 'bad.xlsx');
    writeFileSync(bad, await fillWorkbook(broken as unknown as FillInput, definition));
  }, 60_000);

  afterAll(() => {
    build?.cleanup();
    tmp?.cleanup();
  });

  it('the reader gives back the sample, so the report from the file reads like the one from the data', async () => {
    const r = await checkFile(good, definition, { asOf: '2023-10-10' });
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(unitReportText(r.submission!, definition)).toBe(
      unitReportText(sampleSubmission(definition), definition),
    );
  });

  it('writes the report under its default name, atomically, without touching the input', async () => {
    const before = sha(good);
    const r = cli([good, '--as-of', '2023-10-10'], tmp.dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = path.join(tmp.dir, REPORT_NAME);
    expect(r.stdout).toContain(`已生成报告：${out}`);
    // The two overdue risks are warnings, listed but not blocking.
    expect(r.stdout).toContain('有2处警告');
    expect(r.stdout).toContain('风险隐患台账!I3');
    expect(r.stdout).toContain('风险隐患台账!I7');
    const text = await docText(out);
    expect(text).toContain('市交通运输局2023年第三季度意识形态工作分析研判报告');
    expect(text).toContain('经梳理排查，共分析研判意识形态工作风险隐患8条，其中，组织领导方面1条');
    expect(text).toContain('组织理论学习中心组集体学习3次，开展交流研讨2次，组织干部职工集中理论学习4次');
    expect(sha(good)).toBe(before);
    expect(readdirSync(tmp.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('-o chooses the output file', () => {
    const out = path.join(tmp.dir, 'sub', '报告.docx');
    const r = cli([good, '-o', out], tmp.dir);
    expect(r.code).toBe(0);
    expect(existsSync(out)).toBe(true);
  });

  it('refuses a workbook with errors and lists them in Chinese with sheet and cell', () => {
    const r = cli([bad, '-o', path.join(tmp.dir, 'bad.docx')], tmp.dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('“bad.xlsx”有2处错误，未生成报告。');
    expect(r.stderr).toContain('错误  基本信息!B3  “单位名称”未填写，请填写。');
    expect(r.stderr).toMatch(/错误 {2}工作指标!E\d+ {2}“专题学习研讨（本期数）”不能为负数（-2）/);
    expect(existsSync(path.join(tmp.dir, 'bad.docx'))).toBe(false);
  });

  it('a missing file or bad arguments: exit 2 with a Chinese message, no stack trace', () => {
    const r = cli([path.join(tmp.dir, 'nope.xlsx')], tmp.dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('“nope.xlsx”：文件无法读取（找不到该文件）');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(cli([good, '--as-of', '10/10/2023'], tmp.dir).stderr).toContain('--as-of 应为日期');
  });
});
