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
