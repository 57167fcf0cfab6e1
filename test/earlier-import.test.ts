// Through the store: a unit's 上半年 self-inspection is imported, then its 第三季度 return; the third-quarter
// report refers back to the self-inspection (how the risks it listed stand now). A unit with no earlier
// submission in the store, and the same folder imported without the store, get no such sentence.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { docxText } from './addin-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport, type ImportOptions } from '../importer/src/folder/run-import';
import { OUTPUT_NAMES } from '../importer/src/import/labels';
import { definition } from '../templates/src/index';
import type { Submission } from '../templates/src/standard/schema';
import { tempDir } from './helpers/tools';
import { variant, writeWorkbook } from './helpers/workspace-fixtures';
import { privateBuild } from './import-build';

const JT = { code: 'JT001', name: '市交通运输局' };
const FL = { code: 'FL002', name: '市妇联' };
const asOf = '2023-10-20';

let tmp: ReturnType<typeof tempDir>;
let build: Awaited<ReturnType<typeof privateBuild>> | undefined;
let h1: string;
let q3: string;
let roster: string;

/** A 半年自查报告 for 上半年, from the quarterly variant. */
function selfInspection(sub: Submission): Submission {
  return {
    ...sub,
    reportKind: '半年自查报告',
    period: '上半年',
    info: { ...sub.info, reportKind: '半年自查报告', period: '上半年' },
  };
}

/** The text of a report on disk (the XML layer's reading, a line per paragraph). */
const reportText = (file: string): Promise<string> => docxText(readFileSync(file));

beforeAll(async () => {
  build = await privateBuild();
  process.env.YANPAN_WORKER = build.worker;
  tmp = tempDir('yanpan-earlier-');
  h1 = path.join(tmp.dir, 'h1');
  q3 = path.join(tmp.dir, 'q3');
  roster = path.join(tmp.dir, '单位名册.csv');
  writeFileSync(
    roster,
    '单位代码,单位名称,简称/别名,分类\nJT001,市交通运输局,市交通局,市直部门\nFL002,市妇联,,群团组织\n',
  );
  await writeWorkbook(
    h1,
    '交通-上半年自查.xlsx',
    selfInspection(
      variant({
        ...JT,
        period: '第二季度',
        fillDate: '2023-07-08',
        risks: [
          ['FX-001', '未整改'],
          ['FX-002', '整改中'],
          ['FX-003', '已整改'],
        ],
      }),
    ),
  );
  await writeWorkbook(
    q3,
    '交通-三季度.xlsx',
    variant({
      ...JT,
      period: '第三季度',
      fillDate: '2023-10-10',
      risks: [
        ['FX-001', '已整改'],
        ['FX-002', '整改中'],
        ['FX-004', '未整改'],
      ],
    }),
  );
  await writeWorkbook(
    q3,
    '妇联-三季度.xlsx',
    variant({ ...FL, period: '第三季度', fillDate: '2023-10-09', risks: [['FX-001', '整改中']] }),
  );
}, 120_000);
afterAll(() => {
  tmp?.cleanup();
  build?.cleanup();
});

describe('a third-quarter report through the store refers back to the unit’s 上半年 self-inspection', () => {
  const reportOf = (out: string, unit: string) =>
    path.join(out, 'reports', `${unit}2023年第三季度意识形态工作分析研判报告.docx`);

  it('says how the self-inspection’s risks stand now, and nothing for a unit without one', async () => {
    const out = path.join(tmp.dir, 'out');
    const opts: Omit<ImportOptions, 'inputDir'> = { def: definition, roster, outDir: out, asOf, jobs: 1 };
    const first = await runImport({ ...opts, inputDir: h1 });
    expect(first.workspace?.period).toBe('2023H1');
    const second = await runImport({ ...opts, inputDir: q3 });
    expect(second.workspace?.period).toBe('2023Q3');

    const jt = await reportText(reportOf(out, '市交通运输局'));
    // (the lead-in and the closing clause are the unit's seeded choices among the bank's; the counts are not)
    // Part of the status line: the two carried by where they come from, one rectified this quarter; the
    // new one beside them.
    expect(jt).toMatch(
      /上半年自查[^。，]*的2条，本季度整改到位1条，1条正在(推进)?整改；(新增的|此后新排查出的)1条[^。]*正在[^。]*制定整改(措施|方案)。/,
    );
    // In 一、总体情况, before 二; no 风险编号 in the prose (the attachment lists them).
    expect(jt.indexOf('上半年自查')).toBeLessThan(jt.indexOf('二、具体工作开展情况'));
    expect(jt.slice(0, jt.indexOf('附件'))).not.toMatch(/FX-\d/);

    // The summary sums what the units' reports refer back with: the two 上半年 left open, one since rectified.
    const summary = await reportText(path.join(out, OUTPUT_NAMES.summary));
    expect(summary).toMatch(
      /。上半年各单位自查查摆、(当时|截至上报时)尚未整改到位的风险隐患2条，1条已于本季度整改到位，1条正在整改。/,
    );

    const fl = await reportText(reportOf(out, '市妇联'));
    expect(fl).not.toMatch(/上半年自查|排查出的|排查发现的/);

    // The same folder without the store: the report is as it always was.
    const plain = path.join(tmp.dir, 'plain');
    await runImport({ ...opts, inputDir: q3, outDir: plain, db: false });
    expect(await reportText(reportOf(plain, '市交通运输局'))).not.toContain('上半年自查');
    expect(await reportText(path.join(plain, OUTPUT_NAMES.summary))).not.toContain('上半年');
  }, 150_000);
});
