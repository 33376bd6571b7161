import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../platform/database/client.js';
import { apiRoute } from '../../platform/http/api.js';
import { sendProblem } from '../../platform/http/problem.js';
import { recordPersonalDataRead } from '../../platform/http/personal-data-reads.js';
import { CASE_READERS } from '../identity/roles.js';
import type { CasesService } from '../casework/service.js';
import { lettersOfCaseById } from './queries.js';

/*
 * `GET /api/v1/cases/{reference}/letters`: every letter the case produced, oldest first, with its
 * kind, language, date, recipient and whether it was posted or emailed, and a link to its PDF (the
 * staff route `/cases/{reference}/letters/{letterId}.pdf`). The same roles as the case API.
 */

const REFERENCE = /^CEC-\d{4}-\d{6}$/i;

/** The kind's name: the letter's title without the form code it ends with ("Initial notice (IS11E)" → "Initial notice"). */
export function letterKindName(form: string, title: string): string {
  const suffix = ` (${form})`;
  return title.endsWith(suffix) ? title.slice(0, -suffix.length) : title;
}

const letterSchema = z.object({
  id: z.string(),
  kind: z.object({ code: z.string().describe('The form code printed on the letter: IS11D, IS1131A, REMINDER…'), name: z.string() }),
  language: z.string().describe('The language the letter is written in (ISO 639-1)'),
  date: z.string().describe('When the letter was produced (ISO 8601)'),
  recipient: z.object({ liabilityId: z.string().nullable(), name: z.string(), role: z.string().nullable().describe('driver, owner, hirer, operator… (null when the letter is to nobody on the case now)') }),
  postedAt: z.string().nullable(),
  emailedAt: z.string().nullable(),
  pdf: z.string().describe('The letter’s PDF (staff sign-in or an API token)'),
});

export function lettersApi(app: FastifyInstance, deps: { db: Db; cases: CasesService }) {
  const { db, cases } = deps;
  apiRoute(app, {
    method: 'GET',
    path: '/api/v1/cases/:reference/letters',
    tag: 'Cases',
    summary: 'The letters of a case: kind, language, date, recipient, and a link to each PDF',
    access: { roles: CASE_READERS },
    responses: {
      200: { description: 'The case’s letters, oldest first', schema: z.object({ reference: z.string(), letters: z.array(letterSchema) }) },
      400: { description: 'Not a case reference (CEC-YYYY-NNNNNN)' },
      404: { description: 'No case has that reference' },
    },
    handler: async (request, reply) => {
      const { reference } = request.params as { reference: string };
      if (!REFERENCE.test(reference)) {
        return sendProblem(reply, { status: 400, title: 'Not a case reference', detail: 'A case reference is CEC-, the year and six digits: CEC-2026-000123.' });
      }
      const file = await cases.caseFile(reference.toUpperCase());
      if (!file) return sendProblem(reply, { status: 404, title: 'Case not found', detail: `No case has the reference ${reference.toUpperCase()}.` });
      const rows = (await lettersOfCaseById(db, file.kase.id)) as {
        id: string;
        form: string;
        title: string;
        language: string;
        liabilityId: string | null;
        recipientName: string;
        createdAt: Date;
        postedAt: Date | null;
        emailedAt: Date | null;
      }[];
      rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
      const people = new Map(file.liabilities.map((row) => [row.id, row]));
      await recordPersonalDataRead(request, [
        ...new Set(rows.map((row) => people.get(row.liabilityId ?? '')?.partyId ?? null)),
      ].map((partyId) => ({ record: 'case' as const, recordId: file.kase.id, caseReference: file.kase.reference, partyId })));
      return {
        reference: file.kase.reference,
        letters: rows.map((row) => {
          const person = row.liabilityId ? people.get(row.liabilityId) : undefined;
          return {
            id: row.id,
            kind: { code: row.form, name: letterKindName(row.form, row.title) },
            language: row.language,
            date: row.createdAt.toISOString(),
            recipient: { liabilityId: row.liabilityId, name: row.recipientName, role: person?.role ?? null },
            postedAt: row.postedAt?.toISOString() ?? null,
            emailedAt: row.emailedAt?.toISOString() ?? null,
            pdf: `/cases/${file.kase.reference}/letters/${row.id}.pdf`,
          };
        }),
      };
    },
  });
}
