import { describe, expect, it } from 'vitest';
import { foldedWords } from './folding.js';
import { LEGAL_FORMS, legalFormSpellings, splitLegalForm } from './legal-forms.js';

const split = (name: string): { core: string; code: string | null } => {
  const words = foldedWords(name);
  const found = splitLegalForm(words);
  return { core: words.slice(found.start, found.end).join(' '), code: found.legalForm?.code ?? null };
};

describe('the legal-form table', () => {
  it('holds at least 40 forms', () => {
    expect(LEGAL_FORMS.length).toBeGreaterThanOrEqual(40);
  });

  it('gives every form its own code', () => {
    const codes = LEGAL_FORMS.map((f) => f.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('never gives one spelling to two forms', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const legalForm of LEGAL_FORMS) {
      for (const spelling of legalFormSpellings(legalForm)) {
        const previous = owner.get(spelling);
        if (previous !== undefined && previous !== legalForm.code) {
          clashes.push(`${spelling}: ${previous} and ${legalForm.code}`);
        }
        owner.set(spelling, legalForm.code);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('includes the forms the issue names', () => {
    const codes = new Set(LEGAL_FORMS.map((f) => f.code));
    const named = ['SP-ZOO', 'SA', 'SRL', 'GMBH', 'AG', 'LTD', 'PLC', 'EOOD', 'OOD', 'AD', 'UAB', 'AB',
      'SRO', 'AS', 'KFT', 'ZRT', 'BV', 'NV', 'SARL', 'SAS', 'SL', 'SPA', 'DOO', 'OU', 'SIA', 'OY',
      'APS', 'TOV', 'EAD', 'ET', 'BT', 'OYJ', 'OOO', 'PP', 'LLC', 'INC', 'SPJ', 'SPK', 'SC', 'KG',
      'OHG', 'EK', 'UG', 'LDA', 'UNIPESSOAL-LDA', 'IKE', 'AE', 'EPE', 'SP', 'DOOEL', 'DD'];
    expect(named.filter((code) => !codes.has(code))).toEqual([]);
  });
});

describe('finding a legal form in a name', () => {
  it.each([
    ['Trans Sp. z o.o.', 'SP-ZOO'],
    ['Trans SP ZOO', 'SP-ZOO'],
    ['Trans sp.z.o.o.', 'SP-ZOO'],
    ['Trans Sp. z o. o.', 'SP-ZOO'],
    ['Trans spółka z ograniczoną odpowiedzialnością', 'SP-ZOO'],
    ['Trans Spolka z o.o.', 'SP-ZOO'],
    ['Trans S.R.L.', 'SRL'],
    ['Trans SRL', 'SRL'],
    ['Trans ЕООД', 'EOOD'],
    ['Trans EOOD', 'EOOD'],
    ['Trans s.r.o.', 'SRO'],
    ['Trans spol. s r.o.', 'SRO'],
    ['Trans A/S', 'AS'],
    ['Trans a.s.', 'AS'],
    ['Trans Kft.', 'KFT'],
    ['Trans B.V.', 'BV'],
    ['Trans GmbH & Co. KG', 'GMBH-CO-KG'],
    ['Trans Ltd', 'LTD'],
    ['Trans Limited', 'LTD'],
    ['Trans Ε.Π.Ε.', 'EPE'],
    ['Trans d.o.o.e.l.', 'DOOEL'],
    ['Trans Nakliyat San. ve Tic. Ltd. Şti.', 'LTD-STI'],
  ])('recognises %s as %s', (name, code) => {
    expect(split(name)).toEqual({ core: name.startsWith('Trans Nakliyat') ? 'trans nakliyat' : 'trans', code });
  });

  it('finds a designator written before the name', () => {
    expect(split('UAB Baltic Cargo')).toEqual({ core: 'baltic cargo', code: 'UAB' });
    expect(split('ТОВ «Гарант»')).toEqual({ core: 'garant', code: 'TOV' });
  });

  it('leaves initials at the front that spell a form written only after names', () => {
    expect(split('A.G. Turizm Ltd. Şti.').code).toBe('LTD-STI');
    expect(split('A.G. Turizm Ltd. Şti.').core).toBe('a g turizm');
    expect(split('UAB „N.V. Vežėjas“')).toEqual({ core: 'n v vezejas', code: 'UAB' });
    expect(split('S.A. Trans')).toEqual({ core: 's a trans', code: null });
  });

  it('strips a generic prefix and a designator together, reporting the designator', () => {
    expect(split('S.C. Trans Expres S.R.L.')).toEqual({ core: 'trans expres', code: 'SRL' });
  });

  it('prefers the longest designator', () => {
    expect(split('Trans Sp. z o.o. Sp.k.')).toEqual({ core: 'trans', code: 'SP-ZOO-SPK' });
  });

  it('never takes the whole name', () => {
    expect(split('Limited')).toEqual({ core: 'limited', code: null });
    expect(split('AB')).toEqual({ core: 'ab', code: null });
  });

  it('does not cut a run of single letters in two', () => {
    expect(split('A B C S A')).toEqual({ core: 'a b c s a', code: null });
  });

  it('leaves a name without a designator alone', () => {
    expect(split('Baltic Cargo Express')).toEqual({ core: 'baltic cargo express', code: null });
  });
});
