import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../platform/database/client.js';
import type { CaseFile } from '../casework/case-file.js';
import { caseReferenceOf } from '../casework/queries.js';
import { jointLiabilitiesOfCase } from '../vehicle-action-list/joint-section.js';

/** A case's reference from its id, or null. */
export async function caseReferenceOfId(db: Db, caseId: string): Promise<string | null> {
  const [row] = rowsOf<{ reference: string | null }>(await db.execute(sql`select ${caseReferenceOf(sql`${caseId}::uuid`)} as reference`));
  return row?.reference ?? null;
}

/**
 * Who sees what on the portal: the signed-in person's own penalties (each offence of the same
 * responsible person of the incident) and, when they are the organisation jointly and severally
 * liable for a driver's penalty (the register's employer, else the case's hirer, owner or operator:
 * seed 003 §8.4, §9.54, as the vehicle-action-list module works it out), that driver's penalty.
 * A driver never sees the owner's.
 */
export async function visibleLiabilityIdsOf(db: Db, file: CaseFile, liabilityId: string): Promise<string[]> {
  const me = file.liabilities.find((row) => row.id === liabilityId);
  if (!me) return [];
  const own = file.liabilities.filter((row) => row.id === me.id || (me.personIndex !== null && row.personIndex === me.personIndex && row.partyName === me.partyName));
  const ownIds = new Set(own.map((row) => row.id));
  const visible = [...ownIds];
  if (me.role !== 'driver') {
    for (const item of await jointLiabilitiesOfCase(db, file)) {
      if (item.employer.liabilityIds.some((id) => ownIds.has(id)) && !visible.includes(item.driverLiabilityId)) visible.push(item.driverLiabilityId);
    }
  }
  return visible;
}
