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
import lv from '../../../locales/lv.json' with { type: 'json' };
import et from '../../../locales/et.json' with { type: 'json' };
import sk from '../../../locales/sk.json' with { type: 'json' };
import sl from '../../../locales/sl.json' with { type: 'json' };
import hr from '../../../locales/hr.json' with { type: 'json' };
import sr from '../../../locales/sr.json' with { type: 'json' };
import es from '../../../locales/es.json' with { type: 'json' };
import pt from '../../../locales/pt.json' with { type: 'json' };
import fr from '../../../locales/fr.json' with { type: 'json' };
import de from '../../../locales/de.json' with { type: 'json' };
import it from '../../../locales/it.json' with { type: 'json' };
import nl from '../../../locales/nl.json' with { type: 'json' };
import el from '../../../locales/el.json' with { type: 'json' };
import knownGapsFile from '../../../locales/known-gaps.json' with { type: 'json' };
import { LANGUAGES, SOURCE_LANGUAGE, type Language } from './languages.js';

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
  /** The language's own name for itself ("polski"). */
  name: string;
  translation: string;
  /**
   * 'source' for English; 'machine-drafted' until a qualified translator has checked the whole
   * catalogue, then 'reviewed' with who and when. Set by hand in the catalogue's _meta.
   */
  status: ReviewStatus;
  reviewedBy: string | null;
  /** A calendar date, YYYY-MM-DD. */
  reviewedOn: string | null;
  [other: string]: unknown;
}

export const REVIEW_STATUSES = ['source', 'machine-drafted', 'reviewed'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export type Catalogue = Readonly<Record<string, unknown>>;

const CATALOGUES: Readonly<Record<Language, Catalogue>> = {
  en, pl, ro, bg, lt, hu, cs, uk, tr, ru,
  lv, et, sk, sl, hr, sr, es, pt, fr, de, it, nl, el,
};

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

/** Who wrote a catalogue and whether it has been reviewed, from its _meta (missing fields: not reviewed). */
export function catalogueMeta(language: Language): CatalogueMeta {
  const meta = (CATALOGUES[language]?._meta ?? {}) as Partial<CatalogueMeta>;
  const status: ReviewStatus = (REVIEW_STATUSES as readonly unknown[]).includes(meta.status) ? (meta.status as ReviewStatus) : 'machine-drafted';
  return {
    ...meta,
    language,
    name: typeof meta.name === 'string' ? meta.name : language,
    translation: typeof meta.translation === 'string' ? meta.translation : 'unknown',
    status,
    reviewedBy: typeof meta.reviewedBy === 'string' && meta.reviewedBy.trim() !== '' ? meta.reviewedBy : null,
    reviewedOn: typeof meta.reviewedOn === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(meta.reviewedOn) ? meta.reviewedOn : null,
  };
}

/** A key accepted as not yet translated in a language, and why (locales/known-gaps.json). */
export interface KnownGap {
  key: string;
  reason: string;
}

/**
 * The keys each language is allowed to leave to the English fallback for now, with the reason:
 * the catalogue check in messages.test.ts fails on any other untranslated key.
 */
export function knownGaps(language: Language): KnownGap[] {
  const gaps = (knownGapsFile as Readonly<Record<string, unknown>>)[language];
  if (!gaps || typeof gaps !== 'object') return [];
  return Object.entries(gaps as Record<string, unknown>).map(([key, reason]) => ({ key, reason: String(reason) }));
}

/** Every language with its review status and how much of it still falls back to English. */
export function catalogueStatuses(): { meta: CatalogueMeta; keys: number; untranslated: number; knownGaps: number }[] {
  const keys = messageKeys().length;
  return LANGUAGES.map((language) => ({
    meta: catalogueMeta(language),
    keys,
    untranslated: untranslatedKeys(language).length,
    knownGaps: knownGaps(language).length,
  }));
}
