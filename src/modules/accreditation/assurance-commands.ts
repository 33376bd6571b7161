import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { CommandDefinition } from '../../platform/events/command.js';
import type { Db } from '../../platform/database/client.js';
import { decideRecordCheckReminder, decideRecordMemberCheck, type CheckReminderInput, type MemberCheckState } from '../../domain/accreditation/assurance.js';
import { DEFAULT_RECHECK_EVERY_MONTHS, DEFAULT_RECHECK_REMINDER_DAYS } from '../../domain/policy/policy-parameters.js';
import type { Actor } from '../../platform/events/event-store.js';
import { policyInForce } from '../../domain/policy/policy-in-force.js';
import { isCalendarDate } from '../../domain/clock/calendar-date.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { policyService } from '../policy/service.js';
import { CASEWORKERS } from '../identity/roles.js';
import { assuranceProjector, checkRemindersProjector } from './projector.js';
import { accreditationCheckReminders, accreditationMemberChecks } from './assurance-schema.js';

/** Who records checks of members: the penalty team's caseworkers, assurers and managers. */
export const ASSURANCE_OFFICERS = CASEWORKERS;

/** The re-check interval of the policy in force on a day (`accreditation.recheckEveryMonths`). */
export async function recheckEveryMonths(db: Db, day: string): Promise<number> {
  const chosen = policyInForce(await policyService(db).versions(), day);
  return chosen.ok ? (chosen.policyVersion.parameters.accreditation.recheckEveryMonths ?? DEFAULT_RECHECK_EVERY_MONTHS) : DEFAULT_RECHECK_EVERY_MONTHS;
}

/** The days before a check is due that the assurance team is reminded (`accreditation.recheckReminderDays` in force on a day). */
export async function recheckReminderDays(db: Db, day: string): Promise<number> {
  const chosen = policyInForce(await policyService(db).versions(), day);
  return chosen.ok ? (chosen.policyVersion.parameters.accreditation.recheckReminderDays ?? DEFAULT_RECHECK_REMINDER_DAYS) : DEFAULT_RECHECK_REMINDER_DAYS;
}

export const recordMemberCheckInput = z.object({
  checkId: z.uuid(),
  partyId: z.string().min(1).max(100),
  kind: z.string().max(40),
  date: z.string().max(10),
  findings: z.array(z.object({ area: z.string().max(40), result: z.string().max(10), notes: z.string().max(10000).optional() })).max(10),
  outcome: z.string().max(40),
  notes: z.string().max(10000).optional(),
  /** What the membership service said of the party on the day of the check (read by the service before the command). */
  membership: z.object({ memberOnDate: z.boolean(), memberFrom: z.string().nullable() }),
});
export type RecordMemberCheckInput = z.infer<typeof recordMemberCheckInput>;

export const assuranceStreamId = (partyId: string) => `accreditation-assurance-${partyId}`;

/** A check of a member, on the member's assurance stream. */
export const recordMemberCheck: CommandDefinition<RecordMemberCheckInput, MemberCheckState, { checkId: string; nextCheckDue: string }> = {
  name: 'recordMemberCheck',
  input: recordMemberCheckInput,
  roles: ASSURANCE_OFFICERS,
  streamType: 'accreditation-assurance',
  optimistic: true,
  async load(tx, input, context) {
    const [last] = await tx.select({ version: accreditationMemberChecks.version }).from(accreditationMemberChecks).where(eq(accreditationMemberChecks.partyId, input.partyId)).orderBy(desc(accreditationMemberChecks.version)).limit(1);
    const day = isCalendarDate(input.date) ? input.date : ukDate(context.now);
    return {
      streamId: assuranceStreamId(input.partyId),
      version: last?.version ?? 0,
      state: { memberOnDate: input.membership.memberOnDate, memberFrom: input.membership.memberFrom, recheckEveryMonths: await recheckEveryMonths(tx, day) },
    };
  },
  decide: decideRecordMemberCheck,
  projectors: [assuranceProjector],
  project: async (_tx, { input, events }) => {
    const recorded = events[0]?.payload as { nextCheckDue?: string } | undefined;
    return { checkId: input.checkId, nextCheckDue: recorded?.nextCheckDue ?? '' };
  },
};

/** Who sends the reminders: Cordon itself, by the daily `accreditation-check-reminders` job. */
export const CHECK_REMINDER_SENDER: Actor = { id: 'system', name: 'Cordon (reminders of members’ checks)', roles: ['administrator'] };

export const recordCheckReminderSentInput = z.object({
  partyId: z.string().min(1).max(100),
  memberName: z.string().min(1).max(300),
  reference: z.string().min(1).max(40),
  dueOn: z.string().max(10),
  to: z.string().min(3).max(320),
});

export const checkReminderStreamId = (partyId: string, dueOn: string) => `accreditation-check-reminder-${partyId}-${dueOn}`;

/** Records that the assurance team was reminded of a member's check (after the email went): once per due check, on its own stream. */
export const recordCheckReminderSent: CommandDefinition<CheckReminderInput, { sent: boolean; reminderDays: number }, { partyId: string; dueOn: string }> = {
  name: 'recordCheckReminderSent',
  input: recordCheckReminderSentInput,
  roles: ['administrator'],
  streamType: 'accreditation-check-reminder',
  optimistic: true,
  async load(tx, input, context) {
    const [sent] = await tx.select({ partyId: accreditationCheckReminders.partyId }).from(accreditationCheckReminders).where(and(eq(accreditationCheckReminders.partyId, input.partyId), eq(accreditationCheckReminders.dueOn, input.dueOn)));
    return { streamId: checkReminderStreamId(input.partyId, input.dueOn), version: sent ? 1 : 0, state: { sent: Boolean(sent), reminderDays: await recheckReminderDays(tx, ukDate(context.now)) } };
  },
  decide: decideRecordCheckReminder,
  projectors: [checkRemindersProjector],
  project: async (_tx, { input }) => ({ partyId: input.partyId, dueOn: input.dueOn }),
};
