// Sentence helpers of the report builders: a clause without its closing punctuation, a sentence with it,
// a text without its leading ordinal ("一是", "（一）"). The prose itself lives in the definition's data.

/** Strips trailing sentence punctuation so a fragment can be woven into a longer sentence. */
export function clause(s: string | null | undefined): string {
  return (s ?? '').trim().replace(/[。；;，,、.！!\s]+$/u, '');
}

/** Ensures a sentence ends with 。 (or another closing mark already there). */
export function sentence(s: string | null | undefined): string {
  const t = (s ?? '').trim();
  if (!t) return '';
  return /[。！？!?：:]$/u.test(t) ? t : `${clause(t)}。`;
}

/**
 * Strips a numbering the user typed in front of a title or item ("（一）", "一、", "1.", "（1）", "第一，",
 * "一是"), since the report numbers its own subsections.
 */
export function stripOrdinal(s: string | null | undefined): string {
  return (s ?? '')
    .trim()
    .replace(
      /^(?:[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|[一二三四五六七八九十]+\s*[、.．,，]|\d+\s*[、.．,，)](?!\d)|第[一二三四五六七八九十\d]+\s*[、，,.]|[一二三四五六七八九十]+是)\s*/u,
      '',
    );
}
