import { describe, expect, it } from 'vitest';
import { ALL_NOTICE_CHECKS, attempt, CHECK_NOTICE, INCIDENT_DATE, noticeChecked, liabilityAt, OFFICERS, openDriverLiability, refusal, run } from './liability-factories.js';

const { ao, eo } = OFFICERS;

describe('the second officer’s check of the name and address (seed 003 §10.106)', () => {
  const { ho } = OFFICERS;

  it('refuses to send the initial notice until the name and address are checked', () => {
    expect(refusal(openDriverLiability(), { type: 'sendInitialNotice' }, ao, '2025-03-20')).toEqual([
      'A second officer must check the name and address (and tick the checklist) before the initial notice is sent.',
    ]);
  });

  it('records the check with the address seen and every item ticked, the stage unchanged', () => {
    const decision = attempt(openDriverLiability(), { type: 'checkNoticeDetails', checklist: [...ALL_NOTICE_CHECKS].reverse() }, ho, '2025-03-19');
    expect(decision).toMatchObject({ ok: true, stage: 'case-created' });
    expect(decision.ok && decision.events).toEqual([
      { type: 'NoticeDetailsChecked', payload: { address: 'ul. Portowa 1, 81-300 Gdynia, Poland', checklist: ALL_NOTICE_CHECKS, by: 'ho-hal', on: '2025-03-19' } },
    ]);
  });

  it('refuses a check with an item not ticked, naming it', () => {
    const reasons = refusal(openDriverLiability(), { type: 'checkNoticeDetails', checklist: ALL_NOTICE_CHECKS.filter((item) => item !== 'address-complete') }, ho, '2025-03-19');
    expect(reasons).toEqual([expect.stringMatching(/^Tick every item.*the postal address is complete/)]);
  });

  it('refuses the notice to the officer who checked it: another officer must send it', () => {
    const checked = noticeChecked(openDriverLiability(), '2025-03-19', ao);
    expect(refusal(checked, { type: 'sendInitialNotice' }, ao, '2025-03-20')).toEqual(['You checked the name and address, so another officer must send the initial notice.']);
    expect(attempt(checked, { type: 'sendInitialNotice' }, OFFICERS.eo, '2025-03-20').ok).toBe(true);
  });

  it('needs a fresh check when the address changed after the check', () => {
    const moved = { ...noticeChecked(openDriverLiability(), '2025-03-19'), postalAddress: 'ul. Morska 5, 81-225 Gdynia, Poland' };
    expect(refusal(moved, { type: 'sendInitialNotice' }, ao, '2025-03-20')[0]).toMatch(/address has changed since it was checked/);
    expect(attempt(moved, CHECK_NOTICE, ho, '2025-03-20').ok).toBe(true);
    expect(refusal(noticeChecked(openDriverLiability(), '2025-03-19'), CHECK_NOTICE, OFFICERS.ho2, '2025-03-20')).toEqual(['The name and address are already checked for this address.']);
  });
});

describe('sending the initial notice', () => {
  it('sends it to the recorded address and opens the response window', () => {
    const decision = attempt(noticeChecked(openDriverLiability(), '2025-03-19'), { type: 'sendInitialNotice' }, ao, '2025-03-20');
    expect(decision).toMatchObject({ ok: true, stage: 'initial-notice-sent' });
    expect(decision.ok && decision.events).toEqual([
      { type: 'InitialNoticeSent', payload: { address: 'ul. Portowa 1, 81-300 Gdynia, Poland', resend: false, by: 'ao-ada', on: '2025-03-20' } },
    ]);
  });

  it('refuses to send without a postal address', () => {
    expect(refusal(openDriverLiability({ postalAddress: '  ' }), { type: 'sendInitialNotice' }, ao, '2025-03-20')).toEqual([
      'There is no postal address for this person. Record their address in the parties register before sending the initial notice.',
    ]);
  });

  it('refuses after day 151 and says to propose write-off (the clock’s guard)', () => {
    const checked = noticeChecked(openDriverLiability(), '2025-08-01');
    expect(attempt(checked, { type: 'sendInitialNotice' }, ao, '2025-08-07').ok).toBe(true);
    const reasons = refusal(checked, { type: 'sendInitialNotice' }, ao, '2025-08-08');
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(/last day to send the initial notice was 2025-08-07.*Propose the case for write-off/);
  });

  it('counts a lorry drop from the earlier of arrival and detection', () => {
    const lorryDrop = openDriverLiability({ lorryDrop: { estimatedArrivalDate: '2025-03-08', detectionDate: INCIDENT_DATE } });
    expect(refusal(noticeChecked(lorryDrop, '2025-08-01'), { type: 'sendInitialNotice' }, ao, '2025-08-06')[0]).toMatch(/was 2025-08-05/);
  });
});

describe('the response window', () => {
  it('closes when a response is recorded, and flags a late one', () => {
    const { state } = liabilityAt('initial-notice-sent');
    const inTime = run(state, { type: 'recordResponse', receivedOn: '2025-04-17' }, ao, '2025-04-17');
    expect(inTime.stage).toBe('response-window-closed');
    expect(inTime.responses).toEqual([{ receivedOn: '2025-04-17', late: false, summary: null }]);
    const late = run(state, { type: 'recordResponse', receivedOn: '2025-04-18' }, ao, '2025-04-20');
    expect(late.responses[0]?.late).toBe(true);
  });

  it('refuses a response dated before the notice, before the incident or in the future', () => {
    const { state } = liabilityAt('initial-notice-sent');
    expect(refusal(state, { type: 'recordResponse', receivedOn: '2025-03-19' }, ao, '2025-04-01')).toEqual([
      'The date the response was received (2025-03-19) is before the initial notice was sent (2025-03-20). Check both dates.',
    ]);
    expect(refusal(state, { type: 'recordResponse', receivedOn: '2025-03-01' }, ao, '2025-04-01')[0]).toMatch(/before the incident \(2025-03-10\)/);
    expect(refusal(state, { type: 'recordResponse', receivedOn: '2025-04-02' }, ao, '2025-04-01')[0]).toMatch(/in the future/);
    expect(refusal(state, { type: 'recordResponse', receivedOn: '2025-02-30' }, ao, '2025-04-01')[0]).toMatch(/not a real date/);
  });

  it('refuses to close the window without a response before the due date passes', () => {
    const { state } = liabilityAt('initial-notice-sent');
    expect(refusal(state, { type: 'closeResponseWindow' }, ao, '2025-04-17')).toEqual([
      'The response window is open until 2025-04-17. Record the response if one arrives; otherwise close the window from 2025-04-18.',
    ]);
    expect(run(state, { type: 'closeResponseWindow' }, ao, '2025-04-18').stage).toBe('response-window-closed');
  });
});

describe('a notice sent to a wrong address', () => {
  const assured = liabilityAt('assured').state;
  const wrong = run(assured, { type: 'recordNoticeSentToWrongAddress', reason: 'Returned: addressee unknown' }, eo, '2025-04-10');

  it('keeps the stage and waits for the notice to be re-sent', () => {
    expect(wrong.stage).toBe('assured');
    expect(wrong.initialNoticeResend).toMatchObject({ wrongAddress: 'ul. Portowa 1, 81-300 Gdynia, Poland', requiredBy: 'eo-eve' });
    expect(refusal(wrong, { type: 'recordNoticeSentToWrongAddress', reason: 'again' }, eo, '2025-04-11')).toEqual([
      'A wrong address is already recorded; the notice is waiting to be re-sent.',
    ]);
  });

  it('needs the reason, and a corrected address before re-sending', () => {
    expect(refusal(assured, { type: 'recordNoticeSentToWrongAddress', reason: ' ' }, eo, '2025-04-10')).toEqual(['Enter why the address was wrong.']);
    expect(refusal(wrong, { type: 'resendInitialNotice' }, ao, '2025-04-11')).toEqual([
      'The postal address is still the one the notice went to wrongly (ul. Portowa 1, 81-300 Gdynia, Poland). Record the corrected address first.',
    ]);
    expect(refusal(assured, { type: 'resendInitialNotice' }, ao, '2025-04-11')).toEqual([
      'No initial notice is waiting to be re-sent. Record that a notice went to a wrong address first.',
    ]);
  });

  it('re-sent, opens a fresh response window and needs assurance again', () => {
    const resent = run({ ...wrong, postalAddress: 'ul. Morska 5, 81-225 Gdynia, Poland' }, { type: 'resendInitialNotice' }, ao, '2025-04-11');
    expect(resent.stage).toBe('initial-notice-sent');
    expect(resent.initialNotices.map((notice) => notice.sentOn)).toEqual(['2025-03-20', '2025-04-11']);
    expect(resent.initialNoticeResend).toBeUndefined();
    expect(resent.approval).toBeUndefined();
    expect(refusal(resent, { type: 'closeResponseWindow' }, ao, '2025-05-09')[0]).toMatch(/open until 2025-05-09/);
  });
});
