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
  /**
   * A person's first sign-in through the organisation's identity provider (OpenID Connect): their
   * user record, keyed by the provider's issuer and the subject it gives them. No password.
   */
  SingleSignOnUserAdded: z.strictObject({
    userId: id,
    username: z.string().min(1),
    displayName: z.string().min(1),
    roles: z.array(z.string().min(1)).min(1),
    issuer: z.string().min(1),
    subject: z.string().min(1),
  }),
  /** The roles the identity provider gives a single sign-on user changed (at a sign-in); none means they can no longer use Cordon. */
  SingleSignOnRolesChanged: z.strictObject({ userId: id, roles: z.array(z.string().min(1)), previousRoles: z.array(z.string().min(1)) }),
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
