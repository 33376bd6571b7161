import { DEFAULT_JURISDICTION, JURISDICTION_NAMES, nonWorkingReason } from '../../domain/clock/bank-holidays.js';
import { addDays, daysBetween, weekdayName } from '../../domain/clock/calendar-date.js';
import type { Deadline } from '../../domain/clock/deadline.js';
import { deadlines, responsibilityStart, type DeadlineName, type DeadlinesInput } from '../../domain/clock/deadlines.js';
import { policyInForce } from '../../domain/policy/policy-in-force.js';
import type { PolicyVersion } from '../../domain/policy/policy-parameters.js';
import { formatDate } from '../../platform/http/dates.js';

const LABELS: Record<string, string> = {
  lastDayToImpose: 'Last day to impose the penalty',
  earliestImposition: 'Earliest day to impose',
  lastDayToSendInitialNotice: 'Last day to send the initial notice',
  initialNoticeResponseDue: 'Response to the initial notice due',
  objectionDue: 'Objection must be received by',
  objectionDeterminationDue: 'Objection to be decided by',
  appealDue: 'Appeal to the county court by',
  paymentDue: 'Payment due',
  detentionSaleFrom: 'Detained vehicle may be sold from',
  warningFourteenDays: 'Work queue warning (two weeks before the last day)',
  warningSevenDays: 'Urgent warning (one week before the last day)',
};

/** Which deadlines still matter: a deadline that no longer applies (the notice was sent, the penalty imposed) is not shown. */
export type DeadlineApplies = (name: DeadlineName) => boolean;

/**
 * How a deadline was worked out, in plain English for the case page: "The last day is 30 May 2027:
 * 180 days counting the day the vehicle arrived (2 December 2026) as the first". The domain's `rule`
 * (kept for the API and the CLI) says the same in the clock's own terms.
 */
export function explainDeadline(deadline: Deadline<DeadlineName>, facts: DeadlinesInput, policyVersion: PolicyVersion): string {
  const clock = policyVersion.parameters.clock;
  const jurisdiction = facts.jurisdiction ?? DEFAULT_JURISDICTION;
  const date = formatDate(deadline.date);
  const start = responsibilityStart(facts).date;
  const startWords = facts.lorryDrop
    ? `the earlier of the day the vehicle is estimated to have arrived (${formatDate(facts.lorryDrop.estimatedArrivalDate)}) and the day the people were found (${formatDate(facts.lorryDrop.detectionDate)})`
    : `the day the vehicle arrived (${formatDate(facts.incidentDate)})`;
  const lastDayToImpose = addDays(start, clock.impositionWindowDays - 1);
  const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;
  let text: string;
  switch (deadline.name) {
    case 'lastDayToImpose':
      text = `The last day is ${date}: ${days(clock.impositionWindowDays)} counting ${startWords} as the first.`;
      break;
    case 'lastDayToSendInitialNotice':
      text = `The last day is ${date}: day ${clock.lastInitialNoticeDay + 1}, counting ${startWords} as day 1. The person then has ${days(clock.initialNoticeResponseDays)} to respond, and that must end before the last day to impose the penalty (${formatDate(lastDayToImpose)}). After this day the case can only be proposed for write-off.`;
      break;
    case 'earliestImposition':
      text = `From ${date}: ${days(clock.earliestImpositionDays)} after the incident on ${formatDate(facts.incidentDate)} (operational practice).`;
      break;
    case 'initialNoticeResponseDue':
      text = `Due by ${date}: ${days(clock.initialNoticeResponseDays)} after the initial notice was sent on ${formatDate(facts.initialNoticeSentOn)}.`;
      break;
    case 'objectionDue':
      text = `The last day is ${date}: an objection must arrive within ${days(clock.objectionDays)} of the penalty notice dated ${formatDate(facts.penaltyNoticeDate)}.`;
      break;
    case 'paymentDue':
      text = `Due by ${date}: ${days(clock.paymentDueDays)} after the penalty notice dated ${formatDate(facts.penaltyNoticeDate)}, the date printed on the notice.`;
      break;
    case 'objectionDeterminationDue':
      text = `Decide by ${date}: ${days(clock.objectionDeterminationDays)} after the objection arrived on ${formatDate(facts.objectionReceivedOn)}, unless a longer time is agreed and recorded.`;
      break;
    case 'appealDue': {
      const from = facts.objectionDecidedOn ? `the objection decision dated ${formatDate(facts.objectionDecidedOn)}` : `the penalty notice dated ${formatDate(facts.penaltyNoticeDate)}`;
      const period = clock.appealDays[jurisdiction];
      text =
        jurisdiction === 'scotland'
          ? `The last day is ${date}: ${days(period)} after ${from} is received (taking that date as the day it arrived).`
          : `The last day is ${date}: ${days(period)} after ${from}.`;
      break;
    }
    case 'detentionSaleFrom':
      text = `From ${date}: the day after the ${days(clock.detentionSaleDays)} counting the first day of detention (${formatDate(facts.detentionStartedOn)}), if the penalty is still unpaid and no court has ordered release.`;
      break;
    default:
      text = `${date}.`;
  }
  const reason = nonWorkingReason(deadline.date, jurisdiction);
  if (reason) {
    const why = reason.kind === 'weekend' ? `a ${weekdayName(deadline.date)}` : `a bank holiday in ${JURISDICTION_NAMES[jurisdiction]} (${reason.holiday.title})`;
    text += ` ${date} is ${why}: the date does not move.`;
  }
  return text;
}

/**
 * The case's statutory clock, derived from its recorded facts every time it is shown (nobody types
 * a deadline), with how far away each date is from today and how it was worked out. `applies`
 * leaves out the deadlines that no longer matter to the liability.
 */
export function caseDeadlines(facts: DeadlinesInput, versions: readonly PolicyVersion[], today: string, applies: DeadlineApplies = () => true) {
  const policy = policyInForce(versions, facts.incidentDate);
  if (!policy.ok) return { ok: false as const, reasons: policy.reasons };
  const outcome = deadlines(facts, policy.policyVersion);
  if (!outcome.ok) return { ok: false as const, reasons: outcome.reasons };
  return {
    ok: true as const,
    policyVersion: policy.policyVersion.version,
    deadlines: outcome.result.deadlines
      .filter((d) => !d.name.startsWith('warning') && applies(d.name))
      .map((d) => {
        const daysLeft = daysBetween(today, d.date);
        return {
          ...d,
          label: LABELS[d.name] ?? d.name,
          explanation: explainDeadline(d, facts, policy.policyVersion),
          daysLeft,
          status: daysLeft < 0 ? 'passed' : daysLeft <= 7 ? 'urgent' : daysLeft <= 14 ? 'soon' : 'ok',
        };
      }),
  };
}
