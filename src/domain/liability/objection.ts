import { isAfter } from '../clock/calendar-date.js';
import type { PenaltyResult } from '../penalty/calculate-penalty.js';
import { formatPounds } from '../penalty/money.js';
import { OBJECTION_ASSURANCE_CHECKLIST, OBJECTION_OUTCOMES, type ActionOf } from './actions.js';
import { checklistProblems, tickedInOrder } from './assurance.js';
import { holdsAnyRole } from './casework-roles.js';
import { recorded, type Commands, type DecisionContext } from './command.js';
import { liabilityEvent } from './liability-events.js';
import { deadlineOf, orderProblems, recordedDateProblems, requiredText } from './liability-clock.js';
import { currentAmountPence, type LiabilityState } from './liability-state.js';
import { calculationFor } from './recommendation.js';
import { cpasAnswerProblems, determinationOverrideNeedsSeniorOfficer } from './cpas-override.js';

/* Objections: received within 28 days of the notice (a late one needs a decision to accept), determined within 70. */

type Determination = { ok: true; amountPence: number; calculation: PenaltyResult | null } | { ok: false; reasons: string[] };

function determination(state: LiabilityState, action: ActionOf<'determineObjection'>, context: DecisionContext): Determination {
  const current = currentAmountPence(state) ?? 0;
  if (!Object.hasOwn(OBJECTION_OUTCOMES, action.outcome)) {
    return { ok: false, reasons: [`"${String(action.outcome)}" is not an outcome of an objection. Choose cancel, reduce, maintain or increase.`] };
  }
  if (action.outcome === 'cancel') return { ok: true, amountPence: 0, calculation: null };
  if (action.outcome === 'maintain') return { ok: true, amountPence: current, calculation: null };
  if (!action.penaltyFacts) return { ok: false, reasons: [`To ${action.outcome} the penalty, calculate it afresh on the facts as they now stand.`] };
  const cpas = cpasAnswerProblems(action.penaltyFacts, action.cpas);
  if (cpas.length > 0) return { ok: false, reasons: cpas };
  const calculation = calculationFor(state, action.penaltyFacts, context);
  if (!calculation.ok) return calculation;
  const amount = calculation.result.amountPence;
  if (action.outcome === 'reduce' && amount === 0) {
    return { ok: false, reasons: ['The fresh calculation comes to £0: cancel the penalty instead of reducing it.'] };
  }
  if (action.outcome === 'reduce' && amount >= current) {
    return { ok: false, reasons: [`The fresh calculation (${formatPounds(amount)}) is not lower than the penalty (${formatPounds(current)}): maintain it, or check the facts.`] };
  }
  if (action.outcome === 'increase' && amount <= current) {
    return { ok: false, reasons: [`The fresh calculation (${formatPounds(amount)}) is not higher than the penalty (${formatPounds(current)}): maintain it, or check the facts.`] };
  }
  return { ok: true, amountPence: amount, calculation: calculation.result };
}

export const objectionCommands: Commands<'recordObjection' | 'decideLateObjection' | 'determineObjection' | 'assureObjectionDetermination'> = {
  recordObjection: {
    ready: (state) => (state.objection ? [`An objection to this penalty was already received on ${state.objection.receivedOn}.`] : []),
    check: (state, action, context) => {
      const dateProblems = recordedDateProblems('The date the objection was received', action.receivedOn, state, context.today);
      return [
        ...dateProblems,
        ...(dateProblems.length === 0 ? orderProblems('The date the objection was received', action.receivedOn, 'the penalty notice date', state.penaltyNotice?.noticeDate) : []),
        ...requiredText('the grounds of the objection', action.grounds),
      ];
    },
    events: (state, action, context) => {
      const due = deadlineOf(state, context.policyVersion, 'objectionDue') ?? null;
      return [
        liabilityEvent('ObjectionReceived', recorded(context), {
          receivedOn: action.receivedOn,
          grounds: action.grounds.trim(),
          late: due !== null && isAfter(action.receivedOn, due),
          objectionDue: due,
          previousStage: state.stage,
          ...(action.lateReason?.trim() && due !== null && isAfter(action.receivedOn, due) ? { lateReason: action.lateReason.trim() } : {}),
        }),
      ];
    },
  },

  decideLateObjection: {
    ready: (state) => {
      if (!state.objection?.late) return ['The objection was received in time; there is nothing to accept.'];
      return state.objection.lateDecision ? ['Whether to accept the late objection has already been decided.'] : [];
    },
    check: (_state, action) => requiredText('the reason for the decision', action.reason),
    events: (state, action, context) =>
      action.accept
        ? [liabilityEvent('LateObjectionAccepted', recorded(context), { reason: action.reason.trim() })]
        : [liabilityEvent('LateObjectionRefused', recorded(context), { reason: action.reason.trim(), returnTo: state.objection?.stageBefore ?? 'imposed' })],
  },

  determineObjection: {
    ready: (state) => {
      if (state.objection?.late && state.objection.lateDecision?.accepted !== true) {
        return [`The objection arrived late (${state.objection.receivedOn}). Decide to accept it before determining it.`];
      }
      return state.objection?.draftDetermination ? ['A determination is already waiting for a Higher Officer to assure it.'] : [];
    },
    check: (state, action, context) => {
      const outcome = determination(state, action, context);
      return [...(outcome.ok ? [] : outcome.reasons), ...requiredText('the reasons given to the objector', action.reasons)];
    },
    events: (state, action, context) => {
      const outcome = determination(state, action, context);
      if (!outcome.ok) throw new Error('determineObjection: events asked for after a refused check');
      return [
        liabilityEvent('ObjectionDeterminationDrafted', recorded(context), {
          outcome: action.outcome,
          amountPence: outcome.amountPence,
          previousAmountPence: currentAmountPence(state) ?? 0,
          reasons: action.reasons.trim(),
          steps: outcome.calculation?.steps ?? null,
          ...(outcome.calculation && action.cpas ? { cpas: { ...action.cpas, ...(action.cpas.reason ? { reason: action.cpas.reason.trim() } : {}) } } : {}),
        }),
      ];
    },
  },

  /** Four eyes on the objection (seed 003 §10.111): the determination takes effect only when assured. */
  assureObjectionDetermination: {
    ready: (state, context) => {
      const draft = state.objection?.draftDetermination;
      if (!draft) return ['No determination of the objection is waiting for assurance. Determine the objection first.'];
      if (draft.draftedBy === context.actor.id) return ['You determined this objection, so you cannot assure it. Another Higher Officer must approve or return it.'];
      return [];
    },
    check: (state, action, context) => {
      if (!action.approve) return requiredText('why the determination is returned', action.reason);
      // An override of the accreditation register is confirmed by a Senior Officer: assuring it is that confirmation.
      const override = determinationOverrideNeedsSeniorOfficer(state, state.objection?.draftDetermination?.cpas) && !holdsAnyRole(context.actor, ['senior-officer'])
        ? ['The determination overrides the accreditation register: only a Senior Officer may assure it. Return it, or ask a Senior Officer.']
        : [];
      return [...override, ...checklistProblems(action.checklist, OBJECTION_ASSURANCE_CHECKLIST, 'objection assurance')];
    },
    events: (state, action, context) => {
      const draft = state.objection?.draftDetermination;
      if (!draft) throw new Error('assureObjectionDetermination: events asked for without a draft');
      if (!action.approve) {
        return [liabilityEvent('ObjectionDeterminationReturned', recorded(context), { reason: (action.reason ?? '').trim(), determinedBy: draft.draftedBy })];
      }
      // The amount in force may have moved since the draft (a court decision cannot, before determination): the draft's stands.
      return [
        liabilityEvent('ObjectionDetermined', recorded(context), {
          outcome: draft.outcome,
          amountPence: draft.amountPence,
          previousAmountPence: draft.previousAmountPence,
          reasons: draft.reasons,
          steps: draft.steps,
          determinedBy: draft.draftedBy,
          checklist: tickedInOrder(action.checklist, OBJECTION_ASSURANCE_CHECKLIST),
          ...(draft.cpas ? { cpas: draft.cpas } : {}),
        }),
      ];
    },
  },
};
