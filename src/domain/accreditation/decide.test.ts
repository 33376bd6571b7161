import { describe, expect, it } from 'vitest';
import { DEFAULT_ACCREDITATION_APPLICATIONS } from '../policy/policy-parameters.js';
import { POLICY_2023_1 } from '../policy/default-policy.js';
import type { CommandMoment } from '../command-decision.js';
import { ACCREDITATION_AREAS, type AccreditationArea } from './areas.js';
import { applicationFromEvents, type ApplicationState } from './application.js';
import {
  applicationReference,
  decideAcceptApplication,
  decideApproveRefusal,
  decideAssessArea,
  decideProposeRefusal,
  decideProvideInformation,
  decideRequestInformation,
  decideReturnRefusal,
  decideSubmitApplication,
  decideWithdrawApplication,
  driverChecklistsRequired,
  type ApplicationToSubmit,
  type SubmissionState,
} from './decide.js';
import { ACCREDITATION_APPLICATION_EVENT as E, type AccreditationApplicationEvent } from './events.js';

const NOW = new Date('2026-03-02T10:00:00Z');
const assessor: CommandMoment = { actor: { id: 'user-assessor', name: 'Ada Assessor', roles: ['caseworker-eo'] }, now: NOW };
const seniorProposer: CommandMoment = { actor: { id: 'user-so-1', name: 'Sam Senior', roles: ['senior-officer'] }, now: NOW };
const senior: CommandMoment = { actor: { id: 'user-so-2', name: 'Sol Senior', roles: ['senior-officer'] }, now: NOW };
const applicant: CommandMoment = { actor: { id: 'public', name: 'Applicant', roles: ['public'] }, now: NOW };

const bands = DEFAULT_ACCREDITATION_APPLICATIONS.driverChecklistsRequired;
const submission: SubmissionState = { reference: 'CPAS-2026-00042', receivedOn: '2026-03-02', decisionWithinDays: POLICY_2023_1.accreditation.applicationDecisionDays, checklistBands: bands };

function application(drivers = 12, checklists = 5): ApplicationToSubmit {
  return {
    language: 'pl',
    company: { name: ' Trans-Pol Sp. z o.o. ', country: 'PL', addressLines: ['ul. Długa 5', '', 'Łódź'], postcode: '90-001', operatorLicence: 'PL/0042/2020', contactName: 'Piotr Kowalski', email: 'biuro@transpol.example', phone: null, numberOfDrivers: drivers },
    areas: Object.fromEntries(ACCREDITATION_AREAS.map((a) => [a, { description: `What we do for ${a}`, fileIds: [`file-${a}`] }])) as ApplicationToSubmit['areas'],
    driverChecklists: { fileIds: Array.from({ length: checklists }, (_, i) => `checklist-${i}`) },
    declaration: true,
    channel: 'online',
  };
}

function submitted(): AccreditationApplicationEvent[] {
  const decision = decideSubmitApplication(submission, application(), applicant);
  if (!decision.ok) throw new Error(decision.message);
  return decision.events as AccreditationApplicationEvent[];
}

function stateOf(events: readonly AccreditationApplicationEvent[]): ApplicationState {
  const state = applicationFromEvents(events);
  if (!state) throw new Error('no application');
  return state;
}

/** Applies a decision's events, failing the test on a refusal. */
function then(events: AccreditationApplicationEvent[], decide: (state: ApplicationState) => ReturnType<typeof decideWithdrawApplication>): AccreditationApplicationEvent[] {
  const decision = decide(stateOf(events));
  if (!decision.ok) throw new Error(`refused: ${decision.message}`);
  return [...events, ...(decision.events as AccreditationApplicationEvent[])];
}

function assessedAll(outcome: (area: AccreditationArea) => 'met' | 'notMet'): AccreditationApplicationEvent[] {
  let events = submitted();
  for (const area of ACCREDITATION_AREAS) events = then(events, (s) => decideAssessArea(s, { area, outcome: outcome(area), notes: outcome(area) === 'met' ? '' : `No evidence for ${area}` }));
  return events;
}

describe('submitting an application', () => {
  it('records the company, the five areas and a decision due 30 days after receipt', () => {
    const [event] = submitted();
    expect(event?.type).toBe(E.AccreditationApplicationSubmitted);
    if (event?.type !== E.AccreditationApplicationSubmitted) return;
    expect(event.payload.reference).toBe('CPAS-2026-00042');
    expect(event.payload.decisionDue).toBe('2026-04-01');
    expect(event.payload.company.name).toBe('Trans-Pol Sp. z o.o.');
    expect(event.payload.company.addressLines).toEqual(['ul. Długa 5', 'Łódź']);
    expect(event.payload.driverChecklists.required).toBe(5);
    expect(Object.keys(event.payload.areas)).toEqual([...ACCREDITATION_AREAS]);
  });

  it('refuses a missing area, a bad email, no declaration and too few checklists, each beside its field', () => {
    const input = application(60, 9);
    input.areas.driverTraining = { description: '  ' };
    input.company.email = 'not-an-email';
    input.declaration = false;
    const decision = decideSubmitApplication(submission, input, applicant);
    expect(decision.ok).toBe(false);
    if (decision.ok) return;
    expect(decision.errors).toEqual([
      { field: 'company.email', message: 'accreditation.company.email.invalid' },
      { field: 'areas.driverTraining.description', message: 'accreditation.area.description.missing' },
      { field: 'driverChecklists', message: 'accreditation.driverChecklists.tooFew' },
      { field: 'declaration', message: 'accreditation.declaration.missing' },
    ]);
  });

  it('asks for more checklists as the number of drivers grows (the policy table)', () => {
    expect([1, 10, 11, 50, 51, 200, 201, 5000].map((n) => driverChecklistsRequired(bands, n))).toEqual([3, 3, 5, 5, 10, 10, 20, 20]);
    expect(driverChecklistsRequired([{ driversFrom: 1, checklists: 2 }], 400)).toBe(2);
  });

  it('writes references with the year and five digits', () => {
    expect(applicationReference(2026, 42)).toBe('CPAS-2026-00042');
    expect(applicationReference(2027, 123456)).toBe('CPAS-2027-123456');
  });
});

describe('deciding an application', () => {
  it('accepts only when all five areas are met', () => {
    const oneNotMet = assessedAll((a) => (a === 'checkRecord' ? 'notMet' : 'met'));
    const refused = decideAcceptApplication(stateOf(oneNotMet), { partyId: 'party-1' }, assessor);
    expect(refused).toMatchObject({ ok: false, message: 'accreditation.accept.areasNotMet', errors: [{ field: 'areas.checkRecord' }] });
    const allMet = then(oneNotMet, (s) => decideAssessArea(s, { area: 'checkRecord', outcome: 'met', notes: 'Seen the new form' }));
    const accepted = then(allMet, (s) => decideAcceptApplication(s, { partyId: 'party-1' }, assessor));
    const state = stateOf(accepted);
    expect(state.status).toBe('accepted');
    expect(state.partyId).toBe('party-1');
    expect(state.memberFrom).toBe('2026-03-02');
  });

  it('does nothing to a decided application', () => {
    const withdrawn = then(submitted(), (s) => decideWithdrawApplication(s, { reason: 'Sold the business' }, applicant));
    const state = stateOf(withdrawn);
    expect(state.status).toBe('withdrawn');
    for (const decision of [
      decideWithdrawApplication(state, {}, assessor),
      decideAssessArea(state, { area: 'checkRecord', outcome: 'met' }),
      decideRequestInformation(state, { areas: ['checkRecord'], message: 'Send the form' }, assessor),
      decideAcceptApplication(state, { partyId: 'p' }, assessor),
      decideProposeRefusal(state, {}, assessor),
    ])
      expect(decision).toEqual({ ok: false, message: 'accreditation.application.decided' });
  });

  it('needs notes for an area not met or needing more information', () => {
    const decision = decideAssessArea(stateOf(submitted()), { area: 'securityDevices', outcome: 'notMet', notes: ' ' });
    expect(decision).toMatchObject({ ok: false, errors: [{ field: 'notes', message: 'accreditation.assessment.notes.missing' }] });
  });
});

describe('refusing an application', () => {
  it('needs at least one area not met, with notes', () => {
    const allMet = assessedAll(() => 'met');
    expect(decideProposeRefusal(stateOf(allMet), {}, assessor)).toEqual({ ok: false, message: 'accreditation.refusal.noAreaNotMet' });
    expect(decideProposeRefusal(stateOf(submitted()), {}, assessor)).toEqual({ ok: false, message: 'accreditation.refusal.noAreaNotMet' });
  });

  it('takes its reasons from the areas not met, and is approved by a Senior Officer who did not propose it', () => {
    const notMet = assessedAll((a) => (a === 'driverTraining' || a === 'securityDevices' ? 'notMet' : 'met'));
    const proposed = then(notMet, (s) => decideProposeRefusal(s, { summary: 'Two areas' }, seniorProposer));
    const state = stateOf(proposed);
    expect(state.status).toBe('refusalProposed');
    expect(state.refusalProposal?.reasons).toEqual([
      { area: 'securityDevices', reason: 'No evidence for securityDevices' },
      { area: 'driverTraining', reason: 'No evidence for driverTraining' },
    ]);
    expect(decideApproveRefusal(state, {}, assessor)).toEqual({ ok: false, message: 'accreditation.refusal.seniorOfficerOnly' });
    expect(decideApproveRefusal(state, {}, seniorProposer)).toEqual({ ok: false, message: 'accreditation.refusal.notTheProposer' });
    expect(decideAcceptApplication(state, { partyId: 'p' }, assessor)).toEqual({ ok: false, message: 'accreditation.refusal.pending' });
    const refused = stateOf(then(proposed, (s) => decideApproveRefusal(s, {}, senior)));
    expect(refused.status).toBe('refused');
    expect(refused.decidedOn).toBe('2026-03-02');
  });

  it('goes back to assessment when a Senior Officer returns it with a reason', () => {
    const proposed = then(assessedAll((a) => (a === 'checkRecord' ? 'notMet' : 'met')), (s) => decideProposeRefusal(s, {}, assessor));
    expect(decideReturnRefusal(stateOf(proposed), { reason: ' ' }, senior)).toMatchObject({ ok: false, errors: [{ field: 'reason' }] });
    expect(decideApproveRefusal(stateOf(submitted()), {}, senior)).toEqual({ ok: false, message: 'accreditation.refusal.notProposed' });
    const returned = stateOf(then(proposed, (s) => decideReturnRefusal(s, { reason: 'Ask for the form first' }, senior)));
    expect(returned.status).toBe('underAssessment');
    expect(returned.refusalProposal).toBeNull();
  });
});

describe('asking for and giving more information', () => {
  it('takes information only while it is requested, then goes back to assessment', () => {
    const events = submitted();
    expect(decideProvideInformation(stateOf(events), { text: 'Here it is' }, applicant)).toEqual({ ok: false, message: 'accreditation.information.notRequested' });
    const requested = then(events, (s) => decideRequestInformation(s, { areas: ['driverTraining', 'checkRecord'], message: 'Send the training register' }, assessor));
    const waiting = stateOf(requested);
    expect(waiting.status).toBe('awaitingInformation');
    expect(waiting.openRequest?.areas).toEqual(['checkRecord', 'driverTraining']);
    expect(decideRequestInformation(waiting, { areas: ['checkRecord'], message: 'Again' }, assessor)).toEqual({ ok: false, message: 'accreditation.information.alreadyRequested' });
    expect(decideProvideInformation(waiting, { text: ' ', fileIds: [] }, applicant)).toMatchObject({ ok: false, errors: [{ field: 'text' }] });
    const provided = stateOf(then(requested, (s) => decideProvideInformation(s, { text: 'The register is attached', fileIds: ['file-9'] }, applicant)));
    expect(provided.status).toBe('underAssessment');
    expect(provided.openRequest).toBeNull();
    expect(decideProvideInformation(provided, { text: 'More' }, applicant)).toEqual({ ok: false, message: 'accreditation.information.notRequested' });
  });

  it('is not accepted while information is outstanding', () => {
    const requested = then(assessedAll(() => 'met'), (s) => decideRequestInformation(s, { areas: ['checkRecord'], message: 'One more thing' }, assessor));
    expect(decideAcceptApplication(stateOf(requested), { partyId: 'p' }, assessor)).toEqual({ ok: false, message: 'accreditation.information.outstanding' });
  });
});
