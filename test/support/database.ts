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
  return pooledPglite();
}

/*
 * PGlite databases are reused within a worker. Loading the template's tar into a new PGlite took
 * 4–6 s on this two-core machine under the suite's load (untarring 44 MB and starting PostgreSQL);
 * emptying a used one back to the template's rows takes 0.1–0.4 s. So a database a test file closes
 * goes back to its worker's pool, and the next file gets it back as the template was: every table
 * emptied (TRUNCATE … RESTART IDENTITY, triggers off for the moment), the template's rows put back
 * from a copy kept in the schema `cordon_test_template`, every sequence set back, the session
 * reset (DISCARD ALL: settings, temporary tables, prepared statements, LISTENs, advisory locks).
 * A database whose schema a file changed (a table, a column, a trigger, a function, a schema, a
 * role or an extension added or removed) is closed instead of reused: its fingerprint of the
 * catalogue no longer matches the template's. A file that never closes its database keeps it.
 */
const TEMPLATE_COPY = 'cordon_test_template';

interface Pooled {
  client: PGlite;
  reset: string;
  fingerprint: string;
  listeners: Set<() => Promise<void>>;
}

const idle: Pooled[] = [];

const FINGERPRINT = `
  select md5(string_agg(x, ',' order by x)) as fingerprint from (
    select 'c:' || n.nspname || '.' || c.relname || ':' || c.relkind::text || ':' ||
           (select count(*) from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped)
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\_%'
    union all select 't:' || tgrelid::regclass::text || '.' || tgname || ':' || tgenabled::text from pg_trigger
    union all select 'p:' || n.nspname || '.' || p.proname || ':' || md5(coalesce(p.prosrc, ''))
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname not in ('pg_catalog', 'information_schema')
    union all select 'k:' || conrelid::regclass::text || '.' || conname from pg_constraint
    union all select 'n:' || nspname from pg_namespace where nspname not like 'pg\_temp\_%' and nspname not like 'pg\_toast\_temp\_%'
    union all select 'e:' || extname || ':' || extversion from pg_extension
    union all select 'r:' || rolname from pg_roles
  ) s(x)`;

async function fingerprintOf(client: PGlite): Promise<string> {
  return (await client.query<{ fingerprint: string }>(FINGERPRINT)).rows[0]!.fingerprint;
}

/** A new PGlite from the run's template, with a copy of the template's rows to reset it from. */
async function newPooled(): Promise<Pooled> {
  const templatePath = inject('pgliteTemplatePath');
  const client = await PGlite.create({ loadDataDir: new Blob([fs.readFileSync(templatePath)]), extensions: pgliteExtensions });
  const { rows: tables } = await client.query<{ name: string; copy: string; rows: number }>(
    `select format('%I.%I', schemaname, tablename) as name, format('%I.%I', '${TEMPLATE_COPY}', schemaname || '__' || tablename) as copy,
            (xpath('/row/n/text()', query_to_xml(format('select count(*) as n from %I.%I', schemaname, tablename), false, true, '')))[1]::text::int as rows
       from pg_tables where schemaname not in ('pg_catalog', 'information_schema') order by 1`,
  );
  const { rows: sequences } = await client.query<{ name: string }>(
    `select format('%I.%I', schemaname, sequencename) as name from pg_sequences order by 1`,
  );
  const withRows = tables.filter((table) => table.rows > 0);
  await client.exec(`create schema ${TEMPLATE_COPY};` + withRows.map((table) => `create table ${table.copy} as select * from ${table.name};`).join(''));
  const setvals: string[] = [];
  for (const { name } of sequences) {
    const { rows } = await client.query<{ last_value: string; is_called: boolean }>(`select last_value::text, is_called from ${name}`);
    setvals.push(`select setval('${name.replace(/'/g, "''")}', ${rows[0]!.last_value}, ${rows[0]!.is_called});`);
  }
  const reset =
    `set session_replication_role = replica;` +
    `truncate ${tables.map((table) => table.name).join(', ')} restart identity;` +
    withRows.map((table) => `insert into ${table.name} select * from ${table.copy};`).join('') +
    setvals.join('') +
    `set session_replication_role = origin;`;
  const pooled: Pooled = { client, reset, fingerprint: await fingerprintOf(client), listeners: new Set() };
  // Whatever a file listens to is unlistened when it gives the database back (its app may not have).
  const listen = client.listen.bind(client);
  client.listen = async (...args: Parameters<PGlite['listen']>) => {
    const unlisten = await listen(...args);
    const once = async () => {
      if (!pooled.listeners.delete(once)) return;
      await unlisten();
    };
    pooled.listeners.add(once);
    return once;
  };
  return pooled;
}

async function pooledPglite(): Promise<Database> {
  let pooled = idle.pop();
  if (pooled) {
    await pooled.client.exec('discard all');
    await pooled.client.exec(pooled.reset);
  } else {
    pooled = await newPooled();
  }
  const entry = pooled;
  let closed = false;
  // The file's handle on the database: once the file has closed it, any use fails as it would on a
  // closed PGlite (a test that closes the database to see the service answer without one), while
  // the database itself goes on to the next file.
  const handle = new Proxy(entry.client, {
    get(target, property) {
      if (property === 'closed') return closed || target.closed;
      if (closed) throw new Error('This test database was closed');
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  const database = wrapPglite(handle, 'memory');
  database.close = async () => {
    if (closed) return;
    closed = true;
    for (const unlisten of [...entry.listeners]) await unlisten();
    const reusable = !entry.client.closed && (await fingerprintOf(entry.client).catch(() => '')) === entry.fingerprint;
    if (reusable) idle.push(entry);
    else if (!entry.client.closed) await entry.client.close();
  };
  return database;
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
