/**
 * The languages Cordon writes letters and notices in: English, and the languages most often
 * spoken by the drivers and hauliers in the scheme. Codes are ISO 639-1 — note that `uk` is
 * Ukrainian, not the United Kingdom; `sr` is Serbian written in Cyrillic (the official script).
 *
 * This is the ONE list of languages: the message catalogues (messages.ts), the language switcher
 * on public pages, the letter language of a party, the language picker on staff forms and the
 * security-requirement names (src/domain/incident) all take it from here. Adding a language means
 * adding its code here and a catalogue locales/<code>.json (messages.ts imports it).
 */
export const LANGUAGES = [
  'en', 'pl', 'ro', 'bg', 'lt', 'hu', 'cs', 'uk', 'tr', 'ru',
  'lv', 'et', 'sk', 'sl', 'hr', 'sr', 'es', 'pt', 'fr', 'de', 'it', 'nl', 'el',
] as const;
export type Language = (typeof LANGUAGES)[number];

export const SOURCE_LANGUAGE: Language = 'en';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The letter language for a language tag given by a person or another system ('pl-PL' → 'pl',
 * 'UK' → 'uk'); English for anything Cordon has no catalogue for.
 */
export function letterLanguageFor(tag: string | undefined): Language {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return isLanguage(primary) ? primary : SOURCE_LANGUAGE;
}

/** The BCP 47 tag handed to Intl and written into PDF metadata: British English, not American. */
export function localeTag(language: Language): string {
  if (language === 'en') return 'en-GB';
  // Serbian letters are written in Cyrillic: say so, so Intl never picks the Latin script.
  if (language === 'sr') return 'sr-Cyrl';
  return language;
}

/** The language's name, written in `inLanguage` ("Polish", "polski", "польский"). */
export function languageName(language: Language, inLanguage: Language = SOURCE_LANGUAGE): string {
  const name = new Intl.DisplayNames([localeTag(inLanguage)], { type: 'language' }).of(language) ?? language;
  return name;
}
