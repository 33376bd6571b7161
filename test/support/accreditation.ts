import { expect } from 'vitest';
import { ACCREDITATION_AREAS } from '../../src/domain/accreditation/areas.js';
import type { TestApp } from './app.js';

/*
 * A company in the Civil Penalty Accreditation Scheme, by the real commands: an application in
 * Polish with every area described and three driver checklists, and its acceptance by an assessor
 * (accreditation-journey.test.ts applies and is assessed through the pages).
 */

export const ASSESSOR = { id: 'eo-assessor', name: 'Assessor', roles: ['caseworker-eo'] };

/** A complete application from the named company, as the API takes it. */
export function cpasApplication(name: string, email = 'biuro@transpol.example') {
  return {
    language: 'pl',
    company: { name, country: 'PL', addressLines: ['ul. Długa 5', 'Łódź'], postcode: '90-001', operatorLicence: 'PL/0042/2020', contactName: 'Piotr Kowalski', email, phone: null, numberOfDrivers: 4 },
    areas: Object.fromEntries(ACCREDITATION_AREAS.map((a) => [a, { description: `Our practice: ${a}`, fileIds: [] }])),
    driverChecklists: { fileIds: ['c-1', 'c-2', 'c-3'] },
    declaration: true,
  };
}

/** Applies for the named company, assesses every area as met and accepts it as the party given; the application's reference. */
export async function acceptedIntoScheme(t: TestApp, name: string, partyId: string, email?: string): Promise<string> {
  const submitted = await t.services.accreditation.submit(cpasApplication(name, email), { channel: 'api' });
  expect(submitted.ok, JSON.stringify(submitted)).toBe(true);
  const reference = submitted.ok ? submitted.value.reference : '';
  for (const area of ACCREDITATION_AREAS) expect((await t.services.accreditation.act(reference, 'assessArea', { area, outcome: 'met' }, { actor: ASSESSOR })).ok).toBe(true);
  const accepted = await t.services.accreditation.act(reference, 'accept', { partyId }, { actor: ASSESSOR });
  expect(accepted.ok, JSON.stringify(accepted)).toBe(true);
  return reference;
}
