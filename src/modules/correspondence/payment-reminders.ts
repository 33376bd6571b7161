import { and, eq, gt, inArray, isNotNull, lt } from 'drizzle-orm';
import type { LetterDetails } from '../../platform/config.js';
import type { Db } from '../../platform/database/client.js';
import type { Actor } from '../../platform/events/event-store.js';
import type { FileStore } from '../../platform/files/file-store.js';
import type { JobKind } from '../../platform/jobs/queue.js';
import { paymentDemandDue } from '../../domain/payments/payment-demands.js';
import { paymentReference } from '../../domain/payments/payment-reference.js';
import { currentAmountPence } from '../../domain/liability/liability-state.js';
import type { Role } from '../../domain/penalty/penalty-input.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import type { CasesService } from '../casework/service.js';
import { penalties } from '../casework/queries.js';
import { incidentData, keep, paymentDetails, summary, type IncidentDataOf } from './case-letters.js';
import { letterBase } from './letter-kinds.js';
import { LETTER_FORMS } from './letters/forms.js';
import { paymentDemandParts } from './letters/payment-demand.js';
import { caseLetters } from './schema.js';

/** Who produces the reminders (in the event log as the actor). */
export const PAYMENT_REMINDER_SENDER: Actor = { id: 'payment-reminders', name: 'Cordon (daily payment reminders)', roles: ['finance-officer'] };

/** The job kind of the daily run: queued by every process, run by one (its key is the day). */
export const PAYMENT_REMINDERS = 'payment-reminders';

export interface PaymentRemindersRun {
  checked: number;
  reminders: string[];
  finalDemands: string[];
}

export interface PaymentReminderDeps {
  cases: CasesService;
  files: FileStore;
  incidentDataOf: IncidentDataOf;
  details: LetterDetails;
}

/**
 * Produces today's payment reminders and final demands (`paymentDemandDue` decides which, from the
 * penalty's recorded facts, the policy's days and the letters already produced). Each letter is
 * kept like any other (`keep`: the postal outbox, and an email when there is an address). Run daily
 * by the job runner; running it twice on a day, or again after a failure, produces nothing twice:
 * a letter already produced since the due date is read back from `case_letters` first.
 */
export async function sendPaymentReminders(db: Db, deps: PaymentReminderDeps, now: Date = deps.cases.now()): Promise<PaymentRemindersRun> {
  const today = ukDate(now);
  const rows = await db
    .select({ liabilityId: penalties.liabilityId, reference: penalties.reference })
    .from(penalties)
    .where(and(isNotNull(penalties.paymentDue), lt(penalties.paymentDue, today), gt(penalties.outstandingPence, 0)));
  const run: PaymentRemindersRun = { checked: rows.length, reminders: [], finalDemands: [] };
  for (const { liabilityId, reference } of rows) {
    const file = await deps.cases.caseFile(reference);
    const state = file?.states.get(liabilityId);
    const row = file?.liabilities.find((liability) => liability.id === liabilityId);
    if (!file || !state || !row || !file.policy.ok) continue;
    const sent = await db
      .select({ form: caseLetters.form, createdAt: caseLetters.createdAt })
      .from(caseLetters)
      .where(and(eq(caseLetters.liabilityId, liabilityId), inArray(caseLetters.form, [LETTER_FORMS.reminder, LETTER_FORMS.finalDemand])));
    const daysOf = (form: string) => sent.filter((letter) => letter.form === form).map((letter) => ukDate(letter.createdAt));
    const demand = paymentDemandDue(state, file.policy.policyVersion, today, { reminders: daysOf(LETTER_FORMS.reminder), finalDemands: daysOf(LETTER_FORMS.finalDemand) });
    if (!demand) continue;
    await db.transaction(async (tx) => {
      const incident = summary(file, await incidentData(tx, file, deps.incidentDataOf));
      const parts = paymentDemandParts({
        ...letterBase(file, row, incident, today, deps.details),
        kind: demand.kind,
        amountPence: currentAmountPence(state) ?? 0,
        outstandingPence: demand.outstandingPence,
        paymentDue: demand.paymentDue,
        ...(demand.kind === 'final-demand' ? { payBy: demand.payBy } : {}),
        paymentReference: paymentReference(file.kase.reference, row.role as Role),
        payment: paymentDetails(deps.details),
      });
      const form = demand.kind === 'reminder' ? LETTER_FORMS.reminder : LETTER_FORMS.finalDemand;
      const title = demand.kind === 'reminder' ? `Payment reminder (${form})` : `Final demand for payment (${form})`;
      await keep(tx, deps.files, file, row, form, title, parts, PAYMENT_REMINDER_SENDER, now);
    });
    (demand.kind === 'reminder' ? run.reminders : run.finalDemands).push(`${reference} ${row.partyName}`);
  }
  return run;
}

/** The daily run as a job; a failure (a case changed under it) is tried again later and produces nothing twice. */
export function paymentRemindersJobKind(db: Db, deps: PaymentReminderDeps): JobKind {
  return {
    async run(_payload, { now }) {
      await sendPaymentReminders(db, deps, now);
    },
  };
}
