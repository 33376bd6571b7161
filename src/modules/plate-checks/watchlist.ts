import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../platform/database/client.js';
import { executeCommand, type CommandContext, type CommandDefinition } from '../../platform/events/command.js';
import { streamVersion, type NewEvent } from '../../platform/events/event-store.js';
import { canonicalJson, sha256 } from '../../platform/events/hash-chain.js';
import type { Clock } from '../../platform/clock.js';
import { registrationKey, registrationProblem } from '../../domain/incident/registration.js';
import { normaliseCountryCode } from '../../domain/parties/countries.js';
import { watchlistEntries } from './schema.js';
import type { ListChangeSignal, WatchlistIndexEntry } from './list-changes.js';

/** Who keeps the watchlists. */
export const WATCHLIST_KEEPERS = ['senior-officer', 'administrator'] as const;

export const MAX_ENTRIES_PER_IMPORT = 100_000;
/** Rows per INSERT: 10 columns × 5,000 stays well under PostgreSQL's 65,535 parameters. */
const INSERT_CHUNK = 5_000;
const WATCHLIST_STREAM = 'watchlist';

export const watchlistEntryInput = z
  .object({
    registration: z
      .string({ message: 'Enter the registration' })
      .trim()
      .min(1, 'Enter the registration')
      .max(30, 'Registration must be 30 characters or fewer'),
    country: z
      .string({ message: 'Country must be a two-letter code, like PL' })
      .trim()
      .refine((value) => normaliseCountryCode(value) !== null, 'Country must be a two-letter code, like PL')
      .transform((value) => normaliseCountryCode(value)!)
      .optional(),
    reason: z.string({ message: 'Say why the vehicle is on the watchlist' }).trim().min(1, 'Say why the vehicle is on the watchlist').max(500, 'Reason must be 500 characters or fewer'),
    expiresAt: z.iso.datetime({ offset: true, message: 'Enter when the entry expires as an ISO 8601 date and time, for example 2027-01-31T23:59:59Z' }),
  })
  .superRefine((entry, context) => {
    // An empty registration already has its own error.
    const problem = entry.registration === '' ? null : registrationProblem(entry.registration, entry.country);
    if (problem) context.addIssue({ code: 'custom', path: ['registration'], message: problem });
  });
export type WatchlistEntryInput = z.infer<typeof watchlistEntryInput>;

export const addWatchlistEntriesInput = z.object({
  entries: z
    .array(watchlistEntryInput, { message: 'Send the entries as a list' })
    .min(1, 'Send at least one entry')
    .max(MAX_ENTRIES_PER_IMPORT, `Send at most ${MAX_ENTRIES_PER_IMPORT.toLocaleString('en-GB')} entries in one request`),
});
type AddInput = z.infer<typeof addWatchlistEntriesInput>;

export interface AddedEntries {
  entries: (WatchlistIndexEntry & { registration: string; expiresAt: string })[];
  createdAt: Date;
  createdBy: string;
}

export function addWatchlistEntriesCommand(signal: ListChangeSignal): CommandDefinition<AddInput, { ids: string[] }, AddedEntries> {
  return {
    name: 'addWatchlistEntries',
    input: addWatchlistEntriesInput,
    roles: WATCHLIST_KEEPERS,
    streamType: 'watchlist',
    async load(tx, input) {
      return { streamId: WATCHLIST_STREAM, version: await streamVersion(tx, WATCHLIST_STREAM), state: { ids: input.entries.map(() => randomUUID()) } };
    },
    decide(state, input, { now }) {
      const errors = input.entries.flatMap((entry, index) =>
        Date.parse(entry.expiresAt) <= now.getTime() ? [{ field: `entries.${index}.expiresAt`, message: 'The expiry must be in the future' }] : [],
      );
      if (errors.length) return { ok: false, message: 'Some entries expire in the past', errors };
      const expiries = input.entries.map((entry) => new Date(entry.expiresAt).toISOString()).sort();
      const event: NewEvent =
        input.entries.length === 1
          ? {
              type: 'WatchlistEntryAdded',
              payload: { id: state.ids[0]!, registration: input.entries[0]!.registration, country: input.entries[0]!.country ?? null, reason: input.entries[0]!.reason, expiresAt: expiries[0]! },
            }
          : {
              type: 'WatchlistEntriesImported',
              payload: {
                count: input.entries.length,
                entriesSha256: sha256(canonicalJson(input.entries)),
                firstId: state.ids[0]!,
                lastId: state.ids[state.ids.length - 1]!,
                expiresFrom: expiries[0]!,
                expiresTo: expiries[expiries.length - 1]!,
              },
            };
      return { ok: true, events: [event] };
    },
    async project(tx, { state, input, actor, now }) {
      const entries = input.entries.map((entry, index) => ({
        id: state.ids[index]!,
        registration: entry.registration,
        key: registrationKey(entry.registration),
        country: entry.country ?? null,
        reason: entry.reason,
        expiresAt: new Date(entry.expiresAt).toISOString(),
        expiresAtMs: Date.parse(entry.expiresAt),
      }));
      for (let start = 0; start < entries.length; start += INSERT_CHUNK) {
        await tx.insert(watchlistEntries).values(
          entries.slice(start, start + INSERT_CHUNK).map((entry) => ({
            id: entry.id,
            registration: entry.registration,
            registrationKey: entry.key,
            country: entry.country,
            reason: entry.reason,
            expiresAt: new Date(entry.expiresAtMs),
            createdBy: actor.name,
            createdAt: now,
          })),
        );
      }
      const added = { entries, createdAt: now, createdBy: actor.name };
      await signal.announce(tx, { kind: 'watchlist-added', entries }, { at: now, by: actor.name });
      return added;
    },
  };
}

type LiveEntry = typeof watchlistEntries.$inferSelect;

export function removeWatchlistEntryCommand(signal: ListChangeSignal): CommandDefinition<{ id: string }, LiveEntry, { id: string; key: string }> {
  return {
    name: 'removeWatchlistEntry',
    input: z.object({ id: z.uuid() }),
    roles: WATCHLIST_KEEPERS,
    streamType: 'watchlist',
    async load(tx, input) {
      const [row] = await tx.select().from(watchlistEntries).where(and(eq(watchlistEntries.id, input.id), isNull(watchlistEntries.deletedAt)));
      return row ? { streamId: WATCHLIST_STREAM, version: await streamVersion(tx, WATCHLIST_STREAM), state: row } : null;
    },
    decide(entry) {
      return { ok: true, events: [{ type: 'WatchlistEntryRemoved', payload: { id: entry.id, registration: entry.registration, country: entry.country } }] };
    },
    async project(tx, { state, actor, now }) {
      await tx.update(watchlistEntries).set({ deletedAt: now, deletedBy: actor.name }).where(eq(watchlistEntries.id, state.id));
      await signal.announce(tx, { kind: 'watchlist-removed', id: state.id, key: state.registrationKey });
      return { id: state.id, key: state.registrationKey };
    },
  };
}

/** Adding and removing watchlist entries; the matcher of this process hears of it once committed. */
export function watchlistService(db: Db, deps: { clock: Clock; listChanges: ListChangeSignal }) {
  const add = addWatchlistEntriesCommand(deps.listChanges);
  const remove = removeWatchlistEntryCommand(deps.listChanges);
  return {
    async add(input: unknown, context: CommandContext) {
      const outcome = await executeCommand(db, add, input, { ...context, now: context.now ?? deps.clock.now() });
      if (outcome.ok && !outcome.replayed) deps.listChanges.changed({ kind: 'watchlist-added', entries: outcome.value.entries });
      return outcome;
    },
    async remove(id: string, context: CommandContext) {
      const outcome = await executeCommand(db, remove, { id }, { ...context, now: context.now ?? deps.clock.now() });
      if (outcome.ok && !outcome.replayed) deps.listChanges.changed({ kind: 'watchlist-removed', id: outcome.value.id, key: outcome.value.key });
      return outcome;
    },
    async get(id: string) {
      const [row] = await db.select().from(watchlistEntries).where(eq(watchlistEntries.id, id));
      return row ?? null;
    },
  };
}

export type WatchlistService = ReturnType<typeof watchlistService>;
