import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { CommandDefinition } from '../../platform/events/command.js';
import { monotonicId } from '../../platform/ids.js';
import { searchRecordInput, type SearchRecordInput } from '../../domain/incident/search.js';
import { incidentInput, personFoundInput, type IncidentInput } from '../../domain/incident/incident.js';
import { REFERRERS } from '../identity/roles.js';
import { NOT_REFERRED_REASONS } from '../../domain/liability/actions.js';
import { allocateCase } from './open-case.js';
import { casesProjector } from '../casework/projector.js';
import { caseOpeningFactsFromIncident } from '../../domain/case/opening-facts.js';
import { decideRecordSearch, type SearchToRecord } from '../../domain/incident/search-decision.js';
import {
  authoriseApproveNotReferring,
  authoriseIncidentChange,
  DRAFT_OVERSEERS,
  decideAddIncidentEvidence,
  decideApproveNotReferring,
  decideDriverNoticeGiven,
  decideNotToReferIncident,
  decideRecordPersonFound,
  decideSaveIncidentDraft,
  type EvidenceToAdd,
  type IncidentDraftState,
  type IncidentToKeepBack,
  type IncidentToSubmit,
  type NotReferringToApprove,
  type PeopleFoundSoFar,
} from '../../domain/incident/incident-decisions.js';
import { borderEventsProjector } from './projector.js';
import { incidents, peopleFound } from './schema.js';
import { personFoundRecordOf } from './people-found-commands.js';
import { s31aReferralCheck } from '../training/queries.js';
import { decideSubmitIncidentByTrainedReferrer, type S31aTrainingChecked } from '../../domain/training/referrals.js';

export const recordSearch: CommandDefinition<SearchRecordInput, SearchToRecord, { searchId: string }> = {
  name: 'recordSearch',
  input: searchRecordInput,
  roles: REFERRERS,
  streamType: 'search',
  // A new stream, read from nothing: the event, the search row and the answer kept with the
  // Idempotency-Key go to the database as one statement (one round trip, no begin or commit).
  optimistic: true,
  async load() {
    // Monotonic: an officer's last search is the one recorded last, even within one millisecond.
    const id = monotonicId();
    return { streamId: `search-${id}`, version: 0, state: { id } };
  },
  decide: decideRecordSearch,
  projectors: [borderEventsProjector],
  async project(_tx, { state }) {
    return { searchId: state.id };
  },
};

export const saveIncidentDraftInput = z.object({ incidentId: z.uuid().optional(), incident: incidentInput });
export const saveIncidentDraft: CommandDefinition<z.infer<typeof saveIncidentDraftInput>, IncidentDraftState, { incidentId: string; version: number }> = {
  name: 'saveIncidentDraft',
  input: saveIncidentDraftInput,
  // A manager may correct any officer's draft (authoriseIncidentChange); officers only their own.
  roles: [...REFERRERS, ...DRAFT_OVERSEERS],
  streamType: 'incident',
  async load(tx, input) {
    const personIds = (input.incident.peopleFound ?? []).map(() => randomUUID());
    if (!input.incidentId) {
      const id = randomUUID();
      return { streamId: `incident-${id}`, version: 0, state: { id, exists: false, status: null, createdById: null, personIds } };
    }
    const [row] = await tx.select({ status: incidents.status, version: incidents.version, createdById: incidents.createdById }).from(incidents).where(eq(incidents.id, input.incidentId));
    if (!row) return null;
    return { streamId: `incident-${input.incidentId}`, version: row.version, state: { id: input.incidentId, exists: true, status: row.status, createdById: row.createdById, personIds } };
  },
  authorise: authoriseIncidentChange,
  decide: decideSaveIncidentDraft,
  projectors: [borderEventsProjector],
  async project(_tx, { state, version }) {
    return { incidentId: state.id, version };
  },
};

/**
 * Sends the referral: every field a penalty needs must be there (the refusal lists what is
 * missing). Records the sending on the incident's stream and, by the one decision that opens every
 * case (`caseOpeningDecision`, shared with the minimal referral), the case's opening on the case's
 * own stream, in the same transaction, so a referral is never half-sent and never sent twice.
 */
export const submitIncident: CommandDefinition<{ incidentId: string }, IncidentToSubmit & S31aTrainingChecked, { incidentId: string; caseReference: string; caseId: string }> = {
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
    const people = (await tx.select().from(peopleFound).where(eq(peopleFound.incidentId, row.id))).map(personFoundRecordOf);
    // S31A only from officers trained to refer it, while the policy says so (training module).
    const s31aProblem = row.status === 'draft' ? await s31aReferralCheck(tx, actor, data.offences ?? [], now) : null;
    return { streamId: `incident-${row.id}`, version: row.version, state: { id: row.id, status: row.status, createdById: row.createdById, data, caseReference: row.caseReference, allocation, peopleFound: people, s31aProblem } };
  },
  authorise: authoriseIncidentChange,
  decide: decideSubmitIncidentByTrainedReferrer,
  // The case's rows are written by the cases projector from the opening events on the case's stream;
  // the incident's row learns its case from them too.
  projectors: [borderEventsProjector, casesProjector],
  async project(tx, { state }) {
    const { caseId, reference } = state.allocation!;
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
export const addIncidentEvidence: CommandDefinition<z.infer<typeof addIncidentEvidenceInput>, EvidenceToAdd, { added: number }> = {
  name: 'addIncidentEvidence',
  input: addIncidentEvidenceInput,
  roles: REFERRERS,
  streamType: 'incident',
  async load(tx, input) {
    const [row] = await tx.select({ version: incidents.version, status: incidents.status, createdById: incidents.createdById }).from(incidents).where(eq(incidents.id, input.incidentId));
    if (!row) return null;
    // Monotonic: the files of one upload share uploaded_at and are listed in the order sent.
    return { streamId: `incident-${input.incidentId}`, version: row.version, state: { status: row.status, createdById: row.createdById, evidenceIds: input.files.map(() => monotonicId()) } };
  },
  authorise: authoriseIncidentChange,
  decide: decideAddIncidentEvidence,
  projectors: [borderEventsProjector],
  async project(_tx, { input }) {
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

/**
 * Discretion not to refer (DOMAIN.md §5): needs a senior officer's approval, except for a
 * self-declaration, which the recorded self-declaration itself supports.
 */
export const decideNotToRefer: CommandDefinition<z.infer<typeof decideNotToReferInput>, IncidentToKeepBack, { status: string }> = {
  name: 'decideNotToRefer',
  input: decideNotToReferInput,
  roles: REFERRERS,
  streamType: 'incident',
  async load(tx, input) {
    const [row] = await tx.select().from(incidents).where(eq(incidents.id, input.incidentId));
    if (!row) return null;
    return { streamId: `incident-${row.id}`, version: row.version, state: { id: row.id, status: row.status, createdById: row.createdById, selfDeclared: Boolean((row.data as IncidentInput).selfDeclaration) } };
  },
  authorise: authoriseIncidentChange,
  decide: decideNotToReferIncident,
  projectors: [borderEventsProjector],
  async project(_tx, { input }) {
    return { status: input.reasonCode === 'self-declaration' ? 'not-referred' : 'not-referred-awaiting-approval' };
  },
};

export const approveNotReferringInput = z.object({ incidentId: z.uuid(), approve: z.boolean(), note: z.string().trim().max(2000).optional() });

export const approveNotReferring: CommandDefinition<z.infer<typeof approveNotReferringInput>, NotReferringToApprove, { status: string }> = {
  name: 'approveNotReferring',
  input: approveNotReferringInput,
  roles: ['senior-officer'],
  streamType: 'incident',
  async load(tx, input) {
    const [row] = await tx.select({ status: incidents.status, version: incidents.version, createdById: incidents.createdById }).from(incidents).where(eq(incidents.id, input.incidentId));
    if (!row) return null;
    return { streamId: `incident-${input.incidentId}`, version: row.version, state: { status: row.status, createdById: row.createdById } };
  },
  authorise: authoriseApproveNotReferring,
  decide: decideApproveNotReferring,
  projectors: [borderEventsProjector],
  async project(_tx, { input }) {
    return { status: input.approve ? 'not-referred' : 'draft' };
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
  decide: decideDriverNoticeGiven,
  projectors: [borderEventsProjector],
  async project() {
    return { recorded: true };
  },
};

export const recordPersonFoundInput = z.object({ incidentId: z.uuid(), person: personFoundInput });

/** Adds one person found to an incident: their checks and safeguarding flags (held apart from the case). */
export const recordPersonFound: CommandDefinition<z.infer<typeof recordPersonFoundInput>, PeopleFoundSoFar, { sequence: number }> = {
  name: 'recordPersonFound',
  input: recordPersonFoundInput,
  roles: REFERRERS,
  streamType: 'incident',
  async load(tx, input) {
    const [row] = await tx.select({ version: incidents.version, status: incidents.status, createdById: incidents.createdById }).from(incidents).where(eq(incidents.id, input.incidentId));
    if (!row) return null;
    const existing = await tx.select({ id: peopleFound.id }).from(peopleFound).where(eq(peopleFound.incidentId, input.incidentId));
    return { streamId: `incident-${input.incidentId}`, version: row.version, state: { status: row.status, createdById: row.createdById, count: existing.length, personId: randomUUID() } };
  },
  authorise: authoriseIncidentChange,
  decide: decideRecordPersonFound,
  projectors: [borderEventsProjector],
  async project(_tx, { state }) {
    return { sequence: state.count + 1 };
  },
};
