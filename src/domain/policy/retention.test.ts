import { describe, expect, it } from 'vitest';
import { retentionCutoffs } from './retention.js';
import { DEFAULT_RETENTION, policyParametersSchema } from './policy-parameters.js';
import { POLICY_2023_1 } from './default-policy.js';

describe('the retention schedule', () => {
  it('puts each cutoff its years before today, by the corresponding-date rule', () => {
    expect(retentionCutoffs({ closedCaseYears: 6, searchWithoutDetectionYears: 2, personalDataReadYears: 3 }, '2026-12-04')).toEqual({
      closedCasesBefore: '2020-12-04',
      searchesWithoutDetectionBefore: '2024-12-04',
      personalDataReadsBefore: '2023-12-04',
    });
    expect(retentionCutoffs({ ...DEFAULT_RETENTION }, '2028-02-29').searchesWithoutDetectionBefore).toBe('2026-02-28');
  });

  it('is read with its default values from a version published before it existed, and refuses a schedule of no years', () => {
    const { retention: _omitted, ...older } = POLICY_2023_1;
    expect(policyParametersSchema.parse(older).retention).toEqual(DEFAULT_RETENTION);
    expect(policyParametersSchema.safeParse({ ...POLICY_2023_1, retention: { ...DEFAULT_RETENTION, closedCaseYears: 0 } }).success).toBe(false);
  });
});
