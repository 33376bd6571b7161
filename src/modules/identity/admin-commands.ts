import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import type { CommandDefinition, Loaded } from '../../platform/events/command.js';
import type { Db } from '../../platform/database/client.js';
import { streamVersion } from '../../platform/events/event-store.js';
import { notify } from '../../platform/database/notices.js';
import {
  decideChangeUserRoles,
  decideDisableUser,
  decideEnableUser,
  decideResetUserPassword,
  decideRevokeApiToken,
  type AccountToChange,
  type TokenToRevoke,
} from '../../domain/identity/decisions.js';
import { apiTokens, sessions, userPasswords, users } from './schema.js';
import { ADMINISTRATORS, ROLE_IDS, type Role } from './roles.js';
import { hashPassword } from './passwords.js';
import { identityProjector } from './projector.js';

/**
 * The administrator's commands on accounts and API tokens: disable, enable, change roles, reset a
 * password, revoke a token. Each appends its event to the account's (`user-<id>`) or the token's
 * (`api-token-<id>`) stream at the version the administrator was looking at (a page sends it back;
 * another change in between is a conflict, never a silent overwrite).
 *
 * Whatever can end someone's access is announced on `cordon_credentials` inside the command's
 * transaction (delivered when it commits): every process drops the API tokens it remembers.
 */
export const CREDENTIALS_CHANNEL = 'cordon_credentials';

export type CredentialNotice = { kind: 'token-revoked'; tokenId: string } | { kind: 'user-changed'; userId: string };

const announce = (tx: Db, notice: CredentialNotice) => notify(tx, CREDENTIALS_CHANNEL, JSON.stringify(notice));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const userId = z.string({ message: 'Choose a user' }).regex(UUID, 'Choose a user from the list');
const tokenId = z.string({ message: 'Choose a token' }).regex(UUID, 'Choose a token from the list');
const roleSchema = z.enum(ROLE_IDS as [Role, ...Role[]], { message: 'Choose a role from the list' });

export const userStreamId = (id: string) => `user-${id}`;
export const tokenStreamId = (id: string) => `api-token-${id}`;

async function loadAccount(tx: Db, id: string): Promise<Loaded<AccountToChange> | null> {
  const [row] = await tx.select({ userId: users.id, roles: users.roles, disabled: users.disabled }).from(users).where(eq(users.id, id));
  if (!row) return null;
  return { streamId: userStreamId(id), version: await streamVersion(tx, userStreamId(id)), state: row };
}

/** Every session of the account ends (sessions are not part of the record: the command deletes them). */
async function endSessions(tx: Db, id: string) {
  await tx.delete(sessions).where(eq(sessions.userId, id));
}

const accountInput = z.object({ userId });
type AccountInput = z.infer<typeof accountInput>;

export const disableUser: CommandDefinition<AccountInput, AccountToChange, { userId: string }> = {
  name: 'disableUser',
  input: accountInput,
  roles: ADMINISTRATORS,
  streamType: 'user',
  load: (tx, input) => loadAccount(tx, input.userId),
  decide: decideDisableUser,
  projectors: [identityProjector],
  async project(tx, { input }) {
    await endSessions(tx, input.userId);
    await announce(tx, { kind: 'user-changed', userId: input.userId });
    return { userId: input.userId };
  },
};

export const enableUser: CommandDefinition<AccountInput, AccountToChange, { userId: string }> = {
  name: 'enableUser',
  input: accountInput,
  roles: ADMINISTRATORS,
  streamType: 'user',
  load: (tx, input) => loadAccount(tx, input.userId),
  decide: decideEnableUser,
  projectors: [identityProjector],
  async project(_tx, { input }) {
    return { userId: input.userId };
  },
};

export const changeUserRolesInput = z.object({
  userId,
  roles: z.array(roleSchema, { message: 'Choose at least one role' }).min(1, 'Choose at least one role'),
});
export type ChangeUserRolesInput = z.infer<typeof changeUserRolesInput>;

export const changeUserRoles: CommandDefinition<ChangeUserRolesInput, AccountToChange, { userId: string; roles: string[] }> = {
  name: 'changeUserRoles',
  input: changeUserRolesInput,
  roles: ADMINISTRATORS,
  streamType: 'user',
  load: (tx, input) => loadAccount(tx, input.userId),
  decide: decideChangeUserRoles,
  projectors: [identityProjector],
  async project(tx, { input }) {
    // Sessions read the roles on every request: the new roles apply from the person's next click.
    await announce(tx, { kind: 'user-changed', userId: input.userId });
    return { userId: input.userId, roles: [...input.roles] };
  },
};

export const resetUserPasswordInput = z.object({
  userId,
  /** Set by the command line when the administrator chooses the password; otherwise one is made. */
  password: z.string().min(12, 'Password must be 12 characters or more').max(200, 'Password must be 200 characters or fewer').optional(),
});
export type ResetUserPasswordInput = z.infer<typeof resetUserPasswordInput>;

/**
 * Replaces the account's password with a new one and ends its sessions. Without a chosen password
 * a temporary one is made and answered once (shown to the administrator, never stored or logged);
 * the person signs in with it and is given it in a secure way.
 */
export const resetUserPassword: CommandDefinition<ResetUserPasswordInput, AccountToChange & { password: string; passwordHash: string }, { userId: string; password: string }> = {
  name: 'resetUserPassword',
  input: resetUserPasswordInput,
  roles: ADMINISTRATORS,
  streamType: 'user',
  async load(tx, input) {
    const loaded = await loadAccount(tx, input.userId);
    if (!loaded) return null;
    const password = input.password ?? temporaryPassword();
    return { ...loaded, state: { ...loaded.state, password, passwordHash: await hashPassword(password) } };
  },
  decide: decideResetUserPassword,
  projectors: [identityProjector],
  async project(tx, { input, state }) {
    await tx
      .insert(userPasswords)
      .values({ userId: input.userId, passwordHash: state.passwordHash })
      .onConflictDoUpdate({ target: userPasswords.userId, set: { passwordHash: state.passwordHash } });
    await endSessions(tx, input.userId);
    await announce(tx, { kind: 'user-changed', userId: input.userId });
    return { userId: input.userId, password: state.password };
  },
};

/** Four groups of five letters and digits (about 99 bits), easy to read out and type: `k7mq2-…`. */
export function temporaryPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const group = () => Array.from({ length: 5 }, () => alphabet[randomInt(alphabet.length)]).join('');
  return [group(), group(), group(), group()].join('-');
}

const tokenInput = z.object({ tokenId });
type TokenInput = z.infer<typeof tokenInput>;

export const revokeApiToken: CommandDefinition<TokenInput, TokenToRevoke, { tokenId: string }> = {
  name: 'revokeApiToken',
  input: tokenInput,
  roles: ADMINISTRATORS,
  streamType: 'api-token',
  async load(tx, input) {
    const [row] = await tx.select({ tokenId: apiTokens.id, revokedAt: apiTokens.revokedAt }).from(apiTokens).where(eq(apiTokens.id, input.tokenId));
    if (!row) return null;
    return { streamId: tokenStreamId(input.tokenId), version: await streamVersion(tx, tokenStreamId(input.tokenId)), state: { tokenId: row.tokenId, revoked: row.revokedAt !== null } };
  },
  decide: decideRevokeApiToken,
  projectors: [identityProjector],
  async project(tx, { input }) {
    await announce(tx, { kind: 'token-revoked', tokenId: input.tokenId });
    return { tokenId: input.tokenId };
  },
};
