import { describe, expect, it } from 'vitest';
import { countryMatches, nameMatches, registerCsv, searchRegister, type RegisterMember } from './register.js';

const member = (overrides: Partial<RegisterMember>): RegisterMember => ({ partyId: 'p-1', reference: 'CPAS-2026-00001', name: 'Trans-Pol Sp. z o.o.', country: 'PL', memberFrom: '2026-03-01', ...overrides });

const members = [
  member({}),
  member({ partyId: 'p-2', reference: 'CPAS-2026-00002', name: 'Transport Ștefănescu SRL', country: 'RO', memberFrom: '2026-06-15' }),
  member({ partyId: 'p-3', reference: 'CPAS-2026-00003', name: 'Müller Logistik GmbH', country: 'DE', memberFrom: '2026-09-01' }),
  member({ partyId: 'p-4', reference: 'CPAS-2026-00004', name: 'Тракия Транс ЕООД', country: 'BG', memberFrom: '2026-10-01' }),
];
const names = (found: RegisterMember[]) => found.map((m) => m.name);

describe('the public register search', () => {
  it.each(['transpol', 'Trans Pol', 'TRANS-POL', 'trans-pol sp z o o', 'Trans‐Pol Sp.z o.o.'])('finds "Trans-Pol Sp. z o.o." by %s', (searched) => {
    expect(names(searchRegister(members, { name: searched }))).toEqual(['Trans-Pol Sp. z o.o.']);
  });

  it('ignores accents, umlauts and Cyrillic script, and matches part of a name', () => {
    expect(names(searchRegister(members, { name: 'stefanescu' }))).toEqual(['Transport Ștefănescu SRL']);
    expect(names(searchRegister(members, { name: 'mueller' }))).toEqual(['Müller Logistik GmbH']);
    expect(names(searchRegister(members, { name: 'trakia trans' }))).toEqual(['Тракия Транс ЕООД']);
    expect(nameMatches('Trakia Trans EOOD', 'Тракия')).toBe(true);
    expect(nameMatches('Trans-Pol Sp. z o.o.', 'polska')).toBe(false);
  });

  it('finds a country by its name in any catalogue language or its code, and filters by the day membership began', () => {
    expect(names(searchRegister(members, { country: 'Poland' }))).toEqual(['Trans-Pol Sp. z o.o.']);
    expect(names(searchRegister(members, { country: 'Polska' }))).toEqual(['Trans-Pol Sp. z o.o.']);
    expect(names(searchRegister(members, { country: 'românia' }))).toEqual(['Transport Ștefănescu SRL']);
    expect(countryMatches('DE', 'Deutschland')).toBe(true);
    expect(countryMatches('DE', 'PL')).toBe(false);
    expect(names(searchRegister(members, { since: '2026-09-01' }))).toEqual(['Müller Logistik GmbH', 'Тракия Транс ЕООД']);
    expect(searchRegister(members, {})).toHaveLength(4);
  });
});

describe('the register as CSV', () => {
  it('writes a cell that a spreadsheet would run as a formula with a leading apostrophe', () => {
    const csv = registerCsv('en', [member({ name: '=cmd|"/c calc"!A1' }), member({ name: '@SUM(A1)', reference: 'CPAS-2026-00009' })]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('Company,Country,Member since,Accreditation reference');
    expect(lines[1]).toBe(`"'=cmd|""/c calc""!A1",Poland,2026-03-01,CPAS-2026-00001`);
    expect(lines[2]).toMatch(/^'@SUM\(A1\),/);
  });

  it('heads its columns in the reader’s language', () => {
    expect(registerCsv('pl', []).slice(1)).toBe('Firma,Kraj,Członek od,Numer akredytacji\r\n');
  });
});

describe('the guidance on letters', () => {
  it('points the initial notice and the penalty notice, in their language, to the guidance pages', async () => {
    const { initialNoticeLetter } = await import('../correspondence/letters/initial-notice.js');
    const { penaltyNoticeLetter } = await import('../correspondence/letters/penalty-notice.js');
    const { anInitialNotice, aPenaltyNotice } = await import('../correspondence/letters/letter-factories.js');
    const words = (blocks: readonly { kind: string; text?: string }[]) => blocks.map((b) => b.text ?? '').join('\n');
    expect(words(initialNoticeLetter(anInitialNotice(), 'pl').blocks)).toMatch(/Wytyczne dla przewoźników .*\/accreditation\/guidance/);
    expect(words(penaltyNoticeLetter(aPenaltyNotice(), 'en').blocks)).toMatch(/Guidance for hauliers .*\/accreditation\/guidance/);
  });
});
