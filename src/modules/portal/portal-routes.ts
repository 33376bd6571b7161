import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PublicError } from '../../platform/http/server.js';
import { isLanguage } from '../../platform/i18n/languages.js';
import type { Db } from '../../platform/database/client.js';
import type { Clock } from '../../platform/clock.js';
import { requestedLanguage } from '../../platform/i18n/page-messages.js';
import { PORTAL_COOKIE, portalSessionStore, showPortalSession, type PortalSession, type PortalSessionStore } from './session.js';
import type { Language } from '../../platform/i18n/languages.js';
import { portalSignInCheck, type IncidentDataOf } from './sign-in-check.js';
import { signInRoutes } from './sign-in-routes.js';
import { caseRoutes } from './case-routes.js';

/*
 * The public portal's plumbing (issue 15 items 1 and 2): every request gets `request.portal` from
 * the `cordon_portal` cookie; every public page (`/portal…`, `/contact`, `/feedback`) is written in
 * the signed-in person's language, or the one the browser asks for (`?lang=` — which, when signed
 * in, becomes the session's language and is remembered on the person's case through
 * `rememberLanguage`, the portal's `choosePreferredLanguage` command, so their next letters, emails
 * and visits are in it); then the sign-in pages and the case overview.
 */

/** Records the language a signed-in person chose on their case (src/modules/portal/actions: `choosePreferredLanguage`). */
export type RememberLanguage = (person: Pick<PortalSession, 'caseReference' | 'liabilityId' | 'personName'>, language: Language) => Promise<unknown>;

/** The public pages: their words come from the catalogues, in the reader's language (the accreditation scheme's public pages too). */
export const PUBLIC_PAGE = /^\/(portal|contact|feedback|accreditation\/(apply|answer|guidance|members))(\/|\?|\.|$)/;

/**
 * An expired form or too many attempts on a public page, in the reader's language and the public
 * layout (the platform's error handler calls this first: `publicErrorPage`); null for a staff page.
 */
export function sendPublicError(request: FastifyRequest, reply: FastifyReply, error: PublicError): Promise<FastifyReply> | null {
  if (!PUBLIC_PAGE.test(request.url)) return null;
  const asked = requestedLanguage({ url: request.url });
  // The error handler can run before the portal's hook has set the page's language (a rate limit answers first).
  request.language = asked.fromQuery ? asked.language : (request.portal?.language ?? (isLanguage(request.language) && request.language !== 'en' ? request.language : request.askedLanguage));
  if (error.kind === 'form-expired') {
    return reply.page('portal/views/error.njk', { titleKey: 'portal.error.formExpired.title', paragraphs: [{ key: 'portal.error.formExpired.nothingChanged' }, { key: 'portal.error.formExpired.again' }] });
  }
  return reply.page('portal/views/error.njk', { titleKey: 'portal.error.tooMany.title', paragraphs: [{ key: 'portal.error.tooMany.wait', params: { seconds: error.seconds } }] });
}

export function portalRoutes(
  app: FastifyInstance,
  deps: { db: Db; clock: Clock; incidentDataOf: IncidentDataOf; secureCookies: boolean; signInRateLimitPerMinute: number; idleMinutes?: number; rememberLanguage?: RememberLanguage },
): { sessions: PortalSessionStore } {
  const sessions = portalSessionStore(deps.db, { clock: deps.clock, ...(deps.idleMinutes ? { idleMinutes: deps.idleMinutes } : {}) });
  const check = portalSignInCheck(deps.db, { clock: deps.clock, incidentDataOf: deps.incidentDataOf });
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: deps.secureCookies };

  app.decorateRequest('portal', null);
  app.addHook('onRequest', async (request, reply) => {
    request.portal = null;
    const token = request.cookies[PORTAL_COOKIE];
    if (token) {
      request.portal = await sessions.resume(token);
      // Ended (inactivity, sign-out elsewhere): the browser forgets it.
      if (!request.portal) reply.clearCookie(PORTAL_COOKIE, cookieOptions);
    }
    // The public layout shows "Sign out" from this (@fastify/view merges reply.locals into every page's context).
    showPortalSession(reply, request.portal);
    if (!PUBLIC_PAGE.test(request.url)) return;
    const asked = requestedLanguage({ url: request.url });
    if (asked.fromQuery && request.portal && token && request.portal.language !== asked.language) {
      await sessions.setLanguage(token, asked.language);
      await deps.rememberLanguage?.(request.portal, asked.language);
      request.portal = { ...request.portal, language: asked.language };
      showPortalSession(reply, request.portal);
    }
    request.language = asked.fromQuery ? asked.language : (request.portal?.language ?? request.askedLanguage);
  });

  signInRoutes(app, { sessions, check, secureCookies: deps.secureCookies, signInRateLimitPerMinute: deps.signInRateLimitPerMinute, ...(deps.rememberLanguage ? { rememberLanguage: deps.rememberLanguage } : {}) });
  caseRoutes(app, { db: deps.db });
  return { sessions };
}
