import { formatPounds } from '../penalty/money.js';
import { deadlines } from '../clock/deadlines.js';
import { daysBetween, isAfter, isBefore, isCalendarDate, type CalendarDate } from '../clock/calendar-date.js';
import type { Deadline } from '../clock/deadline.js';
import type { PolicyVersion } from '../policy/policy-parameters.js';

/*
 * A vehicle detained for an unpaid penalty (DOMAIN.md §3, §5): the costs accrue each day it is held,
 * it is released on payment, on security or by a court order, and may be sold from the day after the
 * 84 days beginning with the start of detention if still unpaid and no court has ordered release.
 */

export const DETENTION_RELEASES = {
  payment: 'Released on payment',
  security: 'Released on security',
  'court-order': 'Released by court order',
} as const;
export type DetentionRelease = keyof typeof DETENTION_RELEASES;
export type DetentionEnd = DetentionRelease | 'sold';

export const DETENTION_ENDINGS: Readonly<Record<DetentionEnd, string>> = { ...DETENTION_RELEASES, sold: 'Sold' };

export interface DetentionFacts {
  startedOn: CalendarDate;
  dailyCostPence: number;
  endedOn?: CalendarDate | null | undefined;
}

/**
 * Days held: every calendar day from the start to the release (or today), both counted, as a
 * storage yard charges a day or part of a day. Nothing before the start.
 */
export function daysHeld(startedOn: CalendarDate, until: CalendarDate): number {
  return isBefore(until, startedOn) ? 0 : daysBetween(startedOn, until) + 1;
}

/** The costs so far: days held × the daily cost, up to the end of detention or today. */
export function detentionCosts(detention: DetentionFacts, today: CalendarDate): { days: number; amountPence: number; until: CalendarDate } {
  const until = detention.endedOn ?? today;
  const days = daysHeld(detention.startedOn, until);
  return { days, amountPence: days * detention.dailyCostPence, until };
}

/** The first day the vehicle may be sold, from the statutory clock; or why it cannot be worked out. */
export function detentionSaleFrom(incidentDate: CalendarDate, startedOn: CalendarDate, policyVersion: PolicyVersion): { ok: true; deadline: Deadline } | { ok: false; reasons: string[] } {
  const outcome = deadlines({ incidentDate, detentionStartedOn: startedOn }, policyVersion);
  if (!outcome.ok) return outcome;
  const deadline = outcome.result.deadlines.find((d) => d.name === 'detentionSaleFrom');
  return deadline ? { ok: true, deadline } : { ok: false, reasons: ['The sale date cannot be worked out.'] };
}

/** Why a detention cannot start as recorded (empty when it can). */
/** The most a day of detention can cost (storage and security of one vehicle): more is a mistake in the amount. */
export const MAX_DAILY_DETENTION_COST_PENCE = 100_000;

export function detentionStartProblems(facts: { startedOn: string; dailyCostPence: number; incidentDate: CalendarDate; today: CalendarDate }): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (!isCalendarDate(facts.startedOn)) problems.push({ field: 'startedOn', message: 'The start of detention must be a real date' });
  else if (isAfter(facts.startedOn, facts.today)) problems.push({ field: 'startedOn', message: 'The start of detention cannot be in the future' });
  else if (isBefore(facts.startedOn, facts.incidentDate)) problems.push({ field: 'startedOn', message: `The start of detention cannot be before the incident (${facts.incidentDate})` });
  if (!Number.isSafeInteger(facts.dailyCostPence) || facts.dailyCostPence < 0) problems.push({ field: 'dailyCost', message: 'Enter the daily cost in pounds, like 45.00' });
  else if (facts.dailyCostPence > MAX_DAILY_DETENTION_COST_PENCE) problems.push({ field: 'dailyCost', message: `The daily cost must be ${formatPounds(MAX_DAILY_DETENTION_COST_PENCE)} or less: no yard charges more to keep a vehicle for a day` });
  return problems;
}

/** Why a detention cannot end this way on this date (empty when it can). */
export function detentionEndProblems(facts: {
  how: string;
  endedOn: string;
  startedOn: CalendarDate;
  today: CalendarDate;
  saleFrom: CalendarDate | null;
  outstandingPence: number | null;
  alreadyEnded: boolean;
}): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (facts.alreadyEnded) return [{ field: 'how', message: 'This detention has already ended' }];
  if (!Object.hasOwn(DETENTION_ENDINGS, facts.how)) problems.push({ field: 'how', message: 'Choose how the detention ended' });
  if (!isCalendarDate(facts.endedOn)) {
    problems.push({ field: 'endedOn', message: 'The date must be a real date' });
    return problems;
  }
  if (isAfter(facts.endedOn, facts.today)) problems.push({ field: 'endedOn', message: 'The date cannot be in the future' });
  if (isBefore(facts.endedOn, facts.startedOn)) problems.push({ field: 'endedOn', message: `The date cannot be before the detention started (${facts.startedOn})` });
  if (facts.how === 'sold') {
    if (!facts.saleFrom) problems.push({ field: 'how', message: 'The sale date cannot be worked out for this case' });
    else if (isBefore(facts.endedOn, facts.saleFrom)) problems.push({ field: 'how', message: `The vehicle may not be sold before ${facts.saleFrom}` });
    if (facts.outstandingPence !== null && facts.outstandingPence <= 0) problems.push({ field: 'how', message: 'The penalty is paid: release the vehicle on payment instead of selling it' });
  }
  return problems;
}
