import type { LiabilityAction } from '../liability/actions.js';
import { decide } from '../liability/decide.js';
import { TRANSITIONS } from '../liability/transitions.js';
import { ukDate } from '../reference/uk-date.js';
import type { CaseDecisionContext, CaseFile, LiabilityRecord } from './case-file.js';
import type { CaseDecision } from './decision.js';
import { liabilityEventOnCase, type CaseEvent } from './events.js';

/*
 * A casework step on one or more liabilities of a case: the action must be one of the transition
 * table's, the case must have a policy in force, each chosen liability must be on the case, and the
 * liability's own `decide` (every guard) must accept it for each. Several liabilities at once (e.g.
 * both offences of one person) succeed or fail together; their reasons then name the person.
 */

/** “Driver Piotr Kowalski (S31A)”: who a reason is about when a step covers several liabilities. */
export function personLabel(row: LiabilityRecord): string {
  return `${row.role.charAt(0).toUpperCase()}${row.role.slice(1)} ${row.partyName} (${row.offence})`;
}

export function decideLiabilitySteps(file: CaseFile, input: { liabilityIds: readonly string[]; action: { type: string } }, { actor, now }: CaseDecisionContext): CaseDecision {
  if (!Object.hasOwn(TRANSITIONS, input.action.type)) {
    return { ok: false, message: `"${input.action.type}" is not something that can be done to a case.` };
  }
  if (!file.policy.ok) return { ok: false, message: file.policy.reasons.join(' ') };
  const context = { actor: { id: actor.id, roles: actor.roles }, today: ukDate(now), policyVersion: file.policy.policyVersion };
  const events: CaseEvent[] = [];
  const reasons: string[] = [];
  const ids = [...new Set(input.liabilityIds)];
  for (const id of ids) {
    const row = file.liabilities.find((l) => l.id === id);
    const state = file.states.get(id);
    if (!row || !state) {
      reasons.push('One of the responsible persons chosen is not part of this case. Reload the case and try again.');
      continue;
    }
    const decision = decide(state, input.action as unknown as LiabilityAction, context);
    if (!decision.ok) {
      reasons.push(...decision.reasons.map((reason) => (ids.length > 1 ? `${personLabel(row)}: ${reason}` : reason)));
      continue;
    }
    events.push(...decision.events.map((event) => liabilityEventOnCase(event, id)));
  }
  if (reasons.length > 0) {
    return { ok: false, message: reasons.join(' '), errors: reasons.map((message) => ({ field: 'action', message })) };
  }
  return { ok: true, events };
}
