import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { openPostgres, pgliteExtensions, wrapPglite, type Database } from '../../src/platform/database/client.js';

/**
 * A fresh database for one test file, copied from the run's template: PGlite in memory by default,
 * or a new database on the PostgreSQL server when DATABASE_URL is set. Dropped on close.
 */
export async function createTestDatabase(): Promise<Database> {
  const postgresTemplate = inject('postgresTemplate');
  const url = process.env.DATABASE_URL;
  if (postgresTemplate && url) {
    const name = `cordon_test_${randomBytes(4).toString('hex')}_${postgresTemplate.split('_')[3]}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`create database ${name} template ${postgresTemplate}`);
        break;
      } catch (error) {
        // Two files copying the template at the same moment: the second waits and tries again.
        if (attempt > 20 || !/being accessed by other users/.test(String(error))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
      }
    }
    const u = new URL(url);
    u.pathname = `/${name}`;
    const database = openPostgres(u.toString(), 20);
    const close = database.close;
    database.close = async () => {
      await close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
    return database;
  }
  const templatePath = inject('pgliteTemplatePath');
  const client = await PGlite.create({ loadDataDir: new Blob([fs.readFileSync(templatePath)]), extensions: pgliteExtensions });
  return wrapPglite(client, 'memory');
}

/**
 * Runs `work` in a transaction and rolls it back, whatever it did: for a test that edits read
 * tables to compare them and must leave them as they were. An error of `work` (a failed
 * expectation) is thrown again. Read anything from outside the transaction before: PGlite has one
 * connection, and a read outside waits for the transaction.
 */
export async function inRolledBackTransaction(db: Database['db'], work: (tx: Database['db']) => Promise<void>): Promise<void> {
  const ROLLED_BACK = Symbol('rolled back');
  try {
    await db.transaction(async (tx) => {
      await work(tx as unknown as Database['db']);
      throw ROLLED_BACK;
    });
  } catch (error) {
    if (error !== ROLLED_BACK) throw error;
  }
}
