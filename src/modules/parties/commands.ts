import { randomUUID } from 'node:crypto';
import { and, eq, inArray, or } from 'drizzle-orm';
import { z } from 'zod';
import type { CommandDefinition } from '../../platform/events/command.js';
import type { Db } from '../../platform/database/client.js';
import { streamVersion } from '../../platform/events/event-store.js';
import { IDENTIFIER_KINDS } from '../../domain/parties/identifiers.js';
import { isRealDate } from '../../domain/incident/referral.js';
import { bornInRange } from '../../domain/clock/plausible-dates.js';
import { addressInput } from '../../domain/incident/incident.js';
import {
  addressComparisonKey,
  decideAddBorderDetails,
  decideRecordPartyAddress,
  decideLinkEmployment,
  decideMergeParties,
  decideRegisterParty,
  decideRegisterVehicle,
  decideRejectMatch,
  decideUnmergeParty,
  type EmploymentState,
  type MatchRejectionState,
  type MergeState,
  type PartyDetailsState,
  type UnmergeState,
  type VehicleState,
} from '../../domain/parties/decisions.js';
import { CASEWORKERS, REFERRERS } from '../identity/roles.js';
import { matchRejections, parties, partyAddresses, partyContacts, partyIdentifiers, vehicles } from './schema.js';
import { partiesProjector } from './projector.js';
import { normaliseRegistration } from '../../domain/parties/registrations.js';

const country = z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'Enter the country as a two-letter code, for example PL');
const optionalDate = (what: string) =>
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, `Enter the ${what} as year-month-day`).refine(isRealDate, `Enter a real ${what}`);


export const registerPartyInput = z.object({
  kind: z.enum(['person', 'organisation'], { message: 'Choose person or organisation' }),
  name: z.string({ message: 'Enter the name' }).trim().min(1, 'Enter the name').max(300),
  otherNames: z.array(z.string().trim().min(1).max(300)).max(20).optional(),
  /** Names the party used before, with when (a company renamed, a name before marriage). */
  formerNames: z
    .array(z.object({ name: z.string().trim().min(1).max(300), validFrom: optionalDate('date the name was first used').optional(), validTo: optionalDate('date the name stopped being used') }))
    .max(20)
    .optional(),
  country: country.optional(),
  dateOfBirth: optionalDate('date of birth').superRefine(bornInRange('The date of birth')).optional(),
  nationality: country.optional(),
  identifiers: z
    .array(z.object({ kind: z.enum(IDENTIFIER_KINDS), value: z.string().trim().min(1).max(100), country: country.optional() }))
    .max(20)
    .optional(),
  addresses: z.array(addressInput).max(10).optional(),
  emails: z.array(z.string().trim().email('Enter an email address in the correct format, like name@example.com')).max(10).optional(),
  phones: z.array(z.string().trim().regex(/^\+?[\d\s().-]{6,25}$/, 'Enter a phone number, like +48 22 123 45 67')).max(10).optional(),
  /** The language letters are written in (ISO 639-1). */
  language: z.string().trim().toLowerCase().regex(/^[a-z]{2}$/, 'Choose a language').optional(),
});
export type RegisterPartyInput = z.infer<typeof registerPartyInput>;

export const registerParty: CommandDefinition<RegisterPartyInput, { id: string }, { partyId: string }> = {
  name: 'registerParty',
  input: registerPartyInput,
  roles: [...CASEWORKERS, ...REFERRERS],
  streamType: 'party',
  async load() {
    const id = randomUUID();
    return { streamId: `party-${id}`, version: 0, state: { id } };
  },
  decide: decideRegisterParty,
  projectors: [partiesProjector],
  async project(_tx, { state }) {
    return { partyId: state.id };
  },
};

/** Follows merge pointers to the party that stands for the whole identity. */
export async function resolvedPartyId(db: Db, partyId: string): Promise<string | null> {
  let current = partyId;
  for (let hops = 0; hops < 50; hops++) {
    const [row] = await db.select({ mergedInto: parties.mergedInto }).from(parties).where(eq(parties.id, current));
    if (!row) return null;
    if (!row.mergedInto) return current;
    current = row.mergedInto;
  }
  throw new Error(`Merge chain from party ${partyId} does not end`);
}

/** The same for many parties at once: a query per level of merging, not per party. */
export async function resolvedPartyIds(db: Db, ids: string[]): Promise<Map<string, string>> {
  const roots = new Map<string, string>();
  let pending = new Map(ids.map((id) => [id, id] as const)); // original id → current id
  for (let hops = 0; pending.size && hops < 50; hops++) {
    const rows = await db.select({ id: parties.id, mergedInto: parties.mergedInto }).from(parties).where(inArray(parties.id, [...new Set(pending.values())]));
    const next = new Map<string, string>();
    const byId = new Map(rows.map((r) => [r.id, r.mergedInto] as const));
    for (const [original, current] of pending) {
      if (!byId.has(current)) continue;
      const mergedInto = byId.get(current);
      if (mergedInto) next.set(original, mergedInto);
      else roots.set(original, current);
    }
    pending = next;
  }
  return roots;
}

const reason = z.string({ message: 'Say why' }).trim().min(3, 'Say why, in 3 characters or more').max(2000);

export const mergePartiesInput = z.object({ survivorId: z.uuid('Choose a party'), mergedId: z.uuid('Choose a party'), reason });

/** Confirms two register entries are one identity: the merged one points at the survivor. */
export const mergeParties: CommandDefinition<z.infer<typeof mergePartiesInput>, MergeState, { partyId: string; into: string }> = {
  name: 'mergeParties',
  input: mergePartiesInput,
  roles: CASEWORKERS,
  streamType: 'party',
  async load(tx, input) {
    const [merged] = await tx.select({ id: parties.id, kind: parties.kind, mergedInto: parties.mergedInto }).from(parties).where(eq(parties.id, input.mergedId));
    const [survivor] = await tx.select({ kind: parties.kind }).from(parties).where(eq(parties.id, input.survivorId));
    const survivorRoot = await resolvedPartyId(tx, input.survivorId);
    return {
      streamId: `party-${input.mergedId}`,
      version: await streamVersion(tx, `party-${input.mergedId}`),
      state: { survivorRoot, merged: merged ?? null, survivorKind: survivor?.kind ?? null },
    };
  },
  decide: decideMergeParties,
  projectors: [partiesProjector],
  async project(_tx, { input, state }) {
    return { partyId: input.mergedId, into: state.survivorRoot! };
  },
};

export const unmergePartyInput = z.object({ partyId: z.uuid('Choose a party'), reason });

/** Undoes a merge: the party stands on its own again, with everything it had before. */
export const unmergeParty: CommandDefinition<z.infer<typeof unmergePartyInput>, UnmergeState, { partyId: string }> = {
  name: 'unmergeParty',
  input: unmergePartyInput,
  roles: CASEWORKERS,
  streamType: 'party',
  async load(tx, input) {
    const [row] = await tx.select({ mergedInto: parties.mergedInto }).from(parties).where(eq(parties.id, input.partyId));
    return { streamId: `party-${input.partyId}`, version: await streamVersion(tx, `party-${input.partyId}`), state: { mergedInto: row?.mergedInto ?? null, exists: Boolean(row) } };
  },
  decide: decideUnmergeParty,
  projectors: [partiesProjector],
  async project(_tx, { input }) {
    return { partyId: input.partyId };
  },
};

export const rejectMatchInput = z.object({ partyId: z.uuid(), otherId: z.uuid(), reason, score: z.number().optional() });

/** Records that two parties are not the same, so they are not proposed to each other again. */
export const rejectMatch: CommandDefinition<z.infer<typeof rejectMatchInput>, MatchRejectionState, { rejected: true }> = {
  name: 'rejectMatch',
  input: rejectMatchInput,
  roles: CASEWORKERS,
  streamType: 'party',
  async load(tx, input) {
    const [a, b] = [input.partyId, input.otherId].sort() as [string, string];
    const [row] = await tx
      .select({ a: matchRejections.partyA })
      .from(matchRejections)
      .where(or(and(eq(matchRejections.partyA, a), eq(matchRejections.partyB, b))));
    return { streamId: `party-${input.partyId}`, version: await streamVersion(tx, `party-${input.partyId}`), state: { already: Boolean(row) } };
  },
  decide: decideRejectMatch,
  projectors: [partiesProjector],
  async project() {
    return { rejected: true };
  },
};

export const registerVehicleInput = z.object({
  registration: z.string({ message: 'Enter the registration' }).trim().min(1, 'Enter the registration').max(20),
  country,
  kind: z.enum(['hgv-tractor', 'trailer', 'van', 'car', 'coach'], { message: 'Choose the kind of vehicle' }),
  links: z
    .array(z.object({ partyId: z.uuid(), role: z.enum(['owner', 'operator', 'hirer']), validFrom: optionalDate('start date').optional() }))
    .max(10)
    .optional(),
});

/** Registers a vehicle (once per registration and country) and who owns, operates or hires it. */
export const registerVehicle: CommandDefinition<z.infer<typeof registerVehicleInput>, VehicleState, { vehicleId: string }> = {
  name: 'registerVehicle',
  input: registerVehicleInput,
  roles: [...CASEWORKERS, ...REFERRERS],
  streamType: 'vehicle',
  async load(tx, input) {
    const key = normaliseRegistration(input.registration);
    const [existing] = await tx.select({ id: vehicles.id }).from(vehicles).where(and(eq(vehicles.registrationKey, key), eq(vehicles.country, input.country)));
    const id = existing?.id ?? randomUUID();
    return { streamId: `vehicle-${id}`, version: await streamVersion(tx, `vehicle-${id}`), state: { id, existing: existing?.id ?? null } };
  },
  decide: decideRegisterVehicle,
  projectors: [partiesProjector],
  async project(_tx, { state }) {
    return { vehicleId: state.id };
  },
};

export const linkEmploymentInput = z.object({
  personId: z.uuid(),
  organisationId: z.uuid(),
  relationship: z.enum(['employee', 'contractor', 'agency']),
  validFrom: optionalDate('start date').optional(),
  validTo: optionalDate('end date').optional(),
});

/** Records that a driver works for (or drives under contract to) an organisation. */
export const linkEmployment: CommandDefinition<z.infer<typeof linkEmploymentInput>, EmploymentState, { linked: true }> = {
  name: 'linkEmployment',
  input: linkEmploymentInput,
  roles: [...CASEWORKERS, ...REFERRERS],
  streamType: 'party',
  async load(tx, input) {
    const rows = await tx.select({ id: parties.id, kind: parties.kind }).from(parties).where(inArray(parties.id, [input.personId, input.organisationId]));
    return { streamId: `party-${input.personId}`, version: await streamVersion(tx, `party-${input.personId}`), state: { kinds: Object.fromEntries(rows.map((r) => [r.id, r.kind])) } };
  },
  decide: decideLinkEmployment,
  projectors: [partiesProjector],
  async project() {
    return { linked: true };
  },
};

/** What an entry holds, as adding details compares it (normalised identifiers, addresses and contacts). */
async function loadPartyDetails(tx: Db, partyId: string): Promise<{ streamId: string; version: number; state: PartyDetailsState | null } | null> {
  const [party] = await tx.select().from(parties).where(eq(parties.id, partyId));
  const streamId = `party-${partyId}`;
  if (!party) return null;
  const [identifiers, addresses, contacts] = [
    await tx.select({ normalised: partyIdentifiers.normalised }).from(partyIdentifiers).where(eq(partyIdentifiers.partyId, partyId)),
    await tx.select().from(partyAddresses).where(eq(partyAddresses.partyId, partyId)),
    await tx.select({ kind: partyContacts.kind, value: partyContacts.value }).from(partyContacts).where(eq(partyContacts.partyId, partyId)),
  ];
  return {
    streamId,
    version: await streamVersion(tx, streamId),
    state: {
      kind: party.kind,
      mergedInto: party.mergedInto,
      dateOfBirth: party.dateOfBirth,
      nationality: party.nationality,
      language: party.language,
      identifiers: identifiers.map((i) => i.normalised),
      addresses: addresses.map(addressComparisonKey),
      contacts: contacts.map((c) => `${c.kind}:${c.value.trim().toLowerCase()}`),
    },
  };
}

export const recordPartyAddressInput = z.object({ partyId: z.uuid('Choose a party'), address: addressInput });
export type RecordPartyAddressInput = z.infer<typeof recordPartyAddressInput>;

/** Records an address for a register entry, beside any it has (never replacing one): an address the register did not have. */
export const recordPartyAddress: CommandDefinition<RecordPartyAddressInput, PartyDetailsState | null, { partyId: string; version: number }> = {
  name: 'recordPartyAddress',
  input: recordPartyAddressInput,
  roles: CASEWORKERS,
  streamType: 'party',
  load: (tx, input) => loadPartyDetails(tx, input.partyId),
  decide: decideRecordPartyAddress,
  projectors: [partiesProjector],
  async project(_tx, { input, version }) {
    return { partyId: input.partyId, version };
  },
};

export const addPartyDetailsInput = registerPartyInput
  .pick({ dateOfBirth: true, nationality: true, identifiers: true, addresses: true, emails: true, phones: true, language: true })
  .extend({ partyId: z.uuid('Choose a party'), caseReference: z.string().max(40).optional() });
export type AddPartyDetailsInput = z.infer<typeof addPartyDetailsInput>;

/**
 * Adds to a register entry what the border recorded about a person confirmed to be it, when the
 * entry does not have it: new addresses, identifiers and contacts as records of their own; a date of
 * birth, nationality or language only where the entry has none. Nothing new records nothing.
 */
export const addPartyDetails: CommandDefinition<AddPartyDetailsInput, PartyDetailsState | null, { partyId: string; added: boolean }> = {
  name: 'addPartyDetails',
  input: addPartyDetailsInput,
  roles: CASEWORKERS,
  streamType: 'party',
  load: (tx, input) => loadPartyDetails(tx, input.partyId),
  decide: decideAddBorderDetails,
  projectors: [partiesProjector],
  async project(_tx, { input, events }) {
    return { partyId: input.partyId, added: events.length > 0 };
  },
};
