// Official number, date and ordinal style for report prose (党政机关公文 conventions).
import type { NumberStyle } from '../standard/types';

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** Chinese numeral for 1…99 (一, 十, 十一, 二十, 二十一 …); larger numbers fall back to Arabic digits. */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0) return String(n);
  if (n < 10) return DIGITS[n];
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ''}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`;
  return String(n);
}

/** "一是" … "十是"; beyond ten the seeds' register switches to "第十一，". The text follows directly. */
export function shiOrdinal(n: number): string {
  return n <= 10 ? `${chineseNumber(n)}是` : `第${chineseNumber(n)}，`;
}

/** "（一）" … "（十二）": second-level heading ordinal. */
export function sectionOrdinal(n: number): string {
  return `（${chineseNumber(n)}）`;
}

/** "一、" … "十二、": first-level heading ordinal. */
export function headingOrdinal(n: number): string {
  return `${chineseNumber(n)}、`;
}

/** "2023-10-10" → "2023年10月10日" (no zero padding); anything else → null. */
export function formatDate(iso: string | null | undefined): string | null {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(iso ?? '');
  if (!m) return null;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

const BIG_UNITS: readonly [number, string][] = [
  [100_000_000, '亿'],
  [10_000, '万'],
];

/** One decimal, trailing ".0" dropped: 1 → "1", 1.3 → "1.3". */
function oneDecimal(x: number): string {
  return String(Math.round(x * 10) / 10);
}

/**
 * 万 style: below 10000 exact ("9800条"); a whole number of tenths of 万 reads "1.2万条"; anything in
 * between is truncated to one decimal and marked 余 ("13500" → "1.3万余条"), never rounded up.
 */
function wan(n: number, unit: string): string {
  for (const [size, name] of BIG_UNITS) {
    if (n >= size) {
      const tenths = Math.floor((n * 10) / size);
      const exact = (tenths * size) / 10 === n;
      return `${oneDecimal(tenths / 10)}${name}${exact ? '' : '余'}${unit}`;
    }
  }
  return `${n}${unit}`;
}

/**
 * Round-down approximation ("近10万人次"): from 10000 up, when the number lies within 5% below the next
 * multiple of its leading digit's magnitude (98000 → 100000, 1 950 000 → 2 000 000) it reads "近X万";
 * otherwise it reads like the 万 style ("5.3万余人次"). Below 10000 it is exact.
 */
function approx(n: number, unit: string): string {
  if (n < 10_000) return `${n}${unit}`;
  const magnitude = 10 ** Math.floor(Math.log10(n));
  const round = Math.ceil(n / magnitude) * magnitude;
  if (round > n && round - n <= round * 0.05) return `近${wan(round, unit)}`;
  return wan(n, unit);
}

/** A count with its unit in the official register: 1754场, 1.3万余条, 近10万人次. */
export function formatCount(n: number, unit: string, style: NumberStyle = 'exact'): string {
  if (!Number.isFinite(n)) throw new Error(`formatCount: not a number: ${n}`);
  if (style === 'wan') return wan(n, unit);
  if (style === 'approx') return approx(n, unit);
  return `${n}${unit}`;
}

/** Percentage with at most one decimal: 0.9583 → "95.8%". */
export function formatPercent(ratio: number): string {
  return `${oneDecimal(ratio * 100)}%`;
}
