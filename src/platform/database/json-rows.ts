import { getTableColumns, type Column } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

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
