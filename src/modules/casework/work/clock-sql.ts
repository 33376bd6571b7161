import { sql, type SQL } from 'drizzle-orm';
import type { PolicyVersion } from '../../../domain/policy/policy-parameters.js';
import { CASE_EVENT } from '../../../domain/case/events.js';

/**
 * The statutory clock's dates the work queues and the dashboard filter on, as SQL over the case's
 * own columns, so a list and its count can be built from them. Each case counts by the policy in
 * force on its incident date (policyInForce's rule: the latest effectiveFrom on or before it), so
 * the dates are the ones the case page shows.
 */
export interface ClockSql {
  /** Day 151: the last day to send the initial notice (the last day to impose, less the response time left before it). */
  lastDayToSendInitialNotice(lastDayToImpose: SQL, incidentDate: SQL): SQL;
  /**
   * The case has a responsible person still waiting for the initial notice. A case is at its least
   * advanced liability's stage and "case created" comes first, so this is the case's own stage: no
   * look-up per case.
   */
  noticeUnsent(caseStage: SQL): SQL;
  /**
   * When the objection waiting for a decision must be decided (received + the determination days);
   * null when none waits. A late objection counts once accepted.
   */
  objectionDeterminationDue(caseId: SQL, incidentDate: SQL): SQL;
}

/** A number from the policy version of each case's incident date, as a SQL CASE. */
function byPolicy(versions: readonly PolicyVersion[], incidentDate: SQL, pick: (version: PolicyVersion) => number): SQL {
  // Newest effectiveFrom first; of two on the same day the later-published one wins (policyInForce).
  const ordered = versions
    .map((version, index) => ({ version, index }))
    .sort((a, b) => b.version.effectiveFrom.localeCompare(a.version.effectiveFrom) || b.index - a.index)
    .map((entry) => entry.version);
  if (ordered.length === 0) return sql`null::int`;
  const values = new Set(ordered.map(pick));
  if (values.size === 1) return sql`${pick(ordered[0]!)}::int`;
  const whens = ordered.slice(0, -1).map((version) => sql`when ${incidentDate} >= ${version.effectiveFrom}::date then ${pick(version)}::int`);
  return sql`(case ${sql.join(whens, sql` `)} else ${pick(ordered.at(-1)!)}::int end)`;
}

export function clockSql(versions: readonly PolicyVersion[]): ClockSql {
  return {
    lastDayToSendInitialNotice: (lastDayToImpose, incidentDate) =>
      sql`(${lastDayToImpose} - ${byPolicy(versions, incidentDate, (v) => v.parameters.clock.impositionWindowDays - 1 - v.parameters.clock.lastInitialNoticeDay)})`,
    noticeUnsent: (caseStage) => sql`(${caseStage} = 'case-created')`,
    // The uncorrelated IN is worked out once per statement (a hashed subplan): only cases with an objection waiting read their events.
    objectionDeterminationDue: (caseId, incidentDate) => sql`(case when ${caseId} in (select wl.case_id from liabilities wl where wl.stage = 'objection-received') then (
      select min(received.on_date) + ${byPolicy(versions, incidentDate, (v) => v.parameters.clock.objectionDeterminationDays)}
      from liabilities ol
      cross join lateral (
        select (e.payload->>'receivedOn')::date as on_date, (e.payload->>'late')::boolean as late, e.version
        from events e
        where e.stream_id = 'case-' || ${caseId}::text and e.type = ${CASE_EVENT.ObjectionReceived} and e.payload->>'liabilityId' = ol.id::text
        order by e.version desc limit 1
      ) received
      where ol.case_id = ${caseId} and ol.stage = 'objection-received'
        and (not received.late or exists (
          select 1 from events a where a.stream_id = 'case-' || ${caseId}::text and a.type = ${CASE_EVENT.LateObjectionAccepted}
            and a.payload->>'liabilityId' = ol.id::text and a.version > received.version))) end)`,
  };
}
