import { describe, expect, it } from 'vitest';
import { liabilityAt, OFFICERS, openDriverLiability } from '../liability/liability-factories.js';
import { actor, caseFile, driver, DRIVER_ID, NOW, recorded } from './case-factories.js';
import { decideAssureMeansAssessment, decideRecordMeansAssessment, type MeansAssessmentEntered } from './means.js';

const ASSESSMENT = '0f3a2b1c-0000-4000-8000-0000000000f1';
const payslips = [
  { month: '2025-02', grossPence: 260_000 },
  { month: '2025-03', grossPence: 260_000 },
  { month: '2025-04', grossPence: 260_000 },
];
const individual = (assessedAmountPence: number, reason: string | null = null): MeansAssessmentEntered => ({ kind: 'individual', payslips, decision: { assessedAmountPence, reason } });
const open = () => caseFile([{ row: driver(), state: openDriverLiability() }]);

describe('decideRecordMeansAssessment', () => {
  it('records the decision with the suggestion worked out again from the payslips (two weeks of gross income)', () => {
    const decision = decideRecordMeansAssessment(open(), { liabilityId: DRIVER_ID, assessmentId: ASSESSMENT, assessment: individual(120_000) });
    expect(decision).toMatchObject({
      ok: true,
      events: [{ type: 'MeansAssessmentRecorded', payload: { kind: 'individual', suggestion: { amountPence: 120_000 }, decision: { assessedAmountPence: 120_000, reason: null }, rate: null } }],
    });
  });

  it('asks for a reason when the decision differs from the suggestion, and refuses a finished liability or bad figures', () => {
    expect(decideRecordMeansAssessment(open(), { liabilityId: DRIVER_ID, assessmentId: ASSESSMENT, assessment: individual(50_000) })).toMatchObject({ ok: false, errors: [{ field: 'reason' }] });
    expect(decideRecordMeansAssessment(open(), { liabilityId: DRIVER_ID, assessmentId: ASSESSMENT, assessment: individual(50_000, 'Supports three children') })).toMatchObject({ ok: true });
    const closed = caseFile([{ row: driver(), state: liabilityAt('closed').state }]);
    expect(decideRecordMeansAssessment(closed, { liabilityId: DRIVER_ID, assessmentId: ASSESSMENT, assessment: individual(120_000) })).toEqual({
      ok: false,
      message: 'This liability is finished: there is nothing left to means test',
    });
    const short = { kind: 'individual' as const, payslips: payslips.slice(1), decision: { assessedAmountPence: 0, reason: null } };
    expect(decideRecordMeansAssessment(open(), { liabilityId: DRIVER_ID, assessmentId: ASSESSMENT, assessment: short })).toMatchObject({ ok: false, errors: [{ field: 'payslip1' }] });
  });
});

describe('decideAssureMeansAssessment', () => {
  const recordedBy = OFFICERS.ao;
  const withAssessment = () => {
    const made = decideRecordMeansAssessment(open(), { liabilityId: DRIVER_ID, assessmentId: ASSESSMENT, assessment: individual(120_000) });
    if (!made.ok) throw new Error(made.message);
    return caseFile([{ row: driver(), state: openDriverLiability() }], { events: made.events.map((event) => recorded(event.type, event.payload, recordedBy)) });
  };
  const ho = { actor: actor(OFFICERS.ho), now: NOW };

  it('lets another officer assure it, or return it with a reason', () => {
    expect(decideAssureMeansAssessment(withAssessment(), { liabilityId: DRIVER_ID, assessmentId: ASSESSMENT, outcome: 'assure' }, ho)).toEqual({
      ok: true,
      events: [{ type: 'MeansAssessmentAssured', payload: { liabilityId: DRIVER_ID, assessmentId: ASSESSMENT } }],
    });
    expect(decideAssureMeansAssessment(withAssessment(), { liabilityId: DRIVER_ID, assessmentId: ASSESSMENT, outcome: 'return', reason: 'Payslips unreadable' }, ho)).toEqual({
      ok: true,
      events: [{ type: 'MeansAssessmentReturned', payload: { liabilityId: DRIVER_ID, assessmentId: ASSESSMENT, reason: 'Payslips unreadable' } }],
    });
  });

  it('refuses the officer who recorded it, a return without a reason, one already assured and one not on the case', () => {
    const file = withAssessment();
    expect(decideAssureMeansAssessment(file, { liabilityId: DRIVER_ID, assessmentId: ASSESSMENT, outcome: 'assure' }, { actor: actor(recordedBy), now: NOW })).toEqual({
      ok: false,
      message: 'You recorded this means assessment, so another officer must assure it',
    });
    expect(decideAssureMeansAssessment(file, { liabilityId: DRIVER_ID, assessmentId: ASSESSMENT, outcome: 'return' }, ho)).toMatchObject({ ok: false, errors: [{ field: 'reason' }] });
    const assured = { ...file, events: [...file.events, recorded('MeansAssessmentAssured', { liabilityId: DRIVER_ID, assessmentId: ASSESSMENT }, OFFICERS.so)] };
    expect(decideAssureMeansAssessment(assured, { liabilityId: DRIVER_ID, assessmentId: ASSESSMENT, outcome: 'assure' }, ho)).toEqual({ ok: false, message: 'That means assessment was already assured' });
    expect(decideAssureMeansAssessment(file, { liabilityId: DRIVER_ID, assessmentId: DRIVER_ID, outcome: 'assure' }, ho)).toEqual({ ok: false, message: 'That means assessment is not on this case' });
  });
});
