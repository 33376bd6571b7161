import { isAfter, isBefore, isCalendarDate } from '../clock/calendar-date.js';
import { ukDate } from '../reference/uk-date.js';
import { CASE_EVENT, type CaseEvent } from '../case/events.js';
import { AGENCY_OUTCOMES, INSOLVENCY_FINDINGS, type AgencyOutcome, type InsolvencyFinding } from './debt.js';
import type { PaymentsCaseState } from './case-state.js';
import { refuse, type FieldProblem, type PaymentsDecision } from './decision.js';

/* Debt recovery on the case's stream: written acknowledgements, insolvency checks, referrals to the agency and what came back. */

export const NOTE_MAX = 2000;

type CaseDecision = PaymentsDecision<CaseEvent>;

/** The liability must be on the case and have a penalty imposed: before that there is no debt. */
function debtProblems(file: PaymentsCaseState, liabilityId: string): FieldProblem[] {
  const row = file.liabilities.find((l) => l.id === liabilityId);
  if (!row) return [{ field: 'liabilityId', message: 'That responsible person is not on this case' }];
  if (!file.states.get(liabilityId)?.penaltyNotice) return [{ field: 'liabilityId', message: `No penalty has been imposed on ${row.partyName}, so there is no debt yet` }];
  return [];
}

/** A date the outside world sets: real, not in the future, not before the penalty notice. */
function pastDateProblems(file: PaymentsCaseState, liabilityId: string, field: string, label: string, value: string, now: Date): FieldProblem[] {
  if (!isCalendarDate(value)) return [{ field, message: `${label} must be a real date` }];
  if (isAfter(value, ukDate(now))) return [{ field, message: `${label} cannot be in the future` }];
  const notice = file.states.get(liabilityId)?.penaltyNotice?.noticeDate;
  if (notice && isBefore(value, notice)) return [{ field, message: `${label} cannot be before the penalty notice (${notice})` }];
  return [];
}

function noteProblems(note: string | undefined, field = 'note'): FieldProblem[] {
  return (note ?? '').length > NOTE_MAX ? [{ field, message: `The note must be ${NOTE_MAX} characters or fewer` }] : [];
}

export function decideRecordDebtAcknowledgement(
  file: PaymentsCaseState,
  input: { liabilityId: string; acknowledgedOn: string; note?: string | undefined },
  { now }: { now: Date },
): CaseDecision {
  const problems = debtProblems(file, input.liabilityId);
  if (problems.length) return refuse(problems);
  const errors = [...pastDateProblems(file, input.liabilityId, 'acknowledgedOn', 'The date of the acknowledgement', input.acknowledgedOn, now), ...noteProblems(input.note)];
  if (errors.length) return refuse(errors);
  return { ok: true, events: [{ type: CASE_EVENT.DebtAcknowledged, payload: { liabilityId: input.liabilityId, acknowledgedOn: input.acknowledgedOn, note: input.note?.trim() ?? '' } }] };
}

export function decideRecordInsolvencyCheck(
  file: PaymentsCaseState,
  input: { liabilityId: string; checkedOn: string; source: string; finding: string; note?: string | undefined },
  { now }: { now: Date },
): CaseDecision {
  if (!file.liabilities.some((l) => l.id === input.liabilityId)) return refuse([{ field: 'liabilityId', message: 'That responsible person is not on this case' }]);
  const errors: FieldProblem[] = [];
  if (!isCalendarDate(input.checkedOn)) errors.push({ field: 'checkedOn', message: 'The date of the check must be a real date' });
  else if (isAfter(input.checkedOn, ukDate(now))) errors.push({ field: 'checkedOn', message: 'The date of the check cannot be in the future' });
  if (!input.source.trim()) errors.push({ field: 'source', message: 'Enter where you checked, for example the Insolvency Service register or Companies House' });
  else if (input.source.length > 200) errors.push({ field: 'source', message: 'The source must be 200 characters or fewer' });
  if (!Object.hasOwn(INSOLVENCY_FINDINGS, input.finding)) errors.push({ field: 'finding', message: 'Choose what the check found' });
  errors.push(...noteProblems(input.note));
  if (errors.length) return refuse(errors);
  return {
    ok: true,
    events: [
      {
        type: CASE_EVENT.InsolvencyCheckRecorded,
        payload: { liabilityId: input.liabilityId, checkedOn: input.checkedOn, source: input.source.trim(), finding: input.finding as InsolvencyFinding, note: input.note?.trim() ?? '' },
      },
    ],
  };
}

/** One penalty sent to the debt collection agency in a batch (the file it was in, by hash). */
export function decideReferDebtToAgency(
  file: PaymentsCaseState,
  input: { liabilityId: string; referralId: string; batchId: string; amountPence: number; fileHash: string },
): CaseDecision {
  const problems = debtProblems(file, input.liabilityId);
  if (problems.length) return refuse(problems);
  if (input.amountPence <= 0) return refuse([{ field: 'liabilityIds', message: 'Nothing is owed on this penalty' }]);
  return {
    ok: true,
    events: [
      {
        type: CASE_EVENT.DebtReferredToAgency,
        payload: { liabilityId: input.liabilityId, referralId: input.referralId, batchId: input.batchId, amountPence: input.amountPence, fileHash: input.fileHash },
      },
    ],
  };
}

export function decideRecordAgencyOutcome(
  file: PaymentsCaseState,
  input: { liabilityId: string; referralId: string; referredOn: string; outcome: string; outcomeOn: string; note?: string | undefined },
  { now }: { now: Date },
): CaseDecision {
  if (!file.liabilities.some((l) => l.id === input.liabilityId)) return refuse([{ field: 'outcome', message: 'That responsible person is not on this case' }]);
  const errors: FieldProblem[] = [];
  if (!Object.hasOwn(AGENCY_OUTCOMES, input.outcome)) errors.push({ field: 'outcome', message: 'Choose what the agency reported' });
  if (!isCalendarDate(input.outcomeOn)) errors.push({ field: 'outcomeOn', message: 'The date of the agency’s report must be a real date' });
  else if (isAfter(input.outcomeOn, ukDate(now))) errors.push({ field: 'outcomeOn', message: 'The date of the agency’s report cannot be in the future' });
  else if (isBefore(input.outcomeOn, input.referredOn)) errors.push({ field: 'outcomeOn', message: `The date of the agency’s report cannot be before the referral (${input.referredOn})` });
  errors.push(...noteProblems(input.note));
  if (errors.length) return refuse(errors);
  return {
    ok: true,
    events: [
      {
        type: CASE_EVENT.DebtAgencyOutcomeRecorded,
        payload: { liabilityId: input.liabilityId, referralId: input.referralId, outcome: input.outcome as AgencyOutcome, outcomeOn: input.outcomeOn, note: input.note?.trim() ?? '' },
      },
    ],
  };
}
