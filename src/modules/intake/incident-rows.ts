import { createHash } from 'node:crypto';
import type { ProjectedEvent } from '../../platform/projections/projector.js';
import { registrationKey } from '../../domain/incident/registration.js';
import type { SearchRecordInput } from '../../domain/incident/search.js';
import type { IncidentInput } from '../../domain/incident/incident.js';
import type { IncidentEvent } from '../../domain/incident/events.js';
import { personFoundDetailsOf } from '../../domain/incident/people-found.js';
import type { incidentEvidence, incidents, peopleFound, searches } from './schema.js';

/*
 * The rows intake's projector writes, built from an event alone (pure: no reads, no
 * writes, no clock). The projector (`projector.ts`) holds the write statements.
 */

type PersonFound = NonNullable<IncidentInput['peopleFound']>[number] & { personId?: string };

/**
 * An id for a row whose event is older than the id's field (such rows were given a random id the
 * log never saw): the same every replay, made from the event's place in its stream.
 */
export function idFromEvent(event: Pick<ProjectedEvent, 'streamId' | 'version'>, index: number): string {
  const hex = createHash('sha256').update(`${event.streamId}:${event.version}:${index}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function searchRow(event: ProjectedEvent): typeof searches.$inferInsert {
  const search = event.payload as SearchRecordInput & { searchId: string };
  return {
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
    detectingMethod: search.detectingMethod ?? null,
    detectingMethodUnknownReason: search.detectingMethodUnknownReason ?? null,
    recordedById: event.actorId,
    recordedByName: event.actorName,
    recordedAt: event.occurredAt,
  };
}

/** The columns a saved draft sets (the incident as entered, without its people found). */
export function draftColumns(event: ProjectedEvent) {
  const incident = event.payload.incident as Omit<IncidentInput, 'peopleFound'>;
  return {
    kind: incident.kind,
    data: incident,
    searchId: incident.searchId ?? null,
    incidentDate: incident.incidentDate ?? null,
    portCode: incident.port ?? null,
    updatedAt: event.occurredAt,
    version: event.version,
  };
}

/** A new draft's row: the officer who started it and when. */
export function newIncidentRow(event: ProjectedEvent): typeof incidents.$inferInsert {
  return {
    id: event.payload.incidentId as string,
    status: 'draft',
    createdById: event.actorId,
    createdByName: event.actorName,
    createdAt: event.occurredAt,
    ...draftColumns(event),
  };
}

/** One person found; `sequence` is their place on the incident, from 1. */
export function personFoundRow(event: ProjectedEvent, incidentId: string, person: PersonFound, sequence: number, index: number): typeof peopleFound.$inferInsert {
  return {
    id: person.personId ?? idFromEvent(event, index),
    incidentId,
    sequence,
    apparentChild: person.apparentChild,
    potentialVictimOfTrafficking: person.potentialVictimOfTrafficking,
    nrmReferralReference: person.nrmReferralReference ?? null,
    medicalNeed: person.medicalNeed,
    checks: person.checks ?? {},
    notes: person.notes ?? null,
    details: personFoundDetailsOf(person),
  };
}

/** The people found a draft sent, the whole list; undefined when the draft left them as they were. */
export function draftPeopleFoundRows(event: ProjectedEvent): (typeof peopleFound.$inferInsert)[] | undefined {
  const people = event.payload.peopleFound as PersonFound[] | undefined;
  if (!people) return undefined;
  const incidentId = event.payload.incidentId as string;
  return people.map((person, i) => personFoundRow(event, incidentId, person, i + 1, i));
}

export function evidenceRow(event: ProjectedEvent): typeof incidentEvidence.$inferInsert {
  const file = event.payload as {
    incidentId: string;
    evidenceId?: string;
    kind: string;
    requirementCode: string | null;
    hash: string;
    mediaType: string;
    size: number;
    originalName: string;
    thumbnailHash: string | null;
  };
  return {
    id: file.evidenceId ?? idFromEvent(event, 0),
    incidentId: file.incidentId,
    fileHash: file.hash,
    mediaType: file.mediaType,
    size: file.size,
    originalName: file.originalName,
    thumbnailHash: file.thumbnailHash,
    kind: file.kind,
    requirementCode: file.requirementCode,
    uploadedByName: event.actorName,
    uploadedAt: event.occurredAt,
  };
}

type CarriedOver = Extract<IncidentEvent, { type: 'IncidentRowsCarriedOver' }>['payload'];

/** The people found and evidence rows an upgrade carried over, as they stood. */
export function carriedOverRows(event: ProjectedEvent): { peopleFound: (typeof peopleFound.$inferInsert)[]; evidence: (typeof incidentEvidence.$inferInsert)[] } {
  const carried = event.payload as CarriedOver;
  return {
    peopleFound: carried.peopleFound.map((p) => ({
      id: p.personId,
      incidentId: carried.incidentId,
      sequence: p.sequence,
      apparentChild: p.apparentChild,
      potentialVictimOfTrafficking: p.potentialVictimOfTrafficking,
      nrmReferralReference: p.nrmReferralReference,
      medicalNeed: p.medicalNeed,
      checks: p.checks,
      notes: p.notes,
      details: p.details ?? {},
      nrmOutcome: p.nrmOutcome ?? null,
    })),
    evidence: carried.evidence.map((e) => ({
      id: e.evidenceId,
      incidentId: carried.incidentId,
      fileHash: e.hash,
      mediaType: e.mediaType,
      size: e.size,
      originalName: e.originalName,
      thumbnailHash: e.thumbnailHash,
      kind: e.kind,
      requirementCode: e.requirementCode,
      uploadedByName: e.uploadedByName,
      uploadedAt: new Date(e.uploadedAt),
    })),
  };
}
