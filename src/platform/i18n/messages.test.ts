import { describe, expect, it } from 'vitest';
import knownGapsFile from '../../../locales/known-gaps.json' with { type: 'json' };
import { LANGUAGES, SOURCE_LANGUAGE, isLanguage, languageName, letterLanguageFor, type Language } from './languages.js';
import { catalogue, catalogueMeta, catalogueStatuses, createTranslator, knownGaps, messageKeys, placeholdersOf, t, untranslatedKeys } from './messages.js';

const translations = LANGUAGES.filter((language) => language !== SOURCE_LANGUAGE);

const isTranslatedKey = (language: Language, key: string) => !(untranslatedKeys(language) as string[]).includes(key);

describe('message catalogues', () => {
  it.each(translations)('%s has a message for every English key but its known gaps, and no key English lacks', (language) => {
    const own = Object.keys(catalogue(language)).filter((key) => key !== '_meta');
    const gaps = knownGaps(language).map((gap) => gap.key);
    // Untranslated and not accepted as a gap: translate it, or add it to locales/known-gaps.json with a reason.
    expect(untranslatedKeys(language).filter((key) => !gaps.includes(key))).toEqual([]);
    // A gap since translated (or a key English no longer has): take it off the list.
    expect(gaps.filter((key) => !(untranslatedKeys(language) as string[]).includes(key))).toEqual([]);
    expect(own.filter((key) => !(messageKeys() as string[]).includes(key))).toEqual([]);
  });

  it('gives a reason for every known gap and names only languages Cordon has', () => {
    expect(Object.keys(knownGapsFile).filter((key) => key !== '_comment' && !isLanguage(key))).toEqual([]);
    for (const language of LANGUAGES) {
      for (const gap of knownGaps(language)) expect(gap.reason.trim().length, `${language} ${gap.key}`).toBeGreaterThan(10);
    }
  });

  it.each(LANGUAGES)('%s says its review status, and who reviewed it when it says reviewed', (language) => {
    const meta = catalogueMeta(language);
    expect(meta.status).toBe(language === SOURCE_LANGUAGE ? 'source' : 'machine-drafted');
    if (meta.status === 'reviewed') {
      expect(meta.reviewedBy).toBeTruthy();
      expect(meta.reviewedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    } else {
      expect(meta.reviewedBy).toBeNull();
    }
    expect(catalogue(language)._meta).toMatchObject({ status: meta.status, reviewedBy: null, reviewedOn: null });
  });

  it('counts each language\'s untranslated keys for the languages page', () => {
    const statuses = catalogueStatuses();
    expect(statuses.map((status) => status.meta.language)).toEqual([...LANGUAGES]);
    const english = statuses.find((status) => status.meta.language === 'en');
    expect(english).toMatchObject({ untranslated: 0, knownGaps: 0 });
    for (const status of statuses) expect(status.untranslated).toBe(untranslatedKeys(status.meta.language as Language).length);
  });

  it('writes Serbian in Cyrillic and Greek in Greek letters', () => {
    const letters = (language: Language) => Object.entries(catalogue(language)).filter(([key]) => key !== '_meta').map(([, value]) => String(value).replace(/\{[A-Za-z0-9]+\}/g, '')).join(' ');
    expect(letters('sr')).not.toMatch(/[čćšžđČĆŠŽĐ]/);
    expect(letters('el')).toMatch(/[α-ω]/);
  });

  it.each(translations)('%s uses exactly the placeholders of each English message', (language) => {
    const mismatched = messageKeys().filter((key) => isTranslatedKey(language, key)).filter(
      (key) => placeholdersOf(String(catalogue(language)[key])).join() !== placeholdersOf(String(catalogue('en')[key])).join(),
    );
    expect(mismatched).toEqual([]);
  });

  it.each(translations)('%s is marked as machine-drafted and awaiting a qualified translator, never as certified', (language) => {
    const meta = catalogueMeta(language);
    expect(meta.language).toBe(language);
    expect(meta.translation).toContain('needs review by a qualified translator');
    expect(meta.translation.replace(/not a certified translation/gi, '')).not.toMatch(/certified/i);
  });

  it('writes Romanian with comma-below ș and ț, not the cedilla forms ş and ţ', () => {
    const text = JSON.stringify(catalogue('ro'));
    expect(text).not.toMatch(/[şţŞŢ]/);
    expect(text).toMatch(/[șț]/);
  });
});

describe('t', () => {
  it('fills placeholders in the language asked for', () => {
    expect(t('en', 'letter.page', { page: 1, pages: 2 })).toBe('Page 1 of 2');
    expect(t('pl', 'letter.page', { page: 1, pages: 2 })).toBe('Strona 1 z 2');
    expect(t('bg', 'letter.page', { page: 2, pages: 3 })).toBe('Страница 2 от 3');
  });

  it('falls back to the English message when a language lacks the key or leaves it empty', () => {
    const translate = createTranslator({
      en: { 'letter.page': 'Page {page} of {pages}', 'letter.date': 'Date' },
      pl: { 'letter.date': '' },
    });
    expect(translate('pl', 'letter.page', { page: 1, pages: 1 })).toBe('Page 1 of 1');
    expect(translate('pl', 'letter.date')).toBe('Date');
  });

  it('writes one full stop, not two, when a filled-in date already ends with one', () => {
    expect(t('ru', 'driverNotice.givenBy', { officer: 'BF 40213', date: '10 марта 2026 г.' })).toBe('Вручено сотрудником BF 40213 10 марта 2026 г.');
    expect(t('en', 'driverNotice.givenBy', { officer: 'BF 40213', date: '10 March 2026' })).toBe('Given by officer BF 40213 on 10 March 2026.');
  });

  it('refuses to print a message with a placeholder left unfilled', () => {
    expect(() => t('en', 'letter.page', { page: 1 })).toThrow(/\{pages\}/);
  });
});

describe('languages', () => {
  it('maps language tags to a letter language, English for anything without a catalogue', () => {
    expect(letterLanguageFor('pl-PL')).toBe('pl');
    expect(letterLanguageFor('UK')).toBe('uk');
    expect(letterLanguageFor('fr-BE')).toBe('fr');
    expect(letterLanguageFor('sr-Cyrl-RS')).toBe('sr');
    expect(letterLanguageFor('ga')).toBe('en');
    expect(letterLanguageFor(undefined)).toBe('en');
  });

  it('names a language in another language', () => {
    expect(languageName('pl')).toBe('Polish');
    expect(languageName('uk')).toBe('Ukrainian');
    expect(languageName('ro', 'ro')).toBe('română');
  });
});
