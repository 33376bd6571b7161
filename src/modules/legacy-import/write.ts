import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { CalendarDate } from '../../domain/clock/calendar-date.js';
import type { ImportPlan, PlannedParty } from '../../domain/legacy-import/fold.js';
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
}

export interface WriteResult {
  cases: { written: number; alreadyThere: number };
  /** What the register did: entries it made, entries already in it that parties resolved to, and the spellings joined to each. */
  parties: { created: number; matched: number; mergedVariants: number };
  events: number;
}

interface ImportParty {
  party: PlannedParty;
  spellings: string[];
  line: number;
}

/**
 * Writes an import plan: first every party through the parties register (an entry whose normalised
 * name — and, for a person, date of birth — the register already has is used; otherwise an entry is
 * registered with every spelling the export used), then every case. Each batch is one transaction:
 * its events appended by `appendNewStreams` (multi-row inserts) and every projector run on them, so
 * the read tables are the projectors' as for any command. With `concurrency` 2 (PostgreSQL) two
 * batches are written at once. Ids are derived from the record, and a case whose stream exists is
 * skipped: a second run writes nothing, and a run stopped half-way (even by `kill -9`) picks up
 * the batches that did not commit.
 */
export async function writeLegacyImport(db: Db, options: WriteOptions): Promise<WriteResult> {
  const batchSize = options.batchSize ?? 500;
  const now = options.now ?? (() => new Date());
  const result: WriteResult = { cases: { written: 0, alreadyThere: 0 }, parties: { created: 0, matched: 0, mergedVariants: 0 }, events: 0 };

  // ---- Parties, through the register ----
  const importParties = new Map<string, ImportParty>();
  for (const plannedCase of options.plan.cases) {
    for (const liability of plannedCase.liabilities) {
      const known = importParties.get(liability.party.partyKey);
      if (!known) importParties.set(liability.party.partyKey, { party: liability.party, spellings: [liability.party.name], line: liability.line });
      else if (!known.spellings.includes(liability.party.name)) known.spellings.push(liability.party.name);
    }
  }
  const resolved = new Map<string, { partyId: string; registeredByImport: boolean }>();
  const keys = [...importParties.keys()];
  const concurrency = Math.max(1, options.concurrency ?? 1);
  let partiesDone = 0;
  let partiesAnalyzedAt = batchSize;
  await inBatches(
    keys,
    batchSize,
    concurrency,
    (keyBatch) => {
      const batch = keyBatch.map((key) => ({ key, ...importParties.get(key)! }));
      return db.transaction(async (tx) => {
        const found = await registerEntriesFor(tx, batch.map((b) => b.party));
        const streams: { streamId: string; streamType: string; events: NewEvent[] }[] = [];
        for (const entry of batch) {
          const derived = legacyId('party', entry.key);
          const existing = found.get(entry.key);
          if (existing) {
            resolved.set(entry.key, { partyId: existing, registeredByImport: existing === derived });
            continue;
          }
          resolved.set(entry.key, { partyId: derived, registeredByImport: true });
          streams.push({ streamId: `party-${derived}`, streamType: 'party', events: [legacyPartyEvent(entry.party, entry.spellings, derived, entry.line)] });
        }
        const appended = await appendAndProject(tx, streams, options.projectors, now());
        result.events += appended;
        return streams.length;
      });
    },
    async (size, created) => {
      result.parties.created += created;
      result.parties.matched += size - created;
      partiesDone += size;
      options.onProgress?.({ phase: 'parties', done: partiesDone, total: keys.length, skipped: result.parties.matched });
      if (options.analyze && partiesDone >= partiesAnalyzedAt * 2) {
        await analyzeTables(db);
        partiesAnalyzedAt = partiesDone;
      }
    },
  );
  for (const entry of importParties.values()) result.parties.mergedVariants += entry.spellings.length - 1;
  if (options.analyze) await analyzeTables(db);

  // ---- Cases ----
  // The same way: the next batch's events decided while the database writes the ones before. Cases
  // are independent of each other (new streams, their own rows), so any order of commits leaves
  // the same record, and a run stopped anywhere resumes by skipping the streams that committed.
  const cases = options.plan.cases;
  let casesDone = 0;
  let analyzedAt = batchSize;
  await inBatches(
    cases,
    batchSize,
    concurrency,
    (batch) => {
      const streams = batch.map((plannedCase) => {
        const caseId = legacyId('case', plannedCase.ref);
        const events = legacyCaseEvents(
          plannedCase,
          {
            caseId,
            liabilityIds: plannedCase.liabilities.map((l) => legacyId('liability', `${plannedCase.ref}/${l.party.partyKey}`)),
            parties: plannedCase.liabilities.map((l) => resolved.get(l.party.partyKey)!),
          },
          { actorId: LEGACY_IMPORT_ACTOR.id, today: options.today },
        );
        return { streamId: `case-${caseId}`, streamType: 'case', events };
      });
      return db.transaction(async (tx) => {
        const existing = await existingStreams(tx, streams.map((stream) => stream.streamId));
        const fresh = streams.filter((stream) => !existing.has(stream.streamId));
        const appended = await appendAndProject(tx, fresh, options.projectors, now());
        result.events += appended;
        return fresh.length;
      });
    },
    async (size, written) => {
      result.cases.written += written;
      result.cases.alreadyThere += size - written;
      casesDone += size;
      options.onProgress?.({ phase: 'cases', done: casesDone, total: cases.length, skipped: result.cases.alreadyThere });
      if (options.analyze && casesDone >= analyzedAt * 2) {
        await analyzeTables(db);
        analyzedAt = casesDone;
      }
    },
  );
  return result;
}

/**
 * Writes `items` in batches of `batchSize`, up to `concurrency` batches at once (each `write` its
 * own transaction, on its own connection): the next batch is prepared while the database writes
 * the ones before. `settled` is called in batch order with each batch's size and what `write`
 * returned. On a failure the batches still in flight end (commit or roll back) before it is thrown.
 */
async function inBatches<T>(
  items: readonly T[],
  batchSize: number,
  concurrency: number,
  write: (batch: T[]) => Promise<number>,
  settled: (size: number, written: number) => void | Promise<void>,
): Promise<void> {
  const inFlight: { size: number; written: Promise<number> }[] = [];
  const settleOldest = async () => {
    const oldest = inFlight.shift()!;
    await settled(oldest.size, await oldest.written);
  };
  try {
    for (let start = 0; start < items.length; start += batchSize) {
      const batch = items.slice(start, start + batchSize);
      const written = write(batch);
      // Settled later, in order; a failure is seen there (and meanwhile not reported as unhandled).
      written.catch(() => {});
      inFlight.push({ size: batch.length, written });
      if (inFlight.length >= concurrency) await settleOldest();
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
