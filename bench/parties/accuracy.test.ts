import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateClusters, type Evaluation } from './evaluate.js';
import { generateParties } from './generate.js';
import { exactNameBaseline, resolveGenerated } from './resolve-generated.js';

// The acceptance check of issue 4, small enough for every CI run: the full-size figures are
// in docs/performance.md (bench/parties/run.ts).
describe('entity resolution on 5,000 generated companies and drivers', () => {
  const records = generateParties({ rows: 5_000, seed: 20260814 });
  let resolved: Evaluation;
  beforeAll(async () => {
    resolved = evaluateClusters(records, (await resolveGenerated(records)).clusterOf);
  });

  it('reaches pairwise F1 of 0.98, far above the exact-name baseline', () => {
    expect(resolved.f1).toBeGreaterThanOrEqual(0.98);
    expect(resolved.bcubedF1).toBeGreaterThanOrEqual(0.98);
    expect(evaluateClusters(records, exactNameBaseline(records)).f1).toBeLessThan(0.8);
  });

  it('misses no pair that differs only by punctuation, diacritics, legal form or alphabet', () => {
    for (const corruption of ['punctuation', 'diacritics', 'legal-form', 'alphabet'] as const) {
      expect(resolved.byClass[corruption].solePairs, corruption).toBeGreaterThan(50);
      expect(resolved.byClass[corruption].soleMisses, corruption).toBe(0);
    }
    expect(resolved.uncorruptedMisses).toBe(0);
  });

  it('generates the same file from the same seed', () => {
    expect(generateParties({ rows: 200, seed: 7 })).toEqual(generateParties({ rows: 200, seed: 7 }));
  });
});
