import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { CalendarDate } from '../../domain/clock/calendar-date.js';
import type { ImportPlan, PlannedCase, PlannedParty } from '../../domain/legacy-import/fold.js';
import { legacyCaseEvents, legacyPartyEvent } from '../../domain/legacy-import/migration.js';
import type { ReconciliationReport } from '../../domain/legacy-import/report.js';
import type { Db } from '../../platform/database/client.js';
import { rowsOf } from '../../platform/database/client.js';
import { appendNewStreams, type Actor, type NewEvent } from '../../platform/events/event-store.js';
import { projectBatch, type ProjectedEvent, type Projector } from '../../platform/projections/projector.js';
import { resolvedPartyIds } from '../parties/commands.js';
import { partyNameKeys } from '../parties/queries.js';

/** Who the imported facts are recorded by (the events' actor, and `by` on every liability event). */
export const LEGACY_IMPORT_ACTOR: Actor = { id: 'legacy-import', name: 'Legacy import (Access database and spreadsheets)', roles: ['manager'] };

/**
 * An id derived from the legacy record, the same on every run: a case's from its CECPT Ref, a
 * liability's from the ref and the party's import key, a register entry's from the party's import
 * key. Shaped as a UUID version 8, like the register's derived ids.
 */
export function legacyId(kind: 'case' | 'liability' | 'party', key: string): string {
  const hex = createHash('sha256').update(`legacy-import/${kind}/${key}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface WriteProgress {
  phase: 'parties' | 'cases';
  done: number;
  total: number;
  /** Of `done`, how many were already in the database (an earlier run, or a run stopped half-way). */
  skipped: number;
}

export interface WriteOptions {
  plan: ImportPlan;
  /** Every projector of the application (src/app.ts `projectors`): each runs on the events of the stream types it reads. */
  projectors: readonly Projector[];
  today: CalendarDate;
  /** Cases (or parties) per transaction. */
  batchSize?: number;
  onProgress?: (progress: WriteProgress) => void;
  now?: () => Date;
  /**
   * Batches of cases written at once, each in its own transaction (on PostgreSQL, a connection
   * each); 1 on PGlite, which has one connection. Default 1.
   */
  concurrency?: number;
  /**
   * Refresh the planner's statistics as the tables grow (`analyze`, each time the parties, then the
   * cases, written have doubled, and after the parties). A database filled from empty has none
   * until autovacuum gets to it (never, when it is off), and without them PostgreSQL picked plans
   * that scan every `CaseOpened` for each new party confirmation, and every register entry for
   * each batch of parties looked up by name: the batches slowed as the tables grew (measured in
   * docs/performance.md). Statistics only: nothing recorded changes.
   */
  analyze?: boolean;
  /**
   * Where the batches are written: worker threads (write-thread.ts), each on its own connections,
   * deciding the events, hashing, checking and projecting them there while this thread hands out
   * the batches. Default: this thread, `concurrency` batches at once.
   */
  writers?: readonly LegacyBatchWriter[];
}

export interface WriteResult {
  cases: { written: number; alreadyThere: number };
  /** What the register did: entries it made, entries already in it that parties resolved to, and the spellings joined to each. */
  parties: { created: number; matched: number; mergedVariants: number };
  events: number;
}

/** A party of the plan to put through the register: its import key, every spelling the export used, and the line it was first seen on. */
export interface PartyToWrite {
  key: string;
  party: PlannedParty;
  spellings: string[];
  line: number;
}

/** The register entry a party of the import resolved to. */
export interface ResolvedParty {
  partyId: string;
  registeredByImport: boolean;
}

export interface PartyBatchResult {
  /** [party key, entry] for every party of the batch. */
  resolved: [string, ResolvedParty][];
  /** Entries the batch registered. */
  created: number;
  events: number;
}

export interface CaseBatchResult {
  /** Cases written (the others were already there). */
  written: number;
  events: number;
}

/**
 * Writes one batch at a time, each in its own transaction. The command's writers are the batch
 * functions below, run on this thread's connection or on a worker thread's (write-thread.ts);
 * `capacity` is how many batches it takes at once.
 */
export interface LegacyBatchWriter {
  readonly capacity: number;
  parties(batch: PartyToWrite[]): Promise<PartyBatchResult>;
  cases(cases: PlannedCase[], parties: ResolvedParty[][]): Promise<CaseBatchResult>;
  close(): Promise<void>;
}

/**
 * Writes an import plan: first every party through the parties register (an entry whose normalised
 * name — and, for a person, date of birth — the register already has is used; otherwise an entry is
 * registered with every spelling the export used), then every case. Each batch is one transaction:
 * its events appended by `appendNewStreams` (from arrays) and every projector run on them, so the
 * read tables are the projectors' as for any command. With `concurrency` 2 (PostgreSQL) two
 * batches are written at once; with `writers` (worker threads, PostgreSQL) the batches are decided
 * and written there, each writer taking `capacity` at once. Ids are derived from the record, and a
 * case whose stream exists is skipped: a second run writes nothing, and a run stopped half-way
 * (even by `kill -9`) picks up the batches that did not commit.
 */
export async function writeLegacyImport(db: Db, options: WriteOptions): Promise<WriteResult> {
  const batchSize = options.batchSize ?? 500;
  const now = options.now ?? (() => new Date());
  const result: WriteResult = { cases: { written: 0, alreadyThere: 0 }, parties: { created: 0, matched: 0, mergedVariants: 0 }, events: 0 };
  const writers: readonly LegacyBatchWriter[] = options.writers?.length
    ? options.writers
    : [localWriter(db, { projectors: options.projectors, today: options.today, now, capacity: Math.max(1, options.concurrency ?? 1) })];

  // ---- Parties, through the register ----
  const importParties = new Map<string, PartyToWrite>();
  for (const plannedCase of options.plan.cases) {
    for (const liability of plannedCase.liabilities) {
      const known = importParties.get(liability.party.partyKey);
      if (!known) importParties.set(liability.party.partyKey, { key: liability.party.partyKey, party: liability.party, spellings: [liability.party.name], line: liability.line });
      else if (!known.spellings.includes(liability.party.name)) known.spellings.push(liability.party.name);
    }
  }
  const resolved = new Map<string, ResolvedParty>();
  const parties = [...importParties.values()];
  const partiesWritten = progress(db, options, 'parties', parties.length, batchSize);
  await inBatches(
    parties,
    batchSize,
    writers,
    (writer, batch) => writer.parties(batch),
    async (size, written) => {
      for (const [key, entry] of written.resolved) resolved.set(key, entry);
      result.events += written.events;
      result.parties.created += written.created;
      result.parties.matched += size - written.created;
      await partiesWritten(size, result.parties.matched);
    },
  );
  for (const entry of importParties.values()) result.parties.mergedVariants += entry.spellings.length - 1;
  if (options.analyze) await analyzeTables(db);

  // ---- Cases ----
  // The same way: the next batch's events decided while the database writes the ones before. Cases
  // are independent of each other (new streams, their own rows), so any order of commits leaves
  // the same record, and a run stopped anywhere resumes by skipping the streams that committed.
  const casesWritten = progress(db, options, 'cases', options.plan.cases.length, batchSize);
  await inBatches(
    options.plan.cases,
    batchSize,
    writers,
    (writer, batch) => writer.cases(batch, batch.map((plannedCase) => plannedCase.liabilities.map((l) => resolved.get(l.party.partyKey)!))),
    async (size, written) => {
      result.events += written.events;
      result.cases.written += written.written;
      result.cases.alreadyThere += size - written.written;
      await casesWritten(size, result.cases.alreadyThere);
    },
  );
  return result;
}

/**
 * One phase's progress: counts what was written, reports it, and (with `analyze`) refreshes the
 * planner's statistics each time the count has doubled.
 */
function progress(db: Db, options: WriteOptions, phase: WriteProgress['phase'], total: number, batchSize: number): (size: number, skipped: number) => Promise<void> {
  let done = 0;
  let analyzedAt = batchSize;
  return async (size, skipped) => {
    done += size;
    options.onProgress?.({ phase, done, total, skipped });
    if (options.analyze && done >= analyzedAt * 2) {
      await analyzeTables(db);
      analyzedAt = done;
    }
  };
}

/** The batch functions on this thread, each batch a transaction on `db` (a connection of its pool). */
export function localWriter(db: Db, context: { projectors: readonly Projector[]; today: CalendarDate; now?: () => Date; capacity?: number }): LegacyBatchWriter {
  const now = context.now ?? (() => new Date());
  return {
    capacity: context.capacity ?? 1,
    parties: (batch) => db.transaction((tx) => writePartyBatch(tx, batch, context.projectors, now)),
    cases: (cases, parties) => db.transaction((tx) => writeCaseBatch(tx, cases, parties, { projectors: context.projectors, today: context.today, now })),
    close: async () => {},
  };
}

/** One batch of parties, in the caller's transaction: each found in the register, or registered. */
export async function writePartyBatch(tx: Db, batch: readonly PartyToWrite[], projectors: readonly Projector[], now: () => Date): Promise<PartyBatchResult> {
  const found = await registerEntriesFor(tx, batch.map((b) => b.party));
  const streams: { streamId: string; streamType: string; events: NewEvent[] }[] = [];
  const resolved: [string, ResolvedParty][] = [];
  for (const entry of batch) {
    const derived = legacyId('party', entry.key);
    const existing = found.get(entry.key);
    if (existing) {
      resolved.push([entry.key, { partyId: existing, registeredByImport: existing === derived }]);
      continue;
    }
    resolved.push([entry.key, { partyId: derived, registeredByImport: true }]);
    streams.push({ streamId: `party-${derived}`, streamType: 'party', events: [legacyPartyEvent(entry.party, entry.spellings, derived, entry.line)] });
  }
  const events = await appendAndProject(tx, streams, projectors, now());
  return { resolved, created: streams.length, events };
}

/**
 * One batch of cases, in the caller's transaction: each case's events (`legacyCaseEvents`, with
 * the register entries its parties resolved to, in the order of its liabilities), the cases
 * already there skipped.
 */
export async function writeCaseBatch(
  tx: Db,
  cases: readonly PlannedCase[],
  parties: readonly (readonly ResolvedParty[])[],
  context: { projectors: readonly Projector[]; today: CalendarDate; now: () => Date },
): Promise<CaseBatchResult> {
  const streams = cases.map((plannedCase, index) => {
    const caseId = legacyId('case', plannedCase.ref);
    const events = legacyCaseEvents(
      plannedCase,
      {
        caseId,
        liabilityIds: plannedCase.liabilities.map((l) => legacyId('liability', `${plannedCase.ref}/${l.party.partyKey}`)),
        parties: parties[index]!,
      },
      { actorId: LEGACY_IMPORT_ACTOR.id, today: context.today },
    );
    return { streamId: `case-${caseId}`, streamType: 'case', events };
  });
  const existing = await existingStreams(tx, streams.map((stream) => stream.streamId));
  const fresh = streams.filter((stream) => !existing.has(stream.streamId));
  const events = await appendAndProject(tx, fresh, context.projectors, context.now());
  return { written: fresh.length, events };
}

/**
 * Writes `items` in batches of `batchSize`, each to the writer with the fewest batches under way
 * (at most its `capacity` at once): the next batch is prepared while the database writes the ones
 * before. `settled` is called in batch order with each batch's size and what `write` returned. On
 * a failure the batches still in flight end (commit or roll back) before it is thrown.
 */
async function inBatches<T, R>(
  items: readonly T[],
  batchSize: number,
  writers: readonly LegacyBatchWriter[],
  write: (writer: LegacyBatchWriter, batch: T[]) => Promise<R>,
  settled: (size: number, written: R) => void | Promise<void>,
): Promise<void> {
  const inFlight: { size: number; writer: number; written: Promise<R> }[] = [];
  const busy = writers.map(() => 0);
  const settleOldest = async () => {
    const oldest = inFlight.shift()!;
    busy[oldest.writer]! -= 1;
    await settled(oldest.size, await oldest.written);
  };
  const freeWriter = () => {
    let best = -1;
    writers.forEach((writer, index) => {
      if (busy[index]! < writer.capacity && (best < 0 || busy[index]! < busy[best]!)) best = index;
    });
    return best;
  };
  try {
    for (let start = 0; start < items.length; start += batchSize) {
      let writer = freeWriter();
      while (writer < 0) {
        await settleOldest();
        writer = freeWriter();
      }
      const batch = items.slice(start, start + batchSize);
      const written = write(writers[writer]!, batch);
      // Settled later, in order; a failure is seen there (and meanwhile not reported as unhandled).
      written.catch(() => {});
      busy[writer]! += 1;
      inFlight.push({ size: batch.length, writer, written });
    }
    while (inFlight.length) await settleOldest();
  } finally {
    await Promise.allSettled(inFlight.map((batch) => batch.written));
  }
}

/** Appends the new streams and runs every projector on their events, in the caller's transaction. */
async function appendAndProject(tx: Db, streams: { streamId: string; streamType: string; events: NewEvent[] }[], projectors: readonly Projector[], occurredAt: Date): Promise<number> {
  if (streams.length === 0) return 0;
  const appended = await appendNewStreams(tx, { streams, actor: LEGACY_IMPORT_ACTOR, occurredAt });
  const projected: ProjectedEvent[] = appended.map((e) => ({ ...e, actorId: LEGACY_IMPORT_ACTOR.id, actorName: LEGACY_IMPORT_ACTOR.name, occurredAt }));
  await projectBatch(tx, projectors, projected);
  return appended.length;
}

/** The planner's statistics of every table brought up to date (`analyze`: a sample of each, not a scan). */
async function analyzeTables(db: Db): Promise<void> {
  await db.execute(sql`analyze`);
}

/** Which of these streams exist (their first event is there). */
async function existingStreams(tx: Db, streamIds: readonly string[]): Promise<Set<string>> {
  if (streamIds.length === 0) return new Set();
  const rows = rowsOf<{ stream_id: string }>(
    await tx.execute(sql`select stream_id from events where version = 1 and stream_id in (${sql.join(streamIds.map((id) => sql`${id}`), sql`, `)})`),
  );
  return new Set(rows.map((row) => row.stream_id));
}

/**
 * The register's entry for each party, by its normalised name and kind (and, for a person, date of
 * birth), followed through merges to the surviving identity; of several, the import's own (derived)
 * entry, else the first by id — so the answer is the same on every run.
 */
async function registerEntriesFor(tx: Db, wanted: readonly PlannedParty[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (wanted.length === 0) return found;
  const nameKeys = [...new Set(wanted.map((party) => party.nameKey))];
  const rows = rowsOf<{ party_id: string; key: string; kind: string; date_of_birth: string | null }>(
    await tx.execute(
      sql`select distinct n.party_id, n.key, n.kind, n.date_of_birth::text as date_of_birth from ${partyNameKeys()} n where n.key in (${sql.join(nameKeys.map((key) => sql`${key}`), sql`, `)}) order by n.party_id`,
    ),
  );
  if (rows.length === 0) return found;
  const roots = await resolvedPartyIds(tx, [...new Set(rows.map((row) => row.party_id))]);
  for (const party of wanted) {
    const derived = legacyId('party', party.partyKey);
    const matches = rows
      .filter((row) => row.key === party.nameKey && row.kind === party.kind && (party.kind === 'organisation' || (row.date_of_birth ?? null) === party.dateOfBirth))
      .map((row) => roots.get(row.party_id) ?? row.party_id);
    if (matches.length === 0) continue;
    found.set(party.partyKey, matches.includes(derived) ? derived : [...matches].sort()[0]!);
  }
  return found;
}
