// The demo data set: 市直 units as named in seed 001, each with its own workbook content — its opening,
// its 工作开展情况 about its own line of work, its 存在问题, 下一步工作打算 and risk register — written for this
// demo in the register of the reports units write (not copied from the seeds). No paragraph is shared
// between units: the per-unit reports and the summary must read as written by 33 different offices.
// The units themselves live in units-*.ts, one object per unit; this file holds the shapes and the figures.
import type { RosterUnit } from '../import/roster-match';
import { GOVERNMENT_UNITS } from './units-government';
import { INSTITUTION_UNITS } from './units-institutions';
import { PARTY_UNITS } from './units-party';

/** 工作情况 类别 (the definition's workCategory vocabulary). */
export type DemoWorkCategory = '组织领导' | '理论武装' | '阵地建设' | '网络意识形态' | '队伍建设' | '其他';
/** 风险类别 (the definition's riskCategory vocabulary). */
export type DemoRiskCategory =
  '组织领导' | '理论武装' | '阵地管理' | '舆论引导' | '网络意识形态' | '队伍建设' | '其他';

/** One 工作情况 row: a 工作开展情况 subsection, a 存在问题 or a 下一步工作打算. */
export interface DemoParagraph {
  category?: DemoWorkCategory;
  title: string;
  body: string;
}

/** One 风险隐患台账 row. Level and status are roles, written with the definition's own words. */
export interface DemoRisk {
  category: DemoRiskCategory;
  description: string;
  detail: string;
  /** 原因分析 */
  cause: string;
  measures: string;
  level: 'high' | 'medium' | 'low';
  status: 'open' | 'inProgress' | 'done';
  /** 整改时限, YYYY-MM-DD (before DEMO_AS_OF and not done = overdue). */
  deadline: string;
  /** 完成情况 */
  progress?: string;
  /** 责任领导 (default: the unit's reviewer). */
  leader?: string;
  /** 责任部门（责任人） */
  owner: string;
}

export interface DemoUnit extends RosterUnit {
  partyOrg: string;
  /** 落款单位 when it is not the 党组织名称: a 市委 department signs as itself, not as its 机关党委. */
  signatureUnit?: string;
  /** 上级党组织 (default: 市委, which leads a 市直 unit; the 工委 that collects the reports guides it). */
  superiorOrg?: string;
  /** The three 责任制 facts of 基本信息 that the unit answers 否 (default: 是). */
  duty?: { dutyList?: false; inAssessment?: false; inReview?: false };
  filler: string;
  /** 审核人（分管领导）, also the default 责任领导 of the unit's risks. */
  reviewer: string;
  /** Scale of the unit's activity: figures are drawn around METRIC_BASE × scale. */
  scale: number;
  /** People an activity reaches on average (活动覆盖人数 = 开展宣传教育活动 × audience, roughly). */
  audience?: number;
  /**
   * 本期数 the unit reports exactly (named in the summary, as seed 001 names them); null leaves the
   * metric blank. Metrics of categories the unit wrote no paragraph about are left blank unless set here
   * or `allFigures` is set.
   */
  figures?: Readonly<Record<string, number | null>>;
  /** Fill every figure although the unit wrote only a little (the report composes the other subsections). */
  allFigures?: boolean;
  opening?: string;
  work: readonly DemoParagraph[];
  problems: readonly DemoParagraph[];
  nextSteps: readonly DemoParagraph[];
  risks: readonly DemoRisk[];
}

/** Base 本期数 per metric for a unit of scale 1 (a quarter); a metric without one is a rare event (0 or 1). */
export const METRIC_BASE: Record<string, number> = {
  // (A 党组 studies ideology once or twice a quarter.)
  'org.partyMeetings': 1.2,
  'org.analysisMeetings': 1,
  'org.responsibilityLetters': 8,
  'org.reportsUp': 1,
  'org.inspections': 1,
  'theory.centralGroup': 2.5,
  'theory.seminars': 2,
  'theory.staffStudy': 6,
  'theory.partyLectures': 2,
  'theory.themedTalks': 4,
  'theory.warningEducation': 1,
  'theory.essays': 40,
  'front.posts': 120,
  'front.activities': 12,
  'front.boardUpdates': 6,
  'front.featuredBranches': 1,
  'net.found': 2,
  'net.commentators': 5,
  'team.talks': 30,
  'team.training': 1,
};

/** People reached per activity when a unit does not say (活动覆盖人数). */
export const DEFAULT_AUDIENCE = 50;

/** The roster, in code order. */
export const DEMO_UNITS: DemoUnit[] = [...PARTY_UNITS, ...GOVERNMENT_UNITS, ...INSTITUTION_UNITS];
