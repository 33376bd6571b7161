import { describe, expect, it } from 'vitest';
import { POLICY_2023_1 } from '../policy/default-policy.js';
import type { PolicyVersion } from '../policy/policy-parameters.js';
import {
  defaultPolicyVersion,
  discretion,
  penaltyFor,
  previousPenalty,
  refusalFor,
  s31aFacts,
  s32Facts,
} from './penalty-factories.js';
import { recomputeFromSteps } from './penalty-steps.js';

const pounds = (amount: number) => amount * 100;

describe('worked examples of DOMAIN.md §8', () => {
  it('1: S31A, driver, no previous S31A — £1,500', () => {
    expect(penaltyFor(s31aFacts({ role: 'driver' })).amountPence).toBe(pounds(1_500));
  });

  it('2: S31A, driver, one previous S31A three years ago — £3,000', () => {
    const result = penaltyFor(
      s31aFacts({ role: 'driver', incidentDate: '2026-04-01', previousPenalties: [previousPenalty('S31A', '2023-04-01')] }),
    );
    expect(result.startingLevelPence).toBe(pounds(3_000));
    expect(result.amountPence).toBe(pounds(3_000));
  });

  it('3: S31A, owner, CPAS member, not present, acted to ensure compliance — £0', () => {
    const result = penaltyFor(s31aFacts({ role: 'owner', cpasMember: true, compliedWithRegulations: true }));
    expect(result.startingLevelPence).toBe(pounds(1_500));
    expect(result.amountPence).toBe(0);
  });

  it('4: S31A, owner, two previous S31A, CPAS member, small company — £1,500', () => {
    const result = penaltyFor(
      s31aFacts({
        role: 'owner',
        incidentDate: '2025-05-01',
        previousPenalties: [previousPenalty('S31A', '2023-06-01'), previousPenalty('S31A', '2024-09-01')],
        cpasMember: true,
        means: { kind: 'company', band: 'small' },
      }),
    );
    expect(result.startingLevelPence).toBe(pounds(6_000));
    expect(result.steps.map((step) => step.amountPence)).toEqual([pounds(6_000), pounds(3_000), pounds(1_500), pounds(1_500), pounds(1_500)]);
    expect(result.amountPence).toBe(pounds(1_500));
  });

  it('5: S31A, owner, two previous S32 only, micro company — £375', () => {
    const result = penaltyFor(
      s31aFacts({
        role: 'owner',
        previousPenalties: [previousPenalty('S32', '2021-01-01'), previousPenalty('S32', '2022-05-01')],
        means: { kind: 'company', band: 'micro' },
      }),
    );
    expect(result.startingLevelPence).toBe(pounds(1_500));
    expect(result.amountPence).toBe(pounds(375));
  });

  it('6: S32, driver, 3 entrants, no previous, complied — £9,000', () => {
    const result = penaltyFor(s32Facts({ role: 'driver', clandestineEntrants: 3, compliedWithRegulations: true }));
    expect(result.startingLevelPence).toBe(pounds(18_000));
    expect(result.amountPence).toBe(pounds(9_000));
  });

  it('7: S32, owner, 1 entrant, CPAS member, acted to ensure compliance — £0', () => {
    expect(penaltyFor(s32Facts({ role: 'owner', cpasMember: true, compliedWithRegulations: true })).amountPence).toBe(0);
  });

  it('8: S32, owner, 8 entrants, not compliant, medium company — £36,000', () => {
    const result = penaltyFor(s32Facts({ role: 'owner', clandestineEntrants: 8, means: { kind: 'company', band: 'medium' } }));
    expect(result.startingLevelPence).toBe(pounds(48_000));
    expect(result.amountPence).toBe(pounds(36_000));
  });

  it('9: S32, owner, 8 entrants, acted to ensure compliance, medium company — £18,000', () => {
    const result = penaltyFor(
      s32Facts({ role: 'owner', clandestineEntrants: 8, compliedWithRegulations: true, means: { kind: 'company', band: 'medium' } }),
    );
    expect(result.amountPence).toBe(pounds(18_000));
  });

  it('10: S32, driver, 2 entrants, complied, self-declared, SO discretion 25% — £3,000', () => {
    const result = penaltyFor(
      s32Facts({ role: 'driver', clandestineEntrants: 2, compliedWithRegulations: true, discretion: [discretion(25)] }),
    );
    expect(result.amountPence).toBe(pounds(3_000));
  });

  it('11: S32, owner, 3 entrants, previous S32 five years and one day before — outside the window, £18,000', () => {
    const result = penaltyFor(
      s32Facts({ role: 'owner', incidentDate: '2025-06-10', clandestineEntrants: 3, previousPenalties: [previousPenalty('S32', '2020-06-09')] }),
    );
    expect(result.amountPence).toBe(pounds(18_000));
  });

  it('12: S32 on 10 Feb 2023 with 2 entrants is the old regime, at most £2,000 per entrant', () => {
    const result = penaltyFor(s32Facts({ role: 'owner', incidentDate: '2023-02-10', clandestineEntrants: 2 }));
    expect(result.regime).toBe('2002');
    expect(result.amountPence).toBeLessThanOrEqual(pounds(2_000) * 2);
    expect(result.amountPence).toBe(pounds(4_000));
    expect(result.warnings.some((warning) => warning.includes('Old regime'))).toBe(true);
  });
});

describe('output', () => {
  it('reports amount in pence and pounds, the regime, the policy version and the starting level', () => {
    const result = penaltyFor(s32Facts({ clandestineEntrants: 2 }));
    expect(result).toMatchObject({
      amountPence: pounds(12_000),
      amountPounds: 12_000,
      regime: '2023',
      policyVersion: '2023.1',
      startingLevelPence: pounds(12_000),
    });
  });

  it('shows every step with a label, a rule and the amount after it', () => {
    const result = penaltyFor(
      s32Facts({
        role: 'owner',
        clandestineEntrants: 2,
        cpasMember: true,
        discretion: [discretion(10)],
        means: { kind: 'company', band: 'micro' },
        postMeansDiscretion: discretion(20, 'PUBLIC_INTEREST', 'SO Khan'),
      }),
    );
    expect(result.steps.map((step) => step.rule)).toEqual([
      '£6,000 × 2 clandestine entrants',
      '50% of the starting level (reductions so far 50%)',
      '10% of the starting level (reductions so far 60%)',
      '75% off the amount so far',
      '20% off the amount so far',
      'lower of the amount so far and £10,000 × 2 clandestine entrants',
      'round down to a whole pound',
    ]);
    expect(result.steps.map((step) => step.amountPence)).toEqual([1_200_000, 600_000, 480_000, 120_000, 96_000, 96_000, 96_000]);
    // The policy's name for the reason, not its code.
    expect(result.steps[2]?.label).toContain('(reason Self-declaration');
    expect(result.steps[2]?.label).not.toContain('SELF_DECLARATION');
    expect(result.steps[2]?.label).toContain('SO Patel');
    expect(recomputeFromSteps(result.steps)).toEqual({ ok: true, amountPence: 96_000, amountsPence: result.steps.map((step) => step.amountPence) });
  });

  it('says which policy version it used', () => {
    const renamed: PolicyVersion = { ...defaultPolicyVersion(), version: '2031.4' };
    expect(penaltyFor(s31aFacts(), renamed).policyVersion).toBe('2031.4');
  });

  it('uses the numbers of the policy version it is given, not literals', () => {
    const policy: PolicyVersion = {
      version: '2030.1',
      effectiveFrom: '2018-01-01',
      parameters: { ...POLICY_2023_1, s31a: { ...POLICY_2023_1.s31a, startingLevelsPence: [pounds(2_000), pounds(4_000), pounds(6_000)] } },
    };
    expect(penaltyFor(s31aFacts(), policy).amountPence).toBe(pounds(2_000));
  });

  it('warns when the policy version took effect after the incident', () => {
    const later: PolicyVersion = { ...defaultPolicyVersion(), effectiveFrom: '2026-01-01' };
    expect(penaltyFor(s31aFacts(), later).warnings.join(' ')).toContain('after the incident');
  });
});

describe('starting level and the five-year window', () => {
  const withPrevious = (incidentDate: string, issuedOn: string) =>
    penaltyFor(s32Facts({ incidentDate, clandestineEntrants: 1, previousPenalties: [previousPenalty('S32', issuedOn)] })).startingLevelPence;

  it('counts a previous penalty issued on the same calendar date five years before', () => {
    expect(withPrevious('2025-06-10', '2020-06-10')).toBe(pounds(10_000));
  });

  it('does not count one issued the day before the window opens', () => {
    expect(withPrevious('2025-06-10', '2020-06-09')).toBe(pounds(6_000));
  });

  it('opens the window on 28 February when the incident is on 29 February', () => {
    expect(withPrevious('2024-02-29', '2019-02-28')).toBe(pounds(10_000));
    expect(withPrevious('2024-02-29', '2019-02-27')).toBe(pounds(6_000));
  });

  it('counts across a year end exactly five years back', () => {
    expect(withPrevious('2024-12-31', '2019-12-31')).toBe(pounds(10_000));
    expect(withPrevious('2025-01-01', '2019-12-31')).toBe(pounds(6_000));
  });

  it('counts a penalty issued the day before the incident', () => {
    expect(withPrevious('2025-06-10', '2025-06-09')).toBe(pounds(10_000));
  });

  it('does not count a penalty issued on the incident date itself, and says so', () => {
    const result = penaltyFor(s32Facts({ incidentDate: '2025-06-10', previousPenalties: [previousPenalty('S32', '2025-06-10')] }));
    expect(result.startingLevelPence).toBe(pounds(6_000));
    expect(result.warnings.join(' ')).toContain('issued on the incident date');
  });

  it('never counts a cancelled penalty, but counts one that is merely reduced or unpaid', () => {
    const cancelled = penaltyFor(s32Facts({ previousPenalties: [previousPenalty('S32', '2024-01-10', true)] }));
    const standing = penaltyFor(s32Facts({ previousPenalties: [previousPenalty('S32', '2024-01-10', false)] }));
    expect(cancelled.startingLevelPence).toBe(pounds(6_000));
    expect(standing.startingLevelPence).toBe(pounds(10_000));
  });

  it('caps the S31A starting level at the maximum from two previous penalties on', () => {
    const previous = ['2023-04-01', '2023-09-01', '2024-02-01', '2024-08-01'].map((date) => previousPenalty('S31A', date));
    expect(penaltyFor(s31aFacts({ previousPenalties: previous.slice(0, 2) })).startingLevelPence).toBe(pounds(6_000));
    expect(penaltyFor(s31aFacts({ previousPenalties: previous })).startingLevelPence).toBe(pounds(6_000));
  });

  it('never lets a penalty of the other offence raise the starting level', () => {
    expect(penaltyFor(s32Facts({ previousPenalties: [previousPenalty('S31A', '2024-01-10')] })).startingLevelPence).toBe(pounds(6_000));
  });

  it('names what it did not count in the starting-level step', () => {
    const result = penaltyFor(
      s32Facts({
        incidentDate: '2025-06-10',
        previousPenalties: [previousPenalty('S32', '2024-01-10', true), previousPenalty('S32', '2019-01-10'), previousPenalty('S31A', '2024-01-10')],
      }),
    );
    expect(result.steps[0]?.label).toContain('1 cancelled');
    expect(result.steps[0]?.label).toContain('1 before 2020-06-10');
    expect(result.steps[0]?.label).toContain('1 of the other offence');
  });
});

describe('the regime change on 13 February 2023', () => {
  it('treats an S32 incident on 12 February 2023 as the 2002 regime', () => {
    expect(penaltyFor(s32Facts({ incidentDate: '2023-02-12' })).regime).toBe('2002');
  });

  it('treats an S32 incident on 13 February 2023 as the 2023 regime', () => {
    const result = penaltyFor(s32Facts({ incidentDate: '2023-02-13' }));
    expect(result.regime).toBe('2023');
    expect(result.amountPence).toBe(pounds(6_000));
  });

  it('calculates S31A from 13 February 2023 and refuses it the day before', () => {
    expect(penaltyFor(s31aFacts({ incidentDate: '2023-02-13' })).amountPence).toBe(pounds(1_500));
    expect(refusalFor(s31aFacts({ incidentDate: '2023-02-12' })).join(' ')).toContain('only exists for incidents on or after 2023-02-13');
  });

  it('applies the same reductions under the 2002 regime, and ignores previous penalties there', () => {
    const result = penaltyFor(
      s32Facts({
        role: 'owner',
        incidentDate: '2022-10-01',
        clandestineEntrants: 3,
        cpasMember: true,
        previousPenalties: [previousPenalty('S32', '2021-01-01')],
      }),
    );
    expect(result.startingLevelPence).toBe(pounds(6_000));
    expect(result.amountPence).toBe(pounds(3_000));
  });
});

describe('reductions', () => {
  it('adds reductions together rather than compounding them', () => {
    // compounding would give 6,000 × 0.5 × 0.75 = 2,250
    const result = penaltyFor(s32Facts({ role: 'owner', cpasMember: true, discretion: [discretion(25)] }));
    expect(result.amountPence).toBe(pounds(1_500));
  });

  it('caps the reductions at 100% and warns', () => {
    const result = penaltyFor(
      s32Facts({ role: 'hirer', cpasMember: true, compliedWithRegulations: true, discretion: [discretion(25)] }),
    );
    expect(result.amountPence).toBe(0);
    expect(result.steps.at(-3)?.rule).toBe('25% of the starting level (reductions so far 125%, capped at 100%)');
    expect(result.warnings.join(' ')).toContain('capped at 100%');
  });

  it('gives a driver present on the journey no S31A compliance reduction, shows the step and flags it for legal check', () => {
    const result = penaltyFor(s31aFacts({ role: 'driver', compliedWithRegulations: true }));
    expect(result.amountPence).toBe(pounds(1_500));
    expect(result.steps[1]?.rule).toBe('0% of the starting level (reductions so far 0%)');
    expect(result.warnings.join(' ')).toContain('legal check');
  });

  it('gives a driver who did not drive this journey the 50% for acting to ensure compliance', () => {
    expect(penaltyFor(s31aFacts({ role: 'driver', presentOnJourney: false, compliedWithRegulations: true })).amountPence).toBe(pounds(750));
  });

  it('treats an owner who was on the journey like a driver for compliance', () => {
    expect(penaltyFor(s31aFacts({ role: 'owner', presentOnJourney: true, compliedWithRegulations: true })).amountPence).toBe(pounds(1_500));
    expect(penaltyFor(s32Facts({ role: 'owner', presentOnJourney: true, compliedWithRegulations: true })).amountPence).toBe(pounds(3_000));
  });

  it('gives nothing for partial or no compliance', () => {
    expect(penaltyFor(s32Facts({ role: 'owner', compliedWithRegulations: false })).amountPence).toBe(pounds(6_000));
  });

  it('warns when compliance was not recorded', () => {
    const result = penaltyFor(s32Facts({ compliedWithRegulations: undefined }));
    expect(result.amountPence).toBe(pounds(6_000));
    expect(result.warnings.join(' ')).toContain('not recorded');
  });

  it('ignores a CPAS flag set to false for a driver', () => {
    expect(penaltyFor(s32Facts({ role: 'driver', cpasMember: false })).amountPence).toBe(pounds(6_000));
  });

  it('takes a discretion percentage with two decimals exactly, rounding down to the penny and then the pound', () => {
    const result = penaltyFor(s32Facts({ role: 'owner', cpasMember: true, discretion: [discretion(33.33)] }));
    expect(result.steps.at(-3)?.amountPence).toBe(100_020);
    expect(result.amountPence).toBe(pounds(1_000));
  });
});

describe('means testing and discretion after it', () => {
  it.each([
    ['micro', 1_500],
    ['small', 3_000],
    ['medium', 4_500],
    ['large', 6_000],
  ] as const)('takes the %s company band off what remains', (band, expectedPounds) => {
    expect(penaltyFor(s32Facts({ role: 'owner', means: { kind: 'company', band } })).amountPence).toBe(pounds(expectedPounds));
  });

  it("replaces the remainder with an individual's assessed amount when it is lower", () => {
    expect(penaltyFor(s32Facts({ means: { kind: 'individual', assessedAmountPence: 184_300 } })).amountPence).toBe(pounds(1_843));
  });

  it("keeps the remainder when an individual's assessed amount is higher, and says so", () => {
    const result = penaltyFor(s32Facts({ means: { kind: 'individual', assessedAmountPence: pounds(9_000) } }));
    expect(result.amountPence).toBe(pounds(6_000));
    expect(result.warnings.join(' ')).toContain('does not change the penalty');
  });

  it('applies discretion after means testing to what means testing left', () => {
    const result = penaltyFor(
      s32Facts({ compliedWithRegulations: true, means: { kind: 'individual', assessedAmountPence: pounds(400) }, postMeansDiscretion: discretion(75) }),
    );
    expect(result.amountPence).toBe(pounds(100));
  });

  it('rounds a means-tested amount in pence down to a whole pound', () => {
    expect(penaltyFor(s32Facts({ means: { kind: 'individual', assessedAmountPence: 184_399 } })).amountPence).toBe(pounds(1_843));
  });
});

describe('per-person maximum', () => {
  it('limits the amount to the per-person maximum when a policy version starts above it', () => {
    const policy: PolicyVersion = {
      version: '2030.1',
      effectiveFrom: '2018-01-01',
      parameters: { ...POLICY_2023_1, s32: { ...POLICY_2023_1.s32, startingLevelsPerEntrantPence: [pounds(12_000)] } },
    };
    const result = penaltyFor(s32Facts({ clandestineEntrants: 2 }), policy);
    expect(result.startingLevelPence).toBe(pounds(24_000));
    expect(result.amountPence).toBe(pounds(20_000));
  });
});

describe('refusals', () => {
  it('refuses S32 with no clandestine entrants', () => {
    expect(refusalFor(s32Facts({ clandestineEntrants: undefined })).join(' ')).toContain('record how many were found');
    expect(refusalFor(s32Facts({ clandestineEntrants: 0 })).join(' ')).toContain('record how many were found');
  });

  it('refuses S31A with a clandestine entrant count', () => {
    expect(refusalFor(s31aFacts({ clandestineEntrants: 1 })).join(' ')).toContain('records no clandestine entrant count');
  });

  it('refuses S31A for a vehicle that is not a goods vehicle', () => {
    expect(refusalFor(s31aFacts({ vehicleKind: 'bus' })).join(' ')).toContain('only to goods vehicles');
  });

  it('refuses a CPAS reduction for a driver', () => {
    expect(refusalFor(s32Facts({ role: 'driver', cpasMember: true })).join(' ')).toContain('A driver cannot receive the CPAS reduction');
  });

  it('refuses discretion without an approver', () => {
    expect(refusalFor(s32Facts({ discretion: [discretion(25, 'SELF_DECLARATION', '  ')] })).join(' ')).toContain('has no approver');
    expect(refusalFor(s32Facts({ postMeansDiscretion: discretion(25, 'HARDSHIP', '') })).join(' ')).toContain('has no approver');
  });

  it('refuses discretion without a reason code', () => {
    expect(refusalFor(s32Facts({ discretion: [discretion(25, '')] })).join(' ')).toContain('no reason code');
  });

  it.each([-1, 100.01, 150])('refuses a discretion percentage of %s', (percent) => {
    expect(refusalFor(s32Facts({ discretion: [discretion(percent)] })).join(' ')).toContain('from 0 to 100');
  });

  it('accepts discretion percentages of exactly 0 and 100', () => {
    expect(penaltyFor(s32Facts({ discretion: [discretion(0)] })).amountPence).toBe(pounds(6_000));
    expect(penaltyFor(s32Facts({ discretion: [discretion(100)] })).amountPence).toBe(0);
  });

  it('refuses a percentage with more than two decimal places', () => {
    expect(refusalFor(s32Facts({ postMeansDiscretion: discretion(12.345) })).join(' ')).toContain('two decimal places');
  });

  it('refuses negative numbers', () => {
    expect(refusalFor(s32Facts({ clandestineEntrants: -2 })).join(' ')).toContain('cannot be negative');
    expect(refusalFor(s32Facts({ means: { kind: 'individual', assessedAmountPence: -1 } })).join(' ')).toContain('cannot be negative');
  });

  it('refuses an incident date in the future, and accepts one dated today', () => {
    expect(refusalFor(s32Facts({ incidentDate: '2026-07-01' }), defaultPolicyVersion(), '2026-06-30').join(' ')).toContain('after today');
    expect(penaltyFor(s32Facts({ incidentDate: '2026-06-30' }), defaultPolicyVersion(), '2026-06-30').amountPence).toBe(pounds(6_000));
  });

  it('refuses a previous penalty dated after the incident', () => {
    expect(refusalFor(s32Facts({ incidentDate: '2025-03-10', previousPenalties: [previousPenalty('S32', '2025-03-11')] })).join(' ')).toContain(
      'dated after the incident',
    );
  });

  it('refuses dates that do not exist', () => {
    expect(refusalFor(s32Facts({ incidentDate: '2023-02-30' })).join(' ')).toContain('not a real date');
    expect(refusalFor(s32Facts({ previousPenalties: [previousPenalty('S32', '2023-02-29')] })).join(' ')).toContain('not a real date');
  });

  it('gives every reason at once so the caseworker can fix them together', () => {
    const reasons = refusalFor(s31aFacts({ incidentDate: '2023-02-10', clandestineEntrants: 2, cpasMember: true, discretion: [discretion(120, 'X', '')] }));
    // "X" is also not a discretion reason of the policy.
    expect(reasons).toHaveLength(6);
  });
});
