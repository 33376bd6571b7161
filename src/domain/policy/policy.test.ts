import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_VERSIONS, POLICY_2023_1 } from './default-policy.js';
import { policyInForce } from './policy-in-force.js';
import { policyParametersSchema, policyVersionSchema, type PolicyVersion } from './policy-parameters.js';

const version = (name: string, effectiveFrom: string): PolicyVersion => ({ version: name, effectiveFrom, parameters: POLICY_2023_1 });

describe('policyInForce', () => {
  const versions = [version('2023.1', '2018-01-01'), version('2025.1', '2025-04-01'), version('2026.1', '2026-01-01')];

  it('chooses the version whose effective date is the latest on or before the date', () => {
    const chosen = (date: string) => {
      const outcome = policyInForce(versions, date);
      return outcome.ok ? outcome.policyVersion.version : outcome.reasons[0];
    };
    expect(chosen('2024-12-31')).toBe('2023.1');
    expect(chosen('2025-03-31')).toBe('2023.1');
    expect(chosen('2025-04-01')).toBe('2025.1');
    expect(chosen('2025-12-31')).toBe('2025.1');
    expect(chosen('2027-06-01')).toBe('2026.1');
  });

  it('does not depend on the order of the list', () => {
    const outcome = policyInForce([...versions].reverse(), '2025-06-01');
    expect(outcome.ok && outcome.policyVersion.version).toBe('2025.1');
  });

  it('prefers the later-published of two versions with the same effective date', () => {
    const outcome = policyInForce([version('2025.1', '2025-04-01'), version('2025.2', '2025-04-01')], '2025-05-01');
    expect(outcome.ok && outcome.policyVersion.version).toBe('2025.2');
  });

  it('refuses clearly when no version covers the date', () => {
    expect(policyInForce(versions, '2017-12-31')).toEqual({
      ok: false,
      reasons: ['No policy version was in force on 2017-12-31: the earliest takes effect on 2018-01-01. An administrator must publish a version covering this date.'],
    });
    expect(policyInForce([], '2025-01-01').ok).toBe(false);
    expect(policyInForce(versions, '2025-02-30').ok).toBe(false);
  });
});

describe('policy parameters', () => {
  it('ship a default version that the database schema accepts', () => {
    for (const shipped of DEFAULT_POLICY_VERSIONS) expect(policyVersionSchema.safeParse(shipped).success).toBe(true);
  });

  it('hold the DOMAIN.md policy values', () => {
    expect(POLICY_2023_1.money.finalAmountRounding).toBe('down-to-whole-pound');
    expect(POLICY_2023_1.clock).toMatchObject({
      earliestImpositionDays: 42,
      paymentDueDays: 60,
      lastInitialNoticeDay: 150,
      deadlineWarnings: { first: 14, urgent: 7 },
    });
    expect(POLICY_2023_1.meansTesting.sizeBandRule).toBe('headcount-and-one-money-test');
    expect(POLICY_2023_1.meansTesting.individualSuggestion).toEqual({ weeksOfGrossIncome: 2, payslipMonths: 3 });
    expect(POLICY_2023_1.reductions.compliedWhilePresentPercent.S31A).toBe(0);
  });

  it('refuse a stored version that would make imposition impossible', () => {
    const parsed = policyParametersSchema.safeParse({ ...POLICY_2023_1, clock: { ...POLICY_2023_1.clock, lastInitialNoticeDay: 151 } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['clock', 'lastInitialNoticeDay']);
  });

  it('refuse starting levels that fall as previous penalties rise, and means bands out of order', () => {
    expect(policyParametersSchema.safeParse({ ...POLICY_2023_1, s31a: { ...POLICY_2023_1.s31a, startingLevelsPence: [300_000, 150_000] } }).success).toBe(false);
    const bands = POLICY_2023_1.meansTesting.companyBands;
    expect(
      policyParametersSchema.safeParse({
        ...POLICY_2023_1,
        meansTesting: { ...POLICY_2023_1.meansTesting, companyBands: { ...bands, micro: { ...bands.micro, percentOff: 10 } } },
      }).success,
    ).toBe(false);
  });

  it('refuse unknown or missing parameters, negative money and percentages over 100', () => {
    expect(policyParametersSchema.safeParse({ ...POLICY_2023_1, surprise: 1 }).success).toBe(false);
    const { debt: _debt, ...withoutDebt } = POLICY_2023_1;
    expect(policyParametersSchema.safeParse(withoutDebt).success).toBe(false);
    expect(policyParametersSchema.safeParse({ ...POLICY_2023_1, s31a: { ...POLICY_2023_1.s31a, perPersonMaximumPence: -1 } }).success).toBe(false);
    expect(
      policyParametersSchema.safeParse({ ...POLICY_2023_1, reductions: { ...POLICY_2023_1.reductions, maximumTotalPercent: 120 } }).success,
    ).toBe(false);
  });

  it('read a version published before the CPAS queue flags and checklist bands with the defaults, and refuse bands out of order', () => {
    const { flagDaysLeft: _flags, driverChecklistsRequired: _bands, ...olderAccreditation } = POLICY_2023_1.accreditation;
    const older = policyParametersSchema.parse({ ...POLICY_2023_1, accreditation: olderAccreditation });
    expect(older.accreditation.flagDaysLeft).toEqual([10, 5]);
    expect(older.accreditation.driverChecklistsRequired[0]).toEqual({ driversFrom: 1, checklists: 3 });
    const withBands = (bands: { driversFrom: number; checklists: number }[]) => policyParametersSchema.safeParse({ ...POLICY_2023_1, accreditation: { ...POLICY_2023_1.accreditation, driverChecklistsRequired: bands } });
    expect(withBands([{ driversFrom: 1, checklists: 2 }, { driversFrom: 20, checklists: 6 }]).success).toBe(true);
    expect(withBands([{ driversFrom: 5, checklists: 2 }]).success).toBe(false);
    expect(withBands([{ driversFrom: 1, checklists: 2 }, { driversFrom: 1, checklists: 4 }]).success).toBe(false);
    expect(withBands([{ driversFrom: 1, checklists: 6 }, { driversFrom: 20, checklists: 2 }]).success).toBe(false);
  });

  it('refuse a version name or effective date in the wrong form', () => {
    expect(policyVersionSchema.safeParse({ ...version('2023.1', '2018-01-01'), version: 'latest' }).success).toBe(false);
    expect(policyVersionSchema.safeParse(version('2023.1', '2018-02-30')).success).toBe(false);
  });

  it('describe every parameter, saying whether it is policy or law, for the administrator page', () => {
    const undescribed: string[] = [];
    let leaves = 0;
    const visit = (schema: unknown, path: string) => {
      const node = schema as { description?: string; shape?: Record<string, unknown>; def?: { innerType?: unknown; element?: unknown } };
      if (node.shape) {
        for (const [key, child] of Object.entries(node.shape)) {
          const childNode = child as { description?: string; shape?: unknown };
          if (!childNode.shape) leaves += 1;
          if (!childNode.shape && !childNode.description) undescribed.push(`${path}${key}`);
          visit(child, `${path}${key}.`);
        }
      }
    };
    visit(policyParametersSchema, '');
    expect(leaves).toBeGreaterThan(40);
    expect(undescribed).toEqual([]);
  });
});

describe('discretion reasons as policy data', () => {
  it('reads a version published before the list existed with the default reasons', () => {
    const { discretion: _absent, ...older } = POLICY_2023_1;
    const parsed = policyParametersSchema.parse(older);
    expect(Object.keys(parsed.discretion.reasons)).toEqual(['self-declaration', 'axle-find', 'public-interest', 'other']);
    expect(parsed.discretion.reasons.other?.explanationRequired).toBe(true);
  });

  it('lets a new version change the list, and refuses codes that are not lower-case words and an empty list', () => {
    const reasons = { 'self-declaration': { name: 'Self-declaration', explanationRequired: false }, 'vulnerable-driver': { name: 'Vulnerable driver', explanationRequired: true } };
    expect(policyParametersSchema.parse({ ...POLICY_2023_1, discretion: { reasons } }).discretion.reasons).toEqual(reasons);
    expect(policyParametersSchema.safeParse({ ...POLICY_2023_1, discretion: { reasons: { SELF_DECLARATION: { name: 'x', explanationRequired: false } } } }).success).toBe(false);
    expect(policyParametersSchema.safeParse({ ...POLICY_2023_1, discretion: { reasons: {} } }).success).toBe(false);
  });
});
