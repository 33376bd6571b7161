import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/database/client.js';
import type { CaseAllocation, CaseOpeningFacts } from '../../domain/case/open-case.js';
import { allocateCaseReference } from '../casework/case-references.js';

/* The decision that opens a case is the domain's (src/domain/case/opening-decision.ts). */
export { caseOpeningDecision } from '../../domain/case/opening-decision.js';

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

