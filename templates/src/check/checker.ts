// WorkbookGrid → { submission, issues }: the meta sheet first (meta.ts), then the standard's sheets
// (locate.ts), each read by its own file — info.ts, metrics.ts, risks.ts, narrative.ts — around one
// shared context (context.ts), and the submission built from what they read. Pure: no fs, no Office.
import type { Definition } from '../standard/types';
import type { WorkbookGrid } from '../xlsx/grid';
import type { CheckResult, Submission } from '../standard/schema';
import { localToday, report, type CheckOptions, type Ctx } from './context';
import { checkInfo, infoText, reportPeriod } from './info';
import { checkSheets, type SheetKey } from './locate';
import { checkMeta } from './meta';
import { readMetrics } from './metrics';
import { readNarrative } from './narrative';
import { checkCarriedRisks, readRisks } from './risks';

export type { CheckOptions } from './context';
export { MIN_YEAR } from './fields';
export { HEADER_SCAN_ROWS, findHeader, locateSheets, type SheetLocations } from './locate';
export { selectDefinition } from './meta';
export { emptyNarrative } from './narrative';

/** Checks a workbook grid against the definition. Never throws on odd content. */
export function checkGrid(grid: WorkbookGrid, def: Definition, opts: CheckOptions = {}): CheckResult {
  const ctx: Ctx = { def, issues: [], asOf: opts.asOf ?? localToday(), period: null };

  // Meta sheet: template id and version first — a foreign or newer template is not read at all.
  const meta = checkMeta(ctx, grid);
  if (!meta) return { submission: null, issues: ctx.issues };
  const found = checkSheets(ctx, grid);
  if (!found) return { submission: null, issues: ctx.issues };
  const sheet = (key: SheetKey) => found.get(key)?.sheet ?? null;

  const info = checkInfo(ctx, sheet('info'), meta);
  const str = (k: string): string | null => infoText(info, k);
  const fillDate = str('fillDate');
  ctx.period = reportPeriod(def, info);
  ctx.ytdBefore = meta.ytdBefore;
  const metrics = readMetrics(ctx, sheet('metrics'));
  const risks = readRisks(ctx, sheet('risks'), fillDate ?? ctx.asOf);
  checkCarriedRisks(ctx, sheet('risks'), risks, meta.carriedRisks);
  const narrative = readNarrative(ctx, sheet('narrative'));

  // Nothing to write a report from: no figure, no register row, no paragraph.
  const n = narrative;
  if (
    metrics.every((m) => m.current === null && m.ytd === null) &&
    risks.length === 0 &&
    !n.opening &&
    n.sections.length + n.problems.length + n.nextSteps.length === 0
  )
    report(ctx, {
      rule: 'content.empty',
      severity: 'error',
      sheet: sheet('metrics')?.name ?? null,
      cell: null,
      field: null,
      value: null,
    });

  const submission: Submission = {
    templateId: meta.templateId,
    templateVersion: meta.version,
    unit: { name: str('unitName'), code: str('unitCode') },
    partyOrg: str('partyOrg'),
    reportKind: str('reportKind'),
    year: typeof info.year === 'number' ? info.year : null,
    period: str('period'),
    filler: str('filler'),
    phone: str('phone'),
    reviewer: str('reviewer'),
    fillDate,
    info,
    metrics,
    risks,
    narrative,
  };
  return { submission, issues: ctx.issues };
}
