import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError } from '../../platform/events/command.js';
import { formErrors } from '../../platform/http/forms.js';
import { readMultipartForm } from '../../platform/files/multipart.js';
import { describeSize } from '../../platform/files/messages.js';
import { LEDGER_COLUMNS } from '../../domain/payments/ledger-file.js';
import { formatPounds } from '../../domain/penalty/money.js';
import type { Candidate, PayableLiability } from '../../domain/payments/ledger-matching.js';
import { PAYERS, PAYMENT_METHODS } from '../../domain/liability/actions.js';
import { FINANCE_OFFICERS, FINANCE_VIEWERS, SET_ASIDE_REASON_MAX, type LedgerLineRow } from './ledger-commands.js';
import { MAX_LEDGER_FILE_BYTES, type LedgerService } from './ledger-service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UPLOAD = { maxFiles: 1, maxFileBytes: MAX_LEDGER_FILE_BYTES };
type Body = Record<string, unknown>;
const text = (body: Body, name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');

const WAITING_REASONS: Record<string, string> = {
  unmatched: 'No penalty matched',
  ambiguous: 'Several penalties fit',
  refused: 'The case refused the payment',
};

const isOfficer = (request: FastifyRequest) => request.actor!.roles.some((role) => (FINANCE_OFFICERS as readonly string[]).includes(role));

/** `/finance/ledger-imports` (upload, progress, result) and the unmatched queue `/finance/unmatched`. */
export function ledgerRoutes(app: FastifyInstance, deps: { ledger: LedgerService }) {
  const { ledger } = deps;

  async function renderImports(request: FastifyRequest, reply: FastifyReply, status = 200, errors: FieldError[] = []) {
    const { errorList, fieldErrors } = formErrors(errors);
    return reply.code(status).page('finance/views/ledger-imports.njk', {
      pageTitle: 'Ledger imports',
      imports: await ledger.listImports(),
      canImport: isOfficer(request),
      columns: LEDGER_COLUMNS.join(','),
      maxSize: describeSize(MAX_LEDGER_FILE_BYTES),
      errorList,
      fieldErrors,
    });
  }

  app.get('/finance/ledger-imports', { config: { access: { roles: FINANCE_VIEWERS } } }, async (request, reply) => renderImports(request, reply));

  app.post('/finance/ledger-imports', { config: { access: { roles: FINANCE_OFFICERS }, multipart: UPLOAD } }, async (request, reply) => {
    const form = await readMultipartForm(request, UPLOAD);
    if (!form.ok) return renderImports(request, reply, 400, form.errors.map((error) => ({ ...error, field: 'file' })));
    const upload = form.files[0];
    if (!upload) return renderImports(request, reply, 422, [{ field: 'file', message: 'Select the ledger file to import' }]);
    const started = await ledger.startImport({ bytes: upload.bytes, fileName: upload.filename }, request.actor!);
    if (!started.ok) return renderImports(request, reply, 422, [{ field: 'file', message: started.message }]);
    return reply.redirect(`/finance/ledger-imports/${started.importId}${started.repeated ? '?repeated=1' : ''}`, 303);
  });

  app.get('/finance/ledger-imports/:id', { config: { access: { roles: FINANCE_VIEWERS } } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const found = UUID.test(id) ? await ledger.getImport(id) : null;
    if (!found) return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Import not found' });
    const rows = found.progress.status === 'running' ? [] : await ledger.linesOfImport(id);
    // Every recorded payment names the penalty it paid: person, role, offence, case.
    const paid = await ledger.penaltiesPaidBy(rows);
    const lines = rows.map((row) => {
      const penalty = row.liabilityId ? paid.get(row.liabilityId) : undefined;
      return { ...row, pays: penalty ? `${penalty.partyName}’s penalty (${penalty.role}, ${penalty.offence})` : null };
    });
    return reply.page('finance/views/ledger-import.njk', {
      pageTitle: `Ledger import: ${found.row.fileName}`,
      imported: found,
      lines,
      repeated: (request.query as Body).repeated === '1',
      reasons: WAITING_REASONS,
      methods: PAYMENT_METHODS,
      backLink: '/finance/ledger-imports',
    });
  });

  app.get('/finance/ledger-imports/:id/progress', { config: { access: { roles: FINANCE_VIEWERS } } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const progress = UUID.test(id) ? await ledger.progress(id) : null;
    if (!progress) return reply.code(404).send({ title: 'Not found' });
    return reply.header('cache-control', 'no-store').send(progress);
  });

  app.get('/finance/unmatched', { config: { access: { roles: FINANCE_VIEWERS } } }, async (_request, reply) => {
    const lines = await ledger.waitingLines();
    return reply.page('finance/views/unmatched.njk', { pageTitle: 'Unmatched payments', lines, reasons: WAITING_REASONS });
  });

  async function renderLine(request: FastifyRequest, reply: FastifyReply, line: LedgerLineRow, status = 200, values: Body = {}, errors: FieldError[] = [], extraPeople: PayableLiability[] = []) {
    const { errorList, fieldErrors } = formErrors(errors, { choice: 'choice', reference: 'reference', reason: 'reason', liabilityId: 'choice', line: 'assign-form' });
    const described = await ledger.describeCandidates((line.candidates ?? []) as Candidate[]);
    const seen = new Set(described.map((c) => c.liabilityId));
    const options = [
      ...described.map((c) => ({ liabilityId: c.liabilityId, liability: c.liability, why: c.why })),
      ...extraPeople.filter((p) => !seen.has(p.liabilityId)).map((p) => ({ liabilityId: p.liabilityId, liability: p, why: `a responsible person on ${p.caseReference}` })),
    ];
    return reply.code(status).page('finance/views/unmatched-line.njk', {
      pageTitle: `Payment of ${formatPounds(line.amountPence)} from ${line.payerName ?? 'an unknown payer'}`,
      line,
      options,
      canResolve: isOfficer(request) && line.status === 'waiting',
      setAsideReason: line.status === 'set-aside' ? await ledger.setAsideReason(line) : null,
      reasons: WAITING_REASONS,
      methods: PAYMENT_METHODS,
      payers: Object.entries(PAYERS).map(([value, label]) => ({ value, text: label, checked: (values.paidBy ?? '') === value })),
      maxReason: SET_ASIDE_REASON_MAX,
      values,
      errorList,
      fieldErrors,
      backLink: '/finance/unmatched',
    });
  }

  async function lineOr404(request: FastifyRequest, reply: FastifyReply): Promise<LedgerLineRow | null> {
    const { lineId } = request.params as { lineId: string };
    const line = UUID.test(lineId) ? await ledger.line(lineId) : null;
    if (!line) await reply.code(404).page('errors/not-found.njk', { pageTitle: 'Line not found' });
    return line;
  }

  app.get('/finance/unmatched/:lineId', { config: { access: { roles: FINANCE_VIEWERS } } }, async (request, reply) => {
    const line = await lineOr404(request, reply);
    return line ? renderLine(request, reply, line) : reply;
  });

  app.post('/finance/unmatched/:lineId/assign', { config: { access: { roles: FINANCE_OFFICERS } } }, async (request, reply) => {
    const line = await lineOr404(request, reply);
    if (!line) return reply;
    const body = (request.body ?? {}) as Body;
    // A reference typed with no radio chosen means another case.
    const choice = text(body, 'choice') || (text(body, 'reference') ? 'other' : '');
    let reference = text(body, 'reference');
    let liabilityId: string | undefined;
    if (!choice) return renderLine(request, reply, line, 422, body, [{ field: 'choice', message: 'Choose the penalty the payment is for, or another case' }]);
    if (choice !== 'other') {
      if (!UUID.test(choice)) return renderLine(request, reply, line, 422, body, [{ field: 'choice', message: 'Choose the penalty the payment is for, or another case' }]);
      const chosen = (await ledger.describeCandidates([{ reference: '', liabilityId: choice, why: '' }]))[0];
      if (!chosen) return renderLine(request, reply, line, 422, body, [{ field: 'choice', message: 'That penalty no longer exists; choose another' }]);
      reference = chosen.liability.caseReference;
      liabilityId = choice;
    } else if (!reference) {
      return renderLine(request, reply, line, 422, body, [{ field: 'reference', message: 'Enter the case reference, like CEC-2026-000123' }]);
    }
    const outcome = await ledger.assign(line.id, { reference, liabilityId, paidBy: text(body, 'paidBy') || undefined }, request.actor!);
    if (!outcome.ok) {
      // A refusal about a penalty chosen from the list belongs beside the list, not the reference box.
      const errors = outcome.errors.map((error) => (error.field === 'liabilityId' || (error.field === 'reference' && choice !== 'other') ? { ...error, field: 'choice' } : error));
      return renderLine(request, reply, (await ledger.line(line.id)) ?? line, 422, body, errors, outcome.people ?? []);
    }
    return reply.confirmation(`Payment assigned to case ${outcome.reference}`).redirect(`/finance/unmatched?resolved=${encodeURIComponent(outcome.reference)}`, 303);
  });

  app.post('/finance/unmatched/:lineId/set-aside', { config: { access: { roles: FINANCE_OFFICERS } } }, async (request, reply) => {
    const line = await lineOr404(request, reply);
    if (!line) return reply;
    const body = (request.body ?? {}) as Body;
    const outcome = await ledger.setAside(line.id, text(body, 'reason'), request.actor!);
    if (!outcome.ok) {
      const errors = 'errors' in outcome && outcome.errors.length ? outcome.errors : [{ field: 'reason', message: outcome.message }];
      return renderLine(request, reply, line, 422, body, errors);
    }
    return reply.confirmation('Payment set aside with your reason').redirect('/finance/unmatched?setAside=1', 303);
  });
}
