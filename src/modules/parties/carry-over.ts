import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import { rowsOf } from '../../platform/database/client.js';
import { appendEvents, streamVersion, type Actor, type NewEvent } from '../../platform/events/event-store.js';
import { project } from '../../platform/projections/projector.js';
import { PARTY_EVENT, VEHICLE_EVENT } from '../../domain/parties/events.js';
import { employmentLinks, partyAddresses, partyContacts, partyIdentifiers, partyNames, vehicleLinks } from './schema.js';
import { partiesProjector } from './projector.js';
import { oneAfterAnother } from '../../platform/database/one-after-another.js';

/*
 * Upgrade step (run by `prepareDatabase` after the migrations): earlier code gave the rows of a
 * register entry's names, identifiers, addresses, contacts, employment and vehicle links random
 * ids (UUID version 4) that no event holds, so a replay of the log could not make them again.
 * Each such entry (or vehicle) gets, once, a `PartyCarriedOver` (`VehicleCarriedOver`) event with
 * those rows as the register holds them, appended to its own stream (so the hash chain holds) and
 * applied by the projector like any other: its rows then have ids derived from that event (UUID
 * version 8), which is also what makes the step idempotent. Rows of entries that have no stream at
 * all (loaded by hand, e.g. by a benchmark) are not part of the record and are left alone.
 */

const CARRIER: Actor = { id: 'system', name: 'Cordon (upgrade)', roles: ['administrator'] };

/** Not an id the projector derives (its version nibble is not 8): made by earlier code. Read as bytes, it costs little more than the scan. */
const randomId = (column: string) => sql.raw(`(get_byte(uuid_send(${column}), 6) >> 4) <> 8`);

export async function carryOverRegister(db: Db, now = new Date()): Promise<{ parties: number; vehicles: number }> {
  const partyIds = rowsOf<{ id: string }>(
    await db.execute(sql`
      select distinct old.id from (
        select party_id as id from party_names where ${randomId('id')}
        union select party_id from party_identifiers where ${randomId('id')}
        union select party_id from party_addresses where ${randomId('id')}
        union select party_id from party_contacts where ${randomId('id')}
        union select person_id from employment_links where ${randomId('id')}
      ) old
      where exists (select 1 from events e where e.stream_id = 'party-' || old.id::text)
      order by old.id`),
  ).map((r) => r.id);
  for (const partyId of partyIds) {
    await db.transaction(async (tx) => {
      const [names, identifiers, addresses, contacts, employment] = await oneAfterAnother([
        tx.select().from(partyNames).where(eq(partyNames.partyId, partyId)).orderBy(asc(partyNames.id)),
        tx.select().from(partyIdentifiers).where(eq(partyIdentifiers.partyId, partyId)).orderBy(asc(partyIdentifiers.id)),
        tx.select().from(partyAddresses).where(eq(partyAddresses.partyId, partyId)).orderBy(asc(partyAddresses.id)),
        tx.select().from(partyContacts).where(eq(partyContacts.partyId, partyId)).orderBy(asc(partyContacts.id)),
        tx.select().from(employmentLinks).where(eq(employmentLinks.personId, partyId)).orderBy(asc(employmentLinks.id)),
      ]);
      await carryOver(tx, `party-${partyId}`, 'party', now, {
        type: PARTY_EVENT.PartyCarriedOver,
        payload: {
          partyId,
          names: names.map(({ name, validFrom, validTo }) => ({ name, validFrom, validTo })),
          identifiers: identifiers.map(({ kind, country, value }) => ({ kind, country, value })),
          addresses: addresses.map(({ line1, line2, town, region, postcode, country, validFrom, validTo }) => ({ line1, line2, town, region, postcode, country, validFrom, validTo })),
          contacts: contacts.map(({ kind, value }) => ({ kind, value })),
          employment: employment.map(({ organisationId, relationship, validFrom, validTo }) => ({ organisationId, relationship, validFrom, validTo })),
        },
      });
    });
  }
  const vehicleIds = rowsOf<{ id: string }>(
    await db.execute(sql`
      select distinct vehicle_id as id from vehicle_links l
      where ${randomId('l.id')} and exists (select 1 from events e where e.stream_id = 'vehicle-' || l.vehicle_id::text)
      order by vehicle_id`),
  ).map((r) => r.id);
  for (const vehicleId of vehicleIds) {
    await db.transaction(async (tx) => {
      const links = await tx.select().from(vehicleLinks).where(eq(vehicleLinks.vehicleId, vehicleId)).orderBy(asc(vehicleLinks.id));
      await carryOver(tx, `vehicle-${vehicleId}`, 'vehicle', now, {
        type: VEHICLE_EVENT.VehicleCarriedOver,
        payload: { vehicleId, links: links.map(({ partyId, role, validFrom, validTo }) => ({ partyId, role, validFrom, validTo })) },
      });
    });
  }
  return { parties: partyIds.length, vehicles: vehicleIds.length };
}

async function carryOver(tx: Db, streamId: string, streamType: string, now: Date, event: NewEvent): Promise<void> {
  const expectedVersion = await streamVersion(tx, streamId);
  await appendEvents(tx, { streamId, streamType, expectedVersion, events: [event], actor: CARRIER, occurredAt: now });
  await project(tx, [partiesProjector], [
    { streamId, streamType, version: expectedVersion + 1, type: event.type, payload: JSON.parse(JSON.stringify(event.payload)) as Record<string, unknown>, actorId: CARRIER.id, actorName: CARRIER.name, occurredAt: now },
  ]);
}
