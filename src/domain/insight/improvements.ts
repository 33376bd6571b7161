import { z } from 'zod';
import { calendarDate, eventNames, id, type EventUnion } from '../event-schemas.js';
import { isCalendarDate } from '../clock/calendar-date.js';
import { ukDate } from '../reference/uk-date.js';
import { refuse, type CommandDecision, type CommandMoment, type FieldProblem } from '../command-decision.js';

/*
 * The `improvement` stream (`improvement-<id>`): an improvement to the scheme planned by its owner,
 * with the date it is due, for the annual report of a year (seed 003 recommendation 7d: "planned
 * improvements with dates"). The annual report lists them from the log as of its asOf.
 */

export const IMPROVEMENT_TITLE_MAX = 300;
export const IMPROVEMENT_OWNER_MAX = 120;
export const IMPROVEMENT_REASON_MAX = 1000;

/** Where an improvement stands: planned (and may be changed), done, or withdrawn (both final). */
export const IMPROVEMENT_STATUSES = ['planned', 'done', 'withdrawn'] as const;
export type ImprovementStatus = (typeof IMPROVEMENT_STATUSES)[number];

export const IMPROVEMENT_EVENTS = {
  ImprovementPlanned: z.strictObject({
    improvementId: id,
    /** The year of the annual report it is part of. */
    year: z.number().int().min(2000).max(2100),
    title: z.string().min(1).max(IMPROVEMENT_TITLE_MAX),
    /** Who owns it: a team or a role, as the owner writes it. */
    owner: z.string().min(1).max(IMPROVEMENT_OWNER_MAX),
    dueOn: calendarDate,
  }),
  /** Its owner changes what it is, who owns it or when it is due (while planned). */
  ImprovementChanged: z.strictObject({
    improvementId: id,
    title: z.string().min(1).max(IMPROVEMENT_TITLE_MAX),
    owner: z.string().min(1).max(IMPROVEMENT_OWNER_MAX),
    dueOn: calendarDate,
  }),
  /** Done, on the day the manager marks it (UK date). */
  ImprovementDone: z.strictObject({ improvementId: id, doneOn: calendarDate }),
  /** No longer planned, with why. */
  ImprovementWithdrawn: z.strictObject({ improvementId: id, reason: z.string().min(1).max(IMPROVEMENT_REASON_MAX), withdrawnOn: calendarDate }),
};
export const IMPROVEMENT_EVENT = eventNames(IMPROVEMENT_EVENTS);
export type ImprovementEvent = EventUnion<typeof IMPROVEMENT_EVENTS>;

export interface PlanImprovementInput {
  improvementId: string;
  year: number;
  title: string;
  owner: string;
  dueOn: string;
}

/** An improvement needs a title, an owner and a real due date; the year is the report's. Message ids are catalogue keys. */
export function decidePlanImprovement(_state: unknown, input: PlanImprovementInput, _context: CommandMoment): CommandDecision {
  const title = input.title.trim();
  const owner = input.owner.trim();
  const problems = detailsProblems(input);
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) problems.push({ field: 'year', message: 'insight.annual.yearError' });
  if (problems.length) return refuse(problems[0]!.message, problems);
  return { ok: true, events: [{ type: IMPROVEMENT_EVENT.ImprovementPlanned, payload: { improvementId: input.improvementId, year: input.year, title, owner, dueOn: input.dueOn } }] };
}

/** An improvement as its stream leaves it. */
export interface ImprovementState {
  improvementId: string;
  year: number;
  title: string;
  owner: string;
  dueOn: string;
  status: ImprovementStatus;
  /** The day it was done or withdrawn. */
  closedOn: string | null;
  reason: string | null;
}

/** Folds the stream's events (in order); null when it was never planned. */
export function improvementFromEvents(events: readonly ImprovementEvent[]): ImprovementState | null {
  let state = null as ImprovementState | null;
  for (const event of events) {
    if (event.type === IMPROVEMENT_EVENT.ImprovementPlanned) state = { ...event.payload, status: 'planned', closedOn: null, reason: null };
    else if (!state) continue;
    else if (event.type === IMPROVEMENT_EVENT.ImprovementChanged) state = { ...state, title: event.payload.title, owner: event.payload.owner, dueOn: event.payload.dueOn };
    else if (event.type === IMPROVEMENT_EVENT.ImprovementDone) state = { ...state, status: 'done', closedOn: event.payload.doneOn };
    else if (event.type === IMPROVEMENT_EVENT.ImprovementWithdrawn) state = { ...state, status: 'withdrawn', closedOn: event.payload.withdrawnOn, reason: event.payload.reason };
  }
  return state;
}

function detailsProblems(input: { title: string; owner: string; dueOn: string }): FieldProblem[] {
  const title = input.title.trim();
  const owner = input.owner.trim();
  const problems: FieldProblem[] = [];
  if (!title) problems.push({ field: 'title', message: 'insight.improvement.error.title' });
  else if (title.length > IMPROVEMENT_TITLE_MAX) problems.push({ field: 'title', message: 'insight.improvement.error.titleTooLong' });
  if (!owner) problems.push({ field: 'owner', message: 'insight.improvement.error.owner' });
  else if (owner.length > IMPROVEMENT_OWNER_MAX) problems.push({ field: 'owner', message: 'insight.improvement.error.ownerTooLong' });
  if (!isCalendarDate(input.dueOn)) problems.push({ field: 'dueOn', message: 'insight.improvement.error.dueOn' });
  return problems;
}

/** Only a planned improvement may change, be done or be withdrawn: done and withdrawn are final. */
function stillPlanned(state: ImprovementState | null): CommandDecision | null {
  if (!state) return refuse('insight.improvement.error.notFound');
  if (state.status !== 'planned') return refuse(`insight.improvement.error.${state.status}`);
  return null;
}

/** A change of what, who or when; the same details again is no change. */
export function decideChangeImprovement(state: ImprovementState | null, input: { improvementId: string; title: string; owner: string; dueOn: string }, _context: CommandMoment): CommandDecision {
  const closed = stillPlanned(state);
  if (closed) return closed;
  const problems = detailsProblems(input);
  if (problems.length) return refuse(problems[0]!.message, problems);
  const title = input.title.trim();
  const owner = input.owner.trim();
  if (title === state!.title && owner === state!.owner && input.dueOn === state!.dueOn) return refuse('insight.improvement.error.unchanged', [{ field: 'title', message: 'insight.improvement.error.unchanged' }]);
  return { ok: true, events: [{ type: IMPROVEMENT_EVENT.ImprovementChanged, payload: { improvementId: input.improvementId, title, owner, dueOn: input.dueOn } }] };
}

/** Marked done today (UK date). */
export function decideCompleteImprovement(state: ImprovementState | null, input: { improvementId: string }, context: CommandMoment): CommandDecision {
  const closed = stillPlanned(state);
  if (closed) return closed;
  return { ok: true, events: [{ type: IMPROVEMENT_EVENT.ImprovementDone, payload: { improvementId: input.improvementId, doneOn: ukDate(context.now) } }] };
}

/** Withdrawn today, with a reason. */
export function decideWithdrawImprovement(state: ImprovementState | null, input: { improvementId: string; reason: string }, context: CommandMoment): CommandDecision {
  const closed = stillPlanned(state);
  if (closed) return closed;
  const reason = input.reason.trim();
  if (!reason) return refuse('insight.improvement.error.reason', [{ field: 'reason', message: 'insight.improvement.error.reason' }]);
  if (reason.length > IMPROVEMENT_REASON_MAX) return refuse('insight.improvement.error.reasonTooLong', [{ field: 'reason', message: 'insight.improvement.error.reasonTooLong' }]);
  return { ok: true, events: [{ type: IMPROVEMENT_EVENT.ImprovementWithdrawn, payload: { improvementId: input.improvementId, reason, withdrawnOn: ukDate(context.now) } }] };
}
