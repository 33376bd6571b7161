import type { CataloguedEvent } from './events.js';

/*
 * What a command's decision answers, in the domain's own terms (no platform type): the events to
 * record — and, when one decision records on a second stream, those too — or a refusal with the
 * reason and the field each problem is about. The platform's `Decision` has the same shape, so a
 * command wires the domain's function in directly: `decide: decideRecordSearch`.
 */

/** A problem with one answer, shown beside its field. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** Who runs the command: their id, name and roles. */
export interface CommandActor {
  id: string;
  name: string;
  roles: readonly string[];
}

/** When and by whom a command is run. */
export interface CommandMoment {
  actor: CommandActor;
  now: Date;
}

/** Events the same decision records on another stream (sending an incident opens its case). */
export interface EventsOnAnotherStream {
  streamId: string;
  streamType: string;
  expectedVersion: number;
  events: CataloguedEvent[];
}

export type Refusal = { ok: false; message: string; errors?: FieldProblem[] };

export type CommandDecision = { ok: true; events: CataloguedEvent[]; alsoOn?: readonly EventsOnAnotherStream[] } | Refusal;

/** A refusal with its reason and, when known, the problem with each field. */
export function refuse(message: string, errors?: FieldProblem[]): Refusal {
  return errors ? { ok: false, message, errors } : { ok: false, message };
}
