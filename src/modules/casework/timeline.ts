import type { StoredEvent } from '../../platform/events/event-store.js';
import type { CaseEventType } from '../../domain/case/events.js';
import { CASE_TIMELINE_WORDING, HIDDEN, migratedSource, type CaseTimelineWording, type TimelineEntry, type WordingContext } from './timeline-wording.js';

/**
 * How a case event reads on the case timeline, from its wording in timeline-wording.ts; null for an
 * event deliberately not shown. `personOf` names the responsible person of a liability's event
 * ("Owner: Trans-Pol Sp. z o.o."), when the caller has them at hand.
 */
export function describeEvent(event: StoredEvent, personOf?: (liabilityId: string) => string | undefined): TimelineEntry | null {
  const wordings: CaseTimelineWording = CASE_TIMELINE_WORDING;
  const wording = Object.hasOwn(wordings, event.type) ? wordings[event.type as CaseEventType] : undefined;
  if (wording === HIDDEN) return null;
  // An event no longer in the catalogue still shows on an old case's timeline, by its name.
  if (!wording) return { title: event.type.replace(/([a-z])([A-Z])/g, '$1 $2'), description: '' };
  const liabilityId = event.payload.liabilityId;
  const context: WordingContext = { actorName: event.actorName, person: typeof liabilityId === 'string' ? personOf?.(liabilityId) : undefined };
  const entry = (wording as (payload: unknown, context: WordingContext) => TimelineEntry)(event.payload, context);
  // An imported fact says where it came from (the legacy import's file and line).
  const source = migratedSource(event.payload.migrated);
  return source ? { title: entry.title, description: entry.description ? `${entry.description} ${source}` : source } : entry;
}

/** "Owner: Trans-Pol Sp. z o.o." for each liability of the case, by id. */
export function personLabels(people: readonly { id: string; role: string; partyName: string }[]) {
  return (liabilityId: string) => {
    const person = people.find((p) => p.id === liabilityId);
    return person ? `${person.role.charAt(0).toUpperCase()}${person.role.slice(1)}: ${person.partyName}` : undefined;
  };
}
