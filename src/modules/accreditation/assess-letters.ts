import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import { stableId } from './stable-id.js';
import { executeCommand, type CommandContext } from '../../platform/events/command.js';
import type { FileStore } from '../../platform/files/file-store.js';
import type { Mailer } from '../../platform/notify/mailer.js';
import type { LetterDetails } from '../../platform/config.js';
import { isLanguage, type Language } from '../../platform/i18n/languages.js';
import { t } from '../../platform/i18n/messages.js';
import { renderParts, type LetterPart } from '../../platform/pdf/letter.js';
import type { AccreditationLetterKind } from '../../domain/accreditation/letters.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { areaName, decisionLetterParts, informationRequestLetterParts, type ApplicationLetterBase, type AreaNote } from '../correspondence/letters/accreditation-letters.js';
import { letterContact } from '../correspondence/case-letters.js';
import { produceAccreditationLetter, recordAccreditationLetterEmailed } from './assess-commands.js';
import { accreditationLetters } from './assess-schema.js';

/*
 * An application's letters: rendered through correspondence's letter machinery (English, then the
 * applicant's language, DejaVu fonts), kept in the file store, recorded on their own
 * `accreditation-letter` stream, then emailed through the Notify seam with the PDF attached and the
 * words around it in the applicant's language. Run after the step that calls for the letter has
 * committed (like the questions module's answer email); the letter's id comes from the application
 * and the step's version, so a retry records nothing twice.
 */

/** The application as a letter needs it (from the core service's view). */
export interface ApplicationForLetter {
  reference: string;
  language: string;
  receivedOn: string;
  decisionDue: string;
  company: { name: string; contactName: string; addressLines: readonly string[]; postcode: string | null; country: string; email: string };
}

export type LetterRequest =
  | { kind: 'informationRequest'; areas: readonly string[]; message: string }
  | { kind: 'accepted'; memberFrom: string }
  | { kind: 'refused'; reasons: readonly AreaNote[] };

/** A stable id for the letter a step produced: the same step never produces two letters. */
export function letterIdFor(reference: string, kind: AccreditationLetterKind, stepVersion: number): string {
  return stableId(`accreditation-letter:${reference}:${kind}:${stepVersion}`);
}

/** The email that carries a letter: subject and words in the applicant's language. */
export function applicationEmail(language: Language, application: ApplicationForLetter, request: LetterRequest): { subject: string; body: string } {
  const reference = application.reference;
  const greeting = t(language, 'accreditation.assess.email.greeting', { name: application.company.contactName });
  const signOff = t(language, 'accreditation.assess.email.signOff');
  if (request.kind === 'informationRequest') {
    return {
      subject: t(language, 'accreditation.assess.email.request.subject', { reference }),
      body: [
        greeting,
        '',
        t(language, 'accreditation.assess.email.request.intro', { reference }),
        ...request.areas.map((area) => `- ${areaName(language, area)}`),
        '',
        t(language, 'accreditation.assess.email.request.messageIntro'),
        '',
        request.message,
        '',
        t(language, 'accreditation.assess.email.request.reply', { reference }),
        '',
        signOff,
      ].join('\n'),
    };
  }
  return {
    subject: t(language, request.kind === 'accepted' ? 'accreditation.assess.email.decision.subject.accepted' : 'accreditation.assess.email.decision.subject.refused', { reference }),
    body: [greeting, '', t(language, 'accreditation.assess.email.decision.body', { reference }), '', signOff].join('\n'),
  };
}

export function applicationLetterParts(application: ApplicationForLetter, request: LetterRequest, date: string, details: LetterDetails): LetterPart[] {
  const language: Language = isLanguage(application.language) ? application.language : 'en';
  const base: ApplicationLetterBase = {
    language,
    reference: application.reference,
    date,
    companyName: application.company.name,
    contactName: application.company.contactName,
    addressLines: application.company.addressLines,
    postcode: application.company.postcode,
    country: application.company.country,
    receivedOn: application.receivedOn,
    contact: letterContact(details),
  };
  if (request.kind === 'informationRequest') return informationRequestLetterParts({ ...base, areas: request.areas, message: request.message, decisionDue: application.decisionDue });
  if (request.kind === 'accepted') return decisionLetterParts({ ...base, outcome: 'accepted', memberFrom: request.memberFrom });
  return decisionLetterParts({ ...base, outcome: 'refused', reasons: request.reasons });
}

export function assessLetters(db: Db, deps: { files: FileStore; mailer: Mailer; details: LetterDetails; clock: { now(): Date } }) {
  const service = {
    /**
     * Produces, keeps, records and (unless told not to) emails the letter a step calls for, the PDF
     * attached. Answers the letter's id and the address it was emailed to (null when it was not).
     */
    async send(application: ApplicationForLetter, request: LetterRequest, stepVersion: number, context: CommandContext, options: { email: boolean } = { email: true }) {
      const now = context.now ?? deps.clock.now();
      const language: Language = isLanguage(application.language) ? application.language : 'en';
      const parts = applicationLetterParts(application, request, ukDate(now), deps.details);
      const bytes = await renderParts(parts);
      const { hash } = await deps.files.put(bytes, 'application/pdf');
      const letterId = letterIdFor(application.reference, request.kind, stepVersion);
      const english = parts[0]!.letter;
      const produced = await executeCommand(
        db,
        produceAccreditationLetter,
        { letterId, applicationReference: application.reference, kind: request.kind, form: english.formCode ?? '', title: english.title, language, fileHash: hash },
        { ...context, now, expectedVersion: undefined, idempotencyKey: `accreditation-letter:${letterId}`, idempotencyScope: undefined },
      );
      if (!produced.ok) return { letterId, emailedTo: null, problem: produced.message };
      // The request for information is already emailed by the core service as the step is taken: its letter goes by post.
      if (!options.email) return { letterId, emailedTo: null, problem: null };
      const email = applicationEmail(language, application, request);
      await deps.mailer.send({ to: application.company.email, subject: email.subject, body: email.body, reference: application.reference, attachment: { filename: `${application.reference}-${english.formCode ?? 'letter'}.pdf`, bytes, mediaType: 'application/pdf' } });
      const emailed = await executeCommand(db, recordAccreditationLetterEmailed, { letterId, to: application.company.email }, { ...context, now, expectedVersion: undefined, idempotencyKey: `accreditation-letter-emailed:${letterId}`, idempotencyScope: undefined });
      return { letterId, emailedTo: emailed.ok ? application.company.email : null, problem: null };
    },

    async ofApplication(reference: string) {
      return db.select().from(accreditationLetters).where(eq(accreditationLetters.applicationReference, reference)).orderBy(asc(accreditationLetters.producedOn), asc(accreditationLetters.id));
    },

    /** The PDF of one of the application's letters (null when it is not this application's). */
    async pdf(reference: string, letterId: string) {
      const [row] = await db.select().from(accreditationLetters).where(eq(accreditationLetters.id, letterId));
      if (!row || row.applicationReference !== reference) return null;
      const bytes = await deps.files.get(row.fileHash);
      return bytes ? { row, bytes } : null;
    },
  };
  return service;
}

export type AssessLetters = ReturnType<typeof assessLetters>;
