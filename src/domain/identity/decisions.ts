import type { CommandDecision } from '../command-decision.js';
import { API_TOKEN_EVENT, USER_EVENT } from './events.js';

/*
 * The decisions on the `user` and `api-token` streams. No secret enters them: the password's hash
 * and the token's are kept by the commands in their own tables, never in an event.
 */

/** A user about to be added: the id the store gave them, and whether the username is taken. */
export interface UserToAdd {
  id: string;
  taken: boolean;
}

/** Adds a user with their roles, unless someone already has the username. */
export function decideAddUser(user: UserToAdd, input: { username: string; displayName: string; roles: string[] }): CommandDecision {
  if (user.taken) {
    return { ok: false, message: 'That username is already taken', errors: [{ field: 'username', message: 'That username is already taken: choose another' }] };
  }
  return { ok: true, events: [{ type: USER_EVENT.UserAdded, payload: { userId: user.id, username: input.username, displayName: input.displayName, roles: [...input.roles] } }] };
}

/** A token about to be issued: the id the store gave it. */
export interface ApiTokenToIssue {
  id: string;
}

/** Issues a token bound to one role; the token itself is shown once and never recorded. */
export function decideIssueApiToken(token: ApiTokenToIssue, input: { name: string; role: string }): CommandDecision {
  return { ok: true, events: [{ type: API_TOKEN_EVENT.ApiTokenIssued, payload: { tokenId: token.id, name: input.name, role: input.role } }] };
}

/** An officer marks one of their own unread messages read (the command finds only their own unread ones). */
export function decideMarkNotificationRead(_state: unknown, input: { notificationId: string }): CommandDecision {
  return { ok: true, events: [{ type: USER_EVENT.NotificationRead, payload: { notificationId: input.notificationId } }] };
}

/** A user account as an administrator's command finds it. */
export interface AccountToChange {
  userId: string;
  roles: readonly string[];
  disabled: boolean;
}

const sameRoles = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** Switches an account off, unless it is already off or it is the administrator's own. */
export function decideDisableUser(account: AccountToChange, _input: unknown, { actor }: { actor: { id: string } }): CommandDecision {
  if (account.userId === actor.id) return { ok: false, message: 'You cannot disable your own account: ask another administrator' };
  if (account.disabled) return { ok: false, message: 'This account is already disabled' };
  return { ok: true, events: [{ type: USER_EVENT.UserDisabled, payload: { userId: account.userId } }] };
}

/** Switches a disabled account back on. */
export function decideEnableUser(account: AccountToChange): CommandDecision {
  if (!account.disabled) return { ok: false, message: 'This account is not disabled' };
  return { ok: true, events: [{ type: USER_EVENT.UserEnabled, payload: { userId: account.userId } }] };
}

/** Gives an account a new set of roles; an administrator cannot take away their own administrator role. */
export function decideChangeUserRoles(account: AccountToChange, input: { roles: readonly string[] }, { actor }: { actor: { id: string } }): CommandDecision {
  if (sameRoles(account.roles, input.roles)) {
    return { ok: false, message: 'These are already the person’s roles', errors: [{ field: 'roles', message: 'Choose roles different from the ones the person has now' }] };
  }
  if (account.userId === actor.id && account.roles.includes('administrator') && !input.roles.includes('administrator')) {
    return { ok: false, message: 'You cannot remove your own administrator role', errors: [{ field: 'roles', message: 'You cannot remove your own administrator role: ask another administrator' }] };
  }
  return { ok: true, events: [{ type: USER_EVENT.UserRolesChanged, payload: { userId: account.userId, roles: [...input.roles], previousRoles: [...account.roles] } }] };
}

/** Records that the account's password was replaced (the new one is never recorded). */
export function decideResetUserPassword(account: AccountToChange): CommandDecision {
  return { ok: true, events: [{ type: USER_EVENT.UserPasswordReset, payload: { userId: account.userId } }] };
}

/** An API token as the revoking command finds it. */
export interface TokenToRevoke {
  tokenId: string;
  revoked: boolean;
}

/** Revokes a token, unless it is already revoked. */
export function decideRevokeApiToken(token: TokenToRevoke): CommandDecision {
  if (token.revoked) return { ok: false, message: 'This token is already revoked' };
  return { ok: true, events: [{ type: API_TOKEN_EVENT.ApiTokenRevoked, payload: { tokenId: token.tokenId } }] };
}
