import { z } from 'zod';
import { PORT_CODES } from '../reference/ports.js';
import { OTHER_DETECTING_METHODS, searchDetectionProblems } from './detection.js';

/** DOMAIN.md §9: every vehicle search is a record, not just the finds. */
export const VEHICLE_KINDS = { hgv: 'Heavy goods vehicle', van: 'Van', car: 'Car', coach: 'Coach or bus', tourist: 'Tourist vehicle (camper, caravan)' } as const;
export const SELECTION_REASONS = {
  'hub-target': 'Hub-generated target',
  'officer-selected': 'Selected by an officer',
  random: 'Random selection',
  intelligence: 'Intelligence',
  'plate-alert': 'Number-plate reader alert',
  'contractor-referral': 'Referred by a contractor’s screening',
} as const;
export const DETECTION_METHODS = {
  'pmmw-scanner': 'Passive millimetre-wave scanner',
  heartbeat: 'Motion or heartbeat detector',
  dog: 'Detection dog',
  'co2-probe': 'CO₂ probe',
  xray: 'X-ray scanner',
  visual: 'Visual check',
  physical: 'Physical search',
} as const;
/** The one method that found the people or the breach: a method used, or another way they came to light. */
export const DETECTING_METHODS = { ...DETECTION_METHODS, ...OTHER_DETECTING_METHODS } as const;
export const SEARCH_RESULTS = {
  'nothing-found': 'Nothing found',
  'clandestine-entrants': 'Clandestine entrants found',
  'not-secured': 'Goods vehicle not adequately secured',
  both: 'Clandestine entrants found and vehicle not secured',
  'other-find': 'Something else found (drugs, goods, weapons)',
} as const;

const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

const registration = z.string().trim().max(20, 'Registration must be 20 characters or fewer');
const countryCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'Enter the country as a two-letter code, for example PL');

export const searchRecordInput = z
  .object({
    searchedAt: z.iso.datetime({ offset: true, message: 'Enter the time of the search as an ISO 8601 date and time, for example 2026-11-02T14:05:00Z' }),
    port: z.enum(PORT_CODES, { message: 'Choose the port or control zone from the list' }),
    controlZone: z.string().trim().max(100).optional(),
    lane: z.string().trim().max(20).optional(),
    vehicleKind: z.enum(keys(VEHICLE_KINDS), { message: 'Choose the kind of vehicle' }),
    tractorRegistration: registration.optional(),
    tractorCountry: countryCode.optional(),
    trailerRegistration: registration.optional(),
    trailerCountry: countryCode.optional(),
    selectionReason: z.enum(keys(SELECTION_REASONS), { message: 'Choose why the vehicle was selected' }),
    methods: z.array(z.enum(keys(DETECTION_METHODS), { message: 'Choose methods from the list' })).min(1, 'Choose at least one search method').max(7),
    searchedBy: z.enum(['border-force', 'contractor'], { message: 'Choose who searched the vehicle' }),
    result: z.enum(keys(SEARCH_RESULTS), { message: 'Choose the result of the search' }),
    /** Required for a find (searchProblems); older searches have none. */
    detectingMethod: z.enum(keys(DETECTING_METHODS), { message: 'Choose the method that found them from the list' }).optional(),
    detectingMethodUnknownReason: z.string().trim().max(500, 'Say why in 500 characters or fewer').optional(),
  })
  .strict();

export type SearchRecordInput = z.infer<typeof searchRecordInput>;

export interface Problem {
  field: string;
  message: string;
}

/** Rules beyond shape: a time that is not in the future, and at least one registration that could be real. */
export function searchProblems(
  search: SearchRecordInput,
  now: Date,
  registrationProblem: (raw: string, country?: string) => string | null,
): Problem[] {
  const problems: Problem[] = [];
  const at = Date.parse(search.searchedAt);
  if (at > now.getTime() + 5 * 60_000) problems.push({ field: 'searchedAt', message: 'The time of the search cannot be in the future' });
  if (at < now.getTime() - 366 * 86_400_000) problems.push({ field: 'searchedAt', message: 'The time of the search must be within the last year' });
  if (!search.tractorRegistration && !search.trailerRegistration) {
    problems.push({ field: 'tractorRegistration', message: 'Enter the registration of the vehicle or of its trailer' });
  }
  for (const [field, countryField] of [
    ['tractorRegistration', 'tractorCountry'],
    ['trailerRegistration', 'trailerCountry'],
  ] as const) {
    const value = search[field];
    if (!value) continue;
    if (!search[countryField]) problems.push({ field: countryField, message: 'Enter the country the registration belongs to' });
    const problem = registrationProblem(value, search[countryField]);
    if (problem) problems.push({ field, message: problem });
  }
  problems.push(...searchDetectionProblems(search));
  return problems;
}
