import { describe, expect, it } from 'vitest';
import { referralInput } from '../incident/referral.js';
import { caseOpeningFactsFromReferral } from './opening-facts.js';
import { decideOpenCaseFromReferral } from './opening-decision.js';

const referral = referralInput.parse({
  port: 'CQF',
  incidentDate: '2026-01-05',
  offence: 'S31A',
  vehicleRegistration: 'WGM 4521K',
  vehicleCountry: 'PL',
  driverName: 'Piotr Kowalski',
  companyName: 'Trans-Pol Sp. z o.o.',
});
const allocation = { caseId: '0f3a2b1c-0000-4000-8000-000000000001', reference: 'CEC-2026-000001', liabilityIds: ['0f3a2b1c-0000-4000-8000-0000000000d1', '0f3a2b1c-0000-4000-8000-0000000000c1'] };
const opening = { facts: caseOpeningFactsFromReferral(referral, 'Port Officer'), allocation };

describe('decideOpenCaseFromReferral', () => {
  it('opens the case: the referral, the case and one liability per responsible person', () => {
    const decision = decideOpenCaseFromReferral(opening, referral, { now: new Date('2026-01-06T09:00:00Z') });
    expect(decision.ok ? decision.events.map((event) => event.type) : decision).toEqual(['ReferralReceived', 'CaseOpened', 'LiabilityOpened', 'LiabilityOpened']);
  });

  it('refuses a referral of an incident in the future, beside the field', () => {
    expect(decideOpenCaseFromReferral(opening, referral, { now: new Date('2026-01-04T09:00:00Z') })).toEqual({
      ok: false,
      message: 'The referral has errors',
      errors: [{ field: 'incidentDate', message: 'The date of the incident must be today or in the past' }],
    });
  });
});
