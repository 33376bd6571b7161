import { randomUUID } from 'node:crypto';
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { CommandDefinition } from '../../platform/events/command.js';
import type { Db } from '../../platform/database/client.js';
import { streamVersion, type NewEvent } from '../../platform/events/event-store.js';
import { normaliseName } from '../../domain/parties/names.js';
import { normaliseIdentifier, IDENTIFIER_KINDS } from '../../domain/parties/identifiers.js';
import { normalisePostcode } from '../../domain/parties/addresses.js';
import { isRealDate } from '../../domain/incident/referral.js';
import { addressInput } from '../../domain/incident/incident.js';
import { CASEWORKERS, REFERRERS } from '../identity/roles.js';
import { employmentLinks, matchRejections, nameTokens, partyNameTokens, parties, partyAddresses, partyContacts, partyIdentifiers, partyNames, vehicleLinks, vehicles } from './schema.js';
import { checkRegistrationFormat, normaliseRegistration } from '../../domain/parties/registrations.js';

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
  dateOfBirth: optionalDate('date of birth').optional(),
  nationality: country.optional(),
  identifiers: z
    .array(z.object({ kind: z.enum(IDENTIFIER_KINDS), value: z.string().trim().min(1).max(100), country: country.optional() }))
    .max(20)
    .optional(),
  addresses: z.array(addressInput).max(10).optional(),
  emails: z.array(z.string().trim().email('Enter an email address in the correct format, like name@example.com')).max(10).optional(),
  phones: z.array(z.string().trim().regex(/^\+?[\d\s().-]{6,25}$/, 'Enter a phone number, like +48 22 123 45 67')).max(10).optional(),
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
  decide(state, input) {
    const badDates = (input.formerNames ?? []).findIndex((f) => f.validFrom && f.validFrom > f.validTo);
    if (badDates >= 0) {
      return { ok: false, message: 'A former name cannot stop being used before it started', errors: [{ field: `formerNames.${badDates}.validTo`, message: 'The end date must be after the start date' }] };
    }
    if (input.kind === 'organisation' && input.dateOfBirth) {
      return { ok: false, message: 'An organisation has no date of birth', errors: [{ field: 'dateOfBirth', message: 'An organisation has no date of birth: leave it empty' }] };
    }
    return { ok: true, events: [{ type: 'PartyRegistered', payload: { partyId: state.id, ...input } }] };
  },
  async project(tx, { state, input, now, version }) {
    const main = normaliseName(input.name);
    await tx.insert(parties).values({
      id: state.id,
      kind: input.kind,
      displayName: input.name,
      country: input.country ?? null,
      dateOfBirth: input.dateOfBirth ?? null,
      nationality: input.nationality ?? null,
      legalFormCode: input.kind === 'organisation' ? main.legalFormCode : null,
      createdAt: now,
      version,
    });
    const names = [
      ...[input.name, ...(input.otherNames ?? [])].map((name) => ({ name, validFrom: null as string | null, validTo: null as string | null })),
      ...(input.formerNames ?? []).map((f) => ({ name: f.name, validFrom: f.validFrom ?? null, validTo: f.validTo })),
    ].map((entry) => ({ ...entry, n: normaliseName(entry.name, { legalForms: input.kind === 'organisation' }) }));
    await tx.insert(partyNames).values(
      names.map(({ name, n, validFrom, validTo }) => ({ id: randomUUID(), partyId: state.id, name, core: n.core, key: n.key, alternativeKey: n.alternativeKey, validFrom, validTo })),
    );
    await indexNameTokens(tx, state.id, names.flatMap(({ n }) => n.tokens));
    if (input.identifiers?.length) {
      await tx.insert(partyIdentifiers).values(
        input.identifiers.map((i) => ({
          id: randomUUID(),
          partyId: state.id,
          kind: i.kind,
          country: i.country ?? input.country ?? null,
          value: i.value,
          normalised: normaliseIdentifier(i.kind as never, i.country ?? input.country ?? null, i.value),
        })),
      );
    }
    if (input.addresses?.length) {
      await tx.insert(partyAddresses).values(
        input.addresses.map((a) => ({
          id: randomUUID(),
          partyId: state.id,
          ...a,
          line2: a.line2 ?? null,
          town: a.town ?? null,
          region: a.region ?? null,
          postcode: a.postcode ?? null,
          postcodeNormalised: a.postcode ? normalisePostcode(a.postcode, a.country) : null,
        })),
      );
    }
    const contacts = [...(input.emails ?? []).map((value) => ({ kind: 'email', value })), ...(input.phones ?? []).map((value) => ({ kind: 'phone', value }))];
    if (contacts.length) await tx.insert(partyContacts).values(contacts.map((c) => ({ id: randomUUID(), partyId: state.id, ...c })));
    return { partyId: state.id };
  },
};

/** Adds a party's name words to the posting lists and the vocabulary's counts. */
export async function indexNameTokens(tx: Db, partyId: string, tokens: readonly string[]): Promise<void> {
  const distinct = [...new Set(tokens.filter((t) => t.length >= 2))];
  if (!distinct.length) return;
  const added = await tx
    .insert(partyNameTokens)
    .values(distinct.map((token) => ({ token, partyId })))
    .onConflictDoNothing()
    .returning({ token: partyNameTokens.token });
  if (!added.length) return;
  await tx
    .insert(nameTokens)
    .values(added.map(({ token }) => ({ token, frequency: 1 })))
    .onConflictDoUpdate({ target: nameTokens.token, set: { frequency: sql`${nameTokens.frequency} + 1` } });
}

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
type MergeState = { survivorRoot: string | null; merged: { id: string; kind: string; mergedInto: string | null } | null; survivorKind: string | null };

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
  decide(state, input) {
    if (!state.merged || !state.survivorRoot) return { ok: false, message: 'One of the parties does not exist' };
    if (state.merged.mergedInto) return { ok: false, message: 'That party is already merged into another: unmerge it first' };
    if (state.survivorRoot === input.mergedId) return { ok: false, message: 'A party cannot be merged into itself' };
    if (state.merged.kind !== state.survivorKind) return { ok: false, message: 'A person and an organisation cannot be merged' };
    return { ok: true, events: [{ type: 'PartyMerged', payload: { partyId: input.mergedId, into: state.survivorRoot, reason: input.reason } }] };
  },
  async project(tx, { input, state, version }) {
    await tx.update(parties).set({ mergedInto: state.survivorRoot, version }).where(eq(parties.id, input.mergedId));
    return { partyId: input.mergedId, into: state.survivorRoot! };
  },
};

export const unmergePartyInput = z.object({ partyId: z.uuid('Choose a party'), reason });

/** Undoes a merge: the party stands on its own again, with everything it had before. */
export const unmergeParty: CommandDefinition<z.infer<typeof unmergePartyInput>, { mergedInto: string | null; exists: boolean }, { partyId: string }> = {
  name: 'unmergeParty',
  input: unmergePartyInput,
  roles: CASEWORKERS,
  streamType: 'party',
  async load(tx, input) {
    const [row] = await tx.select({ mergedInto: parties.mergedInto }).from(parties).where(eq(parties.id, input.partyId));
    return { streamId: `party-${input.partyId}`, version: await streamVersion(tx, `party-${input.partyId}`), state: { mergedInto: row?.mergedInto ?? null, exists: Boolean(row) } };
  },
  decide(state, input) {
    if (!state.exists) return { ok: false, message: 'That party does not exist' };
    if (!state.mergedInto) return { ok: false, message: 'That party is not merged into another' };
    return { ok: true, events: [{ type: 'PartyUnmerged', payload: { partyId: input.partyId, from: state.mergedInto, reason: input.reason } }] };
  },
  async project(tx, { input, version }) {
    await tx.update(parties).set({ mergedInto: null, version }).where(eq(parties.id, input.partyId));
    return { partyId: input.partyId };
  },
};

export const rejectMatchInput = z.object({ partyId: z.uuid(), otherId: z.uuid(), reason, score: z.number().optional() });

/** Records that two parties are not the same, so they are not proposed to each other again. */
export const rejectMatch: CommandDefinition<z.infer<typeof rejectMatchInput>, { already: boolean }, { rejected: true }> = {
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
  decide(state, input) {
    if (input.partyId === input.otherId) return { ok: false, message: 'A party cannot be compared with itself' };
    if (state.already) return { ok: false, message: 'That pair was already marked as not the same' };
    return { ok: true, events: [{ type: 'MatchRejected', payload: { partyId: input.partyId, otherId: input.otherId, reason: input.reason, score: input.score ?? null } }] };
  },
  async project(tx, { input, actor, now }) {
    const [a, b] = [input.partyId, input.otherId].sort() as [string, string];
    await tx.insert(matchRejections).values({ partyA: a, partyB: b, decidedBy: actor.name, decidedAt: now, reason: input.reason, score: input.score ?? null });
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
export const registerVehicle: CommandDefinition<z.infer<typeof registerVehicleInput>, { id: string; existing: string | null; key: string }, { vehicleId: string }> = {
  name: 'registerVehicle',
  input: registerVehicleInput,
  roles: [...CASEWORKERS, ...REFERRERS],
  streamType: 'vehicle',
  async load(tx, input) {
    const key = normaliseRegistration(input.registration);
    const [existing] = await tx.select({ id: vehicles.id }).from(vehicles).where(and(eq(vehicles.registrationKey, key), eq(vehicles.country, input.country)));
    const id = existing?.id ?? randomUUID();
    return { streamId: `vehicle-${id}`, version: await streamVersion(tx, `vehicle-${id}`), state: { id, existing: existing?.id ?? null, key } };
  },
  decide(state, input) {
    const check = checkRegistrationFormat(input.registration, input.country);
    if (!check.ok) return { ok: false, message: check.message, errors: [{ field: 'registration', message: check.message }] };
    const events: NewEvent[] = [];
    if (!state.existing) events.push({ type: 'VehicleRegistered', payload: { vehicleId: state.id, registration: input.registration, country: input.country, kind: input.kind } });
    for (const link of input.links ?? []) events.push({ type: 'VehicleLinked', payload: { vehicleId: state.id, ...link } });
    if (!events.length) return { ok: false, message: 'That vehicle is already registered' };
    return { ok: true, events };
  },
  async project(tx, { state, input, now }) {
    if (!state.existing) {
      await tx.insert(vehicles).values({ id: state.id, registration: input.registration, registrationKey: state.key, country: input.country, kind: input.kind, createdAt: now });
    }
    if (input.links?.length) {
      await tx.insert(vehicleLinks).values(input.links.map((l) => ({ id: randomUUID(), vehicleId: state.id, partyId: l.partyId, role: l.role, validFrom: l.validFrom ?? null })));
    }
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
export const linkEmployment: CommandDefinition<z.infer<typeof linkEmploymentInput>, { kinds: Record<string, string> }, { linked: true }> = {
  name: 'linkEmployment',
  input: linkEmploymentInput,
  roles: [...CASEWORKERS, ...REFERRERS],
  streamType: 'party',
  async load(tx, input) {
    const rows = await tx.select({ id: parties.id, kind: parties.kind }).from(parties).where(inArray(parties.id, [input.personId, input.organisationId]));
    return { streamId: `party-${input.personId}`, version: await streamVersion(tx, `party-${input.personId}`), state: { kinds: Object.fromEntries(rows.map((r) => [r.id, r.kind])) } };
  },
  decide(state, input) {
    if (state.kinds[input.personId] !== 'person') return { ok: false, message: 'The driver must be a person in the register' };
    if (state.kinds[input.organisationId] !== 'organisation') return { ok: false, message: 'The employer must be an organisation in the register' };
    if (input.validFrom && input.validTo && input.validTo < input.validFrom) return { ok: false, message: 'The end date must be after the start date' };
    return { ok: true, events: [{ type: 'EmploymentLinked', payload: { ...input } }] };
  },
  async project(tx, { input }) {
    await tx.insert(employmentLinks).values({ id: randomUUID(), ...input, validFrom: input.validFrom ?? null, validTo: input.validTo ?? null });
    return { linked: true };
  },
};
