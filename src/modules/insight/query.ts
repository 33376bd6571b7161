import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import { rowsOf } from '../../platform/database/client.js';
import { FAMILY_SOURCES } from './families.js';
import { MEASURE_COLUMNS, type Family, type FigureDefinition } from './figure.js';

/*
 * Turns figure definitions (data) into SQL: one aggregate query per family for a whole report, and
 * the listing of one figure's records with the very same source and condition, so a figure and
 * its list agree by construction (and the tests check they do).
 */

export interface Period {
  /** First day, inclusive (YYYY-MM-DD). */
  from: string;
  /** Day after the last, exclusive (YYYY-MM-DD). */
  until: string;
}

/** The condition a record of the figure's family must meet, within the period. */
function condition(definition: FigureDefinition, period: Period): SQL {
  const source = FAMILY_SOURCES[definition.family];
  const parts: SQL[] = [sql`r.day >= ${period.from}::date`, sql`r.day < ${period.until}::date`];
  for (const [column, values] of Object.entries(definition.where)) {
    if (!source.columns.includes(column)) throw new Error(`Figure ${definition.name}: the ${definition.family} family has no column ${column}`);
    if (values.length === 0) throw new Error(`Figure ${definition.name}: no values for ${column}`);
    parts.push(sql`${sql.identifier(column)} in (${sql.join(values.map((v) => sql`${v}`), sql`, `)})`);
  }
  return sql.join(parts, sql` and `);
}

function measured(definition: FigureDefinition, where: SQL): SQL {
  if (definition.measure === 'count') return sql`count(*) filter (where ${where})`;
  return sql`coalesce(sum(${sql.identifier(definition.measure.sum)}) filter (where ${where}), 0)`;
}

/** Every figure's value, by name: one query per family, each a single pass over that family's rows in the period. */
export async function computeFigures(db: Db, definitions: readonly FigureDefinition[], period: Period, asOf: Date): Promise<Map<string, number>> {
  const byFamily = new Map<Family, FigureDefinition[]>();
  for (const definition of definitions) byFamily.set(definition.family, [...(byFamily.get(definition.family) ?? []), definition]);
  const values = new Map<string, number>();
  // The families' queries are independent (each reads only rows recorded by asOf, which never
  // change), so they run side by side: on PostgreSQL each on its own pooled connection; a PGlite
  // connection or a transaction runs them one after the other.
  await Promise.all(
    [...byFamily].map(async ([family, members]) => {
      const columns = sql.join(
        members.map((d, index) => sql`(${measured(d, condition(d, period))})::bigint as ${sql.identifier(`f${index}`)}`),
        sql`, `,
      );
      // `offset 0` keeps the family's rows a subquery of their own, so each row's `day` (a cast of
      // text from the JSON payload) is computed once, not once per figure that filters on it; only
      // the columns the figures use are computed.
      const used = [...new Set(['day', ...members.flatMap((d) => [...Object.keys(d.where), ...(d.measure === 'count' ? [] : [d.measure.sum])])])];
      // When every figure selects on the event type, the family need read only those types.
      const types = members.every((d) => d.where.type) ? [...new Set(members.flatMap((d) => d.where.type!))] : undefined;
      const result = await db.transaction(async (tx) => {
        // For this statement only: no JIT compilation (for a one-pass aggregate it cost more than it
        // saved, seconds on a busy machine: docs/performance.md), and memory enough for a year's
        // bitmap of the log to stay exact (a lossy page re-checks every row on it).
        await tx.execute(sql`select set_config('jit', 'off', true), set_config('work_mem', '32MB', true)`);
        return tx.execute(sql`
          select ${columns}
          from (select ${sql.join(used.map((c) => sql.identifier(c)), sql`, `)} from (${FAMILY_SOURCES[family].rows(asOf, false, period, undefined, types)}) f offset 0) r
          where r.day >= ${period.from}::date and r.day < ${period.until}::date`);
      });
      const [row] = rowsOf<Record<string, string | number | null>>(result);
      members.forEach((d, index) => values.set(d.name, Number(row?.[`f${index}`] ?? 0)));
    }),
  );
  return values;
}

export type RecordRow = Record<string, string | number | null> & { seq: number; record: string; day: string };

/** The records behind one figure, in order, with their details: as many as the figure counts. */
export async function listRecords(db: Db, definition: FigureDefinition, period: Period, asOf: Date): Promise<RecordRow[]> {
  const source = FAMILY_SOURCES[definition.family];
  const result = await db.execute(sql`
    select r.*, to_char(r.day, 'YYYY-MM-DD') as day_text
    from (${source.rows(asOf, true, period)}) r
    where ${condition(definition, period)}
    order by ${source.orderBy}`);
  return rowsOf<RecordRow & { day_text: string }>(result).map(({ day_text, ...row }) => {
    const numbers = Object.fromEntries(MEASURE_COLUMNS.filter((column) => column in row).map((column) => [column, row[column] === null ? null : Number(row[column])]));
    return { ...row, ...numbers, day: day_text, seq: Number(row.seq) } as RecordRow;
  });
}

/**
 * The values a column takes among a family's records in the period that meet `where` (for a
 * breakdown: one figure per value), each with a label (`labelColumn`'s value, else the value), in
 * order. Nulls are left out: a family gives a word ('unknown') where a value may be missing.
 */
export async function distinctValues(
  db: Db,
  spec: { name: string; family: Family; column: string; labelColumn?: string; where: FigureDefinition['where'] },
  period: Period,
  asOf: Date,
): Promise<{ value: string; label: string }[]> {
  const source = FAMILY_SOURCES[spec.family];
  if (!source.columns.includes(spec.column)) throw new Error(`Breakdown ${spec.name}: the ${spec.family} family has no column ${spec.column}`);
  const where = condition({ name: spec.name, label: '', unit: 'vehicles', family: spec.family, where: spec.where, measure: 'count' }, period);
  const label = spec.labelColumn ? sql`max(${sql.identifier(spec.labelColumn)})` : sql`r.${sql.identifier(spec.column)}`;
  const result = await db.execute(sql`
    select r.${sql.identifier(spec.column)} as value, ${label} as label
    from (${source.rows(asOf, false, period)}) r
    where ${where} and r.${sql.identifier(spec.column)} is not null
    group by r.${sql.identifier(spec.column)}
    order by r.${sql.identifier(spec.column)}`);
  return rowsOf<{ value: string; label: string | null }>(result).map((row) => ({ value: String(row.value), label: String(row.label ?? row.value) }));
}
