import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../platform/database/client.js';
import { insertRowsFromJson } from '../../platform/database/json-rows.js';
import type { ProjectedEvent, Projector } from '../../platform/projections/projector.js';
import { isEventOf } from '../../domain/events.js';
import { PARTY_EVENT, VEHICLE_EVENT } from '../../domain/parties/events.js';
import { normaliseRegistration } from '../../domain/parties/registrations.js';
import {
  employmentLinks,
  matchRejections,
  nameTokens,
  parties,
  partyAddresses,
  partyContacts,
  partyIdentifiers,
  partyNames,
  partyNameTokens,
  vehicleLinks,
  vehicles,
} from './schema.js';
import { addressRows, contactRows, derivedId, employmentRows, identifierRows, nameRows, partyRow, registeredDetails, registeredNames, type PartyDetails } from './rows.js';

/**
 * The only writer of the register's tables, from the `party` and `vehicle` streams. A merge only
 * moves the `merged_into` pointer, so an entry's rows and its words in the search index
 * (`party_name_tokens`, with each word's count in `name_tokens`) change only when it is registered
 * or carried over.
 */
export const partiesProjector: Projector = {
  module: 'parties',
  tables: [parties, partyNames, partyIdentifiers, partyAddresses, partyContacts, vehicles, vehicleLinks, employmentLinks, matchRejections, nameTokens, partyNameTokens],
  streamTypes: ['party', 'vehicle'],
  async apply(tx, event) {
    const source = { streamId: event.streamId, version: event.version };
    if (isEventOf(event, PARTY_EVENT.PartyRegistered)) {
      const registered = event.payload;
      await tx.insert(parties).values(partyRow(registered, source, event.occurredAt));
      await writeDetails(tx, registered.partyId, registered.kind, { names: registeredNames(registered), ...registeredDetails(registered), employment: [] }, source);
    } else if (isEventOf(event, PARTY_EVENT.PartyCarriedOver)) {
      const carried = event.payload;
      const [party] = await tx.select({ kind: parties.kind }).from(parties).where(eq(parties.id, carried.partyId));
      await tx.delete(partyNames).where(eq(partyNames.partyId, carried.partyId));
      await tx.delete(partyIdentifiers).where(eq(partyIdentifiers.partyId, carried.partyId));
      await tx.delete(partyAddresses).where(eq(partyAddresses.partyId, carried.partyId));
      await tx.delete(partyContacts).where(eq(partyContacts.partyId, carried.partyId));
      await tx.delete(employmentLinks).where(eq(employmentLinks.personId, carried.partyId));
      await unindexNameWords(tx, carried.partyId);
      await writeDetails(tx, carried.partyId, party?.kind ?? 'person', carried, source);
    } else if (isEventOf(event, PARTY_EVENT.PartyDetailsAdded)) {
      // New records beside the entry's own (ids from this event); a date of birth, nationality or language only fills a gap.
      const added = event.payload;
      const details = registeredDetails(added);
      const identifiers = identifierRows(added.partyId, details.identifiers, source);
      if (identifiers.length) await tx.insert(partyIdentifiers).values(identifiers);
      const addresses = addressRows(added.partyId, details.addresses, source);
      if (addresses.length) await tx.insert(partyAddresses).values(addresses);
      const contacts = contactRows(added.partyId, details.contacts, source);
      if (contacts.length) await tx.insert(partyContacts).values(contacts);
      await tx
        .update(parties)
        .set({
          dateOfBirth: sql`coalesce(${parties.dateOfBirth}, ${added.dateOfBirth ?? null})`,
          nationality: sql`coalesce(${parties.nationality}, ${added.nationality ?? null})`,
          language: sql`coalesce(${parties.language}, ${added.language ?? null})`,
          version: event.version,
        })
        .where(eq(parties.id, added.partyId));
    } else if (isEventOf(event, PARTY_EVENT.PartyMerged)) {
      await tx.update(parties).set({ mergedInto: event.payload.into, version: event.version }).where(eq(parties.id, event.payload.partyId));
    } else if (isEventOf(event, PARTY_EVENT.PartyUnmerged)) {
      await tx.update(parties).set({ mergedInto: null, version: event.version }).where(eq(parties.id, event.payload.partyId));
    } else if (isEventOf(event, PARTY_EVENT.MatchRejected)) {
      const [a, b] = [event.payload.partyId, event.payload.otherId].sort() as [string, string];
      await tx.insert(matchRejections).values({ partyA: a, partyB: b, decidedBy: event.actorName, decidedAt: event.occurredAt, reason: event.payload.reason, score: event.payload.score });
    } else if (isEventOf(event, PARTY_EVENT.EmploymentLinked)) {
      const { personId, organisationId, relationship, validFrom, validTo } = event.payload;
      await tx.insert(employmentLinks).values({ id: derivedId(source, 'employment'), personId, organisationId, relationship, validFrom: validFrom ?? null, validTo: validTo ?? null });
    } else if (isEventOf(event, VEHICLE_EVENT.VehicleRegistered)) {
      const { vehicleId, registration, country, kind } = event.payload;
      await tx.insert(vehicles).values({ id: vehicleId, registration, registrationKey: normaliseRegistration(registration), country, kind, createdAt: event.occurredAt });
    } else if (isEventOf(event, VEHICLE_EVENT.VehicleLinked)) {
      const { vehicleId, partyId, role, validFrom } = event.payload;
      await tx.insert(vehicleLinks).values({ id: derivedId(source, 'link'), vehicleId, partyId, role, validFrom: validFrom ?? null });
    } else if (isEventOf(event, VEHICLE_EVENT.VehicleCarriedOver)) {
      const { vehicleId, links } = event.payload;
      await tx.delete(vehicleLinks).where(eq(vehicleLinks.vehicleId, vehicleId));
      if (links.length) await tx.insert(vehicleLinks).values(links.map((l, i) => ({ id: derivedId(source, 'link', i), vehicleId, ...l })));
    }
  },
  async applyBatch(tx, events) {
    // New entries in bulk; anything else event by event, in order.
    if (events.every((event) => event.type === PARTY_EVENT.PartyRegistered)) return registerInBulk(tx, events);
    for (const event of events) await partiesProjector.apply(tx, event);
  },
};

/** An entry's names (and their words in the search index), identifiers, addresses, contacts and employment. */
async function writeDetails(tx: Db, partyId: string, kind: string, details: PartyDetails, source: { streamId: string; version: number }): Promise<void> {
  const names = nameRows(partyId, kind, details.names, source);
  if (names.rows.length) await tx.insert(partyNames).values(names.rows);
  await indexNameWords(tx, partyId, names.tokens);
  const identifiers = identifierRows(partyId, details.identifiers, source);
  if (identifiers.length) await tx.insert(partyIdentifiers).values(identifiers);
  const addresses = addressRows(partyId, details.addresses, source);
  if (addresses.length) await tx.insert(partyAddresses).values(addresses);
  const contacts = contactRows(partyId, details.contacts, source);
  if (contacts.length) await tx.insert(partyContacts).values(contacts);
  const employment = employmentRows(partyId, details.employment, source);
  if (employment.length) await tx.insert(employmentLinks).values(employment);
}

/** Rows per multi-row insert of `registerInBulk`. */
const ROWS_PER_INSERT = 1000;

async function insertInChunks<T extends Record<string, unknown>>(tx: Db, table: Parameters<Db['insert']>[0], rows: readonly T[]): Promise<void> {
  await insertRowsFromJson(tx, table as PgTable, rows as never, { perStatement: ROWS_PER_INSERT });
}

/**
 * Many `PartyRegistered` at once (batch work: the legacy import): the rows `apply` makes for each,
 * by multi-row inserts, and each name word's count raised by the number of new entries using it —
 * what registering them one by one leaves.
 */
async function registerInBulk(tx: Db, events: readonly ProjectedEvent[]): Promise<void> {
  const partyRows = [];
  const names = [];
  const identifiers = [];
  const addresses = [];
  const contacts = [];
  const postings = new Map<string, { token: string; partyId: string }>();
  for (const event of events) {
    if (!isEventOf(event, PARTY_EVENT.PartyRegistered)) throw new Error('registerInBulk takes PartyRegistered only');
    const registered = event.payload;
    const source = { streamId: event.streamId, version: event.version };
    partyRows.push(partyRow(registered, source, event.occurredAt));
    const named = nameRows(registered.partyId, registered.kind, registeredNames(registered), source);
    names.push(...named.rows);
    for (const token of named.tokens) postings.set(`${token}\u0000${registered.partyId}`, { token, partyId: registered.partyId });
    const details = registeredDetails(registered);
    identifiers.push(...identifierRows(registered.partyId, details.identifiers, source));
    addresses.push(...addressRows(registered.partyId, details.addresses, source));
    contacts.push(...contactRows(registered.partyId, details.contacts, source));
  }
  await insertInChunks(tx, parties, partyRows);
  await insertInChunks(tx, partyNames, names);
  await insertInChunks(tx, partyIdentifiers, identifiers);
  await insertInChunks(tx, partyAddresses, addresses);
  await insertInChunks(tx, partyContacts, contacts);
  await insertInChunks(tx, partyNameTokens, [...postings.values()]);
  const frequency = new Map<string, number>();
  for (const { token } of postings.values()) frequency.set(token, (frequency.get(token) ?? 0) + 1);
  // In token order: two batches written at once then lock the counts they share in the same order
  // (one waits for the other, neither for each other).
  const counts = [...frequency].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([token, n]) => ({ token, frequency: n }));
  for (let i = 0; i < counts.length; i += ROWS_PER_INSERT) {
    await tx
      .insert(nameTokens)
      .values(counts.slice(i, i + ROWS_PER_INSERT))
      .onConflictDoUpdate({ target: nameTokens.token, set: { frequency: sql`${nameTokens.frequency} + excluded.frequency` } });
  }
}

/** Adds a party's name words to the posting lists and the vocabulary's counts. */
async function indexNameWords(tx: Db, partyId: string, words: readonly string[]): Promise<void> {
  if (!words.length) return;
  const added = await tx
    .insert(partyNameTokens)
    .values(words.map((token) => ({ token, partyId })))
    .onConflictDoNothing()
    .returning({ token: partyNameTokens.token });
  if (!added.length) return;
  await tx
    .insert(nameTokens)
    .values(added.map(({ token }) => ({ token, frequency: 1 })))
    .onConflictDoUpdate({ target: nameTokens.token, set: { frequency: sql`${nameTokens.frequency} + 1` } });
}

/** Takes a party's words out of the posting lists; a word no party uses any more leaves the vocabulary. */
async function unindexNameWords(tx: Db, partyId: string): Promise<void> {
  const removed = (await tx.delete(partyNameTokens).where(eq(partyNameTokens.partyId, partyId)).returning({ token: partyNameTokens.token })).map((r) => r.token);
  if (!removed.length) return;
  await tx.update(nameTokens).set({ frequency: sql`${nameTokens.frequency} - 1` }).where(inArray(nameTokens.token, removed));
  await tx.delete(nameTokens).where(and(inArray(nameTokens.token, removed), lte(nameTokens.frequency, 0)));
}
