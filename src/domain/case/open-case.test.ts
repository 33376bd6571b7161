import { describe, expect, it } from 'vitest';
import { caseOpeningOf, lorryDropOfCase } from './case-opening.js';
import { caseOpeningFactsFromIncident, caseOpeningFactsFromReferral } from './opening-facts.js';
import { openCase, type CaseOpeningFacts } from './open-case.js';
import type { IncidentInput } from '../incident/incident.js';
import type { ReferralInput } from '../incident/referral.js';

const referral: ReferralInput = {
  port: 'CQF',
  incidentDate: '2026-10-01',
  offence: 'S32',
  clandestineEntrants: 2,
  vehicleRegistration: 'WGM 4521K',
  vehicleCountry: 'PL',
  driverName: 'Piotr Kowalski',
  companyName: 'Trans-Pol Sp. z o.o.',
};

const inland: IncidentInput = {
  kind: 'inland',
  offences: ['S32', 'S31A'],
  incidentDate: '2026-10-04',
  estimatedArrivalDate: '2026-10-02',
  within72Hours: true,
  location: 'M20 junction 8',
  vehicleKind: 'hgv',
  tractorRegistration: 'WGM 4521K',
  tractorCountry: 'PL',
  clandestineEntrants: 3,
  selfDeclaration: { when: 'at 10:00', where: 'Maidstone services', toWhom: 'police' },
  responsiblePersons: [
    { role: 'driver', kind: 'person', name: 'Łukasz Żółkiewski', language: 'pl', email: 'lukasz@example.com', address: { line1: 'ul. Świętokrzyska 12/4', town: 'Warszawa', postcode: '00-116', country: 'PL' } },
    { role: 'owner', kind: 'organisation', name: 'Trans-Pol Sp. z o.o.' },
  ],
};

const allocation = (facts: CaseOpeningFacts) => ({ caseId: 'case-1', reference: 'CEC-2026-000001', liabilityIds: facts.liabilities.map((_, i) => `liability-${i + 1}`) });

function opened(facts: CaseOpeningFacts) {
  const decision = openCase(facts, allocation(facts));
  if (!decision.ok) throw new Error(`refused: ${decision.problems.map((p) => p.code).join(', ')}`);
  return decision.events;
}

describe('opening a case', () => {
  it('from a minimal referral: how it arrived, the case, a driver and an owner liability', () => {
    const events = opened(caseOpeningFactsFromReferral(referral, 'Officer Dover'));
    expect(events.map((e) => e.type)).toEqual(['ReferralReceived', 'CaseOpened', 'LiabilityOpened', 'LiabilityOpened']);
    expect(events[0]!.payload).toEqual(referral);
    expect(events[1]!.payload).toEqual({
      caseId: 'case-1',
      reference: 'CEC-2026-000001',
      offence: 'S32',
      incidentId: null,
      incidentDate: '2026-10-01',
      port: 'CQF',
      clandestineEntrants: 2,
      vehicleRegistration: 'WGM 4521K',
      vehicleCountry: 'PL',
      driverName: 'Piotr Kowalski',
      companyName: 'Trans-Pol Sp. z o.o.',
      referredBy: 'Officer Dover',
      selfDeclared: false,
    });
    expect(events.slice(2).map((e) => e.payload)).toEqual([
      { liabilityId: 'liability-1', role: 'driver', offence: 'S32', partyName: 'Piotr Kowalski', personIndex: null, addressLines: null, email: null, language: null },
      { liabilityId: 'liability-2', role: 'owner', offence: 'S32', partyName: 'Trans-Pol Sp. z o.o.', personIndex: null, addressLines: null, email: null, language: null },
    ]);
  });

  it('from an inland incident: both offences, each person’s letters details, and the lorry drop’s two dates', () => {
    const events = opened(caseOpeningFactsFromIncident('incident-9', inland, 'PC Kent'));
    expect(events.map((e) => e.type)).toEqual(['IncidentReferred', 'CaseOpened', ...Array(4).fill('LiabilityOpened')]);
    expect(events[0]!.payload).toEqual({ incidentId: 'incident-9', offences: ['S32', 'S31A'], incidentDate: '2026-10-04', port: 'INLAND', clandestineEntrants: 3 });
    expect(events[1]!.payload).toMatchObject({
      offence: 'S31A+S32',
      incidentId: 'incident-9',
      selfDeclared: true,
      referredBy: 'PC Kent',
      driverName: 'Łukasz Żółkiewski',
      companyName: 'Trans-Pol Sp. z o.o.',
      lorryDrop: { estimatedArrivalDate: '2026-10-02', detectionDate: '2026-10-04' },
    });
    expect(events[2]!.payload).toEqual({
      liabilityId: 'liability-1',
      role: 'driver',
      offence: 'S32',
      partyName: 'Łukasz Żółkiewski',
      personIndex: 0,
      addressLines: ['ul. Świętokrzyska 12/4', '00-116 Warszawa', 'PL'],
      email: 'lukasz@example.com',
      language: 'pl',
    });
  });

  it('at a port there is no lorry drop, even with an arrival date typed in', () => {
    const events = opened(caseOpeningFactsFromIncident('incident-9', { ...inland, kind: 'port', port: 'CQF' }, 'Officer'));
    expect(events[1]!.payload).not.toHaveProperty('lorryDrop');
  });

  it('refuses facts that cannot open a case, with every reason', () => {
    const facts = caseOpeningFactsFromIncident('incident-9', { ...inland, offences: ['S32'], clandestineEntrants: 0, tractorRegistration: undefined, estimatedArrivalDate: '2026-10-05' }, 'Officer');
    const decision = openCase(facts, allocation(facts));
    expect(decision.ok).toBe(false);
    expect(!decision.ok && decision.problems.map((p) => p.code)).toEqual(['no-vehicle', 'no-entrants-for-s32', 'lorry-drop-arrival-after-detection']);
    const nobody = caseOpeningFactsFromReferral(referral, 'Officer');
    const empty = { ...nobody, offences: [], clandestineEntrants: null, liabilities: [] };
    expect(openCase(empty, allocation(empty))).toMatchObject({ ok: false, problems: [{ code: 'no-offence' }, { code: 'no-responsible-person' }] });
  });
});

describe('what a case was opened with, folded from its events', () => {
  it('gives back every fact the events were decided from', () => {
    const events = opened(caseOpeningFactsFromIncident('incident-9', inland, 'PC Kent'));
    const opening = caseOpeningOf(events)!;
    expect(opening).toMatchObject({
      caseId: 'case-1',
      reference: 'CEC-2026-000001',
      incidentId: 'incident-9',
      port: 'INLAND',
      vehicleRegistration: 'WGM 4521K',
      vehicleCountry: 'PL',
      referredBy: 'PC Kent',
      selfDeclared: true,
      lorryDrop: { estimatedArrivalDate: '2026-10-02', detectionDate: '2026-10-04' },
    });
    expect(opening.liabilities.map((l) => `${l.personIndex}:${l.role}:${l.offence}:${l.language}`)).toEqual(['0:driver:S32', '0:driver:S31A', '1:owner:S32', '1:owner:S31A'].map((s, i) => `${s}:${i < 2 ? 'pl' : 'null'}`));
    expect(lorryDropOfCase(events)).toEqual({ estimatedArrivalDate: '2026-10-02', detectionDate: '2026-10-04' });
  });

  it('reads events recorded before they carried every fact: no lorry drop, names from the liabilities', () => {
    const older = [
      { type: 'IncidentReferred', payload: { incidentId: 'incident-1', offences: ['S32'], incidentDate: '2025-03-01', port: 'INLAND', clandestineEntrants: 1 } },
      { type: 'CaseOpened', payload: { caseId: 'case-0', reference: 'CEC-2025-000007', offence: 'S32' } },
      { type: 'LiabilityOpened', payload: { liabilityId: 'l-1', role: 'driver', offence: 'S32', partyName: 'A Driver' } },
      { type: 'LiabilityOpened', payload: { liabilityId: 'l-2', role: 'owner', offence: 'S32', partyName: 'A Company' } },
    ];
    expect(caseOpeningOf(older)).toMatchObject({ incidentDate: '2025-03-01', incidentId: 'incident-1', driverName: 'A Driver', companyName: 'A Company', vehicleRegistration: null, referredBy: null, selfDeclared: false, lorryDrop: null });
    expect(lorryDropOfCase(older)).toBeNull();
    expect(caseOpeningOf([])).toBeNull();
  });
});
