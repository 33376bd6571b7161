import type { Db } from '../../../platform/database/client.js';
import { executeCommand, type CommandOutcome } from '../../../platform/events/command.js';
import type { Actor } from '../../../platform/events/event-store.js';
import type { Clock } from '../../../platform/clock.js';
import type { FileStore } from '../../../platform/files/file-store.js';
import { storeEvidence, type EvidenceUpload } from '../../../platform/files/evidence.js';
import { deadlineOf } from '../../../domain/liability/liability-clock.js';
import { isAfter, type CalendarDate } from '../../../domain/clock/calendar-date.js';
import { outstandingPence } from '../../../domain/liability/liability-state.js';
import { proposeInstalmentPlan, PORTAL_USER } from '../../../domain/liability/portal.js';
import { formatPounds } from '../../../domain/penalty/money.js';
import { ukDate } from '../../../domain/reference/uk-date.js';
import type { ResponseDocument } from '../../../domain/case/events.js';
import type { MeansApplicant } from '../../../domain/case/portal-requests.js';
import { initialNoticeQuestions, type QuestionKey } from '../../correspondence/letters/questionnaire.js';
import type { Offence, Role } from '../../../domain/penalty/penalty-input.js';
import type { casesService } from '../../casework/service.js';
import { incidentDataOf } from '../../intake/queries.js';
import en from '../../../../locales/en.json' with { type: 'json' };
import type { Language } from '../../../domain/reference/languages.js';
import {
  changeContactDetails,
  choosePreferredLanguage,
  portalLiabilityStep,
  portalProposeAddressChange,
  portalRecordResponseDocuments,
  requestMeansTest,
} from './portal-commands.js';

/*
 * What a signed-in person does about their penalty (issue #15 item 4): each runs the command a
 * caseworker would record (src/modules/portal/actions/portal-commands.ts), under the person's
 * portal actor, with uploads stored as evidence the way casework stores documents. Problems come
 * back as codes with the field they are about; the pages word them from the message catalogue.
 */

/** What the actions need of a portal session (src/modules/portal/session.ts `PortalSession` has these). */
export interface ActingPerson {
  caseReference: string;
  liabilityId: string;
  personName: string;
}

/** The actor a portal command is recorded under (the portal contract's `portalActor`). */
export function actorOf(person: ActingPerson): Actor {
  return { id: `portal:${person.liabilityId}`, name: `${person.personName} (online)`, roles: [PORTAL_USER] };
}

export interface ActionProblem {
  field: string;
  /** A code the page words ('late-reason-missing', 'upload', 'refused' …); `message` the English text where there is one. */
  code: string;
  message?: string;
  params?: Record<string, string | number>;
}

export type ActionOutcome<T = unknown> = ({ ok: true } & T) | { ok: false; kind: 'invalid' | 'refused' | 'not-found' | 'conflict'; problems: ActionProblem[] };

export interface PortalActionsDependencies {
  cases: ReturnType<typeof casesService>;
  files: FileStore;
  clock: Clock;
}

function failed(outcome: Exclude<CommandOutcome<unknown>, { ok: true }>): ActionOutcome<never> {
  if (outcome.kind === 'forbidden' || outcome.kind === 'not-found') return { ok: false, kind: 'not-found', problems: [{ field: 'form', code: 'not-found' }] };
  if (outcome.kind === 'conflict') return { ok: false, kind: 'conflict', problems: [{ field: 'form', code: 'conflict' }] };
  const errors = outcome.errors.length ? outcome.errors : [{ field: 'form', message: outcome.message }];
  const code = (message: string) => (/^[a-z-]+$/.test(message) ? message : 'refused');
  return { ok: false, kind: outcome.kind, problems: errors.map((error) => ({ field: error.field, code: code(error.message), message: error.message })) };
}

export function portalActionsService(db: Db, { cases, files, clock }: PortalActionsDependencies) {
  const today = () => ukDate(clock.now());

  async function store(uploads: readonly EvidenceUpload[]): Promise<{ ok: true; files: ResponseDocument[] } | { ok: false; problems: ActionProblem[] }> {
    const stored: ResponseDocument[] = [];
    const problems: ActionProblem[] = [];
    for (const upload of uploads) {
      const outcome = await storeEvidence(files, upload);
      if (outcome.ok) stored.push({ hash: outcome.file.hash, originalName: outcome.file.originalName, mediaType: outcome.file.mediaType, size: outcome.file.size });
      else problems.push({ field: 'files', code: 'upload', message: `${upload.declaredName}: ${outcome.message}` });
    }
    return problems.length ? { ok: false, problems } : { ok: true, files: stored };
  }

  /** A company or a person, as the border recorded them (as the letters decide it, correspondence/case-letters.ts). */
  async function applicantKind(personIndex: number | null, incidentId: string | null, role: string): Promise<MeansApplicant> {
    const data = incidentId ? ((await incidentDataOf(db, incidentId)) as { responsiblePersons?: { kind?: string }[] } | null) : null;
    const kind = personIndex !== null ? data?.responsiblePersons?.[personIndex]?.kind : undefined;
    if (kind) return kind === 'person' ? 'person' : 'company';
    return role === 'driver' ? 'person' : 'company';
  }

  async function liabilityOf(person: ActingPerson) {
    const file = await cases.caseFile(person.caseReference);
    const row = file?.liabilities.find((l) => l.id === person.liabilityId);
    const state = row ? file!.states.get(row.id) : undefined;
    if (!file || !row || !state) return null;
    return { file, row, state, kind: await applicantKind(row.personIndex, file.kase.incidentId, row.role) };
  }

  const step = (person: ActingPerson, action: Record<string, unknown> & { type: string }) =>
    cases.actAs(portalLiabilityStep, { reference: person.caseReference, liabilityIds: [person.liabilityId], action }, { actor: actorOf(person), now: clock.now() });

  const documents = (person: ActingPerson, about: 'response' | 'objection', description: string, stored: ResponseDocument[]) =>
    executeCommand(
      db,
      portalRecordResponseDocuments,
      { reference: person.caseReference, liabilityId: person.liabilityId, receivedOn: today(), about, description, files: stored },
      { actor: actorOf(person), now: clock.now() },
    );

  return {
    /**
     * Remembers the language the person chose on their case (`choosePreferredLanguage`), so their
     * next letters and emails are in it and their next visit opens in it. Choosing the language
     * already on record records nothing and is not an error.
     */
    async choosePreferredLanguage(person: ActingPerson, language: Language): Promise<ActionOutcome> {
      const outcome = await executeCommand(db, choosePreferredLanguage, { reference: person.caseReference, liabilityId: person.liabilityId, language }, { actor: actorOf(person), now: clock.now() });
      if (outcome.ok || (outcome.kind === 'refused' && outcome.errors?.some((e) => e.message === 'language-unchanged'))) return { ok: true };
      return failed(outcome);
    },

    /** The questionnaire's questions for this person, in the letter's order. */
    async questionsFor(person: ActingPerson): Promise<QuestionKey[] | null> {
      const found = await liabilityOf(person);
      if (!found) return null;
      return initialNoticeQuestions(found.row.offence as Offence, found.row.role as Role, found.kind === 'company' ? 'company' : 'individual');
    },

    /**
     * The answers to the initial notice's questionnaire: recorded as the response (the caseworkers'
     * `recordResponse`, the answers as its summary in English question order), then any documents.
     */
    async answerQuestionnaire(person: ActingPerson, input: { answers: Partial<Record<QuestionKey, string>>; uploads: readonly EvidenceUpload[] }): Promise<ActionOutcome> {
      const found = await liabilityOf(person);
      if (!found) return { ok: false, kind: 'not-found', problems: [{ field: 'form', code: 'not-found' }] };
      const questions = initialNoticeQuestions(found.row.offence as Offence, found.row.role as Role, found.kind === 'company' ? 'company' : 'individual');
      const answered = questions.filter((key) => input.answers[key]?.trim());
      if (answered.length === 0) return { ok: false, kind: 'invalid', problems: [{ field: questions[0] ?? 'form', code: 'answer-missing' }] };
      const stored = await store(input.uploads);
      if (!stored.ok) return { ok: false, kind: 'invalid', problems: stored.problems };
      const summary = answered.map((key) => `${en[`question.${key}` as keyof typeof en] ?? key}\n${input.answers[key]!.trim()}`).join('\n\n');
      const recorded = await step(person, { type: 'recordResponse', receivedOn: today(), summary: `Answered online.\n\n${summary}` });
      if (!recorded.ok) return failed(recorded);
      if (stored.files.length) {
        const kept = await documents(person, 'response', 'Sent online with the answers to the questionnaire', stored.files);
        if (!kept.ok) return failed(kept);
      }
      return { ok: true };
    },

    /** When the objection is due, and whether that has passed (the page then asks why it is late). */
    async objectionDeadline(person: ActingPerson): Promise<{ due: CalendarDate | null; late: boolean } | null> {
      const found = await liabilityOf(person);
      if (!found || !found.file.policy.ok) return null;
      const due = deadlineOf(found.state, found.file.policy.policyVersion, 'objectionDue') ?? null;
      return { due, late: due !== null && isAfter(today(), due) };
    },

    /**
     * An objection (the caseworkers' `recordObjection`), with its evidence. After the deadline the
     * person must say why it is late: it is then recorded late, and waits for a caseworker's decision
     * to accept it (`decideLateObjection`), as one a caseworker recorded would.
     */
    async object(person: ActingPerson, input: { grounds: string; lateReason?: string | undefined; uploads: readonly EvidenceUpload[] }): Promise<ActionOutcome<{ late: boolean; due: CalendarDate | null; hearBy: CalendarDate | null }>> {
      const deadline = await this.objectionDeadline(person);
      if (!deadline) return { ok: false, kind: 'not-found', problems: [{ field: 'form', code: 'not-found' }] };
      const problems: ActionProblem[] = [];
      if (!input.grounds.trim()) problems.push({ field: 'grounds', code: 'grounds-missing' });
      if (deadline.late && !input.lateReason?.trim()) problems.push({ field: 'lateReason', code: 'late-reason-missing' });
      if (problems.length) return { ok: false, kind: 'invalid', problems };
      const stored = await store(input.uploads);
      if (!stored.ok) return { ok: false, kind: 'invalid', problems: stored.problems };
      const recorded = await step(person, {
        type: 'recordObjection',
        receivedOn: today(),
        grounds: input.grounds.trim(),
        ...(deadline.late ? { lateReason: input.lateReason!.trim() } : {}),
      });
      if (!recorded.ok) return failed(recorded);
      if (stored.files.length) {
        const kept = await documents(person, 'objection', 'Evidence sent online with the objection', stored.files);
        if (!kept.ok) return failed(kept);
      }
      // The date the decision is due: objection determination days (policy) from its receipt.
      const after = await liabilityOf(person);
      const hearBy = after && after.file.policy.ok ? (deadlineOf(after.state, after.file.policy.policyVersion, 'objectionDeterminationDue') ?? null) : null;
      return { ok: true, late: deadline.late, due: deadline.due, hearBy };
    },

    /** Whether the person is a company or a person: which documents the means pages ask for. */
    async applicantOf(person: ActingPerson): Promise<MeansApplicant | null> {
      const found = await liabilityOf(person);
      return found ? found.kind : null;
    },

    /** A means test asked for, with the documents (payslips and bank statements, or company accounts), in any language. */
    async requestMeansTest(person: ActingPerson, input: { statement: string; documentLanguage: string; uploads: readonly EvidenceUpload[] }): Promise<ActionOutcome> {
      const applicant = await this.applicantOf(person);
      if (!applicant) return { ok: false, kind: 'not-found', problems: [{ field: 'form', code: 'not-found' }] };
      const problems: ActionProblem[] = [];
      if (!/^([a-z]{2}|other)$/i.test(input.documentLanguage.trim())) problems.push({ field: 'documentLanguage', code: 'language-missing' });
      if (input.uploads.length === 0) problems.push({ field: 'files', code: 'means-no-files' });
      if (problems.length) return { ok: false, kind: 'invalid', problems };
      const stored = await store(input.uploads);
      if (!stored.ok) return { ok: false, kind: 'invalid', problems: stored.problems };
      const outcome = await executeCommand(
        db,
        requestMeansTest,
        { reference: person.caseReference, liabilityId: person.liabilityId, applicant, statement: input.statement, documentLanguage: input.documentLanguage, files: stored.files },
        { actor: actorOf(person), now: clock.now() },
      );
      return outcome.ok ? { ok: true } : failed(outcome);
    },

    /** What is owed now, for the instalments page. */
    async owed(person: ActingPerson): Promise<number | null> {
      const found = await liabilityOf(person);
      return found ? (outstandingPence(found.state) ?? null) : null;
    },

    /**
     * A proposed monthly plan: checked against the limits, then recorded as the caseworkers'
     * `requestInstalments` with the schedule written out, for finance to agree (`agreeInstalments`) or refuse.
     */
    async proposeInstalments(person: ActingPerson, input: { monthlyPence: number; firstOn: string }): Promise<ActionOutcome<{ instalments: number }>> {
      const found = await liabilityOf(person);
      if (!found) return { ok: false, kind: 'not-found', problems: [{ field: 'form', code: 'not-found' }] };
      const owed = outstandingPence(found.state) ?? 0;
      if (owed <= 0) return { ok: false, kind: 'refused', problems: [{ field: 'form', code: 'nothing-owed' }] };
      const plan = proposeInstalmentPlan(input, owed, today());
      if (!plan.ok) {
        return { ok: false, kind: 'invalid', problems: plan.problems.map((p) => ({ field: p.field, code: p.code, ...('maxMonths' in p ? { params: { maxMonths: p.maxMonths } } : {}) })) };
      }
      const last = plan.schedule[plan.schedule.length - 1]!;
      const proposal =
        `Proposed online: ${formatPounds(input.monthlyPence)} a month from ${input.firstOn}, ${plan.schedule.length} instalments` +
        `${last.amountPence !== input.monthlyPence ? ` (the last ${formatPounds(last.amountPence)} on ${last.dueOn})` : ` (the last on ${last.dueOn})`}.`;
      const recorded = await step(person, { type: 'requestInstalments', requestedOn: today(), proposal });
      return recorded.ok ? { ok: true, instalments: plan.schedule.length } : failed(recorded);
    },

    /**
     * New contact details. A new postal address is proposed (`proposeAddressChange`) and waits for a
     * second officer's check like any other; an email address or telephone number is recorded at once.
     */
    async changeContactDetails(
      person: ActingPerson,
      input: { address?: { line1: string; line2?: string; town: string; postcode?: string; country: string }; email?: string | null; phone?: string | null },
    ): Promise<ActionOutcome<{ addressPending: boolean }>> {
      const context = { actor: actorOf(person), now: clock.now() };
      let addressPending = false;
      if (input.address) {
        const proposed = await executeCommand(
          db,
          portalProposeAddressChange,
          { reference: person.caseReference, liabilityId: person.liabilityId, ...input.address, reason: `Given online by ${person.personName}.` },
          context,
        );
        if (!proposed.ok) return failed(proposed);
        addressPending = true;
      }
      if (input.email !== undefined || input.phone !== undefined) {
        const changed = await executeCommand(
          db,
          changeContactDetails,
          { reference: person.caseReference, liabilityId: person.liabilityId, ...(input.email !== undefined ? { email: input.email } : {}), ...(input.phone !== undefined ? { phone: input.phone } : {}) },
          { ...context, now: clock.now() },
        );
        if (!changed.ok && !(addressPending && changed.kind === 'refused')) return failed(changed);
      }
      return { ok: true, addressPending };
    },
  };
}

export type PortalActions = ReturnType<typeof portalActionsService>;
