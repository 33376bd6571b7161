import { describe, expect, it } from 'vitest';
import { exactReferencesIn, garbledReferencesIn, nearbyReferences, paymentReference, referencesIn } from './payment-reference.js';

describe('payment references', () => {
  it('prints the case reference with the person’s suffix', () => {
    expect(paymentReference('CEC-2026-000123', 'owner')).toBe('CEC-2026-000123-O');
    expect(paymentReference('CEC-2026-000123', 'driver', 'S32')).toBe('CEC-2026-000123-D32');
    expect(paymentReference('CEC-2026-000123', 'operator', 'S31A')).toBe('CEC-2026-000123-T31A');
  });

  it('finds references written as printed, with or without a suffix, in any case', () => {
    expect(exactReferencesIn('Penalty cec-2026-000123-o paid')).toEqual([{ caseReference: 'CEC-2026-000123', role: 'owner', how: 'exact', quoted: 'CEC-2026-000123-O' }]);
    expect(exactReferencesIn('CEC-2026-000123-D32')).toEqual([{ caseReference: 'CEC-2026-000123', role: 'driver', offence: 'S32', how: 'exact', quoted: 'CEC-2026-000123-D32' }]);
    expect(exactReferencesIn('CEC-2026-000123-OWNER')[0]).toMatchObject({ caseReference: 'CEC-2026-000123' });
    expect(exactReferencesIn('CEC-2026-000123-OWNER')[0]!.role).toBeUndefined();
    expect(exactReferencesIn('XCEC-2026-0001234')).toEqual([]);
  });

  it.each([
    ['CEC 2026 123', 'CEC-2026-000123', undefined],
    ['cec2026000123', 'CEC-2026-000123', undefined],
    ['CEC/2026/000123 O', 'CEC-2026-000123', 'owner'],
    ['ref: CEC-2O26-000123', 'CEC-2026-000123', undefined],
    ['CE 2026-45', 'CEC-2026-000045', undefined],
    ['CEC2026000123D', 'CEC-2026-000123', 'driver'],
    ['CEC 2026 000 123', 'CEC-2026-000123', undefined],
  ])('reads the garbled reference %s as %s', (text, reference, role) => {
    const found = garbledReferencesIn(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ caseReference: reference, how: 'garbled' });
    expect(found[0]!.role).toBe(role);
  });

  it('does not read words or dates as references', () => {
    expect(garbledReferencesIn('CEC 2026 SOLD')).toEqual([]);
    expect(garbledReferencesIn('paid 2026-03-15')).toEqual([]);
    expect(garbledReferencesIn('SPEC 2026 1')).toEqual([]);
  });

  it('prefers well-written references to garbled ones', () => {
    expect(referencesIn('CEC-2026-000123 and cec 2026 9').map((r) => r.caseReference)).toEqual(['CEC-2026-000123']);
  });

  it('lists the references one slip away: a digit changed, two swapped, the year one out', () => {
    const nearby = nearbyReferences('CEC-2026-000123');
    expect(nearby).toContain('CEC-2026-000124');
    expect(nearby).toContain('CEC-2026-000132');
    expect(nearby).toContain('CEC-2025-000123');
    expect(nearby).not.toContain('CEC-2026-000123');
    expect(nearby).toHaveLength(54 + 3 + 2);
  });
});
