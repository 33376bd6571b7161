import { and, count, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../platform/database/client.js';
import type { Clock } from '../../platform/clock.js';
import { monotonicId } from '../../platform/ids.js';
import type { PersonalDataRead, PersonalDataReadLog } from '../../platform/http/personal-data-reads.js';
import { personalDataReads } from './schema.js';

export type PersonalDataReadRow = typeof personalDataReads.$inferSelect;

export interface ReadLogFilter {
  /** A user's id, or their name as logged (any case). */
  user?: string | undefined;
  /** A party's id, an incident's id or a case reference. */
  record?: string | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The log of reads of people's records: written by the routes that show them, read by administrators and the subject access export. */
export function personalDataReadLog(db: Db, clock: Clock) {
  const log = {
    /** One INSERT for everything the request showed. */
    async record(request: FastifyRequest, reads: readonly PersonalDataRead[]): Promise<void> {
      const actor = request.actor;
      if (!actor || reads.length === 0) return;
      const readAt = clock.now();
      const route = `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}`;
      const channel = request.authenticatedBy === 'token' ? 'api' : 'page';
      await db.insert(personalDataReads).values(
        reads.map((read) => ({
          id: monotonicId(readAt.getTime()),
          readAt,
          userId: actor.id,
          userName: actor.name,
          channel,
          route,
          recordKind: read.record,
          recordId: read.recordId,
          partyId: read.partyId ?? null,
          caseReference: read.caseReference ?? null,
        })),
      );
    },

    /** A page of the log, newest first, filtered by who read and by which record. */
    async list(filter: ReadLogFilter) {
      const pageSize = Math.min(Math.max(filter.pageSize ?? 50, 1), 200);
      const page = Math.max(Math.trunc(filter.page ?? 1) || 1, 1);
      const conditions: SQL[] = [];
      const user = filter.user?.trim();
      if (user) conditions.push(or(eq(personalDataReads.userId, user), eq(sqlLower(personalDataReads.userName), user.toLowerCase()))!);
      const record = filter.record?.trim();
      if (record) {
        conditions.push(
          or(
            eq(personalDataReads.recordId, UUID.test(record) ? record.toLowerCase() : record),
            eq(personalDataReads.caseReference, record.toUpperCase()),
            ...(UUID.test(record) ? [eq(personalDataReads.partyId, record.toLowerCase())] : []),
          )!,
        );
      }
      const where = conditions.length ? and(...conditions) : undefined;
      const [total] = await db.select({ n: count() }).from(personalDataReads).where(where);
      const rows = await db
        .select()
        .from(personalDataReads)
        .where(where)
        .orderBy(desc(personalDataReads.readAt), desc(personalDataReads.id))
        .limit(pageSize)
        .offset((page - 1) * pageSize);
      const n = Number(total?.n ?? 0);
      return { rows, total: n, page, pageSize, pages: Math.max(1, Math.ceil(n / pageSize)) };
    },

    /** Every read of these register entries, or of these cases, oldest first (for a subject access export). */
    async readsOf(partyIds: readonly string[], caseReferences: readonly string[] = []) {
      const conditions: SQL[] = [];
      if (partyIds.length) conditions.push(inArray(personalDataReads.partyId, [...partyIds]));
      if (caseReferences.length) conditions.push(inArray(personalDataReads.caseReference, [...caseReferences]));
      if (!conditions.length) return [];
      return db.select().from(personalDataReads).where(or(...conditions)).orderBy(personalDataReads.readAt, personalDataReads.id);
    },

    /** Reads made before this instant: how many, and the oldest (for the retention report). */
    async readsBefore(instant: Date, limit = 20) {
      const where = lt(personalDataReads.readAt, instant);
      const [total] = await db.select({ n: count() }).from(personalDataReads).where(where);
      const oldest = await db.select().from(personalDataReads).where(where).orderBy(personalDataReads.readAt, personalDataReads.id).limit(limit);
      return { count: Number(total?.n ?? 0), oldest };
    },
  };
  return log satisfies PersonalDataReadLog & Record<string, unknown>;
}

function sqlLower(column: typeof personalDataReads.userName): SQL<string> {
  return sql`lower(${column})`;
}

export type PersonalDataReadLogService = ReturnType<typeof personalDataReadLog>;
