import path from 'node:path';
import { isIP } from 'node:net';

/** Everything the service reads from its environment, in one place (the README lists each). */
export interface Config {
  port: number;
  host: string;
  /** PostgreSQL server URL; when absent the embedded PGlite database in `dataDir` is used. */
  databaseUrl: string | undefined;
  dataDir: string;
  outboxDir: string;
  production: boolean;
  /** Secret used to sign cookies. When not given, one is made and kept in the database (`service_secrets`), shared by every process. */
  cookieSecret: string | undefined;
  /** The configured cookie secret before the last change, still accepted (never used to sign) while forms signed with it are about. */
  cookiePreviousSecret: string | undefined;
  /** Whether cookies are marked Secure (on by default in production, where TLS terminates in front). */
  secureCookies: boolean;
  logLevel: string;
  sessionHours: number;
  /** Failed sign-ins allowed from one address in a minute (successful ones do not count). */
  signInRateLimitPerMinute: number;
  /**
   * The proxies (addresses or CIDR ranges) whose `X-Forwarded-For` is believed. Empty by default:
   * the address a request came from is then the connection's, whatever headers it sends.
   */
  trustedProxies: string[];
  /** Key that signs the event log's anchors. Generated per data folder when not given outside production. */
  auditSecret: string | undefined;
  /** How often the event log is sealed with a new anchor. */
  auditAnchorSeconds: number;
  /** Bearer token a Prometheus scraper sends for `/metrics`; unset, `/metrics` answers 404. */
  metricsToken: string | undefined;
  /** How often `cordon serve` looks for jobs that are due (letters by email, scheduled checks). */
  jobsPollSeconds: number;
  /** Single sign-on with OpenID Connect (src/modules/identity/README.md); absent unless CORDON_OIDC_ISSUER is set. */
  oidc?: OidcConfig | undefined;
  /** What letters print about the penalty team and how to pay (CORDON_LETTERS_*, CORDON_BANK_*, CORDON_PAYMENT_URL). */
  letters: LetterDetails;
}

/**
 * What every letter prints about the sender and how to pay: from the environment. The local
 * defaults say on their face that they are not real (an `.invalid` address, an account named "NOT A
 * REAL ACCOUNT"), and the service refuses to start in production while any of them is left as it is
 * (`letterDetailsProblem`).
 */
export interface LetterDetails {
  contact: { email: string; phone: string; postalAddress: readonly string[] };
  bank: { accountName: string; sortCode: string; accountNumber: string; iban: string; bic: string };
  /** The GOV.UK Pay link printed on letters; unset, letters offer bank transfer only (never a link that does not exist). */
  paymentUrl: string | undefined;
  /** The variables left at their local (not real) defaults. */
  placeholders: readonly string[];
}

/** The local defaults, each marked as not real so that nobody mistakes a letter printed with them for a live one. */
export const LETTER_DETAIL_DEFAULTS = {
  CORDON_LETTERS_EMAIL: 'penalty-team@cordon.invalid',
  CORDON_LETTERS_PHONE: '00000 000000 (not a real number: set CORDON_LETTERS_PHONE)',
  CORDON_LETTERS_POSTAL_ADDRESS: 'Civil Penalty Team (NOT A REAL ADDRESS: set CORDON_LETTERS_POSTAL_ADDRESS) | United Kingdom',
  CORDON_BANK_ACCOUNT_NAME: 'NOT A REAL ACCOUNT (set CORDON_BANK_ACCOUNT_NAME)',
  CORDON_BANK_SORT_CODE: '00-00-00',
  CORDON_BANK_ACCOUNT_NUMBER: '00000000',
  CORDON_BANK_IBAN: 'GB00 XXXX 0000 0000 0000 00',
  CORDON_BANK_BIC: 'XXXXGB00',
} as const;

type LetterDetailVariable = keyof typeof LETTER_DETAIL_DEFAULTS;

/** Reads the letters' details from the environment; a default left in place is named in `placeholders`. */
export function loadLetterDetails(env: NodeJS.ProcessEnv): LetterDetails {
  const value = (name: LetterDetailVariable) => env[name]?.trim() || LETTER_DETAIL_DEFAULTS[name];
  const placeholders = (Object.keys(LETTER_DETAIL_DEFAULTS) as LetterDetailVariable[]).filter((name) => value(name) === LETTER_DETAIL_DEFAULTS[name]);
  const sortCode = value('CORDON_BANK_SORT_CODE');
  if (!/^\d{2}-\d{2}-\d{2}$/.test(sortCode)) throw new Error(`CORDON_BANK_SORT_CODE must look like 12-34-56, not "${sortCode}"`);
  const accountNumber = value('CORDON_BANK_ACCOUNT_NUMBER');
  if (!/^\d{8}$/.test(accountNumber)) throw new Error(`CORDON_BANK_ACCOUNT_NUMBER must be 8 digits, not "${accountNumber}"`);
  const paymentUrl = env.CORDON_PAYMENT_URL?.trim() || undefined;
  if (paymentUrl) {
    let url: URL;
    try {
      url = new URL(paymentUrl);
    } catch {
      throw new Error(`CORDON_PAYMENT_URL must be a full https address (the service's GOV.UK Pay payment link), not "${paymentUrl}"`);
    }
    if (url.protocol !== 'https:') throw new Error(`CORDON_PAYMENT_URL must be an https address, not "${paymentUrl}"`);
  }
  return {
    contact: {
      email: value('CORDON_LETTERS_EMAIL'),
      phone: value('CORDON_LETTERS_PHONE'),
      postalAddress: value('CORDON_LETTERS_POSTAL_ADDRESS')
        .split('|')
        .map((line) => line.trim())
        .filter(Boolean),
    },
    bank: {
      accountName: value('CORDON_BANK_ACCOUNT_NAME'),
      sortCode,
      accountNumber,
      iban: value('CORDON_BANK_IBAN'),
      bic: value('CORDON_BANK_BIC'),
    },
    paymentUrl,
    placeholders,
  };
}

/**
 * Why the service must not start in production with these details (null when it may): a letter
 * printed with a placeholder bank account or address would send payments and replies nowhere.
 * `createApp` refuses to start with it.
 */
export function letterDetailsProblem(details: LetterDetails, production: boolean): string | null {
  if (!production || details.placeholders.length === 0) return null;
  return `${details.placeholders.join(', ')} must be set to the penalty team's real details when NODE_ENV=production: letters would otherwise print the local placeholders`;
}

/** The organisation's identity provider, as the CORDON_OIDC_* variables give it (checked further by the identity module at start-up). */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  /** Absent for a public client (PKCE alone). */
  clientSecret: string | undefined;
  /** Where the provider sends the person back; derived from each request's host when absent. */
  redirectUrl: string | undefined;
  /** The claim that lists the person's roles (a dotted path reaches into an object: `realm_access.roles`). */
  rolesClaim: string;
  /** `claim value:cordon role` pairs separated by commas; when absent, claim values that are Cordon role identifiers are the roles. */
  roleMap: string | undefined;
  /** Shown on the button: "Sign in with …". */
  providerName: string;
  scopes: string;
}

function loadOidcConfig(env: NodeJS.ProcessEnv): OidcConfig | undefined {
  const issuer = env.CORDON_OIDC_ISSUER?.trim();
  if (!issuer) return undefined;
  const clientId = env.CORDON_OIDC_CLIENT_ID?.trim();
  if (!clientId) throw new Error('CORDON_OIDC_CLIENT_ID must be set when CORDON_OIDC_ISSUER is set');
  const urlOrUndefined = (name: string, value: string | undefined) => {
    if (!value?.trim()) return undefined;
    try {
      return new URL(value.trim()).toString();
    } catch {
      throw new Error(`${name} must be a full URL such as https://cordon.example.gov.uk/sign-in/oidc/callback, not "${value}"`);
    }
  };
  urlOrUndefined('CORDON_OIDC_ISSUER', issuer);
  return {
    issuer,
    clientId,
    clientSecret: env.CORDON_OIDC_CLIENT_SECRET || undefined,
    redirectUrl: urlOrUndefined('CORDON_OIDC_REDIRECT_URL', env.CORDON_OIDC_REDIRECT_URL),
    rolesClaim: env.CORDON_OIDC_ROLES_CLAIM?.trim() || 'roles',
    roleMap: env.CORDON_OIDC_ROLE_MAP?.trim() || undefined,
    providerName: env.CORDON_OIDC_PROVIDER_NAME?.trim() || 'single sign-on',
    scopes: env.CORDON_OIDC_SCOPES?.trim() || 'openid profile email',
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const dataDir = path.resolve(env.CORDON_DATA_DIR ?? 'data');
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, not "${env.PORT}"`);
  }
  if (production && !env.CORDON_AUDIT_SECRET) {
    throw new Error('CORDON_AUDIT_SECRET must be set when NODE_ENV=production (it signs the audit trail)');
  }
  const auditAnchorSeconds = Number(env.CORDON_AUDIT_ANCHOR_SECONDS ?? 5);
  if (!Number.isFinite(auditAnchorSeconds) || auditAnchorSeconds <= 0 || auditAnchorSeconds > 3600) {
    throw new Error(`CORDON_AUDIT_ANCHOR_SECONDS must be a number of seconds from 0.1 to 3600, not "${env.CORDON_AUDIT_ANCHOR_SECONDS}"`);
  }
  const jobsPollSeconds = Number(env.CORDON_JOBS_POLL_SECONDS ?? 5);
  if (!Number.isFinite(jobsPollSeconds) || jobsPollSeconds < 0.1 || jobsPollSeconds > 3600) {
    throw new Error(`CORDON_JOBS_POLL_SECONDS must be a number of seconds from 0.1 to 3600, not "${env.CORDON_JOBS_POLL_SECONDS}"`);
  }
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    outboxDir: path.resolve(env.CORDON_OUTBOX_DIR ?? path.join(dataDir, 'outbox')),
    production,
    cookieSecret: env.CORDON_COOKIE_SECRET || undefined,
    cookiePreviousSecret: env.CORDON_COOKIE_PREVIOUS_SECRET || undefined,
    secureCookies: env.CORDON_SECURE_COOKIES ? env.CORDON_SECURE_COOKIES === 'true' : production,
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    sessionHours: Number(env.CORDON_SESSION_HOURS ?? 8),
    signInRateLimitPerMinute: Number(env.CORDON_SIGN_IN_RATE_LIMIT ?? 10),
    trustedProxies: parseTrustedProxies(env.CORDON_TRUSTED_PROXIES),
    auditSecret: env.CORDON_AUDIT_SECRET || undefined,
    auditAnchorSeconds,
    metricsToken: env.CORDON_METRICS_TOKEN || undefined,
    jobsPollSeconds,
    oidc: loadOidcConfig(env),
    letters: loadLetterDetails(env),
  };
}

/** The names proxy-addr (fastify's `trustProxy`) knows for whole ranges. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * `CORDON_TRUSTED_PROXIES`: addresses or CIDR ranges separated by commas (e.g. `10.0.0.5, 10.1.0.0/16`),
 * or the names `loopback`, `linklocal`, `uniquelocal`. Anything else stops start-up with a message.
 */
export function parseTrustedProxies(value: string | undefined): string[] {
  const entries = (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    if (PROXY_RANGE_NAMES.has(entry)) continue;
    const [address, bits, ...rest] = entry.split('/');
    const version = isIP(address ?? '');
    const maxBits = version === 6 ? 128 : 32;
    const bitsOk = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= maxBits);
    if (!version || !bitsOk || rest.length) {
      throw new Error(`CORDON_TRUSTED_PROXIES must list IP addresses or CIDR ranges separated by commas (such as 10.0.0.5,10.1.0.0/16); "${entry}" is not one`);
    }
  }
  return entries;
}
