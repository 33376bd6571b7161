import { z } from 'zod';
import { calendarDate, count, eventNames, id, instant, type EventUnion } from '../event-schemas.js';

/*
 * Questions from the public (issue #15 item 6): one queue for the portal, email and phone, on the
 * `question` stream (`question-<id>`), each with a service level in working days. Feedback on the
 * service (item 7) is on the `feedback` stream (`feedback-<id>`), one event per response.
 */

export const QUESTION_CHANNELS = ['portal', 'email', 'phone'] as const;
export type QuestionChannel = (typeof QUESTION_CHANNELS)[number];

/** The GOV.UK satisfaction scale, most satisfied first. */
export const SATISFACTION = ['very-satisfied', 'satisfied', 'neither', 'dissatisfied', 'very-dissatisfied'] as const;
export type Satisfaction = (typeof SATISFACTION)[number];

/** A language code of the catalogues (`en`, `pl`, `ro` …). */
const languageCode = z.string().regex(/^[a-z]{2}$/);

export const QUESTION_EVENTS = {
  QuestionAsked: z.strictObject({
    questionId: id,
    channel: z.enum(QUESTION_CHANNELS),
    /** When the question reached us (for email and phone: as the caseworker logging it says). */
    askedAt: instant,
    /** The UK date it was asked on, and the date it must be answered by (that plus the service level in working days). */
    askedOn: calendarDate,
    dueBy: calendarDate,
    answerWithinWorkingDays: count,
    askerName: z.string().min(1),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    caseId: id.nullable(),
    caseReference: z.string().nullable(),
    liabilityId: id.nullable(),
    language: languageCode,
    text: z.string().min(1),
  }),
  QuestionAssigned: z.strictObject({ assigneeId: id, assigneeName: z.string() }),
  /** The answer: its text, the language it is written in, a note (e.g. why in English), within the service level or not. */
  QuestionAnswered: z.strictObject({
    text: z.string().min(1),
    language: languageCode,
    note: z.string().nullable(),
    answeredOn: calendarDate,
    withinServiceLevel: z.boolean(),
    /** Working days after the date it was due by (0 when on time). */
    workingDaysLate: count,
    /** The address the answer is emailed to, if any. */
    emailTo: z.string().nullable(),
  }),
  QuestionClosed: z.strictObject({ reason: z.string().min(1) }),
};

export const QUESTION_EVENT = eventNames(QUESTION_EVENTS);
export type QuestionEvent = EventUnion<typeof QUESTION_EVENTS>;

/**
 * What a feedback comment is about, as an analyst or manager reads it (for the annual report's
 * stakeholder feedback themes, seed 003 recommendation 7): the letters, paying, objecting or
 * appealing, the language, the website, contacting us, or something else.
 */
export const FEEDBACK_THEMES = ['letters', 'paying', 'objecting', 'language', 'website', 'contact', 'other'] as const;
export type FeedbackTheme = (typeof FEEDBACK_THEMES)[number];

export const FEEDBACK_EVENTS = {
  FeedbackGiven: z.strictObject({
    feedbackId: id,
    satisfaction: z.enum(SATISFACTION),
    comments: z.string().nullable(),
    /** The page or journey it came from (a path on this service), if known. */
    from: z.string().nullable(),
    language: languageCode,
    givenOn: calendarDate,
  }),
  /** An analyst or manager gives the response's comments a theme; a later one replaces it (the latest counts). `by`: the staff member's id. */
  FeedbackThemed: z.strictObject({ feedbackId: id, theme: z.enum(FEEDBACK_THEMES), by: z.string().min(1) }),
};

export const FEEDBACK_EVENT = eventNames(FEEDBACK_EVENTS);
export type FeedbackEvent = EventUnion<typeof FEEDBACK_EVENTS>;
