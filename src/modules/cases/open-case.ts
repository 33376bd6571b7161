import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import { rowsOf } from '../../platform/database/client.js';
import type { Decision, FieldError } from '../../platform/events/command.js';
import { formatCaseReference } from '../../domain/liability/case-reference.js';
import { caseOpeningProblems, openCase as decideCaseOpening, type CaseAllocation, type CaseOpeningFacts, type CaseOpeningProblemCode } from '../../domain/case/open-case.js';
import { ukDate } from '../../domain/reference/uk-date.js';

/** The next case reference, allocated inside the caller's transaction so references have no gaps. */
export async function allocateCaseReference(tx: Db, now: Date): Promise<string> {
  const year = Number(ukDate(now).slice(0, 4));
  const result = await tx.execute(sql`
    insert into case_reference_counters (year, last) values (${year}, 1)
    on conflict (year) do update set last = case_reference_counters.last + 1
    returning last`);
  return formatCaseReference(year, Number(rowsOf<{ last: number }>(result)[0]!.last));
}

const PROBLEM_MESSAGES: Record<CaseOpeningProblemCode, string> = {
  'no-offence': 'Choose the offence: S32 (clandestine entrants found), S31A (vehicle not secured) or both',
  'no-incident-date': 'Enter the date of the incident',
  'no-vehicle': 'Enter the registration of the vehicle and the country it is registered in',
  'no-responsible-person': 'Name at least one responsible person',
  'offence-without-liability': 'Every offence referred needs at least one responsible person',
  'liability-for-offence-not-referred': 'A responsible person is named for an offence that is not referred',
  'no-entrants-for-s32': 'Enter how many clandestine entrants were found (at least 1 for S32)',
  'entrants-without-s32': 'Clandestine entrants were counted but S32 is not referred: choose S32 too, or clear the count',
  'lorry-drop-arrival-after-detection': 'The estimated arrival date must be on or before the date they were found',
  'lorry-drop-detection-not-incident-date': 'For an inland find, the incident date is the date the people were found',
};

/** Why these facts cannot open a case, in words for the officer; null when they can. Pure: commands call it in `decide`. */
export function caseOpeningRefusal(facts: CaseOpeningFacts): { message: string; errors: FieldError[] } | null {
  const problems = caseOpeningProblems(facts);
  if (problems.length === 0) return null;
  return { message: 'The case cannot be opened', errors: problems.map((p) => ({ field: p.field, message: PROBLEM_MESSAGES[p.code] })) };
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

/**
 * The one decision that opens a case, whichever door the referral came through (the minimal
 * referral, an incident sent by the border): the domain's opening events for the case stream, or a
 * refusal in words for the officer. Pure.
 */
export function caseOpeningDecision(facts: CaseOpeningFacts, allocation: CaseAllocation): Decision {
  const refusal = caseOpeningRefusal(facts);
  if (refusal) return { ok: false, ...refusal };
  const decision = decideCaseOpening(facts, allocation);
  if (!decision.ok) return { ok: false, message: 'The case cannot be opened', errors: [] };
  return { ok: true, events: decision.events };
}
