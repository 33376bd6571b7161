import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../platform/database/client.js';
import { rowsOf } from '../../platform/database/client.js';
import { executeCommand, type CommandDefinition } from '../../platform/events/command.js';
import { streamVersion, type Actor } from '../../platform/events/event-store.js';
import { WATCHLIST_EVENT } from '../../domain/plate-checks/events.js';
import { decideCarryOverWatchlistEntries } from '../../domain/plate-checks/watchlist-decisions.js';
import { plateChecksProjector } from './projector.js';

type CarriedEntry = Parameters<typeof decideCarryOverWatchlistEntries>[0]['entries'][number];

/** The entries no event makes: those of imports recorded before their events carried the entries. */
async function entriesNoEventMakes(tx: Db): Promise<CarriedEntry[]> {
  const rows = rowsOf<{ id: string; registration: string; country: string | null; reason: string; expires_at: string; created_at: string; created_by: string; deleted_at: string | null; deleted_by: string | null }>(
    await tx.execute(sql`
      with made as (
        select e.payload->>'id' as id from events e where e.stream_id = 'watchlist' and e.type = ${WATCHLIST_EVENT.WatchlistEntryAdded}
        union all
        select x->>'id' from events e cross join lateral jsonb_array_elements(coalesce(e.payload->'entries', '[]'::jsonb)) x
        where e.stream_id = 'watchlist' and e.type in (${WATCHLIST_EVENT.WatchlistEntriesImported}, ${WATCHLIST_EVENT.WatchlistEntriesCarriedOver}))
      select w.id, w.registration, w.country, w.reason,
             to_json(w.expires_at)#>>'{}' as expires_at, to_json(w.created_at)#>>'{}' as created_at, w.created_by,
             to_json(w.deleted_at)#>>'{}' as deleted_at, w.deleted_by
      from watchlist_entries w left join made m on m.id = w.id::text
      where m.id is null
      order by w.created_at, w.id`),
  );
  const iso = (value: string) => new Date(value).toISOString();
  return rows.map((r) => ({
    id: r.id,
    registration: r.registration,
    country: r.country,
    reason: r.reason,
    expiresAt: iso(r.expires_at),
    createdAt: iso(r.created_at),
    createdBy: r.created_by,
    deletedAt: r.deleted_at === null ? null : iso(r.deleted_at),
    deletedBy: r.deleted_by,
  }));
}

/**
 * An upgrade step: the entries of imports recorded before `WatchlistEntriesImported` carried its
 * entries are carried, once, onto the watchlist stream as they stand (`WatchlistEntriesCarriedOver`),
 * so a rebuild makes them exactly. Nothing changes live.
 */
export const carryOverWatchlistEntries: CommandDefinition<Record<string, never>, { entries: CarriedEntry[] }, { carried: number }> = {
  name: 'carryOverWatchlistEntries',
  input: z.object({}).strict() as z.ZodType<Record<string, never>>,
  roles: ['administrator'],
  streamType: 'watchlist',
  async load(tx) {
    return { streamId: 'watchlist', version: await streamVersion(tx, 'watchlist'), state: { entries: await entriesNoEventMakes(tx) } };
  },
  decide: decideCarryOverWatchlistEntries,
  projectors: [plateChecksProjector],
  async project(_tx, { state }) {
    return { carried: state.entries.length };
  },
};

/** Runs the step when an older import left entries no event makes (cheap otherwise: one indexed look-up). */
export async function carryOverWatchlistEntriesOlderImportsLack(db: Db, actor: Actor): Promise<number> {
  const [older] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from events where type = ${WATCHLIST_EVENT.WatchlistEntriesImported} and not (payload ? 'entries')
      and not exists (select 1 from events where type = ${WATCHLIST_EVENT.WatchlistEntriesCarriedOver})`),
  );
  if (!older || older.n === 0) return 0;
  const outcome = await executeCommand(db, carryOverWatchlistEntries, {}, { actor, idempotencyKey: 'carry-over-watchlist-entries' });
  if (!outcome.ok) throw new Error(`Could not carry over the watchlist entries: ${outcome.message}`);
  return outcome.value.carried;
}
