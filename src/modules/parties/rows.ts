import { createHash } from 'node:crypto';
import { normaliseName } from '../../domain/parties/names.js';
import { normaliseIdentifier, type IdentifierKind } from '../../domain/parties/identifiers.js';
import { normalisePostcode } from '../../domain/parties/addresses.js';
import type { PARTY_EVENT, PartyEventPayload } from '../../domain/parties/events.js';
import type { employmentLinks, partyAddresses, partyContacts, partyIdentifiers, partyNames } from './schema.js';

/*
 * The rows the parties projector writes, built from an event alone (pure: no reads, no writes,
 * no clock, no random ids). The normalised forms (name keys, identifier and postcode forms, name
 * words) are derived here by the domain's functions, so a rebuild derives them again the same way.
 */

type Registered = PartyEventPayload<typeof PARTY_EVENT.PartyRegistered>;
type CarriedOver = PartyEventPayload<typeof PARTY_EVENT.PartyCarriedOver>;
type DetailsAdded = PartyEventPayload<typeof PARTY_EVENT.PartyDetailsAdded>;

/** An entry's names, identifiers, addresses, contacts and employment, as a carried-over entry has them. */
export type PartyDetails = Omit<CarriedOver, 'partyId'>;

/** Where a row comes from: its event's place on its stream. */
export interface RowSource {
  streamId: string;
  version: number;
}

/**
 * The id of the `index`th row of a `part` made by the event at `version` of `streamId`: the same
 * every time the log is replayed. Shaped as a UUID version 8 (made by the application), so the
 * random ids that earlier code gave (version 4) are told apart by `isDerivedId`.
 */
export function derivedId(source: RowSource, part: string, index = 0): string {
  const hex = createHash('sha256').update(`${source.streamId}/${source.version}/${part}/${index}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export type NameEntry = { name: string; validFrom: string | null; validTo: string | null };

export function registeredNames(event: Registered): NameEntry[] {
  return [
    ...[event.name, ...(event.otherNames ?? [])].map((name) => ({ name, validFrom: null, validTo: null })),
    ...(event.formerNames ?? []).map((f) => ({ name: f.name, validFrom: f.validFrom ?? null, validTo: f.validTo })),
  ];
}

/** The party's own facts (its `parties` row less `mergedInto`). */
export function partyRow(event: Registered, source: RowSource, occurredAt: Date) {
  return {
    id: event.partyId,
    kind: event.kind,
    displayName: event.name,
    country: event.country ?? null,
    dateOfBirth: event.dateOfBirth ?? null,
    nationality: event.nationality ?? null,
    legalFormCode: event.kind === 'organisation' ? normaliseName(event.name).legalFormCode : null,
    language: event.language ?? null,
    createdAt: occurredAt,
    version: source.version,
  };
}

/** Each name with its normalised forms for matching and search, and the words it adds to the search index. */
export function nameRows(partyId: string, kind: string, names: readonly NameEntry[], source: RowSource): { rows: (typeof partyNames.$inferInsert)[]; tokens: string[] } {
  const normalised = names.map((entry) => ({ entry, n: normaliseName(entry.name, { legalForms: kind === 'organisation' }) }));
  return {
    rows: normalised.map(({ entry, n }, i) => ({
      id: derivedId(source, 'name', i),
      partyId,
      name: entry.name,
      core: n.core,
      key: n.key,
      alternativeKey: n.alternativeKey,
      validFrom: entry.validFrom,
      validTo: entry.validTo,
    })),
    tokens: searchWords(normalised.flatMap(({ n }) => n.tokens)),
  };
}

/** The words of a party's names that the candidate search follows: each once, of two letters or more. */
export function searchWords(tokens: readonly string[]): string[] {
  return [...new Set(tokens.filter((t) => t.length >= 2))];
}

export function identifierRows(
  partyId: string,
  identifiers: readonly { kind: string; value: string; country: string | null }[],
  source: RowSource,
): (typeof partyIdentifiers.$inferInsert)[] {
  return identifiers.map((i, index) => ({
    id: derivedId(source, 'identifier', index),
    partyId,
    kind: i.kind,
    country: i.country,
    value: i.value,
    normalised: normaliseIdentifier(i.kind as IdentifierKind, i.country, i.value),
  }));
}

export function addressRows(partyId: string, addresses: CarriedOver['addresses'], source: RowSource): (typeof partyAddresses.$inferInsert)[] {
  return addresses.map((a, index) => ({
    id: derivedId(source, 'address', index),
    partyId,
    ...a,
    postcodeNormalised: a.postcode ? normalisePostcode(a.postcode, a.country) : null,
  }));
}

export function contactRows(partyId: string, contacts: readonly { kind: string; value: string }[], source: RowSource): (typeof partyContacts.$inferInsert)[] {
  return contacts.map((c, index) => ({ id: derivedId(source, 'contact', index), partyId, kind: c.kind, value: c.value }));
}

export function employmentRows(personId: string, links: CarriedOver['employment'], source: RowSource): (typeof employmentLinks.$inferInsert)[] {
  return links.map((l, index) => ({ id: derivedId(source, 'employment', index), personId, ...l }));
}

/** A registration's identifiers, addresses and contacts in the shape a carried-over entry has them. */
export function registeredDetails(event: Registered | DetailsAdded): Pick<CarriedOver, 'identifiers' | 'addresses' | 'contacts'> {
  return {
    identifiers: (event.identifiers ?? []).map((i) => ({ kind: i.kind, value: i.value, country: i.country ?? ('country' in event ? event.country : undefined) ?? null })),
    addresses: (event.addresses ?? []).map((a) => ({
      line1: a.line1,
      line2: a.line2 ?? null,
      town: a.town ?? null,
      region: a.region ?? null,
      postcode: a.postcode ?? null,
      country: a.country,
      validFrom: null,
      validTo: null,
    })),
    contacts: [...(event.emails ?? []).map((value) => ({ kind: 'email', value })), ...(event.phones ?? []).map((value) => ({ kind: 'phone', value }))],
  };
}
