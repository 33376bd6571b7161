import { checkImposition } from '../clock/deadlines.js';
import type { AggregateCapCheck } from '../penalty/incident-checks.js';
import { formatPounds } from '../penalty/money.js';
import { recorded, type Commands, type DecisionContext } from './command.js';
import { discretionAwaitingApproval } from './discretion.js';
import { liabilityEvent } from './liability-events.js';
import { clockFacts } from './liability-clock.js';
import type { AggregateCapFacts, LiabilityState } from './liability-state.js';

/* Imposition: the penalty notice (IS1131A/IS1132). Each guard refuses with its own reason. */

/** This liability's view of `checkAggregateCaps`, with its amount in a valid senior officer's split. */
export function aggregateCapFacts(
  check: Pick<AggregateCapCheck, 'capPence' | 'totalPence' | 'exceedsCap' | 'imposable'>,
  split?: { approvedBy: string; amountPence: number },
): AggregateCapFacts {
  return {
    capPence: check.capPence,
    totalPence: check.totalPence,
    exceedsCap: check.exceedsCap,
    ...(check.exceedsCap && check.imposable && split ? { seniorOfficerSplit: split } : {}),
  };
}

function aggregateCapProblems(state: LiabilityState): string[] {
  const cap = state.aggregateCap;
  if (!cap) {
    return ['The aggregate maximum for the incident has not been checked. Check the penalties of every responsible person together before imposing.'];
  }
  if (cap.exceedsCap && !cap.seniorOfficerSplit) {
    return [
      `The penalties for this incident total ${formatPounds(cap.totalPence)}, above the aggregate maximum of ${formatPounds(cap.capPence)}. A senior officer must record how the maximum is split before any of them is imposed.`,
    ];
  }
  return [];
}

function imposedAmountPence(state: LiabilityState): number | undefined {
  return state.aggregateCap?.seniorOfficerSplit?.amountPence ?? state.recommendation?.amountPence;
}

export const impositionCommands: Commands<'imposePenalty'> = {
  imposePenalty: {
    ready: (state: LiabilityState, context: DecisionContext) => {
      const clock = checkImposition(clockFacts(state), context.today, context.policyVersion);
      const resend = state.initialNoticeResend
        ? [`An earlier initial notice is being re-sent (it went to ${state.initialNoticeResend.wrongAddress}). Re-send it and let the new response window close before imposing.`]
        : [];
      const recommendation = state.recommendation && state.approval ? [] : ['There is no assured recommendation to impose.'];
      const discretion = discretionAwaitingApproval(state) ? ['The discretion in the recommendation awaits a Senior Officer’s approval.'] : [];
      return [...(clock.ok ? [] : clock.reasons), ...aggregateCapProblems(state), ...resend, ...recommendation, ...discretion];
    },
    events: (state, _action, context) => [
      liabilityEvent('PenaltyImposed', recorded(context), {
        noticeDate: context.today,
        amountPence: imposedAmountPence(state) ?? 0,
        aggregateSplitApprovedBy: state.aggregateCap?.seniorOfficerSplit?.approvedBy ?? null,
      }),
    ],
  },
};
