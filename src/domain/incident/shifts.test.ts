import { describe, expect, it } from 'vitest';
import { shiftDayInstants, shiftOf, SHIFTS } from './shifts.js';

const at = (iso: string) => shiftOf(new Date(iso));

describe('shiftOf', () => {
  it('names the shift of an instant in winter (GMT: UK time is UTC)', () => {
    expect(at('2026-12-04T05:59:59Z')).toEqual({ shift: 'night', day: '2026-12-03' });
    expect(at('2026-12-04T06:00:00Z')).toEqual({ shift: 'early', day: '2026-12-04' });
    expect(at('2026-12-04T13:59:00Z')).toEqual({ shift: 'early', day: '2026-12-04' });
    expect(at('2026-12-04T14:00:00Z')).toEqual({ shift: 'late', day: '2026-12-04' });
    expect(at('2026-12-04T21:59:59Z')).toEqual({ shift: 'late', day: '2026-12-04' });
    expect(at('2026-12-04T22:00:00Z')).toEqual({ shift: 'night', day: '2026-12-04' });
    expect(at('2026-12-04T23:59:59Z')).toEqual({ shift: 'night', day: '2026-12-04' });
    expect(at('2026-12-05T00:00:00Z')).toEqual({ shift: 'night', day: '2026-12-04' });
  });

  it('reads UK summer time (BST: an hour ahead of UTC)', () => {
    // 05:30 UTC is 06:30 BST: the early shift has begun; 21:30 UTC is 22:30 BST: the night shift.
    expect(at('2026-07-01T05:30:00Z')).toEqual({ shift: 'early', day: '2026-07-01' });
    expect(at('2026-07-01T04:59:59Z')).toEqual({ shift: 'night', day: '2026-06-30' });
    expect(at('2026-07-01T12:59:59Z')).toEqual({ shift: 'early', day: '2026-07-01' });
    expect(at('2026-07-01T13:00:00Z')).toEqual({ shift: 'late', day: '2026-07-01' });
    expect(at('2026-07-01T21:30:00Z')).toEqual({ shift: 'night', day: '2026-07-01' });
    // 23:30 UTC on 1 July is 00:30 BST on 2 July: still the night shift that began on 1 July.
    expect(at('2026-07-01T23:30:00Z')).toEqual({ shift: 'night', day: '2026-07-01' });
  });

  it('keeps the night the clocks go forward (29 March 2026, 01:00 GMT → 02:00 BST) in one night shift', () => {
    expect(at('2026-03-29T00:30:00Z')).toEqual({ shift: 'night', day: '2026-03-28' }); // 00:30 GMT
    expect(at('2026-03-29T01:30:00Z')).toEqual({ shift: 'night', day: '2026-03-28' }); // 02:30 BST
    expect(at('2026-03-29T04:59:00Z')).toEqual({ shift: 'night', day: '2026-03-28' }); // 05:59 BST
    expect(at('2026-03-29T05:00:00Z')).toEqual({ shift: 'early', day: '2026-03-29' }); // 06:00 BST
  });

  it('keeps the night the clocks go back (25 October 2026, 02:00 BST → 01:00 GMT) in one night shift', () => {
    expect(at('2026-10-25T00:30:00Z')).toEqual({ shift: 'night', day: '2026-10-24' }); // 01:30 BST
    expect(at('2026-10-25T01:30:00Z')).toEqual({ shift: 'night', day: '2026-10-24' }); // 01:30 GMT, the second time
    expect(at('2026-10-25T05:59:00Z')).toEqual({ shift: 'night', day: '2026-10-24' }); // 05:59 GMT
    expect(at('2026-10-25T06:00:00Z')).toEqual({ shift: 'early', day: '2026-10-25' }); // 06:00 GMT
    expect(at('2026-10-24T05:00:00Z')).toEqual({ shift: 'early', day: '2026-10-24' }); // 06:00 BST the day before
  });

  it('has named shifts that meet end to start', () => {
    expect(SHIFTS.early.ends).toBe(SHIFTS.late.starts);
    expect(SHIFTS.late.ends).toBe(SHIFTS.night.starts);
    expect(SHIFTS.night.ends).toBe(SHIFTS.early.starts);
  });
});

describe('shiftDayInstants', () => {
  it('spans 06:00 to 06:00 UK time: 24 hours in winter, 23 when the clocks go forward, 25 when they go back', () => {
    const hours = (day: string) => {
      const { from, to } = shiftDayInstants(day);
      return (to.getTime() - from.getTime()) / 3_600_000;
    };
    expect(shiftDayInstants('2026-12-04')).toEqual({ from: new Date('2026-12-04T06:00:00Z'), to: new Date('2026-12-05T06:00:00Z') });
    expect(shiftDayInstants('2026-07-01').from).toEqual(new Date('2026-07-01T05:00:00Z'));
    expect(hours('2026-12-04')).toBe(24);
    expect(hours('2026-03-28')).toBe(23);
    expect(hours('2026-10-24')).toBe(25);
  });
});
