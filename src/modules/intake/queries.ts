import { and, count, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import { incidents, searches } from './schema.js';

/*
 * The intake module's published queries: how other modules read what intake owns (`incidents`…)
 * without naming its tables.
 */

/** What the incident recorded (the `data` of its row: vehicle, place, requirements, responsible persons), or null. */
export async function incidentDataOf(db: Db, incidentId: string): Promise<unknown> {
  const [row] = await db.select({ data: incidents.data }).from(incidents).where(eq(incidents.id, incidentId));
  if (!row) return null;
  // Letters and the penalty team never carry what was recorded about the people found.
  const { peopleFoundDifferenceReason: _restricted, ...data } = row.data as Record<string, unknown>;
  return data;
}

/** A sub-select of the ids of the incidents that record a responsible person born on `isoDate` (YYYY-MM-DD). */
export function incidentsNamingPersonBornOn(isoDate: string): SQL {
  const born = JSON.stringify([{ dateOfBirth: isoDate }]);
  return sql`(select i.id from incidents i where i.data -> 'responsiblePersons' @> ${born}::jsonb)`;
}

/**
 * Searches where nothing was found, made before `cutoff` (a UK calendar date): how many, and the
 * oldest (the retention report). A search that found something stays with what it found.
 */
export async function searchesWithNothingFoundBefore(db: Db, cutoff: string, limit = 20) {
  const searchedOn = sql<string>`((${searches.searchedAt} at time zone 'Europe/London')::date)`;
  const where = and(eq(searches.result, 'nothing-found'), sql`${searchedOn} < ${cutoff}::date`);
  const [total] = await db.select({ n: count() }).from(searches).where(where);
  const oldest = await db
    .select({ id: searches.id, searchedAt: searches.searchedAt, portCode: searches.portCode, registration: searches.tractorRegistration })
    .from(searches)
    .where(where)
    .orderBy(searches.searchedAt, searches.id)
    .limit(limit);
  return { count: Number(total?.n ?? 0), oldest };
}

/**
 * For the data-quality report (insight/quality): each incident's facts as the border recorded them —
 * id, status, case_id, incident_date, port_code, offence (`S31A`, `S32` or `S31A+S32`, as a case
 * names it), clandestine_entrants (null when not a whole number).
 */
export function incidentFactsForQuality(): SQL {
  return sql`(select id, status, case_id, incident_date, port_code,
      case when data -> 'offences' @> '["S31A", "S32"]'::jsonb then 'S31A+S32' else data -> 'offences' ->> 0 end as offence,
      case when jsonb_typeof(data -> 'clandestineEntrants') = 'number' and (data ->> 'clandestineEntrants') ~ '^[0-9]{1,6}$' then (data ->> 'clandestineEntrants')::int end as clandestine_entrants
    from incidents)`;
}
