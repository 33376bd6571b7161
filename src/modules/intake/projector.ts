import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import type { ProjectedEvent, Projector } from '../../platform/projections/projector.js';
import { INCIDENT_EVENT, SEARCH_EVENT } from '../../domain/incident/events.js';
import { CASE_EVENT } from '../../domain/case/events.js';
import type { IncidentInput } from '../../domain/incident/incident.js';
import { earlierCrossings, incidentEvidence, incidents, peopleFound, searches } from './schema.js';
import { earlierCrossingRow } from './earlier-crossing-rows.js';
import { carriedOverRows, draftColumns, draftPeopleFoundRows, evidenceRow, newIncidentRow, personFoundRow, searchRow } from './incident-rows.js';

/** The incident's own stream moved on: every incident event sets its version and the time it changed. */
function touched(event: ProjectedEvent) {
  return { version: event.version, updatedAt: event.occurredAt };
}

async function applyIncidentEvent(tx: Db, event: ProjectedEvent): Promise<void> {
  const incidentId = event.payload.incidentId as string;
  const incident = eq(incidents.id, incidentId);
  switch (event.type) {
    case INCIDENT_EVENT.IncidentDraftStarted:
    case INCIDENT_EVENT.IncidentDraftSaved: {
      if (event.type === INCIDENT_EVENT.IncidentDraftStarted) await tx.insert(incidents).values(newIncidentRow(event));
      else await tx.update(incidents).set(draftColumns(event)).where(incident);
      const people = draftPeopleFoundRows(event);
      if (people) {
        await tx.delete(peopleFound).where(eq(peopleFound.incidentId, incidentId));
        if (people.length) await tx.insert(peopleFound).values(people);
      }
      return;
    }
    case INCIDENT_EVENT.IncidentSubmitted:
      await tx.update(incidents).set({ status: 'submitted', submittedAt: event.occurredAt, ...touched(event) }).where(incident);
      return;
    case INCIDENT_EVENT.NotReferralDecided: {
      const status = event.payload.needsApproval ? 'not-referred-awaiting-approval' : 'not-referred';
      await tx.update(incidents).set({ status, notReferredReason: event.payload.reasonCode as string, ...touched(event) }).where(incident);
      return;
    }
    case INCIDENT_EVENT.NotReferralApproved:
      await tx.update(incidents).set({ status: 'not-referred', ...touched(event) }).where(incident);
      return;
    case INCIDENT_EVENT.NotReferralRejected:
      await tx.update(incidents).set({ status: 'draft', notReferredReason: null, ...touched(event) }).where(incident);
      return;
    case INCIDENT_EVENT.EvidenceAdded:
      await tx.insert(incidentEvidence).values(evidenceRow(event));
      await tx.update(incidents).set(touched(event)).where(incident);
      return;
    case INCIDENT_EVENT.PersonFoundRecorded: {
      const person = event.payload as NonNullable<IncidentInput['peopleFound']>[number] & { personId?: string; sequence: number };
      await tx.insert(peopleFound).values(personFoundRow(event, incidentId, person, person.sequence, 0));
      await tx.update(incidents).set(touched(event)).where(incident);
      return;
    }
    case INCIDENT_EVENT.PersonFoundAmended: {
      const person = event.payload as NonNullable<IncidentInput['peopleFound']>[number] & { personId: string };
      const { id: _id, incidentId: _incident, sequence: _sequence, ...columns } = personFoundRow(event, incidentId, person, 1, 0);
      await tx.update(peopleFound).set(columns).where(and(eq(peopleFound.id, person.personId), eq(peopleFound.incidentId, incidentId)));
      await tx.update(incidents).set(touched(event)).where(incident);
      return;
    }
    case INCIDENT_EVENT.PersonFoundFollowUpRecorded: {
      const { personId, handover, nrmOutcome } = event.payload as { personId: string; handover?: unknown; nrmOutcome?: { stage: string; decision: string; date: string } };
      const set: Record<string, unknown> = {};
      if (handover) set.details = sql`${peopleFound.details} || ${JSON.stringify({ handover })}::jsonb`;
      if (nrmOutcome) set.nrmOutcome = sql`coalesce(${peopleFound.nrmOutcome}, '{}'::jsonb) || ${JSON.stringify({ [nrmOutcome.stage]: { decision: nrmOutcome.decision, date: nrmOutcome.date } })}::jsonb`;
      await tx.update(peopleFound).set(set).where(and(eq(peopleFound.id, personId), eq(peopleFound.incidentId, incidentId)));
      await tx.update(incidents).set(touched(event)).where(incident);
      return;
    }
    case INCIDENT_EVENT.EarlierCrossingConfirmed:
    case INCIDENT_EVENT.EarlierCrossingRuledOut: {
      const row = earlierCrossingRow(event);
      await tx.insert(earlierCrossings).values(row).onConflictDoUpdate({ target: earlierCrossings.incidentId, set: row });
      await tx.update(incidents).set(touched(event)).where(incident);
      return;
    }
    case INCIDENT_EVENT.DriverNoticeGiven:
      await tx.update(incidents).set(touched(event)).where(incident);
      return;
    case INCIDENT_EVENT.IncidentRowsCarriedOver: {
      // The rows as they stood at the upgrade replace what older events made; nothing changed, so no updatedAt.
      const carried = carriedOverRows(event);
      await tx.delete(peopleFound).where(eq(peopleFound.incidentId, incidentId));
      await tx.delete(incidentEvidence).where(eq(incidentEvidence.incidentId, incidentId));
      if (carried.peopleFound.length) await tx.insert(peopleFound).values(carried.peopleFound);
      if (carried.evidence.length) await tx.insert(incidentEvidence).values(carried.evidence);
      await tx.update(incidents).set({ version: event.version }).where(incident);
      return;
    }
  }
}

/**
 * The only writer of intake's read tables, from the events alone (so `cordon projections
 * rebuild --verify` rebuilds them): searches from `SearchRecorded`; incidents, their people found
 * and their evidence from the incident's stream; and, from the opening of the case an incident
 * was sent to, the case's id (`IncidentReferred`, on the case's stream) and reference (`CaseOpened`).
 */
export const borderEventsProjector: Projector = {
  module: 'intake',
  tables: [searches, incidents, peopleFound, incidentEvidence, earlierCrossings],
  streamTypes: ['search', 'incident', 'case'],
  async apply(tx, event) {
    if (event.streamType === 'search') {
      if (event.type === SEARCH_EVENT.SearchRecorded) await tx.insert(searches).values(searchRow(event));
    } else if (event.streamType === 'incident') {
      await applyIncidentEvent(tx, event);
    } else if (event.type === CASE_EVENT.IncidentReferred) {
      await tx.update(incidents).set({ caseId: event.streamId.slice('case-'.length) }).where(eq(incidents.id, event.payload.incidentId as string));
    } else if (event.type === CASE_EVENT.CaseOpened && event.payload.incidentId !== null) {
      // Older CaseOpened events carry no incident id; the case id IncidentReferred recorded finds the incident.
      await tx.update(incidents).set({ caseReference: event.payload.reference as string }).where(eq(incidents.caseId, event.payload.caseId as string));
    }
  },
};
