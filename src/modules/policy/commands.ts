import { asc } from 'drizzle-orm';
import { z } from 'zod';
import type { CommandDefinition } from '../../platform/events/command.js';
import { streamVersion } from '../../platform/events/event-store.js';
import { policyVersionSchema, type PolicyVersion } from '../../domain/policy/policy-parameters.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { ADMINISTRATORS } from '../identity/roles.js';
import { policyVersions } from './schema.js';
import { policyProjector } from './projector.js';

export const POLICY_STREAM = 'policy';

export const publishPolicyVersionInput = z.object({
  version: policyVersionSchema.shape.version,
  effectiveFrom: policyVersionSchema.shape.effectiveFrom,
  parameters: policyVersionSchema.shape.parameters,
  reason: z.string({ message: 'Say why the policy is changing' }).trim().min(10, 'Say why the policy is changing, in 10 characters or more').max(2000),
  /** Only Cordon itself, installing the versions shipped with the code, may publish with an effective date in the past. */
  initial: z.boolean().optional(),
});
export type PublishPolicyVersionInput = z.infer<typeof publishPolicyVersionInput>;

interface State {
  existing: { version: string }[];
}

export const publishPolicyVersion: CommandDefinition<PublishPolicyVersionInput, State & { order: number }, PolicyVersion> = {
  name: 'publishPolicyVersion',
  input: publishPolicyVersionInput,
  roles: ADMINISTRATORS,
  streamType: 'policy',
  async load(tx) {
    const existing = await tx.select({ version: policyVersions.version }).from(policyVersions).orderBy(asc(policyVersions.publicationOrder));
    return { streamId: POLICY_STREAM, version: await streamVersion(tx, POLICY_STREAM), state: { existing, order: existing.length + 1 } };
  },
  decide(state, input, { actor, now }) {
    if (state.existing.some((v) => v.version === input.version)) {
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
      events: [{ type: 'PolicyVersionPublished', payload: { version: input.version, effectiveFrom: input.effectiveFrom, parameters: input.parameters, reason: input.reason } }],
    };
  },
  projectors: [policyProjector],
  async project(_tx, { input }) {
    return { version: input.version, effectiveFrom: input.effectiveFrom, parameters: input.parameters };
  },
};
