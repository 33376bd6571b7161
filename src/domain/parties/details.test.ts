import { describe, expect, it } from 'vitest';
import { decideAddBorderDetails, decideRecordPartyAddress, type PartyDetailsState, addressComparisonKey } from './decisions.js';
import { decideRecordLiabilityAddress } from '../case/party-links.js';
import { normaliseIdentifier } from './identifiers.js';

const PARTY = '11111111-1111-4111-8111-111111111111';
const held: PartyDetailsState = {
  kind: 'person',
  mergedInto: null,
  dateOfBirth: '1981-02-17',
  nationality: null,
  language: null,
  identifiers: [normaliseIdentifier('passport', 'PL', 'EA1234567')],
  addresses: [addressComparisonKey({ line1: 'ul. Świętokrzyska 12/4', town: 'Warszawa', postcode: '00-116', country: 'PL' })],
  contacts: ['email:lukasz@example.com'],
};

describe('adding details to a register entry', () => {
  it('adds only what the entry lacks, as records, and fills a gap without overwriting a date of birth', () => {
    const decision = decideAddBorderDetails(held, {
      partyId: PARTY,
      caseReference: 'CEC-2026-000009',
      dateOfBirth: '1990-01-01',
      nationality: 'PL',
      identifiers: [{ kind: 'passport', value: 'EA 1234567', country: 'PL' }, { kind: 'driving-licence', value: 'DL 1', country: 'PL' }],
      addresses: [{ line1: 'ulica Świętokrzyska 12/4', town: 'Warszawa', postcode: '00116', country: 'PL' }, { line1: 'ul. Piotrkowska 100', town: 'Łódź', country: 'PL' }],
      emails: ['LUKASZ@example.com'],
    });
    expect(decision).toEqual({
      ok: true,
      events: [
        {
          type: 'PartyDetailsAdded',
          payload: {
            partyId: PARTY,
            caseReference: 'CEC-2026-000009',
            nationality: 'PL',
            identifiers: [{ kind: 'driving-licence', value: 'DL 1', country: 'PL' }],
            addresses: [{ line1: 'ul. Piotrkowska 100', town: 'Łódź', country: 'PL' }],
          },
        },
      ],
    });
  });

  it('records nothing when confirming brings nothing new, but refuses an address form that does', () => {
    expect(decideAddBorderDetails(held, { partyId: PARTY, emails: ['lukasz@example.com'] })).toEqual({ ok: true, events: [] });
    const refused = decideRecordPartyAddress(held, { partyId: PARTY, address: { line1: 'ulica Swietokrzyska 12/4', town: 'WARSZAWA', postcode: '00 116', country: 'PL' } });
    expect(refused).toMatchObject({ ok: false, errors: [{ field: 'line1', message: 'The register already has this address for them' }] });
  });

  it('refuses an entry merged into another', () => {
    expect(decideRecordPartyAddress({ ...held, mergedInto: PARTY }, { partyId: PARTY, address: { line1: 'x 1', country: 'PL' } })).toMatchObject({ ok: false });
  });
});

describe('a case person’s first address, from the register', () => {
  const address = { line1: 'ul. Długa 5', town: 'Gdańsk', postcode: '80-827', country: 'PL' };
  it('is recorded as envelope lines when the case has none', () => {
    expect(decideRecordLiabilityAddress({ liability: { id: 'l', partyId: PARTY, addressLines: null } }, { liabilityId: 'l', partyId: PARTY, address })).toEqual({
      ok: true,
      events: [{ type: 'LiabilityAddressRecorded', payload: { liabilityId: 'l', partyId: PARTY, addressLines: ['ul. Długa 5', '80-827 Gdańsk', 'PL'] } }],
    });
  });

  it('is refused before the person is identified, or when the case has an address (a change needs a second officer)', () => {
    expect(decideRecordLiabilityAddress({ liability: { id: 'l', partyId: null, addressLines: null } }, { liabilityId: 'l', partyId: PARTY, address })).toMatchObject({ ok: false, message: 'Identify the person in the register first' });
    expect(decideRecordLiabilityAddress({ liability: { id: 'l', partyId: PARTY, addressLines: ['Old 1'] } }, { liabilityId: 'l', partyId: PARTY, address })).toMatchObject({ ok: false, message: expect.stringContaining('second officer') });
  });
});
