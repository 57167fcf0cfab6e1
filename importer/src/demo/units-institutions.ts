// The demo's 事业单位 and 国有企业: each unit's own workbook content (see data.ts).
import type { DemoUnit } from './data';

const ENTERPRISE_SUPERIOR = '市政府国资委党委';
const ALL_YES = { dutyList: true, inAssessment: true, inReview: true };

export const INSTITUTION_UNITS: DemoUnit[] = [
  {
    code: 'SZ029',
    name: '市农业机械发展中心',
    aliases: [],
    group: '事业单位',
    partyOrg: '市农业机械发展中心党支部',
    superiorOrg: '市农业农村局党组',
    duty: ALL_YES,
    filler: '常乐',
    reviewer: '段志勇',
    scale: 0.6,
    audience: 40,
    figures: { 'net.found': 0, 'net.handled': 0, 'net.commentators': 2 },
    opening:
      '第三季度，中心党支部在市农业农村局党组领导下，加强农机系统意识形态阵地建设和管理，结合秋收农机作业服务做好干部职工和农机手的思想工作。现将有关情况报告如下：',
    work: [
      {
        category: '阵地建设',
        title: '管好农机系统宣传阵地',
        body: '系统内宣传栏、电子显示屏和文化活动场地的内容由专人负责更新，始终坚持正确政治方向。在农机合作社和农机培训现场张贴惠农政策宣传材料，把党的声音送到田间地头。',
      },
      {
        category: '网络意识形态',
        title: '严把网上信息发布关',
        body: '中心公众号和农机手服务群的信息发布实行专人审核、负责人签发。对群内转发的不实信息及时澄清提醒。',
      },
      {
        category: '理论武装',
        title: '推动支部学习常态化',
        body: '坚持每月主题党日集中学习，结合农机购置补贴政策执行开展廉政教育。',
      },
    ],
    problems: [
      {
        category: '阵地建设',
        title: '基层农机合作社宣传覆盖不足',
        body: '部分合作社远离城区，宣传材料发放后跟踪不够。',
      },
    ],
    nextSteps: [
      {
        title: '延伸农机系统宣传阵地',
        body: '依托农机技术培训把政策宣传送到合作社和农机手手中。',
      },
      {
        title: '规范农机补贴政策信息发布',
        body: '补贴资金公示统一通过官方渠道发布，防止不实信息传播。',
      },
    ],
    risks: [
      {
        category: '其他',
        description: '农机购置补贴办理中个别群众产生误解',
        detail: '部分农机手对补贴额度调整不理解，在微信群中发泄不满',
        cause: '补贴政策调整宣传不够及时，解释不够通俗',
        measures: '编印补贴政策明白纸，在补贴受理点设置咨询台',
        level: 'low',
        status: 'inProgress',
        deadline: '2023-12-31',
        progress: '明白纸已印发各县区',
        owner: '农机推广科',
      },
    ],
  },
  {
    code: 'SZ030',
    name: '市林业发展中心',
    aliases: [],
    group: '事业单位',
    partyOrg: '市林业发展中心党支部',
    superiorOrg: '市自然资源和规划局党组',
    duty: { dutyList: true, inAssessment: false, inReview: true },
    filler: '康宁',
    reviewer: '史国庆',
    scale: 0.6,
    audience: 45,
    opening:
      '第三季度，中心党支部以全国文明城市创建和文明单位创建为契机，持续开展精神文明创建活动，把意识形态工作融入国土绿化、森林资源保护和林场管理，职工队伍团结稳定。现将有关情况报告如下：',
    work: [
      {
        category: '阵地建设',
        title: '以文明创建凝聚人心',
        body: '开展“文明林场”“文明护林员”评选，在林场和森林公园设置生态文明宣传牌。组织职工参加城市志愿服务，以精神文明创建锻炼队伍、展示形象。',
      },
      {
        category: '理论武装',
        title: '推动学习向林场延伸',
        body: '利用“学习强国”和支部集中学习日组织党员学习，把学习资料送到偏远林场，确保一线职工学习不掉队。',
      },
      {
        category: '队伍建设',
        title: '关心护林员队伍思想状况',
        body: '通过走访林场、与护林员谈心谈话，了解护林员的工作生活困难，帮助协调解决工资待遇和巡护装备问题。',
      },
    ],
    problems: [
      {
        category: '组织领导',
        title: '意识形态工作考核评价机制不健全',
        body: '意识形态工作尚未纳入中心对林场的年度考核，责任落实主要依靠会议部署。',
      },
    ],
    nextSteps: [
      {
        title: '将意识形态工作纳入林场考核',
        body: '修订林场年度考核办法，增设意识形态工作考核指标。',
      },
      {
        title: '加强森林防火宣传阵地建设',
        body: '在进山路口和林区设置防火宣传牌，结合秋冬季防火开展入户宣传。',
      },
    ],
    risks: [
      {
        category: '队伍建设',
        description: '偏远林场职工思想动态掌握不够及时',
        detail: '部分林场地处偏远，职工长期驻守，交流渠道少',
        cause: '中心对林场职工的走访频次偏低',
        measures: '建立中心领导包联林场制度，每季度到林场走访谈心一次',
        level: 'low',
        status: 'inProgress',
        deadline: '2023-12-31',
        progress: '包联方案已制定',
        owner: '人事科',
      },
    ],
  },
  {
    code: 'SZ031',
    name: '市图书馆',
    aliases: [],
    group: '事业单位',
    partyOrg: '市图书馆党支部',
    superiorOrg: '市文化广电和旅游局党组',
    duty: ALL_YES,
    filler: '易欣然',
    reviewer: '乔红英',
    scale: 0.8,
    audience: 120,
    figures: { 'net.found': 0, 'net.handled': 0, 'net.commentators': 3 },
    opening:
      '第三季度，馆党支部围绕公共文化服务主责，把意识形态工作落实到文献采购、讲座展览和阅读推广各个环节，馆内阵地安全有序。现将有关情况报告如下：',
    work: [
      {
        category: '阵地建设',
        title: '办好“市民讲堂”和主题展览',
        body: '“市民讲堂”暑期推出红色经典导读系列讲座，每场讲座的主讲人和课件均经支部审核。在少儿阅览区举办“童心向党”绘本展，引导少年儿童从小听党话、跟党走。',
      },
      {
        category: '组织领导',
        title: '严格文献采购和捐赠图书审查',
        body: '落实文献采购审核制度，采购书目实行采编部门初审、分管馆长复审。对社会捐赠图书逐册查验，不符合要求的一律不入藏。',
      },
      {
        category: '网络意识形态',
        title: '管好数字资源和读者交流平台',
        body: '馆网站、数字阅读平台和读者交流群由专人管理，不当留言及时清理。',
      },
      {
        category: '队伍建设',
        title: '提升馆员政治素养',
        body: '组织馆员参加全省公共图书馆业务培训，把意识形态知识纳入新入职馆员岗前培训。',
      },
    ],
    problems: [
      {
        category: '阵地建设',
        title: '讲座主讲人背景审核手段有限',
        body: '部分外请主讲人由合作机构推荐，支部对其背景和既往言论了解不够全面。',
      },
    ],
    nextSteps: [
      {
        title: '完善讲座展览审核流程',
        body: '建立外请主讲人信息库，讲座一律“一会一报”。',
      },
      {
        title: '深化红色阅读推广',
        body: '在馆内设立红色文献专区，结合重要纪念日举办主题阅读活动。',
      },
    ],
    risks: [
      {
        category: '阵地管理',
        description: '社会捐赠图书中可能夹带不适宜读物',
        detail: '近期接收的一批捐赠图书中发现少量境外出版物',
        cause: '捐赠图书来源复杂，查验人员对政治性问题的辨别能力有限',
        measures: '修订捐赠文献接收办法，实行两人查验，存疑图书提交专家鉴定',
        level: 'low',
        status: 'inProgress',
        deadline: '2023-12-31',
        progress: '存量捐赠图书复查完毕',
        owner: '采编部',
      },
    ],
  },
  {
    code: 'SZ032',
    name: '国基公司',
    aliases: [],
    group: '国有企业',
    partyOrg: '国基公司党委',
    superiorOrg: ENTERPRISE_SUPERIOR,
    duty: ALL_YES,
    filler: '尹浩',
    reviewer: '黄伟民',
    scale: 1.3,
    audience: 40,
    opening:
      '第三季度，公司党委坚持党对国有企业的全面领导，把意识形态工作与生产经营深度融合，结合国企改革深化提升行动做好职工思想工作，企业发展稳中有进。现将有关情况报告如下：',
    work: [
      {
        category: '理论武装',
        title: '落实“三会一课”和主题党日制度',
        body: '各基层党支部按期召开支部党员大会、支委会和党小组会，主题党日结合项目建设开展“党员先锋岗”亮诺践诺。党委书记深入项目一线讲专题党课。',
      },
      {
        category: '队伍建设',
        title: '常态化开展谈心谈话',
        body: '坚持党委委员联系基层支部、支部书记联系党员、党员联系职工的谈心谈话机制，掌握改革中职工的思想动态。组织生活会上认真开展批评和自我批评，增强政治定力。',
      },
      {
        category: '阵地建设',
        title: '建设企业文化宣传阵地',
        body: '在公司总部和项目部设置企业文化墙，宣传社会主义核心价值观和企业精神。通过公司内刊和公众号报道一线职工的先进事迹。',
      },
      {
        category: '组织领导',
        title: '把意识形态要求融入公司治理',
        body: '党委前置研究讨论重大经营事项时同步评估舆情风险。各子公司党组织书记为本单位意识形态工作第一责任人，年终述职必须报告履责情况。',
      },
    ],
    problems: [
      {
        category: '队伍建设',
        title: '改革中职工思想波动需持续关注',
        body: '三项制度改革推进中，部分职工对岗位调整和薪酬变化存在顾虑。',
      },
    ],
    nextSteps: [
      {
        title: '做实改革期间的思想政治工作',
        body: '对改革涉及岗位人员逐一谈心，做好政策解释和心理疏导。',
      },
      {
        title: '提升企业文化阵地影响力',
        body: '年内完成项目部企业文化阵地标准化建设。',
      },
    ],
    risks: [
      {
        category: '队伍建设',
        description: '三项制度改革中个别职工存在抵触情绪',
        detail: '竞聘上岗后少数落聘职工在工作群发表消极言论',
        cause: '改革方案宣讲不够充分，落聘人员安置和心理疏导不够细致',
        measures: '对落聘职工逐一谈心谈话，提供转岗培训机会，完善改革政策答疑机制',
        level: 'medium',
        status: 'inProgress',
        deadline: '2023-12-31',
        progress: '已完成落聘人员谈话',
        owner: '人力资源部',
      },
    ],
  },
  {
    code: 'SZ033',
    name: '市投资集团',
    aliases: [],
    group: '国有企业',
    partyOrg: '市投资集团党委',
    superiorOrg: ENTERPRISE_SUPERIOR,
    duty: ALL_YES,
    filler: '赖晓峰',
    reviewer: '陶建新',
    scale: 1.2,
    audience: 35,
    figures: { 'net.found': 0, 'net.handled': 0, 'net.commentators': 16 },
    opening:
      '第三季度，集团党委坚持“两个一以贯之”，把意识形态工作作为加强国有企业党的建设的重要内容，围绕投融资主业和子公司管理抓好思想引领，集团上下凝心聚力谋发展。现将有关情况报告如下：',
    work: [
      {
        category: '组织领导',
        title: '建立集团意识形态工作责任清单',
        body: '制定集团党委意识形态工作责任清单，把责任分解到党委委员、各职能部门和子公司党组织。将意识形态工作纳入子公司负责人年度经营业绩考核，出现重大问题的实行一票否决。',
      },
      {
        category: '理论武装',
        title: '坚持“第一议题”学习制度',
        body: '集团党委会把学习习近平总书记最新重要讲话和指示批示精神作为“第一议题”，结合国有资本投资运营实际研究落实措施。中心组围绕防范化解金融风险开展专题学习。',
      },
      {
        category: '阵地建设',
        title: '讲好国企发展故事',
        body: '在集团公众号开设“投资一线”专栏，报道重点项目建设进展和员工奋斗故事。',
      },
      {
        category: '网络意识形态',
        title: '规范子公司网络平台管理',
        body: '对子公司网站、公众号开展全面清理，关停长期不更新的账号，保留的账号一律备案并落实信息发布审核。',
      },
      {
        category: '队伍建设',
        title: '加强青年员工思想引导',
        body: '针对集团青年员工占比高的实际，开展青年员工读书分享会，通过导师带徒和谈心谈话引导青年员工扣好职业生涯第一粒扣子。',
      },
    ],
    problems: [
      {
        category: '网络意识形态',
        title: '子公司网络账号管理存在漏洞',
        body: '部分子公司在人员变动后未及时交接账号密码，存在账号被盗用的风险。',
      },
      {
        category: '理论武装',
        title: '子公司理论学习质量不平衡',
        body: '个别子公司学习以传达文件为主，研讨交流不深入。',
      },
    ],
    nextSteps: [
      {
        title: '完善网络账号全生命周期管理',
        body: '建立账号注册、交接、注销登记制度，每半年开展一次清查。',
      },
      {
        title: '推动子公司学习提质增效',
        body: '由集团党委组织部对子公司中心组学习开展旁听和督导。',
      },
    ],
    risks: [
      {
        category: '网络意识形态',
        description: '子公司存在长期未更新的“僵尸”公众号',
        detail: '清查中发现3个子公司公众号超过一年未更新',
        cause: '账号开设后缺乏专人运营，注销流程不清楚',
        measures: '对“僵尸”账号予以注销，保留的账号落实专人管理',
        level: 'low',
        status: 'done',
        deadline: '2023-09-30',
        progress: '3个账号已全部注销',
        owner: '党委宣传部',
      },
      {
        category: '其他',
        description: '融资项目到期兑付压力可能引发负面舆论',
        detail: '个别融资项目的投资者在网上询问兑付安排',
        cause: '市场环境变化，信息披露的主动性和通俗性不够',
        measures: '制定重点融资项目兑付预案，主动做好信息披露和投资者沟通',
        level: 'medium',
        status: 'inProgress',
        deadline: '2023-12-31',
        progress: '兑付预案已制定',
        owner: '资金财务部',
      },
    ],
  },
  {
    code: 'SZ034',
    name: '市城建集团',
    aliases: [],
    group: '国有企业',
    partyOrg: '市城建集团党委',
    superiorOrg: ENTERPRISE_SUPERIOR,
    duty: { dutyList: true, inAssessment: true, inReview: false },
    filler: '龚秀云',
    reviewer: '洪卫星',
    scale: 1.1,
    audience: 55,
    opening:
      '第三季度，集团党委围绕重点工程建设攻坚抓好意识形态工作，把党支部建在项目上，把思想工作做到工地上，各项目建设有序推进，工地秩序总体稳定。现将有关情况报告如下：',
    work: [
      {
        category: '组织领导',
        title: '把临时党支部建在项目上',
        body: '在城市快速路、安置房等重点项目成立临时党支部，项目经理部党支部书记对项目意识形态工作负直接责任。集团党委每月到项目工地督导一次。',
      },
      {
        category: '理论武装',
        title: '推动理论学习进工地',
        body: '利用工地夜校组织项目管理人员学习党的二十大精神，党委委员到项目临时党支部讲党课。',
      },
      {
        category: '阵地建设',
        title: '打造工地“文化长廊”',
        body: '在项目工地围挡设置以社会主义核心价值观和城市文明为主题的“文化长廊”，在农民工生活区建设“工友书屋”。利用班前讲话宣传安全生产和法律知识。',
      },
      {
        category: '其他',
        title: '保障农民工合法权益',
        body: '落实农民工实名制管理和工资专用账户制度，项目部设立工资支付公示牌，畅通投诉渠道，从源头防范欠薪引发的负面舆情。',
      },
      {
        category: '队伍建设',
        title: '做好一线职工思想工作',
        body: '项目党支部书记经常与管理人员和农民工代表谈心谈话，对反映的吃住行问题及时协调解决。',
      },
    ],
    problems: [
      {
        category: '其他',
        title: '欠薪隐患排查还不够彻底',
        body: '部分分包单位用工管理不规范，工资发放存在拖延，容易引发农民工集体讨薪。',
      },
      {
        category: '阵地建设',
        title: '工地宣传内容更新滞后',
        body: '个别项目围挡宣传画面破损褪色后未及时更换。',
      },
    ],
    nextSteps: [
      {
        title: '开展欠薪隐患专项排查',
        body: '对所有在建项目分包单位的工资发放情况逐一核查，发现问题限期整改。',
      },
      {
        title: '规范工地宣传阵地管理',
        body: '建立围挡宣传画面巡查更换制度，由项目部专人负责。',
      },
    ],
    risks: [
      {
        category: '其他',
        description: '分包单位拖欠农民工工资，存在引发集体讨薪和网上炒作的风险',
        detail: '一处安置房项目分包单位延迟发放两个月工资，部分农民工在短视频平台发布讨薪视频',
        cause: '总包单位对分包单位用工和工资发放监管不到位，工程款拨付进度滞后',
        measures: '督促总包单位代发拖欠工资，对分包单位约谈并扣减信用分，完善工资支付预警机制',
        level: 'medium',
        status: 'inProgress',
        deadline: '2023-09-30',
        progress: '已代发部分工资，剩余款项正在协调拨付',
        owner: '工程管理部',
      },
      {
        category: '阵地管理',
        description: '个别工地围挡公益宣传画面破损',
        detail: '检查中发现部分围挡画面褪色破损，影响城市形象',
        cause: '项目部对围挡宣传的日常维护不够重视',
        measures: '对全部在建项目围挡开展一次检查，破损画面限期更换',
        level: 'low',
        status: 'open',
        deadline: '2023-12-31',
        owner: '党群工作部',
      },
    ],
  },
];
