import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatTime, withReadableDates } from './dates.js';

describe('GOV.UK dates and times', () => {
  it('writes a calendar date as "4 December 2026"', () => {
    expect(formatDate('2026-12-04')).toBe('4 December 2026');
    expect(formatDate('2027-01-01')).toBe('1 January 2027');
  });

  it('writes an instant by its day in the UK, not in UTC', () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in British Summer Time.
    expect(formatDate(new Date('2026-06-30T23:30:00Z'))).toBe('1 July 2026');
  });

  it('writes times as "2:30pm", never "0:00 pm"', () => {
    expect(formatTime(new Date('2026-12-04T14:30:00Z'))).toBe('2:30pm');
    expect(formatTime(new Date('2026-12-04T09:00:00Z'))).toBe('9am');
    expect(formatTime(new Date('2026-12-04T00:00:00Z'))).toBe('12am');
    expect(formatTime(new Date('2026-12-04T12:05:00Z'))).toBe('12:05pm');
  });

  it('reads the clock in Europe/London (summer time is an hour ahead of UTC)', () => {
    expect(formatDateTime(new Date('2026-07-01T13:30:00Z'))).toBe('1 July 2026 at 2:30pm');
    expect(formatDateTime('2026-12-04T00:00:00.000Z')).toBe('4 December 2026 at 12am');
  });

  it('leaves what is not a date alone', () => {
    expect(formatDateTime('')).toBe('');
    expect(formatDateTime('not a date')).toBe('not a date');
  });

  it('rewrites the ISO dates inside a sentence', () => {
    expect(withReadableDates('The last day to send the initial notice was 2027-05-01; on 2027-05-03 it is too late.')).toBe(
      'The last day to send the initial notice was 1 May 2027; on 3 May 2027 it is too late.',
    );
    expect(withReadableDates('Reference 2027-99-99 stays')).toBe('Reference 2027-99-99 stays');
  });
});
