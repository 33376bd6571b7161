import { describe, expect, it } from 'vitest';
import {
  decideLinkEmployment,
  decideMergeParties,
  decideRegisterParty,
  decideRegisterVehicle,
  decideRejectMatch,
  decideUnmergeParty,
  type MergeState,
} from './decisions.js';

const A = '0b6f1a52-2f5e-4c36-9d0e-3b1d3f0c0a01';
const B = '0b6f1a52-2f5e-4c36-9d0e-3b1d3f0c0a02';
const C = '0b6f1a52-2f5e-4c36-9d0e-3b1d3f0c0a03';

describe('registering a party', () => {
  it('records everything known about the new entry under the id allocated for it', () => {
    const input = { kind: 'organisation' as const, name: 'Trans-Pol Sp. z o.o.', country: 'PL', otherNames: ['Transpol'] };
    expect(decideRegisterParty({ id: A }, input)).toEqual({ ok: true, events: [{ type: 'PartyRegistered', payload: { partyId: A, ...input } }] });
  });

  it('refuses a former name that stopped before it started, naming the field', () => {
    const decision = decideRegisterParty({ id: A }, { kind: 'organisation', name: 'X UAB', formerNames: [{ name: 'Y', validTo: '2030-01-01' }, { name: 'Y UAB', validFrom: '2022-01-01', validTo: '2020-01-01' }] });
    expect(decision).toEqual({ ok: false, message: 'A former name cannot stop being used before it started', errors: [{ field: 'formerNames.1.validTo', message: 'The end date must be after the start date' }] });
  });

  it('refuses a date of birth for an organisation, not for a person', () => {
    expect(decideRegisterParty({ id: A }, { kind: 'organisation', name: 'X Ltd', dateOfBirth: '1990-01-01' })).toMatchObject({ ok: false, message: 'An organisation has no date of birth' });
    expect(decideRegisterParty({ id: A }, { kind: 'person', name: 'Jan Nowak', dateOfBirth: '1990-01-01' })).toMatchObject({ ok: true });
  });
});

describe('merging and unmerging', () => {
  const state = (over: Partial<MergeState> = {}): MergeState => ({ survivorRoot: C, survivorKind: 'organisation', merged: { id: B, kind: 'organisation', mergedInto: null }, ...over });
  const input = { survivorId: A, mergedId: B, reason: 'Same VAT number' };

  it('points the merged entry at the root of the survivor’s identity', () => {
    expect(decideMergeParties(state(), input)).toEqual({ ok: true, events: [{ type: 'PartyMerged', payload: { partyId: B, into: C, reason: 'Same VAT number' } }] });
  });

  it('refuses a missing party, one already merged, a merge into itself and a person with an organisation', () => {
    expect(decideMergeParties(state({ merged: null }), input)).toEqual({ ok: false, message: 'One of the parties does not exist' });
    expect(decideMergeParties(state({ survivorRoot: null }), input)).toEqual({ ok: false, message: 'One of the parties does not exist' });
    expect(decideMergeParties(state({ merged: { id: B, kind: 'organisation', mergedInto: A } }), input)).toMatchObject({ ok: false, message: /already merged/ });
    expect(decideMergeParties(state({ survivorRoot: B }), input)).toEqual({ ok: false, message: 'A party cannot be merged into itself' });
    expect(decideMergeParties(state({ survivorKind: 'person' }), input)).toEqual({ ok: false, message: 'A person and an organisation cannot be merged' });
  });

  it('unmerges only a merged entry, naming what it was merged into', () => {
    expect(decideUnmergeParty({ exists: true, mergedInto: A }, { partyId: B, reason: 'Mistake' })).toEqual({
      ok: true,
      events: [{ type: 'PartyUnmerged', payload: { partyId: B, from: A, reason: 'Mistake' } }],
    });
    expect(decideUnmergeParty({ exists: true, mergedInto: null }, { partyId: B, reason: 'Mistake' })).toEqual({ ok: false, message: 'That party is not merged into another' });
    expect(decideUnmergeParty({ exists: false, mergedInto: null }, { partyId: B, reason: 'Mistake' })).toEqual({ ok: false, message: 'That party does not exist' });
  });
});

describe('rejecting a match', () => {
  it('records the pair with the score shown, or none', () => {
    expect(decideRejectMatch({ already: false }, { partyId: A, otherId: B, reason: 'Different', score: 4.5 })).toEqual({
      ok: true,
      events: [{ type: 'MatchRejected', payload: { partyId: A, otherId: B, reason: 'Different', score: 4.5 } }],
    });
    expect(decideRejectMatch({ already: false }, { partyId: A, otherId: B, reason: 'Different' })).toMatchObject({ ok: true, events: [{ payload: { score: null } }] });
  });

  it('refuses a party against itself and a pair already rejected', () => {
    expect(decideRejectMatch({ already: false }, { partyId: A, otherId: A, reason: 'Different' })).toEqual({ ok: false, message: 'A party cannot be compared with itself' });
    expect(decideRejectMatch({ already: true }, { partyId: A, otherId: B, reason: 'Different' })).toEqual({ ok: false, message: 'That pair was already marked as not the same' });
  });
});

describe('linking a driver to an employer', () => {
  const kinds = { [A]: 'person', [B]: 'organisation' };
  it('links a person to an organisation', () => {
    const input = { personId: A, organisationId: B, relationship: 'employee' as const, validFrom: '2024-01-01' };
    expect(decideLinkEmployment({ kinds }, input)).toEqual({ ok: true, events: [{ type: 'EmploymentLinked', payload: input }] });
  });

  it('refuses the wrong kinds, a party not in the register and dates the wrong way round', () => {
    expect(decideLinkEmployment({ kinds }, { personId: B, organisationId: A, relationship: 'employee' })).toEqual({ ok: false, message: 'The driver must be a person in the register' });
    expect(decideLinkEmployment({ kinds }, { personId: A, organisationId: C, relationship: 'employee' })).toEqual({ ok: false, message: 'The employer must be an organisation in the register' });
    expect(decideLinkEmployment({ kinds }, { personId: A, organisationId: B, relationship: 'agency', validFrom: '2024-02-01', validTo: '2024-01-01' })).toEqual({
      ok: false,
      message: 'The end date must be after the start date',
    });
  });
});

describe('registering a vehicle', () => {
  const input = { registration: 'WGM 4521K', country: 'PL', kind: 'hgv-tractor' as const, links: [{ partyId: A, role: 'owner' as const }] };

  it('registers a new registration with its links, and only adds links to one already registered', () => {
    expect(decideRegisterVehicle({ id: C, existing: null }, input)).toEqual({
      ok: true,
      events: [
        { type: 'VehicleRegistered', payload: { vehicleId: C, registration: 'WGM 4521K', country: 'PL', kind: 'hgv-tractor' } },
        { type: 'VehicleLinked', payload: { vehicleId: C, partyId: A, role: 'owner' } },
      ],
    });
    expect(decideRegisterVehicle({ id: C, existing: C }, input)).toEqual({ ok: true, events: [{ type: 'VehicleLinked', payload: { vehicleId: C, partyId: A, role: 'owner' } }] });
  });

  it('refuses a vehicle already registered with nothing to add, and a registration in no format of its country', () => {
    expect(decideRegisterVehicle({ id: C, existing: C }, { ...input, links: [] })).toEqual({ ok: false, message: 'That vehicle is already registered' });
    const badFormat = decideRegisterVehicle({ id: C, existing: null }, { ...input, registration: '!!' });
    expect(badFormat).toMatchObject({ ok: false, errors: [{ field: 'registration' }] });
  });
});
