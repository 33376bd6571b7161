import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../../platform/database/client.js';
import { executeCommand } from '../../../platform/events/command.js';
import type { Actor } from '../../../platform/events/event-store.js';
import { ukDate } from '../../../domain/reference/uk-date.js';
import type { CasesService } from '../service.js';
import type { IdentityService } from '../../identity/service.js';
import { ROLES, type Role } from '../../identity/roles.js';
import { cases, officerNotifications } from '../schema.js';
import { assignmentCommands, CASE_OFFICERS, type Officers } from './assignment.js';
import { markNotificationReadCommand } from './notifications.js';
import { casesProjector } from '../projector.js';
import { countByStage, lastDayToSendInitialNoticeOf, listQueue, objectionDeterminationDueOf, openCase, type Viewer } from './queries.js';
import { myDeadlineEntries } from './my-deadlines.js';
import { sql } from 'drizzle-orm';
import type { QueueFilters, QueueName } from './queue-filters.js';
import { approachingDeadlines, missedDeadlines, outcomes, workInProgress, type Period } from './dashboard.js';
import { clockSql } from './clock-sql.js';
import { policyVersionsIn } from '../case-clock.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface BulkAssignResult {
  reference: string;
  ok: boolean;
  message: string;
}

/** Work queues, assignment and the manager's dashboard, over the cases module's read tables and events. */
export function workService(db: Db, deps: { cases: CasesService; identity: IdentityService }) {
  const today = () => ukDate(deps.cases.now());
  /** The statutory clock's dates as SQL, by the published policy versions (read each time: a new version applies at once). */
  const clock = async () => clockSql(await policyVersionsIn(db));

  async function officers(): Promise<Officers & { choices: { id: string; name: string }[] }> {
    const users = await deps.identity.listUsers();
    const choices = users
      .filter((user) => !user.disabled && user.roles.some((role) => (CASE_OFFICERS as readonly string[]).includes(role)))
      // Two officers may share a name: the role tells them apart in a list.
      .map((user) => ({ id: user.id, name: `${user.displayName} (${user.roles.filter((role) => (CASE_OFFICERS as readonly string[]).includes(role)).map((role) => ROLES[role as Role]).join(', ')})` }))
      .sort((a, b) => a.name.localeCompare(b.name));
    return { names: new Map(users.map((user) => [user.id, user.displayName])), assignable: new Set(choices.map((c) => c.id)), choices };
  }

  return {
    today,
    officers,

    queue: async (queue: QueueName, filters: QueueFilters, viewer: Viewer, page = 1, pageSize?: number) =>
      listQueue(db, { queue, filters, viewer, today: today(), clock: await clock(), page, ...(pageSize ? { pageSize } : {}) }),
    stageCounts: async (queue: QueueName, filters: QueueFilters, viewer: Viewer) => countByStage(db, { queue, filters, viewer, today: today(), clock: await clock() }),

    /** The case row's assignment facts (for the assign page). */
    async caseSummary(reference: string) {
      const [row] = await db
        .select({ reference: cases.reference, stage: cases.stage, version: cases.version, assignedTo: cases.assignedTo, offence: cases.offence })
        .from(cases)
        .where(eq(cases.reference, reference.trim().toUpperCase()));
      return row ?? null;
    },

    async claim(reference: string, actor: Actor) {
      const commands = assignmentCommands(await officers());
      return await executeCommand(db, commands.claim, { reference }, { actor, now: deps.cases.now() });
    },

    async assign(reference: string, officerId: string, actor: Actor, expectedVersion?: number) {
      const commands = assignmentCommands(await officers());
      return await executeCommand(db, commands.assign, { reference, officerId }, { actor, now: deps.cases.now(), expectedVersion });
    },

    async unassign(reference: string, actor: Actor, expectedVersion?: number) {
      const commands = assignmentCommands(await officers());
      return await executeCommand(db, commands.unassign, { reference }, { actor, now: deps.cases.now(), expectedVersion });
    },

    /** One command per case, one after another: each succeeds or is refused on its own. */
    async bulkAssign(references: readonly string[], officerId: string, actor: Actor): Promise<BulkAssignResult[]> {
      const commands = assignmentCommands(await officers());
      const results: BulkAssignResult[] = [];
      for (const reference of [...new Set(references)]) {
        const outcome = await executeCommand(db, commands.assign, { reference, officerId }, { actor, now: deps.cases.now() });
        results.push(
          outcome.ok
            ? { reference, ok: true, message: 'Assigned' }
            : { reference, ok: false, message: outcome.kind === 'not-found' ? 'No case has this reference' : outcome.message },
        );
      }
      return results;
    },

    /**
     * The deadlines of the cases assigned to this officer that fall within the next 14 days or have
     * been missed: day 151 while an initial notice is still to go, the last day to impose before
     * imposition, and objection decisions; the soonest first.
     */
    async myDeadlines(viewer: Viewer) {
      if (!UUID.test(viewer.id)) return [];
      const sqlClock = await clock();
      const rows = await db
        .select({
          reference: cases.reference,
          companyName: cases.companyName,
          stage: cases.stage,
          lastDayToImpose: cases.lastDayToImpose,
          lastDayToSendInitialNotice: sql<string | null>`(case when ${sqlClock.noticeUnsent(sql`${cases.stage}`)} then ${lastDayToSendInitialNoticeOf(sqlClock)} end)::text`,
          objectionDeterminationDue: sql<string | null>`(${objectionDeterminationDueOf(sqlClock)})::text`,
        })
        .from(cases)
        .where(and(openCase(), eq(cases.assignedTo, viewer.id)));
      return myDeadlineEntries(rows, today());
    },

    /** Unread messages for one officer, newest first, with the case each is about. */
    async unreadNotifications(userId: string) {
      if (!UUID.test(userId)) return [];
      return db
        .select({ id: officerNotifications.id, message: officerNotifications.message, createdAt: officerNotifications.createdAt, reference: cases.reference })
        .from(officerNotifications)
        .leftJoin(cases, eq(cases.id, officerNotifications.caseId))
        .where(and(eq(officerNotifications.userId, userId), isNull(officerNotifications.readAt)))
        .orderBy(desc(officerNotifications.createdAt), desc(officerNotifications.id))
        .limit(50);
    },

    /** Marks one of the officer's own messages read (`NotificationRead` on their stream); false when there is no such unread message. */
    async markNotificationRead(id: string, actor: Actor): Promise<boolean> {
      if (!UUID.test(id) || !UUID.test(actor.id)) return false;
      const outcome = await executeCommand(db, markNotificationReadCommand(casesProjector), { notificationId: id }, { actor, now: deps.cases.now() });
      return outcome.ok;
    },

    async dashboard(args: { missedPage: number; period: Period }) {
      const day = today();
      const sqlClock = await clock();
      const [wip, approaching, missed, counted] = await Promise.all([
        workInProgress(db, day),
        approachingDeadlines(db, day, sqlClock),
        missedDeadlines(db, day, args.missedPage, sqlClock),
        outcomes(db, deps.cases.now(), args.period),
      ]);
      return { today: day, wip, approaching, missed, outcomes: counted };
    },
  };
}

export type WorkService = ReturnType<typeof workService>;
