import { describe, expect, it } from 'vitest';
import { addWorkingDays, answerDueBy, decideAnswerQuestion, decideAskQuestion, decideCloseQuestion, decideGiveFeedback, questionStanding, shareWithinServiceLevel, workingDaysAfter } from './decisions.js';

const actor = { id: 'u1', name: 'Casey Worker', roles: ['caseworker-eo'] };
const at = (iso: string) => ({ actor, now: new Date(iso) });

describe('the service level in working days', () => {
  it('skips weekends', () => {
    // Friday 4 December 2026 + 2 working days = Tuesday 8 December.
    expect(addWorkingDays('2026-12-04', 2)).toBe('2026-12-08');
  });
  it('skips bank holidays across Christmas and New Year (England and Wales)', () => {
    // Tue 22 Dec 2026: 23, 24, (25 Christmas, 26-27 weekend, 28 Boxing Day substitute) 29, 30, 31, (1 Jan, 2-3 weekend) 4, 5, 6, 7, 8.
    expect(answerDueBy('2026-12-22', 10)).toBe('2027-01-08');
    expect(workingDaysAfter('2026-12-22', '2027-01-08')).toBe(10);
  });
  it('an open question past its date is overdue by working days; on the day it is due today', () => {
    expect(questionStanding({ status: 'open', dueBy: '2026-12-08', withinServiceLevel: null }, '2026-12-08')).toEqual({ kind: 'open', workingDaysLeft: 0 });
    expect(questionStanding({ status: 'open', dueBy: '2026-12-04', withinServiceLevel: null }, '2026-12-08')).toEqual({ kind: 'overdue', workingDays: 2 });
    expect(questionStanding({ status: 'answered', dueBy: '2026-12-04', withinServiceLevel: false }, '2026-12-08').kind).toBe('answered-late');
  });
});

describe('asking, answering and closing', () => {
  const base = { questionId: 'q1', channel: 'email' as const, askerName: 'Jan Kowalski', email: 'jan@example.com', language: 'pl', text: 'Kiedy mam zapłacić?' };

  it('a question asked on 22 December 2026 (UK) is due by 8 January 2027 with 10 working days', () => {
    const decision = decideAskQuestion({ answerWithinWorkingDays: 10 }, base, at('2026-12-22T10:00:00Z'));
    expect(decision.ok && decision.events[0]!.payload).toMatchObject({ askedOn: '2026-12-22', dueBy: '2027-01-08', answerWithinWorkingDays: 10, language: 'pl' });
  });

  it('refuses with codes, never sentences: no text, no email for an email question, a bad address, a date in the future', () => {
    const refused = decideAskQuestion({ answerWithinWorkingDays: 10 }, { ...base, text: ' ', email: 'not-an-address' }, at('2026-12-22T10:00:00Z'));
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.errors?.map((e) => e.message)).toEqual(['question.text.missing', 'question.email.invalid']);
    const future = decideAskQuestion({ answerWithinWorkingDays: 10 }, { ...base, askedAt: new Date('2026-12-30T10:00:00Z') }, at('2026-12-22T10:00:00Z'));
    expect(!future.ok && future.errors?.[0]?.field).toBe('askedOn');
    const noEmail = decideAskQuestion({ answerWithinWorkingDays: 10 }, { ...base, email: null }, at('2026-12-22T10:00:00Z'));
    expect(!noEmail.ok && noEmail.errors?.[0]?.message).toBe('question.email.missing');
  });

  it('an answer on the date due is within the service level; a day after is not, and counted in working days', () => {
    const state = { status: 'open' as const, dueBy: '2027-01-08', email: 'jan@example.com', assigneeId: null };
    const onTime = decideAnswerQuestion(state, { text: 'Do 1 lutego.', language: 'pl' }, at('2027-01-08T16:00:00Z'));
    expect(onTime.ok && onTime.events[0]!.payload).toMatchObject({ withinServiceLevel: true, workingDaysLate: 0, emailTo: 'jan@example.com' });
    const late = decideAnswerQuestion(state, { text: 'Do 1 lutego.', language: 'pl' }, at('2027-01-11T09:00:00Z'));
    expect(late.ok && late.events[0]!.payload).toMatchObject({ withinServiceLevel: false, workingDaysLate: 1 });
    expect(decideAnswerQuestion({ ...state, status: 'answered' }, { text: 'x', language: 'en' }, at('2027-01-08T16:00:00Z')).ok).toBe(false);
    expect(decideCloseQuestion(state, { reason: '  ' }).ok).toBe(false);
  });

  it('the share answered within the service level', () => {
    expect(shareWithinServiceLevel([{ withinServiceLevel: true }, { withinServiceLevel: true }, { withinServiceLevel: false }])).toEqual({ answered: 3, within: 2, percent: 67 });
    expect(shareWithinServiceLevel([]).percent).toBeNull();
  });

  it('feedback: comments over the limit are refused', () => {
    expect(decideGiveFeedback(null, { feedbackId: 'f', satisfaction: 'satisfied', comments: 'x'.repeat(1201), language: 'en' }, at('2026-12-22T10:00:00Z')).ok).toBe(false);
    const ok = decideGiveFeedback(null, { feedbackId: 'f', satisfaction: 'satisfied', comments: ' good ', language: 'pl' }, at('2026-12-22T10:00:00Z'));
    expect(ok.ok && ok.events[0]!.payload).toMatchObject({ comments: 'good', givenOn: '2026-12-22' });
  });
});
