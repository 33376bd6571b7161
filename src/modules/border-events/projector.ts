import type { Projector } from '../../platform/projections/projector.js';
import { registrationKey } from '../../domain/incident/registration.js';
import type { SearchRecordInput } from '../../domain/incident/search.js';
import { SEARCH_EVENT } from '../../domain/incident/events.js';
import { searches } from './schema.js';

/**
 * The only writer of the border-events read tables, from the events alone (so
 * `cordon projections rebuild --verify` can rebuild them). Searches so far; incidents, people found
 * and evidence are still written by their commands (see README).
 */
export const borderEventsProjector: Projector = {
  module: 'border-events',
  tables: [searches],
  streamTypes: ['search'],
  async apply(tx, event) {
    if (event.type !== SEARCH_EVENT.SearchRecorded) return;
    const search = event.payload as SearchRecordInput & { searchId: string };
    await tx.insert(searches).values({
      id: search.searchId,
      searchedAt: new Date(search.searchedAt),
      portCode: search.port,
      controlZone: search.controlZone ?? null,
      lane: search.lane ?? null,
      vehicleKind: search.vehicleKind,
      tractorRegistration: search.tractorRegistration ?? null,
      tractorKey: search.tractorRegistration ? registrationKey(search.tractorRegistration) : null,
      tractorCountry: search.tractorCountry ?? null,
      trailerRegistration: search.trailerRegistration ?? null,
      trailerKey: search.trailerRegistration ? registrationKey(search.trailerRegistration) : null,
      trailerCountry: search.trailerCountry ?? null,
      selectionReason: search.selectionReason,
      methods: search.methods,
      searchedBy: search.searchedBy,
      result: search.result,
      recordedById: event.actorId,
      recordedByName: event.actorName,
      recordedAt: event.occurredAt,
    });
  },
};
