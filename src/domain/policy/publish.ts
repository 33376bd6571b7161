import type { CommandDecision, CommandMoment } from '../command-decision.js';
import { ukDate } from '../reference/uk-date.js';
import { POLICY_EVENT } from './events.js';
import type { PolicyVersion } from './policy-parameters.js';

/** The versions already published, in order of publication. */
export interface PublishedPolicy {
  existing: readonly { version: string }[];
}

export interface PolicyVersionToPublish {
  version: string;
  effectiveFrom: string;
  parameters: PolicyVersion['parameters'];
  reason: string;
  /** Only Cordon itself, installing the versions shipped with the code, may publish with an effective date in the past. */
  initial?: boolean | undefined;
}

/** Publishes a new version of the policy parameters, under a new name and taking effect today or later. */
export function decidePublishPolicyVersion(policy: PublishedPolicy, input: PolicyVersionToPublish, { actor, now }: CommandMoment): CommandDecision {
  if (policy.existing.some((v) => v.version === input.version)) {
    return { ok: false, message: `Version ${input.version} already exists`, errors: [{ field: 'version', message: `Version ${input.version} already exists: give the new version a new name` }] };
  }
  // A version published today must not change penalties already calculated under the one before.
  if (input.effectiveFrom < ukDate(now) && !(input.initial && actor.id === 'system')) {
    return {
      ok: false,
      message: 'A new policy version cannot take effect in the past',
      errors: [{ field: 'effectiveFrom', message: 'The date it takes effect must be today or later, so penalties already calculated do not change' }],
    };
  }
  return {
    ok: true,
    events: [{ type: POLICY_EVENT.PolicyVersionPublished, payload: { version: input.version, effectiveFrom: input.effectiveFrom, parameters: input.parameters, reason: input.reason } }],
  };
}
