// The consolidated summary report (seed 001's spirit): the judgement from the data, totals once, units
// named with their own practices and grouped when they share one, standout figures only, problems across
// units without register ids, suggestions from the problems, missing units named, no hollow headings.
import { describe, expect, it } from 'vitest';
import {
  practicesOf,
  summaryReportDocx,
  summaryReportText,
  summaryTitle,
  unitProblemsOf,
  type EarlierReport,
  type EarlierRisks,
  type SummaryInput,
} from '../templates/src/report/index';
import { definition } from '../templates/src/standard/ideology';
import { sampleSubmission } from '../templates/src/samples/submission';
import { sampleSummaryInput } from '../templates/src/samples/summary';
import { editedDefinition } from './helpers/definitions';
import { repeatedRuns } from '../templates/src/report/prose';
import type { Risk } from '../templates/src/standard/schema';
import { Aggregator } from '../importer/src/import/aggregate';
import { toSummaryInput } from '../importer/src/import/summary';
import { partyConductDefinition } from './helpers/party-conduct-sample';

const units = (n: number, prefix = '单位') => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

/** The cause sentence of a problem paragraph: its formula (of the bank) and the cause it says; null if none. */
function causeSaid(
  line: string,
  def: { report: { banks: Record<string, readonly string[] | undefined> } } = definition,
): { formula: string; cause: string } | null {
  const esc = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const sentence of line.split(/(?<=。)/))
    for (const formula of def.report.banks['summary.cause'] ?? []) {
      const [a, b] = formula.split('{cause}').map(esc);
      const m = new RegExp(`^${a}([^。]+?)${b}$`, 'u').exec(sentence);
      if (m) return { formula, cause: m[1] };
    }
  return null;
}

function input(over: Partial<SummaryInput> = {}): SummaryInput {
  return {
    issuer: '市直机关工委',
    year: 2023,
    period: '第三季度',
    reportKind: '季度分析研判报告',
    date: '2023-10-20',
    units: {
      expected: 40,
      submitted: 39,
      onTime: 37,
      withWarnings: 4,
      withErrors: 2,
      missing: [{ code: 'SZ011', name: '市档案馆' }],
    },
    metricTotals: [
      {
        id: 'front.activities',
        total: 2300,
        units: 36,
        top: [
          { unit: '市妇联', value: 1754 },
          { unit: '市文联', value: 40 },
        ],
      },
      { id: 'front.reach', total: 150000, units: 36, top: [{ unit: '市妇联', value: 98600 }] },
      { id: 'front.posts', total: 21800, units: 38, top: [{ unit: '市委网信办', value: 13260 }] },
      { id: 'theory.centralGroup', total: 120, units: 39, top: [{ unit: '市教育局', value: 6 }] },
      {
        id: 'team.corrections',
        total: 3,
        units: 2,
        top: [
          { unit: '市总工会', value: 2 },
          { unit: '市科协', value: 1 },
        ],
      },
    ],
    riskCounts: [
      { category: '组织领导', level: '中', count: 6 },
      { category: '网络意识形态', level: '高', count: 2 },
    ],
    commonProblems: [
      { category: '组织领导', units: 5, examples: ['责任清单未细化到岗位', '专题研究流于形式'] },
    ],
    highRisks: [
      {
        unit: '市交通运输局',
        id: 'FX-2023-02',
        category: '网络意识形态',
        description: '政务新媒体账号管理存在薄弱环节',
        level: '高',
        overdue: false,
      },
      {
        unit: '市文联',
        id: 'FX-2023-01',
        category: '网络意识形态',
        description: '个别干部网络言行不够谨慎',
        level: '高',
        overdue: true,
      },
    ],
    overdueRisks: [
      {
        unit: '市文联',
        id: 'FX-2023-01',
        category: '网络意识形态',
        description: '个别干部网络言行不够谨慎',
        level: '高',
        overdue: true,
      },
    ],
    practices: [
      {
        unit: '市妇联',
        category: '阵地建设',
        text: '我会组织开展“巾帼大宣讲”活动，把党的创新理论送进社区和家庭。',
      },
      {
        unit: '市科技局',
        category: '理论武装',
        text: '局党组严格落实“第一议题”制度，会前集中学习总书记最新讲话。',
      },
      {
        unit: '市委编办',
        category: '理论武装',
        text: '坚持“第一议题”制度，学习后结合机构改革任务研讨交流。',
      },
      {
        unit: '市文联',
        category: '理论武装',
        text: '把“第一议题”学习与文艺创作结合起来，组织文艺工作者交流心得。',
      },
      {
        unit: '市委网信办',
        category: '网络意识形态',
        text: '打造“1＋3＋9”网络文明品牌，强化“网信发布”阵地建设。',
      },
    ],
    unitProblems: [
      { unit: '市残联', category: '队伍建设', text: '意识形态工作力量不足，信息员均为兼职' },
      { unit: '市科协', category: '队伍建设', text: '专职宣传干部偏少，业务培训跟不上' },
    ],
    ...over,
  };
}

describe('summary report', () => {
  const text = summaryReportText(input(), definition);
  const lines = text.split('\n');

  it('title and outline from the definition', () => {
    expect(lines[0]).toBe('关于2023年第三季度意识形态工作分析研判情况的汇总报告');
    expect(summaryTitle(input(), definition)).toBe(lines[0]);
    // A round of self-inspections is summarised as such.
    expect(summaryTitle({ ...input(), reportKind: '半年自查报告', period: '上半年' }, definition)).toBe(
      '关于2023年上半年意识形态工作责任制落实情况自查的汇总报告',
    );
    expect(lines.filter((l) => /^[一二三四五]、/.test(l))).toEqual([
      '一、总体情况',
      '二、工作开展情况',
      '三、存在问题',
      '四、意见建议',
    ]);
  });

  it('opens with an overall judgement drawn from the data', () => {
    expect(lines[1]).toMatch(/总的来说，.+现将有关情况报告如下：$/);
    // Nearly all submitted, few errors, two high risks of 39 units: the positive judgement.
    expect(
      definition.report.banks['summary.judgement.good'].some((j) =>
        lines[1].includes(j.replaceAll('{subject}', definition.subject).slice(0, 12)),
      ),
    ).toBe(true);
    const weak = summaryReportText(
      input({ units: { ...input().units, submitted: 25, withErrors: 8 } }),
      definition,
    );
    expect(
      definition.report.banks['summary.judgement.mixed'].some((j) =>
        weak.includes(j.replaceAll('{subject}', definition.subject).slice(0, 12)),
      ),
    ).toBe(true);
  });

  it('says how many units’ data are left out because of errors, and names the missing unit', () => {
    expect(text).toContain(
      '经审核，37家单位报送材料符合要求；2家单位报送材料存在错误，已退回修改，数据暂未纳入本次汇总。市档案馆未报送。',
    );
    expect(text).not.toContain('附件');
  });

  it('prints each total once, in its theme, and names a unit’s figure only where it stands out', () => {
    expect(text.match(/2300场/g)).toHaveLength(1);
    expect(text.match(/2\.1万余篇/g)).toHaveLength(1);
    // 市妇联's 1754场 is far above the others (≈16 each); 市总工会's 2人 of 3 is not worth a sentence.
    // The figure inside the unit's own sentence on the practice, with the figure that follows it (seed
    // 001: "…“巾帼大宣讲”“双千”活动1754场，近10万名妇女受益").
    expect(text).toContain(
      '市妇联组织开展“巾帼大宣讲”活动1754场，覆盖近10万人次，把党的创新理论送进社区和家庭。',
    );
    expect(text).not.toContain('市总工会');
    expect(text).not.toMatch(/\d人、/);
  });

  it('a standout unit with no words of its own is named with its figure, unranked; a figure that is the whole total is not repeated', () => {
    const noWords = input({ practices: [] });
    const t = summaryReportText(noWords, definition);
    // 1754 of 2300: named once, in a phrase from the definition's bank (no share that would make the total
    // look like one unit's, no praise a count cannot support, no ranking).
    expect(t.match(/1754场/g)).toHaveLength(1);
    expect(t).toMatch(
      /(其中，市妇联开展宣传教育活动1754场，覆盖近10万人次|市妇联本季度开展宣传教育活动1754场，覆盖近10万人次)。/,
    );
    // The figure speaks for itself: no ranking a real summary never uses.
    expect(t).not.toMatch(/首位|最多|第一名|排名/);
    expect(t).not.toMatch(/示范带动|走在前列/);
    expect(t).not.toContain('76.3%');
    expect(t).not.toMatch(/市妇联开展宣传教育活动1754场。/);
    // One unit did all 14: the total says it; the unit is not given the same figure again.
    const alone = input({
      metricTotals: [
        ...input().metricTotals,
        {
          id: 'org.inspections',
          total: 14,
          units: 30,
          top: [{ unit: '市粮食和物资储备局', value: 14 }],
        },
      ],
      practices: [
        {
          unit: '市粮食和物资储备局',
          category: '组织领导',
          text: '局党组与各科室、直属粮库逐级签订责任书，将责任落实情况与年度考核挂钩。',
        },
      ],
    });
    const a = summaryReportText(alone, definition);
    expect(a.match(/14次/g)).toHaveLength(1);
    expect(a).toContain(
      '市粮食和物资储备局党组与各科室、直属粮库逐级签订责任书，将责任落实情况与年度考核挂钩。',
    );
  });

  it('a standout figure joins the unit’s own sentence on that practice, from any category', () => {
    // Written under 其他, it speaks of activities (a metric keyword): the figure goes inside it, in 阵地建设,
    // and the sentence is not said again under 此外.
    const t = summaryReportText(
      input({
        practices: [
          {
            unit: '市妇联',
            category: '其他',
            text: '我会在全市村（社区）开展“巾帼大宣讲”“双千”活动，把党的创新理论送进千家万户。',
          },
        ],
      }),
      definition,
    );
    expect(t).toContain(
      '市妇联在全市村（社区）开展“巾帼大宣讲”“双千”活动1754场，覆盖近10万人次，把党的创新理论送进千家万户。',
    );
    expect(t.match(/千家万户/g)).toHaveLength(1);
    expect(t).not.toContain('此外');
    // Its own words on something else: the figure follows them as a further fact (the unit named once).
    const o = summaryReportText(
      input({
        practices: [
          {
            unit: '市妇联',
            category: '阵地建设',
            text: '在全市村（社区）建立“知心大姐”工作站，开展走访排查。',
          },
        ],
      }),
      definition,
    );
    expect(o).toContain(
      '市妇联在全市村（社区）建立“知心大姐”工作站，开展走访排查，本季度还开展宣传教育活动1754场，覆盖近10万人次。',
    );
    const para = o.split('\n').find((l) => l.includes('1754'))!;
    expect(para.match(/市妇联/g)).toHaveLength(1);
  });

  it('what units did under 其他 joins the subsection it fits, never a paragraph without a heading', () => {
    const t = summaryReportText(
      input({
        practices: [
          {
            unit: '市妇联',
            category: '其他',
            text: '在全市村（社区）建立“知心大姐”工作站，聚焦留守、流动妇女儿童开展走访排查。',
          },
        ],
      }),
      definition,
    );
    const two = t.split('\n');
    const from = two.indexOf('二、工作开展情况');
    const to = two.findIndex((l, i) => i > from && /^三、/.test(l));
    const body = two.slice(from + 1, to);
    expect(body.every((l) => /^（[一二三四五六七八九十]+）/.test(l))).toBe(true);
    expect(body.filter((l) => l.includes('知心大姐'))).toHaveLength(1);
  });

  it('a cause reads as a sentence of its own and fits the problem it follows', () => {
    for (const v of definition.report.banks['summary.cause']) {
      expect(v.split('{cause}')).toHaveLength(2);
      expect(v).toMatch(/。$/);
    }
    // 市残联 and 市科协 report thin staffing: a cause about staffing, not about 改革调整 or 思想动态 (a
    // cause of another heading of the category).
    const line = lines.find((l) => l.includes('信息员均为兼职'))!;
    expect(line).toMatch(/市残联、市科协(不同程度)?反映/);
    const cause = causeSaid(line)!.cause;
    expect(cause).toMatch(/兼职|力量|人员|培训/);
    expect(cause).not.toMatch(/改革|思想变化|思想动态/);
  });

  it('speaks of what units sent in the genre’s words; units with errors are left out, said as a superior says it', () => {
    const base = input();
    const t = summaryReportText(input({ units: { ...base.units, withErrors: 3 } }), definition);
    expect(t).not.toMatch(/填报表/);
    expect(t).toMatch(/3家单位报送材料存在错误，已退回修改，数据暂未纳入本次汇总/);
  });

  it('其中 only right after the total it is part of', () => {
    const t = summaryReportText(input({ practices: [] }), definition);
    expect(t).toContain(
      '开展宣传教育活动2300场，覆盖15万人次。其中，市委网信办在网站和政务新媒体发布宣传信息1.3万余篇。',
    );
    for (const m of t.matchAll(/([^。]*。)其中，/g)) expect(m[1]).toMatch(/^(据汇总|从汇总数据看)/);
  });

  it('counts a unit once when it wrote a problem that its register also holds; 其他 gets no heading', () => {
    const t = summaryReportText(
      input({
        commonProblems: [
          {
            category: '队伍建设',
            units: 2,
            unitNames: ['市残联', '市科协'],
            examples: ['兼职信息员流动性大'],
          },
        ],
        practices: [
          ...input().practices!,
          {
            unit: '市总工会',
            category: '其他',
            text: '在全市职工服务站开设“工会夜校”，组织职工开展读书分享。',
          },
        ],
      }),
      definition,
    );
    // Two units, both known by name: named, not counted ("2家单位") and not counted twice ("4家单位").
    expect(t).toMatch(/。(在队伍建设方面，)?市残联、市科协(不同程度)?反映了(队伍建设方面的|相关)问题，/);
    expect(t).not.toMatch(/[24]家单位反映/);
    // It joins a headed subsection of 二 as a further example, not an unheaded 此外 paragraph.
    const night = t
      .split('\n')
      .filter((l) => l.includes('市总工会在全市职工服务站开设“工会夜校”，组织职工开展读书分享。'));
    expect(night).toHaveLength(1);
    expect(night[0]).toMatch(/^（[一二三四五六七八九十]+）/);
    expect(t.split('\n').filter((l) => /^（[一二三四五六七八九十]+）[^。]*其他/.test(l))).toEqual([]);
  });

  it('names units with their own practice (quoted names kept) and groups those who share one', () => {
    expect(text).toContain('市委网信办打造“1＋3＋9”网络文明品牌，强化“网信发布”阵地建设。');
    expect(text).toContain(
      '市科技局、市委编办、市文联等单位严格落实“第一议题”制度，及时跟进学习习近平总书记重要讲话和重要论述。',
    );
    // A unit speaking of itself (我会, 局党组) is named by the summary instead.
    expect(text).not.toContain('市妇联我会');
  });

  it('analyses problems across units in their words, with a cause, no register ids, no “其他方面”', () => {
    // Units known only by their count are counted; their words are woven in, not listed (一是…二是…).
    // Words without a unit's name are said as some units' (有的单位…也有单位…), each named one as its unit's.
    expect(text).toMatch(
      /（一）[^。]+。[^。]*5家单位[^。]*反映[^。]*问题，其中有的单位反映责任清单未细化到岗位，也有单位反映专题研究流于形式。/,
    );
    expect(text).toMatch(
      /市残联、市科协[^。]*反映[^。]*问题，如市残联反映意识形态工作力量不足，信息员均为兼职；市科协反映专职宣传干部偏少，业务培训跟不上。/,
    );
    expect(text).not.toMatch(/一是|二是|主要表现为/);
    expect(text.split('\n').filter((l) => causeSaid(l)).length).toBeGreaterThan(0);
    expect(text).not.toMatch(/FX-\d/);
    expect(text).not.toContain('其他方面');
    expect(text).toContain('市交通运输局、市文联上报高风险隐患2条，集中在网络意识形态方面');
  });

  it('names the units that reported neither a risk nor a problem, and asks them to look again', () => {
    const t = summaryReportText(input({ quietUnits: ['市统计局', '市审计局'] }), definition);
    const three = t.slice(t.indexOf('三、'), t.indexOf('四、'));
    expect(three).toContain(
      '市统计局、市审计局2家单位本期未上报风险隐患，报告中只谈到工作中的一般性不足，需督促其对照职责深入排查，防止报送“零风险”。',
    );
    const one = summaryReportText(input({ quietUnits: ['市统计局'] }), definition);
    expect(one).toContain('市统计局本期未上报风险隐患');
    expect(summaryReportText(input(), definition)).not.toContain('零风险');
  });

  it('suggestions follow from the problems found', () => {
    const four = text.slice(text.indexOf('四、意见建议'));
    const item = (bank: string) =>
      definition.report.banks[bank].map((t) => t.replaceAll('{subject}', definition.subject));
    // The most widely reported theme's first, each in one of its titles (varied by the issuer).
    expect(item('sgt.组织领导').some((t) => four.includes(`（一）${t}。`))).toBe(true);
    for (const bank of ['sgt.队伍建设', 'summary.suggest.risksTitle', 'summary.suggest.reportingTitle'])
      expect(
        item(bank).some((t) => four.includes(t)),
        bank,
      ).toBe(true);
  });

  it('two issuers’ summaries do not share their suggestions word for word', () => {
    const four = (issuer: string) => {
      const t = summaryReportText({ ...input(), issuer }, definition);
      return t.slice(t.indexOf('四、意见建议')).split('\n').slice(1, -2);
    };
    const a = four('市直机关工委');
    const b = four('市委宣传部');
    expect(a.filter((x) => b.includes(x)).length).toBeLessThan(a.length);
  });

  it('no sentence twice; nothing unfilled', () => {
    const sentences = text
      .split('\n')
      .slice(1)
      .flatMap((l) => l.split(/(?<=[。！？])/))
      .filter((x) => x.length > 6);
    expect(new Set(sentences).size).toBe(sentences.length);
    expect(text).not.toMatch(/[{}]|undefined|null|NaN/);
  });

  it('many missing units: named briefly in the text, listed in an attachment', () => {
    const missing = units(12, '缺报单位').map((name, i) => ({ code: `X${i}`, name }));
    const t = summaryReportText(input({ units: { ...input().units, submitted: 28, missing } }), definition);
    expect(t).toContain('缺报单位1、缺报单位2、缺报单位3等12家单位未报送（名单见附件）。');
    expect(t).toContain('附件：未报送单位名单');
  });

  it('everyone submitted, nothing found: plain sentences, no hollow sections', () => {
    const t = summaryReportText(
      input({
        units: { expected: 3, submitted: 3, withErrors: 0, missing: [] },
        riskCounts: [],
        commonProblems: [],
        highRisks: [],
        overdueRisks: [],
        unitProblems: [],
        practices: [],
      }),
      definition,
    );
    expect(t).toContain('数据全部纳入本次汇总。');
    expect(t).toContain('各单位本期未上报意识形态工作风险隐患。');
    expect(t).toContain('各单位本期未集中反映突出问题');
    expect(t).not.toContain('附件');
  });

  it('renders to a docx', async () => {
    const bytes = await summaryReportDocx(input(), definition);
    expect(bytes.subarray(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
  });
});

describe('the summary as a reader of seed 001 expects', () => {
  const base = input();
  const t = summaryReportText(
    input({
      metricTotals: [
        ...base.metricTotals,
        { id: 'org.responsibilityLetters', total: 14, units: 5, top: [{ unit: '市文联', value: 5 }] },
      ],
      commonProblems: [
        { category: '组织领导', units: 5, examples: ['责任清单未细化到岗位', '专题研究流于形式'] },
        { category: '理论武装', units: 1, unitNames: ['市文联'], examples: ['工地理论学习覆盖面不够'] },
      ],
      overdueRisks: ['市文联', '市教育局', '市卫健委'].map((unit, i) => ({
        unit,
        id: `FX-${i}`,
        category: '阵地管理',
        description: '宣传栏内容更新不及时',
        level: '中',
        overdue: true,
      })),
    }),
    definition,
  );

  it('a problem one unit reported is said as that unit’s, without a heading of its own', () => {
    const line = t.split('\n').find((l) => l.includes('工地理论学习覆盖面不够'))!;
    expect(line).toMatch(/(此外|另外)，市文联反映工地理论学习覆盖面不够。/);
    expect(line).not.toMatch(/^（/);
    expect(t).not.toMatch(/1家单位反映/);
  });

  it('a yearly figure (责任书) is no quarterly total', () => {
    expect(t).not.toMatch(/责任书14份/);
  });

  it('a short list of units held to account is given in full, without 等', () => {
    expect(t).toContain('市文联、市教育局、市卫健委有3条风险隐患已超过整改时限仍未整改到位');
  });

  it('each problem theme gets its suggestion; a cause does not restate its heading', () => {
    const four = t.slice(t.indexOf('四、'));
    for (const c of ['组织领导', '理论武装'])
      expect(
        definition.report.banks[`sgt.${c}`].some((x) =>
          four.includes(x.replaceAll('{subject}', definition.subject)),
        ),
        c,
      ).toBe(true);
    const three = t.slice(t.indexOf('三、'), t.indexOf('四、'));
    for (const line of three.split('\n').filter((l) => l.startsWith('（'))) {
      const [title, ...rest] = line.split('。');
      const cause = causeSaid(rest.join('。'))?.cause ?? '';
      expect(repeatedRuns(cause, title, ['意识形态', '工作']), line).toBe(0);
    }
  });
});

describe('problem headings that fit their examples', () => {
  const problems = (category: string, rows: [string, string][]) =>
    rows.map(([unit, text]) => ({ unit, category, text }));
  // No register risks: the units' own words alone decide the headings (a high risk would lead its theme).
  const t = summaryReportText(
    input({
      commonProblems: [],
      highRisks: [],
      overdueRisks: [],
      unitProblems: [
        ...problems('队伍建设', [
          ['市残联', '集中整治期间个别干部思想有波动'],
          ['市科协', '专职宣传干部偏少，工作力量不足'],
          ['市教育局', '思政课教师队伍存在结构性短缺'],
          ['市文联', '信息员均为兼职，流动性大'],
        ]),
        ...problems('网络意识形态', [
          ['市交通运输局', '家长群等网络阵地管理存在盲区'],
          ['市卫健委', '涉医舆情应对能力有待提升'],
          ['市妇联', '涉妇女儿童网络舆情应对经验不足'],
        ]),
        ...problems('组织领导', [
          ['市林业发展中心', '考核评价机制不健全'],
          ['市投资集团', '子公司责任传导存在衰减'],
        ]),
      ],
    }),
    definition,
  );
  const three = t.slice(t.indexOf('三、'), t.indexOf('四、')).split('\n');
  const theme = (category: string) => three.find((l) => l.startsWith('（') && l.includes(category))!;
  const examples = (category: string) =>
    ({
      队伍建设: [
        '集中整治期间个别干部思想有波动',
        '专职宣传干部偏少，工作力量不足',
        '思政课教师队伍存在结构性短缺',
        '信息员均为兼职，流动性大',
      ],
      网络意识形态: [
        '家长群等网络阵地管理存在盲区',
        '涉医舆情应对能力有待提升',
        '涉妇女儿童网络舆情应对经验不足',
      ],
      组织领导: ['考核评价机制不健全', '子公司责任传导存在衰减'],
    })[category] ?? [];

  it('a theme whose examples are about staffing gets a staffing heading, with those examples only', () => {
    expect(theme('队伍建设')).toMatch(
      /^（一）工作力量配备还不够充足。[^。]*等4家单位[^。]*反映[^。]*问题，如市[^。]+反映[^。]+。/,
    );
    expect(theme('队伍建设')).not.toContain('思想有波动');
    // The count is of the units that reported the category's problems (the heading is one of them).
    expect(theme('队伍建设')).toMatch(/队伍建设方面/);
    for (const x of ['工作力量不足', '结构性短缺', '均为兼职']) expect(theme('队伍建设')).toContain(x);
  });

  it('the examples listed under a specific heading fit it (its keywords); a mixed theme gets the general heading', () => {
    const cats = definition.report.categories;
    for (const line of three.filter((l) => /^（/.test(l))) {
      const heading = /^（.）([^。]+)。/.exec(line)![1];
      const [c, words] =
        Object.entries(cats)
          .map(([c, v]) => [c, v.problemKeywords?.[heading]] as const)
          .find(([, k]) => k) ?? [];
      const list = Object.values(cats)
        .flatMap((_, i) => examples(Object.keys(cats)[i]))
        .filter((e) => line.includes(e));
      expect(list.length, line).toBeGreaterThan(0);
      if (words)
        for (const e of list)
          expect(
            words.some((k) => e.includes(k)),
            `${c}: ${e}`,
          ).toBe(true);
    }
    // 网络: two of three speak of 应对 (the third of a 盲区), so the heading is the one on 应对; the concrete
    // words (涉妇女儿童) first.
    expect(theme('网络意识形态')).toMatch(
      /^（.）网络舆情应对能力还不够强。[^。]*市交通运输局、市卫健委、市妇联[^。]*反映[^。]*问题，如市妇联反映涉妇女儿童网络舆情应对经验不足，市卫健委反映涉医舆情应对能力有待提升。/,
    );
    expect(theme('网络意识形态')).not.toContain('盲区');
    // 组织领导: two examples, two angles — the category's general heading over both.
    expect(theme('组织领导')).toMatch(/^（.）主体责任落实还不够到位。[^。]*市林业发展中心、市投资集团反映/);
    expect(theme('组织领导')).toContain('考核评价机制不健全');
    expect(theme('组织领导')).toContain('子公司责任传导存在衰减');
  });
});

describe('the summary’s words are the definition’s data', () => {
  it('the reporting line, the risk line and the attention line change with a copy of the file', () => {
    const text = summaryReportText(input(), definition);
    expect(text).toContain('本次应报送单位40家，实际报送39家（其中按时报送37家），报送率97.5%（见图1）。');
    expect(text).toContain('意识形态工作风险隐患和问题10条');
    expect(text).toContain(
      '台账所列风险隐患，主要集中在组织领导、网络意识形态等方面（见图2）；其中高风险2条，涉及2家单位；超过整改时限仍未整改到位的1条。',
    );
    expect(text).toContain('市文联有1条风险隐患已超过整改时限仍未整改到位，需重点督促。');
    const edited = editedDefinition((d) => {
      const banks = (d.report as { banks: Record<string, string[]> }).banks;
      banks['summary.reporting'] = ['应报{expected}家，已报{submitted}家{timely}{figure}。'];
      banks['summary.reporting.onTime'] = ['准时{n}家'];
      banks['summary.risks.high'] = ['，{level}风险{n}条'];
      banks['summary.attention.overdue'] = ['{units}逾期未改{n}条'];
      banks['summary.attention'] = ['{list}，请抓紧督办。'];
      banks['summary.risks.withOwn'] = ['共{n}个，台账{register}条，自查{own}个。'];
    });
    const t = summaryReportText(input(), edited);
    expect(t).toContain('应报40家，已报39家（其中准时37家）（见图1）。');
    expect(t).toContain('，高风险2条；超过整改时限');
    expect(t).toContain('市文联逾期未改1条，请抓紧督办。');
    expect(t).toContain('共10个，台账8条，自查2个。台账所列风险隐患，');
    expect(t).not.toMatch(/本次应报送单位|需重点督促/);
  });
});

describe('what the importer takes from a unit for the summary', () => {
  it('practices: sentences with a quoted name or a practice keyword, by category', () => {
    const p = practicesOf(sampleSubmission(definition), definition);
    expect(p.length).toBeGreaterThan(0);
    for (const x of p)
      expect(
        x.text.includes('“') ||
          /第一议题|中心组|三会一课|宣讲|公众号|宣传栏|值班|网评员|谈心谈话|培训|责任清单|责任书|分析研判|考核|领导小组|学习强国|党课|文化长廊|工作群/.test(
            x.text,
          ),
      ).toBe(true);
    expect(p.some((x) => x.category === '阵地建设' && x.text.includes('“文明交通”'))).toBe(true);
  });

  it('own problems: titles, by register category (work categories mapped)', () => {
    const sub = sampleSubmission(definition);
    sub.narrative.problems = [
      { category: '阵地建设', title: '（一）宣传栏更新不及时', body: '部分站点宣传内容陈旧。' },
      { category: null, title: null, body: '个别干部网络言行不够谨慎。其他。' },
    ];
    expect(unitProblemsOf({ ...sub, risks: [] }, definition)).toEqual([
      { category: '阵地管理', text: '宣传栏更新不及时' },
      { category: '其他', text: '个别干部网络言行不够谨慎' },
    ]);
    // A row that tells a register risk of its category again is counted once, with the risk (the unit
    // report tells it once).
    const risk = sub.risks.find((r) => r.category === '阵地管理')!;
    const again = { category: '阵地建设', title: '宣传阵地更新不及时', body: `${risk.detail}。` };
    sub.narrative.problems = [again];
    expect(unitProblemsOf({ ...sub, risks: [risk] }, definition)).toEqual([]);
    expect(unitProblemsOf({ ...sub, risks: [] }, definition)).toHaveLength(1);
  });
});

describe('a problem paragraph as seed 001 writes it', () => {
  const rows = (list: [string, string, string][]) =>
    list.map(([unit, category, text]) => ({ unit, category, text }));
  const quiet = { highRisks: [], overdueRisks: [] };
  const staffing = rows([
    ['市残联', '队伍建设', '信息员均为兼职，流动性大'],
    ['市科协', '队伍建设', '专职宣传干部偏少'],
    ['市文联', '队伍建设', '文艺家协会工作力量不足'],
  ]);
  const three = (t: string) => t.slice(t.indexOf('三、'), t.indexOf('四、')).split('\n').slice(1);
  const cause = (line: string) => causeSaid(line)?.cause ?? null;

  it('names the units when they are few, weaves their words into one sentence, then the cause', () => {
    const t = summaryReportText(input({ ...quiet, commonProblems: [], unitProblems: staffing }), definition);
    expect(three(t)[0]).toBe(
      '（一）工作力量配备还不够充足。市残联、市科协、市文联不同程度反映了队伍建设方面的问题，如市文联反映文艺家协会工作力量不足；市残联反映信息员均为兼职，流动性大；市科协反映专职宣传干部偏少。剖析根源，主要在于专职人员编配偏少，兼职人员流动频繁，队伍稳定性不够。',
    );
  });

  it('many units: those whose words are said, in the batch’s order, then 等N家单位', () => {
    const t = summaryReportText(
      input({
        ...quiet,
        commonProblems: [
          {
            category: '队伍建设',
            units: 5,
            unitNames: ['市残联', '市总工会', '市科协', '市妇联', '市文联'],
            examples: ['基层工会兼职宣传员流动性大'],
            exampleUnits: ['市总工会'],
          },
        ],
        unitProblems: staffing,
      }),
      definition,
    );
    // Quoted: the concrete words first (市总工会's 基层工会, 市文联's 文艺家协会), then the best fitting.
    expect(three(t)[0]).toMatch(
      /^（一）[^。]+。市残联、市总工会、市文联等5家单位(不同程度)?反映了队伍建设方面的问题，如市文联反映文艺家协会工作力量不足；市残联反映/,
    );
    // The roster's order, merged from every list of units: 市委宣传部 before 市总工会 before 市教育局.
    const r = summaryReportText(
      input({
        ...quiet,
        commonProblems: [
          { category: '阵地管理', units: 3, unitNames: ['市委宣传部', '市总工会', '市教育局'], examples: [] },
        ],
        unitProblems: rows([
          ['市委宣传部', '阵地管理', '基层宣讲阵地作用发挥不均衡'],
          ['市教育局', '阵地管理', '校园宣传栏作用发挥不充分'],
          ['市文联', '阵地管理', '文艺评论阵地作用发挥不充分'],
          ['市图书馆', '阵地管理', '讲座阵地作用发挥不够'],
        ]),
      }),
      definition,
    );
    expect(three(r)[0]).toMatch(/。市委宣传部、市教育局、市文联等5家单位(不同程度)?反映了/);
    // The most telling example first (市文联's 文艺评论: concrete words), then the others in the roster's order.
    expect(three(r)[0]).toMatch(/，如市文联反映[^。]*，市委宣传部反映[^。]*，市教育局反映/);
  });

  it('a cause never says again four characters in a row of an example beside it', () => {
    // Units who write what a cause of the definition says ("责任传导…衰减", "考核评价", "审核把关").
    const runs = rows([
      ['市投资集团', '组织领导', '子公司意识形态责任传导存在衰减'],
      ['市林业发展中心', '组织领导', '意识形态工作考核评价机制不健全'],
      ['市人大机关', '组织领导', '部分干部对意识形态工作的认识还不够全面'],
      ['市档案馆', '阵地管理', '档案展览讲解词审核把关不够严格'],
      ['市文联', '阵地管理', '网站信息更新缓慢，个别版块长期不更新'],
      ['市总工会', '阵地管理', '职工书屋宣传栏更新维护跟不上'],
      ['市交通运输局', '理论武装', '一线职工理论学习形式较为单一'],
      ['市城建集团', '理论武装', '工地理论学习联系实际不够紧密'],
      ['市残联', '队伍建设', '具体负责意识形态工作的多为兼职干部'],
      ['市科协', '队伍建设', '专职力量配备不足，业务培训的系统性不够'],
      ['市社科联', '舆论引导', '理论宣讲骨干多为兼职，力量不足'],
    ]);
    const inputs = [input({ commonProblems: [], unitProblems: runs }), input(), sampleSummaryInput()];
    let causes = 0;
    for (const inp of inputs) {
      const examples = [
        ...(inp.unitProblems ?? []).map((p) => p.text),
        ...inp.commonProblems.flatMap((p) => p.examples),
      ];
      for (const line of three(summaryReportText(inp, definition))) {
        const c = cause(line);
        if (!c) continue;
        causes++;
        for (const e of examples.filter((x) => line.includes(x)))
          expect(repeatedRuns(c, e, ['意识形态', '工作'], 4), `${c} | ${e}`).toBe(0);
      }
    }
    expect(causes).toBeGreaterThanOrEqual(6);
  });

  it('no cause when none of the category’s speaks of what the units wrote', () => {
    const t = summaryReportText(
      input({
        ...quiet,
        commonProblems: [],
        unitProblems: rows([
          ['市博物馆', '阵地管理', '展厅灯光老化'],
          ['市图书馆', '阵地管理', '阅览室座椅陈列杂乱'],
        ]),
      }),
      definition,
    );
    expect(three(t)[0]).toMatch(
      /^（一）[^。]+。市博物馆、市图书馆(不同程度)?反映了[^。]*，如市博物馆反映展厅灯光老化，市图书馆反映阅览室座椅陈列杂乱。$/,
    );
    expect(three(t)[0]).not.toMatch(/原因/);
  });

  it('one unit’s problem gets no heading: it joins the section it fits, or closes the part', () => {
    const t = summaryReportText(
      input({
        ...quiet,
        commonProblems: [],
        unitProblems: [
          ...staffing,
          ...rows([
            ['市社科联', '舆论引导', '理论宣讲骨干多为兼职，力量不足'],
            ['市城建集团', '理论武装', '工地理论学习覆盖面不够'],
          ]),
        ],
      }),
      definition,
    );
    const lines = three(t);
    const headings = lines.filter((l) => l.startsWith('（'));
    expect(headings).toHaveLength(1);
    const own = (c: string) => definition.report.categories[c].problemTitle!;
    for (const h of headings)
      for (const c of ['舆论引导', '理论武装']) for (const x of own(c)) expect(h).not.toContain(`）${x}。`);
    // 市社科联's thin staffing joins the staffing section, after its cause; 市城建集团's fits none.
    const [said, folded] = headings[0].split(/(?<=。)(?=(?:此外|另外)，)/);
    expect(causeSaid(said)).not.toBeNull();
    expect(folded).toMatch(/^(此外|另外)，市社科联反映理论宣讲骨干多为兼职，力量不足。$/);
    expect(lines[1]).toMatch(/^(此外|另外)，市城建集团反映工地理论学习覆盖面不够。/);
    expect(t).not.toMatch(/1家单位/);
  });

  it('the same input reads the same twice', () => {
    const a = summaryReportText(sampleSummaryInput(), definition);
    const b = summaryReportText(sampleSummaryInput(), definition);
    expect(a).toBe(b);
    const c = summaryReportText(input({ commonProblems: [], unitProblems: staffing }), definition);
    expect(summaryReportText(input({ commonProblems: [], unitProblems: staffing }), definition)).toBe(c);
  });
});

describe('a register count without descriptions', () => {
  it('says which units, with no empty 主要表现为', () => {
    const t = summaryReportText(
      input({
        commonProblems: [
          { category: '组织领导', units: 3, unitNames: ['市委编办', '市文联', '市科协'], examples: [] },
        ],
        unitProblems: [],
      }),
      definition,
    );
    expect(t).toContain('市委编办、市文联、市科协反映了组织领导方面的问题。');
    expect(t).not.toMatch(/主要表现为[。；]/);
  });
});

describe('存在问题: each example is its unit’s, and causes open in turn', () => {
  const rows = (list: [string, string, string][]) =>
    list.map(([unit, category, text]) => ({ unit, category, text }));
  // Six themes of two units each, every one with a cause of its category that fits (both rows, or the first).
  const six = rows([
    ['市投资集团', '组织领导', '子公司责任传导存在衰减'],
    ['市林业发展中心', '组织领导', '考核评价机制不健全'],
    ['市交通运输局', '理论武装', '一线职工理论学习形式较为单一'],
    ['市城建集团', '理论武装', '工地理论学习联系实际不够紧密'],
    ['市档案馆', '阵地管理', '展览讲解词未经审核即对外使用'],
    ['市总工会', '阵地管理', '职工书屋宣传栏更新维护跟不上'],
    ['市残联', '队伍建设', '信息员均为兼职，流动性大'],
    ['市科协', '队伍建设', '专职宣传干部偏少'],
    ['市卫健委', '网络意识形态', '涉医舆情应对能力有待提升'],
    ['市妇联', '网络意识形态', '涉妇女儿童网络舆情应对经验不足'],
    ['市社科联', '舆论引导', '对群众关切回应不够及时'],
    ['市文联', '舆论引导', '新媒体运用不够充分'],
  ]);
  const three = (t: string) => t.slice(t.indexOf('三、'), t.indexOf('四、')).split('\n').slice(1);
  const issuers = ['市直机关工委', '县直机关工委', '市委宣传部', '区委宣传部', '市教育工委', '市国资委党委'];
  const inputs = (): SummaryInput[] => [
    input(),
    sampleSummaryInput(),
    // (Without the base input's high risks: they would lead a theme of their own units.)
    ...issuers.map((issuer) =>
      input({ issuer, commonProblems: [], highRisks: [], overdueRisks: [], unitProblems: six }),
    ),
    input({
      commonProblems: [
        {
          category: '阵地管理',
          units: 5,
          unitNames: ['市文联', '市科协', '市住建局', '市教育局', '市卫健委'],
          examples: [
            '科普阵地的思想引领作用发挥不够',
            '文艺评论阵地作用发挥不充分',
            '物业小区宣传阵地作用发挥不均衡',
          ],
          exampleUnits: ['市科协', '市文联', '市住建局'],
        },
      ],
      unitProblems: [],
    }),
  ];

  it('no one unit’s words are put as what all share (主要表现为…); every example names its unit when known', () => {
    let named = 0;
    for (const inp of inputs()) {
      const part = three(summaryReportText(inp, definition)).join('\n');
      const said: { unit: string | null; text: string }[] = [
        ...(inp.unitProblems ?? []).map((p) => ({ unit: p.unit, text: p.text })),
        ...inp.commonProblems.flatMap((p) =>
          p.examples.map((text, i) => ({ unit: p.exampleUnits?.[i] ?? null, text })),
        ),
      ].filter((e) => part.includes(e.text));
      expect(said.length).toBeGreaterThan(0);
      for (const e of said) {
        expect(part).not.toContain(`主要表现为${e.text}`);
        if (e.unit) {
          named++;
          expect(part, e.text).toContain(`${e.unit}反映${e.text}`);
        } else expect(part, e.text).toMatch(new RegExp(`有(的)?单位反映${e.text}`, 'u'));
      }
    }
    expect(named).toBeGreaterThanOrEqual(20);
  });

  it('a paragraph of many units: the units, then each unit’s words, the most telling first', () => {
    // No levels: concrete words (文艺评论, 物业小区) before stock ones (科普阵地…作用发挥不够), then the best
    // fitting; the others in the roster's order.
    const part = three(summaryReportText(inputs().at(-1)!, definition));
    expect(part[0]).toMatch(
      /^（一）[^。]+。市文联、市科协、市住建局等5家单位[^。]*反映了[^。]*问题，如市文联反映文艺评论阵地作用发挥不充分，市科协反映科普阵地的思想引领作用发挥不够，市住建局反映物业小区宣传阵地作用发挥不均衡。/,
    );
  });

  // Where a cause opens: its words before {cause} (two), or the formula when it opens with the cause.
  const opening = (formula: string) => formula.split('{cause}')[0].slice(0, 2) || formula;
  const causesIn = (t: string, def: Parameters<typeof causeSaid>[1] = definition) =>
    three(t)
      .filter((l) => l.startsWith('（'))
      .map((l) => causeSaid(l, def)?.formula ?? null)
      .filter((f): f is string => f !== null);

  it('no two causes in a row open alike, whatever the seed', () => {
    let pairs = 0;
    for (const inp of inputs().slice(2, 2 + issuers.length)) {
      const causes = causesIn(summaryReportText(inp, definition));
      expect(causes.length).toBeGreaterThanOrEqual(4);
      for (let i = 1; i < causes.length; i++, pairs++)
        expect(opening(causes[i]), causes.join(' | ')).not.toBe(opening(causes[i - 1]));
    }
    expect(pairs).toBeGreaterThanOrEqual(20);
    // A bank of three, two of which open alike: once all are used, the next is never the one before.
    const edited = editedDefinition((d) => {
      const banks = (d.report as { banks: Record<string, string[]> }).banks;
      banks['summary.cause'] = [
        '究其原因，主要是{cause}。',
        '究其根源，在于{cause}。',
        '{cause}，是主要原因。',
      ];
    });
    for (const inp of inputs().slice(2, 2 + issuers.length)) {
      const causes = causesIn(summaryReportText(inp, edited), edited);
      expect(causes.length).toBeGreaterThanOrEqual(4);
      for (let i = 1; i < causes.length; i++)
        expect(opening(causes[i]), causes.join(' | ')).not.toBe(opening(causes[i - 1]));
    }
  });

  it('an older formula with {example} still reads: the main example, then the others', () => {
    const edited = editedDefinition((d) => {
      const banks = (d.report as { banks: Record<string, string[]> }).banks;
      banks['summary.problem.examples'] = [
        '{units}反映了{category}方面的问题，主要表现为{example}；{more}。',
      ];
    });
    const part = three(summaryReportText(inputs().at(-1)!, edited));
    expect(part[0]).toContain(
      '问题，主要表现为文艺评论阵地作用发挥不充分；如市科协反映科普阵地的思想引领作用发挥不够，市住建局反映物业小区宣传阵地作用发挥不均衡。',
    );
  });
});

describe('存在问题: the telling example leads, and a cause fits what the examples say', () => {
  const three = (t: string) => t.slice(t.indexOf('三、'), t.indexOf('四、')).split('\n').slice(1);
  const headed = (t: string) => three(t).filter((l) => l.startsWith('（'));
  /** The unit a problem paragraph quotes first: "如X反映…". */
  const first = (line: string) => /，如(市[^反]+)反映/u.exec(line)?.[1] ?? null;
  const risk = (over: Partial<SummaryInput['highRisks'][number]>) => ({
    unit: '市教育局',
    id: 'FX-1',
    category: '阵地管理',
    description: '',
    level: '高',
    overdue: false,
    status: '整改中',
    ...over,
  });
  const edu = '校外培训机构使用未经审核的自编讲义，存在错误历史表述';

  it('a high-level row with concrete words leads its theme over a low-level vague one', () => {
    const t = summaryReportText(
      input({
        unitProblems: [{ unit: '市科协', category: '阵地管理', text: '宣传阵地作用发挥不够充分' }],
        commonProblems: [
          {
            category: '阵地管理',
            units: 3,
            unitNames: ['市科协', '市文联', '市教育局'],
            examples: ['宣传栏作用发挥不够', edu],
            exampleUnits: ['市文联', '市教育局'],
            exampleFacts: [
              { level: '低', overdue: false, status: '整改中' },
              { level: '高', overdue: false, status: '整改中' },
            ],
          },
        ],
        highRisks: [risk({ description: edu })],
        overdueRisks: [],
      }),
      definition,
    );
    const [line] = headed(t);
    expect(line).toContain(`，如市教育局反映${edu}`);
    // The high risk is said once: the attention line that follows does not quote it again.
    expect(t.split(edu)).toHaveLength(2);
    expect(t).toMatch(/从风险等级看，市教育局上报高风险隐患1条，分布在阵地管理方面，需重点督促。/);
  });

  it('of rows alike in level, the one overdue or not started leads; of rows alike in all, the concrete words', () => {
    const theme = (rows: { unit: string; text: string; level: string; overdue: boolean; status: string }[]) =>
      first(
        headed(
          summaryReportText(
            input({
              unitProblems: [],
              commonProblems: [
                {
                  category: '阵地管理',
                  units: rows.length,
                  unitNames: rows.map((r) => r.unit),
                  examples: rows.map((r) => r.text),
                  exampleUnits: rows.map((r) => r.unit),
                  exampleFacts: rows.map(({ level, overdue, status }) => ({ level, overdue, status })),
                },
              ],
              highRisks: [],
              overdueRisks: [],
            }),
            definition,
          ),
        )[0],
      );
    const row = (unit: string, text: string, level: string, overdue = false, status = '整改中') => ({
      unit,
      text,
      level,
      overdue,
      status,
    });
    // 市科协's words fit the heading best (they led before levels counted); each time the other leads.
    const stock = '科普阵地的思想引领作用发挥不够';
    const other = '基层宣讲阵地作用发挥不均衡';
    // Alike in level: the one past its deadline…
    expect(theme([row('市科协', stock, '中'), row('市委宣传部', other, '中', true)])).toBe('市委宣传部');
    // …or not yet started (未整改), before one in hand.
    expect(theme([row('市科协', stock, '中'), row('市委宣传部', other, '中', false, '未整改')])).toBe(
      '市委宣传部',
    );
    // The level first: a medium one before a low one past its deadline and not started.
    expect(theme([row('市科协', stock, '低', true, '未整改'), row('市委宣传部', other, '中')])).toBe(
      '市委宣传部',
    );
    // Alike in level and urgency: 物业小区 are words of the unit's own, 科普阵地…作用发挥不够 the genre's.
    expect(theme([row('市科协', stock, '低'), row('市住建局', '物业小区宣传阵地作用发挥不均衡', '低')])).toBe(
      '市住建局',
    );
  });

  it('a unit is quoted once in the part: its high risk goes to its own theme', () => {
    const rows = (category: string, list: [string, string][]) =>
      list.map(([unit, text]) => ({ unit, category, text }));
    const hot = '网约车司机因平台抽成问题集中表达诉求，存在网上串联炒作风险';
    const t = summaryReportText(
      input({
        unitProblems: [
          ...rows('阵地管理', [
            ['市交通运输局', '客运站电子显示屏播放内容未经审核'],
            ['市文联', '文艺评论阵地作用发挥不充分'],
            ['市科协', '科普阵地的思想引领作用发挥不够'],
            ['市住建局', '物业小区宣传阵地作用发挥不均衡'],
          ]),
          ...rows('舆论引导', [
            ['市妇联', '涉家庭暴力的个案在网上发酵，引发负面议论'],
            ['市粮食和物资储备局', '秋粮收购期间可能出现涉及收购价格的不实信息'],
          ]),
        ],
        commonProblems: [],
        highRisks: [risk({ unit: '市交通运输局', category: '舆论引导', description: hot })],
        overdueRisks: [],
      }),
      definition,
    );
    const part = three(t).join('\n');
    expect(part.match(/市交通运输局反映/gu)).toHaveLength(1);
    const lines = headed(t);
    expect(lines.find((l) => l.includes('舆论引导方面'))).toContain(`如市交通运输局反映${hot}`);
    expect(lines.find((l) => l.includes('阵地管理方面'))).not.toContain('市交通运输局反映');
    // Every unit quoted in the sections is quoted once.
    const quoted = [...part.matchAll(/(市[^反，；。、]+?)反映(?!了)/gu)].map((m) => m[1]);
    expect(quoted.length).toBeGreaterThanOrEqual(5);
    expect(new Set(quoted).size).toBe(quoted.length);
  });

  it('a theme whose rows speak of 舆情 gets no cause about 学习 (the category’s causes all are)', () => {
    const rows = (list: [string, string][]) =>
      list.map(([unit, text]) => ({ unit, category: '理论武装', text }));
    for (const list of [
      [
        ['市卫健委', '涉医舆情回应不够及时'],
        ['市妇联', '网络舆情研判的主动性不强'],
      ],
      [
        ['市卫健委', '舆情信息报送不够及时'],
        ['市妇联', '网上舆情处置方法手段单一'],
      ],
    ] as [string, string][][]) {
      const t = summaryReportText(
        input({ unitProblems: rows(list), commonProblems: [], highRisks: [], overdueRisks: [] }),
        definition,
      );
      const [line] = headed(t);
      expect(line, line).toContain('舆情');
      expect(causeSaid(line)?.cause ?? '', line).not.toMatch(/学习/);
    }
  });

  it('the cause speaks of what most examples under the heading say (both of two), not of one of three', () => {
    const t = summaryReportText(
      input({
        unitProblems: [
          {
            unit: '市委网信办',
            category: '网络意识形态',
            text: '个别自媒体账号借社会热点事件恶意炒作，存在引发负面舆情的风险',
          },
          {
            unit: '市文化广电和旅游局',
            category: '网络意识形态',
            text: '本地网络主播直播内容存在低俗化倾向',
          },
        ],
        commonProblems: [],
        highRisks: [],
        overdueRisks: [],
      }),
      definition,
    );
    const cause = causeSaid(headed(t)[0])?.cause ?? '';
    expect(cause).toMatch(/自媒体/);
    expect(cause).toMatch(/直播/);
    // Three rows that share nothing: a cause for one of them alone (考核, 传导 or 认识) is not said for all.
    const mixed = summaryReportText(
      input({
        unitProblems: [
          { unit: '市林业发展中心', category: '组织领导', text: '考核评价机制不健全' },
          { unit: '市投资集团', category: '组织领导', text: '子公司责任传导存在衰减' },
          { unit: '市人大机关', category: '组织领导', text: '部分干部对意识形态工作的认识还不够全面' },
        ],
        commonProblems: [],
        highRisks: [],
        overdueRisks: [],
      }),
      definition,
    );
    expect(causeSaid(headed(mixed)[0])).toBeNull();
  });

  it('the import keeps each unit’s most telling row of a category, and a high row that comes late', () => {
    const row = (over: Partial<Risk>): Risk => ({
      id: 'FX-1',
      category: '阵地管理',
      description: 'd',
      detail: null,
      level: '低',
      measures: 'm',
      leader: null,
      owner: null,
      deadline: null,
      status: '整改中',
      progress: null,
      note: null,
      overdue: false,
      row: 3,
      ...over,
    });
    const a = new Aggregator(definition);
    const p = { year: 2023, reportKind: '季度分析研判报告', period: '第三季度' };
    const names = [
      '市委宣传部',
      '市人大机关',
      '市文联',
      '市科协',
      '市妇联',
      '团市委',
      '市总工会',
      '市残联',
      '市林业发展中心',
    ];
    for (const [i, unit] of names.entries()) {
      a.addUnit(
        unit,
        definition.metrics.map(() => null),
        p,
      );
      a.addRisk(unit, row({ description: `第${i + 1}处宣传栏内容更新不及时` }));
    }
    a.addUnit(
      '市教育局',
      definition.metrics.map(() => null),
      p,
    );
    a.addRisk('市教育局', row({ description: '宣传栏内容陈旧' }));
    a.addRisk('市教育局', row({ description: edu, level: '高', detail: '讲义中有不当历史表述' }));
    const r = a.result({
      expected: 10,
      submitted: 10,
      passed: 10,
      withWarnings: 0,
      withErrors: 0,
      missing: [],
      unknown: [],
    });
    const examples = r.problems[0].examples;
    expect(examples[0]).toMatchObject({
      unit: '市教育局',
      description: edu,
      level: '高',
      detail: '讲义中有不当历史表述',
    });
    expect(examples.filter((e) => e.unit === '市教育局')).toHaveLength(1);
    expect(new Set(examples.map((e) => e.unit)).size).toBe(examples.length);
    // The summary quotes it first, its level passed on with it.
    const inp = toSummaryInput(r, definition, { issuer: '市直机关工委' });
    expect(inp.commonProblems[0].exampleFacts?.[0]).toMatchObject({ level: '高', overdue: false });
    expect(headed(summaryReportText(inp, definition))[0]).toContain(`，如市教育局反映${edu}`);
  });
});

// A reviewer who signs such reports: every judgement the data supports, a count that explains itself, a
// heading that fits the theme it heads, praise the units' own words carry, a short closing list.
describe('the summary claims only what its data supports', () => {
  const banks = definition.report.banks;
  /** What a gap clause says whatever its quantity ("单位未按时报送", "风险隐患整改进度滞后"). */
  const gapWords = (name: string) =>
    banks[name].map((v) =>
      v
        .replace('{some}', '')
        .replace('{level}', definition.vocab.riskLevel!.byRole.high![0])
        .replaceAll('{subject}', definition.subject),
    );
  const says = (text: string, name: string) => gapWords(name).some((w) => text.includes(w));
  const highRisk = (unit: string, i: number) => ({
    unit,
    id: `FX-H${i}`,
    category: '网络意识形态',
    description: `网络舆情监测存在空档${i}`,
    level: '高',
    overdue: false,
  });
  const overdueRisk = {
    unit: '市文联',
    id: 'FX-O1',
    category: '网络意识形态',
    description: '个别干部网络言行不够谨慎',
    level: '中',
    overdue: true,
  };

  it('a half-year in which all 23 units reported on time and none is overdue is not said to lag', () => {
    // The 上半年 demo: every unit on time, no errors, three high risks in three units, nothing overdue.
    const t = summaryReportText(
      input({
        period: '上半年',
        reportKind: '责任制落实情况自查报告',
        units: { expected: 23, submitted: 23, onTime: 23, late: 0, withErrors: 0, missing: [] },
        riskCounts: [{ category: '网络意识形态', level: '高', count: 3 }],
        highRisks: ['市委网信办', '市教育局', '市卫健委'].map(highRisk),
        overdueRisks: [],
      }),
      definition,
    );
    const opening = t.split('\n')[1];
    expect(opening).not.toMatch(/报送不够|未按时报送|不够规范|整改进度滞后|不够平衡|按时规范报送/);
    expect(says(opening, 'summary.judgement.gap.high')).toBe(true);
  });

  it('each shortfall is said in the opening exactly when the figures show it', () => {
    const issuers = ['市直机关工委', '市委宣传部', '区委办公室', '县直机关工委', '市委网信办', '市教育工委'];
    let k = 0;
    for (const late of [0, 2])
      for (const errors of [0, 2])
        for (const missing of [0, 1])
          for (const overdue of [false, true])
            for (const high of [false, true]) {
              const issuer = issuers[k++ % issuers.length];
              const t = summaryReportText(
                input({
                  issuer,
                  units: {
                    expected: 40,
                    submitted: 40 - missing,
                    onTime: 40 - missing - late,
                    late,
                    withErrors: errors,
                    missing: missing ? [{ code: 'SZ011', name: '市档案馆' }] : [],
                    returned: [],
                  },
                  riskCounts: [
                    { category: '组织领导', level: '中', count: 6 },
                    ...(high ? [{ category: '网络意识形态', level: '高', count: 2 }] : []),
                  ],
                  highRisks: high ? ['市交通运输局', '市文联'].map(highRisk) : [],
                  overdueRisks: overdue ? [overdueRisk] : [],
                }),
                definition,
              );
              const opening = t.split('\n')[1];
              const what = `${issuer} late ${late} errors ${errors} missing ${missing} overdue ${overdue} high ${high}: ${opening}`;
              const untimely = late + missing > 0;
              expect(says(opening, 'summary.judgement.gap.reporting'), what).toBe(untimely && errors > 0);
              expect(says(opening, 'summary.judgement.gap.timely'), what).toBe(untimely && !errors);
              expect(says(opening, 'summary.judgement.gap.errors'), what).toBe(!untimely && errors > 0);
              expect(says(opening, 'summary.judgement.gap.overdue'), what).toBe(overdue);
              expect(says(opening, 'summary.judgement.gap.high'), what).toBe(high);
              expect(opening, what).not.toMatch(/[{}]|不够平衡|按时规范报送|风险排查整改等方面/);
              if (!untimely && !errors && !overdue && !high) expect(opening, what).not.toMatch(/但|同时/);
            }
  });

  it('no ranking a real summary never uses (为各单位中最多, 居各单位首位)', () => {
    for (const [name, variants] of Object.entries(banks))
      if (name.startsWith('summary.'))
        for (const v of variants) expect(v, name).not.toMatch(/首位|最多|排名|名列/);
    const standouts = input({
      practices: [],
      metricTotals: [
        { id: 'front.activities', total: 2570, units: 23, top: [{ unit: '市妇联', value: 1931 }] },
        { id: 'theory.centralGroup', total: 147, units: 23, top: [{ unit: '市委宣传部', value: 60 }] },
      ],
    });
    for (const t of [
      summaryReportText(standouts, definition),
      summaryReportText(sampleSummaryInput(), definition),
    ])
      expect(t).not.toMatch(/首位|最多|排名|名列/);
  });

  it('the risk count says what it is made of: register rows and the units’ own problems, adding up', () => {
    const t = summaryReportText(input(), definition);
    const line = t.split('\n').find((l) => l.includes('风险隐患和问题'))!;
    expect(line).toBeTruthy();
    // n, the register's, the units' own: in that order, whatever the variant.
    const [n, register, own] = [...line.split('。')[0].matchAll(/\d+/g)].map((m) => Number(m[0]));
    expect([n, register, own]).toEqual([10, 8, 2]);
    expect(line.split('。')[0]).toMatch(/台账/);
    expect(line.split('。')[0]).toMatch(/查摆/);
    expect(t).not.toMatch(/（其中列入风险隐患台账\d+条）/);
    // Without units' own problems the register alone is counted, as risks (no 和问题).
    const bare = summaryReportText(input({ unitProblems: [] }), definition);
    expect(bare).toContain('各单位共排查上报意识形态工作风险隐患8条，主要集中在');
    expect(bare).not.toContain('和问题');
  });

  it('a specific heading only over a theme most of whose units it fits (纪律 does not head ten units of whom two speak of it)', () => {
    const own = (unit: string, text: string) => ({ unit, category: '队伍建设', text });
    const t = summaryReportText(
      input({
        commonProblems: [
          {
            category: '队伍建设',
            units: 4,
            unitNames: ['市委网信办', '市委编办', '市文联', '市林业发展中心'],
            examples: [
              '个别文艺工作者在自媒体发布作品时导向把关不严',
              '网评员队伍年龄结构偏大，网上发声质量不高',
              '事业单位重塑性改革中个别人员存在抵触情绪',
              '偏远林场职工思想动态掌握不够及时',
            ],
            exampleUnits: ['市文联', '市委网信办', '市委编办', '市林业发展中心'],
            exampleFacts: [
              { level: '中', overdue: false, status: '整改中' },
              { level: '低', overdue: false, status: '整改中' },
              { level: '低', overdue: false, status: '整改中' },
              { level: '低', overdue: false, status: '整改中' },
            ],
          },
        ],
        highRisks: [],
        overdueRisks: [],
        unitProblems: [
          own('市委网信办', '专业技术力量相对薄弱'),
          own('市科协', '对科技工作者的思想引导需要加强'),
          own('市乡村振兴局', '驻村干部走访频次不够'),
          own('市教育局', '思政课教师队伍存在结构性短缺'),
          own('市住建局', '行业监管人员的纪律意识需持续强化'),
          own('市文化广电和旅游局', '文化市场执法力量不足'),
          own('市卫健委', '集中整治期间医务人员思想有波动'),
        ],
      }),
      definition,
    );
    const line = t.split('\n').find((l) => l.startsWith('（') && l.includes('队伍建设方面'))!;
    expect(line).toMatch(/等10家单位/);
    const heading = /^（.）([^。]+)。/u.exec(line)![1];
    expect(heading).not.toBe('纪律规矩意识还需进一步强化');
    const cat = definition.report.categories['队伍建设'];
    expect(cat.problemTitle).toContain(heading);
    const keywords = cat.problemKeywords?.[heading];
    if (keywords) {
      const words = [
        '专业技术力量相对薄弱',
        '对科技工作者的思想引导需要加强',
        '驻村干部走访频次不够',
        '思政课教师队伍存在结构性短缺',
        '行业监管人员的纪律意识需持续强化',
        '文化市场执法力量不足',
        '集中整治期间医务人员思想有波动',
        '个别文艺工作者在自媒体发布作品时导向把关不严',
        '事业单位重塑性改革中个别人员存在抵触情绪',
        '偏远林场职工思想动态掌握不够及时',
      ];
      expect(words.filter((w) => keywords.some((k) => w.includes(k))).length * 2).toBeGreaterThanOrEqual(10);
    }
  });

  it('a practice sentence says what its keyword says, of units whose own words have the keyword', () => {
    const cats = Object.values(definition.report.categories);
    const keywords = cats.flatMap((c) => (c.practices ?? []).map((p) => p.keyword));
    for (const c of cats)
      for (const p of c.practices ?? []) {
        // About its keyword, and no other practice's (中心组 does not bring 年度学习计划 or 党课 along).
        expect(p.says, p.keyword).toContain(p.keyword);
        for (const k of keywords.filter((k) => k !== p.keyword && !p.keyword.includes(k)))
          expect(p.says.includes(k), `${p.keyword}: ${k}`).toBe(false);
      }
    expect(JSON.stringify(cats.map((c) => c.practices ?? []))).not.toMatch(
      /年度学习计划|主题党日|开设专栏|书记讲/,
    );
    // Example 3: 市科技局 and 市委编办 speak of 中心组; neither of a yearly plan.
    const ex3 = sampleSummaryInput();
    const t = summaryReportText(ex3, definition);
    expect(t).toContain('市科技局、市委编办认真落实理论学习中心组学习制度');
    expect(t).not.toContain('年度学习计划');
    // Every unit named before a practice's words wrote its keyword.
    for (const inp of [ex3, input()]) {
      const text = summaryReportText(inp, definition);
      for (const c of Object.entries(definition.report.categories))
        for (const p of c[1].practices ?? []) {
          const said = p.says.replaceAll('{subject}', definition.subject);
          for (const m of text.matchAll(
            new RegExp(`([^。）]+?)(?:等单位)?${said.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'gu'),
          )) {
            const names = m[1].split('、');
            for (const u of names)
              expect(
                (inp.practices ?? []).some((x) => x.unit === u && x.text.includes(p.keyword)),
                `${u}: ${p.keyword}`,
              ).toBe(true);
          }
        }
    }
  });

  it('problems no heading took close the part as two or three short named items, not register sentences joined by 、', () => {
    const t = summaryReportText(
      input({
        commonProblems: [
          {
            category: '其他',
            units: 4,
            unitNames: ['市城建集团', '市投资集团', '市科技局', '市民政局'],
            examples: [
              '分包单位拖欠农民工工资，存在引发集体讨薪和网上炒作的风险',
              '融资项目到期兑付压力可能引发负面舆论',
              '涉外科技交流活动中存在境外不良思想渗透风险',
              '社会救助对象认定调整后少数群众存在误解',
            ],
            exampleUnits: ['市城建集团', '市投资集团', '市科技局', '市民政局'],
            exampleFacts: [
              { level: '中', overdue: true, status: '整改中' },
              { level: '中', overdue: false, status: '整改中' },
              { level: '低', overdue: false, status: '整改中' },
              { level: '低', overdue: false, status: '整改中' },
            ],
          },
        ],
        highRisks: [],
        overdueRisks: [],
      }),
      definition,
    );
    const line = t.split('\n').find((l) => l.includes('市城建集团'))!;
    expect(line).toContain('还有4家单位');
    expect(line).toContain('市城建集团反映的分包单位拖欠农民工工资');
    expect(line).toContain('市投资集团反映的融资项目到期兑付压力');
    expect(line).not.toMatch(/存在引发集体讨薪|可能引发负面舆论/);
    const list = /如(.+)等。/u.exec(line)![1];
    const items = list.split('、');
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(items.length).toBeLessThanOrEqual(3);
    expect(list).not.toMatch(/[，；]/u);
    for (const x of items) expect(x).toMatch(/^市.+反映的/u);
  });

  it('a suggestion speaks only of what was found (no 逾期 without an overdue risk, no 错误 without an error)', () => {
    const four = (over: Partial<SummaryInput>) => {
      const t = summaryReportText(input(over), definition);
      return t.slice(t.indexOf('四、'));
    };
    const highOnly = four({ overdueRisks: [] });
    expect(highOnly).toMatch(/高风险隐患/);
    expect(highOnly).not.toMatch(/逾期|超过整改时限/);
    const overdueOnly = four({
      highRisks: [],
      riskCounts: [{ category: '组织领导', level: '中', count: 6 }],
    });
    expect(overdueOnly).toMatch(/逾期|超过整改时限/);
    expect(overdueOnly).not.toMatch(/高风险/);
    const missingOnly = four({ units: { ...input().units, withErrors: 0 } });
    expect(missingOnly).toMatch(/未报送/);
    expect(missingOnly).not.toMatch(/错误/);
    const errorsOnly = four({ units: { ...input().units, missing: [], submitted: 40 } });
    expect(errorsOnly).toMatch(/错误/);
    expect(errorsOnly).not.toMatch(/未报送/);
  });
});

// The 上半年 summary promised to follow its open risks "下一报告期逐条跟踪复核": the next round's summary says
// how they stand, from the counts each unit's report refers back with (EarlierReport), summed.
describe('how the risks the earlier round left open stand now', () => {
  const earlier: NonNullable<SummaryInput['earlier']> = {
    year: 2023,
    period: '上半年',
    reportKind: '半年自查报告',
    units: 18,
    open: 24,
    doneSince: 9,
    inProgress: 12,
    notStarted: 1,
    overdue: 3,
    unaccounted: 2,
    unaccountedUnits: ['市民政局'],
  };
  /** The paragraph of 一、总体情况 that counts this round's risks. */
  const riskParagraph = (over: Partial<SummaryInput>, def = definition): string => {
    const ls = summaryReportText(input(over), def).split('\n');
    const part = ls.slice(
      ls.indexOf('一、总体情况'),
      ls.findIndex((l) => l.startsWith('二、')),
    );
    return part.find((l) => l.startsWith('各单位共'))!;
  };
  const said = (e: Partial<NonNullable<SummaryInput['earlier']>>): string =>
    /上半年各单位[^。]*。/u.exec(riskParagraph({ earlier: { ...earlier, ...e } }))?.[0] ?? '';

  it('one sentence right after this round’s count, each state counted, the units that dropped rows named', () => {
    const p = riskParagraph({ earlier });
    expect(p).toMatch(
      /^各单位共[^。]*风险隐患和问题\d+条[^。]*。台账所列风险隐患[^。]*。上半年各单位自查查摆/u,
    );
    expect(p.endsWith(said({}))).toBe(true);
    expect(said({})).toBe(
      '上半年各单位自查查摆、当时尚未整改到位的风险隐患24条，9条已于本季度整改到位，12条正在整改，' +
        '1条正在制定整改措施，其中超过整改时限仍未整改到位的3条；另有市民政局上半年所列的2条在本季度' +
        '台账中未作说明，需督促其补充说明。',
    );
    // The same input reads the same twice.
    expect(riskParagraph({ earlier })).toBe(p);
  });

  it('without the aggregate, or with nothing the earlier round left open, nothing is said', () => {
    const plain = summaryReportText(input(), definition);
    expect(plain).not.toMatch(/上半年|当时尚未整改到位|未作说明/u);
    const none = { ...earlier, open: 0, doneSince: 0, inProgress: 0, notStarted: 0, overdue: 0 };
    expect(
      summaryReportText(input({ earlier: { ...none, unaccounted: 0, unaccountedUnits: [] } }), definition),
    ).toBe(plain);
    expect(summaryReportText(input({ earlier: null }), definition)).toBe(plain);
  });

  it('a clause only for a count above zero; the units counted, not named, when more than three', () => {
    expect(said({ notStarted: 0, overdue: 0, unaccounted: 3, open: 24, inProgress: 10 })).toBe(
      '上半年各单位自查查摆、当时尚未整改到位的风险隐患24条，9条已于本季度整改到位，10条正在整改；另有' +
        '市民政局上半年所列的3条在本季度台账中未作说明，需督促其补充说明。',
    );
    expect(said({ open: 21, doneSince: 9, inProgress: 12, notStarted: 0, overdue: 0, unaccounted: 0 })).toBe(
      '上半年各单位自查查摆、当时尚未整改到位的风险隐患21条，9条已于本季度整改到位，12条正在整改。',
    );
    const many = ['市民政局', '市水利局', '市商务局', '市教育局'];
    const counted = said({ open: 26, unaccounted: 4, unaccountedUnits: many });
    expect(counted).toContain('另有4条在本季度台账中未作说明，涉及4家单位，需督促相关单位补充说明。');
    for (const u of many) expect(counted).not.toContain(u);
    // All that is still followed stand alike: said of them all, no second count.
    expect(said({ open: 5, doneSince: 5, inProgress: 0, notStarted: 0, overdue: 0, unaccounted: 0 })).toMatch(
      /风险隐患5条，已于本季度(全部)?整改到位。$/u,
    );
    // Any mix of zeros: never "0条", the parts add up to the lead's count.
    for (const doneSince of [0, 2])
      for (const inProgress of [0, 3])
        for (const notStarted of [0, 1])
          for (const unaccounted of [0, 2]) {
            const open = doneSince + inProgress + notStarted + unaccounted;
            const overdue = Math.min(1, inProgress + notStarted);
            const s = said({ open, doneSince, inProgress, notStarted, unaccounted, overdue });
            if (!open) {
              expect(s).toBe('');
              continue;
            }
            expect(s).not.toMatch(/(?<!\d)0条/u);
            expect(s).toContain(`风险隐患${open}条`);
            const counts = [...s.matchAll(/(\d+)条(?:已于|正在|在本季度)|所列的(\d+)条/gu)].map((m) =>
              Number(m[1] ?? m[2]),
            );
            if (counts.length)
              expect(
                counts.reduce((a, b) => a + b, 0),
                s,
              ).toBe(open);
          }
  });

  it('rectification is this period’s only when the earlier period ended right before it', () => {
    const q1 = summaryReportText(
      input({ earlier: { ...earlier, period: '第一季度', reportKind: '季度分析研判报告' } }),
      definition,
    );
    expect(q1).toContain('第一季度各单位分析研判中排查出、当时尚未整改到位的风险隐患24条，9条已整改到位，');
    const q2 = summaryReportText(
      input({ earlier: { ...earlier, period: '第二季度', reportKind: '季度分析研判报告' } }),
      definition,
    );
    expect(q2).toContain('9条已于本季度整改到位');
  });

  it('the 党风廉政建设 definition says it in its own words', () => {
    const pc = partyConductDefinition();
    expect(riskParagraph({ earlier }, pc)).toContain(
      '上半年各单位自查查摆、当时尚未整改到位的廉政风险隐患24条，9条已于本季度整改到位，12条正在整改，' +
        '1条尚未启动整改，',
    );
  });

  it('the importer sums the counted units’ earlier reports of the period most of them have, in their order', () => {
    const a = new Aggregator(definition);
    const p = { year: 2023, reportKind: '季度分析研判报告', period: '第三季度' };
    const h1 = (r: Partial<EarlierRisks>): EarlierReport => ({
      year: 2023,
      period: '上半年',
      reportKind: '半年自查报告',
      risks: {
        listed: 0,
        doneThen: 0,
        doneSince: 0,
        carried: 0,
        inProgress: 0,
        open: 0,
        unaccounted: 0,
        ...r,
      },
    });
    const units: [string, EarlierReport | null][] = [
      ['市水利局', h1({ listed: 3, doneThen: 1, doneSince: 1, carried: 2, inProgress: 1 })],
      ['市民政局', h1({ listed: 2, carried: 1, open: 1, overdue: 1, unaccounted: 1 })],
      ['市科协', null],
      // Its latest earlier report is of another period: not summed with the others.
      [
        '市文联',
        {
          ...h1({ listed: 4, carried: 4, inProgress: 4 }),
          period: '第二季度',
          reportKind: '季度分析研判报告',
        },
      ],
      ['市商务局', h1({ listed: 2, unaccounted: 2 })],
    ];
    for (const [unit, e] of units) {
      a.addUnit(
        unit,
        definition.metrics.map(() => null),
        p,
      );
      a.addEarlier(unit, e);
    }
    const base = {
      expected: 5,
      submitted: 5,
      passed: 5,
      withWarnings: 0,
      withErrors: 0,
      missing: [],
      unknown: [],
    };
    const inp = toSummaryInput(a.result(base), definition, { issuer: '市直机关工委' });
    expect(inp.earlier).toEqual({
      year: 2023,
      period: '上半年',
      reportKind: '半年自查报告',
      units: 3,
      open: 6,
      doneSince: 1,
      inProgress: 1,
      notStarted: 1,
      overdue: 1,
      unaccounted: 3,
      unaccountedUnits: ['市民政局', '市商务局'],
    });
    expect(summaryReportText(inp, definition)).toContain(
      '另有市民政局、市商务局上半年所列的3条在本季度台账中未作说明，需督促其补充说明。',
    );
    // No unit with an earlier report: no aggregate.
    const none = new Aggregator(definition);
    none.addUnit('市科协', [], p);
    none.addEarlier('市科协', null);
    expect(toSummaryInput(none.result(base), definition).earlier).toBeUndefined();
  });
});
