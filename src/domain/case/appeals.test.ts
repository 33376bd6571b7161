import { describe, expect, it } from 'vitest';
import { liabilityAt, OFFICERS, openDriverLiability } from '../liability/liability-factories.js';
import { decideCheckBundleItems, decideRecordWitnessStatement, decideScheduleHearing } from './appeals.js';
import { actor, caseFile, driver, DRIVER_ID, NOW, recorded } from './case-factories.js';

const HEARING = '0f3a2b1c-0000-4000-8000-0000000000b1';
const lodged = liabilityAt('appeal-lodged').state; // lodged 2025-05-20, not yet allocated
const allocated = { ...lodged, appeal: { ...lodged.appeal!, allocatedTo: OFFICERS.fresh.id } };
const manager = { actor: actor(OFFICERS.manager), now: NOW };
const fresh = { actor: actor(OFFICERS.fresh), now: NOW };
const hearing = { liabilityId: DRIVER_ID, hearingId: HEARING, hearingOn: '2025-07-01', court: 'Dover County Court', type: 'final' as const };

describe('decideScheduleHearing', () => {
  it('records the hearing for the officer the appeal is allocated to, or a manager', () => {
    const expected = { ok: true, events: [{ type: 'AppealHearingScheduled', payload: hearing }] };
    expect(decideScheduleHearing(caseFile([{ row: driver(), state: allocated }]), hearing, fresh)).toEqual(expected);
    expect(decideScheduleHearing(caseFile([{ row: driver(), state: lodged }]), hearing, manager)).toEqual(expected);
  });

  it('refuses without an appeal, another officer, before allocation, and a hearing before the appeal was lodged', () => {
    expect(decideScheduleHearing(caseFile([{ row: driver(), state: openDriverLiability() }]), hearing, manager)).toEqual({ ok: false, message: 'No appeal has been lodged for this person' });
    expect(decideScheduleHearing(caseFile([{ row: driver(), state: allocated }]), hearing, { actor: actor(OFFICERS.eo), now: NOW })).toEqual({
      ok: false,
      message: 'Only the officer the appeal is allocated to, or a manager, can prepare it',
    });
    expect(decideScheduleHearing(caseFile([{ row: driver(), state: lodged }]), hearing, fresh)).toMatchObject({ ok: false, message: expect.stringMatching(/^The appeal has not been allocated yet/) });
    expect(decideScheduleHearing(caseFile([{ row: driver(), state: allocated }]), { ...hearing, hearingOn: '2025-05-19' }, fresh)).toMatchObject({
      ok: false,
      errors: [{ field: 'hearingOn', message: 'The hearing date must be on or after 2025-05-20, when the appeal was lodged' }],
    });
    expect(decideScheduleHearing(caseFile([]), hearing, manager)).toEqual({ ok: false, message: 'That responsible person is not on this case' });
  });
});

describe('decideCheckBundleItems', () => {
  it('records one event per item ticked or unticked', () => {
    const ticked = recorded('AppealBundleItemChecked', { liabilityId: DRIVER_ID, item: 'penalty-notice', checked: true });
    const file = caseFile([{ row: driver(), state: allocated }], { events: [ticked] });
    expect(decideCheckBundleItems(file, { liabilityId: DRIVER_ID, checked: ['witness-statement'] }, fresh)).toEqual({
      ok: true,
      events: [
        { type: 'AppealBundleItemChecked', payload: { liabilityId: DRIVER_ID, item: 'penalty-notice', checked: false } },
        { type: 'AppealBundleItemChecked', payload: { liabilityId: DRIVER_ID, item: 'witness-statement', checked: true } },
      ],
    });
  });

  it('refuses when nothing changes', () => {
    expect(decideCheckBundleItems(caseFile([{ row: driver(), state: allocated }]), { liabilityId: DRIVER_ID, checked: [] }, fresh)).toEqual({
      ok: false,
      message: 'Nothing was changed: tick or untick at least one item',
    });
  });
});

describe('decideRecordWitnessStatement', () => {
  const statement = { liabilityId: DRIVER_ID, text: 'I saw the seals.', madeBy: 'Officer A', madeOn: '2025-05-02' };

  it('records the statement', () => {
    expect(decideRecordWitnessStatement(caseFile([{ row: driver(), state: allocated }]), statement, fresh)).toEqual({ ok: true, events: [{ type: 'AppealWitnessStatementRecorded', payload: statement }] });
  });

  it('refuses once the court has decided', () => {
    const decided = liabilityAt('appeal-decided').state;
    expect(decideRecordWitnessStatement(caseFile([{ row: driver(), state: decided }]), statement, manager)).toEqual({
      ok: false,
      message: 'The court has decided this appeal: there is nothing left to prepare',
    });
  });
});
