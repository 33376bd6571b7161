import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PartyRecord } from './comparison.js';
import type { IdentifierKind } from './identifiers.js';
import {
  DEFAULT_MATCH_WEIGHTS,
  FIELD_LEVELS,
  MATCH_FIELDS,
  levelWeight,
  type MatchField,
  type MatchWeights,
} from './match-weights.js';
import { scorePair, type PairScore } from './scoring.js';

const organisation = (overrides: Partial<PartyRecord> = {}): PartyRecord => ({
  kind: 'organisation',
  name: 'Baltic Cargo UAB',
  country: 'LT',
  ...overrides,
});

const person = (overrides: Partial<PartyRecord> = {}): PartyRecord => ({
  kind: 'person',
  name: 'Ivan Petrov',
  country: 'BG',
  dateOfBirth: '1980-03-07',
  ...overrides,
});

const field = (score: PairScore, name: MatchField) => {
  const found = score.fields.find((f) => f.field === name);
  if (found === undefined) throw new Error(`no ${name} in score`);
  return found;
};
const level = (score: PairScore, name: MatchField): string => field(score, name).level;

describe('default weights', () => {
  it('have m and u summing to 1 over each field’s levels', () => {
    for (const name of MATCH_FIELDS) {
      const levels = Object.values(DEFAULT_MATCH_WEIGHTS.fields[name]);
      expect(levels.reduce((sum, p) => sum + p.m, 0)).toBeCloseTo(1, 9);
      expect(levels.reduce((sum, p) => sum + p.u, 0)).toBeCloseTo(1, 9);
    }
  });
  it('reward the first level of every field and penalise the last', () => {
    for (const name of MATCH_FIELDS) {
      const levels = FIELD_LEVELS[name] as readonly string[];
      const probabilities = DEFAULT_MATCH_WEIGHTS.fields[name] as Record<string, { m: number; u: number }>;
      const first = probabilities[levels[0] ?? ''];
      const last = probabilities[levels[levels.length - 1] ?? ''];
      expect(first && levelWeight(first)).toBeGreaterThan(0);
      expect(last && levelWeight(last)).toBeLessThan(0);
    }
  });
});

describe('scoring organisations', () => {
  it('matches one company written in two alphabets', () => {
    const score = scorePair(
      organisation({ name: 'ТРАНС ЕООД', country: 'BG' }),
      organisation({ name: 'Trans EOOD', country: 'BG' }),
    );
    expect(level(score, 'organisationName')).toBe('exact');
    expect(level(score, 'country')).toBe('agree');
    expect(score.classification).toBe('match');
  });
  it('matches "A.B.C. Sp. z o.o." with "ABC SP ZOO" in the same country', () => {
    const score = scorePair(
      organisation({ name: 'A.B.C. Sp. z o.o.', country: 'PL' }),
      organisation({ name: 'ABC SP ZOO', country: 'PL' }),
    );
    expect(score.classification).toBe('match');
  });
  it('still matches when the company has moved', () => {
    const score = scorePair(
      organisation({ address: 'Gedimino pr. 1, Vilnius', postcode: 'LT-01103' }),
      organisation({ address: 'Savanorių pr. 200, Kaunas', postcode: 'LT-50194' }),
    );
    expect(level(score, 'address')).toBe('disagree');
    expect(score.classification).toBe('match');
  });
  it('calls a slightly misspelt name in the same country a possible match', () => {
    const score = scorePair(
      organisation({ name: 'Baltic Cargo Logistics UAB' }),
      organisation({ name: 'Baltik Cargo Logistics UAB' }),
    );
    expect(level(score, 'organisationName')).toBe('high');
    expect(score.classification).toBe('possible');
  });
  it('calls a renamed company with the same VAT number a possible match', () => {
    const vat = [{ kind: 'vat' as const, value: 'LT 100001234567' }];
    const score = scorePair(
      organisation({ identifiers: vat }),
      organisation({ name: 'Nordic Freight UAB', identifiers: vat }),
    );
    expect(level(score, 'identifier')).toBe('agree');
    expect(level(score, 'organisationName')).toBe('low');
    expect(score.classification).toBe('possible');
  });
  it('does not call one name with two VAT numbers a match', () => {
    const score = scorePair(
      organisation({ identifiers: [{ kind: 'vat', value: 'LT100001234567' }] }),
      organisation({ identifiers: [{ kind: 'vat', value: 'LT100009999999' }] }),
    );
    expect(level(score, 'identifier')).toBe('disagree');
    expect(score.classification).toBe('possible');
  });
  it('matches a name with one slip in one word when the postcode agrees too', () => {
    const at = { country: 'GB', postcode: 'QC13 2PQ' };
    const score = scorePair(organisation({ name: 'Euroatlas Ltd', ...at }), organisation({ name: 'Euroaltas Ltd', ...at }));
    expect(field(score, 'organisationName')).toMatchObject({ level: 'typo', similarity: expect.closeTo(0.43, 2) });
    expect(level(score, 'address')).toBe('partial');
    expect(score.classification).toBe('match');
  });
  it('calls a name with one slip and only the country in common a possible match', () => {
    const score = scorePair(organisation({ name: 'Euroatlas Ltd', country: 'GB' }), organisation({ name: 'Euroaltas Ltd', country: 'GB' }));
    expect(level(score, 'organisationName')).toBe('typo');
    expect(score.classification).toBe('possible');
  });
  it('matches the same words in another order when initials there spell a legal form', () => {
    // At the end "D.D." is Croatian d.d. and is stripped; at the front it is not.
    const score = scorePair(organisation({ name: 'D.D. Impex S.R.L.', country: 'RO' }), organisation({ name: 'Impex D.D. S.R.L.', country: 'RO' }));
    expect(level(score, 'organisationName')).toBe('exact');
    expect(score.classification).toBe('match');
    const ukrainian = scorePair(organisation({ name: 'ТОВ «Г.Б. Логістика»', country: 'UA' }), organisation({ name: 'ТОВ «Логістика Г.Б.»', country: 'UA' }));
    expect(level(ukrainian, 'organisationName')).toBe('exact');
  });
  it('keeps different companies apart', () => {
    const score = scorePair(organisation(), organisation({ name: 'Vilniaus Autobusai UAB' }));
    expect(score.classification).toBe('no-match');
  });
});

describe('scoring people', () => {
  it('matches the same name and date of birth', () => {
    const score = scorePair(person(), person({ name: 'PETROV Ivan' }));
    expect(level(score, 'personName')).toBe('exact');
    expect(level(score, 'dateOfBirth')).toBe('exact');
    expect(score.classification).toBe('match');
  });
  it('matches a misspelt name with the same date of birth', () => {
    const score = scorePair(person({ name: 'Dmitrii Shchukin' }), person({ name: 'Dmitry Shchukin' }));
    expect(level(score, 'personName')).toBe('medium');
    expect(score.classification).toBe('match');
  });
  it('matches a name with one slip in one word and the same date of birth', () => {
    const turner = { name: 'Mark Turner', country: 'GB', dateOfBirth: '1971-05-14' };
    const score = scorePair(person(turner), person({ ...turner, name: 'Mrak Turner' }));
    expect(field(score, 'personName')).toMatchObject({ level: 'typo', similarity: 0.5 });
    expect(score.totalWeight).toBeGreaterThanOrEqual(DEFAULT_MATCH_WEIGHTS.thresholds.match);
    expect(score.classification).toBe('match');
    // A letter missed, doubled or wrong, in either name and with the words in any order.
    for (const name of ['Mark Turer', 'Mark Tunrer', 'Markk Turner', 'Turner Mrak', 'Mark Tyrner']) {
      expect(scorePair(person(turner), person({ ...turner, name })).classification, name).toBe('match');
    }
  });
  it('does not match two different names with the same date of birth', () => {
    const born = { country: 'GB', dateOfBirth: '1971-05-14' };
    const score = scorePair(person({ name: 'Mark Turner', ...born }), person({ name: 'John Smith', ...born }));
    expect(level(score, 'personName')).toBe('low');
    expect(score.classification).not.toBe('match');
    // Two slips, or one in each word, are not one typo.
    expect(level(scorePair(person({ name: 'Ivan Petrov', ...born }), person({ name: 'Ivan Popov', ...born })), 'personName')).not.toBe('typo');
    expect(scorePair(person({ name: 'Ivan Petrov', ...born }), person({ name: 'Ivan Popov', ...born })).classification).not.toBe('match');
    expect(level(scorePair(person({ name: 'Mark Turner', ...born }), person({ name: 'Mrak Tunrer', ...born })), 'personName')).not.toBe('typo');
    // Nor is a slip in a word of three letters: Ion and Ian are two names.
    expect(level(scorePair(person({ name: 'Ion Pop', ...born }), person({ name: 'Ian Pop', ...born })), 'personName')).not.toBe('typo');
  });
  it('matches McDonald, Mc Donald and MCDONALD exactly', () => {
    for (const name of ['Mc Donald', 'MCDONALD', 'mcdonald']) {
      expect(level(scorePair(person({ name: 'Ewan McDonald' }), person({ name: `Ewan ${name}` })), 'personName'), name).toBe('exact');
    }
  });
  it('matches a Cyrillic name with its transliteration', () => {
    expect(scorePair(person(), person({ name: 'Иван Петров' })).classification).toBe('match');
  });
  it('calls the same name in the same country, without a date of birth, only possible', () => {
    const score = scorePair(person({ dateOfBirth: null }), person());
    expect(level(score, 'dateOfBirth')).toBe('missing');
    expect(score.classification).toBe('possible');
  });
  it('keeps apart two people of one name born on different days', () => {
    const score = scorePair(person(), person({ dateOfBirth: '1975-11-23' }));
    expect(level(score, 'dateOfBirth')).toBe('disagree');
    expect(score.classification).toBe('no-match');
  });
  it('counts a date with one part different, or day and month swapped, as partial', () => {
    expect(level(scorePair(person(), person({ dateOfBirth: '1980-03-08' })), 'dateOfBirth')).toBe('partial');
    expect(level(scorePair(person(), person({ dateOfBirth: '1980-07-03' })), 'dateOfBirth')).toBe('partial');
    expect(level(scorePair(person(), person({ dateOfBirth: '1981-04-07' })), 'dateOfBirth')).toBe('disagree');
  });
  it('counts a part as mistyped only when one digit is wrong or two neighbours are swapped', () => {
    const dateLevel = (dateOfBirth: string) => level(scorePair(person(), person({ dateOfBirth })), 'dateOfBirth');
    expect(dateLevel('1989-03-07')).toBe('partial'); // 1980 → 1989
    expect(dateLevel('1908-03-07')).toBe('partial'); // 80 → 08 swapped
    expect(dateLevel('1980-08-07')).toBe('partial'); // 03 → 08
    expect(dateLevel('1980-03-17')).toBe('partial'); // 07 → 17
    // A namesake born on the same day of another year is not a typo of this one.
    expect(dateLevel('1957-03-07')).toBe('disagree');
    expect(dateLevel('1980-11-07')).toBe('disagree');
    expect(dateLevel('1980-03-26')).toBe('disagree');
  });
  it('treats a malformed date of birth as missing', () => {
    expect(level(scorePair(person({ dateOfBirth: '07/03/1980' }), person()), 'dateOfBirth')).toBe('missing');
  });
  it('matches on a passport number, whatever its separators', () => {
    const score = scorePair(
      person({ name: 'I. Petrov', identifiers: [{ kind: 'passport', value: '38 123 4567' }] }),
      person({ dateOfBirth: null, country: null, identifiers: [{ kind: 'passport', value: '381234567' }] }),
    );
    expect(level(score, 'identifier')).toBe('agree');
    expect(score.classification).toBe('match');
  });
  it('does not read a person’s name for a legal form', () => {
    const score = scorePair(person({ name: 'Jan AS' }), person({ name: 'Jan' }));
    expect(level(score, 'personName')).not.toBe('exact');
  });
});

describe('field by field', () => {
  it('shows every field, with weight log2(m/u) and 0 for missing ones, summing to the total', () => {
    const score = scorePair(organisation(), organisation({ country: null }));
    expect(score.fields.map((f) => f.field)).toEqual(MATCH_FIELDS);
    for (const f of score.fields) {
      if (f.level === 'missing') expect(f).toMatchObject({ weight: 0, m: null, u: null });
      else expect(f.weight).toBeCloseTo(Math.log2((f.m ?? 0) / (f.u ?? 1)), 12);
    }
    expect(score.totalWeight).toBeCloseTo(score.fields.reduce((sum, f) => sum + f.weight, 0), 12);
    expect(level(score, 'country')).toBe('missing');
  });
  it('weighs organisations’ names as organisation names and anything with a person as people’s', () => {
    const orgs = scorePair(organisation(), organisation());
    expect([level(orgs, 'organisationName'), level(orgs, 'personName')]).toEqual(['exact', 'missing']);
    const mixed = scorePair(organisation({ name: 'ЕТ Иван Петров', country: 'BG' }), person());
    expect([level(mixed, 'organisationName'), level(mixed, 'personName'), level(mixed, 'kind')]).toEqual([
      'missing', 'exact', 'disagree',
    ]);
  });
  it('shows the trigram similarity behind a name level', () => {
    const score = scorePair(organisation({ name: 'Baltic Cargo' }), organisation({ name: 'Baltik Kargo' }));
    expect(field(score, 'organisationName')).toMatchObject({ level: 'low', similarity: expect.closeTo(0.444444, 5) });
  });
  it('grades addresses by postcode and street together', () => {
    const at = (address: string | null, postcode: string | null) => organisation({ address, postcode });
    const addressLevel = (a: PartyRecord, b: PartyRecord) => level(scorePair(a, b), 'address');
    expect(addressLevel(at('ul. Długa 5, Gdańsk', '80-827'), at('ulica Dluga 5 Gdansk', '80827'))).toBe('agree');
    expect(addressLevel(at('ul. Długa 5, Gdańsk', '80-827'), at('Targ Rybny 3', '80-827'))).toBe('partial');
    expect(addressLevel(at(null, '80-827'), at(null, '80827'))).toBe('partial');
    expect(addressLevel(at('ul. Długa 5, Gdańsk', '80-827'), at('Piotrkowska 100, Łódź', '90-001'))).toBe('disagree');
    expect(addressLevel(at(null, null), at('Piotrkowska 100', '90-001'))).toBe('missing');
  });
  it('lets an identifier of unknown kind agree with any kind but disagree only with its own', () => {
    const vat = organisation({ identifiers: [{ kind: 'vat', value: 'LT100001234567' }] });
    const against = (kind: IdentifierKind, value: string): string =>
      level(scorePair(vat, organisation({ identifiers: [{ kind, value }] })), 'identifier');
    expect(against('other', 'LT100001234567')).toBe('agree');
    expect(against('other', '123')).toBe('missing');
    expect(against('company-number', '123')).toBe('missing');
    expect(against('vat', 'LT100009999999')).toBe('disagree');
  });
  it('uses the weights and thresholds it is given', () => {
    const strict: MatchWeights = { ...DEFAULT_MATCH_WEIGHTS, thresholds: { match: 100, possible: 50 } };
    expect(scorePair(organisation(), organisation(), strict).classification).toBe('no-match');
    const noCountry: MatchWeights = {
      ...DEFAULT_MATCH_WEIGHTS,
      fields: {
        ...DEFAULT_MATCH_WEIGHTS.fields,
        country: { agree: { m: 0.5, u: 0.5 }, disagree: { m: 0.5, u: 0.5 } },
      },
    };
    expect(field(scorePair(organisation(), organisation(), noCountry), 'country').weight).toBe(0);
  });
  it('scores a pair the same whichever way round it is given', () => {
    const record = fc.record({
      kind: fc.constantFrom('person' as const, 'organisation' as const),
      name: fc.constantFrom('Ivan Petrov', 'Иван Петров', 'Petrov I.', 'Baltic Cargo UAB', 'Trans EOOD', ''),
      country: fc.constantFrom('BG', 'LT', null),
      dateOfBirth: fc.constantFrom('1980-03-07', '1980-07-03', '1990-01-01', null),
      postcode: fc.constantFrom('1000', 'BG-1000', null),
      address: fc.constantFrom('ул. Витоша 1', 'ul Vitosha 1', null),
      identifiers: fc.constantFrom(
        [],
        [{ kind: 'passport' as const, value: 'AB 123' }],
        [{ kind: 'other' as const, value: 'AB123' }],
      ),
    });
    fc.assert(
      fc.property(record, record, (a, b) => {
        const ab = scorePair(a, b);
        const ba = scorePair(b, a);
        expect(ab.fields.map((f) => f.level)).toEqual(ba.fields.map((f) => f.level));
        expect(ab.totalWeight).toBeCloseTo(ba.totalWeight, 12);
      }),
    );
  });
});

describe('Cyrillic names and the party’s country', () => {
  it('reads a Ukrainian name with no Ukrainian-only letter as Ukrainian when the country is UA', () => {
    const score = scorePair(
      person({ name: 'Тарас Мельник', country: 'UA', dateOfBirth: '1964-10-18' }),
      person({ name: 'Taras Melnyk', country: 'UA', dateOfBirth: '1964-10-18' }),
    );
    expect(level(score, 'personName')).toBe('exact');
    expect(score.classification).toBe('match');
  });
  it('still finds one Cyrillic spelling the same on a record that gives no country', () => {
    const score = scorePair(
      organisation({ name: 'Максим Коваль Експрес ТОВ', country: 'UA' }),
      organisation({ name: 'МАКСИМ КОВАЛЬ ЕКСПРЕС ТОВ', country: null }),
    );
    expect(level(score, 'organisationName')).toBe('exact');
  });
  it('lets the name’s own letters outrank the country', () => {
    // ы is Russian whatever the record says; the Bulgarian reading is kept for Bulgaria.
    const russian = scorePair(person({ name: 'Дмитрий Быков', country: 'UA' }), person({ name: 'Dmitrii Bykov', country: 'UA' }));
    expect(level(russian, 'personName')).toBe('exact');
    const bulgarian = scorePair(person({ name: 'Щерев', country: 'BG' }), person({ name: 'Sherev', country: 'BG' }));
    expect(level(bulgarian, 'personName')).not.toBe('exact');
  });
});
