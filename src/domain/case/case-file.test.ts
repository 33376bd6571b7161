import { describe, expect, it } from 'vitest';
import { attempt, noticeChecked, OFFICERS, openDriverLiability, POLICY } from '../liability/liability-factories.js';
import { caseStage, foldCaseFile } from './case-file.js';
import { company, driver, DRIVER_ID, kase, recorded } from './case-factories.js';

describe('foldCaseFile', () => {
  it('folds each liability from its own events on the case stream, with the policy in force on the incident date', () => {
    const sent = attempt(noticeChecked(openDriverLiability(), '2025-03-19'), { type: 'sendInitialNotice' }, OFFICERS.ao, '2025-03-20');
    if (!sent.ok) throw new Error(sent.reasons.join(' '));
    const events = sent.events.map((event) => recorded(event.type, { ...event.payload, liabilityId: DRIVER_ID }, OFFICERS.ao, new Date('2025-03-20T10:00:00Z')));
    const file = foldCaseFile(kase(), [driver(), company()], events, [POLICY]);
    expect(file.policy).toEqual({ ok: true, policyVersion: POLICY });
    expect([...file.states.values()].map((state) => state.stage)).toEqual(['initial-notice-sent', 'case-created']);
    expect(file.states.get(DRIVER_ID)?.postalAddress).toBe('ul. Portowa 1, 81-300 Gdynia, Poland');
    expect(caseStage([...file.states.values()].map((state) => state.stage))).toBe('case-created');
  });

  it('says why there is no policy when none was in force on the incident date', () => {
    const file = foldCaseFile(kase(), [driver()], [], []);
    expect(file.policy.ok).toBe(false);
  });
});
