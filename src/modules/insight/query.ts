import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import { rowsOf } from '../../platform/database/client.js';
import { FAMILY_SOURCES } from './families.js';
import type { Family, FigureDefinition } from './figure.js';

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
  // One after the other: a PGlite connection runs one statement at a time anyway.
  for (const [family, members] of byFamily) {
    const columns = sql.join(
      members.map((d, index) => sql`(${measured(d, condition(d, period))})::bigint as ${sql.identifier(`f${index}`)}`),
      sql`, `,
    );
    const result = await db.execute(sql`
      select ${columns}
      from (${FAMILY_SOURCES[family].rows(asOf, false, period)}) r
      where r.day >= ${period.from}::date and r.day < ${period.until}::date`);
    const [row] = rowsOf<Record<string, string | number | null>>(result);
    members.forEach((d, index) => values.set(d.name, Number(row?.[`f${index}`] ?? 0)));
  }
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
  return rowsOf<RecordRow & { day_text: string }>(result).map(({ day_text, ...row }) => ({ ...row, day: day_text, seq: Number(row.seq), amount_pence: row.amount_pence === null ? null : Number(row.amount_pence), people: row.people === null ? null : Number(row.people) }));
}
