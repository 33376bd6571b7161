import { addDays, type CalendarDate } from '../clock/calendar-date.js';
import { refuse, type CommandDecision, type CommandMoment, type FieldProblem } from '../command-decision.js';
import { ukDate } from '../reference/uk-date.js';
import { ACCREDITATION_AREAS, type AccreditationArea, type AreaOutcome, type ApplicationChannel } from './areas.js';
import { areasNotMet, isDecided, type ApplicationState } from './application.js';
import { ACCREDITATION_APPLICATION_EVENT as E } from './events.js';

/*
 * What an application to the Civil Penalty Accreditation Scheme may do, as pure decisions: the
 * events to record, or a refusal as a message id (`accreditation.*`, words in the catalogues) with
 * the problem beside each field.
 *
 * - Nothing is done to a decided application (accepted, refused, withdrawn).
 * - It is accepted only when all five areas are `met`.
 * - A refusal is proposed only with at least one area `notMet` with notes (its reasons), and is
 *   approved by a Senior Officer who did not propose it.
 * - Information is provided only while a request for it is open.
 */

export const SENIOR_OFFICER_ROLE = 'senior-officer';
export const TEXT_MAX_LENGTH = 10_000;
export const MAX_FILES = 50;

/** A band of the policy's table: from this many drivers, this many completed checklists. */
export interface ChecklistBand {
  driversFrom: number;
  checklists: number;
}

/** How many completed driver checklists an applicant with `drivers` drivers sends (the last band whose start is reached). */
export function driverChecklistsRequired(bands: readonly ChecklistBand[], drivers: number): number {
  let required = 0;
  for (const band of [...bands].sort((a, b) => a.driversFrom - b.driversFrom)) if (drivers >= band.driversFrom) required = band.checklists;
  return required;
}

/** The date a decision on an application received on `receivedOn` is due. */
export function decisionDueOn(receivedOn: CalendarDate, decisionWithinDays: number): CalendarDate {
  return addDays(receivedOn, decisionWithinDays);
}

/** `CPAS-2026-00042`: the year received and the application's number in that year. */
export function applicationReference(year: number, sequence: number): string {
  return `CPAS-${year}-${String(sequence).padStart(5, '0')}`;
}
export const APPLICATION_REFERENCE = /^CPAS-(\d{4})-(\d{5,})$/;

export interface ApplicationToSubmit {
  language: string;
  company: {
    name: string;
    country: string;
    addressLines: string[];
    postcode?: string | null | undefined;
    operatorLicence: string;
    contactName: string;
    email: string;
    phone?: string | null | undefined;
    numberOfDrivers: number;
  };
  areas: Record<AccreditationArea, { description: string; fileIds?: string[] | undefined }>;
  driverChecklists: { fileIds: string[] };
  declaration: boolean;
  channel: ApplicationChannel;
}

/** What a submission rests on: the reference it is given, the day received and the policy in force that day. */
export interface SubmissionState {
  reference: string;
  receivedOn: CalendarDate;
  decisionWithinDays: number;
  checklistBands: readonly ChecklistBand[];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A complete application: the company, a way to write to it, evidence in all five areas, enough checklists, the declaration. */
export function decideSubmitApplication(state: SubmissionState, input: ApplicationToSubmit, _context: CommandMoment): CommandDecision {
  const errors: FieldProblem[] = [];
  const c = input.company;
  const name = c.name.trim();
  const addressLines = c.addressLines.map((l) => l.trim()).filter(Boolean);
  const licence = c.operatorLicence.trim();
  const contactName = c.contactName.trim();
  const email = c.email.trim();
  if (!name) errors.push({ field: 'company.name', message: 'accreditation.company.name.missing' });
  if (!/^[A-Z]{2}$/.test(c.country)) errors.push({ field: 'company.country', message: 'accreditation.company.country.missing' });
  if (!addressLines.length) errors.push({ field: 'company.addressLines', message: 'accreditation.company.address.missing' });
  if (!licence) errors.push({ field: 'company.operatorLicence', message: 'accreditation.company.operatorLicence.missing' });
  if (!contactName) errors.push({ field: 'company.contactName', message: 'accreditation.company.contactName.missing' });
  if (!email) errors.push({ field: 'company.email', message: 'accreditation.company.email.missing' });
  else if (!EMAIL.test(email)) errors.push({ field: 'company.email', message: 'accreditation.company.email.invalid' });
  if (!Number.isInteger(c.numberOfDrivers) || c.numberOfDrivers < 1) errors.push({ field: 'company.numberOfDrivers', message: 'accreditation.company.numberOfDrivers.invalid' });
  for (const area of ACCREDITATION_AREAS) {
    const description = input.areas[area]?.description.trim() ?? '';
    if (!description) errors.push({ field: `areas.${area}.description`, message: 'accreditation.area.description.missing' });
    else if (description.length > TEXT_MAX_LENGTH) errors.push({ field: `areas.${area}.description`, message: 'accreditation.text.tooLong' });
  }
  const required = Number.isInteger(c.numberOfDrivers) && c.numberOfDrivers > 0 ? driverChecklistsRequired(state.checklistBands, c.numberOfDrivers) : 0;
  if (input.driverChecklists.fileIds.length < required) errors.push({ field: 'driverChecklists', message: 'accreditation.driverChecklists.tooFew' });
  if (input.declaration !== true) errors.push({ field: 'declaration', message: 'accreditation.declaration.missing' });
  if (errors.length) return refuse(errors.map((e) => e.message).join(' '), errors);
  const areas = Object.fromEntries(ACCREDITATION_AREAS.map((area) => [area, { description: input.areas[area].description.trim(), fileIds: [...(input.areas[area].fileIds ?? [])] }])) as Record<AccreditationArea, { description: string; fileIds: string[] }>;
  return {
    ok: true,
    events: [
      {
        type: E.AccreditationApplicationSubmitted,
        payload: {
          reference: state.reference,
          receivedOn: state.receivedOn,
          decisionDue: decisionDueOn(state.receivedOn, state.decisionWithinDays),
          decisionWithinDays: state.decisionWithinDays,
          language: input.language,
          company: {
            name,
            country: c.country,
            addressLines,
            postcode: c.postcode?.trim() || null,
            operatorLicence: licence,
            contactName,
            email,
            phone: c.phone?.trim() || null,
            numberOfDrivers: c.numberOfDrivers,
          },
          areas,
          driverChecklists: { fileIds: [...input.driverChecklists.fileIds], required },
          declaration: true,
          channel: input.channel,
        },
      },
    ],
  };
}

/** The refusal for any step on an application already decided. */
function whenDecided(state: ApplicationState) {
  return isDecided(state.status) ? refuse('accreditation.application.decided') : null;
}

export function decideRequestInformation(state: ApplicationState, input: { areas: AccreditationArea[]; message: string }, context: CommandMoment): CommandDecision {
  const decided = whenDecided(state);
  if (decided) return decided;
  if (state.status === 'awaitingInformation') return refuse('accreditation.information.alreadyRequested');
  if (state.status === 'refusalProposed') return refuse('accreditation.refusal.pending');
  const errors: FieldProblem[] = [];
  const areas = ACCREDITATION_AREAS.filter((a) => input.areas.includes(a));
  const message = input.message.trim();
  if (!areas.length) errors.push({ field: 'areas', message: 'accreditation.information.areas.missing' });
  if (!message) errors.push({ field: 'message', message: 'accreditation.information.message.missing' });
  else if (message.length > TEXT_MAX_LENGTH) errors.push({ field: 'message', message: 'accreditation.text.tooLong' });
  if (errors.length) return refuse(errors.map((e) => e.message).join(' '), errors);
  return { ok: true, events: [{ type: E.AccreditationInformationRequested, payload: { areas, message, requestedOn: ukDate(context.now) } }] };
}

export function decideProvideInformation(state: ApplicationState, input: { text: string; fileIds?: string[] | undefined }, context: CommandMoment): CommandDecision {
  const decided = whenDecided(state);
  if (decided) return decided;
  if (state.status !== 'awaitingInformation' || !state.openRequest) return refuse('accreditation.information.notRequested');
  const text = input.text.trim();
  const fileIds = [...(input.fileIds ?? [])];
  if (!text && !fileIds.length) return refuse('accreditation.information.answer.missing', [{ field: 'text', message: 'accreditation.information.answer.missing' }]);
  if (text.length > TEXT_MAX_LENGTH) return refuse('accreditation.text.tooLong', [{ field: 'text', message: 'accreditation.text.tooLong' }]);
  return { ok: true, events: [{ type: E.AccreditationInformationProvided, payload: { text, fileIds, providedOn: ukDate(context.now) } }] };
}

export function decideAssessArea(state: ApplicationState, input: { area: AccreditationArea; outcome: AreaOutcome; notes?: string | null | undefined }): CommandDecision {
  const decided = whenDecided(state);
  if (decided) return decided;
  if (state.status === 'refusalProposed') return refuse('accreditation.refusal.pending');
  const notes = input.notes?.trim() ?? '';
  if (input.outcome !== 'met' && !notes) return refuse('accreditation.assessment.notes.missing', [{ field: 'notes', message: 'accreditation.assessment.notes.missing' }]);
  if (notes.length > TEXT_MAX_LENGTH) return refuse('accreditation.text.tooLong', [{ field: 'notes', message: 'accreditation.text.tooLong' }]);
  const current = state.areas[input.area];
  if (current.outcome === input.outcome && current.notes === notes) return refuse('accreditation.assessment.unchanged');
  return { ok: true, events: [{ type: E.AccreditationAreaAssessed, payload: { area: input.area, outcome: input.outcome, notes } }] };
}

/** Accepted only when all five areas are met and no information or refusal is outstanding; a member from the day accepted. */
export function decideAcceptApplication(state: ApplicationState, input: { partyId: string }, context: CommandMoment): CommandDecision {
  const decided = whenDecided(state);
  if (decided) return decided;
  if (state.status === 'refusalProposed') return refuse('accreditation.refusal.pending');
  if (state.status === 'awaitingInformation') return refuse('accreditation.information.outstanding');
  const notMet = areasNotMet(state);
  if (notMet.length) return refuse('accreditation.accept.areasNotMet', notMet.map((area) => ({ field: `areas.${area}`, message: 'accreditation.accept.areaNotMet' })));
  const today = ukDate(context.now);
  return { ok: true, events: [{ type: E.AccreditationApplicationAccepted, payload: { partyId: input.partyId, memberFrom: today, acceptedOn: today } }] };
}

/** A refusal's reasons are the notes of the areas found not met. */
export function decideProposeRefusal(state: ApplicationState, input: { summary?: string | null | undefined }, context: CommandMoment): CommandDecision {
  const decided = whenDecided(state);
  if (decided) return decided;
  if (state.status === 'refusalProposed') return refuse('accreditation.refusal.pending');
  const reasons = ACCREDITATION_AREAS.filter((area) => state.areas[area].outcome === 'notMet' && state.areas[area].notes.trim()).map((area) => ({ area, reason: state.areas[area].notes.trim() }));
  if (!reasons.length) return refuse('accreditation.refusal.noAreaNotMet');
  const summary = input.summary?.trim() || null;
  if (summary && summary.length > TEXT_MAX_LENGTH) return refuse('accreditation.text.tooLong', [{ field: 'summary', message: 'accreditation.text.tooLong' }]);
  return {
    ok: true,
    events: [{ type: E.AccreditationRefusalProposed, payload: { reasons, summary, proposedById: context.actor.id, proposedByName: context.actor.name, proposedOn: ukDate(context.now) } }],
  };
}

function refusalReviewer(state: ApplicationState, context: CommandMoment) {
  const decided = whenDecided(state);
  if (decided) return decided;
  if (state.status !== 'refusalProposed' || !state.refusalProposal) return refuse('accreditation.refusal.notProposed');
  if (!context.actor.roles.includes(SENIOR_OFFICER_ROLE)) return refuse('accreditation.refusal.seniorOfficerOnly');
  if (context.actor.id === state.refusalProposal.proposedById) return refuse('accreditation.refusal.notTheProposer');
  return null;
}

/** A Senior Officer who did not propose it approves the refusal: the application is refused. */
export function decideApproveRefusal(state: ApplicationState, _input: unknown, context: CommandMoment): CommandDecision {
  const refused = refusalReviewer(state, context);
  if (refused) return refused;
  return { ok: true, events: [{ type: E.AccreditationRefusalApproved, payload: { approvedById: context.actor.id, approvedByName: context.actor.name, refusedOn: ukDate(context.now) } }] };
}

/** A Senior Officer (not the proposer) sends the proposal back to assessment, saying why. */
export function decideReturnRefusal(state: ApplicationState, input: { reason: string }, context: CommandMoment): CommandDecision {
  const refused = refusalReviewer(state, context);
  if (refused) return refused;
  const reason = input.reason.trim();
  if (!reason) return refuse('accreditation.refusal.returnReason.missing', [{ field: 'reason', message: 'accreditation.refusal.returnReason.missing' }]);
  return { ok: true, events: [{ type: E.AccreditationRefusalReturned, payload: { reason, returnedOn: ukDate(context.now) } }] };
}

export function decideWithdrawApplication(state: ApplicationState, input: { reason?: string | null | undefined }, context: CommandMoment): CommandDecision {
  const decided = whenDecided(state);
  if (decided) return decided;
  return { ok: true, events: [{ type: E.AccreditationApplicationWithdrawn, payload: { reason: input.reason?.trim() || null, withdrawnOn: ukDate(context.now) } }] };
}
