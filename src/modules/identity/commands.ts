import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { CommandDefinition } from '../../platform/events/command.js';
import { decideAddUser, decideIssueApiToken, type ApiTokenToIssue, type UserToAdd } from '../../domain/identity/decisions.js';
import { apiTokenHashes, userPasswords, users } from './schema.js';
import { ADMINISTRATORS, ROLE_IDS, type Role } from './roles.js';
import { hashPassword, hashSecret, newSecret } from './passwords.js';
import { identityProjector } from './projector.js';
import { eq } from 'drizzle-orm';

const roleSchema = z.enum(ROLE_IDS as [Role, ...Role[]], { message: 'Choose a role from the list' });

export const addUserInput = z.object({
  username: z
    .string({ message: 'Enter a username' })
    .trim()
    .min(1, 'Enter a username')
    .min(3, 'Username must be 3 characters or more')
    .max(64, 'Username must be 64 characters or fewer')
    .regex(/^[a-z0-9][a-z0-9._-]*$/, 'Username can only contain lower-case letters, numbers, dots, dashes and underscores'),
  displayName: z.string({ message: 'Enter the person’s full name' }).trim().min(1, 'Enter the person’s full name').max(200, 'Full name must be 200 characters or fewer'),
  roles: z.array(roleSchema).min(1, 'Choose at least one role'),
  password: z.string({ message: 'Enter a password' }).min(1, 'Enter a password').min(12, 'Password must be 12 characters or more').max(200, 'Password must be 200 characters or fewer'),
});
export type AddUserInput = z.infer<typeof addUserInput>;

export const addUser: CommandDefinition<AddUserInput, UserToAdd & { passwordHash: string }, { id: string; username: string }> = {
  name: 'addUser',
  input: addUserInput,
  roles: ADMINISTRATORS,
  streamType: 'user',
  async load(tx, input) {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.username, input.username));
    const id = randomUUID();
    // Hashing happens here, not in decide, because decide is pure; the hash never enters an event.
    return { streamId: `user-${id}`, version: 0, state: { id, taken: Boolean(existing), passwordHash: await hashPassword(input.password) } };
  },
  decide: decideAddUser,
  projectors: [identityProjector],
  async project(tx, { state, input }) {
    // The password's hash is a secret: kept beside the projected user row, never in an event.
    await tx.insert(userPasswords).values({ userId: state.id, passwordHash: state.passwordHash });
    return { id: state.id, username: input.username };
  },
};

export const issueApiTokenInput = z.object({
  name: z.string({ message: 'Enter a name for the token' }).trim().min(1, 'Enter a name for the token').max(100, 'Name must be 100 characters or fewer'),
  role: roleSchema,
  /** Only demo data supplies its own secret, so the README can list it. */
  secret: z.string().min(20).max(200).optional(),
});
export type IssueApiTokenInput = z.infer<typeof issueApiTokenInput>;

export const issueApiToken: CommandDefinition<IssueApiTokenInput, ApiTokenToIssue & { secret: string }, { id: string; name: string; role: string; token: string }> = {
  name: 'issueApiToken',
  input: issueApiTokenInput,
  roles: ADMINISTRATORS,
  streamType: 'api-token',
  async load(_tx, input) {
    const id = randomUUID();
    return { streamId: `api-token-${id}`, version: 0, state: { id, secret: input.secret ?? newSecret('cordon_') } };
  },
  decide: decideIssueApiToken,
  projectors: [identityProjector],
  async project(tx, { state, input }) {
    await tx.insert(apiTokenHashes).values({ tokenId: state.id, tokenHash: hashSecret(state.secret) });
    // The token itself is shown once and never stored; a repeated request does not reveal it again.
    return { id: state.id, name: input.name, role: input.role, token: state.secret };
  },
};
