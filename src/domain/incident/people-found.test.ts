import { describe, expect, it } from 'vitest';
import { claimsOrAppearsChild, peopleFoundReconciliationProblem, peopleFoundSubmissionProblems, personFoundProblems, type PersonFoundRecord } from './people-found.js';
import { decideAmendPersonFound, decideRecordPersonFollowUp, type PersonFoundState } from './people-found-decisions.js';

const noMatch = { outcome: 'no-match' as const };
const adult: PersonFoundRecord = {
  apparentChild: false,
  potentialVictimOfTrafficking: false,
  claimedAge: 30,
  biometricsTaken: true,
  biometricsDate: '2026-12-01',
  databaseChecks: { identity: noMatch, security: noMatch, immigrationHistory: noMatch, policeNationalComputer: noMatch },
};
const s32 = { offences: ['S32'], clandestineEntrants: 3, incidentDate: '2026-12-01' };

describe('reconciling the people recorded with the entrants counted', () => {
  it('names the difference and what to do when fewer people are recorded than entrants counted', () => {
    expect(peopleFoundReconciliationProblem(s32, 2)).toEqual({
      field: 'peopleFoundDifferenceReason',
      message: '3 entrants were counted but 2 people are recorded: record the third person, or give the reason',
    });
    expect(peopleFoundReconciliationProblem(s32, 0)?.message).toBe('3 entrants were counted but 0 people are recorded: record the other 3 people, or give the reason');
    expect(peopleFoundReconciliationProblem({ ...s32, clandestineEntrants: 1 }, 2)?.message).toBe('1 entrant was counted but 2 people are recorded: correct the number of entrants or the people recorded, or give the reason');
  });

  it('accepts equal numbers, a reason for the difference, and an incident without S32', () => {
    expect(peopleFoundReconciliationProblem(s32, 3)).toBeNull();
    expect(peopleFoundReconciliationProblem({ ...s32, peopleFoundDifferenceReason: 'One ran away before he could be recorded' }, 2)).toBeNull();
    expect(peopleFoundReconciliationProblem({ ...s32, peopleFoundDifferenceReason: '   ' }, 2)).not.toBeNull();
    expect(peopleFoundReconciliationProblem({ offences: ['S31A'] }, 0)).toBeNull();
  });
});

describe('what a person record needs before sending', () => {
  it('asks for the minimum checks: biometrics and each database check', () => {
    const fields = personFoundProblems({ apparentChild: false, potentialVictimOfTrafficking: false }, '2026-12-01').map((p) => p.field);
    expect(fields).toEqual(['biometricsTaken', 'check_identity', 'check_security', 'check_immigrationHistory', 'check_policeNationalComputer']);
    expect(personFoundProblems(adult, '2026-12-01')).toEqual([]);
  });

  it('needs the reason a check was not done', () => {
    const notDone = { ...adult, databaseChecks: { ...adult.databaseChecks, policeNationalComputer: { outcome: 'not-done' as const } } };
    expect(personFoundProblems(notDone, '2026-12-01')).toEqual([{ field: 'check_policeNationalComputer_reason', message: 'Give the reason the police national computer check was not done' }]);
  });

  it('treats someone claiming to be under 18 on the incident date as a child, who needs an age assessment and a handover', () => {
    const claimsSixteen = { ...adult, claimedAge: undefined, claimedDateOfBirth: '2009-12-02' };
    expect(claimsOrAppearsChild(claimsSixteen, '2026-12-01')).toBe(true);
    expect(claimsOrAppearsChild({ ...claimsSixteen, claimedDateOfBirth: '2008-12-01' }, '2026-12-01')).toBe(false);
    expect(personFoundProblems(claimsSixteen, '2026-12-01').map((p) => p.field)).toEqual(['ageAssessment', 'handover']);
    expect(personFoundProblems({ ...claimsSixteen, ageAssessment: 'assessed-adult' }, '2026-12-01')).toEqual([]);
    const handedOver = { ...claimsSixteen, ageAssessment: 'referred-merton' as const, handover: { localAuthority: 'Kent County Council', date: '2026-12-01', time: '15:30', socialWorker: 'Sam Okafor' } };
    expect(personFoundProblems(handedOver, '2026-12-01')).toEqual([]);
    expect(personFoundProblems({ ...adult, apparentChild: true, ageAssessment: 'assessed-child' }, '2026-12-01').map((p) => p.field)).toEqual(['handover']);
  });

  it('asks whether a potential victim of trafficking was referred to the NRM, and why not', () => {
    const indicated = { ...adult, traffickingIndicators: ['debt-bondage' as const] };
    expect(personFoundProblems(indicated, '2026-12-01').map((p) => p.field)).toEqual(['nrmReferred']);
    expect(personFoundProblems({ ...indicated, nrmReferred: false }, '2026-12-01').map((p) => p.field)).toEqual(['nrmNotReferredReason']);
    expect(personFoundProblems({ ...indicated, nrmReferred: false, nrmNotReferredReason: 'The adult did not consent' }, '2026-12-01')).toEqual([]);
    expect(personFoundProblems({ ...adult, potentialVictimOfTrafficking: true, nrmReferralReference: 'NRM-1' }, '2026-12-01')).toEqual([]);
  });

  it('prefixes each person’s problems with their place on the incident', () => {
    const problems = peopleFoundSubmissionProblems(s32, [adult, adult, { apparentChild: true, potentialVictimOfTrafficking: false }], '2026-12-05');
    expect(problems.map((p) => p.field)).toEqual(['peopleFound.2.biometricsTaken', 'peopleFound.2.check_identity', 'peopleFound.2.check_security', 'peopleFound.2.check_immigrationHistory', 'peopleFound.2.check_policeNationalComputer', 'peopleFound.2.ageAssessment', 'peopleFound.2.handover']);
  });
});

describe('changing a person found', () => {
  const state: PersonFoundState = { incidentStatus: 'draft', createdById: 'officer-1', incidentDate: '2026-12-01', person: { ...adult, nrmOutcome: null } };
  const moment = { actor: { id: 'officer-1', name: 'Officer', roles: ['port-officer'] }, now: new Date('2026-12-20T12:00:00Z') };

  it('changes the whole record only while the incident is a draft', () => {
    expect(decideAmendPersonFound(state, { incidentId: 'i', personId: 'p', person: { ...adult, medicalNeed: false, nrmReferralReference: undefined } })).toMatchObject({ ok: true, events: [{ type: 'PersonFoundAmended' }] });
    expect(decideAmendPersonFound({ ...state, incidentStatus: 'submitted' }, { incidentId: 'i', personId: 'p', person: { ...adult, medicalNeed: false, nrmReferralReference: undefined } })).toMatchObject({ ok: false });
    expect(decideAmendPersonFound({ ...state, person: null }, { incidentId: 'i', personId: 'p', person: { ...adult, medicalNeed: false, nrmReferralReference: undefined } })).toMatchObject({ ok: false, message: 'There is no such person recorded on this incident' });
  });

  it('records an NRM decision after sending, for someone referred, reasonable grounds before conclusive', () => {
    const referred: PersonFoundState = { ...state, incidentStatus: 'submitted', person: { ...adult, potentialVictimOfTrafficking: true, nrmReferred: true, nrmReferralReference: 'NRM-1', nrmOutcome: null } };
    const conclusive = { stage: 'conclusive-grounds' as const, decision: 'positive' as const, date: '2026-12-15' };
    expect(decideRecordPersonFollowUp(referred, { incidentId: 'i', personId: 'p', nrmOutcome: conclusive }, moment)).toMatchObject({ ok: false, errors: [{ field: 'nrmStage' }] });
    expect(decideRecordPersonFollowUp(referred, { incidentId: 'i', personId: 'p', nrmOutcome: { stage: 'reasonable-grounds', decision: 'positive', date: '2026-12-05' } }, moment)).toMatchObject({ ok: true, events: [{ type: 'PersonFoundFollowUpRecorded' }] });
    const afterRg = { ...referred, person: { ...referred.person!, nrmOutcome: { 'reasonable-grounds': { decision: 'positive', date: '2026-12-05' } } } };
    expect(decideRecordPersonFollowUp(afterRg, { incidentId: 'i', personId: 'p', nrmOutcome: conclusive }, moment)).toMatchObject({ ok: true });
    expect(decideRecordPersonFollowUp(afterRg, { incidentId: 'i', personId: 'p', nrmOutcome: { ...conclusive, date: '2026-12-21' } }, moment)).toMatchObject({ ok: false, errors: [{ field: 'nrmDate' }] });
    expect(decideRecordPersonFollowUp(state, { incidentId: 'i', personId: 'p', nrmOutcome: conclusive }, moment)).toMatchObject({ ok: false, errors: [{ field: 'nrmStage' }] });
  });

  it('records a handover only for a child', () => {
    const handover = { localAuthority: 'Kent County Council', date: '2026-12-02', time: '09:00', socialWorker: 'Sam Okafor' };
    expect(decideRecordPersonFollowUp(state, { incidentId: 'i', personId: 'p', handover }, moment)).toMatchObject({ ok: false, errors: [{ field: 'handover' }] });
    expect(decideRecordPersonFollowUp({ ...state, person: { ...adult, apparentChild: true, nrmOutcome: null } }, { incidentId: 'i', personId: 'p', handover }, moment)).toMatchObject({ ok: true });
  });
});
