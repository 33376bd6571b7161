import { z } from 'zod';
import { calendarDate, eventNames, id, type EventUnion } from '../event-schemas.js';
import { isCalendarDate } from '../clock/calendar-date.js';
import { refuse, type CommandDecision, type CommandMoment, type FieldProblem } from '../command-decision.js';

/*
 * The `improvement` stream (`improvement-<id>`): an improvement to the scheme planned by its owner,
 * with the date it is due, for the annual report of a year (seed 003 recommendation 7d: "planned
 * improvements with dates"). The annual report lists them from the log as of its asOf.
 */

export const IMPROVEMENT_TITLE_MAX = 300;
export const IMPROVEMENT_OWNER_MAX = 120;

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
  const problems: FieldProblem[] = [];
  if (!title) problems.push({ field: 'title', message: 'insight.improvement.error.title' });
  else if (title.length > IMPROVEMENT_TITLE_MAX) problems.push({ field: 'title', message: 'insight.improvement.error.titleTooLong' });
  if (!owner) problems.push({ field: 'owner', message: 'insight.improvement.error.owner' });
  else if (owner.length > IMPROVEMENT_OWNER_MAX) problems.push({ field: 'owner', message: 'insight.improvement.error.ownerTooLong' });
  if (!isCalendarDate(input.dueOn)) problems.push({ field: 'dueOn', message: 'insight.improvement.error.dueOn' });
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) problems.push({ field: 'year', message: 'insight.annual.yearError' });
  if (problems.length) return refuse(problems[0]!.message, problems);
  return { ok: true, events: [{ type: IMPROVEMENT_EVENT.ImprovementPlanned, payload: { improvementId: input.improvementId, year: input.year, title, owner, dueOn: input.dueOn } }] };
}
