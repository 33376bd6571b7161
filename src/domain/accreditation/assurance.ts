import { addMonths, daysBetween, isCalendarDate, type CalendarDate } from '../clock/calendar-date.js';
import { ukDate } from '../reference/uk-date.js';
import { refuse, type CommandDecision, type CommandMoment, type FieldProblem } from '../command-decision.js';
import { ASSURANCE_AREAS, ASSURANCE_EVENT, CHECK_REMINDER_EVENT, AREA_RESULTS, CHECK_OUTCOMES, MEMBER_CHECK_KINDS, type AssuranceArea, type CheckOutcome, type MemberCheckKind } from './assurance-events.js';

/*
 * Assurance of members, pure: when the next check is due, where a member stands on a day, and
 * whether a check may be recorded. Refusals are message codes (`accreditation.assurance.*`).
 */

export const CHECK_NOTES_MAX_LENGTH = 5000;

/** The next check: the interval after the last check, or after the start of membership when there has been none. */
export function nextCheckDue(member: { memberFrom: CalendarDate; lastCheckOn: CalendarDate | null }, recheckEveryMonths: number): CalendarDate {
  return addMonths(member.lastCheckOn ?? member.memberFrom, recheckEveryMonths);
}

export type CheckStanding = { kind: 'overdue'; daysOverdue: number } | { kind: 'dueToday' } | { kind: 'notYetDue'; daysLeft: number };

/** Where a member's next check stands on a day (worked out when shown, never stored). */
export function checkStanding(due: CalendarDate, today: CalendarDate): CheckStanding {
  if (today > due) return { kind: 'overdue', daysOverdue: daysBetween(due, today) };
  if (today === due) return { kind: 'dueToday' };
  return { kind: 'notYetDue', daysLeft: daysBetween(today, due) };
}

/** The assurance list: overdue first (most overdue first), then by the date due, then by name. */
export function orderByDue<T extends { nextCheckDue: CalendarDate; name: string }>(members: readonly T[]): T[] {
  return [...members].sort((a, b) => a.nextCheckDue.localeCompare(b.nextCheckDue) || a.name.localeCompare(b.name, 'en'));
}

export interface MemberCheckState {
  /** Whether the party is a member on the day of the check (the membership service says). */
  memberOnDate: boolean;
  memberFrom: CalendarDate | null;
  /** The policy's interval in force on the day of the check. */
  recheckEveryMonths: number;
}

export interface MemberCheckInput {
  checkId: string;
  partyId: string;
  kind: string;
  date: string;
  findings: readonly { area: string; result: string; notes?: string | undefined }[];
  outcome: string;
  notes?: string | undefined;
}

/** A check of a member: a real day not in the future, while a member; at least one area, each once; an outcome. */
export function decideRecordMemberCheck(state: MemberCheckState, input: MemberCheckInput, context: CommandMoment): CommandDecision {
  const errors: FieldProblem[] = [];
  const today = ukDate(context.now);
  if (!(MEMBER_CHECK_KINDS as readonly string[]).includes(input.kind)) errors.push({ field: 'kind', message: 'accreditation.assurance.kind.missing' });
  if (!isCalendarDate(input.date)) errors.push({ field: 'date', message: 'accreditation.assurance.date.invalid' });
  else if (input.date > today) errors.push({ field: 'date', message: 'accreditation.assurance.date.future' });
  else if (state.memberFrom && input.date < state.memberFrom) errors.push({ field: 'date', message: 'accreditation.assurance.date.beforeMembership' });
  if (!input.findings.length) errors.push({ field: 'findings', message: 'accreditation.assurance.findings.missing' });
  const seen = new Set<string>();
  for (const finding of input.findings) {
    if (!(ASSURANCE_AREAS as readonly string[]).includes(finding.area) || seen.has(finding.area)) errors.push({ field: 'findings', message: 'accreditation.assurance.findings.area' });
    else if (!(AREA_RESULTS as readonly string[]).includes(finding.result)) errors.push({ field: `finding-${finding.area}`, message: 'accreditation.assurance.findings.result' });
    else if ((finding.notes ?? '').length > CHECK_NOTES_MAX_LENGTH) errors.push({ field: `notes-${finding.area}`, message: 'accreditation.assurance.notes.tooLong' });
    seen.add(finding.area);
  }
  if (!(CHECK_OUTCOMES as readonly string[]).includes(input.outcome)) errors.push({ field: 'outcome', message: 'accreditation.assurance.outcome.missing' });
  // A check that found an area not met cannot be "satisfactory".
  else if (input.outcome === 'satisfactory' && input.findings.some((f) => f.result === 'notMet')) errors.push({ field: 'outcome', message: 'accreditation.assurance.outcome.notSatisfactory' });
  if ((input.notes ?? '').length > CHECK_NOTES_MAX_LENGTH) errors.push({ field: 'notes', message: 'accreditation.assurance.notes.tooLong' });
  if (errors.length) return refuse(errors.map((e) => e.message).join(' '), errors);
  if (!state.memberOnDate) return refuse('accreditation.assurance.notMember', [{ field: 'date', message: 'accreditation.assurance.notMember' }]);
  const order = (area: string) => ASSURANCE_AREAS.indexOf(area as AssuranceArea);
  return {
    ok: true,
    events: [
      {
        type: ASSURANCE_EVENT.MemberCheckRecorded,
        payload: {
          checkId: input.checkId,
          partyId: input.partyId,
          kind: input.kind as MemberCheckKind,
          date: input.date,
          findings: [...input.findings].sort((a, b) => order(a.area) - order(b.area)).map((f) => ({ area: f.area as AssuranceArea, result: f.result as 'met' | 'notMet', notes: (f.notes ?? '').trim() })),
          outcome: input.outcome as CheckOutcome,
          notes: (input.notes ?? '').trim(),
          nextCheckDue: addMonths(input.date, state.recheckEveryMonths),
        },
      },
    ],
  };
}

/** Whether the assurance team is reminded of a check on a day: due within `reminderDays` (today included) or overdue. */
export function checkReminderDue(due: CalendarDate, today: CalendarDate, reminderDays: number): boolean {
  return today >= due || daysBetween(today, due) <= reminderDays;
}

export interface CheckReminderInput {
  partyId: string;
  memberName: string;
  reference: string;
  dueOn: string;
  to: string;
}

/** A reminder of one due check, once: a second for the same check is refused; only when it is due by the policy's days or overdue. */
export function decideRecordCheckReminder(state: { sent: boolean; reminderDays: number }, input: CheckReminderInput, context: CommandMoment): CommandDecision {
  if (state.sent) return refuse('accreditation.assurance.reminder.alreadySent');
  const today = ukDate(context.now);
  if (!isCalendarDate(input.dueOn)) return refuse('accreditation.assurance.date.invalid', [{ field: 'dueOn', message: 'accreditation.assurance.date.invalid' }]);
  if (!checkReminderDue(input.dueOn, today, state.reminderDays)) return refuse('accreditation.assurance.reminder.notDue');
  if (!input.to.includes('@')) return refuse('accreditation.assurance.reminder.noAddress', [{ field: 'to', message: 'accreditation.assurance.reminder.noAddress' }]);
  return {
    ok: true,
    events: [
      {
        type: CHECK_REMINDER_EVENT.MemberCheckReminderSent,
        payload: { partyId: input.partyId, memberName: input.memberName, reference: input.reference, dueOn: input.dueOn, overdue: today > input.dueOn, to: input.to.trim(), sentOn: today },
      },
    ],
  };
}
