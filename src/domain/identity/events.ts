import { z } from 'zod';
import { count, eventNames, id, instant, type EventUnion } from '../event-schemas.js';

/*
 * Who may use Cordon: the `user` stream (`user-<id>`) and the `api-token` stream (`api-token-<id>`).
 * No secret is ever in an event: not the password's hash, not the token.
 */

export const USER_EVENTS = {
  UserAdded: z.strictObject({ userId: id, username: z.string().min(1), displayName: z.string().min(1), roles: z.array(z.string().min(1)).min(1) }),
  /** The officer read a message on their work page (a case given to someone else, or put back in the queue). */
  NotificationRead: z.strictObject({ notificationId: id }),
  /** Repeated wrong passwords locked the account until `lockedUntil` (recorded by Cordon itself). */
  SignInLocked: z.strictObject({ userId: id, failures: count, lockedUntil: instant }),
  /** An administrator lifted the lock that would have lasted until `lockedUntil`. */
  SignInUnlocked: z.strictObject({ userId: id, lockedUntil: instant }),
  /** An administrator switched the account off: its sessions end and it cannot sign in. */
  UserDisabled: z.strictObject({ userId: id }),
  /** An administrator switched a disabled account back on. */
  UserEnabled: z.strictObject({ userId: id }),
  /** An administrator changed the account's roles (the roles before and after). */
  UserRolesChanged: z.strictObject({ userId: id, roles: z.array(z.string().min(1)).min(1), previousRoles: z.array(z.string().min(1)) }),
  /** An administrator gave the account a new password; the password and its hash are never recorded. */
  UserPasswordReset: z.strictObject({ userId: id }),
};

export const API_TOKEN_EVENTS = {
  /** A token bound to one role; the token itself is shown once and never recorded. */
  ApiTokenIssued: z.strictObject({ tokenId: id, name: z.string().min(1), role: z.string().min(1) }),
  /** The token stops working (on every process within a second). */
  ApiTokenRevoked: z.strictObject({ tokenId: id }),
};

/** `USER_EVENT.UserAdded` is `'UserAdded'`. */
export const USER_EVENT = eventNames(USER_EVENTS);
/** `API_TOKEN_EVENT.ApiTokenIssued` is `'ApiTokenIssued'`. */
export const API_TOKEN_EVENT = eventNames(API_TOKEN_EVENTS);

export type UserEvent = EventUnion<typeof USER_EVENTS>;
export type ApiTokenEvent = EventUnion<typeof API_TOKEN_EVENTS>;
