import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { CommandDefinition } from '../../platform/events/command.js';
import type { Db } from '../../platform/database/client.js';
import { monotonicId } from '../../platform/ids.js';
import { searchRecordInput, searchProblems, type SearchRecordInput } from '../../domain/incident/search.js';
import { incidentInput, liabilitiesFor, personFoundInput, submissionProblems, type IncidentInput } from '../../domain/incident/incident.js';
import { registrationKey, registrationProblem } from '../../domain/incident/registration.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { REFERRERS } from '../identity/roles.js';
import { NOT_REFERRED_REASONS } from '../../domain/liability/actions.js';
import { allocateCase, caseOpeningDecision } from '../cases/open-case.js';
import { casesProjector } from '../cases/projector.js';
import type { CaseAllocation } from '../../domain/case/open-case.js';
import { caseOpeningFactsFromIncident } from '../../domain/case/opening-facts.js';
import { borderEventsProjector } from './projector.js';
import { incidentEvidence, incidents, peopleFound, searches } from './schema.js';
import { requirementCodes } from './requirements.js';
import { INCIDENT_EVENT } from '../../domain/incident/events.js';

export const recordSearch: CommandDefinition<SearchRecordInput, { id: string }, { searchId: string }> = {
  name: 'recordSearch',
  input: searchRecordInput,
  roles: REFERRERS,
  streamType: 'search',
  async load() {
    // Monotonic: an officer's last search is the one recorded last, even within one millisecond.
    const id = monotonicId();
    return { streamId: `search-${id}`, version: 0, state: { id } };
  },
  decide(state, input, { now }) {
    const problems = searchProblems(input, now, registrationProblem);
    if (problems.length) return { ok: false, message: 'The search record has errors', errors: problems };
    return { ok: true, events: [{ type: 'SearchRecorded', payload: { searchId: state.id, ...input } }] };
  },
  projectors: [borderEventsProjector],
  async project(_tx, { state }) {
    return { searchId: state.id };
  },
};

/** Shape checks an officer can act on for the registrations typed into an incident. */
function incidentFieldProblems(input: IncidentInput) {
  const problems = [];
  for (const [field, countryField] of [
    ['tractorRegistration', 'tractorCountry'],
    ['trailerRegistration', 'trailerCountry'],
  ] as const) {
    const value = input[field];
    if (!value) continue;
    const problem = registrationProblem(value, input[countryField]);
    if (problem) problems.push({ field, message: problem });
  }
  return problems;
}

async function replacePeopleFound(tx: Db, incidentId: string, people: IncidentInput['peopleFound']) {
  await tx.delete(peopleFound).where(eq(peopleFound.incidentId, incidentId));
  if (people?.length) {
    await tx.insert(peopleFound).values(
      people.map((p, i) => ({
        id: randomUUID(),
        incidentId,
        sequence: i + 1,
        apparentChild: p.apparentChild,
        potentialVictimOfTrafficking: p.potentialVictimOfTrafficking,
        nrmReferralReference: p.nrmReferralReference ?? null,
        medicalNeed: p.medicalNeed,
        checks: p.checks ?? {},
        notes: p.notes ?? null,
      })),
    );
  }
}

/** The draft without the people found, which live in their own restricted table. */
function draftData(input: IncidentInput): Omit<IncidentInput, 'peopleFound'> {
  const { peopleFound: _kept, ...rest } = input;
  return rest;
}

export const saveIncidentDraftInput = z.object({ incidentId: z.uuid().optional(), incident: incidentInput });
type DraftState = { id: string; exists: boolean; status: string | null; createdById: string | null };

export const saveIncidentDraft: CommandDefinition<z.infer<typeof saveIncidentDraftInput>, DraftState, { incidentId: string; version: number }> = {
  name: 'saveIncidentDraft',
  input: saveIncidentDraftInput,
  roles: REFERRERS,
  streamType: 'incident',
  async load(tx, input) {
    if (!input.incidentId) {
      const id = randomUUID();
      return { streamId: `incident-${id}`, version: 0, state: { id, exists: false, status: null, createdById: null } };
    }
    const [row] = await tx.select({ status: incidents.status, version: incidents.version, createdById: incidents.createdById }).from(incidents).where(eq(incidents.id, input.incidentId));
    if (!row) return null;
    return { streamId: `incident-${input.incidentId}`, version: row.version, state: { id: input.incidentId, exists: true, status: row.status, createdById: row.createdById } };
  },
  decide(state, input) {
    if (state.status && state.status !== 'draft') return { ok: false, message: 'This incident has already been sent and can no longer be changed here' };
    const problems = incidentFieldProblems(input.incident);
    if (problems.length) return { ok: false, message: 'The incident has errors', errors: problems };
    return { ok: true, events: [{ type: state.exists ? INCIDENT_EVENT.IncidentDraftSaved : INCIDENT_EVENT.IncidentDraftStarted, payload: { incidentId: state.id, incident: draftData(input.incident), peopleFoundCount: input.incident.peopleFound?.length ?? 0 } }] };
  },
  async project(tx, { state, input, actor, now, version }) {
    const values = {
      kind: input.incident.kind,
      data: draftData(input.incident),
      searchId: input.incident.searchId ?? null,
      incidentDate: input.incident.incidentDate ?? null,
      portCode: input.incident.port ?? null,
      updatedAt: now,
      version,
    };
    if (state.exists) await tx.update(incidents).set(values).where(eq(incidents.id, state.id));
    else await tx.insert(incidents).values({ id: state.id, status: 'draft', createdById: actor.id, createdByName: actor.name, createdAt: now, ...values });
    if (input.incident.peopleFound !== undefined) await replacePeopleFound(tx, state.id, input.incident.peopleFound);
    return { incidentId: state.id, version };
  },
};

type SubmitState = { id: string; status: string; data: IncidentInput; caseReference: string | null; allocation: CaseAllocation | null };

/**
 * Sends the referral: every field a penalty needs must be there (the refusal lists what is
 * missing). Records the sending on the incident's stream and, by the one decision that opens every
 * case (`caseOpeningDecision`, shared with the minimal referral), the case's opening on the case's
 * own stream, in the same transaction, so a referral is never half-sent and never sent twice.
 */
export const submitIncident: CommandDefinition<{ incidentId: string }, SubmitState, { incidentId: string; caseReference: string; caseId: string }> = {
  name: 'submitIncident',
  input: z.object({ incidentId: z.uuid() }),
  roles: REFERRERS,
  streamType: 'incident',
  async load(tx, input, { actor, now }) {
    const [row] = await tx.select().from(incidents).where(eq(incidents.id, input.incidentId));
    if (!row) return null;
    const data = row.data as IncidentInput;
    // The case it would open, allocated inside the transaction: a refusal gives the reference back.
    const allocation = row.status === 'draft' ? await allocateCase(tx, caseOpeningFactsFromIncident(row.id, data, actor.name), now) : null;
    return { streamId: `incident-${row.id}`, version: row.version, state: { id: row.id, status: row.status, data, caseReference: row.caseReference, allocation } };
  },
  decide(state, _input, { actor, now }) {
    if (state.status === 'submitted') return { ok: false, message: `This incident was already sent: it is case ${state.caseReference}` };
    if (state.status !== 'draft') return { ok: false, message: 'This incident was not referred and cannot be sent now' };
    const problems = submissionProblems(state.data, ukDate(now), requirementCodes());
    if (problems.length) return { ok: false, message: 'The referral cannot be sent yet: these are missing or need correcting', errors: problems };
    const allocation = state.allocation!;
    const opening = caseOpeningDecision(caseOpeningFactsFromIncident(state.id, state.data, actor.name), allocation);
    if (!opening.ok) return opening;
    return {
      ok: true,
      events: [{ type: 'IncidentSubmitted', payload: { incidentId: state.id, liabilities: liabilitiesFor(state.data) } }],
      // Sending the incident opens its case: the same decision, recorded on the case's own stream.
      alsoOn: [{ streamId: `case-${allocation.caseId}`, streamType: 'case', expectedVersion: 0, events: opening.events }],
    };
  },
  // The case it opens is written by the cases projector, from the opening events on the case's stream.
  projectors: [casesProjector],
  async project(tx, { state, now, version }) {
    const { caseId, reference } = state.allocation!;
    await tx
      .update(incidents)
      .set({ status: 'submitted', caseId, caseReference: reference, submittedAt: now, updatedAt: now, version })
      .where(eq(incidents.id, state.id));
    return { incidentId: state.id, caseReference: reference, caseId };
  },
};

export const addIncidentEvidenceInput = z.object({
  incidentId: z.uuid(),
  files: z
    .array(
      z.object({
        hash: z.string().regex(/^[0-9a-f]{64}$/),
        mediaType: z.string().max(100),
        size: z.number().int().positive(),
        originalName: z.string().max(255),
        thumbnailHash: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
      }),
    )
    .min(1, 'Select a photo or scan to upload')
    .max(10),
  kind: z.enum(['photo', 'checklist', 'document'], { message: 'Choose what the files show' }),
  requirementCode: z.string().max(60).optional(),
});

/** Records files already stored by content hash as evidence of an incident (and so of its case). */
export const addIncidentEvidence: CommandDefinition<z.infer<typeof addIncidentEvidenceInput>, { exists: boolean }, { added: number }> = {
  name: 'addIncidentEvidence',
  input: addIncidentEvidenceInput,
  roles: REFERRERS,
  streamType: 'incident',
  async load(tx, input) {
    const [row] = await tx.select({ version: incidents.version }).from(incidents).where(eq(incidents.id, input.incidentId));
    if (!row) return null;
    return { streamId: `incident-${input.incidentId}`, version: row.version, state: { exists: true } };
  },
  decide(_state, input) {
    if (input.requirementCode && !requirementCodes().includes(input.requirementCode)) {
      return { ok: false, message: 'Choose a security requirement from the list', errors: [{ field: 'requirementCode', message: 'Choose a security requirement from the list' }] };
    }
    return { ok: true, events: input.files.map((f) => ({ type: 'EvidenceAdded', payload: { incidentId: input.incidentId, kind: input.kind, requirementCode: input.requirementCode ?? null, ...f } })) };
  },
  async project(tx, { input, actor, now, version }) {
    await tx.insert(incidentEvidence).values(
      // Monotonic: the files of one upload share uploaded_at and are listed in the order sent.
      input.files.map((f) => ({
        id: monotonicId(),
        incidentId: input.incidentId,
        fileHash: f.hash,
        mediaType: f.mediaType,
        size: f.size,
        originalName: f.originalName,
        thumbnailHash: f.thumbnailHash,
        kind: input.kind,
        requirementCode: input.requirementCode ?? null,
        uploadedByName: actor.name,
        uploadedAt: now,
      })),
    );
    await tx.update(incidents).set({ version, updatedAt: now }).where(eq(incidents.id, input.incidentId));
    return { added: input.files.length };
  },
};

// One list of reasons for not referring, shared with the liability state machine.
export { NOT_REFERRED_REASONS };

export const decideNotToReferInput = z.object({
  incidentId: z.uuid(),
  reasonCode: z.enum(Object.keys(NOT_REFERRED_REASONS) as [keyof typeof NOT_REFERRED_REASONS], { message: 'Choose why the incident is not being referred' }),
  reasonText: z.string({ message: 'Explain the decision' }).trim().min(10, 'Explain the decision in 10 characters or more').max(2000),
});

type NotReferState = { id: string; status: string; selfDeclared: boolean };

/**
 * Discretion not to refer (DOMAIN.md §5): needs a senior officer's approval, except for a
 * self-declaration, which the recorded self-declaration itself supports.
 */
export const decideNotToRefer: CommandDefinition<z.infer<typeof decideNotToReferInput>, NotReferState, { status: string }> = {
  name: 'decideNotToRefer',
  input: decideNotToReferInput,
  roles: REFERRERS,
  streamType: 'incident',
  async load(tx, input) {
    const [row] = await tx.select().from(incidents).where(eq(incidents.id, input.incidentId));
    if (!row) return null;
    return { streamId: `incident-${row.id}`, version: row.version, state: { id: row.id, status: row.status, selfDeclared: Boolean((row.data as IncidentInput).selfDeclaration) } };
  },
  decide(state, input) {
    if (state.status !== 'draft') return { ok: false, message: 'Only an incident that has not been sent can be kept back' };
    if (input.reasonCode === 'self-declaration' && !state.selfDeclared) {
      return { ok: false, message: 'Record the self-declaration (when, where, to whom) first', errors: [{ field: 'reasonCode', message: 'Record the self-declaration (when, where, to whom) before choosing this reason' }] };
    }
    const needsApproval = input.reasonCode !== 'self-declaration';
    return { ok: true, events: [{ type: 'NotReferralDecided', payload: { incidentId: state.id, reasonCode: input.reasonCode, reasonText: input.reasonText, needsApproval } }] };
  },
  async project(tx, { state, input, now, version }) {
    const status = input.reasonCode === 'self-declaration' ? 'not-referred' : 'not-referred-awaiting-approval';
    await tx.update(incidents).set({ status, notReferredReason: input.reasonCode, updatedAt: now, version }).where(eq(incidents.id, state.id));
    return { status };
  },
};

export const approveNotReferringInput = z.object({ incidentId: z.uuid(), approve: z.boolean(), note: z.string().trim().max(2000).optional() });

export const approveNotReferring: CommandDefinition<z.infer<typeof approveNotReferringInput>, { status: string; createdById: string }, { status: string }> = {
  name: 'approveNotReferring',
  input: approveNotReferringInput,
  roles: ['senior-officer'],
  streamType: 'incident',
  async load(tx, input) {
    const [row] = await tx.select({ status: incidents.status, version: incidents.version, createdById: incidents.createdById }).from(incidents).where(eq(incidents.id, input.incidentId));
    if (!row) return null;
    return { streamId: `incident-${input.incidentId}`, version: row.version, state: { status: row.status, createdById: row.createdById } };
  },
  authorise: (actor, state) => (actor.id === state.createdById ? 'You cannot approve your own decision not to refer' : null),
  decide(state, input) {
    if (state.status !== 'not-referred-awaiting-approval') return { ok: false, message: 'That decision is not waiting for approval' };
    return { ok: true, events: [{ type: input.approve ? INCIDENT_EVENT.NotReferralApproved : INCIDENT_EVENT.NotReferralRejected, payload: { incidentId: input.incidentId, note: input.note ?? null } }] };
  },
  async project(tx, { input, now, version }) {
    const status = input.approve ? 'not-referred' : 'draft';
    await tx.update(incidents).set({ status, notReferredReason: input.approve ? undefined : null, updatedAt: now, version }).where(eq(incidents.id, input.incidentId));
    return { status };
  },
};

export const recordDriverNoticeInput = z.object({
  incidentId: z.uuid(),
  method: z.enum(['in-person', 'email']),
  language: z.string().regex(/^[a-z]{2}$/),
  emailId: z.string().max(100).optional(),
  emailedTo: z.string().max(320).optional(),
});

/** Records that the written notice was given to the driver (Recommendation 6b), and how. */
export const recordDriverNoticeGiven: CommandDefinition<z.infer<typeof recordDriverNoticeInput>, { status: string }, { recorded: true }> = {
  name: 'recordDriverNoticeGiven',
  input: recordDriverNoticeInput,
  roles: REFERRERS,
  streamType: 'incident',
  async load(tx, input) {
    const [row] = await tx.select({ status: incidents.status, version: incidents.version }).from(incidents).where(eq(incidents.id, input.incidentId));
    if (!row) return null;
    return { streamId: `incident-${input.incidentId}`, version: row.version, state: { status: row.status } };
  },
  decide(state, input) {
    if (state.status !== 'submitted') return { ok: false, message: 'Send the referral first: the notice quotes its case reference' };
    return { ok: true, events: [{ type: 'DriverNoticeGiven', payload: { ...input } }] };
  },
  async project(tx, { input, now, version }) {
    await tx.update(incidents).set({ version, updatedAt: now }).where(eq(incidents.id, input.incidentId));
    return { recorded: true };
  },
};

export const recordPersonFoundInput = z.object({ incidentId: z.uuid(), person: personFoundInput });

/** Adds one person found to an incident: their checks and safeguarding flags (held apart from the case). */
export const recordPersonFound: CommandDefinition<z.infer<typeof recordPersonFoundInput>, { count: number }, { sequence: number }> = {
  name: 'recordPersonFound',
  input: recordPersonFoundInput,
  roles: REFERRERS,
  streamType: 'incident',
  async load(tx, input) {
    const [row] = await tx.select({ version: incidents.version }).from(incidents).where(eq(incidents.id, input.incidentId));
    if (!row) return null;
    const existing = await tx.select({ id: peopleFound.id }).from(peopleFound).where(eq(peopleFound.incidentId, input.incidentId));
    return { streamId: `incident-${input.incidentId}`, version: row.version, state: { count: existing.length } };
  },
  decide(state, input) {
    if (input.person.nrmReferralReference && !input.person.potentialVictimOfTrafficking) {
      return { ok: false, message: 'A National Referral Mechanism reference is for a potential victim of trafficking', errors: [{ field: 'nrmReferralReference', message: 'Tick “potential victim of trafficking”, or clear the NRM reference' }] };
    }
    return { ok: true, events: [{ type: 'PersonFoundRecorded', payload: { incidentId: input.incidentId, sequence: state.count + 1, ...input.person } }] };
  },
  async project(tx, { input, state, now, version }) {
    const p = input.person;
    await tx.insert(peopleFound).values({
      id: randomUUID(),
      incidentId: input.incidentId,
      sequence: state.count + 1,
      apparentChild: p.apparentChild,
      potentialVictimOfTrafficking: p.potentialVictimOfTrafficking,
      nrmReferralReference: p.nrmReferralReference ?? null,
      medicalNeed: p.medicalNeed,
      checks: p.checks ?? {},
      notes: p.notes ?? null,
    });
    await tx.update(incidents).set({ version, updatedAt: now }).where(eq(incidents.id, input.incidentId));
    return { sequence: state.count + 1 };
  },
};
