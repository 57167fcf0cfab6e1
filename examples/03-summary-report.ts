// Example 3: a consolidated summary report for the superior from SummaryInput data (the importer builds it
// from the returned workbooks; see templates/src/samples/summary.ts for its shape).
//   npm run example -- 3 [out.docx]
import { writeFileSync } from 'node:fs';
import { definition, sampleSummaryInput, summaryFileName, summaryReportDocx } from '../templates/src/index';

const input = sampleSummaryInput();
const out = process.argv[2] ?? summaryFileName(input, definition);
writeFileSync(out, await summaryReportDocx(input, definition));
console.log(`已生成：${out}`);
