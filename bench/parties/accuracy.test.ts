import { beforeAll, describe, expect, it } from 'vitest';
import { comparePrepared, prepareParty } from '../../src/domain/parties/comparison.js';
import { DEFAULT_MATCH_WEIGHTS } from '../../src/domain/parties/match-weights.js';
import { scoreComparison } from '../../src/domain/parties/scoring.js';
import { toPartyRecord } from '../../src/modules/parties/batch/resolve-file.js';
import { evaluateClusters, type Evaluation } from './evaluate.js';
import { generateParties, type CorruptionClass, type GeneratedParty } from './generate.js';
import { exactNameBaseline, resolveGenerated } from './resolve-generated.js';

// The acceptance check of issue 4, small enough for every CI run: the full-size figures are
// in docs/performance.md (bench/parties/run.ts).
describe('entity resolution on 5,000 generated companies and drivers', () => {
  const records = generateParties({ rows: 5_000, seed: 20260814 });
  let resolved: Evaluation;
  beforeAll(async () => {
    resolved = evaluateClusters(records, (await resolveGenerated(records)).clusterOf);
  });

  // Each record that differs from its entity's register record by one class alone, with that
  // register record: the comparison itself, whatever blocking finds.
  const againstRegister = (corruption: CorruptionClass): [GeneratedParty, GeneratedParty][] => {
    const register = new Map<number, GeneratedParty>();
    for (const r of records) if (r.classes.length === 0 && !register.has(r.entity)) register.set(r.entity, r);
    return records.flatMap((r): [GeneratedParty, GeneratedParty][] => {
      const original = register.get(r.entity);
      return original !== undefined && r.classes.length === 1 && r.classes[0] === corruption ? [[original, r]] : [];
    });
  };
  const compare = (a: GeneratedParty, b: GeneratedParty) =>
    comparePrepared(prepareParty(toPartyRecord(a)), prepareParty(toPartyRecord(b)));

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

  it('calls a name exact when it differs only by punctuation, case, diacritics, legal form, alphabet or word order', () => {
    for (const corruption of ['punctuation', 'case', 'diacritics', 'legal-form', 'alphabet', 'word-order'] as const) {
      const pairs = againstRegister(corruption);
      expect(pairs.length, corruption).toBeGreaterThan(50);
      const notExact = pairs.filter(([a, b]) => {
        const { vector } = compare(a, b);
        return (a.kind === 'person' ? vector.personName : vector.organisationName) !== 'exact';
      });
      expect(notExact.map(([a, b]) => `${a.name} / ${b.name}`), corruption).toEqual([]);
    }
  });

  it('matches a driver’s name with one keyboard slip when the date of birth is the same', () => {
    const pairs = againstRegister('typo').filter(([a]) => a.kind === 'person' && a.dateOfBirth !== '');
    expect(pairs.length).toBeGreaterThan(100);
    const matched = pairs.filter(([a, b]) => scoreComparison(compare(a, b)).totalWeight >= DEFAULT_MATCH_WEIGHTS.thresholds.match);
    expect(matched.length / pairs.length).toBeGreaterThanOrEqual(0.98);
  });

  it('generates the same file from the same seed', () => {
    expect(generateParties({ rows: 200, seed: 7 })).toEqual(generateParties({ rows: 200, seed: 7 }));
  });
});
