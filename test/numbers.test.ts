import { describe, expect, it } from 'vitest';
import {
  chineseNumber,
  formatCount,
  formatDate,
  formatPercent,
  headingOrdinal,
  sectionOrdinal,
  shiOrdinal,
} from '../templates/src/report/numbers';

describe('formatCount', () => {
  it('exact style writes the number with its unit', () => {
    expect(formatCount(1754, '场')).toBe('1754场');
    expect(formatCount(3, '次', 'exact')).toBe('3次');
    expect(formatCount(98000, '人次')).toBe('98000人次');
  });

  it('万 style: whole tenths exact, anything between truncated and marked 余', () => {
    expect(formatCount(13000, '条', 'wan')).toBe('1.3万条');
    expect(formatCount(13001, '条', 'wan')).toBe('1.3万余条');
    expect(formatCount(13500, '条', 'wan')).toBe('1.3万余条');
    expect(formatCount(13999, '条', 'wan')).toBe('1.3万余条');
    expect(formatCount(10000, '条', 'wan')).toBe('1万条');
    expect(formatCount(12000, '条', 'wan')).toBe('1.2万条');
    expect(formatCount(120000, '条', 'wan')).toBe('12万条');
    expect(formatCount(9999, '条', 'wan')).toBe('9999条');
    expect(formatCount(250_000_000, '人', 'wan')).toBe('2.5亿人');
  });

  it('approx style: within 5% below the next round number reads 近X万', () => {
    expect(formatCount(98000, '名', 'approx')).toBe('近10万名');
    expect(formatCount(95000, '名', 'approx')).toBe('近10万名');
    expect(formatCount(94999, '名', 'approx')).toBe('9.4万余名');
    expect(formatCount(100000, '名', 'approx')).toBe('10万名');
    expect(formatCount(1_950_000, '人次', 'approx')).toBe('近200万人次');
    expect(formatCount(26500, '人次', 'approx')).toBe('2.6万余人次');
    expect(formatCount(29000, '人次', 'approx')).toBe('近3万人次');
    expect(formatCount(9800, '人次', 'approx')).toBe('9800人次');
  });

  it('rejects what is not a number instead of printing NaN', () => {
    expect(() => formatCount(Number.NaN, '次')).toThrow();
  });
});

describe('dates and ordinals', () => {
  it('dates without zero padding', () => {
    expect(formatDate('2023-10-10')).toBe('2023年10月10日');
    expect(formatDate('2023-01-05')).toBe('2023年1月5日');
    expect(formatDate('2023/1/5')).toBeNull();
    expect(formatDate(null)).toBeNull();
  });

  it('Chinese numerals', () => {
    expect([1, 9, 10, 11, 12, 19, 20, 21, 99].map(chineseNumber)).toEqual([
      '一',
      '九',
      '十',
      '十一',
      '十二',
      '十九',
      '二十',
      '二十一',
      '九十九',
    ]);
  });

  it('一是…十是, then 第十一，', () => {
    expect(shiOrdinal(1)).toBe('一是');
    expect(shiOrdinal(2)).toBe('二是');
    expect(shiOrdinal(10)).toBe('十是');
    expect(shiOrdinal(11)).toBe('第十一，');
  });

  it('（一）…（十二） and 一、…十二、', () => {
    expect(sectionOrdinal(1)).toBe('（一）');
    expect(sectionOrdinal(12)).toBe('（十二）');
    expect(headingOrdinal(1)).toBe('一、');
    expect(headingOrdinal(12)).toBe('十二、');
  });

  it('percent with at most one decimal', () => {
    expect(formatPercent(45 / 48)).toBe('93.8%');
    expect(formatPercent(1)).toBe('100%');
  });
});
