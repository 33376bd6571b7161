import { addDays, type CalendarDate } from '../clock/calendar-date.js';
import { DEFAULT_JURISDICTION, isNonWorkingDay } from '../clock/bank-holidays.js';
import { ukDate } from '../reference/uk-date.js';
import { refuse, type CommandDecision, type CommandMoment, type FieldProblem } from '../command-decision.js';
import { FEEDBACK_EVENT, FEEDBACK_THEMES, QUESTION_EVENT, type FeedbackTheme, type QuestionChannel, type Satisfaction } from './events.js';

/*
 * What a question may do: asked (portal, email, phone), assigned, answered once, or closed with a
 * reason; and feedback given. Pure: the service level comes in from the policy in force. Refusals
 * carry codes (`problem`), which the module turns into words in the reader's language.
 */

export const QUESTION_MAX_LENGTH = 5000;
export const ANSWER_MAX_LENGTH = 10000;
export const FEEDBACK_COMMENTS_MAX_LENGTH = 1200;

/** The date `days` working days (England and Wales: weekends and bank holidays skipped) after `from`. */
export function addWorkingDays(from: CalendarDate, days: number): CalendarDate {
  let date = from;
  let left = days;
  while (left > 0) {
    date = addDays(date, 1);
    if (!isNonWorkingDay(date, DEFAULT_JURISDICTION)) left -= 1;
  }
  return date;
}

/** Working days from `from` (exclusive) to `to` (inclusive); 0 when `to` is not after `from`. */
export function workingDaysAfter(from: CalendarDate, to: CalendarDate): number {
  let n = 0;
  for (let date = addDays(from, 1); date <= to; date = addDays(date, 1)) if (!isNonWorkingDay(date, DEFAULT_JURISDICTION)) n += 1;
  return n;
}

/** The date a question asked on `askedOn` must be answered by. */
export function answerDueBy(askedOn: CalendarDate, answerWithinWorkingDays: number): CalendarDate {
  return addWorkingDays(askedOn, answerWithinWorkingDays);
}

export type QuestionStatus = 'open' | 'answered' | 'closed';

/** Where a question stands on a day: open past its date is overdue (worked out when shown, never stored). */
export function questionStanding(q: { status: QuestionStatus; dueBy: CalendarDate; withinServiceLevel: boolean | null }, today: CalendarDate) {
  if (q.status === 'closed') return { kind: 'closed' as const };
  if (q.status === 'answered') return { kind: q.withinServiceLevel === false ? ('answered-late' as const) : ('answered' as const) };
  if (today > q.dueBy) return { kind: 'overdue' as const, workingDays: workingDaysAfter(q.dueBy, today) };
  return { kind: 'open' as const, workingDaysLeft: workingDaysAfter(today, q.dueBy) };
}

export interface QuestionToAsk {
  questionId: string;
  channel: QuestionChannel;
  /** When it reached us: now for the portal; what the caseworker says for email and phone (not in the future). */
  askedAt?: Date | undefined;
  askerName: string;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  caseId?: string | null | undefined;
  caseReference?: string | null | undefined;
  liabilityId?: string | null | undefined;
  language: string;
  text: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A question has words, who asked, a way to answer them (email, phone, or the portal), and was not asked in the future. */
export function decideAskQuestion(state: { answerWithinWorkingDays: number }, input: QuestionToAsk, context: CommandMoment): CommandDecision {
  const errors: FieldProblem[] = [];
  const text = input.text.trim();
  const name = input.askerName.trim();
  const email = input.email?.trim() || null;
  const phone = input.phone?.trim() || null;
  if (!text) errors.push({ field: 'text', message: 'question.text.missing' });
  if (text.length > QUESTION_MAX_LENGTH) errors.push({ field: 'text', message: 'question.text.tooLong' });
  if (!name) errors.push({ field: 'askerName', message: 'question.name.missing' });
  if (email && !EMAIL.test(email)) errors.push({ field: 'email', message: 'question.email.invalid' });
  if (input.channel === 'email' && !email) errors.push({ field: 'email', message: 'question.email.missing' });
  if (input.channel === 'phone' && !phone && !email) errors.push({ field: 'phone', message: 'question.contact.missing' });
  const askedAt = input.askedAt ?? context.now;
  if (askedAt.getTime() > context.now.getTime() + 60_000) errors.push({ field: 'askedOn', message: 'question.askedOn.future' });
  if (errors.length) return refuse(errors.map((e) => e.message).join(' '), errors);
  const askedOn = ukDate(askedAt);
  return {
    ok: true,
    events: [
      {
        type: QUESTION_EVENT.QuestionAsked,
        payload: {
          questionId: input.questionId,
          channel: input.channel,
          askedAt: askedAt.toISOString(),
          askedOn,
          dueBy: answerDueBy(askedOn, state.answerWithinWorkingDays),
          answerWithinWorkingDays: state.answerWithinWorkingDays,
          askerName: name,
          email,
          phone,
          caseId: input.caseId ?? null,
          caseReference: input.caseReference ?? null,
          liabilityId: input.liabilityId ?? null,
          language: input.language,
          text,
        },
      },
    ],
  };
}

export interface QuestionState {
  status: QuestionStatus;
  dueBy: CalendarDate;
  email: string | null;
  assigneeId: string | null;
}

export function decideAssignQuestion(state: QuestionState, input: { assigneeId: string; assigneeName: string }): CommandDecision {
  if (state.status !== 'open') return refuse('question.notOpen');
  if (state.assigneeId === input.assigneeId) return refuse('question.alreadyAssigned');
  return { ok: true, events: [{ type: QUESTION_EVENT.QuestionAssigned, payload: { assigneeId: input.assigneeId, assigneeName: input.assigneeName } }] };
}

/** An answer is given once, to an open question; whether it was within the service level is counted on the UK date. */
export function decideAnswerQuestion(state: QuestionState, input: { text: string; language: string; note?: string | null | undefined }, context: CommandMoment): CommandDecision {
  if (state.status !== 'open') return refuse('question.notOpen');
  const text = input.text.trim();
  if (!text) return refuse('question.answer.missing', [{ field: 'answer', message: 'question.answer.missing' }]);
  if (text.length > ANSWER_MAX_LENGTH) return refuse('question.answer.tooLong', [{ field: 'answer', message: 'question.answer.tooLong' }]);
  const answeredOn = ukDate(context.now);
  const workingDaysLate = workingDaysAfter(state.dueBy, answeredOn);
  return {
    ok: true,
    events: [
      {
        type: QUESTION_EVENT.QuestionAnswered,
        payload: { text, language: input.language, note: input.note?.trim() || null, answeredOn, withinServiceLevel: answeredOn <= state.dueBy, workingDaysLate, emailTo: state.email },
      },
    ],
  };
}

export function decideCloseQuestion(state: QuestionState, input: { reason: string }): CommandDecision {
  if (state.status !== 'open') return refuse('question.notOpen');
  const reason = input.reason.trim();
  if (!reason) return refuse('question.reason.missing', [{ field: 'reason', message: 'question.reason.missing' }]);
  return { ok: true, events: [{ type: QUESTION_EVENT.QuestionClosed, payload: { reason } }] };
}

/** Feedback: a satisfaction on the scale, comments within the limit. */
export function decideGiveFeedback(_state: unknown, input: { feedbackId: string; satisfaction: Satisfaction; comments?: string | null | undefined; from?: string | null | undefined; language: string }, context: CommandMoment): CommandDecision {
  const comments = input.comments?.trim() || null;
  if (comments && comments.length > FEEDBACK_COMMENTS_MAX_LENGTH) return refuse('feedback.comments.tooLong', [{ field: 'comments', message: 'feedback.comments.tooLong' }]);
  return {
    ok: true,
    events: [{ type: FEEDBACK_EVENT.FeedbackGiven, payload: { feedbackId: input.feedbackId, satisfaction: input.satisfaction, comments, from: input.from ?? null, language: input.language, givenOn: ukDate(context.now) } }],
  };
}

/** A feedback response as theming needs it: whether it exists, has comments, and its theme now. */
export interface FeedbackThemeState {
  exists: boolean;
  hasComments: boolean;
  theme: FeedbackTheme | null;
}

/** Themes a response's comments: one of the fixed themes; a response without comments has nothing to theme; the same theme again changes nothing. */
export function decideThemeFeedback(state: FeedbackThemeState, input: { feedbackId: string; theme: string }, context: CommandMoment): CommandDecision {
  if (!state.exists) return refuse('feedback.theme.error.notFound');
  if (!state.hasComments) return refuse('feedback.theme.error.noComments');
  if (!(FEEDBACK_THEMES as readonly string[]).includes(input.theme)) return refuse('feedback.theme.error.choose', [{ field: 'theme', message: 'feedback.theme.error.choose' }]);
  if (state.theme === input.theme) return refuse('feedback.theme.error.same', [{ field: 'theme', message: 'feedback.theme.error.same' }]);
  return { ok: true, events: [{ type: FEEDBACK_EVENT.FeedbackThemed, payload: { feedbackId: input.feedbackId, theme: input.theme as FeedbackTheme, by: context.actor.id } }] };
}

/** The share of questions answered within the service level, of those answered in a month (null when none). */
export function shareWithinServiceLevel(answers: readonly { withinServiceLevel: boolean }[]): { answered: number; within: number; percent: number | null } {
  const within = answers.filter((a) => a.withinServiceLevel).length;
  return { answered: answers.length, within, percent: answers.length ? Math.round((within / answers.length) * 100) : null };
}
