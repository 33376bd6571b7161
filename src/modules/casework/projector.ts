import { and, asc, eq, inArray, isNull, lte, notExists, sql } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import { insertRowsFromJson } from '../../platform/database/json-rows.js';
import type { StoredEvent } from '../../platform/events/event-store.js';
import { events as eventLog } from '../../platform/events/schema.js';
import type { ProjectedEvent, Projector } from '../../platform/projections/projector.js';
import { CASE_EVENT } from '../../domain/case/events.js';
import { caseLinks, cases, caseSearchNames, discretionDecisions, liabilities, liabilityCalculations, liabilityMoneySteps, liabilityMoneyTotals, officerNotifications, partyInvolvements } from './schema.js';
import { liabilityMoneyFold, openReferral } from './money-totals.js';
import { caseSearchNameRows, type NameOnCase } from './around/case-search-names.js';
import { USER_EVENT } from '../../domain/identity/events.js';
import { notificationFor } from './work/notifications.js';
import { foldCaseFile } from './case-file.js';
import { policyVersionsIn } from './case-clock.js';
import { CANNOT_MOVE_MONEY } from './liability-read-columns.js';
import { foldedRows, linkRow, openedCaseRow, openedLiabilityRow } from './case-rows.js';
import { carriedOverRows } from './carry-over-rows.js';
import { discretionRows } from './discretion/discretion-rows.js';
import type { CaseRow, LiabilityRow } from './case-file.js';
import { LIABILITY_EVENT_TYPES } from '../../domain/liability/liability-events.js';

/**
 * The only writer of `cases`, `liabilities`, `case_links` and `officer_notifications`, from the case
 * streams' events (and `NotificationRead` on an officer's stream; a letter's row is correspondence's):
 * the opening events make the rows; every event moves the case's version; a liability step, a
 * means assessment or a debt fact folds the case up to the event (never later) and writes the
 * columns that changed (stage, `stage_since` = when it changed, amounts, money and VAL columns).
 * Events that cannot move money (notes, links, assignment, letters…) skip the fold.
 * Every `LiabilityPartyConfirmed` is also kept in `party_involvements` (`projectConfirmations`), and
 * every money step (`MONEY_STEP_TYPES`) in `liability_money_steps` (`projectMoneySteps`, with its
 * liability's totals in `liability_money_totals`), and every
 * calculation put in force in `liability_calculations` (`projectCalculations`).
 */
export const casesProjector: Projector = {
  module: 'casework',
  tables: [cases, liabilities, caseLinks, officerNotifications, discretionDecisions, caseSearchNames, partyInvolvements, liabilityMoneySteps, liabilityMoneyTotals, liabilityCalculations],
  streamTypes: ['case', 'user'],
  async apply(tx, event) {
    if (event.streamType === 'user') {
      if (event.type !== USER_EVENT.NotificationRead) return;
      const userId = event.streamId.slice('user-'.length);
      await tx
        .update(officerNotifications)
        .set({ readAt: event.occurredAt })
        .where(and(eq(officerNotifications.id, String(event.payload.notificationId)), eq(officerNotifications.userId, userId), isNull(officerNotifications.readAt)));
      return;
    }
    const caseId = event.streamId.slice('case-'.length);
    const p = event.payload;
    remember(tx, event);
    if (MONEY_STEP_TYPES.has(event.type)) await projectMoneySteps(tx, [event]);
    if (event.type === CASE_EVENT.RecommendationApproved || event.type === CASE_EVENT.ObjectionDetermined) await projectCalculations(tx, [event]);
    switch (event.type) {
      case CASE_EVENT.ReferralReceived:
      case CASE_EVENT.IncidentReferred:
        return; // the arrival: the case row comes with CaseOpened, just after it
      case CASE_EVENT.CaseOpened: {
        // Opened since CaseOpened carried every fact: the event alone; earlier, with the arrival before it.
        const opening = p.referredBy === undefined ? await streamUpTo(tx, event) : [event];
        const row = openedCaseRow(opening, await policyVersionsIn(tx));
        await tx.insert(cases).values(row);
        await indexCaseNames(tx, row.id, [
          { name: row.driverName, organisation: false },
          { name: row.companyName, organisation: true },
        ]);
        return;
      }
      case CASE_EVENT.LiabilityOpened: {
        const row = openedLiabilityRow(caseId, event);
        await tx.insert(liabilities).values(row);
        await indexCaseNames(tx, caseId, [{ name: row.partyName, organisation: row.role !== 'driver' }]);
        return setVersion(tx, caseId, event);
      }
      case CASE_EVENT.CaseCarriedOver: {
        const rows = carriedOverRows(p);
        await tx.insert(cases).values({ ...rows.kase, version: event.version }).onConflictDoUpdate({ target: cases.id, set: { ...rows.kase, version: event.version } });
        await tx.delete(liabilities).where(eq(liabilities.caseId, caseId));
        if (rows.liabilities.length) await tx.insert(liabilities).values(rows.liabilities);
        await tx.delete(caseLinks).where(eq(caseLinks.caseId, caseId));
        if (rows.links.length) await tx.insert(caseLinks).values(rows.links);
        await tx.delete(officerNotifications).where(eq(officerNotifications.caseId, caseId));
        if (rows.notifications.length) await tx.insert(officerNotifications).values(rows.notifications);
        await tx.delete(caseSearchNames).where(eq(caseSearchNames.caseId, caseId));
        await indexCaseNames(tx, caseId, [
          { name: rows.kase.driverName, organisation: false },
          { name: rows.kase.companyName, organisation: true },
          ...rows.liabilities.map((l) => ({ name: l.partyName, organisation: l.role !== 'driver' })),
        ]);
        return;
      }
      case CASE_EVENT.LiabilityPartyConfirmed:
        await tx.update(liabilities).set({ partyId: String(p.partyId) }).where(eq(liabilities.id, String(p.liabilityId)));
        await projectConfirmations(tx, [event]);
        break; // a confirmed party is part of the state: fold below
      case CASE_EVENT.CaseLinked:
        await tx.insert(caseLinks).values(linkRow(caseId, event)).onConflictDoNothing();
        break;
      case CASE_EVENT.CaseUnlinked:
        await tx.delete(caseLinks).where(and(eq(caseLinks.caseId, caseId), eq(caseLinks.linkedCaseId, String(p.linkedCaseId))));
        break;
      case CASE_EVENT.CaseClaimed:
      case CASE_EVENT.CaseAssigned:
      case CASE_EVENT.CaseUnassigned: {
        const officer = event.type === CASE_EVENT.CaseUnassigned ? null : String(p.officerId);
        const [kase] = await tx
          .update(cases)
          .set({ assignedTo: officer, assignedAt: officer ? event.occurredAt : null, version: event.version })
          .where(eq(cases.id, caseId))
          .returning({ reference: cases.reference });
        // Whoever lost the case is told on their work page.
        const message = kase ? notificationFor(event, caseId, kase.reference) : null;
        if (message) await tx.insert(officerNotifications).values(message);
        return;
      }
      case CASE_EVENT.DiscretionApproved: {
        // The consistency view's rows: one per discretion item, with the case's port.
        const [kase] = await tx.select({ portCode: cases.portCode }).from(cases).where(eq(cases.id, caseId));
        const rows = discretionRows(caseId, kase?.portCode ?? 'UNKNOWN', event);
        if (rows.length) await tx.insert(discretionDecisions).values(rows).onConflictDoNothing();
        break;
      }
      // Letters go to the email address and in the language the person gave last.
      case CASE_EVENT.ContactDetailsChanged:
        if (p.email !== undefined) await tx.update(liabilities).set({ email: (p.email as string | null) ?? null }).where(and(eq(liabilities.id, String(p.liabilityId)), eq(liabilities.caseId, caseId)));
        break;
      case CASE_EVENT.PreferredLanguageChosen:
        await tx.update(liabilities).set({ language: String(p.language) }).where(and(eq(liabilities.id, String(p.liabilityId)), eq(liabilities.caseId, caseId)));
        break;
      case CASE_EVENT.AddressChangeApproved:
      case CASE_EVENT.LiabilityAddressRecorded:
        await tx
          .update(liabilities)
          .set({ addressLines: p.addressLines as string[] })
          .where(and(eq(liabilities.id, String(p.liabilityId)), eq(liabilities.caseId, caseId)));
        break;
    }
    if (CANNOT_MOVE_MONEY.has(event.type)) return setVersion(tx, caseId, event);
    await foldUpTo(tx, caseId, event);
  },
  async applyBatch(tx, events) {
    const fresh: ProjectedEvent[][] = [];
    for (const run of streamRuns(events)) {
      if (isFreshCase(run)) fresh.push(run);
      else for (const event of run) await casesProjector.apply(tx, event);
    }
    if (fresh.length) {
      await insertFreshCases(tx, fresh);
      const all = fresh.flat();
      await projectConfirmations(tx, all.filter((e) => e.type === CASE_EVENT.LiabilityPartyConfirmed));
      await projectMoneySteps(tx, all);
      await projectCalculations(tx, all);
    }
  },
};

/** Consecutive events of one stream, in order. */
function streamRuns(events: readonly ProjectedEvent[]): ProjectedEvent[][] {
  const runs: ProjectedEvent[][] = [];
  for (const event of events) {
    const last = runs.at(-1);
    if (last && last[0]!.streamId === event.streamId) last.push(event);
    else runs.push([event]);
  }
  return runs;
}

/** The events a case opened in the batch may have for its rows to be made at once: the opening, party confirmations and liability steps. */
const FRESH_CASE_TYPES: ReadonlySet<string> = new Set([CASE_EVENT.CaseOpened, CASE_EVENT.LiabilityOpened, CASE_EVENT.LiabilityPartyConfirmed, ...LIABILITY_EVENT_TYPES]);

/** A case stream from its first event, opened with every fact on `CaseOpened`, with only events whose rows `insertFreshCases` makes. */
function isFreshCase(run: readonly ProjectedEvent[]): boolean {
  const first = run[0]!;
  return first.streamType === 'case' && first.version === 1 && first.type === CASE_EVENT.CaseOpened && first.payload.referredBy !== undefined && run.every((e) => FRESH_CASE_TYPES.has(e.type));
}

const ROWS_PER_INSERT = 1000;

/**
 * The rows of cases whose whole streams so far are in the batch, made at once: the opened rows,
 * each confirmed party, then the case folded over its stream (`foldedRows` after its last event) —
 * what `apply` leaves event by event, since each fold writes the columns the case folded so far
 * decides and every event of a batch has the same time. Written by multi-row inserts.
 */
async function insertFreshCases(tx: Db, runs: readonly ProjectedEvent[][]): Promise<void> {
  const versions = await policyVersionsIn(tx);
  const caseRows: CaseRow[] = [];
  const liabilityRows: LiabilityRow[] = [];
  const names: ReturnType<typeof caseSearchNameRows> = [];
  for (const run of runs) {
    const caseId = run[0]!.streamId.slice('case-'.length);
    const last = run.at(-1)!;
    const kase = { assignedTo: null, assignedAt: null, incidentId: null, clandestineEntrants: null, stageSince: null, lastDayToImpose: null, selfDeclared: false, ...openedCaseRow([run[0]!], versions), version: last.version } as CaseRow;
    // In the order they were opened (the search names' first-come rows), and as `foldUpTo` reads them.
    const opened = run
      .filter((e) => e.type === CASE_EVENT.LiabilityOpened)
      .map((e) => ({ partyId: null, draftedBy: null, amountPence: null, imposedOn: null, paymentDue: null, outstandingPence: null, valBlock: null, ...openedLiabilityRow(caseId, e) }) as LiabilityRow);
    const rows = [...opened]
      .sort((a, b) => (a.role < b.role ? -1 : a.role > b.role ? 1 : a.offence < b.offence ? -1 : a.offence > b.offence ? 1 : 0));
    for (const e of run) {
      if (e.type !== CASE_EVENT.LiabilityPartyConfirmed) continue;
      const row = rows.find((r) => r.id === String(e.payload.liabilityId));
      if (row) row.partyId = String(e.payload.partyId);
    }
    // `apply` folds only after an event that can move money; the opening events alone do not.
    if (run.some((e) => e.type !== CASE_EVENT.CaseOpened && e.type !== CASE_EVENT.LiabilityOpened && !CANNOT_MOVE_MONEY.has(e.type))) {
      const stream: StoredEvent[] = run.map((e) => ({ seq: 0, ...e }));
      const changes = foldedRows(foldCaseFile(kase, rows, stream, versions), last);
      for (const { id, set } of changes.liabilities) Object.assign(rows.find((r) => r.id === id)!, set);
      Object.assign(kase, changes.kase);
    }
    caseRows.push(kase);
    liabilityRows.push(...rows);
    names.push(
      ...caseSearchNameRows(caseId, [
        { name: kase.driverName, organisation: false },
        { name: kase.companyName, organisation: true },
        ...opened.map((r) => ({ name: r.partyName, organisation: r.role !== 'driver' })),
      ]),
    );
  }
  await insertRowsFromJson(tx, cases, caseRows, { perStatement: ROWS_PER_INSERT });
  await insertRowsFromJson(tx, liabilities, liabilityRows, { perStatement: ROWS_PER_INSERT });
  await insertRowsFromJson(tx, caseSearchNames, names, { perStatement: ROWS_PER_INSERT, onConflictDoNothing: true });
}

async function setVersion(tx: Db, caseId: string, event: ProjectedEvent): Promise<void> {
  await tx.update(cases).set({ version: event.version }).where(eq(cases.id, caseId));
}

/** Folds the case up to and including `event` and writes the columns it changed, with the version. */
async function foldUpTo(tx: Db, caseId: string, event: ProjectedEvent): Promise<void> {
  const [kase] = await tx.select().from(cases).where(eq(cases.id, caseId));
  if (!kase) return; // a case opened before its rows could be made from events: its carry-over makes them
  const [rows, stream, versions] = [
    await tx.select().from(liabilities).where(eq(liabilities.caseId, caseId)).orderBy(asc(liabilities.role), asc(liabilities.offence)),
    await streamUpTo(tx, event),
    await policyVersionsIn(tx),
  ];
  const changes = foldedRows(foldCaseFile(kase, rows, stream, versions), event);
  for (const { id, set } of changes.liabilities) await tx.update(liabilities).set(set).where(eq(liabilities.id, id));
  await tx.update(cases).set({ ...changes.kase, version: event.version }).where(eq(cases.id, caseId));
}

/*
 * The case's stream up to the event being applied, never later: a command's several events (or
 * the rebuild's run of one stream) extend the copy read for the one before instead of reading again.
 */
const lastStream = new WeakMap<Db, StoredEvent[]>();

function remember(tx: Db, event: ProjectedEvent): void {
  const known = lastStream.get(tx);
  const last = known?.at(-1);
  if (known && last && last.streamId === event.streamId && last.version === event.version - 1) known.push({ seq: 0, ...event });
  else lastStream.delete(tx);
}

async function streamUpTo(tx: Db, event: ProjectedEvent): Promise<StoredEvent[]> {
  const known = lastStream.get(tx);
  if (known?.at(-1)?.streamId === event.streamId && known.at(-1)!.version === event.version) return known;
  const rows = await tx
    .select()
    .from(eventLog)
    .where(and(eq(eventLog.streamId, event.streamId), lte(eventLog.version, event.version)))
    .orderBy(asc(eventLog.version));
  const read = rows.map((r) => ({ ...r, payload: r.payload as Record<string, unknown> }));
  lastStream.set(tx, read);
  return read;
}

/** The case's names in the register's normalised forms, for the case search (`case_search_names`). */
async function indexCaseNames(tx: Db, caseId: string, names: readonly NameOnCase[]): Promise<void> {
  const rows = caseSearchNameRows(caseId, names);
  if (rows.length) await tx.insert(caseSearchNames).values(rows).onConflictDoNothing();
}

/**
 * Cases opened before `case_search_names` existed have no rows there: their names are indexed once,
 * at start-up, exactly as the projector indexes a new case's (the same pure rows, so a rebuild from
 * the log finds no difference). One anti-join finds none the next time.
 */
export async function indexNamesOfEarlierCases(db: Db, batch = 500): Promise<number> {
  let indexed = 0;
  for (;;) {
    const kases = await db
      .select({ id: cases.id, driverName: cases.driverName, companyName: cases.companyName })
      .from(cases)
      .where(notExists(db.select({ one: sql`1` }).from(caseSearchNames).where(eq(caseSearchNames.caseId, cases.id))))
      .limit(batch);
    if (!kases.length) return indexed;
    const people = await db.select({ caseId: liabilities.caseId, partyName: liabilities.partyName, role: liabilities.role }).from(liabilities).where(inArray(liabilities.caseId, kases.map((k) => k.id)));
    const rows = kases.flatMap((k) =>
      caseSearchNameRows(k.id, [
        { name: k.driverName, organisation: false },
        { name: k.companyName, organisation: true },
        ...people.filter((p) => p.caseId === k.id).map((p) => ({ name: p.partyName, organisation: p.role !== 'driver' })),
      ]),
    );
    if (rows.length) await db.insert(caseSearchNames).values(rows).onConflictDoNothing();
    indexed += kases.length;
    // A case with no name at all makes no row: stop rather than find it again forever.
    if (new Set(rows.map((r) => r.caseId)).size < kases.length) return indexed;
  }
}

/**
 * Writes the confirmations of a liability's person (`LiabilityPartyConfirmed`), given in the order
 * of the log, into `party_involvements` in one statement: each with its case's opening facts (read
 * from the case stream's `CaseOpened`, recorded before it), and marks the earlier confirmations of
 * the same liabilities superseded from the earliest instant a later one was recorded. One event is
 * what a command gives; a replay gives many at once (bench/insight/generate.ts): the same statement.
 */
export async function projectConfirmations(tx: Db, confirmations: readonly ProjectedEvent[]): Promise<void> {
  if (confirmations.length === 0) return;
  const rows = confirmations.map((e) => ({
    stream_id: e.streamId,
    version: e.version,
    liability_id: String(e.payload.liabilityId),
    role: String(e.payload.role),
    party_id: String(e.payload.partyId),
    confirmed_at: e.occurredAt.toISOString(),
  }));
  await tx.execute(sql`
    with b as (
      select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as b(stream_id text, version int, liability_id text, role text, party_id text, confirmed_at timestamptz)),
    earlier as (
      update party_involvements p
      set superseded_at = least(coalesce(p.superseded_at, f.first_at), f.first_at)
      from (select stream_id, liability_id, min(confirmed_at) as first_at from b group by stream_id, liability_id) f
      where p.stream_id = f.stream_id and p.liability_id = f.liability_id)
    insert into party_involvements (stream_id, version, liability_id, role, kind, party_id, confirmed_at, superseded_at, case_seq, case_opened_at, incident_date, reference)
    select b.stream_id, b.version, b.liability_id, b.role, case when b.role = 'driver' then 'driver' else 'company' end, b.party_id, b.confirmed_at,
           min(b.confirmed_at) over (partition by b.stream_id, b.liability_id order by b.version rows between 1 following and unbounded following),
           o.seq, o.occurred_at, (o.payload->>'incidentDate')::date, o.payload->>'reference'
    from b
    left join lateral (
      select c.seq, c.occurred_at, c.payload from events c
      where c.stream_id = b.stream_id and c.type = ${CASE_EVENT.CaseOpened}
      order by c.version limit 1) o on true`);
}

/**
 * The case events `liability_money_steps` keeps (schema.ts): what insight's money fold reads of a
 * liability (families.ts, `money`). Each has the liability's id in its payload.
 */
export const MONEY_STEP_TYPES: ReadonlySet<string> = new Set([
  CASE_EVENT.PenaltyImposed,
  CASE_EVENT.ObjectionDetermined,
  CASE_EVENT.AppealDecided,
  CASE_EVENT.MeansReductionAssured,
  CASE_EVENT.PaymentReceived,
  CASE_EVENT.RefundApproved,
  CASE_EVENT.DetentionCostsCharged,
  CASE_EVENT.WriteOffApproved,
  CASE_EVENT.DebtReferredToAgency,
  CASE_EVENT.DebtAgencyOutcomeRecorded,
  CASE_EVENT.LiabilityClosed,
]);

/**
 * Writes money steps (events of `MONEY_STEP_TYPES` on case streams) into `liability_money_steps` in
 * one statement, each with its place in the log (`seq`, read from the log by stream and version) and
 * the payload's amount, outcome, referral and notice date, then its liability's totals
 * (money-totals.ts). One event is what a command gives; a replay may give many at once: the same statements. The migration that made the table fills it from
 * the log with the same rules.
 */
export async function projectMoneySteps(tx: Db, steps: readonly ProjectedEvent[]): Promise<void> {
  const rows = steps
    .filter((e) => MONEY_STEP_TYPES.has(e.type))
    .map((e) => ({ stream_id: e.streamId, version: e.version, type: e.type, recorded_at: e.occurredAt.toISOString(), payload: e.payload }));
  if (rows.length === 0) return;
  await tx.execute(sql`
    insert into liability_money_steps (stream_id, version, seq, liability_id, type, recorded_at, amount_pence, outcome, referral_id, notice_date)
    select b.stream_id, b.version, l.seq, b.payload->>'liabilityId', b.type, b.recorded_at, (b.payload->>'amountPence')::bigint,
           b.payload->>'outcome', b.payload->>'referralId', (b.payload->>'noticeDate')::date
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as b(stream_id text, version int, type text, recorded_at timestamptz, payload jsonb)
    join events l on l.stream_id = b.stream_id and l.version = b.version`);
  await projectMoneyTotals(tx, rows.map((row) => ({ streamId: row.stream_id, liabilityId: String(row.payload.liabilityId) })));
}

/**
 * Writes the totals of the liabilities given (stream and liability) from all their steps in
 * `liability_money_steps`, in one statement: a liability's row is replaced whole each time one of its
 * steps is written (a command writes one; a replay or an import many at once).
 */
export async function projectMoneyTotals(tx: Db, touched: readonly { streamId: string; liabilityId: string }[]): Promise<void> {
  if (touched.length === 0) return;
  const keys = [...new Map(touched.map((t) => [`${t.streamId}\u0000${t.liabilityId}`, { s: t.streamId, l: t.liabilityId }])).values()];
  await tx.execute(sql`
    with touched as (select * from jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) as k(s text, l text)),
    folded as (
      select x.stream_id, x.liability_id, ${liabilityMoneyFold(null)}, max(x.recorded_at) as last_recorded_at
      from liability_money_steps x join touched k on k.s = x.stream_id and k.l = x.liability_id
      group by x.stream_id, x.liability_id)
    insert into liability_money_totals (stream_id, liability_id, first_penalty_version, first_penalty_seq, first_penalty_recorded_at, notice_date,
      imposed_pence, cancelled, last_amount_pence, paid_pence, refunded_pence, costs_pence, written_off, referred, last_recorded_at)
    select l.stream_id, l.liability_id, l.first_penalty_version, p.seq, p.recorded_at, p.notice_date, p.amount_pence,
           l.cancelled, l.last_amount_pence, l.paid_pence, l.refunded_pence, l.costs_pence, l.written_off, ${openReferral(null, 'l')}, l.last_recorded_at
    from folded l
    left join liability_money_steps p on p.stream_id = l.stream_id and p.version = l.first_penalty_version
    on conflict (stream_id, liability_id) do update set
      first_penalty_version = excluded.first_penalty_version, first_penalty_seq = excluded.first_penalty_seq,
      first_penalty_recorded_at = excluded.first_penalty_recorded_at, notice_date = excluded.notice_date, imposed_pence = excluded.imposed_pence,
      cancelled = excluded.cancelled, last_amount_pence = excluded.last_amount_pence, paid_pence = excluded.paid_pence,
      refunded_pence = excluded.refunded_pence, costs_pence = excluded.costs_pence, written_off = excluded.written_off,
      referred = excluded.referred, last_recorded_at = excluded.last_recorded_at`);
}

/**
 * Writes the calculations put in force into `liability_calculations` in one statement: each
 * `RecommendationApproved` with the steps of its liability's last `RecommendationDrafted` before it
 * on the stream (read from the log), and each `ObjectionDetermined` whose payload has steps (a fresh
 * calculation) with them; other events are ignored. One event is what a command gives; a replay may
 * give many at once. The migration that made the table fills it from the log with the same rules.
 */
export async function projectCalculations(tx: Db, events: readonly ProjectedEvent[]): Promise<void> {
  const rows = events
    .filter((e) => e.type === CASE_EVENT.RecommendationApproved || (e.type === CASE_EVENT.ObjectionDetermined && Array.isArray(e.payload.steps)))
    .map((e) => ({ stream_id: e.streamId, version: e.version, type: e.type, recorded_at: e.occurredAt.toISOString(), payload: e.payload }));
  if (rows.length === 0) return;
  await tx.execute(sql`
    insert into liability_calculations (stream_id, version, seq, liability_id, source, recorded_at, day, steps)
    select b.stream_id, b.version, l.seq, b.payload->>'liabilityId',
           case when b.type = ${CASE_EVENT.ObjectionDetermined} then 'objection' else 'recommendation' end, b.recorded_at, (b.payload->>'on')::date,
           case when b.type = ${CASE_EVENT.ObjectionDetermined} then b.payload->'steps'
                else (select d.payload->'steps' from events d
                      where d.stream_id = b.stream_id and d.type = ${CASE_EVENT.RecommendationDrafted} and d.payload->>'liabilityId' = b.payload->>'liabilityId' and d.version < b.version
                      order by d.version desc limit 1) end
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as b(stream_id text, version int, type text, recorded_at timestamptz, payload jsonb)
    join events l on l.stream_id = b.stream_id and l.version = b.version`);
}
