import { PARTY_EVENT, VEHICLE_EVENT, type PartyEvent, type PartyEventPayload, type VehicleEvent } from './events.js';
import { checkRegistrationFormat } from './registrations.js';

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
