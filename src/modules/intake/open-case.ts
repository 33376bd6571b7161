import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import { rowsOf } from '../../platform/database/client.js';
import { formatCaseReference } from '../../domain/liability/case-reference.js';
import type { CaseAllocation, CaseOpeningFacts } from '../../domain/case/open-case.js';
import { ukDate } from '../../domain/reference/uk-date.js';

/* The decision that opens a case is the domain's (src/domain/case/opening-decision.ts). */
export { caseOpeningDecision } from '../../domain/case/opening-decision.js';

/** The next case reference, allocated inside the caller's transaction so references have no gaps. */
export async function allocateCaseReference(tx: Db, now: Date): Promise<string> {
  const year = Number(ukDate(now).slice(0, 4));
  const result = await tx.execute(sql`
    insert into case_reference_counters (year, last) values (${year}, 1)
    on conflict (year) do update set last = case_reference_counters.last + 1
    returning last`);
  return formatCaseReference(year, Number(rowsOf<{ last: number }>(result)[0]!.last));
}

export interface OpenedCase {
  caseId: string;
  reference: string;
}

/**
 * The identities a case is opened with, allocated in the opening command's `load` (inside its
 * transaction, so a refused or failed opening gives its reference back): the case id, its gap-free
 * reference and one id per responsible person and offence.
 */
export async function allocateCase(tx: Db, facts: CaseOpeningFacts, now: Date): Promise<CaseAllocation> {
  return { caseId: randomUUID(), reference: await allocateCaseReference(tx, now), liabilityIds: facts.liabilities.map(() => randomUUID()) };
}

