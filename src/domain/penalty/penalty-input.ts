import { z } from 'zod';
import { calendarDateSchema } from '../clock/calendar-date.js';
import { inSchemeRange, MAX_CLANDESTINE_ENTRANTS } from '../clock/plausible-dates.js';

export const OFFENCES = ['S31A', 'S32'] as const;
export type Offence = (typeof OFFENCES)[number];

export const ROLES = ['driver', 'owner', 'hirer', 'operator'] as const;
export type Role = (typeof ROLES)[number];

export const VEHICLE_KINDS = ['goods', 'bus', 'other'] as const;
export type VehicleKind = (typeof VEHICLE_KINDS)[number];

export const COMPANY_BANDS = ['micro', 'small', 'medium', 'large'] as const;
export type CompanyBand = (typeof COMPANY_BANDS)[number];

const oneOf = (field: string, values: readonly string[]) =>
  `${field} must be one of ${values.map((value) => `"${value}"`).join(', ')}`;

const offenceSchema = (field: string) => z.enum(OFFENCES, { error: oneOf(field, OFFENCES) });

/*
 * Shape and type only. Whether the facts can be calculated (dates in order, counts that make sense,
 * approvals present, percentages within 0–100) is decided by calculatePenalty, which answers with
 * reasons a caseworker can act on. Plain objects, no transforms: the API's OpenAPI document is
 * generated from this schema.
 */

export const discretionItemSchema = (field: string) =>
  z
    .strictObject({
      percent: z.number({ error: `${field}.percent must be a number (a percentage from 0 to 100)` }).describe('Reduction in percent, 0 to 100'),
      reasonCode: z
        .string({ error: `${field}.reasonCode must be text` })
        .describe('Why discretion applies: a reason code of the policy version (self-declaration, axle-find, public-interest, other; SELF_DECLARATION is read as self-declaration)'),
      explanation: z.string({ error: `${field}.explanation must be text` }).describe('In the officer’s words; required for a reason that needs one ("other")').optional(),
      approvedBy: z.string({ error: `${field}.approvedBy must be text` }).describe('The Senior Officer who approved it'),
    })
    .describe('A discretionary reduction approved by a Senior Officer');

export const previousPenaltySchema = z
  .strictObject({
    offence: offenceSchema('previousPenalties[].offence'),
    issuedOn: calendarDateSchema('previousPenalties[].issuedOn').superRefine(inSchemeRange('previousPenalties[].issuedOn')).describe('Date the penalty notice was issued'),
    // Omitted means not cancelled: a caller listing earlier notices need only flag the cancelled ones.
    cancelled: z
      .boolean({ error: 'previousPenalties[].cancelled must be true or false' })
      .default(false)
      .describe('A cancelled penalty never counts; a reduced or unpaid one does. Default false (not cancelled)'),
  })
  .describe('A penalty notice issued earlier to the same (resolved) person');

export const meansSchema = z
  .discriminatedUnion(
    'kind',
    [
      z.strictObject({
        kind: z.literal('company'),
        band: z.enum(COMPANY_BANDS, { error: oneOf('means.band', COMPANY_BANDS) }).describe('Size band from the means assessment'),
      }),
      z.strictObject({
        kind: z.literal('individual'),
        assessedAmountPence: z
          .number({ error: 'means.assessedAmountPence must be a whole number of pence' })
          .int({ error: 'means.assessedAmountPence must be a whole number of pence' })
          .describe("The officer's assessed affordable amount, in pence"),
      }),
    ],
    { error: 'means.kind must be "company" or "individual"' },
  )
  .describe('Result of a means assessment, assured by a Higher Officer');

export const penaltyCalculationInputSchema = z
  .strictObject({
    offence: offenceSchema('offence').describe('S31A: goods vehicle not adequately secured (per incident). S32: clandestine entrants found (per entrant)'),
    incidentDate: calendarDateSchema('incidentDate').superRefine(inSchemeRange('incidentDate', { ahead: true })).describe('Date of the incident (YYYY-MM-DD); decides the regime and the policy version'),
    role: z.enum(ROLES, { error: oneOf('role', ROLES) }).describe('The responsible person this calculation is for'),
    vehicleKind: z
      .enum(VEHICLE_KINDS, { error: oneOf('vehicleKind', VEHICLE_KINDS) })
      .describe('Default "goods". S31A applies only to goods vehicles')
      .optional(),
    clandestineEntrants: z
      .number({ error: 'clandestineEntrants must be a whole number' })
      .int({ error: 'clandestineEntrants must be a whole number' })
      .max(MAX_CLANDESTINE_ENTRANTS, { error: `clandestineEntrants must be ${MAX_CLANDESTINE_ENTRANTS} or fewer: no incident has found more; check the count` })
      .describe('S32 only: number of clandestine entrants found')
      .optional(),
    previousPenalties: z
      .array(previousPenaltySchema, { error: 'previousPenalties must be a list' })
      .describe("The person's earlier penalty notices; only uncancelled ones of the same offence in the five years before the incident count")
      .optional(),
    cpasMember: z
      .boolean({ error: 'cpasMember must be true or false' })
      .describe('Member of the Civil Penalty Accreditation Scheme on the incident date (never a driver)')
      .optional(),
    presentOnJourney: z
      .boolean({ error: 'presentOnJourney must be true or false' })
      .describe('Default true for a driver, false otherwise')
      .optional(),
    compliedWithRegulations: z
      .boolean({ error: 'compliedWithRegulations must be true or false' })
      .describe('Present on the journey: took every required action. Not present: acted to ensure the regulations were complied with')
      .optional(),
    discretion: z
      .array(discretionItemSchema('discretion[]'), { error: 'discretion must be a list' })
      .describe('Discretionary reductions, added to the other step-2 reductions')
      .optional(),
    means: meansSchema.optional(),
    postMeansDiscretion: discretionItemSchema('postMeansDiscretion')
      .describe('A further discretionary reduction after means testing')
      .optional(),
  })
  .describe('Facts for the penalty of one responsible person');

export type PenaltyCalculationInput = z.infer<typeof penaltyCalculationInputSchema>;
export type PreviousPenalty = z.infer<typeof previousPenaltySchema>;
export type DiscretionItem = z.infer<ReturnType<typeof discretionItemSchema>>;
export type Means = z.infer<typeof meansSchema>;
