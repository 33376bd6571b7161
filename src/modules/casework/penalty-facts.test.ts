import { describe, expect, it } from 'vitest';
import type { CaseFile, LiabilityRow } from './case-file.js';
import { penaltyFactsFor, type CpasRegisterAnswer } from './penalty-facts.js';
import type { CpasAnswer } from '../../domain/liability/actions.js';

/* The calculator's CPAS answer comes from the accreditation register; a caseworker may only override it, with a reason. */

const file = { kase: { incidentDate: '2026-05-03', clandestineEntrants: 0 } } as unknown as CaseFile;
const owner = { role: 'owner', offence: 'S31A' } as unknown as LiabilityRow;
const driver = { role: 'driver', offence: 'S31A' } as unknown as LiabilityRow;
const register = (status: CpasRegisterAnswer['status'], reference: string | null = null): CpasRegisterAnswer => ({ status, reference, on: '2026-05-03' });
const records = (cpasRegister?: CpasRegisterAnswer, cpasOverrideInForce?: CpasAnswer) => ({ previousPenalties: [], goodsVehicle: true, cpasRegister, cpasOverrideInForce });

describe('penaltyFactsFor reads the accreditation register', () => {
  it('a member on the incident date: the reduction applies without anyone answering, with the register’s reference', () => {
    const facts = penaltyFactsFor(file, owner, records(register('member', 'CPAS-2026-000007')))({ compliedWithRegulations: false });
    expect(facts.ok && facts.facts.cpasMember).toBe(true);
    expect(facts.ok && facts.cpas).toEqual({ source: 'register', member: true, status: 'member', reference: 'CPAS-2026-000007' });
  });

  it.each(['suspended', 'removed', 'notMember'] as const)('%s on the incident date: no reduction', (status) => {
    const facts = penaltyFactsFor(file, owner, records(register(status)))({ compliedWithRegulations: false });
    expect(facts.ok && facts.facts.cpasMember).toBe(false);
    expect(facts.ok && facts.cpas).toMatchObject({ source: 'register', member: false, status });
  });

  it('without the register (the company not identified in it): not a member, nothing asked', () => {
    const facts = penaltyFactsFor(file, owner, records())({ compliedWithRegulations: false });
    expect(facts.ok && facts.cpas).toEqual({ source: 'register', member: false, status: 'notMember', reference: null });
  });

  it('an override needs a reason, next to the reason’s field', () => {
    const facts = penaltyFactsFor(file, owner, records(register('notMember')))({ compliedWithRegulations: false, cpasOverride: true, cpasOverrideReason: '  ' });
    expect(!facts.ok && facts.errors).toEqual([{ field: 'cpasOverrideReason', message: 'Enter why the register is wrong for this incident' }]);
  });

  it('an override with a reason carries the register’s status and the reason', () => {
    const facts = penaltyFactsFor(file, owner, records(register('suspended', 'CPAS-2025-000002')))({
      compliedWithRegulations: false,
      cpasOverride: true,
      cpasOverrideReason: ' The penalty was paid on the due date; the payment was posted late. ',
    });
    expect(facts.ok && facts.facts.cpasMember).toBe(true);
    expect(facts.ok && facts.cpas).toEqual({ source: 'override', member: true, status: 'suspended', reference: 'CPAS-2025-000002', reason: 'The penalty was paid on the due date; the payment was posted late.' });
  });

  it('an override that agrees with the register, or a reason without an answer, is refused', () => {
    const same = penaltyFactsFor(file, owner, records(register('member')))({ compliedWithRegulations: false, cpasOverride: true, cpasOverrideReason: 'Sure' });
    expect(!same.ok && same.errors.map((e) => e.field)).toEqual(['cpasOverride']);
    const reasonOnly = penaltyFactsFor(file, owner, records(register('member')))({ compliedWithRegulations: false, cpasOverrideReason: 'Sure' });
    expect(!reasonOnly.ok && reasonOnly.errors.map((e) => e.field)).toEqual(['cpasOverride']);
  });

  it('a confirmed override stands for a later recalculation unless a new one is given', () => {
    const confirmed: CpasAnswer = { source: 'override', member: true, status: 'notMember', reference: null, reason: 'Member since 2019' };
    const facts = penaltyFactsFor(file, owner, records(register('notMember'), confirmed))({ compliedWithRegulations: false });
    expect(facts.ok && facts.cpas).toEqual(confirmed);
    expect(facts.ok && facts.facts.cpasMember).toBe(true);
  });

  it('never for a driver, whatever the register says; an override for a driver is refused', () => {
    const facts = penaltyFactsFor(file, driver, records(register('member')))({ compliedWithRegulations: false });
    expect(facts.ok && 'cpasMember' in facts.facts).toBe(false);
    expect(facts.ok && facts.cpas).toBeUndefined();
    const overridden = penaltyFactsFor(file, driver, records())({ compliedWithRegulations: false, cpasOverride: true, cpasOverrideReason: 'Member' });
    expect(!overridden.ok && overridden.errors.map((e) => e.field)).toEqual(['cpasOverride']);
  });
});
