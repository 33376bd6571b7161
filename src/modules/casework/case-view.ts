import { availableActions } from '../../domain/liability/decide.js';
import { clockFacts } from '../../domain/liability/liability-clock.js';
import { currentAmountPence, latestInitialNotice } from '../../domain/liability/liability-state.js';
import { nextExpectedStep } from '../../domain/liability/next-step.js';
import { RETURN_CATEGORIES, OBJECTION_OUTCOMES, APPEAL_OUTCOMES, WRITE_OFF_REASONS } from '../../domain/liability/actions.js';
import { stageLabel } from '../../domain/liability/stages.js';
import { formatPounds } from '../../domain/penalty/money.js';
import type { Actor } from '../../platform/events/event-store.js';
import type { CaseFile } from './case-file.js';
import { caseDeadlines } from './case-deadlines.js';
import { deadlinesThatApply, stageDescription } from './liability-status.js';
import { withReadableDates } from '../../platform/http/dates.js';

/** Names for officer ids on the page (the events keep ids). */
export type OfficerNames = (id: string) => string;

/**
 * Each liability as the case page shows it: stage, next expected step, every deadline from the
 * statutory clock, what has been recorded, and the steps this officer can take now (with the guards
 * that stand in the way, so a disabled step says why).
 */
export function liabilityViews(file: CaseFile, actor: Actor, today: string, officerName: OfficerNames) {
  return file.liabilities.map((row) => {
    const state = file.states.get(row.id)!;
    const actions = file.policy.ok ? availableActions(state, { id: actor.id, roles: actor.roles }, today, file.policy.policyVersion) : [];
    const amount = currentAmountPence(state);
    const clock = file.policy.ok ? { today, policyVersion: file.policy.policyVersion } : undefined;
    const description = stageDescription(state, { today, ...(clock ? { policyVersion: clock.policyVersion } : {}), events: file.events, liabilityId: row.id });
    return {
      row,
      state,
      stageLabel: stageLabel(state.stage),
      /** The stage with the payment state once money is owed ("Penalty imposed — 15 days overdue, £1,200 outstanding"). */
      stageDescription: description.label,
      paymentStates: description.paymentStates,
      nextStep: nextExpectedStep(state, clock),
      clock: caseDeadlines(clockFacts(state), file.versions, today, deadlinesThatApply(state)),
      // The guards' reasons carry the clock's dates: the page writes them "4 December 2026" (the API keeps them as the command gives them).
      actions: actions.map((action) => ({ ...action, readableReasons: action.reasons.map(withReadableDates) })),
      amount: amount === undefined ? null : formatPounds(amount),
      initialNotice: latestInitialNotice(state) ?? null,
      recommendation: state.recommendation
        ? {
            ...state.recommendation,
            amount: formatPounds(state.recommendation.amountPence),
            draftedByName: officerName(state.recommendation.draftedBy),
            steps: state.recommendation.steps.map((step) => ({ ...step, amount: formatPounds(step.amountPence) })),
          }
        : null,
      approval: state.approval ? { ...state.approval, approvedByName: officerName(state.approval.approvedBy) } : null,
      noticeCheck: state.noticeDetailsCheck ? { ...state.noticeDetailsCheck, checkedByName: officerName(state.noticeDetailsCheck.checkedBy) } : null,
      objectionDraft: state.objection?.draftDetermination
        ? {
            ...state.objection.draftDetermination,
            draftedByName: officerName(state.objection.draftDetermination.draftedBy),
            outcomeLabel: OBJECTION_OUTCOMES[state.objection.draftDetermination.outcome],
            amount: formatPounds(state.objection.draftDetermination.amountPence),
          }
        : null,
      assuranceReturns: state.assuranceReturns.map((entry) => ({
        ...entry,
        returnedByName: officerName(entry.returnedBy),
        categoryNames: entry.categories.map((category) => RETURN_CATEGORIES[category]),
      })),
      objection: state.objection
        ? {
            ...state.objection,
            outcomeLabel: state.objection.determination ? OBJECTION_OUTCOMES[state.objection.determination.outcome] : null,
            amount: state.objection.determination ? formatPounds(state.objection.determination.amountPence) : null,
          }
        : null,
      appeal: state.appeal
        ? {
            ...state.appeal,
            allocatedToName: state.appeal.allocatedTo ? officerName(state.appeal.allocatedTo) : null,
            outcomeLabel: state.appeal.decision ? APPEAL_OUTCOMES[state.appeal.decision.outcome] : null,
          }
        : null,
      writeOff: state.writeOff ? { ...state.writeOff, reasonLabel: WRITE_OFF_REASONS[state.writeOff.reason], proposedByName: officerName(state.writeOff.proposedBy) } : null,
      aggregateCap: state.aggregateCap ? { ...state.aggregateCap, cap: formatPounds(state.aggregateCap.capPence), total: formatPounds(state.aggregateCap.totalPence) } : null,
    };
  });
}
