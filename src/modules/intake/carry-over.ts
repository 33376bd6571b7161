import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../platform/database/client.js';
import { rowsOf } from '../../platform/database/client.js';
import { executeCommand, type CommandDefinition } from '../../platform/events/command.js';
import type { Actor } from '../../platform/events/event-store.js';
import { decideCarryOverIncidentRows, type IncidentRowsToCarryOver } from '../../domain/incident/incident-decisions.js';
import { INCIDENT_EVENT } from '../../domain/incident/events.js';
import { borderEventsProjector } from './projector.js';
import { incidentEvidence, incidents, peopleFound } from './schema.js';

/**
 * An upgrade step: an incident whose older events did not carry the ids of its people found and
 * evidence (they were chosen when the rows were written) gets, once, `IncidentRowsCarriedOver` with
 * its rows as they stand, so a rebuild makes them exactly. Nothing changes live.
 */
export const carryOverIncidentRows: CommandDefinition<{ incidentId: string }, IncidentRowsToCarryOver, { carried: number }> = {
  name: 'carryOverIncidentRows',
  input: z.object({ incidentId: z.uuid() }),
  roles: ['administrator'],
  streamType: 'incident',
  async load(tx, { incidentId }) {
    const [row] = await tx.select({ version: incidents.version }).from(incidents).where(eq(incidents.id, incidentId));
    if (!row) return null;
    const people = await tx.select().from(peopleFound).where(eq(peopleFound.incidentId, incidentId)).orderBy(asc(peopleFound.sequence), asc(peopleFound.id));
    const evidence = await tx.select().from(incidentEvidence).where(eq(incidentEvidence.incidentId, incidentId)).orderBy(asc(incidentEvidence.id));
    return {
      streamId: `incident-${incidentId}`,
      version: row.version,
      state: {
        incidentId,
        peopleFound: people.map((p) => ({
          personId: p.id,
          sequence: p.sequence,
          apparentChild: p.apparentChild,
          potentialVictimOfTrafficking: p.potentialVictimOfTrafficking,
          nrmReferralReference: p.nrmReferralReference,
          medicalNeed: p.medicalNeed,
          checks: p.checks as Record<string, string>,
          notes: p.notes,
          // Claimed identity, checks and safeguarding, and NRM decisions, when recorded.
          ...(p.details && Object.keys(p.details as object).length ? { details: p.details as Record<string, unknown> } : {}),
          ...(p.nrmOutcome ? { nrmOutcome: p.nrmOutcome as Record<string, unknown> } : {}),
        })),
        evidence: evidence.map((e) => ({
          evidenceId: e.id,
          kind: e.kind,
          requirementCode: e.requirementCode,
          hash: e.fileHash,
          mediaType: e.mediaType,
          size: e.size,
          originalName: e.originalName,
          thumbnailHash: e.thumbnailHash,
          uploadedByName: e.uploadedByName,
          uploadedAt: e.uploadedAt.toISOString(),
        })),
      },
    };
  },
  decide: decideCarryOverIncidentRows,
  projectors: [borderEventsProjector],
  async project(_tx, { state }) {
    return { carried: state.peopleFound.length + state.evidence.length };
  },
};

/** Carries over the rows of every incident that has an event from before ids were recorded, once. */
export async function carryOverIncidentRowsOlderEventsLack(db: Db, actor: Actor): Promise<number> {
  const older = rowsOf<{ incident_id: string }>(
    await db.execute(sql`
      select distinct substr(e.stream_id, ${'incident-'.length + 1}) as incident_id
      from events e
      where e.type in (${INCIDENT_EVENT.PersonFoundRecorded}, ${INCIDENT_EVENT.EvidenceAdded}, ${INCIDENT_EVENT.IncidentDraftStarted}, ${INCIDENT_EVENT.IncidentDraftSaved})
        and not (e.payload ? 'personId' or e.payload ? 'evidenceId' or e.payload ? 'peopleFound')
        and (e.type in (${INCIDENT_EVENT.PersonFoundRecorded}, ${INCIDENT_EVENT.EvidenceAdded}) or (e.payload->>'peopleFoundCount')::int > 0)
        and not exists (select 1 from events c where c.stream_id = e.stream_id and c.type = ${INCIDENT_EVENT.IncidentRowsCarriedOver})`),
  );
  for (const { incident_id: incidentId } of older) {
    const outcome = await executeCommand(db, carryOverIncidentRows, { incidentId }, { actor, idempotencyKey: `carry-over-incident-${incidentId}` });
    if (!outcome.ok) throw new Error(`Could not carry over the rows of incident ${incidentId}: ${outcome.message}`);
  }
  return older.length;
}
