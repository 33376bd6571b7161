import { describe, expect, it } from 'vitest';
import { decideAddUser, decideIssueApiToken, decideMarkNotificationRead } from './decisions.js';

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
