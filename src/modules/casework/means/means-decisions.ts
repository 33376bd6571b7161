import { MEANS_REDUCTION_BASES, type LiabilityActionType, type MeansReductionBasis } from '../../../domain/liability/actions.js';
import { formatLongDate } from '../../../domain/clock/calendar-date.js';
import { deadlineOf } from '../../../domain/liability/liability-clock.js';
import { currentAmountPence, penaltyCancelled, type LiabilityState } from '../../../domain/liability/liability-state.js';
import { driverMeansReduction, meansReducedAmount, pendingMeansReduction } from '../../../domain/liability/means-reduction.js';
import { formatPounds } from '../../../domain/penalty/money.js';
import { discretionReasons } from '../../../domain/policy/policy-parameters.js';
import type { CaseFile, LiabilityRow } from '../case-file.js';
import { assuredMeans, meansAssessmentsOf } from './means-record.js';

/*
 * What a means or discretion decision page shows above its button (the person, the amounts, the
 * reasons, who proposed or drafted it) and the amount the proposal form starts from: read from the
 * case file, decided by the domain (`meansReducedAmount`, `driverMeansReduction`).
 */

export interface ReductionSuggestion {
  amountPence: number;
  basis: MeansReductionBasis;
  basisLabel: string;
  explanation: string;
}

const officerName = (file: CaseFile, id: string) => file.events.find((event) => event.actorId === id)?.actorName ?? 'another officer';

/** The latest assured reduction of another (not the driver's) penalty on this case: what the company's penalty came down by. */
function companyReductionPence(file: CaseFile, driver: LiabilityRow): number | undefined {
  let reduction: number | undefined;
  for (const row of file.liabilities) {
    if (row.id === driver.id || row.role === 'driver') continue;
    for (const proposal of file.states.get(row.id)?.meansReductions ?? []) {
      if (proposal.decision?.approved) reduction = proposal.previousAmountPence - proposal.amountPence;
    }
  }
  return reduction;
}

/** The reduction the means assessment points to, for this liability now: the §10.87 rule for a driver. */
export function reductionSuggestion(file: CaseFile, row: LiabilityRow): ReductionSuggestion | null {
  const state = file.states.get(row.id);
  if (!state?.penaltyNotice || penaltyCancelled(state) || !file.policy.ok) return null;
  const inForce = currentAmountPence(state) ?? 0;
  const means = assuredMeans(meansAssessmentsOf(file.events, row.id));
  if (row.role === 'driver') {
    const company = companyReductionPence(file, row);
    const own = means?.kind === 'individual' ? means.assessedAmountPence : undefined;
    const rule = driverMeansReduction({ driverAmountPence: inForce, companyReductionPence: company, driverAffordablePence: own });
    if (!rule.ok || rule.amountPence >= inForce) return null;
    return { amountPence: rule.amountPence, basis: rule.basis, basisLabel: MEANS_REDUCTION_BASES[rule.basis], explanation: `${rule.explanation}.` };
  }
  if (!means) return null;
  const reduced = meansReducedAmount(inForce, means, file.policy.policyVersion.parameters);
  if (reduced.amountPence >= inForce) return null;
  return { ...reduced, basisLabel: MEANS_REDUCTION_BASES[reduced.basis], explanation: `From the assured means assessment: ${reduced.explanation}.` };
}

function paymentDue(file: CaseFile, state: LiabilityState) {
  return file.policy.ok && state.penaltyNotice ? (deadlineOf(state, file.policy.policyVersion, 'paymentDue') ?? null) : null;
}

/** Rows for a GOV.UK summary list above a means or discretion decision, and the values its form starts with. */
export function meansDecisionSummary(file: CaseFile, type: LiabilityActionType, rows: readonly LiabilityRow[]): { heading: string; rows: { key: string; value: string }[]; prefill: Record<string, string> } | null {
  const row = rows[0];
  const state = row ? file.states.get(row.id) : undefined;
  if (!row || !state) return null;
  const person = { key: 'Person', value: `${row.partyName} (${row.role})` };
  if (type === 'proposeMeansReduction') {
    const suggestion = reductionSuggestion(file, row);
    const due = paymentDue(file, state);
    return {
      heading: 'The penalty and the means assessment',
      rows: [
        person,
        { key: 'Penalty in force', value: formatPounds(currentAmountPence(state) ?? 0) },
        ...(due ? [{ key: 'Payment due date', value: `${formatLongDate(due)} (requests received after it are refused)` }] : []),
        { key: 'Suggested amount', value: suggestion ? `${formatPounds(suggestion.amountPence)}: ${suggestion.explanation}` : 'None: no assured means assessment lowers this penalty (record and assure one first)' },
      ],
      prefill: suggestion ? { amount: (suggestion.amountPence / 100).toFixed(2), basis: suggestion.basis } : {},
    };
  }
  if (type === 'decideMeansReduction') {
    const pending = pendingMeansReduction(state);
    if (!pending) return null;
    return {
      heading: 'The reduction proposed',
      rows: [
        person,
        { key: 'Penalty in force', value: formatPounds(currentAmountPence(state) ?? 0) },
        { key: 'Reduce it to', value: formatPounds(pending.amountPence) },
        { key: 'Rests on', value: MEANS_REDUCTION_BASES[pending.basis] },
        { key: 'Reasons', value: pending.reasons },
        { key: 'Request received', value: formatLongDate(pending.requestedOn) },
        ...(pending.paymentDue ? [{ key: 'Payment due date', value: formatLongDate(pending.paymentDue) }] : []),
        { key: 'Proposed by', value: officerName(file, pending.proposedBy) },
      ],
      prefill: {},
    };
  }
  if (type === 'approveDiscretion') {
    const recommendation = state.recommendation;
    if (!recommendation?.discretionApplied) return null;
    const reasons = file.policy.ok ? discretionReasons(file.policy.policyVersion.parameters) : {};
    const items = (recommendation.discretion ?? []).map((item) => ({
      key: `${reasons[item.reasonCode]?.name ?? item.reasonCode}${item.afterMeans ? ' (after means testing)' : ''}`,
      value: `${item.percent}% – ${formatPounds(item.reducedPence)} off${item.explanation ? `: ${item.explanation}` : ''}`,
    }));
    return {
      heading: 'The discretion you are approving',
      rows: [
        person,
        ...items,
        { key: 'Recommended penalty', value: formatPounds(recommendation.amountPence) },
        { key: 'Drafted by', value: officerName(file, recommendation.draftedBy) },
      ],
      prefill: {},
    };
  }
  return null;
}
