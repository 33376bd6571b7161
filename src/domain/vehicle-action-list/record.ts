import { refuse, type CommandDecision, type CommandMoment } from '../command-decision.js';
import { ukDate } from '../reference/uk-date.js';
import { VEHICLE_ACTION_LIST_EVENT, type VehicleActionListEntry } from './events.js';

/**
 * Records the Vehicle Action List of a day, once: only for today (a past day's list cannot be
 * worked out again, a later day's is not known yet), and not twice for a day.
 */
export function decideRecordVehicleActionList(state: { recorded: boolean }, input: { day: string; entries: readonly VehicleActionListEntry[] }, context: CommandMoment): CommandDecision {
  if (state.recorded) return refuse('The Vehicle Action List of this day is already recorded');
  if (input.day !== ukDate(context.now)) return refuse('Only today’s Vehicle Action List can be recorded', [{ field: 'day', message: 'Only today’s Vehicle Action List can be recorded' }]);
  return { ok: true, events: [{ type: VEHICLE_ACTION_LIST_EVENT.VehicleActionListRecorded, payload: { day: input.day, count: input.entries.length, entries: [...input.entries] } }] };
}
