import nunjucks from 'nunjucks';
import { LANGUAGES, SOURCE_LANGUAGE, isLanguage, languageName, type Language } from './languages.js';
import { formatDate, formatMoney } from './format.js';
import { isTranslated, t as translate, type MessageKey, type MessageParams } from './messages.js';

/*
 * The words of a page, from the message catalogues, in the reader's language. Every page rendered
 * through `reply.page` gets these in its context:
 *
 *   {{ t("portal.signIn.title") }}                 the message, escaped like any other text
 *   {{ t("portal.case.payBy", { date: "…" }) }}     with {placeholders}
 *   {{ tText("portal.signIn.title") }}             the same, never marked up: for attributes
 *   {{ tDate("2026-12-04") }}  {{ tMoney(150000) }} a date and an amount written in the language
 *   language, languages (for a switcher: code, name in its own language, whether current)
 *
 * A message the language's catalogue lacks falls back to English *visibly*: wrapped in
 * `<span lang="en" data-untranslated="key">` so a screen reader reads it with English
 * pronunciation and a test can count what is still untranslated on each page.
 */

export const LANGUAGE_COOKIE = 'cordon_language';

export interface PageMessages {
  language: Language;
  htmlLang: string;
  t: (key: MessageKey, params?: MessageParams) => string | nunjucks.runtime.SafeString;
  tText: (key: MessageKey, params?: MessageParams) => string;
  tDate: (date: unknown) => string;
  tMoney: (pence: unknown) => string;
  languages: { code: Language; name: string; current: boolean }[];
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** The switcher's list: each language named in itself ("polski", "română"), English first. */
export function languageChoices(current: Language): PageMessages['languages'] {
  return LANGUAGES.map((code) => ({ code, name: languageName(code, code), current: code === current }));
}

/** The catalogues a page reads: the real ones; tests pass their own. */
export interface MessageSource {
  translate: (language: Language, key: MessageKey, params?: MessageParams) => string;
  isTranslated: (language: Language, key: MessageKey) => boolean;
}

const CATALOGUES: MessageSource = { translate, isTranslated };

export function pageMessages(language: Language, source: MessageSource = CATALOGUES): PageMessages {
  const { translate: message, isTranslated: has } = source;
  return {
    language,
    htmlLang: language,
    t(key, params) {
      const text = message(language, key, params);
      if (language === SOURCE_LANGUAGE || has(language, key)) return text;
      return new nunjucks.runtime.SafeString(`<span lang="en" data-untranslated="${escapeHtml(key)}">${escapeHtml(text)}</span>`);
    },
    tText: (key, params) => message(language, key, params),
    tDate: (date) => (typeof date === 'string' && date ? formatDate(language, date.slice(0, 10)) : ''),
    tMoney: (pence) => formatMoney(language, Number(pence)),
    languages: languageChoices(language),
  };
}

/**
 * The language a request asks for: `?lang=pl` (one, known), else the language cookie, else the
 * first known language of Accept-Language, else English. Anything unknown or repeated is ignored.
 */
export function requestedLanguage(input: { url: string; cookie?: string | undefined; acceptLanguage?: string | undefined }): {
  language: Language;
  fromQuery: boolean;
} {
  const query = input.url.includes('?') ? new URLSearchParams(input.url.slice(input.url.indexOf('?') + 1)) : null;
  const asked = query?.getAll('lang') ?? [];
  const onlyOne = asked.length === 1 ? asked[0]!.trim().toLowerCase() : undefined;
  if (isLanguage(onlyOne)) return { language: onlyOne, fromQuery: true };
  if (isLanguage(input.cookie)) return { language: input.cookie, fromQuery: false };
  for (const part of (input.acceptLanguage ?? '').split(',').slice(0, 20)) {
    const primary = part.split(';')[0]!.trim().toLowerCase().split(/[-_]/)[0];
    if (isLanguage(primary)) return { language: primary, fromQuery: false };
  }
  return { language: SOURCE_LANGUAGE, fromQuery: false };
}
