import { z } from 'zod';
import type { Decision } from '../../../platform/events/command.js';
import type { Actor } from '../../../platform/events/event-store.js';
import { CASEWORKERS } from '../../identity/roles.js';
import { caseCommand } from '../case-command.js';
import type { CaseFile } from '../case-file.js';
import {
  appealPreparationOf,
  BUNDLE_ITEMS,
  HEARING_TYPES,
  preparationRefusal,
  type BundleItem,
  type HearingType,
} from './appeal-preparation.js';
import { CASE_EVENT } from '../../../domain/case/events.js';
import { calendarDateSchema } from '../../../domain/clock/calendar-date.js';

/* The appeal preparation commands: each only by the allocated officer or a manager. */

// A real day, as the catalogue records it (the pages' date inputs already check this; the API may not).
const isoDate = calendarDateSchema('The date');

function refusal(file: CaseFile, liabilityId: string, actor: Actor): Decision | null {
  const state = file.states.get(liabilityId);
  if (!state) return { ok: false, message: 'That responsible person is not on this case' };
  const why = preparationRefusal(state, actor);
  return why ? { ok: false, message: why } : null;
}

export const scheduleHearing = caseCommand({
  name: 'scheduleAppealHearing',
  input: z.object({
    reference: z.string(),
    liabilityId: z.string(),
    hearingId: z.uuid(),
    hearingOn: isoDate,
    court: z.string().trim().min(1).max(200),
    type: z.enum(Object.keys(HEARING_TYPES) as [HearingType, ...HearingType[]]),
  }),
  roles: CASEWORKERS,
  decide(file, input, { actor }) {
    const refused = refusal(file, input.liabilityId, actor);
    if (refused) return refused;
    const state = file.states.get(input.liabilityId)!;
    if (state.appeal && input.hearingOn < state.appeal.lodgedOn) return { ok: false, message: 'The hearing cannot be before the appeal was lodged', errors: [{ field: 'hearingOn', message: `The hearing date must be on or after ${state.appeal.lodgedOn}, when the appeal was lodged` }] };
    return { ok: true, events: [{ type: CASE_EVENT.AppealHearingScheduled, payload: { liabilityId: input.liabilityId, hearingId: input.hearingId, hearingOn: input.hearingOn, court: input.court, type: input.type } }] };
  },
});

export const checkBundleItems = caseCommand({
  name: 'checkAppealBundleItems',
  input: z.object({ reference: z.string(), liabilityId: z.string(), checked: z.array(z.enum(Object.keys(BUNDLE_ITEMS) as [BundleItem, ...BundleItem[]])) }),
  roles: CASEWORKERS,
  decide(file, input, { actor }) {
    const refused = refusal(file, input.liabilityId, actor);
    if (refused) return refused;
    const now = appealPreparationOf(file.events, input.liabilityId).bundle;
    const changed = now.filter((tick) => tick.checked !== input.checked.includes(tick.item));
    if (changed.length === 0) return { ok: false, message: 'Nothing was changed: tick or untick at least one item' };
    return { ok: true, events: changed.map((tick) => ({ type: CASE_EVENT.AppealBundleItemChecked, payload: { liabilityId: input.liabilityId, item: tick.item, checked: !tick.checked } })) };
  },
});

export const recordWitnessStatement = caseCommand({
  name: 'recordAppealWitnessStatement',
  input: z.object({ reference: z.string(), liabilityId: z.string(), text: z.string().trim().min(1).max(20_000), madeBy: z.string().trim().min(1).max(200), madeOn: isoDate }),
  roles: CASEWORKERS,
  decide(file, input, { actor }) {
    const refused = refusal(file, input.liabilityId, actor);
    if (refused) return refused;
    return { ok: true, events: [{ type: CASE_EVENT.AppealWitnessStatementRecorded, payload: { liabilityId: input.liabilityId, text: input.text, madeBy: input.madeBy, madeOn: input.madeOn } }] };
  },
});
