import { z } from 'zod';
import type { Decision, FieldError } from '../../../platform/events/command.js';
import { addDays, isAfter, isBefore, isCalendarDate } from '../../../domain/clock/calendar-date.js';
import { postalAddressLines } from '../../../domain/incident/postal-address.js';
import { ukDate } from '../../../domain/reference/uk-date.js';
import { CASEWORKERS, type Role } from '../../identity/roles.js';
import { caseCommand } from '../case-command.js';
import type { CaseFile, LiabilityRow } from '../case-file.js';
import { CASE_EVENT, type AddressChangeApprovedPayload, type AddressChangeRejectedPayload } from '../../../domain/case/events.js';
import {
  RISK_LEVELS,
  pendingAddressChange,
  postedLetterIds,
  type AddressChange,
  type AddressChangeProposedPayload,
  type DataBreachPayload,
  type RiskLevel,
} from './correspondence-events.js';

/** Who prints and posts letters from the outbox. */
export const LETTER_POSTERS: readonly Role[] = ['caseworker-ao', 'caseworker-eo', 'manager'];
/** Who may be the second officer on an address change (never the one who proposed it). */
export const ADDRESS_APPROVERS: readonly Role[] = ['caseworker-eo', 'assurer-ho', 'senior-officer', 'manager'];
/** Who sees the data breach register. */
export const DATA_BREACH_READERS: readonly Role[] = ['manager'];

const reference = z.string({ message: 'Give the case reference' }).trim().min(1, 'Give the case reference');
const isoDate = (what: string) => z.string().refine(isCalendarDate, `Enter ${what} as a real date`);

function refuse(message: string, field = 'form'): Decision {
  return { ok: false, message, errors: [{ field, message }] };
}

function liabilityIn(file: CaseFile, liabilityId: string): LiabilityRow | undefined {
  return file.liabilities.find((row) => row.id === liabilityId);
}

function personName(row: LiabilityRow): string {
  return `${row.role.charAt(0).toUpperCase()}${row.role.slice(1)} ${row.partyName}`;
}

/* ---- Posting letters ---- */

export const markLettersPostedInput = z.object({
  reference,
  /** The letters, as the outbox read them from this case's letters. */
  letters: z
    .array(z.object({ id: z.uuid(), liabilityId: z.string().nullable(), form: z.string(), title: z.string() }))
    .min(1, 'Select at least one letter to mark as posted'),
});

/** The letters were printed and posted: each gets a “letter posted” event and leaves the outbox. */
export const markLettersPosted = caseCommand({
  name: 'markLettersPosted',
  input: markLettersPostedInput,
  roles: LETTER_POSTERS,
  decide(file, input) {
    const posted = postedLetterIds(file.events);
    const again = input.letters.filter((letter) => posted.has(letter.id));
    if (again.length) return refuse(`${again.map((letter) => letter.title).join(', ')} ${again.length === 1 ? 'was' : 'were'} already marked as posted. Reload the outbox.`, 'letterIds');
    return {
      ok: true,
      events: input.letters.map((letter) => ({ type: CASE_EVENT.LetterPosted, payload: { letterId: letter.id, liabilityId: letter.liabilityId, form: letter.form, title: letter.title } })),
    };
  },
  // The cases projector sets each letter's posted_at from its LetterPosted.
  async project(_tx, { file, version }) {
    return { reference: file.kase.reference, version };
  },
});

/* ---- Documents received with a response ---- */

export const responseDocumentsInput = z.object({
  reference,
  liabilityId: z.string().min(1, 'Choose the responsible person'),
  receivedOn: isoDate('the date the documents were received'),
  /** What the documents came with: the response to the initial notice, or an objection (its evidence). */
  about: z.enum(['response', 'objection']).default('response'),
  description: z.string().trim().min(1, 'Describe the documents, for example “seal log and driver’s checklist”').max(2000, 'The description must be 2000 characters or fewer'),
  files: z
    .array(z.object({ hash: z.string().regex(/^[0-9a-f]{64}$/), originalName: z.string(), mediaType: z.string(), size: z.number().int().min(1) }))
    .min(1, 'Select a document to upload')
    .max(10, 'You can only select up to 10 files at the same time'),
});

/** Documents that came with the response to the initial notice, kept with the case. */
export const recordResponseDocuments = caseCommand({
  name: 'recordResponseDocuments',
  input: responseDocumentsInput,
  roles: CASEWORKERS,
  decide(file, input, { now }) {
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
  },
});

/* ---- Address change with a second officer's approval ---- */

const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .optional()
    .transform((value) => value || undefined);

export const proposeAddressChangeInput = z.object({
  reference,
  liabilityId: z.string().min(1, 'Choose the responsible person'),
  line1: z.string({ message: 'Enter the first line of the address' }).trim().min(1, 'Enter the first line of the address').max(200, 'The first line must be 200 characters or fewer'),
  line2: optionalText(200, 'The second line must be 200 characters or fewer'),
  town: z.string({ message: 'Enter the town or city' }).trim().min(1, 'Enter the town or city').max(100, 'The town or city must be 100 characters or fewer'),
  postcode: optionalText(20, 'The postcode must be 20 characters or fewer'),
  country: z
    .string({ message: 'Enter the country as a two-letter code, for example PL' })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'Enter the country as a two-letter code, for example PL'),
  reason: z.string({ message: 'Enter why the address is changing' }).trim().min(1, 'Enter why the address is changing, and how you know the new one').max(2000, 'The reason must be 2000 characters or fewer'),
});

/**
 * A caseworker proposes where letters to a person should go from now on. Nothing changes until a
 * different officer approves it; only one change per person waits at a time.
 */
export const proposeAddressChange = caseCommand({
  name: 'proposeAddressChange',
  input: proposeAddressChangeInput,
  roles: CASEWORKERS,
  decide(file, input) {
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
  },
});

export const addressDecisionInput = z.object({
  reference,
  liabilityId: z.string().min(1, 'Choose the responsible person'),
  /** The proposal the officer was shown (its event version): a different one is not decided blind. */
  proposal: z.coerce.number().int().min(1),
  reason: z.string().trim().max(2000, 'The reason must be 2000 characters or fewer').optional(),
});

type Proposal = { ok: true; row: LiabilityRow; pending: AddressChange } | { ok: false; problem: string };

function pendingProposal(file: CaseFile, input: z.infer<typeof addressDecisionInput>): Proposal {
  const row = liabilityIn(file, input.liabilityId);
  if (!row) return { ok: false, problem: 'That responsible person is not part of this case. Go back to the case and try again.' };
  const pending = pendingAddressChange(file.events, row.id);
  if (!pending || pending.version !== input.proposal) {
    return { ok: false, problem: 'This address change is no longer waiting for approval: someone may have decided it already. Go back to the case to see where it stands.' };
  }
  return { ok: true, row, pending };
}

/** The second officer approves: letters go to the new address from now on. */
export const approveAddressChange = caseCommand({
  name: 'approveAddressChange',
  input: addressDecisionInput,
  roles: ADDRESS_APPROVERS,
  decide(file, input, { actor }) {
    const found = pendingProposal(file, input);
    if (!found.ok) return refuse(found.problem);
    if (found.pending.by === actor.id) {
      return refuse('You proposed this address change, so you cannot approve it. A different officer (caseworker EO, assurer, senior officer or manager) must approve it.');
    }
    const payload: AddressChangeApprovedPayload = { liabilityId: found.row.id, proposal: found.pending.version, addressLines: found.pending.addressLines };
    return { ok: true, events: [{ type: CASE_EVENT.AddressChangeApproved, payload: { ...payload } }] };
  },
});

/** A second officer rejects the change, or the proposer withdraws it; the address stays as it was. */
export const rejectAddressChange = caseCommand({
  name: 'rejectAddressChange',
  input: addressDecisionInput,
  roles: CASEWORKERS,
  decide(file, input, { actor }) {
    const found = pendingProposal(file, input);
    if (!found.ok) return refuse(found.problem);
    const withdrawn = found.pending.by === actor.id;
    if (!withdrawn && !actor.roles.some((role) => ADDRESS_APPROVERS.includes(role as Role))) {
      return refuse('Only a caseworker EO, an assurer, a senior officer or a manager can reject an address change someone else proposed.');
    }
    if (!input.reason) return refuse('Enter why the address change is rejected', 'reason');
    const payload: AddressChangeRejectedPayload = { liabilityId: found.row.id, proposal: found.pending.version, addressLines: found.pending.addressLines, reason: input.reason, withdrawn };
    return { ok: true, events: [{ type: CASE_EVENT.AddressChangeRejected, payload: { ...payload } }] };
  },
});

/* ---- Data breach: a letter that went to the wrong address ---- */

export const dataBreachInput = z
  .object({
    reference,
    letterId: z.uuid(),
    foundOn: isoDate('the date the breach was found'),
    disclosed: z.string({ message: 'Enter what was disclosed, and to whom' }).trim().min(1, 'Enter what was disclosed, and to whom').max(4000, 'What was disclosed must be 4000 characters or fewer'),
    riskLevel: z.enum(Object.keys(RISK_LEVELS) as [RiskLevel, ...RiskLevel[]], { message: 'Select the risk to the people whose information was disclosed: low, medium or high' }),
    riskReasons: z.string({ message: 'Enter the reasons for the risk level' }).trim().min(1, 'Enter the reasons for the risk level').max(4000, 'The reasons must be 4000 characters or fewer'),
    /** Must the Information Commissioner's Office be told? Always yes for a high risk. */
    icoMustBeTold: z.enum(['yes', 'no'], { message: 'Select whether the Information Commissioner’s Office must be told' }).optional(),
    actionsTaken: z.string({ message: 'Enter the actions taken' }).trim().min(1, 'Enter the actions taken, for example asking the recipient to return or destroy the letter').max(4000, 'The actions must be 4000 characters or fewer'),
    lettersSent: z.array(z.string().trim().min(1).max(500)).max(50).default([]),
  })
  .superRefine((value, context) => {
    if (value.riskLevel === 'high' && value.icoMustBeTold === 'no') {
      context.addIssue({ code: 'custom', path: ['icoMustBeTold'], message: 'A high risk breach must be reported to the Information Commissioner’s Office: select yes' });
    }
    if (value.riskLevel !== 'high' && value.icoMustBeTold === undefined) {
      context.addIssue({ code: 'custom', path: ['icoMustBeTold'], message: 'Select whether the Information Commissioner’s Office must be told' });
    }
  });
export type DataBreachInput = z.input<typeof dataBreachInput>;

/** The letter as the case's letters table holds it: looked up by the route, passed to the command. */
export interface LetterOnCase {
  id: string;
  liabilityId: string | null;
  form: string;
  title: string;
  addressLines: string[];
  createdOn: string;
}

/**
 * A data breach recorded against a letter that went to the wrong address: what was disclosed, the
 * risk with its reasons, whether the ICO must be told (always for a high risk, within 72 hours), what
 * was done and which letters were sent about it.
 */
export function recordDataBreach(letter: LetterOnCase) {
  return caseCommand({
    name: 'recordDataBreach',
    input: dataBreachInput,
    roles: CASEWORKERS,
    decide(file, input, { now }) {
      if (input.letterId !== letter.id || (letter.liabilityId && !liabilityIn(file, letter.liabilityId))) return refuse('That letter is not part of this case.');
      const problems: FieldError[] = [];
      if (isAfter(input.foundOn, ukDate(now))) problems.push({ field: 'foundOn', message: 'The date the breach was found must be today or in the past' });
      else if (isBefore(input.foundOn, letter.createdOn)) problems.push({ field: 'foundOn', message: `The date the breach was found must be on or after the letter was produced (${letter.createdOn})` });
      if (problems.length) return { ok: false, message: problems.map((p) => p.message).join(' '), errors: problems };
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
    },
  });
}
