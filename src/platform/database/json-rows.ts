import { getTableColumns, sql, type Column } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTable } from 'drizzle-orm/pg-core';

/*
 * Rows a statement returns nested as JSON (`json_agg(t)` in a sub-select), mapped to the shape
 * drizzle gives the same table's rows: one statement can read a record with its children instead
 * of one round trip each. PostgreSQL writes each column in JSON by its own type (a timestamp as
 * ISO text, a bigint as a number, a jsonb as itself); each column's own driver mapping then makes
 * the value drizzle would have returned.
 */

type Mapper = [key: string, name: string, map: ((value: unknown) => unknown) | null];

const mappers = new WeakMap<PgTable, Mapper[]>();

function mappersOf(table: PgTable): Mapper[] {
  let found = mappers.get(table);
  if (!found) {
    found = Object.entries(getTableColumns(table)).map(([key, column]: [string, Column]) => {
      // A json or jsonb column is already the value; text columns need nothing either.
      const plain = column.columnType === 'PgJsonb' || column.columnType === 'PgJson' || column.columnType === 'PgText';
      return [key, column.name, plain ? null : (value: unknown) => column.mapFromDriverValue(value)];
    });
    mappers.set(table, found);
  }
  return found;
}

/** `json_agg(t)` rows of `table` (or null, for none) as drizzle's rows of it. */
export function rowsFromJson<T extends PgTable>(table: T, json: unknown): T['$inferSelect'][] {
  if (json === null || json === undefined) return [];
  const list = (typeof json === 'string' ? JSON.parse(json) : json) as Record<string, unknown>[];
  const columns = mappersOf(table);
  return list.map((raw) => {
    const row: Record<string, unknown> = {};
    for (const [key, name, map] of columns) {
      const value = raw[name];
      row[key] = value === null || value === undefined ? null : map ? map(value) : value;
    }
    return row as T['$inferSelect'];
  });
}

/*
 * The other way: many rows of a table written by one statement from one JSON parameter
 * (`insert … select … from json_populate_recordset(null::table, $1)`), for batch work. Building a
 * multi-row `values (…), (…)` costs drizzle a parameter object per value; here each value goes
 * through its column's own driver mapping (a date to ISO text, a jsonb or array as itself) and the
 * rows through `JSON.stringify`, and PostgreSQL casts each field to its column's type.
 */

type Writer = [key: string, name: string, map: ((value: unknown) => unknown) | null];

const writers = new WeakMap<PgTable, Writer[]>();

function writersOf(table: PgTable): Writer[] {
  let found = writers.get(table);
  if (!found) {
    found = Object.entries(getTableColumns(table)).map(([key, column]: [string, Column]) => {
      // JSON carries a json, jsonb or array column's value as it is; text needs nothing either.
      const plain = column.columnType === 'PgJsonb' || column.columnType === 'PgJson' || column.columnType === 'PgText' || column.dataType === 'array';
      return [key, column.name, plain ? null : (value: unknown) => column.mapToDriverValue(value)];
    });
    writers.set(table, found);
  }
  return found;
}

/**
 * Inserts `rows` of `table` with one statement per `perStatement` rows, from JSON. Every row must
 * give the same columns (a column no row gives takes its default); a column some rows give and
 * others not, or a runtime default (`$defaultFn`), is the caller's to avoid — such rows go through
 * drizzle's `insert … values` instead, which gives the same rows.
 */
export async function insertRowsFromJson<T extends PgTable>(
  tx: PgDatabase<PgQueryResultHKT>,
  table: T,
  rows: readonly T['$inferInsert'][],
  options: { onConflictDoNothing?: boolean; perStatement?: number } = {},
): Promise<void> {
  if (rows.length === 0) return;
  const perStatement = options.perStatement ?? 2000;
  const all = writersOf(table);
  const first = rows[0] as Record<string, unknown>;
  const given = all.filter(([key]) => first[key] !== undefined);
  const columns = getTableColumns(table) as Record<string, Column & { defaultFn?: unknown }>;
  const uniform =
    all.every(([key]) => first[key] !== undefined || !columns[key]!.defaultFn) &&
    rows.every((row) => all.every(([key]) => ((row as Record<string, unknown>)[key] !== undefined) === (first[key] !== undefined)));
  if (!uniform) {
    for (let i = 0; i < rows.length; i += perStatement) {
      const insert = tx.insert(table).values(rows.slice(i, i + perStatement) as never);
      await (options.onConflictDoNothing ? insert.onConflictDoNothing() : insert);
    }
    return;
  }
  const names = sql.join(given.map(([, name]) => sql.identifier(name)), sql`, `);
  for (let i = 0; i < rows.length; i += perStatement) {
    const json = rows.slice(i, i + perStatement).map((row) => {
      const out: Record<string, unknown> = {};
      for (const [key, name, map] of given) {
        const value = (row as Record<string, unknown>)[key];
        out[name] = value === null ? null : map ? map(value) : value;
      }
      return out;
    });
    await tx.execute(
      sql`insert into ${table} (${names}) select ${names} from json_populate_recordset(null::${table}, ${JSON.stringify(json)}::json)${options.onConflictDoNothing ? sql` on conflict do nothing` : sql``}`,
    );
  }
}
