import type { RESPONSIBLE_ROLES } from '../incident/incident.js';
import type { CaseDecision } from './decision.js';
import { CASE_EVENT } from './events.js';
import { postalAddressLines } from '../incident/postal-address.js';
import type { addressInput } from '../incident/incident.js';
import type { z } from 'zod';

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

/** The liability as recording its first address needs it: its register entry and the address letters go to now. */
export interface LiabilityAddressState {
  liability: { id: string; partyId: string | null; addressLines: readonly string[] | null } | null;
}

/**
 * A person with no address on the case gets the one just recorded for their register entry.
 * Refused when they are not yet identified in the register, or already have an address (changing
 * it needs a second officer's approval).
 */
export function decideRecordLiabilityAddress(state: LiabilityAddressState, input: { liabilityId: string; partyId: string; address: z.infer<typeof addressInput> }): CaseDecision {
  if (!state.liability) return { ok: false, message: 'That responsible person is not part of this case' };
  if (!state.liability.partyId) return { ok: false, message: 'Identify the person in the register first' };
  if (state.liability.partyId !== input.partyId) return { ok: false, message: 'That register entry is not the one confirmed for this person' };
  if (state.liability.addressLines?.length) {
    return { ok: false, message: 'This person already has an address on the case: propose a change of address, which a second officer approves' };
  }
  return { ok: true, events: [{ type: CASE_EVENT.LiabilityAddressRecorded, payload: { liabilityId: input.liabilityId, partyId: input.partyId, addressLines: postalAddressLines(input.address) } }] };
}
