import { describe, expect, it } from 'vitest';
import { attempt, liabilityAt, OFFICERS, openDriverLiability, refusal, run } from './liability-factories.js';

const { ao, eo, so } = OFFICERS;

describe('criminal investigation referral', () => {
  it('keeps the stage it left and returns there when declined', () => {
    const { state } = liabilityAt('assured');
    const referred = run(state, { type: 'referForCriminalInvestigation', referredOn: '2025-04-08', team: 'NCA' }, eo, '2025-04-08');
    expect(referred.stage).toBe('criminal-investigation');
    expect(referred.investigation?.stageBefore).toBe('assured');
    expect(run(referred, { type: 'recordInvestigationOutcome', outcome: 'declined', decidedOn: '2025-04-09' }, eo, '2025-04-09').stage).toBe('assured');
  });

  it('returns an accepted case to its stage while the last day to impose has not passed', () => {
    const { state } = liabilityAt('criminal-investigation-accepted');
    expect(run(state, { type: 'recordInvestigationReturn', returnedOn: '2025-09-05' }, eo, '2025-09-05').stage).toBe('case-created');
    expect(refusal(state, { type: 'recordInvestigationReturn', returnedOn: '2025-09-06' }, eo, '2025-09-06')).toEqual([
      'The last day to impose was 2025-09-05, so the case cannot resume. Propose write-off (criminal investigation) instead.',
    ]);
    expect(refusal(state, { type: 'recordInvestigationReturn', returnedOn: '2025-03-13' }, eo, '2025-03-20')).toEqual([
      'The date the case came back (2025-03-13) is before the team took it (2025-03-14). Check both dates.',
    ]);
  });

  it('refuses impossible dates and a second referral', () => {
    expect(refusal(openDriverLiability(), { type: 'referForCriminalInvestigation', referredOn: '2025-03-09', team: 'NCA' }, eo, '2025-03-12')).toEqual([
      'The date of the referral (2025-03-09) is before the incident (2025-03-10). Check the date.',
    ]);
    const { state } = liabilityAt('criminal-investigation');
    expect(refusal(state, { type: 'referForCriminalInvestigation', referredOn: '2025-03-13', team: 'NCA' }, eo, '2025-03-13')[0]).toMatch(/^You cannot refer for criminal investigation at the stage “Referred for criminal investigation”/);
  });
});

describe('discretion not to pursue a penalty', () => {
  const decideNotToRefer = (reasonCode: 'self-declaration' | 'public-interest') => ({ type: 'decideNotToRefer' as const, reasonCode, explanation: 'Reasons recorded' });

  it('a caseworker may decide it for a recorded self-declaration', () => {
    expect(refusal(openDriverLiability(), decideNotToRefer('self-declaration'), ao, '2025-03-12')).toEqual([
      'No self-declaration is recorded on the incident. Record when, where and to whom the driver declared it first.',
    ]);
    expect(run(openDriverLiability({ selfDeclared: true }), decideNotToRefer('self-declaration'), ao, '2025-03-12').stage).toBe('not-referred');
  });

  it('any other reason needs a senior officer', () => {
    expect(refusal(openDriverLiability(), decideNotToRefer('public-interest'), ao, '2025-03-12')).toEqual([
      'Only a senior officer may decide not to pursue a penalty for this reason; a caseworker may only for a recorded self-declaration.',
    ]);
    const decision = attempt(openDriverLiability(), decideNotToRefer('public-interest'), so, '2025-03-12');
    expect(decision.ok && decision.events[0]?.payload).toMatchObject({ reasonCode: 'public-interest', bySeniorOfficer: true });
  });
});
