// Report generation benchmark, for bench/bench.ts: the typical unit report (the sample: 8 narrative
// paragraphs, every metric, 12 risks) built and packed n times after a warm-up, two ways:
// - perReportMs: unitReportDocx (blocks → .docx bytes; what the importer needs);
// - documentPathMs: packDocx(buildUnitReport()) (the agreed Document API; builds the docx object tree too).
import { buildUnitReport, packDocx, sampleSubmission, unitReportDocx } from '../templates/src/index';

export interface ReportBench {
  reports: number;
  perReportMs: number;
  reportsPerSecond: number;
  documentPathMs: number;
  /** CPU milliseconds per report of the fast path (less sensitive to a busy machine than wall time). */
  cpuMsPerReport: number;
  /** Size of one report (.docx bytes). */
  bytes: number;
}

export async function benchReports(n = 200): Promise<ReportBench> {
  const sub = sampleSubmission();
  let bytes = 0;
  for (let i = 0; i < 10; i++) {
    bytes = (await unitReportDocx(sub)).length;
    await packDocx(buildUnitReport(sub));
  }
  const c0 = process.cpuUsage();
  let t0 = performance.now();
  for (let i = 0; i < n; i++) bytes = (await unitReportDocx(sub)).length;
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const m = Math.max(1, Math.floor(n / 4));
  t0 = performance.now();
  for (let i = 0; i < m; i++) await packDocx(buildUnitReport(sub));
  const docMs = (performance.now() - t0) / m;
  return {
    reports: n,
    perReportMs: ms / n,
    reportsPerSecond: (n * 1000) / ms,
    documentPathMs: docMs,
    cpuMsPerReport: (cpu.user + cpu.system) / 1000 / n,
    bytes,
  };
}
