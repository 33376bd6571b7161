import { penaltyFor, s31aFacts } from '../../../domain/penalty/penalty-factories.js';
import type { InitialNoticeInput } from './initial-notice.js';
import type { ObjectionDecisionInput } from './objection-decision.js';
import type { PenaltyNoticeInput } from './penalty-notice.js';

/* Small factories for tests and previews: a complete letter input, changed only where a test cares. */

const incident = {
  date: '2026-03-10',
  place: 'Coquelles (Eurotunnel, juxtaposed control)',
  vehicle: { registration: 'WGM 12345', country: 'PL' },
  trailer: { registration: 'WGM 6789P', country: 'PL' },
  driverName: 'Łukasz Żółkiewski',
};

// Test values that say they are not real (the live ones come from configuration: src/platform/config.ts).
const contact = { email: 'penalty-team@cordon.invalid', phone: '00000 000001', postalAddress: ['Civil Penalty Team (test)', 'Test Street 1', 'Testtown TE1 1ST'] };

export function anInitialNotice(overrides: Partial<InitialNoticeInput> = {}): InitialNoticeInput {
  return {
    offence: 'S31A',
    language: 'pl',
    caseReference: 'CEC-2026-000123',
    noticeDate: '2026-03-20',
    recipient: { name: 'Łukasz Żółkiewski', addressLines: ['ul. Świętokrzyska 12/4', '00-116 Warszawa', 'Poland'] },
    recipientKind: 'individual',
    role: 'driver',
    incident,
    requirementsNotMet: ['check-after-stops'],
    responseDue: '2026-04-17',
    contact,
    ...overrides,
  };
}

export function aPenaltyNotice(overrides: Partial<PenaltyNoticeInput> = {}): PenaltyNoticeInput {
  const calculation = penaltyFor(s31aFacts({ incidentDate: incident.date }));
  return {
    offence: 'S31A',
    language: 'pl',
    caseReference: 'CEC-2026-000123',
    noticeDate: '2026-05-01',
    recipient: { name: 'Łukasz Żółkiewski', addressLines: ['ul. Świętokrzyska 12/4', '00-116 Warszawa', 'Poland'] },
    role: 'driver',
    incident,
    steps: calculation.steps,
    amountPence: calculation.amountPence,
    paymentDue: '2026-06-30',
    objectionDeadline: '2026-05-29',
    appealDeadline: '2026-05-29',
    payment: { onlineUrl: 'https://pay.cordon.invalid/civil-penalty', bankTransfer: { accountName: 'TEST ACCOUNT (not real)', sortCode: '00-00-01', accountNumber: '00000001' } },
    contact,
    ...overrides,
  };
}

export function anObjectionDecision(overrides: Partial<ObjectionDecisionInput> = {}): ObjectionDecisionInput {
  return {
    offence: 'S31A',
    language: 'pl',
    caseReference: 'CEC-2026-000123',
    decisionDate: '2026-06-15',
    recipient: { name: 'Łukasz Żółkiewski', addressLines: ['ul. Świętokrzyska 12/4', '00-116 Warszawa', 'Poland'] },
    role: 'driver',
    incident,
    outcome: 'cancel',
    noticeDate: '2026-05-01',
    objectionReceivedOn: '2026-05-20',
    previousAmountPence: 150_000,
    amountPence: 0,
    reasons: 'The driver has shown that every check was made and recorded.',
    steps: null,
    contact,
    ...overrides,
  };
}
