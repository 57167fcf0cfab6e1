// What importBatch takes and gives back, host-free.
import type { Definition, EarlierReport, Issue, ReminderItem } from '../../../templates/src/index';
import type { ImportAggregate } from './aggregate';
import type { CheckedFile, LocalDefinition } from './check-task';
import type { CheckPool } from './host';
import type { FILE_STATUS_LABEL } from './labels';
import type { OverviewFigures, TrackingInput, TrackingRound, UnitStatus } from './tracking';

export type FileState = keyof typeof FILE_STATUS_LABEL;

export interface BatchOptions {
  /** The kind of report this round consolidates; files of another kind are not mixed in. */
  def: Definition;
  /** Local definition files (validated), so that workbooks of a local variant are checked with it. */
  definitions?: readonly LocalDefinition[];
  /** The roster (单位名册) file: its name (for messages) and bytes. */
  roster?: { name: string; bytes: Uint8Array } | null;
  /** Workers; default the host's parallelism (at most MAX_JOBS). */
  jobs?: number;
  /** 填报日期 and overdue risks are judged against this date (YYYY-MM-DD); default today. */
  asOf?: string;
  /** Per-file time budget in the worker (ms); default DEFAULT_BUDGET_MS. */
  budgetMs?: number;
  /** 上级单位 that signs the summary report and the 催报通知. */
  issuer?: string;
  /**
   * The round's 报送截止日期 (YYYY-MM-DD); a roster unit's own 报送截止日期 wins. A unit is 迟报 when its
   * 填报日期 or its file's arrival (the file's modification date, unless later than asOf) is after it.
   */
  deadline?: string | null;
  /** Where units send their workbooks ("市直机关工委组织科邮箱"), for the 催报通知; default 原报送渠道. */
  sendTo?: string | null;
  onProgress?: (done: number, total: number) => void;
  /** Each file as soon as it is settled or checked (the page's live 报送情况). */
  onFile?: (event: FileEvent) => void;
  /** Also give every file's issues in the summary (summary.files[].issues), as the tracking lists them. */
  keepIssues?: boolean;
  /** Sentences on the main changes since the previous period (summary report; set by the workspace). */
  changes?: string[];
  /** Adds sheets (环比, 风险跟踪, 跨期核对) to the tracking workbook (set by the workspace). */
  extraTrackingSheets?: TrackingInput['extraSheets'];
  /** A worker pool already running, reused (and left open); default one from the host. */
  pool?: CheckPool;
  /**
   * Files the caller has checked already (with the same asOf and definitions), by the SHA-256 of their
   * bytes (set by the workspace, which checks every file as it records it): not checked again, only their
   * unit reports are built.
   */
  checked?: ReadonlyMap<string, CheckedFile>;
  /**
   * Each unit's earlier report of the year, by the SHA-256 of the file whose report refers back to it (set
   * by the workspace from the store): the unit report says how that report's risks stand now.
   */
  earlier?: ReadonlyMap<string, EarlierReport>;
  /** What summary.outputs.dir says (the Node host: the output folder). */
  outDir?: string;
}

/** One file, once its check is done (or it was settled without reading). */
export interface FileEvent {
  /** Files done so far, of `total`. */
  done: number;
  total: number;
  file: string;
  state: FileState;
  /** The unit the workbook names (before it is matched to the roster). */
  unit: { code: string | null; name: string | null } | null;
  errors: number;
  warnings: number;
  issues: Issue[];
}

/** One output: its path in the output folder ("汇总台账.xlsx", "reports/….docx") and its scratch key. */
export interface BatchOutput {
  path: string;
  key: string;
}

export interface BatchSummary {
  units: {
    code: string;
    name: string;
    status: UnitStatus;
    file: string | null;
    errors: number;
    warnings: number;
    /** The unit's 退回修改 copy (under outputs.dir), when one was written. */
    returnCopy: string | null;
    contact: string | null;
    phone: string | null;
    /** 按时 / 迟报 against the deadline; null without a deadline or when nothing was submitted. */
    timeliness: '按时' | '迟报' | null;
    daysLate: number | null;
  }[];
  /** The 催报名单: units to chase, in roster order. */
  reminders: ReminderItem[];
  /** The round most counted units report (the tracking workbook's title and name); null if none. */
  round: TrackingRound | null;
  /** The round's deadline: the one given, else the one all roster units share; null if none. */
  deadline: string | null;
  files: { file: string; status: FileState; unit: string | null; issues?: Issue[] }[];
  outputs: {
    dir: string;
    tracking: string;
    summaryReport: string | null;
    /** 催报通知.docx, when some unit is to be chased. */
    reminderNotice: string | null;
    reports: string[];
    returnCopies: string[];
  };
  totals: {
    expected: number;
    submitted: number;
    ok: number;
    warnings: number;
    errors: number;
    /** Units that sent something that cannot be used (a document, an .xls, a damaged file). */
    unusable: number;
    missing: number;
    /** Submitted units 按时 and 迟报; null when no unit had a deadline. */
    onTime: number | null;
    late: number | null;
    unknown: number;
    /** Every file found (inside .zip files too). */
    files: number;
    /** Files read as workbooks. */
    workbooks: number;
    /** Documents sent instead of a workbook. */
    documents: number;
    /** Files skipped or ignored (not submissions). */
    skipped: number;
    duplicates: number;
    unreadable: number;
    risks: number;
    highRisks: number;
    overdueRisks: number;
    issues: number;
  };
  /** Problems of our own (never of an input), e.g. a report that could not be built. */
  notes: string[];
  timing: { seconds: number; checkMsTotal: number; reportMsTotal: number; checkedFiles: number };
  aggregate: ImportAggregate;
  /** The tracking workbook's 总览 figures (submission counts, risks by category × level), as written there. */
  overview: OverviewFigures;
}

export interface BatchResult {
  summary: BatchSummary;
  /** Every output, in a fixed order (tracking, summary report, then per unit: report, return copy). */
  outputs: BatchOutput[];
}
