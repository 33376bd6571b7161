import { describe, expect, it } from 'vitest';
import { applyS32Duress, checkAggregateCaps, type AggregateCapInput, type AggregateCapCheck } from './incident-checks.js';
import { defaultPolicyVersion, penaltyFor, previousPenalty, s32Facts } from './penalty-factories.js';

const pounds = (amount: number) => amount * 100;

function capCheck(input: AggregateCapInput): AggregateCapCheck {
  const outcome = checkAggregateCaps(input, defaultPolicyVersion());
  if (!outcome.ok) throw new Error(outcome.reasons.join(' | '));
  return outcome.result;
}

describe('aggregate maximum for all responsible persons of an incident', () => {
  it('allows an S31A incident whose penalties add up to £12,000', () => {
    const result = capCheck({
      offence: 'S31A',
      incidentDate: '2025-03-10',
      liabilities: [
        { reference: 'driver', role: 'driver', amountPence: pounds(6_000) },
        { reference: 'owner', role: 'owner', amountPence: pounds(6_000) },
      ],
    });
    expect(result).toMatchObject({ capPence: pounds(12_000), totalPence: pounds(12_000), exceedsCap: false, seniorOfficerSplitRequired: false, imposable: true });
  });

  it('blocks an S31A incident whose penalties exceed £12,000 until a Senior Officer records the split', () => {
    const liabilities = [
      { reference: 'driver', role: 'driver' as const, amountPence: pounds(6_000) },
      { reference: 'owner', role: 'owner' as const, amountPence: pounds(6_000) },
      { reference: 'hirer', role: 'hirer' as const, amountPence: pounds(3_000) },
    ];
    const blocked = capCheck({ offence: 'S31A', incidentDate: '2025-03-10', liabilities });
    expect(blocked).toMatchObject({ exceedsCap: true, seniorOfficerSplitRequired: true, imposable: false });

    const split = { approvedBy: 'SO Khan', amountsPence: { driver: pounds(5_000), owner: pounds(5_000), hirer: pounds(2_000) } };
    expect(capCheck({ offence: 'S31A', incidentDate: '2025-03-10', liabilities, split })).toMatchObject({
      seniorOfficerSplitRequired: true,
      imposable: true,
      splitProblems: [],
    });
  });

  it('rejects a split that still exceeds the maximum, raises someone, leaves someone out or has no approver', () => {
    const liabilities = [
      { reference: 'driver', role: 'driver' as const, amountPence: pounds(6_000) },
      { reference: 'owner', role: 'owner' as const, amountPence: pounds(6_000) },
      { reference: 'hirer', role: 'hirer' as const, amountPence: pounds(3_000) },
    ];
    const result = capCheck({
      offence: 'S31A',
      incidentDate: '2025-03-10',
      liabilities,
      split: { approvedBy: ' ', amountsPence: { driver: pounds(6_000), owner: pounds(7_000) } },
    });
    expect(result.imposable).toBe(false);
    const problems = result.splitProblems.join(' ');
    expect(problems).toContain('Senior Officer');
    expect(problems).toContain('no amount for "hirer"');
    expect(problems).toContain('more than their own calculated penalty');
    expect(problems).toContain('more than the aggregate maximum');
  });

  it('sets the S32 maximum at £12,000 per entrant for a first incident', () => {
    const result = capCheck({
      offence: 'S32',
      incidentDate: '2025-03-10',
      clandestineEntrants: 2,
      liabilities: [
        { reference: 'driver', role: 'driver', amountPence: pounds(12_000) },
        { reference: 'owner', role: 'owner', amountPence: pounds(12_000) },
      ],
    });
    expect(result).toMatchObject({ capPence: pounds(24_000), exceedsCap: false, imposable: true });
  });

  it('raises the S32 maximum to £20,000 per entrant when any responsible person had a previous S32 penalty', () => {
    const liabilities = [
      { reference: 'driver', role: 'driver' as const, amountPence: pounds(10_000), previousPenalties: [previousPenalty('S32', '2022-01-10')] },
      { reference: 'owner', role: 'owner' as const, amountPence: pounds(6_000) },
      { reference: 'hirer', role: 'hirer' as const, amountPence: pounds(3_000) },
    ];
    const result = capCheck({ offence: 'S32', incidentDate: '2025-03-10', clandestineEntrants: 1, liabilities });
    expect(result).toMatchObject({ capPence: pounds(20_000), totalPence: pounds(19_000), exceedsCap: false });
    expect(result.rule).toContain('"driver"');
  });

  it('does not raise the S32 maximum for a cancelled or out-of-window previous penalty', () => {
    const result = capCheck({
      offence: 'S32',
      incidentDate: '2025-03-10',
      clandestineEntrants: 1,
      liabilities: [
        { reference: 'driver', role: 'driver', amountPence: pounds(6_000), previousPenalties: [previousPenalty('S32', '2022-01-10', true), previousPenalty('S32', '2019-01-10')] },
        { reference: 'owner', role: 'owner', amountPence: pounds(6_000) },
        { reference: 'hirer', role: 'hirer', amountPence: pounds(6_000) },
      ],
    });
    expect(result).toMatchObject({ capPence: pounds(12_000), exceedsCap: true, seniorOfficerSplitRequired: true, imposable: false });
  });

  it('uses £4,000 per entrant for an incident under the 2002 regime', () => {
    const result = capCheck({
      offence: 'S32',
      incidentDate: '2022-06-01',
      clandestineEntrants: 3,
      liabilities: [{ reference: 'owner', role: 'owner', amountPence: penaltyFor(s32Facts({ role: 'owner', incidentDate: '2022-06-01', clandestineEntrants: 3 })).amountPence }],
    });
    expect(result).toMatchObject({ regime: '2002', capPence: pounds(12_000), exceedsCap: false });
  });

  it('refuses facts it cannot check', () => {
    const outcome = checkAggregateCaps(
      { offence: 'S32', incidentDate: '2025-03-10', liabilities: [{ reference: 'a', role: 'owner', amountPence: -1 }] },
      defaultPolicyVersion(),
    );
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.reasons.join(' ')).toContain('number of clandestine entrants');
  });
});

describe('duress on S32', () => {
  it('excuses every responsible person for an entrant when duress is accepted for any one of them', () => {
    const outcome = applyS32Duress([
      { reference: 'CE-1', duressAcceptedFor: ['driver'] },
      { reference: 'CE-2', duressAcceptedFor: [] },
      { reference: 'CE-3', duressAcceptedFor: [] },
    ]);
    expect(outcome).toMatchObject({ chargeableEntrants: 2, excusedEntrants: ['CE-1'], noPenalty: false });
    // The owner, for whom duress was not claimed, is charged for two entrants, not three.
    expect(penaltyFor(s32Facts({ role: 'owner', clandestineEntrants: outcome.chargeableEntrants })).amountPence).toBe(pounds(12_000));
  });

  it('means no responsible person pays when duress covers every entrant', () => {
    const outcome = applyS32Duress([
      { reference: 'CE-1', duressAcceptedFor: ['driver'] },
      { reference: 'CE-2', duressAcceptedFor: ['owner', 'driver'] },
    ]);
    expect(outcome).toMatchObject({ chargeableEntrants: 0, noPenalty: true });
    expect(outcome.explanation).toContain('every responsible person pays nothing');
  });

  it('changes nothing when duress was not accepted', () => {
    expect(applyS32Duress([{ reference: 'CE-1', duressAcceptedFor: [] }])).toMatchObject({ chargeableEntrants: 1, noPenalty: false, excusedEntrants: [] });
  });
});
