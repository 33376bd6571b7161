import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { CommandDefinition } from '../../platform/events/command.js';
import type { Db } from '../../platform/database/client.js';
import { personFoundInput, type IncidentInput } from '../../domain/incident/incident.js';
import { handoverInput, nrmOutcomeInput, authorisePersonFollowUp, FOLLOW_UP_ROLES, type PersonFoundRecord } from '../../domain/incident/people-found.js';
import { decideAmendPersonFound, decideRecordPersonFollowUp, type PersonFoundState } from '../../domain/incident/people-found-decisions.js';
import { authoriseIncidentChange, DRAFT_OVERSEERS } from '../../domain/incident/incident-decisions.js';
import { REFERRERS } from '../identity/roles.js';
import { borderEventsProjector } from './projector.js';
import { incidents, peopleFound } from './schema.js';

type PersonRow = typeof peopleFound.$inferSelect;

/** A person found's row as the domain's checks read it: the first flags and the details. */
export function personFoundRecordOf(row: PersonRow): PersonFoundRecord {
  return {
    ...(row.details as Record<string, unknown>),
    apparentChild: row.apparentChild,
    potentialVictimOfTrafficking: row.potentialVictimOfTrafficking,
    nrmReferralReference: row.nrmReferralReference,
    medicalNeed: row.medicalNeed,
  };
}

async function loadPerson(tx: Db, input: { incidentId: string; personId: string }) {
  const [incident] = await tx.select({ version: incidents.version, status: incidents.status, createdById: incidents.createdById, incidentDate: incidents.incidentDate }).from(incidents).where(eq(incidents.id, input.incidentId));
  if (!incident) return null;
  const [row] = await tx.select().from(peopleFound).where(and(eq(peopleFound.id, input.personId), eq(peopleFound.incidentId, input.incidentId)));
  const state: PersonFoundState & { status: string } = {
    status: incident.status,
    incidentStatus: incident.status,
    createdById: incident.createdById,
    incidentDate: incident.incidentDate,
    person: row ? { ...personFoundRecordOf(row), nrmOutcome: row.nrmOutcome as Record<string, { decision: string; date: string }> | null } : null,
  };
  // The incident's stream version: a record opened before any other change to the incident is stale (409).
  return { streamId: `incident-${input.incidentId}`, version: incident.version, state };
}

export const amendPersonFoundInput = z.object({ incidentId: z.uuid(), personId: z.uuid(), person: personFoundInput });

/** Changes a recorded person while the incident is a draft (the recording officer, or a manager correcting it). */
export const amendPersonFound: CommandDefinition<z.infer<typeof amendPersonFoundInput>, PersonFoundState & { status: string }, { personId: string }> = {
  name: 'amendPersonFound',
  input: amendPersonFoundInput,
  roles: [...REFERRERS, ...DRAFT_OVERSEERS],
  streamType: 'incident',
  load: (tx, input) => loadPerson(tx, input),
  authorise: authoriseIncidentChange,
  decide: decideAmendPersonFound,
  projectors: [borderEventsProjector],
  async project(_tx, { input }) {
    return { personId: input.personId };
  },
};

export const recordPersonFollowUpInput = z.object({
  incidentId: z.uuid(),
  personId: z.uuid(),
  handover: handoverInput.optional(),
  nrmOutcome: nrmOutcomeInput.optional(),
});

/**
 * A child's handover to a local authority and the NRM's decisions, recorded when they happen —
 * also weeks after the incident was sent — by the officer who recorded it, a senior officer or a manager.
 */
export const recordPersonFollowUp: CommandDefinition<z.infer<typeof recordPersonFollowUpInput>, PersonFoundState & { status: string }, { personId: string }> = {
  name: 'recordPersonFollowUp',
  input: recordPersonFollowUpInput,
  roles: [...REFERRERS, ...FOLLOW_UP_ROLES],
  streamType: 'incident',
  load: (tx, input) => loadPerson(tx, input),
  authorise: authorisePersonFollowUp,
  decide: decideRecordPersonFollowUp,
  projectors: [borderEventsProjector],
  async project(_tx, { input }) {
    return { personId: input.personId };
  },
};

/** The incident's data as a person-found record set needs it (the S32 count and the reason for a difference). */
export type IncidentForPeople = Pick<IncidentInput, 'offences' | 'clandestineEntrants' | 'peopleFoundDifferenceReason' | 'incidentDate'>;
