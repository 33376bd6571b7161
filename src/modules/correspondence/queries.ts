import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import { caseLetters } from './schema.js';

/* The correspondence module's published queries: how other modules read the letters it owns. */

/** Every letter of the case, oldest first (by id: the order an upgrade carries them over in). */
export async function lettersOfCaseById(db: Db, caseId: string): Promise<Record<string, unknown>[]> {
  return db.select().from(caseLetters).where(eq(caseLetters.caseId, caseId)).orderBy(asc(caseLetters.id));
}

/** The letters addressed to these liabilities (metadata and the file's content hash), oldest first. */
export async function lettersToLiabilities(db: Db, liabilityIds: readonly string[]) {
  if (liabilityIds.length === 0) return [];
  return db.select().from(caseLetters).where(inArray(caseLetters.liabilityId, [...liabilityIds])).orderBy(asc(caseLetters.createdAt), asc(caseLetters.id));
}
