import { compareDates, type CalendarDate } from '../clock/calendar-date.js';
import type { OfficerTrainingRecord } from './events.js';
import { ifcPart2DueBy, ticketState, waitingTooLongForIfcPart2, type TicketState } from './rules.js';

export interface OfficerForOverview {
  userId: string;
  name: string;
  record: OfficerTrainingRecord | null;
}

export interface OfficerLine {
  userId: string;
  name: string;
  ticket: TicketState;
  ppstLevel: number | null;
  expiresOn: CalendarDate | null;
  waitingForIfcPart2: boolean;
  ifcPart2DueBy: CalendarDate | null;
  s31aTrained: boolean;
}

export interface PortGroup {
  /** The port code, or null for officers with no home port recorded. */
  port: string | null;
  officers: number;
  outOfTicket: number;
  expiring: number;
  waitingForIfcPart2: number;
  /** The officers needing attention (out of ticket, expiring, waiting for IFC part 2), most urgent first. */
  needingAttention: OfficerLine[];
}

const URGENCY: Record<TicketState, number> = { 'out-of-ticket': 0, expiring: 1, 'no-ppst': 2, 'in-ticket': 3 };

function lineOf(officer: OfficerForOverview, today: CalendarDate): OfficerLine {
  const record = officer.record;
  const waiting = record ? waitingTooLongForIfcPart2(record, today) : false;
  return {
    userId: officer.userId,
    name: officer.name,
    ticket: ticketState(record?.ppst ?? null, today),
    ppstLevel: record?.ppst?.level ?? null,
    expiresOn: record?.ppst?.expiresOn ?? null,
    waitingForIfcPart2: waiting,
    ifcPart2DueBy: waiting && record?.ifcPart1On ? ifcPart2DueBy(record.ifcPart1On) : null,
    s31aTrained: !!record?.s31aTrainedOn,
  };
}

/**
 * The manager's view (seed 003 §6.48–6.58): per home port, how many officers are out of ticket, about
 * to be (within 30 days), or waiting more than six months for IFC part 2, then those officers. Ports
 * in code order; officers with no home port last.
 */
export function trainingOverview(officers: readonly OfficerForOverview[], today: CalendarDate): PortGroup[] {
  const groups = new Map<string | null, PortGroup>();
  for (const officer of officers) {
    const port = officer.record?.homePort ?? null;
    const group = groups.get(port) ?? { port, officers: 0, outOfTicket: 0, expiring: 0, waitingForIfcPart2: 0, needingAttention: [] };
    groups.set(port, group);
    const line = lineOf(officer, today);
    group.officers += 1;
    if (line.ticket === 'out-of-ticket') group.outOfTicket += 1;
    if (line.ticket === 'expiring') group.expiring += 1;
    if (line.waitingForIfcPart2) group.waitingForIfcPart2 += 1;
    if (line.ticket === 'out-of-ticket' || line.ticket === 'expiring' || line.waitingForIfcPart2) group.needingAttention.push(line);
  }
  for (const group of groups.values()) {
    group.needingAttention.sort(
      (a, b) => URGENCY[a.ticket] - URGENCY[b.ticket] || compareDates(a.expiresOn ?? '9999-12-31', b.expiresOn ?? '9999-12-31') || a.name.localeCompare(b.name),
    );
  }
  return [...groups.values()].sort((a, b) => (a.port === null ? 1 : b.port === null ? -1 : a.port.localeCompare(b.port)));
}

/** Every officer's line, for the full list and the CSV: by name. */
export function officerLines(officers: readonly OfficerForOverview[], today: CalendarDate): (OfficerLine & { homePort: string | null })[] {
  return officers
    .map((officer) => ({ ...lineOf(officer, today), homePort: officer.record?.homePort ?? null }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
