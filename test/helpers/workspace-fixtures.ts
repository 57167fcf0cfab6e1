// Workbooks for the workspace tests, written with TEMPLATE's fillWorkbook from variations of the sample
// submission: two units, quarters 2 and 3, with risks that move between quarters.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { fillWorkbook } from '../../templates/src/template/fill';
import { sampleSubmission } from '../../templates/src/samples/submission';
import type { Submission } from '../../templates/src/standard/schema';
import { definition } from '../../templates/src/index';

export interface Variant {
  code: string;
  name: string;
  period: '第一季度' | '第二季度' | '第三季度' | '第四季度';
  fillDate: string;
  /** metric id → [本期数, 本年累计]; others keep the sample's 本期数, with 本年累计 blank. */
  metrics?: Record<string, [number | null, number | null]>;
  /** [风险编号, 整改状态]; the rest of each risk is taken from the sample's risks in order. */
  risks: [string, string][];
}

export function variant(v: Variant): Submission {
  const s = sampleSubmission(definition);
  const base = s.risks;
  return {
    ...s,
    unit: { name: v.name, code: v.code },
    period: v.period,
    fillDate: v.fillDate,
    metrics: s.metrics.map((m) => {
      const o = v.metrics?.[m.id];
      // Metrics not given keep the sample's 本期数 and leave 本年累计 blank (nothing to add up).
      return o ? { ...m, current: o[0], ytd: m.kind === 'stock' ? null : o[1] } : { ...m, ytd: null };
    }),
    risks: v.risks.map(([id, status], i) => ({
      ...base[i % base.length],
      id,
      status,
      deadline: '2024-06-30',
      progress: status === '已整改' ? '已按措施整改完成' : null,
      overdue: false,
      row: 3 + i,
    })),
    narrative: { ...s.narrative, signatureUnit: v.name, signatureDate: v.fillDate },
  };
}

export async function writeWorkbook(dir: string, file: string, sub: Submission): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const p = path.join(dir, file);
  writeFileSync(p, await fillWorkbook(sub, definition));
  return p;
}

/** Every sheet of a workbook as rows of plain values (formula cells → their result). */
export async function sheetValues(file: string): Promise<Record<string, unknown[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file, { ignoreNodes: ['dataValidations'] } as never);
  const out: Record<string, unknown[][]> = {};
  wb.eachSheet((ws) => {
    const rows: unknown[][] = [];
    ws.eachRow({ includeEmpty: true }, (row) => {
      const vals: unknown[] = [];
      row.eachCell({ includeEmpty: true }, (c) => {
        const v = c.value as unknown;
        vals[Number(c.col) - 1] =
          v && typeof v === 'object' && 'result' in (v as object) ? (v as { result: unknown }).result : v;
      });
      rows.push(vals);
    });
    out[ws.name] = rows;
  });
  return out;
}
