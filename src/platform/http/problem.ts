import type { FastifyReply } from 'fastify';
import type { CommandOutcome, FieldError } from '../events/command.js';

/** RFC 9457 problem document, with per-field errors. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
}

export function sendProblem(reply: FastifyReply, problem: Omit<Problem, 'type'> & { type?: string }) {
  return reply
    .code(problem.status)
    .type('application/problem+json')
    .send({ type: problem.type ?? 'about:blank', ...problem });
}

export const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
} as const;

/** The API's answer to a command's outcome: refusals become problem documents, never a 500. */
export function sendOutcome<R>(reply: FastifyReply, outcome: CommandOutcome<R>, onSuccess: (value: R, replayed: boolean) => unknown) {
  if (outcome.ok) return onSuccess(outcome.value, outcome.replayed);
  switch (outcome.kind) {
    case 'invalid':
    case 'refused':
      return sendProblem(reply, { status: 422, title: outcome.message, detail: 'Correct the fields listed in errors and send it again.', errors: outcome.errors });
    case 'forbidden':
      return sendProblem(reply, { status: 403, title: 'Forbidden', detail: outcome.message });
    case 'not-found':
      return sendProblem(reply, { status: 404, title: 'Not found', detail: outcome.message });
    case 'conflict':
      return sendProblem(reply, { status: 409, title: 'Conflict', detail: outcome.message });
  }
}
