import type { FieldError } from '../../platform/events/command.js';
import { VEHICLE_COUNTRIES } from '../../domain/reference/ports.js';

/*
 * The quick referral form's optional details of each responsible person — the driver's date of
 * birth, address and document, the company's address, VAT number and company number — read into
 * the API's shape (`driverAddress`, `driverDocuments`, …), and the API's field names for errors
 * turned back into the form's fields so each error shows beside its field.
 */

type Body = Record<string, unknown>;
const text = (body: Body, name: string): string | undefined => (typeof body[name] === 'string' ? (body[name] as string).trim() : undefined);

const ADDRESS_PARTS = ['line1', 'line2', 'town', 'postcode'] as const;
const PEOPLE = ['driver', 'company'] as const;
type Who = (typeof PEOPLE)[number];

/** The driver's documents the form offers (a company's VAT and company numbers have fields of their own). */
export const DRIVER_DOCUMENT_KINDS = { passport: 'Passport', 'driving-licence': 'Driving licence', 'identity-card': 'National identity card' } as const;

/** The company's identifiers, each a field of the form, in the order they are sent. */
const COMPANY_IDENTIFIERS = [
  { field: 'companyVat', kind: 'vat' },
  { field: 'companyNumber', kind: 'company-number' },
] as const;

function addressFrom(body: Body, who: Who) {
  const parts = Object.fromEntries(ADDRESS_PARTS.flatMap((part) => (text(body, `${who}Address-${part}`) ? [[part, text(body, `${who}Address-${part}`)]] : [])));
  // Only a country chosen is no address: the select has one whether or not the officer typed any.
  if (Object.keys(parts).length === 0) return undefined;
  return { line1: '', ...parts, country: text(body, `${who}Address-country`) ?? '' };
}

function companyIdentifiersIn(body: Body) {
  return COMPANY_IDENTIFIERS.filter((identifier) => text(body, identifier.field));
}

/** The optional details as the API takes them; a part left empty is not sent. */
export function personDetailsFromForm(body: Body) {
  const [day, month, year] = ['day', 'month', 'year'].map((part) => text(body, `driverDateOfBirth-${part}`) ?? '');
  const driverDateOfBirth = day || month || year ? `${year!.padStart(4, '0')}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}` : undefined;
  const driverAddress = addressFrom(body, 'driver');
  const companyAddress = addressFrom(body, 'company');
  const driverDocumentNumber = text(body, 'driverDocument-number');
  const companyDocuments = companyIdentifiersIn(body).map((identifier) => ({ kind: identifier.kind, number: text(body, identifier.field)! }));
  return {
    ...(driverDateOfBirth ? { driverDateOfBirth } : {}),
    ...(driverAddress ? { driverAddress } : {}),
    ...(companyAddress ? { companyAddress } : {}),
    ...(driverDocumentNumber ? { driverDocuments: [{ kind: text(body, 'driverDocument-kind') || 'passport', number: driverDocumentNumber }] } : {}),
    ...(companyDocuments.length ? { companyDocuments } : {}),
  };
}

/** The API's field of each error (`companyAddress.postcode`, `companyDocuments.0.number`) as the form's field. */
export function referralFormErrors(errors: readonly FieldError[], body: Body): FieldError[] {
  const identifiers = companyIdentifiersIn(body);
  return errors.map((error) => {
    const address = /^(driver|company)Address\.(\w+)/.exec(error.field);
    if (address) {
      const [, who, part] = address;
      if (part === 'country') return { field: `${who}Address-country`, message: 'Choose the country of the address' };
      return { field: `${who}Address-${part}`, message: part === 'line1' ? 'Enter the first line of the address, or leave the whole address empty' : error.message };
    }
    const driverDocument = /^driverDocuments\.\d+\.(kind|number)/.exec(error.field);
    if (driverDocument) return { field: `driverDocument-${driverDocument[1]}`, message: error.message };
    const companyDocument = /^companyDocuments\.(\d+)\./.exec(error.field);
    if (companyDocument) return { field: identifiers[Number(companyDocument[1])]?.field ?? 'companyVat', message: error.message };
    if (error.field === 'driverDateOfBirth' && /year-month-day/.test(error.message)) {
      return { field: error.field, message: 'The driver’s date of birth must be a real date, for example 27 3 1984' };
    }
    return error;
  });
}

const countryItems = (selected: string | undefined) => [
  { value: '', text: 'Choose a country' },
  ...Object.entries(VEHICLE_COUNTRIES).map(([value, name]) => ({ value, text: name, selected: value === selected })),
];

/** What the form's details sections show: the select lists, and which sections are open (a value or an error in them). */
export function referralDetailsContext(raw: Body) {
  const filled = (prefixes: readonly string[]) =>
    Object.entries(raw).some(([name, value]) => prefixes.some((prefix) => name.startsWith(prefix)) && !name.endsWith('-country') && !name.endsWith('-kind') && typeof value === 'string' && value.trim() !== '');
  return {
    driverAddressCountries: countryItems(text(raw, 'driverAddress-country')),
    companyAddressCountries: countryItems(text(raw, 'companyAddress-country')),
    driverDocumentKinds: Object.entries(DRIVER_DOCUMENT_KINDS).map(([value, name]) => ({ value, text: name, selected: value === text(raw, 'driverDocument-kind') })),
    driverDetailsOpen: filled(['driverDateOfBirth-', 'driverAddress-', 'driverDocument-']),
    companyDetailsOpen: filled(['companyAddress-', 'companyVat', 'companyNumber']),
  };
}
