import { and, asc, count, desc, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import { executeCommand, type CommandContext } from '../../platform/events/command.js';
import { readStream } from '../../platform/events/event-store.js';
import { registrationKey } from '../../domain/incident/registration.js';
import { portName } from '../../domain/reference/ports.js';
import { cases, liabilities } from './schema.js';
import { openCaseFromReferral } from './commands.js';
import { confirmLiabilityParty } from './link-party.js';
import { recordInvestigationOutcome, referForInvestigation } from './investigation.js';
import { describeEvent } from './timeline.js';
import { nextStep, stageLabel } from '../../domain/liability/stages.js';

export interface CaseListQuery {
  q?: string | undefined;
  offence?: string | undefined;
  port?: string | undefined;
  stage?: string | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

export function casesService(db: Db) {
  return {
    openCaseFromReferral: (input: unknown, context: CommandContext) => executeCommand(db, openCaseFromReferral, input, context),
    confirmLiabilityParty: (input: unknown, context: CommandContext) => executeCommand(db, confirmLiabilityParty, input, context),
    referForInvestigation: (input: unknown, context: CommandContext) => executeCommand(db, referForInvestigation, input, context),
    recordInvestigationOutcome: (input: unknown, context: CommandContext) => executeCommand(db, recordInvestigationOutcome, input, context),

    async listCases(query: CaseListQuery) {
      const pageSize = Math.min(Math.max(query.pageSize ?? 50, 1), 200);
      const page = Math.max(query.page ?? 1, 1);
      const filters: SQL[] = [];
      const q = query.q?.trim();
      if (q) {
        const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        filters.push(
          or(
            eq(cases.reference, q.toUpperCase()),
            eq(cases.vehicleRegistrationKey, registrationKey(q)),
            ilike(cases.companyName, like),
            ilike(cases.driverName, like),
          )!,
        );
      }
      if (query.offence) filters.push(eq(cases.offence, query.offence));
      if (query.port) filters.push(eq(cases.portCode, query.port));
      if (query.stage) filters.push(eq(cases.stage, query.stage));
      const where = filters.length ? and(...filters) : undefined;
      const [totalRow] = await db.select({ n: count() }).from(cases).where(where);
      const rows = await db
        .select()
        .from(cases)
        .where(where)
        .orderBy(desc(cases.createdAt), desc(cases.reference))
        .limit(pageSize)
        .offset((page - 1) * pageSize);
      const total = Number(totalRow?.n ?? 0);
      return { rows: rows.map((row) => ({ ...row, portName: portName(row.portCode), stageLabel: stageLabel(row.stage) })), total, page, pageSize, pages: Math.max(1, Math.ceil(total / pageSize)) };
    },

    async getCase(reference: string) {
      const [row] = await db.select().from(cases).where(eq(cases.reference, reference.trim().toUpperCase()));
      if (!row) return null;
      const people = await db.select().from(liabilities).where(eq(liabilities.caseId, row.id)).orderBy(asc(liabilities.role));
      const events = await readStream(db, `case-${row.id}`);
      return {
        ...row,
        portName: portName(row.portCode),
        stageLabel: stageLabel(row.stage),
        nextStep: nextStep(row.stage),
        liabilities: people.map((l) => ({ ...l, stageLabel: stageLabel(l.stage) })),
        timeline: events.map((event) => ({ ...describeEvent(event), actorName: event.actorName, occurredAt: event.occurredAt, version: event.version })).reverse(),
      };
    },
  };
}

export type CasesService = ReturnType<typeof casesService>;
