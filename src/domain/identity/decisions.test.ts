import { describe, expect, it } from 'vitest';
import {
  decideAddUser,
  decideChangeUserRoles,
  decideDisableUser,
  decideEnableUser,
  decideIssueApiToken,
  decideMarkNotificationRead,
  decideResetUserPassword,
  decideRevokeApiToken,
} from './decisions.js';

describe('adding a user', () => {
  it('records the user with their roles, and nothing secret', () => {
    expect(decideAddUser({ id: 'u-1', taken: false }, { username: 'ada.officer', displayName: 'Ada Officer', roles: ['port-officer'] })).toEqual({
      ok: true,
      events: [{ type: 'UserAdded', payload: { userId: 'u-1', username: 'ada.officer', displayName: 'Ada Officer', roles: ['port-officer'] } }],
    });
  });

  it('refuses a username already taken', () => {
    expect(decideAddUser({ id: 'u-1', taken: true }, { username: 'ada.officer', displayName: 'Ada Officer', roles: ['port-officer'] })).toEqual({
      ok: false,
      message: 'That username is already taken',
      errors: [{ field: 'username', message: 'That username is already taken: choose another' }],
    });
  });
});

describe('issuing an API token', () => {
  it('records its name and role under its id, never the token', () => {
    expect(decideIssueApiToken({ id: 't-1' }, { name: 'Dover reader 1', role: 'plate-reader' })).toEqual({
      ok: true,
      events: [{ type: 'ApiTokenIssued', payload: { tokenId: 't-1', name: 'Dover reader 1', role: 'plate-reader' } }],
    });
  });
});

describe('marking a message read', () => {
  it('records which message the officer read', () => {
    expect(decideMarkNotificationRead(null, { notificationId: 'n-1' })).toEqual({
      ok: true,
      events: [{ type: 'NotificationRead', payload: { notificationId: 'n-1' } }],
    });
  });
});

describe('an administrator changing an account', () => {
  const account = { userId: 'u-1', roles: ['port-officer'], disabled: false };
  const admin = { actor: { id: 'u-9' } };

  it('disables it, but not twice and never their own', () => {
    expect(decideDisableUser(account, {}, admin)).toEqual({ ok: true, events: [{ type: 'UserDisabled', payload: { userId: 'u-1' } }] });
    expect(decideDisableUser({ ...account, disabled: true }, {}, admin)).toMatchObject({ ok: false, message: 'This account is already disabled' });
    expect(decideDisableUser(account, {}, { actor: { id: 'u-1' } })).toMatchObject({ ok: false });
  });

  it('enables only a disabled account', () => {
    expect(decideEnableUser({ ...account, disabled: true })).toEqual({ ok: true, events: [{ type: 'UserEnabled', payload: { userId: 'u-1' } }] });
    expect(decideEnableUser(account)).toMatchObject({ ok: false });
  });

  it('changes roles, recording before and after, refusing the same roles or an administrator dropping their own', () => {
    expect(decideChangeUserRoles(account, { roles: ['analyst', 'manager'] }, admin)).toEqual({
      ok: true,
      events: [{ type: 'UserRolesChanged', payload: { userId: 'u-1', roles: ['analyst', 'manager'], previousRoles: ['port-officer'] } }],
    });
    expect(decideChangeUserRoles({ ...account, roles: ['analyst', 'manager'] }, { roles: ['manager', 'analyst'] }, admin)).toMatchObject({ ok: false, errors: [{ field: 'roles' }] });
    expect(decideChangeUserRoles({ ...account, userId: 'u-9', roles: ['administrator'] }, { roles: ['analyst'] }, admin)).toMatchObject({ ok: false, errors: [{ field: 'roles' }] });
    expect(decideChangeUserRoles({ ...account, userId: 'u-9', roles: ['administrator'] }, { roles: ['administrator', 'analyst'] }, admin)).toMatchObject({ ok: true });
  });

  it('records a password reset with nothing secret', () => {
    expect(decideResetUserPassword(account)).toEqual({ ok: true, events: [{ type: 'UserPasswordReset', payload: { userId: 'u-1' } }] });
  });

  it('revokes a token once', () => {
    expect(decideRevokeApiToken({ tokenId: 't-1', revoked: false })).toEqual({ ok: true, events: [{ type: 'ApiTokenRevoked', payload: { tokenId: 't-1' } }] });
    expect(decideRevokeApiToken({ tokenId: 't-1', revoked: true })).toMatchObject({ ok: false, message: 'This token is already revoked' });
  });
});
