import { sql } from 'drizzle-orm';
import type { Db } from '../../../platform/database/client.js';
import { rowsOf } from '../../../platform/database/client.js';
import { addDays } from '../../../domain/clock/calendar-date.js';
import { APPEAL_OUTCOMES, OBJECTION_OUTCOMES, RETURN_CATEGORIES, WRITE_OFF_REASONS } from '../../../domain/liability/actions.js';
import { stageLabel } from '../../../domain/liability/stages.js';
import { cases } from '../schema.js';
import { CASE_STAGE_ORDER } from '../case-file.js';
import { AGE_BANDS, AGE_BASIS, filterQuery, NOT_YET_IMPOSED, type AgeBandId } from './queue-filters.js';
import { ageBandSql, deadlineCondition, openCase } from './queries.js';
import { CASE_EVENT } from '../../../domain/case/events.js';
import type { ClockSql } from './clock-sql.js';
import { formatDate } from '../../../platform/http/dates.js';

/** A number on the dashboard and the queue that lists exactly the cases it counts. */
export interface LinkedCount {
  n: number;
  href: string;
}

export interface WorkInProgress {
  basis: string;
  bands: { id: AgeBandId; label: string; total: LinkedCount }[];
  stages: { stage: string; label: string; total: LinkedCount; byBand: Record<AgeBandId, LinkedCount> }[];
  total: LinkedCount;
}

const OPEN_QUEUE = '/work/cases';

/**
 * Work in progress by stage and age band, in one aggregate. Rows come from the GROUP BY itself
 * (not from a list of known stages), so the stage rows always add up to the total.
 */
export async function workInProgress(db: Db, today: string): Promise<WorkInProgress> {
  const band = ageBandSql(today);
  // Grouped outside a subquery: the CASE carries parameters, and PostgreSQL would not match it twice.
  const result = await db.execute(sql`
    select stage, band, count(*)::int as n
    from (select ${cases.stage} as stage, ${band} as band from ${cases} where ${openCase()}) as open_cases
    group by stage, band`);
  const counts = rowsOf<{ stage: string; band: AgeBandId; n: number }>(result);
  const order = (stage: string) => {
    const index = CASE_STAGE_ORDER.indexOf(stage as never);
    return index < 0 ? CASE_STAGE_ORDER.length : index;
  };
  const stageIds = [...new Set(counts.map((row) => row.stage))].sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  const link = (filters: { stage?: string; age?: AgeBandId }, n: number): LinkedCount => ({ n, href: `${OPEN_QUEUE}${filterQuery(filters as never)}` });
  const stages = stageIds.map((stage) => {
    const byBand = Object.fromEntries(
      AGE_BANDS.map((b) => [b.id, link({ stage, age: b.id }, counts.filter((row) => row.stage === stage && row.band === b.id).reduce((sum, row) => sum + Number(row.n), 0))]),
    ) as Record<AgeBandId, LinkedCount>;
    return { stage, label: stageLabel(stage), total: link({ stage }, counts.filter((row) => row.stage === stage).reduce((sum, row) => sum + Number(row.n), 0)), byBand };
  });
  const bands = AGE_BANDS.map((b) => ({ id: b.id, label: b.label, total: link({ age: b.id }, counts.filter((row) => row.band === b.id).reduce((sum, row) => sum + Number(row.n), 0)) }));
  return { basis: AGE_BASIS, bands, stages, total: link({}, counts.reduce((sum, row) => sum + Number(row.n), 0)) };
}

/**
 * Cases not imposed whose last day to impose is within one and two weeks, or has passed; the same
 * for day 151 (cases still waiting to send an initial notice) and for objections waiting for a
 * decision. Each number links to the deadline queue that lists exactly those cases.
 */
export async function approachingDeadlines(db: Db, today: string, clock: ClockSql) {
  const windows = ['one-week', 'two-weeks', 'overdue', 'notice-one-week', 'notice-two-weeks', 'notice-missed', 'objection-one-week', 'objection-two-weeks', 'objection-missed'] as const;
  // One pass over the open cases, each window's count with the same condition as its queue.
  const [row] = await db
    .select(Object.fromEntries(windows.map((within) => [within, sql<number>`count(*) filter (where ${deadlineCondition(within, today, clock)})`])))
    .from(cases)
    .where(openCase());
  const windowCount = (within: (typeof windows)[number]): LinkedCount => ({ n: Number(row?.[within] ?? 0), href: `/work/deadline?within=${within}` });
  const [oneWeek, twoWeeks, passed, noticeOneWeek, noticeTwoWeeks, noticeMissed, objectionOneWeek, objectionTwoWeeks, objectionMissed] = windows.map(windowCount) as [
    LinkedCount, LinkedCount, LinkedCount, LinkedCount, LinkedCount, LinkedCount, LinkedCount, LinkedCount, LinkedCount,
  ];
  return {
    oneWeek,
    twoWeeks,
    passed,
    notice: { oneWeek: noticeOneWeek, twoWeeks: noticeTwoWeeks, missed: noticeMissed },
    objection: { oneWeek: objectionOneWeek, twoWeeks: objectionTwoWeeks, missed: objectionMissed },
    until: addDays(today, 14),
  };
}

export interface MissedCase {
  reference: string;
  offence: string;
  stage: string;
  stageLabel: string;
  lastDayToImpose: string | null;
  reason: string;
}

/**
 * Cases that missed a statutory deadline: not imposed and the last day to impose has passed; a
 * responsible person still without the initial notice after day 151 (the response window can no
 * longer close in time); or written off (or proposed for write-off) because the deadline was missed.
 * The reason is the write-off proposal's, when there is one.
 */
export async function missedDeadlines(db: Db, today: string, page: number, clock: ClockSql, pageSize = 25) {
  const notImposed = sql.join(NOT_YET_IMPOSED.map((stage) => sql`${stage}`), sql`, `);
  const lastDayToSend = clock.lastDayToSendInitialNotice(sql`c.last_day_to_impose`, sql`c.incident_date`);
  const noticeUnsent = clock.noticeUnsent(sql`c.stage`);
  const where = sql`(
      (c.stage in (${notImposed}) and c.last_day_to_impose < ${today})
      or (c.last_day_to_impose is not null and ${lastDayToSend} < ${today}::date and ${noticeUnsent})
      or (c.stage in ('write-off-proposed', 'written-off') and exists (
        select 1 from events e where e.stream_id = 'case-' || c.id::text and e.type in (${CASE_EVENT.WriteOffProposed}, ${CASE_EVENT.WriteOffApproved}) and e.payload->>'reason' = 'deadline-missed'))
    )`;
  const [totalResult, pageResult] = await Promise.all([
    db.execute(sql`select count(*)::int as n from cases c where ${where}`),
    db.execute(sql`
      select c.reference, c.offence, c.stage, c.last_day_to_impose as "lastDayToImpose",
             (case when ${noticeUnsent} then ${lastDayToSend} end)::text as "noticeMissedOn",
             w.payload->>'reason' as reason, w.payload->>'explanation' as explanation
      from cases c
      left join lateral (
        select e.payload from events e
        where e.stream_id = 'case-' || c.id::text and e.type = ${CASE_EVENT.WriteOffProposed}
        order by e.version desc limit 1
      ) w on true
      where ${where}
      order by c.last_day_to_impose desc nulls last, c.reference
      limit ${pageSize} offset ${(page - 1) * pageSize}`),
  ]);
  const total = Number(rowsOf<{ n: number }>(totalResult)[0]?.n ?? 0);
  const rows = rowsOf<{ reference: string; offence: string; stage: string; lastDayToImpose: string | null; noticeMissedOn: string | null; reason: string | null; explanation: string | null }>(pageResult);
  const missed: MissedCase[] = rows.map((row) => ({
    reference: row.reference,
    offence: row.offence,
    stage: row.stage,
    stageLabel: stageLabel(row.stage),
    lastDayToImpose: row.lastDayToImpose ? String(row.lastDayToImpose).slice(0, 10) : null,
    reason: row.reason
      ? `${(WRITE_OFF_REASONS as Record<string, string>)[row.reason] ?? row.reason}${row.explanation ? `: ${row.explanation}` : ''}`
      : row.noticeMissedOn && row.noticeMissedOn < today
        ? `Initial notice not sent by day 151 (${formatDate(row.noticeMissedOn)}): propose write-off`
        : `Not imposed: ${stageLabel(row.stage).toLowerCase()}`,
  }));
  return { rows: missed, total, page, pages: Math.max(1, Math.ceil(total / pageSize)) };
}

/** The periods the outcome counts can cover, by when the event was recorded. */
export const PERIODS = {
  all: { label: 'All time', days: null },
  '28': { label: 'Last 28 days', days: 28 },
  '90': { label: 'Last 90 days', days: 90 },
  '365': { label: 'Last 12 months', days: 365 },
} as const;
export type Period = keyof typeof PERIODS;

/**
 * Assurance, objection and appeal outcomes, counted from the case events themselves (the audit
 * trail), not from a table someone keeps.
 */
export async function outcomes(db: Db, now: Date, period: Period) {
  const days = PERIODS[period].days;
  const since = days === null ? sql`true` : sql`occurred_at >= ${new Date(now.getTime() - days * 86_400_000).toISOString()}::timestamptz`;
  const types = [CASE_EVENT.RecommendationApproved, CASE_EVENT.RecommendationReturned, CASE_EVENT.ObjectionReceived, CASE_EVENT.ObjectionDetermined, CASE_EVENT.AppealLodged, CASE_EVENT.AppealDecided];
  const [byType, byCategory, byOutcome] = await Promise.all([
    db.execute(sql`select type, count(*)::int as n from events where stream_type = 'case' and type in (${sql.join(types.map((t) => sql`${t}`), sql`, `)}) and ${since} group by type`),
    db.execute(sql`
      select category, count(*)::int as n
      from events, jsonb_array_elements_text(case when jsonb_typeof(payload->'categories') = 'array' then payload->'categories' else '[]'::jsonb end) as category
      where stream_type = 'case' and type = ${CASE_EVENT.RecommendationReturned} and ${since}
      group by category`),
    db.execute(sql`
      select type, coalesce(payload->>'outcome', 'not recorded') as outcome, count(*)::int as n
      from events where stream_type = 'case' and type in (${CASE_EVENT.ObjectionDetermined}, ${CASE_EVENT.AppealDecided}) and ${since}
      group by type, outcome`),
  ]);
  const typeCount = new Map(rowsOf<{ type: string; n: number }>(byType).map((row) => [row.type, Number(row.n)]));
  const categories = new Map(rowsOf<{ category: string; n: number }>(byCategory).map((row) => [row.category, Number(row.n)]));
  const outcomeRows = rowsOf<{ type: string; outcome: string; n: number }>(byOutcome);
  const outcomeList = (type: string, known: Record<string, string>) => {
    const found = new Map(outcomeRows.filter((row) => row.type === type).map((row) => [row.outcome, Number(row.n)]));
    return [...new Set([...Object.keys(known), ...found.keys()])].map((outcome) => ({ outcome, label: known[outcome] ?? outcome, n: found.get(outcome) ?? 0 }));
  };
  const approved = typeCount.get(CASE_EVENT.RecommendationApproved) ?? 0;
  const returned = typeCount.get(CASE_EVENT.RecommendationReturned) ?? 0;
  return {
    assurance: {
      approved,
      returned,
      decisions: approved + returned,
      returnRate: approved + returned ? Math.round((returned / (approved + returned)) * 100) : null,
      categories: [...new Set([...Object.keys(RETURN_CATEGORIES), ...categories.keys()])].map((category) => ({
        category,
        label: (RETURN_CATEGORIES as Record<string, string>)[category] ?? category,
        n: categories.get(category) ?? 0,
      })),
    },
    objections: { received: typeCount.get(CASE_EVENT.ObjectionReceived) ?? 0, determined: typeCount.get(CASE_EVENT.ObjectionDetermined) ?? 0, outcomes: outcomeList(CASE_EVENT.ObjectionDetermined, OBJECTION_OUTCOMES) },
    appeals: { lodged: typeCount.get(CASE_EVENT.AppealLodged) ?? 0, decided: typeCount.get(CASE_EVENT.AppealDecided) ?? 0, outcomes: outcomeList(CASE_EVENT.AppealDecided, APPEAL_OUTCOMES) },
  };
}
