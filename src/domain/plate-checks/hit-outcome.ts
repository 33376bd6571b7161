import type { CommandDecision } from '../command-decision.js';
import { HIT_OUTCOMES, PLATE_CHECK_HIT_EVENT, type HitOutcome } from './events.js';

/** A plate-check hit, and what was done about it so far (null: nothing recorded yet). */
export interface PlateCheckHit {
  id: string;
  registration: string;
  outcome: string | null;
}

/** Records what the officers did about a hit, once. */
export function decidePlateCheckOutcome(hit: PlateCheckHit, input: { outcome: HitOutcome; reason?: string | undefined }): CommandDecision {
  if (hit.outcome) {
    return {
      ok: false,
      message: 'What happened is already recorded for this hit',
      errors: [{ field: 'outcome', message: `Already recorded: ${HIT_OUTCOMES[hit.outcome as HitOutcome] ?? hit.outcome}` }],
    };
  }
  return {
    ok: true,
    events: [{ type: PLATE_CHECK_HIT_EVENT.PlateCheckOutcomeRecorded, payload: { hitId: hit.id, registration: hit.registration, outcome: input.outcome, reason: input.reason ?? null } }],
  };
}
