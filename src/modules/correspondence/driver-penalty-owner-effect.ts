import type { FileStore } from '../../platform/files/file-store.js';
import { deadlineOf } from '../../domain/liability/liability-clock.js';
import { currentAmountPence, outstandingPence } from '../../domain/liability/liability-state.js';
import type { Offence } from '../../domain/penalty/penalty-input.js';
import { paymentReference } from '../../domain/payments/payment-reference.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { CASE_EVENT } from '../../domain/case/events.js';
import type { CaseworkEffect } from '../casework/liability-command.js';
import { jointLiabilitiesOfCase } from '../vehicle-action-list/joint-section.js';
import { DRIVER_PENALTY_OWNER_FORM, driverPenaltyOwnerLetterParts, type DriverPenaltyNews } from './letters/driver-penalty-owner-letter.js';
import { incidentData, keep, languageOf, letterContact, summary, type IncidentDataOf } from './case-letters.js';
import type { LetterDetails } from '../../platform/config.js';

const NEWS: Partial<Record<string, DriverPenaltyNews>> = {
  [CASE_EVENT.PenaltyImposed]: 'imposed',
  [CASE_EVENT.PaidInFull]: 'paid',
  [CASE_EVENT.PaymentOverdue]: 'overdue',
};

const TITLES: Record<DriverPenaltyNews, string> = {
  imposed: 'Your driver’s penalty: imposed',
  paid: 'Your driver’s penalty: paid',
  overdue: 'Your driver’s penalty: overdue',
};

/**
 * The owner is told about its driver's penalty (seed 003 §8.4, §9.54): when a driver's penalty is
 * imposed, paid in full or recorded overdue, the organisation jointly and severally liable for it
 * (`jointLiabilities`: the register's employer, else the case's hirer, owner or operator) gets a
 * letter in English and its own language, produced in the step's transaction like every casework
 * letter and queued for posting (and emailed when an address is known). An employer the register
 * names that is not responsible on the case has no address here, so it gets no letter.
 */
export function driverPenaltyOwnerEffect(files: FileStore, incidentDataOf: IncidentDataOf, details: LetterDetails): CaseworkEffect {
  return async (tx, { file, changes, actor, now }) => {
    const news = changes.filter((change) => change.row.role === 'driver' && change.events.some((event) => NEWS[event.type]));
    if (news.length === 0) return;
    const joint = await jointLiabilitiesOfCase(tx, file);
    let incident: ReturnType<typeof summary> | null = null;
    for (const { row, after, events } of news) {
      const employer = joint.find((item) => item.driverLiabilityId === row.id)?.employer;
      const employerRows = file.liabilities.filter((other) => employer?.liabilityIds.includes(other.id));
      const recipient = employerRows.find((other) => other.offence === row.offence) ?? employerRows[0];
      if (!recipient) continue;
      incident ??= summary(file, await incidentData(tx, file, incidentDataOf));
      for (const event of events) {
        const told = NEWS[event.type];
        if (!told) continue;
        const policyVersion = file.policy.ok ? file.policy.policyVersion : undefined;
        const parts = driverPenaltyOwnerLetterParts({
          news: told,
          offence: row.offence as Offence,
          language: languageOf(recipient),
          caseReference: file.kase.reference,
          paymentReference: paymentReference(file.kase.reference, 'driver'),
          letterDate: ukDate(now),
          recipient: { name: recipient.partyName, addressLines: recipient.addressLines ?? [] },
          driverName: row.partyName,
          incident,
          amountPence: currentAmountPence(after) ?? 0,
          outstandingPence: outstandingPence(after) ?? 0,
          paymentDue: policyVersion ? (deadlineOf(after, policyVersion, 'paymentDue') ?? null) : null,
          contact: letterContact(details),
        });
        await keep(tx, files, file, recipient, DRIVER_PENALTY_OWNER_FORM, `${TITLES[told]} (${DRIVER_PENALTY_OWNER_FORM})`, parts, actor, now);
      }
    }
  };
}
