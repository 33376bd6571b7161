import type { FastifyInstance } from 'fastify';
import type { Db } from '../../platform/database/client.js';

/*
 * `/portal/case` and the penalty pages are in `case-view-routes.ts` (`caseViewRoutes`), registered
 * by `src/app.ts` right after `portalRoutes`: they need the cases service and the file store,
 * which the portal plugin is not given. Kept so `portal-routes.ts` needs no change.
 */
export function caseRoutes(_app: FastifyInstance, _deps: { db: Db }) {}
