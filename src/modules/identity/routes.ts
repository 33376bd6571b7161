import type { FastifyInstance } from 'fastify';
import type { IdentityService } from './service.js';
import { ADMINISTRATORS, ROLES } from './roles.js';
import { startPageFor } from './navigation.js';
import { asArray, formErrors } from '../../platform/http/forms.js';
import { addressFailureLimit } from './sign-in-throttle.js';
import { addressRefusal, signInProtectionRoutes, signInRefusal } from './sign-in-protection-routes.js';
import type { SignInOutcome } from './service.js';

export const SESSION_COOKIE = 'cordon_session';

function retryAfterSeconds(result: SignInOutcome | null, addressRefusedUntil: Date | null, now: Date): number {
  const until = (result && !result.ok && 'until' in result && result.until) || addressRefusedUntil || now;
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}

export function safeReturnTo(value: unknown): string | null {
  return typeof value === 'string' && /^\/(?!\/)[\w\-./?=&%]*$/.test(value) ? value : null;
}

export function identityRoutes(app: FastifyInstance, deps: { identity: IdentityService; secureCookies: boolean; signInRateLimitPerMinute: number }) {
  const { identity } = deps;
  const roleItems = (checked: string[] = []) =>
    Object.entries(ROLES).map(([value, text]) => ({ value, text: `${text} (${value})`, checked: checked.includes(value), selected: checked.includes(value) }));

  app.get('/', { config: { access: { public: true } } }, async (request, reply) => {
    if (!request.actor) return reply.redirect('/sign-in');
    return reply.redirect(startPageFor(request.actor));
  });

  app.get('/sign-in', { config: { access: { public: true } } }, async (request, reply) => {
    const { returnTo } = request.query as { returnTo?: string };
    return reply.page('identity/views/sign-in.njk', { pageTitle: 'Sign in', returnTo: safeReturnTo(returnTo) });
  });

  // Only failures count, per address here and per account in the database (`sign-in-throttle.ts`).
  const addressFailures = addressFailureLimit(deps.signInRateLimitPerMinute, { now: () => identity.signInProtection.now() });
  app.post('/sign-in', { config: { access: { public: true } } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const username = typeof body.username === 'string' ? body.username : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const returnTo = safeReturnTo(body.returnTo);
    const errors = [];
    if (!username.trim()) errors.push({ field: 'username', message: 'Enter your username' });
    if (!password) errors.push({ field: 'password', message: 'Enter your password' });
    const refusedUntil = errors.length ? null : addressFailures.refusedUntil(request.ip);
    if (refusedUntil) errors.push({ field: 'username', message: addressRefusal(refusedUntil, identity.signInProtection.now()) });
    const result = errors.length ? null : await identity.signIn(username, password);
    if (!result?.ok) {
      let status = refusedUntil ? 429 : 400;
      if (result) {
        const refusal = signInRefusal(result);
        if (result.reason === 'wrong') addressFailures.failed(request.ip);
        status = refusal.status;
        errors.push({ field: 'username', message: refusal.message });
      }
      if (status === 429) reply.header('retry-after', String(retryAfterSeconds(result, refusedUntil, identity.signInProtection.now())));
      return reply.code(status).page('identity/views/sign-in.njk', {
        pageTitle: 'Sign in',
        username,
        returnTo,
        ...formErrors(errors),
      });
    }
    reply.setCookie(SESSION_COOKIE, result.sessionToken, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.secureCookies,
    });
    return reply.redirect(returnTo ?? startPageFor(result.actor), 303);
  });

  app.post('/sign-out', { config: { access: { public: true } } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await identity.signOut(token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/sign-in?signedOut=1', 303);
  });

  app.get('/account', { config: { access: { signedIn: true } } }, async (request, reply) => {
    return reply.page('identity/views/account.njk', { pageTitle: 'Your account', roleNames: request.actor!.roles.map((r) => ROLES[r as keyof typeof ROLES] ?? r) });
  });

  app.get('/admin/users', { config: { access: { roles: ADMINISTRATORS } } }, async (_request, reply) => {
    return reply.page('identity/views/users.njk', { pageTitle: 'Users', users: await identity.listUsers(), roleItems: roleItems(), values: {} });
  });

  app.post('/admin/users', { config: { access: { roles: ADMINISTRATORS } } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const input = { username: body.username, displayName: body.displayName, roles: asArray(body.roles), password: body.password };
    const outcome = await identity.addUser(input, { actor: request.actor! });
    if (!outcome.ok) {
      const errors = 'errors' in outcome ? outcome.errors : [{ field: 'username', message: outcome.message }];
      return reply.code(422).page('identity/views/users.njk', {
        pageTitle: 'Users',
        users: await identity.listUsers(),
        roleItems: roleItems(input.roles),
        values: { username: body.username, displayName: body.displayName },
        ...formErrors(errors, { roles: 'roles' }),
      });
    }
    return reply.page('identity/views/users.njk', {
      pageTitle: 'Users',
      users: await identity.listUsers(),
      roleItems: roleItems(),
      values: {},
      added: outcome.value.username,
    });
  });

  app.get('/admin/tokens', { config: { access: { roles: ADMINISTRATORS } } }, async (request, reply) => {
    const tokens = await identity.listApiTokens();
    // After a revocation (admin-routes.ts): the banner names the token.
    const revokedId = (request.query as { revoked?: unknown }).revoked;
    const revoked = typeof revokedId === 'string' ? tokens.find((token) => token.id === revokedId && token.revokedAt) : undefined;
    return reply.page('identity/views/tokens.njk', { pageTitle: 'API tokens', tokens, roleItems: roleItems(), values: {}, revoked });
  });

  app.post('/admin/tokens', { config: { access: { roles: ADMINISTRATORS } } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const input = { name: body.name, role: body.role };
    const outcome = await identity.issueApiToken(input, { actor: request.actor! });
    if (!outcome.ok) {
      const errors = 'errors' in outcome ? outcome.errors : [{ field: 'name', message: outcome.message }];
      return reply.code(422).page('identity/views/tokens.njk', {
        pageTitle: 'API tokens',
        tokens: await identity.listApiTokens(),
        roleItems: roleItems(typeof body.role === 'string' ? [body.role] : []),
        values: { name: body.name },
        ...formErrors(errors),
      });
    }
    return reply.page('identity/views/tokens.njk', {
      pageTitle: 'API tokens',
      tokens: await identity.listApiTokens(),
      roleItems: roleItems(),
      values: {},
      issued: outcome.value,
    });
  });

  signInProtectionRoutes(app, { identity });
}
