import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { Actor } from '../events/event-store.js';

/**
 * Every route says who may use it; a route that says nothing is refused at start-up, so no page can
 * be left open by accident. `roles` lists role identifiers; `signed-in` is anyone signed in.
 */
export type Access = { public: true } | { signedIn: true } | { roles: readonly string[] };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** How the actor proved who they are. */
    authenticatedBy: 'session' | 'token' | null;
  }
}

export interface RouteAccess {
  method: string;
  url: string;
  access: Access;
}

/** Every route's declared access, keyed by method and URL (the route-by-role tests walk it). */
export const routeAccessRegistry = new Map<string, RouteAccess>();

/** Static files (stylesheets, scripts, fonts, images) are open to all, and the only answers a browser may keep. */
export const PUBLIC_PREFIXES = ['/assets/', '/static/'];

export function checkRouteDeclaresAccess(route: RouteOptions): void {
  if (PUBLIC_PREFIXES.some((prefix) => route.url.startsWith(prefix)) && !(route.config as { access?: Access } | undefined)?.access) {
    route.config = { ...(route.config ?? {}), access: { public: true } } as RouteOptions['config'];
  }
  const access = (route.config as { access?: Access } | undefined)?.access;
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  if (!access) {
    throw new Error(`Route ${methods.join(',')} ${route.url} does not declare who may use it (config.access)`);
  }
  for (const method of methods) {
    if (method === 'HEAD') continue;
    routeAccessRegistry.set(`${method} ${route.url}`, { method, url: route.url, access });
  }
}

export function isApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

export function actorMayUse(actor: Actor | null, access: Access): boolean {
  if ('public' in access) return true;
  if (!actor) return false;
  if ('signedIn' in access) return true;
  return actor.roles.some((role) => access.roles.includes(role));
}

export type AccessDecision = 'allow' | 'unauthenticated' | 'forbidden';

export function decideAccess(request: FastifyRequest): AccessDecision {
  const access = (request.routeOptions.config as { access?: Access }).access;
  if (!access || 'public' in access) return 'allow';
  if (!request.actor) return 'unauthenticated';
  return actorMayUse(request.actor, access) ? 'allow' : 'forbidden';
}

export function sendUnauthenticated(request: FastifyRequest, reply: FastifyReply) {
  if (isApiRequest(request)) {
    return reply
      .code(401)
      .header('www-authenticate', 'Bearer')
      .type('application/problem+json')
      .send({ type: 'about:blank', title: 'Sign-in required', status: 401, detail: 'Send an API token as "Authorization: Bearer <token>".' });
  }
  const returnTo = request.method === 'GET' ? `?returnTo=${encodeURIComponent(request.url)}` : '';
  return reply.redirect(`/sign-in${returnTo}`);
}
