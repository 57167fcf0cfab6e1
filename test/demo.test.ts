// yanpan demo: the sample set (deterministic, realistic) and its import.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_UNITS } from '../importer/src/demo/data';
import { DEMO_CASES, buildDemoSet } from '../importer/src/demo/generate';
import { DEMO_EARLIER_INPUT_DIR, DEMO_EARLIER_OUT_DIR } from '../importer/src/commands/demo';
import { OUTPUT_NAMES, SHEETS, STATUS_LABEL } from '../importer/src/import/labels';
import { tempDir, trackingIn } from './helpers/tools';
import { privateBuild } from './import-build';
import { docxText } from './addin-fixtures';
import { definition } from '../templates/src/index';

const t = tempDir('yanpan-demo-');
let CLI = '';
let cleanBuild = () => {};
const OUT = path.join(t.dir, 'demo-output');
let run: { status: number | null; stdout: string; stderr: string };

beforeAll(async () => {
  const b = await privateBuild();
  CLI = b.cli;
  cleanBuild = b.cleanup;
  process.env.YANPAN_WORKER = b.worker;
  const r = spawnSync(process.execPath, [CLI, 'demo', '-o', OUT], {
    encoding: 'utf8',
    timeout: 170_000,
  });
  run = { status: r.status, stdout: r.stdout, stderr: r.stderr };
}, 180_000);
afterAll(() => {
  t.cleanup();
  cleanBuild();
});

describe('yanpan demo', () => {
  it('is deterministic: the same sample set byte for byte', async () => {
    const a = await buildDemoSet(definition);
    const b = await buildDemoSet(definition);
    const h = (x: Uint8Array) => createHash('sha256').update(x).digest('hex');
    expect(a.files.map((f) => f.rel)).toEqual(b.files.map((f) => f.rel));
    expect(a.files.map((f) => h(f.bytes))).toEqual(b.files.map((f) => h(f.bytes)));
    expect(a.roster.length).toBeGreaterThanOrEqual(30);
  }, 60_000);

  it('writes the sample set and imports it, printing a Chinese summary', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('已生成示例数据');
    expect(run.stdout).toContain(`未报送单位：${DEMO_CASES.missing}`);
    const files = readdirSync(path.join(OUT, '填报表'), { recursive: true }).map(String);
    expect(files.filter((f) => f.endsWith('.xlsx') && !path.basename(f).startsWith('~$')).length).toBe(
      DEMO_UNITS.length - 1 + 2, // one never submitted; one resubmission; one identical copy
    );
    expect(readFileSync(path.join(OUT, '单位名册.csv'), 'utf8')).toContain('市交通运输局');
  });

  it('has the deliberate cases in 报送情况', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(trackingIn(OUT)) as any);
    const ws = wb.getWorksheet(SHEETS.status)!;
    const status = new Map<string, string>();
    for (let r = 2; r <= ws.rowCount; r++)
      status.set(String(ws.getCell(r, 3).value), String(ws.getCell(r, 5).value));
    expect(status.size).toBe(DEMO_UNITS.length);
    expect(status.get(DEMO_CASES.missing)).toBe(STATUS_LABEL.missing);
    for (const n of [DEMO_CASES.decimal, DEMO_CASES.word, DEMO_CASES.periodMismatch])
      expect(status.get(n), n).toBe(STATUS_LABEL.errors);
    expect(status.get(DEMO_CASES.coerced)).toBe(STATUS_LABEL.warnings);
    expect(status.get(DEMO_CASES.alias.rosterName)).not.toBe(STATUS_LABEL.missing);
    expect(status.get('市委网信办')).toBe(STATUS_LABEL.ok);
    const issues = wb.getWorksheet(SHEETS.issues)!;
    const fileCol: string[] = [];
    for (let r = 2; r <= issues.rowCount; r++) fileCol.push(String(issues.getCell(r, 2).value));
    expect(fileCol.some((f) => f.startsWith('邮件附件/'))).toBe(true); // the identical copy
    expect(fileCol.some((f) => f.includes('市科技局') && !f.includes('修改后'))).toBe(true); // superseded
  });

  it('names every return copy after the round collected, also for a unit that typed another 报告期', () => {
    const copies = readdirSync(path.join(OUT, '退回修改')).sort();
    expect(copies).toContain(`${DEMO_CASES.periodMismatch}-退回修改-2023年第三季度.xlsx`);
    for (const c of copies) expect(c).toMatch(/-退回修改-2023年第三季度\.xlsx$/);
  });

  it('writes a summary report that names 市妇联 1126场, 市委网信办 8640篇 and the unit that did not submit', async () => {
    const text = await docxText(readFileSync(path.join(OUT, OUTPUT_NAMES.summary)));
    // The figure inside 市妇联's own sentence on the activities it counts (seed 001's way).
    expect(text).toMatch(/市妇联[^。]*“姐妹微课堂”宣讲活动1126场，覆盖6.3万余人次/);
    expect(text).toMatch(/市委网信办[^。]*8640篇/);
    expect(text).toContain(DEMO_CASES.missing);
    expect(text).toContain('市直机关工委');
    // The units that reported no risk and no problem are named (a superior asks them to look again).
    expect(text).toMatch(
      /市总工会、市司法局、市财政局3家单位本期未上报风险隐患，报告中只谈到工作中的一般性不足/,
    );
    // The units returned for correction are named, so the clerk can follow them up.
    expect(text).toMatch(
      new RegExp(
        `${[DEMO_CASES.periodMismatch, DEMO_CASES.decimal, DEMO_CASES.word].join('、')}3家单位报送材料存在错误，已退回修改`,
      ),
    );
    // A register risk cited in 存在问题 is said with the unit that reported it, never as "也有单位反映…".
    const problems = text.slice(text.indexOf('三、存在问题'), text.indexOf('四、'));
    let cited = 0;
    for (const u of DEMO_UNITS)
      for (const r of u.risks ?? []) {
        if (!r.description || !problems.includes(`反映${r.description}`)) continue;
        cited++;
        expect(problems).toContain(`${u.name}反映${r.description}`);
      }
    expect(cited).toBeGreaterThanOrEqual(2);
    const reports = readdirSync(path.join(OUT, OUTPUT_NAMES.reportsDir));
    expect(reports.length).toBe(DEMO_UNITS.length - 1 - 3); // minus the missing unit and the 3 with errors
    // The summary's total is the sum of what the unit reports count (their own 存在问题 and the register).
    let sum = 0;
    for (const r of reports) {
      const t = await docxText(readFileSync(path.join(OUT, OUTPUT_NAMES.reportsDir, r)));
      sum += Number(/共分析研判意识形态工作风险隐患(\d+)条/.exec(t)?.[1] ?? 0);
    }
    // It says what it is made of: the register's rows and the problems the units found themselves.
    expect(text).toMatch(
      new RegExp(
        `意识形态工作风险隐患和问题${sum}条，其中(?:列入风险隐患台账)?\\d+条(?:列入风险隐患台账)?，`,
      ),
    );
  });

  it('imports the units’ 上半年 self-inspections first; the third quarter’s reports look back on them', async () => {
    const earlier = readdirSync(path.join(OUT, DEMO_EARLIER_INPUT_DIR)).filter((f) => f.endsWith('.xlsx'));
    expect(earlier.length).toBeGreaterThan(10);
    expect(readdirSync(path.join(OUT, DEMO_EARLIER_OUT_DIR, OUTPUT_NAMES.reportsDir)).length).toBe(
      earlier.length,
    );
    const reports = readdirSync(path.join(OUT, OUTPUT_NAMES.reportsDir));
    let lookBack = 0;
    for (const r of reports) {
      const t = await docxText(readFileSync(path.join(OUT, OUTPUT_NAMES.reportsDir, r)));
      const took = earlier.some((f) => f.startsWith(`${r.split('2023年')[0]}-`));
      // Only a unit whose self-inspection is in the store looks back on it, in 一、总体情况, and only when
      // that tells something the status line would not (rectified since, new risks beside the carried).
      if (!took) expect(/上半年自查/.test(t), r).toBe(false);
      if (/上半年自查/.test(t)) expect(took, r).toBe(true);
      else continue;
      // As part of the status line, never a stock sentence of its own.
      expect(t, r).not.toMatch(/上半年自查[^。]*(问题，目前仍在跟踪督办|继续列入|继续纳入台账)/);
      if (took) expect(t.indexOf('上半年自查')).toBeLessThan(t.indexOf('二、'));
      if (took) lookBack++;
    }
    expect(lookBack).toBeGreaterThan(5);
  });

  it('the third quarter’s summary says how the risks the 上半年 self-inspections left open stand, as the units’ registers and reports do', async () => {
    const text = await docxText(readFileSync(path.join(OUT, OUTPUT_NAMES.summary)));
    const overall = text.slice(text.indexOf('一、总体情况'), text.indexOf('二、'));
    const m = /上半年各单位自查查摆、(?:当时|截至上报时)尚未整改到位的风险隐患(\d+)条[^。]*。/u.exec(overall);
    expect(m, overall).not.toBeNull();
    const sentence = m![0];
    // Right after this round's count.
    expect(overall.indexOf('各单位共')).toBeLessThan(overall.indexOf(sentence));
    const count = (re: RegExp) => Number(re.exec(sentence)?.[1] ?? 0);
    const said = {
      open: Number(m![1]),
      doneSince: count(/(\d+)条已于本季度整改到位/u),
      inProgress: count(/(\d+)条正在整改/u),
      notStarted: count(/(\d+)条正在制定整改措施/u),
      overdue: count(/超过整改时限仍未整改到位的(\d+)条/u),
      unaccounted: count(/(\d+)条在本季度台账中未作说明/u),
    };
    expect(sentence).not.toMatch(/(?<!\d)0条/u);

    // The same, followed by 风险编号 from the 上半年 register to this quarter's, for the units counted now.
    const sheet = async (file: string, name: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(file) as any);
      const ws = wb.getWorksheet(name)!;
      const head = Array.from(ws.getRow(1).values as unknown[], (v) => String(v ?? ''));
      const rows: Record<string, string>[] = [];
      for (let r = 2; r <= ws.rowCount; r++) {
        const v = ws.getRow(r).values as unknown[];
        rows.push(Object.fromEntries(head.map((h, i) => [h, v[i] == null ? '' : String(v[i])])));
      }
      return rows;
    };
    const q3Book = trackingIn(OUT);
    const h1 = await sheet(trackingIn(OUT, DEMO_EARLIER_OUT_DIR), SHEETS.risks);
    const q3 = await sheet(q3Book, SHEETS.risks);
    const counted = new Set(
      (await sheet(q3Book, SHEETS.status))
        .filter((r) => r['报送状态'] === STATUS_LABEL.ok || r['报送状态'] === STATUS_LABEL.warnings)
        .map((r) => r['单位名称']),
    );
    const expected = { open: 0, doneSince: 0, inProgress: 0, notStarted: 0, overdue: 0, unaccounted: 0 };
    for (const r of h1) {
      if (!counted.has(r['单位名称']) || r['整改状态'] === '已整改') continue;
      expected.open++;
      const now = q3.find((x) => x['单位名称'] === r['单位名称'] && x['风险编号'] === r['风险编号']);
      if (!now) expected.unaccounted++;
      else if (now['整改状态'] === '已整改') expected.doneSince++;
      else {
        if (now['整改状态'] === '整改中') expected.inProgress++;
        else expected.notStarted++;
        if (now['逾期']) expected.overdue++;
      }
    }
    expect(said).toEqual(expected);
    expect(said.open).toBeGreaterThan(10);

    // What the units' own reports say was rectified this quarter of their 上半年 risks, or dropped
    // unmarked, adds up to the summary's (their reports say both whenever there are any).
    const told = { doneSince: 0, unaccounted: 0 };
    for (const r of readdirSync(path.join(OUT, OUTPUT_NAMES.reportsDir))) {
      const t = await docxText(readFileSync(path.join(OUT, OUTPUT_NAMES.reportsDir, r)));
      for (const s of t.match(/[^。]*上半年[^。]*。/gu) ?? []) {
        for (const x of s.matchAll(/本季度整改到位(\d+)条/gu)) told.doneSince += Number(x[1]);
        for (const x of s.matchAll(/上半年[^，。；]*?(\d+)条(?:风险隐患)?已于本季度(?:全部)?整改到位/gu))
          told.doneSince += Number(x[1]);
        if (/(?:系|为)上半年[^，。；]*问题，已于本季度整改到位/u.test(s)) told.doneSince++;
        for (const x of s.matchAll(/另有(\d+)条未再列入本季度台账/gu)) told.unaccounted += Number(x[1]);
      }
    }
    expect(told).toEqual({ doneSince: said.doneSince, unaccounted: said.unaccounted });
  });
});
