import { addDays, isAfter, isBefore } from '../clock/calendar-date.js';
import { postalAddressLines } from '../incident/postal-address.js';
import { ukDate } from '../reference/uk-date.js';
import type { CaseDecisionContext, CaseFile, LiabilityRecord } from './case-file.js';
import type { RiskLevel } from './choices.js';
import { pendingAddressChange, postedLetterIds, type AddressChange } from './correspondence-records.js';
import { refuseAll, refuseField as refuse, type CaseDecision, type CaseRefusal, type FieldProblem } from './decision.js';
import { CASE_EVENT, LETTER_EVENT, type AddressChangeApprovedPayload, type AddressChangeProposedPayload, type AddressChangeRejectedPayload, type DataBreachPayload, type ResponseDocument } from './events.js';

/* Correspondence: letters posted, documents received, address changes with a second officer, data breaches. */

/** Who may be the second officer on an address change (never the one who proposed it). */
export const ADDRESS_APPROVER_ROLES = ['caseworker-eo', 'assurer-ho', 'senior-officer', 'manager'] as const;

function liabilityIn(file: CaseFile, liabilityId: string): LiabilityRecord | undefined {
  return file.liabilities.find((row) => row.id === liabilityId);
}

function personName(row: LiabilityRecord): string {
  return `${row.role.charAt(0).toUpperCase()}${row.role.slice(1)} ${row.partyName}`;
}

/** A letter of the case's outbox, as the outbox read it. */
export interface OutboxLetter {
  id: string;
  liabilityId: string | null;
  form: string;
  title: string;
}

/** The letters were printed and posted: each gets a “letter posted” event, once. */
export function decideMarkLettersPosted(file: CaseFile, input: { letters: readonly OutboxLetter[] }): CaseDecision {
  const posted = postedLetterIds(file.events);
  const again = input.letters.filter((letter) => posted.has(letter.id));
  if (again.length) return refuse(`${again.map((letter) => letter.title).join(', ')} ${again.length === 1 ? 'was' : 'were'} already marked as posted. Reload the outbox.`, 'letterIds');
  return {
    ok: true,
    events: input.letters.map((letter) => ({ type: CASE_EVENT.LetterPosted, payload: { letterId: letter.id, liabilityId: letter.liabilityId, form: letter.form, title: letter.title } })),
  };
}

/** Documents that came with the response to the initial notice (or with an objection), received on a day that fits. */
export function decideRecordResponseDocuments(
  file: CaseFile,
  input: { liabilityId: string; receivedOn: string; about: 'response' | 'objection'; description: string; files: ResponseDocument[] },
  { now }: CaseDecisionContext,
): CaseDecision {
  const row = liabilityIn(file, input.liabilityId);
  if (!row) return refuse('That responsible person is not part of this case. Go back to the case and try again.');
  const state = file.states.get(row.id)!;
  const today = ukDate(now);
  if (isAfter(input.receivedOn, today)) return refuse('The date the documents were received must be today or in the past', 'receivedOn');
  if (input.about === 'objection') {
    if (!state.objection) return refuse(`No objection has been recorded for ${personName(row)}, so there is no objection to add evidence to.`);
    if (state.penaltyNotice && isBefore(input.receivedOn, state.penaltyNotice.noticeDate)) {
      return refuse(`The date the evidence was received must be on or after the penalty notice (${state.penaltyNotice.noticeDate})`, 'receivedOn');
    }
  } else {
    const first = state.initialNotices[0];
    if (!first) return refuse(`No initial notice has been sent to ${personName(row)}, so there is no response to add documents to.`);
    if (isBefore(input.receivedOn, first.sentOn)) return refuse(`The date the documents were received must be on or after the initial notice was sent (${first.sentOn})`, 'receivedOn');
  }
  return {
    ok: true,
    events: [{ type: CASE_EVENT.ResponseDocumentsReceived, payload: { liabilityId: row.id, about: input.about, files: input.files, receivedOn: input.receivedOn, description: input.description } }],
  };
}

/**
 * A caseworker proposes where letters to a person should go from now on. Nothing changes until a
 * different officer approves it; only one change per person waits at a time.
 */
export function decideProposeAddressChange(
  file: CaseFile,
  input: { liabilityId: string; line1: string; line2?: string | undefined; town: string; postcode?: string | undefined; country: string; reason: string },
): CaseDecision {
  const row = liabilityIn(file, input.liabilityId);
  if (!row) return refuse('That responsible person is not part of this case. Go back to the case and try again.');
  const pending = pendingAddressChange(file.events, row.id);
  if (pending) {
    return refuse(`An address change for ${personName(row)} is already waiting for approval (proposed by ${pending.byName}). It must be approved or rejected before another is proposed.`);
  }
  const address = { line1: input.line1, line2: input.line2, town: input.town, postcode: input.postcode, country: input.country };
  const addressLines = postalAddressLines(address);
  const previousAddressLines = row.addressLines ?? [];
  if (addressLines.join('\n') === previousAddressLines.join('\n')) return refuse('That is the address letters already go to. Enter the new address.', 'line1');
  const payload: AddressChangeProposedPayload = { liabilityId: row.id, address, addressLines, previousAddressLines, reason: input.reason };
  return { ok: true, events: [{ type: CASE_EVENT.AddressChangeProposed, payload: { ...payload } }] };
}

type Proposal = { ok: true; row: LiabilityRecord; pending: AddressChange } | { ok: false; problem: string };

/** The decision on an address change names the proposal the officer was shown (its event version). */
export interface AddressDecisionInput {
  liabilityId: string;
  proposal: number;
  reason?: string | undefined;
}

function pendingProposal(file: CaseFile, input: AddressDecisionInput): Proposal {
  const row = liabilityIn(file, input.liabilityId);
  if (!row) return { ok: false, problem: 'That responsible person is not part of this case. Go back to the case and try again.' };
  const pending = pendingAddressChange(file.events, row.id);
  if (!pending || pending.version !== input.proposal) {
    return { ok: false, problem: 'This address change is no longer waiting for approval: someone may have decided it already. Go back to the case to see where it stands.' };
  }
  return { ok: true, row, pending };
}

/** The second officer approves: letters go to the new address from now on. */
export function decideApproveAddressChange(file: CaseFile, input: AddressDecisionInput, { actor }: CaseDecisionContext): CaseDecision {
  const found = pendingProposal(file, input);
  if (!found.ok) return refuse(found.problem);
  if (found.pending.by === actor.id) {
    return refuse('You proposed this address change, so you cannot approve it. A different officer (caseworker EO, assurer, senior officer or manager) must approve it.');
  }
  const payload: AddressChangeApprovedPayload = { liabilityId: found.row.id, proposal: found.pending.version, addressLines: found.pending.addressLines };
  return { ok: true, events: [{ type: CASE_EVENT.AddressChangeApproved, payload: { ...payload } }] };
}

/** A second officer rejects the change, or the proposer withdraws it; the address stays as it was. */
export function decideRejectAddressChange(file: CaseFile, input: AddressDecisionInput, { actor }: CaseDecisionContext): CaseDecision {
  const found = pendingProposal(file, input);
  if (!found.ok) return refuse(found.problem);
  const withdrawn = found.pending.by === actor.id;
  if (!withdrawn && !actor.roles.some((role) => (ADDRESS_APPROVER_ROLES as readonly string[]).includes(role))) {
    return refuse('Only a caseworker EO, an assurer, a senior officer or a manager can reject an address change someone else proposed.');
  }
  if (!input.reason) return refuse('Enter why the address change is rejected', 'reason');
  const payload: AddressChangeRejectedPayload = { liabilityId: found.row.id, proposal: found.pending.version, addressLines: found.pending.addressLines, reason: input.reason, withdrawn };
  return { ok: true, events: [{ type: CASE_EVENT.AddressChangeRejected, payload: { ...payload } }] };
}

/** The letter as the case's letters table holds it: looked up before the command, checked by the decision. */
export interface LetterOnCase {
  id: string;
  liabilityId: string | null;
  form: string;
  title: string;
  addressLines: string[];
  createdOn: string;
}

/** The case with the letter a data breach is recorded against. */
export type CaseWithLetter = CaseFile & { letter: LetterOnCase };

/**
 * A data breach recorded against a letter that went to the wrong address: what was disclosed, the
 * risk with its reasons, whether the ICO must be told (always for a high risk, within 72 hours), what
 * was done and which letters were sent about it.
 */
export function decideRecordDataBreach(
  file: CaseWithLetter,
  input: {
    letterId: string;
    foundOn: string;
    disclosed: string;
    riskLevel: RiskLevel;
    riskReasons: string;
    icoMustBeTold?: 'yes' | 'no' | undefined;
    actionsTaken: string;
    lettersSent: string[];
  },
  { now }: CaseDecisionContext,
): CaseDecision {
  const { letter } = file;
  if (input.letterId !== letter.id || (letter.liabilityId && !liabilityIn(file, letter.liabilityId))) return refuse('That letter is not part of this case.');
  const problems: FieldProblem[] = [];
  if (isAfter(input.foundOn, ukDate(now))) problems.push({ field: 'foundOn', message: 'The date the breach was found must be today or in the past' });
  else if (isBefore(input.foundOn, letter.createdOn)) problems.push({ field: 'foundOn', message: `The date the breach was found must be on or after the letter was produced (${letter.createdOn})` });
  if (problems.length) return refuseAll(problems);
  const icoMustBeTold = input.riskLevel === 'high' || input.icoMustBeTold === 'yes';
  const payload: DataBreachPayload = {
    letterId: letter.id,
    liabilityId: letter.liabilityId,
    letterForm: letter.form,
    letterTitle: letter.title,
    addressLines: letter.addressLines,
    foundOn: input.foundOn,
    disclosed: input.disclosed,
    riskLevel: input.riskLevel,
    riskReasons: input.riskReasons,
    icoMustBeTold,
    icoReportBy: icoMustBeTold ? addDays(input.foundOn, 3) : null,
    actionsTaken: input.actionsTaken,
    lettersSent: input.lettersSent,
  };
  return { ok: true, events: [{ type: CASE_EVENT.DataBreachRecorded, payload: { ...payload } }] };
}

/** What the letter's own stream says: whether its email was already recorded. */
export interface LetterEmailState {
  caseId: string;
  emailed: boolean;
}

/**
 * A letter sent by email is recorded once, on the letter's own stream (`letter-<id>`): a second
 * record of the same letter is refused, so a job run twice cannot record it twice.
 */
export function decideRecordLetterEmailed(
  state: LetterEmailState,
  input: { letterId: string },
): { ok: true; events: { type: typeof LETTER_EVENT.LetterEmailed; payload: { letterId: string; caseId: string } }[] } | CaseRefusal {
  if (state.emailed) return refuse('The letter was already recorded as emailed', 'letterId');
  return { ok: true, events: [{ type: LETTER_EVENT.LetterEmailed, payload: { letterId: input.letterId, caseId: state.caseId } }] };
}
