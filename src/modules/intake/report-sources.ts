import { sql, type SQL } from 'drizzle-orm';

/*
 * Published queries for reports (issue #17: the monthly detection analysis, src/modules/insight/detection):
 * the border's records of one period as they stood at an instant, as sub-selects with stable column
 * names, so the insight module counts and lists them without reading this module's tables.
 *
 * "As they stood at `asOf`": a search counts once recorded (`recorded_at`, its one event), an incident
 * once sent (`submitted_at`; a sent incident's data and people found no longer change, only their
 * follow-ups, which these columns do not read), an earlier crossing once confirmed (`decided_at`; a
 * confirmation is final). So a period's sub-select as of a past instant gives the same rows whatever
 * is recorded afterwards.
 */

export interface ReportPeriod {
  /** The first instant of the period and the first instant after it. */
  from: Date;
  to: Date;
  /** The same period as UK days: the first day and the day after the last. */
  firstDay: string;
  nextDay: string;
  asOf: Date;
}

const searchedIn = (p: ReportPeriod) =>
  sql`s.searched_at >= ${p.from.toISOString()}::timestamptz and s.searched_at < ${p.to.toISOString()}::timestamptz and s.recorded_at <= ${p.asOf.toISOString()}::timestamptz`;

const SEARCH_COLUMNS = sql`s.id, s.searched_at, s.port_code as port, s.lane, s.vehicle_kind, s.selection_reason, s.methods, s.detecting_method, s.result,
  s.tractor_registration, s.trailer_registration,
  (case when extract(hour from s.searched_at at time zone 'Europe/London') >= 6 and extract(hour from s.searched_at at time zone 'Europe/London') < 14 then 'early'
        when extract(hour from s.searched_at at time zone 'Europe/London') >= 14 and extract(hour from s.searched_at at time zone 'Europe/London') < 22 then 'late'
        else 'night' end) as shift`;

/**
 * Searches carried out in the period, recorded by `asOf`. Columns: id, searched_at, port, lane,
 * vehicle_kind, selection_reason, methods (text[]), detecting_method, result, tractor_registration,
 * trailer_registration, shift (early, late or night: the UK hour, as `shifts.ts`).
 */
export function searchFacts(p: ReportPeriod): SQL {
  return sql`select ${SEARCH_COLUMNS} from searches s where ${searchedIn(p)}`;
}

/**
 * "Failures": searches carried out in the period that an officer confirmed, by `asOf`, as the earlier
 * crossing of an inland detection. The search's columns, plus incident_id and confirmed_at.
 */
export function failureFacts(p: ReportPeriod): SQL {
  return sql`select ${SEARCH_COLUMNS}, ec.incident_id, ec.decided_at as confirmed_at
    from earlier_crossings ec join searches s on s.id = ec.search_id
    where ec.outcome = 'confirmed' and ec.decided_at <= ${p.asOf.toISOString()}::timestamptz and ${searchedIn(p)}`;
}

const sentIn = (p: ReportPeriod) =>
  sql`i.status = 'submitted' and i.submitted_at <= ${p.asOf.toISOString()}::timestamptz and i.incident_date >= ${p.firstDay}::date and i.incident_date < ${p.nextDay}::date`;

const INCIDENT_COLUMNS = sql`i.incident_date, i.kind, i.port_code as port, i.case_reference,
  i.data->>'vehicleKind' as vehicle_kind, i.data->>'selectionReason' as selection_reason, i.data->>'detectingMethod' as detecting_method,
  (case when jsonb_typeof(i.data->'concealment') = 'array' then i.data->'concealment' else '[]'::jsonb end) as concealment,
  (case when jsonb_typeof(i.data->'riskToLife') = 'array' then i.data->'riskToLife' else '[]'::jsonb end) as risk_to_life,
  (case when (i.data->>'clandestineEntrants') ~ '^[0-9]+$' then (i.data->>'clandestineEntrants')::int else 0 end) as entrants`;

/**
 * Incidents dated in the period (UK days) and sent to the penalty team by `asOf`. Columns: id,
 * incident_date, kind (port or inland), port, case_reference, vehicle_kind, selection_reason,
 * detecting_method, concealment and risk_to_life (jsonb arrays of codes), entrants (the count recorded).
 */
export function incidentFacts(p: ReportPeriod): SQL {
  return sql`select i.id, ${INCIDENT_COLUMNS} from incidents i where ${sentIn(p)}`;
}

/**
 * The people found in those incidents, one row each, with no identity: id, incident_id, sequence,
 * the incident's columns (as `incidentFacts`), and child (claims or appears to be under 18 on the
 * incident date: `claimsOrAppearsChild`), victim (a potential victim of trafficking:
 * `isPotentialVictim`) and nrm_referred (said so, or an NRM reference recorded), as the
 * people-found rules of src/domain/incident/people-found.ts read them.
 */
export function personFacts(p: ReportPeriod): SQL {
  return sql`select pf.id, pf.incident_id, pf.sequence, ${INCIDENT_COLUMNS},
      (pf.apparent_child
        or (case when (pf.details->>'claimedAge') ~ '^[0-9]+$' then (pf.details->>'claimedAge')::int < 18 else false end)
        or (case when (pf.details->>'claimedDateOfBirth') ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' then (pf.details->>'claimedDateOfBirth')::date > (i.incident_date - interval '18 years')::date else false end)) as child,
      (pf.potential_victim_of_trafficking
        or jsonb_array_length(case when jsonb_typeof(pf.details->'traffickingIndicators') = 'array' then pf.details->'traffickingIndicators' else '[]'::jsonb end) > 0) as victim,
      coalesce((case when pf.details->>'nrmReferred' in ('true', 'false') then (pf.details->>'nrmReferred')::boolean end), pf.nrm_referral_reference is not null) as nrm_referred
    from people_found pf join incidents i on i.id = pf.incident_id
    where ${sentIn(p)}`;
}
