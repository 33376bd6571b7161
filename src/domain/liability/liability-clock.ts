import { addDays, isAfter, isBefore, isCalendarDate, type CalendarDate } from '../clock/calendar-date.js';
import type { Deadline } from '../clock/deadline.js';
import { deadlines, type DeadlineName, type DeadlinesInput, type DeadlinesOutcome } from '../clock/deadlines.js';
import type { PolicyVersion } from '../policy/policy-parameters.js';
import { latestInitialNotice, objectionInPlay, type LiabilityState } from './liability-state.js';

/** The statutory clock's facts for this liability: it derives every deadline from them. */
export function clockFacts(state: LiabilityState): DeadlinesInput {
  const objection = objectionInPlay(state) ? state.objection : undefined;
  return {
    incidentDate: state.incidentDate,
    ...(state.lorryDrop ? { lorryDrop: state.lorryDrop } : {}),
    ...(state.jurisdiction ? { jurisdiction: state.jurisdiction } : {}),
    ...(latestInitialNotice(state) ? { initialNoticeSentOn: latestInitialNotice(state)?.sentOn } : {}),
    ...(state.penaltyNotice ? { penaltyNoticeDate: state.penaltyNotice.noticeDate } : {}),
    ...(objection ? { objectionReceivedOn: objection.receivedOn } : {}),
    ...(objection?.determination ? { objectionDecidedOn: objection.determination.decidedOn } : {}),
  };
}

/** Every deadline of the liability, for the case page; the clock's refusal when the facts are impossible. */
export function liabilityDeadlines(state: LiabilityState, policyVersion: PolicyVersion): DeadlinesOutcome {
  return deadlines(clockFacts(state), policyVersion);
}

export function deadlineOf(state: LiabilityState, policyVersion: PolicyVersion, name: DeadlineName): CalendarDate | undefined {
  const outcome = liabilityDeadlines(state, policyVersion);
  return outcome.ok ? outcome.result.deadlines.find((entry: Deadline<DeadlineName>) => entry.name === name)?.date : undefined;
}

/** Has the period ending on `deadline` run out by `today`? No deadline: nothing has run out. */
export function hasPassed(deadline: CalendarDate | undefined, today: CalendarDate): deadline is CalendarDate {
  return deadline !== undefined && isAfter(today, deadline);
}

export function dayAfter(date: CalendarDate): CalendarDate {
  return addDays(date, 1);
}

/**
 * A date recorded with a command (a letter received, a court decision) must be real, on or after the
 * incident and not in the future: impossible records are refused, not stored.
 */
export function recordedDateProblems(what: string, date: unknown, state: LiabilityState, today: CalendarDate): string[] {
  if (!isCalendarDate(date)) return [`${what} "${String(date)}" is not a real date written YYYY-MM-DD.`];
  if (isBefore(date, state.incidentDate)) return [`${what} (${date}) is before the incident (${state.incidentDate}). Check the date.`];
  if (isAfter(date, today)) return [`${what} (${date}) is in the future. Record it on or after the day it happens.`];
  return [];
}

/** `date` must not come before `earlier` (a decision before the thing it decides). */
export function orderProblems(what: string, date: CalendarDate, earlierWhat: string, earlier: CalendarDate | undefined): string[] {
  return earlier !== undefined && isCalendarDate(date) && isBefore(date, earlier)
    ? [`${what} (${date}) is before ${earlierWhat} (${earlier}). Check both dates.`]
    : [];
}

export function requiredText(what: string, value: unknown): string[] {
  return typeof value === 'string' && value.trim().length > 0 ? [] : [`Enter ${what}.`];
}
