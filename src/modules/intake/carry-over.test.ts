import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { createTestDatabase } from '../../../test/support/database.js';
import { rowsOf, type Database } from '../../platform/database/client.js';
import { appendEvents } from '../../platform/events/event-store.js';
import { executeCommand } from '../../platform/events/command.js';
import { rebuildProjections } from '../../platform/projections/rebuild.js';
import { projectors } from '../../app.js';
import { SYSTEM_ACTOR } from '../identity/service.js';
import { carryOverIncidentRowsOlderEventsLack } from './carry-over.js';
import { recordPersonFound } from './commands.js';
import { incidentEvidence, incidents, peopleFound } from './schema.js';

let database: Database;
const officer = { id: 'officer-1', name: 'Ada Officer', roles: ['port-officer'] };
const incidentId = randomUUID();
const at = new Date('2026-11-30T09:00:00Z');
const draft = { kind: 'port' as const, port: 'CQF' as const, offences: ['S32' as const], clandestineEntrants: 1 };
const person = { apparentChild: false, potentialVictimOfTrafficking: false, medicalNeed: true };
const file = { hash: 'a'.repeat(64), mediaType: 'image/jpeg', size: 900, originalName: 'roof.jpg', thumbnailHash: null };

/** Writes an incident as an earlier version did: events without the rows' ids, rows with random ids. */
beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.transaction(async (tx) => {
    await appendEvents(tx, {
      streamId: `incident-${incidentId}`,
      streamType: 'incident',
      expectedVersion: 0,
      actor: officer,
      occurredAt: at,
      events: [
        { type: 'IncidentDraftStarted', payload: { incidentId, incident: draft, peopleFoundCount: 1 } },
        { type: 'PersonFoundRecorded', payload: { incidentId, sequence: 2, ...person } },
        { type: 'EvidenceAdded', payload: { incidentId, kind: 'photo', requirementCode: null, ...file } },
      ],
    });
    await tx.insert(incidents).values({ id: incidentId, kind: 'port', status: 'draft', data: draft, portCode: 'CQF', createdById: officer.id, createdByName: officer.name, createdAt: at, updatedAt: at, version: 3 });
    await tx.insert(peopleFound).values([
      { id: randomUUID(), incidentId, sequence: 1, apparentChild: true, potentialVictimOfTrafficking: false, medicalNeed: false, checks: {} },
      { id: randomUUID(), incidentId, sequence: 2, ...person, checks: {} },
    ]);
    await tx.insert(incidentEvidence).values({ id: randomUUID(), incidentId, fileHash: file.hash, mediaType: file.mediaType, size: file.size, originalName: file.originalName, kind: 'photo', uploadedByName: officer.name, uploadedAt: at });
  });
});
afterAll(async () => database?.close());

describe('carrying over the rows older incident events cannot rebuild', () => {
  it('is needed: the older events alone do not give the rows’ ids', async () => {
    const report = await rebuildProjections(database.db, projectors);
    // Two people live (one from the draft, whom its event did not carry), one evidence row: none rebuilt under its id.
    expect(report.differences.map((d) => `${d.table}: ${d.problem}`).sort()).toEqual([
      'incident_evidence: in the live table but not made by any event',
      'incident_evidence: made by the events but missing from the live table',
      'people_found: in the live table but not made by any event',
      'people_found: in the live table but not made by any event',
      'people_found: made by the events but missing from the live table',
    ]);
  });

  it('records the rows once, after which the rebuild is exact and the incident takes new events', async () => {
    const before = await database.db.select().from(peopleFound);
    expect(await carryOverIncidentRowsOlderEventsLack(database.db, SYSTEM_ACTOR)).toBe(1);
    expect(await carryOverIncidentRowsOlderEventsLack(database.db, SYSTEM_ACTOR)).toBe(0);
    expect((await rebuildProjections(database.db, projectors)).differences).toEqual([]);
    expect(await database.db.select().from(peopleFound)).toEqual(before);

    const added = await executeCommand(database.db, recordPersonFound, { incidentId, person }, { actor: officer });
    expect(added).toMatchObject({ ok: true, value: { sequence: 3 } });
    expect((await rebuildProjections(database.db, projectors)).differences).toEqual([]);
    const [row] = rowsOf<{ version: number }>(await database.db.execute(sql`select version from incidents where id = ${incidentId}`));
    expect(row!.version).toBe(5);
  });
});
