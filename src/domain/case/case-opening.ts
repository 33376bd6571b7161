import { isCalendarDate, type CalendarDate } from '../clock/calendar-date.js';
import { CASE_EVENT } from './events.js';
import type { ReferralInput } from '../incident/referral.js';
import type { CaseOffence, LorryDrop } from './open-case.js';

/** A liability as it was opened. */
export type OpenedLiability = {
  liabilityId: string;
  role: string;
  offence: CaseOffence;
  partyName: string;
  personIndex: number | null;
  addressLines: string[] | null;
  email: string | null;
  language: string | null;
};

/**
 * The case as its opening events say it was opened. Events recorded before the opening carried
 * every fact leave the missing ones null (no vehicle, nobody named as referrer) — and no lorry drop.
 */
export type CaseOpening = {
  caseId: string;
  reference: string;
  offence: string;
  incidentId: string | null;
  incidentDate: CalendarDate;
  port: string;
  clandestineEntrants: number | null;
  vehicleRegistration: string | null;
  vehicleCountry: string | null;
  driverName: string;
  companyName: string;
  referredBy: string | null;
  selfDeclared: boolean;
  lorryDrop: LorryDrop | null;
  liabilities: OpenedLiability[];
};

type AnyEvent = { type: string; payload: Record<string, unknown> };

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const count = (value: unknown): number | null => (typeof value === 'number' && Number.isInteger(value) ? value : null);
const lines = (value: unknown): string[] | null => (Array.isArray(value) && value.every((line) => typeof line === 'string') && value.length > 0 ? value : null);

function lorryDropIn(value: unknown): LorryDrop | null {
  if (typeof value !== 'object' || value === null) return null;
  const { estimatedArrivalDate, detectionDate } = value as Record<string, unknown>;
  return isCalendarDate(estimatedArrivalDate) && isCalendarDate(detectionDate) ? { estimatedArrivalDate, detectionDate } : null;
}

/**
 * Folds a case stream's opening events (the first event saying how it arrived, `CaseOpened`, one
 * `LiabilityOpened` per responsible person and offence) into what the case was opened with. Null
 * when the stream has no `CaseOpened`.
 */
export function caseOpeningOf(events: readonly AnyEvent[]): CaseOpening | null {
  const opened = events.find((event) => event.type === CASE_EVENT.CaseOpened)?.payload;
  if (!opened) return null;
  // What arrived: a minimal referral carries the vehicle and both names; an incident its id and date.
  const arrived = events.find((event) => event.type === CASE_EVENT.ReferralReceived || event.type === CASE_EVENT.IncidentReferred)?.payload ?? {};
  const liabilities: OpenedLiability[] = events
    .filter((event) => event.type === CASE_EVENT.LiabilityOpened)
    .map(({ payload: p }) => ({
      liabilityId: String(p.liabilityId),
      role: String(p.role),
      offence: p.offence as CaseOffence,
      partyName: String(p.partyName ?? ''),
      personIndex: count(p.personIndex),
      addressLines: lines(p.addressLines),
      email: text(p.email),
      language: text(p.language),
    }));
  const driver = liabilities.find((l) => l.role === 'driver');
  const company = liabilities.find((l) => l.role !== 'driver');
  return {
    caseId: String(opened.caseId),
    reference: String(opened.reference),
    offence: String(opened.offence),
    incidentId: text(opened.incidentId) ?? text(arrived.incidentId),
    incidentDate: String(opened.incidentDate ?? arrived.incidentDate),
    port: String(opened.port ?? arrived.port),
    clandestineEntrants: count(opened.clandestineEntrants ?? arrived.clandestineEntrants),
    vehicleRegistration: text(opened.vehicleRegistration) ?? text(arrived.vehicleRegistration),
    vehicleCountry: text(opened.vehicleCountry) ?? text(arrived.vehicleCountry),
    driverName: text(opened.driverName) ?? text(arrived.driverName) ?? driver?.partyName ?? '',
    companyName: text(opened.companyName) ?? text(arrived.companyName) ?? company?.partyName ?? '',
    referredBy: text(opened.referredBy),
    selfDeclared: opened.selfDeclared === true,
    lorryDrop: lorryDropIn(opened.lorryDrop),
    liabilities,
  };
}

/** The lorry drop the case was opened with, if any: the clock starts on the earlier of its dates. */
export function lorryDropOfCase(events: readonly AnyEvent[]): LorryDrop | null {
  return lorryDropIn(events.find((event) => event.type === CASE_EVENT.CaseOpened)?.payload.lorryDrop);
}

/** The minimal referral the case was opened from, as received; null for a case opened from an incident. */
export function referralOfCase(events: readonly AnyEvent[]): ReferralInput | null {
  // Checked against the referral's schema when it was appended.
  const arrival = events.find((event) => event.type === CASE_EVENT.ReferralReceived);
  return arrival ? (arrival.payload as ReferralInput) : null;
}
