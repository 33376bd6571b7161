import { describe, expect, it } from 'vitest';
import { scorePair } from '../../domain/parties/scoring.js';
import { describeScore } from './describe-score.js';

describe('a match score in words', () => {
  it('says a strong match and what is the same, with no numbers', () => {
    const described = describeScore(
      scorePair({ kind: 'person', name: 'Piotr Kowalski', dateOfBirth: '1975-06-30', country: 'PL' }, { kind: 'person', name: 'Piotr Kowalski', dateOfBirth: '1975-06-30', country: 'PL' }),
    );
    expect(described.summary).toBe('Strong match: same date of birth, name and country');
    expect(JSON.stringify(described)).not.toMatch(/[+-]?\d+\.\d/);
    expect(described.rows).toContainEqual({ field: 'Date of birth', level: 'the same', effect: 'For a match, strongly', direction: 'for' });
  });

  it('says what speaks against a match', () => {
    const described = describeScore(
      scorePair({ kind: 'person', name: 'Piotr Kowalski', dateOfBirth: '1975-06-30' }, { kind: 'person', name: 'Piotr Kowalski', dateOfBirth: '1990-01-12' }),
    );
    expect(described.summary).toMatch(/^\w+ match: same name, but different date of birth$/);
    expect(described.rows.find((r) => r.field === 'Date of birth')).toMatchObject({ level: 'different', direction: 'against' });
  });
});
