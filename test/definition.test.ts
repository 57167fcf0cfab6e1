import { describe, expect, it } from 'vitest';
import { definition } from '../templates/src/standard/ideology';

describe('the standard definition', () => {
  it('has unique, stable metric ids and only known categories', () => {
    const ids = definition.metrics.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    const cats = new Set(definition.vocab.workCategory.values);
    for (const m of definition.metrics) expect(cats.has(m.category)).toBe(true);
  });

  it('has a message for every rule it names', () => {
    for (const r of definition.metricRules) {
      expect(definition.metrics.some((m) => m.id === r.lhs)).toBe(true);
      expect(definition.metrics.some((m) => m.id === r.rhs)).toBe(true);
    }
    for (const k of definition.reportKinds) {
      for (const p of k.periods) expect(definition.periods.some((d) => d.name === p)).toBe(true);
    }
  });
});
