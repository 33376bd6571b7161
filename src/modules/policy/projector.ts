import type { Projector } from '../../platform/projections/projector.js';
import { POLICY_EVENT } from '../../domain/policy/events.js';
import type { PolicyVersion } from '../../domain/policy/policy-parameters.js';
import { policyVersions } from './schema.js';

/**
 * The only writer of `policy_versions`, from `PolicyVersionPublished` alone: the order of
 * publication is the event's place on the policy stream.
 */
export const policyProjector: Projector = {
  module: 'policy',
  tables: [policyVersions],
  streamTypes: ['policy'],
  async apply(tx, event) {
    if (event.type !== POLICY_EVENT.PolicyVersionPublished) return;
    const published = event.payload as { version: string; effectiveFrom: string; parameters: PolicyVersion['parameters']; reason: string };
    await tx.insert(policyVersions).values({
      version: published.version,
      effectiveFrom: published.effectiveFrom,
      parameters: published.parameters,
      reason: published.reason,
      publishedAt: event.occurredAt,
      publishedBy: event.actorName,
      publicationOrder: event.version,
    });
  },
};
