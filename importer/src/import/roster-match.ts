// Matching a submission's unit to the roster: by code, then by name, then by alias.
export interface RosterUnit {
  code: string;
  name: string;
  aliases: string[];
  group: string | null;
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
