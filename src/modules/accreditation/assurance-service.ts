import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import { executeCommand, type CommandContext, type CommandOutcome } from '../../platform/events/command.js';
import { isCalendarDate, type CalendarDate } from '../../domain/clock/calendar-date.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { checkReminderDue, checkStanding, nextCheckDue, orderByDue } from '../../domain/accreditation/assurance.js';
import { DEFAULT_RECHECK_REMINDER_DAYS } from '../../domain/policy/policy-parameters.js';
import { recheckEveryMonths, recheckReminderDays, recordMemberCheck, type RecordMemberCheckInput } from './assurance-commands.js';
import { accreditationCheckReminders, accreditationMemberChecks } from './assurance-schema.js';
import type { MembersOn, RegisterMember } from './register.js';

/** What assurance needs of others, handed in by src/app.ts. */
export interface AssuranceDependencies {
  /** The members on a day (the membership service's `membersOn`: never suspended or removed). */
  membersOn: MembersOn;
  clock: { now(): Date };
}

export type MemberCheckRow = typeof accreditationMemberChecks.$inferSelect;

/**
 * A member on the assurance list: the last check, the next one due and where it stands today;
 * `dueSoon` when it is due within the policy's reminder days (the assurance team is reminded then).
 */
export function assuranceEntry(member: RegisterMember, lastCheck: Pick<MemberCheckRow, 'date' | 'kind' | 'outcome' | 'version'> | null, months: number, today: CalendarDate, reminderDays = DEFAULT_RECHECK_REMINDER_DAYS) {
  const due = nextCheckDue({ memberFrom: member.memberFrom, lastCheckOn: lastCheck?.date ?? null }, months);
  const standing = checkStanding(due, today);
  return { ...member, lastCheck, nextCheckDue: due, standing, overdue: standing.kind === 'overdue', due: standing.kind !== 'notYetDue', dueSoon: standing.kind === 'notYetDue' && checkReminderDue(due, today, reminderDays) };
}
export type AssuranceEntry = ReturnType<typeof assuranceEntry>;

export function assuranceService(db: Db, deps: AssuranceDependencies) {
  const today = () => ukDate(deps.clock.now());

  async function lastChecks(partyIds: readonly string[]) {
    if (!partyIds.length) return new Map<string, MemberCheckRow>();
    const rows = await db
      .selectDistinctOn([accreditationMemberChecks.partyId])
      .from(accreditationMemberChecks)
      .where(inArray(accreditationMemberChecks.partyId, [...partyIds]))
      .orderBy(accreditationMemberChecks.partyId, desc(accreditationMemberChecks.date), desc(accreditationMemberChecks.version));
    return new Map(rows.map((row) => [row.partyId, row]));
  }

  const service = {
    today,
    /** Today's members with their next check due, overdue first (the interval of the policy in force today). */
    async list(): Promise<AssuranceEntry[]> {
      const day = today();
      const members = await deps.membersOn(day);
      const [last, months, reminderDays] = await Promise.all([lastChecks(members.map((m) => m.partyId)), recheckEveryMonths(db, day), recheckReminderDays(db, day)]);
      return orderByDue(members.map((m) => assuranceEntry(m, last.get(m.partyId) ?? null, months, day, reminderDays)));
    },

    /** The days before a check is due that the assurance team is reminded of it (the policy in force today). */
    reminderDays: () => recheckReminderDays(db, today()),

    /** The reminder: members whose check is due today or overdue (for the dashboard). */
    async dueNow() {
      const due = (await service.list()).filter((entry) => entry.due);
      return { count: due.length, overdue: due.filter((entry) => entry.overdue).length, entries: due.slice(0, 10) };
    },

    /** One member today, with their checks (newest first), or null when not a member today. */
    async member(partyId: string) {
      const day = today();
      const member = (await deps.membersOn(day)).find((m) => m.partyId === partyId);
      if (!member) return null;
      const checks = await db.select().from(accreditationMemberChecks).where(eq(accreditationMemberChecks.partyId, partyId)).orderBy(desc(accreditationMemberChecks.date), desc(accreditationMemberChecks.version));
      const [version] = await db.select({ version: sql<number>`coalesce(max(${accreditationMemberChecks.version}), 0)` }).from(accreditationMemberChecks).where(and(eq(accreditationMemberChecks.partyId, partyId)));
      const entry = assuranceEntry(member, checks[0] ?? null, await recheckEveryMonths(db, day), day, await recheckReminderDays(db, day));
      // The reminder sent of the check now due, if one was.
      const [reminder] = await db.select().from(accreditationCheckReminders).where(and(eq(accreditationCheckReminders.partyId, partyId), eq(accreditationCheckReminders.dueOn, entry.nextCheckDue)));
      return { entry, checks, version: Number(version?.version ?? 0), reminder: reminder ?? null };
    },

    /** Records a check: whether the party was a member on its day is the membership service's answer. */
    async record(input: Omit<RecordMemberCheckInput, 'membership' | 'checkId'> & { checkId?: string }, context: CommandContext): Promise<CommandOutcome<{ checkId: string; nextCheckDue: string }>> {
      const onDay = isCalendarDate(input.date) && input.date <= today() ? (await deps.membersOn(input.date)).find((m) => m.partyId === input.partyId) : undefined;
      const membership = { memberOnDate: Boolean(onDay), memberFrom: onDay?.memberFrom ?? null };
      return executeCommand(db, recordMemberCheck, { ...input, checkId: input.checkId ?? randomUUID(), membership }, { ...context, now: context.now ?? deps.clock.now() });
    },
  };
  return service;
}

export type AssuranceService = ReturnType<typeof assuranceService>;
