import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import { users } from './schema.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Published queries about people's accounts, for other modules (training): whether an actor is a
 * person with an account (not Cordon itself, an import or an API token). Read inside the caller's
 * transaction.
 */
export async function personAccount(db: Db, actorId: string): Promise<{ id: string; displayName: string; roles: string[]; disabled: boolean } | null> {
  if (!UUID.test(actorId)) return null;
  const [row] = await db.select({ id: users.id, displayName: users.displayName, roles: users.roles, disabled: users.disabled }).from(users).where(eq(users.id, actorId));
  return row ?? null;
}

