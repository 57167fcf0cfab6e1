// Example 2: the same unit's half-year self-inspection report (自查报告 outline, seed 002), with the
// 存在问题 built from the risk register because the unit wrote none. The half year starts on 1 January,
// so each figure is one number (本期数 = 本年累计).
//   npm run example -- 2 [out.docx]
import { writeFileSync } from 'node:fs';
import { definition, reportFileName, sampleSubmission, unitReportDocx } from '../templates/src/index';

const q3 = sampleSubmission();
const sub = {
  ...q3,
  reportKind: '半年自查报告',
  period: '上半年',
  fillDate: '2023-07-10',
  metrics: q3.metrics.map((m) => {
    const n =
      m.kind === 'stock' ? m.current : m.current !== null && m.ytd !== null ? m.ytd - m.current : null;
    return { ...m, current: n, ytd: m.kind === 'stock' ? null : n };
  }),
  narrative: { ...q3.narrative, opening: null, signatureDate: '2023-07-10' },
};
const out = process.argv[2] ?? reportFileName(sub, definition);
writeFileSync(out, await unitReportDocx(sub, definition));
console.log(`已生成：${out}`);
