// Sample submissions of the built-in 党风廉政建设 definition (templates/definitions/party-conduct.json),
// built from the definition's metric ids: a 市自然资源和规划局 quarterly analysis for 2024 Q2 with its own
// paragraphs for two of the five categories and a register of seven risks (one overdue), and helpers that
// turn it into a half-year self-inspection or into another unit with other data and no words of its own.
import { emptyNarrative } from '../../templates/src/check/checker';
import { sampleMetrics } from '../../templates/src/samples/submission';
import { builtinDefinitions } from '../../templates/src/standard/registry';
import { completeSubmission, type Risk, type Submission } from '../../templates/src/standard/schema';
import type { Definition } from '../../templates/src/standard/types';
import type { FillInput } from '../../templates/src/template/fill';

export const PARTY_CONDUCT_ID = 'yanpan.party-conduct';

/** The built-in 党风廉政建设 definition (as registered). */
export function partyConductDefinition(): Definition {
  const def = builtinDefinitions.find((d) => d.id === PARTY_CONDUCT_ID);
  if (!def) throw new Error(`no built-in definition ${PARTY_CONDUCT_ID}`);
  return def;
}

/** 本期数 / 本年累计 by metric id, 2024 Q2. Yearly work (责任书, 风险点) was mostly done in Q1. */
const Q2_VALUES: Record<string, [number, number]> = {
  'duty.partyMeetings': [2, 4],
  'duty.responsibilityLetters': [0, 46],
  'duty.reportsHeard': [3, 5],
  'duty.integrityTalks': [36, 118],
  'edu.lectures': [2, 4],
  'edu.activities': [5, 9],
  'edu.warningSessions': [3, 6],
  'edu.warningReach': [420, 860],
  'edu.films': [2, 4],
  'style.inspections': [4, 7],
  'style.found': [6, 11],
  'style.fixed': [6, 11],
  'disc.firstForm': [9, 15],
  'disc.petitions': [4, 7],
  'disc.clues': [3, 5],
  'disc.sanctions': [1, 1],
  'risk.points': [12, 186],
  'risk.controls': [20, 312],
  'risk.rules': [3, 8],
};

type RiskInput = Pick<
  Risk,
  'id' | 'category' | 'description' | 'level' | 'measures' | 'deadline' | 'status' | 'overdue'
> & { detail: string; progress: string; cause: string };

/** 责任领导 and 责任部门（责任人） by risk category. */
const OWNERS: Record<string, [string, string]> = {
  主体责任落实: ['周建华', '机关党委（李倩）'],
  廉洁教育: ['周建华', '机关纪委（何明）'],
  作风建设: ['吴立新', '办公室（郑凯）'],
  权力运行监督: ['吴立新', '法规科（许静）'],
  廉政风险防控: ['陈晓东', '机关纪委（何明）'],
};

const RISKS: RiskInput[] = [
  {
    id: 'LZ-001',
    category: '主体责任落实',
    description: '个别下属单位党支部落实全面从严治党主体责任有温差，存在“上热中温下冷”现象',
    detail: '下属事业单位党支部专题研究党风廉政建设次数偏少，会议记录照搬上级文件，结合本单位实际不够',
    level: '中',
    measures: '对下属单位党支部书记开展履责约谈，每半年听取一次履行主体责任情况汇报并当面点评',
    deadline: '2024-12-31',
    status: '整改中',
    progress: '已约谈3个支部书记',
    cause: '压力传导层层递减，个别支部书记“一岗双责”意识不强，认为党风廉政建设是机关纪委的事',
    overdue: false,
  },
  {
    id: 'LZ-002',
    category: '廉洁教育',
    description: '警示教育针对性不强，运用本系统典型案例不够',
    detail: '警示教育以观看通用警示教育片为主，对近年来系统内土地审批领域违纪违法案例剖析不深',
    level: '低',
    measures: '编印本系统典型案例警示录，组织召开以案促改专题组织生活会',
    deadline: '2024-09-30',
    status: '未整改',
    progress: '',
    cause: '',
    overdue: false,
  },
  {
    id: 'LZ-003',
    category: '作风建设',
    description: '节日期间“四风”问题隐形变异风险仍然存在',
    detail: '个别干部存在接受管理服务对象宴请、收受电子红包的苗头',
    level: '中',
    measures: '在中秋、国庆前发出廉洁过节提醒，联合派驻纪检监察组开展明察暗访',
    deadline: '2024-10-10',
    status: '整改中',
    progress: '',
    cause: '个别干部纪律意识淡薄，对“四风”隐形变异问题认识不清，存在侥幸心理',
    overdue: false,
  },
  {
    id: 'LZ-004',
    category: '作风建设',
    description: '个别科室存在文件多、报表多、工作群留痕多的形式主义问题',
    detail: '',
    level: '低',
    measures: '清理精简工作群和报表，严格控制发文数量',
    deadline: '2024-06-15',
    status: '已整改',
    progress: '已清理精简工作群12个，合并报表5类',
    cause: '',
    overdue: false,
  },
  {
    id: 'LZ-005',
    category: '权力运行监督',
    description: '规划条件调整、容积率核定等审批环节自由裁量空间较大，存在权力寻租风险',
    detail: '审批链条长，内部制约和公开程度不够，个别事项集体审议流于形式',
    level: '高',
    measures: '制定规划条件调整集体审议规则，推行审批事项网上全流程留痕，重大事项纳入“三重一大”集体决策',
    deadline: '2024-08-31',
    status: '整改中',
    progress: '集体审议规则已起草',
    cause: '内控制度更新滞后于业务发展，对关键岗位的监督缺少技术手段',
    overdue: false,
  },
  {
    id: 'LZ-006',
    category: '权力运行监督',
    description: '测绘服务等政府采购项目监管存在薄弱环节',
    detail: '个别项目采购需求论证不充分，合同履约验收不够严格',
    level: '中',
    measures: '修订政府采购内部管理办法，实行采购需求集体论证和履约验收双人签字',
    deadline: '2024-12-31',
    status: '未整改',
    progress: '',
    cause: '',
    overdue: false,
  },
  {
    id: 'LZ-007',
    category: '廉政风险防控',
    description: '部分岗位廉政风险点排查不够精准，防控措施更新不及时',
    detail: '不动产登记、测绘项目采购等岗位风险点描述笼统，防控措施照搬上年',
    level: '中',
    measures: '对照岗位职责重新梳理风险点，逐岗修订防控措施，建立季度动态更新机制',
    deadline: '2024-06-30',
    status: '整改中',
    progress: '已完成登记中心岗位梳理',
    cause: '风险排查存在“一劳永逸”思想，结合机构改革后职能调整不够',
    overdue: true,
  },
];

function risksOf(list: readonly RiskInput[]): Risk[] {
  return list.map((r, i) => ({
    id: r.id,
    category: r.category,
    description: r.description,
    detail: r.detail || null,
    level: r.level,
    measures: r.measures,
    leader: OWNERS[r.category ?? '']?.[0] ?? null,
    owner: OWNERS[r.category ?? '']?.[1] ?? null,
    deadline: r.deadline,
    status: r.status,
    progress: r.progress || null,
    note: null,
    overdue: r.overdue,
    row: i + 3,
    values: { cause: r.cause || null },
  }));
}

/** The quarterly sample: every metric filled, own paragraphs for 主体责任 and 作风建设, no next steps. */
export function partyConductSample(def: Definition = partyConductDefinition()): Submission {
  return completeSubmission(
    {
      templateId: def.id,
      templateVersion: def.version,
      unit: { name: '市自然资源和规划局', code: 'ZR001' },
      partyOrg: '市自然资源和规划局党组',
      reportKind: '季度分析研判报告',
      year: 2024,
      period: '第二季度',
      filler: '何明',
      phone: '0372-5987766',
      reviewer: '陈晓东',
      fillDate: '2024-07-08',
      info: {
        superiorOrg: '中共市直机关工委',
        dutyList: '是',
        inAssessment: '是',
        inReview: '否',
      },
      metrics: sampleMetrics(def, Q2_VALUES),
      risks: risksOf(RISKS),
      narrative: {
        opening: null,
        sections: [
          {
            category: '主体责任',
            title: '扛牢管党治党政治责任，推动主体责任落细落实',
            body: '局党组把党纪学习教育作为全面从严治党的重要抓手，制定学习教育实施方案，党组书记带头读原文、谈体会，班子成员深入分管科室和下属单位宣讲《中国共产党纪律处分条例》。结合国土空间规划、耕地保护等重点业务，细化全面从严治党主体责任清单和班子成员“一岗双责”任务清单，推动管党治党责任与业务工作同频共振。',
          },
          {
            category: '作风建设',
            title: '紧盯节点纠治“四风”，作风建设常抓不懈',
            body: '在清明、五一、端午等节日前通过工作群、短信向全体干部职工发送廉洁提醒，联合派驻纪检监察组对公务用车使用、公务接待等情况开展专项检查。聚焦不动产登记“一件事一次办”改革，开展窗口作风暗访，对办事群众反映的推诿扯皮问题及时督促整改。',
          },
        ],
        problems: [],
        nextSteps: [],
        signatureUnit: '中共市自然资源和规划局党组',
        signatureDate: '2024-07-08',
      },
    },
    def,
  );
}

/** The same unit's half-year self-inspection (上半年: 本期数 = 本年累计), with no words of its own. */
export function partyConductSelfInspection(def: Definition = partyConductDefinition()): Submission {
  const q = partyConductSample(def);
  const h1: Record<string, [number, number]> = {};
  for (const [id, [, ytd]] of Object.entries(Q2_VALUES)) h1[id] = [ytd, ytd];
  return {
    ...q,
    reportKind: '半年自查报告',
    period: '上半年',
    info: { ...q.info, reportKind: '半年自查报告', period: '上半年' },
    metrics: sampleMetrics(def, h1),
    narrative: { ...q.narrative, sections: [] },
  };
}

/**
 * Another unit with other figures and another register and nothing written of its own, for checking that
 * two units' reports share no stock sentence.
 */
export function otherUnit(def: Definition = partyConductDefinition()): Submission {
  const q = partyConductSample(def);
  const values: Record<string, [number, number]> = {
    'duty.partyMeetings': [1, 3],
    'duty.responsibilityLetters': [0, 23],
    'duty.reportsHeard': [1, 2],
    'duty.integrityTalks': [14, 40],
    'edu.lectures': [1, 2],
    'edu.activities': [3, 5],
    'edu.warningSessions': [2, 3],
    'edu.warningReach': [150, 260],
    'edu.films': [1, 3],
    'style.inspections': [2, 5],
    'style.found': [3, 4],
    'style.fixed': [2, 3],
    'disc.firstForm': [4, 6],
    'disc.petitions': [2, 2],
    'disc.clues': [2, 3],
    'disc.sanctions': [0, 0],
    'risk.points': [0, 64],
    'risk.controls': [0, 97],
    'risk.rules': [1, 2],
  };
  const risks: RiskInput[] = [
    {
      id: 'FX-01',
      category: '主体责任落实',
      description: '全面从严治党主体责任清单细化不够，班子成员“一岗双责”履行不平衡',
      detail: '个别班子成员对分管科室的廉政谈话以会代谈，内容泛泛',
      level: '中',
      measures: '修订主体责任清单，明确班子成员每季度至少与分管科室负责人谈话一次',
      deadline: '2024-11-30',
      status: '整改中',
      progress: '',
      cause: '',
      overdue: false,
    },
    {
      id: 'FX-02',
      category: '权力运行监督',
      description: '住房租赁补贴资金审核发放环节存在虚报冒领风险',
      detail: '审核主要依靠申请人提供的纸质材料，与民政、公安数据比对不及时',
      level: '高',
      measures: '建立补贴资金发放部门间数据比对机制，每季度开展一次抽查复核',
      deadline: '2024-10-31',
      status: '未整改',
      progress: '',
      cause: '信息共享机制不健全，审核人员风险意识不强',
      overdue: false,
    },
    {
      id: 'FX-03',
      category: '廉洁教育',
      description: '新入职和年轻干部廉洁教育覆盖不全',
      detail: '',
      level: '低',
      measures: '将廉洁教育纳入新入职干部培训必修内容，开展青年干部廉洁教育专题活动',
      deadline: '2024-09-15',
      status: '未整改',
      progress: '',
      cause: '',
      overdue: false,
    },
  ];
  return completeSubmission(
    {
      ...q,
      unit: { name: '市住房保障和房产管理局', code: 'FG017' },
      partyOrg: '市住房保障和房产管理局党组',
      filler: '孙丽',
      info: { superiorOrg: '中共市直机关工委', dutyList: '否', inAssessment: '是', inReview: '是' },
      metrics: sampleMetrics(def, values),
      risks: risksOf(risks),
      narrative: emptyNarrative(),
    },
    def,
  );
}

/** A submission as fillWorkbook input (every field by key, metrics and risks by column key). */
export function asFillInput(sub: Submission): FillInput {
  return {
    ...sub,
    info: sub.info ?? {},
    metrics: sub.metrics.map((m) => ({ id: m.id, current: m.current, ytd: m.ytd, note: m.note })),
    risks: sub.risks.map((r) => ({ ...r.values, ...r, row: r.row })),
  } as unknown as FillInput;
}
