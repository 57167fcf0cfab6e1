// Example 4: renders the sample report with LibreOffice and writes page images for the README:
// docs/report-sample-1.png, -2.png (pages 1–2) and docs/report-sample-appendix.png (the register).
//   npm run example -- 4 [folder]   (default docs/)
// Needs soffice and pdftoppm on the PATH.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { blocksToDocx, definition, sampleSubmission, unitReportBlocks } from '../templates/src/index';

const outDir = process.argv[2] ?? 'docs';
const tmp = mkdtempSync(path.join(os.tmpdir(), 'yanpan-pages-'));
try {
  const docx = path.join(tmp, 'sample.docx');
  const sub = sampleSubmission();
  writeFileSync(docx, await blocksToDocx(unitReportBlocks(sub, definition), { title: 'sample' }));
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${tmp}/profile`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      tmp,
      docx,
    ],
    { stdio: 'ignore' },
  );
  const pdf = path.join(tmp, 'sample.pdf');
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', pdf, path.join(tmp, 'page')]);
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
  // The appendix is the page after the signature: find it by its first line.
  let appendix = 0;
  for (let p = 1; p <= pages && !appendix; p++) {
    const t = execFileSync('pdftotext', ['-f', String(p), '-l', String(p), pdf, '-'], { encoding: 'utf8' });
    if (t.trimStart().startsWith('附件')) appendix = p;
  }
  if (appendix)
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      String(appendix),
      '-l',
      String(appendix),
      pdf,
      path.join(tmp, 'appx'),
    ]);
  mkdirSync(outDir, { recursive: true });
  const pngs = readdirSync(tmp)
    .filter((f) => f.endsWith('.png'))
    .sort();
  for (const f of pngs) {
    const m = /^page-0*(\d+)\.png$/.exec(f);
    const target = path.join(outDir, m ? `report-sample-${m[1]}.png` : 'report-sample-appendix.png');
    copyFileSync(path.join(tmp, f), target);
    console.log(`已生成：${target}`);
  }
  console.log(`共${pages}页（附件从第${appendix}页开始）`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
