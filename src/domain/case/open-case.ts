import { isAfter, isCalendarDate, type CalendarDate } from '../clock/calendar-date.js';
import type { ReferralInput } from '../incident/referral.js';
import type { RESPONSIBLE_ROLES } from '../incident/incident.js';

/** Driver, owner, hirer or operator. */
export type ResponsibleRole = keyof typeof RESPONSIBLE_ROLES;

export type CaseOffence = 'S31A' | 'S32';

/** A lorry drop's two dates: the statutory clock starts on the earlier of them (DOMAIN.md §3). */
export type LorryDrop = { estimatedArrivalDate: CalendarDate; detectionDate: CalendarDate };

/** One responsible person for one offence, as the referral names them. */
export type ResponsiblePersonToOpen = {
  role: ResponsibleRole;
  offence: CaseOffence;
  partyName: string;
  /** Which responsible person of the recorded incident this is; null for a minimal referral. */
  personIndex: number | null;
  /** Where letters go, as recorded at the border. */
  addressLines: string[] | null;
  email: string | null;
  /** ISO 639-1; null when none was recorded (letters are then in English). */
  language: string | null;
};

/**
 * What a referral says, whichever door it came through: a recorded incident sent by the border,
 * or a minimal referral kept as received.
 */
export type CaseOpeningFacts = {
  arrival: { kind: 'incident'; incidentId: string } | { kind: 'referral'; referral: ReferralInput };
  offences: CaseOffence[];
  incidentDate: CalendarDate;
  /** A port or control zone code; `INLAND` for a find inland. */
  port: string;
  clandestineEntrants: number | null;
  vehicleRegistration: string;
  vehicleCountry: string;
  /** The driver's self-declaration was recorded. */
  selfDeclared: boolean;
  lorryDrop: LorryDrop | null;
  /** The officer who referred the case, by name. */
  referredBy: string;
  liabilities: ResponsiblePersonToOpen[];
};

/** The identities the store allocates before the decision: the case, its reference, one id per liability (in order). */
export type CaseAllocation = { caseId: string; reference: string; liabilityIds: readonly string[] };

export type IncidentReferredPayload = {
  incidentId: string;
  offences: CaseOffence[];
  incidentDate: CalendarDate;
  port: string;
  clandestineEntrants: number | null;
};

/** Everything the case's read row holds at opening: a rebuild of the read tables needs nothing else. */
export type CaseOpenedPayload = {
  caseId: string;
  reference: string;
  offence: CaseOffence | 'S31A+S32';
  incidentId: string | null;
  incidentDate: CalendarDate;
  port: string;
  clandestineEntrants: number | null;
  vehicleRegistration: string;
  vehicleCountry: string;
  driverName: string;
  companyName: string;
  referredBy: string;
  selfDeclared: boolean;
  /** Only for a lorry drop; older events have no such field (no lorry drop). */
  lorryDrop?: LorryDrop;
};

export type LiabilityOpenedPayload = {
  liabilityId: string;
  role: ResponsibleRole;
  offence: CaseOffence;
  partyName: string;
  personIndex: number | null;
  addressLines: string[] | null;
  email: string | null;
  language: string | null;
};

/** The events that open a case: how it arrived, the case, one per liability. */
export type CaseOpeningEvent =
  | { type: 'ReferralReceived'; payload: ReferralInput }
  | { type: 'IncidentReferred'; payload: IncidentReferredPayload }
  | { type: 'CaseOpened'; payload: CaseOpenedPayload }
  | { type: 'LiabilityOpened'; payload: LiabilityOpenedPayload };

export const CASE_OPENING_PROBLEMS = [
  'no-offence',
  'no-incident-date',
  'no-vehicle',
  'no-responsible-person',
  'offence-without-liability',
  'liability-for-offence-not-referred',
  'no-entrants-for-s32',
  'entrants-without-s32',
  'lorry-drop-arrival-after-detection',
  'lorry-drop-detection-not-incident-date',
] as const;
export type CaseOpeningProblemCode = (typeof CASE_OPENING_PROBLEMS)[number];

/** Why a case cannot be opened from these facts: a code (the words live with the front door) and the fact at fault. */
export type CaseOpeningProblem = { code: CaseOpeningProblemCode; field: string };

export type CaseOpeningDecision = { ok: true; events: CaseOpeningEvent[] } | { ok: false; problems: CaseOpeningProblem[] };

/** Every reason these facts cannot open a case; empty when they can. */
export function caseOpeningProblems(facts: CaseOpeningFacts): CaseOpeningProblem[] {
  const problems: CaseOpeningProblem[] = [];
  const offences = new Set(facts.offences);
  if (offences.size === 0) problems.push({ code: 'no-offence', field: 'offences' });
  if (!isCalendarDate(facts.incidentDate)) problems.push({ code: 'no-incident-date', field: 'incidentDate' });
  if (!facts.vehicleRegistration.trim() || !facts.vehicleCountry.trim()) problems.push({ code: 'no-vehicle', field: 'vehicleRegistration' });
  if (facts.liabilities.length === 0) problems.push({ code: 'no-responsible-person', field: 'liabilities' });
  for (const offence of offences) {
    if (facts.liabilities.length > 0 && !facts.liabilities.some((l) => l.offence === offence)) problems.push({ code: 'offence-without-liability', field: 'liabilities' });
  }
  facts.liabilities.forEach((l, i) => {
    if (!offences.has(l.offence)) problems.push({ code: 'liability-for-offence-not-referred', field: `liabilities.${i}.offence` });
  });
  const entrants = facts.clandestineEntrants ?? 0;
  if (offences.has('S32') && entrants < 1) problems.push({ code: 'no-entrants-for-s32', field: 'clandestineEntrants' });
  if (!offences.has('S32') && entrants > 0) problems.push({ code: 'entrants-without-s32', field: 'clandestineEntrants' });
  if (facts.lorryDrop) {
    const { estimatedArrivalDate, detectionDate } = facts.lorryDrop;
    if (detectionDate !== facts.incidentDate) problems.push({ code: 'lorry-drop-detection-not-incident-date', field: 'lorryDrop.detectionDate' });
    if (!isCalendarDate(estimatedArrivalDate) || isAfter(estimatedArrivalDate, detectionDate)) {
      problems.push({ code: 'lorry-drop-arrival-after-detection', field: 'lorryDrop.estimatedArrivalDate' });
    }
  }
  return problems;
}

/** The case's offence as one value: one of the two, or both from one vehicle. */
export function caseOffence(offences: readonly CaseOffence[]): CaseOffence | 'S31A+S32' {
  const both = offences.includes('S31A') && offences.includes('S32');
  return both ? 'S31A+S32' : offences[0]!;
}

/**
 * Opens a case: one case per referral, one liability per responsible person and offence. The
 * events carry every fact the case and its liabilities are read from (and the clock starts from),
 * so the read tables can be rebuilt from the log.
 */
export function openCase(facts: CaseOpeningFacts, allocation: CaseAllocation): CaseOpeningDecision {
  if (allocation.liabilityIds.length !== facts.liabilities.length) {
    throw new Error(`openCase: ${facts.liabilities.length} liabilities but ${allocation.liabilityIds.length} ids allocated`);
  }
  const problems = caseOpeningProblems(facts);
  if (problems.length > 0) return { ok: false, problems };

  const driver = facts.liabilities.find((l) => l.role === 'driver');
  const company = facts.liabilities.find((l) => l.role !== 'driver');
  const arrival: CaseOpeningEvent =
    facts.arrival.kind === 'referral'
      ? { type: 'ReferralReceived', payload: { ...facts.arrival.referral } }
      : {
          type: 'IncidentReferred',
          payload: {
            incidentId: facts.arrival.incidentId,
            offences: [...facts.offences],
            incidentDate: facts.incidentDate,
            port: facts.port,
            clandestineEntrants: facts.clandestineEntrants,
          },
        };
  return {
    ok: true,
    events: [
      arrival,
      {
        type: 'CaseOpened',
        payload: {
          caseId: allocation.caseId,
          reference: allocation.reference,
          offence: caseOffence(facts.offences),
          incidentId: facts.arrival.kind === 'incident' ? facts.arrival.incidentId : null,
          incidentDate: facts.incidentDate,
          port: facts.port,
          clandestineEntrants: facts.clandestineEntrants,
          vehicleRegistration: facts.vehicleRegistration,
          vehicleCountry: facts.vehicleCountry,
          driverName: driver?.partyName ?? '',
          companyName: company?.partyName ?? '',
          referredBy: facts.referredBy,
          selfDeclared: facts.selfDeclared,
          ...(facts.lorryDrop ? { lorryDrop: { ...facts.lorryDrop } } : {}),
        },
      },
      ...facts.liabilities.map(
        (l, i): CaseOpeningEvent => ({
          type: 'LiabilityOpened',
          payload: {
            liabilityId: allocation.liabilityIds[i]!,
            role: l.role,
            offence: l.offence,
            partyName: l.partyName,
            personIndex: l.personIndex,
            addressLines: l.addressLines?.length ? [...l.addressLines] : null,
            email: l.email,
            language: l.language,
          },
        }),
      ),
    ],
  };
}
