import type { CalendarDate } from '../clock/calendar-date.js';
import type { PolicyVersion } from '../policy/policy-parameters.js';
import type { ActionOf, LiabilityActionType } from './actions.js';
import type { Actor } from './casework-roles.js';
import type { LiabilityEvent, Recorded } from './liability-events.js';
import type { LiabilityState } from './liability-state.js';

export interface DecisionContext {
  actor: Actor;
  /** The day the command is run: 'YYYY-MM-DD' (UK date). */
  today: CalendarDate;
  /** The policy version in force on the incident date. */
  policyVersion: PolicyVersion;
}

/**
 * A command's guards and the events it records. `ready` holds the guards that need only the state
 * and who is acting (the page shows them beside a button); `check` the guards on what the command
 * carries. Both answer with reasons a person can act on; an empty list means go ahead.
 */
export interface Command<A> {
  ready?: (state: LiabilityState, context: DecisionContext) => string[];
  check?: (state: LiabilityState, action: A, context: DecisionContext) => string[];
  events: (state: LiabilityState, action: A, context: DecisionContext) => LiabilityEvent[];
}

export type Commands<K extends LiabilityActionType> = { [T in K]: Command<ActionOf<T>> };

export function recorded(context: DecisionContext): Recorded {
  return { by: context.actor.id, on: context.today };
}
