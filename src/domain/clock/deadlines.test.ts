import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEFAULT_POLICY_VERSIONS, POLICY_2023_1 } from '../policy/default-policy.js';
import type { PolicyVersion } from '../policy/policy-parameters.js';
import { addDays } from './calendar-date.js';
import type { Deadline } from './deadline.js';
import {
  checkImposition,
  checkInitialNoticeSending,
  deadlines,
  deadlinesInputSchema,
  objectionWarnings,
  type DeadlineName,
  type DeadlinesInput,
} from './deadlines.js';
import { evaluateDeadlinesRequest } from './deadlines-request.js';

const policy: PolicyVersion = { version: '2023.1', effectiveFrom: '2018-01-01', parameters: POLICY_2023_1 };

function deadlinesFor(input: DeadlinesInput, version: PolicyVersion = policy): Deadline<DeadlineName>[] {
  const outcome = deadlines(input, version);
  if (!outcome.ok) throw new Error(outcome.reasons.join(' | '));
  return outcome.result.deadlines;
}

function dateOf(input: DeadlinesInput, name: DeadlineName): string | undefined {
  return deadlinesFor(input).find((entry) => entry.name === name)?.date;
}

function refusal(input: DeadlinesInput): string {
  const outcome = deadlines(input, policy);
  if (outcome.ok) throw new Error('expected a refusal');
  return outcome.reasons.join(' ');
}

describe('deadline examples of DOMAIN.md §8', () => {
  it('incident 13 Feb 2023: last day to impose 11 Aug 2023', () => {
    expect(dateOf({ incidentDate: '2023-02-13' }, 'lastDayToImpose')).toBe('2023-08-11');
  });

  it('incident 29 Feb 2024: last day 26 Aug 2024, a bank holiday — flagged, not moved', () => {
    const last = deadlinesFor({ incidentDate: '2024-02-29' }).find((entry) => entry.name === 'lastDayToImpose');
    expect(last).toMatchObject({ date: '2024-08-26', nonWorkingDay: true });
    expect(last?.rule).toContain('Summer bank holiday');
    expect(last?.rule).toContain('does not move');
  });

  it('incident 1 Sep 2024: last initial notice 29 Jan 2025, earliest imposition 13 Oct 2024, last day 27 Feb 2025', () => {
    const input = { incidentDate: '2024-09-01' };
    expect(dateOf(input, 'lastDayToSendInitialNotice')).toBe('2025-01-29');
    expect(dateOf(input, 'earliestImposition')).toBe('2024-10-13');
    expect(dateOf(input, 'lastDayToImpose')).toBe('2025-02-27');
  });

  it('initial notice sent 6 Feb 2024: response due 5 Mar 2024', () => {
    expect(dateOf({ incidentDate: '2024-01-20', initialNoticeSentOn: '2024-02-06' }, 'initialNoticeResponseDue')).toBe('2024-03-05');
  });

  it('objection received 1 Mar 2024: determination due 10 May 2024', () => {
    expect(dateOf({ incidentDate: '2023-11-01', objectionReceivedOn: '2024-03-01' }, 'objectionDeterminationDue')).toBe('2024-05-10');
  });
});

describe('every deadline from its facts', () => {
  const allFacts: DeadlinesInput = {
    incidentDate: '2024-01-10',
    initialNoticeSentOn: '2024-01-20',
    penaltyNoticeDate: '2024-03-01',
    objectionReceivedOn: '2024-03-20',
    objectionDecidedOn: '2024-05-01',
    detentionStartedOn: '2024-06-03',
  };

  it('gives each named deadline once, in the documented order, each with a rule', () => {
    const result = deadlinesFor(allFacts);
    expect(result.map((entry) => entry.name)).toEqual([
      'lastDayToImpose',
      'earliestImposition',
      'lastDayToSendInitialNotice',
      'initialNoticeResponseDue',
      'objectionDue',
      'objectionDeterminationDue',
      'appealDue',
      'paymentDue',
      'detentionSaleFrom',
      'warningFourteenDays',
      'warningSevenDays',
    ]);
    for (const entry of result) expect(entry.rule.length).toBeGreaterThan(10);
  });

  it('derives each date by its counting rule', () => {
    const byName = Object.fromEntries(deadlinesFor(allFacts).map((entry) => [entry.name, entry.date]));
    expect(byName).toEqual({
      lastDayToImpose: '2024-07-07',
      earliestImposition: '2024-02-21',
      lastDayToSendInitialNotice: '2024-06-08',
      initialNoticeResponseDue: '2024-02-17',
      objectionDue: '2024-03-29',
      objectionDeterminationDue: '2024-05-29',
      appealDue: '2024-05-29',
      paymentDue: '2024-04-30',
      detentionSaleFrom: '2024-08-26',
      warningFourteenDays: '2024-06-23',
      warningSevenDays: '2024-06-30',
    });
  });

  it('gives only the deadlines whose facts are recorded', () => {
    expect(deadlinesFor({ incidentDate: '2024-01-10' }).map((entry) => entry.name)).toEqual([
      'lastDayToImpose',
      'earliestImposition',
      'lastDayToSendInitialNotice',
      'warningFourteenDays',
      'warningSevenDays',
    ]);
  });

  it('gives old-regime incidents no last day to impose, no last day for the initial notice and no warnings', () => {
    const names = deadlinesFor({ incidentDate: '2023-02-12', penaltyNoticeDate: '2023-06-01' }).map((entry) => entry.name);
    expect(names).toEqual(['earliestImposition', 'objectionDue', 'appealDue', 'paymentDue']);
    expect(dateOf({ incidentDate: '2023-02-13' }, 'lastDayToImpose')).toBe('2023-08-11');
  });

  it('runs the appeal window from the objection decision, and gives none while an objection is undecided', () => {
    expect(dateOf({ incidentDate: '2024-01-10', penaltyNoticeDate: '2024-03-01' }, 'appealDue')).toBe('2024-03-29');
    expect(dateOf({ incidentDate: '2024-01-10', penaltyNoticeDate: '2024-03-01', objectionReceivedOn: '2024-03-20' }, 'appealDue')).toBeUndefined();
    expect(dateOf({ ...allFacts }, 'appealDue')).toBe('2024-05-29');
  });

  it('gives Scotland 21 days after receipt for an appeal', () => {
    const appeal = deadlinesFor({ incidentDate: '2024-01-10', penaltyNoticeDate: '2024-03-01', jurisdiction: 'scotland' }).find(
      (entry) => entry.name === 'appealDue',
    );
    expect(appeal?.date).toBe('2024-03-22');
    expect(appeal?.rule).toContain('Scotland');
  });

  it('flags non-working days by the chosen jurisdiction’s calendar', () => {
    const flag = (jurisdiction: DeadlinesInput['jurisdiction']) =>
      deadlinesFor({ incidentDate: '2024-02-29', jurisdiction }).find((entry) => entry.name === 'lastDayToImpose')?.nonWorkingDay;
    expect(flag(undefined)).toBe(true);
    expect(flag('england-wales')).toBe(true);
    expect(flag('northern-ireland')).toBe(true);
    expect(flag('scotland')).toBe(false);
  });

  it('flags a weekend and names the day', () => {
    const sunday = deadlinesFor({ incidentDate: '2024-09-01' }).find((entry) => entry.name === 'earliestImposition');
    expect(sunday).toMatchObject({ date: '2024-10-13', nonWorkingDay: true });
    expect(sunday?.rule).toContain('a Sunday');
  });

  it('uses the policy version’s numbers', () => {
    const faster: PolicyVersion = {
      version: '2030.1',
      effectiveFrom: '2018-01-01',
      parameters: { ...POLICY_2023_1, clock: { ...POLICY_2023_1.clock, paymentDueDays: 30, earliestImpositionDays: 35 } },
    };
    const byName = Object.fromEntries(deadlinesFor({ incidentDate: '2024-01-10', penaltyNoticeDate: '2024-03-01' }, faster).map((entry) => [entry.name, entry]));
    expect(byName['paymentDue']?.date).toBe('2024-03-31');
    expect(byName['earliestImposition']?.date).toBe('2024-02-14');
    expect(byName['paymentDue']?.rule).toContain('policy 2030.1');
  });
});

describe('boundaries', () => {
  it('counts 180 days beginning with a leap day', () => {
    expect(dateOf({ incidentDate: '2024-02-29' }, 'lastDayToImpose')).toBe('2024-08-26');
    expect(dateOf({ incidentDate: '2028-02-29' }, 'lastDayToImpose')).toBe('2028-08-26');
  });

  it('counts across a year end', () => {
    expect(dateOf({ incidentDate: '2024-12-31' }, 'lastDayToImpose')).toBe('2025-06-28');
    expect(dateOf({ incidentDate: '2024-08-01' }, 'lastDayToImpose')).toBe('2025-01-27');
    expect(dateOf({ incidentDate: '2024-08-01' }, 'lastDayToSendInitialNotice')).toBe('2024-12-29');
  });

  it('starts a lorry drop’s clock on the earlier of arrival and detection', () => {
    expect(dateOf({ incidentDate: '2024-03-03', lorryDrop: { estimatedArrivalDate: '2024-03-01', detectionDate: '2024-03-03' } }, 'lastDayToImpose')).toBe(
      '2024-08-27',
    );
    expect(dateOf({ incidentDate: '2024-03-03', lorryDrop: { estimatedArrivalDate: '2024-03-03', detectionDate: '2024-03-03' } }, 'lastDayToImpose')).toBe(
      '2024-08-29',
    );
  });

  it('sells a detained vehicle from the day after the 84 days beginning with detention', () => {
    const sale = deadlinesFor({ incidentDate: '2024-01-10', detentionStartedOn: '2024-03-01' }).find((entry) => entry.name === 'detentionSaleFrom');
    expect(sale?.date).toBe('2024-05-24');
    expect(sale?.rule).toContain('end on 2024-05-23');
  });
});

describe('day 151 and day 152', () => {
  const incident = '2024-09-01';

  it('allows the initial notice on day 151 and refuses it on day 152, proposing write-off', () => {
    expect(checkInitialNoticeSending({ incidentDate: incident }, addDays(incident, 150), policy)).toEqual({ ok: true });
    const late = checkInitialNoticeSending({ incidentDate: incident }, addDays(incident, 151), policy);
    expect(late).toMatchObject({ ok: false, proposeWriteOff: true });
  });

  it('leaves a notice sent on day 151 a response window that closes before the last day to impose', () => {
    const facts = { incidentDate: incident, initialNoticeSentOn: addDays(incident, 150) };
    expect(checkImposition(facts, addDays(incident, 178), policy)).toMatchObject({ ok: false, proposeWriteOff: false });
    expect(checkImposition(facts, addDays(incident, 179), policy)).toEqual({ ok: true });
    expect(checkImposition(facts, addDays(incident, 180), policy)).toMatchObject({ ok: false, proposeWriteOff: true });
  });

  it('never limits the initial notice for an old-regime incident', () => {
    expect(checkInitialNoticeSending({ incidentDate: '2022-06-01' }, '2024-01-01', policy)).toEqual({ ok: true });
  });
});

describe('imposition guard', () => {
  it('refuses before the response window has closed', () => {
    const outcome = checkImposition({ incidentDate: '2024-01-10', initialNoticeSentOn: '2024-02-01' }, '2024-02-29', policy);
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.reasons.join(' ')).toContain('open until 2024-02-29');
    expect(checkImposition({ incidentDate: '2024-01-10', initialNoticeSentOn: '2024-02-01' }, '2024-03-01', policy)).toEqual({ ok: true });
  });

  it('refuses when no initial notice was sent', () => {
    const outcome = checkImposition({ incidentDate: '2024-01-10' }, '2024-03-01', policy);
    expect(!outcome.ok && outcome.reasons.join(' ')).toContain('No initial notice');
  });

  it('refuses before the earliest imposition date', () => {
    const outcome = checkImposition({ incidentDate: '2024-01-10', initialNoticeSentOn: '2024-01-10' }, '2024-02-20', policy);
    expect(!outcome.ok && outcome.reasons.join(' ')).toContain('from 2024-02-21');
  });
});

describe('refusals', () => {
  it('refuses dates that do not exist', () => {
    expect(refusal({ incidentDate: '2023-02-30' })).toContain('not a real date');
  });

  it('refuses facts dated before the incident', () => {
    expect(refusal({ incidentDate: '2024-03-01', penaltyNoticeDate: '2024-02-01' })).toContain('before the incident');
    expect(refusal({ incidentDate: '2024-03-01', initialNoticeSentOn: '2024-02-28' })).toContain('before the incident');
  });

  it('refuses an objection received before its notice, or decided before it was received', () => {
    expect(refusal({ incidentDate: '2024-01-01', penaltyNoticeDate: '2024-03-01', objectionReceivedOn: '2024-02-20' })).toContain('before the penalty notice date');
    expect(refusal({ incidentDate: '2024-01-01', objectionReceivedOn: '2024-03-10', objectionDecidedOn: '2024-03-09' })).toContain('before the objection was received');
  });

  it('refuses a lorry drop that arrived after it was found, or more than 72 hours before', () => {
    expect(refusal({ incidentDate: '2024-03-03', lorryDrop: { estimatedArrivalDate: '2024-03-04', detectionDate: '2024-03-03' } })).toContain('after its detection');
    expect(refusal({ incidentDate: '2024-03-05', lorryDrop: { estimatedArrivalDate: '2024-03-01', detectionDate: '2024-03-05' } })).toContain('more than 72 hours');
    expect(dateOf({ incidentDate: '2024-03-04', lorryDrop: { estimatedArrivalDate: '2024-03-01', detectionDate: '2024-03-04' } }, 'lastDayToImpose')).toBe('2024-08-27');
  });
});

describe('objection warnings', () => {
  it('flag 14 and 7 days before the determination is due', () => {
    expect(objectionWarnings('2024-03-01', policy).map((entry) => [entry.name, entry.date])).toEqual([
      ['objectionWarningFourteenDays', '2024-04-26'],
      ['objectionWarningSevenDays', '2024-05-03'],
    ]);
  });
});

describe('deadlines input schema and request', () => {
  it('gives a message per field and refuses unknown fields', () => {
    const parsed = deadlinesInputSchema.safeParse({ incidentDate: '2024-02-30', jurisdiction: 'wales', penaltyNotice: '2024-03-01' });
    const messages = parsed.error?.issues.map((issue) => issue.message) ?? [];
    expect(messages).toContain('incidentDate is not a real date');
    expect(messages.some((message) => message.startsWith('jurisdiction must be one of'))).toBe(true);
    expect(parsed.error?.issues.some((issue) => issue.code === 'unrecognized_keys')).toBe(true);
  });

  it('converts to JSON Schema for the OpenAPI document', () => {
    const schema = z.toJSONSchema(deadlinesInputSchema) as { required: string[]; properties: Record<string, unknown> };
    expect(schema.required).toEqual(['incidentDate']);
    expect(Object.keys(schema.properties)).toContain('lorryDrop');
  });

  it('answers a request with the policy version in force on the incident date', () => {
    expect(evaluateDeadlinesRequest({ incidentDate: '2023-02-13' }, DEFAULT_POLICY_VERSIONS)).toMatchObject({
      ok: true,
      result: { deadlines: expect.arrayContaining([expect.objectContaining({ name: 'lastDayToImpose', date: '2023-08-11', nonWorkingDay: false })]) },
    });
    expect(evaluateDeadlinesRequest({ incidentDate: 'soon' }, DEFAULT_POLICY_VERSIONS)).toMatchObject({ ok: false, kind: 'invalid-input' });
    expect(evaluateDeadlinesRequest({ incidentDate: '2017-01-01' }, DEFAULT_POLICY_VERSIONS)).toMatchObject({ ok: false, kind: 'cannot-calculate' });
  });
});
