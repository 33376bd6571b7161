import type { CaseEvent } from './events.js';
import type { EventsOnAnotherStream, FieldProblem, Refusal } from '../command-decision.js';

export type { FieldProblem };

/*
 * What a case decision answers: the events to record on the case's stream, or a refusal with the
 * reason a person reads and, where the form has one, the field each problem is about. The cases
 * module's `caseCommand` records the events; the decision never does I/O.
 */

/** The domain's one refusal shape (src/domain/command-decision.ts). */
export type CaseRefusal = Refusal;
/** `alsoOn`: the same decision's events on another case's stream (a link is recorded on both cases). */
export type CaseDecision = { ok: true; events: CaseEvent[]; alsoOn?: readonly EventsOnAnotherStream[] } | CaseRefusal;

/** A refusal about one field of the form (`form` when it is about the whole form). */
export function refuseField(message: string, field = 'form'): CaseRefusal {
  return { ok: false, message, errors: [{ field, message }] };
}

/** A refusal listing every problem, its message their messages in order. */
export function refuseAll(errors: FieldProblem[]): CaseRefusal {
  return { ok: false, message: errors.map((error) => error.message).join(' '), errors };
}
