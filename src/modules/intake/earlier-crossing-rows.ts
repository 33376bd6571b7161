import type { ProjectedEvent } from '../../platform/projections/projector.js';
import { INCIDENT_EVENT } from '../../domain/incident/events.js';
import type { earlierCrossings } from './schema.js';

/** The earlier-crossing row an officer's decision writes, from the event alone (pure). */
export function earlierCrossingRow(event: ProjectedEvent): typeof earlierCrossings.$inferInsert {
  const confirmed = event.type === INCIDENT_EVENT.EarlierCrossingConfirmed;
  return {
    incidentId: event.payload.incidentId as string,
    searchId: confirmed ? (event.payload.searchId as string) : null,
    outcome: confirmed ? 'confirmed' : 'none-right',
    note: confirmed ? null : ((event.payload.note as string | null) ?? null),
    decidedById: event.actorId,
    decidedByName: event.actorName,
    decidedAt: event.occurredAt,
  };
}
