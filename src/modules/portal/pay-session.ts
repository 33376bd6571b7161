import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/events/event-store.js';
import type { Language } from '../../platform/i18n/languages.js';

/*
 * What the payment pages need of the portal session (the shared portal contract: `request.portal`,
 * set by portal-access's hook from the `cordon_portal` cookie). Read through `sessionOf` so the pages
 * depend on the contract only; `portalPayActor` is the contract's `portalActor`.
 */

export interface PaySession {
  sessionId: string;
  caseId: string;
  caseReference: string;
  liabilityId: string;
  visibleLiabilityIds: string[];
  partyRole: string;
  personName: string;
  language: Language;
}

/** The signed-in person from `request.portal` (null when nobody is signed in). */
export function portalSessionOf(request: FastifyRequest): PaySession | null {
  return (request as unknown as { portal?: PaySession | null }).portal ?? null;
}

/** The actor a portal command is recorded under (as the contract's `portalActor`). */
export function portalPayActor(session: PaySession): Actor {
  return { id: `portal:${session.liabilityId}`, name: `${session.personName} (online)`, roles: ['portal-user'] };
}
