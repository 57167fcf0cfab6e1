// Renders reports with real LibreOffice and checks the GB/T 9704 layout in the PDF: 22 lines of 28
// characters on a full body page, page numbers "— n —" right on odd and left on even pages, and the
// appendix on its own page.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSummaryReport, buildUnitReport, packDocx } from '../templates/src/report/index';
import { sampleSubmission } from '../templates/src/standard/sample';
import { has, sofficeConvert, tempDir } from './helpers/tools';

const A4_WIDTH_PT = 595.3;
const FOOTER_TOP_PT = 760; // body area ends at 841.9 − 99.2 = 742.7 pt

interface Line {
  text: string;
  xMin: number;
  yMin: number;
}

/** Lines of one page with positions, from pdftotext -bbox-layout. */
function pageLines(pdf: string, page: number): Line[] {
  const xml = execFileSync('pdftotext', ['-bbox-layout', '-f', String(page), '-l', String(page), pdf, '-'], {
    encoding: 'utf8',
  });
  const lines: Line[] = [];
  for (const m of xml.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([\s\S]*?)<\/line>/g)) {
    const words = [...m[3].matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((w) => w[1]);
    lines.push({ text: words.join(' '), xMin: Number(m[1]), yMin: Number(m[2]) });
  }
  return lines;
}

function pageCount(pdf: string): number {
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)![1]);
}

/** CJK characters and full-width punctuation (each takes one character cell of the 28). */
function cjkCount(s: string): number {
  return [...s].filter((c) =>
    /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\u2014\u201c\u201d\u2018\u2019]/.test(c),
  ).length;
}

const canRender = has('soffice') && has('pdftotext');

describe.skipIf(!canRender)('report rendered by LibreOffice', () => {
  let unitPdf = '';
  let summaryPdf = '';
  let tmp: ReturnType<typeof tempDir>;

  beforeAll(async () => {
    tmp = tempDir('yanpan-render-');
    const unit = path.join(tmp.dir, 'unit.docx');
    const summary = path.join(tmp.dir, 'summary.docx');
    writeFileSync(unit, await packDocx(buildUnitReport(sampleSubmission())));
    writeFileSync(
      summary,
      await packDocx(
        buildSummaryReport({
          issuer: '市直机关工委',
          year: 2023,
          period: '第三季度',
          reportKind: '季度分析研判报告',
          date: '2023-10-20',
          units: { expected: 10, submitted: 9, withErrors: 1, missing: [{ code: 'X1', name: '市文联' }] },
          metricTotals: [{ id: 'front.activities', total: 1900, top: [{ unit: '市妇联', value: 1754 }] }],
          riskCounts: [{ category: '组织领导', level: '中', count: 4 }],
          commonProblems: [{ category: '组织领导', units: 4, examples: ['专题研究流于形式'] }],
          highRisks: [],
          overdueRisks: [],
        }),
      ),
    );
    [unitPdf, summaryPdf] = sofficeConvert([unit, summary], 'pdf', tmp.dir);
  }, 120_000);

  afterAll(() => tmp?.cleanup());

  it('the sample report runs to several pages with the appendix on its own page', () => {
    const pages = pageCount(unitPdf);
    expect(pages).toBeGreaterThanOrEqual(4);
    const firsts = Array.from({ length: pages }, (_, i) => pageLines(unitPdf, i + 1)[0]?.text ?? '');
    const appendixPage = firsts.findIndex((t) => /^附件\s*\d*$/.test(t)) + 1;
    expect(appendixPage).toBeGreaterThan(3);
    // The page before holds the signature; the appendix page starts with 附件 then the table title.
    const before = pageLines(unitPdf, appendixPage - 1).map((l) => l.text.replace(/\s/g, ''));
    expect(before).toContain('中共市交通运输局党组');
    expect(before).toContain('2023年10月10日');
    expect(pageLines(unitPdf, appendixPage)[1].text).toBe('风险隐患台账');
  });

  it('a full body page has 22 lines of 28 characters', () => {
    const body = pageLines(unitPdf, 2).filter((l) => l.yMin < FOOTER_TOP_PT);
    expect(body).toHaveLength(22);
    // Lines of pure Chinese text (no digits) that are not the last line of a paragraph are exactly 28
    // characters; none is longer.
    const counts = body
      .map((l) => l.text.replace(/\s/g, ''))
      .filter((t) => !/[0-9A-Za-z]/.test(t))
      .map(cjkCount);
    expect(Math.max(...counts)).toBe(28);
    expect(counts.filter((n) => n === 28).length).toBeGreaterThanOrEqual(8);
    // Line pitch 28.95 pt.
    const ys = body.map((l) => l.yMin);
    for (let i = 1; i < ys.length; i++) expect(ys[i] - ys[i - 1]).toBeCloseTo(28.95, 0);
  });

  it('page numbers: "— 1 —" and "— 3 —" on the right, "— 2 —" on the left', () => {
    const footer = (p: number) => {
      const l = pageLines(unitPdf, p).find((x) => x.yMin >= FOOTER_TOP_PT)!;
      return { text: l.text.replace(/\s/g, ''), xMin: l.xMin };
    };
    const [f1, f2, f3] = [1, 2, 3].map(footer);
    expect(f1.text).toBe('—1—');
    expect(f2.text).toBe('—2—');
    expect(f3.text).toBe('—3—');
    expect(f1.xMin).toBeGreaterThan(A4_WIDTH_PT / 2);
    expect(f3.xMin).toBeGreaterThan(A4_WIDTH_PT / 2);
    expect(f2.xMin).toBeLessThan(A4_WIDTH_PT / 4);
    // One character (14 pt) in from the text area edge: left margin 1587 twips = 79.35 pt.
    expect(f2.xMin).toBeGreaterThan(79.35 + 10);
    expect(f2.xMin).toBeLessThan(79.35 + 20);
  });

  it('the summary report renders with its appendix', () => {
    const pages = pageCount(summaryPdf);
    expect(pages).toBeGreaterThanOrEqual(2);
    const last = pageLines(summaryPdf, pages).map((l) => l.text.replace(/\s/g, ''));
    expect(last[0]).toBe('附件');
    expect(last).toContain('未报送单位名单');
    expect(last.some((t) => t.includes('市文联'))).toBe(true);
  });
});
