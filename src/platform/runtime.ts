import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Config } from './config.js';
import { type Database, type Db, openPglite, openPostgres } from './database/client.js';
import { COOKIE_SECRET_REFRESH_MS, RotatingCookieSigner, ensureCookieSecrets } from './secrets/cookie-secret.js';
import { type DataFolderLock, lockDataFolder } from './database/lock.js';

export interface OpenedDatabase {
  database: Database;
  lock: DataFolderLock | null;
  close(): Promise<void>;
}

/**
 * Opens the database the configuration names: the PostgreSQL server when DATABASE_URL is set,
 * otherwise PGlite in the data folder, which this process then holds exclusively.
 */
export async function openConfiguredDatabase(config: Config): Promise<OpenedDatabase> {
  if (config.databaseUrl) {
    const database = openPostgres(config.databaseUrl);
    return { database, lock: null, close: () => database.close() };
  }
  const lock = lockDataFolder(config.dataDir);
  try {
    const database = await openPglite(config.dataDir);
    return {
      database,
      lock,
      async close() {
        await database.close();
        lock.release();
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}

/**
 * What signs cookies: the configured secret (with the previous one still accepted, when given), or
 * the database's, made once and shared by every process on it, re-read every 30 s so that `cordon
 * secrets rotate-cookie` reaches running processes. A data folder's `cookie-secret` file from an
 * earlier version becomes the database's first secret, so an upgrade expires no open form.
 */
export async function cookieSignerFor(
  config: Config,
  db: Db,
  onError?: (error: unknown) => void,
): Promise<{ secret: string[] | RotatingCookieSigner; stop(): void }> {
  if (config.cookieSecret) {
    return { secret: [config.cookieSecret, ...(config.cookiePreviousSecret ? [config.cookiePreviousSecret] : [])], stop: () => {} };
  }
  let seed: string | undefined;
  if (!config.databaseUrl) {
    try {
      seed = fs.readFileSync(path.join(config.dataDir, 'cookie-secret'), 'utf8').trim() || undefined;
    } catch {
      seed = undefined;
    }
  }
  const signer = new RotatingCookieSigner(await ensureCookieSecrets(db, seed), db, COOKIE_SECRET_REFRESH_MS, onError);
  return { secret: signer, stop: () => signer.stop() };
}

/**
 * Development only, for a PostgreSQL server shared by several processes without a configured
 * secret: production refuses to start without CORDON_AUDIT_SECRET.
 */
export const DEVELOPMENT_AUDIT_SECRET = 'cordon-development-audit-secret';

/** The key that signs the event log's anchors: configured, kept in the data folder, or the development one. */
export function auditSecretFor(config: Config): string {
  if (config.auditSecret) return config.auditSecret;
  if (config.databaseUrl) return DEVELOPMENT_AUDIT_SECRET;
  const file = path.join(config.dataDir, 'audit-secret');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    const secret = randomBytes(32).toString('base64url');
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}
