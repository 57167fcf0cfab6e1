// Renders reports with real LibreOffice and measures the GB/T 9704 layout in the PDF (pdftotext -bbox for
// text, a 288 dpi raster for the page-number dash): 22 lines of 28 characters, titles broken between
// words into balanced lines for every report kind × period, the page-number dash 7 mm under the text
// block (odd pages right, even pages left, one character in), the attachment's title on line 3, the date
// two characters right of the signing unit, and the attachment table with no id or date split.
// LibreOffice here has none of the GB fonts: fonts are checked in the XML (report.test.ts), geometry here.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  blocksToDocx,
  summaryReportDocx,
  summaryTitleWords,
  unitReportDocx,
  type Block,
} from '../templates/src/report/index';
import { pageContentWidth, PAGE, textWidth, SIZE, titleLines } from '../templates/src/report/gbt9704';
import { definition } from '../templates/src/standard/ideology';
import { sampleSubmission } from '../templates/src/samples/submission';
import { sampleSummaryInput } from '../templates/src/samples/summary';
import { has, sofficeConvert, tempDir } from './helpers/tools';
import { inkRows, mm, pageCount, pageLines, pageSize, type Line } from './helpers/pdf';

const pt = (twips: number) => twips / 20;
const MARGIN = {
  top: pt(PAGE.margin.top),
  bottom: pt(PAGE.margin.bottom),
  left: pt(PAGE.margin.left),
  right: pt(PAGE.margin.right),
};
const LINE = 28.95;
const BODY_CHAR = 15.75;

/** The text block's bottom edge on a page of the given height. */
const blockBottom = (height: number) => height - MARGIN.bottom;

/** Lines inside the text block (no page number, no header). */
function bodyLines(pdf: string, page: number): Line[] {
  const { height } = pageSize(pdf, page);
  return pageLines(pdf, page).filter((l) => l.yMin >= MARGIN.top - 4 && l.yMax <= blockBottom(height) + 4);
}

/** The page-number line: "— n —" under the text block. */
function pageNumberLine(pdf: string, page: number): Line {
  const { height } = pageSize(pdf, page);
  return pageLines(pdf, page).find((l) => l.yMin > blockBottom(height))!;
}

/** CJK characters and full-width punctuation (each takes one character cell of the 28). */
function cjkCount(s: string): number {
  return [...s].filter((c) =>
    /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\u2014\u201c\u201d\u2018\u2019]/.test(c),
  ).length;
}

// Title words as the prose builders supply them: the unit's name, "{年度}年{报告期}", then the kind's
// suffix in words.
const SUFFIX_WORDS: Record<string, string[]> = {
  意识形态工作分析研判报告: ['意识形态工作', '分析研判', '报告'],
  意识形态工作责任制落实情况自查报告: ['意识形态工作', '责任制', '落实情况', '自查报告'],
};
const UNIT_NAMES = [
  '市文联',
  '市交通运输局',
  '市粮食和物资储备局',
  '中共某某市委员会宣传部',
  '某某市人民政府国有资产监督管理委员会',
  '某某省某某市某某区人民政府办公室机关事务管理服务中心',
];

function allTitles(): string[][] {
  const out: string[][] = [];
  for (const kind of definition.reportKinds) {
    const suffix = SUFFIX_WORDS[kind.titleSuffix];
    for (const period of kind.periods) {
      const titleName = definition.periods.find((p) => p.name === period)?.titleName ?? period;
      for (const unit of UNIT_NAMES) out.push([unit, `2023年${titleName}`, ...suffix]);
      // The summary of the round, titled as its kind has it.
      out.push(summaryTitleWords({ ...sampleSummaryInput(), reportKind: kind.name, period }, definition));
    }
  }
  return out;
}

const canRender = has('soffice') && has('pdftotext') && has('pdftoppm');

describe.skipIf(!canRender)('report rendered by LibreOffice', () => {
  const pdfs: Record<'unit' | 'self' | 'summary' | 'titles', string> = {
    unit: '',
    self: '',
    summary: '',
    titles: '',
  };
  const titles = allTitles();
  let tmp: ReturnType<typeof tempDir>;

  beforeAll(async () => {
    tmp = tempDir('yanpan-render-');
    const sub = sampleSubmission(definition);
    const titleBlocks: Block[] = titles.flatMap((words, i) => [
      { kind: 'title' as const, text: words.join(''), words },
      { kind: 'para' as const, text: `第${i + 1}个` },
    ]);
    const docs = {
      unit: await unitReportDocx(sub, definition),
      self: await unitReportDocx({ ...sub, reportKind: '半年自查报告', period: '上半年' }, definition),
      summary: await summaryReportDocx(sampleSummaryInput(), definition),
      titles: await blocksToDocx(titleBlocks, { title: '标题', draft: true }),
    };
    const files = Object.entries(docs).map(([name, bytes]) => {
      const f = path.join(tmp.dir, `${name}.docx`);
      writeFileSync(f, bytes);
      return f;
    });
    const out = sofficeConvert(files, 'pdf', tmp.dir);
    Object.keys(docs).forEach((k, i) => (pdfs[k as keyof typeof pdfs] = out[i]));
  }, 180_000);

  afterAll(() => tmp?.cleanup());

  it('a full body page has 22 lines of 28 characters at a 28.95 pt pitch', () => {
    const body = bodyLines(pdfs.unit, 2);
    expect(body).toHaveLength(22);
    // A closing mark may not start a line (GB/T 15834 避头): it is squeezed into the line it ends, as
    // Word and WPS do, so such a line holds 28 characters and that mark.
    const counts = body
      .filter((l) => !/[0-9A-Za-z]/.test(l.text))
      .map(
        (l) =>
          cjkCount(l.text) -
          (/[。，、；：！？”’）》]$/u.test(l.text.trim()) && cjkCount(l.text) > 28 ? 1 : 0),
      );
    expect(Math.max(...counts)).toBe(28);
    expect(counts.filter((n) => n === 28).length).toBeGreaterThanOrEqual(8);
    for (let i = 1; i < body.length; i++) expect(body[i].yMin - body[i - 1].yMin).toBeCloseTo(LINE, 0);
  });

  it('titles of every kind × period break between words into the planned, centred lines', () => {
    // Title lines are the tall ones (22 pt); each title is followed by its marker paragraph.
    const groups: Line[][] = [];
    let current: Line[] = [];
    for (let p = 1; p <= pageCount(pdfs.titles); p++) {
      for (const l of bodyLines(pdfs.titles, p)) {
        if (l.yMax - l.yMin > 24) current.push(l);
        else if (current.length) {
          groups.push(current);
          current = [];
        }
      }
    }
    expect(groups).toHaveLength(titles.length);
    const centre = MARGIN.left + pt(pageContentWidth(false)) / 2;
    groups.forEach((lines, i) => {
      const planned = titleLines(titles[i]);
      expect(lines.map((l) => l.text)).toEqual(planned);
      for (const [k, l] of lines.entries()) {
        expect(Math.abs((l.xMin + l.xMax) / 2 - centre)).toBeLessThan(2);
        // The measurement the plan used is never short of the rendered width.
        expect(pt(textWidth(planned[k], { size: SIZE.title, autospace: true }))).toBeGreaterThan(
          l.xMax - l.xMin - 1,
        );
      }
    });
    // The sample's two-line title: both lines end at a word boundary.
    expect(titleLines(['市交通运输局', '2023年第三季度', '意识形态工作', '分析研判', '报告'])).toEqual([
      '市交通运输局2023年第三季度',
      '意识形态工作分析研判报告',
    ]);
  });

  it('the draft marking 草稿 is at the top of every page', () => {
    for (let p = 1; p <= pageCount(pdfs.titles); p++)
      expect(pageLines(pdfs.titles, p).find((l) => l.yMax < MARGIN.top)?.text).toBe('草稿');
    expect(pageLines(pdfs.unit, 1).some((l) => l.text.includes('草稿'))).toBe(false);
  });

  it('page numbers: the dash 7 mm under the text block; odd pages right, even pages left, one character in', () => {
    const pages = pageCount(pdfs.unit);
    const checked: number[] = [];
    for (const p of [1, 2, 3, pages]) {
      const { width, height } = pageSize(pdfs.unit, p);
      const line = pageNumberLine(pdfs.unit, p);
      expect(line.text).toBe(`—${p}—`);
      const dash = line.words[0];
      const rows = inkRows(pdfs.unit, p, {
        x: dash.xMin,
        y: dash.yMin,
        width: dash.xMax - dash.xMin,
        height: dash.yMax - dash.yMin,
      });
      const y = rows.reduce((s, r) => s + r.y, 0) / rows.length;
      const offset = mm(y - blockBottom(height));
      checked.push(offset);
      expect(offset).toBeGreaterThan(6.5);
      expect(offset).toBeLessThan(7.5);
      // One 4号 character (14 pt) in from the text block's edge.
      const right = width - MARGIN.right;
      if (p % 2) expect(right - line.xMax).toBeCloseTo(14, 0);
      else expect(line.xMin - MARGIN.left).toBeCloseTo(14, 0);
    }
    expect(checked).toHaveLength(4);
  });

  it('attachment: 附件 on line 1 of a new page, its title centred on line 3', () => {
    for (const pdf of [pdfs.unit, pdfs.summary]) {
      const pages = pageCount(pdf);
      const p = Array.from({ length: pages }, (_, i) => i + 1).find((n) =>
        /^附件\s*1?$/.test(bodyLines(pdf, n)[0]?.text ?? ''),
      )!;
      expect(p).toBeGreaterThan(1);
      const [label, title] = bodyLines(pdf, p);
      const slot = (l: Line) => Math.floor(((l.yMin + l.yMax) / 2 - MARGIN.top) / LINE) + 1;
      expect(slot(label)).toBe(1);
      expect(slot(title)).toBe(3);
      expect(label.xMin - MARGIN.left).toBeLessThan(1);
      const { width } = pageSize(pdf, p);
      expect(Math.abs((title.xMin + title.xMax) / 2 - (MARGIN.left + width - MARGIN.right) / 2)).toBeLessThan(
        2,
      );
    }
  });

  it('signature: unit 右空二字, the date exactly two characters right of the unit', () => {
    const find = (pdf: string, unit: string) => {
      for (let p = 1; p <= pageCount(pdf); p++) {
        const lines = bodyLines(pdf, p);
        const i = lines.findIndex((l) => l.text === unit);
        if (i >= 0) return { page: p, unit: lines[i], date: lines[i + 1] };
      }
      throw new Error(`${unit} not found`);
    };
    // A name longer than the date: the name ends two characters from the right edge.
    const u = find(pdfs.unit, '中共市交通运输局党组');
    expect(u.date.text).toBe('2023年10月10日');
    expect(u.date.xMin - u.unit.xMin).toBeCloseTo(2 * BODY_CHAR, 0);
    const right = pageSize(pdfs.unit, u.page).width - MARGIN.right;
    expect(right - u.unit.xMax).toBeGreaterThan(2 * BODY_CHAR - 1);
    expect(right - u.unit.xMax).toBeLessThan(2 * BODY_CHAR + 1);
    // A name shorter than the date: the name moves left, still two characters before the date.
    const s = find(pdfs.summary, '市直机关工委');
    expect(s.date.text).toBe('2023年10月20日');
    expect(s.date.xMin - s.unit.xMin).toBeCloseTo(2 * BODY_CHAR, 0);
    expect(s.date.xMax).toBeLessThan(right);
  });

  it('the risk register: no id or date split across lines, empty columns narrow', () => {
    const sub = sampleSubmission(definition);
    const pages = pageCount(pdfs.unit);
    const first = Array.from({ length: pages }, (_, i) => i + 1).find((n) =>
      /^附件\s*1?$/.test(bodyLines(pdfs.unit, n)[0]?.text ?? ''),
    )!;
    const text: string[] = [];
    for (let p = first; p <= pages; p++) text.push(...pageLines(pdfs.unit, p).map((l) => l.text));
    // pdftotext may join the cells of a row into one line, but a wrapped id or date is never in one.
    for (const r of sub.risks) {
      expect(text.some((t) => t.includes(r.id))).toBe(true);
      if (r.deadline) {
        const [y, m, d] = r.deadline.split('-').map(Number);
        expect(text.some((t) => t.includes(`${y}年${m}月${d}日`))).toBe(true);
      }
    }
    // The summary's list of units that did not submit spans the text block, centred.
    const p = pageCount(pdfs.summary);
    const header = pageLines(pdfs.summary, p).find((l) => l.text.startsWith('序号'));
    const cells = pageLines(pdfs.summary, p).flatMap((l) => l.words);
    const name = cells.find((w) => w.text === '单位名称')!;
    expect(header ?? name).toBeTruthy();
    // 单位名称 heads the widest column: its centre lies right of the page's centre.
    expect((name.xMin + name.xMax) / 2).toBeGreaterThan(MARGIN.left + pt(pageContentWidth(false)) / 2);
  });

  it('the self-inspection report renders with its title and appendix', () => {
    const first = bodyLines(pdfs.self, 1);
    expect(first[0].yMax - first[0].yMin).toBeGreaterThan(24);
    const pages = pageCount(pdfs.self);
    const firsts = Array.from({ length: pages }, (_, i) => bodyLines(pdfs.self, i + 1)[0]?.text ?? '');
    expect(firsts.some((t) => /^附件\s*1?$/.test(t))).toBe(true);
  });
});
