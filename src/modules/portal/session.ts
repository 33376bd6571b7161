import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, lt } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../platform/database/client.js';
import type { Actor } from '../../platform/events/event-store.js';
import type { Clock } from '../../platform/clock.js';
import { isLanguage, type Language } from '../../platform/i18n/languages.js';
import { loadCaseFile } from '../casework/case-file.js';
import { caseReferenceOfId, visibleLiabilityIdsOf } from './access-visibility.js';
import { portalSessions } from './schema.js';

/*
 * The portal's signed-in person: a letter's recipient who opened their case with its access code
 * (sign-in-routes.ts). The `cordon_portal` cookie holds a random token; only its SHA-256 is kept.
 * A session ends after PORTAL_IDLE_MINUTES without a request (each request moves it on) and at
 * sign-out. Every request gets `request.portal` (null when not signed in) from the hook in
 * portal-routes.ts.
 */

export const PORTAL_COOKIE = 'cordon_portal';
/** Minutes without a request after which a portal session ends (CORDON_PORTAL_IDLE_MINUTES, 20 unless set). */
export const PORTAL_IDLE_MINUTES = Number(process.env.CORDON_PORTAL_IDLE_MINUTES) > 0 ? Number(process.env.CORDON_PORTAL_IDLE_MINUTES) : 20;

export interface PortalSession {
  sessionId: string;
  caseId: string;
  caseReference: string;
  /** The person who signed in (the letter's recipient). */
  liabilityId: string;
  /** Their own penalty and, for an owner, hirer, operator or employer, the drivers' penalties it is jointly liable for. */
  visibleLiabilityIds: string[];
  /** 'driver' | 'owner' | 'hirer' | 'operator'. */
  partyRole: string;
  personName: string;
  language: Language;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The portal session of this request, or null (set for every request by portal-routes.ts). */
    portal: PortalSession | null;
  }
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** The actor a portal command is recorded under: the person, online. */
export function portalActor(session: PortalSession): Actor {
  return { id: `portal:${session.liabilityId}`, name: `${session.personName} (online)`, roles: ['portal-user'] };
}

export function portalSessionStore(db: Db, options: { clock: Clock; idleMinutes?: number }) {
  const idleMs = () => (options.idleMinutes ?? PORTAL_IDLE_MINUTES) * 60_000;
  return {
    /** A new session for this person; the token goes in the cookie. */
    async start(input: { caseId: string; liabilityId: string; language: Language }): Promise<string> {
      const token = randomBytes(32).toString('base64url');
      const now = options.clock.now();
      await db.delete(portalSessions).where(lt(portalSessions.expiresAt, now));
      await db.insert(portalSessions).values({ tokenHash: hashToken(token), ...input, createdAt: now, expiresAt: new Date(now.getTime() + idleMs()) });
      return token;
    },

    /** The session of a cookie's token while it lasts, moved on (sliding); null once it has ended. */
    async resume(token: string): Promise<PortalSession | null> {
      if (!token || token.length > 200) return null;
      const now = options.clock.now();
      const tokenHash = hashToken(token);
      const [row] = await db
        .update(portalSessions)
        .set({ expiresAt: new Date(now.getTime() + idleMs()) })
        .where(and(eq(portalSessions.tokenHash, tokenHash), gt(portalSessions.expiresAt, now)))
        .returning();
      if (!row) return null;
      const reference = await caseReferenceOfId(db, row.caseId);
      const file = reference ? await loadCaseFile(db, reference) : null;
      const person = file?.liabilities.find((l) => l.id === row.liabilityId);
      if (!file || !person) return null;
      return {
        sessionId: tokenHash.slice(0, 16),
        caseId: row.caseId,
        caseReference: file.kase.reference,
        liabilityId: row.liabilityId,
        visibleLiabilityIds: await visibleLiabilityIdsOf(db, file, row.liabilityId),
        partyRole: person.role,
        personName: person.partyName,
        language: isLanguage(row.language) ? row.language : 'en',
      };
    },

    async setLanguage(token: string, language: Language): Promise<void> {
      await db.update(portalSessions).set({ language }).where(eq(portalSessions.tokenHash, hashToken(token)));
    },

    async end(token: string): Promise<void> {
      await db.delete(portalSessions).where(eq(portalSessions.tokenHash, hashToken(token)));
    },
  };
}

export type PortalSessionStore = ReturnType<typeof portalSessionStore>;

/** The not-found page of the portal (a guessed address, or a penalty this person may not see: the same answer). */
export function sendPortalNotFound(reply: FastifyReply) {
  return reply.code(404).page('portal/views/not-found.njk', { pageTitleKey: 'portal.notFound.title' });
}

/**
 * A preHandler for every portal page that needs a signed-in person: none → back to `/portal`
 * with a message; a `:liabilityId` in the address that is not one of theirs → the same 404 as
 * a guessed one.
 */
export async function requirePortalSession(request: FastifyRequest, reply: FastifyReply) {
  const session = request.portal;
  if (!session) {
    return reply.redirect('/portal?expired=1', 303);
  }
  const liabilityId = (request.params as Record<string, unknown> | undefined)?.liabilityId;
  if (liabilityId !== undefined && (typeof liabilityId !== 'string' || !session.visibleLiabilityIds.includes(liabilityId))) {
    return sendPortalNotFound(reply);
  }
}

/** Puts the session into every page's context (`portal`, for the layout's "Sign out"): @fastify/view merges `reply.locals` in. */
export function showPortalSession(reply: FastifyReply, session: PortalSession | null): void {
  const withLocals = reply as FastifyReply & { locals?: Record<string, unknown> | null };
  withLocals.locals = { ...(withLocals.locals ?? {}), portal: session };
}
