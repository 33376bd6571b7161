import { inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../platform/database/client.js';
import { cases, liabilities } from '../schema.js';
import { isCalendarDate } from '../../../domain/clock/calendar-date.js';

/* The case list's search beyond reference, registration and names: date of birth and the parties register. */

/** "17/02/1981" or "1981-02-17" → "1981-02-17" when it is a real date; otherwise null. */
export function searchDate(q: string): string | null {
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(q);
  const iso = uk ? `${uk[3]}-${uk[2]!.padStart(2, '0')}-${uk[1]!.padStart(2, '0')}` : /^\d{4}-\d{2}-\d{2}$/.test(q) ? q : null;
  // '2026-02-30', '9999-99-99' and the year 0 are not dates: such text is searched as text.
  return iso && isCalendarDate(iso) ? iso : null;
}

/** Finds register entries (parties) for a search: by normalised name, date of birth, identifier or plate. */
export type PartySearch = (q: string) => Promise<string[]>;

/** A sub-select of the ids of the incidents recording a responsible person born on a date (intake's published `incidentsNamingPersonBornOn`). */
export type IncidentsBornOn = (isoDate: string) => SQL;

/**
 * Extra conditions for the search box: a responsible person recorded on the incident with this date
 * of birth, or a liability whose confirmed party the register's search finds (a company by its
 * normalised name, a person by date of birth).
 */
export async function caseSearchConditions(db: Db, q: string, partySearch?: PartySearch, incidentsBornOn?: IncidentsBornOn): Promise<SQL[]> {
  const conditions: SQL[] = [];
  const date = searchDate(q);
  if (date && incidentsBornOn) {
    conditions.push(sql`${cases.incidentId} in ${incidentsBornOn(date)}`);
  }
  const partyIds = partySearch ? await partySearch(date ?? q) : [];
  if (partyIds.length) {
    conditions.push(inArray(cases.id, db.selectDistinct({ id: liabilities.caseId }).from(liabilities).where(inArray(liabilities.partyId, partyIds))));
  }
  return conditions;
}
