import { and, eq } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import { executeCommand } from '../../platform/events/command.js';
import type { JobKind } from '../../platform/jobs/queue.js';
import type { Mailer } from '../../platform/notify/mailer.js';
import { formatDate } from '../../platform/i18n/format.js';
import { t } from '../../platform/i18n/messages.js';
import { checkReminderDue } from '../../domain/accreditation/assurance.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { CHECK_REMINDER_SENDER, recheckReminderDays, recordCheckReminderSent } from './assurance-commands.js';
import { accreditationCheckReminders } from './assurance-schema.js';
import type { AssuranceEntry, AssuranceService } from './assurance-service.js';
import { publicAddress } from './guidance.js';

/*
 * Reminders of members' checks (issue #16 item 6): once a day, each member whose next check is due
 * within the policy's `accreditation.recheckReminderDays` or overdue gets one email to the
 * assurance team's address — once per due check: a check already reminded of (recorded as
 * `MemberCheckReminderSent` on its own stream) is not sent again; a new check recorded moves the
 * next due date, and that check is reminded of in its turn. The email is sent, then recorded: a
 * process that dies in between sends it again on the next run (at least once, never lost).
 */

/** The job kind of the daily run: queued by every process, run by one (its key is the day). */
export const ACCREDITATION_CHECK_REMINDERS = 'accreditation-check-reminders';

export interface CheckRemindersDeps {
  assurance: Pick<AssuranceService, 'list'>;
  mailer: Mailer;
  /** The assurance team's address (CORDON_ACCREDITATION_ASSURANCE_EMAIL, else the penalty team's letters address). */
  to: string;
}

/** The reminder email (staff: English). */
export function checkReminderEmail(entry: Pick<AssuranceEntry, 'partyId' | 'name' | 'reference' | 'memberFrom' | 'nextCheckDue' | 'lastCheck'>, overdue: boolean, reminderDays: number) {
  const date = formatDate('en', entry.nextCheckDue);
  const words = { name: entry.name, reference: entry.reference, memberFrom: formatDate('en', entry.memberFrom), date };
  return {
    subject: t('en', overdue ? 'accreditation.assurance.reminder.subject.overdue' : 'accreditation.assurance.reminder.subject.dueSoon', { date, name: entry.name }),
    body: [
      t('en', overdue ? 'accreditation.assurance.reminder.overdue' : 'accreditation.assurance.reminder.dueSoon', words),
      entry.lastCheck ? t('en', 'accreditation.assurance.reminder.lastCheck', { date: formatDate('en', entry.lastCheck.date) }) : t('en', 'accreditation.assurance.reminder.noCheckYet'),
      '',
      t('en', 'accreditation.assurance.reminder.record', { link: `${publicAddress()}/accreditation/assurance/${entry.partyId}` }),
      '',
      t('en', 'accreditation.assurance.reminder.why', { days: reminderDays }),
    ].join('\n'),
  };
}

/** Sends today's reminders; the members reminded now (a rerun the same day, or the next, sends none of them again). */
export async function sendCheckReminders(db: Db, deps: CheckRemindersDeps, now: Date): Promise<{ due: number; sent: string[] }> {
  const today = ukDate(now);
  const days = await recheckReminderDays(db, today);
  const due = (await deps.assurance.list()).filter((entry) => checkReminderDue(entry.nextCheckDue, today, days));
  const sent: string[] = [];
  for (const entry of due) {
    const [already] = await db
      .select({ partyId: accreditationCheckReminders.partyId })
      .from(accreditationCheckReminders)
      .where(and(eq(accreditationCheckReminders.partyId, entry.partyId), eq(accreditationCheckReminders.dueOn, entry.nextCheckDue)));
    if (already) continue;
    const overdue = today > entry.nextCheckDue;
    const email = checkReminderEmail(entry, overdue, days);
    await deps.mailer.send({ to: deps.to, subject: email.subject, body: email.body, reference: entry.reference });
    const recorded = await executeCommand(
      db,
      recordCheckReminderSent,
      { partyId: entry.partyId, memberName: entry.name, reference: entry.reference, dueOn: entry.nextCheckDue, to: deps.to },
      { actor: CHECK_REMINDER_SENDER, now },
    );
    // Refused or a conflict: another run recorded it first (the email went; nothing more to do).
    if (!recorded.ok && recorded.kind !== 'refused' && recorded.kind !== 'conflict') throw new Error(`the reminder of ${entry.name}'s check was emailed but could not be recorded: ${recorded.message}`);
    sent.push(entry.partyId);
  }
  return { due: due.length, sent };
}

/** The daily job; a failed send throws, and the runner tries the day's run again (members already reminded are skipped). */
export function checkRemindersJobKind(db: Db, deps: CheckRemindersDeps): JobKind {
  return {
    async run(_payload, context) {
      await sendCheckReminders(db, deps, context.now);
    },
  };
}
