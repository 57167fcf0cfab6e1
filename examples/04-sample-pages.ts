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
  sampleSubmission,
  summaryReportDocx,
  unitReportDocx,
  type SummaryInput,
} from '../templates/src/index';

const SUMMARY: SummaryInput = {
  issuer: '市直机关工委',
  year: 2023,
  period: '第三季度',
  reportKind: '季度分析研判报告',
  date: '2023-10-20',
  units: {
    expected: 48,
    submitted: 45,
    onTime: 41,
    withWarnings: 6,
    withErrors: 2,
    missing: [
      { code: 'SZ031', name: '市林业发展中心' },
      { code: 'SZ044', name: '市农业机械发展中心' },
      { code: 'SZ047', name: '国基公司' },
    ],
  },
  metricTotals: [
    { id: 'front.activities', total: 2630, top: [{ unit: '市妇联', value: 1754 }] },
    { id: 'front.reach', total: 156000, top: [{ unit: '市妇联', value: 98000 }] },
    { id: 'org.responsibilityLetters', total: 320, top: [{ unit: '市粮食和物资储备局', value: 14 }] },
  ],
  riskCounts: [
    { category: '组织领导', level: '中', count: 12 },
    { category: '网络意识形态', level: '高', count: 3 },
    { category: '阵地管理', level: '低', count: 9 },
  ],
  commonProblems: [
    { category: '组织领导', units: 12, examples: ['把意识形态工作作为软任务', '专题研究流于形式'] },
    { category: '阵地管理', units: 9, examples: ['网站信息更新缓慢，个别版块长期不更新'] },
  ],
  highRisks: [],
  overdueRisks: [],
};

const outDir = process.argv[2] ?? 'docs';
const tmp = mkdtempSync(path.join(os.tmpdir(), 'yanpan-pages-'));
try {
  const sub = sampleSubmission();
  const docs: Record<string, Uint8Array> = {
    unit: await unitReportDocx(sub),
    self: await unitReportDocx({ ...sub, reportKind: '半年自查报告', period: '上半年' }),
    summary: await summaryReportDocx(SUMMARY),
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
