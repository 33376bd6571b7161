import { addMonths, isBefore, isCalendarDate, type CalendarDate } from '../clock/calendar-date.js';
import type { Instalment, LiabilityActionType } from './actions.js';
import { MAX_INSTALMENTS } from './instalments.js';

/*
 * What a responsible person may do themselves, online (the portal): the same liability commands a
 * caseworker records, under an actor with the one role `portal-user`, and only these. Which
 * liability they may act on (their own) is checked where the command is run
 * (src/modules/portal/actions/portal-commands.ts).
 */

/** The role of a person signed in to the portal (src/modules/portal/session.ts `portalActor`). */
export const PORTAL_USER = 'portal-user';

/** The liability commands a person may run online: answer the questionnaire, object, ask to pay by instalments. */
export const PORTAL_LIABILITY_ACTIONS: readonly LiabilityActionType[] = ['recordResponse', 'recordObjection', 'requestInstalments'];

export function portalMayRun(type: LiabilityActionType, roles: readonly string[]): boolean {
  return roles.includes(PORTAL_USER) && PORTAL_LIABILITY_ACTIONS.includes(type);
}

/** Why a proposed instalment plan cannot be sent: codes, worded by the portal's message catalogue. */
export type InstalmentProposalProblem =
  | { field: 'monthlyAmount'; code: 'amount-missing' | 'amount-too-large' }
  | { field: 'firstPaymentDate'; code: 'date-invalid' | 'date-in-past' | 'date-too-far' }
  | { field: 'monthlyAmount'; code: 'too-many-months'; maxMonths: number };

/** The latest first payment a person may propose: three months from today. */
export const FIRST_PAYMENT_WITHIN_MONTHS = 3;

/**
 * The monthly plan a person proposes: `monthlyPence` each month from `firstOn` until what is owed is
 * paid (the last instalment the rest). Within the one policy limit there is (MAX_INSTALMENTS), and
 * starting between today and three months from today.
 */
export function proposeInstalmentPlan(
  input: { monthlyPence: number; firstOn: string },
  owedPence: number,
  today: CalendarDate,
): { ok: true; schedule: Instalment[] } | { ok: false; problems: InstalmentProposalProblem[] } {
  const problems: InstalmentProposalProblem[] = [];
  if (!Number.isSafeInteger(input.monthlyPence) || input.monthlyPence <= 0) problems.push({ field: 'monthlyAmount', code: 'amount-missing' });
  else if (input.monthlyPence >= owedPence) problems.push({ field: 'monthlyAmount', code: 'amount-too-large' });
  else if (Math.ceil(owedPence / input.monthlyPence) > MAX_INSTALMENTS) problems.push({ field: 'monthlyAmount', code: 'too-many-months', maxMonths: MAX_INSTALMENTS });
  if (!isCalendarDate(input.firstOn)) problems.push({ field: 'firstPaymentDate', code: 'date-invalid' });
  else if (isBefore(input.firstOn, today)) problems.push({ field: 'firstPaymentDate', code: 'date-in-past' });
  else if (isBefore(addMonths(today, FIRST_PAYMENT_WITHIN_MONTHS), input.firstOn)) problems.push({ field: 'firstPaymentDate', code: 'date-too-far' });
  if (problems.length) return { ok: false, problems };
  const schedule: Instalment[] = [];
  let left = owedPence;
  for (let month = 0; left > 0; month += 1) {
    const amountPence = Math.min(input.monthlyPence, left);
    schedule.push({ dueOn: addMonths(input.firstOn as CalendarDate, month), amountPence });
    left -= amountPence;
  }
  return { ok: true, schedule };
}
