import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase } from '../../../test/support/database.js';
import { rowsOf, type Database } from '../../platform/database/client.js';
import { executeCommand } from '../../platform/events/command.js';
import { rebuildProjections } from '../../platform/projections/rebuild.js';
import { projectors } from '../../app.js';
import {
  addIncidentEvidence,
  approveNotReferring,
  decideNotToRefer,
  recordDriverNoticeGiven,
  recordPersonFound,
  recordSearch,
  saveIncidentDraft,
  submitIncident,
} from './commands.js';
import { amendPersonFound, recordPersonFollowUp } from './people-found-commands.js';
import { checkedPerson } from '../../../test/support/people-found.js';

let database: Database;
const officer = { id: 'officer-1', name: 'Ada Officer', roles: ['port-officer'] };
const senior = { id: 'senior-1', name: 'Sam Senior', roles: ['senior-officer'] };
const today = new Date().toISOString().slice(0, 10);
const hash = (c: string) => c.repeat(64);

const incident = (extra: Record<string, unknown> = {}) => ({
  kind: 'port',
  offences: ['S32'],
  incidentDate: today,
  port: 'CQF',
  vehicleKind: 'hgv',
  tractorRegistration: 'WGM 4521K',
  tractorCountry: 'PL',
  clandestineEntrants: 2,
  concealment: ['load'],
  responsiblePersons: [
    { role: 'driver', kind: 'person', name: 'Piotr Kowalski', language: 'pl' },
    { role: 'owner', kind: 'organisation', name: 'Trans-Pol Sp. z o.o.', address: { line1: 'ul. Długa 5', town: 'Łódź', postcode: '90-001', country: 'PL' } },
  ],
  ...extra,
});

async function run<R>(command: Parameters<typeof executeCommand<unknown, unknown, R>>[1], input: unknown, actor = officer): Promise<R> {
  const outcome = await executeCommand(database.db, command, input, { actor });
  if (!outcome.ok) throw new Error(`${command.name}: ${outcome.message} ${JSON.stringify('errors' in outcome ? outcome.errors : [])}`);
  return outcome.value;
}

beforeAll(async () => {
  database = await createTestDatabase();
  const { searchId } = await run(recordSearch, {
    searchedAt: new Date(Date.now() - 3_600_000).toISOString(),
    port: 'CQF',
    lane: '4',
    vehicleKind: 'hgv',
    tractorRegistration: 'WGM 4521K',
    tractorCountry: 'PL',
    selectionReason: 'random',
    methods: ['pmmw-scanner'],
    searchedBy: 'border-force',
    result: 'clandestine-entrants',
    detectingMethod: 'pmmw-scanner',
  });
  // Sent: a draft saved twice (the people found replaced), evidence, one more person, the notice.
  const { incidentId: sent } = await run(saveIncidentDraft, {
    incident: incident({ searchId, peopleFound: [{ apparentChild: true, potentialVictimOfTrafficking: false, medicalNeed: false }] }),
  });
  await run(saveIncidentDraft, {
    incidentId: sent,
    incident: incident({
      searchId,
      peopleFound: [
        checkedPerson({ apparentChild: false, potentialVictimOfTrafficking: true, nrmReferralReference: 'NRM-1', medicalNeed: true, checks: { identity: 'done-clear' } }),
        checkedPerson({ apparentChild: false, potentialVictimOfTrafficking: false, medicalNeed: false, notes: 'Asked for water' }),
      ],
      peopleFoundDifferenceReason: 'A third person was found hiding after the count',
    }),
  });
  await run(addIncidentEvidence, {
    incidentId: sent,
    kind: 'photo',
    files: [
      { hash: hash('a'), mediaType: 'image/jpeg', size: 1200, originalName: 'rear doors.jpg', thumbnailHash: hash('b') },
      { hash: hash('c'), mediaType: 'application/pdf', size: 5400, originalName: 'checklist.pdf', thumbnailHash: null },
    ],
  });
  const handover = { localAuthority: 'Kent County Council', date: today, time: '00:01', socialWorker: 'Sam Okafor' };
  await run(recordPersonFound, { incidentId: sent, person: checkedPerson({ apparentChild: true, potentialVictimOfTrafficking: false, medicalNeed: false, ageAssessment: 'assessed-child' }) });
  // A person changed while a draft; after sending, a child's handover and an NRM decision.
  const ids = rowsOf<{ id: string; sequence: number }>(await database.db.execute(sql`select id, sequence from people_found where incident_id = ${sent} order by sequence`));
  await run(amendPersonFound, { incidentId: sent, personId: ids[1]!.id, person: checkedPerson({ notes: 'Asked for water and a blanket' }) });
  await run(recordPersonFollowUp, { incidentId: sent, personId: ids[2]!.id, handover });
  await run(submitIncident, { incidentId: sent });
  await run(recordPersonFollowUp, { incidentId: sent, personId: ids[0]!.id, nrmOutcome: { stage: 'reasonable-grounds', decision: 'positive', date: today } });
  await run(recordDriverNoticeGiven, { incidentId: sent, method: 'in-person', language: 'pl' });
  // Kept back and approved; kept back and sent back to its draft; a draft left as it is.
  const { incidentId: approved } = await run(saveIncidentDraft, { incident: incident() });
  await run(decideNotToRefer, { incidentId: approved, reasonCode: 'public-interest', reasonText: 'The driver is a minor travelling alone' });
  await run(approveNotReferring, { incidentId: approved, approve: true }, senior);
  const { incidentId: rejected } = await run(saveIncidentDraft, { incident: incident() });
  await run(decideNotToRefer, { incidentId: rejected, reasonCode: 'other', reasonText: 'Vehicle was a diplomatic vehicle' });
  await run(approveNotReferring, { incidentId: rejected, approve: false, note: 'Send it' }, senior);
  await run(saveIncidentDraft, { incident: { kind: 'inland', location: 'Ashford services' } });
});
afterAll(async () => database?.close());

const tables = ['searches', 'incidents', 'people_found', 'incident_evidence'] as const;

describe('the border-events read tables', () => {
  it('are exactly what the events make', async () => {
    const report = await rebuildProjections(database.db, projectors);
    expect(report.differences).toEqual([]);
    const sizes = Object.fromEntries(report.tables.filter((t) => (tables as readonly string[]).includes(t.name)).map((t) => [t.name, t.live]));
    expect(sizes).toEqual({ searches: 1, incidents: 4, people_found: 3, incident_evidence: 2 });
    const [sentRow] = rowsOf<{ status: string; case_reference: string | null; case_id: string | null }>(
      await database.db.execute(sql`select status, case_reference, case_id from incidents where status = 'submitted'`),
    );
    expect(sentRow!.case_reference).toMatch(/^CEC-\d{4}-\d{6}$/);
    expect(sentRow!.case_id).not.toBeNull();
  });

  it('name a hand-edited row of each table', async () => {
    await database.db.execute(sql`update searches set lane = '99'`);
    await database.db.execute(sql`update incidents set status = 'submitted' where status = 'draft' and port_code is null`);
    await database.db.execute(sql`update people_found set medical_need = not medical_need where sequence = 3`);
    await database.db.execute(sql`update incident_evidence set original_name = 'renamed.jpg' where size = 1200`);
    const report = await rebuildProjections(database.db, projectors);
    const problems = report.differences.filter((d) => (tables as readonly string[]).includes(d.table)).map((d) => `${d.table}: ${d.problem.replace(/ \(live.*$/, '')}`);
    expect(problems.sort()).toEqual([
      'incident_evidence: differs in original_name',
      'incidents: differs in status',
      'people_found: differs in medical_need',
      'searches: differs in lane',
    ]);
  });
});
