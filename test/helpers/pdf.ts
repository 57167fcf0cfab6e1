// Reading positions out of a PDF rendered by LibreOffice (poppler's pdftotext, pdfinfo and pdftoppm):
// lines and words with their boxes, page sizes, and rows of ink in a region (for rules and dashes whose
// text box says little about where the ink is). Units are PDF points, y growing downwards.
import { execFileSync } from 'node:child_process';

export interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface Line extends Word {
  words: Word[];
}

const num = (s: string) => Number(s);

/** Lines of one page with their words and boxes, from pdftotext -bbox-layout (text joined without spaces). */
export function pageLines(pdf: string, page: number): Line[] {
  const xml = execFileSync('pdftotext', ['-bbox-layout', '-f', String(page), '-l', String(page), pdf, '-'], {
    encoding: 'utf8',
  });
  const lines: Line[] = [];
  for (const m of xml.matchAll(
    /<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/line>/g,
  )) {
    const words = [
      ...m[5].matchAll(
        /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
      ),
    ].map((w) => ({ text: w[5], xMin: num(w[1]), yMin: num(w[2]), xMax: num(w[3]), yMax: num(w[4]) }));
    lines.push({
      text: words.map((w) => w.text).join(''),
      xMin: num(m[1]),
      yMin: num(m[2]),
      xMax: num(m[3]),
      yMax: num(m[4]),
      words,
    });
  }
  return lines;
}

export function pageCount(pdf: string): number {
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)![1]);
}

/** Width and height of a page in points. */
export function pageSize(pdf: string, page: number): { width: number; height: number } {
  const info = execFileSync('pdfinfo', ['-f', String(page), '-l', String(page), pdf], { encoding: 'utf8' });
  const m = /Page\s+\d+\s+size:\s+([\d.]+) x ([\d.]+)/.exec(info)!;
  return { width: Number(m[1]), height: Number(m[2]) };
}

/**
 * Rows of dark pixels in a region of a page, rendered in grey at 288 dpi (4 pixels a point): the
 * y (points) of each row with ink and how many dark pixels it has.
 */
export function inkRows(
  pdf: string,
  page: number,
  region: { x: number; y: number; width: number; height: number },
): { y: number; dark: number }[] {
  const scale = 4;
  const pgm = execFileSync('pdftoppm', [
    '-gray',
    '-r',
    String(72 * scale),
    '-f',
    String(page),
    '-l',
    String(page),
    '-x',
    String(Math.round(region.x * scale)),
    '-y',
    String(Math.round(region.y * scale)),
    '-W',
    String(Math.round(region.width * scale)),
    '-H',
    String(Math.round(region.height * scale)),
    pdf,
  ]);
  // Binary PGM: "P5 <width> <height> <max>" then one byte a pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'))!;
  const [w, h] = [Number(header[1]), Number(header[2])];
  const start = header[0].length;
  const rows: { y: number; dark: number }[] = [];
  for (let y = 0; y < h; y++) {
    let dark = 0;
    for (let x = 0; x < w; x++) if (pgm[start + y * w + x] < 128) dark++;
    if (dark) rows.push({ y: Math.round(region.y * scale) / scale + y / scale, dark });
  }
  return rows;
}

/** Points to millimetres. */
export const mm = (pt: number) => (pt * 25.4) / 72;
