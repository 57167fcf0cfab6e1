// Tolerant parsing of what people really type into a workbook cell. Pure functions over CellValue:
// whole numbers ("3", "1,754", "3次", full-width "３", Chinese numerals "三"), dates (Date, Excel serials,
// "2023-12-31", "2023/12/31", "2023年12月31日", "2023.12.31", "20231231"), years and phone numbers.
import type { CellValue } from '../xlsx/grid';

/** Full-width → half-width (digits, letters, punctuation), trimmed, inner whitespace collapsed. */
export function normalizeText(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\s\u00a0\u3000]+/g, ' ')
    .trim();
}

/** Whitespace tidied (runs of spaces collapsed, trimmed) but characters kept as written: for free text. */
export function tidyText(s: string): string {
  return s.replace(/[\s\u00a0\u3000]+/g, (m) => (m.includes('\n') ? '\n' : ' ')).trim();
}

/**
 * Label normalisation for matching field labels and header texts: drops required-markers (* ＊),
 * every kind of space, colons (: ：) and converts full-width forms. Applied to both sides of a comparison.
 */
export function normalizeLabel(s: string): string {
  const hit = labelCache.get(s);
  if (hit !== undefined) return hit;
  const n = s
    .normalize('NFKC')
    .replace(/[*＊※\s\u00a0\u3000:：]/g, '')
    .trim();
  // Labels repeat across rows, sheets and files: a small cache pays. Bounded so that free text (long
  // descriptions pass through here too) cannot grow it without limit.
  if (labelCache.size >= 4096) labelCache.clear();
  if (s.length <= 64) labelCache.set(s, n);
  return n;
}
const labelCache = new Map<string, string>();

function isFormulaNoResult(v: CellValue): v is { kind: 'formulaNoResult'; formula: string } {
  return typeof v === 'object' && v !== null && !(v instanceof Date) && v.kind === 'formulaNoResult';
}
function isCellError(v: CellValue): v is { kind: 'error'; error: string } {
  return typeof v === 'object' && v !== null && !(v instanceof Date) && v.kind === 'error';
}
export { isCellError, isFormulaNoResult };

/** ISO YYYY-MM-DD from a Date's UTC components (exceljs gives UTC dates for date-formatted cells). */
function isoFromUtc(d: Date): string {
  // Serial → Date conversions can land a few ms before midnight; round to the second.
  const r = new Date(Math.round(d.getTime() / 1000) * 1000);
  return isoOf(r.getUTCFullYear(), r.getUTCMonth() + 1, r.getUTCDate());
}

function isoOf(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * A cell as display text: strings trimmed, numbers in plain notation, dates as YYYY-MM-DD, booleans as
 * TRUE/FALSE, error values as their code. Empty → null. A formula without result → null (callers report it).
 */
export function cellText(v: CellValue): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') {
    const t = v.replace(/\u00a0/g, ' ').trim();
    return t === '' ? null : t;
  }
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return null;
    // Avoid float noise such as 0.30000000000000004 and exponent notation for big integers.
    if (Number.isSafeInteger(v)) return String(v);
    if (Number.isInteger(v)) return v.toLocaleString('en-US', { useGrouping: false });
    return String(Number(v.toPrecision(15)));
  }
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : isoFromUtc(v);
  if (isCellError(v)) return v.error;
  return null;
}

/** Value as written in an issue: the text, or the formula of a formula without result. */
export function cellDisplay(v: CellValue): string | null {
  if (isFormulaNoResult(v)) return `=${v.formula}`;
  return cellText(v);
}

// ---------------------------------------------------------------------------------------------------
// Whole numbers

export type ParsedInt =
  | { status: 'empty' }
  /** coerced: read from "3次", "３", "三" … (the caller adds a 警告 saying how it was read). */
  | { status: 'ok'; value: number; coerced: boolean }
  | { status: 'negative' | 'decimal' | 'notNumber' };

const CN_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  壹: 1,
  二: 2,
  两: 2,
  贰: 2,
  三: 3,
  叁: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};
const CN_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };

/**
 * Simple Chinese numerals below 10000: 三, 十二, 二十三, 一百零五, 两千零一十. Returns null when the text is
 * not a well-formed numeral.
 */
export function parseChineseNumeral(s: string): number | null {
  if (s === '' || !/^[零〇一壹二两贰三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟]+$/.test(s)) return null;
  let total = 0;
  let digit: number | null = null;
  let lastUnit = 10000;
  let sawZero = false;
  for (const ch of s) {
    if (ch in CN_DIGITS) {
      const d = CN_DIGITS[ch];
      if (d === 0) {
        if (digit !== null) return null; // "三零"
        sawZero = true;
        continue;
      }
      if (digit !== null) return null; // two digits in a row: "二三"
      digit = d;
    } else {
      const u = CN_UNITS[ch];
      if (u >= lastUnit) return null; // units must descend: "十百"
      if (digit === null) {
        // "十二" = 12 only at the start; "一百十" is sloppy but unambiguous, accept as 110.
        if (u !== 10) return null;
        digit = 1;
      }
      total += digit * u;
      digit = null;
      lastUnit = u;
      sawZero = false;
    }
  }
  if (digit !== null) {
    // A trailing digit after a unit counts ones: "二十三" → 23, "一百零五" → 105. "一百五" (colloquial 150)
    // is ambiguous; reject it rather than guess.
    if (lastUnit !== 10000 && lastUnit > 10 && !sawZero) return null;
    total += digit;
  }
  return total;
}

/** Unit words people append to a count (the definition's own units are added by the caller). */
export const COMMON_UNITS: readonly string[] = [
  '人次',
  '次',
  '篇',
  '场',
  '个',
  '条',
  '份',
  '人',
  '名',
  '期',
  '项',
  '处',
  '家',
  '件',
  '部',
  '批',
  '轮',
  '节',
  '课',
  '支',
  '堂',
];

/** "3次" → "3", "10余场" → "10", "三次" → "三"; null when no unit word ends the text. */
function stripUnit(s: string, units: readonly string[]): string | null {
  const sorted = [...new Set([...units, ...COMMON_UNITS])].sort((a, b) => b.length - a.length);
  for (const u of sorted) {
    if (u === '' || !s.endsWith(u)) continue;
    const rest = s.slice(0, -u.length).replace(/(余|多)$/, '');
    if (rest !== '') return rest;
  }
  return null;
}

function parseIntText(raw: string, units: readonly string[]): ParsedInt {
  const original = raw.trim();
  if (original === '') return { status: 'empty' };
  let coerced = false;
  let s = original.normalize('NFKC').replace(/[\s\u00a0]+/g, '');
  if (s !== original.replace(/[\s\u00a0]+/g, '')) coerced = true; // full-width digits or signs
  const stripped = stripUnit(s, units);
  if (stripped !== null) {
    s = stripped;
    coerced = true;
  }
  // Thousands separators: "1,754" / "1,754,000" (a plain number, no warning).
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  if (/^[+-]?\d+(\.\d+)?$/.test(s) || /^[+-]?\.\d+$/.test(s)) {
    const n = Number(s);
    if (n < 0) return { status: 'negative' };
    if (!Number.isInteger(n)) return { status: 'decimal' };
    if (!Number.isSafeInteger(n)) return { status: 'notNumber' };
    return { status: 'ok', value: n, coerced };
  }
  const cn = parseChineseNumeral(s);
  if (cn !== null) return { status: 'ok', value: cn, coerced: true };
  if (/^[-−负]/.test(s) && parseChineseNumeral(s.slice(1)) !== null) return { status: 'negative' };
  return { status: 'notNumber' };
}

/**
 * Parses a metric cell. `units` are extra unit words that may follow the number (the definition's units).
 * Formula-without-result and error cells are the caller's business (notNumber here).
 */
export function parseInteger(v: CellValue, units: readonly string[] = []): ParsedInt {
  if (v === null || v === undefined) return { status: 'empty' };
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { status: 'notNumber' };
    // Tolerate binary float noise from formulas (2.9999999999999996).
    const r = Math.round(v);
    const value = Math.abs(v - r) < 1e-9 ? r : v;
    if (value < 0) return { status: 'negative' };
    if (!Number.isInteger(value)) return { status: 'decimal' };
    return { status: 'ok', value: value === 0 ? 0 : value, coerced: false };
  }
  if (typeof v === 'string') return parseIntText(v, units);
  return { status: 'notNumber' };
}

// ---------------------------------------------------------------------------------------------------
// Dates

export type ParsedDate = { status: 'empty' } | { status: 'ok'; iso: string } | { status: 'invalid' };

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Calendar-checked ISO date, or null (2023-02-30 → null). */
export function makeIsoDate(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return isoOf(y, m, d);
}

/**
 * Excel serial (1900 date system) → ISO date. Serial 1 = 1900-01-01; Excel's phantom 1900-02-29 is
 * serial 60 (rejected); from serial 61 on the usual 1899-12-30 epoch applies. Time fractions are dropped.
 */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial)) return null;
  const whole = Math.floor(serial + 1e-9);
  if (whole < 1 || whole > 2958465) return null;
  if (whole === 60) return null;
  const epoch = whole < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const d = new Date(epoch + whole * 86400000);
  return isoOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

const DATE_SEP =
  /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?(?:\s*[T ]?\s*\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;

export function parseDate(v: CellValue): ParsedDate {
  if (v === null || v === undefined) return { status: 'empty' };
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return { status: 'invalid' };
    const iso = isoFromUtc(v);
    return Number(iso.slice(0, 4)) >= 1900 ? { status: 'ok', iso } : { status: 'invalid' };
  }
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 19000101 && v <= 99991231) return ymdNumber(String(v));
    const iso = excelSerialToIso(v);
    return iso ? { status: 'ok', iso } : { status: 'invalid' };
  }
  if (typeof v !== 'string') return { status: 'invalid' };
  const s = normalizeText(v);
  if (s === '') return { status: 'empty' };
  const m = DATE_SEP.exec(s);
  if (m) {
    const iso = makeIsoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    return iso ? { status: 'ok', iso } : { status: 'invalid' };
  }
  if (/^\d{8}$/.test(s)) return ymdNumber(s);
  // A serial number stored as text (e.g. pasted from another sheet).
  if (/^\d{1,7}(\.\d+)?$/.test(s)) {
    const iso = excelSerialToIso(Number(s));
    return iso ? { status: 'ok', iso } : { status: 'invalid' };
  }
  return { status: 'invalid' };
}

function ymdNumber(s: string): ParsedDate {
  const iso = makeIsoDate(Number(s.slice(0, 4)), Number(s.slice(4, 6)), Number(s.slice(6, 8)));
  return iso ? { status: 'ok', iso } : { status: 'invalid' };
}

// ---------------------------------------------------------------------------------------------------
// Years and phones

export type ParsedYear = { status: 'empty' } | { status: 'ok'; value: number } | { status: 'invalid' };

/** 2023, 2023.0, "2023", "2023年", "２０２３". Range checks are the checker's (they depend on today). */
export function parseYear(v: CellValue): ParsedYear {
  if (v === null || v === undefined) return { status: 'empty' };
  if (v instanceof Date) {
    // 2023 typed into a date-formatted cell arrives as serial 2023 = 1905-07-15: take the serial back.
    const serial = (v.getTime() - Date.UTC(1899, 11, 30)) / 86400000;
    const whole = Math.round(serial);
    return Math.abs(serial - whole) < 1e-6 && whole >= 1000 && whole <= 9999
      ? { status: 'ok', value: whole }
      : { status: 'invalid' };
  }
  if (typeof v === 'number') {
    return Number.isInteger(v) && v >= 1000 && v <= 9999 ? { status: 'ok', value: v } : { status: 'invalid' };
  }
  if (typeof v !== 'string') return { status: 'invalid' };
  const s = normalizeText(v).replace(/\s/g, '');
  if (s === '') return { status: 'empty' };
  const m = /^(\d{4})(?:\.0+)?(?:年度?)?$/.exec(s);
  return m ? { status: 'ok', value: Number(m[1]) } : { status: 'invalid' };
}

/**
 * Plausible Chinese phone number: 7–12 digits once +86/0086, spaces, hyphens, brackets and an extension
 * ("转123") are removed; an 11-digit number must be a mobile (starting 1) or a landline with 区号 (0…).
 */
export function isPlausiblePhone(raw: string): boolean {
  let s = raw.normalize('NFKC').trim();
  s = s.replace(/(转|ext\.?|x)\s*\d{1,6}$/i, '');
  s = s.replace(/[\s\-()（）]/g, '');
  s = s.replace(/^(\+86|0086)/, '');
  if (!/^\d{7,12}$/.test(s)) return false;
  if (s.length === 11 && !/^[01]/.test(s)) return false;
  if (s.length === 12 && !s.startsWith('0')) return false;
  return true;
}
