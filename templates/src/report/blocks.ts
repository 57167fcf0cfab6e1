// The report as a list of typed blocks: the text builders produce it, the GB/T 9704 renderer turns it into
// a Word document, and tests read its plain text. Keeping the two apart makes every sentence testable
// without unzipping a .docx.

export type Block =
  /** The document title (方正小标宋简体, centred); followed by one blank line. */
  | { kind: 'title'; text: string }
  /** A first-level heading "一、总体情况" (黑体). */
  | { kind: 'h1'; text: string }
  /** A body paragraph (仿宋, 2-character indent); `lead` is a run-in heading "（一）小标题。" in 楷体. */
  | { kind: 'para'; lead?: string; text: string }
  /** An empty body line. */
  | { kind: 'blank' }
  /** 附件说明 "附件：风险隐患台账" under the body (left 2 characters). */
  | { kind: 'attachmentNote'; text: string }
  /** Signature without seal: unit name 右空二字 (left out when empty), date on the next line. */
  | { kind: 'signature'; unit: string; date: string | null }
  /** An appendix on a new page: "附件" (黑体), its title, and a table with a repeated header row. */
  | { kind: 'appendix'; label: string; title: string; table: AppendixTable };

export interface AppendixTable {
  columns: { label: string; width: number }[];
  rows: string[][];
  /** Landscape pages for wide tables. */
  landscape?: boolean;
}

/** Plain text of the blocks, one paragraph a line (the appendix table as tab-separated rows). */
export function blocksToText(blocks: readonly Block[]): string {
  const lines: string[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'title':
      case 'h1':
      case 'attachmentNote':
        lines.push(b.text);
        break;
      case 'para':
        lines.push(`${b.lead ?? ''}${b.text}`);
        break;
      case 'blank':
        lines.push('');
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
