// readRoster: unit rosters as .xlsx and .csv (UTF-8 with/without BOM, GBK), and bad rosters.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { decodeCsv, parseCsv, readRoster } from '../templates/src/roster/roster';
import { definition } from '../templates/src/index';

const enc = (s: string) => new TextEncoder().encode(s);

const CSV =
  '单位代码,单位名称,简称/别名,分类\r\nJT001,市交通运输局,交通局、运输局,政府部门\r\nWJ002,市卫生健康委员会,卫健委,政府部门\r\n';
const NO_CONTACT = { contact: null, phone: null, deadline: null };
const EXPECTED = [
  { code: 'JT001', name: '市交通运输局', aliases: ['交通局', '运输局'], group: '政府部门', ...NO_CONTACT },
  { code: 'WJ002', name: '市卫生健康委员会', aliases: ['卫健委'], group: '政府部门', ...NO_CONTACT },
];
// The same CSV as Excel on Chinese Windows saves it ("CSV（逗号分隔）", GBK), produced with Python's gbk codec.
const CSV_GBK_HEX =
  'b5a5cebbb4fac2eb2cb5a5cebbc3fbb3c62cbcf2b3c62fb1f0c3fb2cb7d6c0e00d0a4a543030312ccad0bdbbcda8d4cbcae4bed62cbdbbcda8bed6a1a2d4cbcae4bed62cd5feb8aeb2bfc3c50d0a574a3030322ccad0cec0c9fabda1bfb5ceafd4b1bbe12ccec0bda1ceaf2cd5feb8aeb2bfc3c50d0a';

function hex(s: string): Uint8Array {
  return new Uint8Array(s.match(/../g)!.map((h) => parseInt(h, 16)));
}

async function xlsx(rows: (string | number | null)[][], sheetName = '名册'): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  rows.forEach((r, i) => r.forEach((v, j) => (ws.getCell(i + 1, j + 1).value = v)));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('readRoster', () => {
  it('reads a UTF-8 CSV without BOM', async () => {
    const r = await readRoster(enc(CSV), '名册.csv', definition);
    expect(r.issues).toEqual([]);
    expect(r.units).toEqual(EXPECTED);
  });

  it('reads a UTF-8 CSV with BOM (Excel "CSV UTF-8")', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...enc(CSV)]);
    const r = await readRoster(bytes, '名册.csv', definition);
    expect(r.issues).toEqual([]);
    expect(r.units).toEqual(EXPECTED);
  });

  it('reads a GBK CSV (Excel on Chinese Windows)', async () => {
    const bytes = hex(CSV_GBK_HEX);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(decodeCsv(bytes)).toBe(CSV);
    const r = await readRoster(bytes, 'ROSTER.CSV', definition);
    expect(r.issues).toEqual([]);
    expect(r.units).toEqual(EXPECTED);
  });

  it('parses quoted CSV fields with commas, quotes and newlines', () => {
    expect(parseCsv('a,b\n"x, y","say ""hi""\nthere"\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"\nthere'],
    ]);
  });

  it('reads an .xlsx roster with a title row above the header, numeric codes and "*" labels', async () => {
    const bytes = await xlsx([
      ['2024年单位名册'],
      ['序号', '单位名称*', '单位代码*', '别名', '类别'],
      [1, '市教育局', 1001, '教育局，市教委 教委', '政府部门'],
      [2, ' 市第一中学 ', 'ZX01', null, null],
      [null, null, null, null, null],
      [3, '区财政局', ' CZ03 ', '财政局;区财政', '区县'],
    ]);
    const r = await readRoster(bytes, '名册.xlsx', definition);
    expect(r.issues).toEqual([]);
    expect(r.units).toEqual([
      {
        code: '1001',
        name: '市教育局',
        aliases: ['教育局', '市教委', '教委'],
        group: '政府部门',
        ...NO_CONTACT,
      },
      { code: 'ZX01', name: '市第一中学', aliases: [], group: null, ...NO_CONTACT },
      { code: 'CZ03', name: '区财政局', aliases: ['财政局', '区财政'], group: '区县', ...NO_CONTACT },
    ]);
  });

  it('reports a missing header column, naming the file and the column', async () => {
    const r = await readRoster(enc('单位名称,分类\n市教育局,政府部门\n'), 'units.csv', definition);
    expect(r.units).toEqual([]);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ severity: 'error', rule: 'roster.noHeader', sheet: null });
    expect(r.issues[0].message).toBe(
      '单位名册“units.csv”中没有找到表头行（缺少“单位代码”列）。第一行应为表头，至少包含“单位代码”“单位名称”两列。',
    );
  });

  it('reports blank codes, blank names and duplicate codes with their rows; keeps the good units', async () => {
    const csv = '单位代码,单位名称\nA01,甲单位\n,乙单位\nA01,丙单位\nA04,\nA05,戊单位\n';
    const r = await readRoster(enc(csv), '名册.csv', definition);
    expect(r.units.map((u) => u.code)).toEqual(['A01', 'A05']);
    expect(r.issues.map((i) => [i.severity, i.rule, i.cell, i.value, i.message])).toEqual([
      ['error', 'roster.blankCode', 'A3', '乙单位', '单位名册“名册.csv”第3行“单位代码”未填写，请补充。'],
      [
        'error',
        'roster.duplicateCode',
        'A4',
        'A01',
        '单位名册“名册.csv”第4行的单位代码“A01”与第2行重复，请为每个单位使用不同代码。',
      ],
      ['error', 'roster.blankName', 'B5', 'A04', '单位名册“名册.csv”第5行“单位名称”未填写，请补充。'],
    ]);
  });

  it('rejects a roster with a header but no units', async () => {
    const r = await readRoster(enc('单位代码,单位名称\n\n'), 'empty.csv', definition);
    expect(r.units).toEqual([]);
    expect(r.issues.map((i) => i.message)).toEqual(['单位名册“empty.csv”中没有单位（表头以下没有数据行）。']);
  });

  it('reads an .xlsx roster with the one workbook reader: a zip bomb is refused by its limits, not inflated', async () => {
    const bomb = readFileSync(path.join(__dirname, 'fixtures', 'zip-bomb.xlsx'));
    const r = await readRoster(new Uint8Array(bomb), '名册.xlsx', definition);
    expect(r.units).toEqual([]);
    expect(r.issues.map((i) => i.rule)).toEqual(['roster.unreadable']);
    expect(r.issues[0].message).toBe(
      '单位名册“名册.xlsx”无法读取（文件解压后过大（超过50 MB））。请在Excel或WPS中打开确认后重新保存。',
    );
  });

  it('rejects an unsupported type, a corrupt .xlsx and an .xlsx named .csv with clear messages', async () => {
    const xls = await readRoster(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]), '名册.xls', definition);
    expect(xls.issues[0].rule).toBe('roster.type');
    expect(xls.issues[0].message).toContain('单位名册“名册.xls”应为.xlsx或.csv文件');

    const corrupt = await readRoster(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]), '坏名册.xlsx', definition);
    expect(corrupt.units).toEqual([]);
    expect(corrupt.issues[0].rule).toBe('roster.unreadable');
    expect(corrupt.issues[0].message).toBe(
      '单位名册“坏名册.xlsx”无法读取（文件已损坏或不是有效的Excel工作簿）。请在Excel或WPS中打开确认后重新保存。',
    );

    const renamed = await readRoster(await xlsx([['单位代码', '单位名称']]), '名册.csv', definition);
    expect(renamed.issues[0].rule).toBe('roster.unreadable');
    expect(renamed.issues[0].message).toContain('请将扩展名改为.xlsx');

    const notZip = await readRoster(enc('hello'), '名册.xlsx', definition);
    expect(notZip.issues[0].message).toContain('不是.xlsx格式的Excel工作簿');
  });

  it('takes the first sheet that has a roster header', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('说明').getCell('A1').value = '请在下一张表填写';
    const ws = wb.addWorksheet('名册');
    ws.addRow(['单位代码', '单位名称']);
    ws.addRow(['B1', '乙局']);
    const r = await readRoster(new Uint8Array(await wb.xlsx.writeBuffer()), 'r.xlsx', definition);
    expect(r.issues).toEqual([]);
    expect(r.units).toEqual([{ code: 'B1', name: '乙局', aliases: [], group: null, ...NO_CONTACT }]);
  });

  it('reads contacts and a deadline per unit (text or date cells); a bad date is named, the unit kept', async () => {
    const r = await readRoster(
      await xlsx([
        ['单位代码', '单位名称', '联系人', '联系电话', '报送截止日期'],
        ['JT001', '市交通运输局', '王晓敏', '0372-5981234', null],
        ['WJ002', '市卫健委', '李芳', '13800001234', '2023年10月15日'],
        ['WL003', '市文联', '张明', null, '下周一'],
      ]).then(async (b) => {
        // one real date cell, as Excel stores a typed date
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(b as unknown as ArrayBuffer as never);
        wb.getWorksheet('名册')!.getCell('E2').value = new Date(Date.UTC(2023, 9, 12));
        return new Uint8Array(await wb.xlsx.writeBuffer());
      }),
      '名册.xlsx',
      definition,
    );
    expect(r.units.map((u) => [u.code, u.contact, u.phone, u.deadline])).toEqual([
      ['JT001', '王晓敏', '0372-5981234', '2023-10-12'],
      ['WJ002', '李芳', '13800001234', '2023-10-15'],
      ['WL003', '张明', null, null],
    ]);
    expect(r.issues.map((i) => [i.rule, i.cell, i.message])).toEqual([
      [
        'roster.badDate',
        'E4',
        '单位名册“名册.xlsx”第4行的“报送截止日期”不是有效日期（“下周一”），请按“2023-10-20”格式填写。',
      ],
    ]);
  });
});
