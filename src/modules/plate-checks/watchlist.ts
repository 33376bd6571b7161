import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../platform/database/client.js';
import { executeCommand, type CommandContext, type CommandDefinition } from '../../platform/events/command.js';
import { streamVersion } from '../../platform/events/event-store.js';
import { canonicalJson, sha256 } from '../../platform/events/hash-chain.js';
import type { Clock } from '../../platform/clock.js';
import { registrationKey, registrationProblem } from '../../domain/incident/registration.js';
import { normaliseCountryCode } from '../../domain/parties/countries.js';
import { decideAddWatchlistEntries, decideRemoveWatchlistEntry, type WatchlistEntriesToAdd } from '../../domain/plate-checks/watchlist-decisions.js';
import { watchlistEntries } from './schema.js';
import { plateChecksProjector } from './projector.js';
import type { ListChangeSignal, WatchlistIndexEntry } from './list-changes.js';

/** Who keeps the watchlists. */
export const WATCHLIST_KEEPERS = ['senior-officer', 'administrator'] as const;

export const MAX_ENTRIES_PER_IMPORT = 100_000;
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

export function addWatchlistEntriesCommand(signal: ListChangeSignal): CommandDefinition<AddInput, WatchlistEntriesToAdd, AddedEntries> {
  return {
    name: 'addWatchlistEntries',
    input: addWatchlistEntriesInput,
    roles: WATCHLIST_KEEPERS,
    streamType: 'watchlist',
    async load(tx, input) {
      const state = { ids: input.entries.map(() => randomUUID()), entriesSha256: sha256(canonicalJson(input.entries)) };
      return { streamId: WATCHLIST_STREAM, version: await streamVersion(tx, WATCHLIST_STREAM), state };
    },
    decide: decideAddWatchlistEntries,
    projectors: [plateChecksProjector],
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
    decide: decideRemoveWatchlistEntry,
    projectors: [plateChecksProjector],
    async project(tx, { state }) {
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
