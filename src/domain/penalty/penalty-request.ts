import type { z } from 'zod';
import type { CalendarDate } from '../clock/calendar-date.js';
import type { PolicyVersion } from '../policy/policy-parameters.js';
import { policyInForce } from '../policy/policy-in-force.js';
import { calculatePenalty, type PenaltyResult } from './calculate-penalty.js';
import { penaltyCalculationInputSchema } from './penalty-input.js';

export interface FieldError {
  /** Dotted path to the field, e.g. "discretion.0.approvedBy"; empty for the whole input. */
  path: string;
  message: string;
}

export type PenaltyRequestOutcome =
  | { ok: true; result: PenaltyResult }
  /** The input does not have the documented shape (HTTP 400/422 with field errors). */
  | { ok: false; kind: 'invalid-input'; reasons: string[]; errors: FieldError[] }
  /** The input is well formed but these facts cannot be calculated (HTTP 422, CLI exit code 2). */
  | { ok: false; kind: 'cannot-calculate'; reasons: string[] };

export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/**
 * The one route from an untrusted request body to a penalty, shared by the API and the CLI so that
 * they give identical answers: validate the shape, choose the policy version in force on the
 * incident date, calculate.
 */
export function evaluatePenaltyRequest(
  body: unknown,
  policyVersions: readonly PolicyVersion[],
  today: CalendarDate,
): PenaltyRequestOutcome {
  const parsed = penaltyCalculationInputSchema.safeParse(body);
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error);
    return {
      ok: false,
      kind: 'invalid-input',
      reasons: errors.map((error) => (error.path ? `${error.path}: ${error.message}` : error.message)),
      errors,
    };
  }
  const policy = policyInForce(policyVersions, parsed.data.incidentDate);
  if (!policy.ok) return { ok: false, kind: 'cannot-calculate', reasons: policy.reasons };
  const calculation = calculatePenalty(parsed.data, policy.policyVersion, today);
  return calculation.ok ? calculation : { ok: false, kind: 'cannot-calculate', reasons: calculation.reasons };
}
