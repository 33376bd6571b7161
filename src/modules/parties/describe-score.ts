import type { PairScore } from '../../domain/parties/scoring.js';

/* A match score in words a caseworker can act on: how strong, and which fields agree or differ. */

const FIELD_NAMES: Record<string, string> = {
  organisationName: 'Name',
  personName: 'Name',
  kind: 'Person or organisation',
  identifier: 'Identifiers',
  dateOfBirth: 'Date of birth',
  country: 'Country',
  address: 'Address',
};

/** What a field's level found, in words ("the same", "nearly the same", "different"). */
const LEVEL_WORDS: Record<string, string> = {
  exact: 'the same',
  agree: 'the same',
  high: 'nearly the same',
  typo: 'the same but for a typing slip',
  medium: 'somewhat alike',
  partial: 'partly the same',
  low: 'different',
  disagree: 'different',
};

/** How much a field's contribution counts, in words, from the weight's size (bits). */
function strength(weight: number): string {
  const size = Math.abs(weight);
  return size >= 8 ? 'strongly' : size >= 3 ? 'clearly' : 'slightly';
}

/** The phrase for a field that agrees, as in "same date of birth and name". */
const AGREEING: Record<string, string> = {
  organisationName: 'name',
  personName: 'name',
  identifier: 'identifier',
  dateOfBirth: 'date of birth',
  country: 'country',
  address: 'address',
};

function list(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * A score as a caseworker reads it: a summary ("Strong match: same date of birth and name"), and a
 * row per field saying what was compared and whether it speaks for or against a match, and how much.
 */
export function describeScore(score: PairScore) {
  const counted = score.fields.filter((f) => f.level !== 'missing' && f.weight !== 0 && f.field !== 'kind');
  const same = counted.filter((f) => f.weight > 0 && (f.level === 'exact' || f.level === 'agree'));
  const alike = counted.filter((f) => f.weight > 0 && !(f.level === 'exact' || f.level === 'agree'));
  const against = counted.filter((f) => f.weight < 0);
  const order = (fields: typeof counted) => [...fields].sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight)).map((f) => AGREEING[f.field] ?? f.field);
  const reasons = [
    ...(same.length ? [`same ${list([...new Set(order(same))])}`] : []),
    ...(alike.length ? [`similar ${list([...new Set(order(alike))])}`] : []),
  ];
  const heading = score.classification === 'match' ? 'Strong match' : score.classification === 'possible' ? 'Possible match' : 'Weak match';
  const summary = `${heading}: ${reasons.length ? reasons.join('; ') : 'nothing in common but the kind of party'}${against.length ? `, but different ${list([...new Set(order(against))])}` : ''}`;
  return {
    classification: score.classification === 'match' ? 'Likely the same' : score.classification === 'possible' ? 'Possibly the same' : 'Probably different',
    summary,
    rows: counted.map((f) => ({
      field: FIELD_NAMES[f.field] ?? f.field,
      level: LEVEL_WORDS[f.level] ?? String(f.level).replace(/-/g, ' '),
      effect: `${f.weight > 0 ? 'For' : 'Against'} a match, ${strength(f.weight)}`,
      direction: f.weight > 0 ? 'for' : 'against',
    })),
  };
}
