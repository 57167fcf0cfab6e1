// How telling a problem a unit reported is, for choosing the one a summary quotes ("如X反映…"): a high
// (then medium) risk before a low one, one past its deadline or not yet started before one in hand, and
// concrete wording (a 网约车司机's 平台抽成, a 学术会议 a firm sponsored) before a phrase any unit could have
// written (认识还不够全面, 需要加强). Used by the importer's aggregate (which rows it keeps) and the summary
// (which it quotes), so the two agree.
import { roleOf } from '../standard/roles';
import type { Definition } from '../standard/types';

/** What a register row says of a problem beside its words (own 存在问题 rows have none of it). */
export interface ProblemFacts {
  level?: string | null;
  overdue?: boolean | null;
  status?: string | null;
  /** 具体表现 and 原因分析: not quoted, but what the problem is about (a cause that fits it speaks of them). */
  detail?: string | null;
  cause?: string | null;
}

/**
 * Wording is concrete from this many character pairs of its own (see ownPairs): a word of four characters
 * the definition's prose never uses (文艺评论, 网约车司机), or two of three. Measured on the demo's rows:
 * "部分干部对意识形态工作的认识还不够全面" has none, "科普阵地的思想引领作用发挥不够" 2 (科普阵),
 * "集中整治期间医务人员思想有波动" 6.
 */
export const CONCRETE_PAIRS = 3;

/** Keys of the definition's report data whose words are names of things, not stock phrases. */
const NOT_STOCK = new Set(['problemKeywords', 'keyword', 'fields']);
const NO_PAIR = /[|，。、；：“”（）《》\s\d{}@]/u;

const stockCache = new WeakMap<Definition, Set<string>>();

/** The character pairs of the definition's report prose (phrase banks, headings, causes …). */
function stockPairs(def: Definition): Set<string> {
  let set = stockCache.get(def);
  if (set) return set;
  set = new Set();
  const add = (t: string) => {
    const s = t.replaceAll('{subject}', def.subject);
    for (let i = 0; i + 1 < s.length; i++) set!.add(s.slice(i, i + 2));
  };
  const walk = (x: unknown): void => {
    if (typeof x === 'string') add(x);
    else if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object')
      for (const [k, v] of Object.entries(x)) if (!NOT_STOCK.has(k)) walk(v);
  };
  walk(def.report);
  stockCache.set(def, set);
  return set;
}

/**
 * How many character pairs of `text` are its own words: pairs the definition's prose never uses, in runs of
 * two or more (a pair alone is mostly the seam of two stock words, 干部|对 or 还不|够全); the subject aside.
 */
export function ownPairs(def: Definition, text: string): number {
  const stock = stockPairs(def);
  const t = def.subject ? text.replaceAll(def.subject, '|') : text;
  let total = 0;
  let run = 0;
  for (let i = 0; i + 1 <= t.length; i++) {
    const p = t.slice(i, i + 2);
    if (p.length === 2 && !NO_PAIR.test(p) && !stock.has(p)) run++;
    else {
      if (run >= 2) total += run;
      run = 0;
    }
  }
  return total;
}

/**
 * How telling a problem is, to compare (larger first, in order): its level (high 2, medium 1, else 0),
 * its urgency (past its deadline 1, not yet started 1), whether its wording is concrete (CONCRETE_PAIRS).
 */
export function tellingKey(def: Definition, text: string, facts?: ProblemFacts | null): number[] {
  const role = roleOf(def, 'riskLevel', facts?.level);
  const level = role === 'high' ? 2 : role === 'medium' ? 1 : 0;
  const urgency = (facts?.overdue ? 1 : 0) + (roleOf(def, 'riskStatus', facts?.status) === 'open' ? 1 : 0);
  return [level, urgency, ownPairs(def, text) >= CONCRETE_PAIRS ? 1 : 0];
}

/** Orders two tellingKeys: negative when `a` is the more telling (sort ascending puts it first). */
export function compareTelling(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (b[i] ?? 0) - (a[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/** Whether a problem is telling for its facts alone: a high or medium level, or overdue or not started. */
export function tellingByFacts(key: readonly number[]): boolean {
  return key[0] > 0 || key[1] > 0;
}
