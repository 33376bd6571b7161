import { addYears, isBefore, type CalendarDate } from '../clock/calendar-date.js';
import type { PolicyParameters } from '../policy/policy-parameters.js';
import type { Offence, PreviousPenalty } from './penalty-input.js';

export interface PreviousPenaltyCount {
  offence: Offence;
  /** First day of the window: the same calendar date N years before the incident. */
  windowFrom: CalendarDate;
  counted: number;
  notCounted: { cancelled: number; beforeWindow: number; otherOffence: number; onOrAfterIncident: number };
}

/**
 * Previous penalties of the same offence that raise the starting level: issued on or after the
 * same calendar date N years before the incident (29 February falls back to 28 February) and
 * before the incident date, and not cancelled. A reduced or unpaid penalty still counts; the
 * other offence never does.
 */
export function countPreviousPenalties(
  offence: Offence,
  incidentDate: CalendarDate,
  previousPenalties: readonly PreviousPenalty[],
  parameters: PolicyParameters,
): PreviousPenaltyCount {
  const windowFrom = addYears(incidentDate, -parameters.previousPenalties.windowYears);
  const result: PreviousPenaltyCount = {
    offence,
    windowFrom,
    counted: 0,
    notCounted: { cancelled: 0, beforeWindow: 0, otherOffence: 0, onOrAfterIncident: 0 },
  };
  for (const penalty of previousPenalties) {
    if (penalty.offence !== offence) result.notCounted.otherOffence += 1;
    else if (penalty.cancelled) result.notCounted.cancelled += 1;
    else if (!isBefore(penalty.issuedOn, incidentDate)) result.notCounted.onOrAfterIncident += 1;
    else if (isBefore(penalty.issuedOn, windowFrom)) result.notCounted.beforeWindow += 1;
    else result.counted += 1;
  }
  return result;
}
