import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import { rowsOf } from '../../platform/database/client.js';
import { formatCaseReference } from '../../domain/liability/case-reference.js';
import { ukDate } from '../../domain/reference/uk-date.js';

/*
 * Casework's published service for intake's case opening: the gap-free case reference, from its
 * allocator table `case_reference_counters` (casework's, not part of the record).
 */

/** The next case reference, allocated inside the caller's transaction so references have no gaps. */
export async function allocateCaseReference(tx: Db, now: Date): Promise<string> {
  const year = Number(ukDate(now).slice(0, 4));
  const result = await tx.execute(sql`
    insert into case_reference_counters (year, last) values (${year}, 1)
    on conflict (year) do update set last = case_reference_counters.last + 1
    returning last`);
  return formatCaseReference(year, Number(rowsOf<{ last: number }>(result)[0]!.last));
}
