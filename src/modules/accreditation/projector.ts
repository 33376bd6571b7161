/*
 * Projectors of the accreditation module. Assurance of members (acc-register): `assuranceProjector`.
 */
import type { Projector } from '../../platform/projections/projector.js';
import { isEventOf } from '../../domain/events.js';
import { ASSURANCE_EVENT } from '../../domain/accreditation/assurance-events.js';
import { accreditationMemberChecks } from './assurance-schema.js';

/** The only writer of `accreditation_member_checks`. */
export const assuranceProjector: Projector = {
  module: 'accreditation',
  tables: [accreditationMemberChecks],
  streamTypes: ['accreditation-assurance'],
  async apply(tx, event) {
    if (isEventOf(event, ASSURANCE_EVENT.MemberCheckRecorded)) {
      const p = event.payload;
      await tx.insert(accreditationMemberChecks).values({
        id: p.checkId,
        partyId: p.partyId,
        kind: p.kind,
        date: p.date,
        findings: p.findings,
        outcome: p.outcome,
        notes: p.notes,
        nextCheckDue: p.nextCheckDue,
        recordedById: event.actorId,
        recordedByName: event.actorName,
        recordedAt: event.occurredAt,
        version: event.version,
      });
    }
  },
};
