import { eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import { incidents } from './schema.js';

/*
 * The intake module's published queries: how other modules read what intake owns (`incidents`…)
 * without naming its tables.
 */

/** What the incident recorded (the `data` of its row: vehicle, place, requirements, responsible persons), or null. */
export async function incidentDataOf(db: Db, incidentId: string): Promise<unknown> {
  const [row] = await db.select({ data: incidents.data }).from(incidents).where(eq(incidents.id, incidentId));
  return row?.data ?? null;
}

/** A sub-select of the ids of the incidents that record a responsible person born on `isoDate` (YYYY-MM-DD). */
export function incidentsNamingPersonBornOn(isoDate: string): SQL {
  const born = JSON.stringify([{ dateOfBirth: isoDate }]);
  return sql`(select i.id from incidents i where i.data -> 'responsiblePersons' @> ${born}::jsonb)`;
}
