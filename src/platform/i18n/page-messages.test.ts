import { describe, expect, it } from 'vitest';
import nunjucks from 'nunjucks';
import { createTranslator } from './messages.js';
import { languageChoices, pageMessages, requestedLanguage } from './page-messages.js';

describe('requestedLanguage', () => {
  it('takes one known ?lang=, then the cookie, then Accept-Language, then English', () => {
    expect(requestedLanguage({ url: '/portal?lang=pl' })).toEqual({ language: 'pl', fromQuery: true });
    expect(requestedLanguage({ url: '/portal?lang=PL', cookie: 'ro' }).language).toBe('pl');
    expect(requestedLanguage({ url: '/portal', cookie: 'ro' })).toEqual({ language: 'ro', fromQuery: false });
    expect(requestedLanguage({ url: '/portal', acceptLanguage: 'xx, ro-RO;q=0.9, en;q=0.5' }).language).toBe('ro');
    expect(requestedLanguage({ url: '/portal' }).language).toBe('en');
  });

  it('ignores a repeated, unknown or odd ?lang=', () => {
    expect(requestedLanguage({ url: '/portal?lang=pl&lang=ro', cookie: 'bg' }).language).toBe('bg');
    expect(requestedLanguage({ url: '/portal?lang=xx' }).language).toBe('en');
    expect(requestedLanguage({ url: '/portal?lang=%00' }).language).toBe('en');
    expect(requestedLanguage({ url: '/portal', cookie: '../en' }).language).toBe('en');
  });
});

describe('pageMessages', () => {
  it('marks an English fallback on a page in another language, and nothing in English', () => {
    const catalogues = { en: { 'letter.reference': 'Reference <b>', 'letter.date': 'Date' }, pl: { 'letter.date': 'Data' } };
    const translateWith = createTranslator(catalogues);
    const source = {
      translate: translateWith,
      isTranslated: (language: string, key: string) => typeof (catalogues as Record<string, Record<string, string>>)[language]?.[key] === 'string',
    };
    const env = new nunjucks.Environment(null, { autoescape: true });
    const page = '{{ t("letter.date") }} | {{ t("letter.reference") }} | <input title="{{ tText("letter.reference") }}">';
    expect(env.renderString(page, pageMessages('pl', source))).toBe(
      'Data | <span lang="en" data-untranslated="letter.reference">Reference &lt;b&gt;</span> | <input title="Reference &lt;b&gt;">',
    );
    expect(env.renderString(page, pageMessages('en', source))).toBe('Date | Reference &lt;b&gt; | <input title="Reference &lt;b&gt;">');
    expect(String(pageMessages('pl').t('letter.reference'))).toBe('Numer sprawy');
  });

  it('writes dates and money in the language and lists languages by their own names', () => {
    expect(pageMessages('pl').tDate('2026-12-04')).toBe('4 grudnia 2026');
    expect(pageMessages('en').tMoney(150000)).toBe('£1,500');
    const choices = languageChoices('ro');
    expect(choices.find((choice) => choice.code === 'ro')).toMatchObject({ name: 'română', current: true });
    expect(choices.filter((choice) => choice.current)).toHaveLength(1);
  });

});
