import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths } from '../clock/calendar-date.js';
import { defaultPolicyVersion } from '../penalty/penalty-factories.js';
import { reviewTriggersFor, schemeNotFollowedEvidence, type ReviewIncident } from './review-triggers.js';

const POLICY = defaultPolicyVersion();
const s32 = (incidentId: string, date: string): ReviewIncident => ({ incidentId, date, offences: ['S32'] });
const s31a = (incidentId: string, date: string): ReviewIncident => ({ incidentId, date, offences: ['S31A'], requirements: { 'check-at-loading': 'not-met' } });
const kinds = (incident: ReviewIncident, others: ReviewIncident[]) => reviewTriggersFor(incident, others, POLICY).map((t) => t.trigger);

describe('reviewTriggersFor: what a newly recorded incident completes', () => {
  it('the third S32 incident within 12 months raises a review, naming the three', () => {
    const earlier = [s32('A', '2025-01-10'), s32('B', '2025-06-01')];
    const third = s32('C', '2026-01-10');
    expect(reviewTriggersFor(third, earlier, POLICY)).toEqual([{ trigger: 's32Incidents', incidents: ['A', 'B', 'C'], windowFrom: '2025-01-10', windowTo: '2026-01-10' }]);
  });

  it('not when the three span more than 12 months, nor with two', () => {
    expect(kinds(s32('C', '2026-01-11'), [s32('A', '2025-01-10'), s32('B', '2025-06-01')])).toEqual([]);
    expect(kinds(s32('B', '2025-06-01'), [s32('A', '2025-01-10')])).toEqual([]);
  });

  it('counts S31A findings apart from S32 incidents', () => {
    expect(kinds(s31a('C', '2025-03-01'), [s32('A', '2025-01-10'), s32('B', '2025-02-01')])).toEqual([]);
    expect(kinds(s31a('C', '2025-03-01'), [s31a('A', '2025-01-10'), s31a('B', '2025-02-01')])).toEqual(['s31aFindings']);
  });

  it('an incident recorded late, dated between the others, completes the window too', () => {
    expect(kinds(s32('B', '2025-03-01'), [s32('A', '2025-01-10'), s32('C', '2025-06-01')])).toEqual(['s32Incidents']);
  });

  it('one incident with the company’s own security duty not met is evidence the scheme is not followed', () => {
    const devices: ReviewIncident = { incidentId: 'X', date: '2025-04-01', offences: ['S32'], requirements: { 'seals-unique-numbers': 'not-met', 'check-at-loading': 'not-met' } };
    expect(schemeNotFollowedEvidence(devices)).toEqual(['seals-unique-numbers']);
    expect(reviewTriggersFor(devices, [], POLICY)).toEqual([
      { trigger: 'schemeNotFollowed', incidents: ['X'], windowFrom: '2025-04-01', windowTo: '2025-04-01', requirements: ['seals-unique-numbers'] },
    ]);
    // A driver's duty not met is the driver's failure, not the company's scheme.
    expect(kinds(s31a('Y', '2025-04-01'), [])).toEqual([]);
  });

  it('property: with the threshold reached inside one window the last incident always triggers; spread wider it never does', () => {
    const months = POLICY.parameters.accreditation.reviewWindowMonths;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 200 }), (start, gap1, gap2) => {
        const first = addDays('2023-03-01', start);
        const windowEnd = addMonths(first, months);
        const second = addDays(first, gap1);
        const third = addDays(second, gap2);
        const triggered = kinds(s32('3', third), [s32('1', first), s32('2', second)]).includes('s32Incidents');
        expect(triggered).toBe(third <= windowEnd);
      }),
    );
  });
});
