import { describe, expect, it } from 'vitest';
import {
  cellText,
  excelSerialToIso,
  isPlausiblePhone,
  normalizeLabel,
  parseChineseNumeral,
  parseDate,
  parseInteger,
  parseYear,
} from '../templates/src/check/values';

describe('parseInteger', () => {
  it.each([
    [3, 3],
    [0, 0],
    [1754, 1754],
    [2.9999999999999996, 3],
    ['3', 3],
    [' 12 ', 12],
    ['1,754', 1754],
    ['1,754,000', 1754000],
    ['3.0', 3],
  ])('%j → %d without warning', (input, value) => {
    expect(parseInteger(input)).toEqual({ status: 'ok', value, coerced: false });
  });

  it.each([
    ['3次', 3],
    ['3 次', 3],
    ['12人次', 12],
    ['10余场', 10],
    ['３', 3],
    ['１２篇', 12],
    ['1，754', 1754],
    ['三', 3],
    ['十二', 12],
    ['二十三', 23],
    ['一百零五', 105],
    ['两千零一十', 2010],
    ['三次', 3],
    ['零', 0],
  ])('%j → %d with a coercion warning', (input, value) => {
    expect(parseInteger(input)).toEqual({ status: 'ok', value, coerced: true });
  });

  it.each([
    [-1, 'negative'],
    ['-3', 'negative'],
    ['－３', 'negative'],
    [2.5, 'decimal'],
    ['2.5', 'decimal'],
    ['2.5次', 'decimal'],
    ['若干', 'notNumber'],
    ['无', 'notNumber'],
    ['一百五', 'notNumber'],
    ['3-4', 'notNumber'],
    [true, 'notNumber'],
    [new Date(Date.UTC(2023, 0, 1)), 'notNumber'],
    [{ kind: 'error', error: '#DIV/0!' }, 'notNumber'],
  ] as const)('%j → %s', (input, status) => {
    expect(parseInteger(input as never)).toEqual({ status });
  });

  it("accepts the definition's own unit words", () => {
    expect(parseInteger('2支')).toEqual({ status: 'ok', value: 2, coerced: true });
    expect(parseInteger('2队', ['队'])).toEqual({ status: 'ok', value: 2, coerced: true });
    expect(parseInteger('2队')).toEqual({ status: 'notNumber' });
  });

  it('treats blank as empty', () => {
    expect(parseInteger(null)).toEqual({ status: 'empty' });
    expect(parseInteger('  ')).toEqual({ status: 'empty' });
  });
});

describe('parseChineseNumeral', () => {
  it.each([
    ['一', 1],
    ['十', 10],
    ['十五', 15],
    ['九十九', 99],
    ['一百', 100],
    ['一百一十', 110],
    ['三千四百零二', 3402],
  ])('%s = %d', (s, n) => expect(parseChineseNumeral(s)).toBe(n));
  it.each(['', '二三', '十百', '三零', 'abc'])('%j is not a numeral', (s) =>
    expect(parseChineseNumeral(s)).toBeNull(),
  );
});

describe('parseDate', () => {
  it.each([
    [new Date(Date.UTC(2023, 11, 31)), '2023-12-31'],
    [new Date(Date.UTC(2023, 11, 30, 23, 59, 59, 999)), '2023-12-31'],
    [45291, '2023-12-31'],
    [45291.75, '2023-12-31'],
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [61, '1900-03-01'],
    [20231231, '2023-12-31'],
    ['2023-12-31', '2023-12-31'],
    ['2023/12/31', '2023-12-31'],
    ['2023/1/5', '2023-01-05'],
    ['2023年12月31日', '2023-12-31'],
    ['2023 年 1 月 5 日', '2023-01-05'],
    ['2023.12.31', '2023-12-31'],
    ['20231231', '2023-12-31'],
    ['２０２３－１２－３１', '2023-12-31'],
    ['2023-12-31 00:00:00', '2023-12-31'],
    ['45291', '2023-12-31'],
    ['2024-02-29', '2024-02-29'],
  ] as const)('%j → %s', (input, iso) => {
    expect(parseDate(input)).toEqual({ status: 'ok', iso });
  });

  it.each([
    '2023-02-30',
    '2023-13-01',
    '2023-02-29',
    '20230230',
    '明年底',
    '2023年底',
    60,
    0,
    -5,
    true,
  ] as const)('%j is invalid', (input) => {
    expect(parseDate(input)).toEqual({ status: 'invalid' });
  });

  it('Excel serial edge cases (1900 leap-year bug)', () => {
    expect(excelSerialToIso(60)).toBeNull();
    expect(excelSerialToIso(2958465)).toBe('9999-12-31');
    expect(excelSerialToIso(2958466)).toBeNull();
  });
});

describe('parseYear', () => {
  it.each([
    [2023, 2023],
    [2023.0, 2023],
    ['2023', 2023],
    ['2023年', 2023],
    ['2023年度', 2023],
    ['２０２３', 2023],
    ['2023.0', 2023],
  ] as const)('%j → %d', (input, value) => expect(parseYear(input)).toEqual({ status: 'ok', value }));
  it('2023 typed into a date-formatted cell (serial 2023 = 1905-07-15)', () => {
    expect(parseYear(new Date(Date.UTC(1905, 6, 15)))).toEqual({ status: 'ok', value: 2023 });
    expect(parseYear(new Date(Date.UTC(2023, 0, 1)))).toEqual({ status: 'invalid' });
  });
  it.each([23, 2023.5, '二〇二三', '23年', true])('%j is invalid', (input) =>
    expect(parseYear(input)).toEqual({ status: 'invalid' }),
  );
  it('blank is empty', () => expect(parseYear('')).toEqual({ status: 'empty' }));
});

describe('isPlausiblePhone', () => {
  it.each([
    '13800138000',
    '0571-87654321',
    '(0571)87654321',
    '+86 138 0013 8000',
    '87654321',
    '6543210',
    '0571-87654321转806',
    '０５７１－８７６５４３２１',
  ])('%s is plausible', (s) => expect(isPlausiblePhone(s)).toBe(true));
  it.each(['123', '张三', '23800138000', '1380013800012', 'abc-defg', '138001380001'])(
    '%s is not plausible',
    (s) => expect(isPlausiblePhone(s)).toBe(false),
  );
});

describe('labels and text', () => {
  it('normalizes labels: markers, spaces, colons, full-width forms', () => {
    expect(normalizeLabel('*单位名称：')).toBe('单位名称');
    expect(normalizeLabel('＊ 单 位 名 称 :')).toBe('单位名称');
    expect(normalizeLabel('审核人（分管领导）')).toBe(normalizeLabel('审核人(分管领导)'));
  });
  it('renders cells as text', () => {
    expect(cellText(1001)).toBe('1001');
    expect(cellText(0.1 + 0.2)).toBe('0.3');
    expect(cellText(13800138000)).toBe('13800138000');
    expect(cellText(new Date(Date.UTC(2023, 9, 10)))).toBe('2023-10-10');
    expect(cellText('  ')).toBeNull();
    expect(cellText({ kind: 'error', error: '#REF!' })).toBe('#REF!');
    expect(cellText({ kind: 'formulaNoResult', formula: 'SUM(A1:A2)' })).toBeNull();
  });
});
