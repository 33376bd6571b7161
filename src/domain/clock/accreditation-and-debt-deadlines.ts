import type { PolicyVersion } from '../policy/policy-parameters.js';
import { DEFAULT_JURISDICTION, type Jurisdiction } from './bank-holidays.js';
import { addDays, addMonths, addYears, compareDates, laterOf, type CalendarDate } from './calendar-date.js';
import { deadline, type Deadline } from './deadline.js';

/*
 * The remaining dates of DOMAIN.md §3, which belong to accreditation (CPAS) and debt recovery.
 * Same conventions as deadlines.ts: derived from recorded facts, never moved for holidays.
 */

export function cpasApplicationDecisionDue(
  receivedOn: CalendarDate,
  policyVersion: PolicyVersion,
  jurisdiction: Jurisdiction = DEFAULT_JURISDICTION,
): Deadline<'cpasApplicationDecisionDue'> {
  const daysAllowed = policyVersion.parameters.accreditation.applicationDecisionDays;
  return deadline(
    'cpasApplicationDecisionDue',
    addDays(receivedOn, daysAllowed),
    `${daysAllowed} days from receipt of the application on ${receivedOn} (service standard, policy ${policyVersion.version})`,
    jurisdiction,
  );
}

/**
 * A member whose penalty is unpaid after its due date (and not under objection, appeal, means
 * assessment or a kept instalment plan — the caller decides that) is suspended from the day after
 * the due date for the suspension period, and removed after it if still unpaid.
 */
export function cpasSuspensionDates(
  penaltyDueDate: CalendarDate,
  policyVersion: PolicyVersion,
  jurisdiction: Jurisdiction = DEFAULT_JURISDICTION,
): Deadline<'cpasSuspendedFrom' | 'cpasSuspensionEnds' | 'cpasRemovalIfUnpaid'>[] {
  const suspensionDays = policyVersion.parameters.accreditation.suspensionDays;
  const from = addDays(penaltyDueDate, 1);
  const lastDay = addDays(from, suspensionDays - 1);
  return [
    deadline('cpasSuspendedFrom', from, `the day after the penalty due date ${penaltyDueDate}`, jurisdiction),
    deadline('cpasSuspensionEnds', lastDay, `${suspensionDays} days beginning with ${from}`, jurisdiction),
    deadline('cpasRemovalIfUnpaid', addDays(lastDay, 1), `the day after the suspension ends, if the penalty is still unpaid`, jurisdiction),
  ];
}

export function cpasReapplyFrom(
  removedOn: CalendarDate,
  policyVersion: PolicyVersion,
  jurisdiction: Jurisdiction = DEFAULT_JURISDICTION,
): Deadline<'cpasReapplyFrom'> {
  const months = policyVersion.parameters.accreditation.reapplyAfterMonths;
  return deadline(
    'cpasReapplyFrom',
    addMonths(removedOn, months),
    `${months} calendar months after removal on ${removedOn} (the last day of the month when it has no such day)`,
    jurisdiction,
  );
}

export interface CpasReviewEvent {
  offence: 'S31A' | 'S32';
  date: CalendarDate;
}

export interface CpasReviewTrigger {
  offence: 'S31A' | 'S32';
  windowFrom: CalendarDate;
  windowTo: CalendarDate;
  count: number;
}

/**
 * Review triggers "within any 12 months": the first window, per offence, holding the trigger
 * count of incidents (S32) or findings (S31A). A window from D runs to D + 12 months inclusive.
 */
export function cpasReviewTriggers(events: readonly CpasReviewEvent[], policyVersion: PolicyVersion): CpasReviewTrigger[] {
  const rules = policyVersion.parameters.accreditation;
  const triggers: CpasReviewTrigger[] = [];
  for (const [offence, threshold] of [
    ['S32', rules.reviewTriggerS32Incidents],
    ['S31A', rules.reviewTriggerS31aFindings],
  ] as const) {
    const dates = events
      .filter((event) => event.offence === offence)
      .map((event) => event.date)
      .sort(compareDates);
    for (let first = 0; first + threshold - 1 < dates.length; first += 1) {
      const windowFrom = dates[first];
      const last = dates[first + threshold - 1];
      if (windowFrom === undefined || last === undefined) break;
      const windowTo = addMonths(windowFrom, rules.reviewWindowMonths);
      if (compareDates(last, windowTo) <= 0) {
        const count = dates.filter((date) => compareDates(date, windowFrom) >= 0 && compareDates(date, windowTo) <= 0).length;
        triggers.push({ offence, windowFrom, windowTo, count });
        break;
      }
    }
  }
  return triggers;
}

/**
 * Debt limitation: six years from the later of the due date, the last payment and the last written
 * acknowledgement — not from the incident. The system proposes write-off after this date.
 */
export function debtLimitationDate(
  facts: { dueDate: CalendarDate; lastPaymentOn?: CalendarDate; lastAcknowledgementOn?: CalendarDate },
  policyVersion: PolicyVersion,
  jurisdiction: Jurisdiction = DEFAULT_JURISDICTION,
): Deadline<'debtLimitation'> {
  const years = policyVersion.parameters.debt.limitationYears;
  let from = { date: facts.dueDate, what: 'the due date' };
  if (facts.lastPaymentOn && laterOf(from.date, facts.lastPaymentOn) !== from.date) {
    from = { date: facts.lastPaymentOn, what: 'the last payment' };
  }
  if (facts.lastAcknowledgementOn && laterOf(from.date, facts.lastAcknowledgementOn) !== from.date) {
    from = { date: facts.lastAcknowledgementOn, what: 'the last written acknowledgement' };
  }
  return deadline(
    'debtLimitation',
    addYears(from.date, years),
    `${years} years from ${from.what} (${from.date}), the latest of the due date, last payment and last written acknowledgement; propose write-off after this date`,
    jurisdiction,
  );
}
