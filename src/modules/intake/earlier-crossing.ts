import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../platform/database/client.js';
import { rowsOf } from '../../platform/database/client.js';
import { executeCommand, type CommandContext, type CommandDefinition } from '../../platform/events/command.js';
import { earlierCrossingWindow } from '../../domain/incident/detection.js';
import {
  authoriseEarlierCrossing,
  decideConfirmEarlierCrossing,
  decideRuleOutEarlierCrossings,
  EARLIER_CROSSING_OVERSEERS,
  type EarlierCrossingState,
} from '../../domain/incident/earlier-crossing-decision.js';
import type { IncidentInput } from '../../domain/incident/incident.js';
import { registrationKey } from '../../domain/incident/registration.js';
import { REFERRERS } from '../identity/roles.js';
import { borderEventsProjector } from './projector.js';
import { earlierCrossings, incidents, searches } from './schema.js';

/*
 * Inland detections linked to the vehicle's earlier crossing (issue #14 item 3; seed 003 §5.37,
 * recommendation 2a): the searches of the same tractor or trailer (by registration key) in the days
 * before the estimated arrival are found by a query; the officer confirms one, and that search is
 * then a "failure", counted by port, lane, method and selection for the monthly analysis.
 */

export type SearchRow = typeof searches.$inferSelect;

/** A searched_at instant's day in the UK, for comparing with the incident's UK dates. */
const ukDay = sql`(${searches.searchedAt} at time zone 'Europe/London')::date`;

/** The registration keys of an incident's vehicle: tractor and trailer, punctuation-insensitive. */
export function vehicleKeys(incident: Pick<IncidentInput, 'tractorRegistration' | 'trailerRegistration'>): string[] {
  return [...new Set([incident.tractorRegistration, incident.trailerRegistration].filter((r): r is string => Boolean(r)).map(registrationKey).filter(Boolean))];
}

/** Searches whose tractor or trailer key is one of these, on UK days from `from` to `to` (inclusive), oldest first. */
async function searchesOfKeys(db: Db, keys: readonly string[], period: { from?: string | undefined; to?: string | undefined }, page: { limit: number; offset: number } = { limit: 100, offset: 0 }): Promise<SearchRow[]> {
  if (!keys.length) return [];
  const keyList = sql.join(keys.map((k) => sql`${k}`), sql`, `);
  const conditions = [sql`(${searches.tractorKey} in (${keyList}) or ${searches.trailerKey} in (${keyList}))`];
  if (period.from) conditions.push(sql`${ukDay} >= ${period.from}::date`);
  if (period.to) conditions.push(sql`${ukDay} <= ${period.to}::date`);
  return db
    .select()
    .from(searches)
    .where(and(...conditions))
    .orderBy(searches.searchedAt, searches.id)
    .limit(page.limit)
    .offset(page.offset);
}

/** The candidate earlier crossings of an inland incident: its vehicle's searches in the window before it arrived. */
export async function candidateCrossings(db: Db, incident: IncidentInput): Promise<{ window: { from: string; to: string } | null; keys: string[]; candidates: SearchRow[] }> {
  const window = earlierCrossingWindow(incident);
  const keys = vehicleKeys(incident);
  if (!window) return { window, keys, candidates: [] };
  return { window, keys, candidates: await searchesOfKeys(db, keys, window) };
}

async function loadState(tx: Db, incidentId: string) {
  const [row] = await tx.select().from(incidents).where(eq(incidents.id, incidentId));
  if (!row) return null;
  const { candidates } = await candidateCrossings(tx, row.data as IncidentInput);
  const [link] = await tx.select().from(earlierCrossings).where(eq(earlierCrossings.incidentId, incidentId));
  const state: EarlierCrossingState = {
    id: row.id,
    kind: row.kind,
    status: row.status,
    createdById: row.createdById,
    candidateSearchIds: candidates.map((c) => c.id),
    confirmedSearchId: link?.outcome === 'confirmed' ? link.searchId : null,
  };
  return { streamId: `incident-${row.id}`, version: row.version, state };
}

const DECIDERS = [...REFERRERS, ...EARLIER_CROSSING_OVERSEERS];

export const confirmEarlierCrossingInput = z.object({ incidentId: z.uuid(), searchId: z.uuid({ message: 'Choose one of the crossings listed' }) });
export const confirmEarlierCrossing: CommandDefinition<z.infer<typeof confirmEarlierCrossingInput>, EarlierCrossingState, { searchId: string }> = {
  name: 'confirmEarlierCrossing',
  input: confirmEarlierCrossingInput,
  roles: DECIDERS,
  streamType: 'incident',
  load: (tx, input) => loadState(tx, input.incidentId),
  authorise: authoriseEarlierCrossing,
  decide: decideConfirmEarlierCrossing,
  projectors: [borderEventsProjector],
  async project(_tx, { input }) {
    return { searchId: input.searchId };
  },
};

export const ruleOutEarlierCrossingsInput = z.object({ incidentId: z.uuid(), note: z.string().trim().max(1000, 'Say why in 1,000 characters or fewer').optional() });
export const ruleOutEarlierCrossings: CommandDefinition<z.infer<typeof ruleOutEarlierCrossingsInput>, EarlierCrossingState, { ruledOut: true }> = {
  name: 'ruleOutEarlierCrossings',
  input: ruleOutEarlierCrossingsInput,
  roles: DECIDERS,
  streamType: 'incident',
  load: (tx, input) => loadState(tx, input.incidentId),
  authorise: authoriseEarlierCrossing,
  decide: decideRuleOutEarlierCrossings,
  projectors: [borderEventsProjector],
  async project() {
    return { ruledOut: true as const };
  },
};

export interface FailureCounts {
  key: string | null;
  failures: number;
}

/** Detection data: candidate crossings, the officer's decision on them, failures, and a vehicle's searches. */
export function detectionService(db: Db) {
  return {
    candidateCrossings: (incident: IncidentInput) => candidateCrossings(db, incident),
    confirm: (input: unknown, context: CommandContext) => executeCommand(db, confirmEarlierCrossing, input, context),
    ruleOut: (input: unknown, context: CommandContext) => executeCommand(db, ruleOutEarlierCrossings, input, context),

    /** What the officer decided about the incident's earlier crossing, with the search confirmed; null when nothing yet. */
    async decisionFor(incidentId: string) {
      const [link] = await db.select().from(earlierCrossings).where(eq(earlierCrossings.incidentId, incidentId));
      if (!link) return null;
      const [search] = link.searchId ? await db.select().from(searches).where(eq(searches.id, link.searchId)) : [];
      return { ...link, search: search ?? null };
    },

    /** The searches of one vehicle (tractor or trailer registration, punctuation-insensitive), oldest first. */
    searchesOfVehicle: (registration: string, period: { from?: string | undefined; to?: string | undefined }, page: { limit: number; offset: number }) =>
      searchesOfKeys(db, [registrationKey(registration)].filter(Boolean), period, page),

    /**
     * "Failures" (seed 003 recommendation 2a): searches confirmed as the earlier crossing of an inland
     * detection, searched on UK days from `from` to `to`, each with the detection it is linked to;
     * and their counts by port, lane, method used, detecting method and selection.
     */
    async failures(from: string, to: string) {
      const range = sql`(s.searched_at at time zone 'Europe/London')::date between ${from}::date and ${to}::date`;
      const base = sql`earlier_crossings ec join searches s on s.id = ec.search_id join incidents i on i.id = ec.incident_id where ec.outcome = 'confirmed' and ${range}`;
      const [list, byPort, byLane, byMethod, byDetectingMethod, bySelection] = await Promise.all([
        db.execute(sql`select s.id as "searchId", s.searched_at as "searchedAt", s.port_code as "port", s.lane, s.methods, s.detecting_method as "detectingMethod", s.selection_reason as "selectionReason", s.result,
          s.tractor_registration as "tractorRegistration", s.trailer_registration as "trailerRegistration", ec.incident_id as "incidentId", i.incident_date as "detectionDate", i.data->>'location' as "detectionPlace", ec.decided_by_name as "confirmedBy"
          from ${base} order by s.searched_at, s.id`),
        db.execute(sql`select s.port_code as key, count(*)::int as n from ${base} group by 1 order by 2 desc, 1`),
        db.execute(sql`select s.lane as key, count(*)::int as n from ${base} group by 1 order by 2 desc, 1 nulls last`),
        db.execute(sql`select m as key, count(*)::int as n from earlier_crossings ec join searches s on s.id = ec.search_id cross join unnest(s.methods) m where ec.outcome = 'confirmed' and ${range} group by 1 order by 2 desc, 1`),
        db.execute(sql`select s.detecting_method as key, count(*)::int as n from ${base} group by 1 order by 2 desc, 1 nulls last`),
        db.execute(sql`select s.selection_reason as key, count(*)::int as n from ${base} group by 1 order by 2 desc, 1`),
      ]);
      const counts = (r: unknown): FailureCounts[] => rowsOf<{ key: string | null; n: number }>(r).map((x) => ({ key: x.key, failures: Number(x.n) }));
      const failures = rowsOf<Record<string, unknown>>(list).map((f) => ({ ...f, searchedAt: new Date(f.searchedAt as string) }));
      return {
        from,
        to,
        failures,
        total: failures.length,
        byPort: counts(byPort),
        byLane: counts(byLane),
        byMethod: counts(byMethod),
        byDetectingMethod: counts(byDetectingMethod),
        bySelection: counts(bySelection),
      };
    },
  };
}

export type DetectionService = ReturnType<typeof detectionService>;
