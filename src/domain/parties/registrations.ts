import { normaliseCountryCode } from './countries.js';
import { latinCapitalsAndDigits } from './lookalikes.js';

/**
 * A vehicle registration as plate readers and searches compare it: capitals and digits only,
 * with Cyrillic and Greek capitals that look like Latin ones read as Latin (a Bulgarian
 * "СА 1234 ВХ" typed in Cyrillic is CA1234BX) and diacritics dropped (German MÜ → MU).
 * "AB-12 CDE" → "AB12CDE". Idempotent.
 */
export function normaliseRegistration(raw: string): string {
  return latinCapitalsAndDigits(raw);
}

export const MAX_REGISTRATION_LENGTH = 15;

export type RegistrationCheck =
  | { readonly ok: true; readonly registration: string }
  | { readonly ok: false; readonly registration: string; readonly message: string };

// Great Britain and Northern Ireland, loosely: current (AB12 CDE), prefix (A123 BCD), suffix
// (ABC 123D) and dateless (ABC 1234, 1234 AB; Northern Ireland's ABZ 1234 is one of these).
const UK_FORMATS: readonly RegExp[] = [
  /^[A-Z]{2}\d{2}[A-Z]{3}$/u,
  /^[A-Z]\d{1,3}[A-Z]{3}$/u,
  /^[A-Z]{3}\d{1,3}[A-Z]$/u,
  /^[A-Z]{1,3}\d{1,4}$/u,
  /^\d{1,4}[A-Z]{1,3}$/u,
];

/**
 * Refuses registrations no vehicle can carry, with a message a person can act on. Plates of
 * other countries vary too much to check further than the characters and the length.
 */
export function checkRegistrationFormat(
  raw: string,
  countryCode?: string | null,
): RegistrationCheck {
  const registration = normaliseRegistration(raw);
  const refuse = (message: string): RegistrationCheck => ({ ok: false, registration, message });
  if (raw.trim() === '') return refuse('Enter the vehicle registration');
  if (registration === '') return refuse('Vehicle registration must include letters or numbers');
  if (registration.length > MAX_REGISTRATION_LENGTH) {
    return refuse(`Vehicle registration must be ${MAX_REGISTRATION_LENGTH} characters or fewer`);
  }
  const foreign = [...new Set(registration.replace(/[A-Z0-9]/gu, ''))];
  if (foreign.length > 0) {
    return refuse(
      'Vehicle registration must only include letters A to Z and numbers 0 to 9 ' +
        `(it includes ${foreign.join(' ')})`,
    );
  }
  if (normaliseCountryCode(countryCode) === 'GB' && !UK_FORMATS.some((f) => f.test(registration))) {
    return refuse(
      'Enter a UK vehicle registration in a UK format, like AB12 CDE, ' +
        'or choose the country the vehicle is registered in',
    );
  }
  return { ok: true, registration };
}

// Characters plate readers and people confuse, each mapped to one representative.
const CONFUSABLE: Readonly<Record<string, string>> = { O: '0', I: '1', B: '8', S: '5', Z: '2' };
const CONFUSABLE_GROUPS: Readonly<Record<string, readonly string[]>> = {
  '0': ['0', 'O'], O: ['0', 'O'], '1': ['1', 'I'], I: ['1', 'I'], '8': ['8', 'B'], B: ['8', 'B'],
  '5': ['5', 'S'], S: ['5', 'S'], '2': ['2', 'Z'], Z: ['2', 'Z'],
};

/**
 * The registration with every confusable character (0/O, 1/I, 8/B, 5/S, 2/Z) written as its
 * digit, so two readings that differ only by such confusions share a key: "AB12CDE" and
 * "A812CDE" are both "A812CDE".
 */
export function plateConfusionKey(registration: string): string {
  return [...normaliseRegistration(registration)].map((ch) => CONFUSABLE[ch] ?? ch).join('');
}

/**
 * Every reading of the registration that differs only by confusions, the registration itself
 * first, at most `limit` of them (2 to the power of the confusable characters can be many).
 */
export function plateConfusionVariants(registration: string, limit = 64): string[] {
  let readings = [''];
  for (const ch of normaliseRegistration(registration)) {
    const choices = CONFUSABLE_GROUPS[ch] ?? [ch];
    const ordered = [ch, ...choices.filter((choice) => choice !== ch)];
    readings = readings
      .flatMap((reading) => ordered.map((choice) => reading + choice))
      .slice(0, limit);
  }
  return readings;
}
