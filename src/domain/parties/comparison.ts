import { normaliseAddress, normalisePostcode, type NormalisedAddress } from './addresses.js';
import { normaliseCountryCode } from './countries.js';
import { normaliseIdentifier, type IdentifierKind } from './identifiers.js';
import type { ComparisonVector, FieldLevel, MatchField } from './match-weights.js';
import { namesShareKey, normaliseName, type NormalisedName } from './names.js';
import { damerauLevenshtein, trigramSimilarity } from './similarity.js';
import {
  containsCyrillic,
  cyrillicSystemOfCountry,
  DEFAULT_CYRILLIC_SYSTEM,
  distinctiveCyrillicSystem,
} from './transliteration.js';

export type PartyKind = 'person' | 'organisation';

/** A party as a referral, the register or a batch file describes it. */
export interface PartyRecord {
  readonly kind: PartyKind;
  readonly name: string;
  /** ISO 3166-1 alpha-2 (UK and EL accepted). */
  readonly country?: string | null;
  readonly address?: string | null;
  readonly postcode?: string | null;
  /** A calendar date, YYYY-MM-DD. */
  readonly dateOfBirth?: string | null;
  readonly identifiers?: readonly PartyIdentifier[];
}

export interface PartyIdentifier {
  readonly kind: IdentifierKind;
  readonly value: string;
  /** The issuing country, when it is not the party's own. */
  readonly country?: string | null;
}

interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** A record normalised once, so it can be compared with many others cheaply. */
export interface PreparedParty {
  readonly kind: PartyKind;
  readonly name: NormalisedName;
  /**
   * The name as read with the default Cyrillic system, when the party's country chose another
   * (README.md, "Transliteration conventions"); null otherwise. Compared as well as `name`, so
   * one Cyrillic spelling still meets itself on a record that gives no country.
   */
  readonly nameByDefaultSystem: NormalisedName | null;
  readonly country: string | null;
  readonly address: NormalisedAddress | null;
  readonly postcode: string | null;
  readonly dateOfBirth: CalendarDate | null;
  readonly identifiers: readonly { readonly kind: IdentifierKind; readonly value: string }[];
}

/** Similarities at which a name or an address moves up a level. */
export const COMPARISON_THRESHOLDS = {
  nameHigh: 0.8,
  nameMedium: 0.6,
  /** The shortest word (of the two) in which one keyboard slip makes a name's `typo` level. */
  typoWordLength: 4,
  addressSame: 0.8,
  addressSimilar: 0.5,
} as const;

export function prepareParty(record: PartyRecord): PreparedParty {
  const country = normaliseCountryCode(record.country);
  const address = normaliseAddress(record.address ?? '', country);
  const postcode = normalisePostcode(record.postcode ?? '', country);
  // A person's name has no legal form; "Jan AS" keeps its AS.
  const legalForms = record.kind === 'organisation';
  // When no letter of a Cyrillic name says which language it is in, the party's country does:
  // Тарас Мельник from Ukraine is Taras Melnyk, as his passport writes it, not Taras Melynik.
  const systemOfCountry =
    containsCyrillic(record.name) && distinctiveCyrillicSystem(record.name) === null
      ? cyrillicSystemOfCountry(country)
      : null;
  const byCountry = systemOfCountry !== null && systemOfCountry !== DEFAULT_CYRILLIC_SYSTEM;
  return {
    kind: record.kind,
    name: normaliseName(record.name, byCountry ? { legalForms, cyrillicSystem: systemOfCountry } : { legalForms }),
    nameByDefaultSystem: byCountry ? normaliseName(record.name, { legalForms }) : null,
    country,
    address: address.tokens.length === 0 ? null : address,
    postcode: postcode === '' ? null : postcode,
    dateOfBirth: parseCalendarDate(record.dateOfBirth),
    identifiers: (record.identifiers ?? [])
      .map((id) => ({
        kind: id.kind,
        value: normaliseIdentifier(id.kind, id.country ?? country, id.value),
      }))
      .filter((id) => id.value !== ''),
  };
}

/** The level found for each field, and the similarity behind the name and address levels. */
export interface Comparison {
  readonly vector: ComparisonVector;
  readonly similarities: { readonly [F in MatchField]?: number };
}

export function comparePrepared(a: PreparedParty, b: PreparedParty): Comparison {
  const bothOrganisations = a.kind === 'organisation' && b.kind === 'organisation';
  let name = compareNames(a.name, b.name);
  if (a.nameByDefaultSystem !== null || b.nameByDefaultSystem !== null) {
    const byDefault = compareNames(a.nameByDefaultSystem ?? a.name, b.nameByDefaultSystem ?? b.name);
    if (NAME_LEVEL_RANK[byDefault.level] > NAME_LEVEL_RANK[name.level]) name = byDefault;
  }
  const address = compareAddresses(a, b);
  // People's names are far less distinctive than registered company names, so a pair that
  // includes a person is weighed as people's names are.
  const vector: ComparisonVector = {
    kind: a.kind === b.kind ? 'agree' : 'disagree',
    organisationName: bothOrganisations ? name.level : 'missing',
    personName: bothOrganisations ? 'missing' : name.level,
    identifier: compareIdentifiers(a.identifiers, b.identifiers),
    dateOfBirth: compareDates(a.dateOfBirth, b.dateOfBirth),
    country: agreement(a.country, b.country),
    address: address.level,
  };
  const similarities: { [F in MatchField]?: number } = {};
  const nameField = bothOrganisations ? 'organisationName' : 'personName';
  if (name.similarity !== null) similarities[nameField] = name.similarity;
  if (address.similarity !== null) similarities.address = address.similarity;
  return { vector, similarities };
}

const agreement = (a: string | null, b: string | null): 'agree' | 'disagree' | 'missing' =>
  a === null || b === null ? 'missing' : a === b ? 'agree' : 'disagree';

type NameLevel = FieldLevel<'organisationName'> | 'missing';
const NAME_LEVEL_RANK: Readonly<Record<NameLevel, number>> = {
  missing: 0, low: 1, medium: 2, typo: 3, high: 4, exact: 5,
};

function compareNames(
  a: NormalisedName,
  b: NormalisedName,
): { level: NameLevel; similarity: number | null } {
  if (a.key === '' || b.key === '') return { level: 'missing', similarity: null };
  // Word order is not a difference: documents put the family name first, people do not. The
  // words are compared legal form included too, because initials that spell a designator are
  // taken for one only at the end: "Impex D.D. S.R.L." has the core "impex", "D.D. Impex
  // S.R.L." the core "dd impex", and both are the words "dd impex srl".
  if (
    namesShareKey(a, b) ||
    sameWords(a.tokens, b.tokens) ||
    sameWords(a.folded.split(' '), b.folded.split(' '))
  ) {
    return { level: 'exact', similarity: 1 };
  }
  const similarity = trigramSimilarity(a.core, b.core);
  const { nameHigh, nameMedium } = COMPARISON_THRESHOLDS;
  // Trigrams punish one slip in a short name hard ("mrak turner" and "mark turner" share half
  // their trigrams), so one slip in one word is a level of its own between high and medium.
  const level =
    similarity >= nameHigh
      ? 'high'
      : oneTypoApart(a.tokens, b.tokens)
        ? 'typo'
        : similarity >= nameMedium
          ? 'medium'
          : 'low';
  return { level, similarity };
}

const sameWords = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && [...a].sort().join(' ') === [...b].sort().join(' ');

/**
 * True when two names have the same words, in any order, but one, and that one differs by a
 * single keyboard slip — a letter wrong, missed or doubled, or two neighbours swapped
 * (Damerau–Levenshtein distance 1) — in a word of at least `typoWordLength` letters.
 */
export function oneTypoApart(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length || a.length === 0) return false;
  const unmatched = [...b];
  const differing: string[] = [];
  for (const word of a) {
    const at = unmatched.indexOf(word);
    if (at === -1) differing.push(word);
    else unmatched.splice(at, 1);
  }
  if (differing.length !== 1 || unmatched.length !== 1) return false;
  const x = differing[0] as string;
  const y = unmatched[0] as string;
  return (
    Math.max([...x].length, [...y].length) >= COMPARISON_THRESHOLDS.typoWordLength &&
    damerauLevenshtein(x, y) === 1
  );
}

// Agreement on any identifier of the same kind is agreement ('other' may agree with any kind,
// as a batch file does not say what its identifier is). Disagreement needs two identifiers of
// the same kind and no agreement: differing numbers of different kinds say nothing.
function compareIdentifiers(
  a: PreparedParty['identifiers'],
  b: PreparedParty['identifiers'],
): FieldLevel<'identifier'> | 'missing' {
  let sameKind = false;
  for (const x of a) {
    for (const y of b) {
      const comparable = x.kind === y.kind || x.kind === 'other' || y.kind === 'other';
      if (comparable && x.value === y.value) return 'agree';
      if (x.kind === y.kind) sameKind = true;
    }
  }
  return sameKind ? 'disagree' : 'missing';
}

function compareDates(
  a: CalendarDate | null,
  b: CalendarDate | null,
): FieldLevel<'dateOfBirth'> | 'missing' {
  if (a === null || b === null) return 'missing';
  const parts: [number, number, number][] = [
    [a.year, b.year, 4],
    [a.month, b.month, 2],
    [a.day, b.day, 2],
  ];
  const differing = parts.filter(([x, y]) => x !== y);
  if (differing.length === 0) return 'exact';
  // One part mistyped — one digit wrong or two neighbouring digits swapped, so 1959 for 1958
  // or 1995, never 1982 — or day and month written the other way round (07/03 for 03/07).
  const [x, y, width] = differing[0] as [number, number, number];
  const mistyped = differing.length === 1 && oneKeystrokeApart(pad(x, width), pad(y, width));
  const swapped = a.year === b.year && a.month === b.day && a.day === b.month;
  return mistyped || swapped ? 'partial' : 'disagree';
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

// Same length, and either one position differs or two neighbouring positions are swapped.
function oneKeystrokeApart(a: string, b: string): boolean {
  const positions: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) positions.push(i);
  if (positions.length === 1) return true;
  const [i, j] = positions as [number, number];
  return positions.length === 2 && j === i + 1 && a[i] === b[j] && a[j] === b[i];
}

// Postcode and street address are one field because they are not independent: counting both
// would count one move of premises twice.
function compareAddresses(
  a: PreparedParty,
  b: PreparedParty,
): { level: FieldLevel<'address'> | 'missing'; similarity: number | null } {
  const postcode = agreement(a.postcode, b.postcode);
  const similarity =
    a.address === null || b.address === null
      ? null
      : trigramSimilarity(a.address.folded, b.address.folded);
  const { addressSame, addressSimilar } = COMPARISON_THRESHOLDS;
  if (similarity === null) {
    // A postcode alone covers a street or, in much of Europe, a whole district.
    return { level: postcode === 'agree' ? 'partial' : postcode, similarity };
  }
  let level: FieldLevel<'address'>;
  if (postcode === 'agree') level = similarity >= addressSimilar ? 'agree' : 'partial';
  else if (postcode === 'disagree') level = similarity >= addressSame ? 'partial' : 'disagree';
  else if (similarity >= addressSame) level = 'agree';
  else level = similarity >= addressSimilar ? 'partial' : 'disagree';
  return { level, similarity };
}

function parseCalendarDate(raw: string | null | undefined): CalendarDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec((raw ?? '').trim());
  if (match === null) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return { year, month, day };
}
