// Shared pieces of the CLI commands' terminal output: display widths for aligned tables and the Chinese
// words for check statuses. (Argument parsing and help: cli-program.ts.)
import type { CheckStatus } from '../../templates/src/index';

/** 通过 / 有警告 / 有错误. */
export const STATUS_TEXT: Record<CheckStatus, string> = { ok: '通过', warnings: '有警告', errors: '有错误' };

/** Display width on a terminal: CJK and full-width characters take two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w +=
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      c >= 0x20000
        ? 2
        : 1;
  }
  return w;
}

/** `s` padded with spaces to `width` display columns. */
export function padToWidth(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}
