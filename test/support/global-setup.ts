import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres, type Database } from '../../src/platform/database/client.js';
import { buildServices, prepareDatabase } from '../../src/app.js';
import { seedDemo } from '../../src/cli/demo-data.js';
import { lowerPasswordCostForTests } from '../../src/modules/identity/passwords.js';
import { buildCordonCommand } from './cordon-command.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A tar of a migrated PGlite data folder with the demo users and tokens (no cases). */
    pgliteTemplatePath: string;
    /** With DATABASE_URL: the name of a migrated template database each test file copies. */
    postgresTemplate: string;
    /** The `cordon` command bundled once for the run (test/support/cordon-command.ts). */
    cordonCommand: string;
  }
}

async function prepare(database: Database) {
  // The demo users' passwords at the tests' low scrypt cost, as every password a test adds (setup.ts):
  // each sign-in checks a password against its hash, at the cost stored with it.
  lowerPasswordCostForTests();
  await prepareDatabase(database);
  await seedDemo(buildServices(database, { sessionHours: 8 }), { cases: 0 });
}

export function adminUrl(url: string, databaseName: string): string {
  const u = new URL(url);
  u.pathname = `/${databaseName}`;
  return u.toString();
}

interface Template {
  pgliteTemplatePath: string;
  postgresTemplate: string;
  cordonCommand: string;
  teardown(): Promise<void>;
}

/**
 * The run's template, built once however many projects (unit, e2e) ask for it: vitest runs each
 * project's global setup in turn in the one main process, before any test starts, and building a
 * second template (migrating and adding the demo users again) only kept both cores waiting.
 * Removed when the last project that asked for it is torn down.
 */
const shared = globalThis as typeof globalThis & { cordonTestTemplate?: { template: Promise<Template>; users: number } };

/**
 * Builds one migrated database per test run: a PGlite tar file by default, or a template database
 * on the PostgreSQL server named by DATABASE_URL (each test file then gets a fresh copy of it).
 */
export default async function setup(project: TestProject) {
  process.env.NODE_ENV = 'test';
  shared.cordonTestTemplate ??= { template: buildTemplateAndCommand(), users: 0 };
  const entry = shared.cordonTestTemplate;
  entry.users += 1;
  const template = await entry.template;
  project.provide('postgresTemplate', template.postgresTemplate);
  project.provide('pgliteTemplatePath', template.pgliteTemplatePath);
  project.provide('cordonCommand', template.cordonCommand);
  return async () => {
    entry.users -= 1;
    if (entry.users > 0) return;
    if (shared.cordonTestTemplate === entry) delete shared.cordonTestTemplate;
    await template.teardown();
  };
}

async function buildTemplateAndCommand(): Promise<Template> {
  const [template, cordonCommand] = await Promise.all([buildTemplate(), buildCordonCommand()]);
  return {
    ...template,
    cordonCommand,
    async teardown() {
      await template.teardown();
      fs.rmSync(cordonCommand, { force: true });
    },
  };
}

async function buildTemplate(): Promise<Omit<Template, 'cordonCommand'>> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = `cordon_test_tpl_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${template}`);
    const database = openPostgres(adminUrl(url, template), 2);
    await prepare(database);
    await database.close();
    await admin.query(`alter database ${template} with allow_connections = true`);
    return {
      pgliteTemplatePath: '',
      postgresTemplate: template,
      async teardown() {
        const { rows } = await admin.query<{ datname: string }>(
          `select datname from pg_database where datname like $1`,
          [`cordon_test_%_${process.pid}_%`],
        );
        for (const row of rows) await admin.query(`drop database if exists ${row.datname} with (force)`);
        await admin.query(`drop database if exists ${template} with (force)`);
        await admin.end();
      },
    };
  }
  const database = await openPglite(undefined);
  await prepare(database);
  const dump = await database.pglite!.dumpDataDir('none');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-test-')), 'template.tar');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  return {
    pgliteTemplatePath: file,
    postgresTemplate: '',
    async teardown() {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    },
  };
}
