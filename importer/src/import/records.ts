// The one small record the pipeline keeps per file (its bulky parts — risks, issues, a unit's words — are
// spooled), and the importer's own findings about files.
import {
  makeIssue,
  type Definition,
  type EarlierReport,
  type Issue,
  type MessageCode,
  type MessageVars,
} from '../../../templates/src/index';
import type { FileState } from './batch-types';
import type { Span } from './host';
import { MAX_FILE_BYTES } from './limits';
import { isLaterSubmission, problemText, type ReadOutcome } from './names';
import type { Source, SourceIssue } from './sources';

export interface FileRecord {
  idx: number;
  source: Source;
  rel: string;
  mtimeMs: number;
  state: FileState;
  identicalTo: number | null;
  unit: number | null;
  /** The unit was found from the file's name (a document or an unreadable file). */
  byFileName: boolean;
  wbName: string | null;
  wbCode: string | null;
  fillDate: string | null;
  year: number | null;
  reportKind: string | null;
  period: string | null;
  errors: number;
  warnings: number;
  /** Issues the checker found in the workbook (those marked in the return copy). */
  checkIssues: number;
  /** The file's first 错误, shown where the file is listed on one line. */
  firstError: string | null;
  risks: number;
  high: number;
  overdue: number;
  current: (number | null)[] | null;
  riskSpan: Span | null;
  /** The unit's own practices and 存在问题 (a few sentences), for the summary report. */
  wordsSpan: Span | null;
  /**
   * The unit's earlier report of the year as its unit report refers back to it (BatchOptions.earlier, its
   * counts only): the summary report sums these over the counted units.
   */
  earlier: EarlierReport | null;
  issueSpan: Span | null;
  extraIssues: Issue[];
  /** The unit report, kept in scratch under `key`; `name` as the report builder named it. */
  report: { key: string; name: string } | null;
  /** Scratch key of the file's bytes, kept for its return copy (files with issues only). */
  kept: string | null;
  /** Scratch key of the file's return copy. */
  returnCopy: string | null;
  /** Notes of our own about this file, in file order in the summary. */
  notes: string[];
}

export function newRecord(source: Source, idx: number): FileRecord {
  return {
    idx,
    source,
    rel: source.rel,
    mtimeMs: source.mtimeMs ?? 0,
    state: 'failed',
    identicalTo: null,
    unit: null,
    byFileName: false,
    wbName: null,
    wbCode: null,
    fillDate: null,
    year: null,
    reportKind: null,
    period: null,
    errors: 0,
    warnings: 0,
    checkIssues: 0,
    firstError: null,
    risks: 0,
    high: 0,
    overdue: 0,
    current: null,
    riskSpan: null,
    wordsSpan: null,
    earlier: null,
    issueSpan: null,
    extraIssues: [],
    report: null,
    kept: null,
    returnCopy: null,
    notes: [],
  };
}

/** Adds one of our own issues to a file, counting it. */
export function addIssue(rec: FileRecord, issue: Issue): void {
  rec.extraIssues.push(issue);
  if (issue.severity === 'error') {
    rec.errors++;
    rec.firstError ??= issue.message;
  } else rec.warnings++;
}

/** An issue of the importer's own about a file (its value: the file's name). */
export function fileFinding<C extends MessageCode>(
  def: Definition,
  severity: Issue['severity'],
  code: C,
  file: string | null,
  vars: MessageVars<C>,
): Issue {
  return makeIssue(def, severity, code, vars, { value: file });
}

/** A finding made when the file was found, as an Issue. */
export const fromSource = (def: Definition, s: SourceIssue): Issue =>
  makeIssue(def, s.severity, s.rule, s.vars as MessageVars<typeof s.rule>, { value: s.value });

/** The issue for a file that could not be read. */
export function readIssue(
  def: Definition,
  rel: string,
  r: Extract<ReadOutcome, { problem: unknown }>,
): Issue {
  switch (r.problem) {
    case 'tooLarge':
      return fileFinding(def, 'error', 'file.tooLarge', rel, { limit: `${MAX_FILE_BYTES / 1024 / 1024} MB` });
    case 'notRegular':
      return fileFinding(def, 'error', 'file.notRegular', rel, { file: rel });
    default:
      if (r.code === 'archive') return fileFinding(def, 'error', 'archive.entryCorrupt', rel, {});
      return fileFinding(def, 'error', 'file.unreadable', rel, { reason: problemText(r.problem, r.code) });
  }
}

/** Later 填报日期 wins, then the later file time, then the later path (deterministic). */
export function laterThan(a: FileRecord, b: FileRecord): boolean {
  return isLaterSubmission({ ...a, name: a.rel }, { ...b, name: b.rel });
}
