// Matching a submission's unit to the roster: by code, then by name, then by alias.
export interface RosterUnit {
  code: string;
  name: string;
  aliases: string[];
  group: string | null;
  /** 联系人, 联系电话 and 报送截止日期 (YYYY-MM-DD), when the roster has them. */
  contact?: string | null;
  phone?: string | null;
  deadline?: string | null;
}

/** Normalises a unit name or code for comparison: width (NFKC), spaces, case. */
export function normalizeKey(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .toLowerCase();
}

export type MatchedBy = 'code' | 'name' | 'alias';

export class RosterMatcher {
  readonly units: RosterUnit[] = [];
  private byCode = new Map<string, number>();
  private byName = new Map<string, number>();
  private byAlias = new Map<string, number>();

  constructor(units: readonly RosterUnit[] = []) {
    for (const u of units) this.add(u);
  }

  /** Adds a unit and returns its index. The first unit to claim a code/name/alias keeps it. */
  add(u: RosterUnit): number {
    const i = this.units.length;
    this.units.push(u);
    const code = normalizeKey(u.code ?? '');
    if (code && !this.byCode.has(code)) this.byCode.set(code, i);
    const name = normalizeKey(u.name ?? '');
    if (name && !this.byName.has(name)) this.byName.set(name, i);
    for (const a of u.aliases) {
      const k = normalizeKey(a);
      if (k && !this.byAlias.has(k)) this.byAlias.set(k, i);
    }
    return i;
  }

  match(unit: { code: string | null; name: string | null }): { index: number; by: MatchedBy } | null {
    const code = unit.code ? normalizeKey(unit.code) : '';
    if (code && this.byCode.has(code)) return { index: this.byCode.get(code)!, by: 'code' };
    const name = unit.name ? normalizeKey(unit.name) : '';
    if (name && this.byName.has(name)) return { index: this.byName.get(name)!, by: 'name' };
    if (name && this.byAlias.has(name)) return { index: this.byAlias.get(name)!, by: 'alias' };
    return null;
  }
}

/**
 * The unit a file belongs to by its name alone (a document or an unreadable file sent instead of a
 * workbook): the roster name or alias the path contains, the longest one when several do ("市交通运输局"
 * over "交通局"); null when none does, or when two units tie.
 */
export function matchFileName(matcher: RosterMatcher, rel: string): { index: number; by: 'fileName' } | null {
  const ext = /\.[^./]*$/.exec(rel)?.[0] ?? '';
  const hay = normalizeKey(rel.slice(0, rel.length - ext.length));
  let best: { index: number; len: number } | null = null;
  let tie = false;
  matcher.units.forEach((u, index) => {
    for (const n of [u.name, ...u.aliases]) {
      const k = normalizeKey(n ?? '');
      if (k.length < 2 || !hay.includes(k)) continue;
      if (!best || k.length > best.len) {
        best = { index, len: k.length };
        tie = false;
      } else if (k.length === best.len && best.index !== index) tie = true;
    }
  });
  if (!best || tie) return null;
  return { index: (best as { index: number }).index, by: 'fileName' };
}
