// How the unit reports read (issue “Reports an official would sign”): exact sentences for the first-period
// rule, 存在问题 in a quarterly report, merged next steps, a subsection composed from figures, the
// self-inspection outline, and one name throughout; figures named once; no sentence twice; no form labels.
import { describe, expect, it } from 'vitest';
import { checkGrid, emptyNarrative } from '../templates/src/check/checker';
import { unitReportText } from '../templates/src/report/index';
import { lineOfWork, voiceOf } from '../templates/src/report/voice';
import { clause } from '../templates/src/report/phrases';
import { formatTemplate } from '../templates/src/standard/format';
import { plainWords, repeatedRuns } from '../templates/src/report/prose';
import { definition } from '../templates/src/standard/ideology';
import { sampleSelfInspection, sampleSubmission } from '../templates/src/samples/submission';
import type { Submission } from '../templates/src/standard/schema';
import { editedDefinition } from './helpers/definitions';
import { partyConductDefinition, partyConductSample } from './helpers/party-conduct-sample';
import type { Definition } from '../templates/src/standard/types';
import { AS_OF, makeGrid, validSpec } from './helpers/make-grid';

const lines = (t: string) => t.split('\n');
const section = (t: string, heading: RegExp) => {
  const ls = lines(t);
  const i = ls.findIndex((l) => heading.test(l));
  const j = ls.findIndex((l, k) => k > i && (/^[一二三四五六七八九十]、/.test(l) || l === ''));
  return ls.slice(i + 1, j < 0 ? undefined : j);
};
/** Body sentences (headings and the attachment tables left out). */
function sentencesOf(t: string): string[] {
  const ls = lines(t);
  const end = ls.indexOf('', 1);
  return ls
    .slice(1, end)
    .filter((l) => !/^[一二三四五六七八九十]、/.test(l))
    .map((l) => l.replace(/^(?:（[一二三四五六七八九十]+）|第[一二三四五六七八九十]+，)[^。]*。/u, ''))
    .flatMap((l) => l.match(/[^。！？]+[。！？]/gu) ?? []);
}

/** What running prose calls a category (its nextTheme phrases, filled), longest first. */
const themesOf = (c: string): string[] =>
  (definition.report.categories[c]?.nextTheme ?? [])
    .map((x) => formatTemplate(x, { subject: definition.subject }))
    .sort((a, b) => b.length - a.length);
/** The form's category labels (risk and work categories), "其他" aside, longest first. */
const LABELS = [
  ...new Set([
    ...(definition.vocab.riskCategory?.values ?? []),
    ...(definition.vocab.workCategory?.values ?? []),
  ]),
]
  .filter((c) => c !== (definition.vocab.riskCategory?.byRole.other?.[0] ?? '其他'))
  .sort((a, b) => b.length - a.length);
/** The labels a sentence lists, once the categories' own phrases are masked ("网络阵地管理" is no label). */
const labelsIn = (x: string): string[] => {
  let t = x;
  for (const w of LABELS.flatMap(themesOf).sort((a, b) => b.length - a.length)) t = t.replaceAll(w, '＃');
  return LABELS.filter((c) => t.includes(c));
};

/** Any of a metric's wordings (its phrase and phrases), as a pattern: the unit says it in the one it chose. */
function wordingOf(id: string): string {
  const m = definition.metrics.find((x) => x.id === id)!;
  return [m.phrase, ...(m.phrases ?? [])]
    .map((p) => formatTemplate(p, { subject: definition.subject, meeting: '党组会议' }))
    .join('|');
}

function firstQuarter(): Submission {
  const s = sampleSubmission(definition);
  // A first quarter: 本期数 = 本年累计 (the checker warns otherwise, the report says one figure).
  return {
    ...s,
    period: '第一季度',
    fillDate: '2023-04-08',
    metrics: s.metrics.map((m) => ({ ...m, ytd: m.kind === 'stock' ? null : m.current })),
  };
}

describe('figures', () => {
  it('first period: the checker flags 本年累计 ≠ 本期数 at the cell; the report states one figure', () => {
    const spec = validSpec();
    spec.info.period = '第一季度';
    spec.info.fillDate = '2023-04-08';
    const r = checkGrid(makeGrid(spec), definition, { asOf: AS_OF });
    const w = r.issues.find(
      (i) => i.rule === 'metric.firstPeriodYtd' && i.field === '理论学习中心组集体学习',
    )!;
    expect(w).toMatchObject({ severity: 'warning', sheet: '工作指标', cell: 'F8', value: '18' });
    expect(w.message).toBe(
      '报告期“第一季度”从1月1日开始，本期数与本年累计应相同，但“理论学习中心组集体学习”的本年累计为18、本期数为6。请核实后改为同一个数。',
    );
    const text = unitReportText(firstQuarter(), definition);
    expect(lines(text).slice(0, lines(text).indexOf('', 1)).join('')).not.toMatch(/累计/);
    expect(text).toMatch(
      new RegExp(
        `(?:${wordingOf('theory.centralGroup')})3次，(?:${wordingOf('theory.seminars')})2次，(?:${wordingOf('theory.staffStudy')})4次`,
        'u',
      ),
    );
  });

  it('beside the unit’s own paragraph a figure is said in the wording that unit chose, not one label for all', () => {
    const s = sampleSubmission(definition);
    const m = definition.metrics.find((x) => x.id === 'theory.seminars')!;
    const used = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const t = unitReportText({ ...s, unit: { name: '市交通运输局', code: `W${i}` } }, definition);
      const theory = section(t, /^二、/).find((l) => l.includes('第一议题'))!;
      const said = [m.phrase, ...(m.phrases ?? [])].filter((p) => theory.includes(`${p}2次`));
      expect(said, theory).toHaveLength(1);
      used.add(said[0]);
    }
    expect(used.size).toBeGreaterThan(1);
  });

  it('each figure once, in a paragraph that speaks of it; never the form’s bracketed labels; at most 3', () => {
    const text = unitReportText(sampleSubmission(definition), definition);
    const body = lines(text).slice(0, lines(text).indexOf('', 1));
    const work = section(text, /^二、/);
    // 理论武装 speaks of 中心组, 专题研讨 and 集中学习: those figures, not 党课 (it says nothing of it).
    const theory = work.find((l) => l.includes('第一议题'))!;
    expect(theory).toMatch(
      new RegExp(
        `本季度(?:${wordingOf('theory.centralGroup')})3次，(?:${wordingOf('theory.seminars')})2次，(?:${wordingOf('theory.staffStudy')})4次。$`,
        'u',
      ),
    );
    expect(body.join('\n')).not.toMatch(/讲专题党课|讲党课（含书记专题党课）/);
    // 网络 speaks of 舆情: its figures; not the 网评员 it does not mention.
    const net = work.find((l) => l.includes('舆情监测'))!;
    expect(net).toMatch(new RegExp(`本季度(?:${wordingOf('net.found')})3条，均已及时处置`, 'u'));
    expect(net).not.toContain('网评员');
    for (const l of work)
      expect((l.match(/\d+(?:\.\d+)?万?余?(?:次|篇|场|人次|人|份|条|个)/g) ?? []).length).toBeLessThanOrEqual(
        4,
      );
  });

  it('a quarter that did none of it says nothing; a yearly figure only when some were added, as the year’s', () => {
    const s = sampleSubmission(definition);
    const set = (id: string, current: number, ytd: number) =>
      s.metrics.map((m) => (m.id === id ? { ...m, current, ytd } : m));
    const none = unitReportText({ ...s, metrics: set('net.found', 0, 9) }, definition);
    expect(none).not.toMatch(/累计发现不良导向舆情信息|发现不良导向舆情信息9条/);
    const letters = (current: number) =>
      unitReportText(
        {
          ...s,
          metrics: set('org.responsibilityLetters', current, 14),
          narrative: {
            ...s.narrative,
            sections: [
              ...s.narrative.sections,
              {
                category: '组织领导',
                title: '签订责任书',
                body: '局党组与各科室逐级签订意识形态工作责任书。',
              },
            ],
          },
        },
        definition,
      );
    expect(letters(0)).not.toMatch(/责任书\d+份|责任书14份/);
    expect(letters(3)).toContain('截至第三季度累计签订意识形态工作责任书14份');
  });

  it('the usual scale: a figure far above it is a 警告 naming the period’s limit', () => {
    const spec = validSpec();
    spec.metrics['org.partyMeetings'] = { current: 40, ytd: 60 };
    const r = checkGrid(makeGrid(spec), definition, { asOf: AS_OF });
    expect(r.issues.find((i) => i.rule === 'metric.unusual')?.message).toBe(
      '“党组（党委）会议专题研究意识形态工作”本期数为40次，明显高于通常水平（第三季度一般不超过3次），请核实是否多填了位数或把累计数填在了本期数。',
    );
  });

  it('a workbook with nothing to report on is an 错误', () => {
    const spec = validSpec();
    for (const k of Object.keys(spec.metrics)) spec.metrics[k] = {};
    spec.risks = [];
    spec.narrative = [];
    const r = checkGrid(makeGrid(spec), definition, { asOf: AS_OF });
    expect(r.issues.find((i) => i.rule === 'content.empty')).toMatchObject({
      severity: 'error',
      message:
        '填报表中没有可生成报告的内容：工作指标、风险隐患台账和工作情况都未填写。请至少填写本期工作指标和工作情况后重新报送。',
    });
  });
});

describe('the unit’s own words', () => {
  const s = sampleSubmission(definition);
  const own: Submission = {
    ...s,
    risks: [],
    narrative: {
      ...s.narrative,
      nextSteps: [],
      problems: [
        { category: '阵地建设', title: '宣传阵地内容更新不够及时', body: '个别站点电子屏仍播放上季度内容。' },
        {
          category: '队伍建设',
          title: '网评员队伍力量偏弱',
          body: '网评员均为兼职，参与网上引导的积极性不高。',
        },
      ],
    },
  };
  const text = unitReportText(own, definition);

  it('存在问题 rows count as found problems and are analysed in 三 (no “未发现”)', () => {
    expect(text).toContain(
      '经梳理排查，共分析研判意识形态工作风险隐患2条，其中，阵地管理方面1条，队伍建设方面1条。',
    );
    expect(text).not.toContain('未发现');
    expect(section(text, /^三、/)).toEqual([
      '（一）阵地管理方面。宣传阵地内容更新不够及时。个别站点电子屏仍播放上季度内容。',
      '（二）队伍建设方面。网评员队伍力量偏弱。网评员均为兼职，参与网上引导的积极性不高。',
    ]);
  });

  it('one register risk is spoken of as one; a risk reads: what, how it shows, why, then how far it is dealt with', () => {
    // The sample's 组织领导 risk, as a 中 one.
    const org = s.risks.find((x) => x.category === '组织领导')!;
    const r = { ...org, level: '中', values: { ...org.values, level: '中' } };
    const cause = '支部书记抓意识形态工作的责任意识不强';
    const one = {
      ...r,
      status: '整改中',
      overdue: true,
      deadline: '2023-09-30',
      values: { ...r.values, cause },
    };
    const t = unitReportText({ ...s, risks: [one] }, definition);
    // The status line says how far it is dealt with, as part of the count sentence: no name, no reason,
    // late in a word (三 tells its deadline), never "按计划" of a late risk.
    const status = /属组织领导方面，([^。]+)。/u.exec(t)![1];
    expect(status).toMatch(/超过(原定)?(整改)?时限/);
    expect(status).not.toMatch(/未能按期|按计划|因|2023年/);
    expect(status).not.toContain(clause(one.description ?? '').slice(2, 10));
    expect(t).not.toMatch(/这一风险为|该条为|正在整改1条|1条已超过|风险隐患台账所列|需要指出的是/);
    const item = section(t, /^三、/).join('');
    const progress = clause(one.progress ?? '');
    // The order a writer follows: the problem with how it shows and why (the cause may come first, "由于
    // {cause}，{problem}", never between the problem and what it produced), then the lateness.
    const at = (x: string) => item.indexOf(x);
    expect(at(clause(one.description ?? ''))).toBeGreaterThan(-1);
    expect(at(clause(one.detail ?? ''))).toBeGreaterThan(at(clause(one.description ?? '')));
    expect(at(cause)).toBeGreaterThan(-1);
    if (at(cause) < at(clause(one.description ?? ''))) expect(item).toContain(`由于${cause}，`);
    expect(item).not.toMatch(/导致/);
    // It ends on its lateness, in one of the definition's wordings, with its deadline.
    const late = [
      ...definition.report.banks['risk.overdue'],
      ...definition.report.banks['risk.overdueProgress'],
    ].map((v) => formatTemplate(v, { deadline: '2023年9月30日', progress: '' }).split('目前')[0]);
    expect(late.some((v) => item.includes(v.replace(/，$/u, '')))).toBe(true);
    expect(item).toMatch(/2023年9月30日[^。]*。$/);
    // The 完成情况 is told once: in the status line (why it is late) or in 三.
    const body = lines(t).slice(0, lines(t).indexOf('', 1)).join('\n');
    if (progress) expect(body.split(progress).length - 1).toBe(1);
    // A high risk whose description says so already gets no level phrase on top.
    const high = {
      ...r,
      level: '高',
      description: '涉医网络舆情的风险较高',
      overdue: false,
      status: '整改中',
    };
    const h = unitReportText({ ...s, risks: [high] }, definition);
    expect(h).toMatch(/涉医网络舆情的风险较高[。，]/);
    for (const p of definition.report.levelPhrases.high) expect(h).not.toContain(`较高，${p}`);
  });

  it('next steps follow the problems found when the unit wrote none', () => {
    const four = section(text, /^四、/);
    // The lead names what the problems found are about, in the words a unit writes (阵地内容更新 for
    // "宣传阵地内容更新不够及时", 工作力量配备 for "网评员均为兼职"), not the form's labels with 等方面.
    expect(four[0]).toBe(
      '针对阵地内容更新和工作力量配备中暴露出的问题，下一步，局党组将建立问题清单、任务清单、责任清单，逐项推进整改，切实把问题解决在萌芽状态。',
    );
    expect(four.slice(1).map((l) => /^（[一二]）/.test(l))).toEqual([true, true]);
  });

  it('the sample’s register: the 下一步 lead and the judgement of its high risks in a unit’s words', () => {
    const t = unitReportText({ ...s, narrative: { ...s.narrative, nextSteps: [] } }, definition);
    expect(section(t, /^四、/)[0]).toBe(
      '针对主体责任落实、学习教育和阵地内容更新中暴露出的问题，下一步，局党组将建立问题清单、任务清单、责任清单，逐项推进整改，切实把问题解决在萌芽状态。',
    );
    expect(section(t, /^一、/)[0]).toContain(
      '从本季度情况看，意识形态领域运行平稳，但在阵地内容审核和网络舆情处置上还有不容忽视的风险隐患。',
    );
  });

  it('identical measures are merged, with one deadline clause; a passed deadline is not promised again', () => {
    const m = '建立宣传阵地月检制度，每月巡查一次';
    const risks = s.risks
      .slice(4, 6)
      .map((r) => ({ ...r, measures: m, deadline: '2023-12-31', overdue: false, status: '整改中' }));
    const t = unitReportText({ ...s, narrative: { ...s.narrative, nextSteps: [] }, risks }, definition);
    // One deadline clause for the merged step (its wording is the bank's seeded choice); the last day of
    // the report's year is said as writers say it.
    expect(t).toMatch(/（一）[^。]+。建立宣传阵地月检制度，每月巡查一次，[^。，]*年底前[^。，]*。/);
    expect(t).not.toContain('2023年12月31日前');
    expect(t.match(/建立宣传阵地月检制度/g)).toHaveLength(1 + 2); // the merged step, and the register's two rows
    const late = s.risks.slice(0, 2);
    const t2 = unitReportText(
      { ...s, narrative: { ...s.narrative, nextSteps: [] }, risks: late },
      definition,
    );
    // 三 may say what the deadline was ("原定于…前完成"); 四 does not promise it again.
    expect(t2.slice(t2.indexOf('四、'))).not.toMatch(/2023年9月15日前完成|力争2023年9月15日/);
    // The late measure is referred to ("挂账督办"), its lateness having been told in 三: no "其中" when it
    // is the group's only measure, no second "已逾期".
    const four2 = t2.slice(t2.indexOf('四、'));
    expect(four2).toMatch(/督办|销号/);
    expect(four2).not.toMatch(/已逾期|超过整改时限/);
    for (const l of lines(four2).filter((x) => /督办|销号/.test(x) && /^（/.test(x)))
      if (!/；/.test(l)) expect(l).not.toMatch(/其中[^。]*(督办|销号)/);
  });

  it('a category with figures and no paragraph of the unit’s gets a few composed sentences, not a tally', () => {
    const t = unitReportText(
      {
        ...s,
        narrative: {
          ...s.narrative,
          sections: s.narrative.sections.filter((x) => x.category !== '理论武装'),
        },
      },
      definition,
    );
    const p = lines(t).find((l) => /组织理论学习中心组集体学习3次/.test(l))!;
    expect(p).toMatch(/^（[一二三四五六]）[^。]+，[^。]+。/);
    const bank = definition.report.categories['理论武装'].workBody!;
    expect(bank.some((b) => p.includes(b.split('{')[0].slice(0, 10)))).toBe(true);
    // Two figures woven into a sentence about what was done (each in the wording this unit chose); the
    // rest are in the attachment.
    const q3 = definition.periods.find((x) => x.name === '第三季度')!;
    const leads = [q3.currentPhrase!, ...(q3.currentPhrases ?? [])].map((x) =>
      formatTemplate(x, { startMonth: 7, endMonth: 9 }),
    );
    expect(
      leads.some((l) => p.includes(`${l}组织理论学习中心组集体学习3次，开展交流研讨2次。`)),
      p,
    ).toBe(true);
    const lectures = definition.metrics.find((m) => m.id === 'theory.partyLectures')!;
    for (const w of [lectures.phrase, ...(lectures.phrases ?? [])]) expect(p).not.toContain(`${w}4次`);
  });
});

describe('meaning by role', () => {
  it('the 总体情况 speaks of the category with the role duty, wherever it stands in the list', () => {
    const s = { ...sampleSubmission(definition), narrative: emptyNarrative() };
    const reordered = editedDefinition((d) => {
      (d.vocab.workCategory.values as unknown[]).reverse();
      d.metrics.reverse();
    });
    const one = (t: string) => section(t, /^一、/).join('');
    expect(one(unitReportText(s, reordered))).toMatch(/召开党组会议专题研究意识形态工作\d+次/);
    expect(one(unitReportText(s, definition))).toMatch(/召开党组会议专题研究意识形态工作\d+次/);
  });
});

describe('one name', () => {
  const s = sampleSubmission(definition);
  const alias: Submission = { ...s, unit: { ...s.unit, name: '市交通局' } };
  it('the roster’s full name in the title; the unit speaks as 我局/局党组; one 落款 rule', () => {
    const t = unitReportText(alias, definition, { unitName: '市交通运输局' });
    expect(lines(t)[0]).toBe('市交通运输局2023年第三季度意识形态工作分析研判报告');
    expect(t).not.toContain('市交通局');
    // 落款: the 落款单位 the unit wrote; without it, the 党组织名称 by its full name (a short "局党组" alone
    // names no one); a meeting (部务会) does not sign; without a 党组织名称, the unit's name.
    const noSig = { ...alias, narrative: { ...alias.narrative, signatureUnit: null } };
    const signer = (partyOrg: string | null) => {
      const ls = lines(unitReportText({ ...noSig, partyOrg }, definition, { unitName: '市交通运输局' }));
      return ls[ls.indexOf('2023年10月10日') - 1];
    };
    expect(signer('局党组')).toBe('中共市交通运输局党组');
    expect(signer('党组')).toBe('中共市交通运输局党组');
    expect(signer('机关党委')).toBe('中共市交通运输局机关党委');
    expect(signer('市交通运输局党组')).toBe('市交通运输局党组');
    expect(signer('中共市交通运输局党组')).toBe('中共市交通运输局党组');
    // Written short, it is said in full the first time it acts, then short.
    const short = unitReportText(
      { ...noSig, partyOrg: '局党组', narrative: { ...noSig.narrative, opening: null } },
      definition,
      {
        unitName: '市交通运输局',
      },
    );
    const first = short.indexOf('党组');
    expect(short.slice(first - 6, first + 2)).toBe('市交通运输局党组');
    expect(short.slice(first + 2)).toMatch(/[^输]局党组/u);
    expect(signer('部务会')).toBe('市交通运输局');
    expect(signer('市交通运输局室务会')).toBe('市交通运输局');
    expect(signer('局党委')).toBe('中共市交通运输局党委');
    expect(signer(null)).toBe('市交通运输局');
  });

  it('a bare 党组 takes the short form of the unit’s word only where the definition gives one', () => {
    const office = (name: string, org: string) =>
      unitReportText(
        { ...s, unit: { name, code: name }, partyOrg: org, narrative: { ...s.narrative, opening: null } },
        definition,
      );
    // 市人大机关 speaks of itself as 机关: its 党组 is never "关党组".
    const npc = office('市人大机关', '市人大常委会机关党组');
    expect(npc).not.toMatch(/(^|[，。；、\n])关党组/);
    expect(npc).toMatch(/党组/);
    expect(office('市水利局', '市水利局党组')).toMatch(/局党组/);
    expect(office('市总工会', '市总工会党组')).not.toMatch(/(^|[，。；、\n])会党组/);
  });

  it('a unit’s line of work is read off its name: the definition’s lines of work, else its prefixes and suffixes', () => {
    const field = (name: string) => voiceOf({ ...s, unit: { name, code: null } }, definition).field;
    // Lines of work the definition lists (report.fields), by the longest word of the name they match.
    expect(field('市委宣传部')).toBe('宣传');
    expect(field('市文化广电和旅游局')).toBe('文化旅游');
    expect(field('市市场监管局')).toBe('市场监管');
    expect(field('市委编办')).toBe('机构编制');
    expect(field('团市委')).toBe('共青团');
    expect(field('市乡村振兴局')).not.toBe(field('城关镇'));
    expect(field('市医学院附属医院')).toBe('卫生健康');
    // Others: the name without place prefix and office suffix.
    expect(field('市信访局')).toBe('信访');
    expect(field('市统计局')).toBe('统计');
    // No place prefix: the definition's fallback word.
    expect(field('机关事务管理服务中心')).toBe(definition.report.banks['voice.field'][0]);
    // …and it is said: a unit with no narrative speaks of its own work somewhere in 30 reports.
    const said = Array.from({ length: 30 }, (_, i) =>
      unitReportText(
        {
          ...s,
          unit: { name: '市信访局', code: `F${i}` },
          partyOrg: '市信访局党组',
          narrative: emptyNarrative(),
        },
        definition,
      ),
    ).filter((t) => /信访(工作|领域)/u.test(t)).length;
    expect(said).toBeGreaterThan(5);
  });

  it('the deciding body is taken from 党组织名称, never invented', () => {
    const dept: Submission = {
      ...s,
      unit: { name: '市委宣传部', code: 'SZ002' },
      partyOrg: '市委宣传部机关党委',
    };
    const t = unitReportText({ ...dept, narrative: { ...dept.narrative, opening: null } }, definition);
    expect(t).not.toMatch(/部党组|宣传部党组/);
    expect(t).toMatch(/机关党委/);
    // A 市委 department that decides through its 部务会 (as 市委宣传部 does) speaks of it, and of no 党委.
    const board = unitReportText(
      { ...dept, partyOrg: '市委宣传部部务会', narrative: { ...dept.narrative, opening: null } },
      definition,
    );
    // (The sample's own paragraphs are 交通运输局's; the words composed for the unit are checked.)
    const composed = [board.split('\n')[1], ...section(board, /^一、/)].join('');
    expect(composed).toMatch(/召开部务会专题研究/);
    expect(composed).not.toMatch(/党组|党委会议|党委书记/);
    // A 市委 office likewise through its 室务会.
    const office = unitReportText(
      {
        ...dept,
        unit: { name: '市委网信办', code: 'SZ003' },
        partyOrg: '市委网信办室务会',
        narrative: { ...dept.narrative, opening: null },
      },
      definition,
    );
    const officeComposed = [office.split('\n')[1], ...section(office, /^一、/)].join('');
    expect(officeComposed).toMatch(/召开室务会专题研究/);
    // The meeting is where the office decides, not who acts: the office acts (市委网信办, 我办).
    expect(office).not.toMatch(/室务会(?!专题|会议|研究)[^，。]{0,2}(将|把|坚持|认真|深入|严格|下一步)/u);
    expect(office).toMatch(/我办|市委网信办(?!室务会)/u);
    expect(officeComposed).not.toMatch(/党组|党委|支部/);
    // A full name ("中共…委员会") is said as 党委, its meeting 党委会议.
    const school: Submission = {
      ...s,
      unit: { name: '市委党校', code: 'SZ090' },
      partyOrg: '中共市委党校委员会',
    };
    const u = unitReportText({ ...school, narrative: { ...school.narrative, opening: null } }, definition);
    expect(u).toMatch(/党委会议/);
    expect(u).not.toMatch(/委员会书记|委员会会议|中共市委党校委员会[^。]*中共市委党校委员会/);
  });
});

describe('self-inspection (seed 002)', () => {
  const s = sampleSubmission(definition);
  const h1: Submission = {
    ...s,
    reportKind: '半年自查报告',
    period: '上半年',
    fillDate: '2023-07-10',
    info: { ...s.info, superiorOrg: '市直机关工委', dutyList: '是', inAssessment: '否', inReview: '是' },
    metrics: s.metrics.map((m) => ({
      ...m,
      current: m.ytd ?? m.current,
      ytd: m.kind === 'stock' ? null : (m.ytd ?? m.current),
    })),
    // The self-inspection's own register: two 组织领导 risks (one closed in the half year), one 理论武装.
    risks: sampleSelfInspection(definition).risks.slice(0, 3),
    narrative: {
      ...s.narrative,
      opening: null,
      nextSteps: [],
      problems: [
        {
          category: '理论武装',
          title: '理论学习同业务工作结合不够紧密',
          body: '个别支部学习以读文件为主，联系交通运输工作实际不够。',
        },
      ],
    },
  };
  const text = unitReportText(h1, definition);

  it('outline: 责任制落实情况, 开展情况及主要做法, 存在的问题, 下一步 as 第一，第二', () => {
    expect(lines(text).filter((l) => /^[一二三四]、/.test(l))).toEqual([
      '一、意识形态工作责任制落实情况',
      '二、2023年上半年意识形态工作开展情况及主要做法',
      '三、存在的问题',
      '四、下一步工作打算',
    ]);
    expect(lines(text)[1]).toMatch(/^[^。]*在市直机关工委的(正确|坚强)领导下，/);
    const four = section(text, /^四、/);
    expect(four.slice(1, -1).every((l) => /^第[一二三]，/.test(l))).toBe(true);
    // It ends on what the unit does with what it found: one sentence, no ordinal.
    expect(four.at(-1)).toMatch(/^[^第（][^。]*自查[^。]*。$/);
  });

  it('the 责任制 section is built from the 责任制 facts and the 组织领导 figures', () => {
    const one = section(text, /^一、/).join('');
    expect(one).toMatch(/责任清单/);
    expect(one).toMatch(/民主生活会/);
    expect(one).toContain('召开党组会议专题研究意识形态工作3次');
  });

  it('存在问题 are titled and self-critical: the unit’s own first, then the register’s, then what it has not done', () => {
    const three = section(text, /^三、/);
    expect(three[0]).toBe(
      '（一）理论学习同业务工作结合不够紧密。个别支部学习以读文件为主，联系交通运输工作实际不够。',
    );
    // The register's 组织领导 problems under one of the category's headings, one that does not say the
    // words of its items again ("责任传导存在层层递减现象" over "层层传导压力存在递减现象").
    const titles = definition.report.categories['组织领导'].problemTitle!.map((t) =>
      t.replace('{subject}', definition.subject),
    );
    const org = three.find((l) => titles.some((t) => l.startsWith(`（二）${t}。`)));
    expect(org).toBeDefined();
    const [head, ...items] = org!.split('。');
    expect(
      repeatedRuns(
        head.replace(/^（二）/, ''),
        items.join('。'),
        plainWords(definition.report.banks, '意识形态'),
      ),
    ).toBe(0);
    expect(three.at(-1)).toBe(
      '（四）考核评价的导向作用发挥不够。意识形态工作尚未纳入年度目标考核，考核“指挥棒”作用发挥不够，部分科室存在重业务、轻思想的倾向。',
    );
  });

  it('a problem is self-critique: no register level, progress or deadline in 三 (they are in the attachment)', () => {
    const three = section(text, /^三、/).join('');
    for (const p of [...definition.report.levelPhrases.high, ...definition.report.levelPhrases.medium])
      if (p) expect(three).not.toContain(p);
    expect(three).not.toMatch(/整改时限|目前|截至目前|整改工作正在推进/);
    for (const r of h1.risks) expect(three).toContain(r.description!.replace(/。$/, ''));
  });

  it('names a few problems, not the whole register: at most four, the categories with high risks first', () => {
    const full = sampleSelfInspection(definition);
    const three = section(unitReportText(full, definition), /^三、/);
    expect(full.risks.length).toBeGreaterThan(8);
    expect(three.length).toBeLessThanOrEqual(4);
    const highDesc = full.risks.filter((r) => r.level === '高').map((r) => r.description!.replace(/。$/, ''));
    for (const d of highDesc) expect(three.join('')).toContain(d);
  });

  it('责任制 reads in titled parts (主体责任, 考核述职, 研判), each 组织领导 figure once, in no tail of its own', () => {
    const one = section(text, /^一、/);
    expect(one.length).toBeGreaterThanOrEqual(2);
    expect(one.every((l, i) => l.startsWith(`（${'一二三'[i]}）`))).toBe(true);
    const all = one.join('');
    expect(all).not.toMatch(/经统计|据统计/);
    for (const [phrase, n] of [
      ['召开党组会议专题研究意识形态工作', 3],
      ['签订意识形态工作责任书', 16],
      ['召开意识形态工作分析研判会', 3],
      ['开展意识形态工作专项督查', 1],
    ] as const) {
      expect(all.split(`${phrase}${n}`).length - 1).toBe(1);
      expect(text.split(`${phrase}${n}`).length - 1).toBe(1);
    }
    // The parts speak of 第一责任人/一岗双责, of 民主生活会 and 述职, and of 分析研判.
    expect(one[0]).toMatch(/第一责任人|负总责/);
    expect(one.find((l) => /民主生活会/.test(l))).toBeDefined();
    expect(one.at(-1)).toMatch(/研判/);
    // No heading says again the first sentence of its part.
    for (const l of one) {
      const [head, first] = l.split('。');
      expect(
        repeatedRuns(head.replace(/^（.）/, ''), first, plainWords(definition.report.banks, '意识形态')),
      ).toBeLessThan(2);
    }
  });

  it('without the unit’s own words on 组织领导, the 责任制 facts answered 是 are said; a part with nothing is left out', () => {
    const bare: Submission = {
      ...h1,
      info: { ...h1.info, dutyList: '是', inAssessment: '是', inReview: '否' },
      metrics: h1.metrics.map((m) => (m.id === 'org.analysisMeetings' ? { ...m, current: 0, ytd: 0 } : m)),
      narrative: {
        ...h1.narrative,
        sections: h1.narrative.sections.filter((x) => x.category !== '组织领导'),
      },
    };
    const one = section(unitReportText(bare, definition), /^一、/);
    const all = one.join('');
    for (const key of ['dutyList', 'inAssessment'])
      expect(
        definition.report.banks[`duty.${key}.yes`].some((v) =>
          all.includes(v.replace(/\{subject\}/g, '意识形态')),
        ),
      ).toBe(true);
    for (const v of definition.report.banks['duty.inReview.yes'])
      expect(all).not.toContain(v.replace(/\{subject\}/g, '意识形态'));
    // No analysis meeting and no words of the unit's on it: no part of its own.
    expect(one.length).toBe(2);
  });

  it('with nothing found and every 责任制 fact answered 是, still names its shortfalls under headings (seed 002)', () => {
    const cats = definition.report.categories;
    const causes = (c: string) =>
      definition.report.banks[`sf.${c}`].map((x) => x.replaceAll('{subject}', definition.subject));
    const titles = (c: string) =>
      (cats[c].problemTitle ?? []).map((x) => x.replaceAll('{subject}', definition.subject));
    const leads = new Set<string>();
    const names = [
      '市教育局',
      '市民政局',
      '市司法局',
      '市财政局',
      '市住建局',
      '市商务局',
      '市审计局',
      '市统计局',
    ];
    for (const unit of names.map((name, i) => ({ name, code: `P${i}` }))) {
      const t = unitReportText(
        {
          ...h1,
          unit,
          info: { ...h1.info, dutyList: '是', inAssessment: '是', inReview: '是' },
          risks: [],
          narrative: emptyNarrative(),
        },
        definition,
      );
      const three = section(t, /^三、/);
      // A lead sentence, then two or three titled problems, each its heading and a fitting cause in a sentence.
      expect([3, 4]).toContain(three.length);
      leads.add(three[0].replace(unit.name, ''));
      const cats3 = three.slice(1).map((l) => {
        const m = /^（[一二三]）([^。]+)。(.+)$/u.exec(l);
        expect(m, l).not.toBeNull();
        const c = Object.keys(cats).find((k) => titles(k).includes(m![1]));
        expect(c, m![1]).toBeTruthy();
        expect(causes(c!).some((x) => m![2].includes(x))).toBe(true);
        return c!;
      });
      // 下一步 takes up the same ones: its lead names each in a phrase of its own.
      const four = section(t, /^四、/);
      for (const c of cats3)
        expect(
          themesOf(c).some((w) => four[0].includes(w)),
          `${c}: ${four[0]}`,
        ).toBe(true);
      expect(labelsIn(four[0])).toEqual([]);
    }
    expect(leads.size).toBeGreaterThan(1);
  });
});

describe('joins', () => {
  it('a risk takes more than one shape across units, every fact and the unit’s words kept', () => {
    const s = sampleSubmission(definition);
    const r = {
      ...s.risks[0],
      description: '基层站点宣传栏内容陈旧',
      detail: '部分站点宣传栏多年未更换，内容与当前形势不符',
      status: '整改中',
      overdue: false,
      values: {
        ...s.risks[0].values,
        cause: '站点分散偏远，日常检查覆盖不到',
        progress: '已完成城区站点检查',
      },
    };
    const shapes = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const t = unitReportText(
        { ...s, unit: { name: '市水利局', code: `W${i}` }, risks: [r], narrative: emptyNarrative() },
        definition,
      );
      const item = section(t, /^三、/).join('');
      for (const x of [r.description, r.detail, r.values.cause, r.values.progress]) expect(item).toContain(x);
      expect(item.indexOf(r.values.progress)).toBeGreaterThan(item.indexOf(r.detail));
      shapes.add(
        item.includes(`由于${r.values.cause}`)
          ? 'cause first'
          : new RegExp(`${r.description}，[^。]*${r.detail}`).test(item)
            ? 'folded'
            : 'listed',
      );
    }
    expect(shapes.size).toBeGreaterThanOrEqual(2);
  });

  it('a detail that starts with 主要 is never introduced by 主要表现为 (whatever the seed)', () => {
    const s = sampleSubmission(definition);
    const r = { ...s.risks[0], detail: '主要依靠人工浏览，夜间监测存在空档' };
    for (let i = 0; i < 12; i++) {
      const t = unitReportText(
        { ...s, unit: { name: '市交通运输局', code: `S${i}` }, risks: [r] },
        definition,
      );
      expect(t).toContain('主要依靠人工浏览');
      expect(t).not.toContain('主要表现为主要');
    }
  });
});

describe('placing and wording', () => {
  const s = sampleSubmission(definition);
  it('a figure goes to the paragraph that speaks of it most, not the first that mentions it', () => {
    const t = unitReportText(
      {
        ...s,
        narrative: {
          ...s.narrative,
          sections: [
            {
              category: '组织领导',
              title: '压实属地责任',
              body: '督促下属单位落实属地管理责任，防止舆情事件发生。',
            },
            {
              category: '网络意识形态',
              title: '加强舆情监测',
              body: '落实舆情日报制度，对涉及本单位的舆情做到早发现、早处置，舆情研判每周一次。',
            },
          ],
        },
      },
      definition,
    );
    const work = section(t, /^二、/);
    expect(work.find((l) => l.includes('压实属地责任'))).not.toContain('舆情信息');
    expect(work.find((l) => l.includes('加强舆情监测'))).toMatch(/发现不良导向舆情信息\d+条/);
  });

  it('a paragraph composed from figures stands where its category comes, before the unit’s own later ones', () => {
    const theory = s.narrative.sections.find((x) => x.category === '理论武装')!;
    const t = unitReportText({ ...s, narrative: { ...s.narrative, sections: [theory] } }, definition);
    const work = section(t, /^二、/);
    const at = (re: RegExp) => work.findIndex((l) => re.test(l));
    expect(at(/第一议题/)).toBeGreaterThan(0); // the unit's own 理论武装 is not first
    expect(work[0]).toMatch(/^（一）/);
    expect(work.map((l) => l.slice(0, 3))).toEqual(work.map((_, i) => `（${'一二三四五六七八九十'[i]}）`));
  });

  it('a risk already dealt with says so, with what was done', () => {
    const done = s.risks.find((r) => r.status === '已整改')!;
    const t = unitReportText({ ...s, risks: [done] }, definition);
    const item = section(t, /^三、/).join('');
    // What was done first, then that it is rectified, once.
    const progress = done.progress!.replace(/。$/, '');
    expect(item).toContain(progress);
    expect(item.match(/整改到位|得到整改/g)).toHaveLength(1);
    expect(item.search(/整改到位|得到整改/)).toBeGreaterThan(item.indexOf(progress));
  });

  it('a high risk’s level is a sentence of its own after the analysis', () => {
    const high = s.risks.find((r) => r.level === '高')!;
    const t = unitReportText(
      { ...s, risks: [{ ...high, overdue: false, values: { ...high.values, cause: '审核力量不足' } }] },
      definition,
    );
    const item = section(t, /^三、/).join('');
    const said = definition.report.levelPhrases.high.find((p) => item.includes(p))!;
    expect(said).toBeTruthy();
    const leads = definition.report.banks['risk.level'].map((v) => v.split('{phrase}')[0]);
    expect(leads.some((lead) => item.includes(`${lead}${said}。`))).toBe(true);
    // Said in the unit's words, not the register's ("研判为高风险").
    expect(item).not.toContain('研判为');
    expect(item.indexOf(said)).toBeGreaterThan(item.indexOf('审核力量不足'));
  });

  it('七一 and 八一 are important dates, never “sensitive” ones, in any unit’s report', () => {
    for (let i = 0; i < 30; i++) {
      const t = unitReportText({ ...s, unit: { name: '市交通运输局', code: `D${i}` } }, definition);
      expect(t).not.toMatch(/(七一|八一)[^。；]*敏感/);
    }
  });
});

/** The definition with 三 of a unit that found nothing always in one paragraph (not by category). */
const paragraphShape = editedDefinition((d) => {
  (d.report as { banks: Record<string, string[]> }).banks['risks.byCategory'] = ['no'];
});

describe('a unit that found no problem', () => {
  const s = sampleSubmission(definition);
  const t = unitReportText(
    { ...s, risks: [], narrative: { ...s.narrative, problems: [], nextSteps: [] } },
    paragraphShape,
  );

  it('does not admit, in the same words, a shortfall its 二 has just claimed as done', () => {
    let admitted = 0;
    for (let i = 0; i < 30; i++) {
      const unit = { name: `市测试${i}局`, code: `T${i}` };
      const r = unitReportText(
        {
          ...s,
          unit,
          partyOrg: `${unit.name}党组`,
          risks: [],
          narrative: {
            ...emptyNarrative(),
            sections: [
              {
                category: '网络意识形态',
                title: '管好网络阵地',
                body: '对工作群、公众号实行日常管理，明确专人负责，信息发布先审后发。',
              },
            ],
          },
        },
        definition,
      );
      if (section(r, /^三、/).join('').includes('日常管理还存在盲区')) admitted++;
    }
    expect(admitted).toBe(0);
  });

  it('still names, as the genre does, two points where its work falls short; 四 follows the same two', () => {
    const three = section(t, /^三、/);
    expect(three).toHaveLength(1);
    const m = /：一是([^；。]+)[；。]二是([^。]+)。$/u.exec(three[0]);
    expect(m, three[0]).not.toBeNull();
    const titleOf = (x: string) =>
      Object.entries(definition.report.categories).find(([, v]) =>
        v.problemTitle?.some((p) => p.replaceAll('{subject}', definition.subject) === x),
      )?.[0];
    // Each named and said why: "理论学习的系统性和实效性有待提升，学习形式较为单一…".
    for (const x of [m![1], m![2]]) expect(x).toMatch(/^[^，]+，.+/);
    // In the unit's own voice (no "一些单位…" of a superior), and no word said twice in a row.
    expect(three[0]).not.toMatch(/一些单位|部分单位/);
    expect(three[0]).not.toMatch(/薄弱环节：一是[^；]*薄弱环节/);
    const cats = [titleOf(m![1].split('，')[0]), titleOf(m![2].split('，')[0])];
    expect(cats.every(Boolean)).toBe(true);
    const four = section(t, /^四、/);
    for (const c of cats)
      expect(
        themesOf(c!).some((w) => four[0].includes(w)),
        four[0],
      ).toBe(true);
    expect(labelsIn(four[0])).toEqual([]);
    expect(four.slice(1)).toHaveLength(2);
  });
});

describe('下一步 of a unit that wrote its own', () => {
  const s = sampleSubmission(definition);
  const late = {
    ...s.risks.find((r) => r.overdue)!,
    measures: '约谈物业服务企业，逐一核查小区宣传栏内容并建立更新台账',
  };
  const own = [
    { category: '理论武装', title: '深化理论学习', body: '组织好中心组学习和青年理论学习小组学习。' },
  ];
  const four = (nextSteps: typeof own) =>
    section(
      unitReportText({ ...s, risks: [late], narrative: { ...s.narrative, nextSteps } }, definition),
      /^四、/,
    );

  it('a late risk its plan does not take up gets a step of its own after it, with its measures', () => {
    const t = four(own);
    expect(t).toHaveLength(2);
    expect(t[0]).toMatch(/^（一）深化理论学习。/u);
    const titles = definition.report.banks['next.registerTitle'];
    expect(
      titles.some((x) => t[1].startsWith(`（二）${x}。`)),
      t[1],
    ).toBe(true);
    expect(t[1]).toContain('约谈物业服务企业，逐一核查小区宣传栏内容并建立更新台账');
  });

  it('a plan that takes it up already gets no step more', () => {
    const t = four([
      ...own,
      { category: '阵地建设', title: '管好宣传栏', body: '逐一核查小区宣传栏内容，年底前完成。' },
    ]);
    expect(t).toHaveLength(2);
  });
});

describe('下一步 of a unit that wrote none', () => {
  const s = sampleSubmission(definition);
  const risk = s.risks.find((r) => r.category === '阵地管理' && r.status !== '已整改')!;
  const t = unitReportText(
    {
      ...s,
      risks: [{ ...risk, overdue: false }],
      narrative: { ...s.narrative, nextSteps: [], problems: [] },
    },
    definition,
  );
  const four = section(t, /^四、/);

  /** A unit (one code of 市统计局) that gave figures only: no narrative, no register. */
  const figuresOnly = (code: string, metrics: Submission['metrics']) =>
    unitReportText(
      { ...s, unit: { name: '市统计局', code }, metrics, risks: [], narrative: emptyNarrative() },
      definition,
    );

  it('what is still being checked is not judged yet, and a quarterly report speaks of no 自查', () => {
    const pending = s.metrics.map((m) =>
      m.id === 'net.found'
        ? { ...m, current: 2, ytd: Math.max(2, m.ytd ?? 2) }
        : m.id === 'net.handled'
          ? { ...m, current: 1, ytd: Math.max(1, m.ytd ?? 1) }
          : m,
    );
    const verdicts = definition.report.banks['fn.d'].map((v) =>
      v.replaceAll('{subject}', definition.subject),
    );
    for (let i = 0; i < 20; i++) {
      const three = section(figuresOnly(`K${i}`, pending), /^三、/).join('');
      for (const v of verdicts) expect(three).not.toContain(v);
      expect(three).not.toContain('自查');
    }
  });

  it('one thing found and dealt with is never said with 均/全部 (“发现的1条…均已处置”)', () => {
    const one = s.metrics.map((m) =>
      m.id === 'net.found' || m.id === 'net.handled' ? { ...m, current: 1, ytd: Math.max(1, m.ytd ?? 1) } : m,
    );
    const all = definition.report.banks['count.allWords'];
    let said = 0;
    for (let i = 0; i < 30; i++) {
      const u = figuresOnly(`J${i}`, one);
      for (const x of u.split(/[。；]/u).filter((x) => /1条/u.test(x) && /不良/u.test(x))) {
        said++;
        for (const w of all) expect(x).not.toContain(w);
      }
    }
    expect(said).toBeGreaterThan(10);
  });

  it('a composed step may say one concrete thing more, in the same sentence, without saying a part twice', () => {
    const plain = plainWords(definition.report.banks, definition.subject);
    const more = Object.entries(definition.report.banks)
      .filter(([k]) => /^nb\..+\.c$/u.test(k))
      .flatMap(([, v]) => v.map((x) => x.replaceAll('{subject}', definition.subject).split('{')[0]));
    let longer = 0;
    for (let i = 0; i < 30; i++) {
      const u = unitReportText(
        { ...s, unit: { name: '市统计局', code: `N${i}` }, risks: [], narrative: emptyNarrative() },
        definition,
      );
      for (const item of section(u, /^四、/).slice(1)) {
        const body = item.replace(/^(?:（[一二三四五六]）|第[一二三四五六]，)[^。]*。/u, '');
        const parts = body.replace(/。$/u, '').split('；');
        if (!parts.slice(1).some((p) => more.some((m) => m && p.includes(m)))) continue;
        longer++;
        expect(parts, item).toHaveLength(2);
        expect(repeatedRuns(parts[0], parts[1], plain), item).toBe(0);
      }
    }
    expect(longer).toBeGreaterThan(5);
  });

  it('one category: no 等 after it; never a lone （一）', () => {
    const named = themesOf('阵地管理').find((w) => four[0].includes(w));
    expect(named, four[0]).toBeDefined();
    expect(four[0]).not.toContain(`${named}等`);
    expect(four[0]).not.toMatch(/方面/u);
    expect(four.slice(1).map((l) => l.slice(0, 3))).toEqual(['（一）', '（二）']);
  });
});

describe('every sentence once', () => {
  it.each([
    ['quarterly', sampleSubmission(definition)],
    ['first quarter', firstQuarter()],
  ])('%s: no sentence twice, nothing unfilled', (_n, sub) => {
    const text = unitReportText(sub, definition);
    const ss = sentencesOf(text).filter((x) => x.length > 8);
    expect(ss.filter((x, i) => ss.indexOf(x) !== i)).toEqual([]);
    expect(text).not.toMatch(/[{}]|undefined|null|NaN|\*/);
  });
});

// Thirty units that wrote nothing of their own and found no risk: everything is composed from the banks.
// A frame (names and numbers aside) may recur, as in any set of real reports, but not across the batch.
describe('thirty reports composed from the banks alone', () => {
  const NAMES = [
    '市财政局',
    '市水利局',
    '市司法局',
    '市总工会',
    '市民政局',
    '市审计局',
    '市统计局',
    '市税务局',
    '市应急局',
    '市体育局',
    '市文旅局',
    '市医保局',
    '市信访局',
    '市气象局',
    '市档案馆',
    '市残联',
    '市科协',
    '市侨联',
    '市工商联',
    '市红十字会',
    '市委党校',
    '市委组织部',
    '市委统战部',
    '市委政法委',
    '市发改委',
    '市工信局',
    '市公安局',
    '市人社局',
    '市生态环境局',
    '市城管局',
  ];
  function batch(def: Definition, s: Submission): { name: string; text: string; sub: Submission }[] {
    return NAMES.map((name, i) => {
      const sub: Submission = {
        ...s,
        unit: { name, code: `X${i}` },
        partyOrg: `${name}党组`,
        narrative: emptyNarrative(),
        risks: [],
        metrics: s.metrics.map((m, j) => ({
          ...m,
          current: m.current === null ? null : Math.max(0, m.current + ((i * 7 + j) % 5) - 2),
          ytd: m.ytd === null ? null : m.ytd + i,
        })),
      };
      return { name, text: unitReportText(sub, def), sub };
    });
  }

  /** Frames (names and numbers aside) that more than five of the thirty reports share. */
  function commonFrames(def: Definition, s: Submission): string[] {
    const where = new Map<string, Set<string>>();
    for (const { name, text } of batch(def, s)) {
      for (const sentence of sentencesOf(text)) {
        const frame = sentence.replaceAll(name, '＊').replace(/\d+(\.\d+)?/g, '#');
        if (def.report.fixedFormulas.some((f) => frame.includes(f.replace(/\{[^}]+\}/g, '').slice(0, 8))))
          continue;
        if (!where.has(frame)) where.set(frame, new Set());
        where.get(frame)!.add(name);
      }
    }
    return [...where].filter(([, units]) => units.size > 5).map(([f, u]) => `${u.size}×${f}`);
  }

  /**
   * Clauses (sentences split at ，；：, names and numbers masked) of eight characters or more, outside the
   * fixed formulas and the figures themselves (a clause naming a metric by its phrase), with the number of
   * the thirty reports that say each, most shared first. A stock skeleton shows here even when whole
   * sentences differ.
   */
  function sharedClauses(def: Definition, s: Submission): [string, number][] {
    const formulas = def.report.fixedFormulas.map(
      (f) =>
        new RegExp(
          f
            .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
            .replace(/\{subject\}/g, def.subject)
            .replace(/\{[^}]+\}/g, '.*'),
          'u',
        ),
    );
    const phrases = [...new Set(def.metrics.flatMap((m) => [m.phrase, ...(m.phrases ?? [])]))]
      .map((p) => p.replace(/\{subject\}/g, def.subject).replace(/\{[^}]+\}/g, '＊'))
      .filter((p) => p.length >= 4)
      .sort((a, b) => b.length - a.length);
    const where = new Map<string, Set<string>>();
    for (const { name, text } of batch(def, s)) {
      for (const sentence of sentencesOf(text)) {
        if (formulas.some((f) => f.test(sentence))) continue;
        for (const raw of sentence.split(/[，；：。！？]/u)) {
          let c = raw.replaceAll(name, '＊');
          // The deciding body and the metrics' phrases are names as well (局党组, 召开党组会议专题研究…).
          c = c.replace(/(?:局|委|办|部)?党组(?!织)(?:书记|会议)?/gu, '＊');
          // A clause naming a metric is the figure itself (its phrase, the period's words, the number).
          if (phrases.some((p) => c.includes(p))) continue;
          c = c.replace(/\d+(\.\d+)?/g, '#');
          if (c.replace(/[＊#]/gu, '').length < 8) continue;
          if (!where.has(c)) where.set(c, new Set());
          where.get(c)!.add(name);
        }
      }
    }
    return [...where].map(([c, u]) => [c, u.size] as [string, number]).sort((a, b) => b[1] - a[1]);
  }
  /** A clause may recur in a third of the thirty reports at most. */
  const CLAUSE_BOUND = 10;

  it('share no clause of eight characters or more in more than a third of them', () => {
    const show = (l: [string, number][]) =>
      l.filter(([, n]) => n > CLAUSE_BOUND).map(([c, n]) => `${n}×${c}`);
    const ideology = sharedClauses(definition, sampleSubmission(definition));
    const pc = partyConductDefinition();
    const party = sharedClauses(pc, partyConductSample(pc));
    if (process.env.CLAUSES) console.log(ideology.slice(0, 25), party.slice(0, 25));
    expect(show(ideology)).toEqual([]);
    expect(show(party)).toEqual([]);
  });

  it('share no sentence frame in more than five of them beyond the fixed formulas', () => {
    expect(commonFrames(definition, sampleSubmission(definition))).toEqual([]);
  });

  // Units that wrote nothing of their own: the parts the banks alone compose (the 责任制 parts of a
  // self-inspection, its closing, its shortfalls, the 下一步 lead, a quarter's 三) differ across units.
  const selfBatch = () => batch(definition, sampleSelfInspection(definition));
  const quarterBatch = () => batch(definition, sampleSubmission(definition));
  /** Headings and the form's numbering left out: the body of each line. */
  const bodyOf = (l: string) =>
    l.replace(/^(?:（[一二三四五六七八九十]+）|第[一二三四五六七八九十]+，)[^。]*。/u, '');
  /** Clauses of `min` characters or more (names masked; a clause with a figure is the figure), by how many units say each. */
  function clauseCounts(texts: { name: string; lines: string[] }[], min: number): [string, number][] {
    const where = new Map<string, Set<string>>();
    for (const { name, lines: ls } of texts)
      for (const l of ls)
        for (const raw of bodyOf(l).split(/[，；：。！？]/u)) {
          if (/\d/u.test(raw)) continue;
          const c = raw.replaceAll(name, '＊').replace(/(?:局|委|办|部)?党组(?!织)(?:书记|会议)?/gu, '＊');
          if (c.replace(/＊/gu, '').length < min) continue;
          if (!where.has(c)) where.set(c, new Set());
          where.get(c)!.add(name);
        }
    return [...where].map(([c, u]) => [c, u.size] as [string, number]).sort((a, b) => b[1] - a[1]);
  }
  const over = (l: [string, number][], bound: number) =>
    l.filter(([, n]) => n > bound).map(([c, n]) => `${n}×${c}`);

  it('self-inspections: no clause of ten characters in 责任制 or in the closing shared by more than a third', () => {
    const reports = selfBatch();
    const duty = clauseCounts(
      reports.map(({ name, text }) => ({ name, lines: section(text, /^一、/) })),
      10,
    );
    const closing = clauseCounts(
      reports.map(({ name, text }) => ({ name, lines: section(text, /^四、/).slice(-1) })),
      10,
    );
    expect(over(duty, CLAUSE_BOUND)).toEqual([]);
    expect(over(closing, CLAUSE_BOUND)).toEqual([]);
    // The closing is the unit's own sentence on what it found, whatever its words.
    for (const { text } of reports) expect(section(text, /^四、/).at(-1)).toMatch(/问题|自查|整改/u);
  });

  it('self-inspections that found nothing: each shortfall said in a shape no fifth of them share, some with the cause alone', () => {
    const fill = (x: string) => clause(formatTemplate(x, { subject: definition.subject }));
    const causes = [
      ...Object.entries(definition.report.banks)
        .filter(([k]) => k.startsWith('sf.'))
        .flatMap(([, v]) => v),
      ...Object.values(definition.report.categories).flatMap((c) => c.cause ?? []),
      // What a unit's own figures show (report.gaps) stands where a cause does.
      ...(definition.report.gaps ?? []).flatMap((g) => g.says),
    ]
      .map((x) => fill(x.replaceAll('{current}', '上半年')))
      .sort((a, b) => b.length - a.length);
    const shapes = new Map<string, number>();
    const leads = new Map<string, number>();
    const counts = new Set<number>();
    let entries = 0;
    for (const { name, text } of selfBatch()) {
      const [lead, ...items] = section(text, /^三、/);
      const l = lead.replaceAll(name, '＊');
      leads.set(l, (leads.get(l) ?? 0) + 1);
      // Two or three, as the unit's seed has it.
      expect([2, 3]).toContain(items.length);
      counts.add(items.length);
      for (const item of items) {
        const body = bodyOf(item);
        const cause = causes.find((c) => body.includes(c));
        expect(cause, body).toBeDefined();
        const shape = body.replace(cause!, '＊');
        shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
        entries++;
      }
    }
    const show = [...shapes].map(([s, n]) => `${n}×${s}`).join('\n');
    expect([...counts].sort()).toEqual([2, 3]);
    expect(Math.max(...shapes.values()), show).toBeLessThanOrEqual(entries / 5);
    // Some say the cause alone, or only introduce it ("比如，…"): no tail after it.
    expect([...shapes].filter(([s]) => s.endsWith('＊。')).length, show).toBeGreaterThanOrEqual(3);
    expect(Math.max(...leads.values())).toBeLessThanOrEqual(CLAUSE_BOUND);
  });

  it('下一步 opens in more than one frame: no frame (names, categories and stock parts masked) in more than a third', () => {
    const cats = [
      ...(definition.vocab.riskCategory?.values ?? []),
      ...(definition.vocab.workCategory?.values ?? []),
      ...LABELS.flatMap(themesOf),
    ].sort((a, b) => b.length - a.length);
    const parts = Object.entries(definition.report.banks)
      .filter(([k]) => k.startsWith('nlc.'))
      .flatMap(([, v]) => v)
      .flatMap((v) =>
        ['本季度', '上半年'].map((current) => formatTemplate(v, { subject: definition.subject, current })),
      )
      .sort((a, b) => b.length - a.length);
    for (const reports of [selfBatch(), quarterBatch()]) {
      const frames = new Map<string, number>();
      for (const { name, text } of reports) {
        let f = section(text, /^四、/)[0]
          .replaceAll(name, '＊')
          .replace(/(?:局|委|办|部)?党组/gu, '＊');
        for (const p of parts) f = f.replaceAll(p, '＠');
        for (const c of cats) f = f.replaceAll(c, '＃');
        f = f.replace(/＃(?:[、和＃]*＃)?等?/gu, '＃');
        frames.set(f, (frames.get(f) ?? 0) + 1);
      }
      const show = [...frames].map(([f, n]) => `${n}×${f}`).join('\n');
      expect(Math.max(...frames.values()), show).toBeLessThanOrEqual(CLAUSE_BOUND);
      expect(frames.size, show).toBeGreaterThanOrEqual(4);
    }
  });

  it('下一步 leads and the judgement name what the work is, never the form’s category labels (等方面)', () => {
    // Thirty units of each kind with nothing of their own (calm leads), and thirty with the sample's
    // register and 存在问题 (leads on problems found, the judgement of high risks).
    const s = sampleSubmission(definition);
    const found = NAMES.map((name, i) => {
      const sub: Submission = {
        ...s,
        unit: { name, code: `L${i}` },
        partyOrg: `${name}党组`,
        risks: s.risks.filter((_, j) => (i + j) % 3 !== 0),
        narrative: { ...s.narrative, nextSteps: [] },
      };
      return { name, text: unitReportText(sub, definition) };
    });
    let leads = 0;
    let judgements = 0;
    for (const { text } of [...selfBatch(), ...quarterBatch(), ...found]) {
      const four = section(text, /^四、/);
      const lead = four[0];
      expect(lead, lead).not.toMatch(/^(?:（[一二三四五六]）|第[一二三四五六]，)/u);
      leads++;
      for (const c of LABELS) expect(lead).not.toMatch(new RegExp(`${c}(?:等)?方面`, 'u'));
      expect(labelsIn(lead), lead).toEqual([]);
      expect(lead).not.toMatch(/等方面|等上|等作为|等中/u);
      // The lead does not say a heading that follows it word for word.
      for (const l of four.slice(1)) {
        const heading = /^(?:（[一二三四五六]）|第[一二三四五六]，)([^。]+)。/u.exec(l)?.[1];
        if (heading) expect(lead).not.toContain(heading);
      }
      const judgement = section(text, /^一、/)
        .join('')
        .match(/[^。]*，但在[^。]*。/u)?.[0];
      if (judgement) {
        judgements++;
        expect(labelsIn(judgement), judgement).toEqual([]);
        expect(judgement.slice(judgement.indexOf('但在'))).not.toMatch(/方面/u);
      }
    }
    expect(leads).toBe(90);
    expect(judgements).toBeGreaterThan(10);
  });

  it('a quarter with no risk: no construction of 三 in more than a third; “大部分” never said of two', () => {
    const three = quarterBatch().map(({ name, text }) => ({ name, lines: section(text, /^三、/) }));
    expect(over(clauseCounts(three, 8), CLAUSE_BOUND)).toEqual([]);
    const s = sampleSubmission(definition);
    for (const handled of [0, 1])
      NAMES.forEach((name, i) => {
        const t = unitReportText(
          {
            ...s,
            unit: { name, code: `F${i}` },
            partyOrg: `${name}党组`,
            narrative: emptyNarrative(),
            risks: [],
            metrics: s.metrics.map((m) =>
              m.id === 'net.found'
                ? { ...m, current: 2 }
                : m.id === 'net.handled'
                  ? { ...m, current: handled }
                  : m,
            ),
          },
          definition,
        );
        const body = section(t, /^三、/).join('');
        expect(body, name).not.toMatch(/大部分|大多数|多数已/u);
        // None handled: not "some handled".
        if (!handled) expect(body, name).not.toMatch(/有的已|部分已|已处理完毕/u);
      });
  });

  it('parts that meet in one paragraph do not say the same thing twice (本领 … 能力, 确保 … 确保, 结合起来 twice)', () => {
    const twice = [`做好${definition.subject}工作的`, '结合起来', '思想政治工作', '党员干部的'];
    for (const reports of [selfBatch(), quarterBatch()])
      for (const { name, text } of reports)
        for (const l of [...section(text, /^二、/), ...section(text, /^四、/)]) {
          const body = bodyOf(l);
          for (const w of twice) expect(body.split(w).length - 1, `${name}: ${l}`).toBeLessThanOrEqual(1);
          for (const sentence of body.split('。'))
            expect(sentence.split('确保').length - 1, `${name}: ${l}`).toBeLessThanOrEqual(1);
        }
  });

  it('name the period’s sensitive dates as units do: not all the same four, and not in every report', () => {
    const s = sampleSubmission(definition);
    const lists = new Set(
      NAMES.map((name, i) => {
        const t = unitReportText({ ...s, unit: { name, code: `X${i}` } }, definition);
        return /(?:七一|八一|中秋|国庆)(?:、(?:七一|八一|中秋|国庆))+/u.exec(t)?.[0] ?? '';
      }),
    );
    expect(lists.size).toBeGreaterThanOrEqual(4);
    // Two or more when named; and, as in the seeds, some reports name none.
    expect(lists.has('')).toBe(true);
    for (const l of lists) if (l) expect(l.split('、').length).toBeGreaterThanOrEqual(2);
  });

  it('never say a word twice in a row (a part that begins with the word its slot ends on: 把学习学习…)', () => {
    const kinds: [Definition, Submission][] = [
      [definition, sampleSubmission(definition)],
      [partyConductDefinition(), partyConductSample(partyConductDefinition())],
    ];
    for (const [def, s] of kinds)
      NAMES.forEach((name, i) => {
        const t = unitReportText(
          { ...s, unit: { name, code: `X${i}` }, partyOrg: `${name}党组`, narrative: emptyNarrative() },
          def,
        );
        expect(t, name).not.toMatch(/(\p{Script=Han}{2,})\1/u);
      });
  });

  /** The subsections of 二 (具体工作开展情况 / 开展情况及主要做法): heading and body. */
  function workSubsections(text: string): { heading: string; body: string }[] {
    return section(text, /^二、/).map((l) => {
      const m = /^（[一二三四五六七八九十]+）([^。]*)。(.*)$/u.exec(l)!;
      return { heading: m[1], body: m[2] };
    });
  }
  /** A metric's wordings as a pattern (any of its phrases; a leading verb may be shared with the one before). */
  function wordings(def: Definition, id: string): string {
    const m = def.metrics.find((x) => x.id === id)!;
    const verbs = def.report.banks['figures.sharedVerbs'] ?? [];
    return [m.phrase, ...(m.phrases ?? [])]
      .map((p) => formatTemplate(p, { subject: def.subject, meeting: '党组会议' }))
      .map((p) => {
        const v = verbs.find((x) => p.startsWith(x));
        return v ? `(?:${v})?${p.slice(v.length)}` : p;
      })
      .join('|');
  }
  /** The work categories whose figures (a metric that leads a list, not a follower) a text says. */
  function categoriesSaid(def: Definition, text: string): string[] {
    const cats = [...new Set(def.metrics.map((m) => m.category))];
    return cats.filter((c) =>
      def.metrics.some(
        (m) => m.category === c && !m.follows && new RegExp(`(?:${wordings(def, m.id)})\\d`, 'u').test(text),
      ),
    );
  }

  it('say 其他班子成员 only after the 书记, and cite no 研判会 in a period that held none', () => {
    for (const s of [sampleSubmission(definition), sampleSelfInspection(definition)])
      for (const { name, text, sub } of batch(definition, s)) {
        const body = text.slice(0, text.indexOf('附件'));
        for (const x of body.split('。').filter((y) => y.includes('其他班子成员')))
          expect(x.slice(0, x.indexOf('其他班子成员')), `${name}: ${x}`).toMatch(/书记|主要负责同志/u);
        const held = sub.metrics.find((m) => m.id === 'org.analysisMeetings')?.current ?? 0;
        if (!held) expect(body, name).not.toContain('分析研判会议情况');
      }
  });

  it('vary the shape of 二: 3, 4 or 5 subsections, no one order of categories in more than a third', () => {
    for (const s of [sampleSubmission(definition), sampleSelfInspection(definition)]) {
      const shapes = new Map<string, number>();
      const counts = new Set<number>();
      for (const { text } of batch(definition, s)) {
        const subs = workSubsections(text);
        counts.add(subs.length);
        const shape = subs.map((x) => categoriesSaid(definition, x.body).join('+')).join('|');
        shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
      }
      const most = Math.max(...shapes.values());
      expect(most, [...shapes].join('\n')).toBeLessThanOrEqual(CLAUSE_BOUND);
      expect(counts.size, [...counts].join('、')).toBeGreaterThanOrEqual(
        s.reportKind === '季度分析研判报告' ? 3 : 2,
      );
    }
  });

  it('join two categories in some of them: the joined part says the figures of both, 一是 with its 二是', () => {
    const joins = definition.report.workJoins!;
    const titles = new Map(
      joins.flatMap((j) =>
        j.title.map((t) => [formatTemplate(t, { subject: definition.subject }), j] as const),
      ),
    );
    let joined = 0;
    for (const { name, text } of batch(definition, sampleSubmission(definition)))
      for (const { heading, body } of workSubsections(text)) {
        expect(body.includes('一是'), `${name}: ${body}`).toBe(body.includes('二是'));
        const j = titles.get(heading);
        if (!j) continue;
        joined++;
        expect(categoriesSaid(definition, body), `${name}: ${body}`).toEqual(
          expect.arrayContaining([...j.categories]),
        );
      }
    expect(joined).toBeGreaterThanOrEqual(10);
  });

  it('word a figure in more than one way: no figure’s clause (numbers masked) in more than a third of them', () => {
    const patterns = definition.metrics
      .filter((m) => !m.follows)
      .map((m) => new RegExp(`(?:${wordings(definition, m.id)})\\d`, 'u'));
    const where = new Map<string, number>();
    for (const { name, text } of batch(definition, sampleSubmission(definition))) {
      const clauses = new Set(
        workSubsections(text)
          .flatMap((x) => x.body.split(/[，；。]/u))
          .filter((c) => patterns.some((p) => p.test(c)))
          .map((c) => c.replaceAll(name, '＊').replace(/\d+(\.\d+)?/gu, '#')),
      );
      for (const c of clauses) where.set(c, (where.get(c) ?? 0) + 1);
    }
    if (process.env.CLAUSES) console.log([...where].sort((a, b) => b[1] - a[1]).slice(0, 15));
    const shared = [...where].filter(([, n]) => n > CLAUSE_BOUND).map(([c, n]) => `${n}×${c}`);
    expect(shared).toEqual([]);
    expect(where.size).toBeGreaterThan(60);
  });

  it('tell the year so far in some of them (截至第三季度，累计…), with the year’s own figures', () => {
    let tallies = 0;
    // The period's own words, as a composed paragraph may say them (本季度, 季度内, 7月以来…).
    const q3 = definition.periods.find((p) => p.name === '第三季度')!;
    const currents = [q3.currentPhrase, ...(q3.currentPhrases ?? [])]
      .filter((x): x is string => !!x)
      .map((x) => formatTemplate(x, { startMonth: 7, endMonth: 9 }).replace(/，$/u, ''));
    for (const { name, text, sub } of batch(definition, sampleSubmission(definition)))
      for (const { body } of workSubsections(text)) {
        // One footing per paragraph: a paragraph that tells the year so far says no figure of the period.
        if (/截至第三季度，|今年以来，累计/u.test(body))
          for (const c of currents)
            expect(body, `${name}: ${body}`).not.toMatch(new RegExp(`${c}，?[^。；]*\\d`, 'u'));
        for (const m of body.matchAll(/(?:截至第三季度|今年以来)，(?:累计)?([^。；]*)/gu)) {
          tallies++;
          let checked = 0;
          for (const metric of definition.metrics.filter((x) => x.unit === '次' && !x.follows)) {
            const said = new RegExp(`(?:${wordings(definition, metric.id)})(\\d+)次`, 'u').exec(m[1]);
            if (!said) continue;
            checked++;
            const v = sub.metrics.find((x) => x.id === metric.id)!;
            expect(Number(said[1]), `${name}: ${m[0]}`).toBe(v.ytd);
            expect(v.ytd!, `${name}: ${m[0]}`).toBeGreaterThan(v.current!);
          }
          expect(checked, `${name}: ${m[0]}`).toBeGreaterThan(0);
        }
      }
    expect(tallies).toBeGreaterThanOrEqual(5);
    expect(tallies).toBeLessThanOrEqual(25);
  });

  it('still say each figure once in a report, however it is worded', () => {
    for (const [def, s] of [
      [definition, sampleSubmission(definition)],
      [definition, sampleSelfInspection(definition)],
      [partyConductDefinition(), partyConductSample(partyConductDefinition())],
    ] as const)
      for (const { name, text } of batch(def, s)) {
        const body = text.split('\n附件')[0];
        for (const m of def.metrics) {
          if (m.follows) continue;
          const n = body.match(new RegExp(`(?:${wordings(def, m.id)})\\d`, 'gu'))?.length ?? 0;
          expect(n, `${name} ${m.id}`).toBeLessThanOrEqual(1);
        }
      }
  });

  it('a definition without the new data (党风廉政建设) says its figures one category a subsection', () => {
    const def = partyConductDefinition();
    expect(def.report.workJoins).toBeUndefined();
    for (const { text } of batch(def, partyConductSample(def))) {
      const subs = workSubsections(text);
      for (const x of subs) {
        expect(categoriesSaid(def, x.body).length).toBeLessThanOrEqual(1);
        expect(x.body).not.toMatch(/一是|二是/u);
      }
      expect(text).not.toMatch(/[{}]|undefined/u);
    }
  });

  it('the same holds for the second kind (党风廉政建设), from its own banks', () => {
    const def = partyConductDefinition();
    expect(commonFrames(def, partyConductSample(def))).toEqual([]);
  });
});

describe('the words are the definition’s data', () => {
  it('a sentence changed in a copy of the definition file changes the report, with no code', () => {
    const s = sampleSubmission(definition);
    const r = s.risks.find((x) => x.level === '中')!;
    const one: Submission = { ...s, risks: [{ ...r, status: '整改中', overdue: false }] };
    const edited = editedDefinition((d) => {
      const banks = (d.report as { banks: Record<string, string[]> }).banks;
      banks['status.one.inProgress'] = ['现正按计划整改'];
      banks['count.foundOneIn'] = ['本季度排查出风险隐患1条，在{category}方面。'];
    });
    const before = unitReportText(one, definition);
    const after = unitReportText(one, edited);
    const said = definition.report.banks['status.one.inProgress'].join('|');
    expect(before).toMatch(new RegExp(`属[^。]+方面，(${said})。`));
    expect(after).toMatch(/本季度排查出风险隐患1条，在[^。]+方面，现正按计划整改。/);
    expect(after).not.toMatch(new RegExp(`方面，(${said})。`));
  });

  it('only “other” problems: the count formula without a breakdown', () => {
    const s = sampleSubmission(definition);
    const other = s.risks.map((r) => ({ ...r, category: '其他' }));
    const t = unitReportText({ ...s, risks: other, narrative: emptyNarrative() }, definition);
    // The count, then (joined or not, as the unit's seed has it) how far they are dealt with.
    expect(t).toMatch(new RegExp(`经梳理排查，共分析研判意识形态工作风险隐患${other.length}条[。，]`));
    expect(t).not.toMatch(/其中，其他方面|其中，\d条/);
  });
});

// The reader's points on 三 and the status line: each test fails without its fix, whatever the seed.
describe('risks told as a writer tells them', () => {
  const s = sampleSubmission(definition);
  const base = s.risks[0];
  const units = (n: number) => Array.from({ length: n }, (_, i) => ({ name: '市交通运输局', code: `R${i}` }));
  const itemOf = (t: string) => section(t, /^三、/).join('');

  it('a risk dealt with: what was done, then rectified, once; the measure not said twice', () => {
    const cases = [
      {
        measures: '建立宣传阵地台账，明确运营单位维护责任，每月巡查一次',
        progress: '已完成全部站点内容更新，建立月度巡查台账',
      },
      {
        measures: '督促客运站运营企业建立播放内容审核登记制度，每月抽查一次',
        progress: '已责令整改，审核登记台账建立后通过复查',
      },
    ];
    for (const c of cases)
      for (const unit of units(12)) {
        const r = {
          ...base,
          measures: c.measures,
          status: '已整改',
          overdue: false,
          values: { ...base.values, progress: c.progress },
        };
        const item = itemOf(
          unitReportText({ ...s, unit, risks: [r], narrative: emptyNarrative() }, definition),
        );
        expect(item).toContain(c.progress);
        expect(item.match(/整改到位|得到整改/g)).toHaveLength(1);
        expect(item.search(/整改到位|得到整改/)).toBeGreaterThan(item.indexOf(c.progress));
        // "建立…台账" once: the progress says the measure again, so it alone tells what was done.
        expect(item.match(/建立[^，。；]*台账/g)?.length ?? 0).toBeLessThanOrEqual(1);
      }
  });

  it('cause first explains the problem (由于{cause}，{problem}), never the inspection (…导致抽查…)', () => {
    const r = {
      ...base,
      description: '部分基层人大代表联络站宣传栏内容更新不及时',
      detail: '抽查的18个联络站中有5个站的宣传栏仍为去年内容',
      values: { ...base.values, cause: '联络站由乡镇兼职人员管理，日常维护缺乏经费和专人保障' },
    };
    let first = 0;
    for (const unit of units(30)) {
      const item = itemOf(
        unitReportText({ ...s, unit, risks: [r], narrative: emptyNarrative() }, definition),
      );
      expect(item).not.toMatch(/导致/);
      expect(item).not.toContain(`${r.values.cause}，抽查`);
      if (item.includes(`由于${r.values.cause}`)) {
        first++;
        expect(item).toContain(`由于${r.values.cause}，${r.description}`);
      }
    }
    expect(first).toBeGreaterThan(0);
  });

  it('shapes vary: some risks have no connector sentence, some are one sentence; every fact kept', () => {
    const r = {
      ...base,
      level: '低',
      description: '基层站点宣传栏内容陈旧',
      detail: '部分站点宣传栏多年未更换',
      values: { ...base.values, cause: '站点分散偏远，日常检查覆盖不到', progress: '' },
    };
    const connectors = /突出表现在|主要表现为|具体表现为|分析原因|问题的根源在于|究其原因/u;
    let bare = 0;
    let one = 0;
    for (const unit of units(30)) {
      const item = itemOf(
        unitReportText({ ...s, unit, risks: [r], narrative: emptyNarrative() }, definition),
      );
      for (const x of [r.description, r.detail, r.values.cause]) expect(item).toContain(x);
      if (!connectors.test(item)) bare++;
      const body = item.replace(/^（一）[^。]+。/u, '');
      if ((body.match(/。/g) ?? []).length === 1) one++;
    }
    expect(bare).toBeGreaterThanOrEqual(5);
    expect(one).toBeGreaterThanOrEqual(3);
  });

  it('a late risk: 一 says it is late in a word, with no date, name or reason; 三 tells it with its deadline', () => {
    const cause = '联络站由乡镇兼职人员管理，日常维护缺乏经费和专人保障';
    const late = {
      ...base,
      description: '个别基层人大代表联络站宣传栏内容更新不及时',
      status: '整改中',
      overdue: true,
      deadline: '2023-09-30',
      values: { ...base.values, cause, progress: '目前3个站点已更新，其余2个站点正在制作' },
    };
    const open = {
      ...s.risks[3],
      status: '未整改',
      overdue: true,
      deadline: '2023-09-30',
      values: { ...s.risks[3].values, cause: '青年干部学习主动性不强', progress: '' },
    };
    for (const unit of units(12)) {
      const t = unitReportText({ ...s, unit, risks: [late, open], narrative: emptyNarrative() }, definition);
      const overall = section(t, /^一、/).join('');
      // Counted by state, in words that fit a late risk (late, not "按计划", not "待启动实施").
      expect(overall).toMatch(/1条(正在整改，但已超过整改时限|整改进度滞后，已超过原定时限)/);
      expect(overall).toMatch(/1条(至今)?尚未启动整改/);
      expect(overall).not.toMatch(/按计划|待启动|已明确整改措施|未能按期|2023年/);
      // No description as a subject, no cause given as the reason for a delay.
      expect(overall).not.toContain('宣传栏内容更新不及时');
      expect(overall).not.toContain('青年干部对党史国情了解不够深入');
      expect(overall).not.toContain(cause);
      expect(overall).not.toMatch(/因[^。]*未能/);
      // 三 tells each lateness once, with its deadline; the progress once.
      const three = section(t, /^三、/).join('');
      expect(three.match(/2023年9月30日/g)).toHaveLength(2);
      expect(t.split('3个站点已更新').length - 1).toBe(1);
      expect(three).not.toMatch(/目前，?目前/);
      // The words around the progress do not say its 目前/正在 again ("其余…正在制作，正在加快推进").
      const told = three.split('。').find((x) => x.includes('3个站点已更新'))!;
      for (const w of definition.report.banks['progress.once'])
        expect(told.split(w).length - 1).toBeLessThanOrEqual(1);
      const body = t.slice(0, t.indexOf('附件'));
      expect(body.match(/2023年9月30日/g)).toHaveLength(2);
    }
  });

  it('a shortfall’s cause fits its heading (one of the heading’s keywords, not a word of its own)', () => {
    const cats = definition.report.categories;
    let checked = 0;
    for (const unit of units(30)) {
      const t = unitReportText(
        { ...s, unit, risks: [], narrative: { ...s.narrative, problems: [], nextSteps: [] } },
        paragraphShape,
      );
      const m = /：一是([^；。]+)[；。]二是([^。]+)。/u.exec(section(t, /^三、/)[0])!;
      for (const x of [m[1], m[2]]) {
        const [heading, ...rest] = x.split('，');
        const cause = rest.join('，');
        const raw = Object.values(cats)
          .flatMap((c) => Object.entries(c.problemKeywords ?? {}))
          .find(([h]) => h.replaceAll('{subject}', definition.subject) === heading);
        if (!raw) continue;
        checked++;
        const own = raw[1].filter((k) => !heading.includes(k));
        expect(
          own.some((k) => cause.includes(k)),
          x,
        ).toBe(true);
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('an “other” risk has a numbered place; a 存在问题 row that repeats a register risk is told once', () => {
    const risk = {
      ...base,
      category: '其他',
      description: '分包单位拖欠农民工工资，存在引发集体讨薪和网上炒作的风险',
      detail: '一处安置房项目分包单位延迟发放两个月工资，部分农民工在短视频平台发布讨薪视频',
      values: { ...base.values, cause: '总包单位对分包单位用工和工资发放监管不到位，工程款拨付进度滞后' },
    };
    const own = {
      category: '其他',
      title: '欠薪隐患排查还不够彻底',
      body: '部分分包单位用工管理不规范，工资发放存在拖延，容易引发农民工集体讨薪。',
    };
    const theory = {
      category: '理论武装',
      title: '工地理论学习覆盖面不够',
      body: '分包单位人员难以纳入集中学习。',
    };
    for (const unit of units(8)) {
      const t = unitReportText(
        { ...s, unit, risks: [risk], narrative: { ...emptyNarrative(), problems: [own, theory] } },
        definition,
      );
      expect(t).toContain('共分析研判意识形态工作风险隐患2条');
      const three = section(t, /^三、/);
      expect(three.some((l) => /^（二）其他方面。欠薪隐患排查还不够彻底。/u.test(l))).toBe(true);
      expect(three.join('')).not.toMatch(/(另外|此外)，/);
      expect(three.join('').split('拖欠农民工工资').length - 1).toBe(1);
    }
  });

  it('as seed 000 writes it: where it looked and that it found no risk, then 三 by category (一是…二是… where two)', () => {
    const byCategory = editedDefinition((d) => {
      (d.report as { banks: Record<string, string[]> }).banks['risks.byCategory'] = ['yes'];
    });
    const looked = definition.report.banks['rn.a'].map((v) => clause(formatTemplate(v, {})));
    let two = 0;
    for (const unit of units(20)) {
      const t = unitReportText(
        { ...s, unit, risks: [], narrative: { ...s.narrative, problems: [], nextSteps: [] } },
        byCategory,
      );
      const [lead, ...parts] = section(t, /^三、/);
      // Where it looked (its line of work's words, else the definition's), then the categories.
      const own = lineOfWork(unit.name, definition)?.banks['rn.a'].map((v) => clause(formatTemplate(v, {})));
      expect(
        (own ?? looked).some((v) => lead.startsWith(v)),
        lead,
      ).toBe(true);
      expect([2, 3]).toContain(parts.length);
      const cats = parts.map((l) => /^（[一二三]）(.+?)方面。/u.exec(l)?.[1]);
      expect(cats.every(Boolean), parts.join('\n')).toBe(true);
      // The lead says the check turned up no risk; the categories then are what falls short, no more.
      expect(parts.join('')).not.toMatch(/未发现|不属于|未形成|不构成/u);
      for (const l of parts) {
        const m = /一是([^，]+)，.+。二是([^，]+)，.+。$/u.exec(l);
        if (m) {
          two++;
          expect(m[1]).not.toBe(m[2]);
        }
      }
    }
    expect(two).toBeGreaterThan(3);
  });

  it('the shortfalls’ lead does not repeat what the sentence before it said', () => {
    const edited = editedDefinition((d) => {
      const banks = (d.report as { banks: Record<string, string[]> }).banks;
      // (the none-sentence's closing part, whether the period found something or nothing)
      banks['rn.b'] = ['对照上级要求，在思想引领的针对性等方面仍需持续用力'];
      banks['fn.b'] = ['对照上级要求，在思想引领的针对性等方面仍需持续用力'];
      // (the frames that end on that part; the definition also has frames without it)
      banks['risks.none'] = ['{@rn.a}，{@rn.none}，但{@rn.b}。'];
      banks['found.none'] = ['{@fn.a}，{@fn.c}，{@fn.d}，但{@fn.b}。'];
      banks['found.nonePending'] = ['{@fn.a}，{@fn.e}，{@fn.d}，但{@fn.b}。'];
      banks['risks.shortfalls'] = [
        '对照上级要求，自查发现以下不足：{list}。',
        '从自查情况看，还有以下不足：{list}。',
      ];
      banks['risks.byCategory'] = ['no'];
    });
    for (const unit of units(20)) {
      const t = unitReportText(
        { ...s, unit, risks: [], narrative: { ...s.narrative, problems: [], nextSteps: [] } },
        edited,
      );
      const p = section(t, /^三、/)[0];
      expect(p.split('对照上级要求').length - 1).toBe(1);
    }
  });
});

// The reader's second round on how the register's state is told (verdict items 1-5, 11, 12): each test
// fails without its fix, whatever the unit's seed.
describe('the register’s state in prose', () => {
  const s = sampleSubmission(definition);
  const base = { ...s.risks[0], overdue: false };
  const units = (n: number) => Array.from({ length: n }, (_, i) => ({ name: '市商务局', code: `S${i}` }));
  const own = {
    ...emptyNarrative(),
    problems: [{ category: '理论武装', title: '理论学习深度不够', body: '个别干部学习停留在读原文。' }],
  };
  const overallOf = (t: string) => section(t, /^一、/).join('');

  it('one register risk beside the unit’s own problems: a short name as a noun, else counted, never “一项”', () => {
    const long = {
      ...base,
      description: '新时代文明实践站讲座、展板内容审核把关不严',
      status: '整改中',
    };
    const potential = {
      ...base,
      description: '秋粮收购期间可能出现涉及收购价格、质量标准的不实信息',
      status: '未整改',
      deadline: '2023-12-31',
    };
    const short = { ...base, description: '网评员队伍年龄结构偏大', status: '整改中' };
    for (const unit of units(12)) {
      for (const r of [long, potential]) {
        const o = overallOf(unitReportText({ ...s, unit, risks: [r], narrative: own }, definition));
        expect(o).not.toContain(r.description.slice(0, 10));
        expect(o).toMatch(/台账[^。]*1条|1条[^。]*台账/);
        expect(o).not.toMatch(/一项|完成|计划于/);
      }
      const o = overallOf(unitReportText({ ...s, unit, risks: [short], narrative: own }, definition));
      expect(o).toContain('网评员队伍年龄结构偏大的问题已列入');
      expect(o).not.toMatch(/一项/);
    }
  });

  it('states counted in one line: a state after one that counts within itself (其中…) is set apart (；另有…)', () => {
    const r = (status: string, overdue: boolean, i: number) => ({
      ...base,
      id: `FX-${i}`,
      description: `第${i}条风险的描述内容`,
      status,
      overdue,
      deadline: overdue ? '2023-09-30' : '2023-12-31',
    });
    const risks = [r('已整改', false, 1), r('整改中', true, 2), r('整改中', false, 3), r('未整改', false, 4)];
    for (const unit of units(6)) {
      const overall = overallOf(
        unitReportText({ ...s, unit, risks, narrative: emptyNarrative() }, definition),
      );
      expect(overall).toMatch(/2条[^，。；]*整改[^。；]*其中1条[^。；]*；另有1条/u);
    }
  });

  it('a single late risk: 一 says it is late in a word, 三 its lateness with its deadline, 四 refers to it', () => {
    const late = {
      ...base,
      description: '商贸企业户外电子屏播放内容缺乏有效监管',
      measures: '督促企业建立播放内容审核制度',
      status: '整改中',
      overdue: true,
      deadline: '2023-09-30',
      values: { ...base.values, progress: '主城区大型商场已排查完毕' },
    };
    for (const unit of units(12)) {
      const t = unitReportText({ ...s, unit, risks: [late], narrative: emptyNarrative() }, definition);
      const overall = overallOf(t);
      expect(overall).toMatch(/超过(原定)?(整改)?时限/);
      expect(overall).not.toMatch(/未能按期|2023年9月30日|加快推进|加紧推进|一项/);
      expect(overall).not.toContain('主城区大型商场已排查完毕');
      const three = section(t, /^三、/).join('');
      expect(three.match(/2023年9月30日/g)).toHaveLength(1);
      expect(three).toContain('主城区大型商场已排查完毕');
      const four = section(t, /^四、/).join('');
      expect(four).toContain('督促企业建立播放内容审核制度');
      expect(four).toMatch(/督办|销号/);
      expect(four).not.toMatch(/其中|已逾期|超过整改时限|2023年9月30日/);
    }
  });

  it('deadlines as writers say them: 年底前, 明年一季度末前; other dates as dates', () => {
    const step = (m: string, deadline: string) => ({
      ...base,
      measures: m,
      status: '整改中',
      deadline,
    });
    const risks = [
      step('建立宣传阵地月检制度', '2023-12-31'),
      step('开展网评员专题培训', '2024-03-31'),
      step('修订信息发布审核办法', '2023-11-30'),
    ].map((r, i) => ({ ...r, category: ['阵地管理', '队伍建设', '网络意识形态'][i] }));
    for (const unit of units(12)) {
      const t = unitReportText({ ...s, unit, risks, narrative: emptyNarrative() }, definition);
      const four = section(t, /^四、/).join('');
      expect(four).toMatch(/建立宣传阵地月检制度[^。]*年底前/);
      expect(four).toMatch(/开展网评员专题培训[^。]*(明年|2024年)一季度末前/);
      expect(four).toContain('2023年11月30日前');
      expect(t.slice(0, t.indexOf('附件'))).not.toMatch(/2023年12月31日|2024年3月31日/);
    }
  });
});

describe('a unit speaks of its own work: its line of work and what its figures show', () => {
  const s = sampleSubmission(definition);
  const bare = (name: string, code: string, metrics = s.metrics): Submission => ({
    ...s,
    unit: { name, code },
    partyOrg: '局党组',
    metrics,
    risks: [],
    narrative: emptyNarrative(),
  });
  const filled = (bank: readonly string[], vars: Record<string, string>) =>
    bank.map((v) => clause(formatTemplate(v, { subject: definition.subject, ...vars })));

  it('an 教育局 with figures only speaks in its line of work’s words; a unit of no listed line does not', () => {
    const edu = definition.report.fields!.find((f) => f.word === '教育')!;
    const t = unitReportText(bare('市教育局', 'JY01'), definition);
    // Where it looked (三) is said in the field's words, and {field} is its word.
    expect(section(t, /^三、/).join('')).toMatch(new RegExp(edu.banks['rn.a'].map(clause).join('|')));
    expect(voiceOf(bare('区教育局', 'JY02'), definition).field).toBe('教育');
    // A unit the table does not place keeps the definition's own banks.
    const other = unitReportText(bare('市统计局', 'TJ01'), definition);
    for (const v of Object.values(edu.banks)
      .flat()
      .filter((x) => !x.includes('{@')))
      expect(other).not.toContain(clause(formatTemplate(v, { subject: definition.subject })));
  });

  it('every line of work is reached by its first name word, and its 三 says where it looked in its words', () => {
    for (const [i, f] of definition.report.fields!.entries()) {
      const name = `市${f.match[0]}`;
      expect(lineOfWork(name, definition)?.word, name).toBe(f.word);
      const three = section(unitReportText(bare(name, `L${i}`), definition), /^三、/).join('');
      const looked = f.banks['rn.a'].map((v) => clause(formatTemplate(v, { subject: definition.subject })));
      expect(
        looked.some((v) => three.includes(v)),
        `${name}: ${three}`,
      ).toBe(true);
    }
  });

  it('a school speaks of 教职工 and 部门, never 干部职工 or 科室, in every composed phrase', () => {
    let staff = 0;
    for (const [i, name] of ['市第一中学', '市实验小学', '市职业技术学院', '区第二幼儿园'].entries()) {
      for (const sub of [
        bare(name, `S${i}`),
        { ...sampleSelfInspection(definition), ...bare(name, `H${i}`) },
      ]) {
        const t = unitReportText({ ...sub, partyOrg: '校党委' }, definition);
        const body = t.slice(0, t.indexOf('附件：'));
        expect(body, name).not.toMatch(/干部职工|科室/u);
        if (body.includes('教职工')) staff++;
      }
    }
    expect(staff).toBeGreaterThanOrEqual(4);
    // Words of one line of work are not said by another's units.
    const other = unitReportText(bare('市统计局', 'T1'), definition);
    expect(other).not.toMatch(/教职工/u);
  });

  it('a line of work is checked: its phrases name banks that exist; a name word places a unit once', () => {
    expect(() =>
      editedDefinition((d) => {
        d.report.fields![0].banks['rn.a'] = ['{@no.such}排查'];
      }),
    ).toThrow(/no\.such/);
    expect(() =>
      editedDefinition((d) => {
        d.report.fields!.push({ match: ['教育'], word: '教学', banks: {} });
      }),
    ).toThrow(/教育/);
  });

  it('a shortfall its figures show comes first (专项督查 none this year), answered by its own step', () => {
    const gap = definition.report.gaps!.find((g) => g.metric === 'org.inspections')!;
    const none = s.metrics.map((m) => (m.id === 'org.inspections' ? { ...m, current: 0, ytd: 0 } : m));
    for (const [i, name] of ['市统计局', '市审计局', '市信访局', '市档案局'].entries()) {
      const t = unitReportText(bare(name, `G${i}`, none), definition);
      const three = section(t, /^三、/).join('');
      expect(three).toMatch(new RegExp(filled(gap.says, {}).join('|')));
      expect(three).toMatch(new RegExp(filled(gap.title, {}).join('|')));
      const four = section(t, /^四、/).join('');
      expect(four).toMatch(new RegExp(filled(gap.next!, { meeting: '党组会议', body: '局党组' }).join('|')));
    }
    // A blank figure shows nothing; nor does a year that held one.
    for (const v of [null, 1]) {
      const m = s.metrics.map((x) => (x.id === 'org.inspections' ? { ...x, current: 0, ytd: v } : x));
      const t = unitReportText(bare('市统计局', 'G0', m), definition);
      expect(t).not.toMatch(new RegExp(filled(gap.says, {}).join('|')));
    }
  });

  it('what the work achieved is not claimed where the figures show a gap (中心组 not held: no “理论功底更加扎实”)', () => {
    const none = s.metrics.map((m) =>
      m.id === 'theory.centralGroup' ? { ...m, current: 0, ytd: m.ytd } : m,
    );
    const claims = definition.report.banks['wb.理论武装.c'].map((v) => formatTemplate(v, {}));
    // Half the bodies say what was achieved ({@wb.理论武装.c}); none may be chosen here.
    const edited = editedDefinition((d) => {
      d.report.categories['理论武装'].workBody = [
        '{@wb.理论武装.a}。{@wb.理论武装.how}，{figures}。',
        '{@wb.理论武装.a}。{@wb.理论武装.how}，{figures}。{@wx.lead}{@wb.理论武装.c}。',
      ];
    });
    for (let i = 0; i < 12; i++) {
      const name = ['市统计局', '市审计局', '市信访局', '市档案局', '市税务局', '市气象局'][i % 6];
      const t = unitReportText(bare(name, `C${i}`, none), edited);
      const two = section(t, /^二、/).join('');
      for (const c of claims) expect(two, name).not.toContain(c);
      expect(section(t, /^三、/).join(''), name).toMatch(/中心组集体学习没有按计划开展/u);
    }
  });

  it('a self-inspection that found nothing names the gap as a titled problem, in the exact words', () => {
    const h1 = sampleSelfInspection(definition);
    const metrics = h1.metrics.map((m) => (m.id === 'team.training' ? { ...m, current: 0, ytd: 0 } : m));
    const t = unitReportText({ ...h1, metrics, risks: [], narrative: emptyNarrative() }, definition);
    const gap = definition.report.gaps!.find((g) => g.metric === 'team.training')!;
    const problems = section(t, /^三、存在/).join('\n');
    const title = filled(gap.title, {}).find((x) => problems.includes(`${x}。`));
    expect(title).toBeDefined();
    expect(problems).toMatch(new RegExp(`${title}。[^\\n]*(${filled(gap.says, {}).join('|')})`));
  });

  it('a county unit that names no superior is led by the 县委 (its name’s place), not the 市委', () => {
    const h1 = sampleSelfInspection(definition);
    const say = (name: string, superiorOrg: string | null) =>
      unitReportText(
        { ...h1, unit: { name, code: name }, info: { superiorOrg }, narrative: emptyNarrative() },
        definition,
      ).split('\n')[1];
    expect(say('县水利局', null)).toMatch(/在县委的/u);
    expect(say('区司法局', null)).toMatch(/在区委的/u);
    expect(say('县水利局', '县委')).toMatch(/在县委的/u);
    expect(say('县水利局', '市水利局党组')).toMatch(/在市水利局党组的/u);
    expect(say('县水利局', null)).not.toMatch(/市委/u);
  });

  it('a gap is checked: its metric exists, and it says when (atMost or below, not both)', () => {
    expect(() =>
      editedDefinition((d) => {
        d.report.gaps![0].metric = 'org.nothing';
      }),
    ).toThrow(/org\.nothing/);
    expect(() =>
      editedDefinition((d) => {
        d.report.gaps![0].below = { metric: 'org.partyMeetings', times: 1 };
      }),
    ).toThrow(/atMost/);
  });
});
