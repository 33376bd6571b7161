import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { identifyEveryone, openCase, step, type OpenedCase } from '../../../test/support/casework.js';
import { CONFIRMATION_COOKIE } from './server.js';

let t: TestApp;
let opened: OpenedCase;
let caseworker: WebClient;

/** The text of the success banner the page opens with, or null when it has none. */
function banner(body: string): string | null {
  const match = /<div class="govuk-notification-banner govuk-notification-banner--success"[\s\S]*?<p class="govuk-notification-banner__heading">([\s\S]*?)<\/p>/.exec(body);
  return match ? match[1]!.replace(/\s+/g, ' ').trim() : null;
}

beforeAll(async () => {
  t = await createTestApp();
  opened = await openCase(t);
  caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
  await identifyEveryone(caseworker, opened);
});
afterAll(async () => t?.close());

describe('a confirmation banner after an action', () => {
  it('shows what a casework step did, naming the person, on the page the step leads to, once', async () => {
    const driver = opened.liabilities.find((l) => l.role === 'driver')!;
    const sent = await step(caseworker, opened.reference, 'sendInitialNotice', driver.id);
    expect(sent.statusCode).toBe(303);
    expect(sent.cookies.some((c) => c.name === CONFIRMATION_COOKIE)).toBe(true);
    const page = await caseworker.get(sent.headers.location as string);
    expect(banner(page.body)).toBe(`Initial notice sent to ${driver.partyName}: the 28-day response window has started`);
    // Shown once: the next page is plain again.
    expect(banner((await caseworker.get(`/cases/${opened.reference}`)).body)).toBeNull();
  });

  it('keeps the confirmation away from a refusal: nothing done, no banner', async () => {
    const before = (await t.services.cases.caseFile(opened.reference))!.kase.version;
    const page = await caseworker.get(`/cases/${opened.reference}/notes/new`);
    const refused = await caseworker.post(`/cases/${opened.reference}/notes`, { version: /name="version" value="(\d+)"/.exec(page.body)![1]!, text: ' ' });
    expect(refused.statusCode).toBe(422);
    expect(banner(refused.body)).toBeNull();
    expect(refused.cookies.some((c) => c.name === CONFIRMATION_COOKIE && c.value)).toBe(false);
    expect((await t.services.cases.caseFile(opened.reference))!.kase.version).toBe(before);
  });

  it('refuses a confirmation the service did not sign (no banner from a forged cookie)', async () => {
    const forged = await t.app.inject({ method: 'GET', url: `/cases/${opened.reference}`, headers: { cookie: `${caseworker.cookieHeader()}; ${CONFIRMATION_COOKIE}=${encodeURIComponent('Penalty cancelled')}` } });
    expect(forged.statusCode).toBe(200);
    expect(banner(forged.body)).toBeNull();
  });

  it('confirms a note added to the case', async () => {
    const page = await caseworker.get(`/cases/${opened.reference}/notes/new`);
    const added = await caseworker.post(`/cases/${opened.reference}/notes`, { version: /name="version" value="(\d+)"/.exec(page.body)![1]!, text: 'Rang the haulier.' });
    expect(added.statusCode).toBe(303);
    expect(banner((await caseworker.get(added.headers.location as string)).body)).toBe(`Note added to case ${opened.reference}`);
  });
});
