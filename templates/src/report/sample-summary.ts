// A consolidated summary's input for examples, sample pages and tests: 48 units expected, 3 missing,
// totals of some metrics with their leading units, risks by category and level, one overdue high risk.
import type { SummaryInput, SummaryRisk } from './summary-report';

export function sampleSummaryInput(): SummaryInput {
  const overdueHigh: SummaryRisk = {
    unit: '市交通运输局',
    id: 'FX-009',
    description: '网络舆情监测手段不足',
    level: '高',
    overdue: true,
    deadline: '2023-09-30',
  };
  return {
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
      { id: 'theory.centralGroup', total: 136, top: [{ unit: '市委宣传部', value: 6 }] },
      {
        id: 'front.activities',
        total: 2630,
        top: [
          { unit: '市妇联', value: 1754 },
          { unit: '市文联', value: 120 },
        ],
      },
      { id: 'front.reach', total: 156000, top: [{ unit: '市妇联', value: 98000 }] },
      {
        id: 'front.posts',
        total: 21800,
        top: [
          { unit: '市委网信办', value: 13000 },
          { unit: '市文联', value: 410 },
        ],
      },
      { id: 'org.responsibilityLetters', total: 320, top: [{ unit: '市粮食和物资储备局', value: 14 }] },
    ],
    riskCounts: [
      { category: '组织领导', level: '中', count: 12 },
      { category: '网络意识形态', level: '高', count: 3 },
      { category: '阵地管理', level: '低', count: 9 },
    ],
    commonProblems: [
      { category: '阵地管理', units: 9, examples: ['网站信息更新缓慢，个别版块长期不更新'] },
      { category: '组织领导', units: 12, examples: ['对意识形态工作重视不够，把意识形态工作作为软任务'] },
    ],
    highRisks: [overdueHigh],
    overdueRisks: [overdueHigh],
  };
}
