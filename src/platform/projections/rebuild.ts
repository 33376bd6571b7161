import { randomBytes } from 'node:crypto';
import { asc, getTableName, gt, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../database/client.js';
import { rowsOf } from '../database/client.js';
import { events } from '../events/schema.js';
import { project, type Projector } from './projector.js';

export interface TableDifference {
  table: string;
  /** The row's primary key, e.g. `id=7c1…`. */
  key: string;
  problem: string;
}

export interface RebuildReport {
  schema: string;
  events: number;
  tables: { name: string; live: number; rebuilt: number }[];
  differences: TableDifference[];
}

const BATCH = 2000;
const MAX_DIFFERENCES_PER_TABLE = 100;

/** Every table the projectors own, each once: two projectors writing one table is a bug. */
export function ownedTables(projectors: readonly Projector[]): PgTable[] {
  const owner = new Map<string, string>();
  const tables: PgTable[] = [];
  for (const projector of projectors) {
    for (const table of projector.tables) {
      const name = getTableName(table);
      const other = owner.get(name);
      if (other) throw new Error(`The table ${name} is written by two projectors: ${other} and ${projector.module}`);
      owner.set(name, projector.module);
      tables.push(table);
    }
  }
  return tables;
}

const ident = (name: string) => sql.raw(`"${name.replace(/"/g, '""')}"`);

/**
 * Replays the whole event log, in order, through the projectors into empty copies of their tables
 * in a scratch schema, then compares every row with the live tables. The live tables are not
 * touched. The scratch schema is dropped afterwards unless `keep` is set (to inspect it).
 */
export async function rebuildProjections(
  db: Db,
  projectors: readonly Projector[],
  options: { keep?: boolean; onProgress?: (events: number) => void } = {},
): Promise<RebuildReport> {
  const tables = ownedTables(projectors);
  const schema = `projection_rebuild_${randomBytes(4).toString('hex')}`;
  await db.execute(sql`create schema ${ident(schema)}`);
  try {
    for (const table of tables) {
      const name = getTableName(table);
      await db.execute(
        sql`create table ${ident(schema)}.${ident(name)} (like public.${ident(name)} including defaults including constraints including indexes including identity)`,
      );
    }
    let count = 0;
    await db.transaction(async (tx) => {
      // The projectors' unqualified table names now reach the scratch copies; the event log and any
      // table no projector owns are still found in public.
      await tx.execute(sql`select set_config('search_path', ${`"${schema}", public`}, true)`);
      let after = 0;
      for (;;) {
        const rows = await tx.select().from(events).where(gt(events.seq, after)).orderBy(asc(events.seq)).limit(BATCH);
        await project(
          tx,
          projectors,
          rows.map((r) => ({ ...r, payload: r.payload as Record<string, unknown> })),
        );
        count += rows.length;
        options.onProgress?.(count);
        if (rows.length < BATCH) break;
        after = rows[rows.length - 1]!.seq;
      }
    });
    const report: RebuildReport = { schema, events: count, tables: [], differences: [] };
    for (const table of tables) {
      const name = getTableName(table);
      const [counts] = rowsOf<{ live: string | number; rebuilt: string | number }>(
        await db.execute(sql`select (select count(*) from public.${ident(name)}) as live, (select count(*) from ${ident(schema)}.${ident(name)}) as rebuilt`),
      );
      report.tables.push({ name, live: Number(counts!.live), rebuilt: Number(counts!.rebuilt) });
      report.differences.push(...(await compareTable(db, schema, name)));
    }
    return report;
  } finally {
    if (!options.keep) await db.execute(sql`drop schema if exists ${ident(schema)} cascade`);
  }
}

async function primaryKeyColumns(db: Db, table: string): Promise<string[]> {
  const rows = rowsOf<{ column: string }>(
    await db.execute(sql`
      select a.attname as column
      from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
      where i.indrelid = ${`public."${table}"`}::regclass and i.indisprimary
      order by array_position(i.indkey, a.attnum)`),
  );
  return rows.map((r) => r.column);
}

/** Rows only in one side, paired by primary key into "differs in …" where both have the key. */
async function compareTable(db: Db, schema: string, table: string): Promise<TableDifference[]> {
  const rows = rowsOf<{ side: 'live' | 'rebuilt'; row: Record<string, unknown> }>(
    await db.execute(sql`
      with live as (select to_jsonb(t) as row from public.${ident(table)} t),
           rebuilt as (select to_jsonb(t) as row from ${ident(schema)}.${ident(table)} t)
      (select 'live' as side, row from (select row from live except all select row from rebuilt) only_live limit ${MAX_DIFFERENCES_PER_TABLE})
      union all
      (select 'rebuilt' as side, row from (select row from rebuilt except all select row from live) only_rebuilt limit ${MAX_DIFFERENCES_PER_TABLE})`),
  );
  if (rows.length === 0) return [];
  const keyColumns = await primaryKeyColumns(db, table);
  const keyOf = (row: Record<string, unknown>) =>
    (keyColumns.length ? keyColumns : Object.keys(row)).map((c) => `${c}=${typeof row[c] === 'object' ? JSON.stringify(row[c]) : String(row[c])}`).join(', ');
  const live = new Map(rows.filter((r) => r.side === 'live').map((r) => [keyOf(r.row), r.row]));
  const rebuilt = new Map(rows.filter((r) => r.side === 'rebuilt').map((r) => [keyOf(r.row), r.row]));
  const differences: TableDifference[] = [];
  for (const [key, row] of live) {
    const other = rebuilt.get(key);
    if (!other) {
      differences.push({ table, key, problem: 'in the live table but not made by any event' });
      continue;
    }
    const columns = Object.keys(row).filter((c) => JSON.stringify(row[c]) !== JSON.stringify(other[c]));
    differences.push({
      table,
      key,
      problem: `differs in ${columns.map((c) => `${c} (live ${JSON.stringify(row[c])}, from the events ${JSON.stringify(other[c])})`).join('; ')}`,
    });
  }
  for (const key of rebuilt.keys()) {
    if (!live.has(key)) differences.push({ table, key, problem: 'made by the events but missing from the live table' });
  }
  return differences;
}
