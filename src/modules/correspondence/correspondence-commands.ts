import { z } from 'zod';
import { isCalendarDate } from '../../domain/clock/calendar-date.js';
import { CASEWORKERS, type Role } from '../identity/roles.js';
import { caseCommand } from '../casework/case-command.js';
import { correspondenceProjector } from './projector.js';
import { CASE_EVENT } from '../../domain/case/events.js';
import { RISK_LEVELS, type RiskLevel } from './correspondence-events.js';
import {
  ADDRESS_APPROVER_ROLES,
  decideApproveAddressChange,
  decideMarkLettersPosted,
  decideProposeAddressChange,
  decideRecordDataBreach,
  decideRecordResponseDocuments,
  decideRejectAddressChange,
  type LetterOnCase,
} from '../../domain/case/correspondence.js';

export type { LetterOnCase };

/** Who prints and posts letters from the outbox. */
export const LETTER_POSTERS: readonly Role[] = ['caseworker-ao', 'caseworker-eo', 'manager'];
/** Who may be the second officer on an address change (never the one who proposed it). */
export const ADDRESS_APPROVERS: readonly Role[] = ADDRESS_APPROVER_ROLES;
/** Who sees the data breach register. */
export const DATA_BREACH_READERS: readonly Role[] = ['manager'];

const reference = z.string({ message: 'Give the case reference' }).trim().min(1, 'Give the case reference');
const isoDate = (what: string) => z.string().refine(isCalendarDate, `Enter ${what} as a real date`);

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
  decide: decideMarkLettersPosted,
  // The correspondence projector sets each letter's posted_at from its LetterPosted (the cases projector moves the version).
  projectors: [correspondenceProjector],
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
  decide: decideRecordResponseDocuments,
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
  decide: decideProposeAddressChange,
});

export const addressDecisionInput = z.object({
  reference,
  liabilityId: z.string().min(1, 'Choose the responsible person'),
  /** The proposal the officer was shown (its event version): a different one is not decided blind. */
  proposal: z.coerce.number().int().min(1),
  reason: z.string().trim().max(2000, 'The reason must be 2000 characters or fewer').optional(),
});

/** The second officer approves: letters go to the new address from now on. */
export const approveAddressChange = caseCommand({
  name: 'approveAddressChange',
  input: addressDecisionInput,
  roles: ADDRESS_APPROVERS,
  decide: decideApproveAddressChange,
  // The cases projector sets the liability's address_lines from AddressChangeApproved.
  async project(_tx, { file, version }) {
    return { reference: file.kase.reference, version };
  },
});

/** A second officer rejects the change, or the proposer withdraws it; the address stays as it was. */
export const rejectAddressChange = caseCommand({
  name: 'rejectAddressChange',
  input: addressDecisionInput,
  roles: CASEWORKERS,
  decide: decideRejectAddressChange,
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
    facts: { letter },
    decide: decideRecordDataBreach,
  });
}
