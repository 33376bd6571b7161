import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PendingSignIn, SingleSignOn } from './oidc.js';
import { safeReturnTo, SESSION_COOKIE } from './routes.js';
import { startPageFor } from './navigation.js';

/*
 * The two steps of a single sign-on: `/sign-in/oidc` sends the person to the identity provider,
 * keeping the PKCE verifier, state and nonce in a short-lived signed cookie; the provider sends them
 * back to `/sign-in/oidc/callback`, where Cordon checks everything, finds or adds their user record
 * and issues its own session cookie. Registered only when single sign-on is configured.
 */

const PENDING_COOKIE = 'cordon_oidc';
const PENDING_PATH = '/sign-in/oidc';
/** How long a person may take at the provider before the sign-in must start again. */
const PENDING_SECONDS = 600;

export function singleSignOnRoutes(app: FastifyInstance, deps: { signOn: SingleSignOn; secureCookies: boolean }) {
  const { signOn } = deps;
  const providerName = signOn.providerName;

  // The local sign-in page shows the button when single sign-on is configured (views/sign-in.njk).
  app.addHook('preHandler', async (request, reply) => {
    // @fastify/view merges `reply.locals` into every page's context.
    const page = reply as FastifyReply & { locals?: Record<string, unknown> | null };
    if (request.routeOptions.url === '/sign-in') page.locals = { ...page.locals, singleSignOn: { providerName } };
  });

  const refused = (reply: FastifyReply, status: number, heading: string, paragraphs: string[]) =>
    reply.code(status).page('identity/views/sign-in-refused.njk', { pageTitle: heading, heading, paragraphs });

  const notWorking = (reply: FastifyReply) =>
    refused(reply, 503, `Sign in with ${providerName} is not working`, [
      `Cordon could not reach ${providerName}. Try again in a few minutes.`,
      'If you have a Cordon username and password, you can sign in with them instead.',
    ]);

  app.get(PENDING_PATH, { config: { access: { public: true } } }, async (request, reply) => {
    const { returnTo } = request.query as { returnTo?: unknown };
    let started;
    try {
      started = await signOn.start(callbackUrl(request), safeReturnTo(returnTo));
    } catch (error) {
      request.log.warn({ err: error }, 'single sign-on: the identity provider could not be reached');
      return notWorking(reply);
    }
    reply.setCookie(PENDING_COOKIE, JSON.stringify(started.pending), {
      path: PENDING_PATH,
      httpOnly: true,
      // Lax: the provider sends the person back with a top-level GET, which carries it.
      sameSite: 'lax',
      secure: deps.secureCookies,
      signed: true,
      maxAge: PENDING_SECONDS,
    });
    return reply.redirect(started.url.href, 303);
  });

  app.get(`${PENDING_PATH}/callback`, { config: { access: { public: true } } }, async (request, reply) => {
    const pending = pendingSignIn(request);
    reply.clearCookie(PENDING_COOKIE, { path: PENDING_PATH });
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    const params = new URLSearchParams(query);
    if (!pending) {
      return refused(reply, 400, 'Your sign-in could not be finished', [
        'It took too long, or it was started in another browser or tab.',
        `Go back to sign in and choose “Sign in with ${providerName}” again.`,
      ]);
    }
    if (params.has('error')) {
      return refused(reply, 400, `You did not finish signing in with ${providerName}`, [
        params.get('error') === 'access_denied' ? `${providerName} did not let Cordon know who you are.` : `${providerName} could not sign you in.`,
        'You have not been signed in to Cordon.',
      ]);
    }
    let person;
    try {
      person = await signOn.finish(query, pending);
    } catch (error) {
      request.log.warn({ err: error }, 'single sign-on: the answer from the identity provider was not accepted');
      return refused(reply, 400, 'Your sign-in could not be finished', [
        `Cordon could not check your sign-in with ${providerName}.`,
        `Go back to sign in and choose “Sign in with ${providerName}” again.`,
      ]);
    }
    const outcome = await signOn.signIn(person);
    if (!outcome.ok) {
      return outcome.reason === 'disabled'
        ? refused(reply, 403, 'Your Cordon account is switched off', ['An administrator has switched off your Cordon account.', 'If you think this is wrong, ask a Cordon administrator.'])
        : refused(reply, 403, 'You do not have access to Cordon', [
            `You signed in with ${providerName}, but your account there does not give you a role in Cordon.`,
            'Ask your manager to request access to Cordon for you. When your role has been added, sign in again.',
          ]);
    }
    reply.setCookie(SESSION_COOKIE, outcome.sessionToken, { path: '/', httpOnly: true, sameSite: 'lax', secure: deps.secureCookies });
    return reply.redirect(pending.returnTo ?? startPageFor(outcome.actor), 303);
  });
}

/** Where the provider sends the person back, on the host they asked for (CORDON_OIDC_REDIRECT_URL overrides it). */
function callbackUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}${PENDING_PATH}/callback`;
}

function pendingSignIn(request: FastifyRequest): PendingSignIn | null {
  const raw = request.cookies[PENDING_COOKIE];
  if (!raw) return null;
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return null;
  try {
    const value = JSON.parse(unsigned.value) as Partial<PendingSignIn>;
    if (typeof value.codeVerifier !== 'string' || typeof value.state !== 'string' || typeof value.nonce !== 'string' || typeof value.redirectUri !== 'string') return null;
    return { codeVerifier: value.codeVerifier, state: value.state, nonce: value.nonce, redirectUri: value.redirectUri, returnTo: safeReturnTo(value.returnTo) };
  } catch {
    return null;
  }
}
