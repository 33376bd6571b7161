import { describe, expect, it } from 'vitest';
import { defaultPolicyVersion } from '../penalty/penalty-factories.js';
import { membershipOn, membershipPeriods } from './membership.js';
import { reviewTriggersFor, type ReviewIncident } from './review-triggers.js';
import { ACCREDITATION_REVIEW_EVENT, decideConcludeReview, decideRaiseReview, reviewFromEvents, reviewRemovals, type AccreditationReviewEvent, type RaiseReviewInput, type ReviewState } from './review.js';

const POLICY = defaultPolicyVersion();
const at = (day: string) => new Date(`${day}T12:00:00Z`);
const system = { actor: { id: 'accreditation-reviews', name: 'Cordon', roles: ['caseworker-eo'] }, now: at('2026-03-02') };
const seniorOfficer = { actor: { id: 'so-1', name: 'Sam Senior', roles: ['senior-officer'] }, now: at('2026-03-20') };
const caseworker = { actor: { id: 'cw-1', name: 'Casey Worker', roles: ['caseworker-eo'] }, now: at('2026-03-20') };
const s32 = (incidentId: string, date: string): ReviewIncident => ({ incidentId, date, offences: ['S32'] });

function raiseInput(overrides: Partial<RaiseReviewInput> = {}): RaiseReviewInput {
  const incidents = [s32('CEC-2026-000001', '2025-06-01'), s32('CEC-2026-000002', '2025-10-01'), s32('CEC-2026-000003', '2026-03-01')];
  const [trigger] = reviewTriggersFor(incidents[2]!, incidents, POLICY);
  return {
    reviewId: 'review-1',
    partyId: 'party-1',
    trigger: trigger!,
    incidents: incidents.map((incident) => ({ caseReference: incident.incidentId, date: incident.date, offences: ['S32'] })),
    statusOnIncidentDate: 'member',
    ...overrides,
  };
}

function raised(): ReviewState {
  const decision = decideRaiseReview({ exists: false }, raiseInput(), system);
  if (!decision.ok) throw new Error(decision.message);
  return reviewFromEvents(decision.events as AccreditationReviewEvent[])!;
}

describe('raising a review of a member', () => {
  it('raises it with the trigger, the incidents oldest first, the window and the day', () => {
    const decision = decideRaiseReview({ exists: false }, raiseInput(), system);
    expect(decision.ok).toBe(true);
    if (!decision.ok) return;
    expect(decision.events).toEqual([
      {
        type: ACCREDITATION_REVIEW_EVENT.MembershipReviewRaised,
        payload: {
          reviewId: 'review-1',
          partyId: 'party-1',
          trigger: 's32Incidents',
          incidents: [
            { caseReference: 'CEC-2026-000001', date: '2025-06-01', offences: ['S32'] },
            { caseReference: 'CEC-2026-000002', date: '2025-10-01', offences: ['S32'] },
            { caseReference: 'CEC-2026-000003', date: '2026-03-01', offences: ['S32'] },
          ],
          windowFrom: '2025-06-01',
          windowTo: '2026-06-01',
          requirements: [],
          raisedOn: '2026-03-02',
        },
      },
    ]);
  });

  it('never twice for the same completed window: the review exists', () => {
    expect(decideRaiseReview({ exists: true }, raiseInput(), system)).toEqual({ ok: false, message: 'accreditation.review.alreadyRaised' });
  });

  it('only for a member, or a suspended member, on the incident date', () => {
    expect(decideRaiseReview({ exists: false }, raiseInput({ statusOnIncidentDate: 'suspended' }), system).ok).toBe(true);
    for (const status of ['none', 'applied', 'removed', 'eligibleToReapply']) {
      expect(decideRaiseReview({ exists: false }, raiseInput({ statusOnIncidentDate: status }), system)).toEqual({ ok: false, message: 'accreditation.review.notMember' });
    }
  });

  it('not when an incident the trigger names is missing', () => {
    const input = raiseInput();
    expect(decideRaiseReview({ exists: false }, { ...input, incidents: input.incidents.slice(1) }, system)).toEqual({ ok: false, message: 'accreditation.review.incidentsUnknown' });
  });
});

describe('concluding a review', () => {
  it('a Senior Officer keeps the member, with notes', () => {
    const decision = decideConcludeReview(raised(), { outcome: 'keep', notes: '  New seals bought; watch the next quarter.  ', reasons: 'ignored' }, seniorOfficer);
    expect(decision).toEqual({
      ok: true,
      events: [{ type: ACCREDITATION_REVIEW_EVENT.MembershipReviewConcluded, payload: { outcome: 'keep', reasons: '', notes: 'New seals bought; watch the next quarter.', byId: 'so-1', byName: 'Sam Senior', concludedOn: '2026-03-20' } }],
    });
  });

  it('a Senior Officer removes the member, with reasons', () => {
    const decision = decideConcludeReview(raised(), { outcome: 'remove', reasons: 'Three S32 incidents; seals not used.' }, seniorOfficer);
    expect(decision.ok && decision.events[0]!.payload).toMatchObject({ outcome: 'remove', reasons: 'Three S32 incidents; seals not used.', concludedOn: '2026-03-20' });
  });

  it('refuses a removal without reasons and a keep without notes, beside the field', () => {
    expect(decideConcludeReview(raised(), { outcome: 'remove', reasons: '   ' }, seniorOfficer)).toEqual({ ok: false, message: 'accreditation.review.reasonsNeeded', errors: [{ field: 'reasons', message: 'accreditation.review.reasonsNeeded' }] });
    expect(decideConcludeReview(raised(), { outcome: 'keep' }, seniorOfficer)).toEqual({ ok: false, message: 'accreditation.review.notesNeeded', errors: [{ field: 'notes', message: 'accreditation.review.notesNeeded' }] });
    expect(decideConcludeReview(raised(), { outcome: 'maybe' }, seniorOfficer)).toMatchObject({ ok: false, message: 'accreditation.review.chooseOutcome' });
  });

  it('refuses anyone but a Senior Officer', () => {
    expect(decideConcludeReview(raised(), { outcome: 'remove', reasons: 'Three incidents' }, caseworker)).toEqual({ ok: false, message: 'accreditation.review.seniorOfficerOnly' });
  });

  it('concludes once', () => {
    const decision = decideConcludeReview(raised(), { outcome: 'keep', notes: 'Fine' }, seniorOfficer);
    if (!decision.ok) throw new Error(decision.message);
    const concluded = reviewFromEvents([...(decideRaiseReview({ exists: false }, raiseInput(), system) as { events: AccreditationReviewEvent[] }).events, ...(decision.events as AccreditationReviewEvent[])]);
    expect(concluded?.conclusion).toMatchObject({ outcome: 'keep', notes: 'Fine', byName: 'Sam Senior' });
    expect(decideConcludeReview(concluded, { outcome: 'remove', reasons: 'Changed my mind' }, seniorOfficer)).toEqual({ ok: false, message: 'accreditation.review.alreadyConcluded' });
    expect(decideConcludeReview(null, { outcome: 'keep', notes: 'x' }, seniorOfficer)).toEqual({ ok: false, message: 'accreditation.review.notFound' });
  });

  it('a removal on review ends the membership that day: removed, then eligible to reapply 3 months later', () => {
    const removal = decideConcludeReview(raised(), { outcome: 'remove', reasons: 'Seals not used' }, seniorOfficer);
    if (!removal.ok) throw new Error(removal.message);
    const review = reviewFromEvents([...(decideRaiseReview({ exists: false }, raiseInput(), system) as { events: AccreditationReviewEvent[] }).events, ...(removal.events as AccreditationReviewEvent[])])!;
    const facts = { memberships: [{ memberFrom: '2025-01-01' }], blocking: [], reviewRemovals: reviewRemovals([review]) };
    expect(membershipOn(facts, '2026-03-19', POLICY).status).toBe('member');
    expect(membershipOn(facts, '2026-03-20', POLICY)).toMatchObject({ status: 'removed', period: { removal: { on: '2026-03-20', cause: 'review', reapplyFrom: '2026-06-20' } } });
    expect(membershipOn(facts, '2026-06-20', POLICY).status).toBe('eligibleToReapply');
    expect(membershipPeriods(facts, POLICY).map((p) => p.status)).toEqual(['none', 'member', 'removed', 'eligibleToReapply']);
    // A kept review removes nothing.
    expect(reviewRemovals([raised()])).toEqual([]);
  });
});
