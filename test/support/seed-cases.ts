import { sql } from 'drizzle-orm';
import type { Db } from '../../src/platform/database/client.js';
import { STAGE_IDS } from '../../src/domain/liability/stages.js';

/**
 * Many cases at once for queue and dashboard tests: two INSERT … SELECT over generate_series, so
 * 10,000 cases take a second or two, not the minutes that opening each through its command would.
 * Rows are varied on purpose — every stage (finished ones too), five ports, both offences, incidents
 * spread over 400 days before `today`, a quarter assigned to the given officers, some with no last
 * day to impose (old regime). They have no events: these are read-table fixtures, not casework.
 */
export async function seedCases(db: Db, options: { count: number; today: string; officerIds?: readonly string[]; referencePrefix?: string }): Promise<void> {
  const stages = STAGE_IDS.join(',');
  const officers = (options.officerIds ?? []).join(',');
  const prefix = options.referencePrefix ?? 'CEC-1999-';
  await db.execute(sql`
    insert into cases (
      id, reference, offence, incident_date, port_code, clandestine_entrants, vehicle_registration, vehicle_registration_key,
      vehicle_country, driver_name, company_name, stage, referred_by, created_at, version, self_declared,
      assigned_to, assigned_at, stage_since, last_day_to_impose)
    select
      gen_random_uuid(),
      ${prefix} || lpad(g::text, 6, '0'),
      case when g % 3 = 0 then 'S32' else 'S31A' end,
      d.incident,
      (array['CQF', 'CAL', 'DKK', 'DVR', 'FKS'])[1 + g % 5],
      case when g % 3 = 0 then 1 + g % 4 end,
      'SD' || g || ' XYZ',
      'SD' || g || 'XYZ',
      'PL',
      'Seeded Driver ' || g,
      'Seeded Haulage ' || (g % 97) || ' Sp. z o.o.',
      s.stages[1 + (g * 7 + g / 11) % array_length(s.stages, 1)],
      'seed',
      now(),
      0,
      false,
      case when g % 4 = 0 and array_length(s.officers, 1) > 0 then s.officers[1 + g % array_length(s.officers, 1)] end,
      case when g % 4 = 0 and array_length(s.officers, 1) > 0 then now() end,
      (d.incident + (g % 30))::timestamptz,
      case when g % 50 = 0 then null else d.incident + 179 end
    from generate_series(1, ${options.count}::int) g
    cross join lateral (select (${options.today}::date - ((g * 37) % 400))::date as incident) d
    cross join (select string_to_array(${stages}, ',') as stages,
                       case when ${officers} = '' then array[]::uuid[] else string_to_array(${officers}, ',')::uuid[] end as officers) s`);
  await db.execute(sql`
    insert into liabilities (id, case_id, role, offence, party_name, stage, stage_since)
    select gen_random_uuid(), c.id, r.role, c.offence, case when r.role = 'driver' then c.driver_name else c.company_name end, c.stage, c.stage_since
    from cases c cross join (values ('driver'), ('owner')) as r(role)
    where c.reference like ${`${prefix}%`}`);
}
