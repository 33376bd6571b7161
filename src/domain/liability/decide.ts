import { isAfter, isCalendarDate, type CalendarDate } from '../clock/calendar-date.js';
import type { PolicyVersion } from '../policy/policy-parameters.js';
import type { LiabilityAction, LiabilityActionType } from './actions.js';
import { appealCommands } from './appeal.js';
import { describeRoles, holdsAnyRole, type Actor } from './casework-roles.js';
import type { Command, Commands, DecisionContext } from './command.js';
import { applyEvents } from './evolve.js';
import { impositionCommands } from './imposition.js';
import { initialNoticeCommands } from './initial-notice.js';
import { instalmentCommands } from './instalments.js';
import { investigationCommands } from './investigation.js';
import { liabilityEvent, type LiabilityEvent } from './liability-events.js';
import { creditPence, type LiabilityState } from './liability-state.js';
import { notReferredCommands } from './not-referred.js';
import { noticeDetailsCheckCommands } from './notice-details-check.js';
import { meansReductionCommands } from './means-reduction.js';
import { discretionCommands } from './discretion.js';
import { cpasOverrideCommands } from './cpas-override.js';
import { objectionCommands } from './objection.js';
import { paymentCommands } from './payment.js';
import { portalMayRun } from './portal.js';
import { recommendationCommands } from './recommendation.js';
import { refundCommands } from './refund.js';
import { reviewCommands } from './review.js';
import { stageLabel, type Stage } from './stages.js';
import { LIABILITY_ACTION_TYPES, TRANSITIONS } from './transitions.js';
import { writeOffCommands } from './write-off.js';

export type Decision = { ok: true; stage: Stage; events: LiabilityEvent[] } | { ok: false; reasons: string[] };

const COMMANDS: Commands<LiabilityActionType> = {
  ...initialNoticeCommands,
  ...noticeDetailsCheckCommands,
  ...recommendationCommands,
  ...impositionCommands,
  ...objectionCommands,
  ...appealCommands,
  ...paymentCommands,
  ...instalmentCommands,
  ...refundCommands,
  ...reviewCommands,
  ...writeOffCommands,
  ...investigationCommands,
  ...notReferredCommands,
  ...meansReductionCommands,
  ...discretionCommands,
  ...cpasOverrideCommands,
};

/** Impossible records stop every command: a date that is not real, an incident in the future. */
function recordProblems(state: LiabilityState, today: CalendarDate): string[] {
  if (!isCalendarDate(today)) return [`Today's date "${String(today)}" is not a real date written YYYY-MM-DD.`];
  if (!isCalendarDate(state.incidentDate)) return [`The incident date "${String(state.incidentDate)}" is not a real date. Correct the incident first.`];
  if (isAfter(state.incidentDate, today)) return [`The incident date (${state.incidentDate}) is in the future. Correct the incident first.`];
  return [];
}

function permissionProblems(type: LiabilityActionType, state: LiabilityState, actor: Actor): string[] {
  const rule = TRANSITIONS[type];
  const problems: string[] = [];
  // A person online (role portal-user) may run the few commands of portal.ts on their own penalty.
  if (!holdsAnyRole(actor, rule.roles) && !portalMayRun(type, actor.roles)) problems.push(`Only ${describeRoles(rule.roles)} may ${rule.label.toLowerCase()}.`);
  if (!rule.from[state.stage]) {
    const stages = (Object.keys(rule.from) as Stage[]).map((stage) => `“${stageLabel(stage)}”`);
    problems.push(`You cannot ${rule.label.toLowerCase()} at the stage “${stageLabel(state.stage)}”; only at ${stages.join(', ')}.`);
  }
  return problems;
}

function commandFor(type: LiabilityActionType): Command<LiabilityAction> {
  // Each entry is typed for its own action; the union cannot be correlated by the compiler.
  return COMMANDS[type] as Command<LiabilityAction>;
}

/**
 * Whether `context.actor` may run `action` on the liability today, and if so the events to record
 * and the stage they lead to. Pure: the caller stores the events and applies them with `evolve`.
 */
export function decide(state: LiabilityState, action: LiabilityAction, context: DecisionContext): Decision {
  const impossible = recordProblems(state, context.today);
  if (impossible.length > 0) return { ok: false, reasons: impossible };
  if (!Object.hasOwn(TRANSITIONS, action.type)) return { ok: false, reasons: [`"${String(action.type)}" is not something that can be done to a liability.`] };

  const permission = permissionProblems(action.type, state, context.actor);
  if (permission.length > 0) return { ok: false, reasons: permission };

  const command = commandFor(action.type);
  const reasons = [...(command.ready?.(state, context) ?? []), ...(command.check?.(state, action, context) ?? [])];
  if (reasons.length > 0) return { ok: false, reasons };

  const events = withOverpayment(state, command.events(state, action, context), context);
  const stage = applyEvents(state, events).stage;
  if (!TRANSITIONS[action.type].from[state.stage]?.includes(stage)) {
    throw new Error(`liability table: ${action.type} from ${state.stage} led to ${stage}, which the table does not allow`);
  }
  return { ok: true, stage, events };
}

/**
 * Any command that leaves the person more in credit than before (a payment beyond what is owed, a
 * reduction or cancellation after payment) also records the overpayment, which then waits for a
 * refund decision: one rule here rather than one in each command that changes an amount.
 */
function withOverpayment(state: LiabilityState, events: LiabilityEvent[], context: DecisionContext): LiabilityEvent[] {
  const credit = creditPence(applyEvents(state, events));
  if (credit <= creditPence(state)) return events;
  return [...events, liabilityEvent('OverpaymentDetected', { by: context.actor.id, on: context.today }, { amountPence: credit })];
}

export interface AvailableAction {
  type: LiabilityActionType;
  label: string;
  /** False when a guard on the recorded facts stands in the way today; `reasons` says which. */
  allowed: boolean;
  reasons: string[];
}

/**
 * The commands the actor's roles allow from the liability's stage, for the page's buttons, each with
 * the guards that already stand in the way (those that do not depend on what the form will carry).
 * A decision on something usually absent (a refund, an instalment request, the end of a review) is
 * offered only when there is something to decide.
 */
export function availableActions(state: LiabilityState, actor: Actor, today: CalendarDate, policyVersion: PolicyVersion): AvailableAction[] {
  const impossible = recordProblems(state, today);
  const context: DecisionContext = { actor, today, policyVersion };
  return LIABILITY_ACTION_TYPES.filter((type) => permissionProblems(type, state, actor).length === 0)
    .map((type) => {
      const reasons = impossible.length > 0 ? impossible : (commandFor(type).ready?.(state, context) ?? []);
      return { type, label: TRANSITIONS[type].label, allowed: reasons.length === 0, reasons };
    })
    .filter((action) => action.allowed || !TRANSITIONS[action.type].offeredOnlyWhenReady);
}
