import { formatLongDate, isAfter, isCalendarDate } from '../clock/calendar-date.js';
import { formatPounds, percentToBasisPoints, roundDownToWholePound, takePercentOff } from '../penalty/money.js';
import type { Means } from '../penalty/penalty-input.js';
import type { PolicyParameters } from '../policy/policy-parameters.js';
import { MEANS_REDUCTION_BASES, type MeansReductionBasis } from './actions.js';
import { recorded, type Commands, type DecisionContext } from './command.js';
import { applyEvents } from './evolve.js';
import { liabilityEvent, type LiabilityEvent } from './liability-events.js';
import { deadlineOf, orderProblems, recordedDateProblems, requiredText } from './liability-clock.js';
import { currentAmountPence, outstandingPence, paidPence, penaltyCancelled, type LiabilityState, type MeansReductionRecord } from './liability-state.js';
import { SETTLES_TO_PAID, type Stage } from './stages.js';

/*
 * Means testing after imposition (seed 003 §10.83, §10.86–10.87): before the payment due date the
 * person may send evidence that they cannot pay; an officer proposes a reduction from the assured
 * means assessment and a Higher Officer who did not propose it assures it. Assured, it lowers the
 * amount in force, so what is owed, the payment figures and the Vehicle Action List follow.
 */

/** The proposal waiting for a Higher Officer, if any. */
export function pendingMeansReduction(state: LiabilityState): MeansReductionRecord | undefined {
  const reductions = state.meansReductions ?? [];
  const last = reductions[reductions.length - 1];
  return last && !last.decision ? last : undefined;
}

/** The amount the penalty comes down to on an assured means result, applied to the amount in force now. */
export function meansReducedAmount(amountInForcePence: number, means: Means, parameters: PolicyParameters): { amountPence: number; basis: MeansReductionBasis; explanation: string } {
  if (means.kind === 'company') {
    const percentOff = parameters.meansTesting.companyBands[means.band].percentOff;
    let amount = takePercentOff(amountInForcePence, percentToBasisPoints(percentOff) ?? 0);
    if (parameters.money.finalAmountRounding === 'down-to-whole-pound') amount = roundDownToWholePound(amount);
    return { amountPence: amount, basis: 'company-band', explanation: `${means.band} company: ${percentOff}% off ${formatPounds(amountInForcePence)}` };
  }
  const amount = Math.min(amountInForcePence, means.assessedAmountPence);
  return { amountPence: amount, basis: 'individual-means', explanation: `the lower of the penalty (${formatPounds(amountInForcePence)}) and what they can afford (${formatPounds(means.assessedAmountPence)})` };
}

export type DriverReduction =
  | { ok: true; reductionPence: number; amountPence: number; basis: 'same-as-company' | 'individual-means'; explanation: string }
  | { ok: false; reasons: string[] };

/**
 * The driver's rule (seed 003 §10.87): the driver's penalty is "reduced by the same amount as the
 * Company penalty. If Driver means are submitted separately, assess these … Reduce the penalty by
 * the lowest amount." So with both, the smaller of the two reductions applies; with one, that one.
 * A reduction never takes the penalty below nothing.
 */
export function driverMeansReduction(input: { driverAmountPence: number; companyReductionPence?: number | undefined; driverAffordablePence?: number | undefined }): DriverReduction {
  const { driverAmountPence, companyReductionPence, driverAffordablePence } = input;
  const wholePence = (value: number | undefined) => value === undefined || (Number.isSafeInteger(value) && value >= 0);
  if (!wholePence(driverAmountPence) || !wholePence(companyReductionPence) || !wholePence(driverAffordablePence)) {
    return { ok: false, reasons: ['Amounts must be whole pence, 0 or more.'] };
  }
  const sameAsCompany = companyReductionPence === undefined ? undefined : Math.min(companyReductionPence, driverAmountPence);
  const ownMeans = driverAffordablePence === undefined ? undefined : Math.max(0, driverAmountPence - driverAffordablePence);
  if (sameAsCompany === undefined && ownMeans === undefined) {
    return { ok: false, reasons: ['There is nothing to reduce the driver’s penalty by: no assured reduction of the company’s penalty and no assured assessment of the driver’s own means.'] };
  }
  const useCompany = ownMeans === undefined || (sameAsCompany !== undefined && sameAsCompany <= ownMeans);
  const reductionPence = useCompany ? (sameAsCompany ?? 0) : (ownMeans ?? 0);
  const both = sameAsCompany !== undefined && ownMeans !== undefined;
  const explanation = useCompany
    ? `Reduced by the same amount as the company’s penalty (${formatPounds(sameAsCompany ?? 0)})${both ? `, lower than the reduction on the driver’s own means (${formatPounds(ownMeans ?? 0)})` : ''}`
    : `Reduced on the driver’s own means (${formatPounds(ownMeans ?? 0)})${both ? `, lower than the company’s reduction (${formatPounds(sameAsCompany ?? 0)})` : ''}`;
  return { ok: true, reductionPence, amountPence: driverAmountPence - reductionPence, basis: useCompany ? 'same-as-company' : 'individual-means', explanation };
}

/** Requests must arrive before the payment due date (seed 003 §10.86); the refusal says the date and why. */
function dueDateProblems(state: LiabilityState, requestedOn: string, context: DecisionContext): string[] {
  const due = deadlineOf(state, context.policyVersion, 'paymentDue');
  if (!due || !isCalendarDate(requestedOn) || !isAfter(requestedOn, due)) return [];
  return [
    `The penalty cannot be reduced on means: the request arrived on ${formatLongDate(requestedOn)}, after the payment due date of ${formatLongDate(due)}. Means testing must be asked for before the payment due date (the penalty notice says so). The person may still ask to pay by instalments.`,
  ];
}

function amountProblems(state: LiabilityState, amountPence: number): string[] {
  const current = currentAmountPence(state) ?? 0;
  if (typeof amountPence !== 'number' || !Number.isSafeInteger(amountPence) || amountPence < 0) return ['Enter the reduced amount in pounds and pence, £0 or more.'];
  if (amountPence >= current) return [`The reduced amount (${formatPounds(amountPence)}) must be lower than the penalty now in force (${formatPounds(current)}).`];
  return [];
}

/** A reduction that leaves nothing owed on a penalty already paid towards settles it. */
function settled(state: LiabilityState, events: LiabilityEvent[], context: DecisionContext): LiabilityEvent[] {
  const after = applyEvents(state, events);
  const outstanding = outstandingPence(after);
  if (outstanding === undefined || outstanding > 0 || paidPence(state) === 0 || !(SETTLES_TO_PAID as readonly Stage[]).includes(state.stage)) return events;
  return [...events, liabilityEvent('PaidInFull', recorded(context), { paidOn: state.payment.lastPaymentOn ?? context.today })];
}

export const meansReductionCommands: Commands<'proposeMeansReduction' | 'decideMeansReduction'> = {
  proposeMeansReduction: {
    ready: (state) => {
      const pending = pendingMeansReduction(state);
      if (pending) return [`A reduction to ${formatPounds(pending.amountPence)} proposed on ${formatLongDate(pending.proposedOn)} is waiting for a Higher Officer’s assurance.`];
      if (penaltyCancelled(state)) return ['The penalty was cancelled: there is nothing to reduce.'];
      return [];
    },
    check: (state, action, context) => {
      const dates = recordedDateProblems('The date the request was received', action.requestedOn, state, context.today);
      const problems = [
        ...dates,
        ...(dates.length === 0 ? orderProblems('The date the request was received', action.requestedOn, 'the penalty notice date', state.penaltyNotice?.noticeDate) : []),
        ...(dates.length === 0 ? dueDateProblems(state, action.requestedOn, context) : []),
        ...amountProblems(state, action.amountPence),
        ...requiredText('the reasons for the reduction, from the means assessment', action.reasons),
      ];
      if (!Object.hasOwn(MEANS_REDUCTION_BASES, String(action.basis))) problems.push('Choose what the reduction rests on.');
      else if (action.basis === 'same-as-company' && state.role !== 'driver') problems.push('Only a driver’s penalty is reduced by the same amount as the company’s.');
      return problems;
    },
    events: (state, action, context) => [
      liabilityEvent('MeansReductionProposed', recorded(context), {
        requestedOn: action.requestedOn,
        amountPence: action.amountPence,
        previousAmountPence: currentAmountPence(state) ?? 0,
        basis: action.basis,
        reasons: action.reasons.trim(),
        paymentDue: deadlineOf(state, context.policyVersion, 'paymentDue') ?? null,
      }),
    ],
  },

  decideMeansReduction: {
    ready: (state, context) => {
      const pending = pendingMeansReduction(state);
      if (!pending) return ['No means reduction is waiting for assurance.'];
      if (pending.proposedBy === context.actor.id) return ['You proposed this reduction, so another officer (a Higher Officer) must assure or refuse it.'];
      return [];
    },
    check: (state, action) => {
      const pending = pendingMeansReduction(state);
      return [...requiredText('the reasons for the decision', action.reason), ...(action.approve && pending ? amountProblems(state, pending.amountPence) : [])];
    },
    events: (state, action, context) => {
      const pending = pendingMeansReduction(state);
      if (!pending) throw new Error('decideMeansReduction: events asked for with nothing pending');
      const payload = { amountPence: pending.amountPence, previousAmountPence: currentAmountPence(state) ?? 0, proposedBy: pending.proposedBy, reason: action.reason.trim() };
      if (!action.approve) return [liabilityEvent('MeansReductionRefused', recorded(context), payload)];
      return settled(state, [liabilityEvent('MeansReductionAssured', recorded(context), payload)], context);
    },
  },
};
