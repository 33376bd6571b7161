import { describe, expect, it } from 'vitest';
import { decideChangeImprovement, decideCompleteImprovement, decidePlanImprovement, decideWithdrawImprovement, improvementFromEvents, IMPROVEMENT_EVENT, type ImprovementEvent } from './improvements.js';
import { decideThemeFeedback } from '../questions/decisions.js';

const moment = { actor: { id: 'manager-1', name: 'Manager', roles: ['manager'] }, now: new Date('2026-12-05T10:00:00Z') };
const ID = '00000000-0000-4000-8000-000000000001';
const planned = () => {
  const decision = decidePlanImprovement(null, { improvementId: ID, year: 2026, title: 'Publish the report', owner: 'Team', dueOn: '2027-03-31' }, moment);
  if (!decision.ok) throw new Error(decision.message);
  return decision.events as ImprovementEvent[];
};
const fold = (events: ImprovementEvent[]) => improvementFromEvents(events);
const eventsOf = (decision: ReturnType<typeof decideChangeImprovement>) => (decision.ok ? (decision.events as ImprovementEvent[]) : []);

describe('a planned improvement', () => {
  it('changes while planned, the latest details standing; the same details again is no change', () => {
    const events = planned();
    const changed = decideChangeImprovement(fold(events), { improvementId: ID, title: ' Publish it in July ', owner: 'Head', dueOn: '2027-07-31' }, moment);
    expect(changed).toMatchObject({ ok: true, events: [{ type: IMPROVEMENT_EVENT.ImprovementChanged, payload: { title: 'Publish it in July', owner: 'Head', dueOn: '2027-07-31' } }] });
    const state = fold([...events, ...eventsOf(changed)]);
    expect(state).toMatchObject({ title: 'Publish it in July', status: 'planned', year: 2026 });
    expect(decideChangeImprovement(state, { improvementId: ID, title: 'Publish it in July', owner: 'Head', dueOn: '2027-07-31' }, moment)).toMatchObject({ ok: false, message: 'insight.improvement.error.unchanged' });
    expect(decideChangeImprovement(state, { improvementId: ID, title: '', owner: 'Head', dueOn: '2027-02-30' }, moment)).toMatchObject({ ok: false, errors: [{ field: 'title' }, { field: 'dueOn' }] });
  });

  it('is done or withdrawn (with a reason) on the UK day, and then nothing more', () => {
    const events = planned();
    const done = decideCompleteImprovement(fold(events), { improvementId: ID }, moment);
    expect(done).toMatchObject({ ok: true, events: [{ payload: { doneOn: '2026-12-05' } }] });
    const closed = fold([...events, ...eventsOf(done)]);
    expect(closed).toMatchObject({ status: 'done', closedOn: '2026-12-05' });
    expect(decideWithdrawImprovement(closed, { improvementId: ID, reason: 'x' }, moment)).toMatchObject({ ok: false, message: 'insight.improvement.error.done' });
    expect(decideChangeImprovement(closed, { improvementId: ID, title: 'y', owner: 'z', dueOn: '2027-01-01' }, moment)).toMatchObject({ ok: false });
    expect(decideWithdrawImprovement(fold(events), { improvementId: ID, reason: '  ' }, moment)).toMatchObject({ ok: false, errors: [{ field: 'reason' }] });
    const withdrawn = decideWithdrawImprovement(fold(events), { improvementId: ID, reason: 'Replaced' }, moment);
    expect(fold([...events, ...eventsOf(withdrawn)])).toMatchObject({ status: 'withdrawn', reason: 'Replaced' });
    expect(decideCompleteImprovement(null, { improvementId: ID }, moment)).toMatchObject({ ok: false, message: 'insight.improvement.error.notFound' });
  });
});

describe('a feedback theme', () => {
  const state = { exists: true, hasComments: true, theme: null };
  it('is one of the fixed themes, recorded with who gave it; the same again, none, or no comments is refused', () => {
    expect(decideThemeFeedback(state, { feedbackId: ID, theme: 'letters' }, moment)).toMatchObject({ ok: true, events: [{ payload: { feedbackId: ID, theme: 'letters', by: 'manager-1' } }] });
    expect(decideThemeFeedback(state, { feedbackId: ID, theme: 'weather' }, moment)).toMatchObject({ ok: false, errors: [{ field: 'theme' }] });
    expect(decideThemeFeedback({ ...state, theme: 'letters' }, { feedbackId: ID, theme: 'letters' }, moment)).toMatchObject({ ok: false, message: 'feedback.theme.error.same' });
    expect(decideThemeFeedback({ ...state, theme: 'letters' }, { feedbackId: ID, theme: 'paying' }, moment)).toMatchObject({ ok: true });
    expect(decideThemeFeedback({ ...state, hasComments: false }, { feedbackId: ID, theme: 'letters' }, moment)).toMatchObject({ ok: false, message: 'feedback.theme.error.noComments' });
    expect(decideThemeFeedback({ exists: false, hasComments: false, theme: null }, { feedbackId: ID, theme: 'letters' }, moment)).toMatchObject({ ok: false, message: 'feedback.theme.error.notFound' });
  });
});
