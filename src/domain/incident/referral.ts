import { z } from 'zod';
import { PORT_CODES } from '../reference/ports.js';
import { registrationProblem } from './registration.js';
import { inSchemeRange } from '../clock/plausible-dates.js';

/** The date the clandestine entrant civil penalty regime of 2023 came into force. */
export const REGIME_2023_START = '2023-02-13';

const isoDate = z
  .string({ message: 'Enter the date of the incident' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date as year-month-day, for example 2026-03-14')
  .refine((value) => isRealDate(value), 'Enter a real date')
  .superRefine(inSchemeRange('The date of the incident', { earliestOnly: true }));

export function isRealDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * A minimal referral from the border: enough to open a case with a driver's and a company's
 * liability. The border-events capability deepens it (responsible persons, findings, evidence).
 */
export const referralInput = z
  .object({
    port: z.enum(PORT_CODES, { message: 'Choose the port or control zone from the list' }),
    incidentDate: isoDate,
    offence: z.enum(['S31A', 'S32'], { message: 'Choose S31A (vehicle not secured) or S32 (clandestine entrant found)' }),
    clandestineEntrants: z
      .number({ message: 'Enter the number of clandestine entrants as a whole number' })
      .int('Enter the number of clandestine entrants as a whole number')
      .min(1, 'Enter the number of clandestine entrants: at least 1 for an S32 incident')
      .max(500, 'Enter a number of clandestine entrants of 500 or fewer')
      .optional(),
    vehicleRegistration: z.string({ message: 'Enter the vehicle registration' }).trim().min(1, 'Enter the vehicle registration').max(20, 'Vehicle registration must be 20 characters or fewer'),
    vehicleCountry: z
      .string({ message: 'Enter the country the vehicle is registered in' })
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, 'Enter the country as a two-letter code, for example PL'),
    driverName: z.string({ message: 'Enter the driver’s full name' }).trim().min(1, 'Enter the driver’s full name').max(200, 'Driver’s name must be 200 characters or fewer'),
    companyName: z.string({ message: 'Enter the name of the company that owns or hires the vehicle' }).trim().min(1, 'Enter the name of the company that owns or hires the vehicle').max(300, 'Company name must be 300 characters or fewer'),
    confirmDuplicate: z
      .boolean({ message: 'Send confirmDuplicate as true or false' })
      .optional()
      .describe(
        'true: open a case even though an open case already has the same vehicle registration, incident date and port. Without it, such a referral is refused with 409 naming that case.',
      ),
  })
  .strict();

export type ReferralInput = z.infer<typeof referralInput>;

export interface FieldProblem {
  field: string;
  message: string;
}

/** Rules a referral must meet beyond its shape. `today` is the UK calendar date. */
export function referralProblems(referral: ReferralInput, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (referral.incidentDate > today) {
    problems.push({ field: 'incidentDate', message: 'The date of the incident must be today or in the past' });
  }
  if (referral.offence === 'S31A' && referral.clandestineEntrants !== undefined) {
    problems.push({
      field: 'clandestineEntrants',
      message: 'An S31A incident (vehicle not secured) has no clandestine entrant count: leave it empty, or choose S32 if people were found',
    });
  }
  if (referral.offence === 'S32' && referral.clandestineEntrants === undefined) {
    problems.push({ field: 'clandestineEntrants', message: 'Enter the number of clandestine entrants found' });
  }
  if (referral.offence === 'S31A' && referral.incidentDate < REGIME_2023_START) {
    problems.push({ field: 'offence', message: 'S31A penalties apply only to incidents on or after 13 February 2023' });
  }
  const registration = registrationProblem(referral.vehicleRegistration, referral.vehicleCountry);
  if (registration) problems.push({ field: 'vehicleRegistration', message: registration });
  return problems;
}
