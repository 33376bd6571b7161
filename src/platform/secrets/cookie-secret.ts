import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { Signer } from '@fastify/cookie';
import { type Db, rowsOf } from '../database/client.js';

/**
 * The secret that signs cookies (the CSRF cookie), when CORDON_COOKIE_SECRET is not configured:
 * made once and kept in `service_secrets`, so every process on the database signs and verifies
 * with the same one (a form fetched from one process posts to another) and a restart expires no
 * form. `cordon secrets rotate-cookie` makes a new one; the one before is still accepted for a while.
 */
export const COOKIE_SECRET_NAME = 'cookie';

/** How long the secret before a rotation is still accepted, unless the rotation says otherwise. */
export const DEFAULT_KEEP_PREVIOUS_HOURS = 24;

/** How often a running process reads the secrets again, so a rotation reaches it without a restart. */
export const COOKIE_SECRET_REFRESH_MS = 30_000;

export interface CookieSecrets {
  /** Signs new cookies. */
  current: string;
  /** Accepted until `previousUntil`, so cookies signed before the last rotation still verify. */
  previous: string | null;
  previousUntil: Date | null;
  rotatedAt: Date | null;
}

interface Row {
  current: string;
  previous: string | null;
  previous_until: string | Date | null;
  rotated_at: string | Date | null;
}

const asDate = (value: string | Date | null) => (value === null ? null : new Date(value));

export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

async function read(db: Db): Promise<CookieSecrets | undefined> {
  const [row] = rowsOf<Row>(
    await db.execute(sql`select current, previous, previous_until, rotated_at from service_secrets where name = ${COOKIE_SECRET_NAME}`),
  );
  return row && { current: row.current, previous: row.previous, previousUntil: asDate(row.previous_until), rotatedAt: asDate(row.rotated_at) };
}

/**
 * The database's cookie secrets, made the first time they are asked for. Two processes starting at
 * once both insert and neither overwrites: the first insert wins and both read it back.
 * `seed` is used as the first secret (the data folder's `cookie-secret` file of earlier versions,
 * so forms open when the service is upgraded stay valid).
 */
export async function ensureCookieSecrets(db: Db, seed?: string): Promise<CookieSecrets> {
  await db.execute(sql`insert into service_secrets (name, current) values (${COOKIE_SECRET_NAME}, ${seed || newSecret()}) on conflict (name) do nothing`);
  const secrets = await read(db);
  if (!secrets) throw new Error('The cookie secret could not be read back from service_secrets');
  return secrets;
}

/** Makes a new cookie secret; the one it replaces is accepted for `keepPreviousHours` more. */
export async function rotateCookieSecret(db: Db, options: { keepPreviousHours?: number } = {}): Promise<CookieSecrets> {
  const hours = options.keepPreviousHours ?? DEFAULT_KEEP_PREVIOUS_HOURS;
  await ensureCookieSecrets(db);
  await db.execute(sql`
    update service_secrets
       set previous = current, current = ${newSecret()},
           previous_until = now() + make_interval(secs => ${hours * 3600}), rotated_at = now()
     where name = ${COOKIE_SECRET_NAME}`);
  return (await read(db))!;
}

/** The secrets to verify with at `now`, the one to sign with first (the order @fastify/cookie takes). */
export function secretsInUse(secrets: CookieSecrets, now: Date = new Date()): string[] {
  const previousValid = secrets.previous && secrets.previousUntil && secrets.previousUntil.getTime() > now.getTime();
  return previousValid ? [secrets.current, secrets.previous!] : [secrets.current];
}

/**
 * A cookie signer over the database's secrets that reads them again every `refreshMs`, so a
 * rotation made by `cordon secrets rotate-cookie` (or another process) reaches this one without a
 * restart: it signs with the new secret and still accepts the previous one until it expires.
 */
export class RotatingCookieSigner {
  private signer: Signer;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private secrets: CookieSecrets,
    private readonly db?: Db,
    refreshMs = COOKIE_SECRET_REFRESH_MS,
    private readonly onError: (error: unknown) => void = () => {},
  ) {
    this.signer = new Signer(secretsInUse(secrets));
    if (db && refreshMs > 0) {
      this.timer = setInterval(() => void this.refresh(), refreshMs);
      this.timer.unref();
    }
  }

  /** Reads the secrets again now. */
  async refresh(): Promise<void> {
    if (!this.db) return;
    try {
      const secrets = await read(this.db);
      if (secrets) this.use(secrets);
    } catch (error) {
      this.onError(error); // Keep signing with what we have; the next refresh tries again.
    }
  }

  use(secrets: CookieSecrets): void {
    this.secrets = secrets;
    this.signer = new Signer(secretsInUse(secrets));
  }

  sign(value: string): string {
    return this.signer.sign(value);
  }

  unsign(signedValue: string): { valid: true; renew: boolean; value: string } | { valid: false; renew: false; value: null } {
    // Drop the previous secret the moment it expires, not only at the next refresh.
    if (this.secrets.previousUntil && this.secrets.previousUntil.getTime() <= Date.now() && this.secrets.previous) this.use({ ...this.secrets, previous: null, previousUntil: null });
    return this.signer.unsign(signedValue);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
