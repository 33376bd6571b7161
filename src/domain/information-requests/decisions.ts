import { addDays, daysBetween, type CalendarDate } from '../clock/calendar-date.js';
import { DEFAULT_JURISDICTION, isNonWorkingDay } from '../clock/bank-holidays.js';
import { ukDate } from '../reference/uk-date.js';
import { refuse, type CommandActor, type CommandDecision, type CommandMoment } from '../command-decision.js';
import { INFORMATION_REQUEST_EVENT, type Addressee, type RequestedItem } from './events.js';

/* What a request for information may do: asked, answered (once or more), withdrawn. Pure. */

/** Working days a request gives the officer unless the caseworker chooses another date. */
export const DEFAULT_WORKING_DAYS_TO_ANSWER = 10;
export const DETAILS_MAX_LENGTH = 5000;

/** The date `days` working days (England and Wales) after `from`. */
export function addWorkingDays(from: CalendarDate, days: number): CalendarDate {
  let date = from;
  let left = days;
  while (left > 0) {
    date = addDays(date, 1);
    if (!isNonWorkingDay(date, DEFAULT_JURISDICTION)) left -= 1;
  }
  return date;
}

/** The due date a new request suggests: 10 working days from today. */
export function defaultDueDate(today: CalendarDate): CalendarDate {
  return addWorkingDays(today, DEFAULT_WORKING_DAYS_TO_ANSWER);
}

/** Days after the due date a day is (0 when on or before it). */
export function daysAfterDue(dueDate: CalendarDate, day: CalendarDate): number {
  return Math.max(0, daysBetween(dueDate, day));
}

export type InformationRequestStatus = 'open' | 'answered' | 'withdrawn';

/** Where a request stands on a day: open and past its due date is overdue. */
export function requestStanding(request: { status: InformationRequestStatus; dueDate: CalendarDate; firstAnswerDaysLate: number | null }, today: CalendarDate) {
  if (request.status === 'withdrawn') return { kind: 'withdrawn' as const };
  if (request.status === 'answered') return { kind: 'answered' as const, daysLate: request.firstAnswerDaysLate ?? 0 };
  const overdue = daysAfterDue(request.dueDate, today);
  return overdue > 0 ? { kind: 'overdue' as const, days: overdue } : { kind: 'open' as const, daysLeft: daysBetween(today, request.dueDate) };
}

export interface InformationToRequest {
  requestId: string;
  caseId: string;
  caseReference: string;
  addressedTo: Addressee;
  items: RequestedItem[];
  otherDescription?: string | undefined;
  details?: string | undefined;
  dueDate: CalendarDate;
}

/** A request is made for at least one item, "something else" described, due today or later. */
export function decideRequestInformation(_state: unknown, input: InformationToRequest, context: CommandMoment): CommandDecision {
  const errors = [];
  const otherDescription = input.otherDescription?.trim() || null;
  if (input.items.includes('other') && !otherDescription) errors.push({ field: 'otherDescription', message: 'Describe the something else you need' });
  if (daysBetween(ukDate(context.now), input.dueDate) < 0) errors.push({ field: 'dueDate', message: 'The date it is due must be today or in the future' });
  if (errors.length) return refuse(errors.map((e) => e.message).join(' '), errors);
  return {
    ok: true,
    events: [
      {
        type: INFORMATION_REQUEST_EVENT.InformationRequested,
        payload: {
          requestId: input.requestId,
          caseId: input.caseId,
          caseReference: input.caseReference,
          items: [...new Set(input.items)],
          otherDescription: input.items.includes('other') ? otherDescription : null,
          details: input.details?.trim() || null,
          dueDate: input.dueDate,
          addressedTo: input.addressedTo,
        },
      },
    ],
  };
}

export interface RequestToAnswer {
  status: InformationRequestStatus;
  dueDate: CalendarDate;
  addressedTo: Addressee;
}

/** Only the officer asked answers a request addressed to them; a port's request, any officer. */
export function authoriseAnswerInformationRequest(actor: CommandActor, state: RequestToAnswer): string | null {
  if (state.addressedTo.kind === 'officer' && state.addressedTo.officerId !== actor.id) {
    return `This request is for ${state.addressedTo.officerName}: only they can answer it`;
  }
  return null;
}

export interface AnswerToRecord {
  answerId: string;
  text?: string | undefined;
  files: { hash: string; mediaType: string; size: number; originalName: string; thumbnailHash: string | null }[];
}

/** An answer has text or files; a withdrawn request takes none. Lateness is counted from the UK date. */
export function decideAnswerInformationRequest(state: RequestToAnswer, input: AnswerToRecord, context: CommandMoment): CommandDecision {
  if (state.status === 'withdrawn') return refuse('This request was withdrawn by the penalty team: it no longer needs an answer');
  const text = input.text?.trim() ?? '';
  if (!text && input.files.length === 0) return refuse('Enter your answer or add a file', [{ field: 'text', message: 'Enter your answer or add a file' }]);
  const answeredOn = ukDate(context.now);
  return {
    ok: true,
    events: [{ type: INFORMATION_REQUEST_EVENT.InformationRequestAnswered, payload: { answerId: input.answerId, text, files: input.files, answeredOn, daysLate: daysAfterDue(state.dueDate, answeredOn) } }],
  };
}

/** A request still open can be withdrawn; an answered one is part of the record. */
export function decideWithdrawInformationRequest(state: { status: InformationRequestStatus }, input: { reason?: string | undefined }): CommandDecision {
  if (state.status === 'withdrawn') return refuse('This request has already been withdrawn');
  if (state.status === 'answered') return refuse('This request has been answered: it cannot be withdrawn');
  return { ok: true, events: [{ type: INFORMATION_REQUEST_EVENT.InformationRequestWithdrawn, payload: { reason: input.reason?.trim() || null } }] };
}
