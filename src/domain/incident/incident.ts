import { z } from 'zod';
import { bornInRange, inSchemeRange } from '../clock/plausible-dates.js';
import { PORT_CODES } from '../reference/ports.js';
import { isRealDate, REGIME_2023_START } from './referral.js';
import { DETECTING_METHODS, SELECTION_REASONS, VEHICLE_KINDS } from './search.js';
import { incidentDetectionProblems } from './detection.js';
import type { Problem } from './search.js';
import { daysBetween } from '../clock/calendar-date.js';
import { personFoundDetailsShape } from './people-found.js';

const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

export const CONCEALMENT = {
  load: 'In the load',
  'axle-chassis': 'On the axle or chassis',
  roof: 'On or in the roof',
  cab: 'In the cab',
  engine: 'In the engine compartment',
  compartment: 'In a purpose-built compartment',
  other: 'Somewhere else',
} as const;
export const RISK_TO_LIFE = { refrigerated: 'Refrigerated load', 'sealed-container': 'Sealed container or tank', engine: 'Near the engine or exhaust' } as const;
export const REQUIREMENT_FINDINGS = ['met', 'not-met', 'not-applicable', 'unknown'] as const;
export const RESPONSIBLE_ROLES = { driver: 'Driver', owner: 'Owner', hirer: 'Hirer', operator: 'Operator (detached trailer)' } as const;
export const IDENTITY_DOCUMENTS = { passport: 'Passport', 'driving-licence': 'Driving licence', 'identity-card': 'National identity card', 'operator-licence': 'Operator licence', vat: 'VAT number', 'company-number': 'Company number' } as const;
export const MINIMUM_CHECKS = { identity: 'Identity', security: 'Security (watchlists)', immigrationHistory: 'Immigration history', biometrics: 'Biometrics (fingerprints)' } as const;

const date = (what: string) =>
  z
    .string({ message: `Enter the ${what}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter the ${what} as year-month-day, for example 2026-03-14`)
    .refine(isRealDate, `Enter a real ${what}`);
/** A date of the incident's story: real, from 2000 to a year ahead (sending it checks today); plausible-dates.ts. */
const schemeDate = (what: string) => date(what).superRefine(inSchemeRange(`The ${what}`, { ahead: true }));
const country = z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'Enter the country as a two-letter code, for example PL');
const registration = z.string().trim().max(20, 'Registration must be 20 characters or fewer');

export const addressInput = z.object({
  line1: z.string().trim().min(1, 'Enter the first line of the address').max(200),
  line2: z.string().trim().max(200).optional(),
  town: z.string().trim().max(100).optional(),
  region: z.string().trim().max(100).optional(),
  postcode: z.string().trim().max(20).optional(),
  country,
});

export const responsiblePersonInput = z.object({
  role: z.enum(keys(RESPONSIBLE_ROLES), { message: 'Choose the person’s role: driver, owner, hirer or operator' }),
  kind: z.enum(['person', 'organisation'], { message: 'Choose person or organisation' }),
  name: z.string({ message: 'Enter the name' }).trim().min(1, 'Enter the name').max(300),
  dateOfBirth: date('date of birth').superRefine(bornInRange('The date of birth')).optional(),
  nationality: country.optional(),
  documents: z.array(z.object({ kind: z.enum(keys(IDENTITY_DOCUMENTS)), number: z.string().trim().min(1).max(50), country: country.optional() })).max(6).optional(),
  address: addressInput.optional(),
  email: z.string().trim().email('Enter an email address in the correct format, like name@example.com').optional(),
  phone: z.string().trim().regex(/^\+?[\d\s().-]{6,25}$/, 'Enter a phone number, like +48 22 123 45 67').optional(),
  /** The language letters should be written in, ISO 639-1. */
  language: z.string().trim().toLowerCase().regex(/^[a-z]{2}$/, 'Choose a language').optional(),
});
export type ResponsiblePersonInput = z.infer<typeof responsiblePersonInput>;

export const personFoundInput = z.object({
  /** The officer's assessment: "appears to be a child". */
  apparentChild: z.boolean().default(false),
  potentialVictimOfTrafficking: z.boolean().default(false),
  nrmReferralReference: z.string().trim().max(50).optional(),
  medicalNeed: z.boolean().default(false),
  /** The first, coarse record of checks (kept for older records); `databaseChecks` and `biometricsTaken` are the minimum checks. */
  checks: z.partialRecord(z.enum(keys(MINIMUM_CHECKS)), z.enum(['done-clear', 'done-match', 'not-done'])).optional(),
  notes: z.string().trim().max(2000).optional(),
  // Claimed identity, minimum checks and safeguarding (people-found.ts).
  ...personFoundDetailsShape,
});

/**
 * An incident found at the border (S32, S31A or both from one vehicle) or inland (a "lorry drop").
 * Every field is optional in the shape so an officer can save a draft; `submissionProblems` says
 * what a referral needs before it can be sent.
 */
export const incidentInput = z
  .object({
    kind: z.enum(['port', 'inland'], { message: 'Choose where the incident was found' }),
    searchId: z.uuid().optional(),
    offences: z.array(z.enum(['S31A', 'S32'], { message: 'Choose S32, S31A or both' })).max(2).optional(),
    incidentDate: schemeDate('date of the incident').optional(),
    incidentTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter the time as hours and minutes, for example 14:05').optional(),
    port: z.enum(PORT_CODES, { message: 'Choose the port or control zone from the list' }).optional(),
    location: z.string().trim().max(300).optional(),
    howFound: z.string().trim().max(1000).optional(),
    vehicleKind: z.enum(keys(VEHICLE_KINDS), { message: 'Choose the kind of vehicle' }).optional(),
    unaccompaniedTrailer: z.boolean().optional(),
    tractorRegistration: registration.optional(),
    tractorCountry: country.optional(),
    trailerRegistration: registration.optional(),
    trailerCountry: country.optional(),
    clandestineEntrants: z.number({ message: 'Enter the number of clandestine entrants as a whole number' }).int('Enter a whole number').min(0).max(500).optional(),
    concealment: z.array(z.enum(keys(CONCEALMENT))).max(7).optional(),
    riskToLife: z.array(z.enum(keys(RISK_TO_LIFE))).max(3).optional(),
    /** The one method that found them (carried from the search, or asked when there was none). */
    detectingMethod: z.enum(keys(DETECTING_METHODS), { message: 'Choose the method that found them from the list' }).optional(),
    detectingMethodUnknownReason: z.string().trim().max(500, 'Say why in 500 characters or fewer').optional(),
    /** How the vehicle was selected (carried from the search). */
    selectionReason: z.enum(keys(SELECTION_REASONS), { message: 'Choose how the vehicle was selected from the list' }).optional(),
    requirements: z.record(z.string().max(60), z.enum(REQUIREMENT_FINDINGS, { message: 'Choose met, not met, not applicable or unknown' })).optional(),
    checklistProduced: z.boolean().optional(),
    sealNumbers: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
    selfDeclaration: z.object({ when: z.string().trim().max(100), where: z.string().trim().max(200), toWhom: z.string().trim().max(200) }).optional(),
    journey: z
      .object({
        departurePort: z.string().trim().max(100).optional(),
        arrivalPort: z.string().trim().max(100).optional(),
        crossingDate: schemeDate('crossing date').optional(),
        crossingTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter the time as hours and minutes').optional(),
        searchedOnTheWay: z.enum(['yes', 'no', 'unknown']).optional(),
      })
      .optional(),
    estimatedArrivalDate: schemeDate('estimated arrival date').optional(),
    /** The officer is satisfied the entrants came in concealed in this vehicle in the last 72 hours. */
    within72Hours: z.boolean().optional(),
    responsiblePersons: z.array(responsiblePersonInput).max(6).optional(),
    peopleFound: z.array(personFoundInput).max(500).optional(),
    /** S32: why the people recorded differ in number from the entrants counted (people-found.ts). */
    peopleFoundDifferenceReason: z.string().trim().max(1000, 'Enter 1000 characters or fewer').optional(),
  })
  .strict();
export type IncidentInput = z.infer<typeof incidentInput>;

export function isGoodsVehicle(incident: Pick<IncidentInput, 'vehicleKind'>): boolean {
  return incident.vehicleKind === 'hgv' || incident.vehicleKind === 'van';
}

/**
 * What a referral needs before it can be sent to the penalty team, as field problems an officer can
 * act on. Empty means it can be sent. `requirementCodes` are the security requirements of
 * DOMAIN.md §4.
 */
export function submissionProblems(incident: IncidentInput, today: string, requirementCodes: readonly string[]): Problem[] {
  const p: Problem[] = [];
  const offences = incident.offences ?? [];
  if (!offences.length) p.push({ field: 'offences', message: 'Choose the offence: S32 (clandestine entrants found), S31A (vehicle not secured) or both' });
  if (!incident.incidentDate) p.push({ field: 'incidentDate', message: 'Enter the date of the incident' });
  else if (incident.incidentDate > today) p.push({ field: 'incidentDate', message: 'The date of the incident must be today or in the past' });
  if (incident.kind === 'port' && !incident.port) p.push({ field: 'port', message: 'Choose the port or control zone' });
  if (incident.kind === 'inland' && !incident.location) p.push({ field: 'location', message: 'Enter where the people were found' });
  if (!incident.vehicleKind) p.push({ field: 'vehicleKind', message: 'Choose the kind of vehicle' });
  if (!incident.tractorRegistration && !incident.trailerRegistration) p.push({ field: 'tractorRegistration', message: 'Enter the registration of the vehicle or of its trailer' });
  if (incident.tractorRegistration && !incident.tractorCountry) p.push({ field: 'tractorCountry', message: 'Enter the country the vehicle is registered in' });
  if (incident.trailerRegistration && !incident.trailerCountry) p.push({ field: 'trailerCountry', message: 'Enter the country the trailer is registered in' });

  if (offences.includes('S32') && !(incident.clandestineEntrants && incident.clandestineEntrants > 0)) {
    p.push({ field: 'clandestineEntrants', message: 'Enter how many clandestine entrants were found (at least 1 for S32)' });
  }
  if (!offences.includes('S32') && incident.clandestineEntrants) {
    p.push({ field: 'clandestineEntrants', message: 'Clandestine entrants were counted but S32 is not chosen: choose S32 too, or clear the count' });
  }
  if (offences.includes('S31A')) {
    if (incident.vehicleKind && !isGoodsVehicle(incident)) p.push({ field: 'offences', message: 'S31A applies only to goods vehicles: choose S32 only, or correct the kind of vehicle' });
    if (incident.incidentDate && incident.incidentDate < REGIME_2023_START) p.push({ field: 'offences', message: 'S31A applies only to incidents on or after 13 February 2023' });
    const findings = incident.requirements ?? {};
    const unknownCodes = Object.keys(findings).filter((code) => !requirementCodes.includes(code));
    if (unknownCodes.length) p.push({ field: 'requirements', message: `Unknown security requirements: ${unknownCodes.join(', ')}` });
    if (!Object.values(findings).includes('not-met')) {
      p.push({ field: 'requirements', message: 'For S31A, record which security requirements were not met (at least one)' });
    }
  }

  p.push(...incidentDetectionProblems(incident));
  const persons = incident.responsiblePersons ?? [];
  if (!persons.some((person) => person.role === 'driver') && !incident.unaccompaniedTrailer) {
    p.push({ field: 'responsiblePersons', message: 'Add the driver, or say the trailer was unaccompanied' });
  }
  if (!persons.some((person) => person.role !== 'driver')) {
    p.push({ field: 'responsiblePersons', message: 'Add the owner, hirer or operator of the vehicle' });
  }
  persons.forEach((person, i) => {
    if (person.role === 'operator' && !incident.unaccompaniedTrailer) {
      p.push({ field: `responsiblePersons.${i}.role`, message: 'An operator is responsible only for a detached trailer: choose owner or hirer, or say the trailer was unaccompanied' });
    }
    if (person.role === 'driver' && person.kind !== 'person') p.push({ field: `responsiblePersons.${i}.kind`, message: 'A driver must be a person' });
    if (person.kind === 'organisation' && person.dateOfBirth) p.push({ field: `responsiblePersons.${i}.dateOfBirth`, message: 'An organisation has no date of birth' });
    if (person.dateOfBirth && person.dateOfBirth >= today) p.push({ field: `responsiblePersons.${i}.dateOfBirth`, message: 'The date of birth must be in the past' });
  });

  if (incident.kind === 'inland') {
    if (!incident.estimatedArrivalDate) p.push({ field: 'estimatedArrivalDate', message: 'Enter the estimated date the people arrived in the UK' });
    else if (incident.incidentDate && incident.estimatedArrivalDate > incident.incidentDate) {
      p.push({ field: 'estimatedArrivalDate', message: 'The estimated arrival date must be on or before the date they were found' });
    } else if (incident.incidentDate && daysBetween(incident.estimatedArrivalDate, incident.incidentDate) > 3) {
      // Four calendar days apart is certainly more than 72 hours: not a lorry drop, and the clock could not start.
      p.push({ field: 'estimatedArrivalDate', message: 'The estimated arrival date is more than 72 hours before they were found: check the date (an inland find is a lorry drop only if they entered in the last 72 hours)' });
    }
    if (incident.within72Hours !== true) p.push({ field: 'within72Hours', message: 'Say whether you are satisfied they entered concealed in this vehicle in the last 72 hours' });
    if (!incident.journey?.crossingDate) p.push({ field: 'journey.crossingDate', message: 'Enter the date of the vehicle’s crossing' });
  }
  return p;
}

export interface LiabilityToOpen {
  personIndex: number;
  role: keyof typeof RESPONSIBLE_ROLES;
  offence: 'S31A' | 'S32';
}

/** One liability per responsible person and offence; S31A only for goods vehicles. */
export function liabilitiesFor(incident: IncidentInput): LiabilityToOpen[] {
  const offences = (incident.offences ?? []).filter((o) => o === 'S32' || isGoodsVehicle(incident));
  return (incident.responsiblePersons ?? []).flatMap((person, personIndex) => offences.map((offence) => ({ personIndex, role: person.role, offence })));
}

/**
 * An inland find's two dates (DOMAIN.md §1, "lorry drop"): the estimated arrival in the UK and the
 * detection, which is the incident date. The statutory clock starts on the earlier of them.
 */
export function lorryDropOf(incident: Pick<IncidentInput, 'kind' | 'incidentDate' | 'estimatedArrivalDate'>): { estimatedArrivalDate: string; detectionDate: string } | null {
  if (incident.kind !== 'inland' || !incident.estimatedArrivalDate || !incident.incidentDate) return null;
  return { estimatedArrivalDate: incident.estimatedArrivalDate, detectionDate: incident.incidentDate };
}
