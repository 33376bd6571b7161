import { sql, type SQL } from 'drizzle-orm';

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
