import type { CommandActor, CommandDecision, CommandMoment, FieldProblem } from '../command-decision.js';
import { openCase, type CaseAllocation } from '../case/open-case.js';
import { caseOpeningFactsFromIncident } from '../case/opening-facts.js';
import { NOT_REFERRED_REASONS } from '../liability/actions.js';
import { ukDate } from '../reference/uk-date.js';
import { INCIDENT_EVENT, type IncidentEvent } from './events.js';
import { liabilitiesFor, submissionProblems, type IncidentInput } from './incident.js';
import { registrationProblem } from './registration.js';
import { SECURITY_REQUIREMENT_CODES } from './security-requirements.js';
import { peopleFoundSubmissionProblems, personFoundConsistencyProblems, type PersonFoundRecord } from './people-found.js';

/*
 * The decisions on an incident's stream (`incident-<id>`), from the officer's first draft to the
 * referral that opens its case. Each takes what the command loaded and what the officer sent, and
 * answers with the events to record or a refusal with the reason.
 */

type PersonFound = NonNullable<IncidentInput['peopleFound']>[number];

/*
 * Whose incident it is. A draft is the working copy of the officer who started it: only they change
 * it (save, send, evidence, people found, a decision not to refer), or a manager; and only they and
 * managers read it. Once sent (or kept back) it is the record of the find: every officer who records
 * finds reads it (the next officer at any port sees what was found in a vehicle before), and so do
 * the penalty team, whose case rests on it.
 */

/** The roles that may change and read any officer's draft, beside its author. */
export const DRAFT_OVERSEERS: readonly string[] = ['manager'];
/** The roles that start drafts of their own (the officers who record finds). */
export const DRAFT_AUTHORS: readonly string[] = ['port-officer', 'police-officer'];

/** What the ownership rules need of an incident: its status and the officer who started it. */
export interface IncidentOwnership {
  status: string | null;
  /** Null for a draft not yet saved. */
  createdById: string | null;
}

/** Why this actor may not change the incident (another officer's draft), or null when they may. */
export function authoriseIncidentChange(actor: CommandActor, incident: IncidentOwnership): string | null {
  if (incident.createdById === null) {
    return actor.roles.some((role) => DRAFT_AUTHORS.includes(role)) ? null : 'Only the officers who record finds start an incident';
  }
  if (incident.status !== 'draft') return null;
  if (actor.id === incident.createdById || actor.roles.some((role) => DRAFT_OVERSEERS.includes(role))) return null;
  return 'This draft is another officer’s: only the officer who started it, or a manager, can change it';
}

/** Whether this actor may read the incident: a draft only its author and managers; a sent or kept-back incident, whoever the route lets in. */
export function mayReadIncident(actor: CommandActor, incident: IncidentOwnership): boolean {
  if (incident.status !== 'draft') return true;
  return actor.id === incident.createdById || actor.roles.some((role) => DRAFT_OVERSEERS.includes(role));
}

/** An incident as a decision needs it. `status`: draft, submitted, not-referred, not-referred-awaiting-approval. */
export interface IncidentDraftState extends IncidentOwnership {
  id: string;
  /** False for a draft not yet saved. */
  exists: boolean;
  status: string | null;
  /** One new id per person found the draft sends (their rows are replaced). */
  personIds: readonly string[];
}

/** Shape checks an officer can act on for the registrations typed into an incident. */
function registrationProblems(incident: IncidentInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [field, countryField] of [
    ['tractorRegistration', 'tractorCountry'],
    ['trailerRegistration', 'trailerCountry'],
  ] as const) {
    const value = incident[field];
    if (!value) continue;
    const problem = registrationProblem(value, incident[countryField]);
    if (problem) problems.push({ field, message: problem });
  }
  return problems;
}

/** The draft without the people found, who are kept apart from the case. */
export function incidentDraftData(incident: IncidentInput): Omit<IncidentInput, 'peopleFound'> {
  const { peopleFound: _kept, ...rest } = incident;
  return rest;
}

/** Saves a draft, part-way or whole, until it is sent or kept back. */
export function decideSaveIncidentDraft(draft: IncidentDraftState, input: { incident: IncidentInput }): CommandDecision {
  if (draft.status && draft.status !== 'draft') return { ok: false, message: 'This incident has already been sent and can no longer be changed here' };
  const problems = registrationProblems(input.incident);
  if (problems.length) return { ok: false, message: 'The incident has errors', errors: problems };
  const people = input.incident.peopleFound;
  return {
    ok: true,
    events: [
      {
        type: draft.exists ? INCIDENT_EVENT.IncidentDraftSaved : INCIDENT_EVENT.IncidentDraftStarted,
        payload: {
          incidentId: draft.id,
          incident: incidentDraftData(input.incident),
          peopleFoundCount: people?.length ?? 0,
          ...(people ? { peopleFound: people.map((person, i) => ({ ...person, personId: draft.personIds[i]! })) } : {}),
        },
      },
    ],
  };
}

/** An incident about to be sent, with the identities of the case it would open (allocated by the store). */
export interface IncidentToSubmit extends IncidentOwnership {
  id: string;
  status: string;
  data: IncidentInput;
  caseReference: string | null;
  /** Null unless the incident is a draft. */
  allocation: CaseAllocation | null;
  /** The people found recorded on it (people-found.ts: reconciled with the entrants, each checked). */
  peopleFound?: readonly PersonFoundRecord[];
}

/**
 * Sends the referral: every field a penalty needs must be there (the refusal lists what is
 * missing). Records the sending on the incident's stream and, by the one decision that opens every
 * case (`openCase`), the case's opening on the case's own stream.
 */
export function decideSubmitIncident(incident: IncidentToSubmit, _input: unknown, { actor, now }: CommandMoment): CommandDecision {
  if (incident.status === 'submitted') return { ok: false, message: `This incident was already sent: it is case ${incident.caseReference}` };
  if (incident.status !== 'draft' || !incident.allocation) return { ok: false, message: 'This incident was not referred and cannot be sent now' };
  const problems = submissionProblems(incident.data, ukDate(now), SECURITY_REQUIREMENT_CODES);
  problems.push(...peopleFoundSubmissionProblems(incident.data, incident.peopleFound ?? [], ukDate(now)));
  if (problems.length) return { ok: false, message: 'The referral cannot be sent yet: these are missing or need correcting', errors: problems };
  const allocation = incident.allocation;
  const opening = openCase(caseOpeningFactsFromIncident(incident.id, incident.data, actor.name), allocation);
  // The submission rules above ask for everything a case needs, so this only names the field at fault.
  if (!opening.ok) {
    return { ok: false, message: 'The case cannot be opened', errors: opening.problems.map((p) => ({ field: p.field, message: 'Check this answer: the case cannot be opened from it' })) };
  }
  return {
    ok: true,
    events: [{ type: INCIDENT_EVENT.IncidentSubmitted, payload: { incidentId: incident.id, liabilities: liabilitiesFor(incident.data) } }],
    alsoOn: [{ streamId: `case-${allocation.caseId}`, streamType: 'case', expectedVersion: 0, events: opening.events }],
  };
}

export interface EvidenceFile {
  hash: string;
  mediaType: string;
  size: number;
  originalName: string;
  thumbnailHash: string | null;
}

/** Files already stored by content hash, about to be kept as an incident's evidence: one new id per file. */
export interface EvidenceToAdd extends IncidentOwnership {
  evidenceIds: readonly string[];
}

/** Keeps photos and scans as evidence of an incident (and so of its case). */
export function decideAddIncidentEvidence(
  evidence: EvidenceToAdd,
  input: { incidentId: string; files: EvidenceFile[]; kind: 'photo' | 'checklist' | 'document'; requirementCode?: string | undefined },
): CommandDecision {
  if (input.requirementCode && !(SECURITY_REQUIREMENT_CODES as readonly string[]).includes(input.requirementCode)) {
    return { ok: false, message: 'Choose a security requirement from the list', errors: [{ field: 'requirementCode', message: 'Choose a security requirement from the list' }] };
  }
  return {
    ok: true,
    events: input.files.map((f, i) => ({
      type: INCIDENT_EVENT.EvidenceAdded,
      payload: { incidentId: input.incidentId, evidenceId: evidence.evidenceIds[i]!, kind: input.kind, requirementCode: input.requirementCode ?? null, ...f },
    })),
  };
}

export type NotReferredReason = keyof typeof NOT_REFERRED_REASONS;

/** A draft an officer may keep back. */
export interface IncidentToKeepBack extends IncidentOwnership {
  id: string;
  status: string;
  /** The driver's self-declaration is recorded on the incident. */
  selfDeclared: boolean;
}

/**
 * Discretion not to refer (DOMAIN.md §5): needs a senior officer's approval, except for a
 * self-declaration, which the recorded self-declaration itself supports.
 */
export function decideNotToReferIncident(incident: IncidentToKeepBack, input: { reasonCode: NotReferredReason; reasonText: string }): CommandDecision {
  if (incident.status !== 'draft') return { ok: false, message: 'Only an incident that has not been sent can be kept back' };
  if (input.reasonCode === 'self-declaration' && !incident.selfDeclared) {
    return { ok: false, message: 'Record the self-declaration (when, where, to whom) first', errors: [{ field: 'reasonCode', message: 'Record the self-declaration (when, where, to whom) before choosing this reason' }] };
  }
  const needsApproval = input.reasonCode !== 'self-declaration';
  return { ok: true, events: [{ type: INCIDENT_EVENT.NotReferralDecided, payload: { incidentId: incident.id, reasonCode: input.reasonCode, reasonText: input.reasonText, needsApproval } }] };
}

/** A decision not to refer, as its approver sees it. */
export interface NotReferringToApprove {
  status: string;
  createdById: string;
}

/** Four eyes: the officer who decided not to refer never approves it. */
export function authoriseApproveNotReferring(actor: CommandActor, incident: NotReferringToApprove): string | null {
  return actor.id === incident.createdById ? 'You cannot approve your own decision not to refer' : null;
}

/** A senior officer approves the decision not to refer, or sends the incident back to its draft. */
export function decideApproveNotReferring(incident: NotReferringToApprove, input: { incidentId: string; approve: boolean; note?: string | undefined }): CommandDecision {
  if (incident.status !== 'not-referred-awaiting-approval') return { ok: false, message: 'That decision is not waiting for approval' };
  return {
    ok: true,
    events: [{ type: input.approve ? INCIDENT_EVENT.NotReferralApproved : INCIDENT_EVENT.NotReferralRejected, payload: { incidentId: input.incidentId, note: input.note ?? null } }],
  };
}

/** Records that the written notice was given to the driver (Recommendation 6b), and how. */
export function decideDriverNoticeGiven(
  incident: { status: string },
  input: { incidentId: string; method: 'in-person' | 'email'; language: string; emailId?: string | undefined; emailedTo?: string | undefined },
): CommandDecision {
  if (incident.status !== 'submitted') return { ok: false, message: 'Send the referral first: the notice quotes its case reference' };
  return { ok: true, events: [{ type: INCIDENT_EVENT.DriverNoticeGiven, payload: { ...input } }] };
}

/** How many people are recorded on the incident so far, and the id the next one gets. */
export interface PeopleFoundSoFar extends IncidentOwnership {
  count: number;
  personId: string;
}

/** Adds one person found: their checks and safeguarding flags (held apart from the case). */
export function decideRecordPersonFound(people: PeopleFoundSoFar, input: { incidentId: string; person: PersonFound }): CommandDecision {
  if (people.status !== null && people.status !== 'draft') {
    return { ok: false, message: 'This incident has been sent: people can no longer be added, only a child’s handover and the NRM outcome recorded' };
  }
  const problems = personFoundConsistencyProblems(input.person);
  if (problems.length) return { ok: false, message: problems[0]!.message, errors: problems };
  return { ok: true, events: [{ type: INCIDENT_EVENT.PersonFoundRecorded, payload: { incidentId: input.incidentId, sequence: people.count + 1, personId: people.personId, ...input.person } }] };
}

type CarriedOver = Extract<IncidentEvent, { type: 'IncidentRowsCarriedOver' }>['payload'];

/** An incident's people found and evidence as their rows stand, for the upgrade to carry onto its stream. */
export interface IncidentRowsToCarryOver {
  incidentId: string;
  peopleFound: CarriedOver['peopleFound'];
  evidence: CarriedOver['evidence'];
}

/** Carries the rows older events cannot rebuild onto the incident's stream, once. */
export function decideCarryOverIncidentRows(rows: IncidentRowsToCarryOver): CommandDecision {
  return { ok: true, events: [{ type: INCIDENT_EVENT.IncidentRowsCarriedOver, payload: { incidentId: rows.incidentId, peopleFound: rows.peopleFound, evidence: rows.evidence } }] };
}
