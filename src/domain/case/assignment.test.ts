import { describe, expect, it } from 'vitest';
import { liabilityAt, OFFICERS, openDriverLiability } from '../liability/liability-factories.js';
import { actor, caseFile, driver, NOW } from './case-factories.js';
import { decideAssignCase, decideClaimCase, decideUnassignCase, type Officers } from './assignment.js';

const ADA = '0f3a2b1c-0000-4000-8000-0000000000e1';
const EVE = '0f3a2b1c-0000-4000-8000-0000000000e2';
const officers: Officers = { names: new Map([[ADA, 'Ada Lovell'], [EVE, 'Eve Marsh']]), assignable: new Set([ADA, EVE]) };
const withCase = (assignedTo: string | null, stage = 'case-created') => ({ ...caseFile([{ row: driver(), state: openDriverLiability() }], { kase: { assignedTo, stage } }), officers });
const ada = { actor: actor({ id: ADA, roles: ['caseworker-ao'] }, 'Ada Lovell'), now: NOW };

describe('decideClaimCase', () => {
  it('gives an open case nobody has to the officer claiming it', () => {
    expect(decideClaimCase(withCase(null), {}, ada)).toEqual({ ok: true, events: [{ type: 'CaseClaimed', payload: { officerId: ADA, officerName: 'Ada Lovell' } }] });
  });

  it('refuses a case someone has (naming them), one the officer has, and a finished one', () => {
    expect(decideClaimCase(withCase(EVE), {}, ada)).toMatchObject({ ok: false, message: expect.stringMatching(/^Eve Marsh already has this case/) });
    expect(decideClaimCase(withCase(ADA), {}, ada)).toMatchObject({ ok: false, message: 'You already have this case: it is on your work list.' });
    expect(decideClaimCase(withCase(null, liabilityAt('closed').state.stage), {}, ada)).toMatchObject({ ok: false, message: expect.stringMatching(/cannot be claimed\.$/) });
  });

  it('refuses a claim by anyone who is not an officer working cases (an API token holds no case)', () => {
    const token = { actor: actor({ id: 'token:0f3a2b1c', roles: ['caseworker-eo'] }, 'Casework robot'), now: NOW };
    expect(decideClaimCase(withCase(null), {}, token)).toMatchObject({ ok: false, message: expect.stringMatching(/^Only an officer who works cases/) });
  });
});

describe('decideAssignCase', () => {
  it('gives the case to an officer who works cases, naming who had it', () => {
    expect(decideAssignCase(withCase(ADA), { officerId: EVE })).toEqual({
      ok: true,
      events: [{ type: 'CaseAssigned', payload: { officerId: EVE, officerName: 'Eve Marsh', previousOfficerId: ADA, previousOfficerName: 'Ada Lovell' } }],
    });
  });

  it('refuses an officer who does not work cases, and the officer who has it already', () => {
    expect(decideAssignCase(withCase(null), { officerId: OFFICERS.finance.id })).toMatchObject({ ok: false, errors: [{ field: 'officerId', message: 'Choose an officer who works cases' }] });
    expect(decideAssignCase(withCase(EVE), { officerId: EVE })).toEqual({ ok: false, message: 'Eve Marsh already has this case.' });
  });
});

describe('decideUnassignCase', () => {
  it('puts the case back in the queue', () => {
    expect(decideUnassignCase(withCase(EVE))).toEqual({ ok: true, events: [{ type: 'CaseUnassigned', payload: { previousOfficerId: EVE, previousOfficerName: 'Eve Marsh' } }] });
  });

  it('refuses when nobody has it', () => {
    expect(decideUnassignCase(withCase(null))).toEqual({ ok: false, message: 'Nobody has this case: it is already in the queue to be claimed.' });
  });
});
