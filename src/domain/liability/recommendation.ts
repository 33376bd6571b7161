import { calculatePenalty, type PenaltyResult } from '../penalty/calculate-penalty.js';
import type { PenaltyCalculationInput } from '../penalty/penalty-input.js';
import { RECOMMENDATION_CHECKLIST, RETURN_CATEGORIES } from './actions.js';
import { checklistProblems, tickedInOrder } from './assurance.js';
import { holdsAnyRole } from './casework-roles.js';
import { recorded, type Commands, type DecisionContext } from './command.js';
import { discretionAwaitingApproval, discretionEntries } from './discretion.js';
import { cpasAnswerProblems, cpasOverrideAwaitingConfirmation } from './cpas-override.js';
import { liabilityEvent } from './liability-events.js';
import { requiredText } from './liability-clock.js';
import type { LiabilityState } from './liability-state.js';

/* The recommendation: a caseworker drafts it from a penalty calculation; an assurer approves or returns it. */

export function appliesDiscretion(facts: PenaltyCalculationInput): boolean {
  return (facts.discretion?.length ?? 0) > 0 || facts.postMeansDiscretion !== undefined;
}

/**
 * The calculation for this liability's facts, or why there is none: facts for another offence,
 * incident or role are refused before the calculator's own checks.
 */
export function calculationFor(
  state: LiabilityState,
  facts: PenaltyCalculationInput,
  context: DecisionContext,
): { ok: true; result: PenaltyResult } | { ok: false; reasons: string[] } {
  const mismatches: string[] = [];
  if (facts.offence !== state.offence) mismatches.push(`The calculation is for ${facts.offence}, but this liability is ${state.offence}.`);
  if (facts.incidentDate !== state.incidentDate) {
    mismatches.push(`The calculation uses the incident date ${facts.incidentDate}, but the incident was on ${state.incidentDate}.`);
  }
  if (facts.role !== state.role) mismatches.push(`The calculation is for the ${facts.role}, but this liability is the ${state.role}’s.`);
  if (mismatches.length > 0) return { ok: false, reasons: mismatches };
  return calculatePenalty(facts, context.policyVersion, context.today);
}

/** Four eyes: nobody assures their own work (DOMAIN.md §5). */
function authorProblems(state: LiabilityState, context: DecisionContext): string[] {
  return state.recommendation?.draftedBy === context.actor.id
    ? ['You drafted this recommendation, so you cannot assure it. Another assurer must approve or return it.']
    : [];
}

export const recommendationCommands: Commands<'draftRecommendation' | 'returnRecommendation' | 'approveRecommendation'> = {
  draftRecommendation: {
    ready: (state) => {
      const problems: string[] = [];
      if (state.unresolvedPartyMatches > 0) {
        problems.push(
          `${state.unresolvedPartyMatches} possible ${state.unresolvedPartyMatches === 1 ? 'match' : 'matches'} in the parties register for this person ${state.unresolvedPartyMatches === 1 ? 'is' : 'are'} not yet confirmed or dismissed. Resolve ${state.unresolvedPartyMatches === 1 ? 'it' : 'them'} so that previous penalties are counted correctly.`,
        );
      }
      if (state.initialNoticeResend) problems.push('The initial notice is waiting to be re-sent to a corrected address; re-send it and wait for the new response window first.');
      return problems;
    },
    check: (state, action, context) => {
      const cpas = cpasAnswerProblems(action.penaltyFacts, action.cpas);
      if (cpas.length > 0) return cpas;
      const calculation = calculationFor(state, action.penaltyFacts, context);
      return calculation.ok ? [] : calculation.reasons;
    },
    events: (state, action, context) => {
      const calculation = calculationFor(state, action.penaltyFacts, context);
      if (!calculation.ok) throw new Error('draftRecommendation: events asked for after a refused check');
      const { amountPence, policyVersion, steps, warnings } = calculation.result;
      return [
        liabilityEvent('RecommendationDrafted', recorded(context), {
          amountPence,
          policyVersion,
          discretionApplied: appliesDiscretion(action.penaltyFacts),
          steps,
          warnings,
          ...(appliesDiscretion(action.penaltyFacts) ? { discretion: discretionEntries(action.penaltyFacts, calculation.result) } : {}),
          ...(action.cpas ? { cpas: { ...action.cpas, ...(action.cpas.reason ? { reason: action.cpas.reason.trim() } : {}) } } : {}),
        }),
      ];
    },
  },

  returnRecommendation: {
    ready: authorProblems,
    check: (_state, action) => {
      const problems: string[] = [];
      if (action.categories.length === 0) problems.push('Choose at least one reason for returning the recommendation.');
      const unknown = action.categories.filter((category) => !Object.hasOwn(RETURN_CATEGORIES, category));
      if (unknown.length > 0) {
        problems.push(`${unknown.map((category) => `"${category}"`).join(', ')} is not a reason for return. Choose from: ${Object.values(RETURN_CATEGORIES).join(', ')}.`);
      }
      return [...problems, ...requiredText('what must be corrected', action.text)];
    },
    events: (state, action, context) => [
      liabilityEvent('RecommendationReturned', recorded(context), {
        categories: [...new Set(action.categories)],
        text: action.text.trim(),
        author: state.recommendation?.draftedBy ?? '',
      }),
    ],
  },

  approveRecommendation: {
    ready: (state, context) => {
      const discretion = discretionAwaitingApproval(state)
        ? ['The recommendation applies discretion: a Senior Officer who did not draft it must approve the discretion first.']
        : [];
      const cpas = cpasOverrideAwaitingConfirmation(state)
        ? ['The recommendation overrides the accreditation register: a Senior Officer who did not draft it must confirm the override first, or return the recommendation.']
        : [];
      return [...authorProblems(state, context), ...discretion, ...cpas];
    },
    check: (_state, action) => checklistProblems(action.checklist, RECOMMENDATION_CHECKLIST, 'recommendation assurance'),
    events: (state, action, context) => [
      liabilityEvent('RecommendationApproved', recorded(context), {
        author: state.recommendation?.draftedBy ?? '',
        discretionApplied: state.recommendation?.discretionApplied ?? false,
        bySeniorOfficer: holdsAnyRole(context.actor, ['senior-officer']),
        checklist: tickedInOrder(action.checklist, RECOMMENDATION_CHECKLIST),
      }),
    ],
  },
};
