import { deadlines, type DeadlinesInput } from '../../domain/clock/deadlines.js';
import { policyInForce } from '../../domain/policy/policy-in-force.js';
import type { PolicyVersion } from '../../domain/policy/policy-parameters.js';
import type { Db } from '../../platform/database/client.js';
import { policyService } from '../policy/service.js';

/** The published policy versions, read inside the caller's transaction. */
export function policyVersionsIn(tx: Db): Promise<PolicyVersion[]> {
  return policyService(tx).versions();
}

/** The facts the case's clock starts from: the incident date, and a lorry drop's two dates. */
export type CaseClockStart = Pick<DeadlinesInput, 'incidentDate' | 'lorryDrop'>;

/** The clock's start as the deadlines input: the lorry drop only when there is one. */
export function caseClockFacts(incidentDate: string, lorryDrop: DeadlinesInput['lorryDrop'] | null | undefined): CaseClockStart {
  return { incidentDate, ...(lorryDrop ? { lorryDrop } : {}) };
}

/**
 * The last day to impose for the case's clock facts (for a lorry drop, counted from the earlier of
 * arrival and detection), stored on the case for the deadline queues. Null when no policy covers
 * the date or the clock refuses the facts (the case page then says why).
 */
export function lastDayToImposeFor(versions: readonly PolicyVersion[], start: CaseClockStart): string | null {
  const policy = policyInForce(versions, start.incidentDate);
  if (!policy.ok) return null;
  const outcome = deadlines(start, policy.policyVersion);
  return outcome.ok ? (outcome.result.deadlines.find((d) => d.name === 'lastDayToImpose')?.date ?? null) : null;
}
