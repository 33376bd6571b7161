import { z } from 'zod';
import { PORT_CODES } from '../reference/ports.js';
import { registrationProblem } from './registration.js';
import { bornInRange, inSchemeRange } from '../clock/plausible-dates.js';
// A cycle (incident.ts reads `isRealDate` from here): the shapes are read lazily, when a referral is parsed.
import { addressInput, responsiblePersonInput, type ResponsiblePersonInput } from './incident.js';
import { postcodeProblem, vatNumberProblem } from './identifier-formats.js';

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
    driverDateOfBirth: z
      .string({ message: 'Enter the driver’s date of birth as year-month-day, for example 1984-03-14' })
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the driver’s date of birth as year-month-day, for example 1984-03-14')
      .refine(isRealDate, 'Enter a real date of birth for the driver')
      .superRefine(bornInRange('The driver’s date of birth'))
      .optional()
      .describe('The driver’s date of birth (YYYY-MM-DD): in the past, at most 120 years ago'),
    driverAddress: z.lazy(() => addressInput).optional().describe('The driver’s home address, in the shape of the incidents API; the postcode is checked against the country’s format'),
    companyAddress: z.lazy(() => addressInput).optional().describe('The company’s address, in the shape of the incidents API; the postcode is checked against the country’s format'),
    driverDocuments: z.lazy(() => documentsInput).optional().describe('The driver’s passport, driving licence or identity card, in the documents shape of the incidents API'),
    companyDocuments: z.lazy(() => documentsInput).optional().describe('The company’s VAT number, company number or operator licence, in the documents shape of the incidents API; a VAT number is checked against its country’s format'),
    confirmDuplicate: z
      .boolean({ message: 'Send confirmDuplicate as true or false' })
      .optional()
      .describe(
        'true: open a case even though an open case already has the same vehicle registration, incident date and port. Without it, such a referral is refused with 409 naming that case.',
      ),
  })
  .strict();

export type ReferralInput = z.infer<typeof referralInput>;

/** The documents shape of a responsible person on the incidents API. */
const documentsInput = z.lazy(() => responsiblePersonInput.shape.documents.unwrap());

/** Which documents identify a person, and which an organisation. */
const PERSON_DOCUMENTS: readonly string[] = ['passport', 'driving-licence', 'identity-card'];
const ORGANISATION_DOCUMENTS: readonly string[] = ['vat', 'company-number', 'operator-licence'];

/**
 * The referral's two responsible persons in the incidents API's shape — the driver, then the
 * company that owns the vehicle — so what the case and the register take from a referral is read
 * exactly as what they take from an incident (`postalAddressLines`, casework's `borderDetailsOf`).
 */
export function referralResponsiblePersons(referral: ReferralInput): [ResponsiblePersonInput, ResponsiblePersonInput] {
  return [
    {
      role: 'driver',
      kind: 'person',
      name: referral.driverName,
      ...(referral.driverDateOfBirth ? { dateOfBirth: referral.driverDateOfBirth } : {}),
      ...(referral.driverDocuments?.length ? { documents: referral.driverDocuments } : {}),
      ...(referral.driverAddress ? { address: referral.driverAddress } : {}),
    },
    {
      role: 'owner',
      kind: 'organisation',
      name: referral.companyName,
      ...(referral.companyDocuments?.length ? { documents: referral.companyDocuments } : {}),
      ...(referral.companyAddress ? { address: referral.companyAddress } : {}),
    },
  ];
}

/** Per country: each address's postcode, each VAT number; and documents that fit who holds them. */
function identifierProblems(referral: ReferralInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const who of ['driver', 'company'] as const) {
    const address = who === 'driver' ? referral.driverAddress : referral.companyAddress;
    const postcode = address?.postcode && postcodeProblem(address.postcode, address.country);
    if (postcode) problems.push({ field: `${who}Address.postcode`, message: postcode });
    const documents = (who === 'driver' ? referral.driverDocuments : referral.companyDocuments) ?? [];
    documents.forEach((document, i) => {
      const fits = who === 'driver' ? [...PERSON_DOCUMENTS, 'vat'] : ORGANISATION_DOCUMENTS;
      if (!fits.includes(document.kind)) {
        const message =
          who === 'driver'
            ? 'For the driver, give a passport, driving licence or identity card'
            : 'For the company, give its VAT number, company number or operator licence (a passport or licence is the driver’s)';
        problems.push({ field: `${who}Documents.${i}.kind`, message });
        return;
      }
      if (document.kind !== 'vat') return;
      // The country of a VAT number: its own prefix, else the document's country, the address's, the vehicle's.
      const country = document.country ?? address?.country ?? (who === 'company' ? referral.vehicleCountry : undefined);
      const vat = vatNumberProblem(document.number, country);
      if (vat) problems.push({ field: `${who}Documents.${i}.number`, message: vat });
    });
  }
  return problems;
}

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
  if (referral.driverDateOfBirth && referral.driverDateOfBirth >= referral.incidentDate) {
    problems.push({ field: 'driverDateOfBirth', message: 'The driver’s date of birth must be before the date of the incident' });
  }
  problems.push(...identifierProblems(referral));
  return problems;
}

/** Which of the referral's responsible persons a liability of its case is: the driver, or the company. */
export function referralPersonFor(referral: ReferralInput, role: string): ResponsiblePersonInput {
  const [driver, company] = referralResponsiblePersons(referral);
  return role === 'driver' ? driver : company;
}
