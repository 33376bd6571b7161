import { describe, expect, it } from 'vitest';
import { PORTS } from '../reference/ports.js';
import { LEGACY_PORT_SPELLINGS, legacyPort } from './ports.js';
import { readEntrants, readLegacyAmount, readLegacyDate, readSection } from './values.js';

const today = '2026-12-04';

describe('legacy dates (dd/mm/yyyy)', () => {
  it('reads a UK date, with or without leading zeros', () => {
    expect(readLegacyDate('Date of Incident', '04/12/2026', today)).toEqual({ ok: true, value: '2026-12-04' });
    expect(readLegacyDate('Date of Incident', ' 4/2/2024 ', today)).toEqual({ ok: true, value: '2024-02-04' });
  });

  it('refuses an impossible date rather than rolling it over', () => {
    expect(readLegacyDate('Penalty Notice Date', '31/02/2024', today)).toMatchObject({ ok: false, kind: 'impossible-date', reason: 'Penalty Notice Date 31/02/2024 is not a real date' });
    expect(readLegacyDate('Date of Incident', '29/02/2023', today)).toMatchObject({ ok: false, kind: 'impossible-date' });
    expect(readLegacyDate('Date of Incident', '29/02/2024', today)).toEqual({ ok: true, value: '2024-02-29' });
  });

  it('refuses another shape, never guessing day and month', () => {
    expect(readLegacyDate('Date of Incident', '2024-02-01', today)).toMatchObject({ ok: false, kind: 'impossible-date', reason: 'Date of Incident "2024-02-01" is not a date written dd/mm/yyyy' });
    expect(readLegacyDate('Date of Incident', '12/31/2024', today)).toMatchObject({ ok: false, kind: 'impossible-date' });
  });

  it('refuses a date after today, and today is what it is given', () => {
    expect(readLegacyDate('Date Last Paid', '05/12/2026', today)).toMatchObject({ ok: false, kind: 'future-date', reason: 'Date Last Paid 05/12/2026 is in the future' });
    expect(readLegacyDate('Date Last Paid', '05/12/2026', '2026-12-05')).toEqual({ ok: true, value: '2026-12-05' });
  });

  it('takes a blank as no date unless the column is required', () => {
    expect(readLegacyDate('IS11 Sent', '  ', today)).toEqual({ ok: true, value: null });
    expect(readLegacyDate('Date of Incident', '', today, { required: true })).toMatchObject({ ok: false, kind: 'missing-value' });
  });
});

describe('legacy amounts', () => {
  it('reads £6,000.00, 6000 and blank, in pence', () => {
    expect(readLegacyAmount('Penalty Amount', '£6,000.00')).toEqual({ ok: true, value: 600_000 });
    expect(readLegacyAmount('Penalty Amount', '6000')).toEqual({ ok: true, value: 600_000 });
    expect(readLegacyAmount('Penalty Amount', '£1,234,567.89')).toEqual({ ok: true, value: 123_456_789 });
    expect(readLegacyAmount('Amount Paid', '')).toEqual({ ok: true, value: 0 });
  });

  it.each(['£6.000,00', '6k', 'six thousand', '£6,000.5', '-6000', '6,00', '60,00.00', 'TBC'])('refuses %s', (raw) => {
    expect(readLegacyAmount('Penalty Amount', raw)).toMatchObject({ ok: false, kind: 'bad-amount', reason: `Penalty Amount "${raw}" is not an amount (write £6,000.00 or 6000)` });
  });

  it('refuses an amount larger than any penalty', () => {
    expect(readLegacyAmount('Penalty Amount', '99999999999999999999')).toMatchObject({ ok: false, kind: 'bad-amount' });
  });
});

describe('section and entrants', () => {
  it('reads 31A and 32 however prefixed', () => {
    expect(readSection('S31A')).toEqual({ ok: true, value: '31A' });
    expect(readSection('32')).toEqual({ ok: true, value: '32' });
    expect(readSection('33')).toMatchObject({ ok: false, kind: 'bad-value' });
  });

  it('reads the S31A workaround "1" as no entrants and says it corrected it', () => {
    expect(readEntrants('31A', '1')).toEqual({ ok: true, value: { entrants: 0, corrected: true } });
    expect(readEntrants('31A', '')).toEqual({ ok: true, value: { entrants: 0, corrected: false } });
  });

  it('refuses an S31A row claiming several entrants, and an S32 row with none', () => {
    expect(readEntrants('31A', '3')).toMatchObject({ ok: false, kind: 'bad-value' });
    expect(readEntrants('32', '0')).toMatchObject({ ok: false, kind: 'bad-value' });
    expect(readEntrants('32', '4')).toEqual({ ok: true, value: { entrants: 4, corrected: false } });
  });
});

describe('port names as staff typed them', () => {
  it('maps the spellings to Cordon’s ports, whatever the case and spacing', () => {
    expect(legacyPort('Dunkirk')).toBe('DKK');
    expect(legacyPort('Dunkerque')).toBe('DKK');
    expect(legacyPort(' DOVER  EASTERN DOCKS ')).toBe('DVR');
    expect(legacyPort('Coquelles')).toBe('CQF');
    expect(legacyPort('Calais.')).toBe('CAL');
  });

  it('knows no port it is not told of', () => {
    expect(legacyPort('Dovr')).toBeNull();
    expect(legacyPort('Zeebrugge')).toBeNull();
    expect(legacyPort('')).toBeNull();
  });

  it('maps only to ports on Cordon’s list', () => {
    const codes = new Set(PORTS.map((port) => port.code));
    expect(Object.values(LEGACY_PORT_SPELLINGS).filter((code) => !codes.has(code))).toEqual([]);
  });
});
