// Example 1: the sample submission's quarterly report as a Word document.
//   npm run example -- 1 [out.docx]
import { writeFileSync } from 'node:fs';
import { definition, reportFileName, sampleSubmission, unitReportDocx } from '../templates/src/index';

const sub = sampleSubmission(definition);
const out = process.argv[2] ?? reportFileName(sub, definition);
writeFileSync(out, await unitReportDocx(sub, definition));
console.log(`已生成：${out}`);
