import type { Projector } from '../../platform/projections/projector.js';
import { API_TOKEN_EVENT, USER_EVENT } from '../../domain/identity/events.js';
import { eq } from 'drizzle-orm';
import { apiTokens, singleSignOnIdentities, users } from './schema.js';

/**
 * The only writer of `users` and `api_tokens`, from the `user` and `api-token` streams' events
 * (added, disabled, enabled, roles changed; issued, revoked). The
 * secrets' hashes are not here: they live in `user_passwords` and `api_token_hashes`, written by
 * the commands (see README).
 */
export const identityProjector: Projector = {
  module: 'identity',
  tables: [users, apiTokens, singleSignOnIdentities],
  streamTypes: ['user', 'api-token'],
  async apply(tx, event) {
    if (event.type === USER_EVENT.UserAdded) {
      const user = event.payload as { userId: string; username: string; displayName: string; roles: string[] };
      await tx.insert(users).values({ id: user.userId, username: user.username, displayName: user.displayName, roles: user.roles, createdAt: event.occurredAt });
    } else if (event.type === USER_EVENT.UserDisabled || event.type === USER_EVENT.UserEnabled) {
      const { userId } = event.payload as { userId: string };
      await tx.update(users).set({ disabled: event.type === USER_EVENT.UserDisabled }).where(eq(users.id, userId));
    } else if (event.type === USER_EVENT.UserRolesChanged) {
      const { userId, roles } = event.payload as { userId: string; roles: string[] };
      await tx.update(users).set({ roles }).where(eq(users.id, userId));
    } else if (event.type === API_TOKEN_EVENT.ApiTokenRevoked) {
      const { tokenId } = event.payload as { tokenId: string };
      await tx.update(apiTokens).set({ revokedAt: event.occurredAt }).where(eq(apiTokens.id, tokenId));
    } else if (event.type === USER_EVENT.SingleSignOnUserAdded) {
      const user = event.payload as { userId: string; username: string; displayName: string; roles: string[]; issuer: string; subject: string };
      await tx.insert(users).values({ id: user.userId, username: user.username, displayName: user.displayName, roles: user.roles, createdAt: event.occurredAt });
      await tx.insert(singleSignOnIdentities).values({ issuer: user.issuer, subject: user.subject, userId: user.userId });
    } else if (event.type === USER_EVENT.SingleSignOnRolesChanged) {
      const change = event.payload as { userId: string; roles: string[] };
      await tx.update(users).set({ roles: change.roles }).where(eq(users.id, change.userId));
    } else if (event.type === API_TOKEN_EVENT.ApiTokenIssued) {
      const token = event.payload as { tokenId: string; name: string; role: string };
      await tx.insert(apiTokens).values({ id: token.tokenId, name: token.name, role: token.role, createdAt: event.occurredAt, createdBy: event.actorName });
    }
  },
};
