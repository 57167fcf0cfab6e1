import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import {
  DRAFT_NOTE,
  reportFileName,
  summaryReportDocx,
  summaryReportText,
  unitReportDocx,
  unitReportText,
  type SummaryInput,
} from '../templates/src/report/index';
import { definition } from '../templates/src/standard/ideology';
import { sampleSubmission } from '../templates/src/standard/sample';

const FORBIDDEN = ['*', 'null', 'undefined', 'NaN', '0次', '0篇', '0条', '0场', '0份', '0人'];

function expectClean(text: string) {
  for (const bad of FORBIDDEN) {
    if (bad.startsWith('0')) expect(text).not.toMatch(new RegExp(`(?<![0-9.])${bad}`));
    else expect(text).not.toContain(bad);
  }
}

function headings(text: string): string[] {
  return text.split('\n').filter((l) => /^[一二三四五六七八九十]+、/.test(l));
}

const SUMMARY: SummaryInput = {
  issuer: '市直机关工委',
  year: 2023,
  period: '第三季度',
  reportKind: '季度分析研判报告',
  date: '2023-10-20',
  units: {
    expected: 48,
    submitted: 45,
    onTime: 41,
    withWarnings: 6,
    withErrors: 2,
    missing: [
      { code: 'SZ031', name: '市林业发展中心' },
      { code: 'SZ044', name: '市农业机械发展中心' },
      { code: 'SZ047', name: '国基公司' },
    ],
  },
  metricTotals: [
    {
      id: 'front.activities',
      total: 2630,
      top: [
        { unit: '市妇联', value: 1754 },
        { unit: '市文联', value: 120 },
      ],
    },
    { id: 'front.reach', total: 156000, top: [{ unit: '市妇联', value: 98000 }] },
    { id: 'front.posts', total: 21800, top: [{ unit: '市委网信办', value: 13000 }] },
    { id: 'org.responsibilityLetters', total: 320, top: [{ unit: '市粮食和物资储备局', value: 14 }] },
    { id: 'net.found', total: 0, top: [] },
    { id: 'net.handled', total: null, top: [] },
  ],
  riskCounts: [
    { category: '组织领导', level: '中', count: 12 },
    { category: '网络意识形态', level: '高', count: 3 },
    { category: '阵地管理', level: '低', count: 9 },
  ],
  commonProblems: [
    { category: '阵地管理', units: 9, examples: ['网站信息更新缓慢，个别版块长期不更新。'] },
    {
      category: '组织领导',
      units: 12,
      examples: ['把意识形态工作作为软任务', '专题研究流于形式'],
    },
  ],
  highRisks: [
    {
      unit: '市交通运输局',
      id: 'FX-009',
      description: '网络舆情监测手段不足',
      level: '高',
      overdue: true,
      deadline: '2023-09-30',
    },
  ],
  overdueRisks: [
    {
      unit: '市交通运输局',
      id: 'FX-009',
      description: '网络舆情监测手段不足',
      level: '高',
      overdue: true,
      deadline: '2023-09-30',
    },
  ],
};

describe('summary report', () => {
  const text = summaryReportText(SUMMARY);
  const lines = text.split('\n');

  it('title and outline', () => {
    expect(lines[0]).toBe('关于2023年第三季度意识形态工作分析研判情况的汇总报告');
    expect(lines[1]).toBe(
      '根据意识形态工作责任制有关要求，市直机关工委组织各单位报送了2023年第三季度意识形态工作分析研判报告和标准填报表，并对报送材料进行了汇总分析。现将有关情况报告如下：',
    );
    expect(headings(text)).toEqual([
      '一、总体情况',
      '二、工作开展情况',
      '三、存在问题',
      '四、高风险和逾期风险隐患',
      '五、意见建议',
    ]);
  });

  it('overall: submissions, metric totals, risks by category and level', () => {
    expect(text).toContain(
      '本次应报送单位48家，实际报送45家（其中按时报送41家），报送率93.8%。经校验，43家单位填报表符合要求（其中6家有需核实的警告事项），2家单位填报表存在错误，已退回修改。尚有3家单位未报送（名单见附件）。',
    );
    expect(text).toContain(
      '从工作指标看，各单位本季度共签订意识形态工作责任书320份；通过网站、公众号等平台发布宣传信息2.1万余篇，开展宣传教育活动2630场，覆盖15.6万人次。',
    );
    expect(text).toContain(
      '从风险隐患看，各单位共排查上报意识形态工作风险隐患24条，其中，组织领导方面12条，阵地管理方面9条，网络意识形态方面3条。按风险等级分，高风险3条、中风险12条、低风险9条。其中超过整改时限仍未整改完成1条。',
    );
  });

  it('work per category with totals and the leading units named with figures', () => {
    expect(text).toContain(
      '（二）强化阵地建设。各单位本季度共通过网站、公众号等平台发布宣传信息2.1万余篇，开展宣传教育活动2630场，覆盖15.6万人次。其中，市委网信办通过网站、公众号等平台发布宣传信息1.3万篇；市妇联开展宣传教育活动1754场、市文联120场；市妇联覆盖近10万人次。',
    );
    // At most three metrics per category are illustrated, those where the leading unit stands out most.
    const many: SummaryInput = {
      ...SUMMARY,
      metricTotals: ['theory.centralGroup', 'theory.seminars', 'theory.staffStudy', 'theory.themedTalks'].map(
        (id, k) => ({
          id,
          total: 100,
          top: [
            { unit: `单位${k}`, value: 10 + k * 10 },
            { unit: '乙', value: 5 },
            { unit: '丙', value: 4 },
          ],
        }),
      ),
    };
    const line = summaryReportText(many)
      .split('\n')
      .find((l) => l.startsWith('（一）强化理论武装。'))!;
    expect(line).toContain(
      '其中，单位1开展专题学习研讨20次、乙5次；单位2组织干部职工集中理论学习30次、乙5次；单位3开展主题宣讲40次、乙5次。',
    );
    expect(text).toContain(
      '（一）强化组织领导。各单位本季度共签订意识形态工作责任书320份。其中，市粮食和物资储备局签订意识形态工作责任书14份。',
    );
  });

  it('problems ranked by how many units reported them', () => {
    const i = lines.findIndex((l) => l.startsWith('（一）组织领导方面。共有12家单位'));
    const j = lines.findIndex((l) => l.startsWith('（二）阵地管理方面。共有9家单位'));
    expect(i).toBeGreaterThan(0);
    expect(j).toBe(i + 1);
    expect(lines[i]).toBe(
      '（一）组织领导方面。共有12家单位排查出此类问题，主要表现为：一是把意识形态工作作为软任务；二是专题研究流于形式。',
    );
  });

  it('high and overdue risks, suggestions, signature and the missing-units appendix', () => {
    expect(text).toContain('（一）高风险隐患1条。市交通运输局（FX-009）网络舆情监测手段不足，已逾期。');
    expect(text).toContain(
      '（二）逾期未整改风险隐患1条。市交通运输局（FX-009）网络舆情监测手段不足，整改时限为2023年9月30日。',
    );
    expect(text).toContain('（一）进一步落实意识形态工作责任制。');
    expect(text).toContain('（二）进一步加强阵地建设管理。');
    expect(lines).toContain(
      '（二）阵地管理方面。共有9家单位排查出此类问题，主要表现为网站信息更新缓慢，个别版块长期不更新。',
    );
    expect(text).toContain('加强风险隐患整改跟踪督办');
    expect(text).toContain('督促3家未报送单位尽快报送，督促2家填报表存在错误的单位按退回意见修改后重新报送');
    const k = lines.indexOf('附件：未报送单位名单');
    expect(lines.slice(k + 2, k + 8)).toEqual([
      '市直机关工委',
      '2023年10月20日',
      '附件',
      '未报送单位名单',
      '序号\t单位代码\t单位名称',
      '1\tSZ031\t市林业发展中心',
    ]);
    expectClean(text);
  });

  it('renders to a docx', async () => {
    const zip = await JSZip.loadAsync(await summaryReportDocx(SUMMARY));
    expect(await zip.file('word/document.xml')!.async('string')).toContain('市妇联开展宣传教育活动1754场');
  });

  it('everyone submitted, nothing found: no appendix, plain sentences', () => {
    const t = summaryReportText({
      ...SUMMARY,
      units: { expected: 3, submitted: 3, withErrors: 0, missing: [] },
      metricTotals: [],
      riskCounts: [],
      commonProblems: [],
      highRisks: [],
      overdueRisks: [],
    });
    expect(t).toContain('本次应报送单位3家，实际报送3家，报送率100%。经校验，3家单位填报表符合要求。');
    expect(t).toContain('从风险隐患看，各单位本季度未上报意识形态工作风险隐患。');
    expect(t).not.toContain('附件');
    expectClean(t);
    // No issuer: the date alone closes the report; no issuer, no date: no signature block at all.
    const noIssuer = summaryReportText({ ...SUMMARY, issuer: '' }).split('\n');
    expect(noIssuer[noIssuer.indexOf('附件：未报送单位名单') + 2]).toBe('2023年10月20日');
    const bare = summaryReportText({
      ...SUMMARY,
      issuer: ' ',
      date: null,
      units: { ...SUMMARY.units, missing: [] },
    });
    expect(bare.endsWith('确保按时、准确、完整报送分析研判情况。')).toBe(true);
  });
});

describe('draft unit report (from a workbook with errors)', () => {
  const sub = sampleSubmission();
  const title = '市交通运输局2023年第三季度意识形态工作分析研判报告';

  it('says so in the title, the file name and a note under the title; the rest is unchanged', () => {
    const draft = unitReportText(sub, definition, { draft: true }).split('\n');
    const plain = unitReportText(sub, definition).split('\n');
    expect(draft[0]).toBe(`${title}（草稿）`);
    expect(draft[1]).toBe(`草稿说明：${DRAFT_NOTE}`);
    expect(DRAFT_NOTE).toContain('不能作为正式报告报送');
    expect(draft.slice(2)).toEqual(plain.slice(1));
    expect(reportFileName(sub, definition, { draft: true })).toBe(`${title}（草稿）.docx`);
    expect(unitReportText(sub, definition, { draft: false })).toBe(unitReportText(sub, definition));
  });

  it('puts the mark in the document, its properties and the page header', async () => {
    const zip = await JSZip.loadAsync(await unitReportDocx(sub, definition, { draft: true }));
    const doc = await zip.file('word/document.xml')!.async('string');
    const core = await zip.file('docProps/core.xml')!.async('string');
    expect(doc).toContain(`${DRAFT_NOTE}</w:t>`);
    expect(doc).toContain('<w:headerReference');
    expect(core).toContain(`<dc:title>${title}（草稿）</dc:title>`);
    expect(core).toContain(DRAFT_NOTE);
    const plainCore = await (
      await JSZip.loadAsync(await unitReportDocx(sub, definition))
    )
      .file('docProps/core.xml')!
      .async('string');
    expect(plainCore).not.toContain('草稿');
  });
});
