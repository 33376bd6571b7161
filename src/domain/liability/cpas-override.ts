import type { CpasAnswer } from './actions.js';
import { holdsAnyRole } from './casework-roles.js';
import { recorded, type Commands } from './command.js';
import { liabilityEvent } from './liability-events.js';
import type { LiabilityState } from './liability-state.js';
import type { PenaltyCalculationInput } from '../penalty/penalty-input.js';

/*
 * CPAS membership in a recommendation (issue #16, DOMAIN.md §3): the 50 % reduction follows the
 * accreditation register's status on the incident date, read for the company's resolved identity;
 * a suspended or removed member is not a member. A caseworker may claim a different answer only
 * with a reason (membership from before Cordon's records, a register error), and then a Senior
 * Officer who did not draft the recommendation must confirm the override before it can be assured
 * — or return the recommendation.
 */

/** What is wrong with the register's answer a draft carries, before any calculation. */
export function cpasAnswerProblems(facts: PenaltyCalculationInput, cpas: CpasAnswer | undefined): string[] {
  // The reduction rests on the register or on an override with its reason, never on a bare yes.
  if (!cpas) return facts.role !== 'driver' && facts.cpasMember === true ? ['The CPAS reduction needs the accreditation register’s answer for the incident date, or an override with a reason.'] : [];
  if (facts.role === 'driver') return ['A driver’s penalty has no accreditation reduction: the register’s answer does not apply to a driver.'];
  const problems: string[] = [];
  if (facts.cpasMember !== cpas.member) problems.push('The calculation’s accreditation answer differs from the one recorded for it. Reload the case and try again.');
  if (cpas.source === 'register' && cpas.member !== (cpas.status === 'member')) {
    problems.push('The accreditation register’s answer was read wrongly. Reload the case and try again.');
  }
  if (cpas.source === 'override') {
    if (!cpas.reason?.trim()) problems.push('Give the reason the accreditation register is wrong for this incident.');
    if (cpas.member === (cpas.status === 'member')) problems.push('The override gives the same answer as the accreditation register: there is nothing to override.');
  }
  return problems;
}

/**
 * An override in an objection's determination that a Senior Officer must assure: any, unless it is
 * the very override a Senior Officer already confirmed on the recommendation (carried into the recalculation).
 */
export function determinationOverrideNeedsSeniorOfficer(state: LiabilityState, cpas: CpasAnswer | undefined): boolean {
  if (cpas?.source !== 'override') return false;
  const confirmed = state.recommendation?.cpasOverrideConfirmation ? state.recommendation.cpas : undefined;
  return !(confirmed?.source === 'override' && confirmed.member === cpas.member && confirmed.reason === cpas.reason);
}

/** An override of the register in the recommendation that no Senior Officer has confirmed yet. */
export function cpasOverrideAwaitingConfirmation(state: LiabilityState): boolean {
  const recommendation = state.recommendation;
  return recommendation?.cpas?.source === 'override' && !recommendation.cpasOverrideConfirmation;
}

export const cpasOverrideCommands: Commands<'confirmCpasOverride'> = {
  confirmCpasOverride: {
    ready: (state, context) => {
      const recommendation = state.recommendation;
      if (recommendation?.cpas?.source !== 'override') return ['The recommendation follows the accreditation register: there is no override to confirm.'];
      if (recommendation.cpasOverrideConfirmation) return ['The override of the accreditation register in this recommendation is already confirmed.'];
      const problems: string[] = [];
      if (!holdsAnyRole(context.actor, ['senior-officer'])) problems.push('Only a Senior Officer may confirm an override of the accreditation register.');
      if (recommendation.draftedBy === context.actor.id) problems.push('You drafted this recommendation, so another Senior Officer must confirm its override of the accreditation register.');
      return problems;
    },
    events: (state, action, context) => {
      const cpas = state.recommendation!.cpas!;
      return [
        liabilityEvent('CpasOverrideConfirmed', recorded(context), {
          author: state.recommendation?.draftedBy ?? '',
          member: cpas.member,
          status: cpas.status,
          reason: cpas.reason ?? '',
          note: action.note?.trim() || null,
        }),
      ];
    },
  },
};
