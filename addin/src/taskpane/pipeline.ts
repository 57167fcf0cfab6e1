// Host-free steps shared by the Excel, Word and standalone views: the same checker and report builder the
// importer uses (templates/src), plus byte/base64 helpers. No Office, no DOM.
import {
  checkWorkbookBytes,
  type DefinitionRegistry,
  reportFileName,
  unitReportDocx,
  type CheckResult,
  type Definition,
  type Issue,
  type Submission,
  type UnitReportOptions,
} from '../../../templates/src/index';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk)
    binary += String.fromCharCode.apply(null, Array.from(bytes.subarray(i, i + chunk)));
  return btoa(binary);
}

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/**
 * Checks a chosen workbook file (Word view, standalone view) against one definition, or against the one
 * of a registry its template id names (the result's definitionId). Never throws: failures are Issues.
 */
export async function checkFileBytes(
  bytes: Uint8Array,
  defs: Definition | DefinitionRegistry,
): Promise<CheckResult> {
  return checkWorkbookBytes(bytes, defs);
}

export interface BuiltReport {
  bytes: Uint8Array;
  fileName: string;
  base64: string;
}

/** Builds the unit's .docx with the shared report builder; a draft is marked as such (UnitReportOptions). */
export async function buildReport(
  sub: Submission,
  def: Definition,
  opts: UnitReportOptions = {},
): Promise<BuiltReport> {
  const bytes = await unitReportDocx(sub, def, opts);
  return { bytes, fileName: reportFileName(sub, def, opts), base64: bytesToBase64(bytes) };
}

export function countIssues(issues: readonly Issue[]): { errors: number; warnings: number } {
  const errors = issues.filter((i) => i.severity === 'error').length;
  return { errors, warnings: issues.length - errors };
}

/**
 * The one rule of every mode (Excel, Word, standalone) for what a check allows: a report when the workbook
 * has no errors; when it has errors, no report — only a draft, and only when the user chose “仍然生成草稿”;
 * nothing when there is nothing to report from.
 */
export type ReportDecision =
  | { kind: 'report'; sub: Submission }
  | { kind: 'draftOnly'; sub: Submission; errors: number }
  | { kind: 'none' };

export function reportDecision(check: CheckResult): ReportDecision {
  if (!check.submission) return { kind: 'none' };
  const { errors } = countIssues(check.issues);
  return errors === 0
    ? { kind: 'report', sub: check.submission }
    : { kind: 'draftOnly', sub: check.submission, errors };
}

export interface IssueGroup {
  /** Sheet name as found in the file; null for whole-file issues. */
  sheet: string | null;
  issues: Issue[];
}

/** Issues grouped by sheet: whole-file issues first, then the standard sheets in definition order. */
export function groupIssues(issues: readonly Issue[], def: Definition): IssueGroup[] {
  const order = [
    def.sheets.guide,
    def.sheets.info,
    def.sheets.metrics,
    def.sheets.risks,
    def.sheets.narrative,
    def.sheets.meta,
  ];
  const groups = new Map<string | null, Issue[]>();
  for (const issue of issues) {
    const list = groups.get(issue.sheet) ?? [];
    list.push(issue);
    groups.set(issue.sheet, list);
  }
  const rank = (s: string | null) =>
    s === null ? -1 : order.indexOf(s) >= 0 ? order.indexOf(s) : order.length;
  return [...groups.entries()]
    .map(([sheet, list]) => ({ sheet, issues: list }))
    .sort((a, b) => rank(a.sheet) - rank(b.sheet));
}

/** One line of the issue list: one issue, or identical issues (same sheet, rule and message) together. */
export interface IssueLine {
  severity: Issue['severity'];
  message: string;
  /** The issues of the line, in the checker's order (more than one: “以下 N 处”). */
  issues: Issue[];
}

/**
 * Identical issues — same severity, sheet, rule and message, differing only in their cell — as one line
 * each (“以下 5 处：单元格的公式结果是错误值……”), at the place of the first; others one line each.
 */
export function groupIdentical(issues: readonly Issue[]): IssueLine[] {
  const lines: IssueLine[] = [];
  const byKey = new Map<string, IssueLine>();
  for (const issue of issues) {
    const key = JSON.stringify([issue.severity, issue.sheet, issue.rule, issue.message]);
    const line = byKey.get(key);
    if (line) {
      line.issues.push(issue);
      continue;
    }
    const fresh: IssueLine = { severity: issue.severity, message: issue.message, issues: [issue] };
    byKey.set(key, fresh);
    lines.push(fresh);
  }
  return lines;
}

/** The screen-reader announcement of a check: “校验完成：错误 2 条，警告 1 条”. */
export function checkAnnouncement(issues: readonly Issue[], what = '校验完成'): string {
  const { errors, warnings } = countIssues(issues);
  if (errors === 0 && warnings === 0) return `${what}：未发现问题`;
  return `${what}：错误 ${errors} 条，警告 ${warnings} 条`;
}
