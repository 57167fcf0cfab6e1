import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { DRAFT_NOTE, reportFileName, unitReportDocx, unitReportText } from '../templates/src/report/index';
import { definition } from '../templates/src/standard/ideology';
import { sampleSubmission } from '../templates/src/samples/submission';

describe('draft unit report (from a workbook with errors)', () => {
  const sub = sampleSubmission(definition);
  const title = '市交通运输局2023年第三季度意识形态工作分析研判报告';

  it('says so in the title, the file name and a note under the title; the rest is unchanged', () => {
    const draft = unitReportText(sub, definition, { draft: true }).split('\n');
    const plain = unitReportText(sub, definition).split('\n');
    expect(draft[0]).toBe(`${title}（草稿）`);
    expect(draft[1]).toBe(`草稿说明：${DRAFT_NOTE}`);
    expect(DRAFT_NOTE).toContain('不能作为正式报告报送');
    expect(draft.slice(2)).toEqual(plain.slice(1));
    expect(reportFileName(sub, definition, { draft: true })).toBe(`${title}（草稿）.docx`);
    expect(unitReportText(sub, definition, { draft: false })).toBe(unitReportText(sub, definition));
  });

  it('puts the mark in the document, its properties and the page header', async () => {
    const zip = await JSZip.loadAsync(await unitReportDocx(sub, definition, { draft: true }));
    const doc = await zip.file('word/document.xml')!.async('string');
    const core = await zip.file('docProps/core.xml')!.async('string');
    expect(doc).toContain(`${DRAFT_NOTE}</w:t>`);
    expect(doc).toContain('<w:headerReference');
    expect(core).toContain(`<dc:title>${title}（草稿）</dc:title>`);
    expect(core).toContain(DRAFT_NOTE);
    const plainCore = await (
      await JSZip.loadAsync(await unitReportDocx(sub, definition))
    )
      .file('docProps/core.xml')!
      .async('string');
    expect(plainCore).not.toContain('草稿');
  });
});
