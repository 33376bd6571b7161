import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { namesShareKey, normaliseName } from './names.js';

// Names built from the pieces that make normalisation hard, mixed with arbitrary Unicode.
const PIECES = [
  'Sp. z o.o.', 'SP ZOO', 'sp.z.o.o.', 'spółka', 'Sp.k.', 'ЕООД', 'ООД', 'ЕТ', 'ТОВ', 'Ltd',
  'GmbH & Co. KG', 'S.A.', 'S.R.L.', 'S.C.', 'A/S', 'AS', 'AB', 'OÜ', 'Α.Ε.', 'A.B.C.', 'a',
  'b', 'c', 'Z', 'o', 'Łódź', 'Müller', 'Straße', 'Ølsen', 'Київ', 'Рыбак', 'Ђорђе', 'Ѓорѓи',
  'Ευάγγελος', 'Μπάμπης', "O'Brien", 'ТРАНС', 'Trans', 'İzmir', 'ß', 'Æ', '12', '0',
  '&', '-', '.', ',', ' ', '  ', '«', '»', '/',
];

const nameLike: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...PIECES) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) },
    ),
    { maxLength: 8 },
  )
  .map((pieces) => pieces.join(' '));

const matchFields = (raw: string) => {
  const { core, legalFormCode, key } = normaliseName(raw);
  return { core, legalFormCode, key };
};

describe('the search examples of issue 4', () => {
  it('"A.B.C. Sp. z o.o." and "ABC SP ZOO" have the same core and legal form', () => {
    expect(matchFields('A.B.C. Sp. z o.o.')).toEqual({ core: 'abc', legalFormCode: 'SP-ZOO', key: 'abc' });
    expect(matchFields('ABC SP ZOO')).toEqual(matchFields('A.B.C. Sp. z o.o.'));
  });
  it('"Łódź Trans" and "LODZ TRANS" are the same', () => {
    expect(matchFields('Łódź Trans')).toEqual({ core: 'lodz trans', legalFormCode: null, key: 'lodztrans' });
    expect(matchFields('LODZ TRANS')).toEqual(matchFields('Łódź Trans'));
  });
  it('"ТРАНС ЕООД" and "Trans EOOD" are the same', () => {
    expect(matchFields('ТРАНС ЕООД')).toEqual({ core: 'trans', legalFormCode: 'EOOD', key: 'trans' });
    expect(matchFields('Trans EOOD')).toEqual(matchFields('ТРАНС ЕООД'));
  });
  it('"Müller GmbH" shares a key with both "Mueller GmbH" and "Muller GmbH"', () => {
    const mueller = normaliseName('Mueller GmbH');
    const muller = normaliseName('Muller GmbH');
    const umlaut = normaliseName('Müller GmbH');
    expect(umlaut.key).toBe('muller');
    expect(umlaut.alternativeKey).toBe('mueller');
    expect(namesShareKey(umlaut, mueller)).toBe(true);
    expect(namesShareKey(umlaut, muller)).toBe(true);
    expect(namesShareKey(mueller, normaliseName('Miller GmbH'))).toBe(false);
  });
  it('"Szűcs Kft." shares a key with both "Szuecs Kft." and "Szucs Kft." (Hungarian ő and ű)', () => {
    const szucs = normaliseName('Szűcs és Fiai Kft.');
    expect(szucs.alternativeKey).toBe('szuecsesfiai');
    expect(namesShareKey(szucs, normaliseName('Szuecs es Fiai Kft.'))).toBe(true);
    expect(namesShareKey(szucs, normaliseName('SZUCS ES FIAI KFT'))).toBe(true);
  });
});

describe('normalising a name', () => {
  it('keeps the name as written, NFKC and single-spaced, for display', () => {
    expect(normaliseName('  Trans\u00a0 Ｅxpress   Sp. z o.o. ').display).toBe('Trans Express Sp. z o.o.');
  });
  it('folds every word, legal form included', () => {
    expect(normaliseName('Łódź-Trans Sp. z o.o.').folded).toBe('lodz trans sp z oo');
  });
  it('separates the legal form, reporting its usual spelling and code', () => {
    const name = normaliseName('Baltic Cargo UAB');
    expect(name).toMatchObject({ core: 'baltic cargo', legalForm: 'UAB', legalFormCode: 'UAB' });
  });
  it('joins dotted and spaced initials into one word', () => {
    expect(normaliseName('A.B.C. Trans').tokens).toEqual(['abc', 'trans']);
    expect(normaliseName('A B C Trans').tokens).toEqual(['abc', 'trans']);
    expect(normaliseName('J. Kowalski').tokens).toEqual(['j', 'kowalski']);
  });
  it('keys a name by its core without spaces, so spacing and hyphens do not matter', () => {
    expect(normaliseName('Trans-Pol').key).toBe('transpol');
    expect(normaliseName('TransPol').key).toBe('transpol');
    expect(normaliseName('Trans Pol S.A.').key).toBe('transpol');
  });
  it('reads capitalised words written together as separate words, in any script', () => {
    const glued = normaliseName('ПоліщукЯрошчук');
    const hyphenated = normaliseName('Поліщук-Ярошчук');
    expect(glued).toMatchObject({ core: 'polishchuk yaroshchuk', key: 'polishchukyaroshchuk' });
    expect([glued.core, glued.key, glued.tokens]).toEqual([hyphenated.core, hyphenated.key, hyphenated.tokens]);
    expect(namesShareKey(normaliseName('ТОВ «ПоліщукЯрошчук»'), normaliseName('Поліщук-Ярошчук ТОВ'))).toBe(true);
    expect(normaliseName('KowalskiNowak Sp. z o.o.')).toMatchObject({ core: 'kowalski nowak', legalFormCode: 'SP-ZOO' });
    expect(normaliseName('KowalskiNowak').tokens).toEqual(normaliseName('Kowalski-Nowak').tokens);
  });
  it('leaves a name in capitals as it is', () => {
    expect(normaliseName('KOWALSKINOWAK')).toMatchObject({ core: 'kowalskinowak', key: 'kowalskinowak' });
    expect(normaliseName('KOWALSKI-NOWAK').key).toBe('kowalskinowak');
  });
  it('keeps McDonald one word and gives McDonald, Mc Donald and MCDONALD one key', () => {
    expect(normaliseName('McDonald').tokens).toEqual(['mcdonald']);
    const keys = ['McDonald', 'Mc Donald', 'MCDONALD', 'mcdonald', 'MacDonald'].map((n) => normaliseName(n).key);
    expect(keys).toEqual(['mcdonald', 'mcdonald', 'mcdonald', 'mcdonald', 'macdonald']);
    expect(namesShareKey(normaliseName('McDonald'), normaliseName('Mc Donald'))).toBe(true);
    expect(namesShareKey(normaliseName('MacDonald'), normaliseName('MACDONALD'))).toBe(true);
  });
  it('reads the whole name to choose the Cyrillic system', () => {
    expect(normaliseName('ТОВ Гарант Київ').core).toBe('harant kyiv');
    expect(normaliseName('ТОВ Гарант').core).toBe('garant');
    expect(normaliseName('ТОВ Гарант', { cyrillicSystem: 'uk' }).core).toBe('harant');
  });
  it('leaves legal forms in when asked, as for people', () => {
    expect(normaliseName('Jan AS', { legalForms: false })).toMatchObject({ core: 'jan as', legalFormCode: null });
    expect(normaliseName('Jan AS')).toMatchObject({ core: 'jan', legalFormCode: 'AS' });
  });
  it('gives an empty key to a name with nothing in it', () => {
    expect(normaliseName(' -- ').key).toBe('');
    expect(namesShareKey(normaliseName(''), normaliseName(''))).toBe(false);
  });
});

describe('idempotence', () => {
  it('normalising the display form changes nothing', () => {
    fc.assert(
      fc.property(nameLike, (raw) => {
        const once = normaliseName(raw);
        expect(normaliseName(once.display)).toEqual(once);
      }),
      { numRuns: 1000 },
    );
  });
  it('normalising the folded form keeps the folded form, core, key and legal form', () => {
    fc.assert(
      fc.property(nameLike, (raw) => {
        const once = normaliseName(raw);
        const twice = normaliseName(once.folded);
        expect([twice.folded, twice.core, twice.key, twice.legalFormCode]).toEqual([
          once.folded, once.core, once.key, once.legalFormCode,
        ]);
      }),
      { numRuns: 1000 },
    );
  });
  it('normalising the core gives the core back', () => {
    fc.assert(
      fc.property(nameLike, (raw) => {
        const core = normaliseName(raw).core;
        expect(normaliseName(core).core).toBe(core);
      }),
      { numRuns: 1000 },
    );
  });
});
