import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  authoriseAnswerInformationRequest,
  daysAfterDue,
  decideAnswerInformationRequest,
  decideRequestInformation,
  decideWithdrawInformationRequest,
  defaultDueDate,
  requestStanding,
} from './decisions.js';

const noon = (date: string) => ({ actor: { id: 'u-1', name: 'Caseworker', roles: ['caseworker-eo'] }, now: new Date(`${date}T12:00:00Z`) });
const request = { requestId: 'r-1', caseId: 'c-1', caseReference: 'CEC-2026-000001', addressedTo: { kind: 'officer' as const, officerId: 'o-1', officerName: 'Officer One' } };

describe('requests for information', () => {
  it('suggest 10 working days, skipping weekends and bank holidays', () => {
    // From Friday 18 December 2026: Christmas Day, Boxing Day (substitute Monday 28th) and New Year’s Day are not working days.
    expect(addWorkingDays('2026-12-18', 1)).toBe('2026-12-21');
    expect(defaultDueDate('2026-12-18')).toBe('2027-01-06');
    expect(defaultDueDate('2026-06-01')).toBe('2026-06-15');
  });

  it('are refused with a due date in the past, and “something else” with no description', () => {
    const past = decideRequestInformation(null, { ...request, items: ['photographs'], dueDate: '2026-06-01' }, noon('2026-06-02'));
    expect(past).toMatchObject({ ok: false, errors: [{ field: 'dueDate' }] });
    const other = decideRequestInformation(null, { ...request, items: ['other'], otherDescription: '  ', dueDate: '2026-06-02' }, noon('2026-06-02'));
    expect(other).toMatchObject({ ok: false, errors: [{ field: 'otherDescription' }] });
    const today = decideRequestInformation(null, { ...request, items: ['photographs', 'photographs', 'other'], otherDescription: 'The CMR', dueDate: '2026-06-02' }, noon('2026-06-02'));
    expect(today).toMatchObject({ ok: true, events: [{ type: 'InformationRequested', payload: { items: ['photographs', 'other'], otherDescription: 'The CMR', dueDate: '2026-06-02' } }] });
  });

  it('are answered only by the officer asked, or by any officer for a port’s request', () => {
    const state = { status: 'open' as const, dueDate: '2026-06-10', addressedTo: request.addressedTo };
    expect(authoriseAnswerInformationRequest({ id: 'o-2', name: 'Officer Two', roles: ['port-officer'] }, state)).toBe('This request is for Officer One: only they can answer it');
    expect(authoriseAnswerInformationRequest({ id: 'o-1', name: 'Officer One', roles: ['port-officer'] }, state)).toBeNull();
    expect(authoriseAnswerInformationRequest({ id: 'o-2', name: 'Officer Two', roles: ['police-officer'] }, { ...state, addressedTo: { kind: 'port', portCode: 'DVR' } })).toBeNull();
  });

  it('count an answer’s lateness in UK days after the due date, and refuse an empty answer or one to a withdrawn request', () => {
    const state = { status: 'open' as const, dueDate: '2026-06-10', addressedTo: request.addressedTo };
    const late = decideAnswerInformationRequest(state, { answerId: 'a-1', text: 'Here', files: [] }, noon('2026-06-13'));
    expect(late).toMatchObject({ ok: true, events: [{ payload: { answeredOn: '2026-06-13', daysLate: 3 } }] });
    // 23:30 UTC on 10 June is already 11 June in the UK (summer time): one day late.
    const afterMidnight = decideAnswerInformationRequest(state, { answerId: 'a-1', text: 'Here', files: [] }, { ...noon('2026-06-10'), now: new Date('2026-06-10T23:30:00Z') });
    expect(afterMidnight).toMatchObject({ ok: true, events: [{ payload: { answeredOn: '2026-06-11', daysLate: 1 } }] });
    expect(decideAnswerInformationRequest(state, { answerId: 'a-1', text: 'On time', files: [] }, noon('2026-06-10'))).toMatchObject({ ok: true, events: [{ payload: { daysLate: 0 } }] });
    expect(decideAnswerInformationRequest(state, { answerId: 'a-1', text: '   ', files: [] }, noon('2026-06-10'))).toMatchObject({ ok: false, errors: [{ field: 'text' }] });
    expect(decideAnswerInformationRequest({ ...state, status: 'withdrawn' }, { answerId: 'a-1', text: 'x', files: [] }, noon('2026-06-10'))).toMatchObject({ ok: false });
  });

  it('are withdrawn only while open', () => {
    expect(decideWithdrawInformationRequest({ status: 'open' }, { reason: ' Found it ' })).toMatchObject({ ok: true, events: [{ type: 'InformationRequestWithdrawn', payload: { reason: 'Found it' } }] });
    expect(decideWithdrawInformationRequest({ status: 'answered' }, {})).toMatchObject({ ok: false });
    expect(decideWithdrawInformationRequest({ status: 'withdrawn' }, {})).toMatchObject({ ok: false });
  });

  it('stand open, overdue, answered (on time or late) or withdrawn on a day', () => {
    const open = { status: 'open' as const, dueDate: '2026-06-10', firstAnswerDaysLate: null };
    expect(requestStanding(open, '2026-06-08')).toEqual({ kind: 'open', daysLeft: 2 });
    expect(requestStanding(open, '2026-06-10')).toEqual({ kind: 'open', daysLeft: 0 });
    expect(requestStanding(open, '2026-06-12')).toEqual({ kind: 'overdue', days: 2 });
    expect(requestStanding({ ...open, status: 'answered', firstAnswerDaysLate: 3 }, '2026-07-01')).toEqual({ kind: 'answered', daysLate: 3 });
    expect(requestStanding({ ...open, status: 'withdrawn' }, '2026-07-01')).toEqual({ kind: 'withdrawn' });
    expect(daysAfterDue('2026-06-10', '2026-06-01')).toBe(0);
  });
});
