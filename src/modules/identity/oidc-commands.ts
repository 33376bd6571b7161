import { createHash } from 'node:crypto';
import { and, eq, like, or } from 'drizzle-orm';
import { z } from 'zod';
import type { CommandDefinition } from '../../platform/events/command.js';
import { streamVersion } from '../../platform/events/event-store.js';
import {
  decideAddSingleSignOnUser,
  decideChangeSingleSignOnRoles,
  type SingleSignOnUser,
  type SingleSignOnUserToAdd,
} from '../../domain/identity/single-sign-on.js';
import { singleSignOnIdentities, users } from './schema.js';
import { ADMINISTRATORS, ROLE_IDS, type Role } from './roles.js';
import { identityProjector } from './projector.js';

/*
 * The two commands of a single sign-on (oidc.ts runs them as Cordon's single sign-on actor, on the
 * identity provider's word): a person's first sign-in adds their user record; a later one whose
 * claim gives other roles records the change.
 */

const roleSchema = z.enum(ROLE_IDS as [Role, ...Role[]]);

/** The same id for the same issuer and subject, always: two first sign-ins at once meet on one stream (the second is a conflict). */
function userIdFor(issuer: string, subject: string): string {
  const hex = createHash('sha256').update(`${issuer}\n${subject}`).digest('hex');
  // Shaped as a UUID (version 8, "custom"), as the users table's key is one.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A username of the local accounts' shape from what the provider calls the person: `ada.officer`, `ada.officer-2` when taken. */
function usernameBase(preferred: string): string {
  const base = preferred
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 56);
  return base.length >= 3 ? base : `sso-${base || 'user'}`;
}

export const addSingleSignOnUserInput = z.object({
  issuer: z.string().min(1).max(2000),
  subject: z.string().min(1).max(255),
  preferredUsername: z.string().min(1).max(500),
  displayName: z.string().trim().min(1).max(200),
  roles: z.array(roleSchema),
});

export const addSingleSignOnUser: CommandDefinition<z.infer<typeof addSingleSignOnUserInput>, SingleSignOnUserToAdd, { id: string; username: string }> = {
  name: 'addSingleSignOnUser',
  input: addSingleSignOnUserInput,
  roles: ADMINISTRATORS,
  streamType: 'user',
  async load(tx, input) {
    const id = userIdFor(input.issuer, input.subject);
    const [linked] = await tx
      .select({ userId: singleSignOnIdentities.userId })
      .from(singleSignOnIdentities)
      .where(and(eq(singleSignOnIdentities.issuer, input.issuer), eq(singleSignOnIdentities.subject, input.subject)));
    const base = usernameBase(input.preferredUsername);
    const taken = new Set(
      (await tx.select({ username: users.username }).from(users).where(or(eq(users.username, base), like(users.username, `${base}-%`)))).map((row) => row.username),
    );
    let username = base;
    for (let n = 2; taken.has(username); n += 1) username = `${base}-${n}`;
    return { streamId: `user-${id}`, version: 0, state: { id, username, alreadyAdded: Boolean(linked) } };
  },
  decide: decideAddSingleSignOnUser,
  projectors: [identityProjector],
  async project(_tx, { state }) {
    return { id: state.id, username: state.username };
  },
};

export const changeSingleSignOnRolesInput = z.object({ userId: z.uuid(), roles: z.array(roleSchema) });

export const changeSingleSignOnRoles: CommandDefinition<z.infer<typeof changeSingleSignOnRolesInput>, SingleSignOnUser, { roles: string[] }> = {
  name: 'changeSingleSignOnRoles',
  input: changeSingleSignOnRolesInput,
  roles: ADMINISTRATORS,
  streamType: 'user',
  async load(tx, input) {
    const [user] = await tx
      .select({ id: users.id, roles: users.roles })
      .from(users)
      .innerJoin(singleSignOnIdentities, eq(singleSignOnIdentities.userId, users.id))
      .where(eq(users.id, input.userId));
    if (!user) return null;
    const streamId = `user-${user.id}`;
    return { streamId, version: await streamVersion(tx, streamId), state: user };
  },
  decide: decideChangeSingleSignOnRoles,
  projectors: [identityProjector],
  async project(_tx, { input }) {
    return { roles: [...input.roles].sort() };
  },
};
