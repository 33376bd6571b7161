import { createHmac, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface Email {
  to: string;
  subject: string;
  body: string;
  /** Our reference for the message (a case reference), kept with it by the provider. */
  reference: string;
  attachment?: { filename: string; bytes: Buffer; mediaType: string };
}

export interface SentEmail {
  id: string;
  channel: 'outbox' | 'notify';
  sentAt: string;
}

/** Sends email. Local default: an outbox folder. Production: GOV.UK Notify. */
export interface Mailer {
  readonly channel: 'outbox' | 'notify';
  send(email: Email): Promise<SentEmail>;
}

/** Digits of the outbox sequence in a file name: zero-padded so names sort in sending order. */
const SEQUENCE_DIGITS = 12;
const SEQUENCED = new RegExp(`^(\\d{${SEQUENCE_DIGITS}})-`);

/**
 * Writes each message as JSON (and its attachment beside it) into a folder, so a developer or a
 * tester can see exactly what would have gone out. Nothing leaves the machine. Each message is
 * numbered from a counter kept in the folder (`.sequence`) and its file name starts with that
 * number: the list is in sending order even when two messages go in the same millisecond.
 */
export class OutboxMailer implements Mailer {
  readonly channel = 'outbox' as const;
  constructor(readonly folder: string) {}

  /**
   * The next number, persisted before the message is written. Synchronous from read to write, so
   * two sends in one process cannot take the same number (one process owns the data folder).
   */
  private nextSequence(): number {
    const counter = path.join(this.folder, '.sequence');
    const kept = fs.existsSync(counter) ? Number.parseInt(fs.readFileSync(counter, 'utf8'), 10) : Number.NaN;
    // No counter yet (or a damaged one): carry on from the highest number already in the folder.
    const last = Number.isSafeInteger(kept) ? kept : Math.max(0, ...fs.readdirSync(this.folder).map((f) => Number(SEQUENCED.exec(f)?.[1] ?? 0)));
    const next = last + 1;
    const temporary = `${counter}.tmp`;
    fs.writeFileSync(temporary, String(next));
    fs.renameSync(temporary, counter);
    return next;
  }

  async send(email: Email): Promise<SentEmail> {
    fs.mkdirSync(this.folder, { recursive: true });
    const id = randomUUID();
    const sentAt = new Date().toISOString();
    const sequence = this.nextSequence();
    const stem = `${String(sequence).padStart(SEQUENCE_DIGITS, '0')}-${id}`;
    let attachmentFile: string | null = null;
    if (email.attachment) {
      attachmentFile = `${stem}-${email.attachment.filename.replace(/[^\w.-]+/g, '_')}`;
      fs.writeFileSync(path.join(this.folder, attachmentFile), email.attachment.bytes);
    }
    const record = { id, sequence, sentAt, to: email.to, subject: email.subject, body: email.body, reference: email.reference, attachment: attachmentFile };
    const temporary = path.join(this.folder, `.${stem}.json.tmp`);
    fs.writeFileSync(temporary, JSON.stringify(record, null, 2));
    fs.renameSync(temporary, path.join(this.folder, `${stem}.json`));
    return { id, channel: 'outbox', sentAt };
  }

  /** What was sent, newest first (for the outbox page): by sequence, never by the clock. */
  list(limit = 100): { id: string; sequence?: number; sentAt: string; to: string; subject: string; reference: string; attachment: string | null }[] {
    if (!fs.existsSync(this.folder)) return [];
    // Messages written before the sequence (named by time) are older than every numbered one.
    const order = (f: string) => (SEQUENCED.test(f) ? `1${f}` : `0${f}`);
    return fs
      .readdirSync(this.folder)
      .filter((f) => f.endsWith('.json') && !f.startsWith('.'))
      .sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0))
      .reverse()
      .slice(0, limit)
      .map((f) => JSON.parse(fs.readFileSync(path.join(this.folder, f), 'utf8')));
  }
}

/** GOV.UK Notify's API key is "{name}-{service id}-{secret}", the last two being UUIDs. */
export function parseNotifyKey(apiKey: string): { serviceId: string; secret: string } {
  if (apiKey.length < 74) throw new Error('NOTIFY_API_KEY is not a GOV.UK Notify API key');
  return { serviceId: apiKey.slice(-73, -37), secret: apiKey.slice(-36) };
}

function base64url(value: Buffer | string): string {
  return Buffer.from(value).toString('base64url');
}

/** The short-lived token Notify expects: HS256 JWT with the service id as issuer. */
export function notifyToken(apiKey: string, now = new Date()): string {
  const { serviceId, secret } = parseNotifyKey(apiKey);
  const header = base64url(JSON.stringify({ typ: 'JWT', alg: 'HS256' }));
  const payload = base64url(JSON.stringify({ iss: serviceId, iat: Math.floor(now.getTime() / 1000) }));
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

/**
 * GOV.UK Notify (https://docs.notifications.service.gov.uk/rest-api.html): one email template with
 * ((subject)), ((body)) and ((link_to_file)) placeholders; attachments are sent with
 * "confirm email before download", as Notify requires for personal data.
 */
export class NotifyMailer implements Mailer {
  readonly channel = 'notify' as const;
  constructor(
    private readonly options: { apiKey: string; templateId: string; baseUrl?: string; fetch?: typeof fetch },
  ) {
    parseNotifyKey(options.apiKey);
  }

  async send(email: Email): Promise<SentEmail> {
    const personalisation: Record<string, unknown> = { subject: email.subject, body: email.body, link_to_file: '' };
    if (email.attachment) {
      personalisation.link_to_file = {
        file: email.attachment.bytes.toString('base64'),
        filename: email.attachment.filename,
        confirm_email_before_download: true,
        retention_period: '52 weeks',
      };
    }
    const response = await (this.options.fetch ?? fetch)(`${this.options.baseUrl ?? 'https://api.notifications.service.gov.uk'}/v2/notifications/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${notifyToken(this.options.apiKey)}` },
      body: JSON.stringify({ email_address: email.to, template_id: this.options.templateId, personalisation, reference: email.reference }),
    });
    if (!response.ok) {
      const text = await response.text();
      throw new Error(`GOV.UK Notify refused the email (${response.status}): ${text.slice(0, 500)}`);
    }
    const body = (await response.json()) as { id: string };
    return { id: body.id, channel: 'notify', sentAt: new Date().toISOString() };
  }
}

/** GOV.UK Notify when NOTIFY_API_KEY and NOTIFY_EMAIL_TEMPLATE_ID are set; otherwise the outbox folder. */
export function openMailer(outboxDir: string, env: NodeJS.ProcessEnv = process.env): Mailer {
  if (env.NOTIFY_API_KEY) {
    if (!env.NOTIFY_EMAIL_TEMPLATE_ID) throw new Error('NOTIFY_EMAIL_TEMPLATE_ID must be set with NOTIFY_API_KEY');
    return new NotifyMailer({ apiKey: env.NOTIFY_API_KEY, templateId: env.NOTIFY_EMAIL_TEMPLATE_ID, baseUrl: env.NOTIFY_BASE_URL });
  }
  return new OutboxMailer(outboxDir);
}
