import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import { stableId } from './stable-id.js';
import { executeCommand, type CommandContext } from '../../platform/events/command.js';
import type { FileStore } from '../../platform/files/file-store.js';
import type { Mailer } from '../../platform/notify/mailer.js';
import type { LetterDetails } from '../../platform/config.js';
import { formatCountry, formatDate, formatMoney } from '../../platform/i18n/format.js';
import { isLanguage, type Language } from '../../platform/i18n/languages.js';
import { t, type MessageKey } from '../../platform/i18n/messages.js';
import { bilingualParts, renderParts, type Letter, type LetterBlock, type LetterPart } from '../../platform/pdf/letter.js';
import type { AccreditationLetterKind } from '../../domain/accreditation/letters.js';
import type { ReviewTriggerKind } from '../../domain/accreditation/review-triggers.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { LETTER_FORMS } from '../correspondence/letters/forms.js';
import { contactBlocks, homeOfficeSender, paymentBlocks, requirementNames, type PaymentDetails } from '../correspondence/letters/letter-parts.js';
import { letterContact, paymentDetails } from '../correspondence/case-letters.js';
import type { SecurityRequirementCode } from '../../domain/incident/security-requirements.js';
import { produceAccreditationLetter, recordAccreditationLetterEmailed } from './assess-commands.js';
import { accreditationLetters } from './assess-schema.js';

/*
 * A CPAS member's letters (issue #16 item 3, README-review.md): a review opened, a review
 * concluded (kept, or removed with the reasons and the reapply date), suspended (which penalty,
 * the day of removal if still unpaid, how to pay), removed (why, the reapply date). English first,
 * then the member's language, like every letter of the scheme; kept with the member's application
 * on the `accreditation-letter` stream and emailed to the application's address, as the
 * application's letters are (assess-letters.ts). A letter's id comes from what it is about, so a
 * second run produces nothing: its stream exists.
 */

/** The member as a letter needs it: the accepted application's company and contact. */
export interface MemberForLetter {
  partyId: string;
  /** The accepted application's reference (`CPAS-2026-00042`): the letters are kept with it. */
  reference: string;
  language: string;
  memberFrom: string;
  company: { name: string; contactName: string; addressLines: readonly string[]; postcode: string | null; country: string; email: string };
}

export interface PenaltyToPay {
  caseReference: string;
  paymentReference: string;
  outstandingPence: number;
  paymentDue: string;
}

export type MemberLetterRequest =
  | { kind: 'reviewOpened'; reviewId: string; trigger: ReviewTriggerKind; incidents: readonly { caseReference: string; date: string }[]; windowFrom: string; windowTo: string; requirements: readonly string[] }
  | { kind: 'reviewKept'; reviewId: string; notes: string }
  | { kind: 'reviewRemoved'; reviewId: string; reasons: string; removedOn: string; reapplyFrom: string }
  | { kind: 'suspended'; suspendedFrom: string; removalOn: string; penalties: readonly PenaltyToPay[] }
  | { kind: 'removed'; removedOn: string; reapplyFrom: string };

/** What the letter is about: the same thing never gets two letters. */
function subjectOf(request: MemberLetterRequest): string {
  switch (request.kind) {
    case 'reviewOpened':
    case 'reviewKept':
    case 'reviewRemoved':
      return request.reviewId;
    case 'suspended':
      return request.suspendedFrom;
    case 'removed':
      return request.removedOn;
  }
}

/** A stable id for a member's letter, from the member, the kind and what it is about. */
export function memberLetterIdFor(partyId: string, request: MemberLetterRequest): string {
  return stableId(`accreditation-member-letter:${partyId}:${request.kind}:${subjectOf(request)}`);
}

const w = (language: Language, key: string, params?: Record<string, string | number>) => t(language, key as MessageKey, params);

/** Why the review was opened, in a sentence. */
export function triggerSentence(language: Language, request: { trigger: ReviewTriggerKind; incidents: readonly { date: string }[]; windowFrom: string; windowTo: string }): string {
  const params = { n: request.incidents.length, from: formatDate(language, request.windowFrom), to: formatDate(language, request.windowTo), date: formatDate(language, request.windowFrom) };
  return w(language, `accreditation.review.trigger.${request.trigger}.sentence`, params);
}

function frame(language: Language, member: MemberForLetter, date: string, title: string, formCode: string, blocks: LetterBlock[], details: LetterDetails): Letter {
  return {
    language,
    title,
    reference: member.reference,
    date,
    formCode,
    sender: homeOfficeSender(language, letterContact(details)),
    recipient: {
      name: member.company.name,
      addressLines: [
        t(language, 'accreditation.assess.letter.forAttention', { name: member.company.contactName }),
        ...member.company.addressLines,
        ...(member.company.postcode ? [member.company.postcode] : []),
        formatCountry(language, member.company.country),
      ],
    },
    blocks: [
      {
        kind: 'keyValue',
        rows: [
          { key: w(language, 'accreditation.review.letter.membershipReference'), value: member.reference },
          { key: t(language, 'accreditation.assess.letter.company'), value: member.company.name },
          { key: w(language, 'accreditation.review.letter.memberFrom'), value: formatDate(language, member.memberFrom) },
        ],
      },
      ...blocks,
      ...contactBlocks(language, member.reference, letterContact(details)),
    ],
  };
}

function memberLetter(language: Language, member: MemberForLetter, request: MemberLetterRequest, date: string, details: LetterDetails, payment: PaymentDetails): Letter {
  const forms = LETTER_FORMS.accreditationMember;
  const title = w(language, `accreditation.review.letter.${request.kind}.title`);
  const asWritten = { kind: 'paragraph' as const, text: w(language, 'accreditation.review.letter.asWritten') };
  switch (request.kind) {
    case 'reviewOpened':
      return frame(language, member, date, title, forms.reviewOpened, [
        { kind: 'paragraph', text: w(language, 'accreditation.review.letter.reviewOpened.why', { why: triggerSentence(language, request) }) },
        { kind: 'heading', text: w(language, 'accreditation.review.letter.incidentsHeading') },
        { kind: 'list', items: request.incidents.map((incident) => w(language, 'accreditation.review.letter.incident', { reference: incident.caseReference, date: formatDate(language, incident.date) })) },
        ...(request.requirements.length
          ? [
              { kind: 'heading' as const, text: w(language, 'accreditation.review.letter.requirementsHeading') },
              { kind: 'list' as const, items: requirementNames(language, request.requirements as SecurityRequirementCode[]) },
            ]
          : []),
        { kind: 'paragraph', text: w(language, 'accreditation.review.letter.reviewOpened.meanwhile') },
        { kind: 'paragraph', text: w(language, 'accreditation.review.letter.reviewOpened.tellUs', { reference: member.reference }) },
      ], details);
    case 'reviewKept':
      return frame(language, member, date, title, forms.reviewKept, [
        { kind: 'paragraph', strong: true, text: w(language, 'accreditation.review.letter.reviewKept.decision') },
        { kind: 'heading', text: w(language, 'accreditation.review.letter.notesHeading') },
        asWritten,
        { kind: 'paragraph', text: request.notes },
        { kind: 'paragraph', text: t(language, 'accreditation.assess.letter.accepted.keep') },
      ], details);
    case 'reviewRemoved':
      return frame(language, member, date, title, forms.reviewRemoved, [
        { kind: 'paragraph', strong: true, text: w(language, 'accreditation.review.letter.reviewRemoved.decision', { date: formatDate(language, request.removedOn) }) },
        { kind: 'heading', text: w(language, 'accreditation.review.letter.reasonsHeading') },
        asWritten,
        { kind: 'paragraph', text: request.reasons },
        { kind: 'paragraph', text: w(language, 'accreditation.review.letter.removedMeans') },
        { kind: 'paragraph', text: w(language, 'accreditation.review.letter.reapply', { date: formatDate(language, request.reapplyFrom) }) },
      ], details);
    case 'suspended':
      return frame(language, member, date, title, forms.suspended, [
        { kind: 'paragraph', strong: true, text: w(language, 'accreditation.review.letter.suspended.decision', { date: formatDate(language, request.suspendedFrom) }) },
        { kind: 'heading', text: w(language, 'accreditation.review.letter.suspended.penaltiesHeading') },
        ...request.penalties.map((penalty) => ({
          kind: 'keyValue' as const,
          rows: [
            { key: w(language, 'accreditation.review.letter.suspended.case'), value: penalty.caseReference },
            { key: w(language, 'accreditation.review.letter.suspended.outstanding'), value: formatMoney(language, penalty.outstandingPence) },
            { key: w(language, 'accreditation.review.letter.suspended.due'), value: formatDate(language, penalty.paymentDue) },
            { key: w(language, 'accreditation.review.letter.suspended.paymentReference'), value: penalty.paymentReference },
          ],
        })),
        { kind: 'paragraph', text: w(language, 'accreditation.review.letter.suspended.meanwhile') },
        { kind: 'paragraph', strong: true, text: w(language, 'accreditation.review.letter.suspended.removal', { date: formatDate(language, request.removalOn) }) },
        { kind: 'heading', text: w(language, 'accreditation.review.letter.suspended.howToPay') },
        ...paymentBlocks(language, payment),
        { kind: 'paragraph', text: w(language, 'accreditation.review.letter.suspended.objected', { reference: member.reference }) },
      ], details);
    case 'removed':
      return frame(language, member, date, title, forms.removed, [
        { kind: 'paragraph', strong: true, text: w(language, 'accreditation.review.letter.removed.decision', { date: formatDate(language, request.removedOn) }) },
        { kind: 'paragraph', text: w(language, 'accreditation.review.letter.removedMeans') },
        { kind: 'paragraph', text: w(language, 'accreditation.review.letter.reapply', { date: formatDate(language, request.reapplyFrom) }) },
      ], details);
  }
}

/** The letter's pages: English, then the member's language (once when it is English). */
export function memberLetterParts(member: MemberForLetter, request: MemberLetterRequest, date: string, details: LetterDetails): LetterPart[] {
  const language: Language = isLanguage(member.language) ? member.language : 'en';
  const payment = paymentDetails(details);
  return bilingualParts(memberLetter('en', member, request, date, details, payment), memberLetter(language, member, request, date, details, payment));
}

/** The email that carries the letter, in the member's language. */
export function memberEmail(language: Language, member: MemberForLetter, request: MemberLetterRequest): { subject: string; body: string } {
  const title = w(language, `accreditation.review.letter.${request.kind}.title`);
  return {
    subject: `${title} (${member.reference})`,
    body: [
      t(language, 'accreditation.assess.email.greeting', { name: member.company.contactName }),
      '',
      w(language, 'accreditation.review.email.body', { title, reference: member.reference }),
      '',
      t(language, 'accreditation.assess.email.signOff'),
    ].join('\n'),
  };
}

export function memberLetters(db: Db, deps: { files: FileStore; mailer: Mailer; details: LetterDetails; clock: { now(): Date } }) {
  return {
    /** Whether this letter was produced already (the record that the member was told). */
    async sent(member: Pick<MemberForLetter, 'partyId'>, request: MemberLetterRequest): Promise<boolean> {
      const [row] = await db.select({ id: accreditationLetters.id }).from(accreditationLetters).where(eq(accreditationLetters.id, memberLetterIdFor(member.partyId, request)));
      return row !== undefined;
    },

    /**
     * Produces, keeps, records and emails a member's letter once: a letter already recorded is not
     * produced or sent again. Answers the letter's id and whether it was produced now.
     */
    async send(member: MemberForLetter, request: MemberLetterRequest, context: CommandContext): Promise<{ letterId: string; produced: boolean; emailedTo: string | null }> {
      const letterId = memberLetterIdFor(member.partyId, request);
      if (await this.sent(member, request)) return { letterId, produced: false, emailedTo: null };
      const now = context.now ?? deps.clock.now();
      const language: Language = isLanguage(member.language) ? member.language : 'en';
      const parts = memberLetterParts(member, request, ukDate(now), deps.details);
      const bytes = await renderParts(parts);
      const { hash } = await deps.files.put(bytes, 'application/pdf');
      const english = parts[0]!.letter;
      const kind: AccreditationLetterKind = request.kind;
      const produced = await executeCommand(
        db,
        produceAccreditationLetter,
        { letterId, applicationReference: member.reference, kind, form: english.formCode ?? '', title: english.title, language, fileHash: hash, member: { partyId: member.partyId, about: subjectOf(request) } },
        { ...context, now, expectedVersion: undefined, idempotencyKey: `accreditation-letter:${letterId}`, idempotencyScope: undefined },
      );
      if (!produced.ok) return { letterId, produced: false, emailedTo: null };
      const email = memberEmail(language, member, request);
      await deps.mailer.send({ to: member.company.email, subject: email.subject, body: email.body, reference: member.reference, attachment: { filename: `${member.reference}-${english.formCode ?? 'letter'}.pdf`, bytes, mediaType: 'application/pdf' } });
      const emailed = await executeCommand(db, recordAccreditationLetterEmailed, { letterId, to: member.company.email }, { ...context, now, expectedVersion: undefined, idempotencyKey: `accreditation-letter-emailed:${letterId}`, idempotencyScope: undefined });
      return { letterId, produced: true, emailedTo: emailed.ok ? member.company.email : null };
    },
  };
}

export type MemberLetters = ReturnType<typeof memberLetters>;
