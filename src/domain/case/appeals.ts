import { appealPreparationOf, preparationRefusal, type BundleItem, type HearingType } from './appeal-preparation.js';
import type { CaseDecisionContext, CaseFile } from './case-file.js';
import type { CaseDecision, CaseRefusal } from './decision.js';
import { CASE_EVENT } from './events.js';

/* Preparing an appeal for court: each step only by the officer the appeal is allocated to, or a manager. */

function refusal(file: CaseFile, liabilityId: string, actor: CaseDecisionContext['actor']): CaseRefusal | null {
  const state = file.states.get(liabilityId);
  if (!state) return { ok: false, message: 'That responsible person is not on this case' };
  const why = preparationRefusal(state, actor);
  return why ? { ok: false, message: why } : null;
}

export function decideScheduleHearing(
  file: CaseFile,
  input: { liabilityId: string; hearingId: string; hearingOn: string; court: string; type: HearingType },
  { actor }: CaseDecisionContext,
): CaseDecision {
  const refused = refusal(file, input.liabilityId, actor);
  if (refused) return refused;
  const state = file.states.get(input.liabilityId)!;
  if (state.appeal && input.hearingOn < state.appeal.lodgedOn) return { ok: false, message: 'The hearing cannot be before the appeal was lodged', errors: [{ field: 'hearingOn', message: `The hearing date must be on or after ${state.appeal.lodgedOn}, when the appeal was lodged` }] };
  return { ok: true, events: [{ type: CASE_EVENT.AppealHearingScheduled, payload: { liabilityId: input.liabilityId, hearingId: input.hearingId, hearingOn: input.hearingOn, court: input.court, type: input.type } }] };
}

/** Ticks and unticks the court bundle's checklist: one event per item that changes, and at least one must. */
export function decideCheckBundleItems(file: CaseFile, input: { liabilityId: string; checked: readonly BundleItem[] }, { actor }: CaseDecisionContext): CaseDecision {
  const refused = refusal(file, input.liabilityId, actor);
  if (refused) return refused;
  const now = appealPreparationOf(file.events, input.liabilityId).bundle;
  const changed = now.filter((tick) => tick.checked !== input.checked.includes(tick.item));
  if (changed.length === 0) return { ok: false, message: 'Nothing was changed: tick or untick at least one item' };
  return { ok: true, events: changed.map((tick) => ({ type: CASE_EVENT.AppealBundleItemChecked, payload: { liabilityId: input.liabilityId, item: tick.item, checked: !tick.checked } })) };
}

export function decideRecordWitnessStatement(file: CaseFile, input: { liabilityId: string; text: string; madeBy: string; madeOn: string }, { actor }: CaseDecisionContext): CaseDecision {
  const refused = refusal(file, input.liabilityId, actor);
  if (refused) return refused;
  return { ok: true, events: [{ type: CASE_EVENT.AppealWitnessStatementRecorded, payload: { liabilityId: input.liabilityId, text: input.text, madeBy: input.madeBy, madeOn: input.madeOn } }] };
}
