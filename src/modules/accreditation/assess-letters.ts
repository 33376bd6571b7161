import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import { stableId } from './stable-id.js';
import { executeCommand, type CommandContext } from '../../platform/events/command.js';
import { readStream, type Actor } from '../../platform/events/event-store.js';
import type { JobKind } from '../../platform/jobs/queue.js';
import { formatCountry } from '../../platform/i18n/format.js';
import type { FileStore } from '../../platform/files/file-store.js';
import type { Mailer } from '../../platform/notify/mailer.js';
import type { LetterDetails } from '../../platform/config.js';
import { isLanguage, type Language } from '../../platform/i18n/languages.js';
import { t } from '../../platform/i18n/messages.js';
import { renderParts, type LetterPart } from '../../platform/pdf/letter.js';
import type { AccreditationLetterKind } from '../../domain/accreditation/letters.js';
import { applicationFromEvents } from '../../domain/accreditation/application.js';
import { ACCREDITATION_APPLICATION_EVENT as E, type AccreditationApplicationEvent } from '../../domain/accreditation/events.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { acknowledgementLetterParts, areaName, decisionLetterParts, informationRequestLetterParts, type ApplicationLetterBase, type AreaNote } from '../correspondence/letters/accreditation-letters.js';
import { letterContact } from '../correspondence/case-letters.js';
import type { PostalLetter, PostalLetterSource } from '../correspondence/postal-outbox.js';
import { ACCREDITATION_LETTERS_ACTOR, markAccreditationLetterPosted, produceAccreditationLetter, recordAccreditationLetterEmailed } from './assess-commands.js';
import { accreditationLetters } from './assess-schema.js';
import { accreditationApplications } from './schema.js';
import { applicationAccessCode } from './access-code.js';
import { publicAddress } from './guidance.js';
import { applicationStreamId } from './projector.js';

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
  | { kind: 'acknowledgement'; accessCode: string }
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
  if (request.kind === 'acknowledgement') throw new Error('the acknowledgement is emailed by the application service as it is submitted, with its access code');
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
  if (request.kind === 'acknowledgement') return acknowledgementLetterParts({ ...base, decisionDue: application.decisionDue, accessCode: request.accessCode, answerAddress: `${publicAddress()}/accreditation/answer` });
  if (request.kind === 'informationRequest') return informationRequestLetterParts({ ...base, areas: request.areas, message: request.message, decisionDue: application.decisionDue });
  if (request.kind === 'accepted') return decisionLetterParts({ ...base, outcome: 'accepted', memberFrom: request.memberFrom });
  return decisionLetterParts({ ...base, outcome: 'refused', reasons: request.reasons });
}

/** Decisions are emailed by the letter's job; the acknowledgement and the request are emailed by the core service as they are recorded. */
const EMAILED_BY_THE_JOB: readonly AccreditationLetterKind[] = ['accepted', 'refused'];

/** The application as its first event recorded it, for its letters. */
export function applicationForLetter(submitted: Extract<AccreditationApplicationEvent, { type: typeof E.AccreditationApplicationSubmitted }>['payload']): ApplicationForLetter {
  const c = submitted.company;
  return {
    reference: submitted.reference,
    language: submitted.language,
    receivedOn: submitted.receivedOn,
    decisionDue: submitted.decisionDue,
    company: { name: c.name, contactName: c.contactName, addressLines: c.addressLines, postcode: c.postcode, country: c.country, email: c.email },
  };
}

/**
 * The letter the step at `version` called for, from the application's own stream: what it says is
 * what the record said then (the request's areas and message, the first day of membership, the
 * refusal's reasons as proposed), and its date is the step's. Null when the step is not one that
 * calls for `kind` (a job that does not match its record does nothing).
 */
export async function letterOfStep(db: Db, reference: string, version: number, kind: AccreditationLetterKind) {
  const stored = await readStream(db, applicationStreamId(reference));
  const step = stored.find((e) => e.version === version);
  const first = stored[0];
  if (!step || !first || first.type !== E.AccreditationApplicationSubmitted) return null;
  const events = stored.map((e) => ({ type: e.type, payload: e.payload }) as AccreditationApplicationEvent);
  const application = applicationForLetter((events[0] as Extract<AccreditationApplicationEvent, { type: typeof E.AccreditationApplicationSubmitted }>).payload);
  const event = events[stored.indexOf(step)]!;
  const date = ukDate(step.occurredAt);
  let request: LetterRequest | null = null;
  if (kind === 'acknowledgement' && event.type === E.AccreditationApplicationSubmitted) request = { kind, accessCode: await applicationAccessCode(db, reference) };
  if (kind === 'informationRequest' && event.type === E.AccreditationInformationRequested) request = { kind, areas: event.payload.areas, message: event.payload.message };
  if (kind === 'accepted' && event.type === E.AccreditationApplicationAccepted) request = { kind, memberFrom: event.payload.memberFrom };
  if (kind === 'refused' && event.type === E.AccreditationRefusalApproved) {
    const before = applicationFromEvents(events.slice(0, stored.indexOf(step)));
    const reasons = before?.refusalProposal?.reasons ?? [];
    if (reasons.length) request = { kind, reasons: reasons.map((r) => ({ area: r.area, notes: r.reason })) };
  }
  return request ? { application, request, date } : null;
}

export function assessLetters(db: Db, deps: { files: FileStore; mailer: Mailer; details: LetterDetails; clock: { now(): Date } }) {
  const row = async (letterId: string) => (await db.select().from(accreditationLetters).where(eq(accreditationLetters.id, letterId)))[0] ?? null;

  const service = {
    /**
     * Renders, keeps (the PDF and its layout, for the postal outbox's print bundle) and records the
     * letter a step calls for, once: the letter's id comes from the application, the kind and the
     * step's version, so a second call (the assessor's page and the job, a retry) answers the letter
     * already recorded and renders nothing.
     */
    async produce(application: ApplicationForLetter, request: LetterRequest, stepVersion: number, context: CommandContext & { date?: string }) {
      const letterId = letterIdFor(application.reference, request.kind, stepVersion);
      const existing = await row(letterId);
      if (existing) return { letterId, row: existing, problem: null };
      const now = context.now ?? deps.clock.now();
      const language: Language = isLanguage(application.language) ? application.language : 'en';
      const parts = applicationLetterParts(application, request, context.date ?? ukDate(now), deps.details);
      const bytes = await renderParts(parts);
      const { hash } = await deps.files.put(bytes, 'application/pdf');
      const { hash: layoutHash } = await deps.files.put(Buffer.from(JSON.stringify(parts)), 'application/json');
      const english = parts[0]!.letter;
      const produced = await executeCommand(
        db,
        produceAccreditationLetter,
        { letterId, applicationReference: application.reference, kind: request.kind, form: english.formCode ?? '', title: english.title, language, fileHash: hash, layoutHash },
        { actor: context.actor, now, idempotencyKey: `accreditation-letter:${letterId}` },
      );
      // Refused or a conflict: another run recorded it first.
      return { letterId, row: await row(letterId), problem: produced.ok || produced.kind === 'refused' || produced.kind === 'conflict' ? null : produced.message };
    },

    /** Emails a recorded letter with its PDF attached, unless it is already recorded as emailed; then records it. At least once, never lost (see the job). */
    async email(letterId: string, application: ApplicationForLetter, request: LetterRequest, context: { actor: Actor; now?: Date }) {
      const letter = await row(letterId);
      if (!letter) throw new Error(`accreditation letter ${letterId} is not recorded`);
      if (letter.emailedTo) return letter.emailedTo;
      const bytes = await deps.files.get(letter.fileHash);
      if (!bytes) throw new Error(`the PDF of accreditation letter ${letterId} (${letter.fileHash}) is not in the file store`);
      const language: Language = isLanguage(application.language) ? application.language : 'en';
      const email = applicationEmail(language, application, request);
      await deps.mailer.send({ to: application.company.email, subject: email.subject, body: email.body, reference: application.reference, attachment: { filename: `${application.reference}-${letter.form}.pdf`, bytes, mediaType: 'application/pdf' } });
      const now = context.now ?? deps.clock.now();
      const recorded = await executeCommand(db, recordAccreditationLetterEmailed, { letterId, to: application.company.email }, { actor: context.actor, now, idempotencyKey: `accreditation-letter-emailed:${letterId}` });
      if (!recorded.ok && recorded.kind !== 'refused' && recorded.kind !== 'conflict') throw new Error(`accreditation letter ${letterId} was emailed but could not be recorded: ${recorded.message}`);
      return application.company.email;
    },

    /**
     * Produces and (unless told not to) emails a letter at once, after the step that calls for it:
     * the earlier entry point, kept for callers outside the job (the job is the way for a step's
     * letters, so a crash loses nothing). Answers the letter's id and where it was emailed.
     */
    async send(application: ApplicationForLetter, request: LetterRequest, stepVersion: number, context: CommandContext, options: { email: boolean } = { email: true }) {
      const produced = await service.produce(application, request, stepVersion, context);
      if (produced.problem || !options.email) return { letterId: produced.letterId, emailedTo: null as string | null, problem: produced.problem };
      const emailedTo = await service.email(produced.letterId, application, request, { actor: context.actor, ...(context.now ? { now: context.now } : {}) });
      return { letterId: produced.letterId, emailedTo, problem: null };
    },

    /**
     * The `accreditation-letter` job: the letter of the step named by the payload, produced if it is
     * not yet (a crash after the step, before the assessor's page made it), and a decision emailed
     * if it is not yet. A failure throws: the runner tries again after growing delays.
     */
    jobKind(): JobKind {
      return {
        async run(payload, context) {
          const reference = String(payload.reference);
          const version = Number(payload.version);
          const kind = String(payload.letter) as AccreditationLetterKind;
          const step = await letterOfStep(db, reference, version, kind);
          if (!step) throw new Error(`application ${reference} has no step at version ${version} calling for a ${kind} letter`);
          const produced = await service.produce(step.application, step.request, version, { actor: ACCREDITATION_LETTERS_ACTOR, now: context.now, date: step.date });
          if (produced.problem) throw new Error(`accreditation letter ${produced.letterId} could not be recorded: ${produced.problem}`);
          if (EMAILED_BY_THE_JOB.includes(kind)) await service.email(produced.letterId, step.application, step.request, { actor: ACCREDITATION_LETTERS_ACTOR, now: context.now });
        },
      };
    },

    async ofApplication(reference: string) {
      return db.select().from(accreditationLetters).where(eq(accreditationLetters.applicationReference, reference)).orderBy(asc(accreditationLetters.producedOn), asc(accreditationLetters.producedAt), asc(accreditationLetters.id));
    },

    /** The PDF of one of the application's letters (null when it is not this application's). */
    async pdf(reference: string, letterId: string) {
      const letter = await row(letterId);
      if (!letter || letter.applicationReference !== reference) return null;
      const bytes = await deps.files.get(letter.fileHash);
      return bytes ? { row: letter, bytes } : null;
    },

    /** The application's letters in correspondence's postal outbox: to the company's address, in its language after the English. */
    postal(): PostalLetterSource {
      const waiting = (ids?: readonly string[]) =>
        db
          .select({ letter: accreditationLetters, application: accreditationApplications })
          .from(accreditationLetters)
          .innerJoin(accreditationApplications, eq(accreditationApplications.reference, accreditationLetters.applicationReference))
          .where(and(isNull(accreditationLetters.postedOn), ...(ids ? [inArray(accreditationLetters.id, [...ids])] : [])))
          .orderBy(asc(accreditationLetters.producedAt), asc(accreditationLetters.id));
      const toPostal = ({ letter, application }: Awaited<ReturnType<typeof waiting>>[number]): PostalLetter => ({
        id: letter.id,
        record: { label: application.reference, href: `/accreditation/applications/${application.reference}` },
        title: letter.title,
        form: letter.form,
        language: letter.language,
        recipientName: application.companyName,
        addressLines: [...application.addressLines, ...(application.postcode ? [application.postcode] : []), formatCountry('en', application.country)],
        createdAt: letter.producedAt ?? new Date(`${letter.producedOn}T00:00:00Z`),
        emailedAt: letter.emailedOn ? new Date(`${letter.emailedOn}T00:00:00Z`) : null,
        href: `/accreditation/applications/${application.reference}/letters/${letter.id}.pdf`,
        layoutHash: letter.layoutHash,
      });
      return {
        async unposted() {
          return (await waiting()).map(toPostal);
        },
        async waitingAmong(ids) {
          return ids.length ? (await waiting(ids)).map(toPostal) : [];
        },
        async markPosted(ids, actor) {
          const problems: string[] = [];
          let posted = 0;
          for (const letterId of ids) {
            const outcome = await executeCommand(db, markAccreditationLetterPosted, { letterId }, { actor, now: deps.clock.now() });
            if (outcome.ok) posted += 1;
            else problems.push(`${letterId}: ${outcome.message}`);
          }
          return { posted, problems };
        },
      };
    },
  };
  return service;
}

export type AssessLetters = ReturnType<typeof assessLetters>;
