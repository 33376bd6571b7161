import { describe, expect, it } from 'vitest';
import { estimateWeightsByEM, type EmParameters } from './em.js';
import {
  DEFAULT_MATCH_WEIGHTS,
  FIELD_LEVELS,
  MATCH_FIELDS,
  type ComparisonVector,
  type FieldProbabilities,
  type MatchField,
} from './match-weights.js';

// A seeded generator (mulberry32), so the synthetic data are the same on every run.
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TRUE_PARAMETERS: EmParameters = {
  matchProportion: 0.2,
  fields: {
    ...DEFAULT_MATCH_WEIGHTS.fields,
    organisationName: {
      exact: { m: 0.6, u: 0.01 },
      high: { m: 0.2, u: 0.04 },
      typo: { m: 0.05, u: 0.02 },
      medium: { m: 0.1, u: 0.13 },
      low: { m: 0.05, u: 0.8 },
    },
    country: { agree: { m: 0.9, u: 0.3 }, disagree: { m: 0.1, u: 0.7 } },
    address: {
      agree: { m: 0.5, u: 0.05 },
      partial: { m: 0.3, u: 0.15 },
      disagree: { m: 0.2, u: 0.8 },
    },
    identifier: { agree: { m: 0.7, u: 0.02 }, disagree: { m: 0.3, u: 0.98 } },
  },
};
const OBSERVED: readonly MatchField[] = ['organisationName', 'country', 'address', 'identifier'];

function pick(levels: readonly string[], probability: (level: string) => number, r: number): string {
  let cumulative = 0;
  for (const level of levels) {
    cumulative += probability(level);
    if (r < cumulative) return level;
  }
  return levels[levels.length - 1] ?? 'missing';
}

function syntheticVectors(count: number, parameters: EmParameters, seed: number): ComparisonVector[] {
  const next = random(seed);
  const table = parameters.fields as unknown as Record<string, Record<string, { m: number; u: number }>>;
  return Array.from({ length: count }, () => {
    const isMatch = next() < parameters.matchProportion;
    const vector: Record<string, string> = {};
    for (const field of MATCH_FIELDS) {
      const observed = OBSERVED.includes(field) && next() > 0.1; // a tenth of fields missing
      vector[field] = observed
        ? pick(FIELD_LEVELS[field], (level) => table[field]?.[level]?.[isMatch ? 'm' : 'u'] ?? 0, next())
        : 'missing';
    }
    return vector as unknown as ComparisonVector;
  });
}

const probabilitiesOf = (fields: FieldProbabilities, field: MatchField) =>
  fields[field] as unknown as Record<string, { m: number; u: number }>;

describe('estimating weights by EM', () => {
  const vectors = syntheticVectors(20_000, TRUE_PARAMETERS, 7);
  const estimate = estimateWeightsByEM(vectors, { matchProportion: 0.1, fields: DEFAULT_MATCH_WEIGHTS.fields });

  it('converges', () => {
    expect(estimate.converged).toBe(true);
    expect(estimate.iterations).toBeGreaterThan(1);
  });

  it('recovers the share of matches', () => {
    expect(estimate.matchProportion).toBeCloseTo(TRUE_PARAMETERS.matchProportion, 1);
  });

  it('recovers m and u of every observed field to within 0.03', () => {
    for (const field of OBSERVED) {
      const truth = probabilitiesOf(TRUE_PARAMETERS.fields, field);
      const found = probabilitiesOf(estimate.fields, field);
      for (const level of FIELD_LEVELS[field]) {
        expect(Math.abs((found[level]?.m ?? 0) - (truth[level]?.m ?? 0))).toBeLessThan(0.03);
        expect(Math.abs((found[level]?.u ?? 0) - (truth[level]?.u ?? 0))).toBeLessThan(0.03);
      }
    }
  });

  it('keeps each field’s m and u summing to 1', () => {
    for (const field of MATCH_FIELDS) {
      const levels = Object.values(probabilitiesOf(estimate.fields, field));
      expect(levels.reduce((sum, p) => sum + p.m, 0)).toBeCloseTo(1, 9);
      expect(levels.reduce((sum, p) => sum + p.u, 0)).toBeCloseTo(1, 9);
    }
  });

  it('leaves a field that is never observed as it started', () => {
    expect(estimate.fields.dateOfBirth).toEqual(DEFAULT_MATCH_WEIGHTS.fields.dateOfBirth);
  });

  it('returns the starting point for no data', () => {
    const initial = { matchProportion: 0.1, fields: DEFAULT_MATCH_WEIGHTS.fields };
    expect(estimateWeightsByEM([], initial)).toEqual({ ...initial, iterations: 0, converged: true });
  });

  it('stops at the iteration limit and says it did not converge', () => {
    const initial = { matchProportion: 0.1, fields: DEFAULT_MATCH_WEIGHTS.fields };
    const limited = estimateWeightsByEM(vectors.slice(0, 500), initial, { maxIterations: 2 });
    expect(limited).toMatchObject({ iterations: 2, converged: false });
  });
});
