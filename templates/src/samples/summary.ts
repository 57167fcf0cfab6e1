// A consolidated summary's input for examples, sample pages and tests: 48 units expected, 9 missing (an
// attachment lists them),
// totals of some metrics with their leading units, risks by category and level, four high risks (one
// overdue; 市交通运输局's agree with example 1's register).
import type { SummaryInput, SummaryRisk } from '../report/summary-report';

export function sampleSummaryInput(): SummaryInput {
  const overdueHigh: SummaryRisk = {
    unit: '市交通运输局',
    id: 'FX-007',
    category: '网络意识形态',
    description: '网络舆情监测主要依靠人工浏览，夜间和节假日存在监测空档',
    level: '高',
    overdue: true,
    deadline: '2023-09-30',
  };
  // The same unit's register as example 1 (the unit report): its two high risks, its two overdue ones.
  const overdueLow: SummaryRisk = {
    unit: '市交通运输局',
    id: 'FX-001',
    category: '组织领导',
    description: '意识形态工作责任制向下属单位传导不够到位，部分单位责任清单照搬照抄',
    level: '低',
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
      submitted: 39,
      onTime: 36,
      withWarnings: 6,
      withErrors: 2,
      missing: [
        { code: 'SZ031', name: '市供销合作社' },
        { code: 'SZ044', name: '市农业机械发展中心' },
        { code: 'SZ047', name: '国基公司' },
        { code: 'SZ035', name: '市机关事务管理局' },
        { code: 'SZ038', name: '市地方史志办' },
        { code: 'SZ040', name: '市公共资源交易中心' },
        { code: 'SZ041', name: '市住房公积金管理中心' },
        { code: 'SZ043', name: '市园林绿化中心' },
        { code: 'SZ046', name: '市地震局' },
      ],
    },
    metricTotals: [
      { id: 'theory.centralGroup', total: 136, top: [{ unit: '市委宣传部', value: 6 }] },
      {
        id: 'front.activities',
        total: 2002,
        top: [
          { unit: '市妇联', value: 1126 },
          { unit: '市文联', value: 120 },
        ],
      },
      { id: 'front.reach', total: 121400, top: [{ unit: '市妇联', value: 63400 }] },
      {
        id: 'front.posts',
        total: 21800,
        top: [
          { unit: '市委网信办', value: 8640 },
          { unit: '市文联', value: 236 },
        ],
      },
      { id: 'org.responsibilityLetters', total: 320, top: [{ unit: '市粮食和物资储备局', value: 9 }] },
    ],
    riskCounts: [
      { category: '组织领导', level: '中', count: 12 },
      { category: '网络意识形态', level: '高', count: 3 },
      { category: '阵地管理', level: '高', count: 1 },
      { category: '组织领导', level: '低', count: 1 },
      { category: '阵地管理', level: '低', count: 9 },
      // (As many risks as units reporting them at least: seven units reported 网络 problems.)
      { category: '网络意识形态', level: '中', count: 5 },
      { category: '理论武装', level: '中', count: 2 },
      { category: '队伍建设', level: '中', count: 3 },
    ],
    commonProblems: [
      { category: '阵地管理', units: 9, examples: ['网站信息更新缓慢，个别版块长期不更新'] },
      { category: '组织领导', units: 12, examples: ['对意识形态工作重视不够，把意识形态工作作为软任务'] },
      {
        category: '理论武装',
        units: 2,
        examples: ['部分党员干部理论学习主动性不强，以干代学、学用脱节的问题仍然存在'],
      },
      {
        category: '队伍建设',
        units: 3,
        examples: ['负责意识形态工作的多为兼职人员，业务培训不足'],
      },
      {
        category: '网络意识形态',
        units: 7,
        examples: [
          '网络舆情监测手段不足，夜间和节假日存在监测空档',
          '个别工作群管理不规范，存在转发不实信息的情况',
        ],
      },
    ],
    highRisks: [
      overdueHigh,
      {
        unit: '市交通运输局',
        id: 'FX-010',
        category: '阵地管理',
        description: '出租车车顶屏、公交车载屏由广告公司运营，播放内容审核把关不严',
        level: '高',
        overdue: false,
        deadline: '2023-11-30',
      },
      {
        unit: '市卫健委',
        id: 'FX-004',
        category: '网络意识形态',
        description: '涉医网络舆情应对处置能力有待提升',
        level: '高',
        overdue: false,
        deadline: '2023-12-31',
      },
      {
        unit: '市教育局',
        id: 'FX-002',
        category: '网络意识形态',
        description: '个别教师在网络上发表不当言论的风险',
        level: '高',
        overdue: false,
        deadline: '2023-11-30',
      },
    ],
    overdueRisks: [overdueHigh, overdueLow],
    practices: [
      {
        unit: '市妇联',
        category: '阵地建设',
        text: '我会组织开展“巾帼心向党”“姐妹微课堂”宣讲活动，把党的二十大精神送进社区和家庭。',
      },
      {
        unit: '市委网信办',
        category: '网络意识形态',
        text: '打造“清朗e家”网络文明品牌，强化“网信发布”阵地建设。',
      },
      {
        unit: '市科技局',
        category: '理论武装',
        text: '局党组认真落实理论学习中心组学习制度，制定年度学习实施方案。',
      },
      {
        unit: '市委编办',
        category: '理论武装',
        text: '严格落实理论学习中心组学习制度，主要领导带头讲党课。',
      },
      {
        unit: '市文联',
        category: '理论武装',
        text: '严格落实“第一议题”制度，及时跟进学习习近平总书记最新重要讲话精神。',
      },
      {
        unit: '市交通运输局',
        category: '阵地建设',
        text: '围绕平安出行、文明乘车开展主题宣传，推出“最美交通人”系列报道。',
      },
    ],
    unitProblems: [
      { unit: '市残联', category: '队伍建设', text: '意识形态工作力量不足，信息员均为兼职' },
      { unit: '市档案馆', category: '阵地管理', text: '档案展览讲解词审核把关不够严格' },
    ],
  };
}
