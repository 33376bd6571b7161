import type { FastifyInstance } from 'fastify';
import type { Db } from '../../platform/database/client.js';
import type { CasesService } from '../casework/service.js';
import type { CasePageSection } from '../casework/case-page-sections.js';
import { debtRoutes } from '../enforcement/debt-routes.js';
import { debtSection } from '../enforcement/debt-section.js';
import { debtService, type DebtService } from '../enforcement/debt-service.js';
import { detentionRoutes, detentionSection } from '../enforcement/detention-routes.js';
import { ledgerRoutes } from './ledger-routes.js';
import { ledgerService, type LedgerService } from './ledger-service.js';
import type { FileStore } from '../../platform/files/file-store.js';
import type { BorderEventsService } from '../intake/service.js';

/** Every page of the ledger, debt and detention work. */
export function paymentsRoutes(app: FastifyInstance, deps: { db: Db; cases: CasesService; ledger: LedgerService; debt: DebtService }) {
  ledgerRoutes(app, { ledger: deps.ledger });
  debtRoutes(app, { db: deps.db, cases: deps.cases, debt: deps.debt });
  detentionRoutes(app, { db: deps.db, cases: deps.cases });
}

/** The case page sections: debt (in each person's card) and detention (case level). */
export function paymentsSections(debt: DebtService): CasePageSection[] {
  return [debtSection(debt), detentionSection];
}

/** The ledger and debt services, over the cases service they record payments through. */
export function paymentsServices(db: Db, deps: { cases: CasesService; files: FileStore; borderEvents: BorderEventsService }) {
  return {
    ledger: ledgerService(db, { cases: deps.cases, files: deps.files, log: (message, error) => console.error(message, error) }),
    debt: debtService(db, deps),
  };
}
