/** The one list of languages (src/domain/reference/languages.ts), and what the platform does with it. */
import { LANGUAGES, type Language } from '../../domain/reference/languages.js';

export { LANGUAGES, type Language };

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
