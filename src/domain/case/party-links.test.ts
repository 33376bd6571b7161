import { describe, expect, it } from 'vitest';
import { DRIVER_ID } from './case-factories.js';
import { decideConfirmLiabilityParty } from './party-links.js';

const PARTY = '0f3a2b1c-0000-4000-8000-0000000000a1';

describe('decideConfirmLiabilityParty', () => {
  it('records the register entry chosen for the person, with the one it replaces', () => {
    const previous = '0f3a2b1c-0000-4000-8000-0000000000a2';
    expect(decideConfirmLiabilityParty({ liability: { id: DRIVER_ID, partyId: previous, role: 'driver' } }, { liabilityId: DRIVER_ID, partyId: PARTY, how: 'chosen-by-search' })).toEqual({
      ok: true,
      events: [{ type: 'LiabilityPartyConfirmed', payload: { liabilityId: DRIVER_ID, role: 'driver', partyId: PARTY, previousPartyId: previous, how: 'chosen-by-search', score: null } }],
    });
  });

  it('refuses a person not on the case, and a party already confirmed', () => {
    expect(decideConfirmLiabilityParty({ liability: null }, { liabilityId: DRIVER_ID, partyId: PARTY, how: 'created-new' })).toEqual({ ok: false, message: 'That responsible person is not part of this case' });
    expect(decideConfirmLiabilityParty({ liability: { id: DRIVER_ID, partyId: PARTY, role: 'driver' } }, { liabilityId: DRIVER_ID, partyId: PARTY, how: 'confirmed-proposal', score: 0.9 })).toEqual({
      ok: false,
      message: 'That party is already confirmed for this person',
    });
  });
});
