import type { CalendarDate } from '../clock/calendar-date.js';
import type { PolicyVersion } from '../policy/policy-parameters.js';
import { REVIEW_REASONS } from './actions.js';
import { outstandingPence, penaltyCancelled, type LiabilityState } from './liability-state.js';
import { UNDER_CRIMINAL_INVESTIGATION, type Stage } from './stages.js';

/*
 * The Vehicle Action List's rule for one penalty (DOMAIN.md §6): a vehicle of the owning company is
 * on the list when a penalty is imposed, past its due date, with money outstanding and nothing in
 * the way. "Past its due date, money outstanding" is for the query (it knows today); what stands in
 * the way is decided here, from recorded facts only, so the stored answer never goes stale as days
 * pass: each block below begins and ends with a recorded event.
 */

/** Why a penalty cannot put a vehicle on the VAL: the causes of the 415 wrong stops in figure 43, and more. */
export const VAL_BLOCKS = {
  criminalInvestigation: 'Referred for criminal investigation',
  notImposed: 'Not imposed',
  cancelled: 'Cancelled',
  writtenOff: 'Written off',
  writeOffProposed: 'Write-off proposed',
  paid: 'Paid in full',
  objection: 'Objection awaiting determination',
  appeal: 'Appeal pending',
  instalmentPlan: 'Instalment plan being kept',
  instalmentRequest: 'Instalment request awaiting decision',
  meansAssessment: 'Means assessment awaiting decision',
  meansReduction: 'Reduction on means awaiting a Higher Officer’s decision',
  review: 'Under review',
} as const;

const PAID: readonly Stage[] = ['paid', 'closed'];

/**
 * The first reason this penalty cannot put a vehicle on the Vehicle Action List, or null when
 * nothing stands in the way (the query then adds "past the due date, money outstanding").
 *
 * `today` and `policyVersion` are not used: every block is a recorded fact. In particular an
 * instalment plan counts as kept until a missed instalment is recorded (`recordPaymentOverdue`, which
 * `missedInstalments` allows from the day after an instalment falls due unpaid); until then the plan
 * keeps the vehicle off the list. They are part of the signature so that a rule needing the clock
 * can be added without changing every caller.
 */
export function valBlock(state: LiabilityState, _today?: CalendarDate, _policyVersion?: PolicyVersion): string | null {
  if ((UNDER_CRIMINAL_INVESTIGATION as readonly Stage[]).includes(state.stage)) return VAL_BLOCKS.criminalInvestigation;
  if (!state.penaltyNotice || state.stage === 'not-referred') return VAL_BLOCKS.notImposed;
  if (penaltyCancelled(state)) return VAL_BLOCKS.cancelled;
  if (state.stage === 'written-off') return VAL_BLOCKS.writtenOff;
  if (state.stage === 'write-off-proposed') return VAL_BLOCKS.writeOffProposed;
  const outstanding = outstandingPence(state) ?? 0;
  if (PAID.includes(state.stage) || outstanding <= 0) return VAL_BLOCKS.paid;
  if (state.stage === 'objection-received') return VAL_BLOCKS.objection;
  if (state.stage === 'appeal-lodged') return VAL_BLOCKS.appeal;
  if (state.stage === 'instalments' && !state.instalmentPlan?.broken) return VAL_BLOCKS.instalmentPlan;
  if (state.instalmentRequest && !state.instalmentRequest.decision) return VAL_BLOCKS.instalmentRequest;
  if (state.meansAssessmentPending) return VAL_BLOCKS.meansAssessment;
  if (state.meansReductions?.some((reduction) => !reduction.decision)) return VAL_BLOCKS.meansReduction;
  if (state.review) return `${VAL_BLOCKS.review}: ${REVIEW_REASONS[state.review.reason].toLowerCase()}`;
  return null;
}
