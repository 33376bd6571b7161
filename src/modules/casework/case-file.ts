import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import { readStream, type StoredEvent } from '../../platform/events/event-store.js';
import { foldCaseFile, type CaseFile as CaseFileOf } from '../../domain/case/case-file.js';
import { cases, liabilities } from './schema.js';
import { policyVersionsIn } from './case-clock.js';

/* The case file is the domain's (src/domain/case/case-file.ts): here it is read from the tables. */
export { CASE_STAGE_ORDER, caseStage, foldCaseFile, liabilityEventsOf } from '../../domain/case/case-file.js';

export type CaseRow = typeof cases.$inferSelect;
export type LiabilityRow = typeof liabilities.$inferSelect;

/** Everything the casework commands and the case page need about one case, read in one go: its rows, as stored. */
export type CaseFile = CaseFileOf<CaseRow, LiabilityRow, StoredEvent>;

/** Counts a confirmed party's undecided possible matches in the register (from the parties module). */
export type OpenPartyMatches = (db: Db, partyId: string) => Promise<number>;

/**
 * Adds to each identified person's state the register entries that may be the same identity and
 * that nobody has merged or rejected: a recommendation waits for them (previous penalties hide there).
 */
export async function withOpenPartyMatches(db: Db, file: CaseFile, openMatches: OpenPartyMatches | undefined): Promise<CaseFile> {
  if (!openMatches) return file;
  for (const row of file.liabilities) {
    if (!row.partyId) continue;
    const state = file.states.get(row.id)!;
    file.states.set(row.id, { ...state, unresolvedPartyMatches: await openMatches(db, row.partyId) });
  }
  return file;
}

export async function loadCaseFile(db: Db, reference: string): Promise<CaseFile | null> {
  const [kase] = await db.select().from(cases).where(eq(cases.reference, reference.trim().toUpperCase()));
  if (!kase) return null;
  // One after another: the caller's connection may be a transaction's (one client, one query at a time).
  const rows = await db.select().from(liabilities).where(eq(liabilities.caseId, kase.id)).orderBy(asc(liabilities.role), asc(liabilities.offence));
  const events = await readStream(db, `case-${kase.id}`);
  const versions = await policyVersionsIn(db);
  return foldCaseFile(kase, rows, events, versions);
}
