import { stringify } from 'csv-stringify/sync';
import { normaliseName } from '../../domain/parties/names.js';
import { foldText } from '../../domain/parties/folding.js';
import type { CalendarDate } from '../../domain/clock/calendar-date.js';
import { formatCountry } from '../../platform/i18n/format.js';
import { LANGUAGES, type Language } from '../../platform/i18n/languages.js';
import { t } from '../../platform/i18n/messages.js';
import { spreadsheetSafe } from '../vehicle-action-list/val-csv.js';

/*
 * The public register of CPAS members (issue #16 item 5). It lists exactly what `membersOn(date)`
 * answers — the membership service's members on that day, never a suspended or removed one — and
 * filters them here: by name in any spelling (the parties register's normalisation: accents,
 * Cyrillic, punctuation, spacing and the legal form do not matter), by country (its name in any
 * of the catalogues' languages, or its code) and by the day membership began.
 */

/** A member as the register publishes it. */
export interface RegisterMember {
  partyId: string;
  /** The accepted application's reference, e.g. CPAS-2026-00042. */
  reference: string;
  name: string;
  /** ISO 3166 alpha-2. */
  country: string;
  /** The first day of membership, YYYY-MM-DD. */
  memberFrom: CalendarDate;
}

/** Who is a member on a day: handed in by the composition root (the membership service's `membersOn`). */
export type MembersOn = (date: CalendarDate) => Promise<readonly RegisterMember[]>;

export interface RegisterSearch {
  name?: string | undefined;
  country?: string | undefined;
  /** Members since this day or later. */
  since?: CalendarDate | undefined;
}

const keysOf = (name: string) => {
  const n = normaliseName(name);
  // The folded words too, so a search that includes the legal form ("transpol sp z o o") still matches.
  return [n.key, n.alternativeKey, n.folded.replace(/ /g, '')].filter((key) => key !== '');
};

/** True when the name searched for is part of the member's name, however either is spelt. */
export function nameMatches(memberName: string, searched: string): boolean {
  const wanted = keysOf(searched);
  if (!wanted.length) return true;
  const have = keysOf(memberName);
  return wanted.some((w) => have.some((h) => h.includes(w)));
}

const countryNamesCache = new Map<string, string[]>();
/** A country's names in every catalogue language, folded ("poland", "polska", "polonia", …), and its code. */
function countryNames(code: string): string[] {
  let names = countryNamesCache.get(code);
  if (!names) {
    names = [code.toLowerCase(), ...LANGUAGES.map((language) => foldText(formatCountry(language, code)).replace(/ /g, ''))];
    countryNamesCache.set(code, names);
  }
  return names;
}

/** True when the country typed (a name in any catalogue language, or the code) is the member's. */
export function countryMatches(countryCode: string, searched: string): boolean {
  const wanted = foldText(searched).replace(/ /g, '');
  if (!wanted) return true;
  const names = countryNames(countryCode.toUpperCase());
  return wanted.length === 2 ? names[0] === wanted : names.some((name) => name.startsWith(wanted));
}

/** The members that match a search, by name then reference. */
export function searchRegister(members: readonly RegisterMember[], search: RegisterSearch): RegisterMember[] {
  return members
    .filter((m) => !search.name || nameMatches(m.name, search.name))
    .filter((m) => !search.country || countryMatches(m.country, search.country))
    .filter((m) => !search.since || m.memberFrom >= search.since)
    .sort((a, b) => a.name.localeCompare(b.name, 'en') || a.reference.localeCompare(b.reference));
}

/**
 * The register as a CSV file in the reader's language: UTF-8 with a byte-order mark, RFC 4180
 * quoting, CRLF, and every cell a spreadsheet would run as a formula written with a leading
 * apostrophe (the Vehicle Action List's `spreadsheetSafe`).
 */
export function registerCsv(language: Language, members: readonly RegisterMember[]): string {
  const header = [t(language, 'accreditation.members.table.name'), t(language, 'accreditation.members.table.country'), t(language, 'accreditation.members.table.memberFrom'), t(language, 'accreditation.members.table.reference')];
  const rows = members.map((m) => [m.name, formatCountry(language, m.country), m.memberFrom, m.reference].map(spreadsheetSafe));
  return stringify([header.map(spreadsheetSafe), ...rows], { bom: true, record_delimiter: '\r\n' });
}
