// The template writer: sheets, labels, validations, protection, panes, print setup, roster pre-fill, the
// committed template being current, a metric added to a copy of the definition, and fillWorkbook.
import { editedDefinition } from './helpers/definitions';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { definition } from '../templates/src/standard/ideology';
import { definitionHash } from '../templates/src/standard/registry';
import type { Definition, MetricDef } from '../templates/src/standard/types';
import { fillWorkbook, patchSheetXml, type FillInput } from '../templates/src/template/fill';
import { parseA1 } from '../templates/src/xlsx/grid';
import { META_KEYS, layoutOf } from '../templates/src/template/layout';
import { sampleSubmission } from '../templates/src/samples/submission';
import { writeTemplate } from '../templates/src/template/writer';

const COMMITTED = path.join(__dirname, '..', 'templates', '意识形态工作填报表.xlsx');
const UNIT = { name: '市交通运输局', code: 'JT001' };

// ---------------------------------------------------------------------------------------------------
// Helpers reading the package XML directly (exact sqref, attributes) and through exceljs (values, locks).

async function parts(bytes: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, string>();
  for (const f of Object.values(zip.files)) if (!f.dir) out.set(f.name, await f.async('string'));
  return out;
}

/** sheet name → worksheet XML, in workbook order, with state. */
async function sheetsXml(bytes: Uint8Array): Promise<{ name: string; state: string; xml: string }[]> {
  const p = await parts(bytes);
  const rels = p.get('xl/_rels/workbook.xml.rels')!;
  const target = (rid: string) =>
    'xl/' + new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)![1].replace(/^\/?xl\//, '');
  return [...p.get('xl/workbook.xml')!.matchAll(/<sheet\b[^>]*>/g)].map((m) => ({
    name: /name="([^"]+)"/.exec(m[0])![1],
    state: /state="([^"]+)"/.exec(m[0])?.[1] ?? 'visible',
    xml: p.get(target(/r:id="([^"]+)"/.exec(m[0])![1]))!,
  }));
}

interface Dv {
  sqref: string;
  type: string | null;
  operator: string | null;
  formula1: string | null;
  formula2: string | null;
  promptTitle: string | null;
  prompt: string | null;
  error: string | null;
}

const unesc = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

function validations(xml: string): Dv[] {
  return [...xml.matchAll(/<dataValidation\b([^>]*?)(?:\/>|>([\s\S]*?)<\/dataValidation>)/g)].map((m) => {
    const a = (n: string) => {
      const v = new RegExp(`\\b${n}="([^"]*)"`).exec(m[1])?.[1];
      return v === undefined ? null : unesc(v);
    };
    const f = (n: number) => {
      const v = new RegExp(`<formula${n}>([\\s\\S]*?)</formula${n}>`).exec(m[2] ?? '')?.[1];
      return v === undefined ? null : unesc(v);
    };
    return {
      sqref: a('sqref')!,
      type: a('type'),
      operator: a('operator'),
      formula1: f(1),
      formula2: f(2),
      promptTitle: a('promptTitle'),
      prompt: a('prompt'),
      error: a('error'),
    };
  });
}

/** Every cell address a sqref covers ("E3:E21 E23" → E3..E21, E23). */
function cellsOf(sqref: string): string[] {
  const out: string[] = [];
  for (const part of sqref.split(/\s+/)) {
    const [a, b = a] = part.split(':');
    const p = parseA1(a);
    const q = parseA1(b);
    for (let r = p.row; r <= q.row; r++)
      for (let c = p.col; c <= q.col; c++) out.push(`${String.fromCharCode(65 + c)}${r + 1}`);
  }
  return out;
}

function dvAt(dvs: Dv[], address: string): Dv[] {
  return dvs.filter((d) => cellsOf(d.sqref).includes(address));
}

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(
    bytes as unknown as ArrayBuffer,
    {
      ignoreNodes: ['dataValidations'],
    } as unknown as Parameters<typeof wb.xlsx.load>[1],
  );
  return wb;
}

function locked(ws: ExcelJS.Worksheet, address: string): boolean {
  // Excel's default for a cell is locked; exceljs reports protection only when the style sets it.
  return ws.getCell(address).protection?.locked !== false;
}

const blank = writeTemplate(definition);
const S = definition.sheets;
const L = layoutOf(definition);

// ---------------------------------------------------------------------------------------------------

describe('blank template structure', () => {
  it('has the definition sheets in order, the meta sheet very hidden', async () => {
    const sheets = await sheetsXml(await blank);
    expect(sheets.map((s) => [s.name, s.state])).toEqual([
      ['填报说明', 'visible'],
      ['基本信息', 'visible'],
      ['工作指标', 'visible'],
      ['风险隐患台账', 'visible'],
      ['工作情况', 'visible'],
      ['_yanpan', 'veryHidden'],
    ]);
    const wb = await load(await blank);
    const meta = wb.getWorksheet(S.meta)!;
    expect(meta.getCell('A1').value).toBe(META_KEYS.templateId);
    expect(meta.getCell('B1').value).toBe(definition.id);
    expect(meta.getCell('A2').value).toBe(META_KEYS.version);
    expect(meta.getCell('B2').value).toBe(definition.version);
    // The definition's content hash, then nothing (a blank template carries no unit).
    expect(meta.getCell('A3').value).toBe(META_KEYS.hash);
    expect(meta.getCell('B3').value).toBe(definitionHash(definition));
    expect(meta.getCell('A4').value).toBeNull();
    expect(wb.title).toBe('意识形态工作分析研判填报表');
    expect(wb.creator).toBe('研判（Yanpan）');
    expect(wb.created.toISOString()).toBe('2024-01-01T00:00:00.000Z');
  });

  it('填报说明 carries every guide line, the template id and version, and is fully locked', async () => {
    const wb = await load(await blank);
    const ws = wb.getWorksheet(S.guide)!;
    expect(ws.getCell('A1').value).toBe(definition.title);
    definition.guide.forEach((line, i) => expect(ws.getCell(`A${i + 2}`).value).toBe(line));
    expect(ws.getCell(`A${definition.guide.length + 3}`).value).toBe(
      `模板标识：yanpan.ideology\u3000模板版本：${definition.version}`,
    );
    ws.eachRow((row) => row.eachCell((c) => expect(locked(ws, c.address)).toBe(true)));
  });

  it('基本信息: labels with "*" in A, value cells in B unlocked, hints in C, exact validations', async () => {
    const bytes = await blank;
    const wb = await load(bytes);
    const ws = wb.getWorksheet(S.info)!;
    expect(ws.getCell('A1').value).toBe('基本信息');
    expect(['A2', 'B2', 'C2'].map((a) => ws.getCell(a).value)).toEqual(['项目', '填写内容', '填写说明']);
    expect(Array.from({ length: 10 }, (_, i) => ws.getCell(`A${i + 3}`).value)).toEqual([
      '单位名称*',
      '单位代码',
      '党组织名称',
      '报告类型*',
      '年度*',
      '报告期*',
      '填报人*',
      '联系电话*',
      '审核人（分管领导）',
      '填报日期*',
    ]);
    expect(ws.getCell('C3').value).toBe('填写单位全称，如：市交通运输局');
    for (let r = 3; r <= 12; r++) {
      expect(locked(ws, `A${r}`)).toBe(true);
      expect(locked(ws, `B${r}`)).toBe(false);
      expect(locked(ws, `C${r}`)).toBe(true);
    }
    expect(ws.getCell('B12').numFmt).toBe('yyyy-mm-dd');
    expect(ws.getCell('B10').numFmt).toBe('@'); // phone numbers keep their leading 0

    const dvs = validations((await sheetsXml(bytes))[1].xml);
    expect(dvAt(dvs, 'B6')).toEqual([
      {
        sqref: 'B6',
        type: 'list',
        operator: null,
        formula1: '"季度分析研判报告,半年自查报告,年度自查报告"',
        formula2: null,
        promptTitle: '报告类型',
        prompt: '从下拉列表选择',
        error: '“报告类型”请从下拉列表中选择：季度分析研判报告、半年自查报告、年度自查报告。',
      },
    ]);
    expect(dvAt(dvs, 'B8')[0]).toMatchObject({
      type: 'list',
      formula1: '"第一季度,第二季度,第三季度,第四季度,上半年,下半年,全年"',
    });
    expect(dvAt(dvs, 'B7')[0]).toMatchObject({ type: 'whole', formula1: '2000', formula2: '2099' });
    expect(dvAt(dvs, 'B12')[0]).toMatchObject({
      type: 'date',
      formula1: '36526', // 2000-01-01
      error: '“填报日期”请填写日期，如：2023-10-10。',
    });
    expect(dvAt(dvs, 'B9')[0]).toMatchObject({ type: null, promptTitle: '填报人', prompt: '填报人姓名' });
  });

  it('工作指标: one row per metric, labels locked, 本期数 whole ≥ 0 and unlocked, stock 本年累计 locked blank', async () => {
    const bytes = await blank;
    const ws = (await load(bytes)).getWorksheet(S.metrics)!;
    expect(['A2', 'B2', 'C2', 'D2', 'E2', 'F2', 'G2', 'H2'].map((a) => ws.getCell(a).value)).toEqual([
      '序号',
      '类别',
      '指标',
      '计量单位',
      '本期数',
      '本年累计',
      '备注',
      '指标编号',
    ]);
    definition.metrics.forEach((m, i) => {
      const r = 3 + i;
      expect([1, 2, 3, 4, 8].map((c) => ws.getCell(r, c).value)).toEqual([
        i + 1,
        m.category,
        m.name,
        m.unit,
        m.id,
      ]);
      for (const c of ['A', 'B', 'C', 'D', 'H']) expect(locked(ws, `${c}${r}`)).toBe(true);
      expect(locked(ws, `E${r}`)).toBe(false);
      expect(locked(ws, `G${r}`)).toBe(false);
      expect(locked(ws, `F${r}`)).toBe(m.kind === 'stock');
    });
    expect(ws.getCell('C22').value).toBe('配备网评员');
    expect(ws.getCell('F22').value).toBeNull();
    expect(locked(ws, 'F22')).toBe(true);

    const dvs = validations((await sheetsXml(bytes))[2].xml);
    for (let r = 3; r <= 25; r++) {
      const e = dvAt(dvs, `E${r}`);
      expect(e).toHaveLength(1);
      expect(e[0]).toMatchObject({ type: 'whole', operator: 'greaterThanOrEqual', formula1: '0' });
      expect(e[0].error).toBe('“本期数”只能填写0或正整数（阿拉伯数字），不要带单位或文字。');
      expect(dvAt(dvs, `F${r}`)).toHaveLength(r === 22 ? 0 : 1);
    }
    // The stock metric's own hint is the prompt of its 本期数 cell.
    expect(dvAt(dvs, 'E22')[0]).toMatchObject({ promptTitle: '配备网评员' });
    expect(dvAt(dvs, 'E22')[0].prompt).toContain('填写期末在岗人数，不填本年累计');
    expect(dvAt(dvs, 'E3')[0].prompt).toBe(definition.metricColumns[4].hint);
  });

  it('风险隐患台账 and 工作情况: drop-downs for every vocabulary, dates, bounded to the prepared rows', async () => {
    const sheets = await sheetsXml(await blank);
    const risks = validations(sheets[3].xml);
    expect(dvAt(risks, 'B3')[0]).toMatchObject({
      sqref: 'B3:B502',
      type: 'list',
      formula1: '"组织领导,理论武装,阵地管理,舆论引导,网络意识形态,队伍建设,其他"',
    });
    expect(dvAt(risks, 'E502')[0]).toMatchObject({ sqref: 'E3:E502', type: 'list', formula1: '"高,中,低"' });
    expect(dvAt(risks, 'J3')[0]).toMatchObject({
      sqref: 'J3:J502',
      type: 'list',
      formula1: '"未整改,整改中,已整改"',
    });
    expect(dvAt(risks, 'I3')[0]).toMatchObject({ sqref: 'I3:I502', type: 'date' });
    expect(dvAt(risks, 'B503')).toEqual([]);

    const narrative = validations(sheets[4].xml);
    expect(dvAt(narrative, 'A6')[0]).toMatchObject({
      sqref: 'A6:A205',
      type: 'list',
      formula1: '"开篇,工作开展情况,存在问题,下一步工作打算"',
    });
    expect(dvAt(narrative, 'B6')[0]).toMatchObject({
      sqref: 'B6:B205',
      formula1: '"组织领导,理论武装,阵地建设,网络意识形态,队伍建设,其他"',
    });
    expect(dvAt(narrative, 'B3')[0]).toMatchObject({ sqref: 'B3', type: 'date' });

    const wb = await load(await blank);
    const rs = wb.getWorksheet(S.risks)!;
    expect(Array.from({ length: 13 }, (_, i) => rs.getCell(2, i + 1).value)).toEqual([
      '风险编号',
      '风险类别*',
      '风险隐患描述*',
      '具体表现',
      '风险等级*',
      '防范化解措施*',
      '责任领导',
      '责任部门（责任人）',
      '整改时限',
      '整改状态',
      '完成情况',
      '原因分析',
      '备注',
    ]);
    expect(locked(rs, 'A2')).toBe(true);
    // The prepared rows carry no cells: column styles format what the user types (small, fast file).
    expect(sheets[3].xml).not.toContain('<row r="3"');
    expect(sheets[4].xml).not.toContain('<row r="6"');
    expect(rs.getColumn(9).style.numFmt).toBe('yyyy-mm-dd');
    expect(rs.getColumn(1).style.protection).toMatchObject({ locked: false });
    expect(rs.getColumn(3).style.alignment).toMatchObject({ wrapText: true });
    expect(locked(rs, 'A3')).toBe(false);
    expect(locked(rs, 'L502')).toBe(false);
    expect(rs.getCell('I3').numFmt).toBe('yyyy-mm-dd');
    const ns = wb.getWorksheet(S.narrative)!;
    expect(['A2', 'A3', 'A5', 'B5', 'C5', 'D5'].map((a) => ns.getCell(a).value)).toEqual([
      '落款单位',
      '成文日期',
      '部分*',
      '类别',
      '小标题',
      '正文',
    ]);
    expect(locked(ns, 'B2')).toBe(false);
    expect(locked(ns, 'D205')).toBe(false);
  });

  it('no validation reaches beyond the prepared rows, none spans a whole column, every list < 255 chars', async () => {
    const sheets = await sheetsXml(await blank);
    const last: Record<string, number> = {
      [S.info]: L.info.lastRow,
      [S.metrics]: L.metrics.lastRow,
      [S.risks]: L.risks.lastRow,
      [S.narrative]: L.narrative.lastRow,
    };
    let count = 0;
    for (const s of sheets) {
      for (const d of validations(s.xml)) {
        count++;
        expect(d.sqref).toMatch(/^[A-Z]+\d+(:[A-Z]+\d+)?( [A-Z]+\d+(:[A-Z]+\d+)?)*$/);
        for (const a of cellsOf(d.sqref)) expect(parseA1(a).row + 1).toBeLessThanOrEqual(last[s.name]);
        if (d.type === 'list') expect(d.formula1!.length).toBeLessThan(255);
      }
    }
    expect(count).toBeGreaterThan(20);
    // No defined name over a whole column either (print titles are single rows).
    const wbXml = (await parts(await blank)).get('xl/workbook.xml')!;
    expect(wbXml).not.toMatch(/\$[A-Z]+:\$[A-Z]+/);
  });

  it('every sheet is protected with no password; panes frozen; A4 print setup with repeated header rows', async () => {
    const bytes = await blank;
    const sheets = await sheetsXml(bytes);
    for (const s of sheets) {
      const prot = /<sheetProtection\b[^>]*\/>/.exec(s.xml)?.[0];
      expect(prot, s.name).toBeDefined();
      expect(prot).toContain('sheet="1"');
      expect(prot).not.toMatch(/password|hashValue|saltValue|spinCount/i);
    }
    const pane = (i: number) => /<pane\b[^>]*\/>/.exec(sheets[i].xml)?.[0] ?? '';
    expect(pane(1)).toMatch(/ySplit="2".*state="frozen"/);
    expect(pane(2)).toMatch(/ySplit="2".*state="frozen"/);
    expect(pane(3)).toMatch(/xSplit="1" ySplit="2".*state="frozen"/);
    expect(pane(4)).toMatch(/ySplit="5".*state="frozen"/);
    for (const i of [0, 1, 2, 3, 4]) {
      const ps = /<pageSetup\b[^>]*\/>/.exec(sheets[i].xml)![0];
      expect(ps).toContain('paperSize="9"');
      expect(ps).toContain('fitToWidth="1"');
      expect(ps).toContain('fitToHeight="0"');
      expect(ps).toContain(`orientation="${i >= 3 ? 'landscape' : 'portrait'}"`);
      expect(sheets[i].xml).toContain('<pageSetUpPr fitToPage="1"/>');
    }
    const wbXml = (await parts(bytes)).get('xl/workbook.xml')!;
    const titles = [
      ...wbXml.matchAll(/<definedName name="_xlnm.Print_Titles" localSheetId="(\d)">([^<]*)</g),
    ].map((m) => [Number(m[1]), unesc(m[2]).replace(/&apos;/g, "'")]);
    expect(titles).toEqual([
      [1, "'基本信息'!$2:$2"],
      [2, "'工作指标'!$2:$2"],
      [3, "'风险隐患台账'!$2:$2"],
      [4, "'工作情况'!$5:$5"],
    ]);
    // Column widths from the definition.
    const rs = (await load(bytes)).getWorksheet(S.risks)!;
    definition.riskColumns.forEach((c, i) => expect(rs.getColumn(i + 1).width).toBe(c.width));
  });

  it('no Calibri: the default font and every font in styles.xml is a Chinese Windows font', async () => {
    const styles = (await parts(await blank)).get('xl/styles.xml')!;
    const names = [...styles.matchAll(/<name val="([^"]+)"\/>/g)].map((m) => m[1]);
    expect(new Set(names)).toEqual(new Set(['宋体', '黑体', '仿宋']));
  });
});

describe('vocabularies', () => {
  it('refuses a vocabulary too long for an inline drop-down list, naming it', async () => {
    const def = editedDefinition((d) => {
      d.vocab.riskLevel = {
        label: '风险等级',
        values: Array.from({ length: 60 }, (_, i) => ({ value: `等级${i}`, role: i ? 'low' : 'high' })),
      };
    });
    await expect(writeTemplate(def)).rejects.toThrow(/vocabulary "riskLevel" is too long/);
  });
});

describe('the committed blank template', () => {
  it('is what writeTemplate() writes now (run `npm run template` after changing the definition)', async () => {
    const now = await parts(await blank);
    const committed = await parts(new Uint8Array(readFileSync(COMMITTED)));
    expect([...committed.keys()].sort()).toEqual([...now.keys()].sort());
    for (const [name, xml] of now) expect(committed.get(name), name).toBe(xml);
  });

  it('the output is byte-reproducible', async () => {
    expect(Buffer.from(await writeTemplate(definition)).equals(Buffer.from(await blank))).toBe(true);
  });
});

describe('roster pre-fill', () => {
  it('writes and locks 单位名称/单位代码, records them in the meta sheet and in 填报说明', async () => {
    const bytes = await writeTemplate(definition, { unit: UNIT });
    const wb = await load(bytes);
    const ws = wb.getWorksheet(S.info)!;
    expect(ws.getCell('B3').value).toBe('市交通运输局');
    expect(ws.getCell('B4').value).toBe('JT001');
    expect(locked(ws, 'B3')).toBe(true);
    expect(locked(ws, 'B4')).toBe(true);
    expect(locked(ws, 'B5')).toBe(false);
    const meta = wb.getWorksheet(S.meta)!;
    expect([1, 2, 3, 4].map((r) => [meta.getCell(r, 1).value, meta.getCell(r, 2).value])).toEqual([
      ['模板标识', 'yanpan.ideology'],
      ['模板版本', definition.version],
      ['单位代码', 'JT001'],
      ['单位名称', '市交通运输局'],
    ]);
    expect(meta.state).toBe('veryHidden');
    const guide = wb.getWorksheet(S.guide)!;
    expect(guide.getCell(`A${definition.guide.length + 2}`).value).toBe(
      '本表已为“市交通运输局”（单位代码：JT001）预置，单位名称和单位代码已锁定，请勿改动。',
    );
    // The locked cells carry no validation/prompt.
    const dvs = validations((await sheetsXml(bytes))[1].xml);
    expect(dvAt(dvs, 'B3')).toEqual([]);
    expect(dvAt(dvs, 'B4')).toEqual([]);
    expect(dvAt(dvs, 'B6')).toHaveLength(1);
  });

  it('fillWorkbook with a unit gives the same workbook as writeTemplate with that unit (cells, locks, meta)', async () => {
    const a = await load(await writeTemplate(definition, { unit: { name: 'A&B<局>', code: '007' } }));
    const b = await load(await fillWorkbook({ unit: { name: 'A&B<局>', code: '007' } }, definition));
    expect(b.worksheets.map((w) => [w.name, w.state])).toEqual(a.worksheets.map((w) => [w.name, w.state]));
    for (const wa of a.worksheets) {
      const wb = b.getWorksheet(wa.name)!;
      const cells = (w: ExcelJS.Worksheet) => {
        const out: unknown[] = [];
        w.eachRow((row) =>
          row.eachCell({ includeEmpty: true }, (c) =>
            out.push([c.address, c.value, c.protection?.locked, c.numFmt, c.style.fill]),
          ),
        );
        return out;
      };
      expect(cells(wb)).toEqual(cells(wa));
    }
  });
});

describe('a metric added to a copy of the definition', () => {
  it('appears in its row with its labels, its whole-number validation, and fillWorkbook writes it', async () => {
    const def = structuredClone(definition) as Definition;
    const extra: MetricDef = {
      id: 'team.extraCheck',
      category: '队伍建设',
      name: '开展意识形态专项谈话',
      unit: '次',
      kind: 'flow',
      phrase: '开展意识形态专项谈话',
    };
    (def.metrics as MetricDef[]).push(extra);
    const bytes = await writeTemplate(def);
    const ws = (await load(bytes)).getWorksheet(def.sheets.metrics)!;
    expect([1, 2, 3, 4, 8].map((c) => ws.getCell(26, c).value)).toEqual([
      24,
      '队伍建设',
      '开展意识形态专项谈话',
      '次',
      'team.extraCheck',
    ]);
    expect(locked(ws, 'E26')).toBe(false);
    const dvs = validations((await sheetsXml(bytes))[2].xml);
    expect(dvAt(dvs, 'E26')[0]).toMatchObject({ type: 'whole', formula1: '0' });
    expect(dvAt(dvs, 'F26')[0]).toMatchObject({ type: 'whole', formula1: '0' });
    expect(dvAt(dvs, 'E27')).toEqual([]);
    // The standard template is unchanged by the copy.
    expect((await load(await blank)).getWorksheet(S.metrics)!.getCell('C26').value).toBeNull();

    const filled = await load(
      await fillWorkbook(
        { unit: { name: '甲', code: null }, metrics: [{ id: extra.id, current: 4, ytd: 9 }] },
        def,
      ),
    );
    const fm = filled.getWorksheet(def.sheets.metrics)!;
    expect([fm.getCell('E26').value, fm.getCell('F26').value]).toEqual([4, 9]);
  });
});

describe('fillWorkbook', () => {
  const input: FillInput = {
    unit: { name: '市交通运输局', code: 'JT001' },
    partyOrg: '局党组',
    reportKind: '季度分析研判报告',
    year: 2023,
    period: '第三季度',
    filler: '张三',
    phone: '0571-88888888',
    reviewer: null,
    fillDate: '2023-10-10',
    metrics: [
      { id: 'org.partyMeetings', current: 3, ytd: 9, note: '含扩大会议' },
      { id: 'theory.centralGroup', current: '3次', ytd: '１２' },
      { id: 'theory.seminars', current: '三', ytd: { formula: 'E9*2', result: 6 } },
      { id: 'theory.staffStudy', current: { formula: '1+1' } },
    ],
    risks: [
      {
        id: 'FX-001',
        category: '网络意识形态',
        description: '个别干部在微信群转发不当言论',
        level: '高',
        measures: '开展专题教育',
        deadline: '2023-12-31',
        status: '整改中',
      },
      {
        id: 'FX-002',
        category: '其他',
        description: 'd',
        level: '低',
        measures: 'm',
        deadline: '2023年12月31日',
      },
      {
        id: 'FX-003',
        category: '其他',
        description: 'd',
        level: '低',
        measures: 'm',
        deadline: { text: '2023-12-31' },
      },
    ],
    narrative: {
      opening: '开篇一段',
      sections: [{ category: '组织领导', title: '落实主体责任', body: '正文 <一> & "二"' }],
      problems: [{ body: '问题' }],
      nextSteps: [{ body: '打算' }],
      signatureUnit: '中共某某局党组',
      signatureDate: new Date(Date.UTC(2023, 9, 11)),
    },
  };

  it('writes every value at the template cells with the right cell types', async () => {
    const wb = await load(await fillWorkbook(input, definition));
    const info = wb.getWorksheet(S.info)!;
    expect(info.getCell('B3').value).toBe('市交通运输局');
    expect(info.getCell('B4').value).toBe('JT001');
    expect(info.getCell('B5').value).toBe('局党组');
    expect(info.getCell('B6').value).toBe('季度分析研判报告');
    expect(info.getCell('B7').value).toBe(2023);
    expect(info.getCell('B8').value).toBe('第三季度');
    expect(info.getCell('B10').value).toBe('0571-88888888');
    expect(info.getCell('B11').value).toBeNull();
    expect(info.getCell('B12').value).toEqual(new Date(Date.UTC(2023, 9, 10)));
    expect(locked(info, 'B3')).toBe(true); // pre-filled template (unit has a code)
    expect(locked(info, 'B5')).toBe(false); // styles kept

    const m = wb.getWorksheet(S.metrics)!;
    expect([m.getCell('E3').value, m.getCell('F3').value, m.getCell('G3').value]).toEqual([
      3,
      9,
      '含扩大会议',
    ]);
    expect([m.getCell('E8').value, m.getCell('F8').value]).toEqual(['3次', '１２']);
    expect(m.getCell('E9').value).toBe('三');
    expect(m.getCell('F9').value).toEqual({ formula: 'E9*2', result: 6 });
    expect(m.getCell('E10').value).toEqual({ formula: '1+1' });
    expect(m.getCell('E4').value).toBeNull();
    expect(m.getCell('C8').value).toBe('理论学习中心组集体学习'); // labels untouched

    const r = wb.getWorksheet(S.risks)!;
    expect(['A3', 'B3', 'C3', 'E3', 'F3', 'J3'].map((a) => r.getCell(a).value)).toEqual([
      'FX-001',
      '网络意识形态',
      '个别干部在微信群转发不当言论',
      '高',
      '开展专题教育',
      '整改中',
    ]);
    expect(r.getCell('I3').value).toEqual(new Date(Date.UTC(2023, 11, 31)));
    // New cells take their column's style: date format, unlocked, bordered.
    expect(r.getCell('I3').numFmt).toBe('yyyy-mm-dd');
    expect(locked(r, 'C3')).toBe(false);
    expect(r.getCell('C3').border?.left?.style).toBe('thin');
    expect(r.getCell('I4').value).toBe('2023年12月31日');
    expect(r.getCell('I5').value).toBe('2023-12-31');
    expect(r.getCell('A6').value).toBeNull();

    const n = wb.getWorksheet(S.narrative)!;
    expect(n.getCell('B2').value).toBe('中共某某局党组');
    expect(n.getCell('B3').value).toEqual(new Date(Date.UTC(2023, 9, 11)));
    const rows = [6, 7, 8, 9].map((row) => [1, 2, 3, 4].map((c) => n.getCell(row, c).value));
    expect(rows).toEqual([
      ['开篇', null, null, '开篇一段'],
      ['工作开展情况', '组织领导', '落实主体责任', '正文 <一> & "二"'],
      ['存在问题', null, null, '问题'],
      ['下一步工作打算', null, null, '打算'],
    ]);
  });

  it('places risks at their `row`, writes a blank template without a code, and overrides the meta version', async () => {
    const wb = await load(
      await fillWorkbook(
        {
          unit: { name: '乙单位', code: null },
          risks: [
            { id: 'FX-009', row: 10 },
            { id: 'FX-010', row: 4 },
          ],
          templateVersion: '0.9',
          narrative: { rows: [{ title: '只有小标题' }] },
        },
        definition,
      ),
    );
    const info = wb.getWorksheet(S.info)!;
    expect(info.getCell('B3').value).toBe('乙单位');
    expect(info.getCell('B4').value).toBeNull();
    expect(locked(info, 'B3')).toBe(false);
    const r = wb.getWorksheet(S.risks)!;
    expect([r.getCell('A10').value, r.getCell('A4').value, r.getCell('A3').value]).toEqual([
      'FX-009',
      'FX-010',
      null,
    ]);
    expect(wb.getWorksheet(S.meta)!.getCell('B2').value).toBe('0.9');
    expect(wb.getWorksheet(S.meta)!.getCell('A3').value).toBe(META_KEYS.hash);
    const n = wb.getWorksheet(S.narrative)!;
    expect([n.getCell('A6').value, n.getCell('C6').value]).toEqual([null, '只有小标题']);
  });

  it('writes cells the template does not have (new rows and columns) in order', async () => {
    const wb = await load(
      await fillWorkbook({ unit: { name: '丙', code: null }, info: { partyOrg: '丙党委' } }, definition),
    );
    expect(wb.getWorksheet(S.info)!.getCell('B5').value).toBe('丙党委');
    // Via a definition with an extra info field: its row exists in that template.
    const def = structuredClone(definition) as Definition;
    (def.info as unknown as object[]).push({
      key: 'email',
      label: '电子邮箱',
      required: false,
      type: 'text',
      hint: '',
    });
    const wb2 = await load(
      await fillWorkbook({ unit: { name: '丁', code: null }, info: { email: 'a@b.cn' } }, def),
    );
    const row = layoutOf(definition).info.lastRow + 1; // the field added after the definition's last one
    expect(wb2.getWorksheet(S.info)!.getCell(`A${row}`).value).toBe('电子邮箱');
    expect(wb2.getWorksheet(S.info)!.getCell(`B${row}`).value).toBe('a@b.cn');
  });

  it('patchSheetXml inserts missing rows and cells in order and keeps each cell style', () => {
    const xml =
      '<worksheet><sheetData><row r="1" spans="1:2"><c r="B1" s="3"/></row>' +
      '<row r="3"><c r="B3" s="4" t="s"><v>0</v></c></row></sheetData></worksheet>';
    type W = { value: unknown; isDate: boolean };
    const row = (...cells: [number, unknown, boolean?][]) =>
      new Map<number, W>(cells.map(([c, value, isDate]) => [c, { value, isDate: isDate ?? false }]));
    const w = new Map<number, Map<number, W>>([
      [0, row([0, 'x&y'], [1, 5])],
      [1, row([2, '2023-01-02', true])],
      [2, row([0, true])],
      [4, row([27, { formula: '=SUM(A1:A2)' }])],
    ]);
    expect(patchSheetXml(xml, w)).toBe(
      '<worksheet><sheetData>' +
        '<row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve">x&amp;y</t></is></c><c r="B1" s="3"><v>5</v></c></row>' +
        '<row r="2"><c r="C2"><v>44928</v></c></row>' +
        '<row r="3"><c r="A3" t="b"><v>1</v></c><c r="B3" s="4" t="s"><v>0</v></c></row>' +
        '<row r="5"><c r="AB5"><f>SUM(A1:A2)</f></c></row>' +
        '</sheetData></worksheet>',
    );
  });

  it('rejects an unknown metric id and too many risk rows', async () => {
    await expect(
      fillWorkbook({ unit: { name: 'x', code: null }, metrics: [{ id: 'no.such' }] }, definition),
    ).rejects.toThrow(/unknown metric id "no.such"/);
    const risks = Array.from({ length: definition.riskRows + 1 }, (_, i) => ({ id: `FX-${i}` }));
    await expect(fillWorkbook({ unit: { name: 'x', code: null }, risks }, definition)).rejects.toThrow(
      /more rows/,
    );
  });

  it('is fast (printed, not asserted)', async () => {
    // The sample: every metric, 12 risks, 8 paragraphs — a realistic completed workbook.
    const sample: FillInput = sampleSubmission(definition);
    await fillWorkbook(sample, definition); // warm the template caches
    await fillWorkbook({ ...sample, unit: { name: 'x', code: null } }, definition);
    const n = 100;
    for (const [label, code] of [
      ['pre-filled', 'C'],
      ['blank', null],
    ] as const) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      for (let i = 0; i < n; i++)
        await fillWorkbook(
          { ...sample, unit: { name: `单位${i}`, code: code && `${code}${i}` } },
          definition,
        );
      const cpu = process.cpuUsage(c0);
      console.log(
        `fillWorkbook (sample, ${label} template): ${((performance.now() - t0) / n).toFixed(1)} ms wall, ` +
          `${((cpu.user + cpu.system) / 1000 / n).toFixed(1)} ms CPU per workbook`,
      );
    }
    const t1 = performance.now();
    await writeTemplate(definition);
    console.log(`writeTemplate (exceljs, blank): ${(performance.now() - t1).toFixed(0)} ms`);
  });
});
