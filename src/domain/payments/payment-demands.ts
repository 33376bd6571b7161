import { addDays, isBefore, type CalendarDate } from '../clock/calendar-date.js';
import { deadlineOf } from '../liability/liability-clock.js';
import { outstandingPence, type LiabilityState } from '../liability/liability-state.js';
import { valBlock } from '../liability/vehicle-action-list.js';
import type { PolicyVersion } from '../policy/policy-parameters.js';

/*
 * When an unpaid penalty gets its payment reminder and then its final demand: a reminder
 * `reminderAfterDays` after the payment due date, the final demand `finalDemandAfterDays` after it
 * and never before a reminder has gone on an earlier day (the demand says "we have reminded you"),
 * each once for a due date. Only a penalty that could be enforced is chased: the same test as the
 * Vehicle Action List (nothing in the way: no objection or appeal waiting, no plan being kept, no
 * means assessment, review or write-off), past its due date with money owed.
 */

export interface DemandsSent {
  /** The UK day of each letter of the kind already produced for this penalty since its due date. */
  reminders: readonly CalendarDate[];
  finalDemands: readonly CalendarDate[];
}

export type PaymentDemand =
  | { kind: 'reminder'; paymentDue: CalendarDate; outstandingPence: number }
  | { kind: 'final-demand'; paymentDue: CalendarDate; outstandingPence: number; payBy: CalendarDate };

/** The payment letter due today for this penalty, or null when none is. */
export function paymentDemandDue(state: LiabilityState, policyVersion: PolicyVersion, today: CalendarDate, sent: DemandsSent): PaymentDemand | null {
  // A penalty imported from the legacy record is not chased by the daily run: what the legacy
  // process already sent is not known, so a caseworker decides (no letter for a migrated fact).
  if (state.migratedStatus) return null;
  const paymentDue = deadlineOf(state, policyVersion, 'paymentDue');
  const outstanding = outstandingPence(state) ?? 0;
  if (!paymentDue || outstanding <= 0 || valBlock(state) !== null) return null;
  const { reminderAfterDays, finalDemandAfterDays, finalDemandPayDays } = policyVersion.parameters.debt;
  const since = (dates: readonly CalendarDate[]) => dates.filter((date) => !isBefore(date, paymentDue));
  const reminders = since(sent.reminders);
  if (since(sent.finalDemands).length > 0) return null;
  if (reminders.length === 0) {
    return isBefore(today, addDays(paymentDue, reminderAfterDays)) ? null : { kind: 'reminder', paymentDue, outstandingPence: outstanding };
  }
  if (isBefore(today, addDays(paymentDue, finalDemandAfterDays))) return null;
  // A reminder sent today is not yet a reminder the person has had.
  if (!reminders.some((date) => isBefore(date, today))) return null;
  return { kind: 'final-demand', paymentDue, outstandingPence: outstanding, payBy: addDays(today, finalDemandPayDays) };
}
