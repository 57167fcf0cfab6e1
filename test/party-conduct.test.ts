// The second kind of report, 党风廉政建设, shipped as a data file only (templates/definitions/
// party-conduct.json, registered as a built-in): it parses with the one schema, its template carries the
// genre's labels and drop-downs, a filled workbook reads back as the same submission, deliberate errors get
// the expected Chinese issues, and its quarterly and half-year reports are written in the genre's own
// words — exact titles and outlines, nothing of 意识形态, each figure once, no sentence twice, no stock
// sentence shared by two units — and render through LibreOffice with the title broken between words.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkWorkbookBytes } from '../templates/src/check/check-bytes';
import {
  childElements,
  descendants,
  getAttr,
  NS,
  parseXmlBytes,
  textContent,
} from '../templates/src/ooxml/xml';
import { unzip } from '../templates/src/ooxml/zip';
import { blocksToText, type Block } from '../templates/src/report/blocks';
import { titleLines } from '../templates/src/report/gbt9704';
import { unitReportDocx, unitReportText } from '../templates/src/report/index';
import { formatCount } from '../templates/src/report/numbers';
import { sentencesOf } from '../templates/src/report/prose';
import { reportTitle, reportTitleWords, unitReportBlocks } from '../templates/src/report/unit-report';
import { definitionJsonSchema } from '../templates/src/standard/definition';
import { formatTemplate } from '../templates/src/standard/format';
import {
  builtinDefinitions,
  DefinitionRegistry,
  parseDefinitionText,
} from '../templates/src/standard/registry';
import type { Submission } from '../templates/src/standard/schema';
import type { Definition } from '../templates/src/standard/types';
import { fillWorkbook } from '../templates/src/template/fill';
import { layoutOf } from '../templates/src/template/layout';
import { writeTemplate } from '../templates/src/template/writer';
import { resolvePartName } from '../templates/src/xlsx/reader';
import { workbookBytesToGrid } from '../templates/src/xlsx/read';
import type { SheetGrid, WorkbookGrid } from '../templates/src/xlsx/grid';
import { runImport } from '../importer/src/folder/run-import';
import { definitionData } from './helpers/definitions';
import {
  asFillInput,
  otherUnit,
  partyConductDefinition,
  partyConductSample,
  partyConductSelfInspection,
  PARTY_CONDUCT_ID,
} from './helpers/party-conduct-sample';
import { pageCount, pageLines } from './helpers/pdf';
import { has, sofficeConvert, tempDir } from './helpers/tools';

const FILE = 'party-conduct.json';
const SOURCE = path.join(__dirname, '..', 'templates', 'definitions', FILE);
const AS_OF = '2024-07-10';

const def: Definition = partyConductDefinition();

// ---------------------------------------------------------------------------------------------------
// Helpers

function sheet(grid: WorkbookGrid, name: string): SheetGrid {
  const s = grid.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

function texts(s: SheetGrid): string[] {
  return s.rows.flat().filter((v): v is string => typeof v === 'string');
}

/** sheet name → the list drop-downs of that sheet: formula1 of every list validation. */
function listValidations(bytes: Uint8Array): Map<string, string[]> {
  const parts = new Map(unzip(bytes).map((p) => [p.name, p.data]));
  const rels = parseXmlBytes(parts.get('xl/_rels/workbook.xml.rels')!).root;
  const target = new Map(
    childElements(rels).map((r) => [
      getAttr(r, 'Id')!,
      resolvePartName('xl/workbook.xml', getAttr(r, 'Target')!),
    ]),
  );
  const wb = parseXmlBytes(parts.get('xl/workbook.xml')!).root;
  const out = new Map<string, string[]>();
  for (const sh of descendants(wb, wb.ns, 'sheet')) {
    const ws = parseXmlBytes(parts.get(target.get(getAttr(sh, 'id', NS.r)!)!)!).root;
    const lists = descendants(ws, ws.ns, 'dataValidation')
      .filter((v) => getAttr(v, 'type') === 'list')
      .map((v) => textContent(descendants(v, ws.ns, 'formula1')[0]));
    out.set(getAttr(sh, 'name')!, lists);
  }
  return out;
}

/** The body of a report: its blocks up to the attachments (the appendix tables repeat every figure). */
function bodyBlocks(blocks: readonly Block[]): Block[] {
  const i = blocks.findIndex((b) => b.kind === 'appendix');
  return i < 0 ? [...blocks] : blocks.slice(0, i);
}

/** Every sentence of the body's paragraphs (run-in headings left out). */
function bodySentences(blocks: readonly Block[]): string[] {
  return bodyBlocks(blocks).flatMap((b) => (b.kind === 'para' ? sentencesOf(b.text) : []));
}

/** The definition's fixed formulas as patterns ({*} stands for anything). */
function formulaPatterns(d: Definition): RegExp[] {
  return d.report.fixedFormulas.map(
    (f) =>
      new RegExp(
        `^${f
          .split('{*}')
          .map((p) => formatTemplate(p, { subject: d.subject }).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('.*?')}$`,
      ),
  );
}

/** "召开党组会议专题研究党风廉政建设工作2次" for every figure the submission has (period and year to date). */
function figureTexts(sub: Submission): string[] {
  const vars = { subject: def.subject, meeting: '党组会议' };
  const out: string[] = [];
  for (const m of def.metrics) {
    const v = sub.metrics.find((x) => x.id === m.id)!;
    for (const n of new Set([v.current, v.ytd]))
      if (n) out.push(`${formatTemplate(m.phrase, vars)}${formatCount(n, m.unit, m.style)}`);
  }
  return out;
}

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

// ---------------------------------------------------------------------------------------------------

describe('the 党风廉政建设 definition file', () => {
  it('parses with the one schema, validates against the JSON Schema and is registered as a built-in', () => {
    const text = readFileSync(SOURCE, 'utf8');
    const parsed = parseDefinitionText(text, FILE);
    expect(parsed).toEqual(def);
    expect(builtinDefinitions.map((d) => d.id)).toEqual(['yanpan.ideology', PARTY_CONDUCT_ID]);
    expect(new DefinitionRegistry().byId(PARTY_CONDUCT_ID)).toBe(def);

    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(
      definitionJsonSchema() as object,
    );
    expect(validate(definitionData(FILE)), JSON.stringify(validate.errors)).toBe(true);

    expect(def.subject).toBe('党风廉政建设');
    expect(def.vocab.riskCategory.values).toEqual([
      '主体责任落实',
      '廉洁教育',
      '作风建设',
      '权力运行监督',
      '廉政风险防控',
      '其他',
    ]);
    expect(def.vocab.workCategory.maps).toEqual({ 主体责任: '主体责任落实', 监督执纪: '权力运行监督' });
    expect([...new Set(def.metrics.map((m) => m.category))]).toEqual([
      '主体责任',
      '廉洁教育',
      '作风建设',
      '监督执纪',
      '廉政风险防控',
    ]);
    // Nothing of the first kind left behind in the data.
    expect(text).not.toContain('意识形态');
  });

  it('has prose for every category the reports look up, and every bank the builders call', () => {
    const banks = def.report.banks;
    for (const b of [
      'opening.quarterly',
      'opening.selfInspection',
      'overall.lead',
      'overall.dates',
      'judgement.watch',
      'judgement.calm',
      'count.found',
      'status.done',
      'status.inProgress',
      'status.open',
      'figures.frame',
      'work.none',
      'risk.detail',
      'risk.cause',
      'risk.overdue',
      'risks.none',
      'risks.besides',
      'next.lead',
      'next.leadCalm',
      'next.deadline',
      'next.overdue',
      'attachment.register',
      'attachment.metrics',
      'duty.lead',
      'problems.none',
      'opening.summary',
      ...def.info
        .filter((f) => f.vocab === 'yesNo')
        .flatMap((f) => [`duty.${f.key}.yes`, `duty.${f.key}.no`, `duty.${f.key}.noTitle`]),
    ])
      expect(banks[b]?.length, b).toBeGreaterThan(0);
    const cats = def.report.categories;
    for (const c of new Set(def.metrics.map((m) => m.category))) {
      expect(cats[c]?.workTitle?.length, c).toBeGreaterThan(1);
      expect(
        cats[c]?.workBody?.every((s) => s.includes('{figures}')),
        c,
      ).toBe(true);
      expect(cats[c]?.summaryTitle, c).toBeTruthy();
      expect(cats[c]?.practices?.length, c).toBeGreaterThan(2);
    }
    for (const c of def.vocab.riskCategory.byRole.other ? def.vocab.riskCategory.values.slice(0, -1) : []) {
      expect(cats[c]?.nextTitle?.length, c).toBeGreaterThan(1);
      expect(cats[c]?.nextBody?.length, c).toBeGreaterThan(1);
      expect(cats[c]?.problemTitle?.length, c).toBeGreaterThan(1);
      expect(cats[c]?.cause?.length, c).toBeGreaterThan(0);
      expect(cats[c]?.suggestion, c).toBeTruthy();
    }
    const practiceWords = Object.values(cats).flatMap((p) => p.practices?.map((x) => x.keyword) ?? []);
    for (const w of ['廉政谈话', '警示教育片', '八项规定', '廉洁文化', '四种形态', '风险点'])
      expect(practiceWords).toContain(w);
    // The nested banks every composed phrase names exist.
    for (const [name, variants] of Object.entries(banks))
      for (const v of variants)
        for (const m of v.matchAll(/\{@([\w.-]+)\}/g)) expect(banks[m[1]], `${name} → ${m[1]}`).toBeTruthy();
  });
});

describe('the 党风廉政建设 template', () => {
  let bytes: Uint8Array;
  let grid: WorkbookGrid;
  beforeAll(async () => {
    bytes = await writeTemplate(def);
    const r = await workbookBytesToGrid(bytes, { def });
    if ('issue' in r) throw new Error(r.issue.message);
    grid = r.grid;
  });

  it('has the standard sheets with this genre’s guide, labels, metrics and register header', () => {
    expect(grid.sheets.map((s) => s.name)).toEqual([
      '填报说明',
      '基本信息',
      '工作指标',
      '风险隐患台账',
      '工作情况',
      '_yanpan',
    ]);
    const guide = texts(sheet(grid, '填报说明')).join('\n');
    expect(guide).toContain('党风廉政建设工作分析研判（自查）报告的标准填报表');
    expect(guide).toContain('举报内容、被反映人信息和案件情况不得填入本表');
    expect(guide).toContain(`模板标识：${PARTY_CONDUCT_ID}`);
    expect(guide).not.toContain('意识形态');

    const L = layoutOf(def);
    const info = sheet(grid, '基本信息');
    const labels = def.info.map((_, i) =>
      String(info.rows[L.info.firstRow + i - 1][L.info.labelCol - 1]).replace(/\*$/, ''),
    );
    expect(labels).toEqual(def.info.map((f) => f.label));
    expect(labels).toContain('已制定全面从严治党主体责任清单');

    const metrics = sheet(grid, '工作指标');
    const names = def.metrics.map((_, i) => metrics.rows[L.metrics.firstRow + i - 1]);
    expect(names.map((r) => r[2])).toEqual(def.metrics.map((m) => m.name));
    expect(names.map((r) => r[7])).toEqual(def.metrics.map((m) => m.id));
    expect(names.map((r) => r[2])).toContain('开展落实中央八项规定精神监督检查');
    expect(names.map((r) => r[2])).toContain('运用第一种形态谈话提醒、批评教育');

    const header = sheet(grid, '风险隐患台账').rows[L.risks.headerRow - 1];
    expect(header.filter(Boolean).map((h) => String(h).replace(/\*$/, ''))).toEqual(
      def.riskColumns.map((c) => c.label),
    );
    const meta = texts(sheet(grid, '_yanpan'));
    expect(meta).toContain(PARTY_CONDUCT_ID);
    for (const s of grid.sheets) expect(texts(s).join('').includes('意识形态'), s.name).toBe(false);
  });

  it('offers this genre’s vocabularies as drop-downs', () => {
    const lists = listValidations(bytes);
    const q = (vocab: string) => `"${def.vocab[vocab].values.join(',')}"`;
    expect(lists.get('基本信息')).toEqual(expect.arrayContaining([q('reportKind'), q('period'), '"是,否"']));
    expect(lists.get('风险隐患台账')).toEqual(
      expect.arrayContaining([
        '"主体责任落实,廉洁教育,作风建设,权力运行监督,廉政风险防控,其他"',
        '"高,中,低"',
        '"未整改,整改中,已整改"',
      ]),
    );
    expect(lists.get('工作情况')).toEqual(
      expect.arrayContaining([
        '"开篇,工作开展情况,存在问题,下一步工作打算"',
        '"主体责任,廉洁教育,作风建设,监督执纪,廉政风险防控,其他"',
      ]),
    );
  });
});

describe('a filled 党风廉政建设 workbook', () => {
  it('reads back as the same submission; its only issue is the overdue risk it has on purpose', async () => {
    const sample = partyConductSample();
    const r = await checkWorkbookBytes(await fillWorkbook(asFillInput(sample), def), def, { asOf: AS_OF });
    expect(r.issues.map((i) => [i.severity, i.rule, i.value, i.message])).toEqual([
      [
        'warning',
        'risk.overdue',
        'LZ-007',
        '风险“LZ-007”已超过整改时限（2024-06-30）仍未整改完成（逾期），请说明原因或更新整改状态。',
      ],
    ]);
    expect(r.submission).toEqual(sample);

    // Among all the built-in definitions, the workbook's template id chooses this one.
    const byId = await checkWorkbookBytes(
      await fillWorkbook(asFillInput(sample), def),
      new DefinitionRegistry(),
      {
        asOf: AS_OF,
      },
    );
    expect(byId.definitionId).toBe(PARTY_CONDUCT_ID);
    expect(byId.issues.map((i) => i.rule)).toEqual(['risk.overdue']);
    expect(byId.submission).toEqual(sample);

    // Rectified in time: no issue at all.
    const clean: Submission = {
      ...sample,
      risks: sample.risks.map((x) =>
        x.id === 'LZ-007'
          ? { ...x, deadline: '2024-09-30', overdue: false, values: { ...x.values, deadline: '2024-09-30' } }
          : x,
      ),
    };
    const r2 = await checkWorkbookBytes(await fillWorkbook(asFillInput(clean), def), def, { asOf: AS_OF });
    expect(r2.issues).toEqual([]);
    expect(r2.submission).toEqual(clean);

    // The half-year self-inspection too (本期数 = 本年累计 from 1 January).
    const self = partyConductSelfInspection();
    const r3 = await checkWorkbookBytes(await fillWorkbook(asFillInput(self), def), def, { asOf: AS_OF });
    expect(r3.issues.map((i) => i.rule)).toEqual(['risk.overdue']);
    expect(r3.submission).toEqual(self);
  });

  it('with deliberate errors gets the expected Chinese issues', async () => {
    type Raw = {
      period: unknown;
      info: Record<string, unknown>;
      metrics: Record<string, unknown>[];
      risks: Record<string, unknown>[];
    };
    const input = asFillInput(partyConductSample()) as unknown as Raw;
    input.info = { ...input.info, dutyList: '有' };
    const set = (id: string, current: unknown, ytd?: unknown) => {
      const m = input.metrics.find((x) => x.id === id)!;
      m.current = current;
      if (ytd !== undefined) m.ytd = ytd;
    };
    set('duty.partyMeetings', 40, 44);
    set('edu.warningReach', 12);
    set('style.fixed', 8);
    set('disc.petitions', '若干');
    set('risk.controls', 5);
    input.risks[1] = { ...input.risks[1], category: '廉政建设' };
    input.risks[2] = { ...input.risks[2], measures: null };
    const r = await checkWorkbookBytes(await fillWorkbook(input as never, def), def, { asOf: AS_OF });
    expect(r.issues.map((i) => [i.severity, i.rule, i.sheet, i.cell, i.message])).toEqual([
      [
        'error',
        'field.enum',
        '基本信息',
        'B14',
        '“已制定全面从严治党主体责任清单”的值“有”不在下拉列表中，请从下拉列表选择：是、否。',
      ],
      [
        'warning',
        'metric.unusual',
        '工作指标',
        'E3',
        '“党组（党委）会议专题研究党风廉政建设工作”本期数为40次，明显高于通常水平（第二季度一般不超过6次），请核实是否多填了位数或把累计数填在了本期数。',
      ],
      [
        'error',
        'metric.notNumber',
        '工作指标',
        'E16',
        '“受理信访举报（本期数）”应填写整数，现为“若干”，请改为阿拉伯数字（如：3）。',
      ],
      [
        'warning',
        'style.fixed<=found',
        '工作指标',
        'E14',
        '“整改作风问题”（8个）多于“发现作风问题”（6个）。如含以前发现、本期整改到位的问题，请在备注中说明；否则请核实两项数字。',
      ],
      [
        'warning',
        'edu.warningReach>=sessions',
        '工作指标',
        'E10',
        '“参加警示教育人数”（12人次）不到“组织警示教育”（3次）的5倍，平均每次警示教育参加不足5人次，请核实两项数字。',
      ],
      [
        'warning',
        'risk.controls>=points',
        '工作指标',
        'E20',
        '“制定防控措施”（5条）少于“排查廉政风险点”（12个），每个廉政风险点至少应有1条防控措施，请核实两项数字。',
      ],
      [
        'error',
        'risk.enum',
        '风险隐患台账',
        'B4',
        '风险隐患台账“风险类别”的值“廉政建设”不在下拉列表中，请从下拉列表选择：主体责任落实、廉洁教育、作风建设、权力运行监督、廉政风险防控、其他。',
      ],
      ['error', 'risk.required', '风险隐患台账', 'F5', '风险隐患台账第5行“防控整改措施”未填写，请补充。'],
      [
        'warning',
        'risk.overdue',
        '风险隐患台账',
        'I9',
        '风险“LZ-007”已超过整改时限（2024-06-30）仍未整改完成（逾期），请说明原因或更新整改状态。',
      ],
    ]);

    // A quarterly report filed for a half year.
    input.period = '上半年';
    const r2 = await checkWorkbookBytes(await fillWorkbook(input as never, def), def, { asOf: AS_OF });
    expect(r2.issues.find((i) => i.rule === 'field.periodMismatch')?.message).toBe(
      '报告期“上半年”与报告类型“季度分析研判报告”不一致：季度分析研判报告的报告期应为第一季度、第二季度、第三季度、第四季度。',
    );
  });
});

describe('the 党风廉政建设 reports', () => {
  const quarterly = partyConductSample();
  const self = partyConductSelfInspection();
  const cases: [string, Submission, string, string[]][] = [
    [
      'quarterly',
      quarterly,
      '市自然资源和规划局2024年第二季度党风廉政建设工作分析研判报告',
      ['一、总体情况', '二、主要工作开展情况', '三、廉政风险分析研判', '四、下一步工作打算'],
    ],
    [
      'half-year self-inspection',
      self,
      '市自然资源和规划局2024年上半年党风廉政建设责任制落实情况自查报告',
      [
        '一、党风廉政建设责任制落实情况',
        '二、2024年上半年党风廉政建设工作开展情况',
        '三、存在的问题',
        '四、下一步打算',
      ],
    ],
  ];

  for (const [name, sub, title, headings] of cases)
    describe(name, () => {
      const blocks = unitReportBlocks(sub, def);
      const text = blocksToText(blocks);
      const body = blocksToText(bodyBlocks(blocks));

      it('has the exact title, the outline’s headings and nothing of another genre or of the code', () => {
        expect(text.split('\n')[0]).toBe(title);
        expect(reportTitle(sub, def)).toBe(title);
        expect(blocks.filter((b) => b.kind === 'h1').map((b) => (b as { text: string }).text)).toEqual(
          headings,
        );
        expect(text).toBe(unitReportText(sub, def));
        for (const bad of ['意识形态', '{', '}', 'undefined', 'null', 'NaN', '。，', '，。', '；。'])
          expect(text, bad).not.toContain(bad);
        expect(body).toContain('附件：1.廉政风险隐患台账');
        expect(body).toContain('中共市自然资源和规划局党组');
      });

      it('says each figure once, in sentences, and no sentence twice', () => {
        const figures = figureTexts(sub).filter((f) => body.includes(f));
        // Two or three per paragraph (the rest are in the attached 统计表).
        expect(figures.length).toBeGreaterThanOrEqual(10);
        for (const f of figures) expect(count(body, f), f).toBe(1);
        const sentences = bodySentences(blocks).map((s) => s.replace(/[。！？]$/, ''));
        const repeated = sentences.filter((s, i) => s.length >= 6 && sentences.indexOf(s) !== i);
        expect(repeated).toEqual([]);
      });
    });

  it('the quarterly report reads the register: judgement, counts, levels, causes, measures', () => {
    const text = unitReportText(quarterly, def);
    expect(text).toContain(
      '经分析研判，共梳理出廉政风险隐患7条，其中，主体责任落实方面1条，廉洁教育方面1条，作风建设方面2条，权力运行监督方面2条，廉政风险防控方面1条',
    );
    // How far they are dealt with, as people write it (not "已整改到位1条，正在整改4条" table-speak); the
    // two not started have their measures set. The late one is among those counted, its lateness told
    // once, with its deadline, in 三 (not again in 一, not "按计划" there).
    const overall = text.slice(text.indexOf('一、'), text.indexOf('二、'));
    expect(overall).toMatch(
      /1条已(完成整改|整改到位)，(另有)?4条正在(推进)?整改，(另有)?2条(已制定整改措施、待启动实施|已明确整改措施、尚未启动|尚未启动整改|至今尚未启动整改)。/,
    );
    expect(overall).not.toMatch(/未能按期|超过整改时限|逾期|按计划/);
    expect(text.slice(text.indexOf('三、'), text.indexOf('四、'))).toMatch(
      /原定[^。]*前[^。]*(超过整改时限|逾期)/,
    );
    expect(text).not.toContain('需要指出的是');
    expect(text).toMatch(/权力运行监督方面[^。]*(廉政风险|风险隐患)/);
    expect(text).toContain('（四）权力运行监督方面。一是规划条件调整');
    expect(text).toContain('内控制度更新滞后于业务发展');
    // 责任书 are signed once a year: none this quarter, so the year's 46 are not said again.
    expect(text).not.toMatch(/责任书46份/);
    expect(text).toContain('发现作风方面问题6个，均已整改到位');
    expect(text).toContain('清明、五一、端午');
    expect(text).toContain('制定规划条件调整集体审议规则');
  });

  it('the self-inspection reads the 责任制 facts: done ones as practice, a 否 as a problem', () => {
    const text = unitReportText(self, def);
    expect(text).toContain('全面从严治党主体责任清单');
    expect(text).toMatch(/（[一二三四五六七]）述责述廉和批评监督还不够有力。/);
    expect(text).toContain('党纪学习教育');
    expect(text).toMatch(/上半年[^。]*召开党组会议专题研究党风廉政建设工作4次/);
  });

  it('two units’ reports share no sentence outside the fixed formulas', () => {
    const patterns = formulaPatterns(def);
    const a = partyConductSample();
    const b = otherUnit();
    const stock = (s: Submission) =>
      new Set(
        bodySentences(
          unitReportBlocks({ ...s, narrative: { ...s.narrative, opening: null, sections: [] } }, def),
        ).filter((x) => !patterns.some((p) => p.test(x))),
      );
    for (const [kind, period] of [
      ['季度分析研判报告', '第二季度'],
      ['半年自查报告', '上半年'],
      ['年度自查报告', '全年'],
    ]) {
      const sa = stock({ ...a, reportKind: kind, period });
      const sb = stock({ ...b, reportKind: kind, period });
      expect(sa.size).toBeGreaterThan(10);
      expect(
        [...sa].filter((x) => sb.has(x)),
        kind,
      ).toEqual([]);
    }
  });
});

const canRender = has('soffice') && has('pdftotext');

describe.skipIf(!canRender)('the 党风廉政建设 reports rendered by LibreOffice', () => {
  const tmp = tempDir('yanpan-party-');
  afterAll(() => tmp.cleanup());
  const subs = { quarterly: partyConductSample(), self: partyConductSelfInspection() };
  const pdfs: Record<string, string> = {};

  beforeAll(async () => {
    const files: string[] = [];
    for (const [k, sub] of Object.entries(subs)) {
      const f = path.join(tmp.dir, `${k}.docx`);
      writeFileSync(f, await unitReportDocx(sub, def));
      files.push(f);
    }
    sofficeConvert(files, 'pdf', tmp.dir).forEach((p, i) => (pdfs[Object.keys(subs)[i]] = p));
  }, 180_000);

  for (const key of ['quarterly', 'self'] as const)
    it(`${key}: the title breaks between words, the text is the report’s`, () => {
      const sub = subs[key];
      const words = reportTitleWords(sub, def);
      expect(words).toEqual(
        key === 'quarterly'
          ? ['市自然资源和规划局', '2024年第二季度', '党风廉政建设工作', '分析研判', '报告']
          : ['市自然资源和规划局', '2024年上半年', '党风廉政建设责任制', '落实情况', '自查报告'],
      );
      const planned = titleLines(words);
      expect(planned.length).toBe(2);
      // Every planned line is a run of whole words.
      const joins = words.map((_, i) => words.slice(0, i + 1).join('').length);
      let at = 0;
      for (const l of planned) {
        at += l.length;
        expect(joins).toContain(at);
      }
      const first = pageLines(pdfs[key], 1);
      const titleRows = first.filter((l) => l.yMax - l.yMin > 24).map((l) => l.text);
      expect(titleRows).toEqual(planned);
      const all = Array.from({ length: pageCount(pdfs[key]) }, (_, p) =>
        pageLines(pdfs[key], p + 1)
          .map((l) => l.text)
          .join(''),
      ).join('');
      expect(all).not.toContain('意识形态');
      expect(all).toContain(key === 'quarterly' ? '三、廉政风险分析研判' : '三、存在的问题');
      expect(all).toContain('党风廉政建设工作指标统计表');
    });
});

// A round of 党风廉政建设 workbooks through the import: checked with their own definition in the worker,
// their reports and a summary in the genre's words.
describe('importing 党风廉政建设 workbooks with runImport({ def })', () => {
  it('checks them against their own definition, writes their reports and a summary in the genre’s words', async () => {
    const t = tempDir('yanpan-party-import-');
    try {
      const input = path.join(t.dir, 'in');
      mkdirSync(input);
      writeFileSync(path.join(input, 'a.xlsx'), await fillWorkbook(asFillInput(partyConductSample()), def));
      writeFileSync(path.join(input, 'b.xlsx'), await fillWorkbook(asFillInput(otherUnit()), def));
      const out = path.join(t.dir, 'out');
      const s = await runImport({ inputDir: input, outDir: out, asOf: AS_OF, jobs: 1, def, db: false });
      expect(s.files.map((f) => f.status)).not.toContain('failed');
      expect(s.totals.submitted).toBe(2);
      expect(s.totals.errors).toBe(0);
      expect(s.outputs.reports).toHaveLength(2);
      for (const r of s.outputs.reports) expect(r).toMatch(/党风廉政建设工作分析研判报告\.docx$/);
      expect(s.outputs.summaryReport).toBeTruthy();
      const docx = unzip(readFileSync(path.join(out, s.outputs.summaryReport!)));
      const doc = parseXmlBytes(docx.find((p) => p.name === 'word/document.xml')!.data).root;
      const words = textContent(doc);
      expect(words).toContain('党风廉政建设');
      expect(words).not.toContain('意识形态');
    } finally {
      t.cleanup();
    }
  }, 60_000);
});
