// One realistic, complete, error-free submission: a 市交通运输局 quarterly analysis report for 2023 Q3,
// and the same unit's half-year self-inspection (上半年) written in July.
// Used by tests, the demo, the benchmark and the README's sample pages.
import type { Definition } from '../standard/types';
import { completeSubmission, type MetricValue, type Risk, type Submission } from '../standard/schema';
import { isOverdueOn } from '../standard/roles';

/**
 * 本期数 / 本年累计 of the third quarter by metric id (a stock metric has ytd null): a municipal bureau of
 * about 200 staff with six subordinate units (公交公司, 客运中心 …). The first half's figures are the year to
 * date less the quarter.
 */
const VALUES: Record<string, [number | null, number | null]> = {
  'org.partyMeetings': [1, 3],
  'org.analysisMeetings': [1, 3],
  'org.responsibilityLetters': [0, 16],
  'org.reportsUp': [1, 2],
  'org.inspections': [0, 1],
  'theory.centralGroup': [3, 10],
  'theory.seminars': [2, 6],
  'theory.staffStudy': [4, 12],
  'theory.partyLectures': [5, 9],
  'theory.themedTalks': [2, 6],
  'theory.warningEducation': [1, 3],
  'theory.essays': [58, 176],
  'front.posts': [186, 529],
  'front.activities': [11, 29],
  'front.reach': [3600, 9100],
  'front.boardUpdates': [8, 23],
  'front.featuredBranches': [1, 2],
  'net.found': [3, 8],
  'net.handled': [3, 8],
  'net.commentators': [8, null],
  'team.talks': [46, 152],
  'team.corrections': [1, 2],
  'team.training': [1, 2],
};

/** Stock metrics as they stood at the end of the first half (网评员 were 6 before July's reinforcement). */
const STOCK_H1: Record<string, number> = { 'net.commentators': 6 };

type RiskInput = Omit<Risk, 'row' | 'note' | 'leader' | 'owner' | 'detail' | 'progress' | 'overdue'> & {
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

type RiskBase = Omit<RiskInput, 'status' | 'progress'>;

// The risks the self-inspection found and the quarter carried on (same 风险编号; their state moves on).
const RESPONSIBILITY: RiskBase = {
  id: 'FX-001',
  category: '组织领导',
  description: '意识形态工作责任制向下属单位传导不够到位，部分单位责任清单照搬照抄',
  detail: '局属6家单位中有3家的责任清单直接套用局机关文本，未结合站场、车队等一线岗位细化任务',
  level: '低',
  measures: '逐家审核下属单位责任清单，对照搬照抄的退回限期修订，修订情况纳入年底党建述职评议',
  deadline: '2023-09-30',
};
const STUDY: RiskBase = {
  id: 'FX-003',
  category: '理论武装',
  description: '部分党员干部理论学习主动性不强，存在以干代学、学用脱节的情况',
  detail: '“学习强国”等平台学习以完成积分为主，支部集中研讨照读材料多，结合岗位谈体会少',
  level: '中',
  measures: '每季度通报各支部学习情况，把研讨发言质量纳入支部考评，结合重点项目开展“学习＋调研”',
  deadline: '2023-12-31',
};
const OUTDOOR: RiskBase = {
  id: 'FX-005',
  category: '阵地管理',
  description: '公交站亭、客运站电子屏等户外宣传阵地内容更新不及时',
  detail: '部分公交站亭公益宣传画仍为春节主题，汽车北站一块电子屏故障两周未修复',
  level: '低',
  measures: '建立户外宣传阵地台账，明确公交公司、客运中心维护责任，每月巡查一次并及时更新内容',
  deadline: '2023-08-31',
};
const MONITORING: RiskBase = {
  id: 'FX-007',
  category: '网络意识形态',
  description: '网络舆情监测主要依靠人工浏览，夜间和节假日存在监测空档',
  detail: '信息中心仅1名同志兼职监测，对短视频平台和本地论坛覆盖不全，苗头性舆情发现偏晚',
  level: '高',
  measures: '引入专业舆情监测服务，建立节假日值班和舆情日报制度，完善舆情分级处置预案',
  deadline: '2023-09-30',
};
const CHAT_GROUPS: RiskBase = {
  id: 'FX-008',
  category: '网络意识形态',
  description: '系统内工作群、新媒体账号底数不清，部分工作群无专人管理',
  detail: '摸底发现各类工作群60余个，其中11个未明确群主和管理员，2个下属单位公众号长期停更',
  level: '中',
  measures: '对工作群和新媒体账号逐一登记备案，明确群主和管理员责任，注销长期停更的账号',
  deadline: '2023-09-30',
};
const COMMENTATORS: RiskBase = {
  id: 'FX-009',
  category: '队伍建设',
  description: '意识形态工作力量不足，网评员、信息员均为兼职，业务能力有待提高',
  detail: '网评员从各科室抽调，去年以来未参加过专门培训，网上发声多停留在转发层面',
  level: '中',
  measures: '充实网评员队伍，每半年组织一次业务培训，将网评员工作情况纳入年度考核',
  deadline: '2023-12-31',
};

/** The register of the 上半年 self-inspection (10 July): three already rectified in the half year. */
const RISKS_H1: RiskInput[] = [
  { ...RESPONSIBILITY, status: '未整改', progress: '' },
  {
    id: 'FX-002',
    category: '组织领导',
    description: '意识形态工作分析研判不够深入，研判会议多停留在传达文件、通报情况',
    detail: '一季度研判会议记录中对行业舆情和干部职工思想动态分析较少，提出的措施针对性不强',
    level: '中',
    measures: '研判会前由各科室、下属单位书面报送本领域思想动态和舆情情况，会上逐项分析并明确责任科室',
    deadline: '2023-06-30',
    status: '已整改',
    progress: '二季度研判会已按新要求召开，会议纪要印发各单位',
  },
  { ...STUDY, status: '整改中', progress: '已印发学习情况季度通报办法' },
  {
    id: 'FX-004',
    category: '理论武装',
    description: '青年理论学习小组活动不够经常，学习形式单一',
    detail: '一季度青年理论学习小组仅集中学习1次，以读文件为主，青年干部参与积极性不高',
    level: '低',
    measures: '制定青年理论学习小组学习计划，每月至少开展一次活动，采取读书分享、现场教学等形式',
    deadline: '2023-06-30',
    status: '已整改',
    progress: '已制定年度学习计划，二季度开展读书分享、现场教学3次',
  },
  { ...OUTDOOR, status: '整改中', progress: '已建立阵地台账，主城区站亭宣传画已更换' },
  {
    id: 'FX-006',
    category: '舆论引导',
    description: '公交线路调整等政策信息发布解读不够及时，群众不了解情况引发网上议论',
    detail: '4月部分公交线路调整，提前公示时间短，有市民在网上留言反映出行不便',
    level: '中',
    measures: '线路调整提前7天通过门户网站、公众号和站牌公告，同步发布解读，网民留言3个工作日内答复',
    deadline: '2023-06-30',
    status: '已整改',
    progress: '已建立线路调整提前公示和解读制度，6月两次调整均提前公示',
  },
  { ...MONITORING, status: '未整改', progress: '' },
  { ...CHAT_GROUPS, status: '整改中', progress: '已完成全系统工作群和新媒体账号摸底登记' },
  { ...COMMENTATORS, status: '未整改', progress: '' },
];

/**
 * The register of the third quarter (10 October): the risks carried from 上半年 moved on (two rectified,
 * two past their deadline), the ones closed in the half year gone, two new ones found in the quarter.
 */
const RISKS_Q3: RiskInput[] = [
  {
    ...RESPONSIBILITY,
    status: '整改中',
    progress: '已退回3家单位的清单，2家已重新修订，客运中心因班子调整尚未报送',
  },
  { ...STUDY, status: '整改中', progress: '已通报两个季度学习情况，对研讨质量不高的2个支部进行了提醒' },
  { ...OUTDOOR, status: '已整改', progress: '全部站亭、电子屏内容已更新，月度巡查已形成制度' },
  {
    id: 'FX-010',
    category: '阵地管理',
    description: '出租车车顶屏、公交车载屏由广告公司运营，播放内容审核把关不严',
    detail: '9月抽查发现2辆出租车车顶屏滚动播放未经审核的商业信息，运营公司没有内容审核台账',
    level: '高',
    measures: '约谈广告运营公司，推行播放内容“先备案、后播放”，每月对车载屏内容开展一次抽查',
    deadline: '2023-11-30',
    status: '整改中',
    progress: '已约谈2家广告运营公司',
  },
  {
    ...MONITORING,
    status: '整改中',
    progress: '节假日值班和舆情日报制度已建立，监测服务采购因预算调整尚未完成',
  },
  {
    ...CHAT_GROUPS,
    status: '已整改',
    progress: '11个工作群已明确群主和管理员，2个停更公众号已注销，账号备案台账已建立',
  },
  {
    id: 'FX-011',
    category: '网络意识形态',
    description: '个别干部职工网络言行不够谨慎，在微信群、朋友圈转发未经核实的信息',
    detail: '8月出租车运价调整征求意见期间，有职工在亲友群转发“起步价大幅上调”的不实消息',
    level: '中',
    measures: '开展网络言行规范专题教育，签订网络文明承诺书，对违规转发行为及时谈话提醒',
    deadline: '2023-12-31',
    status: '未整改',
    progress: '',
  },
  { ...COMMENTATORS, status: '整改中', progress: '网评员由6名增至8名，7月组织专题培训1次' },
];

/** The register's rows as the checker reads them: owners by category, 逾期 against the 填报日期. */
function registerRisks(def: Definition, inputs: readonly RiskInput[], fillDate: string): Risk[] {
  return inputs.map((r, i) => ({
    ...r,
    leader: OWNERS[r.category ?? '']?.[0] ?? null,
    owner: OWNERS[r.category ?? '']?.[1] ?? null,
    detail: r.detail || null,
    progress: r.progress || null,
    note: null,
    overdue: isOverdueOn(def, r.deadline, r.status, fillDate),
    row: i + 3,
  }));
}

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
 * standard filled (签订意识形态工作责任书 is 0 this quarter, as happens after Q1, and 专项督查 too: it is planned
 * for Q4); a metric the sample has no figure for stays blank.
 */
export function sampleSubmission(def: Definition): Submission {
  const metrics = sampleMetrics(def, VALUES);
  const risks = registerRisks(def, RISKS_Q3, '2023-10-10');
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
            title: '持续加强阵地管理和网络舆情应对',
            body: '加快完成舆情监测服务采购，年底前实现全天候监测；会同出租汽车、公交企业对车顶屏、车载屏播放内容实行备案审核，对系统内干部职工开展一次网络言行规范专题教育，牢牢掌握网络意识形态工作主动权。',
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
 * half (本期数 = 本年累计, the half year starting on 1 January; the 网评员 as they were then), its own
 * paragraphs on the half year and its plans for the second, its own register (the earlier state of the
 * risks the third quarter carries, and those closed within the half year), and its superior named.
 */
export function sampleSelfInspection(def: Definition): Submission {
  const q3 = sampleSubmission(def);
  const fillDate = '2023-07-10';
  return completeSubmission(
    {
      ...q3,
      reportKind: '半年自查报告',
      period: '上半年',
      fillDate,
      info: { superiorOrg: '市委' },
      metrics: q3.metrics.map((m) => {
        const n =
          m.kind === 'stock'
            ? (STOCK_H1[m.id] ?? m.current)
            : m.current !== null && m.ytd !== null
              ? m.ytd - m.current
              : null;
        return { ...m, current: n, ytd: m.kind === 'stock' ? null : n };
      }),
      risks: registerRisks(def, RISKS_H1, fillDate),
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
            body: '明确信息中心专人负责网络舆情日常监测，对群众在网上反映的网约车管理、公交线路调整等问题，会同业务科室及时核实、及时回应。对系统内工作群和新媒体账号进行了一次摸底登记。',
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
        signatureDate: fillDate,
      },
    },
    def,
  );
}
