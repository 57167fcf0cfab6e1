// Example 2: the same unit's half-year self-inspection report (自查报告 outline, seed 002), with the
// 存在问题 built from the risk register because the unit wrote none. The half year starts on 1 January,
// so each figure is one number (本期数 = 本年累计).
//   npm run example -- 2 [out.docx]
import { writeFileSync } from 'node:fs';
import { definition, reportFileName, sampleSelfInspection, unitReportDocx } from '../templates/src/index';

const sub = sampleSelfInspection(definition);
const out = process.argv[2] ?? reportFileName(sub, definition);
writeFileSync(out, await unitReportDocx(sub, definition));
console.log(`已生成：${out}`);
