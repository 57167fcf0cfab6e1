import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { definition } from '../templates/src/standard/ideology';
import type { Definition } from '../templates/src/standard/types';
import {
  DRAFT_NOTE,
  buildSummaryReport,
  buildUnitReport,
  metricSentence,
  packDocx,
  reportFileName,
  summaryReportText,
  unitReportDocx,
  unitReportText,
  type SummaryInput,
} from '../templates/src/report/index';
import { columnWidths, packWithDocx, signatureIndents } from '../templates/src/report/gbt9704';
import { xmlText } from '../templates/src/report/ooxml';
import { stripOrdinal } from '../templates/src/report/phrases';
import { reportContext } from '../templates/src/report/unit-report';
import { sampleSubmission } from '../templates/src/standard/sample';
import type { Submission } from '../templates/src/standard/schema';
import { submissionSchema } from '../templates/src/standard/schema';

const FORBIDDEN = ['*', 'null', 'undefined', 'NaN', '0次', '0篇', '0条', '0场', '0份', '0人'];

function expectClean(text: string) {
  for (const bad of FORBIDDEN) {
    if (bad.startsWith('0')) expect(text).not.toMatch(new RegExp(`(?<![0-9.])${bad}`));
    else expect(text).not.toContain(bad);
  }
}

function withMetrics(sub: Submission, values: Record<string, [number | null, number | null]>): Submission {
  return {
    ...sub,
    metrics: sub.metrics.map((m) =>
      m.id in values ? { ...m, current: values[m.id][0], ytd: values[m.id][1] } : m,
    ),
  };
}

function headings(text: string): string[] {
  return text.split('\n').filter((l) => /^[一二三四五六七八九十]+、/.test(l));
}

describe('sampleSubmission', () => {
  it('is a valid, complete submission: every metric, 8 narrative paragraphs, 12 risks', () => {
    const sub = submissionSchema.parse(sampleSubmission());
    expect(sub.metrics.map((m) => m.id)).toEqual(definition.metrics.map((m) => m.id));
    const n = sub.narrative;
    expect((n.opening ? 1 : 0) + n.sections.length + n.problems.length + n.nextSteps.length).toBe(8);
    expect(sub.risks).toHaveLength(12);
    expect(new Set(sub.risks.map((r) => r.id)).size).toBe(12);
  });
});

describe('quarterly unit report text', () => {
  const text = unitReportText(sampleSubmission());
  const lines = text.split('\n');

  it('title, headings in order, and the file name', () => {
    expect(lines[0]).toBe('市交通运输局2023年第三季度意识形态工作分析研判报告');
    expect(headings(text)).toEqual([
      '一、总体情况',
      '二、具体工作开展情况',
      '三、风险隐患分析研判',
      '四、下一步工作打算',
    ]);
    expect(reportFileName(sampleSubmission())).toBe(
      '市交通运输局2023年第三季度意识形态工作分析研判报告.docx',
    );
  });

  it('the register sentence, level breakdown and overdue count', () => {
    expect(text).toContain(
      '经梳理排查，共分析研判意识形态工作风险隐患12条，其中，组织领导方面2条，理论武装方面2条，阵地管理方面2条，舆论引导方面2条，网络意识形态方面2条，队伍建设方面2条。',
    );
    expect(text).toContain('按风险等级分，高风险2条、中风险6条、低风险4条。');
    expect(text).toContain('目前，已整改1条、整改中7条、未整改4条，其中超过整改时限仍未整改完成2条。');
  });

  it('narrative subsections carry their category metrics with the period wording', () => {
    expect(text).toContain(
      '本季度组织理论学习中心组集体学习3次，开展专题学习研讨2次，组织干部职工集中理论学习6次，讲党课（含书记专题党课）4次，开展主题宣讲3次，开展警示教育2次，撰写学习心得体会86篇；截至第三季度，累计组织理论学习中心组集体学习9次，开展专题学习研讨5次，组织干部职工集中理论学习17次，讲党课（含书记专题党课）11次，开展主题宣讲7次，开展警示教育4次，撰写学习心得体会231篇。',
    );
    // 万 and 近 styles from the definition; 0 this quarter is left out, the year-to-date 14份 kept.
    expect(text).toContain('累计通过网站、公众号等发布宣传信息1.3万余篇');
    expect(text).toContain('活动覆盖近10万人次');
    expect(text).toContain(
      '本季度召开党组（党委）会议专题研究意识形态工作2次，召开意识形态工作分析研判会1次，向上级专题报告意识形态工作1次',
    );
    expect(text).toContain('签订意识形态工作责任书14份');
    // Stock metric: no 累计.
    expect(text).toContain('；配备网评员12人。');
    expect(text).not.toContain('累计配备网评员');
    const line = lines.find((l) => l.startsWith('（二）坚持学思践悟'))!;
    expect(line.startsWith('（二）坚持学思践悟，理论武装持续走深走实。严格落实“第一议题”制度')).toBe(true);
  });

  it('a category with metrics but no paragraph gets a generated subsection', () => {
    expect(lines).toContain(
      '（五）加强意识形态工作队伍建设。本季度开展谈心谈话64次，纠正思想认识有偏差的党员干部2人，开展意识形态工作业务培训1次；截至第三季度，累计开展谈心谈话178次，纠正思想认识有偏差的党员干部5人，开展意识形态工作业务培训3次。',
    );
  });

  it('risk analysis per category with 一是/二是, 具体表现 woven in, overdue noted', () => {
    expect(lines).toContain(
      '（一）组织领导方面。一是个别基层党支部对意识形态工作重视不够，存在重业务、轻思想的倾向，少数支部把意识形态工作当作“软任务”，专题研究流于形式，会议记录内容简单。二是意识形态工作责任清单细化不够，层层传导压力存在递减现象，部分下属单位责任清单照抄照搬，未结合行业特点明确具体任务，已超过整改时限（2023年9月15日）尚未整改到位。',
    );
    expect(text).toContain('（三）阵地管理方面。一是系统内部分公众号');
    expect(text).toContain('部分工作群无明确管理员，研判为高风险。二是');
  });

  it('next steps from the narrative, attachment note, signature and appendix', () => {
    expect(text).toContain('（一）持续压实意识形态工作责任。坚持把意识形态工作作为');
    const i = lines.indexOf('附件：风险隐患台账');
    expect(i).toBeGreaterThan(0);
    expect(lines.slice(i + 1, i + 6)).toEqual([
      '',
      '中共市交通运输局党组',
      '2023年10月10日',
      '附件',
      '风险隐患台账',
    ]);
    expect(lines[i + 6]).toBe(definition.riskColumns.map((c) => c.label).join('\t'));
    expect(lines[i + 7].split('\t').slice(0, 5)).toEqual([
      'FX-001',
      '组织领导',
      '个别基层党支部对意识形态工作重视不够，存在重业务、轻思想的倾向',
      '少数支部把意识形态工作当作“软任务”，专题研究流于形式，会议记录内容简单',
      '中',
    ]);
    expect(text).toContain('\t2023年9月15日\t整改中（逾期）\t');
  });

  it('never prints *, null, undefined, NaN or 0-count phrases', () => {
    expectClean(text);
  });
});

describe('metric sentences', () => {
  const ctx = reportContext(sampleSubmission(), definition);

  it('blank and zero metrics are left out; a category with nothing gives no sentence', () => {
    const sub = withMetrics(sampleSubmission(), {
      'team.talks': [null, null],
      'team.corrections': [0, 0],
      'team.training': [null, 2],
    });
    expect(metricSentence('队伍建设', sub.metrics, ctx)).toBe(
      '截至第三季度，累计开展意识形态工作业务培训2次。',
    );
    const none = withMetrics(sampleSubmission(), {
      'team.talks': [null, null],
      'team.corrections': [0, 0],
      'team.training': [0, null],
    });
    expect(metricSentence('队伍建设', none.metrics, ctx)).toBe('');
    const text = unitReportText(none);
    expect(text).not.toContain('加强意识形态工作队伍建设');
    expect(text).not.toContain('开展谈心谈话64次');
    expect(text).not.toContain('累计开展谈心谈话');
    expectClean(text);
  });

  it('year-to-date equal to the period, and the first quarter, add no 累计 clause', () => {
    const q1 = { ...sampleSubmission(), period: '第一季度' };
    const c1 = reportContext(q1, definition);
    const sub = withMetrics(q1, {
      'net.found': [5, 5],
      'net.handled': [4, 4],
      'net.commentators': [2, null],
    });
    expect(metricSentence('网络意识形态', sub.metrics, c1)).toBe(
      '本季度发现不良导向舆情信息5条，处置舆情信息4条；配备网评员2人。',
    );
  });

  it('fourth quarter reads 全年累计', () => {
    const q4 = { ...sampleSubmission(), period: '第四季度' };
    const sub = withMetrics(q4, {
      'net.found': [5, 20],
      'net.handled': [0, 18],
      'net.commentators': [null, null],
    });
    expect(metricSentence('网络意识形态', sub.metrics, reportContext(q4, definition))).toBe(
      '本季度发现不良导向舆情信息5条；全年累计发现不良导向舆情信息20条，处置舆情信息18条。',
    );
  });

  it('reads phrases and styles from the definition passed in', () => {
    const def: Definition = {
      ...definition,
      metrics: definition.metrics.map((m) =>
        m.id === 'front.activities' ? { ...m, phrase: '举办宣传活动', style: 'wan' as const } : m,
      ),
    };
    const sub = withMetrics(sampleSubmission(), {
      'front.posts': [null, null],
      'front.activities': [17540, null],
      'front.reach': [null, null],
      'front.boardUpdates': [null, null],
      'front.featuredBranches': [null, null],
    });
    expect(metricSentence('阵地建设', sub.metrics, reportContext(sub, def))).toBe(
      '本季度举办宣传活动1.7万余场。',
    );
  });
});

describe('other outlines and edge cases', () => {
  it('numbering the user typed is not doubled', () => {
    const sub = sampleSubmission();
    sub.narrative.sections[0].title = '（一）压紧压实主体责任';
    sub.narrative.sections[1].title = '二、坚持学思践悟';
    sub.narrative.nextSteps[0].title = '1.持续压实意识形态工作责任';
    sub.risks[0].description = '一是个别基层党支部重视不够';
    const text = unitReportText(sub);
    expect(text).toContain('（一）压紧压实主体责任。局党组始终');
    expect(text).toContain('（二）坚持学思践悟。严格落实');
    expect(text).toContain('（一）持续压实意识形态工作责任。坚持');
    expect(text).toContain('（一）组织领导方面。一是个别基层党支部重视不够，少数支部');
    expect(stripOrdinal('1.5万名群众受益')).toBe('1.5万名群众受益');
    expect(stripOrdinal('（3）加强阵地管理')).toBe('加强阵地管理');
    expect(stripOrdinal('第二，强化学习')).toBe('强化学习');
  });

  it('a risk row without description or detail is counted but not described', () => {
    const sub = sampleSubmission();
    sub.risks[0] = { ...sub.risks[0], description: null, detail: null };
    const text = unitReportText(sub);
    expect(text).toContain('共分析研判意识形态工作风险隐患12条');
    expect(text).toContain('（一）组织领导方面。意识形态工作责任清单细化不够');
    expectClean(text);
  });

  it('a category with a single risk reads without 一是', () => {
    const sub = sampleSubmission();
    sub.risks = sub.risks.filter((r) => r.id !== 'FX-002');
    expect(unitReportText(sub)).toContain(
      '（一）组织领导方面。个别基层党支部对意识形态工作重视不够，存在重业务、轻思想的倾向，少数支部',
    );
  });

  it('no risks: plain sentences, no appendix, next steps from narrative', () => {
    const sub = { ...sampleSubmission(), risks: [] };
    const text = unitReportText(sub);
    expect(text).toContain('经梳理排查，本季度未发现意识形态工作风险隐患。');
    expect(text).not.toContain('附件');
    expect(text).not.toContain('风险隐患台账');
    expectClean(text);
  });

  it('next steps derived from the register when the unit wrote none', () => {
    const sub = sampleSubmission();
    sub.narrative.nextSteps = [];
    const text = unitReportText(sub);
    expect(text).toContain('针对排查发现的风险隐患，下一步，局党组将坚持问题导向');
    expect(text).toContain(
      '（一）组织领导方面。一是将意识形态工作纳入支部书记抓党建述职评议，每季度抽查支部会议记录并通报结果，力争2023年12月31日前整改到位。二是指导下属单位结合实际修订责任清单，逐项明确责任人和完成时限，加快推进逾期整改。',
    );
    // 已整改 risks have no next step (their measures appear only in the appendix table).
    const body = text.slice(0, text.indexOf('附件：'));
    expect(body).not.toContain('建立宣传阵地台账，明确运营单位维护责任');
    expect(text.slice(text.indexOf('附件：'))).toContain('建立宣传阵地台账，明确运营单位维护责任');
  });

  it('default opening when the unit wrote none', () => {
    const sub = sampleSubmission();
    sub.narrative.opening = null;
    const lines = unitReportText(sub).split('\n');
    expect(lines[1]).toBe(
      '今年以来，局党组坚持以习近平新时代中国特色社会主义思想为指导，认真落实意识形态工作责任制，牢牢掌握意识形态工作领导权、管理权、话语权，全面排查、深入分析研判本单位意识形态领域风险隐患。现将2023年第三季度意识形态工作分析研判情况报告如下：',
    );
  });

  it('half-year self-inspection outline (seed 002)', () => {
    const sub = { ...sampleSubmission(), reportKind: '半年自查报告', period: '上半年' };
    const text = unitReportText(sub);
    expect(text.split('\n')[0]).toBe('市交通运输局2023年上半年意识形态工作责任制落实情况自查报告');
    expect(headings(text)).toEqual([
      '一、2023年上半年意识形态工作开展情况及主要做法',
      '二、存在问题',
      '三、下一步工作打算',
    ]);
    expect(text).toContain('上半年组织理论学习中心组集体学习3次');
    expect(text).toContain('截至上半年，累计组织理论学习中心组集体学习9次');
    expect(text).toContain('（一）组织领导方面。一是个别基层党支部');
    expectClean(text);
  });

  it('annual self-inspection: no period in the title, 全年 without a 累计 clause', () => {
    const sub = { ...sampleSubmission(), reportKind: '年度自查报告', period: '全年' };
    const text = unitReportText(sub);
    expect(text.split('\n')[0]).toBe('市交通运输局2023年意识形态工作责任制落实情况自查报告');
    expect(headings(text)[0]).toBe('一、2023年意识形态工作开展情况及主要做法');
    expect(text).toContain('全年组织理论学习中心组集体学习3次');
    expect(text).not.toContain('累计');
  });

  it('the unit’s own 存在问题 rows are used in the self-inspection report', () => {
    const sub = { ...sampleSubmission(), reportKind: '半年自查报告', period: '上半年' };
    sub.narrative = {
      ...sub.narrative,
      problems: [{ category: null, title: '运用理论指导实践的能力不足', body: '学习多以集体学习为主' }],
    };
    const text = unitReportText(sub);
    expect(text).toContain('（一）运用理论指导实践的能力不足。学习多以集体学习为主。');
    expect(text).not.toContain('一是个别基层党支部');
  });
});

describe('layout helpers', () => {
  it('signature: name 右空二字, date starts two characters right of the name', () => {
    // 中共市交通运输局党组 = 10 chars, 2023年10月10日 = 8 digits (4 chars) + 3 = 7 chars.
    expect(signatureIndents('中共市交通运输局党组', '2023年10月10日')).toEqual({ unit: 640, date: 960 });
    // A short name (3 chars): the date is 右空二字 and the name starts two characters left of the date:
    // 2 + 7 + 2 − 3 = 8 characters from the right.
    expect(signatureIndents('市文联', '2023年10月10日')).toEqual({ unit: 2560, date: 640 });
  });

  it('short columns are not squeezed; long ones share the rest', () => {
    const w = columnWidths(
      {
        columns: [
          { label: '编号', width: 10 },
          { label: '描述', width: 40 },
          { label: '措施', width: 40 },
        ],
        rows: [['FX-001', '很长的描述'.repeat(10), '很长的措施'.repeat(10)]],
      },
      10000,
    );
    expect(w[0]).toBe(6 * 105 + 200);
    expect(w[1]).toBe(w[2]);
    expect(w.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(10000);
  });
});

async function docxParts(bytes: Uint8Array) {
  const zip = await JSZip.loadAsync(bytes);
  const read = (p: string) => zip.file(p)!.async('string');
  return {
    document: await read('word/document.xml'),
    styles: await read('word/styles.xml'),
    settings: await read('word/settings.xml'),
    fontTable: await read('word/fontTable.xml'),
    theme: await read('word/theme/theme1.xml'),
    footers: await Promise.all(
      Object.keys(zip.files)
        .filter((f) => /^word\/footer\d+\.xml$/.test(f))
        .map(read),
    ),
  };
}

describe('docx output (GB/T 9704)', () => {
  it('packDocx returns bytes of a zip, and the XML carries page, grid, fonts and styles', async () => {
    const bytes = await packDocx(buildUnitReport(sampleSubmission()));
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect([...bytes.slice(0, 2)]).toEqual([0x50, 0x4b]);
    const x = await docxParts(bytes);

    expect(x.document).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    expect(x.document).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(x.document).toContain('<w:docGrid w:type="lines" w:linePitch="579"/>');
    expect(x.styles).toContain('w:line="579" w:lineRule="exact"');
    expect(x.settings).toContain('<w:evenAndOddHeaders/>');

    // Body runs: 仿宋_GB2312 + Times New Roman, 16 pt, −0.25 pt.
    expect(x.document).toContain(
      '<w:rFonts w:ascii="Times New Roman" w:cs="Times New Roman" w:eastAsia="仿宋_GB2312" w:hAnsi="Times New Roman"/><w:spacing w:val="-5"/><w:sz w:val="32"/>',
    );
    expect(x.document).toContain('w:eastAsia="黑体"');
    expect(x.document).toContain('w:eastAsia="楷体_GB2312"');
    expect(x.document).toContain('w:eastAsia="方正小标宋简体" w:hAnsi="Times New Roman"/><w:sz w:val="44"/>');
    // The "（一）小标题。" lead run uses the 楷体 character style, the body run follows in the same paragraph.
    expect(x.document).toMatch(
      /<w:rStyle w:val="LeadKai"\/>.*?<w:t xml:space="preserve">（一）压紧压实主体责任，意识形态工作领导有力。<\/w:t><\/w:r><w:r>.*?<w:t xml:space="preserve">局党组始终/,
    );

    // Own styles, no Calibri anywhere; Normal indents two characters, Title centred, not bold.
    for (const id of ['Normal', 'Title', 'Heading1', 'Heading2', 'ReportTable', 'TableText', 'Footer'])
      expect(x.styles).toContain(`w:styleId="${id}"`);
    expect(x.styles).not.toContain('Calibri');
    expect(x.theme).not.toContain('Calibri');
    expect(x.styles).toMatch(/w:styleId="Normal" w:default="1">.*?<w:ind w:firstLine="640"\/>/);
    expect(x.styles).toMatch(/w:styleId="Title">.*?<w:jc w:val="center"\/>.*?<w:b w:val="0"\/>/);

    // Fall-backs declared in the font table.
    expect(x.fontTable).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
    expect(x.fontTable).toContain('<w:font w:name="仿宋"><w:altName w:val="FangSong"/>');
    expect(x.fontTable).toContain('<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"/>');
    expect(x.fontTable).toContain('<w:font w:name="楷体"><w:altName w:val="KaiTi"/>');
    expect(x.fontTable).toContain('<w:font w:name="黑体"><w:altName w:val="SimHei"/>');
    expect(x.fontTable).toContain('<w:font w:name="宋体"><w:altName w:val="SimSun"/>');

    // Footers: "— PAGE —" in 14 pt 宋体, odd right with one character in, even left.
    const odd = x.footers.find((f) => f.includes('<w:jc w:val="right"/>'))!;
    const even = x.footers.find((f) => f.includes('<w:jc w:val="left"/>'))!;
    expect(odd).toContain('<w:ind w:right="280"');
    expect(even).toContain('<w:ind w:left="280"');
    for (const f of [odd, even]) {
      expect(f).toContain('>— </w:t>');
      expect(f).toContain('PAGE');
      expect(f).toContain('> —</w:t>');
      expect(f).toContain('w:eastAsia="宋体"');
      expect(f).toContain('<w:sz w:val="28"/>');
    }
    expect(x.document).toMatch(/<w:footerReference w:type="even"/);

    // Appendix: its own section (next page), 附件 in the 黑体 label style, header row repeated.
    expect(x.document).toMatch(/<w:pStyle w:val="AppendixLabel"\/>.*?<w:t xml:space="preserve">附件<\/w:t>/);
    expect(x.document).toContain('<w:tblHeader/>');
    expect(x.document).toContain('<w:type w:val="nextPage"/>');
  });
});

describe('fast writer', () => {
  it('writes the same document.xml as the docx package, for unit and summary reports', async () => {
    const sameFooters = (xml: string) =>
      xml.replace(/<w:footerReference w:type="(\w+)" r:id="rId\d+"\/>/g, '<footer $1/>');
    for (const doc of [buildUnitReport(sampleSubmission()), buildSummaryReport(SUMMARY)]) {
      const fast = await docxParts(await packDocx(doc));
      const slow = await docxParts(await packWithDocx(doc));
      expect(sameFooters(fast.document)).toBe(sameFooters(slow.document));
      expect(fast.styles).toBe(slow.styles);
      expect(fast.settings).toBe(slow.settings);
      expect(fast.fontTable).toBe(slow.fontTable);
    }
  });

  it('every footer reference points at a footer part that exists', async () => {
    const bytes = await packDocx(buildUnitReport(sampleSubmission()));
    const zip = await JSZip.loadAsync(bytes);
    const doc = await zip.file('word/document.xml')!.async('string');
    const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
    const ids = [...doc.matchAll(/<w:footerReference w:type="\w+" r:id="(rId\d+)"\/>/g)].map((m) => m[1]);
    expect(ids).toHaveLength(4);
    for (const id of new Set(ids)) {
      const target = new RegExp(`Id="${id}" Type="[^"]+/footer" Target="([^"]+)"`).exec(rels)![1];
      expect(zip.file(`word/${target}`)).not.toBeNull();
    }
  });

  it('user text cannot break the XML', async () => {
    expect(xmlText('a<b>&c\u0001\u000b d\r\ne')).toBe('a&lt;b&gt;&amp;c de');
    const sub = sampleSubmission();
    sub.narrative.sections[0].body = '含<尖括号>&“引号”\u0007和\n换行';
    const x = await docxParts(await packDocx(buildUnitReport(sub)));
    expect(x.document).toContain('含&lt;尖括号&gt;&amp;“引号”和换行');
  });
});

const SUMMARY: SummaryInput = {
  issuer: '市直机关工委',
  year: 2023,
  period: '第三季度',
  reportKind: '季度分析研判报告',
  date: '2023-10-20',
  units: {
    expected: 48,
    submitted: 45,
    onTime: 41,
    withWarnings: 6,
    withErrors: 2,
    missing: [
      { code: 'SZ031', name: '市林业发展中心' },
      { code: 'SZ044', name: '市农业机械发展中心' },
      { code: 'SZ047', name: '国基公司' },
    ],
  },
  metricTotals: [
    {
      id: 'front.activities',
      total: 2630,
      top: [
        { unit: '市妇联', value: 1754 },
        { unit: '市文联', value: 120 },
      ],
    },
    { id: 'front.reach', total: 156000, top: [{ unit: '市妇联', value: 98000 }] },
    { id: 'front.posts', total: 21800, top: [{ unit: '市委网信办', value: 13000 }] },
    { id: 'org.responsibilityLetters', total: 320, top: [{ unit: '市粮食和物资储备局', value: 14 }] },
    { id: 'net.found', total: 0, top: [] },
    { id: 'net.handled', total: null, top: [] },
  ],
  riskCounts: [
    { category: '组织领导', level: '中', count: 12 },
    { category: '网络意识形态', level: '高', count: 3 },
    { category: '阵地管理', level: '低', count: 9 },
  ],
  commonProblems: [
    { category: '阵地管理', units: 9, examples: ['网站信息更新缓慢，个别版块长期不更新。'] },
    {
      category: '组织领导',
      units: 12,
      examples: ['把意识形态工作作为软任务', '专题研究流于形式'],
    },
  ],
  highRisks: [
    {
      unit: '市交通运输局',
      id: 'FX-009',
      description: '网络舆情监测手段不足',
      level: '高',
      overdue: true,
      deadline: '2023-09-30',
    },
  ],
  overdueRisks: [
    {
      unit: '市交通运输局',
      id: 'FX-009',
      description: '网络舆情监测手段不足',
      level: '高',
      overdue: true,
      deadline: '2023-09-30',
    },
  ],
};

describe('summary report', () => {
  const text = summaryReportText(SUMMARY);
  const lines = text.split('\n');

  it('title and outline', () => {
    expect(lines[0]).toBe('关于2023年第三季度意识形态工作分析研判情况的汇总报告');
    expect(lines[1]).toBe(
      '根据意识形态工作责任制有关要求，市直机关工委组织各单位报送了2023年第三季度意识形态工作分析研判报告和标准填报表，并对报送材料进行了汇总分析。现将有关情况报告如下：',
    );
    expect(headings(text)).toEqual([
      '一、总体情况',
      '二、工作开展情况',
      '三、存在问题',
      '四、高风险和逾期风险隐患',
      '五、意见建议',
    ]);
  });

  it('overall: submissions, metric totals, risks by category and level', () => {
    expect(text).toContain(
      '本次应报送单位48家，实际报送45家（其中按时报送41家），报送率93.8%。经校验，43家单位填报表符合要求（其中6家有需核实的警告事项），2家单位填报表存在错误，已退回修改。尚有3家单位未报送（名单见附件）。',
    );
    expect(text).toContain(
      '从工作指标看，各单位本季度共签订意识形态工作责任书320份；通过网站、公众号等发布宣传信息2.1万余篇，开展宣传教育活动2630场，活动覆盖15.6万人次。',
    );
    expect(text).toContain(
      '从风险隐患看，各单位共排查上报意识形态工作风险隐患24条，其中，组织领导方面12条，阵地管理方面9条，网络意识形态方面3条。按风险等级分，高风险3条、中风险12条、低风险9条。其中超过整改时限仍未整改完成1条。',
    );
  });

  it('work per category with totals and the leading units named with figures', () => {
    expect(text).toContain(
      '（二）强化阵地建设。各单位本季度共通过网站、公众号等发布宣传信息2.1万余篇，开展宣传教育活动2630场，活动覆盖15.6万人次。其中，市委网信办通过网站、公众号等发布宣传信息1.3万篇；市妇联开展宣传教育活动1754场、市文联120场；市妇联活动覆盖近10万人次。',
    );
    // At most three metrics per category are illustrated, those where the leading unit stands out most.
    const many: SummaryInput = {
      ...SUMMARY,
      metricTotals: ['theory.centralGroup', 'theory.seminars', 'theory.staffStudy', 'theory.themedTalks'].map(
        (id, k) => ({
          id,
          total: 100,
          top: [
            { unit: `单位${k}`, value: 10 + k * 10 },
            { unit: '乙', value: 5 },
            { unit: '丙', value: 4 },
          ],
        }),
      ),
    };
    const line = summaryReportText(many)
      .split('\n')
      .find((l) => l.startsWith('（一）强化理论武装。'))!;
    expect(line).toContain(
      '其中，单位1开展专题学习研讨20次、乙5次；单位2组织干部职工集中理论学习30次、乙5次；单位3开展主题宣讲40次、乙5次。',
    );
    expect(text).toContain(
      '（一）强化组织领导。各单位本季度共签订意识形态工作责任书320份。其中，市粮食和物资储备局签订意识形态工作责任书14份。',
    );
  });

  it('problems ranked by how many units reported them', () => {
    const i = lines.findIndex((l) => l.startsWith('（一）组织领导方面。共有12家单位'));
    const j = lines.findIndex((l) => l.startsWith('（二）阵地管理方面。共有9家单位'));
    expect(i).toBeGreaterThan(0);
    expect(j).toBe(i + 1);
    expect(lines[i]).toBe(
      '（一）组织领导方面。共有12家单位排查出此类问题，主要表现为：一是把意识形态工作作为软任务；二是专题研究流于形式。',
    );
  });

  it('high and overdue risks, suggestions, signature and the missing-units appendix', () => {
    expect(text).toContain('（一）高风险隐患1条。市交通运输局（FX-009）网络舆情监测手段不足，已逾期。');
    expect(text).toContain(
      '（二）逾期未整改风险隐患1条。市交通运输局（FX-009）网络舆情监测手段不足，整改时限为2023年9月30日。',
    );
    expect(text).toContain('（一）进一步落实意识形态工作责任制。');
    expect(text).toContain('（二）进一步加强阵地建设管理。');
    expect(lines).toContain(
      '（二）阵地管理方面。共有9家单位排查出此类问题，主要表现为网站信息更新缓慢，个别版块长期不更新。',
    );
    expect(text).toContain('加强风险隐患整改跟踪督办');
    expect(text).toContain('督促3家未报送单位尽快报送，督促2家填报表存在错误的单位按退回意见修改后重新报送');
    const k = lines.indexOf('附件：未报送单位名单');
    expect(lines.slice(k + 2, k + 8)).toEqual([
      '市直机关工委',
      '2023年10月20日',
      '附件',
      '未报送单位名单',
      '序号\t单位代码\t单位名称',
      '1\tSZ031\t市林业发展中心',
    ]);
    expectClean(text);
  });

  it('renders to a docx', async () => {
    const x = await docxParts(await packDocx(buildSummaryReport(SUMMARY)));
    expect(x.document).toContain('市妇联开展宣传教育活动1754场');
    expect(x.styles).not.toContain('Calibri');
  });

  it('everyone submitted, nothing found: no appendix, plain sentences', () => {
    const t = summaryReportText({
      ...SUMMARY,
      units: { expected: 3, submitted: 3, withErrors: 0, missing: [] },
      metricTotals: [],
      riskCounts: [],
      commonProblems: [],
      highRisks: [],
      overdueRisks: [],
    });
    expect(t).toContain('本次应报送单位3家，实际报送3家，报送率100%。经校验，3家单位填报表符合要求。');
    expect(t).toContain('从风险隐患看，各单位本季度未上报意识形态工作风险隐患。');
    expect(t).not.toContain('附件');
    expectClean(t);
    // No issuer: the date alone closes the report; no issuer, no date: no signature block at all.
    const noIssuer = summaryReportText({ ...SUMMARY, issuer: '' }).split('\n');
    expect(noIssuer[noIssuer.indexOf('附件：未报送单位名单') + 2]).toBe('2023年10月20日');
    const bare = summaryReportText({
      ...SUMMARY,
      issuer: ' ',
      date: null,
      units: { ...SUMMARY.units, missing: [] },
    });
    expect(bare.endsWith('确保按时、准确、完整报送分析研判情况。')).toBe(true);
  });
});

describe('draft unit report (from a workbook with errors)', () => {
  const sub = sampleSubmission();
  const title = '市交通运输局2023年第三季度意识形态工作分析研判报告';

  it('says so in the title, the file name and a note under the title; the rest is unchanged', () => {
    const draft = unitReportText(sub, definition, { draft: true }).split('\n');
    const plain = unitReportText(sub, definition).split('\n');
    expect(draft[0]).toBe(`${title}（草稿）`);
    expect(draft[1]).toBe(`草稿说明：${DRAFT_NOTE}`);
    expect(DRAFT_NOTE).toContain('不能作为正式报告报送');
    expect(draft.slice(2)).toEqual(plain.slice(1));
    expect(reportFileName(sub, definition, { draft: true })).toBe(`${title}（草稿）.docx`);
    expect(unitReportText(sub, definition, { draft: false })).toBe(unitReportText(sub));
  });

  it('both writers put the mark in the document and its properties', async () => {
    for (const bytes of [
      await unitReportDocx(sub, definition, { draft: true }),
      await packWithDocx(buildUnitReport(sub, definition, { draft: true })),
    ]) {
      const zip = await JSZip.loadAsync(bytes);
      const doc = await zip.file('word/document.xml')!.async('string');
      const core = await zip.file('docProps/core.xml')!.async('string');
      expect(doc).toContain(`${title}（草稿）</w:t>`);
      expect(doc).toContain(`${DRAFT_NOTE}</w:t>`);
      expect(core).toContain(`<dc:title>${title}（草稿）</dc:title>`);
      expect(core).toContain(DRAFT_NOTE);
    }
    const plainCore = await (
      await JSZip.loadAsync(await unitReportDocx(sub))
    )
      .file('docProps/core.xml')!
      .async('string');
    expect(plainCore).not.toContain('草稿');
  });
});
