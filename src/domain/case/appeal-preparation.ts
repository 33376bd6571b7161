import type { CaseActor, RecordedCaseEvent } from './case-file.js';
import type { LiabilityState } from '../liability/liability-state.js';
import { BUNDLE_ITEMS, HEARING_TYPES, type BundleItem, type HearingType } from './choices.js';
import { CASE_EVENT } from './events.js';

/* Preparing an appeal for court: hearings, the bundle checklist and witness statements (case events). */

export { BUNDLE_ITEMS, HEARING_TYPES, type BundleItem, type HearingType };

export interface Hearing { hearingId: string; hearingOn: string; court: string; type: HearingType; typeLabel: string; byName: string; at: Date; changed: boolean }
export interface BundleTick { item: BundleItem; label: string; checked: boolean; byName: string | null; at: Date | null }
export interface WitnessStatement { text: string; madeBy: string; madeOn: string; byName: string; at: Date }

/** Everything prepared for one liability's appeal, folded from the case's events. */
export function appealPreparationOf(events: readonly RecordedCaseEvent[], liabilityId: string) {
  const hearings = new Map<string, Hearing>();
  const ticks = new Map<string, BundleTick>();
  const statements: WitnessStatement[] = [];
  for (const event of events) {
    const p = event.payload as Record<string, unknown>;
    if (p.liabilityId !== liabilityId) continue;
    if (event.type === CASE_EVENT.AppealHearingScheduled) {
      const id = String(p.hearingId);
      const type = p.type as HearingType;
      hearings.set(id, { hearingId: id, hearingOn: String(p.hearingOn), court: String(p.court), type, typeLabel: HEARING_TYPES[type] ?? String(type), byName: event.actorName, at: event.occurredAt, changed: hearings.has(id) });
    } else if (event.type === CASE_EVENT.AppealBundleItemChecked) {
      const item = p.item as BundleItem;
      ticks.set(item, { item, label: BUNDLE_ITEMS[item], checked: p.checked === true, byName: event.actorName, at: event.occurredAt });
    } else if (event.type === CASE_EVENT.AppealWitnessStatementRecorded) {
      statements.push({ text: String(p.text), madeBy: String(p.madeBy), madeOn: String(p.madeOn), byName: event.actorName, at: event.occurredAt });
    }
  }
  return {
    hearings: [...hearings.values()].sort((a, b) => a.hearingOn.localeCompare(b.hearingOn)),
    bundle: (Object.keys(BUNDLE_ITEMS) as BundleItem[]).map((item) => ticks.get(item) ?? { item, label: BUNDLE_ITEMS[item], checked: false, byName: null, at: null }),
    statements,
  };
}

/**
 * Why this officer may not prepare the appeal now, or null: only the officer the appeal is allocated
 * to, or a manager, while the appeal waits for the court.
 */
export function preparationRefusal(state: LiabilityState, actor: Pick<CaseActor, 'id' | 'roles'>): string | null {
  if (!state.appeal) return 'No appeal has been lodged for this person';
  if (state.appeal.decision) return 'The court has decided this appeal: there is nothing left to prepare';
  if (actor.roles.includes('manager')) return null;
  if (!state.appeal.allocatedTo) return 'The appeal has not been allocated yet: only a manager can prepare it until it is';
  return state.appeal.allocatedTo === actor.id ? null : 'Only the officer the appeal is allocated to, or a manager, can prepare it';
}
