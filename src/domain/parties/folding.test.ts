import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldText } from './folding.js';

describe('folding text', () => {
  it('applies NFKC, so compatibility forms become plain letters and digits', () => {
    expect(foldText('ＴＲＡＮＳ ① ﬁrma')).toBe('trans 1 firma');
  });
  it('folds case', () => {
    expect(foldText('TRANS Logistik')).toBe('trans logistik');
  });
  it('drops diacritics', () => {
    expect(foldText('Łódź Kraków Brașov Šiauliai Győr Čačak Ñandú Å')).toBe(
      'lodz krakow brasov siauliai gyor cacak nandu a',
    );
  });
  it('folds letters that have no combining mark: ł đ ø ß æ œ ı þ ð', () => {
    expect(foldText('ł đ ø ß æ œ ı þ ð')).toBe('l dj o ss ae oe i th d');
    expect(foldText('STRAẞE Ørsted ÆØÅ Œuvre İzmir')).toBe('strasse orsted aeoa oeuvre izmir');
  });
  it('writes ä ö ü ø å as ae oe ue oe aa only when asked', () => {
    expect(foldText('Müller Jönsson Bär Søren Ångström')).toBe('muller jonsson bar soren angstrom');
    expect(foldText('Müller Jönsson Bär Søren Ångström', { transcribeUmlauts: true })).toBe(
      'mueller joensson baer soeren aangstroem',
    );
  });
  it('transliterates Cyrillic, choosing the system from the whole text', () => {
    expect(foldText('ТРАНС ЕООД')).toBe('trans eood');
    expect(foldText('Гарант Київ')).toBe('harant kyiv');
    expect(foldText('Гарант Рыбак')).toBe('garant rybak');
  });
  it('uses the Cyrillic system asked for', () => {
    expect(foldText('Гарант', { cyrillicSystem: 'uk' })).toBe('harant');
  });
  it('transliterates Greek', () => {
    expect(foldText('ΠΑΠΑΔΟΠΟΥΛΟΣ Α.Ε.')).toBe('papadopoulos a e');
  });
  it('turns punctuation into single spaces and trims', () => {
    expect(foldText('  Trans--Pol,  (Kraków) / "Express"!  ')).toBe('trans pol krakow express');
  });
  it('drops apostrophes instead of splitting the word', () => {
    expect(foldText("O'Brien D’Angelo")).toBe('obrien dangelo');
  });
  it('reads & as and', () => {
    expect(foldText('Smith & Sons')).toBe('smith and sons');
  });
  it('separates capitalised words written together, in the original script, before transliterating', () => {
    // Ukrainian я is "ya" at the start of a word and "ia" inside one: glued or hyphenated, the
    // second surname starts a word.
    expect(foldText('ПоліщукЯрошчук')).toBe('polishchuk yaroshchuk');
    expect(foldText('ПоліщукЯрошчук')).toBe(foldText('Поліщук-Ярошчук'));
    expect(foldText('KowalskiNowak')).toBe('kowalski nowak');
    expect(foldText('KowalskiNowak')).toBe(foldText('Kowalski-Nowak'));
    expect(foldText('«ТрансПол» Łódź')).toBe('trans pol lodz');
  });
  it('leaves capitals, small letters, random case and short prefixes (Mc, De) together', () => {
    expect(foldText('KOWALSKINOWAK')).toBe('kowalskinowak');
    expect(foldText('ПОЛІЩУКЯРОШЧУК')).toBe('polishchukiaroshchuk');
    expect(foldText('kowalskinowak')).toBe('kowalskinowak');
    expect(foldText('KoWaLsKi')).toBe('kowalski');
    expect(foldText('GmbH KGaA ТзОВ')).toBe('gmbh kgaa tzov');
    expect(foldText('McDonald DeVries')).toBe('mcdonald devries');
    // A prefix of three letters is a word: its key, without spaces, is unchanged.
    expect(foldText('MacDonald')).toBe('mac donald');
  });
  it('keeps letters of scripts it has no table for', () => {
    expect(foldText('ООО Შპს 東京')).toBe('ooo შპს 東京');
  });
  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        const once = foldText(text);
        expect(foldText(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });
});
