import type { FastifyInstance } from 'fastify';
import type { Db } from '../../platform/database/client.js';
import type { CasesService } from '../casework/service.js';
import type { CasePageSection } from '../casework/case-page-sections.js';
import type { FileStore } from '../../platform/files/file-store.js';
import type { BorderEventsService } from '../intake/service.js';
import { debtRoutes } from './debt-routes.js';
import { debtSection } from './debt-section.js';
import { debtService, type DebtService } from './debt-service.js';
import { detentionRoutes, detentionSection } from './detention-routes.js';
import type { recordDetention } from './detention-commands.js';

/** Every page of the debt and detention work. */
export function enforcementRoutes(app: FastifyInstance, deps: { db: Db; cases: CasesService; debt: DebtService; recordDetention?: typeof recordDetention }) {
  debtRoutes(app, { db: deps.db, cases: deps.cases, debt: deps.debt });
  detentionRoutes(app, { db: deps.db, cases: deps.cases, ...(deps.recordDetention ? { recordDetention: deps.recordDetention } : {}) });
}

/** The case page sections: debt (in each person's card) and detention (case level). */
export function enforcementSections(debt: DebtService): CasePageSection[] {
  return [debtSection(debt), detentionSection];
}

/** The debt service, over the cases service it records debt steps through. */
export function enforcementServices(db: Db, deps: { cases: CasesService; files: FileStore; borderEvents: BorderEventsService }) {
  return { debt: debtService(db, deps) };
}
