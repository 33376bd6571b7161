import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { CommandDefinition } from '../../platform/events/command.js';
import { CASEWORKERS } from '../identity/roles.js';
import type { RESPONSIBLE_ROLES } from '../../domain/incident/incident.js';
import { cases, liabilities } from './schema.js';
import { casesProjector } from './projector.js';

export const confirmLiabilityPartyInput = z.object({
  reference: z.string(),
  liabilityId: z.uuid(),
  partyId: z.uuid('Choose a party'),
  /** How the party was chosen: a proposal the caseworker confirmed, or a new register entry. */
  how: z.enum(['confirmed-proposal', 'created-new', 'chosen-by-search']),
  score: z.number().optional(),
});
export type ConfirmLiabilityPartyInput = z.infer<typeof confirmLiabilityPartyInput>;

interface State {
  caseId: string;
  liability: { id: string; partyId: string | null; role: string } | null;
}

/** A caseworker's decision about who a responsible person is, recorded on the case (audited). */
export const confirmLiabilityParty: CommandDefinition<ConfirmLiabilityPartyInput, State, { partyId: string; reference: string; version: number }> = {
  name: 'confirmLiabilityParty',
  input: confirmLiabilityPartyInput,
  roles: CASEWORKERS,
  streamType: 'case',
  async load(tx, input) {
    const [kase] = await tx.select({ id: cases.id, version: cases.version }).from(cases).where(eq(cases.reference, input.reference));
    if (!kase) return null;
    const [liability] = await tx
      .select({ id: liabilities.id, partyId: liabilities.partyId, role: liabilities.role })
      .from(liabilities)
      .where(and(eq(liabilities.id, input.liabilityId), eq(liabilities.caseId, kase.id)));
    return { streamId: `case-${kase.id}`, version: kase.version, state: { caseId: kase.id, liability: liability ?? null } };
  },
  decide(state, input) {
    if (!state.liability) return { ok: false, message: 'That responsible person is not part of this case' };
    if (state.liability.partyId === input.partyId) return { ok: false, message: 'That party is already confirmed for this person' };
    return {
      ok: true,
      events: [
        {
          type: 'LiabilityPartyConfirmed',
          payload: { liabilityId: input.liabilityId, role: state.liability.role as keyof typeof RESPONSIBLE_ROLES, partyId: input.partyId, previousPartyId: state.liability.partyId, how: input.how, score: input.score ?? null },
        },
      ],
    };
  },
  projectors: [casesProjector],
  async project(_tx, { input, version }) {
    return { partyId: input.partyId, reference: input.reference, version };
  },
};
