import type { LetterDetails } from '../../platform/config.js';
import type { FileStore } from '../../platform/files/file-store.js';
import { currentAmountPence, paidPence, penaltyCancelled, refundedPence } from '../../domain/liability/liability-state.js';
import type { Offence, Role } from '../../domain/penalty/penalty-input.js';
import { LETTER_FORMS } from './letters/forms.js';
import { refundLetterParts } from './letters/refund-letter.js';
import { incidentData, keep, languageOf, letterContact, summary, type IncidentDataOf } from './case-letters.js';
import type { CaseworkEffect } from '../casework/liability-command.js';
import { CASE_EVENT } from '../../domain/case/events.js';

/**
 * The letter an approved refund sends (form REFUND), in English and the recipient's language,
 * produced in the decision's transaction like the other casework letters. It goes to the person the
 * penalty was given to, also when their employer paid (the payment was made on their penalty).
 */
export function refundLetterEffect(files: FileStore, incidentDataOf: IncidentDataOf, details: LetterDetails): CaseworkEffect {
  return async (tx, { file, changes, actor, now }) => {
    const approved = changes.filter((change) => change.events.some((event) => event.type === CASE_EVENT.RefundApproved));
    if (approved.length === 0) return;
    const incident = summary(file, await incidentData(tx, file, incidentDataOf));
    for (const { row, before, events } of approved) {
      for (const event of events) {
        if (event.type !== CASE_EVENT.RefundApproved) continue;
        const parts = refundLetterParts({
          offence: row.offence as Offence,
          language: languageOf(row),
          caseReference: file.kase.reference,
          decisionDate: event.payload.on,
          recipient: { name: row.partyName, addressLines: row.addressLines ?? [] },
          role: row.role as Role,
          incident,
          amountInForcePence: penaltyCancelled(before) ? 0 : (currentAmountPence(before) ?? 0),
          paidPence: paidPence(before) - refundedPence(before),
          refundPence: event.payload.amountPence,
          reasons: event.payload.reason,
          contact: letterContact(details),
        });
        await keep(tx, files, file, row, LETTER_FORMS.refund, `Refund of an overpayment (${LETTER_FORMS.refund})`, parts, actor, now);
      }
    }
  };
}
