import { and, asc, count, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import { QueryBuilder } from 'drizzle-orm/pg-core';
import type { Db } from '../../platform/database/client.js';
import { cases, liabilities } from './schema.js';

/*
 * The casework module's published queries: how other modules read what casework owns (`cases`,
 * `liabilities`) without naming its tables. Each is a sub-select another module's query composes
 * into its own statement (PostgreSQL pulls a plain sub-select up into the outer query, so the plan is
 * the one a join on the tables would have), or a function answering one question.
 */

const qb = new QueryBuilder();

// Fields computed with an alias are written unqualified by drizzle outside the sub-select: their names are made unique ('penalty_…').

/**
 * Every liability with the facts of its case other modules need (finance's payment matching,
 * enforcement's overdue list, referrals and detentions): a sub-select to join or select from, e.g.
 *
 *   db.select({ reference: penalties.reference }).from(detentions).innerJoin(penalties, eq(penalties.liabilityId, detentions.liabilityId))
 */
export const penalties = qb
  .select({
    liabilityId: sql<string>`${liabilities.id}`.as('penalty_liability_id'),
    caseId: sql<string>`${cases.id}`.as('penalty_case_id'),
    reference: cases.reference,
    incidentDate: cases.incidentDate,
    vehicleRegistration: cases.vehicleRegistration,
    role: liabilities.role,
    offence: liabilities.offence,
    partyName: liabilities.partyName,
    stage: sql<string>`${liabilities.stage}`.as('penalty_stage'),
    amountPence: liabilities.amountPence,
    imposedOn: liabilities.imposedOn,
    paymentDue: liabilities.paymentDue,
    outstandingPence: liabilities.outstandingPence,
  })
  .from(liabilities)
  .innerJoin(cases, eq(cases.id, liabilities.caseId))
  .as('penalties');

/** Each case's reference and incident date, by id: a sub-select to join (`innerJoin(caseSummaries, eq(caseSummaries.caseId, x.caseId))`). */
export const caseSummaries = qb
  .select({ caseId: sql<string>`${cases.id}`.as('case_summary_id'), reference: cases.reference, incidentDate: cases.incidentDate })
  .from(cases)
  .as('case_summaries');

/** A case's reference from its id, as a scalar sub-select (`select … , ${caseReferenceOf(letters.caseId)}`). */
export function caseReferenceOf(caseId: SQL | SQL.Aliased | { getSQL(): SQL }): SQL<string> {
  return sql<string>`(select c.reference from ${cases} c where c.id = ${caseId})`;
}

/**
 * An open case (not closed) for the same vehicle, incident date and port: what a new referral of
 * those facts would most likely repeat. The registration is compared by its key (spaces, case and
 * look-alike letters aside). The oldest such case, or null.
 */
export async function openCaseLike(db: Db, facts: { registrationKey: string; incidentDate: string; portCode: string }): Promise<{ caseId: string; reference: string } | null> {
  const [row] = await db
    .select({ caseId: cases.id, reference: cases.reference })
    .from(cases)
    .where(
      and(
        eq(cases.vehicleRegistrationKey, facts.registrationKey),
        eq(cases.incidentDate, facts.incidentDate),
        eq(cases.portCode, facts.portCode),
        ne(cases.stage, 'closed'),
      ),
    )
    .orderBy(asc(cases.reference))
    .limit(1);
  return row ?? null;
}

/** The id of the case with this reference (as stored), or null. */
export async function caseIdOfReference(db: Db, reference: string): Promise<string | null> {
  const [row] = await db.select({ id: cases.id }).from(cases).where(eq(cases.reference, reference));
  return row?.id ?? null;
}

/**
 * The penalties on the Vehicle Action List's side of casework, as the sub-select its query starts
 * from: every company's (non-driver's) liability imposed, past its due date on `today`, with money
 * outstanding and nothing standing in the way (`val_block` null), with its case's vehicle. Columns:
 * liability_id, party_id, party_name, outstanding_pence, payment_due (text), reference,
 * vehicle_registration, vehicle_registration_key, vehicle_country.
 */
export function penaltiesOwedOnTheVal(today: string): SQL {
  return sql`
        select l.id as liability_id, l.party_id, l.party_name, l.outstanding_pence, l.payment_due::text as payment_due,
               c.reference, c.vehicle_registration, c.vehicle_registration_key, c.vehicle_country
        from liabilities l join cases c on c.id = l.case_id
        where l.role <> 'driver'
          and l.outstanding_pence > 0
          and l.payment_due is not null and l.payment_due < ${today}::date
          and l.val_block is null
          and l.stage not in ('paid', 'closed', 'written-off', 'not-referred')`;
}

/**
 * Drivers' penalties imposed, past their due date, with money outstanding and nothing in the way —
 * the same test as `penaltiesOwedOnTheVal`, for the driver: liability_id, case_id, incident_date,
 * party_id, party_name (the driver's), outstanding_pence, payment_due, reference and the case's
 * vehicle. The Vehicle Action List puts the jointly liable employer's vehicles on for them.
 */
export function driverPenaltiesOwedOnTheVal(today: string): SQL {
  return sql`
        select l.id as liability_id, l.case_id, c.incident_date, l.party_id, l.party_name, l.outstanding_pence, l.payment_due::text as payment_due,
               c.reference, c.vehicle_registration, c.vehicle_registration_key, c.vehicle_country
        from liabilities l join cases c on c.id = l.case_id
        where l.role = 'driver'
          and l.outstanding_pence > 0
          and l.payment_due is not null and l.payment_due < ${today}::date
          and l.val_block is null
          and l.stage not in ('paid', 'closed', 'written-off', 'not-referred')`;
}

/**
 * The organisations responsible on each case (every liability that is not a driver's), to choose the
 * driver's employer from: case_id, party_id, party_name, role, role_rank (hirer 0, owner 1, else 2 —
 * the order of the domain's `EMPLOYER_ROLE_ORDER`), not_pursued (not referred, or cancelled: the
 * liability's `val_block` is `cancelledBlock`, the domain's `VAL_BLOCKS.cancelled`).
 */
export function organisationsOnCases(cancelledBlock: string): SQL {
  return sql`(select l.case_id, l.party_id, l.party_name, l.role, case l.role when 'hirer' then 0 when 'owner' then 1 else 2 end as role_rank,
               (l.stage = 'not-referred' or coalesce(l.val_block = ${cancelledBlock}, false)) as not_pursued
        from liabilities l where l.role <> 'driver')`;
}

/** The stages a case ends in: once every liability is closed, written off or not referred. */
const FINISHED_CASE_STAGES = ['closed', 'written-off', 'not-referred'];

/**
 * Cases finished before `cutoff` (a UK calendar date, YYYY-MM-DD): the day a case closed is the UK
 * date it reached its finished stage. How many, and the longest closed first (the retention report).
 */
export async function casesClosedBefore(db: Db, cutoff: string, limit = 20) {
  const closedOn = sql<string>`((coalesce(${cases.stageSince}, ${cases.createdAt}) at time zone 'Europe/London')::date)`;
  const where = and(inArray(cases.stage, FINISHED_CASE_STAGES), sql`${closedOn} < ${cutoff}::date`);
  const [total] = await db.select({ n: count() }).from(cases).where(where);
  const oldest = await db
    .select({ reference: cases.reference, stage: cases.stage, closedOn: sql<string>`${closedOn}::text` })
    .from(cases)
    .where(where)
    .orderBy(closedOn, cases.reference)
    .limit(limit);
  return { count: Number(total?.n ?? 0), oldest };
}

/**
 * Every liability held against these register entries, with its case (a subject access export):
 * the liability's own columns and the case's facts, never the other persons on the case.
 */
export async function liabilitiesOfParties(db: Db, partyIds: readonly string[]) {
  if (partyIds.length === 0) return [];
  return db
    .select({
      caseId: cases.id,
      reference: cases.reference,
      offence: cases.offence,
      incidentDate: cases.incidentDate,
      portCode: cases.portCode,
      vehicleRegistration: cases.vehicleRegistration,
      vehicleCountry: cases.vehicleCountry,
      caseStage: cases.stage,
      incidentId: cases.incidentId,
      caseOpenedAt: cases.createdAt,
      liability: liabilities,
    })
    .from(liabilities)
    .innerJoin(cases, eq(cases.id, liabilities.caseId))
    .where(inArray(liabilities.partyId, [...partyIds]))
    .orderBy(cases.createdAt, cases.reference, liabilities.id);
}

/** An incident (its case) of a company, with the company's offences on it; `incidentId` null for a referral with no incident record. */
export interface CompanyIncident {
  caseId: string;
  incidentId: string | null;
  reference: string;
  incidentDate: string;
  offences: ('S31A' | 'S32')[];
}

/**
 * The incidents (one case each) on which any of these register entries is a company — owner, hirer
 * or operator, never the driver — with the company's offences on it, oldest first (accreditation's
 * review triggers read these).
 */
export async function companyIncidentsOfParties(db: Db, partyIds: readonly string[]): Promise<CompanyIncident[]> {
  if (partyIds.length === 0) return [];
  const rows = await db
    .select({ caseId: cases.id, incidentId: cases.incidentId, reference: cases.reference, incidentDate: cases.incidentDate, offence: liabilities.offence })
    .from(liabilities)
    .innerJoin(cases, eq(cases.id, liabilities.caseId))
    .where(and(inArray(liabilities.partyId, [...partyIds]), ne(liabilities.role, 'driver')))
    .orderBy(asc(cases.incidentDate), asc(cases.reference));
  const byCase = new Map<string, CompanyIncident>();
  for (const row of rows) {
    const found = byCase.get(row.caseId) ?? { caseId: row.caseId, incidentId: row.incidentId, reference: row.reference, incidentDate: row.incidentDate, offences: [] };
    for (const offence of row.offence.split('+')) if ((offence === 'S31A' || offence === 'S32') && !found.offences.includes(offence)) found.offences.push(offence);
    byCase.set(row.caseId, found);
  }
  return [...byCase.values()].filter((incident) => incident.offences.length > 0);
}

/**
 * For the data-quality report (insight/quality): every case's facts as recorded — id, reference,
 * offence, incident_date, port_code, clandestine_entrants, vehicle_registration,
 * vehicle_registration_key, created_at, incident_id.
 */
export function caseFactsForQuality(): SQL {
  return sql`(select id, reference, offence, incident_date, port_code, clandestine_entrants, vehicle_registration, vehicle_registration_key, created_at, incident_id from cases)`;
}

/** For the data-quality report: every liability's facts — id, case_id, role, offence, party_name, stage, address_lines, amount_pence, imposed_on, payment_due. */
export function liabilityFactsForQuality(): SQL {
  return sql`(select id, case_id, role, offence, party_name, stage, address_lines, amount_pence, imposed_on, payment_due from liabilities)`;
}

/** Cases linked to each other, both ways: case_id, linked_case_id (a pair staff have looked at and linked is not a suspected duplicate). */
export function caseLinkPairs(): SQL {
  return sql`(select case_id, linked_case_id from case_links)`;
}

/**
 * For the deterrence view (insight/deterrence.ts): who each liability's person was confirmed to be
 * as of `asOf` — the latest `LiabilityPartyConfirmed` recorded by then, on a case opened by then with
 * an incident date — with the case: seq (the `CaseOpened`'s), stream_id, liability_id, kind
 * ('driver' | 'company'), party_id (as confirmed, merges not resolved), incident_date, reference.
 * `incidentFrom`/`incidentUntil` keep only the incidents in [from, until) (the table's index).
 */
export function partyInvolvementsAsOf(asOf: Date, incidentFrom?: string, incidentUntil?: string): SQL {
  const at = sql`${asOf.toISOString()}::timestamptz`;
  return sql`(
    select case_seq as seq, stream_id, liability_id, kind, party_id, incident_date, reference from party_involvements
    where confirmed_at <= ${at} and (superseded_at is null or superseded_at > ${at}) and case_opened_at <= ${at} and incident_date is not null${
      incidentFrom ? sql` and incident_date >= ${incidentFrom}::date` : sql``
    }${incidentUntil ? sql` and incident_date < ${incidentUntil}::date` : sql``})`;
}

/**
 * For insight's money fold (insight/families.ts, `money`): every money step of the case streams
 * (`liability_money_steps`, casework's projector), as a sub-select: stream_id, version, seq,
 * liability_id, type, recorded_at (when the event was recorded), amount_pence, outcome, referral_id,
 * notice_date (a penalty's). The reader keeps the rows recorded by its asOf.
 */
export function liabilityMoneyStepsTable(): SQL {
  return sql`(select stream_id, version, seq, liability_id, type, recorded_at, amount_pence, outcome, referral_id, notice_date from liability_money_steps)`;
}

/**
 * For insight's money fold (insight/families.ts, `money`): each liability's money folded from all its
 * steps (`liability_money_totals`, casework's projector), as a sub-select: stream_id, liability_id,
 * first_penalty_version, first_penalty_seq, first_penalty_recorded_at, notice_date (the first
 * penalty's), imposed_pence, cancelled, last_amount_pence, paid_pence, refunded_pence, costs_pence,
 * written_off, referred, last_recorded_at. A row answers for an asOf on or after its
 * `last_recorded_at`; before it, fold the steps with `liabilityMoneyFold` (money-totals.ts).
 */
export function liabilityMoneyTotalsTable(): SQL {
  return sql`(select stream_id, liability_id, first_penalty_version, first_penalty_seq, first_penalty_recorded_at, notice_date, imposed_pence,
    cancelled, last_amount_pence, paid_pence, refunded_pence, costs_pence, written_off, referred, last_recorded_at from liability_money_totals)`;
}

export { liabilityMoneyFold, openReferral } from './money-totals.js';

/**
 * For insight's reductions (insight/families.ts, `calculationReductions`): every calculation put in
 * force (`liability_calculations`, casework's projector), as a sub-select: stream_id, version, seq,
 * liability_id, source ('recommendation' | 'objection'), recorded_at, day, steps. The reader keeps
 * the rows recorded by its asOf.
 */
export function liabilityCalculationsTable(): SQL {
  return sql`(select stream_id, version, seq, liability_id, source, recorded_at, day, steps from liability_calculations)`;
}
