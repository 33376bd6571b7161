import { describe, expect, it } from 'vitest';
import {
  decideAddAction,
  decideAssignOwner,
  decideClose,
  decideCompleteAction,
  decideRecordEmbeddedCheck,
  decideRecordEvidence,
  decideRecordRecommendation,
  isEvidenceLink,
  recommendationStanding,
  type RecommendationState,
} from './decisions.js';

const actor = { id: 'manager-1', name: 'A manager', roles: ['manager'] };
/** Noon UTC on a day: the same UK date all year round. */
const on = (date: string) => ({ actor, now: new Date(`${date}T12:00:00Z`) });
const state = (over: Partial<RecommendationState> = {}): RecommendationState => ({ status: 'open', dueDate: null, evidenceCount: 0, embeddedCheckDue: null, actions: new Map(), ...over });
const fieldsOf = (decision: ReturnType<typeof decideClose>) => (decision.ok ? [] : (decision.errors ?? []).map((e) => `${e.field}: ${e.message}`));

describe('closing a recommendation', () => {
  it('refuses without evidence, naming the evidence, and records nothing', () => {
    const decision = decideClose(state(), { embeddedCheckDue: '2027-06-01' }, on('2026-12-04'));
    expect(decision.ok).toBe(false);
    expect(fieldsOf(decision)).toEqual(['evidence: recommendations.error.closeNeedsEvidence']);
  });

  it('refuses a check date today or earlier: the check is a later one', () => {
    expect(fieldsOf(decideClose(state({ evidenceCount: 1 }), { embeddedCheckDue: '2026-12-04' }, on('2026-12-04')))).toEqual(['embeddedCheckDue: recommendations.error.checkDateAfterToday']);
    expect(fieldsOf(decideClose(state({ evidenceCount: 1 }), { embeddedCheckDue: '2026-01-01' }, on('2026-12-04')))).toEqual(['embeddedCheckDue: recommendations.error.checkDateAfterToday']);
  });

  it('names both problems at once', () => {
    expect(fieldsOf(decideClose(state(), { embeddedCheckDue: '2026-12-01' }, on('2026-12-04')))).toHaveLength(2);
  });

  it('closes on evidence with a later check date, counting the evidence, on the UK date', () => {
    const decision = decideClose(state({ evidenceCount: 2 }), { summary: '  Published.  ', embeddedCheckDue: '2027-06-01' }, on('2026-12-04'));
    expect(decision).toEqual({ ok: true, events: [{ type: 'RecommendationClosed', payload: { closedOn: '2026-12-04', summary: 'Published.', evidenceCount: 2, embeddedCheckDue: '2027-06-01' } }] });
  });

  it('does not close twice, and closes again once reopened', () => {
    expect(decideClose(state({ status: 'closed', evidenceCount: 1 }), { embeddedCheckDue: '2027-06-01' }, on('2026-12-04'))).toMatchObject({ ok: false, message: 'recommendations.refusal.alreadyClosed' });
    expect(decideClose(state({ status: 'embedded', evidenceCount: 1 }), { embeddedCheckDue: '2027-06-01' }, on('2026-12-04')).ok).toBe(false);
    expect(decideClose(state({ status: 'reopened', evidenceCount: 1 }), { embeddedCheckDue: '2027-06-01' }, on('2026-12-04')).ok).toBe(true);
  });
});

describe('the "still embedded?" check', () => {
  const closed = state({ status: 'closed', evidenceCount: 1, embeddedCheckDue: '2027-06-01' });

  it('is refused before its date', () => {
    expect(decideRecordEmbeddedCheck(closed, { embedded: true }, on('2027-05-31'))).toMatchObject({ ok: false, message: 'recommendations.refusal.checkNotDue' });
  });

  it('is recorded on its date or after: embedded', () => {
    expect(decideRecordEmbeddedCheck(closed, { embedded: true }, on('2027-06-01'))).toEqual({ ok: true, events: [{ type: 'RecommendationEmbeddedCheckRecorded', payload: { checkedOn: '2027-06-01', embedded: true, notes: null } }] });
    expect(decideRecordEmbeddedCheck(closed, { embedded: true, notes: 'Still weekly' }, on('2027-09-01')).ok).toBe(true);
  });

  it('needs the reasons when the change has not stuck', () => {
    expect(decideRecordEmbeddedCheck(closed, { embedded: false, notes: '  ' }, on('2027-06-02'))).toMatchObject({ ok: false, errors: [{ field: 'notes', message: 'recommendations.error.notEmbeddedNotes' }] });
    expect(decideRecordEmbeddedCheck(closed, { embedded: false, notes: 'Backlog back to 90 days' }, on('2027-06-02'))).toMatchObject({ ok: true, events: [{ payload: { embedded: false, notes: 'Backlog back to 90 days' } }] });
  });

  it('is only of a closed recommendation', () => {
    for (const status of ['open', 'reopened', 'embedded'] as const) {
      expect(decideRecordEmbeddedCheck(state({ status, embeddedCheckDue: '2027-06-01' }), { embedded: true }, on('2027-07-01'))).toMatchObject({ ok: false, message: 'recommendations.refusal.notClosed' });
    }
  });
});

describe('working on a recommendation', () => {
  it('records it once', () => {
    const input = { recommendationId: 'r-1', inspection: { id: 'x-2025', title: 'X', year: 2025 }, number: ' 6d ', text: ' Clear the backlog ', response: 'not-stated' as const };
    expect(decideRecordRecommendation({ exists: false }, input)).toMatchObject({ ok: true, events: [{ payload: { number: '6d', text: 'Clear the backlog', responseWording: null, figure: null } }] });
    expect(decideRecordRecommendation({ exists: true }, input)).toMatchObject({ ok: false, message: 'recommendations.refusal.alreadyRecorded' });
  });

  it('gives an owner and due date until it is found embedded', () => {
    expect(decideAssignOwner(state(), { ownerId: 'u', ownerName: 'U', dueDate: '2026-01-01' }).ok).toBe(true);
    expect(decideAssignOwner(state({ status: 'closed' }), { ownerId: 'u', ownerName: 'U', dueDate: '2026-01-01' }).ok).toBe(true);
    expect(decideAssignOwner(state({ status: 'embedded' }), { ownerId: 'u', ownerName: 'U', dueDate: '2026-01-01' })).toMatchObject({ ok: false, message: 'recommendations.refusal.finished' });
  });

  it('adds actions due today or later, while open', () => {
    expect(decideAddAction(state(), { actionId: 'a', description: 'Publish', dueDate: '2026-12-04' }, on('2026-12-04')).ok).toBe(true);
    expect(decideAddAction(state(), { actionId: 'a', description: 'Publish', dueDate: '2026-12-03' }, on('2026-12-04'))).toMatchObject({ ok: false, errors: [{ field: 'dueDate' }] });
    expect(decideAddAction(state(), { actionId: 'a', description: '  ', dueDate: '2026-12-05' }, on('2026-12-04'))).toMatchObject({ ok: false, errors: [{ field: 'description' }] });
    expect(decideAddAction(state({ status: 'closed' }), { actionId: 'a', description: 'Publish', dueDate: '2026-12-05' }, on('2026-12-04'))).toMatchObject({ ok: false, message: 'recommendations.refusal.notOpen' });
  });

  it('marks an action done once', () => {
    const actions = new Map([['a', { completed: false }], ['b', { completed: true }]]);
    expect(decideCompleteAction(state({ actions }), { actionId: 'a' }, on('2026-12-04'))).toMatchObject({ ok: true, events: [{ payload: { actionId: 'a', completedOn: '2026-12-04' } }] });
    expect(decideCompleteAction(state({ actions }), { actionId: 'b' }, on('2026-12-04'))).toMatchObject({ ok: false, message: 'recommendations.refusal.actionDone' });
    expect(decideCompleteAction(state({ actions }), { actionId: 'c' }, on('2026-12-04'))).toMatchObject({ ok: false, message: 'recommendations.refusal.noSuchAction' });
  });

  it('takes evidence with a web or Cordon link, never a script', () => {
    expect(decideRecordEvidence(state(), { evidenceId: 'e', description: 'Published', link: 'https://www.gov.uk/x' }, on('2026-12-04'))).toMatchObject({ ok: true, events: [{ payload: { link: 'https://www.gov.uk/x', recordedOn: '2026-12-04' } }] });
    expect(decideRecordEvidence(state(), { evidenceId: 'e', description: 'Published', link: 'javascript:alert(1)' }, on('2026-12-04'))).toMatchObject({ ok: false, errors: [{ field: 'link' }] });
    expect(['/contact', 'https://a.example/b?c=d', 'http://intranet/x'].every(isEvidenceLink)).toBe(true);
    expect(['//evil.example', 'data:text/html,x', 'file:///etc/passwd', 'www.gov.uk', '/a b'].some(isEvidenceLink)).toBe(false);
  });
});

describe('where a recommendation stands', () => {
  it('is overdue while worked on past its due date, and unverified while closed and not yet checked', () => {
    expect(recommendationStanding({ status: 'open', dueDate: '2026-12-01', embeddedCheckDue: null }, '2026-12-04')).toEqual({ overdue: true, daysOverdue: 3, unverified: false, checkDue: false });
    expect(recommendationStanding({ status: 'open', dueDate: '2026-12-04', embeddedCheckDue: null }, '2026-12-04').overdue).toBe(false);
    expect(recommendationStanding({ status: 'open', dueDate: null, embeddedCheckDue: null }, '2026-12-04').overdue).toBe(false);
    expect(recommendationStanding({ status: 'closed', dueDate: '2026-12-01', embeddedCheckDue: '2027-01-01' }, '2026-12-04')).toEqual({ overdue: false, daysOverdue: 0, unverified: true, checkDue: false });
    expect(recommendationStanding({ status: 'closed', dueDate: null, embeddedCheckDue: '2027-01-01' }, '2027-01-01').checkDue).toBe(true);
    expect(recommendationStanding({ status: 'embedded', dueDate: '2026-01-01', embeddedCheckDue: '2026-06-01' }, '2027-01-01')).toEqual({ overdue: false, daysOverdue: 0, unverified: false, checkDue: false });
  });
});
