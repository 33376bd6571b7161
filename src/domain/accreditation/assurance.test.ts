import { describe, expect, it } from 'vitest';
import { checkReminderDue, checkStanding, decideRecordCheckReminder, decideRecordMemberCheck, nextCheckDue, orderByDue, type MemberCheckInput } from './assurance.js';

const actor = { id: 'user-1', name: 'Jo Assurer', roles: ['assurer-ho'] };
/** The settable clock of a test: noon UK time on the day. */
const on = (day: string) => ({ actor, now: new Date(`${day}T12:00:00Z`) });
const state = { memberOnDate: true, memberFrom: '2026-01-31', recheckEveryMonths: 12 };
const check = (overrides: Partial<MemberCheckInput> = {}): MemberCheckInput => ({
  checkId: 'c-1',
  partyId: 'p-1',
  kind: 'visit',
  date: '2026-12-04',
  findings: [{ area: 'securityDevices', result: 'met', notes: 'Seals numbered' }, { area: 'driverTraining', result: 'met' }],
  outcome: 'satisfactory',
  ...overrides,
});

describe('when a member is next checked', () => {
  it('is due the interval after joining when never checked, and after the last check once checked', () => {
    expect(nextCheckDue({ memberFrom: '2026-01-31', lastCheckOn: null }, 12)).toBe('2027-01-31');
    expect(nextCheckDue({ memberFrom: '2026-01-31', lastCheckOn: '2026-08-31' }, 6)).toBe('2027-02-28');
  });

  it('stands not yet due, due today, then overdue as the clock moves on', () => {
    expect(checkStanding('2027-01-31', '2027-01-21')).toEqual({ kind: 'notYetDue', daysLeft: 10 });
    expect(checkStanding('2027-01-31', '2027-01-31')).toEqual({ kind: 'dueToday' });
    expect(checkStanding('2027-01-31', '2027-02-03')).toEqual({ kind: 'overdue', daysOverdue: 3 });
  });

  it('lists the most overdue first, then by the date due', () => {
    const list = orderByDue([
      { name: 'B', nextCheckDue: '2027-03-01' },
      { name: 'A', nextCheckDue: '2026-11-01' },
      { name: 'C', nextCheckDue: '2026-12-01' },
    ]);
    expect(list.map((m) => m.name)).toEqual(['A', 'C', 'B']);
  });
});

describe('recording a check of a member', () => {
  it('records the findings in area order and the next check due by the policy interval', () => {
    const decision = decideRecordMemberCheck({ ...state, recheckEveryMonths: 6 }, check({ findings: [{ area: 'driverTraining', result: 'notMet', notes: 'No register' }, { area: 'securityDevices', result: 'met' }], outcome: 'improvementsRequired' }), on('2026-12-04'));
    expect(decision.ok).toBe(true);
    if (!decision.ok) return;
    const payload = decision.events[0]!.payload as { findings: { area: string }[]; nextCheckDue: string; outcome: string };
    expect(payload.findings.map((f) => f.area)).toEqual(['securityDevices', 'driverTraining']);
    expect(payload.nextCheckDue).toBe('2027-06-04');
    expect(payload.outcome).toBe('improvementsRequired');
  });

  it('refuses a check dated after today on the clock, before membership, or of a company not a member that day', () => {
    const refusal = (input: MemberCheckInput, s = state, day = '2026-12-04') => {
      const d = decideRecordMemberCheck(s, input, on(day));
      return d.ok ? null : d.errors?.map((e) => e.message);
    };
    expect(refusal(check({ date: '2026-12-05' }))).toEqual(['accreditation.assurance.date.future']);
    expect(refusal(check({ date: '2026-12-05' }), state, '2026-12-05')).toBeNull();
    expect(refusal(check({ date: '2026-01-30' }))).toEqual(['accreditation.assurance.date.beforeMembership']);
    expect(refusal(check(), { ...state, memberOnDate: false })).toEqual(['accreditation.assurance.notMember']);
  });

  it('refuses no findings, an area twice, a missing outcome, and "satisfactory" with an area not met', () => {
    const messages = (input: MemberCheckInput) => {
      const d = decideRecordMemberCheck(state, input, on('2026-12-04'));
      return d.ok ? [] : (d.errors ?? []).map((e) => e.message);
    };
    expect(messages(check({ findings: [] }))).toContain('accreditation.assurance.findings.missing');
    expect(messages(check({ findings: [{ area: 'checkRecord', result: 'met' }, { area: 'checkRecord', result: 'notMet' }] }))).toContain('accreditation.assurance.findings.area');
    expect(messages(check({ outcome: '' }))).toContain('accreditation.assurance.outcome.missing');
    expect(messages(check({ findings: [{ area: 'checkRecord', result: 'notMet' }] }))).toEqual(['accreditation.assurance.outcome.notSatisfactory']);
    expect(messages(check({ kind: 'phoneCall' }))).toEqual(['accreditation.assurance.kind.missing']);
  });
});

describe('reminding the assurance team of a check', () => {
  it('is due from the policy’s days before the due date, on the day and after it', () => {
    expect(checkReminderDue('2027-01-05', '2026-12-05', 30)).toBe(false);
    expect(checkReminderDue('2027-01-05', '2026-12-06', 30)).toBe(true);
    expect(checkReminderDue('2027-01-05', '2027-01-05', 0)).toBe(true);
    expect(checkReminderDue('2027-01-05', '2027-01-04', 0)).toBe(false);
    expect(checkReminderDue('2027-01-05', '2027-03-01', 30)).toBe(true);
  });

  it('is recorded once per check, only when due, to an address, saying whether it was overdue', () => {
    const input = { partyId: 'p-1', memberName: 'Warta Haulage', reference: 'CPAS-2026-00001', dueOn: '2027-01-05', to: 'team@example.gov.uk' };
    const sent = decideRecordCheckReminder({ sent: false, reminderDays: 30 }, input, on('2026-12-06'));
    expect(sent.ok && sent.events[0]!.payload).toMatchObject({ dueOn: '2027-01-05', overdue: false, sentOn: '2026-12-06' });
    const late = decideRecordCheckReminder({ sent: false, reminderDays: 30 }, input, on('2027-01-06'));
    expect(late.ok && late.events[0]!.payload).toMatchObject({ overdue: true });
    expect(decideRecordCheckReminder({ sent: true, reminderDays: 30 }, input, on('2026-12-06'))).toMatchObject({ ok: false, message: 'accreditation.assurance.reminder.alreadySent' });
    expect(decideRecordCheckReminder({ sent: false, reminderDays: 30 }, input, on('2026-12-05'))).toMatchObject({ ok: false, message: 'accreditation.assurance.reminder.notDue' });
    expect(decideRecordCheckReminder({ sent: false, reminderDays: 30 }, { ...input, to: 'nobody' }, on('2026-12-06'))).toMatchObject({ ok: false });
  });
});
