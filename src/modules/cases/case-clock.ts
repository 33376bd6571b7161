import { deadlines } from '../../domain/clock/deadlines.js';
import { policyInForce } from '../../domain/policy/policy-in-force.js';
import type { PolicyVersion } from '../../domain/policy/policy-parameters.js';
import type { Db } from '../../platform/database/client.js';
import { policyService } from '../policy/service.js';

/** The published policy versions, read inside the caller's transaction. */
export function policyVersionsIn(tx: Db): Promise<PolicyVersion[]> {
  return policyService(tx).versions();
}

/**
 * The last day to impose for an incident date, from the statutory clock, stored on the case for
 * the deadline queues. Null when no policy covers the date (the case page then says why).
 */
export function lastDayToImposeFor(versions: readonly PolicyVersion[], incidentDate: string): string | null {
  const policy = policyInForce(versions, incidentDate);
  if (!policy.ok) return null;
  const outcome = deadlines({ incidentDate }, policy.policyVersion);
  return outcome.ok ? (outcome.result.deadlines.find((d) => d.name === 'lastDayToImpose')?.date ?? null) : null;
}
