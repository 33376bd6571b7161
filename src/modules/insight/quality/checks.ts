import { sql, type SQL } from 'drizzle-orm';
import { LIABILITY_EVENT } from '../../../domain/liability/liability-events.js';
import { caseFactsForQuality, caseLinkPairs, liabilityFactsForQuality } from '../../casework/queries.js';
import { incidentFactsForQuality } from '../../intake/queries.js';
import { partyNameKeys, rejectedMatchPairs } from '../../parties/queries.js';

/*
 * The data-quality checks (issue #17 item 5): each a definition — its name, the group it belongs
 * to, where staff fix what it finds, and how it is found (a SQL statement over the owning modules'
 * published sub-selects and the event log). The label of a check is `insight.quality.check.<name>`
 * and the reason of a finding `insight.quality.reason.<name>` (its placeholders are the finding's
 * `facts`). A check reads the records as they are now: data quality is about what staff would fix
 * today, not what was recorded as of an instant.
 *
 * Every statement gives one row per finding with the same columns:
 *   record          the finding's own key (a case, liability or party id): unique within the check
 *   case_id, case_reference, party_id, incident_id   what to link to (null when not about one)
 *   subject         how a person recognises the record (a reference, a person's name)
 *   facts           jsonb of strings: the reason's placeholders (dates as YYYY-MM-DD)
 */

export const QUALITY_GROUPS = ['dates', 'missing', 'duplicates', 'border'] as const;
export type QualityGroup = (typeof QUALITY_GROUPS)[number];

/** Where staff put a finding right: the case page, or the party's page in the register. */
export type FixAt = 'case' | 'party';

export interface QualityCheck {
  name: string;
  group: QualityGroup;
  fixAt: FixAt;
  /** One row per finding; `today` is the UK date the report is made. */
  findings(today: string): SQL;
}

export const QUALITY_COLUMNS = ['record', 'case_id', 'case_reference', 'party_id', 'incident_id', 'subject', 'facts'] as const;

const cases = () => caseFactsForQuality();
const liabilities = () => liabilityFactsForQuality();
const ukDay = (instant: SQL) => sql`((${instant}) at time zone 'Europe/London')::date`;

/** A case finding's columns: the case, its reference as the subject. */
const aboutCase = (c: string, facts: SQL) =>
  sql`${sql.raw(`${c}.id::text as record, ${c}.id::text as case_id, ${c}.reference as case_reference, null::text as party_id, ${c}.incident_id::text as incident_id, ${c}.reference as subject, `)}${facts} as facts`;
/** A liability finding's columns: the liability, on its case, the person as the subject. */
const aboutLiability = (l: string, c: string, facts: SQL) =>
  sql`${sql.raw(`${l}.id::text as record, ${c}.id::text as case_id, ${c}.reference as case_reference, null::text as party_id, ${c}.incident_id::text as incident_id, ${c}.reference || ' · ' || ${l}.party_name as subject, `)}${facts} as facts`;

/** The liability events of a type on the case streams: liability_id, payload, seq (the log's order). */
const liabilityEvents = (type: string) => sql`(select e.stream_id, e.seq, e.payload ->> 'liabilityId' as liability_id, e.payload from events e where e.stream_type = 'case' and e.type = ${type})`;

export const QUALITY_CHECKS: readonly QualityCheck[] = [
  // ---- Dates out of order ----
  {
    name: 'incident-in-future',
    group: 'dates',
    fixAt: 'case',
    findings: (today) => sql`select ${aboutCase('c', sql`jsonb_build_object('incidentDate', c.incident_date::text)`)}
      from ${cases()} c where c.incident_date > ${today}::date`,
  },
  {
    name: 'case-opened-before-incident',
    group: 'dates',
    fixAt: 'case',
    findings: () => sql`select ${aboutCase('c', sql`jsonb_build_object('incidentDate', c.incident_date::text, 'openedOn', ${ukDay(sql`c.created_at`)}::text)`)}
      from ${cases()} c where ${ukDay(sql`c.created_at`)} < c.incident_date`,
  },
  {
    name: 'notice-before-incident',
    group: 'dates',
    fixAt: 'case',
    findings: () => sql`select ${aboutLiability('l', 'c', sql`jsonb_build_object('noticeDate', l.imposed_on::text, 'incidentDate', c.incident_date::text)`)}
      from ${liabilities()} l join ${cases()} c on c.id = l.case_id where l.imposed_on < c.incident_date`,
  },
  {
    name: 'payment-due-before-notice',
    group: 'dates',
    fixAt: 'case',
    findings: () => sql`select ${aboutLiability('l', 'c', sql`jsonb_build_object('paymentDue', l.payment_due::text, 'noticeDate', l.imposed_on::text)`)}
      from ${liabilities()} l join ${cases()} c on c.id = l.case_id where l.payment_due < l.imposed_on`,
  },
  {
    // A payment received before the first penalty notice of the liability was dated (from the log: payments are events).
    name: 'payment-before-notice',
    group: 'dates',
    fixAt: 'case',
    findings: () => sql`select ${aboutLiability('l', 'c', sql`jsonb_build_object('receivedOn', p.received_on::text, 'noticeDate', p.notice_date::text)`)}
      from (select pay.liability_id, min((pay.payload ->> 'receivedOn')::date) as received_on,
                   (select min((imp.payload ->> 'noticeDate')::date) from ${liabilityEvents(LIABILITY_EVENT.PenaltyImposed)} imp where imp.stream_id = pay.stream_id and imp.liability_id = pay.liability_id) as notice_date
            from ${liabilityEvents(LIABILITY_EVENT.PaymentReceived)} pay group by pay.stream_id, pay.liability_id) p
      join ${liabilities()} l on l.id::text = p.liability_id join ${cases()} c on c.id = l.case_id
      where p.received_on < p.notice_date`,
  },
  {
    // An objection determined on a day before the objection it answers was received (the latest received before it in the log).
    name: 'objection-decided-before-received',
    group: 'dates',
    fixAt: 'case',
    findings: () => sql`select ${aboutLiability('l', 'c', sql`jsonb_build_object('decidedOn', o.decided_on::text, 'receivedOn', o.received_on::text)`)}
      from (select d.liability_id, min((d.payload ->> 'on')::date) as decided_on, max(r.received_on) as received_on
            from ${liabilityEvents(LIABILITY_EVENT.ObjectionDetermined)} d
            cross join lateral (select (r.payload ->> 'receivedOn')::date as received_on from ${liabilityEvents(LIABILITY_EVENT.ObjectionReceived)} r
                                where r.stream_id = d.stream_id and r.liability_id = d.liability_id and r.seq < d.seq order by r.seq desc limit 1) r
            where (d.payload ->> 'on')::date < r.received_on
            group by d.liability_id) o
      join ${liabilities()} l on l.id::text = o.liability_id join ${cases()} c on c.id = l.case_id`,
  },
  // ---- Missing mandatory facts ----
  {
    name: 'case-without-liability',
    group: 'missing',
    fixAt: 'case',
    findings: () => sql`select ${aboutCase('c', sql`'{}'::jsonb`)}
      from ${cases()} c where not exists (select 1 from ${liabilities()} l where l.case_id = c.id)`,
  },
  {
    // A notice went (an initial notice sent, or a penalty notice dated) to a person with no postal address.
    name: 'notice-without-address',
    group: 'missing',
    fixAt: 'case',
    findings: () => sql`select ${aboutLiability('l', 'c', sql`'{}'::jsonb`)}
      from ${liabilities()} l join ${cases()} c on c.id = l.case_id
      where (l.address_lines is null or jsonb_typeof(l.address_lines) <> 'array' or not exists (select 1 from jsonb_array_elements_text(l.address_lines) line where btrim(line) <> ''))
        and (l.imposed_on is not null
             or exists (select 1 from ${liabilityEvents(LIABILITY_EVENT.InitialNoticeSent)} n where n.stream_id = 'case-' || c.id::text and n.liability_id = l.id::text))`,
  },
  {
    name: 'case-without-registration',
    group: 'missing',
    fixAt: 'case',
    findings: () => sql`select ${aboutCase('c', sql`'{}'::jsonb`)}
      from ${cases()} c where btrim(coalesce(c.vehicle_registration, '')) = ''`,
  },
  {
    // S32 is a penalty per clandestine entrant: an S32 case needs the number found (DOMAIN.md §1).
    name: 's32-without-entrants',
    group: 'missing',
    fixAt: 'case',
    findings: () => sql`select ${aboutCase('c', sql`'{}'::jsonb`)}
      from ${cases()} c where c.offence in ('S32', 'S31A+S32') and coalesce(c.clandestine_entrants, 0) < 1`,
  },
  {
    name: 'imposed-without-amount',
    group: 'missing',
    fixAt: 'case',
    findings: () => sql`select ${aboutLiability('l', 'c', sql`jsonb_build_object('noticeDate', l.imposed_on::text)`)}
      from ${liabilities()} l join ${cases()} c on c.id = l.case_id where l.imposed_on is not null and l.amount_pence is null`,
  },
  // ---- Suspected duplicates ----
  {
    // The same vehicle on the same day in two cases that nobody has linked to each other.
    name: 'duplicate-case',
    group: 'duplicates',
    fixAt: 'case',
    findings: () => sql`select ${aboutCase('c', sql`jsonb_build_object('others', string_agg(o.reference, ', ' order by o.reference), 'registration', min(c.vehicle_registration), 'incidentDate', c.incident_date::text)`)}
      from ${cases()} c join ${cases()} o on o.vehicle_registration_key = c.vehicle_registration_key and o.incident_date = c.incident_date and o.id <> c.id
      where btrim(c.vehicle_registration_key) <> ''
        and not exists (select 1 from ${caseLinkPairs()} k where (k.case_id = c.id and k.linked_case_id = o.id) or (k.case_id = o.id and k.linked_case_id = c.id))
      group by c.id, c.reference, c.incident_id, c.incident_date`,
  },
  {
    // Two surviving register entries (after merges) of the same kind with a name equal after the
    // register's normalisation, not decided to be different people, and not born on different days.
    name: 'duplicate-party',
    group: 'duplicates',
    fixAt: 'party',
    findings: () => sql`with recursive roots(id, root) as (
        select distinct party_id, party_id from ${partyNameKeys()} n where n.merged_into is null
        union
        select n.party_id, r.root from ${partyNameKeys()} n join roots r on n.merged_into = r.id
      ),
      names as (
        select r.root, n.key, p.kind, p.display_name, p.date_of_birth
        from roots r join ${partyNameKeys()} n on n.party_id = r.id
        join (select distinct party_id, kind, display_name, date_of_birth from ${partyNameKeys()} x where x.merged_into is null) p on p.party_id = r.root
        where btrim(n.key) <> ''
      )
      select a.root::text as record, null::text as case_id, null::text as case_reference, a.root::text as party_id, null::text as incident_id, min(a.display_name) as subject,
             jsonb_build_object('others', string_agg(distinct b.display_name, ', ')) as facts
      from names a join names b on b.key = a.key and b.kind = a.kind and b.root <> a.root
      where not (a.date_of_birth is not null and b.date_of_birth is not null and a.date_of_birth <> b.date_of_birth)
        and not exists (select 1 from ${rejectedMatchPairs()} m where (m.party_a = a.root and m.party_b = b.root) or (m.party_a = b.root and m.party_b = a.root))
      group by a.root`,
  },
  // ---- Cases out of step with their border record ----
  {
    name: 'case-incident-missing',
    group: 'border',
    fixAt: 'case',
    findings: () => sql`select ${aboutCase('c', sql`'{}'::jsonb`)}
      from ${cases()} c where c.incident_id is not null and not exists (select 1 from ${incidentFactsForQuality()} i where i.id = c.incident_id)`,
  },
  {
    // The facts the case was opened on differ from the incident as the border holds it now.
    name: 'case-differs-from-incident',
    group: 'border',
    fixAt: 'case',
    findings: () => sql`select ${aboutCase(
      'c',
      sql`jsonb_strip_nulls(jsonb_build_object(
          'incidentDate', case when c.incident_date is distinct from i.incident_date then jsonb_build_array(c.incident_date::text, i.incident_date::text) end,
          'port', case when c.port_code is distinct from coalesce(i.port_code, 'INLAND') then jsonb_build_array(c.port_code, coalesce(i.port_code, 'INLAND')) end,
          'offence', case when c.offence is distinct from i.offence then jsonb_build_array(c.offence, i.offence) end,
          'entrants', case when coalesce(c.clandestine_entrants, 0) <> coalesce(i.clandestine_entrants, 0) then jsonb_build_array(coalesce(c.clandestine_entrants, 0)::text, coalesce(i.clandestine_entrants, 0)::text) end))`,
    )}
      from ${cases()} c join ${incidentFactsForQuality()} i on i.id = c.incident_id
      where c.incident_date is distinct from i.incident_date
         or c.port_code is distinct from coalesce(i.port_code, 'INLAND')
         or c.offence is distinct from i.offence
         or coalesce(c.clandestine_entrants, 0) <> coalesce(i.clandestine_entrants, 0)`,
  },
];

export const QUALITY_CHECK_NAMES = QUALITY_CHECKS.map((c) => c.name);

export function qualityCheck(name: string): QualityCheck | undefined {
  return QUALITY_CHECKS.find((c) => c.name === name);
}

/** The catalogue key of a check's name (hyphens become camel case: `incident-in-future` → `incidentInFuture`). */
export const checkKey = (name: string) => name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
