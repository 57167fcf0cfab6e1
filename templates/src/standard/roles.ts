// Meanings of vocabulary values, asked by role (never by position): which 风险等级 is high, which 整改状态
// is done, which 部分 of 工作情况 is the opening … The roles each vocabulary carries are declared in its
// definition file and checked by the schema (definition.ts VOCAB_ROLES).
import type { Definition, RoleOf, VocabKey } from './definition';

/** The values of vocabulary `vocab` that carry `role` (in list order; empty when none). */
export function valuesWithRole<K extends VocabKey>(def: Definition, vocab: K, role: RoleOf<K>): string[] {
  return def.vocab[vocab]?.byRole[role] ?? [];
}

/** The first value carrying `role` (e.g. the 风险等级 written for "high"), or null. */
export function roleValue<K extends VocabKey>(def: Definition, vocab: K, role: RoleOf<K>): string | null {
  return valuesWithRole(def, vocab, role)[0] ?? null;
}

/** Whether `value` of vocabulary `vocab` carries `role`. */
export function hasRole<K extends VocabKey>(
  def: Definition,
  vocab: K,
  value: string | null | undefined,
  role: RoleOf<K>,
): boolean {
  return value != null && valuesWithRole(def, vocab, role).includes(value);
}

/** The role of `value` in vocabulary `vocab`, or null. */
export function roleOf<K extends VocabKey>(
  def: Definition,
  vocab: K,
  value: string | null | undefined,
): RoleOf<K> | null {
  if (value == null) return null;
  return (def.vocab[vocab]?.items.find((i) => i.value === value)?.role as RoleOf<K> | undefined) ?? null;
}

/** A risk is rectified when its 整改状态 carries the role done. */
export function isDoneStatus(def: Definition, status: string | null | undefined): boolean {
  return hasRole(def, 'riskStatus', status, 'done');
}

/** A risk is overdue on `date` (ISO) when its deadline has passed and it is not rectified. */
export function isOverdueOn(
  def: Definition,
  deadline: string | null | undefined,
  status: string | null | undefined,
  date: string,
): boolean {
  return !!deadline && deadline < date && !isDoneStatus(def, status);
}

/** A risk is high when its 风险等级 carries the role high. */
export function isHighLevel(def: Definition, level: string | null | undefined): boolean {
  return hasRole(def, 'riskLevel', level, 'high');
}

/** The 工作情况 部分 values by role: { opening: '开篇', work: '工作开展情况', … }. */
export function narrativeParts(def: Definition): Record<RoleOf<'narrativePart'>, string> {
  const get = (r: RoleOf<'narrativePart'>) => roleValue(def, 'narrativePart', r) ?? r;
  return {
    opening: get('opening'),
    work: get('work'),
    problems: get('problems'),
    nextSteps: get('nextSteps'),
  };
}
