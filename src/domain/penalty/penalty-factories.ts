import type { CalendarDate } from '../clock/calendar-date.js';
import { DEFAULT_POLICY_VERSIONS } from '../policy/default-policy.js';
import type { PolicyVersion } from '../policy/policy-parameters.js';
import { calculatePenalty, type PenaltyResult } from './calculate-penalty.js';
import type { DiscretionItem, Offence, PenaltyCalculationInput, PreviousPenalty } from './penalty-input.js';

/* Small factories for tests and examples: a valid fact set, changed only where a test cares. */

export const TEST_TODAY: CalendarDate = '2026-06-30';

export function defaultPolicyVersion(): PolicyVersion {
  const version = DEFAULT_POLICY_VERSIONS[0];
  if (!version) throw new Error('no default policy version');
  return version;
}

export function s31aFacts(overrides: Partial<PenaltyCalculationInput> = {}): PenaltyCalculationInput {
  return { offence: 'S31A', incidentDate: '2025-03-10', role: 'driver', compliedWithRegulations: false, ...overrides };
}

export function s32Facts(overrides: Partial<PenaltyCalculationInput> = {}): PenaltyCalculationInput {
  return { offence: 'S32', incidentDate: '2025-03-10', role: 'driver', clandestineEntrants: 1, compliedWithRegulations: false, ...overrides };
}

export function previousPenalty(offence: Offence, issuedOn: CalendarDate, cancelled = false): PreviousPenalty {
  return { offence, issuedOn, cancelled };
}

export function discretion(percent: number, reasonCode = 'SELF_DECLARATION', approvedBy = 'SO Patel'): DiscretionItem {
  return { percent, reasonCode, approvedBy };
}

/** The result for facts that must calculate; fails loudly with the reasons otherwise. */
export function penaltyFor(
  input: PenaltyCalculationInput,
  policyVersion: PolicyVersion = defaultPolicyVersion(),
  today: CalendarDate = TEST_TODAY,
): PenaltyResult {
  const outcome = calculatePenalty(input, policyVersion, today);
  if (!outcome.ok) throw new Error(`expected a penalty, got refusal: ${outcome.reasons.join(' | ')}`);
  return outcome.result;
}

/** The reasons for facts that must be refused; fails loudly when they calculate. */
export function refusalFor(
  input: PenaltyCalculationInput,
  policyVersion: PolicyVersion = defaultPolicyVersion(),
  today: CalendarDate = TEST_TODAY,
): string[] {
  const outcome = calculatePenalty(input, policyVersion, today);
  if (outcome.ok) throw new Error(`expected a refusal, got ${outcome.result.amountPence} pence`);
  return outcome.reasons;
}
