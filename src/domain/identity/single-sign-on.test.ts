import { describe, expect, it } from 'vitest';
import { decideAddSingleSignOnUser, decideChangeSingleSignOnRoles } from './single-sign-on.js';

const person = { issuer: 'https://login.example.gov.uk', subject: 'abc-123', displayName: 'Ada Officer', roles: ['port-officer'] };

describe('a person’s first single sign-on', () => {
  it('records them keyed by issuer and subject, with the roles from their claim', () => {
    expect(decideAddSingleSignOnUser({ id: 'u-1', username: 'ada', alreadyAdded: false }, { ...person, roles: ['manager', 'analyst', 'manager'] })).toEqual({
      ok: true,
      events: [
        {
          type: 'SingleSignOnUserAdded',
          payload: { userId: 'u-1', username: 'ada', displayName: 'Ada Officer', roles: ['analyst', 'manager'], issuer: 'https://login.example.gov.uk', subject: 'abc-123' },
        },
      ],
    });
  });

  it('refuses a person the claim gives no role', () => {
    expect(decideAddSingleSignOnUser({ id: 'u-1', username: 'ada', alreadyAdded: false }, { ...person, roles: [] })).toMatchObject({ ok: false });
  });

  it('never gives a person a machine role', () => {
    expect(decideAddSingleSignOnUser({ id: 'u-1', username: 'ada', alreadyAdded: false }, { ...person, roles: ['plate-reader'] })).toMatchObject({
      ok: false,
      message: expect.stringContaining('machine role'),
    });
  });

  it('refuses to add the same person twice', () => {
    expect(decideAddSingleSignOnUser({ id: 'u-1', username: 'ada', alreadyAdded: true }, person)).toMatchObject({ ok: false });
  });
});

describe('roles from the claim at a later sign-in', () => {
  it('records the change, with the roles before it', () => {
    expect(decideChangeSingleSignOnRoles({ id: 'u-1', roles: ['port-officer'] }, { roles: ['senior-officer', 'port-officer'] })).toEqual({
      ok: true,
      events: [{ type: 'SingleSignOnRolesChanged', payload: { userId: 'u-1', roles: ['port-officer', 'senior-officer'], previousRoles: ['port-officer'] } }],
    });
  });

  it('records that the person now holds no role', () => {
    expect(decideChangeSingleSignOnRoles({ id: 'u-1', roles: ['port-officer'] }, { roles: [] })).toMatchObject({ ok: true, events: [{ payload: { roles: [] } }] });
  });

  it('records nothing when the roles are the same in another order', () => {
    expect(decideChangeSingleSignOnRoles({ id: 'u-1', roles: ['analyst', 'manager'] }, { roles: ['manager', 'analyst'] })).toMatchObject({ ok: false });
  });

  it('never gives a machine role', () => {
    expect(decideChangeSingleSignOnRoles({ id: 'u-1', roles: ['port-officer'] }, { roles: ['plate-reader'] })).toMatchObject({ ok: false });
  });
});
