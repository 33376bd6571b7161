import type { CalendarDate } from '../clock/calendar-date.js';
import { SHIFT_ORDER, SHIFTS, shiftOf, type Shift } from './shifts.js';

/*
 * Pure: a managers' view of one shift day at the border — what each shift recorded (searches, finds,
 * incidents sent, drafts not yet sent) and who recorded it. A search counts at the time it was
 * carried out; an incident at the time its record was started (a draft sent on a later shift stays
 * with the shift that found it).
 */

export interface TeamSearch {
  at: Date;
  officerId: string;
  officerName: string;
  /** Anything found (people, an unsecured vehicle, other goods): not "nothing found". */
  find: boolean;
}

export interface TeamIncident {
  id: string;
  at: Date;
  officerId: string;
  officerName: string;
  status: string;
}

export interface TeamCounts {
  searches: number;
  finds: number;
  sent: number;
  drafts: number;
  /** Kept back by the officer's decision not to refer (waiting for, or approved by, a senior officer). */
  notReferred: number;
}

export interface OfficerOnShift extends TeamCounts {
  officerId: string;
  officerName: string;
  /** Their drafts not yet sent, to open, with when each was started. */
  openDrafts: { id: string; at: Date }[];
}

export interface ShiftSummary extends TeamCounts {
  shift: Shift;
  name: string;
  starts: string;
  ends: string;
  officers: OfficerOnShift[];
}

const none = (): TeamCounts => ({ searches: 0, finds: 0, sent: 0, drafts: 0, notReferred: 0 });

/** The day's three shifts in order, each with its counts and its officers (by name); records of other days are left out. */
export function teamDayByShift(day: CalendarDate, searches: readonly TeamSearch[], incidents: readonly TeamIncident[]): ShiftSummary[] {
  const shifts = new Map<Shift, { counts: TeamCounts; officers: Map<string, OfficerOnShift> }>(SHIFT_ORDER.map((s) => [s, { counts: none(), officers: new Map() }]));
  const add = (at: Date, officerId: string, officerName: string, count: (c: TeamCounts) => void, draftId?: string) => {
    const { shift, day: shiftDay } = shiftOf(at);
    if (shiftDay !== day) return;
    const entry = shifts.get(shift)!;
    let officer = entry.officers.get(officerId);
    if (!officer) entry.officers.set(officerId, (officer = { officerId, officerName, ...none(), openDrafts: [] }));
    count(entry.counts);
    count(officer);
    if (draftId) officer.openDrafts.push({ id: draftId, at });
  };
  for (const s of searches) {
    add(s.at, s.officerId, s.officerName, (c) => {
      c.searches += 1;
      if (s.find) c.finds += 1;
    });
  }
  for (const i of incidents) {
    if (i.status === 'draft') add(i.at, i.officerId, i.officerName, (c) => (c.drafts += 1), i.id);
    else if (i.status === 'submitted') add(i.at, i.officerId, i.officerName, (c) => (c.sent += 1));
    else add(i.at, i.officerId, i.officerName, (c) => (c.notReferred += 1));
  }
  return SHIFT_ORDER.map((shift) => {
    const { counts, officers } = shifts.get(shift)!;
    return {
      shift,
      ...SHIFTS[shift],
      ...counts,
      officers: [...officers.values()].sort((a, b) => a.officerName.localeCompare(b.officerName, 'en-GB') || a.officerId.localeCompare(b.officerId)),
    };
  });
}
