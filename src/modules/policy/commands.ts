import { asc } from 'drizzle-orm';
import { z } from 'zod';
import type { CommandDefinition } from '../../platform/events/command.js';
import { streamVersion } from '../../platform/events/event-store.js';
import { policyVersionSchema, type PolicyVersion } from '../../domain/policy/policy-parameters.js';
import { decidePublishPolicyVersion } from '../../domain/policy/publish.js';
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
  decide: decidePublishPolicyVersion,
  projectors: [policyProjector],
  async project(_tx, { input }) {
    return { version: input.version, effectiveFrom: input.effectiveFrom, parameters: input.parameters };
  },
};
