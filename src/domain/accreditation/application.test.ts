import { describe, expect, it } from 'vitest';
import { ACCREDITATION_AREAS } from './areas.js';
import { applicationFromEvents, decisionStanding, openSteps, type ApplicationState } from './application.js';
import { ACCREDITATION_APPLICATION_EVENT as E, type AccreditationApplicationEvent } from './events.js';

const submittedEvent: AccreditationApplicationEvent = {
  type: E.AccreditationApplicationSubmitted,
  payload: {
    reference: 'CPAS-2026-00007',
    receivedOn: '2026-03-02',
    decisionDue: '2026-04-01',
    decisionWithinDays: 30,
    language: 'ro',
    company: { name: 'Balkan Trucks SRL', country: 'RO', addressLines: ['Str. Lungă 1', 'Cluj'], postcode: null, operatorLicence: 'RO-123', contactName: 'Ion Popescu', email: 'ion@balkan.example', phone: null, numberOfDrivers: 3 },
    areas: Object.fromEntries(ACCREDITATION_AREAS.map((a) => [a, { description: a, fileIds: [] }])) as never,
    driverChecklists: { fileIds: ['a', 'b', 'c'], required: 3 },
    declaration: true,
    channel: 'api',
  },
};

const assessed = (area: (typeof ACCREDITATION_AREAS)[number], outcome: 'met' | 'notMet' | 'moreInformation', notes = ''): AccreditationApplicationEvent => ({ type: E.AccreditationAreaAssessed, payload: { area, outcome, notes } });

function state(...events: AccreditationApplicationEvent[]): ApplicationState {
  const folded = applicationFromEvents([submittedEvent, ...events]);
  if (!folded) throw new Error('no application');
  return folded;
}

describe('an application’s state from its events', () => {
  it('is nothing before the submission, and ignores steps without one', () => {
    expect(applicationFromEvents([])).toBeNull();
    expect(applicationFromEvents([assessed('checkRecord', 'met')])).toBeNull();
  });

  it('keeps the latest finding of each area and starts the assessment with the first', () => {
    const s = state(assessed('checkRecord', 'notMet', 'No form'), assessed('checkRecord', 'met'));
    expect(s.status).toBe('underAssessment');
    expect(s.areas.checkRecord).toEqual({ outcome: 'met', notes: '' });
    expect(s.areas.securityDevices.outcome).toBeNull();
    expect(s.decisionDue).toBe('2026-04-01');
  });

  it('stays waiting for information while an area is assessed meanwhile', () => {
    const s = state({ type: E.AccreditationInformationRequested, payload: { areas: ['driverTraining'], message: 'Register', requestedOn: '2026-03-03' } }, assessed('checkRecord', 'met'));
    expect(s.status).toBe('awaitingInformation');
    expect(openSteps(s)).toEqual(['provideInformation', 'assessArea', 'withdraw']);
  });
});

describe('the open steps', () => {
  it('offer acceptance only when all areas are met, and a refusal only with an area not met with notes', () => {
    expect(openSteps(state())).toEqual(['requestInformation', 'assessArea', 'withdraw']);
    const allMet = state(...ACCREDITATION_AREAS.map((a) => assessed(a, 'met')));
    expect(openSteps(allMet)).toEqual(['requestInformation', 'assessArea', 'accept', 'withdraw']);
    const oneNotMet = state(...ACCREDITATION_AREAS.map((a) => (a === 'driverTraining' ? assessed(a, 'notMet', 'No tests') : assessed(a, 'met'))));
    expect(openSteps(oneNotMet)).toEqual(['requestInformation', 'assessArea', 'proposeRefusal', 'withdraw']);
    const proposed = state({ type: E.AccreditationRefusalProposed, payload: { reasons: [{ area: 'driverTraining', reason: 'No tests' }], summary: null, proposedById: 'u1', proposedByName: 'A', proposedOn: '2026-03-05' } });
    expect(openSteps(proposed)).toEqual(['approveRefusal', 'returnRefusal', 'withdraw']);
    const accepted = state({ type: E.AccreditationApplicationAccepted, payload: { partyId: 'p1', memberFrom: '2026-03-06', acceptedOn: '2026-03-06' } });
    expect(openSteps(accepted)).toEqual([]);
  });
});

describe('days left to the decision', () => {
  it('flags at the policy’s days left (10, then 5 urgent) and after the due date', () => {
    const flags = [10, 5];
    expect(decisionStanding('2026-04-01', '2026-03-21', flags)).toEqual({ daysLeft: 11, flag: 'none' });
    expect(decisionStanding('2026-04-01', '2026-03-22', flags)).toEqual({ daysLeft: 10, flag: 'warning' });
    expect(decisionStanding('2026-04-01', '2026-03-27', flags)).toEqual({ daysLeft: 5, flag: 'urgent' });
    expect(decisionStanding('2026-04-01', '2026-04-01', flags)).toEqual({ daysLeft: 0, flag: 'urgent' });
    expect(decisionStanding('2026-04-01', '2026-04-02', flags)).toEqual({ daysLeft: -1, flag: 'overdue' });
    expect(decisionStanding('2026-04-01', '2026-03-30', [5, 14])).toEqual({ daysLeft: 2, flag: 'urgent' });
  });
});
