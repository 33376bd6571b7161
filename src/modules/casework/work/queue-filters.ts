import { addDays, daysBetween } from '../../../domain/clock/calendar-date.js';
import { BEFORE_IMPOSITION, FINISHED, isStage, UNDER_CRIMINAL_INVESTIGATION, type Stage } from '../../../domain/liability/stages.js';
import { PORTS } from '../../../domain/reference/ports.js';
import type { FieldError } from '../../../platform/events/command.js';
import { CASE_STAGE_ORDER } from '../case-file.js';

/** The work lists, each a tab of /work. */
export const QUEUES = {
  mine: { title: 'My work', path: '/work' },
  available: { title: 'Available to claim', path: '/work/available' },
  assurance: { title: 'Assurance', path: '/work/assurance' },
  stage: { title: 'By stage', path: '/work/stage' },
  deadline: { title: 'By deadline', path: '/work/deadline' },
  open: { title: 'All open cases', path: '/work/cases' },
} as const;
export type QueueName = keyof typeof QUEUES;

/**
 * Age of a case: whole days since the incident (day 0 is the incident date), the same count the
 * statutory clock uses — day 151 is the last day to send the initial notice, day 179 the last day to
 * impose. Bands are inclusive at both ends.
 */
export const AGE_BANDS = [
  { id: '0-28', label: '0 to 28 days', from: 0, to: 28 },
  { id: '29-90', label: '29 to 90 days', from: 29, to: 90 },
  { id: '91-150', label: '91 to 150 days', from: 91, to: 150 },
  { id: '151-180', label: '151 to 180 days', from: 151, to: 180 },
  { id: 'over-180', label: 'Over 180 days', from: 181, to: null },
] as const;
export type AgeBandId = (typeof AGE_BANDS)[number]['id'];
export const AGE_BASIS = 'days since the incident';

export function isAgeBand(value: string): value is AgeBandId {
  return AGE_BANDS.some((band) => band.id === value);
}

/**
 * The incident dates a band covers on `today`: `onOrAfter` ≤ incident date < `before` (null: no
 * bound). Each band starts where the next younger one ends, so every case falls in exactly one (an
 * incident dated after today, which the border refuses, would count as 0 to 28). The dashboard's
 * counts and the queue's filter are both built from this, so a number and its list always agree.
 */
export function ageBandDates(band: AgeBandId, today: string): { onOrAfter: string | null; before: string | null } {
  const index = AGE_BANDS.findIndex((b) => b.id === band);
  const lowest = (i: number) => {
    const to = AGE_BANDS[i]!.to;
    return to === null ? null : addDays(today, -to);
  };
  return { onOrAfter: lowest(index), before: index === 0 ? null : lowest(index - 1) };
}

export function ageInDays(incidentDate: string, today: string): number {
  return daysBetween(incidentDate, today);
}

/**
 * Deadline windows: on the last day to impose (cases not yet imposed), on day 151, the last day to
 * send the initial notice (cases with a person still waiting for it), and on the day an objection
 * must be decided (objections waiting for a decision). Each flags at two weeks and one week before,
 * and once missed.
 */
export const DEADLINE_WINDOWS = {
  'two-weeks': { label: 'Within two weeks', days: 14, of: 'impose' },
  'one-week': { label: 'Within one week', days: 7, of: 'impose' },
  overdue: { label: 'Last day passed', days: null, of: 'impose' },
  'notice-two-weeks': { label: 'Initial notice: day 151 within two weeks', days: 14, of: 'notice' },
  'notice-one-week': { label: 'Initial notice: day 151 within one week', days: 7, of: 'notice' },
  'notice-missed': { label: 'Initial notice: day 151 missed', days: null, of: 'notice' },
  'objection-two-weeks': { label: 'Objection decision due within two weeks', days: 14, of: 'objection' },
  'objection-one-week': { label: 'Objection decision due within one week', days: 7, of: 'objection' },
  'objection-missed': { label: 'Objection decision overdue', days: null, of: 'objection' },
} as const;
export type DeadlineWindow = keyof typeof DEADLINE_WINDOWS;

/** Stages at which no penalty notice has been issued yet (criminal investigation included). */
export const NOT_YET_IMPOSED: readonly Stage[] = [...BEFORE_IMPOSITION, ...UNDER_CRIMINAL_INVESTIGATION];
export const FINISHED_STAGES: readonly Stage[] = FINISHED;
/** Stages a case can be at while work is in progress, in the order work happens. */
export const OPEN_STAGES: readonly Stage[] = CASE_STAGE_ORDER.filter((stage) => !(FINISHED as readonly string[]).includes(stage));

export interface QueueFilters {
  q?: string;
  offence?: 'S31A' | 'S32' | 'S31A+S32';
  port?: string;
  stage?: Stage;
  age?: AgeBandId;
  within?: DeadlineWindow;
}

export interface ParsedFilters {
  filters: QueueFilters;
  page: number;
  errors: FieldError[];
}

const OFFENCES = ['S31A', 'S32', 'S31A+S32'] as const;

/** Reads the filters from a query string; a value that is not one of the choices is an error, never ignored. */
export function parseQueueFilters(query: Record<string, unknown>): ParsedFilters {
  const text = (name: string) => {
    const value = query[name];
    return typeof value === 'string' ? value.trim() : Array.isArray(value) ? String(value[0] ?? '').trim() : '';
  };
  const filters: QueueFilters = {};
  const errors: FieldError[] = [];
  const q = text('q');
  if (q) {
    if (q.length > 100) errors.push({ field: 'q', message: 'Search for at most 100 characters' });
    else filters.q = q;
  }
  const offence = text('offence');
  if (offence) {
    if ((OFFENCES as readonly string[]).includes(offence)) filters.offence = offence as QueueFilters['offence'] & string;
    else errors.push({ field: 'offence', message: 'Choose an offence from the list' });
  }
  const port = text('port');
  if (port) {
    if (PORTS.some((p) => p.code === port)) filters.port = port;
    else errors.push({ field: 'port', message: 'Choose a port from the list' });
  }
  const stage = text('stage');
  if (stage) {
    if (isStage(stage)) filters.stage = stage;
    else errors.push({ field: 'stage', message: 'Choose a stage from the list' });
  }
  const age = text('age');
  if (age) {
    if (isAgeBand(age)) filters.age = age;
    else errors.push({ field: 'age', message: 'Choose an age from the list' });
  }
  const within = text('within');
  if (within) {
    if (Object.hasOwn(DEADLINE_WINDOWS, within)) filters.within = within as DeadlineWindow;
    else errors.push({ field: 'within', message: 'Choose a deadline from the list' });
  }
  const pageText = text('page');
  const page = /^\d{1,6}$/.test(pageText) && Number(pageText) >= 1 ? Number(pageText) : 1;
  return { filters, page, errors };
}

/** The query string for filters (and a page), for links that must list exactly the same cases. */
export function filterQuery(filters: QueueFilters, page?: number): string {
  const params = new URLSearchParams();
  for (const key of ['q', 'offence', 'port', 'stage', 'age', 'within'] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (page && page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** How close the last day to impose is, for the tag in a queue row. */
export function deadlineStatus(
  lastDay: string | null,
  stage: string,
  today: string,
): { daysLeft: number; daysPassed: number; tag: 'red' | 'orange' | null; passed: boolean } | null {
  if (!lastDay || !(NOT_YET_IMPOSED as readonly string[]).includes(stage)) return null;
  const daysLeft = daysBetween(today, lastDay);
  return { daysLeft, daysPassed: -daysLeft, passed: daysLeft < 0, tag: daysLeft <= 7 ? 'red' : daysLeft <= 14 ? 'orange' : null };
}

/**
 * How close a date is, for the tag in a queue row or the caseworker's own deadlines: red within a
 * week or once passed, orange within two weeks. Null when there is no date.
 */
export function warningStatus(date: string | null | undefined, today: string): { date: string; daysLeft: number; daysPassed: number; tag: 'red' | 'orange' | null; passed: boolean } | null {
  if (!date) return null;
  const daysLeft = daysBetween(today, date);
  return { date, daysLeft, daysPassed: -daysLeft, passed: daysLeft < 0, tag: daysLeft <= 7 ? 'red' : daysLeft <= 14 ? 'orange' : null };
}
