import { normaliseCountryCode } from './countries.js';
import { foldedWords } from './folding.js';

export interface NormalisedAddress {
  /** The tokens separated by single spaces. */
  readonly folded: string;
  readonly tokens: readonly string[];
}

interface Abbreviation {
  readonly expansion: string;
  /** Countries where the abbreviation means something else. */
  readonly byCountry?: Readonly<Record<string, string>>;
}

// Deliberately short: the street words hauliers' addresses use most. Unknown words are left
// alone; trigram similarity absorbs the rest.
const ABBREVIATIONS: Readonly<Record<string, Abbreviation>> = {
  ul: { expansion: 'ulica', byCountry: { BG: 'ulitsa', RU: 'ulitsa' } },
  vul: { expansion: 'vulytsia' },
  al: { expansion: 'aleja' },
  os: { expansion: 'osiedle' },
  pl: { expansion: 'plac', byCountry: { BG: 'ploshtad' } },
  str: {
    expansion: 'strada',
    byCountry: { DE: 'strasse', AT: 'strasse', CH: 'strasse', LU: 'strasse', LI: 'strasse' },
  },
  bd: { expansion: 'bulevardul' },
  bdul: { expansion: 'bulevardul' },
  bul: { expansion: 'bulevard' },
  blvd: { expansion: 'boulevard' },
  sos: { expansion: 'soseaua' },
  rd: { expansion: 'road' },
  ave: { expansion: 'avenue' },
};
// Words that add nothing to a comparison: "nr." before a house number.
const DROPPED = new Set(['nr']);

/**
 * Folds an address (as names are folded, README.md), expands the common street abbreviations
 * ("ul." → ulica; "str." → strada, or strasse in German-speaking countries; "Hauptstr." →
 * hauptstrasse) and drops "nr.". Idempotent for a given country.
 */
export function normaliseAddress(raw: string, country?: string | null): NormalisedAddress {
  const countryCode = normaliseCountryCode(country);
  const tokens = foldedWords(raw)
    .filter((word) => !DROPPED.has(word))
    .map((word) => expand(word, countryCode));
  return { folded: tokens.join(' '), tokens };
}

function expand(word: string, country: string | null): string {
  const abbreviation = ABBREVIATIONS[word];
  if (abbreviation !== undefined) {
    const local = country === null ? undefined : abbreviation.byCountry?.[country];
    return local ?? abbreviation.expansion;
  }
  // German street names carry the abbreviation on the end: Hauptstr. → hauptstrasse.
  if (word.length > 5 && word.endsWith('str')) return `${word}asse`;
  return word;
}

/** Upper case, no spaces or separators: "sw1a 1aa" → "SW1A1AA", "00-950" → "00950". */
export function normalisePostcode(raw: string, country?: string | null): string {
  const postcode = raw
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
  // A country prefix written in front ("PL-00950", "BG-1000") is dropped.
  const countryCode = normaliseCountryCode(country);
  const prefixed = countryCode !== null && postcode.startsWith(countryCode);
  return prefixed && /^\d+$/u.test(postcode.slice(2)) ? postcode.slice(2) : postcode;
}
