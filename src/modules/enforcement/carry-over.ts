import { asc, sql } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import { appendEvents, streamVersion, type Actor } from '../../platform/events/event-store.js';
import { events } from '../../platform/events/schema.js';
import { CASE_EVENT } from '../../domain/case/events.js';
import { DEBT_REFERRAL_EVENT } from '../../domain/payments/events.js';
import { enforcementProjector } from './projector.js';
import { debtReferrals } from './schema.js';

/*
 * An upgrade step, run once by `prepareDatabase` after the migrations: referrals to the debt agency
 * recorded without the agency file's hash are carried over onto the log (`DebtReferralCarriedOver`
 * on `debt-referral-<id>`, the row as it stands), so replaying it gives exactly the live rows.
 * Idempotent: a referral whose facts are already in the log is left alone.
 */

const UPGRADE: Actor = { id: 'system:upgrade', name: 'Cordon upgrade', roles: [] };

/** Referrals whose event does not carry the file's hash, not yet carried over. */
async function referralsWithoutFileHash(tx: Db) {
  return tx
    .select()
    .from(debtReferrals)
    .where(
      sql`not exists (select 1 from ${events} e where e.stream_id = 'debt-referral-' || ${debtReferrals.id}::text)
        and not exists (select 1 from ${events} e where e.type = ${CASE_EVENT.DebtReferredToAgency}
          and e.payload->>'referralId' = ${debtReferrals.id}::text and e.payload ? 'fileHash')`,
    )
    .orderBy(asc(debtReferrals.createdAt), asc(debtReferrals.id));
}

export async function carryOverDebtReferrals(db: Db, now = new Date()): Promise<{ referrals: number }> {
  return db.transaction(async (tx) => {
    const referrals = await referralsWithoutFileHash(tx);
    for (const { id, createdAt, ...row } of referrals) {
      const streamId = `debt-referral-${id}`;
      const event = { type: DEBT_REFERRAL_EVENT.DebtReferralCarriedOver, payload: { ...row, createdAt: createdAt.toISOString() } };
      const version = await appendEvents(tx, { streamId, streamType: 'debt-referral', expectedVersion: await streamVersion(tx, streamId), events: [event], actor: UPGRADE, occurredAt: now });
      await enforcementProjector.apply(tx, { streamId, streamType: 'debt-referral', version, type: event.type, payload: event.payload as Record<string, unknown>, actorId: UPGRADE.id, actorName: UPGRADE.name, occurredAt: now });
    }
    return { referrals: referrals.length };
  });
}
