import type { PolicyVersion } from '../policy/policy-parameters.js';
import { policyInForce } from '../policy/policy-in-force.js';
import type { Deadline } from './deadline.js';
import { deadlines, deadlinesInputSchema, type DeadlineName } from './deadlines.js';

export type DeadlinesRequestOutcome =
  | { ok: true; result: { deadlines: Deadline<DeadlineName>[] } }
  | { ok: false; kind: 'invalid-input'; reasons: string[]; errors: { path: string; message: string }[] }
  | { ok: false; kind: 'cannot-calculate'; reasons: string[] };

/**
 * The one route from an untrusted request body to deadlines, shared by the API and the CLI:
 * validate the shape, choose the policy version in force on the incident date, derive the dates.
 */
export function evaluateDeadlinesRequest(body: unknown, policyVersions: readonly PolicyVersion[]): DeadlinesRequestOutcome {
  const parsed = deadlinesInputSchema.safeParse(body);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
    return {
      ok: false,
      kind: 'invalid-input',
      reasons: errors.map((error) => (error.path ? `${error.path}: ${error.message}` : error.message)),
      errors,
    };
  }
  const policy = policyInForce(policyVersions, parsed.data.incidentDate);
  if (!policy.ok) return { ok: false, kind: 'cannot-calculate', reasons: policy.reasons };
  const outcome = deadlines(parsed.data, policy.policyVersion);
  return outcome.ok ? outcome : { ok: false, kind: 'cannot-calculate', reasons: outcome.reasons };
}
