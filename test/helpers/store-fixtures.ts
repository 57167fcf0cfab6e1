// Hand-built submissions for the store tests: a unit, a period, some metric values and risks.
import { createHash } from 'node:crypto';
import { definition } from '../../templates/src/standard/ideology';
import type { CheckResult, Issue, Risk, Submission } from '../../templates/src/standard/schema';
import type { RecordFile } from '../../importer/src/store';

export interface SubSpec {
  code?: string | null;
  name: string;
  year: number;
  period: string;
  reportKind?: string;
  fillDate?: string;
  /** metric id → [本期数, 本年累计] */
  metrics?: Record<string, [number | null, number | null]>;
  /** [风险编号, 整改状态, 描述?] */
  risks?: [string, string | null, string?][];
}

export function makeSubmission(spec: SubSpec): Submission {
  const metrics = definition.metrics.map((m) => {
    const v = spec.metrics?.[m.id];
    return {
      id: m.id,
      name: m.name,
      category: m.category,
      unit: m.unit,
      kind: m.kind,
      current: v ? v[0] : null,
      ytd: v && m.kind === 'flow' ? v[1] : null,
      note: null,
    };
  });
  const risks: Risk[] = (spec.risks ?? []).map(([id, status, description], i) => ({
    id,
    category: '阵地管理',
    description: description ?? `风险${id}的描述`,
    detail: null,
    level: '中',
    measures: '加强管理',
    leader: null,
    owner: null,
    deadline: '2023-12-31',
    status,
    progress: status === '已整改' ? '已完成' : null,
    note: null,
    overdue: false,
    row: 3 + i,
  }));
  return {
    templateId: definition.id,
    templateVersion: definition.version,
    unit: { name: spec.name, code: spec.code === undefined ? null : spec.code },
    partyOrg: null,
    reportKind: spec.reportKind ?? '季度分析研判报告',
    year: spec.year,
    period: spec.period,
    filler: '张三',
    phone: '13800000000',
    reviewer: null,
    fillDate: spec.fillDate ?? `${spec.year}-10-10`,
    metrics,
    risks,
    narrative: {
      opening: null,
      sections: [],
      problems: [],
      nextSteps: [],
      signatureUnit: null,
      signatureDate: null,
    },
  };
}

/** A RecordFile whose "bytes" are the submission's JSON (plus a salt, to make distinct files). */
export function recordOf(fileName: string, spec: SubSpec, issues: Issue[] = [], salt = ''): RecordFile {
  const submission = makeSubmission(spec);
  const bytes = new TextEncoder().encode(JSON.stringify(submission) + salt);
  const result: CheckResult = { submission, issues };
  return {
    hash: createHash('sha256').update(bytes).digest('hex'),
    fileName,
    result,
    bytes,
  };
}
