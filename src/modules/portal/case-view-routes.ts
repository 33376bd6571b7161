import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FileStore } from '../../platform/files/file-store.js';
import { pageMessages } from '../../platform/i18n/page-messages.js';
import { lettersToLiabilities } from '../correspondence/queries.js';
import { penaltyView, phraseWith, visiblePenalties, type CaseViewSources } from './case-view.js';
import { requirePortalSession, sendPortalNotFound } from './session.js';

/*
 * What a signed-in person sees (issue 15 item 3): `/portal/case`, their penalties (and an owner's
 * drivers'), `/portal/penalties/:liabilityId`, one penalty in full, and each letter's PDF at
 * `/portal/penalties/:liabilityId/letters/:letterId`. A penalty or letter they may not see is the
 * same 404 as a guessed address.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface CaseViewRouteDeps extends CaseViewSources {
  files: FileStore;
}

/** The page's phrase writers: `say` (escaped, marking English fallbacks) and `sayText` (plain). */
function writers(request: FastifyRequest) {
  const messages = pageMessages(request.language ?? 'en');
  return {
    say: phraseWith(messages.t, messages.tMoney, messages.tDate),
    sayText: phraseWith(messages.tText, messages.tMoney, messages.tDate),
  };
}

export function caseViewRoutes(app: FastifyInstance, deps: CaseViewRouteDeps) {
  const publicPage = { config: { access: { public: true as const } }, preHandler: requirePortalSession };

  app.get('/portal/case', publicPage, async (request, reply) => {
    const viewer = request.portal!;
    const penalties = (await visiblePenalties(deps, viewer)) ?? [];
    const own = penalties.filter((penalty) => penalty.liabilityId === viewer.liabilityId);
    const others = penalties.filter((penalty) => penalty.liabilityId !== viewer.liabilityId);
    return reply.page('portal/views/case-penalties.njk', { caseReference: viewer.caseReference, own, drivers: others, ...writers(request) });
  });

  app.get('/portal/penalties/:liabilityId', publicPage, async (request, reply) => {
    const viewer = request.portal!;
    const { liabilityId } = request.params as { liabilityId: string };
    const view = UUID.test(liabilityId) ? await penaltyView(deps, viewer, liabilityId, request.language ?? 'en') : null;
    if (!view) return sendPortalNotFound(reply);
    return reply.page('portal/views/penalty.njk', { p: view, ...writers(request) });
  });

  app.get('/portal/penalties/:liabilityId/letters/:letterId', publicPage, async (request, reply) => {
    const viewer = request.portal!;
    const { liabilityId, letterId } = request.params as { liabilityId: string; letterId: string };
    if (!UUID.test(liabilityId) || !UUID.test(letterId) || !viewer.visibleLiabilityIds.includes(liabilityId)) return sendPortalNotFound(reply);
    // Only a letter addressed to this (visible) liability: another's letter id is the same 404.
    const letter = (await lettersToLiabilities(deps.db, [liabilityId])).find((candidate) => candidate.id === letterId);
    const bytes = letter ? await deps.files.get(letter.fileHash) : null;
    if (!letter || !bytes) return sendPortalNotFound(reply);
    return reply
      .type('application/pdf')
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', `inline; filename="${viewer.caseReference}-${letter.form.replace(/[^\w-]/g, '')}.pdf"`)
      .send(bytes);
  });
}
