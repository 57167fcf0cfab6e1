// A unit's report refers back to its earlier report of the same year (its 上半年 self-inspection, its
// previous quarter): how the risks that report listed stand now, followed by 风险编号 (never printed), in
// 总体情况 of a quarterly report and at the head of 存在的问题 of a self-inspection; nothing without one.
import { describe, expect, it } from 'vitest';
import { earlierReportOf } from '../importer/src/store/analysis';
import { unitReportText } from '../templates/src/report/index';
import { definition } from '../templates/src/standard/ideology';
import { sampleSelfInspection, sampleSubmission } from '../templates/src/samples/submission';
import type { Submission } from '../templates/src/standard/schema';
import { partyConductDefinition, partyConductSample } from './helpers/party-conduct-sample';

/** The submission with its register replaced: [风险编号, 整改状态], the rest of each risk from its own. */
function withRisks(s: Submission, risks: [string, string][]): Submission {
  return {
    ...s,
    risks: risks.map(([id, status], i) => ({ ...s.risks[i % s.risks.length], id, status, overdue: false })),
  };
}

const lines = (t: string) => t.split('\n');
/** The lines of section `heading` (up to the next 一、二、… heading). */
function section(t: string, heading: RegExp): string[] {
  const ls = lines(t);
  const i = ls.findIndex((l) => heading.test(l));
  const j = ls.findIndex((l, k) => k > i && /^[一二三四五六七八九十]、/.test(l));
  return ls.slice(i + 1, j < 0 ? undefined : j);
}

// 上半年: FX-001 not started, FX-002 being rectified, FX-003 rectified. 第三季度: FX-001 rectified since,
// FX-002 still being rectified, FX-003 gone (it was rectified), FX-004 new.
const h1 = withRisks(sampleSelfInspection(definition), [
  ['FX-001', '未整改'],
  ['FX-002', '整改中'],
  ['FX-003', '已整改'],
]);
const q3 = withRisks(sampleSubmission(definition), [
  ['FX-001', '已整改'],
  ['FX-002', '整改中'],
  ['FX-004', '未整改'],
]);

describe('the earlier report of the year', () => {
  it('follows the earlier register by 风险编号: rectified then, since, carried and still open', () => {
    expect(earlierReportOf(q3, h1, definition)).toEqual({
      year: 2023,
      period: '上半年',
      reportKind: '半年自查报告',
      risks: {
        listed: 3,
        doneThen: 1,
        doneSince: 1,
        carried: 2,
        inProgress: 1,
        open: 0,
        overdue: 0,
        unaccounted: 0,
        carriedIds: ['FX-001', 'FX-002'],
      },
    });
    // A risk gone without being marked rectified is not counted as anything (the checker warns of it).
    const gone = withRisks(sampleSubmission(definition), [['FX-009', '未整改']]);
    expect(earlierReportOf(gone, h1, definition).risks).toMatchObject({
      listed: 3,
      doneThen: 1,
      unaccounted: 2,
    });
    // …and said to be no longer listed, never rectified.
    const text = unitReportText(gone, definition, { earlier: earlierReportOf(gone, h1, definition) });
    // (the lead-in is the unit's seeded choice among the bank's; the counts are not) — a clause of the
    // status line, not a sentence of its own.
    expect(section(text, /^一、总体情况$/).join('')).toMatch(
      /整改；上半年自查[^。，]*的3条，1条已整改到位，另有2条未再列入本季度台账。/,
    );
  });

  it('a third-quarter report says in 总体情况 how its 上半年 self-inspection stands', () => {
    const text = unitReportText(q3, definition, { earlier: earlierReportOf(q3, h1, definition) });
    const overall = section(text, /^一、总体情况$/).join('');
    // Told as the status line itself: the carried risks by where they come from (rectified since said to
    // be this quarter's), the new one beside them; no stock sentence after it, no second count.
    expect(overall).toMatch(
      /。上半年自查[^。，]*的2条，本季度整改到位1条，1条正在(推进)?整改；(新增的|此后新排查出的)1条至今尚未启动整改。/,
    );
    expect(overall).not.toMatch(/继续列入|继续纳入|跟踪督办|限期销号|目前[^。]*目前/);
    // After the register's own count and status, never with a 风险编号.
    expect(overall.indexOf('上半年自查')).toBeGreaterThan(overall.indexOf('经梳理排查'));
    expect(text.split('附件')[0]).not.toMatch(/FX-\d/);
    // Without an earlier report, the report is as before: nothing refers back.
    const alone = unitReportText(q3, definition);
    expect(alone).not.toContain('上半年自查');
    expect(alone).toBe(unitReportText(q3, definition, { earlier: null }));
  });

  it('a previous quarter whose risks are all rectified this quarter', () => {
    const q2 = {
      ...withRisks(sampleSubmission(definition), [
        ['FX-001', '整改中'],
        ['FX-002', '未整改'],
      ]),
      period: '第二季度',
    };
    const now = withRisks(sampleSubmission(definition), [
      ['FX-001', '已整改'],
      ['FX-002', '已整改'],
    ]);
    const text = unitReportText(now, definition, { earlier: earlierReportOf(now, q2, definition) });
    const overall = section(text, /^一、总体情况$/).join('');
    expect(overall).toContain('第二季度分析研判中排查出的2条已于本季度全部整改到位。');
    // Said once: not "目前2条已整改到位" besides.
    expect(overall.match(/整改到位/g)).toHaveLength(1);
  });

  it('a self-inspection says it at the head of 存在的问题; nothing when the earlier register was empty', () => {
    const h2 = {
      ...withRisks(sampleSelfInspection(definition), [
        ['FX-001', '已整改'],
        ['FX-002', '已整改'],
        ['FX-004', '整改中'],
      ]),
      period: '下半年',
      fillDate: '2024-01-10',
    };
    const text = unitReportText(h2, definition, { earlier: earlierReportOf(h2, q3, definition) });
    // 第三季度 overlaps 下半年: what was rectified since is not said to be this period's.
    expect(section(text, /^[一二三四五六七八九十]、存在的问题$/)[0]).toBe(
      '第三季度分析研判中排查出的3条风险隐患经逐项跟踪督办，2条已整改到位，1条正在整改。' +
        '尚未整改到位的1条已继续列入风险隐患台账，跟踪督办、限期销号。',
    );
    const empty = withRisks(q3, []);
    expect(unitReportText(h2, definition, { earlier: earlierReportOf(h2, empty, definition) })).toBe(
      unitReportText(h2, definition),
    );
  });

  it('the second kind (党风廉政建设) speaks of 廉政风险隐患, from its own banks', () => {
    const pc = partyConductDefinition();
    const q2 = partyConductSample(pc);
    // 第一季度 listed the same seven risks, none rectified yet.
    const q1 = {
      ...q2,
      period: '第一季度',
      risks: q2.risks.map((r) => ({ ...r, status: '未整改', overdue: false })),
    };
    const text = unitReportText(q2, pc, { earlier: earlierReportOf(q2, q1, pc) });
    // The register is the earlier one carried over: its status was just said, so only where it comes from
    // is added (no second count of the same seven risks).
    const overall = section(text, /^一、总体情况$/).join('');
    expect(overall).toMatch(
      /第一季度[^。，]*的7条，本季度整改到位1条，4条正在(推进)?整改，2条[^。，]*启动[^。，]*。/,
    );
    expect(overall.match(/7条/g)).toHaveLength(2);
    expect(overall).not.toMatch(/盯住不放|跟踪督办|限期销号/);
    // A third quarter that adds one new risk to them says how the earlier ones stand, in full.
    const q3 = { ...q2, period: '第三季度', risks: [...q2.risks, { ...q2.risks[0], id: 'LZ-NEW' }] };
    expect(
      section(unitReportText(q3, pc, { earlier: earlierReportOf(q3, q2, pc) }), /^一、总体情况$/).join(''),
    ).toMatch(/第二季度[^。，]*的7条，[^。]*整改；(新增的|此后新排查出的)1条[^。]*整改。/);
  });

  it('says nothing of the earlier report when the register is the earlier one carried over, unchanged', () => {
    for (const risks of [
      [['FX-002', '整改中']],
      [
        ['FX-001', '未整改'],
        ['FX-002', '整改中'],
      ],
    ] as [string, string][][]) {
      const before = withRisks(sampleSelfInspection(definition), risks);
      for (const code of ['A1', 'A2', 'A3', 'A4', 'A5', 'A6']) {
        const now = { ...withRisks(sampleSubmission(definition), risks), unit: { name: '市妇联', code } };
        const with_ = unitReportText(now, definition, { earlier: earlierReportOf(now, before, definition) });
        const overall = section(with_, /^一、总体情况$/).join('');
        expect(overall).not.toMatch(/上半年|跟踪督办|继续列入|继续纳入|目前[^。]*目前/);
        expect(with_).toBe(unitReportText(now, definition));
      }
    }
  });
});
