import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import { rowsOf } from '../../platform/database/client.js';
import { driverPenaltiesOwedOnTheVal, organisationsOnCases, penaltiesOwedOnTheVal } from '../casework/queries.js';
import { employmentLinksWithNames, registerEntries, vehiclesOwnedOrOperatedOn } from '../parties/queries.js';
import { policyFlagInForceOn } from '../policy/versions-query.js';
import { VAL_BLOCKS } from '../../domain/liability/vehicle-action-list.js';

/** One vehicle on the Vehicle Action List, and why it is there. */
export interface ValEntry {
  registrationKey: string;
  registration: string;
  country: string;
  /** The owning company as the register knows it (the resolved identity's name). */
  company: string;
  caseRefs: string[];
  outstandingPence: number;
  /** The earliest payment due date of the penalties that put it there. */
  dueDate: string;
  reason: string;
  /** Drivers' penalties unpaid that put the vehicle on because the company is jointly liable for them (seed 003 §8.4). */
  driverPenalties: { driverName: string; caseRef: string }[];
}

/** The policy parameter (in force on the driver's incident date) that lets a driver's unpaid penalty list the employer's vehicles. */
export const EMPLOYER_VEHICLES_PARAMETER = ['jointLiability', 'valIncludesEmployerVehiclesForDriverPenalty'] as const;

/**
 * The Vehicle Action List (DOMAIN.md §6) as a query over current facts, never a kept list: every
 * vehicle of a company (after entity resolution) with a penalty that is imposed, past its due date,
 * with money outstanding and nothing standing in the way (`liabilities.val_block` is null: the
 * domain's rule for objections, appeals, instalments kept or requested, means assessments, reviews,
 * criminal investigation, cancellation and write-off). The vehicles are the case's own vehicle and
 * every vehicle the register links to the company as owner or operator on `today`.
 *
 * A driver's penalty in the same state puts the vehicles of the organisation jointly and severally
 * liable for it (seed 003 §8.4) on the list — the register's vehicles only, not the case's lorry —
 * when the policy in force on its incident date says so (`jointLiability.valIncludesEmployerVehiclesForDriverPenalty`).
 * The employer is chosen as the domain's `jointLiabilities` chooses it (`src/domain/liability/joint-liability.ts`):
 * the register's employment link (valid on the incident date) to an organisation on the case, else
 * to any organisation, else the case's hirer, owner or operator.
 */
export async function vehicleActionList(db: Db, today: string): Promise<ValEntry[]> {
  // Casework's penalties and the register's entries and vehicles come from their modules' published sub-selects: still one statement.
  const parties = registerEntries();
  const rows = rowsOf<{
    registration_key: string;
    registration: string;
    country: string;
    company: string;
    case_refs: string[] | string;
    outstanding_pence: number | string;
    due_date: string;
    own_refs: string[] | string;
    own_outstanding_pence: number | string;
    driver_penalties: string;
  }>(
    await db.execute(sql`
      with recursive owing as (
        select own.*, null::text as driver_name from (${penaltiesOwedOnTheVal(today)}) own
        union all
        select d.liability_id, employer.party_id, employer.party_name, d.outstanding_pence, d.payment_due,
               d.reference, d.vehicle_registration, d.vehicle_registration_key, d.vehicle_country, d.party_name as driver_name
        from (${driverPenaltiesOwedOnTheVal(today)}) d
        cross join lateral (
          select candidate.party_id, candidate.party_name from (
            select o.party_id, o.party_name, 0 as source, o.role_rank
              from ${organisationsOnCases(VAL_BLOCKS.cancelled)} o join ${employmentLinksWithNames()} e on e.organisation_id = o.party_id
              where o.case_id = d.case_id and e.person_id = d.party_id
                and (e.valid_from is null or e.valid_from <= d.incident_date) and (e.valid_to is null or e.valid_to >= d.incident_date)
            union all
            select e.organisation_id, e.organisation_name, 1, 0
              from ${employmentLinksWithNames()} e
              where e.person_id = d.party_id
                and (e.valid_from is null or e.valid_from <= d.incident_date) and (e.valid_to is null or e.valid_to >= d.incident_date)
            union all
            select o.party_id, o.party_name, 2, o.role_rank from ${organisationsOnCases(VAL_BLOCKS.cancelled)} o where o.case_id = d.case_id and not o.not_pursued
          ) candidate
          order by candidate.source, candidate.role_rank, candidate.party_name
          limit 1
        ) employer
        where ${policyFlagInForceOn(sql`d.incident_date`, EMPLOYER_VEHICLES_PARAMETER, true)}
      ),
      up(start_id, party_id, merged_into, depth) as (
        select p.id, p.id, p.merged_into, 0 from ${parties} p where p.id in (select party_id from owing where party_id is not null)
        union all
        select u.start_id, p.id, p.merged_into, u.depth + 1 from up u join ${parties} p on p.id = u.merged_into where u.depth < 50
      ),
      roots as (select start_id, party_id as root_id from up where merged_into is null),
      down(root_id, member_id, depth) as (
        select distinct root_id, root_id, 0 from roots
        union all
        select d.root_id, p.id, d.depth + 1 from down d join ${parties} p on p.merged_into = d.member_id where d.depth < 50
      ),
      owing_by_identity as (
        select o.*, coalesce(r.root_id, o.party_id) as root_id, coalesce(rp.display_name, o.party_name) as company
        from owing o
        left join roots r on r.start_id = o.party_id
        left join ${parties} rp on rp.id = r.root_id
      ),
      vehicles_owed as (
        select o.vehicle_registration_key as registration_key, o.vehicle_registration as registration, o.vehicle_country as country,
               o.company, o.reference, o.liability_id, o.outstanding_pence, o.payment_due, o.driver_name
        from owing_by_identity o
        where o.driver_name is null
        union all
        select v.registration_key, v.registration, v.country, o.company, o.reference, o.liability_id, o.outstanding_pence, o.payment_due, o.driver_name
        from owing_by_identity o
        join down d on d.root_id = o.root_id
        join ${vehiclesOwnedOrOperatedOn(today)} v on v.party_id = d.member_id
      ),
      per_liability as (
        select distinct registration_key, registration, country, company, reference, liability_id, outstanding_pence, payment_due, driver_name from vehicles_owed
      )
      select registration_key, min(registration) as registration, min(country) as country, min(company) as company,
             array_agg(distinct reference order by reference) as case_refs,
             sum(outstanding_pence) as outstanding_pence, min(payment_due) as due_date,
             coalesce(array_agg(distinct reference order by reference) filter (where driver_name is null), '{}') as own_refs,
             coalesce(sum(outstanding_pence) filter (where driver_name is null), 0) as own_outstanding_pence,
             coalesce(json_agg(json_build_array(driver_name, reference) order by reference, driver_name) filter (where driver_name is not null), '[]')::text as driver_penalties
      from per_liability
      group by registration_key
      order by registration_key`),
  );
  return rows.map((row) => {
    const caseRefs = textArray(row.case_refs);
    const outstandingPence = Number(row.outstanding_pence);
    const ownRefs = textArray(row.own_refs);
    const seen = new Set<string>();
    const driverPenalties = (JSON.parse(row.driver_penalties) as [string, string][])
      .map(([driverName, caseRef]) => ({ driverName, caseRef }))
      .filter((item) => !seen.has(`${item.driverName}|${item.caseRef}`) && seen.add(`${item.driverName}|${item.caseRef}`));
    const reasons = [
      ...(ownRefs.length ? [`${row.company} owes ${formatPence(Number(row.own_outstanding_pence))} on ${ownRefs.join(', ')}, due ${row.due_date} and not paid`] : []),
      ...driverPenalties.map((item) => `Driver’s penalty unpaid: ${item.driverName}, case ${item.caseRef}; ${row.company} is jointly liable`),
    ];
    return {
      registrationKey: row.registration_key,
      registration: row.registration,
      country: row.country,
      company: row.company,
      caseRefs,
      outstandingPence,
      dueDate: row.due_date,
      reason: reasons.join('. '),
      driverPenalties,
    };
  });
}

function textArray(value: string[] | string): string[] {
  return Array.isArray(value) ? value : String(value).replace(/^\{|\}$/g, '').split(',').filter(Boolean);
}

function formatPence(pence: number): string {
  return `£${(pence / 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}
