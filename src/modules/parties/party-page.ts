import { PARTY_EVENT } from '../../domain/parties/events.js';
import { legalFormByCode } from '../../domain/parties/legal-forms.js';
import { VEHICLE_COUNTRIES } from '../../domain/reference/ports.js';
import { formatDate } from '../../platform/i18n/format.js';

/*
 * What the party page shows, in words: countries, legal forms, identifier kinds and languages by
 * name, and each event of the entry's history as a sentence.
 */

const IDENTIFIER_KIND_NAMES: Record<string, string> = {
  vat: 'VAT number',
  'company-number': 'Company number',
  'operator-licence': 'Operator licence',
  'driving-licence': 'Driving licence',
  passport: 'Passport',
  'identity-card': 'National identity card',
  other: 'Other identifier',
};

export const VEHICLE_KIND_NAMES: Record<string, string> = { 'hgv-tractor': 'Lorry (tractor unit)', trailer: 'Trailer', van: 'Van', car: 'Car', coach: 'Coach' };
export const VEHICLE_ROLE_NAMES: Record<string, string> = { owner: 'Owner', operator: 'Operator', hirer: 'Hirer' };
export const RELATIONSHIP_NAMES: Record<string, string> = { employee: 'Employee', contractor: 'Contractor', agency: 'Agency driver' };

export function identifierKindName(kind: string): string {
  return IDENTIFIER_KIND_NAMES[kind] ?? kind.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

/** "PL" → "Poland"; a code no list knows is shown as given. */
export function countryName(code: string | null | undefined): string | null {
  if (!code) return null;
  const upper = code.trim().toUpperCase();
  if (VEHICLE_COUNTRIES[upper]) return VEHICLE_COUNTRIES[upper]!;
  if (!/^[A-Z]{2}$/.test(upper)) return code;
  try {
    return new Intl.DisplayNames(['en-GB'], { type: 'region', fallback: 'code' }).of(upper) ?? upper;
  } catch {
    return upper;
  }
}

/** "pl" → "Polish". */
export function languageName(code: string | null | undefined): string | null {
  if (!code) return null;
  try {
    return new Intl.DisplayNames(['en-GB'], { type: 'language', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** "SP-ZOO" → "Sp. z o.o." (the usual spelling), with its countries' names when it has a few. */
export function legalFormName(code: string | null | undefined): string | null {
  if (!code) return null;
  const form = legalFormByCode(code);
  return form ? form.label : code;
}

/** The country options of a form's select, the chosen one marked; names, not codes. */
export function countryOptions(selected?: string) {
  const chosen = (selected ?? '').toUpperCase();
  const known = Object.entries(VEHICLE_COUNTRIES).sort((a, b) => a[1].localeCompare(b[1]));
  const options = known.map(([value, text]) => ({ value, text, selected: value === chosen }));
  if (chosen && !VEHICLE_COUNTRIES[chosen] && /^[A-Z]{2}$/.test(chosen)) options.push({ value: chosen, text: countryName(chosen) ?? chosen, selected: true });
  return [{ value: '', text: 'Choose a country', selected: !chosen }, ...options];
}

export interface AddressLike {
  line1: string;
  line2?: string | null;
  town?: string | null;
  region?: string | null;
  postcode?: string | null;
  country: string;
}

export function addressInWords(a: AddressLike): string {
  return [a.line1, a.line2, [a.postcode, a.town].filter(Boolean).join(' '), a.region, countryName(a.country)].filter((part) => part && String(part).trim()).join(', ');
}

interface HistoryEvent {
  type: string;
  payload: Record<string, unknown>;
  actorName: string;
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** One event of the entry's history as a sentence, without who and when (the page adds them). */
export function historySentence(event: HistoryEvent, nameOf: (partyId: string) => string): string {
  const p = event.payload;
  const arr = (key: string) => (Array.isArray(p[key]) ? (p[key] as unknown[]) : []);
  switch (event.type) {
    case PARTY_EVENT.PartyRegistered:
      return `Registered as ${p.kind === 'person' ? 'a person' : 'an organisation'} named ${String(p.name)}`;
    case PARTY_EVENT.PartyDetailsAdded: {
      const parts = [
        ...arr('addresses').map((a) => `address ${addressInWords(a as AddressLike)}`),
        ...arr('identifiers').map((i) => `${identifierKindName(String((i as { kind: string }).kind)).toLowerCase()} ${String((i as { value: string }).value)}`),
        ...arr('emails').map((e) => `email ${String(e)}`),
        ...arr('phones').map((ph) => `phone ${String(ph)}`),
        ...(p.dateOfBirth ? ['date of birth'] : []),
        ...(p.nationality ? [`nationality ${countryName(String(p.nationality))}`] : []),
        ...(p.language ? [`language ${languageName(String(p.language))}`] : []),
      ];
      const what = parts.length ? parts.join('; ') : 'details';
      return p.caseReference ? `Added from case ${String(p.caseReference)}: ${what}` : `Added ${what}`;
    }
    case PARTY_EVENT.PartyMerged:
      return `Merged into ${nameOf(String(p.into))}`;
    case PARTY_EVENT.PartyUnmerged:
      return `Merge with ${nameOf(String(p.from))} undone`;
    case PARTY_EVENT.MatchRejected:
      return `Marked as not the same as ${nameOf(String(p.otherId))}`;
    case PARTY_EVENT.EmploymentLinked:
      return `Recorded as ${(RELATIONSHIP_NAMES[String(p.relationship)] ?? String(p.relationship)).toLowerCase()} of ${nameOf(String(p.organisationId))}${p.validFrom ? ` from ${formatDate('en', String(p.validFrom))}` : ''}`;
    case PARTY_EVENT.PartyCarriedOver:
      return `Carried over from the earlier register (${count(arr('names').length, 'name')}, ${count(arr('addresses').length, 'address', 'addresses')})`;
    default:
      return event.type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().replace(/^./, (c) => c.toUpperCase());
  }
}
