/**
 * The languages Cordon writes letters, notices and public pages in: English, and the languages most
 * often spoken by the drivers and hauliers in the scheme. Codes are ISO 639-1 — note that `uk` is
 * Ukrainian, not the United Kingdom; `sr` is Serbian written in Cyrillic (the official script).
 *
 * This is the ONE list of languages: it lives in the domain (which imports nothing but zod) so the
 * security-requirement names can be typed by it; src/platform/i18n/languages.ts re-exports it for
 * the message catalogues, the language switcher, a party's letter language and the staff pickers.
 * Adding a language means adding its code here and a catalogue locales/<code>.json (messages.ts imports it).
 */
export const LANGUAGES = [
  'en', 'pl', 'ro', 'bg', 'lt', 'hu', 'cs', 'uk', 'tr', 'ru',
  'lv', 'et', 'sk', 'sl', 'hr', 'sr', 'es', 'pt', 'fr', 'de', 'it', 'nl', 'el',
] as const;
export type Language = (typeof LANGUAGES)[number];
