/*
 * What a payments decision answers: the events to record, or a refusal with the reason and the
 * field each problem is about (the form shows it beside the field). Pure: the command helper in
 * the platform records the events.
 */

import type { FieldProblem } from '../command-decision.js';

export type { FieldProblem };

export type PaymentsDecision<E> = { ok: true; events: E[] } | { ok: false; message: string; errors: FieldProblem[] };

/** A refusal listing every problem, its message their messages in order. */
export function refuse(errors: FieldProblem[]): { ok: false; message: string; errors: FieldProblem[] } {
  return { ok: false, message: errors.map((e) => e.message).join(' '), errors };
}
