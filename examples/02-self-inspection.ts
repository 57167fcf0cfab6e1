// Example 2: the same unit's half-year self-inspection report (自查报告 outline, seed 002), with the
// 存在问题 built from the risk register because the unit wrote none.
//   npm run example -- 2 [out.docx]
import { writeFileSync } from 'node:fs';
import { reportFileName, sampleSubmission, unitReportDocx } from '../templates/src/index';

const sub = { ...sampleSubmission(), reportKind: '半年自查报告', period: '上半年' };
const out = process.argv[2] ?? reportFileName(sub);
writeFileSync(out, await unitReportDocx(sub));
console.log(`已生成：${out}`);
