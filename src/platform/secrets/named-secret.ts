import { createHmac } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../database/client.js';
import { newSecret } from './cookie-secret.js';

/**
 * A secret the service makes once for itself and keeps in `service_secrets` under `name` (like the
 * cookie secret): every process on the database gets the same one. Two asking at once both insert
 * and neither overwrites; both read back the first. Kept per process after the first read.
 */
const known = new WeakMap<object, Map<string, string>>();

export async function namedSecret(db: Db, name: string): Promise<string> {
  const cache = known.get(db) ?? new Map<string, string>();
  known.set(db, cache);
  const cached = cache.get(name);
  if (cached) return cached;
  await db.execute(sql`insert into service_secrets (name, current) values (${name}, ${newSecret()}) on conflict (name) do nothing`);
  const [row] = rowsOf<{ current: string }>(await db.execute(sql`select current from service_secrets where name = ${name}`));
  if (!row) throw new Error(`the secret "${name}" could not be made`);
  cache.set(name, row.current);
  return row.current;
}

/** HMAC-SHA256 (base64url) of `value` under the named secret: a credential's digest that cannot be checked offline without the secret. */
export async function keyedDigest(db: Db, name: string, value: string): Promise<string> {
  return createHmac('sha256', await namedSecret(db, name)).update(value).digest('base64url');
}
