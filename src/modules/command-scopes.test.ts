import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../platform/database/client.js';
import { executeCommand } from '../platform/events/command.js';
import { ROLE_IDS, type Role } from './identity/roles.js';
import { DETECTION_METHODS, SEARCH_RESULTS, SELECTION_REASONS } from '../domain/incident/search.js';
import { POLICY_2023_1 } from '../domain/policy/default-policy.js';
import { commandInstances, commandsInSource, type AnyCommand } from './all-commands.testing.js';
import { caseActions } from './casework/case-actions.js';
import { paymentsCaseActions } from './enforcement/case-actions.js';

/*
 * Who may and may not run each command of every module. `WHO_MAY` is the table of record: every
 * command in src/modules must be in it (a command added anywhere without a row here fails the
 * first test), and for every command each role of the system is refused as `forbidden` by
 * `executeCommand` exactly when the table leaves it out. An allowed role passes the role check and
 * goes on to the transaction — here a stand-in database that stops it there, so no command runs
 * and the whole table takes a moment. What the command then decides (not found, refused) is each
 * command's own tests' business.
 */

const CASEWORKERS = ['caseworker-ao', 'caseworker-eo', 'assurer-ho', 'senior-officer', 'manager'] as const;
const REFERRERS = ['port-officer', 'police-officer'] as const;
const CASE_READERS = [...CASEWORKERS, 'finance-officer', 'analyst'] as const;

// Commands run for people who are not staff carry their own role: a person signed in to the portal
// (`portal-user`), anyone giving feedback (`public`), the service recording a card payment.
const WHO_MAY: Record<string, readonly (Role | 'portal-user' | 'public' | 'card-payments')[]> = {
  // intake
  recordSearch: REFERRERS,
  saveIncidentDraft: [...REFERRERS, 'manager'],
  submitIncident: REFERRERS,
  addIncidentEvidence: REFERRERS,
  decideNotToRefer: REFERRERS,
  approveNotReferring: ['senior-officer'],
  recordDriverNoticeGiven: REFERRERS,
  recordPersonFound: REFERRERS,
  amendPersonFound: [...REFERRERS, 'manager'],
  recordPersonFollowUp: [...REFERRERS, 'senior-officer', 'manager'],
  carryOverIncidentRows: ['administrator'],
  confirmEarlierCrossing: [...REFERRERS, 'manager'],
  ruleOutEarlierCrossings: [...REFERRERS, 'manager'],
  // identity
  addUser: ['administrator'],
  issueApiToken: ['administrator'],
  lockSignIn: ['administrator'],
  unlockSignIn: ['administrator'],
  disableUser: ['administrator'],
  enableUser: ['administrator'],
  changeUserRoles: ['administrator'],
  resetUserPassword: ['administrator'],
  revokeApiToken: ['administrator'],
  // single sign-on: run by Cordon's single sign-on actor, on the identity provider's word (oidc.ts)
  addSingleSignOnUser: ['administrator'],
  changeSingleSignOnRoles: ['administrator'],
  // plate-checks
  addWatchlistEntries: ['senior-officer', 'administrator'],
  removeWatchlistEntry: ['senior-officer', 'administrator'],
  recordPlateCheckOutcome: ['port-officer', 'senior-officer'],
  carryOverWatchlistEntries: ['administrator'],
  // cases (the liability's own steps: every case reader may ask, the domain's transition table answers per step)
  openCaseFromReferral: REFERRERS,
  markNotificationRead: CASEWORKERS,
  logQuestion: CASEWORKERS,
  askQuestionOnline: ['portal-user'],
  assignQuestion: CASEWORKERS,
  answerQuestion: CASEWORKERS,
  closeQuestion: CASEWORKERS,
  // accreditation: an application's letters (acc-assess)
  // …and Cordon itself, as the `accreditation-letter` job (acc-loose)
  produceAccreditationLetter: [...CASEWORKERS, 'administrator'],
  recordAccreditationLetterEmailed: [...CASEWORKERS, 'administrator'],
  // the postal outbox's "Mark as posted" (the outbox's posters)
  markAccreditationLetterPosted: ['caseworker-ao', 'caseworker-eo', 'manager'],
  // reminders of members' checks due: Cordon itself, by the daily job (acc-loose)
  recordCheckReminderSent: ['administrator'],
  recordVehicleActionList: ['administrator'],
  // insight: the annual report's planned improvements, entered by their owner (a manager)
  planImprovement: ['manager'],
  recordDataQualityMeasurement: ['manager', 'analyst'],
  changeImprovement: ['manager'],
  completeImprovement: ['manager'],
  withdrawImprovement: ['manager'],
  themeFeedback: ['manager', 'analyst'],
  giveFeedback: ['public'],
  // accreditation: assurance of members (acc-register)
  recordMemberCheck: CASEWORKERS,
  // accreditation: reviews of members (acc-review): raised by Cordon's review check (as a caseworker), concluded by a Senior Officer
  raiseMembershipReview: CASEWORKERS,
  concludeMembershipReview: ['senior-officer'],
  // card-payments
  startCardPayment: ['portal-user', 'card-payments'],
  finishCardPayment: ['portal-user', 'card-payments'],
  // recommendations (the register of inspection recommendations): managers keep it; the pre-load records as Cordon (administrator)
  recordRecommendation: ['manager', 'administrator'],
  assignRecommendationOwner: ['manager'],
  addRecommendationAction: ['manager'],
  completeRecommendationAction: ['manager'],
  recordRecommendationEvidence: ['manager'],
  linkRecommendationFigure: ['manager'],
  closeRecommendation: ['manager'],
  recordEmbeddedCheck: ['manager'],
  // information-requests
  requestInformation: CASEWORKERS,
  answerInformationRequest: REFERRERS,
  withdrawInformationRequest: CASEWORKERS,
  liabilityAction: CASE_READERS,
  confirmLiabilityParty: CASEWORKERS,
  recordLiabilityAddress: CASEWORKERS,
  addCaseNote: [...CASEWORKERS, 'finance-officer'],
  linkCase: CASEWORKERS,
  unlinkCase: CASEWORKERS,
  claimCase: ['caseworker-ao', 'caseworker-eo', 'assurer-ho', 'senior-officer'],
  assignCase: ['manager', 'senior-officer'],
  unassignCase: ['manager'],
  recordMeansAssessment: CASEWORKERS,
  assureMeansAssessment: ['assurer-ho', 'senior-officer'],
  scheduleAppealHearing: CASEWORKERS,
  checkAppealBundleItems: CASEWORKERS,
  recordAppealWitnessStatement: CASEWORKERS,
  recordAggregateSplit: ['senior-officer'],
  markLettersPosted: ['caseworker-ao', 'caseworker-eo', 'manager'],
  recordResponseDocuments: CASEWORKERS,
  proposeAddressChange: CASEWORKERS,
  approveAddressChange: ['caseworker-eo', 'assurer-ho', 'senior-officer', 'manager'],
  rejectAddressChange: CASEWORKERS,
  recordDataBreach: CASEWORKERS,
  recordLetterEmailed: ['administrator'],
  // parties
  registerParty: [...CASEWORKERS, ...REFERRERS],
  mergeParties: CASEWORKERS,
  unmergeParty: CASEWORKERS,
  rejectMatch: CASEWORKERS,
  registerVehicle: [...CASEWORKERS, ...REFERRERS],
  linkEmployment: [...CASEWORKERS, ...REFERRERS],
  recordPartyAddress: CASEWORKERS,
  addPartyDetails: CASEWORKERS,
  // policy
  publishPolicyVersion: ['administrator'],
  // training
  recordOfficerTraining: ['manager', 'administrator'],
  // payments
  receiveLedgerFile: ['finance-officer'],
  recordLedgerLine: ['finance-officer'],
  finishLedgerImport: ['finance-officer'],
  stopLedgerImport: ['finance-officer'],
  assignLedgerLine: ['finance-officer'],
  setAsideLedgerLine: ['finance-officer'],
  recordDebtAcknowledgement: ['finance-officer'],
  recordInsolvencyCheck: ['finance-officer'],
  referDebtToAgency: ['finance-officer'],
  recordAgencyOutcome: ['finance-officer'],
  recordDetention: ['finance-officer', 'senior-officer'],
  endDetention: ['finance-officer', 'senior-officer'],
  // accreditation (CPAS applications): the applicant has no account (`public`, with the access code); assessors are caseworkers
  submitAccreditationApplication: ['public'],
  requestAccreditationInformation: CASEWORKERS,
  provideAccreditationInformation: ['public', ...CASEWORKERS],
  assessAccreditationArea: CASEWORKERS,
  acceptAccreditationApplication: CASEWORKERS,
  proposeAccreditationRefusal: CASEWORKERS,
  approveAccreditationRefusal: ['senior-officer'],
  returnAccreditationRefusal: ['senior-officer'],
  withdrawAccreditationApplication: ['public', ...CASEWORKERS],
};

const ID = '5b0e7b4e-5d1c-4c51-9a53-3f5c6a0e9d11';
const OTHER_ID = '8f9a1c2d-3e4b-4a5c-8d6e-7f8091a2b3c4';
const HASH = 'a'.repeat(64);
const REFERENCE = 'CEC-2026-000001';
const CPAS_REFERENCE = 'CPAS-2026-00042';
const first = (record: Record<string, string>) => Object.keys(record)[0]!;

/** A valid input for each command: the role check comes after the input is read. */
const QUESTION_ID = '00000000-0000-4000-8000-0000000000d1';
const asked = { questionId: QUESTION_ID, channel: 'email', askerName: 'Piotr Kowalski', email: 'piotr@example.com', language: 'pl', text: 'When must I pay?' };
const INPUTS: Record<string, unknown> = {
  recordRecommendation: { recommendationId: QUESTION_ID, inspection: { id: 'clandestine-entrants-2025', title: 'An inspection', year: 2025 }, number: '6d', text: 'Clear the backlog', response: 'not-stated' },
  assignRecommendationOwner: { recommendationId: QUESTION_ID, ownerId: 'user-1', ownerName: 'Jo Bloggs', dueDate: '2027-01-05' },
  addRecommendationAction: { recommendationId: QUESTION_ID, actionId: ID, description: 'Publish the guidance', dueDate: '2027-01-05' },
  completeRecommendationAction: { recommendationId: QUESTION_ID, actionId: ID },
  recordRecommendationEvidence: { recommendationId: QUESTION_ID, evidenceId: ID, description: 'Published', link: null },
  linkRecommendationFigure: { recommendationId: QUESTION_ID, figure: 'accreditation.decisionsWithinTime' },
  closeRecommendation: { recommendationId: QUESTION_ID, embeddedCheckDue: '2027-06-05' },
  recordEmbeddedCheck: { recommendationId: QUESTION_ID, embedded: true },
  logQuestion: asked,
  askQuestionOnline: { ...asked, channel: 'portal' },
  assignQuestion: { questionId: QUESTION_ID, assigneeId: 'user-1', assigneeName: 'Jo Bloggs' },
  answerQuestion: { questionId: QUESTION_ID, text: 'By 4 December 2026.', language: 'pl' },
  closeQuestion: { questionId: QUESTION_ID, reason: 'Asked twice' },
  produceAccreditationLetter: { letterId: ID, applicationReference: 'CPAS-2026-00042', kind: 'informationRequest', form: 'CPAS-INFO', title: 'We need more information', language: 'pl', fileHash: HASH },
  recordAccreditationLetterEmailed: { letterId: ID, to: 'biuro@example.pl' },
  markAccreditationLetterPosted: { letterId: ID },
  recordCheckReminderSent: { partyId: ID, memberName: 'Warta Haulage', reference: 'CPAS-2026-00001', dueOn: '2027-01-05', to: 'team@example.gov.uk' },
  recordVehicleActionList: { day: '2027-01-05', entries: [] },
  giveFeedback: { feedbackId: QUESTION_ID, satisfaction: 'satisfied', language: 'en' },
  planImprovement: { improvementId: QUESTION_ID, year: 2026, title: 'Monthly detection analysis published', owner: 'Border Force analysis team', dueOn: '2027-03-31' },
  recordDataQualityMeasurement: { on: '2026-12-05', counts: { 'incident-in-future': 0 } },
  changeImprovement: { improvementId: QUESTION_ID, title: 'Monthly detection analysis published', owner: 'Border Force analysis team', dueOn: '2027-04-30' },
  completeImprovement: { improvementId: QUESTION_ID },
  withdrawImprovement: { improvementId: QUESTION_ID, reason: 'Replaced by the MI dashboards' },
  themeFeedback: { feedbackId: QUESTION_ID, theme: 'letters' },
  recordMemberCheck: { checkId: QUESTION_ID, partyId: 'party-1', kind: 'visit', date: '2026-12-01', findings: [{ area: 'securityDevices', result: 'met' }], outcome: 'satisfactory', membership: { memberOnDate: true, memberFrom: '2026-01-01' } },
  raiseMembershipReview: { reviewId: ID, partyId: OTHER_ID, trigger: { trigger: 's32Incidents', incidents: ['CEC-2026-000001', 'CEC-2026-000002', 'CEC-2026-000003'], windowFrom: '2026-01-01', windowTo: '2027-01-01' }, incidents: [{ caseReference: 'CEC-2026-000001', date: '2026-01-01', offences: ['S32'] }, { caseReference: 'CEC-2026-000002', date: '2026-03-01', offences: ['S32'] }, { caseReference: 'CEC-2026-000003', date: '2026-06-01', offences: ['S32'] }], statusOnIncidentDate: 'member' },
  concludeMembershipReview: { reviewId: ID, outcome: 'remove', reasons: 'Three S32 incidents in five months' },
  startCardPayment: {
    paymentId: QUESTION_ID, caseId: QUESTION_ID, caseReference: 'CEC-2026-000001', liabilityId: QUESTION_ID, payerLiabilityId: QUESTION_ID,
    paidBy: 'recipient', amountPence: 1000, owedPence: 1000, provider: 'fake', providerId: 'fake-1', nextUrl: '/fake-payment-provider/fake-1', startedOn: '2026-02-01',
  },
  finishCardPayment: { paymentId: QUESTION_ID, outcome: 'succeeded', receivedOn: '2026-02-01', recordedOnPenalty: false, problem: null, providerStatus: 'success', providerCode: null },
  recordSearch: {
    searchedAt: '2026-01-05T10:00:00Z',
    port: 'CQF',
    vehicleKind: 'hgv',
    tractorRegistration: 'WGM 4521K',
    tractorCountry: 'PL',
    selectionReason: first(SELECTION_REASONS),
    methods: [first(DETECTION_METHODS)],
    searchedBy: 'border-force',
    result: first(SEARCH_RESULTS),
  },
  saveIncidentDraft: { incident: { kind: 'port' } },
  submitIncident: { incidentId: ID },
  addIncidentEvidence: { incidentId: ID, files: [{ hash: HASH, mediaType: 'image/jpeg', size: 1, originalName: 'seal.jpg', thumbnailHash: null }], kind: 'photo' },
  decideNotToRefer: { incidentId: ID, reasonCode: 'other', reasonText: 'The driver declared it at the check-in booth.' },
  approveNotReferring: { incidentId: ID, approve: true },
  recordDriverNoticeGiven: { incidentId: ID, method: 'in-person', language: 'pl' },
  recordPersonFound: { incidentId: ID, person: { apparentChild: false, potentialVictimOfTrafficking: false, medicalNeed: false } },
  amendPersonFound: { incidentId: ID, personId: OTHER_ID, person: { apparentChild: false, potentialVictimOfTrafficking: false } },
  recordPersonFollowUp: { incidentId: ID, personId: OTHER_ID, nrmOutcome: { stage: 'reasonable-grounds', decision: 'positive', date: '2026-01-05' } },
  carryOverIncidentRows: { incidentId: ID },
  confirmEarlierCrossing: { incidentId: ID, searchId: OTHER_ID },
  ruleOutEarlierCrossings: { incidentId: ID },
  addUser: { username: 'someone', displayName: 'Some One', roles: ['analyst'], password: 'a long enough password' },
  lockSignIn: { username: 'someone', failures: 10, lockedUntil: '2026-01-05T10:15:00Z' },
  unlockSignIn: { username: 'someone' },
  issueApiToken: { name: 'Port system', role: 'port-officer' },
  disableUser: { userId: '5b0e7b4e-5d1c-4c51-9a53-3f5c6a0e9d11' },
  enableUser: { userId: '5b0e7b4e-5d1c-4c51-9a53-3f5c6a0e9d11' },
  changeUserRoles: { userId: '5b0e7b4e-5d1c-4c51-9a53-3f5c6a0e9d11', roles: ['analyst'] },
  resetUserPassword: { userId: '5b0e7b4e-5d1c-4c51-9a53-3f5c6a0e9d11' },
  revokeApiToken: { tokenId: '5b0e7b4e-5d1c-4c51-9a53-3f5c6a0e9d11' },
  addSingleSignOnUser: { issuer: 'https://login.example.gov.uk', subject: 'abc-123', preferredUsername: 'ada', displayName: 'Ada Officer', roles: ['port-officer'] },
  changeSingleSignOnRoles: { userId: ID, roles: ['analyst'] },
  addWatchlistEntries: { entries: [{ registration: 'WGM 4521K', country: 'PL', reason: 'Unpaid penalty', expiresAt: '2030-01-01T00:00:00Z' }] },
  removeWatchlistEntry: { id: ID },
  recordPlateCheckOutcome: { hitId: ID, outcome: 'stopped-in-error', reason: 'The plate was misread' },
  carryOverWatchlistEntries: {},
  openCaseFromReferral: {
    port: 'CQF',
    incidentDate: '2026-01-05',
    offence: 'S31A',
    vehicleRegistration: 'WGM 4521K',
    vehicleCountry: 'PL',
    driverName: 'Piotr Kowalski',
    companyName: 'Trans-Pol Sp. z o.o.',
  },
  liabilityAction: { reference: REFERENCE, liabilityIds: [ID], action: { type: 'sendInitialNotice' } },
  confirmLiabilityParty: { reference: REFERENCE, liabilityId: ID, partyId: OTHER_ID, how: 'created-new' },
  recordLiabilityAddress: { reference: REFERENCE, liabilityId: ID, partyId: OTHER_ID, address: { line1: 'ul. Długa 5', town: 'Gdańsk', country: 'PL' } },
  addCaseNote: { reference: REFERENCE, text: 'Called the haulier.' },
  linkCase: { reference: REFERENCE, reason: 'same-company', target: { caseId: OTHER_ID, reference: 'CEC-2026-000002', incidentDate: '2026-01-05', offences: ['S32'] } },
  unlinkCase: { reference: REFERENCE, linkedReference: 'CEC-2026-000002' },
  claimCase: { reference: REFERENCE },
  assignCase: { reference: REFERENCE, officerId: ID },
  unassignCase: { reference: REFERENCE },
  recordMeansAssessment: { reference: REFERENCE, liabilityId: ID, assessmentId: OTHER_ID, assessment: { kind: 'individual', payslips: [], decision: { assessedAmountPence: 0, reason: null } } },
  assureMeansAssessment: { reference: REFERENCE, liabilityId: ID, assessmentId: OTHER_ID, outcome: 'assure' },
  scheduleAppealHearing: { reference: REFERENCE, liabilityId: ID, hearingId: OTHER_ID, hearingOn: '2026-03-01', court: 'Dover County Court', type: 'final' },
  checkAppealBundleItems: { reference: REFERENCE, liabilityId: ID, checked: [] },
  recordAppealWitnessStatement: { reference: REFERENCE, liabilityId: ID, text: 'I saw the seals.', madeBy: 'Officer A', madeOn: '2026-01-06' },
  recordAggregateSplit: { reference: REFERENCE, offence: 'S31A', amountsPence: { [ID]: 100 } },
  markNotificationRead: { notificationId: ID },
  markLettersPosted: { reference: REFERENCE, letters: [{ id: ID, liabilityId: null, form: 'IS11E', title: 'Initial notice' }] },
  recordResponseDocuments: { reference: REFERENCE, liabilityId: ID, receivedOn: '2026-01-06', description: 'Seal log', files: [{ hash: HASH, originalName: 'log.pdf', mediaType: 'application/pdf', size: 1 }] },
  proposeAddressChange: { reference: REFERENCE, liabilityId: ID, line1: 'ul. Długa 5', town: 'Łódź', country: 'PL', reason: 'On the questionnaire' },
  approveAddressChange: { reference: REFERENCE, liabilityId: ID, proposal: 3 },
  rejectAddressChange: { reference: REFERENCE, liabilityId: ID, proposal: 3, reason: 'Not their address' },
  recordLetterEmailed: { letterId: ID },
  recordDataBreach: { reference: REFERENCE, letterId: ID, foundOn: '2026-01-06', disclosed: 'The notice', riskLevel: 'high', riskReasons: 'Personal data', actionsTaken: 'Asked for it back' },
  registerParty: { kind: 'person', name: 'Piotr Kowalski' },
  mergeParties: { survivorId: ID, mergedId: OTHER_ID, reason: 'Same person' },
  unmergeParty: { partyId: ID, reason: 'Not the same person' },
  rejectMatch: { partyId: ID, otherId: OTHER_ID, reason: 'Different people' },
  registerVehicle: { registration: 'WGM 4521K', country: 'PL', kind: 'hgv-tractor' },
  linkEmployment: { personId: ID, organisationId: OTHER_ID, relationship: 'employee' },
  recordPartyAddress: { partyId: ID, address: { line1: 'ul. Długa 5', town: 'Gdańsk', country: 'PL' } },
  addPartyDetails: { partyId: ID, nationality: 'PL' },
  recordOfficerTraining: { userId: '5b0e7b4e-5d1c-4c51-9a53-3f5c6a0e9d11', record: { homePort: 'CQF', ifcPart1On: '2026-01-05', ifcPart2On: null, ppst: null, s31aTrainedOn: null } },
  publishPolicyVersion: { version: '2099.1', effectiveFrom: '2099-01-01', parameters: POLICY_2023_1, reason: 'A new policy for the tests' },
  receiveLedgerFile: { importId: ID, fileName: 'ledger.csv', fileHash: HASH, lineCount: 0, badRows: [], alreadyImported: 0 },
  recordLedgerLine: {
    importId: ID, lineId: OTHER_ID, lineNumber: 2, lineKey: 'TX-1', invoiceReference: null, payerReference: REFERENCE, payerName: 'P KOWALSKI',
    amountPence: 100, paidOn: '2026-01-06', method: 'bank-transfer', raw: { transaction_id: 'TX-1' }, outcome: 'waiting', waitingReason: 'unmatched',
    candidates: [], caseId: null, liabilityId: null,
  },
  finishLedgerImport: { importId: ID },
  stopLedgerImport: { importId: ID },
  assignLedgerLine: { lineId: ID, caseId: OTHER_ID, reference: REFERENCE, liabilityId: ID, paidBy: 'recipient' },
  setAsideLedgerLine: { lineId: ID, reason: 'Not a penalty payment' },
  recordDebtAcknowledgement: { reference: REFERENCE, liabilityId: ID, acknowledgedOn: '2026-01-06' },
  recordInsolvencyCheck: { reference: REFERENCE, liabilityId: ID, checkedOn: '2026-01-06', source: 'Companies House', finding: 'none' },
  referDebtToAgency: { reference: REFERENCE, liabilityId: ID, referralId: ID, batchId: OTHER_ID, amountPence: 100, fileHash: HASH },
  recordAgencyOutcome: { reference: REFERENCE, referralId: ID, liabilityId: ID, referredOn: '2026-01-06', outcome: 'paid', outcomeOn: '2026-01-07' },
  recordDetention: { reference: REFERENCE, detentionId: ID, liabilityId: ID, registration: 'WGM 4521K', place: 'Dover', startedOn: '2026-01-06', dailyCostPence: 4500 },
  endDetention: { reference: REFERENCE, detentionId: ID, how: 'sold', endedOn: '2026-04-06' },
  requestInformation: { requestId: ID, caseId: OTHER_ID, caseReference: REFERENCE, addressedTo: { kind: 'port', portCode: 'DVR' }, items: ['photographs'], dueDate: `${new Date().getUTCFullYear() + 1}-01-20` },
  answerInformationRequest: { requestId: ID, answerId: OTHER_ID, text: 'The photos are attached.', files: [] },
  withdrawInformationRequest: { requestId: ID },
  submitAccreditationApplication: {
    language: 'pl',
    channel: 'api',
    company: { name: 'Trans-Pol Sp. z o.o.', country: 'PL', addressLines: ['ul. Długa 5'], operatorLicence: 'PL/0042', contactName: 'Piotr Kowalski', email: 'biuro@transpol.example', numberOfDrivers: 4 },
    areas: { securityDevices: { description: 'Locks' }, checkRecord: { description: 'Form' }, driverInstructions: { description: 'Manual' }, driverTraining: { description: 'Course' }, driverPerformanceReview: { description: 'Reviews' } },
    driverChecklists: { fileIds: ['a', 'b', 'c'] },
    declaration: true,
  },
  requestAccreditationInformation: { reference: CPAS_REFERENCE, areas: ['driverTraining'], message: 'Send the register' },
  provideAccreditationInformation: { reference: CPAS_REFERENCE, text: 'Attached' },
  assessAccreditationArea: { reference: CPAS_REFERENCE, area: 'checkRecord', outcome: 'met' },
  acceptAccreditationApplication: { reference: CPAS_REFERENCE, partyId: ID },
  proposeAccreditationRefusal: { reference: CPAS_REFERENCE },
  approveAccreditationRefusal: { reference: CPAS_REFERENCE },
  returnAccreditationRefusal: { reference: CPAS_REFERENCE, reason: 'Ask first' },
  withdrawAccreditationApplication: { reference: CPAS_REFERENCE },
};

/**
 * Stands in for the database: an allowed role reaches it (a transaction, or an optimistic
 * command's load or write), and stops there.
 */
const REACHED_THE_TRANSACTION = new Error('the role check let this actor through');
const stopAtTheTransaction = new Proxy(
  {},
  {
    get() {
      throw REACHED_THE_TRANSACTION;
    },
  },
) as unknown as Db;

let inSource: Map<string, string>;
let commands: Map<string, AnyCommand>;

beforeAll(async () => {
  inSource = commandsInSource();
  commands = await commandInstances([...new Set(inSource.values())]);
});

describe('who may run each command', () => {
  it('has every command of every module in the table, and nothing else', () => {
    const names = [...inSource.keys()].sort();
    expect(names, 'a command in src/modules is missing from WHO_MAY (or WHO_MAY names one that no longer exists)').toEqual(Object.keys(WHO_MAY).sort());
    expect([...commands.keys()].sort(), 'a command found in the source has no instance here: if a factory builds it, add it to commandInstances').toEqual(names);
    expect(Object.keys(INPUTS).sort()).toEqual(names);
  });

  it('gives each command the roles of the table', () => {
    for (const [name, command] of commands) expect([...command.roles].sort(), name).toEqual([...WHO_MAY[name]!].sort());
  });

  it('has a valid input for each command, so the role check is what answers', () => {
    for (const [name, command] of commands) {
      const parsed = command.input.safeParse(INPUTS[name]);
      expect(parsed.success ? [] : parsed.error.issues, name).toEqual([]);
    }
  });

  it('refuses every role outside a command’s roles as forbidden, and lets every role inside through', async () => {
    const wrong: string[] = [];
    for (const [name, command] of commands) {
      for (const role of ROLE_IDS) {
        const actor = { id: `scopes-${role}`, name: role, roles: [role] };
        const allowed = WHO_MAY[name]!.includes(role);
        const outcome = await executeCommand(stopAtTheTransaction, command, INPUTS[name], { actor, now: new Date('2026-02-01T12:00:00Z') }).catch((error: unknown) =>
          error === REACHED_THE_TRANSACTION ? 'reached' : Promise.reject(error),
        );
        const forbidden = outcome !== 'reached' && !outcome.ok && outcome.kind === 'forbidden';
        if (allowed && outcome !== 'reached') wrong.push(`${name}: ${role} may, but got ${JSON.stringify(outcome)}`);
        if (!allowed && !forbidden) wrong.push(`${name}: ${role} may not, but got ${JSON.stringify(outcome)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('opens each case-level step of the API to exactly its command’s roles', () => {
    const actions = [
      ...caseActions({ db: stopAtTheTransaction, cases: {} as never, identity: {} as never, parties: {} as never }),
      ...paymentsCaseActions({ debt: {} as never }),
    ];
    for (const action of actions) {
      expect(WHO_MAY[action.action], `${action.action} is not a command`).toBeDefined();
      expect([...action.roles].sort(), action.action).toEqual([...WHO_MAY[action.action]!].sort());
    }
  });
});
