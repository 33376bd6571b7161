import type { LetterDetails } from '../../platform/config.js';
import type { FileStore } from '../../platform/files/file-store.js';
import { deadlineOf } from '../../domain/liability/liability-clock.js';
import { OBJECTION_OUTCOMES } from '../../domain/liability/actions.js';
import type { Offence, Role } from '../../domain/penalty/penalty-input.js';
import { objectionDecisionParts } from './letters/objection-decision.js';
import { LETTER_FORMS } from './letters/forms.js';
import { incidentData, keep, languageOf, letterContact, summary, type IncidentDataOf } from './case-letters.js';
import type { CaseworkEffect } from '../casework/liability-command.js';
import { CASE_EVENT } from '../../domain/case/events.js';

const TITLES = {
  cancel: 'Objection decision: penalty cancelled',
  maintain: 'Objection decision: penalty maintained',
  reduce: 'Objection decision: penalty reduced',
  increase: 'Objection decision: penalty increased',
} as const satisfies Record<keyof typeof OBJECTION_OUTCOMES, string>;

/**
 * The letter a determined objection sends (IS11A when cancelled, IS11B when maintained, IS11C when
 * reduced or increased), produced in the determination's transaction like the other casework
 * letters: no objection is recorded as decided without the letter that tells the objector.
 */
export function objectionLetterEffect(files: FileStore, incidentDataOf: IncidentDataOf, details: LetterDetails): CaseworkEffect {
  return async (tx, { file, changes, actor, now }) => {
    const determined = changes.filter((change) => change.events.some((event) => event.type === CASE_EVENT.ObjectionDetermined));
    if (determined.length === 0) return;
    if (!file.policy.ok) throw new Error(`case ${file.kase.reference}: no policy version, so no appeal date for the objection decision`);
    const policyVersion = file.policy.policyVersion;
    const incident = summary(file, await incidentData(tx, file, incidentDataOf));
    for (const { row, after, events } of determined) {
      for (const event of events) {
        if (event.type !== CASE_EVENT.ObjectionDetermined) continue;
        const { outcome } = event.payload;
        const objection = after.objection;
        const noticeDate = after.penaltyNotice?.noticeDate;
        if (!objection || !noticeDate) throw new Error(`case ${file.kase.reference}: an objection was determined with no objection or penalty notice on record`);
        const appealDeadline = deadlineOf(after, policyVersion, 'appealDue');
        const parts = objectionDecisionParts({
          offence: row.offence as Offence,
          language: languageOf(row),
          caseReference: file.kase.reference,
          decisionDate: event.payload.on,
          recipient: { name: row.partyName, addressLines: row.addressLines ?? [] },
          role: row.role as Role,
          incident,
          outcome,
          noticeDate,
          objectionReceivedOn: objection.receivedOn,
          previousAmountPence: event.payload.previousAmountPence,
          amountPence: event.payload.amountPence,
          reasons: event.payload.reasons,
          steps: event.payload.steps,
          ...(appealDeadline ? { appealDeadline } : {}),
          contact: letterContact(details),
        });
        const form = LETTER_FORMS.objectionDecision[outcome];
        await keep(tx, files, file, row, form, `${TITLES[outcome]} (${form})`, parts, actor, now);
      }
    }
  };
}
