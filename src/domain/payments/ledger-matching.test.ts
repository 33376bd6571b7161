import { describe, expect, it } from 'vitest';
import type { LedgerLine } from './ledger-file.js';
import { matchLedgerLine, namesAgree, whoPaid, type MatchContext, type PayableLiability } from './ledger-matching.js';

function liability(over: Partial<PayableLiability> & Pick<PayableLiability, 'liabilityId' | 'caseReference'>): PayableLiability {
  return { role: 'owner', offence: 'S31A', partyName: 'Trans-Pol Sp. z o.o.', outstandingPence: 150000, open: true, ...over };
}

function line(over: Partial<LedgerLine> = {}): LedgerLine {
  return {
    lineNumber: 2,
    lineKey: 'transaction:T1',
    transactionId: 'T1',
    postedOn: '2026-03-01',
    amountPence: 150000,
    method: 'bank-transfer',
    invoiceReference: '',
    paymentReference: 'T1',
    payerReference: '',
    payerName: '',
    raw: {},
    ...over,
  };
}

const owner123 = liability({ liabilityId: 'o123', caseReference: 'CEC-2026-000123', outstandingPence: 75000 });
const driver123 = liability({ liabilityId: 'd123', caseReference: 'CEC-2026-000123', role: 'driver', partyName: 'Łukasz Żółkiewski', outstandingPence: 150000 });
const owner124 = liability({ liabilityId: 'o124', caseReference: 'CEC-2026-000124', partyName: 'Smith Haulage Ltd', outstandingPence: 300000 });
const owner200 = liability({ liabilityId: 'o200', caseReference: 'CEC-2026-000200', partyName: 'Jones Freight Ltd', outstandingPence: 150000 });

function context(extra: Partial<MatchContext> = {}): MatchContext {
  const all = [owner123, driver123, owner124, owner200];
  const byCase = new Map<string, PayableLiability[]>();
  for (const l of all) byCase.set(l.caseReference, [...(byCase.get(l.caseReference) ?? []), l]);
  return { byCase, byInvoice: new Map(), owing: all.filter((l) => l.open && (l.outstandingPence ?? 0) > 0), ...extra };
}

describe('matching a ledger line to a penalty', () => {
  it('matches a quoted reference with the person’s suffix exactly', () => {
    const match = matchLedgerLine(line({ payerReference: 'CEC-2026-000123-D', amountPence: 1000 }), context());
    expect(match).toMatchObject({ kind: 'matched', liability: { liabilityId: 'd123' } });
  });

  it('chooses within a case by the amount owed, then by the payer’s name', () => {
    expect(matchLedgerLine(line({ payerReference: 'CEC-2026-000123', amountPence: 75000 }), context())).toMatchObject({ kind: 'matched', liability: { liabilityId: 'o123' } });
    const byName = matchLedgerLine(line({ payerReference: 'CEC-2026-000123', amountPence: 5000, payerName: 'ZOLKIEWSKI LUKASZ' }), context());
    expect(byName).toMatchObject({ kind: 'matched', liability: { liabilityId: 'd123' } });
    if (byName.kind === 'matched') expect(byName.how).toContain('payer is the driver');
  });

  it('leaves a line waiting as ambiguous when nothing says whose penalty in the case it pays', () => {
    const match = matchLedgerLine(line({ payerReference: 'CEC-2026-000123', amountPence: 5000, payerName: 'A Friend' }), context());
    expect(match.kind).toBe('ambiguous');
    if (match.kind !== 'matched') expect(match.candidates.map((c) => c.liabilityId).sort()).toEqual(['d123', 'o123']);
  });

  it('matches an invoice reference paid against a penalty before', () => {
    const match = matchLedgerLine(line({ invoiceReference: 'INV-77', payerReference: 'CEC-2026-000200' }), context({ byInvoice: new Map([['INV-77', owner124]]) }));
    expect(match).toMatchObject({ kind: 'matched', liability: { liabilityId: 'o124' } });
  });

  it('reads a garbled reference and records how it was read', () => {
    const match = matchLedgerLine(line({ payerReference: 'cec 2026 124', amountPence: 100 }), context());
    expect(match).toMatchObject({ kind: 'matched', liability: { liabilityId: 'o124' } });
    if (match.kind === 'matched') expect(match.how).toContain('read as CEC-2026-000124');
  });

  it('falls back to a reference one slip away only with another clue (name or amount)', () => {
    // CEC-2026-000142 does not exist; 000124 is one swap away and the name agrees.
    const withName = matchLedgerLine(line({ payerReference: 'CEC-2026-000142', amountPence: 100, payerName: 'SMITH HAULAGE LIMITED' }), context());
    expect(withName).toMatchObject({ kind: 'matched', liability: { liabilityId: 'o124' } });
    const alone = matchLedgerLine(line({ payerReference: 'CEC-2026-000142', amountPence: 100 }), context());
    expect(alone.kind).toBe('unmatched');
    if (alone.kind !== 'matched') expect(alone.candidates.map((c) => c.liabilityId)).toContain('o124');
  });

  it('matches on the payer’s name and the amount owed when no reference is quoted', () => {
    const match = matchLedgerLine(line({ payerName: 'Jones Freight Limited', amountPence: 150000 }), context());
    expect(match).toMatchObject({ kind: 'matched', liability: { liabilityId: 'o200' } });
  });

  it('does not match on the amount alone, nor on the name alone', () => {
    const amount = matchLedgerLine(line({ amountPence: 150000 }), context());
    expect(amount).toMatchObject({ kind: 'unmatched', candidates: [] });
    const name = matchLedgerLine(line({ payerName: 'Jones Freight', amountPence: 999 }), context());
    expect(name.kind).toBe('unmatched');
    if (name.kind !== 'matched') expect(name.candidates.map((c) => c.liabilityId)).toEqual(['o200']);
  });

  it('waits as ambiguous when two penalties fit equally well', () => {
    const twin = liability({ liabilityId: 'o300', caseReference: 'CEC-2026-000300', partyName: 'Jones Freight Ltd', outstandingPence: 150000 });
    const base = context();
    const match = matchLedgerLine(line({ payerName: 'Jones Freight Ltd', amountPence: 150000 }), { ...base, owing: [...(base.owing as PayableLiability[]), twin] });
    expect(match.kind).toBe('ambiguous');
    if (match.kind !== 'matched') expect(match.candidates.map((c) => c.liabilityId).sort()).toEqual(['o200', 'o300']);
  });

  it('does not record against a finished penalty', () => {
    const closed = { ...owner124, open: false };
    const match = matchLedgerLine(line({ payerReference: 'CEC-2026-000124' }), context({ byCase: new Map([['CEC-2026-000124', [closed]]]) }));
    expect(match.kind).toBe('unmatched');
  });
});

describe('names and payers', () => {
  it('agrees on names however spelt, and not on different names', () => {
    expect(namesAgree('TRANSPOL SP Z OO', 'Trans-Pol Sp. z o.o.')).toBe(true);
    expect(namesAgree('Zolkiewski Lukasz', 'Łukasz Żółkiewski')).toBe(true);
    expect(namesAgree('Smith Haulage', 'Trans-Pol Sp. z o.o.')).toBe(false);
    expect(namesAgree('', 'Trans-Pol')).toBe(false);
    expect(namesAgree('ALPHA', 'Alpha Haulage Sp. z o.o.')).toBe(true);
    expect(namesAgree('Transport', 'Beta Transport Ltd')).toBe(false);
    expect(namesAgree('Smith Haulgae', 'Smith Haulage Ltd')).toBe(true);
  });

  it('records an employer paying the driver’s penalty as the employer', () => {
    expect(whoPaid('Trans-Pol', driver123, [driver123, owner123])).toBe('employer');
    expect(whoPaid('Łukasz Żółkiewski', driver123, [driver123, owner123])).toBe('recipient');
    expect(whoPaid('', driver123, [driver123, owner123])).toBe('recipient');
    expect(whoPaid('A Friend', owner123, [driver123, owner123])).toBe('other');
  });
});

describe('the index of penalties owed', () => {
  it('finds the same match through the index as through the list, and follows payments', async () => {
    const { owingIndex, updateOwing } = await import('./ledger-matching.js');
    const base = context();
    const index = owingIndex(base.owing as PayableLiability[]);
    const byIndex = matchLedgerLine(line({ payerName: 'Jones Freight Limited', amountPence: 150000 }), { ...base, owing: index });
    expect(byIndex).toMatchObject({ kind: 'matched', liability: { liabilityId: 'o200' } });
    updateOwing(index, { ...owner200, outstandingPence: 0 });
    expect(matchLedgerLine(line({ payerName: 'Jones Freight Limited', amountPence: 150000 }), { ...base, owing: index }).kind).toBe('unmatched');
    updateOwing(index, { ...owner200, outstandingPence: 150000 });
    expect(matchLedgerLine(line({ payerName: 'Jones Freight Limited', amountPence: 150000 }), { ...base, owing: index }).kind).toBe('matched');
  });
});
