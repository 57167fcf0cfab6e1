// What reaches a cell of our outputs (the tracking workbook, the return copy's 校验结果 sheet): text within
// Excel's limit, numbers only when finite.
import { formatTemplate } from '../../../templates/src/index';
import { MAX_CELL_TEXT, TRUNCATED_MARK } from './labels';
import { cutGraphemes } from './names';

/**
 * Text from a unit is always written as a string cell (exceljs never turns a string into a formula), and
 * cut, between graphemes, with a visible marker when it is longer than a cell can hold.
 */
export function text(s: string | null | undefined): string {
  if (!s) return '';
  if (s.length <= MAX_CELL_TEXT) return s;
  const mark = formatTemplate(TRUNCATED_MARK, { n: [...s].length });
  return cutGraphemes(s, MAX_CELL_TEXT - mark.length) + mark;
}

/** A number cell: only finite numbers reach a file; anything else is left empty. */
export function num(v: number | null | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
