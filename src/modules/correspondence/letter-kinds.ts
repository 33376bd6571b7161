import { CASE_EVENT } from '../../domain/case/events.js';
import type { LetterDetails } from '../../platform/config.js';
import type { FileStore } from '../../platform/files/file-store.js';
import type { LetterPart } from '../../platform/pdf/letter.js';
import type { WriteOffReason } from '../../domain/liability/actions.js';
import { deadlineOf } from '../../domain/liability/liability-clock.js';
import type { EventOf, LiabilityEventType } from '../../domain/liability/liability-events.js';
import { currentAmountPence, outstandingPence, type LiabilityState } from '../../domain/liability/liability-state.js';
import type { PolicyVersion } from '../../domain/policy/policy-parameters.js';
import type { Offence, Role } from '../../domain/penalty/penalty-input.js';
import { paymentReference } from '../../domain/payments/payment-reference.js';
import type { CaseFile, LiabilityRow } from '../casework/case-file.js';
import type { CaseworkEffect } from '../casework/liability-command.js';
import { incidentData, keep, languageOf, letterContact, paymentDetails, summary, type IncidentDataOf } from './case-letters.js';
import { LETTER_FORMS } from './letters/forms.js';
import { instalmentPlanParts } from './letters/instalment-plan.js';
import { lateObjectionRefusedParts } from './letters/late-objection-refused.js';
import type { CaseLetterBase } from './letters/letter-parts.js';
import { writeOffLetterParts } from './letters/write-off-letter.js';

/*
 * One registry of the letters a liability event produces. A letter kind names the event and builds
 * the letter from the case as it stands after the step (or answers null when no letter is due);
 * `letterKindsEffect` runs every kind in the step's transaction, so the step is never recorded
 * without its letter. Another module's letter joins by adding a kind to `LETTER_KINDS` (or passing
 * its own list to `letterKindsEffect`).
 *
 * The letters that came before the registry (initial notice, penalty notice, objection decision,
 * refund) keep their own effects; the time-driven ones (reminder, final demand) are a daily job
 * (`payment-reminders.ts`), and the detention notice follows the enforcement module's detention
 * command (`detention-letter.ts`).
 */

/** What a letter kind is given: the step's event on one liability, the case, and the configured details. */
export interface LetterOccasion<E extends LiabilityEventType> {
  file: CaseFile;
  row: LiabilityRow;
  before: LiabilityState;
  after: LiabilityState;
  event: EventOf<E>;
  policyVersion: PolicyVersion | undefined;
  /** The fields every letter starts from (recipient, incident, language, contact), dated the event's day. */
  base: CaseLetterBase;
  details: LetterDetails;
}

/** A letter to produce: its form code and English title (for the case's letter list) and its parts. */
export interface LetterToKeep {
  form: string;
  title: string;
  parts: LetterPart[];
}

export interface LetterKind<E extends LiabilityEventType = LiabilityEventType> {
  /** The liability event that produces the letter. */
  on: E;
  /** The letter, or null when none is due on this occasion. */
  letter(occasion: LetterOccasion<E>): LetterToKeep | null;
}

/** Keeps the event's type and the occasion's type together (the registry holds kinds of many events). */
export function letterKind<E extends LiabilityEventType>(kind: LetterKind<E>): LetterKind {
  return kind as unknown as LetterKind;
}

/**
 * Which write-offs the person is told of. A letter is due only where they were told they might be
 * liable and are still waiting to hear: a case written off because the deadline was missed after
 * an initial notice went (fn 118: a notice that must be re-sent after day 151, or a penalty the
 * team could not impose in time) — they answered the questionnaire and are owed the outcome.
 * Nobody is told of the others: "cancelled" was already told by the objection or appeal decision
 * letter; "criminal-investigation" would tip off a suspect; "uneconomic", "insolvency" and
 * "limitation" are accounting decisions about a debt the person was told of on the penalty notice,
 * and a letter saying it will not be pursued would be read as a release from it.
 */
export const WRITE_OFF_LETTER_DUE: Readonly<Record<WriteOffReason, (state: LiabilityState) => boolean>> = {
  'deadline-missed': (state) => state.initialNotices.length > 0 && !state.penaltyNotice,
  'criminal-investigation': () => false,
  insolvency: () => false,
  uneconomic: () => false,
  limitation: () => false,
  cancelled: () => false,
};

const reference = (occasion: { file: CaseFile; row: LiabilityRow }) => paymentReference(occasion.file.kase.reference, occasion.row.role as Role);

export const instalmentPlanLetterKind = letterKind({
  on: CASE_EVENT.InstalmentPlanAgreed,
  letter: ({ base, after, event, details, ...rest }) => ({
    form: LETTER_FORMS.instalmentPlan,
    title: `Instalment plan agreed (${LETTER_FORMS.instalmentPlan})`,
    parts: instalmentPlanParts({
      ...base,
      amountPence: currentAmountPence(after) ?? 0,
      paidBeforePence: event.payload.paidBeforePence,
      schedule: event.payload.schedule,
      paymentReference: reference(rest),
      payment: paymentDetails(details),
    }),
  }),
});

export const lateObjectionRefusedLetterKind = letterKind({
  on: CASE_EVENT.LateObjectionRefused,
  letter: ({ base, after, event, details, policyVersion, file, ...rest }) => {
    const objection = after.objection;
    const noticeDate = after.penaltyNotice?.noticeDate;
    const objectionDue = policyVersion ? deadlineOf(after, policyVersion, 'objectionDue') : undefined;
    if (!objection || !noticeDate || !objectionDue) throw new Error(`case ${file.kase.reference}: a late objection was refused with no objection, penalty notice or objection date on record`);
    return {
      form: LETTER_FORMS.lateObjectionRefused,
      title: `Late objection not considered (${LETTER_FORMS.lateObjectionRefused})`,
      parts: lateObjectionRefusedParts({
        ...base,
        noticeDate,
        objectionReceivedOn: objection.receivedOn,
        objectionDue,
        reasons: event.payload.reason,
        amountPence: currentAmountPence(after) ?? 0,
        outstandingPence: Math.max(0, outstandingPence(after) ?? 0),
        paymentReference: reference({ file, ...rest }),
        payment: paymentDetails(details),
      }),
    };
  },
});

export const writeOffLetterKind = letterKind({
  on: CASE_EVENT.WriteOffApproved,
  letter: ({ base, before, event }) => {
    const sentOn = before.initialNotices.at(-1)?.sentOn;
    if (!WRITE_OFF_LETTER_DUE[event.payload.reason](before) || !sentOn) return null;
    return {
      form: LETTER_FORMS.writeOff,
      title: `No penalty will be given (${LETTER_FORMS.writeOff})`,
      parts: writeOffLetterParts({ ...base, initialNoticeSentOn: sentOn }),
    };
  },
});

/** Every letter a liability event produces through the registry. */
export const LETTER_KINDS: readonly LetterKind[] = [instalmentPlanLetterKind, lateObjectionRefusedLetterKind, writeOffLetterKind];

/** The fields every letter to one person starts from. */
export function letterBase(file: CaseFile, row: LiabilityRow, incident: CaseLetterBase['incident'], date: string, details: LetterDetails): CaseLetterBase {
  return {
    offence: row.offence as Offence,
    language: languageOf(row),
    caseReference: file.kase.reference,
    date,
    recipient: { name: row.partyName, addressLines: row.addressLines ?? [] },
    role: row.role as Role,
    incident,
    contact: letterContact(details),
  };
}

/** The casework effect that produces every registered kind's letter in the step's transaction. */
export function letterKindsEffect(files: FileStore, incidentDataOf: IncidentDataOf, details: LetterDetails, kinds: readonly LetterKind[] = LETTER_KINDS): CaseworkEffect {
  const byEvent = new Map<string, LetterKind[]>();
  for (const kind of kinds) byEvent.set(kind.on, [...(byEvent.get(kind.on) ?? []), kind]);
  return async (tx, { file, changes, actor, now }) => {
    if (!changes.some((change) => change.events.some((event) => byEvent.has(event.type)))) return;
    const incident = summary(file, await incidentData(tx, file, incidentDataOf));
    const policyVersion = file.policy.ok ? file.policy.policyVersion : undefined;
    for (const { row, before, after, events } of changes) {
      for (const event of events) {
        for (const kind of byEvent.get(event.type) ?? []) {
          const base = letterBase(file, row, incident, event.payload.on, details);
          const letter = kind.letter({ file, row, before, after, event, policyVersion, base, details });
          if (letter) await keep(tx, files, file, row, letter.form, letter.title, letter.parts, actor, now);
        }
      }
    }
  };
}
