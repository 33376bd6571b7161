import type { PenaltyResult } from '../penalty/calculate-penalty.js';
import { discretionReasonCode } from '../penalty/calculate-penalty.js';
import type { PenaltyCalculationInput } from '../penalty/penalty-input.js';
import { holdsAnyRole } from './casework-roles.js';
import { recorded, type Commands } from './command.js';
import { liabilityEvent } from './liability-events.js';
import type { DiscretionEntry, LiabilityState } from './liability-state.js';

/*
 * Discretion codified (seed 003 §9.68–9.69, §10.62–10.76, figure 38): each discretionary reduction
 * carries a reason code from the policy version and is approved by a named Senior Officer who did
 * not draft the recommendation, through its own step, before the recommendation can be assured.
 */

/**
 * Each discretion item of the facts with what it took off, read from the calculation's steps (the
 * calculator writes one step per item, in order: the step-2 items, then the one after means testing).
 */
export function discretionEntries(facts: PenaltyCalculationInput, result: PenaltyResult): DiscretionEntry[] {
  const items = [...(facts.discretion ?? []).map((item) => ({ item, afterMeans: false })), ...(facts.postMeansDiscretion ? [{ item: facts.postMeansDiscretion, afterMeans: true }] : [])];
  const stepIndexes = result.steps.flatMap((step, index) => (/^Discretion( after means testing)? \(reason /.test(step.label) ? [index] : []));
  return items.map(({ item, afterMeans }, n) => {
    const index = stepIndexes[n];
    const before = index !== undefined && index > 0 ? (result.steps[index - 1]?.amountPence ?? 0) : 0;
    const after = index !== undefined ? (result.steps[index]?.amountPence ?? 0) : before;
    return { reasonCode: discretionReasonCode(item.reasonCode), explanation: item.explanation?.trim() || null, percent: item.percent, afterMeans, reducedPence: Math.max(0, before - after) };
  });
}

/** Discretion in the recommendation that no Senior Officer has approved yet (older approvals by a Senior Officer count). */
export function discretionAwaitingApproval(state: LiabilityState): boolean {
  const recommendation = state.recommendation;
  if (!recommendation?.discretionApplied || recommendation.discretionApproval) return false;
  return !state.approval?.bySeniorOfficer;
}

export const discretionCommands: Commands<'approveDiscretion'> = {
  approveDiscretion: {
    ready: (state, context) => {
      const recommendation = state.recommendation;
      if (!recommendation?.discretionApplied) return ['The recommendation applies no discretion: there is nothing for a Senior Officer to approve.'];
      if (recommendation.discretionApproval) return ['The discretion in this recommendation is already approved.'];
      const problems: string[] = [];
      if (!holdsAnyRole(context.actor, ['senior-officer'])) problems.push('Only a Senior Officer may approve discretion.');
      if (recommendation.draftedBy === context.actor.id) problems.push('You drafted this recommendation, so another Senior Officer must approve its discretion.');
      return problems;
    },
    events: (state, action, context) => [
      liabilityEvent('DiscretionApproved', recorded(context), {
        author: state.recommendation?.draftedBy ?? '',
        amountPence: state.recommendation?.amountPence ?? 0,
        items: state.recommendation?.discretion ?? [],
        note: action.note?.trim() || null,
      }),
    ],
  },
};
