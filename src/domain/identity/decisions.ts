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
