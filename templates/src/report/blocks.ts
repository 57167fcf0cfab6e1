// The report as a list of typed blocks: the prose builders produce it, the GB/T 9704 writer turns it into
// a Word document, and tests read its plain text. Keeping the two apart makes every sentence testable
// without unzipping a .docx, and keeps every layout rule (line breaks, widths, offsets) in the writer.
import type { ChartSpec } from '../ooxml/chart';

export type Block =
  /**
   * The document title (2号 方正小标宋简体, centred). `words` are the units the title may break between
   * (GB/T 9704 7.3.3: whole words, balanced lines); the writer decides where. text = words.join('').
   */
  | { kind: 'title'; text: string; words: string[] }
  /** 主送机关 (GB/T 9704 7.3.2): under the title, flush left, ending with a full-width colon. */
  | { kind: 'addressee'; text: string }
  /** A first-level heading "一、总体情况" (黑体). */
  | { kind: 'h1'; text: string }
  /** A body paragraph (仿宋, 2-character indent); `lead` is a run-in heading "（一）小标题。" in 楷体. */
  | { kind: 'para'; lead?: string; text: string }
  /** An empty body line. */
  | { kind: 'blank' }
  /**
   * 附件说明 under the body (GB/T 9704 7.3.6): "附件：风险隐患台账", or for several attachments
   * "附件：1.风险隐患台账" with the next names aligned under the first.
   */
  | { kind: 'attachmentNote'; items: string[] }
  /** Signature without seal (GB/T 9704 7.3.5.2): unit name 右空二字 (left out when empty), date below. */
  | { kind: 'signature'; unit: string; date: string | null }
  /**
   * A figure where the text speaks of it: a native chart (vector, drawn by Word, WPS or LibreOffice from
   * the numbers in the chart part), centred, with its caption below ("图1", U+3000, the title; 楷体).
   */
  | { kind: 'figure'; caption: string; chart: ChartSpec }
  /**
   * An attachment on a new page: "附件" or "附件2" (3号黑体, first line), its title (2号小标宋, centred,
   * on line 3), and a table with a repeated header row.
   */
  | { kind: 'appendix'; label: string; title: string; table: AppendixTable };

/** How a column's cells may be laid out: ids, dates and numbers never break inside a cell. */
export type ColumnKind = 'text' | 'id' | 'date' | 'number';

export interface AppendixTable {
  /** Columns in order. The writer sizes them by their content; builders drop columns that are empty. */
  columns: { label: string; kind: ColumnKind }[];
  rows: string[][];
  /** Landscape pages for wide tables. */
  landscape?: boolean;
}

/** The 附件说明 lines: "附件：X" for one attachment; "附件：1.X", then "2.Y" aligned under it, for several. */
export function attachmentLines(items: readonly string[]): string[] {
  if (items.length === 1) return [`附件：${items[0]}`];
  return items.map((t, i) => `${i ? '\u3000'.repeat(3) : '附件：'}${i + 1}.${t}`);
}

/** Plain text of the blocks, one paragraph a line (the appendix table as tab-separated rows). */
export function blocksToText(blocks: readonly Block[]): string {
  const lines: string[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'title':
      case 'h1':
      case 'addressee':
        lines.push(b.text);
        break;
      case 'attachmentNote':
        lines.push(...attachmentLines(b.items));
        break;
      case 'para':
        lines.push(`${b.lead ?? ''}${b.text}`);
        break;
      case 'blank':
        lines.push('');
        break;
      case 'figure':
        lines.push(b.caption);
        break;
      case 'signature':
        if (b.unit) lines.push(b.unit);
        if (b.date) lines.push(b.date);
        break;
      case 'appendix':
        lines.push(b.label, b.title, b.table.columns.map((c) => c.label).join('\t'));
        for (const r of b.table.rows) lines.push(r.join('\t'));
        break;
    }
  }
  return lines.join('\n');
}
