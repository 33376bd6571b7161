import { z } from 'zod';
import { eventNames, type EventUnion } from '../event-schemas.js';
import { policyVersionSchema } from './policy-parameters.js';

/* The `policy` stream (one stream, `policy`): every published version of the policy parameters. */

export const POLICY_EVENTS = {
  PolicyVersionPublished: z.strictObject({ ...policyVersionSchema.shape, reason: z.string().min(1) }),
};

/** `POLICY_EVENT.PolicyVersionPublished` is `'PolicyVersionPublished'`. */
export const POLICY_EVENT = eventNames(POLICY_EVENTS);

export type PolicyEvent = EventUnion<typeof POLICY_EVENTS>;
