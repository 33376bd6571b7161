import { describe, expect, it } from 'vitest';
import { LEDGER_COLUMNS, parseLedgerAmount, readLedgerFile } from './ledger-file.js';

const HEADER = LEDGER_COLUMNS.join(',');

describe('reading the finance system’s ledger export', () => {
  it('reads each payment line with its amount in pence, method and references', () => {
    const reading = readLedgerFile(
      `${HEADER}\r\nT-1001,2026-03-02,"1,500.00",GBP,BACS,INV-9001,CEC-2026-000123-O,"Trans-Pol Sp. z o.o."\r\nT-1002,2026-03-03,250.50,gbp,card,,cec 2026 124,\r\n`,
    );
    expect(reading.problems).toEqual([]);
    expect(reading.lineCount).toBe(2);
    expect(reading.lines[0]).toMatchObject({
      lineNumber: 2,
      lineKey: 'transaction:T-1001',
      postedOn: '2026-03-02',
      amountPence: 150000,
      method: 'bank-transfer',
      invoiceReference: 'INV-9001',
      paymentReference: 'INV-9001',
      payerReference: 'CEC-2026-000123-O',
      payerName: 'Trans-Pol Sp. z o.o.',
    });
    expect(reading.lines[1]).toMatchObject({ amountPence: 25050, method: 'card', invoiceReference: '', paymentReference: 'T-1002' });
  });

  it('accepts the columns in any order, with others added', () => {
    const reading = readLedgerFile(`note,payer_name,amount,transaction_id,posted_on,currency,method,invoice_reference,payer_reference\nhello,A,1.00,T1,2026-01-01,GBP,cash,,\n`);
    expect(reading.problems).toEqual([]);
    expect(reading.lines[0]).toMatchObject({ transactionId: 'T1', amountPence: 100, method: 'cash-at-port', payerName: 'A' });
  });

  it('reports every bad row with its line number and reasons, and skips it', () => {
    const text = [
      HEADER,
      'T1,2026-02-30,10.00,GBP,BACS,,,',
      'T2,2026-02-01,10,GBP,BACS,,,',
      'T3,2026-02-01,-10.00,GBP,BACS,,,',
      'T4,2026-02-01,10.00,EUR,BACS,,,',
      'T5,2026-02-01,10.00,GBP,bitcoin,,,',
      ',2026-02-01,10.00,GBP,BACS,,,',
      'T7,2026-02-01,10.00,GBP,BACS,,',
      'T8,2026-02-01,10.00,GBP,BACS,,"CEC"x,',
      'T9,2026-02-01,10.00,GBP,BACS,,,',
      'T9,2026-02-02,11.00,GBP,BACS,,,',
      'T11,2026-02-01,0.00,GBP,BACS,,,',
    ].join('\n');
    const reading = readLedgerFile(text);
    expect(reading.lines.map((l) => l.transactionId)).toEqual(['T9']);
    expect(reading.lineCount).toBe(11);
    expect(reading.problems.map((p) => p.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 11, 12]);
    const message = (line: number) => reading.problems.find((p) => p.line === line)!.message;
    expect(message(2)).toContain('not a real date');
    expect(message(3)).toContain('two decimals');
    expect(message(4)).toContain('negative');
    expect(message(5)).toContain('not GBP');
    expect(message(6)).toContain('bitcoin');
    expect(message(7)).toContain('transaction_id is empty');
    expect(message(8)).toContain('7 fields where the header has 8');
    expect(message(9)).toContain('quoted field');
    expect(message(11)).toContain('already on line 10');
    expect(message(12)).toContain('0.00');
  });

  it('refuses a file whose header lacks a column, importing nothing', () => {
    const reading = readLedgerFile('transaction_id,amount\nT1,1.00\n');
    expect(reading.lines).toEqual([]);
    expect(reading.unusable).toContain('posted_on');
    expect(readLedgerFile('').unusable).toContain('empty');
  });

  it('reads amounts as exact pence', () => {
    expect(parseLedgerAmount('0.10')).toBe(10);
    expect(parseLedgerAmount('12,000.99')).toBe(1_200_099);
    expect(parseLedgerAmount('1,50.00')).toBeUndefined();
    expect(parseLedgerAmount('£10.00')).toBeUndefined();
    expect(parseLedgerAmount('10.5')).toBeUndefined();
  });
});
