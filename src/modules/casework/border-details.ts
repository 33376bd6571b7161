import type { ResponsiblePersonInput } from '../../domain/incident/incident.js';

/*
 * Pure: what the border recorded about a responsible person, as the parties register takes it, so
 * creating or confirming their register entry from the case keeps every detail (date of birth,
 * nationality, address, documents, contacts, language), not the name alone.
 */

/** The incident's document kinds as the register's identifier kinds (a national identity card is "other"). */
const DOCUMENT_AS_IDENTIFIER: Record<string, 'vat' | 'company-number' | 'operator-licence' | 'driving-licence' | 'passport' | 'other'> = {
  passport: 'passport',
  'driving-licence': 'driving-licence',
  'identity-card': 'other',
  'operator-licence': 'operator-licence',
  vat: 'vat',
  'company-number': 'company-number',
};

export interface BorderDetails {
  dateOfBirth?: string;
  nationality?: string;
  identifiers?: { kind: 'vat' | 'company-number' | 'operator-licence' | 'driving-licence' | 'passport' | 'other'; value: string; country?: string }[];
  addresses?: NonNullable<ResponsiblePersonInput['address']>[];
  emails?: string[];
  phones?: string[];
  language?: string;
}

/**
 * The details of the person recorded on the incident (none for a quick referral), with the case's
 * own email and language for the liability when the incident has none. Empty fields are left out.
 */
export function borderDetailsOf(person: ResponsiblePersonInput | null | undefined, liability: { email: string | null; language: string | null }): BorderDetails {
  const details: BorderDetails = {};
  if (person?.dateOfBirth && person.kind === 'person') details.dateOfBirth = person.dateOfBirth;
  if (person?.nationality && person.kind === 'person') details.nationality = person.nationality;
  const identifiers = (person?.documents ?? []).map((d) => ({ kind: DOCUMENT_AS_IDENTIFIER[d.kind] ?? 'other', value: d.number, ...(d.country ? { country: d.country } : {}) }));
  if (identifiers.length) details.identifiers = identifiers;
  if (person?.address) details.addresses = [person.address];
  const email = person?.email ?? liability.email;
  if (email) details.emails = [email];
  if (person?.phone) details.phones = [person.phone];
  const language = person?.language ?? liability.language;
  // English is the default every liability has; it says nothing about the person.
  if (language && (person?.language || language !== 'en')) details.language = language;
  return details;
}
