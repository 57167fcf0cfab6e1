// Renders the pictures of one reporting round for the README's “一个报送周期” walkthrough, from the demo
// round (the built CLI, `npm run build:cli` first) through LibreOffice:
//   round-overview.png    the tracking workbook's 总览 sheet (first page), with its charts
//   round-chase.png       催报通知.docx, page 1
//   round-return.png      a return copy's 校验结果 sheet (the first page of a 退回修改 copy)
//   round-summary.png     汇总分析报告.docx, page 1 (with its first figure)
//   npm run docs:round [folder]   (default docs/)
// Needs soffice and pdftoppm on the PATH.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const outDir = process.argv[2] ?? 'docs';
const tmp = mkdtempSync(path.join(os.tmpdir(), 'yanpan-round-'));
try {
  const demo = path.join(tmp, 'demo');
  execFileSync(process.execPath, ['build/cli.mjs', 'demo', '-o', demo], { stdio: 'ignore' });
  const tracking = readdirSync(demo).find((f) => f.endsWith('汇总台账.xlsx'));
  const returned = readdirSync(path.join(demo, '退回修改')).sort()[0];
  if (!tracking || !returned) throw new Error('示例导入没有生成汇总台账或退回修改件');
  const sources = {
    overview: path.join(demo, tracking),
    chase: path.join(demo, '催报通知.docx'),
    return: path.join(demo, '退回修改', returned),
    summary: path.join(demo, '汇总分析报告.docx'),
  };
  const pdfDir = path.join(tmp, 'pdf');
  mkdirSync(pdfDir);
  mkdirSync(outDir, { recursive: true });
  for (const [name, file] of Object.entries(sources)) {
    // Each source under a plain name, so the PDF's name is known.
    const plain = path.join(pdfDir, `${name}${path.extname(file)}`);
    copyFileSync(file, plain);
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${tmp}/profile`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        pdfDir,
        plain,
      ],
      { stdio: 'ignore' },
    );
    const prefix = path.join(pdfDir, name);
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-singlefile',
      '-f',
      '1',
      '-l',
      '1',
      path.join(pdfDir, `${name}.pdf`),
      prefix,
    ]);
    const target = path.join(outDir, `round-${name}.png`);
    copyFileSync(`${prefix}.png`, target);
    console.log(`已生成：${target}`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
