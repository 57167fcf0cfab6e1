// Report builders: per-unit reports and the consolidated summary report, as GB/T 9704 Word documents.
// Pure TypeScript (docx package only): used by the importer in Node and by the add-in in the browser.
import type { Document } from 'docx';
import { definition as defaultDefinition } from '../standard/ideology';
import type { Definition } from '../standard/types';
import type { Submission } from '../standard/schema';
import { blocksToText } from './blocks';
import { renderDocument } from './gbt9704';
import { blocksToDocx } from './ooxml';
import { summaryReportBlocks, summaryTitle, type SummaryInput } from './summary-report';
import { DRAFT_NOTE, reportTitle, unitReportBlocks, type UnitReportOptions } from './unit-report';

export type { Block, AppendixTable } from './blocks';
export type { SummaryInput, SummaryRisk } from './summary-report';
export { blocksToText } from './blocks';
export { renderDocument } from './gbt9704';
export { blocksToDocx, packDocx } from './ooxml';
export {
  reportFileName,
  reportTitle,
  unitReportBlocks,
  metricSentence,
  DRAFT_MARK,
  DRAFT_NOTE,
} from './unit-report';
export type { UnitReportOptions } from './unit-report';
export { summaryReportBlocks, summaryTitle, summaryFileName } from './summary-report';
export * from './numbers';

/** Document properties of a unit report: its title, and for a draft the draft note as description. */
function unitMeta(sub: Submission, def: Definition, opts: UnitReportOptions) {
  return { title: reportTitle(sub, def, opts), description: opts.draft ? DRAFT_NOTE : undefined };
}

/** The unit's report (季度分析研判报告 or 自查报告, by its 报告类型) as a Word document. */
export function buildUnitReport(
  sub: Submission,
  def: Definition = defaultDefinition,
  opts: UnitReportOptions = {},
): Document {
  return renderDocument(unitReportBlocks(sub, def, opts), unitMeta(sub, def, opts));
}

/**
 * The unit report's .docx bytes directly, without building a docx Document (the fastest path; the same
 * bytes as packDocx(buildUnitReport(sub, def)) apart from timestamps).
 */
export function unitReportDocx(
  sub: Submission,
  def: Definition = defaultDefinition,
  opts: UnitReportOptions = {},
): Promise<Uint8Array> {
  return blocksToDocx(unitReportBlocks(sub, def, opts), unitMeta(sub, def, opts));
}

/** The summary report's .docx bytes directly, without building a docx Document. */
export function summaryReportDocx(
  input: SummaryInput,
  def: Definition = defaultDefinition,
): Promise<Uint8Array> {
  return blocksToDocx(summaryReportBlocks(input, def), { title: summaryTitle(input) });
}

/** The unit report's plain text (one paragraph a line), for previews and tests. */
export function unitReportText(
  sub: Submission,
  def: Definition = defaultDefinition,
  opts: UnitReportOptions = {},
): string {
  return blocksToText(unitReportBlocks(sub, def, opts));
}

/** The superior's consolidated summary report as a Word document. */
export function buildSummaryReport(input: SummaryInput, def: Definition = defaultDefinition): Document {
  return renderDocument(summaryReportBlocks(input, def), { title: summaryTitle(input) });
}

export function summaryReportText(input: SummaryInput, def: Definition = defaultDefinition): string {
  return blocksToText(summaryReportBlocks(input, def));
}
