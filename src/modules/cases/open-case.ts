import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import { rowsOf } from '../../platform/database/client.js';
import type { FieldError } from '../../platform/events/command.js';
import { appendEvents, type Actor } from '../../platform/events/event-store.js';
import { formatCaseReference } from '../../domain/liability/case-reference.js';
import { caseOpeningProblems, openCase as decideCaseOpening, type CaseOpeningFacts, type CaseOpeningProblemCode } from '../../domain/case/open-case.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { projectCaseOpening } from './case-opening-projection.js';

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
 * The one way a case is opened, whichever door the referral came through (the minimal referral,
 * an incident sent by the border): allocates the case id, its gap-free reference and one id per
 * liability, lets the domain decide the opening events, appends them on the new case stream and
 * projects them into `cases` and `liabilities`. Runs inside the caller's command transaction
 * (which holds the chain lock); the caller checks `caseOpeningRefusal` in its `decide`, so facts
 * refused here are a bug.
 */
export async function openCase(tx: Db, facts: CaseOpeningFacts, actor: Actor, now: Date): Promise<OpenedCase> {
  const caseId = randomUUID();
  const reference = await allocateCaseReference(tx, now);
  const decision = decideCaseOpening(facts, { caseId, reference, liabilityIds: facts.liabilities.map(() => randomUUID()) });
  if (!decision.ok) throw new Error(`openCase: facts not checked before opening (${decision.problems.map((p) => p.code).join(', ')})`);
  const version = await appendEvents(tx, { streamId: `case-${caseId}`, streamType: 'case', expectedVersion: 0, actor, occurredAt: now, events: decision.events });
  await projectCaseOpening(tx, { events: decision.events, version, occurredAt: now });
  return { caseId, reference };
}
