import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifyView from '@fastify/view';
import nunjucks from 'nunjucks';
import type { Actor } from '../events/event-store.js';
import { checkRouteDeclaresAccess, decideAccess, isApiRequest, PUBLIC_PREFIXES, sendUnauthenticated } from './access.js';
import { sendProblem } from './problem.js';
import { registerMetrics } from './metrics.js';
import { registerMultipart } from '../files/multipart.js';
import { UnreadableInputError } from '../events/readable-input.js';
import { checkRequestInput, parseQueryString } from './query-string.js';
import { labelTableCells } from './table-labels.js';
import { named } from './names.js';
import { formatDate, formatDateTime, withReadableDates } from './dates.js';
import { LANGUAGE_COOKIE, pageMessages, requestedLanguage } from '../i18n/page-messages.js';
import type { Language } from '../i18n/languages.js';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const govukDist = path.join(path.dirname(require.resolve('govuk-frontend/package.json')), 'dist');
const mojRoot = path.dirname(require.resolve('@ministryofjustice/frontend/package.json'));
export const srcRoot = path.resolve(here, '../..');

/** Signs and verifies cookies (`@fastify/cookie`'s signer interface), e.g. one whose secrets rotate. */
export interface CookieSigner {
  sign(value: string): string;
  unsign(signedValue: string): { valid: true; renew: boolean; value: string } | { valid: false; renew: false; value: null };
}

export interface ServerOptions {
  logLevel: string;
  /** A secret, secrets (the first signs, every one verifies: for rotation), or a signer. */
  cookieSecret: string | string[] | CookieSigner;
  secureCookies: boolean;
  /**
   * The name of the sign-in session's cookie. A form's CSRF token is bound to it (an HMAC of its
   * value), and the CSRF secret is renewed whenever an answer sets or clears it (sign-in, sign-out).
   */
  sessionCookieName?: string;
  /**
   * Another session a form's CSRF token is bound to beside the sign-in one (the public portal's, kept
   * in its own cookie): its id for this request, or null. Its cookies are `otherSessionCookies`: setting
   * or clearing one renews the CSRF secret as signing in does.
   */
  csrfSessionOf?: (request: FastifyRequest) => string | null;
  otherSessionCookies?: readonly string[];
  /**
   * Writes an expired form or too many attempts on a public page in the reader's language (the
   * portal's error page); answers null for a page that is not public, which then gets the staff page.
   */
  publicErrorPage?: (request: FastifyRequest, reply: FastifyReply, error: PublicError) => Promise<FastifyReply> | null;
  /** Finds who is making the request (a session cookie or an API token). */
  resolveActor(request: FastifyRequest): Promise<{ actor: Actor; by: 'session' | 'token' } | null>;
  /** Health of what the service depends on, for `/ready`. */
  readiness(): Promise<{ ready: boolean; checks: Record<string, string> }>;
  signInRateLimitPerMinute: number;
  /** The bearer token Prometheus sends for `/metrics`; unset, `/metrics` is not served (404). */
  metricsToken?: string | undefined;
  /**
   * Proxies (addresses or CIDR ranges) whose `X-Forwarded-For` sets `request.ip`. None by default:
   * a client could otherwise claim any address it likes and escape limits kept per address.
   */
  trustedProxies?: readonly string[];
  /** The service navigation items this actor may see, with the current one marked. */
  navigation(actor: Actor | null, url: string): { href: string; text: string; active: boolean }[];
  /** A notice about the whole service shown at the top of every page while it applies (e.g. demo data still loading). */
  serviceNotice?: () => string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * The language this request's page is written in: English unless the route chooses. Public
     * routes set it (a hook on their prefix) from the portal session's case language or
     * `askedLanguage`; staff pages stay English until their words come from the catalogues too,
     * so their `<html lang>` is true.
     */
    language: Language;
    /** The language the browser asks for: `?lang=` (then remembered in a cookie), the cookie, Accept-Language, else English. */
    askedLanguage: Language;
  }
  interface FastifyReply {
    /** Renders a page with the layout's common context (who is signed in, navigation, CSRF token). */
    page(template: string, context?: Record<string, unknown>): Promise<FastifyReply>;
    /** A CSRF token for a form, bound to the sign-in session (use it, never `generateCsrf`, which makes one bound to nothing). */
    csrfToken(): string;
    /**
     * What an action just did, in a sentence ("Initial notice sent to Piotr Kowalski"): the next page
     * shown to this browser (the one the action redirects to) opens with a GOV.UK success banner
     * saying it. Chain it before the redirect: `return reply.confirmation('…').redirect(url, 303)`.
     */
    confirmation(message: string): FastifyReply;
  }
}

/**
 * The cookie that carries a confirmation from an action to the page it redirects to (signed, so only
 * the service writes it; short-lived; read and cleared by the next page). A cookie rather than the
 * query string: the sentence may name a person, and URLs are logged.
 */
export const CONFIRMATION_COOKIE = 'cordon_done';
const CONFIRMATION_SECONDS = 120;
const CONFIRMATION_MAX_LENGTH = 300;

/** The cookie that keeps a browser's CSRF secret (signed). */
export const CSRF_COOKIE = '_csrf';

/** See the CSRF registration below: shared by every process by design. */
const CSRF_HMAC_KEY = 'cordon: a form token bound to its sign-in session';

export const SERVICE_NAME = 'Cordon – civil penalties for clandestine entrants';

/** An error a public page words in the reader's language. */
export type PublicError = { kind: 'form-expired' } | { kind: 'too-many-requests'; seconds: number };

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: options.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie'],
    },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: 1024 * 1024,
    trustProxy: options.trustedProxies?.length ? [...options.trustedProxies] : false,
    // A parameter sent twice, or text that cannot be kept, is refused with 400 (query-string.ts).
    routerOptions: { querystringParser: parseQueryString },
  });

  app.decorateRequest('actor', null);
  app.decorateRequest('authenticatedBy', null);
  app.decorateRequest('idempotencyKey', null);
  app.addHook('onRoute', (route) => checkRouteDeclaresAccess(route));
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // Pages, API answers and evidence files show personal data: no browser, proxy or back button
    // keeps a copy. Only the static stylesheets, scripts, fonts and images may be cached.
    if (!PUBLIC_PREFIXES.some((prefix) => request.url.startsWith(prefix))) reply.header('cache-control', 'no-store');
  });

  // Every table's cells carry their column's heading, for the stacked layout on a phone (table-labels.ts).
  app.addHook('onSend', async (_request, reply, payload) => {
    const type = reply.getHeader('content-type');
    return typeof payload === 'string' && typeof type === 'string' && type.startsWith('text/html') ? labelTableCells(payload) : payload;
  });

  await app.register(fastifyHelmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: options.secureCookies ? undefined : false,
  });
  await app.register(fastifyCookie, { secret: options.cookieSecret });
  // A form's token is made from the CSRF secret (a signed cookie) AND the sign-in session it was
  // shown to: a token and secret cookie taken from one session (an attacker's own, or none) are
  // refused with another's session cookie. `sessionBinding` is a digest of the session cookie, so the
  // session's secret itself never enters the token (the session is random and unknown to an attacker,
  // so no key is needed; and it stays the same when the cookie secret is rotated).
  const sessionBinding = (request: FastifyRequest): string => {
    const session = request.cookies[options.sessionCookieName ?? 'cordon_session'];
    const staff = session ? createHash('sha256').update('cordon csrf session binding\0').update(session).digest('base64url') : 'signed-out';
    const other = options.csrfSessionOf?.(request);
    return other ? `${staff}.${createHash('sha256').update('cordon csrf other session binding\0').update(other).digest('base64url')}` : staff;
  };
  await app.register(fastifyCsrf, {
    cookieKey: CSRF_COOKIE,
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'lax', path: '/', secure: options.secureCookies },
    getToken: (request) => (request.body as Record<string, string> | undefined)?._csrf,
    getUserInfo: sessionBinding,
    // The token is an HMAC over the form's secret (a signed, httpOnly cookie) and the session's digest;
    // its strength is those two being unknown to an attacker, not this key, which is the same on every
    // process (and survives a rotation of the cookie secret) so that a form from one posts to another.
    csrfOpts: { hmacKey: CSRF_HMAC_KEY, userInfo: true },
  });
  // Signing in or out (any way: the sign-in form, single sign-on) sets or clears the session cookie;
  // the CSRF secret is then dropped too, so the next page starts a new one. Runs after the cookie
  // plugin has written its Set-Cookie headers.
  app.addHook('onSend', async (_request, reply) => {
    const setCookie = reply.getHeader('set-cookie');
    const cookies = (Array.isArray(setCookie) ? setCookie : setCookie === undefined ? [] : [String(setCookie)]).map(String);
    const sets = (name: string) => cookies.some((cookie) => cookie.startsWith(`${name}=`));
    if ([options.sessionCookieName ?? 'cordon_session', ...(options.otherSessionCookies ?? [])].some(sets) && !sets(CSRF_COOKIE)) {
      reply.header('set-cookie', app.serializeCookie(CSRF_COOKIE, '', { path: '/', expires: new Date(0), httpOnly: true, sameSite: 'lax', secure: options.secureCookies }));
    }
  });
  await app.register(fastifyFormbody, { bodyLimit: 1024 * 1024 });
  await registerMultipart(app);
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      rateLimited: true,
      retryAfterSeconds: Math.ceil(context.ttl / 1000),
      message: `Too many attempts. Wait ${Math.ceil(context.ttl / 1000)} seconds and try again.`,
    }),
  });
  await app.register(fastifyStatic, {
    root: [path.join(govukDist, 'govuk/assets'), path.join(mojRoot, 'moj/assets')],
    prefix: '/assets/',
    decorateReply: false,
    maxAge: '1d',
  });
  await app.register(fastifyStatic, {
    root: [path.join(govukDist, 'govuk'), path.join(mojRoot, 'moj'), path.join(here, 'public')],
    prefix: '/static/',
    decorateReply: false,
    allowedPath: (pathName) => /\.(css|m?js|map)$/.test(pathName),
    maxAge: '1h',
  });

  const templatePaths = [path.join(here, 'views'), path.join(srcRoot, 'modules'), srcRoot, govukDist, mojRoot];
  await app.register(fastifyView, {
    engine: { nunjucks },
    templates: templatePaths,
    options: {
      onConfigure: (env: nunjucks.Environment) => {
        env.addFilter('date', (value: unknown) => formatDate(value));
        env.addFilter('dateTime', (value: unknown) => formatDateTime(value));
        // A rule or reason built with YYYY-MM-DD dates, written for people ("4 December 2026").
        env.addFilter('readableDates', (value: unknown) => (typeof value === 'string' ? withReadableDates(value) : value));
        env.addFilter('pounds', (pence: unknown) => formatPounds(Number(pence)));
        // Names, not codes: `{{ code | named("country") }}` (names.ts).
        env.addFilter('named', (value: unknown, kind: string) => named(value, kind));
        // The MoJ timeline formats its dates with this filter; MoJ's own needs moment.js.
        env.addFilter('mojDate', (value: unknown, type?: string) => (type === 'date' || type === 'shortdate' ? formatDate(value) : formatDateTime(value)));
      },
    },
  } as Parameters<typeof fastifyView>[1]);

  // A form's CSRF token, bound to the session the page is shown to.
  app.decorateReply('csrfToken', function csrfToken(this: FastifyReply) {
    return this.generateCsrf({ userInfo: sessionBinding(this.request) });
  });
  app.decorateReply('confirmation', function confirmation(this: FastifyReply, message: string) {
    const text = message.replace(/\s+/g, ' ').trim().slice(0, CONFIRMATION_MAX_LENGTH);
    if (text) this.setCookie(CONFIRMATION_COOKIE, text, { signed: true, httpOnly: true, sameSite: 'lax', path: '/', secure: options.secureCookies, maxAge: CONFIRMATION_SECONDS });
    return this;
  });
  /** The confirmation waiting for this page, if any; it is shown once (the cookie is cleared). */
  const takeConfirmation = (reply: FastifyReply): string | null => {
    const raw = reply.request.cookies[CONFIRMATION_COOKIE];
    if (!raw) return null;
    reply.clearCookie(CONFIRMATION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: options.secureCookies });
    const unsigned = reply.request.unsignCookie(raw);
    return unsigned.valid && unsigned.value ? unsigned.value.slice(0, CONFIRMATION_MAX_LENGTH) : null;
  };
  app.decorateReply('page', async function page(this: FastifyReply, template: string, context: Record<string, unknown> = {}) {
    const request = this.request;
    const csrfToken = this.csrfToken();
    // A page that is an answer to a form (a refusal, errors) or an error page is not where a
    // confirmation belongs: it waits for the next page that is a success.
    const confirmation = this.statusCode < 400 && request.method === 'GET' ? takeConfirmation(this) : null;
    const nonce = (this as unknown as { cspNonce?: { script: string } }).cspNonce?.script;
    return this.type('text/html; charset=utf-8').view(template, {
      ...pageMessages(request.language ?? 'en'),
      serviceName: SERVICE_NAME,
      actor: request.actor,
      navigation: options.navigation(request.actor, request.url),
      csrfToken,
      cspNonce: nonce,
      currentUrl: request.url,
      confirmation,
      serviceNotice: options.serviceNotice?.() ?? null,
      ...context,
    });
  });

  app.addHook('onRequest', async (request) => {
    const found = await options.resolveActor(request);
    if (found) {
      request.actor = found.actor;
      request.authenticatedBy = found.by;
    }
  });
  app.addHook('onRequest', async (request) => checkRequestInput(request));
  app.decorateRequest('language', 'en');
  app.decorateRequest('askedLanguage', 'en');
  app.addHook('onRequest', async (request, reply) => {
    const header = request.headers['accept-language'];
    const asked = requestedLanguage({
      url: request.url,
      cookie: request.cookies[LANGUAGE_COOKIE],
      acceptLanguage: typeof header === 'string' ? header : undefined,
    });
    request.askedLanguage = asked.language;
    if (asked.fromQuery && request.cookies[LANGUAGE_COOKIE] !== asked.language) {
      reply.setCookie(LANGUAGE_COOKIE, asked.language, { path: '/', httpOnly: true, sameSite: 'lax', secure: options.secureCookies, maxAge: 365 * 24 * 3600 });
    }
  });
  app.addHook('preHandler', async (request, reply) => {
    const decision = decideAccess(request);
    if (decision === 'unauthenticated') return sendUnauthenticated(request, reply);
    if (decision === 'forbidden') return sendForbidden(request, reply);
    // Forms posted by a signed-in browser carry a CSRF token; API calls use bearer tokens instead.
    if (request.method === 'POST' && !isApiRequest(request) && request.authenticatedBy !== 'token') {
      await new Promise<void>((resolve, reject) => {
        app.csrfProtection(request, reply, (error?: Error) => (error ? reject(error) : resolve()));
      });
    }
  });

  registerMetrics(app, { token: options.metricsToken });

  app.get('/health', { config: { access: { public: true } } }, async () => ({ status: 'alive' }));
  app.get('/ready', { config: { access: { public: true } } }, async (_request, reply) => {
    const result = await options.readiness();
    return reply.code(result.ready ? 200 : 503).send({ status: result.ready ? 'ready' : 'not ready', checks: result.checks });
  });

  app.setNotFoundHandler({ preHandler: async () => {} }, async (request, reply) => {
    if (isApiRequest(request)) {
      return sendProblem(reply, { status: 404, title: 'Not found', detail: `There is nothing at ${request.method} ${request.url.split('?')[0]}.` });
    }
    return reply.code(404).page('errors/not-found.njk');
  });

  app.setErrorHandler(async (error: FastifyError & { rateLimited?: boolean; retryAfterSeconds?: number }, request, reply) => {
    const api = isApiRequest(request);
    if (error instanceof UnreadableInputError) {
      request.log.info({ code: error.code, status: 400, errors: error.errors }, error.message);
      if (api) return sendProblem(reply, { status: 400, title: 'Malformed request', detail: error.message, errors: error.errors });
      return reply.code(400).page('errors/bad-request.njk', { message: `${error.message}.` });
    }
    // The last line of defence: a value the database refused as data (a NUL byte, a number or a date
    // out of its column's range) is the sender's mistake, not the server's. Causes are fixed where the
    // input is read; this only keeps one that was missed from being a 500.
    const dataError = databaseDataError(error);
    if (dataError) {
      request.log.warn({ err: error, sqlState: dataError }, 'input the database refused as data');
      const detail = 'A value sent cannot be stored. Check the dates, amounts and text and try again.';
      if (api) return sendProblem(reply, { status: 400, title: 'Malformed request', detail, errors: [{ field: '(body)', message: detail }] });
      return reply.code(400).page('errors/bad-request.njk', { message: detail });
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error }, 'unhandled error');
    else request.log.info({ code: error.code, status }, error.message);
    if (status === 429) {
      if (api) return sendProblem(reply, { status, title: 'Too many requests', detail: error.message });
      const publicPage = options.publicErrorPage?.(request, reply.code(429), { kind: 'too-many-requests', seconds: error.retryAfterSeconds ?? 60 });
      if (publicPage) return publicPage;
      return reply.code(429).page('errors/too-many-requests.njk', { message: error.message });
    }
    if (error.code?.startsWith('FST_CSRF')) {
      return options.publicErrorPage?.(request, reply.code(403), { kind: 'form-expired' }) ?? reply.code(403).page('errors/form-expired.njk');
    }
    if (status === 415 || error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      if (api) {
        return sendProblem(reply, {
          status: 400,
          title: 'Send JSON',
          detail: 'This endpoint accepts application/json.',
          errors: [{ field: 'Content-Type', message: 'Set Content-Type to application/json' }],
        });
      }
      return reply.code(400).page('errors/bad-request.njk');
    }
    if (status === 413) {
      if (api) return sendProblem(reply, { status, title: 'Request too large', detail: 'Requests may be at most 1 MB.' });
      return reply.code(413).page('errors/bad-request.njk', { message: 'What you sent is too large.' });
    }
    if (status < 500) {
      const detail = error.code === 'FST_ERR_CTP_INVALID_JSON' || error instanceof SyntaxError ? 'The body is not valid JSON.' : error.message;
      if (api) return sendProblem(reply, { status, title: 'Malformed request', detail, errors: [{ field: '(body)', message: detail }] });
      return reply.code(status).page('errors/bad-request.njk');
    }
    if (api) {
      return sendProblem(reply, { status: 500, title: 'Something went wrong', detail: `Quote reference ${request.id} if you contact support.` });
    }
    return reply.code(500).page('errors/server-error.njk', { requestId: request.id });
  });

  return app;
}

/**
 * PostgreSQL's "data exception" states that only input can cause: 22021 invalid byte sequence (a
 * NUL), 22P05 untranslatable character, 22003 numeric value out of range, 22008 datetime field
 * overflow, 22007 invalid datetime format, 22P02 invalid text representation (a malformed uuid or
 * number). The state, when the error (or what it wraps: drizzle's query error) is one of them.
 */
export const INPUT_DATA_ERRORS: ReadonlySet<string> = new Set(['22021', '22P05', '22003', '22008', '22007', '22P02']);

export function databaseDataError(error: unknown): string | null {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth += 1) {
    if (typeof e.code === 'string' && INPUT_DATA_ERRORS.has(e.code)) return e.code;
  }
  return null;
}

export function sendForbidden(request: FastifyRequest, reply: FastifyReply, message?: string) {
  if (isApiRequest(request)) {
    return sendProblem(reply, { status: 403, title: 'Forbidden', detail: message ?? 'Your role may not use this endpoint.' });
  }
  return reply.code(403).page('errors/forbidden.njk', { message });
}

export { formatDate, formatDateTime } from './dates.js';

export function formatPounds(pence: number): string {
  if (!Number.isFinite(pence)) return '';
  return `£${(pence / 100).toLocaleString('en-GB', { minimumFractionDigits: pence % 100 === 0 ? 0 : 2, maximumFractionDigits: 2 })}`;
}
