import { daysBetween, type CalendarDate } from '../clock/calendar-date.js';
import { ukDate } from '../reference/uk-date.js';
import { refuse, type CommandDecision, type CommandMoment, type FieldProblem } from '../command-decision.js';
import { RECOMMENDATION_EVENT, type Inspection, type RecommendationResponse } from './events.js';

/*
 * What may happen to a recommendation in the register, pure. Refusals and field problems are
 * message ids (`recommendations.…` in locales/*.json); the pages put them in words.
 *
 *   open ──close (evidence + a later check date)──▶ closed ──check on/after the date: embedded──▶ embedded
 *     ▲                                                 │
 *     └──────────── check: not embedded (reopened) ◀────┘
 */

export const RECOMMENDATION_STATUSES = ['open', 'closed', 'embedded', 'reopened'] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];

/** A recommendation as the decisions need it (the module loads it from its read tables). */
export interface RecommendationState {
  status: RecommendationStatus;
  dueDate: CalendarDate | null;
  evidenceCount: number;
  embeddedCheckDue: CalendarDate | null;
  /** Each action by id, with whether it is done. */
  actions: ReadonlyMap<string, { completed: boolean }>;
}

const isWorkedOn = (status: RecommendationStatus) => status === 'open' || status === 'reopened';

export interface RecommendationToRecord {
  recommendationId: string;
  inspection: Inspection;
  number: string;
  text: string;
  response: RecommendationResponse;
  responseWording?: string | null | undefined;
  paragraph?: string | null | undefined;
  responseParagraph?: string | null | undefined;
  figure?: string | null | undefined;
}

/** A recommendation is entered once (a second time for the same id is refused: the pre-load relies on it). */
export function decideRecordRecommendation(state: { exists: boolean }, input: RecommendationToRecord): CommandDecision {
  if (state.exists) return refuse('recommendations.refusal.alreadyRecorded');
  return {
    ok: true,
    events: [
      {
        type: RECOMMENDATION_EVENT.RecommendationRecorded,
        payload: {
          recommendationId: input.recommendationId,
          inspection: input.inspection,
          number: input.number.trim(),
          text: input.text.trim(),
          response: input.response,
          responseWording: input.responseWording?.trim() || null,
          paragraph: input.paragraph?.trim() || null,
          responseParagraph: input.responseParagraph?.trim() || null,
          figure: input.figure ?? null,
        },
      },
    ],
  };
}

/** An owner and a due date; a recommendation checked and found embedded is finished and takes none. */
export function decideAssignOwner(state: RecommendationState, input: { ownerId: string; ownerName: string; dueDate: CalendarDate }): CommandDecision {
  if (state.status === 'embedded') return refuse('recommendations.refusal.finished');
  return { ok: true, events: [{ type: RECOMMENDATION_EVENT.RecommendationOwnerAssigned, payload: { ownerId: input.ownerId, ownerName: input.ownerName, dueDate: input.dueDate } }] };
}

/** An action is added while the recommendation is being worked on, due today or later. */
export function decideAddAction(state: RecommendationState, input: { actionId: string; description: string; dueDate: CalendarDate }, context: CommandMoment): CommandDecision {
  if (!isWorkedOn(state.status)) return refuse('recommendations.refusal.notOpen');
  const description = input.description.trim();
  const errors: FieldProblem[] = [];
  if (!description) errors.push({ field: 'description', message: 'recommendations.error.actionDescription' });
  if (daysBetween(ukDate(context.now), input.dueDate) < 0) errors.push({ field: 'dueDate', message: 'recommendations.error.actionDuePast' });
  if (errors.length) return refuse(errors[0]!.message, errors);
  return { ok: true, events: [{ type: RECOMMENDATION_EVENT.RecommendationActionAdded, payload: { actionId: input.actionId, description, dueDate: input.dueDate } }] };
}

/** An action of this recommendation, not yet done, is marked done today. */
export function decideCompleteAction(state: RecommendationState, input: { actionId: string }, context: CommandMoment): CommandDecision {
  const action = state.actions.get(input.actionId);
  if (!action) return refuse('recommendations.refusal.noSuchAction');
  if (action.completed) return refuse('recommendations.refusal.actionDone');
  return { ok: true, events: [{ type: RECOMMENDATION_EVENT.RecommendationActionCompleted, payload: { actionId: input.actionId, completedOn: ukDate(context.now) } }] };
}

/** A link is a web address (http or https) or a page of Cordon (`/…`): never a script or a file on someone's computer. */
export function isEvidenceLink(link: string): boolean {
  if (/^\/(?!\/)[^\s]*$/u.test(link)) return true;
  try {
    const url = new URL(link);
    return (url.protocol === 'https:' || url.protocol === 'http:') && !/\s/u.test(link);
  } catch {
    return false;
  }
}

/** Evidence is recorded while the recommendation is being worked on: words, and a link if there is one. */
export function decideRecordEvidence(state: RecommendationState, input: { evidenceId: string; description: string; link?: string | null | undefined }, context: CommandMoment): CommandDecision {
  if (!isWorkedOn(state.status)) return refuse('recommendations.refusal.notOpen');
  const description = input.description.trim();
  const link = input.link?.trim() || null;
  const errors: FieldProblem[] = [];
  if (!description) errors.push({ field: 'description', message: 'recommendations.error.evidenceDescription' });
  if (link && !isEvidenceLink(link)) errors.push({ field: 'link', message: 'recommendations.error.evidenceLink' });
  if (errors.length) return refuse(errors[0]!.message, errors);
  return { ok: true, events: [{ type: RECOMMENDATION_EVENT.RecommendationEvidenceRecorded, payload: { evidenceId: input.evidenceId, description, link, recordedOn: ukDate(context.now) } }] };
}

/** The figure that measures the recommendation (the module checks the key is one it knows), or none. */
export function decideLinkFigure(_state: RecommendationState, input: { figure: string | null }): CommandDecision {
  return { ok: true, events: [{ type: RECOMMENDATION_EVENT.RecommendationFigureLinked, payload: { figure: input.figure } }] };
}

/**
 * Closing needs evidence recorded and a date, after today, to check that the change is still
 * embedded (seed 003 §2.1: recommendations closed whose improvements "have not stuck").
 */
export function decideClose(state: RecommendationState, input: { summary?: string | null | undefined; embeddedCheckDue: CalendarDate }, context: CommandMoment): CommandDecision {
  if (!isWorkedOn(state.status)) return refuse('recommendations.refusal.alreadyClosed');
  const today = ukDate(context.now);
  const errors: FieldProblem[] = [];
  if (state.evidenceCount === 0) errors.push({ field: 'evidence', message: 'recommendations.error.closeNeedsEvidence' });
  if (daysBetween(today, input.embeddedCheckDue) <= 0) errors.push({ field: 'embeddedCheckDue', message: 'recommendations.error.checkDateAfterToday' });
  if (errors.length) return refuse(errors[0]!.message, errors);
  return {
    ok: true,
    events: [{ type: RECOMMENDATION_EVENT.RecommendationClosed, payload: { closedOn: today, summary: input.summary?.trim() || null, evidenceCount: state.evidenceCount, embeddedCheckDue: input.embeddedCheckDue } }],
  };
}

/**
 * The "still embedded?" check: only of a closed recommendation, on or after its check date. Not
 * embedded, it is open again (with the reasons: notes are needed then).
 */
export function decideRecordEmbeddedCheck(state: RecommendationState, input: { embedded: boolean; notes?: string | null | undefined }, context: CommandMoment): CommandDecision {
  if (state.status !== 'closed' || !state.embeddedCheckDue) return refuse('recommendations.refusal.notClosed');
  const today = ukDate(context.now);
  if (daysBetween(state.embeddedCheckDue, today) < 0) return refuse('recommendations.refusal.checkNotDue', [{ field: 'embedded', message: 'recommendations.refusal.checkNotDue' }]);
  const notes = input.notes?.trim() || null;
  if (!input.embedded && !notes) return refuse('recommendations.error.notEmbeddedNotes', [{ field: 'notes', message: 'recommendations.error.notEmbeddedNotes' }]);
  return { ok: true, events: [{ type: RECOMMENDATION_EVENT.RecommendationEmbeddedCheckRecorded, payload: { checkedOn: today, embedded: input.embedded, notes } }] };
}

/** Where a recommendation stands on a day: overdue (being worked on, past its due date), or closed and waiting for its check. */
export function recommendationStanding(r: { status: RecommendationStatus; dueDate: CalendarDate | null; embeddedCheckDue: CalendarDate | null }, today: CalendarDate) {
  const daysOverdue = isWorkedOn(r.status) && r.dueDate ? Math.max(0, daysBetween(r.dueDate, today)) : 0;
  const unverified = r.status === 'closed';
  const checkDue = unverified && !!r.embeddedCheckDue && daysBetween(r.embeddedCheckDue, today) >= 0;
  return { overdue: daysOverdue > 0, daysOverdue, unverified, checkDue };
}
