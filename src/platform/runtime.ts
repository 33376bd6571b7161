import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Config } from './config.js';
import { type Database, openPglite, openPostgres } from './database/client.js';
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

/** The cookie-signing secret: configured, or kept in the data folder so restarts keep sessions' forms valid. */
export function cookieSecretFor(config: Config): string {
  if (config.cookieSecret) return config.cookieSecret;
  if (config.databaseUrl) return randomBytes(32).toString('base64url');
  const file = path.join(config.dataDir, 'cookie-secret');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    const secret = randomBytes(32).toString('base64url');
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
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
