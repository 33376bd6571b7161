import bg from '../../../locales/bg.json' with { type: 'json' };
import cs from '../../../locales/cs.json' with { type: 'json' };
import en from '../../../locales/en.json' with { type: 'json' };
import hu from '../../../locales/hu.json' with { type: 'json' };
import lt from '../../../locales/lt.json' with { type: 'json' };
import pl from '../../../locales/pl.json' with { type: 'json' };
import ro from '../../../locales/ro.json' with { type: 'json' };
import ru from '../../../locales/ru.json' with { type: 'json' };
import tr from '../../../locales/tr.json' with { type: 'json' };
import uk from '../../../locales/uk.json' with { type: 'json' };
import { SOURCE_LANGUAGE, type Language } from './languages.js';

/*
 * Message catalogues: one flat JSON file per language in /locales, keys namespaced with dots
 * ("penaltyNotice.payBy"), values with {placeholders}. English is the source: its keys are the
 * type of every key, and a message missing from another catalogue falls back to English.
 */

export type MessageKey = Exclude<keyof typeof en, '_meta'>;
export type MessageParams = Readonly<Record<string, string | number>>;

/** What a catalogue says about itself: who wrote it and whether a qualified translator has checked it. */
export interface CatalogueMeta {
  language: string;
  translation: string;
  [other: string]: unknown;
}

export type Catalogue = Readonly<Record<string, unknown>>;

const CATALOGUES: Readonly<Record<Language, Catalogue>> = { en, pl, ro, bg, lt, hu, cs, uk, tr, ru };

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

export type Translate = (language: Language, key: MessageKey, params?: MessageParams) => string;

/**
 * A translator over a set of catalogues (the real ones by default; tests pass their own). A message
 * missing from a language's catalogue, or left empty, falls back to the English message, shown as
 * it is — never a key or an empty line. A placeholder without a value is a programming error.
 */
export function createTranslator(catalogues: Readonly<Partial<Record<Language, Catalogue>>>): Translate {
  const messageIn = (language: Language, key: string): string | undefined => {
    const value = catalogues[language]?.[key];
    return typeof value === 'string' && value.trim() !== '' && key !== '_meta' ? value : undefined;
  };
  return (language, key, params = {}) => {
    const message = messageIn(language, key) ?? messageIn(SOURCE_LANGUAGE, key);
    if (message === undefined) throw new Error(`no English message for "${key}"`);
    let text = '';
    let from = 0;
    for (const match of message.matchAll(PLACEHOLDER)) {
      const name = match[1] ?? '';
      const value = params[name];
      if (value === undefined) throw new Error(`message "${key}" (${language}) needs a value for {${name}}`);
      const start = match.index ?? 0;
      text += message.slice(from, start) + String(value);
      from = start + match[0].length;
      // A value that ends in a full stop ("14 март 2026 г.", "2026. március 14.") also ends the
      // sentence: one stop, not two.
      if (String(value).endsWith('.') && message[from] === '.') from += 1;
    }
    return text + message.slice(from);
  };
}

/** The message for `key` in `language`, with {placeholders} filled from `params`; English when untranslated. */
export const t: Translate = createTranslator(CATALOGUES);

/** Whether `language` has its own message for `key` (rather than falling back to English). */
export function isTranslated(language: Language, key: MessageKey): boolean {
  const value = CATALOGUES[language]?.[key];
  return typeof value === 'string' && value.trim() !== '';
}

/** Every key of the English catalogue. */
export function messageKeys(): MessageKey[] {
  return Object.keys(en).filter((key) => key !== '_meta') as MessageKey[];
}

/** English keys with no message of their own in `language`: what a translator still has to do. */
export function untranslatedKeys(language: Language): MessageKey[] {
  return messageKeys().filter((key) => !isTranslated(language, key));
}

/** The {placeholders} a message uses, sorted, for checking translations against English. */
export function placeholdersOf(message: string): string[] {
  return [...new Set([...message.matchAll(PLACEHOLDER)].map((match) => match[1] ?? ''))].sort();
}

/** The raw catalogue of a language, for checks and tooling. */
export function catalogue(language: Language): Catalogue {
  return CATALOGUES[language];
}

export function catalogueMeta(language: Language): CatalogueMeta {
  const meta = CATALOGUES[language]?._meta as Partial<CatalogueMeta> | undefined;
  return { language, translation: 'unknown', ...meta } as CatalogueMeta;
}
