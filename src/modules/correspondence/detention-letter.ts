import type { LetterDetails } from '../../platform/config.js';
import type { Db } from '../../platform/database/client.js';
import type { Actor, NewEvent } from '../../platform/events/event-store.js';
import type { FileStore } from '../../platform/files/file-store.js';
import { CASE_EVENT, type CaseEventPayload } from '../../domain/case/events.js';
import { detentionSaleFrom } from '../../domain/payments/detention.js';
import { paymentReference } from '../../domain/payments/payment-reference.js';
import { outstandingPence } from '../../domain/liability/liability-state.js';
import type { Role } from '../../domain/penalty/penalty-input.js';
import type { CaseFile } from '../casework/case-file.js';
import { incidentData, keep, paymentDetails, summary, type IncidentDataOf } from './case-letters.js';
import { letterBase } from './letter-kinds.js';
import { LETTER_FORMS } from './letters/forms.js';
import { detentionNoticeParts } from './letters/detention-notice.js';

/** Work done in a case command's transaction after its events: here, the letter the events call for. */
export type CaseEventsEffect = (tx: Db, args: { file: CaseFile; events: readonly NewEvent[]; actor: Actor; now: Date }) => Promise<void>;

/**
 * The detention notice (§10.99): when a vehicle is detained for an unpaid penalty, the person whose
 * penalty it is gets a letter saying where the vehicle is, what is owed, the daily costs added, how
 * to get it released and the first day it may be sold. Produced in the detention's transaction
 * (the enforcement module's `recordDetention` runs it; `src/app.ts` passes it in).
 */
export function detentionLetterEffect(files: FileStore, incidentDataOf: IncidentDataOf, details: LetterDetails): CaseEventsEffect {
  return async (tx, { file, events, actor, now }) => {
    const detained = events.filter((event) => event.type === CASE_EVENT.VehicleDetained);
    if (detained.length === 0) return;
    if (!file.policy.ok) throw new Error(`case ${file.kase.reference}: no policy version, so no sale date for the detention notice`);
    const policyVersion = file.policy.policyVersion;
    const incident = summary(file, await incidentData(tx, file, incidentDataOf));
    for (const event of detained) {
      const payload = event.payload as CaseEventPayload<typeof CASE_EVENT.VehicleDetained>;
      const row = file.liabilities.find((liability) => liability.id === payload.liabilityId);
      const state = file.states.get(payload.liabilityId);
      if (!row || !state) throw new Error(`case ${file.kase.reference}: a vehicle was detained for a penalty not on the case`);
      const sale = detentionSaleFrom(state.incidentDate, payload.startedOn, policyVersion);
      if (!sale.ok) throw new Error(`case ${file.kase.reference}: no sale date for the detention notice: ${sale.reasons.join(' ')}`);
      const parts = detentionNoticeParts({
        ...letterBase(file, row, incident, payload.startedOn, details),
        registration: payload.registration,
        place: payload.place,
        startedOn: payload.startedOn,
        dailyCostPence: payload.dailyCostPence,
        outstandingPence: Math.max(0, outstandingPence(state) ?? 0),
        saleFrom: sale.deadline.date,
        paymentReference: paymentReference(file.kase.reference, row.role as Role),
        payment: paymentDetails(details),
      });
      await keep(tx, files, file, row, LETTER_FORMS.detention, `Notice of detention of ${payload.registration} (${LETTER_FORMS.detention})`, parts, actor, now);
    }
  };
}
