// The demo data set: 市直 units as named in seed 001, with figures and texts in the register of the
// reports units write. The paragraphs are written for this demo (not copied from the seeds).
import type { RosterUnit } from '../import/roster-match';

export interface DemoUnit extends RosterUnit {
  partyOrg: string;
  /** Scale of the unit's activity: figures are drawn around base × scale. */
  scale: number;
}

const u = (
  code: string,
  name: string,
  group: string,
  partyOrg: string,
  scale: number,
  aliases: string[] = [],
): DemoUnit => ({
  code,
  name,
  aliases,
  group,
  partyOrg,
  scale,
});

export const DEMO_UNITS: DemoUnit[] = [
  u('SZ001', '市委网信办', '党群部门', '市委网信办机关党支部', 1.6),
  u('SZ002', '市委宣传部', '党群部门', '市委宣传部机关党委', 1.8),
  u('SZ003', '市委编办', '党群部门', '市委编办机关党支部', 0.7),
  u('SZ004', '市人大机关', '党群部门', '市人大常委会机关党组', 1.2, ['市人大']),
  u('SZ005', '市妇联', '党群部门', '市妇联党组', 1.5),
  u('SZ006', '市残联', '党群部门', '市残联党组', 0.9),
  u('SZ007', '市文联', '党群部门', '市文联党组', 1.1),
  u('SZ008', '市总工会', '党群部门', '市总工会党组', 1.4),
  u('SZ009', '团市委', '党群部门', '团市委机关党支部', 1.2),
  u('SZ010', '市科协', '党群部门', '市科协党组', 0.8),
  u('SZ011', '市档案馆', '党群部门', '市档案馆党支部', 0.6),
  u('SZ012', '市交通运输局', '政府部门', '市交通运输局党组', 1.5, ['市交通局']),
  u('SZ013', '市粮食和物资储备局', '政府部门', '市粮食和物资储备局党组', 1.0),
  u('SZ014', '市科技局', '政府部门', '市科技局党组', 1.0),
  u('SZ015', '市乡村振兴局', '政府部门', '市乡村振兴局党组', 1.0),
  u('SZ016', '市教育局', '政府部门', '市教育局党组', 1.9),
  u('SZ017', '市民政局', '政府部门', '市民政局党组', 1.1),
  u('SZ018', '市司法局', '政府部门', '市司法局党组', 1.1),
  u('SZ019', '市财政局', '政府部门', '市财政局党组', 0.9),
  u('SZ020', '市人社局', '政府部门', '市人社局党组', 1.2),
  u('SZ021', '市自然资源和规划局', '政府部门', '市自然资源和规划局党组', 1.0),
  u('SZ022', '市生态环境局', '政府部门', '市生态环境局党组', 1.0),
  u('SZ023', '市住建局', '政府部门', '市住建局党组', 1.1),
  u('SZ024', '市水利局', '政府部门', '市水利局党组', 0.9),
  u('SZ025', '市商务局', '政府部门', '市商务局党组', 0.8),
  u('SZ026', '市文化广电和旅游局', '政府部门', '市文化广电和旅游局党组', 1.4, ['市文广旅局']),
  u('SZ027', '市卫健委', '政府部门', '市卫健委党组', 1.6),
  u('SZ028', '市市场监管局', '政府部门', '市市场监管局党组', 1.2),
  u('SZ029', '市农业机械发展中心', '事业单位', '市农业机械发展中心党支部', 0.6),
  u('SZ030', '市林业发展中心', '事业单位', '市林业发展中心党支部', 0.6),
  u('SZ031', '市图书馆', '事业单位', '市图书馆党支部', 0.8),
  u('SZ032', '国基公司', '国有企业', '国基公司党委', 1.3),
  u('SZ033', '市投资集团', '国有企业', '市投资集团党委', 1.2),
  u('SZ034', '市城建集团', '国有企业', '市城建集团党委', 1.1),
];

/** Base 本期数 per metric for a unit of scale 1 (a quarter). */
export const METRIC_BASE: Record<string, number> = {
  'org.partyMeetings': 2,
  'org.analysisMeetings': 1,
  'org.responsibilityLetters': 8,
  'org.reportsUp': 1,
  'org.inspections': 1,
  'theory.centralGroup': 3,
  'theory.seminars': 2,
  'theory.staffStudy': 6,
  'theory.partyLectures': 2,
  'theory.themedTalks': 4,
  'theory.warningEducation': 1,
  'theory.essays': 40,
  'front.posts': 120,
  'front.activities': 12,
  'front.reach': 1500,
  'front.boardUpdates': 6,
  'front.featuredBranches': 1,
  'net.found': 3,
  'net.handled': 3,
  'net.commentators': 5,
  'team.talks': 30,
  'team.corrections': 0,
  'team.training': 1,
};

/** Figures the demo fixes for named units (so the summary names them, as seed 001 does). */
export const FIXED_FIGURES: Record<string, Record<string, number>> = {
  市妇联: { 'front.activities': 1754, 'front.reach': 98_600 },
  市委网信办: { 'front.posts': 13_260, 'net.found': 46, 'net.handled': 46, 'net.commentators': 32 },
  市文联: { 'front.posts': 410 },
  市粮食和物资储备局: { 'org.responsibilityLetters': 14 },
  市委宣传部: { 'theory.themedTalks': 68, 'front.reach': 42_000 },
};

export interface NarrativeText {
  title: string;
  body: string;
}

/** 工作开展情况 paragraphs per 类别; {unit} is replaced by the unit's name. */
export const WORK_TEXTS: Record<string, NarrativeText[]> = {
  组织领导: [
    {
      title: '压实主体责任，意识形态工作抓在经常',
      body: '{unit}党组把意识形态工作列入重要议事日程，年初制定工作要点和责任清单，明确党组书记第一责任人责任、分管领导直接责任和班子成员“一岗双责”，做到与业务工作同部署、同落实、同检查、同考核。本季度党组会议专题听取意识形态工作情况汇报，对重点领域风险逐项分析研判，逐级签订责任书，形成了一级抓一级、层层抓落实的工作格局。',
    },
    {
      title: '健全工作机制，责任链条层层传导',
      body: '及时调整充实意识形态工作领导小组，领导小组办公室设在机关党委，配齐配强工作力量。坚持每季度召开一次分析研判会，对照责任清单查找薄弱环节，对发现的问题建立台账、明确时限、跟踪销号。将意识形态工作纳入年度目标考核和党建述职评议，考核结果与评先评优挂钩。',
    },
  ],
  理论武装: [
    {
      title: '强化理论武装，筑牢思想根基',
      body: '严格落实“第一议题”制度和理论学习中心组学习制度，制定年度学习计划，围绕习近平新时代中国特色社会主义思想和党的二十大精神开展集体学习和专题研讨，班子成员结合分管工作交流发言。通过“三会一课”、主题党日、“学习强国”等载体组织干部职工集中学习，党组书记带头讲党课，引导党员干部学思想、强党性、重实践、建新功。',
    },
    {
      title: '丰富学习形式，推动学习走深走实',
      body: '坚持集中学习与自主学习相结合、线上学习与线下研讨相结合，组织党员干部赴红色教育基地开展现场教学，利用典型案例开展警示教育。围绕主题教育开展读书班和专题宣讲，组织青年干部撰写学习心得体会并择优交流，推动理论学习成果转化为推动工作的实际成效。',
    },
  ],
  阵地建设: [
    {
      title: '加强阵地管理，唱响主旋律',
      body: '严格落实“谁主管谁负责、谁主办谁负责”要求，对门户网站、微信公众号、视频号等新媒体平台实行信息发布三审三校制度，对宣传栏、电子显示屏、会议室等阵地定期巡查、及时更新。围绕重大主题和中心工作，策划推出系列宣传报道，积极宣传社会主义核心价值观，讲好本系统干事创业故事，传播正能量。',
    },
    {
      title: '创新宣传方式，扩大正面声音',
      body: '结合行业特点开展主题宣传教育活动，把理论宣讲送进基层站所和服务窗口，运用群众语言、身边事例讲清楚政策举措。打造特色党建阵地，建设文化长廊和党建活动室，推动宣传阵地向服务对象延伸，不断扩大正面宣传的覆盖面和影响力。',
    },
  ],
  网络意识形态: [
    {
      title: '严守网络阵地，提升舆情应对能力',
      body: '落实网络意识形态工作责任制，建立健全网络舆情监测、研判、处置和报告机制，安排专人每日巡查本单位网站和政务新媒体，对涉及本系统的网络舆情做到早发现、早报告、早处置。加强网评员队伍建设，组织开展网络评论业务培训，积极参与网上正面引导。',
    },
  ],
  队伍建设: [
    {
      title: '加强队伍建设，锤炼过硬作风',
      body: '坚持把思想政治建设摆在队伍建设首位，常态化开展谈心谈话，及时掌握党员干部思想动态，对思想认识有偏差的及时提醒纠正。组织意识形态工作业务培训，提升宣传思想干部政治素养和业务能力，引导干部职工坚定政治立场、严守政治纪律和政治规矩。',
    },
  ],
};

export const OPENING =
  '{period}以来，{unit}坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻党的二十大精神，认真落实意识形态工作责任制，牢牢掌握意识形态工作领导权、管理权、话语权，全系统意识形态领域总体平稳向好。现将有关情况报告如下：';

export interface RiskText {
  category: string;
  description: string;
  detail: string;
  measures: string;
}

/** Risks units report (own wording); the demo spreads them over categories and levels. */
export const RISK_TEXTS: RiskText[] = [
  {
    category: '组织领导',
    description: '个别基层支部对意识形态工作重视不够，存在重业务轻思想的倾向',
    detail: '基层支部研究意识形态工作次数偏少，工作部署停留在传达文件层面',
    measures: '将意识形态工作纳入支部书记述职评议，每季度督查一次支部落实情况',
  },
  {
    category: '组织领导',
    description: '意识形态工作责任清单未完全细化到岗位',
    detail: '部分科室责任分工不明确，“一岗双责”落实不到位',
    measures: '修订责任清单，明确到岗到人，年底前完成全面对照检查',
  },
  {
    category: '理论武装',
    description: '部分党员干部理论学习存在以干代学、学用脱节现象',
    detail: '集中学习时个别人员请假较多，学习笔记内容简单',
    measures: '建立学习考勤和学习笔记抽查制度，开展学习成果交流',
  },
  {
    category: '理论武装',
    description: '青年干部理论学习的系统性和深度不够',
    detail: '青年干部参加专题研讨发言准备不充分，联系实际不紧密',
    measures: '成立青年理论学习小组，每月开展一次专题研讨',
  },
  {
    category: '阵地管理',
    description: '宣传栏、电子显示屏等阵地内容更新不够及时',
    detail: '个别下属单位宣传栏内容长期未更新',
    measures: '建立阵地内容更新台账，明确专人负责，每月检查一次',
  },
  {
    category: '阵地管理',
    description: '对讲座、论坛等活动的内容审核把关不够严格',
    detail: '个别外请专家授课内容事前审核流于形式',
    measures: '严格执行报告会、讲座“一会一报”审批制度，落实内容审核责任',
  },
  {
    category: '舆论引导',
    description: '面对群众诉求类舆情回应不够及时，正面引导能力有待提升',
    detail: '个别涉及行业服务的网络留言回复不及时',
    measures: '完善网络问政回复机制，限时办结群众诉求，加强回应口径审核',
  },
  {
    category: '网络意识形态',
    description: '部分干部职工在微信群、朋友圈转发信息把关不严',
    detail: '个别职工在工作群转发未经核实的信息',
    measures: '开展网络安全和网络纪律专题教育，签订网络文明承诺书',
  },
  {
    category: '网络意识形态',
    description: '政务新媒体账号管理存在薄弱环节，僵尸账号未及时清理',
    detail: '下属单位个别公众号长期未更新，管理员变动后未及时交接',
    measures: '全面清理排查政务新媒体账号，建立账号台账和管理员备案制度',
  },
  {
    category: '队伍建设',
    description: '宣传思想工作队伍力量薄弱，专职人员偏少',
    detail: '意识形态工作人员多为兼职，业务培训机会少',
    measures: '配齐配强宣传思想工作人员，每年组织不少于两次业务培训',
  },
  {
    category: '队伍建设',
    description: '个别党员干部政治敏锐性和鉴别力不强',
    detail: '对错误思潮的危害性认识不足，辨别能力有待提高',
    measures: '开展警示教育和专题辅导，引导党员干部提高政治鉴别力',
  },
  {
    category: '其他',
    description: '服务对象中存在对政策理解偏差引发的负面情绪',
    detail: '部分服务对象对政策调整不理解，存在不满情绪',
    measures: '加强政策宣传解读，做好解释疏导工作，及时化解矛盾',
  },
];

export const PROBLEM_TEXTS: NarrativeText[] = [
  {
    title: '理论学习的深度还不够',
    body: '个别党员干部对理论学习的重要性认识不足，满足于读文件、记笔记，学用结合不够紧密。',
  },
  {
    title: '阵地管理还有薄弱环节',
    body: '基层宣传阵地内容更新不够及时，新媒体平台管理制度执行不够严格。',
  },
];

export const NEXT_TEXTS: NarrativeText[] = [
  {
    title: '持续压实意识形态工作责任',
    body: '进一步细化责任清单，强化督促检查，推动意识形态工作责任制落实落细。',
  },
  {
    title: '持续加强阵地建设和管理',
    body: '加强网站、新媒体和宣传栏等阵地的日常管理，健全内容审核机制，牢牢守住意识形态阵地。',
  },
];

export const FILLERS = [
  '张伟',
  '王芳',
  '李娜',
  '刘洋',
  '陈静',
  '杨帆',
  '赵磊',
  '黄敏',
  '周婷',
  '吴刚',
  '徐丽',
  '孙浩',
];
export const LEADERS = ['王建国', '李志强', '张卫东', '刘德明', '陈光辉', '杨立新'];
