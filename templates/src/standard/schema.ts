// zod schemas for what the reader produces. Types are inferred from them, never written twice.
import { z } from 'zod';
import type { Definition } from './definition';

export const severitySchema = z.enum(['error', 'warning']);

export const issueSchema = z.object({
  severity: severitySchema,
  /** Rule id (a key of definition.messages, or a metric rule id). */
  rule: z.string(),
  /** Sheet name as found in the file (null for whole-file issues). */
  sheet: z.string().nullable(),
  /** A1 address (null for whole-file or whole-sheet issues). */
  cell: z.string().nullable(),
  /** Chinese label of the field. */
  field: z.string().nullable(),
  /** The value found, as text. */
  value: z.string().nullable(),
  /** Plain-Chinese message saying what is wrong and how to fix it. */
  message: z.string(),
});
export type Issue = z.infer<typeof issueSchema>;
export type Severity = z.infer<typeof severitySchema>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const metricValueSchema = z.object({
  id: z.string(),
  name: z.string(),
  category: z.string(),
  unit: z.string(),
  kind: z.enum(['flow', 'stock']),
  current: z.number().int().nonnegative().nullable(),
  ytd: z.number().int().nonnegative().nullable(),
  note: z.string().nullable(),
});
export type MetricValue = z.infer<typeof metricValueSchema>;

export const riskSchema = z.object({
  /** 风险编号 (generated as the row's position when the user left it blank, with a 警告). */
  id: z.string(),
  category: z.string().nullable(),
  description: z.string().nullable(),
  detail: z.string().nullable(),
  level: z.string().nullable(),
  measures: z.string().nullable(),
  leader: z.string().nullable(),
  owner: z.string().nullable(),
  /** YYYY-MM-DD */
  deadline: isoDate.nullable(),
  status: z.string().nullable(),
  progress: z.string().nullable(),
  note: z.string().nullable(),
  /** Past its deadline (against the report's 填报日期) and not 已整改. */
  overdue: z.boolean(),
  /** 1-based sheet row, for pointing back at the file. */
  row: z.number().int(),
  /** Every register column's value by its key (the definition's columns, including any it adds). */
  values: z.record(z.string(), z.string().nullable()).optional(),
});
export type Risk = z.infer<typeof riskSchema>;

export const narrativeSectionSchema = z.object({
  category: z.string().nullable(),
  title: z.string().nullable(),
  body: z.string().nullable(),
});
export type NarrativeSection = z.infer<typeof narrativeSectionSchema>;

export const narrativeSchema = z.object({
  opening: z.string().nullable(),
  sections: z.array(narrativeSectionSchema),
  problems: z.array(narrativeSectionSchema),
  nextSteps: z.array(narrativeSectionSchema),
  signatureUnit: z.string().nullable(),
  /** YYYY-MM-DD */
  signatureDate: isoDate.nullable(),
});
export type Narrative = z.infer<typeof narrativeSchema>;

export const submissionSchema = z.object({
  templateId: z.string().nullable(),
  templateVersion: z.string().nullable(),
  unit: z.object({ name: z.string().nullable(), code: z.string().nullable() }),
  partyOrg: z.string().nullable(),
  reportKind: z.string().nullable(),
  year: z.number().int().nullable(),
  period: z.string().nullable(),
  filler: z.string().nullable(),
  phone: z.string().nullable(),
  reviewer: z.string().nullable(),
  /** YYYY-MM-DD */
  fillDate: isoDate.nullable(),
  /** Every 基本信息 field's value by its key (the definition's fields, including any it adds). */
  info: z.record(z.string(), z.union([z.string(), z.number()]).nullable()).optional(),
  metrics: z.array(metricValueSchema),
  risks: z.array(riskSchema),
  narrative: narrativeSchema,
});
export type Submission = z.infer<typeof submissionSchema>;

export const checkResultSchema = z.object({
  submission: submissionSchema.nullable(),
  issues: z.array(issueSchema),
  /** The id of the definition the workbook was checked with (chosen by its template id). */
  definitionId: z.string().optional(),
});
export type CheckResult = z.infer<typeof checkResultSchema>;

/** ok: no issues; warnings: only 警告; errors: at least one 错误 (blocks the unit). */
export type CheckStatus = 'ok' | 'warnings' | 'errors';
export function statusOf(issues: readonly Issue[]): CheckStatus {
  if (issues.some((i) => i.severity === 'error')) return 'errors';
  return issues.length > 0 ? 'warnings' : 'ok';
}

/**
 * A submission with its by-key maps filled in from its named fields, as the checker builds them: `info`
 * holds every 基本信息 field of the definition, each risk's `values` every register column. Used where a
 * submission is made by hand (the sample, tests, the demo) so it equals what reading a workbook gives.
 */
export function completeSubmission(
  sub: Submission,
  def: Pick<Definition, 'info' | 'riskColumns'>,
): Submission {
  const named = sub as unknown as Record<string, unknown>;
  const info: Record<string, string | number | null> = {};
  for (const f of def.info) {
    const v =
      sub.info?.[f.key] ??
      (f.key === 'unitName' ? sub.unit.name : f.key === 'unitCode' ? sub.unit.code : named[f.key]);
    info[f.key] = typeof v === 'string' || typeof v === 'number' ? v : null;
  }
  const risks = sub.risks.map((r) => {
    const values: Record<string, string | null> = {};
    const rn = r as unknown as Record<string, unknown>;
    for (const c of def.riskColumns) {
      const v = r.values?.[c.key] ?? rn[c.key];
      values[c.key] = typeof v === 'string' ? v : null;
    }
    return { ...r, values };
  });
  return { ...sub, info, risks };
}
