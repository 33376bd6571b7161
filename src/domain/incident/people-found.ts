import { z } from 'zod';
import { isRealDate } from './referral.js';
import type { Problem } from './search.js';

/*
 * One record per person found (seed 000 recommendations 1–3, seed 002): who they claim to be, the
 * minimum checks done on them and their results, and their safeguarding — a child's age assessment
 * and handover to a local authority, a potential victim of trafficking's indicators, National
 * Referral Mechanism referral and its outcome. Every field is optional in the shape (a draft is
 * saved part-way, older payloads stay valid); `personFoundProblems` and
 * `peopleFoundReconciliationProblem` say what must be there before the incident can be sent.
 */

export const SEXES = { female: 'Female', male: 'Male', 'not-known': 'Not known' } as const;
export const IDENTITY_ESTABLISHED = { 'document-seen': 'A document was seen', 'claimed-only': 'Claimed only (no document)' } as const;
/** The database checks of the minimum set (seed 000 recommendation 1: identity, security, immigration history, and the police's). */
export const DATABASE_CHECKS = {
  identity: 'Identity',
  security: 'Watchlists and security',
  immigrationHistory: 'Immigration history',
  policeNationalComputer: 'Police National Computer',
} as const;
export const CHECK_OUTCOMES = { 'no-match': 'No match', match: 'Match', 'not-done': 'Not done' } as const;
export const AGE_ASSESSMENTS = {
  'accepted-as-claimed': 'Age accepted as claimed',
  'assessed-adult': 'Assessed as an adult',
  'assessed-child': 'Assessed as a child',
  'referred-merton': 'Referred for a Merton-compliant age assessment',
} as const;
/** Common indicators of modern slavery and trafficking, from the NRM guidance for first responders. */
export const TRAFFICKING_INDICATORS = {
  'controlled-by-others': 'Appears to be controlled, or others speak for them',
  'no-documents': 'Has no identity documents, or someone else holds them',
  'debt-bondage': 'Owes a debt for the journey, or is working to pay it off',
  'threats-violence': 'Signs of physical harm, threats or fear of someone',
  'unaware-destination': 'Does not know where they are going or where they will live',
  'forced-work': 'Expects to be made to work, or was forced to work on the way',
  'sexual-exploitation': 'Signs of sexual exploitation',
  'coached-story': 'Story appears coached or rehearsed',
  'child-alone': 'A child travelling without a parent or guardian',
  'journey-arranged': 'Journey arranged and paid for by someone else',
} as const;
export const NRM_STAGES = { 'reasonable-grounds': 'Reasonable grounds decision', 'conclusive-grounds': 'Conclusive grounds decision' } as const;
export const NRM_DECISIONS = { positive: 'Positive', negative: 'Negative' } as const;

const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
const text = (max: number) => z.string().trim().max(max, `Enter ${max} characters or fewer`);
const date = (what: string) =>
  z
    .string({ message: `Enter the ${what}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter the ${what} as a real date, for example 27 3 2026`)
    .refine(isRealDate, `The ${what} must be a real date`)
    .refine((d) => d >= '1900-01-01', `The ${what} must be after 1900`);
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter the time as hours and minutes, for example 14:05');

/** The child's handover to a local authority: which authority, when, and the social worker who received them. */
export const handoverInput = z.object({
  localAuthority: text(200).min(1, 'Enter the local authority the child was handed to'),
  date: date('date of the handover'),
  time,
  socialWorker: text(200).min(1, 'Enter the name of the social worker who received the child'),
});
export type Handover = z.infer<typeof handoverInput>;

export const databaseCheckInput = z.object({
  outcome: z.enum(keys(CHECK_OUTCOMES), { message: 'Choose no match, match or not done' }),
  /** Why the check was not done (required then). */
  reason: text(500).optional(),
});

/** The NRM's decision on a referral, recorded when it comes back (weeks after the incident). */
export const nrmOutcomeInput = z.object({
  stage: z.enum(keys(NRM_STAGES), { message: 'Choose reasonable grounds or conclusive grounds' }),
  decision: z.enum(keys(NRM_DECISIONS), { message: 'Choose positive or negative' }),
  date: date('date of the decision'),
});
export type NrmOutcome = z.infer<typeof nrmOutcomeInput>;

/** The fields of one person found beyond the first flags; spread into `personFoundInput`. */
export const personFoundDetailsShape = {
  claimedName: text(200).optional(),
  /** ISO 3166 two-letter code of the nationality they claim. */
  claimedNationality: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'Enter the nationality as a two-letter country code, for example ER for Eritrea').optional(),
  claimedDateOfBirth: date('claimed date of birth').optional(),
  claimedAge: z.number({ message: 'Enter the claimed age as a whole number of years' }).int('Enter the claimed age as a whole number of years').min(0, 'The claimed age must be 0 or more').max(120, 'The claimed age must be 120 or less').optional(),
  sex: z.enum(keys(SEXES), { message: 'Choose female, male or not known' }).optional(),
  identityEstablished: z.enum(keys(IDENTITY_ESTABLISHED), { message: 'Choose how their identity was established' }).optional(),
  biometricsTaken: z.boolean().optional(),
  biometricsDate: date('date the biometrics were taken').optional(),
  biometricsTime: time.optional(),
  databaseChecks: z.partialRecord(z.enum(keys(DATABASE_CHECKS)), databaseCheckInput).optional(),
  medicalNeeds: text(2000).optional(),
  ageAssessment: z.enum(keys(AGE_ASSESSMENTS), { message: 'Choose the outcome of the age assessment' }).optional(),
  handover: handoverInput.optional(),
  traffickingIndicators: z.array(z.enum(keys(TRAFFICKING_INDICATORS), { message: 'Choose indicators from the list' })).max(10).optional(),
  nrmReferred: z.boolean().optional(),
  nrmNotReferredReason: text(1000).optional(),
};
export const PERSON_FOUND_DETAIL_FIELDS = Object.keys(personFoundDetailsShape) as (keyof typeof personFoundDetailsShape)[];
const detailsObject = z.object(personFoundDetailsShape);
export type PersonFoundDetails = z.infer<typeof detailsObject>;

/** A person found as the checks see them: the first flags and the details (all optional). */
export interface PersonFoundRecord extends PersonFoundDetails {
  apparentChild: boolean;
  potentialVictimOfTrafficking: boolean;
  nrmReferralReference?: string | undefined | null;
  medicalNeed?: boolean;
}

/** Age in whole years on `onDate` of someone born on `born` (both YYYY-MM-DD). */
export function ageOn(born: string, onDate: string): number {
  const [by, bm, bd] = born.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** A child for safeguarding: they claim to be under 18 (by age or date of birth), or the officer assessed they appear to be a child. */
export function claimsOrAppearsChild(person: PersonFoundRecord, onDate: string): boolean {
  if (person.apparentChild) return true;
  if (person.claimedAge !== undefined && person.claimedAge < 18) return true;
  if (person.claimedDateOfBirth && ageOn(person.claimedDateOfBirth, onDate) < 18) return true;
  return false;
}

/** Whether the person is to be handed to a local authority: a child, unless assessed as an adult. */
export function needsHandover(person: PersonFoundRecord, onDate: string): boolean {
  return claimsOrAppearsChild(person, onDate) && person.ageAssessment !== 'assessed-adult';
}

/** A potential victim of trafficking: flagged by the officer, or any indicator ticked. */
export function isPotentialVictim(person: PersonFoundRecord): boolean {
  return person.potentialVictimOfTrafficking || (person.traffickingIndicators?.length ?? 0) > 0;
}

/**
 * What does not hang together in one person's record, whenever it is saved (a draft may still
 * leave answers out): an NRM reference without a referral, a check not done without a reason.
 * `prefix` is put before each field name (for example `peopleFound.2.`).
 */
export function personFoundConsistencyProblems(person: PersonFoundRecord, prefix = ''): Problem[] {
  const p: Problem[] = [];
  if (person.nrmReferralReference && !isPotentialVictim(person)) {
    p.push({ field: `${prefix}nrmReferralReference`, message: 'Tick “potential victim of trafficking”, or clear the NRM reference' });
  }
  if (person.nrmReferralReference && person.nrmReferred === false) {
    p.push({ field: `${prefix}nrmReferralReference`, message: 'An NRM reference means they were referred: choose “yes”, or clear the reference' });
  }
  if (person.claimedAge !== undefined && person.claimedDateOfBirth) {
    p.push({ field: `${prefix}claimedAge`, message: 'Give the claimed date of birth or the claimed age, not both' });
  }
  if (person.biometricsTaken === false && (person.biometricsDate || person.biometricsTime)) {
    p.push({ field: `${prefix}biometricsDate`, message: 'Biometrics were not taken: clear the date and time, or choose “yes”' });
  }
  for (const [code, check] of Object.entries(person.databaseChecks ?? {})) {
    if (check?.outcome === 'not-done' && !check.reason) p.push({ field: `${prefix}check_${code}_reason`, message: `Give the reason the ${DATABASE_CHECKS[code as keyof typeof DATABASE_CHECKS].toLowerCase()} check was not done` });
  }
  return p;
}

/**
 * What one person's record needs before the incident is sent: the minimum checks answered
 * (biometrics and each database check), and the safeguarding a child or a potential victim of
 * trafficking needs. `onDate` is the incident's date (a claimed date of birth is an age on it).
 */
export function personFoundProblems(person: PersonFoundRecord, onDate: string, prefix = ''): Problem[] {
  const p = personFoundConsistencyProblems(person, prefix);
  if (person.biometricsTaken === undefined) p.push({ field: `${prefix}biometricsTaken`, message: 'Say whether biometrics (fingerprints) were taken' });
  if (person.biometricsTaken === true && !person.biometricsDate) p.push({ field: `${prefix}biometricsDate`, message: 'Enter the date the biometrics were taken' });
  for (const [code, name] of Object.entries(DATABASE_CHECKS)) {
    if (!person.databaseChecks?.[code as keyof typeof DATABASE_CHECKS]) p.push({ field: `${prefix}check_${code}`, message: `Record the result of the ${name.toLowerCase()} check (no match, match, or not done with the reason)` });
  }
  if (claimsOrAppearsChild(person, onDate)) {
    if (!person.ageAssessment) p.push({ field: `${prefix}ageAssessment`, message: 'They claim to be, or appear to be, a child: record the age assessment' });
    if (needsHandover(person, onDate) && !person.handover) {
      p.push({ field: `${prefix}handover`, message: 'A child must be handed to a local authority: record which local authority, when, and the social worker who received them' });
    }
  }
  if (isPotentialVictim(person)) {
    const referred = person.nrmReferred ?? (person.nrmReferralReference ? true : undefined);
    if (referred === undefined) p.push({ field: `${prefix}nrmReferred`, message: 'They are a potential victim of trafficking: say whether they were referred to the National Referral Mechanism' });
    if (referred === false && !person.nrmNotReferredReason) p.push({ field: `${prefix}nrmNotReferredReason`, message: 'Give the reason they were not referred to the NRM (for example, the adult did not consent)' });
  }
  return p;
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * S32: one person record per clandestine entrant counted, or a reason for the difference (some ran
 * away before they could be recorded…). Null when they agree or the reason is given.
 */
export function peopleFoundReconciliationProblem(
  incident: { offences?: readonly string[] | undefined; clandestineEntrants?: number | undefined; peopleFoundDifferenceReason?: string | undefined },
  recorded: number,
): Problem | null {
  if (!(incident.offences ?? []).includes('S32')) return null;
  const entrants = incident.clandestineEntrants ?? 0;
  if (!entrants || entrants === recorded || incident.peopleFoundDifferenceReason?.trim()) return null;
  const counted = `${plural(entrants, 'entrant was', 'entrants were')} counted but ${recorded === 1 ? '1 person is' : `${recorded} people are`} recorded`;
  const todo =
    recorded < entrants
      ? entrants - recorded === 1
        ? `record the ${ORDINALS[recorded] ?? `${recorded + 1}th`} person`
        : `record the other ${entrants - recorded} people`
      : 'correct the number of entrants or the people recorded';
  return { field: 'peopleFoundDifferenceReason', message: `${counted}: ${todo}, or give the reason` };
}

/** Everything the people found need before an incident is sent: the count reconciled, and each person's record. */
export function peopleFoundSubmissionProblems(
  incident: { offences?: readonly string[] | undefined; clandestineEntrants?: number | undefined; peopleFoundDifferenceReason?: string | undefined; incidentDate?: string | undefined },
  people: readonly PersonFoundRecord[],
  today: string,
): Problem[] {
  const p: Problem[] = [];
  const reconciliation = peopleFoundReconciliationProblem(incident, people.length);
  if (reconciliation) p.push(reconciliation);
  const onDate = incident.incidentDate && incident.incidentDate <= today ? incident.incidentDate : today;
  people.forEach((person, i) => p.push(...personFoundProblems(person, onDate, `peopleFound.${i}.`)));
  return p;
}

/** The details of a person found (the fields beyond the first flags), as kept in their row. */
export function personFoundDetailsOf(person: Partial<PersonFoundDetails> & Record<string, unknown>): PersonFoundDetails {
  const details: Record<string, unknown> = {};
  for (const field of PERSON_FOUND_DETAIL_FIELDS) if (person[field] !== undefined) details[field] = person[field];
  return details as PersonFoundDetails;
}

/** Where a person record stands, for the decisions that change it after it is recorded. */
export interface PersonFoundToChange {
  incidentStatus: string;
  createdById: string;
  /** Null when there is no such person on the incident. */
  person: PersonFoundRecord | null;
  incidentDate: string | null;
}

/** Only the recording officer, senior officers and managers record a handover or an NRM outcome. */
export const FOLLOW_UP_ROLES: readonly string[] = ['senior-officer', 'manager'];
export function authorisePersonFollowUp(actor: { id: string; roles: readonly string[] }, state: { createdById: string }): string | null {
  if (actor.id === state.createdById || actor.roles.some((r) => FOLLOW_UP_ROLES.includes(r))) return null;
  return 'Only the officer who recorded the incident, a senior officer or a manager can record this';
}
