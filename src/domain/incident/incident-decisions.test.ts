import { describe, expect, it } from 'vitest';
import type { IncidentInput } from './incident.js';
import { decideRecordSearch } from './search-decision.js';
import {
  authoriseApproveNotReferring,
  authoriseIncidentChange,
  mayReadIncident,
  decideAddIncidentEvidence,
  decideApproveNotReferring,
  decideDriverNoticeGiven,
  decideNotToReferIncident,
  decideRecordPersonFound,
  decideSaveIncidentDraft,
  decideSubmitIncident,
} from './incident-decisions.js';

const now = new Date('2026-12-01T12:00:00Z');
const officer = { id: 'officer-1', name: 'Ada Officer', roles: ['port-officer'] };
const moment = { actor: officer, now };

const ready: IncidentInput = {
  kind: 'port',
  offences: ['S32'],
  incidentDate: '2026-11-30',
  port: 'CQF',
  vehicleKind: 'hgv',
  tractorRegistration: 'WGM 4521K',
  tractorCountry: 'PL',
  clandestineEntrants: 2,
  responsiblePersons: [
    { role: 'driver', kind: 'person', name: 'Piotr Kowalski' },
    { role: 'owner', kind: 'organisation', name: 'Trans-Pol Sp. z o.o.' },
  ],
};
const noMatch = { outcome: 'no-match' as const };
/** A person found whose minimum checks are recorded (people-found.ts): one per entrant counted. */
const checkedAdult = {
  apparentChild: false,
  potentialVictimOfTrafficking: false,
  claimedAge: 30,
  biometricsTaken: false,
  databaseChecks: { identity: noMatch, security: noMatch, immigrationHistory: noMatch, policeNationalComputer: noMatch },
};
const allocation = { caseId: 'c0ffee00-0000-4000-8000-000000000001', reference: 'CEC-2026-000042', liabilityIds: ['l-1', 'l-2'] };

describe('recording a search', () => {
  const search = {
    searchedAt: '2026-12-01T11:00:00Z',
    port: 'CQF',
    vehicleKind: 'hgv',
    tractorRegistration: 'WGM 4521K',
    tractorCountry: 'PL',
    selectionReason: 'random',
    methods: ['pmmw-scanner'],
    searchedBy: 'border-force',
    result: 'nothing-found',
  } as Parameters<typeof decideRecordSearch>[1];

  it('records the search under the id it was given', () => {
    expect(decideRecordSearch({ id: 's-1' }, search, moment)).toEqual({ ok: true, events: [{ type: 'SearchRecorded', payload: { searchId: 's-1', ...search } }] });
  });

  it('refuses a search in the future', () => {
    const decision = decideRecordSearch({ id: 's-1' }, { ...search, searchedAt: '2026-12-01T13:00:00Z' }, moment);
    expect(decision).toMatchObject({ ok: false, errors: [{ field: 'searchedAt', message: 'The time of the search cannot be in the future' }] });
  });
});

describe('saving a draft', () => {
  it('starts a draft with the people found apart, each under the id chosen for them', () => {
    const decision = decideSaveIncidentDraft(
      { id: 'i-1', exists: false, status: null, createdById: false ? officer.id : null, personIds: ['p-1'] },
      { incident: { ...ready, peopleFound: [{ apparentChild: true, potentialVictimOfTrafficking: false, medicalNeed: false }] } },
    );
    expect(decision).toEqual({
      ok: true,
      events: [
        {
          type: 'IncidentDraftStarted',
          payload: { incidentId: 'i-1', incident: ready, peopleFoundCount: 1, peopleFound: [{ apparentChild: true, potentialVictimOfTrafficking: false, medicalNeed: false, personId: 'p-1' }] },
        },
      ],
    });
  });

  it('saves over an existing draft and leaves the people found alone when none are sent', () => {
    const decision = decideSaveIncidentDraft({ id: 'i-1', exists: true, status: 'draft', createdById: true ? officer.id : null, personIds: [] }, { incident: ready });
    expect(decision).toEqual({ ok: true, events: [{ type: 'IncidentDraftSaved', payload: { incidentId: 'i-1', incident: ready, peopleFoundCount: 0 } }] });
  });

  it('refuses to change an incident already sent, and a registration that cannot be real', () => {
    expect(decideSaveIncidentDraft({ id: 'i-1', exists: true, status: 'submitted', createdById: true ? officer.id : null, personIds: [] }, { incident: ready })).toMatchObject({
      ok: false,
      message: 'This incident has already been sent and can no longer be changed here',
    });
    const bad = decideSaveIncidentDraft({ id: 'i-1', exists: false, status: null, createdById: false ? officer.id : null, personIds: [] }, { incident: { ...ready, tractorRegistration: '!!!' } });
    expect(bad).toMatchObject({ ok: false, errors: [{ field: 'tractorRegistration' }] });
  });
});

describe('sending an incident', () => {
  const draft = { id: 'i-1', status: 'draft', createdById: officer.id, data: ready, caseReference: null, allocation, peopleFound: [checkedAdult, checkedAdult] };

  it('records the sending and opens its case on the case’s own stream', () => {
    const decision = decideSubmitIncident(draft, { incidentId: 'i-1' }, moment);
    if (!decision.ok) throw new Error(decision.message);
    expect(decision.events).toEqual([
      { type: 'IncidentSubmitted', payload: { incidentId: 'i-1', liabilities: [{ personIndex: 0, role: 'driver', offence: 'S32' }, { personIndex: 1, role: 'owner', offence: 'S32' }] } },
    ]);
    expect(decision.alsoOn).toHaveLength(1);
    expect(decision.alsoOn![0]).toMatchObject({ streamId: `case-${allocation.caseId}`, streamType: 'case', expectedVersion: 0 });
    expect(decision.alsoOn![0]!.events.map((e) => e.type)).toEqual(['IncidentReferred', 'CaseOpened', 'LiabilityOpened', 'LiabilityOpened']);
  });

  it('lists what is missing, and refuses an incident already sent with its case', () => {
    const { clandestineEntrants: _none, ...withoutEntrants } = ready;
    expect(decideSubmitIncident({ ...draft, data: withoutEntrants }, {}, moment)).toMatchObject({ ok: false, errors: [{ field: 'clandestineEntrants' }] });
    expect(decideSubmitIncident({ ...draft, status: 'submitted', caseReference: 'CEC-2026-000042', allocation: null }, {}, moment)).toEqual({
      ok: false,
      message: 'This incident was already sent: it is case CEC-2026-000042',
    });
  });
});

describe('evidence', () => {
  const file = { hash: 'a'.repeat(64), mediaType: 'image/jpeg', size: 10, originalName: 'doors.jpg', thumbnailHash: null };

  it('records each file under the id chosen for it', () => {
    const decision = decideAddIncidentEvidence({ status: 'draft', createdById: officer.id, evidenceIds: ['e-1', 'e-2'] }, { incidentId: 'i-1', kind: 'photo', files: [file, { ...file, originalName: 'roof.jpg' }] });
    expect(decision.ok && decision.events.map((e) => [e.type, (e.payload as { evidenceId: string }).evidenceId])).toEqual([
      ['EvidenceAdded', 'e-1'],
      ['EvidenceAdded', 'e-2'],
    ]);
  });

  it('refuses a security requirement that is not on the list', () => {
    expect(decideAddIncidentEvidence({ status: 'draft', createdById: officer.id, evidenceIds: ['e-1'] }, { incidentId: 'i-1', kind: 'photo', files: [file], requirementCode: 'made-up' })).toMatchObject({
      ok: false,
      errors: [{ field: 'requirementCode' }],
    });
  });
});

describe('discretion not to refer', () => {
  it('needs approval unless it rests on a recorded self-declaration', () => {
    const kept = decideNotToReferIncident({ id: 'i-1', status: 'draft', createdById: officer.id, selfDeclared: false }, { reasonCode: 'public-interest', reasonText: 'The driver is a minor' });
    expect(kept).toMatchObject({ ok: true, events: [{ type: 'NotReferralDecided', payload: { needsApproval: true } }] });
    const declared = decideNotToReferIncident({ id: 'i-1', status: 'draft', createdById: officer.id, selfDeclared: true }, { reasonCode: 'self-declaration', reasonText: 'Phoned the police at Calais' });
    expect(declared).toMatchObject({ ok: true, events: [{ payload: { needsApproval: false } }] });
  });

  it('refuses a self-declaration that is not recorded, and an incident already sent', () => {
    expect(decideNotToReferIncident({ id: 'i-1', status: 'draft', createdById: officer.id, selfDeclared: false }, { reasonCode: 'self-declaration', reasonText: 'Phoned the police' })).toMatchObject({
      ok: false,
      errors: [{ field: 'reasonCode' }],
    });
    expect(decideNotToReferIncident({ id: 'i-1', status: 'submitted', createdById: officer.id, selfDeclared: true }, { reasonCode: 'other', reasonText: 'Diplomatic vehicle' }).ok).toBe(false);
  });

  it('is approved or sent back by another officer, never the one who decided', () => {
    const waiting = { status: 'not-referred-awaiting-approval', createdById: 'officer-1' };
    expect(authoriseApproveNotReferring(officer, waiting)).toBe('You cannot approve your own decision not to refer');
    expect(authoriseApproveNotReferring({ id: 'so-1', name: 'Sam', roles: ['senior-officer'] }, waiting)).toBeNull();
    expect(decideApproveNotReferring(waiting, { incidentId: 'i-1', approve: false })).toEqual({ ok: true, events: [{ type: 'NotReferralRejected', payload: { incidentId: 'i-1', note: null } }] });
    expect(decideApproveNotReferring({ ...waiting, status: 'draft' }, { incidentId: 'i-1', approve: true })).toEqual({ ok: false, message: 'That decision is not waiting for approval' });
  });
});

describe('the driver’s notice and the people found', () => {
  it('records the notice only once the referral is sent', () => {
    const input = { incidentId: 'i-1', method: 'in-person' as const, language: 'pl' };
    expect(decideDriverNoticeGiven({ status: 'submitted' }, input)).toEqual({ ok: true, events: [{ type: 'DriverNoticeGiven', payload: input }] });
    expect(decideDriverNoticeGiven({ status: 'draft' }, input)).toMatchObject({ ok: false });
  });

  it('numbers each person found after those already recorded, and refuses an NRM reference without the trafficking flag', () => {
    const person = { apparentChild: false, potentialVictimOfTrafficking: false, medicalNeed: true };
    expect(decideRecordPersonFound({ status: 'draft', createdById: officer.id, count: 2, personId: 'p-3' }, { incidentId: 'i-1', person })).toEqual({
      ok: true,
      events: [{ type: 'PersonFoundRecorded', payload: { incidentId: 'i-1', sequence: 3, personId: 'p-3', ...person } }],
    });
    expect(decideRecordPersonFound({ status: 'draft', createdById: officer.id, count: 0, personId: 'p-1' }, { incidentId: 'i-1', person: { ...person, nrmReferralReference: 'NRM-1' } })).toMatchObject({
      ok: false,
      errors: [{ field: 'nrmReferralReference' }],
    });
  });

  it('adds no one to an incident already sent', () => {
    const person = { apparentChild: false, potentialVictimOfTrafficking: false, medicalNeed: false };
    expect(decideRecordPersonFound({ status: 'submitted', createdById: officer.id, count: 1, personId: 'p-2' }, { incidentId: 'i-1', person })).toMatchObject({ ok: false });
  });
});

describe('whose incident it is', () => {
  const police = { id: 'officer-2', name: 'Bo Police', roles: ['police-officer'] };
  const otherPort = { id: 'officer-3', name: 'Cy Port', roles: ['port-officer'] };
  const manager = { id: 'manager-1', name: 'Di Manager', roles: ['manager'] };
  const caseworker = { id: 'cw-1', name: 'Ed Caseworker', roles: ['caseworker-eo'] };
  const draft = { status: 'draft', createdById: officer.id };

  it('lets only the author, or a manager, change a draft', () => {
    expect(authoriseIncidentChange(officer, draft)).toBeNull();
    expect(authoriseIncidentChange(manager, draft)).toBeNull();
    for (const other of [police, otherPort, caseworker]) expect(authoriseIncidentChange(other, draft)).toMatch(/another officer’s/);
  });

  it('lets the officers who record finds start a draft, and no one else', () => {
    const fresh = { status: null, createdById: null };
    expect(authoriseIncidentChange(police, fresh)).toBeNull();
    expect(authoriseIncidentChange(officer, fresh)).toBeNull();
    expect(authoriseIncidentChange(manager, fresh)).not.toBeNull();
  });

  it('leaves an incident sent or kept back to the decisions on it (no ownership rule)', () => {
    for (const status of ['submitted', 'not-referred', 'not-referred-awaiting-approval']) {
      expect(authoriseIncidentChange(police, { status, createdById: officer.id })).toBeNull();
    }
  });

  it('shows a draft to its author and managers only; an incident no longer a draft to whoever may open incidents', () => {
    expect(mayReadIncident(officer, draft)).toBe(true);
    expect(mayReadIncident(manager, draft)).toBe(true);
    for (const other of [police, otherPort, caseworker]) expect(mayReadIncident(other, draft)).toBe(false);
    for (const status of ['submitted', 'not-referred', 'not-referred-awaiting-approval']) {
      for (const reader of [police, otherPort, caseworker]) expect(mayReadIncident(reader, { status, createdById: officer.id })).toBe(true);
    }
  });
});
