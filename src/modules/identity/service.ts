import { and, asc, eq, gt, isNull, lt } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import type { Actor } from '../../platform/events/event-store.js';
import { executeCommand, type CommandContext } from '../../platform/events/command.js';
import { apiTokenHashes, apiTokens, sessions, userPasswords, users } from './schema.js';
import { hashPassword, hashSecret, newSecret, verifyPassword } from './passwords.js';
import { addUser, issueApiToken } from './commands.js';

/** Cordon itself, acting from the command line or when seeding demo data. */
export const SYSTEM_ACTOR: Actor = { id: 'system', name: 'Cordon (command line)', roles: ['administrator'] };

// Compared against when the username is unknown, so a sign-in takes as long either way.
const unknownUserHash = hashPassword('not-a-real-password-for-timing');

/** How long a valid API token is taken on trust before the database is asked again. */
export const API_TOKEN_MEMORY_MS = 5_000;

export function identityService(db: Db, options: { sessionHours: number }) {
  const knownTokens = new Map<string, { actor: Actor; until: number }>();
  return {
    addUser: (input: unknown, context: CommandContext) => executeCommand(db, addUser, input, context),
    issueApiToken: (input: unknown, context: CommandContext) => executeCommand(db, issueApiToken, input, context),

    async listUsers() {
      return db
        .select({ id: users.id, username: users.username, displayName: users.displayName, roles: users.roles, disabled: users.disabled, createdAt: users.createdAt })
        .from(users)
        .orderBy(asc(users.username));
    },

    async listApiTokens() {
      return db
        .select({ id: apiTokens.id, name: apiTokens.name, role: apiTokens.role, createdAt: apiTokens.createdAt, createdBy: apiTokens.createdBy, revokedAt: apiTokens.revokedAt })
        .from(apiTokens)
        .orderBy(asc(apiTokens.name));
    },

    /** Returns a new session secret for the cookie, or null when the username or password is wrong. */
    async signIn(username: string, password: string, now = new Date()): Promise<{ sessionToken: string; actor: Actor } | null> {
      const [user] = await db
        .select({ id: users.id, displayName: users.displayName, roles: users.roles, disabled: users.disabled, passwordHash: userPasswords.passwordHash })
        .from(users)
        .leftJoin(userPasswords, eq(userPasswords.userId, users.id))
        .where(eq(users.username, username.trim().toLowerCase()));
      const ok = await verifyPassword(password, user?.passwordHash ?? (await unknownUserHash));
      // A single sign-on user has no password here: they sign in at their identity provider only.
      if (!user?.passwordHash || !ok || user.disabled) return null;
      const sessionToken = newSecret();
      await db.delete(sessions).where(lt(sessions.expiresAt, now));
      await db.insert(sessions).values({
        tokenHash: hashSecret(sessionToken),
        userId: user.id,
        createdAt: now,
        expiresAt: new Date(now.getTime() + options.sessionHours * 3_600_000),
      });
      return { sessionToken, actor: { id: user.id, name: user.displayName, roles: user.roles } };
    },

    async signOut(sessionToken: string) {
      await db.delete(sessions).where(eq(sessions.tokenHash, hashSecret(sessionToken)));
    },

    async actorForSession(sessionToken: string, now = new Date()): Promise<Actor | null> {
      const [row] = await db
        .select({ id: users.id, name: users.displayName, roles: users.roles, disabled: users.disabled })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(and(eq(sessions.tokenHash, hashSecret(sessionToken)), gt(sessions.expiresAt, now)));
      if (!row || row.disabled) return null;
      return { id: row.id, name: row.name, roles: row.roles };
    },

    /**
     * The actor of a valid API token. A token found valid is remembered for a few seconds, so a
     * number-plate reader sending thousands of checks a second costs no database read per check;
     * a token revoked in the database stops working within API_TOKEN_MEMORY_MS. Unknown tokens are
     * never remembered (a token just issued works at once).
     */
    async actorForApiToken(token: string): Promise<Actor | null> {
      const tokenHash = hashSecret(token);
      const remembered = knownTokens.get(tokenHash);
      if (remembered && remembered.until > Date.now()) return remembered.actor;
      const [row] = await db
        .select({ id: apiTokens.id, name: apiTokens.name, role: apiTokens.role })
        .from(apiTokenHashes)
        .innerJoin(apiTokens, eq(apiTokens.id, apiTokenHashes.tokenId))
        .where(and(eq(apiTokenHashes.tokenHash, tokenHash), isNull(apiTokens.revokedAt)));
      if (!row) {
        knownTokens.delete(tokenHash);
        return null;
      }
      const actor = { id: `token:${row.id}`, name: `API token “${row.name}”`, roles: [row.role] };
      if (knownTokens.size >= 10_000) knownTokens.clear();
      knownTokens.set(tokenHash, { actor, until: Date.now() + API_TOKEN_MEMORY_MS });
      return actor;
    },

    async hasUsers(): Promise<boolean> {
      const [row] = await db.select({ id: users.id }).from(users).limit(1);
      return Boolean(row);
    },
  };
}

export type IdentityService = ReturnType<typeof identityService>;
