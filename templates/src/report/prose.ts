// The prose composer: picks a variant from the definition's phrase banks, seeded by the unit (the same unit
// always gets the same choice, two units usually different ones), never the same variant twice in one
// document while others are left, and fills placeholders with the one formatter. A variant may embed
// another bank as {@name}, so sentences are composed from independent parts.
import { formatTemplate, type TemplateVars } from '../standard/format';

/** FNV-1a (32 bit) of a string: a stable, platform-free seed. */
export function seedHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // FNV's low bits follow the last characters closely: choices of two banks (a small modulus of hashes of
  // keys that differ at the end) went together. A final mix (murmur3's fmix32) spreads every bit.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const NESTED = /\{@([^{}\s]+)\}/g;

export class Prose {
  private readonly usedVariants = new Map<string, Set<number>>();
  private readonly uses = new Map<string, number>();
  private readonly once = new Map<string, unknown>();

  constructor(
    private readonly banks: Readonly<Record<string, readonly string[]>>,
    private readonly seed: string,
  ) {}

  has(bank: string): boolean {
    return (this.banks[bank]?.length ?? 0) > 0;
  }

  /**
   * Picks one of `variants` for slot `key` (seeded; unused variants first). `allowed`, when given, keeps
   * the pick among the variants it accepts (when it accepts any).
   */
  choose<T>(key: string, variants: readonly T[], allowed?: (v: T) => boolean): T {
    const n = this.uses.get(key) ?? 0;
    this.uses.set(key, n + 1);
    const used = this.usedVariants.get(key) ?? new Set<number>();
    this.usedVariants.set(key, used);
    if (used.size >= variants.length) used.clear();
    const start = seedHash(`${this.seed}\u0000${key}\u0000${n}`) % variants.length;
    const ok = allowed && variants.some(allowed) ? allowed : () => true;
    for (const fresh of [true, false])
      for (let k = 0; k < variants.length; k++) {
        const i = (start + k) % variants.length;
        if ((!fresh || !used.has(i)) && ok(variants[i])) {
          used.add(i);
          return variants[i];
        }
      }
    return variants[start];
  }

  /** Like `choose`, but the same variant every time it is asked for `key` in one document. */
  chooseOnce<T>(key: string, variants: readonly T[]): T {
    const got = this.once.get(key);
    if (got !== undefined) return got as T;
    const v = this.choose(key, variants);
    this.once.set(key, v);
    return v;
  }

  /**
   * Picks the variant of `variants` that says most nearly what `about` says (the most character pairs in
   * common), so a heading or a cause fits the examples under it; among equals, as `choose` would.
   */
  chooseFitting(key: string, variants: readonly string[], about: string): string {
    const scores = variants.map((v) => sharedPairs(v, about));
    const best = Math.max(0, ...scores);
    const fitting = best > 0 ? variants.filter((_, i) => scores[i] === best) : variants;
    return this.choose(key, fitting);
  }

  /**
   * Every way `template` can be filled: each nested bank expanded to each of its variants (at most `cap`
   * results), placeholders filled. For choosing among whole phrases (a heading that fits its paragraph).
   */
  expand(template: string, vars: TemplateVars = {}, cap = 400, depth = 0): string[] {
    let out = [''];
    let last = 0;
    for (const m of template.matchAll(NESTED)) {
      const literal = template.slice(last, m.index);
      const parts =
        depth > 8 ? [''] : (this.banks[m[1]] ?? ['']).flatMap((v) => this.expand(v, vars, cap, depth + 1));
      out = out.flatMap((o) => parts.map((x) => o + literal + x)).slice(0, cap);
      last = m.index + m[0].length;
    }
    const tail = template.slice(last);
    return out.map((o) => formatTemplate(o + tail, vars));
  }

  /**
   * A variant of bank `name`, nested banks resolved, placeholders filled; '' when the bank is absent.
   * `before` is what the sentence being composed says already: a variant that says none of it again (no
   * three-character run in common, the subject aside) is preferred, so two parts of one sentence do not
   * both speak of "宣传栏、电子屏".
   */
  say(name: string, vars: TemplateVars = {}, depth = 0, before = ''): string {
    const bank = this.banks[name];
    if (!bank?.length || depth > 8) return '';
    const subject = typeof vars.subject === 'string' ? vars.subject : '';
    const ignore = plainWords(this.banks, subject);
    const fresh = before
      ? (v: string) => repeatedRuns(formatTemplate(v.replace(NESTED, ''), vars), before, ignore) === 0
      : undefined;
    // Of one thing, not "均/全部" (the definition's count.allWords): "发现的1条…均已处置" reads as a seam.
    const allWords = Number(vars.n) === 1 ? (this.banks['count.allWords'] ?? []) : [];
    const notAll = allWords.length
      ? (v: string) => !allWords.some((w) => v.replace(NESTED, '').includes(w))
      : undefined;
    const ok = fresh && notAll ? (v: string) => fresh(v) && notAll(v) : (fresh ?? notAll);
    return this.fill(this.choose(name, bank, ok), vars, depth);
  }

  /** A phrase from elsewhere in the definition (per-category prose): its {@bank} parts and fields filled. */
  fill(template: string, vars: TemplateVars = {}, depth = 0): string {
    // Parts are resolved in order, each seeing what the phrase has said before it.
    let said = '';
    let last = 0;
    for (const m of template.matchAll(NESTED)) {
      said += template.slice(last, m.index);
      // Within the sentence being composed (a formula sentence before it may repeat its words).
      const sentenceSoFar =
        formatTemplate(said, vars)
          .split(/[。！？]/u)
          .pop() ?? '';
      said += this.say(m[1], vars, depth + 1, sentenceSoFar);
      last = m.index + m[0].length;
    }
    said += template.slice(last);
    return formatTemplate(said, vars);
  }
}

/** Splits prose into sentences (ending in 。！？ or the end), keeping the marks. */
export function sentencesOf(text: string): string[] {
  return (
    text
      .match(/[^。！？!?]+[。！？!?]?/gu)
      ?.map((s) => s.trim())
      .filter(Boolean) ?? []
  );
}

/**
 * Removes sentences already said earlier in the document (`said` collects them across calls), so no
 * sentence is ever printed twice — whether it came from a phrase bank or was typed twice by the unit.
 */
export function withoutRepeats(text: string, said: Set<string>): string {
  let out = '';
  for (const s of sentencesOf(text)) {
    const key = s.replace(/[。！？!?\s]+$/u, '');
    if (key.length >= 6 && said.has(key)) continue;
    said.add(key);
    out += s;
  }
  return out;
}

/**
 * The first variant of a bank, filled: for phrases that must read the same wherever they occur (titles,
 * headings, the count formula, fallback words). '' when the bank is absent (the definition check names
 * the banks a report cannot do without).
 */
export function fixedPhrase(
  banks: Readonly<Record<string, readonly string[]>>,
  bank: string,
  vars: TemplateVars = {},
): string {
  const t = banks[bank]?.[0];
  return t ? formatTemplate(t, vars) : '';
}

/** "阵地管理、队伍建设等" for several items, the item alone for one (the definition's `list.etc`). */
export function listWithEtc(
  banks: Readonly<Record<string, readonly string[]>>,
  items: readonly string[],
): string {
  return items.length > 1 ? fixedPhrase(banks, 'list.etc', { list: items.join('、') }) : items.join('');
}

/**
 * "责任落实、理论学习和网络阵地管理" for several items (the definition's `list.and`, {list} the items but the
 * last, {last} the last), the item alone for one; without the bank the items joined by "、".
 */
export function listWithAnd(
  banks: Readonly<Record<string, readonly string[]>>,
  items: readonly string[],
): string {
  if (items.length < 2 || !banks['list.and']?.length) return items.join('、');
  return fixedPhrase(banks, 'list.and', { list: items.slice(0, -1).join('、'), last: items.at(-1)! });
}

/** A pair of characters that says nothing of its own: punctuation, or a gap left by a stripped word. */
const NO_PAIR = /[|，。、；：“”（）\s]/u;

function strip(t: string, ignore: readonly string[]): string {
  return ignore.reduce((x, w) => (w ? x.replaceAll(w, '|') : x), t);
}

function charPairs(t: string): Set<string> {
  const set = new Set<string>();
  for (let i = 0; i + 1 < t.length; i++) set.add(t.slice(i, i + 2));
  return set;
}

/**
 * Whether two parts of a phrase (between its commas) say the same thing: a character pair in common,
 * the `ignore` words aside ("严守网络阵地，守牢网上舆论阵地").
 */
export function partsRepeat(text: string, ignore: readonly string[] = []): boolean {
  const parts = strip(text, ignore)
    .split(/[，；]/u)
    .map((p) => new Set([...charPairs(p)].filter((x) => !NO_PAIR.test(x))));
  return parts.some((a, i) => parts.slice(i + 1).some((b) => [...a].some((x) => b.has(x))));
}

/** How many character pairs two texts have in common: how nearly they say the same thing. */
export function sharedPairs(a: string, b: string): number {
  const wanted = charPairs(b);
  return [...charPairs(a)].filter((p) => wanted.has(p)).length;
}

/**
 * The runs of `length` (three) characters of `a` that also occur in `b`, words common to the whole genre
 * (`ignore`, e.g. the subject of the definition) aside: a cause that shares any says again what its heading
 * or examples said.
 */
export function repeatedRuns(a: string, b: string, ignore: readonly string[] = [], length = 3): number {
  const x = strip(a, ignore);
  const y = strip(b, ignore);
  const runs = new Set<string>();
  for (let i = 0; i + length <= x.length; i++) {
    const r = x.slice(i, i + length);
    if (!NO_PAIR.test(r) && y.includes(r)) runs.add(r);
  }
  return runs.size;
}

/**
 * Words that say nothing when two phrases are compared: the subject, and the definition's `compare.plain`
 * bank (words such as 工作 that follow the subject everywhere).
 */
export function plainWords(banks: Readonly<Record<string, readonly string[]>>, subject: string): string[] {
  return [subject, ...(banks['compare.plain'] ?? [])].filter(Boolean);
}

/**
 * The variants that say least of what `said` says (the fewest repeated runs, the `plain` words aside; see
 * plainWords); `text` gives a variant's words when they have placeholders to fill.
 */
export function leastRepeating(
  variants: readonly string[],
  said: string,
  plain: readonly string[],
  text: (v: string) => string = (v) => v,
): string[] {
  const repeats = variants.map((v) => repeatedRuns(text(v), said, plain));
  const least = Math.min(...repeats);
  return variants.filter((_, i) => repeats[i] === least);
}

/**
 * How telling each character pair of `texts` is: 1 / the number of texts it occurs in (a pair every
 * heading has, such as the one of 不够, tells none of them apart). Words in `ignore` are left out.
 */
export function pairWeights(texts: readonly string[], ignore: readonly string[] = []): Map<string, number> {
  const df = new Map<string, number>();
  for (const t of texts)
    for (const p of charPairs(strip(t, ignore))) if (!NO_PAIR.test(p)) df.set(p, (df.get(p) ?? 0) + 1);
  return new Map([...df].map(([p, n]) => [p, 1 / n]));
}

/** A keyword of a heading found in an example counts as much as this many pairs of its own. */
const KEYWORD_WEIGHT = 2;

/**
 * How well `example` fits under `heading`: the telling pairs they share (weighted by `weights`, see
 * pairWeights) and the heading's keywords the example contains. 0 when they have nothing in common.
 */
export function fitScore(
  heading: string,
  keywords: readonly string[],
  example: string,
  weights: ReadonlyMap<string, number>,
  ignore: readonly string[] = [],
): number {
  const wanted = charPairs(strip(example, ignore));
  let score = 0;
  for (const p of charPairs(strip(heading, ignore))) if (wanted.has(p)) score += weights.get(p) ?? 0;
  for (const k of keywords) if (example.includes(k)) score += KEYWORD_WEIGHT;
  return score;
}

/**
 * The share of `a`'s telling character pairs (punctuation and `ignore` aside) that `b` also has: 1 when
 * everything `a` says is in `b`. How far a problem the unit wrote is the register's risk told again.
 */
export function containedIn(a: string, b: string, ignore: readonly string[] = []): number {
  const pairsOf = (t: string) => [...charPairs(strip(t, ignore))].filter((p) => !NO_PAIR.test(p));
  const x = pairsOf(a);
  if (!x.length) return 0;
  const y = new Set(pairsOf(b));
  return x.filter((p) => y.has(p)).length / x.length;
}
