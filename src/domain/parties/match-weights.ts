// The Fellegi–Sunter model: for each field a pair of records is compared on, the level of
// agreement found, and for each level m = P(level | same party) and u = P(level | different
// parties). A level contributes log2(m/u) to the pair's match weight; a missing field
// contributes nothing. README.md explains the numbers below.

export const FIELD_LEVELS = {
  kind: ['agree', 'disagree'],
  organisationName: ['exact', 'high', 'typo', 'medium', 'low'],
  personName: ['exact', 'high', 'typo', 'medium', 'low'],
  identifier: ['agree', 'disagree'],
  dateOfBirth: ['exact', 'partial', 'disagree'],
  country: ['agree', 'disagree'],
  address: ['agree', 'partial', 'disagree'],
} as const;

export type MatchField = keyof typeof FIELD_LEVELS;
export type FieldLevel<F extends MatchField> = (typeof FIELD_LEVELS)[F][number];
export const MATCH_FIELDS = Object.keys(FIELD_LEVELS) as MatchField[];

/** What one comparison of two records found, field by field. */
export type ComparisonVector = { readonly [F in MatchField]: FieldLevel<F> | 'missing' };

export interface LevelProbabilities {
  /** P(level | the two records are the same party). */
  readonly m: number;
  /** P(level | the two records are different parties). */
  readonly u: number;
}

export type FieldProbabilities = {
  readonly [F in MatchField]: { readonly [L in FieldLevel<F>]: LevelProbabilities };
};

export type MatchClassification = 'match' | 'possible' | 'no-match';

export interface MatchWeights {
  readonly fields: FieldProbabilities;
  /** A total weight at or above `match` is a match; at or above `possible`, a possible match. */
  readonly thresholds: { readonly match: number; readonly possible: number };
}

export const DEFAULT_MATCH_WEIGHTS: MatchWeights = {
  fields: {
    kind: {
      agree: { m: 0.99, u: 0.6 },
      disagree: { m: 0.01, u: 0.4 },
    },
    organisationName: {
      exact: { m: 0.8, u: 0.0001 },
      high: { m: 0.12, u: 0.001 },
      typo: { m: 0.03, u: 0.00025 },
      medium: { m: 0.035, u: 0.01 },
      low: { m: 0.015, u: 0.98865 },
    },
    personName: {
      exact: { m: 0.8, u: 0.001 },
      high: { m: 0.12, u: 0.004 },
      typo: { m: 0.03, u: 0.002 },
      medium: { m: 0.035, u: 0.02 },
      low: { m: 0.015, u: 0.973 },
    },
    identifier: {
      agree: { m: 0.95, u: 0.0001 },
      disagree: { m: 0.05, u: 0.9999 },
    },
    dateOfBirth: {
      exact: { m: 0.95, u: 0.0001 },
      partial: { m: 0.045, u: 0.005 },
      disagree: { m: 0.005, u: 0.9949 },
    },
    country: {
      agree: { m: 0.98, u: 0.15 },
      disagree: { m: 0.02, u: 0.85 },
    },
    address: {
      agree: { m: 0.5, u: 0.001 },
      partial: { m: 0.15, u: 0.01 },
      disagree: { m: 0.35, u: 0.989 },
    },
  },
  thresholds: { match: 14, possible: 6 },
};

/** log2(m/u): what a level adds to the match weight. */
export function levelWeight({ m, u }: LevelProbabilities): number {
  return Math.log2(m / u);
}

/** The m and u of a field's level, or null when the field is missing. */
export function levelProbabilities<F extends MatchField>(
  fields: FieldProbabilities,
  field: F,
  level: FieldLevel<F> | 'missing',
): LevelProbabilities | null {
  if (level === 'missing') return null;
  const levels = fields[field] as Readonly<Record<string, LevelProbabilities>>;
  return levels[level] ?? null;
}
