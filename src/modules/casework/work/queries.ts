import { and, asc, count, eq, gte, ilike, inArray, isNotNull, isNull, lt, lte, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { legacyCaseReference } from '../../../domain/liability/case-reference.js';
import type { Db } from '../../../platform/database/client.js';
import { addDays } from '../../../domain/clock/calendar-date.js';
import { registrationKey } from '../../../domain/incident/registration.js';
import { cases } from '../schema.js';
import {
  AGE_BANDS,
  ageBandDates,
  DEADLINE_WINDOWS,
  FINISHED_STAGES,
  NOT_YET_IMPOSED,
  type AgeBandId,
  type QueueFilters,
  type QueueName,
} from './queue-filters.js';
import type { ClockSql } from './clock-sql.js';

/** Who is looking at a queue: "my work" and the four-eyes rule of the assurance queue depend on it. */
export interface Viewer {
  id: string;
  roles: readonly string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Work in progress: every case not at a finished stage. */
export function openCase(): SQL {
  return notInArray(cases.stage, [...FINISHED_STAGES]);
}

/** The age band of each case as SQL, from the same boundaries as the queue's age filter. */
export function ageBandSql(today: string): SQL<AgeBandId> {
  const whens = AGE_BANDS.slice(0, -1).map((band) => sql`when ${cases.incidentDate} >= ${ageBandDates(band.id, today).onOrAfter} then ${band.id}`);
  return sql<AgeBandId>`(case ${sql.join(whens, sql` `)} else ${AGE_BANDS.at(-1)!.id} end)`;
}

export function ageBandCondition(band: AgeBandId, today: string): SQL {
  const { onOrAfter, before } = ageBandDates(band, today);
  const parts: SQL[] = [];
  if (onOrAfter) parts.push(gte(cases.incidentDate, onOrAfter));
  if (before) parts.push(lt(cases.incidentDate, before));
  return and(...parts)!;
}

/** Day 151 of each case, as SQL (by the policy of its incident date). */
export function lastDayToSendInitialNoticeOf(clock: ClockSql): SQL {
  return clock.lastDayToSendInitialNotice(sql`${cases.lastDayToImpose}`, sql`${cases.incidentDate}`);
}

/** When the objection waiting on each case must be decided, as SQL; null when none waits. */
export function objectionDeterminationDueOf(clock: ClockSql): SQL {
  return clock.objectionDeterminationDue(sql`${cases.id}`, sql`${cases.incidentDate}`);
}

function within(date: SQL, days: number | null, today: string): SQL {
  return days === null ? sql`${date} < ${today}::date` : sql`${date} between ${today}::date and ${addDays(today, days)}::date`;
}

/**
 * The window's deadline within its days (or already passed): the last day to impose for cases not
 * yet imposed; day 151 for cases with a person still waiting for the initial notice; the objection
 * decision for objections waiting for one.
 */
export function deadlineCondition(window: keyof typeof DEADLINE_WINDOWS, today: string, clock?: ClockSql): SQL {
  const { days, of } = DEADLINE_WINDOWS[window];
  if (of !== 'impose') {
    if (!clock) throw new Error(`The ${window} window needs the statutory clock's SQL (clockSql)`);
    return of === 'notice'
      ? and(clock.noticeUnsent(sql`${cases.stage}`), isNotNull(cases.lastDayToImpose), within(lastDayToSendInitialNoticeOf(clock), days, today))!
      : within(objectionDeterminationDueOf(clock), days, today);
  }
  return and(
    inArray(cases.stage, [...NOT_YET_IMPOSED]),
    isNotNull(cases.lastDayToImpose),
    days === null ? lt(cases.lastDayToImpose, today) : and(gte(cases.lastDayToImpose, today), lte(cases.lastDayToImpose, addDays(today, days))),
  )!;
}

/** Reference, registration, company or driver: the same search as the case list. */
export function searchCondition(q: string): SQL {
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  // A legacy CECPT Ref is found as typed in the old record too (CEC/2023/0000001).
  return or(eq(cases.reference, q.toUpperCase()), eq(cases.reference, legacyCaseReference(q)), eq(cases.vehicleRegistrationKey, registrationKey(q)), ilike(cases.companyName, like), ilike(cases.driverName, like))!;
}

/**
 * The cases a queue lists, as conditions on `cases`. Every count on the dashboard and every list
 * behind it is built here, so they cannot disagree.
 */
export function queueConditions(queue: QueueName, filters: QueueFilters, viewer: Viewer, today: string, clock?: ClockSql): SQL[] {
  const conditions: SQL[] = [openCase()];
  switch (queue) {
    case 'mine':
      // A machine client has no user id and so no work of its own.
      conditions.push(UUID.test(viewer.id) ? eq(cases.assignedTo, viewer.id) : sql`false`);
      break;
    case 'available':
      conditions.push(isNull(cases.assignedTo));
      break;
    case 'assurance':
      // Four eyes in the query itself: an assurer never sees a recommendation, or an objection determination, they drafted.
      conditions.push(
        sql`exists (select 1 from liabilities l where l.case_id = ${cases.id} and (l.stage = 'recommendation-drafted' or (l.stage = 'objection-received' and l.drafted_by is not null)) and l.drafted_by is distinct from ${viewer.id})`,
      );
      break;
    case 'deadline':
      conditions.push(deadlineCondition(filters.within ?? 'two-weeks', today, clock));
      break;
    case 'stage':
    case 'open':
      break;
  }
  if (filters.q) conditions.push(searchCondition(filters.q));
  if (filters.offence) conditions.push(eq(cases.offence, filters.offence));
  if (filters.port) conditions.push(eq(cases.portCode, filters.port));
  if (filters.stage) conditions.push(eq(cases.stage, filters.stage));
  if (filters.age) conditions.push(ageBandCondition(filters.age, today));
  if (filters.within && queue !== 'deadline') conditions.push(deadlineCondition(filters.within, today, clock));
  return conditions;
}

function orderFor(queue: QueueName, clock?: ClockSql): SQL[] {
  if (queue === 'assurance') return [sql`${cases.stageSince} asc nulls last`, asc(cases.reference)];
  // Most urgent first: cases not yet imposed by day 151 while a notice is still to go, else by their last day to impose; then the rest.
  const nextDay = clock
    ? sql`(case when ${clock.noticeUnsent(sql`${cases.stage}`)} then ${lastDayToSendInitialNoticeOf(clock)} else ${cases.lastDayToImpose} end)`
    : sql`${cases.lastDayToImpose}`;
  return [sql`case when ${inArray(cases.stage, [...NOT_YET_IMPOSED])} then 0 else 1 end`, sql`${nextDay} asc nulls last`, asc(cases.reference)];
}

export const QUEUE_PAGE_SIZE = 50;

export interface QueueRow {
  id: string;
  reference: string;
  offence: string;
  stage: string;
  portCode: string;
  incidentDate: string;
  companyName: string;
  vehicleRegistration: string;
  assignedTo: string | null;
  assignedAt: Date | null;
  lastDayToImpose: string | null;
  stageSince: Date | null;
  /** Day 151, while a responsible person still waits for the initial notice; null otherwise. */
  lastDayToSendInitialNotice: string | null;
  /** When the objection waiting for a decision must be decided; null when none waits. */
  objectionDeterminationDue: string | null;
}

/** One page of a queue and how many cases it holds in all. */
export async function listQueue(
  db: Db,
  args: { queue: QueueName; filters: QueueFilters; viewer: Viewer; today: string; clock: ClockSql; page?: number; pageSize?: number },
): Promise<{ rows: QueueRow[]; total: number; page: number; pageSize: number; pages: number }> {
  const pageSize = Math.min(Math.max(args.pageSize ?? QUEUE_PAGE_SIZE, 1), 500);
  const page = Math.max(args.page ?? 1, 1);
  const where = and(...queueConditions(args.queue, args.filters, args.viewer, args.today, args.clock));
  const [totalRow] = await db.select({ n: count() }).from(cases).where(where);
  const rows = await db
    .select({
      id: cases.id,
      reference: cases.reference,
      offence: cases.offence,
      stage: cases.stage,
      portCode: cases.portCode,
      incidentDate: cases.incidentDate,
      companyName: cases.companyName,
      vehicleRegistration: cases.vehicleRegistration,
      assignedTo: cases.assignedTo,
      assignedAt: cases.assignedAt,
      lastDayToImpose: cases.lastDayToImpose,
      stageSince: cases.stageSince,
      lastDayToSendInitialNotice: sql<string | null>`(case when ${args.clock.noticeUnsent(sql`${cases.stage}`)} then ${lastDayToSendInitialNoticeOf(args.clock)} end)::text`,
      objectionDeterminationDue: sql<string | null>`(${objectionDeterminationDueOf(args.clock)})::text`,
    })
    .from(cases)
    .where(where)
    .orderBy(...orderFor(args.queue, args.clock))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const total = Number(totalRow?.n ?? 0);
  return { rows, total, page, pageSize, pages: Math.max(1, Math.ceil(total / pageSize)) };
}

/** How many cases of a queue are at each stage (the "by stage" chooser). */
export async function countByStage(db: Db, args: { queue: QueueName; filters: QueueFilters; viewer: Viewer; today: string; clock: ClockSql }): Promise<Map<string, number>> {
  const rows = await db
    .select({ stage: cases.stage, n: count() })
    .from(cases)
    .where(and(...queueConditions(args.queue, args.filters, args.viewer, args.today, args.clock)))
    .groupBy(cases.stage);
  return new Map(rows.map((row) => [row.stage, Number(row.n)]));
}
