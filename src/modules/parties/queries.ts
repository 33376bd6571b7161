import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import { rowsOf } from '../../platform/database/client.js';

/*
 * The parties register's published sub-selects: how another module's query reads the register
 * (`parties`, `vehicles`, `vehicle_links`) without naming its tables. Each is a plain sub-select
 * to put where a table would go (`join ${registerEntries()} p on …`): PostgreSQL pulls it up into
 * the outer query, so the plan is the one a join on the tables would have (the Vehicle Action
 * List's query is one statement still).
 */

/** Every register entry with the entry it was merged into (null for a surviving identity) and its name: id, merged_into, display_name. */
export function registerEntries(): SQL {
  return sql`(select id, merged_into, display_name from parties)`;
}

/**
 * The vehicles each register entry owns or operates on `today` (links valid that day): party_id,
 * registration_key, registration, country.
 */
export function vehiclesOwnedOrOperatedOn(today: string): SQL {
  return sql`(select vl.party_id, v.registration_key, v.registration, v.country
        from vehicle_links vl join vehicles v on v.id = vl.vehicle_id
        where vl.role in ('owner', 'operator')
          and (vl.valid_from is null or vl.valid_from <= ${today}::date) and (vl.valid_to is null or vl.valid_to >= ${today}::date))`;
}

/**
 * Every driver's employment or contract with an organisation in the register, with the dates it held
 * and the organisation's name: person_id, organisation_id, organisation_name, valid_from, valid_to.
 */
export function employmentLinksWithNames(): SQL {
  return sql`(select el.person_id, el.organisation_id, p.display_name as organisation_name, el.valid_from, el.valid_to
        from employment_links el join parties p on p.id = el.organisation_id)`;
}

/** The organisations the register says these people worked for (or drove under contract to) on `onDate`. */
export async function employmentOfPeopleOn(db: Db, personIds: readonly string[], onDate: string): Promise<{ personId: string; organisationId: string; organisationName: string }[]> {
  if (personIds.length === 0) return [];
  const rows = rowsOf<{ person_id: string; organisation_id: string; organisation_name: string }>(
    await db.execute(sql`select e.person_id, e.organisation_id, e.organisation_name from ${employmentLinksWithNames()} e
      where e.person_id in (${sql.join(personIds.map((id) => sql`${id}::uuid`), sql`, `)})
        and (e.valid_from is null or e.valid_from <= ${onDate}::date) and (e.valid_to is null or e.valid_to >= ${onDate}::date)
      order by e.organisation_name`),
  );
  return rows.map((row) => ({ personId: row.person_id, organisationId: row.organisation_id, organisationName: row.organisation_name }));
}

/**
 * For the data-quality report (insight/quality): every name of every register entry, in the
 * register's normalised form (`key`: the name's words run together, legal form and punctuation
 * gone) — party_id, key, name, kind, display_name, date_of_birth, merged_into.
 */
export function partyNameKeys(): SQL {
  return sql`(select n.party_id, n.key, n.name, p.kind, p.display_name, p.date_of_birth, p.merged_into from party_names n join parties p on p.id = n.party_id)`;
}

/** Pairs of register entries a caseworker decided are not the same (either order): party_a, party_b. */
export function rejectedMatchPairs(): SQL {
  return sql`(select party_a, party_b from match_rejections)`;
}
