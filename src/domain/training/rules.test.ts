import { describe, expect, it } from 'vitest';
import type { OfficerTrainingRecord } from './events.js';
import {
  defaultPpstExpiry,
  S31A_NOT_TRAINED_MESSAGE,
  s31aReferralProblem,
  ticketState,
  trainingAlerts,
  trainingRecordProblems,
  waitingTooLongForIfcPart2,
  withS31aReferralProblem,
} from './rules.js';
import { trainingOverview } from './overview.js';
import { decideRecordOfficerTraining } from './decisions.js';

const record = (overrides: Partial<OfficerTrainingRecord> = {}): OfficerTrainingRecord => ({
  homePort: 'CQF',
  ifcPart1On: '2025-01-10',
  ifcPart2On: '2025-04-10',
  ppst: { level: 3, passedOn: '2026-03-01', expiresOn: '2027-03-01' },
  s31aTrainedOn: '2025-06-01',
  ...overrides,
});
const isPort = (code: string) => ['CQF', 'CAL', 'DVR'].includes(code);

describe('PPST expiry', () => {
  it('is 12 months after the date passed for levels 2 and 3, not 18 (seed 003 §6.48)', () => {
    expect(defaultPpstExpiry(3, '2026-01-15')).toBe('2027-01-15');
    expect(defaultPpstExpiry(2, '2026-01-15')).toBe('2027-01-15');
    expect(defaultPpstExpiry(3, '2024-02-29')).toBe('2025-02-28');
  });

  it('does not exist for level 1, which has no refresher', () => {
    expect(defaultPpstExpiry(1, '2026-01-15')).toBeNull();
  });

  it('refuses an expiry later than 12 months after the date passed, and a level 1 expiry', () => {
    const eighteenMonths = record({ ppst: { level: 3, passedOn: '2026-01-15', expiresOn: '2027-07-15' } });
    expect(trainingRecordProblems(eighteenMonths, '2026-12-01', isPort)).toEqual([
      { field: 'ppstExpiresOn', message: 'A ticket lasts 12 months: the expiry date must be on or before 2027-01-15' },
    ]);
    expect(trainingRecordProblems(record({ ppst: { level: 3, passedOn: '2026-01-15', expiresOn: '2027-01-15' } }), '2026-12-01', isPort)).toEqual([]);
    expect(trainingRecordProblems(record({ ppst: { level: 1, passedOn: '2026-01-15', expiresOn: '2027-01-15' } }), '2026-12-01', isPort).map((p) => p.field)).toEqual(['ppstExpiresOn']);
  });
});

describe('recording training', () => {
  it('refuses dates in the future, part 2 before part 1, part 2 without part 1 and an unknown port', () => {
    const today = '2026-12-05';
    expect(trainingRecordProblems(record({ ifcPart1On: '2026-12-06', ifcPart2On: null }), today, isPort)).toEqual([{ field: 'ifcPart1On', message: 'The date part 1 was completed must be today or in the past' }]);
    expect(trainingRecordProblems(record({ ifcPart1On: '2025-05-01', ifcPart2On: '2025-04-30' }), today, isPort).map((p) => p.field)).toEqual(['ifcPart2On']);
    expect(trainingRecordProblems(record({ ifcPart1On: null }), today, isPort).map((p) => p.field)).toEqual(['ifcPart1On']);
    expect(trainingRecordProblems(record({ homePort: 'XXX' }), today, isPort).map((p) => p.field)).toEqual(['homePort']);
    expect(trainingRecordProblems(record({ s31aTrainedOn: '2026-12-06' }), today, isPort).map((p) => p.field)).toEqual(['s31aTrainedOn']);
    expect(trainingRecordProblems(record({ ppst: { level: 2, passedOn: '2026-12-06', expiresOn: '2027-12-06' } }), today, isPort).map((p) => p.field)).toEqual(['ppstPassedOn']);
    expect(trainingRecordProblems(record(), today, isPort)).toEqual([]);
  });

  it('is only for port and police officers, and records the whole record as one event', () => {
    const moment = { actor: { id: 'm', name: 'Manager', roles: ['manager'] }, now: new Date('2026-12-05T12:00:00Z') };
    const input = { userId: 'u1', record: record() };
    expect(decideRecordOfficerTraining({ userId: 'u1', isOfficer: false, current: null }, input, moment)).toMatchObject({ ok: false });
    expect(decideRecordOfficerTraining({ userId: 'u1', isOfficer: true, current: null }, input, moment)).toEqual({
      ok: true,
      events: [{ type: 'OfficerTrainingRecorded', payload: { userId: 'u1', ...record() } }],
    });
  });
});

describe('tickets and alerts', () => {
  const ppst = { level: 3 as const, passedOn: '2026-01-04', expiresOn: '2027-01-04' };

  it('warns from 30 days before expiry, and is out of ticket from the day after', () => {
    expect(ticketState(ppst, '2026-12-04')).toBe('in-ticket'); // 31 days before
    expect(ticketState(ppst, '2026-12-05')).toBe('expiring'); // 30 days before
    expect(ticketState(ppst, '2027-01-04')).toBe('expiring'); // the last day
    expect(ticketState(ppst, '2027-01-05')).toBe('out-of-ticket');
    expect(ticketState(null, '2027-01-05')).toBe('no-ppst');
    expect(ticketState({ level: 1, passedOn: '2020-01-01', expiresOn: null }, '2027-01-05')).toBe('in-ticket');
  });

  it('alerts the officer to a ticket expiring or expired, and to IFC part 2 more than six months after part 1', () => {
    expect(trainingAlerts(record({ ppst }), '2026-12-05')).toEqual([{ kind: 'ppst-expiring', expiresOn: '2027-01-04', level: 3 }]);
    expect(trainingAlerts(record({ ppst }), '2027-01-05')).toEqual([{ kind: 'ppst-expired', expiresOn: '2027-01-04', level: 3 }]);
    expect(trainingAlerts(record({ ppst }), '2026-11-01')).toEqual([]);
    const waiting = record({ ifcPart1On: '2026-05-01', ifcPart2On: null, ppst: null });
    expect(waitingTooLongForIfcPart2(waiting, '2026-11-01')).toBe(false);
    expect(trainingAlerts(waiting, '2026-11-02')).toEqual([{ kind: 'ifc-part2-overdue', ifcPart1On: '2026-05-01', dueBy: '2026-11-01' }]);
    expect(trainingAlerts(record({ ifcPart1On: '2026-05-01', ifcPart2On: '2026-12-01' }), '2026-12-02')).toEqual([]);
    expect(trainingAlerts(null, '2026-12-02')).toEqual([]);
  });
});

describe('S31A referrals (recommendation 3b)', () => {
  const today = '2026-12-05';
  const untrained = { kind: 'person' as const, s31aTrainedOn: null };
  const problem = { field: 'offences', message: S31A_NOT_TRAINED_MESSAGE };

  it('refuses an S31A referral from a person not trained to make one while the switch is on', () => {
    expect(s31aReferralProblem({ offences: ['S31A', 'S32'], requiresTraining: true, referrer: untrained, today })).toEqual(problem);
    expect(s31aReferralProblem({ offences: ['S31A'], requiresTraining: true, referrer: untrained, today }, 'offence')).toEqual({ ...problem, field: 'offence' });
  });

  it('lets through the trained, S32 alone, the switch off, and referrers who are not people', () => {
    expect(s31aReferralProblem({ offences: ['S31A'], requiresTraining: true, referrer: { kind: 'person', s31aTrainedOn: '2026-01-01' }, today })).toBeNull();
    expect(s31aReferralProblem({ offences: ['S32'], requiresTraining: true, referrer: untrained, today })).toBeNull();
    expect(s31aReferralProblem({ offences: ['S31A'], requiresTraining: false, referrer: untrained, today })).toBeNull();
    expect(s31aReferralProblem({ offences: ['S31A'], requiresTraining: true, referrer: { kind: 'not-a-person' }, today })).toBeNull();
  });

  it('counts training only from the day it was done', () => {
    expect(s31aReferralProblem({ offences: ['S31A'], requiresTraining: true, referrer: { kind: 'person', s31aTrainedOn: '2026-12-06' }, today })).toEqual(problem);
    expect(s31aReferralProblem({ offences: ['S31A'], requiresTraining: true, referrer: { kind: 'person', s31aTrainedOn: today }, today })).toBeNull();
  });

  it('adds the problem to the referral’s own decision: beside its other problems, or alone instead of recording', () => {
    const recorded = { ok: true as const, events: [] };
    expect(withS31aReferralProblem(recorded, null)).toBe(recorded);
    expect(withS31aReferralProblem(recorded, problem)).toEqual({ ok: false, message: S31A_NOT_TRAINED_MESSAGE, errors: [problem] });
    const refused = { ok: false as const, message: 'missing', errors: [{ field: 'port', message: 'Choose the port' }] };
    expect(withS31aReferralProblem(refused, problem)).toEqual({ ok: false, message: 'missing', errors: [problem, refused.errors[0]] });
    const alreadySent = { ok: false as const, message: 'This incident was already sent' };
    expect(withS31aReferralProblem(alreadySent, problem)).toBe(alreadySent);
  });
});

describe('the manager’s view', () => {
  it('counts per home port who is out of ticket, expiring or waiting for IFC part 2, and lists them most urgent first', () => {
    const today = '2026-12-05';
    const groups = trainingOverview(
      [
        { userId: 'a', name: 'Ann', record: record({ homePort: 'CAL', ppst: { level: 3, passedOn: '2025-11-01', expiresOn: '2026-11-01' } }) },
        { userId: 'b', name: 'Ben', record: record({ homePort: 'CAL', ppst: { level: 2, passedOn: '2026-01-01', expiresOn: '2026-12-20' } }) },
        { userId: 'c', name: 'Cat', record: record({ homePort: 'CAL' }) },
        { userId: 'd', name: 'Dan', record: record({ homePort: 'CQF', ifcPart1On: '2026-01-01', ifcPart2On: null }) },
        { userId: 'e', name: 'Eve', record: null },
      ],
      today,
    );
    expect(groups.map((g) => [g.port, g.officers, g.outOfTicket, g.expiring, g.waitingForIfcPart2, g.needingAttention.map((o) => o.name)])).toEqual([
      ['CAL', 3, 1, 1, 0, ['Ann', 'Ben']],
      ['CQF', 1, 0, 0, 1, ['Dan']],
      [null, 1, 0, 0, 0, []],
    ]);
  });
});
