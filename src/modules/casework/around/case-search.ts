import { inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../platform/database/client.js';
import { cases, caseSearchNames, liabilities } from '../schema.js';
import { caseSearchNameQuery } from './case-search-names.js';
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
  const names = caseNameCondition(q);
  if (names) conditions.push(names);
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

/**
 * Cases with a name the search finds by the register's normalisation: the search's letters run
 * together inside a name's key ("transpol", "Trans Pol" → "Trans-Pol Sp. z o.o."), or all its words
 * among a name's words in any order ("Kowalski Piotr" → "Piotr Kowalski"). Both read the indexes of
 * `case_search_names` (trigram on the key, GIN on the words).
 */
export function caseNameCondition(q: string): SQL | null {
  const query = caseSearchNameQuery(q);
  if (!query) return null;
  const escape = (key: string) => key.replace(/[\\%_]/g, (c) => `\\${c}`);
  const matches = [
    ...query.keys.map((key) => sql`${caseSearchNames.key} like ${`%${escape(key)}%`}`),
    ...query.wordSets.map((words) => sql`${caseSearchNames.words} @> ${sql`array[${sql.join(words.map((w) => sql`${w}`), sql`, `)}]::text[]`}`),
  ];
  return sql`${cases.id} in (select ${caseSearchNames.caseId} from ${caseSearchNames} where ${sql.join(matches, sql` or `)})`;
}
