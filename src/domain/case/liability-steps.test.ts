import { describe, expect, it } from 'vitest';
import { noticeChecked, OFFICERS, openDriverLiability } from '../liability/liability-factories.js';
import { actor, caseFile, company, COMPANY_ID, driver, DRIVER_ID } from './case-factories.js';
import { decideLiabilitySteps } from './liability-steps.js';

const on = (day: string) => new Date(`${day}T10:00:00Z`);
const both = () =>
  caseFile([
    { row: driver(), state: noticeChecked(openDriverLiability(), '2025-03-19') },
    { row: company(), state: noticeChecked(openDriverLiability({ role: 'owner' }), '2025-03-19') },
  ]);

describe('decideLiabilitySteps', () => {
  it('asks the liability’s own decision for each chosen liability and records its events with the liability’s id', () => {
    const decision = decideLiabilitySteps(both(), { liabilityIds: [DRIVER_ID, COMPANY_ID, DRIVER_ID], action: { type: 'sendInitialNotice' } }, { actor: actor(OFFICERS.ao), now: on('2025-03-20') });
    expect(decision.ok).toBe(true);
    const ids = decision.ok ? decision.events.map((event) => [event.type, (event.payload as { liabilityId?: string }).liabilityId]) : [];
    expect(ids).toEqual([
      ['InitialNoticeSent', DRIVER_ID],
      ['InitialNoticeSent', COMPANY_ID],
    ]);
  });

  it('refuses a step that is not one, a case without a policy in force, and a liability not on the case', () => {
    const ao = { actor: actor(OFFICERS.ao), now: on('2025-03-20') };
    expect(decideLiabilitySteps(both(), { liabilityIds: [DRIVER_ID], action: { type: 'toString' } }, ao)).toEqual({ ok: false, message: '"toString" is not something that can be done to a case.' });
    const noPolicy = caseFile([{ row: driver(), state: openDriverLiability() }], { policy: false });
    expect(decideLiabilitySteps(noPolicy, { liabilityIds: [DRIVER_ID], action: { type: 'sendInitialNotice' } }, ao)).toEqual({ ok: false, message: 'No policy version was in force on 2025-03-10.' });
    expect(decideLiabilitySteps(both(), { liabilityIds: ['someone-else'], action: { type: 'sendInitialNotice' } }, ao)).toMatchObject({
      ok: false,
      errors: [{ field: 'action', message: 'One of the responsible persons chosen is not part of this case. Reload the case and try again.' }],
    });
  });

  it('refuses all when one is refused, naming the person only when several were chosen', () => {
    const finance = { actor: actor(OFFICERS.finance), now: on('2025-03-20') };
    const reason = 'Only a caseworker (AO) or a caseworker (EO) may send the initial notice.';
    expect(decideLiabilitySteps(both(), { liabilityIds: [DRIVER_ID], action: { type: 'sendInitialNotice' } }, finance)).toEqual({ ok: false, message: reason, errors: [{ field: 'action', message: reason }] });
    const several = decideLiabilitySteps(both(), { liabilityIds: [DRIVER_ID, COMPANY_ID], action: { type: 'sendInitialNotice' } }, finance);
    expect(several.ok ? [] : several.errors?.map((error) => error.message)).toEqual([`Driver Piotr Kowalski (S31A): ${reason}`, `Owner Trans-Pol Sp. z o.o. (S31A): ${reason}`]);
  });
});
