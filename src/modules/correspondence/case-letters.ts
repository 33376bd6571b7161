import type { Db } from '../../platform/database/client.js';
import { monotonicId } from '../../platform/ids.js';
import type { FileStore } from '../../platform/files/file-store.js';
import { enqueueJob } from '../../platform/jobs/queue.js';
import { isLanguage, type Language } from '../../platform/i18n/languages.js';
import { initialNoticeParts } from './letters/initial-notice.js';
import { penaltyNoticeParts, type BankTransferDetails } from './letters/penalty-notice.js';
import type { LetterDetails } from '../../platform/config.js';
import { renderParts, type LetterPart } from '../../platform/pdf/letter.js';
import { LETTER_FORMS } from './letters/forms.js';
import type { IncidentSummary, LetterContact } from './letters/letter-parts.js';
import type { SecurityRequirementCode } from '../../domain/incident/security-requirements.js';
import { deadlineOf } from '../../domain/liability/liability-clock.js';
import type { LiabilityState } from '../../domain/liability/liability-state.js';
import { portName } from '../../domain/reference/ports.js';
import { stepRule } from '../../domain/penalty/penalty-steps.js';
import type { Offence, Role } from '../../domain/penalty/penalty-input.js';
import type { CaseFile, LiabilityRow } from '../casework/case-file.js';
import type { CaseworkEffect } from '../casework/liability-command.js';
import { paymentReference } from '../../domain/payments/payment-reference.js';
import { CASE_EVENT } from '../../domain/case/events.js';
import { appendEvents, streamVersion, type Actor } from '../../platform/events/event-store.js';
import { casesProjector } from '../casework/projector.js';
import { correspondenceProjector } from './projector.js';
import { project } from '../../platform/projections/projector.js';
import { jointLiabilitiesOfCase } from '../vehicle-action-list/joint-section.js';
import { issueAccessCode, withAccessCode } from './access-codes.js';

/** The contact details letters print, from configuration (`CORDON_LETTERS_*`). */
export function letterContact(details: LetterDetails): LetterContact {
  return { email: details.contact.email, phone: details.contact.phone, postalAddress: details.contact.postalAddress };
}

/** How to pay, from configuration: the GOV.UK Pay link when one is configured, and bank transfer (`CORDON_BANK_*`). */
export function paymentDetails(details: LetterDetails): { onlineUrl?: string; bankTransfer: BankTransferDetails } {
  return { ...(details.paymentUrl ? { onlineUrl: details.paymentUrl } : {}), bankTransfer: { ...details.bank } };
}

interface IncidentData {
  kind?: string;
  location?: string;
  port?: string;
  tractorRegistration?: string;
  tractorCountry?: string;
  trailerRegistration?: string;
  trailerCountry?: string;
  requirements?: Record<string, string>;
  responsiblePersons?: { kind?: string; name: string; role: string }[];
}

/**
 * How a letter learns what the incident recorded: intake's published `incidentDataOf`, passed in by
 * `src/app.ts` (so correspondence does not import intake), read in the step's transaction.
 */
export type IncidentDataOf = (tx: Db, incidentId: string) => Promise<unknown>;

export async function incidentData(tx: Db, file: CaseFile, incidentDataOf: IncidentDataOf): Promise<IncidentData | null> {
  if (!file.kase.incidentId) return null;
  return ((await incidentDataOf(tx, file.kase.incidentId)) as IncidentData | null) ?? null;
}

export function summary(file: CaseFile, data: IncidentData | null): IncidentSummary {
  const kase = file.kase;
  const driver = file.liabilities.find((row) => row.role === 'driver');
  return {
    date: kase.incidentDate,
    place: data?.kind === 'inland' ? (data.location ?? 'United Kingdom') : portName(kase.portCode),
    vehicle: { registration: data?.tractorRegistration ?? kase.vehicleRegistration, country: data?.tractorCountry ?? kase.vehicleCountry },
    ...(data?.trailerRegistration && data.tractorRegistration ? { trailer: { registration: data.trailerRegistration, country: data.trailerCountry ?? kase.vehicleCountry } } : {}),
    ...(driver ? { driverName: driver.partyName } : {}),
    ...(kase.clandestineEntrants ? { clandestineEntrants: kase.clandestineEntrants } : {}),
  };
}

export function languageOf(row: LiabilityRow): Language {
  return isLanguage(row.language) ? row.language : 'en';
}

function recipientKind(row: LiabilityRow, data: IncidentData | null): 'company' | 'individual' {
  const person = row.personIndex !== null ? data?.responsiblePersons?.[row.personIndex] : undefined;
  if (person?.kind) return person.kind === 'person' ? 'individual' : 'company';
  return row.role === 'driver' ? 'individual' : 'company';
}

/**
 * Keeps a letter a step produced: the PDF in the file store, its parts (the letters as laid out, so
 * the postal outbox can print many in one PDF) beside it, and `LetterProduced` on the case's stream
 * with everything its row holds (the correspondence projector writes the row from it), in the
 * step's transaction.
 */
export async function keep(tx: Db, files: FileStore, file: CaseFile, row: LiabilityRow, form: string, title: string, letterParts: readonly LetterPart[], actor: Actor, now: Date) {
  // Monotonic: the letters of one step share a created_at, and keep the order they were made in.
  const letterId = monotonicId();
  // Every letter to a person carries a new portal access code (their older ones stop working): printed, never stored plain.
  const code = await issueAccessCode(tx, { caseId: file.kase.id, liabilityId: row.id, letterId, now });
  const parts = withAccessCode(letterParts, { code, caseReference: file.kase.reference });
  const { hash } = await files.put(await renderParts(parts), 'application/pdf');
  const { hash: layoutHash } = await files.put(Buffer.from(JSON.stringify(parts)), 'application/json');
  const payload = {
    letterId,
    liabilityId: row.id,
    form,
    title,
    language: languageOf(row),
    fileHash: hash,
    layoutHash,
    recipientName: row.partyName,
    addressLines: row.addressLines ?? [],
    email: row.email,
  };
  const streamId = `case-${file.kase.id}`;
  const events = [{ type: CASE_EVENT.LetterProduced, payload }];
  const version = await appendEvents(tx, { streamId, streamType: 'case', expectedVersion: await streamVersion(tx, streamId), events, actor, occurredAt: now });
  // The case's version moves (cases projector); the letter's row is correspondence's.
  await project(tx, [casesProjector, correspondenceProjector], [{ streamId, streamType: 'case', version, type: CASE_EVENT.LetterProduced, payload: { ...payload }, actorId: actor.id, actorName: actor.name, occurredAt: now }]);
  // Emailed by a job queued in the same transaction: it exists exactly when the letter does, once.
  if (row.email) await enqueueJob(tx, emailLetterJob(payload.letterId, file.kase.reference), now);
  return payload.letterId;
}

/** The job kind that emails a letter (`letter-email.ts` runs it). */
export const EMAIL_LETTER = 'email-letter';

/** The job that emails one letter: one per letter, by its unique key. */
export function emailLetterJob(letterId: string, reference: string) {
  return { kind: EMAIL_LETTER, payload: { letterId, reference }, uniqueKey: `${EMAIL_LETTER}:${letterId}` };
}

function responseDue(state: LiabilityState, file: CaseFile): string {
  if (!file.policy.ok) throw new Error(`case ${file.kase.reference}: no policy version, so no response date for the initial notice`);
  const due = deadlineOf(state, file.policy.policyVersion, 'initialNoticeResponseDue');
  if (!due) throw new Error(`case ${file.kase.reference}: the clock gave no response date for the initial notice`);
  return due;
}

/**
 * The letters casework steps produce, inside the step's transaction: the initial notice (IS11D/E)
 * when it is sent or re-sent, the penalty notice (IS1131A/IS1132) on imposition. Each is a PDF in
 * English and the recipient's language, kept in the file store and queued for posting.
 */
export function caseLetterEffect(files: FileStore, incidentDataOf: IncidentDataOf, details: LetterDetails): CaseworkEffect {
  const contact = letterContact(details);
  const payment = paymentDetails(details);
  return async (tx, { file, changes, actor, now }) => {
    const needsLetter = changes.some((change) => change.events.some((event) => event.type === CASE_EVENT.InitialNoticeSent || event.type === CASE_EVENT.PenaltyImposed));
    if (!needsLetter) return;
    const data = await incidentData(tx, file, incidentDataOf);
    const incident = summary(file, data);
    for (const { row, after, events } of changes) {
      const offence = row.offence as Offence;
      const role = row.role as Role;
      for (const event of events) {
        if (event.type === CASE_EVENT.InitialNoticeSent) {
          const requirementsNotMet = Object.entries(data?.requirements ?? {})
            .filter(([, finding]) => finding === 'not-met')
            .map(([code]) => code as SecurityRequirementCode);
          const parts = initialNoticeParts({
            offence,
            language: languageOf(row),
            caseReference: file.kase.reference,
            noticeDate: event.payload.on,
            recipient: { name: row.partyName, addressLines: row.addressLines ?? [] },
            recipientKind: recipientKind(row, data),
            role,
            incident,
            requirementsNotMet,
            responseDue: responseDue(after, file),
            contact,
          });
          const form = LETTER_FORMS.initialNotice[offence];
          await keep(tx, files, file, row, form, `Initial notice (${form})${event.payload.resend ? ', re-sent' : ''}`, parts, actor, now);
        }
        if (event.type === CASE_EVENT.PenaltyImposed) {
          const recommendation = after.recommendation;
          if (!recommendation || !file.policy.ok) throw new Error(`case ${file.kase.reference}: imposed without a recommendation`);
          const policyVersion = file.policy.policyVersion;
          const split = after.aggregateCap?.seniorOfficerSplit;
          const steps = split && split.amountPence !== recommendation.amountPence
            ? [...recommendation.steps, { label: 'Aggregate maximum for the incident, split by a senior officer', rule: stepRule.lowerOf(split.amountPence), amountPence: split.amountPence }]
            : recommendation.steps;
          // The one jointly and severally liable (the register's employer, else the case's hirer, owner or operator): the owner's letter names the same.
          const employer = role === 'driver' ? (await jointLiabilitiesOfCase(tx, file)).find((item) => item.driverLiabilityId === row.id)?.employer : undefined;
          const parts = penaltyNoticeParts({
            offence,
            language: languageOf(row),
            caseReference: file.kase.reference,
            noticeDate: event.payload.noticeDate,
            recipient: { name: row.partyName, addressLines: row.addressLines ?? [] },
            role,
            incident,
            steps,
            amountPence: event.payload.amountPence,
            paymentDue: deadlineOf(after, policyVersion, 'paymentDue') ?? event.payload.noticeDate,
            objectionDeadline: deadlineOf(after, policyVersion, 'objectionDue') ?? event.payload.noticeDate,
            appealDeadline: deadlineOf(after, policyVersion, 'appealDue') ?? event.payload.noticeDate,
            // The reference with the person's suffix (-D, -O…), so the ledger import knows whose penalty is paid.
            payment: { reference: paymentReference(file.kase.reference, role), ...payment },
            ...(employer ? { jointlyLiableWith: employer.name } : {}),
            contact,
          });
          const form = LETTER_FORMS.penaltyNotice[offence];
          await keep(tx, files, file, row, form, `Penalty notice (${form})`, parts, actor, now);
        }
      }
    }
  };
}
