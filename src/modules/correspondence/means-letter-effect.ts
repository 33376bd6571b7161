import type { FileStore } from '../../platform/files/file-store.js';
import { deadlineOf } from '../../domain/liability/liability-clock.js';
import { paidPence, refundedPence } from '../../domain/liability/liability-state.js';
import type { Offence, Role } from '../../domain/penalty/penalty-input.js';
import { LETTER_FORMS } from './letters/forms.js';
import { meansDecisionParts } from './letters/means-decision.js';
import { incidentData, keep, languageOf, letterContact, paymentDetails, summary, type IncidentDataOf } from './case-letters.js';
import { paymentReference } from '../../domain/payments/payment-reference.js';
import type { LetterDetails } from '../../platform/config.js';
import type { CaseworkEffect } from '../casework/liability-command.js';
import { CASE_EVENT } from '../../domain/case/events.js';

/**
 * The means decision letter (form MEANS): a Higher Officer's decision on a reduction on means after
 * imposition, granted or refused, in English and the recipient's language, produced in the
 * decision's transaction like the other casework letters.
 */
export function meansLetterEffect(files: FileStore, incidentDataOf: IncidentDataOf, details: LetterDetails): CaseworkEffect {
  return async (tx, { file, changes, actor, now }) => {
    const decided = changes.filter((change) => change.events.some((event) => event.type === CASE_EVENT.MeansReductionAssured || event.type === CASE_EVENT.MeansReductionRefused));
    if (decided.length === 0) return;
    const incident = summary(file, await incidentData(tx, file, incidentDataOf));
    for (const { row, before, after, events } of decided) {
      for (const event of events) {
        if (event.type !== CASE_EVENT.MeansReductionAssured && event.type !== CASE_EVENT.MeansReductionRefused) continue;
        const granted = event.type === CASE_EVENT.MeansReductionAssured;
        const proposal = (after.meansReductions ?? []).at(-1);
        const parts = meansDecisionParts({
          offence: row.offence as Offence,
          language: languageOf(row),
          caseReference: file.kase.reference,
          decisionDate: event.payload.on,
          recipient: { name: row.partyName, addressLines: row.addressLines ?? [] },
          role: row.role as Role,
          incident,
          granted,
          requestedOn: proposal?.requestedOn ?? event.payload.on,
          previousAmountPence: event.payload.previousAmountPence,
          amountPence: granted ? event.payload.amountPence : event.payload.previousAmountPence,
          paidPence: paidPence(before) - refundedPence(before),
          paymentDue: file.policy.ok ? (deadlineOf(after, file.policy.policyVersion, 'paymentDue') ?? null) : null,
          reasons: event.payload.reason,
          contact: letterContact(details),
          payment: { reference: paymentReference(file.kase.reference, row.role as Role), ...paymentDetails(details) },
        });
        const title = granted ? 'Means decision: penalty reduced' : 'Means decision: reduction refused';
        await keep(tx, files, file, row, LETTER_FORMS.meansDecision, `${title} (${LETTER_FORMS.meansDecision})`, parts, actor, now);
      }
    }
  };
}
