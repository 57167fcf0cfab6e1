// Report builders: per-unit reports and the consolidated summary report, as GB/T 9704 Word documents
// (.docx bytes from the one writer, ooxml.ts). Pure TypeScript: used by the importer in Node and by the
// add-in in the browser.
import type { Definition } from '../standard/types';
import type { Submission } from '../standard/schema';
import { blocksToText } from './blocks';
import { blocksToDocx, type RenderOptions } from './ooxml';
import { summaryReportBlocks, summaryTitle, type SummaryInput } from './summary-report';
import { reminderNoticeBlocks, reminderTitleWords, type ReminderInput } from './reminder';
import { DRAFT_NOTE, reportTitle, unitReportBlocks, type UnitReportOptions } from './unit-report';

export type { Block, AppendixTable, ColumnKind } from './blocks';
export type { SummaryEarlier, SummaryInput, SummaryRisk } from './summary-report';
export type { RenderOptions, RenderMeta } from './ooxml';
export type { EarlierReport, EarlierRisks, UnitReportOptions } from './unit-report';
export { blocksToText } from './blocks';
export { blocksToDocx } from './ooxml';
export {
  reportFileName,
  reportTitle,
  reportTitleWords,
  unitReportBlocks,
  riskTable,
  metricTable,
  signatureOf,
  DRAFT_MARK,
  DRAFT_NOTE,
} from './unit-report';
export {
  summaryReportBlocks,
  summaryTitle,
  summaryTitleWords,
  summaryFileName,
  practicesOf,
  unitProblemsOf,
} from './summary-report';
export type { UnitPractice, UnitProblem } from './summary-report';
export { CHART_TITLES, STATUS_SERIES, SUBMISSION_LABELS, riskChart, submissionChart } from './summary-charts';
export {
  reminderLine,
  reminderNoticeBlocks,
  reminderPasteText,
  reminderTable,
  reminderTitleWords,
  REMINDER_STATUS_TEXT,
} from './reminder';
export type { ReminderInput, ReminderItem, ReminderStatus } from './reminder';
export * from './numbers';
export * from './telling';

/** The unit's report (季度分析研判报告 or 自查报告, by its 报告类型) as .docx bytes. */
export function unitReportDocx(
  sub: Submission,
  def: Definition,
  opts: UnitReportOptions & RenderOptions = {},
): Promise<Uint8Array> {
  return blocksToDocx(unitReportBlocks(sub, def, opts), {
    title: reportTitle(sub, def, opts),
    description: opts.draft ? DRAFT_NOTE : undefined,
    draft: opts.draft,
  });
}

/** The superior's consolidated summary report as .docx bytes. */
export function summaryReportDocx(
  input: SummaryInput,
  def: Definition,
  opts: RenderOptions = {},
): Promise<Uint8Array> {
  return blocksToDocx(summaryReportBlocks(input, def), { title: summaryTitle(input, def), ...opts });
}

/** The 催报通知 as .docx bytes. */
export function reminderNoticeDocx(input: ReminderInput, def: Definition): Promise<Uint8Array> {
  return blocksToDocx(reminderNoticeBlocks(input, def), { title: reminderTitleWords(input, def).join('') });
}

/** The unit report's plain text (one paragraph a line), for previews and tests. */
export function unitReportText(sub: Submission, def: Definition, opts: UnitReportOptions = {}): string {
  return blocksToText(unitReportBlocks(sub, def, opts));
}

export function summaryReportText(input: SummaryInput, def: Definition): string {
  return blocksToText(summaryReportBlocks(input, def));
}
