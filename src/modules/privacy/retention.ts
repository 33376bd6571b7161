import type { Db } from '../../platform/database/client.js';
import { ukDate, ukLocalToInstant } from '../../domain/reference/uk-date.js';
import { policyInForce } from '../../domain/policy/policy-in-force.js';
import { retentionCutoffs } from '../../domain/policy/retention.js';
import type { PolicyService } from '../policy/service.js';
import { casesClosedBefore } from '../casework/queries.js';
import { searchesWithNothingFoundBefore } from '../intake/queries.js';
import type { PersonalDataReadLogService } from './read-log.js';

/** How many records of each kind are shown by name in the report (the counts cover them all). */
const SHOWN = 20;

/**
 * The records past the retention schedule in force today (the policy version whose effective date
 * is the latest on or before today): closed cases, searches where nothing was found, and the read
 * log. A report only: Cordon deletes nothing.
 */
export async function retentionReport(db: Db, deps: { policy: Pick<PolicyService, 'versions'>; readLog: Pick<PersonalDataReadLogService, 'readsBefore'>; now: Date }) {
  const today = ukDate(deps.now);
  const chosen = policyInForce(await deps.policy.versions(), today);
  if (!chosen.ok) return { ok: false as const, message: chosen.reasons.join(' ') };
  const schedule = chosen.policyVersion.parameters.retention;
  const cutoffs = retentionCutoffs(schedule, today);
  const [closedCases, searches, reads] = await Promise.all([
    casesClosedBefore(db, cutoffs.closedCasesBefore, SHOWN),
    searchesWithNothingFoundBefore(db, cutoffs.searchesWithoutDetectionBefore, SHOWN),
    deps.readLog.readsBefore(new Date(ukLocalToInstant(cutoffs.personalDataReadsBefore, '00:00')!), SHOWN),
  ]);
  return {
    ok: true as const,
    today,
    policyVersion: chosen.policyVersion.version,
    schedule,
    cutoffs,
    closedCases: { years: schedule.closedCaseYears, before: cutoffs.closedCasesBefore, ...closedCases },
    searchesWithNothingFound: { years: schedule.searchWithoutDetectionYears, before: cutoffs.searchesWithoutDetectionBefore, ...searches },
    personalDataReads: {
      years: schedule.personalDataReadYears,
      before: cutoffs.personalDataReadsBefore,
      count: reads.count,
      oldest: reads.oldest.map((read) => ({ id: read.id, readAt: read.readAt, userName: read.userName, recordKind: read.recordKind, recordId: read.recordId, caseReference: read.caseReference })),
    },
  };
}

export type RetentionReport = Extract<Awaited<ReturnType<typeof retentionReport>>, { ok: true }>;
