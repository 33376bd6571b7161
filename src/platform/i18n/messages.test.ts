import { describe, expect, it } from 'vitest';
import { LANGUAGES, SOURCE_LANGUAGE, languageName, letterLanguageFor } from './languages.js';
import { catalogue, catalogueMeta, createTranslator, messageKeys, placeholdersOf, t, untranslatedKeys } from './messages.js';

const translations = LANGUAGES.filter((language) => language !== SOURCE_LANGUAGE);

describe('message catalogues', () => {
  it.each(translations)('%s has a message for every English key, and no key English lacks', (language) => {
    const own = Object.keys(catalogue(language)).filter((key) => key !== '_meta');
    expect(untranslatedKeys(language)).toEqual([]);
    expect(own.filter((key) => !(messageKeys() as string[]).includes(key))).toEqual([]);
  });

  it.each(translations)('%s uses exactly the placeholders of each English message', (language) => {
    const mismatched = messageKeys().filter(
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
    expect(letterLanguageFor('fr')).toBe('en');
    expect(letterLanguageFor(undefined)).toBe('en');
  });

  it('names a language in another language', () => {
    expect(languageName('pl')).toBe('Polish');
    expect(languageName('uk')).toBe('Ukrainian');
    expect(languageName('ro', 'ro')).toBe('română');
  });
});
