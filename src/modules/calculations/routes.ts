import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { apiRoute } from '../../platform/http/api.js';
import { penaltyCalculationInputSchema } from '../../domain/penalty/penalty-input.js';
import { deadlinesInputSchema } from '../../domain/clock/deadlines.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import type { PolicyService } from '../policy/service.js';
import { CASE_READERS } from '../identity/roles.js';
import { evaluateBatch, evaluateOne, type Calculator } from './evaluate.js';

const STAFF = [...CASE_READERS, 'administrator'] as const;

const penaltyResult = z.object({
  amountPence: z.number().int(),
  amountPounds: z.number().int(),
  regime: z.enum(['2002', '2023']),
  policyVersion: z.string(),
  startingLevelPence: z.number().int(),
  steps: z.array(z.object({ label: z.string(), rule: z.string(), amountPence: z.number().int() })),
  warnings: z.array(z.string()),
});
const deadlinesResult = z.object({
  deadlines: z.array(z.object({ name: z.string(), date: z.string(), rule: z.string(), nonWorkingDay: z.boolean() })),
});
const refusedElement = z.object({ error: z.object({ reasons: z.array(z.string()) }) });

export function calculationsRoutes(app: FastifyInstance, deps: { policy: PolicyService }) {
  const answer = (calculator: Calculator) => async (_request: FastifyRequest, reply: FastifyReply, body: unknown) => {
    const versions = await deps.policy.versions();
    const today = ukDate(new Date());
    if (Array.isArray(body)) return evaluateBatch(calculator, body, versions, today);
    const outcome = evaluateOne(calculator, body, versions, today);
    if (outcome.ok) return outcome.result;
    return reply
      .code(422)
      .type('application/problem+json')
      .send({
        type: 'about:blank',
        title: calculator === 'penalty' ? 'The penalty cannot be calculated' : 'The deadlines cannot be worked out',
        status: 422,
        detail: outcome.reasons.join(' '),
        reasons: outcome.reasons,
        errors: outcome.errors,
      });
  };

  apiRoute(app, {
    method: 'POST',
    path: '/api/v1/penalty-calculations',
    tag: 'Penalties',
    summary: 'Calculate the penalty for one responsible person, with every step explained',
    description:
      'Send one input, or an array of inputs to get an array of results in the same order (a refused element is { "error": { "reasons": [...] } }). The policy version in force on the incident date is used and named in the result.',
    access: { roles: STAFF },
    body: penaltyCalculationInputSchema,
    idempotentBecause: 'A calculation: it changes nothing.',
    validateBody: false,
    responses: {
      200: { description: 'The penalty (or, for an array, the results in order)', schema: z.union([penaltyResult, z.array(z.union([penaltyResult, refusedElement]))]) },
      422: { description: 'The input cannot be calculated: `reasons` says why, `errors` names fields' },
    },
    handler: answer('penalty'),
  });

  apiRoute(app, {
    method: 'POST',
    path: '/api/v1/deadlines',
    tag: 'Penalties',
    summary: 'Every statutory deadline that follows from the recorded facts',
    description: 'Dates are calendar dates (YYYY-MM-DD). No deadline moves for weekends or bank holidays; nonWorkingDay warns when one falls on one. Arrays in, arrays out.',
    access: { roles: STAFF },
    body: deadlinesInputSchema,
    idempotentBecause: 'A calculation: it changes nothing.',
    validateBody: false,
    responses: {
      200: { description: 'The deadlines (or, for an array, the results in order)', schema: z.union([deadlinesResult, z.array(z.union([deadlinesResult, refusedElement]))]) },
      422: { description: 'The facts are inconsistent: `reasons` says why' },
    },
    handler: answer('deadlines'),
  });

}
