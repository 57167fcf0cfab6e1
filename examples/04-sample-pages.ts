// Example 4: renders sample reports with LibreOffice and writes page images for the README and
// docs/reports.md:
//   report-sample-1.png, report-sample-2.png   the quarterly unit report, pages 1–2
//   report-sample-appendix.png                 its attachment (风险隐患台账)
//   report-sample-self-inspection.png          the half-year self-inspection report, page 1
//   report-sample-summary.png                  the consolidated summary report, page 1
//   report-sample-summary-appendix.png         its attachment (未报送单位名单)
//   npm run example -- 4 [folder]   (default docs/)
// Needs soffice, pdftotext, pdfinfo and pdftoppm on the PATH.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  definition,
  sampleSelfInspection,
  sampleSubmission,
  sampleSummaryInput,
  summaryReportDocx,
  unitReportDocx,
} from '../templates/src/index';

const outDir = process.argv[2] ?? 'docs';
const tmp = mkdtempSync(path.join(os.tmpdir(), 'yanpan-pages-'));
try {
  const sub = sampleSubmission(definition);
  const docs: Record<string, Uint8Array> = {
    unit: await unitReportDocx(sub, definition),
    self: await unitReportDocx(sampleSelfInspection(definition), definition),
    summary: await summaryReportDocx(sampleSummaryInput(), definition),
  };
  const files = Object.entries(docs).map(([name, bytes]) => {
    const f = path.join(tmp, `${name}.docx`);
    writeFileSync(f, bytes);
    return f;
  });
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${tmp}/profile`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      tmp,
      ...files,
    ],
    { stdio: 'ignore' },
  );
  const pdf = (name: string) => path.join(tmp, `${name}.pdf`);
  const pages = (name: string) =>
    Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf(name)], { encoding: 'utf8' }))![1]);
  /** The first page that starts with "附件" (the attachment, on a page of its own). */
  const appendixPage = (name: string) => {
    for (let p = 1; p <= pages(name); p++) {
      const t = execFileSync('pdftotext', ['-f', String(p), '-l', String(p), pdf(name), '-'], {
        encoding: 'utf8',
      });
      if (t.trimStart().startsWith('附件')) return p;
    }
    throw new Error(`${name}: 没有找到附件页`);
  };
  mkdirSync(outDir, { recursive: true });
  const render = (name: string, page: number, target: string) => {
    const prefix = path.join(tmp, `${name}-${page}`);
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-singlefile',
      '-f',
      String(page),
      '-l',
      String(page),
      pdf(name),
      prefix,
    ]);
    copyFileSync(`${prefix}.png`, path.join(outDir, target));
    console.log(`已生成：${path.join(outDir, target)}`);
  };
  render('unit', 1, 'report-sample-1.png');
  render('unit', 2, 'report-sample-2.png');
  render('unit', appendixPage('unit'), 'report-sample-appendix.png');
  render('self', 1, 'report-sample-self-inspection.png');
  render('summary', 1, 'report-sample-summary.png');
  render('summary', appendixPage('summary'), 'report-sample-summary-appendix.png');
  console.log(`季度报告共${pages('unit')}页，自查报告共${pages('self')}页，汇总报告共${pages('summary')}页`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
