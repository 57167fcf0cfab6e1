// The report writer: the layout rules of gbt9704.ts (text widths, title lines, signature indents, table
// columns, page-number position) and the .docx package ooxml.ts writes (every part well-formed and
// referenced, the document's own styles and fonts, deterministic bytes, the draft marking).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import {
  attachmentNoteLines,
  BODY_CHAR,
  columnWidths,
  FOOTER_DISTANCE,
  headerLines,
  INDENT_2CH,
  PAGE,
  pageContentWidth,
  signatureIndents,
  SIZE,
  textWidth,
  titleLines,
  TWIPS_PER_MM,
} from '../templates/src/report/gbt9704';
import { blocksToDocx, summaryReportDocx, unitReportDocx, type Block } from '../templates/src/report/index';
import { xmlText } from '../templates/src/report/ooxml';
import { riskTable } from '../templates/src/report/unit-report';
import { definition } from '../templates/src/standard/ideology';
import { sampleSubmission } from '../templates/src/samples/submission';
import { has, tempDir } from './helpers/tools';

const titleW = (s: string) => textWidth(s, { size: SIZE.title, autospace: true });
const tableW = (s: string) => textWidth(s, { size: SIZE.table, autospace: true });
const WIDTH = pageContentWidth(false);

describe('text widths', () => {
  it('Chinese one em, digits half an em in Times New Roman, spacing per character, autospace at boundaries', () => {
    expect(textWidth('意识形态', { size: SIZE.body })).toBe(4 * 320);
    expect(textWidth('2023', { size: SIZE.body })).toBe(4 * 160);
    expect(textWidth('FX-001', { size: SIZE.table })).toBeCloseTo(((556 + 722 + 333 + 1500) * 210) / 1000, 5);
    expect(textWidth('意识形态', { size: SIZE.body, spacing: -5 })).toBe(4 * 315);
    // "2023年": one Chinese–digit boundary.
    expect(textWidth('2023年', { size: SIZE.title, autospace: true })).toBe(4 * 220 + 440 + 110);
    expect(textWidth('“软任务”', { size: SIZE.body })).toBe(5 * 320);
    // 28 body characters fill the 442.25 pt line exactly as GB/T 9704 wants.
    expect(28 * BODY_CHAR).toBeLessThanOrEqual(WIDTH);
    expect(29 * BODY_CHAR).toBeGreaterThan(WIDTH);
  });
});

describe('title lines (GB/T 9704 7.3.3)', () => {
  const suffixes = {
    意识形态工作分析研判报告: ['意识形态工作', '分析研判', '报告'],
    意识形态工作责任制落实情况自查报告: ['意识形态工作', '责任制', '落实情况', '自查报告'],
  } as Record<string, string[]>;
  const names = [
    '市文联',
    '市交通运输局',
    '市粮食和物资储备局',
    '中共某某市委员会宣传部',
    '某某市人民政府国有资产监督管理委员会',
  ];
  const cases: string[][] = [];
  for (const kind of definition.reportKinds)
    for (const period of kind.periods) {
      const titleName = definition.periods.find((p) => p.name === period)?.titleName ?? period;
      for (const n of names) cases.push([n, `2023年${titleName}`, ...suffixes[kind.titleSuffix]]);
      cases.push(['关于', `2023年${period}`, '意识形态工作', '分析研判', '情况的', '汇总报告']);
    }

  it.each(cases.map((w) => [w.join(''), w]))('%s', (_title, words) => {
    const lines = titleLines(words);
    expect(lines.join('')).toBe(words.join(''));
    // Every line fits, and every break falls between two words.
    for (const l of lines) expect(titleW(l)).toBeLessThanOrEqual(WIDTH);
    const boundaries = new Set(words.map((_, i) => words.slice(0, i).join('').length));
    let at = 0;
    for (const l of lines.slice(0, -1)) {
      at += l.length;
      expect(boundaries.has(at)).toBe(true);
    }
    // As few lines as the width allows (one more only when words do not pack).
    const total = titleW(words.join(''));
    expect(lines.length).toBeLessThanOrEqual(Math.ceil(total / WIDTH) + 1);
    if (total <= WIDTH) expect(lines).toHaveLength(1);
    // Balanced: moving a word across a break never shortens the longer of the two lines, unless the
    // move would make an hourglass (7.3.3 wants a trapezoid or a diamond).
    const hourglass = (ls: string[]) =>
      ls.some(
        (l, k) =>
          k > 0 && k < ls.length - 1 && titleW(l) < titleW(ls[k - 1]) && titleW(l) < titleW(ls[k + 1]),
      );
    for (let k = 0; k + 1 < lines.length; k++) {
      const longer = Math.max(titleW(lines[k]), titleW(lines[k + 1]));
      const moves: [string, string][] = [];
      for (const w of words) {
        if (lines[k + 1].startsWith(w) && w !== lines[k + 1])
          moves.push([lines[k] + w, lines[k + 1].slice(w.length)]);
        if (lines[k].endsWith(w) && w !== lines[k])
          moves.push([lines[k].slice(0, -w.length), w + lines[k + 1]]);
      }
      for (const [a, b] of moves) {
        if (titleW(a) > WIDTH || titleW(b) > WIDTH) continue;
        if (hourglass([...lines.slice(0, k), a, b, ...lines.slice(k + 2)])) continue;
        expect(Math.max(titleW(a), titleW(b))).toBeGreaterThanOrEqual(longer - 1);
      }
    }
  });

  it('examples: whole words, balanced', () => {
    expect(titleLines(['市交通运输局', '2023年第三季度', '意识形态工作', '分析研判', '报告'])).toEqual([
      '市交通运输局2023年第三季度',
      '意识形态工作分析研判报告',
    ]);
    expect(titleLines(['关于', '2023年第三季度', '意识形态工作', '分析研判', '情况的', '汇总报告'])).toEqual([
      '关于2023年第三季度意识形态工作',
      '分析研判情况的汇总报告',
    ]);
    expect(titleLines(['风险隐患台账'])).toEqual(['风险隐患台账']);
  });

  it('a word longer than a line is split at its middle, never inside a number', () => {
    const name = '某某省某某市某某区人民政府办公室机关事务管理服务中心';
    const lines = titleLines([name, '2023年第三季度', '意识形态工作', '分析研判', '报告']);
    expect(lines[0]).toBe('某某省某某市某某区人民政府');
    expect(lines[1].startsWith('办公室机关事务管理服务中心')).toBe(true);
    for (const l of lines) expect(titleW(l)).toBeLessThanOrEqual(WIDTH);
    const digits = titleLines(['12345678901234567890123456789012345678901234567890']);
    expect(digits).toHaveLength(1);
  });

  it('avoids an hourglass (a middle line shorter than both neighbours)', () => {
    const words = [
      '某某市人民政府国有资产监督管理委员会',
      '2023年上半年',
      '意识形态工作',
      '责任制',
      '落实情况',
      '自查报告',
    ];
    const w = titleLines(words).map(titleW);
    expect(w).toHaveLength(3);
    expect(w[1] < w[0] && w[1] < w[2]).toBe(false);
  });
});

describe('signature (GB/T 9704 7.3.5.2)', () => {
  const body = (s: string) => textWidth(s, { size: SIZE.body, spacing: -5 });
  it('a name longer than the date: name 右空二字, date two characters right of the name', () => {
    const ind = signatureIndents('中共市交通运输局党组', '2023年10月10日');
    expect(ind.unit + body('中共市交通运输局党组')).toBe(WIDTH - INDENT_2CH);
    expect(ind.date - ind.unit).toBe(INDENT_2CH);
    expect(INDENT_2CH).toBe(630);
  });
  it('a date longer than the name: date 右空二字, name two characters left of it', () => {
    const ind = signatureIndents('市文联', '2023年10月10日');
    expect(ind.date - ind.unit).toBe(INDENT_2CH);
    // 8 digits of 7.75 pt and 3 characters of 15.75 pt.
    expect(ind.date + 8 * 155 + 3 * 315).toBe(WIDTH - INDENT_2CH);
  });
  it('a date alone is 右空二字', () => {
    expect(signatureIndents('', '2023年10月10日').date).toBe(WIDTH - INDENT_2CH - 8 * 155 - 3 * 315);
  });
});

describe('附件说明 (GB/T 9704 7.3.4)', () => {
  it('one attachment: the name hangs after 附件：', () => {
    expect(attachmentNoteLines(['风险隐患台账'])).toEqual([
      { text: '附件：风险隐患台账', left: INDENT_2CH + 3 * 315, hanging: 3 * 315 },
    ]);
  });
  it('several: numbered, later numbers under the first, names aligned', () => {
    const [a, b] = attachmentNoteLines(['风险隐患台账', '未报送单位名单']);
    expect(a.text).toBe('附件：1.风险隐患台账');
    expect(b.text).toBe('2.未报送单位名单');
    expect(a.left).toBe(b.left);
    expect(a.left - a.hanging).toBe(INDENT_2CH);
    expect(b.left - b.hanging).toBe(INDENT_2CH + 3 * 315);
  });
});

describe('page number (GB/T 9704 7.5)', () => {
  it('the footer distance puts the dash 7 mm under the text block', () => {
    // The footer line is one em (14 pt) high; the dash lies half an em above its bottom.
    const dashAboveBottom = FOOTER_DISTANCE + (SIZE.pageNumber * 10) / 2;
    expect((PAGE.margin.bottom - dashAboveBottom) / TWIPS_PER_MM).toBeCloseTo(7, 1);
  });
});

describe('attachment table columns', () => {
  const landscape = pageContentWidth(true);
  const built = riskTable(sampleSubmission(definition).risks, definition);
  const table = {
    ...built,
    columns: [...built.columns, { label: '备注', kind: 'text' as const }],
    rows: built.rows.map((r) => [...r, '']),
  };
  const widths = columnWidths(table, landscape);
  // The builder leaves empty columns out (备注 is empty in the sample); the writer still gets one here.
  const labelOf = (key: string) => definition.riskColumns.find((c) => c.key === key)!.label;
  const col = (key: string) => table.columns.findIndex((c) => c.label === labelOf(key));
  const inner = (i: number) => widths[i] - 170;

  it('fills the page', () => {
    expect(widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(landscape);
    expect(widths.reduce((a, b) => a + b, 0)).toBeGreaterThan(landscape - widths.length);
  });

  it('ids and dates get the width of their longest cell, never less', () => {
    for (const key of ['id', 'deadline']) {
      const i = col(key);
      const longest = Math.max(...table.rows.map((r) => tableW(r[i])));
      expect(inner(i)).toBeGreaterThanOrEqual(longest);
      expect(inner(i)).toBeLessThan(longest + 3 * 210);
    }
  });

  it('an empty column is narrow; long text columns are the widest', () => {
    const note = col('note');
    expect(table.rows.every((r) => !r[note])).toBe(true);
    expect(widths[note]).toBeLessThanOrEqual(2 * 210 + 170);
    const description = widths[col('description')];
    for (const key of ['id', 'category', 'level', 'leader', 'status'])
      expect(widths[col(key)]).toBeLessThan(description);
    // A short text column (风险等级: 高/中/低) is not stretched; its header goes on two lines.
    expect(widths[col('level')]).toBeLessThan(3 * 210 + 170);
    expect(headerLines('风险等级', widths[col('level')])).toEqual(['风险', '等级']);
  });

  it('a small table spans the text block: the text column takes the room', () => {
    const w = columnWidths(
      {
        columns: [
          { label: '序号', kind: 'number' },
          { label: '单位代码', kind: 'id' },
          { label: '单位名称', kind: 'text' },
        ],
        rows: [
          ['1', 'SZ031', '市林业发展中心'],
          ['2', 'SZ044', '市农业机械发展中心'],
        ],
      },
      WIDTH,
    );
    expect(w.reduce((a, b) => a + b, 0)).toBeGreaterThan(WIDTH - 3);
    expect(w[2]).toBeGreaterThan(w[0] + w[1]);
    expect(w[1] - 170).toBeGreaterThanOrEqual(tableW('SZ044'));
  });

  it('header labels break between terms when the column is narrow', () => {
    expect(headerLines('风险隐患描述', 800)).toEqual(['风险隐患', '描述']);
    expect(headerLines('责任部门（责任人）', 1000)).toEqual(['责任部门', '（责任人）']);
    expect(headerLines('风险隐患描述', 5000)).toEqual(['风险隐患描述']);
    expect(headerLines('备注', 300)).toEqual(['备注']);
  });
});

async function unzip(bytes: Uint8Array): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const out: Record<string, string> = {};
  for (const [name, f] of Object.entries(zip.files)) if (!f.dir) out[name] = await f.async('string');
  return out;
}

describe('the .docx package', () => {
  it('page, grid, fonts and the document’s own styles (no Calibri)', async () => {
    const bytes = await unitReportDocx(sampleSubmission(definition), definition);
    expect([...bytes.slice(0, 2)]).toEqual([0x50, 0x4b]);
    const x = await unzip(bytes);
    const doc = x['word/document.xml'];
    const styles = x['word/styles.xml'];
    expect(doc).toContain('<w:pgSz w:w="11906" w:h="16838"/>');
    expect(doc).toContain(
      `<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" w:header="851" w:footer="${FOOTER_DISTANCE}" w:gutter="0"/>`,
    );
    expect(doc).toContain('<w:docGrid w:type="lines" w:linePitch="579"/>');
    expect(doc).toContain('<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>');
    expect(x['word/settings.xml']).toContain('<w:evenAndOddHeaders/>');

    const style = (id: string) =>
      new RegExp(`<w:style [^>]*w:styleId="${id}">(.*?)</w:style>`).exec(styles)![1];
    const tnr = (ea: string) =>
      `<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="${ea}" w:cs="Times New Roman"/>`;
    // Body: 仿宋_GB2312 + Times New Roman, 3号, −0.25 pt, exact 28.95 pt, two-character indent, justified.
    expect(style('Normal')).toContain(
      `<w:rPr>${tnr('仿宋_GB2312')}<w:spacing w:val="-5"/><w:sz w:val="32"/>`,
    );
    expect(style('Normal')).toContain(
      'w:line="579" w:lineRule="exact"/><w:ind w:firstLine="630"/><w:jc w:val="both"/>',
    );
    expect(style('Title')).toContain(
      `${tnr('方正小标宋简体')}<w:b w:val="0"/><w:bCs w:val="0"/><w:spacing w:val="0"/><w:sz w:val="44"/>`,
    );
    expect(style('Title')).toContain('<w:jc w:val="center"/>');
    expect(style('Heading1')).toContain(tnr('黑体'));
    expect(style('LeadKai')).toContain(tnr('楷体_GB2312'));
    expect(style('AppendixLabel')).toContain(tnr('黑体'));
    expect(style('Footer')).toContain('w:eastAsia="宋体"');
    expect(style('Footer')).toContain('<w:sz w:val="28"/>');
    expect(style('Footer')).toContain('w:line="280" w:lineRule="exact"');
    expect(styles).toContain('w:eastAsia="zh-CN"');
    for (const part of Object.values(x)) expect(part).not.toContain('Calibri');
    // Runs carry no direct formatting but a character style: restyling in Word changes the document.
    expect(doc).not.toContain('<w:rFonts');
    // (The 1 pt paragraph mark that closes an attachment's section is not a run.)
    expect(doc).not.toMatch(/<w:r><w:rPr>(?:(?!<\/w:rPr>).)*<w:sz /);
    expect(doc).toMatch(
      /<w:rStyle w:val="LeadKai"\/><\/w:rPr><w:t xml:space="preserve">（一）压紧压实主体责任，意识形态工作领导有力。<\/w:t><\/w:r><w:r><w:t xml:space="preserve">局党组始终/,
    );

    const fonts = x['word/fontTable.xml'];
    for (const [name, alt] of [
      ['仿宋_GB2312', '仿宋'],
      ['仿宋', 'FangSong'],
      ['楷体_GB2312', '楷体'],
      ['楷体', 'KaiTi'],
      ['黑体', 'SimHei'],
      ['宋体', 'SimSun'],
      ['方正小标宋简体', '宋体'],
    ])
      expect(fonts).toContain(`<w:font w:name="${name}"><w:altName w:val="${alt}"/>`);
  });

  it('footers: "— PAGE —", odd right and even left one character in; every section refers to both', async () => {
    const x = await unzip(await unitReportDocx(sampleSubmission(definition), definition));
    const rels = x['word/_rels/document.xml.rels'];
    const target = (id: string) =>
      new RegExp(`Id="${id}" Type="[^"]+/footer" Target="([^"]+)"`).exec(rels)![1];
    const doc = x['word/document.xml'];
    const odd = x[`word/${target(/<w:footerReference w:type="default" r:id="(\w+)"/.exec(doc)![1])}`];
    const even = x[`word/${target(/<w:footerReference w:type="even" r:id="(\w+)"/.exec(doc)![1])}`];
    expect(odd).toContain('<w:ind w:right="280" w:firstLine="0"/><w:jc w:val="right"/>');
    expect(even).toContain('<w:ind w:left="280" w:firstLine="0"/><w:jc w:val="left"/>');
    for (const f of [odd, even]) {
      expect(f).toContain('>— </w:t>');
      expect(f).toContain('<w:instrText xml:space="preserve"> PAGE </w:instrText>');
      expect(f).toContain('> —</w:t>');
    }
    const sections = doc.match(/<w:sectPr>/g)!.length;
    expect(sections).toBe(3); // the body, 附件1 (the register), 附件2 (the metrics table)
    expect(doc.match(/<w:footerReference /g)).toHaveLength(2 * sections);
  });

  it('the attachment: new section, 附件 then a blank line then its title (line 3), header row repeated', async () => {
    const doc = (await unzip(await unitReportDocx(sampleSubmission(definition), definition)))[
      'word/document.xml'
    ];
    // The body section's properties end its last paragraph; the attachment's section starts a new page.
    expect(doc).toMatch(
      /<\/w:sectPr><\/w:pPr><w:r><w:t xml:space="preserve">2023年10月10日<\/w:t><\/w:r><\/w:p><w:p><w:pPr><w:pStyle w:val="AppendixLabel"/,
    );
    // 附件1 (landscape) is closed by a 1 pt paragraph carrying its section; 附件2 (portrait) by the body's.
    expect(doc).toMatch(
      /<\/w:tbl><w:p><w:pPr>(?:(?!<\/w:pPr>).)*<w:sectPr>(<w:footerReference [^>]*>){2}<w:type w:val="nextPage"\/><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/,
    );
    expect(doc).toMatch(
      /<\/w:tbl><w:sectPr>(<w:footerReference [^>]*>){2}<w:type w:val="nextPage"\/><w:pgSz w:w="11906" w:h="16838"\/>/,
    );
    for (const [label, title] of [
      ['附件1', '风险隐患台账'],
      ['附件2', '工作指标统计表'],
    ])
      expect(doc).toMatch(
        new RegExp(
          `<w:pStyle w:val="AppendixLabel"/></w:pPr><w:r><w:t xml:space="preserve">${label}</w:t></w:r></w:p><w:p/><w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t xml:space="preserve">${title}</w:t></w:r></w:p><w:p/><w:tbl>`,
        ),
      );
    expect(doc).toContain('<w:tblHeader/>');
    expect(doc).toContain('<w:jc w:val="center"/><w:tblBorders>');
    // ids and dates centred in their cells.
    expect(doc).toMatch(
      /<w:pStyle w:val="TableTextCenter"\/><\/w:pPr><w:r><w:t xml:space="preserve">FX-001</,
    );
  });

  it('the signature and 附件说明 paragraphs carry the computed indents', async () => {
    const doc = (await unzip(await unitReportDocx(sampleSubmission(definition), definition)))[
      'word/document.xml'
    ];
    const ind = signatureIndents('中共市交通运输局党组', '2023年10月10日');
    expect(doc).toContain(
      `<w:pStyle w:val="Signature"/><w:keepNext/><w:ind w:left="${ind.unit}" w:firstLine="0"/></w:pPr><w:r><w:t xml:space="preserve">中共市交通运输局党组<`,
    );
    expect(doc).toContain(`<w:pStyle w:val="Signature"/><w:ind w:left="${ind.date}" w:firstLine="0"/>`);
    // Two attachments: "附件：1.…" then "2.…", the names aligned (one left indent, different hangs).
    const notes = [
      ...doc.matchAll(
        /<w:pStyle w:val="AttachmentNote"\/><w:ind w:left="(\d+)" w:hanging="(\d+)"\/><\/w:pPr><w:r><w:t xml:space="preserve">([^<]*)</g,
      ),
    ].map((m) => ({ left: Number(m[1]), hanging: Number(m[2]), text: m[3] }));
    expect(notes.map((n) => n.text)).toEqual(['附件：1.风险隐患台账', '2.工作指标统计表']);
    expect(notes[0].left).toBe(notes[1].left);
    expect(notes[0].left - notes[0].hanging).toBe(INDENT_2CH);
    expect(notes[0].hanging).toBeGreaterThan(notes[1].hanging);
  });

  it('the title is one paragraph with a line break between its planned lines', async () => {
    const words = ['市交通运输局', '2023年第三季度', '意识形态工作', '分析研判', '报告'];
    const blocks: Block[] = [{ kind: 'title', text: words.join(''), words }];
    const doc = (await unzip(await blocksToDocx(blocks, { title: 't' })))['word/document.xml'];
    expect(doc).toContain(
      '<w:pStyle w:val="Title"/></w:pPr><w:r><w:t xml:space="preserve">市交通运输局2023年第三季度</w:t><w:br/><w:t xml:space="preserve">意识形态工作分析研判报告</w:t></w:r>',
    );
  });

  it('every part is well-formed, listed in [Content_Types].xml and reachable by a relationship', async () => {
    for (const bytes of [
      await unitReportDocx(sampleSubmission(definition), definition),
      await summaryReportDocx(
        {
          issuer: '市直机关工委',
          year: 2023,
          period: '第三季度',
          reportKind: '季度分析研判报告',
          date: '2023-10-20',
          units: { expected: 2, submitted: 1, withErrors: 0, missing: [{ code: 'X1', name: '市文联' }] },
          metricTotals: [],
          riskCounts: [],
          commonProblems: [],
          highRisks: [],
          overdueRisks: [],
        },
        definition,
      ),
      await unitReportDocx(sampleSubmission(definition), definition, { draft: true }),
    ]) {
      const x = await unzip(bytes);
      const names = Object.keys(x);
      const types = x['[Content_Types].xml'];
      for (const n of names.filter((n) => !n.endsWith('.rels') && n !== '[Content_Types].xml'))
        expect(types).toContain(`PartName="/${n}"`);
      const targets = [
        ...[...x['_rels/.rels'].matchAll(/Target="([^"]+)"/g)].map((m) => m[1]),
        ...[...x['word/_rels/document.xml.rels'].matchAll(/Target="([^"]+)"/g)].map((m) => `word/${m[1]}`),
      ];
      for (const t of targets) expect(names).toContain(t);
      for (const n of names.filter(
        (n) => !['[Content_Types].xml', '_rels/.rels', 'word/_rels/document.xml.rels'].includes(n),
      ))
        expect(targets).toContain(n);
      // Every r:id in the document resolves.
      for (const m of x['word/document.xml'].matchAll(/r:id="(\w+)"/g))
        expect(x['word/_rels/document.xml.rels']).toContain(`Id="${m[1]}"`);
      if (has('xmllint')) {
        const tmp = tempDir('yanpan-xml-');
        try {
          const files = names.map((n, i) => {
            const f = path.join(tmp.dir, `${i}.xml`);
            writeFileSync(f, x[n]);
            return f;
          });
          execFileSync('xmllint', ['--noout', ...files]);
        } finally {
          tmp.cleanup();
        }
      }
    }
  });

  it('the same report gives the same bytes', async () => {
    const a = await unitReportDocx(sampleSubmission(definition), definition);
    const b = await unitReportDocx(sampleSubmission(definition), definition);
    expect(a).toEqual(b);
  });

  it('draft: "草稿" in a header on every page, odd and even', async () => {
    const x = await unzip(await unitReportDocx(sampleSubmission(definition), definition, { draft: true }));
    const doc = x['word/document.xml'];
    expect(doc).toContain(
      '<w:headerReference w:type="default" r:id="rId6"/><w:headerReference w:type="even" r:id="rId6"/>',
    );
    expect(x['word/header1.xml']).toContain('>草稿</w:t>');
    const plain = await unzip(await unitReportDocx(sampleSubmission(definition), definition));
    expect(plain['word/document.xml']).not.toContain('headerReference');
    expect(Object.keys(plain)).not.toContain('word/header1.xml');
  });

  it('user text cannot break the XML', async () => {
    expect(xmlText('a<b>&c\u0001\u000b d\r\ne')).toBe('a&lt;b&gt;&amp;c de');
    const sub = sampleSubmission(definition);
    sub.narrative.sections[0].body = '含<尖括号>&“引号”\u0007和\n换行';
    const doc = (await unzip(await unitReportDocx(sub, definition)))['word/document.xml'];
    expect(doc).toContain('含&lt;尖括号&gt;&amp;“引号”和换行');
  });
});

describe('one docx writer', () => {
  it('no production code imports the docx package', () => {
    const root = path.join(__dirname, '..');
    for (const dir of ['templates/src', 'importer/src', 'addin/src', 'examples', 'bench']) {
      const files = readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' }).filter((f) =>
        /\.(ts|tsx|js|mjs)$/.test(f),
      );
      for (const f of files)
        expect(readFileSync(path.join(root, dir, f), 'utf8'), `${dir}/${f}`).not.toMatch(
          /from ['"]docx['"]|require\(['"]docx['"]\)/,
        );
    }
  });
});
