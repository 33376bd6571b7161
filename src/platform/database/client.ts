import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import pg from 'pg';

/** The drizzle database, whichever driver is underneath. Transactions have the same type. */
export type Db = PgDatabase<PgQueryResultHKT>;

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../drizzle');

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Where the data lives: the PGlite folder, or the server URL without its password. */
  location: string;
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** The PGlite instance when embedded (tests clone templates from it). */
  pglite?: PGlite;
  pool?: pg.Pool;
}

export const pgliteExtensions = { pg_trgm };

/**
 * pg_trgm's similarity threshold for the `%` operator, set on every connection. Names are folded
 * (case, diacritics, alphabet, legal form) before they are compared, so trigrams only have to
 * bridge typos and word order: 0.45 keeps those and makes the index far more selective than the
 * default 0.3 on a register of a million names (measured in docs/performance.md).
 */
export const TRIGRAM_SIMILARITY_THRESHOLD = 0.45;
const setThreshold = `set pg_trgm.similarity_threshold = ${TRIGRAM_SIMILARITY_THRESHOLD}`;

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres';
  }
}

export function wrapPglite(client: PGlite, location: string): Database {
  // Before migrations have created the extension the setting is a placeholder, which PostgreSQL allows.
  void client.exec(setThreshold).catch(() => {});
  const db = drizzlePglite(client) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    location,
    pglite: client,
    migrate: () => migratePglite(drizzlePglite(client), { migrationsFolder }),
    close: () => client.close(),
  };
}

export async function openPglite(dataDir: string | undefined): Promise<Database> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir ? path.join(dataDir, 'pglite') : undefined, { extensions: pgliteExtensions });
  return wrapPglite(client, dataDir ?? 'memory');
}

export function openPostgres(url: string, poolSize = 10): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, options: `-c pg_trgm.similarity_threshold=${TRIGRAM_SIMILARITY_THRESHOLD}` });
  // A broken idle connection must not take the process down; the next query reconnects.
  pool.on('error', () => {});
  const db = drizzlePg(pool) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    location: redactUrl(url),
    pool,
    migrate: () => migratePg(drizzlePg(pool), { migrationsFolder }),
    close: () => pool.end(),
  };
}

/** Migrations the code knows about, and how many the database has applied. */
export async function migrationStatus(database: Database): Promise<{ expected: number; applied: number }> {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  let applied = 0;
  try {
    const rows = await database.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    applied = Number((rows as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0);
  } catch {
    applied = 0;
  }
  return { expected: journal.entries.length, applied };
}

/** Rows of a raw `db.execute` on either driver. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
