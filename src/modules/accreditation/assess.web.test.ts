import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { ACCREDITATION_AREAS } from '../../domain/accreditation/areas.js';
import { accreditationLetters } from './assess-schema.js';
import { eq } from 'drizzle-orm';

/*
 * The assessor's side of CPAS applications (issue #16 item 2) through the staff pages, on a
 * settable clock: the queue ordered by due date with its flags and no decided application; a
 * request for more information (email and letter), the answer recorded; acceptance; a refusal
 * proposed and approved by a Senior Officer, refused when the Senior Officer proposed it; a stale
 * form; the dashboard's figures equal to the lists behind their links.
 */

let t: TestApp;
let eo: WebClient;
let so: WebClient;
let manager: WebClient;
const refs: Record<string, string> = {};

const at = (day: string) => t.clock.set(new Date(`${day}T10:00:00Z`));
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

function outbox(): { to: string; subject: string; body: string; attachment?: unknown }[] {
  const folder = t.outbox.folder;
  if (!fs.existsSync(folder)) return [];
  return fs.readdirSync(folder).filter((f) => f.endsWith('.json')).sort().map((f) => JSON.parse(fs.readFileSync(path.join(folder, f), 'utf8')));
}

async function submit(name: string, email: string) {
  const outcome = await t.services.accreditation.submit(
    {
      language: 'pl',
      company: { name, country: 'PL', addressLines: ['ul. Długa 5', 'Łódź'], postcode: '90-001', operatorLicence: 'PL/0042/2020', contactName: 'Piotr Kowalski', email, phone: null, numberOfDrivers: 4 },
      areas: Object.fromEntries(ACCREDITATION_AREAS.map((a) => [a, { description: `How ${name} does ${a}`, fileIds: [] }])),
      driverChecklists: { fileIds: ['c1', 'c2', 'c3'] },
      declaration: true,
    },
    { channel: 'online' },
  );
  if (!outcome.ok) throw new Error(JSON.stringify(outcome));
  return outcome.value.reference;
}

/** The version the application page's forms carry. */
async function version(client: WebClient, reference: string) {
  const page = await client.get(`/accreditation/applications/${reference}`);
  expect(page.statusCode, page.body).toBe(200);
  return /data-version="(\d+)"/.exec(page.body)![1]!;
}

async function assess(client: WebClient, reference: string, outcome: (area: string) => 'met' | 'notMet') {
  for (const area of ACCREDITATION_AREAS) {
    const response = await client.post(`/accreditation/applications/${reference}/assess`, { version: await version(client, reference), area, outcome: outcome(area), notes: outcome(area) === 'met' ? '' : `No training register for ${area}` });
    expect(response.statusCode, response.body).toBe(303);
  }
}

const queueReferences = (html: string) => [...html.matchAll(/data-reference="(CPAS-[\d-]+)"/g)].map((m) => m[1]);

beforeAll(async () => {
  t = await createTestApp();
  at('2026-03-01');
  refs.a = await submit('Alfa Trans', 'alfa@example.pl');
  at('2026-03-05');
  refs.c = await submit('Cargo Sp. z o.o.', 'cargo@example.pl');
  at('2026-03-10');
  refs.b = await submit('Beta Logistyka', 'beta@example.pl');
  at('2026-03-12');
  refs.d = await submit('Delta Spedycja', 'delta@example.pl');
  refs.e = await submit('Echo Transport', 'echo@example.pl');
  refs.f = await submit('Foxtrot Przewozy', 'foxtrot@example.pl');
  at('2026-03-28');
  eo = await WebClient.signedIn(t.app, 'caseworker-eo');
  so = await WebClient.signedIn(t.app, 'senior-officer');
  manager = await WebClient.signedIn(t.app, 'manager');
});
afterAll(async () => t?.close());

describe('assessing CPAS applications', () => {
  it('queues applications by decision due date with days left, flagged at 10 and 5 days', async () => {
    const queue = await eo.get('/accreditation/applications');
    expect(queue.statusCode).toBe(200);
    expect(queueReferences(queue.body)).toEqual([refs.a, refs.c, refs.b, refs.d, refs.e, refs.f]);
    const row = (reference: string) => new RegExp(`accreditation-row--(\\w+)" data-reference="${reference}"[\\s\\S]*?data-days-left="(-?\\d+)"`).exec(queue.body)!.slice(1);
    expect(row(refs.a!)).toEqual(['urgent', '3']); // due 31 March
    expect(row(refs.c!)).toEqual(['warning', '7']); // due 4 April
    expect(row(refs.b!)).toEqual(['none', '12']);
    expect(text(queue.body)).toContain('31 March 2026');
    expect(queue.body).toContain('>Accreditation<');
    // A filter by status, and an officer outside the penalty team is kept out.
    expect(queueReferences((await eo.get('/accreditation/applications?status=refusalProposed')).body)).toEqual([]);
    expect((await (await WebClient.signedIn(t.app, 'port-officer')).get('/accreditation/applications')).statusCode).toBe(403);
  });

  it('requests more information: the applicant is emailed and sent a letter in Polish; the answer by post is recorded', async () => {
    const before = outbox().length;
    const page = `/accreditation/applications/${refs.d}`;
    const v = await version(eo, refs.d!);
    const missing = await eo.post(`${page}/request-information`, { version: v, message: '' });
    expect(missing.statusCode).toBe(422);
    expect(text(missing.body)).toContain('Select the areas you need more information about');
    const requested = await eo.post(`${page}/request-information`, { version: v, areas: ['driverTraining', 'checkRecord'], message: 'Please send the training register for 2025.' });
    expect(requested.statusCode, requested.body).toBe(303);
    const shown = await eo.get(page);
    expect(text(shown.body)).toContain('More information requested: emailed to delta@example.pl. The letter waits in the postal outbox');
    const sent = outbox().slice(before);
    expect(sent.map((m) => m.to)).toEqual(['delta@example.pl']);
    const letters = await t.database.db.select().from(accreditationLetters).where(eq(accreditationLetters.applicationReference, refs.d!));
    expect(letters.map((l) => [l.kind, l.form, l.language])).toEqual([['informationRequest', 'CPAS-INFO', 'pl']]);
    const pdf = await eo.get(`${page}/letters/${letters[0]!.id}.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(shown.body).toContain(`/letters/${letters[0]!.id}.pdf`);
    // A stale form (the version before the request) is a conflict and changes nothing.
    const stale = await eo.post(`${page}/provide-information`, { version: v, text: 'Register sent by post.' });
    expect(stale.statusCode).toBe(409);
    const answered = await eo.post(`${page}/provide-information`, { version: await version(eo, refs.d!), text: 'Training register for 2025 received by post.' });
    expect(answered.statusCode, answered.body).toBe(303);
    const after = text((await eo.get(page)).body);
    expect(after).toContain('The answer is recorded');
    expect(after).toContain('Training register for 2025 received by post.');
    expect(after).toContain('Being assessed');
  });

  it('accepts only when every area is met, then emails the decision letter and takes it off the queue', async () => {
    const page = `/accreditation/applications/${refs.d}`;
    expect((await eo.post(`${page}/accept`, { version: await version(eo, refs.d!) })).statusCode).toBe(422);
    await assess(eo, refs.d!, () => 'met');
    const before = outbox().length;
    const accepted = await eo.post(`${page}/accept`, { version: await version(eo, refs.d!) });
    expect(accepted.statusCode, accepted.body).toBe(303);
    expect(text((await eo.get(page)).body)).toContain('Application accepted: the decision letter is emailed to delta@example.pl');
    // The decision is emailed by the letter's job (queued with the acceptance), with the PDF.
    expect(outbox().slice(before)).toEqual([]);
    await t.services.jobs.runUntilIdle();
    const [email] = outbox().slice(before).filter((m) => m.subject.includes(refs.d!));
    expect(email!.to).toBe('delta@example.pl');
    expect(email!.subject).toBe(`Wniosek o akredytację ${refs.d}: przyjęty`);
    expect(email!.attachment).toBeTruthy();
    expect(queueReferences((await eo.get('/accreditation/applications')).body)).not.toContain(refs.d);
  });

  it('refuses through a Senior Officer who did not propose it', async () => {
    const notMet = (area: string) => (area === 'driverTraining' ? 'notMet' : 'met');
    // Proposed by the Senior Officer: the same officer may not approve it.
    await assess(so, refs.f!, notMet);
    expect((await so.post(`/accreditation/applications/${refs.f}/propose-refusal`, { version: await version(so, refs.f!), summary: '' })).statusCode).toBe(303);
    const own = await so.post(`/accreditation/applications/${refs.f}/approve-refusal`, { version: await version(so, refs.f!) });
    expect(own.statusCode).toBe(422);
    expect(text(own.body)).toContain('The Senior Officer who proposed the refusal cannot also approve or return it');
    expect(text((await so.get(`/accreditation/applications/${refs.f}`)).body)).toContain('Refusal proposed');
    // Proposed by an assessor, approved by the Senior Officer: refused, the letter gives the reasons per area.
    await assess(eo, refs.e!, notMet);
    expect((await eo.post(`/accreditation/applications/${refs.e}/propose-refusal`, { version: await version(eo, refs.e!), summary: 'Training not shown' })).statusCode).toBe(303);
    const eoPage = await eo.get(`/accreditation/applications/${refs.e}`);
    expect(eoPage.body).not.toContain('id="approve-refusal"');
    const before = outbox().length;
    const approved = await so.post(`/accreditation/applications/${refs.e}/approve-refusal`, { version: await version(so, refs.e!) });
    expect(approved.statusCode, approved.body).toBe(303);
    expect(text((await so.get(`/accreditation/applications/${refs.e}`)).body)).toContain('Refusal approved');
    await t.services.jobs.runUntilIdle();
    const [email] = outbox().slice(before);
    expect(email!.subject).toBe(`Wniosek o akredytację ${refs.e}: odrzucony`);
    const letters = await t.database.db.select().from(accreditationLetters).where(eq(accreditationLetters.applicationReference, refs.e!));
    expect(letters.map((l) => [l.kind, l.form, l.emailedTo]).sort()).toEqual([
      ['acknowledgement', 'CPAS-ACK', null],
      ['refused', 'CPAS-REFUSED', 'echo@example.pl'],
    ]);
  });

  it('shows on the dashboard the applications waiting, the oldest and those decided within 30 days, each equal to the list behind its link', async () => {
    // Alfa is decided two days after its due date: late.
    at('2026-04-02');
    await assess(eo, refs.a!, () => 'met');
    expect((await eo.post(`/accreditation/applications/${refs.a}/accept`, { version: await version(eo, refs.a!) })).statusCode).toBe(303);

    const dashboard = (await manager.get('/dashboard')).body;
    const waiting = /id="accreditation-waiting" data-count="(\d+)" href="([^"]+)"/.exec(dashboard)!;
    const queue = (await manager.get(waiting[2]!)).body;
    expect(queueReferences(queue)).toEqual([refs.c, refs.b, refs.f]);
    expect(Number(waiting[1])).toBe(queueReferences(queue).length);

    const oldest = /id="accreditation-oldest" data-reference="([^"]+)" data-days="(\d+)" href="([^"]+)"/.exec(dashboard)!;
    expect(oldest[1]).toBe(refs.c); // received 5 March, the earliest still waiting
    expect(Number(oldest[2])).toBe(28);
    expect((await manager.get(oldest[3]!)).statusCode).toBe(200);

    const figure = (id: string, kind: string) => {
      const block = dashboard.split(`id="accreditation-${id}"`)[1]!;
      const m = new RegExp(`data-count="(\\d+)" data-kind="${kind}" href="([^"]+)"`).exec(block)!;
      return { n: Number(m[1]), href: m[2]!.replace(/&amp;/g, '&') };
    };
    const listed = async (href: string) => queueReferences((await manager.get(href)).body);
    const expected = { thisMonth: { within: [], decided: [refs.a] }, thisYear: { within: [refs.d, refs.e], decided: [refs.a, refs.d, refs.e] } };
    for (const id of ['thisMonth', 'thisYear'] as const) {
      for (const kind of ['within', 'decided'] as const) {
        const { n, href } = figure(id, kind);
        const rows = await listed(href);
        expect([...rows].sort(), `${id} ${kind}`).toEqual([...expected[id][kind]].sort());
        expect(n, `${id} ${kind}`).toBe(rows.length);
      }
    }
    expect(text(dashboard)).toContain('This year: 2 of 3 decided within 30 days');
  });
});
