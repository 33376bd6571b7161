import { describe, expect, it } from 'vitest';
import { liabilityAt, OFFICERS, openDriverLiability } from '../liability/liability-factories.js';
import { actor, caseFile, driver, DRIVER_ID, NOW, recorded } from './case-factories.js';
import {
  decideApproveAddressChange,
  decideMarkLettersPosted,
  decideProposeAddressChange,
  decideRecordDataBreach,
  decideRecordResponseDocuments,
  decideRejectAddressChange,
  type LetterOnCase,
} from './correspondence.js';

const LETTER = '0f3a2b1c-0000-4000-8000-0000000000a9';
const ao = { actor: actor(OFFICERS.ao), now: NOW };
const eo = { actor: actor(OFFICERS.eo), now: NOW };
const open = (events = [] as ReturnType<typeof recorded>[], state = openDriverLiability()) => caseFile([{ row: driver(), state }], { events });

describe('decideMarkLettersPosted', () => {
  const letter = { id: LETTER, liabilityId: DRIVER_ID, form: 'IS11E', title: 'Initial notice' };

  it('records each letter as posted', () => {
    expect(decideMarkLettersPosted(open(), { letters: [letter] })).toEqual({ ok: true, events: [{ type: 'LetterPosted', payload: { letterId: LETTER, liabilityId: DRIVER_ID, form: 'IS11E', title: 'Initial notice' } }] });
  });

  it('refuses a letter already posted', () => {
    const posted = recorded('LetterPosted', { letterId: LETTER, liabilityId: DRIVER_ID, form: 'IS11E', title: 'Initial notice' });
    expect(decideMarkLettersPosted(open([posted]), { letters: [letter] })).toMatchObject({ ok: false, message: 'Initial notice was already marked as posted. Reload the outbox.' });
  });
});

describe('decideRecordResponseDocuments', () => {
  const documents = { liabilityId: DRIVER_ID, about: 'response' as const, description: 'Seal log', files: [{ hash: 'a'.repeat(64), originalName: 'log.pdf', mediaType: 'application/pdf', size: 1 }] };
  const noticeSent = liabilityAt('initial-notice-sent').state; // sent 2025-03-20

  it('records documents received on or after the initial notice', () => {
    expect(decideRecordResponseDocuments(open([], noticeSent), { ...documents, receivedOn: '2025-03-25' }, ao)).toEqual({
      ok: true,
      events: [{ type: 'ResponseDocumentsReceived', payload: { ...documents, receivedOn: '2025-03-25' } }],
    });
  });

  it('refuses without an initial notice, before it, in the future, and evidence for an objection never made', () => {
    expect(decideRecordResponseDocuments(open(), { ...documents, receivedOn: '2025-03-25' }, ao)).toMatchObject({ ok: false, message: expect.stringMatching(/^No initial notice has been sent to Driver Piotr Kowalski/) });
    expect(decideRecordResponseDocuments(open([], noticeSent), { ...documents, receivedOn: '2025-03-19' }, ao)).toMatchObject({ ok: false, errors: [{ field: 'receivedOn' }] });
    expect(decideRecordResponseDocuments(open([], noticeSent), { ...documents, receivedOn: '2025-06-03' }, ao)).toMatchObject({
      ok: false,
      message: 'The date the documents were received must be today or in the past',
    });
    expect(decideRecordResponseDocuments(open([], noticeSent), { ...documents, about: 'objection', receivedOn: '2025-03-25' }, ao)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^No objection has been recorded/),
    });
  });
});

describe('address changes', () => {
  const address = { liabilityId: DRIVER_ID, line1: 'ul. Długa 5', town: 'Łódź', postcode: '90-001', country: 'PL', reason: 'On the questionnaire' };
  const proposed = () => {
    const decision = decideProposeAddressChange(open(), address);
    if (!decision.ok) throw new Error(decision.message);
    return recorded(decision.events[0]!.type, decision.events[0]!.payload, { id: OFFICERS.ao.id, name: 'Ada' });
  };

  it('proposes a new address, then a different officer approves it', () => {
    const proposal = proposed();
    expect(proposal.payload).toMatchObject({ addressLines: ['ul. Długa 5', '90-001 Łódź', 'PL'], previousAddressLines: ['ul. Portowa 1', '81-300 Gdynia', 'Poland'] });
    expect(decideApproveAddressChange(open([proposal]), { liabilityId: DRIVER_ID, proposal: proposal.version }, eo)).toEqual({
      ok: true,
      events: [{ type: 'AddressChangeApproved', payload: { liabilityId: DRIVER_ID, proposal: proposal.version, addressLines: proposal.payload.addressLines } }],
    });
  });

  it('refuses the same address, a second proposal while one waits, and approval by the proposer or of another proposal', () => {
    const atPortowa = caseFile([{ row: driver({ addressLines: ['ul. Portowa 1', '81-300 Gdynia', 'PL'] }), state: openDriverLiability() }]);
    expect(decideProposeAddressChange(atPortowa, { ...address, line1: 'ul. Portowa 1', postcode: '81-300', town: 'Gdynia' })).toMatchObject({ ok: false, errors: [{ field: 'line1' }] });
    const proposal = proposed();
    expect(decideProposeAddressChange(open([proposal]), address)).toMatchObject({ ok: false, message: expect.stringMatching(/is already waiting for approval \(proposed by Ada\)/) });
    expect(decideApproveAddressChange(open([proposal]), { liabilityId: DRIVER_ID, proposal: proposal.version }, ao)).toMatchObject({ ok: false, message: expect.stringMatching(/^You proposed this address change/) });
    expect(decideApproveAddressChange(open([proposal]), { liabilityId: DRIVER_ID, proposal: proposal.version + 1 }, eo)).toMatchObject({ ok: false, message: expect.stringMatching(/^This address change is no longer waiting/) });
  });

  it('lets the proposer withdraw it and an approver reject it, with a reason; refuses anyone else', () => {
    const proposal = proposed();
    const input = { liabilityId: DRIVER_ID, proposal: proposal.version, reason: 'Not their address' };
    expect(decideRejectAddressChange(open([proposal]), input, ao)).toMatchObject({ ok: true, events: [{ type: 'AddressChangeRejected', payload: { withdrawn: true, reason: 'Not their address' } }] });
    expect(decideRejectAddressChange(open([proposal]), input, eo)).toMatchObject({ ok: true, events: [{ payload: { withdrawn: false } }] });
    const anotherAo = { actor: actor({ id: 'ao-abe', roles: ['caseworker-ao'] }), now: NOW };
    expect(decideRejectAddressChange(open([proposal]), input, anotherAo)).toMatchObject({ ok: false, message: expect.stringMatching(/^Only a caseworker EO, an assurer/) });
    expect(decideRejectAddressChange(open([proposal]), { ...input, reason: undefined }, eo)).toMatchObject({ ok: false, errors: [{ field: 'reason' }] });
  });
});

describe('decideRecordDataBreach', () => {
  const letter: LetterOnCase = { id: LETTER, liabilityId: DRIVER_ID, form: 'IS11E', title: 'Initial notice', addressLines: ['1 Wrong Street'], createdOn: '2025-05-01' };
  const breach = { letterId: LETTER, foundOn: '2025-05-30', disclosed: 'The notice', riskLevel: 'high' as const, riskReasons: 'Personal data', actionsTaken: 'Asked for it back', lettersSent: [] };
  const file = () => ({ ...open(), letter });

  it('records the breach; a high risk must be told to the ICO within 72 hours', () => {
    expect(decideRecordDataBreach(file(), breach, ao)).toMatchObject({ ok: true, events: [{ type: 'DataBreachRecorded', payload: { letterTitle: 'Initial notice', icoMustBeTold: true, icoReportBy: '2025-06-02' } }] });
    expect(decideRecordDataBreach(file(), { ...breach, riskLevel: 'low', icoMustBeTold: 'no' }, ao)).toMatchObject({ ok: true, events: [{ payload: { icoMustBeTold: false, icoReportBy: null } }] });
  });

  it('refuses another letter, and a breach found before the letter or in the future', () => {
    expect(decideRecordDataBreach(file(), { ...breach, letterId: DRIVER_ID }, ao)).toMatchObject({ ok: false, message: 'That letter is not part of this case.' });
    expect(decideRecordDataBreach(file(), { ...breach, foundOn: '2025-04-30' }, ao)).toMatchObject({ ok: false, errors: [{ field: 'foundOn', message: expect.stringMatching(/on or after the letter was produced \(2025-05-01\)/) }] });
    expect(decideRecordDataBreach(file(), { ...breach, foundOn: '2025-06-03' }, ao)).toMatchObject({ ok: false, errors: [{ field: 'foundOn', message: 'The date the breach was found must be today or in the past' }] });
  });
});
