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
  /** Secret used to sign cookies. When not given, one is made and kept in the database (`service_secrets`), shared by every process. */
  cookieSecret: string | undefined;
  /** The configured cookie secret before the last change, still accepted (never used to sign) while forms signed with it are about. */
  cookiePreviousSecret: string | undefined;
  /** Whether cookies are marked Secure (on by default in production, where TLS terminates in front). */
  secureCookies: boolean;
  logLevel: string;
  sessionHours: number;
  signInRateLimitPerMinute: number;
  /** Key that signs the event log's anchors. Generated per data folder when not given outside production. */
  auditSecret: string | undefined;
  /** How often the event log is sealed with a new anchor. */
  auditAnchorSeconds: number;
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
    auditSecret: env.CORDON_AUDIT_SECRET || undefined,
    auditAnchorSeconds,
  };
}
