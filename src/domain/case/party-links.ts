import type { RESPONSIBLE_ROLES } from '../incident/incident.js';
import type { CaseDecision } from './decision.js';
import { CASE_EVENT } from './events.js';

/* A caseworker's decision about who a responsible person is: which entry of the parties register. */

/** The liability the decision is about, as the case holds it, or null when it is not on the case. */
export interface PartyLinkState {
  liability: { id: string; partyId: string | null; role: string } | null;
}

export function decideConfirmLiabilityParty(
  state: PartyLinkState,
  input: { liabilityId: string; partyId: string; how: 'confirmed-proposal' | 'created-new' | 'chosen-by-search'; score?: number | undefined },
): CaseDecision {
  if (!state.liability) return { ok: false, message: 'That responsible person is not part of this case' };
  if (state.liability.partyId === input.partyId) return { ok: false, message: 'That party is already confirmed for this person' };
  return {
    ok: true,
    events: [
      {
        type: CASE_EVENT.LiabilityPartyConfirmed,
        payload: {
          liabilityId: input.liabilityId,
          role: state.liability.role as keyof typeof RESPONSIBLE_ROLES,
          partyId: input.partyId,
          previousPartyId: state.liability.partyId,
          how: input.how,
          score: input.score ?? null,
        },
      },
    ],
  };
}
