import { isAfter } from '../clock/calendar-date.js';
import { formatPounds } from '../penalty/money.js';
import { APPEAL_OUTCOMES, type ActionOf } from './actions.js';
import { holdsAnyRole } from './casework-roles.js';
import { recorded, type Commands } from './command.js';
import { liabilityEvent } from './liability-events.js';
import { deadlineOf, orderProblems, recordedDateProblems, requiredText } from './liability-clock.js';
import { currentAmountPence, penaltyCancelled, type LiabilityState } from './liability-state.js';

/* Appeals to the county court (sheriff court in Scotland): lodged, allocated to an uninvolved officer, decided. */

function outcomeProblems(state: LiabilityState, action: ActionOf<'decideAppeal'>): string[] {
  if (!Object.hasOwn(APPEAL_OUTCOMES, action.outcome)) {
    return [`"${String(action.outcome)}" is not a court outcome. Choose dismissed, reduced or cancelled.`];
  }
  const problems: string[] = [];
  const current = currentAmountPence(state) ?? 0;
  if (action.outcome === 'reduced') {
    const amount = action.amountPence;
    if (amount === undefined || !Number.isInteger(amount) || amount <= 0) {
      problems.push('Enter the amount the court reduced the penalty to, in whole pence above zero (a reduction to nothing is a cancellation).');
    } else if (amount >= current) {
      problems.push(`The reduced amount (${formatPounds(amount)}) is not lower than the penalty (${formatPounds(current)}).`);
    }
  }
  const costs = action.costs;
  if (costs && (!Number.isInteger(costs.amountPence) || costs.amountPence < 0 || !['home-office', 'appellant'].includes(costs.awardedTo))) {
    problems.push('Costs need a whole number of pence, not negative, awarded to the Home Office or to the appellant.');
  }
  return problems;
}

function amountAfter(state: LiabilityState, action: ActionOf<'decideAppeal'>): number {
  if (action.outcome === 'cancelled') return 0;
  if (action.outcome === 'reduced') return action.amountPence ?? 0;
  return currentAmountPence(state) ?? 0;
}

export const appealCommands: Commands<'lodgeAppeal' | 'allocateAppeal' | 'decideAppeal'> = {
  lodgeAppeal: {
    ready: (state) => {
      if (state.appeal) return [`An appeal against this penalty was already lodged on ${state.appeal.lodgedOn}.`];
      return penaltyCancelled(state) ? ['The penalty was cancelled; there is nothing to appeal.'] : [];
    },
    check: (state, action, context) => {
      const dateProblems = recordedDateProblems('The date the appeal was lodged', action.lodgedOn, state, context.today);
      return dateProblems.length > 0
        ? dateProblems
        : orderProblems('The date the appeal was lodged', action.lodgedOn, 'the penalty notice date', state.penaltyNotice?.noticeDate);
    },
    events: (state, action, context) => {
      const appealDue = deadlineOf(state, context.policyVersion, 'appealDue') ?? null;
      return [
        liabilityEvent('AppealLodged', recorded(context), {
          lodgedOn: action.lodgedOn,
          inTime: appealDue === null || !isAfter(action.lodgedOn, appealDue),
          appealDue,
          court: action.court?.trim() || null,
          claimNumber: action.claimNumber?.trim() || null,
        }),
      ];
    },
  },

  allocateAppeal: {
    check: (state, action) => {
      const missing = requiredText('the officer to allocate the appeal to', action.officerId);
      if (missing.length > 0) return missing;
      if (state.appeal?.allocatedTo === action.officerId) return [`The appeal is already allocated to ${action.officerId}.`];
      return state.involvedOfficerIds.includes(action.officerId)
        ? [`${action.officerId} has acted on this case before, so cannot review the appeal. Allocate it to an officer with no earlier involvement in the case.`]
        : [];
    },
    events: (state, action, context) => [
      liabilityEvent('AppealAllocated', recorded(context), { officerId: action.officerId, previousOfficerId: state.appeal?.allocatedTo ?? null }),
    ],
  },

  decideAppeal: {
    ready: (state, context) => {
      const allocatedTo = state.appeal?.allocatedTo;
      if (!allocatedTo) return ['Allocate the appeal to an officer with no earlier involvement before recording the court’s decision.'];
      return allocatedTo === context.actor.id || holdsAnyRole(context.actor, ['manager'])
        ? []
        : [`Only the officer the appeal is allocated to (${allocatedTo}) or a manager may record the court’s decision.`];
    },
    check: (state, action, context) => {
      const dateProblems = recordedDateProblems('The date of the court’s decision', action.decidedOn, state, context.today);
      return [
        ...dateProblems,
        ...(dateProblems.length === 0 ? orderProblems('The date of the court’s decision', action.decidedOn, 'the appeal was lodged', state.appeal?.lodgedOn) : []),
        ...outcomeProblems(state, action),
      ];
    },
    events: (state, action, context) => [
      liabilityEvent('AppealDecided', recorded(context), {
        outcome: action.outcome,
        decidedOn: action.decidedOn,
        amountPence: amountAfter(state, action),
        costs: action.costs ?? null,
      }),
    ],
  },
};
