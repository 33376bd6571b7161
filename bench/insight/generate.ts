/**
 * Fills a fresh PostgreSQL database, migrated with Cordon's migrations, with a large event log for
 * the annual report's benchmark (issue #17 item 7): by default 1,000,000 cases and 10,000,000
 * events over 2022-01-01 … 2026-12-04, generated inside PostgreSQL (`insert … select … from
 * generate_series`, payloads built with `jsonb_build_object`), in chronological chunks so the heap
 * is in the order an append-only log would be.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/insight/generate.ts \
 *     [--database cordon_bench_insight] [--cases 1000000] [--events 10000000]
 *
 * What is generated (every rule a function of a record's number, so the totals are known):
 * - `case` streams: CaseOpened, LiabilityOpened (1 or 2 liabilities per case: driver, and owner for
 *   every other case), LiabilityPartyConfirmed, CaseNoteAdded, RecommendationDrafted,
 *   DiscretionApproved, PenaltyImposed, PaymentReceived (one, or two halves), ObjectionDetermined,
 *   MeansReductionAssured, AppealDecided, WriteOffApproved; each on its own business date after the
 *   incident date, recorded (occurred_at) that day or the next; events that would be recorded after
 *   the last day are not generated (work still in progress);
 *   and, since the approval step is in the log (cases from 22 December 2024), RecommendationApproved;
 *   a second LiabilityPartyConfirmed for one liability in 25;
 * - `party`, `accreditation-application` and `accreditation-review` streams: the register's entries
 *   (PartyRegistered, PartyMerged, PartyUnmerged) and CPAS acceptances and reviews (REGISTER_STREAMS);
 * - `feedback` streams: FeedbackGiven (100,000 by default);
 * - `search` streams: SearchRecorded, as many as make the events up to `--events`.
 *
 * Not real: the hash chain. `previous_hash`/`hash` are the placeholder `bench-unchained` and
 * stream versions have gaps where a rule skips an event, so `cordon audit verify` fails on this
 * database: it exists only for this benchmark (and is dropped by `--drop`).
 *
 * After loading, casework's read tables `party_involvements`, `liability_money_steps` and
 * `liability_calculations` are filled by its projector's code over the log's events (`fillReadTable`, timed). Then a sample of every event type is parsed with the catalogue's `payloadSchema`
 * (src/domain/events.ts); the run fails if one does not match. The expected figures of the annual
 * report for each year (as of `AS_OF`) are computed here from the same rules in TypeScript and stored
 * in the table `bench_expected(year, name, value)` for bench/insight/annual.ts to check against.
 */
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openPostgres, rowsOf, type Db } from '../../src/platform/database/client.js';
import { MONEY_STEP_TYPES, projectCalculations, projectConfirmations, projectMoneySteps } from '../../src/modules/casework/projector.js';
import type { ProjectedEvent } from '../../src/platform/projections/projector.js';
import { payloadSchema } from '../../src/domain/events.js';

export const START = '2022-01-01';
export const END = '2026-12-04';
/** The instant the benchmark's report is as of: events recorded after it (1–4 December 2026) are left out. */
export const AS_OF = new Date('2026-12-01T00:00:00.000Z');

const DAY_MS = 86_400_000;
const startMs = Date.parse(`${START}T00:00:00Z`);
const DAYS = (Date.parse(`${END}T00:00:00Z`) - startMs) / DAY_MS + 1;
const yearOf = (day: number) => new Date(startMs + day * DAY_MS).getUTCFullYear();
/** Day number (from START) of the first day not included by AS_OF (events are recorded at 06:00–21:00 UTC). */
const AS_OF_DAY = Math.floor((AS_OF.getTime() - startMs) / DAY_MS);

/** Register entries: the companies and drivers the cases name (`party-c<k>`, `party-d<k>`). */
const COMPANIES = 20000;
const DRIVERS = 50000;
/** Recommendations approved are in the log for cases from this day (10 days before 2025). */
const APPROVALS_FROM_DAY = (Date.parse('2024-12-22T00:00:00Z') - startMs) / DAY_MS;
const reconfirmed = (x: number) => x % 50 === 3 || x % 50 === 4;

const PORTS = ['CQF', 'CAL', 'DKK', 'DVR', 'FKS', 'PME', 'NHV', 'POO', 'PLY', 'SOU', 'PFT', 'TIL', 'HRW', 'FXT', 'IMM', 'HUL', 'LIV', 'HYM', 'HLY'];
const sqlArray = (values: readonly string[]) => `(array[${values.map((v) => `'${v}'`).join(',')}])`;

// ---- The rules: which events a case / liability has, on which day ----

/** Case i's incident date, as a day number from START (cases spread evenly, in order). */
const caseDay = (i: number, n: number) => Math.floor((i * DAYS) / n);
const caseDaySql = (n: number) => `((i::bigint * ${DAYS}) / ${n})::int`;

type Offence = 'S32' | 'S31A' | 'S31A+S32';
const offenceOf = (i: number): Offence => (i % 5 <= 2 ? 'S32' : i % 5 === 3 ? 'S31A' : 'S31A+S32');
const entrantsOf = (i: number) => (offenceOf(i) === 'S31A' ? 0 : 1 + (i % 6));
/** Liabilities: x = 2i (the driver) for every case, x = 2i + 1 (the owner) when i is even. */
const amountOf = (x: number) => 50_000 * (1 + ((x * 7) % 20));
const imposed = (x: number) => x % 10 !== 7;
const objected = (x: number) => imposed(x) && x % 12 === 5;
const OBJECTION_OUTCOMES = ['cancel', 'cancel', 'reduce', 'reduce', 'reduce', 'maintain', 'maintain', 'maintain', 'maintain', 'increase'];
const objectionOutcome = (x: number) => OBJECTION_OUTCOMES[Math.floor(x / 12) % 10]!;
const appealed = (x: number) => objected(x) && objectionOutcome(x) === 'maintain' && Math.floor(x / 120) % 2 === 0;
const APPEAL_OUTCOMES = ['dismissed', 'reduced', 'cancelled'];
const appealOutcome = (x: number) => APPEAL_OUTCOMES[Math.floor(x / 240) % 3]!;
// Owners' liabilities are x ≡ 1 (mod 4), drivers' even: a rule on x must leave both possible.
const discretion = (x: number) => x % 20 === 1;
const meansReduced = (x: number) => imposed(x) && !objected(x) && x % 25 === 11;
const owed = (x: number) => (meansReduced(x) ? (amountOf(x) * 3) / 4 : amountOf(x));
const paid = (x: number) => imposed(x) && !objected(x) && x % 5 <= 2;
const paidInTwo = (x: number) => paid(x) && x % 5 === 2;
const writtenOff = (x: number) => imposed(x) && !objected(x) && x % 5 === 4 && Math.floor(x / 5) % 3 === 0;

interface Kind {
  type: string;
  level: 'case' | 'liability';
  /** Days after the incident date the event is recorded (occurred_at's day). */
  recorded: number;
  /** Days after the incident date of its business date (`day` in the report), when it is not the recorded day. */
  business?: number;
  /** Whether case i / liability x has it (JS, the same rule as `whenSql`). */
  when: (n: number) => boolean;
  /** Only on cases whose incident date is on or after this day (from START): a step recorded only since then. */
  fromDay?: number;
  whenSql: string;
  payload: string;
}

const X_SQL = {
  imposed: 'x % 10 <> 7',
  objected: '(x % 10 <> 7 and x % 12 = 5)',
  notObjected: 'not (x % 12 = 5)',
  objectionOutcome: `${sqlArray(OBJECTION_OUTCOMES)}[(x / 12) % 10 + 1]`,
  appealOutcome: `${sqlArray(APPEAL_OUTCOMES)}[(x / 240) % 3 + 1]`,
  amount: '(50000 * (1 + (x * 7) % 20))::bigint',
  owed: '(case when x % 25 = 11 then (50000 * (1 + (x * 7) % 20)) * 3 / 4 else 50000 * (1 + (x * 7) % 20) end)::bigint',
};
/**
 * The calculation's steps as drafted, ending at the amount: for x ≡ 0 (mod 3) a 50 % reduction of a
 * starting level twice the amount (CPAS membership for an owner, compliance for a driver); for an
 * owner with x ≡ 1 (mod 3) a means test taking 50 % off; else the starting level alone.
 */
const STEPS_SQL = `case
      when x % 3 = 0 then jsonb_build_array(
        jsonb_build_object('label', 'Starting level', 'rule', 'starting level', 'amountPence', ${X_SQL.amount} * 2),
        jsonb_build_object('label', case when x % 2 = 1 then 'Member of the Civil Penalty Accreditation Scheme on the incident date' else 'Complied with the regulations while present on the journey' end,
          'rule', '50% of the starting level (reductions so far 50%)', 'amountPence', ${X_SQL.amount}))
      when x % 3 = 1 and x % 2 = 1 then jsonb_build_array(
        jsonb_build_object('label', 'Starting level', 'rule', 'starting level', 'amountPence', ${X_SQL.amount} * 2),
        jsonb_build_object('label', 'Means test: small company', 'rule', '50% off the amount so far', 'amountPence', ${X_SQL.amount}))
      else jsonb_build_array(jsonb_build_object('label', 'Starting level', 'rule', 'starting level', 'amountPence', ${X_SQL.amount})) end`;
const dateSql = (offset: number) => `to_char(d + ${offset}, 'YYYY-MM-DD')`;
const onCase = (recorded: number) => `'by', 'officer-' || (x % 40), 'on', ${dateSql(recorded)}, 'liabilityId', md5('liability-' || x)::uuid::text`;

const KINDS: Kind[] = [
  {
    type: 'CaseOpened', level: 'case', recorded: 0, when: () => true, whenSql: 'true',
    payload: `jsonb_build_object('caseId', md5('case-' || i)::uuid::text, 'reference', 'CE' || to_char(d, 'YYYY') || '-' || lpad(i::text, 7, '0'),
      'offence', off, 'incidentId', md5('incident-' || i)::uuid::text, 'incidentDate', ${dateSql(0)}, 'port', ${sqlArray(PORTS)}[i % ${PORTS.length} + 1],
      'clandestineEntrants', case when off = 'S31A' then 0 else 1 + i % 6 end, 'vehicleRegistration', 'WGM ' || lpad((i % 100000)::text, 5, '0'),
      'vehicleCountry', (array['PL','RO','LT','BG','NL'])[i % 5 + 1], 'driverName', 'Driver ' || (i % 50000), 'companyName', 'Haulier ' || (i % 20000) || ' Sp. z o.o.',
      'referredBy', 'Border Force', 'selfDeclared', false)`,
  },
  {
    type: 'LiabilityOpened', level: 'liability', recorded: 0, when: () => true, whenSql: 'true',
    payload: `jsonb_build_object('liabilityId', md5('liability-' || x)::uuid::text, 'role', case when x % 2 = 0 then 'driver' else 'owner' end,
      'offence', case when off = 'S31A' then 'S31A' else 'S32' end, 'partyName', case when x % 2 = 0 then 'Driver ' || (i % 50000) else 'Haulier ' || (i % 20000) || ' Sp. z o.o.' end,
      'personIndex', x % 2, 'addressLines', jsonb_build_array('ul. Długa ' || (x % 300), 'Warszawa', 'Poland'), 'email', null, 'language', 'pl')`,
  },
  {
    type: 'LiabilityPartyConfirmed', level: 'liability', recorded: 1, when: () => true, whenSql: 'true',
    payload: `jsonb_build_object('liabilityId', md5('liability-' || x)::uuid::text, 'role', case when x % 2 = 0 then 'driver' else 'owner' end,
      'partyId', md5('party-' || case when x % 2 = 0 then 'd' || (i % 50000) else 'c' || (i % 20000) end)::uuid::text, 'previousPartyId', null,
      'how', 'confirmed-proposal', 'score', 0.93)`,
  },
  {
    type: 'CaseNoteAdded', level: 'case', recorded: 2, when: (i) => i % 3 === 0, whenSql: 'i % 3 = 0',
    payload: `jsonb_build_object('text', 'Called the haulier; evidence of the vehicle''s security checks requested.')`,
  },
  {
    type: 'RecommendationDrafted', level: 'liability', recorded: 8, when: () => true, whenSql: 'true',
    payload: `jsonb_build_object(${onCase(8)}, 'amountPence', ${X_SQL.amount}, 'policyVersion', '2024-02-13', 'discretionApplied', x % 20 = 1,
      'steps', ${STEPS_SQL}, 'warnings', '[]'::jsonb)`,
  },
  {
    type: 'DiscretionApproved', level: 'liability', recorded: 9, when: discretion, whenSql: 'x % 20 = 1',
    payload: `jsonb_build_object(${onCase(9)}, 'author', 'officer-' || ((x + 1) % 40), 'amountPence', ${X_SQL.amount} / 10,
      'items', jsonb_build_array(jsonb_build_object('reasonCode', 'D1', 'explanation', null, 'percent', 10, 'afterMeans', false, 'reducedPence', ${X_SQL.amount} / 10)), 'note', null)`,
  },
  {
    type: 'PenaltyImposed', level: 'liability', recorded: 14, when: imposed, whenSql: X_SQL.imposed,
    payload: `jsonb_build_object(${onCase(14)}, 'noticeDate', ${dateSql(14)}, 'amountPence', ${X_SQL.amount}, 'aggregateSplitApprovedBy', null)`,
  },
  {
    type: 'PaymentReceived', level: 'liability', recorded: 36, business: 35, when: paid, whenSql: `${X_SQL.imposed} and ${X_SQL.notObjected} and x % 5 <= 2`,
    payload: `jsonb_build_object(${onCase(36)}, 'amountPence', case when x % 5 = 2 then ${X_SQL.owed} / 2 else ${X_SQL.owed} end, 'receivedOn', ${dateSql(35)},
      'method', (array['bank-transfer','card','cheque'])[x % 3 + 1], 'reference', 'PAY-' || x || '-1', 'paidBy', 'recipient')`,
  },
  {
    type: 'ObjectionDetermined', level: 'liability', recorded: 45, when: objected, whenSql: X_SQL.objected,
    payload: `jsonb_build_object(${onCase(45)}, 'outcome', ${X_SQL.objectionOutcome},
      'amountPence', case ${X_SQL.objectionOutcome} when 'cancel' then 0 when 'reduce' then ${X_SQL.amount} / 2 when 'maintain' then ${X_SQL.amount} else ${X_SQL.amount} + ${X_SQL.amount} / 10 end,
      'previousAmountPence', ${X_SQL.amount}, 'reasons', 'Determined on the evidence sent with the objection.', 'steps', null, 'determinedBy', 'officer-' || ((x + 3) % 40))`,
  },
  {
    type: 'MeansReductionAssured', level: 'liability', recorded: 60, when: meansReduced, whenSql: `${X_SQL.imposed} and ${X_SQL.notObjected} and x % 25 = 11`,
    payload: `jsonb_build_object(${onCase(60)}, 'amountPence', ${X_SQL.amount} * 3 / 4, 'previousAmountPence', ${X_SQL.amount}, 'proposedBy', 'officer-' || ((x + 5) % 40), 'reason', 'Company band: small.')`,
  },
  {
    type: 'PaymentReceived', level: 'liability', recorded: 66, business: 65, when: paidInTwo, whenSql: `${X_SQL.imposed} and ${X_SQL.notObjected} and x % 5 = 2`,
    payload: `jsonb_build_object(${onCase(66)}, 'amountPence', ${X_SQL.owed} - ${X_SQL.owed} / 2, 'receivedOn', ${dateSql(65)},
      'method', (array['bank-transfer','card','cheque'])[x % 3 + 1], 'reference', 'PAY-' || x || '-2', 'paidBy', 'recipient')`,
  },
  {
    type: 'AppealDecided', level: 'liability', recorded: 152, business: 150,
    when: appealed, whenSql: `${X_SQL.objected} and ${X_SQL.objectionOutcome} = 'maintain' and (x / 120) % 2 = 0`,
    payload: `jsonb_build_object(${onCase(152)}, 'outcome', ${X_SQL.appealOutcome}, 'decidedOn', ${dateSql(150)},
      'amountPence', case ${X_SQL.appealOutcome} when 'dismissed' then ${X_SQL.amount} when 'reduced' then ${X_SQL.amount} / 2 else 0 end, 'costs', null)`,
  },
  {
    type: 'WriteOffApproved', level: 'liability', recorded: 200, when: writtenOff, whenSql: `${X_SQL.imposed} and ${X_SQL.notObjected} and x % 5 = 4 and (x / 5) % 3 = 0`,
    payload: `jsonb_build_object(${onCase(200)}, 'reason', 'uneconomic', 'writtenOffOn', ${dateSql(200)}, 'proposedBy', 'officer-' || ((x + 7) % 40))`,
  },
  // A Senior Officer's approval of the recommendation drafted (the calculation whose reductions the
  // report counts), for every penalty imposed on a case since APPROVALS_FROM (the step is recorded
  // in the log since then: a report year after it has one for every penalty).
  {
    type: 'RecommendationApproved', level: 'liability', recorded: 10, when: imposed, whenSql: X_SQL.imposed, fromDay: APPROVALS_FROM_DAY,
    payload: `jsonb_build_object(${onCase(10)}, 'author', 'officer-' || (x % 40), 'discretionApplied', x % 20 = 1, 'bySeniorOfficer', true)`,
  },
  // A second confirmation of who the person is, a month on, to another register entry (one liability in 25).
  {
    type: 'LiabilityPartyConfirmed', level: 'liability', recorded: 30, when: reconfirmed, whenSql: 'x % 50 in (3, 4)',
    payload: `jsonb_build_object('liabilityId', md5('liability-' || x)::uuid::text, 'role', case when x % 2 = 0 then 'driver' else 'owner' end,
      'partyId', md5('party-' || case when x % 2 = 0 then 'd' || ((i + 11) % ${DRIVERS}) else 'c' || ((i + 7) % ${COMPANIES}) end)::uuid::text,
      'previousPartyId', md5('party-' || case when x % 2 = 0 then 'd' || (i % ${DRIVERS}) else 'c' || (i % ${COMPANIES}) end)::uuid::text,
      'how', 'chosen-by-search', 'score', null)`,
  },
];
/** Stream versions: CaseOpened 1, then each kind's liabilities in turn (2 slots per kind); gaps where a rule skips. */
const versionSql = (kindIndex: number, level: Kind['level']) => (kindIndex === 0 ? '1' : level === 'case' ? `${kindIndex * 2}` : `${kindIndex * 2} + x % 2`);

// ---- The parties register and the accreditation scheme ----

/**
 * Events on the register's and the scheme's own streams, one per record k (a company or driver),
 * on a day that follows from k: each company and driver registered on the day of its first case;
 * one company in 100 (k ≡ 37) registered twice and merged into the entry before it 200 days later,
 * one in 1,000 of those unmerged 200 days after that; one driver in 200 merged likewise; one company
 * in 5 accepted into CPAS 30–394 days after its first case, one member in 5 of those reviewed 300
 * days later and the review concluded 20 days on (removal for half of them, kept for the others).
 */
interface RegisterStream {
  type: string;
  streamType: string;
  streamId: string;
  version: number;
  /** How many records k there are. */
  count: (cases: number) => number;
  /** The day recorded (from START), in JS and SQL (k, n = cases). */
  day: (k: number, cases: number) => number | null;
  daySql: (cases: number) => string;
  when: (k: number) => boolean;
  whenSql: string;
  /** Seconds after midnight UTC it is recorded at. */
  second: string;
  payload: string;
}
const companies = (cases: number) => Math.min(COMPANIES, cases);
const drivers = (cases: number) => Math.min(DRIVERS, cases);
const firstCaseDaySql = (n: number) => `((k::bigint * ${DAYS}) / ${n})::int`;
const acceptedAfter = (k: number) => 30 + (k % 365);
const ACCEPTED_AFTER_SQL = '(30 + k % 365)';
const companyId = (k: string) => `md5('party-c' || ${k})::uuid::text`;
const REGISTER_STREAMS: RegisterStream[] = [
  {
    type: 'PartyRegistered', streamType: 'party', streamId: `'party-' || ${companyId('k')}`, version: 1,
    count: companies, day: (k, n) => caseDay(k, n), daySql: firstCaseDaySql, when: () => true, whenSql: 'true', second: '28800 + k % 600',
    payload: `jsonb_build_object('partyId', ${companyId('k')}, 'kind', 'organisation', 'name', 'Haulier ' || k || ' Sp. z o.o.', 'country', 'PL', 'language', 'pl')`,
  },
  {
    type: 'PartyRegistered', streamType: 'party', streamId: `'party-' || md5('party-d' || k)::uuid::text`, version: 1,
    count: drivers, day: (k, n) => caseDay(k, n), daySql: firstCaseDaySql, when: () => true, whenSql: 'true', second: '28800 + k % 600',
    payload: `jsonb_build_object('partyId', md5('party-d' || k)::uuid::text, 'kind', 'person', 'name', 'Driver ' || k, 'country', (array['PL','RO','LT','BG','NL'])[k % 5 + 1], 'language', 'pl')`,
  },
  {
    type: 'PartyMerged', streamType: 'party', streamId: `'party-' || ${companyId('k')}`, version: 2,
    count: companies, day: (k, n) => caseDay(k, n) + 200, daySql: (n) => `${firstCaseDaySql(n)} + 200`, when: (k) => k % 100 === 37, whenSql: 'k % 100 = 37', second: '30000 + k % 600',
    payload: `jsonb_build_object('partyId', ${companyId('k')}, 'into', ${companyId('(k - 1)')}, 'reason', 'The same company, registered twice')`,
  },
  {
    type: 'PartyUnmerged', streamType: 'party', streamId: `'party-' || ${companyId('k')}`, version: 3,
    count: companies, day: (k, n) => caseDay(k, n) + 400, daySql: (n) => `${firstCaseDaySql(n)} + 400`, when: (k) => k % 1000 === 537, whenSql: 'k % 1000 = 537', second: '30000 + k % 600',
    payload: `jsonb_build_object('partyId', ${companyId('k')}, 'from', ${companyId('(k - 1)')}, 'reason', 'Two companies after all: different operator licences')`,
  },
  {
    type: 'PartyMerged', streamType: 'party', streamId: `'party-' || md5('party-d' || k)::uuid::text`, version: 2,
    count: drivers, day: (k, n) => caseDay(k, n) + 150, daySql: (n) => `${firstCaseDaySql(n)} + 150`, when: (k) => k % 200 === 71, whenSql: 'k % 200 = 71', second: '30000 + k % 600',
    payload: `jsonb_build_object('partyId', md5('party-d' || k)::uuid::text, 'into', md5('party-d' || (k - 1))::uuid::text, 'reason', 'The same driver, registered twice')`,
  },
  {
    type: 'AccreditationApplicationAccepted', streamType: 'accreditation-application', streamId: `'accreditation-application-' || md5('application-' || k)::uuid::text`, version: 1,
    count: companies, day: (k, n) => caseDay(k, n) + acceptedAfter(k), daySql: (n) => `${firstCaseDaySql(n)} + ${ACCEPTED_AFTER_SQL}`, when: (k) => k % 5 === 0, whenSql: 'k % 5 = 0', second: '36000 + k % 600',
    payload: `jsonb_build_object('partyId', ${companyId('k')}, 'memberFrom', to_char(d, 'YYYY-MM-DD'), 'acceptedOn', to_char(d, 'YYYY-MM-DD'))`,
  },
  {
    type: 'MembershipReviewRaised', streamType: 'accreditation-review', streamId: `'accreditation-review-' || md5('review-' || k)::uuid::text`, version: 1,
    count: companies, day: (k, n) => caseDay(k, n) + acceptedAfter(k) + 300, daySql: (n) => `${firstCaseDaySql(n)} + ${ACCEPTED_AFTER_SQL} + 300`, when: (k) => k % 25 === 0, whenSql: 'k % 25 = 0', second: '37000 + k % 600',
    payload: `jsonb_build_object('reviewId', md5('review-' || k)::uuid::text, 'partyId', ${companyId('k')}, 'trigger', 's32Incidents',
      'incidents', jsonb_build_array(jsonb_build_object('caseReference', 'CE' || to_char(d, 'YYYY') || '-' || lpad(k::text, 7, '0'), 'date', to_char(d - 10, 'YYYY-MM-DD'), 'offences', '["S32"]'::jsonb)),
      'windowFrom', to_char(d - 180, 'YYYY-MM-DD'), 'windowTo', to_char(d, 'YYYY-MM-DD'), 'requirements', '[]'::jsonb, 'raisedOn', to_char(d, 'YYYY-MM-DD'))`,
  },
  {
    type: 'MembershipReviewConcluded', streamType: 'accreditation-review', streamId: `'accreditation-review-' || md5('review-' || k)::uuid::text`, version: 2,
    count: companies, day: (k, n) => caseDay(k, n) + acceptedAfter(k) + 320, daySql: (n) => `${firstCaseDaySql(n)} + ${ACCEPTED_AFTER_SQL} + 320`, when: (k) => k % 25 === 0, whenSql: 'k % 25 = 0', second: '38000 + k % 600',
    payload: `jsonb_build_object('outcome', case when k % 50 = 0 then 'remove' else 'keep' end,
      'reasons', case when k % 50 = 0 then 'Incidents after the last check show the scheme is not followed.' else '' end,
      'notes', case when k % 50 = 0 then '' else 'Kept: new seals bought; re-check in six months.' end,
      'byId', md5('senior-officer')::uuid::text, 'byName', 'Senior Officer', 'concludedOn', to_char(d, 'YYYY-MM-DD'))`,
  },
];

// ---- Searches and feedback: spread evenly over the days ----

const SEARCH_RESULTS = (s: number) => (['clandestine-entrants', 'not-secured', 'both', 'other-find'][s % 50] ?? 'nothing-found');
const searchPayload = `jsonb_build_object('searchId', md5('search-' || s)::uuid::text, 'searchedAt', to_char(at, 'YYYY-MM-DD"T"HH24:MI:SS".000Z"'),
  'port', ${sqlArray(PORTS)}[s % ${PORTS.length} + 1], 'lane', (s % 12)::text,
  'vehicleKind', case when s % 20 < 16 then 'hgv' else (array['van','car','coach','tourist'])[s % 20 - 15] end,
  'tractorRegistration', 'WGM ' || lpad((s % 100000)::text, 5, '0'), 'tractorCountry', (array['PL','RO','LT','BG','NL'])[s % 5 + 1],
  'selectionReason', (array['hub-target','officer-selected','random','intelligence','plate-alert','contractor-referral'])[s % 6 + 1],
  'methods', case when s % 3 = 0 then '["pmmw-scanner"]'::jsonb else '["dog","physical"]'::jsonb end,
  'searchedBy', case when s % 4 = 3 then 'contractor' else 'border-force' end,
  'result', coalesce((array['clandestine-entrants','not-secured','both','other-find'])[s % 50 + 1], 'nothing-found'))
  || case when s % 50 < 4 then jsonb_build_object('detectingMethod', 'dog') else '{}'::jsonb end`;
const SATISFACTION = ['very-satisfied', 'satisfied', 'neither', 'dissatisfied', 'very-dissatisfied'];
const feedbackPayload = `jsonb_build_object('feedbackId', md5('feedback-' || f)::uuid::text, 'satisfaction', ${sqlArray(SATISFACTION)}[f % 5 + 1],
  'comments', case when f % 4 = 0 then 'The letter was clear.' else null end, 'from', '/pay', 'language', (array['en','pl','ro'])[f % 3 + 1], 'givenOn', to_char(d, 'YYYY-MM-DD'))`;

/** The first and last record number whose day (floor(k * DAYS / n)) lies in [a, b]; empty when lo > hi. */
function range(a: number, b: number, n: number): [number, number] {
  const lo = Math.max(0, Math.ceil((a * n) / DAYS));
  const hi = Math.min(n - 1, Math.ceil(((b + 1) * n) / DAYS) - 1);
  return [lo, hi];
}

export interface Plan {
  cases: number;
  searches: number;
  feedback: number;
  /** Events of each type, as generated. */
  counts: Map<string, number>;
  /** Expected annual figures by year. */
  expected: Map<number, Map<string, number>>;
}

/** Counts every event the rules generate and the annual report's figures for each year, in TypeScript. */
export function plan(cases: number, events: number, feedback: number): Plan {
  const counts = new Map<string, number>();
  const expected = new Map<number, Map<string, number>>();
  const add = (year: number, name: string, value = 1) => {
    let y = expected.get(year);
    if (!y) expected.set(year, (y = new Map()));
    y.set(name, (y.get(name) ?? 0) + value);
  };
  const inReport = (recordedDay: number) => recordedDay < AS_OF_DAY;
  for (let i = 0; i < cases; i += 1) {
    const d = caseDay(i, cases);
    const liabilities = i % 2 === 0 ? [2 * i, 2 * i + 1] : [2 * i];
    for (const kind of KINDS) {
      const recordedDay = d + kind.recorded;
      if (recordedDay >= DAYS) continue;
      if (kind.fromDay !== undefined && d < kind.fromDay) continue;
      const businessYear = yearOf(d + (kind.business ?? kind.recorded));
      if (kind.level === 'case') {
        if (!kind.when(i)) continue;
        counts.set(kind.type, (counts.get(kind.type) ?? 0) + 1);
        if (kind.type === 'CaseOpened' && inReport(recordedDay)) {
          add(businessYear, 'incidents.total');
          add(businessYear, 'incidents.entrants', entrantsOf(i));
          if (offenceOf(i) !== 'S32') add(businessYear, 'incidents.notSecured');
        }
        continue;
      }
      for (const x of liabilities) {
        if (!kind.when(x)) continue;
        counts.set(kind.type, (counts.get(kind.type) ?? 0) + 1);
        if (!inReport(recordedDay)) continue;
        const y = businessYear;
        switch (kind.type) {
          case 'PenaltyImposed':
            add(y, 'penalties.imposed');
            add(y, 'penalties.imposedAmount', amountOf(x));
            break;
          case 'ObjectionDetermined':
            add(y, ['cancel', 'reduce'].includes(objectionOutcome(x)) ? 'objections.successful' : 'objections.unsuccessful');
            break;
          case 'AppealDecided':
            add(y, appealOutcome(x) === 'dismissed' ? 'appeals.unsuccessful' : 'appeals.successful');
            break;
          case 'DiscretionApproved':
            add(y, 'reductions.discretion');
            break;
          case 'MeansReductionAssured':
            add(y, 'reductions.means');
            break;
          case 'PaymentReceived':
            add(y, 'payments.received');
            add(y, 'payments.collected', kind.recorded === 36 ? (paidInTwo(x) ? Math.floor(owed(x) / 2) : owed(x)) : owed(x) - Math.floor(owed(x) / 2));
            break;
        }
      }
    }
  }
  for (const stream of REGISTER_STREAMS) {
    for (let k = 0; k < stream.count(cases); k += 1) {
      const day = stream.day(k, cases);
      if (day !== null && day < DAYS && stream.when(k)) counts.set(stream.type, (counts.get(stream.type) ?? 0) + 1);
    }
  }
  const other = [...counts.values()].reduce((a, b) => a + b, 0) + feedback;
  const searches = events - other;
  if (searches < 0) throw new Error(`${events} events are too few for ${cases} cases (${other} without searches)`);
  counts.set('SearchRecorded', searches);
  counts.set('FeedbackGiven', feedback);
  for (let s = 0; s < searches; s += 1) {
    const day = caseDay(s, searches);
    if (!inReport(day)) continue;
    const y = yearOf(day);
    add(y, 'searches.total');
    const result = SEARCH_RESULTS(s);
    if (result === 'clandestine-entrants' || result === 'both') add(y, 'searches.entrantsFound');
    if (result === 'not-secured' || result === 'both') add(y, 'searches.notSecuredFound');
  }
  for (let f = 0; f < feedback; f += 1) {
    const day = caseDay(f, feedback);
    if (!inReport(day)) continue;
    const y = yearOf(day);
    add(y, 'feedback.total');
    if (f % 5 <= 1) add(y, 'feedback.satisfied');
    if (f % 5 >= 3) add(y, 'feedback.dissatisfied');
  }
  return { cases, searches, feedback, counts, expected };
}

const COLUMNS = 'stream_id, stream_type, version, type, payload, actor_id, actor_name, occurred_at, previous_hash, hash, xid';
const at = (dayExpr: string, seconds: string) => `(((${dayExpr})::timestamp + make_interval(secs => ${seconds})) at time zone 'UTC')`;

/** One chunk of days [a, b]: every event recorded on those days, in the order of occurred_at. */
function chunkSql(p: Plan, a: number, b: number): string | null {
  const parts: string[] = [];
  KINDS.forEach((kind, index) => {
    const [lo, hi] = range(a - kind.recorded, b - kind.recorded, p.cases);
    if (lo > hi) return;
    const from = `from generate_series(${lo}, ${hi}) i
      cross join lateral (select date '${START}' + ${caseDaySql(p.cases)} as d,
        case when i % 5 <= 2 then 'S32' when i % 5 = 3 then 'S31A' else 'S31A+S32' end as off) c
      ${kind.level === 'liability' ? `cross join lateral (select 2 * i + j as x from (values (0::bigint), (1::bigint)) v(j) where j = 0 or i % 2 = 0) l` : ''}`;
    const officer = kind.level === 'case' ? '(i % 40)' : '(x % 40)';
    const second = kind.level === 'case' ? `32400 + (i % 600) * 60 + 0` : `32400 + (i % 600) * 60 + ${index} * 2 + x % 2`;
    parts.push(`select 'case-' || md5('case-' || i)::uuid::text, 'case', ${versionSql(index, kind.level)}, '${kind.type}', ${kind.payload},
      'officer-' || ${officer}, 'Officer ' || ${officer}, ${at(`d + ${kind.recorded}`, second)}
      ${from} where ${kind.whenSql}${kind.fromDay !== undefined ? ` and d >= date '${START}' + ${kind.fromDay}` : ''}`);
  });
  for (const stream of REGISTER_STREAMS) {
    const n = stream.count(p.cases);
    if (n === 0) continue;
    parts.push(`select ${stream.streamId}, '${stream.streamType}', ${stream.version}, '${stream.type}', ${stream.payload},
      'officer-' || (k % 40), 'Officer ' || (k % 40), ${at('d', stream.second)}
      from generate_series(0, ${n - 1}) k
      cross join lateral (select date '${START}' + ${stream.daySql(p.cases)} as d) t
      where ${stream.whenSql} and d between date '${START}' + ${a} and date '${START}' + ${b}`);
  }
  const [slo, shi] = range(a, b, p.searches);
  if (slo <= shi) {
    parts.push(`select 'search-' || md5('search-' || s)::uuid::text, 'search', 1, 'SearchRecorded', ${searchPayload},
      'officer-' || (s % 40), 'Officer ' || (s % 40), at + interval '5 minutes'
      from generate_series(${slo}, ${shi}) s
      cross join lateral (select ${at(`date '${START}' + ((s::bigint * ${DAYS}) / ${p.searches})::int`, '21600 + ((s * 37) % 840) * 60')} as at) t`);
  }
  const [flo, fhi] = range(a, b, p.feedback);
  if (flo <= fhi) {
    parts.push(`select 'feedback-' || md5('feedback-' || f)::uuid::text, 'feedback', 1, 'FeedbackGiven', ${feedbackPayload},
      'public', 'Member of the public', ${at('d', '43200 + f % 3600')}
      from generate_series(${flo}, ${fhi}) f cross join lateral (select date '${START}' + ((f::bigint * ${DAYS}) / ${p.feedback})::int as d) t`);
  }
  if (parts.length === 0) return null;
  return `insert into events (${COLUMNS})
    select *, 'bench-unchained', 'bench-unchained', txid_current() from (${parts.join('\nunion all\n')}) e (stream_id, stream_type, version, type, payload, actor_id, actor_name, occurred_at)
    order by occurred_at`;
}

/**
 * Fills one of casework's read tables the way production does: its projector's code (for
 * `party_involvements`, `projectConfirmations`, what `casesProjector.apply` runs for each
 * `LiabilityPartyConfirmed`; `projectMoneySteps`, `projectCalculations` likewise) over the log's
 * events of those types in order, several thousand per statement. First, to know what one event at
 * a time costs (the command's path, and `cordon projections rebuild`'s), the first 5,000 one by one
 * in a transaction that is rolled back.
 */
async function fillReadTable(url: string, table: string, types: readonly string[], projectEvents: (tx: Db, events: readonly ProjectedEvent[]) => Promise<void>): Promise<string> {
  const database = openPostgres(url, 1);
  const BATCH = 5000;
  const read = async (after: number, limit: number) =>
    rowsOf<{ seq: string; stream_id: string; stream_type: string; version: number; type: string; payload: Record<string, unknown>; actor_id: string; actor_name: string; occurred_at: Date }>(
      await database.db.execute(sql`select seq, stream_id, stream_type, version, type, payload, actor_id, actor_name, occurred_at from events
        where stream_type = 'case' and type in (${sql.join(types.map((t) => sql`${t}`), sql`, `)}) and seq > ${after} order by seq limit ${limit}`),
    );
  const projected = (rows: Awaited<ReturnType<typeof read>>): ProjectedEvent[] =>
    rows.map((r) => ({ streamId: r.stream_id, streamType: r.stream_type, version: r.version, type: r.type, payload: r.payload, actorId: r.actor_id, actorName: r.actor_name, occurredAt: new Date(r.occurred_at) }));
  try {
    const sample = projected(await read(0, 5000));
    const oneByOneStarted = Date.now();
    await database.db
      .transaction(async (tx) => {
        for (const event of sample) await projectEvents(tx, [event]);
        throw new Error('rolled back');
      })
      .catch((e: Error) => {
        if (e.message !== 'rolled back') throw e;
      });
    const oneByOne = (Date.now() - oneByOneStarted) / 1000;
    const started = Date.now();
    let after = 0;
    let count = 0;
    for (;;) {
      const rows = await read(after, BATCH);
      if (rows.length === 0) break;
      await projectEvents(database.db, projected(rows));
      count += rows.length;
      after = Number(rows[rows.length - 1]!.seq);
      process.stdout.write(`\r${table}: ${count} events (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }
    const filled = (Date.now() - started) / 1000;
    const analyseStarted = Date.now();
    await database.db.execute(sql`vacuum (analyze) ${sql.identifier(table)}`);
    const size = rowsOf<{ heap: string; indexes: string }>(
      await database.db.execute(sql`select pg_size_pretty(pg_table_size(${table})) as heap, pg_size_pretty(pg_indexes_size(${table})) as indexes`),
    )[0]!;
    return `\n${table}: ${count} events projected in ${filled.toFixed(0)} s (${Math.round(count / filled)}/s, ${BATCH} a statement); ` +
      `one by one: ${sample.length} in ${oneByOne.toFixed(1)} s (${Math.round(sample.length / oneByOne)}/s); vacuum analyze ${((Date.now() - analyseStarted) / 1000).toFixed(0)} s; heap ${size.heap}, indexes ${size.indexes}`;
  } finally {
    await database.close();
  }
}

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};

export function databaseUrl(base: string, name: string): string {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

async function main() {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error('Set DATABASE_URL to a PostgreSQL server (a database on it is created).');
  const name = arg('database', 'cordon_bench_insight');
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error('--database: lower-case letters, digits and _');
  const cases = Number(arg('cases', '1000000'));
  const total = Number(arg('events', '10000000'));
  const feedback = Number(arg('feedback', String(Math.round(cases / 10))));
  const started = Date.now();
  const p = plan(cases, total, feedback);
  console.log(`Plan: ${cases.toLocaleString('en-GB')} cases, ${p.searches.toLocaleString('en-GB')} searches, ${feedback.toLocaleString('en-GB')} feedback; ${total.toLocaleString('en-GB')} events (${((Date.now() - started) / 1000).toFixed(1)} s)`);

  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = databaseUrl(base, name);
  const database = openPostgres(url, 1);
  await database.migrate();
  await database.close();

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Load without the secondary indexes, then build them once (as a restore would).
    const indexes = (await client.query<{ name: string; definition: string }>(
      `select indexname as name, indexdef as definition from pg_indexes where tablename = 'events' and indexname <> 'events_pkey'`,
    )).rows;
    for (const index of indexes) await client.query(`drop index ${index.name}`);
    const loadStarted = Date.now();
    const CHUNK = 30;
    for (let a = 0; a < DAYS; a += CHUNK) {
      const statement = chunkSql(p, a, Math.min(DAYS - 1, a + CHUNK - 1));
      if (statement) await client.query(statement);
      process.stdout.write(`\rloaded days ${Math.min(DAYS, a + CHUNK)}/${DAYS} (${((Date.now() - loadStarted) / 1000).toFixed(0)} s)`);
    }
    console.log();
    const indexStarted = Date.now();
    await client.query('set maintenance_work_mem = \'512MB\'');
    for (const index of indexes) await client.query(index.definition);
    console.log(`indexes rebuilt: ${indexes.map((i) => i.name).join(', ')} (${((Date.now() - indexStarted) / 1000).toFixed(0)} s)`);
    const vacuumStarted = Date.now();
    await client.query('vacuum (analyze) events');
    console.log(`vacuum analyze (${((Date.now() - vacuumStarted) / 1000).toFixed(0)} s)`);

    console.log(await fillReadTable(url, 'party_involvements', ['LiabilityPartyConfirmed'], projectConfirmations));
    console.log(await fillReadTable(url, 'liability_money_steps', [...MONEY_STEP_TYPES], projectMoneySteps));
    console.log(await fillReadTable(url, 'liability_calculations', ['RecommendationApproved', 'ObjectionDetermined'], projectCalculations));

    // The counts, against the plan.
    const byType = new Map((await client.query<{ type: string; n: string }>('select type, count(*) as n from events group by type')).rows.map((r) => [r.type, Number(r.n)]));
    const problems: string[] = [];
    for (const kind of KINDS) if (!p.counts.get(kind.type)) problems.push(`${kind.type}: no event planned (a rule that never holds)`);
    for (const [type, n] of p.counts) if (byType.get(type) !== n) problems.push(`${type}: ${byType.get(type)} generated, ${n} planned`);
    const caseCount = Number((await client.query(`select count(*) as n from events where type = 'CaseOpened'`)).rows[0].n);
    if (caseCount !== cases) problems.push(`${caseCount} cases, ${cases} planned`);
    const eventCount = [...byType.values()].reduce((x, y) => x + y, 0);
    if (eventCount !== total) problems.push(`${eventCount} events, ${total} planned`);

    // A sample of each type against the catalogue.
    let checked = 0;
    for (const type of byType.keys()) {
      const sample = (await client.query<{ stream_type: string; payload: unknown }>(
        `(select stream_type, payload from events where type = $1 order by seq limit 100)
         union all (select stream_type, payload from events where type = $1 order by seq desc limit 100)
         union all (select stream_type, payload from events tablesample system (1) repeatable (7) where type = $1 limit 300)`,
        [type],
      )).rows;
      for (const row of sample) {
        const schema = payloadSchema(row.stream_type, type);
        const parsed = schema?.safeParse(row.payload);
        if (!parsed?.success) {
          problems.push(`${type}: ${schema ? JSON.stringify(parsed?.error.issues[0]) : 'not in the catalogue'} in ${JSON.stringify(row.payload)}`);
          break;
        }
        checked += 1;
      }
    }
    console.log(`${checked} sampled payloads of ${byType.size} event types parsed by the catalogue's schemas`);

    await client.query('create table bench_expected (year int not null, name text not null, value bigint not null, primary key (year, name))');
    await client.query('create table bench_plan (key text primary key, value text not null)');
    for (const [year, figures] of p.expected) {
      for (const [figure, value] of figures) await client.query('insert into bench_expected values ($1, $2, $3)', [year, figure, value]);
    }
    await client.query(`insert into bench_plan values ('cases', $1), ('events', $2), ('searches', $3), ('feedback', $4), ('asOf', $5), ('generatedAt', $6)`, [
      cases, total, p.searches, feedback, AS_OF.toISOString(), new Date().toISOString(),
    ]);
    const size = (await client.query(`select pg_size_pretty(pg_table_size('events')) as heap, pg_size_pretty(pg_indexes_size('events')) as indexes`)).rows[0];
    console.log(`events: heap ${size.heap}, indexes ${size.indexes}; generated in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    for (const [year, figures] of [...p.expected].sort((x, y) => x[0] - y[0])) {
      console.log(`${year}: ${figures.get('incidents.total') ?? 0} cases, ${figures.get('searches.total') ?? 0} searches, ${figures.get('penalties.imposed') ?? 0} penalties imposed`);
    }
    if (problems.length > 0) {
      console.error(problems.join('\n'));
      process.exitCode = 1;
    }
  } finally {
    await client.end();
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  await main();
}
