import { describe, expect, it } from 'vitest';
import type { WriteOffReason } from './actions.js';
import { determineAndAssure, attempt, liabilityAt, OFFICERS, openDriverLiability, refusal, run } from './liability-factories.js';

const { eo, so, so2, finance } = OFFICERS;
const propose = (reason: WriteOffReason) => ({ type: 'proposeWriteOff' as const, reason, explanation: 'Explained on the case' });

describe('approving a write-off', () => {
  const { state } = liabilityAt('write-off-proposed');

  it('refuses a write-off dated before the incident', () => {
    expect(refusal(state, { type: 'approveWriteOff', writtenOffOn: '2025-03-09' }, so, '2025-07-02')).toEqual([
      'The write-off date (2025-03-09) is before the incident (2025-03-10). Check the date.',
    ]);
  });

  it('refuses a write-off dated before it was proposed, or in the future', () => {
    expect(refusal(state, { type: 'approveWriteOff', writtenOffOn: '2025-06-30' }, so, '2025-07-02')).toEqual([
      'The write-off date (2025-06-30) is before the date it was proposed (2025-07-01). Check both dates.',
    ]);
    expect(refusal(state, { type: 'approveWriteOff', writtenOffOn: '2025-07-03' }, so, '2025-07-02')[0]).toMatch(/in the future/);
  });

  it('needs a senior officer other than the proposer', () => {
    const proposedBySo = run(liabilityAt('overdue').state, propose('uneconomic'), so, '2025-07-01');
    expect(refusal(proposedBySo, { type: 'approveWriteOff' }, so, '2025-07-02')).toEqual(['You proposed this write-off, so another senior officer must approve it.']);
    const written = run(proposedBySo, { type: 'approveWriteOff' }, so2, '2025-07-02');
    expect(written.stage).toBe('written-off');
    expect(written.writeOff).toMatchObject({ reason: 'uneconomic', approvedBy: 'so-sue', writtenOffOn: '2025-07-02' });
  });

  it('rejected, returns the liability to where it was', () => {
    expect(run(state, { type: 'rejectWriteOff', note: 'Try the debt collector first' }, so, '2025-07-02').stage).toBe('overdue');
    expect(refusal(state, { type: 'rejectWriteOff', note: '' }, so, '2025-07-02')).toEqual(['Enter why the write-off is rejected.']);
  });
});

describe('the reason for a write-off must be true of the liability', () => {
  it('deadline missed: only once the initial notice can no longer be sent, or the last day to impose has passed', () => {
    const fresh = openDriverLiability();
    expect(refusal(fresh, propose('deadline-missed'), eo, '2025-08-07')).toEqual([
      'The deadline has not been missed: the initial notice can be sent until 2025-08-07 and the penalty imposed until 2025-09-05.',
    ]);
    expect(attempt(fresh, propose('deadline-missed'), eo, '2025-08-08').ok).toBe(true);
    const { state: assured } = liabilityAt('assured');
    expect(refusal(assured, propose('deadline-missed'), eo, '2025-09-05')).toEqual(['The deadline has not been missed: the penalty can be imposed until 2025-09-05.']);
    expect(attempt(assured, propose('deadline-missed'), eo, '2025-09-06').ok).toBe(true);
    const { state: imposed } = liabilityAt('imposed');
    expect(refusal(imposed, propose('deadline-missed'), eo, '2025-09-06')).toEqual(['The penalty notice was issued on 2025-04-25, within the deadline. Choose another reason.']);
  });

  it('deadline missed: an old-regime incident has no last day', () => {
    const old = openDriverLiability({ offence: 'S32', incidentDate: '2023-02-10' });
    expect(refusal(old, propose('deadline-missed'), eo, '2025-01-01')).toEqual(['The incident falls under the old regime, which has no last day to impose. Choose another reason.']);
  });

  it('criminal investigation: only while the case is with an investigation team', () => {
    expect(refusal(liabilityAt('assured').state, propose('criminal-investigation'), eo, '2025-04-10')).toEqual([
      'This liability is not with a criminal investigation team. Choose another reason.',
    ]);
    expect(attempt(liabilityAt('criminal-investigation-accepted').state, propose('criminal-investigation'), eo, '2025-04-10').ok).toBe(true);
  });

  it('insolvency and uneconomic: only when a penalty is owed', () => {
    expect(refusal(liabilityAt('assured').state, propose('insolvency'), eo, '2025-04-10')).toEqual(['Nothing is owed until a penalty is imposed. Choose another reason.']);
    expect(attempt(liabilityAt('overdue').state, propose('insolvency'), finance, '2025-07-01').ok).toBe(true);
  });

  it('limitation: six years from the payment due date, not from the incident', () => {
    const { state } = liabilityAt('overdue');
    expect(refusal(state, propose('limitation'), finance, '2031-06-24')[0]).toMatch(/^The debt can still be recovered until 2031-06-24/);
    expect(attempt(state, propose('limitation'), finance, '2031-06-25').ok).toBe(true);
  });

  it('cancelled: only after a cancellation on objection or appeal', () => {
    const { state } = liabilityAt('objection-received');
    expect(refusal(state, propose('cancelled'), eo, '2025-05-10')).toEqual(['The penalty has not been cancelled. Choose another reason.']);
    const cancelled = determineAndAssure(state, { type: 'determineObjection', outcome: 'cancel', reasons: 'Duress accepted' }, so, '2025-05-10');
    expect(run(cancelled, propose('cancelled'), eo, '2025-05-11').stage).toBe('write-off-proposed');
  });

  it('needs an explanation and a reason from the list', () => {
    expect(refusal(liabilityAt('overdue').state, { type: 'proposeWriteOff', reason: 'bored' as WriteOffReason, explanation: '' }, eo, '2025-07-01')).toEqual([
      '"bored" is not a reason for write-off. Choose from: Deadline missed, Criminal investigation, Insolvency, Uneconomic to recover, Limitation period passed, Penalty cancelled.',
      'Enter why the liability should be written off.',
    ]);
  });
});
