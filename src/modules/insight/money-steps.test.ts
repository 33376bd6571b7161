import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { createTestDatabase, inRolledBackTransaction } from '../../../test/support/database.js';
import { rowsOf, type Database } from '../../platform/database/client.js';
import { appendEvents, type NewEvent } from '../../platform/events/event-store.js';
import type { ProjectedEvent } from '../../platform/projections/projector.js';
import { MONEY_STEP_TYPES, projectMoneySteps } from '../casework/projector.js';
import { FAMILY_SOURCES } from './families.js';

/*
 * The `money` family reads each liability's money from casework's read table
 * `liability_money_steps` (families.ts). It must answer, for every asOf and with or without the
 * period's narrowing, exactly what the fold over the event log it replaced answered. That fold is
 * kept here as the oracle.
 */

let database: Database;
const officer = { id: 'officer', name: 'Officer', roles: ['caseworker'] };
const at = (day: string, hour = 10) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);
const period = { from: '2026-01-01', until: '2027-01-01' };
const versions = new Map<string, number>();

async function append(streamId: string, occurredAt: Date, events: NewEvent[], streamType = 'case') {
  const expectedVersion = versions.get(streamId) ?? 0;
  versions.set(streamId, expectedVersion + events.length);
  await database.db.transaction((tx) => appendEvents(tx, { streamId, streamType, expectedVersion, actor: officer, occurredAt, events }));
}
const step = (type: string, liabilityId: string, payload: Record<string, unknown> = {}) => ({ type, payload: { by: 'o', on: '2026-05-01', liabilityId, ...payload } }) as NewEvent;
/** A case fact (not a liability step): no `by`/`on`. */
const fact = (type: string, liabilityId: string, payload: Record<string, unknown>) => ({ type, payload: { liabilityId, ...payload } }) as NewEvent;
const paid = (l: string, amountPence: number, receivedOn: string) => step('PaymentReceived', l, { amountPence, receivedOn, method: 'card', reference: 'P', paidBy: 'recipient' });
const imposed = (l: string, noticeDate: string, amountPence = 100_000) => step('PenaltyImposed', l, { noticeDate, amountPence, aggregateSplitApprovedBy: null });

/** The fold over the event log the read table replaced (families.ts before it), without details. */
function scanned(asOf: Date, narrow: boolean) {
  const t = sql`${asOf.toISOString()}::timestamptz`;
  return sql`
    select m.seq, m.record, m.day, m.state, m.imposed_pence, m.imposed_pence - m.in_force_pence as reduced_pence, m.paid_pence,
           case when m.state in ('outstanding', 'debt-recovery') then greatest(m.balance_pence, 0) else 0 end as outstanding_pence,
           case when m.state = 'written-off' then greatest(m.balance_pence, 0) else 0 end as written_off_pence
    from (
      select f.*, case when f.written_off then 'written-off' when f.cancelled and f.balance_pence <= 0 then 'cancelled'
                       when f.balance_pence <= 0 then 'paid' when f.referred then 'debt-recovery' else 'outstanding' end as state
      from (
        select a.*, a.in_force_pence + a.costs_pence - a.paid_pence + a.refunded_pence as balance_pence
        from (
          select e.seq, e.payload->>'liabilityId' as record, (e.payload->>'noticeDate')::date as day, (e.payload->>'amountPence')::bigint as imposed_pence,
                 l.cancelled, case when l.cancelled then 0 else l.last_amount_pence end as in_force_pence,
                 l.paid_pence, l.refunded_pence, l.costs_pence, l.written_off, (l.referred or c.liability_id is not null) as referred
          from events e
          cross join lateral (
            select coalesce(bool_or(x.type = 'PenaltyImposed' and x.version < e.version), false) as earlier,
                   coalesce(bool_or(x.occurred_at <= ${t} and x.type in ('ObjectionDetermined', 'AppealDecided') and x.payload->>'outcome' in ('cancel', 'cancelled')), false) as cancelled,
                   (array_agg((x.payload->>'amountPence')::bigint order by x.version desc)
                      filter (where x.occurred_at <= ${t} and x.type in ('PenaltyImposed', 'ObjectionDetermined', 'AppealDecided', 'MeansReductionAssured')))[1] as last_amount_pence,
                   coalesce(sum((x.payload->>'amountPence')::bigint) filter (where x.occurred_at <= ${t} and x.type = 'PaymentReceived'), 0) as paid_pence,
                   coalesce(sum((x.payload->>'amountPence')::bigint) filter (where x.occurred_at <= ${t} and x.type = 'RefundApproved'), 0) as refunded_pence,
                   coalesce(sum((x.payload->>'amountPence')::bigint) filter (where x.occurred_at <= ${t} and x.type = 'DetentionCostsCharged'), 0) as costs_pence,
                   coalesce(bool_or(x.occurred_at <= ${t} and x.type = 'WriteOffApproved'), false) as written_off,
                   coalesce(bool_or(case when x.occurred_at <= ${t} and x.type = 'DebtReferredToAgency' then
                       not exists (select 1 from events y where y.stream_id = x.stream_id and y.type = 'DebtAgencyOutcomeRecorded' and y.payload->>'referralId' = x.payload->>'referralId' and y.occurred_at <= ${t})
                       and not exists (select 1 from events y where y.stream_id = x.stream_id and y.payload->>'liabilityId' = x.payload->>'liabilityId' and y.type = 'LiabilityClosed' and y.occurred_at <= ${t} and y.version > x.version)
                     else false end), false) as referred
            from events x
            where x.stream_id = e.stream_id and x.payload->>'liabilityId' = e.payload->>'liabilityId'
              and x.type in ('PenaltyImposed', 'ObjectionDetermined', 'AppealDecided', 'MeansReductionAssured', 'PaymentReceived', 'RefundApproved', 'DetentionCostsCharged', 'WriteOffApproved', 'DebtReferredToAgency')
          ) l
          left join (
            select distinct x.payload->>'liabilityId' as liability_id from events x
            where x.type = 'DebtReferralCarriedOver' and x.payload->>'outcome' is null and x.occurred_at <= ${t}
          ) c on c.liability_id = e.payload->>'liabilityId'
          where e.type = 'PenaltyImposed' and e.stream_type = 'case' and e.occurred_at <= ${t}
            ${narrow ? sql`and (e.payload->>'noticeDate') collate "C" >= ${period.from} and (e.payload->>'noticeDate') collate "C" < ${period.until}` : sql``}
            and not l.earlier
        ) a
      ) f
    ) m`;
}

const COLUMNS = sql`r.seq::bigint as seq, r.record, to_char(r.day, 'YYYY-MM-DD') as day, r.state, r.imposed_pence::bigint as imposed_pence, r.reduced_pence::bigint as reduced_pence,
  r.paid_pence::bigint as paid_pence, r.outstanding_pence::bigint as outstanding_pence, r.written_off_pence::bigint as written_off_pence`;
async function rowsFrom(source: ReturnType<typeof scanned>) {
  return rowsOf<Record<string, unknown>>(await database.db.execute(sql`select ${COLUMNS} from (${source}) r order by r.seq`)).map((r) => ({ ...r }));
}

async function moneyStepsInLogOrder(): Promise<ProjectedEvent[]> {
  const rows = rowsOf<{ stream_id: string; stream_type: string; version: number; type: string; payload: Record<string, unknown>; actor_id: string; actor_name: string; occurred_at: string | Date }>(
    await database.db.execute(sql`select stream_id, stream_type, version, type, payload, actor_id, actor_name, occurred_at from events where stream_type = 'case' order by seq`),
  );
  return rows
    .filter((r) => MONEY_STEP_TYPES.has(r.type))
    .map((r) => ({ streamId: r.stream_id, streamType: r.stream_type, version: r.version, type: r.type, payload: r.payload, actorId: r.actor_id, actorName: r.actor_name, occurredAt: new Date(r.occurred_at) }));
}

beforeAll(async () => {
  database = await createTestDatabase();
  // 1: imposed, part paid, paid off later; a refund after that.
  await append('case-1', at('2026-02-01'), [imposed('l-1', '2026-02-01'), paid('l-1', 40_000, '2026-03-01')]);
  await append('case-1', at('2026-06-01'), [paid('l-1', 60_000, '2026-06-01')]);
  await append('case-1', at('2026-09-01'), [step('RefundApproved', 'l-1', { amountPence: 5_000, reason: 'over' })]);
  // 2: reduced on objection, then cancelled on appeal; a second liability on the case stays outstanding.
  await append('case-2', at('2026-03-01'), [imposed('l-2', '2026-03-01'), imposed('l-2b', '2026-03-01', 80_000)]);
  await append('case-2', at('2026-04-01'), [step('ObjectionDetermined', 'l-2', { outcome: 'reduce', amountPence: 50_000, previousAmountPence: 100_000, reasons: 'r', steps: null })]);
  await append('case-2', at('2026-07-01'), [step('AppealDecided', 'l-2', { outcome: 'cancelled', decidedOn: '2026-07-01', amountPence: 0, costs: null })]);
  // 3: a means reduction, detention costs, referred to the agency; the agency's outcome later; referred again, then closed.
  await append('case-3', at('2026-04-01'), [imposed('l-3', '2026-04-01'), step('MeansReductionAssured', 'l-3', { amountPence: 70_000, previousAmountPence: 100_000, proposedBy: 'p', reason: 'r' })]);
  await append('case-3', at('2026-05-01'), [fact('DetentionCostsCharged', 'l-3', { detentionId: 'd', amountPence: 3_000 }), fact('DebtReferredToAgency', 'l-3', { referralId: 'r-1', batchId: 'b', amountPence: 73_000 })]);
  await append('case-3', at('2026-08-01'), [fact('DebtAgencyOutcomeRecorded', 'l-3', { referralId: 'r-1', outcome: 'untraceable', outcomeOn: '2026-08-01', note: '' })]);
  await append('case-3', at('2026-10-01'), [fact('DebtReferredToAgency', 'l-3', { referralId: 'r-2', batchId: 'b', amountPence: 73_000 })]);
  await append('case-3', at('2026-11-01'), [step('LiabilityClosed', 'l-3')]);
  // 4: written off; a second penalty on the same liability (never a record of its own).
  await append('case-4', at('2026-05-01'), [imposed('l-4', '2026-05-01'), imposed('l-4', '2026-05-20', 90_000)]);
  await append('case-4', at('2026-10-01'), [step('WriteOffApproved', 'l-4', { reason: 'deadline-missed', writtenOffOn: '2026-10-01', proposedBy: 'p' })]);
  // 5: a penalty recorded with an earlier clock than the step before it (two processes' clocks apart), payment recorded in 2027.
  await append('case-5', at('2026-12-01'), [paid('l-5', 1_000, '2026-12-01')]);
  await append('case-5', at('2026-11-20'), [imposed('l-5', '2026-12-31')]);
  // 6: a referral carried over from the old system; 7: a penalty of the next year, and one of the last.
  await append('case-6', at('2026-06-01'), [imposed('l-6', '2026-06-01')]);
  await append('debt-referral-6', at('2026-06-02'), [{ type: 'DebtReferralCarriedOver', payload: {
    caseId: 'c-6', liabilityId: 'l-6', batchId: 'b', referredOn: '2026-06-02', amountPence: 100_000, fileHash: null, outcome: null, outcomeNote: null, outcomeOn: null, createdBy: 'old', createdAt: '2026-06-02T10:00:00Z' } } as NewEvent], 'debt-referral');
  await append('case-7', at('2027-01-02'), [imposed('l-7', '2027-01-01'), imposed('l-7b', '2025-12-31')]);
  for (const event of await moneyStepsInLogOrder()) await projectMoneySteps(database.db, [event]);
});

afterAll(async () => {
  await database?.close();
});

const AS_OF = ['2026-01-15', '2026-02-15', '2026-04-15', '2026-06-15', '2026-07-15', '2026-08-15', '2026-10-15', '2026-11-25', '2026-12-15', '2027-02-01'].map((d) => at(d));

describe('liability_money_steps, the money family’s read table', () => {
  it('gives for every asOf, with and without the period’s narrowing, exactly the rows the fold over the event log gave', async () => {
    for (const asOf of AS_OF) {
      for (const narrow of [true, false]) {
        const label = `${asOf.toISOString()} narrow=${narrow}`;
        expect(await rowsFrom(FAMILY_SOURCES.money.rows(asOf, false, period, narrow)), label).toEqual(await rowsFrom(scanned(asOf, narrow)));
      }
    }
  });

  it('folds the cases above as the rules say (the comparison is not between two empty answers)', async () => {
    const rows = await rowsFrom(FAMILY_SOURCES.money.rows(at('2027-02-01'), false, period, false));
    const stateOf = (record: string) => rows.find((r) => r.record === record)?.state;
    expect(rows.map((r) => r.record).sort()).toEqual(['l-1', 'l-2', 'l-2b', 'l-3', 'l-4', 'l-5', 'l-6', 'l-7', 'l-7b']);
    expect([stateOf('l-1'), stateOf('l-2'), stateOf('l-2b'), stateOf('l-3'), stateOf('l-4'), stateOf('l-6')]).toEqual(['outstanding', 'cancelled', 'outstanding', 'outstanding', 'written-off', 'debt-recovery']);
    const mid = await rowsFrom(FAMILY_SOURCES.money.rows(at('2026-06-15'), false, period, true));
    expect(mid.find((r) => r.record === 'l-3')?.state).toBe('debt-recovery');
    expect(mid.find((r) => r.record === 'l-1')?.state).toBe('paid');
    expect((await rowsFrom(FAMILY_SOURCES.money.rows(at('2026-11-25'), false, period, true))).map((r) => r.record)).toContain('l-5');
  });

  it('folds each liability once and keeps only its first penalty, even when that one is outside the period or recorded later by the clock', async () => {
    await inRolledBackTransaction(database.db, async (tx) => {
      const add = async (streamId: string, expectedVersion: number, occurredAt: Date, events: NewEvent[]) => {
        await appendEvents(tx, { streamId, streamType: 'case', expectedVersion, actor: officer, occurredAt, events });
        const logged = rowsOf<{ version: number; type: string; payload: Record<string, unknown> }>(
          await tx.execute(sql`select version, type, payload from events where stream_id = ${streamId} and version > ${expectedVersion} order by version`),
        );
        await projectMoneySteps(tx, logged.map((r) => ({ streamId, streamType: 'case', version: r.version, type: r.type, payload: r.payload, actorId: officer.id, actorName: officer.name, occurredAt })));
      };
      // 8: the first penalty's notice date is in the year before the period, a second one's in it: neither is the period's record.
      await add('case-8', 0, at('2026-01-10'), [imposed('l-8', '2025-12-20'), imposed('l-8', '2026-01-10', 70_000), paid('l-8', 10_000, '2026-01-10')]);
      // 9: the first penalty (by version) recorded with a later clock than the second: as of a day between them, no record.
      await add('case-9', 0, at('2026-05-01'), [imposed('l-9', '2026-05-01')]);
      await add('case-9', 1, at('2026-04-01'), [imposed('l-9', '2026-04-01', 60_000), paid('l-9', 5_000, '2026-04-01')]);
      // 10: two liabilities on one stream, each folded on its own.
      await add('case-10', 0, at('2026-03-01'), [imposed('l-10a', '2026-03-01'), imposed('l-10b', '2026-03-01', 40_000), paid('l-10b', 40_000, '2026-03-02')]);
      const rows = async (source: ReturnType<typeof scanned>) => rowsOf<Record<string, unknown>>(await tx.execute(sql`select ${COLUMNS} from (${source}) r order by r.seq`)).map((r) => ({ ...r }));
      for (const asOf of [at('2026-04-15'), at('2026-06-15'), at('2027-02-01')]) {
        for (const narrow of [true, false]) {
          expect(await rows(FAMILY_SOURCES.money.rows(asOf, false, period, narrow)), `${asOf.toISOString()} narrow=${narrow}`).toEqual(await rows(scanned(asOf, narrow)));
        }
      }
      const narrowed = await rows(FAMILY_SOURCES.money.rows(at('2027-02-01'), false, period, true));
      expect(narrowed.map((r) => r.record)).not.toContain('l-8');
      expect(narrowed.filter((r) => r.record === 'l-9').map((r) => [Number(r.imposed_pence), Number(r.paid_pence)])).toEqual([[100_000, 5_000]]);
      expect(narrowed.filter((r) => r.record === 'l-10a' || r.record === 'l-10b').map((r) => [r.record, r.state])).toEqual([['l-10a', 'outstanding'], ['l-10b', 'paid']]);
      expect((await rows(FAMILY_SOURCES.money.rows(at('2026-04-15'), false, period, true))).map((r) => r.record)).not.toContain('l-9');
      expect((await rows(FAMILY_SOURCES.money.rows(at('2027-02-01'), false, period, false))).filter((r) => r.record === 'l-8').map((r) => r.day)).toEqual(['2025-12-20']);
    });
  });

  it('is the same projected many steps a statement (a replay) as one a command (the projector), the totals too', async () => {
    const TABLE = sql`select * from liability_money_steps order by stream_id, version`;
    const TOTALS = sql`select * from liability_money_totals order by stream_id, liability_id`;
    const oneByOne = rowsOf(await database.db.execute(TABLE));
    const totalsOneByOne = rowsOf(await database.db.execute(TOTALS));
    const logged = await moneyStepsInLogOrder(); // read before the transaction: PGlite has one connection
    await inRolledBackTransaction(database.db, async (tx) => {
      await tx.execute(sql`truncate liability_money_steps, liability_money_totals`);
      // The family reads the tables, not the log: without them, no penalty.
      expect(rowsOf(await tx.execute(FAMILY_SOURCES.money.rows(at('2027-02-01'), false, period, false)))).toEqual([]);
      await projectMoneySteps(tx, logged);
      expect(rowsOf(await tx.execute(TABLE))).toEqual(oneByOne);
      expect(rowsOf(await tx.execute(TOTALS))).toEqual(totalsOneByOne);
    });
    expect(rowsOf(await database.db.execute(TABLE))).toEqual(oneByOne);
    expect(totalsOneByOne.length).toBeGreaterThan(5);
    expect(oneByOne).toHaveLength(23);
  });

  it('is filled by its migration from the steps already there exactly as the projector keeps it', async () => {
    const TOTALS = sql`select * from liability_money_totals order by stream_id, liability_id`;
    const migration = readFileSync(new URL('../../../drizzle/0022_money_totals.sql', import.meta.url), 'utf8').split('--> statement-breakpoint');
    const fill = migration.at(-1)!;
    expect(fill).toContain('INSERT INTO "liability_money_totals"');
    await inRolledBackTransaction(database.db, async (tx) => {
      // 11: referred to the agency with no outcome yet (a referral still open in the totals).
      const occurredAt = at('2026-09-01');
      await appendEvents(tx, { streamId: 'case-11', streamType: 'case', expectedVersion: 0, actor: officer, occurredAt, events: [
        imposed('l-11', '2026-09-01'), fact('DebtReferredToAgency', 'l-11', { referralId: 'r-11', batchId: 'b', amountPence: 100_000 })] });
      const logged = rowsOf<{ version: number; type: string; payload: Record<string, unknown> }>(await tx.execute(sql`select version, type, payload from events where stream_id = 'case-11' order by version`));
      for (const r of logged) await projectMoneySteps(tx, [{ streamId: 'case-11', streamType: 'case', version: r.version, type: r.type, payload: r.payload, actorId: officer.id, actorName: officer.name, occurredAt }]);
      const kept = rowsOf<Record<string, unknown>>(await tx.execute(TOTALS));
      expect(kept.filter((row) => row.referred === true).map((row) => row.liability_id)).toEqual(['l-11']);
      const family = rowsOf<Record<string, unknown>>(await tx.execute(FAMILY_SOURCES.money.rows(at('2027-02-01'), false, period, true)));
      expect(family.find((row) => row.record === 'l-11')?.state).toBe('debt-recovery');
      await tx.execute(sql`truncate liability_money_totals`);
      await tx.execute(sql.raw(fill));
      expect(rowsOf(await tx.execute(TOTALS))).toEqual(kept);
    });
  });
});
