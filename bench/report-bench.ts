// Report generation benchmark: the typical unit report (the sample: 8 narrative paragraphs, every metric,
// 12 risks) built and packed n times after a warm-up with unitReportDocx (blocks → .docx bytes, the one
// writer the importer and the add-in use).
import { definition, sampleSubmission, unitReportDocx } from '../templates/src/index';

export interface ReportBench {
  reports: number;
  perReportMs: number;
  reportsPerSecond: number;
  /** CPU milliseconds per report (less sensitive to a busy machine than wall time). */
  cpuMsPerReport: number;
  /** Size of one report (.docx bytes). */
  bytes: number;
}

export async function benchReports(n = 200): Promise<ReportBench> {
  const sub = sampleSubmission(definition);
  let bytes = 0;
  for (let i = 0; i < 10; i++) bytes = (await unitReportDocx(sub, definition)).length;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) bytes = (await unitReportDocx(sub, definition)).length;
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  return {
    reports: n,
    perReportMs: ms / n,
    reportsPerSecond: (n * 1000) / ms,
    cpuMsPerReport: (cpu.user + cpu.system) / 1000 / n,
    bytes,
  };
}
