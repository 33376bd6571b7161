import { checkRegistrationFormat, normaliseRegistration } from '../parties/registrations.js';

/** The registration as searches and plate readers compare it ("AB-12 CDE" → "AB12CDE"). */
export function registrationKey(raw: string): string {
  return normaliseRegistration(raw);
}

/** Why a registration cannot be real for its country, or null when it could be. */
export function registrationProblem(raw: string, country?: string): string | null {
  const check = checkRegistrationFormat(raw, country);
  return check.ok ? null : check.message;
}
