import type { FastifyInstance } from 'fastify';
import type { Db } from '../../platform/database/client.js';
import type { CasesService } from '../casework/service.js';
import { ledgerRoutes } from './ledger-routes.js';
import { ledgerService, type LedgerService } from './ledger-service.js';
import type { FileStore } from '../../platform/files/file-store.js';

/** Every page of the ledger's work. */
export function financeRoutes(app: FastifyInstance, deps: { ledger: LedgerService }) {
  ledgerRoutes(app, { ledger: deps.ledger });
}

/** The ledger service, over the cases service it records payments through. */
export function financeServices(db: Db, deps: { cases: CasesService; files: FileStore }) {
  return {
    ledger: ledgerService(db, { cases: deps.cases, files: deps.files, log: (message, error) => console.error(message, error) }),
  };
}
