import { and, asc, eq, ne } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import { readStream, type StoredEvent } from '../../platform/events/event-store.js';
import { foldCaseFile, liabilityHistory, type CaseFile as CaseFileOf } from '../../domain/case/case-file.js';
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

/**
 * Every penalty held against a register entry as a company (owner, hirer or operator: never as a
 * driver), with its history to replay and the policy in force on its incident date: what CPAS
 * membership reads (src/modules/accreditation/membership-service.ts).
 */
export async function penaltyHistoriesOfParty(db: Db, partyId: string) {
  const rows = await db
    .select({ reference: cases.reference })
    .from(liabilities)
    .innerJoin(cases, eq(cases.id, liabilities.caseId))
    .where(and(eq(liabilities.partyId, partyId), ne(liabilities.role, 'driver')))
    .orderBy(asc(cases.incidentDate), asc(cases.reference));
  const out = [];
  for (const reference of [...new Set(rows.map((row) => row.reference))]) {
    const file = await loadCaseFile(db, reference);
    if (!file || !file.policy.ok) continue;
    for (const row of file.liabilities) {
      if (row.partyId !== partyId || row.role === 'driver') continue;
      out.push({
        liabilityId: row.id,
        reference,
        incidentDate: file.kase.incidentDate,
        offence: row.offence,
        role: row.role,
        policyVersion: file.policy.policyVersion,
        ...liabilityHistory(file.kase, row, file.events),
      });
    }
  }
  return out;
}
