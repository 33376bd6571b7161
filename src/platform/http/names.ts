import { VEHICLE_COUNTRIES } from '../../domain/reference/ports.js';
import { LEGAL_FORMS } from '../../domain/parties/legal-forms.js';
import { IDENTITY_DOCUMENTS } from '../../domain/incident/incident.js';
import { normaliseCountryCode } from '../../domain/parties/countries.js';
import { DETECTING_METHODS, SELECTION_REASONS, SEARCH_RESULTS } from '../../domain/incident/search.js';
import { CONCEALMENT, RISK_TO_LIFE } from '../../domain/incident/incident.js';
import { portName } from '../../domain/reference/ports.js';

/*
 * Names, not codes, on every page: "Poland" not "PL", "Sp. z o.o." not "SP-ZOO", "Company number" not
 * "company-number", "Exact match on the watchlist" not "watchlist exact". One place for every such
 * name; views use it through the `named` filter: `{{ c.vehicleCountry | named("country") }}`. A code
 * with no name is shown as it is (never an empty cell), so a new code is visible, not hidden.
 */

const regionNames = new Intl.DisplayNames(['en-GB'], { type: 'region', fallback: 'none' });

export function countryName(code: string | null | undefined): string {
  if (!code) return '';
  const iso = normaliseCountryCode(code);
  if (!iso) return code;
  if (iso === 'GB') return 'United Kingdom';
  return VEHICLE_COUNTRIES[iso] ?? regionNames.of(iso) ?? code;
}

export function legalFormName(code: string | null | undefined): string {
  if (!code) return '';
  return LEGAL_FORMS.find((form) => form.code === code)?.label ?? code;
}

const IDENTIFIER_KIND_NAMES: Readonly<Record<string, string>> = { ...IDENTITY_DOCUMENTS, other: 'Other identifier' };

export function identifierKindName(kind: string | null | undefined): string {
  if (!kind) return '';
  return IDENTIFIER_KIND_NAMES[kind] ?? kind;
}

const LIST_NAMES: Readonly<Record<string, string>> = { watchlist: 'the watchlist', VAL: 'the Vehicle Action List' };
const CERTAINTY_NAMES: Readonly<Record<string, string>> = { exact: 'Exact match', possible: 'Possible match' };

/** A number-plate check's match: "Exact match on the watchlist", "Possible match on the Vehicle Action List". */
export function plateMatchName(match: { list: string; certainty: string } | null | undefined): string {
  if (!match) return '';
  return `${CERTAINTY_NAMES[match.certainty] ?? match.certainty} on ${LIST_NAMES[match.list] ?? match.list}`;
}

/** A code's name from one of the domain's lists; an unknown code as it is, never an empty cell. */
function codeName(names: Readonly<Record<string, string>>, code: unknown): string {
  if (typeof code !== 'string' || !code) return '';
  return Object.hasOwn(names, code) ? names[code]! : code;
}

export const NAMES = {
  country: countryName,
  legalForm: legalFormName,
  identifierKind: identifierKindName,
  plateMatch: plateMatchName,
  // Detection data (issue #14 item 3): a method, a selection, a result, a concealment, a port by name.
  detectingMethod: (code: unknown) => codeName(DETECTING_METHODS, code),
  selectionReason: (code: unknown) => codeName(SELECTION_REASONS, code),
  searchResult: (code: unknown) => codeName(SEARCH_RESULTS, code),
  concealment: (code: unknown) => codeName(CONCEALMENT, code),
  riskToLife: (code: unknown) => codeName(RISK_TO_LIFE, code),
  port: (code: unknown) => (typeof code === 'string' && code ? portName(code) : ''),
} as const;

export type NameKind = keyof typeof NAMES;

/** The `named` filter: `value | named("country")`. An unknown kind is a template's bug: it throws. */
export function named(value: unknown, kind: string): string {
  if (!Object.hasOwn(NAMES, kind)) throw new Error(`No names for "${kind}": use one of ${Object.keys(NAMES).join(', ')}`);
  const name = NAMES[kind as NameKind] as (v: unknown) => string;
  return name(value);
}
