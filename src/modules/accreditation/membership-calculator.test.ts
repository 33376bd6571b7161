import { describe, expect, it } from 'vitest';
import type { CaseFile, LiabilityRow } from '../casework/case-file.js';
import { penaltyFactsFor } from '../casework/penalty-facts.js';

/* The calculator's CPAS answer comes from the register when the register says "member". */

const file = { kase: { incidentDate: '2026-05-03', clandestineEntrants: 0 } } as unknown as CaseFile;
const owner = { role: 'owner', offence: 'S31A' } as unknown as LiabilityRow;
const driver = { role: 'driver', offence: 'S31A' } as unknown as LiabilityRow;
const records = (member: boolean | undefined) => ({ previousPenalties: [], goodsVehicle: true, ...(member === undefined ? {} : { cpasRegister: { member, on: '2026-05-03' } }) });

describe('penaltyFactsFor reads the accreditation register', () => {
  it('a member on the incident date: the reduction applies without anyone answering', () => {
    const facts = penaltyFactsFor(file, owner, records(true))({ compliedWithRegulations: false });
    expect(facts.ok && facts.facts.cpasMember).toBe(true);
  });

  it('a typed "no" against the register is refused, naming the date', () => {
    const facts = penaltyFactsFor(file, owner, records(true))({ compliedWithRegulations: false, cpasMember: false });
    expect(facts.ok).toBe(false);
    expect(!facts.ok && facts.errors.map((e) => e.field)).toEqual(['cpasMember']);
    expect(!facts.ok && facts.errors[0]?.message).toContain('2026-05-03');
  });

  it('not a member by the register: no reduction unless answered; without the register the answer is still asked', () => {
    const notMember = penaltyFactsFor(file, owner, records(false))({ compliedWithRegulations: false, cpasMember: false });
    expect(notMember.ok && notMember.facts.cpasMember).toBe(false);
    const unanswered = penaltyFactsFor(file, owner, records(undefined))({ compliedWithRegulations: false });
    expect(unanswered.ok).toBe(false);
  });

  it('never for a driver, whatever the register says', () => {
    const facts = penaltyFactsFor(file, driver, records(true))({ compliedWithRegulations: false });
    expect(facts.ok && 'cpasMember' in facts.facts).toBe(false);
  });
});
