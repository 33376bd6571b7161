import type { PairScore } from '../../domain/parties/scoring.js';

const FIELD_NAMES: Record<string, string> = {
  organisationName: 'Name',
  personName: 'Name',
  kind: 'Person or organisation',
  identifier: 'Identifiers',
  dateOfBirth: 'Date of birth',
  country: 'Country',
  address: 'Address',
};

/** A score as rows a caseworker can read: what each field contributed, for or against. */
export function describeScore(score: PairScore) {
  return {
    classification: score.classification === 'match' ? 'Likely the same' : score.classification === 'possible' ? 'Possibly the same' : 'Probably different',
    total: score.totalWeight.toFixed(1),
    rows: score.fields
      .filter((f) => f.level !== 'missing' && f.weight !== 0)
      .map((f) => ({
        field: FIELD_NAMES[f.field] ?? f.field,
        level: String(f.level).replace(/-/g, ' '),
        weight: `${f.weight > 0 ? '+' : ''}${f.weight.toFixed(1)}`,
        direction: f.weight > 0 ? 'for' : 'against',
      })),
  };
}
