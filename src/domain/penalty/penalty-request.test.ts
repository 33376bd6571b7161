import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEFAULT_POLICY_VERSIONS } from '../policy/default-policy.js';
import { TEST_TODAY } from './penalty-factories.js';
import { penaltyCalculationInputSchema } from './penalty-input.js';
import { evaluatePenaltyRequest } from './penalty-request.js';

describe('penalty calculation input schema', () => {
  it('accepts the full documented contract', () => {
    const body = {
      offence: 'S32',
      incidentDate: '2025-03-10',
      role: 'owner',
      vehicleKind: 'goods',
      clandestineEntrants: 2,
      previousPenalties: [{ offence: 'S32', issuedOn: '2022-01-10', cancelled: false }],
      cpasMember: true,
      presentOnJourney: false,
      compliedWithRegulations: true,
      discretion: [{ percent: 10, reasonCode: 'AXLE_FIND', approvedBy: 'SO Khan' }],
      means: { kind: 'individual', assessedAmountPence: 40_000 },
      postMeansDiscretion: { percent: 5, reasonCode: 'HARDSHIP', approvedBy: 'SO Khan' },
    };
    expect(penaltyCalculationInputSchema.safeParse(body).success).toBe(true);
  });

  it('gives a message per field for a wrong shape', () => {
    const parsed = penaltyCalculationInputSchema.safeParse({
      offence: 'S33',
      incidentDate: '10/03/2025',
      role: 'captain',
      clandestineEntrants: 1.5,
      means: { kind: 'company', band: 'tiny' },
      cpasmember: true,
    });
    expect(parsed.success).toBe(false);
    const issues = parsed.error?.issues.map((issue) => [issue.path.join('.'), issue.message]) ?? [];
    expect(issues).toEqual(
      expect.arrayContaining([
        ['offence', 'offence must be one of "S31A", "S32"'],
        ['incidentDate', 'incidentDate must be a date written YYYY-MM-DD'],
        ['role', 'role must be one of "driver", "owner", "hirer", "operator"'],
        ['clandestineEntrants', 'clandestineEntrants must be a whole number'],
        ['means.band', 'means.band must be one of "micro", "small", "medium", "large"'],
      ]),
    );
    // A misspelt field is an error, not silently ignored: a dropped reduction would be a wrong penalty.
    expect(parsed.error?.issues.some((issue) => issue.code === 'unrecognized_keys')).toBe(true);
  });

  it('refuses a date that does not exist', () => {
    const parsed = penaltyCalculationInputSchema.safeParse({ offence: 'S31A', incidentDate: '2023-02-30', role: 'driver' });
    expect(parsed.error?.issues[0]?.message).toBe('incidentDate is not a real date');
  });

  it('leaves semantic checks to the calculator so they come back as reasons', () => {
    expect(penaltyCalculationInputSchema.safeParse({ offence: 'S32', incidentDate: '2025-03-10', role: 'driver', clandestineEntrants: -3 }).success).toBe(true);
  });

  it('converts to JSON Schema for the OpenAPI document', () => {
    const schema = z.toJSONSchema(penaltyCalculationInputSchema) as { properties: Record<string, { description?: string }>; required: string[] };
    expect(schema.required).toEqual(['offence', 'incidentDate', 'role']);
    expect(Object.keys(schema.properties)).toEqual([
      'offence',
      'incidentDate',
      'role',
      'vehicleKind',
      'clandestineEntrants',
      'previousPenalties',
      'cpasMember',
      'presentOnJourney',
      'compliedWithRegulations',
      'discretion',
      'means',
      'postMeansDiscretion',
    ]);
    expect(schema.properties['presentOnJourney']?.description).toContain('Default true for a driver');
  });
});

describe('evaluatePenaltyRequest', () => {
  it('calculates a valid body with the policy version in force on the incident date', () => {
    const outcome = evaluatePenaltyRequest({ offence: 'S31A', incidentDate: '2025-03-10', role: 'driver' }, DEFAULT_POLICY_VERSIONS, TEST_TODAY);
    expect(outcome).toMatchObject({ ok: true, result: { amountPence: 150_000, policyVersion: '2023.1' } });
  });

  it('separates a malformed body from facts that cannot be calculated', () => {
    const malformed = evaluatePenaltyRequest({ offence: 'S31A', role: 'driver' }, DEFAULT_POLICY_VERSIONS, TEST_TODAY);
    expect(malformed).toMatchObject({ ok: false, kind: 'invalid-input', errors: [{ path: 'incidentDate' }] });

    const refused = evaluatePenaltyRequest({ offence: 'S32', incidentDate: '2025-03-10', role: 'driver' }, DEFAULT_POLICY_VERSIONS, TEST_TODAY);
    expect(refused).toMatchObject({ ok: false, kind: 'cannot-calculate' });
  });

  it('refuses when no policy version covers the incident date', () => {
    const outcome = evaluatePenaltyRequest({ offence: 'S32', incidentDate: '2017-06-01', role: 'driver', clandestineEntrants: 1 }, DEFAULT_POLICY_VERSIONS, TEST_TODAY);
    expect(outcome).toMatchObject({ ok: false, kind: 'cannot-calculate' });
    expect(!outcome.ok && outcome.reasons[0]).toContain('No policy version was in force on 2017-06-01');
  });
});
