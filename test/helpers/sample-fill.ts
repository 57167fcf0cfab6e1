// The sample submission as fillWorkbook input (基本信息, metrics and risks), for tests that need a
// realistic completed workbook.
import { sampleSubmission } from '../../templates/src/samples/submission';
import type { FillInput } from '../../templates/src/template/fill';
import { definition } from '../../templates/src/index';

export function sampleFillInput(): FillInput {
  const sub = sampleSubmission(definition);
  return {
    unit: sub.unit,
    partyOrg: sub.partyOrg,
    reportKind: sub.reportKind,
    year: sub.year,
    period: sub.period,
    filler: sub.filler,
    phone: sub.phone,
    reviewer: sub.reviewer,
    fillDate: sub.fillDate,
    metrics: sub.metrics.map((m) => ({ ...m })),
    risks: sub.risks.map((r) => ({ ...r })),
  } as unknown as FillInput;
}
