import { addMonths, daysBetween, isAfter, isBefore, type CalendarDate } from '../clock/calendar-date.js';
import type { FieldProblem } from '../command-decision.js';
import type { OfficerTrainingRecord, PpstLevel } from './events.js';

/*
 * The rules of officers' training (seed 003 §6.35–6.58, recommendation 3): when a Public and Personal
 * Safety Training ticket lapses, when an officer is warned, who waits too long for IFC part 2, and
 * who may refer an S31A penalty.
 */

/** Levels 2 and 3 are refreshed every year; level 1 (e-learning) has no refresher (figure 21). */
export const PPST_REFRESH_MONTHS = 12;
/** The officer is warned this many days before the ticket lapses. */
export const TICKET_WARNING_DAYS = 30;
/** IFC part 2 should follow part 1 within three to six months (recommendation 3a). */
export const IFC_PART2_WITHIN_MONTHS = 6;

export function ppstRefreshed(level: PpstLevel): boolean {
  return level !== 1;
}

/**
 * The last day of a ticket passed on `passedOn`: 12 months on (the inspection found officers
 * recorded as "in ticket" for 18 months, §6.48); none for level 1.
 */
export function defaultPpstExpiry(level: PpstLevel, passedOn: CalendarDate): CalendarDate | null {
  return ppstRefreshed(level) ? addMonths(passedOn, PPST_REFRESH_MONTHS) : null;
}

export type TicketState = 'in-ticket' | 'expiring' | 'out-of-ticket' | 'no-ppst';

/** Where an officer's PPST stands on `today`: expiring within 30 days, or out of ticket from the day after expiry. */
export function ticketState(ppst: OfficerTrainingRecord['ppst'], today: CalendarDate): TicketState {
  if (!ppst) return 'no-ppst';
  if (!ppst.expiresOn) return 'in-ticket';
  if (isAfter(today, ppst.expiresOn)) return 'out-of-ticket';
  return daysBetween(today, ppst.expiresOn) <= TICKET_WARNING_DAYS ? 'expiring' : 'in-ticket';
}

/** The day from which IFC part 2 is overdue: six months after part 1. */
export function ifcPart2DueBy(ifcPart1On: CalendarDate): CalendarDate {
  return addMonths(ifcPart1On, IFC_PART2_WITHIN_MONTHS);
}

/** Part 1 done, part 2 not, and more than six months gone since part 1. */
export function waitingTooLongForIfcPart2(record: Pick<OfficerTrainingRecord, 'ifcPart1On' | 'ifcPart2On'>, today: CalendarDate): boolean {
  return !!record.ifcPart1On && !record.ifcPart2On && isAfter(today, ifcPart2DueBy(record.ifcPart1On));
}

export type TrainingAlert =
  | { kind: 'ppst-expiring'; expiresOn: CalendarDate; level: PpstLevel }
  | { kind: 'ppst-expired'; expiresOn: CalendarDate; level: PpstLevel }
  | { kind: 'ifc-part2-overdue'; ifcPart1On: CalendarDate; dueBy: CalendarDate };

/** What the officer is warned of on their home page today. */
export function trainingAlerts(record: OfficerTrainingRecord | null, today: CalendarDate): TrainingAlert[] {
  if (!record) return [];
  const alerts: TrainingAlert[] = [];
  const state = ticketState(record.ppst, today);
  if (record.ppst?.expiresOn && state === 'expiring') alerts.push({ kind: 'ppst-expiring', expiresOn: record.ppst.expiresOn, level: record.ppst.level });
  if (record.ppst?.expiresOn && state === 'out-of-ticket') alerts.push({ kind: 'ppst-expired', expiresOn: record.ppst.expiresOn, level: record.ppst.level });
  if (record.ifcPart1On && waitingTooLongForIfcPart2(record, today)) alerts.push({ kind: 'ifc-part2-overdue', ifcPart1On: record.ifcPart1On, dueBy: ifcPart2DueBy(record.ifcPart1On) });
  return alerts;
}

/** Who is sending an S31A referral, as the switch sees them. */
export type S31aReferrer =
  /** A person's account (signed in): subject to the switch. */
  | { kind: 'person'; s31aTrainedOn: CalendarDate | null }
  /** Cordon itself, an import, or a system client with an API token: not an officer, not subject to it. */
  | { kind: 'not-a-person' };

export const S31A_NOT_TRAINED_MESSAGE =
  'You are not recorded as trained to refer S31A penalties. Ask your manager to record your training, or send the incident as S32 only.';

/**
 * Recommendation 3b: S31A referrals only from officers trained to make them, while the policy
 * switch `referrals.s31aRequiresTraining` is on. The refusal is a problem on the offence field
 * (`offences` on the incident form, `offence` on the quick referral); nothing else is looked at.
 */
export function s31aReferralProblem(
  facts: { offences: readonly string[]; requiresTraining: boolean; referrer: S31aReferrer; today: CalendarDate },
  field = 'offences',
): FieldProblem | null {
  if (!facts.requiresTraining || !facts.offences.includes('S31A') || facts.referrer.kind !== 'person') return null;
  const trainedOn = facts.referrer.s31aTrainedOn;
  if (trainedOn && !isAfter(trainedOn, facts.today)) return null;
  return { field, message: S31A_NOT_TRAINED_MESSAGE };
}

/** Dates of training cannot be in the future; IFC part 2 comes after part 1. */
export function trainingRecordProblems(record: OfficerTrainingRecord, today: CalendarDate, isPort: (code: string) => boolean): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const notFuture = (field: string, date: CalendarDate | null, what: string) => {
    if (date && isAfter(date, today)) problems.push({ field, message: `${what} must be today or in the past` });
  };
  if (record.homePort !== null && !isPort(record.homePort)) problems.push({ field: 'homePort', message: 'Choose the home port from the list' });
  notFuture('ifcPart1On', record.ifcPart1On, 'The date part 1 was completed');
  notFuture('ifcPart2On', record.ifcPart2On, 'The date part 2 was completed');
  if (record.ifcPart2On && !record.ifcPart1On) problems.push({ field: 'ifcPart1On', message: 'Enter the date part 1 was completed: part 2 follows part 1' });
  if (record.ifcPart1On && record.ifcPart2On && isBefore(record.ifcPart2On, record.ifcPart1On)) {
    problems.push({ field: 'ifcPart2On', message: 'The date part 2 was completed must be on or after the date part 1 was completed' });
  }
  if (record.ppst) {
    const { level, passedOn, expiresOn } = record.ppst;
    notFuture('ppstPassedOn', passedOn, 'The date the training was passed');
    const longest = defaultPpstExpiry(level, passedOn);
    if (!longest && expiresOn) problems.push({ field: 'ppstExpiresOn', message: 'Level 1 has no refresher, so it has no expiry date: leave it blank' });
    if (longest && !expiresOn) problems.push({ field: 'ppstExpiresOn', message: 'Enter the expiry date' });
    if (longest && expiresOn && !isAfter(expiresOn, passedOn)) problems.push({ field: 'ppstExpiresOn', message: 'The expiry date must be after the date the training was passed' });
    if (longest && expiresOn && isAfter(expiresOn, longest)) {
      problems.push({ field: 'ppstExpiresOn', message: `A ticket lasts ${PPST_REFRESH_MONTHS} months: the expiry date must be on or before ${longest}` });
    }
  }
  notFuture('s31aTrainedOn', record.s31aTrainedOn, 'The date of the civil penalty referral training');
  return problems;
}

/**
 * A referral's decision with the S31A training problem added: a refusal listing its problems gets it
 * beside them; a decision that would have recorded is refused with it alone; a refusal with no field
 * problems (already sent, not found) is left as it is.
 */
export function withS31aReferralProblem<D extends { ok: true } | { ok: false; message: string; errors?: FieldProblem[] }>(
  decision: D,
  problem: FieldProblem | null | undefined,
): D | { ok: false; message: string; errors: FieldProblem[] } {
  if (!problem) return decision;
  if (decision.ok) return { ok: false, message: problem.message, errors: [problem] };
  if (!decision.errors?.length) return decision;
  return { ...decision, errors: [problem, ...decision.errors.filter((e) => e.field !== problem.field)] };
}
