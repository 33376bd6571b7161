import type { FastifyInstance } from 'fastify';
import type { Db } from '../../platform/database/client.js';
import { loadCaseFile } from '../casework/case-file.js';
import { requirePortalSession } from './session.js';

/*
 * PLACEHOLDER (portal-access): `/portal/case`, the penalties the signed-in person may see, each
 * linking to `/portal/penalties/:liabilityId`. The case-view helper replaces this file and
 * `views/case.njk`.
 */
export function caseRoutes(app: FastifyInstance, deps: { db: Db }) {
  app.get('/portal/case', { config: { access: { public: true } }, preHandler: requirePortalSession }, async (request, reply) => {
    const session = request.portal!;
    const file = await loadCaseFile(deps.db, session.caseReference);
    const penalties = (file?.liabilities ?? [])
      .filter((row) => session.visibleLiabilityIds.includes(row.id))
      .map((row) => ({ id: row.id, name: row.partyName, role: row.role, offence: row.offence, own: row.id === session.liabilityId }));
    return reply.page('portal/views/case.njk', { pageTitleKey: 'portal.case.title', session, penalties });
  });
}
