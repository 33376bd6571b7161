import { z } from 'zod';
import { addressInput } from '../incident/incident.js';
import { calendarDate, countryCode, eventNames, id, type EventUnion } from '../event-schemas.js';
import { IDENTIFIER_KINDS } from './identifiers.js';
import { migratedField } from '../legacy-import/provenance.js';

/*
 * The parties register's streams: `party` (`party-<id>`: an entry, its merges and the matches
 * rejected for it, employment) and `vehicle` (`vehicle-<id>`: a registration and who owns, operates
 * or hires it).
 */

export const PARTY_EVENTS = {
  /** A new register entry, with everything known about it when it was registered. */
  PartyRegistered: z.strictObject({
    partyId: id,
    kind: z.enum(['person', 'organisation']),
    name: z.string().min(1),
    otherNames: z.array(z.string()).optional(),
    /** Names the party used before, with when (a company renamed, a name before marriage). */
    formerNames: z.array(z.strictObject({ name: z.string(), validFrom: calendarDate.optional(), validTo: calendarDate })).optional(),
    country: countryCode.optional(),
    dateOfBirth: calendarDate.optional(),
    nationality: countryCode.optional(),
    identifiers: z.array(z.strictObject({ kind: z.enum(IDENTIFIER_KINDS), value: z.string(), country: countryCode.optional() })).optional(),
    addresses: z.array(z.strictObject(addressInput.shape)).optional(),
    emails: z.array(z.string()).optional(),
    phones: z.array(z.string()).optional(),
    /** The language letters to the party are written in (ISO 639-1), as recorded at the border. */
    language: z.string().regex(/^[a-z]{2}$/).optional(),
    /** Registered by the legacy import (src/domain/legacy-import): the database file and the line of its first spelling. */
    ...migratedField,
  }),
  /**
   * Details added to an entry as new records, never overwriting what it has: an address recorded
   * in the register, or what the border recorded about a person confirmed from a case
   * (`caseReference`) that the entry did not have. A date of birth, nationality or language only
   * when the entry had none.
   */
  PartyDetailsAdded: z.strictObject({
    partyId: id,
    identifiers: z.array(z.strictObject({ kind: z.enum(IDENTIFIER_KINDS), value: z.string(), country: countryCode.optional() })).optional(),
    addresses: z.array(z.strictObject(addressInput.shape)).optional(),
    emails: z.array(z.string()).optional(),
    phones: z.array(z.string()).optional(),
    dateOfBirth: calendarDate.optional(),
    nationality: countryCode.optional(),
    language: z.string().regex(/^[a-z]{2}$/).optional(),
    /** The case whose border record the details came from; absent when recorded in the register itself. */
    caseReference: z.string().optional(),
  }),
  /** Two entries are one identity: `partyId` now points at `into`. */
  PartyMerged: z.strictObject({ partyId: id, into: id, reason: z.string() }),
  PartyUnmerged: z.strictObject({ partyId: id, from: id, reason: z.string() }),
  /** The two are not the same, so they are not proposed to each other again. */
  MatchRejected: z.strictObject({ partyId: id, otherId: id, reason: z.string(), score: z.number().nullable() }),
  /** A driver works for (or drives under contract to) an organisation; on the person's stream. */
  EmploymentLinked: z.strictObject({
    personId: id,
    organisationId: id,
    relationship: z.enum(['employee', 'contractor', 'agency']),
    validFrom: calendarDate.optional(),
    validTo: calendarDate.optional(),
  }),
  /**
   * An entry registered before its rows were made from events alone, carried over once on upgrade
   * with its names, identifiers, addresses, contacts and employment as the register held them (the
   * rows' own ids then follow this event, like every other row's).
   */
  PartyCarriedOver: z.strictObject({
    partyId: id,
    names: z.array(z.strictObject({ name: z.string().min(1), validFrom: calendarDate.nullable(), validTo: calendarDate.nullable() })),
    identifiers: z.array(z.strictObject({ kind: z.string().min(1), country: z.string().nullable(), value: z.string() })),
    addresses: z.array(
      z.strictObject({
        line1: z.string(),
        line2: z.string().nullable(),
        town: z.string().nullable(),
        region: z.string().nullable(),
        postcode: z.string().nullable(),
        country: z.string(),
        validFrom: calendarDate.nullable(),
        validTo: calendarDate.nullable(),
      }),
    ),
    contacts: z.array(z.strictObject({ kind: z.string().min(1), value: z.string() })),
    /** The organisations this person works for (on the person's stream, as `EmploymentLinked`). */
    employment: z.array(
      z.strictObject({ organisationId: id, relationship: z.string().min(1), validFrom: calendarDate.nullable(), validTo: calendarDate.nullable() }),
    ),
  }),
};

export const VEHICLE_EVENTS = {
  VehicleRegistered: z.strictObject({ vehicleId: id, registration: z.string().min(1), country: countryCode, kind: z.enum(['hgv-tractor', 'trailer', 'van', 'car', 'coach']) }),
  VehicleLinked: z.strictObject({ vehicleId: id, partyId: id, role: z.enum(['owner', 'operator', 'hirer']), validFrom: calendarDate.optional() }),
  /** A vehicle's links registered before its rows were made from events alone, carried over once on upgrade. */
  VehicleCarriedOver: z.strictObject({
    vehicleId: id,
    links: z.array(z.strictObject({ partyId: id, role: z.string().min(1), validFrom: calendarDate.nullable(), validTo: calendarDate.nullable() })),
  }),
};

/** `PARTY_EVENT.PartyMerged` is `'PartyMerged'`. */
export const PARTY_EVENT = eventNames(PARTY_EVENTS);
/** `VEHICLE_EVENT.VehicleRegistered` is `'VehicleRegistered'`. */
export const VEHICLE_EVENT = eventNames(VEHICLE_EVENTS);

export type PartyEvent = EventUnion<typeof PARTY_EVENTS>;
export type VehicleEvent = EventUnion<typeof VEHICLE_EVENTS>;
/** The payload of a party event: `PartyEventPayload<typeof PARTY_EVENT.PartyMerged>`. */
export type PartyEventPayload<K extends PartyEvent['type']> = Extract<PartyEvent, { type: K }>['payload'];
