import { describe, expect, it } from 'vitest';
import { driverPenaltiesOwedWith, jointLiabilities, jointlyLiableFor, type JointLiabilityInput } from './joint-liability.js';

const DRIVER_PARTY = '00000000-0000-4000-8000-0000000000d1';
const TRANSPOL_PARTY = '00000000-0000-4000-8000-0000000000c1';
const HIRE_PARTY = '00000000-0000-4000-8000-0000000000c2';

function row(id: string, role: string, partyName: string, more: Partial<JointLiabilityInput> = {}): JointLiabilityInput {
  return { id, role, offence: 'S31A', partyName, partyId: null, personIndex: null, ...more };
}

const driver = row('d1', 'driver', 'Piotr Kowalski', { partyId: DRIVER_PARTY, personIndex: 0 });
const owner = row('o1', 'owner', 'Trans-Pol Sp. z o.o.', { partyId: TRANSPOL_PARTY, personIndex: 1 });
const ownerS32 = row('o2', 'owner', 'Trans-Pol Sp. z o.o.', { partyId: TRANSPOL_PARTY, personIndex: 1, offence: 'S32' });
const hirer = row('h1', 'hirer', 'Hire-Truck Ltd', { partyId: HIRE_PARTY, personIndex: 2 });

describe('jointLiabilities', () => {
  it('makes the owner jointly liable for the driver’s penalty, across both of its offences, when the case names no other', () => {
    const joint = jointLiabilities([driver, owner, ownerS32]);
    expect(joint).toEqual([
      { driverLiabilityId: 'd1', driverName: 'Piotr Kowalski', offence: 'S31A', employer: { name: 'Trans-Pol Sp. z o.o.', partyId: TRANSPOL_PARTY, role: 'owner', liabilityIds: ['o1', 'o2'], source: 'case' } },
    ]);
    expect(driverPenaltiesOwedWith(joint, 'o2').map((item) => item.driverLiabilityId)).toEqual(['d1']);
    expect(driverPenaltiesOwedWith(joint, 'd1')).toEqual([]);
    expect(jointlyLiableFor(joint, 'd1')?.name).toBe('Trans-Pol Sp. z o.o.');
  });

  it('takes the hirer before the owner from the case’s roles: the driver drives under contract to the hirer', () => {
    expect(jointLiabilities([driver, owner, hirer])[0]?.employer).toMatchObject({ name: 'Hire-Truck Ltd', role: 'hirer', source: 'case' });
  });

  it('takes the register’s employment link over the roles when it names an organisation on the case', () => {
    const joint = jointLiabilities([driver, owner, hirer], [{ personId: DRIVER_PARTY, organisationId: TRANSPOL_PARTY, organisationName: 'Trans-Pol' }]);
    expect(joint[0]?.employer).toEqual({ name: 'Trans-Pol Sp. z o.o.', partyId: TRANSPOL_PARTY, role: 'owner', liabilityIds: ['o1'], source: 'register' });
  });

  it('names a register employer that has no penalty on the case: it is liable irrespective of one', () => {
    const elsewhere = '00000000-0000-4000-8000-0000000000e1';
    const joint = jointLiabilities([driver, owner], [{ personId: DRIVER_PARTY, organisationId: elsewhere, organisationName: 'Agency Drivers Sp. j.' }]);
    expect(joint[0]?.employer).toEqual({ name: 'Agency Drivers Sp. j.', partyId: elsewhere, role: null, liabilityIds: [], source: 'register' });
  });

  it('does not take an organisation for the employer from its role once its own penalty is not pursued (found not to be the owner)', () => {
    expect(jointLiabilities([driver, { ...owner, notPursued: true }, hirer])[0]?.employer.name).toBe('Hire-Truck Ltd');
    expect(jointLiabilities([driver, { ...hirer, notPursued: true }, owner])[0]?.employer.name).toBe('Trans-Pol Sp. z o.o.');
    expect(jointLiabilities([driver, { ...owner, notPursued: true }])).toEqual([]);
    // The register still says who employs the driver.
    expect(jointLiabilities([driver, { ...owner, notPursued: true }], [{ personId: DRIVER_PARTY, organisationId: TRANSPOL_PARTY, organisationName: 'Trans-Pol' }])[0]?.employer.name).toBe('Trans-Pol Sp. z o.o.');
  });

  it('ignores another person’s employment link, and finds nobody when the case has no organisation', () => {
    expect(jointLiabilities([driver, owner], [{ personId: 'someone-else', organisationId: HIRE_PARTY, organisationName: 'Hire-Truck Ltd' }])[0]?.employer.source).toBe('case');
    expect(jointLiabilities([driver])).toEqual([]);
    expect(jointLiabilities([owner])).toEqual([]);
  });
});
