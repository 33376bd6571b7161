import { evaluatePenaltyRequest } from '../../domain/penalty/penalty-request.js';
import { evaluateDeadlinesRequest } from '../../domain/clock/deadlines-request.js';
import type { PolicyVersion } from '../../domain/policy/policy-parameters.js';

export type Calculator = 'penalty' | 'deadlines';

export type SingleAnswer =
  | { ok: true; result: unknown }
  | { ok: false; reasons: string[]; errors: { field: string; message: string }[] };

/** One input through the chosen calculator: the API and the CLI both come through here. */
export function evaluateOne(calculator: Calculator, input: unknown, versions: readonly PolicyVersion[], today: string): SingleAnswer {
  const outcome = calculator === 'penalty' ? evaluatePenaltyRequest(input, versions, today) : evaluateDeadlinesRequest(input, versions);
  if (outcome.ok) return { ok: true, result: outcome.result };
  return {
    ok: false,
    reasons: outcome.reasons,
    errors: outcome.kind === 'invalid-input' ? outcome.errors.map((e) => ({ field: e.path || '(body)', message: e.message })) : [],
  };
}

/** A batch answers element by element, in order; a refused element does not stop the others. */
export function evaluateBatch(calculator: Calculator, inputs: unknown[], versions: readonly PolicyVersion[], today: string): unknown[] {
  return inputs.map((input) => {
    const answer = evaluateOne(calculator, input, versions, today);
    return answer.ok ? answer.result : { error: { reasons: answer.reasons } };
  });
}
