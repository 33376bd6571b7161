import { referralProblems, type ReferralInput } from '../incident/referral.js';
import { ukDate } from '../reference/uk-date.js';
import type { CaseDecision, FieldProblem } from './decision.js';
import { caseOpeningProblems, openCase, type CaseAllocation, type CaseOpeningFacts, type CaseOpeningProblemCode } from './open-case.js';

/*
 * The one decision that opens a case, whichever door the referral came through (the minimal
 * referral, an incident sent by the border), with the words an officer reads when it cannot.
 */

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

/** Why these facts cannot open a case, in words for the officer; null when they can. */
export function caseOpeningRefusal(facts: CaseOpeningFacts): { message: string; errors: FieldProblem[] } | null {
  const problems = caseOpeningProblems(facts);
  if (problems.length === 0) return null;
  return { message: 'The case cannot be opened', errors: problems.map((p) => ({ field: p.field, message: PROBLEM_MESSAGES[p.code] })) };
}

/** The domain's opening events for the case stream, or a refusal in words for the officer. */
export function caseOpeningDecision(facts: CaseOpeningFacts, allocation: CaseAllocation): CaseDecision {
  const refusal = caseOpeningRefusal(facts);
  if (refusal) return { ok: false, ...refusal };
  const decision = openCase(facts, allocation);
  if (!decision.ok) return { ok: false, message: 'The case cannot be opened', errors: [] };
  return { ok: true, events: decision.events };
}

/** What opening a case from a referral decides on: the facts read from it and the identities allocated for the case. */
export interface ReferralOpening {
  facts: CaseOpeningFacts;
  allocation: CaseAllocation;
  /** An open case with the same vehicle, incident date and port, if there is one (not looked for when the referrer confirmed). */
  sameAs?: { caseId: string; reference: string } | null;
}

/** The field a refusal names when the referral looks like an open case: sending `confirmDuplicate: true` opens it anyway. */
export const DUPLICATE_REFERRAL_FIELD = 'confirmDuplicate';

/**
 * A minimal referral opens a case when it meets the referral's rules (today's date among them) and
 * the case's, and does not look like a case already open — the same vehicle, date and port — unless
 * the referrer confirms it is another incident.
 */
export function decideOpenCaseFromReferral({ facts, allocation, sameAs }: ReferralOpening, referral: ReferralInput, { now }: { now: Date }): CaseDecision {
  const problems = referralProblems(referral, ukDate(now));
  if (problems.length) return { ok: false, message: 'The referral has errors', errors: problems };
  if (sameAs && referral.confirmDuplicate !== true) {
    const message = `Case ${sameAs.reference} is already open for this vehicle, date and port. Check it is not the same incident; to refer another incident, confirm it is a different one.`;
    return { ok: false, message, errors: [{ field: DUPLICATE_REFERRAL_FIELD, message }] };
  }
  return caseOpeningDecision(facts, allocation);
}
