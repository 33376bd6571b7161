import { describe, expect, it } from 'vitest';
import { POLICY_2023_1 } from './default-policy.js';
import { decidePublishPolicyVersion } from './publish.js';

const now = new Date('2026-12-01T10:00:00Z');
const administrator = { id: 'admin-1', name: 'Ada Administrator', roles: ['administrator'] };
const published = { existing: [{ version: '2023.1' }] };
const next = { version: '2027.1', effectiveFrom: '2027-01-01', parameters: POLICY_2023_1, reason: 'New starting levels from January' };

describe('publishing a policy version', () => {
  it('records a new version taking effect today or later', () => {
    expect(decidePublishPolicyVersion(published, next, { actor: administrator, now })).toEqual({
      ok: true,
      events: [{ type: 'PolicyVersionPublished', payload: { version: '2027.1', effectiveFrom: '2027-01-01', parameters: POLICY_2023_1, reason: 'New starting levels from January' } }],
    });
    expect(decidePublishPolicyVersion(published, { ...next, effectiveFrom: '2026-12-01' }, { actor: administrator, now }).ok).toBe(true);
  });

  it('refuses a name already used, and a date in the past unless Cordon installs its own versions', () => {
    expect(decidePublishPolicyVersion(published, { ...next, version: '2023.1' }, { actor: administrator, now })).toMatchObject({ ok: false, errors: [{ field: 'version' }] });
    const past = { ...next, effectiveFrom: '2026-11-30', initial: true };
    expect(decidePublishPolicyVersion(published, past, { actor: administrator, now })).toMatchObject({ ok: false, errors: [{ field: 'effectiveFrom' }] });
    expect(decidePublishPolicyVersion(published, past, { actor: { ...administrator, id: 'system' }, now }).ok).toBe(true);
  });
});
