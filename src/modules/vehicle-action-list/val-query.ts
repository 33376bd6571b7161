import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import { rowsOf } from '../../platform/database/client.js';
import { penaltiesOwedOnTheVal } from '../casework/queries.js';
import { registerEntries, vehiclesOwnedOrOperatedOn } from '../parties/queries.js';

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
}

/**
 * The Vehicle Action List (DOMAIN.md §6) as a query over current facts, never a kept list: every
 * vehicle of a company (after entity resolution) with a penalty that is imposed, past its due date,
 * with money outstanding and nothing standing in the way (`liabilities.val_block` is null: the
 * domain's rule for objections, appeals, instalments kept or requested, means assessments, reviews,
 * criminal investigation, cancellation and write-off). The vehicles are the case's own vehicle and
 * every vehicle the register links to the company as owner or operator on `today`.
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
  }>(
    await db.execute(sql`
      with recursive owing as (${penaltiesOwedOnTheVal(today)}
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
               o.company, o.reference, o.liability_id, o.outstanding_pence, o.payment_due
        from owing_by_identity o
        union all
        select v.registration_key, v.registration, v.country, o.company, o.reference, o.liability_id, o.outstanding_pence, o.payment_due
        from owing_by_identity o
        join down d on d.root_id = o.root_id
        join ${vehiclesOwnedOrOperatedOn(today)} v on v.party_id = d.member_id
      ),
      per_liability as (
        select distinct registration_key, registration, country, company, reference, liability_id, outstanding_pence, payment_due from vehicles_owed
      )
      select registration_key, min(registration) as registration, min(country) as country, min(company) as company,
             array_agg(distinct reference order by reference) as case_refs,
             sum(outstanding_pence) as outstanding_pence, min(payment_due) as due_date
      from per_liability
      group by registration_key
      order by registration_key`),
  );
  return rows.map((row) => {
    const caseRefs = Array.isArray(row.case_refs) ? row.case_refs : String(row.case_refs).replace(/^\{|\}$/g, '').split(',').filter(Boolean);
    const outstandingPence = Number(row.outstanding_pence);
    return {
      registrationKey: row.registration_key,
      registration: row.registration,
      country: row.country,
      company: row.company,
      caseRefs,
      outstandingPence,
      dueDate: row.due_date,
      reason: `${row.company} owes ${formatPence(outstandingPence)} on ${caseRefs.join(', ')}, due ${row.due_date} and not paid`,
    };
  });
}

function formatPence(pence: number): string {
  return `£${(pence / 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}
