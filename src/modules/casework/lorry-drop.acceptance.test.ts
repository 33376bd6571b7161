import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { dateFields, errorSummary, identifyEveryone, openCase, step, type OpenedCase } from '../../../test/support/casework.js';
import { formatDate } from '../../platform/http/server.js';
import { addDays } from '../../domain/clock/calendar-date.js';
import { deadlines } from '../../domain/clock/deadlines.js';
import { policyInForce } from '../../domain/policy/policy-in-force.js';
import { ukDate } from '../../domain/reference/uk-date.js';

/*
 * Issue #11: an inland find (a lorry drop) starts the 180-day clock on the EARLIER of the estimated
 * arrival date and the detection date. From the border's incident API to the imposition guard.
 */

let t: TestApp;
let opened: OpenedCase;
let caseworker: WebClient;
let assurer: WebClient;

// Found today (the border records in real time); the vehicle is estimated to have arrived two days earlier.
const detectionDate = ukDate(new Date());
const estimatedArrivalDate = addDays(detectionDate, -2);
let lastDay: string;

const at = (date: string) => t.clock.set(new Date(`${date}T12:00:00Z`));

beforeAll(async () => {
  t = await createTestApp();
  const policy = policyInForce(await t.services.policy.versions(), detectionDate);
  if (!policy.ok) throw new Error(policy.reasons.join(' '));
  const clock = deadlines({ incidentDate: detectionDate, lorryDrop: { estimatedArrivalDate, detectionDate } }, policy.policyVersion);
  if (!clock.ok) throw new Error(clock.reasons.join(' '));
  lastDay = clock.result.deadlines.find((d) => d.name === 'lastDayToImpose')!.date;

  opened = await openCase(t, {
    kind: 'inland',
    port: undefined,
    location: 'M20 junction 8, Maidstone services',
    offences: ['S32'],
    clandestineEntrants: 2,
    requirements: undefined,
    estimatedArrivalDate,
    within72Hours: true,
    journey: { departurePort: 'Calais', arrivalPort: 'Dover', crossingDate: estimatedArrivalDate },
  });
  caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
  assurer = await WebClient.signedIn(t.app, 'assurer-ho');
});
afterEach(() => t?.clock.reset());
afterAll(async () => t?.close());

describe('a lorry drop’s clock starts on the estimated arrival date', () => {
  it('the clock gives the 180 days beginning with the arrival date: arrival + 179 days', () => {
    expect(lastDay).toBe(addDays(estimatedArrivalDate, 179));
  });

  it('the case (and so the work queues) stores that last day, and the API shows it with the lorry drop', async () => {
    expect((await t.services.cases.getCase(opened.reference))!.lastDayToImpose).toBe(lastDay);
    const response = await t.app.inject({ url: `/api/v1/cases/${opened.reference}`, headers: bearer('caseworker-eo') });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ incidentDate: detectionDate, lastDayToImpose: lastDay, lorryDrop: { estimatedArrivalDate, detectionDate } });
  });

  it('every liability’s state carries the lorry drop, for the guards', async () => {
    const file = (await t.services.cases.caseFile(opened.reference))!;
    for (const state of file.states.values()) expect(state.lorryDrop).toEqual({ estimatedArrivalDate, detectionDate });
  });

  it('the case page shows the last day to impose from the arrival date', async () => {
    const page = await caseworker.get(`/cases/${opened.reference}`);
    expect(page.statusCode).toBe(200);
    const deadlinesTable = /id="deadlines"[\s\S]*?<\/table>/.exec(page.body)![0];
    expect(deadlinesTable).toMatch(new RegExp(`Last day to impose the penalty[\\s\\S]*?${formatDate(lastDay)}`));
    expect(page.body).toContain(`arrived in the UK on ${formatDate(estimatedArrivalDate)}`);
  });

  it('the deadline queue lists the case as missed from the day after the last day', async () => {
    at(addDays(lastDay, 1));
    const page = await caseworker.get('/work/deadline?within=overdue');
    expect([...page.body.matchAll(/data-reference="([^"]+)"/g)].map((m) => m[1])).toContain(opened.reference);
  });

  it('refuses to impose the day after the last day, with the reason, and imposes on the last day', async () => {
    await identifyEveryone(caseworker, opened);
    for (const l of opened.liabilities) {
      expect((await step(caseworker, opened.reference, 'sendInitialNotice', l.id)).statusCode).toBe(303);
      expect((await step(caseworker, opened.reference, 'recordResponse', l.id, dateFields('receivedOn', ukDate(t.clock.now())))).statusCode).toBe(303);
      const drafted = await step(caseworker, opened.reference, 'draftRecommendation', l.id, { compliedWithRegulations: 'no' });
      expect(drafted.statusCode, errorSummary(drafted.body)).toBe(303);
      expect((await step(assurer, opened.reference, 'approveRecommendation', l.id)).statusCode).toBe(303);
    }
    const everyone = opened.liabilities.map((l) => l.id);

    at(addDays(lastDay, 1));
    const refused = await step(caseworker, opened.reference, 'imposePenalty', everyone);
    expect(refused.statusCode).toBe(422);
    // The page writes the date the GOV.UK way.
    expect(errorSummary(refused.body)).toContain(`The last day to impose was ${formatDate(lastDay)}`);

    at(lastDay);
    const imposed = await step(caseworker, opened.reference, 'imposePenalty', everyone);
    expect(imposed.statusCode, errorSummary(imposed.body)).toBe(303);
    const file = (await t.services.cases.caseFile(opened.reference))!;
    for (const state of file.states.values()) expect(state.penaltyNotice?.noticeDate).toBe(lastDay);
  });
});
