import type { CalendarDate } from '../../domain/clock/calendar-date.js';
import { deadlineOf } from '../../domain/liability/liability-clock.js';
import { outstandingPence, type LiabilityState } from '../../domain/liability/liability-state.js';
import type { PolicyVersion } from '../../domain/policy/policy-parameters.js';
import { valBlock } from '../../domain/liability/vehicle-action-list.js';
import { CASE_EVENT } from '../../domain/case/events.js';

/**
 * Case events that no liability's stage, money or Vehicle Action List standing depends on: the cases
 * projector only moves the case's version for these, without folding the case again.
 */
export const CANNOT_MOVE_MONEY: ReadonlySet<string> = new Set([
  CASE_EVENT.CaseNoteAdded,
  CASE_EVENT.CaseLinked,
  CASE_EVENT.CaseUnlinked,
  CASE_EVENT.CaseClaimed,
  CASE_EVENT.CaseAssigned,
  CASE_EVENT.CaseUnassigned,
  CASE_EVENT.LetterPosted,
  CASE_EVENT.LetterProduced,
  CASE_EVENT.DataBreachRecorded,
  CASE_EVENT.AppealHearingScheduled,
  CASE_EVENT.AppealBundleItemChecked,
  CASE_EVENT.AppealWitnessStatementRecorded,
  CASE_EVENT.ResponseDocumentsReceived,
  CASE_EVENT.ContactDetailsChanged,
  CASE_EVENT.PreferredLanguageChosen,
]);

/*
 * The money and Vehicle Action List columns of `liabilities`, kept by the cases projector after
 * every event that can change them, so the VAL query (src/modules/vehicle-action-list) is a plain read:
 * `payment_due` from the statutory clock once imposed, `outstanding_pence` (negative: a credit) and
 * `val_block` from the domain. None depends on the day it is computed: `val_block` holds only
 * recorded facts, and "past the due date" is compared with today by the query itself.
 */

export interface LiabilityMoneyColumns {
  paymentDue: CalendarDate | null;
  outstandingPence: number | null;
  valBlock: string | null;
}

export function liabilityMoneyColumns(state: LiabilityState, policyVersion: PolicyVersion | undefined, today: CalendarDate): LiabilityMoneyColumns {
  return {
    paymentDue: state.penaltyNotice && policyVersion ? (deadlineOf(state, policyVersion, 'paymentDue') ?? null) : null,
    outstandingPence: outstandingPence(state) ?? null,
    valBlock: valBlock(state, today, policyVersion),
  };
}
