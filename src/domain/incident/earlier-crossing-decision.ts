import type { CommandActor, CommandDecision, CommandMoment } from '../command-decision.js';
import { INCIDENT_EVENT } from './events.js';

/*
 * The decisions on an inland detection's earlier crossing (recorded on the incident's stream): the
 * officer confirms one of the searches found for the vehicle, or says none is right.
 */

/** What deciding on an earlier crossing needs: the incident, the candidates found for it, and what was decided before. */
export interface EarlierCrossingState {
  id: string;
  kind: string;
  status: string;
  createdById: string;
  candidateSearchIds: readonly string[];
  /** The search confirmed before, or null. */
  confirmedSearchId: string | null;
}

/** The roles who may decide on the crossing beside the incident's own officer. */
export const EARLIER_CROSSING_OVERSEERS: readonly string[] = ['manager'];

/** The officer who recorded the detection (or a manager) says which crossing it was; nobody else. */
export function authoriseEarlierCrossing(actor: CommandActor, incident: Pick<EarlierCrossingState, 'createdById'>): string | null {
  if (actor.id === incident.createdById || actor.roles.some((role) => EARLIER_CROSSING_OVERSEERS.includes(role))) return null;
  return 'Only the officer who recorded this detection, or a manager, can say which crossing it was';
}

export const EARLIER_CROSSING_ALREADY_CONFIRMED = 'A crossing is already confirmed for this detection';

/** Confirms one candidate search as the vehicle's earlier crossing: that search becomes a "failure". */
export function decideConfirmEarlierCrossing(state: EarlierCrossingState, input: { searchId: string }, _moment: CommandMoment): CommandDecision {
  if (state.kind !== 'inland') return { ok: false, message: 'Only an inland detection is linked to an earlier crossing' };
  if (state.confirmedSearchId) return { ok: false, message: EARLIER_CROSSING_ALREADY_CONFIRMED };
  if (!state.candidateSearchIds.includes(input.searchId)) {
    return { ok: false, message: 'That search is not a crossing of this vehicle in the days before it arrived', errors: [{ field: 'searchId', message: 'Choose one of the crossings listed' }] };
  }
  return { ok: true, events: [{ type: INCIDENT_EVENT.EarlierCrossingConfirmed, payload: { incidentId: state.id, searchId: input.searchId } }] };
}

/** The officer says none of the searches found is the crossing (it may have come another way, or unsearched). */
export function decideRuleOutEarlierCrossings(state: EarlierCrossingState, input: { note?: string | undefined }, _moment: CommandMoment): CommandDecision {
  if (state.kind !== 'inland') return { ok: false, message: 'Only an inland detection is linked to an earlier crossing' };
  if (state.confirmedSearchId) return { ok: false, message: EARLIER_CROSSING_ALREADY_CONFIRMED };
  return { ok: true, events: [{ type: INCIDENT_EVENT.EarlierCrossingRuledOut, payload: { incidentId: state.id, note: input.note?.trim() || null } }] };
}
