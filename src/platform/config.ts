import path from 'node:path';

/** Everything the service reads from its environment, in one place (the README lists each). */
export interface Config {
  port: number;
  host: string;
  /** PostgreSQL server URL; when absent the embedded PGlite database in `dataDir` is used. */
  databaseUrl: string | undefined;
  dataDir: string;
  outboxDir: string;
  production: boolean;
  /** Secret used to sign cookies. Generated per data folder when not given outside production. */
  cookieSecret: string | undefined;
  /** Whether cookies are marked Secure (on by default in production, where TLS terminates in front). */
  secureCookies: boolean;
  logLevel: string;
  sessionHours: number;
  signInRateLimitPerMinute: number;
  /** Key that signs the event log's anchors. Generated per data folder when not given outside production. */
  auditSecret: string | undefined;
  /** How often the event log is sealed with a new anchor. */
  auditAnchorSeconds: number;
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
  if (production && !env.CORDON_COOKIE_SECRET) {
    throw new Error('CORDON_COOKIE_SECRET must be set when NODE_ENV=production');
  }
  if (production && !env.CORDON_AUDIT_SECRET) {
    throw new Error('CORDON_AUDIT_SECRET must be set when NODE_ENV=production (it signs the audit trail)');
  }
  const auditAnchorSeconds = Number(env.CORDON_AUDIT_ANCHOR_SECONDS ?? 5);
  if (!Number.isFinite(auditAnchorSeconds) || auditAnchorSeconds <= 0 || auditAnchorSeconds > 3600) {
    throw new Error(`CORDON_AUDIT_ANCHOR_SECONDS must be a number of seconds from 0.1 to 3600, not "${env.CORDON_AUDIT_ANCHOR_SECONDS}"`);
  }
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    outboxDir: path.resolve(env.CORDON_OUTBOX_DIR ?? path.join(dataDir, 'outbox')),
    production,
    cookieSecret: env.CORDON_COOKIE_SECRET,
    secureCookies: env.CORDON_SECURE_COOKIES ? env.CORDON_SECURE_COOKIES === 'true' : production,
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    sessionHours: Number(env.CORDON_SESSION_HOURS ?? 8),
    signInRateLimitPerMinute: Number(env.CORDON_SIGN_IN_RATE_LIMIT ?? 10),
    auditSecret: env.CORDON_AUDIT_SECRET || undefined,
    auditAnchorSeconds,
    oidc: loadOidcConfig(env),
  };
}
