import { comparePrepared, prepareParty, type Comparison, type PartyRecord } from './comparison.js';
import {
  DEFAULT_MATCH_WEIGHTS,
  MATCH_FIELDS,
  levelProbabilities,
  levelWeight,
  type MatchClassification,
  type MatchField,
  type MatchWeights,
} from './match-weights.js';

/** One field's part in a pair's score, for the caseworker to see. */
export interface FieldScore {
  readonly field: MatchField;
  /** The level found, or 'missing' when either record lacks the field. */
  readonly level: string;
  /** log2(m/u) for the level; 0 when missing. */
  readonly weight: number;
  readonly m: number | null;
  readonly u: number | null;
  /** The trigram similarity behind a name or address level, when one was computed. */
  readonly similarity: number | null;
}

export interface PairScore {
  readonly classification: MatchClassification;
  /** Sum of the field weights, in bits. */
  readonly totalWeight: number;
  /** Every field, in a fixed order, missing ones included. */
  readonly fields: readonly FieldScore[];
}

/** Scores a comparison already made, as Fellegi and Sunter describe. */
export function scoreComparison(
  comparison: Comparison,
  weights: MatchWeights = DEFAULT_MATCH_WEIGHTS,
): PairScore {
  const fields = MATCH_FIELDS.map((field): FieldScore => {
    const level = comparison.vector[field];
    const probabilities = levelProbabilities(weights.fields, field, level);
    return {
      field,
      level,
      weight: probabilities === null ? 0 : levelWeight(probabilities),
      m: probabilities?.m ?? null,
      u: probabilities?.u ?? null,
      similarity: comparison.similarities[field] ?? null,
    };
  });
  const totalWeight = fields.reduce((sum, f) => sum + f.weight, 0);
  return { classification: classify(totalWeight, weights), totalWeight, fields };
}

export function classify(
  totalWeight: number,
  weights: MatchWeights = DEFAULT_MATCH_WEIGHTS,
): MatchClassification {
  if (totalWeight >= weights.thresholds.match) return 'match';
  if (totalWeight >= weights.thresholds.possible) return 'possible';
  return 'no-match';
}

/** Compares two party records field by field and scores the pair. */
export function scorePair(
  a: PartyRecord,
  b: PartyRecord,
  weights: MatchWeights = DEFAULT_MATCH_WEIGHTS,
): PairScore {
  return scoreComparison(comparePrepared(prepareParty(a), prepareParty(b)), weights);
}
