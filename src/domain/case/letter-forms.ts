import type { ObjectionOutcome } from '../liability/actions.js';
import type { Offence } from '../penalty/penalty-input.js';

/**
 * The Home Office form code printed on each letter (DOMAIN.md §5). Data, not logic: a new form
 * edition changes this table and nothing else.
 *
 * Objection decisions: DOMAIN.md names IS11A for a cancelled penalty and only "IS11B/C" for the
 * other outcomes. Our choice: IS11B when the penalty is maintained (same amount, no new calculation)
 * and IS11C when it is worked out afresh, reduced or increased (the letter carries the new
 * calculation). Change it here if the Home Office's form list says otherwise.
 *
 * Refund of an overpayment: DOMAIN.md names no form, so the letter carries our own code, REFUND,
 * until the Home Office gives it a number. The same goes for the letters DOMAIN.md names no form
 * for (an agreed instalment plan, a payment reminder and final demand, a detention notice, the
 * letter that no penalty will follow, a late objection refused): our own codes, here.
 */
export const LETTER_FORMS = {
  initialNotice: { S32: 'IS11D', S31A: 'IS11E' },
  penaltyNotice: { S31A: 'IS1131A', S32: 'IS1132' },
  objectionDecision: { cancel: 'IS11A', maintain: 'IS11B', reduce: 'IS11C', increase: 'IS11C' },
  refund: 'REFUND',
  instalmentPlan: 'INSTALMENTS',
  reminder: 'REMINDER',
  finalDemand: 'FINAL-DEMAND',
  detention: 'DETENTION',
  writeOff: 'NO-PENALTY',
  lateObjectionRefused: 'LATE-OBJECTION',
  /** A means decision after imposition (granted or refused): no Home Office form number is known, so our own code. */
  meansDecision: 'MEANS',
  /** A CPAS application (issue #16): the request for more information and the decision; no Home Office form number is known, so our own codes. */
  accreditationAcknowledgement: 'CPAS-ACK',
  accreditationInformationRequest: 'CPAS-INFO',
  accreditationDecision: { accepted: 'CPAS-ACCEPTED', refused: 'CPAS-REFUSED' },
  /** A CPAS member's letters (issue #16 item 3): a review opened and concluded, suspended, removed. */
  accreditationMember: { reviewOpened: 'CPAS-REVIEW', reviewKept: 'CPAS-REVIEW-KEPT', reviewRemoved: 'CPAS-REVIEW-REMOVED', suspended: 'CPAS-SUSPENDED', removed: 'CPAS-REMOVED' },
} as const satisfies {
  initialNotice: Record<Offence, string>;
  penaltyNotice: Record<Offence, string>;
  objectionDecision: Record<ObjectionOutcome, string>;
  refund: string;
  [other: string]: string | Record<string, string>;
};

/** The section of the Immigration and Asylum Act 1999 an offence's penalty is given under. */
export const ACT_SECTION: Readonly<Record<Offence, string>> = { S31A: '31A', S32: '32' };
