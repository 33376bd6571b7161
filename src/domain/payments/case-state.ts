import type { LiabilityState } from '../liability/liability-state.js';
import type { PolicyVersion } from '../policy/policy-parameters.js';

/**
 * What the debt and detention decisions need of a case: its responsible people and each one's
 * state, its incident date and the policy then in force, and its events (detentions are read from
 * them). Casework's case file has all of it.
 */
export interface PaymentsCaseState {
  kase: { incidentDate: string };
  liabilities: readonly { id: string; partyName: string }[];
  states: ReadonlyMap<string, LiabilityState>;
  events: readonly { type: string; payload: unknown }[];
  policy: { ok: true; policyVersion: PolicyVersion } | { ok: false };
}
