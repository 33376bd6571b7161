import type { FastifyRequest } from 'fastify';

/*
 * Every read of a person's record by staff is logged (ARCHITECTURE.md, security baseline). A route
 * that shows a person's record says what it showed with `recordPersonalDataRead`; the log itself
 * belongs to a module (privacy), handed to the server by the composition root as the
 * `personalDataReads` decoration, so the modules that show records never import the one that keeps
 * the log (which reads them all for a subject access export).
 */

/** What was read: a register entry, a case, an incident, or the people found at one. */
export type PersonalRecordKind = 'party' | 'case' | 'incident' | 'people-found';

export interface PersonalDataRead {
  record: PersonalRecordKind;
  /** The record's id (a party's, case's or incident's UUID). */
  recordId: string;
  /** The register entry whose details were on the page, when one was (a party page, a case with a confirmed person). */
  partyId?: string | null;
  /** The case the record belongs to, for finding reads by case reference. */
  caseReference?: string | null;
}

export interface PersonalDataReadLog {
  /** Records the reads of one request (one statement); awaited, so nothing is shown before it is logged. */
  record(request: FastifyRequest, reads: readonly PersonalDataRead[]): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    personalDataReads?: PersonalDataReadLog;
  }
}

/** Logs what this request showed of people's records (nothing when `reads` is empty). */
export async function recordPersonalDataRead(request: FastifyRequest, reads: readonly PersonalDataRead[]): Promise<void> {
  if (reads.length === 0 || !request.actor) return;
  const log = request.server.personalDataReads;
  if (!log) throw new Error('No personal data read log is configured: the composition root must decorate the server with personalDataReads');
  await log.record(request, reads);
}
