import { PARTY_EVENT, VEHICLE_EVENT, type PartyEvent, type PartyEventPayload, type VehicleEvent } from './events.js';
import { checkRegistrationFormat } from './registrations.js';
import { normaliseAddress, normalisePostcode } from './addresses.js';
import { normaliseIdentifier, type IdentifierKind } from './identifiers.js';

/*
 * The decisions of the parties register's commands (the `party` and `vehicle` streams): pure, each
 * returning the events to record or a refusal with its reason. The module's commands load the
 * state described here and wire these in.
 */

export interface FieldRefusal {
  field: string;
  message: string;
}

export type RegisterDecision<E> = { ok: true; events: E[] } | { ok: false; message: string; errors?: FieldRefusal[] };

/** Everything known about a new register entry (the command's input, as the form checks it). */
export type PartyToRegister = Omit<PartyEventPayload<typeof PARTY_EVENT.PartyRegistered>, 'partyId'>;

/** A new entry: its id is allocated before the decision. */
export function decideRegisterParty(state: { id: string }, input: PartyToRegister): RegisterDecision<PartyEvent> {
  const badDates = (input.formerNames ?? []).findIndex((f) => f.validFrom && f.validFrom > f.validTo);
  if (badDates >= 0) {
    return {
      ok: false,
      message: 'A former name cannot stop being used before it started',
      errors: [{ field: `formerNames.${badDates}.validTo`, message: 'The end date must be after the start date' }],
    };
  }
  if (input.kind === 'organisation' && input.dateOfBirth) {
    return { ok: false, message: 'An organisation has no date of birth', errors: [{ field: 'dateOfBirth', message: 'An organisation has no date of birth: leave it empty' }] };
  }
  return { ok: true, events: [{ type: PARTY_EVENT.PartyRegistered, payload: { partyId: state.id, ...input } }] };
}

/** The entry to merge, the root of the identity it would join, and their kinds. */
export interface MergeState {
  /** The identity the survivor stands in now (itself unless it was merged): null when it does not exist. */
  survivorRoot: string | null;
  survivorKind: string | null;
  merged: { id: string; kind: string; mergedInto: string | null } | null;
}

/** Two entries are one identity: the merged one points at the survivor's identity. */
export function decideMergeParties(state: MergeState, input: { survivorId: string; mergedId: string; reason: string }): RegisterDecision<PartyEvent> {
  if (!state.merged || !state.survivorRoot) return { ok: false, message: 'One of the parties does not exist' };
  if (state.merged.mergedInto) return { ok: false, message: 'That party is already merged into another: unmerge it first' };
  if (state.survivorRoot === input.mergedId) return { ok: false, message: 'A party cannot be merged into itself' };
  if (state.merged.kind !== state.survivorKind) return { ok: false, message: 'A person and an organisation cannot be merged' };
  return { ok: true, events: [{ type: PARTY_EVENT.PartyMerged, payload: { partyId: input.mergedId, into: state.survivorRoot, reason: input.reason } }] };
}

export interface UnmergeState {
  exists: boolean;
  mergedInto: string | null;
}

/** A merged entry stands on its own again, with everything it had before. */
export function decideUnmergeParty(state: UnmergeState, input: { partyId: string; reason: string }): RegisterDecision<PartyEvent> {
  if (!state.exists) return { ok: false, message: 'That party does not exist' };
  if (!state.mergedInto) return { ok: false, message: 'That party is not merged into another' };
  return { ok: true, events: [{ type: PARTY_EVENT.PartyUnmerged, payload: { partyId: input.partyId, from: state.mergedInto, reason: input.reason } }] };
}

/** Whether a caseworker already said the pair are not the same. */
export interface MatchRejectionState {
  already: boolean;
}

/** Two entries are not the same, so they are not proposed to each other again. */
export function decideRejectMatch(
  state: MatchRejectionState,
  input: { partyId: string; otherId: string; reason: string; score?: number | undefined },
): RegisterDecision<PartyEvent> {
  if (input.partyId === input.otherId) return { ok: false, message: 'A party cannot be compared with itself' };
  if (state.already) return { ok: false, message: 'That pair was already marked as not the same' };
  return { ok: true, events: [{ type: PARTY_EVENT.MatchRejected, payload: { partyId: input.partyId, otherId: input.otherId, reason: input.reason, score: input.score ?? null } }] };
}

/** The kind (`person`, `organisation`) of each party named, by id; a party not in the register is absent. */
export interface EmploymentState {
  kinds: Record<string, string>;
}

export type EmploymentToLink = PartyEventPayload<typeof PARTY_EVENT.EmploymentLinked>;

/** A driver works for (or drives under contract to) an organisation. */
export function decideLinkEmployment(state: EmploymentState, input: EmploymentToLink): RegisterDecision<PartyEvent> {
  if (state.kinds[input.personId] !== 'person') return { ok: false, message: 'The driver must be a person in the register' };
  if (state.kinds[input.organisationId] !== 'organisation') return { ok: false, message: 'The employer must be an organisation in the register' };
  if (input.validFrom && input.validTo && input.validTo < input.validFrom) return { ok: false, message: 'The end date must be after the start date' };
  return { ok: true, events: [{ type: PARTY_EVENT.EmploymentLinked, payload: { ...input } }] };
}

/** The vehicle's id (its existing one, or one allocated for a new registration) and whether it is registered already. */
export interface VehicleState {
  id: string;
  existing: string | null;
}

export interface VehicleToRegister {
  registration: string;
  country: string;
  kind: 'hgv-tractor' | 'trailer' | 'van' | 'car' | 'coach';
  links?: { partyId: string; role: 'owner' | 'operator' | 'hirer'; validFrom?: string | undefined }[] | undefined;
}

/** A vehicle is registered once per registration and country; who owns, operates or hires it is added each time. */
export function decideRegisterVehicle(state: VehicleState, input: VehicleToRegister): RegisterDecision<VehicleEvent> {
  const check = checkRegistrationFormat(input.registration, input.country);
  if (!check.ok) return { ok: false, message: check.message, errors: [{ field: 'registration', message: check.message }] };
  const events: VehicleEvent[] = [];
  if (!state.existing) events.push({ type: VEHICLE_EVENT.VehicleRegistered, payload: { vehicleId: state.id, registration: input.registration, country: input.country, kind: input.kind } });
  for (const link of input.links ?? []) events.push({ type: VEHICLE_EVENT.VehicleLinked, payload: { vehicleId: state.id, ...link } });
  if (!events.length) return { ok: false, message: 'That vehicle is already registered' };
  return { ok: true, events };
}

/** What an entry holds already, as `decideAddPartyDetails` compares it; null when there is no such entry. */
export interface PartyDetailsState {
  kind: string;
  mergedInto: string | null;
  dateOfBirth: string | null;
  nationality: string | null;
  language: string | null;
  /** Normalised identifier values (`normaliseIdentifier`). */
  identifiers: readonly string[];
  /** Each address as `addressComparisonKey` writes it. */
  addresses: readonly string[];
  /** `email:…` and `phone:…`, lower case. */
  contacts: readonly string[];
}

export type PartyDetailsToAdd = Omit<PartyEventPayload<typeof PARTY_EVENT.PartyDetailsAdded>, 'partyId'>;

/** An address as two spellings of it compare: folded words and expanded abbreviations, the postcode without spaces. */
export function addressComparisonKey(a: { line1: string; line2?: string | null | undefined; town?: string | null | undefined; postcode?: string | null | undefined; country: string }): string {
  const words = normaliseAddress([a.line1, a.line2, a.town].filter(Boolean).join(' '), a.country).folded;
  return `${a.country.toUpperCase()}|${a.postcode ? normalisePostcode(a.postcode, a.country) : ''}|${words}`;
}

/**
 * Adds to an entry the details it does not have yet, as new records: an address, identifier, email
 * or phone it has under no spelling; a date of birth, nationality or language only when it has none
 * (a different one recorded elsewhere is a matter for a caseworker, not an overwrite). `required`:
 * the caller asked for these details to be added (an address form), so nothing new is a refusal;
 * otherwise (confirming a party from a case) nothing new is no event at all.
 */
export function decideAddPartyDetails(state: PartyDetailsState | null, input: PartyDetailsToAdd & { partyId: string }, required: boolean): RegisterDecision<PartyEvent> {
  if (!state) return { ok: false, message: 'That party does not exist' };
  if (state.mergedInto) return { ok: false, message: 'This entry is part of another identity: add details to that entry instead' };
  if (state.kind === 'organisation' && input.dateOfBirth && required) {
    return { ok: false, message: 'An organisation has no date of birth', errors: [{ field: 'dateOfBirth', message: 'An organisation has no date of birth: leave it empty' }] };
  }
  const identifiers = new Set(state.identifiers);
  const addresses = new Set(state.addresses);
  const contacts = new Set(state.contacts);
  const added: PartyDetailsToAdd = {};
  for (const identifier of input.identifiers ?? []) {
    const normalised = normaliseIdentifier(identifier.kind as IdentifierKind, identifier.country ?? null, identifier.value);
    if (!normalised || identifiers.has(normalised)) continue;
    identifiers.add(normalised);
    (added.identifiers ??= []).push(identifier);
  }
  for (const address of input.addresses ?? []) {
    const key = addressComparisonKey(address);
    if (addresses.has(key)) continue;
    addresses.add(key);
    (added.addresses ??= []).push(address);
  }
  for (const [kind, values] of [['email', input.emails], ['phone', input.phones]] as const) {
    for (const value of values ?? []) {
      const key = `${kind}:${value.trim().toLowerCase()}`;
      if (contacts.has(key)) continue;
      contacts.add(key);
      (added[kind === 'email' ? 'emails' : 'phones'] ??= []).push(value);
    }
  }
  if (input.dateOfBirth && !state.dateOfBirth && state.kind === 'person') added.dateOfBirth = input.dateOfBirth;
  if (input.nationality && !state.nationality && state.kind === 'person') added.nationality = input.nationality;
  if (input.language && !state.language) added.language = input.language;
  if (Object.keys(added).length === 0) {
    if (!required) return { ok: true, events: [] };
    const field = input.addresses?.length ? 'line1' : 'details';
    return { ok: false, message: 'The register already has that', errors: [{ field, message: input.addresses?.length ? 'The register already has this address for them' : 'The register already has these details' }] };
  }
  return { ok: true, events: [{ type: PARTY_EVENT.PartyDetailsAdded, payload: { partyId: input.partyId, ...added, ...(input.caseReference ? { caseReference: input.caseReference } : {}) } }] };
}

/** An address recorded for an entry (the register's address form and API): refused when the entry has it already. */
export function decideRecordPartyAddress(state: PartyDetailsState | null, input: { partyId: string; address: NonNullable<PartyDetailsToAdd['addresses']>[number] }): RegisterDecision<PartyEvent> {
  return decideAddPartyDetails(state, { partyId: input.partyId, addresses: [input.address] }, true);
}

/** What the border recorded about a person confirmed from a case, added where the entry lacks it; nothing new records nothing. */
export function decideAddBorderDetails(state: PartyDetailsState | null, input: PartyDetailsToAdd & { partyId: string }): RegisterDecision<PartyEvent> {
  return decideAddPartyDetails(state, input, false);
}
