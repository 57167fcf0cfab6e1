// One realistic, complete, error-free submission: a 市交通运输局 quarterly analysis report for 2023 Q3.
// Used by tests, the demo, the benchmark and the README's sample pages.
import type { Definition } from '../standard/types';
import { completeSubmission, type MetricValue, type Risk, type Submission } from '../standard/schema';

/** current / ytd by metric id (a stock metric has ytd null). */
const VALUES: Record<string, [number | null, number | null]> = {
  'org.partyMeetings': [2, 6],
  'org.analysisMeetings': [1, 3],
  'org.responsibilityLetters': [0, 14],
  'org.reportsUp': [1, 2],
  'org.inspections': [1, 2],
  'theory.centralGroup': [3, 9],
  'theory.seminars': [2, 5],
  'theory.staffStudy': [6, 17],
  'theory.partyLectures': [4, 11],
  'theory.themedTalks': [3, 7],
  'theory.warningEducation': [2, 4],
  'theory.essays': [86, 231],
  'front.posts': [4120, 13460],
  'front.activities': [38, 112],
  'front.reach': [26500, 98000],
  'front.boardUpdates': [9, 27],
  'front.featuredBranches': [2, 5],
  'net.found': [7, 19],
  'net.handled': [7, 19],
  'net.commentators': [12, null],
  'team.talks': [64, 178],
  'team.corrections': [2, 5],
  'team.training': [1, 3],
};

type RiskInput = Omit<Risk, 'row' | 'note' | 'leader' | 'owner' | 'detail' | 'progress'> & {
  detail: string;
  progress: string;
};

/** 责任领导 and 责任部门（责任人） by risk category. */
const OWNERS: Record<string, [string, string]> = {
  组织领导: ['张志刚', '机关党委（刘洋）'],
  理论武装: ['张志刚', '机关党委（陈静）'],
  阵地管理: ['赵海峰', '办公室（孙磊）'],
  舆论引导: ['赵海峰', '办公室（孙磊）'],
  网络意识形态: ['赵海峰', '信息中心（周凯）'],
  队伍建设: ['钱文华', '人事科（吴敏）'],
};

const RISKS: RiskInput[] = [
  {
    id: 'FX-001',
    category: '组织领导',
    description: '个别基层党支部对意识形态工作重视不够，存在重业务、轻思想的倾向',
    detail: '少数支部把意识形态工作当作“软任务”，专题研究流于形式，会议记录内容简单',
    level: '中',
    measures: '将意识形态工作纳入支部书记抓党建述职评议，每季度抽查支部会议记录并通报结果',
    deadline: '2023-12-31',
    status: '整改中',
    progress: '已完成两个支部的抽查',
    overdue: false,
  },
  {
    id: 'FX-002',
    category: '组织领导',
    description: '意识形态工作责任清单细化不够，层层传导压力存在递减现象',
    detail: '部分下属单位责任清单照抄照搬，未结合行业特点明确具体任务',
    level: '低',
    measures: '指导下属单位结合实际修订责任清单，逐项明确责任人和完成时限',
    deadline: '2023-09-15',
    status: '整改中',
    progress: '已修订5家单位清单，其余正在修订',
    overdue: true,
  },
  {
    id: 'FX-003',
    category: '理论武装',
    description: '部分党员干部理论学习主动性不强，以干代学、学用脱节的问题仍然存在',
    detail: '在线学习平台只求完成积分，集中研讨发言质量不高，联系业务实际不够',
    level: '中',
    measures: '建立学习情况季度通报制度，把研讨发言质量纳入支部考评，推行“学习+调研”双促机制',
    deadline: '2023-12-31',
    status: '整改中',
    progress: '',
    overdue: false,
  },
  {
    id: 'FX-004',
    category: '理论武装',
    description: '青年干部对党史国情了解不够深入，辨别错误思潮的能力有待提高',
    detail: '个别青年干部对网络上的历史虚无主义言论缺乏警觉',
    level: '中',
    measures: '组织青年理论学习小组开展专题学习，邀请党校教师进行辅导，开展现场教学',
    deadline: '2023-11-30',
    status: '未整改',
    progress: '',
    overdue: false,
  },
  {
    id: 'FX-005',
    category: '阵地管理',
    description: '系统内部分公众号、工作群管理不够规范，信息发布审核把关不严',
    detail: '个别下属单位公众号存在转发未经核实信息的情况，部分工作群无明确管理员',
    level: '高',
    measures: '开展新媒体平台清理整顿，严格执行信息发布“三审三校”制度，逐一明确工作群管理员',
    deadline: '2023-10-31',
    status: '整改中',
    progress: '已关停2个长期不更新的公众号',
    overdue: false,
  },
  {
    id: 'FX-006',
    category: '阵地管理',
    description: '公交站亭、客运站电子屏等宣传阵地内容更新不及时',
    detail: '部分站点宣传内容仍为上半年主题，个别电子屏存在故障未及时维修',
    level: '低',
    measures: '建立宣传阵地台账，明确运营单位维护责任，每月巡查一次并及时更新内容',
    deadline: '2023-08-31',
    status: '已整改',
    progress: '已完成全部站点内容更新，建立月度巡查台账',
    overdue: false,
  },
  {
    id: 'FX-007',
    category: '舆论引导',
    description: '对出租车、网约车管理等群众关注的热点问题回应不够及时',
    detail: '政策调整时解读不充分，网民留言答复存在滞后',
    level: '中',
    measures: '建立热点问题快速回应机制，重要政策出台同步发布解读，网民留言三个工作日内答复',
    deadline: '2023-12-31',
    status: '整改中',
    progress: '',
    overdue: false,
  },
  {
    id: 'FX-008',
    category: '舆论引导',
    description: '正面宣传的方式方法较为单一，对新媒体传播规律把握不够',
    detail: '宣传稿件以工作信息为主，群众喜闻乐见的短视频、图解等形式较少',
    level: '低',
    measures: '组建新媒体宣传小组，每月策划一期行业正能量短视频，开设“交通人的一天”专栏',
    deadline: '2023-12-31',
    status: '未整改',
    progress: '',
    overdue: false,
  },
  {
    id: 'FX-009',
    category: '网络意识形态',
    description: '网络舆情监测手段不足，对苗头性舆情发现不够及时',
    detail: '主要依靠人工浏览，夜间和节假日监测存在空档',
    level: '高',
    measures: '引入舆情监测服务，建立节假日值班和舆情日报制度，完善舆情分级处置预案',
    deadline: '2023-09-30',
    status: '未整改',
    progress: '',
    overdue: true,
  },
  {
    id: 'FX-010',
    category: '网络意识形态',
    description: '个别干部职工网络言行不够谨慎，存在在朋友圈转发不实信息的情况',
    detail: '',
    level: '中',
    measures: '开展网络言行规范专题教育，签订网络文明承诺书，对违规转发行为及时提醒纠正',
    deadline: '2023-10-31',
    status: '整改中',
    progress: '',
    overdue: false,
  },
  {
    id: 'FX-011',
    category: '队伍建设',
    description: '意识形态工作力量较为薄弱，专职人员少、兼职人员多',
    detail: '网评员、信息员均为各科室兼职，业务培训不足，工作精力投入有限',
    level: '中',
    measures: '充实意识形态工作力量，每半年组织一次业务培训，将网评员工作纳入年度考核',
    deadline: '2024-03-31',
    status: '未整改',
    progress: '',
    overdue: false,
  },
  {
    id: 'FX-012',
    category: '队伍建设',
    description: '对一线职工和临聘人员的思想动态掌握不够及时',
    detail: '谈心谈话主要覆盖在编干部，对站务、驾驶等一线人员关注较少',
    level: '低',
    measures: '将一线职工和临聘人员纳入谈心谈话范围，各支部每季度开展一次思想动态分析',
    deadline: '2023-12-31',
    status: '整改中',
    progress: '',
    overdue: false,
  },
];

/**
 * Every metric of `def` with the figures `values` gives it ([本期数, 本年累计] by metric id; blank without);
 * a stock (网评员) has no 本年累计.
 */
export function sampleMetrics(
  def: Definition,
  values: Readonly<Record<string, readonly [number | null, number | null]>>,
): MetricValue[] {
  return def.metrics.map((m) => {
    const [current, ytd] = values[m.id] ?? [null, null];
    return {
      id: m.id,
      name: m.name,
      category: m.category,
      unit: m.unit,
      kind: m.kind,
      current,
      ytd: m.kind === 'stock' ? null : ytd,
      note: null,
    };
  });
}

/**
 * The sample, shaped by `def` (the standard it is checked and reported with): every metric of the 意识形态
 * standard filled (签订意识形态工作责任书 is 0 this quarter, as happens after Q1); a metric the sample has no
 * figure for stays blank.
 */
export function sampleSubmission(def: Definition): Submission {
  const metrics = sampleMetrics(def, VALUES);
  const risks: Risk[] = RISKS.map((r, i) => ({
    ...r,
    leader: OWNERS[r.category ?? '']?.[0] ?? null,
    owner: OWNERS[r.category ?? '']?.[1] ?? null,
    detail: r.detail || null,
    progress: r.progress || null,
    note: null,
    row: i + 3,
  }));
  return completeSubmission(
    {
      templateId: def.id,
      templateVersion: def.version,
      unit: { name: '市交通运输局', code: 'JT001' },
      partyOrg: '局党组',
      reportKind: '季度分析研判报告',
      year: 2023,
      period: '第三季度',
      filler: '王晓敏',
      phone: '0372-5981234',
      reviewer: '李建国',
      fillDate: '2023-10-10',
      metrics,
      risks,
      narrative: {
        opening:
          '意识形态工作是党的一项极端重要的工作。今年以来，局党组坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻党的二十大精神，严格落实意识形态工作责任制，把意识形态工作与交通运输业务工作同谋划、同部署、同推进，聚焦行业窗口单位和网络阵地等重点领域，全面排查、认真研判意识形态领域风险隐患，全系统意识形态领域总体安全可控。现将2023年第三季度意识形态工作分析研判情况报告如下：',
        sections: [
          {
            category: '组织领导',
            title: '压紧压实主体责任，意识形态工作领导有力',
            body: '局党组始终把意识形态工作摆在全局工作的突出位置，形成党组书记牵头抓总、分管领导具体负责、机关党委统筹协调、各科室和下属单位各负其责的工作格局。坚持每季度专题研究意识形态工作，及时传达学习上级关于意识形态工作的部署要求，结合交通运输行业特点细化年度工作要点和责任清单，把意识形态工作纳入基层党建考核和领导班子述职评议，推动责任层层传导、落地落实。',
          },
          {
            category: '理论武装',
            title: '坚持学思践悟，理论武装持续走深走实',
            body: '严格落实“第一议题”制度和党组理论学习中心组学习制度，围绕习近平新时代中国特色社会主义思想、习近平总书记关于交通运输工作的重要论述等内容制定季度学习计划，采取集中学习、专题研讨、现场教学相结合的方式，推动理论学习与行业发展实际紧密结合。各党支部依托“三会一课”、主题党日等载体，组织党员干部开展经常性学习，引导党员干部坚定理想信念、增强政治定力。',
          },
          {
            category: '阵地建设',
            title: '管好用好宣传阵地，主流舆论不断壮大',
            body: '坚持“谁主管谁负责、谁主办谁负责”原则，对门户网站、微信公众号、工作群以及公交站亭、客运站电子屏等宣传阵地实行台账管理，严格执行信息发布审核制度。围绕重要时间节点和行业重点工作，组织开展“文明交通”“最美交通人”等主题宣传活动，讲好交通故事，传播行业正能量，营造了积极向上的舆论氛围。',
          },
          {
            category: '网络意识形态',
            title: '加强网络舆情管控，网络阵地安全稳定',
            body: '健全网络舆情监测、研判、处置、回应工作机制，落实专人负责网络舆情日常监测，密切关注涉及出租车、网约车、公交运营等群众关心的热点问题，对苗头性舆情做到早发现、早研判、早处置。加强对系统内新媒体账号和工作群的规范管理，引导干部职工自觉遵守网络言行规范。',
          },
        ],
        problems: [],
        nextSteps: [
          {
            category: null,
            title: '持续压实意识形态工作责任',
            body: '坚持把意识形态工作作为党的建设和政治建设的重要内容，严格落实定期分析研判、专题报告、专项督查等制度，第四季度对下属单位开展一次意识形态工作专项督查，对发现的问题建立台账、跟踪整改，确保责任落实到位。',
          },
          {
            category: null,
            title: '持续深化理论武装',
            body: '围绕学习贯彻习近平新时代中国特色社会主义思想主题教育，组织好中心组学习、专题研讨和青年理论学习小组学习，推动党员干部把学习成果转化为推动交通运输高质量发展的实际成效。',
          },
          {
            category: null,
            title: '持续强化阵地管理和舆论引导',
            body: '加快推进舆情监测服务引入，完善节假日值班和舆情日报制度，对系统内新媒体平台开展一次全面清理整顿，提高热点问题回应速度，牢牢掌握网络意识形态工作主动权。',
          },
        ],
        signatureUnit: '中共市交通运输局党组',
        signatureDate: '2023-10-10',
      },
    },
    def,
  );
}

/**
 * The same unit's half-year self-inspection (半年自查报告, 上半年), written in July: the figures of the first
 * half (本期数 = 本年累计, the half year starting on 1 January), its own paragraphs on the half year and
 * its plans for the second, the register as it stood (the risk found since is not in it), and its
 * superior named.
 */
export function sampleSelfInspection(def: Definition): Submission {
  const q3 = sampleSubmission(def);
  return {
    ...q3,
    reportKind: '半年自查报告',
    period: '上半年',
    fillDate: '2023-07-10',
    info: { ...q3.info, superiorOrg: '市委' },
    metrics: q3.metrics.map((m) => {
      const n =
        m.kind === 'stock' ? m.current : m.current !== null && m.ytd !== null ? m.ytd - m.current : null;
      return { ...m, current: n, ytd: m.kind === 'stock' ? null : n };
    }),
    risks: q3.risks.filter((r) => r.id !== 'FX-006'),
    narrative: {
      ...q3.narrative,
      opening: null,
      sections: [
        {
          category: '组织领导',
          title: '健全责任体系，把意识形态工作抓在经常',
          body: '年初召开党组会议专题研究部署全年意识形态工作，印发年度工作要点和责任清单，明确党组书记第一责任人责任和班子成员“一岗双责”。局党组与机关各科室、下属单位逐级签订意识形态工作责任书，把意识形态工作纳入基层党建述职评议和年度目标考核，结合民主生活会对照检查了责任制落实情况。',
        },
        {
          category: '理论武装',
          title: '以主题教育为抓手，推动理论学习入脑入心',
          body: '围绕学习贯彻习近平新时代中国特色社会主义思想主题教育，制定党组理论学习中心组学习计划，采取领学促学、专题研讨、实地调研相结合的方式组织集中学习。各党支部结合“三会一课”开办读书班、开展研讨交流，组织青年干部赴红色教育基地开展现场教学。',
        },
        {
          category: '阵地建设',
          title: '守好宣传阵地，讲好交通故事',
          body: '对局门户网站、微信公众号和公交站亭、客运站电子屏等阵地逐一登记造册，落实信息发布“三审三校”。春运和“五一”期间，围绕平安出行、文明乘车开展主题宣传，在客运站和公交场站设置宣传展板，推出“最美交通人”系列报道。',
        },
        {
          category: '网络意识形态',
          title: '盯紧网上舆情，及时回应群众关切',
          body: '明确信息中心专人负责网络舆情日常监测，建立涉交通舆情日报制度，对群众在网上反映的网约车管理、公交线路调整等问题，会同业务科室及时核实、及时回应。对系统内工作群和新媒体账号进行了一次摸底登记。',
        },
      ],
      nextSteps: [
        {
          category: null,
          title: '持续压实意识形态工作责任',
          body: '下半年对下属单位开展一次意识形态工作专项督查，对这次自查发现的问题建立台账、逐项销号，推动责任清单落实到每个岗位。',
        },
        {
          category: null,
          title: '推动理论学习走深走实',
          body: '巩固主题教育成果，把研讨发言质量纳入支部考评，组织青年理论学习小组开展专题学习，提高党员干部运用党的创新理论分析解决问题的能力。',
        },
        {
          category: null,
          title: '加强网络阵地和宣传阵地管理',
          body: '引入专业舆情监测服务，完善节假日值班制度，对系统内新媒体平台开展一次清理整顿，做到阵地有人管、内容有人审、舆情有人盯。',
        },
      ],
      signatureDate: '2023-07-10',
    },
  };
}
