import { z } from 'zod';
import { calendarDate, eventNames, id, type EventUnion } from '../event-schemas.js';
import { refuse, type CommandDecision } from '../command-decision.js';
import { ukDate } from '../reference/uk-date.js';
import type { CommandMoment } from '../command-decision.js';

/*
 * The letters of a CPAS application (issue #16 item 2), each on its own `accreditation-letter`
 * stream (`accreditation-letter-<letterId>`), like correspondence's `letter` stream: producing or
 * emailing a letter never moves the application's version under an assessor. A letter is produced
 * after the step that calls for it (a request for more information, an acceptance, a refusal
 * approved); its PDF (English, then the applicant's language) is kept in the file store by hash.
 */

/**
 * An application's letters (acknowledgement, information request, decision), then a member's (issue #16 item 3):
 * a review opened, a review concluded (kept, or removed with reasons), suspended, removed. A member's
 * letter is kept with the member's application (its `applicationReference`); its id comes from what
 * it is about (the review, the day the suspension began, the day of removal), so recording it is the
 * record that the member was told, and it is never sent twice.
 */
export const ACCREDITATION_LETTER_KINDS = ['acknowledgement', 'informationRequest', 'accepted', 'refused', 'reviewOpened', 'reviewKept', 'reviewRemoved', 'suspended', 'removed'] as const;
export type AccreditationLetterKind = (typeof ACCREDITATION_LETTER_KINDS)[number];

/** A language code of the catalogues (`en`, `pl`, `ro` …). */
const languageCode = z.string().regex(/^[a-z]{2}$/);

export const ACCREDITATION_LETTER_EVENTS = {
  AccreditationLetterProduced: z.strictObject({
    letterId: id,
    /** The application it is about (`CPAS-2026-00042`). */
    applicationReference: z.string().regex(/^CPAS-\d{4}-\d{5,}$/),
    kind: z.enum(ACCREDITATION_LETTER_KINDS),
    /** The form code printed on it and its English title. */
    form: z.string().min(1),
    title: z.string().min(1),
    /** The applicant's language (the English letter comes first in the same PDF). */
    language: languageCode,
    /** SHA-256 of the PDF in the file store. */
    fileHash: z.string().regex(/^[0-9a-f]{64}$/),
    /** SHA-256 of the letter's layout (its parts as JSON) in the file store: the postal outbox prints many letters in one PDF from it. Absent on letters recorded before the outbox took them. */
    layoutHash: z.string().regex(/^[0-9a-f]{64}$/).optional(),
    producedOn: calendarDate,
    /**
     * A member's letter: the member's register entry and what the letter is about — the review's id,
     * the first day of the suspension, the day of removal. One letter per member, kind and subject.
     */
    member: z.strictObject({ partyId: id, about: z.string().min(1) }).optional(),
  }),
  /** The letter went by email (Notify or the outbox), attached to a message in the applicant's language. */
  AccreditationLetterEmailed: z.strictObject({ to: z.string().min(3), emailedOn: calendarDate }),
  /** The letter was printed and posted to the company's address (marked in the postal outbox). */
  AccreditationLetterPosted: z.strictObject({ postedOn: calendarDate }),
};

export const ACCREDITATION_LETTER_EVENT = eventNames(ACCREDITATION_LETTER_EVENTS);
export type AccreditationLetterEvent = EventUnion<typeof ACCREDITATION_LETTER_EVENTS>;

export interface LetterToRecord {
  letterId: string;
  applicationReference: string;
  kind: AccreditationLetterKind;
  form: string;
  title: string;
  language: string;
  fileHash: string;
  member?: { partyId: string; about: string } | undefined;
  layoutHash?: string | undefined;
}

/** A letter is recorded once: its stream must be new. */
export function decideProduceAccreditationLetter(state: { exists: boolean }, input: LetterToRecord, context: CommandMoment): CommandDecision {
  if (state.exists) return refuse('accreditation.letter.alreadyProduced');
  const { member, ...letter } = input;
  return {
    ok: true,
    events: [{ type: ACCREDITATION_LETTER_EVENT.AccreditationLetterProduced, payload: { ...letter, ...(member ? { member } : {}), producedOn: ukDate(context.now) } }],
  };
}

/** Emailed once: a second record of the same letter is refused (a retried job sends nothing twice). */
export function decideRecordAccreditationLetterEmailed(state: { emailedTo: string | null }, input: { to: string }, context: CommandMoment): CommandDecision {
  if (state.emailedTo) return refuse('accreditation.letter.alreadyEmailed');
  const to = input.to.trim();
  if (!to.includes('@')) return refuse('accreditation.letter.noAddress', [{ field: 'to', message: 'accreditation.letter.noAddress' }]);
  return { ok: true, events: [{ type: ACCREDITATION_LETTER_EVENT.AccreditationLetterEmailed, payload: { to, emailedOn: ukDate(context.now) } }] };
}

/** Posted once: a letter already marked as posted, or one not produced, is refused (the outbox is reloaded). */
export function decideMarkAccreditationLetterPosted(state: { postedOn: string | null }, _input: unknown, context: CommandMoment): CommandDecision {
  if (state.postedOn) return refuse('accreditation.letter.alreadyPosted');
  return { ok: true, events: [{ type: ACCREDITATION_LETTER_EVENT.AccreditationLetterPosted, payload: { postedOn: ukDate(context.now) } }] };
}
