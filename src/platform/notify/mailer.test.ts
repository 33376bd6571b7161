import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NotifyMailer, OutboxMailer, notifyToken, openMailer, parseNotifyKey } from './mailer.js';

const serviceId = '26785a09-ab16-4eb0-8407-a37497a57506';
const secret = '3d844edf-8d35-48ac-975b-e847b4f122b0';
const apiKey = `cordon_test-${serviceId}-${secret}`;

describe('the outbox (local default)', () => {
  it('writes each message and its attachment into the folder and lists them newest first', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-outbox-'));
    const mailer = new OutboxMailer(folder);
    await mailer.send({ to: 'a@example.com', subject: 'First', body: 'One', reference: 'CEC-2026-000001' });
    const sent = await mailer.send({ to: 'b@example.com', subject: 'Second', body: 'Two', reference: 'CEC-2026-000002', attachment: { filename: 'notice.pdf', bytes: Buffer.from('%PDF-1.4'), mediaType: 'application/pdf' } });
    const listed = mailer.list();
    expect(listed.map((m) => m.subject)).toEqual(['Second', 'First']);
    expect(listed[0]!.id).toBe(sent.id);
    expect(fs.readFileSync(path.join(folder, listed[0]!.attachment!), 'utf8')).toBe('%PDF-1.4');
  });
});

describe('the outbox order', () => {
  afterEach(() => vi.useRealTimers());

  it('lists messages sent in the same millisecond newest first, by their sequence, not by the clock', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-22T12:00:00.000Z'), toFake: ['Date'] });
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-outbox-'));
    const mailer = new OutboxMailer(folder);
    const subjects = Array.from({ length: 20 }, (_, i) => `Message ${i + 1}`);
    for (const subject of subjects) await mailer.send({ to: 'a@example.com', subject, body: '', reference: 'CEC-2026-000001' });
    expect(new Set(mailer.list().map((m) => m.sentAt)).size).toBe(1);
    expect(mailer.list().map((m) => m.subject)).toEqual([...subjects].reverse());
    // Another mailer on the same folder (the test harness reads it so) carries on the same sequence.
    await new OutboxMailer(folder).send({ to: 'b@example.com', subject: 'Last', body: '', reference: 'CEC-2026-000002' });
    expect(mailer.list(2).map((m) => [m.subject, m.sequence])).toEqual([['Last', 21], ['Message 20', 20]]);
  });

  it('lists messages written before the sequence after every numbered one, newest first', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-outbox-'));
    for (const [stem, subject] of [['2026-11-20T09-00-00-000Z-aaaa', 'Old first'], ['2026-11-21T09-00-00-000Z-bbbb', 'Old second']]) {
      fs.writeFileSync(path.join(folder, `${stem}.json`), JSON.stringify({ id: stem, sentAt: '', to: 'x@example.com', subject, body: '', reference: 'r', attachment: null }));
    }
    const mailer = new OutboxMailer(folder);
    await mailer.send({ to: 'a@example.com', subject: 'New', body: '', reference: 'r' });
    expect(mailer.list().map((m) => m.subject)).toEqual(['New', 'Old second', 'Old first']);
  });
});

describe('the GOV.UK Notify adapter', () => {
  it('reads the service id and secret from the API key and signs an HS256 token with them', () => {
    expect(parseNotifyKey(apiKey)).toEqual({ serviceId, secret });
    const token = notifyToken(apiKey, new Date('2026-11-22T12:00:00Z'));
    const [header, payload, signature] = token.split('.');
    expect(JSON.parse(Buffer.from(payload!, 'base64url').toString())).toEqual({ iss: serviceId, iat: 1795348800 });
    expect(signature).toBe(createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url'));
  });

  it('sends the email request Notify documents, with the attachment to confirm before download', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const fakeFetch = (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response(JSON.stringify({ id: 'notify-id-1' }), { status: 201 });
    }) as unknown as typeof fetch;
    const mailer = new NotifyMailer({ apiKey, templateId: 'tpl-1', fetch: fakeFetch });
    const sent = await mailer.send({ to: 'driver@example.com', subject: 'Notice', body: 'Text', reference: 'CEC-2026-000009', attachment: { filename: 'notice.pdf', bytes: Buffer.from('PDF'), mediaType: 'application/pdf' } });
    expect(sent).toMatchObject({ id: 'notify-id-1', channel: 'notify' });
    expect(calls[0]!.url).toBe('https://api.notifications.service.gov.uk/v2/notifications/email');
    const body = JSON.parse(String(calls[0]!.init.body));
    expect(body).toMatchObject({ email_address: 'driver@example.com', template_id: 'tpl-1', reference: 'CEC-2026-000009' });
    expect(body.personalisation.link_to_file).toMatchObject({ file: Buffer.from('PDF').toString('base64'), filename: 'notice.pdf', confirm_email_before_download: true });
    expect(String((calls[0]!.init.headers as Record<string, string>).authorization)).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('says clearly when Notify refuses, and when the configuration is incomplete', async () => {
    const refusing = (async () => new Response('{"errors":[{"error":"BadRequestError"}]}', { status: 400 })) as unknown as typeof fetch;
    await expect(new NotifyMailer({ apiKey, templateId: 't', fetch: refusing }).send({ to: 'x@example.com', subject: 's', body: 'b', reference: 'r' })).rejects.toThrow(/refused the email \(400\)/);
    expect(() => openMailer('/tmp/x', { NOTIFY_API_KEY: apiKey })).toThrow(/NOTIFY_EMAIL_TEMPLATE_ID/);
    expect(openMailer('/tmp/x', {}).channel).toBe('outbox');
  });
});
