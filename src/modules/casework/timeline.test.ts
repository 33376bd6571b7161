import { describe, expect, it } from 'vitest';
import { CASE_EVENTS, type CaseEventPayload, type CaseEventType } from '../../domain/case/events.js';
import type { StoredEvent } from '../../platform/events/event-store.js';
import { describeEvent, personLabels } from './timeline.js';

/*
 * How every case event reads on the case timeline (the case page and GET /api/v1/cases/{reference}
 * show these words). One or more samples per event, each a payload the catalogue accepts; the
 * snapshots hold the words the timeline showed before its wording was gathered into one module.
 */

const DRIVER = '6f1c1c4e-2a0f-4d8e-9a51-0c2b8f6f7a01';
const OWNER = '6f1c1c4e-2a0f-4d8e-9a51-0c2b8f6f7a02';
const personOf = personLabels([
  { id: DRIVER, role: 'driver', partyName: 'Piotr Kowalski' },
  { id: OWNER, role: 'owner', partyName: 'Trans-Pol Sp. z o.o.' },
]);
const onDriver = { by: 'officer-1', on: '2026-03-02', liabilityId: DRIVER };
const onOwner = { by: 'officer-1', on: '2026-03-02', liabilityId: OWNER };
const steps = [{ label: 'Starting level', rule: '£1,500', amountPence: 150_000 }];
const address = { line1: 'ul. Długa 5', town: 'Gdańsk', postcode: '80-827', country: 'PL' };

const samples: { [K in CaseEventType]: CaseEventPayload<K>[] } = {
  ReferralReceived: [
    { port: 'CQF', incidentDate: '2026-02-01', offence: 'S32', clandestineEntrants: 3, vehicleRegistration: 'WGM 4521K', vehicleCountry: 'PL', driverName: 'Piotr Kowalski', companyName: 'Trans-Pol Sp. z o.o.' },
    { port: 'DKK', incidentDate: '2026-02-01', offence: 'S31A', vehicleRegistration: 'B 123 XYZ', vehicleCountry: 'RO', driverName: 'Ion Popescu', companyName: 'Carpatica Cargo S.R.L.' },
  ],
  IncidentReferred: [
    { incidentId: 'incident-1', offences: ['S31A', 'S32'], incidentDate: '2026-02-01', port: 'CQF', clandestineEntrants: 2 },
    { incidentId: 'incident-2', offences: ['S31A'], incidentDate: '2026-02-01', port: 'INLAND', clandestineEntrants: null },
  ],
  CaseOpened: [{ caseId: 'case-1', reference: 'CEC-2026-000001', offence: 'S31A+S32' }],
  LiabilityOpened: [
    { liabilityId: DRIVER, role: 'driver', offence: 'S32', partyName: 'Piotr Kowalski' },
    { liabilityId: OWNER, role: 'operator', offence: 'S31A', partyName: 'Trans-Pol Sp. z o.o.' },
  ],
  CaseCarriedOver: [{ case: { reference: 'CE-2026-000001', stage: 'imposed' }, liabilities: [{ id: DRIVER, stage: 'imposed' }], links: [] }],
  LiabilityPartyConfirmed: [
    { liabilityId: DRIVER, role: 'driver', partyId: 'party-1', previousPartyId: null, how: 'created-new', score: null },
    { liabilityId: OWNER, role: 'owner', partyId: 'party-2', previousPartyId: null, how: 'confirmed-proposal', score: 0.93 },
    { liabilityId: OWNER, role: 'hirer', partyId: 'party-3', previousPartyId: 'party-2', how: 'chosen-by-search', score: null },
  ],
  LiabilityAddressRecorded: [{ liabilityId: OWNER, partyId: 'party-2', addressLines: ['ul. Długa 5', '80-827 Gdańsk', 'PL'] }],
  CaseNoteAdded: [{ text: 'Rang the haulier: letters go to the Gdynia office now.' }],
  CaseLinked: [
    { linkedCaseId: 'case-2', linkedReference: 'CEC-2026-000002', reason: 'same-incident', note: null },
    { linkedCaseId: 'case-3', linkedReference: 'CEC-2026-000003', reason: 'other', note: 'Same driver, a week apart' },
  ],
  CaseUnlinked: [{ linkedCaseId: 'case-2', linkedReference: 'CEC-2026-000002' }],
  AggregateSplitRecorded: [{ offence: 'S32', amountsPence: { [DRIVER]: 600_000, [OWNER]: 600_000 } }],
  CaseClaimed: [{ officerId: 'officer-1', officerName: 'Ann Officer' }],
  CaseAssigned: [
    { officerId: 'officer-2', officerName: 'Bob Officer', previousOfficerId: null, previousOfficerName: null },
    { officerId: 'officer-2', officerName: 'Bob Officer', previousOfficerId: 'officer-1', previousOfficerName: 'Ann Officer' },
  ],
  CaseUnassigned: [{ previousOfficerId: 'officer-2', previousOfficerName: 'Bob Officer' }],
  MeansAssessmentRecorded: [
    {
      liabilityId: OWNER,
      assessmentId: 'assessment-1',
      kind: 'company',
      inputs: { currency: 'PLN', turnover: '5000000', balanceSheetTotal: null, headcount: 12, turnoverEuro: 1_170_000, balanceSheetTotalEuro: null },
      rate: { eurosPerUnit: '0.234', source: 'European Central Bank reference rate', date: '2026-03-01' },
      suggestion: { band: 'small', explanation: 'Fewer than 50 staff and turnover up to €10m.' },
      decision: { band: 'micro', reason: 'Accounts show fewer staff since January' },
    },
    {
      liabilityId: DRIVER,
      assessmentId: 'assessment-2',
      kind: 'individual',
      inputs: { payslips: [{ month: '2026-01', grossPence: 300_000 }] },
      rate: null,
      suggestion: { amountPence: 140_000, explanation: 'Two weeks of gross pay.' },
      decision: { assessedAmountPence: 140_000, reason: null },
    },
  ],
  MeansAssessmentAssured: [{ liabilityId: OWNER, assessmentId: 'assessment-1' }],
  MeansAssessmentReturned: [{ liabilityId: OWNER, assessmentId: 'assessment-1', reason: 'Use the audited accounts' }],
  AppealHearingScheduled: [{ liabilityId: OWNER, hearingId: 'hearing-1', hearingOn: '2026-09-14', court: 'Canterbury County Court', type: 'final' }],
  AppealBundleItemChecked: [
    { liabilityId: OWNER, item: 'penalty-notice', checked: true },
    { liabilityId: OWNER, item: 'calculation', checked: false },
  ],
  AppealWitnessStatementRecorded: [{ liabilityId: OWNER, text: 'I searched the vehicle.', madeBy: 'Officer Smith', madeOn: '2026-08-01' }],
  LetterPosted: [{ letterId: 'letter-1', liabilityId: OWNER, form: 'IS11E', title: 'Initial notice (IS11E)' }],
  LetterProduced: [{ letterId: 'letter-1', liabilityId: OWNER, form: 'IS11E', title: 'Initial notice (IS11E)', language: 'pl', fileHash: 'd'.repeat(64), recipientName: 'Trans-Pol Sp. z o.o.', addressLines: ['ul. Długa 5', 'Gdańsk'], email: null }],
  ResponseDocumentsReceived: [
    { liabilityId: OWNER, about: 'response', receivedOn: '2026-03-20', description: 'seal log and driver’s checklist', files: [{ hash: 'a'.repeat(64), originalName: 'seal-log.pdf', mediaType: 'application/pdf', size: 1200 }, { hash: 'b'.repeat(64), originalName: 'checklist.jpg', mediaType: 'image/jpeg', size: 800 }] },
    { liabilityId: OWNER, receivedOn: '2026-03-21', description: 'photos', files: [{ hash: 'c'.repeat(64), originalName: 'photo.png', mediaType: 'image/png', size: 90 }] },
  ],
  AddressChangeProposed: [
    { liabilityId: OWNER, address, addressLines: ['ul. Długa 5', 'Gdańsk 80-827', 'POLAND'], previousAddressLines: ['ul. Portowa 1', 'Gdynia'], reason: 'The company wrote to say it moved.' },
  ],
  AddressChangeApproved: [{ liabilityId: OWNER, proposal: 7, addressLines: ['ul. Długa 5', 'Gdańsk 80-827', 'POLAND'] }],
  AddressChangeRejected: [
    { liabilityId: OWNER, proposal: 7, addressLines: ['ul. Długa 5', 'Gdańsk'], reason: 'No evidence of the move.', withdrawn: false },
    { liabilityId: OWNER, proposal: 7, addressLines: ['ul. Długa 5', 'Gdańsk'], reason: 'Typed the wrong town.', withdrawn: true },
  ],
  MeansTestRequested: [
    { liabilityId: OWNER, requestedOn: '2026-04-02', applicant: 'company', statement: 'We are a small firm with two lorries.', documentLanguage: 'Polish', translationNeeded: true, files: [{ hash: 'd'.repeat(64), originalName: 'accounts-2025.pdf', mediaType: 'application/pdf', size: 5000 }] },
  ],
  ContactDetailsChanged: [{ liabilityId: DRIVER, email: 'piotr@example.com', phone: null }],
  PreferredLanguageChosen: [{ liabilityId: DRIVER, language: 'pl', chosenOn: '2026-03-02' }],
  DataBreachRecorded: [
    {
      letterId: 'letter-1', liabilityId: OWNER, letterForm: 'IS11E', letterTitle: 'Initial notice (IS11E)', addressLines: ['ul. Zła 1', 'Kraków'], foundOn: '2026-03-10',
      disclosed: 'The driver’s name and the penalty', riskLevel: 'high', riskReasons: 'Personal data', icoMustBeTold: true, icoReportBy: '2026-03-13', actionsTaken: 'Asked for it back', lettersSent: [],
    },
    {
      letterId: 'letter-2', liabilityId: null, letterForm: 'IS1131A', letterTitle: 'Penalty notice (IS1131A)', addressLines: ['ul. Zła 1'], foundOn: '2026-03-10',
      disclosed: 'The company name', riskLevel: 'low', riskReasons: 'Public information', icoMustBeTold: false, icoReportBy: null, actionsTaken: 'None needed', lettersSent: ['Apology'],
    },
  ],
  DebtAcknowledged: [
    { liabilityId: OWNER, acknowledgedOn: '2026-05-01', note: 'Letter promising payment' },
    { liabilityId: 'someone-else', acknowledgedOn: '2026-05-01', note: '' },
  ],
  InsolvencyCheckRecorded: [{ liabilityId: OWNER, checkedOn: '2026-05-02', source: 'Companies House', finding: 'in-administration', note: 'Administrators appointed in April' }],
  DebtReferredToAgency: [{ liabilityId: OWNER, referralId: 'referral-1', batchId: 'batch-1', amountPence: 150_000 }],
  DebtAgencyOutcomeRecorded: [{ liabilityId: OWNER, referralId: 'referral-1', outcome: 'part-collected', outcomeOn: '2026-06-01', note: '' }],
  VehicleDetained: [{ detentionId: 'detention-1', liabilityId: OWNER, registration: 'GD 4521K', place: 'Dover', startedOn: '2026-05-10', dailyCostPence: 4500 }],
  DetentionEnded: [{ detentionId: 'detention-1', liabilityId: OWNER, how: 'payment', howLabel: 'Released on payment', endedOn: '2026-05-12', days: 3, costsPence: 13_500 }],
  DetentionCostsCharged: [{ liabilityId: OWNER, detentionId: 'detention-1', amountPence: 13_500 }],
  InitialNoticeSent: [
    { ...onOwner, address: 'ul. Portowa 1, Gdynia', resend: false },
    { ...onOwner, address: 'ul. Długa 5, Gdańsk', resend: true },
  ],
  InitialNoticeResendRequired: [{ ...onOwner, wrongAddress: 'ul. Portowa 1, Gdynia', reason: 'Returned by the post' }],
  InitialNoticeResponseRecorded: [
    { ...onOwner, receivedOn: '2026-03-20', late: false, summary: 'Questionnaire returned' },
    { ...onOwner, receivedOn: '2026-04-20', late: true, summary: null },
  ],
  ResponseWindowClosed: [{ ...onOwner, responseReceived: false }],
  RecommendationDrafted: [
    { ...onOwner, amountPence: 150_000, policyVersion: '2023.1', discretionApplied: false, steps, warnings: [] },
    { ...onDriver, amountPence: 75_000, policyVersion: '2023.1', discretionApplied: true, steps, warnings: ['Check the self-declaration'] },
    { ...onOwner, amountPence: 75_000, policyVersion: '2023.1', discretionApplied: false, steps, warnings: [], cpas: { source: 'register', member: true, status: 'member', reference: 'CPAS-2026-000001' } },
    {
      ...onOwner,
      amountPence: 75_000,
      policyVersion: '2023.1',
      discretionApplied: false,
      steps,
      warnings: [],
      cpas: { source: 'override', member: true, status: 'notMember', reference: null, reason: 'Accredited in 2019, before Cordon’s records.' },
    },
  ],
  RecommendationReturned: [{ ...onOwner, categories: ['wrong-dates', 'other'], text: 'The incident date is wrong.', author: 'officer-2' }],
  RecommendationApproved: [
    { ...onOwner, author: 'officer-2', discretionApplied: false, bySeniorOfficer: false },
    { ...onDriver, author: 'officer-2', discretionApplied: true, bySeniorOfficer: true },
    { ...onOwner, author: 'officer-2', discretionApplied: false, bySeniorOfficer: false, checklist: ['party-and-address', 'previous-penalties'] },
  ],
  NoticeDetailsChecked: [{ ...onOwner, address: 'ul. Długa 5, 80-827 Gdańsk, Poland', checklist: ['name-as-on-documents', 'address-complete'] }],
  ObjectionDeterminationDrafted: [{ ...onOwner, outcome: 'reduce', amountPence: 75_000, previousAmountPence: 150_000, reasons: 'A CPAS member.', steps }],
  ObjectionDeterminationReturned: [{ ...onOwner, reason: 'The membership certificate is not dated.', determinedBy: 'officer-2' }],
  PenaltyImposed: [{ ...onOwner, noticeDate: '2026-04-01', amountPence: 150_000, aggregateSplitApprovedBy: null }],
  ObjectionReceived: [{ ...onOwner, receivedOn: '2026-04-10', grounds: 'The seals were checked.', late: false, objectionDue: '2026-04-29', previousStage: 'imposed' }],
  LateObjectionAccepted: [{ ...onOwner, reason: 'The post was delayed' }],
  LateObjectionRefused: [{ ...onOwner, reason: 'No reason for the delay', returnTo: 'payment-due' }],
  ObjectionDetermined: [
    { ...onOwner, outcome: 'maintain', amountPence: 150_000, previousAmountPence: 150_000, reasons: 'No evidence of the checks.', steps: null },
    { ...onOwner, outcome: 'reduce', amountPence: 75_000, previousAmountPence: 150_000, reasons: 'A CPAS member.', steps },
    { ...onOwner, outcome: 'cancel', amountPence: 0, previousAmountPence: 150_000, reasons: 'Duress.', steps: null },
    { ...onOwner, outcome: 'maintain', amountPence: 150_000, previousAmountPence: 150_000, reasons: 'No checks.', steps: null, determinedBy: 'officer-2', checklist: ['dates', 'evidence'] },
  ],
  AppealLodged: [
    { ...onOwner, lodgedOn: '2026-05-01', inTime: true, appealDue: '2026-05-28', court: 'Canterbury County Court', claimNumber: 'K00CT123' },
    { ...onOwner, lodgedOn: '2026-06-01', inTime: false, appealDue: '2026-05-28', court: null, claimNumber: null },
  ],
  AppealAllocated: [
    { ...onOwner, officerId: 'officer-3', previousOfficerId: null },
    { ...onOwner, officerId: 'officer-4', previousOfficerId: 'officer-3' },
  ],
  AppealDecided: [{ ...onOwner, outcome: 'reduced', decidedOn: '2026-09-14', amountPence: 50_000, costs: null }],
  PaymentDueConfirmed: [
    { ...onOwner, amountPence: 150_000, paymentDue: '2026-05-31' },
    { ...onOwner, amountPence: 150_000, paymentDue: null },
  ],
  PaymentReceived: [{ ...onOwner, amountPence: 50_000, receivedOn: '2026-05-02', method: 'bank-transfer', reference: 'FIN-123', paidBy: 'employer' }],
  OverpaymentDetected: [{ ...onOwner, amountPence: 2500 }],
  RefundApproved: [{ ...onOwner, amountPence: 2500, reason: 'Paid twice' }],
  RefundRefused: [{ ...onOwner, amountPence: 2500, reason: 'Offset against another penalty' }],
  InstalmentsRequested: [{ ...onOwner, requestedOn: '2026-05-03', proposal: '£500 a month' }],
  InstalmentsRefused: [{ ...onOwner, reason: 'The company can pay in full' }],
  InstalmentPlanAgreed: [{ ...onOwner, schedule: [{ dueOn: '2026-06-01', amountPence: 50_000 }, { dueOn: '2026-07-01', amountPence: 100_000 }], paidBeforePence: 0 }],
  InstalmentPlanBroken: [{ ...onOwner, missed: [{ dueOn: '2026-06-01', amountPence: 50_000 }] }],
  PaymentOverdue: [
    { ...onOwner, paymentDue: '2026-05-31' },
    { ...onOwner, paymentDue: null },
  ],
  PaidInFull: [{ ...onOwner, paidOn: '2026-06-02' }],
  ReviewStarted: [{ ...onOwner, reason: 'wrong-company', note: 'The vehicle was sold in January' }],
  ReviewEnded: [{ ...onOwner, reason: 'wrong-company', note: 'The sale is confirmed' }],
  LiabilityClosed: [{ ...onOwner }],
  WriteOffProposed: [{ ...onOwner, reason: 'uneconomic', explanation: 'The company is dissolved.', previousStage: 'overdue' }],
  WriteOffApproved: [{ ...onOwner, reason: 'uneconomic', writtenOffOn: '2026-07-01', proposedBy: 'officer-1' }],
  WriteOffRejected: [{ ...onOwner, note: 'Try the agency first.', returnTo: 'overdue' }],
  CriminalInvestigationReferred: [
    { ...onDriver, referredOn: '2026-02-10', team: 'Criminal and Financial Investigation', investigationReference: 'CFI/26/001', previousStage: 'case-created' },
    { ...onDriver, referredOn: '2026-02-10', team: 'Criminal and Financial Investigation', investigationReference: null, previousStage: 'case-created' },
  ],
  CriminalInvestigationDeclined: [{ ...onDriver, decidedOn: '2026-02-20', note: null, returnTo: 'case-created' }],
  CriminalInvestigationAccepted: [{ ...onDriver, decidedOn: '2026-02-20', note: 'Facilitation suspected' }],
  CriminalInvestigationReturned: [{ ...onDriver, returnedOn: '2026-03-20', returnTo: 'case-created' }],
  NotReferralDecided: [
    { ...onDriver, reasonCode: 'self-declaration', explanation: 'He called the police at Calais.', bySeniorOfficer: false },
    { ...onOwner, reasonCode: 'public-interest', explanation: 'A charity convoy.', bySeniorOfficer: true },
  ],
  DiscretionApproved: [
    { ...onDriver, author: 'officer-2', amountPence: 300_000, items: [{ reasonCode: 'self-declaration', explanation: null, percent: 50, afterMeans: false, reducedPence: 300_000 }], note: null },
    { ...onOwner, author: 'officer-2', amountPence: 90_000, items: [{ reasonCode: 'other', explanation: 'Charity convoy', percent: 10, afterMeans: true, reducedPence: 10_000 }], note: 'Consistent with figure 38.' },
  ],
  CpasOverrideConfirmed: [{ ...onOwner, author: 'officer-2', member: true, status: 'suspended', reason: 'The penalty was paid on time; the payment was posted late.', note: null }],
  MeansReductionProposed: [
    { ...onOwner, requestedOn: '2026-04-01', amountPence: 150_000, previousAmountPence: 600_000, basis: 'company-band', reasons: 'Micro company: 9 staff.', paymentDue: '2026-05-01' },
  ],
  MeansReductionAssured: [{ ...onOwner, amountPence: 150_000, previousAmountPence: 600_000, proposedBy: 'officer-2', reason: 'Accounts checked.' }],
  MeansReductionRefused: [{ ...onDriver, amountPence: 20_000, previousAmountPence: 300_000, proposedBy: 'officer-2', reason: 'Payslips do not match the bank statements.' }],
  LegacyStatusMigrated: [
    { ...onOwner, status: 'Debt referral', stage: 'overdue', nothingOwed: false, migrated: { file: 'cecpt-database.csv', line: 12 } },
    { ...onDriver, status: 'Written off', stage: 'written-off', nothingOwed: true },
  ],
};

let version = 0;
function stored(type: string, payload: object): StoredEvent {
  version += 1;
  return { seq: version, streamId: 'case-1', streamType: 'case', version, type, payload: payload as Record<string, unknown>, actorId: 'officer-1', actorName: 'Ann Officer', occurredAt: new Date('2026-03-02T10:00:00Z') };
}

const read = (type: string, payload: object) => describeEvent(stored(type, payload), personOf);

describe('the case timeline', () => {
  it('has samples the catalogue accepts, for every case event', () => {
    for (const [type, payloads] of Object.entries(samples)) {
      expect(payloads.length, type).toBeGreaterThan(0);
      for (const payload of payloads) expect(CASE_EVENTS[type as CaseEventType].safeParse(payload).error, type).toBeUndefined();
    }
  });

  it('words every case event as it always has', () => {
    const words = Object.fromEntries(Object.entries(samples).map(([type, payloads]) => [type, payloads.map((payload) => read(type, payload))]));
    expect(words).toMatchInlineSnapshot(`
      {
        "AddressChangeApproved": [
          {
            "description": "Letters now go to ul. Długa 5, Gdańsk 80-827, POLAND.",
            "title": "Address change approved",
          },
        ],
        "AddressChangeProposed": [
          {
            "description": "New address: ul. Długa 5, Gdańsk 80-827, POLAND. The company wrote to say it moved. Waiting for a second officer's approval.",
            "title": "Address change proposed",
          },
        ],
        "AddressChangeRejected": [
          {
            "description": "ul. Długa 5, Gdańsk was not approved. No evidence of the move.",
            "title": "Address change rejected",
          },
          {
            "description": "ul. Długa 5, Gdańsk was not approved. Typed the wrong town.",
            "title": "Address change withdrawn",
          },
        ],
        "AggregateSplitRecorded": [
          {
            "description": "",
            "title": "Aggregate Split Recorded",
          },
        ],
        "AppealAllocated": [
          {
            "description": "Owner: Trans-Pol Sp. z o.o. – To an officer with no earlier involvement in the case.",
            "title": "Appeal allocated",
          },
          {
            "description": "Owner: Trans-Pol Sp. z o.o. – To an officer with no earlier involvement in the case.",
            "title": "Appeal reallocated",
          },
        ],
        "AppealBundleItemChecked": [
          {
            "description": "Owner: Trans-Pol Sp. z o.o. – Penalty notice.",
            "title": "Court bundle: document ticked",
          },
          {
            "description": "Owner: Trans-Pol Sp. z o.o. – Calculation.",
            "title": "Court bundle: document unticked",
          },
        ],
        "AppealDecided": [
          {
            "description": "Owner: Trans-Pol Sp. z o.o. – Penalty reduced by the court on 14 September 2026; the penalty is now £500.",
            "title": "Appeal decided",
          },
        ],
        "AppealHearingScheduled": [
          {
            "description": "Owner: Trans-Pol Sp. z o.o. – Final hearing on 14 September 2026 at Canterbury County Court.",
            "title": "Appeal hearing recorded",
          },
        ],
        "AppealLodged": [
          {
            "description": "Owner: Trans-Pol Sp. z o.o. – Lodged 1 May 2026 at Canterbury County Court, claim K00CT123.",
            "title": "Appeal lodged",
          },
          {
            "description": "Owner: Trans-Pol Sp. z o.o. – Lodged 1 June 2026. Out of time.",
            "title": "Appeal lodged",
          },
        ],
        "AppealWitnessStatementRecorded": [
          {
            "description": "Owner: Trans-Pol Sp. z o.o. – Made by Officer Smith on 1 August 2026.",
            "title": "Witness statement recorded",
          },
        ],
        "CaseAssigned": [
          {
            "description": "Given to Bob Officer.",
            "title": "Case assigned",
          },
          {
            "description": "Given to Bob Officer, who takes over from Ann Officer.",
            "title": "Case assigned",
          },
        ],
        "CaseCarriedOver": [
          null,
        ],
        "CaseClaimed": [
          {
            "description": "Ann Officer took the case from the queue.",
            "title": "Case claimed",
          },
        ],
        "CaseLinked": [
          {
            "description": "Same incident (S31A and S32 from separate referrals).",
            "title": "Linked to case CEC-2026-000002",
          },
          {
            "description": "Other: Same driver, a week apart",
            "title": "Linked to case CEC-2026-000003",
          },
        ],
        "CaseNoteAdded": [
          {
            "description": "Rang the haulier: letters go to the Gdynia office now.",
            "title": "Note added",
          },
        ],
        "CaseOpened": [
          {
            "description": "Case CEC-2026-000001 created from the referral.",
            "title": "Case opened",
          },
        ],
        "CaseUnassigned": [
          {
            "description": "Taken off Bob Officer’s work list; it waits to be claimed.",
            "title": "Case returned to the queue",
          },
        ],
        "CaseUnlinked": [
          {
            "description": "The cases are no longer linked.",
            "title": "Unlinked from case CEC-2026-000002",
          },
        ],
        "ContactDetailsChanged": [
          {
            "description": "Driver: Piotr Kowalski – Email: piotr@example.com. Telephone: removed.",
            "title": "Contact details changed online",
          },
        ],
        "CpasOverrideConfirmed": [
          {
            "description": "Owner: Trans-Pol Sp. z o.o. – Treated as a member of the accreditation scheme on the incident date (the register: suspended). Reason: The penalty was paid on time; the payment was posted late.",
            "title": "Override of the accreditation register confirmed by a Senior Officer",
          },
        ],
        "CriminalInvestigationAccepted": [
          {
            "description": "Decided 2026-02-20. The penalty waits for the investigation.",
            "title": "Criminal investigation accepted",
          },
        ],
        "CriminalInvestigationDeclined": [
          {
            "description": "Decided 2026-02-20. The case is back with the caseworkers.",
            "title": "Criminal investigation declined",
          },
        ],
        "CriminalInvestigationReferred": [
          {
            "description": "To Criminal and Financial Investigation on 2026-02-10, reference CFI/26/001.",
            "title": "Referred for criminal investigation",
          },
          {
            "description": "To Criminal and Financial Investigation on 2026-02-10.",
            "title": "Referred for criminal investigation",
          },
        ],
        "CriminalInvestigationReturned": [
          {
            "description": "",
            "title": "Criminal Investigation Returned",
          },
        ],
        "DataBreachRecorded": [
          {
            "description": "Initial notice (IS11E) went to ul. Zła 1, Kraków. High risk; the ICO must be told by 2026-03-13.",
            "title": "Data breach recorded",
          },
          {
            "description": "Penalty notice (IS1131A) went to ul. Zła 1. Low risk; the ICO need not be told.",
            "title": "Data breach recorded",
          },
        ],
        "DebtAcknowledged": [
          {
            "description": "By Owner: Trans-Pol Sp. z o.o., on 2026-05-01: Letter promising payment. The limitation period runs again from this date.",
            "title": "Debt acknowledged in writing",
          },
          {
            "description": "By the responsible person, on 2026-05-01. The limitation period runs again from this date.",
            "title": "Debt acknowledged in writing",
          },
        ],
        "DebtAgencyOutcomeRecorded": [
          {
            "description": "Owner: Trans-Pol Sp. z o.o.: Part collected on 2026-06-01.",
            "title": "Debt collection agency reported",
          },
        ],
        "DebtReferredToAgency": [
          {
            "description": "Owner: Trans-Pol Sp. z o.o.’s debt of £1,500.",
            "title": "Referred to the debt collection agency",
          },
        ],
        "DetentionCostsCharged": [
          {
            "description": "£135 added to what Owner: Trans-Pol Sp. z o.o. owes.",
            "title": "Detention costs added to the debt",
          },
        ],
        "DetentionEnded": [
          {
            "description": "Released on payment on 2026-05-12 after 3 days; costs £135.",
            "title": "Detention ended",
          },
        ],
        "DiscretionApproved": [
          {
            "description": "Driver: Piotr Kowalski – Self-declaration: 50%, £3,000 off. Recommended amount £3,000.",
            "title": "Discretion approved by a Senior Officer",
          },
          {
            "description": "Owner: Trans-Pol Sp. z o.o. – Other (Charity convoy): 10%, £100 off. Recommended amount £900. Consistent with figure 38.",
            "title": "Discretion approved by a Senior Officer",
          },
        ],
        "IncidentReferred": [
          {
            "description": "S31A and S32 incident on 2026-02-01, 2 clandestine entrant(s).",
            "title": "Incident referred by the border",
          },
          {
            "description": "S31A incident on 2026-02-01.",
            "title": "Incident referred by the border",
          },
        ],
        "InitialNoticeResendRequired": [
          {
            "description": "",
            "title": "Initial Notice Resend Required",
          },
        ],
        "InitialNoticeResponseRecorded": [
          {
            "description": "Received 2026-03-20: Questionnaire returned",
            "title": "Response to the initial notice recorded",
          },
          {
            "description": "Received 2026-04-20 (late).",
            "title": "Response to the initial notice recorded",
          },
        ],
        "InitialNoticeSent": [
          {
            "description": "Sent to ul. Portowa 1, Gdynia. The 28-day response window starts.",
            "title": "Initial notice sent",
          },
          {
            "description": "Sent to ul. Długa 5, Gdańsk. The 28-day response window starts.",
            "title": "Initial notice re-sent",
          },
        ],
        "InsolvencyCheckRecorded": [
          {
            "description": "Owner: Trans-Pol Sp. z o.o., checked 2026-05-02 at Companies House: In administration. Administrators appointed in April.",
            "title": "Insolvency check",
          },
        ],
        "InstalmentPlanAgreed": [
          {
            "description": "Owner: Trans-Pol Sp. z o.o. – £500 by 2026-06-01, £1,000 by 2026-07-01.",
            "title": "Instalment plan agreed",
          },
        ],
        "InstalmentPlanBroken": [
          {
            "description": "Owner: Trans-Pol Sp. z o.o. – Missed: £500 by 2026-06-01.",
            "title": "Instalment plan broken",
          },
        ],
        "InstalmentsRefused": [
          {
            "description": "Owner: Trans-Pol Sp. z o.o. – The company can pay in full",
            "title": "Instalments refused",
          },
        ],
        "InstalmentsRequested": [
          {
            "description": "Owner: Trans-Pol Sp. z o.o. – Received 2026-05-03: £500 a month",
            "title": "Instalments asked for",
          },
        ],
        "LateObjectionAccepted": [
          {
            "description": "",
            "title": "Late Objection Accepted",
          },
        ],
        "LateObjectionRefused": [
          {
            "description": "",
            "title": "Late Objection Refused",
          },
        ],
        "LegacyStatusMigrated": [
          {
            "description": "Owner: Trans-Pol Sp. z o.o. – The legacy record's status "Debt referral" is the stage Payment overdue. Migrated from the legacy record: cecpt-database.csv, line 12.",
            "title": "Stage brought across from the legacy record",
          },
          {
            "description": "Driver: Piotr Kowalski – The legacy record's status "Written off" is the stage Written off. Nothing is owed.",
            "title": "Stage brought across from the legacy record",
          },
        ],
        "LetterPosted": [
          {
            "description": "Initial notice (IS11E) was printed and posted.",
            "title": "Letter posted",
          },
        ],
        "LetterProduced": [
          null,
        ],
        "LiabilityAddressRecorded": [
          {
            "description": "Letters now go to ul. Długa 5, 80-827 Gdańsk, PL.",
            "title": "Address recorded in the register",
          },
        ],
        "LiabilityClosed": [
          {
            "description": "Owner: Trans-Pol Sp. z o.o. – Nothing more is owed or to be done.",
            "title": "Closed",
          },
        ],
        "LiabilityOpened": [
          {
            "description": "Piotr Kowalski may be liable for the S32 penalty.",
            "title": "Driver liability opened",
          },
          {
            "description": "Trans-Pol Sp. z o.o. may be liable for the S31A penalty.",
            "title": "Operator liability opened",
          },
        ],
        "LiabilityPartyConfirmed": [
          {
            "description": "A new register entry was created for them.",
            "title": "Driver identified in the register",
          },
          {
            "description": "A proposed match was confirmed.",
            "title": "Owner identified in the register",
          },
          {
            "description": "Chosen from a search of the register.",
            "title": "Hirer identified in the register",
          },
        ],
        "MeansAssessmentAssured": [
          {
            "description": "Owner: Trans-Pol Sp. z o.o. – The calculation now uses it.",
            "title": "Means assessment assured",
          },
        ],
        "MeansAssessmentRecorded": [
          {
            "description": "Owner: Trans-Pol Sp. z o.o. – micro company (suggested small): Accounts show fewer staff since January. Awaiting assurance.",
            "title": "Means assessment recorded",
          },
          {
            "description": "Driver: Piotr Kowalski – £1,400 affordable (suggested £1,400). Awaiting assurance.",
            "title": "Means assessment recorded",
          },
        ],
        "MeansAssessmentReturned": [
          {
            "description": "Owner: Trans-Pol Sp. z o.o. – Use the audited accounts",
            "title": "Means assessment returned",
          },
        ],
        "MeansReductionAssured": [
          {
            "description": "Owner: Trans-Pol Sp. z o.o. – The penalty is now £1,500 (was £6,000). Accounts checked.",
            "title": "Reduction on means assured",
          },
        ],
        "MeansReductionProposed": [
          {
            "description": "Owner: Trans-Pol Sp. z o.o. – From £6,000 to £1,500 (the company’s size band from its means assessment), asked for on 1 April 2026: Micro company: 9 staff.",
            "title": "Reduction on means proposed",
          },
        ],
        "MeansReductionRefused": [
          {
            "description": "Driver: Piotr Kowalski – The penalty stays at £3,000. Payslips do not match the bank statements.",
            "title": "Reduction on means refused",
          },
        ],
        "MeansTestRequested": [
          {
            "description": "Owner: Trans-Pol Sp. z o.o. – Asked on 2026-04-02 by the company: We are a small firm with two lorries. Documents in Polish (translation needed): accounts-2025.pdf.",
            "title": "Means test asked for online",
          },
        ],
        "NotReferralDecided": [
          {
            "description": "Driver: Piotr Kowalski – The driver declared it themselves (no senior officer approval needed): He called the police at Calais.",
            "title": "Decided not to refer for a penalty",
          },
          {
            "description": "Owner: Trans-Pol Sp. z o.o. – Not in the public interest: A charity convoy. (senior officer)",
            "title": "Decided not to refer for a penalty",
          },
        ],
        "NoticeDetailsChecked": [
          {
            "description": "Owner: Trans-Pol Sp. z o.o. – Ann Officer checked the details for ul. Długa 5, 80-827 Gdańsk, Poland. Checked: the name is spelled exactly as on the documents seen at the border; the postal address is complete: street, town, postcode and country.",
            "title": "Name and address checked before the initial notice",
          },
        ],
        "ObjectionDeterminationDrafted": [
          {
            "description": "Reduce the penalty (IS11B/C) from £1,500 to £750. A CPAS member. It takes effect when a Higher Officer assures it.",
            "title": "Objection determined: waiting for assurance",
          },
        ],
        "ObjectionDeterminationReturned": [
          {
            "description": "The membership certificate is not dated. The objection must be determined again.",
            "title": "Determination of the objection returned by the assurer",
          },
        ],
        "ObjectionDetermined": [
          {
            "description": "Maintain the penalty (IS11B/C) at £1,500. No evidence of the checks.",
            "title": "Objection determined",
          },
          {
            "description": "Reduce the penalty (IS11B/C) from £1,500 to £750. A CPAS member.",
            "title": "Objection determined",
          },
          {
            "description": "Cancel the penalty (IS11A). Duress.",
            "title": "Objection determined",
          },
          {
            "description": "Maintain the penalty (IS11B/C) at £1,500. No checks. Assured by a Higher Officer who did not determine it. Checked: the dates the objection was received and is due to be determined are recorded correctly; evidence sent with the objection (such as a vehicle security checklist) was considered.",
            "title": "Objection determined",
          },
        ],
        "ObjectionReceived": [
          {
            "description": "Received 2026-04-10: The seals were checked.",
            "title": "Objection received",
          },
        ],
        "OverpaymentDetected": [
          {
            "description": "Owner: Trans-Pol Sp. z o.o. – £25 more than is owed: waiting for a refund decision.",
            "title": "Overpayment found",
          },
        ],
        "PaidInFull": [
          {
            "description": "Owner: Trans-Pol Sp. z o.o. – Nothing more is owed (settled by the payment of 2026-06-02).",
            "title": "Paid in full",
          },
        ],
        "PaymentDueConfirmed": [
          {
            "description": "Owner: Trans-Pol Sp. z o.o. – £1,500, due by 2026-05-31.",
            "title": "Payment due confirmed",
          },
          {
            "description": "Owner: Trans-Pol Sp. z o.o. – £1,500.",
            "title": "Payment due confirmed",
          },
        ],
        "PaymentOverdue": [
          {
            "description": "Owner: Trans-Pol Sp. z o.o. – It was due by 2026-05-31.",
            "title": "Payment overdue",
          },
          {
            "description": "Owner: Trans-Pol Sp. z o.o. – Recorded as overdue.",
            "title": "Payment overdue",
          },
        ],
        "PaymentReceived": [
          {
            "description": "Owner: Trans-Pol Sp. z o.o. – £500 on 2026-05-02 by bank transfer, reference FIN-123. The employer, against the driver’s penalty.",
            "title": "Payment received",
          },
        ],
        "PenaltyImposed": [
          {
            "description": "Owner: Trans-Pol Sp. z o.o. – Penalty notice dated 1 April 2026 for £1,500.",
            "title": "Penalty imposed",
          },
        ],
        "PreferredLanguageChosen": [
          {
            "description": "Driver: Piotr Kowalski – Letters and pages in Polish from 2026-03-02.",
            "title": "Language chosen online",
          },
        ],
        "RecommendationApproved": [
          {
            "description": "Owner: Trans-Pol Sp. z o.o. – Approved by an assurer who did not draft it.",
            "title": "Recommendation assured",
          },
          {
            "description": "Driver: Piotr Kowalski – Approved by a senior officer.",
            "title": "Recommendation assured",
          },
          {
            "description": "Owner: Trans-Pol Sp. z o.o. – Approved by an assurer who did not draft it. Checked: the right person, with the name and address as on the documents; previous penalties in the five years before the incident were looked for in the register.",
            "title": "Recommendation assured",
          },
        ],
        "RecommendationDrafted": [
          {
            "description": "Owner: Trans-Pol Sp. z o.o. – £1,500, calculated under policy 2023.1.",
            "title": "Recommendation drafted",
          },
          {
            "description": "Driver: Piotr Kowalski – £750, calculated under policy 2023.1, with discretion (needs a senior officer).",
            "title": "Recommendation drafted",
          },
          {
            "description": "Owner: Trans-Pol Sp. z o.o. – £750, calculated under policy 2023.1. Accreditation from the register: member, CPAS-2026-000001.",
            "title": "Recommendation drafted",
          },
          {
            "description": "Owner: Trans-Pol Sp. z o.o. – £750, calculated under policy 2023.1. Accreditation overridden: treated as a member (the register: not a member), needs a Senior Officer. Reason: Accredited in 2019, before Cordon’s records.",
            "title": "Recommendation drafted",
          },
        ],
        "RecommendationReturned": [
          {
            "description": "Owner: Trans-Pol Sp. z o.o. – Wrong dates, Other: The incident date is wrong.",
            "title": "Recommendation returned by the assurer",
          },
        ],
        "ReferralReceived": [
          {
            "description": "S32 incident on 2026-02-01 at CQF, vehicle WGM 4521K (PL), 3 clandestine entrant(s).",
            "title": "Referral received",
          },
          {
            "description": "S31A incident on 2026-02-01 at DKK, vehicle B 123 XYZ (RO).",
            "title": "Referral received",
          },
        ],
        "RefundApproved": [
          {
            "description": "Owner: Trans-Pol Sp. z o.o. – £25: Paid twice",
            "title": "Refund approved",
          },
        ],
        "RefundRefused": [
          {
            "description": "Owner: Trans-Pol Sp. z o.o. – £25: Offset against another penalty",
            "title": "Refund refused",
          },
        ],
        "ResponseDocumentsReceived": [
          {
            "description": "Received 2026-03-20: seal log and driver’s checklist (seal-log.pdf, checklist.jpg).",
            "title": "Documents received with the response",
          },
          {
            "description": "Received 2026-03-21: photos (photo.png).",
            "title": "Documents received with the response",
          },
        ],
        "ResponseWindowClosed": [
          {
            "description": "",
            "title": "Response Window Closed",
          },
        ],
        "ReviewEnded": [
          {
            "description": "Owner: Trans-Pol Sp. z o.o. – Wrong company: The sale is confirmed",
            "title": "Review ended",
          },
        ],
        "ReviewStarted": [
          {
            "description": "Owner: Trans-Pol Sp. z o.o. – Wrong company: The vehicle was sold in January. No vehicle is stopped for this penalty meanwhile.",
            "title": "Review started",
          },
        ],
        "VehicleDetained": [
          {
            "description": "GD 4521K held at Dover from 2026-05-10 for Owner: Trans-Pol Sp. z o.o.’s unpaid penalty, at £45 a day.",
            "title": "Vehicle detained",
          },
        ],
        "WriteOffApproved": [
          {
            "description": "Owner: Trans-Pol Sp. z o.o. – Uneconomic to recover, from 1 July 2026.",
            "title": "Written off",
          },
        ],
        "WriteOffProposed": [
          {
            "description": "Owner: Trans-Pol Sp. z o.o. – Uneconomic to recover: The company is dissolved.",
            "title": "Write-off proposed",
          },
        ],
        "WriteOffRejected": [
          {
            "description": "Owner: Trans-Pol Sp. z o.o. – Try the agency first.",
            "title": "Write-off rejected",
          },
        ],
      }
    `);
  });

  it('still reads an event recorded before a field existed, and one no longer in the catalogue', () => {
    expect(read('InstalmentPlanAgreed', { ...onOwner, paidBeforePence: 0 })).toMatchInlineSnapshot(`
      {
        "description": "Owner: Trans-Pol Sp. z o.o. – .",
        "title": "Instalment plan agreed",
      }
    `);
    expect(read('RecommendationReturned', { ...onOwner, text: 'Wrong amount' })).toMatchInlineSnapshot(`
      {
        "description": "Owner: Trans-Pol Sp. z o.o. – : Wrong amount",
        "title": "Recommendation returned by the assurer",
      }
    `);
    expect(read('PaymentDueRecalculated', { amountPence: 100 })).toMatchInlineSnapshot(`
      {
        "description": "",
        "title": "Payment Due Recalculated",
      }
    `);
  });
});
