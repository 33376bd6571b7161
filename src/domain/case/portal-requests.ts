import { ukDate } from '../reference/uk-date.js';
import type { CaseDecisionContext, CaseFile } from './case-file.js';
import { refuseField as refuse, type CaseDecision } from './decision.js';
import { CASE_EVENT, type ResponseDocument } from './events.js';

/*
 * What a person asks for online that no caseworker command records (src/modules/portal/actions):
 * a means test with the evidence for it, a change of their email address or telephone number, and the
 * language they want their case in.
 * Each is an event on the case's stream, so the caseworker sees it on the timeline and the case page.
 * Refusals are codes ('means-pending'), which the portal words from its message catalogue.
 */

export type MeansApplicant = 'person' | 'company';

export interface MeansTestRequestInput {
  liabilityId: string;
  applicant: MeansApplicant;
  statement: string;
  /** The language the documents are written in, as an ISO 639-1 code ('en', 'pl', 'ro', …). */
  documentLanguage: string;
  files: ResponseDocument[];
}

/** Stages where a means test can still change what the person pays: before imposition or while money is owed. */
const CLOSED = new Set(['paid', 'closed', 'written-off', 'not-referred', 'write-off-proposed']);

function pendingMeansRequest(file: CaseFile, liabilityId: string): boolean {
  let pending = false;
  for (const event of file.events) {
    if (event.payload.liabilityId !== liabilityId) continue;
    if (event.type === CASE_EVENT.MeansTestRequested) pending = true;
    if (event.type === CASE_EVENT.MeansAssessmentRecorded || event.type === CASE_EVENT.MeansReductionProposed) pending = false;
  }
  return pending;
}

export function decideRequestMeansTest(file: CaseFile, input: MeansTestRequestInput, { now }: CaseDecisionContext): CaseDecision {
  const row = file.liabilities.find((l) => l.id === input.liabilityId);
  const state = row ? file.states.get(row.id) : undefined;
  if (!row || !state) return refuse('not-on-case', 'liabilityId');
  if (CLOSED.has(state.stage)) return refuse('means-closed', 'form');
  if (pendingMeansRequest(file, row.id)) return refuse('means-pending', 'form');
  if (input.files.length === 0) return refuse('means-no-files', 'files');
  const documentLanguage = input.documentLanguage.trim().toLowerCase();
  return {
    ok: true,
    events: [
      {
        type: CASE_EVENT.MeansTestRequested,
        payload: {
          liabilityId: row.id,
          requestedOn: ukDate(now),
          applicant: input.applicant,
          statement: input.statement.trim(),
          documentLanguage,
          translationNeeded: documentLanguage !== 'en',
          files: input.files,
        },
      },
    ],
  };
}

export interface ContactDetailsInput {
  liabilityId: string;
  email?: string | null | undefined;
  phone?: string | null | undefined;
}

/** The email address and telephone number the person gave last (online), or undefined when never given. */
export function contactDetailsOf(file: CaseFile, liabilityId: string): { email?: string | null; phone?: string | null } {
  const details: { email?: string | null; phone?: string | null } = {};
  for (const event of file.events) {
    if (event.type !== CASE_EVENT.ContactDetailsChanged || event.payload.liabilityId !== liabilityId) continue;
    const p = event.payload as { email?: string | null; phone?: string | null };
    if (p.email !== undefined) details.email = p.email;
    if (p.phone !== undefined) details.phone = p.phone;
  }
  return details;
}

export function decideChangeContactDetails(file: CaseFile, input: ContactDetailsInput): CaseDecision {
  const row = file.liabilities.find((l) => l.id === input.liabilityId);
  if (!row) return refuse('not-on-case', 'liabilityId');
  const before = contactDetailsOf(file, row.id);
  const payload: { liabilityId: string; email?: string | null; phone?: string | null } = { liabilityId: row.id };
  if (input.email !== undefined && input.email !== before.email) payload.email = input.email;
  if (input.phone !== undefined && input.phone !== before.phone) payload.phone = input.phone;
  if (payload.email === undefined && payload.phone === undefined) return refuse('contact-unchanged', 'form');
  return { ok: true, events: [{ type: CASE_EVENT.ContactDetailsChanged, payload }] };
}

export interface PreferredLanguageInput {
  liabilityId: string;
  /** ISO 639-1, one of the service's languages (the command's input checks it). */
  language: string;
}

/** The language the person's letters and pages are in: the one they chose last, else the one recorded at the border, else English. */
export function preferredLanguageOf(file: CaseFile, liabilityId: string): string {
  let language = file.liabilities.find((l) => l.id === liabilityId)?.language || 'en';
  for (const event of file.events) {
    if (event.type === CASE_EVENT.PreferredLanguageChosen && event.payload.liabilityId === liabilityId) language = String(event.payload.language);
  }
  return language;
}

/** A person chooses the language of their case; choosing the one already in force records nothing. */
export function decideChoosePreferredLanguage(file: CaseFile, input: PreferredLanguageInput, { now }: CaseDecisionContext): CaseDecision {
  const row = file.liabilities.find((l) => l.id === input.liabilityId);
  if (!row) return refuse('not-on-case', 'liabilityId');
  if (preferredLanguageOf(file, row.id) === input.language) return refuse('language-unchanged', 'language');
  return { ok: true, events: [{ type: CASE_EVENT.PreferredLanguageChosen, payload: { liabilityId: row.id, language: input.language, chosenOn: ukDate(now) } }] };
}
