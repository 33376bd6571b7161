import type { CalendarDate } from '../clock/calendar-date.js';
import { daysBetween } from '../clock/calendar-date.js';
import { ACCREDITATION_AREAS, type AccreditationArea, type AreaOutcome } from './areas.js';
import { ACCREDITATION_APPLICATION_EVENT as E, type AccreditationApplicationEvent } from './events.js';

/*
 * Where an application stands, worked out from its events only (the `accreditation-application`
 * stream): its status, each area's latest finding, the open request for information, the refusal
 * proposed, and the dates.
 */

export const APPLICATION_STATUSES = ['submitted', 'awaitingInformation', 'underAssessment', 'refusalProposed', 'accepted', 'refused', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** The statuses of an application no longer waiting for a decision. */
export const DECIDED_STATUSES: readonly ApplicationStatus[] = ['accepted', 'refused', 'withdrawn'];

export function isDecided(status: ApplicationStatus): boolean {
  return DECIDED_STATUSES.includes(status);
}

export interface AreaFinding {
  outcome: AreaOutcome | null;
  notes: string;
}

export interface ApplicationState {
  reference: string;
  status: ApplicationStatus;
  receivedOn: CalendarDate;
  decisionDue: CalendarDate;
  companyName: string;
  country: string;
  language: string;
  email: string;
  areas: Record<AccreditationArea, AreaFinding>;
  /** The request for information waiting for an answer, if any. */
  openRequest: { areas: AccreditationArea[]; message: string; requestedOn: CalendarDate } | null;
  /** The refusal waiting for a Senior Officer, if any. */
  refusalProposal: { reasons: { area: AccreditationArea; reason: string }[]; summary: string | null; proposedById: string; proposedByName: string; proposedOn: CalendarDate } | null;
  decidedOn: CalendarDate | null;
  partyId: string | null;
  memberFrom: CalendarDate | null;
}

export function noFindings(): Record<AccreditationArea, AreaFinding> {
  return Object.fromEntries(ACCREDITATION_AREAS.map((area) => [area, { outcome: null, notes: '' }])) as Record<AccreditationArea, AreaFinding>;
}

/** The state after one more event (the first must be the submission). */
export function evolveApplication(state: ApplicationState | null, event: AccreditationApplicationEvent): ApplicationState | null {
  if (event.type === E.AccreditationApplicationSubmitted) {
    const p = event.payload;
    return {
      reference: p.reference,
      status: 'submitted',
      receivedOn: p.receivedOn,
      decisionDue: p.decisionDue,
      companyName: p.company.name,
      country: p.company.country,
      language: p.language,
      email: p.company.email,
      areas: noFindings(),
      openRequest: null,
      refusalProposal: null,
      decidedOn: null,
      partyId: null,
      memberFrom: null,
    };
  }
  if (!state) return null;
  switch (event.type) {
    case E.AccreditationInformationRequested:
      return { ...state, status: 'awaitingInformation', openRequest: { areas: [...event.payload.areas], message: event.payload.message, requestedOn: event.payload.requestedOn } };
    case E.AccreditationInformationProvided:
      return { ...state, status: 'underAssessment', openRequest: null };
    case E.AccreditationAreaAssessed:
      return {
        ...state,
        status: state.status === 'submitted' ? 'underAssessment' : state.status,
        areas: { ...state.areas, [event.payload.area]: { outcome: event.payload.outcome, notes: event.payload.notes } },
      };
    case E.AccreditationRefusalProposed: {
      const p = event.payload;
      return { ...state, status: 'refusalProposed', refusalProposal: { reasons: p.reasons.map((r) => ({ ...r })), summary: p.summary, proposedById: p.proposedById, proposedByName: p.proposedByName, proposedOn: p.proposedOn } };
    }
    case E.AccreditationRefusalReturned:
      return { ...state, status: 'underAssessment', refusalProposal: null };
    case E.AccreditationRefusalApproved:
      return { ...state, status: 'refused', decidedOn: event.payload.refusedOn };
    case E.AccreditationApplicationAccepted:
      return { ...state, status: 'accepted', decidedOn: event.payload.acceptedOn, partyId: event.payload.partyId, memberFrom: event.payload.memberFrom };
    case E.AccreditationApplicationWithdrawn:
      return { ...state, status: 'withdrawn', decidedOn: event.payload.withdrawnOn, openRequest: null };
    default:
      return state;
  }
}

/** The state of an application from its events, in order; null before it is submitted. */
export function applicationFromEvents(events: readonly AccreditationApplicationEvent[]): ApplicationState | null {
  return events.reduce<ApplicationState | null>(evolveApplication, null);
}

/** The areas not yet found `met`. */
export function areasNotMet(state: Pick<ApplicationState, 'areas'>): AccreditationArea[] {
  return ACCREDITATION_AREAS.filter((area) => state.areas[area].outcome !== 'met');
}

/** The steps open on an application, by whom: what an API client or a page offers next. */
export type ApplicationStep = 'requestInformation' | 'provideInformation' | 'assessArea' | 'accept' | 'proposeRefusal' | 'approveRefusal' | 'returnRefusal' | 'withdraw';

export function openSteps(state: ApplicationState): ApplicationStep[] {
  switch (state.status) {
    case 'submitted':
    case 'underAssessment': {
      const steps: ApplicationStep[] = ['requestInformation', 'assessArea'];
      if (areasNotMet(state).length === 0) steps.push('accept');
      if (ACCREDITATION_AREAS.some((a) => state.areas[a].outcome === 'notMet' && state.areas[a].notes.trim())) steps.push('proposeRefusal');
      steps.push('withdraw');
      return steps;
    }
    case 'awaitingInformation':
      return ['provideInformation', 'assessArea', 'withdraw'];
    case 'refusalProposed':
      return ['approveRefusal', 'returnRefusal', 'withdraw'];
    default:
      return [];
  }
}

/** Days left to the decision due date on `today` (negative when late), and the flag the queue shows. */
export function decisionStanding(decisionDue: CalendarDate, today: CalendarDate, flagDaysLeft: readonly number[]): { daysLeft: number; flag: 'none' | 'warning' | 'urgent' | 'overdue' } {
  const daysLeft = daysBetween(today, decisionDue);
  const [first, urgent] = [...flagDaysLeft].sort((a, b) => b - a);
  if (daysLeft < 0) return { daysLeft, flag: 'overdue' };
  if (urgent !== undefined && daysLeft <= urgent) return { daysLeft, flag: 'urgent' };
  if (first !== undefined && daysLeft <= first) return { daysLeft, flag: 'warning' };
  return { daysLeft, flag: 'none' };
}
