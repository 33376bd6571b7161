import { describe, expect, it } from 'vitest';
import { teamDayByShift, type TeamIncident, type TeamSearch } from './team-day.js';

const search = (iso: string, officerName: string, find = false): TeamSearch => ({ at: new Date(iso), officerId: officerName.toLowerCase(), officerName, find });
const incident = (id: string, iso: string, officerName: string, status: string): TeamIncident => ({ id, at: new Date(iso), officerId: officerName.toLowerCase(), officerName, status });

describe('teamDayByShift', () => {
  it('counts each shift’s searches, finds, incidents sent and drafts, by officer, leaving out other days', () => {
    const day = teamDayByShift(
      '2026-12-04',
      [
        search('2026-12-04T06:10:00Z', 'Bea Officer'),
        search('2026-12-04T07:00:00Z', 'Bea Officer', true),
        search('2026-12-04T08:00:00Z', 'Al Officer'),
        search('2026-12-04T15:00:00Z', 'Al Officer', true),
        search('2026-12-05T03:00:00Z', 'Cy Officer'), // the night of 4 December
        search('2026-12-04T05:00:00Z', 'Cy Officer'), // the night of 3 December: not this day
      ],
      [incident('d1', '2026-12-04T07:30:00Z', 'Bea Officer', 'draft'), incident('s1', '2026-12-04T07:45:00Z', 'Bea Officer', 'submitted'), incident('n1', '2026-12-04T23:00:00Z', 'Cy Officer', 'not-referred')],
    );
    expect(day.map((s) => s.shift)).toEqual(['early', 'late', 'night']);
    const [early, late, night] = day;
    expect(early).toMatchObject({ name: 'Early shift', starts: '06:00', ends: '14:00', searches: 3, finds: 1, sent: 1, drafts: 1, notReferred: 0 });
    expect(early!.officers.map((o) => [o.officerName, o.searches, o.finds, o.sent, o.drafts, o.openDrafts.map((d) => d.id)])).toEqual([
      ['Al Officer', 1, 0, 0, 0, []],
      ['Bea Officer', 2, 1, 1, 1, ['d1']],
    ]);
    expect(late).toMatchObject({ searches: 1, finds: 1, sent: 0, drafts: 0 });
    expect(night).toMatchObject({ searches: 1, finds: 0, notReferred: 1 });
    expect(night!.officers.map((o) => o.officerName)).toEqual(['Cy Officer']);
  });

  it('gives three empty shifts for a day with nothing recorded', () => {
    expect(teamDayByShift('2026-12-04', [], []).map((s) => [s.searches, s.officers.length])).toEqual([[0, 0], [0, 0], [0, 0]]);
  });
});
